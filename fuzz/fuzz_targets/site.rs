//! Load, then build the whole site (pages, feeds, week.json), read its
//! week.json back as `agendum release` reads a published site, compare it
//! with itself (no change may be found), and write the first release's
//! changelog and Atom feed. Nothing may panic.
#![no_main]

use agendum::export::site::release::{self, History, Published};
use agendum::export::site::{self, Options};
use chrono::DateTime;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some(week) = common::load(data) else {
        return;
    };
    let options = Options {
        stamp: DateTime::from_timestamp(1_400_000_000, 0).unwrap_or_default(),
        base_url: Some("https://wg.example.org/tp24/".to_string()),
        history: Some(History::first(&week)),
        ..Options::default()
    };
    let Ok(built) = site::build(&week, &options) else {
        return;
    };
    let json = &built.files["week.json"].bytes;
    let published = Published::parse(json).expect("the site's own week.json reads back");
    assert!(
        release::compare(&published, &published).is_empty(),
        "a week compared with itself has changes"
    );
    let history = History::first(&week);
    let _ = history.changelog(Some("https://wg.example.org/tp24/"));
    let _ = history.atom(&week, None);
});
