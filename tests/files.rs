//! No file is ever lost: every write is atomic and keeps the original's
//! permissions; a write that fails or is killed leaves the original as it
//! was; an edit of a file someone changed since it was read is refused.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use agendum::edit::MeetingDoc;
use agendum::edit::record::{ContributionRecord, Recorder};
use agendum::error::Error;
use agendum::output::WriteBackError;

use crate::support::{ROOT, agendum};

/// A meeting with `n` contributions on item 1: big enough that rendering and
/// recording take a while, so a kill lands in the middle.
fn big_meeting(n: usize) -> String {
    let mut t =
        fs::read_to_string(Path::new(ROOT).join("tests/fixtures/pro-10-berlin.toml")).unwrap();
    // The fixture's joint session names SEC, declared in another file of its week.
    t.push_str("\n[[groups]]\nid = \"SEC\"\nname = \"Security\"\n");
    for i in 0..n {
        let _ = write!(
            t,
            "\n[[contributions]]\nnumber = \"S3-24{i:04}\"\ntitle = \"Contribution {i} on the key issue of item one\"\nsource = [\"Company {i}\", \"Other Corp\"]\nitem = \"1\"\nremarks = \"Line of remarks {i}\"\n"
        );
    }
    t
}

/// Runs agendum to the end; returns how long it took.
fn run_to_end(args: &[&str]) -> Duration {
    let start = Instant::now();
    agendum().args(args).success().run();
    start.elapsed()
}

/// Starts agendum, kills it (SIGKILL) after `after`, and waits for it.
fn kill_after(args: &[&str], after: Duration) {
    let mut run = agendum().args(args).spawn();
    std::thread::sleep(after);
    let _ = run.child.kill();
    let _ = run.child.wait();
}

/// The k-th of `steps` moments from 30% to 110% of a run: the output is
/// built in memory first, so the write happens in the last part of the run.
fn at(took: Duration, k: u32, steps: u32) -> Duration {
    took * 3 / 10 + took * 8 * k / (10 * steps)
}

/// Kills `args` at `steps` moments spread over its run time; after each
/// kill, `target` holds exactly `before` or exactly `after`. Returns how many
/// runs were killed before they finished and how many ended with each.
fn kill_many(
    args: &[&str],
    target: &Path,
    before: &[u8],
    after: &[u8],
    took: Duration,
    steps: u32,
) -> (u32, u32) {
    let (mut old, mut new) = (0, 0);
    for k in 0..steps {
        fs::write(target, before).unwrap();
        kill_after(args, at(took, k, steps));
        let now = fs::read(target).unwrap();
        if now == before {
            old += 1;
        } else if now == after {
            new += 1;
        } else {
            panic!(
                "{args:?} killed after {:?}: the file is neither the original nor the new version ({} bytes)",
                at(took, k, steps),
                now.len()
            );
        }
    }
    (old, new)
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

#[test]
fn a_render_killed_mid_write_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("m.toml");
    fs::write(&meeting, big_meeting(10_000)).unwrap();
    let out = dir.path().join("agenda.html");
    let (m, o) = (meeting.to_str().unwrap(), out.to_str().unwrap());
    let args = ["render", m, "--format", "html", "-o", o];
    let took = run_to_end(&args);
    let new = fs::read(&out).unwrap();
    assert!(new.len() > 500_000, "a big output: {}", new.len());
    let (old, done) = kill_many(&args, &out, b"ORIGINAL agenda", &new, took, 40);
    eprintln!(
        "render -o killed 40 times over {took:?}: {old} left the original, {done} the new file"
    );
    assert!(old > 0, "no run was killed before it finished");
    // What a kill leaves is a hidden temporary file, never the target.
    for t in temp_files(dir.path()) {
        let name = t.file_name().unwrap().to_string_lossy().to_string();
        assert!(name.starts_with(".agenda.html.agendum-"), "{name}");
    }
}

#[test]
fn a_record_killed_mid_write_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("m.toml");
    let original = big_meeting(10_000);
    fs::write(&meeting, &original).unwrap();
    let m = meeting.to_str().unwrap();
    let args = ["record", m, "S3-240042", "noted", "--session", "P1"];
    let took = run_to_end(&args);
    let recorded = fs::read(&meeting).unwrap();
    assert_ne!(recorded, original.as_bytes());
    let (old, done) = kill_many(&args, &meeting, original.as_bytes(), &recorded, took, 40);
    eprintln!("record killed 40 times over {took:?}: {old} left the original, {done} the new file");
    assert!(old > 0, "no run was killed before it finished");
}

#[test]
fn a_write_that_cannot_happen_leaves_everything_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("m.toml");
    crate::support::copy_meeting("schedules/sec-10-berlin.toml", &meeting);
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, "a file").unwrap();
    let m = meeting.to_str().unwrap();
    // The output's parent is a file: nothing can be created there.
    for args in [
        vec!["render", m, "-o"],
        vec!["render", m, "--format", "docx", "-o"],
        vec!["ics", m, "-o"],
    ] {
        let target = blocker.join("out.x");
        let out = agendum().args(&args).arg(&target).run();
        assert!(
            out.status == 2 || out.status == 1,
            "{args:?}: {} {}",
            out.status,
            out.stderr
        );
        assert_eq!(fs::read_to_string(&blocker).unwrap(), "a file");
    }
    // The output is a directory: rename cannot replace it, and it stays.
    let sub = dir.path().join("out.html");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("keep"), "kept").unwrap();
    agendum()
        .args(["render", m, "--format", "html", "-o"])
        .arg(&sub)
        .status(2)
        .stderr_contains("cannot write")
        .run();
    assert_eq!(fs::read_to_string(sub.join("keep")).unwrap(), "kept");
    assert!(
        temp_files(dir.path()).is_empty(),
        "a failed write cleans up"
    );
}

#[cfg(unix)]
#[test]
fn writes_keep_permissions_and_follow_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    crate::support::copy_meeting("schedules/sec-10-berlin.toml", &real);
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    agendum()
        .arg("record")
        .arg(&link)
        .args(["SEC-2014-0249", "noted", "--session", "S1"])
        .success()
        .run();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("decision = \"noted\"")
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // An output file keeps its mode too.
    let html = dir.path().join("a.html");
    fs::write(&html, "old").unwrap();
    fs::set_permissions(&html, fs::Permissions::from_mode(0o640)).unwrap();
    run_to_end(&[
        "render",
        real.to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(
        fs::metadata(&html).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert!(temp_files(dir.path()).is_empty());
}

/// Someone saves the file between agendum's read and its write.
fn someone_edits(path: &Path) -> String {
    let theirs = fs::read_to_string(path).unwrap() + "\n# an edit made by someone else\n";
    fs::write(path, &theirs).unwrap();
    theirs
}

#[test]
fn an_edit_of_a_file_changed_on_disk_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    crate::support::copy_meeting("schedules/sec-10-berlin.toml", &path);

    // The edit every in-place command makes (import, plan --write, record,
    // timetable --write go through MeetingDoc).
    let mut doc = MeetingDoc::open(&path).unwrap();
    doc.find_mut("contributions", "number", "SEC-2014-0249")
        .unwrap()["remarks"] = toml_edit::value("mine");
    let theirs = someone_edits(&path);
    match doc.save() {
        Err(Error::Write(WriteBackError::ChangedSinceRead(p))) => assert_eq!(p, path),
        other => panic!("not refused: {other:?}"),
    }
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "their edit is kept"
    );
    let message = Error::Write(WriteBackError::ChangedSinceRead(path.clone())).to_string();
    assert!(message.contains("changed on disk since agendum read it; nothing was written"));

    // `agendum record`'s own path.
    let mut recorder = Recorder::open(&path).unwrap();
    recorder
        .contribution(&ContributionRecord {
            number: "SEC-2014-0249".into(),
            decision: Some("noted".into()),
            session: Some("S1".into()),
            by: None,
            notes: Vec::new(),
            revision_expected: false,
            again: false,
        })
        .unwrap();
    let theirs = someone_edits(&path);
    let err = recorder.save(false).unwrap_err();
    assert!(
        matches!(err, Error::Write(WriteBackError::ChangedSinceRead(_))),
        "{err:?}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}
