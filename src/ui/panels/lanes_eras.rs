//! Edit ▸ Lanes & eras: a window to add, rename, recolour (the colour-blind-safe palette first,
//! then any colour with egui's picker), reorder and delete lanes, and to add, change and delete
//! eras (name, start and end read live as in the event form, a colour or none); and the question
//! where a deleted lane's events go. It edits a copy of the editor's fields and pushes it when it
//! changed; each change of the dataset is a command, one undo step.

use egui::{Color32, Key, Sense, Stroke, TextEdit, Ui, vec2};

use crate::model::date::span_in_words;
use crate::model::event::LANE_PALETTE;
use crate::model::{Dataset, Rgb, Theme};
use crate::timeline::paint::color32;
use crate::ui::command::{Command, Commands, LaneCommand};
use crate::ui::lanes_form::{DeleteLane, EraForm, LaneEdit, LanesEditor, NEW_LANE_FIELD};

use super::event_form::{problem_ui, reading_ui};

/// Width of the name fields.
const NAME_WIDTH: f32 = 170.0;

/// The "Lanes & eras" window; `asking`: the question where a deleted lane's events go is open
/// over it (and takes Esc).
pub fn lanes_eras_ui(
    ctx: &egui::Context,
    editor: &LanesEditor,
    dataset: &Dataset,
    asking: bool,
    cmds: &mut Commands,
) {
    let mut ed = editor.clone();
    // The dataset's changes, pushed after the editor's fields (which they may clear).
    let mut edits = Vec::new();
    let mut open = true;
    egui::Window::new("Lanes & eras")
        .id(egui::Id::unique("lanes-eras"))
        .open(&mut open)
        .collapsible(false)
        .default_width(470.0)
        .show(ctx, |ui| {
            // The era form stays below the lists, always in sight.
            let share = if ed.era.is_some() { 0.4 } else { 0.7 };
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * share)
                .show(ui, |ui| {
                    ui.weak("Each change is one step: Undo (Ctrl+Z) takes it back.");
                    ui.strong("Lanes");
                    ui.weak(
                        "In the order saved in the file (dragging a lane's name on the timeline \
                         arranges the view only).",
                    );
                    for index in 0..dataset.themes().len() {
                        lane_row_ui(ui, &mut ed, dataset, index, &mut edits);
                    }
                    new_lane_ui(ui, &mut ed, dataset, &mut edits);
                    ui.separator();
                    ui.strong("Eras");
                    eras_ui(ui, &mut ed, dataset, &mut edits);
                });
            if let Some(form) = &mut ed.era {
                ui.separator();
                if era_form_ui(ui, form, &mut edits) {
                    ed.era = None;
                }
            }
        });
    let esc = !asking && ctx.input(|i| i.key_pressed(Key::Escape));
    if esc && ed.era.is_some() {
        ed.era = None;
    } else if esc || !open {
        cmds.push(Command::Lanes(LaneCommand::Close));
    }
    if ed != *editor {
        cmds.push(Command::Lanes(LaneCommand::Set(Box::new(ed))));
    }
    cmds.extend(edits);
}

/// Gives a widget the name a screen reader (and a test) finds it by.
fn name_widget(ui: &Ui, response: &egui::Response, name: String) {
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}

/// A colour swatch that can be clicked; `selected` draws a ring round it.
fn swatch_ui(ui: &mut Ui, color: Color32, selected: bool, name: &str) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(18.0, 18.0), Sense::click());
    let painter = ui.painter();
    painter.rect_filled(rect.shrink(2.0), 3.0, color);
    let stroke = if selected {
        Stroke::new(2.0, ui.visuals().strong_text_color())
    } else if response.hovered() {
        ui.visuals().widgets.hovered.fg_stroke
    } else {
        Stroke::NONE
    };
    painter.rect_stroke(rect, 4.0, stroke, egui::StrokeKind::Inside);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response
}

/// One lane: its colour, its name (renamed as typed), its events, Up, Down and Delete.
fn lane_row_ui(
    ui: &mut Ui,
    ed: &mut LanesEditor,
    dataset: &Dataset,
    index: usize,
    edits: &mut Vec<Command>,
) {
    let themes = dataset.themes();
    let t = &themes[index];
    let id = t.id.clone();
    ui.horizontal(|ui| {
        let colour = swatch_ui(
            ui,
            color32(t.color),
            ed.colours_of.as_ref() == Some(&id),
            &format!("Colour of the {} lane", t.label),
        );
        if colour.on_hover_text("Change the colour").clicked() {
            ed.colours_of = if ed.colours_of.as_ref() == Some(&id) {
                None
            } else {
                Some(id.clone())
            };
        }
        let mut text = ed
            .names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| t.label.clone());
        let name = ui.add(TextEdit::singleline(&mut text).desired_width(NAME_WIDTH));
        name_widget(ui, &name, format!("{} lane name", t.label));
        if ed.focus.as_ref() == Some(&id) {
            // Rename… from the lane's menu: the name selected, to type over.
            name.request_focus();
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), name.id) {
                let all = egui::text_selection::CCursorRange::select_all_str(&text);
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), name.id);
            }
            ed.focus = None;
        }
        if name.changed() {
            let valid = LanesEditor::name_problem(dataset, &id, &text).is_none();
            if valid && text.trim() != t.label {
                edits.push(Command::Lanes(LaneCommand::Edit(LaneEdit::Rename {
                    id: id.clone(),
                    label: text.clone(),
                })));
            }
            ed.names.insert(id.clone(), text);
        }
        let n = dataset.count_in(&id);
        ui.weak(if n == 1 {
            "1 event".to_owned()
        } else {
            format!("{n} events")
        });
        let moves = [
            ("Up", "up", index.checked_sub(1)),
            ("Down", "down", {
                Some(index + 1).filter(|&k| k < themes.len())
            }),
        ];
        for (text, way, to) in moves {
            let r = ui
                .add_enabled(to.is_some(), egui::Button::new(text).small())
                .on_hover_text(format!("Move the lane {way} in the file's order"));
            name_widget(ui, &r, format!("Move the {} lane {way}", t.label));
            if r.clicked()
                && let Some(to) = to
            {
                edits.push(Command::Lanes(LaneCommand::Edit(LaneEdit::Move {
                    id: id.clone(),
                    to,
                })));
            }
        }
        let r = ui
            .add_enabled(themes.len() > 1, egui::Button::new("Delete…").small())
            .on_hover_text("Delete the lane; its events go to a lane you choose")
            .on_disabled_hover_text("The only lane: its events need a lane");
        name_widget(ui, &r, format!("Delete the {} lane…", t.label));
        if r.clicked() {
            edits.push(Command::Lanes(LaneCommand::Edit(LaneEdit::Delete {
                id: id.clone(),
                to: None,
            })));
        }
    });
    if let Some(typed) = ed.names.get(&id) {
        problem_ui(
            ui,
            LanesEditor::name_problem(dataset, &id, typed).as_deref(),
        );
    }
    if ed.colours_of.as_ref() == Some(&id) {
        colours_ui(ui, t, edits);
    }
}

/// The colour-blind-safe palette, then any colour.
fn colours_ui(ui: &mut Ui, t: &Theme, edits: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.add_space(22.0);
        ui.weak("Colour-blind-safe:");
        let mut chosen = None;
        for (k, c) in LANE_PALETTE.iter().enumerate() {
            let r = swatch_ui(
                ui,
                color32(*c),
                t.color == *c,
                &format!("Palette colour {}", k + 1),
            );
            if r.on_hover_text(c.to_hex()).clicked() {
                chosen = Some(*c);
            }
        }
        ui.weak("or");
        let mut rgb = t.color.0;
        let any = egui::widgets::color_picker::color_edit_button_srgb(ui, &mut rgb)
            .on_hover_text("Any colour");
        if any.changed() {
            chosen = Some(Rgb(rgb));
        }
        if let Some(color) = chosen.filter(|c| *c != t.color) {
            edits.push(Command::Lanes(LaneCommand::Edit(LaneEdit::Recolour {
                id: t.id.clone(),
                color,
            })));
        }
    });
}

/// The new lane's name and Add lane (or Enter).
fn new_lane_ui(ui: &mut Ui, ed: &mut LanesEditor, dataset: &Dataset, edits: &mut Vec<Command>) {
    let typed = ed.new_lane.trim().to_owned();
    let problem = if typed.is_empty() {
        None
    } else {
        LanesEditor::name_problem(dataset, "", &typed)
    };
    ui.horizontal(|ui| {
        let label = ui.label("New lane");
        let field = ui
            .add(
                TextEdit::singleline(&mut ed.new_lane)
                    .hint_text("Trade")
                    .desired_width(NAME_WIDTH),
            )
            .labelled_by(label.id);
        if ed.focus.as_deref() == Some(NEW_LANE_FIELD) {
            field.request_focus();
            ed.focus = None;
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let ok = !typed.is_empty() && problem.is_none();
        let add = ui
            .add_enabled(ok, egui::Button::new("Add lane"))
            .on_hover_text("A new lane after the others, in the next colour of the palette")
            .clicked();
        if ok && (add || enter) {
            edits.push(Command::Lanes(LaneCommand::Edit(LaneEdit::Add(
                typed.clone(),
            ))));
        }
    });
    problem_ui(ui, problem.as_deref());
}

/// The eras, each with Edit and Delete, then the era form or New era….
fn eras_ui(ui: &mut Ui, ed: &mut LanesEditor, dataset: &Dataset, edits: &mut Vec<Command>) {
    if dataset.eras().is_empty() {
        ui.weak("No eras: an era is a named band behind the lanes (Meiji, 1868–1912).");
    }
    for (i, era) in dataset.eras().iter().enumerate() {
        ui.horizontal(|ui| {
            if let Some(c) = era.color {
                let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                ui.painter().rect_filled(rect, 2.0, color32(c));
            }
            ui.label(&era.label);
            ui.weak(span_in_words(&era.start, Some(&era.end)));
            let r = ui.add_enabled(ed.era.is_none(), egui::Button::new("Edit").small());
            name_widget(ui, &r, format!("Edit era {}", era.label));
            if r.clicked() {
                ed.era = Some(EraForm::of(era));
            }
            let r = ui.add(egui::Button::new("Delete").small());
            name_widget(ui, &r, format!("Delete era {}", era.label));
            if r.on_hover_text("Undo (Ctrl+Z) brings it back").clicked() {
                edits.push(Command::Lanes(LaneCommand::DeleteEra(i)));
            }
        });
    }
    let new = ui
        .add_enabled(ed.era.is_none(), egui::Button::new("New era…"))
        .on_hover_text("A named span shown as a band behind the lanes");
    if new.clicked() {
        ed.era = Some(EraForm::default());
    }
}

/// A labelled one-line field of the era form.
fn era_field_ui(ui: &mut Ui, name: &str, hint: &str, text: &mut String) -> egui::Response {
    let label = ui.label(name);
    ui.add(
        TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(NAME_WIDTH + 110.0),
    )
    .labelled_by(label.id)
}

/// The era form: name, start and end (read live), colour, Apply and Cancel. True when Cancel
/// was clicked.
fn era_form_ui(ui: &mut Ui, form: &mut EraForm, edits: &mut Vec<Command>) -> bool {
    let check = form.check();
    let name = era_field_ui(ui, "Era name", "Meiji", &mut form.label);
    if !form.focused {
        name.request_focus();
        form.focused = true;
    }
    problem_ui(ui, check.label.as_deref());
    let start = era_field_ui(ui, "Era start", "23 Oct 1868, 1868", &mut form.start);
    reading_ui(ui, &form.start, &check.dates.start);
    let end = era_field_ui(ui, "Era end", "30 Jul 1912", &mut form.end);
    reading_ui(ui, &form.end, &check.dates.end);
    problem_ui(ui, check.end.as_deref());
    ui.horizontal(|ui| {
        let mut own = form.color.is_some();
        if ui
            .checkbox(&mut own, "Own colour")
            .on_hover_text("Otherwise the era is shaded grey")
            .changed()
        {
            form.color = own.then_some(LANE_PALETTE[0]);
        }
        if let Some(c) = &mut form.color {
            let mut rgb = c.0;
            if egui::widgets::color_picker::color_edit_button_srgb(ui, &mut rgb).changed() {
                *c = Rgb(rgb);
            }
        }
    });
    let problem = check.first_problem();
    let enter = [&name, &start, &end].iter().any(|r| r.lost_focus())
        && ui.input(|i| i.key_pressed(Key::Enter));
    let mut cancel = false;
    ui.horizontal(|ui| {
        let label = if form.before.is_some() {
            "Apply era"
        } else {
            "Add era"
        };
        let apply = ui
            .add_enabled(problem.is_none(), egui::Button::new(label))
            .on_hover_text("Make the change (Enter); Undo (Ctrl+Z) takes it back")
            .on_disabled_hover_text(problem.clone().unwrap_or_default())
            .clicked();
        if apply || (enter && problem.is_none()) {
            edits.push(Command::Lanes(LaneCommand::CommitEra));
        }
        cancel = ui
            .button("Cancel")
            .on_hover_text("Close the form; nothing changes (Esc)")
            .clicked();
    });
    cancel
}

/// The question before deleting a lane that has events: which lane they go to.
pub fn delete_lane_ui(
    ctx: &egui::Context,
    ask: &DeleteLane,
    dataset: &Dataset,
    cmds: &mut Commands,
) {
    let themes = dataset.themes();
    let Some(lane) = themes.iter().find(|t| t.id == ask.id) else {
        cmds.push(Command::Lanes(LaneCommand::SetDelete(None)));
        return;
    };
    let n = dataset.count_in(&ask.id);
    let mut to = ask.to.clone();
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("delete-lane")).show(ctx, |ui| {
        ui.set_width(380.0);
        ui.strong(format!("Delete the {} lane?", lane.label));
        let events = if n == 1 {
            "Its event is not deleted: it moves to".to_owned()
        } else {
            format!("Its {n} events are not deleted: they move to")
        };
        let label = ui.label(events);
        let shown = themes
            .iter()
            .find(|t| t.id == to)
            .map_or(String::new(), |t| t.label.clone());
        egui::ComboBox::from_id_salt("delete-lane-to")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for t in themes.iter().filter(|t| t.id != ask.id) {
                    ui.selectable_value(&mut to, t.id.clone(), &t.label);
                }
            })
            .response
            .labelled_by(label.id);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .button("Delete the lane")
                .on_hover_text("Move its events, then delete it (Enter)")
                .clicked()
            {
                answer = Some(true);
            }
            if ui.button("Cancel").on_hover_text("Esc").clicked() {
                answer = Some(false);
            }
        });
        ui.weak("Undo (Ctrl+Z) brings the lane and its events back.");
    });
    if modal.should_close() {
        answer.get_or_insert(false);
    }
    if ctx.input(|i| i.key_pressed(Key::Enter)) {
        answer.get_or_insert(true);
    }
    if to != ask.to {
        cmds.push(Command::Lanes(LaneCommand::SetDelete(Some(DeleteLane {
            id: ask.id.clone(),
            to: to.clone(),
        }))));
    }
    match answer {
        Some(true) => cmds.push(Command::Lanes(LaneCommand::Edit(LaneEdit::Delete {
            id: ask.id.clone(),
            to: Some(to),
        }))),
        Some(false) => cmds.push(Command::Lanes(LaneCommand::SetDelete(None))),
        None => {}
    }
}
