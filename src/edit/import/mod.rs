//! `agendum import`: merging a portal's contribution list into a meeting file.
//!
//! Chairs do not type contributions: the portals export them. A list (3GPP
//! Tdoc list as .xlsx or CSV, oneM2M/ETSI portal CSV, or the plain CSV
//! template) is read into [`Entry`]s by header name (`columns`); rows that
//! cannot be mapped become [`RowProblem`]s with their row number and reason.
//! The entries are then merged into the meeting file in place ([`merge`]):
//! new agenda items and contributions are added in agenda order, existing
//! contributions get their title, status and revision links from the list,
//! and everything the user wrote by hand (notes, presenters, durations,
//! pinned sessions, comments, formatting) stays. Importing the same list
//! twice changes nothing.

pub(crate) mod columns;
pub(crate) mod onem2m;
pub(crate) mod sheet;
pub(crate) mod tdoc;
pub(crate) mod template;

use crate::error::Error;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, Item, Table, Value};

use crate::edit::MeetingDoc;
use crate::model::number::{AgendaNumber, ContributionNumber};
use crate::model::status::{Purpose, Status};

use columns::{Column, Located};
use sheet::{FileKind, Grid};

/// The kind of contribution list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Tell from the file: its headers decide (a `TDoc` column is a 3GPP
    /// list; `number` and `item` the template; otherwise a portal export).
    #[default]
    Auto,
    /// A 3GPP Tdoc list (`TDoc_List_Meeting_<WG>#<n>.xlsx`, or CSV).
    Tdoc,
    /// A oneM2M or ETSI portal contribution export (CSV).
    Onem2m,
    /// The plain CSV template (docs/import.md).
    Template,
}

impl Format {
    /// The columns the format reads.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Format::Auto | Format::Tdoc => tdoc::COLUMNS,
            Format::Onem2m => onem2m::COLUMNS,
            Format::Template => template::COLUMNS,
        }
    }

    /// The name shown in reports.
    pub fn label(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Tdoc => "3GPP Tdoc list",
            Format::Onem2m => "oneM2M/ETSI portal export",
            Format::Template => "agendum CSV template",
        }
    }

    /// Tells the format from a header row.
    fn detect(headers: &[String]) -> Option<Format> {
        let names: HashSet<String> = headers.iter().map(|h| columns::normalize(h)).collect();
        let has = |n: &str| names.contains(n);
        if has("tdoc") {
            Some(Format::Tdoc)
        } else if has("number") && has("item") {
            Some(Format::Template)
        } else if columns::score(onem2m::COLUMNS, headers) >= 2
            && columns::Located::find(Path::new(""), &grid_of(headers), onem2m::COLUMNS).is_ok()
        {
            Some(Format::Onem2m)
        } else {
            None
        }
    }
}

fn grid_of(headers: &[String]) -> Grid {
    Grid {
        headers: headers.to_vec(),
        header_row: 1,
        rows: Vec::new(),
    }
}

/// Why a list could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListError {
    /// The list file.
    pub path: PathBuf,
    /// The row (1-based, as the spreadsheet shows it), when one is at fault.
    pub row: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
}

impl ListError {
    /// An error about the list at `path`.
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            row: None,
            message: message.into(),
            help: None,
        }
    }

    /// Names the row at fault.
    #[must_use]
    pub fn row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    /// Says what would be right.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(r) = self.row {
            write!(f, ": row {r}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ListError {}

/// A row that could not be mapped: it is left out of the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number the spreadsheet shows (1-based, header counted).
    pub row: usize,
    /// The header of the column at fault.
    pub column: Option<String>,
    /// Why the row was left out.
    pub message: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(c) = &self.column {
            write!(f, ", column \"{c}\"")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One contribution as a list gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The row it came from (the latest revision's row, for a chain).
    pub row: usize,
    /// The number (the first of the chain).
    pub number: ContributionNumber,
    /// Later revisions of the chain, as suffixes (`R01`).
    pub revisions: Vec<String>,
    /// Title.
    pub title: String,
    /// Source companies.
    pub source: Vec<String>,
    /// Contact person, as the list names them.
    pub contact: Option<String>,
    /// Document type.
    pub kind: Option<String>,
    /// What it is for.
    pub purpose: Option<Purpose>,
    /// Abstract.
    pub summary: Option<String>,
    /// Agenda item.
    pub item: AgendaNumber,
    /// The list's title of the agenda item.
    pub item_title: Option<String>,
    /// Canonical status.
    pub status: Option<Status>,
    /// The list's status words as written, then its remarks.
    pub remarks: Option<String>,
    /// What it revises.
    pub revision_of: Option<ContributionNumber>,
    /// What revises it.
    pub revised_to: Option<ContributionNumber>,
    /// Release.
    pub release: Option<String>,
    /// Specification.
    pub spec: Option<String>,
    /// CR number.
    pub cr: Option<String>,
    /// CR category.
    pub cr_category: Option<String>,
}

/// A list read and mapped.
#[derive(Debug, Clone)]
pub struct List {
    /// The list file.
    pub path: PathBuf,
    /// Its kind (never `Auto`).
    pub format: Format,
    /// The contributions, in list order, revision chains joined.
    pub entries: Vec<Entry>,
    /// Rows left out, in row order.
    pub problems: Vec<RowProblem>,
}

/// Reads a contribution list. Errors are about the whole list (unreadable,
/// not a spreadsheet or CSV, a required column missing); rows that cannot be
/// mapped are in [`List::problems`].
pub fn read_list(path: &Path, format: Format) -> Result<List, ListError> {
    let bytes = sheet::read_bytes(path)?;
    read_list_bytes(path, bytes, format)
}

/// Reads a contribution list from bytes already read (`path` names it in messages).
pub fn read_list_bytes(path: &Path, bytes: Vec<u8>, format: Format) -> Result<List, ListError> {
    let score = |headers: &[String]| match format {
        Format::Auto => [tdoc::COLUMNS, onem2m::COLUMNS, template::COLUMNS]
            .iter()
            .map(|c| columns::score(c, headers))
            .max()
            .unwrap_or(0),
        f => columns::score(f.columns(), headers),
    };
    let grid = match sheet::sniff(path, &bytes)? {
        FileKind::Spreadsheet => sheet::read_spreadsheet(path, bytes, &score)?,
        FileKind::Csv => sheet::read_csv(path, &bytes, &score)?,
    };
    let format = match format {
        Format::Auto => Format::detect(&grid.headers).ok_or_else(|| {
            ListError::new(
                path,
                format!(
                    "cannot tell which kind of list this is from its headers (row {}: {})",
                    grid.header_row,
                    grid.headers
                        .iter()
                        .filter(|h| !h.is_empty())
                        .map(|h| format!("\"{h}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .row(grid.header_row)
            .help("give the kind with --format tdoc, --format onem2m or --format template; docs/import.md lists the columns of each")
        })?,
        f => f,
    };
    let located = Located::find(path, &grid, format.columns())?;
    let (mut entries, mut problems) = columns::map_rows(&located, &grid);
    drop_duplicates(&mut entries, &mut problems);
    tdoc::link_revisions(&mut entries);
    let entries = join_chains(entries);
    problems.sort_by_key(|p| p.row);
    Ok(List {
        path: path.to_path_buf(),
        format,
        entries,
        problems,
    })
}

/// A number listed twice: the second row is reported and left out.
fn drop_duplicates(entries: &mut Vec<Entry>, problems: &mut Vec<RowProblem>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    entries.retain(|e| {
        if let Some(&first) = seen.get(e.number.as_str()) {
            problems.push(RowProblem {
                row: e.row,
                column: None,
                message: format!(
                    "{} is listed twice (first at row {first}); this row is skipped",
                    e.number
                ),
            });
            false
        } else {
            seen.insert(e.number.as_str().to_string(), e.row);
            true
        }
    });
}

/// Joins the rows of one revision chain (same base number: `SEC-2014-0243`,
/// `SEC-2014-0243R01`, `R02`) into one entry: numbered as its first
/// revision, with the later suffixes in `revisions`, and title, status and
/// item from its latest revision. Entries keep the order of their first row.
pub fn join_chains(entries: Vec<Entry>) -> Vec<Entry> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<Entry>> = HashMap::new();
    for e in entries {
        let base = e.number.base().to_string();
        if !groups.contains_key(&base) {
            order.push(base.clone());
        }
        groups.entry(base).or_default().push(e);
    }
    order
        .into_iter()
        .filter_map(|base| {
            let mut chain = groups.remove(&base)?;
            chain.sort_by_key(|e| e.number.revision().unwrap_or(0));
            let first_number = chain.first()?.number.clone();
            let first_row = chain.first()?.clone();
            let mut latest = chain.pop()?;
            latest.revisions = chain
                .iter()
                .skip(1)
                .map(|e| e.number.revision_suffix().to_string())
                .collect();
            if latest.number != first_number {
                latest
                    .revisions
                    .push(latest.number.revision_suffix().to_string());
                latest.number = first_number;
                // Fields the latest row leaves empty come from the first.
                if latest.source.is_empty() {
                    latest.source = first_row.source;
                }
                latest.contact = latest.contact.or(first_row.contact);
                latest.kind = latest.kind.or(first_row.kind);
                latest.purpose = latest.purpose.or(first_row.purpose);
                latest.summary = latest.summary.or(first_row.summary);
                latest.item_title = latest.item_title.or(first_row.item_title);
                latest.revision_of = latest.revision_of.or(first_row.revision_of);
            }
            Some(latest)
        })
        .collect()
}

/// One change the import makes (or would make) to the meeting file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new agenda item, with the list's description.
    ItemCreated {
        /// Its number.
        number: String,
        /// Its title.
        title: String,
    },
    /// A new contribution.
    Added {
        /// Its number.
        number: String,
        /// Its agenda item.
        item: String,
        /// Its title.
        title: String,
    },
    /// An existing contribution updated from the list.
    Updated {
        /// Its number as the file has it.
        number: String,
        /// What changed.
        fields: Vec<FieldChange>,
    },
}

/// One field changed in an existing contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field.
    pub field: &'static str,
    /// The value before, if any.
    pub old: Option<String>,
    /// The value after.
    pub new: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::ItemCreated { number, title } => {
                write!(f, "+ agenda item {number} \"{title}\"")
            }
            Change::Added {
                number,
                item,
                title,
            } => write!(f, "+ {number} under {item}: \"{title}\""),
            Change::Updated { number, fields } => {
                write!(f, "~ {number}:")?;
                for (i, c) in fields.iter().enumerate() {
                    let sep = if i == 0 { " " } else { "; " };
                    match &c.old {
                        Some(old) => write!(f, "{sep}{} \"{old}\" -> \"{}\"", c.field, c.new)?,
                        None => write!(f, "{sep}{} = \"{}\"", c.field, c.new)?,
                    }
                }
                Ok(())
            }
        }
    }
}

/// The text of an agenda number or a string value (`number = 7` is allowed).
fn key_text(item: Option<&Item>) -> Option<String> {
    let v = item?.as_value()?;
    v.as_str()
        .map(str::to_string)
        .or_else(|| v.as_integer().map(|i| i.to_string()))
}

/// The strings of an array value.
fn strings(v: &Value) -> Option<Vec<&str>> {
    v.as_array()?.iter().map(Value::as_str).collect()
}

/// A value as the report shows it.
fn shown(v: &Value) -> String {
    match (v.as_str(), strings(v)) {
        (Some(s), _) => s.to_string(),
        (None, Some(list)) => list.join(", "),
        _ => v.to_string().trim().to_string(),
    }
}

/// Sets `key` to `new`, keeping the old value's surrounding spaces and
/// comment; returns the change, or `None` if the value was already `new`.
fn set(table: &mut Table, field: &'static str, new: Value) -> Option<FieldChange> {
    let new_text = shown(&new);
    if let Some(Item::Value(old)) = table.get_mut(field) {
        {
            let same = match (old.as_str(), new.as_str()) {
                (Some(a), Some(b)) => a == b,
                _ => strings(old).is_some() && strings(old) == strings(&new),
            };
            if same {
                return None;
            }
            let old_text = shown(old);
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
            return Some(FieldChange {
                field,
                old: Some(old_text),
                new: new_text,
            });
        }
    }
    table.insert(field, Item::Value(new));
    Some(FieldChange {
        field,
        old: None,
        new: new_text,
    })
}

/// Sets `key` only if the file does not have it: the list fills in, the
/// user's hand-written value stays.
fn fill(table: &mut Table, field: &'static str, new: Option<Value>) -> Option<FieldChange> {
    if table.contains_key(field) {
        return None;
    }
    set(table, field, new?)
}

fn string_array(items: &[String]) -> Value {
    Value::Array(items.iter().map(String::as_str).collect::<Array>())
}

/// The revision numbers of a chain table: its number and its `revisions`.
fn chain_of(table: &Table) -> Vec<ContributionNumber> {
    let Some(first) =
        key_text(table.get("number")).and_then(|n| ContributionNumber::parse(&n).ok())
    else {
        return Vec::new();
    };
    let mut chain = vec![first.clone()];
    if let Some(revs) = table
        .get("revisions")
        .and_then(Item::as_value)
        .and_then(strings)
    {
        chain.extend(revs.iter().filter_map(|r| first.resolve_revision(r).ok()));
    }
    chain
}

/// Merges the list into the meeting file being edited; returns the changes
/// (none when the file already says what the list says).
pub fn merge(doc: &mut MeetingDoc, list: &List) -> Result<Vec<Change>, Error> {
    let mut changes = Vec::new();
    merge_agenda(doc, list, &mut changes)?;
    merge_contributions(doc, list, &mut changes)?;
    Ok(changes)
}

fn merge_agenda(doc: &mut MeetingDoc, list: &List, changes: &mut Vec<Change>) -> Result<(), Error> {
    let existing: Vec<Option<AgendaNumber>> = doc
        .doc
        .get("agenda")
        .and_then(Item::as_array_of_tables)
        .map(|a| {
            a.iter()
                .map(|t| key_text(t.get("number")).and_then(|n| AgendaNumber::parse(&n).ok()))
                .collect()
        })
        .unwrap_or_default();
    let mut known: BTreeSet<AgendaNumber> = existing.iter().flatten().cloned().collect();
    let mut new = Vec::new();
    for e in &list.entries {
        if known.contains(&e.item) {
            continue;
        }
        known.insert(e.item.clone());
        // Items after it in the list may carry the description when this row does not.
        let title = list
            .entries
            .iter()
            .filter(|x| x.item == e.item)
            .find_map(|x| x.item_title.clone())
            .unwrap_or_else(|| format!("Agenda item {}", e.item));
        let mut t = Table::new();
        t.insert("number", toml_edit::value(e.item.as_str()));
        t.insert("title", toml_edit::value(title.as_str()));
        changes.push(Change::ItemCreated {
            number: e.item.as_str().to_string(),
            title,
        });
        new.push((e.item.clone(), t));
    }
    if new.is_empty() {
        return Ok(());
    }
    let arr = doc.array("agenda").ok_or_else(|| {
        Error::Impossible("`agenda` in the meeting file is not a list of [[agenda]] tables".into())
    })?;
    place(arr, &existing, new);
    Ok(())
}

/// Puts new tables into an array in agenda order: each after the last
/// existing table whose item is at or before its own, so a new contribution
/// follows the others of its item. The existing tables keep their order, and
/// `toml_edit` prints a new table right after the table before it in the array.
fn place(arr: &mut ArrayOfTables, keys: &[Option<AgendaNumber>], new: Vec<(AgendaNumber, Table)>) {
    let sorted = keys.windows(2).all(|w| w[0] <= w[1]);
    let mut after: Vec<Vec<(AgendaNumber, Table)>> = (0..=keys.len()).map(|_| Vec::new()).collect();
    for (k, t) in new {
        let key = Some(k.clone());
        let anchor = if sorted {
            keys.partition_point(|e| e <= &key)
        } else {
            keys.iter().rposition(|e| e <= &key).map_or(0, |i| i + 1)
        };
        if let Some(group) = after.get_mut(anchor) {
            group.push((k, t));
        }
    }
    for g in &mut after {
        g.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let old = std::mem::take(arr);
    let mut groups = after.into_iter();
    let mut out = ArrayOfTables::new();
    for (_, t) in groups.next().unwrap_or_default() {
        out.push(t);
    }
    for (t, group) in old.into_iter().zip(groups) {
        out.push(t);
        for (_, n) in group {
            out.push(n);
        }
    }
    *arr = out;
}

fn merge_contributions(
    doc: &mut MeetingDoc,
    list: &List,
    changes: &mut Vec<Change>,
) -> Result<(), Error> {
    // Every number of the file, revisions included, and every base number.
    let mut by_number: HashMap<String, usize> = HashMap::new();
    let mut by_base: HashMap<String, usize> = HashMap::new();
    let mut keys: Vec<Option<AgendaNumber>> = Vec::new();
    if let Some(arr) = doc
        .doc
        .get("contributions")
        .and_then(Item::as_array_of_tables)
    {
        for (i, t) in arr.iter().enumerate() {
            for n in chain_of(t) {
                by_base.entry(n.base().to_string()).or_insert(i);
                by_number.entry(n.as_str().to_string()).or_insert(i);
            }
            keys.push(key_text(t.get("item")).and_then(|n| AgendaNumber::parse(&n).ok()));
        }
    }
    let mut known: HashSet<String> = by_number.keys().cloned().collect();
    for e in &list.entries {
        known.insert(e.number.as_str().to_string());
        for r in &e.revisions {
            if let Ok(n) = e.number.resolve_revision(r) {
                known.insert(n.as_str().to_string());
            }
        }
    }
    let mut new = Vec::new();
    let mut updates: Vec<(usize, &Entry)> = Vec::new();
    for e in &list.entries {
        let chain: Vec<ContributionNumber> = std::iter::once(e.number.clone())
            .chain(
                e.revisions
                    .iter()
                    .filter_map(|r| e.number.resolve_revision(r).ok()),
            )
            .collect();
        let found = chain
            .iter()
            .find_map(|n| by_number.get(n.as_str()))
            .or_else(|| by_base.get(e.number.base()))
            .copied();
        if let Some(i) = found {
            updates.push((i, e));
        } else {
            changes.push(Change::Added {
                number: e.number.as_str().to_string(),
                item: e.item.as_str().to_string(),
                title: e.title.clone(),
            });
            new.push((e.item.clone(), new_table(e, &known)));
        }
    }
    if !updates.is_empty() {
        let arr = doc
            .doc
            .get_mut("contributions")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| Error::Impossible("`contributions` is not a list of tables".into()))?;
        for (i, e) in updates {
            if let Some(t) = arr.get_mut(i) {
                let fields = update_table(t, e, &known);
                if !fields.is_empty() {
                    changes.push(Change::Updated {
                        number: key_text(t.get("number")).unwrap_or_default(),
                        fields,
                    });
                }
            }
        }
    }
    if !new.is_empty() {
        let arr = doc.array("contributions").ok_or_else(|| {
            Error::Impossible(
                "`contributions` in the meeting file is not a list of [[contributions]] tables"
                    .into(),
            )
        })?;
        place(arr, &keys, new);
    }
    Ok(())
}

fn opt(v: Option<&String>) -> Option<Value> {
    v.map(|s| Value::from(s.as_str()))
}

fn new_table(e: &Entry, known: &HashSet<String>) -> Table {
    let mut t = Table::new();
    t.insert("number", toml_edit::value(e.number.as_str()));
    if !e.revisions.is_empty() {
        t.insert("revisions", Item::Value(string_array(&e.revisions)));
    }
    t.insert("title", toml_edit::value(e.title.as_str()));
    if !e.source.is_empty() {
        t.insert("source", Item::Value(string_array(&e.source)));
    }
    let mut put = |key: &str, v: Option<Value>| {
        if let Some(v) = v {
            t.insert(key, Item::Value(v));
        }
    };
    put("contact", opt(e.contact.as_ref()));
    put("type", opt(e.kind.as_ref()));
    put("purpose", e.purpose.map(|p| Value::from(p.as_str())));
    put("item", Some(Value::from(e.item.as_str())));
    put("status", e.status.map(|s| Value::from(s.as_str())));
    put("remarks", opt(e.remarks.as_ref()));
    put(
        "revision_of",
        e.revision_of
            .as_ref()
            .filter(|n| known.contains(n.as_str()))
            .map(|n| Value::from(n.as_str())),
    );
    put("abstract", opt(e.summary.as_ref()));
    put("release", opt(e.release.as_ref()));
    put("spec", opt(e.spec.as_ref()));
    put("cr", opt(e.cr.as_ref()));
    put("cr_category", opt(e.cr_category.as_ref()));
    t
}

/// Updates an existing contribution from the list: title, status and its
/// words, revision links; other list fields only fill what the file lacks.
fn update_table(t: &mut Table, e: &Entry, known: &HashSet<String>) -> Vec<FieldChange> {
    let mut out = Vec::new();
    out.extend(set(t, "title", Value::from(e.title.as_str())));
    if let Some(s) = e.status {
        out.extend(set(t, "status", Value::from(s.as_str())));
    }
    if let Some(r) = &e.remarks {
        out.extend(set(t, "remarks", Value::from(r.as_str())));
    }
    // Later revisions of the chain that the file does not list yet.
    let chain = chain_of(t);
    if let Some(first) = chain.first() {
        let floor = first.revision().unwrap_or(0);
        let missing: Vec<String> = std::iter::once(e.number.clone())
            .chain(
                e.revisions
                    .iter()
                    .filter_map(|r| e.number.resolve_revision(r).ok()),
            )
            .filter(|n| n.base() == first.base() && n.revision().unwrap_or(0) > floor)
            .filter(|n| !chain.contains(n))
            .map(|n| n.revision_suffix().to_string())
            .collect();
        if !missing.is_empty() {
            let mut all: Vec<String> = t
                .get("revisions")
                .and_then(Item::as_value)
                .and_then(strings)
                .map(|v| v.into_iter().map(str::to_string).collect())
                .unwrap_or_default();
            all.extend(missing);
            out.extend(set(t, "revisions", string_array(&all)));
        }
        if let Some(of) = e
            .revision_of
            .as_ref()
            .filter(|n| known.contains(n.as_str()) && *n != first)
        {
            out.extend(set(t, "revision_of", Value::from(of.as_str())));
        }
    }
    if !e.source.is_empty() {
        out.extend(fill(t, "source", Some(string_array(&e.source))));
    }
    out.extend(fill(t, "contact", opt(e.contact.as_ref())));
    out.extend(fill(t, "type", opt(e.kind.as_ref())));
    out.extend(fill(
        t,
        "purpose",
        e.purpose.map(|p| Value::from(p.as_str())),
    ));
    out.extend(fill(t, "abstract", opt(e.summary.as_ref())));
    out.extend(fill(t, "release", opt(e.release.as_ref())));
    out.extend(fill(t, "spec", opt(e.spec.as_ref())));
    out.extend(fill(t, "cr", opt(e.cr.as_ref())));
    out.extend(fill(t, "cr_category", opt(e.cr_category.as_ref())));
    out
}
