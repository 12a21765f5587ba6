//! The lane controls in the timeline's name column: click a lane's name to collapse or expand
//! it, drag it up or down to reorder the lanes, drag a lane's lower edge to resize it
//! (double-click the edge: as tall as it needs), and the name's context menu (Collapse, Move up,
//! Move down, Show only this lane, Show all lanes, and the dataset's edits: Rename…, Colour…,
//! Delete lane…, New lane…). All of it works from the keyboard too:
//! Tab (or the arrows) to a lane's name, then the keys of [`LANE_KEYS`]. Screen readers hear
//! each name as "<Theme> lane", collapsed or expanded, and each edge as "<Theme> lane height".

use egui::{
    Align2, CursorIcon, Key, LayerId, Modifiers, Order, Rect, Response, Role, Sense, Shape, Stroke,
    Ui, WidgetInfo, pos2, vec2,
};

use crate::model::Dataset;
use crate::timeline::Params;
use crate::timeline::arrange::{LaneArrangement, Rows};
use crate::timeline::layout::{Lane, Layout, min_rows};
use crate::timeline::layout_fit::rows_that_fit;
use crate::timeline::paint::{GUTTER, Geometry};

use super::command::{Command, Commands, LaneCommand};
use super::lanes_form::{LaneEdit, LanesOpen};

/// The keys of a focused lane name, for Help ▸ Keyboard shortcuts.
pub const LANE_KEYS: &[(&str, &str)] = &[
    (
        "Tab / Up / Down",
        "Go to a lane's name (then the keys below)",
    ),
    ("Enter / Space", "Collapse or expand the lane"),
    ("Alt + Up / Down", "Move the lane up or down"),
    ("Shift + Up / Down", "Make the lane a row shorter or taller"),
    ("O", "Show only this lane"),
    ("A", "Show all lanes"),
    ("Shift + F10 / Menu", "The lane's menu"),
];

/// What the lane controls read.
pub struct LaneControls<'a> {
    pub dataset: &'a Dataset,
    pub arrangement: &'a LaneArrangement,
    /// Whether some lanes are hidden.
    pub some_hidden: bool,
    pub layout: &'a Layout,
    pub params: &'a Params,
    pub geo: &'a Geometry,
}

/// The names and lower edges of the shown lanes, as widgets. Call after painting the timeline
/// (they draw their hover and focus marks over it).
pub fn lane_controls_ui(ui: &mut Ui, c: &LaneControls<'_>, cmds: &mut Commands) {
    for k in 0..c.layout.lanes.len() {
        name_ui(ui, c, k, cmds);
    }
    for k in 0..c.layout.lanes.len() {
        edge_ui(ui, c, k, cmds);
    }
}

/// A lane's theme id and label.
fn theme_of<'a>(c: &'a LaneControls<'_>, lane: &Lane) -> Option<(&'a str, &'a str)> {
    let t = c.dataset.themes().get(lane.theme)?;
    Some((t.id.as_str(), t.label.as_str()))
}

/// The lane's name: a button that collapses, a handle that reorders, a context menu.
fn name_ui(ui: &mut Ui, c: &LaneControls<'_>, k: usize, cmds: &mut Commands) {
    let lane = &c.layout.lanes[k];
    let Some((id, label)) = theme_of(c, lane) else {
        return;
    };
    let top = c.geo.lanes.top() + lane.top;
    let rect = Rect::from_min_size(pos2(c.geo.rect.left(), top), vec2(GUTTER, lane.height));
    let response = ui.interact(
        rect,
        ui.scope_id().with(("lane", id)),
        Sense::click_and_drag(),
    );
    let collapsed = c.arrangement.collapsed.contains(id);
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("{label} lane")));
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_expanded(!collapsed);
        node.set_description(if collapsed {
            "Collapsed: Enter expands it"
        } else {
            "Enter collapses it; Alt+Up or Down moves it"
        });
    });
    paint_name_marks(ui, rect, &response, collapsed, lane.height);
    if response.clicked() {
        cmds.push(Command::CollapseLane(id.to_owned(), !collapsed));
    }
    if response.hovered() && !response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
    }
    let response = response.on_hover_ui(|ui| {
        ui.strong(format!("{label} lane"));
        ui.label(if collapsed {
            "Click to expand"
        } else {
            "Click to collapse to one row"
        });
        ui.label("Drag up or down to move it; right-click for more");
        ui.weak("Keys: Tab to here, Enter, Alt+Up/Down, Shift+Up/Down");
    });
    reorder_ui(ui, c, k, &response, cmds);
    if response.has_focus() {
        lane_keys(ui, c, k, &response, cmds);
    }
    response.context_menu(|ui| lane_menu_ui(ui, c, k, cmds));
}

/// The hover and focus marks and the ▸/▾ chevron of a lane's name.
fn paint_name_marks(ui: &Ui, rect: Rect, response: &Response, collapsed: bool, height: f32) {
    let visuals = ui.visuals();
    let painter = ui.painter();
    if response.hovered() || response.dragged() {
        let fill = visuals.widgets.hovered.weak_bg_fill.gamma_multiply(0.5);
        painter.rect_filled(rect.shrink(1.0), 3.0, fill);
    }
    if response.has_focus() {
        let stroke = visuals.selection.stroke;
        painter.rect_stroke(rect.shrink(2.0), 3.0, stroke, egui::StrokeKind::Inside);
    }
    let center = pos2(rect.left() + 20.0, rect.top() + height.min(44.0) * 0.5);
    let color = visuals.weak_text_color();
    let s = 4.0;
    let points = if collapsed {
        vec![
            center + vec2(-s * 0.6, -s),
            center + vec2(s * 0.8, 0.0),
            center + vec2(-s * 0.6, s),
        ]
    } else {
        vec![
            center + vec2(-s, -s * 0.6),
            center + vec2(s, -s * 0.6),
            center + vec2(0.0, s * 0.8),
        ]
    };
    painter.add(Shape::convex_polygon(points, color, Stroke::NONE));
}

/// Dragging a name shows where the lane would go; letting go moves it there.
fn reorder_ui(ui: &Ui, c: &LaneControls<'_>, k: usize, response: &Response, cmds: &mut Commands) {
    let lanes = &c.layout.lanes;
    let Some(pointer) = ui.ctx().pointer_interact_pos() else {
        return;
    };
    let slot = drop_slot(lanes, pointer.y - c.geo.lanes.top());
    let moves = slot != k && slot != k + 1;
    if response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        let y = c.geo.lanes.top() + lanes.get(slot).map_or(c.layout.height, |l| l.top);
        let over = ui
            .ctx()
            .layer_painter(LayerId::new(Order::Foreground, ui.scope_id()));
        if moves {
            let stroke = Stroke::new(3.0, ui.visuals().selection.bg_fill);
            over.hline(c.geo.rect.x_range(), y, stroke);
        }
        if let Some((_, label)) = theme_of(c, &lanes[k]) {
            over.text(
                pointer + vec2(14.0, 0.0),
                Align2::LEFT_CENTER,
                format!("{label} lane"),
                egui::TextStyle::Button.resolve(ui.style()),
                ui.visuals().strong_text_color(),
            );
        }
    }
    if response.drag_stopped()
        && moves
        && let Some((id, _)) = theme_of(c, &lanes[k])
    {
        let before = lanes
            .get(slot)
            .and_then(|l| theme_of(c, l))
            .map(|(b, _)| b.to_owned());
        cmds.push(Command::MoveLane {
            theme: id.to_owned(),
            before,
        });
    }
}

/// Where a lane dragged to height `y` (points from the top of the lanes) goes: before the
/// first lane whose middle is below `y`, or after the last (`lanes.len()`).
pub fn drop_slot(lanes: &[Lane], y: f32) -> usize {
    lanes
        .iter()
        .position(|l| y < l.top + l.height * 0.5)
        .unwrap_or(lanes.len())
}

/// The command that moves lane `k` one place up (`-1`) or down (`+1`), if it can go there.
fn move_by(c: &LaneControls<'_>, k: usize, step: isize) -> Option<Command> {
    let lanes = &c.layout.lanes;
    let (id, _) = theme_of(c, lanes.get(k)?)?;
    let before = match step {
        -1 => Some(lanes.get(k.checked_sub(1)?)?),
        _ if k + 1 >= lanes.len() => return None,
        _ => lanes.get(k + 2),
    };
    let before = match before {
        Some(l) => Some(theme_of(c, l)?.0.to_owned()),
        None => None,
    };
    Some(Command::MoveLane {
        theme: id.to_owned(),
        before,
    })
}

/// The keys of a focused lane name (see [`LANE_KEYS`]).
fn lane_keys(ui: &Ui, c: &LaneControls<'_>, k: usize, response: &Response, cmds: &mut Commands) {
    let lane = &c.layout.lanes[k];
    let Some((id, _)) = theme_of(c, lane) else {
        return;
    };
    let pressed = |m: Modifiers, key: Key| ui.input_mut(|i| i.consume_key(m, key));
    if pressed(Modifiers::ALT, Key::ArrowUp) {
        cmds.extend(move_by(c, k, -1));
    }
    if pressed(Modifiers::ALT, Key::ArrowDown) {
        cmds.extend(move_by(c, k, 1));
    }
    if pressed(Modifiers::SHIFT, Key::ArrowDown) {
        let most = most_rows(c, k);
        cmds.push(Command::SetLaneHeight(
            id.to_owned(),
            Some((lane.rows + 1).min(most)),
        ));
    }
    if pressed(Modifiers::SHIFT, Key::ArrowUp) {
        let fewest = min_rows(lane.level);
        let rows = lane.rows.saturating_sub(1).max(fewest);
        cmds.push(Command::SetLaneHeight(id.to_owned(), Some(rows)));
    }
    if pressed(Modifiers::NONE, Key::O) {
        cmds.push(Command::ShowOnlyLane(id.to_owned()));
    }
    if pressed(Modifiers::NONE, Key::A) {
        cmds.push(Command::ShowAllLanes);
    }
    if pressed(Modifiers::SHIFT, Key::F10) || pressed(Modifiers::NONE, Key::Menu) {
        egui::Popup::context_menu(response)
            .open_memory(Some(egui::SetOpenCommand::Bool(true)))
            .show(|_| {});
    }
}

/// The context menu of a lane's name.
fn lane_menu_ui(ui: &mut Ui, c: &LaneControls<'_>, k: usize, cmds: &mut Commands) {
    let lane = &c.layout.lanes[k];
    let Some((id, label)) = theme_of(c, lane) else {
        return;
    };
    let rule = c.arrangement.rows(id);
    let collapsed = rule == Rows::Collapsed;
    let toggle = if collapsed { "Expand" } else { "Collapse" };
    if ui.button(toggle).clicked() {
        cmds.push(Command::CollapseLane(id.to_owned(), !collapsed));
    }
    if let Rows::Fixed(_) = rule
        && ui
            .button("Automatic height")
            .on_hover_text("As tall as its events need, sharing the height with the others")
            .clicked()
    {
        cmds.push(Command::SetLaneHeight(id.to_owned(), None));
    }
    ui.separator();
    for (text, step) in [("Move up", -1), ("Move down", 1)] {
        let command = move_by(c, k, step);
        if ui
            .add_enabled(command.is_some(), egui::Button::new(text))
            .clicked()
        {
            cmds.extend(command);
        }
    }
    ui.separator();
    let alone = c.layout.lanes.len() == 1;
    let only = egui::Button::new("Show only this lane");
    if ui
        .add_enabled(!alone, only)
        .on_hover_text(format!("Hide every lane but {label}"))
        .clicked()
    {
        cmds.push(Command::ShowOnlyLane(id.to_owned()));
    }
    let all = egui::Button::new("Show all lanes");
    if ui.add_enabled(c.some_hidden, all).clicked() {
        cmds.push(Command::ShowAllLanes);
    }
    ui.separator();
    lane_edit_menu_ui(ui, c, id, label, cmds);
}

/// The part of a lane's menu that edits the dataset (each one undo step): Rename…, Colour…,
/// Delete lane…, New lane….
fn lane_edit_menu_ui(
    ui: &mut Ui,
    c: &LaneControls<'_>,
    id: &str,
    label: &str,
    cmds: &mut Commands,
) {
    if ui
        .button("Rename…")
        .on_hover_text("Type its new name in the Lanes & eras window")
        .clicked()
    {
        cmds.push(Command::Lanes(LaneCommand::Show(LanesOpen::Rename(
            id.to_owned(),
        ))));
    }
    if ui
        .button("Colour…")
        .on_hover_text("The colour-blind-safe palette, then any colour")
        .clicked()
    {
        cmds.push(Command::Lanes(LaneCommand::Show(LanesOpen::Colour(
            id.to_owned(),
        ))));
    }
    let n = c.dataset.count_in(id);
    let tip = if n == 0 {
        format!("Delete the empty {label} lane (Undo brings it back)")
    } else {
        format!("Asks which lane its {n} events go to; no event is deleted")
    };
    let only = c.dataset.themes().len() <= 1;
    if ui
        .add_enabled(!only, egui::Button::new("Delete lane…"))
        .on_hover_text(tip)
        .on_disabled_hover_text("The only lane: its events need a lane")
        .clicked()
    {
        cmds.push(Command::Lanes(LaneCommand::Edit(LaneEdit::Delete {
            id: id.to_owned(),
            to: None,
        })));
    }
    if ui
        .button("New lane…")
        .on_hover_text("Name a new lane in the Lanes & eras window")
        .clicked()
    {
        cmds.push(Command::Lanes(LaneCommand::Show(LanesOpen::NewLane)));
    }
}

/// The most rows lane `k` can have with every other lane at its fewest (or at its set height).
fn most_rows(c: &LaneControls<'_>, k: usize) -> usize {
    let lanes = &c.layout.lanes;
    let total = rows_that_fit(c.geo.lanes.height(), lanes.len(), c.params);
    let others: usize = lanes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != k)
        .map(
            |(_, l)| match theme_of(c, l).map(|(id, _)| c.arrangement.rows(id)) {
                Some(Rows::Fixed(_)) => l.rows,
                _ => min_rows(l.level),
            },
        )
        .sum();
    total.saturating_sub(others).max(min_rows(lanes[k].level))
}

/// A lane's lower edge: drag to resize, double-click for the height it needs.
fn edge_ui(ui: &mut Ui, c: &LaneControls<'_>, k: usize, cmds: &mut Commands) {
    let lane = &c.layout.lanes[k];
    let Some((id, label)) = theme_of(c, lane) else {
        return;
    };
    let top = c.geo.lanes.top() + lane.top;
    let bottom = top + lane.height;
    let x = c.geo.rect.x_range();
    let rect = Rect::from_x_y_ranges(x, bottom - 3.0..=bottom + 3.0);
    let response = ui.interact(
        rect,
        ui.scope_id().with(("lane edge", id)),
        Sense::click_and_drag(),
    );
    response.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::Splitter, true, format!("{label} lane height"));
        info.value = Some(lane.rows as f64);
        info
    });
    let active = response.hovered() || response.dragged();
    if active {
        ui.ctx().set_cursor_icon(CursorIcon::ResizeVertical);
        let stroke = Stroke::new(2.0, ui.visuals().selection.bg_fill);
        ui.painter().hline(x, bottom, stroke);
    }
    if response.double_clicked() {
        cmds.push(Command::SetLaneHeight(id.to_owned(), None));
    } else if response.dragged()
        && let Some(pointer) = ui.ctx().pointer_interact_pos()
    {
        let p = c.params;
        let rows = ((pointer.y - top - 2.0 * p.lane_padding) / p.row_height).round();
        let rows = (rows.max(0.0) as usize).clamp(min_rows(lane.level), most_rows(c, k));
        if c.arrangement.rows(id) != Rows::Fixed(rows) {
            cmds.push(Command::SetLaneHeight(id.to_owned(), Some(rows)));
        }
    }
    if active && !response.dragged() {
        response.on_hover_text(format!(
            "Drag to make the {label} lane taller or shorter; double-click: as tall as it needs"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::lod::Level;

    fn lane(top: f32, height: f32) -> Lane {
        Lane {
            theme: 0,
            top,
            height,
            rows: 1,
            items: Vec::new(),
            level: Level::Detail,
            density: Vec::new(),
            visible: 0,
            need: 1,
        }
    }

    #[test]
    fn a_dragged_lane_goes_before_the_first_lane_whose_middle_is_below_it() {
        let lanes = [lane(0.0, 100.0), lane(100.0, 40.0), lane(140.0, 60.0)];
        assert_eq!(drop_slot(&lanes, -10.0), 0);
        assert_eq!(drop_slot(&lanes, 49.0), 0);
        assert_eq!(drop_slot(&lanes, 51.0), 1);
        assert_eq!(drop_slot(&lanes, 125.0), 2);
        assert_eq!(drop_slot(&lanes, 171.0), 3, "after the last lane");
        assert_eq!(drop_slot(&lanes, 900.0), 3);
    }
}
