//! `agendum check` finding conflicts across a week: every rule on a small
//! week that triggers it (human output pinned) and on its near-miss twin
//! (clean), the JSON fields, `--allow` and `--deny warnings`, the seed and
//! the multi-group example week.

use std::path::Path;

use crate::support::{ROOT, Test, agendum};

/// `agendum check ARGS` in the crate directory.
fn check<'a>(args: impl IntoIterator<Item = &'a str>) -> Test {
    agendum().current_dir(ROOT).arg("check").args(args)
}

/// The rules a run reported, in order.
fn rules(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_string()))
        .collect()
}

macro_rules! rule {
    ($name:ident, $rule:literal, $code:expr) => {
        #[test]
        fn $name() {
            let path = concat!("tests/weeks/", $rule, ".toml");
            let out = check([path]).status($code).run().stdout;
            assert_eq!(rules(&out), vec![$rule.to_string()], "{out}");
            insta::assert_snapshot!(stringify!($name), out);
            // The near miss is clean, even with warnings denied.
            let near = concat!("tests/weeks/", $rule, "-ok.toml");
            let out = check([near, "--deny", "warnings"]).success().run().stdout;
            assert_eq!(rules(&out), Vec::<String>::new(), "{out}");
        }
    };
}

rule!(group_overlap, "group-overlap", 1);
rule!(room_overlap, "room-overlap", 1);
rule!(person_overlap, "person-overlap", 1);
rule!(plenary_overlap, "plenary-overlap", 1);
rule!(item_needs_group, "item-needs-group", 1);
rule!(session_overfull, "session-overfull", 1);
rule!(session_outside_meeting, "session-outside-meeting", 1);
rule!(joint_notice, "joint-notice", 0);
rule!(group_conflict, "group-conflict", 0);
rule!(group_unavailable, "group-unavailable", 0);
rule!(dependency_order, "dependency-order", 0);
rule!(unscheduled, "unscheduled", 0);
rule!(back_to_back, "back-to-back", 0);
rule!(room_capacity, "room-capacity", 0);
rule!(night_call, "night-call", 0);

#[test]
fn warnings_fail_only_with_deny_warnings() {
    check(["tests/weeks/back-to-back.toml"]).success().run();
    check(["tests/weeks/back-to-back.toml", "--deny", "warnings"])
        .status(1)
        .run();
}

#[test]
fn allow_silences_a_rule_on_the_command_line_or_in_the_file() {
    let out = check([
        "tests/weeks/back-to-back.toml",
        "--allow",
        "back-to-back",
        "--deny",
        "warnings",
    ])
    .success()
    .run()
    .stdout;
    assert_eq!(rules(&out), Vec::<String>::new(), "{out}");
    let out = check(["tests/weeks/allowed.toml", "--deny", "warnings"])
        .success()
        .run()
        .stdout;
    assert_eq!(rules(&out), Vec::<String>::new(), "{out}");
}

#[test]
fn unknown_rules_are_errors_with_a_suggestion() {
    check(["tests/weeks/back-to-back.toml", "--allow", "back2back"])
        .status(2)
        .stderr_contains("did you mean `back-to-back`?")
        .run();
    check(["tests/weeks/back-to-back.toml", "--allow", "room-overlap"])
        .status(2)
        .stderr_contains("error rule")
        .run();
    check(["tests/weeks/allow-unknown.toml"])
        .status(1)
        .stdout_contains("error[unknown-rule]: unknown rule `back2back`")
        .stdout_contains("did you mean `back-to-back`?")
        .run();
}

#[test]
fn json_output_names_rule_severity_locations_sessions_and_people() {
    let out = check(["tests/weeks/person-overlap.toml", "--format", "json"])
        .status(1)
        .run()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "person-overlap");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["people"], serde_json::json!(["Alice"]));
    assert_eq!(d["sessions"], serde_json::json!(["SEC#1/S1", "SEC#1/S2"]));
    let lines: Vec<u64> = d["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![6, 46]);
    assert!(d["help"].as_str().unwrap().contains("start S2 at 10:00"));
}

#[test]
fn the_berlin_seed_checks_clean() {
    let out = check(["schedules/sec-10-berlin.toml", "--deny", "warnings"])
        .success()
        .run()
        .stdout;
    assert_eq!(rules(&out), Vec::<String>::new(), "{out}");
}

#[test]
fn the_tp_week_checks_clean() {
    let mut files: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("schedules/tp-week"))
        .expect("schedules/tp-week")
        .map(|e| {
            format!(
                "schedules/tp-week/{}",
                e.expect("entry").file_name().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 6, "{files:?}");
    let args: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .chain(["--deny", "warnings"])
        .collect();
    let out = check(args).success().run().stdout;
    assert_eq!(rules(&out), Vec::<String>::new(), "{out}");
}
