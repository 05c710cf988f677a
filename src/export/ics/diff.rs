//! `agendum ics --previous OLD.ics`: what changed since the calendar last sent.
//!
//! Clients replace an event when a new one with the same UID and a higher
//! SEQUENCE arrives, and drop it on a cancellation with the same UID. So the
//! old calendar is read back (only what the comparison needs: UID, SEQUENCE,
//! STATUS, DTSTART, DTEND, LOCATION, SUMMARY, and the ORGANIZER and ATTENDEE
//! lines a cancellation must repeat), every new event is compared with its
//! old self, and sessions that disappeared become cancellations.
//!
//! The reader accepts what other writers produce too: CRLF or LF line ends,
//! lines folded with a space or a tab, several VCALENDAR objects in one file,
//! TZID-zoned, UTC or floating times.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::export::ics::write::{Calendar, Event, Status, When};

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
    /// LOCATION, unescaped.
    pub location: Option<String>,
    /// SUMMARY, unescaped.
    pub summary: Option<String>,
    /// ORGANIZER and ATTENDEE content lines, unfolded.
    pub people: Vec<String>,
}

/// The largest SEQUENCE RFC 5545 allows: it is an INTEGER, a signed 32-bit
/// number, and a sequence number is never negative (3.8.7.4).
pub const MAX_SEQUENCE: u32 = 2_147_483_647;

/// Reads the VEVENTs of an iCalendar text. Later objects override earlier
/// ones with the same UID when their SEQUENCE is not lower (a CANCEL object
/// after a REQUEST in the same stream). Events without a UID are skipped.
///
/// A SEQUENCE that is not an integer from 0 to [`MAX_SEQUENCE`] is refused
/// (guessing 0 or wrapping would make clients ignore the update), and so is
/// a UID holding a control or bidirectional formatting character: it would
/// be copied into the cancellation and printed to the terminal.
pub fn parse(text: &str) -> Result<Vec<OldEvent>, String> {
    let lines = unfold(text);
    if !lines
        .first()
        .is_some_and(|(_, l)| l.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        return Err("not an iCalendar file: it does not start with BEGIN:VCALENDAR".into());
    }
    let mut events: Vec<OldEvent> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut current: Option<OldEvent> = None;
    // Depth inside the VEVENT: VALARMs nest in it and have their own properties.
    let mut nested = 0usize;
    for (n, line) in &lines {
        let n = *n;
        let Some((name, params, value)) = split(line) else {
            return Err(format!(
                "line {n} is not a content line: `{}`",
                shorten(line)
            ));
        };
        let upper = name.to_ascii_uppercase();
        match (upper.as_str(), current.as_mut()) {
            ("BEGIN", None) if value.eq_ignore_ascii_case("VEVENT") => {
                current = Some(OldEvent::default());
                nested = 0;
            }
            ("BEGIN", Some(_)) => nested += 1,
            ("END", Some(_)) if nested > 0 => nested -= 1,
            ("END", Some(_)) if value.eq_ignore_ascii_case("VEVENT") => {
                if let Some(e) = current.take().filter(|e| !e.uid.is_empty()) {
                    match index.get(&e.uid) {
                        Some(&i) if events[i].sequence > e.sequence => {}
                        Some(&i) => events[i] = e,
                        None => {
                            index.insert(e.uid.clone(), events.len());
                            events.push(e);
                        }
                    }
                }
            }
            (_, Some(e)) if nested == 0 => match upper.as_str() {
                "UID" => e.uid = uid(n, value)?,
                "SEQUENCE" => e.sequence = sequence(n, value)?,
                "STATUS" => e.cancelled = value.trim().eq_ignore_ascii_case("CANCELLED"),
                "DTSTART" => e.start = instant(params, value),
                "DTEND" => e.end = instant(params, value),
                "LOCATION" => e.location = Some(unescape(value)),
                "SUMMARY" => e.summary = Some(unescape(value)),
                "ORGANIZER" | "ATTENDEE" if !line.chars().any(char::is_control) => {
                    e.people.push(line.clone());
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(events)
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
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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

/// Joins folded lines: a line starting with a space or a tab continues the
/// previous one. Each unfolded line comes with the 1-based number of the
/// file line it starts on, for messages.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            if let Some((_, last)) = out.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        if !raw.is_empty() {
            out.push((i + 1, raw.to_string()));
        }
    }
    out
}

/// Splits `NAME;P=V;Q="x:y":value` into name, raw parameters and value,
/// honouring quoted parameter values.
fn split(line: &str) -> Option<(&str, &str, &str)> {
    let mut in_quotes = false;
    let mut name_end = None;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ';' if !in_quotes && name_end.is_none() => name_end = Some(i),
            ':' if !in_quotes => {
                let n = name_end.unwrap_or(i);
                let name = &line[..n];
                if name.is_empty() {
                    return None;
                }
                return Some((name, &line[n..i], &line[i + 1..]));
            }
            _ => {}
        }
    }
    None
}

/// The instant of a DATE-TIME or DATE value: UTC (`Z`), zoned (`TZID=`, an
/// IANA name), floating (taken as UTC: only compared with itself).
fn instant(params: &str, value: &str) -> Option<DateTime<Utc>> {
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
    let tzid = params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.eq_ignore_ascii_case("TZID")
            .then(|| v.trim_matches('"').trim_start_matches('/'))
    });
    match tzid {
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

/// Undoes TEXT escaping.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
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
        cancellations.push(Event {
            uid: o.uid.clone(),
            sequence,
            summary: o.summary.clone().unwrap_or_default(),
            location: o.location.clone(),
            description: None,
            categories: Vec::new(),
            status: Status::Cancelled,
            start: When::Utc(start),
            end: When::Utc(end),
            interval: (start, end),
            url: None,
            organizer: None,
            attendees: Vec::new(),
            raw_people: o.people.clone(),
        });
    }
    Ok((changes, cancellations))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_folded_lines_with_crlf_or_lf() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nSEQUENCE:3\r\nSUMMARY:Long\r\n  title\\, with comma\r\nDTSTART;TZID=Europe/Berlin:20140408T080000\r\nDTEND:20140408T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        for t in [text.to_string(), text.replace("\r\n", "\n")] {
            let ev = parse(&t).unwrap();
            assert_eq!(ev.len(), 1);
            assert_eq!(ev[0].sequence, 3);
            assert_eq!(ev[0].summary.as_deref(), Some("Long title, with comma"));
            assert_eq!(
                ev[0].start.unwrap().to_rfc3339(),
                "2014-04-08T06:00:00+00:00"
            );
            assert_eq!(ev[0].end.unwrap().to_rfc3339(), "2014-04-08T10:00:00+00:00");
        }
    }

    #[test]
    fn alarms_do_not_leak_into_the_event() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nBEGIN:VALARM\nSUMMARY:alarm\nEND:VALARM\nSUMMARY:real\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(parse(text).unwrap()[0].summary.as_deref(), Some("real"));
    }

    #[test]
    fn rejects_what_is_not_a_calendar() {
        assert!(parse("hello").is_err());
        assert!(parse("BEGIN:VCALENDAR\nno colon here\n").is_err());
    }

    #[test]
    fn sequences_outside_rfc_5545_are_refused_with_their_line() {
        let cal = |seq: &str| {
            format!(
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSEQUENCE:{seq}\nEND:VEVENT\nEND:VCALENDAR\n"
            )
        };
        assert_eq!(parse(&cal("2147483647")).unwrap()[0].sequence, MAX_SEQUENCE);
        for bad in ["2147483648", "4294967295", "-1", "x", ""] {
            let e = parse(&cal(bad)).unwrap_err();
            assert!(e.starts_with("line 4: SEQUENCE"), "{e}");
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
        assert_eq!(
            split("ATTENDEE;CN=\"A: B\":mailto:a@b"),
            Some(("ATTENDEE", ";CN=\"A: B\"", "mailto:a@b"))
        );
    }
}
