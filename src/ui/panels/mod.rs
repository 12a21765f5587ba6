//! The panels around the timeline, one per file.

pub mod details;
pub mod dialogs;
pub mod export;
pub mod filters;
pub mod import;
pub mod menu;
pub mod overview;
pub mod status;
