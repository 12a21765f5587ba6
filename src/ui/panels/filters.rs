//! The filters panel: theme toggles with counts, text search with a match count, a date range
//! and a minimum importance.

use egui::{Color32, Key, RichText, Ui};

use crate::timeline::paint::color32;
use crate::ui::command::{Command, Commands};
use crate::ui::document::Document;
use crate::ui::parts::{FilterInputs, FilterState, Jobs};

pub fn filters_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &FilterState,
    jobs: &Jobs,
    cmds: &mut Commands,
) {
    ui.heading("Filters");
    ui.add_space(4.0);
    themes_ui(ui, doc, state, cmds);
    // The fields are edited as a copy, sent back when they changed.
    let mut inputs = state.inputs.clone();
    ui.separator();
    search_ui(ui, &mut inputs, state, jobs.is_searching(), cmds);
    ui.separator();
    dates_ui(ui, &mut inputs);
    ui.separator();
    let label = ui.label("Minimum importance");
    let slider = egui::Slider::new(&mut inputs.min_importance, 1..=5).text("of 5");
    ui.add(slider)
        .labelled_by(label.id)
        .on_hover_text("1 shows every event; 5 only headlines");
    if inputs != state.inputs {
        cmds.push(Command::SetFilterInputs(inputs));
    }
}

fn themes_ui(ui: &mut Ui, doc: &Document, state: &FilterState, cmds: &mut Commands) {
    ui.label(RichText::new("Themes").strong());
    for t in doc.dataset.themes() {
        let count = doc.dataset.count_in(&t.id);
        let mut shown = !state.filter.hidden_themes.contains(&t.id);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color32(t.color));
            let r = ui
                .checkbox(&mut shown, format!("{} ({count})", t.label))
                .on_hover_text(format!("Show or hide the {} lane", t.label));
            if r.changed() {
                cmds.push(Command::ToggleTheme(t.id.clone()));
            }
        });
    }
}

fn search_ui(
    ui: &mut Ui,
    inputs: &mut FilterInputs,
    state: &FilterState,
    searching: bool,
    cmds: &mut Commands,
) {
    let label = ui.label(RichText::new("Search").strong());
    let edit = egui::TextEdit::singleline(&mut inputs.search)
        .hint_text("title, description, place, tags")
        .desired_width(f32::INFINITY);
    let r = ui
        .add(edit)
        .labelled_by(label.id)
        .on_hover_text("Matches are highlighted; Enter selects the next one");
    if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
        cmds.push(Command::NextMatch);
        r.request_focus();
    }
    if !state.inputs.search.trim().is_empty() {
        let text = match state.match_count {
            _ if searching => "Searching…".to_owned(),
            0 => "No matches".to_owned(),
            1 => "1 match".to_owned(),
            n => format!("{n} matches"),
        };
        ui.horizontal(|ui| {
            ui.label(text);
            if ui.small_button("Next match").clicked() {
                cmds.push(Command::NextMatch);
            }
            if ui.small_button("Clear").clicked() {
                inputs.search.clear();
            }
        });
    }
}

fn dates_ui(ui: &mut Ui, inputs: &mut FilterInputs) {
    ui.label(RichText::new("Date range").strong());
    egui::Grid::new("date-range").num_columns(2).show(ui, |ui| {
        date_field_ui(ui, "From", "e.g. 1855", &mut inputs.from);
        ui.end_row();
        date_field_ui(ui, "To", "e.g. 1905", &mut inputs.to);
        ui.end_row();
    });
    let errors = [&inputs.from, &inputs.to].map(|t| FilterInputs::date(t).err());
    for err in errors.into_iter().flatten() {
        ui.colored_label(Color32::from_rgb(0xD5, 0x5E, 0x00), err);
    }
}

/// One labelled EDTF field of the date range.
fn date_field_ui(ui: &mut Ui, name: &str, hint: &str, text: &mut String) {
    let label = ui.label(name);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(110.0),
    )
    .labelled_by(label.id)
    .on_hover_text("An EDTF date: 1855, 1855-02, 1855-02-07, -0054");
}
