//! Chronolane: a desktop timeline visualizer for historians.
//!
//! - [`model`]: historical dates, events, datasets, filters (no GUI types).
//! - [`io`]: JSON and CSV files, atomic writes, error reports.
//! - [`cli`]: the command line and its headless commands.

pub mod cli;
pub mod io;
pub mod model;
pub mod timeline;
pub mod ui;
