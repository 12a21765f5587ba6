//! The "Lanes & eras" editor's fields as typed, and the edits they make: lane names being typed,
//! the new lane's name, the era form (name, start and end read live as the importer reads them,
//! a colour or none), and the question of where a deleted lane's events go. No egui here: the
//! window is `panels/lanes_eras.rs`, its commands are applied in `lane_editing.rs`.

use std::collections::BTreeMap;

use crate::io::csv_preview::{DateReading, TypedDates, read_typed_dates};
use crate::model::edit_lanes::{self, Named};
use crate::model::{Dataset, Era, Rgb};

/// How the editor is opened: as it is, or at one lane's name, colours, the new lane's name or a
/// new era.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LanesOpen {
    Editor,
    /// The lane's name field, with the keyboard (Rename… in a lane's menu).
    Rename(String),
    /// The lane's colours shown (Colour… in a lane's menu).
    Colour(String),
    /// The new lane's name field, with the keyboard.
    NewLane,
    /// The era form, for a new era.
    NewEra,
}

/// A change of the lanes, as the editor or a lane's menu asks for it.
#[derive(Clone, Debug, PartialEq)]
pub enum LaneEdit {
    /// A new lane with this name, after the others.
    Add(String),
    Rename {
        id: String,
        label: String,
    },
    Recolour {
        id: String,
        color: Rgb,
    },
    /// Move the lane to this place in the dataset's list of lanes.
    Move {
        id: String,
        to: usize,
    },
    /// Delete the lane, its events moved to the lane `to`. With `to` `None` a lane that has
    /// events asks where they go first; an empty lane goes at once.
    Delete {
        id: String,
        to: Option<String>,
    },
}

/// The "Lanes & eras" editor's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LanesEditor {
    /// Lane names as typed, by theme id: those typed since the editor opened (or since the last
    /// undo), so that a name being typed may be empty or taken for a moment.
    pub names: BTreeMap<String, String>,
    /// The new lane's name as typed.
    pub new_lane: String,
    /// The field that takes the keyboard next frame: a lane's name (by theme id), or the new
    /// lane's ([`NEW_LANE_FIELD`]).
    pub focus: Option<String>,
    /// The lane whose colours are shown.
    pub colours_of: Option<String>,
    /// The era being made or changed.
    pub era: Option<EraForm>,
}

/// [`LanesEditor::focus`] for the new lane's name.
pub const NEW_LANE_FIELD: &str = "";

impl LanesEditor {
    /// The editor opened as `open` asks.
    #[must_use]
    pub fn opened(mut self, open: LanesOpen) -> Self {
        match open {
            LanesOpen::Editor => {}
            LanesOpen::Rename(id) => self.focus = Some(id),
            LanesOpen::Colour(id) => self.colours_of = Some(id),
            LanesOpen::NewLane => self.focus = Some(NEW_LANE_FIELD.to_owned()),
            LanesOpen::NewEra => {
                if self.era.is_none() {
                    self.era = Some(EraForm::default());
                }
            }
        }
        self
    }

    /// Why the name typed for a lane cannot be its name (empty, another lane's), or `None`.
    pub fn name_problem(dataset: &Dataset, id: &str, typed: &str) -> Option<String> {
        let label = typed.trim();
        if label.is_empty() {
            return Some("a lane needs a name".to_owned());
        }
        dataset
            .themes()
            .iter()
            .any(|t| t.label == label && t.id != id)
            .then(|| format!("there is a lane \"{label}\" already"))
    }
}

/// The question before deleting a lane that has events: which lane they go to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteLane {
    /// The lane deleted (theme id).
    pub id: String,
    /// The lane its events go to (theme id).
    pub to: String,
}

/// The era form's fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EraForm {
    /// The era changed (as it was when the form opened), or `None` for a new one.
    pub before: Option<Era>,
    pub label: String,
    pub start: String,
    pub end: String,
    /// The era's colour; `None`: the timeline's own era shading.
    pub color: Option<Rgb>,
    /// The name field has been given the keyboard once.
    pub focused: bool,
}

/// How the era form's fields read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EraCheck {
    pub dates: TypedDates,
    pub label: Option<String>,
    /// An era needs an end.
    pub end: Option<String>,
}

impl EraCheck {
    /// The first reason the form cannot be applied, or `None`.
    pub fn first_problem(&self) -> Option<String> {
        let date = |r: &DateReading| match r {
            DateReading::Error { message, .. } => Some(message.clone()),
            _ => None,
        };
        self.label
            .clone()
            .or_else(|| date(&self.dates.start))
            .or_else(|| date(&self.dates.end))
            .or_else(|| self.end.clone())
            .or_else(|| {
                self.dates
                    .dates
                    .is_none()
                    .then(|| "start is missing".to_owned())
            })
    }
}

impl EraForm {
    /// The form of an existing era, its dates as EDTF.
    pub fn of(era: &Era) -> Self {
        Self {
            before: Some(era.clone()),
            label: era.label.clone(),
            start: era.start.edtf().to_owned(),
            end: era.end.edtf().to_owned(),
            color: era.color,
            focused: false,
        }
    }

    pub fn check(&self) -> EraCheck {
        let dates = read_typed_dates(&self.start, &self.end);
        let label = self
            .label
            .trim()
            .is_empty()
            .then(|| "name is missing: every era needs one".to_owned());
        let end = (self.end.trim().is_empty() && !matches!(dates.end, DateReading::Error { .. }))
            .then(|| "end is missing: an era is a span".to_owned());
        EraCheck { dates, label, end }
    }

    /// The era the form makes, or why it cannot make one.
    pub fn to_era(&self) -> Result<Era, String> {
        let check = self.check();
        match (check.first_problem(), check.dates.dates) {
            (None, Some((start, Some(end)))) => Ok(Era {
                label: self.label.trim().to_owned(),
                start,
                end,
                color: self.color,
            }),
            (problem, _) => Err(problem.unwrap_or_else(|| "end is missing".to_owned())),
        }
    }

    /// The edit the form makes (`New era 'Meiji'`, `Edit era 'Meiji'`), `Ok(None)` when it
    /// changes nothing, or why it cannot be made.
    pub fn to_edit(&self, dataset: &Dataset) -> Result<Option<Named>, String> {
        let era = self.to_era()?;
        match &self.before {
            None => edit_lanes::add_era(dataset, era).map(Some),
            Some(before) if *before == era => Ok(None),
            Some(before) => {
                let index = dataset
                    .eras()
                    .iter()
                    .position(|e| e == before)
                    .ok_or_else(|| format!("the era \"{}\" was changed since", before.label))?;
                edit_lanes::replace_era(dataset, index, era).map(Some)
            }
        }
        .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, Theme};

    fn dataset() -> Dataset {
        Dataset::new(Meta::default(), Theme::defaults(), vec![], vec![]).0
    }

    #[test]
    fn the_era_form_reads_its_dates_as_the_importer_does_and_needs_an_end() {
        let d = dataset();
        let form = EraForm {
            label: "Meiji".into(),
            start: "23 Oct 1868".into(),
            ..EraForm::default()
        };
        assert_eq!(
            form.check().first_problem().as_deref(),
            Some("end is missing: an era is a span")
        );
        let form = EraForm {
            end: "30 Jul 1912".into(),
            ..form
        };
        let made = form.to_edit(&d).ok().flatten();
        let made = made.unwrap_or_else(|| panic!("an edit"));
        assert_eq!(made.name, "New era 'Meiji'");
        let d1 = made.edit.apply(&d).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d1.eras()[0].start.edtf(), "1868-10-23");
        let same = EraForm::of(&d1.eras()[0]);
        assert_eq!(same.to_edit(&d1), Ok(None));
        let backwards = EraForm {
            end: "1850".into(),
            ..same
        };
        let problem = backwards.to_edit(&d1).err().unwrap_or_default();
        assert!(problem.contains("before start"), "{problem}");
    }

    #[test]
    fn a_lane_name_being_typed_says_why_it_cannot_be_the_name() {
        let d = dataset();
        assert_eq!(LanesEditor::name_problem(&d, "war", "War "), None);
        assert_eq!(
            LanesEditor::name_problem(&d, "war", "Diplomacy").as_deref(),
            Some("there is a lane \"Diplomacy\" already")
        );
        assert!(LanesEditor::name_problem(&d, "war", " ").is_some());
    }
}
