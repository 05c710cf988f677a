//! Load, then render the agenda as html (with and without the week grid and
//! an extra zone column). Nothing may panic.
#![no_main]

use agendum::export::render::Format;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    if let Some(week) = common::load(data) {
        common::render_agenda(&week, Format::Html);
    }
});
