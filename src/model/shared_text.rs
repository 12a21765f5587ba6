//! One string for the text of many events: a reader that first slices the text of a whole
//! file (cells, delimiters, dates, quotes and all) copies what its events keep of it (ids,
//! titles, places, descriptions) into one string they then share, so that the file's text can
//! be freed. A CSV row of a million-event file is ~100 bytes of which ~75 are kept.

use arcstr::ArcStr;

use super::event::Event;

/// One string of the texts `each` gives, one after the other (`each` gives the same texts every
/// time: once to size the string, once to fill it). `None` when they come to 4 GiB or more (a
/// [`crate::model::Text`] slices at most that much).
pub fn joined<'t, I: Iterator<Item = &'t str>>(each: impl Fn() -> I) -> Option<ArcStr> {
    filled(each().map(str::len).sum(), |buf| {
        let mut at = 0;
        for text in each() {
            if let Some(to) = buf.get_mut(at..at + text.len()) {
                to.copy_from_slice(text.as_bytes());
            }
            at += text.len();
        }
    })
}

/// A string of `total` bytes, which `fill` writes (whole strings one after the other: always
/// valid UTF-8). `None` when they come to 4 GiB or more.
fn filled(total: usize, fill: impl FnOnce(&mut [u8])) -> Option<ArcStr> {
    u32::try_from(total).ok()?;
    if total == 0 {
        return Some(ArcStr::new());
    }
    ArcStr::init_with(total, fill).ok()
}

/// Copies the ids, titles, places and descriptions of `events` into one new string (as
/// [`joined`] makes one) and makes them slices of it, so that they no longer hold on to the
/// strings they were slices of. An empty text becomes one that holds nothing. Does nothing when
/// the texts come to 4 GiB or more.
pub fn share_one_text(events: &mut [Event]) {
    // (Sized from the lengths the events keep, and filled text by text from where each lies:
    // going through `Event::texts` twice took a third of the time of this sharing.)
    let total = events.iter().map(Event::texts_len).sum();
    let Some(shared) = filled(total, |buf| {
        let mut at = 0;
        for e in events.iter() {
            at = e.copy_texts_into(buf, at);
        }
    }) else {
        return;
    };
    let mut at = 0;
    for e in events {
        at = e.share_texts(&shared, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HistDate;

    #[test]
    fn events_keep_their_text_and_let_go_of_the_file() {
        let file = ArcStr::from("e1,First,1855,Shimoda,,e2,Second,1904,,A war");
        let slice = |text: &str| {
            let at = file.find(text).expect("in the file");
            file.substr(at..at + text.len())
        };
        let date = HistDate::parse("1855").expect("a date");
        let mut first = Event::new(slice("e1"), slice("First"), date.clone());
        first.set_place(Some(slice("Shimoda")));
        let mut second = Event::new(slice("e2"), slice("Second"), date);
        second.set_description(slice("A war"));
        let mut events = vec![first, second];
        let before = events.clone();
        share_one_text(&mut events);
        assert_eq!(events[0].id(), "e1");
        assert_eq!(events[0].title(), "First");
        assert_eq!(events[0].place(), Some("Shimoda"));
        assert_eq!(events[0].description(), "");
        assert_eq!(events[1].title(), "Second");
        assert_eq!(events[1].place(), None);
        assert_eq!(events[1].description(), "A war");
        for (e, b) in events.iter().zip(&before) {
            assert!(e.texts().eq(b.texts()));
        }
        drop(before);
        // Nothing holds the file's text but the file itself now.
        assert_eq!(ArcStr::strong_count(&file), Some(1));
        // Each of the texts is a slice of one string of exactly their bytes.
        let shared = events[0].text_parents().next().expect("texts");
        assert_eq!(shared.as_str(), "e1FirstShimodae2SecondA war");
        assert!(
            events
                .iter()
                .flat_map(Event::text_parents)
                .all(|p| ArcStr::ptr_eq(p, shared))
        );
    }

    #[test]
    fn events_without_text_hold_nothing() {
        let date = HistDate::parse("1855").expect("a date");
        let mut events = vec![Event::new("", "", date)];
        share_one_text(&mut events);
        assert_eq!(events[0].id(), "");
    }
}
