//! Hostile text in every free-text field (tests/hostile/hostile.toml: titles,
//! names, room names, sources, remarks, notes, wording, venues) goes through
//! every output and stays text there:
//! - iCalendar: CR/LF, `END:VEVENT` and `BEGIN:VALARM` add no property and no
//!   component (read back by Python `icalendar` and counted line by line);
//! - HTML: `<script>`, `"><img onerror=...>` and `javascript:` links are
//!   text; headless Chromium runs no script; document links are http(s) and
//!   percent-encoded;
//! - Markdown: no raw HTML and no link made from the input;
//! - docx: XML specials and control characters stay text and python-docx opens it;
//! - terminal: no raw ESC (0x1b) byte reaches stdout or stderr.
//!
//! No command writes CSV or a spreadsheet, so there is no export in which a
//! cell starting with `=`, `+`, `-` or `@` could become a formula.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Test, agendum, consumers};

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/hostile.toml");

/// `agendum ARGS` at a fixed time.
fn at_a_fixed_time(args: &[&str]) -> Test {
    agendum().env("SOURCE_DATE_EPOCH", "1400000000").args(args)
}

/// The standard output of `agendum ARGS`, which must succeed.
fn ok(args: &[&str]) -> String {
    at_a_fixed_time(args).success().run().stdout
}

/// Lines of an iCalendar text with folding undone (RFC 5545 3.1).
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn ics_text_cannot_add_properties_or_components() {
    let dir = tempfile::tempdir().unwrap();
    // Two sessions: two events in a feed, one event in each of two
    // invitations (SEC-99-S1.ics holds the hostile title).
    let mut calendars: Vec<(String, usize, bool)> = Vec::new();
    for extra in [&[][..], &["--utc"]] {
        let mut args = vec!["ics", HOSTILE];
        args.extend_from_slice(extra);
        calendars.push((ok(&args), 2, true));
    }
    let invites = dir.path().join("invites");
    at_a_fixed_time(&["ics", HOSTILE, "--method", "request", "-o"])
        .arg(&invites)
        .success()
        .run();
    for session in ["S1", "S2"] {
        let text = std::fs::read_to_string(invites.join(format!("SEC-99-{session}.ics"))).unwrap();
        calendars.push((text, 1, session == "S1"));
    }
    assert_eq!(std::fs::read_dir(&invites).unwrap().count(), 2);
    let mut files = Vec::new();
    for (i, (text, events, titled)) in calendars.into_iter().enumerate() {
        // Counted by hand: one event per session, nothing else.
        let lines = unfold(&text);
        let count = |l: &str| lines.iter().filter(|x| x.as_str() == l).count();
        assert_eq!(count("BEGIN:VEVENT"), events, "{text}");
        assert_eq!(count("END:VEVENT"), events, "{text}");
        assert_eq!(count("BEGIN:VCALENDAR"), 1);
        for line in &lines {
            assert!(
                !line.starts_with("BEGIN:VALARM")
                    && !line.starts_with("END:VALARM")
                    && !line.starts_with("ACTION:")
                    && !line.starts_with("X-INJ"),
                "injected line: {line}"
            );
            let name_end = line.find([':', ';']).unwrap_or(0);
            assert!(
                name_end > 0
                    && line[..name_end]
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
                "not a content line: {line:?}"
            );
            assert!(
                !line.bytes().any(|b| b < 0x20 && b != b'\t'),
                "control character in {line:?}"
            );
        }
        let path = dir.path().join(format!("h{i}.ics"));
        std::fs::write(&path, text).unwrap();
        files.push((path, events, titled));
    }
    // A real consumer reads the same: one VEVENT per session, no VALARM, and
    // the hostile text whole inside SUMMARY, LOCATION and DESCRIPTION.
    let paths: Vec<PathBuf> = files.iter().map(|(p, ..)| p.clone()).collect();
    let parsed: serde_json::Value =
        consumers::read_json(&consumers::python(&["icalendar"]), "count_ics.py", &paths);
    let parsed = parsed.as_array().unwrap();
    assert_eq!(parsed.len(), files.len());
    for (file, (_, events, titled)) in parsed.iter().zip(&files) {
        let components = &file["components"];
        assert_eq!(components["VEVENT"], *events, "{file}");
        assert!(components.get("VALARM").is_none(), "{file}");
        for ev in file["events"].as_array().unwrap() {
            let props: Vec<&str> = ev["properties"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            assert!(
                !props.contains(&"ACTION") && !props.iter().any(|p| p.starts_with("X-INJ")),
                "{props:?}"
            );
            let location = ev["location"].as_str().unwrap();
            assert!(
                location.contains("room") && location.contains("END:VEVENT"),
                "{location}"
            );
        }
        // S1, the first session in time, holds the hostile title: first in
        // a feed, alone in its invitation (the other invitation is S2's).
        if !titled {
            continue;
        }
        let summary = file["events"][0]["summary"].as_str().unwrap();
        assert!(
            summary.contains("session.title") && summary.contains("BEGIN:VALARM"),
            "{summary}"
        );
        let description = file["events"][0]["description"].as_str().unwrap();
        assert!(description.contains("contribution.title"), "{description}");
    }
}

/// Every HTML document agendum writes from the hostile file.
fn html_documents() -> Vec<(String, String)> {
    let variants: [&[&str]; 4] = [&[], &["--report"], &["--open"], &["--week"]];
    variants
        .iter()
        .map(|extra| {
            let mut args = vec!["render", HOSTILE, "--format", "html"];
            args.extend_from_slice(extra);
            (format!("{extra:?}"), ok(&args))
        })
        .collect()
}

#[test]
fn html_scripts_handlers_and_javascript_links_are_text() {
    for (name, html) in html_documents() {
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{name}: a script tag");
        assert!(!lower.contains("<img"), "{name}: an img tag");
        // No tag agendum wrote carries a handler or a javascript: URL.
        for tag in lower.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or_default();
            assert!(
                !tag.contains("onerror") && !tag.contains("javascript:"),
                "{name}: <{tag}>"
            );
        }
        assert!(!lower.contains("<!--"), "{name}: a comment opened by input");
        // The hostile text is there, escaped.
        assert!(html.contains("&lt;script&gt;"), "{name}");
        // Every link is http(s) or in-page; document links are encoded.
        let mut links = 0;
        for part in html.split("href=\"").skip(1) {
            let url = part.split('"').next().unwrap();
            assert!(
                url.starts_with("https://") || url.starts_with("http://") || url.starts_with('#'),
                "{name}: link {url}"
            );
            if url.starts_with("https://docs.example/") {
                links += 1;
                assert!(
                    url.contains("%3Cscript%3E") && url.contains("%22quote"),
                    "{name}: not percent-encoded: {url}"
                );
                assert!(!url.contains("&lt;") && !url.contains("&quot;"), "{url}");
            }
        }
        if name != "[\"--week\"]" && name != "[]" {
            continue;
        }
        assert!(links >= 1, "{name}: the document links are missing");
    }
}

#[test]
fn chromium_runs_no_script_from_the_input() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (name, html)) in html_documents().into_iter().enumerate() {
        let path = dir.path().join(format!("agenda{i}.html"));
        std::fs::write(&path, &html).unwrap();
        let out = Command::new(consumers::chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--dump-dom",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("file://{}", path.display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: chromium failed");
        let dom = String::from_utf8_lossy(&out.stdout);
        let title = dom
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or_default();
        assert!(
            title.starts_with("Agenda")
                || title.starts_with("Minutes")
                || title.starts_with("Open"),
            "{name}: the title changed: {title}"
        );
        assert!(!title.contains("pwned"), "{name}: a script ran");
        // The DOM holds no element the input tried to add.
        let lower = dom.to_lowercase();
        assert!(!lower.contains("<img"), "{name}: an img element");
        assert!(!lower.contains("<script"), "{name}: a script element");
        assert!(lower.contains("&lt;img src=x onerror="), "{name}: the text");
    }
}

#[test]
fn markdown_makes_no_html_and_no_link_from_the_input() {
    for extra in [&[][..], &["--report"][..], &["--open"][..]] {
        let mut args = vec!["render", HOSTILE, "--format", "markdown"];
        args.extend_from_slice(extra);
        let text = ok(&args);
        // What a Markdown reader acts on: the text with backslash escapes
        // taken out (an escaped `\<` or `\]` is a plain character).
        let mut md = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
                md.push('_');
            } else {
                md.push(c);
            }
        }
        assert!(!md.contains("<script"), "{md}");
        assert!(!md.contains("<img"), "{md}");
        assert!(!md.contains("](javascript:"), "{md}");
        for part in md.split("](").skip(1) {
            assert!(
                part.starts_with("<https://")
                    || part.starts_with("https://")
                    || part.starts_with('#'),
                "a link from the input: {}",
                &part[..part.len().min(60)]
            );
        }
        assert!(!md.contains('\u{1b}'));
    }
}

#[test]
fn docx_keeps_xml_specials_as_text_and_opens_in_python_docx() {
    let dir = tempfile::tempdir().unwrap();
    for (i, extra) in [&[][..], &["--report"][..], &["--open"][..], &["--week"][..]]
        .iter()
        .enumerate()
    {
        let path: PathBuf = dir.path().join(format!("h{i}.docx"));
        let mut args = vec!["render", HOSTILE, "--format", "docx", "-o"];
        let p = path.to_str().unwrap().to_string();
        args.push(&p);
        args.extend_from_slice(extra);
        ok(&args);
        let read = consumers::read_docx(&path);
        let all = read.to_string();
        // Specials come back as the characters typed, not as markup.
        assert!(
            all.contains("<script>document.title='pwned'</script>"),
            "{extra:?}"
        );
        assert!(all.contains("&amp; & < >"), "{extra:?}");
        assert!(all.contains("]]> <!-- -->"), "{extra:?}");
        assert!(
            !all.contains('\u{1b}'),
            "{extra:?}: a raw ESC in the document"
        );
        assert!(!all.contains('\u{1}'), "{extra:?}: a raw control character");
    }
}

/// The hostile file with an error whose message quotes hostile text (a
/// session in a room that does not exist).
fn broken(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(HOSTILE).unwrap();
    let text = text.replacen(
        "id = \"S2\"\nkind = \"break-out\"\nday = 2014-04-08\ntime = \"09:00-10:30\"\nroom = ",
        "id = \"S2\"\nkind = \"break-out\"\nday = 2014-04-08\ntime = \"09:00-10:30\"\nroom = \"\\u001b[2J\\u001b]0;owned\\u0007\\u009b31m\"\nnotes = [] # ",
        1,
    );
    let path = dir.join("broken.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn no_raw_escape_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let broken = broken(dir.path());
    let broken = broken.to_str().unwrap();
    let csv = dir.path().join("list.csv");
    std::fs::write(
        &csv,
        "TDoc,Title,Source,Agenda item,TDoc Status\nS3-240001,\"\u{1b}[31mred\u{1b}[0m \u{9b}2J\",\"Evil\u{1b}]0;x\u{7}\",1,available\n",
    )
    .unwrap();
    let copy = dir.path().join("m.toml");
    std::fs::copy(HOSTILE, &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let csv = csv.to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", HOSTILE],
        vec!["check", broken],
        vec!["check", "--format", "json", broken],
        vec!["render", HOSTILE],
        vec!["render", broken],
        vec!["render", HOSTILE, "--report"],
        vec!["render", HOSTILE, "--open"],
        vec!["render", HOSTILE, "--format", "markdown"],
        vec!["ics", broken],
        vec!["ics", HOSTILE, "--session", "\u{1b}[31mS9"],
        vec!["plan", HOSTILE],
        vec!["plan", broken],
        vec!["plan", "--format", "json", HOSTILE],
        vec![
            "import",
            csv,
            "--into",
            copy,
            "--format",
            "tdoc",
            "--dry-run",
        ],
        vec![
            "record",
            copy,
            "SEC-2014-0002",
            "noted",
            "--session",
            "S2",
            "--by",
            "\u{1b}[1mX",
            "--dry-run",
        ],
        vec![
            "record",
            copy,
            "--action",
            "\u{1b}[31mdo it",
            "--who",
            "\u{1b}]0;x\u{7}",
            "--dry-run",
        ],
    ];
    for args in &runs {
        // (The run fails if agendum crashed.)
        let out = at_a_fixed_time(args).run();
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !text.as_bytes().contains(&0x1b),
                "agendum {args:?}: raw ESC on {stream}: {text}"
            );
            assert!(
                !text.contains('\u{9b}') && !text.contains('\u{7}'),
                "agendum {args:?}: a C1 CSI or BEL on {stream}: {text}"
            );
        }
    }
}

/// Text that would end a TOML string and open a table if it were pasted
/// into a file rather than written as a value.
const TOML_BREAKER: &str = "x\"\n[[sessions]]\nid = \"EVIL\"\n# '''\"\"\" \\u0000 \\";

/// [`TOML_BREAKER`] on one line, as an id may be.
fn id_breaker() -> String {
    TOML_BREAKER.replace('\n', " ")
}

#[test]
fn import_and_record_write_hostile_text_as_values() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("m.toml");
    std::fs::copy(HOSTILE, &meeting).unwrap();
    let m = meeting.to_str().unwrap();
    let csv = dir.path().join("list.csv");
    let quoted = TOML_BREAKER.replace('"', "\"\"");
    std::fs::write(
        &csv,
        format!("TDoc,Title,Source,Agenda item,TDoc Status\nS3-240001,\"{quoted}\",\"{quoted}\",1,available\n"),
    )
    .unwrap();
    let out = ok(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        m,
        "--format",
        "tdoc",
    ]);
    assert!(!out.as_bytes().contains(&0x1b));
    ok(&[
        "record",
        m,
        "S3-240001",
        "noted",
        "--session",
        "S1",
        "--note",
        TOML_BREAKER,
    ]);
    // The file still loads, has no new session, and holds the text exactly.
    let text = std::fs::read_to_string(&meeting).unwrap();
    let source = agendum::load::source::Source::new("m.toml", text);
    let loaded = agendum::load::parse_meeting(&source, agendum::load::source::FileId(0)).unwrap();
    assert_eq!(loaded.sessions.len(), 2);
    let c = loaded
        .contributions
        .iter()
        .find(|c| c.number.as_str() == "S3-240001")
        .unwrap();
    assert_eq!(c.title, TOML_BREAKER);
    assert_eq!(
        c.history.last().unwrap().notes,
        vec![TOML_BREAKER.to_string()]
    );
    ok(&["check", m]);
}

#[test]
fn timetable_writes_hostile_names_as_toml_strings() {
    let dir = tempfile::tempdir().unwrap();
    let escape = |t: &str| {
        t.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    };
    let hostile = escape(TOML_BREAKER);
    // Names are ids: they may not hold a line break (issue 16), so theirs
    // is the breaker on one line.
    let id = escape(&id_breaker());
    let requests = format!(
        "[week]\nid = \"W1\"\ntimezone = \"Europe/Paris\"\ndays = [2024-03-04]\nslots = [\"09:00-10:30\", \"11:00-12:30\"]\n\n[[rooms]]\nname = \"{id} room\"\ncapacity = 30\n\n[[groups]]\nid = \"SEC\"\nchair = \"{id} chair\"\nsessions = [{{ title = \"{hostile} title\" }}]\n"
    );
    let path = dir.path().join("requests.toml");
    std::fs::write(&path, requests).unwrap();
    let outdir = dir.path().join("out");
    let err = at_a_fixed_time(&[
        "timetable",
        path.to_str().unwrap(),
        "-o",
        outdir.to_str().unwrap(),
    ])
    .success()
    .run()
    .stderr;
    assert!(!err.as_bytes().contains(&0x1b));
    let files: Vec<PathBuf> = std::fs::read_dir(&outdir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!files.is_empty());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let source = agendum::load::source::Source::new("x.toml", text.clone());
        let m = agendum::load::parse_meeting(&source, agendum::load::source::FileId(0))
            .unwrap_or_else(|d| panic!("{d:?}\n{text}"));
        assert_eq!(m.sessions.len(), 1, "{text}");
        assert_eq!(
            m.sessions[0].title.as_deref(),
            Some(format!("{TOML_BREAKER} title").as_str())
        );
        assert_eq!(m.header.chair.as_str(), format!("{} chair", id_breaker()));
    }
}
