//! One pass over an event object of a native JSON file whose values are all plain (text
//! without escapes, whole numbers, `null`): [`plain_object`] checks that it is JSON as it reads
//! it, so that objects of a file that serde has not read may be read by it; anything else is
//! left to serde. Also the small steps of that pass that reading a whole file uses
//! ([`skip_space`], [`plain_string`]).

use super::field::Field;

/// An event object whose values are all plain, read by [`plain_object`].
pub(super) struct PlainObject<'a> {
    /// Each field's value, and the newlines between the object's start and it.
    pub values: [Option<(Plain<'a>, u32)>; Field::COUNT],
    /// The newlines in the whole object.
    pub newlines: u32,
}

impl<'a> PlainObject<'a> {
    /// The value of `field`'s key.
    pub(super) fn get(&self, field: Field) -> Option<Plain<'a>> {
        self.values[field.index()].map(|(value, _)| value)
    }
}

/// A plain value of a text field.
#[derive(Clone, Copy)]
pub(super) enum Plain<'a> {
    Text(&'a str),
    Null,
}

/// Whether `s` begins with what is most likely an event object: an object whose values are all
/// plain with an id, or an object whose first key is `id` or `title`. (A guess, for where to
/// begin reading a part of a list; a wrong one costs time, never a wrong reading.)
pub(super) fn begins_event(s: &str) -> bool {
    if let Some((obj, _)) = plain_object(s) {
        return obj.get(Field::Id).is_some();
    }
    let mut at = 1;
    skip_space(s.as_bytes(), &mut at, &mut 0);
    let key = s.get(at..).unwrap_or_default();
    s.starts_with('{') && (key.starts_with("\"id\"") || key.starts_with("\"title\""))
}

/// Bytes of JSON whitespace from `at` on, and the newlines among them.
pub(super) fn skip_space(bytes: &[u8], at: &mut usize, newlines: &mut u32) {
    while let Some(&c) = bytes.get(*at) {
        match c {
            b'\n' => *newlines += 1,
            b' ' | b'\t' | b'\r' => {}
            _ => return,
        }
        *at += 1;
    }
}

/// The text of the string at `at` (past its closing quote after), when it has no escape (nor
/// a control character, which JSON does not allow unescaped).
pub(super) fn plain_string<'a>(s: &'a str, at: &mut usize) -> Option<&'a str> {
    let bytes = s.as_bytes();
    if bytes.get(*at) != Some(&b'"') {
        return None;
    }
    let start = *at + 1;
    let end = text_end(bytes, start)?;
    // A backslash before the closing quote is an escape, which the general path reads; a
    // control character must be escaped: the general path refuses the file.
    if bytes.get(end) != Some(&b'"') {
        return None;
    }
    *at = end + 1;
    s.get(start..end)
}

/// Where the first quote, backslash or control character of `bytes` from `at` on is, looked
/// for eight bytes at a time (the texts of events are short: one call of a search function
/// and a second pass for the control characters cost more than the whole search).
fn text_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `x` that is zero; of a byte above a zero byte, perhaps
    // too (the borrow of the subtraction), which is why only the lowest counts.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(word) = bytes.get(at..at + 8) {
        let w = u64::from_le_bytes(word.try_into().ok()?);
        // (A byte under 0x20 borrows in `w - 0x20…`; a byte of 0x80 or more is no ASCII.)
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let found =
            zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) | control;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    let found = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(at + found)
}

/// The plain value at `at` (see [`plain_object`]), `at` moved past it; `None` for a value the
/// general path must read.
fn plain_value<'a>(s: &'a str, at: &mut usize) -> Option<Plain<'a>> {
    let bytes = s.as_bytes();
    match bytes.get(*at)? {
        b'"' => plain_string(s, at).map(Plain::Text),
        // Digits alone are a whole number written as `serde_json::Number` writes it (a leading
        // zero is not JSON: the general path refuses it); 19 digits always fit in a u64. A
        // fraction or an exponent is not plain.
        b'0'..=b'9' => {
            let start = *at;
            let digits = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            *at = start + digits;
            let plain = digits <= 19
                && !(digits > 1 && bytes[start] == b'0')
                && !matches!(bytes.get(*at), Some(b'.' | b'e' | b'E'));
            plain.then(|| s.get(start..*at)).flatten().map(Plain::Text)
        }
        b'n' if s.get(*at..*at + 4) == Some("null") => {
            *at += 4;
            Some(Plain::Null)
        }
        _ => None,
    }
}

/// The object `s` begins with, read in one pass as an event object whose values are all plain:
/// each key a field's name without escapes and given once, its value text without escapes, a
/// whole number or `null`; no sources, tags, links or names (lists and objects); other keys
/// ignored when their values are plain too. It and its length, or `None` for anything else,
/// which the general path is to read. What this accepts is valid JSON, so that the text of a
/// file that serde did not read first may be read by it (the tests below check that serde reads
/// the same object).
pub(super) fn plain_object(s: &str) -> Option<(PlainObject<'_>, usize)> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let mut obj = PlainObject {
        values: [None; Field::COUNT],
        newlines: 0,
    };
    let (mut at, mut newlines) = (1, 0);
    skip_space(bytes, &mut at, &mut newlines);
    if bytes.get(at) != Some(&b'}') {
        loop {
            let key = plain_string(s, &mut at)?;
            skip_space(bytes, &mut at, &mut newlines);
            if bytes.get(at) != Some(&b':') {
                return None;
            }
            at += 1;
            skip_space(bytes, &mut at, &mut newlines);
            let value = (plain_value(s, &mut at)?, newlines);
            if let Some(field) = Field::from_name(key) {
                let slot = &mut obj.values[field.index()];
                // Lists and objects are the general path's; so is a key given twice.
                if matches!(
                    field,
                    Field::Sources | Field::Tags | Field::Links | Field::Names
                ) || slot.is_some()
                {
                    return None;
                }
                *slot = Some(value);
            }
            skip_space(bytes, &mut at, &mut newlines);
            match bytes.get(at)? {
                b',' => {
                    at += 1;
                    skip_space(bytes, &mut at, &mut newlines);
                }
                b'}' => break,
                _ => return None,
            }
        }
    }
    obj.newlines = newlines;
    Some((obj, at + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// A plain event object as a writer would write it.
    fn object() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec!["id", "title", "start", "end", "importance", "x"]);
        let value = prop::sample::select(vec![
            "\"e1\"",
            "\"Treaty\"",
            "\"1855-02-07\"",
            "3",
            "0",
            "null",
            "\"\"",
        ]);
        proptest::collection::vec((key, value), 0..6).prop_map(|fields| {
            let body: Vec<String> = fields
                .into_iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            format!("{{{}}}", body.join(",\n  "))
        })
    }

    /// Bytes that make an object something else: structure, escapes, control characters,
    /// leading zeros, literals cut short.
    fn byte() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            '{', '}', '[', ']', '"', '\\', ':', ',', ' ', '\n', '\u{1}', '\t', '0', '1', '-', '.',
            'e', 'n', 'u', 'l', 'x', 'é',
        ])
    }

    /// The end of a text is found wherever it falls in the eight bytes read at a time, after
    /// bytes of every kind (non-ASCII ones included, whose high bit is set).
    #[test]
    fn a_text_ends_at_its_first_quote_backslash_or_control_character() {
        for len in 0..40 {
            for end in ['"', '\\', '\n', '\u{1f}', '\0'] {
                for filler in ["a", "é", "\u{7f}", " ", "~"] {
                    let mut text = filler.repeat(len);
                    let at = text.len();
                    text.push(end);
                    text.push_str("\"tail\\");
                    assert_eq!(text_end(text.as_bytes(), 0), Some(at), "{text:?}");
                }
            }
        }
        assert_eq!(text_end(b"no end at all", 0), None);
        assert_eq!(text_end(b"x\"", 3), None);
    }

    /// Whether serde reads `value` as the plain value `plain`.
    fn same_value(plain: Plain<'_>, value: &Value) -> bool {
        match (plain, value) {
            (Plain::Null, Value::Null) => true,
            (Plain::Text(t), Value::String(s)) => t == s,
            (Plain::Text(t), Value::Number(n)) => t == n.to_string(),
            _ => false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// What `plain_object` accepts, however an object is changed, serde reads as an object
        /// of the same length with the same values: a file's objects that serde has not read
        /// are JSON when this accepts them.
        #[test]
        fn what_is_read_as_plain_is_json_with_the_same_values(
            obj in object(),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..3_u8, byte()), 0..3),
            after in prop::sample::select(vec!["", ",", " ]", "}", "x"]),
        ) {
            let mut text: Vec<char> = obj.chars().collect();
            for (at, kind, c) in edits {
                let i = at.index(text.len() + 1);
                match kind {
                    0 => text.insert(i, c),
                    1 if i < text.len() => { text.remove(i); }
                    _ if i < text.len() => text[i] = c,
                    _ => {}
                }
            }
            let text: String = text.into_iter().chain(after.chars()).collect();
            if let Some((plain, len)) = plain_object(&text) {
                let read = serde_json::from_str::<serde_json::Map<String, Value>>(&text[..len]);
                prop_assert!(read.is_ok(), "serde refuses {:?}", &text[..len]);
                let map = read.unwrap_or_default();
                for field in Field::ALL {
                    let serde_value = map.get(field.name());
                    match plain.get(field) {
                        Some(value) => prop_assert!(
                            serde_value.is_some_and(|v| same_value(value, v)),
                            "{field:?} differs in {text:?}"
                        ),
                        None => prop_assert!(serde_value.is_none(), "{field:?} in {text:?}"),
                    }
                }
            }
        }
    }
}
