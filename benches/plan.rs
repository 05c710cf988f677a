//! `plan` on a 3GPP-size meeting: 2,500 contributions over 150 agenda items
//! and 40 sessions (the target: under 200 ms). The meeting is
//! generated once as TOML and loaded; only planning is timed.
//!
//! Run: `cargo bench --bench plan`.

use std::fmt::Write as _;
use std::time::Duration;

use agendum::load::source::{Source, Sources};
use agendum::plan::{Options, plan};
use criterion::{Criterion, criterion_group, criterion_main};

/// A meeting of one group: 40 sessions of 2 hours over 5 days (8 a day, in
/// two parallel tracks of 4 slots), 150 items of about 17 contributions each
/// with mixed estimates (1-2 minutes: most Tdocs of a 3GPP meeting are noted
/// without presentation), some companions and dependencies.
fn meeting_text() -> String {
    let mut s = String::from(
        "[meeting]\nid = \"RAN1#116\"\ntitle = \"RAN1 #116\"\ngroup = \"RAN1\"\nchair = \"Chair\"\ndates = { start = 2024-02-26, end = 2024-03-01 }\ntimezone = \"Europe/Athens\"\n\n[settings]\nminutes_per_contribution = 2\nminutes_by_type = { CR = 1, LS = 1 }\n\n[[groups]]\nid = \"RAN1\"\n\n[[people]]\nname = \"Chair\"\n\n[[rooms]]\nname = \"Main\"\n\n[[rooms]]\nname = \"Break-out\"\n",
    );
    let slots = ["08:30-10:30", "11:00-13:00", "14:30-16:30", "17:00-19:00"];
    for i in 0..40 {
        let day = 26 + i / 8;
        let (month, day) = if day > 29 { (3, day - 29) } else { (2, day) };
        let _ = write!(
            s,
            "\n[[sessions]]\nid = \"S{}\"\nkind = \"break-out\"\nday = 2024-{month:02}-{day:02}\ntime = \"{}\"\nroom = \"{}\"\n",
            i + 1,
            slots[(i / 2) % 4],
            if i % 2 == 0 { "Main" } else { "Break-out" }
        );
    }
    let mut n = 0;
    for item in 0..150 {
        let _ = write!(
            s,
            "\n[[agenda]]\nnumber = \"9.{}.{}\"\ntitle = \"Topic {item}\"\n",
            item / 10 + 1,
            item % 10 + 1
        );
        let count = if item < 100 { 17 } else { 16 };
        for k in 0..count {
            n += 1;
            let kind = ["CR", "discussion", "LS", "pCR"][n % 4];
            let _ = write!(
                s,
                "\n[[contributions]]\nnumber = \"R1-24{n:05}\"\ntitle = \"Contribution {n}\"\nitem = \"9.{}.{}\"\ntype = \"{kind}\"\n",
                item / 10 + 1,
                item % 10 + 1
            );
            if k > 0 && n % 23 == 0 {
                let _ = writeln!(s, "companion_of = \"R1-24{:05}\"", n - 1);
            } else if k > 1 && n % 31 == 0 {
                let _ = writeln!(s, "depends_on = [\"R1-24{:05}\"]", n - 2);
            }
        }
    }
    assert_eq!(n, 2_500);
    s
}

fn bench(c: &mut Criterion) {
    let mut sources = Sources::new();
    let id = sources.add(Source::new("ran1.toml", meeting_text()));
    let meeting =
        agendum::load::parse_meeting(sources.get(id), id).expect("generated meeting loads");
    let loaded = agendum::load::week::from_meetings(sources, vec![meeting]);
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        loaded.diagnostics.first()
    );
    let options = Options::default();
    let planned = plan(&loaded.week, 0, &options).expect("a plan exists");
    eprintln!(
        "planned {} contributions in {} sessions, {} split items",
        planned
            .sessions
            .iter()
            .map(|s| s.contributions.len())
            .sum::<usize>(),
        planned.sessions.len(),
        planned.split_items.len()
    );
    let mut group = c.benchmark_group("plan");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("2500 contributions, 150 items, 40 sessions", |b| {
        b.iter(|| plan(&loaded.week, 0, &options));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
