//! Large meeting files (2,000 sessions and more): the week and the calendar
//! come out whole, and every error message names the right line, also in
//! the second half of the file.

use std::fmt::Write as _;
use std::path::Path;

use crate::support::agendum;

/// A week of `n` sessions in four rooms (about 190 bytes a session).
fn week(n: usize) -> String {
    let mut t = String::from(
        "# A generated week.\n\n[meeting]\nid = \"BIG#1\"\ntitle = \"Big week\"\ngroup = \"G0\"\nchair = \"Chair 0\"\ndates = { start = 2016-01-04, end = 2016-12-30 }\ntimezone = \"Europe/Berlin\"\ncalendar_domain = \"big.example\"\n",
    );
    // Four groups, each with its chair and room, meet side by side.
    for r in 0..4 {
        let _ = write!(
            t,
            "\n[[groups]]\nid = \"G{r}\"\n\n[[people]]\nname = \"Chair {r}\"\nemail = \"chair{r}@example.org\"\n\n[[rooms]]\nname = \"Room {r}\"\n"
        );
    }
    for i in 0..n {
        let day = 4 + (i / 16) % 360;
        let date =
            chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap() + chrono::Days::new(day as u64);
        let slot = ["08:00-10:00", "10:30-12:30", "13:30-15:30", "16:00-18:00"][(i / 4) % 4];
        let r = i % 4;
        let _ = write!(
            t,
            "\n[[sessions]]\nid = \"S{i}\"\ntitle = \"Session {i}\"\nkind = \"break-out\"\nday = {date}\ntime = \"{slot}\"\nroom = \"Room {r}\"\ngroups = [\"G{r}\"]\nchair = \"Chair {r}\"\nnotes = [\"\"\"\n[[sessions]]\n\"\"\"]\n"
        );
    }
    t
}

/// `agendum ARGS NAME` at a fixed time, with `text` written to NAME in `dir`.
fn run(dir: &Path, name: &str, text: &str, args: &[&str]) -> (i32, String, String) {
    std::fs::write(dir.join(name), text).unwrap();
    let out = agendum()
        .env("SOURCE_DATE_EPOCH", "1400000000")
        .current_dir(dir)
        .args(args)
        .arg(name)
        .run();
    (out.status, out.stdout, out.stderr)
}

/// The same week with its first header indented: layout alone must not
/// change what is read.
fn indented(text: &str) -> String {
    text.replacen("\n[meeting]\n", "\n  [meeting]\n", 1)
}

#[test]
fn a_large_week_gives_every_event_whatever_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let text = week(3000);
    assert!(text.len() > 256 * 1024, "{} bytes", text.len());
    let (code, plain, err) = run(dir.path(), "week.toml", &text, &["ics"]);
    assert_eq!(code, 0, "{err}");
    let (code, one, err) = run(dir.path(), "one.toml", &indented(&text), &["ics"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(plain.matches("BEGIN:VEVENT").count(), 3000);
    assert!(plain == one, "the calendars differ");
    let (code, out, err) = run(
        dir.path(),
        "week.toml",
        &text,
        &["check", "--format", "json"],
    );
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn errors_in_the_second_half_name_the_right_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = week(3000);
    // (the session, what to change in it, into what, the rule reported, the exit code)
    let cases = [
        // A room the week does not have: found by validation after the
        // parse, pointed at through the spans of the last part.
        (
            "id = \"S2990\"",
            "room = \"Room 2\"",
            "room = \"Room 9\"",
            "unknown-reference",
            1,
        ),
        // A header that is not closed.
        (
            "\n[[sessions]]\nid = \"S2992\"",
            "[[sessions]]",
            "[[sessions]",
            "toml-syntax",
            2,
        ),
        // An unknown field.
        (
            "\nid = \"S2993\"\ntitle",
            "title",
            "titel",
            "unknown-field",
            2,
        ),
    ];
    for (context, from, to, rule, exit) in cases {
        let at = text
            .find(context)
            .unwrap_or_else(|| panic!("{rule}: no {context}"));
        let within = text[at..].find(from).unwrap();
        let mut bad = text.clone();
        bad.replace_range(at + within..at + within + from.len(), to);
        let line = bad[..at + within].matches('\n').count() + 1;
        assert!(line > bad.lines().count() / 2, "{rule}: in the second half");
        let (code, out, err) = run(dir.path(), "bad.toml", &bad, &["check"]);
        let err = out + &err;
        assert_eq!(code, exit, "{rule}: {err}");
        assert!(err.contains(&format!("error[{rule}]")), "{rule}: {err}");
        assert!(
            err.contains(&format!("bad.toml:{line}:")),
            "{rule}: line {line}: {err}"
        );
        let (code_indented, out, err_indented) =
            run(dir.path(), "bad.toml", &indented(&bad), &["check"]);
        let err_indented = out + &err_indented;
        assert_eq!(
            (code, &err),
            (code_indented, &err_indented),
            "{rule}: the indented file reads differently"
        );
    }
}
