//! The CSV cells of an event's links (`ended by:treaty-of-portsmouth; leads to:x`) and names
//! (`ja=日露戦争; ru=Русско-японская война`), both ways.

use std::collections::BTreeMap;

use crate::model::Link;

use super::csv::split_escaped;

/// Separates the items of a links or names cell.
pub const ITEM_SEP: char = ';';

/// Links written `kind:id`, separated by `; `. A `:` or `\` in a kind is escaped with `\`; the
/// id is everything after the first unescaped `:`. An item with no `:` is a link of no kind
/// (which the checker reports).
pub fn parse_links(cell: &str) -> Vec<Link> {
    split_escaped(cell, ITEM_SEP)
        .into_iter()
        .map(|item| {
            let mut kind = String::new();
            let mut chars = item.chars();
            let mut to = None;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => kind.push(chars.next().unwrap_or('\\')),
                    ':' => {
                        to = Some(chars.as_str().trim().to_owned());
                        break;
                    }
                    c => kind.push(c),
                }
            }
            match to {
                Some(to) => Link {
                    to,
                    kind: kind.trim().to_owned(),
                },
                None => Link {
                    to: item.trim().to_owned(),
                    kind: String::new(),
                },
            }
        })
        .collect()
}

/// The cell [`parse_links`] reads back.
pub fn format_links(links: &[Link]) -> String {
    let items: Vec<String> = links
        .iter()
        .map(|l| {
            let kind = l.kind.replace('\\', "\\\\").replace(':', "\\:");
            format!("{kind}:{}", l.to)
        })
        .collect();
    join(&items)
}

/// Items joined with `; `, a `;` or `\` inside an item escaped with `\`.
fn join(items: &[String]) -> String {
    items
        .iter()
        .map(|i| i.replace('\\', "\\\\").replace(ITEM_SEP, "\\;"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Names written `tag=name`, separated by `; `; the name is everything after the first `=`.
/// An item with no `=` or an empty tag or name is left out.
pub fn parse_names(cell: &str) -> BTreeMap<String, String> {
    split_escaped(cell, ITEM_SEP)
        .into_iter()
        .filter_map(|item| {
            let (tag, name) = item.split_once('=')?;
            let (tag, name) = (tag.trim(), name.trim());
            (!tag.is_empty() && !name.is_empty()).then(|| (tag.to_owned(), name.to_owned()))
        })
        .collect()
}

/// The cell [`parse_names`] reads back.
pub fn format_names(names: &BTreeMap<String, String>) -> String {
    let items: Vec<String> = names
        .iter()
        .map(|(tag, name)| format!("{tag}={name}"))
        .collect();
    join(&items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(kind: &str, to: &str) -> Link {
        Link {
            to: to.into(),
            kind: kind.into(),
        }
    }

    #[test]
    fn links_read_as_written_and_back() {
        let links = parse_links("ended by:treaty-of-portsmouth; leads to : x:y ;; odd");
        assert_eq!(
            links,
            [
                link("ended by", "treaty-of-portsmouth"),
                link("leads to", "x:y"),
                link("", "odd"),
            ]
        );
        let tricky = vec![link("a:b\\c; d", "id;1"), link("leads to", "x")];
        let cell = format_links(&tricky);
        assert_eq!(cell, "a\\\\:b\\\\\\\\c\\; d:id\\;1; leads to:x");
        assert_eq!(parse_links(&cell), tricky);
    }

    #[test]
    fn names_read_as_written_and_back() {
        let names = parse_names("ja=日露戦争; ru = Русско-японская война; =x; nothing");
        assert_eq!(names.len(), 2);
        assert_eq!(names["ja"], "日露戦争");
        assert_eq!(names["ru"], "Русско-японская война");
        let cell = format_names(&names);
        assert_eq!(cell, "ja=日露戦争; ru=Русско-японская война");
        let mut odd = BTreeMap::new();
        odd.insert("x".to_owned(), "a; b=c".to_owned());
        assert_eq!(parse_names(&format_names(&odd)), odd);
    }
}
