//! The solver: a greedy construction, then simulated annealing over
//! relocations, swaps of two sessions and swaps of two whole time slots
//! (every session starting at one starts at the other, same room: the move
//! that shifts a plenary of all groups), every move evaluated incrementally.
//!
//! Why this design: the IETF's generator recomputes costs per candidate and
//! restarts at random; here the state keeps occupancy counts per group,
//! person and room and slot, per group and day, per group and room, and per
//! person, so placing or removing one session costs O(length x groups +
//! links), whatever the size of the week. A move is applied, its delta read,
//! and undone if rejected.
//!
//! Hard violations are kept lexicographically above soft cost: the energy is
//! `hard * H + soft` with `H` a hundred times the largest soft weight, and
//! the best timetable is chosen by `(hard, soft)`.
//!
//! Reproducibility: a run is a function of the instance, the seed and the
//! iteration budget. Several threads run independent restarts with seeds
//! derived from the seed, and the best is picked by `(hard, soft, restart)`,
//! so the number of threads and their scheduling never change the result.
//! Only `--time-limit`, when it cuts a run short, makes it depend on speed.

// The bookkeeping uses the notation of the problem: s session, p position,
// t slot, g/h groups, q person, n slots per row.
#![allow(clippy::many_single_char_names)]

use std::time::{Duration, Instant};

use super::instance::{Instance, LinkKind};

/// Where a session is: global start slot and room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    /// Global start slot.
    pub start: usize,
    /// Room index.
    pub room: usize,
}

/// Hard violations and soft cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cost {
    /// Number of hard violations.
    pub hard: i64,
    /// Weighted soft cost.
    pub soft: i64,
}

/// How to run the solver.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seed of the random choices.
    pub seed: u64,
    /// Independent restarts (run on up to `threads` threads).
    pub restarts: usize,
    /// Threads.
    pub threads: usize,
    /// Annealing iterations per restart; `None` scales with the week.
    pub iterations: Option<u64>,
    /// Wall-clock limit for the whole solve.
    pub time_limit: Option<Duration>,
    /// Starting timetable (a position per session, or none).
    pub start: Vec<Option<Pos>>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            seed: 1,
            restarts: 1,
            threads: 1,
            iterations: None,
            time_limit: None,
            start: Vec::new(),
        }
    }
}

/// What the solver found.
#[derive(Debug, Clone)]
pub struct Solution {
    /// A position per session (`None` only when a session has nowhere to go).
    pub positions: Vec<Option<Pos>>,
    /// Its cost, by the solver's own bookkeeping.
    pub cost: Cost,
    /// Iterations run, over all restarts.
    pub iterations: u64,
    /// Whether the time limit cut the search short.
    pub timed_out: bool,
    /// The restart that found it.
    pub restart: usize,
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives the
/// same sequence on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        // The modulo bias is below 2^-40 for the sizes used here.
        usize::try_from(self.next_u64() % (n.max(1) as u64)).unwrap_or(0)
    }

    /// A number in `[0, 1)`.
    #[allow(clippy::cast_precision_loss)]
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The positions a session may take: starts where it fits the day, in
/// every room; narrowed to those without a hard violation of its own
/// (room closed, room too small, group unavailable, pin, slot too short)
/// when any exist.
pub fn domain(inst: &Instance, s: usize) -> Vec<Pos> {
    let Some(sess) = inst.sessions.get(s) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    for start in 0..inst.slot_count {
        if !inst.fits(start, sess.length) {
            continue;
        }
        for room in 0..inst.rooms.len() {
            all.push(Pos { start, room });
        }
    }
    let clean: Vec<Pos> = all
        .iter()
        .copied()
        .filter(|&p| unary_hard(inst, s, p) == 0)
        .collect();
    if clean.is_empty() { all } else { clean }
}

/// Hard violations a session has on its own at a position.
pub fn unary_hard(inst: &Instance, s: usize, p: Pos) -> i64 {
    let sess = &inst.sessions[s];
    let room = &inst.rooms[p.room];
    let mut h = 0;
    for t in p.start..p.start + sess.length {
        if !room.available.get(t).copied().unwrap_or(false) {
            h += 1;
        }
        for &g in &sess.groups {
            if inst.group_unavailable[g].get(t).copied().unwrap_or(false) {
                h += 1;
            }
        }
    }
    if !sess.allow_small_room && room.capacity < sess.attendance {
        h += 1;
    }
    if sess.pin_start.is_some_and(|t| t != p.start) {
        h += 1;
    }
    if sess.pin_room.is_some_and(|r| r != p.room) {
        h += 1;
    }
    if !inst.long_enough(s, p.start) {
        h += 1;
    }
    h
}

/// Soft cost a session has on its own at a position (preferred time, moved).
pub fn unary_soft(inst: &Instance, s: usize, p: Pos, initial: Option<Pos>) -> i64 {
    let sess = &inst.sessions[s];
    let mut c = 0;
    if !sess.prefer.is_empty() && !sess.prefer.contains(&p.start) {
        c += inst.weights.preferred_time;
    }
    if initial.is_some_and(|i| i != p) {
        c += inst.weights.moved;
    }
    c
}

/// Cost of a link between two placed sessions.
pub fn link_cost(inst: &Instance, kind: LinkKind, a: (usize, Pos), b: (usize, Pos)) -> i64 {
    let day = |p: Pos| inst.day_of[p.start];
    match kind {
        LinkKind::DayGap(gap) => {
            if day(a.1).abs_diff(day(b.1)) == gap {
                0
            } else {
                inst.weights.days
            }
        }
        LinkKind::DayGapAtLeast(gap) => {
            if day(a.1).abs_diff(day(b.1)) >= gap {
                0
            } else {
                inst.weights.days
            }
        }
        LinkKind::Adjacent => {
            let len = |s: usize| inst.sessions[s].length;
            let touching = a.1.start + len(a.0) == b.1.start || b.1.start + len(b.0) == a.1.start;
            if a.1.room == b.1.room && day(a.1) == day(b.1) && touching {
                0
            } else {
                inst.weights.adjacent
            }
        }
    }
}

const NONE: u32 = u32::MAX;

/// The incremental state: positions and the counts that make a move O(1).
struct State<'a> {
    inst: &'a Instance,
    initial: Vec<Option<Pos>>,
    pos: Vec<Option<Pos>>,
    /// Sessions per group and slot.
    group_occ: Vec<u16>,
    /// Sessions per required person and slot.
    person_occ: Vec<u16>,
    /// Sessions per attending person and slot.
    attend_occ: Vec<u16>,
    /// Per attending person: overlaps so far.
    fair: Vec<i64>,
    /// Sessions per room and slot.
    room_occ: Vec<u16>,
    /// A session starting in room r at slot t (for swaps).
    room_start: Vec<u32>,
    /// Own sessions per group and day.
    group_day: Vec<u16>,
    /// Own sessions per group and room.
    group_room: Vec<u16>,
    /// Own sessions placed per group.
    group_placed: Vec<u16>,
    cost: Cost,
}

impl<'a> State<'a> {
    fn new(inst: &'a Instance, initial: Vec<Option<Pos>>) -> Self {
        let t = inst.slot_count;
        let g = inst.groups.len();
        let p = inst.people.len();
        let r = inst.rooms.len();
        Self {
            inst,
            initial,
            pos: vec![None; inst.sessions.len()],
            group_occ: vec![0; g * t],
            person_occ: vec![0; p * t],
            attend_occ: vec![0; p * t],
            fair: vec![0; p],
            room_occ: vec![0; r * t],
            room_start: vec![NONE; r * t],
            group_day: vec![0; g * inst.days.len()],
            group_room: vec![0; g * r],
            group_placed: vec![0; g],
            cost: Cost::default(),
        }
    }

    /// Places `s` at `p`; returns the change of cost.
    fn add(&mut self, s: usize, p: Pos) -> Cost {
        let inst = self.inst;
        let sess = &inst.sessions[s];
        let n = inst.slot_count;
        let w = &inst.weights;
        let mut hard = unary_hard(inst, s, p);
        let mut soft = unary_soft(inst, s, p, self.initial.get(s).copied().flatten());
        for t in p.start..p.start + sess.length {
            for &g in &sess.groups {
                hard += i64::from(self.group_occ[g * n + t]);
                for &(h, wt) in &inst.conflicts_of[g] {
                    soft += wt * i64::from(self.group_occ[h * n + t]);
                }
            }
            for &q in &sess.people {
                hard += i64::from(self.person_occ[q * n + t]);
                self.person_occ[q * n + t] += 1;
            }
            hard += i64::from(self.room_occ[p.room * n + t]);
            self.room_occ[p.room * n + t] += 1;
            for &g in &sess.groups {
                self.group_occ[g * n + t] += 1;
            }
        }
        if w.fairness > 0 {
            for &q in &sess.attendees {
                let mut d = 0;
                for t in p.start..p.start + sess.length {
                    d += i64::from(self.attend_occ[q * n + t]);
                    self.attend_occ[q * n + t] += 1;
                }
                let c = self.fair[q];
                soft += w.fairness * ((c + d) * (c + d) - c * c);
                self.fair[q] = c + d;
            }
        }
        self.room_start[p.room * n + p.start] = u32::try_from(s).unwrap_or(NONE);
        if sess.own {
            let g = sess.host;
            let d = inst.day_of[p.start];
            let nd = inst.days.len();
            let nr = inst.rooms.len();
            soft += w.spread * i64::from(self.group_day[g * nd + d]);
            self.group_day[g * nd + d] += 1;
            if self.group_room[g * nr + p.room] == 0 && self.group_placed[g] > 0 {
                soft += w.same_room;
            }
            self.group_room[g * nr + p.room] += 1;
            self.group_placed[g] += 1;
        }
        for &l in &inst.links_of[s] {
            let link = inst.links[l];
            let other = if link.a == s { link.b } else { link.a };
            if let Some(q) = self.pos[other] {
                let (a, b) = if link.a == s {
                    ((s, p), (other, q))
                } else {
                    ((other, q), (s, p))
                };
                soft += link_cost(inst, link.kind, a, b);
            }
        }
        self.pos[s] = Some(p);
        let delta = Cost { hard, soft };
        self.cost.hard += hard;
        self.cost.soft += soft;
        delta
    }

    /// Removes `s`; returns the change of cost (negative).
    fn remove(&mut self, s: usize) -> Cost {
        let Some(p) = self.pos[s] else {
            return Cost::default();
        };
        self.pos[s] = None;
        let inst = self.inst;
        let sess = &inst.sessions[s];
        let n = inst.slot_count;
        let w = &inst.weights;
        let mut hard = unary_hard(inst, s, p);
        let mut soft = unary_soft(inst, s, p, self.initial.get(s).copied().flatten());
        for t in p.start..p.start + sess.length {
            for &g in &sess.groups {
                self.group_occ[g * n + t] -= 1;
            }
            self.room_occ[p.room * n + t] -= 1;
            hard += i64::from(self.room_occ[p.room * n + t]);
            for &q in &sess.people {
                self.person_occ[q * n + t] -= 1;
                hard += i64::from(self.person_occ[q * n + t]);
            }
            for &g in &sess.groups {
                hard += i64::from(self.group_occ[g * n + t]);
                for &(h, wt) in &inst.conflicts_of[g] {
                    soft += wt * i64::from(self.group_occ[h * n + t]);
                }
            }
        }
        if w.fairness > 0 {
            for &q in &sess.attendees {
                let mut d = 0;
                for t in p.start..p.start + sess.length {
                    self.attend_occ[q * n + t] -= 1;
                    d += i64::from(self.attend_occ[q * n + t]);
                }
                let c = self.fair[q];
                soft += w.fairness * (c * c - (c - d) * (c - d));
                self.fair[q] = c - d;
            }
        }
        if self.room_start[p.room * n + p.start] == u32::try_from(s).unwrap_or(NONE) {
            self.room_start[p.room * n + p.start] = NONE;
        }
        if sess.own {
            let g = sess.host;
            let d = inst.day_of[p.start];
            let nd = inst.days.len();
            let nr = inst.rooms.len();
            self.group_day[g * nd + d] -= 1;
            soft += w.spread * i64::from(self.group_day[g * nd + d]);
            self.group_room[g * nr + p.room] -= 1;
            self.group_placed[g] -= 1;
            if self.group_room[g * nr + p.room] == 0 && self.group_placed[g] > 0 {
                soft += w.same_room;
            }
        }
        for &l in &inst.links_of[s] {
            let link = inst.links[l];
            let other = if link.a == s { link.b } else { link.a };
            if let Some(q) = self.pos[other] {
                let (a, b) = if link.a == s {
                    ((s, p), (other, q))
                } else {
                    ((other, q), (s, p))
                };
                soft += link_cost(inst, link.kind, a, b);
            }
        }
        self.cost.hard -= hard;
        self.cost.soft -= soft;
        Cost {
            hard: -hard,
            soft: -soft,
        }
    }
}

fn energy(c: Cost, hard_weight: i64) -> i64 {
    c.hard.saturating_mul(hard_weight).saturating_add(c.soft)
}

/// Solves an instance: construction, then annealing, over independent restarts.
pub fn solve(
    inst: &Instance,
    options: &Options,
    progress: &(dyn Fn(u64, Cost) + Sync),
) -> Solution {
    let deadline = options.time_limit.map(|d| Instant::now() + d);
    let restarts = options.restarts.max(1);
    let threads = options.threads.clamp(1, restarts);
    let domains: Vec<Vec<Pos>> = (0..inst.sessions.len()).map(|s| domain(inst, s)).collect();
    let mut results: Vec<Solution> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                let domains = &domains;
                scope.spawn(move || {
                    (k..restarts)
                        .step_by(threads)
                        .map(|r| run_one(inst, options, domains, r, deadline, progress))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            if let Ok(v) = h.join() {
                results.extend(v);
            }
        }
    });
    let total: u64 = results.iter().map(|r| r.iterations).sum();
    let timed_out = results.iter().any(|r| r.timed_out);
    let mut best = results
        .into_iter()
        .min_by_key(|r| (r.cost, r.restart))
        .unwrap_or_else(|| Solution {
            positions: vec![None; inst.sessions.len()],
            cost: Cost::default(),
            iterations: 0,
            timed_out: false,
            restart: 0,
        });
    best.iterations = total;
    best.timed_out = timed_out;
    let initial: Vec<Option<Pos>> = (0..inst.sessions.len())
        .map(|s| options.start.get(s).copied().flatten())
        .collect();
    in_time_order(inst, &mut best.positions, &mut best.cost, &initial);
    best
}

/// Renumbers alike sessions (those of one request table, which differ in
/// nothing but their ids) so that a group's `S1`, `S2` ... run in time
/// order: their positions are handed out in time order, one table at a
/// time, where that costs nothing (a day relation or a starting timetable
/// can make another order cheaper; then the found order is kept).
fn in_time_order(
    inst: &Instance,
    pos: &mut [Option<Pos>],
    cost: &mut Cost,
    initial: &[Option<Pos>],
) {
    let mut classes: std::collections::BTreeMap<(usize, usize), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (s, sess) in inst.sessions.iter().enumerate() {
        classes
            .entry((sess.host, sess.request))
            .or_default()
            .push(s);
    }
    for members in classes.values().filter(|m| m.len() > 1) {
        let mut places: Vec<Pos> = members.iter().filter_map(|&s| pos[s]).collect();
        if places.len() != members.len() {
            continue;
        }
        places.sort_by_key(|p| (p.start, p.room));
        if members
            .iter()
            .zip(&places)
            .all(|(&s, p)| pos[s] == Some(*p))
        {
            continue;
        }
        let before: Vec<Option<Pos>> = members.iter().map(|&s| pos[s]).collect();
        for (&s, p) in members.iter().zip(&places) {
            pos[s] = Some(*p);
        }
        let c = cost_of(inst, pos, initial);
        if c <= *cost {
            *cost = c;
        } else {
            for (&s, p) in members.iter().zip(before) {
                pos[s] = p;
            }
        }
    }
}

/// The default number of restarts, whose best is kept: two on weeks of up
/// to 60 sessions (one run alone sometimes stops 1-2% above the best known
/// cost on the 50-60-session weeks of the benchmark, and two cost less than
/// a second); eight up to 200 sessions, where one run's cost varies from
/// seed to seed by a factor of up to 3 (IETF 999, 125 sessions: 11,500 to
/// 41,000 over seeds 1-10; bench/timetable) and eight cost about 5 s of CPU
/// shared out over the threads; one above, where one run already takes most
/// of the time budget.
pub fn default_restarts(inst: &Instance) -> usize {
    match inst.sessions.len() {
        0..=60 => 2,
        61..=200 => 8,
        _ => 1,
    }
}

/// Default moves per session and restart.
const MOVES_PER_SESSION: u64 = 25_000;
/// Most default moves per restart.
const MOVES_CAP: u64 = 1_200_000;

/// The default annealing budget per restart, in moves (not seconds, so that
/// the result does not depend on the machine): 25,000 per session, which is
/// what the 50-130-session weeks of the benchmark need to reach CP-SAT's
/// best, capped at 1.2 million so a 300-session week stays under two
/// seconds on the 2-core build machine (a tenth of CP-SAT's 20 s).
pub fn default_iterations(inst: &Instance) -> u64 {
    (inst.sessions.len() as u64)
        .saturating_mul(MOVES_PER_SESSION)
        .clamp(50_000, MOVES_CAP)
}

#[allow(clippy::too_many_lines, clippy::cast_precision_loss)]
fn run_one(
    inst: &Instance,
    options: &Options,
    domains: &[Vec<Pos>],
    restart: usize,
    deadline: Option<Instant>,
    progress: &(dyn Fn(u64, Cost) + Sync),
) -> Solution {
    let mut rng = Rng::new(
        options
            .seed
            .wrapping_mul(0x2545_F491_4F6C_DD1D)
            .wrapping_add(restart as u64),
    );
    let initial: Vec<Option<Pos>> = (0..inst.sessions.len())
        .map(|s| options.start.get(s).copied().flatten())
        .collect();
    let mut st = State::new(inst, initial.clone());
    let hard_weight = inst.weights.largest().max(1).saturating_mul(100);

    // Construction: the starting timetable first, then the most constrained
    // sessions at their cheapest position.
    for (s, p) in initial.iter().enumerate() {
        if let Some(p) = *p {
            if domains[s].contains(&p) || unary_hard(inst, s, p) == 0 {
                st.add(s, p);
            }
        }
    }
    let mut order: Vec<usize> = (0..inst.sessions.len())
        .filter(|&s| st.pos[s].is_none())
        .collect();
    let key: Vec<u64> = (0..inst.sessions.len()).map(|_| rng.next_u64()).collect();
    order.sort_by_key(|&s| {
        let sess = &inst.sessions[s];
        (
            domains[s].len() / sess.length.max(1),
            usize::MAX - sess.groups.len(),
            usize::MAX - sess.people.len(),
            key[s],
        )
    });
    for &s in &order {
        let mut best: Option<(i64, u64, Pos)> = None;
        for &p in &domains[s] {
            let d = st.add(s, p);
            st.remove(s);
            let e = energy(d, hard_weight);
            let tie = rng.next_u64();
            if best.is_none_or(|(be, bt, _)| (e, tie) < (be, bt)) {
                best = Some((e, tie, p));
            }
        }
        if let Some((_, _, p)) = best {
            st.add(s, p);
        }
    }

    let movable: Vec<usize> = (0..inst.sessions.len())
        .filter(|&s| domains[s].len() > 1 && st.pos[s].is_some())
        .collect();
    let mut by_length: Vec<Vec<usize>> = Vec::new();
    for &s in &movable {
        let l = inst.sessions[s].length;
        if by_length.len() <= l {
            by_length.resize(l + 1, Vec::new());
        }
        by_length[l].push(s);
    }
    let mut best_pos = st.pos.clone();
    let mut best_cost = st.cost;
    let budget = options
        .iterations
        .unwrap_or_else(|| default_iterations(inst));
    let mut iterations = 0u64;
    let mut timed_out = false;
    if movable.is_empty() || (best_cost.hard == 0 && best_cost.soft == 0) {
        return Solution {
            positions: best_pos,
            cost: best_cost,
            iterations,
            timed_out,
            restart,
        };
    }

    // Temperature: from the typical uphill soft move down to a fraction of
    // the smallest weight.
    let mut samples = Vec::new();
    for _ in 0..200 {
        let s = movable[rng.below(movable.len())];
        let Some(old) = st.pos[s] else { continue };
        let p = domains[s][rng.below(domains[s].len())];
        let d = st.remove(s);
        let d2 = st.add(s, p);
        st.remove(s);
        st.add(s, old);
        let e = energy(
            Cost {
                hard: d.hard + d2.hard,
                soft: d.soft + d2.soft,
            },
            hard_weight,
        );
        if e > 0 && e < hard_weight {
            samples.push(e as f64);
        }
    }
    samples.sort_by(f64::total_cmp);
    let t0 = samples
        .get(samples.len() / 2)
        .copied()
        .unwrap_or(1000.0)
        .max(1.0);
    let t1 = 1.0f64;
    // One long cooling beat three reheated ones at the same budget on the
    // 300-session weeks and tied elsewhere (bench/timetable, 2026-11).
    let cycles = 1u64;
    let per_cycle = (budget / cycles).max(1);
    let mut stop = false;
    let mut moved: Vec<(usize, Pos, Pos)> = Vec::new();
    for cycle in 0..cycles {
        if stop {
            break;
        }
        if cycle > 0 {
            // Each cycle restarts from the best timetable so far.
            for s in 0..inst.sessions.len() {
                st.remove(s);
            }
            for (s, p) in best_pos.iter().enumerate() {
                if let Some(p) = *p {
                    st.add(s, p);
                }
            }
        }
        let start_t = t0 / (1.0 + cycle as f64 * 2.0);
        let ratio = (t1 / start_t).min(1.0);
        for i in 0..per_cycle {
            if i.trailing_zeros() >= 10 && i > 0 {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    timed_out = true;
                    stop = true;
                    break;
                }
                if i.trailing_zeros() >= 14 {
                    progress(16384, best_cost);
                }
            }
            let temp = start_t * ratio.powf(i as f64 / per_cycle as f64);
            iterations += 1;
            let s = movable[rng.below(movable.len())];
            let Some(old) = st.pos[s] else { continue };
            let roll = rng.below(20);
            if roll >= 18 {
                // Exchange two time slots whole: every session starting at
                // one starts at the other, in the same room. The only move
                // that shifts a plenary (all groups) without passing through
                // a hard clash with every session at its target.
                let p = domains[s][rng.below(domains[s].len())];
                if p.start != old.start {
                    let before = st.cost;
                    if column_swap(&mut st, domains, &mut moved, old.start, p.start) {
                        let delta = energy(st.cost, hard_weight) - energy(before, hard_weight);
                        let accept = delta <= 0 || rng.unit() < (-(delta as f64) / temp).exp();
                        if accept {
                            if st.cost < best_cost {
                                best_cost = st.cost;
                                best_pos.clone_from(&st.pos);
                                if best_cost.hard == 0 && best_cost.soft == 0 {
                                    stop = true;
                                    break;
                                }
                            }
                        } else {
                            undo_moves(&mut st, &moved);
                        }
                    }
                }
                continue;
            }
            let mut partner: Option<(usize, Pos)> = None;
            let target = if roll < 13 {
                let p = domains[s][rng.below(domains[s].len())];
                if p == old {
                    continue;
                }
                let occupant = st.room_start[p.room * inst.slot_count + p.start];
                if occupant != NONE {
                    let u = occupant as usize;
                    if u != s
                        && inst.sessions[u].length == inst.sessions[s].length
                        && domains[u].len() > 1
                    {
                        partner = st.pos[u].map(|q| (u, q));
                    }
                }
                p
            } else {
                let class = &by_length[inst.sessions[s].length];
                let u = class[rng.below(class.len())];
                let Some(q) = st.pos[u] else { continue };
                if u == s || q == old {
                    continue;
                }
                partner = Some((u, q));
                q
            };
            let before = st.cost;
            st.remove(s);
            if let Some((u, _)) = partner {
                st.remove(u);
            }
            st.add(s, target);
            if let Some((u, _)) = partner {
                st.add(u, old);
            }
            let delta = energy(st.cost, hard_weight) - energy(before, hard_weight);
            let accept = delta <= 0 || rng.unit() < (-(delta as f64) / temp).exp();
            if accept {
                if st.cost < best_cost {
                    best_cost = st.cost;
                    best_pos.clone_from(&st.pos);
                    if best_cost.hard == 0 && best_cost.soft == 0 {
                        stop = true;
                        break;
                    }
                }
            } else {
                st.remove(s);
                if let Some((u, q)) = partner {
                    st.remove(u);
                    st.add(u, q);
                }
                st.add(s, old);
            }
        }
    }
    Solution {
        positions: best_pos,
        cost: best_cost,
        iterations,
        timed_out,
        restart,
    }
}

/// Moves every session starting at `a` to start at `b` in the same room and
/// back, recording `(session, from, to)` in `moved`. Declines (changing
/// nothing) when a session would not fit its day there or is pinned.
fn column_swap(
    st: &mut State<'_>,
    domains: &[Vec<Pos>],
    moved: &mut Vec<(usize, Pos, Pos)>,
    a: usize,
    b: usize,
) -> bool {
    let inst = st.inst;
    let n = inst.slot_count;
    moved.clear();
    for room in 0..inst.rooms.len() {
        for (from, to) in [(a, b), (b, a)] {
            let u = st.room_start[room * n + from];
            if u == NONE {
                continue;
            }
            let u = u as usize;
            let sess = &inst.sessions[u];
            if domains[u].len() <= 1 || !inst.fits(to, sess.length) {
                return false;
            }
            let Some(p) = st.pos[u] else { continue };
            moved.push((u, p, Pos { start: to, room }));
        }
    }
    if moved.is_empty() {
        return false;
    }
    for &(u, _, _) in moved.iter() {
        st.remove(u);
    }
    for &(u, _, to) in moved.iter() {
        st.add(u, to);
    }
    true
}

/// Undoes a [`column_swap`].
fn undo_moves(st: &mut State<'_>, moved: &[(usize, Pos, Pos)]) {
    for &(u, _, _) in moved {
        st.remove(u);
    }
    for &(u, from, _) in moved {
        st.add(u, from);
    }
}

/// The cost of given positions by the same incremental bookkeeping (for
/// reports and tests; the independent count is in `super::evaluate`).
pub fn cost_of(inst: &Instance, positions: &[Option<Pos>], initial: &[Option<Pos>]) -> Cost {
    let mut st = State::new(
        inst,
        (0..inst.sessions.len())
            .map(|s| initial.get(s).copied().flatten())
            .collect(),
    );
    for (s, p) in positions.iter().enumerate() {
        if let Some(p) = *p {
            st.add(s, p);
        }
    }
    st.cost
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::source::{FileId, Source};

    fn tp_week() -> Instance {
        let text = include_str!("../../schedules/tp-week-requests.toml");
        super::super::requests::parse(&Source::new("tp.toml", text.to_string()), FileId(0)).unwrap()
    }

    #[test]
    fn removing_and_adding_keeps_the_counts_exact() {
        let inst = tp_week();
        let mut rng = Rng::new(7);
        let initial: Vec<Option<Pos>> = vec![None; inst.sessions.len()];
        let mut st = State::new(&inst, initial.clone());
        let domains: Vec<Vec<Pos>> = (0..inst.sessions.len()).map(|s| domain(&inst, s)).collect();
        for s in 0..inst.sessions.len() {
            st.add(s, domains[s][rng.below(domains[s].len())]);
        }
        for _ in 0..5000 {
            let s = rng.below(inst.sessions.len());
            st.remove(s);
            if rng.below(5) > 0 {
                st.add(s, domains[s][rng.below(domains[s].len())]);
            }
        }
        assert_eq!(st.cost, cost_of(&inst, &st.pos, &initial));
    }

    #[test]
    fn column_swaps_and_their_undo_keep_the_counts_exact() {
        let inst = tp_week();
        let mut rng = Rng::new(11);
        let initial: Vec<Option<Pos>> = vec![None; inst.sessions.len()];
        let mut st = State::new(&inst, initial.clone());
        let domains: Vec<Vec<Pos>> = (0..inst.sessions.len()).map(|s| domain(&inst, s)).collect();
        for s in 0..inst.sessions.len() {
            st.add(s, domains[s][rng.below(domains[s].len())]);
        }
        let mut moved = Vec::new();
        let mut swapped = 0;
        for _ in 0..2000 {
            let a = rng.below(inst.slot_count);
            let b = rng.below(inst.slot_count);
            let before = (st.pos.clone(), st.cost);
            if a != b && column_swap(&mut st, &domains, &mut moved, a, b) {
                swapped += 1;
                assert_eq!(st.cost, cost_of(&inst, &st.pos, &initial));
                if rng.below(2) == 0 {
                    undo_moves(&mut st, &moved);
                    assert_eq!((st.pos.clone(), st.cost), before);
                }
            }
        }
        assert!(swapped > 100, "only {swapped} column swaps applied");
    }

    #[test]
    fn the_same_seed_gives_the_same_timetable_on_any_number_of_threads() {
        let inst = tp_week();
        let options = Options {
            seed: 3,
            restarts: 3,
            threads: 1,
            iterations: Some(20_000),
            ..Options::default()
        };
        let one = solve(&inst, &options, &|_, _| {});
        let two = solve(
            &inst,
            &Options {
                threads: 2,
                ..options.clone()
            },
            &|_, _| {},
        );
        assert_eq!(one.positions, two.positions);
        assert_eq!(one.cost, two.cost);
        assert_eq!(one.cost.hard, 0);
    }
}
