//! Load, then render the minutes (`render --report`) and the open list
//! (`render --open`) in every format. Nothing may panic.
#![no_main]

use agendum::export::render::{self, Format, open, report};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some(week) = common::load(data) else {
        return;
    };
    for doc in [report::build(&week), open::build(&week)] {
        for format in [Format::Text, Format::Markdown, Format::Html, Format::Docx] {
            let mut out = Vec::new();
            let _ = render::write(format, &doc, &mut out);
        }
    }
});
