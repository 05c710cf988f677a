//! The contribution-list importer on CSV text, in every list format.
#![no_main]

use std::path::Path;

use agendum::edit::import::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the list format; the rest is the file.
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = match pick % 4 {
        0 => Format::Auto,
        1 => Format::Tdoc,
        2 => Format::Onem2m,
        _ => Format::Template,
    };
    let _ = import::read_list_bytes(Path::new("fuzz.csv"), rest.to_vec(), format);
});
