//! The cost of a timetable counted from scratch, violation by violation,
//! with the sessions involved: the report's breakdown, and the brute-force
//! twin the incremental bookkeeping of the solver is tested against.

use std::collections::BTreeMap;

use serde::Serialize;

use super::instance::Instance;
use super::solver::{Pos, link_cost};

/// One violated constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Kind, e.g. `group-clash` or `conflict1`.
    pub kind: &'static str,
    /// Whether it is a hard constraint.
    pub hard: bool,
    /// Its cost (1 for a hard violation).
    pub cost: i64,
    /// The sessions involved, by index.
    #[serde(skip)]
    pub sessions: Vec<usize>,
    /// What it is, in words, naming the sessions and slots.
    pub detail: String,
}

/// Every violation of a timetable, hard ones first.
#[allow(clippy::too_many_lines)]
pub fn violations(inst: &Instance, pos: &[Option<Pos>], initial: &[Option<Pos>]) -> Vec<Violation> {
    let mut out = Vec::new();
    let name = |s: usize| inst.session_name(s);
    let at = |s: usize| -> Vec<usize> {
        pos.get(s)
            .copied()
            .flatten()
            .map(|p| (p.start..p.start + inst.sessions[s].length).collect())
            .unwrap_or_default()
    };
    // Who is where, per slot.
    let mut by_slot: Vec<Vec<usize>> = vec![Vec::new(); inst.slot_count];
    for s in 0..inst.sessions.len() {
        for t in at(s) {
            if let Some(v) = by_slot.get_mut(t) {
                v.push(s);
            }
        }
    }
    for (s, sess) in inst.sessions.iter().enumerate() {
        let Some(p) = pos.get(s).copied().flatten() else {
            out.push(hard(
                "unplaced",
                vec![s],
                format!("{} has no place in the grid", name(s)),
            ));
            continue;
        };
        let room = &inst.rooms[p.room];
        for t in at(s) {
            if !room.available.get(t).copied().unwrap_or(false) {
                out.push(hard(
                    "room-unavailable",
                    vec![s],
                    format!(
                        "{} is in {} at {}, when the room is not available",
                        name(s),
                        room.name,
                        inst.slot_name(t)
                    ),
                ));
            }
            for &g in &sess.groups {
                if inst.group_unavailable[g].get(t).copied().unwrap_or(false) {
                    out.push(hard(
                        "group-unavailable",
                        vec![s],
                        format!(
                            "{} is at {}, when {} cannot meet",
                            name(s),
                            inst.slot_name(t),
                            inst.groups[g].id
                        ),
                    ));
                }
            }
        }
        if !sess.allow_small_room && room.capacity < sess.attendance {
            out.push(hard(
                "room-too-small",
                vec![s],
                format!(
                    "{} expects {} people; {} seats {}",
                    name(s),
                    sess.attendance,
                    room.name,
                    room.capacity
                ),
            ));
        }
        if let Some(t) = sess.pin_start.filter(|&t| t != p.start) {
            out.push(hard(
                "pinned",
                vec![s],
                format!(
                    "{} is at {}, not at {} where it is pinned",
                    name(s),
                    inst.slot_name(p.start),
                    inst.slot_name(t)
                ),
            ));
        }
        if !inst.long_enough(s, p.start) {
            out.push(hard(
                "slot-too-short",
                vec![s],
                format!(
                    "{} needs {} minutes; {} gives {}",
                    name(s),
                    sess.minutes,
                    slots_named(inst, p.start, sess.length),
                    inst.minutes_at(p.start, sess.length)
                ),
            ));
        }
        if let Some(r) = sess.pin_room.filter(|&r| r != p.room) {
            out.push(hard(
                "pinned",
                vec![s],
                format!(
                    "{} is in {}, not in {} where it is pinned",
                    name(s),
                    room.name,
                    inst.rooms[r].name
                ),
            ));
        }
    }
    for (t, here) in by_slot.iter().enumerate() {
        for (i, &s) in here.iter().enumerate() {
            for &u in &here[i + 1..] {
                let (a, b) = (&inst.sessions[s], &inst.sessions[u]);
                for &g in &a.groups {
                    if b.groups.contains(&g) {
                        out.push(hard(
                            "group-clash",
                            vec![s, u],
                            format!(
                                "{} and {} both need {} at {}",
                                name(s),
                                name(u),
                                inst.groups[g].id,
                                inst.slot_name(t)
                            ),
                        ));
                    }
                }
                for &q in &a.people {
                    if b.people.contains(&q) {
                        out.push(hard(
                            "person-clash",
                            vec![s, u],
                            format!(
                                "{} and {} both need {} at {}",
                                name(s),
                                name(u),
                                inst.people[q].name,
                                inst.slot_name(t)
                            ),
                        ));
                    }
                }
                let (ps, pu) = (pos[s], pos[u]);
                if let (Some(ps), Some(pu)) = (ps, pu) {
                    if ps.room == pu.room {
                        out.push(hard(
                            "room-clash",
                            vec![s, u],
                            format!(
                                "{} and {} are both in {} at {}",
                                name(s),
                                name(u),
                                inst.rooms[ps.room].name,
                                inst.slot_name(t)
                            ),
                        ));
                    }
                }
                for &g in &a.groups {
                    for &h in &b.groups {
                        if let Some(&(_, w)) = inst.conflicts_of[g].iter().find(|(x, _)| *x == h) {
                            let kind = conflict_kind(inst, w);
                            out.push(soft(kind, w, vec![s, u], format!("{} and {} meet at the same time ({}), and {} conflicts with {}", name(s), name(u), inst.slot_name(t), inst.groups[g].id, inst.groups[h].id)));
                        }
                    }
                }
            }
        }
    }
    for (s, sess) in inst.sessions.iter().enumerate() {
        let Some(p) = pos.get(s).copied().flatten() else {
            continue;
        };
        if !sess.prefer.is_empty()
            && !sess.prefer.contains(&p.start)
            && inst.weights.preferred_time > 0
        {
            let wanted: Vec<String> = sess.prefer.iter().map(|&t| inst.slot_name(t)).collect();
            out.push(soft(
                "preferred-time",
                inst.weights.preferred_time,
                vec![s],
                format!(
                    "{} is at {}, not at {}",
                    name(s),
                    inst.slot_name(p.start),
                    wanted.join(" or ")
                ),
            ));
        }
        if inst.weights.moved > 0 && initial.get(s).copied().flatten().is_some_and(|i| i != p) {
            out.push(soft(
                "moved",
                inst.weights.moved,
                vec![s],
                format!("{} moved from the starting timetable", name(s)),
            ));
        }
    }
    for link in &inst.links {
        if let (Some(pa), Some(pb)) = (pos[link.a], pos[link.b]) {
            let c = link_cost(inst, link.kind, (link.a, pa), (link.b, pb));
            if c > 0 {
                let (kind, what) = match link.kind {
                    super::instance::LinkKind::DayGap(1) => ("days", "on subsequent days"),
                    super::instance::LinkKind::DayGap(_) => ("days", "two days apart"),
                    super::instance::LinkKind::DayGapAtLeast(_) => {
                        ("days", "at least one free day apart")
                    }
                    super::instance::LinkKind::Adjacent => {
                        ("adjacent", "directly one after the other in the same room")
                    }
                };
                out.push(soft(
                    kind,
                    c,
                    vec![link.a, link.b],
                    format!("{} and {} are not {what}", name(link.a), name(link.b)),
                ));
            }
        }
    }
    // Per group: own sessions per day and rooms used.
    for (g, group) in inst.groups.iter().enumerate() {
        let own: Vec<(usize, Pos)> = inst
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, x)| x.own && x.host == g)
            .filter_map(|(s, _)| pos[s].map(|p| (s, p)))
            .collect();
        let mut per_day: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut rooms: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(s, p) in &own {
            per_day.entry(inst.day_of[p.start]).or_default().push(s);
            rooms.entry(p.room).or_default().push(s);
        }
        if inst.weights.spread > 0 {
            for (d, list) in &per_day {
                for (i, &a) in list.iter().enumerate() {
                    for &b in &list[i + 1..] {
                        let day = inst.days[*d].date.weekday_name();
                        out.push(soft(
                            "spread",
                            inst.weights.spread,
                            vec![a, b],
                            format!("{} and {} are both on {day}", name(a), name(b)),
                        ));
                    }
                }
            }
        }
        if rooms.len() > 1 && inst.weights.same_room > 0 {
            let extra = i64::try_from(rooms.len() - 1).unwrap_or(0);
            let names: Vec<&str> = rooms.keys().map(|&r| inst.rooms[r].name.as_str()).collect();
            out.push(soft(
                "same-room",
                inst.weights.same_room * extra,
                own.iter().map(|x| x.0).collect(),
                format!(
                    "{} meets in {} rooms: {}",
                    group.id,
                    rooms.len(),
                    names.join(", ")
                ),
            ));
        }
    }
    if inst.weights.fairness > 0 {
        for (q, person) in inst.people.iter().enumerate() {
            let mut overlaps = 0i64;
            let mut involved = Vec::new();
            for here in &by_slot {
                let mine: Vec<usize> = here
                    .iter()
                    .copied()
                    .filter(|&s| inst.sessions[s].attendees.contains(&q))
                    .collect();
                let k = i64::try_from(mine.len()).unwrap_or(0);
                if k > 1 {
                    overlaps += k * (k - 1) / 2;
                    involved.extend(mine);
                }
            }
            if overlaps > 0 {
                involved.sort_unstable();
                involved.dedup();
                out.push(soft(
                    "fairness",
                    inst.weights.fairness * overlaps * overlaps,
                    involved,
                    format!(
                        "{} follows sessions that overlap {overlaps} time(s)",
                        person.name
                    ),
                ));
            }
        }
    }
    // Hard first, then the costliest; equal costs keep time order.
    out.sort_by_key(|v| (!v.hard, -v.cost));
    out
}

/// `Mon/2` or `Mon/2-3`: the slots a session of `length` takes from `t`.
fn slots_named(inst: &Instance, t: usize, length: usize) -> String {
    if length <= 1 {
        inst.slot_name(t)
    } else {
        let k = t - inst.day_start[inst.day_of[t]] + length;
        format!("{}-{k}", inst.slot_name(t))
    }
}

fn conflict_kind(inst: &Instance, w: i64) -> &'static str {
    if w == inst.weights.conflict[0] {
        "conflict1"
    } else if w == inst.weights.conflict[1] {
        "conflict2"
    } else {
        "conflict3"
    }
}

fn hard(kind: &'static str, sessions: Vec<usize>, detail: String) -> Violation {
    Violation {
        kind,
        hard: true,
        cost: 1,
        sessions,
        detail,
    }
}

fn soft(kind: &'static str, cost: i64, sessions: Vec<usize>, detail: String) -> Violation {
    Violation {
        kind,
        hard: false,
        cost,
        sessions,
        detail,
    }
}

#[cfg(test)]
/// Hard count and soft total of a list of violations (`unplaced` sessions
/// count as hard here, though the solver's bookkeeping cannot see them).
pub fn totals(violations: &[Violation]) -> (i64, i64) {
    let hard = violations.iter().filter(|v| v.hard).map(|v| v.cost).sum();
    let soft = violations.iter().filter(|v| !v.hard).map(|v| v.cost).sum();
    (hard, soft)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::source::{FileId, Source};
    use crate::timetable::solver::{Rng, cost_of, domain};
    use proptest::prelude::*;

    fn tp_week() -> Instance {
        let text = include_str!("../../schedules/tp-week-requests.toml");
        super::super::requests::parse(&Source::new("tp.toml", text.to_string()), FileId(0)).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The solver's incremental bookkeeping agrees with counting from scratch,
        /// on any timetable (with clashes, moves and unplaced sessions).
        #[test]
        fn incremental_cost_matches_a_full_count(seed in any::<u64>(), moved_weight in 0i64..5, unplaced in 0usize..3) {
            let mut inst = tp_week();
            inst.weights.moved = moved_weight * 1000;
            let mut rng = Rng::new(seed);
            let pick = |rng: &mut Rng, s: usize| {
                let d = domain(&inst, s);
                let mut p = d[rng.below(d.len())];
                // Sometimes anywhere, to exercise hard violations.
                if rng.below(4) == 0 {
                    p.room = rng.below(inst.rooms.len());
                }
                p
            };
            let mut pos: Vec<Option<Pos>> = (0..inst.sessions.len()).map(|s| Some(pick(&mut rng, s))).collect();
            let initial: Vec<Option<Pos>> = (0..inst.sessions.len()).map(|s| (rng.below(2) == 0).then(|| pick(&mut rng, s))).collect();
            for _ in 0..unplaced {
                let s = rng.below(pos.len());
                pos[s] = None;
            }
            let v = violations(&inst, &pos, &initial);
            let unplaced_count = i64::try_from(pos.iter().filter(|p| p.is_none()).count()).unwrap();
            let (hard, soft) = totals(&v);
            let c = cost_of(&inst, &pos, &initial);
            prop_assert_eq!(c.hard, hard - unplaced_count);
            prop_assert_eq!(c.soft, soft);
        }
    }
}
