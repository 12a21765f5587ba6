//! A dataset: its themes (lanes), eras and events, kept sorted by start and indexed by lane
//! ([`LaneIndex`]) so that a view can find what is visible by binary search.

use std::collections::HashMap;

use super::date::AxisTime;
use super::event::{Era, Event, Source, Theme};
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
    events: Vec<Event>,
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

/// Sorts events by start, then end, then id; each key computed once per event (whole days, so
/// integers compare exactly as the axis times would).
fn sort_by_time(events: &mut [Event]) {
    events.sort_by_cached_key(|e| {
        // Whole days: exact as integers.
        (e.axis_start() as i64, e.axis_end() as i64, e.id.clone())
    });
}

impl Dataset {
    /// Builds a dataset. Events are sorted by start (then end, then id); an event whose theme
    /// is not among `themes` gets a lane of its own, and a note saying so is returned.
    /// Ids are expected to be unique (the loaders check); a later duplicate is shadowed in lookup.
    pub fn new(
        meta: Meta,
        mut themes: Vec<Theme>,
        mut eras: Vec<Era>,
        mut events: Vec<Event>,
    ) -> (Self, Vec<String>) {
        profiling::function_scope!();
        let mut notes = Vec::new();
        for e in &events {
            if !themes.iter().any(|t| t.id == e.theme) {
                let taken: Vec<_> = themes.iter().map(|t| t.color).collect();
                let theme = Theme::generated(&e.theme, &taken);
                notes.push(format!(
                    "theme \"{}\" is not declared; it gets a lane of its own",
                    e.theme
                ));
                themes.push(theme);
            }
        }
        sort_by_time(&mut events);
        eras.sort_by(|a, b| a.start.axis_start().total_cmp(&b.start.axis_start()));
        let lane_of: HashMap<&str, usize> = themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut per_lane = vec![Vec::new(); themes.len()];
        for (i, e) in events.iter().enumerate() {
            if let Some(&lane) = lane_of.get(e.theme.as_str()) {
                per_lane[lane].push(i);
            }
        }
        let lanes = per_lane
            .into_iter()
            .map(|indices| LaneIndex::new(&events, indices))
            .collect();
        let range = span_of(&events, &eras);
        let links = links::resolve(&events);
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
    /// All events, sorted by start.
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    pub fn event(&self, index: usize) -> Option<&Event> {
        self.events.get(index)
    }
    /// The index of the event with this id (a scan: ids are looked up rarely, and a map of a
    /// million ids would cost more memory than it saves time).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id == id)
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
        let lanes = self.lanes.iter().filter(|l| !l.events.is_empty()).count();
        let range = match (
            self.events.first(),
            self.events
                .iter()
                .map(super::event::Event::axis_end)
                .reduce(f64::max),
        ) {
            (Some(first), Some(end)) => {
                let last = super::date::CivilDate::from_axis(end - 1.0);
                // Deep time is said to three figures, as written: `13.8 billion years ago`
                // (Y-13800000000S3) may be any year back to 13.899 billion; say its latest.
                let mut year = first.start.earliest().year;
                if year <= -super::date::DEEP_YEARS {
                    year = first.start.latest().year;
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

/// The axis range covered by events, or by eras when there are no events.
fn span_of(events: &[Event], eras: &[Era]) -> Option<(AxisTime, AxisTime)> {
    let spans: Vec<(AxisTime, AxisTime)> = if events.is_empty() {
        eras.iter()
            .map(|e| (e.start.axis_start(), e.end.axis_end()))
            .collect()
    } else {
        events
            .iter()
            .map(|e| (e.axis_start(), e.axis_end()))
            .collect()
    };
    spans
        .into_iter()
        .reduce(|(lo, hi), (a, b)| (lo.min(a), hi.max(b)))
}
