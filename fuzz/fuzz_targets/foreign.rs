//! TimelineJS / vis-timeline import never panics, whatever dialect it is asked to read; an
//! imported dataset saved as native JSON opens again as the same dataset.
#![no_main]

use chronolane::io::foreign::{self, Dialect};
use chronolane::io::json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let detected = foreign::dialect(input);
    // The detected dialect first (what the app does), then the others.
    let mut dialects = vec![detected];
    for d in [Dialect::TimelineJs, Dialect::VisTimeline, Dialect::QueryResults, Dialect::Native] {
        if d != detected {
            dialects.push(d);
        }
    }
    for (i, dialect) in dialects.into_iter().enumerate() {
        let Ok((d, _notes)) = foreign::parse(input, dialect) else {
            continue;
        };
        let _ = d.summary();
        // Only what the app actually imports must survive a save as native JSON.
        if i == 0 && detected != Dialect::Native {
            let out = json::to_string(&d);
            let (again, _) = json::parse(&out).unwrap_or_else(|p| {
                panic!(
                    "imported {dialect:?} saved as JSON does not reopen: {p:?}\ninput: {input:?}\nexported: {out}"
                )
            });
            assert!(again == d, "{dialect:?} import saved as JSON changed\ninput: {input:?}\nexported: {out}");
        }
    }
});
