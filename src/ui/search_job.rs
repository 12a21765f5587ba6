//! Searching a big dataset off the UI thread: each keystroke cancels the search before it and
//! starts a new one; the window keeps showing the last answer until the new one arrives.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

use crate::model::{Dataset, Filter, Search};

/// Datasets with more events than this are searched in the background.
pub const BACKGROUND_EVENTS: usize = 50_000;

/// Whether each event matches the search, and how many matching events pass the filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    pub matches: Vec<bool>,
    pub count: usize,
}

/// Runs a search; `None` when cancelled.
pub fn find(dataset: &Dataset, filter: &Filter, cancel: &AtomicBool) -> Option<Matches> {
    let search = Search::new(&filter.search);
    let mut matches = Vec::with_capacity(dataset.events().len());
    let mut count = 0;
    for chunk in dataset.events().chunks(16 * 1024) {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        for e in chunk {
            let m = search.matches(e);
            count += usize::from(m && filter.passes(e));
            matches.push(m);
        }
    }
    Some(Matches { matches, count })
}

/// A search running in a thread of its own.
pub struct SearchJob {
    cancel: Arc<AtomicBool>,
    rx: Receiver<Matches>,
}

impl SearchJob {
    pub fn start(dataset: Arc<Dataset>, filter: Filter, ctx: Option<egui::Context>) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let stop = Arc::clone(&cancel);
        std::thread::spawn(move || {
            if let Some(m) = find(&dataset, &filter, &stop) {
                let _ = tx.send(m);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            }
        });
        Self { cancel, rx }
    }

    /// The answer, once there is one.
    pub fn poll(&self) -> Option<Matches> {
        self.rx.try_recv().ok()
    }
}

impl Drop for SearchJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}
