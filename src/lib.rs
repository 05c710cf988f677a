//! agendum plans standards working-group meetings.
//!
//! The pipeline, one module per step:
//! - [`loader`] reads meeting files (size limit, UTF-8, TOML) into the
//!   [`model`];
//! - [`week`] loads several files as one week, validates references, dates and
//!   times, and places every session in time ([`zoned`] decides daylight-saving
//!   gaps and folds);
//! - [`conflicts`] finds clashes across the week (groups, rooms, people,
//!   time, order, preferences);
//! - [`check`] and the other subcommands work on a [`week::Week`] and report
//!   [`diagnostic::Diagnostic`]s;
//! - [`render`] lays a week out as the agenda document (text, Markdown,
//!   HTML, Word), and [`output`] writes files atomically;
//! - [`import`] merges portals' contribution lists into a meeting file;
//! - [`calendar`] (`agendum ics`) writes the week as iCalendar through [`ics`],
//!   [`vtimezone`] and [`ics_diff`];
//! - [`output`] writes output files atomically;
//! - [`cli`] is the command line.

pub mod calendar;
pub mod carry;
pub mod check;
pub mod cli;
pub mod clock;
pub mod conflicts;
pub mod diagnostic;
pub mod edit;
pub mod ics;
pub mod ics_diff;
pub mod import;
pub mod loader;
pub mod loc;
pub mod model;
pub mod number;
pub mod output;
pub mod plan;
pub mod record;
pub mod render;
pub mod source;
pub mod status;
pub mod timetable;
pub mod vtimezone;
pub mod week;
pub mod zoned;
