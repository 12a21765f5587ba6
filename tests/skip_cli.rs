//! The command line on a spreadsheet with one bad row (`tests/skip/chronicle-98-rows.csv`, made
//! for these tests): `validate` reports it and exits 1; the exports open the 97 good rows with
//! `--skip-invalid` and exit 0; a path that is not a regular file is refused at once.

mod common;

use common::cli::{run, text};

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SHEET: &str = "tests/skip/chronicle-98-rows.csv";
const PROBLEM: &str =
    "tests/skip/chronicle-98-rows.csv:42: start \"the summer after the plague\" is not a date: ";

#[test]
fn validate_reports_the_bad_row_and_exits_1() {
    let o = run(&["validate", SHEET]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(PROBLEM), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn export_csv_without_skip_invalid_exports_nothing_and_exits_1() {
    let o = run(&["export", "csv", "--data", SHEET]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).starts_with(PROBLEM));
    assert!(o.stdout.is_empty());
}

#[test]
fn export_csv_skip_invalid_exports_exactly_the_good_rows() {
    let o = run(&["export", "csv", "--data", SHEET, "--skip-invalid"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let err: Vec<&str> = err.lines().collect();
    assert_eq!(err.len(), 2, "{err:?}");
    assert!(err[0].starts_with(PROBLEM), "{err:?}");
    assert_eq!(
        err[1],
        "tests/skip/chronicle-98-rows.csv: skipped 1 of 98 rows for their problems; read 97 events"
    );
    let out = text(&o.stdout);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let mut titles: Vec<String> = reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(1).map(str::to_owned))
        .collect();
    titles.sort();
    let mut expected: Vec<String> = (1..=98)
        .filter(|&n| n != 41)
        .map(|n| format!("Entry {n:02} of the town chronicle"))
        .collect();
    expected.sort();
    assert_eq!(titles, expected);
    assert!(!out.contains("Peasants"));
}

#[test]
fn export_png_skip_invalid_draws_the_good_rows() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let png = dir.path().join("chronicle.png");
    let png_path = png.to_string_lossy().into_owned();
    let args = [
        "export", "png", "--data", SHEET, "-o", &png_path, "--width", "320", "--height", "200",
        "--scale", "1",
    ];
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(!png.exists());
    let mut with_flag = args.to_vec();
    with_flag.push("--skip-invalid");
    let o = run(&with_flag);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).starts_with(PROBLEM));
    assert!(std::fs::metadata(&png)?.len() > 500);
    Ok(())
}

#[test]
fn skip_invalid_with_no_good_row_exits_1() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("none.csv");
    std::fs::write(&path, "title,start\nA,soon\nB,later\n")?;
    let p = path.to_string_lossy().into_owned();
    let o = run(&["export", "csv", "--data", &p, "--skip-invalid"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stderr).lines().count(), 2);
    assert!(o.stdout.is_empty());
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let fifo = dir.path().join("pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status()?;
    assert!(made.success(), "mkfifo failed");
    let fifo = fifo.to_string_lossy().into_owned();
    for args in [
        vec!["validate", fifo.as_str()],
        vec!["export", "csv", "--data", fifo.as_str(), "--skip-invalid"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chronolane"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if started.elapsed() > Duration::from_secs(20) {
                child.kill()?;
                panic!("{args:?} still waits on a FIFO");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(1), "{args:?}");
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            std::io::Read::read_to_string(&mut e, &mut err)?;
        }
        assert_eq!(
            err.trim_end(),
            format!(
                "{fifo}: a FIFO (named pipe) is not a regular file; Chronolane reads files only"
            )
        );
    }
    // A folder too.
    let o = run(&["validate", &dir.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("a folder is not a regular file"));
    Ok(())
}
