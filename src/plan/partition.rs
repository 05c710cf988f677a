//! The exact core of the planner: an ordered partition of contributions
//! into sessions, solved by dynamic programming.
//!
//! Contributions are treated in agenda order and sessions happen in time
//! order, so a plan is a non-decreasing assignment of a sequence of tasks to
//! a sequence of sessions: session 1 takes a prefix, session 2 the next run,
//! and so on (some sessions may take nothing). That is the linear partition
//! problem, and dynamic programming over (session, tasks done) finds an
//! optimal one:
//!
//! `best[j][i]` = the cheapest way to place tasks `0..i` in sessions `0..=j`,
//! `best[j][i] = min over k of best[j-1][k] + cost(session j takes k..i)`,
//! where `k..i` must fit in session `j`. Costs compare lexicographically:
//!
//! 1. split items: a session starting in the middle of an item (a boundary
//!    between two tasks of one item) costs 1; a boundary inside a glued pair
//!    (a companion CR right after its main CR) is not allowed at all;
//! 2. balance: the sum over sessions of minutes used times fill ratio
//!    (`used² / capacity`, in thousandths), least when every session is
//!    filled to the same ratio,
//!    so no session is packed while the next is empty;
//! 3. moves: tasks placed elsewhere than in the current plan.
//!
//! All three are sums over sessions, so the recurrence is exact for the
//! lexicographic order. The window of `k` is bounded by the session's
//! capacity, and row `j` only holds the prefixes `i` that greedy filling
//! from the front and from the back allow, so the work is the number of such
//! entries times the tasks that fit in a session, and the memory a
//! back-pointer per entry. Past [`EXACT_ENTRIES`] entries (a week far larger
//! than a real one: 10,000 sessions for 20,000 contributions) each row is cut
//! to a band around the capacity-proportional path, which is a heuristic;
//! see [`partition`].

/// One contribution to place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Task {
    /// Which agenda item it belongs to (tasks of one item are consecutive).
    pub item: usize,
    /// Estimated minutes.
    pub minutes: u32,
    /// Must be in the same session as the task before it (a companion CR).
    pub glued: bool,
    /// The session (index into the slots) that holds it in the current plan.
    pub current: Option<usize>,
    /// The first session (index into the slots) it may go to.
    pub earliest: usize,
    /// The last session it may go to (`usize::MAX`: any).
    pub latest: usize,
}

impl Task {
    /// A task that may go to any session.
    pub fn new(item: usize, minutes: u32) -> Task {
        Task {
            item,
            minutes,
            glued: false,
            current: None,
            earliest: 0,
            latest: usize::MAX,
        }
    }

    /// Whether session `j` may take it.
    fn allows(&self, j: usize) -> bool {
        (self.earliest..=self.latest).contains(&j)
    }
}

/// Which cost comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Objective {
    /// Fewest split items, then balance, then fewest moves: a plan from scratch.
    #[default]
    Balance,
    /// Fewest moves, then fewest split items, then balance: a published
    /// agenda, which must not churn.
    Stable,
}

impl Objective {
    /// Whether `a` is strictly better than `b`.
    pub fn better(self, a: Cost, b: Cost) -> bool {
        match self {
            Objective::Balance => a < b,
            Objective::Stable => (a.moves, a.splits, a.balance) < (b.moves, b.splits, b.balance),
        }
    }
}

/// The cost of a plan, compared field by field in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cost {
    /// Sessions that start in the middle of an item.
    pub splits: u32,
    /// Sum of `used² / capacity` over sessions (thousandths of a minute).
    pub balance: u64,
    /// Tasks moved from the current plan.
    pub moves: u32,
}

impl std::ops::Add for Cost {
    type Output = Cost;
    fn add(self, o: Cost) -> Cost {
        Cost {
            splits: self.splits + o.splits,
            balance: self.balance + o.balance,
            moves: self.moves + o.moves,
        }
    }
}

/// Why no plan exists: the smallest suffix of the tasks that cannot fit in
/// the sessions that remain for it, or a task larger than any session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Infeasible {
    /// First task of the run that does not fit.
    pub first_task: usize,
    /// Last task of that run.
    pub last_task: usize,
    /// Minutes the run needs.
    pub need: u64,
    /// First session the run could use.
    pub first_slot: usize,
    /// Minutes those sessions have.
    pub have: u64,
    /// The minutes would fit, but not with the tasks' allowed sessions
    /// (`earliest`, `latest`: items placed first or last).
    pub placed: bool,
}

/// The most table entries (sessions x task prefixes, after the feasibility
/// bounds) solved exactly; larger problems are solved in a band around the
/// capacity-proportional path (see [`partition`]).
pub const EXACT_ENTRIES: usize = 10_000_000;

/// Half the width of that band, in tasks, at first; it is widened fourfold
/// until a plan is found (the last width covers the whole table, so a plan
/// is always found when one exists).
pub const BAND: usize = 96;

/// Places `tasks` (in order) into sessions with the given capacities (in
/// time order); returns the session index of each task and the cost.
///
/// Only the entries `(j, i)` that can be on a complete plan are kept: tasks
/// `0..i` must fit in sessions `0..=j` (at most what greedy filling from
/// the front covers) and tasks `i..` in sessions `j+1..` (at least where
/// greedy filling from the back starts). Every candidate an entry of a
/// complete plan compares is itself such an entry, so the result, ties
/// included, is the full table's. Rows keep only the previous row's costs
/// and a back-pointer per entry.
///
/// When more than [`EXACT_ENTRIES`] entries remain, row `j` is further
/// restricted to `±BAND` prefixes around the prefix whose minutes are the
/// share of sessions `0..=j` in the total capacity (clamped to the bounds
/// above); the result is optimal within that band, a heuristic overall.
///
/// A task only goes to the sessions `earliest..=latest` it allows; greedy
/// filling ignores that, so its bounds stay valid outer bounds, and a plan
/// the allowed sessions rule out is reported with `placed` set.
pub fn partition(
    tasks: &[Task],
    capacities: &[u32],
    objective: Objective,
) -> Result<(Vec<usize>, Cost), Infeasible> {
    partition_with(tasks, capacities, objective, EXACT_ENTRIES, BAND)
}

/// [`partition`] with the exact limit and the first band width as parameters.
pub(crate) fn partition_with(
    tasks: &[Task],
    capacities: &[u32],
    objective: Objective,
    exact_entries: usize,
    band: usize,
) -> Result<(Vec<usize>, Cost), Infeasible> {
    let n = tasks.len();
    let m = capacities.len();
    if n == 0 {
        return Ok((Vec::new(), Cost::default()));
    }
    if m == 0 {
        return Err(explain(tasks, capacities));
    }
    let mut prefix = vec![0u64; n + 1];
    for (i, t) in tasks.iter().enumerate() {
        prefix[i + 1] = prefix[i] + u64::from(t.minutes);
    }
    let hi = cover_from_front(tasks, capacities);
    if hi[m - 1] < n {
        // Greedy filling is optimal for feasibility: no plan exists.
        return Err(explain(tasks, capacities));
    }
    let lo = cover_from_back(tasks, capacities);
    let entries: usize = (0..m).map(|j| hi[j] + 1 - lo[j].min(hi[j] + 1)).sum();
    if entries <= exact_entries {
        if let Some(found) = solve(tasks, capacities, objective, &prefix, &lo, &hi) {
            return Ok(found);
        }
        return Err(Infeasible {
            placed: true,
            ..explain(tasks, capacities)
        });
    }
    // The band: around the prefix whose minutes are the capacity share.
    let total_cap: u128 = capacities.iter().map(|&c| u128::from(c)).sum();
    let total_load = u128::from(prefix[n]);
    let mut cumulative = 0u128;
    let center: Vec<usize> = (0..m)
        .map(|j| {
            cumulative += u128::from(capacities[j]);
            let target = (total_load * cumulative)
                .checked_div(total_cap)
                .unwrap_or(0);
            let t = prefix.partition_point(|&p| u128::from(p) < target);
            t.clamp(lo[j], hi[j])
        })
        .collect();
    let mut width = band.max(1);
    loop {
        let blo: Vec<usize> = (0..m)
            .map(|j| center[j].saturating_sub(width).max(lo[j]))
            .collect();
        let bhi: Vec<usize> = (0..m).map(|j| (center[j] + width).min(hi[j])).collect();
        if let Some(found) = solve(tasks, capacities, objective, &prefix, &blo, &bhi) {
            return Ok(found);
        }
        if width >= n {
            return Err(Infeasible {
                placed: true,
                ..explain(tasks, capacities)
            });
        }
        width = width.saturating_mul(4);
    }
}

/// The dynamic programme on rows `lo[j]..=hi[j]`; `None` if no complete
/// plan lies in them.
fn solve(
    tasks: &[Task],
    capacities: &[u32],
    objective: Objective,
    prefix: &[u64],
    lo: &[usize],
    hi: &[usize],
) -> Option<(Vec<usize>, Cost)> {
    let n = tasks.len();
    let sessions = capacities.len();
    // from[row_at[j] + i - lo[j]]: where session j starts when it ends at i.
    let mut row_at = Vec::with_capacity(sessions);
    let mut from: Vec<u32> = Vec::new();
    // The previous row (before session 0: only the empty prefix, at no cost).
    let mut prev: Vec<Option<Cost>> = vec![Some(Cost::default())];
    let (mut plo, mut phi) = (0usize, 0usize);
    let mut cur: Vec<Option<Cost>> = Vec::new();
    // stay[x - base]: tasks base..x that the current plan has in session j.
    let mut stay: Vec<u32> = Vec::new();
    for j in 0..sessions {
        let cap = u64::from(capacities[j]);
        let (first, last) = (lo[j], hi[j]);
        if first > last {
            return None;
        }
        cur.clear();
        row_at.push(from.len());
        cur.resize(last + 1 - first, None);
        from.resize(from.len() + (last + 1 - first), 0);
        let base = plo.min(first);
        stay.clear();
        stay.push(0);
        let mut count = 0u32;
        for t in &tasks[base..last] {
            count += u32::from(t.current == Some(j));
            stay.push(count);
        }
        let row = row_at[j];
        for i in first..=last {
            if i < plo {
                continue;
            }
            let mut choice: Option<(Cost, usize)> = None;
            // Session j takes k..i; walk k down while the run fits and
            // every task of it allows session j.
            let mut k = i.min(phi);
            if prefix[i] - prefix[k] > cap || !tasks[k..i].iter().all(|t| t.allows(j)) {
                continue;
            }
            loop {
                let load = prefix[i] - prefix[k];
                if load > cap {
                    break;
                }
                if let Some(before) = prev[k - plo] {
                    let stayed = stay[i - base] - stay[k - base];
                    if let Some(segment) = segment_cost(tasks, stayed, k, i, load, cap) {
                        let total = before + segment;
                        if choice.is_none_or(|(c, _)| objective.better(total, c)) {
                            choice = Some((total, k));
                        }
                    }
                }
                if k == plo || !tasks[k - 1].allows(j) {
                    break;
                }
                k -= 1;
            }
            if let Some((c, k)) = choice {
                cur[i - first] = Some(c);
                from[row + i - first] = u32::try_from(k).unwrap_or(u32::MAX);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
        (plo, phi) = (first, last);
    }
    if !(plo..=phi).contains(&n) {
        return None;
    }
    let cost = prev[n - plo]?;
    let mut assignment = vec![0; n];
    let mut i = n;
    for j in (0..sessions).rev() {
        let k = from[row_at[j] + i - lo[j]] as usize;
        for slot in &mut assignment[k..i] {
            *slot = j;
        }
        i = k;
    }
    Some((assignment, cost))
}

/// The units greedy filling moves: a task with the glued tasks after it.
fn unit_end(tasks: &[Task], t: usize) -> usize {
    let mut end = t + 1;
    while end < tasks.len() && tasks[end].glued {
        end += 1;
    }
    end
}

/// `cover[j]`: how many tasks greedy filling from the front places in
/// sessions `0..=j`, never ending a session inside a glued pair; no plan has
/// more of them there.
fn cover_from_front(tasks: &[Task], capacities: &[u32]) -> Vec<usize> {
    let n = tasks.len();
    let mut t = 0;
    capacities
        .iter()
        .map(|&cap| {
            let mut load = 0u64;
            while t < n {
                let end = unit_end(tasks, t);
                let run: u64 = tasks[t..end].iter().map(|x| u64::from(x.minutes)).sum();
                if load + run > u64::from(cap) {
                    break;
                }
                load += run;
                t = end;
            }
            t
        })
        .collect()
}

/// `start[j]`: the first task greedy filling from the back places in
/// sessions `j+1..`; in every plan, those sessions hold no earlier task.
fn cover_from_back(tasks: &[Task], capacities: &[u32]) -> Vec<usize> {
    let m = capacities.len();
    let mut start = vec![0; m];
    let mut t = tasks.len();
    for j in (0..m).rev() {
        start[j] = t;
        let cap = u64::from(capacities[j]);
        let mut load = 0u64;
        while t > 0 {
            let mut s = t - 1;
            while s > 0 && tasks[s].glued {
                s -= 1;
            }
            let run: u64 = tasks[s..t].iter().map(|x| u64::from(x.minutes)).sum();
            if load + run > cap {
                break;
            }
            load += run;
            t = s;
        }
    }
    start
}

/// The cost of a session taking tasks `k..i`, or `None` if it would cut a
/// glued pair; `stayed` of them are in that session in the current plan.
fn segment_cost(
    tasks: &[Task],
    stayed: u32,
    k: usize,
    i: usize,
    load: u64,
    cap: u64,
) -> Option<Cost> {
    let mut cost = Cost::default();
    if k < i && k > 0 {
        if tasks[k].glued {
            return None;
        }
        if tasks[k].item == tasks[k - 1].item {
            cost.splits = 1;
        }
    }
    if let Some(weighted) = (load * load * 1000).checked_div(cap) {
        cost.balance = weighted;
    }
    cost.moves = u32::try_from(i - k).unwrap_or(u32::MAX) - stayed;
    Some(cost)
}

/// Finds the smallest reason why the tasks do not fit. Greedy first-fit in
/// order is optimal for feasibility (it covers the longest prefix with any
/// number of leading sessions), so its failure point locates the problem;
/// the reason reported is the latest run of tasks that needs more than the
/// sessions left for it have.
fn explain(tasks: &[Task], capacities: &[u32]) -> Infeasible {
    let n = tasks.len();
    let mut starts = Vec::new();
    let mut t = 0;
    for &cap in capacities {
        starts.push(t);
        let mut load = 0u64;
        while t < n && load + u64::from(tasks[t].minutes) <= u64::from(cap) {
            // Never end a session inside a glued pair.
            let mut end = t + 1;
            let mut run = u64::from(tasks[t].minutes);
            while end < n && tasks[end].glued {
                run += u64::from(tasks[end].minutes);
                end += 1;
            }
            if load + run > u64::from(cap) {
                break;
            }
            load += run;
            t = end;
        }
    }
    let mut need = vec![0u64; n + 1];
    for a in (0..n).rev() {
        need[a] = need[a + 1] + u64::from(tasks[a].minutes);
    }
    let mut have = vec![0u64; capacities.len() + 1];
    for j in (0..capacities.len()).rev() {
        have[j] = have[j + 1] + u64::from(capacities[j]);
    }
    let need_from = |a: usize| need[a];
    let have_from = |j: usize| have[j];
    for j in (0..capacities.len()).rev() {
        let a = starts[j];
        if a < n && need_from(a) > have_from(j) {
            return Infeasible {
                first_task: a,
                last_task: n - 1,
                need: need_from(a),
                first_slot: j,
                have: have_from(j),
                placed: false,
            };
        }
    }
    // Nothing is short in total: a single task (or glued pair) is too long.
    let first = t.min(n.saturating_sub(1));
    let mut last = first;
    while last + 1 < n && tasks[last + 1].glued {
        last += 1;
    }
    let need = tasks[first..=last]
        .iter()
        .map(|x| u64::from(x.minutes))
        .sum();
    let first_slot = capacities.len().saturating_sub(1);
    Infeasible {
        first_task: first,
        last_task: last,
        need,
        first_slot: if capacities.is_empty() { 0 } else { first_slot },
        have: capacities.iter().map(|&c| u64::from(c)).max().unwrap_or(0),
        placed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn task(item: usize, minutes: u32) -> Task {
        Task::new(item, minutes)
    }

    fn partition(tasks: &[Task], caps: &[u32]) -> Result<(Vec<usize>, Cost), Infeasible> {
        super::partition(tasks, caps, Objective::Balance)
    }

    #[test]
    fn a_task_goes_only_to_the_sessions_it_allows() {
        // Alone, the item would not be split; placed first, it starts in session 0.
        let mut tasks = [task(0, 40), task(0, 40), task(0, 40)];
        tasks[0].latest = 0;
        let (a, cost) = partition(&tasks, &[60, 150]).unwrap();
        assert_eq!(a, vec![0, 1, 1]);
        assert_eq!(cost.splits, 1);
        // Placed first in a session too short for its first contribution:
        // the minutes fit the week, the placement does not.
        let mut tasks = [task(0, 40), task(0, 40)];
        tasks[0].latest = 0;
        let e = partition(&tasks, &[30, 100]).unwrap_err();
        assert!(e.placed, "{e:?}");
    }

    #[test]
    fn a_published_plan_moves_as_little_as_it_can() {
        // Two items in session 0; the stable objective keeps them there
        // although one each would be better balanced.
        let mut tasks = [task(0, 30), task(1, 30)];
        tasks[0].current = Some(0);
        tasks[1].current = Some(0);
        let (a, cost) = super::partition(&tasks, &[60, 60], Objective::Stable).unwrap();
        assert_eq!((a, cost.moves), (vec![0, 0], 0));
        let (a, _) = partition(&tasks, &[60, 60]).unwrap();
        assert_eq!(a, vec![0, 1]);
    }

    #[test]
    fn items_are_kept_whole_when_they_fit() {
        let tasks = [task(0, 30), task(0, 30), task(1, 30), task(1, 30)];
        let (a, cost) = partition(&tasks, &[60, 60]).unwrap();
        assert_eq!(a, vec![0, 0, 1, 1]);
        assert_eq!(cost.splits, 0);
    }

    #[test]
    fn an_item_is_split_only_when_it_must_be() {
        let tasks = [task(0, 40), task(0, 40), task(0, 40)];
        let (a, cost) = partition(&tasks, &[60, 90]).unwrap();
        assert_eq!(a, vec![0, 1, 1]);
        assert_eq!(cost.splits, 1);
    }

    #[test]
    fn glued_pairs_stay_together() {
        let mut tasks = [task(0, 30), task(0, 30), task(0, 30)];
        tasks[2].glued = true;
        let (a, _) = partition(&tasks, &[60, 60]).unwrap();
        assert_eq!(a[1], a[2]);
    }

    #[test]
    fn slack_is_balanced() {
        let tasks = [task(0, 30), task(1, 30)];
        let (a, _) = partition(&tasks, &[60, 60]).unwrap();
        assert_eq!(a, vec![0, 1], "one per session beats one packed, one empty");
    }

    #[test]
    fn infeasible_names_the_shortfall() {
        let tasks = [task(0, 60), task(1, 60), task(2, 60), task(3, 60)];
        let e = partition(&tasks, &[120, 60, 30]).unwrap_err();
        assert_eq!((e.first_task, e.need, e.first_slot, e.have), (3, 60, 2, 30));
    }

    /// Every non-decreasing assignment, for the brute-force twin.
    fn brute(tasks: &[Task], caps: &[u32]) -> Option<Cost> {
        fn go(
            tasks: &[Task],
            caps: &[u32],
            i: usize,
            min_slot: usize,
            assign: &mut Vec<usize>,
            best: &mut Option<Cost>,
        ) {
            if i == tasks.len() {
                // Assignments are made in order, so `cost_of` only judges the rules.
                if let Some(cost) = cost_of(tasks, caps, assign) {
                    if best.is_none_or(|b| cost < b) {
                        *best = Some(cost);
                    }
                }
                return;
            }
            for j in min_slot..caps.len() {
                assign.push(j);
                go(tasks, caps, i + 1, j, assign, best);
                assign.pop();
            }
        }
        let mut best = None;
        go(tasks, caps, 0, 0, &mut Vec::new(), &mut best);
        best
    }

    /// Fewer than `len` tasks in items of one to three, with a current plan
    /// over `sessions` sessions, and fewer than `caps` session capacities.
    fn arb_tasks(
        len: usize,
        minutes: u32,
        sessions: usize,
        caps: usize,
        capacity: u32,
    ) -> impl Strategy<Value = (Vec<Task>, Vec<u32>)> {
        let tasks = prop::collection::vec(
            (
                0usize..3,
                0u32..minutes,
                prop::bool::weighted(0.2),
                prop::option::of(0usize..=sessions),
            ),
            0..len,
        )
        .prop_map(move |raw| {
            let mut item = 0;
            raw.into_iter()
                .enumerate()
                .map(|(i, (step, minutes, glued, current))| {
                    if i > 0 && step == 0 {
                        item += 1;
                    }
                    Task {
                        item,
                        minutes,
                        glued: glued && i > 0,
                        current,
                        earliest: usize::from(current == Some(sessions)),
                        latest: if current == Some(0) && minutes % 5 == 0 {
                            1
                        } else {
                            usize::MAX
                        },
                    }
                })
                .collect::<Vec<_>>()
        });
        (tasks, prop::collection::vec(0u32..capacity, 0..caps))
    }

    fn arb_case() -> impl Strategy<Value = (Vec<Task>, Vec<u32>)> {
        arb_tasks(7, 50, 4, 4, 120)
    }

    /// The table as it was before the feasibility bounds (every session x
    /// every prefix, scanning every run that fits): the exact twin that
    /// fixes the tie-breaking the bounded table must reproduce.
    fn full_table(tasks: &[Task], capacities: &[u32]) -> Option<(Vec<usize>, Cost)> {
        let n = tasks.len();
        let m = capacities.len();
        if n == 0 {
            return Some((Vec::new(), Cost::default()));
        }
        if m == 0 {
            return None;
        }
        let mut prefix = vec![0u64; n + 1];
        for (i, t) in tasks.iter().enumerate() {
            prefix[i + 1] = prefix[i] + u64::from(t.minutes);
        }
        let mut best: Vec<Vec<Option<Cost>>> = vec![vec![None; n + 1]; m];
        let mut from: Vec<Vec<usize>> = vec![vec![0; n + 1]; m];
        for j in 0..m {
            let cap = u64::from(capacities[j]);
            for i in 0..=n {
                let mut choice: Option<(Cost, usize)> = None;
                let mut k = i;
                loop {
                    let load = prefix[i] - prefix[k];
                    if load > cap {
                        break;
                    }
                    let before = if j == 0 {
                        (k == 0).then_some(Cost::default())
                    } else {
                        best[j - 1][k]
                    };
                    if tasks[k..i].iter().any(|t| !t.allows(j)) {
                        break;
                    }
                    if let Some(before) = before {
                        let stayed = u32::try_from(
                            tasks[k..i].iter().filter(|t| t.current == Some(j)).count(),
                        )
                        .unwrap();
                        if let Some(segment) = segment_cost(tasks, stayed, k, i, load, cap) {
                            let total = before + segment;
                            if choice.is_none_or(|(c, _)| total < c) {
                                choice = Some((total, k));
                            }
                        }
                    }
                    if k == 0 {
                        break;
                    }
                    k -= 1;
                }
                if let Some((c, k)) = choice {
                    best[j][i] = Some(c);
                    from[j][i] = k;
                }
            }
        }
        let cost = best[m - 1][n]?;
        let mut assignment = vec![0; n];
        let mut i = n;
        for j in (0..m).rev() {
            let k = from[j][i];
            for a in &mut assignment[k..i] {
                *a = j;
            }
            i = k;
        }
        Some((assignment, cost))
    }

    /// The cost of an assignment, or `None` if it breaks a rule.
    fn cost_of(tasks: &[Task], caps: &[u32], assignment: &[usize]) -> Option<Cost> {
        if assignment.len() != tasks.len() || assignment.windows(2).any(|w| w[0] > w[1]) {
            return None;
        }
        let mut cost = Cost::default();
        for (j, &cap) in caps.iter().enumerate() {
            let idx: Vec<usize> = (0..tasks.len()).filter(|&t| assignment[t] == j).collect();
            let load: u64 = idx.iter().map(|&t| u64::from(tasks[t].minutes)).sum();
            if load > u64::from(cap) {
                return None;
            }
            if idx.iter().any(|&t| !tasks[t].allows(j)) {
                return None;
            }
            if let Some(&k) = idx.first() {
                if k > 0 {
                    if tasks[k].glued {
                        return None;
                    }
                    if tasks[k].item == tasks[k - 1].item {
                        cost.splits += 1;
                    }
                }
            }
            if cap > 0 {
                cost.balance += load * load * 1000 / u64::from(cap);
            }
            cost.moves +=
                u32::try_from(idx.iter().filter(|&&t| tasks[t].current != Some(j)).count())
                    .unwrap();
        }
        Some(cost)
    }

    /// Longer cases than the brute force can take, with tight and loose sessions.
    fn arb_long_case() -> impl Strategy<Value = (Vec<Task>, Vec<u32>)> {
        arb_tasks(40, 30, 8, 9, 150)
    }

    proptest! {
        #[test]
        fn dynamic_programming_matches_brute_force((tasks, caps) in arb_case()) {
            let exact = brute(&tasks, &caps);
            if let Ok((assignment, cost)) = partition(&tasks, &caps) {
                prop_assert_eq!(Some(cost), exact);
                prop_assert!(assignment.windows(2).all(|w| w[0] <= w[1]));
            } else {
                prop_assert_eq!(exact, None, "DP says infeasible, brute force found a plan");
            }
        }

        #[test]
        fn bounded_table_plans_as_the_full_table((tasks, caps) in arb_long_case()) {
            let full = full_table(&tasks, &caps);
            let found = partition(&tasks, &caps).ok();
            prop_assert_eq!(found, full);
        }

        #[test]
        fn the_band_finds_a_valid_plan_whenever_one_exists(
            (tasks, caps) in arb_long_case(),
            band in 0usize..4,
        ) {
            let full = full_table(&tasks, &caps);
            if let Ok((assignment, cost)) = partition_with(&tasks, &caps, Objective::Balance, 0, band) {
                prop_assert_eq!(cost_of(&tasks, &caps, &assignment), Some(cost));
                let exact = full.map(|(_, c)| c);
                prop_assert!(exact.is_some_and(|e| e <= cost));
            } else {
                prop_assert_eq!(full, None, "the band says infeasible");
            }
        }
    }
}
