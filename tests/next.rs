//! `agendum next`: SEC#25 made from the Montreal seed (SEC#24) carries what
//! SEC#24 left open, and nothing else.

use crate::support::{Output, agendum};

pub(crate) const NEXT: [&str; 11] = [
    "next",
    "sec-24.toml",
    "--id",
    "SEC#25",
    "--dates",
    "2016-10-10..14",
    "--venue",
    "Sophia Antipolis, France",
    "--timezone",
    "Europe/Paris",
    "-o",
];

/// SEC#25 written to `out/sec-25.toml` beside a copy of the SEC#24 file.
pub(crate) fn sec_25() -> Output {
    agendum()
        .copy("sec-24.toml", "schedules/sec-24-montreal.toml")
        .file("out/.keep", "")
        .args(NEXT)
        .arg("out/sec-25.toml")
        .success()
        .stdout_contains("wrote out/sec-25.toml: SEC#25 from SEC#24: 13 open action items and 3 open contributions carried over")
        .run()
}

/// The values of `key = "..."` lines in the tables `[[name]]` of `text`, in order.
fn values(text: &str, name: &str, key: &str) -> Vec<String> {
    let doc: toml::Table = text.parse().expect("the new file is TOML");
    doc.get(name)
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get(key).and_then(toml::Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn sec_25_loads_and_checks_clean() {
    let out = sec_25();
    // No session yet: only `unscheduled` may be said; anything else fails.
    let out = out
        .then()
        .args([
            "check",
            "out/sec-25.toml",
            "--allow",
            "unscheduled",
            "--deny",
            "warnings",
        ])
        .success()
        .stdout_contains("SEC#25 (0 sessions, 27 agenda items, 3 contributions)")
        .run();
    // And it says so once, not once per item.
    out.then()
        .args(["check", "out/sec-25.toml"])
        .success()
        .stdout_contains(
            "warning[unscheduled]: SEC#25 has no sessions yet: its 27 agenda items and 3 contributions are treated in none",
        )
        .stdout_contains("1 file, 0 errors, 1 warning")
        .run();
}

#[test]
fn it_carries_exactly_the_open_actions_and_contributions() {
    let out = sec_25();
    let text = out.read("out/sec-25.toml");
    // The reference the file gives; the others have none in the minutes.
    assert_eq!(values(&text, "actions", "reference"), ["A-WG4-SEC233"]);
    let doc: toml::Table = text.parse().unwrap();
    let actions = doc["actions"].as_array().unwrap();
    // 13 open in SEC#24 (A-WG4-SEC231 and 232 are completed, not carried).
    assert_eq!(actions.len(), 13);
    assert!(!text.contains("To review suitability of algorithms"));
    assert!(!text.contains("investigate the solution for solving issue"));
    for a in actions {
        assert_eq!(a["status"].as_str(), Some("open"));
        assert_eq!(a["carried_from"].as_str(), Some("SEC#24"));
        // Sessions are SEC#24's: they stay behind.
        assert!(a.get("session").is_none());
    }
    assert_eq!(
        values(&text, "contributions", "number"),
        ["SEC-2016-0137", "ARC-2016-0287R05", "TP-2016-0199"]
    );
    assert_eq!(
        values(&text, "contributions", "item"),
        ["5.2", "5.4", "7.1"]
    );
    assert_eq!(
        values(&text, "contributions", "carried_from"),
        ["SEC#24"; 3]
    );
    // No history, status or session of SEC#24's week is copied.
    for c in doc["contributions"].as_array().unwrap() {
        assert!(c.get("history").is_none() && c.get("status").is_none());
        assert_eq!(c["revision_expected"].as_bool(), Some(true));
    }
    // No sessions; the call before SEC#25 stays planned, TP#25 after it is not carried.
    assert!(doc.get("sessions").is_none());
    assert_eq!(values(&text, "next_meetings", "id"), ["SEC#24.1"]);
    // The same groups and people, the notices kept relative to the new file.
    assert_eq!(values(&text, "groups", "id").len(), 7);
    assert!(text.contains("notices = \"../notices/onem2m.toml\""));
}

#[test]
fn item_3_names_the_sec_24_minutes_and_the_agenda_says_carried_over() {
    let out = sec_25();
    let text = out.read("out/sec-25.toml");
    let doc: toml::Table = text.parse().unwrap();
    let item3 = doc["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["number"].as_str() == Some("3"))
        .unwrap();
    assert_eq!(
        item3["text"].as_array().unwrap()[0].as_str(),
        Some("Minutes of SEC#24")
    );
    let mut out = out
        .then()
        .args(["render", "out/sec-25.toml"])
        .success()
        .stdout_contains("Minutes of SEC#24")
        .stdout_contains("carried over from SEC#24")
        .stdout_contains("A-WG4-SEC233")
        .run();
    // No sessions: no heading of a session list with nothing under it.
    assert!(
        !out.stdout.contains("sessions (tentative)"),
        "{}",
        out.stdout
    );
    for format in ["markdown", "html"] {
        out = out
            .then()
            .args(["render", "out/sec-25.toml", "--format", format])
            .success()
            .run();
        assert!(out.stdout.contains("Minutes of SEC#24"), "{format}");
        assert!(!out.stdout.contains("sessions (tentative)"), "{format}");
    }
}

#[test]
fn the_minutes_number_goes_under_item_3() {
    // SEC-2016-9999 stands for the SEC#24 minutes' number, which the file does not record.
    let out = agendum()
        .copy("sec-24.toml", "schedules/sec-24-montreal.toml")
        .args(NEXT)
        .args(["sec-25.toml", "--minutes", "SEC-2016-9999"])
        .success()
        .stdout_contains("item 3 approves the minutes of SEC#24")
        .run();
    let text = out.read("sec-25.toml");
    assert!(text.contains("text = [\"Minutes of SEC#24: SEC-2016-9999\"]"));
    assert_eq!(values(&text, "contributions", "number")[0], "SEC-2016-9999");
    assert_eq!(values(&text, "contributions", "type")[0], "minutes");
    out.then()
        .args(["check", "sec-25.toml", "--allow", "unscheduled"])
        .success()
        .run();
}

#[test]
fn a_minutes_number_that_is_a_contribution_of_the_file_is_refused() {
    // SEC-2016-0137 is carried (open); SEC-2016-0153 is an agreed CR of SEC#24.
    for (number, title) in [
        ("SEC-2016-0137", "CR TS-0003 R2 MAF use of TEF IF"),
        (
            "SEC-2016-0153R01",
            "TS-0003 CR Remove Distributed Authorization Function",
        ),
    ] {
        let out = agendum()
            .copy("sec-24.toml", "schedules/sec-24-montreal.toml")
            .args(NEXT)
            .args(["sec-25.toml", "--minutes", number])
            .status(2)
            .stderr_contains(format!(
                "--minutes {number}: that is a contribution of SEC#24 (\"{title}\", item 5.2), not its minutes"
            ))
            .run();
        assert!(
            !out.path("sec-25.toml").exists(),
            "nothing written for {number}"
        );
    }
}

#[test]
fn the_made_text_is_checked_as_check_loads_it_before_it_is_written() {
    // A minutes number the file declares twice in its own text: two
    // `[[contributions]]` with one id is what `check` refuses, and `next`
    // would write it (the minutes under item 3 and the carried CR).
    let m = r#"
[meeting]
id = "SEC#30"
title = "SEC 30"
group = "SEC"
chair = "Francois Ennesser"
dates = { start = 2017-07-17, end = 2017-07-21 }
timezone = "Europe/Berlin"
documents = { minutes = "SEC-2017-0001" }

[[groups]]
id = "SEC"
name = "Security"

[[people]]
name = "Francois Ennesser"

[[agenda]]
number = "1"
title = "Approval of previous minutes"

[[contributions]]
number = "SEC-2017-0001"
title = "A CR left open, numbered as the minutes"
item = "1"
status = "open"
"#;
    let out = agendum()
        .file("sec-30.toml", m)
        .args([
            "next",
            "sec-30.toml",
            "--id",
            "SEC#31",
            "--dates",
            "2017-10-09..13",
        ])
        .args(["-o", "sec-31.toml"])
        .status(2)
        .stderr_contains("error[duplicate-id]")
        .stderr_contains("in the file it would write (sec-31.toml): no file written")
        .run();
    assert!(!out.path("sec-31.toml").exists());
}

#[test]
fn places_and_expected_revisions_are_carried() {
    let out = agendum()
        .copy("sec-10.toml", "schedules/sec-10-berlin.toml")
        .args([
            "next",
            "sec-10.toml",
            "--id",
            "SEC#11",
            "--dates",
            "2014-06-16..20",
        ])
        .args(["-o", "sec-11.toml"])
        .success()
        .run();
    let doc: toml::Table = out.read("sec-11.toml").parse().unwrap();
    let place = |n: &str| {
        doc["agenda"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["number"].as_str() == Some(n))
            .and_then(|i| i.get("place"))
            .and_then(toml::Value::as_str)
            .map(str::to_string)
    };
    for n in ["5", "6", "7.1"] {
        assert_eq!(place(n).as_deref(), Some("first"), "item {n}");
    }
    assert_eq!(place("7.2"), None);
    // Open with a revision expected: both are carried.
    let c = doc["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["number"].as_str() == Some("SEC-2014-0240"))
        .expect("SEC-2014-0240 carried");
    assert_eq!(c["revision_expected"].as_bool(), Some(true));
}

#[test]
fn a_postponed_contribution_keeps_its_expected_revision() {
    let m = M1.replace(
        "decision = \"postponed\"",
        "decision = \"postponed\"\nrevision_expected = true",
    );
    let out = agendum()
        .file("shared/groups.toml", SHARED)
        .file("wg/sec-30.toml", &m)
        .args([
            "next",
            "wg/sec-30.toml",
            "--id",
            "SEC#31",
            "--dates",
            "2017-10-09..13",
        ])
        .args(["-o", "wg/sec-31.toml"])
        .success()
        .stdout_contains("SEC-2017-0001: postponed")
        .run();
    let doc: toml::Table = out.read("wg/sec-31.toml").parse().unwrap();
    assert_eq!(
        doc["contributions"][0]["revision_expected"].as_bool(),
        Some(true)
    );
}

#[test]
fn only_the_next_meetings_between_the_two_meetings_are_carried() {
    // SEC#25 after TP#25 (2016-10-17..21): both entries fall before it.
    let out = agendum()
        .copy("sec-24.toml", "schedules/sec-24-montreal.toml")
        .args([
            "next",
            "sec-24.toml",
            "--id",
            "SEC#25",
            "--dates",
            "2016-10-24..28",
        ])
        .args(["-o", "sec-25.toml"])
        .success()
        .run();
    assert_eq!(
        values(&out.read("sec-25.toml"), "next_meetings", "id"),
        ["SEC#24.1", "TP#25"]
    );
    // SEC#25 before the call of 2016-09-29: neither is.
    let out = out
        .then()
        .args([
            "next",
            "sec-24.toml",
            "--id",
            "SEC#25",
            "--dates",
            "2016-09-12..16",
        ])
        .args(["-o", "sec-25.toml", "--force"])
        .success()
        .run();
    assert!(values(&out.read("sec-25.toml"), "next_meetings", "id").is_empty());
}

#[test]
fn a_file_of_a_multi_file_week_loads_with_its_week() {
    // SEC's sessions use rooms tp.toml declares: alone, it does not load.
    let week = || {
        agendum()
            .copy("tp-week/sec.toml", "schedules/tp-week/sec.toml")
            .copy("tp-week/tp.toml", "schedules/tp-week/tp.toml")
            .copy("groups/onem2m.toml", "schedules/groups/onem2m.toml")
            .args([
                "next",
                "tp-week/sec.toml",
                "--id",
                "SEC#25",
                "--dates",
                "2016-10-10..14",
            ])
    };
    let out = week()
        .args(["-o", "sec-25.toml"])
        .status(1)
        .stderr_contains("unknown room")
        .stderr_contains("no file written (if its rooms or people are declared in another file of its week, give that file with --with)")
        .run();
    assert!(!out.path("sec-25.toml").exists());
    // With its week, as `check` loads it.
    let out = week()
        .args(["--with", "tp-week/tp.toml", "-o", "sec-25.toml"])
        .success()
        .stdout_contains("wrote sec-25.toml: SEC#25 from SEC#24")
        .run();
    assert!(
        out.read("sec-25.toml")
            .contains("include = [\"groups/onem2m.toml\"]")
    );
    let out = out
        .then()
        .args([
            "check",
            "sec-25.toml",
            "--allow",
            "unscheduled",
            "--deny",
            "warnings",
        ])
        .success()
        .run();
    // The output is none of the week's files.
    out.then()
        .args([
            "next",
            "tp-week/sec.toml",
            "--id",
            "SEC#25",
            "--dates",
            "2016-10-10..14",
        ])
        .args([
            "--with",
            "tp-week/tp.toml",
            "-o",
            "tp-week/tp.toml",
            "--force",
        ])
        .status(2)
        .stderr_contains("is one of the --with files")
        .run();
}

#[test]
fn a_second_run_gives_the_same_bytes_and_needs_force() {
    let out = sec_25();
    let first = out.read("out/sec-25.toml");
    let out = out
        .then()
        .args(NEXT)
        .arg("out/sec-25.toml")
        .status(2)
        .stderr_contains("out/sec-25.toml exists; give --force to replace it")
        .run();
    assert_eq!(out.read("out/sec-25.toml"), first);
    let out = out
        .then()
        .args(NEXT)
        .args(["out/sec-25.toml", "--force"])
        .success()
        .run();
    assert_eq!(
        out.read("out/sec-25.toml"),
        first,
        "a second run is byte-identical"
    );
}

#[test]
fn bad_arguments_are_refused_with_what_would_be_right() {
    let refused = |id: &str, dates: &str, extra: &[&str], status: i32, message: &str| {
        agendum()
            .copy("sec-24.toml", "schedules/sec-24-montreal.toml")
            .args(["next", "sec-24.toml", "--id", id, "--dates", dates])
            .args(extra)
            .args(["-o", "n.toml"])
            .status(status)
            .stderr_contains(message)
            .run();
    };
    refused(
        "SEC#25",
        "2016-10-14..10",
        &[],
        2,
        "the last day 2016-10-10 is before the first 2016-10-14",
    );
    refused(
        "SEC#25",
        "2016-10-10..14",
        &["--timezone", "Europe/Sophia"],
        2,
        "`Europe/Sophia` is not an IANA time zone",
    );
    // SEC#24 is 2016-07-18 to 2016-07-22: the next one starts after it.
    for dates in ["2016-07-01..05", "2016-07-20..26", "2016-07-22..26"] {
        refused(
            "SEC#25",
            dates,
            &[],
            2,
            "the next meeting must start after this one ends (SEC#24 is 2016-07-18 to 2016-07-22); give a first day after 2016-07-22",
        );
    }
    refused(
        "SEC#24",
        "2016-10-10..14",
        &[],
        2,
        "that is this meeting's own id",
    );
    // An output that cannot be written: a folder, a file in a missing folder.
    for (output, message) in [
        (
            "out",
            "out is a folder; give the new file's name, e.g. -o out/next.toml",
        ),
        (
            "missing/n.toml",
            "missing/n.toml: the folder missing cannot be used",
        ),
    ] {
        let out = agendum()
            .copy("sec-24.toml", "schedules/sec-24-montreal.toml")
            .file("out/.keep", "")
            .args(NEXT)
            .args([output, "--force"])
            .status(2)
            .stderr_contains(message)
            .run();
        assert!(!out.path("missing").exists());
    }
    // Over its own input: refused, input untouched.
    let out = agendum()
        .copy("sec-24.toml", "schedules/sec-24-montreal.toml")
        .args([
            "next",
            "sec-24.toml",
            "--id",
            "SEC#25",
            "--dates",
            "2016-10-10..14",
            "-o",
            "sec-24.toml",
            "--force",
        ])
        .status(2)
        .run();
    assert_eq!(
        out.read("sec-24.toml"),
        std::fs::read_to_string(crate::support::root("schedules/sec-24-montreal.toml")).unwrap()
    );
}

const SHARED: &str = r#"
[[groups]]
id = "SEC"
name = "Security"

[[people]]
name = "Francois Ennesser"
"#;

const M1: &str = r#"
include = ["../shared/groups.toml"]

[meeting]
id = "SEC#30"
title = "SEC 30"
group = "SEC"
chair = "Francois Ennesser"
dates = { start = 2017-07-17, end = 2017-07-21 }
timezone = "Europe/Berlin"

[[rooms]]
name = "Room A"

[[sessions]]
id = "S1"
kind = "break-out"
day = 2017-07-17
time = "09:00-10:30"
room = "Room A"
items = ["1"]

[[agenda]]
number = "1"
title = "Approval of previous minutes"

[[contributions]]
number = "SEC-2017-0001"
title = "A CR left open"
item = "1"
status = "open"
presenter = "Francois Ennesser"

[[contributions.history]]
session = "S1"
decision = "postponed"
"#;

#[test]
fn included_files_are_included_again_not_copied() {
    let out = agendum()
        .file("shared/groups.toml", SHARED)
        .file("wg/sec-30.toml", M1)
        .file("next/.keep", "")
        .args([
            "next",
            "wg/sec-30.toml",
            "--id",
            "SEC#31",
            "--dates",
            "2017-10-09..13",
            "-o",
            "next/sec-31.toml",
        ])
        .success()
        .stdout_contains("SEC-2017-0001: postponed")
        .run();
    let text = out.read("next/sec-31.toml");
    assert!(
        text.contains("include = [\"../shared/groups.toml\"]"),
        "{text}"
    );
    // The shared groups and people are included, not copied; the file's own rooms are.
    assert!(!text.contains("[[groups]]") && !text.contains("[[people]]"));
    assert!(text.contains("[[rooms]]\nname = \"Room A\""));
    assert!(text.contains("timezone = \"Europe/Berlin\""));
    out.then()
        .args([
            "check",
            "next/sec-31.toml",
            "--allow",
            "unscheduled",
            "--deny",
            "warnings",
        ])
        .success()
        .run();
}

#[test]
fn history_follows_a_contribution_across_sec_24_and_sec_25() {
    let out = sec_25();
    // SEC#25 takes up the carried SEC-2016-0137 and agrees its R01.
    let out = out
        .then()
        .args([
            "record",
            "out/sec-25.toml",
            "SEC-2016-0137R01",
            "agreed",
            "--by",
            "Wolfgang",
        ])
        .success()
        .run();
    // Files in any order: the meetings come out by date.
    let out = out
        .then()
        .args(["history", "SEC-2016-0137R01", "out/sec-25.toml", "sec-24.toml"])
        .success()
        .stdout(
            "SEC-2016-0137: CR TS-0003 R2 MAF use of TEF IF\n\
             SEC#24 (2016-07-18 to 2016-07-22), item 5.2 Enhancements to TS-0003 (Rel-2)\n  \
             SEC-2016-0137, Tuesday SEC-3 (2016-07-19), presented by Wolfgang: noted, revision expected\n  \
             after SEC#24: open: noted, revision expected\n\
             SEC#25 (2016-10-10 to 2016-10-14), item 5.2 Enhancements to TS-0003 (Rel-2), carried over from SEC#24\n  \
             SEC-2016-0137R01, presented by Wolfgang: agreed\n  \
             after SEC#25: agreed\n",
        )
        .run();
    // SEC-2016-0136 was agreed at SEC#24 (R01, Friday SEC-2): SEC#25 does not list it.
    let out = out
        .then()
        .args(["history", "SEC-2016-0136", "sec-24.toml", "out/sec-25.toml"])
        .success()
        .stdout_contains("SEC-2016-0136, Monday SEC-4 (2016-07-18), presented by Wolfgang: noted, revision expected\n  SEC-2016-0136R01, Friday SEC-2 (2016-07-22), presented by Wolfgang: agreed\n  after SEC#24: agreed\n")
        .run();
    assert!(!out.stdout.contains("SEC#25"));
    out.then()
        .args(["history", "SEC-2016-9999", "sec-24.toml"])
        .status(2)
        .stderr_contains("SEC-2016-9999 is in none of the files given")
        .run();
}
