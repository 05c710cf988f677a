//! The `--previous` reader on any bytes: a calendar the user hands in (one
//! agendum wrote, or Outlook, or anything else), read with the icalendar
//! crate's parser. Nothing may panic or overflow the stack, and what is read
//! applies to a calendar without panicking either.
#![no_main]

use agendum::export::ics::diff;
use agendum::export::ics::write::{Calendar, Method};
use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(old) = diff::parse(text) else {
        return;
    };
    let _ = old.method();
    let Some(stamp) = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single() else {
        return;
    };
    let mut calendar = Calendar {
        method: Method::Request,
        name: "fuzz".into(),
        stamp,
        events: Vec::new(),
        span: None,
    };
    if let Ok((_, cancellations)) = diff::apply(&mut calendar, &old.events) {
        calendar.events = cancellations;
        let _ = agendum::export::ics::write::to_bytes(&calendar);
    }
});
