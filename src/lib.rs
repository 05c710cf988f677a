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
//! - [`serve`] serves the site over HTTP and rebuilds it when a file changes;
//! - [`output`] writes files atomically;
//! - [`cli`] is the command line: the only module that reads the
//!   environment or the clock, prints to the terminal and chooses exit codes.
//!   Nothing else imports it (a test in `cli` enforces this).
//!
//! # The library API
//!
//! The command line is the product. The library is public so that the
//! benchmarks, the fuzz targets and the integration tests can drive the same
//! code the binary runs; like casey/just's, it makes no semantic-version
//! promise. Its entry points:
//! - [`load::week::load`] (files) and [`load::week::from_meetings`] (texts
//!   already parsed with [`load::parse_meeting`]) give a [`load::week::Week`]
//!   and what validation found;
//! - [`check::check`] gives the conflicts of a week as
//!   [`diagnostic::Diagnostic`]s;
//! - [`plan::plan`] and [`plan::apply`] plan a meeting;
//! - [`edit::MeetingDoc`], [`edit::record::Recorder`] and
//!   [`edit::import::read_list`] / [`edit::import::merge`] edit a file in
//!   place;
//! - [`export::ics::make`] makes a calendar, [`export::ics::write::to_bytes`]
//!   writes it; [`export::render::build`] and [`export::render::write`] make
//!   and write a document;
//! - [`error::Error`] is every failure that is not a diagnostic.
//!
//! The modules inside these (the conflict rules, the timetable solver's
//! parts, the writers of each format) are `pub(crate)`.

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
pub mod serve;
pub mod timetable;
