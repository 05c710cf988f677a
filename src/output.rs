//! The one place that writes files.
//!
//! Every write is atomic: the bytes go to a temporary file in the same
//! directory, are flushed to disk, and the temporary file is renamed over the
//! target. A reader sees the old file or the new one, never half of one; a
//! failure (full disk, a killed process) leaves the original untouched. An
//! existing file keeps its permissions, and its owner and group where the
//! process may set them.
//!
//! Edits of a user's file ([`write_back`]) also refuse to overwrite changes
//! made by someone else since the file was read, and run under an
//! [`EditLock`] so two agendum processes editing one file take turns.
//! No command writes over one of its inputs ([`refuse_inputs`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Writes `bytes` to `path` atomically (temporary file, fsync, rename).
///
/// A symbolic link is followed: the file it points to is replaced and the
/// link stays a link. The temporary file gets the original's owner, group
/// and permissions before any byte is written, so a private file is never
/// readable by others, not even while it is being written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, None).map_err(|e| match e {
        WriteBackError::Io(_, e) => e,
        other => io::Error::other(other.to_string()),
    })
}

/// Writes several files, each atomically as [`write_atomic`] does, with one
/// flush to disk for all of them: every temporary file is written, the
/// file system is synced once (`syncfs` on Linux, each file's `fsync`
/// elsewhere), then each is renamed into place and each folder synced. A
/// failure before the renames leaves every target as it was; the files
/// renamed before a failed rename are complete.
pub fn write_atomic_all(files: &[(PathBuf, Vec<u8>)]) -> Result<(), WriteBackError> {
    // (temporary file, target); no file is kept open, so any number can be written.
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len());
    let cleanup = |temps: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in temps {
            let _ = fs::remove_file(tmp);
        }
    };
    for (path, bytes) in files {
        let io_err = |e| WriteBackError::Io(path.clone(), e);
        let made = (|| {
            let (target, dir, name) = place(path).map_err(io_err)?;
            let (tmp_path, mut tmp) = create_temp(&dir, &name).map_err(io_err)?;
            temps.push((tmp_path.clone(), target.clone()));
            if let Ok(m) = fs::metadata(&target) {
                keep_owner(&tmp, &m);
                fs::set_permissions(&tmp_path, m.permissions()).map_err(io_err)?;
            }
            tmp.write_all(bytes).map_err(io_err)?;
            Ok(())
        })();
        if let Err(e) = made {
            cleanup(&temps);
            return Err(e);
        }
    }
    if let Err(e) = sync_all_of(&temps) {
        cleanup(&temps);
        return Err(e);
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    for (i, (tmp, target)) in temps.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, target) {
            cleanup(temps.get(i..).unwrap_or_default());
            return Err(WriteBackError::Io(target.clone(), e));
        }
        let dir = target
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    for dir in dirs {
        if let Ok(d) = File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &dir
        }) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Makes the temporary files' contents durable: one `syncfs` per file
/// system their folders are on.
#[cfg(target_os = "linux")]
fn sync_all_of(temps: &[(PathBuf, PathBuf)]) -> Result<(), WriteBackError> {
    use std::os::unix::fs::MetadataExt;
    let mut done: Vec<u64> = Vec::new();
    for (tmp, target) in temps {
        let io_err = |e| WriteBackError::Io(target.clone(), e);
        let dev = fs::metadata(tmp).map_err(io_err)?.dev();
        if !done.contains(&dev) {
            let f = File::open(tmp).map_err(io_err)?;
            rustix::fs::syncfs(&f).map_err(|e| io_err(e.into()))?;
            done.push(dev);
        }
    }
    Ok(())
}

/// Makes the temporary files' contents durable, one by one.
#[cfg(not(target_os = "linux"))]
fn sync_all_of(temps: &[(PathBuf, PathBuf)]) -> Result<(), WriteBackError> {
    for (tmp, target) in temps {
        File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| WriteBackError::Io(target.clone(), e))?;
    }
    Ok(())
}

/// Where a write to `path` goes: the file it replaces ([`resolve`]), its
/// folder (`.` for a bare name) and its file name.
fn place(path: &Path) -> io::Result<(PathBuf, PathBuf, std::ffi::OsString)> {
    let target = resolve(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a file name", target.display()),
            )
        })?;
    Ok((target, dir, name))
}

/// The file a write to `path` replaces: a symbolic link is resolved, so the
/// file it points to is replaced and the link stays.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// The atomic write; with `expect`, the target must still hold those bytes
/// just before the rename (an editor that does not take agendum's lock may
/// have saved the file while the temporary file was written).
fn replace(path: &Path, bytes: &[u8], expect: Option<&[u8]>) -> Result<(), WriteBackError> {
    let io_err = |e| WriteBackError::Io(path.to_path_buf(), e);
    let (target, dir, name) = place(path).map_err(io_err)?;
    let existing = fs::metadata(&target).ok();
    let (tmp_path, mut tmp) = create_temp(&dir, &name).map_err(io_err)?;
    let result = (|| {
        if let Some(m) = &existing {
            keep_owner(&tmp, m);
            // After the chown: changing the owner may clear set-id bits.
            fs::set_permissions(&tmp_path, m.permissions()).map_err(io_err)?;
        }
        tmp.write_all(bytes).map_err(io_err)?;
        tmp.sync_all().map_err(io_err)?;
        drop(tmp);
        if let Some(expect) = expect {
            let now = fs::read(&target).map_err(io_err)?;
            if now != expect {
                return Err(WriteBackError::ChangedSinceRead(path.to_path_buf()));
            }
        }
        fs::rename(&tmp_path, &target).map_err(io_err)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

/// Gives the temporary file the original's owner and group. Only root may
/// give a file away; an owner may still set a group it belongs to. Where
/// neither is allowed the file becomes the writer's, as any editor's would.
#[cfg(unix)]
fn keep_owner(tmp: &File, original: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    if std::os::unix::fs::fchown(tmp, Some(original.uid()), Some(original.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(tmp, None, Some(original.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_tmp: &File, _original: &fs::Metadata) {}

/// Creates a new temporary file beside the target, never reusing a name.
fn create_temp(dir: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0..1000u32 {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".agendum-{pid}-{attempt}.tmp"));
        let tmp_path = dir.join(tmp_name);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp_path)
        {
            Ok(f) => return Ok((tmp_path, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("cannot create a temporary file in {}", dir.display()),
    ))
}

/// Why a file was not written. Every variant means the same thing for the
/// user: the file named is as it was.
#[derive(Debug)]
pub enum WriteBackError {
    /// The file changed on disk since it was read: someone else edited it.
    ChangedSinceRead(PathBuf),
    /// The write failed; the original file is intact.
    Io(PathBuf, io::Error),
    /// The output is one of the command's inputs (the same file, through a
    /// symbolic or a hard link or not).
    IsInput {
        /// The output asked for.
        output: PathBuf,
        /// The input it would overwrite.
        input: PathBuf,
    },
    /// Another process holds the file's edit lock and did not let go in time.
    Locked {
        /// The file being edited.
        path: PathBuf,
        /// How long agendum waited.
        waited: Duration,
    },
    /// The file is read-only and `--force` was not given.
    ReadOnly(PathBuf),
    /// The file has other hard links, which an atomic write would split,
    /// and `--force` was not given.
    HardLinked {
        /// The file being edited.
        path: PathBuf,
        /// Its number of links.
        links: u64,
    },
}

impl std::fmt::Display for WriteBackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // One form for every write that did not happen:
        // `cannot write <path>: <reason>; nothing was written`.
        let (path, reason) = match self {
            WriteBackError::ChangedSinceRead(p) => (
                p,
                "the file changed on disk since agendum read it; nothing was written. Run the command again on the new version".to_string(),
            ),
            WriteBackError::Io(p, e) => (p, format!("{}; nothing was written", io_reason(e))),
            WriteBackError::IsInput { output, input } => (
                output,
                format!(
                    "it is the input {}; nothing was written. Choose another output name",
                    input.display()
                ),
            ),
            WriteBackError::Locked { path, waited } => (
                path,
                format!(
                    "another agendum process is editing it (waited {:.1} s for its lock {}); nothing was written. Run the command again when it is done",
                    waited.as_secs_f64(),
                    lock_path(path).display()
                ),
            ),
            WriteBackError::ReadOnly(p) => (
                p,
                "the file is read-only; nothing was written. Make it writable, or give --force to replace it anyway".to_string(),
            ),
            WriteBackError::HardLinked { path, links } => (
                path,
                format!(
                    "the file has {links} hard links and an atomic write would split them (the other names would keep the old text); nothing was written. Give --force to write it anyway"
                ),
            ),
        };
        write!(f, "cannot write {}: {reason}", path.display())
    }
}

impl std::error::Error for WriteBackError {}

/// An operating-system error as a reason in a sentence.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotFound => "no such file or directory".into(),
        _ => e.to_string(),
    }
}

/// Refuses an output that is one of `inputs`: the same path, the same file
/// through a symbolic link (paths are canonicalized), or the same inode (a
/// hard link). An output that does not exist yet is no input.
pub fn refuse_inputs<P: AsRef<Path>>(output: &Path, inputs: &[P]) -> Result<(), WriteBackError> {
    match inputs.iter().find(|i| same_file(i.as_ref(), output)) {
        Some(input) => Err(WriteBackError::IsInput {
            output: output.to_path_buf(),
            input: input.as_ref().to_path_buf(),
        }),
        None => Ok(()),
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The lock file of an edit of `path`: `.NAME.lock` beside the file that is
/// replaced (a symbolic link resolved, so every name of the file shares it).
fn lock_path(path: &Path) -> PathBuf {
    let target = resolve(path).unwrap_or_else(|_| path.to_path_buf());
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or(target.as_os_str()));
    name.push(".lock");
    target.with_file_name(name)
}

/// An advisory lock held for the whole read-modify-write of one file, so
/// two agendum processes editing it take turns instead of one losing its
/// edit. It is an OS file lock (`flock` on Unix) on a lock file beside the
/// target, not on the target itself: the target is replaced by a rename, and
/// a lock on the old inode would not exclude a process that opens the new
/// one. The holder removes the lock file before it lets go, so no file is
/// left in the user's folder; a waiter that then gets the lock of the
/// removed file sees that the name no longer leads to it and starts again.
/// A process that dies lets go too (the OS drops its lock) but leaves the
/// empty lock file, which the next edit takes over.
#[derive(Debug)]
pub struct EditLock {
    file: File,
    path: PathBuf,
}

impl EditLock {
    /// Takes the lock of `path`, polling for at most `wait` while another
    /// process holds it.
    pub fn acquire(path: &Path, wait: Duration) -> Result<Self, WriteBackError> {
        let lock = lock_path(path);
        let io_err = |e: io::Error| {
            WriteBackError::Io(
                path.to_path_buf(),
                io::Error::new(
                    e.kind(),
                    format!(
                        "cannot open the lock file {}: {}",
                        lock.display(),
                        io_reason(&e)
                    ),
                ),
            )
        };
        let began = Instant::now();
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&lock)
                // A lock file of someone else's may be read-only to us; a
                // lock needs no write access.
                .or_else(|_| File::open(&lock))
                .map_err(io_err)?;
            match file.try_lock() {
                Ok(()) if still_named(&file, &lock) => {
                    return Ok(Self { file, path: lock });
                }
                // The holder removed it as we waited: lock the new one.
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let waited = began.elapsed();
                    if waited >= wait {
                        return Err(WriteBackError::Locked {
                            path: path.to_path_buf(),
                            waited,
                        });
                    }
                    std::thread::sleep(wait.saturating_sub(waited).min(Duration::from_millis(20)));
                }
                Err(fs::TryLockError::Error(e)) => return Err(io_err(e)),
            }
        }
    }
}

impl Drop for EditLock {
    fn drop(&mut self) {
        // Removed while still locked, so a newcomer creates a fresh file and
        // a waiter on this one notices (`still_named`) and starts again.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the open `file` (the same inode).
fn still_named(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// Refuses to replace a file that is read-only or has other hard links,
/// unless `force`: the user made the file read-only to keep it, and a rename
/// over a hard-linked file would leave its other names with the old text.
pub fn check_replaceable(path: &Path, force: bool) -> Result<(), WriteBackError> {
    if force {
        return Ok(());
    }
    let Ok(meta) = fs::metadata(path) else {
        return Ok(());
    };
    if meta.permissions().readonly() {
        return Err(WriteBackError::ReadOnly(path.to_path_buf()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(WriteBackError::HardLinked {
                path: path.to_path_buf(),
                links: meta.nlink(),
            });
        }
    }
    Ok(())
}

/// Writes an edited version of a file the user owns, atomically, after
/// checking that the file on disk still holds `original` (what was read and
/// edited), once before the temporary file is written and again just before
/// the rename. Refuses instead of overwriting a concurrent edit.
pub fn write_back(path: &Path, original: &[u8], edited: &[u8]) -> Result<(), WriteBackError> {
    let now = fs::read(path).map_err(|e| WriteBackError::Io(path.to_path_buf(), e))?;
    if now != original {
        return Err(WriteBackError::ChangedSinceRead(path.to_path_buf()));
    }
    replace(path, edited, Some(original))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_files_are_written_at_once_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("b.ics");
        fs::write(&old, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&old, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let files: Vec<(PathBuf, Vec<u8>)> = (0..50)
            .map(|i| (dir.path().join(format!("s{i}.ics")), vec![b'x'; i]))
            .chain([(old.clone(), b"new".to_vec())])
            .collect();
        write_atomic_all(&files).unwrap();
        for (path, bytes) in &files {
            assert_eq!(&fs::read(path).unwrap(), bytes);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&old).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 51);
        assert!(!names.iter().any(|n| n.contains(".tmp")), "{names:?}");
        // A target in a folder that does not exist: nothing is written at all.
        let bad = vec![
            (dir.path().join("c.ics"), b"c".to_vec()),
            (dir.path().join("missing/d.ics"), b"d".to_vec()),
        ];
        assert!(write_atomic_all(&bad).is_err());
        assert!(!dir.path().join("c.ics").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 51);
    }

    #[test]
    fn writes_replace_and_keep_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.toml");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.toml");
        fs::write(&path, "original").unwrap();
        // A target whose directory does not exist cannot be written.
        let missing = dir.path().join("no-such-dir").join("m.toml");
        assert!(write_atomic(&missing, b"x").is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "original");
    }

    #[test]
    fn write_back_refuses_a_concurrent_edit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.toml");
        fs::write(&path, "read").unwrap();
        fs::write(&path, "edited by someone else").unwrap();
        let err = write_back(&path, b"read", b"mine").unwrap_err();
        assert!(matches!(err, WriteBackError::ChangedSinceRead(_)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited by someone else");
        write_back(&path, b"edited by someone else", b"mine").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
    }
}
