//! The CSV import dialog: which column holds each field, the first rows as they will be read
//! (with how each date parses), the equivalent `--map`, and Open / Cancel.

use egui::{Color32, ComboBox, Grid, Key, RichText, ScrollArea};

use crate::io::csv_preview::{DateReading, Preview};
use crate::io::{Field, FieldMap, ProblemKind};
use crate::ui::command::{Command, Commands};
use crate::ui::loading::ImportDialog;

/// Fields shown in the preview table.
const PREVIEW_FIELDS: [Field; 4] = [Field::Title, Field::Start, Field::End, Field::Theme];

pub fn import_ui(ctx: &egui::Context, dialog: Option<&ImportDialog>, cmds: &mut Commands) {
    let Some(dialog) = dialog else {
        return;
    };
    let name = dialog.file_name();
    let mut open = true;
    let mut columns = dialog.preview.columns;
    let mut submit = false;
    let mut cancel = false;
    egui::Window::new(format!("Import {name}"))
        .id(egui::Id::unique("import-dialog"))
        .open(&mut open)
        .collapsible(false)
        .default_width(900.0)
        .show(ctx, |ui| {
            let p = &dialog.preview;
            ui.label(format!(
                "{} columns, separated by {}. Check which column holds each field; title and start are needed.",
                p.header.len(),
                delimiter_name(p.delimiter)
            ));
            ui.add_space(4.0);
            mapping_ui(ui, p, &mut columns);
            for problem in &p.problems {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.add_space(6.0);
            ui.strong(format!("The first {} rows as they will be read", p.rows.len()));
            preview_ui(ui, p);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label("On the command line:");
                let flag = format!("--map {}", short_map(p, &columns));
                ui.label(RichText::new(&flag).monospace())
                    .on_hover_text("The same choice for `chronolane FILE`, `validate` and `export`");
                if ui.small_button("Copy").clicked() {
                    ui.ctx().copy_text(flag);
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                let can_open = p.is_complete();
                if ui
                    .add_enabled(can_open, egui::Button::new("Open"))
                    .on_hover_text("Read the whole file with these columns (Enter)")
                    .on_disabled_hover_text("Choose a column for title and for start")
                    .clicked()
                {
                    submit = true;
                }
                if ui.button("Cancel").on_hover_text("Keep the dataset on screen (Esc)").clicked() {
                    cancel = true;
                }
            });
            if ui.input(|i| i.key_pressed(Key::Enter)) && p.is_complete() {
                submit = true;
            }
            if ui.input(|i| i.key_pressed(Key::Escape)) {
                cancel = true;
            }
        });
    if columns != dialog.preview.columns {
        cmds.push(Command::RemapImport(columns));
    }
    if submit {
        cmds.push(Command::Import(dialog.path.clone(), dialog.preview.map()));
    } else if cancel || !open {
        cmds.push(Command::CancelImport);
    }
}

/// One row per field: its name and a menu of the header's columns.
fn mapping_ui(ui: &mut egui::Ui, p: &Preview, columns: &mut FieldMap<Option<usize>>) {
    Grid::new("import-mapping")
        .num_columns(4)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for field in Field::ALL {
                let name = field.name();
                let required = field.is_required();
                let label = ui.label(if required {
                    RichText::new(format!("{name} *")).strong()
                } else {
                    RichText::new(name)
                });
                let shown = columns[field]
                    .and_then(|i| p.header.get(i))
                    .map_or("— not read —", String::as_str);
                ComboBox::from_id_salt(("import-field", field.index()))
                    .selected_text(shown)
                    .width(180.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut columns[field], None, "— not read —");
                        for (i, h) in p.header.iter().enumerate() {
                            ui.selectable_value(&mut columns[field], Some(i), h);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if field.index() % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}

/// The first rows: line, title, start and end with how they read, theme.
fn preview_ui(ui: &mut egui::Ui, p: &Preview) {
    let error = ui.visuals().error_fg_color;
    let weak = ui.visuals().weak_text_color();
    ScrollArea::both().max_height(240.0).show(ui, |ui| {
        Grid::new("import-preview")
            .striped(true)
            .num_columns(PREVIEW_FIELDS.len() + 1)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                ui.strong("line");
                for f in PREVIEW_FIELDS {
                    ui.strong(f.name());
                }
                ui.end_row();
                for row in &p.rows {
                    ui.label(RichText::new(row.line.to_string()).color(weak));
                    for f in PREVIEW_FIELDS {
                        let value = &row.values[f];
                        match f {
                            Field::Start => date_cell_ui(ui, value, &row.start, error),
                            Field::End => date_cell_ui(ui, value, &row.end, error),
                            _ => {
                                ui.scope(|ui| {
                                    let width = if f == Field::Title { 240.0 } else { 120.0 };
                                    ui.set_min_width(width);
                                    ui.set_max_width(width);
                                    ui.add(egui::Label::new(value.as_str()).truncate())
                                        .on_hover_text(value.as_str());
                                });
                            }
                        }
                    }
                    ui.end_row();
                }
            });
    });
}

/// A date cell as the loader reads it: green words open, a red cell is why the row is skipped.
fn date_cell_ui(ui: &mut egui::Ui, value: &str, reading: &DateReading, error: Color32) {
    match reading {
        DateReading::Empty => {
            ui.label("");
        }
        // The end of `Between 47 and 50` in the start column.
        DateReading::Date { words, precision } if value.trim().is_empty() => {
            ui.label(format!("= {words}"))
                .on_hover_text(format!("read from the start column, {precision}"));
        }
        DateReading::Date { words, precision } => {
            ui.label(format!("{value} = {words}"))
                .on_hover_text(precision);
        }
        DateReading::Error { kind, message } => {
            let short = match kind {
                _ if value.trim().is_empty() => "missing".to_owned(),
                ProblemKind::NotADate => format!("{value}: not a date"),
                _ => format!("{value}: skipped"),
            };
            ui.label(RichText::new(short).color(error))
                .on_hover_text(message);
        }
    }
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "semicolons",
        b'\t' => "tabs",
        _ => "commas",
    }
}

/// The `--map` for the fields whose column differs from what Chronolane would pick alone, or
/// that are left unread.
fn short_map(p: &Preview, columns: &FieldMap<Option<usize>>) -> String {
    let pairs: Vec<String> = Field::ALL
        .into_iter()
        .filter_map(|f| {
            let name = f.name();
            let column = columns[f].and_then(|i| p.header.get(i));
            match column {
                Some(c) if c.eq_ignore_ascii_case(name) => None,
                Some(c) => Some(format!("{name}={c}")),
                // Left unread although a column would be read as it otherwise.
                None if p
                    .header
                    .iter()
                    .any(|h| f.synonyms().contains(&h.to_lowercase().as_str())) =>
                {
                    Some(format!("{name}="))
                }
                None => None,
            }
        })
        .collect();
    if pairs.is_empty() {
        "title=title".to_owned()
    } else {
        pairs.join(",")
    }
}
