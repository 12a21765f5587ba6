//! Which CSV column holds each field: chosen by hand (`--map title=label,start=hdate`, or the
//! import dialog), else recognised by name ([`Field::synonyms`]), with the problems and notes a
//! header earns (a required field without a column, a column read under another name, a column
//! not used).

use super::field::{Field, FieldMap};
use super::{Problem, ProblemKind};

/// For each field, the index of the header column it is read from.
pub type Columns = FieldMap<Option<usize>>;

/// Columns chosen by hand for some fields (`--map title=label,start=hdate`), by header name. An
/// empty column name (`--map theme=`) means the field is not read from any column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap(pub Vec<(Field, String)>);

impl ColumnMap {
    /// The map that reads each field from the column `columns` gives it (an index into
    /// `header`), or from none.
    pub fn from_columns(header: &[String], columns: &Columns) -> Self {
        Self(
            columns
                .iter()
                .map(|(field, c)| {
                    let name = c.and_then(|i| header.get(i)).cloned().unwrap_or_default();
                    (field, name)
                })
                .collect(),
        )
    }

    /// Parses `field=column,field=column`; fields are named as [`Field::name`] gives them.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut out = Vec::new();
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((field, column)) = pair.split_once('=') else {
                return Err(format!("\"{pair}\" is not FIELD=COLUMN"));
            };
            let field = field.trim().to_lowercase();
            let field = Field::from_name(&field)
                .ok_or_else(|| super::field::UnknownField(field.clone()).to_string())?;
            out.push((field, column.trim().to_owned()));
        }
        Ok(Self(out))
    }

    /// The column chosen by hand for `field`, if the map names one (empty: not read).
    fn get(&self, field: Field) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| c.as_str())
    }
}

/// `title=label,start=hdate`, as `--map` takes it.
impl std::fmt::Display for ColumnMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pairs: Vec<String> = self
            .0
            .iter()
            .map(|(field, column)| format!("{field}={column}"))
            .collect();
        f.write_str(&pairs.join(","))
    }
}

/// Which column of the header (`names`, trimmed and in lower case) holds each field: the column
/// the map names, else the first header that is one of the field's [`Field::synonyms`], trying
/// the field's own name before the others.
pub(super) fn map_columns(
    names: &[String],
    map: &ColumnMap,
    problems: &mut Vec<Problem>,
) -> Columns {
    let mut taken = vec![false; names.len()];
    let mut out = Columns::default();
    let mut chosen = FieldMap::<bool>::default();
    for (field, column) in &map.0 {
        chosen[*field] = true;
        if column.trim().is_empty() {
            continue;
        }
        match names
            .iter()
            .position(|n| *n == column.trim().to_lowercase())
        {
            Some(i) => {
                out[*field] = Some(i);
                taken[i] = true;
            }
            None => problems.push(
                Problem::at(
                    1,
                    ProblemKind::UnknownColumn,
                    format!(
                        "column \"{column}\" (mapped to {field}) is not in the header (the header has: {})",
                        names.join(", ")
                    ),
                )
                .on(*field),
            ),
        }
    }
    // Exact names first, so a file with both `source` and `sources` maps each sensibly.
    for exact in [true, false] {
        for field in Field::ALL {
            if chosen[field] || out[field].is_some() {
                continue;
            }
            let own = [field.name()];
            let candidates: &[&str] = if exact { &own } else { field.other_names() };
            out[field] = candidates.iter().find_map(|syn| {
                names
                    .iter()
                    .enumerate()
                    .position(|(i, n)| !taken[i] && n == syn)
            });
            if let Some(i) = out[field] {
                taken[i] = true;
            }
        }
    }
    query_result_columns(names, &chosen, &mut taken, &mut out);
    out
}

/// Query results (Wikidata's `?item ?itemLabel ?date`): without a title column, a `…label`
/// column is the title (`itemlabel` first); and the column it labels (`item`, the item's URL)
/// is its source, unless there is a sources column.
fn query_result_columns(
    names: &[String],
    chosen: &FieldMap<bool>,
    taken: &mut [bool],
    out: &mut Columns,
) {
    if chosen[Field::Title] || out[Field::Title].is_some() {
        return;
    }
    let label = |n: &String| n.len() > "label".len() && n.ends_with("label");
    let Some(title) = names
        .iter()
        .position(|n| n == "itemlabel")
        .or_else(|| names.iter().position(label))
        .filter(|&i| !taken[i])
    else {
        return;
    };
    out[Field::Title] = Some(title);
    taken[title] = true;
    if chosen[Field::Sources] || out[Field::Sources].is_some() {
        return;
    }
    let labelled = names[title].trim_end_matches("label");
    if let Some(i) = names
        .iter()
        .position(|n| n == labelled)
        .filter(|&i| !taken[i])
    {
        out[Field::Sources] = Some(i);
        taken[i] = true;
    }
}

/// Reports the required fields (title, start) that no column holds.
pub(super) fn missing_required(
    columns: &Columns,
    map: &ColumnMap,
    header: &[&str],
    problems: &mut Vec<Problem>,
) {
    for field in Field::ALL.into_iter().filter(|f| f.is_required()) {
        let mapped = map.get(field);
        if columns[field].is_some() || mapped.is_some_and(|c| !c.trim().is_empty()) {
            // Present, or mapped to a column the header lacks (reported already).
            continue;
        }
        if field == Field::Start
            && (columns[Field::Born].is_some() || columns[Field::Died].is_some())
        {
            // People's lives: birth and death are the dates of rows without others.
            continue;
        }
        let message = if mapped.is_some() {
            format!(
                "no column is chosen for {field}, which every event needs (the header has: {})",
                header.join(", ")
            )
        } else {
            format!(
                "there is no \"{field}\" column (nor {}; the header has: {})",
                field.other_names().join(", "),
                header.join(", ")
            )
        };
        problems.push(Problem::at(1, ProblemKind::Missing, message).on(field));
    }
}

/// Reports a column name the header has twice when a field may be read from it (its own name,
/// another name of it, or the column `map` names): which of the two holds the field cannot be
/// told, so the file is refused rather than half read.
pub(super) fn duplicate_columns(
    names: &[String],
    header: &[&str],
    map: &ColumnMap,
    problems: &mut Vec<Problem>,
) {
    for (i, name) in names.iter().enumerate() {
        let read = Field::ALL
            .iter()
            .any(|f| f.synonyms().contains(&name.as_str()))
            || map.0.iter().any(|(_, c)| c.trim().to_lowercase() == *name);
        if name.is_empty() || !read || names[..i].contains(name) {
            continue;
        }
        let at: Vec<String> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| *n == name)
            .map(|(k, _)| (k + 1).to_string())
            .collect();
        if at.len() > 1 {
            let written = header.get(i).copied().unwrap_or(name);
            problems.push(Problem::at(
                1,
                ProblemKind::Duplicate,
                format!(
                    "the header has \"{written}\" more than once (columns {}); give each column its own name",
                    at.join(" and ")
                ),
            ));
        }
    }
}

/// Notes on the columns of a header (`names` trimmed and in lower case, `header` as written)
/// that are read under another name, or not read at all.
pub(super) fn column_notes<'h>(
    header: impl IntoIterator<Item = &'h str>,
    names: &[String],
    columns: &Columns,
) -> Vec<Problem> {
    let mut notes = Vec::new();
    for (i, (written, name)) in header.into_iter().zip(names).enumerate() {
        let name = name.as_str();
        let note = match columns.field_of(&Some(i)) {
            Some(_) if Field::from_name(name).is_some() => continue,
            Some(field) => {
                Problem::note_at(1, format!("column \"{written}\" is read as {field}")).on(field)
            }
            None if Field::ALL.iter().any(|f| f.synonyms().contains(&name)) => Problem::note_at(
                1,
                format!("column \"{written}\" is not used: its field has a column already"),
            ),
            None => Problem::note_at(1, format!("column \"{written}\" is not used")),
        };
        notes.push(note);
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(header: &str) -> Vec<String> {
        header.split(',').map(str::to_owned).collect()
    }

    #[test]
    fn columns_by_map_then_own_name_then_synonym() {
        let names = names("label,name,title,date,source,sources");
        let mut problems = Vec::new();
        let map = ColumnMap::parse("theme=label").expect("map parses");
        let c = map_columns(&names, &map, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(c[Field::Theme], Some(0));
        assert_eq!(c[Field::Title], Some(2));
        assert_eq!(c[Field::Start], Some(3));
        assert_eq!(c[Field::Sources], Some(5));
        assert_eq!(c[Field::End], None);
        let notes = column_notes(
            ["Label", "Name", "Title", "Date", "Source", "Sources"],
            &names,
            &c,
        );
        let notes: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            notes,
            [
                "column \"Label\" is read as theme",
                "column \"Name\" is not used: its field has a column already",
                "column \"Date\" is read as start",
                "column \"Source\" is not used: its field has a column already",
            ]
        );
    }

    #[test]
    fn missing_columns_are_typed_problems_on_their_field() {
        let names = names("title,when");
        let mut problems = Vec::new();
        let map = ColumnMap::parse("end=until,title=").expect("map parses");
        let c = map_columns(&names, &map, &mut problems);
        missing_required(&c, &map, &["title", "when"], &mut problems);
        let found: Vec<(ProblemKind, Option<Field>)> =
            problems.iter().map(|p| (p.kind, p.field)).collect();
        assert_eq!(
            found,
            [
                (ProblemKind::UnknownColumn, Some(Field::End)),
                (ProblemKind::Missing, Some(Field::Title)),
                (ProblemKind::Missing, Some(Field::Start)),
            ]
        );
        assert_eq!(
            problems[2].message,
            "there is no \"start\" column (nor date, start_date, hdate, year, from, starttime, start_time, pointintime, point_in_time, inception; the header has: title, when)"
        );
    }

    #[test]
    fn a_name_read_twice_in_the_header_is_a_problem() {
        let names = names("title,start,notes,start,x,x");
        let mut problems = Vec::new();
        let header = ["Title", "Start", "notes", "START", "x", "x"];
        duplicate_columns(&names, &header, &ColumnMap::default(), &mut problems);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        // Two columns `x` are read by no field: no problem.
        assert_eq!(
            messages,
            [
                "the header has \"Start\" more than once (columns 2 and 4); give each column its own name"
            ]
        );
        assert_eq!(problems[0].kind, ProblemKind::Duplicate);
    }

    #[test]
    fn map_text_round_trips_and_unknown_fields_are_named() {
        let map = ColumnMap::parse(" Title = Label ,start=hdate,theme=").expect("map parses");
        assert_eq!(map.to_string(), "title=Label,start=hdate,theme=");
        assert_eq!(
            ColumnMap::parse("when=date"),
            Err("\"when\" is not a field (fields: id, title, start, end, theme, importance, place, description, sources, tags, display_date, born, died, links, names, calendar)".to_owned())
        );
        assert_eq!(
            ColumnMap::parse("title"),
            Err("\"title\" is not FIELD=COLUMN".to_owned())
        );
    }
}
