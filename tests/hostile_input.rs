//! Hostile input (issue 16): files that crashed agendum, smuggled text into
//! what it writes, or got a misleading message. Each case failed before its
//! fix; docs/hardening.md lists them ("Hostile input (issue 16)").

use std::time::Duration;

use crate::support::agendum;

/// A small valid meeting: one session, one item, two contributions.
const MINI: &str = r#"[meeting]
id = "M1"
title = "Mini"
group = "SEC"
chair = "Ann"
dates = { start = 2014-04-07, end = 2014-04-08 }
timezone = "Europe/Berlin"
calendar_domain = "ex.org"

[[groups]]
id = "SEC"
email = "sec@ex.org"

[[rooms]]
name = "Main"

[[people]]
name = "Ann"
email = "ann@ex.org"

[[people]]
name = "Bob"
email = "bob@ex.org"

[[sessions]]
id = "S1"
title = "Session S1"
kind = "break-out"
day = 2014-04-07
time = "09:00-10:00"
room = "Main"
required = ["Bob"]
items = ["1"]

[[agenda]]
number = "1"
title = "Opening"

[[contributions]]
number = "SEC-2014-0001"
title = "First"
source = ["X"]
item = "1"

[[contributions]]
number = "SEC-2014-0002"
title = "Second"
source = ["X"]
item = "1"
"#;

/// `MINI` with `from` replaced by `to` (which must be there).
fn mini(from: &str, to: &str) -> String {
    assert!(MINI.contains(from), "{from}");
    MINI.replacen(from, to, 1)
}

/// A small requests file for `timetable`, with `groups` as its groups.
fn requests(groups: &str) -> String {
    format!(
        "[week]\nid = \"W1\"\ntimezone = \"Europe/Paris\"\ndays = [2024-03-04]\nslots = [\"09:00-10:30\", \"11:00-12:30\"]\n\n[[rooms]]\nname = \"Main\"\ncapacity = 60\n\n{groups}"
    )
}

// Item 4: not UTF-8 in every command.

#[test]
fn a_file_that_is_not_utf8_gives_the_same_diagnostic_in_every_command() {
    let commands: [&[&str]; 6] = [
        &["check", "x.toml"],
        &["plan", "x.toml"],
        &["plan", "--write", "x.toml"],
        &["record", "x.toml", "--action", "A", "--who", "Ann"],
        &["import", "list.csv", "--into", "x.toml"],
        &["render", "x.toml"],
    ];
    for args in commands {
        let out = agendum()
            .file("x.toml", b"\xff")
            .file(
                "list.csv",
                "TDoc,Title,Source,Agenda item\nSEC-2014-0001,A,X,1\n",
            )
            .args(args)
            .status(2)
            .run();
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            all.contains("error[not-utf8]: the file is not UTF-8: byte 0xFF at offset 0"),
            "{args:?}: {all}"
        );
        assert!(all.contains("x.toml:1:1"), "{args:?}: {all}");
    }
}

// Item 5: TOML injection into `timetable -o`, and ids that cannot be written.

#[test]
fn a_meeting_value_with_a_newline_cannot_add_a_session_to_a_written_file() {
    let evil = r#"meeting = "M\n[[sessions]]\nid = \"EVIL\"\n#""#;
    agendum()
        .file(
            "r.toml",
            requests(&format!(
                "[[groups]]\nid = \"SEC\"\nchair = \"Ann\"\n{evil}\nsessions = [{{ count = 1 }}]\n"
            )),
        )
        .args(["timetable", "r.toml", "-o", "out"])
        .status(2)
        .stderr_contains("error[invalid-id]: the meeting id holds a control character")
        .stderr_contains("r.toml:14:11")
        .stderr_contains("groups[0].meeting")
        .run();
}

#[test]
fn a_group_id_with_a_newline_is_refused_in_a_requests_file() {
    agendum()
        .file(
            "r.toml",
            requests("[[groups]]\nid = \"SEC\\n[[sessions]]\"\nchair = \"Ann\"\nsessions = [{ count = 1 }]\n"),
        )
        .args(["timetable", "r.toml", "-o", "out"])
        .status(2)
        .stderr_contains("the group id holds a control character")
        .stderr_contains("groups[0].id")
        .run();
}

#[test]
fn the_requests_file_name_in_the_header_comment_stays_one_line() {
    let out = agendum()
        .file(
            "r\n[[sessions]]\n#.toml",
            requests("[[groups]]\nid = \"SEC\"\nchair = \"Ann\"\nsessions = [{ count = 1 }]\n"),
        )
        .args(["timetable", "r\n[[sessions]]\n#.toml", "-o", "out"])
        .success()
        .run();
    let text = out.read("out/sec.toml");
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("[[sessions]]"))
            .count(),
        1,
        "{text}"
    );
    assert!(text.starts_with("# SEC#W1: sessions placed by `agendum timetable` from r\u{fffd}[[sessions]]\u{fffd}#.toml.\n"), "{text}");
}

#[test]
fn ids_in_a_meeting_file_refuse_controls_spaces_at_the_ends_and_the_empty_string() {
    for (from, to, field) in [
        (r#"id = "S1""#, r#"id = "S1\u001b[2J""#, "sessions[0].id"),
        (r#"id = "S1""#, r#"id = """#, "sessions[0].id"),
        (r#"name = "Main""#, r#"name = " Main""#, "rooms[0].name"),
        (r#"id = "M1""#, r#"id = "M1\u202e""#, "meeting.id"),
        (r#"name = "Bob""#, r#"name = "Bob\t""#, "people[1].name"),
    ] {
        let out = agendum()
            .file("m.toml", mini(from, to))
            .args(["check", "m.toml"])
            .status(2)
            .stdout_contains("error[invalid-id]")
            .stdout_contains(format!("field: {field}"))
            .stdout_contains("= help: write the")
            .run();
        assert!(out.stdout.contains("m.toml:"), "{}", out.stdout);
    }
}

// Item 6: control and bidi characters.

#[test]
fn a_hostile_uid_in_the_previous_calendar_is_refused() {
    let old = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:gone\u{1b}]0;pwned\u{7}@x\r\nDTSTART:20140407T070000Z\r\nDTEND:20140407T080000Z\r\nSUMMARY:Gone\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let out = agendum()
        .file("m.toml", MINI)
        .file("old.ics", old)
        .args(["ics", "m.toml", "--previous", "old.ics", "-o", "new.ics"])
        .status(2)
        .stderr_contains("old.ics: line 3: the UID `gone␛]0;pwned␇@x` holds a control")
        .run();
    assert!(!out.stderr.contains('\u{1b}') && !out.stdout.contains('\u{1b}'));
    assert!(!out.path("new.ics").exists());
}

#[test]
fn c1_controls_and_bidi_overrides_reach_neither_the_calendar_nor_markdown() {
    let m = mini(
        r#"title = "Session S1""#,
        "title = \"Evil\u{9b}2J \u{202e}txt.exe\u{2066}\"",
    );
    let out = agendum()
        .file("m.toml", m.as_str())
        .args(["ics", "m.toml"])
        .success()
        .stdout_contains("Evil2J txt.exe")
        .run();
    for c in ['\u{9b}', '\u{202e}', '\u{2066}'] {
        assert!(!out.stdout.contains(c), "{c:?} in the calendar");
    }
    let out = agendum()
        .file("m.toml", m.as_str())
        .args(["render", "m.toml", "--format", "markdown"])
        .success()
        .stdout_contains("Evil2J txt.exe")
        .run();
    for c in ['\u{9b}', '\u{202e}', '\u{2066}'] {
        assert!(!out.stdout.contains(c), "{c:?} in the Markdown");
    }
}

// Item 7: file names of `timetable -o`.

#[test]
fn group_ids_that_give_the_same_file_name_are_refused() {
    let out = agendum()
        .file(
            "r.toml",
            requests("[[groups]]\nid = \"SEC\"\nchair = \"Ann\"\nsessions = [{ count = 1 }]\n\n[[groups]]\nid = \"sec\"\nchair = \"Bob\"\nsessions = [{ count = 1 }]\n"),
        )
        .args(["timetable", "r.toml", "-o", "out"])
        .status(2)
        .stderr_contains("group `sec` would be written to sec.toml, like group `SEC` (groups[0].id)")
        .stderr_contains("field: groups[1].id")
        .run();
    assert!(!out.path("out/sec.toml").exists());
}

#[test]
fn group_ids_that_give_no_file_name_are_refused() {
    for id in ["..", "--", "\u{4f1a}"] {
        agendum()
            .file(
                "r.toml",
                requests(&format!(
                    "[[groups]]\nid = \"{id}\"\nchair = \"Ann\"\nsessions = [{{ count = 1 }}]\n"
                )),
            )
            .args(["timetable", "r.toml", "-o", "out"])
            .status(2)
            .stderr_contains("gives no usable file name")
            .run();
    }
    agendum()
        .file(
            "r.toml",
            requests("[[groups]]\nid = \"\"\nchair = \"Ann\"\nsessions = [{ count = 1 }]\n"),
        )
        .args(["timetable", "r.toml", "-o", "out"])
        .status(2)
        .stderr_contains("the group id is empty")
        .run();
}

// Item 11: a FIFO.

#[test]
fn a_fifo_is_refused_without_blocking() {
    let test = agendum();
    let fifo = test.path("pipe.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let out = test
        .args(["check", "pipe.toml"])
        .timeout(Duration::from_secs(20))
        .status(2)
        .run();
    assert!(
        out.stderr
            .contains("pipe.toml: is a named pipe (FIFO), not a regular file")
            || out
                .stdout
                .contains("pipe.toml: is a named pipe (FIFO), not a regular file"),
        "{out:?}"
    );
    out.then()
        .args(["plan", "pipe.toml"])
        .timeout(Duration::from_secs(20))
        .status(2)
        .stderr_contains("is a named pipe (FIFO)")
        .run();
}

// Item 12: references to oneself and loops.

#[test]
fn a_contribution_naming_itself_is_an_error() {
    for field in [
        "depends_on = [\"SEC-2014-0001\"]",
        "revision_of = \"SEC-2014-0001\"",
        "companion_of = \"SEC-2014-0001\"",
    ] {
        agendum()
            .file(
                "m.toml",
                mini("title = \"First\"", &format!("title = \"First\"\n{field}")),
            )
            .args(["check", "m.toml"])
            .status(1)
            .stdout_contains("error[reference-cycle]: contribution SEC-2014-0001 names itself")
            .stdout_contains("field: contributions[0].")
            .run();
    }
}

#[test]
fn a_loop_of_references_is_an_error_that_names_it() {
    for key in ["depends_on", "revision_of"] {
        let value = |n: &str| {
            if key == "depends_on" {
                format!("depends_on = [\"{n}\"]")
            } else {
                format!("revision_of = \"{n}\"")
            }
        };
        let m = mini(
            "title = \"First\"",
            &format!("title = \"First\"\n{}", value("SEC-2014-0002")),
        );
        let m = m.replacen(
            "title = \"Second\"",
            &format!("title = \"Second\"\n{}", value("SEC-2014-0001")),
            1,
        );
        agendum()
            .file("m.toml", m)
            .args(["check", "m.toml"])
            .status(1)
            .stdout_contains(format!(
                "error[reference-cycle]: `{key}` goes round in a loop: SEC-2014-0001 -> SEC-2014-0002 -> SEC-2014-0001"
            ))
            .run();
    }
}

// Item 13: e-mail addresses.

#[test]
fn addresses_that_a_calendar_cannot_invite_are_refused_at_load_time() {
    for (from, to, field) in [
        (
            "email = \"bob@ex.org\"",
            "email = \"bob@ex.org>;RSVP=TRUE\"",
            "people[1].email",
        ),
        (
            "email = \"sec@ex.org\"",
            "email = \"sec@ex.org\\r\\nATTENDEE:x@y.z\"",
            "groups[0].email",
        ),
    ] {
        agendum()
            .file("m.toml", mini(from, to))
            .args(["ics", "m.toml", "--method", "request"])
            .status(2)
            .stderr_contains("error[invalid-email]: not a plain e-mail address")
            .stderr_contains(format!("field: {field}"))
            .run();
    }
}

// Item 14: an overfull session past midnight.

#[test]
fn an_overfull_session_past_midnight_says_how_many_hours_it_lacks() {
    // 900,045 + 15 (the other contribution) = 60 (the session) + 900,000.
    let m = mini("title = \"First\"", "title = \"First\"\nminutes = 900045");
    agendum()
        .file("m.toml", m)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("S1 needs 15,000 hours more than the session has")
        .run();
}

// Item 15: a count beyond the limit.

#[test]
fn a_huge_count_is_refused_with_its_value_and_the_limit() {
    agendum()
        .file(
            "r.toml",
            requests(
                "[[groups]]\nid = \"SEC\"\nchair = \"Ann\"\nsessions = [{ count = 4294967295 }]\n",
            ),
        )
        .args(["timetable", "r.toml", "-o", "out"])
        .status(2)
        .stderr_contains(
            "count = 4294967295 asks for more sessions than one request may make (1000)",
        )
        .stderr_contains("groups[0].sessions[0].count")
        .run();
}

// Item 16: the size error of --previous.

#[test]
fn a_previous_calendar_too_large_is_named_as_a_calendar() {
    let test = agendum().file("m.toml", MINI);
    let big = std::fs::File::create(test.path("old.ics")).unwrap();
    big.set_len(17 * 1024 * 1024).unwrap();
    let out = test
        .args(["ics", "m.toml", "--previous", "old.ics"])
        .status(2)
        .stderr_contains("agendum reads old calendars (--previous) of at most")
        .run();
    assert!(!out.stderr.contains("one file per group"), "{}", out.stderr);
}

// Item 21: SEQUENCE.

/// An old calendar with S1 at another time and SEQUENCE `seq`.
fn moved(seq: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:M1-S1@ex.org\r\nSEQUENCE:{seq}\r\nDTSTART:20140407T100000Z\r\nDTEND:20140407T110000Z\r\nSUMMARY:Session S1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

#[test]
fn a_sequence_outside_rfc_5545_is_refused_with_its_line() {
    for seq in ["2147483648", "4294967295", "-1", "two"] {
        agendum()
            .file("m.toml", MINI)
            .file("old.ics", moved(seq))
            .args(["ics", "m.toml", "--previous", "old.ics", "-o", "new.ics"])
            .status(2)
            .stderr_contains(format!(
                "old.ics: line 4: SEQUENCE `{seq}` is not a whole number from 0 to 2147483647"
            ))
            .run();
    }
}

#[test]
fn a_move_of_an_event_at_the_largest_sequence_is_refused() {
    agendum()
        .file("m.toml", MINI)
        .file("old.ics", moved("2147483647"))
        .args(["ics", "m.toml", "--previous", "old.ics", "-o", "new.ics"])
        .status(2)
        .stderr_contains("has SEQUENCE 2147483647, the largest RFC 5545 allows")
        .run();
    agendum()
        .file("m.toml", MINI)
        .file("old.ics", moved("2147483646"))
        .args(["ics", "m.toml", "--previous", "old.ics", "-o", "new.ics"])
        .success()
        .run()
        .read("new.ics")
        .contains("SEQUENCE:2147483647")
        .then_some(())
        .expect("raised to the largest");
}

// Item 10: a title of one megabyte with no space in it. Word wrapping cut
// such a word again and again from its whole rest (14 s for 300 KB, over a
// minute for 1 MB); it is cut once now. The timeout is a bound for a
// runaway, not a speed measurement (benches/render.rs measures).
#[test]
fn a_megabyte_word_is_wrapped_in_one_pass() {
    let title = "x".repeat(1 << 20);
    let text = MINI.replacen("title = \"Mini\"", &format!("title = \"{title}\""), 1);
    assert!(text.contains(&title), "the title went in");
    let out = agendum()
        .file("m.toml", &text)
        .args(["render", "m.toml"])
        .timeout(Duration::from_secs(30))
        .status(0)
        .run();
    // Every line of the text agenda stays within the column, and the whole
    // title is there.
    assert!(out.stdout.lines().all(|l| l.chars().count() <= 80));
    assert!(out.stdout.matches('x').count() >= 1 << 20);
}
