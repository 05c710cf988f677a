//! `agendum ics`: the week's sessions as an iCalendar feed or invitation.
//!
//! This module decides what goes into the calendar: which sessions (the
//! filters), what each event says (summary, place, agenda, people), which
//! UID and SEQUENCE it carries, and where the bytes go. [`crate::export::ics::write`] turns
//! the result into text; [`crate::export::ics::diff`] compares with the calendar sent
//! last time.

pub mod diff;
pub(crate) mod vtimezone;
pub mod write;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, TimeZone, Timelike, Utc};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::error::Error;
use crate::load::fields::plain_email;
use crate::load::week::{Interval, Week};
use crate::model::clock::{TimeRange, Zone};
use crate::model::status::{MeetingStatus, SessionKind};
use crate::model::{Contribution, Meeting, Session};
use write::{Address, Calendar, Event, Method, Role, Status, When};

/// Which sessions a calendar is asked for, as the user wrote them: the
/// filters before they are checked against the week ([`Filter::resolve`]).
#[derive(Debug, Clone, Default)]
pub struct FilterSpec {
    /// Group ids (`--group`).
    pub groups: Vec<String>,
    /// A person's name or alias (`--person`).
    pub person: Option<String>,
    /// Session ids or `MEETING/ID` (`--session`).
    pub sessions: Vec<String>,
    /// Session kinds as written (`--kind`).
    pub kinds: Vec<String>,
}

/// Every session kind, for `--kind`.
const KINDS: [SessionKind; 8] = [
    SessionKind::BreakOut,
    SessionKind::Joint,
    SessionKind::Plenary,
    SessionKind::Coordination,
    SessionKind::Call,
    SessionKind::AdHoc,
    SessionKind::Social,
    SessionKind::Break,
];

/// Which sessions go into the calendar: each list that is not empty must match.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Group ids.
    pub groups: Vec<String>,
    /// A person's canonical name.
    pub person: Option<String>,
    /// Session ids, or `MEETING/ID`.
    pub sessions: Vec<String>,
    /// Session kinds.
    pub kinds: Vec<SessionKind>,
}

impl Filter {
    /// Checks the filter values against the week: an unknown group, person,
    /// session or kind is an error with a suggestion, not an empty calendar.
    pub fn resolve(args: &FilterSpec, week: &Week) -> Result<Filter, Error> {
        let groups: Vec<&str> = week
            .meetings
            .iter()
            .flat_map(|m| m.groups.iter().map(|g| g.id.as_str()))
            .collect();
        for g in &args.groups {
            if !groups.contains(&g.as_str()) {
                return Err(unknown("group", g, &groups));
            }
        }
        let person = match &args.person {
            None => None,
            Some(name) => {
                let Some(p) = week.person(name) else {
                    let names: Vec<&str> = week
                        .meetings
                        .iter()
                        .flat_map(|m| m.people.iter())
                        .flat_map(|p| {
                            std::iter::once(p.name.as_str())
                                .chain(p.aliases.iter().map(|a| a.as_str()))
                        })
                        .collect();
                    return Err(unknown("person", name, &names));
                };
                Some(p.name.value.clone())
            }
        };
        // Every way a session can be named, built only when sessions are asked for.
        let ids: Vec<String> = if args.sessions.is_empty() {
            Vec::new()
        } else {
            week.meetings
                .iter()
                .flat_map(|m| {
                    m.sessions.iter().flat_map(move |s| {
                        [
                            s.id.value.clone(),
                            format!("{}/{}", m.header.id.as_str(), s.id.as_str()),
                        ]
                    })
                })
                .collect()
        };
        for s in &args.sessions {
            if !ids.contains(s) {
                return Err(unknown(
                    "session",
                    s,
                    &ids.iter().map(String::as_str).collect::<Vec<_>>(),
                ));
            }
        }
        let mut kinds = Vec::new();
        for k in &args.kinds {
            match KINDS.iter().find(|x| x.as_str() == k.as_str()) {
                Some(x) => kinds.push(*x),
                None => return Err(unknown("session kind", k, &KINDS.map(SessionKind::as_str))),
            }
        }
        Ok(Filter {
            groups: args.groups.clone(),
            person,
            sessions: args.sessions.clone(),
            kinds,
        })
    }

    /// Whether the session goes into the calendar.
    fn keeps(&self, week: &Week, meeting: &Meeting, session: &Session, treated: &Treated) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&session.kind.value) {
            return false;
        }
        if !self.sessions.is_empty() {
            let long = format!("{}/{}", meeting.header.id.as_str(), session.id.as_str());
            if !self
                .sessions
                .iter()
                .any(|s| *s == session.id.value || *s == long)
            {
                return false;
            }
        }
        if !self.groups.is_empty()
            && !session.kind.is_all_groups()
            && !meeting
                .session_groups(session)
                .iter()
                .any(|g| self.groups.iter().any(|x| x == g))
        {
            return false;
        }
        if let Some(p) = &self.person {
            if !people_of(week, meeting, session, treated)
                .iter()
                .any(|(name, _)| name == p)
            {
                return false;
            }
        }
        true
    }
}

fn unknown(kind: &str, value: &str, candidates: &[&str]) -> Error {
    let hint = if let Some(s) = did_you_mean(value, candidates.iter().copied()) {
        format!("did you mean `{s}`?")
    } else {
        let mut v: Vec<&str> = candidates.to_vec();
        v.sort_unstable();
        v.dedup();
        format!("the week has: {}", v.join(", "))
    };
    Error::Unknown(format!("no {kind} `{value}` in the week; {hint}"))
}

/// How the calendar is made, besides the filter.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// PUBLISH (one feed) or REQUEST (one invitation per session). `None`:
    /// the method of the calendar sent last time (`previous`), else PUBLISH.
    pub method: Option<Method>,
    /// Every time in UTC.
    pub utc: bool,
    /// DTSTAMP.
    pub stamp: DateTime<Utc>,
}

/// The stable UID of a session: `SEC-10.0-S1@sec.onem2m.example`. Derived
/// from the meeting id, the session id and `meeting.calendar_domain`, never
/// random, so importing a new version updates the event instead of adding one.
pub fn uid(meeting: &Meeting, session: &Session) -> String {
    // Built in one buffer: this runs once per session.
    // Every character becomes one ASCII byte: itself when kept, `-` otherwise.
    fn push_clean(out: &mut Vec<u8>, s: &str, keep: &[u8]) {
        out.extend(s.chars().map(|c| match u8::try_from(c) {
            Ok(b) if b.is_ascii_alphanumeric() || keep.contains(&b) => b,
            _ => b'-',
        }));
    }
    let id = meeting.header.id.as_str();
    let domain = meeting
        .header
        .calendar_domain
        .as_deref()
        .map_or("", str::trim);
    let mut out = Vec::with_capacity(id.len() + session.id.len() + domain.len() + 18);
    push_clean(&mut out, id, b".-_");
    out.push(b'-');
    push_clean(&mut out, session.id.as_str(), b".-_");
    out.push(b'@');
    if domain.is_empty() {
        out.extend_from_slice(b"agendum.invalid");
    } else {
        push_clean(&mut out, domain, b".-");
    }
    // Only ASCII bytes were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// People who must be at a session, canonical name and role: the chair, the
/// secretary (not in a parallel track's session), the required people, the
/// key people of its groups and the presenters of its contributions.
fn people_of(
    week: &Week,
    meeting: &Meeting,
    session: &Session,
    treated: &Treated,
) -> Vec<(String, Role)> {
    let mut out: Vec<(String, Role)> = Vec::new();
    let mut add = |name: &str, role: Role| {
        let canonical = week
            .person(name)
            .map_or_else(|| name.to_string(), |p| p.name.value.clone());
        if !out.iter().any(|(n, _)| *n == canonical) {
            out.push((canonical, role));
        }
    };
    add(chair_of(meeting, session), Role::Chair);
    for (r, _) in meeting.session_required(session) {
        add(r.as_str(), Role::Required);
    }
    // The key people of its groups, as its meeting file and the files it
    // includes declare them (docs/conflicts.md, who must be present).
    if !session.kind.is_all_groups() && session.track.is_none() {
        let groups = meeting.session_groups(session);
        for decl in meeting
            .groups
            .iter()
            .filter(|d| groups.contains(&d.id.as_str()))
        {
            for k in &decl.key_people {
                add(k.as_str(), Role::Required);
            }
        }
    }
    for (_, contributions) in treated {
        for c in contributions {
            if let Some(p) = &c.presenter {
                add(p.as_str(), Role::Required);
            }
        }
    }
    out
}

fn chair_of<'a>(meeting: &'a Meeting, session: &'a Session) -> &'a str {
    meeting.session_chair(session).as_str()
}

/// Contributions of one meeting indexed once, so that finding what each
/// session treats does not rescan every contribution (a 3GPP meeting has
/// thousands) for every session.
struct Index<'a> {
    /// The meeting indexed.
    meeting: &'a Meeting,
    /// Agenda item -> its contributions not pinned to a session, with their position.
    by_item: HashMap<&'a str, Vec<(usize, &'a Contribution)>>,
    /// Session index -> contributions pinned to it.
    pinned: HashMap<usize, Vec<(usize, &'a Contribution)>>,
    /// Contribution number (every revision of the chain) -> contribution.
    by_number: HashMap<String, (usize, &'a Contribution)>,
    /// The meeting's agenda document (the first contribution of kind `agenda`).
    agenda_doc: Option<&'a Contribution>,
    /// Agenda item number -> its title (the first item with that number).
    titles: HashMap<&'a str, &'a str>,
}

impl<'a> Index<'a> {
    fn new(meeting: &'a Meeting) -> Self {
        let mut index = Index {
            meeting,
            by_item: HashMap::default(),
            pinned: HashMap::default(),
            by_number: HashMap::default(),
            agenda_doc: meeting.contributions.iter().find(|c| {
                c.kind
                    .as_deref()
                    .is_some_and(|k| k.eq_ignore_ascii_case("agenda"))
            }),
            titles: HashMap::with_capacity_and_hasher(
                meeting.agenda.len(),
                rustc_hash::FxBuildHasher,
            ),
        };
        for a in &meeting.agenda {
            index
                .titles
                .entry(a.number.as_str())
                .or_insert(a.title.as_str());
        }
        for (ci, c) in meeting.contributions.iter().enumerate() {
            match &c.session {
                None => index
                    .by_item
                    .entry(c.item.as_str())
                    .or_default()
                    .push((ci, c)),
                Some(s) => {
                    if let Some(si) = meeting.find_session(s.as_str()) {
                        index.pinned.entry(si).or_default().push((ci, c));
                    }
                }
            }
            index
                .by_number
                .entry(c.number.as_str().to_string())
                .or_insert((ci, c));
            for r in &c.revisions {
                if let Ok(n) = c.number.resolve_revision(r.as_str()) {
                    index
                        .by_number
                        .entry(n.as_str().to_string())
                        .or_insert((ci, c));
                }
            }
        }
        index
    }
}

/// What a session treats: agenda items in order, each with its contributions.
type Treated<'a> = Vec<(String, Vec<&'a Contribution>)>;

/// The agenda items a session treats, each with its contributions: the
/// session's own list when it fixes one, otherwise every contribution of the
/// item that is not pinned to another session; contributions pinned to this
/// session come too.
fn treated<'a>(index: &Index<'a>, session: &Session, si: usize) -> Treated<'a> {
    let pinned = index.pinned.get(&si).into_iter().flatten().copied();
    let mut chosen: Vec<(usize, &Contribution)> = if session.contributions.is_empty() {
        let mut v: Vec<(usize, &Contribution)> = session
            .items
            .iter()
            .flat_map(|i| index.by_item.get(i.as_str()).into_iter().flatten().copied())
            .chain(pinned)
            .collect();
        // File order within an item, as the agenda lists them.
        v.sort_by_key(|(ci, _)| *ci);
        v
    } else {
        session
            .contributions
            .iter()
            .filter_map(|n| index.by_number.get(n.as_str()).copied())
            .chain(pinned)
            .collect()
    };
    chosen.dedup_by_key(|(ci, _)| *ci);
    let mut items: Vec<String> = session
        .items
        .iter()
        .map(|i| i.as_str().to_string())
        .collect();
    for (_, c) in &chosen {
        if !items.iter().any(|i| i == c.item.as_str()) {
            items.push(c.item.as_str().to_string());
        }
    }
    let mut seen = HashSet::default();
    items
        .into_iter()
        .map(|item| {
            let list: Vec<&Contribution> = chosen
                .iter()
                .map(|(_, c)| *c)
                .filter(|c| c.item.as_str() == item && seen.insert(c.number.as_str()))
                .collect();
            (item, list)
        })
        .collect()
}

/// `https://host/{number}.zip` with the number percent-encoded; characters a
/// URI may not hold are percent-encoded in the rest of the template too.
pub fn document_url(template: &str, number: &str) -> Option<String> {
    if !(template.starts_with("https://") || template.starts_with("http://")) {
        return None;
    }
    let mut out = String::with_capacity(template.len() + number.len());
    let mut rest = template;
    while let Some(i) = rest.find("{number}") {
        encode(&rest[..i], &mut out, false);
        encode(number, &mut out, true);
        rest = &rest[i + "{number}".len()..];
    }
    encode(rest, &mut out, false);
    Some(out)
}

/// Percent-encodes: everything but unreserved characters when `strict`,
/// otherwise only what no URI may hold (spaces, controls, non-ASCII, and
/// the characters `"`, `<`, `>`, `\`, `^`, backtick, `{`, `|`, `}`).
fn encode(text: &str, out: &mut String, strict: bool) {
    for b in text.bytes() {
        let keep = if strict {
            b.is_ascii_alphanumeric() || b"-._~".contains(&b)
        } else {
            b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b)
        };
        if keep {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// The calendar name: the meeting ids, and the filters that made it.
pub fn calendar_name(week: &Week, args: &FilterSpec) -> String {
    let mut name = week
        .meetings
        .iter()
        .map(|m| m.header.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut parts = Vec::new();
    if !args.groups.is_empty() {
        parts.push(args.groups.join(", "));
    }
    if let Some(p) = &args.person {
        parts.push(p.clone());
    }
    if !args.sessions.is_empty() {
        parts.push(args.sessions.join(", "));
    }
    if !args.kinds.is_empty() {
        parts.push(args.kinds.join(", "));
    }
    if !parts.is_empty() {
        let _ = write!(name, " ({})", parts.join("; "));
    }
    name
}

/// Below this many sessions, one thread makes every event.
const SESSIONS_PER_THREAD: usize = 2000;

/// Builds the calendar of the filtered sessions. Returns the problems that
/// stop it (an invitation without the chair's address, two sessions with one
/// UID) and notes for the user (addresses left out).
pub fn build(
    week: &Week,
    filter: &Filter,
    options: Options,
    name: String,
) -> (Calendar, Vec<Diagnostic>) {
    let indexes: Vec<Index> = week.meetings.iter().map(Index::new).collect();
    let sessions: Vec<_> = week.sessions().collect();
    let method = options.method.unwrap_or(Method::Publish);
    // The events of a share of the sessions, with where each session is and
    // the problems found.
    let make = |share: &[(usize, usize, &Session, Option<Interval>)]| {
        let mut problems = Vec::new();
        let mut events = Vec::with_capacity(share.len());
        let mut places = Vec::with_capacity(share.len());
        for &(m, si, session, interval) in share {
            let (Some(meeting), Some(index)) = (week.meetings.get(m), indexes.get(m)) else {
                continue;
            };
            let Some(interval) = interval else { continue };
            let treated = treated(index, session, si);
            if !filter.keeps(week, meeting, session, &treated) {
                continue;
            }
            let e = event(
                week,
                index,
                session,
                interval,
                &treated,
                (method, options.utc),
                &mut problems,
            );
            places.push((meeting.file, session.id.span.clone()));
            events.push(e);
        }
        (events, places, problems)
    };
    // Sessions are independent: a large week's are made a share per core,
    // and the shares joined in file order (the same calendar, whatever the cores).
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let shares: Vec<_> = if sessions.len() <= SESSIONS_PER_THREAD || cores == 1 {
        vec![make(&sessions)]
    } else {
        let size = sessions.len().div_ceil(cores).max(SESSIONS_PER_THREAD);
        std::thread::scope(|scope| {
            let handles: Vec<_> = sessions
                .chunks(size)
                .map(|share| scope.spawn(|| make(share)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    let mut problems = Vec::new();
    let mut events = Vec::with_capacity(sessions.len());
    let mut places = Vec::with_capacity(sessions.len());
    for (e, p, found) in shares {
        events.extend(e);
        places.extend(p);
        for d in found {
            merge_problem(&mut problems, d);
        }
    }
    // Two sessions with one UID would make a client drop one of them.
    // Each session whose UID an earlier session already has is reported, in file order.
    let mut seen: HashSet<&str> =
        HashSet::with_capacity_and_hasher(events.len(), rustc_hash::FxBuildHasher);
    for (e, (file, span)) in events.iter().zip(&places) {
        if !seen.insert(e.uid.as_str()) {
            problems.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("two sessions get the calendar UID `{}`", e.uid),
                )
                .at(*file, span.clone(), "this session")
                .field("sessions[].id")
                .help("UIDs keep letters, digits, `.`, `-` and `_` of the meeting and session ids; make the ids differ in those"),
            );
        }
    }
    // Time order, as a delegate reads the week; sessions at the same time
    // keep the order of the files.
    events.sort_by_key(|e| e.interval);
    let calendar = Calendar {
        method: options.method.unwrap_or(Method::Publish),
        name,
        stamp: options.stamp,
        events,
        span: None,
    };
    (calendar, problems)
}

fn event(
    week: &Week,
    index: &Index,
    session: &Session,
    interval: Interval,
    treated: &Treated,
    (method, utc): (Method, bool),
    problems: &mut Vec<Diagnostic>,
) -> Event {
    let meeting = index.meeting;
    let h = &meeting.header;
    let zone = session
        .timezone
        .as_ref()
        .map_or(h.timezone.value, |z| z.value)
        .0;
    // A wall-clock time that occurs twice (the autumn fold) is written in
    // UTC: RFC 5545 means the first occurrence, but clients disagree (ical.js
    // takes the second), and UTC leaves them nothing to decide.
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).naive_local();
    let repeated = |t: DateTime<Utc>| {
        matches!(
            zone.from_local_datetime(&local(t)),
            chrono::LocalResult::Ambiguous(..)
        )
    };
    let in_utc =
        utc || vtimezone::is_utc(zone) || repeated(interval.start) || repeated(interval.end);
    let when = |t: DateTime<Utc>| {
        if in_utc {
            When::Utc(t)
        } else {
            When::Zoned(zone, local(t))
        }
    };
    let groups = meeting.session_groups(session);
    let kind = session.kind.value;

    let summary = summary(meeting, session, &groups);

    let mut place: Vec<&str> = session.room.iter().map(|r| r.as_str()).collect();
    if kind != SessionKind::Call {
        place.extend(h.venue.as_deref());
    }
    let location = (!place.is_empty()).then(|| place.join(", "));

    let url_of = |number: &str| {
        h.document_url
            .as_ref()
            .and_then(|t| document_url(t.as_str(), number))
    };
    let url = index
        .agenda_doc
        .or_else(|| treated.iter().flat_map(|(_, cs)| cs.iter().copied()).next())
        .and_then(|c| url_of(c.number.as_str()));

    let description = describe(week, index, session, treated, &groups, &url_of);

    let mut categories = Vec::with_capacity(groups.len() + 1);
    categories.extend(groups.iter().map(|g| (*g).to_string()));
    categories.push(kind.as_str().to_string());

    let (organizer, attendees, missing) =
        addresses(week, meeting, session, treated, method, problems);

    Event {
        uid: uid(meeting, session),
        sequence: 0,
        summary,
        location,
        description: Some(description),
        categories,
        status: match h.status {
            MeetingStatus::Tentative => Status::Tentative,
            MeetingStatus::Confirmed => Status::Confirmed,
        },
        start: when(interval.start),
        end: when(interval.end),
        interval: (interval.start, interval.end),
        url,
        organizer,
        attendees,
        missing,
    }
}

/// The SUMMARY, in the chair's words: the meeting id and the session's
/// title as the file gives it ("SEC#10.0 Super Session S2"). A session
/// without a title is named by what it is ("SEC#24 Session S1", "SEC#24
/// SEC/ARC/PRO joint session"); a joint session's summary names all its
/// groups. The kind is not repeated: it is in CATEGORIES.
fn summary(meeting: &Meeting, session: &Session, groups: &[&str]) -> String {
    let id = meeting.header.id.as_str();
    let kind = session.kind.value;
    let title = match session
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t)
            if kind == SessionKind::Joint
                && groups.iter().any(|g| {
                    !t.split(|c: char| !c.is_alphanumeric())
                        .any(|word| word == *g)
                }) =>
        {
            format!("{t} ({})", groups.join("/"))
        }
        Some(t) => t.to_string(),
        None => match kind {
            SessionKind::Joint => format!("{} joint session", groups.join("/")),
            SessionKind::BreakOut => format!("Session {}", session.id.as_str()),
            other => format!("{} {}", other.label(), session.id.as_str()),
        },
    };
    if title.starts_with(id) {
        title
    } else {
        format!("{id} {title}")
    }
}

/// The name of a session's invitation file: the UID before the `@`
/// (`SEC-10.0-S1`), which is unique in the calendar and stable.
pub fn file_stem(uid: &str) -> &str {
    uid.split('@').next().unwrap_or(uid)
}

/// Domains that name no one: RFC 2606 and RFC 6761 reserve them for
/// examples and tests, and agendum uses `agendum.invalid` when a file sets none.
fn placeholder_domain(domain: Option<&str>) -> bool {
    let Some(d) = domain.map(|d| d.trim().trim_end_matches('.').to_ascii_lowercase()) else {
        return true;
    };
    let reserved = ["example", "invalid", "test", "localhost"];
    let examples = ["example.com", "example.org", "example.net"];
    d.is_empty()
        || reserved
            .iter()
            .any(|r| d == *r || d.ends_with(&format!(".{r}")))
        || examples
            .iter()
            .any(|e| d == *e || d.ends_with(&format!(".{e}")))
}

/// A warning for each meeting of the calendar whose UIDs end in a
/// placeholder domain: another meeting with the same id, anywhere, would
/// make the same UIDs, and a client would merge their sessions.
fn domain_warnings(week: &Week, calendar: &Calendar) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in &week.meetings {
        let used = m.sessions.iter().any(|s| {
            let u = uid(m, s);
            calendar.events.iter().any(|e| e.uid == u)
        });
        if !used || !placeholder_domain(m.header.calendar_domain.as_deref()) {
            continue;
        }
        let what = match m.header.calendar_domain.as_deref() {
            None => "sets no calendar_domain, so its UIDs end in @agendum.invalid".to_string(),
            Some(d) => format!("leaves calendar_domain at the placeholder `{}`", d.trim()),
        };
        out.push(
            Diagnostic::warning(
                "placeholder-domain",
                format!(
                    "meeting {} {what}: another meeting with the same id would share its calendar UIDs, and clients would mix their sessions",
                    m.header.id.as_str()
                ),
            )
            .at(m.file, m.header.id.span.clone(), "this meeting")
            .field("meeting.calendar_domain")
            .help("set calendar_domain = \"<your group's own domain>\" in [meeting], e.g. \"sec.onem2m.org\""),
        );
    }
    out
}

/// The organizer (the chair) and the attendees: everyone who must be there
/// and the mailing lists of the groups taking part (every group of the week
/// for plenary and coordination sessions). Addresses that are missing or not
/// plain are left out (and named in the third list); an event without the
/// chair's is a problem.
fn addresses(
    week: &Week,
    meeting: &Meeting,
    session: &Session,
    treated: &Treated,
    method: Method,
    problems: &mut Vec<Diagnostic>,
) -> (Option<Address>, Vec<Address>, Vec<String>) {
    if method == Method::Publish {
        // A feed names the organizer only, and every published event must
        // (RFC 5546 3.2.1: PUBLISH has exactly one ORGANIZER).
        let chair = chair_of(meeting, session);
        let organizer = week.person(chair).and_then(|p| {
            let email = p.email.as_ref()?.trim();
            plain_email(email).then(|| Address {
                name: Some(p.name.value.clone()),
                email: email.to_string(),
                role: Role::Chair,
                group: false,
            })
        });
        if organizer.is_none() {
            let name = week.person(chair).map_or(chair, |p| p.name.as_str());
            merge_problem(problems, no_address(week, meeting, session, name, method));
        }
        return (organizer, Vec::new(), Vec::new());
    }
    let people = people_of(week, meeting, session, treated);
    let kind = session.kind.value;
    let groups = meeting.session_groups(session);
    let mut organizer = None;
    let mut attendees: Vec<Address> = Vec::new();
    let mut missing = Vec::new();
    for (name, role) in &people {
        let email = week
            .person(name)
            .and_then(|p| p.email.as_ref().map(|e| e.as_str()))
            .map(str::trim);
        let Some(email) = email.filter(|e| plain_email(e)) else {
            if *role == Role::Chair {
                // One message per chair, naming every session it concerns.
                merge_problem(problems, no_address(week, meeting, session, name, method));
            } else {
                missing.push(name.clone());
            }
            continue;
        };
        let a = Address {
            name: Some(name.clone()),
            email: email.to_string(),
            role: *role,
            group: false,
        };
        if *role == Role::Chair && organizer.is_none() {
            organizer = Some(a.clone());
        }
        attendees.push(a);
    }
    let group_ids: Vec<&str> = if kind.is_all_groups() {
        week.meetings
            .iter()
            .flat_map(|m| m.groups.iter().map(|g| g.id.as_str()))
            .collect()
    } else {
        groups
    };
    for g in group_ids {
        if let Some(email) = week
            .group(g)
            .and_then(|x| x.email.as_ref().map(|e| e.as_str()))
            .map(str::trim)
            .filter(|e| plain_email(e))
        {
            if !attendees
                .iter()
                .any(|a| a.email.eq_ignore_ascii_case(email))
            {
                attendees.push(Address {
                    name: Some(
                        week.group(g)
                            .and_then(|x| x.name.clone())
                            .unwrap_or_else(|| g.to_string()),
                    ),
                    email: email.to_string(),
                    role: Role::Required,
                    group: true,
                });
            }
        }
    }

    (organizer, attendees, missing)
}

/// Adds `d` to `problems`, or adds its sessions to an earlier problem with the same message.
fn merge_problem(problems: &mut Vec<Diagnostic>, d: Diagnostic) {
    if let Some(first) = problems.iter_mut().find(|p| p.message == d.message) {
        first.sessions.extend(d.sessions);
    } else {
        problems.push(d);
    }
}

fn no_address(
    week: &Week,
    meeting: &Meeting,
    session: &Session,
    name: &str,
    method: Method,
) -> Diagnostic {
    let what = if method == Method::Publish {
        "every event of a published calendar names its organizer (RFC 5546), the chair, by e-mail address"
    } else {
        "an invitation needs the chair's e-mail address"
    };
    let d = Diagnostic::error(
        "missing-field",
        format!("{what}, and {name} has none (or not a plain one)"),
    )
    .session(format!("{}/{}", meeting.header.id.as_str(), session.id.as_str()))
    .help("add email = \"name@example.org\" to this person in [[people]], or give the session a chair who has one");
    // Where the person is declared: the meeting file or a file it includes.
    let person = week
        .meetings
        .iter()
        .flat_map(|m| m.people.iter())
        .find(|p| p.name.as_str() == name)
        .map(|p| (p.file, p.name.span.clone()));
    match person {
        Some((file, span)) => d.at(file, span, "this person").field("people[].email"),
        None => d,
    }
}

/// The DESCRIPTION: the meeting, the time as the file gives it, groups,
/// chair, the session's notes, then each agenda item with its contributions.
fn describe(
    week: &Week,
    index: &Index,
    session: &Session,
    treated: &[(String, Vec<&Contribution>)],
    groups: &[&str],
    url_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    // Written with pushes rather than `write!`: this runs once per session.
    let meeting = index.meeting;
    let h = &meeting.header;
    let mut d = String::with_capacity(256);
    d.push_str(&h.title);
    if let Some(v) = &h.venue {
        d.push_str(", ");
        d.push_str(v);
    }
    d.push('\n');
    if h.status == MeetingStatus::Tentative {
        d.push_str("Tentative");
        if let Some(n) = &h.status_note {
            d.push_str(" (");
            d.push_str(n);
            d.push(')');
        }
        d.push('\n');
    }
    let zone = session
        .timezone
        .as_ref()
        .map_or(h.timezone.value, |z| z.value);
    if let Some(t) = meeting.session_time(session) {
        time_line(&mut d, session, t, zone);
    }
    if let Some(words) = session.assumed_words() {
        // The file's guess, not the source's: the reader must know.
        let words = crate::export::render::capitalise(&words);
        line(&mut d, &[&words, ": not given by the source"]);
    }
    d.push_str("Groups: ");
    join(&mut d, groups);
    d.push('\n');
    let chair = chair_of(meeting, session);
    let chair = week.person(chair).map_or(chair, |p| p.name.as_str());
    line(&mut d, &["Chair: ", chair]);
    if !session.notes.is_empty() {
        d.push('\n');
        for n in &session.notes {
            line(&mut d, &[n]);
        }
    }
    if !treated.is_empty() {
        d.push_str("\nAgenda items:\n");
        for (item, contributions) in treated {
            let title = index.titles.get(item.as_str()).copied().unwrap_or("");
            line(&mut d, &[item, " ", title]);
            for c in contributions {
                d.push_str("- ");
                d.push_str(c.number.as_str());
                d.push(' ');
                d.push_str(&c.title);
                if !c.source.is_empty() {
                    d.push_str(" (");
                    join(&mut d, &c.source);
                    d.push(')');
                }
                if let Some(u) = url_of(c.number.as_str()) {
                    d.push_str(" <");
                    d.push_str(&u);
                    d.push('>');
                }
                d.push('\n');
            }
        }
    }
    while d.ends_with('\n') {
        d.pop();
    }
    d
}

fn push_all(d: &mut String, parts: &[&str]) {
    for p in parts {
        d.push_str(p);
    }
}

fn line(d: &mut String, parts: &[&str]) {
    push_all(d, parts);
    d.push('\n');
}

fn join(d: &mut String, items: impl IntoIterator<Item = impl AsRef<str>>) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            d.push_str(", ");
        }
        d.push_str(item.as_ref());
    }
}

/// "Break-out S2, Tuesday 2014-04-08, 10:30-12:30 Europe/Berlin"
fn time_line(d: &mut String, session: &Session, t: TimeRange, zone: Zone) {
    let day = session.day.0;
    push_all(
        d,
        &[
            session.kind.label(),
            " ",
            session.id.as_str(),
            ", ",
            session.day.weekday_name(),
            " ",
        ],
    );
    write::push_number(d, day.year(), 4);
    d.push('-');
    write::push_number(d, day.month(), 2);
    d.push('-');
    write::push_number(d, day.day(), 2);
    d.push_str(", ");
    for (i, clock) in [t.start.0, t.end.0].into_iter().enumerate() {
        if i > 0 {
            d.push('-');
        }
        write::push_number(d, clock.hour(), 2);
        d.push(':');
        write::push_number(d, clock.minute(), 2);
    }
    line(d, &[" ", zone.name()]);
}

/// What happened to a session since the calendar sent last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// No calendar was sent before, or it did not hold the session.
    New,
    /// Its time or room changed: an update with a higher SEQUENCE.
    Moved,
    /// Its title changed: an update with a higher SEQUENCE.
    Renamed,
    /// As it was sent.
    Unchanged,
    /// Gone from the week: a cancellation.
    Cancelled,
}

impl Change {
    /// How a person says it.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Moved => "moved",
            Change::Renamed => "renamed",
            Change::Unchanged => "unchanged",
            Change::Cancelled => "cancelled",
        }
    }
}

/// One calendar object to write or send: a feed, or one session's
/// invitation or cancellation.
#[derive(Debug)]
pub struct Object {
    /// File stem ([`file_stem`] of the session's UID; the calendar's name for a feed).
    pub name: String,
    /// The calendar.
    pub calendar: Calendar,
    /// What happened to its session since `previous`; `New` without one.
    pub change: Change,
}

/// The calendars made from a week.
#[derive(Debug)]
pub struct Made {
    /// The method used: the one asked for, else the previous calendar's.
    pub method: Method,
    /// PUBLISH: one feed, its cancellations among its events. REQUEST: one
    /// invitation per session (RFC 5546 iTIP objects are about one UID, and
    /// Outlook and Gmail read only the first event of an invitation), in
    /// time order, then one cancellation (METHOD:CANCEL) per session gone.
    pub objects: Vec<Object>,
    /// What changed since `previous`, when one was given.
    pub changes: Option<diff::Changes>,
    /// Warnings for the user (placeholder UID domains).
    pub warnings: Vec<Diagnostic>,
}

/// Why no calendar could be made.
#[derive(Debug)]
pub enum MakeError {
    /// A filter names what the week does not have.
    Request(Error),
    /// The calendar sent last time cannot be read or parsed, or was sent
    /// with another method than the one asked for.
    Previous(Error),
    /// Building the events found problems (an event without the chair's
    /// address, two sessions with one UID).
    Problems(Vec<Diagnostic>),
    /// No session matches the filters.
    Empty,
}

/// Reads the calendar sent last time: one file, or every `.ics` file of a
/// folder (the invitations `--method request` wrote there), in name order.
pub fn read_previous(path: &Path) -> Result<diff::OldCalendar, Error> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            message: format!("cannot list the folder: {e}"),
        })?;
        let mut v: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ics")) && p.is_file())
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    let mut old = diff::OldCalendar::default();
    let mut index = std::collections::BTreeMap::new();
    for file in &files {
        let (source, _) = crate::load::read_text_as(file, crate::load::TextKind::Calendar)?;
        let one = diff::parse(&source.text).map_err(|message| Error::Parse {
            path: file.clone(),
            message,
        })?;
        old.methods.extend(one.methods);
        for e in one.events {
            old.add(&mut index, e);
        }
    }
    Ok(old)
}

/// Refuses to update a calendar with another method than it was sent with:
/// turning an invitation into a feed would drop every attendee, and the
/// other way would invite people to what they only subscribed to.
fn same_method(path: &Path, asked: Method, sent: Method) -> Result<(), Error> {
    if asked == sent {
        return Ok(());
    }
    let (what, flag) = match sent {
        Method::Publish => ("a feed (METHOD:PUBLISH)", "publish"),
        _ => ("an invitation (METHOD:REQUEST)", "request"),
    };
    Err(Error::Refused(format!(
        "{} is {what}; pass --method {flag} (or leave --method out) to update it",
        path.display()
    )))
}

/// Makes the calendars of the sessions `spec` asks for. `previous` is the
/// calendar sent last time (a file or a folder of invitations): unchanged
/// events keep their SEQUENCE, changed ones get a higher one, and sessions
/// gone are cancelled.
pub fn make(
    week: &Week,
    spec: &FilterSpec,
    options: Options,
    previous: Option<&Path>,
) -> Result<Made, MakeError> {
    let filter = Filter::resolve(spec, week).map_err(MakeError::Request)?;
    let old = match previous {
        Some(path) => Some((path, read_previous(path).map_err(MakeError::Previous)?)),
        None => None,
    };
    let sent = old.as_ref().and_then(|(_, o)| o.method());
    let method = match (options.method, sent, &old) {
        (Some(asked), Some(sent), Some((path, _))) => {
            same_method(path, asked, sent).map_err(MakeError::Previous)?;
            asked
        }
        (Some(asked), _, _) => asked,
        (None, Some(sent), _) => sent,
        (None, None, _) => Method::Publish,
    };
    let options = Options {
        method: Some(method),
        ..options
    };
    let (mut calendar, problems) = build(week, &filter, options, calendar_name(week, spec));
    if !problems.is_empty() {
        return Err(MakeError::Problems(problems));
    }
    let warnings = domain_warnings(week, &calendar);
    let mut cancellations = Vec::new();
    let mut changes = None;
    if let Some((path, old)) = &old {
        let (c, cancelled) = diff::apply(&mut calendar, &old.events).map_err(|message| {
            MakeError::Previous(Error::Parse {
                path: path.to_path_buf(),
                message,
            })
        })?;
        changes = Some(c);
        cancellations = cancelled;
    }
    let change_of = |uid: &str| match &changes {
        None => Change::New,
        Some(c) => {
            let has = |v: &Vec<String>| v.iter().any(|u| u == uid);
            if has(&c.moved) {
                Change::Moved
            } else if has(&c.renamed) {
                Change::Renamed
            } else if has(&c.new) {
                Change::New
            } else if has(&c.cancelled) {
                Change::Cancelled
            } else {
                Change::Unchanged
            }
        }
    };
    let mut objects = Vec::new();
    if method == Method::Publish {
        // A feed carries its cancellations as events.
        calendar.events.extend(cancellations);
        if calendar.events.is_empty() {
            return Err(MakeError::Empty);
        }
        objects.push(Object {
            name: calendar.name.clone(),
            calendar,
            change: if changes.is_some() {
                Change::Unchanged
            } else {
                Change::New
            },
        });
    } else {
        // Every invitation's VTIMEZONE covers the whole calendar, cancellations included.
        let span = calendar
            .events
            .iter()
            .chain(&cancellations)
            .map(|e| e.interval)
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)));
        let Calendar { stamp, events, .. } = calendar;
        // A session cancelled before and still gone is `Unchanged`: its
        // cancellation is written again, but has been sent.
        let one = |method: Method, e: Event| Object {
            name: file_stem(&e.uid).to_string(),
            change: change_of(&e.uid),
            calendar: Calendar {
                method,
                name: e.summary.clone(),
                stamp,
                events: vec![e],
                span,
            },
        };
        objects.extend(events.into_iter().map(|e| one(Method::Request, e)));
        objects.extend(cancellations.into_iter().map(|e| one(Method::Cancel, e)));
        if objects.is_empty() {
            return Err(MakeError::Empty);
        }
    }
    Ok(Made {
        method,
        objects,
        changes,
        warnings,
    })
}
