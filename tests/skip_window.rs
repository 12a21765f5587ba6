//! Opening a file some of whose rows have problems, in the real app (`egui_kittest`): the window
//! asks before replacing the dataset, opens the good rows, keeps "1 row skipped" in the status
//! bar, keeps the dataset on screen on Cancel, and saves the bad rows where the user says. The
//! spreadsheet (`tests/skip/chronicle-98-rows.csv`) was made for these tests.

use std::path::{Path, PathBuf};

use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::parts::PathPurpose;
use chronolane::ui::state::Persisted;
use egui::{Key, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SHEET: &str = "tests/skip/chronicle-98-rows.csv";
const PROBLEM: &str =
    "tests/skip/chronicle-98-rows.csv:42: start \"the summer after the plague\" is not a date: ";

fn harness() -> Harness<'static, App> {
    Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|_cc| App::with_state(Persisted::default()))
}

/// The app with the spreadsheet's columns confirmed in the import dialog: the question shows.
fn asked() -> Harness<'static, App> {
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::Open(SHEET.into()));
    h.run();
    assert!(
        h.state().probe().import_open,
        "its columns are asked for first"
    );
    h.get_by_label("Open").click();
    h.run();
    assert!(!h.state().probe().import_open);
    h
}

#[test]
fn the_window_asks_then_opens_the_good_rows_and_keeps_the_count() {
    let mut h = asked();
    // Nothing is replaced before the user answers.
    assert!(h.state().probe().path.is_none());
    assert!(h.state().probe().skip_confirm.is_some());
    h.get_by_label("98 rows, 1 with problems:");
    h.get_by_label_contains(PROBLEM);
    h.get_by_label("Save the rows with problems as CSV…");
    h.get_by_label("Diplomacy lane");
    h.get_by_label("Open the 97 good events").click();
    h.run();
    let app = h.state().probe();
    assert_eq!(app.path, Some(Path::new(SHEET)));
    assert_eq!(app.dataset.events().len(), 97);
    assert!(app.skip_confirm.is_none());
    assert!(
        app.dataset
            .events()
            .iter()
            .all(|e| !e.title().contains("Peasants")),
        "the bad row is left out"
    );
    assert!(
        app.message
            .starts_with("Opened tests/skip/chronicle-98-rows.csv: 97 events"),
        "{}",
        app.message
    );
    // The status bar keeps the count; a click shows the list again.
    h.get_by_label("1 row skipped").click();
    h.run();
    assert!(h.state().probe().skipped_list);
    h.get_by_label("98 rows, 1 with problems:");
    h.get_by_label_contains(PROBLEM);
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().probe().skipped_list);
    h.get_by_label("1 row skipped");
    // Another message does not hide it.
    h.state_mut().push(Command::Step(1));
    h.run();
    h.get_by_label("1 row skipped");
    // The File menu (the action table) shows the list too.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Rows skipped…").click();
    h.run();
    assert!(h.state().probe().skipped_list);
}

#[test]
fn cancel_keeps_the_dataset_on_screen() {
    let mut h = asked();
    h.get_by_label("Cancel").click();
    h.run();
    let app = h.state().probe();
    assert!(app.skip_confirm.is_none());
    assert!(app.path.is_none());
    assert!(app.skipped.is_none());
    assert_eq!(
        app.message,
        "Did not open chronicle-98-rows.csv; japan-russia-1778-1922 stays open"
    );
    h.get_by_label("Diplomacy lane");
    assert!(h.query_by_label("1 row skipped").is_none());
}

#[test]
fn the_question_answers_enter_and_esc() {
    let mut h = asked();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().probe().skip_confirm.is_none());
    assert!(h.state().probe().path.is_none());
    // Asked again (the columns are remembered only once a file opens), Enter opens.
    let mut h = asked();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().probe().dataset.events().len(), 97);
}

#[test]
fn copy_all_puts_every_problem_on_the_clipboard() {
    let mut h = asked();
    h.get_by_label("Copy all").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert!(copied[0].starts_with(PROBLEM), "{copied:?}");
}

#[test]
fn the_rows_with_problems_are_saved_as_written_never_over_the_source() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let source = dir.path().join("chronicle.csv");
    std::fs::copy(SHEET, &source)?;
    let before = std::fs::read(&source)?;
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::Import(
        source.clone(),
        chronolane::io::ColumnMap::default(),
    ));
    h.run();
    h.get_by_label("Save the rows with problems as CSV…")
        .click();
    h.run();
    // No desktop portal here: a typed path is asked for, next to the source.
    assert_eq!(
        h.state().probe().path_prompt,
        Some(PathPurpose::SkippedRows)
    );
    let out: PathBuf = dir.path().join("fix-me.csv");
    h.state_mut().push(Command::SubmitPath(
        PathPurpose::SkippedRows,
        source.clone(),
    ));
    h.run();
    assert!(
        h.state()
            .probe()
            .message
            .starts_with("Nothing was written: "),
        "{}",
        h.state().probe().message
    );
    assert_eq!(
        std::fs::read(&source)?,
        before,
        "the source is never written"
    );
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::SkippedRows, out.clone()));
    h.run();
    assert_eq!(
        std::fs::read_to_string(&out)?,
        "label,hdate,hdate_end,approx_year,url\n\
         Peasants' Revolt,the summer after the plague,,1381,https://example.org/rows/41\n"
    );
    assert!(
        h.state()
            .probe()
            .message
            .starts_with("Wrote the 1 row with problems to "),
        "{}",
        h.state().probe().message
    );
    // Still asking: saving does not open or cancel.
    assert!(h.state().probe().skip_confirm.is_some());
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status()?;
    assert!(made.success());
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::Open(fifo.clone()));
    h.run();
    let report = h.state().probe().report.cloned().expect("a report");
    assert_eq!(
        report.lines,
        [format!(
            "{}: a FIFO (named pipe) is not a regular file; Chronolane reads files only",
            fifo.display()
        )]
    );
    assert!(h.state().probe().path.is_none());
    h.get_by_label("Diplomacy lane");
    Ok(())
}

/// A spreadsheet whose range in the start column opens and whose last row does not.
const RANGES: &str = "Label;hdate;hdate_end;Group;Remarks\n\
    Councils;Between 47 and 50;;church;\n\
    Treaty of Shimoda;7 Feb 1855;;diplomacy;first treaty\n\
    ;1900;;war;\n";

#[test]
fn the_preview_is_the_loader_and_notes_go_to_the_status_bar() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("ranges.csv");
    std::fs::write(&path, RANGES)?;
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::Open(path.clone()));
    h.run();
    // Green: the range opens, as the loader reads it; red: the row without a title.
    h.get_by_label_contains("Between 47 and 50 = ");
    assert!(h.query_by_label("Between 47 and 50: not a date").is_none());
    assert_eq!(h.get_all_by_label("opens").count(), 2);
    assert_eq!(h.get_all_by_label("skipped").count(), 1);
    h.get_by_label("Open").click();
    h.run();
    h.get_by_label("3 rows, 1 with problems:");
    h.get_by_label("Open the 2 good events").click();
    h.run();
    let app = h.state().probe();
    assert_eq!(app.dataset.events().len(), 2);
    // After the user's own choice of columns, no window repeats it: the notes wait in the
    // status bar.
    assert!(app.report.is_none(), "{:?}", app.report);
    let notes = app.notes.len();
    assert!(notes >= 4, "{:?}", app.notes);
    h.get_by_label("1 row skipped");
    h.get_by_label(&format!("{notes} notes")).click();
    h.run();
    let report = h.state().probe().report.cloned().expect("the notes");
    assert_eq!(report.title, format!("Notes on {}", path.display()));
    assert!(!report.failed);
    assert!(
        report
            .lines
            .iter()
            .any(|l| l.ends_with("column \"Remarks\" is not used")),
        "{:?}",
        report.lines
    );
    Ok(())
}

#[test]
fn a_json_file_counts_events() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("events.json");
    std::fs::write(
        &path,
        "{\"title\": \"Three\", \"events\": [\n\
         {\"title\": \"A\", \"start\": \"1855\"},\n\
         {\"title\": \"B\", \"start\": \"someday\"},\n\
         {\"title\": \"C\", \"start\": \"1905\"}\n]}\n",
    )?;
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::Open(path.clone()));
    h.run();
    h.get_by_label("3 events, 1 with problems:");
    h.get_by_label_contains(&format!(
        "{}:3: start \"someday\" is not a date",
        path.display()
    ));
    h.get_by_label("Open the 2 good events").click();
    h.run();
    assert_eq!(h.state().probe().dataset.events().len(), 2);
    h.get_by_label("1 event skipped");
    Ok(())
}
