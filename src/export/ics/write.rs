//! iCalendar (RFC 5545) text from a calendar model, written to any `io::Write`.
//!
//! Every VEVENT is built with the `icalendar` crate's typed setters, which
//! escape TEXT values and fold lines at 75 octets. Three things the crate
//! leaves to its caller are done here (DESIGN.md, "Calendars on the
//! icalendar crate"):
//! - its component writer stamps DTSTAMP with the current time and adds a
//!   random UID to any component lacking them, so every event gets both,
//!   from the caller's clock and agendum's stable UIDs;
//! - VTIMEZONE, which may carry neither, cannot go through that writer: it
//!   is written by [`crate::export::ics::vtimezone`] into the same output;
//! - it escapes backslash, comma, semicolon and LF but not CR, and keeps
//!   other control characters, and it quotes parameter values without
//!   removing double quotes: [`text`], [`line`] and [`param`] clean every
//!   value from a user's file before it reaches the crate, so a title
//!   holding a line break and `END:VEVENT` stays one property value.
//!
//! The model ([`Calendar`], [`Event`]) is plain data; [`crate::export::ics`]
//! fills it from a week.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use icalendar::{
    Attendee, CUType, CalendarDateTime, Component, EventLike, EventStatus, PartStat, Property,
};

use crate::export::ics::vtimezone;
use crate::load::fields::is_hostile;

/// The iTIP method of a calendar object (RFC 5546).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A feed: ORGANIZER, no ATTENDEE.
    Publish,
    /// An invitation: ORGANIZER and ATTENDEEs.
    Request,
    /// A cancellation of invitations sent before.
    Cancel,
}

impl Method {
    /// The METHOD value.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// STATUS of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The meeting's schedule is not fixed yet.
    Tentative,
    /// Fixed.
    Confirmed,
    /// The session no longer takes place.
    Cancelled,
}

impl Status {
    /// The STATUS value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Tentative => "TENTATIVE",
            Status::Confirmed => "CONFIRMED",
            Status::Cancelled => "CANCELLED",
        }
    }
}

/// A date-time as the calendar writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `20140408T060000Z`.
    Utc(DateTime<Utc>),
    /// `TZID=Europe/Berlin:20140408T080000`: a wall-clock time in a zone.
    Zoned(Tz, NaiveDateTime),
}

/// The role of a calendar user in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Chairs the session.
    Chair,
    /// Must be there.
    Required,
}

/// A person or mailing list with an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// Display name (CN).
    pub name: Option<String>,
    /// E-mail address (without `mailto:`).
    pub email: String,
    /// ROLE.
    pub role: Role,
    /// A group's mailing list (CUTYPE=GROUP) rather than a person.
    pub group: bool,
}

/// One VEVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable UID.
    pub uid: String,
    /// SEQUENCE: raised when the time, room or title changes.
    pub sequence: u32,
    /// SUMMARY.
    pub summary: String,
    /// LOCATION.
    pub location: Option<String>,
    /// DESCRIPTION.
    pub description: Option<String>,
    /// CATEGORIES.
    pub categories: Vec<String>,
    /// STATUS.
    pub status: Status,
    /// DTSTART.
    pub start: When,
    /// DTEND.
    pub end: When,
    /// The instants of `start` and `end`, for comparisons.
    pub interval: (DateTime<Utc>, DateTime<Utc>),
    /// URL (already a valid URI).
    pub url: Option<String>,
    /// ORGANIZER.
    pub organizer: Option<Address>,
    /// ATTENDEEs.
    pub attendees: Vec<Address>,
    /// People who must be there but have no (plain) e-mail address, so no
    /// ATTENDEE: `agendum invite` refuses to leave them out silently.
    pub missing: Vec<String>,
}

/// One VCALENDAR object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// METHOD.
    pub method: Method,
    /// X-WR-CALNAME: the name a client shows for a subscribed feed.
    pub name: String,
    /// DTSTAMP of every event: when the calendar was made (from `SOURCE_DATE_EPOCH` when set).
    pub stamp: DateTime<Utc>,
    /// The events, in order.
    pub events: Vec<Event>,
    /// The span the VTIMEZONEs cover; `None`: the events' own. One
    /// session's invitation covers its week's, so that every invitation of
    /// the week carries the same VTIMEZONE.
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// PRODID of every calendar agendum writes.
pub const PRODID: &str = concat!("-//agendum//agendum ", env!("CARGO_PKG_VERSION"), "//EN");

/// Writes `calendar` as iCalendar text (CRLF line ends, folded lines).
pub fn write(calendar: &Calendar, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(&to_bytes(calendar))
}

/// The calendar as iCalendar bytes: the calendar's properties and events
/// through the `icalendar` crate, its VTIMEZONEs from
/// [`vtimezone::component`] between them.
pub fn to_bytes(calendar: &Calendar) -> Vec<u8> {
    to_string(calendar).into_bytes()
}

/// [`to_bytes`] as text.
pub fn to_string(calendar: &Calendar) -> String {
    let mut out = String::with_capacity(1024 + calendar.events.len() * 1024);
    out.push_str("BEGIN:VCALENDAR\r\n");
    for property in [
        Property::new("VERSION", "2.0"),
        Property::new("PRODID", PRODID),
        Property::new("CALSCALE", "GREGORIAN"),
        Property::new("METHOD", calendar.method.as_str()),
        Property::new("X-WR-CALNAME", line(&calendar.name)),
    ] {
        // A property's text is its folded, CRLF-ended content line.
        if let Ok(text) = TryInto::<String>::try_into(property) {
            out.push_str(&text);
        }
    }
    write_timezones(&mut out, calendar);
    // Events are independent: a large calendar's are written a share per
    // core, and the shares joined in order (the same bytes, whatever the cores).
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let share = calendar.events.len().div_ceil(cores).max(PER_THREAD);
    if calendar.events.len() <= PER_THREAD {
        push_events(&mut out, calendar, &calendar.events);
    } else {
        let parts: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = calendar
                .events
                .chunks(share)
                .map(|events| {
                    scope.spawn(move || {
                        let mut part = String::with_capacity(events.len() * 1024);
                        push_events(&mut part, calendar, events);
                        part
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for part in parts {
            out.push_str(&part);
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// Below this many events, one thread writes them all.
const PER_THREAD: usize = 2000;

fn push_events(out: &mut String, calendar: &Calendar, events: &[Event]) {
    let mut text = String::with_capacity(2048);
    for e in events {
        text.clear();
        // Writing into a String cannot fail.
        let _ = event(calendar.method, calendar.stamp, e).fmt_write(&mut text);
        push_short_lines(out, &text);
    }
}

/// Appends the crate's text, with the one fold it gets wrong redone: its
/// `fold_line` (0.17.17) stops folding when at most 75 octets remain, so
/// the last continuation line, with its leading space, can be 76 octets
/// long. Such a line is cut once more before its last character, on a
/// character boundary. Every other line is copied as it is.
fn push_short_lines(out: &mut String, text: &str) {
    if text.split("\r\n").all(|l| l.len() <= 75) {
        out.push_str(text);
        return;
    }
    for line in text.split_inclusive("\r\n") {
        let body = line.strip_suffix("\r\n").unwrap_or(line);
        if body.len() <= 75 {
            out.push_str(line);
            continue;
        }
        let mut cut = 75;
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&body[..cut]);
        out.push_str("\r\n ");
        out.push_str(&body[cut..]);
        out.push_str("\r\n");
    }
}

/// A VTIMEZONE for every zone a DTSTART or DTEND names, covering the span of the calendar's events.
fn write_timezones(out: &mut String, calendar: &Calendar) {
    let mut zones: BTreeMap<&'static str, Tz> = BTreeMap::new();
    let mut span: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for e in &calendar.events {
        for when in [e.start, e.end] {
            if let When::Zoned(tz, _) = when {
                zones.insert(tz.name(), tz);
            }
        }
        let (a, b) = e.interval;
        span = Some(span.map_or((a, b), |(lo, hi)| (lo.min(a), hi.max(b))));
    }
    let Some((lo, hi)) = calendar.span.or(span) else {
        return;
    };
    for tz in zones.into_values() {
        out.push_str(&vtimezone::component(tz, lo, hi));
    }
}

/// One VEVENT, built with the crate. Its properties come out in the crate's
/// order (by name), ATTENDEEs and CATEGORIES after them.
fn event(method: Method, stamp: DateTime<Utc>, e: &Event) -> icalendar::Event {
    let mut v = icalendar::Event::new();
    v.uid(&line(&e.uid))
        .timestamp(stamp)
        .starts(when(e.start))
        .ends(when(e.end))
        .sequence(e.sequence)
        .status(match e.status {
            Status::Tentative => EventStatus::Tentative,
            Status::Confirmed => EventStatus::Confirmed,
            Status::Cancelled => EventStatus::Cancelled,
        })
        .summary(&line(&e.summary));
    if let Some(l) = &e.location {
        v.location(&line(l));
    }
    if let Some(d) = &e.description {
        v.description(&text(d));
    }
    if !e.categories.is_empty() {
        v.categories(e.categories.iter().map(|c| line(c)));
    }
    if let Some(u) = &e.url {
        v.url(&line(u));
    }
    // A tentative schedule still blocks the time in the delegate's calendar.
    v.add_property("TRANSP", "OPAQUE");
    if let Some(o) = &e.organizer {
        let mut p = Property::new("ORGANIZER", format!("mailto:{}", line(&o.email)));
        if let Some(cn) = &o.name {
            p.add_parameter("CN", &param(cn));
        }
        v.append_property(p);
    }
    if method != Method::Publish {
        let rsvp = method == Method::Request;
        for a in &e.attendees {
            v.attendee(attendee(a, rsvp));
        }
    }
    v.done()
}

fn attendee(a: &Address, rsvp: bool) -> Attendee {
    let mut x = Attendee::new(format!("mailto:{}", line(&a.email)))
        .cutype(if a.group {
            CUType::Group
        } else {
            CUType::Individual
        })
        .role(match a.role {
            Role::Chair => icalendar::Role::Chair,
            Role::Required => icalendar::Role::ReqParticipant,
        });
    if let Some(cn) = &a.name {
        x = x.cn(param(cn).into_owned());
    }
    // The chair organises: nothing to answer.
    if rsvp && a.role == Role::Chair {
        x = x.partstat(PartStat::Accepted);
    } else if rsvp {
        x = x.partstat(PartStat::NeedsAction).rsvp(true);
    }
    x
}

fn when(w: When) -> CalendarDateTime {
    match w {
        When::Utc(t) => CalendarDateTime::Utc(t),
        When::Zoned(tz, local) => CalendarDateTime::WithTimezone {
            date_time: local,
            tzid: tz.name().to_string(),
        },
    }
}

/// `20140408T060000Z`.
pub fn utc_text(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `n` zero-padded to at least `width` digits, as `{:0width$}` writes it.
pub(crate) fn push_number(d: &mut String, n: impl Into<i64>, width: usize) {
    use std::fmt::Write as _;
    let n: i64 = n.into();
    let _ = write!(d, "{n:0width$}");
}

/// Whether `c` may not reach a TEXT value: a control character other than
/// tab (TEXT may not hold them, C1 included), or a bidirectional formatting
/// character (which makes a client show text other than what is stored).
fn dropped(c: char) -> bool {
    c != '\t' && is_hostile(c)
}

/// A multi-line TEXT value (DESCRIPTION) as the crate may take it: every
/// line break (CRLF, CR or LF) made one LF, which the crate writes `\n`, and
/// [`dropped`] characters removed.
pub fn text(value: &str) -> Cow<'_, str> {
    clean(value, '\n')
}

/// A one-line value (SUMMARY, LOCATION, UID, the calendar's name): each
/// line break becomes a space, and [`dropped`] characters are removed.
pub fn line(value: &str) -> Cow<'_, str> {
    clean(value, ' ')
}

/// `value` with every line break (CRLF, CR or LF) made `brk` and
/// [`dropped`] characters removed; borrowed when nothing changes.
fn clean(value: &str, brk: char) -> Cow<'_, str> {
    let kept_lf = brk == '\n';
    // Printable ASCII and tab (and LF where it is kept) need nothing: the
    // common case, decided byte by byte.
    if value
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\t' || (kept_lf && b == b'\n'))
    {
        return Cow::Borrowed(value);
    }
    if !value.chars().any(|c| dropped(c) && !(kept_lf && c == '\n')) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(brk);
            }
            '\n' => out.push(brk),
            c if dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A parameter value (RFC 5545 3.2): control characters, bidirectional
/// formatting characters and double quotes (which no parameter value may
/// hold) removed. The crate quotes it when it holds `:`, `;` or `,`.
pub fn param(value: &str) -> Cow<'_, str> {
    if !value.chars().any(|c| c == '"' || dropped(c)) {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .chars()
            .filter(|c| *c != '"' && !dropped(*c))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn one_event(summary: &str, description: &str, cn: &str) -> String {
        let t = Utc.with_ymd_and_hms(2014, 4, 8, 6, 0, 0).unwrap();
        let person = Address {
            name: Some(cn.to_string()),
            email: "a@example.org".into(),
            role: Role::Chair,
            group: false,
        };
        to_string(&Calendar {
            method: Method::Request,
            name: "N".into(),
            stamp: t,
            events: vec![Event {
                uid: "u@x".into(),
                sequence: 0,
                summary: summary.into(),
                location: None,
                description: Some(description.into()),
                categories: vec!["SEC, ARC".into()],
                status: Status::Confirmed,
                start: When::Utc(t),
                end: When::Utc(t),
                interval: (t, t),
                url: None,
                organizer: Some(person.clone()),
                attendees: vec![person],
                missing: Vec::new(),
            }],
            span: None,
        })
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_dropped_from_text() {
        assert_eq!(
            text("a\u{9b}2J\u{202e}b\u{2066}c\u{e9}\u{2014}\u{a0}"),
            "a2Jbc\u{e9}\u{2014}\u{a0}"
        );
    }

    #[test]
    fn line_breaks_are_lf_in_text_and_spaces_in_one_line_values() {
        assert_eq!(text("a\r\nb\rc\nd\u{7}e\tf"), "a\nb\nc\nde\tf");
        assert_eq!(line("a\r\nb\rc\nd\u{7}e"), "a b c de");
        assert!(matches!(line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn parameter_values_lose_quotes_and_controls() {
        assert_eq!(param("Ann"), "Ann");
        assert_eq!(param("a\"b\r\nc:d"), "abc:d");
    }

    #[test]
    fn hostile_values_stay_one_property() {
        let cal = one_event(
            "x\r\nEND:VEVENT\r\nBEGIN:VALARM",
            "d\rEND:VEVENT\nBEGIN:VEVENT",
            "Ann\"\r\n:mailto:evil@x",
        );
        let unfolded = cal.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").collect();
        assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 1);
        assert_eq!(lines.iter().filter(|l| **l == "END:VEVENT").count(), 1);
        assert!(!lines.iter().any(|l| l.starts_with("BEGIN:VALARM")));
        assert!(
            lines.contains(&"SUMMARY:x END:VEVENT BEGIN:VALARM"),
            "{cal}"
        );
        assert!(
            lines.contains(&"DESCRIPTION:d\\nEND:VEVENT\\nBEGIN:VEVENT"),
            "{cal}"
        );
        assert!(lines.contains(&"CATEGORIES:SEC\\, ARC"), "{cal}");
        assert!(
            lines.contains(&"ORGANIZER;CN=\"Ann:mailto:evil@x\":mailto:a@example.org"),
            "{cal}"
        );
        assert!(!cal.contains('\u{7}'));
    }

    #[test]
    fn no_line_is_longer_than_75_octets_whatever_its_length() {
        for n in 1..400 {
            for unit in ["x", "é", "€", "😀"] {
                let cal = one_event("s", &unit.repeat(n), "Ann");
                for physical in cal.split("\r\n") {
                    assert!(physical.len() <= 75, "{n} {unit}: {physical}");
                }
                let unfolded = cal.replace("\r\n ", "");
                assert!(unfolded.contains(&format!("DESCRIPTION:{}\r\n", unit.repeat(n))));
            }
        }
    }

    #[test]
    fn every_physical_line_is_short_and_crlf_ended() {
        let long = "é€😀 ".repeat(60);
        let cal = one_event(&long, &long, "Ann");
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        for physical in cal.split("\r\n") {
            assert!(physical.len() <= 75, "{physical}");
            assert!(!physical.contains('\n') && !physical.contains('\r'));
        }
        assert!(
            cal.replace("\r\n ", "")
                .contains(&format!("SUMMARY:{}", long.trim_end()))
        );
    }

    #[test]
    fn the_stamp_and_uid_are_the_callers() {
        let cal = one_event("s", "d", "Ann");
        assert!(cal.contains("\r\nDTSTAMP:20140408T060000Z\r\n"), "{cal}");
        assert_eq!(cal.matches("\r\nUID:").count(), 1);
        assert!(cal.contains("\r\nUID:u@x\r\n"));
        assert_eq!(cal, one_event("s", "d", "Ann"));
    }
}
