//! `agendum plan` on the seed week and on weeks built to test each rule.

use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::support::{ROOT, agendum};

/// Seed 001's week with every session's `items` and `contributions` removed:
/// only the contribution list is left to plan from.
fn berlin_without_assignments(dir: &Path) -> PathBuf {
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("schedules/sec-10-berlin.toml")).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("items = ") && !l.starts_with("contributions = "))
        .collect();
    let path = dir.join("sec-10.toml");
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    crate::support::notices_beside(&path);
    path
}

/// The plan is the seed's own allocation, item by item: each session treats
/// the items the seed's schedule gives it (a sub-item listed with its parent
/// counts as the parent's).
fn assert_seed_allocation(plan: &serde_json::Value) {
    let seed = agendum::load::source::Source::new(
        "sec-10-berlin.toml",
        std::fs::read_to_string(Path::new(ROOT).join("schedules/sec-10-berlin.toml")).unwrap(),
    );
    let seed = agendum::load::parse_meeting(&seed, agendum::load::source::FileId(0)).unwrap();
    for s in plan["sessions"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        let planned: Vec<&str> = s["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap())
            .collect();
        let kept: Vec<&str> = planned
            .iter()
            .copied()
            .filter(|i| {
                !i.rsplit_once('.')
                    .is_some_and(|(parent, _)| planned.contains(&parent))
            })
            .collect();
        let session = seed.sessions.iter().find(|x| x.id.as_str() == id).unwrap();
        let expected: Vec<&str> = session.items.iter().map(|n| n.as_str()).collect();
        assert_eq!(kept, expected, "session {id}");
    }
    for session in seed.sessions.iter().filter(|x| !x.items.is_empty()) {
        assert!(
            plan["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["id"] == session.id.as_str()),
            "{} is planned",
            session.id.as_str()
        );
    }
}

#[test]
fn the_seed_week_planned_from_its_contribution_list_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let file = berlin_without_assignments(dir.path());
    let f = file.to_str().unwrap();
    // Before planning, the checker sees contributions no session treats.
    let out = agendum().args(["check", f]).run().stdout;
    assert!(out.contains("warning[unscheduled]"), "{out}");

    let out = agendum()
        .args(["plan", f, "--write"])
        .success()
        .run()
        .stdout;
    assert!(out.contains(&format!("written to {f}")), "{out}");

    let out = agendum()
        .args(["check", f, "--deny", "warnings"])
        .success()
        .run()
        .stdout;
    assert!(out.ends_with("0 errors, 0 warnings\n"), "{out}");

    // Every contribution is treated by exactly one session, in agenda order.
    let json = agendum()
        .args(["plan", f, "--format", "json"])
        .success()
        .run()
        .stdout;
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    let treated: Vec<String> = plan["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["contributions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
        })
        .collect();
    let text = std::fs::read_to_string(&file).unwrap();
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            l.strip_prefix("number = \"")
                .and_then(|r| r.strip_suffix('"'))
        })
        .filter(|n| n.contains("-20"))
        .collect();
    assert_eq!(listed.len(), 29);
    for n in &listed {
        assert_eq!(
            treated.iter().filter(|t| t == n).count(),
            1,
            "{n} treated once"
        );
    }
    // The joint session takes the contribution marked for SEC and PRO.
    let joint = plan["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "JOINT-PRO")
        .unwrap();
    assert_eq!(
        joint["contributions"],
        serde_json::json!(["PRO-2014-0159R01"])
    );
    assert_seed_allocation(&plan);
    // Opening items go first, closing items last.
    let sessions = plan["sessions"].as_array().unwrap();
    assert!(
        sessions[0]["items"]
            .as_array()
            .unwrap()
            .contains(&"2".into())
    );
    assert!(
        sessions.last().unwrap()["items"]
            .as_array()
            .unwrap()
            .contains(&"12".into())
    );

    // Planning again changes nothing.
    let before = std::fs::read(&file).unwrap();
    let out = agendum()
        .args(["plan", f, "--write"])
        .success()
        .run()
        .stdout;
    assert!(
        out.contains("none: the file already follows this plan"),
        "{out}"
    );
    assert!(out.contains("already holds this plan"), "{out}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn write_keeps_comments_and_everything_else() {
    let dir = tempfile::tempdir().unwrap();
    let file = berlin_without_assignments(dir.path());
    let before = std::fs::read_to_string(&file).unwrap();
    agendum()
        .args(["plan", file.to_str().unwrap(), "--write"])
        .success()
        .run();
    let after = std::fs::read_to_string(&file).unwrap();
    for line in before
        .lines()
        .filter(|l| l.starts_with('#') || l.starts_with("title = "))
    {
        assert!(after.contains(line), "lost: {line}");
    }
}

#[test]
fn printing_does_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let file = berlin_without_assignments(dir.path());
    let before = std::fs::read(&file).unwrap();
    let out = agendum()
        .args(["plan", file.to_str().unwrap()])
        .success()
        .run()
        .stdout;
    assert!(
        out.starts_with("Plan for SEC#10.0 (29 contributions in 7 sessions)"),
        "{out}"
    );
    assert!(out.contains("Changes against the file:"), "{out}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

const SMALL: &str = r#"
[meeting]
id = "SEC#1"
title = "t"
group = "SEC"
chair = "Ann"
dates = { start = 2024-03-04, end = 2024-03-05 }
timezone = "Europe/Paris"

[settings]
minutes_per_contribution = 30

[[groups]]
id = "SEC"

[[people]]
name = "Ann"

[[sessions]]
id = "S1"
kind = "break-out"
day = 2024-03-04
time = "09:00-10:00"

[[sessions]]
id = "S2"
kind = "break-out"
day = 2024-03-05
time = "09:00-10:00"

[[agenda]]
number = "7"
title = "Contributions"

[[agenda]]
number = "7.1"
title = "Topic one"

[[agenda]]
number = "7.2"
title = "Topic two"
"#;

fn small_with(contributions: &[(&str, &str)], extra: &str) -> String {
    let mut s = SMALL.to_string();
    s.push_str(extra);
    for (number, item) in contributions {
        let _ = write!(
            s,
            "\n[[contributions]]\nnumber = \"{number}\"\ntitle = \"x\"\nitem = \"{item}\"\n"
        );
    }
    s
}

#[test]
fn no_valid_plan_names_the_smallest_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    let c = [
        ("SEC-2024-0001", "7.1"),
        ("SEC-2024-0002", "7.1"),
        ("SEC-2024-0003", "7.2"),
        ("SEC-2024-0004", "7.2"),
        ("SEC-2024-0005", "7.2"),
    ];
    std::fs::write(&file, small_with(&c, "")).unwrap();
    let err = agendum()
        .args(["plan", file.to_str().unwrap()])
        .status(1)
        .run()
        .stderr;
    assert!(
        err.contains("no plan fits: items 7.2-7.2 need 90 minutes, session S2 has 60")
            || err.contains("no plan fits: item 7.2 needs 90 minutes, session S2 has 60"),
        "{err}"
    );
}

#[test]
fn items_needing_another_group_without_a_joint_session_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    let text = small_with(&[("SEC-2024-0001", "7.1")], "\n[[groups]]\nid = \"PRO\"\n").replace(
        "title = \"Topic one\"",
        "title = \"Topic one\"\ngroups = [\"PRO\"]",
    );
    std::fs::write(&file, text).unwrap();
    let err = agendum()
        .args(["plan", file.to_str().unwrap()])
        .status(1)
        .run()
        .stderr;
    assert!(err.contains("item 7.1 needs PRO, SEC: no break-out or joint session has all of them; add a joint session with PRO, SEC"), "{err}");
}

#[test]
fn companions_share_their_main_crs_session_and_dependencies_come_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    let mut text = small_with(&[], "");
    text.push_str(
        "\n[[contributions]]\nnumber = \"SEC-2024-0010\"\ntitle = \"companion\"\nitem = \"7.1\"\ncompanion_of = \"SEC-2024-0012\"\n\
         \n[[contributions]]\nnumber = \"SEC-2024-0011\"\ntitle = \"needs 13\"\nitem = \"7.1\"\ndepends_on = [\"SEC-2024-0013\"]\n\
         \n[[contributions]]\nnumber = \"SEC-2024-0012\"\ntitle = \"main\"\nitem = \"7.1\"\n\
         \n[[contributions]]\nnumber = \"SEC-2024-0013\"\ntitle = \"base\"\nitem = \"7.1\"\n",
    );
    std::fs::write(&file, text).unwrap();
    let json = agendum()
        .args(["plan", file.to_str().unwrap(), "--format", "json"])
        .success()
        .run()
        .stdout;
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    let order: Vec<&str> = plan["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["contributions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
        })
        .collect();
    let pos = |n: &str| order.iter().position(|x| *x == n).unwrap();
    assert!(pos("SEC-2024-0013") < pos("SEC-2024-0011"), "{order:?}");
    assert_eq!(pos("SEC-2024-0010"), pos("SEC-2024-0012") + 1, "{order:?}");
    let session_of = |n: &str| {
        plan["sessions"].as_array().unwrap().iter().position(|s| {
            s["contributions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == n)
        })
    };
    assert_eq!(session_of("SEC-2024-0010"), session_of("SEC-2024-0012"));
}

#[test]
fn from_a_session_on_open_contributions_are_carried_and_treated_ones_stay() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    let c = [("SEC-2024-0001", "7.1"), ("SEC-2024-0002", "7.2")];
    let mut text = small_with(&c, "");
    // S1 treated both: 0001 was agreed, 0002 was noted with a revision expected.
    text = text.replacen("time = \"09:00-10:00\"\n", "time = \"09:00-10:00\"\nitems = [\"7.1\", \"7.2\"]\ncontributions = [\"SEC-2024-0001\", \"SEC-2024-0002\"]\n", 1);
    text = text.replace(
        "number = \"SEC-2024-0001\"\ntitle = \"x\"\nitem = \"7.1\"\n",
        "number = \"SEC-2024-0001\"\ntitle = \"x\"\nitem = \"7.1\"\nstatus = \"agreed\"\n",
    );
    text = text.replace("number = \"SEC-2024-0002\"\ntitle = \"x\"\nitem = \"7.2\"\n", "number = \"SEC-2024-0002\"\ntitle = \"x\"\nitem = \"7.2\"\nstatus = \"noted\"\nrevision_expected = true\n");
    std::fs::write(&file, &text).unwrap();
    let json = agendum()
        .args([
            "plan",
            file.to_str().unwrap(),
            "--from",
            "S2",
            "--format",
            "json",
        ])
        .success()
        .run()
        .stdout;
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(plan["sessions"][0]["frozen"], true);
    assert_eq!(
        plan["sessions"][0]["contributions"],
        serde_json::json!(["SEC-2024-0001"])
    );
    assert_eq!(
        plan["sessions"][1]["contributions"],
        serde_json::json!(["SEC-2024-0002"])
    );
    agendum()
        .args(["plan", file.to_str().unwrap(), "--from", "S9"])
        .status(1)
        .run();
}

/// Random small weeks: every plan the planner returns passes the checker.
fn random_meeting(sessions: &[u32], items: &[Vec<u32>]) -> String {
    let mut s = String::from(
        "[meeting]\nid = \"SEC#9\"\ntitle = \"t\"\ngroup = \"SEC\"\nchair = \"Ann\"\ndates = { start = 2024-03-04, end = 2024-03-08 }\ntimezone = \"UTC\"\n\n[[groups]]\nid = \"SEC\"\n\n[[people]]\nname = \"Ann\"\n",
    );
    for (i, len) in sessions.iter().enumerate() {
        let day = 4 + i / 3;
        let start = 8 + (i % 3) * 3;
        let end_min = start * 60 + *len as usize;
        let _ = write!(
            s,
            "\n[[sessions]]\nid = \"S{}\"\nkind = \"break-out\"\nday = 2024-03-{day:02}\ntime = \"{start:02}:00-{:02}:{:02}\"\n",
            i + 1,
            end_min / 60,
            end_min % 60
        );
    }
    for (i, contributions) in items.iter().enumerate() {
        let _ = write!(
            s,
            "\n[[agenda]]\nnumber = \"7.{}\"\ntitle = \"Topic\"\n",
            i + 1
        );
        for (j, minutes) in contributions.iter().enumerate() {
            let _ = write!(
                s,
                "\n[[contributions]]\nnumber = \"SEC-2024-{:04}\"\ntitle = \"x\"\nitem = \"7.{}\"\nminutes = {minutes}\n",
                i * 10 + j + 1,
                i + 1
            );
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_plan_passes_the_checker(
        sessions in prop::collection::vec(30u32..150, 1..5),
        items in prop::collection::vec(prop::collection::vec(5u32..60, 0..4), 1..5),
    ) {
        let text = random_meeting(&sessions, &items);
        let mut all = agendum::load::source::Sources::new();
        let id = all.add(agendum::load::source::Source::new("random.toml", text));
        let meeting = agendum::load::parse_meeting(all.get(id), id).expect("generated file loads");
        let loaded = agendum::load::week::from_meetings(all.clone(), vec![meeting.clone()]);
        prop_assert!(loaded.diagnostics.iter().all(|d| !d.is_error()));
        if let Ok(plan) = agendum::plan::plan(&loaded.week, 0, &agendum::plan::Options::default()) {
            let mut planned = meeting;
            agendum::plan::apply(&plan, &mut planned);
            let checked = agendum::load::week::from_meetings(all, vec![planned]);
            prop_assert!(checked.diagnostics.iter().all(|d| !d.is_error()));
            let settings = agendum::check::Settings::default();
            let findings = agendum::check::check(&checked.week, &settings);
            let errors: Vec<_> = findings.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
            prop_assert!(errors.is_empty(), "{errors:?}");
        } else {
            // No plan: a brute force over every order-keeping assignment agrees.
            let minutes: Vec<u32> = items.iter().flatten().copied().collect();
            prop_assert!(!fits(&minutes, &sessions), "the planner found no plan, brute force did");
        }
    }
}

/// Whether `minutes`, in order, can be cut into runs that fit the sessions in order.
fn fits(minutes: &[u32], sessions: &[u32]) -> bool {
    fn go(minutes: &[u32], sessions: &[u32], used: u32) -> bool {
        let Some((&first, rest)) = minutes.split_first() else {
            return true;
        };
        let Some((&cap, later)) = sessions.split_first() else {
            return false;
        };
        (used + first <= cap && go(rest, sessions, used + first)) || go(minutes, later, 0)
    }
    go(minutes, sessions, 0)
}

/// SA3#115 with its agenda published: items 8 and 9.1 on Monday (with 120
/// minutes free), 9.2-9.10 three to a full 90-minute session.
fn published_week() -> String {
    let mut s = String::from(
        "[meeting]\nid = \"SA3#115\"\ntitle = \"3GPP TSG SA WG3 #115\"\ngroup = \"SA3\"\nchair = \"Ana Lima\"\ndates = { start = 2024-04-15, end = 2024-04-17 }\ntimezone = \"Europe/Paris\"\nagenda_published = true\n\n[settings]\nminutes_per_contribution = 15\n\n[[groups]]\nid = \"SA3\"\n\n[[people]]\nname = \"Ana Lima\"\n",
    );
    for (id, day, time, items) in [
        ("MON1", 15, "14:00-17:00", "\"8\", \"9.1\""),
        ("TUE1", 16, "09:00-10:30", "\"9.2\", \"9.3\", \"9.4\""),
        ("TUE2", 16, "11:00-12:30", "\"9.5\", \"9.6\", \"9.7\""),
        ("WED1", 17, "09:00-10:30", "\"9.8\", \"9.9\", \"9.10\""),
    ] {
        let _ = write!(
            s,
            "\n[[sessions]]\nid = \"{id}\"\nkind = \"break-out\"\nday = 2024-04-{day}\ntime = \"{time}\"\nitems = [{items}]\n"
        );
    }
    let items: Vec<String> = std::iter::once("8".to_string())
        .chain((1..=10).map(|i| format!("9.{i}")))
        .collect();
    for n in &items {
        let _ = write!(
            s,
            "\n[[agenda]]\nnumber = \"{n}\"\ntitle = \"Work item {n}\"\n"
        );
    }
    for (k, n) in items.iter().flat_map(|n| [n, n]).enumerate() {
        let _ = write!(
            s,
            "\n[[contributions]]\nnumber = \"S3-24{:04}\"\ntitle = \"Contribution\"\nitem = \"{n}\"\n",
            k + 1
        );
    }
    s
}

/// Each session's contributions in a JSON plan, by session id.
fn by_session(json: &str) -> Vec<(String, Vec<String>)> {
    let plan: serde_json::Value = serde_json::from_str(json).unwrap();
    plan["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["contributions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn replanning_a_published_agenda_after_an_import_moves_nothing_that_did_not_have_to() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    std::fs::write(&file, published_week()).unwrap();
    let f = file.to_str().unwrap();
    let plan_json = || {
        agendum()
            .args(["plan", f, "--format", "json"])
            .success()
            .run()
            .stdout
    };
    let before = by_session(&plan_json());

    // Two CRs under a new item 8.1: Monday has room, so they go there and
    // nothing else moves.
    let list = Path::new(ROOT).join("tests/import/new-item-8.1.csv");
    agendum()
        .args(["import", list.to_str().unwrap(), "--into", f])
        .success()
        .run();
    let out = agendum().args(["plan", f]).success().run().stdout;
    assert!(!out.contains("Moved"), "{out}");
    assert!(out.contains("  MON1: items + 8.1\n"), "{out}");
    let after = by_session(&plan_json());
    for ((id, old), (_, new)) in before.iter().zip(&after) {
        let kept: Vec<&String> = new.iter().filter(|c| !c.starts_with("S3-2401")).collect();
        assert_eq!(kept, old.iter().collect::<Vec<_>>(), "{id} changed");
    }
    assert_eq!(after[0].1[2..4], ["S3-240101", "S3-240102"]);
    // Balancing again would move items that had no reason to move.
    let out = agendum()
        .args(["plan", f, "--rebalance"])
        .success()
        .run()
        .stdout;
    assert!(
        out.contains("Moved (the plan balances the sessions):\n  9.2 moved from TUE1 to MON1: to balance the sessions"),
        "{out}"
    );
    agendum().args(["plan", f, "--write"]).success().run();
    agendum()
        .args(["check", f, "--deny", "warnings"])
        .success()
        .run();

    // A CR on 9.3 overfills TUE1, one on 9.6 TUE2: the fewest moves are
    // 9.2 to Monday and one contribution of 9.5 to TUE1, each said why.
    let list = Path::new(ROOT).join("tests/import/crs-on-9.3-9.6.csv");
    agendum()
        .args(["import", list.to_str().unwrap(), "--into", f])
        .success()
        .run();
    let out = agendum().args(["plan", f]).success().run().stdout;
    assert!(
        out.contains(
            "Moved (the agenda is published: only what had to move):\n  9.2 moved from TUE1 to MON1: TUE1 is 30 minutes over with it\n  9.5 moved from TUE2 to TUE1: TUE2 is 15 minutes over with it\n"
        ),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&plan_json()).unwrap();
    assert_eq!(json["stable"], true);
    assert_eq!(json["moves"].as_array().unwrap().len(), 2);
}

#[test]
fn from_a_session_on_postponed_contributions_are_carried_forward() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    let mut text = small_with(
        &[
            ("SEC-2024-0001", "7.1"),
            ("SEC-2024-0002", "7.1"),
            ("SEC-2024-0003", "7.2"),
        ],
        "",
    )
    .replacen(
        "time = \"09:00-10:00\"\n",
        "time = \"09:00-10:00\"\nitems = [\"7.1\"]\ncontributions = [\"SEC-2024-0001\", \"SEC-2024-0002\"]\n",
        1,
    );
    // S1 agreed 0001 and postponed 0002, as `agendum record` writes it.
    text = text.replace(
        "number = \"SEC-2024-0001\"\ntitle = \"x\"\nitem = \"7.1\"\n",
        "number = \"SEC-2024-0001\"\ntitle = \"x\"\nitem = \"7.1\"\nstatus = \"agreed\"\n",
    );
    text = text.replace(
        "number = \"SEC-2024-0002\"\ntitle = \"x\"\nitem = \"7.1\"\n",
        "number = \"SEC-2024-0002\"\ntitle = \"x\"\nitem = \"7.1\"\nstatus = \"postponed\"\n\n[[contributions.history]]\nsession = \"S1\"\ndecision = \"postponed\"\n",
    );
    std::fs::write(&file, &text).unwrap();
    let f = file.to_str().unwrap();
    let json = agendum()
        .args(["plan", f, "--from", "S2", "--format", "json"])
        .success()
        .run()
        .stdout;
    let sessions = by_session(&json);
    assert_eq!(sessions[0].1, ["SEC-2024-0001"]);
    assert_eq!(sessions[1].1, ["SEC-2024-0002", "SEC-2024-0003"]);
    agendum()
        .args(["plan", f, "--from", "S2", "--write"])
        .success()
        .run();
    agendum().args(["check", f]).success().run();
}

/// A single-WG meeting with an opening and a closing plenary, break-outs
/// between, and a conference call in UTC that ends the week (22:30 in Tokyo).
const PLENARIES: &str = r#"
[meeting]
id = "RAN1#117"
title = "RAN1 #117"
group = "RAN1"
chair = "Ann"
dates = { start = 2024-05-20, end = 2024-05-24 }
timezone = "Asia/Tokyo"

[settings]
minutes_per_contribution = 30

[[groups]]
id = "RAN1"

[[people]]
name = "Ann"

[[sessions]]
id = "OPEN"
kind = "plenary"
day = 2024-05-20
time = "08:30-10:00"

[[sessions]]
id = "B1"
kind = "break-out"
day = 2024-05-21
time = "09:00-10:00"

[[sessions]]
id = "B2"
kind = "break-out"
day = 2024-05-22
time = "09:00-10:00"

[[sessions]]
id = "CLOSE"
kind = "plenary"
day = 2024-05-24
time = "14:00-15:00"

[[sessions]]
id = "CALL1"
kind = "call"
day = 2024-05-24
time = "13:30-15:00"
timezone = "UTC"

[[agenda]]
number = "1"
title = "Opening of the meeting"

[[agenda]]
number = "2"
title = "Approval of the agenda"

[[agenda]]
number = "5"
title = "Action Item Status"
place = "first"

[[agenda]]
number = "8"
title = "Maintenance"

[[agenda]]
number = "9"
title = "Rel-19 work"

[[agenda]]
number = "12"
title = "Closing of the meeting"

[[contributions]]
number = "R1-2401001"
title = "x"
item = "8"

[[contributions]]
number = "R1-2401002"
title = "x"
item = "9"
"#;

#[test]
fn opening_items_go_to_the_opening_plenary_and_closing_items_to_the_closing_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    std::fs::write(&file, PLENARIES).unwrap();
    let f = file.to_str().unwrap();
    // Before planning, the hint names the session the planner would choose,
    // not the call after the week.
    let out = agendum().args(["check", f]).run().stdout;
    assert!(
        out.contains(
            "add \"2\" to a session's `items` (e.g. OPEN, where `agendum plan` would put it)"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "add \"12\" to a session's `items` (e.g. CLOSE, where `agendum plan` would put it)"
        ),
        "{out}"
    );
    assert!(!out.contains("CALL1"), "{out}");
    let json = agendum()
        .args(["plan", f, "--format", "json"])
        .success()
        .run()
        .stdout;
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = |i: usize| plan["sessions"][i]["items"].clone();
    assert_eq!(plan["sessions"][0]["id"], "OPEN");
    // The file's `place` wins over the title's words ("Action Item").
    assert_eq!(items(0), serde_json::json!(["1", "2", "5"]));
    // The plenaries take no break-out work.
    assert_eq!(items(1), serde_json::json!(["8"]));
    assert_eq!(items(2), serde_json::json!(["9"]));
    assert_eq!(plan["sessions"][3]["id"], "CLOSE");
    assert_eq!(items(3), serde_json::json!(["12"]));
    agendum().args(["plan", f, "--write"]).success().run();
    agendum()
        .args(["check", f, "--deny", "warnings"])
        .success()
        .run();
}

#[test]
fn a_place_that_is_neither_first_nor_last_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    std::fs::write(
        &file,
        PLENARIES.replace("place = \"first\"", "place = \"frist\""),
    )
    .unwrap();
    let out = agendum()
        .args(["check", file.to_str().unwrap()])
        .status(2)
        .run();
    let err = out.stdout + &out.stderr;
    assert!(err.contains("`frist` is not a valid place"), "{err}");
    assert!(err.contains("agenda[2].place"), "{err}");
    assert!(err.contains("did you mean \"first\"?"), "{err}");
}

#[test]
fn an_item_placed_first_that_cannot_start_in_the_first_session_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    // S2 is long enough for the 70-minute contribution, S1 is not, and the
    // file places its item first.
    let text = small_with(&[("SEC-2024-0001", "7.2")], "")
        .replace(
            "day = 2024-03-05\ntime = \"09:00-10:00\"",
            "day = 2024-03-05\ntime = \"09:00-11:00\"",
        )
        .replace(
            "title = \"Topic two\"",
            "title = \"Topic two\"\nplace = \"first\"",
        )
        .replace("item = \"7.2\"\n", "item = \"7.2\"\nminutes = 70\n");
    std::fs::write(&file, text).unwrap();
    let err = agendum()
        .args(["plan", file.to_str().unwrap()])
        .status(1)
        .run()
        .stderr;
    assert!(
        err.contains(
            "no plan fits where the file places items: items placed first (7.2) must start in S1"
        ),
        "{err}"
    );
}
