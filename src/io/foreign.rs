//! Other timeline tools' JSON: `TimelineJS` (`events` with `start_date`/`end_date` objects,
//! `text.headline`/`text.text`, `group`, `eras`, `title`) and vis-timeline (`items` with
//! `content`, `start`, `end`, `group`, and `groups`; or a bare list of items). Groups become
//! lanes. Recognised from the content, whatever the file's name.

use serde_json::Value;
use serde_json::value::RawValue;

use crate::model::date::edtf_year;
use crate::model::{Dataset, Era, Meta, Text, Theme};

use super::html_text::{self, PlainText};
use super::json::{Lines, Skipped, syntax_problem};
use super::record::{RawEvent, events_from_records};
use super::record_dates::{end_before_start, parse_date};
use super::{ParseFailure, Parsed, Problem, ProblemKind};
use super::{timelinejs, wikidata};

/// The JSON dialects Chronolane reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Native,
    TimelineJs,
    VisTimeline,
    /// SPARQL query results (the Wikidata Query Service's JSON download).
    QueryResults,
}

/// How much of a file's beginning is read to recognise its dialect.
const SNIFF_BYTES: usize = 64 * 1024;

/// Recognises the dialect of a JSON text from its beginning (native when unsure; its parser then
/// reports): `TimelineJS` has `"start_date": {…}`, vis-timeline an `"items": […]` list or a bare
/// list of objects with `content` and `start`. Keys cannot occur inside JSON strings (their
/// quotes would be escaped), so looking for them is safe, and a file of a million events is not
/// parsed twice.
pub fn dialect(text: &str) -> Dialect {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    if key_before(head, "bindings", '[') && wikidata::is_query_results(head) {
        Dialect::QueryResults
    } else if key_before(head, "start_date", '{') {
        Dialect::TimelineJs
    } else if key_before(head, "items", '[')
        || (text.trim_start().starts_with('[')
            && key_before(head, "content", '"')
            && head.contains("\"start\""))
    {
        Dialect::VisTimeline
    } else {
        Dialect::Native
    }
}

/// Whether `head` has the key `"key"` whose value begins with `next`.
fn key_before(head: &str, key: &str, next: char) -> bool {
    let quoted = format!("\"{key}\"");
    head.match_indices(&quoted).any(|(i, _)| {
        let rest = head[i + quoted.len()..].trim_start();
        rest.strip_prefix(':')
            .is_some_and(|v| v.trim_start().starts_with(next))
    })
}

#[derive(serde::Deserialize, Default)]
struct Top<'a> {
    /// `None` when the file has no `events` key (not a `TimelineJS` file).
    #[serde(borrow, default)]
    events: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    eras: Vec<&'a RawValue>,
    /// `None` when the file has no `items` key.
    #[serde(borrow, default)]
    items: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    groups: Vec<Value>,
    #[serde(default)]
    title: Value,
}

/// Each raw value that is an object, with the line where it begins.
fn objects<'a>(
    src: &'a str,
    raws: &'a [&'a RawValue],
) -> impl Iterator<Item = (usize, Value)> + 'a {
    let lines = Lines::new(src);
    raws.iter().filter_map(move |raw| {
        serde_json::from_str::<Value>(raw.get())
            .ok()
            .map(|v| (lines.of(raw), v))
    })
}

/// Text of a string or number value.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A `TimelineJS` date object (`{"year": 1855, "month": 2, "day": 7}`) as EDTF. `TimelineJS`
/// writes years before the common era as negative numbers (`-55` is 55 BC, `-13800000000` is
/// 13,800,000,000 BC, `Y-13799999999`).
pub(super) fn timelinejs_date(v: Option<&Value>) -> Option<String> {
    let v = v?;
    let raw = text(v.get("year"))?;
    let Ok(year) = raw.trim().parse::<i64>() else {
        // Not a year: passed on as written, so the report quotes it.
        return Some(raw);
    };
    let astronomical = if year < 0 {
        year.saturating_add(1)
    } else {
        year
    };
    let y = edtf_year(astronomical);
    // EDTF gives a year beyond ±9999 (`Y-13799999999`, a cosmological scale) no month or day.
    if !(-9999..=9999).contains(&astronomical) {
        return Some(y);
    }
    let part = |k: &str| text(v.get(k)).and_then(|s| s.trim().parse::<u8>().ok());
    Some(match (part("month"), part("day")) {
        (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y}-{m:02}"),
        _ => y,
    })
}

/// A vis-timeline date: an ISO string (time of day dropped), or a year number.
fn vis_date(v: Option<&Value>) -> Option<String> {
    let t = match v? {
        Value::Null => return None,
        // `true`, an object…: passed on as written, so the report quotes it.
        v @ (Value::Bool(_) | Value::Array(_) | Value::Object(_)) => v.to_string(),
        v => text(Some(v))?,
    };
    Some(t.split('T').next().unwrap_or(&t).trim().to_owned())
}

/// A lane id from a group name.
pub(super) fn slug(s: &str) -> String {
    let mut out: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    out.trim_matches('-').to_owned()
}

/// What a timeline file says, before its records are checked.
#[derive(Default)]
struct Timeline {
    meta: Meta,
    /// One per group, in the order first seen.
    themes: Vec<Theme>,
    eras: Vec<Era>,
    records: Vec<RawEvent>,
}

impl Timeline {
    /// Adds the lane of a group, unless it has one already. A group whose name has no letter or
    /// digit has no lane id; its events share the lane of events without a group.
    fn add_theme(&mut self, id: &str, label: String) {
        if !id.is_empty() && !self.themes.iter().any(|t| t.id == id) {
            let taken: Vec<_> = self.themes.iter().map(|t| t.color).collect();
            self.themes.push(Theme {
                label,
                ..Theme::generated(id, &taken)
            });
        }
    }
}

/// Parses `TimelineJS` or vis-timeline JSON.
pub fn parse(src: &str, dialect: Dialect) -> Parsed {
    profiling::function_scope!();
    if dialect == Dialect::QueryResults {
        return wikidata::parse(src, "");
    }
    let (top, bare_items) = read_top(src)?;
    let recognised = match dialect {
        Dialect::TimelineJs => top.events.is_some(),
        _ => top.items.is_some() || !bare_items.is_empty(),
    };
    if !recognised {
        return Err(not_a_timeline(src).into());
    }
    let mut problems = Vec::new();
    let timeline = match dialect {
        Dialect::TimelineJs => timelinejs(src, &top, &mut problems),
        _ => vis_timeline(src, &top, &bare_items),
    };
    // The eras' problems are the file's; the events' skip them.
    let mut event_problems = Vec::new();
    let (events, rejected, dropped) = events_from_records(timeline.records, &mut event_problems);
    let notes = super::take_notes_of(&mut problems, &mut event_problems);
    let skipped = Skipped {
        count: rejected.count(),
        records: rejected.records,
        duplicates: dropped,
    };
    let (meta, themes, eras) = (timeline.meta, timeline.themes, timeline.eras);
    super::outcome(
        problems,
        event_problems,
        events.len(),
        skipped.count,
        || {
            // Groups are the lanes; events without a group share one, generated as usual.
            let (dataset, _) = Dataset::new(meta, themes, eras, events);
            (dataset, notes)
        },
        || skipped.into_csv(),
    )
}

/// What a user reads when a JSON file holds no list of events that Chronolane knows: what was
/// expected, and what the file's top level has instead (its keys, or a list of how many values).
pub fn not_a_timeline(src: &str) -> Problem {
    let found = match serde_json::from_str::<Value>(src) {
        Ok(Value::Object(o)) if o.is_empty() => "the file is an empty object".to_owned(),
        Ok(Value::Object(o)) => {
            let keys: Vec<String> = o.keys().take(8).map(|k| format!("\"{k}\"")).collect();
            let more = if o.len() > keys.len() { ", …" } else { "" };
            format!("the file has {}{more}", keys.join(", "))
        }
        Ok(Value::Array(a)) if a.is_empty() => "the file is an empty list".to_owned(),
        Ok(Value::Array(a)) => format!(
            "the file is a list of {} value{} without \"content\" and \"start\"",
            a.len(),
            if a.len() == 1 { "" } else { "s" }
        ),
        _ => "the file is not a JSON object".to_owned(),
    };
    Problem::whole(
        ProblemKind::Syntax,
        format!(
            "not a timeline: expected a list of events (TimelineJS `events`, vis-timeline `items`, or Chronolane's `events`); {found}"
        ),
    )
}

/// The file's top object, or a bare list of items (vis-timeline); a syntax problem for the one
/// the file starts as when neither reads.
fn read_top(src: &str) -> Result<(Top<'_>, Vec<&RawValue>), ParseFailure> {
    let top_error = match serde_json::from_str::<Top<'_>>(src) {
        Ok(top) => return Ok((top, Vec::new())),
        Err(e) => e,
    };
    match serde_json::from_str::<Vec<&RawValue>>(src) {
        Ok(items) => Ok((Top::default(), items)),
        Err(list_error) => {
            let e = if src.trim_start().starts_with('[') {
                list_error
            } else {
                top_error
            };
            Err(syntax_problem(&e, "not a timeline").into())
        }
    }
}

/// A `TimelineJS` file: title, events (`text.headline`, `start_date`, `group`…) and eras.
fn timelinejs(src: &str, top: &Top<'_>, problems: &mut Vec<Problem>) -> Timeline {
    let mut timeline = Timeline::default();
    let title = html_text(text(top.title.pointer("/text/headline")));
    timeline.meta.title = title.map(|t| t.text).unwrap_or_default();
    timeline.meta.description = html_text(text(top.title.pointer("/text/text")))
        .map(|t| t.text)
        .unwrap_or_default();
    for (line, e) in objects(src, top.events.as_deref().unwrap_or_default()) {
        let group = text(e.get("group"));
        let theme = group.as_ref().map(|g| slug(g));
        if let (Some(id), Some(label)) = (&theme, &group) {
            timeline.add_theme(id, label.clone());
        }
        let slide = slide_of(&e, line, problems);
        timeline.records.push(RawEvent {
            line,
            id: text(e.get("unique_id")).map(Text::from),
            title: slide.title.map(Text::from),
            start: timelinejs_date(e.get("start_date")).map(Text::from),
            end: timelinejs_date(e.get("end_date")).map(Text::from),
            theme: theme.map(Text::from),
            description: slide.description.map(Text::from),
            sources: slide.sources,
            display_date: slide.display_date.map(Text::from),
            ..RawEvent::default()
        });
    }
    timeline.eras = objects(src, &top.eras)
        .filter_map(|(line, e)| timelinejs_era(line, &e, problems))
        .collect();
    timeline
}

/// A `TimelineJS` slide's text, media and display date (the slide's own, else its start date's).
fn slide_of(e: &Value, line: usize, notes: &mut Vec<Problem>) -> timelinejs::SlideParts {
    let field = |pointer: &str| text(e.pointer(pointer));
    let (headline, body) = (field("/text/headline"), field("/text/text"));
    let display = field("/display_date")
        .or_else(|| field("/start_date/display_date"))
        .or_else(|| field("/start_date/display_text"));
    let (url, caption, credit) = (
        field("/media/url"),
        field("/media/caption"),
        field("/media/credit"),
    );
    timelinejs::read_slide(
        &timelinejs::Slide {
            headline: headline.as_deref(),
            text: body.as_deref(),
            display_date: display.as_deref(),
            media_url: url.as_deref(),
            media_caption: caption.as_deref(),
            media_credit: credit.as_deref(),
        },
        line,
        notes,
    )
}

/// HTML text as plain text, `None` when there is no text.
fn html_text(t: Option<String>) -> Option<PlainText> {
    t.map(|t| html_text::to_plain(&t))
}

/// A `TimelineJS` era, with the checks the native reader makes, so that the import saves and
/// reopens; `None` unless both its dates read.
fn timelinejs_era(line: usize, e: &Value, problems: &mut Vec<Problem>) -> Option<Era> {
    let label = html_text(text(e.pointer("/text/headline")))
        .map(|t| t.text)
        .unwrap_or_default();
    if label.is_empty() {
        problems.push(Problem::at(
            line,
            ProblemKind::Missing,
            "an era has no label",
        ));
    }
    let date = |k: &str, problems: &mut Vec<Problem>| {
        timelinejs_date(e.get(k)).and_then(|d| parse_date(k, None, &d, line, problems))
    };
    // Both dates are read, so that both report their problems.
    let (start, end) = (date("start_date", problems), date("end_date", problems));
    let (start, end) = (start?, end?);
    if end.axis_end() <= start.axis_start() {
        problems.push(end_before_start(line, &end, &start));
    }
    Some(Era {
        label,
        start,
        end,
        color: None,
    })
}

/// A vis-timeline file: groups (lanes) and items, in an object or as a bare list of items.
fn vis_timeline(src: &str, top: &Top<'_>, bare_items: &[&RawValue]) -> Timeline {
    let mut timeline = Timeline::default();
    for g in &top.groups {
        if let Some(id) = text(g.get("id")) {
            let label = html_text(text(g.get("content")))
                .map(|t| t.text)
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| id.clone());
            timeline.add_theme(&slug(&id), label);
        }
    }
    let items = top.items.as_deref().unwrap_or(bare_items);
    for (line, e) in objects(src, items) {
        // `content` is the item's HTML and `title` its tooltip; both may hold links.
        let content = html_text(text(e.get("content")));
        let tooltip = html_text(text(e.get("title")));
        let mut sources = Vec::new();
        for t in content.iter().chain(&tooltip) {
            for link in &t.links {
                if !sources.contains(link) {
                    sources.push(link.clone());
                }
            }
        }
        timeline.records.push(RawEvent {
            line,
            id: text(e.get("id")).map(Text::from),
            title: content
                .map(|t| Text::from(t.text.split_whitespace().collect::<Vec<_>>().join(" "))),
            start: vis_date(e.get("start")).map(Text::from),
            end: vis_date(e.get("end")).map(Text::from),
            theme: text(e.get("group")).map(|g| Text::from(slug(&g))),
            description: tooltip.map(|t| Text::from(t.text)),
            sources,
            ..RawEvent::default()
        });
    }
    timeline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timelinejs() {
        let src = r#"{
  "title": {"text": {"headline": "Japan and Russia", "text": "Relations"}},
  "events": [
    {"start_date": {"year": "1855", "month": "2", "day": "7"},
     "text": {"headline": "Treaty of Shimoda", "text": "Borders"}, "group": "Diplomacy"},
    {"start_date": {"year": 1904, "month": 2}, "end_date": {"year": 1905},
     "text": {"headline": "Russo-Japanese War"}, "group": "War"},
    {"start_date": {"year": -55}, "text": {"headline": "Caesar in Britain"}}
  ],
  "eras": [{"start_date": {"year": 1868}, "end_date": {"year": 1912}, "text": {"headline": "Meiji"}}]
}"#;
        assert_eq!(dialect(src), Dialect::TimelineJs);
        let (d, _) = parse(src, Dialect::TimelineJs).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(d.meta.title, "Japan and Russia");
        let ids: Vec<&str> = d.themes().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["diplomacy", "war", "events"]);
        let shimoda = d.events().iter().find(|e| e.title() == "Treaty of Shimoda");
        assert_eq!(
            shimoda.map(|e| e.start().edtf().to_string()).as_deref(),
            Some("1855-02-07")
        );
        let caesar = d.events().iter().find(|e| e.title().starts_with("Caesar"));
        assert_eq!(
            caesar.map(|e| e.start().in_words()),
            Some("55 BC".to_owned())
        );
        assert_eq!(d.eras()[0].label, "Meiji");
    }

    #[test]
    fn timelinejs_huge_negative_years_from_the_big_bang_to_a_day() {
        let src = r#"{"scale": "cosmological", "events": [
    {"start_date": {"year": -13800000000}, "text": {"headline": "Big Bang"}},
    {"start_date": {"year": -4540000000, "month": 6}, "text": {"headline": "Earth"}},
    {"start_date": {"year": -10000}, "text": {"headline": "Holocene"}},
    {"start_date": {"year": 1969, "month": 7, "day": 20}, "text": {"headline": "Moon"}}
  ]}"#;
        let (d, _) = parse(src, Dialect::TimelineJs).unwrap_or_else(|p| panic!("{p:?}"));
        let start = |t: &str| {
            d.events()
                .iter()
                .find(|e| e.title() == t)
                .map(|e| e.start().clone())
        };
        let big_bang = start("Big Bang").unwrap_or_else(|| panic!("no Big Bang"));
        assert_eq!(big_bang.edtf(), "Y-13799999999");
        assert_eq!(big_bang.in_words(), "13,800,000,000 BC");
        // A month has no place in a `Y` year: the year is kept.
        assert_eq!(
            start("Earth").map(|d| d.edtf().to_owned()).as_deref(),
            Some("Y-4539999999")
        );
        assert_eq!(
            start("Holocene").map(|d| d.edtf().to_owned()).as_deref(),
            Some("-9999")
        );
        assert_eq!(
            start("Moon").map(|d| d.in_words()).as_deref(),
            Some("20 July 1969")
        );
    }

    #[test]
    fn vis_timeline_object_and_bare_list() {
        let src = r#"{"items": [
            {"id": 1, "content": "Treaty of Portsmouth", "start": "1905-09-05T10:00:00", "group": 2},
            {"id": 2, "content": "War", "start": "1904-02-08", "end": "1905-09-05", "group": 1}],
          "groups": [{"id": 1, "content": "War"}, {"id": 2, "content": "Diplomacy"}]}"#;
        assert_eq!(dialect(src), Dialect::VisTimeline);
        let (d, _) = parse(src, Dialect::VisTimeline).unwrap_or_else(|p| panic!("{p:?}"));
        let labels: Vec<&str> = d.themes().iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["War", "Diplomacy"]);
        assert_eq!(
            d.by_id("1")
                .map(|e| e.start().edtf().to_string())
                .as_deref(),
            Some("1905-09-05")
        );
        let bare = r#"[{"content": "A", "start": "1855"}, {"content": "B", "start": "1856-03"}]"#;
        assert_eq!(dialect(bare), Dialect::VisTimeline);
        let (d, _) = parse(bare, Dialect::VisTimeline).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(d.events().len(), 2);
    }

    #[test]
    fn problems_name_their_lines() {
        let src = "{\"items\": [\n {\"content\": \"A\", \"start\": \"1855\"},\n {\"content\": \"B\", \"start\": \"soon\"}\n]}";
        // The good item opens; the other's problem says where it is.
        let p = match parse(src, Dialect::VisTimeline) {
            Err(ParseFailure::Partial(p)) => p.problems,
            other => panic!("{other:?}"),
        };
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, Some(3));
        assert_eq!(p[0].kind, ProblemKind::NotADate);
        assert_eq!(p[0].field, Some(crate::io::Field::Start));
        assert!(
            p[0].message.starts_with("start \"soon\" is not a date"),
            "{}",
            p[0].message
        );
    }

    #[test]
    fn json_without_a_list_of_events_is_no_timeline() {
        let message = |src: &str| match crate::io::load_bytes(src.as_bytes(), "x.json", "x") {
            Err(crate::io::LoadError::Invalid { problems, .. }) => problems[0].message.clone(),
            other => panic!("{src} should not load: {other:?}"),
        };
        let expected = "not a timeline: expected a list of events (TimelineJS `events`, vis-timeline `items`, or Chronolane's `events`); ";
        for (src, found) in [
            ("{}", "the file is an empty object"),
            ("[]", "the file is an empty list"),
            (
                "[1, 2, 3]",
                "the file is a list of 3 values without \"content\" and \"start\"",
            ),
            (
                r#"{"storymap": {"slides": [{"text": {"headline": "A"}}]}}"#,
                "the file has \"storymap\"",
            ),
        ] {
            assert_eq!(message(src), format!("{expected}{found}"), "{src}");
        }
        // A TimelineJS-looking file without `events`, and vis-timeline read without `items`.
        let no_events = r#"{"slides": [{"start_date": {"year": 1855}}]}"#;
        assert_eq!(dialect(no_events), Dialect::TimelineJs);
        assert!(matches!(
            parse(no_events, Dialect::TimelineJs),
            Err(ParseFailure::Invalid(p)) if p[0].message.starts_with("not a timeline")
        ));
        assert!(matches!(
            parse("{\"groups\": []}", Dialect::VisTimeline),
            Err(ParseFailure::Invalid(p)) if p[0].message.starts_with("not a timeline")
        ));
    }
}
