//! `agendum plan`: which session treats which agenda items and contributions.
//!
//! The planner turns a meeting into ordered-partition problems and solves
//! each exactly with `partition`:
//!
//! 1. Sessions that treat agenda items are the break-out and joint sessions
//!    with a time, in time order, and the meeting's own plenaries for the
//!    items that open and close it. Coordination, ad-hoc, social, break and
//!    call sessions are left alone.
//! 2. Items placed first (the file's `place = "first"`, else title words:
//!    opening, agenda, previous minutes, objectives, schedule, attendees)
//!    are taken up in the meeting's first session, and items placed last
//!    (`place = "last"`, else: action items, work plan, next meetings, any
//!    other business, closure) end in its last session, whatever its kind
//!    (see `place`). An item too long for that session starts (or ends)
//!    there and goes on in the sessions next to it. Items and contributions
//!    pinned with `session = ...` stay where they are pinned; their minutes
//!    are taken from those sessions first.
//! 3. Every other item, in agenda order, contributes its contributions in the
//!    file's order (reordered within the item so that a contribution comes
//!    after those it depends on and a companion CR right after its main CR,
//!    glued to it). An item without contributions is placed too, with its own
//!    minutes. The order treated is: items placed first, the others, items
//!    placed last.
//! 4. Tasks are grouped by the groups they need (the item's `groups`, the
//!    contribution's `groups`, always the meeting's group) and by their
//!    item's parallel track (`track`, inherited from the items above). A
//!    class is planned on the sessions whose groups are exactly that set, or
//!    failing that on the smallest sets that include it; a track's class only
//!    on that track's sessions, a class without a track on the sessions
//!    without one (or on any, when no such session fits).
//! 5. Each class is an ordered partition solved optimally: fewest split items,
//!    then the most balanced slack, then the fewest moves from the current
//!    plan; once the file says the agenda is published
//!    (`agenda_published = true`), fewest moves first (see `partition`).
//!    The plan says which items moved and why each move was needed.
//!
//! What is optimal: the plan of each class, for the objective above, given
//! the capacities left after pinned items, as long as its table has at most
//! `partition::EXACT_ENTRIES` states (far beyond a real week; past that, a
//! band of the table). What is heuristic: the split into classes (a class
//! never uses the sessions of another, so a joint session is not filled with
//! break-out work), the title words when the file gives no `place`, and the
//! reordering for dependencies within an item (a dependency on a later item
//! is reported, not solved).
//!
//! Durations are the conflict checker's (`crate::check::content::minutes`),
//! and the plan is written as explicit `items` and `contributions` lists per
//! session, so a plan that fits here checks clean there.

pub(crate) mod partition;
pub mod place;

use crate::error::Error;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::check::content::minutes as contribution_minutes;
use crate::check::index::needs_treatment;
use crate::load::week::Week;
use crate::model::number::AgendaNumber;
use crate::model::status::{ItemPlace, SessionKind};
use crate::model::{AgendaItem, Contribution, Meeting};
use partition::{Infeasible, Objective, Task, partition};

/// Planning options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Re-plan from this session on (id or minutes' name): earlier sessions keep
    /// what they treated, and their open contributions are carried forward.
    pub from: Option<String>,
    /// Minutes each session keeps free for pending contributions.
    pub reserve: u32,
    /// Balance the sessions even when the agenda is published (fewest split
    /// items, then balance, then fewest moves).
    pub rebalance: bool,
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

/// An item the plan moves away from where the file had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    /// The agenda item.
    pub item: String,
    /// Sessions that had its moved contributions.
    pub from: Vec<String>,
    /// Sessions that have them in the plan.
    pub to: Vec<String>,
    /// Why it could not stay, in words ("TUE2 is 20 minutes over with it").
    pub reason: String,
}

/// A plan for one meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// Meeting id.
    pub meeting: String,
    /// Whether the plan kept the published agenda stable (moves first).
    pub stable: bool,
    /// Planned sessions in time order.
    pub sessions: Vec<SessionPlan>,
    /// Items split over several sessions.
    pub split_items: Vec<String>,
    /// Items moved from the file's current plan, with the reason.
    pub moves: Vec<Move>,
    /// Things the planner could not honour, in words.
    pub notes: Vec<String>,
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
    /// Position of each planned session in `sessions` (time order).
    position: HashMap<usize, usize>,
}

/// A task's part in the order of treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Of an item placed first.
    First,
    /// Of an item placed nowhere in particular.
    Normal,
    /// Of an item placed last.
    Last,
}

/// One task with what the report needs: its item, its contribution (empty
/// for an item without contributions), its current session (an index into
/// `meeting.sessions`) and its role.
struct Entry {
    task: Task,
    item: String,
    number: String,
    current: Option<usize>,
    role: Role,
}

/// Where a planned task went: for the report of moves.
struct Placed {
    class: usize,
    item: String,
    minutes: u32,
    current: Option<usize>,
    new: usize,
}

/// Plans meeting `meeting` of `week`.
pub fn plan(week: &Week, meeting: usize, options: &Options) -> Result<Plan, Error> {
    plan_with(week, &crate::check::Index::new(week), meeting, options)
}

/// [`plan`] with the week's index already built (the checker's hint uses it).
#[allow(clippy::too_many_lines)]
pub(crate) fn plan_with(
    week: &Week,
    index: &crate::check::Index,
    meeting: usize,
    options: &Options,
) -> Result<Plan, Error> {
    let m = week
        .meetings
        .get(meeting)
        .ok_or_else(|| Error::Impossible("no such meeting".into()))?;
    let times = week.times.get(meeting).cloned().unwrap_or_default();
    let ends = place::first_and_last(m, &times);
    let mut sessions: Vec<usize> = (0..m.sessions.len())
        .filter(|&i| {
            times.contains_key(&i)
                && (matches!(
                    m.sessions[i].kind.value,
                    SessionKind::BreakOut | SessionKind::Joint
                ) || ends.is_some_and(|(a, b)| i == a || i == b))
        })
        .collect();
    sessions.sort_by_key(|&i| (times[&i].start, i));
    if sessions.is_empty() {
        return Err(Error::Impossible(format!(
            "{} has no break-out or joint session with a time to plan into: add [[sessions]] first",
            m.header.id.as_str()
        )));
    }
    let (first_session, last_session) = ends.unwrap_or((sessions[0], sessions[sessions.len() - 1]));
    let minutes_of: HashMap<usize, u32> = sessions
        .iter()
        .map(|&i| (i, u32::try_from(times[&i].minutes()).unwrap_or(0)))
        .collect();
    let ctx = Context {
        meeting: m,
        items: m.agenda.iter().map(|a| (&a.number.value, a)).collect(),
        position: sessions.iter().enumerate().map(|(p, &s)| (s, p)).collect(),
        sessions,
        minutes_of,
    };
    let objective = if m.header.agenda_published && !options.rebalance {
        Objective::Stable
    } else {
        Objective::Balance
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
    // The first planned session that lists each item now.
    let mut listed_in: HashMap<&str, usize> = HashMap::new();
    for &s in &ctx.sessions {
        for n in &m.sessions[s].items {
            listed_in.entry(n.as_str()).or_insert(s);
        }
    }

    let mut notes = Vec::new();
    let mut assigned: BTreeMap<usize, (Vec<String>, Vec<String>, u32)> = ctx
        .sessions
        .iter()
        .map(|&i| (i, (Vec::new(), Vec::new(), 0)))
        .collect();

    // Re-planning (--from): frozen sessions keep their items; contributions
    // already decided stay where they were treated, frozen or not; only open
    // ones (postponed ones too) are planned again.
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

    // Pinned items, and where the others belong.
    let mut pinned_to: HashMap<&AgendaNumber, usize> = HashMap::new();
    let mut role_of: HashMap<&AgendaNumber, Role> = HashMap::new();
    for item in &m.agenda {
        if let Some(s) = item
            .session
            .as_ref()
            .and_then(|s| m.find_session(s.as_str()))
        {
            pinned_to.insert(&item.number.value, s);
            continue;
        }
        let role = match place::item_place(&ctx.items, item) {
            Some(ItemPlace::First) => Role::First,
            Some(ItemPlace::Last) => Role::Last,
            None => Role::Normal,
        };
        role_of.insert(&item.number.value, role);
    }
    let parents: HashSet<AgendaNumber> =
        m.agenda.iter().filter_map(|a| a.number.parent()).collect();
    let has_children = |n: &AgendaNumber| parents.contains(n);
    let mut tasks_by_class: BTreeMap<Class, Vec<Entry>> = BTreeMap::new();
    let mut item_charged: HashSet<&AgendaNumber> = HashSet::new();
    let mut sorted: Vec<&AgendaItem> = m.agenda.iter().collect();
    sorted.sort_by(|a, b| a.number.value.cmp(&b.number.value));
    let mut next_item = 0usize;
    // Each item's contributions in the file's order, gathered once.
    let mut by_item: HashMap<&AgendaNumber, Vec<&Contribution>> = HashMap::new();
    for c in &m.contributions {
        by_item.entry(&c.item.value).or_default().push(c);
    }
    let pinned_session = |c: &Contribution| {
        c.session
            .as_ref()
            .and_then(|p| m.find_session(p.as_str()))
            // Mid-week, an open contribution pinned to a session that is over is carried on.
            .filter(|s| !(replanning && frozen.contains(s)))
    };
    for item in &sorted {
        let n = &item.number.value;
        let mine = by_item.get(n).map_or(&[][..], Vec::as_slice);
        let contributions: Vec<&Contribution> = ordered_contributions(m, n, mine, &mut notes)
            .into_iter()
            .filter(|c| {
                if replanning {
                    is_open(c)
                } else {
                    needs_treatment(c)
                }
            })
            .collect();
        let role = role_of.get(n).copied().unwrap_or(Role::Normal);
        if replanning && contributions.is_empty() {
            // Nothing open here: an item with decided contributions, one
            // treated before, or the opening items stay as they are.
            let decided = !mine.is_empty();
            let opening = role == Role::First && frozen.contains(&first_session);
            if decided || treated_before(n.as_str()) || opening {
                continue;
            }
        }
        let item_minutes = item.minutes.unwrap_or(0);
        if let Some(&target) = pinned_to.get(n).filter(|s| !frozen.contains(s)) {
            let entry = assigned.entry(target).or_default();
            entry.0.push(n.as_str().to_string());
            entry.2 += item_minutes;
            for c in contributions {
                entry.1.push(c.number.as_str().to_string());
                entry.2 += contribution_minutes(m, Some(item), c);
            }
            continue;
        }
        if pinned_to.contains_key(n) {
            continue;
        }
        if contributions.is_empty() && has_children(n) && role == Role::Normal {
            continue;
        }
        let item_groups: Vec<&str> = item.groups.iter().map(|g| g.as_str()).collect();
        let track = m.item_track(n.as_str()).map(|t| t.as_str());
        let own_class = class_of(m, track, &item_groups, &[]);
        let this_item = next_item;
        next_item += 1;
        let item_entry = |minutes: u32| Entry {
            task: Task::new(this_item, minutes),
            item: n.as_str().to_string(),
            number: String::new(),
            current: listed_in.get(n.as_str()).copied(),
            role,
        };
        let mut in_own_class = false;
        let mut previous: Option<&Contribution> = None;
        for c in &contributions {
            // A contribution pinned to a session stays there.
            if let Some(s) = pinned_session(c) {
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
            in_own_class |= class == own_class;
            let mut minutes = contribution_minutes(m, Some(item), c);
            if item_charged.insert(n) {
                minutes += item_minutes;
            }
            let glued = previous.is_some_and(|p| {
                c.companion_of
                    .as_ref()
                    .is_some_and(|x| names_contribution(p, x.as_str()))
            });
            let mut task = Task::new(this_item, minutes);
            task.glued = glued;
            tasks_by_class.entry(class).or_default().push(Entry {
                task,
                item: n.as_str().to_string(),
                number: c.number.as_str().to_string(),
                current: current.get(c.number.as_str()).copied(),
                role,
            });
            previous = Some(c);
        }
        // An item without contributions of its own groups is still treated:
        // in its place (an opening item whose contribution needs a joint
        // session is opened in the first session too), or with its minutes.
        if !in_own_class && (contributions.is_empty() || role != Role::Normal) {
            let minutes = if item_charged.insert(n) {
                item_minutes
            } else {
                0
            };
            tasks_by_class
                .entry(own_class)
                .or_default()
                .push(item_entry(minutes));
        }
    }

    // Solve each class on its sessions.
    let mut placed: Vec<Placed> = Vec::new();
    for (class_index, ((class, track), entries)) in tasks_by_class.iter_mut().enumerate() {
        // The order of treatment: items placed first, the others, items placed last.
        entries.sort_by_key(|e| match e.role {
            Role::First => 0,
            Role::Normal => 1,
            Role::Last => 2,
        });
        let base = sessions_for(&ctx, class, track.as_deref(), &frozen);
        let has = |r: Role| entries.iter().any(|e| e.role == r);
        let hosts = |s: usize| {
            !frozen.contains(&s)
                && (m.sessions[s].kind.value == SessionKind::Plenary
                    || class
                        .iter()
                        .all(|g| m.session_groups(&m.sessions[s]).contains(&g.as_str())))
        };
        let mut slots = base.clone();
        let add_first = has(Role::First) && hosts(first_session) && !slots.contains(&first_session);
        if add_first {
            slots.push(first_session);
        }
        let add_last = has(Role::Last)
            && hosts(last_session)
            && !slots.contains(&last_session)
            && last_session != first_session;
        if add_last {
            slots.push(last_session);
        }
        slots.sort_by_key(|s| ctx.position[s]);
        if slots.is_empty() || (base.is_empty() && has(Role::Normal)) {
            let items: Vec<&str> = dedup(entries.iter().map(|t| t.item.as_str()));
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
            let numbers: Vec<&str> = entries
                .iter()
                .map(|t| t.number.as_str())
                .filter(|n| !n.is_empty())
                .collect();
            notes.push(format!(
                "{message}, or carry {} to the next meeting",
                numbers.join(", ")
            ));
            continue;
        }
        // Which slots each role may use: the opening and closing sessions
        // added for this class take only the items placed there.
        let last_slot = slots.len() - 1;
        let normal_first = usize::from(add_first);
        let normal_last = last_slot.saturating_sub(usize::from(add_last));
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
        let local: Vec<Task> = entries
            .iter()
            .enumerate()
            .map(|(x, e)| {
                let head = x == 0 || entries[x - 1].item != e.item;
                let tail = x + 1 == entries.len() || entries[x + 1].item != e.item;
                let (earliest, latest) = match e.role {
                    Role::First if head => (0, 0),
                    Role::First => (0, normal_last),
                    Role::Normal => (normal_first, normal_last),
                    Role::Last if tail => (last_slot, last_slot),
                    Role::Last => (normal_first, last_slot),
                };
                Task {
                    current: e.current.and_then(|c| slot_of.get(&c).copied()),
                    earliest,
                    latest,
                    ..e.task
                }
            })
            .collect();
        match partition(&local, &capacities, objective) {
            Ok((assignment, _cost)) => {
                for (e, slot) in entries.iter().zip(assignment) {
                    let Some(entry) = assigned.get_mut(&slots[slot]) else {
                        continue;
                    };
                    if !entry.0.contains(&e.item) {
                        entry.0.push(e.item.clone());
                    }
                    if !e.number.is_empty() {
                        entry.1.push(e.number.clone());
                    }
                    entry.2 += e.task.minutes;
                    placed.push(Placed {
                        class: class_index,
                        item: e.item.clone(),
                        minutes: e.task.minutes,
                        current: e.current.filter(|c| slot_of.contains_key(c)),
                        new: slots[slot],
                    });
                }
            }
            Err(e) => {
                return Err(Error::Impossible(explain(
                    &ctx,
                    entries,
                    &slots,
                    &e,
                    options.reserve,
                )));
            }
        }
    }
    let moves = moves(&ctx, &placed, &assigned, options.reserve, objective);

    // The plan, sessions in time order; items in agenda order, and
    // contributions by item (pinned ones were taken first), stably.
    let item_of: HashMap<&str, &AgendaNumber> = m
        .contributions
        .iter()
        .map(|c| (c.number.as_str(), &c.item.value))
        .collect();
    let mut item_sessions: HashMap<String, usize> = HashMap::new();
    let plans: Vec<SessionPlan> = ctx
        .sessions
        .iter()
        .map(|&s| {
            let (mut items, mut contributions, used) = assigned.remove(&s).unwrap_or_default();
            contributions.sort_by_key(|c| item_of.get(c.as_str()).copied());
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
        stable: objective == Objective::Stable,
        sessions: plans,
        split_items,
        moves,
        notes,
    })
}

/// The items the plan moves, each with why it could not stay: its old
/// session would be over its minutes with it, or agenda order puts it after
/// (or before) an item that is now in a later (or earlier) session.
fn moves(
    ctx: &Context,
    placed: &[Placed],
    assigned: &BTreeMap<usize, (Vec<String>, Vec<String>, u32)>,
    reserve: u32,
    objective: Objective,
) -> Vec<Move> {
    let id = |s: usize| ctx.meeting.sessions[s].id.as_str().to_string();
    let pos = |s: usize| ctx.position.get(&s).copied().unwrap_or(0);
    // Each item's tasks, gathered once (an item's tasks are consecutive in
    // its class, and classes are placed one after the other).
    let mut of_item: HashMap<&str, Vec<usize>> = HashMap::new();
    for (p, t) in placed.iter().enumerate() {
        of_item.entry(t.item.as_str()).or_default().push(p);
    }
    let moved = |x: &Placed| x.current.is_some_and(|c| c != x.new);
    let mut out: Vec<Move> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (p, t) in placed.iter().enumerate() {
        let Some(from) = t.current.filter(|&c| c != t.new) else {
            continue;
        };
        if !seen.insert(t.item.as_str()) {
            continue;
        }
        let mine: Vec<&Placed> = of_item[t.item.as_str()]
            .iter()
            .map(|&x| &placed[x])
            .filter(|x| moved(x))
            .collect();
        let from_ids = dedup_owned(mine.iter().filter_map(|x| x.current).map(id));
        let to_ids = dedup_owned(mine.iter().map(|x| x.new).map(id));
        let moved_out: u32 = mine
            .iter()
            .filter(|x| x.current == Some(from))
            .map(|x| x.minutes)
            .sum();
        let used = assigned.get(&from).map_or(0, |e| e.2);
        let room = ctx.minutes_of[&from].saturating_sub(reserve);
        let over = (used + moved_out).saturating_sub(room);
        let later = pos(t.new) > pos(from);
        // Sessions follow agenda order within a class, so the neighbour that
        // holds an item back is the nearest task of another item: the one
        // just before this item (moved later), or just after it (moved earlier).
        let neighbour = if later {
            placed[..p]
                .iter()
                .rev()
                .take_while(|x| x.class == t.class)
                .find(|x| x.item != t.item)
        } else {
            placed[p + 1..]
                .iter()
                .take_while(|x| x.class == t.class)
                .find(|x| x.item != t.item)
        };
        let blocker = neighbour.filter(|b| {
            if later {
                pos(b.new) > pos(from)
            } else {
                pos(b.new) < pos(from)
            }
        });
        let reason = if over > 0 {
            format!("{} is {over} minutes over with it", id(from))
        } else if objective == Objective::Balance {
            "to balance the sessions".to_string()
        } else if let Some(b) = blocker {
            format!(
                "it comes {} item {}, which is now in {}",
                if later { "after" } else { "before" },
                b.item,
                id(b.new)
            )
        } else {
            "no plan without the move keeps every item whole".to_string()
        };
        out.push(Move {
            item: t.item.clone(),
            from: from_ids,
            to: to_ids,
            reason,
        });
    }
    out.sort_by(|a, b| {
        AgendaNumber::parse(&a.item)
            .ok()
            .cmp(&AgendaNumber::parse(&b.item).ok())
    });
    out
}

fn dedup_owned(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for x in it {
        if !v.contains(&x) {
            v.push(x);
        }
    }
    v
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
    // The candidates: break-out and joint sessions not yet over (a plenary
    // takes only the items that open or close the meeting), of the track.
    let open: Vec<usize> = ctx
        .sessions
        .iter()
        .copied()
        .filter(|s| !frozen.contains(s) && keep(s))
        .filter(|&s| {
            matches!(
                ctx.meeting.sessions[s].kind.value,
                SessionKind::BreakOut | SessionKind::Joint
            )
        })
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
    tasks: &[Entry],
    slots: &[usize],
    e: &Infeasible,
    reserve: u32,
) -> String {
    let id = |i: usize| ctx.meeting.sessions[slots[i]].id.as_str().to_string();
    if e.placed {
        let of = |r: Role| {
            dedup(
                tasks
                    .iter()
                    .filter(|t| t.role == r)
                    .map(|t| t.item.as_str()),
            )
            .join(", ")
        };
        let (first, last) = (of(Role::First), of(Role::Last));
        let mut what = Vec::new();
        if !first.is_empty() {
            what.push(format!(
                "items placed first ({first}) must start in {}",
                id(0)
            ));
        }
        if !last.is_empty() {
            what.push(format!(
                "items placed last ({last}) must end in {}",
                id(slots.len() - 1)
            ));
        }
        return format!(
            "no plan fits where the file places items: {}; the minutes would fit otherwise: give that session more time, lower those items' estimates, or change their `place`",
            what.join(", ")
        );
    }
    let first_item = tasks.get(e.first_task).map_or("", |t| t.item.as_str());
    let last_item = tasks.get(e.last_task).map_or("", |t| t.item.as_str());
    let items = if first_item == last_item {
        format!("item {first_item} needs")
    } else {
        format!("items {first_item}-{last_item} need")
    };
    let last_slot = slots.len() - 1;
    let sessions = if e.first_slot >= last_slot {
        format!("session {} has", id(last_slot.min(e.first_slot)))
    } else {
        format!("sessions {}-{} have", id(e.first_slot), id(last_slot))
    };
    let contribution = tasks
        .get(e.first_task)
        .map(|t| t.number.as_str())
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
