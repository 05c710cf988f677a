//! Writes a synthetic week as meeting files, one per group, for trying
//! `agendum check` on a big week.
//!
//! ```text
//! cargo run --release --example synth_week -- OUT_DIR [SCALE_PERCENT] [SEED]
//! agendum check OUT_DIR/*.toml
//! ```
//!
//! `SCALE_PERCENT` 100 (the default) is the benchmark week: 100,000 sessions,
//! 2,000 groups, 20,000 people, 500 rooms.

use std::path::PathBuf;
use std::process::ExitCode;

use agendum::check::synth::{self, Shape};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: synth_week OUT_DIR [SCALE_PERCENT] [SEED]");
        return ExitCode::from(2);
    };
    let percent: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2014);
    let full = Shape::benchmark(1);
    let shape = Shape {
        sessions: full.sessions * percent / 100,
        groups: (full.groups * percent / 100).max(1),
        people: (full.people * percent / 100).max(1),
        rooms: (full.rooms * percent / 100).max(1),
        seed,
        ..full
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("synth_week: cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (name, text) in synth::files(&shape) {
        // A fresh directory of generated files: a plain write is enough here.
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("synth_week: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    println!(
        "{} sessions, {} groups, {} people, {} rooms in {}",
        shape.sessions,
        shape.groups,
        shape.people,
        shape.rooms,
        dir.display()
    );
    ExitCode::SUCCESS
}
