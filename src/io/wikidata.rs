//! Query results in the SPARQL 1.1 JSON results format, as the Wikidata Query Service downloads
//! them (`{"head": {"vars": […]}, "results": {"bindings": […]}}`): each variable is a column,
//! recognised by name as a CSV header is (`itemLabel` the title, `item` its source,
//! `pointInTime`, `startTime`, `inception`, `dateOfBirth`… the dates), and each binding a row.
//! The CSV and TSV downloads of the same results are read by the CSV reader with the same names;
//! the SPARQL TSV format (`?item` headers, RDF terms such as `<http://…>`, `"Ada"@en`,
//! `"1855-02-07T00:00:00Z"^^xsd:dateTime`) is first turned into plain TSV ([`plain_tsv`]).

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use crate::model::{Dataset, Meta, Text, Theme};

use super::csv_columns::{ColumnMap, column_notes, map_columns, missing_required};
use super::csv_rows::event_from_cells;
use super::field::Field;
use super::json::{Lines, Skipped, syntax_problem};
use super::record::Checker;
use super::{Parsed, Problem, ProblemKind};

#[derive(serde::Deserialize)]
struct Results<'a> {
    head: Head,
    #[serde(borrow)]
    results: Bindings<'a>,
}

#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    vars: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Bindings<'a> {
    #[serde(borrow, default)]
    bindings: Vec<&'a RawValue>,
}

/// One value of a binding (`{"type": "uri", "value": "http://…"}`): its value, and the type
/// of a typed literal.
#[derive(serde::Deserialize)]
struct Term {
    value: serde_json::Value,
    #[serde(default)]
    datatype: Option<String>,
}

const XSD_DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";

impl Term {
    /// The value as text. Wikidata gives every date as an `xsd:dateTime` at midnight UTC
    /// (`1855-02-07T00:00:00Z`): that midnight says nothing and is left out.
    fn text(&self) -> Option<String> {
        let text = match &self.value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => return None,
            v => v.to_string(),
        };
        if self.datatype.as_deref() == Some(XSD_DATE_TIME)
            && let Some(date) = text.strip_suffix("T00:00:00Z")
        {
            return Some(date.to_owned());
        }
        Some(text)
    }
}

/// Whether a JSON text's beginning looks like SPARQL results: `"vars"` and a `"bindings"` list.
pub fn is_query_results(head: &str) -> bool {
    head.contains("\"vars\"") && head.contains("\"bindings\"")
}

/// Parses SPARQL JSON results into a dataset titled `title`.
pub fn parse(src: &str, title: &str) -> Parsed {
    profiling::function_scope!();
    let results: Results<'_> =
        serde_json::from_str(src).map_err(|e| syntax_problem(&e, "not SPARQL query results"))?;
    let vars = results.head.vars;
    let names: Vec<String> = vars.iter().map(|v| v.trim().to_lowercase()).collect();
    let mut problems = Vec::new();
    let columns = map_columns(&names, &ColumnMap::default(), &mut problems);
    let header: Vec<&str> = vars.iter().map(String::as_str).collect();
    missing_required(&columns, &ColumnMap::default(), &header, &mut problems);
    if !problems.is_empty() {
        // "there is no "title" column": the results' variables are its columns.
        for p in &mut problems {
            p.message = p
                .message
                .replace(" column ", " variable ")
                .replace("the header has", "the results have");
            p.line = None;
        }
        return Err(problems.into());
    }
    let notes = column_notes(header.iter().copied(), &names, &columns)
        .into_iter()
        .map(|mut n| {
            n.message = n.message.replacen("column", "variable", 1);
            n.line = None;
            n
        })
        .collect();
    let lines = Lines::new(src);
    let mut checker = Checker::with_capacity(results.results.bindings.len());
    let mut events = Vec::new();
    let mut not_objects = 0;
    for raw in results.results.bindings {
        let line = lines.of(raw);
        let Ok(binding) = serde_json::from_str::<BTreeMap<&str, Term>>(raw.get()) else {
            problems.push(Problem::at(
                line,
                ProblemKind::WrongType,
                "a binding must be an object of {\"value\": …} terms",
            ));
            not_objects += 1;
            continue;
        };
        let cell = |field: Field| -> Option<Text> {
            let var = vars.get(columns[field]?)?;
            binding.get(var.as_str())?.text().map(Text::from)
        };
        let record = event_from_cells(line, cell);
        events.extend(checker.check(record, &mut problems));
    }
    // Every problem here is a result's (an event's): those are skipped.
    let rejected = checker.finish(&events, &mut problems);
    let duplicates = rejected.drop_duplicates(&mut events);
    let date_notes = super::take_notes(&mut problems);
    let skipped = Skipped {
        count: rejected.count() + not_objects,
        records: rejected.records,
        duplicates,
    };
    let meta = Meta {
        title: title.to_owned(),
        ..Meta::default()
    };
    super::outcome(
        Vec::new(),
        problems,
        events.len(),
        skipped.count,
        || {
            let (dataset, _) = Dataset::new(meta, Vec::<Theme>::new(), Vec::new(), events);
            let mut all: Vec<Problem> = notes;
            all.extend(date_notes);
            (dataset, all)
        },
        || skipped.into_csv(),
    )
}

/// SPARQL TSV results (a header of `?variables`) as plain TSV: each RDF term as its value (an
/// IRI without `<>`, a literal without its quotes, language or type; a Wikidata midnight left
/// out of a date-time). `None` for any other text.
pub fn plain_tsv(text: &str) -> Option<String> {
    if !is_sparql_tsv(text) {
        return None;
    }
    let mut lines = text.lines();
    let vars: Vec<&str> = lines.next()?.split('\t').collect();
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b'\t')
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(vars.iter().map(|v| v.trim().trim_start_matches('?')));
    for line in lines {
        let _ = w.write_record(line.split('\t').map(rdf_term));
    }
    String::from_utf8(w.into_inner().ok()?).ok()
}

/// Whether a text's first line is a SPARQL TSV header: tab-separated `?variables`.
pub fn is_sparql_tsv(text: &str) -> bool {
    let header = text.lines().next().unwrap_or("");
    header.split('\t').all(|v| {
        v.trim().strip_prefix('?').is_some_and(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// The value of one RDF term as SPARQL TSV writes it.
fn rdf_term(term: &str) -> String {
    let t = term.trim();
    if let Some(iri) = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        return iri.to_owned();
    }
    let Some(rest) = t.strip_prefix('"') else {
        return t.to_owned();
    };
    // The lexical form ends at the last quote; a language tag or a type may follow.
    let Some(end) = rest.rfind('"') else {
        return t.to_owned();
    };
    let (lexical, suffix) = (&rest[..end], &rest[end + 1..]);
    let mut out = String::with_capacity(lexical.len());
    let mut chars = lexical.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    if suffix.contains("dateTime")
        && let Some(date) = out.strip_suffix("T00:00:00Z")
    {
        return date.to_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::ParseFailure;

    #[test]
    fn bindings_are_rows_and_variables_columns() {
        let src = r#"{"head": {"vars": ["item", "itemLabel", "pointInTime", "endTime"]},
  "results": {"bindings": [
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q193563"},
     "itemLabel": {"xml:lang": "en", "type": "literal", "value": "Treaty of Shimoda"},
     "pointInTime": {"datatype": "http://www.w3.org/2001/XMLSchema#dateTime", "type": "literal", "value": "1855-02-07"}},
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q49"},
     "itemLabel": {"type": "literal", "value": "Russo-Japanese War"},
     "pointInTime": {"type": "literal", "value": "1904-02-08"},
     "endTime": {"type": "literal", "value": "1905-09-05"}}
  ]}}"#;
        assert!(is_query_results(src));
        let (d, notes) = parse(src, "query").unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(d.meta.title, "query");
        let shimoda = &d.events()[0];
        assert_eq!(shimoda.title(), "Treaty of Shimoda");
        assert_eq!(shimoda.start().edtf(), "1855-02-07");
        assert_eq!(shimoda.sources()[0].title, "Wikidata Q193563");
        assert_eq!(
            shimoda.sources()[0].url.as_deref(),
            Some("http://www.wikidata.org/entity/Q193563")
        );
        assert_eq!(
            d.events()[1].when_in_words(),
            "8 February 1904 – 5 September 1905"
        );
        let notes: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            notes,
            [
                "variable \"item\" is read as sources",
                "variable \"itemLabel\" is read as title",
                "variable \"pointInTime\" is read as start",
                "variable \"endTime\" is read as end",
            ]
        );
    }

    #[test]
    fn results_without_a_date_or_a_label_say_which_variables_they_have() {
        let src = r#"{"head": {"vars": ["item", "population"]}, "results": {"bindings": []}}"#;
        let Err(ParseFailure::Invalid(p)) = parse(src, "q") else {
            panic!("should fail")
        };
        let messages: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].starts_with("there is no \"title\" variable"),
            "{messages:?}"
        );
        assert!(
            messages[1].ends_with("the results have: item, population)"),
            "{messages:?}"
        );
    }

    #[test]
    fn sparql_tsv_terms_are_values() {
        let src = "?item\t?itemLabel\t?date\n\
            <http://www.wikidata.org/entity/Q1>\t\"Treaty of \\\"Shimoda\\\"\"@en\t\"1855-02-07T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>\n";
        let plain = plain_tsv(src).unwrap_or_default();
        let mut lines = plain.lines();
        assert_eq!(lines.next(), Some("item\titemLabel\tdate"));
        assert_eq!(
            lines.next(),
            Some("http://www.wikidata.org/entity/Q1\t\"Treaty of \"\"Shimoda\"\"\"\t1855-02-07")
        );
        assert_eq!(plain_tsv("item\titemLabel\n"), None);
        assert!(!is_sparql_tsv("?a,?b\n1,2\n"));
        assert_eq!(rdf_term("42"), "42");
        assert_eq!(rdf_term("\"unterminated"), "\"unterminated");
    }
}
