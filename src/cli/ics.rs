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
    /// Write the calendar to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// `publish`: a feed to subscribe to or import; `request`: an invitation with attendees.
    #[arg(long, value_enum, default_value_t)]
    pub method: IcsMethod,
    /// Write every time in UTC instead of the meeting's zone.
    #[arg(long)]
    pub utc: bool,
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
    /// The calendar sent last time: keep SEQUENCE where nothing changed, raise it where
    /// the time, room or title changed, and cancel sessions that are gone.
    #[arg(long, value_name = "OLD.ics")]
    pub previous: Option<PathBuf>,
}

/// `--method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum IcsMethod {
    /// A feed: ORGANIZER, no ATTENDEE (RFC 5546 PUBLISH).
    #[default]
    Publish,
    /// An invitation: ORGANIZER is the chair, an ATTENDEE per person or list (RFC 5546 REQUEST).
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
    if let Some(path) = &args.output {
        // Neither the calendar nor its companion of cancellations may
        // replace a meeting file. The calendar may replace the one sent last
        // time (`--previous invite.ics -o invite.ics` is the documented way
        // to keep it current: it is read whole before anything is written);
        // the cancellations may not, or the old calendar would be lost.
        let files: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
        let with_previous: Vec<&Path> = files
            .iter()
            .copied()
            .chain(args.previous.as_deref())
            .collect();
        let checks = [
            (path.clone(), &files),
            (ics::cancel_path(path), &with_previous),
        ];
        for (out_path, inputs) in checks {
            if let Err(e) = crate::output::refuse_inputs(&out_path, inputs) {
                writeln!(err, "agendum ics: {e}")?;
                return Ok(EXIT_UNREADABLE);
            }
        }
    }
    let week = match load_week(&args.files, &refusal, &mut err)? {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };
    let Made {
        calendar,
        cancel,
        changes,
    } = match calendars(args, &week, &mut err)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let mut bytes = if calendar.events.is_empty() {
        Vec::new()
    } else {
        write::to_bytes(&calendar)
    };
    if let Some(path) = &args.output {
        if let Some(cancel) = &cancel {
            let cpath = ics::cancel_path(path);
            if let Err(e) = write_file(&cpath, &write::to_bytes(cancel)) {
                writeln!(err, "agendum ics: {e}")?;
                return Ok(EXIT_UNREADABLE);
            }
            writeln!(
                err,
                "agendum ics: cancellations written to {}",
                cpath.display()
            )?;
        }
        if !bytes.is_empty() {
            if let Err(e) = write_file(path, &bytes) {
                writeln!(err, "agendum ics: {e}")?;
                return Ok(EXIT_UNREADABLE);
            }
        }
    } else {
        // RFC 5545 allows several objects in one stream: the invitation,
        // then the cancellation.
        if let Some(cancel) = &cancel {
            bytes.extend(write::to_bytes(cancel));
        }
        out.write_all(&bytes)?;
    }
    if let (Some(c), Some(p)) = (changes, &args.previous) {
        writeln!(err, "agendum ics: since {}: {}", p.display(), c.summary())?;
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
    let spec = FilterSpec {
        groups: args.group.clone(),
        person: args.person.clone(),
        sessions: args.session.clone(),
        kinds: args.kind.clone(),
    };
    let stamp = match super::now() {
        Ok(s) => s,
        Err(e) => return fail(err, &e, EXIT_UNREADABLE),
    };
    let options = Options {
        method: match args.method {
            IcsMethod::Publish => Method::Publish,
            IcsMethod::Request => Method::Request,
        },
        utc: args.utc,
        stamp,
    };
    match ics::make(week, &spec, options, args.previous.as_deref()) {
        Ok(made) => Ok(Ok(made)),
        Err(MakeError::Request(e)) => fail(err, &e.to_string(), super::exit_code(&e)),
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
