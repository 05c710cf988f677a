//! `agendum site`: the bundle's files, what its pages and feeds say, and the
//! pages as a reader's browser shows them (Chromium through Playwright, and
//! html5lib's strict parser). `AGENDUM_TEST_KEEP_PAGES=DIR` keeps the
//! screenshots of the week's grid and a group page at desktop and phone
//! widths.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{Output, agendum, consumers, root};

/// The TP week's files, from the repository.
fn tp_week() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root("schedules/tp-week"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn site_of(files: &[PathBuf]) -> Output {
    agendum()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("site")
        .args(files)
        .args(["-o", "site"])
        .success()
        .stdout_contains("agendum site: ")
        .run()
}

/// The UIDs of a calendar's events.
fn uids(ics: &str) -> BTreeSet<String> {
    ics.replace("\r\n ", "")
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_tp_week_site_has_every_page_and_feed() {
    let files = tp_week();
    let out = site_of(&files);
    let site = out.path("site");
    for f in [
        "index.html",
        "documents.html",
        "all.ics",
        "week.json",
        "week.schema.json",
        "site.css",
        "site.js",
        "meeting/sec-24.html",
        "meeting/tp-24.html",
        "group/sec.html",
        "group/sec.ics",
        "group/arc.ics",
        "person/francois-ennesser.html",
        "person/francois-ennesser.ics",
    ] {
        assert!(site.join(f).is_file(), "no {f}");
    }
    // The SEC feed is `agendum ics --group SEC`'s, byte for byte.
    let feed = std::fs::read_to_string(site.join("group/sec.ics")).unwrap();
    let ics = agendum()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("ics")
        .args(&files)
        .args(["--group", "SEC"])
        .success()
        .run()
        .stdout;
    assert_eq!(feed, ics);
    // The group's page lists exactly its feed's sessions.
    let page = std::fs::read_to_string(site.join("group/sec.html")).unwrap();
    let listed: BTreeSet<String> = page
        .match_indices("data-uid=\"")
        .map(|(at, m)| {
            let rest = &page[at + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect();
    assert_eq!(listed, uids(&feed));
    assert!(page.contains(&format!("<p>{} sessions.</p>", listed.len())));
    // week.json names every session of every meeting, with its UID.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("week.json")).unwrap()).unwrap();
    let meetings = json["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 6);
    let all: BTreeSet<String> = meetings
        .iter()
        .flat_map(|m| m["sessions"].as_array().unwrap())
        .map(|s| s["uid"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        all,
        uids(&std::fs::read_to_string(site.join("all.ics")).unwrap())
    );
    let schema = std::fs::read_to_string(site.join("week.schema.json")).unwrap();
    assert!(schema.contains("\"title\": \"agendum week\""), "{schema}");
    // The documents index lists every contribution of the week.
    let documents = std::fs::read_to_string(site.join("documents.html")).unwrap();
    let count: usize = meetings
        .iter()
        .map(|m| m["contributions"].as_array().unwrap().len())
        .sum();
    assert!(count > 0);
    assert!(documents.contains(&format!("<p>{count} contributions.</p>")));
}

#[test]
fn a_rebuild_with_no_change_rewrites_nothing() {
    let files = tp_week();
    let out = site_of(&files);
    let first = out.path("site/group/sec.ics");
    let before = std::fs::metadata(&first).unwrap().modified().unwrap();
    let out = out
        .then()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("site")
        .args(&files)
        .args(["-o", "site"])
        .success()
        .stdout_contains(", 0 written")
        .run();
    assert_eq!(
        std::fs::metadata(out.path("site/group/sec.ics"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
}

#[test]
fn the_pages_pass_a_browser_and_a_strict_parser() {
    let out = site_of(&tp_week());
    let keep = std::env::var_os("AGENDUM_TEST_KEEP_PAGES").map(PathBuf::from);
    if let Some(k) = &keep {
        std::fs::create_dir_all(k).unwrap();
    }
    let r = consumers::check_site(&out.path("site"), "SEC", keep.as_deref());
    assert!(r["pages"].as_u64().unwrap() >= 20, "{r}");
    assert!(r["links"].as_u64().unwrap() > 100, "{r}");
    assert_eq!(r["broken"], serde_json::json!([]), "{r}");
    assert_eq!(r["console"], serde_json::json!([]), "{r}");
    assert_eq!(r["invalid"], serde_json::json!([]), "{r}");
    // Served over HTTP, the script makes every webcal:// link absolute.
    assert!(!r["webcal"].as_array().unwrap().is_empty(), "{r}");
    // The group filter shows SEC's sessions and the week's plenaries only,
    // kept in the URL.
    let f = &r["filter"];
    assert_eq!(f["wrong"], serde_json::json!([]), "{r}");
    assert!(
        f["url"].as_str().unwrap().ends_with("index.html?group=SEC"),
        "{r}"
    );
    let shown = f["shown"].as_u64().unwrap();
    assert!(shown > 0 && shown < f["total"].as_u64().unwrap(), "{r}");
    let sec = uids(&std::fs::read_to_string(out.path("site/group/sec.ics")).unwrap());
    let shown_uids: BTreeSet<String> = f["shown_uids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect();
    assert!(sec.is_subset(&shown_uids), "{r}");
    // In the reader's zone (Tokyo), a Montreal morning is the evening, with its day.
    let zone = &r["zone"];
    assert_ne!(zone["shown"], zone["venue"], "{r}");
    assert!(
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .iter()
            .any(|d| zone["shown"].as_str().unwrap().starts_with(d)),
        "{r}"
    );
}

#[test]
fn text_from_the_files_cannot_inject_into_the_pages() {
    let text = std::fs::read_to_string(root("schedules/sec-10-berlin.toml"))
        .unwrap()
        .replacen(
            "title = \"Session S1\"",
            "title = \"</a><script>alert(1)</script>\\\" onclick=\\\"x\"",
            1,
        );
    let out = agendum()
        .file("m.toml", text)
        .args(["site", "m.toml", "-o", "site"])
        .success()
        .run();
    for page in ["index.html", "meeting/sec-10-0.html", "group/sec.html"] {
        let html = std::fs::read_to_string(out.path(Path::new("site").join(page))).unwrap();
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(!html.contains("\" onclick=\""), "{page}");
        assert!(
            html.contains("&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
    }
}

#[test]
fn a_site_is_not_written_over_a_meeting_file_or_from_a_broken_week() {
    // A meeting file whose name a page of the site has.
    let out = agendum()
        .copy("site/week.json", "schedules/sec-10-berlin.toml")
        .args(["site", "site/week.json", "-o", "site"])
        .status(2)
        .stderr_contains("agendum site: cannot write site/week.json: it is the input")
        .run();
    assert!(!out.path("site/index.html").exists(), "nothing is written");
    agendum()
        .file("m.toml", "[meeting]\nid = 1\n")
        .args(["site", "m.toml", "-o", "site"])
        .status(2)
        .run();
    agendum()
        .copy("m.toml", "schedules/sec-10-berlin.toml")
        .args(["site", "m.toml", "-o", "site", "--url", "ftp://x"])
        .status(2)
        .stderr_contains("--url ftp://x: give an http:// or https:// URL")
        .run();
}
