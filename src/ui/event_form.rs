//! The event form's fields as typed, and what they make: how each date reads (through the
//! loader's own reading, [`crate::io::csv_preview::read_typed_dates`]), why a field is refused,
//! and the [`Edit`] a valid form makes. No egui here: the panel is `panels/event_form.rs`.

use crate::io::csv::{join_escaped, split_escaped};
use crate::io::csv_preview::{DateReading, TypedDates, read_typed_dates};
use crate::model::edit_lanes::{new_theme, slug};
use crate::model::event::{DEFAULT_IMPORTANCE, MAX_IMPORTANCE, MIN_IMPORTANCE};
use crate::model::{CompactString, Dataset, Edit, Event, Source};

/// What the form makes: a new event, or a change of the event with this id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormTarget {
    New,
    Edit(CompactString),
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
}

impl FormCheck {
    /// Whether every field reads: the form may be applied.
    pub fn is_valid(&self) -> bool {
        self.dates.dates.is_some()
            && self.title.is_none()
            && self.theme.is_none()
            && self.sources.is_none()
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
    }
}

/// A form that made an edit: the edit, the name of its step, and the event it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct FormEdit {
    pub name: String,
    pub edit: Edit,
    pub id: CompactString,
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
            focused: false,
        }
    }

    /// The form of an existing event, its dates as EDTF.
    pub fn of(e: &Event) -> Self {
        Self {
            target: FormTarget::Edit(e.id.clone()),
            title: e.title.to_string(),
            start: e.start.edtf().to_owned(),
            end: e
                .end
                .as_ref()
                .map(|d| d.edtf().to_owned())
                .unwrap_or_default(),
            theme: e.theme.to_string(),
            new_theme: String::new(),
            importance: e.importance,
            place: e.place.as_deref().unwrap_or_default().to_owned(),
            description: e.description.clone(),
            sources: e
                .sources
                .iter()
                .map(|s| SourceRow {
                    title: s.title.clone(),
                    url: s.url.clone().unwrap_or_default(),
                })
                .collect(),
            tags: join_escaped(&e.tags, ';', " "),
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
        FormCheck {
            dates: read_typed_dates(&self.start, &self.end),
            title,
            theme,
            sources,
        }
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
        let base = before.map_or_else(|| blank(start.clone()), Clone::clone);
        let event = Event {
            id: before.map_or_else(|| unique_id(dataset, &self.title), |b| b.id.clone()),
            title: self.title.trim().into(),
            start,
            end,
            theme: theme_id.as_str().into(),
            importance: self.importance.clamp(MIN_IMPORTANCE, MAX_IMPORTANCE),
            place: trimmed(&self.place),
            description: self.description.trim().to_owned(),
            sources: SourceRow::sources(&self.sources),
            tags: split_escaped(&self.tags, ';'),
            ..base
        };
        let id = event.id.clone();
        let (name, edit) = match before {
            None => (
                format!("New event '{}'", event.title),
                Edit::AddEvent(event),
            ),
            Some(b) if *b == event && edits.is_empty() => return Ok(None),
            Some(b) => (
                format!("Edit '{}'", b.title),
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

/// An event with nothing in the fields the form does not edit (a new event's).
fn blank(start: crate::model::HistDate) -> Event {
    Event {
        id: CompactString::default(),
        title: CompactString::default(),
        start,
        end: None,
        theme: CompactString::default(),
        importance: DEFAULT_IMPORTANCE,
        place: None,
        description: String::new(),
        sources: Vec::new(),
        tags: Vec::new(),
        display_date: None,
        life: None,
        links: Vec::new(),
        names: std::collections::BTreeMap::new(),
        original: None,
    }
}

/// An id made from a title (`Treaty of Shimoda` → `treaty-of-shimoda`), with `-2`, `-3`, …
/// when it is taken.
pub fn unique_id(dataset: &Dataset, title: &str) -> CompactString {
    let base = slug(title, "event");
    let taken = |id: &str| dataset.events().iter().any(|e| e.id == id);
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
    let title = format!("{} (copy)", e.title);
    Event {
        id: unique_id(dataset, &title),
        title: title.into(),
        ..e.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, Theme};

    fn dataset() -> Dataset {
        let form = EventForm {
            title: "Treaty of Shimoda".into(),
            start: "1855-02-07".into(),
            ..EventForm::new_event("diplomacy")
        };
        let d = Dataset::new(Meta::default(), Theme::defaults(), vec![], vec![]).0;
        let made = form.to_edit(&d).ok().flatten().map(|f| f.edit.apply(&d));
        match made {
            Some(Ok(d)) => d,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_typed_date_reads_as_the_importer_reads_it() {
        let d = dataset();
        let form = EventForm {
            title: "Kuril".into(),
            start: "7 Feb 1855".into(),
            ..EventForm::new_event("diplomacy")
        };
        let check = form.check(&d);
        assert_eq!(
            check.dates.start,
            DateReading::Date {
                words: "7 February 1855".into(),
                precision: "known to the day".into()
            }
        );
        assert!(check.is_valid());
        let bad = EventForm {
            start: "next spring".into(),
            ..form
        };
        let check = bad.check(&d);
        assert!(!check.is_valid());
        let problem = check.first_problem().unwrap_or_default();
        assert!(
            problem.starts_with("start \"next spring\" is not a date"),
            "{problem}"
        );
        assert!(bad.to_edit(&d).is_err(), "an invalid field makes no edit");
    }

    #[test]
    fn a_new_event_gets_an_id_from_its_title_and_a_new_theme_its_own_lane() {
        let d = dataset();
        assert_eq!(d.events()[0].id, "treaty-of-shimoda");
        let form = EventForm {
            title: "Treaty of Shimoda".into(),
            start: "1855".into(),
            theme: NEW_THEME.into(),
            new_theme: "Trade routes".into(),
            tags: "treaty; Kuril Islands".into(),
            ..EventForm::new_event("")
        };
        let made = form.to_edit(&d).ok().flatten();
        let Some(FormEdit { name, edit, id }) = made else {
            panic!("no edit")
        };
        assert_eq!(name, "New event 'Treaty of Shimoda'");
        assert_eq!(id, "treaty-of-shimoda-2");
        let after = edit.apply(&d).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(after.themes()[3].label, "Trade routes");
        let e = after.by_id(&id).unwrap_or_else(|| panic!("added"));
        assert_eq!((e.theme.as_str(), e.tags.len()), ("trade-routes", 2));
    }

    #[test]
    fn the_form_of_an_event_changes_nothing_until_a_field_changes() {
        let d = dataset();
        let form = EventForm::of(&d.events()[0]);
        assert_eq!(form.to_edit(&d), Ok(None));
        let renamed = EventForm {
            title: "Treaty of Commerce".into(),
            ..form
        };
        let made = renamed.to_edit(&d).ok().flatten();
        assert_eq!(
            made.map(|m| m.name).as_deref(),
            Some("Edit 'Treaty of Shimoda'")
        );
    }
}
