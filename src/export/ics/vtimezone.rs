//! VTIMEZONE components generated from the IANA time-zone database.
//!
//! RFC 5545 wants a VTIMEZONE for every TZID a calendar uses, and clients
//! disagree on what to do without one (some guess from the name, some take
//! the times as floating, some as UTC). chrono-tz knows every offset change
//! but exposes no list of them, so [`observances`] finds them by probing the
//! offset every few hours across the years the calendar spans and bisecting
//! each change to the second. Each change becomes one STANDARD or DAYLIGHT
//! sub-component with an explicit DTSTART (no RRULE): exact for the years
//! covered, and nothing for a client to extrapolate wrongly, including
//! zones whose rules changed within the span.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// One STANDARD or DAYLIGHT sub-component: from `start` (wall-clock time in
/// the offset before it) the zone is at `offset_to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    /// DAYLIGHT (a daylight-saving offset is in force) or STANDARD.
    pub daylight: bool,
    /// DTSTART: the local time at which it begins, read on the clock before the change.
    pub start: NaiveDateTime,
    /// TZOFFSETFROM, seconds east of UTC.
    pub offset_from: i32,
    /// TZOFFSETTO, seconds east of UTC.
    pub offset_to: i32,
    /// TZNAME, e.g. `CEST`.
    pub name: String,
}

/// What the zone's clock says at one instant; a change in any part is a transition.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    offset: i32,
    dst: bool,
    name: Option<String>,
}

fn state(tz: Tz, at: DateTime<Utc>) -> State {
    let off = tz.offset_from_utc_datetime(&at.naive_utc());
    State {
        offset: off.fix().local_minus_utc(),
        dst: !off.dst_offset().is_zero(),
        name: off.abbreviation().map(str::to_string),
    }
}

/// How far apart probes are: shorter than any two offset changes of the
/// database since 1970 are apart.
const PROBE: i64 = 6 * 3600;

/// The zone's observances from the start of `first_year` to the end of
/// `last_year` (UTC, with a day of margin on each side so the local days at
/// both ends are covered in every zone): one for the offset in force at the
/// start, then one per change.
pub fn observances(tz: Tz, first_year: i32, last_year: i32) -> Vec<Observance> {
    let from = year_start(first_year) - Duration::days(1);
    let to = year_start(last_year.saturating_add(1)) + Duration::days(1);
    let mut at = from;
    let mut current = state(tz, at);
    let mut out = vec![Observance {
        daylight: current.dst,
        start: local(at, current.offset),
        offset_from: current.offset,
        offset_to: current.offset,
        name: name(&current),
    }];
    while at < to {
        let next = at + Duration::seconds(PROBE);
        let s = state(tz, next);
        if s != current {
            // The change lies in (at, next]: bisect to the second.
            let (mut lo, mut hi) = (at.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let m = DateTime::from_timestamp(mid, 0).unwrap_or(next);
                if state(tz, m) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let change = DateTime::from_timestamp(hi, 0).unwrap_or(next);
            let after = state(tz, change);
            out.push(Observance {
                daylight: after.dst,
                start: local(change, current.offset),
                offset_from: current.offset,
                offset_to: after.offset,
                name: name(&after),
            });
            current = after;
            // Another change may follow within the same probe window.
            at = change;
            continue;
        }
        at = next;
    }
    out
}

fn year_start(year: i32) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    Utc.from_utc_datetime(&day.and_time(chrono::NaiveTime::MIN))
}

fn local(at: DateTime<Utc>, offset: i32) -> NaiveDateTime {
    at.naive_utc() + Duration::seconds(i64::from(offset))
}

/// The abbreviation, or the numeric offset where the database has none.
fn name(s: &State) -> String {
    s.name.clone().unwrap_or_else(|| offset_text(s.offset))
}

/// An offset as iCalendar writes it: `+0100`, `-0330`, `+051736` when it has seconds.
pub fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// Whether times in this zone are written in UTC (`...Z`) rather than with
/// a TZID: the zone names that mean UTC (or GMT, which never differs from it).
pub fn is_utc(tz: Tz) -> bool {
    matches!(
        tz,
        Tz::UTC
            | Tz::Etc__UTC
            | Tz::Etc__UCT
            | Tz::UCT
            | Tz::Universal
            | Tz::Etc__Universal
            | Tz::Zulu
            | Tz::Etc__Zulu
            | Tz::GMT
            | Tz::Etc__GMT
            | Tz::GMT0
            | Tz::Etc__GMT0
            | Tz::GMTPlus0
            | Tz::Etc__GMTPlus0
            | Tz::GMTMinus0
            | Tz::Etc__GMTMinus0
            | Tz::Greenwich
            | Tz::Etc__Greenwich
    )
}

/// The calendar years (UTC) an instant range touches, for [`observances`].
pub fn years(start: DateTime<Utc>, end: DateTime<Utc>) -> (i32, i32) {
    (start.year(), end.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(obs: &[Observance], i: usize) -> (&str, String, String, String) {
        let o = &obs[i];
        (
            o.name.as_str(),
            o.start.format("%Y%m%dT%H%M%S").to_string(),
            offset_text(o.offset_from),
            offset_text(o.offset_to),
        )
    }

    #[test]
    fn berlin_changes_at_two_and_three_local() {
        let obs = observances(chrono_tz::Europe::Berlin, 2014, 2014);
        assert_eq!(obs.len(), 3);
        assert_eq!(at(&obs, 0).0, "CET");
        assert_eq!(
            at(&obs, 1),
            (
                "CEST",
                "20140330T020000".into(),
                "+0100".into(),
                "+0200".into()
            )
        );
        assert_eq!(
            at(&obs, 2),
            (
                "CET",
                "20141026T030000".into(),
                "+0200".into(),
                "+0100".into()
            )
        );
        assert!(obs[1].daylight && !obs[2].daylight);
    }

    #[test]
    fn toronto_and_sydney() {
        let obs = observances(chrono_tz::America::Toronto, 2016, 2016);
        assert_eq!(
            at(&obs, 1),
            (
                "EDT",
                "20160313T020000".into(),
                "-0500".into(),
                "-0400".into()
            )
        );
        assert_eq!(
            at(&obs, 2),
            (
                "EST",
                "20161106T020000".into(),
                "-0400".into(),
                "-0500".into()
            )
        );
        let obs = observances(chrono_tz::Australia::Sydney, 2016, 2016);
        assert_eq!(at(&obs, 0).0, "AEDT");
        assert_eq!(
            at(&obs, 1),
            (
                "AEST",
                "20160403T030000".into(),
                "+1100".into(),
                "+1000".into()
            )
        );
        assert_eq!(
            at(&obs, 2),
            (
                "AEDT",
                "20161002T020000".into(),
                "+1000".into(),
                "+1100".into()
            )
        );
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let obs = observances(chrono_tz::Asia::Kolkata, 2016, 2017);
        assert_eq!(obs.len(), 1);
        assert_eq!(
            (obs[0].name.as_str(), offset_text(obs[0].offset_to)),
            ("IST", "+0530".into())
        );
    }

    #[test]
    fn offsets_with_seconds_keep_them() {
        assert_eq!(offset_text(-(3 * 3600 + 30 * 60)), "-0330");
        assert_eq!(offset_text(5 * 3600 + 17 * 60 + 36), "+051736");
    }

    #[test]
    fn every_probe_agrees_with_the_database() {
        // Brute-force twin: the observance in force at any instant of the span
        // gives the database's offset.
        for tz in [
            chrono_tz::Europe::Berlin,
            chrono_tz::America::Sao_Paulo,
            chrono_tz::Africa::Casablanca,
        ] {
            let obs = observances(tz, 2018, 2019);
            let mut t = year_start(2018);
            while t < year_start(2020) {
                let offset = state(tz, t).offset;
                let wall = t.naive_utc();
                let found = obs
                    .iter()
                    .rev()
                    .find(|o| o.start - Duration::seconds(i64::from(o.offset_from)) <= wall)
                    .map(|o| o.offset_to);
                assert_eq!(found, Some(offset), "{tz} at {t}");
                t += Duration::minutes(97);
            }
        }
    }
}

/// The VTIMEZONE of `tz` for events between `lo` and `hi`, as CRLF-ended lines.
pub fn component(tz: Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> String {
    let (first, last) = years(lo, hi);
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    for o in observances(tz, first, last) {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        out.push_str(&format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nTZNAME:{}\r\nEND:{kind}\r\n",
            o.start.format("%Y%m%dT%H%M%S"),
            offset_text(o.offset_from),
            offset_text(o.offset_to),
            o.name
        ));
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}
