//! The native JSON format (schema in the README). Parsing reports every problem with the line of
//! the offending field: fields are first read as raw JSON slices of the file, whose offsets give
//! their lines. Writing is in `json_write` ([`to_string`]).

use super::json_stream::Streamed;
use serde::de::DeserializeOwned;
use std::borrow::Cow;

use serde_json::value::RawValue;

use crate::model::{Dataset, Era, Event, Link, Meta, Rgb, Source, Text, Theme};

pub use super::json_write::to_string;

pub(super) use super::json_lines::Lines;

use super::field::Field;
use super::record::RawEvent;
use super::record_dates::{end_before_start, parse_date_field};
use super::{ParseFailure, Parsed, Problem, ProblemKind};

/// A native file's top level, its values kept raw.
#[derive(serde::Deserialize, Default)]
pub(super) struct FileIn<'a> {
    #[serde(borrow, default)]
    pub title: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub description: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub sources: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub themes: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    pub eras: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    pub events: Option<Vec<&'a RawValue>>,
}

/// A link as the file gives it.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkIn {
    to: String,
    #[serde(default)]
    kind: String,
}

/// An object whose fields are kept raw.
type RawObject<'a> = std::collections::BTreeMap<Cow<'a, str>, &'a RawValue>;

/// Reads fields out of a raw JSON object, reporting type errors with their lines.
pub(super) struct Reader<'s> {
    lines: Lines<'s>,
}

impl<'s> Reader<'s> {
    /// A reader of values borrowed from `src`.
    pub(super) fn new(src: &'s str) -> Self {
        Self {
            lines: Lines::new(src),
        }
    }

    /// The line where `raw` (a slice of the text) begins.
    pub(super) fn line(&self, raw: &RawValue) -> usize {
        self.lines.of(raw)
    }

    /// The lines of the text.
    pub(super) fn lines(&self) -> &Lines<'s> {
        &self.lines
    }

    fn value<T: DeserializeOwned>(
        &self,
        raw: &RawValue,
        what: &str,
        expected: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        if let Ok(v) = serde_json::from_str::<Option<T>>(raw.get()) {
            v
        } else {
            problems.push(wrong_type(self.line(raw), what, expected, raw));
            None
        }
    }

    pub(super) fn object(
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
        if let Ok(o) = parsed {
            Some(o)
        } else {
            problems.push(wrong_type(self.line(raw), what, "an object {…}", raw));
            None
        }
    }

    /// A text field; numbers are accepted as their text (e.g. `"importance": 3`).
    fn text(&self, obj: &RawObject<'s>, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
        self.text_of(obj.get(key)?, key, problems)
    }

    /// The text of the value of `key`; a number is accepted as its text.
    fn text_of(&self, raw: &RawValue, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
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
            problems.push(wrong_type(self.line(raw), "sources", "a list", raw));
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
                _ => problems.push(Problem::at(
                    self.line(item),
                    ProblemKind::Missing,
                    "a source has no title",
                )),
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
                ProblemKind::NotAColor,
                format!("color \"{text}\" is not #RRGGBB"),
            ));
        }
        rgb
    }
}

impl<'s> Reader<'s> {
    /// The dataset's title, description and sources.
    fn meta(&self, file: &FileIn<'s>, problems: &mut Vec<Problem>) -> Meta {
        let text = |raw: Option<&RawValue>, what: &str, problems: &mut Vec<Problem>| {
            raw.and_then(|raw| self.value::<String>(raw, what, "text", problems))
                .unwrap_or_default()
        };
        Meta {
            title: text(file.title, "title", problems),
            description: text(file.description, "description", problems),
            sources: self.sources(file.sources.as_ref(), problems),
        }
    }

    /// The themes declared, each once.
    fn themes(&self, raws: &[&'s RawValue], problems: &mut Vec<Problem>) -> Vec<Theme> {
        let mut themes: Vec<Theme> = Vec::new();
        for raw in raws {
            if let Some(theme) = self.theme(raw, &themes, problems) {
                themes.push(theme);
            }
        }
        themes
    }

    /// One declared theme, unless it has no id or one of `themes` has its id already.
    fn theme(
        &self,
        raw: &'s RawValue,
        themes: &[Theme],
        problems: &mut Vec<Problem>,
    ) -> Option<Theme> {
        let obj = self.object(raw, "a theme", problems)?;
        let Some(id) = self
            .text(&obj, "id", problems)
            .filter(|s| !s.trim().is_empty())
        else {
            problems.push(Problem::at(
                self.line(raw),
                ProblemKind::Missing,
                "a theme has no id",
            ));
            return None;
        };
        if themes.iter().any(|t| t.id == id) {
            problems.push(Problem::at(
                self.line(raw),
                ProblemKind::Duplicate,
                format!("theme \"{id}\" is declared twice"),
            ));
            return None;
        }
        let taken: Vec<_> = themes.iter().map(|t| t.color).collect();
        let generated = Theme::generated(&id, &taken);
        let label = self
            .text(&obj, "label", problems)
            .unwrap_or(generated.label);
        let color = self.color(&obj, problems).unwrap_or(generated.color);
        Some(Theme { id, label, color })
    }

    /// The eras whose dates both read.
    fn eras(&self, raws: &[&'s RawValue], problems: &mut Vec<Problem>) -> Vec<Era> {
        raws.iter()
            .filter_map(|raw| self.era(raw, problems))
            .collect()
    }

    /// One era, when both its dates read (its other problems are reported all the same).
    fn era(&self, raw: &'s RawValue, problems: &mut Vec<Problem>) -> Option<Era> {
        let obj = self.object(raw, "an era", problems)?;
        let line = self.line(raw);
        let label = self.text(&obj, "label", problems).unwrap_or_default();
        if label.trim().is_empty() {
            problems.push(Problem::at(
                line,
                ProblemKind::Missing,
                "an era has no label",
            ));
        }
        let date = |field: Field, problems: &mut Vec<Problem>| {
            let key = field.name();
            let at = obj.get(key).map_or(line, |v| self.line(v));
            if let Some(s) = self.text(&obj, key, problems) {
                parse_date_field(field, &s, at, problems)
            } else {
                // About the era, not an event's field: no `field`, so a value of the wrong
                // type does not hide it.
                problems.push(Problem::at(
                    at,
                    ProblemKind::Missing,
                    format!("era \"{label}\" has no {key}"),
                ));
                None
            }
        };
        let (start, end) = (date(Field::Start, problems), date(Field::End, problems));
        let color = self.color(&obj, problems);
        let (start, end) = (start?, end?);
        if end.axis_end() <= start.axis_start() {
            problems.push(end_before_start(line, &end, &start));
        }
        Some(Era {
            label: label.trim().to_owned(),
            start,
            end,
            color,
        })
    }

    /// The fields of one event object, named as the CSV columns are, each with its line.
    pub(super) fn record(
        &self,
        raw: &'s RawValue,
        obj: &RawObject<'s>,
        problems: &mut Vec<Problem>,
    ) -> RawEvent {
        let mut rec = RawEvent {
            line: self.line(raw),
            ..RawEvent::default()
        };
        for field in Field::ALL {
            let Some(value) = obj.get(field.name()) else {
                continue;
            };
            rec.field_lines[field] = self.line(value);
            match field {
                Field::Sources => rec.sources = self.sources(Some(value), problems),
                Field::Tags => {
                    rec.tags = self
                        .value::<Vec<String>>(value, "tags", "a list of text", problems)
                        .unwrap_or_default();
                }
                Field::Links => {
                    rec.links = self
                        .value::<Vec<LinkIn>>(
                            value,
                            "links",
                            "a list of {\"to\": id, \"kind\": text}",
                            problems,
                        )
                        .unwrap_or_default()
                        .into_iter()
                        .map(|l| Link {
                            to: l.to,
                            kind: l.kind,
                        })
                        .collect();
                }
                Field::Names => {
                    rec.names = self
                        .value(value, "names", "an object of names by language", problems)
                        .unwrap_or_default();
                }
                text => {
                    if let Some(slot) = rec.text_mut(text) {
                        *slot = self.text_of(value, text.name(), problems).map(Text::from);
                    }
                }
            }
        }
        rec
    }
}

/// Parses the native JSON format into a dataset and notes, or every problem found.
pub fn parse(src: &str) -> Parsed {
    profiling::function_scope!();
    read(src, true, &|_| true)?.finish(&|_| true)
}

/// [`parse`] with every event read by the general path, which the fast path
/// ([`super::json_fast`]) must agree with: for the tests that compare them.
#[doc(hidden)]
pub fn parse_general(src: &str) -> Parsed {
    read(src, false, &|_| true)?.finish(&|_| true)
}

/// What a native JSON file holds, read and checked, before it is made a dataset: it no longer
/// needs the file's text (the events hold copies of their text), so that a caller that owns the
/// file's bytes frees them before the events are sorted and indexed.
pub(super) struct Read {
    meta: Meta,
    themes: Vec<Theme>,
    eras: Vec<Era>,
    events: Vec<Event>,
    problems: Vec<Problem>,
    event_problems: Vec<Problem>,
    date_notes: Vec<Problem>,
    skipped: Skipped,
}

/// Share of a JSON file's reading that reading its events takes (the rest: sorting and
/// indexing them; measured with a million events).
const EVENTS_SHARE: f64 = 0.7;

/// Reads and checks the native JSON `src`, the common objects by the fast path when `fast`,
/// telling `progress` the fraction done now and then (by the fast path); when it answers false
/// the reading stops with [`ParseFailure::Cancelled`].
pub(super) fn read(
    src: &str,
    fast: bool,
    progress: &dyn Fn(f64) -> bool,
) -> Result<Read, ParseFailure> {
    if src.trim_start().starts_with('[') {
        return Err(super::foreign::not_a_timeline(src).into());
    }
    // The events list read in parts on every core, without serde; anything unusual read again
    // by serde in one pass, which says what is wrong.
    let streamed = if fast {
        super::json_stream::read(src, &|f| progress(EVENTS_SHARE * f))
    } else {
        Streamed::Other
    };
    let (file, run) = match streamed {
        Streamed::Read(read) => *read,
        Streamed::Cancelled => return Err(ParseFailure::Cancelled),
        Streamed::Other => {
            let mut file: FileIn<'_> = serde_json::from_str(src).map_err(|e| {
                mistyped_list(src).unwrap_or_else(|| syntax_problem(&e, "not a Chronolane dataset"))
            })?;
            let run = (file.events.take()).map(|raws| super::json_fast::read_run(src, raws, fast));
            (file, run)
        }
    };
    let r = Reader::new(src);
    let mut problems = Vec::new();
    let meta = r.meta(&file, &mut problems);
    let themes = r.themes(file.themes.as_deref().unwrap_or_default(), &mut problems);
    let eras = r.eras(file.eras.as_deref().unwrap_or_default(), &mut problems);
    let Some(run) = run else {
        // Nothing in the file says it is a timeline: that, rather than what else it lacks.
        return Err(super::foreign::not_a_timeline(src).into());
    };
    // What is not an event (the title, themes, eras) is the file's: its problems refuse it.
    drop_missing_mistyped(&mut problems);
    let mut event_problems = Vec::new();
    let (events, skipped) = super::json_fast::finish(run, &mut event_problems);
    drop_missing_mistyped(&mut event_problems);
    let date_notes = super::take_notes_of(&mut problems, &mut event_problems);
    Ok(Read {
        meta,
        themes,
        eras,
        events,
        problems,
        event_problems,
        date_notes,
        skipped,
    })
}

impl Read {
    /// The dataset (sorted and indexed) and its notes, or the problems; tells `progress` the
    /// fraction of the whole reading done now and then.
    pub(super) fn finish(self, progress: &dyn Fn(f64) -> bool) -> Parsed {
        let (good, skipped) = (self.events.len(), self.skipped);
        let (meta, themes, eras, events) = (self.meta, self.themes, self.eras, self.events);
        let date_notes = self.date_notes;
        super::outcome(
            self.problems,
            self.event_problems,
            good,
            skipped.count,
            || {
                let report = |f| {
                    progress(EVENTS_SHARE + (1.0 - EVENTS_SHARE) * f);
                };
                let (dataset, notes) = Dataset::new_reporting(meta, themes, eras, events, &report);
                let notes = date_notes
                    .into_iter()
                    .chain(
                        notes
                            .into_iter()
                            .map(|n| Problem::whole(ProblemKind::Note, n)),
                    )
                    .collect();
                (dataset, notes)
            },
            || skipped.into_csv(),
        )
    }
}

/// The events a reader skipped for their problems.
pub(super) struct Skipped {
    /// How many.
    pub count: usize,
    /// Those whose fields did not read or check, as read.
    pub records: Vec<RawEvent>,
    /// Those skipped for an id used before.
    pub duplicates: Vec<Event>,
}

impl Skipped {
    /// The skipped events as CSV rows ([`super::Partial::rows_csv`]).
    pub fn into_csv(self) -> String {
        // A duplicate's line is not kept with it: it goes after the others.
        let duplicates = self
            .duplicates
            .iter()
            .map(|e| (usize::MAX, super::csv::event_row(e)))
            .collect();
        super::csv_skip::records_csv(self.records, duplicates)
    }
}

/// `what must be expected, not value`. The problem is about the field named `what`, if one is
/// (`title`, `start`…: an event's, or a key of that name elsewhere in the file).
fn wrong_type(line: usize, what: &str, expected: &str, raw: &RawValue) -> Problem {
    let mut problem = Problem::at(
        line,
        ProblemKind::WrongType,
        format!("{what} must be {expected}, not {}", shorten(raw.get())),
    );
    problem.field = Field::from_name(what);
    problem
}

/// A field of the wrong type was reported as such; do not report it missing as well: a missing
/// field is dropped where a value of the wrong type was found for the same field on its line.
fn drop_missing_mistyped(problems: &mut Vec<Problem>) {
    let mistyped: Vec<(Option<usize>, Field)> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::WrongType)
        .filter_map(|p| Some((p.line, p.field?)))
        .collect();
    if mistyped.is_empty() {
        return;
    }
    problems.retain(|p| {
        p.kind != ProblemKind::Missing || p.field.is_none_or(|f| !mistyped.contains(&(p.line, f)))
    });
}

/// What a user reads when a file is not JSON, or not the JSON expected (`not_ours` says what it
/// is not), at the line `serde_json` stopped.
pub(super) fn syntax_problem(e: &serde_json::Error, not_ours: &str) -> Problem {
    let detail = strip_position(&e.to_string());
    let msg = match e.classify() {
        serde_json::error::Category::Data => format!("{not_ours}: {detail}"),
        serde_json::error::Category::Eof => {
            format!("the file ends in the middle of its JSON ({detail}); was it cut short?")
        }
        _ => format!("JSON syntax error: {detail}"),
    };
    Problem::at(e.line().max(1), ProblemKind::Syntax, msg)
}

/// When the file's `themes`, `eras` or `events` is not a list (another program's file that
/// uses these names): a problem naming the field and what it is, at its line.
fn mistyped_list(src: &str) -> Option<Problem> {
    let top: std::collections::BTreeMap<Cow<'_, str>, &RawValue> =
        serde_json::from_str(src).ok()?;
    ["themes", "eras", "events"].into_iter().find_map(|name| {
        let raw = top.get(name)?;
        let what = match raw.get().as_bytes().first()? {
            b'[' | b'n' => return None,
            b'{' => "an object",
            b'"' => "text",
            b't' | b'f' => "true or false",
            _ => "a number",
        };
        let line = Reader::new(src).line(raw);
        Some(
            Problem::at(
                line,
                ProblemKind::Syntax,
                format!(
                    "not a Chronolane dataset: \"{name}\" is {what}, where Chronolane expects a list ([…]) of {name}"
                ),
            ),
        )
    })
}

fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// `serde_json` appends ` at line L column C`; the line is already in front of the message.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
