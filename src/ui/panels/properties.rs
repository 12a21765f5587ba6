//! File ▸ Properties: the dataset's title, description and sources, edited in a window as a
//! copy that is pushed when it changes; Apply (Enter) makes one undo step, Cancel (Esc) none.

use egui::{Key, TextEdit};

use crate::model::Meta;
use crate::ui::command::{Command, Commands};
use crate::ui::event_form::SourceRow;

use super::event_form::sources_ui;

/// The properties as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertiesForm {
    pub title: String,
    pub description: String,
    pub sources: Vec<SourceRow>,
}

impl PropertiesForm {
    pub fn of(meta: &Meta) -> Self {
        Self {
            title: meta.title.clone(),
            description: meta.description.clone(),
            sources: meta
                .sources
                .iter()
                .map(|s| SourceRow {
                    title: s.title.clone(),
                    url: s.url.clone().unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// The properties the form makes, or why it cannot make them.
    pub fn to_meta(&self) -> Result<Meta, &'static str> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("title is missing: a timeline needs one");
        }
        if self
            .sources
            .iter()
            .any(|s| s.title.trim().is_empty() && !s.url.trim().is_empty())
        {
            return Err("a source with a URL needs a title");
        }
        Ok(Meta {
            title: title.to_owned(),
            description: self.description.trim().to_owned(),
            sources: SourceRow::sources(&self.sources),
        })
    }
}

pub fn properties_ui(ctx: &egui::Context, form: &PropertiesForm, cmds: &mut Commands) {
    let mut f = form.clone();
    let mut apply = false;
    let mut cancel = false;
    let mut in_description = false;
    let problem = f.to_meta().err();
    egui::Window::new("Properties")
        .id(egui::Id::unique("properties"))
        .collapsible(false)
        .default_width(420.0)
        .show(ctx, |ui| {
            let label = ui.label("Title");
            ui.add(TextEdit::singleline(&mut f.title).desired_width(380.0))
                .labelled_by(label.id);
            let label = ui.label("Description");
            in_description = ui
                .add(
                    TextEdit::multiline(&mut f.description)
                        .desired_rows(4)
                        .desired_width(380.0),
                )
                .labelled_by(label.id)
                .has_focus();
            sources_ui(ui, &mut f.sources);
            if let Some(p) = problem {
                ui.colored_label(ui.visuals().error_fg_color, p);
            }
            ui.separator();
            ui.horizontal(|ui| {
                apply = ui
                    .add_enabled(problem.is_none(), egui::Button::new("Apply"))
                    .on_hover_text("Make the change (Enter); Undo (Ctrl+Z) takes it back")
                    .clicked();
                cancel = ui
                    .button("Cancel")
                    .on_hover_text("Close; nothing changes (Esc)")
                    .clicked();
            });
        });
    let (enter, esc) = ctx.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
    if f != *form {
        cmds.push(Command::SetProperties(Box::new(f)));
    }
    if esc || cancel {
        cmds.push(Command::CancelProperties);
    } else if apply || (enter && !in_description && problem.is_none()) {
        cmds.push(Command::CommitProperties);
    }
}
