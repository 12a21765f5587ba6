//! Search matches: found at once for a small dataset, in a background [`Job`] for a big one.
//! Each change of the search cancels the search before it; the window keeps showing the last
//! answer until the new one arrives.

use crate::io::Progress;
use crate::model::{Dataset, Filter, Search};
use std::sync::Arc;

use super::app::App;
use super::job::Job;

/// Datasets with more events than this are searched in the background.
pub const BACKGROUND_EVENTS: usize = 50_000;

/// Whether each event matches the search, and how many matching events pass the filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    pub matches: Vec<bool>,
    pub count: usize,
}

/// A search running in the background; its answer is `None` when it was cancelled.
pub type SearchJob = Job<Option<Matches>>;

/// Events searched between two reports of progress.
const SEARCH_CHUNK: usize = 16 * 1024;

/// Runs a search, reporting progress; `None` when cancelled.
pub fn find(dataset: &Dataset, filter: &Filter, progress: &Progress) -> Option<Matches> {
    let search = Search::new(&filter.search);
    let events = dataset.events();
    let mut matches = Vec::with_capacity(events.len());
    let mut count = 0;
    for first in (0..events.len()).step_by(SEARCH_CHUNK) {
        if !progress.set(matches.len() as f64 / events.len().max(1) as f64) {
            return None;
        }
        for e in events.range(first..first + SEARCH_CHUNK) {
            let m = search.matches(e);
            count += usize::from(m && filter.passes(e));
            matches.push(m);
        }
    }
    Some(Matches { matches, count })
}

impl App {
    /// Recomputes search matches when the search text (or the filter) changed: at once for a
    /// small dataset, in the background for a big one. Called by `apply` each frame.
    pub(super) fn refresh_matches(&mut self) {
        if let Some(answer) = self.jobs.search.as_ref().and_then(Job::poll) {
            self.jobs.search = None;
            if let Ok(Some(m)) = answer {
                self.take_matches(m);
            }
        }
        let key = self.filter.filter.search.trim().to_lowercase();
        if self.filter.matches_for.as_deref() == Some(key.as_str()) {
            return;
        }
        // Dropping a running search cancels it.
        self.jobs.search = None;
        if key.is_empty() {
            self.take_matches(Matches::default());
        } else if self.doc.dataset.events().len() > BACKGROUND_EVENTS {
            let (dataset, filter) = (Arc::clone(&self.doc.dataset), self.filter.filter.clone());
            self.jobs.search = Some(Job::spawn(self.ctx.clone(), move |task| {
                find(&dataset, &filter, task.progress())
            }));
        } else {
            let m = find(&self.doc.dataset, &self.filter.filter, &Progress::new());
            self.take_matches(m.unwrap_or_default());
        }
        self.filter.matches_for = Some(key);
    }

    /// Shows a search's matches, indexed per lane for the chart.
    fn take_matches(&mut self, m: Matches) {
        self.filter.matched_lanes = if m.matches.is_empty() {
            Vec::new()
        } else {
            crate::timeline::counts::matching_lanes(&self.doc.dataset, &m.matches)
        };
        self.filter.set_matches(m);
    }
}
