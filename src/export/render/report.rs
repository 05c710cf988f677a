//! `agendum render --report`: the minutes, built from the same file as the
//! agenda once the week is recorded (`agendum record`).
//!
//! The minutes follow the agenda: the header, then every item in number
//! order with its text, each contribution's record (who presented which
//! revision in which session, the discussion notes, the decisions, in the
//! order they happened), and what the item records besides ("There was no
//! other business to discuss."). The action item table under "Review of
//! Action Items" keeps the items carried in from earlier meetings, with
//! their statuses; the items raised during the week get their own table
//! before the planning of the next meetings, where a call given in UTC shows
//! the venue's time beside it.
//!
//! The result is a [`Document`] of kind [`Kind::Minutes`]: the four writers
//! lay it out as they lay out the agenda.

use super::{ActionRow, Document, Entry, Kind, Line, Options};
use crate::load::week::Week;
use crate::model::status::Status;
use crate::model::{Contribution, Event, Meeting};

/// Builds the minutes of every meeting of the week.
pub fn build(week: &Week) -> Document {
    let options = Options::default();
    let meetings = week
        .meetings
        .iter()
        .enumerate()
        .filter_map(|(m, meeting)| {
            let mut doc = super::build_meeting(week, m, meeting, &options)?;
            // The minutes record what happened; the timetable is the agenda's.
            doc.days.clear();
            doc.schedule_under = None;
            for item in &mut doc.items {
                let Some(agenda) = meeting
                    .agenda
                    .iter()
                    .find(|a| a.number.as_str() == item.number)
                else {
                    continue;
                };
                item.treated_in.clear();
                item.contributions.clear();
                item.report.clone_from(&agenda.report);
                item.entries = meeting
                    .contributions
                    .iter()
                    .filter(|c| c.item.value == agenda.number.value)
                    .map(|c| entry(meeting, c))
                    .collect();
                // A decision worded as the item's own sentence is said once, by the item.
                for e in &mut item.entries {
                    e.lines.retain(|l| match l {
                        Line::Note(n) => !agenda.report.iter().any(|r| r.trim() == n.trim()),
                        _ => true,
                    });
                }
            }
            let (new, carried): (Vec<_>, Vec<_>) = meeting
                .actions
                .iter()
                .partition(|a| a.session.is_some() || a.contribution.is_some());
            doc.actions = carried.iter().map(|a| action_row(meeting, a)).collect();
            doc.new_actions = new.iter().map(|a| action_row(meeting, a)).collect();
            doc.new_actions_before = doc.next_under;
            Some(doc)
        })
        .collect();
    Document {
        kind: Kind::Minutes,
        meetings,
        ..Document::default()
    }
}

/// The name minutes give the session `index`: its `name`, else "Monday
/// SEC-4" from its day, groups and slot, else its title.
pub fn session_name(meeting: &Meeting, index: usize) -> String {
    let Some(s) = meeting.sessions.get(index) else {
        return String::new();
    };
    s.name
        .as_ref()
        .map(|n| n.value.clone())
        .or_else(|| meeting.derived_session_name(s))
        .unwrap_or_else(|| s.display_title())
}

/// A session reference from the file, named as the minutes name it.
fn named(meeting: &Meeting, written: &str) -> String {
    meeting
        .find_session(written)
        .map_or_else(|| written.to_string(), |i| session_name(meeting, i))
}

fn action_row(meeting: &Meeting, a: &crate::model::ActionItem) -> ActionRow {
    let mut what = a.what.clone();
    let raised: Vec<String> = [
        a.contribution.as_ref().map(|c| c.value.clone()),
        a.session.as_ref().map(|s| named(meeting, s.as_str())),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !raised.is_empty() {
        what.push(format!("(raised on {})", raised.join(", ")));
    }
    ActionRow {
        reference: a.reference.value.clone(),
        what,
        who: a.who.clone(),
        status: a.status.label().to_string(),
    }
}

/// The record of one contribution.
pub fn entry(meeting: &Meeting, c: &Contribution) -> Entry {
    let row = super::contribution_row(meeting, c);
    let mut lines = Vec::new();
    for e in &c.history {
        event_lines(meeting, c, e, &mut lines);
    }
    if c.history.is_empty() {
        status_lines(c, &mut lines);
    }
    Entry {
        number: c.number.as_str().to_string(),
        url: row.url,
        title: row.title,
        source: row.source,
        lines,
    }
}

/// "Presented by Wolfgang on Monday SEC-4", the notes, "Revision
/// expected", then "SEC-2016-0136 was NOTED".
fn event_lines(meeting: &Meeting, c: &Contribution, e: &Event, lines: &mut Vec<Line>) {
    let number = e
        .revision
        .as_ref()
        .and_then(|r| c.number.resolve_revision(r.as_str()).ok())
        .map_or_else(|| c.number.as_str().to_string(), |n| n.as_str().to_string());
    let other_revision = number != c.number.as_str();
    // A decision alone, with no presenter and nothing said, is not a presentation.
    let presented =
        e.by.is_some() || (e.session.is_some() && (e.decision.is_none() || !e.notes.is_empty()));
    if presented {
        let mut text = if other_revision {
            format!("{number} presented")
        } else {
            "Presented".to_string()
        };
        if let Some(by) = &e.by {
            text.push_str(" by ");
            text.push_str(by.as_str());
        }
        if let Some(s) = &e.session {
            text.push_str(" on ");
            text.push_str(&named(meeting, s.as_str()));
        }
        lines.push(Line::Presented(text));
    }
    for n in &e.notes {
        lines.push(Line::Note(n.clone()));
    }
    let said = e.notes.iter().any(|n| mentions_revision(n));
    if e.revision_expected && !said {
        lines.push(Line::Note("Revision expected".into()));
    }
    if let Some(d) = &e.decision {
        let (text, aside) = decision_text(&number, d.value, e.wording.as_deref(), &e.decided_by);
        if let Some(a) = aside {
            lines.push(Line::Note(a));
        }
        lines.push(Line::Decision {
            status: d.value.as_str().to_string(),
            text,
        });
    }
}

fn mentions_revision(note: &str) -> bool {
    let n = note.to_lowercase();
    n.contains("revision expected") || n.contains("expected revision")
}

/// What the minutes say of a contribution recorded only by its status (a
/// file with no history, such as an agenda before the week).
fn status_lines(c: &Contribution, lines: &mut Vec<Line>) {
    let number = crate::model::carry::latest_number(c);
    if let Some(r) = c
        .remarks
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        lines.push(Line::Note(r.to_string()));
    }
    let said = c.remarks.as_deref().is_some_and(mentions_revision);
    if c.revision_expected && !said {
        lines.push(Line::Note("Revision expected".into()));
    }
    let status = c.status.as_ref().map(|s| s.value);
    let text = match status {
        None | Some(Status::Available) => format!("{number} was not treated yet"),
        Some(Status::Reserved) => format!("{number}: number reserved, no document yet"),
        Some(s) => decision_text(&number, s, None, &[]).0,
    };
    lines.push(Line::Decision {
        status: status.map(Status::as_str).unwrap_or_default().to_string(),
        text,
    });
}

/// The decision as the minutes write it: "SEC-2016-0138 was NOTED", "was
/// left OPEN", "was AGREED by ARC/SEC", or the secretary's own words when
/// they start with the decision ("was AGREED to be proposed to TP for
/// approval"). Words that do not (a whole sentence) come back as an aside,
/// printed before the decision.
pub fn decision_text(
    number: &str,
    status: Status,
    wording: Option<&str>,
    decided_by: &[crate::model::loc::Loc<String>],
) -> (String, Option<String>) {
    let word = match status {
        Status::Open => "left OPEN".to_string(),
        s => s.as_str().to_uppercase(),
    };
    if let Some(w) = wording.map(str::trim).filter(|w| !w.is_empty()) {
        let lower = w.to_lowercase();
        let canonical = status.as_str();
        if lower.starts_with(canonical) || lower.starts_with(&word.to_lowercase()) {
            return (format!("{number} was {w}"), None);
        }
        let (text, _) = decision_text(number, status, None, decided_by);
        return (text, Some(w.to_string()));
    }
    let by = if decided_by.is_empty() {
        String::new()
    } else {
        let groups: Vec<&str> = decided_by.iter().map(|g| g.as_str()).collect();
        format!(" by {}", groups.join("/"))
    };
    (format!("{number} was {word}{by}"), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::loc::Loc;

    #[test]
    fn decisions_read_as_the_minutes_write_them() {
        let n = "SEC-2016-0138";
        assert_eq!(
            decision_text(n, Status::Noted, None, &[]).0,
            "SEC-2016-0138 was NOTED"
        );
        assert_eq!(
            decision_text(n, Status::Open, None, &[]).0,
            "SEC-2016-0138 was left OPEN"
        );
        assert_eq!(
            decision_text(n, Status::Open, Some("left OPEN"), &[]).0,
            "SEC-2016-0138 was left OPEN"
        );
        let by = [
            Loc::synthetic("ARC".to_string()),
            Loc::synthetic("SEC".into()),
        ];
        assert_eq!(
            decision_text(n, Status::Agreed, None, &by).0,
            "SEC-2016-0138 was AGREED by ARC/SEC"
        );
        assert_eq!(
            decision_text(
                n,
                Status::Agreed,
                Some("AGREED to be proposed to TP for approval"),
                &[]
            )
            .0,
            "SEC-2016-0138 was AGREED to be proposed to TP for approval"
        );
        assert_eq!(
            decision_text(
                n,
                Status::Agreed,
                Some("The minutes were agreed by e-mail"),
                &[]
            ),
            (
                "SEC-2016-0138 was AGREED".to_string(),
                Some("The minutes were agreed by e-mail".to_string())
            )
        );
        assert_eq!(
            decision_text(n, Status::NotTreated, None, &[]).0,
            "SEC-2016-0138 was NOT TREATED"
        );
    }
}
