//! Rendering a 3GPP-size meeting (2,500 contributions, 150 agenda items, 40
//! sessions), built in memory by a deterministic generator, to each format.
//! The issue asks for under 100 ms per format. Run: `cargo bench --bench render`.
//! The same meeting, with a recorded history (a presentation with notes and
//! a decision, then an agreed revision, for every contribution), gives the
//! minutes (`--report`) and the open list (`--open`).

// criterion_group! generates an undocumented function.
#![allow(missing_docs)]

use std::hint::black_box;

use agendum::export::render::{self, Format, Options};
use agendum::load::source::Sources;
use agendum::model::clock::{Date, TimeRange, Zone};
use agendum::model::loc::Loc;
use agendum::model::number::{AgendaNumber, ContributionNumber};
use agendum::model::status::{SessionKind, Status};
use agendum::model::{
    AgendaItem, Contribution, DateRange, Event, Group, Header, Meeting, Person, Room, Session,
};
use criterion::{Criterion, criterion_group, criterion_main};

fn l<T>(v: T) -> Loc<T> {
    Loc::synthetic(v)
}

/// A RAN1-like week: 150 items (9 top-level items with sub-items down to
/// 9.3.3.2-style depth), 40 sessions over five days in four rooms, 2,500
/// contributions with revisions, several sources and remarks.
fn meeting() -> Meeting {
    let mut agenda = Vec::new();
    for top in 1..=12u32 {
        agenda.push(format!("{top}"));
        for sub in 1..=4u32 {
            agenda.push(format!("{top}.{sub}"));
            for leaf in 1..=2u32 {
                agenda.push(format!("{top}.{sub}.{leaf}"));
            }
        }
    }
    agenda.truncate(150);
    let agenda: Vec<AgendaItem> = agenda
        .iter()
        .map(|n| AgendaItem {
            number: l(AgendaNumber::parse(n).unwrap()),
            title: format!(
                "Maintenance of Release 18 feature {n}: enhancements to positioning and sidelink"
            ),
            ..AgendaItem::default()
        })
        .collect();
    let rooms = ["Main room", "Break-out 1", "Break-out 2", "Break-out 3"];
    let starts = ["08:30-10:30", "11:00-13:00", "14:30-16:30", "17:00-19:00"];
    let mut sessions = Vec::new();
    for i in 0..40usize {
        let day = 20 + u32::try_from(i / 8).expect("small");
        sessions.push(Session {
            id: l(format!("S{}", i + 1)),
            kind: l(SessionKind::BreakOut),
            day: l(Date(chrono::NaiveDate::from_ymd_opt(2023, 2, day).unwrap())),
            time: Some(l(TimeRange::parse(starts[(i / 2) % 4]).unwrap())),
            room: Some(l(rooms[(i % 2) * 2 + (i / 8) % 2].to_string())),
            items: (0..4)
                .map(|k| agenda[(i * 4 + k) % 150].number.clone())
                .collect(),
            notes: vec!["Any pending contributions".into()],
            ..Session::default()
        });
    }
    let statuses = [
        Status::Agreed,
        Status::Noted,
        Status::Open,
        Status::Revised,
        Status::Withdrawn,
        Status::NotTreated,
    ];
    let contributions = (0..2500usize)
        .map(|i| Contribution {
            number: l(ContributionNumber::parse(&format!("R1-23{:05}", i + 1000)).unwrap()),
            revisions: if i % 7 == 0 {
                vec![l("r01".to_string())]
            } else {
                Vec::new()
            },
            title: format!("Discussion on remaining issues of agenda item, part {i}"),
            source: vec!["Ericsson".into(), "Nokia, Nokia Shanghai Bell".into()],
            item: agenda[i % 150].number.clone(),
            status: Some(l(statuses[i % statuses.len()])),
            remarks: (i % 3 == 0)
                .then(|| "Revised to a later Tdoc after offline discussion".to_string()),
            revision_expected: i % 5 == 0,
            history: history(i, statuses[i % statuses.len()]),
            ..Contribution::default()
        })
        .collect();
    Meeting {
        header: Header {
            id: l("RAN1#112".into()),
            title: "3GPP TSG RAN WG1 Meeting #112".into(),
            group: l("RAN1".into()),
            chair: l("Chair Person".into()),
            dates: DateRange {
                start: l(Date(chrono::NaiveDate::from_ymd_opt(2023, 2, 20).unwrap())),
                end: l(Date(chrono::NaiveDate::from_ymd_opt(2023, 2, 24).unwrap())),
            },
            timezone: l(Zone::parse("Europe/Athens").unwrap()),
            ..Header::default()
        },
        groups: vec![Group {
            id: l("RAN1".into()),
            ..Group::default()
        }],
        rooms: rooms
            .iter()
            .map(|r| Room {
                name: l((*r).to_string()),
                capacity: None,
            })
            .collect(),
        people: vec![Person {
            name: l("Chair Person".into()),
            ..Person::default()
        }],
        sessions,
        agenda,
        contributions,
        ..Meeting::default()
    }
}

/// What the secretary records: a presentation with notes, noted with a
/// revision expected, then the revision's decision.
fn history(i: usize, last: Status) -> Vec<Event> {
    vec![
        Event {
            session: Some(l(format!("S{}", i % 40 + 1))),
            by: Some(l("Chair Person".into())),
            decision: Some(l(Status::Noted)),
            revision_expected: true,
            notes: vec![
                "Edited online to clarify the text.".into(),
                "Some concerns raised on the impact on the other groups.".into(),
            ],
            ..Event::default()
        },
        Event {
            revision: Some(l("r01".into())),
            decision: Some(l(last)),
            ..Event::default()
        },
    ]
}

fn bench(c: &mut Criterion) {
    let loaded = agendum::load::week::from_meetings(Sources::new(), vec![meeting()]);
    let week = loaded.week;
    let options = Options {
        zones: vec![Zone::parse("Asia/Tokyo").unwrap()],
        ..Options::default()
    };
    let mut group = c.benchmark_group("render 3GPP-size meeting");
    for (name, format) in [
        ("text", Format::Text),
        ("markdown", Format::Markdown),
        ("html", Format::Html),
        ("docx", Format::Docx),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let doc = render::build(black_box(&week), &options);
                let mut out = Vec::with_capacity(1 << 20);
                render::write(format, &doc, &mut out).unwrap();
                out.len()
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("report 3GPP-size meeting");
    for (name, format) in [("text", Format::Text), ("docx", Format::Docx)] {
        group.bench_function(format!("minutes {name}"), |b| {
            b.iter(|| {
                let doc = render::report::build(black_box(&week));
                let mut out = Vec::with_capacity(1 << 20);
                render::write(format, &doc, &mut out).unwrap();
                out.len()
            });
        });
    }
    group.bench_function("open text", |b| {
        b.iter(|| {
            let doc = render::open::build(black_box(&week));
            let mut out = Vec::with_capacity(1 << 20);
            render::write(Format::Text, &doc, &mut out).unwrap();
            out.len()
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
