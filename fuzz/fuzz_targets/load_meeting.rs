//! The meeting-file loader: any bytes, parsed, validated and checked for
//! conflicts, with every diagnostic rendered. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let _ = common::load(data);
});
