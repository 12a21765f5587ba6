//! Native JSON import never panics; its fast path gives exactly what the general path gives
//! (events, problems, notes, skipped rows); what it accepts writes back out and reads in as an
//! equal dataset (meta, themes, eras, events).
#![no_main]

use chronolane::io::json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let parsed = json::parse(input);
    assert!(
        parsed == json::parse_general(input),
        "the fast path differs from the general path\ninput: {input:?}"
    );
    let Ok((d, _notes)) = parsed else {
        return;
    };
    let out = json::to_string(&d);
    let (again, _) = json::parse(&out).unwrap_or_else(|p| {
        panic!("exported JSON does not re-import: {p:?}\ninput: {input:?}\nexported: {out}")
    });
    assert_eq!(again.events(), d.events(), "JSON round trip changed the events\ninput: {input:?}");
    assert!(again == d, "JSON round trip changed the dataset\ninput: {input:?}\nexported: {out}");
    let _ = d.summary();
    let _ = d.time_range();
});
