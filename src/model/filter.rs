//! Which events are shown: themes, a date range, a minimum importance and a text search.

use std::collections::BTreeSet;

use super::date::HistDate;
use super::event::Event;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Theme ids whose lanes are hidden.
    pub hidden_themes: BTreeSet<String>,
    /// Only events that reach into or past this date.
    pub from: Option<HistDate>,
    /// Only events that begin before the end of this date.
    pub to: Option<HistDate>,
    /// Only events at least this important (1 shows everything).
    pub min_importance: u8,
    /// Text searched (case-insensitively) in title, names in other scripts, description, place
    /// and tags.
    pub search: String,
}

impl Filter {
    /// True when the event's theme, dates and importance pass (the search is separate: the
    /// window highlights matches rather than hiding the rest).
    pub fn passes(&self, e: &Event) -> bool {
        !self.hidden_themes.contains(e.theme.as_str())
            && e.importance() >= self.min_importance
            && self
                .from
                .as_ref()
                .is_none_or(|f| e.axis_end() > f.axis_start())
            && self
                .to
                .as_ref()
                .is_none_or(|t| e.axis_start() < t.axis_end())
    }

    /// True when every event passes (nothing hidden, no date range, every importance): a view
    /// then need not read each event to know.
    pub fn passes_all(&self) -> bool {
        self.passes_same(&Self::default())
    }

    /// True when `other` lets exactly the same events through: all but the search (which only
    /// highlights) is the same. What is counted or laid out from the events that pass can be
    /// kept while the user types a search.
    pub fn passes_same(&self, other: &Self) -> bool {
        // Every field named: a new one is a compile error here until it is decided on.
        let Self {
            hidden_themes,
            from,
            to,
            min_importance,
            search: _,
        } = self;
        *hidden_themes == other.hidden_themes
            && *from == other.from
            && *to == other.to
            // (Every level at or under the lowest lets every event through.)
            && (*min_importance).max(super::event::MIN_IMPORTANCE)
                == other.min_importance.max(super::event::MIN_IMPORTANCE)
    }

    /// True when the search is empty or the event contains every word of it.
    pub fn matches_search(&self, e: &Event) -> bool {
        Search::new(&self.search).matches(e)
    }

    /// True when the search is empty or `text` contains every word of it (case-insensitively).
    pub fn search_in(&self, text: &str) -> bool {
        Search::new(&self.search).matches_text(text)
    }

    /// True when the event passes and matches the search: what the command line exports.
    pub fn accepts(&self, e: &Event) -> bool {
        self.passes(e) && self.matches_search(e)
    }

    /// True when a search is active.
    pub fn is_searching(&self) -> bool {
        !self.search.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::{EventMore, Source};

    fn ev(id: &str, theme: &str, start: &str, end: Option<&str>, importance: u8) -> Event {
        let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        let mut e = Event::new(id, format!("Treaty of {id}"), date(start)).with_more(EventMore {
            sources: vec![Source {
                title: "x".into(),
                url: None,
            }],
            tags: vec!["peace".into()],
            ..EventMore::default()
        });
        e.end = end.map(date);
        e.theme = theme.into();
        e.set_importance(importance);
        e.set_place(Some("Portsmouth, New Hampshire".into()));
        e.set_description("Peace signed");
        e
    }

    #[test]
    fn themes_and_importance() {
        let mut f = Filter {
            min_importance: 3,
            ..Filter::default()
        };
        assert!(f.passes(&ev("a", "war", "1904", None, 3)));
        assert!(!f.passes(&ev("a", "war", "1904", None, 2)));
        f.hidden_themes.insert("war".into());
        assert!(!f.passes(&ev("a", "war", "1904", None, 5)));
        assert!(f.passes(&ev("a", "diplomacy", "1904", None, 5)));
    }

    #[test]
    fn only_a_filter_that_lets_every_event_through_passes_all() {
        let everything = Filter {
            min_importance: 1,
            search: "treaty".into(),
            ..Filter::default()
        };
        assert!(everything.passes_all() && Filter::default().passes_all());
        let date = |s: &str| HistDate::parse(s).ok();
        let narrower = [
            Filter {
                min_importance: 2,
                ..Filter::default()
            },
            Filter {
                hidden_themes: ["war".to_owned()].into(),
                ..Filter::default()
            },
            Filter {
                from: date("1900"),
                ..Filter::default()
            },
            Filter {
                to: date("1900"),
                ..Filter::default()
            },
        ];
        for f in narrower {
            assert!(!f.passes_all(), "{f:?}");
            // Each of them turns an event away.
            let turned_away = [
                ev("a", "war", "1904", None, 1),
                ev("b", "diplomacy", "1850", None, 5),
                ev("c", "diplomacy", "1950", None, 5),
            ];
            assert!(turned_away.iter().any(|e| !f.passes(e)), "{f:?}");
            assert!(!f.passes_same(&Filter::default()) && f.passes_same(&f.clone()));
        }
        // A search only highlights: the same events pass.
        assert!(everything.passes_same(&Filter::default()));
    }

    #[test]
    fn date_range_keeps_overlapping_events() {
        let f = Filter {
            from: HistDate::parse("1905").ok(),
            to: HistDate::parse("1910").ok(),
            ..Filter::default()
        };
        assert!(f.passes(&ev("war", "war", "1904", Some("1905"), 1)));
        assert!(f.passes(&ev("x", "war", "1910-12-31", None, 1)));
        assert!(!f.passes(&ev("y", "war", "1911", None, 1)));
        assert!(!f.passes(&ev("z", "war", "1900", Some("1904-12-31"), 1)));
    }

    #[test]
    fn search_is_case_insensitive_over_text_fields() {
        let e = ev("Portsmouth", "diplomacy", "1905-09-05", None, 5);
        let search = |s: &str| {
            Filter {
                search: s.into(),
                ..Filter::default()
            }
            .matches_search(&e)
        };
        assert!(search("portsmouth"));
        assert!(search("NEW HAMPSHIRE"));
        assert!(search("peace treaty"));
        assert!(search(""));
        assert!(!search("Shimoda"));
    }

    #[test]
    fn search_finds_names_in_other_scripts() {
        let mut e = ev("Portsmouth", "diplomacy", "1905-09-05", None, 5);
        e.more_mut()
            .names
            .insert("ja".into(), "ポーツマス条約".into());
        e.more_mut()
            .names
            .insert("ru".into(), "Портсмутский мирный договор".into());
        let search = |s: &str| Search::new(s).matches(&e);
        assert!(search("ポーツマス"));
        assert!(search("портсмутский ДОГОВОР"));
        assert!(
            search("Portsmouth договор"),
            "words may come from different fields"
        );
        assert!(!search("日露戦争"));
    }
}

/// A search prepared once and run over many events: every word must appear (case-insensitively)
/// in the title, a name in another script, the description, place or tags. Plain ASCII text, the common case, is searched
/// without copying (memchr finds candidate positions); other text is lowercased first.
#[derive(Clone, Debug, Default)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    pub fn new(query: &str) -> Self {
        Self {
            words: query.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word is in one of the event's searched fields.
    pub fn matches(&self, e: &Event) -> bool {
        self.words.iter().all(|w| {
            contains_ci(e.title(), w)
                || e.names().values().any(|n| contains_ci(n, w))
                || contains_ci(e.description(), w)
                || e.place().is_some_and(|p| contains_ci(p, w))
                || e.tags().iter().any(|t| contains_ci(t, w))
        })
    }

    /// Whether every word is in `text`.
    pub fn matches_text(&self, text: &str) -> bool {
        self.words.iter().all(|w| contains_ci(text, w))
    }
}

/// Whether `hay` contains `needle` (already lowercase), ignoring case.
fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if !(hay.is_ascii() && needle.is_ascii()) {
        return hay.to_lowercase().contains(needle);
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return false;
    }
    let first = n[0];
    let last_start = h.len() - n.len();
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), &h[..=last_start])
        .any(|i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod search_tests {
    use super::*;

    #[test]
    fn contains_ignoring_case_agrees_with_lowercasing() {
        let hays = [
            "Treaty of Portsmouth",
            "PORTSMOUTH, New Hampshire",
            "Hokkaidō and the Kurils",
            "Ōtsu incident",
            "",
            "a",
            "ports",
        ];
        let needles = [
            "portsmouth",
            "ports",
            "hokkaidō",
            "ōtsu",
            "kurils",
            "a",
            "xyz",
            "h",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(
                    contains_ci(h, n),
                    h.to_lowercase().contains(n),
                    "{h:?} contains {n:?}"
                );
            }
        }
        let s = Search::new("treaty  PORTSMOUTH");
        assert!(s.matches_text("the Treaty of Portsmouth"));
        assert!(!s.matches_text("the Treaty of Shimoda"));
        assert!(Search::new("   ").is_empty());
    }
}
