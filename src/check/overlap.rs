//! Errors: a group, a room or a person in two places at once, and sessions
//! held while a plenary or coordination session takes everyone.

use std::collections::BTreeMap;

use chrono_tz::Tz;

use super::index::{Attendee, Index, Role, secs};
use super::sweep::{self, Pair, Span};
use crate::diagnostic::Diagnostic;

/// What two overlapping sessions share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shared {
    /// A group takes part in both.
    Group,
    /// Both are in one room.
    Room,
    /// A person must be in both.
    Person,
    /// One takes every group (plenary, coordination); the key is unused.
    Plenary,
}

/// Every overlapping pair of sessions, by what they share; each value lists
/// the shared keys (group, room or person ids), sorted.
pub type Clashes = BTreeMap<(Shared, u32, u32), Vec<u32>>;

fn spans<'a>(
    index: &'a Index,
    keys: impl Fn(&'a super::index::Entry) -> Vec<u32> + 'a,
    work_only: bool,
) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, e) in index.sessions.iter().enumerate() {
        let (Some(t), true) = (e.interval, !work_only || e.is_work()) else {
            continue;
        };
        let id = u32::try_from(i).unwrap_or(u32::MAX);
        for key in keys(e) {
            out.push(Span {
                key,
                start: secs(t.start),
                end: secs(t.end),
                id,
            });
        }
    }
    out
}

fn collect(out: &mut Clashes, what: Shared, pairs: Vec<Pair>) {
    for p in pairs {
        out.entry((what, p.a, p.b)).or_default().push(p.key);
    }
}

/// Every overlap, found by sort and sweep.
pub fn clashes(index: &Index) -> Clashes {
    let mut out = Clashes::new();
    // Groups clash through their claims (a whole group, or one of its
    // parallel tracks); the clash names the group.
    let mut by_claim = Clashes::new();
    collect(
        &mut by_claim,
        Shared::Group,
        sweep::overlaps(&mut spans(index, |e| e.claims.clone(), true)),
    );
    for (pair, claims) in by_claim {
        let groups = out.entry(pair).or_default();
        groups.extend(claims.iter().map(|&c| index.claim_group[c as usize]));
    }
    collect(
        &mut out,
        Shared::Room,
        sweep::overlaps(&mut spans(index, |e| e.room.into_iter().collect(), false)),
    );
    let people = |e: &super::index::Entry| e.people.iter().map(|a| a.person).collect();
    collect(
        &mut out,
        Shared::Person,
        sweep::overlaps(&mut spans(index, people, true)),
    );
    let mut all = spans(
        index,
        |e| if e.is_all_groups() { vec![0] } else { vec![1] },
        true,
    );
    all.sort_unstable_by_key(|s| s.start);
    let (plenaries, others): (Vec<Span>, Vec<Span>) = all.into_iter().partition(|s| s.key == 0);
    collect(
        &mut out,
        Shared::Plenary,
        sweep::cross(0, &plenaries, &others),
    );
    for keys in out.values_mut() {
        keys.sort_unstable();
        keys.dedup();
    }
    out
}

#[cfg(test)]
/// The brute-force twin of [`clashes`]: every pair of sessions compared.
#[allow(clippy::many_single_char_names)]
pub fn clashes_brute(index: &Index) -> Clashes {
    let mut out = Clashes::new();
    let n = index.sessions.len();
    for i in 0..n {
        for j in i + 1..n {
            let (x, y) = (&index.sessions[i], &index.sessions[j]);
            let (Some(tx), Some(ty)) = (x.interval, y.interval) else {
                continue;
            };
            if !tx.overlaps(&ty) {
                continue;
            }
            let (a, b) = (
                u32::try_from(i).unwrap_or(u32::MAX),
                u32::try_from(j).unwrap_or(u32::MAX),
            );
            let mut add = |what, key| out.entry((what, a, b)).or_default().push(key);
            let work = x.is_work() && y.is_work();
            if work {
                // Parallel tracks of one group do not clash; a track and
                // the whole group, or one track twice, do.
                let track = |e: &super::index::Entry, g: u32| {
                    e.tracks.iter().find(|t| t.0 == g).map(|t| t.1)
                };
                for &g in x.groups.iter().filter(|g| y.groups.contains(g)) {
                    let (tx, ty) = (track(x, g), track(y, g));
                    if tx.is_none() || ty.is_none() || tx == ty {
                        add(Shared::Group, g);
                    }
                }
                for p in x
                    .people
                    .iter()
                    .filter(|p| y.people.iter().any(|q| q.person == p.person))
                {
                    add(Shared::Person, p.person);
                }
                if x.is_all_groups() != y.is_all_groups() {
                    add(Shared::Plenary, 0);
                }
            }
            if let (Some(r), Some(s)) = (x.room, y.room) {
                if r == s {
                    add(Shared::Room, r);
                }
            }
        }
    }
    for keys in out.values_mut() {
        keys.sort_unstable();
        keys.dedup();
    }
    out
}

/// Local clock time of an instant, "10:15".
fn clock(tz: Tz, t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

/// A concrete way out: start the later session when the earlier ends, or
/// move the earlier one (asking its group when it belongs to another meeting).
fn move_hint(index: &Index, a: u32, b: u32, alternative: &str) -> String {
    let (ea, eb) = (&index.sessions[a as usize], &index.sessions[b as usize]);
    let (Some(ta), Some(tb)) = (ea.interval, eb.interval) else {
        return String::new();
    };
    let (early, late) = if (ta.start, a) <= (tb.start, b) {
        (a, b)
    } else {
        (b, a)
    };
    let (ee, el) = (
        &index.sessions[early as usize],
        &index.sessions[late as usize],
    );
    let end = ee
        .interval
        .map_or(String::new(), |t| clock(index.zone(el.meeting), t.end));
    let owner = |s: u32| index.meeting(s).header.group.as_str();
    let other = if ee.meeting == el.meeting {
        format!("move {}", ee.session.id.as_str())
    } else {
        format!("ask {} to move {}", owner(early), ee.label)
    };
    format!(
        "start {} at {end} or later (when {} ends){alternative}, or {other}",
        el.session.id.as_str(),
        ee.session.id.as_str()
    )
}

fn side(index: &Index, s: u32) -> String {
    let e = &index.sessions[s as usize];
    format!("{} ({}, {})", e.label, index.group_names(s), index.when(s))
}

fn role_text(index: &Index, role: Role) -> String {
    match role {
        Role::Chair => "chairs".into(),
        Role::Secretary => "takes the minutes of".into(),
        Role::Required => "is required in".into(),
        Role::Key => "is a key person of the group of".into(),
        Role::Presenter(c) => format!(
            "presents {} in",
            index
                .contributions
                .get(c as usize)
                .map_or("?", |c| c.contribution.number.as_str())
        ),
    }
}

fn person_hint(index: &Index, a: u32, b: u32, who: &str, role_b: Option<&Attendee>) -> String {
    let eb = &index.sessions[b as usize];
    let fix = match role_b.map(|r| r.role) {
        Some(Role::Chair) => format!(
            ", or name another chair for {} (`chair = ...`)",
            eb.session.id.as_str()
        ),
        Some(Role::Secretary) => format!(", or find another secretary for {}", eb.label),
        Some(Role::Required) => format!(
            ", or drop {who} from {}'s `required`",
            eb.session.id.as_str()
        ),
        Some(Role::Key) => format!(
            ", or drop {who} from the `key_people` of {}'s group if they are not essential there",
            eb.session.id.as_str()
        ),
        Some(Role::Presenter(c)) => format!(
            ", or treat {} in another session (`session = ...` on the contribution)",
            index
                .contributions
                .get(c as usize)
                .map_or("?", |c| c.contribution.number.as_str())
        ),
        None => String::new(),
    };
    move_hint(index, a, b, &fix)
}

/// The overlap errors.
#[allow(clippy::too_many_lines)]
pub fn check(index: &Index) -> Vec<Diagnostic> {
    let clashes = clashes(index);
    let mut out = Vec::new();
    for (&(what, a, b), keys) in &clashes {
        let (ea, eb) = (&index.sessions[a as usize], &index.sessions[b as usize]);
        let fa = index.week.meetings[ea.meeting].file;
        let fb = index.week.meetings[eb.meeting].file;
        let d = match what {
            Shared::Group => {
                let names: Vec<&str> = keys.iter().map(|&g| index.groups.name(g)).collect();
                let (verb, s) = if names.len() == 1 {
                    ("is", "")
                } else {
                    ("are", "s")
                };
                let list = names.join(" and ");
                Diagnostic::error(
                    "group-overlap",
                    format!(
                        "{list} {verb} in two overlapping sessions: {} and {}",
                        side(index, a),
                        side(index, b)
                    ),
                )
                .at(
                    fa,
                    ea.time_span(),
                    format!(
                        "{}: {}, group{s} {}",
                        ea.session.id.as_str(),
                        index.when(a),
                        index.group_names(a)
                    ),
                )
                .at(
                    fb,
                    eb.time_span(),
                    format!(
                        "{}: {}, group{s} {}",
                        eb.session.id.as_str(),
                        index.when(b),
                        index.group_names(b)
                    ),
                )
                .help(move_hint(index, a, b, ""))
            }
            Shared::Room => {
                let room = keys.first().map_or("?", |&r| index.rooms.name(r));
                let span = |e: &super::index::Entry| {
                    e.session
                        .room
                        .as_ref()
                        .map_or_else(|| e.time_span(), |r| r.span.clone())
                };
                Diagnostic::error(
                    "room-overlap",
                    format!(
                        "room `{room}` holds two overlapping sessions: {} and {}",
                        side(index, a),
                        side(index, b)
                    ),
                )
                .at(
                    fa,
                    span(ea),
                    format!("{} is here {}", ea.session.id.as_str(), index.when(a)),
                )
                .at(
                    fb,
                    span(eb),
                    format!("{} is here {}", eb.session.id.as_str(), index.when(b)),
                )
                .help(move_hint(
                    index,
                    a,
                    b,
                    &format!(", or move {} to another room", eb.session.id.as_str()),
                ))
            }
            Shared::Person => {
                // Two sessions of one group already clash as a group: the
                // chair and secretary being in both says nothing new.
                if clashes.contains_key(&(Shared::Group, a, b)) {
                    continue;
                }
                let names: Vec<&str> = keys.iter().map(|&p| index.people.name(p)).collect();
                let mut d = Diagnostic::error(
                    "person-overlap",
                    format!(
                        "{} must be in two overlapping sessions: {} and {}",
                        names.join(" and "),
                        side(index, a),
                        side(index, b)
                    ),
                );
                let mut role_b = None;
                for &p in keys {
                    let ra = ea.people.iter().find(|x| x.person == p);
                    let rb = eb.people.iter().find(|x| x.person == p);
                    for (r, s) in [(ra, a), (rb, b)] {
                        if let Some(r) = r {
                            let e = &index.sessions[s as usize];
                            d = d.at(
                                r.file,
                                r.span.clone(),
                                format!(
                                    "{} {} ({})",
                                    role_text(index, r.role),
                                    e.session.id.as_str(),
                                    index.when(s)
                                ),
                            );
                        }
                    }
                    role_b = role_b.or(rb);
                    d = d.person(index.people.name(p));
                }
                let who = names.first().copied().unwrap_or("");
                d.help(person_hint(index, a, b, who, role_b))
            }
            Shared::Plenary => {
                let (p, o) = if ea.is_all_groups() { (a, b) } else { (b, a) };
                let (ep, eo) = (&index.sessions[p as usize], &index.sessions[o as usize]);
                let tz = index.zone(eo.meeting);
                let until = ep.interval.map_or(String::new(), |t| clock(tz, t.end));
                Diagnostic::error(
                    "plenary-overlap",
                    format!(
                        "{} overlaps the {} session {}, which all groups attend",
                        side(index, o),
                        ep.session.kind.as_str(),
                        side(index, p)
                    ),
                )
                .at(
                    index.week.meetings[eo.meeting].file,
                    eo.time_span(),
                    format!("{}: {}", eo.session.id.as_str(), index.when(o)),
                )
                .at(
                    index.week.meetings[ep.meeting].file,
                    ep.time_span(),
                    format!("{}: {}", ep.label, index.when(p)),
                )
                .help(format!(
                    "move {} out of {} (start it at {until} or later)",
                    eo.session.id.as_str(),
                    index.when(p)
                ))
            }
        };
        out.push(d.session(ea.label.clone()).session(eb.label.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::synth::{self, Shape};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// On random small weeks (partial overlaps, joint sessions, random
        /// required delegates) the sweep finds exactly what comparing every
        /// pair of sessions finds.
        #[test]
        fn fast_checker_matches_all_pairs(
            sessions in 0usize..80,
            groups in 1usize..8,
            people in 1usize..16,
            rooms in 1usize..6,
            seed in any::<u64>(),
        ) {
            let shape = Shape {
                sessions,
                groups,
                people: people.max(groups),
                rooms,
                seed,
                injected_per_mille: 400,
                jitter: true,
            };
            let week = synth::week(&shape);
            let index = Index::new(&week);
            prop_assert_eq!(clashes(&index), clashes_brute(&index));
        }

        /// The same with parallel tracks: each meeting gets two tracks of
        /// its group, and `tracked` sessions in a thousand one of them, so
        /// that tracks meet the whole group, themselves and each other.
        #[test]
        fn fast_checker_matches_all_pairs_with_tracks(
            sessions in 0usize..80,
            groups in 1usize..5,
            rooms in 1usize..5,
            seed in any::<u64>(),
            tracked in 0u64..1000,
        ) {
            let shape = Shape {
                sessions,
                groups,
                people: groups * 3,
                rooms,
                seed,
                injected_per_mille: 400,
                jitter: true,
            };
            let mut week = synth::week(&shape);
            with_tracks(&mut week, seed, tracked);
            let index = Index::new(&week);
            prop_assert_eq!(clashes(&index), clashes_brute(&index));
        }
    }

    /// Gives every meeting tracks `T0` and `T1` and puts `per_mille` of its
    /// sessions (drawn from `seed`) in one of them.
    fn with_tracks(week: &mut crate::load::week::Week, seed: u64, per_mille: u64) {
        use crate::model::{Track, loc::Loc};
        let mut x = seed | 1;
        let mut next = move || {
            // xorshift64: any fixed sequence will do.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for m in &mut week.meetings {
            m.tracks = (0..2)
                .map(|t| Track {
                    id: Loc::synthetic(format!("T{t}")),
                    ..Track::default()
                })
                .collect();
            for s in &mut m.sessions {
                if next() % 1000 < per_mille {
                    s.track = Some(Loc::synthetic(format!("T{}", next() % 2)));
                }
            }
        }
    }

    #[test]
    fn tracks_take_away_the_overlaps_between_different_tracks() {
        let shape = Shape {
            sessions: 60,
            groups: 2,
            people: 6,
            rooms: 2,
            seed: 7,
            injected_per_mille: 0,
            // Jittered sessions overlap their neighbours in the room, of
            // the same group.
            jitter: true,
        };
        let plain = synth::week(&shape);
        let groups = |week: &crate::load::week::Week| {
            let index = Index::new(week);
            clashes(&index)
                .keys()
                .filter(|k| k.0 == Shared::Group)
                .count()
        };
        let mut all_tracked = synth::week(&shape);
        with_tracks(&mut all_tracked, 7, 1000);
        let before = groups(&plain);
        let after = groups(&all_tracked);
        assert!(before > 0, "the week has group overlaps to remove");
        assert!(after < before, "{after} of {before} remain with tracks");
    }

    #[test]
    fn the_generated_weeks_do_clash() {
        // Guard against a property test that compares two empty sets.
        let shape = Shape {
            sessions: 60,
            groups: 3,
            people: 6,
            rooms: 2,
            seed: 7,
            injected_per_mille: 400,
            jitter: true,
        };
        let week = synth::week(&shape);
        let index = Index::new(&week);
        let found = clashes(&index);
        assert!(found.keys().any(|k| k.0 == Shared::Group), "{found:?}");
        assert!(found.keys().any(|k| k.0 == Shared::Room), "{found:?}");
        assert!(found.keys().any(|k| k.0 == Shared::Person), "{found:?}");
    }
}
