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

#[test]
fn the_delegates_zones_are_columns_of_a_groups_page() {
    let text = std::fs::read_to_string(root("schedules/sec-10-berlin.toml"))
        .unwrap()
        .replacen(
            "timezone = \"Europe/Berlin\"",
            "timezone = \"Europe/Berlin\"\ndelegate_zones = [\"Asia/Tokyo\"]",
            1,
        );
    let out = agendum()
        .file("m.toml", text)
        .args(["site", "m.toml", "-o", "site"])
        .success()
        .run();
    let page = out.read("site/group/sec.html");
    assert!(page.contains("<th scope=\"col\">Tokyo</th>"), "{page}");
    // Session S1, Monday 15:45-17:00 in Berlin, is 22:45-24:00 in Tokyo.
    assert!(
        page.contains(
            "<td class=\"nowrap\">15:45-17:00</time></td><td class=\"nowrap\">22:45-24:00</td>"
        ) || page.contains("15:45-17:00</time></td><td class=\"nowrap\">22:45-24:00</td>"),
        "{page}"
    );
    // The zone is offered for the script's times too.
    assert!(
        page.contains("<option value=\"Asia/Tokyo\">Asia/Tokyo</option>"),
        "{page}"
    );
}

/// The TP week in the scratch folder (`tp-week/*.toml` beside `groups/`,
/// as the files include it), SEC's file with `sec_extra` added at its end
/// and `sec_edit` applied: the week's file names.
pub(crate) fn tp_week_with(
    sec_edit: impl Fn(String) -> String,
    sec_extra: &str,
) -> (crate::support::Test, Vec<String>) {
    let mut t = agendum().copy("groups/onem2m.toml", "schedules/groups/onem2m.toml");
    let mut names = Vec::new();
    for f in tp_week() {
        let name = format!("tp-week/{}", f.file_name().unwrap().to_str().unwrap());
        t = if name == "tp-week/sec.toml" {
            let text = sec_edit(std::fs::read_to_string(&f).unwrap()) + sec_extra;
            t.file(&name, text)
        } else {
            t.copy(&name, &f)
        };
        names.push(name);
    }
    (t, names)
}

/// A call at 02:00-03:00 UTC on Wednesday 20 July, Tuesday evening in
/// Montreal.
pub(crate) const UTC_CALL: &str = "
[[sessions]]
id = \"C2\"
title = \"UTC call\"
kind = \"call\"
day = 2016-07-20
timezone = \"UTC\"
time = \"02:00-03:00\"
items = [\"5\"]
";

#[test]
fn a_session_given_in_another_zone_is_on_its_venue_day() {
    let (t, files) = tp_week_with(
        |s| {
            s.replacen(
                "timezone = \"America/Toronto\"",
                "timezone = \"America/Toronto\"\ndelegate_zones = [\"Europe/Paris\"]",
                1,
            )
        },
        UTC_CALL,
    );
    let out = t
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("site")
        .args(&files)
        .args(["-o", "site"])
        .success()
        .run();
    let index = out.read("site/index.html");
    let call = index.find(">UTC call<").expect("the call is in the grid");
    let tuesday = index
        .find("<section class=\"day\" data-day=\"2016-07-19\">")
        .unwrap();
    let wednesday = index
        .find("<section class=\"day\" data-day=\"2016-07-20\">")
        .unwrap();
    assert!(tuesday < call && call < wednesday, "in Tuesday's table");
    let grid_cell = &index[index[..call].rfind("<div class=\"session").unwrap()..call];
    assert!(grid_cell.contains("data-day=\"2016-07-19\""), "{grid_cell}");
    assert!(
        grid_cell.contains(">22:00-23:00 (Wed 02:00-03:00 UTC)</time>"),
        "{grid_cell}"
    );
    // Tuesday's rows are in venue time: the call is its last.
    let tuesday_table = &index[tuesday..wednesday];
    let rows: Vec<&str> = tuesday_table
        .match_indices("<tr><th scope=\"row\">")
        .map(|(at, m)| &tuesday_table[at + m.len()..at + m.len() + 5])
        .collect();
    let mut sorted = rows.clone();
    sorted.sort_unstable();
    assert_eq!(rows, sorted);
    assert_eq!(rows.last(), Some(&"22:00"), "{rows:?}");
    // The group's page: Tuesday, and Paris reckoned from Tuesday.
    let page = out.read("site/group/sec.html");
    let row = page
        .lines()
        .find(|l| l.contains(">UTC call<"))
        .expect("the call is on SEC's page");
    assert!(row.contains("data-day=\"2016-07-19\""), "{row}");
    assert!(
        row.contains("<td class=\"nowrap\">Tue 19 Jul</td>"),
        "{row}"
    );
    assert!(
        row.contains("(Wed 02:00-03:00 UTC)</time></td><td class=\"nowrap\">Wed 04:00-05:00</td>"),
        "{row}"
    );
    // After Tuesday's last session, before Wednesday's first.
    let days: Vec<&str> = page
        .lines()
        .filter_map(|l| l.split("data-day=\"").nth(1))
        .map(|r| &r[..10])
        .collect();
    let mut sorted = days.clone();
    sorted.sort_unstable();
    assert_eq!(days, sorted);
    // week.json: the venue's day, the file's zone and day beside.
    let json: serde_json::Value = serde_json::from_str(&out.read("site/week.json")).unwrap();
    let sessions = json["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "SEC#24")
        .unwrap()["sessions"]
        .as_array()
        .unwrap();
    let c2 = sessions.iter().find(|s| s["id"] == "C2").unwrap();
    assert_eq!(c2["day"], "2016-07-19");
    assert_eq!(c2["timezone"], "UTC");
    assert_eq!(c2["timezone_day"], "2016-07-20");
    assert_eq!(c2["start"], "2016-07-20T02:00:00Z");
    let s1 = sessions.iter().find(|s| s["id"] == "S1").unwrap();
    assert_eq!(s1["timezone"], serde_json::Value::Null);
    let schema = out.read("site/week.schema.json");
    assert!(schema.contains("the day the session starts"), "{schema}");
}

#[test]
fn the_documents_index_keeps_its_rows_for_only_my_agenda() {
    let out = site_of(&tp_week());
    let documents = out.read("site/documents.html");
    // Its rows are contributions, not sessions: no UID to star, and the
    // script's "Only my agenda" leaves what has none.
    assert!(documents.contains("<tr class=\"session\" data-groups=\"SEC\">"));
    assert!(!documents.contains("data-uid="));
    let script = out.read("site/site.js");
    assert!(
        script.contains("params.get(\"only\") === \"1\" && el.hasAttribute(\"data-uid\")"),
        "{script}"
    );
    // The group filter a link brings is shown, so it can be undone; the
    // session filters are not.
    let form = &documents[documents.find("<form class=\"filters\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(form.contains("<select name=\"group\">"), "{form}");
    assert!(!form.contains("name=\"mine\""), "{form}");
    assert!(!form.contains("name=\"day\""), "{form}");
}

#[test]
fn noncharacters_in_the_files_are_not_written_into_the_pages() {
    let text = std::fs::read_to_string(root("schedules/sec-10-berlin.toml"))
        .unwrap()
        .replacen(
            "title = \"Session S1\"",
            "title = \"A\\uFFFEB\\uFDD0C\\U0001FFFFD\"",
            1,
        );
    let out = agendum()
        .file("m.toml", text)
        .args(["site", "m.toml", "-o", "site"])
        .success()
        .run();
    for page in ["index.html", "meeting/sec-10-0.html", "group/sec.html"] {
        let html = out.read(Path::new("site").join(page));
        for c in ['\u{fffe}', '\u{fdd0}', '\u{1ffff}'] {
            assert!(!html.contains(c), "{page} has U+{:04X}", u32::from(c));
        }
        assert!(html.contains("A\u{fffd}B\u{fffd}C\u{fffd}D"), "{page}");
    }
}

#[test]
fn a_url_with_a_query_or_a_fragment_is_refused() {
    for url in [
        "https://wg.example.org/tp24/?x=1#f",
        "https://wg.example.org/tp24/#f",
        "https://wg.example.org/tp24?x",
    ] {
        let out = agendum()
            .copy("m.toml", "schedules/sec-10-berlin.toml")
            .args(["site", "m.toml", "-o", "site", "--url", url])
            .status(2)
            .stderr(format!(
                "agendum site: --url {url}: give the site's folder URL with no query (?) or fragment (#): the feeds' paths are added at its end\n"
            ))
            .run();
        assert!(!out.path("site").exists(), "nothing is written");
    }
    // serve and release check theirs the same way.
    agendum()
        .copy("m.toml", "schedules/sec-10-berlin.toml")
        .args([
            "serve",
            "m.toml",
            "--port",
            "0",
            "--url",
            "http://127.0.0.1/x?y",
        ])
        .status(2)
        .stderr_contains("--url http://127.0.0.1/x?y: give the site's folder URL with no query")
        .run();
    agendum()
        .copy("m.toml", "schedules/sec-10-berlin.toml")
        .args([
            "release",
            "m.toml",
            "--previous",
            "site",
            "--url",
            "https://a.example/#x",
        ])
        .status(2)
        .stderr_contains("--url https://a.example/#x: give the site's folder URL with no query")
        .run();
}

#[test]
fn the_help_of_site_says_its_own_exit_codes() {
    let out = agendum().args(["site", "--help"]).success().run();
    assert!(!out.stdout.contains("--deny"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("  1  no site written: the files have errors, the week has no session"),
        "{}",
        out.stdout
    );
}
