//! The calendars `agendum ics` writes today, given to the programs that
//! will receive them: libical (the parser of Evolution and of many servers,
//! with its iTIP check of what each METHOD requires), the Radicale `CalDAV`
//! server (every event stored by PUT; a time-range REPORT over each day
//! answers exactly that day's sessions), and every other calendar consumer
//! at once (`consumers::all_consumers_accept`). Then the consumers and the
//! SMTP sink themselves, on inputs written here.
//!
//! The consumers are installed by the first test that needs one (see
//! tests/support/consumers.rs); a missing one fails these tests with one
//! line naming the command that installs it.

use std::collections::BTreeSet;
use std::fs;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::consumers::{self, Radicale, SmtpSink};
use crate::support::{Output, ROOT, agendum};

const EPOCH: &str = "1396000000";

/// A calendar written by `agendum ics`, kept while its run's scratch
/// directory is.
struct Feed {
    path: PathBuf,
    _run: Output,
}

/// Runs `agendum LINE -o feed.ics` in the crate directory (LINE as a reader
/// types it, globs and quotes included).
fn feed(line: &str) -> Feed {
    let test = agendum().env("SOURCE_DATE_EPOCH", EPOCH).current_dir(ROOT);
    let path = test.path("feed.ics");
    let run = test
        .shell(format!("{line} -o '{}'", path.display()))
        .success()
        .run();
    Feed { path, _run: run }
}

/// Radicale stores every event of `feed`, and for each day some event
/// starts on (midnight to midnight in the event's zone, as `icalendar`
/// reads the calendar: `tests/consumers/ics_days.py`) a time-range REPORT
/// returns exactly the events that overlap it.
fn radicale_answers_each_day(feed: &Path) {
    let days: Vec<Value> =
        consumers::read_json(&consumers::python(&["icalendar"]), "ics_days.py", [feed]);
    let server = Radicale::start();
    let stored: BTreeSet<String> = server.put_events(feed).into_iter().collect();
    let mut on_some_day = BTreeSet::new();
    for day in &days {
        let want: Vec<String> = serde_json::from_value(day["uids"].clone()).unwrap();
        let (start, end) = (day["start"].as_str().unwrap(), day["end"].as_str().unwrap());
        assert!(!want.is_empty(), "{day}");
        assert_eq!(
            server.report_time_range(start, end),
            want,
            "{}: the sessions of {} in {} ({start}..{end}) on {}",
            feed.display(),
            day["day"],
            day["zone"],
            server.url()
        );
        if days.len() > 1 {
            assert!(want.len() < stored.len(), "{day}: one day is not the week");
        }
        on_some_day.extend(want);
    }
    assert_eq!(on_some_day, stored, "every event is on one of the days");
}

/// For each calendar: a module with its three tests.
macro_rules! feeds {
    ($($(#[doc = $doc:literal])* $name:ident: $line:literal;)*) => {$(
        $(#[doc = $doc])*
        mod $name {
            use super::*;

            #[test]
            fn libical_accepts_it_and_its_itip_check_passes() {
                consumers::libical_accepts(&feed($line).path);
            }

            #[test]
            fn radicale_stores_it_and_answers_each_day_with_its_sessions() {
                radicale_answers_each_day(&feed($line).path);
            }

            #[test]
            fn every_calendar_consumer_accepts_it() {
                consumers::all_consumers_accept(&feed($line).path);
            }
        }
    )*};
}

feeds! {
    /// The seed agenda (Berlin, 2014).
    sec_10_berlin: "ics schedules/sec-10-berlin.toml";
    /// The seed minutes (Montreal, 2016).
    sec_24_montreal: "ics schedules/sec-24-montreal.toml";
    /// A six-group week with joint sessions and plenaries.
    tp_week: "ics schedules/tp-week/*.toml";
    /// One group's sessions of the week, joint ones and plenaries included.
    tp_week_group_sec: "ics schedules/tp-week/*.toml --group SEC";
    /// The plenaries of the week.
    tp_week_kind_plenary: "ics schedules/tp-week/*.toml --kind plenary";
    /// Where one person (REQ's chair, also at the TP plenaries) must be.
    tp_week_person: "ics schedules/tp-week/*.toml --person 'Shane He'";
    /// One session's invitation (METHOD:REQUEST, with attendees), to standard output.
    sec_10_berlin_invitation: "ics schedules/sec-10-berlin.toml --method request --session S2";
}

/// The `.ics` files of a folder, in name order.
fn calendars_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .collect();
    v.sort();
    v
}

/// Every invitation of the seed week, then every update and cancellation
/// after a change, is accepted by libical's iTIP check and by every other
/// calendar consumer, Radicale included.
#[test]
fn every_invitation_update_and_cancellation_is_accepted_by_every_consumer() {
    let run = agendum()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .copy("w.toml", "schedules/sec-10-berlin.toml")
        .args(["ics", "w.toml", "--method", "request", "-o", "invites"])
        .success()
        .run();
    let first = calendars_in(&run.path("invites"));
    assert_eq!(first.len(), 8);
    for path in &first {
        consumers::all_consumers_accept(path);
        assert!(
            fs::read_to_string(path)
                .unwrap()
                .contains("\r\nMETHOD:REQUEST\r\n")
        );
    }
    // S3 moves, S6 is gone.
    let week = fs::read_to_string(run.path("w.toml")).unwrap();
    let week = week.replacen("time = \"09:00-10:15\"", "time = \"09:15-10:30\"", 1);
    let s6 = week.find("id = \"S6\"").unwrap();
    let start = week[..s6].rfind("[[sessions]]").unwrap();
    let end = week[s6..].find("\n[[").map_or(week.len(), |i| s6 + i + 1);
    let week = format!("{}{}", &week[..start], &week[end..]);
    let run = run
        .then()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .file("w.toml", week)
        .args(["ics", "w.toml", "--previous", "invites", "-o", "invites"])
        .success()
        .stderr_contains("invites/SEC-10.0-S3.ics: update, moved (SEQUENCE 1)")
        .stderr_contains("invites/SEC-10.0-S6.ics: cancellation, cancelled (SEQUENCE 1)")
        .run();
    let cancel = run.read("invites/SEC-10.0-S6.ics");
    assert!(cancel.contains("\r\nMETHOD:CANCEL\r\n"), "{cancel}");
    assert!(cancel.contains("\r\nSTATUS:CANCELLED\r\n"), "{cancel}");
    for name in ["SEC-10.0-S3.ics", "SEC-10.0-S6.ics"] {
        consumers::all_consumers_accept(&run.path("invites").join(name));
    }
}

// The consumers themselves, on calendars written here: each one says what
// it should, so a green test above means something.

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

#[test]
#[should_panic(expected = "Radicale refused events of")]
fn radicale_refuses_an_event_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "broken.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//agendum tests//EN\r\nBEGIN:VEVENT\r\n\
         UID:broken@tests.invalid\r\nDTSTAMP:20160101T000000Z\r\nDTSTART:2016xx18T130000Z\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    Radicale::start().put_events(&path);
}

/// Two events, each in an object of its own: one in Toronto's zone (with
/// its VTIMEZONE) on 18 July, one in UTC at 02:00 on 19 July, which is
/// still the evening of the 18th in Toronto.
const TWO_DAYS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//agendum tests//EN\r\nMETHOD:PUBLISH\r\n\
BEGIN:VTIMEZONE\r\nTZID:America/Toronto\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n\
TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n\
TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:toronto@tests.invalid\r\nDTSTAMP:20160101T000000Z\r\n\
DTSTART;TZID=America/Toronto:20160718T130000\r\nDTEND;TZID=America/Toronto:20160718T143000\r\n\
SUMMARY:A\r\nORGANIZER:mailto:chair@example.org\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:utc@tests.invalid\r\nDTSTAMP:20160101T000000Z\r\n\
DTSTART:20160719T020000Z\r\nDTEND:20160719T030000Z\r\n\
SUMMARY:B\r\nORGANIZER:mailto:chair@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn radicale_stores_each_uid_and_answers_a_time_range_in_utc() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "two-days.ics", TWO_DAYS);
    let server = Radicale::start();
    assert_eq!(
        server.put_events(&path),
        ["toronto@tests.invalid", "utc@tests.invalid"]
    );
    // Again, as a client syncing the feed does: each PUT is taken again.
    server.put_events(&path);
    let range = |start, end| server.report_time_range(start, end);
    // 18 July in UTC: 13:00 in Toronto is 17:00Z; 02:00Z is the next day.
    assert_eq!(
        range("20160718T000000Z", "20160719T000000Z"),
        ["toronto@tests.invalid"]
    );
    // 18 July in Toronto (04:00Z to 04:00Z): both.
    assert_eq!(
        range("20160718T040000Z", "20160719T040000Z"),
        ["toronto@tests.invalid", "utc@tests.invalid"]
    );
    // The end is exclusive: 17:00Z is not before 17:00Z.
    assert!(range("20160718T000000Z", "20160718T170000Z").is_empty());
    assert_eq!(
        range("20160718T163000Z", "20160718T170100Z"),
        ["toronto@tests.invalid"]
    );
}

/// Waits until nothing listens on `port` any more; false after 10 s.
fn stops_listening(port: u16) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if TcpStream::connect(("127.0.0.1", port)).is_err() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn port_of(url: &str) -> u16 {
    let rest = url.rsplit_once(':').unwrap().1;
    rest.split('/').next().unwrap().parse().unwrap()
}

#[test]
fn the_servers_listen_on_loopback_and_stop_when_dropped() {
    let radicale = Radicale::start();
    assert!(radicale.url().starts_with("http://127.0.0.1:"));
    let port = port_of(radicale.url());
    assert!(radicale.log().contains("Radicale server ready"));
    TcpStream::connect(("127.0.0.1", port)).expect("Radicale listens");
    drop(radicale);
    assert!(stops_listening(port), "Radicale still listens on {port}");

    let sink = SmtpSink::start();
    let port = sink.port();
    assert_eq!(sink.url(), format!("smtp://127.0.0.1:{port}"));
    TcpStream::connect(("127.0.0.1", port)).expect("the sink listens");
    drop(sink);
    assert!(stops_listening(port), "the sink still listens on {port}");
}

#[test]
fn a_server_whose_test_died_stops_when_its_stdin_closes() {
    let python = consumers::python(&["aiosmtpd"]);
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(python)
        .arg(consumers::script("smtp_sink.py"))
        .arg(dir.path())
        .arg("600")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert!(line.trim().parse::<u16>().is_ok(), "{line:?}");
    drop(child.stdin.take());
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("smtp_sink.py still runs 10 s after its stdin closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// An invitation (iMIP, RFC 6047) as written here, not by agendum: the
/// sink is what is tested.
const INVITATION: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//agendum tests//EN\r\nMETHOD:REQUEST\r\n\
BEGIN:VEVENT\r\nUID:SEC-10.0-S1@tests.invalid\r\nDTSTAMP:20140324T090640Z\r\n\
DTSTART:20140407T114500Z\r\nDTEND:20140407T130000Z\r\nSEQUENCE:2\r\n\
SUMMARY:SEC#10.0 S1 \u{2013} Berlin\r\n\
ORGANIZER;CN=Francois Ennesser:mailto:francois.ennesser@gemalto.com\r\n\
ATTENDEE;CN=Francois Ennesser;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:francois.ennesser@gemalto.com\r\n\
ATTENDEE;CN=Karen Hughes;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:\r\n \
mailto:karen.hughes@etsi.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// The invitation as a mail client sends it: a text part and the calendar
/// (method=REQUEST), with a subject that needs an encoded word.
fn invitation_mail() -> String {
    format!(
        "From: Francois Ennesser <francois.ennesser@gemalto.com>\r\n\
         To: Karen Hughes <karen.hughes@etsi.org>, nobody@example.org\r\n\
         Cc: sec@lists.example.org\r\n\
         Subject: =?utf-8?q?Invitation=3A_SEC=2310=2E0_S1_=E2=80=93_Berlin?=\r\n\
         Message-ID: <SEC-10.0-S1.2@tests.invalid>\r\n\
         Date: Mon, 24 Mar 2014 09:06:40 +0000\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/alternative; boundary=\"agendum-b1\"\r\n\
         \r\n\
         --agendum-b1\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         SEC#10.0 S1, Monday 2014-04-07 \u{2013} please accept.\r\n\
         --agendum-b1\r\n\
         Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         {INVITATION}\r\n\
         --agendum-b1--\r\n"
    )
}

#[test]
fn the_smtp_sink_keeps_what_smtplib_sends_and_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let message = write(dir.path(), "invite.eml", &invitation_mail());

    let sink = SmtpSink::refusing(&["nobody@example.org"]);
    let python = consumers::python(&[]);
    let smtplib_send = |to: &[&str]| -> Value {
        let port = sink.port().to_string();
        let mut args = vec![
            port.as_str(),
            message.to_str().unwrap(),
            "francois.ennesser@gemalto.com",
        ];
        args.extend(to);
        consumers::read_json(&python, "send_mail.py", args)
    };
    let sent = smtplib_send(&[
        "karen.hughes@etsi.org",
        "nobody@example.org",
        "sec@lists.example.org",
    ]);
    assert_eq!(
        sent["refused"]["nobody@example.org"][0], 550,
        "the refused recipient is refused: {sent}"
    );
    assert_eq!(sent["refused"].as_object().unwrap().len(), 1, "{sent}");
    let none = smtplib_send(&["nobody@example.org"]);
    assert_eq!(none["error"], "every recipient was refused", "{none}");

    let messages = sink.messages();
    assert_eq!(messages.len(), 1, "{messages:#?}\n{}", sink.log());
    let m = &messages[0];
    assert!(sink.folder().join("0001.eml").is_file() && sink.folder().join("0001.json").is_file());
    assert_eq!(
        fs::read(sink.folder().join("0001.eml")).unwrap(),
        fs::read(&message).unwrap(),
        "the message is kept byte for byte"
    );
    assert_eq!(m["envelope"]["mail_from"], "francois.ennesser@gemalto.com");
    assert_eq!(
        m["envelope"]["rcpt_tos"],
        serde_json::json!(["karen.hughes@etsi.org", "sec@lists.example.org"])
    );
    assert_eq!(
        m["headers"]["Subject"],
        "Invitation: SEC#10.0 S1 \u{2013} Berlin"
    );
    assert_eq!(
        m["headers"]["From"],
        "Francois Ennesser <francois.ennesser@gemalto.com>"
    );
    assert_eq!(m["headers"]["Message-ID"], "<SEC-10.0-S1.2@tests.invalid>");
    assert_eq!(
        m["to"],
        serde_json::json!(["karen.hughes@etsi.org", "nobody@example.org"])
    );
    assert_eq!(m["cc"], serde_json::json!(["sec@lists.example.org"]));
    assert_eq!(m["defects"], serde_json::json!([]));
    assert_eq!(m["mime"]["content_type"], "multipart/alternative");
    let parts: Vec<&str> = m["mime"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["content_type"].as_str().unwrap())
        .collect();
    assert_eq!(parts, ["text/plain", "text/calendar"]);
    assert_eq!(m["mime"]["parts"][1]["params"]["method"], "REQUEST");
    assert_eq!(
        m["text"],
        "SEC#10.0 S1, Monday 2014-04-07 \u{2013} please accept."
    );
    the_invitation_is_read_back(&m["calendars"][0]);
}

/// The calendar part of `invitation_mail`, as `read_mail.py` reads it.
fn the_invitation_is_read_back(cal: &Value) {
    assert_eq!(cal["method_param"], "REQUEST");
    assert_eq!(cal["METHOD"], "REQUEST");
    let event = &cal["events"][0];
    assert_eq!(event["uid"], "SEC-10.0-S1@tests.invalid");
    assert_eq!(event["sequence"], 2);
    assert_eq!(event["summary"], "SEC#10.0 S1 \u{2013} Berlin");
    assert_eq!(
        event["organizer"]["value"],
        "mailto:francois.ennesser@gemalto.com"
    );
    assert_eq!(event["organizer"]["params"]["CN"], "Francois Ennesser");
    let attendees: Vec<(&str, &str)> = event["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["value"].as_str().unwrap(),
                a["params"]["PARTSTAT"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        attendees,
        [
            ("mailto:francois.ennesser@gemalto.com", "ACCEPTED"),
            ("mailto:karen.hughes@etsi.org", "NEEDS-ACTION")
        ]
    );
    // The calendar part, as a file of its own, is the calendar sent, and
    // every calendar consumer takes it.
    let part = PathBuf::from(cal["path"].as_str().unwrap());
    assert_eq!(fs::read_to_string(&part).unwrap(), INVITATION);
    consumers::all_consumers_accept(&part);
}
