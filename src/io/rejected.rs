//! What a record checker did not turn into events: the records with problems, as read, and the
//! events dropped for an id used before; a file that is otherwise sound opens without them.

use crate::model::Event;

use super::record::RawEvent;

/// What a [`super::record::Checker`] did not turn into events.
#[derive(Debug, Default)]
pub struct Rejected {
    /// The indices, among the events the checker returned (in order), of those whose id an
    /// earlier record has: they are dropped.
    pub duplicates: Vec<usize>,
    /// The records that gave no event, as read.
    pub records: Vec<RawEvent>,
}

impl Rejected {
    /// How many records give no event.
    pub fn count(&self) -> usize {
        self.duplicates.len() + self.records.len()
    }

    /// Removes the duplicates from `events` (the checker's answers, in order) and returns them.
    pub fn drop_duplicates(&self, events: &mut Vec<Event>) -> Vec<Event> {
        if self.duplicates.is_empty() {
            return Vec::new();
        }
        let mut dropped = Vec::with_capacity(self.duplicates.len());
        let mut next = self.duplicates.iter().peekable();
        let mut kept = Vec::with_capacity(events.len() - self.duplicates.len().min(events.len()));
        for (i, e) in std::mem::take(events).into_iter().enumerate() {
            if next.peek() == Some(&&i) {
                next.next();
                dropped.push(e);
            } else {
                kept.push(e);
            }
        }
        *events = kept;
        dropped
    }
}
