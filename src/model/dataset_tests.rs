//! Tests of building a dataset: the progress it reports, and its events in start order where
//! they were read (the order and the lanes themselves: `indexing_tests.rs`).

use super::*;
use crate::model::indexing::{KEYS_DONE, SORTED};

#[test]
fn building_a_big_dataset_reports_progress_forward_to_the_end() {
    let mut events = crate::synth::events(100_000, 3);
    fastrand::Rng::with_seed(8).shuffle(&mut events);
    let seen = std::cell::RefCell::new(Vec::new());
    let (d, _) = Dataset::new_reporting(Meta::default(), Vec::new(), Vec::new(), events, &|f| {
        seen.borrow_mut().push(f);
    });
    assert_eq!(d.events().len(), 100_000);
    assert_eq!(seen.into_inner(), [KEYS_DONE, SORTED, 1.0]);
}

#[test]
fn shuffled_events_are_given_in_start_order_where_they_were_read() {
    // The events read in a shuffled order are not moved: the dataset gives them in start
    // order all the same, by place, by iteration from either end and by id.
    let sorted = crate::synth::dataset(5000, 11);
    let mut shuffled = sorted.events().to_vec();
    fastrand::Rng::with_seed(3).shuffle(&mut shuffled);
    let (d, _) = Dataset::new(
        sorted.meta.clone(),
        sorted.themes().to_vec(),
        sorted.eras().to_vec(),
        shuffled,
    );
    assert!(d == sorted);
    let starts: Vec<f64> = d.events().iter().map(Event::axis_start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    assert!(
        d.events()
            .iter()
            .rev()
            .map(Event::axis_start)
            .eq(starts.iter().rev().copied())
    );
    for place in [0, 1, 2500, 4999] {
        let e = &d.events()[place];
        assert_eq!(d.index_of(e.id()), Some(place), "{}", e.id());
        assert_eq!(d.event(place).map(Event::id), Some(e.id()));
    }
    for (lane, index) in d.lanes().iter().enumerate() {
        for i in index.events() {
            assert_eq!(d.events()[i].theme.as_str(), d.themes()[lane].id);
        }
    }
    assert_eq!(d.summary(), sorted.summary());
}
