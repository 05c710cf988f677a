//! `agendum import`: merge a portal's contribution list into a meeting
//! file and report every change and every row that could not be mapped.

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, plural};
use crate::diagnostic::sanitize_for_terminal;
use crate::edit::import::{self, Change, Format};
use crate::edit::{MeetingDoc, WriteOptions};

/// `--format`: the kind of contribution list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ListFormat {
    /// Tell from the file: its headers decide (a `TDoc` column is a 3GPP
    /// list; `number` and `item` the template; otherwise a portal export).
    #[default]
    Auto,
    /// A 3GPP Tdoc list (`TDoc_List_Meeting_<WG>#<n>.xlsx`, or CSV).
    Tdoc,
    /// A oneM2M or ETSI portal contribution export (CSV).
    Onem2m,
    /// The plain CSV template (docs/import.md).
    Template,
}

impl From<ListFormat> for Format {
    fn from(f: ListFormat) -> Self {
        match f {
            ListFormat::Auto => Format::Auto,
            ListFormat::Tdoc => Format::Tdoc,
            ListFormat::Onem2m => Format::Onem2m,
            ListFormat::Template => Format::Template,
        }
    }
}

/// Arguments of `agendum import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The contribution list (.xlsx or .csv).
    #[arg(value_name = "LIST")]
    pub list: PathBuf,
    /// The meeting file to merge into (edited in place, atomically).
    #[arg(long, value_name = "FILE")]
    pub into: PathBuf,
    /// The kind of list; `auto` tells it from the headers.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write nothing if any row cannot be mapped.
    #[arg(long)]
    pub strict: bool,
    /// Write a read-only or hard-linked meeting file anyway (the rename gives the name a new file; other links keep the old text).
    #[arg(long)]
    pub force: bool,
}

/// Runs `agendum import`: the report goes to `out`, fatal errors to stderr.
pub fn run(args: &ImportArgs, out: &mut dyn Write) -> io::Result<u8> {
    run_with(
        &Options {
            list: args.list.clone(),
            into: args.into.clone(),
            format: args.format.into(),
            dry_run: args.dry_run,
            strict: args.strict,
            force: args.force,
        },
        out,
    )
}

/// What `agendum import` was asked, as the library sees it.
#[derive(Debug, Clone)]
struct Options {
    /// The list.
    list: PathBuf,
    /// The meeting file to merge into.
    into: PathBuf,
    /// The kind of list.
    format: Format,
    /// Print what would change; write nothing.
    dry_run: bool,
    /// Write nothing if any row cannot be mapped.
    strict: bool,
    /// Write a read-only or hard-linked meeting file anyway.
    force: bool,
}

/// How the meeting file will be written (`None` for a dry run), or why
/// nothing can be.
fn write_options(opts: &Options) -> Result<Option<WriteOptions>, String> {
    // The list is an input: merging it into itself would replace it.
    crate::output::refuse_inputs(&opts.into, &[&opts.list]).map_err(|e| e.to_string())?;
    // A real import takes the meeting file's edit lock before reading it.
    if opts.dry_run {
        Ok(None)
    } else {
        super::prelude::write_options(opts.force).map(Some)
    }
}

/// Runs `agendum import`: the report goes to `out`, fatal errors to stderr.
fn run_with(opts: &Options, out: &mut dyn Write) -> io::Result<u8> {
    let fail = |message: &dyn fmt::Display| {
        let text = message.to_string();
        let lines: Vec<String> = text.lines().map(sanitize_for_terminal).collect();
        let _ = writeln!(io::stderr(), "agendum import: {}", lines.join("\n"));
        Ok(EXIT_UNREADABLE)
    };
    let write = match write_options(opts) {
        Ok(w) => w,
        Err(e) => return fail(&e),
    };
    let list = match import::read_list(&opts.list, opts.format) {
        Ok(l) => l,
        Err(e) => return fail(&e),
    };
    let opened = match &write {
        Some(options) => MeetingDoc::open_to_write(&opts.into, options),
        None => MeetingDoc::open(&opts.into),
    };
    let mut doc = match opened {
        Ok(d) => d,
        Err(e) => return fail(&e),
    };
    let list_name = opts.list.display().to_string();
    for p in &list.problems {
        writeln!(
            out,
            "{}",
            sanitize_for_terminal(&format!("{list_name}: {p}"))
        )?;
    }
    if opts.strict && !list.problems.is_empty() {
        writeln!(
            out,
            "agendum import: {} row{} could not be mapped; nothing written (--strict)",
            list.problems.len(),
            plural(list.problems.len())
        )?;
        return Ok(EXIT_PROBLEMS);
    }
    let changes = match import::merge(&mut doc, &list) {
        Ok(c) => c,
        Err(e) => return fail(&format!("{}: {e}", opts.into.display())),
    };
    for c in &changes {
        writeln!(out, "{}", sanitize_for_terminal(&c.to_string()))?;
    }
    let written = if opts.dry_run {
        if let Err(e) = doc.validate() {
            return fail(&e);
        }
        false
    } else {
        match doc.save() {
            Ok(w) => w,
            Err(e) => return fail(&e),
        }
    };
    let count = |f: fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
    let items = count(|c| matches!(c, Change::ItemCreated { .. }));
    let added = count(|c| matches!(c, Change::Added { .. }));
    let updated = count(|c| matches!(c, Change::Updated { .. }));
    let summary = if changes.is_empty() {
        "no changes".to_string()
    } else {
        format!(
            "{added} contribution{} added, {updated} updated, {items} agenda item{} created",
            plural(added),
            plural(items)
        )
    };
    let skipped = if list.problems.is_empty() {
        String::new()
    } else {
        format!(
            ", {} row{} skipped",
            list.problems.len(),
            plural(list.problems.len())
        )
    };
    let tail = if opts.dry_run {
        " (dry run: nothing written)"
    } else if written {
        ""
    } else {
        " (file unchanged)"
    };
    writeln!(
        out,
        "agendum import: {} ({}, {}) into {}: {summary}{skipped}{tail}",
        sanitize_for_terminal(&list_name),
        list.format.label(),
        super::count(list.entries.len(), "contribution"),
        sanitize_for_terminal(&opts.into.display().to_string()),
    )?;
    Ok(if list.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}
