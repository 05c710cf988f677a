//! Times `conflicts::check` once on the benchmark week and its double, with
//! a breakdown, for a quick look outside criterion:
//! `cargo run --release --example time_check`.

use std::time::Instant;

use agendum::conflicts::{self, Index, Settings, synth};

fn main() {
    for scale in [1, 2] {
        let shape = synth::Shape::benchmark(scale);
        let t = Instant::now();
        let week = synth::week(&shape);
        let build = t.elapsed();
        let t = Instant::now();
        let index = Index::new(&week);
        let index_time = t.elapsed();
        let t = Instant::now();
        let o = conflicts::overlap::check(&index).len();
        let overlap_time = t.elapsed();
        let t = Instant::now();
        let c = conflicts::content::check(&index).len();
        let content_time = t.elapsed();
        let t = Instant::now();
        let p = conflicts::preference::check(&index).len();
        let pref_time = t.elapsed();
        drop(index);
        let t = Instant::now();
        let all = conflicts::check(&week, &Settings::default()).len();
        let total = t.elapsed();
        println!(
            "{} sessions: build {build:.2?}; index {index_time:.2?}, overlap {overlap_time:.2?} ({o}), content {content_time:.2?} ({c}), preference {pref_time:.2?} ({p}); check {total:.2?} ({all} findings)",
            shape.sessions
        );
    }
}
