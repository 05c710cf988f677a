//! What is still open at a point of the week: the contributions a later
//! session must take up again.
//!
//! One definition, used by `agendum render --open` (the chair's "any pending
//! contributions" list) and by the planner (`agendum plan --from`), so the
//! two can never disagree on what "open" means.
//!
//! A contribution is open when
//! - it has no decision yet (no decision in its history and a status of
//!   none, `reserved` or `available`), or
//! - its last decision is `open` (left open), `postponed` or `not treated`, or
//! - a revision is expected after its last event (`revision_expected` on the
//!   last event, or on the contribution itself).
//!
//! Anything else is closed: withdrawn, merged, agreed, approved, endorsed,
//! rejected, noted or treated with no revision expected.

use crate::model::number::AgendaNumber;
use crate::model::status::Status;
use crate::model::{Contribution, Meeting};

/// Why a contribution is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenReason {
    /// No decision yet: not treated, or only presented.
    NoDecision,
    /// Its last decision leaves it for later (`open`, `postponed`, `not treated`).
    Pending(Status),
    /// A revision is expected after its last decision (`None` when there was none).
    RevisionExpected(Option<Status>),
}

impl OpenReason {
    /// How a chair says it: "not treated yet", "left open", "noted, revision expected".
    pub fn describe(self) -> String {
        match self {
            OpenReason::NoDecision => "not treated yet".to_string(),
            OpenReason::Pending(Status::Open) => "left open".to_string(),
            OpenReason::Pending(s) => s.as_str().to_string(),
            OpenReason::RevisionExpected(Some(s)) => format!("{s}, revision expected"),
            OpenReason::RevisionExpected(None) => "revision expected".to_string(),
        }
    }
}

/// One open contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenContribution {
    /// Index into `meeting.contributions`.
    pub index: usize,
    /// The latest number known: the revision of its last event, or the last of its chain.
    pub number: String,
    /// The agenda item it is allocated to.
    pub item: AgendaNumber,
    /// Why it is open.
    pub reason: OpenReason,
    /// Index into `meeting.sessions` of the session where it was last seen:
    /// its last event with a session, else the session it is pinned to or
    /// listed in. `None` when the file names none.
    pub last_seen: Option<usize>,
}

/// The open contributions of `meeting`, by agenda item then file order.
pub fn open_contributions(meeting: &Meeting) -> Vec<OpenContribution> {
    let mut open: Vec<OpenContribution> = meeting
        .contributions
        .iter()
        .enumerate()
        .filter_map(|(index, c)| {
            let reason = open_reason(c)?;
            Some(OpenContribution {
                index,
                number: latest_number(c),
                item: c.item.value.clone(),
                reason,
                last_seen: last_seen(meeting, c),
            })
        })
        .collect();
    // Stable: file order within an item.
    open.sort_by(|a, b| a.item.cmp(&b.item));
    open
}

/// Why `c` is open, or `None` when it is closed.
pub fn open_reason(c: &Contribution) -> Option<OpenReason> {
    let decision = c
        .history
        .iter()
        .rev()
        .find_map(|e| e.decision.as_ref().map(|d| d.value))
        .or_else(|| c.status.as_ref().map(|s| s.value));
    let revision_expected =
        c.revision_expected || c.history.last().is_some_and(|e| e.revision_expected);
    match decision {
        None | Some(Status::Reserved | Status::Available) => Some(if revision_expected {
            OpenReason::RevisionExpected(None)
        } else {
            OpenReason::NoDecision
        }),
        Some(s) if s.is_pending() => Some(OpenReason::Pending(s)),
        Some(s) if revision_expected => Some(OpenReason::RevisionExpected(Some(s))),
        Some(_) => None,
    }
}

/// The latest number of `c`: its last event's revision, else the end of its chain.
pub fn latest_number(c: &Contribution) -> String {
    let written = c
        .history
        .iter()
        .rev()
        .find_map(|e| e.revision.as_ref())
        .or_else(|| c.revisions.last());
    written
        .and_then(|w| c.number.resolve_revision(w.as_str()).ok())
        .map_or_else(|| c.number.as_str().to_string(), |n| n.as_str().to_string())
}

/// Where `c` was last seen (see [`OpenContribution::last_seen`]).
pub fn last_seen(meeting: &Meeting, c: &Contribution) -> Option<usize> {
    if let Some(i) = c
        .history
        .iter()
        .rev()
        .filter_map(|e| e.session.as_ref())
        .find_map(|s| meeting.find_session(s.as_str()))
    {
        return Some(i);
    }
    if let Some(i) = c
        .session
        .as_ref()
        .and_then(|s| meeting.find_session(s.as_str()))
    {
        return Some(i);
    }
    let base = c.number.base();
    meeting.sessions.iter().position(|s| {
        s.contributions.iter().any(|n| {
            crate::model::number::ContributionNumber::parse(n.as_str())
                .is_ok_and(|n| n.base() == base)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;
    use crate::model::loc::Loc;

    fn contribution(status: Option<Status>, events: &[(Option<Status>, bool)]) -> Contribution {
        Contribution {
            number: Loc::synthetic(
                crate::model::number::ContributionNumber::parse("SEC-2016-0136").unwrap(),
            ),
            status: status.map(Loc::synthetic),
            history: events
                .iter()
                .map(|(d, r)| Event {
                    decision: d.map(Loc::synthetic),
                    revision_expected: *r,
                    ..Event::default()
                })
                .collect(),
            ..Contribution::default()
        }
    }

    #[test]
    fn open_follows_the_last_event() {
        use Status::{Agreed, Available, Noted, Open, Postponed, Withdrawn};
        assert_eq!(
            open_reason(&contribution(None, &[])),
            Some(OpenReason::NoDecision)
        );
        assert_eq!(
            open_reason(&contribution(Some(Available), &[])),
            Some(OpenReason::NoDecision)
        );
        assert_eq!(open_reason(&contribution(Some(Noted), &[])), None);
        assert_eq!(
            open_reason(&contribution(
                Some(Noted),
                &[(Some(Noted), true), (Some(Agreed), false)]
            )),
            None
        );
        assert_eq!(
            open_reason(&contribution(Some(Noted), &[(Some(Noted), true)])),
            Some(OpenReason::RevisionExpected(Some(Noted)))
        );
        assert_eq!(
            open_reason(&contribution(Some(Open), &[(Some(Open), false)])),
            Some(OpenReason::Pending(Open))
        );
        assert_eq!(
            open_reason(&contribution(None, &[(Some(Postponed), false)])),
            Some(OpenReason::Pending(Postponed))
        );
        assert_eq!(
            open_reason(&contribution(None, &[(None, false)])),
            Some(OpenReason::NoDecision)
        );
        assert_eq!(
            open_reason(&contribution(Some(Withdrawn), &[(Some(Withdrawn), false)])),
            None
        );
    }
}
