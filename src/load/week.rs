//! A week: the meeting files of one venue and week loaded together, checked
//! for consistency, with every session placed in time.
//!
//! Loading several files forms one week: groups, rooms and people declared
//! in one file can be used by the others (a joint session in the SEC file may
//! use the main room declared in the TP file). The same group, room or person
//! may be declared in several files if the declarations agree.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, Datelike, Utc};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::load::source::{FileId, Sources};
use crate::load::{self, ReadError};
use crate::model::clock::{Date, TimeRange};
use crate::model::loc::Loc;
use crate::model::number::ContributionNumber;
use crate::model::status::{EventFact, SessionFact};
use crate::model::zoned::{self, Placed};
use crate::model::{Meeting, Session};

/// A start and an end instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    /// Start (inclusive).
    pub start: DateTime<Utc>,
    /// End (exclusive): a session ending at 10:00 does not overlap one starting at 10:00.
    pub end: DateTime<Utc>,
}

impl Interval {
    /// Whether the two intervals share some time (touching ends do not).
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Length in minutes.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

/// The meetings of one week, loaded and checked.
#[derive(Debug, Clone, Default)]
pub struct Week {
    /// The text of every file, for diagnostics.
    pub sources: Sources,
    /// One meeting per file, in the order given.
    pub meetings: Vec<Meeting>,
    /// When each session takes place: `times[m][s]` for `meetings[m].sessions[s]`.
    /// Sessions whose time could not be placed are absent from the map.
    pub times: Vec<HashMap<usize, Interval>>,
}

/// Why a set of files could not be loaded into a week.
#[derive(Debug, Default)]
pub struct LoadFailure {
    /// The texts that were read, for showing diagnostics.
    pub sources: Sources,
    /// Files that could not be read at all.
    pub unreadable: Vec<ReadError>,
    /// Syntax and field errors in the files that were read.
    pub diagnostics: Vec<Diagnostic>,
}

/// A loaded week and what validation found.
#[derive(Debug)]
pub struct Loaded {
    /// The week.
    pub week: Week,
    /// Reference, duplicate, date and time problems (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads files into a week and validates it.
///
/// Fails (exit code 2) when a file cannot be read or is not a valid meeting
/// file; otherwise returns the week and what validation found (exit code 1
/// when it found errors).
pub fn load(paths: &[PathBuf]) -> Result<Loaded, LoadFailure> {
    let mut failure = LoadFailure::default();
    // Read every file first, in order, so file ids follow the command line.
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        match load::read_text(path) {
            Err(e) => failure.unreadable.push(e),
            Ok((source, utf8_problem)) => {
                let id = failure.sources.add(source);
                texts.push((id, utf8_problem));
            }
        }
    }
    let mut meetings = Vec::with_capacity(texts.len());
    for parsed in parse_all(&failure.sources, texts) {
        match parsed {
            Err(diags) => failure.diagnostics.extend(diags),
            Ok(m) => meetings.push(m),
        }
    }
    let named = read_named_files(&mut failure.sources, &mut meetings);
    failure.diagnostics.extend(named);
    if !failure.unreadable.is_empty() || !failure.diagnostics.is_empty() {
        return Err(failure);
    }
    Ok(from_meetings(failure.sources, meetings))
}

/// Reads the other files parsed meetings name: the shared files of
/// `include` (their groups and people join each meeting that includes
/// them) and the notices file of `meeting.notices`. Their texts are added
/// to `sources`; returns what is wrong with them (errors a load fails on).
pub fn read_named_files(sources: &mut Sources, meetings: &mut [Meeting]) -> Vec<Diagnostic> {
    let mut out = load::includes::resolve(sources, meetings);
    out.extend(load::covers::resolve(sources, meetings));
    out
}

/// Parses the texts read, in their order. A week of many files (a
/// secretariat's whole venue, one file per group) is parsed on the
/// machine's cores, a share of the files each: parsing is most of loading,
/// and the files do not depend on one another. A real week of a few files
/// is parsed on this thread.
fn parse_all(sources: &Sources, texts: Vec<(FileId, Option<Diagnostic>)>) -> Vec<load::Parsed> {
    let parse = |(id, utf8_problem): (FileId, Option<Diagnostic>)| match utf8_problem {
        Some(d) => Err(vec![d.with_file(id)]),
        None => load::parse_meeting(sources.get(id), id),
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || texts.len() < 16 {
        return texts.into_iter().map(parse).collect();
    }
    let share = texts.len().div_ceil(threads);
    let mut parts: Vec<Vec<(FileId, Option<Diagnostic>)>> = Vec::new();
    let mut rest = texts.into_iter();
    loop {
        let part: Vec<_> = rest.by_ref().take(share).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(parse).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                // A parse that panicked is a bug; resume it on this thread so
                // it is reported as one, not lost.
                h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
            })
            .collect()
    })
}

/// Builds a week from meetings already parsed, and validates it.
pub fn from_meetings(sources: Sources, meetings: Vec<Meeting>) -> Loaded {
    let mut week = Week {
        sources,
        times: vec![HashMap::default(); meetings.len()],
        meetings,
    };
    let diagnostics = validate(&mut week);
    Loaded { week, diagnostics }
}

/// Every declaration of `pick` (groups or people) in the week once, with
/// its meeting and its index in the file that declares it: each meeting's
/// own, and each included file's once however many meetings include it.
pub fn declared<T>(
    meetings: &[Meeting],
    pick: fn(&Meeting) -> &[T],
    file_of: fn(&T) -> FileId,
) -> Vec<(usize, usize, &T)> {
    let mut out = Vec::new();
    let mut done: rustc_hash::FxHashSet<FileId> = rustc_hash::FxHashSet::default();
    for (mi, m) in meetings.iter().enumerate() {
        let mut counts: HashMap<FileId, usize> = HashMap::default();
        for t in pick(m) {
            let f = file_of(t);
            let n = counts.entry(f).or_insert(0);
            let index = *n;
            *n += 1;
            if f == m.file || !done.contains(&f) {
                out.push((mi, index, t));
            }
        }
        done.extend(m.included.iter().copied());
    }
    out
}

/// Every group declaration of the week once (see [`declared`]).
pub fn declared_groups(meetings: &[Meeting]) -> Vec<(usize, usize, &crate::model::Group)> {
    declared(meetings, |m| &m.groups, |g| g.file)
}

/// Every person declaration of the week once (see [`declared`]).
pub fn declared_people(meetings: &[Meeting]) -> Vec<(usize, usize, &crate::model::Person)> {
    declared(meetings, |m| &m.people, |p| p.file)
}

impl Week {
    /// Every session of the week with its meeting index, session index and time.
    pub fn sessions(&self) -> impl Iterator<Item = (usize, usize, &Session, Option<Interval>)> {
        self.meetings
            .iter()
            .enumerate()
            .flat_map(move |(m, meeting)| {
                meeting
                    .sessions
                    .iter()
                    .enumerate()
                    .map(move |(s, session)| (m, s, session, self.times[m].get(&s).copied()))
            })
    }

    /// The person whose name or alias is `name`, searching every file.
    pub fn person(&self, name: &str) -> Option<&crate::model::Person> {
        self.meetings
            .iter()
            .flat_map(|m| m.people.iter())
            .find(|p| p.name.as_str() == name || p.aliases.iter().any(|a| a.as_str() == name))
    }

    /// The room named `name`.
    pub fn room(&self, name: &str) -> Option<&crate::model::Room> {
        self.meetings
            .iter()
            .flat_map(|m| m.rooms.iter())
            .find(|r| r.name.as_str() == name)
    }

    /// The group with short name `id`.
    pub fn group(&self, id: &str) -> Option<&crate::model::Group> {
        self.meetings
            .iter()
            .flat_map(|m| m.groups.iter())
            .find(|g| g.id.as_str() == id)
    }
}

impl Meeting {
    /// The clock times of a session: its `time`, or its slot's.
    pub fn session_time(&self, session: &Session) -> Option<TimeRange> {
        if let Some(t) = &session.time {
            return Some(t.value);
        }
        let slot = session.slot.as_ref()?.value;
        let index = usize::try_from(slot).ok()?.checked_sub(1)?;
        self.header.slots.get(index).map(|r| r.value)
    }

    /// The slot of the day a session starts in (1-based), from `slot` or by
    /// matching its start against the slot grid.
    pub fn slot_of(&self, session: &Session) -> Option<u32> {
        if let Some(s) = &session.slot {
            return Some(s.value);
        }
        let start = session.time.as_ref()?.start;
        self.header
            .slots
            .iter()
            .position(|r| r.start <= start && start < r.end)
            .and_then(|i| u32::try_from(i + 1).ok())
    }

    /// The zone a session's clock times are in: its own, or the meeting's.
    pub fn session_zone(&self, session: &Session) -> chrono_tz::Tz {
        session
            .timezone
            .as_ref()
            .map_or(self.header.timezone.value.0, |z| z.value.0)
    }

    /// The groups of a session: its own list, or the meeting's group.
    pub fn session_groups<'a>(&'a self, session: &'a Session) -> Vec<&'a str> {
        if session.groups.is_empty() {
            vec![self.header.group.as_str()]
        } else {
            session.groups.iter().map(|g| g.as_str()).collect()
        }
    }

    /// The parallel track a session belongs to, when it names a declared one.
    pub fn track_of(&self, session: &Session) -> Option<&crate::model::Track> {
        let id = session.track.as_ref()?;
        self.tracks.iter().find(|t| t.id.as_str() == id.as_str())
    }

    /// The group a track belongs to: its own `group`, or the meeting's.
    pub fn track_group<'a>(&'a self, track: &'a crate::model::Track) -> &'a str {
        track
            .group
            .as_ref()
            .map_or(self.header.group.as_str(), |g| g.as_str())
    }

    /// Who chairs a session: its own `chair`, its track's, or the meeting's.
    pub fn session_chair<'a>(&'a self, session: &'a Session) -> &'a Loc<String> {
        session
            .chair
            .as_ref()
            .or_else(|| self.track_of(session).and_then(|t| t.chair.as_ref()))
            .unwrap_or(&self.header.chair)
    }

    /// The people a session needs by the file's word, each with whether
    /// they are there as the secretary: the meeting's secretary, who takes
    /// the minutes of every session that is not a parallel track's, then the
    /// session's own `required`, then its track's.
    pub fn session_required<'a>(
        &'a self,
        session: &'a Session,
    ) -> impl Iterator<Item = (&'a Loc<String>, bool)> + 'a {
        let track = self.track_of(session);
        let secretary = if session.track.is_none() {
            self.header.secretary.as_ref()
        } else {
            None
        };
        secretary.map(|s| (s, true)).into_iter().chain(
            session
                .required
                .iter()
                .chain(track.into_iter().flat_map(|t| t.required.iter()))
                .map(|p| (p, false)),
        )
    }

    /// The track that treats agenda item `number`: its own `track`, or the
    /// nearest item above it that has one.
    pub fn item_track(&self, number: &str) -> Option<&Loc<String>> {
        let mut at = Some(number);
        while let Some(n) = at {
            if let Some(t) = self
                .agenda
                .iter()
                .find(|a| a.number.as_str() == n)
                .and_then(|a| a.track.as_ref())
            {
                return Some(t);
            }
            at = n.rsplit_once('.').map(|(above, _)| above);
        }
        None
    }

    /// The name minutes give a session, `Tuesday SEC/ARC/PRO-2`, when the
    /// meeting has a slot grid.
    pub fn derived_session_name(&self, session: &Session) -> Option<String> {
        let slot = self.slot_of(session)?;
        Some(format!(
            "{} {}-{slot}",
            session.day.weekday_name(),
            self.session_groups(session).join("/")
        ))
    }

    /// Finds a session by id (`S4`), by its `name`, or by the name minutes use
    /// ("Tuesday SEC/ARC/PRO-2", "wed ARC/SEC-5", "Thursday SEC- 4"; groups in
    /// any order, day names abbreviated or not, case ignored).
    pub fn find_session(&self, text: &str) -> Option<usize> {
        let t = text.trim();
        if let Some(i) = self.sessions.iter().position(|s| s.id.as_str() == t) {
            return Some(i);
        }
        let lower = t.to_lowercase();
        if let Some(i) = self
            .sessions
            .iter()
            .position(|s| s.name.as_ref().is_some_and(|n| n.to_lowercase() == lower))
        {
            return Some(i);
        }
        self.find_named(&SessionName::parse(t)?)
    }

    /// The session a day, groups and slot name.
    fn find_named(&self, wanted: &SessionName) -> Option<usize> {
        self.sessions.iter().position(|s| {
            s.day.0.weekday() == wanted.weekday && self.slot_of(s) == Some(wanted.slot) && {
                let mut groups: Vec<String> = self
                    .session_groups(s)
                    .iter()
                    .map(|g| g.to_uppercase())
                    .collect();
                groups.sort();
                groups == wanted.groups
            }
        })
    }

    /// The sessions a sentence of the minutes names: by their `name`, or as
    /// minutes write them inside a sentence ("re-open by Francois on
    /// Thursday SEC- 4", "presented by Wei on Wed on ARC/SEC-5", "on Joint
    /// SEC/ARC/PRO-2 on Tuesday"): a `GROUPS-N` of the meeting's groups
    /// with the nearest day name.
    pub fn sessions_named_in(&self, text: &str) -> Vec<usize> {
        let squeezed = |t: &str| -> String {
            t.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let sentence = squeezed(text);
        let mut found: Vec<usize> = self
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.name
                    .as_ref()
                    .is_some_and(|n| sentence.contains(&squeezed(n.as_str())))
            })
            .map(|(i, _)| i)
            .collect();
        let words: Vec<&str> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| "()[],.;:\"'".contains(c)))
            .collect();
        let days: Vec<(usize, chrono::Weekday)> = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| weekday_named(w).map(|d| (i, d)))
            .collect();
        for (i, word) in words.iter().enumerate() {
            // "SEC- 4": the slot may follow the dash after a space.
            let joined;
            let word = match (word.ends_with('-'), words.get(i + 1)) {
                (true, Some(next)) => {
                    joined = format!("{word}{next}");
                    joined.as_str()
                }
                _ => word,
            };
            let Some((groups, slot)) = word.rsplit_once('-') else {
                continue;
            };
            let Ok(slot) = slot.parse::<u32>() else {
                continue;
            };
            let mut groups: Vec<String> = groups.split('/').map(str::to_uppercase).collect();
            let known = |g: &String| {
                self.groups
                    .iter()
                    .any(|x| x.id.as_str().eq_ignore_ascii_case(g))
                    || self.header.group.as_str().eq_ignore_ascii_case(g)
            };
            if groups.is_empty() || !groups.iter().all(known) {
                continue;
            }
            groups.sort();
            let Some(&(_, weekday)) = days.iter().min_by_key(|(at, _)| at.abs_diff(i)) else {
                continue;
            };
            let wanted = SessionName {
                weekday,
                groups,
                slot,
            };
            if let Some(s) = self.find_named(&wanted) {
                if !found.contains(&s) {
                    found.push(s);
                }
            }
        }
        found
    }
}

/// The day a word names: "Tuesday", "wed", "Thurs" (any case).
fn weekday_named(word: &str) -> Option<chrono::Weekday> {
    Some(match word.to_lowercase().as_str() {
        "mon" | "monday" => chrono::Weekday::Mon,
        "tue" | "tues" | "tuesday" => chrono::Weekday::Tue,
        "wed" | "wednesday" => chrono::Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => chrono::Weekday::Thu,
        "fri" | "friday" => chrono::Weekday::Fri,
        "sat" | "saturday" => chrono::Weekday::Sat,
        "sun" | "sunday" => chrono::Weekday::Sun,
        _ => return None,
    })
}

/// A session name as minutes write it: day, groups and slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionName {
    /// Day of the week.
    pub weekday: chrono::Weekday,
    /// Groups, upper-case, sorted.
    pub groups: Vec<String>,
    /// Slot of the day.
    pub slot: u32,
}

impl SessionName {
    /// Parses "Tuesday SEC/ARC/PRO-2", "wed ARC/SEC-5", "Joint SEC/ARC/PRO-2 on Tuesday".
    pub fn parse(text: &str) -> Option<SessionName> {
        let mut weekday = None;
        let mut rest = Vec::new();
        for word in text.split_whitespace() {
            let w = word.trim_matches(',').to_lowercase();
            match weekday_named(&w) {
                Some(d) => weekday = Some(d),
                None if w == "joint" || w == "on" || w == "session" => {}
                None => rest.push(word.to_string()),
            }
        }
        let joined: String = rest.concat();
        let (groups, slot) = joined.rsplit_once('-')?;
        let slot = slot.parse().ok()?;
        let mut groups: Vec<String> = groups
            .split('/')
            .map(|g| g.trim().to_uppercase())
            .filter(|g| !g.is_empty())
            .collect();
        if groups.is_empty() {
            return None;
        }
        groups.sort();
        Some(SessionName {
            weekday: weekday?,
            groups,
            slot,
        })
    }
}

/// An `assumed` list naming a fact its table does not give.
fn assumed_without_value<T>(f: FileId, field: String, at: &Loc<T>, fact: &str) -> Diagnostic {
    Diagnostic::error(
        "invalid-value",
        format!("invalid {field}: `{fact}` is marked assumed, but no {fact} is given"),
    )
    .at(f, at.span.clone(), "")
    .field(field)
    .help(format!(
        "give the {fact} the file assumes, or take \"{fact}\" out of `assumed`"
    ))
}

/// What a name refers to, for "unknown X" messages.
struct Names<'a> {
    kind: &'static str,
    declared_in: &'static str,
    list: Vec<&'a str>,
    set: rustc_hash::FxHashSet<&'a str>,
}

impl<'a> Names<'a> {
    fn new(kind: &'static str, declared_in: &'static str, list: Vec<&'a str>) -> Self {
        let set = list.iter().copied().collect();
        Self {
            kind,
            declared_in,
            list,
            set,
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.set.contains(name)
    }

    fn check(&self, file: FileId, field: &str, value: &Loc<String>, out: &mut Vec<Diagnostic>) {
        if self.contains(value.as_str()) {
            return;
        }
        out.push(unknown(
            self.kind,
            self.declared_in,
            file,
            field,
            value,
            &self.list,
        ));
    }
}

/// A session's track that cannot be: one of a group the session is not
/// of, or on a session that takes every group.
fn track_misfit(m: &Meeting, s: &Session, t: &Loc<String>, field: &str) -> Option<Diagnostic> {
    let track = m.track_of(s)?;
    let group = m.track_group(track);
    let session = format!("{}/{}", m.header.id.as_str(), s.id.as_str());
    if s.kind.is_all_groups() {
        return Some(
            Diagnostic::error(
                "invalid-value",
                format!(
                    "session {} is a {} session, which every group attends, so it cannot be a session of track `{}`",
                    s.id.as_str(),
                    s.kind.as_str(),
                    t.as_str()
                ),
            )
            .at(m.file, t.span.clone(), "this track")
            .at(m.file, s.kind.span.clone(), "every group attends")
            .field(field)
            .session(session)
            .help("drop `track`, or make the session a `break-out`"),
        );
    }
    if m.session_groups(s).contains(&group) {
        return None;
    }
    Some(
        Diagnostic::error(
            "invalid-value",
            format!(
                "track `{}` is a track of {group}, but session {} is a session of {}",
                t.as_str(),
                s.id.as_str(),
                m.session_groups(s).join("/")
            ),
        )
        .at(m.file, t.span.clone(), format!("a track of {group}"))
        .field(field)
        .session(session)
        .help(format!(
            "add \"{group}\" to the session's `groups`, or name a track of its groups"
        )),
    )
}

fn unknown(
    kind: &str,
    declared_in: &str,
    file: FileId,
    field: &str,
    value: &Loc<String>,
    candidates: &[&str],
) -> Diagnostic {
    let help = match did_you_mean(value.as_str(), candidates.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if candidates.is_empty() => format!("declare it in {declared_in}"),
        None => format!(
            "declare it in {declared_in}, or use one of: {}",
            shortlist(candidates)
        ),
    };
    Diagnostic::error(
        "unknown-reference",
        format!("unknown {kind} `{}`", value.as_str()),
    )
    .at(file, value.span.clone(), format!("no {kind} of this name"))
    .field(field)
    .help(help)
}

fn shortlist(names: &[&str]) -> String {
    let mut v: Vec<&str> = names.to_vec();
    v.sort_unstable();
    v.dedup();
    let n = v.len();
    let mut s = v
        .into_iter()
        .take(8)
        .map(|x| format!("`{x}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if n > 8 {
        let _ = write!(s, " and {} more", n - 8);
    }
    s
}

/// The described fields of a declaration, for comparing two declarations of
/// the same group, room or person: `None` means the file does not say.
type Fields = Vec<(&'static str, Option<String>)>;

/// The fields two declarations both give with different values.
fn differences(a: &Fields, b: &Fields) -> Vec<String> {
    a.iter()
        .zip(b)
        .filter_map(|((label, x), (_, y))| match (x, y) {
            (Some(x), Some(y)) if x != y => Some(format!("{label} `{x}` here, `{y}` there")),
            _ => None,
        })
        .collect()
}

/// A first declaration: where, of whom (for aliases, the person's name), what it says.
struct Declared {
    file: FileId,
    span: std::ops::Range<usize>,
    owner: String,
    fields: Fields,
}

/// Records first declarations and reports later ones.
struct Seen {
    what: &'static str,
    first: HashMap<String, Declared>,
}

impl Seen {
    fn new(what: &'static str) -> Self {
        Self {
            what,
            first: HashMap::default(),
        }
    }

    /// Notes a declaration of `key` (a name, or an alias of `owner`).
    ///
    /// Within one file a second declaration is a duplicate, and so is one
    /// in a meeting file and a file it includes (`unit`: the meeting file
    /// and its included files). Across files of a
    /// week it is the same thing declared again: fine when the two agree on
    /// every field both give (one may say less), an error naming the fields
    /// when they do not. An alias taken by two different people is a duplicate
    /// wherever it occurs.
    #[allow(clippy::too_many_arguments)]
    fn declare(
        &mut self,
        key: &Loc<String>,
        owner: &str,
        file: FileId,
        unit: &[FileId],
        field: String,
        fields: Fields,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(first) = self.first.get(key.as_str()) else {
            self.first.insert(
                key.value.clone(),
                Declared {
                    file,
                    span: key.span.clone(),
                    owner: owner.to_string(),
                    fields,
                },
            );
            return;
        };
        let same_meeting = unit.contains(&first.file) && unit.contains(&file);
        if same_meeting && first.file != file {
            // The meeting file's declaration first: that is the one to remove.
            let here = (file, key.span.clone());
            let there = (first.file, first.span.clone());
            let (mine, shared) = if unit.first() == Some(&file) {
                (here, there)
            } else {
                (there, here)
            };
            out.push(
                Diagnostic::error("duplicate-id", format!("{} `{}` is declared twice: in the meeting file and in a file it includes", self.what, key.as_str()))
                    .at(mine.0, mine.1, "declared in the meeting file")
                    .at(shared.0, shared.1, "and in the included file")
                    .field(field)
                    .help(format!("declare each {} in one place: keep it in the shared file and remove it from the meeting file", self.what)),
            );
        } else if first.file == file || first.owner != owner {
            out.push(
                Diagnostic::error("duplicate-id", format!("{} `{}` is declared twice", self.what, key.as_str()))
                    .at(file, key.span.clone(), "declared again here")
                    .at(first.file, first.span.clone(), "first declared here")
                    .field(field)
                    .help(format!("each {} is declared once per file, and a name or alias names one {}; remove or rename one", self.what, self.what)),
            );
        } else if key.as_str() == owner {
            let diff = differences(&fields, &first.fields);
            if !diff.is_empty() {
                out.push(
                    Diagnostic::error("conflicting-definition", format!("{} `{}` is declared differently in two files: {}", self.what, key.as_str(), diff.join("; ")))
                        .at(file, key.span.clone(), "declared here")
                        .at(first.file, first.span.clone(), "and differently here")
                        .field(field)
                        .help("files of one week share groups, rooms and people: declare each once, or make the declarations agree"),
                );
            }
        }
    }
}

/// Checks references, duplicates, dates and times across the week, and places
/// every session in time.
#[allow(clippy::too_many_lines)]
fn validate(week: &mut Week) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let meetings = &week.meetings;

    let mut meeting_ids: HashMap<&str, (FileId, std::ops::Range<usize>)> = HashMap::default();
    let mut groups = Seen::new("group");
    let mut rooms = Seen::new("room");
    let mut people = Seen::new("person");
    for m in meetings {
        let f = m.file;
        if let Some((file, span)) = meeting_ids.get(m.header.id.as_str()) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("meeting `{}` is loaded twice", m.header.id.as_str()),
                )
                .at(f, m.header.id.span.clone(), "this meeting id")
                .at(*file, span.clone(), "is also used here")
                .field("meeting.id")
                .help("each file of a week is a different meeting; give each its own id"),
            );
        } else {
            meeting_ids.insert(m.header.id.as_str(), (f, m.header.id.span.clone()));
        }
    }
    let unit_of = |mi: usize| -> Vec<FileId> {
        let m = &meetings[mi];
        std::iter::once(m.file)
            .chain(m.included.iter().copied())
            .collect()
    };
    for (mi, i, g) in declared_groups(meetings) {
        let fields = vec![
            ("name", g.name.clone()),
            ("number", g.number.clone()),
            ("e-mail", g.email.as_ref().map(|e| e.value.clone())),
            ("action prefix", g.action_prefix.clone()),
        ];
        groups.declare(
            &g.id,
            g.id.as_str(),
            g.file,
            &unit_of(mi),
            format!("groups[{i}].id"),
            fields,
            &mut out,
        );
    }
    for m in meetings {
        let f = m.file;
        for (i, r) in m.rooms.iter().enumerate() {
            let fields = vec![("capacity", r.capacity.map(|c| c.to_string()))];
            rooms.declare(
                &r.name,
                r.name.as_str(),
                f,
                &[f],
                format!("rooms[{i}].name"),
                fields,
                &mut out,
            );
        }
    }
    for (mi, i, p) in declared_people(meetings) {
        let unit = unit_of(mi);
        let fields = vec![
            ("affiliation", p.affiliation.clone()),
            ("e-mail", p.email.as_ref().map(|e| e.value.clone())),
            (
                "time zone",
                p.timezone.as_ref().map(|z| z.name().to_string()),
            ),
        ];
        people.declare(
            &p.name,
            p.name.as_str(),
            p.file,
            &unit,
            format!("people[{i}].name"),
            fields,
            &mut out,
        );
        for (j, a) in p.aliases.iter().enumerate() {
            if a.as_str() != p.name.as_str() {
                people.declare(
                    a,
                    p.name.as_str(),
                    p.file,
                    &unit,
                    format!("people[{i}].aliases[{j}]"),
                    Vec::new(),
                    &mut out,
                );
            }
        }
    }

    let group_names = Names::new(
        "group",
        "[[groups]]",
        meetings
            .iter()
            .flat_map(|m| m.groups.iter().map(|g| g.id.as_str()))
            .collect(),
    );
    let room_names = Names::new(
        "room",
        "[[rooms]]",
        meetings
            .iter()
            .flat_map(|m| m.rooms.iter().map(|r| r.name.as_str()))
            .collect(),
    );
    let person_names = Names::new(
        "person",
        "[[people]] (as a name or an alias)",
        meetings
            .iter()
            .flat_map(|m| m.people.iter())
            .flat_map(|p| {
                std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(|a| a.as_str()))
            })
            .collect(),
    );

    for (_, i, g) in declared_groups(meetings) {
        for (j, k) in g.key_people.iter().enumerate() {
            person_names.check(g.file, &format!("groups[{i}].key_people[{j}]"), k, &mut out);
        }
    }

    // Every contribution number of the week, revisions included.
    let mut numbers: HashMap<String, (usize, usize)> = HashMap::default();
    let mut resolved_revisions: Vec<Vec<Vec<ContributionNumber>>> = Vec::new();
    for (mi, m) in meetings.iter().enumerate() {
        let f = m.file;
        let mut per_meeting = Vec::new();
        let mut first_seen: HashMap<String, std::ops::Range<usize>> = HashMap::default();
        for (ci, c) in m.contributions.iter().enumerate() {
            let mut chain = vec![(c.number.value).clone()];
            for (ri, r) in c.revisions.iter().enumerate() {
                match c.number.resolve_revision(r.as_str()) {
                    Ok(n) => chain.push(n),
                    Err(e) => out.push(
                        Diagnostic::error("invalid-value", e)
                            .at(f, r.span.clone(), "not a revision of this contribution")
                            .field(format!("contributions[{ci}].revisions[{ri}]"))
                            .help("write the revision suffix, e.g. \"R02\""),
                    ),
                }
            }
            for (k, n) in chain.iter().enumerate() {
                let span = if k == 0 {
                    c.number.span.clone()
                } else {
                    c.revisions[k - 1].span.clone()
                };
                if let Some(prev) = first_seen.get(n.as_str()) {
                    out.push(
                        Diagnostic::error("duplicate-id", format!("contribution `{n}` is listed twice"))
                            .at(f, span.clone(), "listed again here")
                            .at(f, prev.clone(), "first listed here")
                            .field(format!("contributions[{ci}].number"))
                            .help("list each document once; later revisions go in `revisions` of the first"),
                    );
                } else {
                    first_seen.insert(n.as_str().to_string(), span);
                    numbers.entry(n.as_str().to_string()).or_insert((mi, ci));
                }
            }
            per_meeting.push(chain);
        }
        resolved_revisions.push(per_meeting);
    }
    let contribution_names: Vec<&str> = numbers.keys().map(String::as_str).collect();
    let check_contribution =
        |file: FileId, field: String, value: &Loc<String>, out: &mut Vec<Diagnostic>| {
            if !numbers.contains_key(value.as_str()) {
                if let Err(e) = ContributionNumber::parse(value.as_str()) {
                    out.push(
                        Diagnostic::error("invalid-value", e)
                            .at(file, value.span.clone(), "not a contribution number")
                            .field(field)
                            .help(crate::model::number::CONTRIBUTION_NUMBER_FORMS),
                    );
                } else {
                    out.push(unknown(
                        "contribution",
                        "[[contributions]]",
                        file,
                        &field,
                        value,
                        &contribution_names,
                    ));
                }
            }
        };

    out.extend(load::cycles::reference_cycles(meetings, |n| {
        numbers.get(n).copied()
    }));

    let mut all_times: Vec<HashMap<usize, Interval>> = Vec::new();
    for (mi, m) in meetings.iter().enumerate() {
        let f = m.file;
        let h = &m.header;
        group_names.check(f, "meeting.group", &h.group, &mut out);
        person_names.check(f, "meeting.chair", &h.chair, &mut out);
        if let Some(s) = &h.secretary {
            person_names.check(f, "meeting.secretary", s, &mut out);
        }
        if h.dates.end.value < h.dates.start.value {
            out.push(
                Diagnostic::error(
                    "invalid-value",
                    format!(
                        "the meeting ends ({}) before it starts ({})",
                        *h.dates.end, *h.dates.start
                    ),
                )
                .at(f, h.dates.end.span.clone(), "end")
                .at(f, h.dates.start.span.clone(), "start")
                .field("meeting.dates.end")
                .help("the end date is the last day of the meeting, on or after the start date"),
            );
        }
        if let Some(url) = &h.document_url {
            let u = url.as_str();
            if !(u.starts_with("https://") || u.starts_with("http://")) || !u.contains("{number}") {
                out.push(
                    Diagnostic::error(
                        "invalid-value",
                        "the document URL template must be an http(s) URL containing {number}",
                    )
                    .at(f, url.span.clone(), "")
                    .field("meeting.document_url")
                    .help("e.g. \"https://portal.example.org/docs/{number}.zip\""),
                );
            }
        }

        // Parallel tracks.
        let mut track_seen: HashMap<&str, std::ops::Range<usize>> = HashMap::default();
        for (i, t) in m.tracks.iter().enumerate() {
            if let Some(prev) = track_seen.get(t.id.as_str()) {
                out.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("track `{}` is declared twice", t.id.as_str()),
                    )
                    .at(f, t.id.span.clone(), "declared again here")
                    .at(f, prev.clone(), "first declared here")
                    .field(format!("tracks[{i}].id"))
                    .help("give each track of a meeting its own id (A, B ...)"),
                );
            } else {
                track_seen.insert(t.id.as_str(), t.id.span.clone());
            }
            if let Some(g) = &t.group {
                group_names.check(f, &format!("tracks[{i}].group"), g, &mut out);
            }
            if let Some(c) = &t.chair {
                person_names.check(f, &format!("tracks[{i}].chair"), c, &mut out);
            }
            for (j, p) in t.required.iter().enumerate() {
                person_names.check(f, &format!("tracks[{i}].required[{j}]"), p, &mut out);
            }
        }
        let track_names = Names::new(
            "track",
            "[[tracks]]",
            m.tracks.iter().map(|t| t.id.as_str()).collect(),
        );

        // Agenda.
        let mut item_seen: BTreeMap<&crate::model::number::AgendaNumber, std::ops::Range<usize>> =
            BTreeMap::new();
        for (i, item) in m.agenda.iter().enumerate() {
            if let Some(prev) = item_seen.get(&item.number.value) {
                out.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("agenda item {} is declared twice", item.number.as_str()),
                    )
                    .at(f, item.number.span.clone(), "declared again here")
                    .at(f, prev.clone(), "first declared here")
                    .field(format!("agenda[{i}].number"))
                    .help("give each agenda item its own number"),
                );
            } else {
                item_seen.insert(&item.number.value, item.number.span.clone());
            }
            for (j, g) in item.groups.iter().enumerate() {
                group_names.check(f, &format!("agenda[{i}].groups[{j}]"), g, &mut out);
            }
            if let Some(t) = &item.track {
                track_names.check(f, &format!("agenda[{i}].track"), t, &mut out);
            }
        }
        let item_names: Vec<&str> = m.agenda.iter().map(|a| a.number.as_str()).collect();
        let check_item = |field: String,
                          n: &Loc<crate::model::number::AgendaNumber>,
                          out: &mut Vec<Diagnostic>| {
            if !item_seen.contains_key(&n.value) {
                let as_text = Loc::new(n.span.clone(), n.as_str().to_string());
                out.push(unknown(
                    "agenda item",
                    "[[agenda]]",
                    f,
                    &field,
                    &as_text,
                    &item_names,
                ));
            }
        };

        // Sessions.
        let mut times = HashMap::default();
        let mut session_ids: HashMap<&str, std::ops::Range<usize>> = HashMap::default();
        for (si, s) in m.sessions.iter().enumerate() {
            let field = |name: &str| format!("sessions[{si}].{name}");
            if let Some(prev) = session_ids.get(s.id.as_str()) {
                out.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("session `{}` is declared twice", s.id.as_str()),
                    )
                    .at(f, s.id.span.clone(), "declared again here")
                    .at(f, prev.clone(), "first declared here")
                    .field(field("id"))
                    .help("give each session of a meeting its own id (S1, S2 ...)"),
                );
            } else {
                session_ids.insert(s.id.as_str(), s.id.span.clone());
            }
            if let Some(r) = &s.room {
                room_names.check(f, &field("room"), r, &mut out);
            }
            for (j, a) in s.assumed.iter().enumerate() {
                let given = match a.value {
                    SessionFact::Day | SessionFact::Time => true,
                    SessionFact::Slot => s.slot.is_some(),
                    SessionFact::Room => s.room.is_some(),
                };
                if !given {
                    let field = field(&format!("assumed[{j}]"));
                    out.push(assumed_without_value(f, field, a, a.value.as_str()));
                }
            }
            for (j, g) in s.groups.iter().enumerate() {
                group_names.check(f, &field(&format!("groups[{j}]")), g, &mut out);
            }
            if let Some(c) = &s.chair {
                person_names.check(f, &field("chair"), c, &mut out);
            }
            if let Some(t) = &s.track {
                track_names.check(f, &field("track"), t, &mut out);
                out.extend(track_misfit(m, s, t, &field("track")));
            }
            for (j, p) in s.required.iter().enumerate() {
                person_names.check(f, &field(&format!("required[{j}]")), p, &mut out);
            }
            for (j, n) in s.items.iter().enumerate() {
                check_item(field(&format!("items[{j}]")), n, &mut out);
            }
            for (j, c) in s.contributions.iter().enumerate() {
                check_contribution(f, field(&format!("contributions[{j}]")), c, &mut out);
            }
            // Reversed dates are one error above, not one per session.
            if h.dates.start.value <= h.dates.end.value && !h.dates.contains(s.day.value) {
                out.push(
                    Diagnostic::error(
                        "session-outside-meeting",
                        format!(
                            "session {} is on {} {}, outside the meeting ({} to {})",
                            s.id.as_str(),
                            s.day.weekday_name(),
                            *s.day,
                            *h.dates.start,
                            *h.dates.end
                        ),
                    )
                    .at(f, s.day.span.clone(), "this day")
                    .at(f, h.dates.start.span.clone(), "the meeting's dates")
                    .field(field("day"))
                    .session(format!("{}/{}", h.id.as_str(), s.id.as_str()))
                    .help("move the session into the meeting's dates, or correct meeting.dates"),
                );
            }
            if let (Some(t), Some(slot)) = (&s.time, &s.slot) {
                out.push(
                    Diagnostic::error("invalid-value", "a session gives both `time` and `slot`")
                        .at(f, t.span.clone(), "time")
                        .at(f, slot.span.clone(), "slot")
                        .field(field("time"))
                        .help("keep one: `slot` takes its time from meeting.slots"),
                );
            }
            if let Some(slot) = &s.slot {
                let n = h.slots.len();
                if slot.value == 0 || usize::try_from(slot.value).map_or(true, |v| v > n) {
                    let help = if n == 0 {
                        "declare the day's slots in meeting.slots, e.g. slots = [\"08:00-10:00\", \"10:30-12:30\"], or give `time`".to_string()
                    } else {
                        format!("meeting.slots has slots 1 to {n}")
                    };
                    out.push(
                        Diagnostic::error(
                            "unknown-reference",
                            format!("slot {} does not exist", slot.value),
                        )
                        .at(f, slot.span.clone(), "no such slot")
                        .field(field("slot"))
                        .help(help),
                    );
                }
            }
            let Some(range) = m.session_time(s) else {
                if s.time.is_none() && s.slot.is_none() {
                    out.push(
                        Diagnostic::error(
                            "missing-field",
                            format!("session {} has no time", s.id.as_str()),
                        )
                        .at(f, s.id.span.clone(), "this session")
                        .field(field("time"))
                        .help("add time = \"HH:MM-HH:MM\" (or slot = N with meeting.slots)"),
                    );
                }
                continue;
            };
            let zone = s.timezone.as_ref().map_or(h.timezone.value, |z| z.value);
            let span = s.time.as_ref().map_or_else(
                || s.slot.as_ref().map_or(0..0, |x| x.span.clone()),
                |t| t.span.clone(),
            );
            let place = |clock, which: &str, out: &mut Vec<Diagnostic>| match zoned::place(
                zone.0, s.day.0, clock,
            ) {
                Placed::Exact(t) => Some(t),
                Placed::Ambiguous { first, second } => {
                    out.push(
                        Diagnostic::warning(
                            "ambiguous-time",
                            format!(
                                "the {which} time {clock} occurs twice on {} in {} (clocks go back); the first occurrence, UTC{}, is used",
                                *s.day,
                                zone.name(),
                                zoned::offset_text(zone.0, first)
                            ),
                        )
                        .at(f, span.clone(), "")
                        .field(field("time"))
                        .session(format!("{}/{}", h.id.as_str(), s.id.as_str()))
                        .help(format!(
                            "as RFC 5545 does for DTSTART; the second occurrence would be UTC{}. Move the session out of the repeated hour to silence this",
                            zoned::offset_text(zone.0, second)
                        )),
                    );
                    Some(first)
                }
                Placed::Gap {
                    jumps_from,
                    jumps_to,
                } => {
                    out.push(
                        Diagnostic::error(
                            "nonexistent-time",
                            format!(
                                "the {which} time {clock} does not exist on {} in {}: clocks jump from {} to {}",
                                *s.day,
                                zone.name(),
                                jumps_from.format("%H:%M"),
                                jumps_to.format("%H:%M")
                            ),
                        )
                        .at(f, span.clone(), "")
                        .field(field("time"))
                        .session(format!("{}/{}", h.id.as_str(), s.id.as_str()))
                        .help(format!(
                            "agendum refuses times in a daylight-saving gap; use {} or later",
                            jumps_to.format("%H:%M")
                        )),
                    );
                    None
                }
            };
            let start = place(range.start, "start", &mut out);
            let end = place(range.end, "end", &mut out);
            if let (Some(start), Some(end)) = (start, end) {
                times.insert(si, Interval { start, end });
            }
        }
        // Names given to sessions must be unique too.
        let mut names: HashMap<String, std::ops::Range<usize>> = HashMap::default();
        for (si, s) in m.sessions.iter().enumerate() {
            if let Some(n) = &s.name {
                let key = n.to_lowercase();
                if let Some(prev) = names.get(&key) {
                    out.push(
                        Diagnostic::error(
                            "duplicate-id",
                            format!("two sessions are named `{}`", n.as_str()),
                        )
                        .at(f, n.span.clone(), "named again here")
                        .at(f, prev.clone(), "first named here")
                        .field(format!("sessions[{si}].name"))
                        .help("session names identify sessions in records; make them unique"),
                    );
                } else {
                    names.insert(key, n.span.clone());
                }
            }
        }
        let session_list: Vec<&str> = m.sessions.iter().map(|s| s.id.as_str()).collect();
        let check_session = |field: String, value: &Loc<String>, out: &mut Vec<Diagnostic>| {
            if m.find_session(value.as_str()).is_none() {
                let mut d = unknown("session", "[[sessions]]", f, &field, value, &session_list);
                if SessionName::parse(value.as_str()).is_some() && h.slots.is_empty() {
                    d = d.help("names like \"Tuesday SEC-2\" need the day's slots in meeting.slots; or use the session id");
                }
                out.push(d);
            }
        };

        for (i, item) in m.agenda.iter().enumerate() {
            if let Some(s) = &item.session {
                check_session(format!("agenda[{i}].session"), s, &mut out);
            }
        }

        // Contributions.
        for (ci, c) in m.contributions.iter().enumerate() {
            let field = |name: &str| format!("contributions[{ci}].{name}");
            check_item(field("item"), &c.item, &mut out);
            if let Some(p) = &c.presenter {
                person_names.check(f, &field("presenter"), p, &mut out);
            }
            if let Some(r) = &c.revision_of {
                check_contribution(f, field("revision_of"), r, &mut out);
            }
            if let Some(r) = &c.companion_of {
                check_contribution(f, field("companion_of"), r, &mut out);
            }
            for (j, g) in c.groups.iter().enumerate() {
                group_names.check(f, &field(&format!("groups[{j}]")), g, &mut out);
            }
            for (j, d) in c.depends_on.iter().enumerate() {
                check_contribution(f, field(&format!("depends_on[{j}]")), d, &mut out);
            }
            if let Some(s) = &c.session {
                check_session(field("session"), s, &mut out);
            }
            for (ei, e) in c.history.iter().enumerate() {
                let field = |name: &str| format!("contributions[{ci}].history[{ei}].{name}");
                if let Some(s) = &e.session {
                    check_session(field("session"), s, &mut out);
                }
                if let Some(p) = &e.by {
                    person_names.check(f, &field("by"), p, &mut out);
                }
                for (j, a) in e.assumed.iter().enumerate() {
                    let given = match a.value {
                        EventFact::Session => e.session.is_some(),
                        EventFact::By => e.by.is_some(),
                        EventFact::Decision => e.decision.is_some(),
                    };
                    if !given {
                        let field = field(&format!("assumed[{j}]"));
                        out.push(assumed_without_value(f, field, a, a.value.as_str()));
                    }
                }
                for (j, g) in e.decided_by.iter().enumerate() {
                    group_names.check(f, &field(&format!("decided_by[{j}]")), g, &mut out);
                }
                if let Some(r) = &e.revision {
                    match c.number.resolve_revision(r.as_str()) {
                        Ok(n) if resolved_revisions[mi][ci].contains(&n) => {}
                        Ok(n) => out.push(
                            Diagnostic::error(
                                "unknown-reference",
                                format!(
                                    "revision {n} is not in the chain of {}",
                                    c.number.as_str()
                                ),
                            )
                            .at(f, r.span.clone(), "not in `revisions`")
                            .field(field("revision"))
                            .help(format!(
                                "add \"{}\" to the contribution's `revisions`",
                                n.revision_suffix()
                            )),
                        ),
                        Err(e) => out.push(
                            Diagnostic::error("invalid-value", e)
                                .at(f, r.span.clone(), "")
                                .field(field("revision")),
                        ),
                    }
                }
            }
        }

        // Action items.
        let mut refs: HashMap<&str, std::ops::Range<usize>> = HashMap::default();
        for (ai, a) in m.actions.iter().enumerate() {
            // An item the minutes list without a reference keeps none.
            if let Some(reference) = &a.reference {
                if let Some(prev) = refs.get(reference.as_str()) {
                    out.push(
                        Diagnostic::error(
                            "duplicate-id",
                            format!("action item {} is declared twice", reference.as_str()),
                        )
                        .at(f, reference.span.clone(), "declared again here")
                        .at(f, prev.clone(), "first declared here")
                        .field(format!("actions[{ai}].reference"))
                        .help("each action item has its own reference"),
                    );
                } else {
                    refs.insert(reference.as_str(), reference.span.clone());
                }
            }
            if let Some(s) = &a.session {
                check_session(format!("actions[{ai}].session"), s, &mut out);
            }
            if let Some(c) = &a.contribution {
                check_contribution(f, format!("actions[{ai}].contribution"), c, &mut out);
            }
        }

        for (ni, n) in m.next_meetings.iter().enumerate() {
            if n.dates.end.value < n.dates.start.value {
                out.push(
                    Diagnostic::error("invalid-value", "the next meeting ends before it starts")
                        .at(f, n.dates.end.span.clone(), "end")
                        .field(format!("next_meetings[{ni}].dates.end"))
                        .help("the end date is on or after the start date"),
                );
            }
        }
        all_times.push(times);
    }
    week.times = all_times;
    out
}

/// The day of a session as a [`Date`] (re-exported for renderers).
pub fn day_of(session: &Session) -> Date {
    session.day.value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_as_minutes_write_them() {
        let n = SessionName::parse("Tuesday SEC/ARC/PRO-2").unwrap();
        assert_eq!(
            (n.weekday, n.groups.clone(), n.slot),
            (
                chrono::Weekday::Tue,
                vec!["ARC".into(), "PRO".into(), "SEC".into()],
                2
            )
        );
        assert_eq!(SessionName::parse("wed ARC/SEC-5").unwrap().slot, 5);
        assert_eq!(
            SessionName::parse("Thursday SEC- 4").unwrap().groups,
            vec!["SEC".to_string()]
        );
        assert_eq!(
            SessionName::parse("Joint SEC/ARC/PRO-2 on Tuesday")
                .unwrap()
                .weekday,
            chrono::Weekday::Tue
        );
        assert!(SessionName::parse("S4").is_none());
    }

    #[test]
    fn sessions_are_found_in_the_sentences_of_the_minutes() {
        let text = r#"
            [meeting]
            id = "SEC#24"
            title = "t"
            group = "SEC"
            chair = "C"
            dates = { start = 2016-07-18, end = 2016-07-22 }
            timezone = "America/Toronto"
            slots = ["09:00-10:30", "11:00-12:30", "14:00-15:30", "16:00-17:30", "18:00-19:30"]
            [[groups]]
            id = "SEC"
            [[groups]]
            id = "ARC"
            [[sessions]]
            id = "S1"
            kind = "joint"
            day = 2016-07-20
            slot = 5
            groups = ["ARC", "SEC"]
            [[sessions]]
            id = "S2"
            kind = "break-out"
            day = 2016-07-21
            slot = 4
            name = "Thursday afternoon"
        "#;
        let source = crate::load::source::Source::new("m.toml", text.to_string());
        let m = crate::load::parse_meeting(&source, FileId(0)).unwrap();
        let named = |t: &str| m.sessions_named_in(t);
        assert_eq!(named("Presented by Wei on Wed on ARC/SEC-5"), [0]);
        assert_eq!(named("re-open by Francois on Thursday SEC- 4"), [1]);
        assert_eq!(named("discussed in the Thursday afternoon session"), [1]);
        // A number or a spec is no session; a day without a slot names none.
        assert!(named("CR to TS-0003 on Wednesday").is_empty());
        assert!(named("SEC-2016-0131R02 on Tuesday SEC-1").is_empty());
        assert!(named("Presented on Wednesday").is_empty());
    }

    #[test]
    fn touching_intervals_do_not_overlap() {
        let t = |h: i64| DateTime::<Utc>::from_timestamp(h * 3600, 0).unwrap();
        let a = Interval {
            start: t(1),
            end: t(2),
        };
        let b = Interval {
            start: t(2),
            end: t(3),
        };
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&Interval {
            start: t(1),
            end: t(3)
        }));
    }
}
