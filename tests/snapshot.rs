//! Snapshots of big files (`src/io/snapshot.rs`): the window reopens a file from its snapshot,
//! says so, and reads the file again once it has changed; the fuzz target's seeds are the
//! snapshots of today's format and read back (`UPDATE_SEEDS=1 cargo test --test snapshot`
//! writes them again after an intended change of the format).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chronolane::io::snapshot::{self, Cache, SourceKey};
use chronolane::io::{ColumnMap, Progress};
use chronolane::model::Dataset;
use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::state::Persisted;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

// ---------------------------------------------------------------------------------------------
// The fuzz target's seeds.

/// The key the fuzz target reads with.
fn fuzz_key() -> SourceKey {
    SourceKey {
        path: PathBuf::from("/fuzz/events.csv"),
        size: 1,
        modified_ns: 0,
        file_id: 0,
        columns: Vec::new(),
    }
}

/// The seeds: a small file's dataset, and the default dataset's events with other names (every
/// rare part but the Julian dates) with its lanes and eras.
fn seed_datasets() -> Vec<(&'static str, Dataset)> {
    let small = std::fs::read_to_string("fuzz/seeds/json/small.json").expect("seed");
    let (small, _) = chronolane::io::json::parse(&small).expect("small.json reads");
    let full = chronolane::io::default_dataset();
    let rare = full
        .events()
        .iter()
        .filter(|e| !e.names().is_empty())
        .cloned()
        .collect();
    let (rare, _) = Dataset::new(
        full.meta.clone(),
        full.themes().to_vec(),
        full.eras().to_vec(),
        rare,
    );
    vec![("small.snapshot", small), ("rare-parts.snapshot", rare)]
}

#[test]
fn the_fuzz_seeds_are_snapshots_of_the_current_format() {
    let dir = Path::new("fuzz/seeds/snapshot");
    let update = std::env::var_os("UPDATE_SEEDS").is_some();
    for (name, dataset) in seed_datasets() {
        let notes = vec![format!("{name}: a note")];
        // In parts of two events: the fuzzer starts from snapshots of several parts.
        let bytes = snapshot::write_in_parts(&dataset, &notes, &fuzz_key(), 2).expect("written");
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(dir).expect("folder");
            std::fs::write(&path, &bytes).expect("seed written");
        }
        let seed = std::fs::read(&path).expect("the seed (UPDATE_SEEDS=1 writes it)");
        assert!(
            seed == bytes,
            "{name} is not what the writer makes now: UPDATE_SEEDS=1 cargo test --test snapshot"
        );
        let loaded = snapshot::read(&seed, &fuzz_key()).expect("the seed reads");
        assert!(loaded.dataset == dataset, "{name}");
        assert_eq!(loaded.notes, notes);
        assert!(dataset.events().len() >= 3, "{name}");
    }
    assert!(
        seed_datasets()[1]
            .1
            .events()
            .iter()
            .any(|e| !e.sources().is_empty() && !e.links().is_empty()),
        "the rare parts are there"
    );
}

#[test]
fn every_seed_goes_through_the_reader() {
    let mut read = 0;
    for entry in
        std::fs::read_dir("fuzz/seeds/snapshot").expect("seeds (UPDATE_SEEDS=1 writes them)")
    {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("seed");
        assert!(snapshot::read_unverified(&bytes).is_some());
        read += 1;
    }
    assert!(read >= 2);
}

// ---------------------------------------------------------------------------------------------
// The window.

fn harness(cache: Cache) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(move |_cc| App::with_state(Persisted::default()).with_snapshots(Some(cache)));
    h.run();
    h
}

fn write_csv(path: &Path, events: usize, seed: u64) -> Dataset {
    let dataset = chronolane::synth::dataset(events, seed);
    std::fs::write(path, chronolane::io::csv::dataset_to_string(&dataset)).expect("written");
    dataset
}

/// Opens `path` from the File menu's command and waits until it is read (a big file is read
/// in the background).
fn open(h: &mut Harness<'static, App>, path: &Path) {
    h.state_mut().push(Command::Open(path.to_path_buf()));
    h.step();
    let started = Instant::now();
    while h.state().probe().loading && started.elapsed() < Duration::from_mins(2) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    assert!(!h.state().probe().loading, "still opening");
    h.step();
}

/// Steps the window until the snapshot of `path` as it is now is in the cache (it is written
/// in the background once the dataset has been drawn).
fn wait_for_snapshot(h: &mut Harness<'static, App>, cache: &Cache, path: &Path) {
    let key = SourceKey::of(path, &ColumnMap::default()).expect("key");
    let started = Instant::now();
    while cache.open(&key).is_none() && started.elapsed() < Duration::from_mins(2) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    assert!(
        cache.open(&key).is_some(),
        "no snapshot of {}",
        path.display()
    );
}

fn message(h: &Harness<'static, App>) -> String {
    h.state().probe().message.to_owned()
}

#[test]
fn the_window_reopens_a_big_file_from_its_snapshot_until_it_changes() {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("big.csv");
    let first = write_csv(&path, 50_000, 5);
    let size = std::fs::metadata(&path).expect("size").len();
    // Read in the background, as a big file is.
    assert!(size > chronolane::ui::loading::BACKGROUND_BYTES, "{size}");
    let cache = Cache {
        // The default (8 MiB) would make the test slow: a smaller file is "big" here.
        min_bytes: 1 << 20,
        ..Cache::new(dir.path().join("cache"))
    };
    let mut h = harness(cache.clone());

    open(&mut h, &path);
    assert!(message(&h).starts_with("Opened"), "{}", message(&h));
    assert!(!message(&h).contains("snapshot"), "{}", message(&h));
    assert!(h.state().probe().dataset.events() == first.events());
    let from_file = h.state().probe().dataset.clone();
    wait_for_snapshot(&mut h, &cache, &path);

    open(&mut h, &path);
    let said = message(&h);
    assert!(said.contains("from its snapshot in "), "{said}");
    h.get_by_label_contains("from its snapshot");
    assert!(*h.state().probe().dataset == from_file);

    // Another program writes the file: it is read from the file, with its new content.
    let second = write_csv(&path, 40_000, 6);
    open(&mut h, &path);
    assert!(!message(&h).contains("snapshot"), "{}", message(&h));
    assert!(h.state().probe().dataset.events() == second.events());
    let from_file = h.state().probe().dataset.clone();
    wait_for_snapshot(&mut h, &cache, &path);
    open(&mut h, &path);
    assert!(message(&h).contains("from its snapshot"), "{}", message(&h));
    assert!(*h.state().probe().dataset == from_file);
}

#[test]
fn a_small_file_opens_from_its_snapshot_too_when_the_cache_says_so() {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("small.csv");
    let dataset = write_csv(&path, 500, 9);
    let cache = Cache {
        min_bytes: 0,
        ..Cache::new(dir.path().join("cache"))
    };
    let mut h = harness(cache.clone());
    open(&mut h, &path);
    assert!(!message(&h).contains("snapshot"));
    assert!(h.state().probe().dataset.events() == dataset.events());
    let dataset = h.state().probe().dataset.clone();
    wait_for_snapshot(&mut h, &cache, &path);
    // A damaged snapshot is ignored, the file read and the snapshot written again.
    let key = SourceKey::of(&path, &ColumnMap::default()).expect("key");
    let file = cache.file_of(&key);
    let mut bytes = std::fs::read(&file).expect("snapshot");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    std::fs::write(&file, bytes).expect("damaged");
    assert!(cache.open(&key).is_none());
    open(&mut h, &path);
    assert!(!message(&h).contains("snapshot"), "{}", message(&h));
    assert!(*h.state().probe().dataset == dataset);
    wait_for_snapshot(&mut h, &cache, &path);
    open(&mut h, &path);
    assert!(message(&h).contains("from its snapshot"), "{}", message(&h));
    assert!(*h.state().probe().dataset == dataset);
    // Without a cache, nothing is read from it.
    let opened = snapshot::load_path_cached(&path, &ColumnMap::default(), &Progress::new(), None);
    assert!(!opened.from_snapshot);
}
