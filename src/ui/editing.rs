//! Edits from the window, applied by [`App::apply`] (this is part of it): the event form opened,
//! changed, applied or cancelled; Delete, Duplicate, Undo and Redo. Every change of the dataset
//! goes through the document's [`crate::model::History`], as a named step that can be undone.

use std::sync::Arc;

use crate::model::{Dataset, Edit};

use super::app::App;
use super::command::Command;
use super::event_form::{EventForm, duplicate};
use super::panels::properties::PropertiesForm;
use super::state::SideTab;

/// A step undone or redone: the dataset after it, the event to select, the message.
type Stepped = (Dataset, Option<String>, String);

impl App {
    /// Applies an editing command.
    pub(super) fn apply_edit(&mut self, c: Command) {
        let opens_form = matches!(
            c,
            Command::NewEvent | Command::NewEventAt { .. } | Command::EditSelected
        );
        if opens_form && self.dialogs.form.is_some() {
            self.message = "Apply or cancel the form first (Enter or Esc)".into();
            return;
        }
        match c {
            Command::NewEvent => {
                let d = &self.doc.dataset;
                let theme = self
                    .selected_event()
                    .map(|e| e.theme.to_string())
                    .or_else(|| {
                        d.themes()
                            .iter()
                            .find(|t| !self.filter.filter.hidden_themes.contains(&t.id))
                            .map(|t| t.id.clone())
                    })
                    .unwrap_or_default();
                self.open_form(EventForm::new_event(&theme));
            }
            Command::NewEventAt { theme, start } => {
                let form = EventForm {
                    start,
                    ..EventForm::new_event(&theme)
                };
                self.open_form(form);
            }
            Command::EditSelected => match self.selected_event().map(EventForm::of) {
                Some(form) => self.open_form(form),
                None => self.message = "Select an event first (click it)".into(),
            },
            Command::SetForm(form) if self.dialogs.form.is_some() => {
                self.dialogs.form = Some(*form);
            }
            Command::CommitForm => self.commit_form(),
            Command::CancelForm if self.dialogs.form.take().is_some() => {
                self.message = "Nothing was changed".into();
            }
            Command::DeleteSelected => {
                if let Some(e) = self.selected_event().cloned() {
                    let name = format!("Delete '{}'", e.title());
                    self.edit(name, Edit::DeleteEvent(e), None);
                }
            }
            Command::DuplicateSelected => {
                if let Some(e) = self.selected_event() {
                    let copy = duplicate(&self.doc.dataset, e);
                    let name = format!("Duplicate '{}'", e.title());
                    self.edit(name, Edit::AddEvent(copy), None);
                }
            }
            Command::MoveEvent {
                id,
                days,
                theme,
                fine,
            } => self.move_event(&id, days, theme, fine),
            Command::ResizeEvent {
                id,
                start,
                days,
                fine,
            } => self.resize_event(&id, start, days, fine),
            Command::ShowProperties => {
                self.dialogs.properties = Some(PropertiesForm::of(&self.doc.dataset.meta));
            }
            Command::SetProperties(form) if self.dialogs.properties.is_some() => {
                self.dialogs.properties = Some(*form);
            }
            Command::CommitProperties => self.commit_properties(),
            Command::CancelProperties => self.dialogs.properties = None,
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            _ => {}
        }
    }

    /// Moves an event by whole steps of its precision, into another lane when `theme` is
    /// given (a drag; `fine`: by the next finer steps): one step `Move 'X'`.
    fn move_event(&mut self, id: &str, days: f64, theme: Option<String>, fine: bool) {
        use crate::model::shift::{moved_by, step_of};
        let Some(e) = self.doc.dataset.by_id(id) else {
            return;
        };
        let mut after = moved_by(e, days, fine).map_or_else(|| e.clone(), |(m, _, _)| m);
        if let Some(t) = theme {
            after.theme = t.into();
        }
        if after == *e {
            if step_of(e).is_none() {
                self.message = format!(
                    "'{}' has dates of a form that moves in the form (E), not by dragging",
                    e.title()
                );
            }
            return;
        }
        let name = format!("Move '{}'", e.title());
        let edit = Edit::ReplaceEvent {
            before: Box::new(e.clone()),
            after: Box::new(after),
        };
        self.edit(name, edit, None);
    }

    /// Makes the properties' edit (when they read) and closes the window.
    fn commit_properties(&mut self) {
        let Some(form) = &self.dialogs.properties else {
            return;
        };
        match form.to_meta() {
            Ok(after) if after == self.doc.dataset.meta => self.dialogs.properties = None,
            Ok(after) => {
                let edit = Edit::SetMeta {
                    before: self.doc.dataset.meta.clone(),
                    after,
                };
                if self.edit("Edit the properties".to_owned(), edit, None) {
                    self.dialogs.properties = None;
                }
            }
            Err(why) => self.message = format!("Not applied: {why}"),
        }
    }

    /// Moves one end of a span (a drag on an end of its bar): one step.
    fn resize_event(&mut self, id: &str, start: bool, days: f64, fine: bool) {
        use crate::model::shift::{SpanEnd, moved_end};
        let Some(e) = self.doc.dataset.by_id(id) else {
            return;
        };
        let end = if start { SpanEnd::Start } else { SpanEnd::End };
        if let Some((after, _, _)) = moved_end(e, end, days, fine) {
            let which = if start { "start" } else { "end" };
            let name = format!("Change the {which} of '{}'", e.title());
            let edit = Edit::ReplaceEvent {
                before: Box::new(e.clone()),
                after: Box::new(after),
            };
            self.edit(name, edit, None);
        }
    }

    /// Shows the event form in the side panel.
    fn open_form(&mut self, form: EventForm) {
        self.persisted.show_details = true;
        self.persisted.side_tab = SideTab::Details;
        self.dialogs.form = Some(form);
    }

    /// Makes the form's edit when every field reads; otherwise the form stays, with the reason.
    fn commit_form(&mut self) {
        let Some(form) = &self.dialogs.form else {
            return;
        };
        match form.to_edit(&self.doc.dataset) {
            Ok(Some(made)) => {
                if self.edit(made.name, made.edit, None) {
                    self.dialogs.form = None;
                }
            }
            Ok(None) => {
                self.dialogs.form = None;
                self.message = "Nothing was changed".into();
            }
            Err(reason) => self.message = format!("Not applied: {reason}"),
        }
    }

    /// Makes an edit as a named step; true when it was made. The event it is about is
    /// selected; an edit that deletes the selection clears it.
    pub(super) fn edit(&mut self, name: String, edit: Edit, merge_key: Option<String>) -> bool {
        let id = edit.event_id().map(str::to_owned);
        match self
            .doc
            .history
            .apply(&self.doc.dataset, name.clone(), edit, merge_key)
        {
            Ok(d) => {
                self.message = name;
                self.after_edit(d, id.as_deref());
                true
            }
            Err(e) => {
                self.message = format!("Could not {}: {e}", lower_first(&name));
                false
            }
        }
    }

    fn undo(&mut self) {
        let answer = self.doc.history.undo(&self.doc.dataset).map(|r| {
            r.map(|(d, step)| {
                let id = step.edit.inverse().event_id().map(str::to_owned);
                (d, id, format!("Undid {}", step.name))
            })
        });
        self.after_step(answer, "Nothing to undo");
    }

    fn redo(&mut self) {
        let answer = self.doc.history.redo(&self.doc.dataset).map(|r| {
            r.map(|(d, step)| {
                let id = step.edit.event_id().map(str::to_owned);
                (d, id, format!("Redid {}", step.name))
            })
        });
        self.after_step(answer, "Nothing to redo");
    }

    fn after_step(
        &mut self,
        answer: Option<Result<Stepped, crate::model::EditError>>,
        nothing: &str,
    ) {
        match answer {
            None => nothing.clone_into(&mut self.message),
            Some(Err(e)) => self.message = e.to_string(),
            Some(Ok((d, id, message))) => {
                self.after_edit(d, id.as_deref());
                self.forget_typed_lane_names();
                self.message = message;
            }
        }
    }

    /// The dataset changed by an edit: the same view, the selection kept by id (or given to
    /// the event the edit is about), the search run again.
    fn after_edit(&mut self, dataset: Dataset, select: Option<&str>) {
        let kept = self.selected_event().map(crate::model::Event::id_text);
        self.doc.dataset = Arc::new(dataset);
        let id = select.map(Into::into).or(kept);
        self.selection.selected = id.and_then(|id| self.doc.dataset.index_of(&id));
        self.filter.matches_for = None;
        self.filter.matches.clear();
        self.jobs.search = None;
        if let Some(lane) = &self.view.expanded
            && self.doc.dataset.lane_of(lane).is_none()
        {
            self.view.expanded = None;
        }
    }
}

/// `Delete 'X'` → `delete 'X'`, for "Could not delete 'X': …".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}
