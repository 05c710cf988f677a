//! `agendum timetable`: requests-file errors, solving, reproducibility,
//! infeasibility explanations, pins and stable re-solving, on the real binary.

use std::path::Path;

use crate::support::{ROOT, Test, agendum};

/// `agendum` in the crate directory.
fn timetable() -> Test {
    agendum().current_dir(ROOT)
}

fn read_dir(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn toml_files(dir: &Path) -> Vec<String> {
    read_dir(dir)
        .into_iter()
        .map(|(n, _)| dir.join(n).display().to_string())
        .collect()
}

#[test]
fn an_unknown_field_points_at_its_line() {
    let out = timetable()
        .args(["timetable", "tests/timetable/bad-field.toml"])
        .status(2)
        .stdout("")
        .run()
        .stderr;
    insta::assert_snapshot!(out);
}

#[test]
fn unknown_groups_and_slots_point_at_their_place() {
    let out = timetable()
        .args(["timetable", "tests/timetable/bad-reference.toml"])
        .status(2)
        .stdout("")
        .run()
        .stderr;
    insta::assert_snapshot!(out);
}

/// Solves tests/timetable/small.toml into a scratch directory: it and what was printed.
fn solve_small() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = timetable()
        .args([
            "timetable",
            "tests/timetable/small.toml",
            "-o",
            dir.path().to_str().unwrap(),
        ])
        .success()
        .run()
        .stdout;
    (dir, out)
}

#[test]
fn a_small_week_is_solved_without_hard_violations_and_checks_clean() {
    let (dir, out) = solve_small();
    assert!(
        out.contains("hard violations: 0 (checked on the meeting files)"),
        "{out}"
    );
    // The optimum: with SEC in three slots and PRO closed on Tuesday
    // afternoon, either SEC or PRO meets twice on one day.
    assert!(
        out.contains("soft cost: 500\n  spread                 500\n"),
        "{out}"
    );
    let files = toml_files(dir.path());
    assert_eq!(files.len(), 3);
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let out = timetable().args(&args).success().run().stdout;
    assert!(out.contains("3 files, 0 errors, 0 warnings"), "{out}");
    // The pinned session stays where it is pinned.
    let arc = std::fs::read_to_string(dir.path().join("arc.toml")).unwrap();
    assert!(
        arc.contains("title = \"ARC opening\"\nkind = \"break-out\"\nday = 2024-03-04\ntime = \"09:00-10:30\"\nroom = \"Main\""),
        "{arc}"
    );
    // PRO is unavailable on Tuesday afternoon.
    let pro = std::fs::read_to_string(dir.path().join("pro.toml")).unwrap();
    assert!(
        !pro.contains("day = 2024-03-05\ntime = \"14:00-15:30\""),
        "{pro}"
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let run = |dir: &Path, threads: &str| {
        let out = timetable()
            .args([
                "timetable",
                "schedules/tp-week-requests.toml",
                "--seed",
                "5",
                "--iterations",
                "30000",
                "--restarts",
                "2",
                "--threads",
                threads,
                "-o",
                dir.to_str().unwrap(),
            ])
            .success()
            .run()
            .stdout;
        out.replace(dir.to_str().unwrap(), "DIR")
    };
    let out_a = run(a.path(), "1");
    let out_b = run(b.path(), "2");
    assert_eq!(out_a, out_b);
    assert_eq!(read_dir(a.path()), read_dir(b.path()));
}

#[test]
fn an_infeasible_week_says_which_requests_cannot_all_be_met() {
    let out = timetable()
        .args(["timetable", "tests/timetable/infeasible.toml"])
        .status(1)
        .run()
        .stdout;
    insta::assert_snapshot!(out);
}

#[test]
fn stable_resolving_keeps_an_unchanged_timetable() {
    let dir = tempfile::tempdir().unwrap();
    timetable()
        .args([
            "timetable",
            "schedules/tp-week-requests.toml",
            "--iterations",
            "30000",
            "-o",
            dir.path().to_str().unwrap(),
        ])
        .success()
        .run();
    let before = read_dir(dir.path());
    // Add a comment to check that --write keeps the files' layout.
    let sec = dir.path().join("sec.toml");
    let text = std::fs::read_to_string(&sec)
        .unwrap()
        .replace("[meeting]", "# kept\n[meeting]");
    std::fs::write(&sec, &text).unwrap();
    let files = toml_files(dir.path());
    let mut args = vec![
        "timetable",
        "schedules/tp-week-requests.toml",
        "--seed",
        "9",
        "--iterations",
        "30000",
        "--stable",
        "10000000",
        "--write",
    ];
    args.extend(files.iter().map(String::as_str));
    let out = timetable().args(&args).success().run().stdout;
    assert!(!out.contains("moved from the starting timetable"), "{out}");
    assert!(
        !out.contains("wrote "),
        "nothing changes, nothing is written: {out}"
    );
    let after = read_dir(dir.path());
    assert_eq!(std::fs::read_to_string(&sec).unwrap(), text);
    assert_eq!(before.len(), after.len());
    for ((n1, t1), (n2, t2)) in before.iter().zip(&after) {
        assert_eq!(n1, n2);
        if n1 != "sec.toml" {
            assert_eq!(t1, t2, "{n1} unchanged");
        }
    }
}

#[test]
fn write_places_a_changed_request_into_the_existing_files() {
    let (dir, _) = solve_small();
    // One more SEC session: the others stay, the new one is appended.
    let requests = dir.path().join("requests.toml");
    let text = std::fs::read_to_string("tests/timetable/small.toml")
        .unwrap()
        .replace(
            "sessions = [{ count = 2 }] # SEC",
            "sessions = [{ count = 3 }] # SEC",
        );
    std::fs::write(&requests, text).unwrap();
    let files = toml_files(dir.path());
    let files: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|f| !f.ends_with("requests.toml"))
        .collect();
    let sec_before = std::fs::read_to_string(dir.path().join("sec.toml")).unwrap();
    let mut args = vec![
        "timetable",
        requests.to_str().unwrap(),
        "--stable",
        "1000000",
        "--write",
    ];
    args.extend(files.iter().copied());
    let out = timetable().args(&args).success().run().stdout;
    let sec_after = std::fs::read_to_string(dir.path().join("sec.toml")).unwrap();
    for block in sec_before
        .split("\n\n")
        .filter(|b| b.starts_with("[[sessions]]"))
    {
        assert!(
            sec_after.contains(block),
            "existing sessions are kept in place:\n{block}\n---\n{sec_after}"
        );
    }
    assert!(
        sec_after.starts_with(&sec_before[..sec_before.find("[[rooms]]").unwrap()]),
        "{sec_after}"
    );
    assert!(sec_after.contains("id = \"S3\""), "{sec_after}");
    assert!(out.contains("hard violations: 0"), "{out}");
}

/// Solves tests/timetable/ietf-mini.toml (a slice of IETF 999) with `seed`;
/// the JSON report.
fn solve_ietf_mini(seed: &str) -> serde_json::Value {
    let out = timetable()
        .args([
            "timetable",
            "tests/timetable/ietf-mini.toml",
            "--seed",
            seed,
            "--format",
            "json",
        ])
        .success()
        .run()
        .stdout;
    serde_json::from_str(&out).unwrap()
}

#[test]
fn ietf_sessions_fit_their_slots_and_keep_their_day_relations() {
    // Minutes of each slot of the fixture's grid, by name.
    let minutes = |slot: &str| match slot {
        "Mon/1" | "Mon/2" | "Mon/3" | "Tue/1" | "Wed/1" => 120,
        "Mon/4" => 60,
        _ => 90,
    };
    for seed in ["1", "2", "3"] {
        let r = solve_ietf_mini(seed);
        assert_eq!(r["hard"], 0, "{r}");
        // Every request can be met: the optimum is 0.
        assert_eq!(r["soft"], 0, "{r}");
        let placed: Vec<(String, String)> = r["timetable"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let g = p["group"].as_str().unwrap().to_string();
                (g, p["slot"].as_str().unwrap().to_string())
            })
            .collect();
        let slots_of = |g: &str| -> Vec<&str> {
            placed
                .iter()
                .filter(|(x, _)| x == g)
                .map(|(_, s)| s.as_str())
                .collect()
        };
        for q in slots_of("quic") {
            assert_eq!(minutes(q), 120, "a 2-hour quic session in {q}");
        }
        assert_eq!(minutes(slots_of("tcpm")[0]), 120);
        // detnet's 150 minutes: two slots of Tuesday or Wednesday (not Monday).
        let detnet = slots_of("detnet")[0];
        assert!(!detnet.starts_with("Mon"), "{detnet}");
        // core: at least one free day between its two sessions: Monday and Wednesday.
        let mut core: Vec<&str> = slots_of("core").iter().map(|s| &s[..3]).collect();
        core.sort_unstable();
        assert_eq!(core, ["Mon", "Wed"]);
        assert_eq!(slots_of("saag"), ["Wed/2"]);
    }
}

#[test]
fn a_session_longer_than_every_slot_is_explained() {
    agendum()
        .file(
            "long.toml",
            "[week]\nid = \"W\"\ntimezone = \"UTC\"\ndays = [2024-03-04]\nslots = [\"09:00-10:30\", \"11:00-12:00\"]\n\n[[rooms]]\nname = \"R\"\ncapacity = 10\n\n[[groups]]\nid = \"A\"\nchair = \"Ann\"\nsessions = [{ minutes = 120 }]\n",
        )
        .args(["timetable", "long.toml"])
        .status(1)
        .stdout_contains("A S1 needs 120 minutes, but no slot of one day adds up to that")
        .run();
}

#[test]
fn minutes_ranges_and_day_relations_are_checked() {
    let out = agendum()
        .file(
            "bad.toml",
            "[week]\nid = \"W\"\ntimezone = \"UTC\"\ndays = [2024-03-04]\nslots = [\"09:00-10:30\"]\n\n[[rooms]]\nname = \"R\"\ncapacity = 10\nunavailable = [\"Mon 15:00-13:00\"]\n\n[[groups]]\nid = \"A\"\nchair = \"Ann\"\nunavailable = [\"Mon 9:00\"]\nsessions = [{ minutes = 0 }]\n",
        )
        .args(["timetable", "bad.toml"])
        .status(2)
        .run()
        .stderr;
    assert!(out.contains("rooms[0].unavailable[0]"), "{out}");
    assert!(
        out.contains("the end 13:00 is not after the start 15:00"),
        "{out}"
    );
    assert!(out.contains("groups[0].unavailable[0]"), "{out}");
    assert!(out.contains("groups[0].sessions[0].minutes"), "{out}");
    assert!(
        out.contains("a session of 0 minutes cannot be placed"),
        "{out}"
    );
    agendum()
        .file(
            "days.toml",
            "[week]\nid = \"W\"\ntimezone = \"UTC\"\ndays = [2024-03-04]\nslots = [\"09:00-10:30\"]\n\n[[rooms]]\nname = \"R\"\ncapacity = 10\n\n[[groups]]\nid = \"A\"\nchair = \"Ann\"\ndays = \"one-day-apart\"\n",
        )
        .args(["timetable", "days.toml"])
        .status(2)
        .stderr_contains("free-day-between")
        .run();
}

#[test]
fn alike_sessions_are_numbered_in_time_order() {
    let out = timetable()
        .args([
            "timetable",
            "schedules/tp-week-requests.toml",
            "--format",
            "json",
        ])
        .success()
        .run()
        .stdout;
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The timetable is listed in time order; ARC's seven alike sessions
    // (one request table) must come up as S1, S2 ... S7.
    let arc: Vec<&str> = r["timetable"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["group"] == "ARC" && p["id"].as_str().is_some_and(|i| i.starts_with('S')))
        .map(|p| p["id"].as_str().unwrap())
        .filter(|&i| i != "S8")
        .collect();
    assert_eq!(arc, ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]);
}

#[test]
fn a_meeting_title_does_not_repeat_the_week() {
    let dir = tempfile::tempdir().unwrap();
    timetable()
        .args([
            "timetable",
            "tests/timetable/small.toml",
            "-o",
            dir.path().to_str().unwrap(),
        ])
        .success()
        .run();
    let sec = std::fs::read_to_string(dir.path().join("sec.toml")).unwrap();
    assert!(sec.contains("title = \"SEC#W1\"\n"), "{sec}");
}

// Requests files that include the groups' shared file (`include`).

/// A body's groups with their conflict profiles, as meeting files include
/// them: SEC's conflict and key person, PRO's Tuesday afternoon, a group
/// (OLD) that does not meet in the week, a half-day of another week.
const SHARED_GROUPS: &str = r#"[[groups]]
id = "SEC"
name = "Security"
conflicts = { first = ["PRO"], third = ["OLD"] }
key_people = ["Dana"]

[[groups]]
id = "PRO"
unavailable = [{ day = 2024-03-05, half = "afternoon" }, { day = 2023-01-09 }]

[[groups]]
id = "OLD"

[[people]]
name = "Dana"
"#;

/// tests/timetable/small.toml without SEC's and PRO's profiles, including
/// the shared file instead.
fn including_requests() -> String {
    let small =
        std::fs::read_to_string(Path::new(ROOT).join("tests/timetable/small.toml")).unwrap();
    let text = small
        .replace("conflicts = [\"PRO\"]\n", "")
        .replace("unavailable = [\"Tue pm\"]\n", "");
    format!("include = [\"../shared/groups.toml\"]\n{text}")
}

/// The same requests with the profile written in: name, conflict, key
/// person as a required person, and the afternoon as the slots that
/// overlap 12:00-18:00 (the 11:00-12:30 slot too, as `check` holds).
fn inlined_requests() -> String {
    let small =
        std::fs::read_to_string(Path::new(ROOT).join("tests/timetable/small.toml")).unwrap();
    small
        .replace("id = \"SEC\"\n", "id = \"SEC\"\nname = \"Security\"\n")
        .replace("[\"Tue pm\"]", "[\"Tue/2\", \"Tue/3\"]")
        + "\n[[people]]\nname = \"Dana\"\nrequired = [\"SEC\"]\n"
}

fn with_shared() -> Test {
    agendum()
        .file("shared/groups.toml", SHARED_GROUPS)
        .file("wk/requests.toml", including_requests())
}

/// The `sessions` of a meeting file's text.
fn sessions_of(text: &str) -> toml::Value {
    let doc: toml::Table = toml::from_str(text).unwrap();
    doc.get("sessions")
        .cloned()
        .unwrap_or(toml::Value::Array(Vec::new()))
}

#[test]
fn a_requests_file_including_its_groups_gives_the_inlined_timetable() {
    let run = |dir: &str| {
        let test = with_shared()
            .file("inline/requests.toml", inlined_requests())
            .args([
                "timetable",
                &format!("{dir}/requests.toml"),
                "-o",
                &format!("{dir}/out"),
            ])
            .success()
            .run();
        let printed: Vec<String> = test
            .stdout
            .lines()
            .filter(|l| !l.starts_with("wrote ") && !l.contains("solved in"))
            .map(String::from)
            .collect();
        (read_dir(&test.path(format!("{dir}/out"))), printed)
    };
    let (included, printed) = run("wk");
    let (inlined, inlined_printed) = run("inline");
    // The same timetable, file for file.
    assert_eq!(included.len(), inlined.len());
    for ((n, a), (m, b)) in included.iter().zip(&inlined) {
        assert_eq!(n, m);
        assert_eq!(sessions_of(a), sessions_of(b), "{n}");
    }
    assert_eq!(printed, inlined_printed);
    // The profile took effect: the key person, PRO kept off Tuesday
    // afternoon, and no first-priority conflict.
    let sec = &included.iter().find(|(n, _)| n == "sec.toml").unwrap().1;
    assert!(sec.contains("required = [\"Dana\"]"), "{sec}");
    assert!(
        printed
            .iter()
            .any(|l| l == "hard violations: 0 (checked on the meeting files)"),
        "{printed:?}"
    );
    let pro = &included.iter().find(|(n, _)| n == "pro.toml").unwrap().1;
    assert!(!pro.contains("day = 2024-03-05\ntime = \"11:00"), "{pro}");
    assert!(!pro.contains("day = 2024-03-05\ntime = \"14:00"), "{pro}");
    // The meeting files include the shared file, relative to where they
    // are, and do not declare again what it declares; the inlined week's
    // files declare the groups as before.
    for (n, text) in &included {
        assert!(
            text.contains("\ninclude = [\"../../shared/groups.toml\"]\n\n[meeting]\n"),
            "{n}: {text}"
        );
        assert!(!text.contains("id = \"SEC\"\nname"), "{n}: {text}");
        assert!(!text.contains("[[groups]]\nid = \"PRO\""), "{n}: {text}");
        assert!(!text.contains("[[people]]\nname = \"Dana\""), "{n}: {text}");
    }
    assert!(sec.contains("[[groups]]\nid = \"ARC\"\n"), "{sec}");
    let inline_sec = &inlined.iter().find(|(n, _)| n == "sec.toml").unwrap().1;
    assert!(!inline_sec.contains("include"), "{inline_sec}");
    assert!(
        inline_sec.contains("[[groups]]\nid = \"SEC\"\nname = \"Security\""),
        "{inline_sec}"
    );
    assert!(
        inline_sec.contains("[[people]]\nname = \"Dana\""),
        "{inline_sec}"
    );
}

#[test]
fn meeting_files_written_elsewhere_include_the_shared_file_and_keep_its_conflicts() {
    let out = with_shared()
        .args(["timetable", "wk/requests.toml", "-o", "far/away/out"])
        .success()
        .run();
    let sec = out.read("far/away/out/sec.toml");
    assert!(
        sec.contains("include = [\"../../../shared/groups.toml\"]\n"),
        "{sec}"
    );
    // They load with the shared file, and check clean.
    let out = out
        .then()
        .args([
            "check",
            "far/away/out/arc.toml",
            "far/away/out/pro.toml",
            "far/away/out/sec.toml",
        ])
        .success()
        .stdout_contains("agendum check: 3 files, 0 errors, 1 warning")
        .stdout_contains("warning[conflict-not-in-week]: SEC lists OLD as a third-priority conflict, but OLD has no session this week\n --> far/away/out/../../../shared/groups.toml:4:")
        .run();
    // SEC's first session moved onto PRO's first: the shared profile's
    // conflict is found.
    let pro = out.read("far/away/out/pro.toml");
    let pro_sessions = sessions_of(&pro);
    let first = &pro_sessions.as_array().unwrap()[0];
    let day = first["day"].to_string();
    let time = first["time"].as_str().unwrap().to_string();
    let s1 = sessions_of(&sec).as_array().unwrap()[0].clone();
    let was = format!(
        "day = {}\ntime = \"{}\"",
        s1["day"],
        s1["time"].as_str().unwrap()
    );
    assert!(sec.contains(&was), "{sec}");
    let moved = sec.replacen(&was, &format!("day = {day}\ntime = \"{time}\""), 1);
    std::fs::write(out.path("far/away/out/sec.toml"), moved).unwrap();
    let stdout = out
        .then()
        .args([
            "check",
            "far/away/out/arc.toml",
            "far/away/out/pro.toml",
            "far/away/out/sec.toml",
        ])
        .run()
        .stdout;
    assert!(
        stdout.contains(
            "warning[group-conflict]: SEC should not overlap PRO (first-priority conflict)"
        ),
        "{stdout}"
    );
}

#[test]
fn write_into_files_that_include_the_shared_file_declares_nothing_twice() {
    // Files as -o writes them (including the shared file), then one more
    // SEC session placed into them with --write.
    let out = with_shared()
        .args(["timetable", "wk/requests.toml", "-o", "wk/out"])
        .success()
        .run();
    let requests = out.read("wk/requests.toml").replace(
        "sessions = [{ count = 2 }] # SEC",
        "sessions = [{ count = 3 }] # SEC",
    );
    std::fs::write(out.path("wk/requests.toml"), requests).unwrap();
    let before = out.read("wk/out/sec.toml");
    let out = out
        .then()
        .args([
            "timetable",
            "wk/requests.toml",
            "--stable",
            "1000000",
            "--write",
            "wk/out/arc.toml",
            "wk/out/pro.toml",
            "wk/out/sec.toml",
        ])
        .success()
        .stdout_contains("hard violations: 0")
        .run();
    let after = out.read("wk/out/sec.toml");
    assert!(after.contains("id = \"S3\""), "{after}");
    assert_eq!(
        after.matches("[[groups]]").count(),
        before.matches("[[groups]]").count(),
        "{after}"
    );
    assert!(!after.contains("[[people]]\nname = \"Dana\""), "{after}");
    out.then()
        .args([
            "check",
            "wk/out/arc.toml",
            "wk/out/pro.toml",
            "wk/out/sec.toml",
        ])
        .success()
        .stdout_contains("0 errors")
        .run();
}

#[test]
fn the_example_week_includes_the_shared_onem2m_groups() {
    let dir = tempfile::tempdir().unwrap();
    let out = timetable()
        .args([
            "timetable",
            "schedules/tp24-requests.toml",
            "-o",
            dir.path().to_str().unwrap(),
            "--iterations",
            "200000",
        ])
        .success()
        .run()
        .stdout;
    assert!(
        out.contains("6 groups, 44 sessions, 6 rooms, 5 days, 25 slots"),
        "{out}"
    );
    assert!(out.contains("hard violations: 0"), "{out}");
    // Each file includes the shared file the requests file includes, and
    // takes the groups' names and profiles from it.
    let mas = std::fs::read_to_string(dir.path().join("mas.toml")).unwrap();
    assert!(
        mas.contains("/schedules/groups/onem2m.toml\"]\n\n[meeting]"),
        "{mas}"
    );
    assert!(!mas.contains("[[groups]]"), "{mas}");
    let files = toml_files(dir.path());
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    timetable()
        .args(&args)
        .success()
        .stdout_contains("6 files, 0 errors, 0 warnings")
        .run();
}

#[test]
fn an_error_in_an_included_file_names_that_file_and_line() {
    with_shared()
        .file(
            "shared/groups.toml",
            SHARED_GROUPS.replace("first = [\"PRO\"]", "first = [\"PRX\"]"),
        )
        .args(["timetable", "wk/requests.toml"])
        .status(2)
        .stderr_contains(
            "error[invalid-request]: unknown group `PRX`\n --> wk/../shared/groups.toml:4:24",
        )
        .stderr_contains("= field: groups[0].conflicts.first[0]")
        .stderr_contains("did you mean `PRO`?")
        .run();
    with_shared()
        .file(
            "shared/groups.toml",
            format!("{SHARED_GROUPS}\n[[rooms]]\nname = \"Main\"\n"),
        )
        .args(["timetable", "wk/requests.toml"])
        .status(2)
        .stderr_contains(
            "error[unknown-table]: unknown table `[[rooms]]`\n  --> wk/../shared/groups.toml:17:3",
        )
        .run();
}

#[test]
fn a_missing_include_names_the_requests_file_s_line() {
    agendum()
        .file("wk/requests.toml", including_requests())
        .args(["timetable", "wk/requests.toml"])
        .status(2)
        .stderr_contains("error[include-file]: the included file wk/../shared/groups.toml cannot be read: cannot open the file: no such file; check the path\n --> wk/requests.toml:1:12")
        .stderr_contains("= field: include[0]")
        .run();
}

#[test]
fn an_include_cycle_is_refused() {
    with_shared()
        .file("shared/groups.toml", format!("include = [\"people.toml\"]\n{SHARED_GROUPS}"))
        .file("shared/people.toml", "include = [\"groups.toml\"]\n")
        .args(["timetable", "wk/requests.toml"])
        .status(2)
        .stderr_contains("error[include-file]: include cycle: groups.toml includes people.toml includes groups.toml\n --> wk/../shared/people.toml:1:12")
        .run();
}

#[test]
fn a_profile_in_the_requests_file_and_its_include_is_a_duplicate() {
    let text =
        including_requests().replace("id = \"SEC\"\n", "id = \"SEC\"\nconflicts = [\"ARC\"]\n");
    with_shared()
        .file("wk/requests.toml", text)
        .args(["timetable", "wk/requests.toml"])
        .status(2)
        .stderr_contains("error[duplicate-id]: group `SEC`'s conflicts is declared twice: in the requests file and in a file it includes")
        .stderr_contains("::: wk/../shared/groups.toml:4:24")
        .stderr_contains("= field: groups[0].conflicts")
        .run();
    // Two included files declaring one group.
    with_shared()
        .file(
            "shared/groups.toml",
            format!("include = [\"more.toml\"]\n{SHARED_GROUPS}"),
        )
        .file("shared/more.toml", "[[groups]]\nid = \"OLD\"\n")
        .args(["timetable", "wk/requests.toml"])
        .status(2)
        .stderr_contains("error[duplicate-id]: group `OLD` is declared twice")
        .run();
}
