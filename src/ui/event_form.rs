//! The event form's fields as typed, and what they make: how each date reads (through the
//! loader's own reading, [`crate::io::csv_preview::read_typed_dates`]), why a field is refused,
//! and the [`Edit`] a valid form makes. No egui here: the panel is `panels/event_form.rs`.

use crate::io::cells::{format_names, parse_names};
use crate::io::csv::{join_escaped, split_escaped};
use crate::io::csv_preview::{DateReading, TypedDates, read_typed_dates};
use crate::model::edit_lanes::{new_theme, slug};
use crate::model::event::DEFAULT_IMPORTANCE;
use crate::model::{
    CompactString, Dataset, Edit, Event, EventMore, HistDate, Link, OriginalDates, Source, Text,
};

/// What the form makes: a new event, or a change of the event with this id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormTarget {
    New,
    Edit(Text),
}

/// The value of the theme list that makes a new theme.
pub const NEW_THEME: &str = "";

/// One source row: a title and a URL, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceRow {
    pub title: String,
    pub url: String,
}

impl SourceRow {
    /// The sources of the rows with a title, trimmed; an empty URL is none.
    pub fn sources(rows: &[SourceRow]) -> Vec<Source> {
        rows.iter()
            .filter(|s| !s.title.trim().is_empty())
            .map(|s| Source {
                title: s.title.trim().to_owned(),
                url: Some(s.url.trim())
                    .filter(|u| !u.is_empty())
                    .map(str::to_owned),
            })
            .collect()
    }
}

/// One link row: its kind and the event it leads to (an id or an exact title), as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkRow {
    pub kind: String,
    pub to: String,
}

/// Kinds of links the form suggests; any other text is allowed.
pub const LINK_KINDS: [&str; 5] = ["causes", "leads to", "ended by", "part of", "responds to"];

/// The form's fields as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventForm {
    pub target: FormTarget,
    pub title: String,
    pub start: String,
    pub end: String,
    /// The chosen theme's id, or [`NEW_THEME`] for a new one named `new_theme`.
    pub theme: String,
    pub new_theme: String,
    pub importance: u8,
    pub place: String,
    pub description: String,
    pub sources: Vec<SourceRow>,
    /// Tags separated by `;` (a `;` inside a tag written `\;`), as in CSV files.
    pub tags: String,
    /// Names in other scripts as in the CSV `names` column: `ja=日露戦争; ru=Русско-японская война`.
    pub names: String,
    pub links: Vec<LinkRow>,
    /// The title field has been given the keyboard focus once.
    pub focused: bool,
}

/// What the form's fields read as now: shown under each field, red where refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormCheck {
    pub dates: TypedDates,
    pub title: Option<String>,
    pub theme: Option<String>,
    pub sources: Option<String>,
    pub names: Option<String>,
    pub links: Option<String>,
    /// The title of the event each link row leads to, when it finds one.
    pub link_targets: Vec<Option<String>>,
}

impl FormCheck {
    /// Whether every field reads: the form may be applied.
    pub fn is_valid(&self) -> bool {
        self.dates.dates.is_some()
            && self.title.is_none()
            && self.theme.is_none()
            && self.sources.is_none()
            && self.names.is_none()
            && self.links.is_none()
    }

    /// The first reason the form cannot be applied.
    pub fn first_problem(&self) -> Option<String> {
        let date = |r: &DateReading| match r {
            DateReading::Error { message, .. } => Some(message.clone()),
            _ => None,
        };
        self.title
            .clone()
            .or_else(|| date(&self.dates.start))
            .or_else(|| date(&self.dates.end))
            .or_else(|| self.theme.clone())
            .or_else(|| self.sources.clone())
            .or_else(|| self.names.clone())
            .or_else(|| self.links.clone())
    }
}

/// A form that made an edit: the edit, the name of its step, and the event it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct FormEdit {
    pub name: String,
    pub edit: Edit,
    pub id: Text,
}

impl EventForm {
    /// An empty form for a new event in `theme`.
    pub fn new_event(theme: &str) -> Self {
        Self {
            target: FormTarget::New,
            title: String::new(),
            start: String::new(),
            end: String::new(),
            theme: theme.to_owned(),
            new_theme: String::new(),
            importance: DEFAULT_IMPORTANCE,
            place: String::new(),
            description: String::new(),
            sources: Vec::new(),
            tags: String::new(),
            names: String::new(),
            links: Vec::new(),
            focused: false,
        }
    }

    /// The form of an existing event, its dates as EDTF, or as written in the Julian calendar
    /// (with `O.S.`) for an Old Style event.
    pub fn of(e: &Event) -> Self {
        let (start, end) = match e.original() {
            Some(o) => (
                old_style(&o.start),
                o.end.as_deref().map(old_style).unwrap_or_default(),
            ),
            None => (
                e.start().edtf().to_owned(),
                e.end
                    .as_ref()
                    .map(|d| d.edtf().to_owned())
                    .unwrap_or_default(),
            ),
        };
        Self {
            target: FormTarget::Edit(e.id_text()),
            title: e.title().to_string(),
            start,
            end,
            theme: e.theme.to_string(),
            new_theme: String::new(),
            importance: e.importance(),
            place: e.place().unwrap_or_default().to_owned(),
            description: e.description().to_string(),
            sources: e
                .sources()
                .iter()
                .map(|s| SourceRow {
                    title: s.title.clone(),
                    url: s.url.clone().unwrap_or_default(),
                })
                .collect(),
            tags: join_escaped(e.tags(), ';', " "),
            names: format_names(e.names()),
            links: e
                .links()
                .iter()
                .map(|l| LinkRow {
                    kind: l.kind.clone(),
                    to: l.to.clone(),
                })
                .collect(),
            focused: false,
        }
    }

    /// How each field reads now.
    pub fn check(&self, dataset: &Dataset) -> FormCheck {
        let title = self
            .title
            .trim()
            .is_empty()
            .then(|| "title is missing: every event needs one".to_owned());
        let theme = if self.theme == NEW_THEME {
            let label = self.new_theme.trim();
            if label.is_empty() {
                Some("name the new theme, or choose one from the list".to_owned())
            } else if dataset.themes().iter().any(|t| t.label == label) {
                Some(format!(
                    "there is a theme \"{label}\" already: choose it from the list"
                ))
            } else {
                None
            }
        } else if dataset.lane_of(&self.theme).is_none() {
            Some(format!("the theme \"{}\" does not exist", self.theme))
        } else {
            None
        };
        let sources = self
            .sources
            .iter()
            .any(|s| s.title.trim().is_empty() && !s.url.trim().is_empty())
            .then(|| "a source with a URL needs a title".to_owned());
        let (links, link_targets) = self.check_links(dataset);
        FormCheck {
            dates: read_typed_dates(&self.start, &self.end),
            title,
            theme,
            sources,
            names: self.check_names(),
            links,
            link_targets,
        }
    }

    /// Why the names field is refused: an item that is not `language=name`.
    fn check_names(&self) -> Option<String> {
        split_escaped(&self.names, ';')
            .iter()
            .map(|item| item.trim())
            .filter(|item| !item.is_empty())
            .find(|item| {
                item.split_once('=')
                    .is_none_or(|(tag, name)| tag.trim().is_empty() || name.trim().is_empty())
            })
            .map(|item| format!("\"{item}\": write each name as language=name, as in ja=日露戦争"))
    }

    /// The id a link row leads to: an event with that id, or else the one event with that
    /// title (any case).
    fn link_target<'a>(dataset: &'a Dataset, to: &str) -> Option<&'a Event> {
        dataset.by_id(to).or_else(|| {
            let mut titled = dataset
                .events()
                .iter()
                .filter(|e| e.title().eq_ignore_ascii_case(to) || e.title() == to);
            match (titled.next(), titled.next()) {
                (Some(e), None) => Some(e),
                _ => None,
            }
        })
    }

    /// Why the links are refused (the first row that does not read), and the title each row
    /// leads to.
    fn check_links(&self, dataset: &Dataset) -> (Option<String>, Vec<Option<String>>) {
        let mut problem = None;
        let mut targets = Vec::with_capacity(self.links.len());
        for (n, row) in self.links.iter().enumerate() {
            let (kind, to) = (row.kind.trim(), row.to.trim());
            let target = (!to.is_empty())
                .then(|| Self::link_target(dataset, to))
                .flatten();
            targets.push(target.map(|e| e.title().to_string()));
            let own = matches!(&self.target, FormTarget::Edit(id) if target.is_some_and(|e| e.id() == *id));
            let why = if kind.is_empty() && to.is_empty() {
                None
            } else if kind.is_empty() {
                Some(format!(
                    "link {}: choose or write its kind (ended by, leads to, …)",
                    n + 1
                ))
            } else if to.is_empty() {
                Some(format!(
                    "link {}: write the id or title of the event it leads to",
                    n + 1
                ))
            } else if target.is_none() {
                Some(format!(
                    "link {}: no event has the id or the title \"{to}\"",
                    n + 1
                ))
            } else if own {
                Some(format!("link {}: an event cannot link to itself", n + 1))
            } else {
                None
            };
            problem = problem.or(why);
        }
        (problem, targets)
    }

    /// The links of the rows, each to its target's id (rows left empty are none).
    fn to_links(&self, dataset: &Dataset) -> Vec<Link> {
        self.links
            .iter()
            .filter_map(|row| {
                let target = Self::link_target(dataset, row.to.trim())?;
                Some(Link {
                    to: target.id().to_string(),
                    kind: row.kind.trim().to_owned(),
                })
            })
            .collect()
    }

    /// The edit the form makes, or why it cannot make one (the first reason). `Ok(None)`
    /// when the form changes nothing.
    pub fn to_edit(&self, dataset: &Dataset) -> Result<Option<FormEdit>, String> {
        let check = self.check(dataset);
        let Some((start, end)) = check.dates.dates.clone() else {
            return Err(check.first_problem().unwrap_or_default());
        };
        if !check.is_valid() {
            return Err(check.first_problem().unwrap_or_default());
        }
        let mut edits = Vec::new();
        let theme_id = if self.theme == NEW_THEME {
            let theme = new_theme(dataset, self.new_theme.trim());
            let id = theme.id.clone();
            edits.push(Edit::AddTheme {
                index: dataset.themes().len(),
                theme,
            });
            id
        } else {
            self.theme.clone()
        };
        let before = match &self.target {
            FormTarget::New => None,
            FormTarget::Edit(id) => Some(
                dataset
                    .by_id(id)
                    .ok_or_else(|| format!("the event \"{id}\" is no longer in the dataset"))?,
            ),
        };
        let trimmed = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(Into::into);
        // The fields the form does not edit (a display date, a life) stay as they were.
        // A new event's fields the form does not edit are an empty event's.
        let base = before.map_or_else(|| Event::new("", "", start.clone()), Clone::clone);
        let original = kept_original(before, (&start, end.as_ref()), check.dates.original);
        let more = EventMore {
            sources: SourceRow::sources(&self.sources),
            tags: split_escaped(&self.tags, ';'),
            display_date: base.display_date().map(CompactString::from),
            life: base.life().cloned(),
            links: self.to_links(dataset),
            names: parse_names(&self.names),
            original,
        };
        let mut event = base.with_more(more);
        event.set_id(before.map_or_else(|| unique_id(dataset, &self.title), Event::id_text));
        event.set_title(self.title.trim());
        event.set_start(start);
        event.end = end;
        event.theme = theme_id.as_str().into();
        // (Out of range: the nearest.)
        event.set_importance(self.importance);
        event.set_place(trimmed(&self.place));
        event.set_description(Text::from(self.description.trim()));
        let id = event.id_text();
        let (name, edit) = match before {
            None => (
                format!("New event '{}'", event.title()),
                Edit::AddEvent(event),
            ),
            Some(b) if *b == event && edits.is_empty() => return Ok(None),
            Some(b) => (
                format!("Edit '{}'", b.title()),
                Edit::ReplaceEvent {
                    before: Box::new(b.clone()),
                    after: Box::new(event),
                },
            ),
        };
        let edit = if edits.is_empty() {
            edit
        } else {
            edits.push(edit);
            Edit::Group(edits)
        };
        Ok(Some(FormEdit { name, edit, id }))
    }
}

/// The dates as written in another calendar the edited event keeps: as the file wrote them
/// when the form leaves the dates as they were (the form writes them with `O.S.`, a file may
/// have used a `calendar` field), else as typed (`None` for Gregorian dates).
fn kept_original(
    before: Option<&Event>,
    (start, end): (&HistDate, Option<&HistDate>),
    typed: Option<OriginalDates>,
) -> Option<OriginalDates> {
    match before {
        Some(b) if typed.is_some() && b.start() == start && b.end.as_ref() == end => {
            b.original().cloned().or(typed)
        }
        _ => typed,
    }
}

/// A date as written in the Julian calendar, with the `O.S.` suffix that says so in the form
/// (a file may have said it with a `calendar` field instead).
fn old_style(text: &str) -> String {
    if crate::io::calendar_input::has_old_style_suffix(text) {
        text.to_owned()
    } else {
        format!("{text} O.S.")
    }
}

/// An id made from a title (`Treaty of Shimoda` → `treaty-of-shimoda`), with `-2`, `-3`, …
/// when it is taken.
pub fn unique_id(dataset: &Dataset, title: &str) -> Text {
    let base = slug(title, "event");
    let taken = |id: &str| dataset.events().iter().any(|e| e.id() == id);
    if !taken(&base) {
        return base.into();
    }
    // One of the first n + 2 numbers is free among n events.
    (2..=dataset.events().len() + 2)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
        .into()
}

/// The copy of an event that Duplicate makes: a new id, the title marked as a copy.
pub fn duplicate(dataset: &Dataset, e: &Event) -> Event {
    let title = format!("{} (copy)", e.title());
    let mut copy = e.clone();
    copy.set_id(unique_id(dataset, &title));
    copy.set_title(title);
    copy
}

#[cfg(test)]
#[path = "event_form_tests.rs"]
mod tests;
