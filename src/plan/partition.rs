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
//! 2. balance: the sum over sessions of the squared fill ratio (per mille),
//!    so no session is packed while the next is empty;
//! 3. moves: tasks placed elsewhere than in the current plan.
//!
//! All three are sums over sessions, so the recurrence is exact for the
//! lexicographic order. The window of `k` is bounded by the session's
//! capacity, which keeps the work near `sessions x tasks x tasks-per-session`.

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
}

/// The cost of a plan, compared field by field in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cost {
    /// Sessions that start in the middle of an item.
    pub splits: u32,
    /// Sum of squared fill ratios (per mille).
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
}

/// Places `tasks` (in order) into sessions with the given capacities (in
/// time order); returns the session index of each task and the cost.
pub fn partition(tasks: &[Task], capacities: &[u32]) -> Result<(Vec<usize>, Cost), Infeasible> {
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
    // stay[j][i]: how many of tasks 0..i are in session j in the current plan,
    // so the moves of a run are counted in constant time.
    let mut stay = vec![vec![0u32; n + 1]; m];
    for (j, row) in stay.iter_mut().enumerate() {
        for (i, t) in tasks.iter().enumerate() {
            row[i + 1] = row[i] + u32::from(t.current == Some(j));
        }
    }
    // best[j][i]: cost of tasks 0..i in sessions 0..=j; from[j][i]: where session j starts.
    let mut best: Vec<Vec<Option<Cost>>> = vec![vec![None; n + 1]; m];
    let mut from: Vec<Vec<usize>> = vec![vec![0; n + 1]; m];
    for j in 0..m {
        let cap = u64::from(capacities[j]);
        for i in 0..=n {
            let mut choice: Option<(Cost, usize)> = None;
            // Session j takes k..i; walk k down while the run fits.
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
                if let Some(before) = before {
                    if let Some(segment) = segment_cost(tasks, &stay[j], k, i, load, cap) {
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
    let Some(cost) = best[m - 1][n] else {
        return Err(explain(tasks, capacities));
    };
    let mut assignment = vec![0; n];
    let mut i = n;
    for j in (0..m).rev() {
        let k = from[j][i];
        for a in &mut assignment[k..i] {
            *a = j;
        }
        i = k;
    }
    Ok((assignment, cost))
}

/// The cost of a session taking tasks `k..i`, or `None` if it would cut a
/// glued pair; `stay` counts the tasks the current plan has in that session.
fn segment_cost(
    tasks: &[Task],
    stay: &[u32],
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
    if let Some(fill) = (load * 1000).checked_div(cap) {
        cost.balance = fill * fill;
    }
    cost.moves = u32::try_from(i - k).unwrap_or(u32::MAX) - (stay[i] - stay[k]);
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
    let need_from = |a: usize| tasks[a..].iter().map(|x| u64::from(x.minutes)).sum::<u64>();
    let have_from = |j: usize| capacities[j..].iter().map(|&c| u64::from(c)).sum::<u64>();
    for j in (0..capacities.len()).rev() {
        let a = starts[j];
        if a < n && need_from(a) > have_from(j) {
            return Infeasible {
                first_task: a,
                last_task: n - 1,
                need: need_from(a),
                first_slot: j,
                have: have_from(j),
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn task(item: usize, minutes: u32) -> Task {
        Task {
            item,
            minutes,
            glued: false,
            current: None,
        }
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
                let mut cost = Cost::default();
                for (j, &cap) in caps.iter().enumerate() {
                    let idx: Vec<usize> = (0..tasks.len()).filter(|&t| assign[t] == j).collect();
                    let load: u64 = idx.iter().map(|&t| u64::from(tasks[t].minutes)).sum();
                    if load > u64::from(cap) {
                        return;
                    }
                    if let Some(&k) = idx.first() {
                        if k > 0 {
                            if tasks[k].glued {
                                return;
                            }
                            if tasks[k].item == tasks[k - 1].item {
                                cost.splits += 1;
                            }
                        }
                    }
                    if cap > 0 {
                        let fill = load * 1000 / u64::from(cap);
                        cost.balance += fill * fill;
                    }
                    cost.moves +=
                        u32::try_from(idx.iter().filter(|&&t| tasks[t].current != Some(j)).count())
                            .unwrap();
                }
                if best.is_none_or(|b| cost < b) {
                    *best = Some(cost);
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

    fn arb_case() -> impl Strategy<Value = (Vec<Task>, Vec<u32>)> {
        let tasks = prop::collection::vec(
            (
                0usize..3,
                0u32..50,
                prop::bool::weighted(0.2),
                prop::option::of(0usize..4),
            ),
            0..7,
        )
        .prop_map(|raw| {
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
                    }
                })
                .collect::<Vec<_>>()
        });
        (tasks, prop::collection::vec(0u32..120, 0..4))
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
    }
}
