//! The real consumers the tests feed agendum's outputs to: Python
//! `icalendar`, `vobject` and `python-docx` and `khal` (in a virtual
//! environment under `target/consumers/venv`), `ical.js` (npm, in
//! `tests/consumers/node_modules`), headless Chromium, `LibreOffice` and
//! poppler's `pdfinfo`, `pdftotext` and `pdftoppm` (Debian packages), libical (Debian's `libical-dev`, through
//! `ical_check`, compiled into `target/consumers`), and two servers a test
//! starts for itself: the Radicale `CalDAV` server ([`Radicale`]) and an
//! aiosmtpd SMTP server that keeps what it receives ([`SmtpSink`]), both
//! from the virtual environment.
//!
//! A server listens on 127.0.0.1 on a free port, in a scratch directory of
//! its own, and is stopped when its guard is dropped (or, should the test
//! process die, when its standard input closes, and at the latest after
//! [`SERVER_LIMIT`]). Every consumer run is killed after [`LIMIT`].
//!
//! The first test that needs one runs `tests/consumers/install.sh` (once per
//! test run; it skips what is already installed). A consumer that is still
//! missing fails every test that needs it with one line naming it and the
//! command that installs it; no test skips. `AGENDUM_TEST_NO_INSTALL=1`
//! turns the installing off.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use super::{BIN, ROOT, drain};

/// How long one run of a consumer may take before it is killed.
pub const LIMIT: Duration = Duration::from_secs(180);

/// How long a server started by a test lives at most.
pub const SERVER_LIMIT: Duration = Duration::from_secs(900);

/// How long a server may take to start listening.
const START_LIMIT: Duration = Duration::from_secs(60);

/// The command that installs every consumer.
const INSTALL: &str = "bash tests/consumers/install.sh";

/// Where the consumers are installed: `consumers/` in Cargo's target directory.
pub fn dir() -> PathBuf {
    // BIN is <target>/<profile>/agendum.
    let profile = Path::new(BIN).parent().expect("the binary's directory");
    profile.parent().unwrap_or(profile).join("consumers")
}

fn venv() -> PathBuf {
    dir().join("venv")
}

/// Runs the install script, once per test run. `None` when it ran and
/// succeeded; otherwise why it did not.
fn install() -> Option<&'static str> {
    static DONE: OnceLock<Option<String>> = OnceLock::new();
    DONE.get_or_init(|| {
        if std::env::var_os("AGENDUM_TEST_NO_INSTALL").is_some_and(|v| !v.is_empty() && v != "0") {
            return Some("AGENDUM_TEST_NO_INSTALL is set".into());
        }
        let dir = dir();
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Some(format!("cannot create {}: {e}", dir.display()));
        }
        let log = dir.join("install.log");
        let out = Command::new("bash")
            .arg(Path::new(ROOT).join("tests/consumers/install.sh"))
            .env("AGENDUM_CONSUMERS", &dir)
            .current_dir(ROOT)
            .stdin(Stdio::null())
            .output();
        match out {
            Ok(out) => {
                let _ = std::fs::write(&log, [out.stdout, out.stderr].concat());
                (!out.status.success())
                    .then(|| format!("tests/consumers/install.sh failed, see {}", log.display()))
            }
            Err(e) => Some(format!("cannot run bash: {e}")),
        }
    })
    .as_deref()
}

/// The line a test fails with when `what` is missing.
pub fn missing_line(what: &str, why: Option<&str>, run: &str, or: &str) -> String {
    let why = why.map(|w| format!(" ({w})")).unwrap_or_default();
    format!("{what} is missing{why}: run {run} (or: {or})")
}

/// `what` is missing: the line, after the install was tried.
fn missing(what: &str, run: &str, or: &str) -> String {
    missing_line(what, install(), run, or)
}

/// The Python package that gives `module`.
fn package(module: &str) -> &str {
    match module {
        "docx" => "python-docx",
        other => other,
    }
}

/// Whether `python` imports `module`; otherwise the one line to fail with.
pub fn check_module(python: &Path, module: &str) -> Result<(), String> {
    let imports = Command::new(python)
        .args(["-c", &format!("import {module}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if imports {
        Ok(())
    } else {
        let venv = venv();
        Err(missing(
            package(module),
            INSTALL,
            &format!(
                "python3 -m venv {0} && {0}/bin/pip install -r tests/consumers/requirements.txt",
                venv.display()
            ),
        ))
    }
}

/// The virtual environment's Python, with `modules` importable.
#[track_caller]
pub fn python(modules: &[&str]) -> PathBuf {
    static CHECKED: Mutex<BTreeMap<String, Result<(), String>>> = Mutex::new(BTreeMap::new());
    install();
    let python = venv().join("bin/python");
    for module in modules {
        let result = CHECKED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry((*module).to_string())
            .or_insert_with(|| check_module(&python, module))
            .clone();
        if let Err(line) = result {
            panic!("{line}");
        }
    }
    python
}

/// A program found on PATH, or the line to fail with.
fn on_path(name: &str, or: &str, root: bool) -> Result<PathBuf, String> {
    install();
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            let run = if root {
                format!("{INSTALL} as root")
            } else {
                INSTALL.to_string()
            };
            missing(name, &run, or)
        })
}

/// `khal`, from the virtual environment.
#[track_caller]
pub fn khal() -> PathBuf {
    python(&["khal"]);
    venv().join("bin/khal")
}

/// `node`, with `ical.js` installed beside the consumer scripts.
#[track_caller]
pub fn node() -> PathBuf {
    let node =
        on_path("node", "apt-get install nodejs npm", true).unwrap_or_else(|l| panic!("{l}"));
    let consumers = Path::new(ROOT).join("tests/consumers");
    if !consumers
        .join("node_modules/ical.js/package.json")
        .is_file()
    {
        panic!(
            "{}",
            missing("ical.js", INSTALL, "cd tests/consumers && npm ci")
        );
    }
    node
}

/// Headless Chromium (Debian package `chromium`).
#[track_caller]
pub fn chromium() -> PathBuf {
    on_path(
        "chromium",
        "apt-get install --no-install-recommends chromium fonts-dejavu-core",
        true,
    )
    .unwrap_or_else(|l| panic!("{l}"))
}

/// poppler's `pdfinfo` (Debian package `poppler-utils`).
#[track_caller]
pub fn pdfinfo() -> PathBuf {
    on_path("pdfinfo", "apt-get install poppler-utils", true).unwrap_or_else(|l| panic!("{l}"))
}

/// poppler's `pdftotext` (Debian package `poppler-utils`).
#[track_caller]
pub fn pdftotext() -> PathBuf {
    on_path("pdftotext", "apt-get install poppler-utils", true).unwrap_or_else(|l| panic!("{l}"))
}

/// poppler's `pdftoppm` (Debian package `poppler-utils`).
#[track_caller]
pub fn pdftoppm() -> PathBuf {
    on_path("pdftoppm", "apt-get install poppler-utils", true).unwrap_or_else(|l| panic!("{l}"))
}

/// `LibreOffice`'s `soffice`, which prints the Word files to PDF (Debian
/// package `libreoffice-writer-nogui`).
#[track_caller]
pub fn soffice() -> PathBuf {
    on_path(
        "soffice",
        "apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation",
        true,
    )
    .unwrap_or_else(|l| panic!("{l}"))
}

/// The consumer scripts of tests/consumers.
pub fn script(name: &str) -> PathBuf {
    Path::new(ROOT).join("tests/consumers").join(name)
}

/// Runs the consumer script `name` with `program` on `args`: it must
/// succeed, and what it prints is read as JSON.
#[track_caller]
pub fn read_json<T, I, S>(program: &Path, name: &str, args: I) -> T
where
    T: serde::de::DeserializeOwned,
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = run_bounded(Command::new(program).arg(script(name)).args(&args));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{name} {args:?} printed no JSON: {e}"))
}

/// Runs `command` (no standard input) to its end and returns what it
/// printed; kills it and fails after [`LIMIT`].
#[track_caller]
pub fn run_bounded(command: &mut Command) -> std::process::Output {
    let name = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{name}: cannot start: {e}"));
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the consumer is waited for") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{name}: still running after {LIMIT:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    std::process::Output {
        status,
        stdout: stdout.join().expect("stdout is read"),
        stderr: stderr.join().expect("stderr is read"),
    }
}

/// The Word file at `path` as python-docx reads it: its paragraphs (style
/// and text), every table's rows, and whether each table's first row repeats.
#[track_caller]
pub fn read_docx(path: &Path) -> serde_json::Value {
    read_json(&python(&["docx"]), "read_docx.py", [path])
}

// libical.

/// `ical_check` (`tests/consumers/ical_check.c`): libical's parser and its
/// iTIP restriction check, compiled by the install script.
#[track_caller]
pub fn ical_check() -> PathBuf {
    install();
    let program = dir().join("ical_check");
    assert!(
        program.is_file(),
        "{}",
        missing(
            "ical_check (libical)",
            &format!("{INSTALL} as root"),
            &format!(
                "apt-get install libical-dev gcc && gcc tests/consumers/ical_check.c -o {} -lical",
                program.display()
            ),
        )
    );
    program
}

/// What libical records about the calendar stream at `path`: one line per
/// X-LIC-ERROR (a parse error, or a failed iTIP restriction of the
/// calendar's METHOD), as `FILE: COMPONENT UID: MESSAGE (TYPE)`; none when
/// libical accepts it. Fails if libical finds no VCALENDAR at all.
#[track_caller]
pub fn libical_errors(path: &Path) -> Vec<String> {
    let out = run_bounded(Command::new(ical_check()).arg(path));
    let stdout = String::from_utf8_lossy(&out.stdout);
    match out.status.code() {
        Some(0 | 1) => stdout.lines().map(str::to_string).collect(),
        Some(2) => panic!("libical cannot read {}:\n{stdout}", path.display()),
        _ => panic!(
            "ical_check {} did not run ({}): {} (run {INSTALL} as root)",
            path.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ),
    }
}

/// libical parses the calendar stream at `path` without an error and every
/// VCALENDAR passes the iTIP restrictions of its METHOD; otherwise fails
/// with libical's lines.
#[track_caller]
pub fn libical_accepts(path: &Path) {
    let errors = libical_errors(path);
    assert!(
        errors.is_empty(),
        "libical does not accept {}:\n{}",
        path.display(),
        errors.join("\n")
    );
}

// The servers.

/// A free TCP port on 127.0.0.1 (free when asked: the server that takes it
/// is started again on another one if someone else was faster).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// Kills a server's process when dropped; its standard input closes too.
struct Server {
    child: Child,
    _stdin: Option<ChildStdin>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `python script args...` as a server: standard input kept open (the
/// server stops when it closes), standard error into `log`.
fn start_server(
    python: &Path,
    script_name: &str,
    args: &[OsString],
    stdout: Stdio,
    log: &Path,
) -> Server {
    let log_file = std::fs::File::create(log)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", log.display()));
    let mut child = Command::new(python)
        .arg(script(script_name))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(log_file)
        .spawn()
        .unwrap_or_else(|e| panic!("{script_name}: cannot start: {e}"));
    let stdin = child.stdin.take();
    Server {
        child,
        _stdin: stdin,
    }
}

/// The last lines of a server's log, for a failure message.
fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

/// The Radicale `CalDAV` server, on 127.0.0.1 with a calendar collection of
/// its own in a scratch directory, no authentication: the `CalDAV` store a
/// client syncs a calendar to. Stopped when dropped.
///
/// ```ignore
/// let server = Radicale::start();
/// server.put_events(&feed);
/// assert_eq!(server.report_time_range("20160718T040000Z", "20160719T040000Z"), uids);
/// ```
pub struct Radicale {
    // Dropped first: the server stops before its directory is removed.
    _server: Server,
    url: String,
    log: PathBuf,
    _dir: TempDir,
}

impl Radicale {
    /// Starts the server and creates its calendar collection (MKCALENDAR).
    #[track_caller]
    pub fn start() -> Self {
        let python = python(&["radicale", "icalendar"]);
        let dir = tempfile::tempdir().expect("a scratch directory");
        for attempt in 1..=5 {
            let port = free_port();
            let config = dir.path().join("config");
            std::fs::write(
                &config,
                format!(
                    "[server]\nhosts = 127.0.0.1:{port}\n\n[auth]\ntype = none\n\n\
                     [storage]\nfilesystem_folder = {}\n\n[web]\ntype = none\n\n\
                     [logging]\nlevel = info\n",
                    dir.path().join("collections").display()
                ),
            )
            .expect("the configuration is written");
            let log = dir.path().join(format!("radicale-{attempt}.log"));
            let args = [
                OsString::from(SERVER_LIMIT.as_secs().to_string()),
                "--config".into(),
                config.into(),
            ];
            let mut server =
                start_server(&python, "radicale_server.py", &args, Stdio::null(), &log);
            let start = Instant::now();
            loop {
                let text = std::fs::read_to_string(&log).unwrap_or_default();
                if text.contains("Radicale server ready") {
                    let url = format!("http://127.0.0.1:{port}/agendum/calendar/");
                    let made: Value =
                        read_json(&python, "caldav_client.py", ["mkcalendar", url.as_str()]);
                    assert_eq!(
                        made["status"],
                        201,
                        "Radicale: MKCALENDAR {url}: {made}\n{}",
                        log_tail(&log)
                    );
                    return Self {
                        _server: server,
                        url,
                        log,
                        _dir: dir,
                    };
                }
                if let Some(status) = server.child.try_wait().expect("Radicale is waited for") {
                    // Someone took the port between free_port and the bind.
                    if text.contains("Address already in use") && attempt < 5 {
                        break;
                    }
                    panic!(
                        "Radicale stopped before it listened ({status}):\n{}",
                        log_tail(&log)
                    );
                }
                assert!(
                    start.elapsed() < START_LIMIT,
                    "Radicale does not listen after {START_LIMIT:?}:\n{}",
                    log_tail(&log)
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        unreachable!("the last attempt returns or fails")
    }

    /// The calendar collection's URL, `http://127.0.0.1:PORT/agendum/calendar/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// What the server has logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stores the calendar stream at `ics` as a client that syncs it does:
    /// one calendar object per UID (with the VTIMEZONEs it uses, without
    /// METHOD), each PUT to `URL/UID.ics`. Every PUT must be answered 201
    /// (created) or 204 (replaced); returns the UIDs stored, in order.
    #[track_caller]
    pub fn put_events(&self, ics: &Path) -> Vec<String> {
        let python = python(&["icalendar"]);
        let answers: Vec<Value> = read_json(
            &python,
            "caldav_client.py",
            [OsStr::new("put"), OsStr::new(&self.url), ics.as_os_str()],
        );
        let refused: Vec<String> = answers
            .iter()
            .filter(|a| a["status"] != 201 && a["status"] != 204)
            .map(|a| format!("{} {}: {}", a["uid"], a["status"], a["body"]))
            .collect();
        assert!(
            refused.is_empty(),
            "Radicale refused events of {}:\n{}\n--- Radicale's log\n{}",
            ics.display(),
            refused.join("\n"),
            log_tail(&self.log)
        );
        assert!(!answers.is_empty(), "{}: no event to store", ics.display());
        answers
            .iter()
            .map(|a| a["uid"].as_str().expect("a UID").to_string())
            .collect()
    }

    /// The UIDs of the stored events that overlap `start`..`end` (UTC, as
    /// `20160718T040000Z`), as the server answers a `CalDAV` calendar-query
    /// REPORT with a time-range filter; sorted.
    #[track_caller]
    pub fn report_time_range(&self, start: &str, end: &str) -> Vec<String> {
        read_json(
            &python(&["icalendar"]),
            "caldav_client.py",
            ["report", self.url.as_str(), start, end],
        )
    }
}

/// An SMTP server (aiosmtpd) on 127.0.0.1 that accepts every message and
/// keeps it in a scratch directory, with its envelope, instead of
/// delivering it; it can refuse chosen recipients with 550. Stopped when
/// dropped.
///
/// ```ignore
/// let sink = SmtpSink::start();
/// agendum().args(["invite", "w.toml", "--smtp", &sink.url()]).success().run();
/// let messages = sink.messages();
/// ```
pub struct SmtpSink {
    // Dropped first: the server stops before its directory is removed.
    _server: Server,
    port: u16,
    log: PathBuf,
    dir: TempDir,
}

impl SmtpSink {
    /// A sink that accepts every recipient.
    #[track_caller]
    pub fn start() -> Self {
        Self::refusing(&[])
    }

    /// A sink that answers `RCPT TO` with 550 for these addresses (and
    /// accepts the others).
    #[track_caller]
    pub fn refusing(addresses: &[&str]) -> Self {
        let python = python(&["aiosmtpd", "icalendar"]);
        let dir = tempfile::tempdir().expect("a scratch directory");
        let mail = dir.path().join("mail");
        std::fs::create_dir(&mail).expect("the mail folder is made");
        let log = dir.path().join("smtp.log");
        let mut args = vec![
            mail.into_os_string(),
            SERVER_LIMIT.as_secs().to_string().into(),
        ];
        for a in addresses {
            args.push("--refuse".into());
            args.push(a.into());
        }
        let mut server = start_server(&python, "smtp_sink.py", &args, Stdio::piped(), &log);
        // The first line it prints is its port, once it accepts connections.
        let stdout = server.child.stdout.take().expect("the sink's stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(START_LIMIT).unwrap_or_else(|_| {
            panic!(
                "the SMTP sink does not listen after {START_LIMIT:?}:\n{}",
                log_tail(&log)
            )
        });
        let port = line.trim().parse().unwrap_or_else(|_| {
            // It stopped (its stdout closed): give it a moment to finish its log.
            let start = Instant::now();
            while server.child.try_wait().ok().flatten().is_none()
                && start.elapsed() < Duration::from_secs(5)
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            panic!(
                "the SMTP sink stopped before it listened:\n{}",
                log_tail(&log)
            )
        });
        Self {
            _server: server,
            port,
            log,
            dir,
        }
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// What the server has logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The folder the messages are written to (`NNNN.eml`, `NNNN.json`).
    pub fn folder(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    /// Every message received so far, in order, as Python's `email` package
    /// reads it (`tests/consumers/read_mail.py`): the envelope, the headers
    /// From, To, Cc, Subject, Message-ID, the MIME tree, the text/plain
    /// body, and each calendar part read by `icalendar` (METHOD; every
    /// VEVENT's UID, SEQUENCE, SUMMARY, ORGANIZER and ATTENDEEs), also
    /// written to a file of its own (`path`) for [`all_consumers_accept`].
    #[track_caller]
    pub fn messages(&self) -> Vec<Value> {
        read_json(&python(&["icalendar"]), "read_mail.py", [self.folder()])
    }
}

// Every calendar consumer at once.

/// The VCALENDAR objects of a stream, each as its own text.
fn vcalendars(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(begin) = rest.find("BEGIN:VCALENDAR") {
        let from = &rest[begin..];
        let end = from
            .find("END:VCALENDAR")
            .map_or(from.len(), |e| e + "END:VCALENDAR".len());
        let end = if from[end..].starts_with("\r\n") {
            end + 2
        } else {
            end
        };
        out.push(from[..end].to_string());
        rest = &from[end..];
    }
    out
}

/// `khal import`s every VCALENDAR of `text` into an empty calendar; returns
/// how many event files khal stored.
#[track_caller]
fn khal_imports(name: &str, text: &str) -> usize {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let cal = dir.path().join("calendars").join("agendum");
    std::fs::create_dir_all(&cal).expect("khal's calendar folder");
    let config = dir.path().join("khal.conf");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[agendum]]\npath = {}\ntype = calendar\n\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n\
             longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\
             local_timezone = UTC\ndefault_timezone = UTC\n\n[default]\ndefault_calendar = agendum\n",
            cal.display()
        ),
    )
    .expect("khal's configuration");
    for (i, one) in vcalendars(text).iter().enumerate() {
        let file = dir.path().join(format!("{i}.ics"));
        std::fs::write(&file, one).expect("the calendar is written");
        let out = run_bounded(
            Command::new(khal())
                .arg("-c")
                .arg(&config)
                .args(["import", "--batch"])
                .arg(&file)
                .env("XDG_CONFIG_HOME", dir.path().join("config"))
                .env("XDG_DATA_HOME", dir.path().join("data"))
                .env("XDG_CACHE_HOME", dir.path().join("cache"))
                .env("TZ", "UTC"),
        );
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && !said.to_lowercase().contains("error"),
            "khal import does not accept {name} (VCALENDAR {}): {said}",
            i + 1
        );
    }
    std::fs::read_dir(&cal)
        .expect("khal's calendar folder")
        .count()
}

/// Every calendar consumer reads the calendar stream at `path` (a feed, an
/// invitation, a cancellation, a mail's calendar part) and agrees on it:
///
/// - Python `icalendar` (with the system's zone database and with the
///   file's own VTIMEZONEs), `vobject` and `ical.js` read the same events,
///   UID for UID, with the same UTC start and end;
/// - `khal import` takes every VCALENDAR and stores one event per UID;
/// - Radicale takes every event by PUT, and a time-range REPORT over all
///   time returns every UID;
/// - libical parses it without an error and every VCALENDAR passes the
///   iTIP restrictions of its METHOD (last, so a failure here comes after
///   the others have had their say).
///
/// Fails naming the consumer that does not accept it.
#[track_caller]
pub fn all_consumers_accept(path: &Path) {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));

    // The parsers: each one's events as UID -> (start, end).
    let mut readings: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (program, script_name) in [
        (python(&["icalendar", "vobject"]), "parse_ics.py"),
        (node(), "parse_ics.mjs"),
    ] {
        let read: BTreeMap<String, BTreeMap<String, Vec<Value>>> =
            read_json(&program, script_name, [path]);
        readings.extend(read.into_values().flatten());
    }
    let events = |parser: &str| -> BTreeMap<String, (String, String)> {
        readings[parser]
            .iter()
            .map(|e| {
                let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                (s("uid"), (s("start"), s("end")))
            })
            .collect()
    };
    let want = events("icalendar");
    assert!(!want.is_empty(), "{name}: icalendar reads no event");
    for parser in ["icalendar-vtimezone", "vobject", "ical.js"] {
        assert_eq!(
            events(parser),
            want,
            "{name}: {parser} and icalendar read different events"
        );
    }
    let uids: BTreeSet<String> = want.keys().cloned().collect();

    assert_eq!(
        khal_imports(&name, &text),
        uids.len(),
        "{name}: khal stores one event per UID"
    );

    let radicale = Radicale::start();
    let stored: BTreeSet<String> = radicale.put_events(path).into_iter().collect();
    assert_eq!(stored, uids, "{name}: Radicale stores one object per UID");
    let found: BTreeSet<String> = radicale
        .report_time_range("19000101T000000Z", "22000101T000000Z")
        .into_iter()
        .collect();
    assert_eq!(
        found,
        uids,
        "{name}: Radicale finds every event in all time\n--- Radicale's log\n{}",
        log_tail(&radicale.log)
    );

    libical_accepts(path);
}

// The failure path: a consumer that is missing is one line that says what
// to run, never a traceback.

#[test]
fn a_python_that_cannot_run_is_one_line_naming_the_install_command() {
    let err = check_module(Path::new("/nonexistent/bin/python"), "docx").unwrap_err();
    assert!(!err.contains('\n'), "{err}");
    assert!(
        err.starts_with("python-docx is missing")
            && err.contains(": run bash tests/consumers/install.sh (or: ")
            && err.ends_with("/venv/bin/pip install -r tests/consumers/requirements.txt)"),
        "{err}"
    );
}

#[test]
fn a_python_without_the_module_is_one_line_too() {
    let python = python(&[]);
    let err = check_module(&python, "agendum_no_such_module").unwrap_err();
    assert!(!err.contains('\n') && !err.contains("Traceback"), "{err}");
    assert!(
        err.starts_with("agendum_no_such_module is missing"),
        "{err}"
    );
}

#[test]
fn the_missing_line_says_why_and_what_to_run() {
    assert_eq!(
        missing_line(
            "chromium",
            Some("AGENDUM_TEST_NO_INSTALL is set"),
            "bash tests/consumers/install.sh as root",
            "apt-get install chromium"
        ),
        "chromium is missing (AGENDUM_TEST_NO_INSTALL is set): run bash tests/consumers/install.sh as root (or: apt-get install chromium)"
    );
    assert_eq!(
        missing_line("x", None, "a", "b"),
        "x is missing: run a (or: b)"
    );
}

#[test]
fn the_python_scripts_print_one_line_when_a_module_is_missing() {
    // `-S`: no site-packages, so none of the consumers' modules is there.
    let python = python(&[]);
    for (script_name, module) in [
        ("count_ics.py", "icalendar"),
        ("parse_ics.py", "icalendar"),
        ("read_docx.py", "python-docx"),
        ("caldav_client.py", "icalendar"),
        ("ics_days.py", "icalendar"),
        ("read_mail.py", "icalendar"),
        ("radicale_server.py", "radicale"),
        ("smtp_sink.py", "aiosmtpd"),
    ] {
        let out = Command::new(&python)
            .arg("-S")
            .arg(script(script_name))
            .arg("/dev/null")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{script_name}: {err}");
        assert!(out.stdout.is_empty(), "{script_name}");
        assert_eq!(err.lines().count(), 1, "{script_name}: {err}");
        assert!(
            err.starts_with(&format!("{module} is missing: run {INSTALL}")),
            "{script_name}: {err}"
        );
    }
}

#[test]
fn the_node_script_prints_one_line_when_ical_js_is_missing() {
    let node = node();
    // A copy of the script where no node_modules is found.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("parse_ics.mjs");
    std::fs::copy(script("parse_ics.mjs"), &copy).unwrap();
    let out = Command::new(node)
        .arg(&copy)
        .arg("/dev/null")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("ical.js is missing: run {INSTALL}")),
        "{err}"
    );
}

// A browser.

/// A site looked at in Chromium (Playwright) and parsed by html5lib in
/// strict mode: see `tests/consumers/site_check.py`. Screenshots go to
/// `shots` when given.
#[track_caller]
pub fn check_site(site: &Path, group: &str, shots: Option<&Path>) -> serde_json::Value {
    chromium();
    let python = python(&["playwright", "html5lib"]);
    let mut args: Vec<OsString> = vec![site.into(), group.into()];
    if let Some(s) = shots {
        args.push(s.into());
    }
    read_json(&python, "site_check.py", args)
}
