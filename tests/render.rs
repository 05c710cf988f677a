//! `agendum render` on real files: snapshots of the text and Markdown of the
//! seed schedule, a field-by-field comparison with seed 001 itself, escaping,
//! determinism, filters, zones, the week grid and atomic output.

use std::path::{Path, PathBuf};

use crate::support::{ROOT, agendum};

const BERLIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schedules/sec-10-berlin.toml");
const PRO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/pro-10-berlin.toml"
);

/// Seed 001 as text: the shared seeds sit beside the repository (as in CI).
fn seed_001() -> String {
    let path = Path::new(ROOT).join("../shared/seeds/001_d35d2391a68c01dd.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn render(args: &[&str]) -> String {
    agendum().arg("render").args(args).success().run().stdout
}

#[test]
fn text_of_the_berlin_agenda() {
    insta::assert_snapshot!("berlin_text", render(&[BERLIN]));
}

#[test]
fn markdown_of_the_berlin_agenda() {
    insta::assert_snapshot!("berlin_markdown", render(&[BERLIN, "--format", "markdown"]));
}

#[test]
fn text_fits_80_columns() {
    for args in [
        &[BERLIN][..],
        &[BERLIN, "--tz", "Asia/Tokyo", "--tz", "UTC"],
        &[BERLIN, PRO, "--week"],
    ] {
        let text = render(args);
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "{args:?}: line too wide: {line:?}"
            );
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    for format in ["text", "markdown", "html"] {
        assert_eq!(
            render(&[BERLIN, "--format", format]),
            render(&[BERLIN, "--format", format])
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.docx");
    let b = dir.path().join("b.docx");
    for o in [&a, &b] {
        agendum()
            .args(["render", BERLIN, "-o"])
            .arg(o)
            .success()
            .run();
    }
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

/// Markdown escapes punctuation with a backslash; the tests read it back.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Cells of the Markdown table rows whose first cell is `key`.
fn markdown_row(md: &str, key: &str) -> Option<Vec<String>> {
    md.lines().filter(|l| l.starts_with("| ")).find_map(|l| {
        let cells: Vec<String> = split_cells(l);
        (cells.first().map(String::as_str) == Some(key)).then_some(cells)
    })
}

fn split_cells(line: &str) -> Vec<String> {
    // Split on unescaped pipes.
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut esc = false;
    for c in inner.chars() {
        if esc {
            cur.push(c);
            esc = false;
        } else if c == '\\' {
            cur.push(c);
            esc = true;
        } else if c == '|' {
            cells.push(unescape(cur.trim()));
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    cells.push(unescape(cur.trim()));
    cells
}

/// Lower case, punctuation and line breaks as single spaces.
fn words(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '(' || c == ')' || c == '“' || c == '”' {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn hhmm(t: &str) -> String {
    let t = t.trim();
    let (h, m) = t
        .split_once(':')
        .unwrap_or_else(|| panic!("not a time: {t:?}"));
    format!("{:02}:{m}", h.trim().parse::<u32>().unwrap())
}

/// (title, day, start, end, room) of a glance line.
fn glance_fields(line: &str) -> (String, String, String, String, String) {
    let (title, rest) = line.split_once(": ").unwrap();
    let (when, room) = rest.rsplit_once(',').unwrap();
    let (day, times) = when.trim().split_once(' ').unwrap();
    let (a, b) = times.split_once(['-', '–']).unwrap();
    (
        title.trim().into(),
        day.into(),
        hhmm(a),
        hhmm(b),
        room.trim().to_lowercase(),
    )
}

#[test]
#[allow(clippy::too_many_lines)] // one long walk through the seed, field by field
fn the_rendered_agenda_reproduces_seed_001_field_by_field() {
    let seed = seed_001();
    let lines: Vec<&str> = seed.lines().collect();
    let text = render(&[BERLIN]);
    let md = render(&[BERLIN, "--format", "markdown"]);

    // Sessions: every line of the seed's session list.
    let start = lines
        .iter()
        .position(|l| l.contains("sessions (tentative"))
        .unwrap();
    let seed_sessions: Vec<_> = lines[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with("Joint sessions"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| glance_fields(l))
        .collect();
    assert_eq!(seed_sessions.len(), 8);
    let ours: Vec<_> = text
        .lines()
        .skip_while(|l| !l.contains("sessions (tentative, subject to alignment of TP Agenda):"))
        .skip(1)
        .filter(|l| l.starts_with("  "))
        .take(8)
        .map(glance_fields)
        .collect();
    assert_eq!(ours, seed_sessions);

    // Agenda items: number and title, as headings.
    let agenda_start = lines.iter().position(|l| *l == "1").unwrap();
    let mut items = Vec::new();
    let mut i = agenda_start;
    while i < lines.len() {
        let l = lines[i].trim_end();
        let is_number = |s: &str| {
            !s.is_empty()
                && s.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        if is_number(l) {
            items.push((l.to_string(), lines[i + 1].trim().to_string()));
            i += 1;
        } else if let Some((n, t)) = l.split_once(' ') {
            if is_number(n) && !t.starts_with(|c: char| c.is_ascii_digit()) {
                items.push((n.to_string(), t.trim().to_string()));
            }
        }
        i += 1;
    }
    assert_eq!(items.len(), 20, "{items:?}");
    for (n, t) in &items {
        let want = format!("{n} {t}");
        assert!(
            md.lines()
                .any(|l| l.starts_with('#') && unescape(l.trim_start_matches('#').trim()) == want),
            "no heading {want:?}"
        );
    }

    // Contributions: number, title, source and status of every row.
    let is_contribution = |l: &str| {
        let t = l.trim();
        l.starts_with('\t') && (t.starts_with("SEC-20") || t.starts_with("PRO-20"))
    };
    let mut rows_checked = 0;
    let mut k = 0;
    while k < lines.len() {
        if !is_contribution(lines[k]) {
            k += 1;
            continue;
        }
        let number = lines[k].trim();
        let title = lines[k + 1].trim();
        let source = lines[k + 2].trim();
        let mut status = vec![lines[k + 3].trim().to_string()];
        k += 4;
        while k < lines.len()
            && !lines[k].starts_with('\t')
            && !lines[k].starts_with(|c: char| c.is_ascii_digit())
        {
            status.push(lines[k].trim().to_string());
            k += 1;
        }
        let row = markdown_row(&md, number).unwrap_or_else(|| panic!("no row for {number}"));
        assert_eq!(row.len(), 5, "{row:?}");
        assert_eq!(row[1], title, "title of {number}");
        assert_eq!(row[2], source, "source of {number}");
        let seed_status = words(&status.join(" "));
        let our_status = words(&format!("{} {}", row[3], row[4].replace("<br>", " ")));
        if seed_status.is_empty() {
            assert!(
                our_status.is_empty(),
                "{number}: the seed has no status, we show {our_status:?}"
            );
        } else {
            assert!(
                our_status.contains(&seed_status),
                "{number}: seed says {seed_status:?}, we show {our_status:?}"
            );
        }
        rows_checked += 1;
    }
    assert_eq!(rows_checked, 29);

    // Action items: reference, what, who, status.
    for (k, l) in lines.iter().enumerate() {
        if let Some(reference) = l.strip_prefix("\tA-WG4-") {
            let reference = format!("A-WG4-{}", reference.trim());
            let row = markdown_row(&md, &reference).unwrap();
            assert_eq!(row[1], lines[k + 1].trim());
            assert_eq!(row[2], lines[k + 2].trim());
            assert_eq!(row[3], lines[k + 3].trim());
        }
    }
}

fn with_title(title: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.toml");
    let text = std::fs::read_to_string(BERLIN).unwrap().replace(
        "title = \"HTTP Authentication\"",
        &format!("title = {title:?}"),
    );
    std::fs::write(&path, text).unwrap();
    crate::support::notices_beside(&path);
    (dir, path)
}

#[test]
fn markup_in_a_title_shows_as_text() {
    let (_dir, path) = with_title("<script>alert(1)</script> | x & y");
    let p = path.to_str().unwrap();
    let html = render(&[p, "--format", "html"]);
    assert!(!html.contains("<script"), "raw markup in the HTML");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | x &amp; y"));
    let md = render(&[p, "--format", "markdown"]);
    assert!(md.contains("\\<script>alert(1)\\</script> \\| x & y"));
    let row = markdown_row(&md, "PRO-2014-0159R01").unwrap();
    assert_eq!(row[1], "<script>alert(1)</script> | x & y");
}

#[test]
fn extra_zones_add_columns() {
    let text = render(&[BERLIN, "--tz", "Asia/Tokyo", "--tz", "UTC"]);
    let line = |start: &str, end: &str| {
        text.lines()
            .any(|l| l.starts_with(start) && l.trim_end().ends_with(end))
    };
    assert!(
        line("Room       Time         Tokyo", "UTC          Session"),
        "{text}"
    );
    assert!(line(
        "Break-out  15:45-17:00  22:45-24:00",
        "13:45-15:00  Session S1"
    ));
    // One notation: the weekday where the day is not the venue's, an end
    // at midnight as 24:00.
    let md = render(&[
        BERLIN,
        "--format",
        "markdown",
        "--tz",
        "Asia/Tokyo",
        "--tz",
        "UTC",
    ]);
    for row in [
        "| Room | Time | Tokyo | UTC | Session | Treats |",
        "| Break-out | 15:45-17:00 | 22:45-24:00 | 13:45-15:00 | Session S1 |",
        "| Main room | 17:15-18:30 | Wed 00:15-01:30 | 15:15-16:30 | All WGs coordination session |",
        "| Break-out | 15:45-18:25 | Thu 22:45-Fri 01:25 | 13:45-16:25 | Double Session S5 |",
    ] {
        assert!(md.contains(row), "{row} in:\n{md}");
    }
    assert!(!text.contains(" +1") && !md.contains(" +1"), "{text}");
}

#[test]
fn a_session_filter_keeps_its_session_and_items() {
    let text = render(&[BERLIN, "--session", "S3"]);
    assert!(text.contains("Session S3: Wednesday 09:00 - 10:15, Break-out"));
    assert!(!text.contains("Session S1:"));
    assert!(text.contains("7.3 Enrolment, Provisioning and Bootstrapping"));
    assert!(!text.contains("7.4 Operational"));
    assert!(text.contains("SEC-2014-0252 > R01"));
}

#[test]
fn a_group_filter_keeps_that_group_and_the_all_groups_sessions() {
    let text = render(&[BERLIN, PRO, "--group", "PRO"]);
    assert!(text.contains("Agenda: PRO # 10.0"));
    // The SEC file stays for the joint session PRO attends, with only that and the coordination.
    assert!(text.contains("Protocols joint session: Wednesday 08:00 - 08:55, Main room"));
    assert!(text.contains("All WGs coordination session: Tuesday"));
    assert!(!text.contains("Session S1: Monday"));
}

#[test]
fn unknown_filters_and_zones_are_errors() {
    agendum()
        .args(["render", BERLIN, "--session", "S9"])
        .status(2)
        .stderr_contains("--session S9: no such session")
        .run();
    agendum()
        .args(["render", BERLIN, "--tz", "Asia/Tokio"])
        .status(2)
        .stderr_contains("did you mean `Asia/Tokyo`?")
        .run();
}

#[test]
fn the_week_grid_draws_a_joint_session_once() {
    let text = render(&[BERLIN, PRO, "--week"]);
    let grid: String = text
        .lines()
        .take_while(|l| !l.starts_with("Agenda:"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(grid.contains("Day "), "{grid}");
    assert!(grid.contains("Break-out") && grid.contains("Main room") && grid.contains("Room B"));
    assert_eq!(grid.matches("08:00-08:55").count(), 1, "{grid}");
    assert!(grid.contains("SEC/PRO"));
    let md = render(&[BERLIN, PRO, "--week", "--format", "markdown"]);
    let row = markdown_row(&md, "Wed 9 Apr").unwrap();
    assert_eq!(row[0], "Wed 9 Apr");
    assert!(
        row.iter()
            .any(|c| c
                .contains("08:00-08:55 SEC/PRO: Protocols joint session / Security joint session")),
        "{row:?}"
    );
}

#[test]
fn output_is_written_to_a_file_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("agenda.md");
    agendum()
        .args(["render", BERLIN, "-o"])
        .arg(&out)
        .success()
        .run();
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("# Agenda: SEC # 10.0"),
        "the extension chooses Markdown"
    );
    let input = dir.path().join("in.toml");
    crate::support::copy_meeting(BERLIN, &input);
    let before = std::fs::read(&input).unwrap();
    agendum()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .status(2)
        .run();
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn files_with_errors_are_not_rendered() {
    let bad = Path::new(ROOT).join("tests/bad/unknown-room.toml");
    agendum()
        .arg("render")
        .arg(&bad)
        .status(1)
        .stdout("")
        .stderr_contains("unknown room")
        .run();
}

/// The six files of the TP week, in name order, then `extra`.
fn tp_week(extra: &[&str]) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("schedules/tp-week"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files.extend(extra.iter().map(|e| (*e).to_string()));
    files
}

/// The agenda of `group` in a week's text: from its title to the next one.
fn agenda_of<'a>(text: &'a str, group: &str) -> &'a str {
    let start = text
        .find(&format!("\nAgenda: {group} #"))
        .unwrap_or_else(|| panic!("no agenda of {group}"));
    let rest = &text[start + 1..];
    let end = rest[1..].find("\nAgenda: ").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn the_week_grid_names_a_joint_session_by_its_groups_and_its_own_title() {
    let args = tp_week(&["--week", "--format", "markdown"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let md = render(&args);
    let tuesday = markdown_row(&md, "Tue 19 Jul").unwrap();
    // SEC's file numbers it S3; REQ has a session S3 of its own that day.
    assert!(
        tuesday.contains(&"10:30-12:00 SEC/ARC/PRO: Joint session".to_string()),
        "{tuesday:?}"
    );
    assert!(
        !tuesday
            .iter()
            .any(|c| c.contains("SEC/ARC/PRO: Session S3"))
    );
}

/// Every session of the grid is in the session list of every group that
/// takes part in it (every group, for the plenaries and the coordination).
#[test]
fn a_group_lists_every_session_it_takes_part_in() {
    let md_args = tp_week(&["--week", "--format", "markdown"]);
    let md = render(&md_args.iter().map(String::as_str).collect::<Vec<_>>());
    let text_args = tp_week(&["--week"]);
    let text = render(&text_args.iter().map(String::as_str).collect::<Vec<_>>());
    let groups = ["ARC", "MAS", "PRO", "REQ", "SEC", "TP"];
    let header = split_cells(md.lines().find(|l| l.starts_with("| Day |")).unwrap());
    let mut checked = 0;
    for day in [
        "Mon 18 Jul",
        "Tue 19 Jul",
        "Wed 20 Jul",
        "Thu 21 Jul",
        "Fri 22 Jul",
    ] {
        let row = markdown_row(&md, day).unwrap();
        let weekday = match &day[..3] {
            "Mon" => "Monday",
            "Tue" => "Tuesday",
            "Wed" => "Wednesday",
            "Thu" => "Thursday",
            _ => "Friday",
        };
        for (room, cell) in header.iter().zip(&row).skip(1) {
            for entry in cell.split("<br>").filter(|e| !e.is_empty()) {
                let (time, rest) = entry.split_once(' ').unwrap();
                let (start, end) = time.split_once('-').unwrap();
                let (who, _) = rest.split_once(": ").unwrap();
                let attending: Vec<&str> = if who == "TP" {
                    groups.to_vec()
                } else {
                    who.split('/').collect()
                };
                for g in attending {
                    let line = format!(": {weekday} {start} - {end}, {room}");
                    assert!(
                        agenda_of(&text, g).contains(&line),
                        "{g}'s list lacks {entry} ({line}):\n{}",
                        agenda_of(&text, g)
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 40, "{checked}");
    // ARC's list has the Tuesday joint session SEC's file declares, and
    // ARC's schedule says what SEC treats in it.
    let arc = agenda_of(&text, "ARC");
    assert!(arc.contains("  Joint session (SEC, ARC, PRO): Tuesday 10:30 - 12:00, Main room"));
    assert!(
        arc.contains("SEC item 6: Security of ARC and PRO deliverables"),
        "{arc}"
    );
}

/// The text grid breaks a list of groups only at its slashes.
#[test]
fn the_text_grid_breaks_group_lists_at_slashes() {
    let args = tp_week(&["--week"]);
    let text = render(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let grid = text.split("\nAgenda: ").next().unwrap();
    let groups = ["TP", "REQ", "ARC", "PRO", "SEC", "MAS"];
    for word in grid.split_whitespace().filter(|w| w.contains('/')) {
        for piece in word
            .trim_end_matches(':')
            .split('/')
            .filter(|p| !p.is_empty())
        {
            assert!(groups.contains(&piece), "{piece:?} of {word:?} in:\n{grid}");
        }
    }
}

/// A call given in UTC sits in the venue-time column at the venue's time,
/// its UTC time beside it, in the day table and in the grid.
#[test]
fn a_call_in_utc_shows_the_venue_time_with_its_own_beside() {
    let call = Path::new(ROOT).join("tests/weeks/night-call-ok.toml");
    let call = call.to_str().unwrap();
    let text = render(&[call, "--week"]);
    assert!(
        text.contains("Conference call  16:00-17:00 (14:00-15:00 UTC)  Session C"),
        "{text}"
    );
    assert!(
        text.contains("Tue 8 Apr  16:00-17:00 (14:00-15:00 UTC) SEC: Session C"),
        "{text}"
    );
}

/// Two 3GPP Tdocs, the second a formal revision of the first.
const REVISED: &str = r#"
[meeting]
id = "RAN1#116"
title = "RAN1 #116"
group = "RAN1"
chair = "Younsun Kim"
dates = { start = 2024-02-26, end = 2024-03-01 }
timezone = "Europe/Athens"

[[groups]]
id = "RAN1"

[[people]]
name = "Younsun Kim"

[[agenda]]
number = "9.1"
title = "MIMO"

[[contributions]]
number = "R1-2401234"
title = "Discussion on CSI enhancements"
item = "9.1"
status = "revised"

[[contributions]]
number = "R1-2403900"
title = "Discussion on CSI enhancements"
item = "9.1"
status = "agreed"
revision_of = "R1-2401234"
"#;

#[test]
fn a_revision_chain_is_stated_both_ways() {
    let out = agendum()
        .file("ran1.toml", REVISED)
        .args(["render", "ran1.toml", "--format", "markdown"])
        .success()
        .run();
    let md = &out.stdout;
    let old = markdown_row(md, "R1-2401234").unwrap();
    let new = markdown_row(md, "R1-2403900").unwrap();
    assert_eq!(old[4], "Revised to R1-2403900", "{md}");
    assert_eq!(new[4], "Revision of R1-2401234", "{md}");
    let report = crate::support::Test::with_tempdir(out.tempdir)
        .args(["render", "ran1.toml", "--report"])
        .success()
        .run()
        .stdout;
    let lines: Vec<&str> = report.lines().map(str::trim).collect();
    let at = |l: &str| {
        lines
            .iter()
            .position(|x| *x == l)
            .unwrap_or_else(|| panic!("no {l:?} in\n{report}"))
    };
    assert!(at("R1-2401234 was REVISED") < at("Revised to R1-2403900"));
    assert!(at("Revision of R1-2401234") < at("R1-2403900 was AGREED"));
}

#[test]
fn a_call_given_in_another_zone_is_listed_under_its_venue_day() {
    // Wednesday 02:00 UTC is Tuesday 22:00 in Toronto: the agenda lists the
    // call with Tuesday's sessions, its UTC times saying their own day.
    let (t, files) = crate::site::tp_week_with(|s| s, crate::site::UTC_CALL);
    let out = t.arg("render").args(&files).success().run();
    let all = out.stdout.clone();
    let text = &all[all.find("Meeting title:  SEC #24").expect("SEC's agenda")..];
    let tuesday = text.find("Tuesday 19 July 2016").expect("Tuesday's table");
    let wednesday = text
        .find("Wednesday 20 July 2016")
        .expect("Wednesday's table");
    let call = text
        .find("22:00-23:00 (Wed 02:00-03:00")
        .expect("the call in venue time");
    assert!(tuesday < call && call < wednesday, "{text}");
    assert!(
        text.contains("Session S5 (Tuesday), UTC call (Tuesday), Session S6"),
        "{text}"
    );
    let out = out
        .then()
        .arg("render")
        .args(&files)
        .arg("--week")
        .success()
        .run();
    let grid = out.stdout.clone();
    let tuesday = grid.find("\nTue ").expect("Tuesday's row of the grid");
    let wednesday = grid.find("\nWed ").expect("Wednesday's row of the grid");
    let call = grid.find("UTC call").expect("the call in the grid");
    assert!(tuesday < call && call < wednesday, "{grid}");
    assert!(grid[tuesday..call].contains("22:00-23:00"), "{grid}");
}
