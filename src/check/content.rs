//! What sessions treat: items that need groups a session lacks, sessions
//! with more to treat than time, contributions out of order, and items or
//! contributions that no session treats.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::index::{DEFAULT_MINUTES_PER_CONTRIBUTION, Index, parent, secs};
use crate::diagnostic::Diagnostic;
use crate::model::{AgendaItem, Contribution, Meeting};

/// The agenda of a meeting by number.
fn agenda(m: &Meeting) -> HashMap<&str, &AgendaItem> {
    m.agenda.iter().map(|a| (a.number.as_str(), a)).collect()
}

/// Minutes a contribution takes: its own `minutes`, else the file's
/// `minutes_by_type` for its type, else its item's `minutes_per_contribution`,
/// else the file's `minutes_per_contribution`, else 15.
pub fn minutes(m: &Meeting, item: Option<&AgendaItem>, c: &Contribution) -> u32 {
    if let Some(n) = c.minutes {
        return n;
    }
    let by_type = c.kind.as_deref().and_then(|k| {
        m.settings
            .minutes_by_type
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(k.trim()))
            .map(|(_, n)| *n)
    });
    by_type
        .or_else(|| item.and_then(|i| i.minutes_per_contribution))
        .or_else(|| {
            m.settings
                .minutes_per_contribution
                .as_ref()
                .map(|n| n.value)
        })
        .unwrap_or(DEFAULT_MINUTES_PER_CONTRIBUTION)
}

/// The content rules.
pub fn check(index: &Index) -> Vec<Diagnostic> {
    let agendas: Vec<_> = index.week.meetings.iter().map(agenda).collect();
    let mut out = Vec::new();
    item_groups(index, &agendas, &mut out);
    overfull(index, &agendas, &mut out);
    order(index, &mut out);
    unscheduled(index, &mut out);
    out
}

fn item_groups(index: &Index, agendas: &[HashMap<&str, &AgendaItem>], out: &mut Vec<Diagnostic>) {
    for e in &index.sessions {
        let m = &index.week.meetings[e.meeting];
        let have: Vec<&str> = e.groups.iter().map(|&g| index.groups.name(g)).collect();
        for n in &e.session.items {
            // An item needs its own groups and those of the items above it.
            let mut item = Some(n.as_str());
            while let Some(number) = item {
                if let Some(a) = agendas[e.meeting].get(number) {
                    for g in &a.groups {
                        if have.contains(&g.as_str()) {
                            continue;
                        }
                        let elsewhere =
                            index
                                .sessions_treating(e.meeting, n.as_str())
                                .iter()
                                .find(|&&s| {
                                    index.sessions[s as usize]
                                        .groups
                                        .iter()
                                        .any(|&x| index.groups.name(x) == g.as_str())
                                });
                        let help = match elsewhere {
                            Some(&s) => format!(
                                "treat item {} only in {}, which includes {}, or make {} a joint session (groups = [{}])",
                                n.as_str(),
                                index.sessions[s as usize].session.id.as_str(),
                                g.as_str(),
                                e.session.id.as_str(),
                                have.iter()
                                    .chain([&g.as_str()])
                                    .map(|x| format!("\"{x}\""))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            None => format!(
                                "make {} a joint session with {} (groups = [{}]), or move item {} to a joint session with {}",
                                e.session.id.as_str(),
                                g.as_str(),
                                have.iter()
                                    .chain([&g.as_str()])
                                    .map(|x| format!("\"{x}\""))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                n.as_str(),
                                g.as_str()
                            ),
                        };
                        out.push(
                            Diagnostic::error(
                                "item-needs-group",
                                format!(
                                    "item {} needs {} but {} is a session of {} only",
                                    n.as_str(),
                                    g.as_str(),
                                    e.label,
                                    have.join("/")
                                ),
                            )
                            .at(
                                m.file,
                                n.span.clone(),
                                format!("treated in {}", e.session.id.as_str()),
                            )
                            .at(
                                m.file,
                                g.span.clone(),
                                format!("item {} needs {}", a.number.as_str(), g.as_str()),
                            )
                            .session(e.label.clone())
                            .help(help),
                        );
                    }
                }
                item = parent(number);
            }
        }
    }
}

fn overfull(index: &Index, agendas: &[HashMap<&str, &AgendaItem>], out: &mut Vec<Diagnostic>) {
    for (si, e) in index.sessions.iter().enumerate() {
        let Some(t) = e.interval else { continue };
        let sid = u32::try_from(si).unwrap_or(u32::MAX);
        let m = &index.week.meetings[e.meeting];
        // An item's own time counts in the first session that treats it.
        let item_minutes: u32 = e
            .session
            .items
            .iter()
            .filter(|n| index.sessions_treating(e.meeting, n.as_str()).first() == Some(&sid))
            .filter_map(|n| agendas[e.meeting].get(n.as_str()).and_then(|a| a.minutes))
            .sum();
        let mut need = u64::from(item_minutes);
        for &c in &e.contributions {
            let c = &index.contributions[c as usize];
            let cm = &index.week.meetings[c.meeting];
            let item = agendas[c.meeting]
                .get(c.contribution.item.as_str())
                .copied();
            need += u64::from(minutes(cm, item, c.contribution));
        }
        let have = u64::try_from(t.minutes()).unwrap_or(0);
        if need <= have {
            continue;
        }
        let over = need - have;
        let tz = index.zone(e.meeting);
        let new_end = (t.end + chrono::Duration::minutes(i64::try_from(over).unwrap_or(0)))
            .with_timezone(&tz);
        let last = e
            .contributions
            .last()
            .map(|&c| index.contributions[c as usize].contribution.number.as_str());
        let mut d = Diagnostic::error(
            "session-overfull",
            format!(
                "{} needs {need} minutes but has {have}: {over} minutes over ({} contribution{}, {item_minutes} minutes of items)",
                e.label,
                e.contributions.len(),
                if e.contributions.len() == 1 { "" } else { "s" }
            ),
        )
        .at(m.file, e.time_span(), format!("{have} minutes"));
        if let Some(first) = e.session.items.first() {
            d = d.at(
                m.file,
                first.span.clone(),
                format!("these items need {need} minutes"),
            );
        }
        let moving = last.map_or(String::new(), |n| {
            format!(", move {n} to a later session (`session = ...`)")
        });
        // A clock time past midnight would wrap (09:00 for 15,000 hours
        // over): say how much longer the session would have to be instead.
        let end_local = t.end.with_timezone(&tz);
        let fix = if new_end.date_naive() == end_local.date_naive() {
            format!(
                "end {} at {} or later",
                e.session.id.as_str(),
                new_end.format("%H:%M")
            )
        } else {
            format!(
                "{} needs {} more than the session has, past the end of its day: split the contributions over more sessions",
                e.session.id.as_str(),
                hours_and_minutes(over)
            )
        };
        out.push(d.session(e.label.clone()).help(format!(
            "{fix}{moving}, or lower the estimates (`minutes` on contributions, [settings] minutes_per_contribution)"
        )));
    }
}

/// `minutes` as "15,000 hours" or "2 hours 5 minutes", thousands grouped.
fn hours_and_minutes(minutes: u64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let digits = h.to_string();
    let mut hours = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            hours.push(',');
        }
        hours.push(c);
    }
    let unit = |n: u64, word: &str| format!("{word}{}", if n == 1 { "" } else { "s" });
    match (h, m) {
        (0, m) => format!("{m} {}", unit(m, "minute")),
        (h, 0) => format!("{hours} {}", unit(h, "hour")),
        (h, m) => format!("{hours} {} {m} {}", unit(h, "hour"), unit(m, "minute")),
    }
}

/// Where a contribution is first treated: (start, session, place in the session).
fn position(index: &Index, c: u32) -> Option<(i64, u32, usize)> {
    let sid = *index.contributions[c as usize].sessions.first()?;
    let e = &index.sessions[sid as usize];
    let start = secs(e.interval?.start);
    let place = e.contributions.iter().position(|&x| x == c).unwrap_or(0);
    Some((start, sid, place))
}

fn order(index: &Index, out: &mut Vec<Diagnostic>) {
    let file = |c: u32| index.week.meetings[index.contributions[c as usize].meeting].file;
    let name = |c: u32| index.contributions[c as usize].contribution.number.as_str();
    let at = |c: u32| {
        index.contributions[c as usize]
            .sessions
            .first()
            .map_or(String::new(), |&s| {
                format!("{} ({})", index.sessions[s as usize].label, index.when(s))
            })
    };
    let label = |c: u32| {
        index.contributions[c as usize]
            .sessions
            .first()
            .map_or(String::new(), |&s| index.sessions[s as usize].label.clone())
    };
    let mut report = |first: u32, then: u32, link: std::ops::Range<usize>, what: String| {
        let (Some(p), Some(q)) = (position(index, first), position(index, then)) else {
            return;
        };
        if p <= q {
            return;
        }
        let target = index.contributions[first as usize].contribution;
        out.push(
            Diagnostic::warning(
                "dependency-order",
                format!("{} is treated in {} before {}, {what}, treated in {}", name(then), at(then), name(first), at(first)),
            )
            .at(file(then), link, what)
            .at(file(first), target.number.span.clone(), format!("treated later, in {}", at(first)))
            .session(label(then))
            .help(format!(
                "treat {} first: move {} to a session after {} (`session = ...`), or list {} before it in a session's `contributions`",
                name(first),
                name(then),
                at(first),
                name(first)
            )),
        );
    };
    for (ci, c) in index.contributions.iter().enumerate() {
        let cid = u32::try_from(ci).unwrap_or(u32::MAX);
        let k = c.contribution;
        if let Some(main) = &k.companion_of {
            if let Some(&m) = index.by_number.get(main.as_str()) {
                report(
                    m,
                    cid,
                    main.span.clone(),
                    "the main CR it is a companion of".to_string(),
                );
            }
        }
        for d in &k.depends_on {
            if let Some(&x) = index.by_number.get(d.as_str()) {
                report(x, cid, d.span.clone(), "which it depends on".to_string());
            }
        }
        if let Some(r) = &k.revision_of {
            if let Some(&x) = index.by_number.get(r.as_str()) {
                report(
                    x,
                    cid,
                    r.span.clone(),
                    "the contribution it revises".to_string(),
                );
            }
        }
    }
    // Entries with one base number are revisions of each other: older first.
    let mut by_base: Vec<(&str, Option<u16>, u32)> = index
        .contributions
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            (
                c.contribution.number.base(),
                c.contribution.number.revision(),
                u32::try_from(ci).unwrap_or(u32::MAX),
            )
        })
        .collect();
    by_base.sort_unstable();
    for run in by_base.chunk_by(|x, y| x.0 == y.0).filter(|r| r.len() > 1) {
        for (i, &(_, _, old)) in run.iter().enumerate() {
            for &(_, _, new) in &run[i + 1..] {
                let n = index.contributions[new as usize].contribution;
                report(
                    old,
                    new,
                    n.number.span.clone(),
                    "an older revision of it".to_string(),
                );
            }
        }
    }
}

/// Whether the file records that a contribution was treated: a decision in
/// its `history`, or a status that only treatment gives (noted, agreed ...).
fn recorded(c: &Contribution) -> bool {
    !c.history.is_empty() || c.status.as_ref().is_some_and(|s| !s.is_pending())
}

#[allow(clippy::too_many_lines)]
fn unscheduled(index: &Index, out: &mut Vec<Diagnostic>) {
    let n = index.week.meetings.len();
    // An item whose contributions a session lists is treated there.
    let mut through: Vec<HashSet<&str>> = vec![HashSet::default(); n];
    for c in index
        .contributions
        .iter()
        .filter(|c| !c.sessions.is_empty())
    {
        through[c.meeting].insert(c.contribution.item.as_str());
    }
    // So is an item whose outcome the file records (minutes: a `report`
    // under it, or a decision in a contribution's `history`).
    for (mi, m) in index.week.meetings.iter().enumerate() {
        for a in m.agenda.iter().filter(|a| !a.report.is_empty()) {
            through[mi].insert(a.number.as_str());
        }
        for c in m.contributions.iter().filter(|c| recorded(c)) {
            through[mi].insert(c.item.as_str());
        }
    }
    let mut left: Vec<Vec<&Contribution>> = vec![Vec::new(); n];
    for c in index
        .contributions
        .iter()
        .filter(|c| c.sessions.is_empty() && !recorded(c.contribution))
    {
        left[c.meeting].push(c.contribution);
    }
    for (mi, m) in index.week.meetings.iter().enumerate() {
        // A meeting without sessions is still being drafted (`agendum next`
        // writes one): one warning says so, not one per agenda item.
        if m.sessions.is_empty() {
            if !m.agenda.is_empty() {
                out.push(no_sessions_yet(m, left[mi].len()));
            }
            continue;
        }
        let treated = &index.item_ids[mi];
        // Items above a treated item are treated through it.
        let mut above: HashSet<&str> = HashSet::default();
        for n in treated.keys().chain(through[mi].iter()) {
            let mut p = parent(n);
            while let Some(x) = p {
                p = parent(x);
                above.insert(x);
            }
        }
        let is_treated = |n: &str| {
            if above.contains(n) {
                return true;
            }
            let mut x = Some(n);
            while let Some(y) = x {
                if treated.contains_key(y) || through[mi].contains(y) {
                    return true;
                }
                x = parent(y);
            }
            false
        };
        // The hint names the session the planner would choose; only built
        // when something here is unscheduled.
        let mut planned: Option<Option<crate::plan::Plan>> = None;
        let mut suggest = |item: &str, number: Option<&str>| {
            let plan = planned
                .get_or_insert_with(|| {
                    crate::plan::plan_with(index.week, index, mi, &crate::plan::Options::default())
                        .ok()
                })
                .as_ref();
            let chosen = plan.and_then(|p| {
                p.sessions.iter().find(|s| match number {
                    Some(n) => s.contributions.iter().any(|c| c == n),
                    None => s.items.iter().any(|i| i == item),
                })
            });
            match chosen {
                Some(s) => format!(" (e.g. {}, where `agendum plan` would put it)", s.id),
                None => opening_or_closing(index, mi, item),
            }
        };
        let mut waiting: HashMap<&str, usize> = HashMap::default();
        for c in &left[mi] {
            *waiting.entry(c.item.as_str()).or_default() += 1;
        }
        for a in &m.agenda {
            if is_treated(a.number.as_str()) {
                continue;
            }
            let n = waiting.get(a.number.as_str()).copied().unwrap_or(0);
            let with = match n {
                0 => String::new(),
                1 => " (nor its contribution)".to_string(),
                n => format!(" (nor its {n} contributions)"),
            };
            out.push(
                Diagnostic::warning(
                    "unscheduled",
                    format!(
                        "agenda item {} of {} is treated in no session{with}",
                        a.number.as_str(),
                        m.header.id.as_str()
                    ),
                )
                .at(m.file, a.number.span.clone(), "no session lists this item")
                .help(format!(
                    "add \"{}\" to a session's `items`{}",
                    a.number.as_str(),
                    suggest(a.number.as_str(), None)
                )),
            );
        }
        for &k in &left[mi] {
            if !is_treated(k.item.as_str()) {
                continue; // reported with its item
            }
            out.push(
                Diagnostic::warning(
                    "unscheduled",
                    format!(
                        "contribution {} (item {}) is treated in no session",
                        k.number.as_str(),
                        k.item.as_str()
                    ),
                )
                .at(m.file, k.number.span.clone(), "not in any session")
                .help(format!(
                    "add \"{}\" to a session's `items`, list it in a session's `contributions`, or pin it with `session = ...`{}",
                    k.item.as_str(),
                    suggest(k.item.as_str(), Some(k.number.as_str()))
                )),
            );
        }
    }
}

/// The one `unscheduled` warning of a meeting that has an agenda and no
/// session yet.
fn no_sessions_yet(m: &crate::model::Meeting, contributions: usize) -> Diagnostic {
    use crate::export::render::plural;
    let n = m.agenda.len();
    let items = format!("{n} agenda item{}", plural(n));
    let with = match contributions {
        0 => String::new(),
        k => format!(" and {k} contribution{}", plural(k)),
    };
    Diagnostic::warning(
        "unscheduled",
        format!(
            "{} has no sessions yet: its {items}{with} {} treated in none",
            m.header.id.as_str(),
            if n + contributions == 1 { "is" } else { "are" }
        ),
    )
    .at(m.file, m.header.id.span.clone(), "no [[sessions]] in this file")
    .help(
        "add the meeting's [[sessions]] (docs/format.md), or place them with `agendum timetable`; then `agendum plan --write` gives each item its session",
    )
}

/// When no plan exists: the meeting's first or last session for an item
/// that opens or closes it (the planner's rule), else nothing.
fn opening_or_closing(index: &Index, mi: usize, item: &str) -> String {
    let m = &index.week.meetings[mi];
    let Some(times) = index.week.times.get(mi) else {
        return String::new();
    };
    let items: std::collections::BTreeMap<_, _> =
        m.agenda.iter().map(|a| (&a.number.value, a)).collect();
    let Some(a) = m.agenda.iter().find(|a| a.number.as_str() == item) else {
        return String::new();
    };
    let (Some(place), Some((first, last))) = (
        crate::plan::place::item_place(&items, a),
        crate::plan::place::first_and_last(m, times),
    ) else {
        return String::new();
    };
    match place {
        crate::model::status::ItemPlace::First => {
            format!(
                " (e.g. {}, the meeting's first session)",
                m.sessions[first].id.as_str()
            )
        }
        crate::model::status::ItemPlace::Last => {
            format!(
                " (e.g. {}, the meeting's last session)",
                m.sessions[last].id.as_str()
            )
        }
    }
}
