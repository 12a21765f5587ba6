//! The filters panel: theme toggles with counts, text search with a match count, a date range
//! and a minimum importance.

use egui::{Color32, Key, RichText, Ui};

use crate::model::HistDate;
use crate::timeline::paint::color32;
use crate::ui::app::App;
use crate::ui::command::Command;

pub fn filters_ui(ui: &mut Ui, app: &mut App) {
    ui.heading("Filters");
    ui.add_space(4.0);
    themes_ui(ui, app);
    ui.separator();
    search_ui(ui, app);
    ui.separator();
    dates_ui(ui, app);
    ui.separator();
    let label = ui.label("Minimum importance");
    let mut min = app.filter.min_importance.max(1);
    let slider = egui::Slider::new(&mut min, 1..=5).text("of 5");
    let r = ui
        .add(slider)
        .labelled_by(label.id)
        .on_hover_text("1 shows every event; 5 only headlines");
    if r.changed() {
        app.filter.min_importance = min;
        app.invalidate_matches();
    }
}

fn themes_ui(ui: &mut Ui, app: &mut App) {
    ui.label(RichText::new("Themes").strong());
    let themes = app.doc.dataset.themes().to_vec();
    for t in themes {
        let count = app.doc.dataset.count_in(&t.id);
        let mut shown = !app.filter.hidden_themes.contains(&t.id);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color32(t.color));
            let r = ui
                .checkbox(&mut shown, format!("{} ({count})", t.label))
                .on_hover_text(format!("Show or hide the {} lane", t.label));
            if r.changed() {
                app.push(Command::ToggleTheme(t.id.clone()));
            }
        });
    }
}

fn search_ui(ui: &mut Ui, app: &mut App) {
    let label = ui.label(RichText::new("Search").strong());
    let edit = egui::TextEdit::singleline(&mut app.filter.search)
        .hint_text("title, description, place, tags")
        .desired_width(f32::INFINITY);
    let r = ui
        .add(edit)
        .labelled_by(label.id)
        .on_hover_text("Matches are highlighted; Enter selects the next one");
    if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
        app.push(Command::NextMatch);
        r.request_focus();
    }
    if !app.filter.search.trim().is_empty() {
        let n = app.match_count;
        let text = match n {
            _ if app.is_searching() => "Searching…".to_owned(),
            0 => "No matches".to_owned(),
            1 => "1 match".to_owned(),
            n => format!("{n} matches"),
        };
        ui.horizontal(|ui| {
            ui.label(text);
            if ui.small_button("Next match").clicked() {
                app.push(Command::NextMatch);
            }
            if ui.small_button("Clear").clicked() {
                app.filter.search.clear();
            }
        });
    }
}

fn dates_ui(ui: &mut Ui, app: &mut App) {
    ui.label(RichText::new("Date range").strong());
    let mut changed = false;
    egui::Grid::new("date-range").num_columns(2).show(ui, |ui| {
        changed |= date_field_ui(ui, "From", "e.g. 1855", &mut app.from_text);
        ui.end_row();
        changed |= date_field_ui(ui, "To", "e.g. 1905", &mut app.to_text);
        ui.end_row();
    });
    let parse = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            Ok(None)
        } else {
            HistDate::parse(s)
                .map(Some)
                .map_err(|e| format!("\"{s}\": {e}"))
        }
    };
    let (from, to) = (parse(&app.from_text), parse(&app.to_text));
    if changed {
        if let Ok(f) = &from {
            app.filter.from = f.clone();
        }
        if let Ok(t) = &to {
            app.filter.to = t.clone();
        }
        app.invalidate_matches();
    }
    for err in [from.err(), to.err()].into_iter().flatten() {
        ui.colored_label(Color32::from_rgb(0xD5, 0x5E, 0x00), err);
    }
}

/// One labelled EDTF field of the date range; true when its text changed.
fn date_field_ui(ui: &mut Ui, name: &str, hint: &str, text: &mut String) -> bool {
    let label = ui.label(name);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(110.0),
    )
    .labelled_by(label.id)
    .on_hover_text("An EDTF date: 1855, 1855-02, 1855-02-07, -0054")
    .changed()
}
