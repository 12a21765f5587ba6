//! Events, themes (lanes), eras and sources: the plain data a timeline shows.

use std::collections::BTreeMap;
use std::fmt;

use compact_str::CompactString;

pub use arcstr::Substr as Text;

use super::date::{AxisTime, HistDate, Precision, span_in_words};
use super::event_texts::{Texts, Which};

/// A theme's id as an event holds it: one shared string for all the events of a lane (8 bytes an
/// event, where a [`Text`] is 16), made by [`ThemeNames`].
pub type ThemeName = arcstr::ArcStr;

/// Gives the events read by one reader the same [`ThemeName`] for the same theme: most events
/// are in the lane of the event before them (one comparison); the first [`FEW_THEMES`] themes
/// met are found by comparing their names (a file's rows in no order change lanes all the time,
/// and a file has a few themes), the others by hash.
#[derive(Debug, Default)]
pub struct ThemeNames {
    last: Option<ThemeName>,
    few: Vec<ThemeName>,
    all: std::collections::HashSet<ThemeName, foldhash::fast::RandomState>,
}

/// Theme names [`ThemeNames`] finds by comparing them.
const FEW_THEMES: usize = 8;

impl ThemeNames {
    /// The shared name of the theme `id`.
    pub fn of(&mut self, id: &str) -> ThemeName {
        if let Some(last) = &self.last
            && last.as_str() == id
        {
            return last.clone();
        }
        let name = if let Some(name) = self.few.iter().find(|n| n.as_str() == id) {
            name.clone()
        } else if let Some(name) = self.all.get(id) {
            name.clone()
        } else {
            let name = ThemeName::from(id);
            if self.few.len() < FEW_THEMES {
                self.few.push(name.clone());
            } else {
                self.all.insert(name.clone());
            }
            name
        };
        self.last = Some(name.clone());
        name
    }
}

/// An sRGB color, kept free of any GUI type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#RRGGBB` (the `#` is optional).
    pub fn from_hex(s: &str) -> Option<Self> {
        let hex = s.trim().strip_prefix('#').unwrap_or(s.trim());
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }

    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02X}{g:02X}{b:02X}")
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// Colors for lanes, from Okabe and Ito's palette, which stays distinct for color-blind readers.
/// The first three are the default themes' (diplomacy blue, war vermillion, territory green).
pub const LANE_PALETTE: [Rgb; 7] = [
    Rgb([0x00, 0x72, 0xB2]),
    Rgb([0xD5, 0x5E, 0x00]),
    Rgb([0x00, 0x9E, 0x73]),
    Rgb([0xCC, 0x79, 0xA7]),
    Rgb([0xE6, 0x9F, 0x00]),
    Rgb([0x56, 0xB4, 0xE9]),
    Rgb([0x8C, 0x6D, 0x1F]),
];

/// A lane of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub color: Rgb,
}

impl Theme {
    /// The built-in themes: diplomacy, war, territory, in that order.
    pub fn defaults() -> Vec<Theme> {
        [
            ("diplomacy", "Diplomacy"),
            ("war", "War"),
            ("territory", "Territory"),
        ]
        .iter()
        .zip(LANE_PALETTE)
        .map(|((id, label), color)| Theme {
            id: (*id).to_owned(),
            label: (*label).to_owned(),
            color,
        })
        .collect()
    }

    /// A theme for an id no file declared: a built-in one when the id matches, otherwise a
    /// label made from the id and a generated color not among `taken`.
    pub fn generated(id: &str, taken: &[Rgb]) -> Theme {
        if let Some(t) = Self::defaults().into_iter().find(|t| t.id == id)
            && !taken.contains(&t.color)
        {
            return t;
        }
        let mut label: String = id.replace(['_', '-'], " ");
        if let Some(first) = label.get(0..1) {
            label = first.to_uppercase() + &label[1..];
        }
        Theme {
            id: id.to_owned(),
            label,
            color: generated_color(taken),
        }
    }
}

/// A lane color not among `taken`: the palette first, then hues spaced by the golden angle.
pub fn generated_color(taken: &[Rgb]) -> Rgb {
    if let Some(c) = LANE_PALETTE.iter().find(|c| !taken.contains(c)) {
        return *c;
    }
    let n = taken.len();
    let hue = (n as f64 * 137.507_764).rem_euclid(360.0);
    hsl_to_rgb(hue, 0.55, 0.45)
}

fn hsl_to_rgb(h: f64, s: f64, l: f64) -> Rgb {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let to8 = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Rgb([to8(r), to8(g), to8(b)])
}

/// A labelled background span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Era {
    pub label: String,
    pub start: HistDate,
    pub end: HistDate,
    pub color: Option<Rgb>,
}

/// Where a statement comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
}

impl Source {
    /// The URL when it is safe to open in a browser (http or https only).
    pub fn web_url(&self) -> Option<&str> {
        self.url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    }
}

pub const MIN_IMPORTANCE: u8 = 1;
pub const MAX_IMPORTANCE: u8 = 5;
pub const DEFAULT_IMPORTANCE: u8 = 3;

/// One thing that happened, at a date or over a span.
///
/// A million of these are held in one `Vec`, so what few events have (sources, tags, other
/// names, ...) lives in one boxed [`EventMore`], allocated only for the events that have any:
/// read it through [`Event::sources`] and its siblings, write it through [`Event::more_mut`] or
/// [`Event::with_more`].
///
/// The start ([`Event::start`], [`Event::set_start`]) and the importance ([`Event::importance`],
/// [`Event::set_importance`]) are read and set through methods: the importance is kept in spare
/// bits of the start's packing ([`HistDate::tag`]), which saves it 8 bytes. The id, title,
/// place and description too ([`Event::id`], [`Event::set_id`] and theirs): they are slices of
/// one shared string, kept as one pointer and where each lies (`event_texts`): 104 bytes an
/// event, where four [`Text`]s made it 128.
#[derive(Clone)]
pub struct Event {
    /// Its id, title, place and description.
    texts: Texts,
    /// Its tag is the importance.
    start: HistDate,
    /// Inclusive end; never before `start`.
    pub end: Option<HistDate>,
    pub theme: ThemeName,
    /// What few events have (sources, tags, ...): one pointer, `None` for most events. It may
    /// hold an empty [`EventMore`] after edits emptied it; equality looks through that.
    more: Option<Box<EventMore>>,
}

/// The parts of an [`Event`] that few events have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventMore {
    pub sources: Vec<Source>,
    pub tags: Vec<String>,
    /// How the file's author wrote the date for readers (`TimelineJS`'s `display_date`:
    /// "Spring 1855", "Now"), shown beside the date Chronolane reads.
    pub display_date: Option<CompactString>,
    /// The life of the person the event is about, when the file gives it beside the event's
    /// own dates (a reign and a life).
    pub life: Option<Life>,
    /// Links to other events ("ended by" the treaty that ended a war), in the file's order.
    pub links: Vec<Link>,
    /// The event's name in other languages and scripts, by language tag (`ja`: 日露戦争,
    /// `ru`: Русско-японская война).
    pub names: BTreeMap<String, String>,
    /// The dates as the file wrote them when it wrote them in another calendar than the
    /// Gregorian (`26 January 1855 O.S.`): `start` and `end` are their Gregorian equivalents,
    /// and this is what is shown beside them and written back.
    pub original: Option<OriginalDates>,
}

/// What an event without any of the rare parts reads.
static NO_MORE: EventMore = EventMore {
    sources: Vec::new(),
    tags: Vec::new(),
    display_date: None,
    life: None,
    links: Vec::new(),
    names: BTreeMap::new(),
    original: None,
};

impl EventMore {
    /// True when it holds nothing: an event with this needs no box.
    pub fn is_empty(&self) -> bool {
        *self == NO_MORE
    }
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        let Self {
            texts: _,
            start,
            end,
            theme,
            more: _,
        } = self;
        self.id() == other.id()
            && self.title() == other.title()
            && self.place() == other.place()
            && self.description() == other.description()
            && *start == other.start
            && *end == other.end
            && *theme == other.theme
            && self.importance() == other.importance()
            && self.more() == other.more()
    }
}
impl Eq for Event {}

// (`texts` is shown a text at a time.)
#[allow(clippy::missing_fields_in_debug)]
impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Event")
            .field("id", &self.id())
            .field("title", &self.title())
            .field("start", &self.start)
            .field("end", &self.end)
            .field("theme", &self.theme)
            .field("importance", &self.importance())
            .field("place", &self.place())
            .field("description", &self.description())
            .field("more", &self.more)
            .finish()
    }
}

/// A link from one event to another: `kind` says how they are related ("ended by", "leads
/// to", "part of"; any text).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link {
    /// The id of the other event.
    pub to: String,
    pub kind: String,
}

/// A calendar a file may write dates in, other than the proleptic Gregorian one Chronolane
/// places them by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputCalendar {
    /// The Julian calendar (Old Style), as Russia used it until February 1918.
    Julian,
}

impl InputCalendar {
    /// The calendar's name in files (`calendar: "julian"`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Julian => "julian",
        }
    }

    /// The calendar named `name` (any ASCII case, surrounding spaces ignored).
    pub fn from_name(name: &str) -> Option<Self> {
        name.trim()
            .eq_ignore_ascii_case("julian")
            .then_some(Self::Julian)
    }
}

/// An event's dates as its file wrote them, in another calendar ([`Event::original`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginalDates {
    pub calendar: InputCalendar,
    /// The start as written (`26 January 1855 O.S.`, or `1855-01-26` with `calendar`).
    pub start: String,
    pub end: Option<String>,
}

/// When a person was born and died, either or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Life {
    pub born: Option<HistDate>,
    pub died: Option<HistDate>,
}

impl Life {
    /// `born c. 849, died 26 October 899, aged about 50`; the age is exact only when both
    /// days are known and neither is approximate or uncertain.
    pub fn in_words(&self) -> String {
        let mut parts = Vec::new();
        if let Some(b) = &self.born {
            parts.push(format!("born {}", b.in_words()));
        }
        if let Some(d) = &self.died {
            parts.push(format!("died {}", d.in_words()));
        }
        if let (Some(b), Some(d)) = (&self.born, &self.died) {
            parts.push(age_in_words(b, d));
        }
        parts.join(", ")
    }
}

/// `aged 48`, `aged about 50`, or `aged 40–42` when the dates allow a wide range.
fn age_in_words(born: &HistDate, died: &HistDate) -> String {
    let age = |b: super::CivilDate, d: super::CivilDate| {
        let years = d.year - b.year;
        if (d.month, d.day) < (b.month, b.day) {
            years - 1
        } else {
            years
        }
    };
    let (least, most) = (
        age(born.latest(), died.earliest()).max(0),
        age(born.earliest(), died.latest()).max(0),
    );
    let exact = |d: &HistDate| d.precision() == Precision::Day && !d.is_qualified();
    if least == most && exact(born) && exact(died) {
        format!("aged {least}")
    } else if most - least <= 2 {
        // Years known to the year: the age is one of two or three; say the middle one.
        format!("aged about {}", least + (most - least + 1) / 2)
    } else {
        format!("aged about {least}–{most}")
    }
}

impl Event {
    /// An event with only an id, a title and a start: in the fallback lane, of the default
    /// importance, with nothing else. Code that makes events sets the rest on it
    /// (`let mut e = Event::new(id, title, start); e.theme = …;`), the rare parts with
    /// [`Event::with_more`] (the struct's private `more` rules out `..Event::new(…)` elsewhere).
    pub fn new(id: impl Into<Text>, title: impl Into<Text>, start: HistDate) -> Self {
        Self::with_texts(&id.into(), &title.into(), None, &Text::new(), start)
    }

    /// [`Event::new`] with a place and a description too: what a reader makes (its texts
    /// slices of one string as they mostly are, or else put in one).
    pub fn with_texts(
        id: &Text,
        title: &Text,
        place: Option<&Text>,
        description: &Text,
        start: HistDate,
    ) -> Self {
        Self::of_texts(
            Texts::of([Some(id), Some(title), place, Some(description)]),
            start,
        )
    }

    /// [`Event::with_texts`] of texts that are mostly slices of `text`, as a reader finds its
    /// cells in the text it read: the event shares `text` when all of them are (no [`Text`]
    /// made for each and dropped), else it has one string of its own holding the four.
    pub(crate) fn with_slices(
        text: Option<&arcstr::ArcStr>,
        texts: [Option<&str>; 4],
        start: HistDate,
    ) -> Self {
        Self::of_texts(Texts::of_slices(text, texts), start)
    }

    /// [`Event::with_texts`] of the texts at `ranges` of `text` (id, title, place,
    /// description; `None`: no place, or an empty text), when each is in it and on character
    /// boundaries: what a snapshot's reader makes, with no slice made and dropped.
    pub(crate) fn with_texts_in(
        text: &arcstr::ArcStr,
        ranges: [Option<std::ops::Range<usize>>; 4],
        start: HistDate,
    ) -> Option<Self> {
        Some(Self::of_texts(Texts::in_buf(text, ranges)?, start))
    }

    /// An event of `texts` starting at `start`, with nothing else (as [`Event::new`] says).
    fn of_texts(texts: Texts, start: HistDate) -> Self {
        Self {
            texts,
            start: start.with_tag(DEFAULT_IMPORTANCE),
            end: None,
            theme: arcstr::literal!("events"),
            more: None,
        }
    }

    /// Its id, unique in its dataset.
    pub fn id(&self) -> &str {
        self.texts.get(Which::Id).unwrap_or_default()
    }
    /// Its id as a shared [`Text`] (no copy), to keep beside it.
    pub fn id_text(&self) -> Text {
        self.texts.shared(Which::Id).unwrap_or_default()
    }
    pub fn set_id(&mut self, id: impl Into<Text>) {
        self.texts.set(Which::Id, Some(&id.into()));
    }
    pub fn title(&self) -> &str {
        self.texts.get(Which::Title).unwrap_or_default()
    }
    pub fn set_title(&mut self, title: impl Into<Text>) {
        self.texts.set(Which::Title, Some(&title.into()));
    }
    /// Where it happened, when that is known.
    pub fn place(&self) -> Option<&str> {
        self.texts.get(Which::Place)
    }
    #[allow(clippy::needless_pass_by_value)] // (a text to keep, as the other setters take)
    pub fn set_place(&mut self, place: Option<Text>) {
        self.texts.set(Which::Place, place.as_ref());
    }
    /// What happened, in a few sentences; empty when the file says nothing.
    pub fn description(&self) -> &str {
        self.texts.get(Which::Description).unwrap_or_default()
    }
    pub fn set_description(&mut self, description: impl Into<Text>) {
        self.texts
            .set(Which::Description, Some(&description.into()));
    }

    /// Its id, title, place (when it has one) and description, in that order: what an event
    /// keeps of the text it was read from.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [
            Some(self.id()),
            Some(self.title()),
            self.place(),
            Some(self.description()),
        ]
        .into_iter()
        .flatten()
    }

    /// The bytes of its [`Event::texts`] together.
    pub(crate) fn texts_len(&self) -> usize {
        self.texts.len_all()
    }

    /// Copies its [`Event::texts`] one after the other into `to` from `at` on, as far as `to`
    /// goes; gives where they end.
    pub(crate) fn copy_texts_into(&self, to: &mut [u8], at: usize) -> usize {
        self.texts.copy_into(to, at)
    }

    /// Makes its [`Event::texts`] slices of `shared`, where a copy of them lies one after the
    /// other from `at` on (an empty one holds nothing); gives where the next event's begin.
    pub(crate) fn share_texts(&mut self, shared: &arcstr::ArcStr, at: usize) -> usize {
        self.texts.share_from(shared, at)
    }

    /// The shared strings its non-empty texts are slices of, one per text (what memory the
    /// event holds on to: many events share one).
    pub fn text_parents(&self) -> impl Iterator<Item = &arcstr::ArcStr> {
        self.texts.parents()
    }

    /// When it starts.
    pub fn start(&self) -> &HistDate {
        &self.start
    }
    /// Sets when it starts.
    pub fn set_start(&mut self, start: HistDate) {
        self.start = start.with_tag(self.importance());
    }
    /// 1–5; 5 is a headline.
    pub fn importance(&self) -> u8 {
        self.start.tag()
    }
    /// Sets the importance, [`MIN_IMPORTANCE`] to [`MAX_IMPORTANCE`] (outside: the nearest).
    pub fn set_importance(&mut self, importance: u8) {
        let importance = importance.clamp(MIN_IMPORTANCE, MAX_IMPORTANCE);
        self.start.set_tag(importance);
    }

    /// The event with `more` as its rare parts; no box when `more` is empty.
    #[must_use]
    pub fn with_more(mut self, more: EventMore) -> Self {
        self.more = (!more.is_empty()).then(|| Box::new(more));
        self
    }

    /// The rare parts, empty for most events.
    pub fn more(&self) -> &EventMore {
        self.more.as_deref().unwrap_or(&NO_MORE)
    }
    /// The rare parts, to change: allocated on first use (and kept when emptied again).
    pub fn more_mut(&mut self) -> &mut EventMore {
        self.more.get_or_insert_default()
    }

    /// Where the event's statements come from.
    pub fn sources(&self) -> &[Source] {
        &self.more().sources
    }
    /// The event's tags, in the file's order.
    pub fn tags(&self) -> &[String] {
        &self.more().tags
    }
    /// See [`EventMore::display_date`].
    pub fn display_date(&self) -> Option<&str> {
        self.more().display_date.as_deref()
    }
    /// See [`EventMore::life`].
    pub fn life(&self) -> Option<&Life> {
        self.more().life.as_ref()
    }
    /// See [`EventMore::links`].
    pub fn links(&self) -> &[Link] {
        &self.more().links
    }
    /// See [`EventMore::names`].
    pub fn names(&self) -> &BTreeMap<String, String> {
        &self.more().names
    }
    /// See [`EventMore::original`].
    pub fn original(&self) -> Option<&OriginalDates> {
        self.more().original.as_ref()
    }

    /// Axis position where the event may begin.
    pub fn axis_start(&self) -> AxisTime {
        self.start.axis_start()
    }
    /// Axis position where the event is over (exclusive): the end of its end date, or of its
    /// start date when it has no end.
    pub fn axis_end(&self) -> AxisTime {
        self.end.as_ref().unwrap_or(&self.start).axis_end()
    }
    /// True when the event has an end date (a range rather than a point).
    pub fn is_range(&self) -> bool {
        self.end.is_some()
    }
    /// The event's names in their own scripts on one line, by language code:
    /// `日露戦争 · Русско-японская война`; `None` when it has none.
    pub fn names_line(&self) -> Option<String> {
        (!self.names().is_empty()).then(|| {
            self.names()
                .values()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" · ")
        })
    }

    /// `1904–1905`, `7 February 1855`, `c. 1792`.
    pub fn when_in_words(&self) -> String {
        span_in_words(&self.start, self.end.as_ref())
    }
    /// [`Event::when_in_words`], with the same days in other calendars where they apply:
    /// `7 February 1855 (26 January O.S.; Ansei 1)`. The Old Style day is given when the file
    /// wrote the dates in the Julian calendar, or for every date before Russia's switch when
    /// `also.old_style`; the Japanese era year for an event with a Japanese name, or for every
    /// event when `also.japanese`.
    pub fn when_in_calendars(&self, also: OtherCalendars) -> String {
        let when = self.when_in_words();
        let end = self.end.as_ref();
        let open = self.start.is_open() || end.is_some_and(HistDate::is_open);
        let mut notes = Vec::new();
        let julian = self.original().map(|o| o.calendar) == Some(InputCalendar::Julian);
        let before_switch = self.start.earliest().days() < super::julian::RUSSIA_SWITCH_DAY;
        if (julian || (also.old_style && before_switch))
            && let Some(os) = super::julian::old_style_in_words(&self.start, end)
        {
            notes.push(format!("{os} O.S."));
        }
        if !open
            && (also.japanese || self.names().contains_key("ja"))
            && let Some(era) = super::japanese_era::era_years_in_words(
                self.start.earliest(),
                end.unwrap_or(&self.start).latest(),
            )
        {
            notes.push(era);
        }
        if notes.is_empty() {
            when
        } else {
            format!("{when} ({})", notes.join("; "))
        }
    }
}

/// Calendars to give dates in besides the Gregorian (View ▸ Second calendar).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OtherCalendars {
    /// The Julian (Old Style) day, for dates before February 1918.
    pub old_style: bool,
    /// The Japanese era year.
    pub japanese: bool,
}

#[cfg(test)]
#[path = "event_tests.rs"]
mod tests;
