//! `cargo bench --bench load`: opening big files. A 1M-event CSV with its rows shuffled (as a
//! user's file would be) and the same events as JSON are opened as the window opens them (read,
//! checked, sorted, indexed; then a first frame drawn), side by side with Python's `csv` module
//! reading every row of the same CSV in the same run (the baseline the loader is held to). The
//! resident memory the open dataset adds is counted beyond the text of its events, and the most
//! that opening adds at once (Linux's `VmRSS` and `VmHWM`). `BENCH_LOAD_SIZES=1000000,10000000` adds a 10M-event CSV (~1 GB, written
//! to the temporary folder and removed after). Each CSV is then opened again from its snapshot
//! (`src/io/snapshot.rs`, written once beforehand in a cache folder of the run's own), as the
//! window reopens a big file it has opened before.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chronolane::io::snapshot::{self, Cache, SourceKey};
use chronolane::io::{ColumnMap, Progress};
use chronolane::model::{Dataset, Event};
use chronolane::ui::App;
use chronolane::ui::state::Persisted;
use egui::{Pos2, RawInput, Rect, pos2, vec2};

const SEED: u64 = 42;

/// Resident memory of this process now and at most so far, in bytes (`VmRSS`, `VmHWM`).
fn resident() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb * 1024.0)
    };
    (kb("VmRSS:"), kb("VmHWM:"))
}

/// Starts counting the most resident memory afresh (Linux: `clear_refs` 5 resets `VmHWM`).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The sizes of CSV to open: 1M, or those in `BENCH_LOAD_SIZES`.
fn sizes() -> Vec<usize> {
    std::env::var("BENCH_LOAD_SIZES").ok().map_or_else(
        || vec![1_000_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    )
}

/// `n` synthetic events as CSV, rows shuffled, written into `dir`.
fn csv_file(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join(format!("events-{n}.csv"));
    let mut events = chronolane::synth::events(n, SEED);
    // Rows in no particular order, as a user's file would be (the loader sorts them).
    fastrand::Rng::with_seed(SEED).shuffle(&mut events);
    write_synced(&path, chronolane::io::csv::to_string(&events).as_bytes());
    path
}

/// Writes `bytes` to `path` and waits until they are on disk: the kernel's writing them back
/// would otherwise share the cores with the timings that follow.
fn write_synced(path: &Path, bytes: &[u8]) {
    use std::io::Write as _;
    if let Ok(mut file) = std::fs::File::create(path) {
        let _ = file.write_all(bytes).and_then(|()| file.sync_all());
    }
}

/// The best of two times Python's `csv` module takes to read every row of `path` (interpreter
/// start included), as Chronolane's are the best of two; `None` without `python3`.
fn python_csv_seconds(path: &Path) -> Option<f64> {
    let once = python_csv_once(path)?;
    Some(python_csv_once(path).map_or(once, |again| again.min(once)))
}

fn python_csv_once(path: &Path) -> Option<f64> {
    const COUNT_ROWS: &str = "import csv, sys\n\
        with open(sys.argv[1], newline='', encoding='utf-8') as f:\n\
        \x20   print(sum(1 for _ in csv.reader(f)))";
    let t = Instant::now();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(COUNT_ROWS)
        .arg(path)
        .output()
        .ok()?;
    out.status.success().then(|| t.elapsed().as_secs_f64())
}

/// The bytes of text of an event's fields: what any representation of it must hold.
fn text_bytes(e: &Event) -> usize {
    let dates = e.start().edtf().len() + e.end.as_ref().map_or(0, |d| d.edtf().len());
    e.id().len()
        + e.title().len()
        + e.theme.len()
        + e.place().map_or(0, str::len)
        + e.description().len()
        + dates
}

/// What opening `path` costs: the best of two times to open it (read, checked, indexed) and to
/// draw a first frame after, and the memory it takes.
struct Opening {
    load: f64,
    first_frame: f64,
    /// Resident memory the open dataset adds, per event, beyond its events' text.
    bytes_per_event: f64,
    /// The most resident memory opening added at once (the file's text included), in MB.
    peak_mb: f64,
    events: usize,
}

/// Opens `path` twice, each time in a process of its own (as a user's start of the window
/// with a file: a heap nothing else has used), and keeps the better time.
fn open(path: &Path, snapshots: Option<&Path>) -> Opening {
    let runs: Vec<Opening> = (0..2)
        .filter_map(|_| open_in_child(path, snapshots))
        .collect();
    let best = |f: fn(&Opening) -> f64| runs.iter().map(f).fold(f64::NAN, f64::min);
    Opening {
        load: best(|o| o.load),
        first_frame: best(|o| o.first_frame),
        bytes_per_event: best(|o| o.bytes_per_event),
        peak_mb: best(|o| o.peak_mb),
        events: runs.first().map_or(0, |o| o.events),
    }
}

/// The environment variable that makes this bench a child opening the file it names.
const MEASURE: &str = "CHRONOLANE_BENCH_MEASURE";
/// The environment variable that makes the child open the file from its snapshot in the cache
/// folder it names (the child fails when there is none).
const SNAPSHOTS: &str = "CHRONOLANE_BENCH_SNAPSHOTS";

/// This bench run again to open `path` ([`measure`]), from its snapshot in `snapshots` if
/// given, and what it tells.
fn open_in_child(path: &Path, snapshots: Option<&Path>) -> Option<Opening> {
    let mut child = std::process::Command::new(std::env::current_exe().ok()?);
    child.env(MEASURE, path);
    // As the `chronolane` binary starts itself.
    if let Some((key, value)) = chronolane::huge_pages::tunables() {
        child.env(key, value);
    }
    if let Some(dir) = snapshots {
        child.env(SNAPSHOTS, dir);
    }
    let out = child.output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let numbers: Vec<f64> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let &[load, first_frame, bytes_per_event, peak_mb, events] = numbers.as_slice() else {
        return None;
    };
    Some(Opening {
        load,
        first_frame,
        bytes_per_event,
        peak_mb,
        events: events as usize,
    })
}

/// The child's part: open `path` as the window does, draw a first frame, and print the times
/// and the memory for [`open_in_child`].
fn measure(path: &Path) {
    let (before, _) = resident();
    reset_peak();
    let t = Instant::now();
    let dataset: Option<Dataset> = match std::env::var_os(SNAPSHOTS) {
        // As the window opens a file it has a snapshot of (and nothing when it has none).
        Some(dir) => {
            let cache = Cache::new(PathBuf::from(dir));
            let map = ColumnMap::default();
            let opened = snapshot::load_path_cached(path, &map, &Progress::new(), Some(&cache));
            opened
                .result
                .ok()
                .filter(|_| opened.from_snapshot)
                .map(|l| l.dataset)
        }
        None => chronolane::io::load_path(path).ok().map(|l| l.dataset),
    };
    let load = t.elapsed().as_secs_f64();
    let (held, peak) = resident();
    let events = dataset.as_ref().map_or(0, |d| d.events().len());
    let text: usize = dataset
        .as_ref()
        .map_or(0, |d| d.events().iter().map(text_bytes).sum());
    let per_event = (held - before - text as f64) / events.max(1) as f64;
    let t = Instant::now();
    if let Some(dataset) = dataset {
        let mut app = App::with_state(Persisted::default());
        app.show_dataset(dataset);
        first_frame_of(&mut app);
    }
    let first_frame = load + t.elapsed().as_secs_f64();
    println!(
        "{load} {first_frame} {per_event} {} {events}",
        (peak - before) / 1e6
    );
}

fn first_frame_of(app: &mut App) {
    let ctx = egui::Context::default();
    let mut frame = eframe::Frame::_new_kittest();
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 900.0))),
        ..RawInput::default()
    };
    input
        .events
        .push(egui::Event::PointerMoved(pos2(800.0, 300.0)));
    let output = ctx.run_ui(input, |ui| {
        eframe::App::logic(app, ui.ctx(), &mut frame);
        eframe::App::ui(app, ui, &mut frame);
    });
    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
}

/// The rows of the time to open a file, and to draw a first frame after.
fn time_rows(what: &str, ours: &Opening) {
    row(what, &format!("{:.2}", ours.load));
    row(
        "  and the first frame drawn, s",
        &format!("{:.2}", ours.first_frame),
    );
}

/// The rows of the memory opening a file takes.
fn memory_rows(ours: &Opening) {
    row(
        "  resident bytes per event beyond its text",
        &format!("{:.0}", ours.bytes_per_event),
    );
    row(
        "  peak resident while opening, MB",
        &format!("{:.0}", ours.peak_mb),
    );
}

/// Reads `csv` and writes its snapshot in `dir`, as the window does after opening it; says
/// whether it did (and prints the snapshot's size).
fn store_snapshot(csv: &Path, dir: &Path) -> bool {
    let map = ColumnMap::default();
    let (Ok(key), Ok(loaded)) = (SourceKey::of(csv, &map), chronolane::io::load_path(csv)) else {
        return false;
    };
    let cache = Cache::new(dir.to_path_buf());
    let t = Instant::now();
    let stored = cache
        .store(&loaded.dataset, &loaded.notes, &key)
        .unwrap_or(false);
    let mb = std::fs::metadata(cache.file_of(&key)).map_or(0.0, |m| m.len() as f64 / 1e6);
    eprintln!(
        "snapshot of {}: {mb:.0} MB, written in {:.2} s",
        csv.display(),
        t.elapsed().as_secs_f64()
    );
    stored
}

fn row(what: &str, value: &str) {
    println!("| {what:<58} | {value:>9} |");
}

fn main() {
    if let Some(path) = std::env::var_os(MEASURE) {
        measure(Path::new(&path));
        return;
    }
    let started = Instant::now();
    let dir = std::env::temp_dir().join(format!("chronolane-load-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    println!("| opening (release, this machine, best of 2 fresh processes)  |     value |");
    println!("|{:-<60}|{:->10}:|", "", "");
    for n in sizes() {
        let csv = csv_file(&dir, n);
        let mb = std::fs::metadata(&csv).map_or(0.0, |m| m.len() as f64 / 1e6);
        let ours = open(&csv, None);
        let python = python_csv_seconds(&csv);
        let snapshots = dir.join("snapshots");
        let reopened = store_snapshot(&csv, &snapshots).then(|| open(&csv, Some(&snapshots)));
        let _ = std::fs::remove_dir_all(&snapshots);
        let _ = std::fs::remove_file(&csv);
        let size = if n >= 1_000_000 {
            format!("{}M", n / 1_000_000)
        } else {
            n.to_string()
        };
        time_rows(
            &format!("{size} events, CSV ({mb:.0} MB, shuffled): read, checked, indexed s"),
            &ours,
        );
        row("  MB/s", &format!("{:.0}", mb / ours.load));
        match python {
            Some(p) => {
                row(
                    "  Python's csv module: every row read (best of 2), s",
                    &format!("{p:.2}"),
                );
                row(
                    "  Chronolane vs Python (× faster)",
                    &format!("{:.2}×", p / ours.load),
                );
            }
            None => row("  Python's csv module", "no python3"),
        }
        memory_rows(&ours);
        assert_eq!(ours.events, n, "every event opens");
        let reopened = reopened.expect("the snapshot is written");
        row(
            "  reopened from its snapshot, s",
            &format!("{:.2}", reopened.load),
        );
        row(
            "    and the first frame drawn, s",
            &format!("{:.2}", reopened.first_frame),
        );
        row(
            "    peak resident while reopening, MB",
            &format!("{:.0}", reopened.peak_mb),
        );
        assert_eq!(reopened.events, n, "every event reopens from the snapshot");
    }
    let json = dir.join("events-1m.json");
    write_synced(
        &json,
        chronolane::io::json::to_string(&chronolane::synth::dataset(1_000_000, SEED)).as_bytes(),
    );
    let mb = std::fs::metadata(&json).map_or(0.0, |m| m.len() as f64 / 1e6);
    let ours = open(&json, None);
    let _ = std::fs::remove_dir_all(&dir);
    time_rows(
        &format!("1M events, JSON ({mb:.0} MB): read, checked, indexed s"),
        &ours,
    );
    memory_rows(&ours);
    println!();
    println!("(whole run: {:.0} s)", started.elapsed().as_secs_f64());
}
