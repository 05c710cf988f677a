//! `agendum check`: load a week, validate it, print what was found.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{Deny, DiagnosticFormat, EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, plural};
use crate::check;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::load::source::Sources;
use crate::load::week;

/// Arguments of `agendum check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Meeting files (TOML); several files form one week at one venue, and
    /// the meetings of one group at different dates a series.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiagnosticFormat,
    /// Make warnings fail the exit code.
    #[arg(long, value_enum)]
    pub deny: Vec<Deny>,
    /// Do not report this warning rule (repeatable), e.g. `--allow back-to-back`.
    #[arg(long, value_name = "RULE", value_parser = crate::check::parse_allow)]
    pub allow: Vec<String>,
}

/// Runs `agendum check`.
pub fn run(args: &CheckArgs, out: &mut dyn Write) -> io::Result<u8> {
    let (sources, mut diagnostics, unreadable, summary) = match week::load(&args.files) {
        Err(failure) => (
            failure.sources,
            failure.diagnostics,
            failure.unreadable,
            None,
        ),
        Ok(loaded) => {
            let summary = loaded
                .week
                .meetings
                .iter()
                .map(|m| {
                    format!(
                        "{}: {} ({}, {}, {})",
                        loaded.week.sources.get(m.file).path().display(),
                        m.header.id.as_str(),
                        super::count(m.sessions.len(), "session"),
                        super::count(m.agenda.len(), "agenda item"),
                        super::count(m.contributions.len(), "contribution")
                    )
                })
                .collect::<Vec<_>>();
            let mut diagnostics = loaded.diagnostics;
            // Conflicts are looked for in a week that loaded cleanly: a
            // missing room or person would only add noise to the real errors.
            let settings = check::Settings {
                allow: args.allow.iter().cloned().collect(),
            };
            if !diagnostics.iter().any(Diagnostic::is_error) {
                diagnostics.extend(check::check(&loaded.week, &settings));
            }
            let diagnostics = check::silence(&loaded.week, &settings, diagnostics);
            (loaded.week.sources, diagnostics, Vec::new(), Some(summary))
        }
    };
    sort(&sources, &mut diagnostics);
    // Files that could not be read have no line to show: they become
    // diagnostics without a location.
    let read_diags: Vec<Diagnostic> = unreadable
        .iter()
        .map(|e| Diagnostic::error("unreadable", e.to_string()))
        .collect();
    let all: Vec<Diagnostic> = read_diags.into_iter().chain(diagnostics).collect();
    let errors = all.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = all.len() - errors;
    match args.format {
        DiagnosticFormat::Json => diagnostic::render_json(out, &sources, &all)?,
        DiagnosticFormat::Human => {
            diagnostic::render_human(out, &sources, &all)?;
            if let Some(lines) = &summary {
                for line in lines {
                    writeln!(out, "{}", diagnostic::sanitize_for_terminal(line))?;
                }
            }
            writeln!(
                out,
                "agendum check: {} file{}, {errors} error{}, {warnings} warning{}",
                args.files.len(),
                plural(args.files.len()),
                plural(errors),
                plural(warnings)
            )?;
        }
    }
    Ok(if summary.is_none() {
        EXIT_UNREADABLE
    } else if errors > 0 || (warnings > 0 && args.deny.contains(&Deny::Warnings)) {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}

/// Orders diagnostics by file and position, errors first at equal places.
fn sort(sources: &Sources, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| {
        let place = d.labels.first().map(|l| {
            (
                l.file,
                sources.get(l.file).position(l.span.start).line,
                l.span.start,
            )
        });
        (place, d.severity)
    });
}
