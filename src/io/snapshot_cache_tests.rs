//! Tests of the snapshots' cache folder: a file opened from its snapshot until it changes, a
//! corrupt snapshot ignored and written again, which files get one, the few kept, what an
//! interrupted write left, and where the folder is.

use std::path::PathBuf;

use super::*;
use crate::io::Field;

fn csv_of(n: usize) -> String {
    crate::io::csv::dataset_to_string(&crate::synth::dataset(n, 3))
}

/// A CSV file of `n` events in a folder of its own (kept while the first is), and a cache
/// folder there that keeps a snapshot of any file.
fn file_and_cache(n: usize) -> (tempfile::TempDir, PathBuf, Cache) {
    let dir = tempfile::tempdir().expect("folder");
    let file = dir.path().join("events.csv");
    std::fs::write(&file, csv_of(n)).expect("written");
    let cache = Cache {
        min_bytes: 0,
        ..Cache::new(dir.path().join("cache"))
    };
    (dir, file, cache)
}

#[test]
fn a_file_opens_from_its_snapshot_until_it_changes() {
    let (_dir, file, cache) = file_and_cache(300);
    let map = ColumnMap::default();
    let progress = Progress::new();
    let first = load_path_cached(&file, &map, &progress, Some(&cache));
    assert!(!first.from_snapshot);
    let loaded = first.result.expect("opens");
    let key = first.to_store.expect("a snapshot is due");
    assert!(
        cache
            .store(&loaded.dataset, &loaded.notes, &key)
            .expect("stored")
    );
    let second = load_path_cached(&file, &map, &progress, Some(&cache));
    assert!(second.from_snapshot);
    assert!(second.to_store.is_none());
    let reopened = second.result.expect("opens");
    assert!(reopened.dataset == loaded.dataset);
    assert_eq!(reopened.notes, loaded.notes);
    // Read with other columns: not from the snapshot.
    let other = ColumnMap(vec![(Field::Title, "title".to_owned())]);
    let mapped = load_path_cached(&file, &other, &progress, Some(&cache));
    assert!(!mapped.from_snapshot);
    // Changed: read from the file again, with what it holds now.
    std::fs::write(&file, csv_of(200)).expect("written");
    let third = load_path_cached(&file, &map, &progress, Some(&cache));
    assert!(!third.from_snapshot);
    assert_eq!(third.result.expect("opens").dataset.events().len(), 200);
    assert!(third.to_store.is_some());
}

#[test]
fn a_corrupt_snapshot_file_is_ignored_and_rebuilt() {
    let (_dir, file, cache) = file_and_cache(100);
    let map = ColumnMap::default();
    let key = SourceKey::of(&file, &map).expect("key");
    std::fs::create_dir_all(&cache.dir).expect("folder");
    std::fs::write(cache.file_of(&key), b"CHRONOLANE SNAP\n garbage").expect("written");
    let opened = load_path_cached(&file, &map, &Progress::new(), Some(&cache));
    assert!(!opened.from_snapshot);
    let loaded = opened.result.expect("opens from the file");
    assert_eq!(loaded.dataset.events().len(), 100);
    let key = opened.to_store.expect("rebuilt");
    cache
        .store(&loaded.dataset, &loaded.notes, &key)
        .expect("stored");
    assert!(load_path_cached(&file, &map, &Progress::new(), Some(&cache)).from_snapshot);
}

#[test]
fn small_files_and_partial_loads_get_no_snapshot() {
    let dir = tempfile::tempdir().expect("folder");
    let file = dir.path().join("events.csv");
    std::fs::write(&file, csv_of(50)).expect("written");
    let cache = Cache::new(dir.path().join("cache"));
    let map = ColumnMap::default();
    let small = load_path_cached(&file, &map, &Progress::new(), Some(&cache));
    assert!(small.result.is_ok());
    assert!(small.to_store.is_none(), "under {MIN_SOURCE_BYTES} bytes");
    let dataset = crate::synth::dataset(50, 3);
    let start = format!(",{},", dataset.events()[10].start().edtf());
    let text = csv_of(50).replacen(&start, ",not a date,", 1);
    assert_ne!(text, csv_of(50));
    std::fs::write(&file, text).expect("written");
    let cache = Cache {
        min_bytes: 0,
        ..cache
    };
    let partial = load_path_cached(&file, &map, &Progress::new(), Some(&cache));
    assert!(matches!(partial.result, Err(LoadError::Partial { .. })));
    assert!(partial.to_store.is_none());
    assert!(
        load_path_cached(&file, &map, &Progress::new(), None)
            .to_store
            .is_none()
    );
}

#[test]
fn the_cache_keeps_the_latest_snapshots_only() {
    let dir = tempfile::tempdir().expect("folder");
    let cache = Cache {
        min_bytes: 0,
        keep: 2,
        ..Cache::new(dir.path().join("cache"))
    };
    let dataset = crate::synth::dataset(10, 1);
    let mut keys = Vec::new();
    for i in 0..4 {
        let file = dir.path().join(format!("{i}.csv"));
        std::fs::write(&file, "x").expect("written");
        let key = SourceKey::of(&file, &ColumnMap::default()).expect("key");
        cache.store(&dataset, &[], &key).expect("stored");
        keys.push(key);
        // Modification times a clear step apart.
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let kept: Vec<bool> = keys.iter().map(|k| cache.open(k).is_some()).collect();
    assert_eq!(kept, [false, false, true, true]);
    let files = std::fs::read_dir(&cache.dir).expect("folder").count();
    assert_eq!(files, 2, "no temporary file left behind");
}

#[test]
fn what_an_interrupted_write_left_goes_when_the_cache_is_next_used() {
    // The window's writing thread ends with the window: its temporary file stays. Written
    // to over ten minutes ago, it goes; a younger one (another window writing) and other
    // files stay.
    let dir = tempfile::tempdir().expect("folder");
    let cache = Cache {
        min_bytes: 0,
        ..Cache::new(dir.path().join("cache"))
    };
    std::fs::create_dir_all(&cache.dir).expect("folder");
    let stale = cache.dir.join(".chronolane-a1B2c3.tmp");
    let young = cache.dir.join(".chronolane-d4E5f6.tmp");
    let other = cache.dir.join("notes.tmp");
    for f in [&stale, &young, &other] {
        std::fs::write(f, "part of a snapshot").expect("written");
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    for f in [&stale, &other] {
        let file = std::fs::File::options()
            .write(true)
            .open(f)
            .expect("opened");
        file.set_modified(hour_ago).expect("time set");
    }
    let source = dir.path().join("events.csv");
    std::fs::write(&source, "x").expect("written");
    let key = SourceKey::of(&source, &ColumnMap::default()).expect("key");
    assert!(
        cache
            .store(&crate::synth::dataset(10, 1), &[], &key)
            .expect("stored")
    );
    assert!(!stale.exists());
    assert!(young.exists() && other.exists());
    assert!(cache.open(&key).is_some());
    // Opening a file looks too (a window closed while writing, then no new file written).
    std::fs::write(&stale, "part of another").expect("written");
    let file = std::fs::File::options()
        .write(true)
        .open(&stale)
        .expect("opened");
    file.set_modified(hour_ago).expect("time set");
    assert!(cache.open(&key).is_some());
    assert!(!stale.exists() && young.exists());
}

#[test]
fn the_cache_folder_follows_the_environment() {
    fn env(vars: &[(&str, &str)]) -> Option<PathBuf> {
        Cache::from_vars(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| std::ffi::OsString::from(v))
        })
        .map(|c| c.dir)
    }
    let all = [
        (CACHE_DIR_VAR, "/tmp/snaps"),
        ("XDG_CACHE_HOME", "/home/u/.xdg-cache"),
        ("HOME", "/home/u"),
    ];
    assert_eq!(env(&all[..]), Some(PathBuf::from("/tmp/snaps")));
    assert_eq!(
        env(&all[1..]),
        Some(PathBuf::from("/home/u/.xdg-cache/chronolane/snapshots"))
    );
    assert_eq!(
        env(&all[2..]),
        Some(PathBuf::from("/home/u/.cache/chronolane/snapshots"))
    );
    assert_eq!(
        env(&[("XDG_CACHE_HOME", "relative"), ("HOME", "/home/u")]),
        Some(PathBuf::from("/home/u/.cache/chronolane/snapshots"))
    );
    assert_eq!(
        env(&[(CACHE_DIR_VAR, ""), ("HOME", "/h")]),
        Some(PathBuf::from("/h/.cache/chronolane/snapshots"))
    );
    assert_eq!(env(&[]), None);
    let cache = Cache::from_vars(|_| Some("/x".into())).expect("a folder");
    assert_eq!((cache.min_bytes, cache.keep), (MIN_SOURCE_BYTES, KEEP));
}
