//! agendum plans standards working-group meetings.
//!
//! The pipeline, one module per step:
//! - [`load`] reads meeting files (size limit, UTF-8, TOML with spans) and
//!   loads several of them as one [`load::week::Week`], validating
//!   references, dates and times;
//! - [`model`] is the meeting file as data: sessions, agenda, contributions,
//!   clock times and zones ([`model::zoned`] decides daylight-saving gaps and
//!   folds);
//! - [`check`] finds clashes across the week (groups, rooms, people, time,
//!   order, preferences) and reports [`diagnostic::Diagnostic`]s;
//! - [`plan`] decides which session treats which items and contributions;
//! - [`edit`] changes a meeting file in place (record, import, plan --write)
//!   while keeping its layout;
//! - [`export`] writes the week as iCalendar ([`export::ics`]) and as the
//!   agenda or the minutes in text, Markdown, HTML and Word
//!   ([`export::render`]);
//! - [`timetable`] builds the week's grid from a requests file;
//! - [`output`] writes files atomically;
//! - [`cli`] is the command line: the only module that reads the
//!   environment or the clock, prints to the terminal and chooses exit codes.
//!   Nothing else imports it (a test in `cli` enforces this).

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod edit;
pub mod error;
pub mod export;
pub mod load;
pub mod model;
pub mod output;
pub mod plan;
pub mod timetable;
