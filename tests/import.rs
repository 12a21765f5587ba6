//! Opening files from the window: the CSV import dialog (columns, preview of how dates read) and
//! reading a big file in the background with progress, without losing the dataset on screen.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chronolane::io::{self, ColumnMap, Field, LoadError, Progress};
use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::state::Persisted;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|_cc| App::with_state(Persisted::default()))
}

/// The app after asking it to open `text` as `name` (the dialog shows, or the file opens).
fn opening(dir: &Path, name: &str, text: &str) -> (Harness<'static, App>, PathBuf) {
    let path = write(dir, name, text);
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::Open(path.clone()));
    h.run();
    (h, path)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temporary file");
    path
}

const SPREADSHEET: &str = "Label;hdate;hdate_end;Group;Remarks\n\
    Treaty of Shimoda;7 Feb 1855;;diplomacy;first treaty\n\
    Russo-Japanese War;1904-02-08;5 September 1905;war;\n\
    Sakhalin;c. 1875;;territory;\n";

#[test]
fn a_spreadsheet_asks_for_its_columns_and_shows_how_dates_read() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (mut h, path) = opening(dir.path(), "mine.csv", SPREADSHEET);
    // Nothing is loaded until the user confirms.
    assert!(h.state().probe().path.is_none());
    h.get_by_label_contains("5 columns, separated by semicolons");
    h.get_by_label("7 Feb 1855 = 7 February 1855");
    h.get_by_label("5 September 1905 = 5 September 1905");
    h.get_by_label("c. 1875 = c. 1875");
    h.get_by_label("--map title=Label,start=hdate,end=hdate_end,theme=Group");
    h.get_by_label("Open").click();
    h.run();
    let app = h.state().probe();
    assert_eq!(app.path, Some(path.as_path()));
    assert_eq!(app.dataset.events().len(), 3);
    assert_eq!(app.dataset.themes().len(), 3);
    assert!(!app.import_open);
    // Reload reads the file with the same columns, without asking again.
    h.state_mut().push(Command::Reload);
    h.run();
    assert!(!h.state().probe().import_open);
    assert_eq!(h.state().probe().dataset.events().len(), 3);
}

#[test]
fn a_date_that_does_not_read_is_shown_before_opening_and_cancel_keeps_the_dataset() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (mut h, _) = opening(dir.path(), "plans.csv", "name,date\nCongress,next spring\n");
    h.get_by_label("next spring: not a date");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().probe().import_open);
    assert!(h.state().probe().path.is_none());
    h.get_by_label("Diplomacy lane");
}

/// The dialog marked `Between 47 and 50` red although the loader opened it: the preview reads
/// each row with the loader's code, and shows the end the start cell gives.
#[test]
fn the_preview_shows_what_the_loader_reads() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (mut h, _) = opening(
        dir.path(),
        "romans.csv",
        "label,hdate,hdate_end\n\
         Claudius in Britain,Between 47 and 50,\n\
         Revolt,30 may 1381,Between 25 jun 1381 and 26 jun 1381\n",
    );
    h.get_by_label("Between 47 and 50 = 47?");
    h.get_by_label("= 50?");
    h.get_by_label("Between 25 jun 1381 and 26 jun 1381 = between 25 June 1381 and 26 June 1381");
    h.get_by_label("Open").click();
    h.run();
    let opened: Vec<String> = h
        .state()
        .probe()
        .dataset
        .events()
        .iter()
        .map(|e| format!("{}: {}", e.title(), e.when_in_words()))
        .collect();
    assert_eq!(
        opened,
        [
            "Claudius in Britain: 47?–50?",
            "Revolt: 30 May 1381 – between 25 June 1381 and 26 June 1381"
        ]
    );
    // A row the loader skips is red, with the loader's reason.
    let (h, _) = opening(
        dir.path(),
        "backwards.csv",
        "label,hdate,hdate_end\nWar,1860,1850\n",
    );
    h.get_by_label("1850: skipped");
}

#[test]
fn a_required_field_left_unread_cannot_be_opened() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (mut h, _) = opening(dir.path(), "mine.csv", SPREADSHEET);
    let mut columns = h
        .state()
        .probe()
        .import
        .map(|d| d.preview.columns)
        .expect("the import dialog is open");
    columns[Field::Start] = None;
    h.state_mut().push(Command::RemapImport(columns));
    h.run();
    h.get_by_label_contains("no column is chosen for start");
    h.get_by_label("Open").click();
    h.run();
    assert!(h.state().probe().path.is_none(), "Open is disabled");
}

#[test]
fn chronolanes_own_csv_opens_without_questions() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (h, _) = opening(dir.path(), "own.csv", "title,start\nA,1855\n");
    assert!(!h.state().probe().import_open);
    assert_eq!(h.state().probe().dataset.events().len(), 1);
}

/// A CSV file bigger than the size read at once: `rows` events a day apart from 1800.
fn big_csv(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("big.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("temporary file"));
    writeln!(f, "id,title,start,theme,description").expect("write");
    let filler = "x".repeat(60);
    for i in 0..rows {
        let day = chronolane::model::CivilDate::from_days(i as i64 - 62_000);
        writeln!(
            f,
            "e{i},Event {i},{:04}-{:02}-{:02},lane{},{filler}",
            day.year,
            day.month,
            day.day,
            i % 3
        )
        .expect("write");
    }
    f.flush().expect("write");
    path
}

#[test]
fn a_big_file_opens_in_the_background() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = big_csv(dir.path(), 60_000);
    assert!(
        std::fs::metadata(&path).expect("size").len() > chronolane::ui::loading::BACKGROUND_BYTES
    );
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::Open(path.clone()));
    h.step();
    assert!(h.state().probe().loading, "read in the background");
    h.step();
    h.get_by_label_contains("Opening big.csv");
    // Meanwhile the old dataset stays on screen.
    assert!(h.state().probe().path.is_none());
    let started = Instant::now();
    while h.state().probe().loading && started.elapsed() < Duration::from_mins(2) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    assert!(!h.state().probe().loading);
    assert_eq!(h.state().probe().dataset.events().len(), 60_000);
    assert!(
        h.state().probe().message.starts_with("Opened"),
        "{}",
        h.state().probe().message
    );
}

#[test]
fn a_cancelled_load_reports_cancelled_and_loads_nothing() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = big_csv(dir.path(), 2_000);
    let progress = Progress::new();
    progress.cancel();
    let r = io::load_path_progress(&path, &ColumnMap::default(), &progress);
    assert!(matches!(r, Err(LoadError::Cancelled { .. })), "{r:?}");
    // Without cancelling, the same file loads and progress reaches the end.
    let progress = Progress::new();
    let loaded = io::load_path_progress(&path, &ColumnMap::default(), &progress).expect("loads");
    assert_eq!(loaded.dataset.events().len(), 2_000);
    assert_eq!(progress.fraction(), 1.0);
}

#[test]
fn cancelling_in_the_window_keeps_the_dataset() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = big_csv(dir.path(), 60_000);
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::Open(path.clone()));
    // Whether the thread sees the request before or after it finishes reading, the result is
    // dropped: a cancelled load never replaces the dataset.
    h.state_mut().push(Command::CancelLoad);
    h.step();
    let started = Instant::now();
    while h.state().probe().loading && started.elapsed() < Duration::from_mins(2) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    assert!(h.state().probe().path.is_none());
    assert!(
        h.state().probe().message.starts_with("Stopped opening"),
        "{}",
        h.state().probe().message
    );
}
