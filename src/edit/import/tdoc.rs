//! 3GPP Tdoc lists (`TDoc_List_Meeting_<WG>#<n>.xlsx`, or the same saved as
//! CSV): the columns, and the revision links between rows.
//!
//! In 3GPP a formal revision is a new Tdoc number; the list links the two
//! with "Is revision of" on the new row and "Revised to" on the old one.
//! Either side is enough: a link given only as "Revised to" is carried over to
//! the revising row.

use std::collections::HashMap;

use super::Entry;
use super::columns::{Column, Field, col};

/// The columns of a Tdoc list, as 3GPP prints them, with the spellings seen
/// drifting between meetings. Other columns (Reply to, To, Cc ...) are ignored.
pub const COLUMNS: &[Column] = &[
    col(
        Field::Number,
        "TDoc",
        &["Tdoc number", "TDoc ID", "Document"],
        true,
    ),
    col(Field::Title, "Title", &["Tdoc title"], true),
    col(
        Field::Source,
        "Source",
        &["Sources", "Source company"],
        false,
    ),
    col(
        Field::Contact,
        "Contact",
        &["Contact person", "Contact name"],
        false,
    ),
    col(Field::Type, "Type", &["TDoc type", "Document type"], false),
    col(Field::Purpose, "For", &["Purpose"], false),
    col(Field::Abstract, "Abstract", &["Summary"], false),
    col(
        Field::Remarks,
        "Secretary Remarks",
        &["Secretary remark", "Remarks", "Comments"],
        false,
    ),
    col(
        Field::Item,
        "Agenda item",
        &["Agenda item number", "Agenda", "AI", "Agenda item no"],
        true,
    ),
    col(
        Field::ItemTitle,
        "Agenda item description",
        &["Agenda item title", "Agenda description", "AI description"],
        false,
    ),
    col(
        Field::Status,
        "TDoc Status",
        &["Status", "Tdoc state"],
        false,
    ),
    col(
        Field::RevisionOf,
        "Is revision of",
        &["Revision of", "Revises"],
        false,
    ),
    col(
        Field::RevisedTo,
        "Revised to",
        &["Revised by", "Revised in"],
        false,
    ),
    col(Field::Release, "Release", &["Rel"], false),
    col(
        Field::Spec,
        "Spec",
        &["Specification", "Spec number", "TS/TR"],
        false,
    ),
    col(Field::Cr, "CR", &["CR number", "CR no"], false),
    col(
        Field::CrCategory,
        "CR category",
        &["Category", "CR cat"],
        false,
    ),
];

/// Completes the revision links: a row "Revised to" B makes B a revision of
/// this row, unless B names its own "Is revision of".
pub fn link_revisions(entries: &mut [Entry]) {
    let by_number: HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.number.as_str().to_string(), i))
        .collect();
    let links: Vec<(usize, crate::model::number::ContributionNumber)> = entries
        .iter()
        .filter_map(|e| {
            let to = e.revised_to.as_ref()?;
            let i = *by_number.get(to.as_str())?;
            Some((i, e.number.clone()))
        })
        .collect();
    for (i, of) in links {
        if let Some(target) = entries.get_mut(i) {
            target.revision_of.get_or_insert(of);
        }
    }
}
