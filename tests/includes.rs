//! Shared files of groups and people (`include`), the checks on conflict
//! profiles, delegates' zones for night calls, and the errors that name
//! the file a user meant: a requests file given to `check`, a misspelt
//! table, a zone abbreviation, reversed dates.

use crate::support::{Test, agendum};

/// The groups of a body with their conflict profiles, and the people,
/// shared by every meeting file of the week.
const GROUPS: &str = r#"include = ["people.toml"]

[[groups]]
id = "SEC"
name = "Security"
conflicts = { first = ["ARC"], third = ["TST"] }
key_people = ["Dana Director"]

[[groups]]
id = "ARC"
name = "Architecture"
key_people = ["Dana Director"]

[[groups]]
id = "PRO"
key_people = ["Dana Director"]

[[groups]]
id = "TST"
"#;

const PEOPLE: &str = r#"[[people]]
name = "Ann Chair"
timezone = "Europe/Paris"

[[people]]
name = "Bob Chair"

[[people]]
name = "Dana Director"
"#;

/// A meeting file of `group` with one break-out on `day` at 10:00.
fn meeting(group: &str, chair: &str, day: u32, extra: &str) -> String {
    format!(
        r#"include = ["../shared/groups.toml"]

[meeting]
id = "{group}#1"
title = "{group} #1"
group = "{group}"
chair = "{chair}"
dates = {{ start = 2014-04-07, end = 2014-04-11 }}
timezone = "Europe/Berlin"
{extra}
[[rooms]]
name = "Room {group}"

[[sessions]]
id = "S1"
kind = "break-out"
day = 2014-04-{day:02}
time = "10:00-11:00"
room = "Room {group}"
"#
    )
}

fn week() -> Test {
    agendum()
        .file("shared/groups.toml", GROUPS)
        .file("shared/people.toml", PEOPLE)
        .file("wk/sec.toml", meeting("SEC", "Ann Chair", 7, ""))
        .file("wk/arc.toml", meeting("ARC", "Bob Chair", 7, ""))
        .file("wk/pro.toml", meeting("PRO", "Ann Chair", 8, ""))
}

#[test]
fn included_groups_and_people_are_the_week_s_and_errors_point_into_their_file() {
    let out = week()
        .args(["check", "wk/sec.toml", "wk/arc.toml", "wk/pro.toml"])
        .status(1)
        .run()
        .stdout;
    // The conflict SEC declared in the shared file, with its path and line.
    assert!(
        out.contains("warning[group-conflict]: SEC should not overlap ARC"),
        "{out}"
    );
    assert!(
        out.contains("--> wk/../shared/groups.toml:6:41")
            || out.contains("::: wk/../shared/groups.toml:6:24"),
        "{out}"
    );
    // Key people must attend every session of their groups.
    assert!(
        out.contains("error[person-overlap]: Dana Director must be in two overlapping sessions"),
        "{out}"
    );
    assert!(out.contains("wk/../shared/groups.toml:12:15"), "{out}");
    assert!(
        out.contains("or drop Dana Director from the `key_people` of"),
        "{out}"
    );
    // The people of the nested include are known: no unknown chair.
    assert!(!out.contains("unknown person"), "{out}");
}

#[test]
fn a_conflict_with_a_group_not_in_the_week_is_a_warning() {
    week()
        .args(["check", "wk/sec.toml", "wk/arc.toml", "wk/pro.toml", "--allow", "group-conflict"])
        .status(1)
        .stdout_contains("warning[conflict-not-in-week]: SEC lists TST as a third-priority conflict, but TST has no session this week\n --> wk/../shared/groups.toml:6:41")
        .stdout_contains("= field: groups[0].conflicts.third")
        .run();
}

#[test]
fn a_key_person_of_most_groups_is_a_warning() {
    week()
        .args(["check", "wk/sec.toml", "wk/arc.toml", "wk/pro.toml"])
        .status(1)
        .stdout_contains("warning[broad-key-person]: Dana Director is needed by 3 of the week's 3 groups (key person of ARC, PRO, SEC)")
        .stdout_contains("key person of PRO")
        .run();
    // Key person of one group out of three: no warning.
    let one = GROUPS.replacen("key_people = [\"Dana Director\"]\n", "", 2);
    let out = week()
        .file("shared/groups.toml", one)
        .args(["check", "wk/sec.toml", "wk/arc.toml", "wk/pro.toml"])
        .run()
        .stdout;
    assert!(!out.contains("broad-key-person"), "{out}");
}

#[test]
fn a_shared_file_included_by_every_meeting_is_read_once() {
    // A duplicate inside the shared file is reported once, not once per
    // meeting that includes it.
    let twice = format!("{GROUPS}\n[[groups]]\nid = \"TST\"\n");
    let out = week()
        .file("shared/groups.toml", twice)
        .args(["check", "wk/sec.toml", "wk/arc.toml", "wk/pro.toml"])
        .status(1)
        .run()
        .stdout;
    assert_eq!(
        out.matches("error[duplicate-id]: group `TST` is declared twice")
            .count(),
        1,
        "{out}"
    );
}

#[test]
fn a_group_in_the_meeting_file_and_its_include_is_a_duplicate() {
    let sec =
        meeting("SEC", "Ann Chair", 7, "") + "\n[[groups]]\nid = \"SEC\"\nname = \"Security\"\n";
    week()
        .file("wk/sec.toml", sec)
        .args(["check", "wk/sec.toml"])
        .status(1)
        .stdout_contains("error[duplicate-id]: group `SEC` is declared twice: in the meeting file and in a file it includes")
        .stdout_contains("--> wk/sec.toml:22:6")
        .stdout_contains("::: wk/../shared/groups.toml:4:6")
        .run();
}

#[test]
fn a_missing_included_file_is_an_error_at_the_entry() {
    agendum()
        .file("wk/sec.toml", meeting("SEC", "Ann Chair", 7, ""))
        .args(["check", "wk/sec.toml"])
        .status(2)
        .stdout_contains("error[include-file]: the included file wk/../shared/groups.toml cannot be read: cannot open the file: no such file; check the path\n --> wk/sec.toml:1:12")
        .stdout_contains("= field: include[0]")
        .run();
}

#[test]
fn an_include_cycle_is_an_error_at_the_entry_that_closes_it() {
    week()
        .file("shared/people.toml", format!("include = [\"groups.toml\"]\n{PEOPLE}"))
        .args(["check", "wk/sec.toml"])
        .status(2)
        .stdout_contains("error[include-file]: include cycle: groups.toml includes people.toml includes groups.toml\n --> wk/../shared/people.toml:1:12")
        .run();
}

#[test]
fn an_included_file_holds_only_groups_and_people() {
    week()
        .file(
            "shared/people.toml",
            format!("{PEOPLE}\n[[rooms]]\nname = \"Main\"\n"),
        )
        .args(["check", "wk/sec.toml"])
        .status(2)
        .stdout_contains(
            "error[unknown-table]: unknown table `[[rooms]]`\n  --> wk/../shared/people.toml:11:3",
        )
        .stdout_contains("an included file holds only `include`, [[groups]] and [[people]]")
        .run();
}

#[test]
fn plan_write_validates_with_the_included_file_and_writes_only_the_meeting_file() {
    let sec =
        meeting("SEC", "Ann Chair", 7, "") + "\n[[agenda]]\nnumber = \"1\"\ntitle = \"Opening\"\n";
    let out = week()
        .file("wk/sec.toml", sec)
        .args(["plan", "wk/sec.toml", "--write"])
        .success()
        .run();
    assert_eq!(out.read("shared/groups.toml"), GROUPS);
    assert_eq!(out.read("shared/people.toml"), PEOPLE);
    let written = out.read("wk/sec.toml");
    assert!(
        written.starts_with("include = [\"../shared/groups.toml\"]"),
        "{written}"
    );
    assert!(written.contains("items = [\"1\"]"), "{written}");
}

#[test]
fn night_call_fires_in_the_delegates_zones() {
    let sec = meeting(
        "SEC",
        "Ann Chair",
        7,
        "delegate_zones = [\"Asia/Tokyo\", \"America/Los_Angeles\"]\n",
    ) + "\n[[sessions]]\nid = \"C1\"\nkind = \"call\"\nday = 2014-04-09\ntime = \"12:00-13:00\"\ntimezone = \"UTC\"\n";
    week()
        .file("wk/sec.toml", sec)
        .args(["check", "wk/sec.toml", "--allow", "conflict-not-in-week"])
        .stdout_contains("warning[night-call]: call SEC#1/C1 (Wednesday 14:00-15:00) is between 00:00 and 06:00 for delegates in America/Los_Angeles (05:00-06:00)")
        .stdout_contains("= help: start C1 at 13:00 UTC instead")
        .run();
}

#[test]
fn check_on_a_requests_file_names_the_command() {
    agendum()
        .current_dir(crate::support::ROOT)
        .args(["check", "schedules/tp-week-requests.toml"])
        .status(2)
        .stdout_contains("error[wrong-file-kind]: this is a timetable requests file, not a meeting file; use agendum timetable")
        .stdout_contains("= help: `agendum timetable schedules/tp-week-requests.toml` builds the week's meeting files from it")
        .run();
    agendum()
        .current_dir(crate::support::ROOT)
        .args(["timetable", "schedules/sec-10-berlin.toml"])
        .status(2)
        .stderr_contains("this is a meeting file, not a timetable requests file")
        .run();
}

#[test]
fn a_misspelt_table_is_an_unknown_table() {
    let text = meeting("SEC", "Ann Chair", 7, "").replace("[[sessions]]", "[[session]]");
    week()
        .file("wk/sec.toml", text)
        .args(["check", "wk/sec.toml"])
        .status(2)
        .stdout_contains("error[unknown-table]: unknown table `[[session]]`")
        .stdout_contains("= help: did you mean `[[sessions]]`?")
        .run();
}

#[test]
fn zone_abbreviations_and_offsets_suggest_the_zone_meant() {
    for (written, why) in [
        ("GMT+9", "`GMT+9` is a fixed offset (UTC+09:00)"),
        (
            "JST",
            "`JST` is an abbreviation (Japan Standard Time, UTC+09:00)",
        ),
    ] {
        let text = meeting("SEC", "Ann Chair", 7, "").replace("Europe/Berlin", written);
        week()
            .file("wk/sec.toml", text)
            .args(["check", "wk/sec.toml"])
            .status(2)
            .stdout_contains(format!(
                "invalid meeting.timezone: unknown time zone `{written}`: did you mean `Asia/Tokyo`?"
            ))
            .stdout_contains(format!("= help: {why}"))
            .run();
    }
}

#[test]
fn reversed_meeting_dates_give_one_error() {
    let text = meeting("SEC", "Ann Chair", 7, "").replace("end = 2014-04-11", "end = 2014-04-01")
        + "\n[[sessions]]\nid = \"S2\"\nkind = \"break-out\"\nday = 2014-04-08\ntime = \"10:00-11:00\"\n";
    let out = week()
        .file("wk/sec.toml", text)
        .args(["check", "wk/sec.toml"])
        .status(1)
        .run()
        .stdout;
    assert!(
        out.contains(
            "error[invalid-value]: the meeting ends (2014-04-01) before it starts (2014-04-07)"
        ),
        "{out}"
    );
    assert!(!out.contains("session-outside-meeting"), "{out}");
    assert!(out.contains("1 error"), "{out}");
}

#[test]
fn key_people_are_invited_and_found_by_person() {
    let people = PEOPLE.replace(
        "name = \"Ann Chair\"\n",
        "name = \"Ann Chair\"\nemail = \"ann@example.org\"\n",
    );
    week()
        .file("shared/people.toml", people)
        .args(["ics", "wk/sec.toml", "--person", "Dana Director"])
        .success()
        .stdout_contains("SUMMARY:")
        .run();
    // A person missing what a command needs is shown where declared: in the
    // included file.
    week()
        .args(["ics", "wk/sec.toml"])
        .status(1)
        .stderr_contains(
            "and Ann Chair has none (or not a plain one)\n --> wk/../shared/people.toml:2:8",
        )
        .run();
}

#[test]
fn include_under_a_table_says_where_it_goes() {
    let text = meeting("SEC", "Ann Chair", 7, "include = [\"x.toml\"]\n").replacen(
        "include = [\"../shared/groups.toml\"]\n",
        "",
        1,
    );
    agendum()
        .file("wk/sec.toml", text)
        .args(["check", "wk/sec.toml"])
        .status(2)
        .stdout_contains("error[unknown-field]: unknown field `include` in [meeting]")
        .stdout_contains("= help: `include` is a top-level key: write include = [...] at the top of the file, before the first table")
        .run();
}
