//! The meeting files as they were at a git revision (`agendum release
//! --previous-rev REV`): the tree of the repository that holds them, at
//! that commit, written to a temporary folder, so that a file's includes
//! and its notices file resolve there as they did then.
//!
//! git is run as a program (`rev-parse`, `read-tree`, `checkout-index`):
//! those three plumbing commands are all this needs, and a git library
//! would add far more than they do (DESIGN.md, "How is a git revision
//! read?").

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Utc};

/// The meeting files at a revision, in a temporary folder removed when it
/// is dropped.
#[derive(Debug)]
pub struct Snapshot {
    /// The temporary folder: the tree in `tree/`, and room for more.
    scratch: Scratch,
    /// The top of the repository the files are in.
    pub top: PathBuf,
    /// The commit the revision names (full hash).
    pub commit: String,
    /// The commit's committer time.
    pub time: DateTime<Utc>,
    /// For each file asked for, its copy at the commit, or `None` when the
    /// commit does not have it (a meeting added since).
    pub files: Vec<Option<PathBuf>>,
}

impl Snapshot {
    /// A folder inside the snapshot's temporary folder, for the caller's
    /// use (made on first call; removed with the snapshot).
    pub fn scratch(&self, name: &str) -> Result<PathBuf, String> {
        let dir = self.scratch.0.join(name);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot make the temporary folder {}: {e}", dir.display()))?;
        Ok(dir)
    }
}

/// Reads the tree of the repository holding `files` (all in one
/// repository) at `rev`.
///
/// # Errors
/// A one-line message for a person: git is not installed, a file is not
/// in a git repository or not in the first file's, `rev` names no commit,
/// or the tree cannot be written.
pub fn at(rev: &str, files: &[PathBuf]) -> Result<Snapshot, String> {
    let first = files.first().ok_or("no meeting file given")?;
    if rev.is_empty() || rev.starts_with('-') {
        return Err(format!(
            "`{rev}` is not a revision; give a commit, branch or tag (HEAD~1, v24)"
        ));
    }
    let first_abs = absolute(first)?;
    let folder = first_abs.parent().unwrap_or(Path::new("/"));
    let top = git(folder, ["rev-parse", "--show-toplevel"], None).map_err(|e| match e {
        Failed::Run(e) => e,
        Failed::Status(msg) => format!(
            "{} is not in a git repository ({msg}); give --previous-rev for meeting files kept in git, or the published folder with --previous DIR",
            first.display()
        ),
    })?;
    let top = canonical(Path::new(top.trim()))?;
    let commit = git(
        &top,
        [
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
        None,
    )
    .map_err(|e| match e {
        Failed::Run(e) => e,
        Failed::Status(_) => format!(
            "no such commit in the repository {}; give a commit, branch or tag that `git log` shows (HEAD~1, v24)",
            top.display()
        ),
    })?
    .trim()
    .to_string();
    let time =
        git(&top, ["show", "-s", "--format=%ct", &commit], None).map_err(Failed::into_message)?;
    let time = time
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or_else(|| format!("git gives `{}` as the time of {commit}", time.trim()))?;

    let mut relative = Vec::with_capacity(files.len());
    for f in files {
        let abs = absolute(f)?;
        let rel = abs.strip_prefix(&top).map_err(|_| {
            format!(
                "{} is not in the repository of {} ({}); give meeting files of one repository",
                f.display(),
                first.display(),
                top.display()
            )
        })?;
        relative.push(rel.to_path_buf());
    }

    let scratch = Scratch::new()?;
    let tree = scratch.0.join("tree");
    let index = scratch.0.join("index");
    // A temporary index: the repository's own index and work tree are
    // not touched.
    git(&top, ["read-tree", &commit], Some(&index)).map_err(Failed::into_message)?;
    let mut prefix = tree.clone().into_os_string();
    prefix.push("/");
    let mut arg = std::ffi::OsString::from("--prefix=");
    arg.push(&prefix);
    git(
        &top,
        [
            OsStr::new("checkout-index"),
            OsStr::new("--all"),
            OsStr::new("--force"),
            arg.as_os_str(),
        ],
        Some(&index),
    )
    .map_err(Failed::into_message)?;
    let files = relative
        .iter()
        .map(|rel| Some(tree.join(rel)).filter(|p| p.is_file()))
        .collect();
    Ok(Snapshot {
        scratch,
        top,
        commit,
        time,
        files,
    })
}

/// Why a git command failed.
enum Failed {
    /// git could not be run: the message says so.
    Run(String),
    /// git ran and failed: the first line it printed.
    Status(String),
}

impl Failed {
    fn into_message(self) -> String {
        match self {
            Failed::Run(m) => m,
            Failed::Status(m) => format!("git: {m}"),
        }
    }
}

/// Runs git in `dir` (with `index` as its index file when given) and
/// returns what it printed.
fn git<I, S>(dir: &Path, args: I, index: Option<&Path>) -> Result<String, Failed>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    match index {
        Some(i) => cmd.env("GIT_INDEX_FILE", i),
        None => cmd.env_remove("GIT_INDEX_FILE"),
    };
    let out = cmd.output().map_err(|e| {
        Failed::Run(if e.kind() == std::io::ErrorKind::NotFound {
            "cannot run git: it is not installed (not found on PATH); install git, or give the published folder with --previous DIR".to_string()
        } else {
            format!("cannot run git: {e}")
        })
    })?;
    if out.status.success() {
        return String::from_utf8(out.stdout)
            .map_err(|_| Failed::Status("git printed what is not UTF-8".into()));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("it failed without saying why");
    let line = line.strip_prefix("fatal: ").unwrap_or(line);
    Err(Failed::Status(crate::diagnostic::sanitize_for_terminal(
        line,
    )))
}

/// `path` made absolute with its folder's symbolic links resolved (the
/// file itself need not exist).
fn absolute(path: &Path) -> Result<PathBuf, String> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok(canonical(parent)?.join(name))
}

fn canonical(path: &Path) -> Result<PathBuf, String> {
    std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// A temporary folder, removed with everything in it when dropped.
#[derive(Debug)]
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, String> {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let base = std::env::temp_dir();
        let mut last = None;
        for _ in 0..100 {
            let n = COUNT.fetch_add(1, Ordering::Relaxed);
            let dir = base.join(format!("agendum-rev-{}-{n}", std::process::id()));
            match std::fs::create_dir(&dir) {
                // Absolute: git runs in the repository, not here.
                Ok(()) => {
                    let mut made = Scratch(dir);
                    return match std::fs::canonicalize(&made.0) {
                        Ok(abs) => {
                            made.0 = abs;
                            Ok(made)
                        }
                        Err(e) => Err(format!(
                            "cannot find the temporary folder {}: {e}",
                            made.0.display()
                        )),
                    };
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => {
                    return Err(format!(
                        "cannot make a temporary folder in {}: {e}",
                        base.display()
                    ));
                }
            }
        }
        Err(format!(
            "cannot make a temporary folder in {}: {}",
            base.display(),
            last.map_or_else(String::new, |e| e.to_string())
        ))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
