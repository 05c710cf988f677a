//! `agendum render --report` and `--open` on real files: every decision of
//! seed 000 (the SEC#24 minutes) is found in the report of its schedule file,
//! snapshots of both seeds' reports, the record -> report -> open loop, and
//! the open list of the Montreal week.

use std::path::{Path, PathBuf};

use agendum::model::number::ContributionNumber;

use crate::support::{ROOT, agendum};

const BERLIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schedules/sec-10-berlin.toml");
const MONTREAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/schedules/sec-24-montreal.toml"
);

/// Seed 000 (the minutes): the shared seeds sit beside the repository (as in CI).
fn seed_000() -> String {
    let path = Path::new(ROOT).join("../shared/seeds/000_c75a603ca1ab1f7e.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The standard output of `agendum ARGS`, which must succeed.
fn ok(args: &[&str]) -> String {
    agendum().args(args).success().run().stdout
}

/// A decision as minutes write it: `<number> was [left] WORD [... by X/Y]`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decision {
    number: String,
    word: String,
    by: Option<String>,
}

/// Reads the decision in `line`, if it has one.
fn decision(line: &str) -> Option<Decision> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let was = words.iter().position(|w| *w == "was")?;
    let number = *words.get(was.checked_sub(1)?)?;
    ContributionNumber::parse(number).ok()?;
    let mut rest = words.get(was + 1..)?.iter().copied();
    let mut word = rest.next()?;
    if word.eq_ignore_ascii_case("left") {
        word = rest.next()?;
    }
    let word = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_uppercase();
    if !["NOTED", "AGREED", "WITHDRAWN", "OPEN"].contains(&word.as_str()) {
        return None;
    }
    let rest: Vec<&str> = rest.collect();
    let by = rest
        .iter()
        .position(|w| *w == "by")
        .and_then(|i| rest.get(i + 1))
        .map(|g| g.trim_end_matches(['.', ',']).to_string());
    Some(Decision {
        number: number.to_string(),
        word,
        by,
    })
}

#[test]
fn every_decision_of_the_minutes_is_in_the_report() {
    let seed: Vec<Decision> = seed_000().lines().filter_map(decision).collect();
    // The minutes record 63 decisions; fewer means the reader above broke.
    assert_eq!(seed.len(), 63, "{seed:#?}");
    for format in ["text", "markdown"] {
        let report = ok(&["render", MONTREAL, "--report", "--format", format]);
        let found: Vec<Decision> = report
            .lines()
            .map(|l| l.replace("**", "").replace('\\', ""))
            .filter_map(|l| decision(&l))
            .collect();
        for d in &seed {
            assert!(
                found.contains(d),
                "{format}: the minutes say {d:?}; the report has {:?}",
                found
                    .iter()
                    .filter(|f| f.number == d.number)
                    .collect::<Vec<_>>()
            );
        }
        // And nothing the minutes do not say: the decision on SEC-2016-0135
        // is the minutes' own sentence, the one on SEC-2016-0147 an
        // assumption of the file, and neither reads "was AGREED".
        let extra: Vec<&Decision> = found.iter().filter(|f| !seed.contains(f)).collect();
        assert_eq!(extra, Vec::<&Decision>::new(), "{format}");
    }
}

#[test]
fn presentations_name_the_presenter_and_the_session_as_the_minutes_do() {
    let report = ok(&["render", MONTREAL, "--report"]);
    for line in [
        "Presented by Wolfgang on Monday SEC-4",
        "SEC-2016-0136R01 presented by Wolfgang on Friday SEC-2",
        "Presented by Josef on wed ARC/SEC-5",
        "ARC-2016-0369R01 presented on wed ARC/SEC-5",
        "SEC-2016-0154R01 was AGREED to be proposed to TP for approval",
        "SEC-2016-0143 was left OPEN",
        "ARC-2016-0344R01 was AGREED by ARC/SEC",
    ] {
        assert!(report.lines().any(|l| l.trim() == line), "no line {line:?}");
    }
    // Said once: the minutes' own words, and no generated line beside them.
    for (said, not_generated) in [
        (
            "Presented by Wei on Wed on ARC/SEC-5",
            "Presented by Wei on wed ARC/SEC-5",
        ),
        (
            "Contribution review went o on Tuesday SEC-3",
            "Presented on Tuesday SEC-3",
        ),
        (
            "The new WI proposal has been presented on Thursday SEC-4 by Wolfgang",
            "Presented by Wolfgang on Thursday SEC-4",
        ),
    ] {
        let at = report.find(said).unwrap_or_else(|| panic!("no {said:?}"));
        let entry = &report[report[..at].rfind("\n\n").unwrap()..at];
        assert!(
            !entry.contains(not_generated),
            "{not_generated:?} before {said:?}"
        );
    }
    let jessie = "REQ-2016-0056R01 presented by Jessie on Thursday SEC/REQ-3";
    assert!(!report.contains(jessie), "{report}");
    // The SEC/MAS session's day and slot are assumed: it is not named.
    assert!(!report.contains("SEC/MAS-2"), "{report}");
    assert!(report.contains("MAS-2016-0155R04 was NOTED by SEC/MAS"));
}

#[test]
fn the_agenda_gives_a_call_in_utc_the_venue_time_too() {
    // The minutes give the next meetings in the secretary's words; the
    // agenda's table gives the call in UTC and as Montreal reads it, four
    // hours earlier (EDT).
    let agenda = ok(&["render", MONTREAL]);
    assert!(agenda.contains("(09:30-11:00"), "{agenda}");
    assert!(agenda.contains("Montreal time)"));
    let report = ok(&["render", MONTREAL, "--report"]);
    assert!(report.contains("- SEC24.1 Thu 29 September 2016 13.30-15.00 UTC"));
    assert!(!report.contains("Montreal time"), "{report}");
}

#[test]
fn assumptions_are_marked_in_the_agenda_and_left_out_of_the_minutes() {
    let agenda = ok(&["render", MONTREAL, "--format", "markdown"]);
    assert!(
        agenda.contains(
            "- Joint SEC/MAS session: Thursday 11:00 - 12:30, Main room (assumed: day, slot, time, room)"
        ),
        "{agenda}"
    );
    assert!(agenda.contains("| Main room (assumed) | 11:00-12:30 (assumed) |"));
    let report = ok(&["render", MONTREAL, "--report", "--format", "markdown"]);
    for invented in [
        "11:00",
        "Main room",
        "break-out",
        "assumed",
        "America/Toronto",
    ] {
        assert!(!report.contains(invented), "{invented}: {report}");
    }
}

#[test]
fn the_report_follows_the_agenda() {
    let report = ok(&["render", MONTREAL, "--report"]);
    let at = |needle: &str| {
        report
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in the report"))
    };
    let order = [
        "Minutes: SEC 24 F2F meeting",
        "1 Opening of the meeting",
        "2 Review of Agenda",
        "3 Approval of previous Minutes",
        "4.1 Review of Objectives",
        "4.2 Review of Action Items",
        "A-WG4-SEC233",
        "5.1 Corrections",
        "SEC-2016-0145 was NOTED",
        "SEC-2016-0136 was NOTED",
        "SEC-2016-0136R01 was AGREED",
        "7.1 Liaisons",
        "New action items",
        "To write a change request to fix this issue in",
        "8 Planning for next Meeting(s)",
        "SEC24.1",
        "9 Any other business",
        "10 Closure of meeting",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
    // Carried-in action items stay in 4.2; the new ones are not repeated there.
    let table_42 = &report[at("4.2 Review")..at("5 Corrections")];
    assert!(!table_42.contains("To write a change request"));
    // The minutes give the new items no reference, and neither does agendum.
    assert!(!report.contains("A-WG4-SEC234"), "{report}");
}

#[test]
fn text_report_of_the_montreal_week() {
    insta::assert_snapshot!(
        "montreal_report_text",
        ok(&["render", MONTREAL, "--report"])
    );
}

#[test]
fn markdown_report_of_the_montreal_week() {
    insta::assert_snapshot!(
        "montreal_report_markdown",
        ok(&["render", MONTREAL, "--report", "--format", "markdown"])
    );
}

#[test]
fn text_report_of_the_berlin_agenda() {
    insta::assert_snapshot!("berlin_report_text", ok(&["render", BERLIN, "--report"]));
}

#[test]
fn markdown_report_of_the_berlin_agenda() {
    insta::assert_snapshot!(
        "berlin_report_markdown",
        ok(&["render", BERLIN, "--report", "--format", "markdown"])
    );
}

#[test]
fn reports_fit_80_columns_and_are_deterministic() {
    for file in [MONTREAL, BERLIN] {
        for flag in ["--report", "--open"] {
            let text = ok(&["render", file, flag]);
            for line in text.lines() {
                assert!(line.chars().count() <= 80, "{flag}: too wide: {line:?}");
            }
            assert_eq!(text, ok(&["render", file, flag]));
        }
    }
}

#[test]
fn the_open_list_of_the_montreal_week() {
    let open = ok(&["render", MONTREAL, "--open", "--format", "markdown"]);
    let rows: Vec<&str> = open
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Number"))
        .collect();
    assert_eq!(
        rows,
        [
            "| SEC-2016-0137 | CR TS-0003 R2 MAF use of TEF IF | Qualcomm | Noted, revision expected | last seen Tuesday SEC-3 |",
            "| ARC-2016-0287R05 | CR_TS-0001_correction_on_Traffic_Pattern | NEC | Noted, revision expected | last seen wed ARC/SEC-5 |",
            "| TP-2016-0199 | New_WI_on_TEF_Interface | Qualcomm | Treated, revision expected | last seen Thursday SEC-4 |",
        ]
    );
    assert!(open.contains("3 contributions are still open after Friday SEC-2"));
    assert!(open.contains("### 5.2 Enhancements to TS-0003 (Rel-2)"));
    assert!(!open.contains("5.1 Corrections"));
}

fn copy_of(dir: &Path, file: &str) -> PathBuf {
    let path = dir.join("week.toml");
    crate::support::copy_meeting(file, &path);
    path
}

#[test]
fn recording_moves_a_contribution_from_open_to_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of(dir.path(), MONTREAL);
    let f = file.to_str().unwrap();
    assert!(ok(&["render", f, "--open"]).contains("SEC-2016-0137"));
    ok(&[
        "record",
        f,
        "SEC-2016-0137R01",
        "agreed",
        "--session",
        "Friday SEC-2",
        "--by",
        "Wolfgang",
        "--note",
        "Numbering fixed.",
    ]);
    let report = ok(&["render", f, "--report"]);
    let after = &report[report.find("SEC-2016-0137: CR TS-0003 R2 MAF").unwrap()..];
    let lines: Vec<&str> = after.lines().map(str::trim).take(12).collect();
    let presented = lines
        .iter()
        .position(|l| *l == "SEC-2016-0137R01 presented by Wolfgang on Friday SEC-2")
        .expect("the new presentation");
    assert_eq!(lines.get(presented + 1), Some(&"Numbering fixed."));
    assert_eq!(
        lines.get(presented + 2),
        Some(&"SEC-2016-0137R01 was AGREED")
    );
    assert!(!ok(&["render", f, "--open"]).contains("SEC-2016-0137"));

    // Left open in a session: open again, last seen there.
    ok(&[
        "record",
        f,
        "SEC-2016-0136R01",
        "left open",
        "--session",
        "Thursday SEC-4",
    ]);
    let open = ok(&["render", f, "--open"]);
    assert!(open.contains("SEC-2016-0136R01"), "{open}");
    assert!(open.contains("last seen Thursday SEC-4"), "{open}");
}

#[test]
fn report_and_open_exclude_each_other_and_the_filters() {
    for args in [
        &["render", MONTREAL, "--report", "--open"][..],
        &["render", MONTREAL, "--report", "--session", "S1"],
        &["render", MONTREAL, "--open", "--week"],
    ] {
        agendum().args(args).status(2).run();
    }
}

/// Text as the seed comparison sees it: no whitespace (the seed's line
/// breaks, doubled spaces and spaces before commas do not count), no
/// letter case, no "·" bullet signs.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '·')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The statements of one line of a Markdown report, markup removed, or
/// nothing for a layout line (a heading, a table's header row or rule). A
/// table row gives each cell line; a header field ("- **Chair:** a, b")
/// each part of its value; a contribution's heading ("**N** title
/// (source)") its number, then title and source as one piece to split.
fn statements(line: &str) -> Vec<String> {
    let unescape = |s: &str| {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.extend(chars.next()),
                c => out.push(c),
            }
        }
        out
    };
    let l = line.trim();
    if l.is_empty() || l.starts_with('#') {
        return Vec::new();
    }
    if let Some(row) = l.strip_prefix('|') {
        let cells: Vec<&str> = row
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let header = ["Reference", "Number", "Meeting"].contains(&cells[0]);
        if header || cells.iter().all(|c| c.chars().all(|ch| ch == '-')) {
            return Vec::new();
        }
        return cells
            .iter()
            .flat_map(|c| c.split("<br>"))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .flat_map(statements)
            .collect();
    }
    if let Some(field) = l.strip_prefix("- **") {
        if let Some((_, value)) = field.split_once(":** ") {
            return value.split(", ").map(unescape).collect();
        }
    }
    if let Some(rest) = l.strip_prefix("**") {
        if let Some((number, heading)) = rest.split_once("** ") {
            return vec![unescape(number), format!("\u{0}{}", unescape(heading))];
        }
    }
    // Where a new action item was raised is layout around two statements.
    if let Some(raised) = l
        .strip_prefix("(raised on ")
        .and_then(|r| r.strip_suffix(')'))
    {
        return raised.split(", ").map(unescape).collect();
    }
    let l = l.replace("**", "");
    let l = l
        .strip_prefix('*')
        .and_then(|x| x.strip_suffix('*'))
        .unwrap_or(&l);
    let l = l.strip_prefix("- ").unwrap_or(l);
    // A choice of the purpose box: its box is layout.
    let l = l
        .strip_prefix("[ ] ")
        .or_else(|| l.strip_prefix("[x] "))
        .unwrap_or(l);
    vec![unescape(l)]
}

/// Whether `piece` (or, for a contribution heading, some split of it into
/// "title (source)") has a counterpart in the squeezed seed, a person's
/// declared name standing for any of the aliases the file declares.
fn has_counterpart(seed: &str, piece: &str, people: &[(String, Vec<String>)]) -> bool {
    let found = |text: &str| {
        let mut variants = vec![text.to_string()];
        for (name, aliases) in people {
            if text.contains(name.as_str()) {
                variants.extend(aliases.iter().map(|a| text.replace(name.as_str(), a)));
            }
        }
        variants.iter().any(|v| seed.contains(&squeeze(v)))
    };
    match piece.strip_prefix('\u{0}') {
        Some(heading) => heading.match_indices(" (").any(|(at, _)| {
            let (title, source) = (&heading[..at], &heading[at + 2..]);
            found(title) && source.strip_suffix(')').is_some_and(found)
        }),
        None => found(piece),
    }
}

/// How many statements the Montreal minutes (Markdown) make, and every one
/// of them that seed 000 does not make, after whitespace and case are
/// normalised.
fn statements_not_in_the_seed() -> (usize, Vec<String>) {
    let seed = squeeze(&seed_000());
    let loaded = agendum::load::week::load(&[PathBuf::from(MONTREAL)]).expect("Montreal loads");
    let people: Vec<(String, Vec<String>)> = loaded.week.meetings[0]
        .people
        .iter()
        .map(|p| {
            let aliases = p.aliases.iter().map(|a| a.as_str().to_string()).collect();
            (p.name.as_str().to_string(), aliases)
        })
        .collect();
    let report = ok(&["render", MONTREAL, "--report", "--format", "markdown"]);
    let all: Vec<String> = report.lines().flat_map(statements).collect();
    let extra = all
        .iter()
        .filter(|p| !has_counterpart(&seed, p, &people))
        .map(|p| p.trim_start_matches('\u{0}').to_string())
        .collect();
    (all.len(), extra)
}

#[test]
fn the_minutes_state_only_what_the_seed_states() {
    // What the file adds on purpose, each once, with the reason.
    let added = [
        // The chair's address, from seed 001, so that invitations have an
        // organizer (a comment in the file says so).
        "francois.ennesser@gemalto.com",
        // The venue, "Montreal, Canada"; the seed gives "Montreal , CA".
        "Canada",
    ];
    let (checked, extra) = statements_not_in_the_seed();
    // The minutes make some 430 statements; far fewer means the reader broke.
    assert!(checked > 400, "only {checked} statements read");
    assert_eq!(extra, added, "{}", extra.join("\n"));
}

#[test]
fn the_open_list_marks_a_session_whose_day_is_assumed() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of(dir.path(), MONTREAL);
    let f = file.to_str().unwrap();
    ok(&[
        "record",
        f,
        "MAS-2016-0184R04",
        "left open",
        "--session",
        "Thursday SEC/MAS-2",
    ]);
    let open = ok(&["render", f, "--open", "--format", "markdown"]);
    assert!(
        open.contains("last seen Thursday SEC/MAS-2 (assumed) |"),
        "{open}"
    );
    assert!(open.contains("still open after Friday SEC-2,"), "{open}");
}

#[test]
fn the_week_grid_and_the_calendar_say_what_is_assumed() {
    let grid = ok(&["render", MONTREAL, "--week", "--format", "markdown"]);
    // The joint SEC/MAS session: its day, slot and room are the file's guess.
    assert!(
        grid.contains("SEC/MAS: Joint SEC/MAS session (day, time and room assumed)"),
        "{grid}"
    );
    assert!(
        grid.contains("SEC: SEC session (Monday, slot 4) (time and room assumed)"),
        "{grid}"
    );
    // Berlin assumes nothing: its grid says nothing of the kind.
    let berlin = ok(&["render", BERLIN, "--week"]);
    assert!(!berlin.contains("assumed"), "{berlin}");
    let ics = agendum()
        .args(["ics", MONTREAL])
        .success()
        .run()
        .stdout
        .replace("\r\n ", "");
    assert!(
        ics.contains("\\nDay\\, time and room assumed: not given by the source\\n"),
        "{ics}"
    );
}
