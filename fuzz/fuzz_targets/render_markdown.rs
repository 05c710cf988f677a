//! Load, then render the agenda as markdown (with and without the week grid and
//! an extra zone column). Nothing may panic.
#![no_main]

use agendum::clock::Zone;
use agendum::render::{self, Format, Options};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some(week) = common::load(data) else {
        return;
    };
    for week_grid in [false, true] {
        let options = Options {
            zones: Zone::parse("Asia/Tokyo").into_iter().collect(),
            week_grid,
            ..Options::default()
        };
        let doc = render::build(&week, &options);
        let mut out = Vec::new();
        let _ = render::write(Format::Markdown, &doc, &mut out);
    }
});
