//! `agendum record`: what the secretary types during the week.
//!
//! A record appends an event to a contribution's history (presentation,
//! decision, notes), adds a new revision to its chain, or adds and closes
//! action items. The file is edited in place: comments and layout stay, the
//! new text is checked to load before it is written, and the write is atomic
//! and refused if someone else changed the file meanwhile.
//!
//! What is written is what was resolved when it was recorded: a session by
//! its id (moving a slot later does not move the decisions taken in it), a
//! presenter by the name `[[people]]` declares ("Younsun" is written
//! "Younsun Kim"). The same decision on the same document in the same
//! session is refused unless `again` says it was taken twice; an action item
//! identical to an open one is recorded with a warning.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, Item, Table, value};

use crate::diagnostic::did_you_mean;
use crate::edit::{MeetingDoc, WriteOptions};
use crate::error::Error;
use crate::load::source::Source;
use crate::load::week;
use crate::model::Meeting;
use crate::model::number::ContributionNumber;
use crate::model::status::{ActionStatus, Status};

/// A decision as the secretary words it, read into its parts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decision {
    /// The canonical decision, if the words carry one.
    pub status: Option<Status>,
    /// The words, when they say more than the canonical word.
    pub wording: Option<String>,
    /// Groups that took a joint decision ("agreed by ARC/SEC").
    pub decided_by: Vec<String>,
    /// A revision is expected.
    pub revision_expected: bool,
}

/// The decision words `record` accepts, for help and errors.
pub const DECISION_WORDS: &str = "noted, agreed, approved, endorsed, withdrawn, postponed, rejected, merged, \"left open\", \"revision expected\", \"not treated\"; free words may follow (\"agreed to be proposed to TP for approval\"), and \"by ARC/SEC\" names a joint decision";

/// Words that say what was decided, for the user's confirmation line.
fn decision_summary(decision: Option<&Decision>) -> String {
    let Some(d) = decision else {
        return "presented".to_string();
    };
    let mut w = match (&d.status, &d.wording) {
        (_, Some(w)) => w.clone(),
        (Some(s), None) => s.as_str().to_uppercase(),
        (None, None) => "revision expected".to_string(),
    };
    if !d.decided_by.is_empty() {
        let _ = write!(w, " by {}", d.decided_by.join("/"));
    }
    w
}

/// The `[[contributions.history]]` table of a record, updating the
/// contribution's own `status` and `revision_expected` on the way. `suffix`
/// is the revision suffix, empty for the contribution's first number.
fn event_table(
    record: &ContributionRecord,
    resolved: &Resolved,
    decision: Option<&Decision>,
    suffix: &str,
    table: &mut Table,
) -> Table {
    let mut event = Table::new();
    if !suffix.is_empty() {
        event["revision"] = value(suffix);
    }
    if let Some(s) = &resolved.session {
        event["session"] = value(s.as_str());
    }
    if let Some(b) = &resolved.by {
        event["by"] = value(b.as_str());
    }
    let revision_expected =
        record.revision_expected || decision.is_some_and(|d| d.revision_expected);
    if let Some(d) = decision {
        if let Some(s) = d.status {
            event["decision"] = value(s.as_str());
            table["status"] = value(s.as_str());
        }
        if let Some(w) = &d.wording {
            event["wording"] = value(w.as_str());
        }
        if !d.decided_by.is_empty() {
            event["decided_by"] = value(d.decided_by.iter().collect::<Array>());
        }
    }
    if revision_expected {
        event["revision_expected"] = value(true);
    }
    if decision.is_some_and(|d| d.status.is_some()) || revision_expected {
        // The flag on the contribution says whether a revision is still awaited.
        if revision_expected {
            table["revision_expected"] = value(true);
        } else {
            table.remove("revision_expected");
        }
    }
    if !record.notes.is_empty() {
        event["notes"] = value(record.notes.iter().collect::<Array>());
    }
    event
}

/// Reads decision words: `noted`, `AGREED by ARC/SEC`, `left open`,
/// `revision expected`, `agreed to be proposed to TP for approval`.
pub fn parse_decision(words: &str) -> Result<Decision, String> {
    let text = words.trim();
    let lower = text.to_lowercase();
    if lower.is_empty() {
        return Err(format!("no decision given: write one of {DECISION_WORDS}"));
    }
    let mut decision = Decision::default();
    let rest = if let Some(r) = lower.strip_prefix("revision expected") {
        decision.revision_expected = true;
        r
    } else {
        let first = Status::ALL
            .iter()
            .chain([Status::Open].iter())
            .filter_map(|s| lower.strip_prefix(s.as_str()).map(|r| (*s, r)))
            .max_by_key(|(s, _)| s.as_str().len());
        let alias = [
            ("left open", Status::Open),
            ("keep open", Status::Open),
            ("kept open", Status::Open),
        ]
        .into_iter()
        .find_map(|(w, s)| lower.strip_prefix(w).map(|r| (s, r)));
        let Some((status, r)) = alias.or(first) else {
            let word = lower.split_whitespace().next().unwrap_or("");
            let candidates: Vec<&str> = Status::ALL
                .iter()
                .map(|s| s.as_str())
                .chain(["left open", "revision expected"])
                .collect();
            return Err(match did_you_mean(word, candidates) {
                Some(s) => format!("`{text}` is not a decision: did you mean \"{s}\"?"),
                None => format!("`{text}` is not a decision: write one of {DECISION_WORDS}"),
            });
        };
        decision.status = Some(status);
        r
    };
    let rest = rest.trim();
    if let Some(groups) = rest.strip_prefix("by ") {
        let groups: Vec<String> = groups
            .split(['/', ',', ' '])
            .filter(|g| !g.is_empty())
            .map(str::to_uppercase)
            .collect();
        if groups.is_empty() {
            return Err(format!(
                "`{text}`: name the groups after \"by\", e.g. \"agreed by ARC/SEC\""
            ));
        }
        decision.decided_by = groups;
    }
    // "agreed by ARC/SEC" says no more than its parts; other words are kept.
    if !rest.is_empty() && decision.decided_by.is_empty() {
        decision.wording = Some(text.to_string());
    }
    Ok(decision)
}

/// A record's session and presenter as the file names them: the session's
/// id, the person's declared name.
struct Resolved {
    session: Option<String>,
    by: Option<String>,
}

/// What to record about a contribution.
#[derive(Debug, Clone, Default)]
pub struct ContributionRecord {
    /// The number, possibly a new revision (`SEC-2016-0136R01`).
    pub number: String,
    /// The decision words, if any.
    pub decision: Option<String>,
    /// Session (id or minutes' name).
    pub session: Option<String>,
    /// Presenter.
    pub by: Option<String>,
    /// Discussion notes.
    pub notes: Vec<String>,
    /// A revision is expected.
    pub revision_expected: bool,
    /// The same decision was taken again in the same session: record it
    /// although the file already holds it.
    pub again: bool,
}

/// A new action item.
#[derive(Debug, Clone, Default)]
pub struct NewAction {
    /// What is to be done.
    pub what: String,
    /// Who does it.
    pub who: String,
    /// Session where it was raised.
    pub session: Option<String>,
    /// Contribution it came from.
    pub contribution: Option<String>,
}

/// A file open for recording: the editable document and the loaded model.
pub struct Recorder {
    doc: MeetingDoc,
    meeting: Meeting,
    /// The file as loaded, for the line numbers of what it already holds.
    source: Source,
    path: PathBuf,
    /// One line per change made, for the user.
    pub changes: Vec<String>,
    /// What the user should look at, though it was recorded (an action item
    /// identical to an open one).
    pub warnings: Vec<String>,
}

impl Recorder {
    /// Opens a meeting file for recording without writing it (a dry run);
    /// it must load and validate.
    pub fn open(path: &Path) -> Result<Self, Error> {
        Self::with_doc(MeetingDoc::open(path)?, path)
    }

    /// Opens a meeting file for recording that will be written: the file's
    /// edit lock is taken before it is read and held until the recorder is
    /// dropped, so a concurrent `record` waits instead of losing its edit.
    pub fn open_to_write(path: &Path, options: &WriteOptions) -> Result<Self, Error> {
        Self::with_doc(MeetingDoc::open_to_write(path, options)?, path)
    }

    fn with_doc(doc: MeetingDoc, path: &Path) -> Result<Self, Error> {
        let loaded = week::load(&[path.to_path_buf()]).map_err(|f| {
            Error::Refused(format!(
                "{}: the file does not load; run `agendum check {}` ({} problem(s))",
                path.display(),
                path.display(),
                f.diagnostics.len() + f.unreadable.len()
            ))
        })?;
        if let Some(d) = loaded.diagnostics.iter().find(|d| d.is_error()) {
            return Err(Error::Refused(format!(
                "{}: the file has errors ({}); run `agendum check {}` and fix them first",
                path.display(),
                d.message,
                path.display()
            )));
        }
        let meeting = loaded.week.meetings.into_iter().next().unwrap_or_default();
        let source = loaded.week.sources.get(meeting.file).clone();
        Ok(Self {
            doc,
            meeting,
            source,
            path: path.to_path_buf(),
            changes: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// "sec-24.toml:612", where byte `offset` of the file is.
    fn place(&self, offset: usize) -> String {
        format!(
            "{}:{}",
            self.path.display(),
            self.source.position(offset).line
        )
    }

    fn resolve_session(&self, text: &str) -> Result<String, Error> {
        if let Some(i) = self.meeting.find_session(text) {
            Ok(self.meeting.sessions[i].id.as_str().to_string())
        } else {
            {
                let mut names: Vec<String> = self
                    .meeting
                    .sessions
                    .iter()
                    .map(|s| s.id.as_str().to_string())
                    .collect();
                names.extend(
                    self.meeting
                        .sessions
                        .iter()
                        .filter_map(|s| self.meeting.derived_session_name(s)),
                );
                let hint = did_you_mean(text, names.iter().map(String::as_str)).map_or_else(
                    || format!("sessions are: {}", names.join(", ")),
                    |s| format!("did you mean \"{s}\"?"),
                );
                Err(Error::Refused(format!(
                    "{}: no session \"{text}\" in {}; {hint}",
                    self.path.display(),
                    self.meeting.header.id.as_str()
                )))
            }
        }
    }

    /// The person `name` means, by the name `[[people]]` declares: the name
    /// or an alias as written, else the one person whose name, alias or
    /// first name it is with case ignored ("younsun" for "Younsun Kim").
    fn resolve_person(&self, name: &str) -> Result<String, Error> {
        let people = &self.meeting.people;
        let names = |p: &crate::model::Person| -> Vec<String> {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(|n| n.as_str().to_string())
                .collect()
        };
        if let Some(p) = people.iter().find(|p| names(p).iter().any(|n| n == name)) {
            return Ok(p.name.as_str().to_string());
        }
        let wanted = name.trim().to_lowercase();
        let matches: Vec<&crate::model::Person> = people
            .iter()
            .filter(|p| {
                names(p).iter().any(|n| {
                    let n = n.to_lowercase();
                    n == wanted || n.split_whitespace().next() == Some(wanted.as_str())
                })
            })
            .collect();
        match matches.as_slice() {
            [one] => Ok(one.name.as_str().to_string()),
            [] => {
                let all: Vec<String> = people.iter().flat_map(names).collect();
                let hint = did_you_mean(name, all.iter().map(String::as_str)).map_or_else(
                    || "add them to [[people]] first".to_string(),
                    |s| format!("did you mean \"{s}\"?"),
                );
                Err(Error::Refused(format!(
                    "{}: no person \"{name}\" in the file; {hint}",
                    self.path.display()
                )))
            }
            several => {
                let list: Vec<String> = several
                    .iter()
                    .map(|p| format!("\"{}\"", p.name.as_str()))
                    .collect();
                Err(Error::Refused(format!(
                    "{}: \"{name}\" could be {}; write the name as [[people]] declares it",
                    self.path.display(),
                    list.join(" or ")
                )))
            }
        }
    }

    /// Refuses `status` on `number` in `session` when the file already
    /// records that decision there (unless the record says `again`).
    fn refuse_repeated_decision(
        &self,
        ci: usize,
        number: &ContributionNumber,
        session: Option<&str>,
        status: Status,
    ) -> Result<(), Error> {
        let c = &self.meeting.contributions[ci];
        let wanted = session.and_then(|s| self.meeting.find_session(s));
        let same = c.history.iter().enumerate().find(|(_, e)| {
            let event_number = e.revision.as_ref().map_or_else(
                || Ok(c.number.value.clone()),
                |r| c.number.resolve_revision(r.as_str()),
            );
            let in_session = e
                .session
                .as_ref()
                .and_then(|s| self.meeting.find_session(s.as_str()));
            event_number.is_ok_and(|n| n == *number)
                && in_session == wanted
                && e.session.is_some() == session.is_some()
                && e.decision.as_ref().is_some_and(|d| d.value == status)
        });
        let Some((ei, e)) = same else {
            return Ok(());
        };
        let at = e.decision.as_ref().map_or(0, |d| d.span.start);
        let place = match wanted {
            Some(i) => format!(
                " in {}",
                crate::export::render::report::session_name(&self.meeting, i)
            ),
            None => String::new(),
        };
        Err(Error::Refused(format!(
            "{}: {} was already recorded {}{place} (contributions[{ci}].history[{ei}].decision); give --again if it was decided a second time",
            self.place(at),
            number.as_str(),
            status.as_str().to_uppercase(),
        )))
    }

    /// The index of the contribution whose chain holds `number`, or which
    /// shares its base (a new revision).
    fn find_contribution(&self, number: &ContributionNumber) -> Result<usize, Error> {
        // The contribution whose chain holds the number, or shares its base.
        let found = self.meeting.contributions.iter().position(|c| {
            c.number.as_str() == number.as_str()
                || c.revisions.iter().any(|r| {
                    c.number
                        .resolve_revision(r.as_str())
                        .is_ok_and(|n| n == *number)
                })
        });
        let found = found.or_else(|| {
            self.meeting
                .contributions
                .iter()
                .position(|c| c.number.base() == number.base())
        });
        found.ok_or_else(|| {
            let all: Vec<&str> = self
                .meeting
                .contributions
                .iter()
                .map(|c| c.number.as_str())
                .collect();
            let hint = did_you_mean(number.as_str(), all.iter().copied()).map_or_else(
                || "import or add it to [[contributions]] first".to_string(),
                |s| format!("did you mean {s}?"),
            );
            Error::Refused(format!(
                "{}: no contribution {} in {}; {hint}",
                self.path.display(),
                number.as_str(),
                self.meeting.header.id.as_str()
            ))
        })
    }

    /// The decision a record's words carry, checked against the file's groups.
    fn decision_of(&self, record: &ContributionRecord) -> Result<Option<Decision>, Error> {
        let decision = record
            .decision
            .as_deref()
            .map(parse_decision)
            .transpose()
            .map_err(Error::Refused)?;
        if let Some(d) = &decision {
            for g in &d.decided_by {
                if !self.meeting.groups.iter().any(|x| x.id.as_str() == g) {
                    return Err(Error::Refused(format!(
                        "{}: no group {g} in the file (from \"by {}\")",
                        self.path.display(),
                        d.decided_by.join("/")
                    )));
                }
            }
        }
        Ok(decision)
    }

    /// Records an event on a contribution.
    pub fn contribution(&mut self, record: &ContributionRecord) -> Result<(), Error> {
        let number = ContributionNumber::parse(&record.number).map_err(|e| {
            Error::Refused(format!(
                "{e}; {}",
                crate::model::number::CONTRIBUTION_NUMBER_FORMS
            ))
        })?;
        let decision = self.decision_of(record)?;
        let resolved = Resolved {
            session: (record.session.as_deref())
                .map(|s| self.resolve_session(s))
                .transpose()?,
            by: (record.by.as_deref())
                .map(|b| self.resolve_person(b))
                .transpose()?,
        };
        let ci = self.find_contribution(&number)?;
        if let Some(status) = decision.as_ref().and_then(|d| d.status) {
            if !record.again {
                self.refuse_repeated_decision(ci, &number, resolved.session.as_deref(), status)?;
            }
        }
        let contribution = &self.meeting.contributions[ci];
        let first = contribution.number.clone();
        let in_chain = first.as_str() == number.as_str()
            || contribution.revisions.iter().any(|r| {
                first
                    .resolve_revision(r.as_str())
                    .is_ok_and(|n| n == number)
            });
        let is_first = first.as_str() == number.as_str();
        let suffix = number.revision_suffix().to_string();

        let Some(tables) = self.doc.array("contributions") else {
            return Err(Error::Refused(format!(
                "{}: `contributions` is not a list of tables",
                self.path.display()
            )));
        };
        let Some(table) = tables.get_mut(ci) else {
            return Err(Error::Refused(format!(
                "{}: contribution {} not found in the text",
                self.path.display(),
                first.as_str()
            )));
        };
        let mut line = String::new();
        if !in_chain {
            let revisions = table.entry("revisions").or_insert(value(Array::new()));
            if let Some(arr) = revisions.as_array_mut() {
                arr.push(suffix.as_str());
            }
            let _ = write!(line, "new revision {}; ", number.as_str());
        }
        let event = event_table(
            record,
            &resolved,
            decision.as_ref(),
            if is_first { "" } else { &suffix },
            table,
        );
        if event.is_empty() {
            return Err(Error::Refused(
                "nothing to record: give a decision, --by, --session or --note".into(),
            ));
        }
        let history = table
            .entry("history")
            .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
        let Some(history) = history.as_array_of_tables_mut() else {
            return Err(Error::Refused(format!(
                "{}: `history` of {} is not a list of tables",
                self.path.display(),
                first.as_str()
            )));
        };
        history.push(event);
        let what = decision_summary(decision.as_ref());
        let _ = write!(line, "{} {what}", number.as_str());
        if let (Some(s), Some(id)) = (&record.session, &resolved.session) {
            if s == id {
                let _ = write!(line, " in {s}");
            } else {
                let _ = write!(line, " in {s} ({id})");
            }
        }
        if let Some(b) = &resolved.by {
            let _ = write!(line, ", presented by {b}");
        }
        self.changes.push(line);
        Ok(())
    }

    /// The next reference of the group's action series: the prefix (from
    /// the hosting group's `action_prefix`, or the references in the file)
    /// and one more than the highest number used with it.
    pub fn next_action_reference(&self) -> Result<String, Error> {
        let group = self.meeting.header.group.as_str();
        let prefix = self
            .meeting
            .groups
            .iter()
            .find(|g| g.id.as_str() == group)
            .and_then(|g| g.action_prefix.clone())
            .or_else(|| {
                self.meeting
                    .actions
                    .iter()
                    .rev()
                    .find_map(|a| a.reference.as_ref())
                    .map(|r| r.trim_end_matches(|c: char| c.is_ascii_digit()).to_string())
            })
            .ok_or_else(|| {
                Error::Refused(format!(
                    "{}: no action series known: set `action_prefix` on group {group} (e.g. \"A-WG4-SEC\")",
                    self.path.display()
                ))
            })?;
        let (highest, width) = self
            .meeting
            .actions
            .iter()
            .filter_map(|a| a.reference.as_ref()?.strip_prefix(prefix.as_str()))
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|d| d.parse::<u64>().ok().map(|n| (n, d.len())))
            .max()
            .unwrap_or((0, 3));
        Ok(format!("{prefix}{:0width$}", highest + 1))
    }

    /// Adds an action item with the next reference; returns the reference.
    pub fn add_action(&mut self, action: &NewAction) -> Result<String, Error> {
        if action.what.trim().is_empty() {
            return Err(Error::Refused(
                "--action needs the text of the action".into(),
            ));
        }
        if action.who.trim().is_empty() {
            return Err(Error::Refused(
                "--action needs --who (a person, a company, or \"All\")".into(),
            ));
        }
        let session = action
            .session
            .as_deref()
            .map(|s| self.resolve_session(s))
            .transpose()?;
        let squeeze = |t: &str| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let twin = self.meeting.actions.iter().find(|a| {
            a.status.value == ActionStatus::Open
                && squeeze(&a.what.join(" ")) == squeeze(&action.what)
                && a.who.as_deref().map(squeeze) == Some(squeeze(&action.who))
        });
        if let Some(twin) = twin {
            let name = twin.reference.as_ref().map_or_else(
                || "an open action item".to_string(),
                |r| format!("open action item {}", r.as_str()),
            );
            // The line of its reference, else of what it was raised on.
            let at = [&twin.reference, &twin.contribution, &twin.session]
                .into_iter()
                .flatten()
                .next()
                .map_or_else(
                    || self.path.display().to_string(),
                    |l| self.place(l.span.start),
                );
            self.warnings.push(format!(
                "{at}: {name} already says \"{}\" ({}); recorded anyway",
                twin.what.join(" "),
                twin.who.as_deref().unwrap_or_default()
            ));
        }
        let reference = self.next_action_reference()?;
        let mut t = Table::new();
        t["reference"] = value(reference.as_str());
        t["what"] = value([action.what.as_str()].into_iter().collect::<Array>());
        t["who"] = value(action.who.as_str());
        t["status"] = value("open");
        if let Some(s) = &session {
            t["session"] = value(s.as_str());
        }
        if let Some(c) = &action.contribution {
            t["contribution"] = value(c.as_str());
        }
        let Some(actions) = self.doc.array("actions") else {
            return Err(Error::Refused(format!(
                "{}: `actions` is not a list of tables",
                self.path.display()
            )));
        };
        actions.push(t);
        // Keep the model in step so a second action in the same run gets the next number.
        self.meeting.actions.push(crate::model::ActionItem {
            reference: Some(crate::model::loc::Loc::synthetic(reference.clone())),
            what: vec![action.what.clone()],
            who: Some(action.who.clone()),
            ..Default::default()
        });
        self.changes.push(format!(
            "new action {reference}: {} ({})",
            action.what, action.who
        ));
        Ok(reference)
    }

    /// Marks an action item completed.
    pub fn close_action(&mut self, reference: &str) -> Result<(), Error> {
        let refs: Vec<String> = self
            .meeting
            .actions
            .iter()
            .filter_map(|a| Some(a.reference.as_ref()?.as_str().to_string()))
            .collect();
        let path = self.path.display().to_string();
        let Some(table) = self.doc.find_mut("actions", "reference", reference) else {
            let hint = did_you_mean(reference, refs.iter().map(String::as_str))
                .map_or_else(String::new, |s| format!("; did you mean {s}?"));
            return Err(Error::Refused(format!(
                "{path}: no action item {reference}{hint}"
            )));
        };
        table["status"] = value("completed");
        self.changes.push(format!("action {reference} COMPLETED"));
        Ok(())
    }

    /// Writes the file (unless `dry_run`); returns whether it was written.
    pub fn save(&self, dry_run: bool) -> Result<bool, Error> {
        if dry_run {
            return Ok(false);
        }
        self.doc.save()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_as_secretaries_write_them() {
        let d = parse_decision("AGREED by ARC/SEC").unwrap();
        assert_eq!(d.status, Some(Status::Agreed));
        assert_eq!(d.decided_by, vec!["ARC", "SEC"]);
        let d = parse_decision("agreed to be proposed to TP for approval").unwrap();
        assert_eq!(
            (d.status, d.wording.as_deref()),
            (
                Some(Status::Agreed),
                Some("agreed to be proposed to TP for approval")
            )
        );
        assert_eq!(
            parse_decision("left open").unwrap().status,
            Some(Status::Open)
        );
        let d = parse_decision("revision expected").unwrap();
        assert!(d.revision_expected && d.status.is_none());
        assert_eq!(
            parse_decision("not treated").unwrap().status,
            Some(Status::NotTreated)
        );
        assert_eq!(
            parse_decision("noted").unwrap(),
            Decision {
                status: Some(Status::Noted),
                ..Decision::default()
            }
        );
        assert!(
            parse_decision("notd")
                .unwrap_err()
                .contains("did you mean \"noted\"")
        );
    }
}
