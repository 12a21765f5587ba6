//! The native JSON format (schema in the README). Parsing reports every problem with the line of
//! the offending field: fields are first read as raw JSON slices of the file, whose offsets give
//! their lines. Writing is in `json_write` ([`to_string`]).

use serde::de::DeserializeOwned;
use std::borrow::Cow;

use serde_json::value::RawValue;

use crate::model::{Dataset, Era, Meta, Rgb, Source, Theme};

pub use super::json_write::to_string;

use super::Problem;
use super::record::{Checker, RawEvent, parse_date_field};

#[derive(serde::Deserialize)]
struct FileIn<'a> {
    #[serde(borrow, default)]
    title: Option<&'a RawValue>,
    #[serde(borrow, default)]
    description: Option<&'a RawValue>,
    #[serde(borrow, default)]
    sources: Option<&'a RawValue>,
    #[serde(borrow, default)]
    themes: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    eras: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    events: Option<Vec<&'a RawValue>>,
}

/// An object whose fields are kept raw.
type RawObject<'a> = std::collections::BTreeMap<Cow<'a, str>, &'a RawValue>;

/// Reads fields out of a raw JSON object, reporting type errors with their lines.
struct Reader<'s> {
    lines: Lines<'s>,
}

impl<'s> Reader<'s> {
    fn line(&self, raw: &RawValue) -> usize {
        self.lines.of(raw)
    }

    fn value<T: DeserializeOwned>(
        &self,
        raw: &RawValue,
        what: &str,
        expected: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        match serde_json::from_str::<Option<T>>(raw.get()) {
            Ok(v) => v,
            Err(_) => {
                problems.push(Problem::at(
                    self.line(raw),
                    format!("{what} must be {expected}, not {}", shorten(raw.get())),
                ));
                None
            }
        }
    }

    fn object(
        &self,
        raw: &'s RawValue,
        what: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<RawObject<'s>> {
        // Keys borrowed from the text (no copy per field of a million events); a key written
        // with escapes cannot be borrowed and is copied instead.
        let borrowed =
            serde_json::from_str::<std::collections::BTreeMap<&'s str, &'s RawValue>>(raw.get())
                .map(|m| m.into_iter().map(|(k, v)| (Cow::Borrowed(k), v)).collect());
        let parsed = borrowed.or_else(|_| {
            serde_json::from_str::<std::collections::BTreeMap<String, &'s RawValue>>(raw.get())
                .map(|m| m.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect())
        });
        match parsed {
            Ok(o) => Some(o),
            Err(_) => {
                problems.push(Problem::at(
                    self.line(raw),
                    format!("{what} must be an object {{…}}, not {}", shorten(raw.get())),
                ));
                None
            }
        }
    }

    /// A text field; numbers are accepted as their text (e.g. `"importance": 3`).
    fn text(&self, obj: &RawObject<'s>, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
        let raw = obj.get(key)?;
        if raw
            .get()
            .starts_with(|c: char| c.is_ascii_digit() || c == '-')
            && let Ok(n) = serde_json::from_str::<serde_json::Number>(raw.get())
        {
            return Some(n.to_string());
        }
        self.value::<String>(raw, key, "text", problems)
    }

    fn sources(&self, raw: Option<&&'s RawValue>, problems: &mut Vec<Problem>) -> Vec<Source> {
        let Some(raw) = raw else { return Vec::new() };
        let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) else {
            problems.push(Problem::at(
                self.line(raw),
                format!("sources must be a list, not {}", shorten(raw.get())),
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            if let Ok(title) = serde_json::from_str::<String>(item.get()) {
                out.push(Source { title, url: None });
                continue;
            }
            let Some(obj) = self.object(item, "a source", problems) else {
                continue;
            };
            match self.text(&obj, "title", problems) {
                Some(title) if !title.trim().is_empty() => out.push(Source {
                    title,
                    url: self
                        .text(&obj, "url", problems)
                        .filter(|u| !u.trim().is_empty()),
                }),
                _ => problems.push(Problem::at(self.line(item), "a source has no title")),
            }
        }
        out
    }

    fn color(&self, obj: &RawObject<'s>, problems: &mut Vec<Problem>) -> Option<Rgb> {
        let text = self.text(obj, "color", problems)?;
        let rgb = Rgb::from_hex(&text);
        if rgb.is_none() {
            let line = obj.get("color").map_or(1, |r| self.line(r));
            problems.push(Problem::at(
                line,
                format!("color \"{text}\" is not #RRGGBB"),
            ));
        }
        rgb
    }
}

/// Parses the native JSON format into a dataset and notes, or every problem found.
pub fn parse(src: &str) -> Result<(Dataset, Vec<Problem>), Vec<Problem>> {
    let file: FileIn<'_> = serde_json::from_str(src)
        .map_err(|e| vec![syntax_problem(&e, "not a Chronolane dataset")])?;
    let r = Reader {
        lines: Lines::new(src),
    };
    let mut problems = Vec::new();
    let text = |raw: Option<&RawValue>, what: &str, problems: &mut Vec<Problem>| {
        raw.and_then(|raw| r.value::<String>(raw, what, "text", problems))
            .unwrap_or_default()
    };
    let meta = Meta {
        title: text(file.title, "title", &mut problems),
        description: text(file.description, "description", &mut problems),
        sources: r.sources(file.sources.as_ref(), &mut problems),
    };

    let mut themes: Vec<Theme> = Vec::new();
    for raw in file.themes.unwrap_or_default() {
        let Some(obj) = r.object(raw, "a theme", &mut problems) else {
            continue;
        };
        let Some(id) = r
            .text(&obj, "id", &mut problems)
            .filter(|s| !s.trim().is_empty())
        else {
            problems.push(Problem::at(r.line(raw), "a theme has no id"));
            continue;
        };
        if themes.iter().any(|t| t.id == id) {
            problems.push(Problem::at(
                r.line(raw),
                format!("theme \"{id}\" is declared twice"),
            ));
            continue;
        }
        let taken: Vec<_> = themes.iter().map(|t| t.color).collect();
        let generated = Theme::generated(&id, &taken);
        let label = r
            .text(&obj, "label", &mut problems)
            .unwrap_or(generated.label);
        let color = r.color(&obj, &mut problems).unwrap_or(generated.color);
        themes.push(Theme { id, label, color });
    }

    let mut eras = Vec::new();
    for raw in file.eras.unwrap_or_default() {
        let Some(obj) = r.object(raw, "an era", &mut problems) else {
            continue;
        };
        let line = r.line(raw);
        let label = r.text(&obj, "label", &mut problems).unwrap_or_default();
        if label.trim().is_empty() {
            problems.push(Problem::at(line, "an era has no label"));
        }
        let date = |key: &'static str, problems: &mut Vec<Problem>| {
            let at = obj.get(key).map_or(line, |v| r.line(v));
            match r.text(&obj, key, problems) {
                Some(s) => parse_date_field(key, &s, at, problems),
                None => {
                    problems.push(Problem::at(at, format!("era \"{label}\" has no {key}")));
                    None
                }
            }
        };
        let (start, end) = (date("start", &mut problems), date("end", &mut problems));
        let color = r.color(&obj, &mut problems);
        if let (Some(start), Some(end)) = (start, end) {
            if end.axis_end() <= start.axis_start() {
                problems.push(Problem::at(
                    line,
                    format!("end \"{end}\" is before start \"{start}\""),
                ));
            }
            eras.push(Era {
                label: label.trim().to_owned(),
                start,
                end,
                color,
            });
        }
    }

    let Some(raw_events) = file.events else {
        problems.push(Problem::whole("there is no \"events\" list"));
        return Err(problems);
    };
    let mut checker = Checker::with_capacity(raw_events.len());
    let mut events = Vec::with_capacity(raw_events.len());
    for raw in raw_events {
        let Some(obj) = r.object(raw, "an event", &mut problems) else {
            continue;
        };
        let mut rec = RawEvent {
            line: r.line(raw),
            ..RawEvent::default()
        };
        // The scalar fields, named as the CSV columns are.
        for (i, key) in super::csv::COLUMNS[..8].iter().enumerate() {
            if let Some(v) = obj.get(*key) {
                rec.field_lines[i] = r.line(v);
            }
        }
        rec.id = r.text(&obj, "id", &mut problems);
        rec.title = r.text(&obj, "title", &mut problems);
        rec.start = r.text(&obj, "start", &mut problems);
        rec.end = r.text(&obj, "end", &mut problems);
        rec.theme = r.text(&obj, "theme", &mut problems);
        rec.importance = r.text(&obj, "importance", &mut problems);
        rec.place = r.text(&obj, "place", &mut problems);
        rec.description = r.text(&obj, "description", &mut problems);
        rec.sources = r.sources(obj.get("sources"), &mut problems);
        rec.tags = obj
            .get("tags")
            .and_then(|t| r.value::<Vec<String>>(t, "tags", "a list of text", &mut problems))
            .unwrap_or_default();
        events.extend(checker.check(rec, &mut problems));
    }
    checker.finish(&mut problems);
    // A field of the wrong type was reported as such; do not report it missing as well.
    let mistyped: Vec<(Option<usize>, String)> = problems
        .iter()
        .filter_map(|p| {
            p.message
                .split_once(" must be ")
                .map(|(f, _)| (p.line, format!("{f} is missing")))
        })
        .collect();
    problems.retain(|p| !mistyped.contains(&(p.line, p.message.clone())));
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(problems);
    }
    let (dataset, notes) = Dataset::new(meta, themes, eras, events);
    Ok((dataset, notes.into_iter().map(Problem::whole).collect()))
}

/// What a user reads when a file is not JSON, or not the JSON expected (`not_ours` says what it
/// is not), at the line serde_json stopped.
pub(super) fn syntax_problem(e: &serde_json::Error, not_ours: &str) -> Problem {
    let detail = strip_position(&e.to_string());
    let msg = match e.classify() {
        serde_json::error::Category::Data => format!("{not_ours}: {detail}"),
        serde_json::error::Category::Eof => {
            format!("the file ends in the middle of its JSON ({detail}); was it cut short?")
        }
        _ => format!("JSON syntax error: {detail}"),
    };
    Problem::at(e.line().max(1), msg)
}

/// Line numbers of raw values borrowed from one text. Values are mostly asked for in file
/// order, so each answer counts only the newlines since the previous one: reading a file costs
/// one pass over it, not one per field.
pub(super) struct Lines<'s> {
    src: &'s str,
    /// The last offset asked for and its line.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'s> Lines<'s> {
    pub(super) fn new(src: &'s str) -> Self {
        Self {
            src,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// The line where `raw` (a slice of this text) begins.
    pub(super) fn of(&self, raw: &RawValue) -> usize {
        let offset = (raw.get().as_ptr() as usize)
            .saturating_sub(self.src.as_ptr() as usize)
            .min(self.src.len());
        let (at, line) = self.last.get();
        let newlines = |a: usize, b: usize| {
            self.src.as_bytes()[a..b]
                .iter()
                .filter(|&&c| c == b'\n')
                .count()
        };
        let line = if offset >= at {
            line + newlines(at, offset)
        } else {
            line - newlines(offset, at)
        };
        self.last.set((offset, line));
        line
    }
}

fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// serde_json appends ` at line L column C`; the line is already in front of the message.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}
