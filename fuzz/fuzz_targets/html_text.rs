//! HTML to plain text never panics, and only web links become sources.
#![no_main]

use chronolane::io::html_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let plain = html_text::to_plain(input);
    for link in &plain.links {
        assert!(link.web_url().is_some(), "{link:?} from {input:?}");
        assert!(!link.title.is_empty(), "{link:?} from {input:?}");
    }
    assert_eq!(plain.text.trim(), plain.text, "{input:?}");
});
