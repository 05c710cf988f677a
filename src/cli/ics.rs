//! `agendum ics`: write the week's sessions as an iCalendar feed or
//! invitation, to a file or standard output.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::prelude::{Refusal, load_week};
use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::diagnostic;
use crate::export::ics::{self, FilterSpec, Made, MakeError, Options, write, write::Method};
use crate::load::week::Week;

/// Arguments of `agendum ics`.
#[derive(Debug, Clone, clap::Args)]
pub struct IcsArgs {
    /// Meeting files (TOML); several files form one week.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write the feed to this file (atomically) instead of standard output; with
    /// `--method request`, the folder that gets one invitation file per session.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// `publish` (the default): one feed to subscribe to or import; `request`: one
    /// invitation per session, with attendees. With `--previous`, the default is the
    /// method of the calendar sent last time, and another one is refused.
    #[arg(long, value_enum)]
    pub method: Option<IcsMethod>,
    /// Write every time in UTC instead of the meeting's zone.
    #[arg(long)]
    pub utc: bool,
    /// Which sessions.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The calendar sent last time (a feed, or the folder of invitations): keep
    /// SEQUENCE where nothing changed, raise it where the time, room or title changed,
    /// and cancel sessions that are gone.
    #[arg(long, value_name = "OLD")]
    pub previous: Option<PathBuf>,
}

/// The session filters `ics` and `invite` share.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only sessions these groups take part in (joint, plenary and coordination sessions included).
    #[arg(long, value_delimiter = ',', value_name = "GROUP")]
    pub group: Vec<String>,
    /// Only sessions where this person must be (chair, secretary, required, presenter).
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only these sessions, by id (`S1`) or `MEETING/ID` (`SEC#10.0/S1`).
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub session: Vec<String>,
    /// Only sessions of these kinds (break-out, joint, plenary, coordination, call, ad-hoc, social, break).
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<String>,
}

impl FilterArgs {
    /// The filters as the library takes them.
    pub fn spec(&self) -> FilterSpec {
        FilterSpec {
            groups: self.group.clone(),
            person: self.person.clone(),
            sessions: self.session.clone(),
            kinds: self.kind.clone(),
        }
    }
}

/// `--method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IcsMethod {
    /// A feed: ORGANIZER, no ATTENDEE (RFC 5546 PUBLISH).
    Publish,
    /// One invitation per session: ORGANIZER is the chair, an ATTENDEE per person or list (RFC 5546 REQUEST).
    Request,
}

/// Runs `agendum ics`.
pub fn run(args: &IcsArgs, out: &mut dyn Write) -> io::Result<u8> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let refusal = Refusal {
        command: "ics",
        unreadable: None,
        invalid: &|_| "no calendar written: the files have errors (see above)".to_string(),
        errors_only: false,
    };
    let files: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    if let Some(path) = &args.output {
        // The calendar may not replace a meeting file. It may replace the
        // one sent last time (`--previous sec.ics -o sec.ics` is the
        // documented way to keep a feed current: it is read whole before
        // anything is written).
        if let Err(e) = crate::output::refuse_inputs(path, &files) {
            writeln!(err, "agendum ics: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
    }
    let week = match load_week(&args.files, &refusal, &mut err)? {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };
    let made = match calendars(args, &week, &mut err)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    diagnostic::render_human(&mut err, &week.sources, &made.warnings)?;
    let code = if made.method == Method::Publish {
        let bytes = made
            .objects
            .first()
            .map(|o| write::to_bytes(&o.calendar))
            .unwrap_or_default();
        match &args.output {
            Some(path) => {
                if let Err(e) = write_file(path, &bytes) {
                    writeln!(err, "agendum ics: {e}")?;
                    return Ok(EXIT_UNREADABLE);
                }
            }
            None => out.write_all(&bytes)?,
        }
        EXIT_OK
    } else {
        invitations(args, &made, &files, out, &mut err)?
    };
    if let (Some(c), Some(p)) = (&made.changes, &args.previous) {
        writeln!(err, "agendum ics: since {}: {}", p.display(), c.summary())?;
    }
    Ok(code)
}

/// Writes one invitation (or cancellation) per session: into the folder
/// `-o` names, or, when there is only one, to standard output.
fn invitations(
    args: &IcsArgs,
    made: &Made,
    files: &[&Path],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Some(dir) = &args.output else {
        if let [one] = made.objects.as_slice() {
            out.write_all(&write::to_bytes(&one.calendar))?;
            return Ok(EXIT_OK);
        }
        writeln!(
            err,
            "agendum ics: {} invitations, one per session (Outlook and Gmail read only the first event of an invitation); pass -o FOLDER to write them as FOLDER/<session>.ics",
            made.objects.len()
        )?;
        return Ok(EXIT_PROBLEMS);
    };
    let names_file = dir.is_file()
        || dir
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("ics"))
            && !dir.is_dir();
    // One session's invitation may go to the file -o names.
    if let ([one], true) = (made.objects.as_slice(), names_file) {
        if let Err(e) = crate::output::refuse_inputs(dir, files)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                write_file(dir, &write::to_bytes(&one.calendar)).map_err(|e| e.to_string())
            })
        {
            writeln!(err, "agendum ics: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
        return Ok(EXIT_OK);
    }
    if names_file {
        writeln!(
            err,
            "agendum ics: -o {} names a file, but invitations are one file per session (this is {}); name a folder (e.g. -o invites), or pick one session with --session",
            dir.display(),
            made.objects.len()
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        writeln!(
            err,
            "agendum ics: cannot create the folder {}: {e}",
            dir.display()
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    // Every file is checked before the first is written: nothing is half-done.
    for o in &made.objects {
        if let Err(e) = crate::output::refuse_inputs(&dir.join(format!("{}.ics", o.name)), files) {
            writeln!(err, "agendum ics: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
    }
    let files: Vec<(PathBuf, Vec<u8>)> = made
        .objects
        .iter()
        .map(|o| {
            (
                dir.join(format!("{}.ics", o.name)),
                write::to_bytes(&o.calendar),
            )
        })
        .collect();
    if let Err(e) = crate::output::write_atomic_all(&files) {
        writeln!(err, "agendum ics: {e}")?;
        return Ok(EXIT_UNREADABLE);
    }
    for o in &made.objects {
        let path = dir.join(format!("{}.ics", o.name));
        if args.previous.is_some() && o.change != ics::Change::Unchanged {
            let what = match o.change {
                ics::Change::Cancelled => "cancellation",
                ics::Change::New => "invitation",
                _ => "update",
            };
            let sequence = o.calendar.events.first().map_or(0, |e| e.sequence);
            writeln!(
                err,
                "agendum ics: {}: {what}, {} (SEQUENCE {sequence})",
                path.display(),
                o.change.as_str()
            )?;
        }
    }
    if args.previous.is_none() {
        writeln!(
            err,
            "agendum ics: {} invitation{} written to {}",
            made.objects.len(),
            super::plural(made.objects.len()),
            dir.display()
        )?;
    }
    Ok(EXIT_OK)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), crate::output::WriteBackError> {
    crate::output::write_atomic(path, bytes)
        .map_err(|e| crate::output::WriteBackError::Io(path.to_path_buf(), e))
}

/// The calendar, or the exit code after saying why not.
fn calendars(args: &IcsArgs, week: &Week, err: &mut dyn Write) -> io::Result<Result<Made, u8>> {
    let fail = |err: &mut dyn Write, message: &str, code: u8| -> io::Result<Result<Made, u8>> {
        writeln!(
            err,
            "agendum ics: {}",
            diagnostic::sanitize_for_terminal(message)
        )?;
        Ok(Err(code))
    };
    let spec = args.filter.spec();
    let stamp = match super::now() {
        Ok(s) => s,
        Err(e) => return fail(err, &e, EXIT_UNREADABLE),
    };
    let options = Options {
        method: args.method.map(|m| match m {
            IcsMethod::Publish => Method::Publish,
            IcsMethod::Request => Method::Request,
        }),
        utc: args.utc,
        stamp,
    };
    match ics::make(week, &spec, options, args.previous.as_deref()) {
        Ok(made) => Ok(Ok(made)),
        Err(MakeError::Request(e)) => fail(err, &e.to_string(), super::exit_code(&e)),
        Err(MakeError::Previous(e @ crate::error::Error::Refused(_))) => {
            fail(err, &e.to_string(), super::exit_code(&e))
        }
        Err(MakeError::Previous(e)) => fail(err, &format!("--previous {e}"), super::exit_code(&e)),
        Err(MakeError::Problems(problems)) => {
            diagnostic::render_human(err, &week.sources, &problems)?;
            fail(err, "no calendar written", EXIT_PROBLEMS)
        }
        Err(MakeError::Empty) => fail(
            err,
            "no session matches the filters; no calendar written (an iCalendar object needs at least one event)",
            EXIT_PROBLEMS,
        ),
    }
}
