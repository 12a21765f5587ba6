//! Edits of a dataset, each with its inverse, and the [`History`] of them that undo and redo
//! walk. Pure: no egui. An [`Edit`] applied to a [`Dataset`] gives a new dataset (or says why it
//! cannot apply, and then nothing changes); its [`Edit::inverse`] applied to that gives back the
//! original exactly.

use std::fmt;

use super::dataset::{Dataset, Meta};
use super::event::{Era, Event, MAX_IMPORTANCE, MIN_IMPORTANCE, Theme};

/// One change of a dataset.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add an event (its id must be new, its theme declared).
    AddEvent(Event),
    /// Delete the event with this id; it holds the whole event, so that undo puts it back.
    DeleteEvent(Event),
    /// Replace the event `before` (found by its id) with `after`.
    ReplaceEvent {
        before: Box<Event>,
        after: Box<Event>,
    },
    /// Add a theme (lane) at a position in the list.
    AddTheme { index: usize, theme: Theme },
    /// Remove the theme at a position (no event may use it).
    RemoveTheme { index: usize, theme: Theme },
    /// Replace the theme at a position (its label or colour; the id stays).
    ReplaceTheme {
        index: usize,
        before: Theme,
        after: Theme,
    },
    /// Move the theme at `from` to `to` in the list (the order saved in the file).
    MoveTheme { from: usize, to: usize },
    /// Add an era at a position in the list (kept sorted by start: see
    /// [`super::edit_lanes::era_slot`]).
    AddEra { index: usize, era: Era },
    /// Remove the era at a position.
    RemoveEra { index: usize, era: Era },
    /// The dataset's title, description and sources.
    SetMeta { before: Meta, after: Meta },
    /// Several edits as one step, applied in order.
    Group(Vec<Edit>),
}

/// Why an edit cannot apply; the dataset is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("an event with the id \"{0}\" already exists")]
    DuplicateId(String),
    #[error("there is no event with the id \"{0}\"")]
    NoSuchEvent(String),
    #[error("the event \"{0}\" was changed since; it cannot be changed back")]
    Changed(String),
    #[error("the theme \"{0}\" does not exist")]
    NoSuchTheme(String),
    #[error("a theme with the id \"{0}\" already exists")]
    DuplicateTheme(String),
    #[error("the theme \"{0}\" still has events")]
    ThemeInUse(String),
    #[error("a lane needs a name")]
    NoThemeLabel,
    #[error("there is a lane \"{0}\" already")]
    LabelTaken(String),
    #[error("a theme keeps its id (\"{0}\")")]
    ThemeId(String),
    #[error("there is no era \"{0}\" there")]
    NoSuchEra(String),
    #[error("an era needs a name")]
    NoEraLabel,
    #[error("the era \"{0}\" ends before it starts")]
    EraEndBeforeStart(String),
    #[error("an event needs a title")]
    NoTitle,
    #[error("the end of \"{0}\" is before its start")]
    EndBeforeStart(String),
    #[error("importance {0} is not from 1 to 5")]
    Importance(u8),
}

/// A dataset taken apart, to edit.
struct Parts {
    meta: Meta,
    themes: Vec<Theme>,
    eras: Vec<Era>,
    events: Vec<Event>,
}

impl Parts {
    fn of(d: &Dataset) -> Self {
        Self {
            meta: d.meta.clone(),
            themes: d.themes().to_vec(),
            eras: d.eras().to_vec(),
            events: d.events().to_vec(),
        }
    }

    fn into_dataset(self) -> Dataset {
        // Every event's theme is declared (checked): no lane is generated, no note made.
        Dataset::new(self.meta, self.themes, self.eras, self.events).0
    }

    fn position(&self, id: &str) -> Result<usize, EditError> {
        self.events
            .iter()
            .position(|e| e.id() == id)
            .ok_or_else(|| EditError::NoSuchEvent(id.to_owned()))
    }

    fn check_event(&self, e: &Event) -> Result<(), EditError> {
        if e.title().trim().is_empty() {
            return Err(EditError::NoTitle);
        }
        if !(MIN_IMPORTANCE..=MAX_IMPORTANCE).contains(&e.importance()) {
            return Err(EditError::Importance(e.importance()));
        }
        if e.end
            .as_ref()
            .is_some_and(|end| end.axis_end() <= e.axis_start())
        {
            return Err(EditError::EndBeforeStart(e.title().to_string()));
        }
        if !self.themes.iter().any(|t| t.id == e.theme) {
            return Err(EditError::NoSuchTheme(e.theme.to_string()));
        }
        Ok(())
    }

    fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::AddEvent(e) => {
                if self.events.iter().any(|o| o.id() == e.id()) {
                    return Err(EditError::DuplicateId(e.id().to_string()));
                }
                self.check_event(e)?;
                self.events.push(e.clone());
            }
            Edit::DeleteEvent(e) => {
                let i = self.position(e.id())?;
                if self.events[i] != *e {
                    return Err(EditError::Changed(e.id().to_string()));
                }
                self.events.remove(i);
            }
            Edit::ReplaceEvent { before, after } => {
                let i = self.position(before.id())?;
                if self.events[i] != **before {
                    return Err(EditError::Changed(before.id().to_string()));
                }
                if after.id() != before.id() && self.events.iter().any(|o| o.id() == after.id()) {
                    return Err(EditError::DuplicateId(after.id().to_string()));
                }
                self.check_event(after)?;
                self.events[i] = (**after).clone();
            }
            Edit::AddTheme { index, theme } => {
                if theme.label.trim().is_empty() {
                    return Err(EditError::NoThemeLabel);
                }
                if self.themes.iter().any(|t| t.id == theme.id) {
                    return Err(EditError::DuplicateTheme(theme.id.clone()));
                }
                let at = (*index).min(self.themes.len());
                self.themes.insert(at, theme.clone());
            }
            Edit::RemoveTheme { index, theme } => {
                if self.themes.get(*index) != Some(theme) {
                    return Err(EditError::NoSuchTheme(theme.id.clone()));
                }
                if self.events.iter().any(|e| e.theme == theme.id) {
                    return Err(EditError::ThemeInUse(theme.id.clone()));
                }
                self.themes.remove(*index);
            }
            Edit::ReplaceTheme {
                index,
                before,
                after,
            } => {
                if self.themes.get(*index) != Some(before) {
                    return Err(EditError::NoSuchTheme(before.id.clone()));
                }
                if after.id != before.id {
                    return Err(EditError::ThemeId(before.id.clone()));
                }
                if after.label.trim().is_empty() {
                    return Err(EditError::NoThemeLabel);
                }
                self.themes[*index] = after.clone();
            }
            Edit::MoveTheme { from, to } => {
                if *from >= self.themes.len() || *to >= self.themes.len() {
                    return Err(EditError::NoSuchTheme(format!("#{}", from.max(to) + 1)));
                }
                let theme = self.themes.remove(*from);
                self.themes.insert(*to, theme);
            }
            Edit::AddEra { index, era } => {
                let at = super::edit_lanes::era_slot(&self.eras, *index, era);
                self.eras.insert(at, era.clone());
            }
            Edit::RemoveEra { index, era } => {
                let at = if self.eras.get(*index) == Some(era) {
                    *index
                } else {
                    self.eras
                        .iter()
                        .position(|e| e == era)
                        .ok_or_else(|| EditError::NoSuchEra(era.label.clone()))?
                };
                self.eras.remove(at);
            }
            Edit::SetMeta { after, .. } => self.meta = after.clone(),
            Edit::Group(edits) => {
                for e in edits {
                    self.apply(e)?;
                }
            }
        }
        Ok(())
    }
}

impl Edit {
    /// The dataset with this edit made, or why it cannot be made (all of a group, or none).
    pub fn apply(&self, dataset: &Dataset) -> Result<Dataset, EditError> {
        let mut parts = Parts::of(dataset);
        parts.apply(self)?;
        Ok(parts.into_dataset())
    }

    /// The edit that undoes this one.
    #[must_use]
    pub fn inverse(&self) -> Edit {
        match self {
            Self::AddEvent(e) => Self::DeleteEvent(e.clone()),
            Self::DeleteEvent(e) => Self::AddEvent(e.clone()),
            Self::ReplaceEvent { before, after } => Self::ReplaceEvent {
                before: after.clone(),
                after: before.clone(),
            },
            Self::AddTheme { index, theme } => Self::RemoveTheme {
                index: *index,
                theme: theme.clone(),
            },
            Self::RemoveTheme { index, theme } => Self::AddTheme {
                index: *index,
                theme: theme.clone(),
            },
            Self::ReplaceTheme {
                index,
                before,
                after,
            } => Self::ReplaceTheme {
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            Self::MoveTheme { from, to } => Self::MoveTheme {
                from: *to,
                to: *from,
            },
            Self::AddEra { index, era } => Self::RemoveEra {
                index: *index,
                era: era.clone(),
            },
            Self::RemoveEra { index, era } => Self::AddEra {
                index: *index,
                era: era.clone(),
            },
            Self::SetMeta { before, after } => Self::SetMeta {
                before: after.clone(),
                after: before.clone(),
            },
            Self::Group(edits) => Self::Group(edits.iter().rev().map(Edit::inverse).collect()),
        }
    }

    /// This edit followed by `next`, as one: two replacements of the same event become one
    /// from the first's before to the second's after.
    #[must_use]
    pub fn then(self, next: Edit) -> Edit {
        match (self, next) {
            (
                Self::ReplaceEvent { before, after },
                Self::ReplaceEvent {
                    before: b2,
                    after: a2,
                },
            ) if *after == *b2 => Self::ReplaceEvent { before, after: a2 },
            (Self::Group(mut edits), next) => {
                edits.push(next);
                Self::Group(edits)
            }
            (first, next) => Self::Group(vec![first, next]),
        }
    }

    /// The id of the event this edit is about, when it is about one (the last one of a group):
    /// the event to select after it.
    pub fn event_id(&self) -> Option<&str> {
        match self {
            Self::AddEvent(e) => Some(e.id()),
            Self::ReplaceEvent { after, .. } => Some(after.id()),
            Self::Group(edits) => edits.iter().rev().find_map(Edit::event_id),
            Self::DeleteEvent(_)
            | Self::AddTheme { .. }
            | Self::RemoveTheme { .. }
            | Self::ReplaceTheme { .. }
            | Self::MoveTheme { .. }
            | Self::AddEra { .. }
            | Self::RemoveEra { .. }
            | Self::SetMeta { .. } => None,
        }
    }
}

/// One step of the history: what it is called (`Move 'Treaty of Shimoda'`) and its edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub name: String,
    pub edit: Edit,
    /// Steps with the same key in a row merge into one (typing in one field, one drag).
    merge_key: Option<String>,
    /// Tells one state of the dataset from another, to know whether it was saved.
    serial: u64,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// The undo and redo stacks of one document, and which state was saved last.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_serial: u64,
    /// The serial of the step on top of the undo stack when the document was last saved (0:
    /// none, the state it was opened in).
    saved: u64,
    /// Whether the saved state can no longer be reached (it was undone, then a new edit made).
    saved_lost: bool,
    /// Steps made since the dataset was last written anywhere (saved or to the recovery file).
    pub changes_since_written: usize,
}

impl History {
    /// Makes an edit as a new step named `name`; a step whose `merge_key` is the previous
    /// step's merges into it (typing in one field, one drag are one step). Nothing changes
    /// when the edit cannot apply.
    pub fn apply(
        &mut self,
        dataset: &Dataset,
        name: impl Into<String>,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<Dataset, EditError> {
        let after = edit.apply(dataset)?;
        if self.redo.iter().any(|s| s.serial == self.saved) {
            self.saved_lost = true;
        }
        self.redo.clear();
        self.changes_since_written += 1;
        let merge = merge_key.is_some()
            && self
                .undo
                .last()
                .is_some_and(|s| s.merge_key == merge_key && s.serial != self.saved);
        if merge && let Some(top) = self.undo.pop() {
            self.undo.push(Step {
                edit: top.edit.then(edit),
                ..top
            });
        } else {
            self.next_serial += 1;
            self.undo.push(Step {
                name: name.into(),
                edit,
                merge_key,
                serial: self.next_serial,
            });
        }
        Ok(after)
    }

    /// Undoes the last step: the dataset before it, and the step; `None` when there is none.
    pub fn undo(&mut self, dataset: &Dataset) -> Option<Result<(Dataset, &Step), EditError>> {
        let step = self.undo.pop()?;
        match step.edit.inverse().apply(dataset) {
            Ok(d) => {
                self.changes_since_written += 1;
                self.redo.push(step);
                self.redo.last().map(|s| Ok((d, s)))
            }
            Err(e) => {
                self.undo.push(step);
                Some(Err(e))
            }
        }
    }

    /// Redoes the last step undone.
    pub fn redo(&mut self, dataset: &Dataset) -> Option<Result<(Dataset, &Step), EditError>> {
        let step = self.redo.pop()?;
        match step.edit.apply(dataset) {
            Ok(d) => {
                self.changes_since_written += 1;
                self.undo.push(step);
                self.undo.last().map(|s| Ok((d, s)))
            }
            Err(e) => {
                self.redo.push(step);
                Some(Err(e))
            }
        }
    }

    /// The name of the step Undo would undo.
    pub fn undo_name(&self) -> Option<&str> {
        self.undo.last().map(|s| s.name.as_str())
    }

    /// The name of the step Redo would redo.
    pub fn redo_name(&self) -> Option<&str> {
        self.redo.last().map(|s| s.name.as_str())
    }

    /// How many steps can be undone.
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// The dataset now is the one last saved (or opened, when nothing was saved).
    pub fn is_saved(&self) -> bool {
        !self.saved_lost && self.undo.last().map_or(0, |s| s.serial) == self.saved
    }

    /// The dataset now is not the one in its file (work restored after a crash).
    pub fn mark_unsaved(&mut self) {
        self.saved_lost = true;
    }

    /// The dataset now was just saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.undo.last().map_or(0, |s| s.serial);
        self.saved_lost = false;
        self.changes_since_written = 0;
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
