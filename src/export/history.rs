//! `agendum history`: one contribution's path through a series of meetings
//! of one group, in time order: each meeting, the item it was under, and
//! every presentation, revision and decision recorded there.

use std::fmt::Write as _;

use crate::error::Error;
use crate::model::Meeting;
use crate::model::carry;
use crate::model::number::ContributionNumber;

/// The history of `number` (any revision of it: the chain is followed by
/// its base number) across `meetings`, as text. Meetings are taken by their
/// first day (then id), events in the order each file records them.
pub fn history(number: &str, meetings: &[&Meeting]) -> Result<String, Error> {
    let wanted = ContributionNumber::parse(number.trim())
        .map_err(|e| Error::Refused(format!("`{number}` is not a contribution number: {e}")))?;
    let mut order: Vec<&Meeting> = meetings.to_vec();
    order.sort_by(|a, b| {
        (a.header.dates.start.value, a.header.id.as_str())
            .cmp(&(b.header.dates.start.value, b.header.id.as_str()))
    });
    let mut out = String::new();
    let mut title = None;
    for m in order {
        for c in m
            .contributions
            .iter()
            .filter(|c| c.number.base() == wanted.base())
        {
            title.get_or_insert_with(|| c.title.trim().to_string());
            let item = m
                .agenda
                .iter()
                .find(|a| a.number.value == c.item.value)
                .map_or_else(String::new, |a| format!(" {}", a.title));
            let _ = write!(
                out,
                "{} ({} to {}), item {}{item}",
                m.header.id.as_str(),
                m.header.dates.start.value,
                m.header.dates.end.value,
                c.item.as_str()
            );
            if let Some(f) = &c.carried_from {
                let _ = write!(out, ", carried over from {}", f.as_str());
            }
            out.push('\n');
            if c.history.is_empty() {
                let _ = writeln!(out, "  {}: no record yet", c.number.as_str());
            }
            for e in &c.history {
                let revision = e
                    .revision
                    .as_ref()
                    .and_then(|r| c.number.resolve_revision(r.as_str()).ok())
                    .map_or_else(|| c.number.as_str().to_string(), |n| n.as_str().to_string());
                let mut line = format!("  {revision}");
                if let Some(s) = &e.session {
                    match m.find_session(s.as_str()) {
                        Some(i) => {
                            let session = &m.sessions[i];
                            let name = session
                                .name
                                .as_ref()
                                .map_or_else(|| session.display_title(), |n| n.value.clone());
                            let _ = write!(line, ", {name} ({})", session.day.value);
                        }
                        None => {
                            let _ = write!(line, ", {}", s.as_str());
                        }
                    }
                }
                if let Some(by) = &e.by {
                    let _ = write!(line, ", presented by {}", by.as_str());
                }
                match (&e.decision, e.revision_expected) {
                    (Some(d), true) => {
                        let _ = write!(line, ": {}, revision expected", d.value.as_str());
                    }
                    (Some(d), false) => {
                        let _ = write!(line, ": {}", d.value.as_str());
                    }
                    (None, true) => line.push_str(": revision expected"),
                    (None, false) => line.push_str(": presented"),
                }
                if let Some(w) = &e.wording {
                    let _ = write!(line, " (\"{w}\")");
                }
                out.push_str(&line);
                out.push('\n');
            }
            let standing = match carry::open_reason(c) {
                Some(r) => format!("open: {}", r.describe()),
                None => c
                    .status
                    .as_ref()
                    .map_or_else(|| "closed".to_string(), |s| s.value.as_str().to_string()),
            };
            let _ = writeln!(out, "  after {}: {standing}", m.header.id.as_str());
        }
    }
    let Some(title) = title else {
        return Err(Error::Unknown(format!(
            "{} is in none of the files given ({}): no meeting lists it or another revision of {}",
            wanted.as_str(),
            meetings.len(),
            wanted.base()
        )));
    };
    Ok(format!("{}: {title}\n{out}", wanted.base()))
}
