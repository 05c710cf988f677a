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
    ///
    /// Abbreviations (`JST`, `CEST`, `PDT`) and fixed offsets (`GMT+9`,
    /// `UTC+09:00`, `+0900`) are not zones: the error names the zone people
    /// mean by them and says why (see [`zone_meant`]).
    pub fn parse(text: &str) -> Result<Self, String> {
        text.parse::<Tz>().map(Zone).map_err(|_| {
            if let Some(meant) = zone_meant(text) {
                return format!("unknown time zone `{text}`: {meant}");
            }
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

/// Time-zone abbreviations as delegates write them, with the zone meant
/// and what the abbreviation stands for. An abbreviation names one season
/// of a zone (`CEST` is summer in Berlin and Paris), so a meeting file
/// names the zone, whose clocks change on the right days.
const ABBREVIATIONS: &[(&str, &str, &str)] = &[
    ("JST", "Asia/Tokyo", "Japan Standard Time, UTC+09:00"),
    ("KST", "Asia/Seoul", "Korea Standard Time, UTC+09:00"),
    (
        "CST",
        "America/Chicago",
        "US Central Standard Time, UTC-06:00 (China Standard Time is Asia/Shanghai)",
    ),
    (
        "CDT",
        "America/Chicago",
        "US Central Daylight Time, UTC-05:00",
    ),
    (
        "CEST",
        "Europe/Berlin",
        "Central European Summer Time, UTC+02:00 (also Europe/Paris, Europe/Madrid ...)",
    ),
    (
        "EEST",
        "Europe/Helsinki",
        "Eastern European Summer Time, UTC+03:00",
    ),
    (
        "WEST",
        "Europe/Lisbon",
        "Western European Summer Time, UTC+01:00",
    ),
    ("BST", "Europe/London", "British Summer Time, UTC+01:00"),
    (
        "IST",
        "Asia/Kolkata",
        "India Standard Time, UTC+05:30 (Irish Standard Time is Europe/Dublin, Israel Standard Time Asia/Jerusalem)",
    ),
    ("IDT", "Asia/Jerusalem", "Israel Daylight Time, UTC+03:00"),
    (
        "EDT",
        "America/New_York",
        "US Eastern Daylight Time, UTC-04:00",
    ),
    (
        "PST",
        "America/Los_Angeles",
        "US Pacific Standard Time, UTC-08:00",
    ),
    (
        "PDT",
        "America/Los_Angeles",
        "US Pacific Daylight Time, UTC-07:00",
    ),
    (
        "MDT",
        "America/Denver",
        "US Mountain Daylight Time, UTC-06:00",
    ),
    (
        "AKST",
        "America/Anchorage",
        "Alaska Standard Time, UTC-09:00",
    ),
    (
        "AKDT",
        "America/Anchorage",
        "Alaska Daylight Time, UTC-08:00",
    ),
    (
        "AEST",
        "Australia/Sydney",
        "Australian Eastern Standard Time, UTC+10:00 (Queensland, without summer time, is Australia/Brisbane)",
    ),
    (
        "AEDT",
        "Australia/Sydney",
        "Australian Eastern Daylight Time, UTC+11:00",
    ),
    (
        "ACST",
        "Australia/Adelaide",
        "Australian Central Standard Time, UTC+09:30",
    ),
    (
        "AWST",
        "Australia/Perth",
        "Australian Western Standard Time, UTC+08:00",
    ),
    (
        "NZST",
        "Pacific/Auckland",
        "New Zealand Standard Time, UTC+12:00",
    ),
    (
        "NZDT",
        "Pacific/Auckland",
        "New Zealand Daylight Time, UTC+13:00",
    ),
    ("HKT", "Asia/Hong_Kong", "Hong Kong Time, UTC+08:00"),
    ("SGT", "Asia/Singapore", "Singapore Time, UTC+08:00"),
    ("ICT", "Asia/Bangkok", "Indochina Time, UTC+07:00"),
    ("WIB", "Asia/Jakarta", "Western Indonesia Time, UTC+07:00"),
    ("PHT", "Asia/Manila", "Philippine Time, UTC+08:00"),
    ("GST", "Asia/Dubai", "Gulf Standard Time, UTC+04:00"),
    ("MSK", "Europe/Moscow", "Moscow Time, UTC+03:00"),
    (
        "SAST",
        "Africa/Johannesburg",
        "South Africa Standard Time, UTC+02:00",
    ),
    ("BRT", "America/Sao_Paulo", "Brasilia Time, UTC-03:00"),
    (
        "ART",
        "America/Argentina/Buenos_Aires",
        "Argentina Time, UTC-03:00",
    ),
];

/// The zone people usually mean by a fixed offset from UTC, in minutes
/// east: where standards meetings are held or delegates live.
const OFFSETS: &[(i32, &str)] = &[
    (-600, "Pacific/Honolulu"),
    (-540, "America/Anchorage"),
    (-480, "America/Los_Angeles"),
    (-420, "America/Denver"),
    (-360, "America/Chicago"),
    (-300, "America/New_York"),
    (-180, "America/Sao_Paulo"),
    (0, "Europe/London"),
    (60, "Europe/Berlin"),
    (120, "Europe/Helsinki"),
    (180, "Europe/Moscow"),
    (240, "Asia/Dubai"),
    (300, "Asia/Karachi"),
    (330, "Asia/Kolkata"),
    (345, "Asia/Kathmandu"),
    (360, "Asia/Dhaka"),
    (420, "Asia/Bangkok"),
    (480, "Asia/Shanghai"),
    (540, "Asia/Tokyo"),
    (570, "Australia/Adelaide"),
    (600, "Australia/Sydney"),
    (720, "Pacific/Auckland"),
];

/// What someone who wrote `text` for a zone most likely meant, when it is
/// an abbreviation or a fixed offset rather than a zone name: "did you
/// mean `Asia/Tokyo`?" and why.
pub fn zone_meant(text: &str) -> Option<String> {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    if let Some((_, zone, what)) = ABBREVIATIONS.iter().find(|(a, _, _)| *a == upper) {
        return Some(format!(
            "did you mean `{zone}`? `{t}` is an abbreviation ({what}), not a zone name: agendum reads IANA zone names, whose clocks change on the right days"
        ));
    }
    let minutes = fixed_offset(t)?;
    let written = offset_text(minutes);
    let fixed = if minutes % 60 == 0 && (-720..=840).contains(&minutes) {
        // POSIX counts west as positive: Etc/GMT-9 is UTC+09:00.
        let hours = -minutes / 60;
        let name = match hours {
            0 => "Etc/UTC".to_string(),
            h => format!("Etc/GMT{h:+}"),
        };
        format!(
            "; for a clock that never changes, write `{name}` (POSIX inverts the sign: it is UTC{written})"
        )
    } else {
        String::new()
    };
    Some(match OFFSETS.iter().find(|(m, _)| *m == minutes) {
        Some((_, zone)) => format!(
            "did you mean `{zone}`? `{t}` is a fixed offset (UTC{written}), not a zone name; {zone} keeps UTC{written} as its standard time. Write the venue's IANA zone so that summer time is right{fixed}"
        ),
        None => format!(
            "`{t}` is a fixed offset (UTC{written}), not a zone name: write the venue's IANA zone, e.g. \"Asia/Tokyo\"{fixed}"
        ),
    })
}

/// Minutes east of UTC of `GMT+9`, `UTC+09:00`, `UTC-5:30`, `+0900`,
/// `-05:00`; `None` for anything else or an offset beyond 14 hours.
fn fixed_offset(text: &str) -> Option<i32> {
    let upper = text.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper)
        .trim();
    let (sign, digits) = match rest.chars().next()? {
        '+' => (1, &rest[1..]),
        '-' | '\u{2212}' => (-1, &rest[rest.chars().next()?.len_utf8()..]),
        _ => return None,
    };
    let digits = digits.trim();
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m >= 60 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let a = minutes.abs();
    format!("{sign}{:02}:{:02}", a / 60, a % 60)
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
    fn abbreviations_and_offsets_name_the_zone_meant() {
        for text in ["GMT+9", "JST", "jst", "UTC+09:00", "+0900", "UTC+9"] {
            let e = Zone::parse(text).unwrap_err();
            assert!(e.contains("did you mean `Asia/Tokyo`?"), "{text}: {e}");
        }
        // POSIX's sign: the fixed zone for UTC+09:00 is Etc/GMT-9.
        assert!(Zone::parse("GMT+9").unwrap_err().contains("`Etc/GMT-9`"));
        assert!(
            Zone::parse("UTC-5")
                .unwrap_err()
                .contains("`America/New_York`")
        );
        assert!(
            Zone::parse("UTC-05:00")
                .unwrap_err()
                .contains("`Etc/GMT+5`")
        );
        assert!(
            Zone::parse("UTC+5:30")
                .unwrap_err()
                .contains("`Asia/Kolkata`")
        );
        assert!(Zone::parse("CEST").unwrap_err().contains("`Europe/Berlin`"));
        assert!(
            Zone::parse("PDT")
                .unwrap_err()
                .contains("`America/Los_Angeles`")
        );
        assert!(Zone::parse("IST").unwrap_err().contains("Europe/Dublin"));
        // An offset no table knows still says what it is.
        let e = Zone::parse("UTC+13:45").unwrap_err();
        assert!(e.contains("fixed offset (UTC+13:45)"), "{e}");
        assert_eq!(fixed_offset("GMT+15"), None);
        assert_eq!(fixed_offset("Europe"), None);
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
