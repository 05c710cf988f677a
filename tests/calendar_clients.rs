//! The programs that will receive agendum's calendars, on calendars written
//! here: libical (the parser of Evolution and of many servers, with its
//! iTIP check of what each METHOD requires) says what it should, so a
//! green test of agendum's output means something.
//!
//! The consumers are installed by the first test that needs one (see
//! tests/support/consumers.rs); a missing one fails these tests with one
//! line naming the command that installs it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::consumers;

/// Two VCALENDARs in one stream: a value libical cannot parse, then a
/// PUBLISH whose two events have no ORGANIZER.
const FLAWED: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//agendum tests//EN\r\nMETHOD:PUBLISH\r\n\
BEGIN:VEVENT\r\nUID:bad-value@tests.invalid\r\nDTSTAMP:20160101T000000Z\r\n\
DTSTART:2016xx18T130000Z\r\nDTEND:20160718T143000Z\r\nSUMMARY:A\r\nORGANIZER:mailto:chair@example.org\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n\
BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//agendum tests//EN\r\nMETHOD:PUBLISH\r\n\
BEGIN:VEVENT\r\nUID:one@tests.invalid\r\nDTSTAMP:20160101T000000Z\r\n\
DTSTART:20160718T130000Z\r\nDTEND:20160718T143000Z\r\nSUMMARY:B\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:two@tests.invalid\r\nDTSTAMP:20160101T000000Z\r\n\
DTSTART:20160719T130000Z\r\nDTEND:20160719T143000Z\r\nSUMMARY:C\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn libical_names_each_bad_value_and_every_event_without_an_organizer() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "flawed.ics", FLAWED);
    let p = path.display();
    let organizer = "Failed iTIP restrictions for ORGANIZER property. Expected 1 instances of the property and got 0 (INVALID-ITIP)";
    assert_eq!(
        consumers::libical_errors(&path),
        [
            format!(
                "{p}: VEVENT bad-value@tests.invalid: Can't parse as DATE-TIME value in DTSTART property. Removing entire property: 2016xx18T130000Z (VALUE-PARSE-ERROR)"
            ),
            format!(
                "{p}: VEVENT bad-value@tests.invalid: Failed iTIP restrictions for DTSTART property. Expected 1 instances of the property and got 0 (INVALID-ITIP)"
            ),
            // Both events: libical's own check stops at the first.
            format!("{p}: VEVENT one@tests.invalid: {organizer}"),
            format!("{p}: VEVENT two@tests.invalid: {organizer}"),
        ]
    );
}

#[test]
#[should_panic(expected = "Failed iTIP restrictions for ORGANIZER property")]
fn libical_accepts_fails_with_libicals_lines() {
    let dir = tempfile::tempdir().unwrap();
    consumers::libical_accepts(&write(dir.path(), "flawed.ics", FLAWED));
}

#[test]
fn ical_check_says_when_there_is_no_calendar() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, says) in [
        ("hello.ics", "hello\r\n", "no VCALENDAR"),
        (
            "event.ics",
            "BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n",
            "VEVENT at the top level, not a VCALENDAR",
        ),
    ] {
        let path = write(dir.path(), name, text);
        let out = consumers::run_bounded(Command::new(consumers::ical_check()).arg(&path));
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("{}: {says}\n", path.display())
        );
    }
}
