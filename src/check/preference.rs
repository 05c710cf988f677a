//! Warnings: the week works, but someone will be unhappy.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use chrono::{NaiveTime, TimeZone};

use super::index::{DEFAULT_JOINT_NOTICE_HOURS, Index, secs};
use super::sweep::{self, Span};
use crate::diagnostic::Diagnostic;
use crate::load::source::FileId;
use crate::load::week::{declared_groups, declared_people};
use crate::model::loc::Loc;
use crate::model::status::SessionKind;

/// Local hour before which a call is at night.
pub const NIGHT_ENDS: u32 = 7;
/// Local hour after which a call is at night.
pub const NIGHT_STARTS: u32 = 22;

/// The preference rules.
pub fn check(index: &Index) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    notice(index, &mut out);
    declared(index, &mut out);
    unavailable(index, &mut out);
    back_to_back(index, &mut out);
    capacity(index, &mut out);
    night(index, &mut out);
    delegate_night(index, &mut out);
    profile(index, &mut out);
    out
}

fn notice(index: &Index, out: &mut Vec<Diagnostic>) {
    for (i, e) in index.sessions.iter().enumerate() {
        let sid = u32::try_from(i).unwrap_or(u32::MAX);
        let s = e.session;
        let (Some(fixed), Some(t)) = (&s.fixed, e.interval) else {
            continue;
        };
        if s.kind.value != SessionKind::Joint && e.groups.len() < 2 {
            continue;
        }
        let m = &index.week.meetings[e.meeting];
        let hours = m
            .settings
            .joint_notice_hours
            .as_ref()
            .map_or(DEFAULT_JOINT_NOTICE_HOURS, |h| h.value);
        let tz = index.zone(e.meeting);
        let Some(at) = tz.from_local_datetime(&fixed.0).earliest() else {
            continue;
        };
        let given = (t.start - at.with_timezone(&chrono::Utc)).num_minutes();
        if given >= i64::from(hours) * 60 {
            continue;
        }
        let given_text = if given < 0 {
            format!("{} after it starts", duration(-given))
        } else {
            format!("only {} before it starts", duration(given))
        };
        let mut d = Diagnostic::warning(
            "joint-notice",
            format!(
                "joint session {} ({}) was fixed {given_text}; joint sessions need {hours} hours' notice",
                e.label,
                index.group_names(sid)
            ),
        )
        .at(m.file, fixed.span.clone(), format!("fixed {}", fixed.0.format("%A %H:%M")))
        .at(m.file, e.time_span(), format!("starts {}", index.when(sid)));
        if let Some(h) = &m.settings.joint_notice_hours {
            d = d.at(m.file, h.span.clone(), "the notice this file asks for");
        }
        out.push(d.session(e.label.clone()).help(format!(
            "move {} to start {hours} hours after it was fixed (from {}), or tell every group and allow `joint-notice` for this file",
            s.id.as_str(),
            (at + chrono::Duration::hours(i64::from(hours))).format("%A %H:%M")
        )));
    }
}

fn duration(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} minutes"),
        (h, 0) => format!("{h} hours"),
        (h, m) => format!("{h} hours {m} minutes"),
    }
}

/// Sessions of each group, as spans sorted by start.
fn group_spans(index: &Index) -> Vec<Vec<Span>> {
    let mut by_group: Vec<Vec<Span>> = vec![Vec::new(); index.groups.names.len()];
    for (i, e) in index.sessions.iter().enumerate() {
        let Some(t) = e.interval else { continue };
        if !e.is_work() {
            continue;
        }
        let id = u32::try_from(i).unwrap_or(u32::MAX);
        for &g in &e.groups {
            if let Some(v) = by_group.get_mut(g as usize) {
                v.push(Span {
                    key: g,
                    start: secs(t.start),
                    end: secs(t.end),
                    id,
                });
            }
        }
    }
    for v in &mut by_group {
        v.sort_unstable_by_key(|s| (s.start, s.id));
    }
    by_group
}

/// A declared conflict: priority, file, where the other group is named, and who declared it.
type Declared<'a> = (u8, FileId, &'a Loc<String>, u32);

fn declared(index: &Index, out: &mut Vec<Diagnostic>) {
    // Declarations of one group in several files add up; the highest priority wins.
    let mut wanted: BTreeMap<(u32, u32), Declared> = BTreeMap::new();
    for (_, _, g) in declared_groups(&index.week.meetings) {
        let Some(a) = index.groups.get(g.id.as_str()) else {
            continue;
        };
        for (prio, other) in g.conflicts.iter() {
            let Some(b) = index.groups.get(other.as_str()) else {
                continue;
            };
            if a == b {
                continue;
            }
            let key = (a.min(b), a.max(b));
            let entry = wanted.entry(key).or_insert((prio, g.file, other, a));
            if prio < entry.0 {
                *entry = (prio, g.file, other, a);
            }
        }
    }
    if wanted.is_empty() {
        return;
    }
    let spans = group_spans(index);
    let empty = Vec::new();
    for (&(x, y), &(prio, file, decl, by)) in &wanted {
        let left = spans.get(x as usize).unwrap_or(&empty);
        let right = spans.get(y as usize).unwrap_or(&empty);
        let mut pairs = sweep::cross(0, left, right);
        pairs.sort_unstable();
        pairs.dedup();
        for p in pairs {
            let (ea, eb) = (&index.sessions[p.a as usize], &index.sessions[p.b as usize]);
            // Sharing a group is already a group-overlap error.
            if ea.groups.iter().any(|g| eb.groups.contains(g)) {
                continue;
            }
            let other = if by == x { y } else { x };
            let (nb, no) = (index.groups.name(by), index.groups.name(other));
            let word = ["first", "second", "third"][usize::from(prio.clamp(1, 3) - 1)];
            let (mine, theirs) = if ea.groups.contains(&by) {
                (p.a, p.b)
            } else {
                (p.b, p.a)
            };
            let (em, et) = (
                &index.sessions[mine as usize],
                &index.sessions[theirs as usize],
            );
            let fm = index.week.meetings[em.meeting].file;
            let ft = index.week.meetings[et.meeting].file;
            out.push(
                Diagnostic::warning(
                    "group-conflict",
                    format!(
                        "{nb} should not overlap {no} ({word}-priority conflict): {} ({}) overlaps {} ({})",
                        em.label,
                        index.when(mine),
                        et.label,
                        index.when(theirs)
                    ),
                )
                .at(fm, em.time_span(), format!("{nb}: {}", index.when(mine)))
                .at(ft, et.time_span(), format!("{no}: {}", index.when(theirs)))
                .at(file, decl.span.clone(), format!("{nb} declared this {word}-priority conflict"))
                .session(em.label.clone())
                .session(et.label.clone())
                .help(format!(
                    "move {} to a time {no} does not meet, or ask {} to move {}",
                    em.session.id.as_str(),
                    no,
                    et.label
                )),
            );
        }
    }
}

fn unavailable(index: &Index, out: &mut Vec<Diagnostic>) {
    // Half-days by group, from every declaration.
    let mut by_group: HashMap<u32, Vec<(FileId, &crate::model::HalfDay)>> = HashMap::new();
    for (_, _, g) in declared_groups(&index.week.meetings) {
        if let Some(id) = index.groups.get(g.id.as_str()) {
            by_group
                .entry(id)
                .or_default()
                .extend(g.unavailable.iter().map(|h| (g.file, h)));
        }
    }
    if by_group.is_empty() {
        return;
    }
    for (i, e) in index.sessions.iter().enumerate() {
        let Some(t) = e.interval else { continue };
        if !e.is_work() {
            continue;
        }
        let sid = u32::try_from(i).unwrap_or(u32::MAX);
        let tz = index.zone(e.meeting);
        let (a, b) = (
            t.start.with_timezone(&tz).naive_local(),
            t.end.with_timezone(&tz).naive_local(),
        );
        for &g in &e.groups {
            for (file, h) in by_group.get(&g).map_or(&[][..], Vec::as_slice) {
                let (from, to) = h.half.map_or((0, 24), crate::model::Half::hours);
                let start =
                    h.day.0.and_time(NaiveTime::MIN) + chrono::Duration::hours(i64::from(from));
                let end = h.day.0.and_time(NaiveTime::MIN) + chrono::Duration::hours(i64::from(to));
                if !(a < end && start < b) {
                    continue;
                }
                let what = h.half.map_or("the whole day".to_string(), |x| {
                    format!("the {}", x.as_str())
                });
                let m = &index.week.meetings[e.meeting];
                out.push(
                    Diagnostic::warning(
                        "group-unavailable",
                        format!(
                            "{} meets in {} ({}) but declared {what} of {} {} unavailable",
                            index.groups.name(g),
                            e.label,
                            index.when(sid),
                            h.day.weekday_name(),
                            *h.day
                        ),
                    )
                    .at(m.file, e.time_span(), format!("{}: {}", e.session.id.as_str(), index.when(sid)))
                    .at(*file, h.day.span.clone(), format!("{} unavailable", index.groups.name(g)))
                    .session(e.label.clone())
                    .help(format!(
                        "move {} out of {what} of {} ({:02}:00-{:02}:00), or drop the half-day from {}'s `unavailable`",
                        e.session.id.as_str(),
                        h.day.weekday_name(),
                        from,
                        to,
                        index.groups.name(g)
                    )),
                );
            }
        }
    }
}

#[allow(clippy::too_many_lines)]
fn back_to_back(index: &Index, out: &mut Vec<Diagnostic>) {
    let brk = |mi: usize| {
        index.week.meetings[mi]
            .settings
            .min_break_minutes
            .as_ref()
            .map_or(0, |b| i64::from(b.value) * 60)
    };
    let widest = (0..index.week.meetings.len()).map(brk).max().unwrap_or(0);
    // Keys: groups as (0, id), people as (1, id); sessions in rooms only.
    let mut spans: Vec<(u8, Span)> = Vec::new();
    for (i, e) in index.sessions.iter().enumerate() {
        let (Some(t), Some(_)) = (e.interval, e.room) else {
            continue;
        };
        if !e.is_work() {
            continue;
        }
        let id = u32::try_from(i).unwrap_or(u32::MAX);
        let (start, end) = (secs(t.start), secs(t.end));
        spans.extend(e.groups.iter().map(|&key| {
            (
                0,
                Span {
                    key,
                    start,
                    end,
                    id,
                },
            )
        }));
        spans.extend(e.people.iter().map(|a| {
            (
                1,
                Span {
                    key: a.person,
                    start,
                    end,
                    id,
                },
            )
        }));
    }
    spans.sort_unstable();
    spans.dedup();
    // (earlier, later) -> groups and people who go from one to the other.
    let mut found: BTreeMap<(u32, u32), (Vec<u32>, Vec<u32>)> = BTreeMap::new();
    let mut run_start = 0;
    while run_start < spans.len() {
        let kind_key = (spans[run_start].0, spans[run_start].1.key);
        let run_end = spans[run_start..]
            .iter()
            .position(|(k, s)| (*k, s.key) != kind_key)
            .map_or(spans.len(), |p| run_start + p);
        let run = &spans[run_start..run_end];
        for (_, s) in run {
            // The sessions starting from the end of `s` to the widest break after it.
            let from = run.partition_point(|(_, x)| x.start < s.end);
            for (_, x) in run[from..]
                .iter()
                .take_while(|(_, x)| x.start <= s.end + widest)
            {
                let (es, ex) = (
                    &index.sessions[s.id as usize],
                    &index.sessions[x.id as usize],
                );
                if x.id == s.id || es.room == ex.room || x.start - s.end > brk(es.meeting) {
                    continue;
                }
                let entry = found.entry((s.id, x.id)).or_default();
                if kind_key.0 == 0 {
                    entry.0.push(kind_key.1);
                } else {
                    entry.1.push(kind_key.1);
                }
            }
        }
        run_start = run_end;
    }
    for ((a, b), (groups, people)) in found {
        let (ea, eb) = (&index.sessions[a as usize], &index.sessions[b as usize]);
        let mut who: Vec<&str> = groups.iter().map(|&g| index.groups.name(g)).collect();
        who.extend(people.iter().map(|&p| index.people.name(p)));
        let room = |e: &super::index::Entry| e.room.map_or("?", |r| index.rooms.name(r));
        let tz = index.zone(eb.meeting);
        let gap = match (ea.interval, eb.interval) {
            (Some(x), Some(y)) => (y.start - x.end).num_minutes(),
            _ => 0,
        };
        let gap_text = if gap == 0 {
            "no break".to_string()
        } else {
            format!("only {gap} minutes")
        };
        let later = eb.interval.map_or(String::new(), |t| {
            (t.start + chrono::Duration::minutes(15 - gap.min(15)))
                .with_timezone(&tz)
                .format("%H:%M")
                .to_string()
        });
        let span = |e: &super::index::Entry| {
            e.session
                .room
                .as_ref()
                .map_or_else(|| e.time_span(), |r| r.span.clone())
        };
        let mut d = Diagnostic::warning(
            "back-to-back",
            format!(
                "{} go{} from {} in `{}` to {} in `{}` with {gap_text} between them",
                who.join(", "),
                if who.len() == 1 { "es" } else { "" },
                ea.label,
                room(ea),
                eb.label,
                room(eb),
            ),
        )
        .at(index.week.meetings[ea.meeting].file, span(ea), format!("{} ends {}", ea.session.id.as_str(), index.when(a)))
        .at(index.week.meetings[eb.meeting].file, span(eb), format!("{} starts {}", eb.session.id.as_str(), index.when(b)))
        .session(ea.label.clone())
        .session(eb.label.clone())
        .help(format!(
            "start {} at {later} to leave 15 minutes to change rooms, hold both in `{}`, or allow `back-to-back`",
            eb.session.id.as_str(),
            room(ea)
        ));
        for &p in &people {
            d = d.person(index.people.name(p));
        }
        out.push(d);
    }
}

fn capacity(index: &Index, out: &mut Vec<Diagnostic>) {
    // Capacities by room name, from any declaration (they agree when loaded).
    let mut seats: HashMap<&str, (u32, FileId, &Loc<String>)> = HashMap::new();
    for m in &index.week.meetings {
        for r in &m.rooms {
            if let Some(c) = r.capacity {
                seats.entry(r.name.as_str()).or_insert((c, m.file, &r.name));
            }
        }
    }
    for (i, e) in index.sessions.iter().enumerate() {
        let (Some(n), Some(room)) = (e.session.attendance, &e.session.room) else {
            continue;
        };
        let Some(&(cap, file, decl)) = seats.get(room.as_str()) else {
            continue;
        };
        if n <= cap {
            continue;
        }
        let sid = u32::try_from(i).unwrap_or(u32::MAX);
        let bigger = index
            .week
            .meetings
            .iter()
            .flat_map(|m| m.rooms.iter())
            .filter(|r| r.capacity.is_some_and(|c| c >= n))
            .min_by_key(|r| r.capacity)
            .map_or(String::new(), |r| {
                format!(
                    " (e.g. `{}`, {} seats)",
                    r.name.as_str(),
                    r.capacity.unwrap_or(0)
                )
            });
        let m = &index.week.meetings[e.meeting];
        out.push(
            Diagnostic::warning(
                "room-capacity",
                format!(
                    "{} expects {n} people but room `{}` seats {cap}",
                    e.label,
                    room.as_str()
                ),
            )
            .at(
                m.file,
                room.span.clone(),
                format!("{}: {}", e.session.id.as_str(), index.when(sid)),
            )
            .at(file, decl.span.clone(), format!("{cap} seats"))
            .session(e.label.clone())
            .help(format!(
                "move {} to a room with at least {n} seats{bigger}",
                e.session.id.as_str()
            )),
        );
    }
}

fn night(index: &Index, out: &mut Vec<Diagnostic>) {
    let mut zones: HashMap<&str, (&Loc<crate::model::clock::Zone>, FileId)> = HashMap::new();
    for (_, _, p) in declared_people(&index.week.meetings) {
        if let Some(z) = &p.timezone {
            zones.entry(p.name.as_str()).or_insert((z, p.file));
        }
    }
    for (i, e) in index.sessions.iter().enumerate() {
        let Some(t) = e.interval else { continue };
        if e.session.kind.value != SessionKind::Call {
            continue;
        }
        let sid = u32::try_from(i).unwrap_or(u32::MAX);
        let mut seen = Vec::new();
        for a in &e.people {
            if seen.contains(&a.person) {
                continue;
            }
            seen.push(a.person);
            let name = index.people.name(a.person);
            let Some(&(zone, zfile)) = zones.get(name) else {
                continue;
            };
            let (s, f) = (t.start.with_timezone(&zone.0), t.end.with_timezone(&zone.0));
            let night_end = NaiveTime::from_hms_opt(NIGHT_ENDS, 0, 0).unwrap_or(NaiveTime::MIN);
            let night_start = NaiveTime::from_hms_opt(NIGHT_STARTS, 0, 0).unwrap_or(NaiveTime::MIN);
            // A call running past midnight is at night whatever its clock times say.
            let at_night =
                s.time() < night_end || f.time() > night_start || f.date_naive() != s.date_naive();
            if !at_night {
                continue;
            }
            let m = &index.week.meetings[e.meeting];
            out.push(
                Diagnostic::warning(
                    "night-call",
                    format!(
                        "call {} ({}) is at {}-{} for {name} in {}",
                        e.label,
                        index.when(sid),
                        s.format("%H:%M"),
                        f.format("%H:%M"),
                        zone.name()
                    ),
                )
                .at(m.file, e.time_span(), format!("{} UTC", t.start.format("%H:%M")))
                .at(a.file, a.span.clone(), format!("{name} must attend"))
                .at(zfile, zone.span.clone(), format!("{name} lives in {}", zone.name()))
                .session(e.label.clone())
                .person(name)
                .help(format!(
                    "move the call into {:02}:00-{:02}:00 in {} (and check the other participants' zones)",
                    NIGHT_ENDS,
                    NIGHT_STARTS,
                    zone.name()
                )),
            );
        }
    }
}

/// Local hour at which the night of a delegates' zone ends (it starts at
/// midnight): `meeting.delegate_zones` asks for no call between 00:00 and
/// 06:00 there.
pub const DELEGATE_NIGHT_ENDS: u32 = 6;

/// Whether `t` has some time between 00:00 and 06:00 local time in `zone`.
fn in_delegate_night(t: crate::load::week::Interval, zone: chrono_tz::Tz) -> bool {
    let (s, f) = (
        t.start.with_timezone(&zone).naive_local(),
        t.end.with_timezone(&zone).naive_local(),
    );
    let mut day = s.date();
    while day <= f.date() {
        let night = day.and_time(NaiveTime::MIN);
        let morning = night + chrono::Duration::hours(i64::from(DELEGATE_NIGHT_ENDS));
        if s < morning && night < f {
            return true;
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    false
}

/// Calls of a meeting at night in the zones its delegates live in
/// (`meeting.delegate_zones`): one warning per call, naming every zone.
fn delegate_night(index: &Index, out: &mut Vec<Diagnostic>) {
    for (i, e) in index.sessions.iter().enumerate() {
        let Some(t) = e.interval else { continue };
        if e.session.kind.value != SessionKind::Call {
            continue;
        }
        let m = &index.week.meetings[e.meeting];
        let asleep: Vec<&Loc<crate::model::clock::Zone>> = m
            .header
            .delegate_zones
            .iter()
            .filter(|z| in_delegate_night(t, z.0))
            .collect();
        if asleep.is_empty() {
            continue;
        }
        let sid = u32::try_from(i).unwrap_or(u32::MAX);
        let local = |z: &Loc<crate::model::clock::Zone>| {
            format!(
                "{} ({}-{})",
                z.name(),
                t.start.with_timezone(&z.0).format("%H:%M"),
                t.end.with_timezone(&z.0).format("%H:%M")
            )
        };
        let zone = m.session_zone(e.session);
        // The nearest start, in steps of 15 minutes, that wakes nobody.
        let length = t.end - t.start;
        let better = (1..=96).flat_map(|k| [k, -k]).find_map(|k: i64| {
            let start = t.start + chrono::Duration::minutes(15 * k);
            let moved = crate::load::week::Interval {
                start,
                end: start + length,
            };
            (!m.header
                .delegate_zones
                .iter()
                .any(|z| in_delegate_night(moved, z.0)))
            .then_some(start)
        });
        let help = better.map_or_else(
            || "the delegates' zones leave no hour of the day outside 00:00-06:00 for a call this long: split it, or hold it twice".to_string(),
            |s| {
                format!(
                    "start {} at {} {} instead: the nearest start (in steps of 15 minutes) outside 00:00-06:00 in every delegates' zone",
                    e.session.id.as_str(),
                    s.with_timezone(&zone).format("%H:%M"),
                    zone.name()
                )
            },
        );
        let mut d = Diagnostic::warning(
            "night-call",
            format!(
                "call {} ({}) is between 00:00 and 06:00 for delegates in {}",
                e.label,
                index.when(sid),
                asleep
                    .iter()
                    .map(|z| local(z))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .at(
            m.file,
            e.time_span(),
            format!("{} UTC", t.start.format("%H:%M")),
        );
        for z in &asleep {
            d = d.at(
                m.file,
                z.span.clone(),
                format!(
                    "delegates here: {}",
                    t.start.with_timezone(&z.0).format("%H:%M")
                ),
            );
        }
        out.push(d.session(e.label.clone()).help(help));
    }
}

/// The conflict profiles, judged against the week: conflicts with groups
/// that do not meet this week (a list copied from last meeting), and key
/// people needed by most groups (an area director listed everywhere).
fn profile(index: &Index, out: &mut Vec<Diagnostic>) {
    let meetings = &index.week.meetings;
    // Groups with a session in the week (a plenary is its own group's).
    let mut meets: Vec<bool> = vec![false; index.groups.names.len()];
    for e in &index.sessions {
        if e.is_work() {
            for &g in &e.groups {
                if let Some(x) = meets.get_mut(g as usize) {
                    *x = true;
                }
            }
        }
    }
    let in_week = |name: &str| {
        index
            .groups
            .get(name)
            .is_some_and(|g| meets.get(g as usize).copied().unwrap_or(false))
    };
    let declared = declared_groups(meetings);
    for &(_, gi, g) in &declared {
        if !in_week(g.id.as_str()) {
            continue;
        }
        for (prio, other) in g.conflicts.iter() {
            // Unknown names are errors already (settings_problems).
            if index.groups.get(other.as_str()).is_none() || in_week(other.as_str()) {
                continue;
            }
            let which = ["first", "second", "third"][usize::from(prio.clamp(1, 3) - 1)];
            out.push(
                Diagnostic::warning(
                    "conflict-not-in-week",
                    format!(
                        "{} lists {} as a {which}-priority conflict, but {} has no session this week",
                        g.id.as_str(),
                        other.as_str(),
                        other.as_str()
                    ),
                )
                .at(g.file, other.span.clone(), format!("{} does not meet this week", other.as_str()))
                .field(format!("groups[{gi}].conflicts.{which}"))
                .help(format!(
                    "a conflict list copied from an earlier meeting misses the groups that are new: check {}'s list against this week's groups, and remove {} if it no longer meets (or load its meeting file too)",
                    g.id.as_str(),
                    other.as_str()
                )),
            );
        }
    }
    broad_key_people(index, &declared, &in_week, out);
}

/// Key people needed by more than half of the week's groups (and at least
/// three), counting the groups they are key people of and the groups they
/// chair. Such a person cannot be at every session; each listing only adds
/// constraints that hide the real conflicts (IETF datatracker #3890).
/// Per person: the groups they are key people of (with where), and the
/// groups whose sessions they chair.
type Needs<'a> = (
    BTreeMap<&'a str, (FileId, &'a Loc<String>, usize)>,
    std::collections::BTreeSet<&'a str>,
);

fn broad_key_people(
    index: &Index,
    declared: &[(usize, usize, &crate::model::Group)],
    in_week: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let meetings = &index.week.meetings;
    let week_groups = index.groups.names.iter().filter(|n| in_week(n)).count();
    // Person -> (groups as key person with where, groups chaired).
    let mut needs: BTreeMap<u32, Needs> = BTreeMap::new();
    for &(_, gi, g) in declared {
        if !in_week(g.id.as_str()) {
            continue;
        }
        for k in &g.key_people {
            if let Some(p) = index.people.get(k.as_str()) {
                needs
                    .entry(p)
                    .or_default()
                    .0
                    .entry(g.id.as_str())
                    .or_insert((g.file, k, gi));
            }
        }
    }
    if needs.is_empty() {
        return;
    }
    for e in &index.sessions {
        let m = &meetings[e.meeting];
        let chair = e.session.chair.as_ref().unwrap_or(&m.header.chair);
        let Some(p) = index.people.get(chair.as_str()) else {
            continue;
        };
        if let Some(n) = needs.get_mut(&p) {
            for g in m.session_groups(e.session) {
                if in_week(g) {
                    n.1.insert(g);
                }
            }
        }
    }
    for (p, (key, chaired)) in needs {
        let all: std::collections::BTreeSet<&str> =
            key.keys().copied().chain(chaired.iter().copied()).collect();
        if all.len() < 3 || all.len() * 2 <= week_groups {
            continue;
        }
        let name = index.people.name(p);
        let list = |v: Vec<&str>| v.join(", ");
        let chaired_only: Vec<&str> = chaired
            .iter()
            .copied()
            .filter(|g| !key.contains_key(g))
            .collect();
        let mut how = format!("key person of {}", list(key.keys().copied().collect()));
        if !chaired_only.is_empty() {
            let _ = write!(how, "; chair of {}", list(chaired_only));
        }
        let mut d = Diagnostic::warning(
            "broad-key-person",
            format!(
                "{name} is needed by {} of the week's {week_groups} groups ({how})",
                all.len()
            ),
        );
        for (g, (file, at, gi)) in &key {
            d = d
                .at(*file, at.span.clone(), format!("key person of {g}"))
                .field(format!("groups[{gi}].key_people"));
        }
        out.push(d.person(name).help(format!(
            "nobody attends every session of most groups: keep {name} as a key person only of the groups that cannot meet without them (an area director is not a key person of every group of the area)"
        )));
    }
}
