//! Writes and edits under attack (issue 16, items 1, 2, 3 and 20): no
//! command writes over one of its inputs, concurrent edits take turns, an
//! edit keeps the file's layout and owner, and every failed write says the
//! same thing with the same exit code.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{BIN, agendum};

const MONTREAL: &str = "schedules/sec-24-montreal.toml";
const BERLIN: &str = "schedules/sec-10-berlin.toml";

// 1. No command writes over one of its inputs.

#[test]
fn ics_refuses_to_write_over_its_meeting_file_directly_or_through_a_link() {
    let run = agendum().copy("m.toml", BERLIN);
    let before = fs::read(run.path("m.toml")).unwrap();
    std::os::unix::fs::symlink("m.toml", run.path("sym.toml")).unwrap();
    fs::hard_link(run.path("m.toml"), run.path("hard.toml")).unwrap();
    let mut run = run;
    for out in ["m.toml", "./m.toml", "sym.toml", "hard.toml"] {
        let done = run
            .args(["ics", "m.toml", "-o", out])
            .status(2)
            .stderr(format!(
                "agendum ics: cannot write {out}: it is the input m.toml; nothing was written. Choose another output name\n"
            ))
            .run();
        assert_eq!(fs::read(done.path("m.toml")).unwrap(), before, "-o {out}");
        run = done.then();
    }
}

#[test]
fn ics_refuses_an_invitation_file_that_is_an_input() {
    // `--method request -o inv` writes inv/SEC-10.0-S1.ics, here the meeting file.
    let out = agendum()
        .copy("inv/SEC-10.0-S1.ics", BERLIN)
        .args(["ics", "inv/SEC-10.0-S1.ics", "--method", "request", "-o", "inv"])
        .status(2)
        .stderr_contains(
            "agendum ics: cannot write inv/SEC-10.0-S1.ics: it is the input inv/SEC-10.0-S1.ics; nothing was written",
        )
        .run();
    assert_eq!(
        out.read("inv/SEC-10.0-S1.ics"),
        fs::read_to_string(crate::support::root(BERLIN)).unwrap()
    );
    assert_eq!(
        only_inputs(&out.path("inv")),
        ["SEC-10.0-S1.ics", "notices"]
    );
}

/// What a folder holds, by name.
fn only_inputs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn ics_refuses_an_invitation_file_that_is_an_input_before_writing_any() {
    let out = agendum()
        .copy("inv/SEC-10.0-S4.ics", BERLIN)
        .args([
            "ics",
            "inv/SEC-10.0-S4.ics",
            "--method",
            "request",
            "-o",
            "inv",
        ])
        .status(2)
        .stderr_contains("nothing was written")
        .run();
    assert_eq!(
        only_inputs(&out.path("inv")),
        ["SEC-10.0-S4.ics", "notices"]
    );
}

/// A scratch directory with m.toml (Berlin) and `link`, a symlink to it.
fn with_link_to_meeting(link: &str) -> crate::support::Test {
    let run = agendum().copy("m.toml", BERLIN);
    std::os::unix::fs::symlink("m.toml", run.path(link)).unwrap();
    run
}

#[test]
fn render_refuses_an_input_through_a_symlink_with_the_shared_message() {
    let out = with_link_to_meeting("agenda.md")
        .args(["render", "m.toml", "-o", "agenda.md"])
        .status(2)
        .stderr("agendum render: cannot write agenda.md: it is the input m.toml; nothing was written. Choose another output name\n")
        .run();
    assert!(out.read("m.toml").contains("[meeting]"));
}

#[test]
fn timetable_output_refuses_to_replace_the_requests_file() {
    // The requests file sits where SEC's meeting file would go.
    let out = agendum()
        .copy("sec.toml", "tests/timetable/small.toml")
        .args(["timetable", "sec.toml", "-o", "."])
        .status(2)
        .stderr_contains(
            "agendum timetable: cannot write ./sec.toml: it is the input sec.toml; nothing was written",
        )
        .run();
    assert_eq!(
        out.read("sec.toml"),
        fs::read_to_string(crate::support::root("tests/timetable/small.toml")).unwrap()
    );
    assert!(!out.path("arc.toml").exists(), "no file written at all");
}

#[test]
fn import_refuses_a_list_that_is_the_meeting_file() {
    let out = with_link_to_meeting("list.csv")
        .args(["import", "list.csv", "--into", "m.toml"])
        .status(2)
        .stderr_contains("agendum import: cannot write m.toml: it is the input list.csv")
        .run();
    assert_eq!(
        out.read("m.toml"),
        fs::read_to_string(crate::support::root(BERLIN)).unwrap()
    );
}

// 2. Concurrent edits take turns.

#[test]
fn two_concurrent_records_never_lose_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    for round in 0..10 {
        crate::support::copy_meeting(MONTREAL, &path);
        let spawn = |what: &str| {
            Command::new(BIN)
                .current_dir(dir.path())
                .args(["record", "m.toml", "--action", what, "--who", "Wolfgang"])
                .output()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| spawn(&format!("Action A{round}")));
            let b = s.spawn(|| spawn(&format!("Action B{round}")));
            (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
        });
        let text = fs::read_to_string(&path).unwrap();
        for (name, out) in [("A", &a), ("B", &b)] {
            let kept = text.contains(&format!("Action {name}{round}"));
            if out.status.success() {
                assert!(
                    kept,
                    "round {round}: {name} said recorded but is not in the file: {}",
                    String::from_utf8_lossy(&out.stdout)
                );
            } else {
                assert_eq!(out.status.code(), Some(2), "round {round}");
                assert!(!kept, "round {round}: {name} failed but was written");
            }
        }
        assert!(a.status.success() || b.status.success(), "round {round}");
        assert!(
            !dir.path().join(".m.toml.lock").exists(),
            "round {round}: lock file left"
        );
    }
}

#[test]
fn a_held_lock_makes_the_writer_fail_after_the_wait() {
    let run = agendum().copy("m.toml", MONTREAL);
    let lock = fs::File::create(run.path(".m.toml.lock")).unwrap();
    lock.lock().unwrap();
    let out = run
        .env("AGENDUM_LOCK_WAIT_MS", "300")
        .args(["record", "m.toml", "--action", "A", "--who", "Wolfgang"])
        .status(2)
        .stderr_contains("agendum record: cannot write m.toml: another agendum process is editing it (waited 0.3 s for its lock .m.toml.lock); nothing was written")
        .run();
    assert_eq!(
        out.read("m.toml"),
        fs::read_to_string(crate::support::root(MONTREAL)).unwrap()
    );
    drop(lock);
    // Once the lock is free the same edit goes through, and takes the lock
    // file away with it.
    let out = out
        .then()
        .args(["record", "m.toml", "--action", "A", "--who", "Wolfgang"])
        .success()
        .stdout_contains("recorded: new action")
        .run();
    assert!(!out.path(".m.toml.lock").exists(), "no lock file left");
}

// 3. An edit keeps the file's layout, owner and links.

/// The meeting file with CRLF line endings and a byte order mark.
fn crlf_bom(path: &str) -> Vec<u8> {
    let text = fs::read_to_string(crate::support::root(path)).unwrap();
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    bytes
}

fn assert_crlf_bom(path: &Path, what: &str) {
    let bytes = fs::read(path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "{what}: BOM lost");
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "{what}: a line ending is LF:\n{text}"
    );
}

#[test]
fn crlf_and_a_bom_survive_record_plan_and_import() {
    let out = agendum()
        .file("m.toml", crlf_bom(MONTREAL))
        .args(["record", "m.toml", "--action", "A", "--who", "Wolfgang"])
        .success()
        .run();
    assert!(out.read("m.toml").contains("what = [\"A\"]"));
    assert_crlf_bom(&out.path("m.toml"), "record");

    let out = agendum()
        .file("m.toml", crlf_bom(BERLIN))
        .args(["plan", "m.toml", "--reserve", "10", "--write"])
        .success()
        .stdout_contains("written to m.toml")
        .run();
    assert_crlf_bom(&out.path("m.toml"), "plan --write");

    let list = crate::support::root("tests/import/template.csv");
    let out = agendum()
        .file("m.toml", crlf_bom(BERLIN))
        .args([
            "import".as_ref(),
            list.as_os_str(),
            "--into".as_ref(),
            "m.toml".as_ref(),
        ])
        .success()
        .run();
    assert!(out.read("m.toml").contains("SEC-2024-0102"));
    assert_crlf_bom(&out.path("m.toml"), "import");
}

#[test]
fn an_edit_keeps_the_owner_and_group_of_the_file() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let run = agendum().copy("m.toml", MONTREAL);
    let path = run.path("m.toml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let me = fs::metadata(&path).unwrap().uid();
    // As root the file belongs to nobody (65534), as the case; any
    // other user can only check that the file stays its own.
    let owner = if me == 0 {
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
        (65534, 65534)
    } else {
        let m = fs::metadata(&path).unwrap();
        (m.uid(), m.gid())
    };
    let out = run
        .args(["record", "m.toml", "--action", "A", "--who", "Wolfgang"])
        .success()
        .run();
    let m = fs::metadata(out.path("m.toml")).unwrap();
    assert_eq!((m.uid(), m.gid()), owner, "owner and group kept");
    assert_eq!(m.permissions().mode() & 0o7777, 0o640, "mode kept");
}

/// `record --action A --force` after `out`; the action is in the file.
fn record_with_force(out: crate::support::Output) -> crate::support::Output {
    let out = out
        .then()
        .args([
            "record", "m.toml", "--action", "A", "--who", "Wolfgang", "--force",
        ])
        .success()
        .run();
    assert!(out.read("m.toml").contains("what = [\"A\"]"));
    out
}

#[test]
fn a_read_only_file_is_refused_unless_force() {
    use std::os::unix::fs::PermissionsExt;
    let run = agendum().copy("m.toml", MONTREAL);
    fs::set_permissions(run.path("m.toml"), fs::Permissions::from_mode(0o444)).unwrap();
    let out = run
        .args(["record", "m.toml", "--action", "A", "--who", "Wolfgang"])
        .status(2)
        .stderr("agendum record: cannot write m.toml: the file is read-only; nothing was written. Make it writable, or give --force to replace it anyway\n")
        .run();
    assert!(!out.read("m.toml").contains("what = [\"A\"]"));
    let out = out
        .then()
        .args(["plan", "m.toml", "--reserve", "10", "--write"])
        .status(2)
        .stderr_contains("agendum plan: cannot write m.toml: the file is read-only")
        .run();
    let out = record_with_force(out);
    let mode = fs::metadata(out.path("m.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o444, "still read-only");
}

#[test]
fn a_hard_linked_file_is_refused_unless_force() {
    let run = agendum().copy("m.toml", MONTREAL);
    fs::hard_link(run.path("m.toml"), run.path("other.toml")).unwrap();
    let out = run
        .args(["record", "m.toml", "--action", "A", "--who", "Wolfgang"])
        .status(2)
        .stderr_contains("agendum record: cannot write m.toml: the file has 2 hard links and an atomic write would split them")
        .run();
    assert_eq!(out.read("m.toml"), out.read("other.toml"));
    let out = record_with_force(out);
    assert!(
        !out.read("other.toml").contains("what = [\"A\"]"),
        "--force splits the link: the other name keeps the old text"
    );
}

// 20. Every failed write: exit 2 and one form of message.

/// Runs agendum with a file-size limit of 0 bytes: every write of a byte
/// fails (EFBIG) as on a full disk, whoever runs the test (root included,
/// whom a read-only folder would not stop).
fn with_no_space(dir: &Path, args: &[&str]) -> (i32, String) {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let out = Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 0; exec '{BIN}' {}",
            quoted.join(" ")
        ))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_failed_write_exits_2_with_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root = crate::support::root;
    crate::support::copy_meeting(MONTREAL, d.join("m.toml"));
    crate::support::copy_meeting(BERLIN, d.join("b.toml"));
    fs::copy(root("tests/timetable/small.toml"), d.join("req.toml")).unwrap();
    fs::copy(root("tests/import/template.csv"), d.join("list.csv")).unwrap();
    let cases: [(&str, &[&str], &str); 6] = [
        (
            "record",
            &["record", "m.toml", "--action", "A", "--who", "Wolfgang"],
            "m.toml",
        ),
        (
            "plan",
            &["plan", "b.toml", "--reserve", "10", "--write"],
            "b.toml",
        ),
        (
            "import",
            &["import", "list.csv", "--into", "b.toml"],
            "b.toml",
        ),
        (
            "render",
            &["render", "b.toml", "-o", "agenda.md"],
            "agenda.md",
        ),
        ("ics", &["ics", "b.toml", "-o", "b.ics"], "b.ics"),
        (
            "timetable",
            &["timetable", "req.toml", "-o", "out"],
            "out/sec.toml",
        ),
    ];
    for (command, args, target) in cases {
        let before = fs::read(d.join("m.toml")).unwrap();
        let (code, stderr) = with_no_space(d, args);
        assert_eq!(code, 2, "{command}: {stderr}");
        let wanted = format!("agendum {command}: cannot write {target}: File too large");
        assert!(
            stderr.contains(&wanted) && stderr.contains("; nothing was written"),
            "{command}: wanted {wanted:?} in {stderr:?}"
        );
        assert_eq!(fs::read(d.join("m.toml")).unwrap(), before);
    }
    assert_eq!(
        fs::read(d.join("b.toml")).unwrap(),
        fs::read(root(BERLIN)).unwrap()
    );
    let left: Vec<String> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".agendum-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
