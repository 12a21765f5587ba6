//! A dataset's events in start order, as [`crate::model::Dataset::events`] gives them: kept in
//! the order they were read, with the order of their starts beside them (four bytes an event),
//! so that a big file's events are never moved to sort them (with ten million events, moving
//! them one by one to their sorted places took 3.3–3.8 s of a 12 s open: a chain of random
//! reads). Where they were read in order already (a sorted file, a snapshot, an edit's rebuild
//! of a small dataset) there is no order at all. Places (what [`EventList::get`] takes, what
//! lane indices and selections hold) are always places in start order.

use std::ops::{Index, Range};

use super::event::Event;

/// Events in start order (see the module's doc).
#[derive(Clone, Debug, Default)]
pub struct EventList {
    /// In the order read.
    all: Vec<Event>,
    /// `order[place]` is where the event at `place` in start order is in `all`; `None` when
    /// `all` is in start order.
    order: Option<Vec<u32>>,
}

impl EventList {
    /// `all` in the order `order` gives (each of `0..all.len()` once, as checked by the caller;
    /// an out-of-range entry is a bug and panics on use). An `order` that leaves every event in
    /// its place is dropped.
    pub(crate) fn new(all: Vec<Event>, order: Vec<u32>) -> Self {
        debug_assert_eq!(all.len(), order.len());
        let in_place = order.iter().enumerate().all(|(p, &i)| p == i as usize);
        Self {
            all,
            order: (!in_place).then_some(order),
        }
    }

    /// Events already in start order.
    pub(crate) fn in_order(all: Vec<Event>) -> Self {
        Self { all, order: None }
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Where the event at `place` (in start order) is among those read.
    fn stored(&self, place: usize) -> usize {
        self.order.as_ref().map_or(place, |o| o[place] as usize)
    }

    /// The event at `place` in start order.
    pub fn get(&self, place: usize) -> Option<&Event> {
        (place < self.len()).then(|| &self.all[self.stored(place)])
    }

    pub fn first(&self) -> Option<&Event> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&Event> {
        self.len().checked_sub(1).and_then(|p| self.get(p))
    }

    /// The events in start order.
    pub fn iter(&self) -> Iter<'_> {
        self.range(0..self.len())
    }

    /// The events at `places` (in start order; clamped to the list).
    pub fn range(&self, places: Range<usize>) -> Iter<'_> {
        let end = places.end.min(self.len());
        Iter {
            list: self,
            front: places.start.min(end),
            back: end,
        }
    }

    /// The events in no particular order (the order read): for what does not depend on their
    /// order (a sum, a search for one), one pass through memory where start order jumps about.
    pub fn unordered(&self) -> std::slice::Iter<'_, Event> {
        self.all.iter()
    }

    /// The events in the order read (see [`EventList::unordered`]).
    pub fn as_read(&self) -> &[Event] {
        &self.all
    }

    /// The place (in start order) of the first event with this id: the events are scanned in
    /// the order read (one pass through memory), then that event's place found.
    pub fn position_of_id(&self, id: &str) -> Option<usize> {
        let stored = self.all.iter().position(|e| e.id() == id)?;
        match &self.order {
            None => Some(stored),
            // The first in start order among events of this id, as a scan in that order finds.
            Some(order) => {
                let first = self.all[stored..]
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.id() == id)
                    .map(|(i, _)| (stored + i) as u32)
                    .collect::<Vec<_>>();
                order.iter().position(|i| first.contains(i))
            }
        }
    }

    /// The events, in start order, as a vector of their own.
    pub fn to_vec(&self) -> Vec<Event> {
        self.iter().cloned().collect()
    }
}

impl Index<usize> for EventList {
    type Output = Event;

    fn index(&self, place: usize) -> &Event {
        &self.all[self.stored(place)]
    }
}

impl PartialEq for EventList {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

/// Events in start order equal to those of a slice.
impl PartialEq<[Event]> for EventList {
    fn eq(&self, other: &[Event]) -> bool {
        self.len() == other.len() && self.iter().eq(other)
    }
}

impl PartialEq<Vec<Event>> for EventList {
    fn eq(&self, other: &Vec<Event>) -> bool {
        *self == **other
    }
}

impl<'a> IntoIterator for &'a EventList {
    type Item = &'a Event;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The events of an [`EventList`] in start order.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    list: &'a EventList,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Event;

    fn next(&mut self) -> Option<&'a Event> {
        (self.front < self.back).then(|| {
            self.front += 1;
            &self.list[self.front - 1]
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<&'a Event> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            &self.list[self.back]
        })
    }
}

impl ExactSizeIterator for Iter<'_> {}
impl std::iter::FusedIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::HistDate;

    fn event(id: &str) -> Event {
        let start = HistDate::parse("1900").unwrap_or_else(|e| panic!("{e}"));
        Event::new(id, id, start)
    }

    fn ids<'a>(it: impl Iterator<Item = &'a Event>) -> Vec<String> {
        it.map(|e| e.id().to_string()).collect()
    }

    #[test]
    fn places_are_in_the_order_given_and_the_stored_order_is_kept() {
        let list = EventList::new(vec![event("a"), event("b"), event("c")], vec![2, 0, 1]);
        assert_eq!(ids(list.iter()), ["c", "a", "b"]);
        assert_eq!(ids(list.iter().rev()), ["b", "a", "c"]);
        assert_eq!(list[0].id(), "c");
        assert_eq!(list.get(2).map(Event::id), Some("b"));
        assert!(list.get(3).is_none());
        assert_eq!(list.first().map(Event::id), Some("c"));
        assert_eq!(list.last().map(Event::id), Some("b"));
        assert_eq!(ids(list.range(1..9)), ["a", "b"]);
        assert_eq!(list.iter().len(), 3);
        assert_eq!(list.iter().nth(1).map(Event::id), Some("a"));
        assert_eq!(ids(list.to_vec().iter()), ["c", "a", "b"]);
        assert_eq!(list.position_of_id("a"), Some(1));
        assert_eq!(list.position_of_id("z"), None);
        assert_eq!(list, EventList::in_order(list.to_vec()));
    }

    #[test]
    fn an_order_that_moves_nothing_is_not_kept() {
        let list = EventList::new(vec![event("a"), event("b")], vec![0, 1]);
        assert!(list.order.is_none());
        assert_eq!(ids(list.iter()), ["a", "b"]);
    }

    #[test]
    fn a_repeated_id_is_found_at_its_first_place_in_start_order() {
        // Stored: x(0) y(1) x(2); start order: x(2), y(1), x(0).
        let list = EventList::new(vec![event("x"), event("y"), event("x")], vec![2, 1, 0]);
        assert_eq!(list.position_of_id("x"), Some(0));
        assert_eq!(list.position_of_id("y"), Some(1));
    }
}
