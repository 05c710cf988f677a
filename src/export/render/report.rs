//! `agendum render --report`: the minutes, built from the same file as the
//! agenda once the week is recorded (`agendum record`).
//!
//! The minutes follow the agenda: the header, then every item in number
//! order with its text, each contribution's record (who presented which
//! revision in which session, the discussion notes, the decisions, in the
//! order they happened), and what the item records besides ("There was no
//! other business to discuss."). The action item table under "Review of
//! Action Items" keeps the items carried in from earlier meetings, with
//! their references, statuses and "(carried over from SEC#24)" when the
//! file says `carried_from`; the items raised during the week get their own table
//! before the planning of the next meetings, where a call given in UTC shows
//! the venue's time beside it.
//!
//! The minutes state what the file records and nothing more, and each thing
//! once. The session list and the timetable are the agenda's: their times
//! and rooms are a plan, not a record. A presentation line is generated only
//! when the entry's notes do not already say it (a note naming the same
//! session and presenter), and not twice for one presentation. A decision
//! the secretary worded as a sentence is printed as that sentence; one the
//! file marks `assumed` is marked or left out, as `meeting.assumed_in_minutes`
//! says, and so is a session whose day or slot is assumed. People are named
//! as `[[people]]` declares them. The next meetings table is left out where
//! the item records the plan in its own words.
//!
//! The result is a [`Document`] of kind [`Kind::Minutes`]: the four writers
//! lay it out as they lay out the agenda.

use super::{ActionRow, Document, Entry, Kind, Line, Options};
use crate::load::week::Week;
use crate::model::status::{AssumedInMinutes, EventFact, Status};
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
            // The minutes record what happened; the session list and the
            // timetable (times, rooms, the agenda's notes) are the agenda's,
            // and with them the zone the times are in.
            doc.days.clear();
            doc.schedule_under = None;
            doc.glance_heading.clear();
            doc.glance.clear();
            doc.notes.clear();
            doc.header.retain(|(label, _)| label != "Times");
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
                    .map(|c| entry(week, meeting, c))
                    .collect();
                // A decision worded as the item's own sentence is said once, by the item.
                for e in &mut item.entries {
                    e.lines.retain(|l| match l {
                        Line::Note(n) | Line::Decision { text: n, .. } => {
                            !agenda.report.iter().any(|r| r.trim() == n.trim())
                        }
                        Line::Presented(_) => true,
                    });
                }
            }
            // An item that records the next meetings in its own words says
            // them; the table would say them again.
            if doc
                .next_under
                .and_then(|i| doc.items.get(i))
                .is_some_and(|item| !item.report.is_empty())
            {
                doc.next_meetings.clear();
            }
            // In a file `agendum next` made, the carried items say where
            // they come from and every other item is this week's; in other
            // files the items raised this week name their session or
            // contribution.
            let any_carried = meeting.actions.iter().any(|a| a.carried_from.is_some());
            let (new, carried): (Vec<_>, Vec<_>) = meeting.actions.iter().partition(|a| {
                if any_carried {
                    a.carried_from.is_none()
                } else {
                    a.session.is_some() || a.contribution.is_some()
                }
            });
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

/// A session reference from the file, named as the minutes name it, with
/// whether that name is an assumption (its day or slot is assumed).
fn named(meeting: &Meeting, written: &str) -> (String, bool) {
    meeting.find_session(written).map_or_else(
        || (written.to_string(), false),
        |i| (session_name(meeting, i), meeting.sessions[i].name_assumed()),
    )
}

/// `text` as the minutes print an assumed fact: marked, or not at all.
fn assumed(meeting: &Meeting, text: String, is_assumed: bool) -> Option<String> {
    match (is_assumed, meeting.header.assumed_in_minutes) {
        (false, _) => Some(text),
        (true, AssumedInMinutes::Mark) => Some(format!("{text} (assumed)")),
        (true, AssumedInMinutes::Omit) => None,
    }
}

/// A person as `[[people]]` declares them: "Francois" is printed "Francois
/// Ennesser" when that is the declared name, "Wolfgang" stays "Wolfgang".
fn declared(week: &Week, name: &str) -> String {
    week.person(name)
        .map_or_else(|| name.to_string(), |p| p.name.as_str().to_string())
}

fn action_row(meeting: &Meeting, a: &crate::model::ActionItem) -> ActionRow {
    let mut what = a.what.clone();
    let raised: Vec<String> = [
        a.contribution.as_ref().map(|c| c.value.clone()),
        a.session.as_ref().and_then(|s| {
            let (name, is_assumed) = named(meeting, s.as_str());
            assumed(meeting, name, is_assumed)
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !raised.is_empty() {
        what.push(format!("(raised on {})", raised.join(", ")));
    }
    if let Some(from) = &a.carried_from {
        what.push(format!("(carried over from {})", from.as_str()));
    }
    ActionRow {
        reference: a
            .reference
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default(),
        what,
        who: a.who.clone().unwrap_or_default(),
        status: a.status.label().to_string(),
    }
}

/// The record of one contribution.
pub fn entry(week: &Week, meeting: &Meeting, c: &Contribution) -> Entry {
    let row = super::contribution_row(meeting, c);
    let mut lines = Vec::new();
    let mut presented = Vec::new();
    lines.extend(super::revision_of(c).map(Line::Note));
    for e in &c.history {
        event_lines(week, meeting, c, e, &mut presented, &mut lines);
    }
    if c.history.is_empty() {
        status_lines(c, &mut lines);
    }
    lines.extend(super::revised_to(meeting, c).into_iter().map(Line::Note));
    Entry {
        number: c.number.as_str().to_string(),
        url: row.url,
        title: row.title,
        source: row.source,
        lines,
    }
}

/// One presentation: the number presented, the session (its index, or the
/// text when it names none) and the presenter's declared name.
type Presentation = (String, Option<String>, Option<String>);

/// Whether `note` says the presentation itself: it names the same session
/// and, when the entry names a presenter, that person by a declared name or
/// alias ("Same revision re-open by Francois on Thursday SEC- 4").
fn note_states_presentation(
    week: &Week,
    meeting: &Meeting,
    note: &str,
    session: usize,
    by: Option<&str>,
) -> bool {
    if !meeting.sessions_named_in(note).contains(&session) {
        return false;
    }
    let Some(by) = by else {
        return true;
    };
    let lower = note.to_lowercase();
    let names: Vec<String> = week.person(by).map_or_else(
        || vec![by.to_lowercase()],
        |p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(|n| n.as_str().to_lowercase())
                .collect()
        },
    );
    names.iter().any(|n| {
        lower.match_indices(n.as_str()).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + n.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// "Presented by Wolfgang on Monday SEC-4" (unless the notes say it, or it
/// was said for this presentation already), the notes, "Revision
/// expected", then "SEC-2016-0136 was NOTED".
fn event_lines(
    week: &Week,
    meeting: &Meeting,
    c: &Contribution,
    e: &Event,
    presented: &mut Vec<Presentation>,
    lines: &mut Vec<Line>,
) {
    let number = e
        .revision
        .as_ref()
        .and_then(|r| c.number.resolve_revision(r.as_str()).ok())
        .map_or_else(|| c.number.as_str().to_string(), |n| n.as_str().to_string());
    let other_revision = number != c.number.as_str();
    let session = e.session.as_ref().map(|s| s.as_str());
    let session_index = session.and_then(|s| meeting.find_session(s));
    let by = e.by.as_ref().map(|b| declared(week, b.as_str()));
    // A decision alone, with no presenter and nothing said, is not a presentation.
    let is_presentation =
        e.by.is_some() || (e.session.is_some() && (e.decision.is_none() || !e.notes.is_empty()));
    if is_presentation {
        let key: Presentation = (
            number.clone(),
            session_index.map_or_else(|| session.map(str::to_string), |i| Some(i.to_string())),
            by.clone(),
        );
        let in_notes = session_index.is_some_and(|i| {
            e.notes.iter().any(|n| {
                note_states_presentation(week, meeting, n, i, e.by.as_ref().map(|b| b.as_str()))
            })
        });
        if !in_notes && !presented.contains(&key) {
            let by_part = by
                .as_ref()
                .and_then(|b| assumed(meeting, format!(" by {b}"), e.assumes(EventFact::By)));
            let session_part = session.and_then(|s| {
                let (name, name_assumed) = named(meeting, s);
                assumed(
                    meeting,
                    format!(" on {name}"),
                    name_assumed || e.assumes(EventFact::Session),
                )
            });
            // "Presented" alone, its presenter and session left out, says nothing.
            if by_part.is_some() || session_part.is_some() {
                let mut text = if other_revision {
                    format!("{number} presented")
                } else {
                    "Presented".to_string()
                };
                text.extend(by_part);
                text.extend(session_part);
                lines.push(Line::Presented(text));
            }
        }
        presented.push(key);
    }
    for n in &e.notes {
        lines.push(Line::Note(n.clone()));
    }
    let said = e.notes.iter().any(|n| mentions_revision(n));
    if e.revision_expected && !said {
        lines.push(Line::Note("Revision expected".into()));
    }
    if let Some(d) = &e.decision {
        let text = decision_text(&number, d.value, e.wording.as_deref(), &e.decided_by);
        if let Some(text) = assumed(meeting, text, e.assumes(EventFact::Decision)) {
            lines.push(Line::Decision {
                status: d.value.as_str().to_string(),
                text,
            });
        }
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
        Some(s) => decision_text(&number, s, None, &[]),
    };
    lines.push(Line::Decision {
        status: status.map(Status::as_str).unwrap_or_default().to_string(),
        text,
    });
}

/// The decision as the minutes write it: "SEC-2016-0138 was NOTED", "was
/// left OPEN", "was AGREED by ARC/SEC", or the secretary's own words: after
/// "was" when they start with the decision ("was AGREED to be proposed to
/// TP for approval"), alone when they are a sentence of their own ("The
/// minutes of SEC 23.5 agreed by correspondence"): that sentence is how the
/// meeting stated the decision, and "X was AGREED" would be a line the
/// minutes do not have.
pub fn decision_text(
    number: &str,
    status: Status,
    wording: Option<&str>,
    decided_by: &[crate::model::loc::Loc<String>],
) -> String {
    let word = match status {
        Status::Open => "left OPEN".to_string(),
        s => s.as_str().to_uppercase(),
    };
    if let Some(w) = wording.map(str::trim).filter(|w| !w.is_empty()) {
        let lower = w.to_lowercase();
        let canonical = status.as_str();
        if lower.starts_with(canonical) || lower.starts_with(&word.to_lowercase()) {
            return format!("{number} was {w}");
        }
        return w.to_string();
    }
    let by = if decided_by.is_empty() {
        String::new()
    } else {
        let groups: Vec<&str> = decided_by.iter().map(|g| g.as_str()).collect();
        format!(" by {}", groups.join("/"))
    };
    format!("{number} was {word}{by}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::loc::Loc;

    #[test]
    fn decisions_read_as_the_minutes_write_them() {
        let n = "SEC-2016-0138";
        assert_eq!(
            decision_text(n, Status::Noted, None, &[]),
            "SEC-2016-0138 was NOTED"
        );
        assert_eq!(
            decision_text(n, Status::Open, None, &[]),
            "SEC-2016-0138 was left OPEN"
        );
        assert_eq!(
            decision_text(n, Status::Open, Some("left OPEN"), &[]),
            "SEC-2016-0138 was left OPEN"
        );
        let by = [
            Loc::synthetic("ARC".to_string()),
            Loc::synthetic("SEC".into()),
        ];
        assert_eq!(
            decision_text(n, Status::Agreed, None, &by),
            "SEC-2016-0138 was AGREED by ARC/SEC"
        );
        assert_eq!(
            decision_text(
                n,
                Status::Agreed,
                Some("AGREED to be proposed to TP for approval"),
                &[]
            ),
            "SEC-2016-0138 was AGREED to be proposed to TP for approval"
        );
        assert_eq!(
            decision_text(
                n,
                Status::Agreed,
                Some("The minutes were agreed by e-mail"),
                &[]
            ),
            "The minutes were agreed by e-mail"
        );
        assert_eq!(
            decision_text(n, Status::NotTreated, None, &[]),
            "SEC-2016-0138 was NOT TREATED"
        );
    }
}
