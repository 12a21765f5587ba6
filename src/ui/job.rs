//! Work that runs off the UI thread — loading a file, searching a big dataset, rendering a
//! figure — as one type: a [`Job`] runs a closure in a thread of its own, which reports how far
//! it has got and in what stage through a [`Task`], checks whether it was cancelled, and wakes
//! the window when it finishes. Dropping a job cancels it; the window keeps what it shows until
//! a job's answer arrives.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::io::Progress;

/// How often the window redraws while a job reports progress.
pub const PROGRESS_REPAINT: Duration = Duration::from_millis(100);

/// How often the window redraws while a file is read.
pub const LOAD_REPAINT: Duration = Duration::from_millis(250);

/// How often the window redraws at most while a job reports progress, where its frames are
/// drawn on the CPU.
pub const CPU_FRAMES_REPAINT: Duration = Duration::from_secs(1);

/// How often the window redraws while a job goes on: `usual`, but at most once a second where
/// its frames are drawn on the CPU (`cpu_frames`: Mesa's llvmpipe or lavapipe, as in a virtual
/// machine or a remote desktop without a GPU), where a frame of the whole window costs a core
/// for a fifth of a second that the job needs more (opening ten million events on two cores:
/// 20.8 s with a redraw every 250 ms, 12.2 s with one a second).
pub fn progress_repaint(usual: Duration, cpu_frames: bool) -> Duration {
    if cpu_frames {
        usual.max(CPU_FRAMES_REPAINT)
    } else {
        usual
    }
}

/// Whether `adapter` draws on the CPU.
pub fn draws_on_cpu(adapter: &egui_wgpu::wgpu::AdapterInfo) -> bool {
    adapter.device_type == egui_wgpu::wgpu::DeviceType::Cpu
}

/// A job's thread stopped without an answer (it panicked).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the background work stopped unexpectedly")]
pub struct JobLost;

/// What a job's thread sees: its progress, its stage and whether it was cancelled.
#[derive(Debug)]
pub struct Task {
    progress: Progress,
    stage: Mutex<&'static str>,
    ctx: Option<egui::Context>,
}

impl Task {
    /// Progress and cancellation, for work that takes an [`io::Progress`](Progress).
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Records a stage of the work and the fraction done; says whether to go on.
    pub fn step(&self, fraction: f64, stage: &'static str) -> bool {
        *self.stage.lock().unwrap_or_else(PoisonError::into_inner) = stage;
        self.wake();
        self.progress.set(fraction)
    }

    pub fn is_cancelled(&self) -> bool {
        self.progress.is_cancelled()
    }

    fn wake(&self) {
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
    }
}

/// Work running in a thread of its own, with an answer of type `T`.
#[derive(Debug)]
pub struct Job<T> {
    task: Arc<Task>,
    rx: Receiver<T>,
    started: Instant,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` in a new thread. `ctx` (none in headless tests) is woken when the work
    /// reports a step and when it finishes.
    pub fn spawn(
        ctx: Option<egui::Context>,
        work: impl FnOnce(&Task) -> T + Send + 'static,
    ) -> Self {
        let task = Arc::new(Task {
            progress: Progress::new(),
            stage: Mutex::new("Starting"),
            ctx,
        });
        let (tx, rx) = channel();
        let shared = Arc::clone(&task);
        std::thread::spawn(move || {
            let answer = work(&shared);
            // The receiver is gone when the job was dropped: nobody wants the answer.
            let _ = tx.send(answer);
            shared.wake();
        });
        Self {
            task,
            rx,
            started: Instant::now(),
        }
    }
}

impl<T> Job<T> {
    /// The answer, once there is one; [`JobLost`] when the thread stopped without one.
    pub fn poll(&self) -> Option<Result<T, JobLost>> {
        match self.rx.try_recv() {
            Ok(answer) => Some(Ok(answer)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(JobLost)),
        }
    }

    /// The fraction done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.task.progress.fraction()
    }

    /// What the work is doing now ("Drawing the figure").
    pub fn stage(&self) -> &'static str {
        *self
            .task
            .stage
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Asks the work to stop at its next step.
    pub fn cancel(&self) {
        self.task.progress.cancel();
    }

    /// Whether it was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.task.progress.is_cancelled()
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_drawn_on_the_cpu_redraw_progress_once_a_second_at_most() {
        let gpu = |usual| progress_repaint(usual, false);
        let cpu = |usual| progress_repaint(usual, true);
        assert_eq!(gpu(LOAD_REPAINT), LOAD_REPAINT);
        assert_eq!(gpu(PROGRESS_REPAINT), PROGRESS_REPAINT);
        assert_eq!(cpu(LOAD_REPAINT), CPU_FRAMES_REPAINT);
        assert_eq!(cpu(PROGRESS_REPAINT), CPU_FRAMES_REPAINT);
        // Never more often than asked.
        assert_eq!(cpu(Duration::from_secs(5)), Duration::from_secs(5));
        let info =
            |device| egui_wgpu::wgpu::AdapterInfo::new(device, egui_wgpu::wgpu::Backend::Vulkan);
        assert!(draws_on_cpu(&info(egui_wgpu::wgpu::DeviceType::Cpu)));
        assert!(!draws_on_cpu(&info(
            egui_wgpu::wgpu::DeviceType::IntegratedGpu
        )));
    }

    fn wait<T>(job: &Job<T>) -> Result<T, JobLost> {
        loop {
            if let Some(answer) = job.poll() {
                return answer;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_job_answers_and_reports_its_stage() {
        let job = Job::spawn(None, |task| {
            task.step(0.5, "Halfway");
            21 * 2
        });
        assert_eq!(wait(&job), Ok(42));
        assert_eq!(job.stage(), "Halfway");
        assert_eq!(job.fraction(), 0.5);
    }

    #[test]
    fn a_cancelled_job_sees_it() {
        let (go_tx, go_rx) = channel::<()>();
        let job = Job::spawn(None, move |task| {
            let _ = go_rx.recv();
            task.is_cancelled()
        });
        job.cancel();
        let _ = go_tx.send(());
        assert_eq!(wait(&job), Ok(true));
    }

    #[test]
    fn a_panicking_job_is_lost_not_hung() {
        let job: Job<()> = Job::spawn(None, |_| panic!("boom"));
        assert_eq!(wait(&job), Err(JobLost));
    }

    #[test]
    fn dropping_a_job_cancels_it() {
        let (seen_tx, seen_rx) = channel();
        let (go_tx, go_rx) = channel::<()>();
        let job = Job::spawn(None, move |task| {
            let _ = go_rx.recv();
            let _ = seen_tx.send(task.is_cancelled());
        });
        drop(job);
        let _ = go_tx.send(());
        assert_eq!(seen_rx.recv(), Ok(true));
    }
}
