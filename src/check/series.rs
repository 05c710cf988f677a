//! Rules across a series: several meetings of one group at different dates
//! given to one `agendum check` (SEC#24 and the SEC#25 that `agendum next`
//! made from it).
//!
//! - `series-stale-action`: an action item one meeting records closed
//!   (completed or cancelled) that a later meeting still holds open, most
//!   often the copy `next` carried before the earlier file recorded it
//!   closed. Only carried copies are compared: the later item says
//!   `carried_from` naming the earlier meeting (or one before it); a new
//!   item that reuses a closed reference is not stale. The line to update
//!   is the later one. The other way round (open
//!   in SEC#24, completed in SEC#25) is how an action item is meant to go,
//!   and says nothing.
//! - `series-decided-twice`: one document (number and revision) with a
//!   decision recorded in two meetings of the series, and the decisions
//!   differ. Decisions that leave it open (left open, postponed, not
//!   treated, or with a revision expected) are not decisions here: a later
//!   meeting is meant to take it up again.
//!
//! Two meetings are of one series when their files name the same
//! `meeting.group` and their dates do not overlap; files of other groups, and
//! the files of one week, never meet here. Both rules index by group and
//! reference (or number) and walk each group's meetings once in date order:
//! no pair of meetings or of entries is compared.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::load::source::FileId;
use crate::load::week::Week;
use crate::model::status::{ActionStatus, Status};
use crate::model::{ActionItem, Contribution, Meeting};

/// Both series rules.
pub(crate) fn check(week: &Week) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for series in series(week) {
        stale_actions(week, &series, &mut out);
        decided_twice(week, &series, &mut out);
    }
    out
}

/// The meetings of each group that has more than one, by first day then id.
fn series(week: &Week) -> Vec<Vec<&Meeting>> {
    let mut by_group: HashMap<&str, Vec<&Meeting>> = HashMap::new();
    for m in &week.meetings {
        by_group.entry(m.header.group.as_str()).or_default().push(m);
    }
    let mut out: Vec<Vec<&Meeting>> = by_group
        .into_values()
        .filter(|ms| ms.len() > 1)
        .map(|mut ms| {
            ms.sort_by(|a, b| {
                (a.header.dates.start.value, a.header.id.as_str())
                    .cmp(&(b.header.dates.start.value, b.header.id.as_str()))
            });
            ms
        })
        .collect();
    // Deterministic order of the findings before `check::run` sorts them.
    out.sort_by(|a, b| a[0].header.group.as_str().cmp(b[0].header.group.as_str()));
    out
}

/// Whether `earlier` ended before `later` began: two meetings of a series,
/// not two files of one week.
fn before(earlier: &Meeting, later: &Meeting) -> bool {
    earlier.header.dates.end.value < later.header.dates.start.value
}

fn path(week: &Week, file: FileId) -> String {
    week.sources.get(file).path().display().to_string()
}

/// Where an action item's status is written, else its reference.
fn status_span(a: &ActionItem, reference: &Range<usize>) -> Range<usize> {
    if a.status.span.is_empty() {
        reference.clone()
    } else {
        a.status.span.clone()
    }
}

/// Whether the open item `later` is a carried copy of what `closed_in`
/// closed: it says `carried_from`, naming `closed_in` or a meeting before it
/// (a meeting of the series no later than `closed_in`, or one not among the
/// files, such as the meeting that raised it before the series given). A
/// new item that reuses a closed reference says no `carried_from`, and one
/// carried from a meeting after `closed_in` was taken up again since.
fn carried_across(later: &ActionItem, closed_in: &Meeting, series: &[&Meeting]) -> bool {
    let Some(from) = &later.carried_from else {
        return false;
    };
    match series
        .iter()
        .find(|s| s.header.id.as_str() == from.as_str())
    {
        Some(s) => s.header.dates.start.value <= closed_in.header.dates.start.value,
        None => true,
    }
}

/// The first closed record of an action item seen so far in the series.
struct Closed<'a> {
    meeting: &'a Meeting,
    action: &'a ActionItem,
}

fn stale_actions(week: &Week, series: &[&Meeting], out: &mut Vec<Diagnostic>) {
    let mut closed: HashMap<&str, Closed> = HashMap::new();
    for m in series {
        for (i, a) in m.actions.iter().enumerate() {
            let Some(reference) = &a.reference else {
                continue;
            };
            if a.status.value != ActionStatus::Open {
                continue;
            }
            let Some(c) = closed.get(reference.as_str()) else {
                continue;
            };
            if !before(c.meeting, m) || !carried_across(a, c.meeting, series) {
                continue;
            }
            let word = c.action.status.value.label().to_lowercase();
            let earlier = c.meeting.header.id.as_str();
            let here = match &a.carried_from {
                Some(f) => format!("still open here, carried over from {}", f.as_str()),
                None => "still open here".to_string(),
            };
            let c_reference = c.action.reference.as_ref().map_or(0..0, |r| r.span.clone());
            out.push(
                Diagnostic::warning(
                    "series-stale-action",
                    format!(
                        "action item {} is {word} in {earlier} but {} still holds it open",
                        reference.as_str(),
                        m.header.id.as_str()
                    ),
                )
                .at(m.file, status_span(a, &reference.span), here)
                .at(
                    c.meeting.file,
                    status_span(c.action, &c_reference),
                    format!("{word} in {earlier}"),
                )
                .field(format!("actions[{i}].status"))
                .help(format!(
                    "if {earlier} is right, close it in {} (`agendum record {} --close {}`); if not, correct the record of {earlier} in {}",
                    path(week, m.file),
                    path(week, m.file),
                    reference.as_str(),
                    path(week, c.meeting.file),
                )),
            );
        }
        // After the meeting's own open items were looked at: two records of
        // one week never meet.
        for a in &m.actions {
            if let Some(r) = &a.reference
                && a.status.value != ActionStatus::Open
            {
                closed.entry(r.as_str()).or_insert(Closed {
                    meeting: m,
                    action: a,
                });
            }
        }
    }
}

/// A decision one meeting records on one document.
struct Decided<'a> {
    meeting: &'a Meeting,
    decision: Status,
    span: Range<usize>,
    field: String,
}

/// Whether `decision` settles a document, rather than leaving it for a later meeting.
fn settles(decision: Status, revision_expected: bool) -> bool {
    !decision.is_pending() && !revision_expected
}

/// The last settling decision `m` records on each document (number with
/// revision) of `c`.
fn decisions<'a>(
    m: &'a Meeting,
    ci: usize,
    c: &'a Contribution,
    into: &mut Vec<(String, Decided<'a>)>,
) {
    let mut found: Vec<(String, Decided<'a>)> = Vec::new();
    for (ei, e) in c.history.iter().enumerate() {
        let Some(d) = &e.decision else { continue };
        if !settles(d.value, e.revision_expected) {
            continue;
        }
        let number = e
            .revision
            .as_ref()
            .and_then(|r| c.number.resolve_revision(r.as_str()).ok())
            .map_or_else(|| c.number.as_str().to_string(), |n| n.as_str().to_string());
        let decided = Decided {
            meeting: m,
            decision: d.value,
            span: d.span.clone(),
            field: format!("contributions[{ci}].history[{ei}].decision"),
        };
        match found.iter_mut().find(|(n, _)| *n == number) {
            Some(slot) => slot.1 = decided,
            None => found.push((number, decided)),
        }
    }
    // A contribution without a recorded decision may still give its status.
    if !c.history.iter().any(|e| e.decision.is_some())
        && let Some(s) = &c.status
        && settles(s.value, c.revision_expected)
    {
        found.push((
            crate::model::carry::latest_number(c),
            Decided {
                meeting: m,
                decision: s.value,
                span: s.span.clone(),
                field: format!("contributions[{ci}].status"),
            },
        ));
    }
    into.extend(found);
}

fn decided_twice(week: &Week, series: &[&Meeting], out: &mut Vec<Diagnostic>) {
    // The latest meeting so far that decided each document.
    let mut last: HashMap<String, Decided> = HashMap::new();
    for m in series {
        let mut here = Vec::new();
        for (ci, c) in m.contributions.iter().enumerate() {
            decisions(m, ci, c, &mut here);
        }
        for (number, d) in here {
            match last.entry(number) {
                Entry::Vacant(v) => {
                    v.insert(d);
                }
                Entry::Occupied(mut o) => {
                    let prev = o.get();
                    if prev.decision != d.decision && before(prev.meeting, m) {
                        let (a, b) = (prev.meeting.header.id.as_str(), m.header.id.as_str());
                        out.push(
                            Diagnostic::warning(
                                "series-decided-twice",
                                format!(
                                    "{} is decided {} in {a} and {} in {b}",
                                    o.key(),
                                    prev.decision.as_str(),
                                    d.decision.as_str()
                                ),
                            )
                            .at(m.file, d.span.clone(), format!("{} in {b}", d.decision.as_str()))
                            .at(
                                prev.meeting.file,
                                prev.span.clone(),
                                format!("{} in {a}", prev.decision.as_str()),
                            )
                            .field(d.field.clone())
                            .help(format!(
                                "a document is decided once: correct the record that is wrong ({} or {}), or record the later decision on a new revision",
                                path(week, m.file),
                                path(week, prev.meeting.file)
                            )),
                        );
                    }
                    o.insert(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_settling_decisions_count() {
        assert!(settles(Status::Agreed, false));
        assert!(settles(Status::Noted, false));
        assert!(!settles(Status::Noted, true));
        assert!(!settles(Status::Postponed, false));
        assert!(!settles(Status::Open, false));
        assert!(!settles(Status::NotTreated, false));
        assert!(!settles(Status::Available, false));
    }
}
