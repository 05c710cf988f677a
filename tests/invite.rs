//! `agendum invite`: one e-mail per session, sent to a real SMTP server
//! (aiosmtpd on 127.0.0.1), read back with Python's `email` package, and
//! its calendar part given to every calendar consumer.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::consumers::{self, SmtpSink};
use crate::support::{Test, agendum};

const EPOCH: &str = "1396000000";

/// A week of three sessions: a chair, a secretary, a presenter, a person
/// the joint session requires, and two groups with mailing lists.
const WEEK: &str = r#"[meeting]
id = "SEC#30"
title = "SEC 30 F2F meeting"
group = "SEC"
chair = "Ann Chair"
secretary = "Sam Secretary"
dates = { start = 2017-06-12, end = 2017-06-16 }
timezone = "Europe/Paris"
venue = "Sophia Antipolis, France"
calendar_domain = "sec.agendum-tests.org"

[[groups]]
id = "SEC"
name = "Security"
email = "sec-list@lists.agendum-tests.org"

[[groups]]
id = "PRO"
name = "Protocols"
email = "pro-list@lists.agendum-tests.org"

[[rooms]]
name = "Room 1"

[[people]]
name = "Ann Chair"
email = "ann.chair@agendum-tests.org"

[[people]]
name = "Sam Secretary"
email = "sam@agendum-tests.org"

[[people]]
name = "Pat Presenter"
email = "pat@agendum-tests.org"

[[people]]
name = "Rita Required"
email = "rita@agendum-tests.org"

[[sessions]]
id = "S1"
title = "Opening session"
kind = "break-out"
day = 2017-06-12
time = "09:00-10:30"
room = "Room 1"
items = ["1"]

[[sessions]]
id = "JOINT"
kind = "joint"
groups = ["SEC", "PRO"]
day = 2017-06-13
time = "11:00-12:30"
room = "Room 1"
items = ["2"]
required = ["Rita Required"]

[[sessions]]
id = "S3"
title = "Closing session"
kind = "break-out"
day = 2017-06-15
time = "14:00-15:30"
room = "Room 1"
items = ["3"]

[[agenda]]
number = "1"
title = "Opening"

[[agenda]]
number = "2"
title = "Joint work with PRO"

[[agenda]]
number = "3"
title = "Closing"

[[contributions]]
number = "SEC-2017-0101"
title = "Authentication of <devices> & gateways"
source = ["Acme"]
item = "2"
presenter = "Pat Presenter"
"#;

/// `agendum` at a fixed time in a scratch directory holding the week as `w.toml`.
/// The tests never log in: an SMTP user or password in the environment of
/// whoever runs them is emptied.
fn invite(week: &str) -> Test {
    agendum()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("AGENDUM_SMTP_USER", "")
        .env("AGENDUM_SMTP_PASSWORD", "")
        .file("w.toml", week)
        .arg("invite")
        .arg("w.toml")
}

fn strs(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_lowercase))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn by_uid<'a>(messages: &'a [Value], uid: &str) -> &'a Value {
    messages
        .iter()
        .find(|m| m["calendars"][0]["events"][0]["uid"] == uid)
        .unwrap_or_else(|| panic!("no message for {uid}: {messages:#?}"))
}

fn eml_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn each_session_gets_one_message_that_mail_and_calendar_clients_read() {
    let sink = SmtpSink::start();
    let out = invite(WEEK)
        .args(["-o", "invites", "--smtp", &sink.url()])
        .success()
        .stderr_contains("sent 3 messages through smtp://127.0.0.1:")
        .run();
    // One line per message, in time order.
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(lines[0].starts_with("sent invites/SEC-30-S1.eml: invitation (new) to "));
    assert!(lines[1].starts_with("sent invites/SEC-30-JOINT.eml: invitation (new)"));
    let messages = sink.messages();
    assert_eq!(messages.len(), 3, "{}", sink.log());
    let joint = by_uid(&messages, "SEC-30-JOINT@sec.agendum-tests.org");

    // Headers as a mail client reads them.
    assert_eq!(joint["defects"], Value::Array(vec![]), "{joint:#}");
    assert!(
        joint["headers"]["From"]
            .as_str()
            .unwrap()
            .contains("ann.chair@agendum-tests.org")
    );
    assert_eq!(
        strs(&joint["to"]),
        [
            "pat@agendum-tests.org",
            "rita@agendum-tests.org",
            "sam@agendum-tests.org"
        ]
    );
    assert_eq!(
        strs(&joint["cc"]),
        [
            "pro-list@lists.agendum-tests.org",
            "sec-list@lists.agendum-tests.org"
        ]
    );
    assert_eq!(
        joint["headers"]["Subject"],
        "Invitation: SEC#30 SEC/PRO joint session (Tuesday 2017-06-13, 11:00-12:30 Europe/Paris)"
    );
    // The envelope is To and Cc.
    let mut rcpt = strs(&joint["envelope"]["rcpt_tos"]);
    rcpt.sort();
    let mut want = [strs(&joint["to"]), strs(&joint["cc"])].concat();
    want.sort();
    assert_eq!(rcpt, want);

    // The MIME tree: text, HTML and the iMIP part with method=REQUEST.
    let mime = &joint["mime"];
    assert_eq!(mime["content_type"], "multipart/alternative");
    let types: Vec<&str> = mime["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["content_type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["text/plain", "text/html", "text/calendar"]);
    assert_eq!(mime["parts"][2]["params"]["method"], "REQUEST");
    assert!(
        joint["text"]
            .as_str()
            .unwrap()
            .contains("- SEC-2017-0101 Authentication of <devices> & gateways (Acme)")
    );

    // The calendar part: one REQUEST, one event, the chair organises.
    let cal = &joint["calendars"][0];
    assert_eq!(cal["METHOD"], "REQUEST");
    assert_eq!(cal["events"].as_array().unwrap().len(), 1);
    let event = &cal["events"][0];
    assert_eq!(event["sequence"], 0);
    assert_eq!(
        event["organizer"]["value"],
        "mailto:ann.chair@agendum-tests.org"
    );
    let attendees: Vec<String> = event["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["value"].as_str().unwrap().to_lowercase())
        .collect();
    for who in [
        "mailto:rita@agendum-tests.org",
        "mailto:pat@agendum-tests.org",
        "mailto:sec-list@lists.agendum-tests.org",
    ] {
        assert!(attendees.iter().any(|a| a == who), "{who} in {attendees:?}");
    }
    for m in &messages {
        consumers::all_consumers_accept(Path::new(m["calendars"][0]["path"].as_str().unwrap()));
    }

    // The folder keeps each message and the invitation it carried.
    let dir = out.path("invites");
    assert_eq!(
        eml_files(&dir),
        ["SEC-30-JOINT.eml", "SEC-30-S1.eml", "SEC-30-S3.eml"]
    );
    let kept = fs::read(dir.join("SEC-30-JOINT.ics")).unwrap();
    let sent = fs::read(joint["calendars"][0]["path"].as_str().unwrap()).unwrap();
    assert_eq!(kept, sent, "the folder keeps the calendar part as sent");
}

#[test]
fn after_a_change_only_updates_and_cancellations_go_out() {
    let first = SmtpSink::start();
    let out = invite(WEEK)
        .args(["-o", "invites", "--smtp", &first.url()])
        .success()
        .run();
    assert_eq!(first.messages().len(), 3);
    // S1 moves by half an hour; S3 is dropped.
    let changed = WEEK.replace("time = \"09:00-10:30\"", "time = \"09:30-11:00\"");
    let s3 = changed.find("[[sessions]]\nid = \"S3\"").unwrap();
    let end = changed[s3..].find("[[agenda]]").unwrap() + s3;
    let changed = format!("{}{}", &changed[..s3], &changed[end..]);
    let second = SmtpSink::start();
    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .file("w.toml", &changed)
        .args([
            "invite",
            "w.toml",
            "--previous",
            "invites",
            "-o",
            "invites",
            "--smtp",
            &second.url(),
        ])
        .success()
        .run();
    assert!(
        out.stdout.contains("SEC-30-S1.eml: update (moved)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("SEC-30-S3.eml: cancellation (cancelled)"),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    let messages = second.messages();
    assert_eq!(messages.len(), 2, "{}", second.log());
    let moved = by_uid(&messages, "SEC-30-S1@sec.agendum-tests.org");
    assert_eq!(moved["calendars"][0]["METHOD"], "REQUEST");
    assert_eq!(moved["calendars"][0]["events"][0]["sequence"], 1);
    assert!(
        moved["headers"]["Subject"].as_str().unwrap().starts_with(
            "Updated invitation: SEC#30 Opening session (Monday 2017-06-12, 09:30-11:00"
        )
    );
    let gone = by_uid(&messages, "SEC-30-S3@sec.agendum-tests.org");
    assert_eq!(gone["calendars"][0]["METHOD"], "CANCEL");
    assert_eq!(gone["mime"]["parts"][2]["params"]["method"], "CANCEL");
    let event = &gone["calendars"][0]["events"][0];
    assert_eq!(event["status"], "CANCELLED");
    assert_eq!(event["sequence"], 1);
    // A cancellation reaches the people the invitation reached.
    assert_eq!(strs(&gone["to"]), ["sam@agendum-tests.org"]);
    assert!(gone["headers"]["Subject"].as_str().unwrap().starts_with(
        "Cancelled: SEC#30 Closing session (Thursday 2017-06-15, 14:00-15:30 Europe/Paris)"
    ));
    for m in &messages {
        consumers::all_consumers_accept(Path::new(m["calendars"][0]["path"].as_str().unwrap()));
    }
    // Nothing changed since: nothing is sent.
    let third = SmtpSink::start();
    out.then()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args([
            "invite",
            "w.toml",
            "--previous",
            "invites",
            "-o",
            "invites",
            "--smtp",
            &third.url(),
        ])
        .success()
        .stdout("nothing changed since invites: no message\n")
        .run();
    assert!(third.messages().is_empty());
}

#[test]
fn a_refused_recipient_stops_only_its_message_and_a_rerun_sends_the_rest() {
    let refusing = SmtpSink::refusing(&["rita@agendum-tests.org"]);
    let out = invite(WEEK)
        .args(["-o", "invites", "--smtp", &refusing.url()])
        .status(2)
        .stderr_contains("not sent invites/SEC-30-JOINT.eml")
        .stderr_contains("sent 2 of 3 messages; not sent: SEC-30-JOINT. Fix the cause and run the same command with --previous invites to send only those")
        .run();
    assert_eq!(refusing.messages().len(), 2);
    assert_eq!(
        eml_files(&out.path("invites")),
        ["SEC-30-S1.eml", "SEC-30-S3.eml"]
    );
    // The recipient is fixed on the server's side: the rerun sends the one left.
    let accepting = SmtpSink::start();
    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args([
            "invite",
            "w.toml",
            "--previous",
            "invites",
            "-o",
            "invites",
            "--smtp",
            &accepting.url(),
        ])
        .success()
        .run();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    let messages = accepting.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(
        messages[0]["calendars"][0]["events"][0]["uid"],
        "SEC-30-JOINT@sec.agendum-tests.org"
    );
    assert_eq!(
        messages[0]["headers"]["Subject"]
            .as_str()
            .unwrap()
            .split(':')
            .next(),
        Some("Invitation")
    );
}

#[test]
fn an_unreachable_server_sends_nothing_and_keeps_nothing() {
    // A port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = invite(WEEK)
        .args([
            "-o",
            "invites",
            "--smtp",
            &format!("smtp://127.0.0.1:{port}"),
        ])
        .status(2)
        .stderr_contains(format!(
            "cannot reach the SMTP server smtp://127.0.0.1:{port}"
        ))
        .stderr_contains("nothing sent")
        .run();
    assert!(eml_files(&out.path("invites")).is_empty());
}

#[test]
fn a_person_without_an_address_stops_every_message() {
    let week = WEEK.replace(
        "name = \"Rita Required\"\nemail = \"rita@agendum-tests.org\"\n",
        "name = \"Rita Required\"\n",
    );
    let sink = SmtpSink::start();
    let out = invite(&week)
        .args(["-o", "invites", "--smtp", &sink.url()])
        .status(1)
        .stderr_contains("Rita Required must be there and has no e-mail address")
        .stderr_contains("--skip-missing")
        .stderr_contains("nothing written or sent")
        .run();
    assert!(sink.messages().is_empty());
    assert!(!out.path("invites").exists());
    // --skip-missing leaves her out and sends the rest.
    out.then()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args([
            "invite",
            "w.toml",
            "-o",
            "invites",
            "--skip-missing",
            "--smtp",
            &sink.url(),
        ])
        .success()
        .run();
    let messages = sink.messages();
    assert_eq!(messages.len(), 3);
    let joint = by_uid(&messages, "SEC-30-JOINT@sec.agendum-tests.org");
    assert!(!strs(&joint["to"]).iter().any(|a| a.contains("rita")));
}

#[test]
fn dry_run_prints_and_changes_nothing_and_a_used_folder_needs_previous() {
    let out = invite(WEEK)
        .args(["-o", "invites", "--dry-run"])
        .success()
        .stdout_contains("would write invites/SEC-30-S1.eml: invitation (new) to sam@agendum-tests.org, sec-list@lists.agendum-tests.org: Invitation: SEC#30 Opening session (Monday 2017-06-12, 09:00-10:30 Europe/Paris)")
        .run();
    assert_eq!(out.stdout.lines().count(), 3);
    assert!(!out.path("invites").exists());
    // Without --smtp the messages are written, for a mail client to send.
    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["invite", "w.toml", "-o", "invites"])
        .success()
        .stdout_contains("wrote invites/SEC-30-S3.eml: invitation (new)")
        .run();
    assert_eq!(eml_files(&out.path("invites")).len(), 3);
    let first = out.read("invites/SEC-30-S1.eml");
    // The folder now holds invitations: writing it again without --previous would resend them.
    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["invite", "w.toml", "-o", "invites"])
        .status(2)
        .stderr_contains("invites holds invitations sent before; pass --previous invites")
        .run();
    // The same week and SOURCE_DATE_EPOCH give the same message.
    let again = out
        .then()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["invite", "w.toml", "-o", "again"])
        .success()
        .run();
    assert_eq!(again.read("again/SEC-30-S1.eml"), first);
    assert!(
        first.contains("\r\nDate: Fri, 28 Mar 2014 09:46:40 +0000\r\n"),
        "{first}"
    );
    assert!(
        first.contains("\r\nMessage-ID: <SEC-30-S1.0.request@sec.agendum-tests.org>\r\n"),
        "{first}"
    );
}

#[test]
fn hostile_titles_and_names_cannot_add_headers_or_recipients() {
    let week = WEEK
        .replace(
            "title = \"Opening session\"",
            "title = \"Opening\\r\\nBcc: evil@attacker.example\\r\\n\\r\\nforged body\"",
        )
        .replace(
            "name = \"Ann Chair\"\nemail",
            "name = \"Ann Chair\"\naliases = [\"Ann\"]\nemail",
        );
    let sink = SmtpSink::start();
    invite(&week)
        .args(["-o", "invites", "--smtp", &sink.url()])
        .success()
        .run();
    let messages = sink.messages();
    let s1 = by_uid(&messages, "SEC-30-S1@sec.agendum-tests.org");
    let rcpt = strs(&s1["envelope"]["rcpt_tos"]);
    assert!(!rcpt.iter().any(|r| r.contains("attacker")), "{rcpt:?}");
    let subject = s1["headers"]["Subject"].as_str().unwrap();
    assert!(
        subject.starts_with("Invitation: SEC#30 Opening Bcc: evil@attacker.example  forged body"),
        "{subject}"
    );
    assert_eq!(s1["defects"], Value::Array(vec![]));
    let raw = fs::read_to_string(s1["file"].as_str().unwrap()).unwrap();
    assert!(!raw.contains("\nBcc:"), "{raw}");
    assert_eq!(s1["calendars"][0]["events"].as_array().unwrap().len(), 1);
}

#[test]
fn credentials_never_come_from_the_url_and_plain_smtp_is_loopback_only() {
    invite(WEEK)
        .args([
            "-o",
            "invites",
            "--smtp",
            "smtps://ann:s3cret@mail.agendum-tests.org",
        ])
        .status(2)
        .stderr_contains("put it in AGENDUM_SMTP_PASSWORD")
        .run();
    let out = invite(WEEK)
        .args(["-o", "invites", "--smtp", "smtp://mail.agendum-tests.org"])
        .status(2)
        .stderr_contains("must be encrypted; use smtps://mail.agendum-tests.org (TLS) or add ?tls=required (STARTTLS)")
        .run();
    assert!(!out.stderr.contains("s3cret"));
    assert!(!out.path("invites").exists());
}
