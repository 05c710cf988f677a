//! The domain model: one meeting file as plain data.
//!
//! These types are what a meeting file says, field for field; the loader
//! fills them from TOML (serde, with `deny_unknown_fields` so a typo is an
//! error, not silence) and the JSON Schema is derived from them, so the file
//! format, the loader and the schema cannot drift apart. Values that
//! diagnostics must point at are wrapped in [`Loc`]. There is no I/O and no
//! clock here.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::clock::{Date, TimeRange, Zone};
use crate::loc::Loc;
use crate::number::{AgendaNumber, ContributionNumber};
use crate::source::FileId;
use crate::status::{ActionStatus, MeetingStatus, NextMeetingKind, Purpose, SessionKind, Status};

/// One meeting file: a meeting of one group, with what it needs.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "agendum meeting file")]
pub struct Meeting {
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
    /// Which loaded file this meeting came from.
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
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
    /// The purpose box on the document's cover.
    #[serde(default)]
    pub purpose: Option<Purpose>,
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
    pub email: Option<String>,
    /// Prefix of the group's action item references, e.g. `A-WG4-SEC`.
    #[serde(default)]
    pub action_prefix: Option<String>,
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
    pub email: Option<String>,
    /// Home time zone, for remote participation.
    #[serde(default)]
    pub timezone: Option<Loc<Zone>>,
    /// Other names the file or the minutes use for this person ("Francois", "François").
    #[serde(default)]
    pub aliases: Vec<Loc<String>>,
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
    /// Chair, when not the meeting's chair.
    #[serde(default)]
    pub chair: Option<Loc<String>>,
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
}

impl Session {
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
}

/// An action item.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// Reference, e.g. `A-WG4-SEC231`.
    pub reference: Loc<String>,
    /// What is to be done (one entry per line).
    pub what: Vec<String>,
    /// Who does it, as the table prints it ("Lead Qualcomm, Gemalto").
    pub who: String,
    /// `open`, `completed` or `cancelled`.
    #[serde(default)]
    pub status: ActionStatus,
    /// Session where it was raised.
    #[serde(default)]
    pub session: Option<Loc<String>>,
    /// Contribution it came from.
    #[serde(default)]
    pub contribution: Option<Loc<String>>,
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
