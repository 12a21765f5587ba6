//! The timeline: pure time↔screen mapping, calendar ticks, layout (lane packing, labels) and hit
//! testing, plus the painter that draws a layout with egui (for the window and the PNG export).

pub mod arrange;
pub mod counts;
pub mod hit;
pub mod layout;
pub mod layout_fit;
mod layout_pack;
pub mod lod;
pub mod second_row;
pub mod ticks;
pub mod view;

pub use layout::{Layout, Params};
pub use view::{Limits, TimeMapping, TimeView};
pub mod paint;
mod paint_calendar;
pub mod paint_dense;
mod paint_label;
pub mod paint_links;
mod paint_mark;
