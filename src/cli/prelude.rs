//! What every command that makes something from a week does first: load the
//! files as one week, print what loading found, and stop with the right exit
//! code when the files cannot be read or have errors.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use super::{EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::diagnostic::{self, Diagnostic};
use crate::edit::WriteOptions;
use crate::load::week::{self, Week};

/// How a command says that it made nothing.
pub struct Refusal<'a> {
    /// The command, for the message prefix (`render`).
    pub command: &'a str,
    /// What it says when a file could not be read or parsed (after the
    /// diagnostics), if anything.
    pub unreadable: Option<&'a str>,
    /// What it says when the week loaded with this many errors.
    pub invalid: &'a dyn Fn(usize) -> String,
    /// Print only the errors of a week that has some (the warnings wait
    /// for `agendum check`), instead of every diagnostic.
    pub errors_only: bool,
}

/// How long an edit waits for another process's edit of the same file,
/// in milliseconds: `AGENDUM_LOCK_WAIT_MS` (for tests and scripts), else
/// 10 s.
const LOCK_WAIT_VAR: &str = "AGENDUM_LOCK_WAIT_MS";

/// The options of an edit that writes a file in place: `--force`, and the
/// lock wait from the environment (read here: `cli` is the only code that
/// reads it).
pub fn write_options(force: bool) -> Result<WriteOptions, String> {
    let lock_wait = match std::env::var(LOCK_WAIT_VAR) {
        Ok(v) => Duration::from_millis(v.trim().parse::<u64>().map_err(|_| {
            format!("{LOCK_WAIT_VAR} is `{v}`: it must be a number of milliseconds")
        })?),
        Err(_) => WriteOptions::default().lock_wait,
    };
    Ok(WriteOptions { force, lock_wait })
}

/// Loads `files` as one week and prints every diagnostic to `err`. Returns
/// the week, or the exit code after saying why nothing is made: 2 when a
/// file could not be read or parsed, 1 when the week has errors.
pub fn load_week(
    files: &[PathBuf],
    refusal: &Refusal,
    err: &mut dyn Write,
) -> io::Result<Result<Week, u8>> {
    let loaded = match week::load(files) {
        Ok(l) => l,
        Err(failure) => {
            print_failure(err, &failure)?;
            if let Some(line) = refusal.unreadable {
                writeln!(err, "agendum {}: {line}", refusal.command)?;
            }
            return Ok(Err(EXIT_UNREADABLE));
        }
    };
    judge(loaded, refusal, err)
}

/// Prints what validating a loaded week found, and returns the week, or
/// exit code 1 after saying why nothing is made when it has errors.
pub fn judge(
    loaded: week::Loaded,
    refusal: &Refusal,
    err: &mut dyn Write,
) -> io::Result<Result<Week, u8>> {
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if !refusal.errors_only {
        diagnostic::render_human(err, &loaded.week.sources, &loaded.diagnostics)?;
    } else if errors > 0 {
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            err.write_all(diagnostic::format_human(&loaded.week.sources, d).as_bytes())?;
        }
    }
    if errors > 0 {
        writeln!(
            err,
            "agendum {}: {}",
            refusal.command,
            (refusal.invalid)(errors)
        )?;
        return Ok(Err(EXIT_PROBLEMS));
    }
    Ok(Ok(loaded.week))
}

/// Prints why a week did not load: the files that could not be read, then
/// the errors in those that were.
pub(super) fn print_failure(err: &mut dyn Write, failure: &week::LoadFailure) -> io::Result<()> {
    let read: Vec<Diagnostic> = failure
        .unreadable
        .iter()
        .map(|e| Diagnostic::error("unreadable", e.to_string()))
        .collect();
    diagnostic::render_human(err, &failure.sources, &read)?;
    diagnostic::render_human(err, &failure.sources, &failure.diagnostics)
}
