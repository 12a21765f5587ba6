//! Links between events, resolved to event indices ([`LinkRef`]), and how a link reads from
//! either end ("Ended by Treaty of Portsmouth" on the war, "Ends Russo-Japanese War" on the
//! treaty).

use std::collections::HashMap;

use super::event_list::EventList;

/// A link between two events of a dataset, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LinkRef {
    /// The event whose `links` hold it.
    pub from: usize,
    /// The event it leads to.
    pub to: usize,
    /// Its place in `from`'s links.
    pub link: usize,
}

/// Every link of `events` whose target is among them, in the order of the events (and of each
/// event's links). Costs nothing for events without links.
pub fn resolve(events: &EventList) -> Vec<LinkRef> {
    if events.unordered().all(|e| e.links().is_empty()) {
        return Vec::new();
    }
    let index: HashMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id(), i))
        .collect();
    let mut out = Vec::new();
    for (from, e) in events.iter().enumerate() {
        for (link, l) in e.links().iter().enumerate() {
            if let Some(&to) = index.get(l.to.as_str()) {
                out.push(LinkRef { from, to, link });
            }
        }
    }
    out
}

/// The kind with its first letter in capitals: `Ended by`.
pub fn capitalised(kind: &str) -> String {
    let mut chars = kind.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a link of `kind` reads from the event it leads to, before the other event's title:
/// `ended by` → `Ends`, `leads to` → `Follows from`. A kind not known reads `Linked from (kind)`.
pub fn reverse_phrase(kind: &str) -> String {
    let known = match kind.trim().to_lowercase().as_str() {
        "ended by" => Some("Ends"),
        "leads to" => Some("Follows from"),
        "causes" | "caused" => Some("Caused by"),
        "caused by" => Some("Causes"),
        "part of" => Some("Includes"),
        "includes" => Some("Part of"),
        "responds to" => Some("Answered by"),
        "follows from" => Some("Leads to"),
        "ends" => Some("Ended by"),
        _ => None,
    };
    known.map_or_else(|| format!("Linked from ({kind})"), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventMore, HistDate, Link};

    fn ev(id: &str, links: &[(&str, &str)]) -> Event {
        let start = HistDate::parse("1905").unwrap_or_else(|e| panic!("{e}"));
        Event::new(id, id, start).with_more(EventMore {
            links: links
                .iter()
                .map(|(kind, to)| Link {
                    to: (*to).to_owned(),
                    kind: (*kind).to_owned(),
                })
                .collect(),
            ..EventMore::default()
        })
    }

    #[test]
    fn links_resolve_to_indices_and_skip_missing_targets() {
        let events = EventList::in_order(vec![
            ev("war", &[("ended by", "treaty"), ("leads to", "nowhere")]),
            ev("treaty", &[("leads to", "war")]),
        ]);
        assert_eq!(
            resolve(&events),
            [
                LinkRef {
                    from: 0,
                    to: 1,
                    link: 0
                },
                LinkRef {
                    from: 1,
                    to: 0,
                    link: 0
                },
            ]
        );
        assert!(resolve(&EventList::in_order(vec![ev("a", &[])])).is_empty());
    }

    #[test]
    fn links_read_from_both_ends() {
        assert_eq!(capitalised("ended by"), "Ended by");
        assert_eq!(capitalised("ōtsu"), "Ōtsu");
        assert_eq!(reverse_phrase("ended by"), "Ends");
        assert_eq!(reverse_phrase("Leads to"), "Follows from");
        assert_eq!(reverse_phrase("inspired"), "Linked from (inspired)");
    }
}
