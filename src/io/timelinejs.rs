//! What a `TimelineJS` slide says besides its dates, shared by its JSON and its Google Sheets
//! template: the headline, the text (HTML read as plain text, its links as sources), the media
//! (a source with its caption and credit), the display date; and a title for a slide without a
//! headline, taken from the display date, the text's first words or the media caption, with a
//! note that says so.

use crate::model::Source;

use super::Problem;
use super::html_text::{first_words, may_be_html, to_plain};

/// The most characters of a text's first words that become a title.
const TITLE_WORDS: usize = 60;

/// A slide's parts as the file gives them (HTML allowed in each).
#[derive(Default)]
pub(super) struct Slide<'a> {
    pub headline: Option<&'a str>,
    pub text: Option<&'a str>,
    pub display_date: Option<&'a str>,
    pub media_url: Option<&'a str>,
    pub media_caption: Option<&'a str>,
    pub media_credit: Option<&'a str>,
}

/// A slide's parts as an event keeps them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct SlideParts {
    pub title: Option<String>,
    pub description: Option<String>,
    pub sources: Vec<Source>,
    pub display_date: Option<String>,
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// Reads a slide; a note at `line` tells where a title without a headline came from.
pub(super) fn read_slide(slide: &Slide<'_>, line: usize, notes: &mut Vec<Problem>) -> SlideParts {
    let text = non_empty(slide.text).map(to_plain).unwrap_or_default();
    let mut sources = text.links;
    let mut description = text.text;
    // A caption or credit may be a link (to the picture's page, to its author): those come
    // after the picture.
    let mut linked = Vec::new();
    let mut plain = |t: Option<&str>| {
        let t = to_plain(non_empty(t)?);
        linked.extend(t.links);
        // A source's title is one line (a credit may hold `<br>`s).
        Some(t.text.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty())
    };
    let (caption, credit) = (plain(slide.media_caption), plain(slide.media_credit));
    if let Some(media) = non_empty(slide.media_url) {
        if media.starts_with("https://") || media.starts_with("http://") {
            let title =
                media_title(caption.as_ref(), credit.as_ref()).unwrap_or_else(|| media.to_owned());
            sources.push(Source {
                title,
                url: Some(media.to_owned()),
            });
        } else if may_be_html(media) {
            // Media written as HTML (a blockquote, an embed): its text joins the description.
            // (Anything else is a file beside the timeline, `demo_001.jpg`, not a source.)
            let quoted = to_plain(media);
            if !quoted.text.is_empty() {
                if !description.is_empty() {
                    description.push_str("\n\n");
                }
                description.push_str(&quoted.text);
            }
            sources.extend(quoted.links);
        } else if let Some(title) = media_title(caption.as_ref(), credit.as_ref()) {
            // A file beside the timeline (`demo_001.jpg`): no link, but its caption and credit.
            sources.push(Source { title, url: None });
        }
    }
    sources.extend(linked);
    let mut seen = Vec::new();
    sources.retain(|s| {
        let new = s.url.is_none() || !seen.contains(&s.url);
        seen.push(s.url.clone());
        new
    });
    let display_date = non_empty(slide.display_date).map(|d| to_plain(d).text);
    let headline = non_empty(slide.headline)
        .map(|h| {
            to_plain(h)
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|h| !h.is_empty());
    let title = headline.or_else(|| {
        let (title, from) = if let Some(d) = display_date.as_ref().filter(|d| !d.is_empty()) {
            (d.clone(), "its display date")
        } else if !description.is_empty() {
            (
                first_words(&description, TITLE_WORDS),
                "the first words of its text",
            )
        } else {
            (caption.clone()?, "its media caption")
        };
        notes.push(Problem::note_at(
            line,
            format!("an event without a headline is titled \"{title}\" after {from}"),
        ));
        Some(title)
    });
    SlideParts {
        title,
        description: Some(description).filter(|d| !d.is_empty()),
        sources,
        display_date: display_date.filter(|d| !d.is_empty()),
    }
}

/// `Caption (credit)`, or the one of them given.
fn media_title(caption: Option<&String>, credit: Option<&String>) -> Option<String> {
    match (caption, credit) {
        (Some(c), Some(by)) => Some(format!("{c} ({by})")),
        (Some(c), None) => Some(c.clone()),
        (None, Some(by)) => Some(by.clone()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slide_without_a_headline_takes_a_title_and_says_so() {
        let mut notes = Vec::new();
        let from_date = read_slide(
            &Slide {
                display_date: Some("Spring 1855"),
                text: Some("<p>Text</p>"),
                ..Slide::default()
            },
            4,
            &mut notes,
        );
        assert_eq!(from_date.title.as_deref(), Some("Spring 1855"));
        assert_eq!(from_date.display_date.as_deref(), Some("Spring 1855"));
        let from_text = read_slide(
            &Slide {
                text: Some(
                    "<p>The Solar System began forming about 4.6 billion years ago, or about 9 billion years after the Big Bang.</p>",
                ),
                ..Slide::default()
            },
            9,
            &mut notes,
        );
        assert_eq!(
            from_text.title.as_deref(),
            Some("The Solar System began forming about 4.6 billion years ago,…")
        );
        let from_caption = read_slide(
            &Slide {
                media_url: Some("https://example.org/a.jpg"),
                media_caption: Some("<em>A</em> picture"),
                media_credit: Some("Someone"),
                ..Slide::default()
            },
            12,
            &mut notes,
        );
        assert_eq!(from_caption.title.as_deref(), Some("A picture"));
        assert_eq!(
            from_caption.sources,
            [Source {
                title: "A picture (Someone)".into(),
                url: Some("https://example.org/a.jpg".into()),
            }]
        );
        let messages: Vec<String> = notes.iter().map(|n| n.located("f.json")).collect();
        assert_eq!(
            messages,
            [
                "f.json:4: an event without a headline is titled \"Spring 1855\" after its display date",
                "f.json:9: an event without a headline is titled \"The Solar System began forming about 4.6 billion years ago,…\" after the first words of its text",
                "f.json:12: an event without a headline is titled \"A picture\" after its media caption",
            ]
        );
        let nothing = read_slide(&Slide::default(), 1, &mut notes);
        assert_eq!(nothing, SlideParts::default());
    }

    #[test]
    fn html_media_joins_the_text() {
        let mut notes = Vec::new();
        let p = read_slide(
            &Slide {
                headline: Some("<b>Edith</b> Clarke"),
                media_url: Some(
                    "<blockquote>There is no demand <cite>Edith Clarke</cite></blockquote>",
                ),
                ..Slide::default()
            },
            1,
            &mut notes,
        );
        assert_eq!(p.title.as_deref(), Some("Edith Clarke"));
        let d = p.description.unwrap_or_default();
        assert!(d.contains("There is no demand") && !d.contains('<'), "{d}");
        assert!(p.sources.is_empty() && notes.is_empty());
        let local = read_slide(
            &Slide {
                headline: Some("A postcard"),
                media_url: Some("demo_001.jpg"),
                media_credit: Some("Postcard Collection"),
                ..Slide::default()
            },
            1,
            &mut notes,
        );
        assert_eq!(local.description, None);
        assert_eq!(
            local.sources,
            [Source {
                title: "Postcard Collection".into(),
                url: None
            }]
        );
    }
}
