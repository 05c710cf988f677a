//! The one walk over a [`Document`], shared by the four formats.
//!
//! The walk decides what comes next and whether it is there at all: the
//! grid of the week, then each meeting's title and header, the week at a
//! glance, the cover (purpose box, template version, notices), the schedule
//! (before the agenda, or under its "Schedule" item),
//! the numbered items with their text, contributions, records and report,
//! the action items and next meetings (under their items, or after the
//! agenda), the new action items of the minutes. A format implements
//! [`Layout`] and only says how each of those blocks looks; it never decides
//! their order, so the four formats cannot drift apart.
//!
//! The blocks are the document's own (a contribution table, a day of the
//! schedule) rather than generic paragraphs and tables because the formats
//! lay the same block out in different shapes: plain text moves what a
//! session treats under its row and joins status and remarks in one
//! column, HTML colours statuses and links numbers, Markdown links numbers.

use super::week_grid::Grid;
use super::{
    ACTION_HEADINGS, ActionRow, CONTRIBUTION_HEADINGS, ContribRow, Cover, Day, Document, Entry,
    MeetingPart, NEXT_HEADINGS, NextRow, Running, day_headings,
};

/// A heading at the level of the numbered agenda: an item's, or a heading
/// without a number at the agenda's top level ("New action items").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Heading<'a> {
    /// 1 for "7" and the unnumbered headings, 2 for "7.1" ...
    pub depth: usize,
    /// The item's number ("7.1"), which HTML also makes an anchor of.
    pub number: Option<&'a str>,
    /// The title without the number.
    pub title: &'a str,
}

impl Heading<'_> {
    /// The heading as one line: "7.1 Identification, ...", or the title alone.
    pub(crate) fn text(&self) -> String {
        match self.number {
            Some(n) => format!("{n} {}", self.title),
            None => self.title.to_string(),
        }
    }
}

/// Which lines of an item a [`Layout::prose`] block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prose {
    /// The agenda's text under the item.
    Agenda,
    /// What the minutes record under the item besides its contributions.
    Report,
}

/// A table of the document (never empty).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Table<'a> {
    /// An item's contributions.
    Contributions(&'a [ContribRow]),
    /// Action items, carried or new.
    Actions(&'a [ActionRow]),
    /// Planned next meetings.
    Next(&'a [NextRow]),
}

impl Table<'_> {
    /// The column headings.
    pub(crate) fn headings(&self) -> Vec<String> {
        let h: &[&str] = match self {
            Table::Contributions(_) => &CONTRIBUTION_HEADINGS,
            Table::Actions(_) => &ACTION_HEADINGS,
            Table::Next(_) => &NEXT_HEADINGS,
        };
        h.iter().map(|h| (*h).to_string()).collect()
    }

    /// The rows as cells of text lines, in the order of [`Table::headings`].
    pub(crate) fn rows(&self) -> Vec<Vec<Vec<String>>> {
        let one = |cells: &[&String]| -> Vec<Vec<String>> {
            cells.iter().map(|c| vec![(*c).clone()]).collect()
        };
        match self {
            Table::Contributions(rows) => rows
                .iter()
                .map(|c| one(&[&c.number, &c.title, &c.source, &c.status, &c.remarks]))
                .collect(),
            Table::Actions(rows) => rows
                .iter()
                .map(|a| {
                    vec![
                        vec![a.reference.clone()],
                        a.what.clone(),
                        vec![a.who.clone()],
                        vec![a.status.clone()],
                    ]
                })
                .collect(),
            Table::Next(rows) => rows
                .iter()
                .map(|n| one(&[&n.meeting, &n.kind, &n.dates, &n.time, &n.venue]))
                .collect(),
        }
    }
}

/// The start of a meeting's part of the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Start<'a> {
    /// The document's kind: "Agenda", "Minutes".
    pub kind: &'a str,
    /// The meeting's title.
    pub title: &'a str,
    /// The cover: label and value ("Chair", "Francois Ennesser, ...").
    pub fields: &'a [(String, String)],
    /// What the printed pages of this part carry at the top and bottom.
    pub running: &'a Running,
    /// The purpose box, template version and notices.
    pub cover: &'a Cover,
    /// Something precedes it (the grid, another meeting).
    pub new_page: bool,
}

/// How one format lays out the blocks of a document. The walk calls each
/// method only when its block has something to show, in reading order.
pub(crate) trait Layout {
    /// The grid of the whole week, before the first meeting, with what its
    /// printed pages carry.
    fn grid(&mut self, grid: &Grid, running: &Running);
    /// Starts a meeting: the document's kind ("Agenda"), the meeting's title
    /// and its header fields (the cover), and what its printed pages carry
    /// at the top and bottom. `new_page` when something precedes it.
    fn title(&mut self, start: Start<'_>);
    /// The week at a glance: its heading (may be empty), one line per
    /// session, then the meeting's free notes.
    fn glance(&mut self, heading: &str, lines: &[String], notes: &[String]);
    /// The template's cover, after the glance: the purpose box, the
    /// template's version, the notices.
    fn cover(&mut self, cover: &Cover);
    /// A heading of a block the walk adds around the agenda ("Schedule",
    /// "Action items", "Next meetings"); by default one like "New action items".
    fn section(&mut self, title: &str) {
        self.heading(Heading {
            depth: 1,
            number: None,
            title,
        });
    }
    /// An item's heading, or another heading at the agenda's level.
    fn heading(&mut self, heading: Heading<'_>);
    /// Lines of prose; those starting with "- " are (nested) bullets.
    fn prose(&mut self, prose: Prose, lines: &[String]);
    /// Where an item is treated: "Treated in: Session S1 (Monday)".
    fn treated(&mut self, text: &str);
    /// The per-day schedule, one table per day, each day's heading `depth`
    /// one below the heading it is under; `headings` name the columns of
    /// the rows. The days come together so that a format can give every
    /// day's table the same column widths.
    fn schedule(&mut self, depth: usize, headings: &[String], days: &[Day]);
    /// A table: an item's contributions, action items, next meetings.
    fn table(&mut self, table: Table<'_>);
    /// The record of one contribution (minutes).
    fn entry(&mut self, entry: &Entry);
    /// A short remark where a block has nothing to show ("No action items.").
    fn remark(&mut self, text: &str);
    /// Ends the meeting begun by [`Layout::title`].
    fn end(&mut self);
}

/// Walks `doc` once, in reading order, laying each block out with `layout`.
pub(crate) fn document(doc: &Document, layout: &mut dyn Layout) {
    if let Some(grid) = &doc.grid {
        layout.grid(grid, &doc.grid_running());
    }
    let headings = day_headings(doc);
    for (i, m) in doc.meetings.iter().enumerate() {
        let running = doc.running(m);
        let cover = doc.cover(m);
        let start = Start {
            cover: &cover,
            kind: doc.kind.label(),
            title: &m.title,
            fields: &m.header,
            running: &running,
            new_page: i > 0 || doc.grid.is_some(),
        };
        meeting(start, &headings, m, layout);
    }
}

fn meeting(start: Start<'_>, day_headings: &[String], m: &MeetingPart, layout: &mut dyn Layout) {
    layout.title(start);
    if !m.glance_heading.is_empty() || !m.glance.is_empty() || !m.notes.is_empty() {
        layout.glance(&m.glance_heading, &m.glance, &m.notes);
    }
    if !start.cover.is_empty() {
        layout.cover(start.cover);
    }
    let schedule = |layout: &mut dyn Layout, depth: usize| {
        if !m.days.is_empty() {
            layout.schedule(depth, day_headings, &m.days);
        }
    };
    if m.schedule_under.is_none() && !m.days.is_empty() {
        layout.section("Schedule");
        schedule(layout, 2);
    }
    for (i, item) in m.items.iter().enumerate() {
        if m.new_actions_before == Some(i) {
            new_actions(m, layout);
        }
        layout.heading(Heading {
            depth: item.depth,
            number: Some(&item.number),
            title: &item.title,
        });
        if !item.text.is_empty() {
            layout.prose(Prose::Agenda, &item.text);
        }
        if !item.treated_in.is_empty() {
            layout.treated(&format!("Treated in: {}", item.treated_in));
        }
        if m.schedule_under == Some(i) {
            schedule(layout, item.depth + 1);
        }
        if !item.contributions.is_empty() {
            layout.table(Table::Contributions(&item.contributions));
        }
        for e in &item.entries {
            layout.entry(e);
        }
        if !item.report.is_empty() {
            layout.prose(Prose::Report, &item.report);
        }
        if m.actions_under == Some(i) {
            actions(&m.actions, layout);
        }
        if m.next_under == Some(i) && !m.next_meetings.is_empty() {
            layout.table(Table::Next(&m.next_meetings));
        }
    }
    if m.new_actions_before.is_none() {
        new_actions(m, layout);
    }
    if m.actions_under.is_none() && !m.actions.is_empty() {
        layout.section("Action items");
        actions(&m.actions, layout);
    }
    if m.next_under.is_none() && !m.next_meetings.is_empty() {
        layout.section("Next meetings");
        layout.table(Table::Next(&m.next_meetings));
    }
    layout.end();
}

/// The action items raised during the meeting, under their own heading.
fn new_actions(m: &MeetingPart, layout: &mut dyn Layout) {
    if m.new_actions.is_empty() {
        return;
    }
    layout.heading(Heading {
        depth: 1,
        number: None,
        title: "New action items",
    });
    actions(&m.new_actions, layout);
}

/// An action item table; under its item an empty one still says so.
fn actions(rows: &[ActionRow], layout: &mut dyn Layout) {
    if rows.is_empty() {
        layout.remark("No action items.");
    } else {
        layout.table(Table::Actions(rows));
    }
}
