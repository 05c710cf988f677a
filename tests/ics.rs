//! `agendum ics`: the calendars the binary writes, read back by real
//! consumers (Python `icalendar` and `vobject`, `ical.js`, `khal`), compared
//! with the schedule's own UTC intervals.
//!
//! The consumers are installed by the first test that needs one (see
//! tests/support/consumers.rs); a missing consumer fails these tests (it
//! never skips them).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{ROOT, Test, agendum, consumers};

const EPOCH: &str = "1396000000";

fn root() -> PathBuf {
    PathBuf::from(ROOT)
}

/// `agendum` at a fixed time, in the crate directory.
fn ics() -> Test {
    agendum().env("SOURCE_DATE_EPOCH", EPOCH).current_dir(ROOT)
}

/// Runs `agendum ics FILES ARGS -o OUT` and returns OUT's text.
fn ics_to(files: &[PathBuf], args: &[&str], out: &Path) -> String {
    ics()
        .arg("ics")
        .args(files)
        .args(args)
        .arg("-o")
        .arg(out)
        .success()
        .run();
    fs::read_to_string(out).unwrap()
}

/// Runs `agendum ics FILES --method request ARGS -o DIR` and returns every
/// file of DIR with its text, in name order: one invitation per session.
fn invite_to(files: &[PathBuf], args: &[&str], dir: &Path) -> Vec<(PathBuf, String)> {
    ics()
        .arg("ics")
        .args(files)
        .args(["--method", "request"])
        .args(args)
        .arg("-o")
        .arg(dir)
        .success()
        .run();
    folder(dir)
}

/// Every file of a folder with its text, in name order.
fn folder(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The content lines of an iCalendar text, folding undone (RFC 5545 3.1).
fn unfolded(text: &str) -> Vec<String> {
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The lines of property `name` (`ATTENDEE` matches `ATTENDEE;...:...` and
/// `ATTENDEE:...`), whole.
fn props<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter(|l| {
            l.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with([':', ';']))
        })
        .map(String::as_str)
        .collect()
}

/// The value of the one property `name` of `lines` (what follows the colon
/// that ends the name and parameters; a quoted parameter may hold colons).
fn one<'a>(lines: &'a [String], name: &str) -> &'a str {
    let found = props(lines, name);
    assert_eq!(found.len(), 1, "one {name} in {lines:#?}");
    value(found[0])
}

fn value(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return &line[i + 1..],
            _ => {}
        }
    }
    panic!("no value in {line}")
}

/// The chair's address of every session, from the library: UID -> e-mail.
fn chairs(files: &[PathBuf]) -> BTreeMap<String, String> {
    let files: Vec<PathBuf> = files.iter().map(|f| root().join(f)).collect();
    let week = agendum::load::week::load(&files).unwrap().week;
    let mut out = BTreeMap::new();
    for (m, _, session, _) in week.sessions() {
        let meeting = &week.meetings[m];
        // The session's chair, else its track's, else the meeting's.
        let chair = meeting.session_chair(session).as_str();
        let email = week
            .person(chair)
            .and_then(|p| p.email.as_ref())
            .unwrap_or_else(|| panic!("{chair} has an address"));
        out.insert(
            agendum::export::ics::uid(meeting, session),
            email.as_str().to_string(),
        );
    }
    out
}

/// UID -> (UTC start, UTC end).
type Instants = BTreeMap<String, (String, String)>;

/// The schedule's own answer: UID -> (UTC start, UTC end), from the library.
fn expected(files: &[PathBuf]) -> BTreeMap<String, (String, String)> {
    let files: Vec<PathBuf> = files.iter().map(|f| root().join(f)).collect();
    let loaded = agendum::load::week::load(&files).unwrap();
    let week = loaded.week;
    let mut out = BTreeMap::new();
    for (m, _, session, interval) in week.sessions() {
        let iv = interval.expect("every session is placed");
        let uid = agendum::export::ics::uid(&week.meetings[m], session);
        let f = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        out.insert(uid, (f(iv.start), f(iv.end)));
    }
    out
}

/// Runs both consumer scripts on the files; returns file -> parser -> events.
fn consumers(paths: &[PathBuf]) -> BTreeMap<String, BTreeMap<String, Vec<Value>>> {
    let mut all: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    let scripts = [
        (consumers::python(&["icalendar", "vobject"]), "parse_ics.py"),
        (consumers::node(), "parse_ics.mjs"),
    ];
    for (program, script) in scripts {
        let v: BTreeMap<String, BTreeMap<String, Vec<Value>>> =
            consumers::read_json(&program, script, paths);
        for (file, parsers) in v {
            all.entry(file).or_default().extend(parsers);
        }
    }
    all
}

/// The checks every calendar must pass as text: CRLF line ends only, no
/// physical line over 75 octets, a VTIMEZONE for every TZID, no X-WR-TIMEZONE.
fn check_text(name: &str, text: &str) {
    assert!(text.ends_with("\r\n"), "{name}: ends with CRLF");
    assert!(
        !text.replace("\r\n", "").contains(['\n', '\r']),
        "{name}: a bare LF or CR"
    );
    for line in text.split("\r\n") {
        assert!(
            line.len() <= 75,
            "{name}: line of {} octets: {line}",
            line.len()
        );
    }
    let unfolded = text.replace("\r\n ", "");
    let mut used = BTreeSet::new();
    for line in unfolded.split("\r\n") {
        if let Some(i) = line.find(";TZID=") {
            let rest = &line[i + 6..];
            let end = rest.find([':', ';']).unwrap();
            used.insert(rest[..end].to_string());
        }
    }
    let defined: BTreeSet<String> = unfolded
        .split("\r\n")
        .filter_map(|l| l.strip_prefix("TZID:"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        used, defined,
        "{name}: every TZID used has one VTIMEZONE, and only those"
    );
    assert!(!text.contains("X-WR-TIMEZONE"), "{name}");
}

/// Every parser's events of `file` equal the schedule's, UID for UID.
fn assert_parsers_agree(
    file: &str,
    parsers: &BTreeMap<String, Vec<Value>>,
    want: &BTreeMap<String, (String, String)>,
) {
    let names: BTreeSet<&str> = parsers.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        BTreeSet::from(["ical.js", "icalendar", "icalendar-vtimezone", "vobject"]),
        "{file}: four readings"
    );
    for (parser, events) in parsers {
        let got: BTreeMap<String, (String, String)> = events
            .iter()
            .map(|e| {
                (
                    e["uid"].as_str().unwrap().to_string(),
                    (
                        e["start"].as_str().unwrap().to_string(),
                        e["end"].as_str().unwrap().to_string(),
                    ),
                )
            })
            .collect();
        assert_eq!(
            got.len(),
            events.len(),
            "{file} / {parser}: UIDs are unique"
        );
        assert_eq!(
            &got, want,
            "{file} / {parser}: UTC start and end of every event"
        );
    }
}

/// A small deterministic generator (no clock, no OS randomness).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const ZONES: [&str; 11] = [
    "Europe/Berlin",
    "America/Toronto",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Pacific/Chatham",
    "America/St_Johns",
    "Europe/London",
    "Asia/Tokyo",
    "America/Los_Angeles",
    "Africa/Casablanca",
];

/// A random week of 1 to 3 meetings in random zones, dates and times
/// (times in a daylight-saving gap are left out: agendum refuses them).
fn random_week(dir: &Path, seed: u64) -> Vec<PathBuf> {
    use chrono::NaiveDate;
    let mut r = Lcg(seed);
    let year = 2005 + i32::try_from(r.next(30)).unwrap();
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap()
        + chrono::Duration::days(i64::try_from(r.next(360)).unwrap());
    let end = start + chrono::Duration::days(6);
    let mut files = Vec::new();
    for m in 0..=r.next(3) {
        let zone = ZONES[usize::try_from(r.next(ZONES.len() as u64)).unwrap()];
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        let mut text = format!(
            "[meeting]\nid = \"R{seed}#{m}\"\ntitle = \"Random week\"\ngroup = \"G{m}\"\nchair = \"Chair {m}\"\n\
             dates = {{ start = {start}, end = {end} }}\ntimezone = \"{zone}\"\ncalendar_domain = \"random.example\"\n\n\
             [[groups]]\nid = \"G{m}\"\n\n[[rooms]]\nname = \"Room {m}\"\n\n[[people]]\nname = \"Chair {m}\"\nemail = \"chair{m}@random.example\"\n"
        );
        let mut n = 0;
        for _ in 0..(3 + r.next(10)) {
            let day = start + chrono::Duration::days(i64::try_from(r.next(7)).unwrap());
            let from = r.next(24 * 4 - 1) * 15;
            let to = (from + 15 + r.next(16) * 15).min(23 * 60 + 59);
            let clock = |mins: u64| {
                agendum::model::clock::Clock::parse(&format!("{:02}:{:02}", mins / 60, mins % 60))
                    .unwrap()
            };
            let gap = |mins| {
                matches!(
                    agendum::model::zoned::place(tz, day, clock(mins)),
                    agendum::model::zoned::Placed::Gap { .. }
                )
            };
            if gap(from) || gap(to) {
                continue;
            }
            let utc = if r.next(5) == 0 {
                "timezone = \"UTC\"\n"
            } else {
                ""
            };
            let _ = write!(
                text,
                "\n[[sessions]]\nid = \"S{n}\"\nkind = \"break-out\"\nday = {day}\ntime = \"{:02}:{:02}-{:02}:{:02}\"\nroom = \"Room {m}\"\n{utc}",
                from / 60,
                from % 60,
                to / 60,
                to % 60
            );
            n += 1;
        }
        let path = dir.join(format!("random-{seed}-{m}.toml"));
        fs::write(&path, text).unwrap();
        files.push(path);
    }
    files
}

/// Writes the invitations of `files` into `dir` and checks each: one file per
/// session, named after its UID, METHOD:REQUEST with one VEVENT organised by
/// the session's chair, who is also its first ATTENDEE. Returns each file
/// with the schedule's answer for its one event.
fn check_invitations(
    name: &str,
    files: &[PathBuf],
    dir: &Path,
    want: &Instants,
) -> Vec<(PathBuf, Instants)> {
    let invites = invite_to(files, &[], dir);
    let chairs = chairs(files);
    assert_eq!(
        invites.len(),
        want.len(),
        "{name}: one invitation per session"
    );
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (path, text) in invites {
        let file = path.display().to_string();
        check_text(&file, &text);
        let lines = unfolded(&text);
        assert_eq!(one(&lines, "METHOD"), "REQUEST", "{file}");
        assert_eq!(
            lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
            1,
            "{file}"
        );
        let uid = one(&lines, "UID").to_string();
        assert_eq!(
            path.file_name().unwrap().to_string_lossy(),
            format!("{}.ics", uid.split('@').next().unwrap()),
            "{file}"
        );
        let chair = format!("mailto:{}", chairs[&uid]);
        assert_eq!(one(&lines, "ORGANIZER"), chair, "{file}");
        let attendees = props(&lines, "ATTENDEE");
        assert!(
            attendees
                .first()
                .is_some_and(|a| value(a) == chair && a.contains(";ROLE=CHAIR")),
            "{file}: {attendees:#?}"
        );
        assert!(seen.insert(uid.clone()), "{file}: {uid} twice");
        out.push((path, BTreeMap::from([(uid.clone(), want[&uid].clone())])));
    }
    assert_eq!(
        seen,
        want.keys().cloned().collect::<BTreeSet<_>>(),
        "{name}: every session invited"
    );
    out
}

#[test]
fn every_calendar_is_read_alike_by_four_parsers() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(String, Vec<PathBuf>, Vec<&str>)> = Vec::new();
    // Every schedule in schedules/ (the seeds), with each method.
    let mut seeds: Vec<PathBuf> = fs::read_dir(root().join("schedules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        // Requests files (`agendum timetable`) are not meeting files.
        .filter(|p| !p.to_string_lossy().ends_with("-requests.toml"))
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    for s in &seeds {
        let name = s.file_stem().unwrap().to_string_lossy().to_string();
        cases.push((name.clone(), vec![s.clone()], vec![]));
        cases.push((
            format!("{name}-request"),
            vec![s.clone()],
            vec!["--method", "request"],
        ));
    }
    let week = vec![
        PathBuf::from("tests/ics/week-sec.toml"),
        PathBuf::from("tests/ics/week-arc.toml"),
    ];
    cases.push(("multi-group-week".into(), week.clone(), vec![]));
    cases.push(("multi-group-week-utc".into(), week, vec!["--utc"]));
    let us_eu = vec![
        PathBuf::from("tests/zones/berlin-2016.toml"),
        PathBuf::from("tests/zones/toronto-2016.toml"),
    ];
    cases.push(("berlin-toronto".into(), us_eu.clone(), vec![]));
    cases.push(("berlin-toronto-utc".into(), us_eu, vec!["--utc"]));
    cases.push((
        "sydney".into(),
        vec!["tests/zones/sydney-2016.toml".into()],
        vec![],
    ));
    cases.push((
        "kolkata".into(),
        vec!["tests/zones/kolkata-2016.toml".into()],
        vec![],
    ));
    cases.push((
        "fold".into(),
        vec!["tests/bad/dst-fold.toml".into()],
        vec![],
    ));
    for seed in 1..=8 {
        cases.push((
            format!("random-{seed}"),
            random_week(dir.path(), seed),
            vec![],
        ));
    }

    let mut outputs = Vec::new();
    let mut wants = BTreeMap::new();
    for (name, files, args) in &cases {
        let want = expected(files);
        if args.as_slice() == ["--method", "request"] {
            for (path, want) in check_invitations(name, files, &dir.path().join(name), &want) {
                wants.insert(path.to_string_lossy().to_string(), want);
                outputs.push(path);
            }
            continue;
        }
        let out = dir.path().join(format!("{name}.ics"));
        let text = ics_to(files, args, &out);
        check_text(name, &text);
        wants.insert(out.to_string_lossy().to_string(), want);
        outputs.push(out);
    }
    let read = consumers(&outputs);
    assert_eq!(read.len(), outputs.len());
    for (file, parsers) in &read {
        assert_parsers_agree(file, parsers, &wants[file]);
    }
}

#[test]
fn zone_edge_cases_land_on_the_right_instants() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str, &str); 6] = [
        // Berlin is UTC+1 on 14 March 2016 (EU not yet changed), Toronto UTC-4 (US changed).
        (
            "tests/zones/berlin-2016.toml",
            "SEC-21-MAR-1@zones.agendum.example",
            "2016-03-14T08:00:00Z",
            "2016-03-14T09:30:00Z",
        ),
        (
            "tests/zones/toronto-2016.toml",
            "ARC-21-MAR-1@zones.agendum.example",
            "2016-03-14T13:00:00Z",
            "2016-03-14T14:30:00Z",
        ),
        (
            "tests/zones/toronto-2016.toml",
            "ARC-21-OCT-1@zones.agendum.example",
            "2016-10-31T13:00:00Z",
            "2016-10-31T14:30:00Z",
        ),
        // Sydney 00:30 AEDT (+11) to 04:30 AEST (+10): five real hours.
        (
            "tests/zones/sydney-2016.toml",
            "SEC-22-S2@zones.agendum.example",
            "2016-04-02T13:30:00Z",
            "2016-04-02T18:30:00Z",
        ),
        // Kolkata +05:30: 04:00 local is the previous day in UTC.
        (
            "tests/zones/kolkata-2016.toml",
            "SEC-23-S2@zones.agendum.example",
            "2017-01-01T22:30:00Z",
            "2017-01-02T00:30:00Z",
        ),
        // The autumn fold: 02:30 occurs twice in Berlin; the first (CEST, UTC+2) is meant.
        (
            "tests/bad/dst-fold.toml",
            "SEC-1-S1@agendum.invalid",
            "2014-10-26T00:30:00Z",
            "2014-10-26T02:30:00Z",
        ),
    ];
    let mut outs = Vec::new();
    for (i, (file, ..)) in cases.iter().enumerate() {
        let out = dir.path().join(format!("{i}.ics"));
        ics_to(&[PathBuf::from(file)], &[], &out);
        outs.push(out);
    }
    let read = consumers(&outs);
    for (i, (file, uid, start, end)) in cases.iter().enumerate() {
        let parsers = &read[&outs[i].to_string_lossy().to_string()];
        for (parser, events) in parsers {
            let e = events
                .iter()
                .find(|e| e["uid"] == *uid)
                .unwrap_or_else(|| panic!("{file}: {uid}"));
            assert_eq!(
                (e["start"].as_str().unwrap(), e["end"].as_str().unwrap()),
                (*start, *end),
                "{file} {uid} read by {parser}"
            );
        }
    }
}

#[test]
fn a_call_given_in_utc_stays_in_utc_and_zones_get_vtimezones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.ics");
    let text = ics_to(
        &[
            "tests/zones/toronto-2016.toml".into(),
            "tests/zones/berlin-2016.toml".into(),
        ],
        &[],
        &out,
    );
    assert!(text.contains("DTSTART:20160321T133000Z\r\n"), "{text}");
    assert!(text.contains("DTEND:20160321T150000Z\r\n"));
    assert!(text.contains("DTSTART;TZID=Europe/Berlin:20160314T090000\r\n"));
    assert!(text.contains("DTSTART;TZID=America/Toronto:20160314T090000\r\n"));
    // Each zone's VTIMEZONE holds its two yearly rules, from the year before.
    for needle in [
        "DTSTART:20150329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST",
        "DTSTART:20151025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET",
        "DTSTART:20150308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT",
        "DTSTART:20151101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
    let utc = ics_to(
        &["tests/zones/toronto-2016.toml".into()],
        &["--utc"],
        &dir.path().join("u.ics"),
    );
    assert!(!utc.contains("TZID") && !utc.contains("VTIMEZONE"));
    assert!(utc.contains("DTSTART:20160314T130000Z\r\n"));
}

#[test]
fn a_time_in_the_spring_forward_gap_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gap.ics");
    ics()
        .args(["ics", "tests/bad/dst-gap.toml", "-o"])
        .arg(&out)
        .status(1)
        .stderr_contains("nonexistent-time")
        .stderr_contains("02:30 does not exist on 2014-03-30 in Europe/Berlin")
        .stderr_contains("tests/bad/dst-gap.toml:")
        .run();
    assert!(!out.exists(), "no calendar is written");
}

#[test]
fn the_fold_warns_and_takes_the_first_occurrence() {
    let text = ics()
        .args(["ics", "tests/bad/dst-fold.toml"])
        .success()
        .stderr_contains("ambiguous-time")
        .stderr_contains("first occurrence")
        .run()
        .stdout;
    // Clients disagree on a repeated wall-clock time: it is written in UTC.
    assert!(text.contains("DTSTART:20141026T003000Z\r\n"), "{text}");
    assert!(text.contains("DTEND:20141026T023000Z\r\n"));
}

#[test]
fn hostile_text_cannot_inject_properties_or_components() {
    let dir = tempfile::tempdir().unwrap();
    let title = "Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected\r\nDTSTART:20000101T000000Z\nSUMMARY:pwned; a,b \\ c\rEND:VCALENDAR";
    // Names and rooms are ids, which refuse line breaks at load time
    // (issue 16): theirs try the property syntax on one line.
    let room = "Room LOCATION:elsewhere";
    let person = "Eve ATTENDEE:mailto:eve@evil.example";
    let toml = format!(
        "[meeting]\nid = \"X#1\"\ntitle = {t}\ngroup = \"SEC\"\nchair = {p}\ndates = {{ start = 2016-05-02, end = 2016-05-03 }}\n\
         timezone = \"Europe/Paris\"\nvenue = {t}\n\n[[groups]]\nid = \"SEC\"\n\n[[rooms]]\nname = {r}\n\n\
         [[people]]\nname = {p}\nemail = \"eve@example.org\"\n\n\
         [[sessions]]\nid = \"S1\"\ntitle = {t}\nkind = \"break-out\"\nday = 2016-05-02\ntime = \"09:00-10:00\"\nroom = {r}\nnotes = [{t}]\n",
        t = toml_string(title),
        r = toml_string(room),
        p = toml_string(person),
    );
    let file = dir.path().join("evil.toml");
    fs::write(&file, toml).unwrap();
    for method in ["publish", "request"] {
        // A feed is a file; invitations go to a folder, one file per session.
        let out = if method == "publish" {
            let out = dir.path().join("evil.ics");
            ics_to(std::slice::from_ref(&file), &[], &out);
            out
        } else {
            let invites = invite_to(
                std::slice::from_ref(&file),
                &[],
                &dir.path().join("invites"),
            );
            let paths: Vec<&PathBuf> = invites.iter().map(|(p, _)| p).collect();
            assert_eq!(paths, [&dir.path().join("invites/X-1-S1.ics")]);
            paths[0].clone()
        };
        let text = fs::read_to_string(&out).unwrap();
        check_text("evil", &text);
        let unfolded = text.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
        let count = |p: &str| lines.iter().filter(|l| l.starts_with(p)).count();
        assert_eq!(count("BEGIN:VEVENT"), 1);
        assert_eq!(count("END:VEVENT"), 1);
        assert_eq!(count("END:VCALENDAR"), 1);
        assert_eq!(count("UID:"), 1);
        assert_eq!(count("SUMMARY:"), 1);
        assert_eq!(count("LOCATION:"), 1);
        // An invitation invites the chair, once; a feed invites nobody.
        assert_eq!(count("ATTENDEE"), usize::from(method == "request"));
        assert_eq!(count("DTSTART;"), 1);
        assert_eq!(count("DTSTART:2000"), 0);
        let read = consumers(std::slice::from_ref(&out));
        for (parser, events) in &read[&out.to_string_lossy().to_string()] {
            assert_eq!(events.len(), 1, "{parser}: one event");
            let summary = events[0]["summary"].as_str().unwrap();
            // The chair's words: the meeting id and the title, line breaks
            // as spaces, no session id or kind added.
            let want = format!(
                "X#1 {}",
                title
                    .replace("\r\n", "\n")
                    .replace('\r', "\n")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            assert_eq!(summary, want, "{parser}");
        }
    }
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn filters_pick_the_right_sessions() {
    let week = ["tests/ics/week-sec.toml", "tests/ics/week-arc.toml"];
    let uids = |args: &[&str]| -> BTreeSet<String> {
        ics()
            .arg("ics")
            .args(week)
            .args(args)
            .success()
            .run()
            .stdout
            .split("\r\n")
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(|u| u.split('@').next().unwrap().to_string())
            .collect()
    };
    let set = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        uids(&["--group", "ARC"]),
        set(&["SEC-24-S2", "SEC-24-COORD", "ARC-24-S1", "ARC-24-S2"])
    );
    assert_eq!(uids(&["--person", "Wei Zhou"]), set(&["SEC-24-S2"]));
    assert_eq!(
        uids(&["--person", "Phil Hawkes"]),
        set(&["SEC-24-S2", "SEC-24-S3"])
    );
    assert_eq!(
        uids(&["--person", "Francois"]),
        set(&["SEC-24-S1", "SEC-24-S2", "SEC-24-COORD", "SEC-24-S3"])
    );
    assert_eq!(uids(&["--session", "S1"]), set(&["SEC-24-S1", "ARC-24-S1"]));
    assert_eq!(
        uids(&["--session", "SEC#24/S1,S3"]),
        set(&["SEC-24-S1", "SEC-24-S3"])
    );
    assert_eq!(
        uids(&["--kind", "joint,coordination"]),
        set(&["SEC-24-S2", "SEC-24-COORD"])
    );
    assert_eq!(
        uids(&["--group", "SEC", "--kind", "break-out"]),
        set(&["SEC-24-S1", "SEC-24-S3"])
    );

    ics()
        .arg("ics")
        .args(week)
        .args(["--group", "SECC"])
        .status(2)
        .stderr_contains("no group `SECC` in the week; did you mean `SEC`?")
        .run();
    ics()
        .arg("ics")
        .args(week)
        .args(["--kind", "joint-session"])
        .status(2)
        .run();
    // Nothing matches: no empty calendar.
    ics()
        .arg("ics")
        .args(week)
        .args([
            "--person",
            "Karen Hughes",
            "--group",
            "ARC",
            "--kind",
            "break-out",
        ])
        .status(1)
        .run();
}

#[test]
fn publish_has_no_attendees_and_request_invites_people_and_lists() {
    let week = ["tests/ics/week-sec.toml", "tests/ics/week-arc.toml"];
    let run = |method: &str| {
        ics()
            .arg("ics")
            .args(week)
            .args(["--session", "SEC#24/S2", "--method", method])
            .success()
            .run()
            .stdout
            .replace("\r\n ", "")
    };
    let publish = run("publish");
    assert!(publish.contains("METHOD:PUBLISH\r\n"));
    assert!(
        publish.contains("ORGANIZER;CN=Francois Ennesser:mailto:francois.ennesser@example.com\r\n")
    );
    assert!(!publish.contains("ATTENDEE"));
    assert!(publish.contains("URL:https://docs.example.org/SEC/SEC-2016-0001.zip\r\n"));
    assert!(publish.contains("CATEGORIES:SEC,ARC,joint\r\n"));
    assert!(publish.contains("STATUS:CONFIRMED\r\n"));
    // The title names both groups: nothing is added to it.
    assert!(
        publish.contains("SUMMARY:SEC#24 Joint SEC/ARC\r\n"),
        "{publish}"
    );
    assert!(publish.contains("LOCATION:Main room\\, Montreal\\, Canada\r\n"));
    assert!(publish.contains("SEC-2016-0142R01 Dynamic authorization\\, \"DAS\"\\; comments\\, fixes (Huawei\\, CATT) <https://docs.example.org/SEC/SEC-2016-0142R01.zip>"));

    let request = run("request");
    assert!(request.contains("METHOD:REQUEST\r\n"));
    for attendee in [
        "ATTENDEE;CN=Francois Ennesser;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:francois.ennesser@example.com",
        "ATTENDEE;CN=Karen Hughes;CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:karen.hughes@example.org",
        "ATTENDEE;CN=Wei Zhou;CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:wei.zhou@example.com",
        "ATTENDEE;CN=Security;CUTYPE=GROUP;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:sec@lists.example.org",
        "ATTENDEE;CN=Architecture;CUTYPE=GROUP;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:arc@lists.example.org",
    ] {
        assert!(
            request.contains(&format!("{attendee}\r\n")),
            "missing {attendee}\n{request}"
        );
    }

    // An invitation needs the chair's address.
    let dir = tempfile::tempdir().unwrap();
    let (file, line) = chair_without_email(dir.path());
    ics()
        .arg("ics")
        .arg(&file)
        .args(["--method", "request"])
        .status(1)
        .stderr_contains("needs the chair's e-mail address")
        .stderr_contains(format!("no-email.toml:{line}:"))
        .run();
}

/// A copy of the Kolkata fixture whose chair has no e-mail address, and the
/// line of the chair's `[[people]]` name in it.
fn chair_without_email(dir: &Path) -> (PathBuf, usize) {
    let file = dir.join("no-email.toml");
    edit(
        &root().join("tests/zones/kolkata-2016.toml"),
        &file,
        &[("email = \"ann.chair@example.org\"\n", "")],
    );
    let line = fs::read_to_string(&file)
        .unwrap()
        .lines()
        .position(|l| l == "name = \"Ann Chair\"")
        .unwrap()
        + 1;
    (file, line)
}

#[test]
fn output_is_reproducible_and_uids_are_stable() {
    let run = |epoch: &str| {
        ics()
            .env("SOURCE_DATE_EPOCH", epoch)
            .args(["ics", "schedules/sec-10-berlin.toml"])
            .success()
            .run()
            .stdout
    };
    assert_eq!(run("1000"), run("1000"));
    let (a, b) = (run("1000"), run("2000000000"));
    assert_ne!(a, b);
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("DTSTAMP"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&a), strip(&b), "only DTSTAMP depends on the time");
    assert!(a.contains("DTSTAMP:19700101T001640Z\r\n"));
    assert!(a.contains("UID:SEC-10.0-S1@sec.onem2m.example\r\n"));
    ics()
        .env("SOURCE_DATE_EPOCH", "soon")
        .args(["ics", "schedules/sec-10-berlin.toml"])
        .status(2)
        .stderr_contains("SOURCE_DATE_EPOCH")
        .run();
}

#[test]
fn the_seed_calendar_is_pinned() {
    let text = ics()
        .args([
            "ics",
            "schedules/sec-10-berlin.toml",
            "--session",
            "S2,JOINT-PRO",
        ])
        .success()
        .run()
        .stdout;
    insta::assert_snapshot!(text.replace("\r\n", "\n"));
}

/// Replaces `from` with `to` in a copy of `src`, written to `dst`.
fn edit(src: &Path, dst: &Path, edits: &[(&str, &str)]) {
    let mut text = fs::read_to_string(src).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    fs::write(dst, text).unwrap();
    crate::support::notices_beside(dst);
}

/// The seed with S2 moved an hour, S3 in another room, S4 renamed and S6 dropped.
fn changed_seed(dir: &Path) -> (PathBuf, PathBuf) {
    let seed = root().join("schedules/sec-10-berlin.toml");
    // S2 moves an hour, S3 changes room, S4 is renamed, S6 is dropped.
    let changed = dir.join("changed.toml");
    edit(
        &seed,
        &changed,
        &[
            ("time = \"08:00-12:00\"", "time = \"09:00-12:00\""),
            (
                "day = 2014-04-09\ntime = \"09:00-10:15\"\nroom = \"Break-out\"",
                "day = 2014-04-09\ntime = \"09:00-10:15\"\nroom = \"Main room\"",
            ),
            (
                "title = \"Session S4\"",
                "title = \"Session S4 and TR-0008\"",
            ),
            (
                "[[sessions]]\nid = \"S6\"",
                "[[sessions]]\nid = \"S6-GONE\"",
            ),
        ],
    );
    let text = fs::read_to_string(&changed).unwrap();
    let s6 = text.find("id = \"S6-GONE\"").unwrap();
    let start = text[..s6].rfind("[[sessions]]").unwrap();
    let end = s6 + text[s6..].find("# ---").unwrap();
    fs::write(&changed, format!("{}{}", &text[..start], &text[end..])).unwrap();

    (seed, changed)
}

#[test]
fn previous_raises_sequence_of_changed_sessions_and_cancels_gone_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (seed, changed) = changed_seed(dir.path());
    let v1 = dir.path().join("v1.ics");
    ics_to(std::slice::from_ref(&seed), &[], &v1);

    let v2 = dir.path().join("v2.ics");
    ics()
        .arg("ics")
        .arg(&changed)
        .arg("--previous")
        .arg(&v1)
        .arg("-o")
        .arg(&v2)
        .success()
        .stderr_contains("0 new, 2 moved, 1 renamed, 1 cancelled, 4 unchanged")
        .run();
    // Without --method, a feed stays a feed, its cancellation among its events.
    let feed = unfolded(&fs::read_to_string(&v2).unwrap());
    assert_eq!(one(&feed, "METHOD"), "PUBLISH");
    assert!(props(&feed, "ATTENDEE").is_empty());

    let read = consumers(std::slice::from_ref(&v2));
    for (parser, events) in &read[&v2.to_string_lossy().to_string()] {
        let by: BTreeMap<&str, &Value> = events
            .iter()
            .map(|e| (e["uid"].as_str().unwrap(), e))
            .collect();
        let seq = |s: &str| {
            by[format!("SEC-10.0-{s}@sec.onem2m.example").as_str()]["sequence"]
                .as_i64()
                .unwrap()
        };
        let status = |s: &str| {
            by[format!("SEC-10.0-{s}@sec.onem2m.example").as_str()]["status"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            (seq("S1"), seq("S2"), seq("S3"), seq("S4"), seq("S6")),
            (0, 1, 1, 1, 1),
            "{parser}"
        );
        assert_eq!(status("S6"), "CANCELLED", "{parser}");
        assert_eq!(status("S5"), "TENTATIVE", "{parser}");
        assert_eq!(
            by["SEC-10.0-S6@sec.onem2m.example"]["start"], "2014-04-11T08:45:00Z",
            "{parser}: the cancellation names the old time"
        );
    }

    // Nothing changed since v2: every SEQUENCE is kept, the cancellation stays.
    let v3 = dir.path().join("v3.ics");
    ics()
        .arg("ics")
        .arg(&changed)
        .arg("--previous")
        .arg(&v2)
        .arg("-o")
        .arg(&v3)
        .stderr_contains("0 new, 0 moved, 0 renamed, 0 cancelled, 7 unchanged")
        .run();
    let strip = |p: &Path| fs::read_to_string(p).unwrap();
    assert_eq!(strip(&v2), strip(&v3));
}

/// The addresses of the ATTENDEEs of an invitation or cancellation, with
/// their CN and ROLE (what a cancellation repeats; PARTSTAT and RSVP are
/// the invitation's alone).
fn invited(lines: &[String]) -> BTreeSet<String> {
    props(lines, "ATTENDEE")
        .into_iter()
        .map(|a| {
            let params: Vec<&str> = a[..a.len() - value(a).len() - 1]
                .split(';')
                .filter(|p| p.starts_with("CN=") || p.starts_with("ROLE="))
                .collect();
            format!("{} {}", params.join(";"), value(a))
        })
        .collect()
}

#[test]
fn each_gone_invitation_is_cancelled_by_its_own_cancel_message() {
    let dir = tempfile::tempdir().unwrap();
    let (seed, changed) = changed_seed(dir.path());
    let r1 = dir.path().join("r1");
    let sent = invite_to(std::slice::from_ref(&seed), &[], &r1);
    assert_eq!(sent.len(), 8);
    let r2 = dir.path().join("r2");
    ics()
        .arg("ics")
        .arg(&changed)
        .args(["--method", "request", "--previous"])
        .arg(&r1)
        .arg("-o")
        .arg(&r2)
        .success()
        .stderr_contains(format!(
            "{}: cancellation, cancelled (SEQUENCE 1)",
            r2.join("SEC-10.0-S6.ics").display()
        ))
        .stderr_contains(format!(
            "{}: update, moved (SEQUENCE 1)",
            r2.join("SEC-10.0-S2.ics").display()
        ))
        .stderr_contains("0 new, 2 moved, 1 renamed, 1 cancelled, 4 unchanged")
        .run();
    let before: BTreeMap<String, Vec<String>> = sent
        .iter()
        .map(|(p, t)| (p.file_name().unwrap().to_string_lossy().into(), unfolded(t)))
        .collect();
    let after: BTreeMap<String, Vec<String>> = folder(&r2)
        .iter()
        .map(|(p, t)| (p.file_name().unwrap().to_string_lossy().into(), unfolded(t)))
        .collect();
    // The same names: S6's file now cancels it; no `.cancel.ics` companion.
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for (name, lines) in &after {
        let seq = |l: &[String]| one(l, "SEQUENCE").parse::<u32>().unwrap();
        let (old, new) = (seq(&before[name]), seq(lines));
        assert_eq!(
            lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
            1,
            "{name}"
        );
        assert_eq!(one(lines, "UID"), one(&before[name], "UID"), "{name}");
        assert_eq!(
            one(lines, "ORGANIZER"),
            "mailto:francois.ennesser@gemalto.com",
            "{name}"
        );
        match name.as_str() {
            "SEC-10.0-S6.ics" => {
                assert_eq!(one(lines, "METHOD"), "CANCEL");
                assert_eq!(one(lines, "STATUS"), "CANCELLED");
                assert!(new > old, "{name}: SEQUENCE {old} -> {new}");
                // Everyone invited hears of the cancellation.
                assert_eq!(invited(lines), invited(&before[name]));
                assert_eq!(invited(lines).len(), 2, "{lines:#?}");
                assert!(!props(lines, "ATTENDEE").iter().any(|a| a.contains("RSVP")));
            }
            changed @ ("SEC-10.0-S2.ics" | "SEC-10.0-S3.ics" | "SEC-10.0-S4.ics") => {
                assert_eq!(one(lines, "METHOD"), "REQUEST", "{changed}");
                assert_eq!(new, old + 1, "{changed}");
            }
            _ => {
                assert_eq!(one(lines, "METHOD"), "REQUEST", "{name}");
                assert_eq!(new, old, "{name}");
                assert_ne!(one(lines, "STATUS"), "CANCELLED");
            }
        }
    }
    let cancel = r2.join("SEC-10.0-S6.ics");
    let read = consumers(std::slice::from_ref(&cancel));
    for (parser, events) in &read[&cancel.to_string_lossy().to_string()] {
        assert_eq!(events.len(), 1, "{parser}");
        let e = &events[0];
        assert_eq!(
            (&e["method"], &e["status"], &e["sequence"]),
            (&"CANCEL".into(), &"CANCELLED".into(), &1.into()),
            "{parser}"
        );
        assert_eq!(
            e["start"], "2014-04-11T08:45:00Z",
            "{parser}: the cancellation names the old time"
        );
    }
}

#[test]
fn previous_that_is_not_a_calendar_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("old.ics");
    fs::write(&bad, "hello\n").unwrap();
    ics()
        .args(["ics", "schedules/sec-10-berlin.toml", "--previous"])
        .arg(&bad)
        .status(2)
        .stderr_contains("not an iCalendar file")
        .run();
    ics()
        .args([
            "ics",
            "schedules/sec-10-berlin.toml",
            "--previous",
            "no/such.ics",
        ])
        .status(2)
        .run();
}

#[test]
fn output_replaces_atomically_and_survives_failures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cal.ics");
    fs::write(&out, "old calendar").unwrap();
    ics()
        .args(["ics", "tests/bad/dst-gap.toml", "-o"])
        .arg(&out)
        .status(1)
        .run();
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "old calendar",
        "a failed run leaves the old output"
    );
    let text = ics_to(&["schedules/sec-10-berlin.toml".into()], &[], &out);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn khal_imports_the_calendars() {
    let dir = tempfile::tempdir().unwrap();
    let cal = dir.path().join("calendars").join("agendum");
    fs::create_dir_all(&cal).unwrap();
    let config = dir.path().join("khal.conf");
    fs::write(
        &config,
        format!(
            "[calendars]\n[[agendum]]\npath = {}\ntype = calendar\n\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n\
             longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\
             local_timezone = UTC\ndefault_timezone = UTC\n\n[default]\ndefault_calendar = agendum\n",
            cal.display()
        ),
    )
    .unwrap();
    let khal = |args: &[&str]| {
        let o = Command::new(consumers::khal())
            .arg("-c")
            .arg(&config)
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .env("TZ", "UTC")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(o.status.success(), "khal {args:?}: {text}");
        text
    };
    let mut files = 0;
    for (name, inputs) in [
        ("seed", vec!["schedules/sec-10-berlin.toml"]),
        (
            "week",
            vec!["tests/ics/week-sec.toml", "tests/ics/week-arc.toml"],
        ),
        (
            "zones",
            vec![
                "tests/zones/berlin-2016.toml",
                "tests/zones/toronto-2016.toml",
            ],
        ),
    ] {
        let out = dir.path().join(format!("{name}.ics"));
        let inputs: Vec<PathBuf> = inputs.into_iter().map(PathBuf::from).collect();
        ics_to(&inputs, &[], &out);
        let text = khal(&["import", "--batch", out.to_str().unwrap()]);
        assert!(!text.to_lowercase().contains("error"), "{text}");
        files += expected(&inputs).len();
    }
    assert_eq!(
        fs::read_dir(&cal).unwrap().count(),
        files,
        "one event file per session"
    );
    let list = khal(&["list", "2014-04-07", "5d"]);
    assert!(
        list.contains("13:45-15:00 SEC#10.0 Session S1 ::"),
        "{list}"
    );
    assert!(
        list.contains("06:00-10:00 SEC#10.0 Super Session S2 ::"),
        "{list}"
    );
}

#[test]
fn two_sessions_with_one_uid_are_refused_naming_the_second() {
    // `S/1` and `S:1` are different session ids, but a UID keeps only
    // letters, digits, `.`, `-` and `_`, so both would become `...-S-1@...`
    // and a client would drop one of the two events.
    let dir = tempfile::tempdir().unwrap();
    let week = dir.path().join("week.toml");
    edit(
        &root().join("schedules/sec-10-berlin.toml"),
        &week,
        &[
            ("id = \"S1\"", "id = \"S/1\""),
            ("id = \"S2\"", "id = \"S:1\""),
        ],
    );
    let out = dir.path().join("week.ics");
    let err = ics()
        .args(["ics"])
        .arg(&week)
        .arg("-o")
        .arg(&out)
        .status(1)
        .run()
        .stderr;
    assert!(
        err.contains("error[duplicate-id]: two sessions get the calendar UID `SEC-10.0-S-1@sec.onem2m.example`"),
        "{err}"
    );
    // The second session is the one pointed at, with its line.
    let line = fs::read_to_string(&week)
        .unwrap()
        .lines()
        .position(|l| l.contains("\"S:1\""))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("week.toml:{line}:")), "{err}");
    assert_eq!(err.matches("duplicate-id").count(), 1, "{err}");
    assert!(!out.exists(), "no calendar is written");
}

#[test]
fn request_writes_one_invitation_per_session_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let invites = dir.path().join("invites");
    let out = ics()
        .args([
            "ics",
            "schedules/sec-10-berlin.toml",
            "--method",
            "request",
            "-o",
        ])
        .arg(&invites)
        .success()
        .stderr_contains(format!("8 invitations written to {}", invites.display()))
        .run();
    assert_eq!(out.stdout, "");
    let files = folder(&invites);
    let names: Vec<String> = files
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["COORD", "JOINT-PRO", "S1", "S2", "S3", "S4", "S5", "S6"]
            .map(|s| format!("SEC-10.0-{s}.ics"))
    );
    for ((path, text), name) in files.iter().zip(&names) {
        check_text(name, text);
        let lines = unfolded(text);
        assert_eq!(one(&lines, "METHOD"), "REQUEST", "{name}");
        assert_eq!(
            lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
            1,
            "{name}"
        );
        assert_eq!(
            one(&lines, "UID"),
            format!("{}@sec.onem2m.example", name.trim_end_matches(".ics")),
            "{}",
            path.display()
        );
        assert_eq!(
            props(&lines, "ORGANIZER"),
            ["ORGANIZER;CN=Francois Ennesser:mailto:francois.ennesser@gemalto.com"],
            "{name}"
        );
        assert_eq!(
            props(&lines, "ATTENDEE"),
            [
                "ATTENDEE;CN=Francois Ennesser;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:francois.ennesser@gemalto.com",
                "ATTENDEE;CN=Karen Hughes;CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:karen.hughes@etsi.org",
            ],
            "{name}"
        );
    }
}

#[test]
fn one_invitation_goes_to_standard_output() {
    let text = ics()
        .args([
            "ics",
            "schedules/sec-10-berlin.toml",
            "--method",
            "request",
            "--session",
            "S2",
        ])
        .success()
        .run()
        .stdout;
    check_text("S2", &text);
    let lines = unfolded(&text);
    assert_eq!(one(&lines, "METHOD"), "REQUEST");
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    assert_eq!(one(&lines, "UID"), "SEC-10.0-S2@sec.onem2m.example");
    assert_eq!(props(&lines, "ATTENDEE").len(), 2, "{text}");
}

#[test]
fn several_invitations_need_a_folder() {
    // Without -o: standard output holds one invitation only.
    let out = ics()
        .args(["ics", "schedules/sec-10-berlin.toml", "--method", "request"])
        .status(1)
        .stderr_contains("agendum ics: 8 invitations, one per session")
        .stderr_contains("pass -o FOLDER")
        .run();
    assert_eq!(out.stdout, "");

    // -o naming a file: refused before anything is written.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("invite.ics");
    ics()
        .args(["ics", "schedules/sec-10-berlin.toml", "--method", "request", "-o"])
        .arg(&file)
        .status(2)
        .stderr_contains(format!(
            "agendum ics: -o {} names a file, but invitations are one file per session (this is 8); name a folder (e.g. -o invites), or pick one session with --session",
            file.display()
        ))
        .run();
    assert!(!file.exists(), "neither a file nor a folder is made");
    // One session's invitation may go to a file.
    ics()
        .args([
            "ics",
            "schedules/sec-10-berlin.toml",
            "--method",
            "request",
            "--session",
            "S2",
            "-o",
        ])
        .arg(&file)
        .success()
        .run();
    let one = fs::read_to_string(&file).unwrap();
    assert_eq!(one.matches("BEGIN:VEVENT").count(), 1);
    assert!(one.contains("\r\nMETHOD:REQUEST\r\n") && one.contains("UID:SEC-10.0-S2@"));
    fs::remove_file(&file).unwrap();
    // An existing file, whatever its name, is not a folder either.
    let notes = dir.path().join("notes");
    fs::write(&notes, "mine").unwrap();
    ics()
        .args([
            "ics",
            "schedules/sec-10-berlin.toml",
            "--method",
            "request",
            "-o",
        ])
        .arg(&notes)
        .status(2)
        .stderr_contains("names a file")
        .run();
    assert_eq!(fs::read_to_string(&notes).unwrap(), "mine");
    // A folder that exists may end in .ics.
    let odd = dir.path().join("odd.ics");
    fs::create_dir(&odd).unwrap();
    assert_eq!(
        invite_to(&["schedules/sec-10-berlin.toml".into()], &[], &odd).len(),
        8
    );
}

#[test]
fn previous_keeps_the_method_it_was_sent_with() {
    let dir = tempfile::tempdir().unwrap();
    let (seed, changed) = changed_seed(dir.path());
    let invites = dir.path().join("invites");
    invite_to(std::slice::from_ref(&seed), &[], &invites);

    // Invitations cannot be turned into a feed: the attendees would be dropped.
    let feed = dir.path().join("feed.ics");
    ics()
        .arg("ics")
        .arg(&changed)
        .args(["--method", "publish", "--previous"])
        .arg(&invites)
        .arg("-o")
        .arg(&feed)
        .status(1)
        .stderr_contains(format!(
            "agendum ics: {} is an invitation (METHOD:REQUEST); pass --method request (or leave --method out) to update it",
            invites.display()
        ))
        .run();
    assert!(!feed.exists());

    // Nor a feed into invitations.
    let v1 = dir.path().join("v1.ics");
    ics_to(std::slice::from_ref(&seed), &[], &v1);
    let folder_of_v1 = dir.path().join("from-feed");
    ics()
        .arg("ics")
        .arg(&changed)
        .args(["--method", "request", "--previous"])
        .arg(&v1)
        .arg("-o")
        .arg(&folder_of_v1)
        .status(1)
        .stderr_contains(format!(
            "agendum ics: {} is a feed (METHOD:PUBLISH); pass --method publish (or leave --method out) to update it",
            v1.display()
        ))
        .run();
    assert!(!folder_of_v1.exists());

    // Without --method, the folder of invitations is updated in place as
    // invitations (README: `--previous invites -o invites`).
    ics()
        .arg("ics")
        .arg(&changed)
        .arg("--previous")
        .arg(&invites)
        .arg("-o")
        .arg(&invites)
        .success()
        .stderr_contains("0 new, 2 moved, 1 renamed, 1 cancelled, 4 unchanged")
        .run();
    let files = folder(&invites);
    assert_eq!(files.len(), 8);
    for (path, text) in &files {
        let lines = unfolded(text);
        let cancelled = path.ends_with("SEC-10.0-S6.ics");
        assert_eq!(
            one(&lines, "METHOD"),
            if cancelled { "CANCEL" } else { "REQUEST" },
            "{}",
            path.display()
        );
        assert!(!props(&lines, "ATTENDEE").is_empty(), "{}", path.display());
    }
    let s2 = unfolded(&fs::read_to_string(invites.join("SEC-10.0-S2.ics")).unwrap());
    assert_eq!(one(&s2, "SEQUENCE"), "1");

    // One invitation file is a previous calendar too.
    let text = ics()
        .arg("ics")
        .arg(&changed)
        .args(["--session", "S2", "--previous"])
        .arg(invites.join("SEC-10.0-S2.ics"))
        .success()
        .stderr_contains("0 new, 0 moved, 0 renamed, 0 cancelled, 1 unchanged")
        .run()
        .stdout;
    let lines = unfolded(&text);
    assert_eq!(one(&lines, "METHOD"), "REQUEST");
    assert_eq!(one(&lines, "SEQUENCE"), "1");
}

/// The SUMMARY of every event of `agendum ics ARGS`, in order.
fn summaries(args: &[&str]) -> Vec<String> {
    let text = ics().arg("ics").args(args).success().run().stdout;
    props(&unfolded(&text), "SUMMARY")
        .into_iter()
        .map(|l| value(l).to_string())
        .collect()
}

/// The meeting files of the TP week, in name order.
fn tp_week() -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(root().join("schedules/tp-week"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    files
}

#[test]
fn summaries_are_in_the_chairs_words() {
    let seed = summaries(&["schedules/sec-10-berlin.toml"]);
    for want in [
        // A title, as the file gives it.
        "SEC#10.0 Super Session S2",
        "SEC#10.0 Session S1",
        // A joint session's title that does not name every group gets them.
        "SEC#10.0 Protocols joint session (SEC/PRO)",
    ] {
        assert!(seed.iter().any(|s| s == want), "{want} in {seed:#?}");
    }
    let week = tp_week();
    let mut args: Vec<&str> = week.iter().map(String::as_str).collect();
    args.extend(["--group", "SEC"]);
    let sec = summaries(&args);
    for want in [
        // No title: a joint session is named by its groups, a break-out by its id.
        "SEC#24 SEC/ARC/PRO joint session",
        "SEC#24 SEC/MAS joint session",
        "REQ#24 REQ/SEC joint session",
        "SEC#24 Session S1",
        "TP#24 Opening plenary",
    ] {
        assert!(sec.iter().any(|s| s == want), "{want} in {sec:#?}");
    }
    // The kind is in CATEGORIES, never appended to the summary.
    for s in seed.iter().chain(&sec) {
        for kind in ["break-out", "joint", "plenary", "coordination"] {
            assert!(!s.ends_with(&format!("({kind})")), "{s}");
        }
    }
    // No title, another kind: its label and id.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("week-sec.toml");
    edit(
        &root().join("tests/ics/week-sec.toml"),
        &file,
        &[("title = \"All WGs coordination\"\n", "")],
    );
    let untitled = summaries(&[file.to_str().unwrap(), "--session", "COORD"]);
    assert_eq!(untitled, ["SEC#24 Coordination COORD"]);
}

#[test]
fn events_are_in_time_order() {
    let week = tp_week();
    let run = |files: &[&str], extra: &[&str]| -> Vec<(String, String)> {
        let text = ics()
            .arg("ics")
            .args(files)
            .args(["--group", "SEC"])
            .args(extra)
            .success()
            .run()
            .stdout;
        let lines = unfolded(&text);
        let starts = props(&lines, "DTSTART");
        let uids = props(&lines, "UID");
        // The VTIMEZONE's observances have DTSTARTs too: the events' are the last ones.
        let starts = &starts[starts.len() - uids.len()..];
        starts
            .iter()
            .zip(uids)
            .map(|(s, u)| (s.to_string(), value(u).to_string()))
            .collect()
    };
    let files: Vec<&str> = week.iter().map(String::as_str).collect();
    let zoned = run(&files, &[]);
    assert!(zoned.len() > 5, "{zoned:#?}");
    assert_eq!(
        zoned[0].1, "TP-24-OPEN@agendum.invalid",
        "the opening plenary first"
    );
    // One zone, so the local times compare as text.
    assert!(
        zoned
            .iter()
            .all(|(s, _)| s.starts_with("DTSTART;TZID=America/Toronto:")),
        "{zoned:#?}"
    );
    assert!(zoned.windows(2).all(|w| w[0].0 <= w[1].0), "{zoned:#?}");
    // The same instants in UTC, the same order; and the order of the files does not matter.
    let utc = run(&files, &["--utc"]);
    assert!(utc.windows(2).all(|w| w[0].0 <= w[1].0), "{utc:#?}");
    let order = |v: &[(String, String)]| v.iter().map(|(_, u)| u.clone()).collect::<Vec<_>>();
    assert_eq!(order(&utc), order(&zoned));
    let reversed: Vec<&str> = files.iter().rev().copied().collect();
    assert_eq!(order(&run(&reversed, &[])), order(&zoned));
}

#[test]
fn a_placeholder_calendar_domain_is_warned_about() {
    let out = ics()
        .args(["ics", "schedules/sec-10-berlin.toml"])
        .success()
        .stderr_contains("warning[placeholder-domain]: meeting SEC#10.0 leaves calendar_domain at the placeholder `sec.onem2m.example`")
        .stderr_contains("schedules/sec-10-berlin.toml:8:6")
        .stderr_contains("field: meeting.calendar_domain")
        .run();
    assert!(
        out.stdout
            .contains("UID:SEC-10.0-S1@sec.onem2m.example\r\n"),
        "the calendar is still written"
    );
    ics()
        .args(["ics", "schedules/sec-24-montreal.toml"])
        .success()
        .stderr_contains("warning[placeholder-domain]: meeting SEC#24 sets no calendar_domain, so its UIDs end in @agendum.invalid")
        .run();

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.toml");
    for (domain, warned) in [
        ("sec.onem2m.org", false),
        ("etsi.org", false),
        ("x.invalid", true),
        ("agendum.test", true),
        ("example.org", true),
        ("lists.example.com", true),
        ("localhost", true),
    ] {
        edit(
            &root().join("schedules/sec-10-berlin.toml"),
            &file,
            &[(
                "calendar_domain = \"sec.onem2m.example\"",
                &format!("calendar_domain = \"{domain}\""),
            )],
        );
        let out = ics().arg("ics").arg(&file).success().run();
        assert_eq!(
            out.stderr.contains("placeholder-domain"),
            warned,
            "{domain}: {}",
            out.stderr
        );
        assert!(
            out.stdout
                .contains(&format!("UID:SEC-10.0-S1@{domain}\r\n"))
        );
    }
}

#[test]
fn a_chair_without_an_address_stops_a_feed() {
    let dir = tempfile::tempdir().unwrap();
    let (file, line) = chair_without_email(dir.path());
    let out = dir.path().join("feed.ics");
    let run = ics()
        .arg("ics")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .status(1)
        .stderr_contains("error[missing-field]: every event of a published calendar names its organizer (RFC 5546), the chair, by e-mail address, and Ann Chair has none")
        .stderr_contains(format!("no-email.toml:{line}:8"))
        .stderr_contains("field: people[].email")
        .run();
    // One error for the chair, not one per session.
    assert_eq!(
        run.stderr.matches("error[missing-field]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "no calendar is written");
    ics().arg("ics").arg(&file).status(1).stdout("").run();
}
