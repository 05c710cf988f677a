//! `agendum record` on a copy of the Montreal seed: events, revisions,
//! actions, and refusals that leave the file untouched.

use std::path::{Path, PathBuf};

use crate::support::{ROOT, agendum};

fn copy_of_montreal(dir: &Path) -> PathBuf {
    let path = dir.join("sec-24.toml");
    std::fs::copy(
        Path::new(ROOT).join("schedules/sec-24-montreal.toml"),
        &path,
    )
    .unwrap();
    path
}

#[test]
fn a_week_of_records_as_the_issue_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_montreal(dir.path());
    let f = file.to_str().unwrap();
    let before = std::fs::read_to_string(&file).unwrap();

    agendum()
        .args([
            "record",
            f,
            "SEC-2016-0136",
            "noted",
            "--session",
            "Monday SEC-4",
            "--by",
            "Wolfgang",
            "--note",
            "Minor typo on figure.",
        ])
        .success()
        .stderr("")
        .stdout("recorded: SEC-2016-0136 NOTED in Monday SEC-4 (S1), presented by Wolfgang\n")
        .run();

    // R02 is new to the chain: it is added, and the decision recorded on it.
    agendum()
        .args([
            "record",
            f,
            "SEC-2016-0136R02",
            "agreed",
            "--session",
            "Friday SEC-2",
        ])
        .success()
        .stdout("recorded: new revision SEC-2016-0136R02; SEC-2016-0136R02 AGREED in Friday SEC-2 (S12)\n").run();

    agendum()
        .args([
            "record",
            f,
            "ARC-2016-0344R01",
            "agreed by ARC/SEC",
            "--session",
            "wed ARC/SEC-5",
        ])
        .success()
        .stdout("recorded: ARC-2016-0344R01 AGREED by ARC/SEC in wed ARC/SEC-5 (S7)\n")
        .run();

    agendum()
        .args([
            "record",
            f,
            "SEC-2016-0154R01",
            "agreed to be proposed to TP for approval",
            "--session",
            "S12",
        ])
        .success()
        .run();

    agendum()
        .args([
            "record",
            f,
            "--action",
            "To check the impact on the binding in PRO",
            "--who",
            "Wolfgang",
        ])
        .success()
        .stdout("recorded: new action A-WG4-SEC234: To check the impact on the binding in PRO (Wolfgang)\n").run();
    agendum()
        .args(["record", f, "--close", "A-WG4-SEC233"])
        .success()
        .stdout("recorded: action A-WG4-SEC233 COMPLETED\n")
        .run();

    let after = std::fs::read_to_string(&file).unwrap();
    // Everything that was there is still there, comments included.
    for line in before.lines().filter(|l| l.starts_with('#')) {
        assert!(after.contains(line), "lost comment: {line}");
    }
    assert!(after.contains("revisions = [\"R01\", \"R02\"]"));
    assert!(after.contains("[[contributions.history]]\nrevision = \"R02\"\nsession = \"Friday SEC-2\"\ndecision = \"agreed\"\n"));
    assert!(after.contains("decided_by = [\"ARC\", \"SEC\"]"));
    assert!(after.contains("wording = \"agreed to be proposed to TP for approval\""));
    assert!(after.contains("reference = \"A-WG4-SEC234\""));
    // The result still checks clean.
    agendum().args(["check", f]).success().run();
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
