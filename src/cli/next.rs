//! `agendum next`: write the next meeting's file from this one, carrying
//! what it leaves open.

use std::io::{self, Write};
use std::path::PathBuf;

use super::prelude::{self, Refusal};
use super::{EXIT_OK, EXIT_UNREADABLE, count};
use crate::edit::next::{self, NextOptions};
use crate::error::Error;
use crate::model::clock::Date;

/// Arguments of `agendum next`.
#[derive(Debug, clap::Args)]
pub struct NextArgs {
    /// This meeting's file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The next meeting's id (SEC#25).
    #[arg(long)]
    pub id: String,
    /// Its first and last day: 2016-10-10..2016-10-14 (or 2016-10-10..14).
    #[arg(long, value_name = "START..END", value_parser = parse_dates)]
    pub dates: (Date, Date),
    /// Where it is held.
    #[arg(long)]
    pub venue: Option<String>,
    /// Its IANA time zone (Europe/Paris); this meeting's when not given.
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub timezone: Option<String>,
    /// Its title; "<ID> meeting" when not given.
    #[arg(long)]
    pub title: Option<String>,
    /// The number of this meeting's minutes, when the file does not give meeting.documents.minutes.
    #[arg(long, value_name = "NUMBER")]
    pub minutes: Option<String>,
    /// The other files of this meeting's week (the file that declares the
    /// rooms or people its sessions use), loaded with it as `check` loads a
    /// week; nothing is taken from them.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub with: Vec<PathBuf>,
    /// The new file.
    #[arg(short, long, value_name = "NEXT.toml")]
    pub output: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Parses `START..END`; END may give only the day (`2016-10-10..14`) or
/// month and day (`2016-10-28..11-02`).
fn parse_dates(text: &str) -> Result<(Date, Date), String> {
    let bad =
        || format!("`{text}` is not START..END: write 2016-10-10..2016-10-14 (or 2016-10-10..14)");
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let start = chrono::NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").map_err(|_| bad())?;
    let b = b.trim();
    let full = match b.len() {
        1 | 2 => format!("{}-{b}", start.format("%Y-%m")),
        4 | 5 => format!("{}-{b}", start.format("%Y")),
        _ => b.to_string(),
    };
    let end = chrono::NaiveDate::parse_from_str(&full, "%Y-%m-%d").map_err(|_| bad())?;
    if end < start {
        return Err(format!(
            "`{text}`: the last day {end} is before the first {start}"
        ));
    }
    Ok((Date(start), Date(end)))
}

/// Checks an IANA zone name.
fn parse_zone(text: &str) -> Result<String, String> {
    text.parse::<chrono_tz::Tz>()
        .map(|_| text.to_string())
        .map_err(|_| format!("`{text}` is not an IANA time zone: write e.g. Europe/Paris or UTC"))
}

/// Runs `agendum next`.
pub fn run(args: &NextArgs, out: &mut dyn Write) -> io::Result<u8> {
    let mut err = io::stderr();
    if let Some(problem) = output_problem(args) {
        writeln!(err, "agendum next: {problem}")?;
        return Ok(EXIT_UNREADABLE);
    }
    let refusal = Refusal {
        command: "next",
        unreadable: Some("no file written"),
        invalid: &|n| {
            let hint = if args.with.is_empty() {
                " (if its rooms or people are declared in another file of its week, give that file with --with)"
            } else {
                ""
            };
            format!(
                "{} in {}: no file written{hint}",
                count(n, "error"),
                files_named(&args.file, &args.with)
            )
        },
        errors_only: true,
    };
    let files: Vec<PathBuf> = std::iter::once(args.file.clone())
        .chain(args.with.iter().cloned())
        .collect();
    let week = match prelude::load_week(&files, &refusal, &mut err)? {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };
    let Some(meeting) = week.meetings.first() else {
        return Ok(EXIT_UNREADABLE);
    };
    let text = week.sources.get(meeting.file).text.clone();
    let opts = NextOptions {
        id: args.id.clone(),
        title: args.title.clone(),
        start: args.dates.0,
        end: args.dates.1,
        venue: args.venue.clone(),
        timezone: args.timezone.clone(),
        minutes: args.minutes.clone(),
    };
    let made = match next::make(meeting, &args.file, &text, &args.output, &opts) {
        Ok(made) => made,
        // What `make` refuses is the arguments: the dates, the id, the
        // minutes number, the output's folder.
        Err(e) => {
            fail(&mut err, &e)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    // Loaded back as `check` loads it before anything is written.
    if let Err(rejected) = next::validate(&args.output, &made.text) {
        crate::diagnostic::render_human(&mut err, &rejected.sources, &rejected.diagnostics)?;
        writeln!(
            err,
            "agendum next: {} in the file it would write ({}): no file written",
            count(rejected.diagnostics.len(), "error"),
            args.output.display()
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    let result = next::write(&args.file, &args.output, &made).map(|()| made);
    match result {
        Ok(made) => {
            writeln!(
                out,
                "wrote {}: {} from {}: {} and {} carried over",
                args.output.display(),
                args.id,
                meeting.header.id.as_str(),
                count(made.actions.len(), "open action item"),
                count(made.contributions.len(), "open contribution"),
            )?;
            for (number, why) in &made.contributions {
                writeln!(out, "  {number}: {why}")?;
            }
            match &made.minutes_item {
                Some(item) => writeln!(
                    out,
                    "  item {item} approves the minutes of {}",
                    meeting.header.id.as_str()
                )?,
                None => writeln!(
                    out,
                    "  no agenda item approves previous minutes: none was added"
                )?,
            }
            Ok(EXIT_OK)
        }
        // A file that could not be written: exit 2, whatever the error.
        Err(e) => {
            fail(&mut err, &e)?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

/// Why the output cannot be written (the arguments are wrong: exit 2).
fn output_problem(args: &NextArgs) -> Option<String> {
    let o = args.output.display();
    if args.output.is_dir() {
        return Some(format!(
            "{o} is a folder; give the new file's name, e.g. -o {}",
            args.output.join("next.toml").display()
        ));
    }
    if args.output.exists() && !args.force {
        return Some(format!(
            "{o} exists; give --force to replace it, or another -o"
        ));
    }
    args.with
        .iter()
        .find(|w| same_file(w, &args.output))
        .map(|w| {
            format!(
                "-o {o} is one of the --with files ({}); give another -o",
                w.display()
            )
        })
}

/// The files loaded, for a message.
fn files_named(file: &std::path::Path, with: &[PathBuf]) -> String {
    std::iter::once(file)
        .chain(with.iter().map(PathBuf::as_path))
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether two paths name one file (both exist and resolve the same).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Says why nothing was written.
fn fail(err: &mut dyn Write, e: &Error) -> io::Result<()> {
    match e {
        // Its Display is the diagnostics themselves.
        Error::Invalid(..) => {
            write!(err, "{e}")?;
            writeln!(err, "agendum next: no file written")?;
        }
        _ => writeln!(err, "agendum next: {e}")?,
    }
    Ok(())
}
