//! `chronolane export pdf`: the PNG's figure as vector shapes and searchable text. Poppler's
//! `pdftotext` finds the title of every event the figure labels (found with the figure's own
//! layout), and Japanese and Russian titles too; `pdffonts` sees every font embedded as a
//! subset; the page is the figure's size, or the paper asked for; drawn by `pdftoppm`, it is
//! the PNG's picture.
//!
//! These need Debian's `poppler-utils` (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`) and `fonts-noto-cjk`, which
//! `.ci/run` installs: without them they fail and say so.

mod common;

use common::cli::run;

use std::path::{Path, PathBuf};
use std::process::Command;

use chronolane::export::figure::FigureOptions;
use chronolane::model::Filter;
use chronolane::timeline::TimeView;
use common::figure::labelled_titles;

fn export(args: &[&str]) {
    let o = run(&[&["export", "pdf"], args].concat());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The PDF figure (1200 × 500) of the dataset `json`, written as `NAME.json` and `NAME.pdf` in
/// `dir`: the PDF's path and its text as `pdftotext` reads it.
fn figure_of(dir: &Path, name: &str, json: &str) -> std::io::Result<(PathBuf, String)> {
    let data = dir.join(format!("{name}.json"));
    std::fs::write(&data, json)?;
    let path = dir.join(format!("{name}.pdf"));
    export(&[
        "--data",
        &data.to_string_lossy(),
        "--width",
        "1200",
        "--height",
        "500",
        "-o",
        &path.to_string_lossy(),
    ]);
    let text = poppler("pdftotext", &["-enc", "UTF-8"], &path, &[Path::new("-")]);
    Ok((path, text))
}

/// Runs one of poppler's tools on `pdf` (then `after`); fails clearly when poppler-utils is
/// missing. Its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &Path, after: &[&Path]) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(after)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {tool} ({e}): install Debian's poppler-utils \
                 (apt-get install -y poppler-utils; .ci/run does)"
            )
        });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Words separated by single spaces, so that line breaks and spacing do not matter.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's `/MediaBox`, `[x0 y0 x1 y1]`, read from the file.
fn media_box(pdf: &[u8]) -> Vec<f32> {
    let text = String::from_utf8_lossy(pdf);
    let at = text
        .find("/MediaBox")
        .unwrap_or_else(|| panic!("no /MediaBox in the PDF"));
    let rest = &text[at + "/MediaBox".len()..];
    let (open, close) = (rest.find('[').unwrap_or(0), rest.find(']').unwrap_or(0));
    rest[open + 1..close]
        .split_whitespace()
        .map(|n| n.parse().unwrap_or(f32::NAN))
        .collect()
}

fn assert_box(pdf: &[u8], w: f32, h: f32) {
    let b = media_box(pdf);
    assert_eq!(b.len(), 4, "{b:?}");
    let near = |a: f32, b: f32| (a - b).abs() < 0.05;
    assert!(
        near(b[0], 0.0) && near(b[1], 0.0) && near(b[2], w) && near(b[3], h),
        "MediaBox {b:?}, not {w} × {h}"
    );
}

#[test]
fn pdftotext_finds_every_labelled_title_and_the_fonts_are_embedded_subsets() -> std::io::Result<()>
{
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("figure.pdf");
    export(&["-o", &path.to_string_lossy()]);
    let bytes = std::fs::read(&path)?;
    assert!(bytes.starts_with(b"%PDF-"));
    // The page is the figure's size: 2400 × 1200 pixels, ¾ point each.
    assert_box(&bytes, 1800.0, 900.0);

    let text = words(&poppler(
        "pdftotext",
        &["-enc", "UTF-8"],
        &path,
        &[Path::new("-")],
    ));
    // The same figure as `export png` with no options: the whole dataset at 2400 × 1200, 2×.
    let dataset = chronolane::io::default_dataset();
    let (a, b) = dataset.time_range().unwrap_or((0.0, 1.0));
    let opts = FigureOptions::new(TimeView::fit(a, b));
    let labelled = labelled_titles(&dataset, &Filter::default(), &opts);
    assert!(labelled.len() >= 30, "{} labelled", labelled.len());
    let missing: Vec<&String> = labelled
        .iter()
        .filter(|t| !text.contains(&words(t)))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the PDF's text: {missing:?}\n{text}"
    );
    assert!(text.contains(&words(&dataset.meta.title)), "{text}");
    for theme in dataset.themes() {
        assert!(text.contains(&theme.label), "legend {:?}", theme.label);
    }

    // Every font embedded, and as a subset (`pdffonts`: a `ABCDEF+Name` and "emb" and "sub" yes).
    let fonts = poppler("pdffonts", &[], &path, &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 7, "{row}");
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "not embedded, subset, with ToUnicode: {row}"
        );
        assert!(
            cols[0].chars().nth(6) == Some('+'),
            "not a subset's name: {row}"
        );
    }
    Ok(())
}

#[test]
fn japanese_and_russian_titles_are_searchable_text() -> std::io::Result<()> {
    assert!(
        chronolane::fonts::found()
            .covered
            .contains(&chronolane::fonts::Script::Kana),
        "no font with Japanese glyphs was found: install fonts-noto-cjk (.ci/run does)"
    );
    let dir = tempfile::tempdir()?;
    let (path, text) = figure_of(
        dir.path(),
        "scripts",
        r##"{
  "title": "日露関係 Русско-японские отношения",
  "themes": [{ "id": "war", "label": "戦争", "color": "#D55E00" }],
  "events": [
    { "id": "portsmouth", "title": "ポーツマス条約", "start": "1905-09-05", "theme": "war",
      "importance": 5 },
    { "id": "shimoda", "title": "Симодский трактат", "start": "1855-02-07", "theme": "war",
      "importance": 5 }
  ]
}"##,
    )?;
    let text = words(&text);
    for t in [
        "ポーツマス条約",
        "Симодский трактат",
        "日露関係 Русско-японские отношения",
        "戦争",
    ] {
        assert!(text.contains(t), "{t:?} not in {text:?}");
    }
    let fonts = poppler("pdffonts", &[], &path, &[]);
    assert!(fonts.contains("CJK"), "no CJK face embedded:\n{fonts}");
    Ok(())
}

#[test]
fn paper_a4_landscape_is_the_page_and_the_figure_fits_it() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a4.pdf");
    export(&[
        "--paper",
        "a4",
        "--landscape",
        "-o",
        &path.to_string_lossy(),
    ]);
    assert_box(&std::fs::read(&path)?, 841.89, 595.28);
    let info = poppler("pdfinfo", &[], &path, &[]);
    // Poppler names the paper: "Page size: 841.89 x 595.276 pts (A4)".
    assert!(
        info.lines().any(|l| l.starts_with("Page size:")
            && l.contains("841.89 x 595.2")
            && l.ends_with("(A4)")),
        "{info}"
    );

    let path = dir.path().join("letter.pdf");
    export(&["--paper", "letter", "-o", &path.to_string_lossy()]);
    assert_box(&std::fs::read(&path)?, 612.0, 792.0);
    Ok(())
}

#[test]
fn pdf_takes_the_options_of_png_and_checks_the_page() {
    for bad in [&["--width", "3"][..], &["--landscape"], &["--paper", "b5"]] {
        let o = run(&[&["export", "pdf", "-o", "x.pdf"], bad].concat());
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert!(!Path::new("x.pdf").exists());
    }
    let o = run(&["export", "pdf", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    for flag in [
        "--from",
        "--theme",
        "--height",
        "--scale",
        "--dark",
        "--no-legend",
        "--paper",
        "--landscape",
    ] {
        assert!(help.contains(flag), "{flag}");
    }
}

/// The PDF drawn by poppler at 96 dpi (a figure pixel a screen pixel) next to the PNG of the same
/// figure: the same picture, up to anti-aliasing (mean difference per channel, 0 to 1).
#[test]
fn the_pdf_rendered_by_poppler_matches_the_png() -> Result<(), Box<dyn std::error::Error>> {
    use chronolane::export::pdf::{PageSize, figure_pdf};
    use chronolane::export::png::OffscreenRenderer;
    let (dataset, filter, opts) = common::figure::whole_figure(1200, 600);
    let png = OffscreenRenderer::new()?.render(&dataset, &filter, &opts)?;
    let dir = tempfile::tempdir()?;
    let pdf = dir.path().join("figure.pdf");
    std::fs::write(
        &pdf,
        figure_pdf(&dataset, &filter, &opts, PageSize::default())?,
    )?;
    // Written to `poppler.png`.
    let out = dir.path().join("poppler");
    poppler(
        "pdftoppm",
        &["-r", "96", "-png", "-singlefile"],
        &pdf,
        &[&out],
    );
    let drawn = image::open(dir.path().join("poppler.png"))?.to_rgb8();
    assert_eq!(drawn.dimensions(), (1200, 600));
    let diff = common::figure::mean_difference(drawn.as_raw(), 3, &png.rgba);
    // Seen: 0.028, nearly all of it in the text's edges (egui hints and grays its glyphs,
    // poppler draws the outlines); the same picture moved by 2 pixels gives 0.037, by 3: 0.048.
    assert!(diff < 0.033, "mean difference {diff:.4}");
    Ok(())
}

/// Right-to-left titles come out whole and readable (egui 0.37 lists such runs' characters out
/// of order, so the PDF lays the row out again from its text). Needs fonts with Hebrew and
/// Arabic (Debian's `fonts-dejavu-core` has both, and `.ci/run` installs it).
#[test]
fn hebrew_and_arabic_titles_are_searchable_text() -> std::io::Result<()> {
    use chronolane::fonts::{Script, found};
    assert!(
        found().covered.contains(&Script::Hebrew) && found().covered.contains(&Script::Arabic),
        "no Hebrew or Arabic font here: install Debian's fonts-dejavu-core (as .ci/run does)"
    );
    let dir = tempfile::tempdir()?;
    let (_, text) = figure_of(
        dir.path(),
        "rtl",
        r##"{
  "title": "RTL",
  "themes": [{ "id": "a", "label": "A", "color": "#D55E00" }],
  "events": [
    { "id": "he", "title": "שלום", "start": "1905-09-05", "theme": "a", "importance": 5 },
    { "id": "ar", "title": "مرحبا", "start": "1855-02-07", "theme": "a", "importance": 5 }
  ]
}"##,
    )?;
    for t in ["שלום", "مرحبا"] {
        assert!(text.contains(t), "{t:?} not in {text:?}");
    }
    Ok(())
}
