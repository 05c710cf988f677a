//! `agendum timetable`: builds the week's grid from a requests file.
//!
//! The pipeline: [`requests`] reads and resolves the file into an
//! `instance::Instance`; `explain` looks for a counting argument that
//! proves no valid timetable exists; [`solver`] builds one (construction,
//! then annealing with incremental moves); [`output`] writes it as meeting
//! files; the written files are then loaded as a week and checked, and the
//! report gives what that check found, the soft cost by kind
//! (`evaluate`) and each remaining soft violation.

pub(crate) mod evaluate;
pub(crate) mod explain;
pub(crate) mod instance;
pub mod output;
pub mod requests;
pub mod solver;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::load::source::{Source, Sources};
use crate::load::week::{self, Week};

use instance::Instance;
use solver::Pos;

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

/// What a run found: the check of the meeting files as written (`loaded`),
/// the request rules the files cannot show, the soft cost by kind, and
/// where each session went.
pub fn assess(
    inst: &Instance,
    positions: &[Option<Pos>],
    start: &[Option<Pos>],
    solution: &solver::Solution,
    seed: u64,
    written: &[PathBuf],
    loaded: &Result<Week, (Sources, Vec<Diagnostic>)>,
) -> Report {
    let checker: Vec<String> = match loaded {
        Ok(week) => crate::check::check(week, &crate::check::Settings::default())
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

    let violations = evaluate::violations(inst, positions, start);
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
        .zip(start)
        .filter(|(p, s)| s.is_some() && p != s)
        .count();
    Report {
        groups: inst.groups.len(),
        sessions: inst.sessions.len(),
        rooms: inst.rooms.len(),
        days: inst.days.len(),
        slots: inst.slot_count,
        seed,
        iterations: solution.iterations,
        timed_out: solution.timed_out,
        hard: checker.len() + hard_requests.len(),
        checker,
        hard_requests,
        soft: soft_by_kind.values().sum(),
        soft_by_kind,
        violations: violations.into_iter().filter(|v| !v.hard).collect(),
        moved,
        timetable: timetable(inst, positions),
        written: written.iter().map(|p| p.display().to_string()).collect(),
    }
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

/// Loads the meeting files as they would be written into the folder `dir`,
/// as one week (with the shared files they include, read from there).
pub fn check_texts(
    inst: &Instance,
    positions: &[Option<Pos>],
    origin: &str,
    dir: &Path,
) -> Result<Week, (Sources, Vec<Diagnostic>)> {
    let mut sources = Sources::new();
    let mut meetings = Vec::new();
    let mut diags = Vec::new();
    let include = output::include_paths(inst, dir);
    for (g, group) in inst.groups.iter().enumerate() {
        let text = output::meeting_file(inst, g, positions, origin, &include);
        let name = output::file_name(&group.id);
        // Included paths are read beside the file, so it is named where it
        // would be; without them, by its name alone, as before.
        let path = if include.is_empty() {
            PathBuf::from(name)
        } else {
            dir.join(name)
        };
        let id = sources.add(Source::new(path, text));
        match crate::load::parse_meeting(sources.get(id), id) {
            Ok(m) => meetings.push(m),
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err((sources, diags));
    }
    diags = week::read_named_files(&mut sources, &mut meetings);
    if !diags.is_empty() {
        return Err((sources, diags));
    }
    let loaded = week::from_meetings(sources, meetings);
    week_or_errors(loaded)
}

/// Loads meeting files the timetable was written into, as one week.
pub fn check_files(files: &[PathBuf]) -> Result<Week, (Sources, Vec<Diagnostic>)> {
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
