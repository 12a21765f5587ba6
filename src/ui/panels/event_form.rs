//! The event form in the side panel: title, start and end read live (`7 Feb 1855 = 7 February
//! 1855, known to the day`, or the reason in red), theme (or a new one), importance, place,
//! description, sources, tags, names in other scripts and links to other events. It edits a copy of the form and pushes it when it changed;
//! Enter applies (when every field reads), Esc cancels.

use egui::{Color32, Key, RichText, TextEdit, Ui};

use crate::io::csv_preview::DateReading;
use crate::model::Dataset;
use crate::timeline::paint::color32;
use crate::ui::command::{Command, Commands};
use crate::ui::event_form::{
    EventForm, FormCheck, FormTarget, LINK_KINDS, LinkRow, NEW_THEME, SourceRow,
};

/// Width of the form's text fields.
const FIELD_WIDTH: f32 = 280.0;

pub fn event_form_ui(ui: &mut Ui, form: &EventForm, dataset: &Dataset, cmds: &mut Commands) {
    let mut f = form.clone();
    let check = f.check(dataset);
    let heading = match &f.target {
        FormTarget::New => "New event",
        FormTarget::Edit(_) => "Edit event",
    };
    ui.heading(heading);
    ui.add_space(4.0);
    let mut in_description = false;
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .max_height(ui.available_height() - 40.0)
        .show(ui, |ui| {
            in_description = fields_ui(ui, &mut f, &check, dataset);
        });
    ui.separator();
    let (apply, cancel) = buttons_ui(ui, &f, &check);
    let (enter, ctrl_enter, esc) = ui.input(|i| {
        (
            i.key_pressed(Key::Enter),
            i.modifiers.command && i.key_pressed(Key::Enter),
            i.key_pressed(Key::Escape),
        )
    });
    if f != *form {
        cmds.push(Command::SetForm(Box::new(f)));
    }
    if esc || cancel {
        cmds.push(Command::CancelForm);
    } else if apply || ctrl_enter || (enter && !in_description) {
        cmds.push(Command::CommitForm);
    }
}

/// Apply and Cancel; which was clicked.
fn buttons_ui(ui: &mut Ui, f: &EventForm, check: &FormCheck) -> (bool, bool) {
    let mut clicked = (false, false);
    ui.horizontal(|ui| {
        let label = match f.target {
            FormTarget::New => "Add event",
            FormTarget::Edit(_) => "Apply",
        };
        let why = check.first_problem().unwrap_or_default();
        clicked.0 = ui
            .add_enabled(check.is_valid(), egui::Button::new(label))
            .on_hover_text("Make the change (Enter); Undo (Ctrl+Z) takes it back")
            .on_disabled_hover_text(why)
            .clicked();
        clicked.1 = ui
            .button("Cancel")
            .on_hover_text("Close the form; nothing changes (Esc)")
            .clicked();
    });
    clicked
}

/// Every field; true when the description (where Enter starts a new line) has the keyboard.
fn fields_ui(ui: &mut Ui, f: &mut EventForm, check: &FormCheck, dataset: &Dataset) -> bool {
    let title = text_field_ui(ui, "Title", "Treaty of Shimoda", &mut f.title);
    if !f.focused {
        title.request_focus();
        f.focused = true;
    }
    problem_ui(ui, check.title.as_deref());
    text_field_ui(
        ui,
        "Start",
        "7 Feb 1855, 1855-02-07, c. 1792, 55 BC",
        &mut f.start,
    );
    reading_ui(ui, &f.start, &check.dates.start);
    text_field_ui(ui, "End", "empty for a single date", &mut f.end);
    reading_ui(ui, &f.end, &check.dates.end);
    theme_ui(ui, f, dataset);
    problem_ui(ui, check.theme.as_deref());
    ui.add_space(2.0);
    ui.horizontal(|ui| {
        let label = ui.label("Importance");
        ui.add(egui::Slider::new(&mut f.importance, 1..=5))
            .labelled_by(label.id)
            .on_hover_text("5 is a headline; 3 when unsure");
    });
    text_field_ui(ui, "Place", "", &mut f.place);
    let label = ui.label("Description");
    let description = ui
        .add(
            TextEdit::multiline(&mut f.description)
                .desired_rows(3)
                .desired_width(FIELD_WIDTH),
        )
        .labelled_by(label.id);
    sources_ui(ui, &mut f.sources);
    problem_ui(ui, check.sources.as_deref());
    text_field_ui(ui, "Tags", "treaty; Kuril Islands", &mut f.tags);
    text_field_ui(
        ui,
        "Names in other scripts",
        "ja=日露戦争; ru=Русско-японская война",
        &mut f.names,
    )
    .on_hover_text("language=name, separated by ;");
    problem_ui(ui, check.names.as_deref());
    links_ui(ui, &mut f.links, &check.link_targets);
    problem_ui(ui, check.links.as_deref());
    description.has_focus()
}

/// Link rows (kind, with the usual kinds a click away, and the event it leads to, by id or
/// title, with the title found under it), each removable, and Add link.
fn links_ui(ui: &mut Ui, links: &mut Vec<LinkRow>, targets: &[Option<String>]) {
    ui.label("Links");
    let mut remove = None;
    for (i, row) in links.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(
                TextEdit::singleline(&mut row.kind)
                    .hint_text("leads to")
                    .desired_width(FIELD_WIDTH * 0.3),
            )
            .on_hover_text(format!("Kind of link {}", i + 1));
            ui.menu_button("▾", |ui| {
                for kind in LINK_KINDS {
                    if ui.button(kind).clicked() {
                        kind.clone_into(&mut row.kind);
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("The usual kinds of link");
            ui.add(
                TextEdit::singleline(&mut row.to)
                    .hint_text("event id or title")
                    .desired_width(FIELD_WIDTH * 0.4),
            )
            .on_hover_text(format!(
                "The event link {} leads to: its id or title",
                i + 1
            ));
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
        if let Some(Some(title)) = targets.get(i) {
            ui.label(RichText::new(format!("→ {title}")).color(ok_color(ui)));
        }
    }
    if let Some(i) = remove {
        links.remove(i);
    }
    if ui.small_button("Add link").clicked() {
        links.push(LinkRow::default());
    }
}

/// A labelled one-line text field.
fn text_field_ui(ui: &mut Ui, name: &str, hint: &str, text: &mut String) -> egui::Response {
    let label = ui.label(name);
    ui.add(
        TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(FIELD_WIDTH),
    )
    .labelled_by(label.id)
}

/// How a date field reads: `7 Feb 1855 = 7 February 1855, known to the day`, or the reason
/// in red.
pub fn reading_ui(ui: &mut Ui, typed: &str, reading: &DateReading) {
    match reading {
        DateReading::Empty => {}
        DateReading::Date { words, precision } => {
            let typed = typed.trim();
            let text = if typed.is_empty() {
                format!("{words}, {precision}")
            } else {
                format!("{typed} = {words}, {precision}")
            };
            ui.label(RichText::new(text).color(ok_color(ui)));
        }
        DateReading::Error { message, .. } => problem_ui(ui, Some(message)),
    }
}

fn ok_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0x6C, 0xC0, 0x80)
    } else {
        Color32::from_rgb(0x1B, 0x7A, 0x3A)
    }
}

/// Why a field is refused, in red.
pub fn problem_ui(ui: &mut Ui, problem: Option<&str>) {
    if let Some(p) = problem {
        ui.colored_label(ui.visuals().error_fg_color, p);
    }
}

/// The theme list, with "New theme…" and its name.
fn theme_ui(ui: &mut Ui, f: &mut EventForm, dataset: &Dataset) {
    let label = ui.label("Theme");
    let shown = dataset
        .lane_of(&f.theme)
        .and_then(|l| dataset.themes().get(l))
        .map_or("New theme…", |t| t.label.as_str())
        .to_owned();
    egui::ComboBox::from_id_salt("form-theme")
        .selected_text(shown)
        .width(FIELD_WIDTH - 8.0)
        .show_ui(ui, |ui| {
            for t in dataset.themes() {
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, color32(t.color));
                    ui.selectable_value(&mut f.theme, t.id.clone(), &t.label);
                });
            }
            ui.selectable_value(&mut f.theme, NEW_THEME.to_owned(), "New theme…");
        })
        .response
        .labelled_by(label.id);
    if f.theme == NEW_THEME {
        text_field_ui(ui, "New theme name", "Trade", &mut f.new_theme);
    }
}

/// Source rows (title and URL), each removable, and Add source.
pub fn sources_ui(ui: &mut Ui, sources: &mut Vec<SourceRow>) {
    ui.label("Sources");
    let mut remove = None;
    for (i, s) in sources.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(
                TextEdit::singleline(&mut s.title)
                    .hint_text("title")
                    .desired_width(FIELD_WIDTH * 0.45),
            )
            .on_hover_text(format!("Title of source {}", i + 1));
            ui.add(
                TextEdit::singleline(&mut s.url)
                    .hint_text("https://…")
                    .desired_width(FIELD_WIDTH * 0.4),
            )
            .on_hover_text(format!("URL of source {}", i + 1));
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        sources.remove(i);
    }
    if ui.small_button("Add source").clicked() {
        sources.push(SourceRow::default());
    }
}
