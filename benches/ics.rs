//! `agendum ics` on a 10,000-session week built in memory: reading the
//! meeting file, building the calendar, writing the text (VTIMEZONE
//! included). The same week as `bench/synth_week.py`, which
//! `bench/ics_compare.sh` uses to compare with Python's `icalendar`.

// criterion's macros generate functions that cannot carry doc comments.
#![allow(missing_docs)]

use std::fmt::Write as _;
use std::hint::black_box;

use agendum::export::ics::write::{self, Method};
use agendum::export::ics::{self, Filter, Options};
use agendum::load::source::{FileId, Source, Sources};
use agendum::load::week;
use chrono::{DateTime, Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};

const SESSIONS: usize = 10_000;
const SLOTS: [&str; 4] = ["08:00-10:00", "10:30-12:30", "14:00-16:00", "16:30-18:30"];

/// The meeting file of `bench/synth_week.py`, written here so the bench needs no file.
fn synth_week(n: usize) -> String {
    let first = NaiveDate::from_ymd_opt(2016, 1, 4).unwrap();
    let day = |i: usize| first + Duration::days(i64::try_from(i / 28).unwrap());
    let mut t = format!(
        "[meeting]\nid = \"BIG#1\"\ntitle = \"Synthetic benchmark week\"\ngroup = \"SEC\"\nchair = \"Ann Chair\"\n\
         dates = {{ start = {first}, end = {} }}\ntimezone = \"Europe/Berlin\"\nvenue = \"Berlin, Germany\"\n\
         status = \"confirmed\"\ncalendar_domain = \"bench.agendum.example\"\n\n[[groups]]\nid = \"SEC\"\n\n\
         [[people]]\nname = \"Ann Chair\"\nemail = \"ann.chair@example.org\"\n",
        day(n.saturating_sub(1))
    );
    for r in 0..7 {
        let _ = write!(t, "\n[[rooms]]\nname = \"Room {r}\"\n");
    }
    for i in 0..n {
        let _ = write!(
            t,
            "\n[[sessions]]\nid = \"S{i}\"\ntitle = \"Session {i}\"\nkind = \"break-out\"\nday = {}\ntime = \"{}\"\n\
             room = \"Room {}\"\nnotes = [\"Synthetic session {i}; items, contributions\"]\n",
            day(i),
            SLOTS[(i / 7) % 4],
            i % 7
        );
    }
    t
}

fn load(text: &str) -> week::Week {
    let mut sources = Sources::new();
    let id: FileId = sources.add(Source::new("big.toml", text.to_string()));
    let meeting =
        agendum::load::parse_meeting(sources.get(id), id).expect("the synthetic week parses");
    let loaded = week::from_meetings(sources, vec![meeting]);
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        loaded.diagnostics.first()
    );
    loaded.week
}

fn bench(c: &mut Criterion) {
    let text = synth_week(SESSIONS);
    let week = load(&text);
    let options = Options {
        method: Some(Method::Publish),
        utc: false,
        stamp: DateTime::from_timestamp(1_400_000_000, 0).unwrap(),
    };
    let filter = Filter::default();
    let (calendar, _) = ics::build(&week, &filter, options, "BIG#1".into());
    assert_eq!(calendar.events.len(), SESSIONS);

    let mut g = c.benchmark_group("ics 10,000 sessions");
    g.sample_size(20);
    g.bench_function("read the meeting file", |b| {
        b.iter(|| load(black_box(&text)));
    });
    g.bench_function("build the calendar", |b| {
        b.iter(|| ics::build(black_box(&week), &filter, options, "BIG#1".into()));
    });
    g.bench_function("write the text", |b| {
        b.iter(|| write::to_bytes(black_box(&calendar)));
    });
    g.bench_function("all: read, build, write", |b| {
        b.iter(|| {
            let week = load(black_box(&text));
            let (calendar, _) = ics::build(&week, &filter, options, "BIG#1".into());
            write::to_bytes(&calendar)
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
