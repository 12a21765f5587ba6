//! `cargo bench --bench frame`: what a frame of Chronolane costs with 1k, 100k and 1M events (10M
//! with `BENCH_SIZES=10000000`), side by side with handing the same events to `egui_plot` as
//! plain points (the naive way), plus the time to export a 4000 × 1500 PNG. Opening files is
//! measured by `cargo bench --bench load`.
//!
//! A frame is what the window does on the CPU each time it repaints: the whole app's egui pass
//! (menu, filters, details, timeline with hover and a selection, overview, status bar; then with
//! the Export tab's preview, then with the chart instead) and the
//! tessellation of everything it drew, at 1600 × 900. Datasets are synthetic and seeded
//! (`chronolane::synth`), so every run measures the same events. Medians; release build.

use std::hint::black_box;
use std::time::Instant;

use chronolane::export::figure::{FigureOptions, Look};
use chronolane::export::png::OffscreenRenderer;
use chronolane::model::date::axis_from_year;
use chronolane::model::{Dataset, Filter};
use chronolane::timeline::TimeView;
use chronolane::ui::App;
use chronolane::ui::command::{Command, Panel};
use chronolane::ui::state::{Persisted, SideTab};
use egui::{Pos2, RawInput, Rect, pos2, vec2};
use egui_plot::{Plot, PlotBounds, PlotPoint, Points};

const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];
const SEED: u64 = 42;
const SCREEN: [f32; 2] = [1600.0, 900.0];

/// Whether the view (or `export`, `chart`) named is measured: all are, unless `BENCH_VIEWS`
/// names some (comma-separated), to profile those.
fn wanted(name: &str) -> bool {
    std::env::var("BENCH_VIEWS")
        .ok()
        .is_none_or(|w| w.split(',').any(|v| v.trim() == name))
}

/// The views measured: the whole range, a decade, a month, a day.
fn views(d: &Dataset) -> Vec<(&'static str, TimeView)> {
    let (a, b) = d.time_range().unwrap_or((0.0, 1.0));
    let all = vec![
        ("whole", TimeView::fit(a, b)),
        ("decade", TimeView::new(axis_from_year(1850), 3652.5)),
        ("month", TimeView::new(axis_from_year(1870) + 151.0, 30.0)),
        ("day", TimeView::new(axis_from_year(1870) + 151.0, 1.0)),
    ];
    all.into_iter().filter(|(name, _)| wanted(name)).collect()
}

fn input(pointer: Pos2) -> RawInput {
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN[0], SCREEN[1]))),
        ..RawInput::default()
    };
    input.events.push(egui::Event::PointerMoved(pointer));
    input
}

/// Median milliseconds of `frames` runs of `frame` after `warmup` runs.
fn median_ms(warmup: usize, frames: usize, frame: impl FnMut()) -> f64 {
    times_ms(warmup, frames, frame).0
}

/// Median and slowest milliseconds of `frames` runs of `frame` after `warmup` runs.
fn times_ms(warmup: usize, frames: usize, mut frame: impl FnMut()) -> (f64, f64) {
    for _ in 0..warmup {
        frame();
    }
    let mut times: Vec<f64> = (0..frames)
        .map(|_| {
            let t = Instant::now();
            frame();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() - 1])
}

/// One frame of the real app: egui pass and tessellation.
fn chronolane_frame(ctx: &egui::Context, app: &mut App, frame: &mut eframe::Frame, pointer: Pos2) {
    let out = ctx.run_ui(input(pointer), |ui| {
        eframe::App::logic(app, ui.ctx(), frame);
        eframe::App::ui(app, ui, frame);
    });
    black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
}

/// The same events as plain `egui_plot` points, one series per lane, x in years.
fn plot_lanes(d: &Dataset) -> Vec<(String, Vec<PlotPoint>)> {
    d.themes()
        .iter()
        .zip(d.lanes())
        .enumerate()
        .map(|(lane, (theme, index))| {
            let points = index
                .events()
                .map(|i| {
                    let e = &d.events()[i];
                    PlotPoint::new(1970.0 + e.axis_start() / 365.2425, lane as f64)
                })
                .collect();
            (theme.label.clone(), points)
        })
        .collect()
}

fn plot_frame(
    ctx: &egui::Context,
    lanes: &[(String, Vec<PlotPoint>)],
    view: TimeView,
    pointer: Pos2,
) {
    let (x0, x1) = (
        1970.0 + view.start / 365.2425,
        1970.0 + view.end() / 365.2425,
    );
    let out = ctx.run_ui(input(pointer), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            Plot::new("naive").show(ui, |plot| {
                plot.set_plot_bounds(PlotBounds::from_min_max(
                    [x0, -0.5],
                    [x1, lanes.len() as f64],
                ));
                for (name, points) in lanes {
                    plot.points(Points::new(name.as_str(), points.as_slice()).radius(3.0));
                }
            });
        });
    });
    black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
}

struct Row {
    events: usize,
    view: &'static str,
    ours: f64,
    /// The slowest of Chronolane's frames.
    slowest: f64,
    naive: f64,
}

/// The sizes to measure: all of [`SIZES`], or those in `BENCH_SIZES` (`1000,1000000`).
fn sizes() -> Vec<usize> {
    std::env::var("BENCH_SIZES").ok().map_or_else(
        || SIZES.to_vec(),
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    )
}

fn frames(rows: &mut Vec<Row>) {
    let naive_too = std::env::var("BENCH_NAIVE").map_or(true, |v| v != "0");
    for n in sizes() {
        let dataset = chronolane::synth::dataset(n, SEED);
        let lanes = plot_lanes(&dataset);
        let views = views(&dataset);
        let mut app = App::with_state(Persisted::default());
        app.show_dataset(dataset);
        // A selection, as a user would have one.
        app.push(Command::Select(Some(n / 2)));
        let ctx = egui::Context::default();
        let mut frame = eframe::Frame::_new_kittest();
        let plot_ctx = egui::Context::default();
        let pointer = pos2(SCREEN[0] * 0.5, SCREEN[1] * 0.3);
        for (name, view) in views {
            // Applied by the first of the warm-up frames.
            app.push(Command::SetView(view));
            let (ours, slowest) = times_ms(5, 40, || {
                chronolane_frame(&ctx, &mut app, &mut frame, pointer);
            });
            let (warm, count) = if n >= 1_000_000 { (2, 7) } else { (3, 15) };
            let naive = if naive_too {
                median_ms(warm, count, || plot_frame(&plot_ctx, &lanes, view, pointer))
            } else {
                f64::NAN
            };
            let versus = if naive_too {
                format!("   egui_plot {naive:>9.3} ms   ×{:.0}", naive / ours)
            } else {
                String::new()
            };
            println!(
                "frame  {n:>9} events  {name:<6}  chronolane {ours:>8.3} ms (slowest {slowest:.3}){versus}"
            );
            rows.push(Row {
                events: n,
                view: name,
                ours,
                slowest,
                naive,
            });
        }
        // The whole view with, first, the Export tab's live preview (one more figure of the
        // same layout), then the chart (counts per period and lane, drawn with egui_plot).
        let (a, b) = app.probe().dataset.time_range().unwrap_or((0.0, 1.0));
        app.push(Command::SetView(TimeView::fit(a, b)));
        let extras = [
            (
                "export",
                "whole, Export tab",
                vec![Command::ShowTab(SideTab::Export)],
            ),
            (
                "chart",
                "whole, chart",
                vec![
                    Command::ShowTab(SideTab::Details),
                    Command::ShowPanel(Panel::Chart, true),
                ],
            ),
        ];
        for (key, name, commands) in extras {
            if !wanted(key) {
                continue;
            }
            for c in commands {
                app.push(c);
            }
            let (ours, slowest) = times_ms(5, 40, || {
                chronolane_frame(&ctx, &mut app, &mut frame, pointer);
            });
            println!(
                "frame  {n:>9} events  {name}  chronolane {ours:>8.3} ms (slowest {slowest:.3})"
            );
            rows.push(Row {
                events: n,
                view: name,
                ours,
                slowest,
                naive: f64::NAN,
            });
        }
    }
}

/// The frames as a Markdown table.
fn frame_table(rows: &[Row]) {
    println!("| events    | view   | Chronolane ms | slowest ms | naive egui_plot ms | faster |");
    println!("|----------:|--------|--------------:|-----------:|-------------------:|-------:|");
    for r in rows {
        let ratio = r.naive / r.ours;
        let ratio = if ratio.is_nan() {
            "–".to_owned()
        } else if ratio < 10.0 {
            format!("{ratio:.1}×")
        } else {
            format!("{ratio:.0}×")
        };
        println!(
            "| {:>9} | {:<6} | {:>13.3} | {:>10.3} | {:>18} | {ratio:>6} |",
            r.events,
            r.view,
            r.ours,
            r.slowest,
            if r.naive.is_nan() {
                "–".to_owned()
            } else {
                format!("{:.2}", r.naive)
            }
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is a filter we do not use.
    let started = Instant::now();
    let mut rows = Vec::new();
    frames(&mut rows);
    if std::env::var("BENCH_FRAMES_ONLY").is_ok_and(|v| v == "1") {
        return;
    }

    let big = chronolane::synth::dataset(1_000_000, SEED);
    let png = match OffscreenRenderer::new() {
        Ok(mut renderer) => {
            let (a, b) = big.time_range().unwrap_or((0.0, 1.0));
            let opts = FigureOptions {
                view: TimeView::fit(a, b),
                look: Look {
                    width: 4000,
                    height: 1500,
                    scale: 2.0,
                    ..Look::default()
                },
                lanes: chronolane::timeline::arrange::LaneArrangement::default(),
                selected: None,
            };
            let t = Instant::now();
            let bytes = renderer
                .render(&big, &Filter::default(), &opts)
                .and_then(|image| image.to_png())
                .map(|png| png.len());
            bytes.ok().map(|b| (t.elapsed().as_secs_f64(), b))
        }
        Err(_) => None,
    };

    println!();
    println!(
        "Chronolane benchmark (release, {}×{} window, median and slowest ms per frame of 40: egui pass + tessellation)",
        SCREEN[0], SCREEN[1]
    );
    println!();
    frame_table(&rows);
    println!();
    let line = |what: String, seconds: String| println!("| {what:<50} | {seconds:>7} |");
    line("1M events".into(), "seconds".into());
    println!("|{:-<52}|{:->8}:|", "", "");
    match png {
        Some((s, bytes)) => line(
            format!(
                "PNG export 4000 × 1500, whole range ({:.1} MB)",
                bytes as f64 / 1e6
            ),
            format!("{s:.2}"),
        ),
        None => line("PNG export 4000 × 1500".into(), "no GPU".into()),
    }
    println!();
    println!("(whole run: {:.0} s)", started.elapsed().as_secs_f64());
}
