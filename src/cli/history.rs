//! `agendum history`: one contribution's path through a series of meetings.

use std::io::{self, Write};
use std::path::PathBuf;

use super::prelude::{self, Refusal};
use super::{EXIT_OK, count};
use crate::export::history;

/// Arguments of `agendum history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The contribution (any revision of it).
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// Meeting files of one group, at different dates (each loaded on its own).
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
}

/// Runs `agendum history`.
pub fn run(args: &HistoryArgs, out: &mut dyn Write) -> io::Result<u8> {
    let mut err = io::stderr();
    let mut weeks = Vec::new();
    for file in &args.files {
        let refusal = Refusal {
            command: "history",
            unreadable: Some("no history printed"),
            invalid: &|n| {
                format!(
                    "{} in {}: no history printed",
                    count(n, "error"),
                    file.display()
                )
            },
            errors_only: true,
        };
        match prelude::load_week(std::slice::from_ref(file), &refusal, &mut err)? {
            Ok(w) => weeks.push(w),
            Err(code) => return Ok(code),
        }
    }
    let meetings: Vec<&crate::model::Meeting> = weeks.iter().flat_map(|w| &w.meetings).collect();
    match history::history(&args.number, &meetings) {
        Ok(text) => {
            out.write_all(text.as_bytes())?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "agendum history: {e}")?;
            Ok(super::exit_code(&e))
        }
    }
}
