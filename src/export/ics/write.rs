//! iCalendar (RFC 5545) text from a calendar model, written to any `io::Write`.
//!
//! The writer is hand-made rather than built on the `icalendar` crate: the
//! rules that matter are few and must be exact (TEXT escaping, folding at 75
//! octets on a UTF-8 character boundary, CRLF, parameter quoting, a VTIMEZONE
//! for every TZID), and writing lines straight into one buffer is several
//! times faster than building a property tree first. Everything from a user's
//! file goes through [`escape_text`] or [`param_value`], so a title holding a
//! line break and `END:VEVENT` stays one property value.
//!
//! The model ([`Calendar`], [`Event`]) is plain data; [`crate::export::ics`]
//! fills it from a week.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::export::ics::vtimezone;

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
    /// ORGANIZER and ATTENDEE lines carried over verbatim from a previous
    /// calendar (for cancelling a session that no longer exists).
    pub raw_people: Vec<String>,
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
}

/// PRODID of every calendar agendum writes.
pub const PRODID: &str = concat!("-//agendum//agendum ", env!("CARGO_PKG_VERSION"), "//EN");

/// Writes `calendar` as iCalendar text (CRLF line ends, folded lines).
pub fn write(calendar: &Calendar, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(&to_bytes(calendar))
}

/// The calendar as iCalendar bytes.
pub fn to_bytes(calendar: &Calendar) -> Vec<u8> {
    let mut w = Writer::with_capacity(4096);
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.prop("PRODID", PRODID);
    w.line("CALSCALE:GREGORIAN");
    w.prop("METHOD", calendar.method.as_str());
    w.text("X-WR-CALNAME", &calendar.name);
    write_timezones(&mut w, calendar);
    let stamp = utc_text(calendar.stamp);
    for e in &calendar.events {
        write_event(&mut w, calendar.method, &stamp, e);
    }
    w.line("END:VCALENDAR");
    w.buf
}

/// A VTIMEZONE for every zone a DTSTART or DTEND names, covering the calendar's span.
fn write_timezones(w: &mut Writer, calendar: &Calendar) {
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
    let Some((lo, hi)) = span else { return };
    for tz in zones.into_values() {
        w.buf
            .extend_from_slice(vtimezone::component(tz, lo, hi).as_bytes());
    }
}

fn write_event(w: &mut Writer, method: Method, stamp: &str, e: &Event) {
    w.line("BEGIN:VEVENT");
    w.prop("UID", &e.uid);
    w.prop("DTSTAMP", stamp);
    w.when("DTSTART", e.start);
    w.when("DTEND", e.end);
    w.number("SEQUENCE", e.sequence);
    w.prop("STATUS", e.status.as_str());
    w.text("SUMMARY", &e.summary);
    if let Some(l) = &e.location {
        w.text("LOCATION", l);
    }
    if let Some(d) = &e.description {
        w.text("DESCRIPTION", d);
    }
    if !e.categories.is_empty() {
        w.categories(&e.categories);
    }
    if let Some(u) = &e.url {
        w.prop("URL", u);
    }
    // A tentative schedule still blocks the time in the delegate's calendar.
    w.line("TRANSP:OPAQUE");
    if let Some(o) = &e.organizer {
        w.address("ORGANIZER", o, false);
    }
    if method != Method::Publish {
        for a in &e.attendees {
            w.address("ATTENDEE", a, method == Method::Request);
        }
    }
    for raw in &e.raw_people {
        if method != Method::Publish || raw.starts_with("ORGANIZER") {
            w.line(raw);
        }
    }
    w.line("END:VEVENT");
}

/// `20140408T060000Z`.
pub fn utc_text(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Accumulates content lines, folded and CRLF-terminated.
struct Writer {
    buf: Vec<u8>,
    line: String,
}

impl Writer {
    fn with_capacity(n: usize) -> Self {
        Self {
            buf: Vec::with_capacity(n),
            line: String::with_capacity(256),
        }
    }

    /// A complete content line (already escaped).
    fn line(&mut self, content: &str) {
        fold_into(&mut self.buf, content);
    }

    /// `NAME:value` with a value that needs no escaping (or is escaped already).
    fn prop(&mut self, name: &str, value: &str) {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        line.push_str(name);
        line.push(':');
        line.push_str(value);
        self.line(&line);
        self.line = line;
    }

    /// `NAME:value` with a TEXT value.
    fn text(&mut self, name: &str, value: &str) {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        line.push_str(name);
        line.push(':');
        escape_text(value, &mut line);
        self.line(&line);
        self.line = line;
    }

    fn when(&mut self, name: &str, when: When) {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        line.push_str(name);
        match when {
            When::Utc(t) => {
                line.push(':');
                push_datetime(&mut line, t.naive_utc());
                line.push('Z');
            }
            When::Zoned(tz, local) => {
                line.push_str(";TZID=");
                line.push_str(tz.name());
                line.push(':');
                push_datetime(&mut line, local);
            }
        }
        self.line(&line);
        self.line = line;
    }

    fn address(&mut self, name: &str, a: &Address, rsvp: bool) {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        line.push_str(name);
        if let Some(cn) = &a.name {
            line.push_str(";CN=");
            push_param_value(&mut line, cn);
        }
        if name == "ATTENDEE" {
            line.push_str(if a.group {
                ";CUTYPE=GROUP"
            } else {
                ";CUTYPE=INDIVIDUAL"
            });
            line.push_str(match a.role {
                Role::Chair => ";ROLE=CHAIR",
                Role::Required => ";ROLE=REQ-PARTICIPANT",
            });
            // The chair organises: nothing to answer.
            if rsvp && a.role == Role::Chair {
                line.push_str(";PARTSTAT=ACCEPTED");
            } else if rsvp {
                line.push_str(";PARTSTAT=NEEDS-ACTION;RSVP=TRUE");
            }
        }
        line.push_str(":mailto:");
        line.push_str(&a.email);
        self.line(&line);
        self.line = line;
    }

    /// `CATEGORIES:a,b,c`, each escaped.
    fn categories(&mut self, categories: &[String]) {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        line.push_str("CATEGORIES:");
        for (i, c) in categories.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            escape_text(c, &mut line);
        }
        self.line(&line);
        self.line = line;
    }

    /// `NAME:n`.
    fn number(&mut self, name: &str, n: u32) {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        line.push_str(name);
        line.push(':');
        push_number(&mut line, n, 1);
        self.line(&line);
        self.line = line;
    }
}

/// `n` zero-padded to at least `width` digits, as `{:0width$}` writes it.
pub(crate) fn push_number(d: &mut String, n: impl Into<i64>, width: usize) {
    use std::fmt::Write as _;
    let n: i64 = n.into();
    if n < 0 {
        let _ = write!(d, "{n:0width$}");
        return;
    }
    let mut digits = [b'0'; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + u8::try_from(rest % 10).unwrap_or(0);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let at = at.min(digits.len().saturating_sub(width));
    for &b in &digits[at..] {
        d.push(char::from(b));
    }
}

/// `YYYYMMDDTHHMMSS`, written digit by digit: this runs twice per event.
fn push_datetime(line: &mut String, t: NaiveDateTime) {
    use chrono::{Datelike, Timelike};
    push_digits(line, u32::try_from(t.year()).unwrap_or(0), 4);
    push_digits(line, t.month(), 2);
    push_digits(line, t.day(), 2);
    line.push('T');
    push_digits(line, t.hour(), 2);
    push_digits(line, t.minute(), 2);
    push_digits(line, t.second(), 2);
}

/// `n` as exactly `width` (at most 4) decimal digits, zero-padded.
fn push_digits(line: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 4];
    let mut n = n;
    for d in digits[..width.min(4)].iter_mut().rev() {
        *d = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
    }
    for &d in &digits[..width.min(4)] {
        line.push(char::from(d));
    }
}

/// Appends one content line to `out`, folded so that no physical line is
/// longer than 75 octets (RFC 5545 3.1), never inside a UTF-8 character,
/// each ended by CRLF.
pub fn fold_into(out: &mut Vec<u8>, line: &str) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut limit = 75;
    while bytes.len() - start > limit {
        let mut cut = start + limit;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        out.extend_from_slice(&bytes[start..cut]);
        out.extend_from_slice(b"\r\n ");
        start = cut;
        // A continuation line starts with the space, which counts.
        limit = 74;
    }
    out.extend_from_slice(&bytes[start..]);
    out.extend_from_slice(b"\r\n");
}

/// The bytes [`escape_text`] rewrites: `\\`, `;`, `,` and the control
/// characters other than tab. Looked up in a table because every byte of
/// every title and description passes through it.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\t' as usize;
        b += 1;
    }
    t[0x7f] = true;
    // Lead bytes of the C1 controls (U+0080 to U+009F), U+061C and the
    // bidirectional marks and overrides (U+200E ... U+2069): looked at closer.
    t[0xc2] = true;
    t[0xd8] = true;
    t[0xe2] = true;
    t[b'\\' as usize] = true;
    t[b';' as usize] = true;
    t[b',' as usize] = true;
    t
};

/// Appends `text` as an iCalendar TEXT value: backslash, semicolon and comma
/// escaped, every line break (CRLF, CR or LF) written `\n`, and other control
/// characters (which TEXT may not hold, C1 included) and bidirectional
/// formatting characters (which make a client show text other than what
/// is stored) dropped.
pub fn escape_text(text: &str, out: &mut String) {
    // Runs of ordinary text are copied whole; only the few special bytes
    // are rewritten. Each is ASCII or the first byte of a character, so
    // every cut is on a character boundary.
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        // The character starting here, for the multi-byte lead bytes.
        let mut len = 1;
        let replacement = match b {
            0xc2 | 0xd8 | 0xe2 => {
                let c = text.get(i..).and_then(|t| t.chars().next());
                len = c.map_or(1, char::len_utf8);
                c.filter(|&c| crate::load::fields::is_hostile(c))
                    .map(|_| "")
            }
            b'\\' => Some("\\\\"),
            b';' => Some("\\;"),
            b',' => Some("\\,"),
            b'\n' | b'\r' => Some("\\n"),
            b'\t' => None,
            0..=0x1f | 0x7f => Some(""),
            _ => None,
        };
        if let Some(r) = replacement {
            out.push_str(text.get(start..i).unwrap_or_default());
            out.push_str(r);
            if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + len;
        }
        i += len;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

/// A parameter value (RFC 5545 3.2): control characters and double quotes
/// (which no parameter value may hold) dropped, and the value quoted when it
/// holds `:`, `;` or `,`.
pub fn param_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_param_value(&mut out, text);
    out
}

/// Appends [`param_value`] of `text` to `out`.
fn push_param_value(out: &mut String, text: &str) {
    // Dropping control characters and quotes never drops `:`, `;` or `,`.
    let quoted = text.contains([':', ';', ',']);
    if quoted {
        out.push('"');
    }
    out.extend(text.chars().filter(|c| !c.is_control() && *c != '"'));
    if quoted {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut v = Vec::new();
        fold_into(&mut v, line);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_dropped_from_text() {
        let mut out = String::new();
        escape_text("a\u{9b}2J\u{202e}b\u{2066}c\u{e9}\u{2014}\u{a0}", &mut out);
        assert_eq!(out, "a2Jbc\u{e9}\u{2014}\u{a0}");
    }

    #[test]
    fn text_is_escaped() {
        let mut s = String::new();
        escape_text("a,b;c\\d\r\ne\rf\ng\u{7}h", &mut s);
        assert_eq!(s, "a\\,b\\;c\\\\d\\ne\\nf\\ngh");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(folded("SUMMARY:x"), "SUMMARY:x\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(folded(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let line = "D".repeat(200);
        let out = folded(&line);
        let parts: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(parts[0].len(), 75);
        assert!(parts[1].starts_with(' ') && parts[1].len() == 75);
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn folding_never_splits_a_character() {
        for prefix in 0..4 {
            let line = format!("{}{}", "x".repeat(prefix), "é€😀".repeat(40));
            let out = folded(&line);
            for physical in out.split("\r\n") {
                assert!(physical.len() <= 75, "{physical}");
            }
            assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }

    #[test]
    fn parameter_values_are_quoted_and_cleaned() {
        assert_eq!(param_value("Ann"), "Ann");
        assert_eq!(param_value("Ennesser, F."), "\"Ennesser, F.\"");
        assert_eq!(param_value("a\"b\r\nc:d"), "\"abc:d\"");
    }

    proptest::proptest! {
        #[test]
        fn folding_round_trips(s in "\\PC{0,300}") {
            let out = folded(&s);
            for physical in out.split("\r\n") {
                proptest::prop_assert!(physical.len() <= 75);
            }
            proptest::prop_assert_eq!(out.replace("\r\n ", ""), format!("{s}\r\n"));
        }
    }
}
