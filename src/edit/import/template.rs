//! The plain CSV template any group can fill in (documented in
//! docs/import.md): one row per contribution, the meeting file's own field
//! names as headers.
//!
//! ```text
//! number,title,item,item_title,source,contact,type,purpose,status,remarks,revision_of,abstract
//! SEC-2024-0101,Threat model update,7.1,Threats,"Acme Corp.; Globex",Ana Lima,CR,decision,available,,,
//! ```

use super::columns::{Column, Field, col};

/// The template's columns; `number`, `title` and `item` are required.
pub const COLUMNS: &[Column] = &[
    col(Field::Number, "number", &[], true),
    col(Field::Title, "title", &[], true),
    col(Field::Item, "item", &["agenda item"], true),
    col(
        Field::ItemTitle,
        "item_title",
        &["agenda item title"],
        false,
    ),
    col(Field::Source, "source", &[], false),
    col(Field::Contact, "contact", &[], false),
    col(Field::Type, "type", &[], false),
    col(Field::Purpose, "purpose", &[], false),
    col(Field::Status, "status", &[], false),
    col(Field::Remarks, "remarks", &[], false),
    col(Field::RevisionOf, "revision_of", &[], false),
    col(Field::Abstract, "abstract", &[], false),
    col(Field::Release, "release", &[], false),
    col(Field::Spec, "spec", &[], false),
    col(Field::Cr, "cr", &[], false),
    col(Field::CrCategory, "cr_category", &[], false),
];
