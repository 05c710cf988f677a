//! The requests file of `agendum timetable`: what the secretariat asks for
//! before the week's grid exists (days, slot grids, rooms, and per group its
//! session requests and constraints), and its resolution into the numbered
//! `Instance` the solver works on.
//!
//! Like meeting files, the file is read with serde (`deny_unknown_fields`, so
//! a typo is an error) and every value a later error must point at is a
//! [`Loc`]; references (groups, rooms, people, slots) are resolved here, once,
//! with errors at `file:line:col` naming the field and what would be right.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use chrono::Timelike;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::load::includes::Includes;
use crate::load::source::{FileId, Source, Sources};
use crate::load::{self, ReadError};
use crate::model::clock::{Date, TimeRange, Zone};
use crate::model::loc::Loc;
use crate::model::status::SessionKind;

use super::instance::{Day, Instance, Link, LinkKind, Person, Room, Sess, Weights};

/// A requests file, field for field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requests {
    /// Shared files of groups and people (as meeting files include them),
    /// relative to this file: `include = ["groups/onem2m.toml"]`.
    #[serde(default)]
    pub include: Vec<Loc<String>>,
    /// The week: days, slot grid, zone.
    pub week: WeekSpec,
    /// Slot grids that differ from `week.slots` on some days.
    #[serde(default)]
    pub day: Vec<DaySpec>,
    /// Soft constraint weights; absent ones keep their defaults.
    #[serde(default)]
    pub weights: WeightSpec,
    /// Rooms.
    #[serde(default)]
    pub rooms: Vec<RoomSpec>,
    /// People: who must be present where, and who attends several groups.
    #[serde(default)]
    pub people: Vec<PersonSpec>,
    /// Groups and their session requests.
    #[serde(default)]
    pub groups: Vec<GroupSpec>,
    /// Joint sessions of several groups (also plenaries and coordination sessions).
    #[serde(default)]
    pub joint: Vec<JointSpec>,
    /// The ids of the groups the included files declare, whether or not
    /// this file asks for their sessions.
    #[serde(skip)]
    pub shared_groups: Vec<String>,
    /// The aliases of the included files' people, each with the name it
    /// stands for.
    #[serde(skip)]
    pub aliases: HashMap<String, String>,
    /// The names and aliases of the included files' people.
    #[serde(skip)]
    pub shared_people: Vec<String>,
}

/// A group's conflict profile as an included file declares it.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The included file.
    pub file: FileId,
    /// Its index among that file's `[[groups]]`.
    pub index: usize,
    /// The declaration.
    pub group: crate::model::Group,
}

/// The `[week]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekSpec {
    /// The week's name, e.g. `TP24`; meeting ids default to `<group>#<id>`.
    pub id: Loc<String>,
    /// IANA zone of the venue.
    pub timezone: Loc<Zone>,
    /// Where the week is held.
    #[serde(default)]
    pub venue: Option<String>,
    /// The meeting days, in order.
    pub days: Vec<Loc<Date>>,
    /// The slot grid of every day without a `[[day]]` table.
    pub slots: Vec<Loc<TimeRange>>,
}

/// A `[[day]]` table: the slot grid of one day.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaySpec {
    /// The day (one of `week.days`).
    pub date: Loc<Date>,
    /// Its slots, in order.
    pub slots: Vec<Loc<TimeRange>>,
}

/// The `[weights]` table: cost of one violation of each soft constraint.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightSpec {
    /// Two groups in first-priority conflict meet at the same time (per slot).
    pub conflict1: Option<i64>,
    /// Second-priority conflict.
    pub conflict2: Option<i64>,
    /// Third-priority conflict.
    pub conflict3: Option<i64>,
    /// A group's sessions are not on subsequent days / one day apart as asked.
    pub days: Option<i64>,
    /// A group is not directly before or after the group it asked to follow.
    pub adjacent: Option<i64>,
    /// A session is not at its preferred time.
    pub preferred_time: Option<i64>,
    /// Each extra room a group's own sessions use.
    pub same_room: Option<i64>,
    /// Each pair of a group's own sessions on the same day.
    pub spread: Option<i64>,
    /// A person who attends several groups: the square of their overlaps.
    pub fairness: Option<i64>,
    /// Each session moved from the starting timetable (also `--stable`).
    pub moved: Option<i64>,
}

/// A `[[rooms]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomSpec {
    /// Name, e.g. `Main room`.
    pub name: Loc<String>,
    /// Seats.
    pub capacity: Loc<u32>,
    /// When the room cannot be used (`"Mon"`, `"Mon am"`, `"Fri pm"`, `"Tue/3"`, `"2016-07-18/2"`).
    #[serde(default)]
    pub unavailable: Vec<Loc<String>>,
}

/// A `[[people]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSpec {
    /// Full name.
    pub name: Loc<String>,
    /// Groups whose every session needs this person (hard: never two at once).
    #[serde(default)]
    pub required: Vec<Loc<String>>,
    /// Groups this person follows (soft: overlaps counted for fairness).
    #[serde(default)]
    pub attends: Vec<Loc<String>>,
}

/// A `[[groups]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// Short name, e.g. `SEC`.
    pub id: Loc<String>,
    /// Long name, e.g. `Security`.
    #[serde(default)]
    pub name: Option<String>,
    /// Meeting id of the group's file; `<id>#<week.id>` by default.
    #[serde(default)]
    pub meeting: Option<Loc<String>>,
    /// The chair: must be present at every session of the group.
    pub chair: Loc<String>,
    /// The secretary (printed in the meeting file; not a constraint).
    #[serde(default)]
    pub secretary: Option<Loc<String>>,
    /// Expected attendance of the group's own sessions.
    #[serde(default)]
    pub attendance: Option<u32>,
    /// Half-days or slots the group cannot meet (hard).
    #[serde(default)]
    pub unavailable: Vec<Loc<String>>,
    /// Groups that must not meet at the same time: first priority.
    #[serde(default)]
    pub conflicts: Vec<Loc<String>>,
    /// Second priority.
    #[serde(default)]
    pub conflicts2: Vec<Loc<String>>,
    /// Third priority.
    #[serde(default)]
    pub conflicts3: Vec<Loc<String>>,
    /// `subsequent-days` or `free-day-between`: how the group's own sessions follow each other.
    #[serde(default)]
    pub days: Option<Loc<DaysRelation>>,
    /// A group this group's first session should directly precede or follow in the same room.
    #[serde(default)]
    pub adjacent: Option<Loc<String>>,
    /// The group's session requests.
    #[serde(default)]
    pub sessions: Vec<SessionSpec>,
    /// Its conflict profile from an included file (name, conflicts, key
    /// people, unavailable half-days), when one declares the group.
    #[serde(skip)]
    pub profile: Option<Profile>,
}

/// How a group's sessions follow each other over the days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DaysRelation {
    /// Each session on the day after the previous one.
    SubsequentDays,
    /// At least one free day between each session and the previous one
    /// (the IETF datatracker's `one-day-seperation`): Monday and Wednesday
    /// or Thursday, never Monday and Tuesday.
    FreeDayBetween,
}

/// A `[[groups.sessions]]` table: `count` sessions alike.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSpec {
    /// How many sessions (default 1).
    #[serde(default = "one")]
    pub count: Loc<u32>,
    /// Length in slots (default 1; 2 for a double or super session).
    #[serde(default = "one")]
    pub length: Loc<u32>,
    /// Duration in minutes: only slots whose own durations add up to this
    /// much are used (a 120-minute session never goes into a 90-minute slot).
    #[serde(default)]
    pub minutes: Option<Loc<u32>>,
    /// `break-out` (default), `plenary`, `coordination`, `ad-hoc` ...
    #[serde(default)]
    pub kind: Option<Loc<SessionKind>>,
    /// Title printed in the meeting file.
    #[serde(default)]
    pub title: Option<String>,
    /// Expected attendance; the group's by default.
    #[serde(default)]
    pub attendance: Option<u32>,
    /// Pinned start (hard), e.g. `"Mon/1"`.
    #[serde(default)]
    pub at: Option<Loc<String>>,
    /// Pinned room (hard).
    #[serde(default)]
    pub room: Option<Loc<String>>,
    /// Preferred starts (soft), e.g. `["Mon/1", "Thu/4"]`.
    #[serde(default)]
    pub prefer: Vec<Loc<String>>,
    /// A room smaller than the attendance is acceptable.
    #[serde(default)]
    pub allow_small_room: bool,
}

fn one() -> Loc<u32> {
    Loc::synthetic(1)
}

/// A `[[joint]]` table: a session of several groups.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JointSpec {
    /// The groups; all must be free.
    pub groups: Vec<Loc<String>>,
    /// Whose meeting file holds it; the first group by default.
    #[serde(default)]
    pub host: Option<Loc<String>>,
    /// How many sessions (default 1).
    #[serde(default = "one")]
    pub count: Loc<u32>,
    /// Length in slots (default 1).
    #[serde(default = "one")]
    pub length: Loc<u32>,
    /// Duration in minutes, as for group sessions.
    #[serde(default)]
    pub minutes: Option<Loc<u32>>,
    /// `joint` (default), `plenary` or `coordination`.
    #[serde(default)]
    pub kind: Option<Loc<SessionKind>>,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Expected attendance; by default the sum of the groups'.
    #[serde(default)]
    pub attendance: Option<u32>,
    /// Pinned start (hard).
    #[serde(default)]
    pub at: Option<Loc<String>>,
    /// Pinned room (hard).
    #[serde(default)]
    pub room: Option<Loc<String>>,
    /// Preferred starts (soft).
    #[serde(default)]
    pub prefer: Vec<Loc<String>>,
    /// A room smaller than the attendance is acceptable.
    #[serde(default)]
    pub allow_small_room: bool,
}

/// Why a requests file could not be used.
#[derive(Debug)]
pub enum RequestsError {
    /// The file could not be read at all.
    Read(ReadError),
    /// The file was read but is wrong; the sources hold its text.
    Invalid(Sources, Vec<Diagnostic>),
}

/// Most sessions one `[[groups.sessions]]` or `[[joint]]` table may ask for.
pub const MAX_COUNT: u32 = 1000;

/// Reads and resolves a requests file, with the shared files its
/// `include` names (read as for meeting files: each once, cycles refused,
/// errors in the included file's own lines).
pub fn load(path: &Path) -> Result<(Sources, Instance), RequestsError> {
    let mut sources = Sources::new();
    let (source, utf8) =
        load::read_text_as(path, load::TextKind::Requests).map_err(RequestsError::Read)?;
    let id = sources.add(source);
    if let Some(d) = utf8 {
        let d = Diagnostic {
            labels: Vec::new(),
            ..d
        };
        return Err(RequestsError::Invalid(sources, vec![d]));
    }
    let mut requests = match read(sources.get(id), id) {
        Ok(r) => r,
        Err(diags) => return Err(RequestsError::Invalid(sources, diags)),
    };
    let mut diags = Vec::new();
    if !requests.include.is_empty() {
        let mut includes = Includes::default();
        let files = includes.closure(&mut sources, id, &requests.include, &mut diags);
        if !diags.is_empty() {
            // Without the shared groups every name they declare would be
            // reported unknown as well.
            return Err(RequestsError::Invalid(sources, diags));
        }
        merge(&mut requests, &includes, &files, id, &mut diags);
    }
    match Resolver::new(id).resolve(&requests) {
        Ok(mut instance) if diags.is_empty() => {
            // Each file was read, so it has a canonical path; the meeting
            // files written name it relative to where they are.
            instance.include = requests
                .include
                .iter()
                .map(|e| {
                    let p = load::beside(path, e);
                    std::fs::canonicalize(&p).unwrap_or(p)
                })
                .collect();
            instance.shared_groups = requests.shared_groups.iter().cloned().collect();
            instance.shared_people = requests.shared_people.iter().cloned().collect();
            Ok((sources, instance))
        }
        Ok(_) => Err(RequestsError::Invalid(sources, diags)),
        Err(more) => {
            diags.extend(more);
            Err(RequestsError::Invalid(sources, diags))
        }
    }
}

/// Parses and resolves the text of a requests file that includes no other
/// file ([`load`] reads the included ones).
pub fn parse(source: &Source, file: FileId) -> Result<Instance, Vec<Diagnostic>> {
    let requests = read(source, file)?;
    if let Some(first) = requests.include.first() {
        return Err(vec![
            Diagnostic::error("include-file", "included files are read only from a file on disk")
                .at(file, first.span.clone(), "included here")
                .field("include[0]")
                .help("give the requests file's path to agendum timetable, so that the paths of `include` can be read relative to it"),
        ]);
    }
    Resolver::new(file).resolve(&requests)
}

/// The fields of a requests file, before any name is resolved.
fn read(source: &Source, file: FileId) -> Result<Requests, Vec<Diagnostic>> {
    if source.text.trim().is_empty() {
        return Err(vec![Diagnostic::error("empty-file", "the requests file is empty")
            .at(file, 0..0, "nothing here")
            .help("a requests file needs a [week] table with id, timezone, days and slots, then [[rooms]] and [[groups]]; see docs/timetable.md or schedules/tp-week-requests.toml")]);
    }
    toml::from_str(&source.text).map_err(|e| {
        vec![
            load::other_kind(source, file, load::TextKind::Requests)
                .unwrap_or_else(|| load::toml_error(source, file, &e)),
        ]
    })
}

/// Gives the requests file's groups the profiles the included `files`
/// declare for them, and notes the included groups and aliases. A group or
/// person declared twice among the included files, and a profile field
/// given both by the requests file and by an included file, are errors in
/// `out`.
fn merge(
    r: &mut Requests,
    includes: &Includes,
    files: &[FileId],
    main: FileId,
    out: &mut Vec<Diagnostic>,
) {
    let twice = |what: &str,
                 name: &str,
                 here: (FileId, Range<usize>),
                 first: (FileId, Range<usize>),
                 field: String| {
        Diagnostic::error("duplicate-id", format!("{what} `{name}` is declared twice"))
            .at(here.0, here.1, "declared again here")
            .at(first.0, first.1, "first declared here")
            .field(field)
            .help(format!(
                "declare each {what} once among the included files; remove or rename one"
            ))
    };
    let mut profiles: HashMap<String, Profile> = HashMap::new();
    let mut people: HashMap<String, (FileId, Range<usize>)> = HashMap::new();
    for &f in files {
        let Some(shared) = includes.get(f) else {
            continue;
        };
        for (i, g) in shared.groups.iter().enumerate() {
            if let Some(first) = profiles.get(g.id.as_str()) {
                let at = (first.file, first.group.id.span.clone());
                out.push(twice(
                    "group",
                    g.id.as_str(),
                    (f, g.id.span.clone()),
                    at,
                    format!("groups[{i}].id"),
                ));
                continue;
            }
            profiles.insert(
                g.id.value.clone(),
                Profile {
                    file: f,
                    index: i,
                    group: g.clone(),
                },
            );
        }
        for (i, p) in shared.people.iter().enumerate() {
            if let Some(first) = people.get(p.name.as_str()) {
                out.push(twice(
                    "person",
                    p.name.as_str(),
                    (f, p.name.span.clone()),
                    first.clone(),
                    format!("people[{i}].name"),
                ));
                continue;
            }
            people.insert(p.name.value.clone(), (f, p.name.span.clone()));
            r.shared_people.push(p.name.value.clone());
            r.shared_people
                .extend(p.aliases.iter().map(|a| a.value.clone()));
            for a in &p.aliases {
                r.aliases
                    .entry(a.value.clone())
                    .or_insert_with(|| p.name.value.clone());
            }
        }
    }
    for (i, g) in r.groups.iter_mut().enumerate() {
        let Some(p) = profiles.get(g.id.as_str()) else {
            continue;
        };
        profile_twice(g, i, p, main, out);
        g.profile = Some(p.clone());
    }
    let mut ids: Vec<String> = profiles.into_keys().collect();
    ids.sort();
    r.shared_groups = ids;
}

/// The profile fields the requests file gives for group `g` (index `i`)
/// that the shared declaration `p` gives too: each a `duplicate-id` error.
fn profile_twice(g: &GroupSpec, i: usize, p: &Profile, main: FileId, out: &mut Vec<Diagnostic>) {
    let shared = &p.group;
    let first_span = |l: &[Loc<String>]| l.first().map(|x| x.span.clone());
    let both = [
        (
            "name",
            g.name.as_ref().map(|_| g.id.span.clone()),
            shared.name.as_ref().map(|_| shared.id.span.clone()),
        ),
        (
            "conflicts",
            first_span(&g.conflicts),
            first_span(&shared.conflicts.first),
        ),
        (
            "conflicts2",
            first_span(&g.conflicts2),
            first_span(&shared.conflicts.second),
        ),
        (
            "conflicts3",
            first_span(&g.conflicts3),
            first_span(&shared.conflicts.third),
        ),
        (
            "unavailable",
            first_span(&g.unavailable),
            shared.unavailable.first().map(|h| h.day.span.clone()),
        ),
    ];
    for (field, here, there) in both {
        if let (Some(here), Some(there)) = (here, there) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!(
                        "group `{}`'s {field} is declared twice: in the requests file and in a file it includes",
                        g.id.as_str()
                    ),
                )
                .at(main, here, "declared in the requests file")
                .at(p.file, there, "and in the included file")
                .field(format!("groups[{i}].{field}"))
                .help("declare a group's profile (name, conflicts, unavailable half-days, key people) in one place: keep it in the shared file and remove it from the requests file"),
            );
        }
    }
}

/// Turns names into indices, collecting every error rather than stopping at the first.
struct Resolver {
    file: FileId,
    errors: Vec<Diagnostic>,
}

impl Resolver {
    fn new(file: FileId) -> Self {
        Self {
            file,
            errors: Vec::new(),
        }
    }

    fn error(
        &mut self,
        span: std::ops::Range<usize>,
        field: String,
        message: String,
        help: String,
    ) {
        self.error_in(self.file, span, field, message, help);
    }

    /// An error in `file`: the requests file or one it includes.
    fn error_in(
        &mut self,
        file: FileId,
        span: std::ops::Range<usize>,
        field: String,
        message: String,
        help: String,
    ) {
        self.errors.push(
            Diagnostic::error("invalid-request", message)
                .at(file, span, "")
                .field(field)
                .help(help),
        );
    }

    /// Refuses the ids and names that cannot be written into a meeting file
    /// (`load::fields` has the rules) and counts past [`MAX_COUNT`].
    fn check_ids_and_counts(&mut self, r: &Requests) {
        let mut ids: Vec<(&Loc<String>, String, &str)> =
            vec![(&r.week.id, "week.id".into(), "week id")];
        for (i, room) in r.rooms.iter().enumerate() {
            ids.push((&room.name, format!("rooms[{i}].name"), "room name"));
        }
        for (i, p) in r.people.iter().enumerate() {
            ids.push((&p.name, format!("people[{i}].name"), "person's name"));
        }
        for (i, g) in r.groups.iter().enumerate() {
            ids.push((&g.id, format!("groups[{i}].id"), "group id"));
            ids.push((&g.chair, format!("groups[{i}].chair"), "chair's name"));
            if let Some(m) = &g.meeting {
                ids.push((m, format!("groups[{i}].meeting"), "meeting id"));
            }
            if let Some(s) = &g.secretary {
                ids.push((s, format!("groups[{i}].secretary"), "secretary's name"));
            }
        }
        for (l, field, what) in ids {
            self.errors.extend(load::fields::check_id(
                self.file,
                l.span.clone(),
                field,
                what,
                l.as_str(),
            ));
        }
        let counts = r
            .groups
            .iter()
            .enumerate()
            .flat_map(|(i, g)| {
                g.sessions
                    .iter()
                    .enumerate()
                    .map(move |(j, s)| (&s.count, format!("groups[{i}].sessions[{j}].count")))
            })
            .chain(
                r.joint
                    .iter()
                    .enumerate()
                    .map(|(i, j)| (&j.count, format!("joint[{i}].count"))),
            );
        let over: Vec<_> = counts.filter(|(c, _)| c.value > MAX_COUNT).collect();
        for (c, field) in over {
            self.error(
                c.span.clone(),
                field,
                format!(
                    "count = {} asks for more sessions than one request may make ({MAX_COUNT})",
                    c.value
                ),
                format!("give a count from 1 to {MAX_COUNT}; a week has a few sessions per group"),
            );
        }
    }

    /// Each group becomes one meeting file (`timetable -o DIR`) named after
    /// its id: refuses ids that give no usable name and ids whose names are
    /// the same on a case-insensitive file system (`SEC`, `sec`), where one
    /// file would silently replace the other.
    fn check_file_names(&mut self, r: &Requests, group_index: &HashMap<&str, usize>) {
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, g) in r.groups.iter().enumerate() {
            let id = g.id.as_str();
            // The second of two identical ids is already "declared twice".
            if group_index.get(id) != Some(&i) {
                continue;
            }
            let name = super::output::file_name(id);
            if !id.chars().any(|c| c.is_ascii_alphanumeric()) {
                self.error(
                    g.id.span.clone(),
                    format!("groups[{i}].id"),
                    format!("group id `{}` gives no usable file name (`{name}`)", crate::diagnostic::sanitize_for_terminal(id)),
                    "a group's meeting file is named after its id: give an id with at least one ASCII letter or digit, e.g. \"SEC\"".into(),
                );
                continue;
            }
            match names.get(&name) {
                Some(&k) => self.error(
                    g.id.span.clone(),
                    format!("groups[{i}].id"),
                    format!(
                        "group `{id}` would be written to {name}, like group `{}` (groups[{k}].id): file names ignore case and punctuation",
                        r.groups[k].id.as_str()
                    ),
                    "give the groups ids that differ in letters or digits, not only in case or punctuation".into(),
                ),
                None => {
                    names.insert(name, i);
                }
            }
        }
    }

    #[allow(clippy::too_many_lines)]
    fn resolve(mut self, r: &Requests) -> Result<Instance, Vec<Diagnostic>> {
        self.check_ids_and_counts(r);
        // Days and their grids.
        let mut days: Vec<Day> = Vec::new();
        let mut seen_days: HashMap<Date, usize> = HashMap::new();
        if r.week.days.is_empty() {
            self.error(
                0..0,
                "week.days".into(),
                "the week has no days".into(),
                "list the meeting days, e.g. days = [2016-07-18, 2016-07-19]".into(),
            );
        }
        if r.week.slots.is_empty() {
            self.error(
                0..0,
                "week.slots".into(),
                "the week has no slots".into(),
                "give the day's slot grid, e.g. slots = [\"09:00-10:30\", \"11:00-12:30\"]".into(),
            );
        }
        for (i, d) in r.week.days.iter().enumerate() {
            if seen_days.insert(d.value, i).is_some() {
                self.error(
                    d.span.clone(),
                    format!("week.days[{i}]"),
                    format!("{} is listed twice", d.value),
                    "list each day once".into(),
                );
            } else {
                days.push(Day {
                    date: d.value,
                    slots: r.week.slots.iter().map(|s| s.value).collect(),
                });
            }
        }
        for (i, d) in r.day.iter().enumerate() {
            match seen_days.get(&d.date.value) {
                Some(&k) => {
                    if let Some(day) = days.get_mut(k) {
                        day.slots = d.slots.iter().map(|s| s.value).collect();
                    }
                }
                None => self.error(
                    d.date.span.clone(),
                    format!("day[{i}].date"),
                    format!("{} is not one of week.days", d.date.value),
                    "add the date to week.days, or correct it".into(),
                ),
            }
            check_grid(&mut self, &d.slots, &format!("day[{i}].slots"));
        }
        check_grid(&mut self, &r.week.slots, "week.slots");
        let grid = Grid::new(&days);

        // Rooms.
        let mut room_index: HashMap<&str, usize> = HashMap::new();
        let mut rooms = Vec::new();
        for (i, room) in r.rooms.iter().enumerate() {
            if room_index.insert(room.name.as_str(), i).is_some() {
                self.error(
                    room.name.span.clone(),
                    format!("rooms[{i}].name"),
                    format!("room `{}` is declared twice", room.name.as_str()),
                    "give each room once".into(),
                );
            }
            let mut available = vec![true; grid.len];
            for (j, u) in room.unavailable.iter().enumerate() {
                for t in self.slots(&grid, u, &format!("rooms[{i}].unavailable[{j}]")) {
                    if let Some(a) = available.get_mut(t) {
                        *a = false;
                    }
                }
            }
            rooms.push(Room {
                name: room.name.value.clone(),
                capacity: room.capacity.value,
                available,
            });
        }
        if rooms.is_empty() {
            self.error(
                0..0,
                "rooms".into(),
                "the requests file has no rooms".into(),
                "add [[rooms]] tables with name and capacity".into(),
            );
        }

        // Groups.
        let mut group_index: HashMap<&str, usize> = HashMap::new();
        for (i, g) in r.groups.iter().enumerate() {
            if group_index.insert(g.id.as_str(), i).is_some() {
                self.error(
                    g.id.span.clone(),
                    format!("groups[{i}].id"),
                    format!("group `{}` is declared twice", g.id.as_str()),
                    "declare each group once".into(),
                );
            }
        }
        self.check_file_names(r, &group_index);
        let group_names: Vec<&str> = r.groups.iter().map(|g| g.id.as_str()).collect();
        let group_in =
            |this: &mut Self, file: FileId, name: &Loc<String>, field: String| -> Option<usize> {
                let found = group_index.get(name.as_str()).copied();
                if found.is_none() {
                    let help = match did_you_mean(name.as_str(), group_names.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "declare it in [[groups]]; the groups are: {}",
                            group_names.join(", ")
                        ),
                    };
                    this.error_in(
                        file,
                        name.span.clone(),
                        field,
                        format!("unknown group `{}`", name.as_str()),
                        help,
                    );
                }
                found
            };
        let group = |this: &mut Self, name: &Loc<String>, field: String| -> Option<usize> {
            let file = this.file;
            group_in(this, file, name, field)
        };
        // A name the requests give, or the name an included alias stands for.
        let canonical = |name: &str| -> String {
            r.aliases
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.to_string())
        };

        // People.
        let mut people: Vec<Person> = Vec::new();
        let mut person_index: HashMap<String, usize> = HashMap::new();
        let mut required_by_group: Vec<Vec<usize>> = vec![Vec::new(); r.groups.len()];
        let mut attends_by_group: Vec<Vec<usize>> = vec![Vec::new(); r.groups.len()];
        let mut person = |name: &str, people: &mut Vec<Person>| -> usize {
            *person_index.entry(name.to_string()).or_insert_with(|| {
                people.push(Person {
                    name: name.to_string(),
                });
                people.len() - 1
            })
        };
        for (i, g) in r.groups.iter().enumerate() {
            let p = person(&canonical(g.chair.as_str()), &mut people);
            if let Some(v) = required_by_group.get_mut(i) {
                v.push(p);
            }
        }
        // Key people of the included profiles: needed at every session of
        // their group, like a chair.
        for (i, g) in r.groups.iter().enumerate() {
            let Some(profile) = &g.profile else { continue };
            for (j, name) in profile.group.key_people.iter().enumerate() {
                let field = format!("groups[{}].key_people[{j}]", profile.index);
                let bad = load::fields::check_id(
                    profile.file,
                    name.span.clone(),
                    field,
                    "person's name",
                    name.as_str(),
                );
                if let Some(d) = bad {
                    self.errors.push(d);
                    continue;
                }
                let k = person(&canonical(name.as_str()), &mut people);
                if let Some(v) = required_by_group.get_mut(i) {
                    if !v.contains(&k) {
                        v.push(k);
                    }
                }
            }
        }
        for (i, p) in r.people.iter().enumerate() {
            let k = person(&canonical(p.name.as_str()), &mut people);
            for (j, g) in p.required.iter().enumerate() {
                if let Some(g) = group(&mut self, g, format!("people[{i}].required[{j}]")) {
                    if let Some(v) = required_by_group.get_mut(g) {
                        if !v.contains(&k) {
                            v.push(k);
                        }
                    }
                }
            }
            for (j, g) in p.attends.iter().enumerate() {
                if let Some(g) = group(&mut self, g, format!("people[{i}].attends[{j}]")) {
                    if let Some(v) = attends_by_group.get_mut(g) {
                        v.push(k);
                    }
                }
            }
        }

        let weights = Weights::from_spec(&r.weights);
        let mut conflicts: BTreeMap<(usize, usize), i64> = BTreeMap::new();
        let mut group_unavailable = Vec::new();
        for (i, g) in r.groups.iter().enumerate() {
            let mut unavailable = vec![false; grid.len];
            for (j, u) in g.unavailable.iter().enumerate() {
                for t in self.slots(&grid, u, &format!("groups[{i}].unavailable[{j}]")) {
                    if let Some(x) = unavailable.get_mut(t) {
                        *x = true;
                    }
                }
            }
            if let Some(profile) = &g.profile {
                block_half_days(&days, &grid, &profile.group.unavailable, &mut unavailable);
            }
            group_unavailable.push(unavailable);
            let own = [
                (&g.conflicts, "conflicts", weights.conflict[0]),
                (&g.conflicts2, "conflicts2", weights.conflict[1]),
                (&g.conflicts3, "conflicts3", weights.conflict[2]),
            ]
            .into_iter()
            .map(|(list, name, w)| (self.file, list, name.to_string(), w));
            let shared = g.profile.iter().flat_map(|p| {
                [
                    (&p.group.conflicts.first, "first", weights.conflict[0]),
                    (&p.group.conflicts.second, "second", weights.conflict[1]),
                    (&p.group.conflicts.third, "third", weights.conflict[2]),
                ]
                .into_iter()
                .map(|(list, name, w)| {
                    (
                        p.file,
                        list,
                        format!("groups[{}].conflicts.{name}", p.index),
                        w,
                    )
                })
            });
            let lists: Vec<_> = own
                .map(|(f, l, name, w)| (f, l, format!("groups[{i}].{name}"), w))
                .chain(shared)
                .collect();
            for (file, list, name, w) in lists {
                for (j, other) in list.iter().enumerate() {
                    // A shared profile names the body's groups; those that
                    // do not meet this week are no conflict here.
                    if file != self.file
                        && !group_index.contains_key(other.as_str())
                        && r.shared_groups.iter().any(|s| s == other.as_str())
                    {
                        continue;
                    }
                    let Some(h) = group_in(&mut self, file, other, format!("{name}[{j}]")) else {
                        continue;
                    };
                    if h == i {
                        self.error_in(
                            file,
                            other.span.clone(),
                            format!("{name}[{j}]"),
                            format!("group `{}` lists itself as a conflict", g.id.as_str()),
                            "a group never meets twice at once anyway; remove it".into(),
                        );
                        continue;
                    }
                    let key = (i.min(h), i.max(h));
                    let e = conflicts.entry(key).or_insert(0);
                    *e = (*e).max(w);
                }
            }
        }

        // Sessions.
        let mut sessions: Vec<Sess> = Vec::new();
        let mut links = Vec::new();
        let mut own_of_group: Vec<Vec<usize>> = vec![Vec::new(); r.groups.len()];
        let mut request = 0;
        for (i, g) in r.groups.iter().enumerate() {
            let mut number = 0;
            for (j, spec) in g.sessions.iter().enumerate() {
                let field = format!("groups[{i}].sessions[{j}]");
                let kind = spec
                    .kind
                    .as_ref()
                    .map_or(SessionKind::BreakOut, |k| k.value);
                let place = self.placement(
                    &grid,
                    &room_index,
                    spec.at.as_ref(),
                    spec.room.as_ref(),
                    &spec.prefer,
                    (&spec.length, spec.minutes.as_ref()),
                    &field,
                );
                request += 1;
                for _ in 0..spec.count.value.min(MAX_COUNT) {
                    number += 1;
                    let s = sessions.len();
                    own_of_group[i].push(s);
                    sessions.push(Sess {
                        id: format!("S{number}"),
                        host: i,
                        groups: vec![i],
                        own: true,
                        kind,
                        title: spec.title.clone(),
                        length: place.length,
                        minutes: place.minutes,
                        request,
                        attendance: spec.attendance.or(g.attendance).unwrap_or(0),
                        pin_start: place.at,
                        pin_room: place.room,
                        prefer: place.prefer.clone(),
                        allow_small_room: spec.allow_small_room,
                        people: Vec::new(),
                        attendees: Vec::new(),
                    });
                }
            }
        }
        let mut joint_number = vec![0; r.groups.len()];
        for (i, spec) in r.joint.iter().enumerate() {
            let field = format!("joint[{i}]");
            let mut members = Vec::new();
            for (j, g) in spec.groups.iter().enumerate() {
                if let Some(g) = group(&mut self, g, format!("{field}.groups[{j}]")) {
                    if !members.contains(&g) {
                        members.push(g);
                    }
                }
            }
            if spec.groups.len() < 2 {
                let span = spec.groups.first().map_or(0..0, |g| g.span.clone());
                self.error(span, format!("{field}.groups"), "a joint session needs at least two groups".into(), "list the groups that meet together, or make it a session of the group in [[groups.sessions]]".into());
            }
            let host = match &spec.host {
                Some(h) => {
                    let found = group(&mut self, h, format!("{field}.host"));
                    if let Some(k) = found {
                        if !members.contains(&k) {
                            self.error(h.span.clone(), format!("{field}.host"), format!("the host `{}` is not one of the session's groups", h.as_str()), "the host is the group whose meeting file holds the session; name one of `groups`".into());
                        }
                    }
                    found
                }
                None => members.first().copied(),
            };
            let Some(host) = host else { continue };
            let kind = spec.kind.as_ref().map_or(SessionKind::Joint, |k| k.value);
            let place = self.placement(
                &grid,
                &room_index,
                spec.at.as_ref(),
                spec.room.as_ref(),
                &spec.prefer,
                (&spec.length, spec.minutes.as_ref()),
                &field,
            );
            request += 1;
            let attendance = spec.attendance.unwrap_or_else(|| {
                members
                    .iter()
                    .filter_map(|&g| r.groups.get(g).and_then(|g| g.attendance))
                    .sum()
            });
            for _ in 0..spec.count.value.min(MAX_COUNT) {
                let n = joint_number.get_mut(host).map_or(1, |n| {
                    *n += 1;
                    *n
                });
                sessions.push(Sess {
                    id: format!("J{n}"),
                    host,
                    groups: members.clone(),
                    own: false,
                    kind,
                    title: spec.title.clone(),
                    length: place.length,
                    minutes: place.minutes,
                    request,
                    attendance,
                    pin_start: place.at,
                    pin_room: place.room,
                    prefer: place.prefer.clone(),
                    allow_small_room: spec.allow_small_room,
                    people: Vec::new(),
                    attendees: Vec::new(),
                });
            }
        }
        // A plenary or coordination session is attended by every group (as
        // `agendum check` holds): it blocks them all.
        for s in &mut sessions {
            if s.kind.is_all_groups() {
                let host = s.host;
                s.groups = std::iter::once(host)
                    .chain((0..r.groups.len()).filter(|&g| g != host))
                    .collect();
            }
        }
        for s in &mut sessions {
            let mut required: Vec<usize> = s
                .groups
                .iter()
                .flat_map(|&g| required_by_group.get(g).into_iter().flatten().copied())
                .collect();
            required.sort_unstable();
            required.dedup();
            s.people = required;
            let mut attendees: Vec<usize> = s
                .groups
                .iter()
                .flat_map(|&g| attends_by_group.get(g).into_iter().flatten().copied())
                .collect();
            attendees.sort_unstable();
            attendees.dedup();
            s.attendees = attendees;
        }

        // Relations between sessions.
        for (i, g) in r.groups.iter().enumerate() {
            let own = own_of_group.get(i).cloned().unwrap_or_default();
            if let Some(rel) = &g.days {
                let gap = match rel.value {
                    DaysRelation::SubsequentDays => 1,
                    DaysRelation::FreeDayBetween => 2,
                };
                for pair in own.windows(2) {
                    if let [a, b] = pair {
                        links.push(Link {
                            a: *a,
                            b: *b,
                            kind: match rel.value {
                                DaysRelation::SubsequentDays => LinkKind::DayGap(gap),
                                DaysRelation::FreeDayBetween => LinkKind::DayGapAtLeast(gap),
                            },
                        });
                    }
                }
            }
            if let Some(other) = &g.adjacent {
                if let Some(h) = group(&mut self, other, format!("groups[{i}].adjacent")) {
                    let first_h = own_of_group.get(h).and_then(|v| v.first().copied());
                    match (own.first(), first_h) {
                        (Some(&a), Some(b)) if h != i => links.push(Link { a, b, kind: LinkKind::Adjacent }),
                        _ => self.error(other.span.clone(), format!("groups[{i}].adjacent"), format!("`{}` cannot be adjacent to `{}`", g.id.as_str(), other.as_str()), "both groups need sessions of their own, and they must be different groups".into()),
                    }
                }
            }
        }

        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let groups = r
            .groups
            .iter()
            .map(|g| super::instance::Group {
                id: g.id.value.clone(),
                name: g
                    .name
                    .clone()
                    .or_else(|| g.profile.as_ref().and_then(|p| p.group.name.clone())),
                meeting: g.meeting.as_ref().map_or_else(
                    || format!("{}#{}", g.id.as_str(), r.week.id.as_str()),
                    |m| m.value.clone(),
                ),
                chair: g.chair.value.clone(),
                secretary: g.secretary.as_ref().map(|s| s.value.clone()),
            })
            .collect();
        Ok(Instance::new(
            r.week.id.value.clone(),
            r.week.timezone.value,
            r.week.venue.clone(),
            days,
            rooms,
            groups,
            people,
            group_unavailable,
            conflicts.into_iter().map(|((a, b), w)| (a, b, w)).collect(),
            sessions,
            links,
            weights,
        ))
    }

    /// Resolves a pin, a pinned room and preferences.
    #[allow(clippy::too_many_arguments)]
    fn placement(
        &mut self,
        grid: &Grid,
        rooms: &HashMap<&str, usize>,
        at: Option<&Loc<String>>,
        room: Option<&Loc<String>>,
        prefer: &[Loc<String>],
        (length, minutes): (&Loc<u32>, Option<&Loc<u32>>),
        field: &str,
    ) -> Placement {
        if length.value == 0 || length.value > 24 {
            self.error(length.span.clone(), format!("{field}.length"), format!("a session of {} slots cannot be placed", length.value), "give the length in slots of the day, 1 for a normal session, 2 for a double session".into());
        }
        if let Some(m) = minutes.filter(|m| m.value == 0 || m.value > 24 * 60) {
            self.error(m.span.clone(), format!("{field}.minutes"), format!("a session of {} minutes cannot be placed", m.value), "give the session's duration in minutes, from 1 to 1440, e.g. minutes = 90; leave it out to let any slot do".into());
        }
        let minutes = minutes.map_or(0, |m| m.value.min(24 * 60));
        let length = usize::try_from(length.value.clamp(1, 24)).unwrap_or(1);
        let at = at.and_then(|a| self.start(grid, a, &format!("{field}.at")));
        let room = room.and_then(|name| {
            let found = rooms.get(name.as_str()).copied();
            if found.is_none() {
                let help = match did_you_mean(name.as_str(), rooms.keys().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "declare the room in [[rooms]]".into(),
                };
                self.error(
                    name.span.clone(),
                    format!("{field}.room"),
                    format!("unknown room `{}`", name.as_str()),
                    help,
                );
            }
            found
        });
        let prefer = prefer
            .iter()
            .enumerate()
            .filter_map(|(j, p)| self.start(grid, p, &format!("{field}.prefer[{j}]")))
            .collect();
        Placement {
            length,
            minutes,
            at,
            room,
            prefer,
        }
    }

    /// A single slot (`"Mon/1"`), as a global slot index.
    fn start(&mut self, grid: &Grid, text: &Loc<String>, field: &str) -> Option<usize> {
        match grid.parse(text.as_str()) {
            Ok(SlotRef {
                day,
                part: Part::Slot(k),
            }) => grid.global(day, k),
            Ok(_) => {
                self.error(
                    text.span.clone(),
                    field.into(),
                    format!("`{}` is not a single slot", text.as_str()),
                    "name a day and a slot number, e.g. \"Mon/1\" or \"2016-07-18/1\"".into(),
                );
                None
            }
            Err(e) => {
                self.error(text.span.clone(), field.into(), e, SLOT_FORMS.into());
                None
            }
        }
    }

    /// The global slot indices a slot reference covers.
    fn slots(&mut self, grid: &Grid, text: &Loc<String>, field: &str) -> Vec<usize> {
        match grid.parse(text.as_str()) {
            Ok(r) => grid.cover(&r),
            Err(e) => {
                self.error(text.span.clone(), field.into(), e, SLOT_FORMS.into());
                Vec::new()
            }
        }
    }
}

/// Marks in `unavailable` the slots of the week that overlap the half-days
/// an included profile declares; half-days of other weeks mark nothing.
fn block_half_days(
    days: &[Day],
    grid: &Grid,
    halves: &[crate::model::HalfDay],
    unavailable: &mut [bool],
) {
    let minutes = |c: crate::model::clock::Clock| c.0.hour() * 60 + c.0.minute();
    for h in halves {
        let Some(d) = days.iter().position(|d| d.date == h.day.value) else {
            continue;
        };
        let (from, to) = h.half.map_or((0, 24), crate::model::Half::hours);
        let Some(day) = days.get(d) else { continue };
        for (k, slot) in day.slots.iter().enumerate() {
            let overlaps = minutes(slot.start) < to * 60 && minutes(slot.end) > from * 60;
            if let (true, Some(t)) = (overlaps, grid.global(d, k + 1)) {
                if let Some(x) = unavailable.get_mut(t) {
                    *x = true;
                }
            }
        }
    }
}

fn check_grid(this: &mut Resolver, slots: &[Loc<TimeRange>], field: &str) {
    for (i, pair) in slots.windows(2).enumerate() {
        if let [a, b] = pair {
            if b.start < a.end {
                this.error(
                    b.span.clone(),
                    format!("{field}[{}]", i + 1),
                    format!(
                        "slot {} ({}) starts before slot {} ({}) ends",
                        i + 2,
                        b.value,
                        i + 1,
                        a.value
                    ),
                    "list the slots of a day in order, without overlaps".into(),
                );
            }
        }
    }
}

/// The forms a slot reference can take, for error messages.
pub const SLOT_FORMS: &str = "write a day (\"Mon\", \"Monday\" or \"2016-07-18\"), optionally followed by \" am\", \" pm\", a clock range (the slots starting in it) or \"/N\" for slot N of that day: \"Mon\", \"Tue am\", \"Fri pm\", \"Thu 12:00-16:00\", \"Wed/3\", \"2016-07-18/2\"";

struct Placement {
    length: usize,
    minutes: u32,
    at: Option<usize>,
    room: Option<usize>,
    prefer: Vec<usize>,
}

/// A day and which of its slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SlotRef {
    day: usize,
    part: Part,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    All,
    Am,
    Pm,
    Slot(usize),
    /// The slots starting at or after the first clock time and before the second.
    Starting(TimeRange),
}

/// The days and slots of the week, numbered globally.
struct Grid<'a> {
    days: &'a [Day],
    offsets: Vec<usize>,
    len: usize,
}

impl<'a> Grid<'a> {
    fn new(days: &'a [Day]) -> Self {
        let mut offsets = Vec::new();
        let mut len = 0;
        for d in days {
            offsets.push(len);
            len += d.slots.len();
        }
        Self { days, offsets, len }
    }

    fn parse(&self, text: &str) -> Result<SlotRef, String> {
        let t = text.trim();
        let (day_text, part) = if let Some((d, n)) = t.split_once('/') {
            let n: usize = n
                .trim()
                .parse()
                .map_err(|_| format!("`{t}`: `{}` is not a slot number", n.trim()))?;
            (d.trim(), Part::Slot(n))
        } else if let Some((d, half)) = t.split_once(' ') {
            match half.trim().to_ascii_lowercase().as_str() {
                "am" => (d.trim(), Part::Am),
                "pm" => (d.trim(), Part::Pm),
                other if other.contains(':') => match TimeRange::parse(other) {
                    Ok(range) => (d.trim(), Part::Starting(range)),
                    Err(e) => return Err(format!("`{t}`: {e}")),
                },
                other => {
                    return Err(format!(
                        "`{t}`: `{other}` is neither am, pm nor a time range such as 12:00-16:00"
                    ));
                }
            }
        } else {
            (t, Part::All)
        };
        let day = self.day(day_text).ok_or_else(|| {
            let listed: Vec<String> = self
                .days
                .iter()
                .map(|d| format!("{} {}", &d.date.weekday_name()[..3], d.date))
                .collect();
            format!(
                "`{day_text}` is not a day of the week; the days are {}",
                listed.join(", ")
            )
        })?;
        if let Part::Slot(n) = part {
            let count = self.days.get(day).map_or(0, |d| d.slots.len());
            if n == 0 || n > count {
                return Err(format!("`{t}`: {day_text} has slots 1 to {count}, not {n}"));
            }
        }
        Ok(SlotRef { day, part })
    }

    fn day(&self, text: &str) -> Option<usize> {
        if let Ok(date) = Date::parse(text) {
            return self.days.iter().position(|d| d.date == date);
        }
        let lower = text.to_ascii_lowercase();
        if lower.len() < 3 {
            return None;
        }
        self.days.iter().position(|d| {
            let name = d.date.weekday_name().to_ascii_lowercase();
            name.starts_with(&lower)
        })
    }

    fn global(&self, day: usize, slot: usize) -> Option<usize> {
        Some(self.offsets.get(day)? + slot.checked_sub(1)?)
    }

    fn cover(&self, r: &SlotRef) -> Vec<usize> {
        let (Some(day), Some(&off)) = (self.days.get(r.day), self.offsets.get(r.day)) else {
            return Vec::new();
        };
        day.slots
            .iter()
            .enumerate()
            .filter(|(k, s)| match r.part {
                Part::All => true,
                Part::Am => s.start.0.hour() < 12,
                Part::Pm => s.start.0.hour() >= 12,
                Part::Slot(n) => k + 1 == n,
                Part::Starting(range) => s.start >= range.start && s.start < range.end,
            })
            .map(|(k, _)| off + k)
            .collect()
    }
}
