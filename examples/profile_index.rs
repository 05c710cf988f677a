//! Builds the conflict index of the benchmark week five times, for profiling
//! (`perf record ./target/release/examples/profile_index`).

use agendum::conflicts::{Index, synth};

fn main() {
    let week = synth::week(&synth::Shape::benchmark(1));
    for _ in 0..5 {
        let index = Index::new(&week);
        std::hint::black_box(&index);
    }
}
