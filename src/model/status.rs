//! The canonical words for where a contribution stands, and the other small
//! vocabularies of a meeting file (session kinds, purposes, action states).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a contribution stands: one canonical set, whatever the source wrote.
/// The source's own words are kept beside it as remarks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A number is reserved; no document yet.
    Reserved,
    /// The document is on the portal, not yet treated.
    Available,
    /// Treated but kept open ("left open", "keep open").
    Open,
    /// Presented and noted.
    Noted,
    /// Agreed by the group.
    Agreed,
    /// Approved (usually by a plenary).
    Approved,
    /// Endorsed.
    Endorsed,
    /// Superseded by a revision.
    Revised,
    /// Merged into another contribution.
    Merged,
    /// Postponed to a later meeting.
    Postponed,
    /// Withdrawn by its source.
    Withdrawn,
    /// Rejected.
    Rejected,
    /// Treated, with no formal decision.
    Treated,
    /// Not treated for lack of time.
    #[serde(rename = "not treated")]
    NotTreated,
}

impl Status {
    /// Every status, in the order above.
    pub const ALL: [Status; 14] = [
        Status::Reserved,
        Status::Available,
        Status::Open,
        Status::Noted,
        Status::Agreed,
        Status::Approved,
        Status::Endorsed,
        Status::Revised,
        Status::Merged,
        Status::Postponed,
        Status::Withdrawn,
        Status::Rejected,
        Status::Treated,
        Status::NotTreated,
    ];

    /// The canonical word as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reserved => "reserved",
            Status::Available => "available",
            Status::Open => "open",
            Status::Noted => "noted",
            Status::Agreed => "agreed",
            Status::Approved => "approved",
            Status::Endorsed => "endorsed",
            Status::Revised => "revised",
            Status::Merged => "merged",
            Status::Postponed => "postponed",
            Status::Withdrawn => "withdrawn",
            Status::Rejected => "rejected",
            Status::Treated => "treated",
            Status::NotTreated => "not treated",
        }
    }

    /// Reads the words a portal, a spreadsheet or a secretary used ("Keep
    /// OPEN", "Left open", "AGREED", "Not Handled") and returns the canonical
    /// status, or `None` when no word is recognised.
    pub fn from_words(words: &str) -> Option<Status> {
        let w = words.trim().to_lowercase();
        let w = w.trim_end_matches('.');
        let direct = Status::ALL.iter().find(|s| s.as_str() == w).copied();
        direct.or_else(|| {
            let table: &[(&str, Status)] = &[
                ("not treated", Status::NotTreated),
                ("not handled", Status::NotTreated),
                ("not pursued", Status::NotTreated),
                ("left open", Status::Open),
                ("keep open", Status::Open),
                ("kept open", Status::Open),
                ("withdrawn", Status::Withdrawn),
                ("postponed", Status::Postponed),
                ("rejected", Status::Rejected),
                ("merged", Status::Merged),
                ("revised", Status::Revised),
                ("endorsed", Status::Endorsed),
                ("approved", Status::Approved),
                ("agreed", Status::Agreed),
                ("noted", Status::Noted),
                ("treated", Status::Treated),
                ("reserved", Status::Reserved),
                ("available", Status::Available),
                ("open", Status::Open),
            ];
            // The earliest word decides ("Noted, merge TBD" is noted); at the
            // same place the longer phrase wins ("not treated" over "treated").
            table
                .iter()
                .filter_map(|(k, s)| w.find(k).map(|pos| (pos, std::cmp::Reverse(k.len()), *s)))
                .min()
                .map(|(_, _, s)| s)
        })
    }

    /// Whether the contribution still needs treatment in a later session:
    /// not yet treated, kept open, postponed or not treated.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Status::Reserved
                | Status::Available
                | Status::Open
                | Status::Postponed
                | Status::NotTreated
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a session is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Deserialize,
    Serialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    /// One group in a break-out room.
    #[default]
    BreakOut,
    /// Several groups together.
    Joint,
    /// The plenary (opening, mid-week, closing).
    Plenary,
    /// The all-groups coordination session.
    Coordination,
    /// A conference call.
    Call,
    /// An ad-hoc or offline session.
    AdHoc,
    /// A social event.
    Social,
    /// A break (lunch, coffee).
    Break,
}

impl SessionKind {
    /// The kind as written in files (`break-out`).
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::BreakOut => "break-out",
            SessionKind::Joint => "joint",
            SessionKind::Plenary => "plenary",
            SessionKind::Coordination => "coordination",
            SessionKind::Call => "call",
            SessionKind::AdHoc => "ad-hoc",
            SessionKind::Social => "social",
            SessionKind::Break => "break",
        }
    }

    /// The kind as a heading word ("Break-out").
    pub fn label(self) -> &'static str {
        match self {
            SessionKind::BreakOut => "Break-out",
            SessionKind::Joint => "Joint",
            SessionKind::Plenary => "Plenary",
            SessionKind::Coordination => "Coordination",
            SessionKind::Call => "Conference call",
            SessionKind::AdHoc => "Ad-hoc",
            SessionKind::Social => "Social",
            SessionKind::Break => "Break",
        }
    }

    /// Whether every group of the week is expected to attend.
    pub fn is_all_groups(self) -> bool {
        matches!(self, SessionKind::Plenary | SessionKind::Coordination)
    }
}

impl fmt::Display for SessionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a meeting's schedule is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MeetingStatus {
    /// Subject to change (e.g. "subject to alignment of TP agenda").
    Tentative,
    /// Fixed.
    #[default]
    Confirmed,
}

/// What a document is submitted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// For decision.
    Decision,
    /// For discussion.
    Discussion,
    /// For information.
    Information,
    /// For approval.
    Approval,
    /// For agreement.
    Agreement,
    /// For endorsement.
    Endorsement,
    /// For action.
    Action,
    /// Something else.
    Other,
}

impl Purpose {
    /// The word as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Decision => "decision",
            Purpose::Discussion => "discussion",
            Purpose::Information => "information",
            Purpose::Approval => "approval",
            Purpose::Agreement => "agreement",
            Purpose::Endorsement => "endorsement",
            Purpose::Action => "action",
            Purpose::Other => "other",
        }
    }
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    /// Still to do.
    #[default]
    Open,
    /// Done.
    Completed,
    /// Dropped.
    Cancelled,
}

impl ActionStatus {
    /// The word as printed in action tables (`OPEN`).
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "OPEN",
            ActionStatus::Completed => "COMPLETED",
            ActionStatus::Cancelled => "CANCELLED",
        }
    }
}

/// A fact about a session that its file assumes rather than knows from its
/// source (`assumed = ["time", "room"]`): printed marked as assumed, or left
/// out of the minutes (`meeting.assumed_in_minutes`), never as a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SessionFact {
    /// The day (and so the name minutes give the session, "Thursday SEC/MAS-2").
    Day,
    /// The slot of the day (and so the session's name and its clock time).
    Slot,
    /// The clock time (a slot the minutes name may still have a guessed time).
    Time,
    /// The room.
    Room,
}

impl SessionFact {
    /// The word as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionFact::Day => "day",
            SessionFact::Slot => "slot",
            SessionFact::Time => "time",
            SessionFact::Room => "room",
        }
    }
}

/// A fact of a history entry that the file assumes rather than reads in the
/// minutes (`assumed = ["decision"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EventFact {
    /// The session it happened in.
    Session,
    /// Who presented.
    By,
    /// The decision (inferred, say, from a sentence about the deliverable).
    Decision,
}

impl EventFact {
    /// The word as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            EventFact::Session => "session",
            EventFact::By => "by",
            EventFact::Decision => "decision",
        }
    }
}

/// Where an agenda item belongs in the week, when the file says so
/// (`place = "first"` on an item); `agendum plan` follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemPlace {
    /// Taken up in the meeting's first session (opening items); an item too
    /// long for it starts there and goes on in the next sessions.
    First,
    /// Treated in the meeting's last session (closing items); an item too
    /// long for it ends there.
    Last,
}

/// What the minutes do with a fact the file marks as assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AssumedInMinutes {
    /// Print it, marked "(assumed)".
    #[default]
    Mark,
    /// Leave it out.
    Omit,
}

/// How a future meeting is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NextMeetingKind {
    /// A conference call.
    Call,
    /// A face-to-face meeting.
    FaceToFace,
    /// An ad-hoc meeting.
    AdHoc,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_words_map_to_the_canonical_set() {
        assert_eq!(Status::from_words("Keep OPEN"), Some(Status::Open));
        assert_eq!(Status::from_words("AGREED"), Some(Status::Agreed));
        assert_eq!(Status::from_words("Not Treated"), Some(Status::NotTreated));
        assert_eq!(
            Status::from_words("Noted, Merge TBD offline"),
            Some(Status::Noted)
        );
        assert_eq!(
            Status::from_words("R01 agreed (TBPosted)"),
            Some(Status::Agreed)
        );
        assert_eq!(Status::from_words("something else"), None);
    }

    #[test]
    fn the_3gpp_tdoc_statuses_map_to_the_canonical_set() {
        for (words, status) in [
            ("Revised", Status::Revised),
            ("Agreed", Status::Agreed),
            ("Approved", Status::Approved),
            ("Noted", Status::Noted),
            ("Withdrawn", Status::Withdrawn),
            ("Not pursued", Status::NotTreated),
            ("Not Handled", Status::NotTreated),
            ("Postponed", Status::Postponed),
            ("Merged", Status::Merged),
            ("Reserved", Status::Reserved),
            ("Available", Status::Available),
            ("Endorsed", Status::Endorsed),
            ("Rejected", Status::Rejected),
            ("Technically endorsed", Status::Endorsed),
        ] {
            assert_eq!(Status::from_words(words), Some(status), "{words}");
        }
        assert_eq!(Status::from_words("Pending approval"), None);
    }
}
