//! Following the files a served week is made of (the meeting files and the
//! notices files they name).
//!
//! The folders are watched, not the files: editors save by writing a new
//! file and renaming it over the old one, which a watch on the file itself
//! would lose. An event counts when it names one of the files followed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// The watch on the folders of the files followed.
pub struct Watch {
    watcher: RecommendedWatcher,
    /// Folders watched (canonical).
    dirs: BTreeSet<PathBuf>,
    /// Files followed, as events name them: canonical folder and file name.
    files: BTreeSet<PathBuf>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("dirs", &self.dirs)
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

impl Watch {
    /// A watch that calls `changed` with the paths of every event that may
    /// change a file (opening or reading one does not), on the watcher's
    /// thread.
    pub fn new(changed: impl Fn(Vec<PathBuf>) + Send + 'static) -> Result<Self, String> {
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            let counts = match event.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
                EventKind::Access(_) => false,
                _ => true,
            };
            if counts && !event.paths.is_empty() {
                changed(event.paths);
            }
        })
        .map_err(|e| format!("cannot watch the files: {e}"))?;
        Ok(Self {
            watcher,
            dirs: BTreeSet::new(),
            files: BTreeSet::new(),
        })
    }

    /// Follows `files` from now on (instead of those followed before),
    /// watching any folder not yet watched.
    pub fn follow<'a>(&mut self, files: impl IntoIterator<Item = &'a Path>) -> Result<(), String> {
        let mut followed = BTreeSet::new();
        for file in files {
            let Some((dir, name)) = split(file) else {
                continue;
            };
            if !self.dirs.contains(&dir) {
                self.watcher
                    .watch(&dir, RecursiveMode::NonRecursive)
                    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
                self.dirs.insert(dir.clone());
            }
            followed.insert(dir.join(name));
        }
        self.files = followed;
        Ok(())
    }

    /// Whether an event's paths name a file followed.
    pub fn concerns(&self, paths: &[PathBuf]) -> bool {
        paths.iter().any(|p| {
            self.files.contains(p)
                || split(p).is_some_and(|(dir, name)| self.files.contains(&dir.join(name)))
        })
    }
}

/// A file's canonical folder and its name (the file itself may be missing:
/// it is being renamed into place).
fn split(file: &Path) -> Option<(PathBuf, std::ffi::OsString)> {
    let name = file.file_name()?.to_os_string();
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some((std::fs::canonicalize(dir).ok()?, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_rename_over_a_followed_file_is_seen_and_others_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sec.toml");
        std::fs::write(&file, "a").unwrap();
        let (tx, rx) = mpsc::channel();
        let mut watch = Watch::new(move |paths| {
            let _ = tx.send(paths);
        })
        .unwrap();
        watch.follow([file.as_path()]).unwrap();
        std::fs::write(dir.path().join("other.toml"), "b").unwrap();
        let tmp = dir.path().join(".sec.toml.swp");
        std::fs::write(&tmp, "c").unwrap();
        std::fs::rename(&tmp, &file).unwrap();
        let mut seen = false;
        while let Ok(paths) = rx.recv_timeout(Duration::from_secs(5)) {
            if watch.concerns(&paths) {
                seen = true;
                break;
            }
            assert!(
                paths.iter().all(|p| !p.ends_with("sec.toml")),
                "{paths:?} names the file but is not seen"
            );
        }
        assert!(seen, "the rename over the file was not seen");
        assert!(!watch.concerns(&[dir.path().join("other.toml")]));
    }
}
