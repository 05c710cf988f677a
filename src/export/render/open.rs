//! `agendum render --open`: what is still open at this point of the week,
//! by agenda item, with the session where each contribution was last seen.
//! It is the chair's list for "any pending contributions"; what counts as
//! open is [`crate::model::carry::open_contributions`], the planner's definition too.

use super::report::session_name;

/// A session as the open list names it: marked when the name (its day or
/// slot) is an assumption of the file.
fn named(meeting: &Meeting, index: usize) -> String {
    let name = session_name(meeting, index);
    match meeting.sessions.get(index) {
        Some(s) if s.name_assumed() => format!("{name} (assumed)"),
        _ => name,
    }
}
use super::{ContribRow, Document, Kind, Options, capitalise};
use crate::load::week::Week;
use crate::model::Meeting;
use crate::model::carry::{OpenContribution, open_contributions};

/// Builds the list of open contributions of every meeting of the week.
pub fn build(week: &Week) -> Document {
    let options = Options::default();
    let meetings = week
        .meetings
        .iter()
        .enumerate()
        .filter_map(|(m, meeting)| {
            let mut doc = super::build_meeting(week, m, meeting, &options)?;
            let open = open_contributions(meeting);
            doc.glance_heading = summary(meeting, &open);
            doc.glance.clear();
            doc.notes.clear();
            doc.days.clear();
            doc.schedule_under = None;
            doc.actions.clear();
            doc.actions_under = None;
            doc.next_meetings.clear();
            doc.next_under = None;
            doc.items
                .retain(|item| open.iter().any(|o| o.item.as_str() == item.number));
            for item in &mut doc.items {
                item.text.clear();
                item.treated_in.clear();
                item.contributions = open
                    .iter()
                    .filter(|o| o.item.as_str() == item.number)
                    .filter_map(|o| row(meeting, o))
                    .collect();
            }
            Some(doc)
        })
        .collect();
    Document {
        kind: Kind::Open,
        meetings,
        ..Document::default()
    }
}

/// "5 contributions still open after Friday SEC-2, the last session with a record:".
fn summary(meeting: &Meeting, open: &[OpenContribution]) -> String {
    let latest = meeting
        .contributions
        .iter()
        .flat_map(|c| c.history.iter())
        .filter_map(|e| e.session.as_ref())
        .filter_map(|s| meeting.find_session(s.as_str()))
        .max_by_key(|&i| {
            meeting.sessions.get(i).map(|s| {
                (
                    s.day.value,
                    meeting.session_time(s).map(|t| t.start),
                    std::cmp::Reverse(i),
                )
            })
        });
    let count = match open.len() {
        0 => "Nothing is".to_string(),
        1 => "1 contribution is".to_string(),
        n => format!("{n} contributions are"),
    };
    match latest {
        Some(i) => format!(
            "{count} still open after {}, the last session with a record.",
            named(meeting, i)
        ),
        None => format!("{count} still open; no session has a record yet."),
    }
}

fn row(meeting: &Meeting, o: &OpenContribution) -> Option<ContribRow> {
    let c = meeting.contributions.get(o.index)?;
    let base = super::contribution_row(meeting, c);
    let remarks = match o.last_seen {
        Some(i) => format!("last seen {}", named(meeting, i)),
        None => "not seen in any session".to_string(),
    };
    Some(ContribRow {
        number: o.number.clone(),
        url: base.url,
        title: base.title,
        source: base.source,
        status: capitalise(&o.reason.describe()),
        remarks,
    })
}
