//! The window: the eframe app, its state in parts, the commands that change it, the action table
//! behind menus, keys and the command palette, background jobs, the panels and the timeline.

pub mod action;
pub mod app;
mod apply;
pub mod command;
pub mod document;
mod editing;
pub mod event_form;
pub mod files;
pub mod follow;
pub mod job;
mod lane_controls;
mod lane_editing;
mod lanes;
pub mod lanes_form;
pub mod loading;
pub mod panels;
pub mod parts;
pub mod recovery;
pub mod saving;
pub mod search;
pub mod skipped;
pub mod state;
mod timeline_drag;
pub mod timeline_ui;

use std::path::PathBuf;

pub use app::{App, Probe};

/// The app icon (PNG).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Opens the window and runs until it is closed.
pub fn run(file: Option<PathBuf>, map: crate::io::ColumnMap) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Chronolane")
        .with_inner_size([1400.0, 820.0])
        .with_min_inner_size([640.0, 400.0])
        .with_app_id("chronolane")
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    crate::profile::start();
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Chronolane",
        options,
        Box::new(move |cc| {
            // Big files open from their snapshots in the user's cache folder.
            let app = App::new(cc, None, map.clone())
                .with_snapshots(crate::io::snapshot::Cache::from_env());
            let app = match file {
                Some(path) => app.with_file(&path, map),
                None => app,
            };
            Ok(Box::new(match eframe::storage_dir("chronolane") {
                Some(dir) => app.with_recovery_dir(dir),
                None => app,
            }))
        }),
    )
}
