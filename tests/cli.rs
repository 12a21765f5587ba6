//! The command line, run as a user runs it: exit codes, output and files.

mod common;

use common::cli::{run, text};

#[test]
fn validate_prints_a_summary() {
    let o = run(&["validate", "data/japan-russia-1778-1922.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.starts_with("data/japan-russia-1778-1922.json: "),
        "{out}"
    );
    assert!(out.contains(" events in 3 lanes, 1778–"), "{out}");
}

#[test]
fn validate_reports_every_problem_and_exits_1() {
    let o = run(&["validate", "tests/bad/many-problems.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 8, "{err}");
    assert!(err.contains(
        "tests/bad/many-problems.csv:2: start \"1855-02-30\" is not a date: February 1855 has 28 days"
    ));
    assert!(o.stdout.is_empty());
}

#[test]
fn export_csv_to_stdout_from_the_embedded_dataset() {
    let o = run(&["export", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(out.starts_with(
        "id,title,start,end,theme,importance,place,description,sources,tags,links,names,calendar\n"
    ));
    // Russian-side documents as the dataset writes them, in the Julian calendar.
    assert!(
        out.contains("Treaty of Shimoda,26 January 1855 O.S.,"),
        "{out}"
    );
    assert!(out.contains("1904-02-08"));
}

#[test]
fn export_csv_filters() {
    let o = run(&[
        "export", "csv", "--theme", "war", "--from", "1900", "--to", "1905",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains(",war,")), "{out}");
    assert!(out.contains("Russo-Japanese War"));
    let o = run(&["export", "csv", "--search", "portsmouth"]);
    let out = text(&o.stdout);
    assert!(
        out.contains("Treaty of Portsmouth") && !out.contains("Shimoda"),
        "{out}"
    );
}

#[test]
fn export_csv_to_a_file_atomically() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.csv");
    let p = path.to_string_lossy().into_owned();
    let o = run(&["export", "csv", "-o", &p]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).starts_with("wrote "));
    let written = std::fs::read_to_string(&path)?;
    let back = run(&["validate", &p]);
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
    assert!(written.lines().count() > 30);
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
    Ok(())
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(
        run(&["export", "csv", "--from", "1855-02-30"])
            .status
            .code(),
        Some(2)
    );
    let o = run(&["export", "csv", "--theme", "science"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("diplomacy, war, territory"));
    assert_eq!(run(&["frobnicate", "x", "y"]).status.code(), Some(2));
    assert_eq!(run(&["validate"]).status.code(), Some(2));
}

#[test]
fn help_on_every_command() {
    for args in [
        &["--help"][..],
        &["validate", "--help"],
        &["export", "--help"],
        &["export", "csv", "--help"],
        &["export", "counts", "--help"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(text(&o.stdout).contains("Usage: chronolane"), "{args:?}");
    }
}

#[test]
fn export_of_bad_data_exits_1() {
    let o = run(&["export", "csv", "--data", "tests/bad/duplicate-ids.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("duplicate-ids.csv:3:"));
}

#[test]
fn validate_refuses_json_that_is_no_timeline() {
    for file in ["tests/bad/storymap.json", "tests/bad/unrelated-list.json"] {
        let o = run(&["validate", file]);
        assert_eq!(o.status.code(), Some(1), "{file}");
        let err = text(&o.stderr);
        assert!(err.contains(": not a timeline: expected"), "{err}");
        assert!(!text(&o.stdout).contains("0 events"), "{file}");
    }
}
