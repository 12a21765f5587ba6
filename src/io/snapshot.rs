//! Reopening a big file at once: a binary snapshot of the dataset read from it, kept in the
//! cache folder and keyed by the file (its canonical path, size, modification time and inode)
//! and the CSV columns it was read with. It is an optimisation only: a snapshot that does not
//! match the file as it is now (stale), or that is damaged in any way (corrupt), is ignored,
//! the file is read as usual and the snapshot written again. Nothing in it is trusted: every
//! length is checked against the bytes there are, the text is checked to be UTF-8, every date
//! is parsed again from its EDTF text (bounds are never read from the file), and the whole
//! payload is checked against an xxh3 checksum first.
//!
//! The format (little-endian):
//! ```text
//! magic "CHRONOLANE SNAP\n" | version u32 | key length u32 | key (JSON: SourceKey)
//! payload length u64 | xxh3-64 of the payload u64 | payload:
//!   events u32 | text length u32 | rest length u32 | events per part u32 (1 to MAX_PART)
//!   one block per PARTS_PER_BLOCK parts of events, in start order (reading checks it and
//!     sorts only when it is not):
//!     one record of RECORD bytes per event: the six lengths of its texts (u32), the theme
//!       (u32, into the rest's theme names), importance u8, flags u8 (place, end), 0 u16
//!     the text of each part: each event's id, title, place and description, one after the
//!       other, then each event's start and end
//!   rest (JSON): meta, themes, eras, notes, theme names, and the rare parts of the events
//!     that have any, by place
//! ```
//! Reading (`snapshot_read.rs`) takes a block at a time: its records, then the text of each
//! part's events read straight into a string of its own (UTF-8 checked once), on every
//! core, of which that part's events' text fields are slices (no allocation per event), and
//! the part's dates read apart, into memory freed once they are read (the events keep no date
//! as written: 11 bytes an event of the bench's files); the events are made on every core
//! too. The whole snapshot is never in memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ColumnMap;

pub use super::snapshot_cache::{
    CACHE_DIR_VAR, Cache, KEEP, MIN_SOURCE_BYTES, Opened, load_path_cached,
};
pub(super) use super::snapshot_read::FileAt;
pub use super::snapshot_read::{read, read_unverified};
pub(super) use super::snapshot_write::Plan;
pub use super::snapshot_write::{write, write_in_parts};
use crate::model::{EventMore, HistDate, InputCalendar, Life, Link, OriginalDates, Source};

pub(super) const MAGIC: &[u8; 16] = b"CHRONOLANE SNAP\n";
/// The format's version: a snapshot of another version is ignored.
pub const VERSION: u32 = 3;
/// Bytes of one event's record.
pub(super) const RECORD: usize = 32;
/// The texts of an event its record gives the lengths of: the first four are kept (slices of
/// its part's text), the last two are its dates, after all the part's kept texts.
pub(super) const KEPT_TEXTS: usize = 4;
/// Events per part of a block, whose text a reader reads into a string of their own (each
/// core then counts the users of its own strings); the snapshot says how many it has.
pub(super) const PART: usize = 1 << 16;
/// Events per part at most.
pub(super) const MAX_PART: usize = 1 << 20;
/// Parts per block: a block's records come before its text, so that a reader knows where each
/// part's text is before reading it.
pub(super) const PARTS_PER_BLOCK: usize = 16;
pub(super) const HAS_PLACE: u8 = 1;
pub(super) const HAS_END: u8 = 2;

/// A snapshot file bigger than this is not read (a source is at most 1 GiB).
pub(super) const MAX_SNAPSHOT_BYTES: u64 = 4 << 30;

/// What a snapshot was made from: the file as it was when read, and how its columns were read.
/// A snapshot is used only when all of it is the same now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceKey {
    /// The file's canonical path.
    pub path: PathBuf,
    pub size: u64,
    /// Modification time, nanoseconds since 1970 (before it: negative).
    pub modified_ns: i64,
    /// The inode on Unix (a file replaced by another has another), else 0.
    pub file_id: u64,
    /// The CSV column mapping (`field`, `column`) the file was read with.
    pub columns: Vec<(String, String)>,
}

impl SourceKey {
    /// The key of `path` as it is now, read with `map`.
    pub fn of(path: &Path, map: &ColumnMap) -> std::io::Result<Self> {
        let path = std::fs::canonicalize(path)?;
        let meta = std::fs::metadata(&path)?;
        let modified_ns = match meta.modified()?.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
            Err(e) => i64::try_from(e.duration().as_nanos()).map_or(i64::MIN, |n| -n),
        };
        #[cfg(unix)]
        let file_id = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let file_id = 0;
        Ok(Self {
            path,
            size: meta.len(),
            modified_ns,
            file_id,
            columns: map
                .0
                .iter()
                .map(|(f, c)| (f.name().to_owned(), c.clone()))
                .collect(),
        })
    }
}

/// xxh3, 64 bits: fast enough (several GB/s) that checking a 1 GB snapshot costs little.
pub(super) fn hash(bytes: &[u8]) -> u64 {
    twox_hash::XxHash3_64::oneshot(bytes)
}

// ---------------------------------------------------------------------------------------------
// The rare parts, meta, themes, eras and notes: few, as JSON.

#[derive(Serialize, Deserialize)]
pub(super) struct Rest {
    pub meta: MetaJ,
    pub themes: Vec<ThemeJ>,
    pub eras: Vec<EraJ>,
    pub notes: Vec<String>,
    pub theme_names: Vec<String>,
    /// The rare parts of the events that have any, by place, in increasing order.
    pub more: Vec<(u32, MoreJ)>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct MetaJ {
    pub title: String,
    pub description: String,
    pub sources: Vec<SourceJ>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SourceJ(String, Option<String>);

#[derive(Serialize, Deserialize)]
pub(super) struct ThemeJ(pub String, pub String, pub [u8; 3]);

#[derive(Serialize, Deserialize)]
pub(super) struct EraJ(pub String, pub String, pub String, pub Option<[u8; 3]>);

#[derive(Serialize, Deserialize)]
pub(super) struct MoreJ {
    sources: Vec<SourceJ>,
    tags: Vec<String>,
    display_date: Option<String>,
    /// Born and died, as EDTF.
    life: Option<(Option<String>, Option<String>)>,
    /// (to, kind)
    links: Vec<(String, String)>,
    names: BTreeMap<String, String>,
    /// (calendar, start, end)
    original: Option<(String, String, Option<String>)>,
}

pub(super) fn sources_out(sources: &[Source]) -> Vec<SourceJ> {
    sources
        .iter()
        .map(|s| SourceJ(s.title.clone(), s.url.clone()))
        .collect()
}

pub(super) fn sources_in(sources: Vec<SourceJ>) -> Vec<Source> {
    sources
        .into_iter()
        .map(|SourceJ(title, url)| Source { title, url })
        .collect()
}

pub(super) fn more_out(m: &EventMore) -> MoreJ {
    MoreJ {
        sources: sources_out(&m.sources),
        tags: m.tags.clone(),
        display_date: m.display_date.as_ref().map(ToString::to_string),
        life: m.life.as_ref().map(|l| {
            let edtf = |d: &Option<HistDate>| d.as_ref().map(|d| d.edtf().to_owned());
            (edtf(&l.born), edtf(&l.died))
        }),
        links: m
            .links
            .iter()
            .map(|l| (l.to.clone(), l.kind.clone()))
            .collect(),
        names: m.names.clone(),
        original: m
            .original
            .as_ref()
            .map(|o| (o.calendar.name().to_owned(), o.start.clone(), o.end.clone())),
    }
}

pub(super) fn more_in(m: MoreJ) -> Option<EventMore> {
    // `None` for a date given that does not parse, `Some(None)` for none given.
    let date = |d: Option<String>| match d {
        Some(d) => date_of(&d).map(Some),
        None => Some(None),
    };
    Some(EventMore {
        sources: sources_in(m.sources),
        tags: m.tags,
        display_date: m.display_date.map(Into::into),
        life: match m.life {
            Some((born, died)) => Some(Life {
                born: date(born)?,
                died: date(died)?,
            }),
            None => None,
        },
        links: m
            .links
            .into_iter()
            .map(|(to, kind)| Link { to, kind })
            .collect(),
        names: m.names,
        original: match m.original {
            Some((calendar, start, end)) => Some(OriginalDates {
                calendar: InputCalendar::from_name(&calendar)?,
                start,
                end,
            }),
            None => None,
        },
    })
}

/// A date parsed again from its EDTF text, which must be what it keeps (a plain date is its
/// text by construction).
pub(super) fn date_of(edtf: &str) -> Option<HistDate> {
    HistDate::parse_plain(edtf).or_else(|| HistDate::parse(edtf).ok().filter(|d| d.edtf() == edtf))
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
