//! The data model: historical dates, events, datasets and filters. Knows nothing of egui.

pub mod calendar;
pub mod dataset;
pub mod date;
pub mod edit;
pub mod edit_lanes;
pub mod event;
pub mod event_list;
mod event_texts;
pub mod filter;
mod indexing;
pub mod japanese_era;
pub mod julian;
pub mod lane_index;
pub mod links;
pub mod shared_text;
pub mod shift;

pub use compact_str::CompactString;
pub use dataset::{Dataset, Meta};
pub use date::{AxisTime, CivilDate, DateError, DateKind, HistDate, Precision, Written};
pub use edit::{Edit, EditError, History};
pub use event::{
    Era, Event, EventMore, InputCalendar, Life, Link, OriginalDates, Rgb, Source, Text, Theme,
    ThemeName, ThemeNames,
};
pub use event_list::EventList;
pub use filter::{Filter, Search};
pub use lane_index::LaneIndex;
pub use links::LinkRef;
