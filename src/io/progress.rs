//! How far a load has got, and a way to stop it: shared between the thread that reads a file and
//! the window that shows a progress bar and a Cancel button.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// Progress of one load, from 0 to 1, and whether it was asked to stop.
#[derive(Debug, Default)]
pub struct Progress {
    /// Thousandths done.
    permille: AtomicU32,
    cancelled: AtomicBool,
}

impl Progress {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the fraction done (clamped to 0–1); says whether to go on (false once cancelled).
    pub fn set(&self, fraction: f64) -> bool {
        let permille = (fraction.clamp(0.0, 1.0) * 1000.0).round() as u32;
        self.permille.fetch_max(permille, Ordering::Relaxed);
        !self.is_cancelled()
    }

    pub fn fraction(&self) -> f32 {
        self.permille.load(Ordering::Relaxed) as f32 / 1000.0
    }

    /// Asks the load to stop at its next step.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// A part of the work: `fraction` of the part maps to `from..to` of the whole.
    pub fn part(&self, from: f64, to: f64, fraction: f64) -> bool {
        self.set(from + (to - from) * fraction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_only_moves_forward_and_cancel_stops() {
        let p = Progress::new();
        assert!(p.set(0.5));
        assert!(p.set(0.25));
        assert_eq!(p.fraction(), 0.5);
        assert!(p.part(0.5, 1.0, 0.5));
        assert_eq!(p.fraction(), 0.75);
        p.cancel();
        assert!(!p.set(0.9));
        assert!(p.is_cancelled());
    }
}
