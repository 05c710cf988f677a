//! From civil time (day, clock time, zone) to instants, with daylight-saving
//! gaps and folds decided explicitly.
//!
//! Policy (documented in docs/format.md):
//! - a clock time that does not exist (the spring-forward gap, e.g. 02:30 on
//!   the last Sunday of March in Europe/Berlin) is refused: a chair must pick
//!   a real time, and guessing would put people in the room an hour apart;
//! - a clock time that occurs twice (the autumn fold) is resolved to the first
//!   occurrence, as RFC 5545 specifies for DTSTART, and reported as a warning.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::model::clock::Clock;

/// The outcome of placing a clock time on a day in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// The time exists once.
    Exact(DateTime<Utc>),
    /// The time occurs twice; the first occurrence was taken.
    Ambiguous {
        /// The first occurrence (used).
        first: DateTime<Utc>,
        /// The second occurrence.
        second: DateTime<Utc>,
    },
    /// The time does not exist: clocks jump over it.
    Gap {
        /// Last valid instant before the gap, as the wall clock read just before it.
        jumps_from: NaiveDateTime,
        /// What the wall clock reads just after the gap.
        jumps_to: NaiveDateTime,
    },
}

impl Placed {
    /// The instant used, unless the time does not exist.
    pub fn instant(self) -> Option<DateTime<Utc>> {
        match self {
            Placed::Exact(t) | Placed::Ambiguous { first: t, .. } => Some(t),
            Placed::Gap { .. } => None,
        }
    }
}

/// Places `time` on `day` in `zone`.
pub fn place(zone: Tz, day: NaiveDate, time: Clock) -> Placed {
    let local = day.and_time(time.0);
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Placed::Exact(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            Placed::Ambiguous {
                first: a.min(b),
                second: a.max(b),
            }
        }
        LocalResult::None => {
            // Walk back minute by minute to the last valid wall time; gaps are
            // at most a few hours, so this ends quickly.
            let mut before = local;
            for _ in 0..(26 * 60) {
                before -= chrono::Duration::minutes(1);
                if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                    zone.from_local_datetime(&before)
                {
                    let after_utc = t.with_timezone(&Utc) + chrono::Duration::minutes(1);
                    let after = after_utc.with_timezone(&zone).naive_local();
                    return Placed::Gap {
                        jumps_from: before + chrono::Duration::minutes(1),
                        jumps_to: after,
                    };
                }
            }
            Placed::Gap {
                jumps_from: local,
                jumps_to: local,
            }
        }
    }
}

/// UTC offset of `zone` at `instant`, as `+02:00`.
pub fn offset_text(zone: Tz, instant: DateTime<Utc>) -> String {
    let secs = instant
        .with_timezone(&zone)
        .offset()
        .fix()
        .local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("{sign}{:02}:{:02}", secs / 3600, (secs % 3600) / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spring_forward_gap_is_found() {
        let p = place(
            chrono_tz::Europe::Berlin,
            d(2014, 3, 30),
            Clock::parse("02:30").unwrap(),
        );
        match p {
            Placed::Gap {
                jumps_from,
                jumps_to,
            } => {
                assert_eq!(jumps_from.to_string(), "2014-03-30 02:00:00");
                assert_eq!(jumps_to.to_string(), "2014-03-30 03:00:00");
            }
            other => panic!("expected a gap, got {other:?}"),
        }
    }

    #[test]
    fn autumn_fold_takes_the_first_occurrence() {
        let p = place(
            chrono_tz::Europe::Berlin,
            d(2014, 10, 26),
            Clock::parse("02:30").unwrap(),
        );
        let Placed::Ambiguous { first, second } = p else {
            panic!("{p:?}")
        };
        assert_eq!(first.to_rfc3339(), "2014-10-26T00:30:00+00:00");
        assert_eq!(second.to_rfc3339(), "2014-10-26T01:30:00+00:00");
    }

    #[test]
    fn half_hour_zones() {
        let p = place(
            chrono_tz::Asia::Kolkata,
            d(2016, 7, 18),
            Clock::parse("09:00").unwrap(),
        );
        assert_eq!(
            p.instant().unwrap().to_rfc3339(),
            "2016-07-18T03:30:00+00:00"
        );
        assert_eq!(
            offset_text(chrono_tz::Asia::Kolkata, p.instant().unwrap()),
            "+05:30"
        );
    }
}
