//! `agendum render`: the agenda document a chair sends out before the meeting.
//!
//! Rendering happens in two steps. [`build`] turns a [`Week`] into a
//! format-neutral [`Document`]: every string the reader will see is decided
//! here (header block, the week at a glance, the per-day schedule, the
//! numbered agenda with its contribution tables, action items, next
//! meetings), with the filters and the extra time zones applied. Each output
//! format then only lays that document out: `text`, `markdown`, `html`,
//! `docx`, and `week_grid` for the grid of a whole week. Keeping the
//! decisions in one place is what makes the four formats say the same thing.
//! They also say it in the same order: one walk (`walk.rs`) goes over the
//! document and hands each block to the format, which only marks it up.
//!
//! Renderers write to any [`io::Write`] and never read the clock, so the same
//! input gives the same bytes.

pub(crate) mod docx;
pub(crate) mod html;
pub(crate) mod markdown;
pub mod open;
pub mod report;
pub(crate) mod text;
mod walk;
pub(crate) mod week_grid;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::load::week::{Interval, Week};
use crate::model::clock::Zone;
use crate::model::cover::Covers;
use crate::model::number::AgendaNumber;
use crate::model::status::{MeetingStatus, NextMeetingKind, Purpose, SessionFact, SessionKind};
use crate::model::{Contribution, Meeting, Session};

/// An output format of `agendum render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text that fits 80 columns, for e-mail.
    Text,
    /// GitHub-flavoured Markdown, for a forge wiki.
    Markdown,
    /// One self-contained HTML file, readable on a phone and printable on A4.
    Html,
    /// A Word document (OOXML), as standards bodies exchange agendas.
    Docx,
}

/// What to render besides the files themselves.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra time zones: the schedule gets one column per zone.
    pub zones: Vec<Zone>,
    /// Keep only sessions of these groups (plus plenaries and coordination
    /// sessions, which every group attends). Empty keeps all.
    pub groups: Vec<String>,
    /// Keep only these sessions (by id or by the name minutes use). Empty
    /// keeps all; when given, the agenda keeps only the items they treat.
    pub sessions: Vec<String>,
    /// Draw the grid of the whole week (days down, rooms across) first.
    pub week_grid: bool,
}

/// What a document is: the agenda sent before the week, the minutes
/// written from the record of the week, or the list of what is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// The agenda (`agendum render`).
    #[default]
    Agenda,
    /// The meeting report (`agendum render --report`).
    Minutes,
    /// The open contributions (`agendum render --open`).
    Open,
}

impl Kind {
    /// The word the title starts with: "Agenda", "Minutes", "Open contributions".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Agenda => "Agenda",
            Kind::Minutes => "Minutes",
            Kind::Open => "Open contributions",
        }
    }
}

/// The document, format-neutral: what every renderer lays out.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Agenda, minutes or open list: names the document in its title.
    pub kind: Kind,
    /// Column headings for the extra zones ("Tokyo", "UTC").
    pub zone_headings: Vec<String>,
    /// The grid of the week, with `--week`.
    pub grid: Option<week_grid::Grid>,
    /// One agenda per meeting file kept by the filters, in the order given.
    pub meetings: Vec<MeetingPart>,
}

/// The agenda of one meeting.
#[derive(Debug, Clone, Default)]
pub struct MeetingPart {
    /// Meeting id, `SEC#10.0`.
    pub id: String,
    /// Full title, `SEC # 10.0 (TP10 ordinary WG4 F2F)`.
    pub title: String,
    /// The number of the meeting's agenda document: `documents.agenda`, or
    /// the latest revision of the contribution of type `agenda`,
    /// `SEC-2016-0142R01`.
    pub agenda_number: Option<String>,
    /// The number of the minutes, when the file gives `documents.minutes`.
    pub minutes_number: Option<String>,
    /// What the documents are for (`meeting.purpose`).
    pub purpose: Option<Purpose>,
    /// The body's cover texts (`meeting.notices`).
    pub covers: Option<Arc<Covers>>,
    /// The header block: label and value ("Chair", "Francois Ennesser, Gemalto, ...").
    pub header: Vec<(String, String)>,
    /// Heading of the session list: "SEC (WG4) sessions (tentative, subject to alignment of TP Agenda):".
    pub glance_heading: String,
    /// One line per session: "Session S1: Monday 15:45 - 17:00, Break-out".
    pub glance: Vec<String>,
    /// The meeting's free lines printed under the session list.
    pub notes: Vec<String>,
    /// The per-day schedule.
    pub days: Vec<Day>,
    /// The numbered agenda, in number order.
    pub items: Vec<Item>,
    /// The action item table.
    pub actions: Vec<ActionRow>,
    /// Planned next meetings.
    pub next_meetings: Vec<NextRow>,
    /// Index in `items` under which the schedule is printed (the item titled
    /// "Schedule ..."); `None` prints it before the agenda.
    pub schedule_under: Option<usize>,
    /// Index of the item that shows the action table ("Action Item Status");
    /// `None` prints it after the agenda.
    pub actions_under: Option<usize>,
    /// Index of the item that shows the next meetings ("Planning for next
    /// Meeting(s)"); `None` prints them after the action items.
    pub next_under: Option<usize>,
    /// Action items raised during the meeting (minutes only), each with
    /// where it was raised as the last line of `what`.
    pub new_actions: Vec<ActionRow>,
    /// Index of the item before which the new action items are printed
    /// under their own heading; `None` prints them after the agenda.
    pub new_actions_before: Option<usize>,
}

/// One day of the schedule.
#[derive(Debug, Clone, Default)]
pub struct Day {
    /// "Monday 7 April 2014".
    pub label: String,
    /// The sessions of the day, by start time then room.
    pub rows: Vec<DayRow>,
}

/// One session in the per-day schedule.
#[derive(Debug, Clone, Default)]
pub struct DayRow {
    /// Room, or "Conference call".
    pub room: String,
    /// "15:45-17:00" in the meeting's zone; a session given in another zone
    /// has its own times beside: "09:30-11:00 (13:30-15:00 UTC)".
    pub time: String,
    /// The same times in each extra zone ("22:45-24:00", "Tue 00:15-01:30").
    pub zones: Vec<String>,
    /// Session title, with its groups for joint sessions.
    pub session: String,
    /// What it treats: "Item 7.1 Identification, ...", then its notes.
    pub treats: Vec<String>,
}

/// A numbered agenda item.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// "7.1".
    pub number: String,
    /// Title.
    pub title: String,
    /// 1 for "7", 2 for "7.1" ...
    pub depth: usize,
    /// Text lines under the title; lines starting with "- " are bullets
    /// (indented by two spaces per level).
    pub text: Vec<String>,
    /// Where it is treated: "Session S1 (Monday), Super Session S2 (Tuesday)".
    pub treated_in: String,
    /// Its contributions, in file order.
    pub contributions: Vec<ContribRow>,
    /// What the minutes record under the item besides its contributions
    /// (paragraphs; "- " lines are bullets as in `text`).
    pub report: Vec<String>,
    /// The record of each contribution (minutes), in file order.
    pub entries: Vec<Entry>,
}

/// What the minutes say about one contribution.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// The number as first listed: "SEC-2016-0136".
    pub number: String,
    /// Link to the document, when the meeting gives `document_url`.
    pub url: Option<String>,
    /// Title.
    pub title: String,
    /// Source companies, joined by ", ".
    pub source: String,
    /// Presentations, notes and decisions, in time order.
    pub lines: Vec<Line>,
}

impl Entry {
    /// The entry's heading: "SEC-2016-0136: CR TS-0003 R2 MAF Cleanup (Qualcomm)".
    pub fn heading(&self) -> String {
        if self.source.is_empty() {
            format!("{}: {}", self.number, self.title)
        } else {
            format!("{}: {} ({})", self.number, self.title, self.source)
        }
    }
}

/// One line of a contribution's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// "Presented by Wolfgang on Monday SEC-4".
    Presented(String),
    /// A discussion note ("- " starts a bullet), or "Revision expected".
    Note(String),
    /// "SEC-2016-0136 was NOTED", with the canonical status ("noted") for styling.
    Decision {
        /// Canonical status word, lower case ("not treated"); empty when none.
        status: String,
        /// The sentence.
        text: String,
    },
}

/// One row of a contribution table.
#[derive(Debug, Clone, Default)]
pub struct ContribRow {
    /// Number with the revision chain: "SEC-2014-0243R01 > R02".
    pub number: String,
    /// Link to the document, when the meeting gives `document_url`.
    pub url: Option<String>,
    /// Title.
    pub title: String,
    /// Source companies, joined by ", ".
    pub source: String,
    /// Canonical status, capitalised ("Noted"), or "" when none.
    pub status: String,
    /// The source's own words, and "Revision expected" when set and not already said.
    pub remarks: String,
}

impl ContribRow {
    /// Status and remarks in one cell, as the seed writes them: "Noted, Merge TBD offline".
    pub fn status_and_remarks(&self) -> String {
        match (self.status.is_empty(), self.remarks.is_empty()) {
            (true, _) => self.remarks.clone(),
            (false, true) => self.status.clone(),
            (false, false) => format!("{}, {}", self.status, self.remarks),
        }
    }
}

/// One row of the action item table.
#[derive(Debug, Clone, Default)]
pub struct ActionRow {
    /// "A-WG4-TP8-001".
    pub reference: String,
    /// What is to be done, one entry per line.
    pub what: Vec<String>,
    /// Who does it.
    pub who: String,
    /// "OPEN", "COMPLETED", "CANCELLED".
    pub status: String,
}

/// One planned next meeting.
#[derive(Debug, Clone, Default)]
pub struct NextRow {
    /// "SEC#24.1", with "(tentative)" when not fixed.
    pub meeting: String,
    /// "Conference call", "Face-to-face", "Ad-hoc" or "".
    pub kind: String,
    /// "2016-10-04" or "2016-10-04 to 2016-10-07".
    pub dates: String,
    /// "13:30-15:00 UTC" or "".
    pub time: String,
    /// Venue and notes.
    pub venue: String,
}

/// Headings of the contribution tables, shared by the formats that have room
/// for separate Status and Remarks columns.
pub const CONTRIBUTION_HEADINGS: [&str; 5] = ["Number", "Title", "Source", "Status", "Remarks"];
/// Headings of the action item table.
pub const ACTION_HEADINGS: [&str; 4] = ["Reference", "What", "Who", "Status"];
/// Headings of the next meetings table.
pub const NEXT_HEADINGS: [&str; 5] = ["Meeting", "Kind", "Dates", "Time", "Where"];

/// What a document carries between its header and its agenda, as the
/// body's template prints it: the purpose box, the template's version and
/// the notices. Empty when the file names no notices file and no purpose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cover {
    /// The heading of the purpose box, "Intended purpose of document".
    pub purpose_heading: String,
    /// The box's choices in the template's order, each with whether it is
    /// ticked: ("Decision", false), ("Other: approval", true). Empty: no box.
    pub purpose: Vec<(String, bool)>,
    /// The template's version ("23 February 2015"), when it prints one;
    /// the formats label it [`TEMPLATE_VERSION`].
    pub version: Option<String>,
    /// The notices: a title, when there is one, and the paragraphs.
    pub notices: Vec<(Option<String>, Vec<String>)>,
}

/// The label of the template's version.
pub const TEMPLATE_VERSION: &str = "Template Version";

impl Cover {
    /// Whether there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.purpose.is_empty() && self.version.is_none() && self.notices.is_empty()
    }
}

/// What every printed page of one part of a document carries: HTML's page
/// margins and Word's header and footer say the same. "Page N of M" is
/// added by each format, which alone knows the pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Running {
    /// Top left: the meeting's id, `SEC#10.0` (the ids of the week for its grid).
    pub id: String,
    /// Top right: the document's number, `SEC-2016-0142R01`, or "" when the
    /// file gives none.
    pub number: String,
    /// Bottom left: the document's footer, `Agenda: SEC # 10.0 (TP10 ordinary WG4 F2F)`.
    pub footer: String,
}

impl Document {
    /// The running header and footer of a meeting's pages. The document
    /// number is the agenda's own (a contribution of type `agenda`), so only
    /// the agenda prints it: the minutes and the open list are other documents.
    pub fn running(&self, m: &MeetingPart) -> Running {
        let number = match self.kind {
            Kind::Agenda => m.agenda_number.clone().unwrap_or_default(),
            Kind::Minutes => m.minutes_number.clone().unwrap_or_default(),
            Kind::Open => String::new(),
        };
        Running {
            id: m.id.clone(),
            number,
            footer: format!("{}: {}", self.kind.label(), m.title),
        }
    }

    /// The cover of a meeting's part: the template of the document's kind
    /// in the body's notices file, with the meeting's purpose ticked. The
    /// open list is a working list, not a document of the body: no cover.
    pub fn cover(&self, m: &MeetingPart) -> Cover {
        let template = m.covers.as_deref().and_then(|c| match self.kind {
            Kind::Agenda => c.agenda.as_ref(),
            Kind::Minutes => c.minutes.as_ref(),
            Kind::Open => None,
        });
        if self.kind == Kind::Open || (template.is_none() && m.purpose.is_none()) {
            return Cover::default();
        }
        let choices =
            template.map_or_else(crate::model::cover::default_box, |t| t.purpose_box.clone());
        let listed = m.purpose.is_some_and(|p| choices.contains(&p));
        let purpose = choices
            .iter()
            .map(|&choice| {
                let label = capitalise(choice.as_str());
                match m.purpose {
                    Some(p) if p == choice => (label, true),
                    Some(p) if choice == Purpose::Other && !listed => {
                        (format!("{label}: {}", p.as_str()), true)
                    }
                    _ => (label, false),
                }
            })
            .collect();
        Cover {
            purpose_heading: "Intended purpose of document".to_string(),
            purpose,
            version: template.and_then(|t| t.version.clone()),
            notices: template
                .map(|t| {
                    t.notices
                        .iter()
                        .map(|n| (n.title.clone(), n.paragraphs()))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The running header and footer of the week's grid: the ids of the
    /// meetings it draws.
    pub fn grid_running(&self) -> Running {
        Running {
            id: self
                .meetings
                .iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            number: String::new(),
            footer: GRID_TITLE.to_string(),
        }
    }
}

/// The heading of the week's grid.
pub const GRID_TITLE: &str = "Sessions of the week";

/// Headings of the per-day table: Room, Time, one per extra zone, Session, Treats.
pub fn day_headings(doc: &Document) -> Vec<String> {
    let mut h = vec!["Room".to_string(), "Time".to_string()];
    h.extend(doc.zone_headings.iter().cloned());
    h.push("Session".into());
    h.push("Treats".into());
    h
}

impl DayRow {
    /// The row's cells in the order of [`day_headings`].
    pub fn cells(&self) -> Vec<Vec<String>> {
        let mut c = vec![vec![self.room.clone()], vec![self.time.clone()]];
        c.extend(self.zones.iter().map(|z| vec![z.clone()]));
        c.push(vec![self.session.clone()]);
        c.push(self.treats.clone());
        c
    }
}

/// Column widths that add up to `total` (twips of Word's text width,
/// thousandths of an HTML table's), given the width of about one character
/// and of a cell's side margins in the same unit: each column first gets
/// room for its longest word (so no word is broken), then the rest of the
/// line is shared by how much more each column holds (up to 40
/// characters' worth). The same rows give the same widths, which is how
/// every day's table of a schedule gets the same columns.
pub(crate) fn column_widths(
    headings: &[String],
    rows: &[Vec<Vec<String>>],
    total: usize,
    char_width: usize,
    margin: usize,
) -> Vec<usize> {
    let (text_width, char, margin) = (total, char_width, margin);
    let longest_word = |t: &str| {
        t.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let mut least: Vec<usize> = headings.iter().map(|h| longest_word(h)).collect();
    let mut want: Vec<usize> = headings.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (c, cell) in r.iter().enumerate() {
            for line in cell {
                if let Some(l) = least.get_mut(c) {
                    *l = (*l).max(longest_word(line).min(24));
                }
                if let Some(w) = want.get_mut(c) {
                    *w = (*w).max(line.chars().count().min(40));
                }
            }
        }
    }
    let least: Vec<usize> = least.iter().map(|l| l * char + margin).collect();
    let want: Vec<usize> = want
        .iter()
        .zip(&least)
        .map(|(w, l)| (w * char + margin).max(*l))
        .collect();
    let floor: usize = least.iter().sum();
    if floor >= text_width {
        return least
            .iter()
            .map(|l| text_width * l / floor.max(1))
            .collect();
    }
    let extra = text_width - floor;
    let more: usize = want.iter().zip(&least).map(|(w, l)| w - l).sum();
    if more == 0 {
        return least
            .iter()
            .map(|l| l + extra / least.len().max(1))
            .collect();
    }
    want.iter()
        .zip(&least)
        .map(|(w, l)| l + extra * (w - l) / more)
        .collect()
}

/// Renders `doc` in `format` to `out`.
pub fn write(format: Format, doc: &Document, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Text => text::write(doc, out),
        Format::Markdown => markdown::write(doc, out),
        Format::Html => html::write(doc, out),
        Format::Docx => docx::write(doc, out),
    }
}

/// Builds the document of a week with the given filters and zones.
pub fn build(week: &Week, options: &Options) -> Document {
    let zone_headings = options.zones.iter().map(zone_heading).collect();
    let meetings = week
        .meetings
        .iter()
        .enumerate()
        .filter_map(|(m, meeting)| build_meeting(week, m, meeting, options))
        .collect();
    let grid = options.week_grid.then(|| week_grid::build(week, options));
    Document {
        kind: Kind::Agenda,
        zone_headings,
        grid,
        meetings,
    }
}

/// A zone's column heading: its city ("Tokyo"), or the name for `UTC`.
pub fn zone_heading(zone: &Zone) -> String {
    let name = zone.name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

/// Whether the filters keep a session of `meeting`.
pub fn keeps(meeting: &Meeting, session: &Session, options: &Options) -> bool {
    let group_ok = options.groups.is_empty()
        || session.kind.is_all_groups()
        || meeting
            .session_groups(session)
            .iter()
            .any(|g| options.groups.iter().any(|w| w.eq_ignore_ascii_case(g)));
    let session_ok = options.sessions.is_empty()
        || options.sessions.iter().any(|w| {
            session.id.eq_ignore_ascii_case(w)
                || meeting
                    .find_session(w)
                    .and_then(|i| meeting.sessions.get(i))
                    .is_some_and(|s| std::ptr::eq(s, session))
        });
    group_ok && session_ok
}

/// The agenda of one meeting, or `None` when the filters keep nothing of it.
/// The minutes and the open list start from it.
#[allow(clippy::too_many_lines)]
pub(crate) fn build_meeting(
    week: &Week,
    m: usize,
    meeting: &Meeting,
    options: &Options,
) -> Option<MeetingPart> {
    let h = &meeting.header;
    let times = week.times.get(m);
    let mut kept: Vec<(usize, &Session, Option<Interval>)> = meeting
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| keeps(meeting, s, options))
        .map(|(i, s)| (i, s, times.and_then(|t| t.get(&i)).copied()))
        .collect();
    let filtered = !options.groups.is_empty() || !options.sessions.is_empty();
    let meeting_group_kept = options.sessions.is_empty()
        && options
            .groups
            .iter()
            .any(|g| g.eq_ignore_ascii_case(h.group.as_str()));
    if filtered && kept.is_empty() && !meeting_group_kept {
        return None;
    }
    // By the day in the venue's zone: a call given in UTC at 02:00 on
    // Wednesday is a Tuesday evening session at a venue in Toronto.
    kept.sort_by_key(|(i, s, iv)| (venue_day(meeting, s, *iv), iv.map(|x| x.start), *i));

    // Header block.
    let person = |name: &str| match week.person(name) {
        Some(p) => [
            Some(p.name.as_str()),
            p.affiliation.as_deref(),
            p.email.as_ref().map(|e| e.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", "),
        None => name.to_string(),
    };
    let mut header = vec![("Meeting title".to_string(), h.title.clone())];
    header.push(("Chair".into(), person(h.chair.as_str())));
    if let Some(s) = &h.secretary {
        header.push(("Secretary".into(), person(s.as_str())));
    }
    let dates = if h.dates.start.value == h.dates.end.value {
        h.dates.start.to_string()
    } else {
        format!("{} to {}", *h.dates.start, *h.dates.end)
    };
    header.push(("Meeting dates".into(), dates));
    if let Some(v) = &h.venue {
        header.push(("Venue".into(), v.clone()));
    }
    if let Some(d) = &h.details {
        header.push(("Meeting details".into(), d.clone()));
    }
    let tentative = (h.status == MeetingStatus::Tentative).then(|| match &h.status_note {
        Some(n) => format!("tentative, {n}"),
        None => "tentative".to_string(),
    });
    if let Some(t) = &tentative {
        header.push(("Status".into(), capitalise(t)));
    }
    header.push(("Times".into(), format!("local time, {}", h.timezone.name())));

    // The week at a glance.
    let group = week.group(h.group.as_str());
    let group_label = match group.and_then(|g| g.number.as_deref()) {
        Some(n) => format!("{} ({n})", h.group.as_str()),
        None => h.group.as_str().to_string(),
    };
    let glance_heading = match &tentative {
        Some(t) => format!("{group_label} sessions ({t}):"),
        None => format!("{group_label} sessions:"),
    };
    // The sessions the meeting's group attends: its own, then the joint
    // sessions and plenaries other files of the week declare, in time order.
    let mut listed: Vec<(&Meeting, usize, &Session, Option<Interval>)> = kept
        .iter()
        .map(|(i, s, iv)| (meeting, *i, *s, *iv))
        .collect();
    listed.extend(guest_sessions(week, m, options));
    listed.sort_by_key(|(owner, i, s, iv)| (venue_day(owner, s, *iv), iv.map(|x| x.start), *i));
    let glance = listed
        .iter()
        .map(|(owner, _, s, _)| glance_line(owner, s))
        .collect();
    // The heading names the sessions listed: a meeting without any (as
    // `agendum next` writes it) has none, in every format.
    let glance_heading = if listed.is_empty() {
        String::new()
    } else {
        glance_heading
    };

    // Per-day schedule.
    let mut days: Vec<Day> = Vec::new();
    let mut current: Option<NaiveDate> = None;
    for (owner, _, s, iv) in &listed {
        let day = venue_day(owner, s, *iv);
        if current != Some(day) {
            current = Some(day);
            days.push(Day {
                label: day_label(day),
                rows: Vec::new(),
            });
        }
        // Another file's items are that group's: "SEC item 6".
        let own = std::ptr::eq(*owner, meeting);
        let item_word = if own {
            "Item".to_string()
        } else {
            format!("{} item", owner.header.group.as_str())
        };
        let mut treats: Vec<String> = s
            .items
            .iter()
            .map(|n| {
                let title = owner
                    .agenda
                    .iter()
                    .find(|a| a.number.value == n.value)
                    .map(|a| a.title.trim().to_string());
                match title {
                    Some(t) => format!("{item_word} {}: {t}", n.as_str()),
                    None => format!("{item_word} {}", n.as_str()),
                }
            })
            .collect();
        treats.extend(s.notes.iter().cloned());
        let row = DayRow {
            room: s.room.as_ref().map_or_else(
                || {
                    if s.kind.value == SessionKind::Call {
                        "Conference call".to_string()
                    } else {
                        String::new()
                    }
                },
                |r| assumed(r.value.clone(), s.assumes(SessionFact::Room)),
            ),
            time: session_time(owner, s, *iv)
                .map(|t| assumed(t, s.assumes(SessionFact::Time)))
                .unwrap_or_default(),
            zones: options
                .zones
                .iter()
                .map(|z| iv.map(|iv| zone_time(iv, *z, day)).unwrap_or_default())
                .collect(),
            session: if s.assumes(SessionFact::Day) {
                format!("{} (day assumed)", session_label(owner, s))
            } else {
                session_label(owner, s)
            },
            treats,
        };
        if let Some(d) = days.last_mut() {
            d.rows.push(row);
        }
    }

    // Which items to show: all, or with --session those the kept sessions treat.
    let mut shown: Option<BTreeSet<&AgendaNumber>> = None;
    if !options.sessions.is_empty() {
        let mut set = BTreeSet::new();
        for (_, s, _) in &kept {
            for n in &s.items {
                set.insert(&n.value);
            }
        }
        shown = Some(set);
    }
    let mut agenda: Vec<&crate::model::AgendaItem> = meeting
        .agenda
        .iter()
        .filter(|a| {
            shown.as_ref().is_none_or(|set| {
                set.iter()
                    .any(|n| n.is_within(&a.number.value) || a.number.is_within(n))
            })
        })
        .collect();
    agenda.sort_by(|a, b| a.number.value.cmp(&b.number.value));
    let items: Vec<Item> = agenda
        .iter()
        .map(|a| Item {
            number: a.number.as_str().to_string(),
            title: a.title.trim().to_string(),
            depth: a.number.depth().max(1),
            text: a.text.clone(),
            treated_in: kept
                .iter()
                .filter(|(_, s, _)| s.items.iter().any(|n| n.value == a.number.value))
                .map(|(_, s, iv)| {
                    let day = venue_day(meeting, s, *iv);
                    format!("{} ({})", session_title(meeting, s), day.format("%A"))
                })
                .collect::<Vec<_>>()
                .join(", "),
            contributions: meeting
                .contributions
                .iter()
                .filter(|c| c.item.value == a.number.value)
                .map(|c| contribution_row(meeting, c))
                .collect(),
            report: Vec::new(),
            entries: Vec::new(),
        })
        .collect();
    let find = |words: &[&str]| {
        items.iter().position(|i| {
            let t = i.title.to_lowercase();
            words.iter().any(|w| t.contains(w))
        })
    };
    let schedule_under = find(&["schedule"]);
    let actions_under = find(&["action item"]);
    let next_under = find(&["next meeting", "future meeting"]);

    // With --session, only the action items raised in the kept sessions.
    let actions = meeting
        .actions
        .iter()
        .filter(|a| {
            options.sessions.is_empty()
                || a.session.as_ref().is_some_and(|s| {
                    meeting
                        .find_session(s.as_str())
                        .is_some_and(|i| kept.iter().any(|(k, _, _)| *k == i))
                })
        })
        .map(|a| ActionRow {
            reference: a
                .reference
                .as_ref()
                .map(|r| r.value.clone())
                .unwrap_or_default(),
            what: a
                .what
                .iter()
                .cloned()
                .chain(
                    a.carried_from
                        .as_ref()
                        .map(|f| format!("(carried over from {})", f.as_str())),
                )
                .collect(),
            who: a.who.clone().unwrap_or_default(),
            status: a.status.label().to_string(),
        })
        .collect();
    let next_meetings = meeting
        .next_meetings
        .iter()
        .map(|n| next_row(meeting, n))
        .collect();

    Some(MeetingPart {
        id: h.id.value.clone(),
        title: h.title.clone(),
        agenda_number: h
            .documents
            .agenda
            .as_ref()
            .map(|n| n.value.clone())
            .or_else(|| agenda_number(meeting)),
        minutes_number: h.documents.minutes.as_ref().map(|n| n.value.clone()),
        purpose: h.purpose,
        covers: meeting.covers.clone(),
        header,
        glance_heading,
        glance,
        notes: h.notes.clone(),
        days,
        items,
        actions,
        next_meetings,
        schedule_under,
        actions_under,
        next_under,
        new_actions: Vec::new(),
        new_actions_before: None,
    })
}

/// The number of the meeting's agenda, when the file lists the agenda as a
/// contribution (`type = "agenda"`): the last revision of its chain.
fn agenda_number(meeting: &Meeting) -> Option<String> {
    let c = meeting.contributions.iter().find(|c| {
        c.kind
            .as_deref()
            .is_some_and(|k| k.trim().eq_ignore_ascii_case("agenda"))
    })?;
    let latest = c
        .revisions
        .last()
        .and_then(|r| c.number.resolve_revision(r.as_str()).ok());
    Some(latest.map_or_else(|| c.number.as_str().to_string(), |n| n.as_str().to_string()))
}

/// The plural ending of a count: "1 session", "2 sessions".
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "Monday 7 April 2014".
pub fn day_label(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

/// The joint sessions and plenaries that other files of the week declare
/// and meeting `m`'s group attends, each once: a session the meeting
/// declares itself (same start, same room) is its own. With `--session`
/// none: the sessions named are the meeting's own.
fn guest_sessions<'a>(
    week: &'a Week,
    m: usize,
    options: &Options,
) -> Vec<(&'a Meeting, usize, &'a Session, Option<Interval>)> {
    let Some(meeting) = week.meetings.get(m) else {
        return Vec::new();
    };
    if !options.sessions.is_empty() {
        return Vec::new();
    }
    let group = meeting.header.group.as_str();
    let at = |om: usize, i: usize| week.times.get(om).and_then(|t| t.get(&i)).copied();
    let place = |s: &Session, iv: Option<Interval>| {
        (
            iv.map(|x| x.start),
            s.room.as_ref().map(|r| r.value.to_lowercase()),
        )
    };
    let mut seen: Vec<_> = meeting
        .sessions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| at(m, i).map(|iv| place(s, Some(iv))))
        .collect();
    let mut out = Vec::new();
    for (om, other) in week.meetings.iter().enumerate() {
        if om == m {
            continue;
        }
        for (i, s) in other.sessions.iter().enumerate() {
            let attends = s.kind.is_all_groups()
                || other
                    .session_groups(s)
                    .iter()
                    .any(|g| g.eq_ignore_ascii_case(group));
            let iv = at(om, i);
            if !attends || iv.is_none() || !keeps(other, s, options) {
                continue;
            }
            let key = place(s, iv);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push((other, i, s, iv));
        }
    }
    out
}

/// What a joint session no file gives a title is called.
pub(crate) const JOINT_SESSION: &str = "Joint session";

/// The name a document gives a session: its title, or `Session S1`. A
/// joint session without a title is "Joint session": its id is the
/// numbering of the group whose file declares it (SEC's S3 is not ARC's).
pub(crate) fn session_title(meeting: &Meeting, s: &Session) -> String {
    match &s.title {
        Some(t) => t.clone(),
        None if meeting.session_groups(s).len() > 1 => JOINT_SESSION.to_string(),
        None => s.display_title(),
    }
}

/// The session's day in the venue's zone: the day its start falls on
/// there (a call at 02:00 UTC on Wednesday is on Tuesday evening in
/// Montreal), else the day the file gives.
pub(crate) fn venue_day(meeting: &Meeting, s: &Session, iv: Option<Interval>) -> NaiveDate {
    match iv {
        Some(iv) => iv
            .start
            .with_timezone(&meeting.header.timezone.value.0)
            .date_naive(),
        None => s.day.value.0,
    }
}

/// The session's time in the venue-time column: its clock times in the
/// meeting's zone, and when the session is given in another zone (a call
/// in UTC) its own times beside them, "09:00-10:00 (13:00-14:00 UTC)".
pub(crate) fn session_time(meeting: &Meeting, s: &Session, iv: Option<Interval>) -> Option<String> {
    let r = meeting.session_time(s)?;
    let venue = meeting.header.timezone.value;
    Some(match (&s.timezone, iv) {
        (Some(z), Some(iv)) if z.value != venue => {
            // The venue's day is the day the session is listed under; the
            // session's own times say their weekday when it is another.
            let day = venue_day(meeting, s, Some(iv));
            let own = if s.day.value.0 == day {
                r.to_string()
            } else {
                format!("{} {r}", s.day.value.0.format("%a"))
            };
            format!("{} ({own} {})", zone_time(iv, venue, day), zone_heading(z))
        }
        (Some(z), None) if z.value != venue => format!("{r} {}", zone_heading(z)),
        _ => r.to_string(),
    })
}

/// "Session S1: Monday 15:45 - 17:00, Break-out", then ", track B, chair
/// Jane Roe" for a parallel track's session, and "(assumed: time, room)"
/// after what the file assumes.
fn glance_line(meeting: &Meeting, s: &Session) -> String {
    let title = if s.title.is_none() {
        session_label(meeting, s)
    } else {
        session_title(meeting, s)
    };
    let mut line = format!("{title}: {}", s.day.weekday_name());
    if let Some(r) = meeting.session_time(s) {
        let _ = write!(line, " {} - {}", r.start, r.end);
        if let Some(z) = &s.timezone {
            if z.value != meeting.header.timezone.value {
                let _ = write!(line, " {}", zone_heading(z));
            }
        }
    }
    match (&s.room, s.kind.value) {
        (Some(r), _) => {
            let _ = write!(line, ", {}", r.as_str());
        }
        (None, SessionKind::Call) => line.push_str(", conference call"),
        (None, _) => {}
    }
    // A parallel track's session says which track and who chairs it: the
    // meeting's chair is not in every break-out.
    if let Some(t) = meeting.track_of(s) {
        let chair = meeting.session_chair(s).as_str();
        let chair = meeting
            .people
            .iter()
            .find(|p| p.name.as_str() == chair || p.aliases.iter().any(|a| a.as_str() == chair))
            .map_or(chair, |p| p.name.as_str());
        let _ = write!(line, ", track {}, chair {chair}", t.id.as_str());
    }
    if !s.assumed.is_empty() {
        let facts: Vec<&str> = s.assumed.iter().map(|f| f.value.as_str()).collect();
        let _ = write!(line, " (assumed: {})", facts.join(", "));
    }
    line
}

/// `text`, marked "(assumed)" when the file assumes it.
fn assumed(text: String, is_assumed: bool) -> String {
    if is_assumed && !text.is_empty() {
        format!("{text} (assumed)")
    } else {
        text
    }
}

/// The session cell of the day table: its title, and its groups when several meet.
fn session_label(meeting: &Meeting, s: &Session) -> String {
    let groups = meeting.session_groups(s);
    if groups.len() > 1 {
        format!("{} ({})", session_title(meeting, s), groups.join(", "))
    } else {
        session_title(meeting, s)
    }
}

/// The start and end of `iv` as a delegate in `zone` reads them, in one
/// notation: the clock times, with the weekday before the start when the
/// session starts on another day than `day` there, and before the end too
/// when it ends on a later day than it starts ("Mon 23:30-Tue 01:00"). An
/// end at midnight is 24:00 of the day before: "22:45-24:00".
pub fn zone_time(iv: Interval, zone: Zone, day: NaiveDate) -> String {
    let start = iv.start.with_timezone(&zone.0);
    let end = iv.end.with_timezone(&zone.0);
    let start_day = start.date_naive();
    let (end_day, end_clock) =
        if end.time() == chrono::NaiveTime::MIN && end.date_naive() > start_day {
            (
                end.date_naive().pred_opt().unwrap_or(start_day),
                "24:00".to_string(),
            )
        } else {
            (end.date_naive(), end.format("%H:%M").to_string())
        };
    let later = end_day > start_day;
    let mut out = String::new();
    if start_day != day || later {
        out.push_str(&start.format("%a ").to_string());
    }
    let _ = write!(out, "{}-", start.format("%H:%M"));
    if later {
        out.push_str(&end.format("%a ").to_string());
    }
    out.push_str(&end_clock);
    out
}

/// The contribution's row in the agenda's tables.
pub(crate) fn contribution_row(meeting: &Meeting, c: &Contribution) -> ContribRow {
    let mut number = c.number.as_str().to_string();
    for r in &c.revisions {
        number.push_str(" > ");
        number.push_str(r.as_str());
    }
    let status = c
        .status
        .as_ref()
        .map(|s| capitalise(s.as_str()))
        .unwrap_or_default();
    let mut remarks: Vec<String> = Vec::new();
    if let Some(r) = &c.remarks {
        let r = r.trim();
        // "OPEN" beside the status Open says nothing more.
        if !r.is_empty() && !r.eq_ignore_ascii_case(&status) {
            remarks.push(r.to_string());
        }
    }
    let already_said = remarks.iter().any(|r| r.to_lowercase().contains("expect"));
    if c.revision_expected && !already_said {
        remarks.push("Revision expected".into());
    }
    // The chain both ways: the file gives `revision_of` on the new number.
    remarks.extend(revision_of(c));
    remarks.extend(revised_to(meeting, c));
    if let Some(from) = &c.carried_from {
        remarks.push(format!("carried over from {}", from.as_str()));
    }
    // The same URL the calendar gives: http(s) only, the number and any
    // character a URI may not hold percent-encoded, so a template or a
    // number cannot break out of an `href` or a Markdown link.
    let url = meeting
        .header
        .document_url
        .as_ref()
        .and_then(|u| crate::export::ics::document_url(u.as_str(), c.number.as_str()));
    ContribRow {
        number,
        url,
        title: c.title.trim().to_string(),
        source: c.source.join(", "),
        status,
        remarks: remarks.join("; "),
    }
}

/// "Revision of R1-2401234" for a contribution that revises another (3GPP
/// links a formal revision by number; the file says it on the new one).
pub(crate) fn revision_of(c: &Contribution) -> Option<String> {
    c.revision_of
        .as_ref()
        .map(|r| format!("Revision of {}", r.as_str()))
}

/// "Revised to R1-2403900" for each later number that revises `c`: the
/// chain stated from the other end, as a Tdoc list states it.
pub(crate) fn revised_to(meeting: &Meeting, c: &Contribution) -> Vec<String> {
    meeting
        .contributions
        .iter()
        .filter(|other| {
            other
                .revision_of
                .as_ref()
                .is_some_and(|r| r.as_str() == c.number.as_str())
        })
        .map(|other| format!("Revised to {}", other.number.as_str()))
        .collect()
}

fn next_row(meeting: &Meeting, n: &crate::model::NextMeeting) -> NextRow {
    let dates = if n.dates.start.value == n.dates.end.value {
        n.dates.start.to_string()
    } else {
        format!("{} to {}", *n.dates.start, *n.dates.end)
    };
    let time = n
        .time
        .as_ref()
        .map_or_else(String::new, |t| match &n.timezone {
            Some(z) => {
                let mut text = format!("{} {}", t.value, zone_heading(z));
                if let Some(local) = venue_time(meeting, n.dates.start.value.0, t.value, z.value) {
                    let _ = write!(text, " ({local})");
                }
                text
            }
            None => t.value.to_string(),
        });
    let mut venue = n.venue.clone().unwrap_or_default();
    for note in &n.notes {
        if !venue.is_empty() {
            venue.push_str("; ");
        }
        venue.push_str(note);
    }
    NextRow {
        meeting: if n.tentative {
            format!("{} (tentative)", n.id)
        } else {
            n.id.clone()
        },
        kind: match n.kind {
            Some(NextMeetingKind::Call) => "Conference call",
            Some(NextMeetingKind::FaceToFace) => "Face-to-face",
            Some(NextMeetingKind::AdHoc) => "Ad-hoc",
            None => "",
        }
        .to_string(),
        dates,
        time,
        venue,
    }
}

/// A call given in another zone (UTC) as the venue reads it: "09:30-11:00
/// Montreal time", or `None` when the zones agree or the time does not exist.
fn venue_time(
    meeting: &Meeting,
    day: NaiveDate,
    range: crate::model::clock::TimeRange,
    zone: Zone,
) -> Option<String> {
    let venue = meeting.header.timezone.value;
    if venue == zone {
        return None;
    }
    let start = crate::model::zoned::place(zone.0, day, range.start).instant()?;
    let end = crate::model::zoned::place(zone.0, day, range.end).instant()?;
    let iv = Interval { start, end };
    let place = meeting
        .header
        .venue
        .as_deref()
        .and_then(|v| v.split(',').next())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map_or_else(|| zone_heading(&venue), str::to_string);
    Some(format!("{} {place} time", zone_time(iv, venue, day)))
}

/// "noted" -> "Noted".
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Splits an item's text line into its bullet depth (0 for plain text) and
/// its words: "  - Details" is a bullet of depth 2.
pub fn bullet(line: &str) -> (usize, &str) {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    match trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
    {
        Some(rest) => (indent / 2 + 1, rest.trim()),
        None => (0, line.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_keep_their_depth() {
        assert_eq!(
            bullet("- Completion of TS-0003:"),
            (1, "Completion of TS-0003:")
        );
        assert_eq!(
            bullet("  - Clarify assumptions"),
            (2, "Clarify assumptions")
        );
        assert_eq!(bullet("By E-mail"), (0, "By E-mail"));
    }

    #[test]
    fn times_abroad_say_when_the_day_changes() {
        let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let iv = Interval {
            start: t("2014-04-07T13:45:00Z"),
            end: t("2014-04-07T15:00:00Z"),
        };
        let day = NaiveDate::from_ymd_opt(2014, 4, 7).unwrap();
        let tokyo = Zone::parse("Asia/Tokyo").unwrap();
        assert_eq!(zone_time(iv, tokyo, day), "22:45-24:00");
        let la = Zone::parse("America/Los_Angeles").unwrap();
        assert_eq!(zone_time(iv, la, day), "06:45-08:00");
        let early = Interval {
            start: t("2014-04-07T06:00:00Z"),
            end: t("2014-04-07T07:00:00Z"),
        };
        assert_eq!(zone_time(early, la, day), "Sun 23:00-24:00");
        let late = Interval {
            start: t("2014-04-07T14:30:00Z"),
            end: t("2014-04-07T16:00:00Z"),
        };
        assert_eq!(zone_time(late, tokyo, day), "Mon 23:30-Tue 01:00");
        let next = Interval {
            start: t("2014-04-07T15:15:00Z"),
            end: t("2014-04-07T16:30:00Z"),
        };
        assert_eq!(zone_time(next, tokyo, day), "Tue 00:15-01:30");
        assert_eq!(zone_heading(&la), "Los Angeles");
    }
}
