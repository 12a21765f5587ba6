//! The panels around the timeline, one per file. Each borrows the parts of the app's state it
//! reads and pushes [`crate::ui::command::Command`]s; none changes the state itself.

pub mod chart;
pub mod details;
pub mod dialogs;
pub mod event_form;
pub mod export;
pub mod filters;
pub mod import;
pub mod lanes_eras;
pub mod menu;
pub mod overview;
pub mod palette;
pub mod properties;
pub mod save_dialogs;
pub mod side;
pub mod skipped;
pub mod status;
