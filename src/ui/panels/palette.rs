//! The command palette (Ctrl+K, Ctrl+Shift+P): a search box over every action of the action
//! table with its shortcut; arrows move, Enter runs, Esc closes.

use egui::{Align, Key, Layout, RichText};

use crate::ui::action::{Action, ActionState, is_mac, shortcuts_text};
use crate::ui::command::{Command, Commands, Dialog};
use crate::ui::parts::Palette;

/// The actions whose label (or, after those, tooltip) holds every word of the query, best
/// first: labels with a word starting with the query's first word, then other label matches,
/// then tooltip matches; in the table's order within each.
pub fn matching(query: &str) -> Vec<Action> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut ranked: Vec<(u8, usize, Action)> = Action::ALL
        .iter()
        .enumerate()
        .filter_map(|(i, &a)| rank(a, &words).map(|r| (r, i, a)))
        .collect();
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, _, a)| a).collect()
}

fn rank(action: Action, words: &[String]) -> Option<u8> {
    let label = action.label().to_lowercase();
    let has_all = |text: &str| words.iter().all(|w| text.contains(w.as_str()));
    let Some(first) = words.first() else {
        return Some(0);
    };
    if has_all(&label) {
        let word_start = label
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(first.as_str()));
        Some(u8::from(!word_start))
    } else if has_all(&format!("{label} {}", action.tooltip().to_lowercase())) {
        Some(2)
    } else {
        None
    }
}

pub fn palette_ui(ctx: &egui::Context, palette: &Palette, s: &ActionState, cmds: &mut Commands) {
    let mut edited = palette.clone();
    let found = matching(&palette.query);
    let mut run = None;
    let mut open = true;
    let (down, up, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            i.key_pressed(Key::Enter),
            i.key_pressed(Key::Escape),
        )
    });
    if down {
        edited.highlighted = (edited.highlighted + 1).min(found.len().saturating_sub(1));
    }
    if up {
        edited.highlighted = edited.highlighted.saturating_sub(1);
    }
    egui::Window::new("Command palette")
        .id(egui::Id::unique("command-palette"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .default_width(460.0)
        .show(ctx, |ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut edited.query)
                    .hint_text("Type an action: fit, dark, open…")
                    .desired_width(f32::INFINITY),
            );
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Command"));
            if !edited.focused {
                r.request_focus();
                edited.focused = true;
            }
            if edited.query != palette.query {
                edited.highlighted = 0;
            }
            ui.separator();
            if found.is_empty() {
                ui.weak("No action matches");
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (n, &a) in found.iter().enumerate() {
                        if row_ui(ui, a, s, n == edited.highlighted) {
                            run = Some(a);
                        }
                    }
                });
        });
    if enter {
        run = run.or_else(|| found.get(edited.highlighted).copied());
    }
    match run {
        Some(a) if a.disabled_reason(s).is_none() => {
            cmds.push(Command::Close(Dialog::Palette));
            cmds.push(a.command(s));
        }
        _ if escape || !open => cmds.push(Command::Close(Dialog::Palette)),
        _ if edited != *palette => cmds.push(Command::SetPalette(edited)),
        _ => {}
    }
}

/// One action: its label, its shortcut on the right, dimmed with the reason when it cannot run;
/// true when clicked.
fn row_ui(ui: &mut egui::Ui, a: Action, s: &ActionState, highlighted: bool) -> bool {
    let reason = a.disabled_reason(s);
    let keys = shortcuts_text(a, is_mac(ui.ctx())).unwrap_or_default();
    let mut clicked = false;
    ui.horizontal(|ui| {
        let text = RichText::new(a.label());
        let text = if reason.is_some() { text.weak() } else { text };
        let r = ui
            .selectable_label(highlighted, text)
            .on_hover_text(reason.unwrap_or(a.tooltip()));
        if highlighted {
            r.scroll_to_me(None);
        }
        clicked = r.clicked();
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.weak(keys);
        });
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_match_comes_first() {
        assert_eq!(matching("fit").first(), Some(&Action::ZoomToFit));
        assert_eq!(matching("dark").first(), Some(&Action::DarkMode));
        assert_eq!(matching("zoom in").first(), Some(&Action::ZoomIn));
        assert_eq!(matching("OPEN").first(), Some(&Action::Open));
    }

    #[test]
    fn an_empty_query_lists_every_action_and_nonsense_none() {
        assert_eq!(matching("  ").len(), Action::ALL.len());
        assert!(matching("xylophone").is_empty());
    }

    #[test]
    fn tooltips_are_searched_after_labels() {
        // "spreadsheet" is only in Export CSV's tooltip.
        assert_eq!(matching("spreadsheet"), vec![Action::ExportCsv]);
    }
}
