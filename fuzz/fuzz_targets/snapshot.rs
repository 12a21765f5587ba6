//! The snapshot reader on any bytes never panics: with the key and checksum checked (`read`),
//! and without (`read_unverified`), so that damaged bytes reach the checks behind the checksum
//! (lengths, UTF-8, theme indices, importance, flags, dates parsed again, the JSON part). What
//! it accepts is a dataset whose events' dates parse and whose summary can be made.
#![no_main]

use std::path::PathBuf;

use chronolane::io::snapshot::{self, SourceKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let key = SourceKey {
        path: PathBuf::from("/fuzz/events.csv"),
        size: 1,
        modified_ns: 0,
        file_id: 0,
        columns: Vec::new(),
    };
    let _ = snapshot::read(bytes, &key);
    if let Some(loaded) = snapshot::read_unverified(bytes) {
        let d = &loaded.dataset;
        let _ = d.summary();
        let _ = d.time_range();
        for e in d.events() {
            assert!(e.axis_end() > e.axis_start(), "an event ends before it starts");
            let _ = e.when_in_words();
        }
    }
});
