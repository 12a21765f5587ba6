//! `load_bytes` on any bytes: encoding and format detection, then the right parser. Never panics.
#![no_main]

use chronolane::io::load_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match load_bytes(bytes, "fuzz.dat", "fuzz") {
        Ok(loaded) => {
            let _ = loaded.dataset.summary();
            let _ = loaded.dataset.time_range();
            for e in loaded.dataset.events() {
                let _ = e.when_in_words();
            }
        }
        Err(e) => {
            assert!(!e.lines().is_empty(), "an error with no problem in it");
        }
    }
});
