//! The one place that writes output files: atomically, so a failure never
//! leaves a half-written output or a damaged input.
//!
//! The bytes go to a temporary file in the target's directory (a rename is
//! only atomic within one file system), which is synced to disk and then
//! renamed over the target. An existing target keeps its permissions.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically: temporary file in the same
/// directory, fsync, rename. On failure the target is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a file name", path.display()),
        )
    })?;
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut tmp = tempfile_in(dir, &prefix)?;
    let result = (|| {
        tmp.1.write_all(bytes)?;
        tmp.1.sync_all()?;
        if let Some(p) = permissions {
            fs::set_permissions(&tmp.0, p)?;
        }
        fs::rename(&tmp.0, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp.0);
    }
    result?;
    // The rename is durable once the directory entry is on disk too; some
    // platforms cannot open a directory, which is not worth failing for.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Creates a new file `<dir>/<prefix><n>.tmp` that did not exist before.
fn tempfile_in(dir: &Path, prefix: &std::ffi::OsStr) -> io::Result<(std::path::PathBuf, fs::File)> {
    let pid = std::process::id();
    for n in 0..1000u32 {
        let mut file_name = prefix.to_os_string();
        file_name.push(format!("{pid}-{n}.tmp"));
        let candidate = dir.join(file_name);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{}: could not create a temporary file", dir.display()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        fs::write(&target, "old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_permissions_of_an_existing_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_missing_directory_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no/such/dir/out.txt");
        assert!(write_atomic(&target, b"x").is_err());
        assert!(!target.exists());
    }
}
