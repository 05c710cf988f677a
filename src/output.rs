//! The one place that writes files.
//!
//! Every write is atomic: the bytes go to a temporary file in the same
//! directory, are flushed to disk, and the temporary file is renamed over the
//! target. A reader sees the old file or the new one, never half of one; a
//! failure (full disk, a killed process) leaves the original untouched. An
//! existing file keeps its permissions.
//!
//! Edits of a user's file ([`write_back`]) also refuse to overwrite changes
//! made by someone else since the file was read.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (temporary file, fsync, rename).
///
/// A symbolic link is followed: the file it points to is replaced and the
/// link stays a link. The temporary file gets the original's permissions
/// before any byte is written, so a private file is never readable by others,
/// not even while it is being written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let resolved;
    let path = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file name", path.display()),
        )
    })?;
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    let (tmp_path, mut tmp) = create_temp(&dir, name)?;
    let result = (|| {
        if let Some(p) = &permissions {
            fs::set_permissions(&tmp_path, p.clone())?;
        }
        tmp.write_all(bytes)?;
        tmp.sync_all()?;
        drop(tmp);
        fs::rename(&tmp_path, path)?;
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

/// Why an edit of a user's file was not written.
#[derive(Debug)]
pub enum WriteBackError {
    /// The file changed on disk since it was read: someone else edited it.
    ChangedSinceRead(PathBuf),
    /// The write failed; the original file is intact.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteBackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteBackError::ChangedSinceRead(p) => write!(
                f,
                "{}: the file changed on disk since agendum read it; nothing was written. Run the command again on the new version",
                p.display()
            ),
            WriteBackError::Io(p, e) => write!(
                f,
                "{}: cannot write the file ({e}); the original is unchanged",
                p.display()
            ),
        }
    }
}

impl std::error::Error for WriteBackError {}

/// Writes an edited version of a file the user owns, atomically, after
/// checking that the file on disk still holds `original` (what was read and
/// edited). Refuses instead of overwriting a concurrent edit.
pub fn write_back(path: &Path, original: &[u8], edited: &[u8]) -> Result<(), WriteBackError> {
    let now = fs::read(path).map_err(|e| WriteBackError::Io(path.to_path_buf(), e))?;
    if now != original {
        return Err(WriteBackError::ChangedSinceRead(path.to_path_buf()));
    }
    write_atomic(path, edited).map_err(|e| WriteBackError::Io(path.to_path_buf(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

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
