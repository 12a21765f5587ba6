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

    /// Where `text` (a slice of this text) begins in it.
    pub(crate) fn offset_of(&self, text: &str) -> usize {
        (text.as_ptr() as usize)
            .saturating_sub(self.src.as_ptr() as usize)
            .min(self.src.len())
    }

    /// Says that offset `at` is on `line`, so that the next line asked for is counted from
    /// there.
    pub(crate) fn seen(&self, at: usize, line: usize) {
        self.last.set((at, line));
    }

    /// The line where `raw` (a slice of this text) begins.
    pub(crate) fn of(&self, raw: &RawValue) -> usize {
        self.of_text(raw.get())
    }

    /// The line where `text` (a slice of this text) begins.
    pub(crate) fn of_text(&self, text: &str) -> usize {
        let offset = self.offset_of(text);
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

/// How many newlines `bytes` holds, counted by memchr (vectorized where the processor allows).
fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}
