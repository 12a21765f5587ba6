//! An event's id, title, place and description as slices of one shared string: one pointer
//! and where each text lies in it (40 bytes), where four [`Text`]s were a pointer and a range
//! each (64 bytes) and four reference counts to change whenever an event was made, cloned or
//! dropped. With ten million events that is 240 MB less, all of it memory a file's opening
//! wrote for the first time.
//!
//! A reader's texts are slices of the text it read (a CSV piece, a snapshot's part) and then of
//! the copy of what the events keep ([`crate::model::shared_text`]): one string already. A text
//! from elsewhere (an edit, a cell read the general way) makes the event a string of its own
//! holding its four texts.

use std::ops::Range;

use arcstr::ArcStr;

use super::event::Text;

/// Which text: the places in [`Texts`]' arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Which {
    Id = 0,
    Title = 1,
    Place = 2,
    Description = 3,
}

const ALL: [Which; 4] = [Which::Id, Which::Title, Which::Place, Which::Description];

/// The length of a place an event does not have.
const NO_PLACE: u32 = u32::MAX;

/// An event's four texts (module doc). An empty text, and a place the event does not have,
/// hold nothing of `buf`.
#[derive(Clone)]
pub(super) struct Texts {
    buf: ArcStr,
    at: [u32; 4],
    len: [u32; 4],
}

impl Texts {
    /// The four texts, in [`Which`] order (`None`: no place; an id, title or description is
    /// then empty): slices of their string when they are of one, else one new string of them.
    pub fn of(texts: [Option<&Text>; 4]) -> Self {
        // (With no text to hold, the empty string: no copy made.)
        let empty = ArcStr::new();
        let buf = texts
            .iter()
            .flatten()
            .find(|t| !t.is_empty())
            .map_or(&empty, |t| t.parent());
        Self::of_slices(Some(buf), texts.map(|t| t.map(Text::as_str)))
    }

    /// The four texts (as for [`Texts::of`]), slices of `buf` when each non-empty one lies in
    /// it ([`place_in`]), else one new string of them: what a reader makes of cells it found in
    /// the text it read, without a [`Text`] made and dropped for each (four reference counts
    /// changed, on a string all the reading threads share).
    pub fn of_slices(buf: Option<&ArcStr>, texts: [Option<&str>; 4]) -> Self {
        buf.and_then(|buf| {
            Self::placed(buf, texts, |text| match text {
                "" => Some((0, 0)),
                text => place_in(buf, text),
            })
        })
        .unwrap_or_else(|| Self::joined(texts))
    }

    /// The texts at `ranges` of `buf` (in [`Which`] order; `None`: no place, or an empty id,
    /// title or description), when each is in it, on character boundaries, within 4 GiB (a
    /// snapshot's places, which are not trusted).
    pub fn in_buf(buf: &ArcStr, ranges: [Option<Range<usize>>; 4]) -> Option<Self> {
        Self::placed(buf, ranges, |range| {
            buf.get(range.clone())?;
            let len = u32::try_from(range.len()).ok().filter(|&l| l != NO_PLACE)?;
            Some((u32::try_from(range.start).ok()?, len))
        })
    }

    /// Texts of `buf`, each of `texts` where `place` finds it (its start and length; `None`
    /// for none of `buf`'s); `None` in `texts`: no place, or an empty id, title or
    /// description. `None` when a text is not placed. (One generic placing for the cells a
    /// reader found and a snapshot's ranges, each with its own check: a placing that checked
    /// the cells as ranges took 5% more instructions to open a CSV file.)
    fn placed<T>(
        buf: &ArcStr,
        texts: [Option<T>; 4],
        place: impl Fn(T) -> Option<(u32, u32)>,
    ) -> Option<Self> {
        let mut of = Self {
            buf: buf.clone(),
            at: [0; 4],
            len: [0; 4],
        };
        for (i, text) in texts.into_iter().enumerate() {
            match text {
                None if i == Which::Place as usize => of.len[i] = NO_PLACE,
                None => {}
                Some(text) => (of.at[i], of.len[i]) = place(text)?,
            }
        }
        Some(of)
    }

    /// The four texts (as for [`Texts::of`]) in one new string.
    fn joined(texts: [Option<&str>; 4]) -> Self {
        match super::shared_text::joined(|| texts.into_iter().flatten()) {
            Some(joined) => Self::laid_in(&joined, 0, texts.map(|t| t.map(str::len))).0,
            // 4 GiB or more together (files of over 1 GiB are refused): the id alone.
            None => match super::shared_text::joined(|| texts[0].into_iter()) {
                Some(id) => Self::laid_in(&id, 0, [Some(id.len()), Some(0), None, Some(0)]).0,
                None => Self::of([None, None, None, None]),
            },
        }
    }

    /// The text `which`; `None` only for a place the event does not have.
    pub fn get(&self, which: Which) -> Option<&str> {
        let i = which as usize;
        let len = self.len[i];
        if len == NO_PLACE {
            return None;
        }
        let at = self.at[i] as usize;
        // (Always there: set only from a slice of `buf`.)
        Some(self.buf.get(at..at + len as usize).unwrap_or_default())
    }

    /// The text `which` as a shared [`Text`] (no copy).
    pub fn shared(&self, which: Which) -> Option<Text> {
        let text = self.get(which)?;
        Some(if text.is_empty() {
            Text::new()
        } else {
            let at = self.at[which as usize] as usize;
            self.buf.substr(at..at + text.len())
        })
    }

    /// Sets the text `which` (`None`: no place; an id, title or description is then empty),
    /// as [`Texts::of`] places the four: a text that is no slice of this event's string makes
    /// it a new one, unless no other text holds on to it. (Edits only: readers make the four
    /// at once.)
    pub fn set(&mut self, which: Which, text: Option<&Text>) {
        let texts = ALL.map(|w| {
            if w == which {
                text.cloned()
            } else {
                self.shared(w)
            }
        });
        *self = Self::of(texts.each_ref().map(Option::as_ref));
    }

    /// Texts that are slices of `shared`, where texts of `lens` lie one after the other from
    /// `at` on (`None`: no place), and where they end.
    fn laid_in(shared: &ArcStr, at: usize, lens: [Option<usize>; 4]) -> (Self, usize) {
        let mut texts = Self {
            buf: shared.clone(),
            at: [0; 4],
            len: [0; 4],
        };
        let mut end = at;
        for (i, len) in lens.into_iter().enumerate() {
            match len {
                None => texts.len[i] = NO_PLACE,
                Some(0) => {}
                Some(len) => {
                    // (Within 4 GiB: a `Text` slices no more, and `joined` makes no bigger.)
                    texts.at[i] = u32::try_from(end).unwrap_or(u32::MAX);
                    texts.len[i] = u32::try_from(len).unwrap_or(u32::MAX);
                    end += len;
                }
            }
        }
        (texts, end)
    }

    /// Makes the texts slices of `shared`, where a copy of them lies one after the other from
    /// `at` on (in [`Which`] order); gives where they end.
    pub fn share_from(&mut self, shared: &ArcStr, at: usize) -> usize {
        let lens = self
            .len
            .map(|len| (len != NO_PLACE).then_some(len as usize));
        let (texts, end) = Self::laid_in(shared, at, lens);
        *self = texts;
        end
    }

    /// The bytes of its texts together (a place it does not have: none).
    pub fn len_all(&self) -> usize {
        self.len
            .iter()
            .filter(|&&len| len != NO_PLACE)
            .map(|&len| len as usize)
            .sum()
    }

    /// Copies its texts one after the other into `to` from `at` on (as far as `to` goes), as
    /// [`Texts::share_from`] then finds them; gives where they end.
    pub fn copy_into(&self, to: &mut [u8], mut at: usize) -> usize {
        let from = self.buf.as_bytes();
        for (&start, &len) in self.at.iter().zip(&self.len) {
            if len == NO_PLACE || len == 0 {
                continue;
            }
            let (start, len) = (start as usize, len as usize);
            if let (Some(text), Some(copy)) =
                (from.get(start..start + len), to.get_mut(at..at + len))
            {
                copy.copy_from_slice(text);
            }
            at += len;
        }
        at
    }

    /// The shared string its texts are slices of, once per non-empty text.
    pub fn parents(&self) -> impl Iterator<Item = &ArcStr> {
        ALL.into_iter()
            .filter(|&w| self.get(w).is_some_and(|t| !t.is_empty()))
            .map(|_| &self.buf)
    }
}

/// Where `text` lies in `buf` (its start and length), when it is a slice of it within 4 GiB:
/// found by where it is in memory, as `ArcStr::try_substr_from` finds it (a `str` within `buf`'s
/// bytes is on its character boundaries: two strings never share memory unless one is a slice
/// of the other).
fn place_in(buf: &str, text: &str) -> Option<(u32, u32)> {
    let at = (text.as_ptr() as usize).wrapping_sub(buf.as_ptr() as usize);
    if at > buf.len() || text.len() > buf.len() - at {
        return None;
    }
    let len = u32::try_from(text.len()).ok().filter(|&l| l != NO_PLACE)?;
    Some((u32::try_from(at).ok()?, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An id and a title, as `Event::new` gives them.
    fn new(id: &Text, title: &Text) -> Texts {
        Texts::of([Some(id), Some(title), None, Some(&Text::new())])
    }

    fn all(t: &Texts) -> [Option<&str>; 4] {
        ALL.map(|w| t.get(w))
    }

    #[test]
    fn slices_of_one_string_stay_slices_of_it() {
        let file = ArcStr::from("e1,Treaty of Shimoda,1855,Shimoda,Borders");
        let slice = |s: &str| file.substr_from(&file[file.find(s).unwrap_or(0)..][..s.len()]);
        let mut t = new(&slice("e1"), &slice("Treaty of Shimoda"));
        assert_eq!(
            all(&t),
            [Some("e1"), Some("Treaty of Shimoda"), None, Some("")]
        );
        t.set(Which::Place, Some(&slice("Shimoda")));
        t.set(Which::Description, Some(&slice("Borders")));
        assert_eq!(
            all(&t),
            [
                Some("e1"),
                Some("Treaty of Shimoda"),
                Some("Shimoda"),
                Some("Borders")
            ]
        );
        assert!(t.parents().all(|p| ArcStr::ptr_eq(p, &file)));
        assert_eq!(t.parents().count(), 4);
        let id = t.shared(Which::Id).unwrap_or_default();
        assert!(ArcStr::ptr_eq(id.parent(), &file));
        assert_eq!(id, "e1");
    }

    #[test]
    fn a_text_from_elsewhere_makes_one_string_of_the_four() {
        let file = ArcStr::from("e1,Old title");
        let mut t = new(&file.substr(0..2), &file.substr(3..));
        t.set(Which::Title, Some(&Text::from("New title")));
        assert_eq!(all(&t), [Some("e1"), Some("New title"), None, Some("")]);
        let parents: Vec<_> = t.parents().collect();
        assert_eq!(parents.len(), 2);
        assert!(!ArcStr::ptr_eq(parents[0], &file), "lets go of the file");
        assert_eq!(parents[0].as_str(), "e1New title");
        t.set(Which::Place, Some(&Text::from("Shimoda")));
        t.set(Which::Description, Some(&Text::from("A treaty")));
        assert_eq!(
            t.parents().next().map(ArcStr::as_str),
            Some("e1New titleShimodaA treaty")
        );
        // No place again, an empty description: nothing of the string.
        t.set(Which::Place, None);
        t.set(Which::Description, Some(&Text::new()));
        assert_eq!(all(&t), [Some("e1"), Some("New title"), None, Some("")]);
        assert_eq!(t.parents().count(), 2);
        // An empty place is a place.
        t.set(Which::Place, Some(&Text::new()));
        assert_eq!(t.get(Which::Place), Some(""));
        assert_eq!(t.shared(Which::Place), Some(Text::new()));
        assert_eq!(t.shared(Which::Description), Some(Text::new()));
    }

    #[test]
    fn shared_from_a_copy_they_hold_the_same_texts() {
        let mut a = new(&Text::from("a"), &Text::from("First"));
        a.set(Which::Place, Some(&Text::from("Here")));
        let mut b = new(&Text::from("b"), &Text::from(""));
        b.set(Which::Description, Some(&Text::from("Second")));
        let copy = ArcStr::from("aFirstHerebSecond");
        let end = a.share_from(&copy, 0);
        assert_eq!(end, 10);
        assert_eq!(b.share_from(&copy, end), copy.len());
        assert_eq!(all(&a), [Some("a"), Some("First"), Some("Here"), Some("")]);
        assert_eq!(all(&b), [Some("b"), Some(""), None, Some("Second")]);
        assert!(
            a.parents()
                .chain(b.parents())
                .all(|p| ArcStr::ptr_eq(p, &copy))
        );
    }

    #[test]
    fn four_texts_of_one_string_are_slices_of_it_and_others_one_copy() {
        let row = ArcStr::from("e1,Shimoda,Treaty,Borders");
        let mut t = Texts::of([
            Some(&row.substr(0..2)),
            Some(&row.substr(11..17)),
            Some(&row.substr(3..10)),
            Some(&row.substr(18..)),
        ]);
        assert_eq!(
            all(&t),
            [Some("e1"), Some("Treaty"), Some("Shimoda"), Some("Borders")]
        );
        assert!(t.parents().all(|p| ArcStr::ptr_eq(p, &row)));
        // An unescaped title of its own: one string of the four, the row let go.
        t = Texts::of([
            Some(&row.substr(0..2)),
            Some(&Text::from("The \"Treaty\"")),
            None,
            Some(&Text::new()),
        ]);
        assert_eq!(
            all(&t),
            [Some("e1"), Some("The \"Treaty\""), None, Some("")]
        );
        assert_eq!(
            t.parents().next().map(ArcStr::as_str),
            Some("e1The \"Treaty\"")
        );
        assert_eq!(ArcStr::strong_count(&row), Some(1));
        // Nothing at all.
        let none = Texts::of([None, None, None, None]);
        assert_eq!(all(&none), [Some(""), Some(""), None, Some("")]);
        assert_eq!(none.parents().count(), 0);
    }

    #[test]
    fn texts_at_places_of_a_string_are_checked() {
        let part = ArcStr::from("e1Treaty日露Borders");
        let t = Texts::in_buf(&part, [Some(0..2), Some(2..8), Some(8..14), Some(14..21)]);
        let t = t.unwrap_or_else(|| panic!("all in the string"));
        assert_eq!(
            all(&t),
            [Some("e1"), Some("Treaty"), Some("日露"), Some("Borders")]
        );
        assert!(t.parents().all(|p| ArcStr::ptr_eq(p, &part)));
        let none = Texts::in_buf(&part, [Some(0..2), None, None, None]);
        assert_eq!(
            none.as_ref().map(all),
            Some([Some("e1"), Some(""), None, Some("")])
        );
        // Past the end, inside a character.
        assert!(Texts::in_buf(&part, [Some(0..2), Some(2..22), None, None]).is_none());
        assert!(Texts::in_buf(&part, [Some(0..2), Some(2..9), None, None]).is_none());
    }

    #[test]
    fn cells_found_in_the_text_read_are_slices_of_it_and_others_one_copy() {
        let rows = ArcStr::from("e1,Treaty,日露,Borders\ne2,Other,,");
        let cell = |s: &str| &rows[rows.find(s).unwrap_or(0)..][..s.len()];
        let t = Texts::of_slices(
            Some(&rows),
            [
                Some(cell("e1")),
                Some(cell("Treaty")),
                Some(cell("日露")),
                Some(cell("Borders")),
            ],
        );
        assert_eq!(
            all(&t),
            [Some("e1"), Some("Treaty"), Some("日露"), Some("Borders")]
        );
        assert_eq!(t.parents().count(), 4);
        assert!(t.parents().all(|p| ArcStr::ptr_eq(p, &rows)));
        drop(t);
        // The same text elsewhere (a cell the reader unescaped) is no slice of the rows: one
        // string of the four, the rows let go.
        let unescaped = String::from("Other");
        let t = Texts::of_slices(
            Some(&rows),
            [Some(cell("e2")), Some(&unescaped), None, Some("")],
        );
        assert_eq!(all(&t), [Some("e2"), Some("Other"), None, Some("")]);
        assert_eq!(t.parents().next().map(ArcStr::as_str), Some("e2Other"));
        // A cell of another piece of the file: a copy.
        let other = ArcStr::from("e3,Third");
        let t = Texts::of_slices(
            Some(&rows),
            [Some(&other[..2]), Some(&other[3..]), None, Some("")],
        );
        assert_eq!(t.parents().next().map(ArcStr::as_str), Some("e3Third"));
        assert_eq!(ArcStr::strong_count(&rows), Some(1));
        assert_eq!(ArcStr::strong_count(&other), Some(1));
        // No text read from: a copy.
        let t = Texts::of_slices(
            None,
            [Some(cell("e1")), Some(cell("Treaty")), None, Some("")],
        );
        assert_eq!(t.parents().next().map(ArcStr::as_str), Some("e1Treaty"));
    }
}
