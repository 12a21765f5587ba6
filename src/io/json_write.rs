//! Writing the native JSON format: the dataset as pretty-printed JSON, in the shape
//! [`super::json`] reads (empty optional fields left out).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Dataset, Event, HistDate, Link, Rgb, Source, Written};

#[derive(Serialize)]
struct FileOut<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceOut<'a>>,
    themes: Vec<ThemeOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<EraOut<'a>>,
    events: Vec<EventOut<'a>>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct LinkOut<'a> {
    to: &'a str,
    kind: &'a str,
}

#[derive(Serialize)]
struct ThemeOut<'a> {
    id: &'a str,
    label: &'a str,
    color: String,
}

#[derive(Serialize)]
struct EraOut<'a> {
    label: &'a str,
    start: Written<'a>,
    end: Written<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<String>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: &'a str,
    title: &'a str,
    start: Written<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Written<'a>>,
    theme: &'a str,
    importance: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceOut<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    born: Option<Written<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    died: Option<Written<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<LinkOut<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    names: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    calendar: Option<&'static str>,
}

fn sources_out(s: &[Source]) -> Vec<SourceOut<'_>> {
    s.iter()
        .map(|s| SourceOut {
            title: &s.title,
            url: s.url.as_deref(),
        })
        .collect()
}

fn event_out(e: &Event) -> EventOut<'_> {
    let life = e.life();
    let original = e.original();
    EventOut {
        id: e.id(),
        title: e.title(),
        start: original.map_or(e.start().edtf(), |o| Written::Text(&o.start)),
        end: match original {
            Some(o) => o.end.as_deref().map(Written::Text),
            None => e.end.as_ref().map(HistDate::edtf),
        },
        theme: &e.theme,
        importance: e.importance(),
        place: e.place(),
        description: e.description(),
        sources: sources_out(e.sources()),
        tags: e.tags(),
        display_date: e.display_date(),
        born: life.and_then(|l| l.born.as_ref()).map(HistDate::edtf),
        died: life.and_then(|l| l.died.as_ref()).map(HistDate::edtf),
        links: e
            .links()
            .iter()
            .map(|l: &Link| LinkOut {
                to: &l.to,
                kind: &l.kind,
            })
            .collect(),
        names: e.names(),
        calendar: original.map(|o| o.calendar.name()),
    }
}

/// The dataset as pretty-printed native JSON.
pub fn to_string(d: &Dataset) -> String {
    let out = FileOut {
        title: &d.meta.title,
        description: &d.meta.description,
        sources: sources_out(&d.meta.sources),
        themes: d
            .themes()
            .iter()
            .map(|t| ThemeOut {
                id: &t.id,
                label: &t.label,
                color: t.color.to_hex(),
            })
            .collect(),
        eras: d
            .eras()
            .iter()
            .map(|e| EraOut {
                label: &e.label,
                start: e.start.edtf(),
                end: e.end.edtf(),
                color: e.color.map(Rgb::to_hex),
            })
            .collect(),
        events: d.events().iter().map(event_out).collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
