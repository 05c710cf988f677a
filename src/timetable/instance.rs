//! The timetabling problem as numbers: days and slots numbered globally,
//! rooms, groups, people and sessions by index, every name resolved. Built
//! by [`super::requests`] from a requests file (or by tests directly); read
//! by the solver, the explainer and the output.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::model::clock::{Date, TimeRange, Zone};
use crate::model::status::SessionKind;

use super::requests::WeightSpec;

/// One meeting day and its slot grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// Its slots in order.
    pub slots: Vec<TimeRange>,
}

/// A room.
#[derive(Debug, Clone)]
pub struct Room {
    /// Name.
    pub name: String,
    /// Seats.
    pub capacity: u32,
    /// Per global slot: whether the room can be used.
    pub available: Vec<bool>,
}

/// A group, with what its meeting file needs.
#[derive(Debug, Clone)]
pub struct Group {
    /// Short name.
    pub id: String,
    /// Long name.
    pub name: Option<String>,
    /// Meeting id of its file.
    pub meeting: String,
    /// Chair (must be present at its sessions).
    pub chair: String,
    /// Secretary.
    pub secretary: Option<String>,
}

/// A person named by the requests.
#[derive(Debug, Clone)]
pub struct Person {
    /// Name.
    pub name: String,
}

/// One session to place.
#[derive(Debug, Clone)]
pub struct Sess {
    /// Id in its host's meeting file (`S3`, `J1`).
    pub id: String,
    /// The group whose meeting file holds it.
    pub host: usize,
    /// Groups that must all be there.
    pub groups: Vec<usize>,
    /// A session of one group's own (counts for spread and same room).
    pub own: bool,
    /// Kind.
    pub kind: SessionKind,
    /// Title.
    pub title: Option<String>,
    /// Length in slots.
    pub length: usize,
    /// Minutes the session needs: its slots (their own durations, breaks
    /// between them not counted) must add up to at least this; 0 when the
    /// request gives no duration.
    pub minutes: u32,
    /// The request table it comes from (sessions of one table are alike).
    pub request: usize,
    /// Expected attendance.
    pub attendance: u32,
    /// Pinned start (global slot).
    pub pin_start: Option<usize>,
    /// Pinned room.
    pub pin_room: Option<usize>,
    /// Preferred starts (global slots).
    pub prefer: Vec<usize>,
    /// A small room is acceptable.
    pub allow_small_room: bool,
    /// People who must be present (chairs and required people of its groups).
    pub people: Vec<usize>,
    /// People who attend it by choice (fairness).
    pub attendees: Vec<usize>,
}

/// A relation between two sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// The days of the two sessions differ by exactly this many days.
    DayGap(usize),
    /// The days of the two sessions differ by at least this many days.
    DayGapAtLeast(usize),
    /// Same room, same day, one directly after the other (either order).
    Adjacent,
}

/// A soft relation between sessions `a` and `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// First session.
    pub a: usize,
    /// Second session.
    pub b: usize,
    /// What is asked.
    pub kind: LinkKind,
}

/// Cost of one violation of each soft constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    /// Group conflicts, by priority (first, second, third).
    pub conflict: [i64; 3],
    /// Day relation not met.
    pub days: i64,
    /// Adjacency not met.
    pub adjacent: i64,
    /// Not at a preferred time.
    pub preferred_time: i64,
    /// Each extra room of a group.
    pub same_room: i64,
    /// Each pair of a group's sessions on one day.
    pub spread: i64,
    /// Fairness: per person, the square of their overlaps.
    pub fairness: i64,
    /// Each session moved from the starting timetable.
    pub moved: i64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            conflict: [100_000, 10_000, 1_000],
            days: 1_000,
            adjacent: 1_000,
            preferred_time: 10_000,
            same_room: 100,
            spread: 500,
            fairness: 100,
            moved: 0,
        }
    }
}

impl Weights {
    /// The defaults, overridden by what the file gives (negative weights count as 0).
    pub fn from_spec(w: &WeightSpec) -> Self {
        let d = Self::default();
        let pick = |v: Option<i64>, dflt: i64| v.unwrap_or(dflt).max(0);
        Self {
            conflict: [
                pick(w.conflict1, d.conflict[0]),
                pick(w.conflict2, d.conflict[1]),
                pick(w.conflict3, d.conflict[2]),
            ],
            days: pick(w.days, d.days),
            adjacent: pick(w.adjacent, d.adjacent),
            preferred_time: pick(w.preferred_time, d.preferred_time),
            same_room: pick(w.same_room, d.same_room),
            spread: pick(w.spread, d.spread),
            fairness: pick(w.fairness, d.fairness),
            moved: pick(w.moved, d.moved),
        }
    }

    /// The largest soft weight (to scale hard violations above any soft cost).
    pub fn largest(&self) -> i64 {
        [
            self.conflict[0],
            self.conflict[1],
            self.conflict[2],
            self.days,
            self.adjacent,
            self.preferred_time,
            self.same_room,
            self.spread,
            self.fairness,
            self.moved,
        ]
        .into_iter()
        .max()
        .unwrap_or(1)
    }
}

/// The whole problem.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Week id.
    pub week: String,
    /// Venue zone.
    pub timezone: Zone,
    /// Venue.
    pub venue: Option<String>,
    /// Days and grids.
    pub days: Vec<Day>,
    /// Rooms.
    pub rooms: Vec<Room>,
    /// Groups.
    pub groups: Vec<Group>,
    /// People.
    pub people: Vec<Person>,
    /// Per group, per global slot: cannot meet.
    pub group_unavailable: Vec<Vec<bool>>,
    /// Group conflicts (a, b, weight), a < b.
    pub conflicts: Vec<(usize, usize, i64)>,
    /// Per group: conflicting groups and weights (both directions).
    pub conflicts_of: Vec<Vec<(usize, i64)>>,
    /// Sessions.
    pub sessions: Vec<Sess>,
    /// Relations between sessions.
    pub links: Vec<Link>,
    /// Per session: indices into `links`.
    pub links_of: Vec<Vec<usize>>,
    /// Weights.
    pub weights: Weights,
    /// Number of global slots.
    pub slot_count: usize,
    /// Per global slot: its day.
    pub day_of: Vec<usize>,
    /// Per global slot: the end (exclusive) of its day.
    pub day_end: Vec<usize>,
    /// Per day: its first global slot.
    pub day_start: Vec<usize>,
    /// The shared files the requests file includes (its own `include`
    /// entries, each as the path of the file read), which the meeting
    /// files written include in turn.
    pub include: Vec<PathBuf>,
    /// The ids of the groups those files declare, directly or not: a
    /// meeting file that includes them does not declare them again.
    pub shared_groups: BTreeSet<String>,
    /// The names and aliases of the people those files declare.
    pub shared_people: BTreeSet<String>,
}

impl Instance {
    /// Builds an instance and its derived tables.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        week: String,
        timezone: Zone,
        venue: Option<String>,
        days: Vec<Day>,
        rooms: Vec<Room>,
        groups: Vec<Group>,
        people: Vec<Person>,
        group_unavailable: Vec<Vec<bool>>,
        conflicts: Vec<(usize, usize, i64)>,
        sessions: Vec<Sess>,
        links: Vec<Link>,
        weights: Weights,
    ) -> Self {
        let mut day_of = Vec::new();
        let mut day_end = Vec::new();
        let mut day_start = Vec::new();
        for (d, day) in days.iter().enumerate() {
            let start = day_of.len();
            day_start.push(start);
            for _ in &day.slots {
                day_of.push(d);
                day_end.push(start + day.slots.len());
            }
        }
        let mut conflicts_of = vec![Vec::new(); groups.len()];
        for &(a, b, w) in &conflicts {
            if w > 0 {
                conflicts_of[a].push((b, w));
                conflicts_of[b].push((a, w));
            }
        }
        let mut links_of = vec![Vec::new(); sessions.len()];
        for (i, l) in links.iter().enumerate() {
            links_of[l.a].push(i);
            links_of[l.b].push(i);
        }
        Self {
            week,
            timezone,
            venue,
            slot_count: day_of.len(),
            days,
            rooms,
            groups,
            people,
            group_unavailable,
            conflicts,
            conflicts_of,
            sessions,
            links,
            links_of,
            weights,
            day_of,
            day_end,
            day_start,
            include: Vec::new(),
            shared_groups: BTreeSet::new(),
            shared_people: BTreeSet::new(),
        }
    }

    /// Whether a session of `length` slots can start at global slot `t`.
    pub fn fits(&self, t: usize, length: usize) -> bool {
        self.day_end.get(t).is_some_and(|&end| t + length <= end)
    }

    /// Minutes of session time in the `length` slots from `t` (the slots'
    /// own durations; breaks between them do not count).
    pub fn minutes_at(&self, t: usize, length: usize) -> i64 {
        let Some(&d) = self.day_of.get(t) else {
            return 0;
        };
        let k = t - self.day_start.get(d).copied().unwrap_or(0);
        self.days.get(d).map_or(0, |day| {
            day.slots
                .iter()
                .skip(k)
                .take(length)
                .map(TimeRange::minutes)
                .sum()
        })
    }

    /// Whether session `s` is long enough for its `minutes` when it starts at `t`.
    pub fn long_enough(&self, s: usize, t: usize) -> bool {
        self.sessions
            .get(s)
            .is_none_or(|x| x.minutes == 0 || self.minutes_at(t, x.length) >= i64::from(x.minutes))
    }

    /// The time range of a session of `length` slots starting at `t`.
    pub fn time_range(&self, t: usize, length: usize) -> Option<(Date, TimeRange)> {
        let d = *self.day_of.get(t)?;
        let day = self.days.get(d)?;
        let k = t - self.day_start.get(d)?;
        let first = day.slots.get(k)?;
        let last = day.slots.get(k + length.max(1) - 1)?;
        Some((
            day.date,
            TimeRange {
                start: first.start,
                end: last.end,
            },
        ))
    }

    /// `Mon/2` for a global slot.
    pub fn slot_name(&self, t: usize) -> String {
        let Some(&d) = self.day_of.get(t) else {
            return format!("slot {t}");
        };
        let k = t - self.day_start.get(d).copied().unwrap_or(0) + 1;
        let day = self.days.get(d).map_or("?", |x| x.date.weekday_name());
        format!("{}/{k}", day.get(..3).unwrap_or(day))
    }

    /// `SEC S3` or `SEC/ARC/PRO J1`: how reports name a session.
    pub fn session_name(&self, s: usize) -> String {
        let Some(sess) = self.sessions.get(s) else {
            return format!("session {s}");
        };
        let groups: Vec<&str> = sess
            .groups
            .iter()
            .filter_map(|&g| self.groups.get(g).map(|g| g.id.as_str()))
            .collect();
        format!("{} {}", groups.join("/"), sess.id)
    }
}
