//! The real consumers the tests feed agendum's outputs to: Python
//! `icalendar`, `vobject` and `python-docx` and `khal` (in a virtual
//! environment under `target/consumers/venv`), `ical.js` (npm, in
//! `tests/consumers/node_modules`), headless Chromium and poppler's
//! `pdfinfo` (Debian packages), and libical (Debian's `libical-dev`,
//! through `ical_check`, compiled into `target/consumers`). Every consumer
//! run is killed after [`LIMIT`].
//!
//! The first test that needs one runs `tests/consumers/install.sh` (once per
//! test run; it skips what is already installed). A consumer that is still
//! missing fails every test that needs it with one line naming it and the
//! command that installs it; no test skips. `AGENDUM_TEST_NO_INSTALL=1`
//! turns the installing off.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::{BIN, ROOT, drain};

/// How long one run of a consumer may take before it is killed.
pub const LIMIT: Duration = Duration::from_secs(180);

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
