//! The documented limits of a meeting file (docs/format.md, "Loading, limits
//! and errors"), each exceeded by one through the real binary: a clear error
//! naming the count and the limit, exit code 2, and the file at the limit
//! itself accepted. (The 16 MiB size limit is tested in `tests/check_inputs.rs`.)

use std::fmt::Write as _;
use std::path::Path;

use agendum::load::{MAX_AGENDA_ITEMS, MAX_CONTRIBUTIONS, MAX_SESSIONS};
use agendum::model::number::MAX_AGENDA_DEPTH;

use crate::support::agendum;

const HEADER: &str = "[meeting]\nid = \"SEC#1\"\ntitle = \"t\"\ngroup = \"SEC\"\nchair = \"A\"\ndates = { start = 2014-04-07, end = 2014-04-11 }\ntimezone = \"UTC\"\n\n[[people]]\nname = \"A\"\n\n[[rooms]]\nname = \"R\"\n";

fn check(dir: &Path, text: &str) -> (i32, String) {
    let path = dir.join("m.toml");
    std::fs::write(&path, text).unwrap();
    let out = agendum().arg("check").arg(&path).run();
    (out.status, out.stdout + &out.stderr)
}

fn sessions(n: usize) -> String {
    let mut t = String::from(HEADER);
    for i in 0..n {
        // Calls without a room: no two of them clash in a room.
        let _ = write!(
            t,
            "\n[[sessions]]\nid = \"S{i}\"\nkind = \"call\"\nday = 2014-04-07\ntime = \"08:00-09:00\"\n"
        );
    }
    t
}

#[test]
fn too_many_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = check(dir.path(), &sessions(MAX_SESSIONS + 1));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("error[too-many-sessions]: the file has 10001 sessions; agendum reads at most 10000 sessions per meeting file"),
        "{out}"
    );
    assert!(
        out.contains("id = \"S10000\""),
        "points at the first one over: {out}"
    );
    let (_, out) = check(dir.path(), &sessions(MAX_SESSIONS));
    assert!(!out.contains("too-many-sessions"), "{out}");
}

fn contributions(n: usize) -> String {
    let mut t = String::from(HEADER);
    t.push_str("\n[[agenda]]\nnumber = \"1\"\ntitle = \"x\"\n");
    for i in 0..n {
        let _ = write!(
            t,
            "\n[[contributions]]\nnumber = \"S3-{i:06}\"\ntitle = \"c\"\nitem = \"1\"\n"
        );
    }
    t
}

#[test]
fn too_many_contributions() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = check(dir.path(), &contributions(MAX_CONTRIBUTIONS + 1));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("error[too-many-contributions]: the file has 100001 contributions; agendum reads at most 100000"),
        "{out}"
    );
    let (_, out) = check(dir.path(), &contributions(MAX_CONTRIBUTIONS));
    assert!(!out.contains("too-many-contributions"), "{out}");
}

fn items(n: usize) -> String {
    let mut t = String::from(HEADER);
    for i in 0..n {
        let _ = write!(t, "\n[[agenda]]\nnumber = \"{}\"\ntitle = \"x\"\n", i + 1);
    }
    t
}

#[test]
fn too_many_agenda_items() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = check(dir.path(), &items(MAX_AGENDA_ITEMS + 1));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("error[too-many-agenda-items]: the file has 10001 agenda items; agendum reads at most 10000"),
        "{out}"
    );
    let (_, out) = check(dir.path(), &items(MAX_AGENDA_ITEMS));
    assert!(!out.contains("too-many-agenda-items"), "{out}");
}

#[test]
fn agenda_numbers_nested_too_deep() {
    let dir = tempfile::tempdir().unwrap();
    let deep = ["1"; MAX_AGENDA_DEPTH + 1].join(".");
    let (code, out) = check(
        dir.path(),
        &format!("{HEADER}\n[[agenda]]\nnumber = \"{deep}\"\ntitle = \"x\"\n"),
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("is nested 9 levels deep; agendum accepts at most 8"),
        "{out}"
    );
    let ok = ["1"; MAX_AGENDA_DEPTH].join(".");
    let (_, out) = check(
        dir.path(),
        &format!("{HEADER}\n[[agenda]]\nnumber = \"{ok}\"\ntitle = \"x\"\n"),
    );
    assert!(!out.contains("levels deep"), "{out}");
}

#[test]
fn toml_nested_too_deep_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    for text in [
        format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("a = {}1{}", "{b=".repeat(50_000), "}".repeat(50_000)),
        format!("[{}b]", "a.".repeat(100_000)),
    ] {
        let (code, out) = check(dir.path(), &text);
        assert_eq!(code, 2, "{}", &out[..out.len().min(300)]);
        assert!(out.contains("recursion"), "{}", &out[..out.len().min(300)]);
    }
}
