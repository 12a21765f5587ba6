//! A dataset: its themes (lanes), eras and events, kept sorted by start and indexed by lane
//! ([`LaneIndex`]) so that a view can find what is visible by binary search (how they are put
//! in order and indexed: `indexing.rs`).

use super::date::AxisTime;
use super::event::{Era, Event, Source, Theme};
use super::event_list::EventList;
use super::indexing::{Indexed, index};
use super::lane_index::LaneIndex;
use super::links::{self, LinkRef};

/// Facts about a dataset as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub description: String,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub meta: Meta,
    themes: Vec<Theme>,
    eras: Vec<Era>,
    events: EventList,
    lanes: Vec<LaneIndex>,
    /// Computed once: asked for every frame.
    range: Option<(AxisTime, AxisTime)>,
    /// Every link whose target is an event of the dataset, by index.
    links: Vec<LinkRef>,
}

impl PartialEq for Dataset {
    fn eq(&self, other: &Self) -> bool {
        self.meta == other.meta
            && self.themes == other.themes
            && self.eras == other.eras
            && self.events == other.events
    }
}

impl Dataset {
    /// Builds a dataset. Events are sorted by start (then end, then id); an event whose theme
    /// is not among `themes` gets a lane of its own, and a note saying so is returned.
    /// Ids are expected to be unique (the loaders check); a later duplicate is shadowed in lookup.
    pub fn new(
        meta: Meta,
        themes: Vec<Theme>,
        eras: Vec<Era>,
        events: Vec<Event>,
    ) -> (Self, Vec<String>) {
        Self::new_reporting(meta, themes, eras, events, &|_| {})
    }

    /// [`Dataset::new`], telling `report` (on the calling thread) the fraction of the work done
    /// now and then: with ten million events it takes seconds.
    pub fn new_reporting(
        meta: Meta,
        mut themes: Vec<Theme>,
        mut eras: Vec<Era>,
        events: Vec<Event>,
        report: &dyn Fn(f64),
    ) -> (Self, Vec<String>) {
        profiling::function_scope!();
        let mut notes = Vec::new();
        eras.sort_by(|a, b| a.start.axis_start().total_cmp(&b.start.axis_start()));
        let Indexed {
            events,
            lanes,
            range,
            any_links,
        } = index(events, &mut themes, &mut notes, report);
        report(1.0);
        let range = match range {
            Some((first, end)) => Some((first as AxisTime, end as AxisTime)),
            None => span_of(&eras),
        };
        let links = if any_links {
            links::resolve(&events)
        } else {
            Vec::new()
        };
        let dataset = Self {
            meta,
            themes,
            eras,
            events,
            lanes,
            range,
            links,
        };
        (dataset, notes)
    }

    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }
    pub fn eras(&self) -> &[Era] {
        &self.eras
    }
    /// All events, sorted by start (the places lane indices and selections hold).
    pub fn events(&self) -> &EventList {
        &self.events
    }
    pub fn event(&self, index: usize) -> Option<&Event> {
        self.events.get(index)
    }
    /// The index of the event with this id (a scan: ids are looked up rarely, and a map of a
    /// million ids would cost more memory than it saves time).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.events.position_of_id(id)
    }
    pub fn by_id(&self, id: &str) -> Option<&Event> {
        self.index_of(id).and_then(|i| self.events.get(i))
    }
    /// Every link between two events of the dataset.
    pub fn links(&self) -> &[LinkRef] {
        &self.links
    }
    /// The links from and to an event.
    pub fn links_of(&self, index: usize) -> impl Iterator<Item = &LinkRef> {
        self.links
            .iter()
            .filter(move |l| l.from == index || l.to == index)
    }
    /// The kind of a link (`ended by`).
    pub fn link_kind(&self, link: &LinkRef) -> &str {
        self.events
            .get(link.from)
            .and_then(|e| e.links().get(link.link))
            .map_or("", |l| l.kind.as_str())
    }
    /// The lane index of a theme id.
    pub fn lane_of(&self, theme: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == theme)
    }
    /// Per-lane indices, in theme order.
    pub fn lanes(&self) -> &[LaneIndex] {
        &self.lanes
    }
    /// Number of events in a theme.
    pub fn count_in(&self, theme: &str) -> usize {
        self.lane_of(theme).map_or(0, |l| self.lanes[l].len())
    }

    /// Indices (into [`Dataset::events`]) of a lane's events that overlap `[from, to)`, in start
    /// order, found by binary search.
    pub fn visible_in_lane(&self, lane: usize, from: AxisTime, to: AxisTime) -> Vec<usize> {
        self.lanes
            .get(lane)
            .map_or_else(Vec::new, |l| l.visible(from, to))
    }

    /// The axis range covered by the events (by the eras when there are none), or `None`.
    pub fn time_range(&self) -> Option<(AxisTime, AxisTime)> {
        self.range
    }

    /// A one-line summary: `42 events in 3 lanes, 1778–1922`.
    pub fn summary(&self) -> String {
        let lanes = self.lanes.iter().filter(|l| !l.is_empty()).count();
        let range = match (
            self.events.first(),
            self.events
                .unordered()
                .map(super::event::Event::axis_end)
                .reduce(f64::max),
        ) {
            (Some(first), Some(end)) => {
                let last = super::date::CivilDate::from_axis(end - 1.0);
                // Deep time is said to three figures, as written: `13.8 billion years ago`
                // (Y-13800000000S3) may be any year back to 13.899 billion; say its latest.
                let mut year = first.start().earliest().year;
                if year <= -super::date::DEEP_YEARS {
                    year = first.start().latest().year;
                }
                let a = super::date::rough_year_in_words(year);
                let b = super::date::rough_year_in_words(last.year);
                if a == b {
                    format!(", {a}")
                } else {
                    format!(", {a}–{b}")
                }
            }
            _ => String::new(),
        };
        let plural = |n: usize, w: &str| {
            if n == 1 {
                format!("{n} {w}")
            } else {
                format!("{n} {w}s")
            }
        };
        format!(
            "{} in {}{range}",
            plural(self.events.len(), "event"),
            plural(lanes, "lane")
        )
    }
}

/// The axis range covered by eras (of a dataset without events).
fn span_of(eras: &[Era]) -> Option<(AxisTime, AxisTime)> {
    eras.iter()
        .map(|e| (e.start.axis_start(), e.end.axis_end()))
        .reduce(|(lo, hi), (a, b)| (lo.min(a), hi.max(b)))
}

#[cfg(test)]
#[path = "dataset_tests.rs"]
mod tests;
