//! Parallel tracks of one group (3GPP break-outs): `check` lets sessions of
//! different tracks overlap, still reports a person who must be in two of
//! them, and `plan` keeps each track's items in its own sessions.

use crate::support::{ROOT, agendum};

/// Two break-outs of RAN1 at the same time, each a track with its own
/// chair; the meeting's chair and secretary are in neither.
const PARALLEL: &str = r#"[meeting]
id = "RAN1#900"
title = "Test meeting"
group = "RAN1"
chair = "Chair"
secretary = "Secretary"
dates = { start = 2024-05-20, end = 2024-05-20 }
timezone = "Asia/Tokyo"

[[groups]]
id = "RAN1"

[[rooms]]
name = "Main"

[[rooms]]
name = "Small"

[[people]]
name = "Chair"

[[people]]
name = "Secretary"

[[people]]
name = "Vice A"

[[people]]
name = "Vice B"

[[people]]
name = "Delegate A"

[[people]]
name = "Delegate B"

[[tracks]]
id = "A"
chair = "Vice A"

[[tracks]]
id = "B"
chair = "Vice B"

[[sessions]]
id = "OPEN"
kind = "break-out"
day = 2024-05-20
time = "08:00-08:50"
room = "Main"
items = ["1"]

[[sessions]]
id = "A1"
kind = "break-out"
day = 2024-05-20
time = "09:00-11:00"
room = "Main"
track = "A"

[[sessions]]
id = "B1"
kind = "break-out"
day = 2024-05-20
time = "09:00-11:00"
room = "Small"
track = "B"

[[sessions]]
id = "A2"
kind = "break-out"
day = 2024-05-20
time = "11:30-13:30"
room = "Main"
track = "A"

[[sessions]]
id = "B2"
kind = "break-out"
day = 2024-05-20
time = "11:30-13:30"
room = "Small"
track = "B"

[[agenda]]
number = "1"
title = "Opening of the meeting"

[[agenda]]
number = "9"
title = "Release 19"

[[agenda]]
number = "9.1"
title = "Topic of track A"
track = "A"

[[agenda]]
number = "9.2"
title = "Topic of track B"
track = "B"

[[contributions]]
number = "R1-2400001"
title = "On topic A"
presenter = "Delegate A"
item = "9.1"

[[contributions]]
number = "R1-2400002"
title = "On topic B"
presenter = "Delegate B"
item = "9.2"
"#;

/// `PARALLEL` with `from` replaced by `to` (which must be there).
fn with(from: &str, to: &str) -> String {
    assert!(PARALLEL.contains(from), "{from}");
    PARALLEL.replacen(from, to, 1)
}

/// The meeting with its sessions' items and contributions written in: A1
/// and B1 treat their tracks' items at the same time.
fn planned() -> String {
    with(
        "room = \"Main\"\ntrack = \"A\"\n\n",
        "room = \"Main\"\ntrack = \"A\"\nitems = [\"9.1\"]\n\n",
    )
    .replacen(
        "room = \"Small\"\ntrack = \"B\"\n\n",
        "room = \"Small\"\ntrack = \"B\"\nitems = [\"9.2\"]\n\n",
        1,
    )
}

#[test]
fn parallel_tracks_of_one_group_check_clean() {
    agendum()
        .file("m.toml", planned())
        .args(["check", "m.toml", "--deny", "warnings"])
        .success()
        .stdout_contains("1 file, 0 errors, 0 warnings")
        .run();
}

#[test]
fn the_same_sessions_without_tracks_are_a_group_overlap() {
    // Drop every session's track: two RAN1 sessions at once.
    let text = planned()
        .replace("track = \"A\"\n", "")
        .replace("track = \"B\"\n", "");
    let out = agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .run();
    assert!(
        out.stdout
            .contains("error[group-overlap]: RAN1 is in two overlapping sessions: RAN1#900/A1"),
        "{}",
        out.stdout
    );
}

#[test]
fn one_track_in_two_rooms_at_once_is_a_group_overlap() {
    let text = planned().replacen(
        "room = \"Small\"\ntrack = \"B\"\nitems = [\"9.2\"]",
        "room = \"Small\"\ntrack = \"A\"\nitems = [\"9.2\"]",
        1,
    );
    // B1 is now of track A: a group overlap with A1, and item 9.2 (track B)
    // in a session of track A.
    agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("error[group-overlap]: RAN1 is in two overlapping sessions: RAN1#900/A1")
        .stdout_contains("error[wrong-track]: item 9.2 belongs to track `B` but is treated in RAN1#900/B1, a session of track `A`")
        .run();
}

#[test]
fn a_whole_group_session_overlapping_a_track_is_a_group_overlap() {
    let text = planned().replacen("time = \"08:00-08:50\"", "time = \"08:00-09:30\"", 1);
    agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("error[group-overlap]: RAN1 is in two overlapping sessions: RAN1#900/OPEN")
        .run();
}

#[test]
fn the_same_session_chair_in_two_parallel_tracks_is_a_person_overlap() {
    // B1 gets the chair of track A as its own session chair.
    let text = planned().replacen(
        "track = \"B\"\nitems = [\"9.2\"]",
        "track = \"B\"\nchair = \"Vice A\"\nitems = [\"9.2\"]",
        1,
    );
    let out = agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("error[person-overlap]: Vice A must be in two overlapping sessions: RAN1#900/A1 (RAN1, Monday 09:00-11:00) and RAN1#900/B1 (RAN1, Monday 09:00-11:00)")
        .stdout_contains("chairs B1 (Monday 09:00-11:00)")
        .run();
    assert!(!out.stdout.contains("group-overlap"), "{}", out.stdout);
}

#[test]
fn a_presenter_in_two_parallel_tracks_is_a_person_overlap() {
    let text = planned().replacen(
        "presenter = \"Delegate B\"",
        "presenter = \"Delegate A\"",
        1,
    );
    agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains(
            "error[person-overlap]: Delegate A must be in two overlapping sessions: RAN1#900/A1",
        )
        .stdout_contains("presents R1-2400002 in B1 (Monday 09:00-11:00)")
        .run();
}

#[test]
fn a_track_may_require_people_in_every_one_of_its_sessions() {
    // The secretary is required in track B: not in A, so no overlap; then
    // also in A, and the two parallel sessions clash on the secretary.
    let b = with(
        "id = \"B\"\nchair = \"Vice B\"\n",
        "id = \"B\"\nchair = \"Vice B\"\nrequired = [\"Secretary\"]\n",
    );
    agendum()
        .file("m.toml", &b)
        .args(["check", "m.toml"])
        .success()
        .run();
    let both = b.replacen(
        "id = \"A\"\nchair = \"Vice A\"\n",
        "id = \"A\"\nchair = \"Vice A\"\nrequired = [\"Secretary\"]\n",
        1,
    );
    agendum()
        .file("m.toml", both)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("error[person-overlap]: Secretary must be in two overlapping sessions")
        .stdout_contains("is required in B1")
        .run();
}

/// The sessions of a plan (from `plan --format json`) that list `item`.
fn sessions_with(plan: &serde_json::Value, item: &str) -> Vec<String> {
    plan["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["items"].as_array().unwrap().iter().any(|i| i == item))
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn plan_puts_each_tracked_item_in_its_tracks_sessions() {
    let out = agendum()
        .file("m.toml", PARALLEL)
        .args(["plan", "m.toml", "--format", "json"])
        .success()
        .run();
    let plan: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(sessions_with(&plan, "9.1"), ["A1"], "{}", out.stdout);
    assert_eq!(sessions_with(&plan, "9.2"), ["B1"], "{}", out.stdout);
    assert_eq!(sessions_with(&plan, "1"), ["OPEN"], "{}", out.stdout);
    // Written into the file, the plan checks clean.
    out.then()
        .args(["plan", "m.toml", "--write"])
        .success()
        .run()
        .then()
        .args(["check", "m.toml", "--deny", "warnings"])
        .success()
        .run();
}

#[test]
fn plan_moves_an_item_pinned_to_another_track_there() {
    // Item 9.2 pinned to track A: it goes to A's sessions, none of B's.
    let text = with(
        "title = \"Topic of track B\"\ntrack = \"B\"",
        "title = \"Topic of track B\"\ntrack = \"A\"",
    );
    let out = agendum()
        .file("m.toml", text)
        .args(["plan", "m.toml", "--format", "json"])
        .success()
        .run();
    let plan: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut both = sessions_with(&plan, "9.1");
    both.extend(sessions_with(&plan, "9.2"));
    assert!(
        both.iter().all(|s| s.starts_with('A')) && !both.is_empty(),
        "{both:?}: {}",
        out.stdout
    );
}

#[test]
fn plan_notes_a_presenter_it_puts_in_two_parallel_tracks() {
    let text = with("presenter = \"Delegate B\"", "presenter = \"Delegate A\"");
    agendum()
        .file("m.toml", text)
        .args(["plan", "m.toml"])
        .success()
        .stdout_contains("note: Delegate A presents R1-2400001 in A1 and R1-2400002 in B1 at the same time: pin one of them to another session (`session = ...`)")
        .run();
}

#[test]
fn plan_says_when_a_track_has_no_session() {
    let text = with(
        "[[tracks]]\nid = \"B\"\nchair = \"Vice B\"\n",
        "[[tracks]]\nid = \"B\"\nchair = \"Vice B\"\n\n[[tracks]]\nid = \"C\"\n",
    )
    .replacen(
        "title = \"Topic of track B\"\ntrack = \"B\"",
        "title = \"Topic of track B\"\ntrack = \"C\"",
        1,
    );
    agendum()
        .file("m.toml", text)
        .args(["plan", "m.toml"])
        .status(1)
        .stderr_contains(
            "item 9.2 belongs to track `C`: no break-out or joint session of track `C`",
        )
        .run();
}

#[test]
fn a_misspelt_track_is_an_error_with_its_place_and_a_suggestion() {
    // On a session.
    let text = with(
        "room = \"Small\"\ntrack = \"B\"\n",
        "room = \"Small\"\ntrack = \"b\"\n",
    );
    let line = text.lines().position(|l| l == "track = \"b\"").unwrap() + 1;
    agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("error[unknown-reference]: unknown track `b`")
        .stdout_contains(format!("--> m.toml:{line}:9"))
        .stdout_contains("= field: sessions[2].track")
        .stdout_contains("= help: did you mean `B`?")
        .run();
    // On an agenda item.
    let text = with(
        "track = \"A\"\n\n[[agenda]]",
        "track = \"Aa\"\n\n[[agenda]]",
    );
    agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("unknown track `Aa`")
        .stdout_contains("= field: agenda[2].track")
        .stdout_contains("= help: did you mean `A`?")
        .run();
}

#[test]
fn a_track_of_another_group_or_on_a_plenary_is_an_error() {
    let text = with(
        "[[tracks]]\nid = \"A\"\n",
        "[[tracks]]\nid = \"A\"\ngroup = \"RAN2\"\n",
    )
    .replacen(
        "[[groups]]\nid = \"RAN1\"\n",
        "[[groups]]\nid = \"RAN1\"\n\n[[groups]]\nid = \"RAN2\"\n",
        1,
    );
    agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("track `A` is a track of RAN2, but session A1 is a session of RAN1")
        .stdout_contains("= field: sessions[1].track")
        .run();
    let text = with(
        "id = \"OPEN\"\nkind = \"break-out\"",
        "id = \"OPEN\"\nkind = \"plenary\"\ntrack = \"A\"",
    );
    agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("session OPEN is a plenary session, which every group attends, so it cannot be a session of track `A`")
        .run();
}

#[test]
fn a_contribution_pinned_to_another_tracks_session_is_wrong_track() {
    let text = planned().replacen(
        "presenter = \"Delegate B\"\nitem = \"9.2\"",
        "presenter = \"Delegate B\"\nitem = \"9.2\"\nsession = \"A2\"",
        1,
    );
    agendum()
        .file("m.toml", text)
        .args(["check", "m.toml"])
        .status(1)
        .stdout_contains("error[wrong-track]: R1-2400002 (item 9.2) belongs to track `B` but is treated in RAN1#900/A2, a session of track `A`")
        .stdout_contains("treat it in a session of track `B` (B1, B2)")
        .run();
}

#[test]
fn the_secretary_is_invited_to_the_main_session_only() {
    let text = planned().replacen(
        "name = \"Secretary\"\n",
        "name = \"Secretary\"\nemail = \"secretary@example.org\"\n",
        1,
    );
    let text = text.replacen(
        "name = \"Vice A\"\n",
        "name = \"Vice A\"\nemail = \"vice-a@example.org\"\n",
        1,
    );
    let text = text.replacen(
        "name = \"Chair\"\n",
        "name = \"Chair\"\nemail = \"chair@example.org\"\n",
        1,
    );
    let out = agendum()
        .file("m.toml", text)
        .args(["ics", "m.toml", "--method", "request", "--session", "OPEN"])
        .args(["--session", "A1", "-o", "invitations"])
        .success()
        .run();
    let open = out.read("invitations/RAN1-900-OPEN.ics");
    let a1 = out.read("invitations/RAN1-900-A1.ics");
    assert!(open.contains("ATTENDEE;CN=Secretary;"), "{open}");
    assert!(!a1.contains("CN=Secretary"), "{a1}");
    assert!(
        a1.contains("ORGANIZER;CN=Vice A:mailto:vice-a@example.org"),
        "{a1}"
    );
}

#[test]
fn the_ran1_schedule_checks_clean_plans_to_itself_and_renders() {
    let file = "schedules/ran1-117-fukuoka.toml";
    agendum()
        .current_dir(ROOT)
        .args(["check", file, "--deny", "warnings"])
        .success()
        .stdout_contains("0 errors, 0 warnings")
        .run();
    agendum()
        .current_dir(ROOT)
        .args(["plan", file])
        .success()
        .stdout_contains("none: the file already follows this plan")
        .run();
    for format in ["text", "markdown", "html"] {
        agendum()
            .current_dir(ROOT)
            .args(["render", file, "--format", format])
            .success()
            .stdout_contains("Highlights from RAN plenary")
            .run();
    }
    // The session list says which track a break-out is and who chairs it.
    agendum()
        .current_dir(ROOT)
        .args(["render", file, "--format", "markdown"])
        .success()
        .stdout_contains("- RAN1 main session (opening): Monday 08:30 - 10:30, Main room\n")
        .stdout_contains("- Break-out B: Wednesday 14:30 - 16:30, Break-out room, track B, chair Session chair (example)\n")
        .run();
    let docx = agendum().current_dir(ROOT);
    let to = docx.path("agenda.docx");
    let out = docx.args(["render", file, "-o"]).arg(&to).success().run();
    assert!(
        std::fs::read(out.path("agenda.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
    agendum()
        .current_dir(ROOT)
        .args(["ics", file])
        .success()
        .stdout_contains("UID:RAN1-117-WED3B@")
        .stdout_contains("ORGANIZER;CN=Session chair (example):mailto:session-chair@example.org")
        .run();
}
