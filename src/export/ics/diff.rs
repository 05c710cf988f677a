//! `agendum ics --previous OLD`: what changed since the calendar last sent.
//!
//! Clients replace an event when a new one with the same UID and a higher
//! SEQUENCE arrives, and drop it on a cancellation with the same UID. So the
//! old calendar is read back with the `icalendar` crate's parser (only what
//! the comparison needs: METHOD, and each event's UID, SEQUENCE, STATUS,
//! DTSTART, DTEND, LOCATION, SUMMARY, ORGANIZER and ATTENDEEs, which a
//! cancellation must repeat), every new event is compared with its old self,
//! and sessions that disappeared become cancellations.
//!
//! The reader accepts what other writers produce too: CRLF or LF line ends,
//! lines folded with a space or a tab, a byte-order mark, several VCALENDAR
//! objects in one file (the crate's parser reads one at a time), TZID-zoned,
//! UTC or floating times.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::{self, Component, Property};

use crate::export::ics::vtimezone;
use crate::export::ics::write::{Address, Calendar, Event, Method, Role, Status, When};

/// One VEVENT of the old calendar, as far as the comparison needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OldEvent {
    /// UID.
    pub uid: String,
    /// SEQUENCE (0 when absent).
    pub sequence: u32,
    /// STATUS:CANCELLED.
    pub cancelled: bool,
    /// DTSTART as an instant, when it could be read.
    pub start: Option<DateTime<Utc>>,
    /// DTEND as an instant, when it could be read.
    pub end: Option<DateTime<Utc>>,
    /// The zone DTSTART names (TZID), when it is an IANA name: a
    /// cancellation gives its times in it, as the invitation did.
    pub zone: Option<Tz>,
    /// LOCATION, unescaped.
    pub location: Option<String>,
    /// SUMMARY, unescaped.
    pub summary: Option<String>,
    /// ORGANIZER.
    pub organizer: Option<Address>,
    /// ATTENDEEs.
    pub attendees: Vec<Address>,
}

/// The old calendar: the METHOD of each of its objects, in order, and its events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OldCalendar {
    /// METHOD of each VCALENDAR object (`None` where it has none).
    pub methods: Vec<Option<Method>>,
    /// The events, one per UID.
    pub events: Vec<OldEvent>,
}

impl OldCalendar {
    /// Adds an event: a later one with the same UID replaces an earlier one
    /// unless its SEQUENCE is lower (a CANCEL after a REQUEST). `index` maps
    /// the UIDs seen to their place.
    pub(crate) fn add(&mut self, index: &mut BTreeMap<String, usize>, e: OldEvent) {
        match index.get(&e.uid) {
            Some(&i) if self.events[i].sequence > e.sequence => {}
            Some(&i) => self.events[i] = e,
            None => {
                index.insert(e.uid.clone(), self.events.len());
                self.events.push(e);
            }
        }
    }

    /// The method of what was sent: REQUEST when any object is an
    /// invitation (its cancellations are CANCEL objects), PUBLISH when every
    /// object is a feed (or names no method). `None` for an empty calendar.
    pub fn method(&self) -> Option<Method> {
        if self.methods.contains(&Some(Method::Request))
            || self.methods.contains(&Some(Method::Cancel))
        {
            Some(Method::Request)
        } else if self.methods.is_empty() {
            None
        } else {
            Some(Method::Publish)
        }
    }
}

/// The largest SEQUENCE RFC 5545 allows: it is an INTEGER, a signed 32-bit
/// number, and a sequence number is never negative (3.8.7.4).
pub const MAX_SEQUENCE: u32 = 2_147_483_647;

/// How deep components may nest: VCALENDAR > VEVENT > VALARM is three, a
/// VTIMEZONE's observances three. The crate's parser recurses, so a file of
/// nothing but BEGIN lines must stop here, not at the end of the stack.
const MAX_DEPTH: usize = 8;

/// Reads the VEVENTs of an iCalendar text. Later objects override earlier
/// ones with the same UID when their SEQUENCE is not lower (a CANCEL object
/// after a REQUEST in the same stream). Events without a UID are skipped.
///
/// A SEQUENCE that is not an integer from 0 to [`MAX_SEQUENCE`] is refused
/// (guessing 0 or wrapping would make clients ignore the update), and so is
/// a UID holding a control or bidirectional formatting character: it would
/// be copied into the cancellation and printed to the terminal.
pub fn parse(text: &str) -> Result<OldCalendar, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unfolded = parser::unfold(text);
    let lines = Lines::new(text, &unfolded);
    let objects = objects(&unfolded, &lines)?;
    let mut old = OldCalendar::default();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for object in objects {
        let calendar = parser::read_calendar(object).map_err(|e| {
            let first = e.lines().find(|l| !l.trim().is_empty() && *l != "error: ");
            format!(
                "line {}: not a calendar object the iCalendar parser can read ({})",
                lines.at(object),
                shorten(first.unwrap_or("").trim_start_matches("error: ").trim())
            )
        })?;
        let method = calendar
            .properties
            .iter()
            .find(|p| p.name.as_str().eq_ignore_ascii_case("METHOD"))
            .map(|p| p.val.as_str().trim().to_ascii_uppercase());
        old.methods.push(match method.as_deref() {
            None => None,
            Some("REQUEST") => Some(Method::Request),
            Some("CANCEL") => Some(Method::Cancel),
            Some(_) => Some(Method::Publish),
        });
        for c in &calendar.components {
            if !c.name.as_str().eq_ignore_ascii_case("VEVENT") {
                continue;
            }
            let e = event(c, &lines)?;
            if !e.uid.is_empty() {
                old.add(&mut index, e);
            }
        }
    }
    Ok(old)
}

/// The VCALENDAR objects of the unfolded text, each from its BEGIN to its
/// END line, after checking that the text is a calendar and that components
/// do not nest deeper than [`MAX_DEPTH`].
fn objects<'a>(unfolded: &'a str, lines: &Lines) -> Result<Vec<&'a str>, String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    let mut at = 0;
    for raw in unfolded.split_inclusive('\n') {
        let here = at;
        at += raw.len();
        let line = raw.trim_end_matches(['\r', '\n']);
        if line.is_empty() && depth == 0 {
            continue;
        }
        let keyword = |k: &str| {
            line.get(..k.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(k))
        };
        if depth == 0 && !(keyword("BEGIN:") && line[6..].trim().eq_ignore_ascii_case("VCALENDAR"))
        {
            return Err(if out.is_empty() {
                "not an iCalendar file: it does not start with BEGIN:VCALENDAR".to_string()
            } else {
                format!(
                    "line {}: `{}` after the end of the calendar object; a file holds only VCALENDAR objects",
                    lines.at(&unfolded[here..]),
                    shorten(line)
                )
            });
        }
        if keyword("BEGIN:") {
            if depth == 0 {
                start = Some(here);
            }
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(format!(
                    "line {}: components nest deeper than {MAX_DEPTH} levels; no calendar nests so deep",
                    lines.at(&unfolded[here..])
                ));
            }
        } else if keyword("END:") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                if let Some(s) = start.take() {
                    out.push(&unfolded[s..at]);
                }
            }
        }
    }
    if let Some(s) = start {
        return Err(format!(
            "line {}: the calendar object has no END:VCALENDAR",
            lines.at(&unfolded[s..])
        ));
    }
    if out.is_empty() {
        return Err("not an iCalendar file: it does not start with BEGIN:VCALENDAR".into());
    }
    Ok(out)
}

/// Where the unfolded lines start in the file, for messages: the crate's
/// parser borrows from the unfolded text, so a property is found by where
/// its name lies in it.
struct Lines {
    /// Address of the unfolded text's first byte.
    base: usize,
    /// Its length.
    len: usize,
    /// Byte offset in the unfolded text of each logical line's start.
    starts: Vec<usize>,
    /// 1-based file line of each logical line.
    numbers: Vec<usize>,
}

impl Lines {
    fn new(text: &str, unfolded: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            unfolded
                .match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|i| *i < unfolded.len()),
        );
        // A file line continues the previous logical line when it starts
        // with a space or a tab (what `unfold` joined).
        let mut numbers = Vec::with_capacity(starts.len());
        for (i, raw) in text.split('\n').enumerate() {
            if i == 0 || !raw.starts_with([' ', '\t']) {
                numbers.push(i + 1);
            }
        }
        Lines {
            base: unfolded.as_ptr() as usize,
            len: unfolded.len(),
            starts,
            numbers,
        }
    }

    /// The file line on which `s` (a slice of the unfolded text) starts; 0 when it is not one.
    fn at(&self, s: &str) -> usize {
        let p = s.as_ptr() as usize;
        if p < self.base || p > self.base + self.len {
            return 0;
        }
        let offset = p - self.base;
        let logical = self
            .starts
            .partition_point(|&x| x <= offset)
            .saturating_sub(1);
        self.numbers.get(logical).copied().unwrap_or(0)
    }

    /// The file line of a property.
    fn of(&self, p: &Property) -> usize {
        self.at(p.name.as_str())
    }
}

fn event(c: &Component, lines: &Lines) -> Result<OldEvent, String> {
    let mut e = OldEvent::default();
    for p in &c.properties {
        let value = p.val.as_str();
        match p.name.as_str().to_ascii_uppercase().as_str() {
            "UID" => e.uid = uid(lines.of(p), value)?,
            "SEQUENCE" => e.sequence = sequence(lines.of(p), value)?,
            "STATUS" => e.cancelled = value.trim().eq_ignore_ascii_case("CANCELLED"),
            "DTSTART" => {
                e.start = instant(param(p, "TZID"), value);
                e.zone = param(p, "TZID").and_then(|z| z.trim_start_matches('/').parse().ok());
            }
            "DTEND" => e.end = instant(param(p, "TZID"), value),
            "LOCATION" => e.location = Some(value.to_string()),
            "SUMMARY" => e.summary = Some(value.to_string()),
            "ORGANIZER" => e.organizer = address(p),
            "ATTENDEE" => e.attendees.extend(address(p)),
            _ => {}
        }
    }
    Ok(e)
}

/// The value of parameter `key` of `p`.
fn param<'a>(p: &'a Property, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// An ORGANIZER or ATTENDEE with a `mailto:` address, as the cancellation
/// repeats it. Anything else (another URI scheme, a control character) is left out.
fn address(p: &Property) -> Option<Address> {
    let value = p.val.as_str().trim();
    let email = value
        .get(..7)
        .filter(|s| s.eq_ignore_ascii_case("mailto:"))
        .and_then(|_| value.get(7..))?;
    if email.is_empty() || email.chars().any(is_hostile) {
        return None;
    }
    let role = match param(p, "ROLE") {
        Some(r) if r.eq_ignore_ascii_case("CHAIR") => Role::Chair,
        _ => Role::Required,
    };
    Some(Address {
        name: param(p, "CN").map(str::to_string),
        email: email.to_string(),
        role,
        group: param(p, "CUTYPE").is_some_and(|c| c.eq_ignore_ascii_case("GROUP")),
    })
}

/// A UID as the old calendar gives it, unless it holds a character that
/// could drive a terminal or reorder text (RFC 5545 TEXT holds no controls).
fn uid(line: usize, value: &str) -> Result<String, String> {
    if value.chars().any(is_hostile) {
        return Err(format!(
            "line {line}: the UID `{}` holds a control or bidirectional formatting character; a UID is printable text (agendum writes `SESSION@domain`). Remove the event or fix its UID",
            shorten(value)
        ));
    }
    Ok(value.to_string())
}

/// Control characters (C0, DEL, C1) and the bidirectional embeddings,
/// overrides and isolates.
pub(crate) fn is_hostile(c: char) -> bool {
    crate::load::fields::is_hostile(c)
}

/// A SEQUENCE value: an integer from 0 to [`MAX_SEQUENCE`].
fn sequence(line: usize, value: &str) -> Result<u32, String> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|s| *s <= MAX_SEQUENCE)
        .ok_or_else(|| {
            format!(
                "line {line}: SEQUENCE `{}` is not a whole number from 0 to {MAX_SEQUENCE} (RFC 5545: a non-negative 32-bit integer); fix or remove the value",
                shorten(value)
            )
        })
}

/// `sequence + 1`, unless that passes [`MAX_SEQUENCE`].
fn raise(uid: &str, sequence: u32) -> Result<u32, String> {
    sequence
        .checked_add(1)
        .filter(|s| *s <= MAX_SEQUENCE)
        .ok_or_else(|| {
            format!(
                "the event `{}` has SEQUENCE {sequence}, the largest RFC 5545 allows, and its change needs a higher one; give the session a new id (a new UID) or cancel the event by hand",
                shorten(uid)
            )
        })
}

fn shorten(line: &str) -> String {
    let s: String = line.chars().take(60).collect();
    crate::diagnostic::sanitize_for_terminal(&s)
}

/// The instant of a DATE-TIME or DATE value: UTC (`Z`), zoned (`TZID=`, an
/// IANA name), floating (taken as UTC: only compared with itself).
fn instant(tzid: Option<&str>, value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if let Some(v) = value.strip_suffix(['Z', 'z']) {
        let t = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").ok()?;
        return Some(Utc.from_utc_datetime(&t));
    }
    let local = match NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S") {
        Ok(t) => t,
        Err(_) => NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()?
            .and_time(chrono::NaiveTime::MIN),
    };
    match tzid.map(|t| t.trim_start_matches('/')) {
        None => Some(Utc.from_utc_datetime(&local)),
        Some(name) => {
            let tz: Tz = name.parse().ok()?;
            // RFC 5545: a repeated time is the first occurrence; a skipped
            // one is read with the offset before the gap.
            match tz.from_local_datetime(&local) {
                chrono::LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
                chrono::LocalResult::Ambiguous(a, b) => {
                    Some(a.with_timezone(&Utc).min(b.with_timezone(&Utc)))
                }
                chrono::LocalResult::None => tz
                    .from_local_datetime(&(local - chrono::Duration::hours(1)))
                    .earliest()
                    .map(|t| t.with_timezone(&Utc) + chrono::Duration::hours(1)),
            }
        }
    }
}

/// What changed between the old calendar and the new one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Sessions not in the old calendar (or cancelled there and back now).
    pub new: Vec<String>,
    /// Sessions whose time or room changed.
    pub moved: Vec<String>,
    /// Sessions whose title alone changed.
    pub renamed: Vec<String>,
    /// Sessions of the old calendar that are gone.
    pub cancelled: Vec<String>,
    /// Sessions as they were.
    pub unchanged: usize,
}

impl Changes {
    /// The one-line summary printed after writing.
    pub fn summary(&self) -> String {
        format!(
            "{} new, {} moved, {} renamed, {} cancelled, {} unchanged",
            self.new.len(),
            self.moved.len(),
            self.renamed.len(),
            self.cancelled.len(),
            self.unchanged
        )
    }
}

/// Gives every event of `calendar` its SEQUENCE from the old calendar (kept
/// when nothing that matters changed, raised otherwise) and returns the
/// cancellations: old events whose session is gone, with a raised SEQUENCE
/// and STATUS:CANCELLED. Events cancelled already in the old calendar are
/// returned again unchanged, so a feed keeps telling subscribers.
///
/// # Errors
/// When an event that must be raised is at [`MAX_SEQUENCE`] already.
pub fn apply(calendar: &mut Calendar, old: &[OldEvent]) -> Result<(Changes, Vec<Event>), String> {
    let by_uid: BTreeMap<&str, &OldEvent> = old.iter().map(|e| (e.uid.as_str(), e)).collect();
    let mut changes = Changes::default();
    for e in &mut calendar.events {
        let Some(o) = by_uid.get(e.uid.as_str()) else {
            changes.new.push(e.uid.clone());
            continue;
        };
        let (start, end) = e.interval;
        let moved = o.start != Some(start) || o.end != Some(end) || o.location != e.location;
        let renamed = o.summary.as_deref() != Some(e.summary.as_str());
        if o.cancelled {
            e.sequence = raise(&e.uid, o.sequence)?;
            changes.new.push(e.uid.clone());
        } else if moved {
            e.sequence = raise(&e.uid, o.sequence)?;
            changes.moved.push(e.uid.clone());
        } else if renamed {
            e.sequence = raise(&e.uid, o.sequence)?;
            changes.renamed.push(e.uid.clone());
        } else {
            e.sequence = o.sequence;
            changes.unchanged += 1;
        }
    }
    let present: HashSet<&str> = calendar.events.iter().map(|e| e.uid.as_str()).collect();
    let mut cancellations = Vec::new();
    for o in old {
        if present.contains(o.uid.as_str()) {
            continue;
        }
        let (Some(start), Some(end)) = (o.start, o.end.or(o.start)) else {
            continue;
        };
        let sequence = if o.cancelled {
            o.sequence
        } else {
            changes.cancelled.push(o.uid.clone());
            raise(&o.uid, o.sequence)?
        };
        // In UTC when the zone is unknown or the wall-clock time repeats (the autumn fold).
        let when = |t: DateTime<Utc>| match o.zone {
            Some(tz) if !vtimezone::is_utc(tz) => {
                let local = t.with_timezone(&tz).naive_local();
                match tz.from_local_datetime(&local) {
                    chrono::LocalResult::Single(_) => When::Zoned(tz, local),
                    _ => When::Utc(t),
                }
            }
            _ => When::Utc(t),
        };
        cancellations.push(Event {
            uid: o.uid.clone(),
            sequence,
            summary: o.summary.clone().unwrap_or_default(),
            location: o.location.clone(),
            description: None,
            categories: Vec::new(),
            status: Status::Cancelled,
            start: when(start),
            end: when(end),
            interval: (start, end),
            url: None,
            organizer: o.organizer.clone(),
            attendees: o.attendees.clone(),
            missing: Vec::new(),
        });
    }
    Ok((changes, cancellations))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str) -> Vec<OldEvent> {
        parse(text).unwrap().events
    }

    #[test]
    fn reads_folded_lines_with_crlf_or_lf() {
        let text = "\u{feff}BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:a@x\r\nSEQUENCE:3\r\nSUMMARY:Long\r\n  title\\, with comma\r\nDTSTART;TZID=Europe/Berlin:20140408T080000\r\nDTEND:20140408T100000Z\r\nORGANIZER;CN=\"Ann, A\":mailto:ann@x\r\nATTENDEE;CUTYPE=GROUP;ROLE=REQ-PARTICIPANT:MAILTO:sec@x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        for t in [text.to_string(), text.replace("\r\n", "\n")] {
            let old = parse(&t).unwrap();
            assert_eq!(old.method(), Some(Method::Request));
            let ev = old.events;
            assert_eq!(ev.len(), 1);
            assert_eq!(ev[0].sequence, 3);
            assert_eq!(ev[0].summary.as_deref(), Some("Long title, with comma"));
            assert_eq!(
                ev[0].start.unwrap().to_rfc3339(),
                "2014-04-08T06:00:00+00:00"
            );
            assert_eq!(ev[0].end.unwrap().to_rfc3339(), "2014-04-08T10:00:00+00:00");
            let o = ev[0].organizer.as_ref().unwrap();
            assert_eq!(
                (o.name.as_deref(), o.email.as_str()),
                (Some("Ann, A"), "ann@x")
            );
            assert!(ev[0].attendees[0].group);
        }
    }

    #[test]
    fn several_objects_are_read_and_a_later_cancel_wins() {
        let text = "BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:a\nSEQUENCE:1\nEND:VEVENT\nEND:VCALENDAR\n\nBEGIN:VCALENDAR\nMETHOD:CANCEL\nBEGIN:VEVENT\nUID:a\nSEQUENCE:2\nSTATUS:CANCELLED\nEND:VEVENT\nEND:VCALENDAR\n";
        let old = parse(text).unwrap();
        assert_eq!(old.methods, [Some(Method::Request), Some(Method::Cancel)]);
        assert_eq!(old.events.len(), 1);
        assert!(old.events[0].cancelled);
        assert_eq!(old.events[0].sequence, 2);
    }

    #[test]
    fn alarms_do_not_leak_into_the_event() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nBEGIN:VALARM\nSUMMARY:alarm\nEND:VALARM\nSUMMARY:real\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(events(text)[0].summary.as_deref(), Some("real"));
        assert_eq!(parse(text).unwrap().method(), Some(Method::Publish));
    }

    #[test]
    fn rejects_what_is_not_a_calendar() {
        assert!(parse("hello").is_err());
        assert!(parse("").is_err());
        let e = parse("BEGIN:VCALENDAR\nno colon here\n").unwrap_err();
        assert!(
            e.starts_with("line 1: the calendar object has no END"),
            "{e}"
        );
        let e = parse("BEGIN:VCALENDAR\nEND:VCALENDAR\ntrailing words\n").unwrap_err();
        assert!(e.starts_with("line 3:"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused_before_the_parser_recurses() {
        let text = format!("BEGIN:VCALENDAR\n{}", "BEGIN:X\n".repeat(100_000));
        let e = parse(&text).unwrap_err();
        assert!(e.starts_with("line 9: components nest deeper"), "{e}");
    }

    #[test]
    fn sequences_outside_rfc_5545_are_refused_with_their_line() {
        let cal = |seq: &str| {
            format!(
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:a folded\n  line\nSEQUENCE:{seq}\nEND:VEVENT\nEND:VCALENDAR\n"
            )
        };
        assert_eq!(events(&cal("2147483647"))[0].sequence, MAX_SEQUENCE);
        for bad in ["2147483648", "4294967295", "-1", "x", ""] {
            let e = parse(&cal(bad)).unwrap_err();
            assert!(e.starts_with("line 6: SEQUENCE"), "{e}");
            assert!(e.contains("0 to 2147483647"), "{e}");
        }
        assert!(raise("a", MAX_SEQUENCE).is_err());
        assert_eq!(raise("a", 7), Ok(8));
    }

    #[test]
    fn hostile_uids_are_refused() {
        for uid in ["gone\u{1b}]0;pwned\u{7}@x", "a\u{9b}2J", "a\u{202e}b"] {
            let text =
                format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:{uid}\nEND:VEVENT\nEND:VCALENDAR\n");
            let e = parse(&text).unwrap_err();
            assert!(e.starts_with("line 3: the UID"), "{e}");
            assert!(!e.chars().any(is_hostile), "{e:?}");
        }
    }

    #[test]
    fn quoted_parameters_may_hold_colons() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nATTENDEE;CN=\"A: B\":mailto:a@b\nEND:VEVENT\nEND:VCALENDAR\n";
        let a = &events(text)[0].attendees[0];
        assert_eq!((a.name.as_deref(), a.email.as_str()), (Some("A: B"), "a@b"));
    }
}
