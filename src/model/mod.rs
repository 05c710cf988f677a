//! The domain model: one meeting file as plain data.
//!
//! These types are what a meeting file says, field for field; the loader
//! fills them from TOML (serde, with `deny_unknown_fields` so a typo is an
//! error, not silence) and the JSON Schema is derived from them, so the file
//! format, the loader and the schema cannot drift apart. Values that
//! diagnostics must point at are wrapped in [`Loc`]. There is no I/O and no
//! clock here.

pub mod carry;
pub mod clock;
pub mod cover;
pub mod loc;
pub mod number;
pub mod status;
pub mod zoned;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::load::source::FileId;
use crate::model::clock::{Date, TimeRange, Zone};
use crate::model::loc::Loc;
use crate::model::number::{AgendaNumber, ContributionNumber};
use crate::model::status::{
    ActionStatus, AssumedInMinutes, EventFact, ItemPlace, MeetingStatus, NextMeetingKind, Purpose,
    SessionFact, SessionKind, Status,
};

/// One meeting file: a meeting of one group, with what it needs.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "agendum meeting file")]
pub struct Meeting {
    /// Shared files of groups and people this file includes, relative to
    /// it: `include = ["../groups.toml"]` (docs/format.md, *Shared files*).
    #[serde(default)]
    pub include: Vec<Loc<String>>,
    /// The meeting itself.
    #[serde(rename = "meeting")]
    pub header: Header,
    /// Groups taking part in the meeting's sessions.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Rooms used by the sessions.
    #[serde(default)]
    pub rooms: Vec<Room>,
    /// People named anywhere in the file.
    #[serde(default)]
    pub people: Vec<Person>,
    /// Parallel tracks (break-outs) of a group, each with its own chair
    /// (docs/format.md, "Parallel tracks").
    #[serde(default)]
    pub tracks: Vec<Track>,
    /// The sessions of the week.
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// The numbered agenda.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// Contributions (documents) allocated to agenda items.
    #[serde(default)]
    pub contributions: Vec<Contribution>,
    /// Action items.
    #[serde(default)]
    pub actions: Vec<ActionItem>,
    /// Planned future meetings and calls.
    #[serde(default)]
    pub next_meetings: Vec<NextMeeting>,
    /// How `agendum check` judges this file's sessions (docs/conflicts.md).
    #[serde(default)]
    pub settings: Settings,
    /// Which loaded file this meeting came from.
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
    /// The body's cover texts, read from the file `meeting.notices` names.
    #[serde(skip)]
    #[schemars(skip)]
    pub covers: Option<std::sync::Arc<cover::Covers>>,
    /// The files `include` brought in, directly or through other included
    /// files, in the order read (their groups and people are in `groups`
    /// and `people`, each with its own `file`).
    #[serde(skip)]
    #[schemars(skip)]
    pub included: Vec<FileId>,
}

/// The `[meeting]` table.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Meeting id, e.g. `SEC#10.0`.
    pub id: Loc<String>,
    /// Full title, e.g. `SEC #10.0 (TP10 ordinary WG4 F2F)`.
    pub title: String,
    /// Short name of the hosting group (declared in `[[groups]]`).
    pub group: Loc<String>,
    /// The chair (a person's name or alias from `[[people]]`).
    pub chair: Loc<String>,
    /// The secretary (a person's name or alias).
    #[serde(default)]
    pub secretary: Option<Loc<String>>,
    /// First and last day.
    pub dates: DateRange,
    /// IANA time zone of the venue; session times are in this zone.
    pub timezone: Loc<Zone>,
    /// Where the delegates live, for calls: a call between 00:00 and 06:00
    /// in any of these zones is a `night-call`.
    #[serde(default)]
    pub delegate_zones: Vec<Loc<Zone>>,
    /// Where the meeting is held.
    #[serde(default)]
    pub venue: Option<String>,
    /// One-line description ("Ordinary face-to-face meeting during TP10 in Berlin, Germany.").
    #[serde(default)]
    pub details: Option<String>,
    /// `tentative` or `confirmed`.
    #[serde(default)]
    pub status: MeetingStatus,
    /// Why the schedule is tentative ("subject to alignment of TP Agenda").
    #[serde(default)]
    pub status_note: Option<String>,
    /// What the document is for: the ticked choice of the cover's
    /// "Intended purpose of document" box. A purpose the box does not list
    /// ticks "Other" and names itself.
    #[serde(default)]
    pub purpose: Option<Purpose>,
    /// The body's shared cover file (purpose box, template version,
    /// notices), relative to this file: `notices/onem2m.toml`.
    #[serde(default)]
    pub notices: Option<Loc<String>>,
    /// The numbers of this meeting's own documents.
    #[serde(default)]
    pub documents: Documents,
    /// Free lines printed under the session list.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Domain for calendar UIDs (`SEC-10.0-S1@example.org`).
    #[serde(default)]
    pub calendar_domain: Option<String>,
    /// URL of a contribution, with `{number}` where the number goes.
    #[serde(default)]
    pub document_url: Option<Loc<String>>,
    /// The day's slot grid: slot 1 is the first range. Sessions may give `slot` instead of `time`,
    /// and minutes name sessions by it ("Tuesday SEC-2").
    #[serde(default)]
    pub slots: Vec<Loc<TimeRange>>,
    /// Where times were assumed rather than read from a source (kept for readers of the file).
    #[serde(default)]
    pub assumptions: Vec<String>,
    /// What the minutes do with the facts sessions and history entries mark
    /// as `assumed`: `mark` them "(assumed)" (the default) or `omit` them.
    #[serde(default)]
    pub assumed_in_minutes: AssumedInMinutes,
    /// The agenda has been sent out: `agendum plan` then moves as few items
    /// and contributions as it can (`plan --rebalance` balances again).
    #[serde(default)]
    pub agenda_published: bool,
}

/// The numbers of a meeting's agenda and minutes, printed at the top of
/// their pages.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Documents {
    /// The agenda's number (`SEC-2014-0007R01`). Default: the latest
    /// revision of the contribution of type `agenda`, when there is one.
    #[serde(default)]
    pub agenda: Option<Loc<String>>,
    /// The minutes' number (`SEC-2016-0153`).
    #[serde(default)]
    pub minutes: Option<Loc<String>>,
}

/// A first and last day, both included.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// First day.
    pub start: Loc<Date>,
    /// Last day (may equal `start`).
    pub end: Loc<Date>,
}

impl DateRange {
    /// Whether `day` is within the range.
    pub fn contains(&self, day: Date) -> bool {
        self.start.value <= day && day <= self.end.value
    }
}

/// A working group.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Short name, e.g. `SEC`.
    pub id: Loc<String>,
    /// Long name, e.g. `Security`.
    #[serde(default)]
    pub name: Option<String>,
    /// Number, e.g. `WG4`.
    #[serde(default)]
    pub number: Option<String>,
    /// The group's mailing list address.
    #[serde(default)]
    pub email: Option<Loc<String>>,
    /// Prefix of the group's action item references, e.g. `A-WG4-SEC`.
    #[serde(default)]
    pub action_prefix: Option<String>,
    /// Groups this group's sessions should not overlap, in three priorities
    /// as in the IETF's conflict lists. Declarations in several files add up.
    #[serde(default)]
    pub conflicts: GroupConflicts,
    /// Half-days the group cannot meet.
    #[serde(default)]
    pub unavailable: Vec<HalfDay>,
    /// People who must be present at every session of the group besides
    /// its chair (the IETF's "key participants"): names or aliases.
    #[serde(default)]
    pub key_people: Vec<Loc<String>>,
    /// The file the group is declared in: the meeting file, or a file it
    /// includes.
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

/// The groups a group should not overlap, by priority.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupConflicts {
    /// Must not overlap (a chair of both groups, a shared deliverable).
    #[serde(default)]
    pub first: Vec<Loc<String>>,
    /// Should not overlap (many shared delegates).
    #[serde(default)]
    pub second: Vec<Loc<String>>,
    /// Better not overlap (some shared delegates).
    #[serde(default)]
    pub third: Vec<Loc<String>>,
}

impl GroupConflicts {
    /// Every listed group with its priority (1, 2 or 3).
    pub fn iter(&self) -> impl Iterator<Item = (u8, &Loc<String>)> {
        let tag = |p: u8| move |g| (p, g);
        self.first
            .iter()
            .map(tag(1))
            .chain(self.second.iter().map(tag(2)))
            .chain(self.third.iter().map(tag(3)))
    }
}

/// A day, or half of one, in the meeting's time zone.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HalfDay {
    /// The day.
    pub day: Loc<Date>,
    /// Which part of it; the whole day when absent.
    #[serde(default)]
    pub half: Option<Half>,
}

/// Part of a day, in the meeting's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Half {
    /// 00:00 to 12:00.
    Morning,
    /// 12:00 to 18:00.
    Afternoon,
    /// 18:00 to midnight.
    Evening,
}

impl Half {
    /// The clock hours covered, start included, end excluded (24 = midnight).
    pub fn hours(self) -> (u32, u32) {
        match self {
            Half::Morning => (0, 12),
            Half::Afternoon => (12, 18),
            Half::Evening => (18, 24),
        }
    }

    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Half::Morning => "morning",
            Half::Afternoon => "afternoon",
            Half::Evening => "evening",
        }
    }
}

/// The `[settings]` table: how `agendum check` judges the file's sessions.
/// Every field is optional; absent fields take the defaults below.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Hours of notice a joint session needs between `fixed` and its start (default 24).
    #[serde(default)]
    pub joint_notice_hours: Option<Loc<u32>>,
    /// Minutes a contribution takes when nothing more specific is known (default 15).
    #[serde(default)]
    pub minutes_per_contribution: Option<Loc<u32>>,
    /// Minutes per contribution by type, e.g. `{ CR = 10, LS = 5 }` (types compared case-insensitively).
    #[serde(default)]
    pub minutes_by_type: std::collections::BTreeMap<String, u32>,
    /// Shortest break, in minutes, between two sessions of one person or group in
    /// different rooms; closer sessions are `back-to-back` (default 0: only sessions that touch).
    #[serde(default)]
    pub min_break_minutes: Option<Loc<u32>>,
    /// Warning rules not reported for this file, e.g. `["back-to-back"]`.
    #[serde(default)]
    pub allow: Vec<Loc<String>>,
}

/// A room.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Room {
    /// Name, e.g. `Break-out` or `Main room`.
    pub name: Loc<String>,
    /// Seats.
    #[serde(default)]
    pub capacity: Option<u32>,
}

/// A person.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name as it should be printed.
    pub name: Loc<String>,
    /// Company or organisation.
    #[serde(default)]
    pub affiliation: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<Loc<String>>,
    /// Home time zone, for remote participation.
    #[serde(default)]
    pub timezone: Option<Loc<Zone>>,
    /// Other names the file or the minutes use for this person ("Francois", "François").
    #[serde(default)]
    pub aliases: Vec<Loc<String>>,
    /// The file the person is declared in: the meeting file, or a file it
    /// includes.
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

/// A track: one of the break-outs a group runs in parallel (3GPP RAN1's
/// sessions chaired by a vice-chair or session chair). Sessions of different
/// tracks of one group may overlap: the group's delegates split between
/// them, and the meeting's chair and secretary are not needed in them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Short id, unique in the meeting, e.g. `A` or `MIMO`.
    pub id: Loc<String>,
    /// Title, e.g. `Break-out A: NR MIMO and AI/ML`.
    #[serde(default)]
    pub title: Option<String>,
    /// The group whose track it is; defaults to the meeting's group.
    #[serde(default)]
    pub group: Option<Loc<String>>,
    /// Who chairs its sessions (a person); a session's own `chair` wins.
    /// Without either, the meeting's chair chairs it.
    #[serde(default)]
    pub chair: Option<Loc<String>>,
    /// People who must be in every session of the track besides its chair
    /// and presenters (a note-taker, a rapporteur).
    #[serde(default)]
    pub required: Vec<Loc<String>>,
}

/// A session of the week.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Short id, unique in the meeting, e.g. `S1`.
    pub id: Loc<String>,
    /// Title, e.g. `Super Session S2`; defaults to `Session <id>`.
    #[serde(default)]
    pub title: Option<String>,
    /// `break-out`, `joint`, `plenary`, `coordination`, `call`, `ad-hoc`, `social` or `break`.
    pub kind: Loc<SessionKind>,
    /// The day.
    pub day: Loc<Date>,
    /// Start and end, `"HH:MM-HH:MM"`, in the session's zone. Give this or `slot`.
    #[serde(default)]
    pub time: Option<Loc<TimeRange>>,
    /// Slot of the day (1-based, from `meeting.slots`), instead of `time`.
    #[serde(default)]
    pub slot: Option<Loc<u32>>,
    /// Zone of `time` when not the meeting's (a call given in UTC).
    #[serde(default)]
    pub timezone: Option<Loc<Zone>>,
    /// Room name (calls have none).
    #[serde(default)]
    pub room: Option<Loc<String>>,
    /// Groups taking part; defaults to the meeting's group.
    #[serde(default)]
    pub groups: Vec<Loc<String>>,
    /// Chair, when not the meeting's chair (or its track's).
    #[serde(default)]
    pub chair: Option<Loc<String>>,
    /// The parallel track (`[[tracks]]` id) this session belongs to.
    #[serde(default)]
    pub track: Option<Loc<String>>,
    /// Agenda items treated, by number.
    #[serde(default)]
    pub items: Vec<Loc<AgendaNumber>>,
    /// Contributions treated, in order, when the file fixes them.
    #[serde(default)]
    pub contributions: Vec<Loc<String>>,
    /// Free lines ("Review of agenda and objectives").
    #[serde(default)]
    pub notes: Vec<String>,
    /// People who must be present besides the chair and presenters.
    #[serde(default)]
    pub required: Vec<Loc<String>>,
    /// The name minutes use for this session ("Tuesday SEC/ARC/PRO-2").
    #[serde(default)]
    pub name: Option<Loc<String>>,
    /// Expected attendance.
    #[serde(default)]
    pub attendance: Option<u32>,
    /// When the session was fixed (a joint session needs notice): a date
    /// (`2014-04-08`, meaning its start) or a local date-time
    /// (`2014-04-08T12:00:00`), in the meeting's time zone.
    #[serde(default)]
    pub fixed: Option<Loc<FixedAt>>,
    /// Which of `day`, `slot`, `time` and `room` the file assumes rather
    /// than knows; documents never print them as facts.
    #[serde(default)]
    pub assumed: Vec<Loc<SessionFact>>,
}

/// When something was decided, in the meeting's time zone: a local date or date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FixedAt(pub chrono::NaiveDateTime);

impl<'de> Deserialize<'de> for FixedAt {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FixedAt;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a local date or date-time such as 2014-04-08 or 2014-04-08T12:00:00")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FixedAt, E> {
                FixedAt::parse(s).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FixedAt, A::Error> {
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                FixedAt::parse(&dt.to_string()).map_err(de::Error::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl FixedAt {
    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` (no offset: the meeting's zone applies).
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let bad = || {
            format!(
                "`{t}` is not a local date or date-time: write 2014-04-08 or 2014-04-08T12:00:00 (no offset; the meeting's time zone applies)"
            )
        };
        if let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(FixedAt(d.and_time(chrono::NaiveTime::MIN)));
        }
        [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(t, f).ok())
        .map(FixedAt)
        .ok_or_else(bad)
    }
}

impl schemars::JsonSchema for FixedAt {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FixedAt".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A local date (2014-04-08) or date-time (2014-04-08T12:00:00) in the meeting's time zone."
        })
    }
}

impl Session {
    /// Whether the file assumes `fact` of this session. An assumed slot
    /// makes the clock time assumed too.
    pub fn assumes(&self, fact: SessionFact) -> bool {
        let listed = |f: SessionFact| self.assumed.iter().any(|a| a.value == f);
        listed(fact) || (fact == SessionFact::Time && listed(SessionFact::Slot))
    }

    /// What the file assumes of this session, for a reader: "day, time and
    /// room assumed", or `None` when it assumes nothing. An assumed slot
    /// is said as an assumed time.
    pub fn assumed_words(&self) -> Option<String> {
        let facts: Vec<&str> = [SessionFact::Day, SessionFact::Time, SessionFact::Room]
            .into_iter()
            .filter(|f| self.assumes(*f))
            .map(SessionFact::as_str)
            .collect();
        let words = match facts.as_slice() {
            [] => return None,
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        Some(format!("{words} assumed"))
    }

    /// Whether the name minutes give this session ("Thursday SEC/MAS-2",
    /// from its day and slot) is an assumption: its day or its slot is (or
    /// its time, when the slot is read from the time).
    pub fn name_assumed(&self) -> bool {
        self.assumes(SessionFact::Day)
            || self.assumes(SessionFact::Slot)
            || (self.slot.is_none() && self.assumes(SessionFact::Time))
    }

    /// The title, or `Session <id>` when the file gives none.
    pub fn display_title(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| format!("Session {}", self.id.as_str()))
    }
}

/// A numbered agenda item.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Number as text, e.g. `"7.1"`.
    pub number: Loc<AgendaNumber>,
    /// Title.
    pub title: String,
    /// Text lines printed under the title.
    #[serde(default)]
    pub text: Vec<String>,
    /// Groups whose presence the item needs (an item on another WG's deliverable needs a joint session).
    #[serde(default)]
    pub groups: Vec<Loc<String>>,
    /// What the minutes record under the item besides its contributions
    /// ("There was no other business to discuss.").
    #[serde(default)]
    pub report: Vec<String>,
    /// Minutes the item itself takes besides its contributions (default 0),
    /// counted in the first session that treats it.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// Minutes per contribution on this item, overriding the file's default
    /// (a contribution's own `minutes` and `settings.minutes_by_type` win over it).
    #[serde(default)]
    pub minutes_per_contribution: Option<u32>,
    /// Session the item is pinned to: `agendum plan` leaves it there.
    #[serde(default)]
    pub session: Option<Loc<String>>,
    /// The parallel track (`[[tracks]]` id) that treats the item: `agendum
    /// plan` puts it and its contributions only in that track's sessions.
    /// Sub-items inherit it.
    #[serde(default)]
    pub track: Option<Loc<String>>,
    /// Where the item belongs: `first` (the meeting's first session) or
    /// `last` (its last); without it, `agendum plan` reads the title.
    #[serde(default)]
    pub place: Option<Loc<ItemPlace>>,
}

/// A contribution (document, Tdoc).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// Number with revision, e.g. `SEC-2014-0243R01`.
    pub number: Loc<ContributionNumber>,
    /// Later revisions in the chain, e.g. `["R02"]` (shown `R01 > R02`).
    #[serde(default)]
    pub revisions: Vec<Loc<String>>,
    /// Title.
    pub title: String,
    /// Source companies.
    #[serde(default)]
    pub source: Vec<String>,
    /// Who presents it (a person).
    #[serde(default)]
    pub presenter: Option<Loc<String>>,
    /// Type: CR, pCR, discussion, LS in, LS out, WID, agenda, report ...
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// What it is for.
    #[serde(default)]
    pub purpose: Option<Purpose>,
    /// Agenda item it is allocated to.
    pub item: Loc<AgendaNumber>,
    /// Where it stands.
    #[serde(default)]
    pub status: Option<Loc<Status>>,
    /// The source's own words about its status ("Merge TBD offline").
    #[serde(default)]
    pub remarks: Option<String>,
    /// Whether a revision is expected.
    #[serde(default)]
    pub revision_expected: bool,
    /// The contribution this one revises (3GPP "is revision of").
    #[serde(default)]
    pub revision_of: Option<Loc<String>>,
    /// The main CR this one is a companion or mirror of.
    #[serde(default)]
    pub companion_of: Option<Loc<String>>,
    /// Contributions that must be treated before this one.
    #[serde(default)]
    pub depends_on: Vec<Loc<String>>,
    /// Groups whose presence the contribution needs besides its item's:
    /// marks it for a joint session with them.
    #[serde(default)]
    pub groups: Vec<Loc<String>>,
    /// Estimated minutes to treat it.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// Session it is pinned to.
    #[serde(default)]
    pub session: Option<Loc<String>>,
    /// Abstract or free notes.
    #[serde(default)]
    pub notes: Vec<String>,
    /// What happened to it during the week, in order.
    #[serde(default)]
    pub history: Vec<Event>,
    /// Contact person as the portal lists them (free text: unlike
    /// `presenter`, not checked against `[[people]]`). Filled by `import`.
    #[serde(default)]
    pub contact: Option<String>,
    /// The abstract as the portal gives it (`notes` stay the user's own).
    #[serde(default, rename = "abstract")]
    pub summary: Option<String>,
    /// 3GPP release, e.g. `Rel-18`.
    #[serde(default)]
    pub release: Option<String>,
    /// Specification a CR changes, e.g. `33.501`.
    #[serde(default)]
    pub spec: Option<String>,
    /// CR number, e.g. `1234`.
    #[serde(default)]
    pub cr: Option<String>,
    /// CR category (`A`, `B`, `C`, `D`, `F`).
    #[serde(default)]
    pub cr_category: Option<String>,
    /// The meeting this contribution was carried over from, still open
    /// (`SEC#24`): written by `agendum next`; the agenda prints "carried
    /// over from SEC#24".
    #[serde(default)]
    pub carried_from: Option<Loc<String>>,
}

/// One thing that happened to a contribution: a presentation, a decision.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Which revision (`R01` or the whole number); the contribution's own number when absent.
    #[serde(default)]
    pub revision: Option<Loc<String>>,
    /// Session, by id or by the name minutes use ("Monday SEC-4").
    #[serde(default)]
    pub session: Option<Loc<String>>,
    /// Who presented it.
    #[serde(default)]
    pub by: Option<Loc<String>>,
    /// The decision.
    #[serde(default)]
    pub decision: Option<Loc<Status>>,
    /// The decision in the secretary's words, beside the canonical one
    /// ("AGREED to be proposed to TP for approval").
    #[serde(default)]
    pub wording: Option<String>,
    /// Groups that took a joint decision ("AGREED by ARC/SEC").
    #[serde(default)]
    pub decided_by: Vec<Loc<String>>,
    /// A revision is expected after this event.
    #[serde(default)]
    pub revision_expected: bool,
    /// Discussion notes.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Which of `session`, `by` and `decision` the file assumes rather than
    /// reads in the minutes (a decision inferred from a sentence about the
    /// deliverable): the minutes never print them as stated.
    #[serde(default)]
    pub assumed: Vec<Loc<EventFact>>,
}

impl Event {
    /// Whether the file assumes `fact` of this entry.
    pub fn assumes(&self, fact: EventFact) -> bool {
        self.assumed.iter().any(|f| f.value == fact)
    }
}

/// An action item.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// Reference, e.g. `A-WG4-SEC231`: the one the meeting gave it (`agendum
    /// record --action` allocates the next of the series). None for an item
    /// the minutes list without one: agendum does not invent references.
    #[serde(default)]
    pub reference: Option<Loc<String>>,
    /// What is to be done (one entry per line).
    pub what: Vec<String>,
    /// Who does it, as the table prints it ("Lead Qualcomm, Gemalto"); none
    /// when the minutes name no one.
    #[serde(default)]
    pub who: Option<String>,
    /// `open`, `completed` or `cancelled` (default `open`).
    #[serde(default)]
    pub status: Loc<ActionStatus>,
    /// Session where it was raised.
    #[serde(default)]
    pub session: Option<Loc<String>>,
    /// Contribution it came from.
    #[serde(default)]
    pub contribution: Option<Loc<String>>,
    /// The meeting that raised it, when an earlier meeting left it open
    /// (`SEC#24`): written by `agendum next`; the table prints "carried
    /// over from SEC#24".
    #[serde(default)]
    pub carried_from: Option<Loc<String>>,
}

/// A planned future meeting or call.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextMeeting {
    /// Id, e.g. `SEC#24.1`.
    pub id: String,
    /// `call`, `face-to-face` or `ad-hoc`.
    pub kind: Option<NextMeetingKind>,
    /// First and last day.
    pub dates: DateRange,
    /// Time, for a call.
    #[serde(default)]
    pub time: Option<Loc<TimeRange>>,
    /// Zone of `time` (calls are usually given in UTC).
    #[serde(default)]
    pub timezone: Option<Loc<Zone>>,
    /// Where, or which plenary hosts it ("TP 25, ETSI, Sophia-Antipolis").
    #[serde(default)]
    pub venue: Option<String>,
    /// Not yet fixed.
    #[serde(default)]
    pub tentative: bool,
    /// Free notes.
    #[serde(default)]
    pub notes: Vec<String>,
}
