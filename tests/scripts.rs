//! Text in every script: Japanese titles are drawn with real glyphs in PNG figures and in the
//! window, and where no font covers a script the user is told which package to install.
//!
//! These need a font with Japanese glyphs (Debian's `fonts-noto-cjk`, which `.ci/run` installs).

use std::path::Path;
use std::process::{Command, Output};

use chronolane::export::figure::{FigureOptions, Look};
use chronolane::export::png::{Image, OffscreenRenderer};
use chronolane::fonts::{self, Script};
use chronolane::io::{ColumnMap, load_bytes};
use chronolane::model::{Dataset, Filter};
use chronolane::timeline::TimeView;
use chronolane::timeline::arrange::LaneArrangement;
use chronolane::ui::App;
use chronolane::ui::command::Command as UiCommand;
use chronolane::ui::state::Persisted;
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A small dataset titled `title` whose events have Japanese, Korean and Chinese titles.
fn json(title: &str) -> String {
    format!(
        r##"{{
  "title": "{title}",
  "themes": [{{ "id": "war", "label": "戦争", "color": "#D55E00" }}],
  "events": [
    {{ "id": "portsmouth", "title": "ポーツマス条約", "start": "1905-09-05", "theme": "war",
       "importance": 5, "place": "ポーツマス", "description": "日露戦争の講和条約。" }},
    {{ "id": "mukden", "title": "奉天会戦", "start": "1905-02-20", "end": "1905-03-10",
       "theme": "war", "importance": 4 }},
    {{ "id": "hangul", "title": "한국 1897", "start": "1897-10-12", "theme": "war" }}
  ]
}}"##
    )
}

fn dataset(title: &str) -> Dataset {
    load_bytes(json(title).as_bytes(), "scripts.json", "scripts")
        .unwrap_or_else(|e| panic!("{e}"))
        .dataset
}

fn require_a_japanese_font() {
    assert!(
        fonts::found().covered.contains(&Script::Kana),
        "no font with Japanese glyphs was found: install fonts-noto-cjk (.ci/run does); found {:?}",
        fonts::found().fonts
    );
}

fn figure(d: &Dataset) -> Image {
    let (a, b) = d.time_range().unwrap_or((0.0, 1.0));
    let opts = FigureOptions {
        view: TimeView::fit(a, b),
        look: Look {
            width: 900,
            height: 400,
            scale: 1.0,
            ..Look::default()
        },
        lanes: LaneArrangement::default(),
        selected: None,
    };
    let mut r = OffscreenRenderer::new().unwrap_or_else(|e| panic!("{e}"));
    r.render(d, &Filter::default(), &opts)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The figure's title: 22-point text at the top left, inside a 16-point margin (at 1×).
const TITLE: (u32, u32, u32, u32) = (0, 8, 300, 42);

fn dark_pixels(img: &Image, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> usize {
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let p = img.pixel(x, y);
            u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 3 * 128
        })
        .count()
}

fn differing_pixels(a: &Image, b: &Image, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> usize {
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| a.pixel(x, y) != b.pixel(x, y))
        .count()
}

/// Two different four-character titles must look different: as missing-glyph boxes they would
/// be four identical boxes each.
#[test]
fn two_japanese_titles_are_drawn_differently_in_a_figure() {
    require_a_japanese_font();
    let a = figure(&dataset("日露戦争"));
    let b = figure(&dataset("明治維新"));
    assert!(dark_pixels(&a, TITLE) > 150, "no title drawn");
    assert!(dark_pixels(&b, TITLE) > 150, "no title drawn");
    let differ = differing_pixels(&a, &b, TITLE);
    assert!(differ > 200, "the titles differ in only {differ} pixels");
    // Below the title the two figures are the same.
    assert_eq!(differing_pixels(&a, &b, (0, 60, 900, 400)), 0);
    // And the figure has nothing to say about fonts.
    assert_eq!(fonts::missing_font_message(&dataset("日露戦争")), None);
}

/// Runs the binary with the given environment.
fn run(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chronolane"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap_or_else(|e| panic!("{e}"))
}

fn decode(path: &Path) -> Image {
    let img = image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_rgba8();
    Image {
        width: img.width(),
        height: img.height(),
        rgba: img.into_raw(),
    }
}

/// Without any font for Japanese (an empty font folder stands in for a bare system), the export
/// says so once, and the two titles become the same boxes: what the figure test above rules out.
#[test]
fn without_a_font_the_export_says_so_once_and_draws_boxes() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let no_fonts = dir.path().join("no-fonts");
    std::fs::create_dir(&no_fonts)?;
    let mut images = Vec::new();
    for (name, title) in [("a", "日露戦争"), ("b", "明治維新")] {
        let data = dir.path().join(format!("{name}.json"));
        std::fs::write(&data, json(title))?;
        let out = dir.path().join(format!("{name}.png"));
        let args = [
            "export",
            "png",
            "--data",
            &data.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
            "--width",
            "900",
            "--height",
            "400",
            "--scale",
            "1",
        ];
        let o = run(&args, &[(fonts::FONT_DIRS, &no_fonts)]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{err}");
        let note = "note: No font for Japanese or Korean text was found: install fonts-noto-cjk\n";
        assert_eq!(err.matches(note).count(), 1, "{err}");
        images.push(decode(&out));

        // With the system's fonts: no note.
        let o = run(&args, &[]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(!err.contains("note: No font"), "{err}");
    }
    assert!(dark_pixels(&images[0], TITLE) > 50, "no boxes drawn");
    assert_eq!(differing_pixels(&images[0], &images[1], TITLE), 0);
    Ok(())
}

fn window(d: Dataset) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 700.0))
        .with_max_steps(12)
        .build_eframe(|cc| App::new(cc, None, ColumnMap::default()));
    h.state_mut().show_dataset(d);
    h.run();
    h
}

/// The window draws Japanese (kittest panics on any glyph no font has): the lane, the events on
/// the timeline and, once one is selected, its details.
#[test]
fn the_window_shows_japanese_titles() {
    require_a_japanese_font();
    let mut h = window(dataset("日露戦争"));
    assert_eq!(h.state().probe().dataset.meta.title, "日露戦争");
    h.get_by_label("戦争 lane");
    let i = h
        .state()
        .probe()
        .dataset
        .index_of("portsmouth")
        .unwrap_or_else(|| panic!("no event"));
    h.state_mut().push(UiCommand::Select(Some(i)));
    h.run();
    h.get_by_role_and_label(Role::Label, "ポーツマス条約");
    h.get_by_label_contains("日露戦争の講和条約");
}

/// The window test above would catch boxes: a harness whose context has no fallback fonts
/// panics on the same dataset.
#[test]
fn without_fallback_fonts_kittest_catches_the_missing_glyphs() {
    let d = dataset("日露戦争");
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut h = Harness::builder()
            .with_size(egui::vec2(1200.0, 700.0))
            .with_max_steps(12)
            .build_eframe(|_cc| App::with_state(Persisted::default()));
        h.state_mut().show_dataset(d);
        h.run();
    }));
    let Err(panic) = outcome else {
        panic!("kittest drew Japanese without fallback fonts")
    };
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    assert!(message.starts_with("No glyph for "), "{message}");
}
