//! The fields of an event as files name them (`id`, `title`, `start`, …), the other names a
//! spreadsheet may give their columns, and [`FieldMap`], one value per field.

use std::fmt;
use std::ops::{Index, IndexMut};
use std::str::FromStr;

/// One field of an event, in the order Chronolane writes CSV columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Title,
    Start,
    End,
    Theme,
    Importance,
    Place,
    Description,
    Sources,
    Tags,
    /// How the file's author wrote the date for readers ("Spring 1855").
    DisplayDate,
    /// When the person the event is about was born.
    Born,
    /// When the person the event is about died.
    Died,
    /// Links to other events (`ended by:treaty-of-portsmouth`).
    Links,
    /// Names in other languages and scripts (`ja=日露戦争`).
    Names,
    /// The calendar the dates are written in when not the Gregorian (`julian`).
    Calendar,
}

impl Field {
    /// How many fields there are.
    pub const COUNT: usize = 16;

    /// Every field, in the order Chronolane writes CSV columns.
    pub const ALL: [Self; Self::COUNT] = [
        Self::Id,
        Self::Title,
        Self::Start,
        Self::End,
        Self::Theme,
        Self::Importance,
        Self::Place,
        Self::Description,
        Self::Sources,
        Self::Tags,
        Self::DisplayDate,
        Self::Born,
        Self::Died,
        Self::Links,
        Self::Names,
        Self::Calendar,
    ];

    /// The fields every CSV file Chronolane writes has a column for; the others
    /// ([`Field::is_optional_column`]) get one only when an event uses them.
    pub const fn is_optional_column(self) -> bool {
        matches!(
            self,
            Self::DisplayDate
                | Self::Born
                | Self::Died
                | Self::Links
                | Self::Names
                | Self::Calendar
        )
    }

    /// Whether the field holds a date.
    pub const fn is_date(self) -> bool {
        matches!(self, Self::Start | Self::End | Self::Born | Self::Died)
    }

    /// The field's name: its CSV column and its JSON key.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Title => "title",
            Self::Start => "start",
            Self::End => "end",
            Self::Theme => "theme",
            Self::Importance => "importance",
            Self::Place => "place",
            Self::Description => "description",
            Self::Sources => "sources",
            Self::Tags => "tags",
            Self::DisplayDate => "display_date",
            Self::Born => "born",
            Self::Died => "died",
            Self::Links => "links",
            Self::Names => "names",
            Self::Calendar => "calendar",
        }
    }

    /// Header names recognised for the field (case-insensitive): its own name first, then the
    /// names other tools and spreadsheets use.
    pub const fn synonyms(self) -> &'static [&'static str] {
        match self {
            Self::Id => &["id"],
            Self::Title => &["title", "label", "name", "headline", "event"],
            Self::Start => &[
                "start",
                "date",
                "start_date",
                "hdate",
                "year",
                "from",
                // Wikidata's names (query results give properties in camel case).
                "starttime",
                "start_time",
                "pointintime",
                "point_in_time",
                "inception",
            ],
            Self::End => &["end", "end_date", "hdate_end", "to", "endtime", "end_time"],
            Self::Theme => &["theme", "group", "category", "lane", "type"],
            Self::Importance => &["importance", "weight"],
            Self::Place => &["place", "location"],
            Self::Description => &["description", "text", "notes", "details"],
            Self::Sources => &["sources", "source", "url", "link"],
            Self::Tags => &["tags"],
            Self::DisplayDate => &["display_date", "display date", "displaydate"],
            Self::Born => &[
                "born",
                "birth",
                "hdate_birth",
                "dateofbirth",
                "date_of_birth",
                "date of birth",
            ],
            Self::Died => &[
                "died",
                "death",
                "hdate_death",
                "dateofdeath",
                "date_of_death",
                "date of death",
            ],
            Self::Links => &["links"],
            Self::Names => &["names"],
            Self::Calendar => &["calendar"],
        }
    }

    /// The recognised header names other than the field's own.
    pub fn other_names(self) -> &'static [&'static str] {
        self.synonyms().get(1..).unwrap_or_default()
    }

    /// Whether every event needs the field (title and start).
    pub const fn is_required(self) -> bool {
        matches!(self, Self::Title | Self::Start)
    }

    /// The field's place in [`Field::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The field named exactly `name` (lower case, no surrounding spaces).
    pub fn from_name(name: &str) -> Option<Self> {
        // (A match, not a search of `ALL`: every key of every object of a JSON file is looked
        // up here. A test checks it agrees with `name`.)
        Some(match name {
            "id" => Self::Id,
            "title" => Self::Title,
            "start" => Self::Start,
            "end" => Self::End,
            "theme" => Self::Theme,
            "importance" => Self::Importance,
            "place" => Self::Place,
            "description" => Self::Description,
            "sources" => Self::Sources,
            "tags" => Self::Tags,
            "display_date" => Self::DisplayDate,
            "born" => Self::Born,
            "died" => Self::Died,
            "links" => Self::Links,
            "names" => Self::Names,
            "calendar" => Self::Calendar,
            _ => return None,
        })
    }

    /// The names of all fields, in [`Field::ALL`] order: the header Chronolane writes.
    pub fn names() -> [&'static str; Self::COUNT] {
        Self::ALL.map(Self::name)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a field's: `"label" is not a field (fields: id, title, …)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField(pub String);

impl fmt::Display for UnknownField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a field (fields: {})",
            self.0,
            Field::names().join(", ")
        )
    }
}

impl std::error::Error for UnknownField {}

/// A field by its name, ignoring surrounding spaces and ASCII case.
impl FromStr for Field {
    type Err = UnknownField;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| UnknownField(s.to_owned()))
    }
}

/// One value for each field: a plain array indexed by [`Field`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldMap<T>([T; Field::COUNT]);

impl<T> FieldMap<T> {
    /// A map whose value for each field is `f(field)`.
    pub fn from_fn(mut f: impl FnMut(Field) -> T) -> Self {
        Self(Field::ALL.map(&mut f))
    }

    /// Each field with its value, in [`Field::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &T)> {
        Field::ALL.into_iter().zip(&self.0)
    }

    /// Each field with its value to change, in [`Field::ALL`] order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Field, &mut T)> {
        Field::ALL.into_iter().zip(&mut self.0)
    }

    /// The values, in [`Field::ALL`] order.
    pub fn values(&self) -> &[T; Field::COUNT] {
        &self.0
    }

    /// The first field (in [`Field::ALL`] order) whose value is `value`.
    pub fn field_of(&self, value: &T) -> Option<Field>
    where
        T: PartialEq,
    {
        self.iter().find(|(_, v)| *v == value).map(|(f, _)| f)
    }
}

impl<T> From<[T; Field::COUNT]> for FieldMap<T> {
    /// Values in [`Field::ALL`] order.
    fn from(values: [T; Field::COUNT]) -> Self {
        Self(values)
    }
}

impl<T> Index<Field> for FieldMap<T> {
    type Output = T;

    fn index(&self, field: Field) -> &T {
        &self.0[field as usize]
    }
}

impl<T> IndexMut<Field> for FieldMap<T> {
    fn index_mut(&mut self, field: Field) -> &mut T {
        &mut self.0[field as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_csv_header_in_order_and_parse_back() {
        assert_eq!(
            Field::names().join(","),
            "id,title,start,end,theme,importance,place,description,sources,tags,display_date,born,died,links,names,calendar"
        );
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field.index(), i);
            assert_eq!(Field::from_name(field.name()), Some(field));
            assert_eq!(field.to_string().parse::<Field>(), Ok(field));
            assert_eq!(field.synonyms().first(), Some(&field.name()));
        }
        assert_eq!(" Start ".parse::<Field>(), Ok(Field::Start));
        assert_eq!(Field::from_name("Start"), None);
        let unknown = "label".parse::<Field>();
        assert_eq!(unknown, Err(UnknownField("label".to_owned())));
        assert_eq!(
            unknown.map_err(|e| e.to_string()),
            Err("\"label\" is not a field (fields: id, title, start, end, theme, importance, place, description, sources, tags, display_date, born, died, links, names, calendar)".to_owned())
        );
    }

    #[test]
    fn synonyms_and_required_fields() {
        assert_eq!(
            Field::Title.other_names(),
            ["label", "name", "headline", "event"]
        );
        assert_eq!(
            Field::End.synonyms(),
            ["end", "end_date", "hdate_end", "to", "endtime", "end_time"]
        );
        assert!(Field::Id.other_names().is_empty());
        let required: Vec<Field> = Field::ALL.into_iter().filter(|f| f.is_required()).collect();
        assert_eq!(required, [Field::Title, Field::Start]);
        // A header name is recognised for one field at most.
        let mut all: Vec<&str> = Field::ALL
            .iter()
            .flat_map(|f| f.synonyms())
            .copied()
            .collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count);
    }

    #[test]
    fn field_map_is_indexed_by_field() {
        let mut m: FieldMap<Option<usize>> = FieldMap::default();
        assert!(m.iter().all(|(_, v)| v.is_none()));
        m[Field::Start] = Some(3);
        m[Field::Tags] = Some(0);
        assert_eq!(m[Field::Start], Some(3));
        assert_eq!(m.values()[2], Some(3));
        assert_eq!(m.field_of(&Some(0)), Some(Field::Tags));
        assert_eq!(m.field_of(&Some(9)), None);
        let set: Vec<(Field, usize)> = m.iter().filter_map(|(f, v)| v.map(|v| (f, v))).collect();
        assert_eq!(set, [(Field::Start, 3), (Field::Tags, 0)]);
        let names = FieldMap::from_fn(Field::name);
        assert_eq!(names[Field::Place], "place");
        let copy = m;
        assert_eq!(copy, m);
        for (_, v) in m.iter_mut() {
            *v = None;
        }
        assert_eq!(m, FieldMap::default());
        assert_eq!(FieldMap::from([1; Field::COUNT])[Field::Id], 1);
    }
}
