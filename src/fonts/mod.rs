//! Fonts for every script.
//!
//! egui's own fonts draw Latin, Greek and Cyrillic. For Japanese, Chinese, Korean, Arabic,
//! Hebrew, Devanagari and Thai this module finds installed system fonts with `fontdb`, checks with
//! `ttf-parser` that a face really has the script's letters, and hands the chosen faces to egui
//! after its own fonts, in the proportional and the monospace family alike, so Latin keeps egui's
//! look. [`install`] does it for one egui context: the window, a kittest harness or the
//! offscreen PNG renderer, which therefore draw the same glyphs.
//!
//! The system's fonts are listed once per process (on a background thread that [`preload`] or
//! [`install`] starts), and each chosen file is read once and shared by every context. Where no
//! installed font covers a script that a dataset uses, [`missing_font_message`] says so in one
//! sentence that names the Debian package to install.
//!
//! The pure parts, which script a character belongs to ([`Script::of`], [`scripts_in`]) and which
//! of the found faces serves which script ([`choose`]), are unit-tested without system fonts.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::model::Dataset;

mod script;

pub use script::{Script, dataset_texts, message_for, scripts_in};

/// The scripts the texts use that no installed font covers (this lists the system's fonts once,
/// if nothing has yet).
pub fn missing_scripts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Script> {
    let used = scripts_in(texts);
    if used.is_empty() {
        return Vec::new();
    }
    let covered = &found().covered;
    used.into_iter().filter(|s| !covered.contains(s)).collect()
}

/// "No font for Japanese text was found: install fonts-noto-cjk" when the dataset uses a script
/// no installed font covers; `None` when every text can be drawn.
pub fn missing_font_message(dataset: &Dataset) -> Option<String> {
    let used = scripts_in(dataset_texts(dataset));
    if used.is_empty() {
        return None;
    }
    let covered = &found().covered;
    message_for(&used, covered)
}

/// What is known of a face on the system when choosing among them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub family: String,
    pub weight: u16,
    pub italic: bool,
    pub monospaced: bool,
    /// The scripts whose sample characters the face has.
    pub covers: BTreeSet<Script>,
}

impl Candidate {
    fn is_serif(&self) -> bool {
        self.family.contains("Serif") && !self.family.contains("Sans")
    }

    fn is_mono(&self) -> bool {
        self.monospaced || self.family.contains("Mono")
    }

    /// Lower is better for drawing `script`: upright, made for the script's language, sans
    /// serif, proportional, regular weight, Noto (whose families match each other), then by name
    /// so that the choice is the same on every run.
    fn rank(&self, script: Script) -> impl Ord + '_ {
        let hinted = script.hint().is_none_or(|h| {
            self.family
                .split_whitespace()
                .any(|word| word.eq_ignore_ascii_case(h))
        });
        (
            self.italic,
            !hinted,
            self.is_serif(),
            self.is_mono(),
            self.weight.abs_diff(400),
            !self.family.starts_with("Noto"),
            self.family.as_str(),
        )
    }
}

/// For each script some candidate covers, which candidate draws it: a face already chosen for an
/// earlier script when it covers this one too (one CJK face serves kanji, kana and hangul), else
/// the best face for the script. Each chosen candidate's index, with its scripts, in the order
/// of [`Script::ALL`].
pub fn choose(candidates: &[Candidate]) -> Vec<(usize, Vec<Script>)> {
    let mut chosen: Vec<(usize, Vec<Script>)> = Vec::new();
    for script in Script::ALL {
        if let Some(entry) = chosen
            .iter_mut()
            .find(|(i, _)| candidates[*i].covers.contains(&script))
        {
            entry.1.push(script);
            continue;
        }
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.covers.contains(&script))
            .min_by(|(_, a), (_, b)| a.rank(script).cmp(&b.rank(script)));
        if let Some((i, _)) = best {
            chosen.push((i, vec![script]));
        }
    }
    chosen
}

/// The scripts a parsed face has every sample character of.
pub fn coverage(face: &ttf_parser::Face<'_>) -> BTreeSet<Script> {
    Script::ALL
        .into_iter()
        .filter(|s| {
            s.samples()
                .chars()
                .all(|c| face.glyph_index(c).is_some_and(|g| g.0 != 0))
        })
        .collect()
}

/// The bytes of a font file, shared by every egui context that uses it.
type Blob = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A system face chosen as a fallback.
#[derive(Clone)]
pub struct FoundFont {
    /// The family name, e.g. "Noto Sans CJK JP".
    pub family: String,
    /// The file it was read from, if it came from one.
    pub path: Option<PathBuf>,
    /// Its index in a collection (`.ttc`); 0 in a single-face file.
    pub index: u32,
    /// The scripts it draws here.
    pub scripts: Vec<Script>,
    data: Blob,
}

impl std::fmt::Debug for FoundFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FoundFont")
            .field("family", &self.family)
            .field("path", &self.path)
            .field("index", &self.index)
            .field("scripts", &self.scripts)
            .finish_non_exhaustive()
    }
}

impl FoundFont {
    /// The name egui knows the face by.
    fn egui_name(&self) -> String {
        format!("chronolane:{}:{}", self.family, self.index)
    }
}

/// The system's fallback faces: found once per process.
#[derive(Debug)]
pub struct Found {
    pub fonts: Vec<FoundFont>,
    /// The scripts some chosen face covers.
    pub covered: BTreeSet<Script>,
    /// How many faces the system has.
    pub faces_seen: usize,
    /// How long listing the system's fonts, checking them and reading the chosen ones took.
    pub took: Duration,
}

static FOUND: OnceLock<Found> = OnceLock::new();

/// Folders (separated as in `PATH`) whose fonts are used instead of the system's: for tests, or
/// fonts kept elsewhere. An empty folder means no fallback fonts at all.
pub const FONT_DIRS: &str = "CHRONOLANE_FONT_DIRS";

/// The system's fallback faces, found on first use (later callers wait for the first).
pub fn found() -> &'static Found {
    FOUND.get_or_init(find_system_fonts)
}

/// Starts finding the system's fonts on a background thread, so that the first frame with text
/// in another script does not wait for it. Cheap to call again.
pub fn preload() {
    if FOUND.get().is_none() {
        // If the thread cannot be started, the first use finds them instead.
        let _ = std::thread::Builder::new()
            .name("chronolane-fonts".to_owned())
            .spawn(|| {
                found();
            });
    }
}

fn find_system_fonts() -> Found {
    let start = Instant::now();
    let mut db = fontdb::Database::new();
    match std::env::var_os(FONT_DIRS) {
        Some(dirs) => {
            for dir in std::env::split_paths(&dirs) {
                db.load_fonts_dir(dir);
            }
        }
        None => db.load_system_fonts(),
    }
    let mut ids = Vec::new();
    let mut candidates = Vec::new();
    for info in db.faces() {
        let covers = db
            .with_face_data(info.id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .ok()
                    .map(|face| coverage(&face))
            })
            .flatten()
            .unwrap_or_default();
        if covers.is_empty() {
            continue;
        }
        ids.push(info.id);
        candidates.push(Candidate {
            family: info
                .families
                .first()
                .map_or_else(|| info.post_script_name.clone(), |(name, _)| name.clone()),
            weight: info.weight.0,
            italic: info.style != fontdb::Style::Normal,
            monospaced: info.monospaced,
            covers,
        });
    }
    let mut fonts = Vec::new();
    for (i, scripts) in choose(&candidates) {
        let Some((source, index)) = db.face_source(ids[i]) else {
            continue;
        };
        let (path, bytes) = match source {
            fontdb::Source::File(path) => match std::fs::read(&path) {
                Ok(bytes) => (Some(path), bytes),
                Err(_) => continue,
            },
            fontdb::Source::Binary(data) => (None, (*data).as_ref().to_vec()),
            fontdb::Source::SharedFile(path, data) => (Some(path), (*data).as_ref().to_vec()),
        };
        // The file may have changed since it was listed: egui refuses (panics on) a face that
        // does not parse, so check it again, and what it covers.
        let still = ttf_parser::Face::parse(&bytes, index)
            .map(|face| coverage(&face))
            .unwrap_or_default();
        let scripts: Vec<Script> = scripts.into_iter().filter(|s| still.contains(s)).collect();
        if scripts.is_empty() {
            continue;
        }
        fonts.push(FoundFont {
            family: candidates[i].family.clone(),
            path,
            index,
            scripts,
            data: Arc::new(bytes),
        });
    }
    let covered = fonts
        .iter()
        .flat_map(|f| f.scripts.iter().copied())
        .collect();
    Found {
        fonts,
        covered,
        faces_seen: db.len(),
        took: start.elapsed(),
    }
}

/// Hands the found faces to egui, after the fonts it already has, for every family but named
/// ones; asked by egui when it first lays out text in a family.
struct SystemFallbacks;

impl egui::FontProvider for SystemFallbacks {
    fn fonts_for_family(&self, family: &egui::FontFamily) -> Vec<egui::FontInsert> {
        if matches!(family, egui::FontFamily::Name(_)) {
            return Vec::new();
        }
        found()
            .fonts
            .iter()
            .map(|f| egui::FontInsert {
                name: f.egui_name(),
                data: egui::FontData::from_blob(Arc::clone(&f.data), f.index),
                families: vec![egui::InsertFontFamily {
                    family: family.clone(),
                    priority: egui::FontPriority::Lowest,
                }],
            })
            .collect()
    }
}

/// Adds the system's fonts for other scripts to an egui context, after egui's own fonts (which
/// keep drawing Latin, Greek and Cyrillic). Call once per context.
pub fn install(ctx: &egui::Context) {
    preload();
    ctx.add_font_provider(Arc::new(SystemFallbacks));
}

/// A face in a family's chain, for writers that place egui's glyphs themselves (the PDF).
#[derive(Clone)]
pub struct ChainFace {
    /// The font file's bytes.
    pub data: Blob,
    /// The face's index in a collection.
    pub index: u32,
    /// egui's tweak of the face: its scale and vertical offset.
    pub tweak: egui::FontTweak,
}

/// The faces egui looks through, in order, for a character of `family`: egui's own fonts, then
/// the system's fallbacks that [`install`] adds. The first face with the character draws it.
pub fn chain(family: &egui::FontFamily) -> Vec<ChainFace> {
    let defs = egui::FontDefinitions::default();
    let own = match family {
        egui::FontFamily::Monospace => &egui::FontFamily::Monospace,
        _ => &egui::FontFamily::Proportional,
    };
    let mut faces: Vec<ChainFace> = defs
        .families
        .get(own)
        .into_iter()
        .flatten()
        .filter_map(|name| defs.font_data.get(name))
        .map(|d| ChainFace {
            data: Arc::clone(&d.font),
            index: d.index,
            tweak: d.tweak.clone(),
        })
        .collect();
    faces.extend(found().fonts.iter().map(|f| ChainFace {
        data: Arc::clone(&f.data),
        index: f.index,
        tweak: egui::FontTweak::default(),
    }));
    faces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(scripts: &[Script]) -> BTreeSet<Script> {
        scripts.iter().copied().collect()
    }

    fn candidate(family: &str, weight: u16, covers: &[Script]) -> Candidate {
        Candidate {
            family: family.to_owned(),
            weight,
            italic: false,
            monospaced: false,
            covers: set(covers),
        }
    }

    #[test]
    fn one_cjk_face_serves_kanji_kana_and_hangul() {
        let cjk = [Script::Han, Script::Kana, Script::Hangul];
        let candidates = vec![
            candidate("DejaVu Sans", 400, &[Script::Arabic, Script::Hebrew]),
            candidate("Noto Serif CJK JP", 400, &cjk),
            candidate("Noto Sans CJK SC", 400, &cjk),
            candidate("Noto Sans CJK JP", 700, &cjk),
            candidate("Noto Sans Mono CJK JP", 400, &cjk),
            candidate("Noto Sans CJK JP", 400, &cjk),
            candidate("Noto Sans CJK KR", 400, &cjk),
        ];
        assert_eq!(
            choose(&candidates),
            vec![(5, cjk.to_vec()), (0, vec![Script::Arabic, Script::Hebrew])]
        );
    }

    #[test]
    fn each_script_gets_its_best_face_and_uncovered_ones_none() {
        let mut italic = candidate("Noto Sans Hebrew", 400, &[Script::Hebrew]);
        italic.italic = true;
        let candidates = vec![
            candidate("Some Korean Font", 400, &[Script::Hangul]),
            candidate("Noto Sans Thai", 400, &[Script::Thai]),
            candidate("Garuda", 400, &[Script::Thai]),
            italic,
            candidate("DejaVu Sans", 400, &[Script::Hebrew, Script::Arabic]),
            candidate("Noto Sans Devanagari", 700, &[Script::Devanagari]),
        ];
        assert_eq!(
            choose(&candidates),
            vec![
                (0, vec![Script::Hangul]),
                (4, vec![Script::Arabic, Script::Hebrew]),
                (5, vec![Script::Devanagari]),
                (1, vec![Script::Thai]),
            ]
        );
        assert!(choose(&[]).is_empty());
    }

    #[test]
    fn egui_own_fonts_cover_no_listed_script() {
        let defs = egui::FontDefinitions::default();
        assert!(!defs.font_data.is_empty());
        for (name, data) in &defs.font_data {
            let face = ttf_parser::Face::parse(data.bytes(), data.index)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(coverage(&face).is_empty(), "{name}");
        }
    }

    /// The system's fonts as found here; on a machine with `fonts-noto-cjk` (as CI installs),
    /// one face draws Japanese. Prints what was found and how long it took.
    #[test]
    fn system_fonts_are_found_once() {
        let f = found();
        eprintln!(
            "{} faces seen in {:?}; chosen: {:#?}",
            f.faces_seen, f.took, f.fonts
        );
        assert!(std::ptr::eq(f, found()));
        for font in &f.fonts {
            assert!(!font.scripts.is_empty());
        }
        if std::path::Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists() {
            assert!(f.covered.contains(&Script::Han));
            assert!(f.covered.contains(&Script::Kana));
            assert!(f.covered.contains(&Script::Hangul));
            assert_eq!(missing_scripts(["日露戦争", "ポーツマス"]), Vec::new());
        }
    }
}
