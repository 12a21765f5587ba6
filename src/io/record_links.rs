//! The links of records: each read and trimmed (a link with no id or no kind is reported), and,
//! once every record is read, each checked against the ids of the file.

use std::collections::HashSet;

use crate::model::Link;

use super::field::Field;
use super::record::{NO_EVENT, RawEvent};
use super::{Problem, ProblemKind};

/// The links of a record, trimmed; a link with no id or no kind is reported.
pub(super) fn links(r: &RawEvent, problems: &mut Vec<Problem>) -> Vec<Link> {
    let mut out = Vec::with_capacity(r.links.len());
    for link in &r.links {
        let (to, kind) = (link.to.trim(), link.kind.trim());
        let message = if to.is_empty() {
            format!("a link (\"{kind}\") has no event id to lead to")
        } else if kind.is_empty() {
            format!("link to \"{to}\" has no kind: write kind:id, as in ended by:{to}")
        } else {
            out.push(Link {
                to: to.to_owned(),
                kind: kind.to_owned(),
            });
            continue;
        };
        problems.push(
            Problem::at(r.line_of(Field::Links), ProblemKind::Missing, message).on(Field::Links),
        );
    }
    out
}

/// Reports each link (the line of its event's links, the id it leads to, the index of its
/// event among those accepted) to an id not among `ids` (`link to "x": no such event`), and
/// adds the event it is from to `drop`.
pub(super) fn check_links<'a>(
    links: &[(usize, String, u32)],
    ids: impl Iterator<Item = &'a str>,
    problems: &mut Vec<Problem>,
    drop: &mut Vec<usize>,
) {
    if links.is_empty() {
        return;
    }
    let ids: HashSet<&str> = ids.collect();
    for (line, to, index) in links {
        if !ids.contains(to.as_str()) {
            problems.push(
                Problem::at(
                    *line,
                    ProblemKind::Missing,
                    format!("link to \"{to}\": no such event"),
                )
                .on(Field::Links),
            );
            if *index != NO_EVENT {
                drop.push(*index as usize);
            }
        }
    }
}
