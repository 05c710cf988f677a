//! What every fuzz target shares: turning fuzzed bytes into a loaded week
//! the way the command line does (read as text, parse, validate, refuse a
//! week with errors), so a finding here is a finding in `agendum`.

#![allow(dead_code)]

use agendum::model::clock::Zone;
use agendum::check;
use agendum::diagnostic::{self, Diagnostic};
use agendum::load;
use agendum::export::render::{self, Format, Options};
use agendum::load::source::{Source, Sources};
use agendum::load::week::{self, Week};

/// Parses `data` as one meeting file and validates it. Every diagnostic is
/// rendered (human and JSON) since printing them is part of loading. Returns
/// the week when it has no errors, as the renderers require.
pub fn load(data: &[u8]) -> Option<Week> {
    // The loader's size limit applies before parsing: mirror it.
    if data.len() as u64 > load::MAX_FILE_BYTES {
        return None;
    }
    let text = String::from_utf8_lossy(data).into_owned();
    let mut sources = Sources::new();
    let id = sources.add(Source::new("fuzz.toml", text));
    let meeting = match load::parse_meeting(sources.get(id), id) {
        Ok(m) => m,
        Err(diags) => {
            show(&sources, &diags);
            return None;
        }
    };
    let loaded = week::from_meetings(sources, vec![meeting]);
    show(&loaded.week.sources, &loaded.diagnostics);
    if loaded.diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    let settings = check::Settings::default();
    let found = check::check(&loaded.week, &settings);
    let found = check::silence(&loaded.week, &settings, found);
    show(&loaded.week.sources, &found);
    Some(loaded.week)
}

fn show(sources: &Sources, diags: &[Diagnostic]) {
    let mut sink = Vec::new();
    let _ = diagnostic::render_human(&mut sink, sources, diags);
    let _ = diagnostic::render_json(&mut sink, sources, diags);
    // Terminal output must never carry a raw escape byte from the input.
    let text = String::from_utf8_lossy(&sink);
    assert!(!text.contains('\u{1b}'), "raw ESC in diagnostic output");
}

/// Renders the week's agenda in `format`, with and without the week grid
/// and with an extra zone column, as the agenda targets all do.
pub fn render_agenda(week: &Week, format: Format) {
    for week_grid in [false, true] {
        let options = Options {
            zones: Zone::parse("Asia/Tokyo").into_iter().collect(),
            week_grid,
            ..Options::default()
        };
        let doc = render::build(week, &options);
        let mut out = Vec::new();
        let _ = render::write(format, &doc, &mut out);
    }
}
