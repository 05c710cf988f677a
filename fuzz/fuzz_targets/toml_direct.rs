//! The direct TOML reader against the `toml` crate: for any text, it gives
//! up or reads exactly what the `toml` crate reads, value for value and span
//! for span, both as plain TOML and as a meeting file. Nothing may panic.
#![no_main]

use agendum::loader::direct;
use agendum::model::Meeting;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = direct::check::agrees(text) {
        panic!("{e}");
    }
    if let Some(meeting) = direct::from_str::<Meeting>(text) {
        let Ok(by_toml) = agendum::loader::read_with_toml(text) else {
            panic!("read a meeting file the toml crate refuses:\n{text}");
        };
        assert_eq!(format!("{meeting:?}"), format!("{by_toml:?}"), "{text}");
    }
});
