//! The conflict checker on synthetic weeks (`agendum::check::synth`):
//! the benchmark week (100,000 sessions, 2,000 groups, 20,000 people, 500
//! rooms) and the same doubled. Only `check::check` is timed; building
//! the week (generating and parsing TOML) happens once, outside.
//!
//! Run: `cargo bench --bench check`. Compare the two figures of one run: the
//! machine is shared, so absolute times drift between runs; the ratio less so.

use std::time::Duration;

use agendum::check::{self, Settings, synth};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check::check");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(2));
    for scale in [1, 2] {
        let shape = synth::Shape::benchmark(scale);
        let week = synth::week(&shape);
        let settings = Settings::default();
        let found = check::check(&week, &settings).len();
        eprintln!("{} sessions: {found} findings", shape.sessions);
        group.bench_with_input(
            BenchmarkId::from_parameter(shape.sessions),
            &week,
            |b, week| {
                b.iter(|| check::check(week, &settings));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
