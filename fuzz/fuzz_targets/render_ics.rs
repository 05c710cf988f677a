//! Load, then write the iCalendar feed and the invitation (local times and
//! UTC); the result is read back by the `--previous` reader and applied, as
//! the next run would. Bytes that are no meeting file are fed to that reader
//! directly: it reads a file the user hands in. Nothing may panic.
#![no_main]

use agendum::export::ics::{self, Filter, FilterSpec, Options};
use agendum::export::mail::{self, MailOptions};
use agendum::export::ics::write::{self, Method};
use agendum::export::ics::diff;
use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some(week) = common::load(data) else {
        if let Ok(text) = std::str::from_utf8(data) {
            let _ = diff::parse(text);
        }
        return;
    };
    let Some(stamp) = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single() else {
        return;
    };
    for (method, utc) in [(Method::Publish, false), (Method::Request, true)] {
        let options = Options { method: Some(method), utc, stamp };
        let (mut cal, _problems) =
            ics::build(&week, &Filter::default(), options, "fuzz".into());
        let bytes = write::to_bytes(&cal);
        let text = String::from_utf8(bytes).expect("iCalendar output is UTF-8");
        // Hostile text cannot add components: one VEVENT per event, no VALARM.
        let unfolded = text.replace("\r\n ", "");
        let begins = unfolded.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
        assert_eq!(begins, cal.events.len(), "a VEVENT was injected");
        assert!(
            !unfolded.contains("\r\nBEGIN:VALARM"),
            "a VALARM was injected"
        );
        // Every physical line is at most 75 octets and holds no bare CR or LF.
        for physical in text.split("\r\n") {
            assert!(physical.len() <= 75, "a line longer than 75 octets");
            assert!(!physical.contains(['\r', '\n']), "a bare line break");
        }
        let old = diff::parse(&text).expect("agendum reads its own calendar back");
        let _ = diff::apply(&mut cal, &old.events);
    }
    // The invitations as e-mail: one message per session, nothing panics,
    // and a title cannot start a header of its own.
    let options = Options { method: Some(Method::Request), utc: false, stamp };
    if let Ok(made) = ics::make(&week, &FilterSpec::default(), options, None) {
        let mail_options = MailOptions { sender: None, skip_missing: true };
        if let Ok(mails) = mail::messages(&made, &mail_options) {
            for m in mails {
                let bytes = m.bytes();
                let head = bytes.split(|b| *b == b'\n').take_while(|l| l.len() > 1);
                assert!(
                    !head.into_iter().any(|l| l.starts_with(b"Bcc:")),
                    "a header was injected"
                );
            }
        }
    }
});
