//! `agendum import` of a 2,500-row 3GPP Tdoc list (.xlsx, written once by
//! the benchmark with `rust_xlsxwriter`) into a meeting file: the issue asks
//! for under 300 ms. Run with `cargo bench --bench import`.
//!
//! Three measurements: reading the list alone; a first import into a small
//! meeting file (2,500 contributions and their agenda items added, file
//! written); and a re-import into the resulting 2,500-contribution file
//! (everything compared, nothing changed, nothing written).

// `criterion_group!` generates an undocumented function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use agendum::edit::MeetingDoc;
use agendum::edit::import::{self, Format};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

#[path = "../tests/support/tdoc_xlsx.rs"]
#[allow(missing_docs)]
mod tdoc_xlsx;

const ROWS: u32 = 2_500;

/// Reads the list, merges it and saves: what `agendum import` does.
fn import_once(list: &Path, meeting: &Path) -> usize {
    let list = import::read_list(list, Format::Auto).expect("the list reads");
    let mut doc = MeetingDoc::open(meeting).expect("the meeting file opens");
    let changes = import::merge(&mut doc, &list).expect("the merge succeeds");
    doc.save().expect("the file saves");
    changes.len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let list = dir.path().join("TDoc_List_Meeting_SA3#114.xlsx");
    tdoc_xlsx::generated(&list, ROWS).expect("the list is written");
    let small = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/import/sa3-114.toml"
    ))
    .expect("the fixture reads");
    let meeting = dir.path().join("m.toml");
    let full = dir.path().join("full.toml");
    std::fs::write(&full, &small).expect("write");
    let first = import_once(&list, &full);
    assert!(
        first >= ROWS as usize,
        "every row imported ({first} changes)"
    );
    assert_eq!(import_once(&list, &full), 0, "a re-import changes nothing");

    let mut group = c.benchmark_group("import 2500-row Tdoc list");
    group.sample_size(20);
    group.bench_function("read list (xlsx)", |b| {
        b.iter(|| import::read_list(black_box(&list), Format::Auto).expect("reads"));
    });
    group.bench_function("first import into a small meeting file", |b| {
        b.iter_batched(
            || std::fs::write(&meeting, &small).expect("write"),
            |()| import_once(black_box(&list), &meeting),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("re-import into the 2500-contribution file", |b| {
        b.iter(|| import_once(black_box(&list), &full));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
