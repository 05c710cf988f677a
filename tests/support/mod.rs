//! Helpers shared by the integration tests: the [`Test`] builder every test
//! runs the binary through, and the real consumers that read its outputs
//! back ([`consumers`]).
//!
//! A case reads like a terminal transcript:
//!
//! ```ignore
//! let out = agendum()
//!     .file("m.toml", MEETING)
//!     .args(["check", "m.toml"])
//!     .status(1)
//!     .stdout_contains("error[unknown-reference]")
//!     .run();
//! ```

pub mod consumers;
pub mod tdoc_xlsx;

use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The crate directory: the tests' files (`tests/`, `schedules/`) are below it.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The `agendum` binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_agendum");

/// `path` below the crate directory.
pub fn root(path: impl AsRef<Path>) -> PathBuf {
    Path::new(ROOT).join(path)
}

/// How the schedules name their body's notices file.
const NAMES_NOTICES: &str = "notices = \"notices/onem2m.toml\"";

/// Copies the meeting file `from` to `to`, with the body's notices folder
/// it names (`notices/` beside it, as in `schedules/`), so that the copy
/// loads as the original does.
pub fn copy_meeting(from: impl AsRef<Path>, to: impl AsRef<Path>) {
    let (from, to) = (root(from), to.as_ref());
    std::fs::copy(&from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    if from.with_file_name("notices").is_dir() {
        notices_beside(to);
    }
}

/// Puts a copy of `schedules/notices/` beside `file`, for a meeting file
/// written from a schedule's text that names `notices/onem2m.toml`.
pub fn notices_beside(file: &Path) {
    let target = file.with_file_name("notices");
    if target.exists() {
        return;
    }
    std::fs::create_dir_all(&target).expect("the notices folder is made");
    for entry in std::fs::read_dir(root("schedules/notices")).expect("the notices folder is read") {
        let entry = entry.expect("an entry of the notices folder");
        std::fs::copy(entry.path(), target.join(entry.file_name()))
            .expect("a notices file is copied");
    }
}

/// A test of one run of `agendum`, in a fresh scratch directory.
pub fn agendum() -> Test {
    Test::new()
}

/// What runs: the binary with arguments, or a shell line starting with it.
enum Program {
    Agendum,
    Shell(String),
}

/// One run of `agendum`: what goes in (arguments, files in a fresh scratch
/// directory, environment, standard input) and what must come out (exit
/// code, standard output and error, whole or in part). [`Test::run`] runs it,
/// checks every expectation given and returns the [`Output`].
#[must_use]
pub struct Test {
    program: Program,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    stdin: Option<Vec<u8>>,
    current_dir: PathBuf,
    tempdir: TempDir,
    timeout: Option<Duration>,
    status: Option<i32>,
    stdout: Option<String>,
    stderr: Option<String>,
    stdout_contains: Vec<String>,
    stderr_contains: Vec<String>,
}

impl Default for Test {
    fn default() -> Self {
        Self::new()
    }
}

impl Test {
    /// A run in a fresh scratch directory, which is also its working directory.
    pub fn new() -> Self {
        Self::with_tempdir(tempfile::tempdir().expect("a scratch directory"))
    }

    /// A run in `tempdir` (the one an earlier [`Output`] hands back).
    pub fn with_tempdir(tempdir: TempDir) -> Self {
        Self {
            program: Program::Agendum,
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            current_dir: PathBuf::new(),
            tempdir,
            timeout: None,
            status: None,
            stdout: None,
            stderr: None,
            stdout_contains: Vec::new(),
            stderr_contains: Vec::new(),
        }
    }

    /// One more argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// More arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Runs `sh -c "agendum LINE"` instead (for globs and quoting as a reader
    /// types them); the arguments given are not used.
    pub fn shell(mut self, line: impl Into<String>) -> Self {
        self.program = Program::Shell(line.into());
        self
    }

    /// An environment variable for the run.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// The run's standard input (otherwise it reads nothing).
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    /// Writes `contents` to `path` in the scratch directory (parents made).
    /// A meeting's text that names the schedules' notices file gets the
    /// notices folder beside it ([`notices_beside`]).
    pub fn file(self, path: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> Self {
        let path = self.path(path);
        std::fs::create_dir_all(path.parent().expect("a file has a parent"))
            .expect("the file's directory is made");
        let contents = contents.as_ref();
        std::fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        if contents
            .windows(NAMES_NOTICES.len())
            .any(|w| w == NAMES_NOTICES.as_bytes())
        {
            notices_beside(&path);
        }
        self
    }

    /// Copies `from` (below the crate directory) to `path` in the scratch
    /// directory, with the notices folder beside it ([`copy_meeting`]).
    pub fn copy(self, path: impl AsRef<Path>, from: impl AsRef<Path>) -> Self {
        let path = self.path(path);
        std::fs::create_dir_all(path.parent().expect("a file has a parent"))
            .expect("the file's directory is made");
        copy_meeting(from, &path);
        self
    }

    /// The working directory: relative to the scratch directory, or absolute
    /// (`.current_dir(ROOT)` runs in the crate directory, as the paths
    /// `tests/...` and `schedules/...` want).
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        dir.as_ref().clone_into(&mut self.current_dir);
        self
    }

    /// Kills the run after `limit` and fails.
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = Some(limit);
        self
    }

    /// The exit code the run must end with.
    pub fn status(mut self, code: i32) -> Self {
        self.status = Some(code);
        self
    }

    /// The run must exit with 0.
    pub fn success(self) -> Self {
        self.status(0)
    }

    /// The whole standard output the run must print.
    pub fn stdout(mut self, expected: impl Into<String>) -> Self {
        self.stdout = Some(expected.into());
        self
    }

    /// The whole standard error the run must print.
    pub fn stderr(mut self, expected: impl Into<String>) -> Self {
        self.stderr = Some(expected.into());
        self
    }

    /// Text the standard output must contain (each call adds one).
    pub fn stdout_contains(mut self, needle: impl Into<String>) -> Self {
        self.stdout_contains.push(needle.into());
        self
    }

    /// Text the standard error must contain (each call adds one).
    pub fn stderr_contains(mut self, needle: impl Into<String>) -> Self {
        self.stderr_contains.push(needle.into());
        self
    }

    /// `path` in the scratch directory.
    pub fn path(&self, path: impl AsRef<Path>) -> PathBuf {
        self.tempdir.path().join(path)
    }

    /// The command line, for messages.
    fn describe(&self) -> String {
        match &self.program {
            Program::Shell(line) => format!("sh -c \"agendum {line}\""),
            Program::Agendum => {
                let mut s = String::from("agendum");
                for a in &self.args {
                    let _ = write!(s, " {}", a.to_string_lossy());
                }
                s
            }
        }
    }

    fn command(&self) -> Command {
        let mut command = match &self.program {
            Program::Agendum => {
                let mut c = Command::new(BIN);
                c.args(&self.args);
                c
            }
            Program::Shell(line) => {
                let mut c = Command::new("sh");
                c.arg("-c").arg(format!("'{BIN}' {line}"));
                c
            }
        };
        command
            .current_dir(self.tempdir.path().join(&self.current_dir))
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    /// Starts the run without waiting for it (output thrown away), for tests
    /// that kill it.
    pub fn spawn(self) -> Spawned {
        let child = self
            .command()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: cannot start: {e}", self.describe()));
        Spawned {
            child,
            _tempdir: self.tempdir,
        }
    }

    /// Runs, checks every expectation given (and that the binary neither
    /// panicked nor died of a signal, and wrote UTF-8), and returns the output.
    #[track_caller]
    pub fn run(self) -> Output {
        let name = self.describe();
        let mut child = self
            .command()
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{name}: cannot start: {e}"));
        let input = child.stdin.take().zip(self.stdin.clone());
        let writer = std::thread::spawn(move || {
            if let Some((mut pipe, bytes)) = input {
                // A run that stops reading early closes the pipe: not an error here.
                let _ = pipe.write_all(&bytes);
            }
        });
        let stdout = drain(child.stdout.take());
        let stderr = drain(child.stderr.take());
        let status = match self.timeout {
            None => child.wait().expect("the run is waited for"),
            Some(limit) => {
                let start = Instant::now();
                loop {
                    if let Some(status) = child.try_wait().expect("the run is waited for") {
                        break status;
                    }
                    if start.elapsed() > limit {
                        let _ = child.kill();
                        let _ = child.wait();
                        panic!("{name}: still running after {limit:?}: killed");
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        };
        writer.join().expect("stdin is written");
        let stdout = stdout.join().expect("stdout is read");
        let stderr = stderr.join().expect("stderr is read");
        let stdout = String::from_utf8(stdout)
            .unwrap_or_else(|e| panic!("{name}: stdout is not UTF-8: {e}"));
        let stderr = String::from_utf8(stderr)
            .unwrap_or_else(|e| panic!("{name}: stderr is not UTF-8: {e}"));
        let transcript = || format!("{name}\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
        let Some(code) = status.code() else {
            panic!("{name}: killed by a signal ({status})\n{}", transcript());
        };
        assert!(
            !stderr.contains("panicked"),
            "agendum panicked: {}",
            transcript()
        );
        if let Some(want) = self.status {
            assert_eq!(code, want, "exit code of {}", transcript());
        }
        if let Some(want) = &self.stdout {
            assert_eq!(&stdout, want, "stdout of {name}\n--- stderr\n{stderr}");
        }
        if let Some(want) = &self.stderr {
            assert_eq!(&stderr, want, "stderr of {name}\n--- stdout\n{stdout}");
        }
        for needle in &self.stdout_contains {
            assert!(
                stdout.contains(needle.as_str()),
                "stdout lacks {needle:?}: {}",
                transcript()
            );
        }
        for needle in &self.stderr_contains {
            assert!(
                stderr.contains(needle.as_str()),
                "stderr lacks {needle:?}: {}",
                transcript()
            );
        }
        Output {
            status: code,
            stdout,
            stderr,
            tempdir: self.tempdir,
        }
    }
}

/// Reads a pipe to its end on a thread of its own.
fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            pipe.read_to_end(&mut bytes).expect("the pipe is read");
        }
        bytes
    })
}

/// A run that was started and not waited for.
pub struct Spawned {
    /// The running process.
    pub child: Child,
    /// Its scratch directory, kept while it runs.
    _tempdir: TempDir,
}

/// What a run printed, its exit code, and its scratch directory (kept until
/// the output is dropped).
#[derive(Debug)]
pub struct Output {
    /// The exit code.
    pub status: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The scratch directory the run had.
    pub tempdir: TempDir,
}

impl Output {
    /// `path` in the scratch directory.
    pub fn path(&self, path: impl AsRef<Path>) -> PathBuf {
        self.tempdir.path().join(path)
    }

    /// The text of `path` in the scratch directory.
    pub fn read(&self, path: impl AsRef<Path>) -> String {
        let path = self.path(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// A next run in the same scratch directory.
    pub fn then(self) -> Test {
        Test::with_tempdir(self.tempdir)
    }
}

// The builder itself.

#[test]
fn stdin_reaches_the_run() {
    // A meeting read from standard input names its notices file relative
    // to the working directory.
    agendum()
        .copy("notices/onem2m.toml", "schedules/notices/onem2m.toml")
        .stdin(std::fs::read(root("schedules/sec-10-berlin.toml")).unwrap())
        .args(["check", "/dev/stdin"])
        .success()
        .stdout_contains("/dev/stdin: SEC#10.0 (8 sessions")
        .run();
}

#[test]
fn files_are_written_in_the_scratch_directory_and_runs_go_on_there() {
    let out = agendum()
        .copy("m.toml", "schedules/sec-10-berlin.toml")
        .file("sub/readme.txt", "kept")
        .current_dir("sub")
        .args(["render", "../m.toml", "-o", "agenda.md"])
        .success()
        .stdout("")
        .run();
    assert!(out.read("sub/agenda.md").starts_with("# Agenda: SEC"));
    out.then()
        .args(["check", "m.toml"])
        .stdout_contains("0 errors, 0 warnings")
        .run();
}

#[test]
#[should_panic(expected = "exit code of agendum check")]
fn a_wrong_exit_code_fails() {
    agendum().arg("check").status(0).run();
}

#[test]
#[should_panic(expected = "stderr lacks \"no such text\"")]
fn missing_text_fails() {
    agendum().arg("check").stderr_contains("no such text").run();
}
