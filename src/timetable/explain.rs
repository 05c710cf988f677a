//! Why no valid timetable exists, in terms a secretary can act on.
//!
//! Each check is a counting argument over a small set of requests: the
//! sessions one group must attend against the slots it can meet in; the
//! sessions one person must attend against the slots of the week; the
//! sessions that need a big room against the hours of big rooms; the
//! sessions of the week against all room hours; one session with nowhere to
//! go; two pinned sessions that collide. Any one that fails proves the week
//! infeasible, and names the requests to change. Reasons are listed with the
//! smallest set of requests first.

use std::collections::BTreeMap;

use serde::Serialize;

use super::instance::Instance;
use super::solver::{Pos, unary_hard};

/// One reason why no valid timetable exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What cannot be met, and why.
    pub message: String,
    /// What the secretary could change.
    pub help: String,
    /// The sessions (requests) involved.
    #[serde(skip)]
    pub sessions: Vec<usize>,
}

/// Every counting argument that fails, smallest set of requests first.
#[allow(clippy::too_many_lines)]
pub fn reasons(inst: &Instance) -> Vec<Reason> {
    let mut out = Vec::new();
    sessions_without_place(inst, &mut out);
    pinned_collisions(inst, &mut out);
    let open: Vec<bool> = (0..inst.slot_count)
        .map(|t| {
            inst.rooms
                .iter()
                .any(|r| r.available.get(t).copied().unwrap_or(false))
        })
        .collect();
    for g in 0..inst.groups.len() {
        let sessions: Vec<usize> = (0..inst.sessions.len())
            .filter(|&s| inst.sessions[s].groups.contains(&g))
            .collect();
        let supply = (0..inst.slot_count)
            .filter(|&t| open[t] && !inst.group_unavailable[g].get(t).copied().unwrap_or(false))
            .count();
        let demand: usize = sessions.iter().map(|&s| inst.sessions[s].length).sum();
        if demand > supply {
            let blocked = inst.slot_count - supply;
            let why = if blocked > 0 {
                format!(
                    "only {supply} of the week's {} slots are open to it",
                    inst.slot_count
                )
            } else {
                format!("the week has {supply} slots")
            };
            out.push(Reason {
                message: format!("{} must attend {}: {demand} slots, but {why}", inst.groups[g].id, describe(inst, &sessions)),
                help: format!("ask {} for fewer or shorter sessions, join some of them, or open more slots (days, slots of the day, fewer unavailable half-days)", inst.groups[g].id),
                sessions,
            });
        }
    }
    for (p, person) in inst.people.iter().enumerate() {
        let sessions: Vec<usize> = (0..inst.sessions.len())
            .filter(|&s| inst.sessions[s].people.contains(&p))
            .collect();
        let groups: std::collections::BTreeSet<usize> = sessions
            .iter()
            .flat_map(|&s| inst.sessions[s].groups.iter().copied())
            .collect();
        if groups.len() < 2 {
            continue; // a one-group person adds nothing to the group's own count
        }
        let demand: usize = sessions.iter().map(|&s| inst.sessions[s].length).sum();
        let supply = open.iter().filter(|&&o| o).count();
        if demand > supply {
            out.push(Reason {
                message: format!("{} must be present at {}: {demand} slots, but the week has {supply} slots", person.name, describe(inst, &sessions)),
                help: format!("let someone stand in for {} in one of the groups, or ask the groups for fewer sessions", person.name),
                sessions,
            });
        }
    }
    // Big rooms: for each attendance level, the sessions that need at least
    // that many seats against the slots of rooms that seat them.
    let mut levels: Vec<u32> = inst
        .sessions
        .iter()
        .filter(|s| !s.allow_small_room)
        .map(|s| s.attendance)
        .collect();
    levels.sort_unstable();
    levels.dedup();
    for &level in levels.iter().rev() {
        if level == 0 {
            continue;
        }
        let sessions: Vec<usize> = (0..inst.sessions.len())
            .filter(|&s| !inst.sessions[s].allow_small_room && inst.sessions[s].attendance >= level)
            .collect();
        let demand: usize = sessions.iter().map(|&s| inst.sessions[s].length).sum();
        let big: Vec<usize> = (0..inst.rooms.len())
            .filter(|&r| inst.rooms[r].capacity >= level)
            .collect();
        let supply: usize = big
            .iter()
            .map(|&r| inst.rooms[r].available.iter().filter(|&&a| a).count())
            .sum();
        if demand > supply {
            let rooms = if big.is_empty() {
                format!("no room seats {level}")
            } else {
                let names: Vec<String> = big
                    .iter()
                    .map(|&r| format!("{} ({})", inst.rooms[r].name, inst.rooms[r].capacity))
                    .collect();
                format!(
                    "the rooms that seat {level} or more ({}) are open for only {supply} slots",
                    names.join(", ")
                )
            };
            out.push(Reason {
                message: format!("{} expect {level} or more people: {demand} slots, but {rooms}", describe(inst, &sessions)),
                help: "book a bigger room or more hours of one, lower the expected attendance, or set allow_small_room on sessions that can squeeze".into(),
                sessions,
            });
            break; // the largest failing level is the most telling; smaller ones repeat it
        }
    }
    let demand: usize = inst.sessions.iter().map(|s| s.length).sum();
    let supply: usize = inst
        .rooms
        .iter()
        .map(|r| r.available.iter().filter(|&&a| a).count())
        .sum();
    if demand > supply {
        out.push(Reason {
            message: format!("the week's {} sessions need {demand} room slots, but the rooms are open for {supply}", inst.sessions.len()),
            help: "add rooms or slots, or ask groups for fewer sessions".into(),
            sessions: (0..inst.sessions.len()).collect(),
        });
    }
    out.sort_by_key(|r| r.sessions.len());
    // The same requests found twice (a group and its chair) are said once.
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|r| {
        let mut key = r.sessions.clone();
        key.sort_unstable();
        seen.insert(key)
    });
    out
}

/// `6 sessions of SEC, SEC/ARC/PRO J1 (2 slots)`: a set of requests in words.
fn describe(inst: &Instance, sessions: &[usize]) -> String {
    let mut groups: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut order = Vec::new();
    for &s in sessions {
        let sess = &inst.sessions[s];
        let names: Vec<&str> = sess
            .groups
            .iter()
            .map(|&g| inst.groups[g].id.as_str())
            .collect();
        let key = if sess.own {
            names.join("/")
        } else {
            format!("{} {} session", names.join("/"), sess.kind.as_str())
        };
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        let e = groups.entry(key).or_insert((0, 0));
        e.0 += 1;
        e.1 += sess.length;
    }
    let parts: Vec<String> = order
        .iter()
        .map(|k| {
            let (n, slots) = groups[k];
            let plural = if n == 1 { "" } else { "s" };
            let of = if k.ends_with(" session") {
                format!("{n} {k}{plural}")
            } else {
                format!("{n} session{plural} of {k}")
            };
            if slots == n {
                of
            } else {
                format!("{of} ({slots} slots)")
            }
        })
        .collect();
    join_words(&parts)
}

fn join_words(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn sessions_without_place(inst: &Instance, out: &mut Vec<Reason>) {
    let longest = inst.days.iter().map(|d| d.slots.len()).max().unwrap_or(0);
    let biggest = inst.rooms.iter().map(|r| r.capacity).max().unwrap_or(0);
    for (s, sess) in inst.sessions.iter().enumerate() {
        let name = inst.session_name(s);
        if sess.length > longest {
            out.push(Reason {
                message: format!(
                    "{name} is {} slots long, but the longest day has {longest} slots",
                    sess.length
                ),
                help: "shorten the session or split it into several".into(),
                sessions: vec![s],
            });
            continue;
        }
        let any = (0..inst.slot_count)
            .filter(|&t| inst.fits(t, sess.length))
            .any(|t| {
                (0..inst.rooms.len()).any(|r| unary_hard(inst, s, Pos { start: t, room: r }) == 0)
            });
        if any {
            continue;
        }
        let long = (0..inst.slot_count)
            .filter(|&t| inst.fits(t, sess.length))
            .any(|t| inst.long_enough(s, t));
        let (message, help) = if !long {
            (
                format!(
                    "{name} needs {} minutes, but no {} of one day adds up to that",
                    sess.minutes,
                    if sess.length == 1 {
                        "slot".to_string()
                    } else {
                        format!("{} consecutive slots", sess.length)
                    }
                ),
                "shorten the session, give it more slots (length), or lengthen the slots of a day"
                    .to_string(),
            )
        } else if !sess.allow_small_room && sess.attendance > biggest {
            (
                format!(
                    "{name} expects {} people, but the largest room seats {biggest}",
                    sess.attendance
                ),
                "book a bigger room, lower the expected attendance, or set allow_small_room"
                    .to_string(),
            )
        } else if let Some(t) = sess.pin_start {
            let span = t..t + sess.length;
            let away: Vec<&str> = sess
                .groups
                .iter()
                .filter(|&&g| {
                    span.clone()
                        .any(|k| inst.group_unavailable[g].get(k).copied().unwrap_or(false))
                })
                .map(|&g| inst.groups[g].id.as_str())
                .collect();
            let why = if away.is_empty() {
                "no room that seats it is open then".to_string()
            } else {
                format!(
                    "{} cannot meet then",
                    join_words(&away.iter().map(|s| (*s).to_string()).collect::<Vec<_>>())
                )
            };
            (
                format!("{name} is pinned at {}, but {why}", inst.slot_name(t)),
                "pin it elsewhere, or change the groups' or rooms' unavailable times".to_string(),
            )
        } else {
            (
                format!(
                    "{name} has no slot where a room that fits it is open and all its groups can meet"
                ),
                "check the rooms' and the groups' unavailable times".to_string(),
            )
        };
        out.push(Reason {
            message,
            help,
            sessions: vec![s],
        });
    }
}

fn pinned_collisions(inst: &Instance, out: &mut Vec<Reason>) {
    let pinned: Vec<usize> = (0..inst.sessions.len())
        .filter(|&s| inst.sessions[s].pin_start.is_some())
        .collect();
    for (i, &a) in pinned.iter().enumerate() {
        for &b in &pinned[i + 1..] {
            let (sa, sb) = (&inst.sessions[a], &inst.sessions[b]);
            let (Some(ta), Some(tb)) = (sa.pin_start, sb.pin_start) else {
                continue;
            };
            if !(ta < tb + sb.length && tb < ta + sa.length) {
                continue;
            }
            let group = sa
                .groups
                .iter()
                .find(|g| sb.groups.contains(g))
                .map(|&g| inst.groups[g].id.clone());
            let person = sa
                .people
                .iter()
                .find(|p| sb.people.contains(p))
                .map(|&p| inst.people[p].name.clone());
            let room = match (sa.pin_room, sb.pin_room) {
                (Some(x), Some(y)) if x == y => Some(inst.rooms[x].name.clone()),
                _ => None,
            };
            let what = group.or(person).or(room);
            if let Some(what) = what {
                out.push(Reason {
                    message: format!(
                        "{} and {} are both pinned at {} and both need {what}",
                        inst.session_name(a),
                        inst.session_name(b),
                        inst.slot_name(ta.max(tb))
                    ),
                    help: "unpin one of them or pin it elsewhere".into(),
                    sessions: vec![a, b],
                });
            }
        }
    }
}
