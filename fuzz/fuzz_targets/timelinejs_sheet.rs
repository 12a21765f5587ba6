//! TimelineJS's Google Sheets template never panics, recognised or not; a sheet that reads,
//! saved as native JSON, opens again as the same dataset.
#![no_main]

use chronolane::io::{json, timelinejs_sheet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let _ = timelinejs_sheet::is_sheet(input);
    let Ok((d, _notes)) = timelinejs_sheet::parse(input) else {
        return;
    };
    let _ = d.summary();
    let out = json::to_string(&d);
    let (again, _) = json::parse(&out)
        .unwrap_or_else(|p| panic!("sheet saved as JSON does not reopen: {p:?}\ninput: {input:?}"));
    assert!(again == d, "sheet saved as JSON changed\ninput: {input:?}\nexported: {out}");
});
