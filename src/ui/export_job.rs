//! Exports that run off the UI thread: a figure is rendered, encoded and written in a thread of
//! its own while the window stays responsive and shows progress.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

use crate::export::figure::FigureOptions;
use crate::export::png::OffscreenRenderer;
use crate::io::atomic;
use crate::model::{Dataset, Filter};

/// What a running export reports.
pub enum Progress {
    Step(f32, &'static str),
    Done(Result<String, String>),
}

/// A running export.
pub struct ExportJob {
    rx: Receiver<Progress>,
    pub started: Instant,
    pub fraction: f32,
    pub stage: &'static str,
}

impl ExportJob {
    /// Starts rendering a figure to `path`.
    pub fn png(
        path: PathBuf,
        dataset: Arc<Dataset>,
        filter: Filter,
        opts: FigureOptions,
        ctx: egui::Context,
    ) -> Self {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let send = |p: Progress| {
                let _ = tx.send(p);
                ctx.request_repaint();
            };
            send(Progress::Step(0.1, "Preparing the renderer"));
            let result = (|| {
                let mut renderer = OffscreenRenderer::new().map_err(|e| e.to_string())?;
                send(Progress::Step(0.4, "Drawing the figure"));
                let image = renderer
                    .render(&dataset, &filter, &opts)
                    .map_err(|e| e.to_string())?;
                send(Progress::Step(0.8, "Encoding PNG"));
                let png = image.to_png().map_err(|e| e.to_string())?;
                send(Progress::Step(0.95, "Writing the file"));
                atomic::write(&path, &png).map_err(|e| {
                    format!(
                        "Could not write {}: {e}; nothing was written",
                        path.display()
                    )
                })?;
                Ok(format!(
                    "Wrote a {} × {} PNG to {} ({})",
                    image.width,
                    image.height,
                    path.display(),
                    human_bytes(png.len())
                ))
            })();
            send(Progress::Done(result));
        });
        Self {
            rx,
            started: Instant::now(),
            fraction: 0.0,
            stage: "Starting",
        }
    }

    /// Takes what the job reported since last frame; `Some` when it is over.
    pub fn poll(&mut self) -> Option<Result<String, String>> {
        while let Ok(p) = self.rx.try_recv() {
            match p {
                Progress::Step(f, stage) => {
                    self.fraction = f;
                    self.stage = stage;
                }
                Progress::Done(r) => return Some(r),
            }
        }
        None
    }
}

/// `12.3 KB`, `4.5 MB`.
pub fn human_bytes(n: usize) -> String {
    let n = n as f64;
    if n < 1024.0 {
        format!("{n} bytes")
    } else if n < 1024.0 * 1024.0 {
        format!("{:.1} KB", n / 1024.0)
    } else {
        format!("{:.1} MB", n / 1024.0 / 1024.0)
    }
}
