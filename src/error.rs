//! The library's one error type: everything that stops a command and is not
//! a problem found in the user's files. Problems in the files are
//! [`Diagnostic`]s; an error that carries them says so (`Invalid`).
//!
//! The library never chooses an exit code: `cli::exit_code` maps each kind
//! to one, in one place (casey/just's `Error::code` is the model).

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::load::ReadError;
use crate::load::source::{Source, Sources};
use crate::output::WriteBackError;

/// Why a command could not do what it was asked.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read: missing, not a file, too large.
    Read(ReadError),
    /// A meeting file (or the text an edit would write) is not a valid
    /// meeting file; the diagnostics say where.
    Invalid(Source, Vec<Diagnostic>),
    /// Writing an edited file failed or was refused (changed on disk).
    Write(WriteBackError),
    /// The change asked for does not fit the file: an unknown contribution,
    /// session or person, a decision that cannot be parsed.
    Refused(String),
    /// The request cannot be met by the week: no plan fits, a list cannot
    /// be merged into the file's layout.
    Impossible(String),
    /// A request names something the week does not have (`--group XYZ`).
    Unknown(String),
    /// An input that is not what it must be, such as an old calendar.
    Parse {
        /// The input.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read(e) => e.fmt(f),
            Error::Invalid(source, diags) => {
                let mut sources = Sources::new();
                let id = sources.add(source.clone());
                for d in diags {
                    // The diagnostics are about this one text, whatever file
                    // id the reader gave them (the UTF-8 check gives none).
                    let mut d = d.clone();
                    for label in &mut d.labels {
                        label.file = id;
                    }
                    f.write_str(&crate::diagnostic::format_human(&sources, &d))?;
                }
                Ok(())
            }
            Error::Write(e) => e.fmt(f),
            Error::Refused(m) | Error::Impossible(m) | Error::Unknown(m) => f.write_str(m),
            Error::Parse { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

impl From<ReadError> for Error {
    fn from(e: ReadError) -> Self {
        Error::Read(e)
    }
}

impl From<WriteBackError> for Error {
    fn from(e: WriteBackError) -> Self {
        Error::Write(e)
    }
}
