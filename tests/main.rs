//! The integration tests, one binary with a module per area (as ripgrep's
//! tests/tests.rs): they run the real binary through `support::Test` and
//! feed its outputs to real consumers (`support::consumers`).

mod support;

mod calendar_clients;
mod check_inputs;
mod cli;
mod conflicts;
mod cover;
mod files;
mod hostile;
mod hostile_input;
mod ics;
mod import;
mod import_limits;
mod includes;
mod invite;
mod large_files;
mod limits;
mod next;
mod pages;
mod plan;
mod readme;
mod record;
mod regressions;
mod release;
mod render;
mod render_docx;
mod render_html;
mod report;
mod roundtrip;
mod series;
mod serve;
mod site;
mod timetable;
mod tracks;
mod writes;
