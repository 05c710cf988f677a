//! `agendum timetable`: read the requests, say why no timetable exists or
//! build one with a progress bar, write it, and print the report.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{DiagnosticFormat, EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::diagnostic::{self, Diagnostic};
use crate::load::source::Sources;
use crate::load::week::{self, Week};
use crate::timetable::{self, Report, instance::Instance};

/// Arguments of `agendum timetable`.
#[derive(Debug, clap::Args)]
pub struct TimetableArgs {
    /// The requests file (TOML; docs/timetable.md).
    #[arg(value_name = "REQUESTS")]
    pub requests: PathBuf,
    /// Write one meeting file per group into this directory.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Write the sessions into these existing meeting files (in place, keeping their layout); they are also the starting timetable.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub write: Vec<PathBuf>,
    /// Start from the timetable in these meeting files.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub from: Vec<PathBuf>,
    /// With --write: write read-only or hard-linked files anyway (the rename gives each name a new file; other links keep the old text).
    #[arg(long, requires = "write")]
    pub force: bool,
    /// Seed of the random choices: the same seed gives the same timetable.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stop searching after this many seconds (the result then depends on the machine's speed).
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<f64>,
    /// Cost of moving a session away from the starting timetable.
    #[arg(long, value_name = "W")]
    pub stable: Option<u64>,
    /// Independent restarts; the best is kept (default: 2 up to 60 sessions, 8 up to 200, else 1).
    #[arg(long)]
    pub restarts: Option<usize>,
    /// Threads running the restarts (default: the cores; does not change the result).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Annealing iterations per restart (default: 25,000 per session, at most 1.2 million).
    #[arg(long)]
    pub iterations: Option<u64>,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiagnosticFormat,
}

/// Runs `agendum timetable`.
#[allow(clippy::too_many_lines)]
pub fn run(args: &TimetableArgs, out: &mut dyn Write) -> io::Result<u8> {
    let (_sources, mut inst) = match timetable::requests::load(&args.requests) {
        Ok(x) => x,
        Err(timetable::requests::RequestsError::Read(e)) => {
            writeln!(io::stderr(), "agendum timetable: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
        Err(timetable::requests::RequestsError::Invalid(sources, diags)) => {
            print_diagnostics(out, args.format, &sources, &diags)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    if let Some(w) = args.stable {
        inst.weights.moved = i64::try_from(w).unwrap_or(i64::MAX);
    }
    let reasons = timetable::explain::reasons(&inst);
    if !reasons.is_empty() {
        if args.format == DiagnosticFormat::Json {
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({ "feasible": false, "reasons": reasons }),
            )?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "agendum timetable: no valid timetable exists for {}:",
                args.requests.display()
            )?;
            for r in &reasons {
                writeln!(out, "  - {}", diagnostic::sanitize_for_terminal(&r.message))?;
                writeln!(
                    out,
                    "    help: {}",
                    diagnostic::sanitize_for_terminal(&r.help)
                )?;
            }
        }
        return Ok(EXIT_PROBLEMS);
    }

    // A starting timetable: the files to write into, or those given with --from.
    let from: Vec<PathBuf> = if args.from.is_empty() {
        args.write.clone()
    } else {
        args.from.clone()
    };
    let start = if from.is_empty() {
        vec![None; inst.sessions.len()]
    } else {
        match week::load(&from) {
            Ok(loaded) => timetable::output::read_start(&inst, &loaded.week.meetings),
            Err(failure) => {
                print_diagnostics(out, args.format, &failure.sources, &failure.diagnostics)?;
                for e in &failure.unreadable {
                    writeln!(io::stderr(), "agendum timetable: {e}")?;
                }
                return Ok(EXIT_UNREADABLE);
            }
        }
    };

    let options = timetable::solver::Options {
        seed: args.seed,
        restarts: args
            .restarts
            .unwrap_or_else(|| timetable::solver::default_restarts(&inst))
            .max(1),
        // The threads only share out the restarts: the result is the same
        // on any number, so the default may depend on the machine.
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .max(1),
        iterations: args.iterations,
        time_limit: args.time_limit.map(Duration::from_secs_f64),
        start: start.clone(),
    };
    let bar = progress_bar(&inst, &options);
    let began = std::time::Instant::now();
    let solution = timetable::solver::solve(&inst, &options, &|n, cost| {
        bar.inc(n);
        bar.set_message(format!("hard {} soft {}", cost.hard, cost.soft));
    });
    bar.finish_and_clear();
    let _ = writeln!(
        io::stderr(),
        "agendum timetable: solved in {:.2} s",
        began.elapsed().as_secs_f64()
    );
    let positions = solution.positions.clone();

    // Write, then check what was written.
    let origin = args.requests.file_name().map_or_else(
        || args.requests.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut written = Vec::new();
    let loaded: Result<Week, (Sources, Vec<Diagnostic>)>;
    if args.write.is_empty() {
        if let Some(dir) = &args.output {
            let mut inputs = vec![args.requests.clone()];
            inputs.extend(args.from.iter().cloned());
            match timetable::output::write_dir(&inst, &positions, dir, &origin, &inputs) {
                Ok(w) => written = w,
                Err(e) => {
                    writeln!(io::stderr(), "agendum timetable: {e}")?;
                    return Ok(super::exit_code(&e));
                }
            }
        }
        // Without -o, the files are checked as if beside the requests file.
        let dir = args.output.clone().unwrap_or_else(|| {
            args.requests
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        });
        loaded = timetable::check_texts(&inst, &positions, &origin, &dir);
    } else {
        let options = match super::prelude::write_options(args.force) {
            Ok(o) => o,
            Err(e) => {
                writeln!(io::stderr(), "agendum timetable: {e}")?;
                return Ok(EXIT_UNREADABLE);
            }
        };
        match timetable::output::write_files(&inst, &positions, &args.write, &options) {
            Ok(changed) => written.extend(changed),
            Err(e) => {
                writeln!(io::stderr(), "agendum timetable: {e}")?;
                return Ok(EXIT_UNREADABLE);
            }
        }
        loaded = timetable::check_files(&args.write);
    }
    let report = timetable::assess(
        &inst, &positions, &start, &solution, args.seed, &written, &loaded,
    );
    match args.format {
        DiagnosticFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        DiagnosticFormat::Human => print_report(out, &report)?,
    }
    Ok(if report.hard == 0 {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}

fn progress_bar(inst: &Instance, options: &timetable::solver::Options) -> indicatif::ProgressBar {
    let per = options
        .iterations
        .unwrap_or_else(|| timetable::solver::default_iterations(inst));
    let bar = indicatif::ProgressBar::new(per.saturating_mul(options.restarts.max(1) as u64));
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {percent:>3}% {msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Diagnostics of a file that could not be used: as JSON on standard
/// output with `--format json` (the report's place), else for a person on
/// standard error, like every other error.
fn print_diagnostics(
    out: &mut dyn Write,
    format: DiagnosticFormat,
    sources: &Sources,
    diags: &[Diagnostic],
) -> io::Result<()> {
    match format {
        DiagnosticFormat::Json => diagnostic::render_json(out, sources, diags),
        DiagnosticFormat::Human => {
            diagnostic::render_human(&mut io::stderr().lock(), sources, diags)
        }
    }
}

fn print_report(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "agendum timetable: {}, {}, {}, {}, {}; seed {}, {}{}",
        super::count(r.groups, "group"),
        super::count(r.sessions, "session"),
        super::count(r.rooms, "room"),
        super::count(r.days, "day"),
        super::count(r.slots, "slot"),
        r.seed,
        super::count(r.iterations, "iteration"),
        if r.timed_out {
            " (stopped by --time-limit)"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "hard violations: {} (checked on the meeting files)",
        r.hard
    )?;
    for c in &r.checker {
        writeln!(out, "  {}", diagnostic::sanitize_for_terminal(c))?;
    }
    for v in &r.hard_requests {
        writeln!(
            out,
            "  {}: {}",
            v.kind,
            diagnostic::sanitize_for_terminal(&v.detail)
        )?;
    }
    writeln!(out, "soft cost: {}", r.soft)?;
    for (kind, cost) in &r.soft_by_kind {
        writeln!(out, "  {kind:<15} {cost:>10}")?;
    }
    if !r.violations.is_empty() {
        writeln!(out, "soft violations:")?;
        for v in &r.violations {
            writeln!(
                out,
                "  {} {}: {}",
                v.kind,
                v.cost,
                diagnostic::sanitize_for_terminal(&v.detail)
            )?;
        }
    }
    if r.moved > 0 {
        writeln!(
            out,
            "moved from the starting timetable: {}",
            super::count(r.moved, "session")
        )?;
    }
    for w in &r.written {
        writeln!(out, "wrote {}", diagnostic::sanitize_for_terminal(w))?;
    }
    Ok(())
}
