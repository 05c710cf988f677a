//! `agendum record`: record presentations, decisions, revisions and action
//! items into a meeting file, and say what was recorded.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::edit::record::{ContributionRecord, NewAction, Recorder};
use crate::error::Error;

/// Arguments of `agendum record`.
#[derive(Debug, clap::Args)]
// Each bool is a flag of the command line, as clap wants them.
#[allow(clippy::struct_excessive_bools)]
pub struct RecordArgs {
    /// The meeting file to record into.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The contribution, with its revision if new (SEC-2016-0136R01).
    #[arg(value_name = "CONTRIBUTION")]
    pub contribution: Option<String>,
    /// The decision: noted, agreed, approved, endorsed, withdrawn, postponed, rejected, "left open", "revision expected", "not treated", optionally followed by words ("agreed to be proposed to TP for approval") or "by ARC/SEC".
    #[arg(value_name = "DECISION", num_args = 0.., trailing_var_arg = false)]
    pub decision: Vec<String>,
    /// The session: an id (S4) or the minutes' name ("Tuesday SEC/ARC/PRO-2").
    #[arg(long)]
    pub session: Option<String>,
    /// Who presented it.
    #[arg(long)]
    pub by: Option<String>,
    /// A discussion note (repeatable).
    #[arg(long = "note")]
    pub notes: Vec<String>,
    /// A revision is expected.
    #[arg(long)]
    pub revision_expected: bool,
    /// Add an action item with the next reference of the group's series.
    #[arg(long, value_name = "TEXT")]
    pub action: Option<String>,
    /// Who does the new action item.
    #[arg(long, requires = "action")]
    pub who: Option<String>,
    /// Mark an action item completed (repeatable).
    #[arg(long, value_name = "REFERENCE")]
    pub close: Vec<String>,
    /// Record the decision although the file already holds the same one for the same document in the same session (it was taken twice).
    #[arg(long)]
    pub again: bool,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write a read-only or hard-linked file anyway (the rename gives the name a new file; other links keep the old text).
    #[arg(long)]
    pub force: bool,
}

/// Runs `agendum record`.
pub fn run(args: &RecordArgs, out: &mut dyn Write) -> io::Result<u8> {
    let result = (|| -> Result<Recorder, Error> {
        let mut recorder = if args.dry_run {
            Recorder::open(&args.file)?
        } else {
            let options = super::prelude::write_options(args.force).map_err(Error::Refused)?;
            Recorder::open_to_write(&args.file, &options)?
        };
        if args.contribution.is_none() && args.action.is_none() && args.close.is_empty() {
            return Err(Error::Refused(
                "nothing to record: give a CONTRIBUTION and a DECISION, --action, or --close (see agendum record --help)".into(),
            ));
        }
        if let Some(number) = &args.contribution {
            let decision = (!args.decision.is_empty()).then(|| args.decision.join(" "));
            recorder.contribution(&ContributionRecord {
                number: number.clone(),
                decision,
                session: args.session.clone(),
                by: args.by.clone(),
                notes: args.notes.clone(),
                revision_expected: args.revision_expected,
                again: args.again,
            })?;
        }
        if let Some(what) = &args.action {
            recorder.add_action(&NewAction {
                what: what.clone(),
                who: args.who.clone().unwrap_or_default(),
                session: args.session.clone(),
                contribution: args.contribution.clone(),
            })?;
        }
        for reference in &args.close {
            recorder.close_action(reference)?;
        }
        recorder.save(args.dry_run)?;
        Ok(recorder)
    })();
    match result {
        Ok(recorder) => {
            let mut err = io::stderr().lock();
            for line in &recorder.warnings {
                writeln!(
                    err,
                    "agendum record: warning: {}",
                    crate::diagnostic::sanitize_for_terminal(line)
                )?;
            }
            let prefix = if args.dry_run {
                "would record"
            } else {
                "recorded"
            };
            for line in &recorder.changes {
                writeln!(
                    out,
                    "{prefix}: {}",
                    crate::diagnostic::sanitize_for_terminal(line)
                )?;
            }
            Ok(super::EXIT_OK)
        }
        Err(e) => {
            let code = super::exit_code(&e);
            let text = e.to_string();
            let mut err = io::stderr().lock();
            for line in text.lines() {
                writeln!(
                    err,
                    "agendum record: {}",
                    crate::diagnostic::sanitize_for_terminal(line)
                )?;
            }
            Ok(code)
        }
    }
}
