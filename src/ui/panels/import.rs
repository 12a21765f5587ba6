//! The CSV import dialog: which column holds each field, the first rows as they will be read
//! (with how each date parses), the equivalent `--map`, and Open / Cancel.

use egui::{Color32, ComboBox, Grid, Key, RichText, ScrollArea};

use crate::io::csv_preview::{DateReading, Preview, PreviewRow};
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
            ui.strong(format!(
                "The first {} rows as they will be read: green opens, red is skipped",
                p.rows.len()
            ));
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

/// The first rows: line, title, start and end with how they read, theme, and whether the row
/// opens (green) or is skipped (red), read by the loader's own code.
fn preview_ui(ui: &mut egui::Ui, p: &Preview) {
    let colors = Colors {
        error: ui.visuals().error_fg_color,
        good: good_color(ui.visuals()),
        weak: ui.visuals().weak_text_color(),
    };
    ScrollArea::both().max_height(240.0).show(ui, |ui| {
        Grid::new("import-preview")
            .striped(true)
            .num_columns(PREVIEW_FIELDS.len() + 2)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                ui.strong("line");
                for f in PREVIEW_FIELDS {
                    ui.strong(f.name());
                }
                ui.strong("");
                ui.end_row();
                for row in &p.rows {
                    row_ui(ui, row, colors);
                    ui.end_row();
                }
            });
    });
}

#[derive(Clone, Copy)]
struct Colors {
    error: Color32,
    good: Color32,
    weak: Color32,
}

/// Green that reads on the theme's background.
fn good_color(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x7C, 0xCF, 0x8A)
    } else {
        Color32::from_rgb(0x1E, 0x7B, 0x34)
    }
}

fn row_ui(ui: &mut egui::Ui, row: &PreviewRow, colors: Colors) {
    ui.label(RichText::new(row.line.to_string()).color(colors.weak));
    let good = if row.opens() {
        colors.good
    } else {
        colors.weak
    };
    for f in PREVIEW_FIELDS {
        let value = &row.values[f];
        match f {
            Field::Start => date_cell_ui(ui, value, &row.start, good, colors.error),
            Field::End => date_cell_ui(ui, value, &row.end, good, colors.error),
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
    if row.opens() {
        ui.label(RichText::new("opens").color(colors.good))
            .on_hover_text("This row opens as an event");
    } else {
        ui.label(RichText::new("skipped").color(colors.error))
            .on_hover_text(row.problems.join("\n"));
    }
}

fn date_cell_ui(
    ui: &mut egui::Ui,
    value: &str,
    reading: &DateReading,
    good: Color32,
    error: Color32,
) {
    match reading {
        DateReading::Empty => {
            ui.label("");
        }
        // The end of `Between 47 and 50` in the start column.
        DateReading::Date { words, precision } if value.trim().is_empty() => {
            ui.label(RichText::new(format!("= {words}")).color(good))
                .on_hover_text(format!("read from the start column, {precision}"));
        }
        DateReading::Date { words, precision } => {
            ui.label(RichText::new(format!("{value} = {words}")).color(good))
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
