//! Synthetic weeks for benchmarks and property tests: deterministic (seeded)
//! meeting files of any size, shaped like a real week.
//!
//! The week is a grid of rooms x 15-minute cells over five days. Each group
//! has its own break-out room and meets in every fourth cell of it, so groups
//! never clash by construction; its members chair, take the minutes and
//! present. Each group declares a first-priority conflict with the group that
//! shares its room (they never overlap) and an unavailable Friday evening.
//! One session in a hundred is a joint session with the room's next group
//! (free at that time). A chosen share of sessions then gets a random
//! delegate as `required`, which produces a few real person overlaps, and
//! `jitter` shifts and stretches sessions so that overlaps are partial.

use std::fmt::Write as _;

use crate::load;
use crate::load::source::{Source, Sources};
use crate::load::week::{Interval, Week};
use crate::model::zoned;

/// The size and shape of a synthetic week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Sessions in the week.
    pub sessions: usize,
    /// Groups (one meeting file each).
    pub groups: usize,
    /// People.
    pub people: usize,
    /// Rooms.
    pub rooms: usize,
    /// Seed of the generator: the same seed gives the same files.
    pub seed: u64,
    /// Sessions in a thousand that get a random delegate as `required`.
    pub injected_per_mille: u32,
    /// Shift and stretch sessions at random (partial overlaps).
    pub jitter: bool,
}

impl Shape {
    /// The week of the benchmark: 100,000 sessions, 2,000 groups, 20,000
    /// people, 500 rooms, times `scale`.
    pub fn benchmark(scale: usize) -> Shape {
        Shape {
            sessions: 100_000 * scale,
            groups: 2_000 * scale,
            people: 20_000 * scale,
            rooms: 500 * scale,
            seed: 2014,
            injected_per_mille: 1,
            jitter: false,
        }
    }
}

/// The timetable's seedable generator: one generator in the crate.
pub use crate::timetable::solver::Rng;

const FIRST_DAY: (i32, u32, u32) = (2030, 1, 7);
const CELL_MINUTES: usize = 15;
const CELLS_PER_DAY: usize = 56; // 08:00-22:00

fn day(cell: usize) -> chrono::NaiveDate {
    let (y, m, d) = FIRST_DAY;
    let first = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    first + chrono::Duration::days(i64::try_from(cell / CELLS_PER_DAY).unwrap_or(0))
}

fn clock(minutes: usize) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The meeting files of a synthetic week: (file name, TOML text), one per group.
#[allow(clippy::too_many_lines)]
pub fn files(shape: &Shape) -> Vec<(String, String)> {
    let groups = shape.groups.max(1);
    let rooms = shape.rooms.clamp(1, groups);
    let people = shape.people.max(groups);
    let members = people / groups;
    let cells = shape.sessions.div_ceil(rooms).max(1);
    let days = cells.div_ceil(CELLS_PER_DAY).max(1);
    let mut rng = Rng::new(shape.seed);
    let mut texts: Vec<String> = (0..groups).map(|_| String::new()).collect();
    let mut agendas: Vec<String> = (0..groups).map(|_| String::new()).collect();
    let mut counts = vec![0usize; groups];
    let person = |p: usize| format!("P{p}");
    let group = |g: usize| format!("G{g}");
    let last_day = day((days - 1) * CELLS_PER_DAY);

    for (g, text) in texts.iter_mut().enumerate() {
        let partner = (g + rooms) % groups;
        let _ = write!(
            text,
            "[meeting]\nid = \"{}#1\"\ntitle = \"Synthetic meeting of {}\"\ngroup = \"{}\"\nchair = \"{}\"\nsecretary = \"{}\"\n\
             dates = {{ start = {}, end = {} }}\ntimezone = \"UTC\"\n\n\
             [[groups]]\nid = \"{}\"\n",
            group(g),
            group(g),
            group(g),
            person(g * members),
            person(g * members + 1.min(members - 1)),
            day(0),
            last_day,
            group(g),
        );
        if partner != g {
            let _ = writeln!(text, "conflicts = {{ first = [\"{}\"] }}", group(partner));
        }
        let _ = writeln!(
            text,
            "unavailable = [{{ day = {last_day}, half = \"evening\" }}]\n"
        );
        if g < rooms {
            let _ = writeln!(
                text,
                "[[rooms]]\nname = \"Room {g}\"\ncapacity = {}\n",
                30 + g % 70
            );
        }
        for p in g * members..(g + 1) * members {
            let _ = writeln!(text, "[[people]]\nname = \"{}\"\n", person(p));
        }
    }
    // People beyond groups x members belong to the last group's file.
    for p in groups * members..people {
        let _ = writeln!(texts[groups - 1], "[[people]]\nname = \"{}\"\n", person(p));
    }

    for i in 0..shape.sessions {
        let (cell, room) = (i % cells, i / cells);
        let g = (room + rooms * (cell % 4)) % groups;
        let n = counts[g];
        counts[g] += 1;
        let (mut start, mut length) =
            ((cell % CELLS_PER_DAY) * CELL_MINUTES + 8 * 60, CELL_MINUTES);
        if shape.jitter {
            start = start + rng.below(21) - 10;
            length = 5 + rng.below(26);
        }
        let joint = rng.below(100) == 0 && groups > rooms;
        let partner = (g + rooms) % groups;
        let item = n + 1;
        let number = format!("{}-2030-{:04}", group(g), item % 10_000);
        let text = &mut texts[g];
        let _ = write!(
            text,
            "[[sessions]]\nid = \"S{}\"\nkind = \"{}\"\nday = {}\ntime = \"{}-{}\"\nroom = \"Room {room}\"\nitems = [\"{item}\"]\nattendance = {}\n",
            n + 1,
            if joint { "joint" } else { "break-out" },
            day(cell),
            clock(start),
            clock(start + length),
            10 + rng.below(20),
        );
        if joint {
            let _ = writeln!(
                text,
                "groups = [\"{}\", \"{}\"]\nfixed = {}",
                group(g),
                group(partner),
                day(cell).pred_opt().unwrap_or_default()
            );
        }
        if rng.below(1000) < shape.injected_per_mille as usize {
            let _ = writeln!(text, "required = [\"{}\"]", person(rng.below(people)));
        }
        text.push('\n');
        let presenter = g * members + 2 % members.max(1) + n % members.saturating_sub(2).max(1);
        let _ = write!(
            agendas[g],
            "[[agenda]]\nnumber = \"{item}\"\ntitle = \"Item {item}\"\n\n\
             [[contributions]]\nnumber = \"{number}\"\ntitle = \"Contribution {item}\"\ntype = \"CR\"\nitem = \"{item}\"\npresenter = \"{}\"\n\n",
            person(presenter.min(people - 1)),
        );
    }
    texts
        .into_iter()
        .zip(agendas)
        .enumerate()
        .map(|(g, (mut t, a))| {
            t.push_str(&a);
            (format!("g{g:05}.toml"), t)
        })
        .collect()
}

/// A synthetic week loaded in memory, times placed, without the validation
/// pass (the generator's files are valid by construction).
pub fn week(shape: &Shape) -> Week {
    let mut sources = Sources::new();
    let mut meetings = Vec::new();
    for (name, text) in files(shape) {
        let id = sources.add(Source::new(name, text));
        if let Ok(m) = load::parse_meeting(sources.get(id), id) {
            meetings.push(m);
        }
    }
    let times = meetings
        .iter()
        .map(|m| {
            m.sessions
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    let r = m.session_time(s)?;
                    let z = m.header.timezone.value.0;
                    let start = zoned::place(z, s.day.value.0, r.start).instant()?;
                    let end = zoned::place(z, s.day.value.0, r.end).instant()?;
                    Some((i, Interval { start, end }))
                })
                .collect()
        })
        .collect();
    Week {
        sources,
        meetings,
        times,
    }
}
