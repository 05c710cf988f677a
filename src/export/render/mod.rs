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

use chrono::NaiveDate;

use crate::load::week::{Interval, Week};
use crate::model::clock::{Date, Zone};
use crate::model::number::AgendaNumber;
use crate::model::status::{MeetingStatus, NextMeetingKind, SessionFact, SessionKind};
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
    /// "15:45-17:00" in the meeting's zone (with the zone name when the session gives its own).
    pub time: String,
    /// The same times in each extra zone ("22:45-00:00 +1").
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
    kept.sort_by_key(|(i, s, iv)| (s.day.value, iv.map(|x| x.start), *i));

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
    let glance = kept
        .iter()
        .map(|(_, s, _)| glance_line(meeting, s))
        .collect();

    // Per-day schedule.
    let item_title = |n: &AgendaNumber| {
        meeting
            .agenda
            .iter()
            .find(|a| a.number.value == *n)
            .map(|a| a.title.trim().to_string())
    };
    let mut days: Vec<Day> = Vec::new();
    let mut current: Option<Date> = None;
    for (_, s, iv) in &kept {
        if current != Some(s.day.value) {
            current = Some(s.day.value);
            days.push(Day {
                label: day_label(s.day.value.0),
                rows: Vec::new(),
            });
        }
        let mut treats: Vec<String> = s
            .items
            .iter()
            .map(|n| match item_title(n) {
                Some(t) => format!("Item {}: {t}", n.as_str()),
                None => format!("Item {}", n.as_str()),
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
            time: session_time(meeting, s)
                .map(|t| assumed(t, s.assumes(SessionFact::Time)))
                .unwrap_or_default(),
            zones: options
                .zones
                .iter()
                .map(|z| {
                    iv.map(|iv| zone_time(iv, *z, s.day.value.0))
                        .unwrap_or_default()
                })
                .collect(),
            session: if s.assumes(SessionFact::Day) {
                format!("{} (day assumed)", session_label(meeting, s))
            } else {
                session_label(meeting, s)
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
                .map(|(_, s, _)| format!("{} ({})", s.display_title(), s.day.weekday_name()))
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
            what: a.what.clone(),
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

/// "Monday 7 April 2014".
pub fn day_label(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

/// The session's clock times as the glance and the day table print them, with
/// the zone when the session gives its own ("13:30-15:00 UTC").
fn session_time(meeting: &Meeting, s: &Session) -> Option<String> {
    let r = meeting.session_time(s)?;
    Some(match &s.timezone {
        Some(z) if z.value != meeting.header.timezone.value => format!("{r} {}", zone_heading(z)),
        _ => r.to_string(),
    })
}

/// "Session S1: Monday 15:45 - 17:00, Break-out", and "(assumed: time,
/// room)" after what the file assumes.
fn glance_line(meeting: &Meeting, s: &Session) -> String {
    let mut line = format!("{}: {}", s.display_title(), s.day.weekday_name());
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
        format!("{} ({})", s.display_title(), groups.join(", "))
    } else {
        s.display_title()
    }
}

/// The start and end of `iv` as a delegate in `zone` reads them: "22:45-00:00 +1",
/// with the weekday in front when the session starts on another day there.
pub fn zone_time(iv: Interval, zone: Zone, day: NaiveDate) -> String {
    let start = iv.start.with_timezone(&zone.0);
    let end = iv.end.with_timezone(&zone.0);
    let mut out = String::new();
    if start.date_naive() != day {
        out.push_str(&start.format("%a ").to_string());
    }
    let _ = write!(out, "{}-{}", start.format("%H:%M"), end.format("%H:%M"));
    let days = (end.date_naive() - start.date_naive()).num_days();
    if days > 0 {
        let _ = write!(out, " +{days}");
    }
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
        assert_eq!(zone_time(iv, tokyo, day), "22:45-00:00 +1");
        let la = Zone::parse("America/Los_Angeles").unwrap();
        assert_eq!(zone_time(iv, la, day), "06:45-08:00");
        let early = Interval {
            start: t("2014-04-07T06:00:00Z"),
            end: t("2014-04-07T07:00:00Z"),
        };
        assert_eq!(zone_time(early, la, day), "Sun 23:00-00:00 +1");
        assert_eq!(zone_heading(&la), "Los Angeles");
    }
}
