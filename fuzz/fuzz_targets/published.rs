//! Any bytes as a published site's week.json and releases.json, as
//! `agendum release --previous DIR` reads them: refused with a message or
//! read; what is read compares with itself without a change, and its
//! history writes back and reads again. Nothing may panic.
#![no_main]

use agendum::export::site::release::{self, History, Published};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(published) = Published::parse(data) {
        let _ = published.sessions();
        assert!(release::compare(&published, &published).is_empty());
    }
    if let Ok(history) = History::parse(data) {
        let again = History::parse(&history.to_bytes()).expect("a history written back reads again");
        assert_eq!(again.to_bytes(), history.to_bytes());
        let _ = history.changelog(None);
        let _ = history.last_time();
    }
});
