//! The `agendum plan` subcommand: print the plan and its difference from the
//! file, or write it into the file.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::PathBuf;

use toml_edit::{Array, value};

use super::prelude::{Refusal, judge};
use crate::cli::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::diagnostic::sanitize_for_terminal;
use crate::edit::MeetingDoc;
use crate::error::Error;
use crate::load::source::{FileId, Source, Sources};
use crate::load::week::{self, Week};
use crate::plan::{Options, Plan, plan};

/// How `plan` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum PlanFormat {
    /// A table per session and the changes against the file.
    #[default]
    Text,
    /// One JSON document.
    Json,
}

/// Arguments of `agendum plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The meeting file to plan.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Re-plan from this session on (id or minutes' name): earlier sessions keep what they treated;
    /// their contributions still open (not treated, kept open, postponed, revision expected) are carried forward.
    #[arg(long, value_name = "SESSION")]
    pub from: Option<String>,
    /// Minutes each session keeps free for pending contributions.
    #[arg(long, value_name = "MINUTES", default_value_t = 0)]
    pub reserve: u32,
    /// Balance the sessions even though the file says the agenda is published (`agenda_published = true`):
    /// fewest split items, then balance, then fewest moves. Without it, a published agenda moves as little as it can.
    #[arg(long)]
    pub rebalance: bool,
    /// Write the plan into the file (sessions' `items` and `contributions`), keeping everything else as written.
    #[arg(long)]
    pub write: bool,
    /// With --write: write a read-only or hard-linked file anyway (the rename gives the name a new file; other links keep the old text).
    #[arg(long, requires = "write")]
    pub force: bool,
    /// How to print the plan.
    #[arg(long, value_enum, default_value_t)]
    pub format: PlanFormat,
}

/// Runs `agendum plan`.
pub fn run(args: &PlanArgs, out: &mut dyn Write) -> io::Result<u8> {
    // With --write the edit lock is taken before the file is read and held
    // until it is written.
    let opened = if args.write {
        match super::prelude::write_options(args.force) {
            Ok(options) => MeetingDoc::open_to_write(&args.file, &options),
            Err(e) => Err(Error::Refused(e)),
        }
    } else {
        MeetingDoc::open(&args.file)
    };
    let doc = match opened {
        Ok(d) => d,
        Err(e) => {
            report_edit_error(&e)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let mut sources = Sources::new();
    let id = sources.add(Source::new(&args.file, doc.original().to_string()));
    let Ok(meeting) = crate::load::parse_meeting(sources.get(id), FileId(0)) else {
        return Ok(EXIT_UNREADABLE);
    };
    // The files it includes: their groups and people validate it; only the
    // meeting file itself is ever written.
    let mut meetings = vec![meeting];
    let named = week::read_named_files(&mut sources, &mut meetings);
    if !named.is_empty() {
        crate::diagnostic::render_human(&mut io::stderr().lock(), &sources, &named)?;
        return Ok(EXIT_UNREADABLE);
    }
    let file = args.file.display().to_string();
    let refusal = Refusal {
        command: "plan",
        unreadable: None,
        invalid: &|_| format!("fix these errors first (agendum check {file})"),
        errors_only: true,
    };
    let week = match judge(
        week::from_meetings(sources, meetings),
        &refusal,
        &mut io::stderr().lock(),
    )? {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };
    let options = Options {
        from: args.from.clone(),
        reserve: args.reserve,
        rebalance: args.rebalance,
    };
    let plan = match plan(&week, 0, &options) {
        Ok(p) => p,
        Err(e) => {
            writeln!(
                io::stderr(),
                "agendum plan: {}: {}",
                args.file.display(),
                sanitize_for_terminal(&e.to_string())
            )?;
            return Ok(EXIT_PROBLEMS);
        }
    };
    match args.format {
        PlanFormat::Json => {
            out.write_all(crate::diagnostic::json_for_terminal(&plan)?.as_bytes())?;
            writeln!(out)?;
        }
        PlanFormat::Text => print_text(out, &week, &plan)?,
    }
    if args.write {
        let mut doc = doc;
        write_into(&mut doc, &plan);
        match doc.save() {
            Ok(true) => writeln!(out, "written to {}", args.file.display())?,
            Ok(false) => writeln!(out, "{} already holds this plan", args.file.display())?,
            Err(e) => {
                report_edit_error(&e)?;
                return Ok(super::exit_code(&e));
            }
        }
    }
    Ok(EXIT_OK)
}

fn report_edit_error(e: &Error) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for line in e.to_string().lines() {
        writeln!(err, "agendum plan: {}", sanitize_for_terminal(line))?;
    }
    Ok(())
}

/// Sets each planned session's `items` and `contributions` in the document.
fn write_into(doc: &mut MeetingDoc, plan: &Plan) {
    let Some(tables) = doc.array("sessions") else {
        return;
    };
    for s in plan.sessions.iter().filter(|s| !s.frozen) {
        if let Some(t) = tables.get_mut(s.index) {
            t["items"] = value(s.items.iter().collect::<Array>());
            if s.contributions.is_empty() {
                t.remove("contributions");
            } else {
                let mut list: Array = s.contributions.iter().collect();
                if list.len() > 3 {
                    // One number per line keeps diffs readable.
                    for v in list.iter_mut() {
                        v.decor_mut().set_prefix("\n  ");
                    }
                    list.set_trailing("\n");
                    list.set_trailing_comma(true);
                }
                t["contributions"] = value(list);
            }
        }
    }
}

/// The plan per session, then what changes against the file.
fn print_text(out: &mut dyn Write, week: &Week, plan: &Plan) -> io::Result<()> {
    let m = &week.meetings[0];
    let total: usize = plan.sessions.iter().map(|s| s.contributions.len()).sum();
    writeln!(
        out,
        "Plan for {} ({} in {})\n",
        sanitize_for_terminal(&plan.meeting),
        super::count(total, "contribution"),
        super::count(plan.sessions.len(), "session")
    )?;
    let index = crate::check::Index::new(week);
    for s in &plan.sessions {
        let session = &m.sessions[s.index];
        let when = week.times[0].get(&s.index).map_or(String::new(), |t| {
            let tz = m.session_zone(session);
            format!(
                "{} {}-{}",
                session.day.weekday_name(),
                t.start.with_timezone(&tz).format("%H:%M"),
                t.end.with_timezone(&tz).format("%H:%M")
            )
        });
        let room = session.room.as_ref().map_or("", |r| r.as_str());
        let frozen = if s.frozen { " (kept)" } else { "" };
        writeln!(
            out,
            "{:<10} {:<22} {:<14} {:>4} of {:>4} min{frozen}",
            sanitize_for_terminal(&s.id),
            when,
            sanitize_for_terminal(room),
            s.minutes_used,
            s.minutes_available
        )?;
        if !s.items.is_empty() {
            writeln!(
                out,
                "           items {}",
                sanitize_for_terminal(&s.items.join(", "))
            )?;
        }
        for chunk in s.contributions.chunks(4) {
            writeln!(
                out,
                "           {}",
                sanitize_for_terminal(&chunk.join(", "))
            )?;
        }
    }
    if !plan.split_items.is_empty() {
        writeln!(
            out,
            "\nSplit over several sessions: items {}",
            plan.split_items.join(", ")
        )?;
    }
    print_moves(out, plan)?;
    for note in &plan.notes {
        writeln!(out, "note: {}", sanitize_for_terminal(note))?;
    }
    // Changes against the file, as the checker reads the file.
    writeln!(out, "\nChanges against the file:")?;
    let first: usize = 0;
    let mut any = false;
    for s in &plan.sessions {
        let session = &m.sessions[s.index];
        let old_items: Vec<&str> = session.items.iter().map(|n| n.as_str()).collect();
        let new_items: Vec<&str> = s.items.iter().map(String::as_str).collect();
        let old_contribs: Vec<&str> = index
            .sessions
            .get(first + s.index)
            .map(|e| {
                e.contributions
                    .iter()
                    .map(|&c| index.contributions[c as usize].contribution.number.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let new_contribs: Vec<&str> = s.contributions.iter().map(String::as_str).collect();
        let mut parts = Vec::new();
        diff_words(&mut parts, "items", &old_items, &new_items);
        diff_words(&mut parts, "", &old_contribs, &new_contribs);
        if !parts.is_empty() {
            any = true;
            writeln!(
                out,
                "  {}: {}",
                sanitize_for_terminal(&s.id),
                sanitize_for_terminal(&parts.join("; "))
            )?;
        }
    }
    if !any {
        writeln!(out, "  none: the file already follows this plan")?;
    }
    Ok(())
}

/// The items the plan moves, and why each had to move.
fn print_moves(out: &mut dyn Write, plan: &Plan) -> io::Result<()> {
    if plan.moves.is_empty() {
        return Ok(());
    }
    let why = if plan.stable {
        "the agenda is published: only what had to move"
    } else {
        "the plan balances the sessions"
    };
    writeln!(out, "\nMoved ({why}):")?;
    for mv in &plan.moves {
        writeln!(
            out,
            "  {} moved from {} to {}: {}",
            sanitize_for_terminal(&mv.item),
            sanitize_for_terminal(&mv.from.join(", ")),
            sanitize_for_terminal(&mv.to.join(", ")),
            sanitize_for_terminal(&mv.reason)
        )?;
    }
    Ok(())
}

fn diff_words(parts: &mut Vec<String>, label: &str, old: &[&str], new: &[&str]) {
    let old_set: HashSet<&str> = old.iter().copied().collect();
    let new_set: HashSet<&str> = new.iter().copied().collect();
    let added: Vec<&str> = new
        .iter()
        .copied()
        .filter(|x| !old_set.contains(x))
        .collect();
    let removed: Vec<&str> = old
        .iter()
        .copied()
        .filter(|x| !new_set.contains(x))
        .collect();
    let prefix = if label.is_empty() {
        String::new()
    } else {
        format!("{label} ")
    };
    if !added.is_empty() {
        parts.push(format!("{prefix}+ {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("{prefix}- {}", removed.join(", ")));
    }
}
