//! The week flattened for checking: every session with its instant range,
//! its groups, room and people as small integers, and the contributions it
//! treats.
//!
//! Building the index is linear in the size of the week (hash maps for every
//! name), so the rules can sort and sweep integers instead of comparing
//! strings pair by pair.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::load::source::FileId;
use crate::load::week::{Interval, Week};
use crate::model::status::{SessionKind, Status};
use crate::model::{Contribution, Meeting, Session};

/// Default minutes per contribution when the file says nothing.
pub const DEFAULT_MINUTES_PER_CONTRIBUTION: u32 = 15;
/// Default notice, in hours, for fixing a joint session.
pub const DEFAULT_JOINT_NOTICE_HOURS: u32 = 24;

/// Names turned into dense ids, in order of first appearance.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    /// The names, by id.
    pub names: Vec<String>,
}

impl Interner {
    /// The id of `name`, adding it when new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }

    /// The id of `name`, if known.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// The name of `id`.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("?", String::as_str)
    }
}

/// Why a person must be in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Chairs it.
    Chair,
    /// Takes the minutes.
    Secretary,
    /// Presents a contribution treated in it (index into [`Index::contributions`]).
    Presenter(u32),
    /// Listed in `required`.
    Required,
    /// A key person of one of its groups (`key_people`).
    Key,
}

/// A person who must be in a session, and where the file says so.
#[derive(Debug, Clone)]
pub struct Attendee {
    /// The person's id in [`Index::people`].
    pub person: u32,
    /// Why.
    pub role: Role,
    /// The file that names the person for this role.
    pub file: FileId,
    /// Where.
    pub span: Range<usize>,
}

/// One session, flattened.
#[derive(Debug)]
pub struct Entry<'w> {
    /// Index of its meeting in [`Week::meetings`].
    pub meeting: usize,
    /// The session.
    pub session: &'w Session,
    /// When it takes place (absent when its time could not be placed).
    pub interval: Option<Interval>,
    /// Its groups, as ids in [`Index::groups`].
    pub groups: Vec<u32>,
    /// What it takes of its groups, as ids in [`Index::claims`]: a session
    /// of a parallel track takes that track only; any other session takes
    /// the whole group and so every track of it. Two sessions clash as a
    /// group when they share a claim.
    pub claims: Vec<u32>,
    /// Per group it takes as a parallel track: (group id, the track's claim).
    pub tracks: Vec<(u32, u32)>,
    /// Its room, as an id in [`Index::rooms`].
    pub room: Option<u32>,
    /// People who must be present, one entry per role (a person may appear twice).
    pub people: Vec<Attendee>,
    /// Contributions it treats, in order, as indices into [`Index::contributions`].
    pub contributions: Vec<u32>,
    /// `SEC#10.0/S4`.
    pub label: String,
}

impl Entry<'_> {
    /// Whether the session occupies groups and people (breaks and social events do not).
    pub fn is_work(&self) -> bool {
        !matches!(
            self.session.kind.value,
            SessionKind::Break | SessionKind::Social
        )
    }

    /// Whether every group of the week is expected (plenary, coordination).
    pub fn is_all_groups(&self) -> bool {
        self.session.kind.is_all_groups()
    }

    /// Where the session's time is written (its `time`, `slot` or, failing those, its id).
    pub fn time_span(&self) -> Range<usize> {
        let s = self.session;
        s.time
            .as_ref()
            .map(|t| t.span.clone())
            .or_else(|| s.slot.as_ref().map(|t| t.span.clone()))
            .unwrap_or_else(|| s.id.span.clone())
    }
}

/// A contribution of the week.
#[derive(Debug)]
pub struct Contrib<'w> {
    /// Index of its meeting.
    pub meeting: usize,
    /// The contribution.
    pub contribution: &'w Contribution,
    /// Sessions treating it (indices into [`Index::sessions`]), earliest first.
    pub sessions: Vec<u32>,
}

/// The flattened week.
#[derive(Debug)]
pub struct Index<'w> {
    /// The week.
    pub week: &'w Week,
    /// Every session of every meeting, meeting by meeting.
    pub sessions: Vec<Entry<'w>>,
    /// Every contribution that needs treatment (see `needs_treatment`).
    pub contributions: Vec<Contrib<'w>>,
    /// Group ids.
    pub groups: Interner,
    /// Room ids.
    pub rooms: Interner,
    /// Person ids (canonical names; aliases map to the same id).
    pub people: Interner,
    /// Claim ids: a whole group, or one parallel track of a group.
    pub claims: Interner,
    /// The group of each claim.
    pub claim_group: Vec<u32>,
    /// Per meeting: the agenda items some session lists, by number, as ids into `item_lists`.
    pub item_ids: Vec<HashMap<&'w str, u32>>,
    /// The sessions listing each item, earliest first.
    pub item_lists: Vec<Vec<u32>>,
    /// Contributions by every number of their revision chains.
    pub by_number: HashMap<String, u32>,
}

/// Whether a contribution still needs time in a session. Withdrawn, merged,
/// revised (superseded) and postponed contributions are not presented, so
/// they take no time, need no presenter and may stay unscheduled.
pub fn needs_treatment(c: &Contribution) -> bool {
    !matches!(
        c.status.as_ref().map(|s| s.value),
        Some(Status::Withdrawn | Status::Merged | Status::Revised | Status::Postponed)
    )
}

/// The agenda item above `number` (`7` for `7.1`), by its text.
pub fn parent(number: &str) -> Option<&str> {
    number.rsplit_once('.').map(|(above, _)| above)
}

/// The instant as Unix seconds, for sorting.
pub fn secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

impl<'w> Index<'w> {
    /// Flattens a week.
    #[allow(clippy::too_many_lines)]
    pub fn new(week: &'w Week) -> Self {
        let mut groups = Interner::default();
        let mut rooms = Interner::default();
        let mut people = Interner::default();
        // Aliases resolve to the person's canonical name.
        for m in &week.meetings {
            for p in &m.people {
                let id = people.intern(p.name.as_str());
                for a in &p.aliases {
                    people.ids.entry(a.value.clone()).or_insert(id);
                }
            }
            for g in &m.groups {
                groups.intern(g.id.as_str());
            }
            for r in &m.rooms {
                rooms.intern(r.name.as_str());
            }
        }

        // Key people of each group, from every declaration, where written.
        let mut key_people: HashMap<&str, Vec<(FileId, &crate::model::loc::Loc<String>)>> =
            HashMap::default();
        for (_, _, g) in crate::load::week::declared_groups(&week.meetings) {
            key_people
                .entry(g.id.as_str())
                .or_default()
                .extend(g.key_people.iter().map(|k| (g.file, k)));
        }

        // Claims: each group whole, and each declared track of a group.
        let mut claims = Interner::default();
        let mut claim_group: Vec<u32> = Vec::new();
        let mut track_claims: HashMap<u32, Vec<u32>> = HashMap::default();
        let mut claim = |key: String, group: u32, claims: &mut Interner| {
            let id = claims.intern(&key);
            if id as usize >= claim_group.len() {
                claim_group.push(group);
            }
            id
        };
        let mut track_claim: Vec<HashMap<&str, (u32, u32)>> = Vec::new();
        for (mi, m) in week.meetings.iter().enumerate() {
            let mut mine: HashMap<&str, (u32, u32)> = HashMap::default();
            for t in &m.tracks {
                let g = groups.intern(m.track_group(t));
                let key = format!("{}\u{1f}{mi}\u{1f}{}", m.track_group(t), t.id.as_str());
                let id = claim(key, g, &mut claims);
                let list = track_claims.entry(g).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
                mine.entry(t.id.as_str()).or_insert((g, id));
            }
            track_claim.push(mine);
        }
        let mut sessions = Vec::new();
        let mut first_session = Vec::with_capacity(week.meetings.len());
        for (mi, m) in week.meetings.iter().enumerate() {
            first_session.push(sessions.len());
            for (si, s) in m.sessions.iter().enumerate() {
                let mut entry = Entry {
                    meeting: mi,
                    session: s,
                    interval: week.times.get(mi).and_then(|t| t.get(&si)).copied(),
                    groups: m
                        .session_groups(s)
                        .into_iter()
                        .map(|g| groups.intern(g))
                        .collect(),
                    claims: Vec::new(),
                    tracks: Vec::new(),
                    room: s.room.as_ref().map(|r| rooms.intern(r.as_str())),
                    people: Vec::new(),
                    contributions: Vec::new(),
                    label: format!("{}/{}", m.header.id.as_str(), s.id.as_str()),
                };
                entry.groups.sort_unstable();
                entry.groups.dedup();
                let own_track = s
                    .track
                    .as_ref()
                    .and_then(|t| track_claim[mi].get(t.as_str()).copied())
                    .filter(|(g, _)| entry.groups.contains(g));
                for &g in &entry.groups {
                    match own_track {
                        Some((tg, c)) if tg == g => {
                            entry.claims.push(c);
                            entry.tracks.push((g, c));
                        }
                        _ => {
                            let whole = claim(groups.name(g).to_string(), g, &mut claims);
                            entry.claims.push(whole);
                            if let Some(list) = track_claims.get(&g) {
                                entry.claims.extend(list.iter().copied());
                            }
                        }
                    }
                }
                let chair = m.session_chair(s);
                let mut add = |name: &crate::model::loc::Loc<String>, role| {
                    if let Some(person) = people.get(name.as_str()) {
                        entry.people.push(Attendee {
                            person,
                            role,
                            file: m.file,
                            span: name.span.clone(),
                        });
                    }
                };
                add(chair, Role::Chair);
                for (r, secretary) in m.session_required(s) {
                    add(
                        r,
                        if secretary {
                            Role::Secretary
                        } else {
                            Role::Required
                        },
                    );
                }
                // Key people, like the secretary, are needed by the whole
                // group, not in each of its parallel tracks.
                if s.kind.value != SessionKind::Plenary
                    && s.kind.value != SessionKind::Coordination
                    && s.track.is_none()
                {
                    for g in m.session_groups(s) {
                        for (file, k) in key_people.get(g).map_or(&[][..], Vec::as_slice) {
                            if let Some(person) = people.get(k.as_str()) {
                                entry.people.push(Attendee {
                                    person,
                                    role: Role::Key,
                                    file: *file,
                                    span: k.span.clone(),
                                });
                            }
                        }
                    }
                }
                sessions.push(entry);
            }
        }

        // Contributions by every number of their revision chains, week-wide.
        let mut contributions = Vec::new();
        let mut by_number: HashMap<String, u32> = HashMap::default();
        for (mi, m) in week.meetings.iter().enumerate() {
            for c in &m.contributions {
                if !needs_treatment(c) {
                    continue;
                }
                let id = u32::try_from(contributions.len()).unwrap_or(u32::MAX);
                by_number.entry(c.number.as_str().to_string()).or_insert(id);
                for r in &c.revisions {
                    if let Ok(n) = c.number.resolve_revision(r.as_str()) {
                        by_number.entry(n.as_str().to_string()).or_insert(id);
                    }
                }
                contributions.push(Contrib {
                    meeting: mi,
                    contribution: c,
                    sessions: Vec::new(),
                });
            }
        }

        // Items treated, per meeting, sessions in time order.
        let order = |sessions: &[Entry], ids: &mut Vec<u32>| {
            ids.sort_by_key(|&i| {
                let e = &sessions[i as usize];
                (e.interval.map(|t| t.start), i)
            });
            ids.dedup();
        };
        let mut item_ids: Vec<HashMap<&str, u32>> = Vec::with_capacity(week.meetings.len());
        let mut item_lists: Vec<Vec<u32>> = Vec::new();
        for (mi, m) in week.meetings.iter().enumerate() {
            let mut map: HashMap<&str, u32> = HashMap::default();
            for (si, s) in m.sessions.iter().enumerate() {
                let id = u32::try_from(first_session[mi] + si).unwrap_or(u32::MAX);
                for n in &s.items {
                    let item = *map.entry(n.as_str()).or_insert_with(|| {
                        item_lists.push(Vec::new());
                        u32::try_from(item_lists.len() - 1).unwrap_or(u32::MAX)
                    });
                    item_lists[item as usize].push(id);
                }
            }
            item_ids.push(map);
        }
        for ids in &mut item_lists {
            order(&sessions, ids);
        }

        // 1. Contributions listed by a session, in the session's order.
        let mut explicit: HashSet<u32> = HashSet::default();
        for (i, e) in sessions.iter_mut().enumerate() {
            let sid = u32::try_from(i).unwrap_or(u32::MAX);
            for n in &e.session.contributions {
                if let Some(&c) = by_number.get(n.as_str()) {
                    e.contributions.push(c);
                    contributions[c as usize].sessions.push(sid);
                    explicit.insert(c);
                }
            }
        }
        // 2. Contributions pinned with `session`.
        for (ci, c) in contributions.iter_mut().enumerate() {
            let cid = u32::try_from(ci).unwrap_or(u32::MAX);
            let Some(pin) = &c.contribution.session else {
                continue;
            };
            let m: &Meeting = &week.meetings[c.meeting];
            if let Some(si) = m.find_session(pin.as_str()) {
                let sid = first_session[c.meeting] + si;
                if !sessions[sid].contributions.contains(&cid) {
                    sessions[sid].contributions.push(cid);
                    c.sessions.push(u32::try_from(sid).unwrap_or(u32::MAX));
                }
                explicit.insert(cid);
            }
        }
        // 3. The rest go to the sessions treating their item (or its nearest
        //    treated ancestor), spread in order: n contributions over k
        //    sessions, contribution j to session j*k/n.
        let mut pending: Vec<Vec<u32>> = vec![Vec::new(); item_lists.len()];
        for (ci, c) in contributions.iter().enumerate() {
            let cid = u32::try_from(ci).unwrap_or(u32::MAX);
            if explicit.contains(&cid) {
                continue;
            }
            let map = &item_ids[c.meeting];
            let mut item = Some(c.contribution.item.as_str());
            while let Some(n) = item {
                if let Some(&id) = map.get(n) {
                    pending[id as usize].push(cid);
                    break;
                }
                item = parent(n);
            }
        }
        // Per session: (item, contribution) spread to it.
        let mut spread: Vec<Vec<(u32, u32)>> = vec![Vec::new(); sessions.len()];
        for (item, cids) in pending.iter().enumerate() {
            let targets = &item_lists[item];
            let (n, k) = (cids.len(), targets.len());
            let item = u32::try_from(item).unwrap_or(u32::MAX);
            for (j, &cid) in cids.iter().enumerate() {
                let Some(&sid) = targets.get(j * k / n.max(1)) else {
                    continue;
                };
                contributions[cid as usize].sessions.push(sid);
                spread[sid as usize].push((item, cid));
            }
        }
        // A session takes its spread contributions in the order of its items.
        for (e, mine) in sessions.iter_mut().zip(&spread) {
            for n in &e.session.items {
                let Some(&item) = item_ids[e.meeting].get(n.as_str()) else {
                    continue;
                };
                e.contributions
                    .extend(mine.iter().filter(|x| x.0 == item).map(|x| x.1));
            }
        }
        // Presenters of the contributions a session treats must be there.
        for e in &mut sessions {
            for &cid in &e.contributions {
                let c = &contributions[cid as usize];
                if let Some(p) = &c.contribution.presenter {
                    if let Some(person) = people.get(p.as_str()) {
                        e.people.push(Attendee {
                            person,
                            role: Role::Presenter(cid),
                            file: week.meetings[c.meeting].file,
                            span: p.span.clone(),
                        });
                    }
                }
            }
        }
        for c in &mut contributions {
            order(&sessions, &mut c.sessions);
        }
        Index {
            week,
            sessions,
            contributions,
            groups,
            rooms,
            people,
            claims,
            claim_group,
            item_ids,
            item_lists,
            by_number,
        }
    }

    /// The sessions of meeting `meeting` that list agenda item `number`, earliest first.
    pub fn sessions_treating(&self, meeting: usize, number: &str) -> &[u32] {
        self.item_ids
            .get(meeting)
            .and_then(|m| m.get(number))
            .and_then(|&i| self.item_lists.get(i as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The meeting of a session.
    pub fn meeting(&self, session: u32) -> &'w Meeting {
        let w: &'w Week = self.week;
        &w.meetings[self.sessions[session as usize].meeting]
    }

    /// The meeting's time zone.
    pub fn zone(&self, meeting: usize) -> Tz {
        self.week
            .meetings
            .get(meeting)
            .map_or(Tz::UTC, |m| m.header.timezone.value.0)
    }

    /// "Tuesday 09:00-10:15" in the session's meeting zone.
    pub fn when(&self, session: u32) -> String {
        let e = &self.sessions[session as usize];
        let Some(t) = e.interval else {
            return "(no time)".into();
        };
        let tz = self.zone(e.meeting);
        let (a, b) = (t.start.with_timezone(&tz), t.end.with_timezone(&tz));
        format!(
            "{} {}-{}",
            a.format("%A"),
            a.format("%H:%M"),
            b.format("%H:%M")
        )
    }

    /// The session's groups joined with `/` ("SEC/PRO").
    pub fn group_names(&self, session: u32) -> String {
        self.sessions[session as usize]
            .groups
            .iter()
            .map(|&g| self.groups.name(g))
            .collect::<Vec<_>>()
            .join("/")
    }
}
