//! `agendum serve`: the real binary on a free port of 127.0.0.1, asked by a
//! small HTTP/1.1 client over `TcpStream` (keep-alive, Content-Length
//! bodies: what the server sends). The TP week is copied into a scratch
//! folder and edited there the way editors save: a new file renamed over
//! the old one.
//!
//! Waits for a rebuild are bounded (the build id an open page polls must
//! change within [`REBUILD_WAIT`]); nothing here measures speed.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::support::{BIN, agendum, copy_meeting};

/// The longest wait for a rebuild to be served.
const REBUILD_WAIT: Duration = Duration::from_secs(20);

/// The files of the TP week.
const WEEK: [&str; 6] = ["tp", "arc", "mas", "pro", "req", "sec"];

/// SEC's S1, Monday 13:00 in the file.
const S1: &str = "id = \"S1\"\nkind = \"break-out\"\nday = 2016-07-18\nslot = 3\n";

/// A running `agendum serve`, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    port: u16,
    stderr: Arc<Mutex<String>>,
    dir: TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Serves `files` (names in `dir`) on a free port.
    fn start(dir: TempDir, files: &[&str]) -> Self {
        let mut child = Command::new(BIN)
            .arg("serve")
            .args(files)
            .args(["--port", "0"])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("agendum serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr is piped");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped"))
            .read_line(&mut first)
            .expect("stdout is read");
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "no URL on the first line {first:?}; stderr: {}",
                    stderr.lock().unwrap()
                )
            })
            .to_string();
        let host = url.trim_start_matches("http://").trim_end_matches('/');
        let addr: SocketAddr = host.parse().expect("the URL names an address and port");
        assert!(addr.ip().is_loopback(), "{url} is not on 127.0.0.1");
        Self {
            child,
            port: addr.port(),
            addr,
            stderr,
            dir,
        }
    }

    /// A path in the served folder.
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// One request on a connection of its own.
    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        Connection::open(self.addr).send("GET", path, headers)
    }

    /// The build id an open page polls.
    fn build(&self) -> String {
        String::from_utf8(self.get("/.agendum/build", &[]).body).expect("the build id is text")
    }

    /// Waits until the build id is no longer `old`; returns the new one.
    fn rebuilt(&self, old: &str) -> String {
        let start = Instant::now();
        loop {
            let now = self.build();
            if now != old {
                return now;
            }
            assert!(
                start.elapsed() < REBUILD_WAIT,
                "no rebuild within {REBUILD_WAIT:?}; stderr:\n{}",
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A copy of the TP week in a scratch folder: its files in `w/`, beside
/// the shared groups file they include (`groups/onem2m.toml`).
fn week() -> TempDir {
    let dir = tempfile::tempdir().expect("a scratch folder");
    for sub in ["w", "groups"] {
        std::fs::create_dir(dir.path().join(sub)).expect("a folder of the copy");
    }
    copy_meeting(
        "schedules/groups/onem2m.toml",
        dir.path().join("groups/onem2m.toml"),
    );
    for f in WEEK {
        copy_meeting(
            format!("schedules/tp-week/{f}.toml"),
            dir.path().join(format!("w/{f}.toml")),
        );
    }
    dir
}

/// The file names of the week, as given to the server.
fn week_files() -> Vec<String> {
    WEEK.iter().map(|f| format!("w/{f}.toml")).collect()
}

/// Saves `text` to `path` as editors do: a new file renamed over the old.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("toml.new");
    std::fs::write(&tmp, text).expect("the new file is written");
    std::fs::rename(&tmp, path).expect("the new file is renamed into place");
}

/// One response.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    /// A header's value (names compared case-insensitively).
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("the body is UTF-8")
    }
}

/// A keep-alive HTTP/1.1 connection.
struct Connection {
    reader: BufReader<TcpStream>,
}

impl Connection {
    fn open(addr: SocketAddr) -> Self {
        let stream = TcpStream::connect(addr).expect("the server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Self {
            reader: BufReader::new(stream),
        }
    }

    /// Sends a request and reads its response (a body of Content-Length
    /// bytes; none for HEAD and 304).
    fn send(&mut self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (k, v) in headers {
            let _ = write!(req, "{k}: {v}\r\n");
        }
        req.push_str("\r\n");
        self.reader
            .get_mut()
            .write_all(req.as_bytes())
            .expect("the request is sent");
        let mut line = String::new();
        self.reader
            .read_line(&mut line)
            .expect("the status line is read");
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("a status line, not {line:?}"));
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            self.reader.read_line(&mut h).expect("a header is read");
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (k, v) = h.split_once(':').expect("a header has a colon");
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        let mut reply = Reply {
            status,
            headers,
            body: Vec::new(),
        };
        if method != "HEAD" && status != 304 {
            let len: usize = reply
                .header("content-length")
                .and_then(|v| v.parse().ok())
                .expect("the response has a Content-Length");
            reply.body = vec![0; len];
            self.reader
                .read_exact(&mut reply.body)
                .expect("the body is read");
        }
        reply
    }
}

#[test]
fn serves_the_site_with_validators_and_refuses_what_it_must() {
    let s = Server::start(
        week(),
        &week_files().iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let index = s.get("/", &[]);
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let build = s.build();
    assert!(
        index.text().contains(&format!(
            "<meta name=\"agendum-build\" content=\"{build}\">"
        )),
        "the page carries the build id it polls"
    );
    assert_eq!(s.get("/index.html?group=SEC", &[]).body, index.body);

    let sec = s.get("/group/sec.html", &[]);
    assert_eq!(sec.status, 200);
    let port = s.port;
    assert!(
        sec.text()
            .contains(&format!("href=\"webcal://127.0.0.1:{port}/group/sec.ics\""))
    );
    assert!(
        sec.text()
            .contains(&format!("href=\"http://127.0.0.1:{port}/group/sec.ics\""))
    );

    let feed = s.get("/group/sec.ics", &[]);
    assert_eq!(feed.status, 200);
    assert_eq!(
        feed.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(feed.text().starts_with("BEGIN:VCALENDAR"));
    assert!(feed.text().contains("UID:SEC-24-S1@agendum.invalid"));
    let etag = feed.header("etag").expect("an ETag").to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() > 10,
        "a strong ETag: {etag}"
    );
    let modified = feed
        .header("last-modified")
        .expect("a Last-Modified")
        .to_string();
    assert!(modified.ends_with(" GMT"), "an HTTP date: {modified}");

    let again = s.get("/group/sec.ics", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert_eq!(
        s.get("/group/sec.ics", &[("If-Modified-Since", &modified)])
            .status,
        304
    );
    assert_eq!(
        s.get("/group/sec.ics", &[("If-None-Match", "\"stale\"")])
            .status,
        200
    );
    assert_eq!(
        s.get(
            "/group/sec.ics",
            &[
                ("If-None-Match", "\"stale\""),
                ("If-Modified-Since", &modified)
            ]
        )
        .status,
        200,
        "If-None-Match decides when both are sent"
    );

    let head = Connection::open(s.addr).send("HEAD", "/group/sec.ics", &[]);
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("content-length"),
        Some(feed.body.len().to_string().as_str())
    );
    assert_eq!(head.header("etag"), Some(etag.as_str()));

    let missing = s.get("/group/nobody.ics", &[]);
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Not found"));
    let refused = Connection::open(s.addr).send("POST", "/index.html", &[("Content-Length", "0")]);
    assert_eq!(refused.status, 405);
    assert_eq!(refused.header("allow"), Some("GET, HEAD"));
    for bad in [
        "/../sec.toml",
        "/group/../../sec.toml",
        "/%2e%2e/sec.toml",
        "/group%2fsec.ics",
        "/..%5csec.toml",
    ] {
        assert_eq!(s.get(bad, &[]).status, 400, "{bad}");
    }
    // A head larger than the server takes is refused, not read.
    let big = "x".repeat(64 * 1024);
    let status = Connection::open(s.addr)
        .send("GET", "/", &[("X-Big", &big)])
        .status;
    assert_eq!(status, 431);
}

#[test]
fn a_change_rebuilds_a_broken_file_keeps_the_last_site_and_a_fix_clears_it() {
    let s = Server::start(
        week(),
        &week_files().iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let sec = std::fs::read_to_string(s.path("w/sec.toml")).unwrap();
    assert!(sec.contains(S1));
    let before = s.get("/group/sec.ics", &[]);
    let mas = s.get("/group/mas.ics", &[]);
    assert!(
        before
            .text()
            .contains("DTSTART;TZID=America/Toronto:20160718T130000")
    );
    let build = s.build();

    // S1 moves to 17:00.
    save(
        &s.path("w/sec.toml"),
        &sec.replace(S1, &S1.replace("slot = 3", "slot = 5")),
    );
    let build = s.rebuilt(&build);
    let after = s.get("/group/sec.ics", &[]);
    assert!(
        after
            .text()
            .contains("DTSTART;TZID=America/Toronto:20160718T170000"),
        "{}",
        after.text()
    );
    assert_ne!(after.header("etag"), before.header("etag"));
    assert!(
        httpdate(after.header("last-modified")) > httpdate(before.header("last-modified")),
        "a changed feed has a later Last-Modified"
    );
    let old_etag = before.header("etag").unwrap();
    assert_eq!(
        s.get("/group/sec.ics", &[("If-None-Match", old_etag)])
            .status,
        200
    );
    // A feed the move does not touch keeps its validators.
    let mas_now = s.get("/group/mas.ics", &[]);
    assert_eq!(mas_now.header("etag"), mas.header("etag"));
    assert_eq!(mas_now.header("last-modified"), mas.header("last-modified"));
    assert_eq!(
        s.get(
            "/group/mas.ics",
            &[("If-None-Match", mas.header("etag").unwrap())]
        )
        .status,
        304
    );
    assert!(s.get("/index.html", &[]).text().contains("17:00-18:30"));

    // A broken file: the last good site, with the diagnostic on every page.
    let moved = std::fs::read_to_string(s.path("w/sec.toml")).unwrap();
    save(
        &s.path("w/sec.toml"),
        &moved.replace("slot = 5", "slot = \"five\""),
    );
    let build = s.rebuilt(&build);
    for page in [
        "/",
        "/group/sec.html",
        "/documents.html",
        "/meeting/sec-24.html",
    ] {
        let r = s.get(page, &[]);
        assert_eq!(r.status, 200, "{page}");
        let text = r.text();
        assert!(text.contains("class=\"banner\""), "{page} shows no banner");
        assert!(
            text.contains("sec.toml:"),
            "{page}: the banner names the file and line"
        );
        assert!(text.contains("last good site"), "{page}");
        assert!(!text.contains('\u{1b}'), "{page}: no terminal colours");
    }
    let kept = s.get("/group/sec.ics", &[]);
    assert_eq!(kept.body, after.body, "the feed stays the last good one");
    assert_eq!(kept.header("etag"), after.header("etag"));

    // Fixed (and S1 moved once more): the banner goes.
    save(
        &s.path("w/sec.toml"),
        &moved.replace("slot = 5", "slot = 4"),
    );
    s.rebuilt(&build);
    let index = s.get("/", &[]).text();
    assert!(!index.contains("last good site"), "{index}");
    // At 15:00 S1 meets ARC's S1, which Karen Hughes attends too: what
    // `agendum check` says is in the banner now.
    assert!(
        index.contains("<pre class=\"banner\" role=\"alert\">error[person-overlap]: Karen Hughes"),
        "{index}"
    );
    assert!(
        s.get("/group/sec.ics", &[])
            .text()
            .contains("DTSTART;TZID=America/Toronto:20160718T150000")
    );
    let log = s.stderr.lock().unwrap().clone();
    assert!(log.contains("rebuilt"), "{log}");
    assert!(log.contains("last good site is served"), "{log}");
}

/// A Last-Modified value as seconds.
fn httpdate(v: Option<&str>) -> u64 {
    // "Wed, 02 Dec 2026 03:42:53 GMT": day, month, year and time compare
    // as a tuple.
    let v = v.expect("a Last-Modified");
    let parts: Vec<&str> = v.split_whitespace().collect();
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == parts[2])
    .expect("a month") as u64;
    let time: Vec<u64> = parts[4].split(':').map(|n| n.parse().unwrap()).collect();
    let (day, year): (u64, u64) = (parts[1].parse().unwrap(), parts[3].parse().unwrap());
    ((((year * 12 + month) * 31 + day) * 24 + time[0]) * 60 + time[1]) * 60 + time[2]
}

#[test]
fn files_broken_from_the_start_serve_the_diagnostic_until_fixed() {
    let dir = week();
    let sec = std::fs::read_to_string(dir.path().join("w/sec.toml")).unwrap();
    std::fs::write(
        dir.path().join("w/sec.toml"),
        sec.replace(S1, &S1.replace("slot = 3", "slot = \"three\"")),
    )
    .unwrap();
    let s = Server::start(
        dir,
        &week_files().iter().map(String::as_str).collect::<Vec<_>>(),
    );
    for path in ["/", "/group/sec.ics"] {
        let r = s.get(path, &[]);
        assert_eq!(r.status, 503, "{path}");
        assert_eq!(r.header("retry-after"), Some("5"));
        assert!(r.text().contains("The site cannot be built"));
        assert!(
            r.text().contains("sec.toml:"),
            "the diagnostic names the file: {}",
            r.text()
        );
    }
    // The diagnostic as `agendum check` prints it, its lines kept.
    let page = s.get("/", &[]).text();
    for block in check_errors(s.dir.path()) {
        assert!(page.contains(&html(&block)), "{block}\nnot in\n{page}");
    }
    let build = s.build();
    save(&s.path("w/sec.toml"), &sec);
    s.rebuilt(&build);
    let feed = s.get("/group/sec.ics", &[]);
    assert_eq!(feed.status, 200);
    assert!(
        feed.text()
            .contains("DTSTART;TZID=America/Toronto:20160718T130000")
    );
}

#[test]
fn a_thousand_conditional_gets_of_a_feed_get_304s() {
    let s = Server::start(
        week(),
        &week_files().iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let etag = s.get("/all.ics", &[]).header("etag").unwrap().to_string();
    let (threads, each) = (4, 250);
    let addr = s.addr;
    let answers: Vec<Vec<u16>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let etag = etag.clone();
                scope.spawn(move || {
                    let mut c = Connection::open(addr);
                    (0..each)
                        .map(|_| {
                            c.send("GET", "/all.ics", &[("If-None-Match", &etag)])
                                .status
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a client thread"))
            .collect()
    });
    let all: Vec<u16> = answers.into_iter().flatten().collect();
    assert_eq!(all.len(), 1000);
    assert!(
        all.iter().all(|&s| s == 304),
        "not all 304: {:?}",
        all.iter().filter(|&&s| s != 304).collect::<Vec<_>>()
    );
}

#[test]
fn what_stops_it_at_start() {
    agendum()
        .args(["serve", "missing.toml", "--port", "0"])
        .status(2)
        .stderr_contains("nothing served: a file cannot be read")
        .run();
    agendum()
        .copy("sec.toml", "schedules/sec-10-berlin.toml")
        .args(["serve", "sec.toml", "--port", "0", "--url", "webcal://x"])
        .status(2)
        .stderr_contains("--url webcal://x: give an http:// or https:// URL")
        .run();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    agendum()
        .copy("sec.toml", "schedules/sec-10-berlin.toml")
        .args(["serve", "sec.toml", "--port", &port])
        .status(2)
        .stderr_contains(format!("cannot listen on 127.0.0.1:{port}"))
        .run();
}

#[test]
fn a_change_to_the_notices_file_a_meeting_names_rebuilds() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    copy_meeting("schedules/sec-10-berlin.toml", dir.path().join("sec.toml"));
    let s = Server::start(dir, &["sec.toml"]);
    let page = "/meeting/sec-10-0.html";
    assert!(
        s.get(page, &[])
            .text()
            .contains("acceptance of and agreement to be bound")
    );
    let build = s.build();
    let notices = s.path("notices/onem2m.toml");
    let text = std::fs::read_to_string(&notices).unwrap();
    save(
        &notices,
        &text.replace(
            "acceptance of and agreement",
            "acceptance of, and agreement",
        ),
    );
    s.rebuilt(&build);
    assert!(
        s.get(page, &[])
            .text()
            .contains("acceptance of, and agreement to be bound")
    );
}

#[test]
fn a_delegate_subscribed_to_the_served_sec_feed_gets_every_event_and_the_moves() {
    use crate::release::{by_summary, move_s2, remove_s7, synced, vdirsyncer, vdirsyncer_config};
    let s = Server::start(
        week(),
        &week_files().iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let url = format!("http://{}/group/sec.ics", s.addr);
    let client = tempfile::tempdir().expect("the client's folder");
    let config = vdirsyncer_config(client.path(), &url);
    vdirsyncer(&config, &["discover"]);
    vdirsyncer(&config, &["sync"]);
    let served = by_summary(&s.get("/group/sec.ics", &[]).text());
    let first = synced(&client.path().join("calendar"));
    assert_eq!(first.len(), 12, "SEC's 12 sessions: {:?}", first.keys());
    assert_eq!(
        first, served,
        "vdirsyncer got every event as served, UIDs aside"
    );
    assert_eq!(first["SEC#24 Session S2"]["DTSTART"], "20160719T083000");

    // The chair moves S2 to Wednesday and drops S7; the server rebuilds and
    // the delegate's next sync follows.
    let build = s.build();
    let sec = std::fs::read_to_string(s.path("w/sec.toml")).unwrap();
    save(&s.path("w/sec.toml"), &remove_s7(&move_s2(&sec)));
    s.rebuilt(&build);
    vdirsyncer(&config, &["sync"]);
    let second = synced(&client.path().join("calendar"));
    assert_eq!(second["SEC#24 Session S2"]["DTSTART"], "20160720T130000");
    assert!(
        !second.contains_key("SEC#24 Session S7"),
        "S7 is gone from the client: {:?}",
        second.keys()
    );
    assert_eq!(second.len(), first.len() - 1);
}

/// The errors `agendum check` prints for the TP week in `dir`, one block
/// each ("error[...]" to its last line).
fn check_errors(dir: &Path) -> Vec<String> {
    let out = Command::new(BIN)
        .arg("check")
        .args(week_files())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("agendum check runs");
    let text = String::from_utf8(out.stdout).expect("check prints text");
    let blocks: Vec<String> = text
        .split("\n\n")
        .filter(|b| b.starts_with("error["))
        .map(str::to_string)
        .collect();
    assert!(!blocks.is_empty(), "check finds no error:\n{text}");
    blocks
}

/// Text as HTML escapes it.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn errors_check_finds_are_on_every_page_and_on_stderr() {
    let dir = week();
    let sec = std::fs::read_to_string(dir.path().join("w/sec.toml")).unwrap();
    // S2 beside S1, in its room: a room and a group in two sessions.
    let from = "id = \"S2\"\nkind = \"break-out\"\nday = 2016-07-19\nslot = 1";
    assert!(sec.contains(from));
    std::fs::write(
        dir.path().join("w/sec.toml"),
        sec.replace(
            from,
            "id = \"S2\"\nkind = \"break-out\"\nday = 2016-07-18\nslot = 3",
        ),
    )
    .unwrap();
    let s = Server::start(
        dir,
        &week_files().iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let errors = check_errors(s.dir.path());
    assert!(errors.iter().any(|e| e.starts_with("error[room-overlap]")));
    for page in ["/", "/group/sec.html"] {
        let r = s.get(page, &[]);
        assert_eq!(r.status, 200, "{page}: the site is served");
        let text = r.text();
        assert!(
            text.contains("<pre class=\"banner\" role=\"alert\">"),
            "{page}"
        );
        for e in &errors {
            assert!(text.contains(&html(e)), "{page}: {e}\nnot in\n{text}");
        }
        assert!(!text.contains('\u{1b}'), "{page}: no terminal colours");
    }
    let log = s.stderr.lock().unwrap().clone();
    assert_eq!(log.matches("error[room-overlap]").count(), 1, "{log}");
    assert!(
        log.contains("`agendum check` finds errors (above)"),
        "{log}"
    );

    // Fixed: the banner goes.
    let build = s.build();
    save(&s.path("w/sec.toml"), &sec);
    s.rebuilt(&build);
    assert!(!s.get("/", &[]).text().contains("class=\"banner\""));
}
