//! `agendum next`: the next meeting's file, made from this one.
//!
//! What this meeting leaves open is carried to the next one, each entry with
//! `carried_from` naming this meeting: every action item still open, every
//! contribution left open, postponed or with a revision expected (one
//! definition of "open": [`crate::model::carry`]), under the same agenda
//! item. The agenda skeleton is this meeting's own numbering and titles
//! (their texts and reports are this week's and stay behind); the item that
//! approves the previous minutes names this meeting's minutes. The shared
//! files it includes are included again (paths rewritten relative to the
//! new file), and what it declares itself (groups, rooms, people, settings)
//! is copied, comments included. The new file has no sessions: they are the
//! chair's, or `timetable`'s. The next-meetings entries that fall between
//! this meeting and the new one (the calls before it) become the new
//! file's; the new meeting's own entry and those after it are dropped.
//!
//! The output depends only on the file and the options: no clock, no
//! order of a hash map; the same inputs give the same bytes.

use std::path::{Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load::relative;
use crate::load::source::{FileId, Source, Sources};
use crate::model::carry::{self, OpenReason};
use crate::model::clock::Date;
use crate::model::status::{ActionStatus, ItemPlace};
use crate::model::{ActionItem, Meeting};

/// What the new meeting is.
#[derive(Debug, Clone)]
pub struct NextOptions {
    /// Its id (`SEC#25`).
    pub id: String,
    /// Its title; `<id> meeting` when not given.
    pub title: Option<String>,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Where it is held.
    pub venue: Option<String>,
    /// Its IANA time zone; this meeting's when not given.
    pub timezone: Option<String>,
    /// The number of this meeting's minutes, when the file does not give
    /// `meeting.documents.minutes`.
    pub minutes: Option<String>,
}

/// The new file and what was carried into it.
#[derive(Debug, Clone)]
pub struct NextFile {
    /// The TOML text.
    pub text: String,
    /// Open action items carried, by reference or first line.
    pub actions: Vec<String>,
    /// Open contributions carried: latest number and why it is open.
    pub contributions: Vec<(String, String)>,
    /// The agenda item that approves the previous minutes, if the agenda has one.
    pub minutes_item: Option<String>,
}

/// Keys of a contribution that describe the document itself and go with it
/// to the next meeting. Status, remarks, history and session are this
/// week's and stay behind.
const CONTRIBUTION_KEYS: &[&str] = &[
    "number",
    "revisions",
    "title",
    "source",
    "presenter",
    "type",
    "purpose",
    "item",
    "revision_of",
    "companion_of",
    "depends_on",
    "groups",
    "minutes",
    "notes",
    "contact",
    "abstract",
    "release",
    "spec",
    "cr",
    "cr_category",
];

/// Keys of `[meeting]` copied as they are.
const HEADER_KEYS: &[&str] = &[
    "group",
    "chair",
    "secretary",
    "delegate_zones",
    "calendar_domain",
    "document_url",
    "slots",
];

/// Makes the next meeting's file from `meeting`, loaded from `source_path`
/// whose text is `source_text`; `out` is where it will be written (paths of
/// included files are rewritten relative to it).
pub fn make(
    meeting: &Meeting,
    source_path: &Path,
    source_text: &str,
    out: &Path,
    opts: &NextOptions,
) -> Result<NextFile, Error> {
    check_options(meeting, opts)?;
    let from = meeting.header.id.as_str().to_string();
    let src: DocumentMut = source_text
        .parse()
        .map_err(|e: toml_edit::TomlError| Error::Parse {
            path: source_path.to_path_buf(),
            message: e.to_string(),
        })?;
    let src_dir = dir_of(source_path)?;
    let out_dir = dir_of(out)?;

    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(format!(
        "# {}: the next meeting after {from}, made by `agendum next` from {}.\n\
         # Carried entries say `carried_from`; sessions are left for the chair (or `agendum timetable`).\n\n",
        opts.id,
        file_name(source_path)
    ));

    if let Some(inc) = meeting.include.first().map(|_| &meeting.include) {
        let mut arr = Array::new();
        for p in inc {
            arr.push(relative(&src_dir.join(p.as_str()), &out_dir));
        }
        doc.insert("include", Item::Value(Value::Array(arr)));
    }

    doc.insert(
        "meeting",
        Item::Table(header(&src, meeting, &src_dir, &out_dir, opts)),
    );

    for name in ["groups", "rooms", "people"] {
        if let Some(Item::ArrayOfTables(a)) = src.get(name) {
            doc.insert(name, Item::ArrayOfTables(a.clone()));
        }
    }

    let (agenda, minutes_item) = agenda(meeting, &from, minutes_number(meeting, opts).as_deref());
    doc.insert("agenda", Item::ArrayOfTables(agenda));

    let (contributions, carried) =
        contributions(&src, meeting, &from, opts, minutes_item.as_deref());
    if !contributions.is_empty() {
        doc.insert("contributions", Item::ArrayOfTables(contributions));
    }

    let (actions, action_names) = actions(meeting, &from, &carried);
    if !actions.is_empty() {
        doc.insert("actions", Item::ArrayOfTables(actions));
    }

    let next = next_meetings(&src, meeting, opts);
    if !next.is_empty() {
        doc.insert("next_meetings", Item::ArrayOfTables(next));
    }
    if let Some(settings) = src.get("settings") {
        doc.insert("settings", settings.clone());
    }

    Ok(NextFile {
        text: doc.to_string(),
        actions: action_names,
        contributions: carried
            .into_iter()
            .map(|(_, number, why)| (number, why))
            .collect(),
        minutes_item,
    })
}

/// Refuses options that do not make a next meeting of `meeting`: dates
/// reversed or not after it, an empty id or its own, a minutes number that
/// is one of its contributions.
fn check_options(meeting: &Meeting, opts: &NextOptions) -> Result<(), Error> {
    let from = meeting.header.id.as_str();
    if opts.end < opts.start {
        return Err(Error::Refused(format!(
            "--dates {}..{}: the last day is before the first; write START..END, e.g. 2016-10-10..2016-10-14",
            opts.start, opts.end
        )));
    }
    let this = &meeting.header.dates;
    if opts.start <= this.end.value {
        return Err(Error::Refused(format!(
            "--dates {}..{}: the next meeting must start after this one ends ({} is {} to {}); give a first day after {}",
            opts.start,
            opts.end,
            meeting.header.id.as_str(),
            this.start.value,
            this.end.value,
            this.end.value
        )));
    }
    if opts.id.trim().is_empty() {
        return Err(Error::Refused(
            "--id is empty: give the new meeting's id, e.g. SEC#25".into(),
        ));
    }
    if opts.id == from {
        return Err(Error::Refused(format!(
            "--id {}: that is this meeting's own id; give the next meeting's (e.g. {from}.1 or the next number)",
            opts.id
        )));
    }
    if let Some(n) = &opts.minutes {
        let base = crate::model::number::ContributionNumber::parse(n)
            .map_or_else(|_| n.clone(), |c| c.base().to_string());
        if let Some(c) = meeting
            .contributions
            .iter()
            .find(|c| c.number.value.base() == base)
        {
            return Err(Error::Refused(format!(
                "--minutes {n}: that is a contribution of {from} (\"{}\", item {}), not its minutes; give the number of the {from} minutes document",
                c.title, c.item.value
            )));
        }
    }
    Ok(())
}

/// What is wrong with the text `next` made: the errors `agendum check`
/// finds in it, with the texts (the new file and what it includes) they
/// point into.
#[derive(Debug)]
pub struct Rejected {
    /// The new file's text (file 0) and the files it includes.
    pub sources: Sources,
    /// The errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the text `next` made as `agendum check` loads a meeting file at
/// `out`: parsed, its included files read, the week validated (duplicate
/// ids, references, dates) and its rules checked. Only errors count: the
/// new file has no sessions, and `check` says so with a warning.
pub fn validate(out: &Path, text: &str) -> Result<(), Rejected> {
    let mut sources = Sources::new();
    let id = sources.add(Source::new(out, text.to_string()));
    let meeting = match crate::load::parse_meeting(sources.get(id), id) {
        Ok(m) => m,
        Err(diagnostics) => {
            return Err(Rejected {
                sources,
                diagnostics,
            });
        }
    };
    let mut meetings = vec![meeting];
    let named = crate::load::week::read_named_files(&mut sources, &mut meetings);
    if !named.is_empty() {
        return Err(Rejected {
            sources,
            diagnostics: named,
        });
    }
    let loaded = crate::load::week::from_meetings(sources, meetings);
    let mut errors: Vec<Diagnostic> = loaded
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if errors.is_empty() {
        errors = crate::check::check(&loaded.week, &crate::check::Settings::default())
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Rejected {
            sources: loaded.week.sources,
            diagnostics: errors,
        })
    }
}

/// Writes the new file atomically after loading it back as `agendum check`
/// would ([`validate`]: agendum writes nothing `check` would reject).
/// Refuses to write over the meeting file it was made from.
pub fn write(source_path: &Path, out: &Path, made: &NextFile) -> Result<(), Error> {
    crate::output::refuse_inputs(out, &[source_path]).map_err(Error::Write)?;
    if let Err(rejected) = validate(out, &made.text) {
        let total = rejected.diagnostics.len();
        let own: Vec<Diagnostic> = rejected
            .diagnostics
            .into_iter()
            .filter(|d| d.labels.iter().all(|l| l.file == FileId(0)))
            .collect();
        if own.len() == total {
            return Err(Error::Invalid(rejected.sources.get(FileId(0)).clone(), own));
        }
        return Err(Error::Refused(format!(
            "{}: {total} errors in the files it includes; no file written",
            out.display()
        )));
    }
    crate::output::write_atomic(out, made.text.as_bytes())
        .map_err(|e| Error::Refused(format!("{}: cannot write ({e})", out.display())))
}

/// The `[meeting]` table of the new file.
fn header(
    src: &DocumentMut,
    meeting: &Meeting,
    src_dir: &Path,
    out_dir: &Path,
    opts: &NextOptions,
) -> Table {
    let old = src.get("meeting").and_then(Item::as_table);
    let mut t = Table::new();
    t.insert("id", toml_edit::value(opts.id.clone()));
    t.insert(
        "title",
        toml_edit::value(
            opts.title
                .clone()
                .unwrap_or_else(|| format!("{} meeting", opts.id)),
        ),
    );
    let copy = |t: &mut Table, key: &str| {
        if let Some(v) = old.and_then(|o| o.get(key)) {
            t.insert(key, v.clone());
        }
    };
    copy(&mut t, "group");
    copy(&mut t, "chair");
    copy(&mut t, "secretary");
    let mut dates = InlineTable::new();
    dates.insert("start", Value::from(toml_date(opts.start)));
    dates.insert("end", Value::from(toml_date(opts.end)));
    t.insert("dates", Item::Value(Value::InlineTable(dates)));
    let zone = opts
        .timezone
        .clone()
        .unwrap_or_else(|| meeting.header.timezone.value.to_string());
    t.insert("timezone", toml_edit::value(zone));
    if let Some(v) = &opts.venue {
        t.insert("venue", toml_edit::value(v.clone()));
    }
    t.insert("status", toml_edit::value("tentative"));
    if let Some(n) = &meeting.header.notices {
        t.insert(
            "notices",
            toml_edit::value(relative(&src_dir.join(n.as_str()), out_dir)),
        );
    }
    for key in HEADER_KEYS.iter().skip(3) {
        copy(&mut t, key);
    }
    t
}

/// The agenda skeleton: this meeting's numbers and titles (and the groups an
/// item needs); the previous-minutes item names this meeting's minutes.
fn agenda(meeting: &Meeting, from: &str, minutes: Option<&str>) -> (ArrayOfTables, Option<String>) {
    let mut out = ArrayOfTables::new();
    let mut minutes_item = None;
    for item in &meeting.agenda {
        let mut t = Table::new();
        t.insert("number", toml_edit::value(item.number.as_str().to_string()));
        t.insert("title", toml_edit::value(item.title.clone()));
        if !item.groups.is_empty() {
            t.insert("groups", strings(item.groups.iter().map(|g| g.as_str())));
        }
        if let Some(place) = &item.place {
            let word = match place.value {
                ItemPlace::First => "first",
                ItemPlace::Last => "last",
            };
            t.insert("place", toml_edit::value(word));
        }
        if minutes_item.is_none() && is_previous_minutes(&item.title) {
            minutes_item = Some(item.number.as_str().to_string());
            let line = match minutes {
                Some(n) => format!("Minutes of {from}: {n}"),
                None => format!("Minutes of {from}"),
            };
            t.insert("text", strings([line.as_str()].into_iter()));
        }
        out.push(t);
    }
    (out, minutes_item)
}

/// Whether an item's title is the approval of the previous minutes.
fn is_previous_minutes(title: &str) -> bool {
    let t = title.to_lowercase();
    t.contains("minutes") && (t.contains("previous") || t.contains("approv"))
}

/// This meeting's minutes number: the file's `meeting.documents.minutes`,
/// else `--minutes`.
fn minutes_number(meeting: &Meeting, opts: &NextOptions) -> Option<String> {
    meeting
        .header
        .documents
        .minutes
        .as_ref()
        .map(|m| m.as_str().to_string())
        .or_else(|| opts.minutes.clone())
}

/// One carried contribution: index in the old meeting, latest number, why it is open.
type Carried = (usize, String, String);

/// The contributions of the new file: this meeting's minutes under the
/// previous-minutes item (when their number is known), then every open
/// contribution, in this file's order, with `carried_from`.
fn contributions(
    src: &DocumentMut,
    meeting: &Meeting,
    from: &str,
    opts: &NextOptions,
    minutes_item: Option<&str>,
) -> (ArrayOfTables, Vec<Carried>) {
    let mut out = ArrayOfTables::new();
    if let (Some(n), Some(item)) = (minutes_number(meeting, opts), minutes_item) {
        if crate::model::number::ContributionNumber::parse(&n).is_ok() {
            let mut t = Table::new();
            t.insert("number", toml_edit::value(n));
            t.insert("title", toml_edit::value(format!("Minutes {from}")));
            t.insert("type", toml_edit::value("minutes"));
            t.insert("item", toml_edit::value(item.to_string()));
            out.push(t);
        }
    }
    let tables: Vec<&Table> = src
        .get("contributions")
        .and_then(Item::as_array_of_tables)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let mut open: Vec<Carried> = meeting
        .contributions
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            carry::open_reason(c).map(|r| (i, carry::latest_number(c), r.describe()))
        })
        .collect();
    open.sort_by_key(|(i, _, _)| *i);
    let carried_numbers: Vec<&str> = open
        .iter()
        .map(|(i, _, _)| meeting.contributions[*i].number.as_str())
        .collect();
    for (i, _, _) in &open {
        let c = &meeting.contributions[*i];
        let Some(old) = tables.get(*i) else { continue };
        let mut t = Table::new();
        for key in CONTRIBUTION_KEYS {
            if let Some(v) = old.get(key) {
                // A link to a document that stays behind would name nothing.
                let link = match *key {
                    "revision_of" => c.revision_of.as_ref(),
                    "companion_of" => c.companion_of.as_ref(),
                    _ => None,
                };
                if link.is_some_and(|r| !carried_numbers.contains(&r.as_str())) {
                    continue;
                }
                if *key == "depends_on" {
                    let kept: Vec<&str> = c
                        .depends_on
                        .iter()
                        .map(|d| d.as_str())
                        .filter(|d| carried_numbers.contains(d))
                        .collect();
                    if !kept.is_empty() {
                        t.insert(key, strings(kept.into_iter()));
                    }
                    continue;
                }
                t.insert(key, v.clone());
            }
        }
        // Expected by the contribution, or by its last event (a postponed
        // CR may still await a revision): it still is at the next meeting.
        let expected = c.revision_expected || c.history.last().is_some_and(|e| e.revision_expected);
        if expected || matches!(carry::open_reason(c), Some(OpenReason::RevisionExpected(_))) {
            t.insert("revision_expected", toml_edit::value(true));
        }
        t.insert("carried_from", toml_edit::value(from));
        out.push(t);
    }
    (out, open)
}

/// The open action items, with `carried_from`; the contribution they came
/// from is kept when it is carried too.
fn actions(meeting: &Meeting, from: &str, carried: &[Carried]) -> (ArrayOfTables, Vec<String>) {
    let mut out = ArrayOfTables::new();
    let mut names = Vec::new();
    let carried_numbers: Vec<&str> = carried
        .iter()
        .map(|(i, _, _)| meeting.contributions[*i].number.as_str())
        .collect();
    for a in meeting
        .actions
        .iter()
        .filter(|a| a.status.value == ActionStatus::Open)
    {
        let mut t = Table::new();
        if let Some(r) = &a.reference {
            t.insert("reference", toml_edit::value(r.as_str().to_string()));
        }
        t.insert("what", strings(a.what.iter().map(String::as_str)));
        if let Some(w) = &a.who {
            t.insert("who", toml_edit::value(w.clone()));
        }
        t.insert("status", toml_edit::value("open"));
        if let Some(c) = a
            .contribution
            .as_ref()
            .filter(|c| carried_numbers.contains(&c.as_str()))
        {
            t.insert("contribution", toml_edit::value(c.as_str().to_string()));
        }
        t.insert(
            "carried_from",
            toml_edit::value(a.carried_from.as_ref().map_or(from, |f| f.as_str())),
        );
        names.push(action_name(a));
        out.push(t);
    }
    (out, names)
}

/// An action item as a list names it: its reference, else its first line.
fn action_name(a: &ActionItem) -> String {
    a.reference
        .as_ref()
        .map(|r| r.as_str().to_string())
        .or_else(|| a.what.first().cloned())
        .unwrap_or_default()
}

/// The next-meetings entries that stay planned: the calls and meetings
/// that fall between this meeting and the new one (after this meeting's
/// last day, before the new meeting's first). The new meeting's own entry,
/// and those after it start, are the new meeting's to plan.
fn next_meetings(src: &DocumentMut, meeting: &Meeting, opts: &NextOptions) -> ArrayOfTables {
    let mut out = ArrayOfTables::new();
    let tables: Vec<&Table> = src
        .get("next_meetings")
        .and_then(Item::as_array_of_tables)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let this_end = meeting.header.dates.end.value;
    for (n, t) in meeting.next_meetings.iter().zip(tables) {
        let between = this_end < n.dates.start.value && n.dates.end.value < opts.start;
        if !between || n.id == opts.id {
            continue;
        }
        let mut t = t.clone();
        t.decor_mut().clear();
        out.push(t);
    }
    out
}

/// A TOML array of strings.
fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Item {
    let mut arr = Array::new();
    for s in items {
        arr.push(s);
    }
    Item::Value(Value::Array(arr))
}

/// A local date as TOML writes it.
fn toml_date(d: Date) -> toml_edit::Datetime {
    let text = d.to_string();
    text.parse().unwrap_or(toml_edit::Datetime {
        date: None,
        time: None,
        offset: None,
    })
}

/// The folder of a file, absolute and without `..`.
fn dir_of(path: &Path) -> Result<PathBuf, Error> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    parent.canonicalize().map_err(|e| {
        Error::Refused(format!(
            "{}: the folder {} cannot be used ({e}); create it first",
            path.display(),
            parent.display()
        ))
    })
}

/// The file name of a path, for the header comment.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_minutes_item_is_found_by_title() {
        assert!(is_previous_minutes(
            "Approval of previous Minutes and draft deliverables"
        ));
        assert!(is_previous_minutes("Approval of the minutes"));
        assert!(!is_previous_minutes("Review of Agenda"));
    }
}
