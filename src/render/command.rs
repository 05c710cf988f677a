//! The `agendum render` subcommand: load the week, check the arguments
//! against it, build the document, write it atomically or to stdout.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use super::{Format, Options};
use crate::cli::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, RenderArgs};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::week;

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
        if let Some(input) = args.files.iter().find(|f| same_file(f, o)) {
            writeln!(
                err,
                "agendum render: -o {} is an input file; choose another output name",
                input.display()
            )?;
            return Ok(EXIT_UNREADABLE);
        }
    }
    let loaded = match week::load(&args.files) {
        Ok(l) => l,
        Err(failure) => {
            let read: Vec<Diagnostic> = failure
                .unreadable
                .iter()
                .map(|e| Diagnostic::error("unreadable", e.to_string()))
                .collect();
            diagnostic::render_human(&mut err, &failure.sources, &read)?;
            diagnostic::render_human(&mut err, &failure.sources, &failure.diagnostics)?;
            writeln!(
                err,
                "agendum render: nothing rendered, the files could not be read"
            )?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    diagnostic::render_human(&mut err, &loaded.week.sources, &loaded.diagnostics)?;
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        writeln!(
            err,
            "agendum render: nothing rendered, {errors} error{} in the files (fix them; `agendum check` lists them)",
            if errors == 1 { "" } else { "s" }
        )?;
        return Ok(EXIT_PROBLEMS);
    }
    let w = &loaded.week;
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
    let doc = super::build(w, &options);
    let mut bytes = Vec::with_capacity(64 * 1024);
    super::write(format, &doc, &mut bytes)?;
    match &args.output {
        Some(path) => {
            if let Err(e) = crate::output::write_atomic(path, &bytes) {
                writeln!(err, "agendum render: cannot write {}: {e}", path.display())?;
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
        return Some(f);
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

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
