//! Finding a quoted CSV field that is opened and never closed: over a whole text at once, or
//! over a file read a piece at a time ([`QuoteScan`] carries what it knows from one piece to
//! the next, wherever the pieces are cut).

use super::csv_rows::line_breaks;

/// Where a [`QuoteScan`] stands at the end of the text it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Outside quotes.
    Outside,
    /// Inside a quoted field opened on `line`.
    Inside { line: usize },
    /// Inside a quoted field opened on `line`, the text so far ending in a quote: it closes
    /// the field unless the next byte is a quote too (a doubled quote, which closes nothing).
    QuoteAtEnd { line: usize },
}

/// The state of [`unclosed_quote_line`] carried across the pieces of a text given one after
/// the other ([`QuoteScan::feed`]): the answer is the same as for the whole text.
pub(super) struct QuoteScan {
    delimiter: u8,
    state: State,
    /// Line breaks in the text given so far.
    lines: usize,
    /// The last byte given so far.
    prev: Option<u8>,
}

impl QuoteScan {
    pub fn new(delimiter: u8) -> Self {
        Self {
            delimiter,
            state: State::Outside,
            lines: 0,
            prev: None,
        }
    }

    /// Scans `text`, the bytes that follow those given so far. A quote at the start of a field
    /// (after a delimiter or a line break, outside quotes) opens one, the next quote not doubled
    /// closes it. The quotes are found with `memchr` (this runs over whole files), the line of
    /// an open quote counted only when it is still open at the end of `text`.
    pub fn feed(&mut self, text: &[u8]) {
        let Some(&last) = text.last() else {
            return;
        };
        let delimiter = self.delimiter;
        let starts_field =
            |prev: Option<u8>| prev.is_none_or(|b| matches!(b, b'\n' | b'\r') || b == delimiter);
        let mut at = 0;
        // Where in `text` the field open now was opened (`None`: before `text`).
        let mut open: Option<usize> = None;
        let mut line = match self.state {
            State::Outside => 0,
            State::Inside { line } => line,
            State::QuoteAtEnd { line } => {
                if text[0] == b'"' {
                    at = 1;
                    self.state = State::Inside { line };
                } else {
                    self.state = State::Outside;
                }
                line
            }
        };
        while let Some(quote) = text.get(at..).and_then(|rest| memchr::memchr(b'"', rest)) {
            let quote = at + quote;
            at = quote + 1;
            match self.state {
                State::Outside => {
                    let prev = quote
                        .checked_sub(1)
                        .map_or(self.prev, |p| text.get(p).copied());
                    if starts_field(prev) {
                        open = Some(quote);
                        self.state = State::Inside { line: 0 };
                    }
                }
                State::Inside { .. } | State::QuoteAtEnd { .. } => match text.get(at) {
                    None => self.state = State::QuoteAtEnd { line: 0 },
                    Some(b'"') => at += 1,
                    Some(_) => {
                        self.state = State::Outside;
                        open = None;
                    }
                },
            }
        }
        // The line of a field still open, counted once.
        if let Some(open) = open {
            line = self.lines + 1 + line_breaks(&text[..open]);
        }
        self.state = match self.state {
            State::Outside => State::Outside,
            State::Inside { .. } => State::Inside { line },
            State::QuoteAtEnd { .. } => State::QuoteAtEnd { line },
        };
        self.lines += line_breaks(text);
        self.prev = Some(last);
    }

    /// Scans `bytes` (following those given so far) up to the end of the first line break
    /// outside quotes, which ends a row wherever the csv crate reads from (a quote inside a
    /// field is a character like any other: counting quotes would take it for an open one):
    /// where that break ends in `bytes`, or `None` (all of `bytes` scanned) when there is none.
    pub fn feed_to_row_end(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut at = 0;
        loop {
            let Some(found) = bytes.get(at..).and_then(|rest| memchr::memchr(b'\n', rest)) else {
                self.feed(bytes.get(at..).unwrap_or_default());
                return None;
            };
            let end = at + found + 1;
            self.feed(&bytes[at..end]);
            // A line break does not close a quoted field: outside quotes after one, it was
            // outside.
            if self.state == State::Outside {
                return Some(end);
            }
            at = end;
        }
    }

    /// [`QuoteScan::feed_to_row_end`] from `from` on, after scanning `bytes[..from]` (the bytes
    /// that follow those given so far): where the first line break outside quotes at or after
    /// `from` ends, in `bytes`; `None` (all of `bytes` scanned) when there is none.
    pub fn row_end_from(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        let (before, after) = bytes.split_at(from.min(bytes.len()));
        self.feed(before);
        self.feed_to_row_end(after).map(|end| before.len() + end)
    }

    /// The line of a quoted field opened in the text given so far and not closed by its end.
    pub fn unclosed(&self) -> Option<usize> {
        match self.state {
            State::Inside { line } => Some(line),
            // The text's last quote closes its field.
            State::Outside | State::QuoteAtEnd { .. } => None,
        }
    }
}

/// The line of a quoted field that is opened and never closed in `text`, if any
/// ([`QuoteScan::feed`]).
pub(super) fn unclosed_quote_line(text: &str, delimiter: u8) -> Option<usize> {
    let mut scan = QuoteScan::new(delimiter);
    scan.feed(text.as_bytes());
    scan.unclosed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`unclosed_quote_line`] as it was written first, a byte at a time.
    fn unclosed_bytewise(text: &str, delimiter: u8) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut line = 1;
        let mut open_at: Option<usize> = None;
        let mut at_field_start = true;
        let mut i = 0;
        while let Some(&c) = bytes.get(i) {
            if open_at.is_some() {
                if c == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        open_at = None;
                    }
                }
            } else if c == b'"' && at_field_start {
                open_at = Some(line);
            }
            if c == b'\n' {
                line += 1;
            }
            at_field_start = open_at.is_none() && (c == delimiter || c == b'\n' || c == b'\r');
            i += 1;
        }
        open_at
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_line() {
        assert_eq!(unclosed_quote_line("a,b\n1,\"x\n2,y\n", b','), Some(2));
        assert_eq!(unclosed_quote_line("a,b\n1,\"x\n2\",y\n", b','), None);
        // A quote inside a field opens nothing; a doubled one closes nothing.
        assert_eq!(unclosed_quote_line("a,b\n1,x\"y\n", b','), None);
        assert_eq!(unclosed_quote_line("a\n\"\"\"\n", b','), Some(2));
        assert_eq!(unclosed_quote_line("a;b\n1;\"x\n", b';'), Some(2));
        assert_eq!(unclosed_quote_line("a,b\n1;\"x\n", b','), None);
    }

    #[test]
    fn a_doubled_quote_cut_in_two_still_closes_nothing() {
        let mut scan = QuoteScan::new(b',');
        for piece in ["a\n\"x\"", "\"y\n", "z\n"] {
            scan.feed(piece.as_bytes());
        }
        assert_eq!(scan.unclosed(), Some(2));
        let mut scan = QuoteScan::new(b',');
        for piece in ["a\n\"x\"", "\n\"y\"", ""] {
            scan.feed(piece.as_bytes());
        }
        assert_eq!(scan.unclosed(), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_quick_search_finds_what_the_byte_walk_found(
            text in "[a\",;\r\n\u{e9}]{0,60}",
            semicolon in any::<bool>(),
        ) {
            let delimiter = if semicolon { b';' } else { b',' };
            prop_assert_eq!(
                unclosed_quote_line(&text, delimiter),
                unclosed_bytewise(&text, delimiter)
            );
        }

        /// Fed in pieces cut anywhere (even inside a character or between two quotes), the
        /// scan finds what it finds in the whole text.
        #[test]
        fn a_text_fed_in_pieces_gives_the_whole_texts_answer(
            text in "[a\",;\r\n\u{e9}]{0,60}",
            cuts in proptest::collection::vec(0usize..64, 0..6),
            semicolon in any::<bool>(),
        ) {
            let delimiter = if semicolon { b';' } else { b',' };
            let bytes = text.as_bytes();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.sort_unstable();
            let mut scan = QuoteScan::new(delimiter);
            let mut from = 0;
            for cut in cuts.into_iter().chain([bytes.len()]) {
                scan.feed(&bytes[from..cut]);
                from = cut;
            }
            prop_assert_eq!(scan.unclosed(), unclosed_bytewise(&text, delimiter));
        }
    }
}
