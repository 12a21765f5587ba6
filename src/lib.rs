//! Chronolane: a desktop timeline visualizer for historians.
//!
//! - [`model`]: historical dates, events, datasets, filters (no GUI types).
//! - [`io`]: JSON and CSV files, atomic writes, error reports.
//! - [`timeline`]: time mapping, ticks, layout, hit testing and painting.
//! - [`ui`]: the window.
//! - [`export`]: PNG figures rendered offscreen.
//! - [`fonts`]: system fonts for the scripts egui's own fonts lack (CJK, Arabic, …).
//! - [`huge_pages`]: the program started again with malloc asking for huge pages (Linux).
//! - [`cli`]: the command line and its headless commands.
//! - [`synth`]: seeded synthetic datasets for benchmarks and tests.
//! - [`profile`]: profiling with puffin, behind the cargo feature `profile`.

pub mod cli;
pub mod export;
pub mod fonts;
pub mod huge_pages;
pub mod io;
pub mod model;
pub mod profile;
pub mod synth;
pub mod timeline;
pub mod ui;
