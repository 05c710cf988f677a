//! `agendum timetable`: builds the week's grid from a requests file.
//!
//! The pipeline: [`requests`] reads and resolves the file into an
//! [`instance::Instance`]; [`explain`] looks for a counting argument that
//! proves no valid timetable exists; [`solver`] builds one (construction,
//! then annealing with incremental moves); [`output`] writes it as meeting
//! files; the written files are then loaded as a week and checked, and the
//! report gives what that check found, the soft cost by kind
//! ([`evaluate`]) and each remaining soft violation.

pub mod evaluate;
pub mod explain;
pub mod instance;
pub mod output;
pub mod requests;
pub mod solver;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::cli::{DiagnosticFormat, EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, TimetableArgs};
use crate::diagnostic::{self, Diagnostic};
use crate::source::{Source, Sources};
use crate::week::{self, Week};

use instance::Instance;
use solver::{Options, Pos};

/// What a run found, as printed (and as JSON with `--format json`).
#[derive(Debug, Serialize)]
pub struct Report {
    /// Groups in the requests.
    pub groups: usize,
    /// Sessions to place.
    pub sessions: usize,
    /// Rooms.
    pub rooms: usize,
    /// Days.
    pub days: usize,
    /// Slots over the week.
    pub slots: usize,
    /// Seed used.
    pub seed: u64,
    /// Annealing iterations over all restarts.
    pub iterations: u64,
    /// Whether `--time-limit` cut the search short (the result then depends on speed).
    pub timed_out: bool,
    /// Hard violations found by checking the written meeting files.
    pub hard: usize,
    /// What the check of the meeting files found (errors).
    pub checker: Vec<String>,
    /// Hard violations the meeting files cannot show (unavailable times, pins, room sizes).
    pub hard_requests: Vec<evaluate::Violation>,
    /// Soft cost.
    pub soft: i64,
    /// Soft cost by kind.
    pub soft_by_kind: BTreeMap<&'static str, i64>,
    /// Every remaining soft violation.
    pub violations: Vec<evaluate::Violation>,
    /// Sessions moved from the starting timetable.
    pub moved: usize,
    /// Where each session went.
    pub timetable: Vec<Placed>,
    /// Files written.
    pub written: Vec<String>,
}

/// One placed session.
#[derive(Debug, Serialize)]
pub struct Placed {
    /// Host group.
    pub group: String,
    /// Session id in the host's file.
    pub id: String,
    /// Global start slot (0-based).
    pub start: usize,
    /// `Mon/1`.
    pub slot: String,
    /// Room.
    pub room: String,
}

/// Runs `agendum timetable`.
#[allow(clippy::too_many_lines)]
pub fn run(args: &TimetableArgs, out: &mut dyn Write) -> io::Result<u8> {
    let (_sources, mut inst) = match requests::load(&args.requests) {
        Ok(x) => x,
        Err(requests::RequestsError::Read(e)) => {
            writeln!(out, "agendum timetable: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
        Err(requests::RequestsError::Invalid(sources, diags)) => {
            print_diagnostics(out, args.format, &sources, &diags)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    if let Some(w) = args.stable {
        inst.weights.moved = i64::try_from(w).unwrap_or(i64::MAX);
    }
    let reasons = explain::reasons(&inst);
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
            Ok(loaded) => output::read_start(&inst, &loaded.week.meetings),
            Err(failure) => {
                print_diagnostics(out, args.format, &failure.sources, &failure.diagnostics)?;
                for e in &failure.unreadable {
                    writeln!(out, "agendum timetable: {e}")?;
                }
                return Ok(EXIT_UNREADABLE);
            }
        }
    };

    let options = Options {
        seed: args.seed,
        restarts: args
            .restarts
            .unwrap_or_else(|| solver::default_restarts(&inst))
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
    let solution = solver::solve(&inst, &options, &|n, cost| {
        bar.inc(n);
        bar.set_message(format!("hard {} soft {}", cost.hard, cost.soft));
    });
    bar.finish_and_clear();
    let _ = writeln!(
        io::stderr(),
        "agendum timetable: solved in {:.2} s",
        began.elapsed().as_secs_f64()
    );
    let positions = solution.positions;

    // Write, then check what was written.
    let origin = args.requests.file_name().map_or_else(
        || args.requests.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut written = Vec::new();
    let loaded: Result<Week, (Sources, Vec<Diagnostic>)>;
    if args.write.is_empty() {
        if let Some(dir) = &args.output {
            written = output::write_dir(&inst, &positions, dir, &origin)?;
        }
        loaded = check_texts(&inst, &positions, &origin);
    } else {
        match output::write_files(&inst, &positions, &args.write) {
            Ok(changed) => written.extend(changed),
            Err(e) => {
                writeln!(out, "agendum timetable: {e}")?;
                return Ok(EXIT_UNREADABLE);
            }
        }
        loaded = check_files(&args.write);
    }
    let checker: Vec<String> = match &loaded {
        Ok(week) => crate::conflicts::check(week, &crate::conflicts::Settings::default())
            .iter()
            .filter(|d| d.is_error())
            .map(|d| one_line(&week.sources, d))
            .collect(),
        Err((sources, diags)) => diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| one_line(sources, d))
            .collect(),
    };

    let violations = evaluate::violations(&inst, &positions, &start);
    let mut soft_by_kind = BTreeMap::new();
    for v in violations.iter().filter(|v| !v.hard) {
        *soft_by_kind.entry(v.kind).or_insert(0) += v.cost;
    }
    let hard_requests: Vec<evaluate::Violation> = violations
        .iter()
        .filter(|v| v.hard && !matches!(v.kind, "group-clash" | "room-clash" | "person-clash"))
        .cloned()
        .collect();
    let moved = positions
        .iter()
        .zip(&start)
        .filter(|(p, s)| s.is_some() && p != s)
        .count();
    let report = Report {
        groups: inst.groups.len(),
        sessions: inst.sessions.len(),
        rooms: inst.rooms.len(),
        days: inst.days.len(),
        slots: inst.slot_count,
        seed: args.seed,
        iterations: solution.iterations,
        timed_out: solution.timed_out,
        hard: checker.len() + hard_requests.len(),
        checker,
        hard_requests,
        soft: soft_by_kind.values().sum(),
        soft_by_kind,
        violations: violations.into_iter().filter(|v| !v.hard).collect(),
        moved,
        timetable: timetable(&inst, &positions),
        written: written.iter().map(|p| p.display().to_string()).collect(),
    };
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

fn progress_bar(inst: &Instance, options: &Options) -> indicatif::ProgressBar {
    let per = options
        .iterations
        .unwrap_or_else(|| solver::default_iterations(inst));
    let bar = indicatif::ProgressBar::new(per.saturating_mul(options.restarts.max(1) as u64));
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {percent:>3}% {msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn timetable(inst: &Instance, positions: &[Option<Pos>]) -> Vec<Placed> {
    let mut v: Vec<Placed> = positions
        .iter()
        .enumerate()
        .filter_map(|(s, p)| {
            let p = (*p)?;
            Some(Placed {
                group: inst.groups[inst.sessions[s].host].id.clone(),
                id: inst.sessions[s].id.clone(),
                start: p.start,
                slot: inst.slot_name(p.start),
                room: inst.rooms[p.room].name.clone(),
            })
        })
        .collect();
    v.sort_by(|a, b| (a.start, &a.room).cmp(&(b.start, &b.room)));
    v
}

/// Loads the meeting files as they would be written, as one week.
fn check_texts(
    inst: &Instance,
    positions: &[Option<Pos>],
    origin: &str,
) -> Result<Week, (Sources, Vec<Diagnostic>)> {
    let mut sources = Sources::new();
    let mut meetings = Vec::new();
    let mut diags = Vec::new();
    for (g, group) in inst.groups.iter().enumerate() {
        let text = output::meeting_file(inst, g, positions, origin);
        let id = sources.add(Source::new(output::file_name(&group.id), text));
        match crate::loader::parse_meeting(sources.get(id), id) {
            Ok(m) => meetings.push(m),
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err((sources, diags));
    }
    let loaded = week::from_meetings(sources, meetings);
    week_or_errors(loaded)
}

fn check_files(files: &[PathBuf]) -> Result<Week, (Sources, Vec<Diagnostic>)> {
    match week::load(files) {
        Ok(loaded) => week_or_errors(loaded),
        Err(f) => Err((f.sources, f.diagnostics)),
    }
}

fn week_or_errors(loaded: week::Loaded) -> Result<Week, (Sources, Vec<Diagnostic>)> {
    if loaded.diagnostics.iter().any(Diagnostic::is_error) {
        Err((loaded.week.sources, loaded.diagnostics))
    } else {
        Ok(loaded.week)
    }
}

fn one_line(sources: &Sources, d: &Diagnostic) -> String {
    match d.labels.first() {
        Some(l) if l.file.0 < sources.len() => {
            let s = sources.get(l.file);
            let p = s.position(l.span.start);
            format!(
                "{}:{}:{}: {}",
                s.path().display(),
                p.line,
                p.column,
                d.message
            )
        }
        _ => d.message.clone(),
    }
}

fn print_diagnostics(
    out: &mut dyn Write,
    format: DiagnosticFormat,
    sources: &Sources,
    diags: &[Diagnostic],
) -> io::Result<()> {
    match format {
        DiagnosticFormat::Json => diagnostic::render_json(out, sources, diags),
        DiagnosticFormat::Human => diagnostic::render_human(out, sources, diags),
    }
}

fn print_report(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "agendum timetable: {} groups, {} sessions, {} rooms, {} days, {} slots; seed {}, {} iterations{}",
        r.groups,
        r.sessions,
        r.rooms,
        r.days,
        r.slots,
        r.seed,
        r.iterations,
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
            "moved from the starting timetable: {} sessions",
            r.moved
        )?;
    }
    for w in &r.written {
        writeln!(out, "wrote {}", diagnostic::sanitize_for_terminal(w))?;
    }
    Ok(())
}
