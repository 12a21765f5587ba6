//! The details panel: everything about the selected event, with previous/next and zoom-to.

use egui::{RichText, Ui};

use crate::model::event::OtherCalendars;
use crate::model::{Source, links};
use crate::timeline::paint::color32;
use crate::ui::command::{Command, Commands};
use crate::ui::document::Document;

pub fn details_ui(
    ui: &mut Ui,
    doc: &Document,
    selected: Option<usize>,
    also: OtherCalendars,
    cmds: &mut Commands,
) {
    ui.horizontal(|ui| {
        if ui
            .button("Previous")
            .on_hover_text("The previous event in time (P)")
            .clicked()
        {
            cmds.push(Command::Step(-1));
        }
        if ui
            .button("Next")
            .on_hover_text("The next event in time (N)")
            .clicked()
        {
            cmds.push(Command::Step(1));
        }
        if ui
            .add_enabled(selected.is_some(), egui::Button::new("Zoom to"))
            .on_hover_text("Zoom to this event (F)")
            .clicked()
        {
            cmds.push(Command::ZoomToSelected);
        }
        if ui
            .add_enabled(selected.is_some(), egui::Button::new("Edit"))
            .on_hover_text("Change this event (Enter or E)")
            .clicked()
        {
            cmds.push(Command::EditSelected);
        }
    });
    ui.separator();
    let Some(e) = selected.and_then(|i| doc.dataset.event(i)) else {
        ui.weak("Click an event on the timeline to read about it.");
        return;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| event_ui(ui, doc, selected, e, also, cmds));
}

/// Everything about one event.
fn event_ui(
    ui: &mut Ui,
    doc: &Document,
    index: Option<usize>,
    e: &crate::model::Event,
    also: OtherCalendars,
    cmds: &mut Commands,
) {
    ui.heading(e.title());
    names_ui(ui, e);
    ui.add_space(4.0);
    let precision = match &e.end {
        Some(end) if end.precision() != e.start().precision() => {
            format!(
                "known to the {} – {}",
                e.start().precision().label(),
                end.precision().label()
            )
        }
        _ => format!("known to the {}", e.start().precision().label()),
    };
    let written = e
        .original()
        .map(|o| {
            let end = o
                .end
                .as_deref()
                .map(|e| format!(" – {e}"))
                .unwrap_or_default();
            format!("\nAs the file wrote it: {}{end}", o.start)
        })
        .unwrap_or_default();
    ui.label(RichText::new(e.when_in_calendars(also)).strong())
        .on_hover_text(format!(
            "EDTF: {}{}{written}",
            e.start(),
            e.end
                .as_ref()
                .map(|d| format!(" / {d}"))
                .unwrap_or_default()
        ));
    if let Some(shown) = e.display_date() {
        ui.label(format!("Shown as \u{201c}{shown}\u{201d} in the file"));
    }
    if let Some(life) = e.life() {
        ui.label(life.in_words());
    }
    let mut qualifiers = vec![precision];
    if e.start().is_approximate()
        || e.end
            .as_ref()
            .is_some_and(crate::model::date::HistDate::is_approximate)
    {
        qualifiers.push("approximate".into());
    }
    if e.start().is_uncertain()
        || e.end
            .as_ref()
            .is_some_and(crate::model::date::HistDate::is_uncertain)
    {
        qualifiers.push("uncertain".into());
    }
    ui.weak(qualifiers.join(", "));
    ui.add_space(4.0);
    if let Some(t) = doc
        .dataset
        .lane_of(&e.theme)
        .and_then(|l| doc.dataset.themes().get(l))
    {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color32(t.color));
            ui.label(&t.label);
            ui.weak(format!("importance {} of 5", e.importance()));
        });
    }
    if let Some(place) = e.place() {
        ui.label(format!("Place: {place}"));
    }
    ui.add_space(6.0);
    if !e.description().is_empty() {
        ui.label(e.description());
    }
    links_ui(ui, doc, index, cmds);
    if let Some(url) = sources_ui(ui, e.sources()) {
        cmds.push(Command::OpenUrl(url));
    }
    if !e.tags().is_empty() {
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Tags").strong());
            for t in e.tags() {
                ui.label(RichText::new(t).background_color(ui.visuals().faint_bg_color));
            }
        });
    }
}

/// The event's names in other languages and scripts, under its title: `日露戦争`, with the
/// language on hover.
fn names_ui(ui: &mut Ui, e: &crate::model::Event) {
    for (tag, name) in e.names() {
        ui.label(RichText::new(name).size(15.0))
            .on_hover_text(format!("In {}", language_name(tag)));
    }
}

/// The English name of a language tag Chronolane knows (`ja` → Japanese), else the tag.
fn language_name(tag: &str) -> &str {
    let base = tag.split(['-', '_']).next().unwrap_or(tag);
    match base.to_ascii_lowercase().as_str() {
        "ja" => "Japanese",
        "ru" => "Russian",
        "zh" => "Chinese",
        "ko" => "Korean",
        "en" => "English",
        "ain" => "Ainu",
        "mn" => "Mongolian",
        _ => tag,
    }
}

/// The event's links, each a button that selects the other event and brings it into view:
/// "Ended by Treaty of Portsmouth" on the war, "Ends Russo-Japanese War" on the treaty.
fn links_ui(ui: &mut Ui, doc: &Document, index: Option<usize>, cmds: &mut Commands) {
    let Some(index) = index else { return };
    let d = &doc.dataset;
    let rows: Vec<(String, usize)> = d
        .links_of(index)
        .filter_map(|l| {
            let kind = d.link_kind(l);
            if l.from == index {
                let other = d.event(l.to)?;
                Some((
                    format!("{} {}", links::capitalised(kind), other.title()),
                    l.to,
                ))
            } else {
                let other = d.event(l.from)?;
                Some((
                    format!("{} {}", links::reverse_phrase(kind), other.title()),
                    l.from,
                ))
            }
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Links").strong());
    for (text, other) in rows {
        if ui
            .button(text)
            .on_hover_text("Select this event and show it on the timeline")
            .clicked()
        {
            cmds.push(Command::Reveal(other));
        }
    }
}

/// A "Sources" heading and one line per source, web links clickable; returns the link clicked.
pub fn sources_ui(ui: &mut Ui, sources: &[Source]) -> Option<String> {
    if sources.is_empty() {
        return None;
    }
    let mut clicked = None;
    ui.add_space(6.0);
    ui.label(RichText::new("Sources").strong());
    for s in sources {
        match s.web_url() {
            Some(url) => {
                if ui.link(&s.title).on_hover_text(url).clicked() {
                    clicked = Some(url.to_owned());
                }
            }
            None => {
                ui.label(&s.title);
            }
        }
    }
    clicked
}
