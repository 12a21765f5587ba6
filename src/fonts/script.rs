//! Which writing systems a text uses, among those egui's own fonts lack, and the sentence that
//! names the fonts to install for those no installed font covers. Pure: no fonts are read here.

use std::collections::BTreeSet;

use crate::model::Dataset;

/// A writing system that egui's built-in fonts cannot draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    /// Chinese characters (hanzi, kanji, hanja), CJK punctuation, full-width forms, bopomofo.
    Han,
    /// Japanese hiragana and katakana.
    Kana,
    /// Korean hangul.
    Hangul,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
}

impl Script {
    pub const ALL: [Script; 7] = [
        Script::Han,
        Script::Kana,
        Script::Hangul,
        Script::Arabic,
        Script::Hebrew,
        Script::Devanagari,
        Script::Thai,
    ];

    /// The script of a character, or `None` for characters egui's own fonts are expected to
    /// draw (Latin, Greek, Cyrillic, digits, common punctuation) and those of other scripts.
    pub fn of(c: char) -> Option<Script> {
        let u = u32::from(c);
        if u < 0x0590 {
            return None;
        }
        Some(match u {
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x0870..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
            0x0E00..=0x0E7F => Script::Thai,
            0x1100..=0x11FF
            | 0x3130..=0x318F
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7AF
            | 0xD7B0..=0xD7FF
            | 0xFFA0..=0xFFDC => Script::Hangul,
            0x3040..=0x309F
            | 0x30A0..=0x30FF
            | 0x31F0..=0x31FF
            | 0xFF66..=0xFF9F
            | 0x1B000..=0x1B16F => Script::Kana,
            0x2E80..=0x2FDF
            | 0x3000..=0x303F
            | 0x3100..=0x312F
            | 0x31A0..=0x31BF
            | 0x31C0..=0x31EF
            | 0x3200..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF65
            | 0xFFE0..=0xFFEF
            | 0x20000..=0x323AF => Script::Han,
            _ => return None,
        })
    }

    /// Characters a face must have to count as covering the script.
    pub fn samples(self) -> &'static str {
        match self {
            Script::Han => "日本中国語戦争",
            Script::Kana => "あいうアイウ",
            Script::Hangul => "한국어",
            Script::Arabic => "عربي",
            Script::Hebrew => "עברית",
            Script::Devanagari => "हिन्दी",
            Script::Thai => "ภาษาไทย",
        }
    }

    /// The script's name in a sentence: "No font for … text".
    pub fn name(self) -> &'static str {
        match self {
            Script::Han => "Chinese or Japanese",
            Script::Kana => "Japanese",
            Script::Hangul => "Korean",
            Script::Arabic => "Arabic",
            Script::Hebrew => "Hebrew",
            Script::Devanagari => "Devanagari",
            Script::Thai => "Thai",
        }
    }

    /// The Debian package with a font for the script.
    pub fn package(self) -> &'static str {
        match self {
            Script::Han | Script::Kana | Script::Hangul => "fonts-noto-cjk",
            Script::Arabic | Script::Hebrew | Script::Devanagari | Script::Thai => {
                "fonts-noto-core"
            }
        }
    }

    /// A word in a family name that marks a face made for this script's language, preferred
    /// among faces that all cover it ("Noto Sans CJK JP" over "… SC" for kana and kanji).
    pub(super) fn hint(self) -> Option<&'static str> {
        match self {
            Script::Han | Script::Kana => Some("JP"),
            Script::Hangul => Some("KR"),
            _ => None,
        }
    }
}

/// The scripts the texts use, among those egui's own fonts lack.
pub fn scripts_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<Script> {
    let mut found = BTreeSet::new();
    for text in texts {
        // Most text is ASCII: skip it at memory speed.
        if text.is_ascii() {
            continue;
        }
        found.extend(text.chars().filter_map(Script::of));
        if found.len() == Script::ALL.len() {
            break;
        }
    }
    found
}

/// Every text of a dataset that the window or a figure may show.
pub fn dataset_texts(dataset: &Dataset) -> impl Iterator<Item = &str> {
    let meta = &dataset.meta;
    let head = [meta.title.as_str(), meta.description.as_str()]
        .into_iter()
        .chain(meta.sources.iter().map(|s| s.title.as_str()))
        .chain(dataset.themes().iter().map(|t| t.label.as_str()))
        .chain(dataset.eras().iter().map(|e| e.label.as_str()));
    let events = dataset.events().iter().flat_map(|e| {
        [e.title(), e.description()]
            .into_iter()
            .chain(e.place())
            .chain(e.tags().iter().map(String::as_str))
            .chain(e.sources().iter().map(|s| s.title.as_str()))
    });
    head.chain(events)
}

/// The message for the scripts used and those the fonts cover (pure).
pub fn message_for(used: &BTreeSet<Script>, covered: &BTreeSet<Script>) -> Option<String> {
    let missing: Vec<Script> = used.difference(covered).copied().collect();
    if missing.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = Vec::new();
    let mut packages: Vec<&str> = Vec::new();
    for s in &missing {
        // Kanji in a text with kana is Japanese: say "Japanese" once, not also "Chinese or
        // Japanese". The same font serves both.
        let name = if *s == Script::Han && missing.contains(&Script::Kana) {
            Script::Kana.name()
        } else {
            s.name()
        };
        if !names.contains(&name) {
            names.push(name);
        }
        if !packages.contains(&s.package()) {
            packages.push(s.package());
        }
    }
    Some(format!(
        "No font for {} text was found: install {}",
        join(&names, "or"),
        join(&packages, "and")
    ))
}

/// "a", "a or b", "a, b or c".
fn join(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(scripts: &[Script]) -> BTreeSet<Script> {
        scripts.iter().copied().collect()
    }

    #[test]
    fn scripts_of_characters() {
        assert_eq!(Script::of('a'), None);
        assert_eq!(Script::of('ō'), None);
        assert_eq!(Script::of('–'), None);
        assert_eq!(Script::of('Ж'), None);
        assert_eq!(Script::of('Ω'), None);
        assert_eq!(Script::of('日'), Some(Script::Han));
        assert_eq!(Script::of('戦'), Some(Script::Han));
        assert_eq!(Script::of('。'), Some(Script::Han));
        assert_eq!(Script::of('𠮷'), Some(Script::Han));
        assert_eq!(Script::of('の'), Some(Script::Kana));
        assert_eq!(Script::of('ロ'), Some(Script::Kana));
        assert_eq!(Script::of('ｱ'), Some(Script::Kana));
        assert_eq!(Script::of('한'), Some(Script::Hangul));
        assert_eq!(Script::of('ㄱ'), Some(Script::Hangul));
        assert_eq!(Script::of('ع'), Some(Script::Arabic));
        assert_eq!(Script::of('ﻻ'), Some(Script::Arabic));
        assert_eq!(Script::of('א'), Some(Script::Hebrew));
        assert_eq!(Script::of('क'), Some(Script::Devanagari));
        assert_eq!(Script::of('ก'), Some(Script::Thai));
        for s in Script::ALL {
            assert!(
                s.samples().chars().all(|c| Script::of(c) == Some(s)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn scripts_in_texts() {
        assert!(scripts_in(["Treaty of Shimoda", "Ōtsu incident – 1891"]).is_empty());
        assert_eq!(scripts_in(["日露戦争"]), set(&[Script::Han]));
        assert_eq!(
            scripts_in(["Russo-Japanese War", "日露戦争", "ポーツマス条約"]),
            set(&[Script::Han, Script::Kana])
        );
        assert_eq!(
            scripts_in([
                "서울",
                "القاهرة",
                "ירושלים",
                "दिल्ली",
                "กรุงเทพ",
                "北京",
                "とうきょう"
            ]),
            Script::ALL.into_iter().collect()
        );
    }

    #[test]
    fn messages_name_the_language_and_the_package() {
        let none = BTreeSet::new();
        assert_eq!(message_for(&none, &none), None);
        let cjk = set(&[Script::Han, Script::Kana, Script::Hangul]);
        assert_eq!(message_for(&set(&[Script::Han, Script::Kana]), &cjk), None);
        assert_eq!(
            message_for(&set(&[Script::Han, Script::Kana]), &none).as_deref(),
            Some("No font for Japanese text was found: install fonts-noto-cjk")
        );
        assert_eq!(
            message_for(&set(&[Script::Han]), &none).as_deref(),
            Some("No font for Chinese or Japanese text was found: install fonts-noto-cjk")
        );
        assert_eq!(
            message_for(&set(&[Script::Hangul, Script::Arabic, Script::Thai]), &none).as_deref(),
            Some(
                "No font for Korean, Arabic or Thai text was found: \
                 install fonts-noto-cjk and fonts-noto-core"
            )
        );
        // Only what is missing is named.
        assert_eq!(
            message_for(&set(&[Script::Han, Script::Hebrew]), &cjk).as_deref(),
            Some("No font for Hebrew text was found: install fonts-noto-core")
        );
    }
}
