//! The lines of JSON values: a value read with `serde_json` as a `RawValue` is a slice of the
//! file's text, whose offset in the text gives its line.

use serde_json::value::RawValue;

/// Line numbers of raw values borrowed from one text. Values are mostly asked for in file
/// order, so each answer counts only the newlines since the previous one: reading a file costs
/// one pass over it, not one per field.
pub(crate) struct Lines<'s> {
    src: &'s str,
    /// The last offset asked for and its line.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'s> Lines<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        Self {
            src,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// Where `raw` (a slice of this text) begins in it.
    pub(crate) fn offset(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize)
            .saturating_sub(self.src.as_ptr() as usize)
            .min(self.src.len())
    }

    /// How many newlines the text has from offset `from` to `to`.
    pub(crate) fn newlines(&self, from: usize, to: usize) -> usize {
        self.src.as_bytes().get(from..to).map_or(0, newlines)
    }

    /// Says that offset `at` is on `line`, so that the next line asked for is counted from
    /// there.
    pub(crate) fn seen(&self, at: usize, line: usize) {
        self.last.set((at, line));
    }

    /// The line where `raw` (a slice of this text) begins.
    pub(crate) fn of(&self, raw: &RawValue) -> usize {
        let offset = self.offset(raw);
        let (at, line) = self.last.get();
        let newlines = |a: usize, b: usize| newlines(&self.src.as_bytes()[a..b]);
        let line = if offset >= at {
            line + newlines(at, offset)
        } else {
            line - newlines(offset, at)
        };
        self.last.set((offset, line));
        line
    }
}

/// How many newlines `bytes` holds. They are dense (one every few dozen bytes) and most spans
/// are short (from one field to the next): counted eight bytes at a time, or for a long span 64
/// at a time with a sum the compiler vectorizes, rather than searched for one by one.
fn newlines(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let (blocks, rest) = if bytes.len() >= 256 {
        let blocks = bytes.chunks_exact(64);
        let rest = blocks.remainder();
        (Some(blocks), rest)
    } else {
        (None, bytes)
    };
    let n: usize = blocks
        .into_iter()
        .flatten()
        .map(|block| usize::from(block.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>()))
        .sum();
    // Fewer than 256 bytes are left: each byte of `counts` counts the newlines at its place in
    // the words (at most 32), and their sum (at most 255) fits in a byte too.
    let mut counts = 0u64;
    for word in rest.chunks(8) {
        // (The last word padded with zeros, which are no newlines.)
        let mut w = [0; 8];
        w[..word.len()].copy_from_slice(word);
        // A byte of `x` is zero where `word` has a newline; the high bit of each byte of
        // `nonzero` says whether that byte of `x` is not.
        let x = u64::from_le_bytes(w) ^ NEWLINES;
        let nonzero = ((x & LOW7) + LOW7) | x;
        counts += (!nonzero & !LOW7) >> 7;
    }
    n + (counts.wrapping_mul(ONES) >> 56) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_counted_in_spans_of_any_length() {
        let text: Vec<u8> = (0..1000u32)
            .map(|i| match i % 7 {
                0 => b'\n',
                1 => 0x8a,
                2 => 0x0b,
                3 => 0x09,
                _ => b'a' + (i % 26) as u8,
            })
            .collect();
        for start in [0, 1, 5, 9] {
            for end in [
                start,
                start + 3,
                start + 30,
                start + 255,
                start + 256,
                700,
                1000,
            ] {
                let span = &text[start..end];
                let expected = memchr::memchr_iter(b'\n', span).count();
                assert_eq!(newlines(span), expected, "{start}..{end}");
            }
        }
        for n in [0, 7, 8, 63, 64, 255, 256, 600] {
            assert_eq!(newlines(&vec![b'\n'; n]), n);
        }
    }
}
