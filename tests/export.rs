//! Exports as a user gets them: PNG figures rendered headless (size, theme colors, title and
//! legend, dark vs light), CSV with filters and scopes, and failures that leave nothing behind.

use std::path::Path;
use std::process::{Command, Output};

use chronolane::export::figure::{FigureOptions, Look};
use chronolane::export::png::{Image, OffscreenRenderer};
use chronolane::io::default_dataset;
use chronolane::model::{Event, Filter, Rgb};
use chronolane::timeline::TimeView;
use chronolane::timeline::arrange::LaneArrangement;
use chronolane::ui::App;
use chronolane::ui::command::Command as UiCommand;
use chronolane::ui::parts::PathPurpose;
use chronolane::ui::state::{CsvScope, Persisted};
use egui_kittest::Harness;

fn render(opts: &FigureOptions, filter: &Filter) -> Image {
    let mut r = OffscreenRenderer::new().unwrap_or_else(|e| panic!("{e}"));
    r.render(&default_dataset(), filter, opts)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn whole() -> FigureOptions {
    let d = default_dataset();
    let (a, b) = d.time_range().unwrap_or((0.0, 1.0));
    let look = Look {
        width: 1600,
        height: 800,
        scale: 1.0,
        ..Look::default()
    };
    FigureOptions {
        view: TimeView::fit(a, b),
        look,
        lanes: LaneArrangement::default(),
        selected: None,
    }
}

/// Pixels within a small distance of a color, in a region (x0, y0, x1, y1).
fn count_near(img: &Image, c: Rgb, region: (u32, u32, u32, u32)) -> usize {
    let (x0, y0, x1, y1) = region;
    let mut n = 0;
    for y in y0..y1.min(img.height) {
        for x in x0..x1.min(img.width) {
            let p = img.pixel(x, y);
            let d: i32 = (0..3)
                .map(|i| (i32::from(p[i]) - i32::from(c.0[i])).abs())
                .sum();
            if d <= 24 {
                n += 1;
            }
        }
    }
    n
}

/// Pixels darker than mid-grey in a region: text on a light background.
fn count_dark(img: &Image, region: (u32, u32, u32, u32)) -> usize {
    let (x0, y0, x1, y1) = region;
    (y0..y1.min(img.height))
        .flat_map(|y| (x0..x1.min(img.width)).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let p = img.pixel(x, y);
            u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 3 * 128
        })
        .count()
}

fn mean_brightness(img: &Image) -> f64 {
    let sum: u64 = img
        .rgba
        .chunks_exact(4)
        .map(|p| u64::from(p[0]) + u64::from(p[1]) + u64::from(p[2]))
        .sum();
    sum as f64 / (img.rgba.len() as f64 / 4.0 * 3.0)
}

#[test]
fn figure_has_the_requested_size_and_every_theme_color() {
    let opts = whole();
    let img = render(&opts, &Filter::default());
    assert_eq!((img.width, img.height), (1600, 800));
    let full = (0, 0, img.width, img.height);
    for t in default_dataset().themes() {
        assert!(
            count_near(&img, t.color, full) > 200,
            "{} color missing",
            t.id
        );
    }
    // A hidden theme's color is gone.
    let mut f = Filter::default();
    f.hidden_themes.insert("war".into());
    let img = render(&opts, &f);
    let war = default_dataset().themes()[1].color;
    assert!(count_near(&img, war, full) < 20);
}

#[test]
fn title_and_legend_are_drawn_only_when_asked() {
    let with = render(&whole(), &Filter::default());
    let mut bare = whole();
    (bare.look.title, bare.look.legend, bare.look.caption) = (false, false, false);
    let without = render(&bare, &Filter::default());
    // Title: dark text at the top left, where the axis (right of the lane names) never reaches.
    let dark_text = |img: &Image| count_dark(img, (0, 0, 130, 45));
    assert!(dark_text(&with) > 40, "no title: {}", dark_text(&with));
    assert!(dark_text(&without) < 10);
    // Legend: the three theme swatches (12 × 12 points) in the row above the caption; without
    // a legend the lanes reach down there, their colour bars (4 points wide) too.
    let legend =
        |img: &Image, c: Rgb| count_near(img, c, (0, img.height - 52, 500, img.height - 36));
    for t in default_dataset().themes() {
        assert!(
            legend(&with, t.color) >= 100,
            "no legend swatch for {}",
            t.id
        );
        assert!(legend(&without, t.color) < 100);
    }
}

#[test]
fn dark_and_light_differ() {
    let light = render(&whole(), &Filter::default());
    let mut dark = whole();
    dark.look.dark = true;
    let dark = render(&dark, &Filter::default());
    assert!(
        mean_brightness(&light) > 200.0,
        "{}",
        mean_brightness(&light)
    );
    assert!(mean_brightness(&dark) < 70.0, "{}", mean_brightness(&dark));
}

#[test]
fn wide_figures_render() {
    let mut opts = whole();
    (opts.look.width, opts.look.height, opts.look.scale) = (8000, 600, 2.0);
    let img = render(&opts, &Filter::default());
    assert_eq!((img.width, img.height), (8000, 600));
    assert!(
        count_near(
            &img,
            default_dataset().themes()[0].color,
            (4000, 0, 8000, 600)
        ) > 100
    );
}

/// How many pixels of two figures of one size differ.
fn pixels_differing(a: &Image, b: &Image) -> usize {
    a.rgba
        .chunks(4)
        .zip(b.rgba.chunks(4))
        .filter(|(p, q)| p != q)
        .count()
}

#[test]
fn figures_draw_the_selected_events_links_or_all_of_them() {
    use chronolane::model::HistDate;
    use chronolane::timeline::paint_links::LinkMode;
    let d = default_dataset();
    let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
    let mut opts = whole();
    let (from, to) = (date("1903-06").axis_start(), date("1906-06").axis_end());
    opts.view = TimeView::new(from, to - from);
    opts.selected = d.index_of("russo-japanese-war");
    let mut with = |links| {
        opts.look.links = links;
        render(&opts, &Filter::default())
    };
    let (none, selected, all) = (
        with(LinkMode::None),
        with(LinkMode::Selected),
        with(LinkMode::All),
    );
    // The war's arrows (its battles, the treaty, the negotiations), then the others in view.
    assert!(pixels_differing(&none, &selected) > 500);
    assert!(pixels_differing(&selected, &all) > 500);
    // With nothing selected, "selected" draws no arrow.
    opts.selected = None;
    opts.look.links = LinkMode::None;
    let plain = render(&opts, &Filter::default());
    opts.look.links = LinkMode::Selected;
    assert_eq!(
        pixels_differing(&plain, &render(&opts, &Filter::default())),
        0
    );
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chronolane"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn cli_png_export_writes_the_file() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("figure.png");
    let o = run(
        &[
            "export",
            "png",
            "-o",
            &out.to_string_lossy(),
            "--width",
            "900",
            "--height",
            "500",
            "--theme",
            "war",
            "--dark",
            "--links",
            "all",
            "--select",
            "russo-japanese-war",
        ],
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&out)?;
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // Width and height from the IHDR chunk.
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    assert_eq!((be(16), be(20)), (900, 500));
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
    Ok(())
}

#[test]
fn cli_png_without_a_renderer_fails_clearly() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("figure.png");
    // Metal does not exist on Linux: no adapter can be found.
    let o = run(
        &["export", "png", "-o", &out.to_string_lossy()],
        &[("WGPU_BACKEND", "metal")],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no renderer is available"), "{err}");
    assert!(!out.exists());
    Ok(())
}

#[test]
fn cli_png_bad_size_is_bad_usage() {
    assert_eq!(
        run(
            &["export", "png", "-o", "/tmp/x.png", "--width", "9000"],
            &[]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        run(&["export", "png", "-o", "/tmp/x.png", "--scale", "0"], &[])
            .status
            .code(),
        Some(2)
    );
    let o = run(
        &["export", "png", "-o", "/tmp/x.png", "--links", "some"],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("give all, selected or none"), "{err}");
    let o = run(
        &["export", "png", "-o", "/tmp/x.png", "--select", "nope"],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--select \"nope\": no event has this id"),
        "{err}"
    );
}

/// A folder nothing can be written to, even by root (CI runs as root, which ignores mode bits).
fn read_only_folder(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let ro = dir.join("read-only");
    let _ = std::fs::create_dir(&ro);
    let _ = std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555));
    if std::fs::write(ro.join("probe"), b"x").is_ok() {
        let _ = std::fs::remove_file(ro.join("probe"));
        return Path::new("/proc/chronolane-read-only").to_path_buf();
    }
    ro
}

#[test]
fn export_into_a_read_only_folder_fails_cleanly() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let ro = read_only_folder(dir.path());
    for kind in ["csv", "png"] {
        let out = ro.join(format!("out.{kind}"));
        let o = run(&["export", kind, "-o", &out.to_string_lossy()], &[]);
        assert_eq!(o.status.code(), Some(1), "{kind}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("cannot write"), "{kind}: {err}");
        assert!(!out.exists());
    }
    if ro.starts_with(dir.path()) {
        assert_eq!(
            std::fs::read_dir(&ro)?.count(),
            0,
            "a temporary file was left behind"
        );
    }
    Ok(())
}

#[test]
fn existing_file_is_untouched_when_a_write_fails() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("keep.png");
    std::fs::write(&out, b"previous figure")?;
    let o = run(
        &["export", "png", "-o", &out.to_string_lossy()],
        &[("WGPU_BACKEND", "metal")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&out)?, b"previous figure");
    Ok(())
}

/// The window with the Japan–Russia dataset, driven by commands as its panels drive it.
fn window() -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|_cc| App::with_state(Persisted::default()));
    h.run();
    h
}

/// Exports a CSV from the window with a scope, as its Export window and a typed path do, and
/// reads the file back.
fn export_from_window(h: &mut Harness<'_, App>, scope: CsvScope, out: &Path) -> Vec<Event> {
    let mut settings = h.state().probe().export.clone();
    settings.csv = scope;
    h.state_mut().push(UiCommand::SetExportSettings(settings));
    h.state_mut().push(UiCommand::SubmitPath(
        PathPurpose::ExportCsv,
        out.to_path_buf(),
    ));
    h.run();
    chronolane::io::load_path(out).map_or_else(|e| panic!("{e}"), |l| l.dataset.events().to_vec())
}

#[test]
fn window_csv_scopes() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("events.csv");
    let mut h = window();
    let total = h.state().probe().dataset.events().len();
    assert_eq!(
        export_from_window(&mut h, CsvScope::Everything, &out).len(),
        total
    );
    h.state_mut().push(UiCommand::ToggleTheme("war".into()));
    let shown = export_from_window(&mut h, CsvScope::Shown, &out);
    assert!(shown.len() < total && shown.iter().all(|e| e.theme != "war"));
    // Links to the events left out (the war's) are left out with them; the others are kept.
    let kept = |id: &str| {
        shown
            .iter()
            .find(|e| e.id() == id)
            .map(|e| e.links().to_vec())
    };
    assert_eq!(kept("treaty-of-portsmouth").map(|l| l.len()), Some(2));
    assert_eq!(kept("korea-manchuria-negotiations"), Some(vec![]));
    let (from, to) = (
        chronolane::model::date::axis_from_year(1900),
        chronolane::model::date::axis_from_year(1906),
    );
    h.state_mut()
        .push(UiCommand::SetView(TimeView::new(from, to - from)));
    let visible = export_from_window(&mut h, CsvScope::VisibleRange, &out);
    assert!(!visible.is_empty() && visible.len() < shown.len());
    assert!(
        visible
            .iter()
            .all(|e| e.axis_end() > from && e.axis_start() < to && e.theme != "war")
    );
    Ok(())
}

#[test]
fn window_csv_export_writes_and_reports() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("events.csv");
    let mut h = window();
    let total = default_dataset().events().len();
    assert_eq!(
        export_from_window(&mut h, CsvScope::Everything, &out).len(),
        total
    );
    let message = h.state().probe().message.to_owned();
    assert!(
        message.starts_with(&format!("Wrote {total} events to ")),
        "{message}"
    );
    Ok(())
}

/// Along the row of a bar of `c`, how many points between its last solid point and the last
/// point tinted by it (neither its color nor the background): the length of a fading end.
fn faded_end(img: &Image, c: Rgb) -> u32 {
    let distance = |p: [u8; 4], q: [u8; 3]| -> i32 {
        (0..3)
            .map(|i| (i32::from(p[i]) - i32::from(q[i])).abs())
            .sum()
    };
    let row = (0..img.height)
        .max_by_key(|&y| {
            (0..img.width)
                .filter(|&x| distance(img.pixel(x, y), c.0) <= 24)
                .count()
        })
        .unwrap_or(0);
    let solid_end = (0..img.width)
        .filter(|&x| distance(img.pixel(x, row), c.0) <= 24)
        .max()
        .unwrap_or(0);
    let background = img.pixel(img.width - 2, row);
    let background = [background[0], background[1], background[2]];
    let tint_end = (solid_end..img.width)
        .take_while(|&x| distance(img.pixel(x, row), background) > 12)
        .last()
        .unwrap_or(solid_end);
    tint_end - solid_end
}

/// An ongoing reign is drawn to today and fades out; one that ended today stops sharp.
#[test]
fn an_ongoing_event_fades_out_at_today() {
    let today = chronolane::model::CivilDate::from_days(chronolane::model::date::today_days());
    let render_csv = |end: &str| {
        let csv = format!("title,start,end,theme\nReign,1952-02-06,{end},war\n");
        let loaded = chronolane::io::load_bytes(csv.as_bytes(), "reign.csv", "reign")
            .unwrap_or_else(|e| panic!("{e}"));
        let d = loaded.dataset;
        let (a, b) = d.time_range().unwrap_or((0.0, 1.0));
        let opts = FigureOptions {
            view: TimeView::new(a - (b - a) * 0.1, (b - a) * 1.3),
            look: Look {
                width: 1200,
                height: 300,
                scale: 1.0,
                ..Look::default()
            },
            lanes: LaneArrangement::default(),
            selected: None,
        };
        let color = d.themes()[0].color;
        let mut r = OffscreenRenderer::new().unwrap_or_else(|e| panic!("{e}"));
        let img = r
            .render(&d, &Filter::default(), &opts)
            .unwrap_or_else(|e| panic!("{e}"));
        faded_end(&img, color)
    };
    let ongoing = render_csv("ongoing");
    let ended = render_csv(&format!(
        "{:04}-{:02}-{:02}",
        today.year, today.month, today.day
    ));
    assert!(ongoing >= 20, "an ongoing end fades over {ongoing} points");
    assert!(ended <= 4, "an ended bar fades over {ended} points");
}
