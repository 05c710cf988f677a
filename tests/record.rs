//! `agendum record` on a copy of the Montreal seed: events, revisions,
//! actions, and refusals that leave the file untouched.

use std::path::{Path, PathBuf};

use crate::support::{Test, agendum};

fn copy_of_montreal(dir: &Path) -> PathBuf {
    let path = dir.join("sec-24.toml");
    crate::support::copy_meeting("schedules/sec-24-montreal.toml", &path);
    path
}

#[test]
fn a_week_of_records_as_the_issue_writes_them() {
    // What the Montreal file leaves open (SEC-2016-0137, ARC-2016-0287R05,
    // TP-2016-0199) comes back on Friday: every record adds to the file.
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_montreal(dir.path());
    let f = file.to_str().unwrap();
    let before = std::fs::read_to_string(&file).unwrap();

    // R01 is new to the chain; "wolfgang" is the person declared "Wolfgang".
    agendum()
        .args([
            "record",
            f,
            "SEC-2016-0137R01",
            "noted",
            "--session",
            "Friday SEC-2",
            "--by",
            "wolfgang",
            "--note",
            "Numbering fixed.",
            "--revision-expected",
        ])
        .success()
        .stderr("")
        .stdout("recorded: new revision SEC-2016-0137R01; SEC-2016-0137R01 NOTED in Friday SEC-2 (S12), presented by Wolfgang\n")
        .run();
    agendum()
        .args([
            "record",
            f,
            "SEC-2016-0137R02",
            "agreed",
            "--session",
            "Friday SEC-2",
        ])
        .success()
        .stdout("recorded: new revision SEC-2016-0137R02; SEC-2016-0137R02 AGREED in Friday SEC-2 (S12)\n").run();

    agendum()
        .args([
            "record",
            f,
            "ARC-2016-0287R06",
            "agreed by ARC/SEC",
            "--session",
            "wed ARC/SEC-5",
        ])
        .success()
        .stdout("recorded: new revision ARC-2016-0287R06; ARC-2016-0287R06 AGREED by ARC/SEC in wed ARC/SEC-5 (S7)\n")
        .run();

    agendum()
        .args([
            "record",
            f,
            "TP-2016-0199R01",
            "agreed to be proposed to TP for approval",
            "--session",
            "S12",
        ])
        .success()
        .run();

    // The minutes gave the week's new action items no reference: the series
    // goes on from the last one the meeting allocated.
    agendum()
        .args([
            "record",
            f,
            "--action",
            "To upload SEC-2016-0137R02 to the portal",
            "--who",
            "Wolfgang",
        ])
        .success()
        .stderr("")
        .stdout("recorded: new action A-WG4-SEC234: To upload SEC-2016-0137R02 to the portal (Wolfgang)\n").run();
    agendum()
        .args(["record", f, "--close", "A-WG4-SEC233"])
        .success()
        .stdout("recorded: action A-WG4-SEC233 COMPLETED\n")
        .run();

    recorded_and_kept(f, &before);
}

/// The file after the records of the week: what was there is still there,
/// what was recorded is written as resolved, and it checks clean and reads
/// back in the minutes.
fn recorded_and_kept(f: &str, before: &str) {
    let after = std::fs::read_to_string(f).unwrap();
    // Everything that was there is still there, comments included.
    for line in before.lines().filter(|l| l.starts_with('#')) {
        assert!(after.contains(line), "lost comment: {line}");
    }
    assert!(after.contains("revisions = [\"R01\", \"R02\"]"));
    // The session is written by its id, the presenter as declared.
    assert!(after.contains("[[contributions.history]]\nrevision = \"R01\"\nsession = \"S12\"\nby = \"Wolfgang\"\ndecision = \"noted\"\n"), "{after}");
    assert!(after.contains(
        "[[contributions.history]]\nrevision = \"R02\"\nsession = \"S12\"\ndecision = \"agreed\"\n"
    ));
    assert!(after.contains("decided_by = [\"ARC\", \"SEC\"]"));
    assert!(after.contains("wording = \"agreed to be proposed to TP for approval\""));
    assert!(after.contains("reference = \"A-WG4-SEC234\""));
    // The result still checks clean, and the minutes say what was recorded.
    agendum().args(["check", f]).success().run();
    let report = agendum()
        .args(["render", f, "--report"])
        .success()
        .run()
        .stdout;
    for line in [
        "SEC-2016-0137R01 presented by Wolfgang on Friday SEC-2",
        "SEC-2016-0137R02 was AGREED",
        "ARC-2016-0287R06 was AGREED by ARC/SEC",
        "TP-2016-0199R01 was agreed to be proposed to TP for approval",
    ] {
        assert!(
            report.lines().any(|l| l.trim() == line),
            "no {line:?} in\n{report}"
        );
    }
}

#[test]
fn the_same_decision_in_the_same_session_is_refused_unless_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_montreal(dir.path());
    let f = file.to_str().unwrap();
    let before = std::fs::read(&file).unwrap();
    // The file records SEC-2016-0136 NOTED in Monday SEC-4 already, on the
    // line of its `decision`.
    let line = String::from_utf8_lossy(&before)
        .lines()
        .position(|l| l.starts_with("number = \"SEC-2016-0136\""))
        .unwrap();
    let decision_line = String::from_utf8_lossy(&before)
        .lines()
        .enumerate()
        .skip(line)
        .find(|(_, l)| *l == "decision = \"noted\"")
        .unwrap()
        .0
        + 1;
    let args = [
        "record",
        f,
        "SEC-2016-0136",
        "noted",
        "--session",
        "S1",
        "--by",
        "Wolfgang",
    ];
    agendum()
        .args(args)
        .status(1)
        .stderr(format!(
            "agendum record: {f}:{decision_line}: SEC-2016-0136 was already recorded NOTED in Monday SEC-4 (contributions[4].history[0].decision); give --again if it was decided a second time\n"
        ))
        .run();
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Another decision in that session, or the same one in another, is new.
    agendum()
        .args([
            "record",
            f,
            "SEC-2016-0136",
            "withdrawn",
            "--session",
            "S1",
            "--dry-run",
        ])
        .success()
        .run();
    agendum()
        .args([
            "record",
            f,
            "SEC-2016-0136",
            "noted",
            "--session",
            "Thursday SEC-4",
            "--dry-run",
        ])
        .success()
        .run();
    let mut again = args.to_vec();
    again.push("--again");
    agendum()
        .args(&again)
        .success()
        .stdout("recorded: SEC-2016-0136 NOTED in S1, presented by Wolfgang\n")
        .run();
}

#[test]
fn an_action_like_an_open_one_is_recorded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_montreal(dir.path());
    let f = file.to_str().unwrap();
    // The twin has no reference: the warning points at what it was raised on.
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let what = lines
        .iter()
        .position(|l| *l == "what = [\"To check the impact on the binding in PRO\"]")
        .unwrap();
    let raised_on = what
        + 1
        + lines[what..]
            .iter()
            .position(|l| l.starts_with("contribution = "))
            .unwrap();
    agendum()
        .args([
            "record",
            f,
            "--action",
            "To check the impact  on the binding in PRO",
            "--who",
            "Wolfgang",
        ])
        .success()
        .stdout("recorded: new action A-WG4-SEC234: To check the impact  on the binding in PRO (Wolfgang)\n")
        .stderr(format!("agendum record: warning: {f}:{raised_on}: an open action item already says \"To check the impact on the binding in PRO\" (Wolfgang); recorded anyway\n"))
        .run();
    // Another owner, or a closed twin, is no twin.
    agendum()
        .args([
            "record",
            f,
            "--action",
            "To check the impact on the binding in PRO",
            "--who",
            "Shingo",
        ])
        .success()
        .stderr("")
        .run();
    agendum()
        .args(["record", f, "--close", "A-WG4-SEC231"])
        .success()
        .run();
    agendum()
        .args([
            "record",
            f,
            "--action",
            "To review suitability of algorithms choices in TS-0003",
            "--who",
            "All",
        ])
        .success()
        .stderr("")
        .run();
}

/// A meeting whose sessions are named only by their slots, with two people
/// of the same first name.
const SLOTTED: &str = r#"
[meeting]
id = "RAN1#116"
title = "RAN1 #116"
group = "RAN1"
chair = "Younsun Kim"
dates = { start = 2024-02-26, end = 2024-03-01 }
timezone = "Europe/Athens"
slots = ["09:00-10:30", "11:00-12:30", "14:00-15:30"]

[[groups]]
id = "RAN1"

[[people]]
name = "Younsun Kim"

[[people]]
name = "Hyunsoo Ko"

[[people]]
name = "Hyunsoo Lee"

[[sessions]]
id = "S1"
kind = "break-out"
day = 2024-02-27
slot = 2

[[sessions]]
id = "S2"
kind = "break-out"
day = 2024-02-27
slot = 3

[[agenda]]
number = "9.1"
title = "MIMO"

[[contributions]]
number = "R1-2401234"
title = "Discussion on CSI enhancements"
item = "9.1"
"#;

#[test]
fn a_presenter_is_written_as_declared_and_a_session_by_its_id() {
    let out = agendum()
        .file("ran1.toml", SLOTTED)
        .args([
            "record",
            "ran1.toml",
            "R1-2401234",
            "noted",
            "--session",
            "Tuesday RAN1-2",
            "--by",
            "Younsun",
        ])
        .success()
        .stdout("recorded: R1-2401234 NOTED in Tuesday RAN1-2 (S1), presented by Younsun Kim\n")
        .run();
    let path = out.path("ran1.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("session = \"S1\"\nby = \"Younsun Kim\"\n"),
        "{text}"
    );

    // The slots of S1 and S2 are swapped: the decision stays in S1, which
    // the minutes now call Tuesday RAN1-3.
    let swapped = text
        .replace("slot = 2", "slot = X")
        .replace("slot = 3", "slot = 2")
        .replace("slot = X", "slot = 3");
    std::fs::write(&path, swapped).unwrap();
    let out = Test::with_tempdir(out.tempdir)
        .args(["render", "ran1.toml", "--report"])
        .success()
        .run();
    assert!(
        out.stdout
            .lines()
            .any(|l| l.trim() == "Presented by Younsun Kim on Tuesday RAN1-3"),
        "{}",
        out.stdout
    );

    // "Hyunsoo" is two people: refused, naming both.
    Test::with_tempdir(out.tempdir)
        .args(["record", "ran1.toml", "R1-2401234", "--by", "Hyunsoo", "--session", "S2"])
        .status(1)
        .stderr_contains("\"Hyunsoo\" could be \"Hyunsoo Ko\" or \"Hyunsoo Lee\"; write the name as [[people]] declares it")
        .run();
}

#[test]
fn refused_records_write_nothing_and_say_what_was_meant() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_montreal(dir.path());
    let f = file.to_str().unwrap();
    let before = std::fs::read(&file).unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["SEC-2016-0999", "agreed"],
            "no contribution SEC-2016-0999 in SEC#24; did you mean SEC-2016-0139?",
        ),
        (
            &["SEC-2016-0136", "agred"],
            "`agred` is not a decision: did you mean \"agreed\"?",
        ),
        (
            &["SEC-2016-0136", "noted", "--session", "Friday SEC-9"],
            "no session \"Friday SEC-9\" in SEC#24; did you mean \"Friday SEC-2\"?",
        ),
        (
            &["SEC-2016-0136", "noted", "--by", "Wolfgan"],
            "no person \"Wolfgan\" in the file; did you mean \"Wolfgang\"?",
        ),
        (&["--close", "A-WG4-SEC999"], "no action item A-WG4-SEC999"),
        (
            &["SEC-2016-0136", "agreed by XYZ"],
            "no group XYZ in the file",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["record", f];
        all.extend_from_slice(args);
        agendum()
            .args(&all)
            .status(1)
            .stderr_contains(expected)
            .run();
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{args:?} wrote the file"
        );
    }
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_montreal(dir.path());
    let before = std::fs::read(&file).unwrap();
    agendum()
        .args([
            "record",
            file.to_str().unwrap(),
            "SEC-2016-0136",
            "noted",
            "--dry-run",
        ])
        .success()
        .stdout("would record: SEC-2016-0136 NOTED\n")
        .run();
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_file_that_does_not_load_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[meeting]\nid = 3\n").unwrap();
    let err = agendum()
        .args(["record", file.to_str().unwrap(), "SEC-2016-0136", "noted"])
        .status(2)
        .run()
        .stderr;
    assert!(err.contains("bad.toml:2:6"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[meeting]\nid = 3\n"
    );
}
