//! `agendum release`: a site of the TP week is published, a SEC session is
//! moved and another removed, and the release says so (changelog.html,
//! atom.xml read back by a real XML parser), updates the feeds the way `ics
//! --previous` does (SEQUENCE 1, a CANCELLED event), and writes nothing the
//! second time. A subscribed client (vdirsyncer, syncing the SEC feed served
//! over HTTP on 127.0.0.1 into a folder) gets the moved event with a higher
//! SEQUENCE and the cancelled one as cancelled.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::support::{Output, ROOT, Test, agendum, consumers};

const FILES: [&str; 6] = ["arc", "mas", "pro", "req", "sec", "tp"];

/// The week's files, copied to `w/`, with `sec.toml` as `edit` makes it.
fn week(edit: impl Fn(&str) -> String) -> Test {
    // The week's files include the shared groups and people.
    let mut t = agendum().copy("groups/onem2m.toml", "schedules/groups/onem2m.toml");
    for f in FILES {
        t = t.copy(format!("w/{f}.toml"), format!("schedules/tp-week/{f}.toml"));
    }
    let sec = std::fs::read_to_string(Path::new(ROOT).join("schedules/tp-week/sec.toml")).unwrap();
    t.file("w/sec.toml", edit(&sec))
}

fn files() -> Vec<String> {
    FILES.iter().map(|f| format!("w/{f}.toml")).collect()
}

/// Session S2 on Wednesday afternoon instead of Tuesday morning.
pub(crate) fn move_s2(sec: &str) -> String {
    let from = "id = \"S2\"\nkind = \"break-out\"\nday = 2016-07-19\nslot = 1";
    assert!(sec.contains(from), "schedules/tp-week/sec.toml changed: S2");
    sec.replace(
        from,
        "id = \"S2\"\nkind = \"break-out\"\nday = 2016-07-20\nslot = 3",
    )
}

/// Session S7 gone.
pub(crate) fn remove_s7(sec: &str) -> String {
    let start = sec
        .find("[[sessions]]\nid = \"S7\"")
        .expect("sec.toml has S7");
    let end = start
        + 5
        + sec[start + 5..]
            .find("[[sessions]]")
            .expect("a session after S7");
    format!("{}{}", &sec[..start], &sec[end..])
}

/// Writes the edited `sec.toml` into a run's scratch folder.
fn edit_sec(out: &Output, edit: impl Fn(&str) -> String) {
    let sec = std::fs::read_to_string(Path::new(ROOT).join("schedules/tp-week/sec.toml")).unwrap();
    std::fs::write(out.path("w/sec.toml"), edit(&sec)).unwrap();
}

/// `agendum release` of the week again, over the site a run left in its
/// folder, at `epoch` (`SOURCE_DATE_EPOCH`).
fn release_again(out: Output, epoch: &str) -> Test {
    out.then()
        .env("SOURCE_DATE_EPOCH", epoch)
        .arg("release")
        .args(files())
        .args(["--previous", "site"])
}

/// Each VEVENT of a calendar by UID: its unfolded properties by name.
pub(crate) fn events(ics: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let unfolded = ics.replace("\r\n ", "").replace("\r\n", "\n");
    let mut out = BTreeMap::new();
    for block in unfolded.split("BEGIN:VEVENT\n").skip(1) {
        let block = block.split("END:VEVENT").next().unwrap();
        let props: BTreeMap<String, String> = block
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.split(';').next().unwrap().to_string(), v.to_string()))
            .collect();
        out.insert(props["UID"].clone(), props);
    }
    out
}

/// Every file below `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let modified = std::fs::metadata(&p).unwrap().modified().unwrap();
                out.insert(p.clone(), (std::fs::read(&p).unwrap(), modified));
            }
        }
    }
    out
}

/// atom.xml as Python's XML parser reads it: for each entry, its id,
/// title, updated and link, plus the feed's own id and updated.
fn atom(path: &Path) -> serde_json::Value {
    let python = consumers::python(&[]);
    let script = r#"
import json, sys
import xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == A + "feed", root.tag
def one(e, name):
    found = e.findall(A + name)
    assert len(found) == 1, (name, len(found))
    return found[0].text
entries = []
for e in root.findall(A + "entry"):
    entries.append({"id": one(e, "id"), "title": one(e, "title"), "updated": one(e, "updated"),
                    "link": e.find(A + "link").get("href"), "content": one(e, "content")})
print(json.dumps({"id": one(root, "id"), "updated": one(root, "updated"),
                  "author": root.find(A + "author").find(A + "name").text,
                  "self": [l.get("href") for l in root.findall(A + "link") if l.get("rel") == "self"],
                  "entries": entries}))
"#;
    let out = Command::new(python)
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "atom.xml does not parse:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_release_says_what_moved_and_cancels_what_is_gone_then_changes_nothing() {
    let out = week(str::to_string)
        .env("SOURCE_DATE_EPOCH", "1468800000")
        .arg("site")
        .args(files())
        .args(["-o", "site"])
        .success()
        .run();
    edit_sec(&out, |s| remove_s7(&move_s2(s)));
    let out = release_again(out, "1469000000")
        .success()
        .stdout_contains("agendum release: release 1: 1 moved, 1 cancelled")
        .stdout_contains(
            "  Moved: Session S2 (SEC#24): Tue 19 Jul 08:30-10:00, Room 4 -> Wed 20 Jul 13:00-14:30, Room 4",
        )
        .stdout_contains("  Cancelled: Session S7 (SEC#24), was Wed 20 Jul 13:00-14:30, Room 4")
        .run();

    let changelog = out.read("site/changelog.html");
    assert!(
        changelog.contains("<section class=\"release\" id=\"release-1\">"),
        "{changelog}"
    );
    assert!(
        changelog.contains("<time datetime=\"2016-07-20T07:33:20Z\">2016-07-20 07:33 UTC</time>")
    );
    assert!(changelog.contains("<li class=\"moved\"><strong>Moved:</strong> Session S2 (SEC#24)"));
    assert!(
        changelog
            .contains("<li class=\"cancelled\"><strong>Cancelled:</strong> Session S7 (SEC#24)")
    );
    // Every page links the changelog and offers the Atom feed.
    for page in [
        "index.html",
        "documents.html",
        "group/sec.html",
        "meeting/sec-24.html",
        "changelog.html",
    ] {
        let html = out.read(format!("site/{page}"));
        let root = if page.contains('/') { "../" } else { "" };
        assert!(
            html.contains(&format!(
                "<a href=\"{root}changelog.html\">Changes</a></nav>"
            )),
            "{page}"
        );
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Changes\" href=\"{root}atom.xml\">"
            )),
            "{page}"
        );
    }

    // The feeds: the moved event raised to SEQUENCE 1, the gone one
    // cancelled, the others as they were.
    let sec = events(&out.read("site/group/sec.ics"));
    let s2 = &sec["SEC-24-S2@agendum.invalid"];
    assert_eq!(
        (s2["SEQUENCE"].as_str(), s2["STATUS"].as_str()),
        ("1", "CONFIRMED")
    );
    assert_eq!(s2["DTSTART"], "20160720T130000");
    let s7 = &sec["SEC-24-S7@agendum.invalid"];
    assert_eq!(
        (s7["SEQUENCE"].as_str(), s7["STATUS"].as_str()),
        ("1", "CANCELLED")
    );
    assert_eq!(sec["SEC-24-S1@agendum.invalid"]["SEQUENCE"], "0");
    let all = events(&out.read("site/all.ics"));
    assert_eq!(all["SEC-24-S7@agendum.invalid"]["STATUS"], "CANCELLED");
    assert_eq!(all["ARC-24-S1@agendum.invalid"]["SEQUENCE"], "0");

    first_atom(&out);

    // Again, later, with nothing changed: not one file is written.
    let before = snapshot(&out.path("site"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = release_again(out, "1469100000")
        .success()
        .stdout_contains("agendum release: no change since release 1; 46 files in site, 0 written")
        .run();
    assert!(before == snapshot(&out.path("site")), "a file changed");

    a_second_release_appends(out);
}

/// atom.xml after the first release, as Python's XML parser reads it.
fn first_atom(out: &Output) {
    let feed = atom(&out.path("site/atom.xml"));
    assert_eq!(
        feed["id"],
        "tag:agendum.invalid,2016-07-18:agendum/releases"
    );
    assert_eq!(feed["updated"], "2016-07-20T07:33:20Z");
    assert_eq!(feed["self"][0], "atom.xml");
    let entries = feed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["id"],
        "tag:agendum.invalid,2016-07-18:agendum/releases:1"
    );
    assert_eq!(entries[0]["title"], "Release 1: 1 moved, 1 cancelled");
    assert_eq!(entries[0]["link"], "changelog.html#release-1");
    assert!(
        entries[0]["content"]
            .as_str()
            .unwrap()
            .contains("<li><strong>Moved:</strong> Session S2")
    );
}

/// A second change appends a release; the first keeps its entry id.
fn a_second_release_appends(out: Output) {
    edit_sec(&out, remove_s7);
    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", "1469200000")
        .arg("release")
        .args(files())
        .args([
            "--previous",
            "site",
            "--url",
            "https://wg.example.org/tp24/",
        ])
        .success()
        .stdout_contains("release 2: 1 moved")
        .run();
    let feed = atom(&out.path("site/atom.xml"));
    let ids: Vec<&str> = feed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "tag:agendum.invalid,2016-07-18:agendum/releases:2",
            "tag:agendum.invalid,2016-07-18:agendum/releases:1"
        ]
    );
    assert_eq!(feed["self"][0], "https://wg.example.org/tp24/atom.xml");
    let s2 = &events(&out.read("site/group/sec.ics"))["SEC-24-S2@agendum.invalid"];
    assert_eq!(s2["SEQUENCE"], "2");
    let changelog = out.read("site/changelog.html");
    let (second, first) = (
        changelog.find("id=\"release-2\"").unwrap(),
        changelog.find("id=\"release-1\"").unwrap(),
    );
    assert!(second < first, "newest first");
}

#[test]
fn the_gate_refuses_what_check_finds_unless_forced() {
    // S2 at the time ARC's S2 has the same secretary: a person-overlap error.
    let conflict = |s: &str| {
        s.replace(
            "id = \"S2\"\nkind = \"break-out\"\nday = 2016-07-19\nslot = 1",
            "id = \"S2\"\nkind = \"break-out\"\nday = 2016-07-19\nslot = 4",
        )
    };
    let out = week(str::to_string)
        .env("SOURCE_DATE_EPOCH", "1468800000")
        .arg("site")
        .args(files())
        .args(["-o", "site"])
        .success()
        .run();
    edit_sec(&out, conflict);
    let before = snapshot(&out.path("site"));
    let out = out
        .then()
        .arg("release")
        .args(files())
        .args(["--previous", "site"])
        .status(1)
        .stderr_contains("error[person-overlap]: Karen Hughes must be in two overlapping sessions")
        .stderr_contains("agendum release: no release made: `agendum check` finds 1 error (see above); fix them, or pass --force to release anyway")
        .run();
    assert!(
        before == snapshot(&out.path("site")),
        "a refused release wrote"
    );
    assert!(!out.path("site/releases.json").exists());
    let out = out
        .then()
        .arg("release")
        .args(files())
        .args(["--previous", "site", "--force"])
        .success()
        .stderr_contains("error[person-overlap]")
        .stderr_contains(
            "agendum release: releasing with 1 error that `agendum check` finds (--force)",
        )
        .stdout_contains("release 1: 1 moved")
        .run();
    assert!(out.path("site/releases.json").is_file());
}

#[test]
fn errors_in_the_files_are_never_forced() {
    week(|s| s.replace("room = \"Room 4\"", "room = \"Room 44\""))
        .file("site/week.json", "{\"version\":1,\"meetings\":[]}")
        .arg("release")
        .args(files())
        .args(["--previous", "site", "--force"])
        .status(1)
        .stderr_contains("Room 44")
        .stderr_contains(
            "--force passes only the conflicts `agendum check` finds, never errors in the files",
        )
        .run();
}

#[test]
fn what_is_not_a_published_site_is_refused_with_its_place() {
    week(str::to_string)
        .arg("release")
        .args(files())
        .args(["--previous", "nowhere"])
        .status(2)
        .stderr("agendum release: --previous nowhere: no such folder; give the folder `agendum site FILES -o DIR` wrote (make it first)\n")
        .run();
    week(str::to_string)
        .file("site/readme.txt", "not a site")
        .arg("release")
        .args(files())
        .args(["--previous", "site"])
        .status(2)
        .stderr_contains("site/week.json: cannot read it (")
        .run();
    week(str::to_string)
        .file("site/week.json", "{\"meetings\": 3}")
        .arg("release")
        .args(files())
        .args(["--previous", "site"])
        .status(2)
        .stderr_contains("site/week.json: line 1 column 14: invalid type: integer `3`")
        .run();
    week(str::to_string)
        .file("site/week.json", "{\"version\":99,\"meetings\":[]}")
        .arg("release")
        .args(files())
        .args(["--previous", "site"])
        .status(2)
        .stderr("agendum release: site/week.json: version 99 is not one this agendum reads (it writes version 1); make the site again with this agendum's `agendum site`, or release with the agendum that wrote it\n")
        .run();
    week(str::to_string)
        .file("site/week.json", "{\"version\":1,\"meetings\":[]}")
        .file("site/releases.json", "{\"version\":1,\"feed\":\"x\",\"releases\":[{\"number\":1,\"id\":\"x:1\",\"time\":\"soon\",\"summary\":\"\",\"changes\":[]}]}")
        .arg("release")
        .args(files())
        .args(["--previous", "site"])
        .status(2)
        .stderr_contains("site/releases.json: release 1: time `soon` is not an RFC 3339 instant")
        .run();
}

/// vdirsyncer's configuration: the SEC feed at `url` (http storage, read
/// only) synced into `dir/calendar` (filesystem storage).
pub(crate) fn vdirsyncer_config(dir: &Path, url: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("calendar")).unwrap();
    let config = dir.join("config");
    std::fs::write(
        &config,
        format!(
            "[general]\nstatus_path = \"{0}/status/\"\n\n\
             [pair sec]\na = \"sec_feed\"\nb = \"sec_folder\"\ncollections = null\nconflict_resolution = \"a wins\"\n\n\
             [storage sec_feed]\ntype = \"http\"\nurl = \"{url}\"\n\n\
             [storage sec_folder]\ntype = \"filesystem\"\npath = \"{0}/calendar/\"\nfileext = \".ics\"\n",
            dir.display()
        ),
    )
    .unwrap();
    config
}

/// Runs `vdirsyncer -c config ARGS`, failing with its output.
pub(crate) fn vdirsyncer(config: &Path, args: &[&str]) {
    let out = consumers::run_bounded(
        Command::new(consumers::vdirsyncer())
            .arg("-c")
            .arg(config)
            .args(args)
            .stdin(std::process::Stdio::null()),
    );
    assert!(
        out.status.success(),
        "vdirsyncer {args:?}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The events vdirsyncer keeps in its folder, by SUMMARY: its filesystem
/// storage gives every event whose UID holds a character it does not put
/// in file names (the `@` of `SEC-24-S2@domain`) a UID of its own, the
/// hash of the event, and keeps the rest as the feed gave it.
pub(crate) fn synced(dir: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for (_, mut event) in events(&text) {
            event.remove("UID");
            assert!(
                out.insert(event["SUMMARY"].clone(), event).is_none(),
                "two events with one summary"
            );
        }
    }
    out
}

/// The events of a feed, by SUMMARY.
pub(crate) fn by_summary(ics: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    events(ics)
        .into_values()
        .map(|mut e| {
            e.remove("UID");
            (e["SUMMARY"].clone(), e)
        })
        .collect()
}

#[test]
fn a_subscribed_client_gets_the_moved_session_and_no_cancelled_one() {
    let out = week(str::to_string)
        .env("SOURCE_DATE_EPOCH", "1468800000")
        .arg("site")
        .args(files())
        .args(["-o", "site"])
        .success()
        .run();
    let served = by_summary(&out.read("site/group/sec.ics"));
    let host = consumers::StaticServer::start(&out.path("site"));
    let client = tempfile::tempdir().unwrap();
    let config = vdirsyncer_config(client.path(), &host.url("group/sec.ics"));
    vdirsyncer(&config, &["discover"]);
    vdirsyncer(&config, &["sync"]);
    let first = synced(&client.path().join("calendar"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        served.keys().collect::<Vec<_>>(),
        "vdirsyncer got every event of the feed"
    );
    assert_eq!(
        first, served,
        "vdirsyncer got every event as the feed has it, UIDs aside"
    );
    assert_eq!(first["SEC#24 Session S2"]["SEQUENCE"], "0");

    edit_sec(&out, |s| remove_s7(&move_s2(s)));
    let out = release_again(out, "1469000000").success().run();
    vdirsyncer(&config, &["sync"]);
    let second = synced(&client.path().join("calendar"));
    let s2 = &second["SEC#24 Session S2"];
    assert_eq!(s2["SEQUENCE"], "1");
    assert_eq!(s2["DTSTART"], "20160720T130000");
    if let Some(s7) = second.get("SEC#24 Session S7") {
        assert_eq!(
            s7["STATUS"], "CANCELLED",
            "the client shows S7 as cancelled"
        );
    }
    let live: Vec<&String> = second
        .iter()
        .filter(|(_, e)| e.get("STATUS").map(String::as_str) != Some("CANCELLED"))
        .map(|(uid, _)| uid)
        .collect();
    assert!(!live.iter().any(|u| u.as_str() == "SEC#24 Session S7"));
    assert_eq!(live.len(), first.len() - 1);
    assert!(host.log().contains("GET /group/sec.ics"), "{}", host.log());
    drop(out);
}

#[test]
fn a_plain_build_over_a_released_site_is_refused() {
    let out = week(str::to_string)
        .arg("site")
        .args(files())
        .args(["-o", "site"])
        .success()
        .run();
    let out = out
        .then()
        .arg("release")
        .args(files())
        .args(["--previous", "site"])
        .success()
        .stdout_contains("release 1: First release: 44 sessions, as published before")
        .run();
    let before = snapshot(&out.path("site"));
    let out = out
        .then()
        .arg("site")
        .args(files())
        .args(["-o", "site"])
        .status(2)
        .stderr("agendum site: site holds releases (releases.json): a plain build would reset its feeds' SEQUENCE; update it with `agendum release FILES --previous site`, or write the site elsewhere\n")
        .run();
    assert!(before == snapshot(&out.path("site")));
}

/// Runs git in `dir` with a fixed author, committer and time (`at`,
/// seconds), and none of the user's configuration; fails with its output.
fn git(dir: &Path, at: i64, args: &[&str]) {
    let date = format!("{at} +0000");
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Chair",
            "-c",
            "user.email=chair@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The time of the first commit, and the `agendum site` made of it.
const FIRST_COMMIT: i64 = 1_468_700_000;

#[test]
fn a_release_from_a_git_revision_is_the_release_from_the_site_published_then() {
    // The week committed, published (at the commit's time), then S2 moved
    // and S7 removed in a second commit.
    let t = week(str::to_string).env("SOURCE_DATE_EPOCH", FIRST_COMMIT.to_string());
    let repo = t.path("");
    std::fs::create_dir(t.path("tmp")).unwrap();
    git(&repo, FIRST_COMMIT, &["init", "-q"]);
    git(&repo, FIRST_COMMIT, &["add", "w", "groups"]);
    git(&repo, FIRST_COMMIT, &["commit", "-q", "-m", "The week"]);
    let out = t
        .arg("site")
        .args(files())
        .args(["-o", "site"])
        .success()
        .run();
    edit_sec(&out, |s| remove_s7(&move_s2(s)));
    git(
        &out.path(""),
        FIRST_COMMIT + 3600,
        &["commit", "-q", "-a", "-m", "S2 moved, S7 gone"],
    );

    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", "1469000000")
        .env("TMPDIR", "../tmp")
        .current_dir("w")
        .arg("release")
        .args(files().iter().map(|f| f.replace("w/", "")))
        .args(["--previous-rev", "HEAD~1", "-o", "../out"])
        .success()
        .stdout_contains("agendum release: release 1: 1 moved, 1 cancelled")
        .stdout_contains(
            "  Moved: Session S2 (SEC#24): Tue 19 Jul 08:30-10:00, Room 4 -> Wed 20 Jul 13:00-14:30, Room 4",
        )
        .stdout_contains("  Cancelled: Session S7 (SEC#24), was Wed 20 Jul 13:00-14:30, Room 4")
        .stdout_contains("agendum release: 46 files")
        .run();
    // The tree of the commit was written to a temporary folder, and removed.
    assert_eq!(std::fs::read_dir(out.path("tmp")).unwrap().count(), 0);
    let changelog = out.read("out/changelog.html");
    assert!(changelog.contains("<li class=\"moved\"><strong>Moved:</strong> Session S2 (SEC#24)"));
    assert!(
        changelog
            .contains("<li class=\"cancelled\"><strong>Cancelled:</strong> Session S7 (SEC#24)")
    );
    let sec = events(&out.read("out/group/sec.ics"));
    let s2 = &sec["SEC-24-S2@agendum.invalid"];
    assert_eq!(
        (
            s2["SEQUENCE"].as_str(),
            s2["STATUS"].as_str(),
            s2["DTSTART"].as_str()
        ),
        ("1", "CONFIRMED", "20160720T130000")
    );
    let s7 = &sec["SEC-24-S7@agendum.invalid"];
    assert_eq!(
        (s7["SEQUENCE"].as_str(), s7["STATUS"].as_str()),
        ("1", "CANCELLED")
    );
    assert_eq!(sec["SEC-24-S1@agendum.invalid"]["SEQUENCE"], "0");

    // The same release from the folder published at the first commit:
    // every file has the same bytes, the feeds included.
    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", "1469000000")
        .arg("release")
        .args(files())
        .args(["--previous", "site", "-o", "out2"])
        .success()
        .run();
    let tree = |dir: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        snapshot(dir)
            .into_iter()
            .map(|(p, (bytes, _))| (p.strip_prefix(dir).unwrap().to_path_buf(), bytes))
            .collect()
    };
    let (from_rev, from_dir) = (tree(&out.path("out")), tree(&out.path("out2")));
    assert_eq!(from_rev.len(), 46);
    assert_eq!(
        from_rev.keys().collect::<Vec<_>>(),
        from_dir.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &from_rev {
        assert!(bytes == &from_dir[path], "{} differs", path.display());
    }

    // Again: the same bytes; and the released folder is updated with
    // --previous from now on.
    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", "1469000000")
        .arg("release")
        .args(files())
        .args(["--previous-rev", "HEAD~1", "-o", "out3"])
        .success()
        .run();
    assert!(tree(&out.path("out")) == tree(&out.path("out3")));
    out.then()
        .arg("release")
        .args(files())
        .args(["--previous-rev", "HEAD~1", "-o", "out"])
        .status(2)
        .stderr("agendum release: --previous-rev HEAD~1: out holds releases (releases.json): update it with `agendum release FILES --previous out`, or write the release elsewhere\n")
        .run();
}

#[test]
fn a_meeting_the_revision_lacks_is_new() {
    let t = week(str::to_string);
    let repo = t.path("");
    git(&repo, FIRST_COMMIT, &["init", "-q"]);
    git(&repo, FIRST_COMMIT, &["add", "w", "groups"]);
    git(&repo, FIRST_COMMIT, &["rm", "-q", "--cached", "w/sec.toml"]);
    git(
        &repo,
        FIRST_COMMIT,
        &["commit", "-q", "-m", "The week without SEC"],
    );
    let out = t
        .env("SOURCE_DATE_EPOCH", "1469000000")
        .arg("release")
        .args(files())
        .args(["--previous-rev", "HEAD", "-o", "out"])
        .success()
        .stdout_contains("agendum release: release 1: 8 new, 6 new contributions")
        .stdout_contains("  New: Session S1 (SEC#24), Mon 18 Jul 13:00-14:30, Room 4")
        .run();
    let sec = events(&out.read("out/group/sec.ics"));
    // The feed also has the plenaries SEC attends, unchanged.
    assert_eq!(sec.keys().filter(|u| u.starts_with("SEC-24-")).count(), 8);
    assert!(
        sec.values()
            .all(|e| e["SEQUENCE"] == "0" && e["STATUS"] == "CONFIRMED")
    );
    assert!(!out.read("out/changelog.html").contains("Cancelled"));
}

#[test]
fn a_revision_that_cannot_be_read_is_refused_in_one_line() {
    // Not in a repository (git looks no higher than the scratch folder).
    let t = week(str::to_string);
    let above = t.path("").parent().unwrap().to_path_buf();
    t.env("GIT_CEILING_DIRECTORIES", &above)
        .arg("release")
        .args(files())
        .args(["--previous-rev", "HEAD~1", "-o", "out"])
        .status(2)
        .stderr_contains("agendum release: --previous-rev HEAD~1: w/arc.toml is not in a git repository (")
        .stderr_contains("); give --previous-rev for meeting files kept in git, or the published folder with --previous DIR\n")
        .run();

    let t = week(str::to_string);
    let repo = t.path("");
    git(&repo, FIRST_COMMIT, &["init", "-q"]);
    git(&repo, FIRST_COMMIT, &["add", "w", "groups"]);
    git(&repo, FIRST_COMMIT, &["commit", "-q", "-m", "The week"]);
    let top = std::fs::canonicalize(&repo).unwrap();
    let out = t
        .arg("release")
        .args(files())
        .args(["--previous-rev", "v23", "-o", "out"])
        .status(2)
        .stderr(format!(
            "agendum release: --previous-rev v23: no such commit in the repository {}; give a commit, branch or tag that `git log` shows (HEAD~1, v24)\n",
            top.display()
        ))
        .run();
    // Only the first commit: it has no parent.
    let out = out
        .then()
        .arg("release")
        .args(files())
        .args(["--previous-rev", "HEAD~1", "-o", "out"])
        .status(2)
        .stderr_contains("agendum release: --previous-rev HEAD~1: no such commit in the repository")
        .run();
    let out = out
        .then()
        .env("PATH", "")
        .arg("release")
        .args(files())
        .args(["--previous-rev", "HEAD", "-o", "out"])
        .status(2)
        .stderr("agendum release: --previous-rev HEAD: cannot run git: it is not installed (not found on PATH); install git, or give the published folder with --previous DIR\n")
        .run();
    // There is no folder to update in place; and one place to compare with.
    let out = out
        .then()
        .arg("release")
        .args(files())
        .args(["--previous-rev", "HEAD"])
        .status(2)
        .stderr_contains("the following required arguments were not provided:\n  --output <DIR>")
        .run();
    let out = out
        .then()
        .arg("release")
        .args(files())
        .args(["--previous-rev", "HEAD", "--previous", "site", "-o", "out"])
        .status(2)
        .stderr_contains(
            "the argument '--previous-rev <REV>' cannot be used with '--previous <DIR>'",
        )
        .run();
    assert!(!out.path("out").exists());
}

/// The paths below `dir` whose bytes or modification time differ between
/// two snapshots of it.
fn changed(
    dir: &Path,
    before: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>,
    after: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(p, f)| before.get(*p) != Some(*f))
        .map(|(p, _)| p.strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

#[test]
fn a_release_writes_only_what_changed_and_says_so() {
    let out = week(str::to_string)
        .env("SOURCE_DATE_EPOCH", "1468800000")
        .arg("site")
        .args(files())
        .args(["-o", "site"])
        .success()
        .run();
    let out = release_again(out, "1469000000")
        .success()
        .stdout_contains("release 1: First release")
        .run();
    // Only a contribution's title changes, at a later time: the feeds and
    // pages that show it are written, no other.
    edit_sec(&out, |s| {
        s.replace(
            "TS-0003 Release 2 CRs, part 1",
            "TS-0003 Release 2 CRs, part one",
        )
    });
    let dir = out.path("site");
    let before = snapshot(&dir);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = release_again(out, "1469200000")
        .success()
        .stdout_contains("agendum release: release 2: No session changed; updated: all.ics, documents.html, group/sec.ics, meeting/sec-24.html, person/francois-ennesser.ics, person/karen-hughes.ics and 1 more\n")
        .stdout_contains(" in site, 10 written\n")
        .run();
    let after = snapshot(&dir);
    assert_eq!(
        changed(&dir, &before, &after),
        [
            "all.ics",
            "atom.xml",
            "changelog.html",
            "documents.html",
            "group/sec.ics",
            "meeting/sec-24.html",
            "person/francois-ennesser.ics",
            "person/karen-hughes.ics",
            "releases.json",
            "week.json"
        ]
    );
    // A feed written again has the release's DTSTAMP; one kept, the
    // site's (the first release kept it too).
    assert!(out.read("site/group/sec.ics").contains("DTSTAMP:20160722T"));
    assert!(out.read("site/group/arc.ics").contains("DTSTAMP:20160718T"));
    // The page kept says when it was built; the changelog, the release.
    assert!(
        out.read("site/group/arc.html")
            .contains("Built by agendum on 2016-07-20 07:33 UTC")
    );
    assert!(
        out.read("site/changelog.html")
            .contains("Built by agendum on 2016-07-22 ")
    );
    // Nothing changed since: nothing written, though feeds of three
    // releases' times are in the folder.
    let before = after;
    let out = release_again(out, "1469300000")
        .success()
        .stdout("agendum release: no change since release 2; 46 files in site, 0 written\n")
        .run();
    assert!(before == snapshot(&out.path("site")), "a file changed");
}

#[test]
fn a_cancelled_session_moves_no_contribution() {
    let out = week(str::to_string)
        .env("SOURCE_DATE_EPOCH", "1468800000")
        .arg("site")
        .args(files())
        .args(["-o", "site"])
        .success()
        .run();
    edit_sec(&out, |sec| {
        let start = sec
            .find("[[sessions]]\nid = \"S5\"")
            .expect("sec.toml has S5");
        let end = start + 5 + sec[start + 5..].find("[[sessions]]").unwrap();
        format!("{}{}", &sec[..start], &sec[end..])
    });
    out.then()
        .env("SOURCE_DATE_EPOCH", "1469000000")
        .arg("release")
        .args(files())
        .args(["--previous", "site"])
        .success()
        .stdout_contains("agendum release: release 1: 1 cancelled\n  Cancelled: Session S5 (SEC#24), was Tue 19 Jul 17:00-18:30, Room 4\nagendum release: 46 files")
        .run();
}
