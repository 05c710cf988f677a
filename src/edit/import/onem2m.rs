//! oneM2M and ETSI portal contribution exports (CSV): number, title, source,
//! agenda item, status and revision.
//!
//! The portal lists each revision on its own row (`SEC-2014-0243`,
//! `SEC-2014-0243R01`, or the base number with "R01" in a Revision column);
//! in a meeting file a revision chain is one contribution whose `revisions`
//! lists the later suffixes, so rows with the same base number are joined
//! ([`super::join_chains`]).

use super::columns::{Column, Field, col};

/// The columns of a portal export.
pub const COLUMNS: &[Column] = &[
    col(
        Field::Number,
        "Number",
        &[
            "Document number",
            "Doc number",
            "Contribution",
            "Contribution number",
            "Document",
            "Doc",
            "Tdoc",
        ],
        true,
    ),
    col(
        Field::Revision,
        "Revision",
        &["Rev", "Revision number"],
        false,
    ),
    col(Field::Title, "Title", &["Document title"], true),
    col(
        Field::Source,
        "Source",
        &["Sources", "Company", "Companies", "Source company"],
        false,
    ),
    col(
        Field::Contact,
        "Contact",
        &["Author", "Contact person", "Uploaded by"],
        false,
    ),
    col(Field::Type, "Type", &["Document type", "Doc type"], false),
    col(Field::Purpose, "For", &["Purpose"], false),
    col(
        Field::Abstract,
        "Abstract",
        &["Summary", "Description"],
        false,
    ),
    col(Field::Remarks, "Remarks", &["Notes", "Comments"], false),
    col(
        Field::Item,
        "Agenda item",
        &["Agenda", "Agenda item number", "AI", "Agenda no"],
        true,
    ),
    col(
        Field::ItemTitle,
        "Agenda item title",
        &["Agenda item description", "Agenda title"],
        false,
    ),
    col(
        Field::Status,
        "Status",
        &["Document status", "Decision"],
        false,
    ),
];
