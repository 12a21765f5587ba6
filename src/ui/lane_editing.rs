//! Lanes and eras edited from the window, applied by [`App::apply`] (this is part of it): the
//! "Lanes & eras" editor opened, typed in and closed; a lane added, renamed, recoloured, moved or
//! deleted (asking first where its events go); an era made, changed or deleted. Each change is
//! one named step of the document's [`crate::model::History`].

use crate::model::edit_lanes;

use super::app::App;
use super::command::LaneCommand;
use super::lanes_form::{DeleteLane, LaneEdit};

impl App {
    /// Applies a command of the lanes and eras editor.
    pub(super) fn apply_lane_edit(&mut self, c: LaneCommand) {
        match c {
            LaneCommand::Show(open) => {
                let editor = self.dialogs.lanes.take().unwrap_or_default();
                self.dialogs.lanes = Some(editor.opened(open));
            }
            LaneCommand::Close => self.dialogs.lanes = None,
            LaneCommand::Set(editor) => {
                // Only while it is open: a late change does not open it again.
                if self.dialogs.lanes.is_some() {
                    self.dialogs.lanes = Some(*editor);
                }
            }
            LaneCommand::Edit(edit) => self.edit_lane(edit),
            LaneCommand::SetDelete(ask) => self.dialogs.delete_lane = ask,
            LaneCommand::CommitEra => self.commit_era(),
            LaneCommand::DeleteEra(index) => match edit_lanes::delete_era(&self.doc.dataset, index)
            {
                Ok(made) => {
                    self.edit(made.name, made.edit, None);
                }
                Err(e) => self.message = format!("Could not delete the era: {e}"),
            },
        }
    }

    /// Adds, renames, recolours, moves or deletes a lane. Typing a name and dragging in the
    /// colour picker each make one step, however many changes they send.
    fn edit_lane(&mut self, edit: LaneEdit) {
        // A deleted lane's events are shown where they go, even if that lane was hidden.
        let unhide: Vec<String> = match &edit {
            LaneEdit::Delete { id, to: Some(to) } => vec![id.clone(), to.clone()],
            _ => Vec::new(),
        };
        let d = &self.doc.dataset;
        let (made, merge_key) = match edit {
            LaneEdit::Add(label) => (edit_lanes::add_lane(d, &label), None),
            LaneEdit::Rename { id, label } => (
                edit_lanes::rename_lane(d, &id, &label),
                Some(format!("rename lane:{id}")),
            ),
            LaneEdit::Recolour { id, color } => (
                edit_lanes::recolour_lane(d, &id, color),
                Some(format!("recolour lane:{id}")),
            ),
            LaneEdit::Move { id, to } => match edit_lanes::move_lane(d, &id, to) {
                Ok(Some(m)) => (Ok(m), None),
                Ok(None) => return,
                Err(e) => (Err(e), None),
            },
            LaneEdit::Delete { id, to: None } if d.count_in(&id) > 0 => {
                // Ask where its events go: the first other lane, to begin with.
                let to = d.themes().iter().find(|t| t.id != id).map(|t| t.id.clone());
                match to {
                    Some(to) => self.dialogs.delete_lane = Some(DeleteLane { id, to }),
                    None => {
                        "The only lane cannot be deleted: its events need a lane"
                            .clone_into(&mut self.message);
                    }
                }
                return;
            }
            LaneEdit::Delete { id, to } => (edit_lanes::delete_lane(d, &id, to.as_deref()), None),
        };
        match made {
            Ok(made) => {
                let added = matches!(made.edit, crate::model::Edit::AddTheme { .. });
                let deleted = made.name.starts_with("Delete lane");
                if self.edit(made.name, made.edit, merge_key) {
                    if deleted {
                        self.dialogs.delete_lane = None;
                    }
                    let mut shown = false;
                    for id in &unhide {
                        shown |= self.filter.filter.hidden_themes.remove(id);
                    }
                    if shown {
                        self.after_lanes_shown();
                    }
                    if added && let Some(editor) = &mut self.dialogs.lanes {
                        editor.new_lane.clear();
                    }
                }
            }
            Err(e) => self.message = format!("Not changed: {e}"),
        }
    }

    /// Makes the era form's edit when every field reads; otherwise the form stays, with the
    /// reason.
    fn commit_era(&mut self) {
        let Some(form) = self.dialogs.lanes.as_ref().and_then(|l| l.era.as_ref()) else {
            return;
        };
        match form.to_edit(&self.doc.dataset) {
            Ok(Some(made)) => {
                if self.edit(made.name, made.edit, None)
                    && let Some(editor) = &mut self.dialogs.lanes
                {
                    editor.era = None;
                }
            }
            Ok(None) => {
                if let Some(editor) = &mut self.dialogs.lanes {
                    editor.era = None;
                }
                self.message = "Nothing was changed".into();
            }
            Err(reason) => self.message = format!("Not applied: {reason}"),
        }
    }

    /// After an undo or redo: lane names typed in the editor give way to the dataset's.
    pub(super) fn forget_typed_lane_names(&mut self) {
        if let Some(editor) = &mut self.dialogs.lanes {
            editor.names.clear();
        }
    }
}
