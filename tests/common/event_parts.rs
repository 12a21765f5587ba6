//! The event the property tests' strategies make from their parts (shared by
//! `tests/properties.rs` and `tests/edit_properties.rs`, each drawing the parts its own way).

use chronolane::model::{Event, EventMore, HistDate, Source};

/// What an event strategy draws: id, title, start, end, theme, importance, place, description,
/// sources (title and URL) and tags.
pub type Parts = (
    String,
    String,
    HistDate,
    Option<HistDate>,
    &'static str,
    u8,
    Option<String>,
    String,
    Vec<(String, Option<String>)>,
    Vec<String>,
);

/// The event of `parts`; an end not after the start is dropped, as a loader would refuse it.
pub fn event_from(parts: Parts) -> Event {
    let (id, title, start, end, theme, importance, place, description, sources, tags) = parts;
    let end = end.filter(|e| e.axis_end() > start.axis_start());
    let mut e = Event::new(id, title, start).with_more(EventMore {
        sources: sources
            .into_iter()
            .map(|(title, url)| Source { title, url })
            .collect(),
        tags,
        ..EventMore::default()
    });
    e.end = end;
    e.theme = theme.into();
    e.set_importance(importance);
    e.set_place(place.map(Into::into));
    e.set_description(description.trim());
    e
}
