//! The requests-file loader of `agendum timetable`: any bytes parsed and
//! resolved; when they resolve, a short solve, and every meeting file the
//! timetable would write must load back as a meeting file (agendum never
//! writes a file it cannot read). Nothing may panic.
#![no_main]

use agendum::load;
use agendum::load::source::{FileId, Source};
use agendum::timetable::{output, requests, solver};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() as u64 > load::MAX_FILE_BYTES {
        return;
    }
    let text = String::from_utf8_lossy(data).into_owned();
    let source = Source::new("requests.toml", text);
    let Ok(inst) = requests::parse(&source, FileId(0)) else {
        return;
    };
    let options = solver::Options {
        iterations: Some(200),
        ..solver::Options::default()
    };
    let solution = solver::solve(&inst, &options, &|_, _| {});
    for g in 0..inst.groups.len() {
        let file = output::meeting_file(&inst, g, &solution.positions, "requests.toml");
        let written = Source::new("written.toml", file);
        if let Err(diags) = load::parse_meeting(&written, FileId(0)) {
            panic!(
                "timetable wrote a meeting file that does not load: {:?}\n{}",
                diags.first().map(|d| &d.message),
                written.text
            );
        }
    }
});
