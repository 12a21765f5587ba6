//! The side panel on the right: its tabs, Details and Export, as selectable labels a screen
//! reader reads by name; the panel's content is the chosen tab's (`details.rs`, `export.rs`).

use egui::Ui;
use egui::accesskit::Role;

use crate::ui::action::{Action, is_mac, shortcuts_text};
use crate::ui::command::{Command, Commands};
use crate::ui::state::SideTab;

impl SideTab {
    /// Every tab, in the order shown.
    pub const ALL: [Self; 2] = [Self::Details, Self::Export];

    /// The tab's name, as shown and as read by screen readers.
    pub fn label(self) -> &'static str {
        match self {
            Self::Details => "Details",
            Self::Export => "Export",
        }
    }

    /// What the tab holds, with the key that opens it where there is one.
    fn tooltip(self, is_mac: bool) -> String {
        match self {
            Self::Details => "The selected event".to_owned(),
            Self::Export => {
                let keys = shortcuts_text(Action::ExportPanel, is_mac).unwrap_or_default();
                format!("A preview of the figure, PNG and CSV export ({keys})")
            }
        }
    }
}

/// The row of tabs (a tab list of selectable labels, each a tab that says whether it is
/// chosen); choosing one pushes [`Command::ShowTab`].
pub fn tabs_ui(ui: &mut Ui, current: SideTab, cmds: &mut Commands) {
    let mac = is_mac(ui.ctx());
    let list = egui::UiBuilder::new()
        .accessibility_role(Role::TabList)
        .accessibility_label("Side panel");
    ui.scope_builder(list, |ui| {
        ui.horizontal(|ui| {
            for tab in SideTab::ALL {
                tab_ui(ui, tab, current, mac, cmds);
            }
        });
    });
    ui.separator();
}

/// One tab: a selectable label that a screen reader reads as a tab, chosen or not.
fn tab_ui(ui: &mut Ui, tab: SideTab, current: SideTab, mac: bool, cmds: &mut Commands) {
    let chosen = tab == current;
    let label = egui::RichText::new(tab.label()).strong();
    let response = ui
        .selectable_label(chosen, label)
        .on_hover_text(tab.tooltip(mac));
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Tab);
        node.clear_toggled();
        node.set_selected(chosen);
    });
    if response.clicked() && !chosen {
        cmds.push(Command::ShowTab(tab));
    }
}
