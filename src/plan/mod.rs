//! `agendum plan`: which session treats which agenda items and contributions.
//!
//! The planner turns a meeting into ordered-partition problems and solves
//! each exactly with `partition`:
//!
//! 1. Sessions that treat agenda items are the break-out and joint sessions
//!    with a time, in time order. Plenary, coordination, ad-hoc, social,
//!    break and call sessions are left alone.
//! 2. Fixed items go first or last: opening, agenda, previous minutes,
//!    objectives, schedule and attendees to the first session; action items,
//!    work plan, next meetings, any other business and closure to the last
//!    (recognised by their titles; a sub-item follows its parent unless its
//!    own title says otherwise). Items and contributions pinned with
//!    `session = ...` stay where they are pinned. Their minutes are taken from
//!    the capacity of those sessions first.
//! 3. Every other item, in agenda order, contributes its contributions in the
//!    file's order (reordered within the item so that a contribution comes
//!    after those it depends on and a companion CR right after its main CR,
//!    glued to it). An item without contributions is placed too, with its own
//!    minutes.
//! 4. Tasks are grouped by the groups they need (the item's `groups`, the
//!    contribution's `groups`, always the meeting's group) and by their
//!    item's parallel track (`track`, inherited from the items above). A
//!    class is planned on the sessions whose groups are exactly that set, or
//!    failing that on the smallest sets that include it; a track's class only
//!    on that track's sessions, a class without a track on the sessions
//!    without one (or on any, when no such session fits).
//! 5. Each class is an ordered partition solved optimally: fewest split items,
//!    then the most balanced slack, then the fewest moves from the current
//!    plan (see `partition`).
//!
//! What is optimal: the plan of each class, for the objective above, given
//! the capacities left after fixed and pinned items, as long as its table
//! has at most `partition::EXACT_ENTRIES` states (far beyond a real week;
//! past that, a band of the table). What is heuristic: the
//! split into classes (a class never uses the sessions of another, so a
//! joint session is not filled with break-out work), the recognition of fixed
//! items by title, and the reordering for dependencies within an item (a
//! dependency on a later item is reported, not solved).
//!
//! Durations are the conflict checker's (`crate::check::content::minutes`),
//! and the plan is written as explicit `items` and `contributions` lists per
//! session, so a plan that fits here checks clean there.

pub(crate) mod partition;

use crate::error::Error;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::check::content::minutes as contribution_minutes;
use crate::check::index::needs_treatment;
use crate::load::week::Week;
use crate::model::number::AgendaNumber;
use crate::model::status::SessionKind;
use crate::model::{AgendaItem, Contribution, Meeting};
use partition::{Infeasible, Task, partition};

/// Planning options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Re-plan from this session on (id or minutes' name): earlier sessions keep
    /// what they treated, and their open contributions are carried forward.
    pub from: Option<String>,
    /// Minutes each session keeps free for pending contributions.
    pub reserve: u32,
}

/// What one session treats in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionPlan {
    /// Index of the session in the meeting's `sessions`.
    #[serde(skip)]
    pub index: usize,
    /// Session id.
    pub id: String,
    /// Agenda items treated, in agenda order.
    pub items: Vec<String>,
    /// Contributions treated, in order.
    pub contributions: Vec<String>,
    /// Minutes the plan uses.
    pub minutes_used: u32,
    /// Minutes the session has.
    pub minutes_available: u32,
    /// Left as it was (before `--from`).
    pub frozen: bool,
}

/// A plan for one meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// Meeting id.
    pub meeting: String,
    /// Planned sessions in time order.
    pub sessions: Vec<SessionPlan>,
    /// Items split over several sessions.
    pub split_items: Vec<String>,
    /// Things the planner could not honour, in words.
    pub notes: Vec<String>,
}

/// Where a fixed item goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    First,
    Last,
}

/// Recognises the fixed items of a WG agenda by their titles.
fn fixed_place(title: &str) -> Option<Place> {
    let t = title.to_lowercase();
    let last = [
        "action item",
        "work plan",
        "next meeting",
        "future meeting",
        "any other business",
        "aob",
        "closure",
        "closing",
        "close of",
    ];
    let first = [
        "opening",
        "welcome",
        "agenda",
        "previous minutes",
        "minutes of",
        "approval of previous",
        "objectives",
        "schedule",
        "attendees",
        "attendance",
    ];
    if last.iter().any(|w| t.contains(w)) {
        Some(Place::Last)
    } else if first.iter().any(|w| t.contains(w)) {
        Some(Place::First)
    } else {
        None
    }
}

/// Whether a contribution still needs treatment in a later session: the
/// carry-over notion of `render --open` ([`crate::model::carry::open_reason`]).
pub fn is_open(c: &Contribution) -> bool {
    crate::model::carry::open_reason(c).is_some()
}

/// The planner's view of one meeting.
struct Context<'a> {
    meeting: &'a Meeting,
    /// Planned sessions (indices into `meeting.sessions`) in time order.
    sessions: Vec<usize>,
    minutes_of: HashMap<usize, u32>,
    items: BTreeMap<&'a AgendaNumber, &'a AgendaItem>,
}

/// Plans meeting `meeting` of `week`.
#[allow(clippy::too_many_lines)]
pub fn plan(week: &Week, meeting: usize, options: &Options) -> Result<Plan, Error> {
    let m = week
        .meetings
        .get(meeting)
        .ok_or_else(|| Error::Impossible("no such meeting".into()))?;
    let times = week.times.get(meeting).cloned().unwrap_or_default();
    let mut sessions: Vec<usize> = (0..m.sessions.len())
        .filter(|&i| {
            matches!(
                m.sessions[i].kind.value,
                SessionKind::BreakOut | SessionKind::Joint
            ) && times.contains_key(&i)
        })
        .collect();
    sessions.sort_by_key(|&i| (times[&i].start, i));
    if sessions.is_empty() {
        return Err(Error::Impossible(format!(
            "{} has no break-out or joint session with a time to plan into: add [[sessions]] first",
            m.header.id.as_str()
        )));
    }
    let minutes_of: HashMap<usize, u32> = sessions
        .iter()
        .map(|&i| (i, u32::try_from(times[&i].minutes()).unwrap_or(0)))
        .collect();
    let ctx = Context {
        meeting: m,
        items: m.agenda.iter().map(|a| (&a.number.value, a)).collect(),
        sessions,
        minutes_of,
    };

    // --from: which sessions are frozen.
    let frozen: HashSet<usize> = match &options.from {
        None => HashSet::new(),
        Some(from) => {
            let Some(start) = m.find_session(from) else {
                return Err(Error::Impossible(format!(
                    "--from {from}: no such session in {}",
                    m.header.id.as_str()
                )));
            };
            let Some(t0) = times.get(&start).map(|t| t.start) else {
                return Err(Error::Impossible(format!(
                    "--from {from}: the session has no time"
                )));
            };
            ctx.sessions
                .iter()
                .copied()
                .filter(|i| times[i].start < t0)
                .collect()
        }
    };

    // The current plan, as the checker sees it.
    let index = crate::check::Index::new(week);
    let first_global: usize = week.meetings[..meeting]
        .iter()
        .map(|x| x.sessions.len())
        .sum();
    let mut current: HashMap<&str, usize> = HashMap::new();
    for c in &index.contributions {
        if c.meeting == meeting {
            if let Some(&sid) = c.sessions.first() {
                current.insert(c.contribution.number.as_str(), sid as usize - first_global);
            }
        }
    }
    let current_items: Vec<HashSet<&str>> = m
        .sessions
        .iter()
        .map(|s| s.items.iter().map(|n| n.as_str()).collect())
        .collect();

    let mut notes = Vec::new();
    let mut assigned: BTreeMap<usize, (Vec<String>, Vec<String>, u32)> = ctx
        .sessions
        .iter()
        .map(|&i| (i, (Vec::new(), Vec::new(), 0)))
        .collect();
    let first_session = ctx
        .sessions
        .iter()
        .copied()
        .find(|i| m.session_groups(&m.sessions[*i]).len() <= 1)
        .unwrap_or(ctx.sessions[0]);
    let last_session = ctx
        .sessions
        .iter()
        .rev()
        .copied()
        .find(|i| m.session_groups(&m.sessions[*i]).len() <= 1)
        .unwrap_or(ctx.sessions[ctx.sessions.len() - 1]);

    // Re-planning (--from): frozen sessions keep their items; contributions
    // already decided stay where they were treated, frozen or not; only open
    // ones are planned again.
    let replanning = !frozen.is_empty();
    if replanning {
        for &s in &frozen {
            if let Some(entry) = assigned.get_mut(&s) {
                entry
                    .0
                    .extend(m.sessions[s].items.iter().map(|n| n.as_str().to_string()));
            }
        }
        for c in m
            .contributions
            .iter()
            .filter(|c| needs_treatment(c) && !is_open(c))
        {
            if let Some(entry) = current
                .get(c.number.as_str())
                .and_then(|s| assigned.get_mut(s))
            {
                if !entry.0.iter().any(|x| x == c.item.as_str()) {
                    entry.0.push(c.item.as_str().to_string());
                }
                entry.1.push(c.number.as_str().to_string());
                entry.2 += contribution_minutes(m, ctx.items.get(&c.item.value).copied(), c);
            }
        }
    }
    let treated_before = |n: &str| frozen.iter().any(|s| current_items[*s].contains(n));

    // Fixed and pinned items, and pinned contributions.
    let mut place_of: HashMap<&AgendaNumber, usize> = HashMap::new();
    for item in &m.agenda {
        let own = fixed_place(&item.title);
        let inherited = item
            .number
            .parent()
            .and_then(|p| ctx.items.get(&p).map(|a| a.title.clone()))
            .and_then(|t| fixed_place(&t));
        let pinned = item
            .session
            .as_ref()
            .and_then(|s| m.find_session(s.as_str()));
        let target = match (pinned, own.or(inherited)) {
            (Some(s), _) => Some(s),
            (None, Some(Place::First)) => Some(first_session),
            (None, Some(Place::Last)) => Some(last_session),
            (None, None) => None,
        };
        if let Some(s) = target {
            place_of.insert(&item.number.value, s);
        }
    }
    let parents: HashSet<AgendaNumber> =
        m.agenda.iter().filter_map(|a| a.number.parent()).collect();
    let has_children = |n: &AgendaNumber| parents.contains(n);
    let mut tasks_by_class: BTreeMap<Class, Vec<(Task, String, String)>> = BTreeMap::new();
    let mut item_charged: HashSet<&AgendaNumber> = HashSet::new();
    let mut sorted: Vec<&AgendaItem> = m.agenda.iter().collect();
    sorted.sort_by(|a, b| a.number.value.cmp(&b.number.value));
    let mut task_item_index: HashMap<&AgendaNumber, usize> = HashMap::new();
    // Each item's contributions in the file's order, gathered once.
    let mut by_item: HashMap<&AgendaNumber, Vec<&Contribution>> = HashMap::new();
    for c in &m.contributions {
        by_item.entry(&c.item.value).or_default().push(c);
    }
    for item in &sorted {
        let n = &item.number.value;
        let mine = by_item.get(n).map_or(&[][..], Vec::as_slice);
        let contributions: Vec<&Contribution> = ordered_contributions(m, n, mine, &mut notes)
            .into_iter()
            .filter(|c| needs_treatment(c) && (!replanning || is_open(c)))
            .collect();
        if replanning && contributions.is_empty() {
            // Nothing open here: an item with decided contributions, one
            // treated before, or the opening items stay as they are.
            let decided = m.contributions.iter().any(|c| c.item.value == *n);
            let opening =
                place_of.get(n) == Some(&first_session) && frozen.contains(&first_session);
            if decided || treated_before(n.as_str()) || opening {
                continue;
            }
        }
        let item_minutes = item.minutes.unwrap_or(0);
        if let Some(&target) = place_of.get(n).filter(|s| !frozen.contains(s)) {
            let entry = assigned.entry(target).or_default();
            entry.0.push(n.as_str().to_string());
            entry.2 += item_minutes;
            for c in contributions {
                entry.1.push(c.number.as_str().to_string());
                entry.2 += contribution_minutes(m, Some(item), c);
            }
            continue;
        }
        if contributions.is_empty() && has_children(n) {
            continue;
        }
        let item_groups: Vec<&str> = item.groups.iter().map(|g| g.as_str()).collect();
        let track = m.item_track(n.as_str()).map(|t| t.as_str());
        let next_item = task_item_index.len();
        task_item_index.insert(n, next_item);
        if contributions.is_empty() {
            let class = class_of(m, track, &item_groups, &[]);
            tasks_by_class.entry(class).or_default().push((
                Task {
                    item: next_item,
                    minutes: item_minutes,
                    glued: false,
                    current: None,
                },
                n.as_str().to_string(),
                String::new(),
            ));
            continue;
        }
        let mut previous: Option<&Contribution> = None;
        for c in contributions {
            // A contribution pinned to a session stays there.
            if let Some(s) = c.session.as_ref().and_then(|p| m.find_session(p.as_str())) {
                let entry = assigned.entry(s).or_default();
                if !entry.0.iter().any(|x| x == n.as_str()) {
                    entry.0.push(n.as_str().to_string());
                }
                entry.1.push(c.number.as_str().to_string());
                entry.2 += contribution_minutes(m, Some(item), c);
                continue;
            }
            let groups: Vec<&str> = c.groups.iter().map(|g| g.as_str()).collect();
            let class = class_of(m, track, &item_groups, &groups);
            let mut minutes = contribution_minutes(m, Some(item), c);
            if item_charged.insert(n) {
                minutes += item_minutes;
            }
            let glued = previous.is_some_and(|p| {
                c.companion_of
                    .as_ref()
                    .is_some_and(|x| names_contribution(p, x.as_str()))
            });
            tasks_by_class.entry(class).or_default().push((
                Task {
                    item: next_item,
                    minutes,
                    glued,
                    current: current.get(c.number.as_str()).copied(),
                },
                n.as_str().to_string(),
                c.number.as_str().to_string(),
            ));
            previous = Some(c);
        }
    }

    // Solve each class on its sessions.
    for ((class, track), tasks) in &tasks_by_class {
        let slots = sessions_for(&ctx, class, track.as_deref(), &frozen);
        if slots.is_empty() {
            let items: Vec<&str> = dedup(tasks.iter().map(|t| t.1.as_str()));
            let kind = if frozen.is_empty() {
                "break-out or joint"
            } else {
                "remaining"
            };
            let message = match track {
                Some(t) => format!(
                    "item{} {} belong{} to track `{t}`: no {kind} session of track `{t}` has {}; add one (`track = \"{t}\"` on a session)",
                    if items.len() == 1 { "" } else { "s" },
                    items.join(", "),
                    if items.len() == 1 { "s" } else { "" },
                    class.join(", "),
                ),
                None => format!(
                    "item{} {} need{} {}: no {kind} session has all of them; add a joint session with {}",
                    if items.len() == 1 { "" } else { "s" },
                    items.join(", "),
                    if items.len() == 1 { "s" } else { "" },
                    class.join(", "),
                    class.join(", ")
                ),
            };
            if frozen.is_empty() {
                return Err(Error::Impossible(message));
            }
            // Mid-week, the rest can still be planned: say what is left over.
            let numbers: Vec<&str> = tasks
                .iter()
                .map(|t| t.2.as_str())
                .filter(|n| !n.is_empty())
                .collect();
            notes.push(format!(
                "{message}, or carry {} to the next meeting",
                numbers.join(", ")
            ));
            continue;
        }
        let capacities: Vec<u32> = slots
            .iter()
            .map(|s| {
                let used = assigned.get(s).map_or(0, |e| e.2);
                ctx.minutes_of[s]
                    .saturating_sub(options.reserve)
                    .saturating_sub(used)
            })
            .collect();
        let slot_of: HashMap<usize, usize> = slots
            .iter()
            .enumerate()
            .rev()
            .map(|(x, &s)| (s, x))
            .collect();
        let local: Vec<Task> = tasks
            .iter()
            .map(|(t, _, _)| Task {
                current: t.current.and_then(|c| slot_of.get(&c).copied()),
                ..*t
            })
            .collect();
        match partition(&local, &capacities) {
            Ok((assignment, _cost)) => {
                for ((task, item, number), slot) in tasks.iter().zip(assignment) {
                    let Some(entry) = assigned.get_mut(&slots[slot]) else {
                        continue;
                    };
                    if !entry.0.iter().any(|x| x == item) {
                        entry.0.push(item.clone());
                    }
                    if !number.is_empty() {
                        entry.1.push(number.clone());
                    }
                    entry.2 += task.minutes;
                }
            }
            Err(e) => {
                return Err(Error::Impossible(explain(
                    &ctx,
                    tasks,
                    &slots,
                    &e,
                    options.reserve,
                )));
            }
        }
    }

    // The plan, sessions in time order; items in agenda order.
    let mut item_sessions: HashMap<String, usize> = HashMap::new();
    let plans: Vec<SessionPlan> = ctx
        .sessions
        .iter()
        .map(|&s| {
            let (mut items, contributions, used) = assigned.remove(&s).unwrap_or_default();
            items.sort_by(|a, b| {
                AgendaNumber::parse(a)
                    .ok()
                    .cmp(&AgendaNumber::parse(b).ok())
            });
            items.dedup();
            for i in &items {
                *item_sessions.entry(i.clone()).or_insert(0) += 1;
            }
            SessionPlan {
                index: s,
                id: m.sessions[s].id.as_str().to_string(),
                items,
                contributions,
                minutes_used: used,
                minutes_available: ctx.minutes_of[&s],
                frozen: frozen.contains(&s),
            }
        })
        .collect();
    let mut split_items: Vec<String> = item_sessions
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(i, _)| i)
        .collect();
    split_items.sort_by(|a, b| {
        AgendaNumber::parse(a)
            .ok()
            .cmp(&AgendaNumber::parse(b).ok())
    });
    notes.extend(presenters_in_parallel(m, &times, &plans));
    Ok(Plan {
        meeting: m.header.id.as_str().to_string(),
        sessions: plans,
        split_items,
        notes,
    })
}

/// Notes on presenters the plan puts in two overlapping sessions (parallel
/// tracks): the planner does not look at people, `agendum check` would
/// report a `person-overlap`.
fn presenters_in_parallel(
    m: &Meeting,
    times: &rustc_hash::FxHashMap<usize, crate::load::week::Interval>,
    plans: &[SessionPlan],
) -> Vec<String> {
    // The plan names contributions by their own numbers.
    let by_number: HashMap<&str, &str> = m
        .contributions
        .iter()
        .filter_map(|c| Some((c.number.as_str(), c.presenter.as_ref()?.as_str())))
        .collect();
    let presenters = |p: &SessionPlan| -> BTreeMap<String, String> {
        p.contributions
            .iter()
            .filter_map(|n| Some(((*by_number.get(n.as_str())?).to_string(), n.clone())))
            .collect()
    };
    let mut notes = Vec::new();
    for (i, a) in plans.iter().enumerate() {
        for b in &plans[i + 1..] {
            let (Some(ta), Some(tb)) = (times.get(&a.index), times.get(&b.index)) else {
                continue;
            };
            if !ta.overlaps(tb) {
                continue;
            }
            let (pa, pb) = (presenters(a), presenters(b));
            for (who, na) in &pa {
                if let Some(nb) = pb.get(who) {
                    notes.push(format!(
                        "{who} presents {na} in {} and {nb} in {} at the same time: pin one of them to another session (`session = ...`)",
                        a.id, b.id
                    ));
                }
            }
        }
    }
    notes
}

/// Applies a plan to the model: each planned session's `items` and
/// `contributions` become the plan's (what `--write` does to the file).
pub fn apply(plan: &Plan, meeting: &mut Meeting) {
    for s in plan.sessions.iter().filter(|s| !s.frozen) {
        if let Some(session) = meeting.sessions.get_mut(s.index) {
            session.items = s
                .items
                .iter()
                .filter_map(|i| AgendaNumber::parse(i).ok())
                .map(crate::model::loc::Loc::synthetic)
                .collect();
            session.contributions = s
                .contributions
                .iter()
                .cloned()
                .map(crate::model::loc::Loc::synthetic)
                .collect();
        }
    }
}

/// Whether `text` names contribution `c` (its number or a revision of its chain).
fn names_contribution(c: &Contribution, text: &str) -> bool {
    c.number.as_str() == text
        || c.revisions.iter().any(|r| {
            c.number
                .resolve_revision(r.as_str())
                .is_ok_and(|n| n.as_str() == text)
        })
}

/// Places contribution `i` after those it depends on (depth first, in file order).
fn visit<'a>(
    i: usize,
    mine: &[&'a Contribution],
    position: &dyn Fn(&str) -> Option<usize>,
    placed: &mut Vec<bool>,
    visiting: &mut Vec<bool>,
    order: &mut Vec<&'a Contribution>,
) {
    if placed[i] || visiting[i] {
        return;
    }
    visiting[i] = true;
    let c = mine[i];
    for d in c.depends_on.iter().chain(c.companion_of.iter()) {
        if let Some(j) = position(d.as_str()) {
            visit(j, mine, position, placed, visiting, order);
        }
    }
    visiting[i] = false;
    if !placed[i] {
        placed[i] = true;
        order.push(c);
    }
}

/// The contributions of an item in the file's order, moved so that each
/// comes after those of the item it depends on, and a companion CR right
/// after its main CR.
fn ordered_contributions<'a>(
    m: &'a Meeting,
    item: &AgendaNumber,
    mine: &[&'a Contribution],
    notes: &mut Vec<String>,
) -> Vec<&'a Contribution> {
    let position = |text: &str| mine.iter().position(|c| names_contribution(c, text));
    let mut order: Vec<&Contribution> = Vec::with_capacity(mine.len());
    let mut placed = vec![false; mine.len()];
    // Dependencies first (a stable depth-first order), companions glued after.
    let mut visiting = vec![false; mine.len()];
    for i in 0..mine.len() {
        visit(i, mine, &position, &mut placed, &mut visiting, &mut order);
    }
    // Move each companion right after its main CR.
    let mut result: Vec<&Contribution> = Vec::with_capacity(order.len());
    let companions: Vec<&Contribution> = order
        .iter()
        .copied()
        .filter(|c| {
            c.companion_of
                .as_ref()
                .is_some_and(|x| mine.iter().any(|o| names_contribution(o, x.as_str())))
        })
        .collect();
    for c in &order {
        if companions.iter().any(|x| std::ptr::eq(*x, *c)) {
            continue;
        }
        result.push(c);
        for k in &companions {
            if k.companion_of
                .as_ref()
                .is_some_and(|x| names_contribution(c, x.as_str()))
            {
                result.push(k);
            }
        }
    }
    for c in mine {
        for d in &c.depends_on {
            if position(d.as_str()).is_none()
                && !m
                    .contributions
                    .iter()
                    .any(|o| names_contribution(o, d.as_str()) && o.item.value < *item)
                && m.contributions
                    .iter()
                    .any(|o| names_contribution(o, d.as_str()))
            {
                {
                    notes.push(format!(
                        "{} depends on {}, which is allocated to a later item: treat it first or move one of them",
                        c.number.as_str(),
                        d.as_str()
                    ));
                }
            }
        }
    }
    result
}

/// A class of tasks: the groups they need, sorted, and the parallel track
/// they belong to.
type Class = (Vec<String>, Option<String>);

/// The class of a task: the groups it needs (the meeting's group, the
/// item's and the contribution's) and its item's track.
fn class_of(m: &Meeting, track: Option<&str>, item: &[&str], contribution: &[&str]) -> Class {
    let mut v: Vec<String> = std::iter::once(m.header.group.as_str())
        .chain(item.iter().copied())
        .chain(contribution.iter().copied())
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    (v, track.map(str::to_string))
}

/// The sessions a class is planned on: those whose groups are exactly the
/// class, else the smallest group sets that include it; never frozen ones.
/// A track's class goes only to that track's sessions; a class without a
/// track to the sessions without one, or to any when none fits.
fn sessions_for(
    ctx: &Context,
    class: &[String],
    track: Option<&str>,
    frozen: &HashSet<usize>,
) -> Vec<usize> {
    let of_track = |s: &usize| ctx.meeting.sessions[*s].track.as_ref().map(|t| t.as_str()) == track;
    let mine = sessions_among(ctx, class, frozen, &of_track);
    if mine.is_empty() && track.is_none() {
        return sessions_among(ctx, class, frozen, &|_| true);
    }
    mine
}

/// [`sessions_for`] among the sessions `keep` accepts.
fn sessions_among(
    ctx: &Context,
    class: &[String],
    frozen: &HashSet<usize>,
    keep: &dyn Fn(&usize) -> bool,
) -> Vec<usize> {
    let groups_of = |s: usize| {
        let mut g: Vec<String> = ctx
            .meeting
            .session_groups(&ctx.meeting.sessions[s])
            .into_iter()
            .map(str::to_string)
            .collect();
        g.sort();
        g.dedup();
        g
    };
    let open: Vec<usize> = ctx
        .sessions
        .iter()
        .copied()
        .filter(|s| !frozen.contains(s) && keep(s))
        .collect();
    let exact: Vec<usize> = open
        .iter()
        .copied()
        .filter(|&s| groups_of(s) == class)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let supersets: Vec<(usize, usize)> = open
        .iter()
        .map(|&s| (s, groups_of(s)))
        .filter(|(_, g)| class.iter().all(|c| g.contains(c)))
        .map(|(s, g)| (s, g.len()))
        .collect();
    let Some(smallest) = supersets.iter().map(|(_, n)| *n).min() else {
        return Vec::new();
    };
    supersets
        .into_iter()
        .filter(|(_, n)| *n == smallest)
        .map(|(s, _)| s)
        .collect()
}

/// "items 7.3-7.5 need 190 minutes, sessions S3-S6 have 165".
fn explain(
    ctx: &Context,
    tasks: &[(Task, String, String)],
    slots: &[usize],
    e: &Infeasible,
    reserve: u32,
) -> String {
    let first_item = tasks.get(e.first_task).map_or("", |t| t.1.as_str());
    let last_item = tasks.get(e.last_task).map_or("", |t| t.1.as_str());
    let items = if first_item == last_item {
        format!("item {first_item} needs")
    } else {
        format!("items {first_item}-{last_item} need")
    };
    let id = |i: usize| ctx.meeting.sessions[slots[i]].id.as_str().to_string();
    let last_slot = slots.len() - 1;
    let sessions = if e.first_slot >= last_slot {
        format!("session {} has", id(last_slot.min(e.first_slot)))
    } else {
        format!("sessions {}-{} have", id(e.first_slot), id(last_slot))
    };
    let contribution = tasks
        .get(e.first_task)
        .map(|t| t.2.as_str())
        .filter(|s| !s.is_empty());
    let mut text = format!(
        "no plan fits: {items} {} minutes, {sessions} {}",
        e.need, e.have
    );
    if let Some(c) = contribution {
        let _ = write!(text, " (from {c} on)");
    }
    if reserve > 0 {
        let _ = write!(
            text,
            " after keeping {reserve} minutes per session in reserve"
        );
    }
    text.push_str("; lengthen or add sessions, lower the estimates (`minutes`, [settings] minutes_per_contribution), or postpone contributions");
    text
}

fn dedup<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = Vec::new();
    for x in it {
        if !v.contains(&x) {
            v.push(x);
        }
    }
    v
}
