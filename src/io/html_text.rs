//! HTML in other tools' text (`TimelineJS` `text.text`, vis-timeline `content`): plain text with
//! paragraph breaks, and the links it holds, so that no tag is ever shown. Parsed with
//! `html2text` (an HTML5 parser, html5ever), not with patterns: entities, comments, scripts and
//! unclosed tags come out as a browser would read them.

use html2text::render::RichAnnotation;

use crate::model::Source;

/// Lines are never wrapped: the window wraps text to its own width.
const NO_WRAP: usize = 1 << 16;

/// Text read out of HTML, and the web links it held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlainText {
    /// Paragraphs separated by one blank line; no tag, entities decoded.
    pub text: String,
    /// Each `<a href>` to a web page, titled with the link's text (or its address), once.
    pub links: Vec<Source>,
}

/// Whether `s` may hold HTML: a tag (`<p>`, `</a>`, `<br/>`, `<!-- -->`) or an entity
/// (`&amp;`). Plain text is passed on as it is, so a million plain descriptions cost nothing.
pub fn may_be_html(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr2_iter(b'<', b'&', bytes).any(|i| {
        let rest = &bytes[i + 1..];
        let next = rest.first().copied().unwrap_or(b' ');
        if bytes[i] == b'<' {
            return next.is_ascii_alphabetic() || next == b'/' || next == b'!';
        }
        // An entity: `&name;` or `&#123;`.
        let name = rest
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
            .count();
        name > 0 && rest.get(name) == Some(&b';')
    })
}

/// `s` as plain text with its links; text that holds no HTML is returned trimmed.
pub fn to_plain(s: &str) -> PlainText {
    if !may_be_html(s) {
        return PlainText {
            text: s.trim().to_owned(),
            links: Vec::new(),
        };
    }
    let rendered = html2text::config::rich()
        .allow_width_overflow()
        .lines_from_read(s.as_bytes(), NO_WRAP);
    let Ok(rendered) = rendered else {
        // html2text gives up only on widths too narrow for a table; nothing of the markup is
        // shown even then.
        return PlainText {
            text: without_markup(s),
            links: Vec::new(),
        };
    };
    let mut text = String::new();
    let mut links: Vec<Source> = Vec::new();
    // The link being read: its address and its text so far.
    let mut link: Option<(String, String)> = None;
    for line in &rendered {
        let mut row = String::new();
        for piece in line.tagged_strings() {
            row.push_str(&piece.s);
            let href = piece.tag.iter().find_map(|a| match a {
                RichAnnotation::Link(url) => Some(url.as_str()),
                _ => None,
            });
            match (&mut link, href) {
                (Some((url, title)), Some(h)) if url == h => title.push_str(&piece.s),
                (_, h) => {
                    close_link(link.take(), &mut links);
                    link = h.map(|h| (h.to_owned(), piece.s.clone()));
                }
            }
        }
        push_line(&mut text, row.trim_end());
    }
    close_link(link, &mut links);
    PlainText {
        text: text.trim().to_owned(),
        links,
    }
}

/// Appends a line, keeping at most one blank line between paragraphs.
fn push_line(text: &mut String, line: &str) {
    if line.trim().is_empty() {
        if !text.is_empty() && !text.ends_with("\n\n") {
            text.push('\n');
        }
        return;
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
}

/// Adds a finished link as a source when it leads to a web page and is new.
fn close_link(link: Option<(String, String)>, links: &mut Vec<Source>) {
    let Some((url, title)) = link else { return };
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return;
    }
    if links.iter().any(|l| l.url.as_deref() == Some(url)) {
        return;
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    links.push(Source {
        title: if title.is_empty() {
            url.to_owned()
        } else {
            title
        },
        url: Some(url.to_owned()),
    });
}

/// Text with everything between `<` and `>` left out: the last resort when the parser gives up.
fn without_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// The first words of a text, up to about `max` characters, ending with `…` when cut.
pub fn first_words(text: &str, max: usize) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if !out.is_empty() && out.chars().count() + 1 + w.chars().count() > max {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        if out.chars().count() >= max && i + 1 < words.len() {
            out.push('…');
            return out;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_less_than_sign_before_a_link_stays_text() {
        // Found by the property test: the `<` is text, the link's text follows it.
        let p = to_plain("<<a href=\"https://x.org/\">a ;");
        assert_eq!(p.text, "<a ;");
        assert_eq!(p.links.len(), 1);
    }

    #[test]
    fn paragraphs_links_and_entities() {
        let p = to_plain(
            "<p>Take <a href=\"https://en.wikipedia.org/wiki/Ada_Lovelace\">Ada\n Lovelace</a>: &ldquo;the first programmer&rdquo; &amp; more.</p>\
             <p>Second <b>paragraph</b><br>next line.</p><span class=\"tl-note\">A note</span>",
        );
        assert_eq!(
            p.text,
            "Take Ada Lovelace: \u{201c}the first programmer\u{201d} & more.\n\nSecond paragraph\nnext line.\n\nA note"
        );
        assert_eq!(
            p.links,
            [Source {
                title: "Ada Lovelace".into(),
                url: Some("https://en.wikipedia.org/wiki/Ada_Lovelace".into()),
            }]
        );
        assert!(!p.text.contains('<'));
    }

    #[test]
    fn no_tag_is_ever_shown() {
        for html in [
            "<script>alert(1)</script>Text",
            "<!-- a comment -->Text",
            "<p>Unclosed <i>tags",
            "<blockquote>Quoted <cite>Someone</cite></blockquote>",
            "<iframe src=\"https://example.org\"></iframe>Text",
            "<ul><li>one</li><li>two</li></ul>",
        ] {
            let t = to_plain(html).text;
            assert!(
                !t.contains('<') && !t.contains('>') || t.starts_with("> "),
                "{html} → {t}"
            );
            assert!(
                !t.contains("script") && !t.contains("comment"),
                "{html} → {t}"
            );
        }
        assert_eq!(to_plain("<p>Unclosed <i>tags").text, "Unclosed tags");
    }

    #[test]
    fn plain_text_is_kept_and_only_web_links_become_sources() {
        assert!(!may_be_html("1 < 2 and R&D"));
        assert_eq!(to_plain("  1 < 2 and R&D ").text, "1 < 2 and R&D");
        let p = to_plain(
            "<a href=\"mailto:a@b.org\">mail</a> <a href=\"#top\">top</a> <a href=\"http://x.org\">x</a> <a href=\"http://x.org\">again</a>",
        );
        assert_eq!(p.text, "mail top x again");
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.links[0].title, "x");
    }

    #[test]
    fn first_words_cut_at_a_word() {
        assert_eq!(first_words("Short text", 40), "Short text");
        assert_eq!(
            first_words(
                "In the first ten seconds after the Big Bang, cosmologists",
                30
            ),
            "In the first ten seconds after…"
        );
        assert_eq!(first_words("\n\nSecond line", 40), "Second line");
    }
}
