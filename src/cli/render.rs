//! The `agendum render` subcommand: load the week, check the arguments
//! against it, build the document, write it atomically or to stdout.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::prelude::{Refusal, load_week};
use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::export::render::{self, Format, Options};

/// `--format`: an output format of `agendum render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// Plain text that fits 80 columns, for e-mail.
    Text,
    /// GitHub-flavoured Markdown, for a forge wiki.
    Markdown,
    /// One self-contained HTML file, readable on a phone and printable on A4.
    Html,
    /// A Word document (OOXML), as standards bodies exchange agendas.
    Docx,
}

impl From<DocFormat> for Format {
    fn from(f: DocFormat) -> Self {
        match f {
            DocFormat::Text => Format::Text,
            DocFormat::Markdown => Format::Markdown,
            DocFormat::Html => Format::Html,
            DocFormat::Docx => Format::Docx,
        }
    }
}

/// Arguments of `agendum render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Meeting files (TOML); several files form one week at one venue.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format [default: from the extension of -o, else text].
    #[arg(long, value_enum)]
    pub format: Option<DocFormat>,
    /// Write to this file (atomically) instead of stdout; required for docx on a terminal.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Add a column with the session times in this IANA zone (repeatable), for remote delegates.
    #[arg(long = "tz", value_name = "ZONE", value_parser = crate::model::clock::Zone::parse)]
    pub zones: Vec<crate::model::clock::Zone>,
    /// Keep only the sessions of this group (repeatable); plenaries and coordination stay.
    #[arg(long, value_name = "GROUP")]
    pub group: Vec<String>,
    /// Keep only this session, by id or by the name minutes use (repeatable).
    #[arg(long, value_name = "SESSION")]
    pub session: Vec<String>,
    /// Start with the grid of the whole week: days down, rooms across.
    #[arg(long)]
    pub week: bool,
    /// Render the minutes (meeting report) from the recorded history instead of the agenda.
    #[arg(long, conflicts_with_all = ["open", "week", "group", "session"])]
    pub report: bool,
    /// List the contributions still open (left open, revision expected, not treated) by agenda item.
    #[arg(long, conflicts_with_all = ["week", "group", "session"])]
    pub open: bool,
}

/// Runs `agendum render`; the rendered document goes to `-o OUT` or `out`.
#[allow(clippy::too_many_lines)] // one linear sequence of checks, each with its message
pub fn run(args: &RenderArgs, out: &mut dyn Write) -> io::Result<u8> {
    let mut err = io::stderr().lock();
    let Some(format) = format_of(args) else {
        writeln!(
            err,
            "agendum render: give --format text|markdown|html|docx (the output name does not say which)"
        )?;
        return Ok(EXIT_UNREADABLE);
    };
    if format == Format::Docx && args.output.is_none() && io::stdout().is_terminal() {
        writeln!(
            err,
            "agendum render: a Word document is binary; write it to a file with -o agenda.docx (or redirect stdout)"
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    if let Some(o) = &args.output {
        if let Err(e) = crate::output::refuse_inputs(o, &args.files) {
            writeln!(err, "agendum render: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
    }
    let refusal = Refusal {
        command: "render",
        unreadable: Some("nothing rendered, the files could not be read"),
        invalid: &|errors| {
            format!(
                "nothing rendered, {errors} error{} in the files (fix them; `agendum check` lists them)",
                if errors == 1 { "" } else { "s" }
            )
        },
        errors_only: false,
    };
    let week = match load_week(&args.files, &refusal, &mut err)? {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };
    let w = &week;
    // Filters that match nothing are typos, not empty agendas.
    for g in &args.group {
        let known = w.meetings.iter().any(|m| {
            m.header.group.eq_ignore_ascii_case(g)
                || m.groups.iter().any(|x| x.id.eq_ignore_ascii_case(g))
        });
        if !known {
            let names: Vec<&str> = w
                .meetings
                .iter()
                .flat_map(|m| m.groups.iter().map(|x| x.id.as_str()))
                .collect();
            writeln!(
                err,
                "agendum render: --group {g}: no such group; the files declare {}",
                names.join(", ")
            )?;
            return Ok(EXIT_UNREADABLE);
        }
    }
    for s in &args.session {
        let known = w.meetings.iter().any(|m| {
            m.sessions.iter().any(|x| x.id.eq_ignore_ascii_case(s)) || m.find_session(s).is_some()
        });
        if !known {
            let ids: Vec<&str> = w
                .meetings
                .iter()
                .flat_map(|m| m.sessions.iter().map(|x| x.id.as_str()))
                .collect();
            writeln!(
                err,
                "agendum render: --session {s}: no such session; the files have {}",
                ids.join(", ")
            )?;
            return Ok(EXIT_UNREADABLE);
        }
    }
    let options = Options {
        zones: args.zones.clone(),
        groups: args.group.clone(),
        sessions: args.session.clone(),
        week_grid: args.week,
    };
    let doc = if args.report {
        render::report::build(w)
    } else if args.open {
        render::open::build(w)
    } else {
        render::build(w, &options)
    };
    let mut bytes = Vec::with_capacity(64 * 1024);
    render::write(format, &doc, &mut bytes)?;
    match &args.output {
        Some(path) => {
            if let Err(e) = crate::output::write_atomic(path, &bytes) {
                let e = crate::output::WriteBackError::Io(path.clone(), e);
                writeln!(err, "agendum render: {e}")?;
                return Ok(EXIT_UNREADABLE);
            }
        }
        None => out.write_all(&bytes)?,
    }
    Ok(EXIT_OK)
}

/// The format asked for, or the one the output's extension names.
fn format_of(args: &RenderArgs) -> Option<Format> {
    if let Some(f) = args.format {
        return Some(f.into());
    }
    let ext = args
        .output
        .as_ref()
        .and_then(|o| o.extension())
        .map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        None | Some("txt" | "text") => Some(Format::Text),
        Some("md" | "markdown") => Some(Format::Markdown),
        Some("html" | "htm") => Some(Format::Html),
        Some("docx") => Some(Format::Docx),
        Some(_) => None,
    }
}
