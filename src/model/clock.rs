//! Calendar dates, clock times and time zones as written in meeting files.
//!
//! A meeting file speaks in civil time: a day, a clock time and an IANA zone.
//! These types parse and validate that text; turning civil time into an
//! instant (and deciding what to do about daylight-saving gaps and folds)
//! happens in [`crate::model::zoned`], which knows the rules.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use chrono_tz::Tz;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::diagnostic::did_you_mean;

/// A calendar date, written as a TOML date (`2014-04-07`) or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Default for Date {
    fn default() -> Self {
        Date(NaiveDate::MIN)
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let ok_shape = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !ok_shape {
            return Err(format!(
                "`{t}` is not a date: write it as YYYY-MM-DD, e.g. 2014-04-07"
            ));
        }
        let (y, m, d) = (
            parts[0].parse::<i32>().unwrap_or(0),
            parts[1].parse::<u32>().unwrap_or(0),
            parts[2].parse::<u32>().unwrap_or(0),
        );
        Self::from_ymd(y, m, d)
    }

    fn from_ymd(y: i32, m: u32, d: u32) -> Result<Self, String> {
        if !(1..=12).contains(&m) {
            return Err(format!(
                "{y:04}-{m:02}-{d:02} is not a date: month {m} is not between 01 and 12"
            ));
        }
        NaiveDate::from_ymd_opt(y, m, d).map(Date).ok_or_else(|| {
            let last = (28..=31)
                .rev()
                .find(|&x| NaiveDate::from_ymd_opt(y, m, x).is_some())
                .unwrap_or(28);
            format!("{y:04}-{m:02}-{d:02} is not a date: that month has {last} days")
        })
    }

    /// English weekday name ("Monday").
    pub fn weekday_name(self) -> &'static str {
        weekday_name(self.0.weekday())
    }
}

/// English name of a weekday.
pub fn weekday_name(w: chrono::Weekday) -> &'static str {
    match w {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2014-04-07")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse(s).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time, dt.offset) {
                    (Some(date), None, None) => Date::from_ymd(
                        i32::from(date.year),
                        u32::from(date.month),
                        u32::from(date.day),
                    )
                    .map_err(de::Error::custom),
                    _ => Err(de::Error::custom(format!(
                        "`{dt}` is not a plain date: write only the day, e.g. 2014-04-07 (times go in `time`)"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD (a TOML local date)."
        })
    }
}

/// A time of day, minute precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Clock(pub NaiveTime);

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

impl Clock {
    /// Parses `H:MM` or `HH:MM` (also `HH.MM`, as minutes often write calls).
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let Some((h, m)) = t.split_once([':', '.']) else {
            return Err(format!("`{t}` is not a time: write HH:MM, e.g. 15:45"));
        };
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) || m.len() != 2 || !digits(m) {
            return Err(format!("`{t}` is not a time: write HH:MM, e.g. 15:45"));
        }
        let hour: u32 = h.parse().unwrap_or(99);
        let minute: u32 = m.parse().unwrap_or(99);
        if hour > 23 {
            return Err(format!(
                "`{t}` is not a time: hour {hour} is not between 00 and 23"
            ));
        }
        if minute > 59 {
            return Err(format!(
                "`{t}` is not a time: minute {minute} is not between 00 and 59"
            ));
        }
        NaiveTime::from_hms_opt(hour, minute, 0)
            .map(Clock)
            .ok_or_else(|| format!("`{t}` is not a time"))
    }
}

/// A start and end clock time on one day, written `"15:45-17:00"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TimeRange {
    /// Start of the range.
    pub start: Clock,
    /// End of the range, after `start` on the same day.
    pub end: Clock,
}

impl TimeRange {
    /// Parses `"HH:MM-HH:MM"`; an en dash and spaces around the dash are accepted.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let Some((a, b)) = t.split_once(['-', '\u{2013}', '\u{2014}']) else {
            return Err(format!(
                "`{t}` is not a time range: write start and end as HH:MM-HH:MM, e.g. \"15:45-17:00\""
            ));
        };
        let start = Clock::parse(a)?;
        let end = Clock::parse(b)?;
        if end <= start {
            return Err(format!(
                "`{t}`: the end {end} is not after the start {start}; a session ends on the day it starts, after it starts"
            ));
        }
        Ok(Self { start, end })
    }

    /// Length in minutes.
    pub fn minutes(&self) -> i64 {
        (self.end.0 - self.start.0).num_minutes()
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TimeRange::parse(&s).map_err(de::Error::custom)
    }
}

impl schemars::JsonSchema for TimeRange {
    fn schema_name() -> Cow<'static, str> {
        "TimeRange".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\s*[0-9]{1,2}[:.][0-9]{2}\\s*[-\u{2013}]\\s*[0-9]{1,2}[:.][0-9]{2}\\s*$",
            "description": "Start and end clock times, HH:MM-HH:MM, e.g. \"15:45-17:00\"."
        })
    }
}

/// An IANA time zone such as `Europe/Berlin` or `UTC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(pub Tz);

impl Default for Zone {
    fn default() -> Self {
        Zone(Tz::UTC)
    }
}

impl Zone {
    /// Parses an IANA zone name, suggesting the nearest name on a typo.
    pub fn parse(text: &str) -> Result<Self, String> {
        text.parse::<Tz>().map(Zone).map_err(|_| {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
            match did_you_mean(text, names) {
                Some(s) => format!("unknown time zone `{text}`: did you mean `{s}`?"),
                None => format!("unknown time zone `{text}`"),
            }
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Zone::parse(&s).map_err(de::Error::custom)
    }
}

impl schemars::JsonSchema for Zone {
    fn schema_name() -> Cow<'static, str> {
        "Zone".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An IANA time-zone name, e.g. \"Europe/Berlin\" or \"UTC\"."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(
            Date::parse("2014-02-30").unwrap_err(),
            "2014-02-30 is not a date: that month has 28 days"
        );
        assert!(Date::parse("2016-02-29").is_ok());
        assert!(Date::parse("2014-13-01").unwrap_err().contains("month 13"));
        assert!(Date::parse("7 April").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn time_ranges_accept_the_seed_spellings() {
        let r = TimeRange::parse("8:00 – 12:00").unwrap();
        assert_eq!(r.to_string(), "08:00-12:00");
        assert_eq!(r.minutes(), 240);
        assert_eq!(
            TimeRange::parse("13.30-15.00").unwrap().to_string(),
            "13:30-15:00"
        );
    }

    #[test]
    fn bad_times_say_what_is_wrong() {
        assert!(
            TimeRange::parse("25:00-26:00")
                .unwrap_err()
                .contains("hour 25")
        );
        assert!(
            TimeRange::parse("10:75-11:00")
                .unwrap_err()
                .contains("minute 75")
        );
        assert!(
            TimeRange::parse("17:00-15:45")
                .unwrap_err()
                .contains("not after the start")
        );
        assert!(
            TimeRange::parse("17:00-17:00")
                .unwrap_err()
                .contains("not after the start")
        );
        assert!(
            TimeRange::parse("1700")
                .unwrap_err()
                .contains("HH:MM-HH:MM")
        );
    }

    #[test]
    fn zones_suggest_near_names() {
        assert!(Zone::parse("Europe/Berlin").is_ok());
        assert_eq!(
            Zone::parse("Europe/Berlinn").unwrap_err(),
            "unknown time zone `Europe/Berlinn`: did you mean `Europe/Berlin`?"
        );
    }
}
