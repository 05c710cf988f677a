//! Finding a list's columns by header name, and turning each row into an
//! [`Entry`](super::Entry) or a [`RowProblem`](super::RowProblem).
//!
//! Headers are matched by name, never by position, case- and
//! space-insensitively (only letters and digits count: "Agenda item",
//! `AgendaItem` and `agenda_item` are one name), because column order and
//! spelling drift between meetings and portals.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::did_you_mean;
use crate::model::number::{AgendaNumber, ContributionNumber};
use crate::model::status::{Purpose, Status};

use super::sheet::{Cell, Grid, Row};
use super::{Entry, ListError, RowProblem};

/// What a column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The contribution number.
    Number,
    /// A revision suffix given apart from the number (oneM2M exports).
    Revision,
    /// The title.
    Title,
    /// Source companies.
    Source,
    /// Contact person.
    Contact,
    /// Document type.
    Type,
    /// What it is for.
    Purpose,
    /// Abstract.
    Abstract,
    /// Remarks (3GPP "Secretary Remarks").
    Remarks,
    /// Agenda item number.
    Item,
    /// Agenda item title.
    ItemTitle,
    /// Status words.
    Status,
    /// Number of the contribution this one revises.
    RevisionOf,
    /// Number of the contribution that revises this one.
    RevisedTo,
    /// Release (3GPP).
    Release,
    /// Specification (3GPP).
    Spec,
    /// CR number (3GPP).
    Cr,
    /// CR category (3GPP).
    CrCategory,
}

/// A column a list may have: the name as the source prints it, other
/// spellings seen, and whether a list without it is refused.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// What the column means.
    pub field: Field,
    /// The header as the source usually prints it.
    pub name: &'static str,
    /// Other spellings seen in exports.
    pub aliases: &'static [&'static str],
    /// Whether the column must be present.
    pub required: bool,
}

/// Shorthand for the column tables of the list readers.
pub const fn col(
    field: Field,
    name: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> Column {
    Column {
        field,
        name,
        aliases,
        required,
    }
}

/// A header reduced to what is compared: lower-case letters and digits.
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How many of `headers` are names of `columns` (to find the header row).
pub fn score(columns: &[Column], headers: &[String]) -> usize {
    headers
        .iter()
        .filter(|h| {
            let n = normalize(h);
            !n.is_empty() && columns.iter().any(|c| matches(c, &n))
        })
        .count()
}

fn matches(c: &Column, normalized: &str) -> bool {
    normalize(c.name) == normalized || c.aliases.iter().any(|a| normalize(a) == normalized)
}

/// Where each field's column is.
#[derive(Debug, Clone, Default)]
pub struct Located {
    index: HashMap<Field, (usize, &'static str)>,
    headers: Vec<String>,
}

impl Located {
    /// Finds the columns in the grid's headers; a missing required column is
    /// an error naming it, the headers found and the nearest one.
    pub fn find(path: &Path, grid: &Grid, columns: &[Column]) -> Result<Self, ListError> {
        let normalized: Vec<String> = grid.headers.iter().map(|h| normalize(h)).collect();
        let mut index = HashMap::new();
        for c in columns {
            // The first matching column wins, so a later duplicate is ignored.
            if let Some(i) = normalized.iter().position(|n| matches(c, n)) {
                index.insert(c.field, (i, c.name));
            }
        }
        let missing: Vec<&Column> = columns
            .iter()
            .filter(|c| c.required && !index.contains_key(&c.field))
            .collect();
        if let Some(first) = missing.first() {
            let found: Vec<&str> = grid
                .headers
                .iter()
                .map(String::as_str)
                .filter(|h| !h.trim().is_empty())
                .collect();
            let names: Vec<String> = missing.iter().map(|c| format!("\"{}\"", c.name)).collect();
            let mut err = ListError::new(
                path,
                format!(
                    "no column {} in the header row; headers found: {}",
                    names.join(", "),
                    if found.is_empty() {
                        "none".to_string()
                    } else {
                        found
                            .iter()
                            .map(|h| format!("\"{h}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ),
            )
            .row(grid.header_row);
            // A header that already names another column is not a misspelling
            // of this one: "TDoc" is the number, never the missing "Title".
            let taken: Vec<usize> = index.values().map(|&(i, _)| i).collect();
            let free: Vec<&str> = grid
                .headers
                .iter()
                .enumerate()
                .filter(|(i, h)| !taken.contains(i) && !h.trim().is_empty())
                .map(|(_, h)| h.as_str())
                .collect();
            let mut candidates = std::iter::once(first.name).chain(first.aliases.iter().copied());
            let guess = candidates.find_map(|name| did_you_mean(name, free.iter().copied()));
            err = match guess {
                Some(g) => err.help(format!(
                    "did you mean \"{g}\"? Rename that header to \"{}\"",
                    first.name
                )),
                None => err.help(format!(
                    "add a column \"{}\", or give the kind of list with --format",
                    first.name
                )),
            };
            return Err(err);
        }
        Ok(Self {
            index,
            headers: grid.headers.clone(),
        })
    }

    /// The cell of `field` in `row`, if the list has that column.
    pub fn cell<'r>(&self, row: &'r Row, field: Field) -> Option<(&'r Cell, &str)> {
        self.index.get(&field).map(|&(i, name)| {
            let header = self.headers.get(i).map_or(name, String::as_str);
            (row.get(i), header)
        })
    }

    /// The text of `field` in `row`, `None` if empty or absent.
    pub fn text(&self, row: &Row, field: Field) -> Option<String> {
        self.cell(row, field)
            .map(|(c, _)| c.text())
            .filter(|t| !t.is_empty())
    }
}

/// Maps every row of the grid to an entry, or reports it.
pub fn map_rows(located: &Located, grid: &Grid) -> (Vec<Entry>, Vec<RowProblem>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for row in &grid.rows {
        match map_row(located, row) {
            Ok(e) => entries.push(e),
            Err(p) => problems.push(p),
        }
    }
    (entries, problems)
}

fn problem(row: &Row, column: &str, message: impl Into<String>) -> RowProblem {
    RowProblem {
        row: row.number,
        column: Some(column.to_string()),
        message: message.into(),
    }
}

/// The contribution number of a row, with a revision from a separate
/// Revision column (oneM2M exports) applied.
fn number_of(l: &Located, row: &Row) -> Result<ContributionNumber, RowProblem> {
    let (number_cell, number_header) = l
        .cell(row, Field::Number)
        .unwrap_or((&Cell::Empty, "number"));
    let number_text = match number_cell {
        Cell::Empty => {
            return Err(problem(
                row,
                number_header,
                "no contribution number; the row is skipped",
            ));
        }
        Cell::Number(n) => {
            return Err(problem(
                row,
                number_header,
                format!(
                    "`{}` is a bare number, not a contribution number: {}",
                    super::sheet::number_text(*n),
                    crate::model::number::CONTRIBUTION_NUMBER_FORMS
                ),
            ));
        }
        c => c.text(),
    };
    let mut number = ContributionNumber::parse(&number_text).map_err(|e| {
        problem(
            row,
            number_header,
            format!("{e}: {}", crate::model::number::CONTRIBUTION_NUMBER_FORMS),
        )
    })?;
    if let Some((cell, header)) = l.cell(row, Field::Revision) {
        if !cell.is_empty() && number.revision().is_none() {
            let text = cell.text();
            let digits = text.trim_start_matches(['R', 'r']);
            match digits.parse::<u16>() {
                Ok(0) => {}
                Ok(n) if n < 100 => number = number.with_revision_number(n),
                _ => {
                    return Err(problem(
                        row,
                        header,
                        format!("`{text}` is not a revision: write R01, R02 ... or leave it empty"),
                    ));
                }
            }
        }
    }
    Ok(number)
}

fn map_row(l: &Located, row: &Row) -> Result<Entry, RowProblem> {
    let number = number_of(l, row)?;
    let (item_cell, item_header) = l.cell(row, Field::Item).unwrap_or((&Cell::Empty, "item"));
    let item_text = item_cell.text();
    if item_text.is_empty() {
        return Err(problem(
            row,
            item_header,
            format!("{number} has no agenda item"),
        ));
    }
    let item = AgendaNumber::parse(&item_text).map_err(|e| problem(row, item_header, e))?;
    let Some(title) = l.text(row, Field::Title) else {
        let header = l.cell(row, Field::Title).map_or("title", |(_, h)| h);
        return Err(problem(row, header, format!("{number} has no title")));
    };
    let (status, status_words) = status_of(l, row)?;
    let link = |field: Field| -> Result<Option<ContributionNumber>, RowProblem> {
        match l.cell(row, field) {
            Some((c, header)) if !c.is_empty() => {
                let t = c.text();
                // Several numbers in one cell: the first is the link.
                let first = t
                    .split([',', ';', ' ', '\n'])
                    .find(|s| !s.is_empty())
                    .unwrap_or("");
                ContributionNumber::parse(first)
                    .map(Some)
                    .map_err(|e| problem(row, header, e))
            }
            _ => Ok(None),
        }
    };
    let revision_of = link(Field::RevisionOf)?;
    let revised_to = link(Field::RevisedTo)?;
    let remarks = match (status_words, l.text(row, Field::Remarks)) {
        (Some(w), Some(r)) if r != w => Some(format!("{w}; {r}")),
        (w, r) => w.or(r),
    };
    Ok(Entry {
        row: row.number,
        number,
        revisions: Vec::new(),
        title,
        source: l
            .text(row, Field::Source)
            .map(|s| split_sources(&s))
            .unwrap_or_default(),
        contact: l.text(row, Field::Contact),
        kind: l.text(row, Field::Type),
        purpose: l.text(row, Field::Purpose).map(|p| purpose(&p)),
        summary: l.text(row, Field::Abstract),
        item,
        item_title: l.text(row, Field::ItemTitle),
        status,
        remarks,
        revision_of,
        revised_to,
        release: l.text(row, Field::Release),
        spec: l.text(row, Field::Spec),
        cr: l.text(row, Field::Cr),
        cr_category: l.text(row, Field::CrCategory),
    })
}

/// The canonical status of a row and the words it was read from; an
/// unknown word is a problem, never a guess.
fn status_of(l: &Located, row: &Row) -> Result<(Option<Status>, Option<String>), RowProblem> {
    Ok(match l.cell(row, Field::Status) {
        Some((c, header)) if !c.is_empty() => {
            let words = c.text();
            match Status::from_words(&words) {
                Some(s) => (Some(s), Some(words)),
                None => {
                    return Err(problem(
                        row,
                        header,
                        format!(
                            "`{words}` is not a status agendum knows; write one of: {}",
                            Status::ALL.map(Status::as_str).join(", ")
                        ),
                    ));
                }
            }
        }
        _ => (None, None),
    })
}

/// Reads a "For"/"Purpose" cell; words agendum does not know become `other`.
pub fn purpose(words: &str) -> Purpose {
    let w = words.to_lowercase();
    [
        ("decision", Purpose::Decision),
        ("discussion", Purpose::Discussion),
        ("information", Purpose::Information),
        ("approval", Purpose::Approval),
        ("agreement", Purpose::Agreement),
        ("endorsement", Purpose::Endorsement),
        ("action", Purpose::Action),
    ]
    .iter()
    .find(|(k, _)| w.contains(k))
    .map_or(Purpose::Other, |(_, p)| *p)
}

/// Splits a source cell into companies. Commas separate companies, except
/// before a legal suffix ("Huawei Technologies Co., Ltd").
pub fn split_sources(cell: &str) -> Vec<String> {
    const SUFFIXES: &[&str] = &[
        "ltd", "ltd.", "inc", "inc.", "llc", "co", "co.", "gmbh", "ag", "s.a.", "sa", "ab", "oy",
        "corp", "corp.", "limited", "plc", "b.v.", "bv", "n.v.", "nv", "s.p.a.", "kg", "co.ltd",
        "co. ltd", "co.,ltd", "ltd.,",
    ];
    let mut out: Vec<String> = Vec::new();
    for piece in cell.split([',', ';', '\n']) {
        let p = piece.trim();
        if p.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(prev) if SUFFIXES.contains(&p.to_lowercase().as_str()) => {
                prev.push_str(", ");
                prev.push_str(p);
            }
            _ => out.push(p.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_the_case_and_spacing() {
        assert_eq!(normalize(" Agenda  Item "), normalize("agenda_item"));
        assert_eq!(normalize("TDoc #"), "tdoc");
        assert_eq!(normalize("Émetteur"), "émetteur");
    }

    #[test]
    fn sources_split_on_commas_but_keep_legal_suffixes() {
        assert_eq!(
            split_sources("Huawei Technologies Co., Ltd, HiSilicon; Nokia"),
            ["Huawei Technologies Co., Ltd", "HiSilicon", "Nokia"]
        );
        assert_eq!(split_sources("Ericsson"), ["Ericsson"]);
    }
}
