//! The lanes' arrangement of the dataset on screen (order, collapsed lanes, heights, hidden
//! lanes), remembered per dataset in [`crate::ui::state::Persisted::lanes`], and the commands
//! that change it. Hidden lanes live in the filter (the Filters panel's lane checkboxes show
//! them); the arrangement keeps a copy so that they are remembered too.

use crate::model::Theme;
use crate::timeline::arrange::{LaneArrangement, NO_ARRANGEMENT};

use super::app::App;
use super::command::Command;

impl App {
    /// How the user arranged the lanes of the dataset on screen.
    pub(super) fn arrangement(&self) -> &LaneArrangement {
        self.persisted
            .lanes
            .get(&self.doc.key())
            .unwrap_or(&NO_ARRANGEMENT)
    }

    /// Changes the arrangement of the dataset on screen; one nobody changed is not kept.
    fn arrange(&mut self, change: impl FnOnce(&mut LaneArrangement, &[Theme])) {
        let key = self.doc.key();
        let a = self.persisted.lanes.entry(key.clone()).or_default();
        change(a, self.doc.dataset.themes());
        if a.is_default() {
            self.persisted.lanes.remove(&key);
        }
    }

    /// Applies a command that arranges the lanes.
    pub(super) fn apply_lanes(&mut self, c: Command) {
        match c {
            Command::ExpandLane(id) => {
                if let Some(id) = &id {
                    self.arrange(|a, _| a.unconstrain(id));
                }
                self.view.expanded = id;
            }
            Command::CollapseLane(id, collapsed) => {
                if collapsed && self.view.expanded.as_ref() == Some(&id) {
                    self.view.expanded = None;
                }
                self.arrange(|a, _| a.set_collapsed(&id, collapsed));
            }
            Command::MoveLane { theme, before } => {
                self.arrange(|a, themes| a.move_lane(themes, &theme, before.as_deref()));
            }
            Command::SetLaneHeight(id, rows) => self.arrange(|a, _| a.set_height(&id, rows)),
            Command::ShowOnlyLane(id) => {
                let others = self.doc.dataset.themes().iter().map(|t| &t.id);
                self.filter.filter.hidden_themes = others.filter(|t| **t != id).cloned().collect();
                self.after_lanes_shown();
            }
            Command::ToggleTheme(id) => {
                let hidden = &mut self.filter.filter.hidden_themes;
                if !hidden.remove(&id) {
                    hidden.insert(id);
                }
                self.after_lanes_shown();
            }
            Command::ShowAllLanes => {
                self.filter.filter.hidden_themes.clear();
                self.after_lanes_shown();
            }
            Command::ResetLanes => {
                self.view.expanded = None;
                self.arrange(|a, _| {
                    a.order.clear();
                    a.collapsed.clear();
                    a.heights.clear();
                });
            }
            _ => {}
        }
    }

    /// The filter's lanes changed: remember them with the arrangement.
    pub(super) fn after_lanes_shown(&mut self) {
        self.after_filter_change();
        let hidden = self.filter.filter.hidden_themes.clone();
        self.arrange(|a, _| a.hidden = hidden);
    }

    /// The lanes hidden when the dataset on screen was last shown.
    pub(super) fn restore_hidden_lanes(&mut self) {
        let themes = self.doc.dataset.themes();
        let hidden = self
            .arrangement()
            .hidden
            .iter()
            .filter(|id| themes.iter().any(|t| &t.id == *id))
            .cloned()
            .collect();
        self.filter.filter.hidden_themes = hidden;
    }
}
