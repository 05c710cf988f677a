//! `agendum render --week`: the grid of a whole week of several groups, days
//! down and rooms across, each session in its cell.
//!
//! A joint session is declared by each group that attends it, in its own
//! file; in the grid it is one session, so entries in the same room at the
//! same time are merged and list all their groups ("SEC/PRO"). It is named
//! by its groups and its own title ("SEC/ARC/PRO: Joint session" when the
//! files give none), never by one group's session number.

use std::collections::BTreeMap;

use super::{JOINT_SESSION as JOINT, Options, keeps, session_time, session_title};
use crate::load::week::Week;

/// The week's grid.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Column headings: the rooms, in the order the files declare them.
    pub rooms: Vec<String>,
    /// One row per day with sessions, in date order.
    pub days: Vec<GridDay>,
}

/// One row of the grid.
#[derive(Debug, Clone, Default)]
pub struct GridDay {
    /// "Tue 8 Apr".
    pub label: String,
    /// One cell per room (same order as [`Grid::rooms`]), sessions by start time.
    pub cells: Vec<Vec<GridEntry>>,
}

/// One session in a cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridEntry {
    /// "08:00-12:00" in the venue's zone; a session given in another zone
    /// has its own times beside: "09:00-10:00 (13:00-14:00 UTC)".
    pub time: String,
    /// "SEC" or, for a joint session, "SEC/PRO".
    pub groups: String,
    /// "Super Session S2"; titles of a merged joint session joined by " / ";
    /// "Joint session" for a joint session no file gives a title.
    pub title: String,
    /// Several groups meet together.
    pub joint: bool,
}

impl GridEntry {
    /// The entry as one line: "08:00-12:00 SEC: Super Session S2".
    pub fn line(&self) -> String {
        format!("{} {}: {}", self.time, self.groups, self.title)
    }
}

/// The sessions of one cell, by (start instant, clock times).
type Cell = BTreeMap<(Option<i64>, String), GridEntry>;

/// Where a session without a room goes (conference calls).
const NO_ROOM: &str = "No room (call)";

/// Builds the grid from every session the filters keep.
pub fn build(week: &Week, options: &Options) -> Grid {
    let mut rooms: Vec<String> = Vec::new();
    for m in &week.meetings {
        for r in &m.rooms {
            if !rooms.iter().any(|x| x == r.name.as_str()) {
                rooms.push(r.name.value.clone());
            }
        }
    }
    // (day, room) -> (start, time text) -> entry; the key merges a joint
    // session that several files declare.
    let mut cells: BTreeMap<(crate::model::clock::Date, usize), Cell> = BTreeMap::new();
    for (m, _, s, iv) in week.sessions() {
        let Some(meeting) = week.meetings.get(m) else {
            continue;
        };
        if !keeps(meeting, s, options) {
            continue;
        }
        let room_name = s.room.as_ref().map_or(NO_ROOM, |r| r.as_str());
        let room = if let Some(i) = rooms.iter().position(|r| r == room_name) {
            i
        } else {
            rooms.push(room_name.to_string());
            rooms.len() - 1
        };
        let time = session_time(meeting, s, iv).unwrap_or_default();
        let key = (iv.map(|i| i.start.timestamp()), time.clone());
        let groups = meeting.session_groups(s);
        // A title a file gives wins over the "Joint session" of one that
        // gives none.
        let title = match s.assumed_words() {
            Some(words) => format!("{} ({words})", session_title(meeting, s)),
            None => session_title(meeting, s),
        };
        let titled = s.title.is_some() || groups.len() < 2;
        let entry = cells
            .entry((
                crate::model::clock::Date(super::venue_day(meeting, s, iv)),
                room,
            ))
            .or_default()
            .entry(key)
            .or_insert_with(|| GridEntry {
                time,
                groups: String::new(),
                title: String::new(),
                joint: false,
            });
        let mut all: Vec<&str> = entry.groups.split('/').filter(|g| !g.is_empty()).collect();
        for g in groups {
            if !all.contains(&g) {
                all.push(g);
            }
        }
        entry.joint = all.len() > 1;
        entry.groups = all.join("/");
        if entry.title.is_empty() || (titled && entry.title == JOINT) {
            entry.title = title;
        } else if titled && !entry.title.split(" / ").any(|t| t == title) {
            entry.title.push_str(" / ");
            entry.title.push_str(&title);
        }
    }
    let mut days: Vec<GridDay> = Vec::new();
    for ((day, room), entries) in cells {
        // Short day names keep the grid narrow: "Wed 9 Apr".
        let label = day.0.format("%a %-d %b").to_string();
        if days.last().is_none_or(|d| d.label != label) {
            days.push(GridDay {
                label,
                cells: Vec::new(),
            });
        }
        if let Some(d) = days.last_mut() {
            d.cells.resize(rooms.len(), Vec::new());
            if let Some(c) = d.cells.get_mut(room) {
                *c = entries.into_values().collect();
            }
        }
    }
    for d in &mut days {
        d.cells.resize(rooms.len(), Vec::new());
    }
    // Rooms no kept session uses are left out of the grid.
    let used: Vec<bool> = (0..rooms.len())
        .map(|i| {
            days.iter()
                .any(|d| d.cells.get(i).is_some_and(|c| !c.is_empty()))
        })
        .collect();
    let keep = |i: usize| used.get(i).copied().unwrap_or(false);
    for d in &mut days {
        d.cells = std::mem::take(&mut d.cells)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| c)
            .collect();
    }
    let rooms = rooms
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, r)| r)
        .collect();
    Grid { rooms, days }
}

impl Grid {
    /// Headings of the grid table: "Day", then the rooms.
    pub fn headings(&self) -> Vec<String> {
        std::iter::once("Day".to_string())
            .chain(self.rooms.iter().cloned())
            .collect()
    }

    /// The grid as table rows of multi-line cells, for the formats that draw
    /// plain tables.
    pub fn rows(&self) -> Vec<Vec<Vec<String>>> {
        self.days
            .iter()
            .map(|d| {
                std::iter::once(vec![d.label.clone()])
                    .chain(
                        d.cells
                            .iter()
                            .map(|c| c.iter().map(GridEntry::line).collect()),
                    )
                    .collect()
            })
            .collect()
    }
}
