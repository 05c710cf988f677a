//! `agendum check` on bad inputs: every error names the file, line, column
//! and field and says what would be right. The exact text is pinned.

use std::path::Path;

use crate::support::{ROOT, Test, agendum};

/// `agendum check ARGS` in the crate directory.
fn check<'a>(args: impl IntoIterator<Item = &'a str>) -> Test {
    agendum().current_dir(ROOT).arg("check").args(args)
}

macro_rules! bad_input {
    ($name:ident, $file:literal, $code:expr) => {
        #[test]
        fn $name() {
            let path = concat!("tests/bad/", $file);
            let out = check([path]).status($code).run().stdout;
            insta::assert_snapshot!(stringify!($name), out);
        }
    };
}

// The file could not be read or parsed: exit code 2.
bad_input!(malformed_toml, "malformed-toml.toml", 2);
bad_input!(unknown_field, "unknown-field.toml", 2);
bad_input!(missing_field, "missing-field.toml", 2);
bad_input!(unknown_timezone, "unknown-timezone.toml", 2);
bad_input!(unknown_timezone_far, "unknown-timezone-far.toml", 2);
bad_input!(invalid_date, "invalid-date.toml", 2);
bad_input!(invalid_time, "invalid-time.toml", 2);
bad_input!(end_before_start, "end-before-start.toml", 2);
bad_input!(
    malformed_contribution_number,
    "malformed-contribution-number.toml",
    2
);
bad_input!(agenda_number_float, "agenda-number-float.toml", 2);
bad_input!(unknown_kind, "unknown-kind.toml", 2);
bad_input!(not_utf8, "not-utf8.toml", 2);
bad_input!(empty_file, "empty.toml", 2);
bad_input!(blank_file, "blank.toml", 2);
// The file reads, but describes an impossible meeting: exit code 1.
bad_input!(session_outside_dates, "session-outside-dates.toml", 1);
bad_input!(dst_gap, "dst-gap.toml", 1);
bad_input!(duplicate_session, "duplicate-session.toml", 1);
bad_input!(unknown_room, "unknown-room.toml", 1);
bad_input!(unknown_group, "unknown-group.toml", 1);
bad_input!(unknown_person, "unknown-person.toml", 1);
bad_input!(unknown_item, "unknown-item.toml", 1);
bad_input!(unknown_contribution, "unknown-contribution.toml", 1);
bad_input!(
    unknown_session_in_history,
    "unknown-session-in-history.toml",
    1
);
bad_input!(duplicate_contribution, "duplicate-contribution.toml", 1);
bad_input!(assumed_without_value, "assumed-without-value.toml", 1);
// Warnings alone keep exit code 0.
bad_input!(dst_fold, "dst-fold.toml", 0);

#[test]
fn warnings_fail_with_deny_warnings() {
    check(["tests/bad/dst-fold.toml", "--deny", "warnings"])
        .status(1)
        .run();
}

#[test]
fn missing_file_is_named() {
    check(["tests/bad/no-such-file.toml"])
        .status(2)
        .stdout_contains("tests/bad/no-such-file.toml: cannot open the file: no such file")
        .run();
}

#[test]
fn directory_is_refused() {
    check(["tests/bad"])
        .status(2)
        .stdout_contains("is a directory")
        .run();
}

#[test]
fn huge_file_is_refused_before_reading() {
    let test = agendum().args(["check", "huge.toml"]);
    // A sparse 100 MB file: refused from its size, never read into memory.
    std::fs::File::create(test.path("huge.toml"))
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    test.status(2)
        .stdout_contains(
            "the file is 104857600 bytes; agendum reads meeting files of at most 16777216 bytes",
        )
        .run();
}

#[test]
fn file_just_over_the_limit_is_refused_even_if_real() {
    let line = "# padding padding padding padding padding padding padding padding\n";
    agendum()
        .file("big.toml", line.repeat((16 * 1024 * 1024) / line.len() + 2))
        .args(["check", "big.toml"])
        .status(2)
        .stdout_contains("at most 16777216 bytes")
        .run();
}

#[test]
fn json_diagnostics_have_the_documented_fields() {
    let out = check(["tests/bad/unknown-room.toml", "--format", "json"])
        .status(1)
        .run()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "unknown-reference");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["field"], "sessions[0].room");
    assert_eq!(d["help"], "did you mean `Break-out`?");
    let loc = &d["locations"][0];
    assert_eq!(loc["file"], "tests/bad/unknown-room.toml");
    assert_eq!(
        (loc["line"].as_u64(), loc["column"].as_u64()),
        (Some(23), Some(8))
    );
}

#[test]
fn seeds_check_clean() {
    for seed in [
        "schedules/sec-10-berlin.toml",
        "schedules/sec-24-montreal.toml",
    ] {
        assert!(
            !seed.ends_with("montreal.toml") || Path::new(ROOT).join(seed).exists(),
            "{seed} is missing"
        );
        let out = check([seed]).success().run().stdout;
        if seed.ends_with("berlin.toml") {
            assert!(out.ends_with("0 errors, 0 warnings\n"), "{seed}:\n{out}");
        } else {
            // Real findings the minutes themselves show: these items have no
            // session and nothing recorded under them.
            let found: Vec<&str> = out.lines().filter(|l| l.starts_with("warning[")).collect();
            let items = ["4", "4.1", "4.2", "6.4", "6.6", "7.2"];
            let expected: Vec<String> = items
                .iter()
                .map(|i| {
                    format!(
                        "warning[unscheduled]: agenda item {i} of SEC#24 is treated in no session"
                    )
                })
                .collect();
            assert_eq!(found, expected, "{seed}:\n{out}");
        }
    }
}

#[test]
fn several_files_share_rooms_groups_and_people() {
    check(["tests/week/host.toml", "tests/week/guest.toml"])
        .success()
        .stdout_contains("agendum check: 2 files, 0 errors, 0 warnings")
        .run();
}

#[test]
fn a_shared_room_declared_differently_is_an_error() {
    let out = check(["tests/week/host.toml", "tests/week/guest-conflicting.toml"])
        .status(1)
        .run()
        .stdout;
    insta::assert_snapshot!("conflicting_definition", out);
}

#[test]
fn the_same_file_twice_is_a_duplicate_meeting() {
    check(["tests/week/host.toml", "tests/week/host.toml"])
        .status(1)
        .stdout_contains("error[duplicate-id]: meeting `TP#24` is loaded twice")
        .run();
}

#[test]
fn a_declaration_that_says_less_is_compatible() {
    check(["tests/week/host.toml", "tests/week/guest-partial.toml"])
        .success()
        .run();
}

#[test]
fn an_alias_of_two_people_is_a_duplicate() {
    check(["tests/week/host.toml", "tests/week/guest-alias-taken.toml"])
        .status(1)
        .stdout_contains("error[duplicate-id]: person `Francois` is declared twice")
        .stdout_contains("tests/week/guest-alias-taken.toml:20:12")
        .run();
}

/// A venue's whole week, one file per group: many files are parsed side by
/// side, and every diagnostic must still name its own file and line, in the
/// order of the command line.
#[test]
fn many_files_keep_their_names_lines_and_order() {
    let meeting = |n: usize| {
        format!(
            "[meeting]\nid = \"G{n}#1\"\ntitle = \"Group {n}\"\ngroup = \"G{n}\"\nchair = \"Chair {n}\"\ndates = {{ start = 2016-01-04, end = 2016-01-08 }}\ntimezone = \"Europe/Berlin\"\ncalendar_domain = \"g{n}.example\"\n\n[[groups]]\nid = \"G{n}\"\n\n[[people]]\nname = \"Chair {n}\"\n"
        )
    };
    let mut test = agendum().arg("check");
    let mut names = Vec::new();
    for n in 0..40 {
        let name = format!("g{n:02}.toml");
        let mut toml = meeting(n);
        if n == 7 || n == 31 {
            toml.push_str("\n[[sessions]]\nid = \"S1\"\nroom = 7\n");
        }
        test = test.file(&name, &toml);
        names.push(name);
    }
    let out = test.args(&names).status(2).run();
    let first = out
        .stdout
        .find("g07.toml:18:")
        .or_else(|| out.stderr.find("g07.toml:18:"));
    let second = out
        .stdout
        .find("g31.toml:18:")
        .or_else(|| out.stderr.find("g31.toml:18:"));
    assert!(first.is_some() && second.is_some(), "{out:?}");
    assert!(first < second, "file order is kept: {out:?}");
}
