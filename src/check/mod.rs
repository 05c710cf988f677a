//! Conflicts across a whole week: what a chair wants to know before the week
//! starts (`agendum check`, docs/conflicts.md).
//!
//! [`check`] takes a loaded [`Week`] and returns one [`Diagnostic`] per
//! conflict, each pointing at the place in the files where every side of it
//! is written. Errors mean the week cannot work as written; warnings name a
//! rule that can be allowed per file (`[settings] allow = [...]`) or on the
//! command line (`--allow RULE`).
//!
//! The rules live in files by family: `overlap` (groups, rooms,
//! people and plenaries in two places at once; parallel tracks of one group
//! do not clash), `content` (what sessions treat: items, time, order,
//! leftovers), `track` (items of one track in a session of another) and
//! `preference` (what makes
//! someone unhappy: notice, declared conflicts, unavailable half-days,
//! back-to-back sessions, room capacity, night calls). `series` looks across
//! the meetings of one group at different dates (SEC#24 and the SEC#25
//! `agendum next` made from it): an action item closed in one but still open
//! in a later one, a document decided differently in two. Overlaps are found
//! by sorting and sweeping (`sweep`), never by comparing every pair; the
//! series rules index by reference and number.

pub(crate) mod content;
pub(crate) mod index;
pub(crate) mod overlap;
pub(crate) mod preference;
pub(crate) mod series;
pub(crate) mod sweep;
/// Synthetic weeks for the benchmarks and unit tests, not part of the tool.
#[cfg(any(test, feature = "bench-data"))]
pub mod synth;
pub(crate) mod track;

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Severity, did_you_mean};
use crate::load::week::Week;

pub use index::Index;

/// A rule `agendum check` applies: its name, severity and what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable name, as in diagnostics and `allow`.
    pub name: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One line for the documentation.
    pub summary: &'static str,
}

const fn rule(name: &'static str, severity: Severity, summary: &'static str) -> Rule {
    Rule {
        name,
        severity,
        summary,
    }
}

/// Every conflict rule, errors first.
pub const RULES: &[Rule] = &[
    rule(
        "group-overlap",
        Severity::Error,
        "a group in two overlapping sessions (joint sessions block every group they include)",
    ),
    rule(
        "room-overlap",
        Severity::Error,
        "a room holding two overlapping sessions",
    ),
    rule(
        "person-overlap",
        Severity::Error,
        "a chair, secretary, presenter or required person in two overlapping sessions",
    ),
    rule(
        "plenary-overlap",
        Severity::Error,
        "a session overlapping a plenary or coordination session that all groups attend",
    ),
    rule(
        "item-needs-group",
        Severity::Error,
        "an agenda item treated in a session that lacks a group the item needs",
    ),
    rule(
        "wrong-track",
        Severity::Error,
        "an agenda item or contribution of one parallel track treated in a session of another",
    ),
    rule(
        "session-overfull",
        Severity::Error,
        "a session whose items and contributions need more time than it has",
    ),
    rule(
        "joint-notice",
        Severity::Warning,
        "a joint session fixed with less than the required notice",
    ),
    rule(
        "group-conflict",
        Severity::Warning,
        "two groups that declared they should not overlap do overlap",
    ),
    rule(
        "group-unavailable",
        Severity::Warning,
        "a group meeting in a half-day it declared unavailable",
    ),
    rule(
        "dependency-order",
        Severity::Warning,
        "contributions treated before one they depend on, a companion CR before its main CR, or a revision before an older one",
    ),
    rule(
        "unscheduled",
        Severity::Warning,
        "an agenda item or contribution that no session treats",
    ),
    rule(
        "back-to-back",
        Severity::Warning,
        "a person or group with sessions in different rooms and no break between them",
    ),
    rule(
        "room-capacity",
        Severity::Warning,
        "a room with fewer seats than the session's expected attendance",
    ),
    rule(
        "night-call",
        Severity::Warning,
        "a call at night where a required participant lives (before 07:00 or after 22:00), or in a delegates' zone of the meeting (00:00-06:00)",
    ),
    rule(
        "conflict-not-in-week",
        Severity::Warning,
        "a group of the week declares a conflict with a group that has no session in the week",
    ),
    rule(
        "broad-key-person",
        Severity::Warning,
        "a key person needed by most groups of the week (as key person or chair)",
    ),
    rule(
        "series-stale-action",
        Severity::Warning,
        "an action item one meeting of a series records closed that a later meeting of the group still holds open (a stale carried copy)",
    ),
    rule(
        "series-decided-twice",
        Severity::Warning,
        "a document (number and revision) decided differently in two meetings of a series",
    ),
];

/// Warnings from loading that can be allowed like the conflict warnings.
pub const OTHER_WARNINGS: &[&str] = &["ambiguous-time"];

/// Names of every warning rule that `allow` accepts.
pub fn warning_rules() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| r.severity == Severity::Warning)
        .map(|r| r.name)
        .chain(OTHER_WARNINGS.iter().copied())
        .collect()
}

/// Settings that apply to the whole run (the command line). Files add their
/// own `[settings]`, which apply to their sessions.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Warning rules not reported anywhere.
    pub allow: BTreeSet<String>,
}

/// Every conflict in the week, in no particular order (`check::run` sorts).
///
/// Sessions whose time could not be placed are skipped by the rules about
/// time. Allowed warnings are left out.
pub fn check(week: &Week, settings: &Settings) -> Vec<Diagnostic> {
    let index = Index::new(week);
    let mut out = settings_problems(week);
    out.extend(overlap::check(&index));
    out.extend(content::check(&index));
    out.extend(track::check(&index));
    out.extend(preference::check(&index));
    out.extend(series::check(week));
    silence(week, settings, out)
}

/// Drops the warnings allowed on the command line, or in any file that one
/// of the warning's locations points into.
pub fn silence(week: &Week, settings: &Settings, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let allowed_in: Vec<(crate::load::source::FileId, Vec<&str>)> = week
        .meetings
        .iter()
        .map(|m| {
            (
                m.file,
                m.settings.allow.iter().map(|a| a.as_str()).collect(),
            )
        })
        .collect();
    diagnostics
        .into_iter()
        .filter(|d| {
            d.severity != Severity::Warning
                || !(settings.allow.contains(d.rule)
                    || d.labels.iter().any(|l| {
                        allowed_in
                            .iter()
                            .any(|(f, rules)| *f == l.file && rules.contains(&d.rule))
                    }))
        })
        .collect()
}

/// Unknown rule names in `[settings] allow`, and references to unknown groups
/// in the group fields `agendum check` reads.
fn settings_problems(week: &Week) -> Vec<Diagnostic> {
    let warnings = warning_rules();
    let errors: Vec<&str> = RULES
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .map(|r| r.name)
        .collect();
    let groups: BTreeSet<&str> = week
        .meetings
        .iter()
        .flat_map(|m| m.groups.iter().map(|g| g.id.as_str()))
        .collect();
    let mut out = Vec::new();
    for m in &week.meetings {
        for (i, a) in m.settings.allow.iter().enumerate() {
            let name = a.as_str();
            if warnings.contains(&name) {
                continue;
            }
            let d = if errors.contains(&name) {
                Diagnostic::error(
                    "invalid-value",
                    format!("`{name}` is an error rule and cannot be allowed"),
                )
                .at(m.file, a.span.clone(), "an error, not a warning")
                .help("errors mean the week cannot work as written: fix the sessions instead")
            } else {
                let help = match did_you_mean(name, warnings.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the warning rules are: {}", warnings.join(", ")),
                };
                Diagnostic::error("unknown-rule", format!("unknown rule `{name}`"))
                    .at(m.file, a.span.clone(), "no warning rule of this name")
                    .help(help)
            };
            out.push(d.field(format!("settings.allow[{i}]")));
        }
    }
    for (_, gi, g) in crate::load::week::declared_groups(&week.meetings) {
        for (prio, other) in g.conflicts.iter() {
            if !groups.contains(other.as_str()) {
                let which = ["first", "second", "third"][usize::from(prio - 1)];
                let help = match did_you_mean(other.as_str(), groups.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => {
                        "declare the group in [[groups]] in one of the week's files".to_string()
                    }
                };
                out.push(
                    Diagnostic::error(
                        "unknown-reference",
                        format!("unknown group `{}`", other.as_str()),
                    )
                    .at(g.file, other.span.clone(), "no group of this name")
                    .field(format!("groups[{gi}].conflicts.{which}"))
                    .help(help),
                );
            }
        }
    }
    out
}

/// Validates `--allow` values; the error says what would be right.
pub fn parse_allow(name: &str) -> Result<String, String> {
    let warnings = warning_rules();
    if warnings.contains(&name) {
        return Ok(name.to_string());
    }
    if RULES.iter().any(|r| r.name == name) {
        return Err(format!(
            "`{name}` is an error rule and cannot be allowed; fix the sessions instead"
        ));
    }
    Err(match did_you_mean(name, warnings.iter().copied()) {
        Some(s) => format!("unknown rule `{name}`: did you mean `{s}`?"),
        None => format!(
            "unknown rule `{name}`: the warning rules are {}",
            warnings.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_names_are_checked_with_suggestions() {
        assert_eq!(parse_allow("back-to-back").as_deref(), Ok("back-to-back"));
        assert_eq!(
            parse_allow("back2back").unwrap_err(),
            "unknown rule `back2back`: did you mean `back-to-back`?"
        );
        assert!(
            parse_allow("room-overlap")
                .unwrap_err()
                .contains("error rule")
        );
    }

    #[test]
    fn rule_names_are_unique() {
        let names: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(names.len(), RULES.len());
    }
}
