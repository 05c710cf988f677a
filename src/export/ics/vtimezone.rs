//! VTIMEZONE components generated from the IANA time-zone database, in the
//! shape mainstream clients write them.
//!
//! RFC 5545 wants a VTIMEZONE for every TZID a calendar uses, and clients
//! disagree on what to do without one (some guess from the name, some take
//! the times as floating, some as UTC). Outlook reduces a VTIMEZONE to one
//! yearly rule built from each sub-component's DTSTART and RRULE
//! (MS-STANOICAL 2.2.47), so a list of one-off transitions without RRULE is
//! misread there. [`component`] therefore writes what Outlook, Apple and
//! Google write:
//!
//! - a zone with daylight saving time in force over the calendar: one
//!   STANDARD and one DAYLIGHT, each with an `RRULE:FREQ=YEARLY;BYMONTH=..;
//!   BYDAY=..` read off the zone's actual transitions, and a DTSTART at the
//!   rule's transition in the year before the calendar starts (or at the
//!   rule's first transition, if it began later);
//! - a zone with one offset over the calendar: one STANDARD from
//!   1970-01-01 00:00 (as Outlook and Google write it) with TZOFFSETFROM
//!   equal to TZOFFSETTO and no RRULE;
//! - only where the zone's rule changed within the calendar (daylight saving
//!   abolished, other dates): the rules of both sides, a rule cut with UNTIL
//!   where its next onset would fall within the calendar, and a one-off
//!   observance (explicit DTSTART, no RRULE) for every transition that
//!   follows no yearly weekday rule.
//!
//! chrono-tz knows every offset change but exposes no list of them, so the
//! transitions are found by probing the offset every few hours across the
//! calendar's years, one on each side, and bisecting each change to the
//! second. Correctness of the instants comes first: before the rules are
//! written they are evaluated at every change within the calendar, theirs
//! and the database's, and if they disagree anywhere the component falls
//! back to one explicit observance per transition.

use std::fmt::Write as _;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

/// The complete VTIMEZONE of `tz` for a calendar whose events lie between
/// `lo` and `hi` (the order does not matter): `BEGIN:VTIMEZONE` to
/// `END:VTIMEZONE`, CRLF line ends, no line over 75 octets.
///
/// Called once per zone; its cost grows with the years the calendar spans,
/// not with its events.
///
/// For Europe/Berlin in 2016 that is a DAYLIGHT from `DTSTART:20150329T020000`
/// with `RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` and a STANDARD from
/// `DTSTART:20151025T030000` with `RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU`
/// (the tests hold whole components).
pub fn component(tz: Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> String {
    // A pure function of its arguments, asked again for every invitation
    // of a week (each is written on its own, with the week's span): the
    // last few answers are kept.
    type Key = (Tz, i64, i64);
    static MEMO: std::sync::Mutex<Vec<(Key, String)>> = std::sync::Mutex::new(Vec::new());
    const KEPT: usize = 16;
    let key = (tz, lo.timestamp(), hi.timestamp());
    if let Ok(memo) = MEMO.lock() {
        if let Some((_, text)) = memo.iter().find(|(k, _)| *k == key) {
            return text.clone();
        }
    }
    let text = compute(tz, lo, hi);
    if let Ok(mut memo) = MEMO.lock() {
        if memo.len() >= KEPT {
            memo.remove(0);
        }
        memo.push((key, text.clone()));
    }
    text
}

fn compute(tz: Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> String {
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    let span = Span::probe(tz, lo, hi);
    let ruled = rules(&span);
    let observances = if agrees(&span, &ruled) {
        ruled
    } else {
        explicit(&span)
    };
    render(tz, &observances)
}

/// One STANDARD or DAYLIGHT sub-component.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    /// DAYLIGHT (a daylight-saving offset is in force) or STANDARD.
    daylight: bool,
    /// DTSTART: the local time of the first onset, read on the clock before it.
    start: NaiveDateTime,
    /// TZOFFSETFROM, seconds east of UTC.
    offset_from: i32,
    /// TZOFFSETTO, seconds east of UTC.
    offset_to: i32,
    /// TZNAME, e.g. `CEST` or `+0530`.
    name: String,
    /// The RRULE, if the onset recurs.
    rule: Option<Yearly>,
}

/// `FREQ=YEARLY;BYMONTH=month;BYDAY=<week><weekday>[;UNTIL=until]`, at the
/// DTSTART's time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Yearly {
    month: u32,
    /// 1 to 4, or -1 for the last one of the month.
    week: i8,
    weekday: Weekday,
    /// The last onset, if the rule stops within the calendar.
    until: Option<DateTime<Utc>>,
}

/// One change of the zone's clock, at the instant `at`.
#[derive(Debug, Clone, Copy)]
struct Transition {
    at: DateTime<Utc>,
    before: TzOffset,
    after: TzOffset,
}

impl Transition {
    /// The wall-clock time of the change, read on the clock before it (as DTSTART is).
    fn wall(&self) -> NaiveDateTime {
        local(self.at, seconds(self.before))
    }
}

/// The calendar's instants and the zone's transitions around them.
struct Span {
    tz: Tz,
    lo: DateTime<Utc>,
    hi: DateTime<Utc>,
    /// Every transition from a day before the year before `lo`'s to a day
    /// after the year after `hi`'s, in order.
    transitions: Vec<Transition>,
}

impl Span {
    fn probe(tz: Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> Self {
        let (first, last) = years(lo, hi);
        let from = year_start(first.saturating_sub(1)) - Duration::days(1);
        let to = year_start(last.saturating_add(2)) + Duration::days(1);
        Span {
            tz,
            lo,
            hi,
            transitions: transitions(tz, from, to),
        }
    }

    /// The index of the last transition at or before `lo`.
    fn in_force(&self) -> Option<usize> {
        self.transitions.iter().rposition(|t| t.at <= self.lo)
    }

    /// The transitions strictly after `lo` and up to `hi`.
    fn within(&self) -> impl Iterator<Item = &Transition> {
        self.transitions
            .iter()
            .filter(|t| t.at > self.lo && t.at <= self.hi)
    }

    /// The one observance of a zone whose offset is the same over the whole
    /// calendar (and of the time before the first transition in the window).
    fn fixed(&self) -> Observance {
        let at_lo = state(self.tz, self.lo);
        let offset = seconds(at_lo);
        Observance {
            daylight: false,
            start: fixed_start(self.lo),
            offset_from: offset,
            offset_to: offset,
            name: tzname(at_lo),
            rule: None,
        }
    }
}

fn state(tz: Tz, at: DateTime<Utc>) -> TzOffset {
    tz.offset_from_utc_datetime(&at.naive_utc())
}

fn seconds(o: TzOffset) -> i32 {
    o.fix().local_minus_utc()
}

/// How far apart probes are: shorter than any two offset changes of the
/// database since 1970 are apart.
const PROBE: i64 = 6 * 3600;

/// Every change of the zone's clock (offset, daylight saving or name) in `(from, to]`.
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let mut out = Vec::new();
    let mut at = from;
    let mut current = state(tz, at);
    while at < to {
        let next = at + Duration::seconds(PROBE);
        let s = state(tz, next);
        if s == current {
            at = next;
            continue;
        }
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
        out.push(Transition {
            at: change,
            before: current,
            after,
        });
        current = after;
        // Another change may follow within the same probe window.
        at = change;
    }
    out
}

/// Transitions of one kind (same offsets and names before and after) in
/// consecutive years, on the same weekday of the same month at the same
/// clock time, with a `BYDAY` that fits them all.
struct Run {
    members: Vec<usize>,
    month: u32,
    weekday: Weekday,
    time: NaiveTime,
    /// The week of the month (1 to 4) every member falls in, if one does.
    week: Option<u32>,
    /// Whether every member falls in the last 7 days of its month.
    last: bool,
}

impl Run {
    fn is_rule(&self) -> bool {
        self.members.len() > 1
    }

    /// The BYDAY week: -1 where it fits, as "last Sunday" is written.
    fn byday(&self) -> Option<i8> {
        if self.last {
            Some(-1)
        } else {
            self.week.and_then(|w| i8::try_from(w).ok())
        }
    }
}

/// Groups the transitions into runs, each transition joining the first run
/// of its kind it extends by one year.
fn runs(ts: &[Transition]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, t) in ts.iter().enumerate() {
        let wall = t.wall();
        let day = wall.day();
        let week = Some((day - 1) / 7 + 1).filter(|w| *w <= 4);
        let last = day + 7 > days_in_month(wall.year(), wall.month());
        let joins = |r: &Run| {
            let prev = &ts[r.members[r.members.len() - 1]];
            prev.before == t.before
                && prev.after == t.after
                && prev.wall().year() + 1 == wall.year()
                && r.month == wall.month()
                && r.weekday == wall.weekday()
                && r.time == wall.time()
                && ((r.week.is_some() && r.week == week) || (r.last && last))
        };
        if let Some(r) = runs.iter_mut().find(|r| joins(r)) {
            r.members.push(i);
            r.week = r.week.filter(|w| Some(*w) == week);
            r.last &= last;
        } else {
            runs.push(Run {
                members: vec![i],
                month: wall.month(),
                weekday: wall.weekday(),
                time: wall.time(),
                week,
                last,
            });
        }
    }
    runs
}

/// The observances the calendar needs, with a yearly rule wherever the
/// transitions follow one.
fn rules(span: &Span) -> Vec<Observance> {
    let ts = &span.transitions;
    let in_force = span.in_force();
    // Nothing before `lo` in the window: the state there is the first one.
    let from = in_force.map_or(DateTime::<Utc>::MIN_UTC, |i| ts[i].at);
    let runs = runs(ts);
    // A run matters if it is in force at some point of the calendar: it has a
    // member within it, or members on both sides (a rule whose onsets all
    // fall outside a short calendar, such as March in Berlin for a week in January).
    let needed: Vec<&Run> = runs
        .iter()
        .filter(|r| {
            let (first, last) = (&ts[r.members[0]], &ts[r.members[r.members.len() - 1]]);
            first.at <= span.hi && last.at >= from
        })
        .collect();
    let changes = span.within().next().is_some();
    let ongoing = needed
        .iter()
        .any(|r| r.is_rule() && ts[r.members[r.members.len() - 1]].at > span.hi);
    if !changes && !ongoing {
        return vec![span.fixed()];
    }
    let mut out = Vec::new();
    if in_force.is_none() {
        out.push(span.fixed());
    }
    for r in needed {
        let first = &ts[r.members[0]];
        let last = &ts[r.members[r.members.len() - 1]];
        let mut o = observance(first);
        if let (true, Some(week)) = (r.is_rule(), r.byday()) {
            let mut rule = Yearly {
                month: r.month,
                week,
                weekday: r.weekday,
                until: None,
            };
            // The run ended with `last`: if the rule would have struck again
            // within the calendar, it must be cut there.
            let next = onset(&o, &rule, last.wall().year() + 1);
            if next.is_none_or(|n| n <= span.hi) {
                rule.until = Some(last.at);
            }
            o.rule = Some(rule);
            out.push(o);
        } else {
            // One explicit observance per member the calendar needs.
            for &m in &r.members {
                if ts[m].at >= from && ts[m].at <= span.hi {
                    out.push(observance(&ts[m]));
                }
            }
        }
    }
    out.sort_by_key(|o| {
        (
            o.start - Duration::seconds(i64::from(o.offset_from)),
            o.daylight,
        )
    });
    out
}

/// The fallback: the observance in force at `lo`, then one per transition
/// within the calendar, each with an explicit DTSTART.
fn explicit(span: &Span) -> Vec<Observance> {
    let first = match span.in_force() {
        Some(i) => observance(&span.transitions[i]),
        None => span.fixed(),
    };
    std::iter::once(first)
        .chain(span.within().map(observance))
        .collect()
}

/// A one-off observance for the transition `t`.
fn observance(t: &Transition) -> Observance {
    Observance {
        daylight: daylight(t),
        start: t.wall(),
        offset_from: seconds(t.before),
        offset_to: seconds(t.after),
        name: tzname(t.after),
        rule: None,
    }
}

/// Whether the time after `t` is DAYLIGHT. The database gives a few zones
/// (Dublin, Casablanca) a negative daylight-saving offset in winter or
/// Ramadan; clients know them as a standard time with summer time, so the
/// negative part is STANDARD and the return from it DAYLIGHT.
fn daylight(t: &Transition) -> bool {
    let (before, after) = (t.before.dst_offset(), t.after.dst_offset());
    after > Duration::zero() || (after.is_zero() && before < Duration::zero())
}

/// The abbreviation (`CEST`), or the numeric offset where the database has
/// none; only ASCII letters, digits, `+` and `-`.
fn tzname(o: TzOffset) -> String {
    let name: String = o
        .abbreviation()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '-')
        .collect();
    if name.is_empty() {
        offset_text(seconds(o))
    } else {
        name
    }
}

/// The onset of `o` under `rule` in `year`, as an instant.
fn onset(o: &Observance, rule: &Yearly, year: i32) -> Option<DateTime<Utc>> {
    let day = nth_weekday(year, rule.month, rule.week, rule.weekday)?;
    let wall = day.and_time(o.start.time());
    Some(Utc.from_utc_datetime(&(wall - Duration::seconds(i64::from(o.offset_from)))))
}

/// The latest onset of `o` at or before `t`, if any.
fn latest_onset(o: &Observance, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let first = Utc.from_utc_datetime(&(o.start - Duration::seconds(i64::from(o.offset_from))));
    if first > t {
        return None;
    }
    let Some(rule) = &o.rule else {
        return Some(first);
    };
    let end = rule.until.map_or(t, |u| u.min(t));
    // An onset falls in its local year, at most a day from the UTC one.
    (o.start.year()..=end.year() + 1)
        .rev()
        .filter_map(|y| onset(o, rule, y))
        .find(|n| *n >= first && *n <= end)
}

/// The offset the observances give at `t`: the one with the latest onset at or before it.
fn offset_at(obs: &[Observance], t: DateTime<Utc>) -> Option<i32> {
    obs.iter()
        .filter_map(|o| latest_onset(o, t).map(|n| (n, o.offset_to)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, offset)| offset)
}

/// Whether the observances give the database's offset at every instant of
/// the calendar. Both are constant between their changes, so comparing at
/// `lo`, `hi` and on both sides of every change of either is enough.
fn agrees(span: &Span, obs: &[Observance]) -> bool {
    let mut points = vec![span.lo, span.hi];
    points.extend(span.within().map(|t| t.at));
    for o in obs {
        let Some(rule) = &o.rule else {
            points.push(
                Utc.from_utc_datetime(&(o.start - Duration::seconds(i64::from(o.offset_from)))),
            );
            continue;
        };
        for y in span.lo.year() - 1..=span.hi.year() + 1 {
            points.extend(onset(o, rule, y));
        }
    }
    points
        .into_iter()
        .filter(|p| *p >= span.lo && *p <= span.hi)
        .flat_map(|p| [p, p - Duration::seconds(1)])
        .filter(|p| *p >= span.lo)
        .all(|p| offset_at(obs, p) == Some(seconds(state(span.tz, p))))
}

/// The VTIMEZONE text.
fn render(tz: Tz, obs: &[Observance]) -> String {
    let mut s = String::with_capacity(128 + 160 * obs.len());
    s.push_str("BEGIN:VTIMEZONE\r\nTZID:");
    s.push_str(tz.name());
    s.push_str("\r\n");
    for o in obs {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        let _ = write!(
            s,
            "BEGIN:{kind}\r\nDTSTART:{}\r\n",
            o.start.format("%Y%m%dT%H%M%S")
        );
        if let Some(r) = &o.rule {
            let _ = write!(
                s,
                "RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={}{}",
                r.month,
                r.week,
                weekday_text(r.weekday)
            );
            if let Some(u) = r.until {
                let _ = write!(s, ";UNTIL={}", u.format("%Y%m%dT%H%M%SZ"));
            }
            s.push_str("\r\n");
        }
        let _ = write!(
            s,
            "TZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nTZNAME:{}\r\nEND:{kind}\r\n",
            offset_text(o.offset_from),
            offset_text(o.offset_to),
            o.name
        );
    }
    s.push_str("END:VTIMEZONE\r\n");
    s
}

fn weekday_text(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// The `week`th `weekday` of the month (1 to 4, or -1 for the last one).
fn nth_weekday(year: i32, month: u32, week: i8, weekday: Weekday) -> Option<NaiveDate> {
    if week == -1 {
        let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return last.checked_sub_signed(Duration::days(i64::from(back)));
    }
    let week = u8::try_from(week).ok().filter(|w| (1..=5).contains(w))?;
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, week)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// DTSTART of the one observance of a zone whose offset does not change over
/// the calendar: 1970-01-01 00:00, what Outlook and Google write, or the
/// first day of the year before `lo`'s if that is earlier. It claims the
/// offset only for the calendar's own events (the zone may have had another
/// one in 1970).
fn fixed_start(lo: DateTime<Utc>) -> NaiveDateTime {
    let fixed = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    let before = NaiveDate::from_ymd_opt(lo.year().saturating_sub(1), 1, 1).unwrap_or(fixed);
    fixed.min(before).and_time(NaiveTime::MIN)
}

fn year_start(year: i32) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

fn local(at: DateTime<Utc>, offset: i32) -> NaiveDateTime {
    at.naive_utc() + Duration::seconds(i64::from(offset))
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

/// The calendar years (UTC) an instant range touches, for [`component`].
pub fn years(start: DateTime<Utc>, end: DateTime<Utc>) -> (i32, i32) {
    (start.year(), end.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    /// The component with LF line ends, for comparing with a literal.
    fn text(tz: Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> String {
        let s = component(tz, lo, hi);
        assert!(s.ends_with("\r\n") && !s.replace("\r\n", "").contains(['\r', '\n']));
        s.replace("\r\n", "\n")
    }

    // A tiny evaluator of the written text, independent of the code above:
    // it reads DTSTART, TZOFFSETFROM, TZOFFSETTO and the RRULE's BYMONTH,
    // BYDAY and UNTIL, expands each yearly rule by walking the days of the
    // month, and takes the observance with the latest onset at or before
    // the instant.

    struct Read {
        start: NaiveDateTime,
        from: i32,
        to: i32,
        /// (month, week, weekday, until)
        rule: Option<(u32, i32, Weekday, Option<DateTime<Utc>>)>,
    }

    fn read_offset(s: &str) -> i32 {
        let sign = if s.starts_with('-') { -1 } else { 1 };
        let d: Vec<i32> = s.as_bytes()[1..]
            .chunks(2)
            .map(|c| std::str::from_utf8(c).unwrap().parse().unwrap())
            .collect();
        sign * (d[0] * 3600 + d[1] * 60 + d.get(2).copied().unwrap_or(0))
    }

    fn read(text: &str) -> Vec<Read> {
        let mut out = Vec::new();
        let (mut start, mut from, mut to, mut rule) = (None, 0, 0, None);
        for line in text.lines() {
            let (name, value) = line.split_once(':').unwrap();
            match name {
                "DTSTART" => {
                    start = Some(NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap());
                }
                "TZOFFSETFROM" => from = read_offset(value),
                "TZOFFSETTO" => to = read_offset(value),
                "RRULE" => {
                    let (mut month, mut byday, mut until) = (0, "", None);
                    for part in value.split(';') {
                        match part.split_once('=').unwrap() {
                            ("FREQ", f) => assert_eq!(f, "YEARLY"),
                            ("BYMONTH", m) => month = m.parse().unwrap(),
                            ("BYDAY", d) => byday = d,
                            ("UNTIL", u) => {
                                let u = NaiveDateTime::parse_from_str(u, "%Y%m%dT%H%M%SZ").unwrap();
                                until = Some(Utc.from_utc_datetime(&u));
                            }
                            other => panic!("unexpected {other:?}"),
                        }
                    }
                    let (week, day) = byday.split_at(byday.len() - 2);
                    let day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
                        .iter()
                        .position(|d| *d == day)
                        .unwrap();
                    rule = Some((
                        month,
                        week.parse().unwrap(),
                        Weekday::try_from(u8::try_from(day).unwrap()).unwrap(),
                        until,
                    ));
                }
                "END" if value == "STANDARD" || value == "DAYLIGHT" => out.push(Read {
                    start: start.take().unwrap(),
                    from,
                    to,
                    rule: rule.take(),
                }),
                _ => {}
            }
        }
        out
    }

    fn latest(r: &Read, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let at = |wall: NaiveDateTime| {
            Utc.from_utc_datetime(&(wall - Duration::seconds(i64::from(r.from))))
        };
        let first = at(r.start);
        if first > t {
            return None;
        }
        let Some((month, week, weekday, until)) = r.rule else {
            return Some(first);
        };
        let mut best = None;
        for year in r.start.year()..=t.year() + 1 {
            let days: Vec<NaiveDate> = (1..=31)
                .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
                .filter(|d| d.weekday() == weekday)
                .collect();
            let day = if week == -1 {
                days.last()
            } else {
                days.get(usize::try_from(week - 1).unwrap())
            };
            let onset = at(day.unwrap().and_time(r.start.time()));
            if onset >= first && onset <= t && until.is_none_or(|u| onset <= u) {
                best = Some(onset);
            }
        }
        best
    }

    fn evaluate(obs: &[Read], t: DateTime<Utc>) -> Option<i32> {
        obs.iter()
            .filter_map(|r| latest(r, t).map(|n| (n, r.to)))
            .max_by_key(|(n, _)| *n)
            .map(|(_, to)| to)
    }

    fn database(tz: Tz, t: DateTime<Utc>) -> i32 {
        tz.offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc()
    }

    /// Every hour from `lo` to `hi`, and every minute of an hour in which
    /// the database's offset changes, the written VTIMEZONE gives the
    /// database's offset.
    fn assert_exact(tz: Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) {
        let obs = read(&component(tz, lo, hi));
        let check = |t: DateTime<Utc>| {
            assert_eq!(evaluate(&obs, t), Some(database(tz, t)), "{tz} at {t}");
        };
        let mut t = lo;
        while t <= hi {
            check(t);
            let next = t + Duration::hours(1);
            if next <= hi && database(tz, t) != database(tz, next) {
                let mut m = t;
                while m < next {
                    check(m);
                    m += Duration::minutes(1);
                }
            }
            t = next;
        }
        check(hi);
    }

    #[test]
    fn berlin_is_two_rules_from_the_year_before() {
        let want = "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\n\
            BEGIN:DAYLIGHT\nDTSTART:20150329T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\n\
            TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\nEND:DAYLIGHT\n\
            BEGIN:STANDARD\nDTSTART:20151025T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
            TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD\n\
            END:VTIMEZONE\n";
        let berlin = chrono_tz::Europe::Berlin;
        // A week between the US and EU changes, with no onset inside it.
        assert_eq!(
            text(berlin, utc(2016, 3, 14, 8, 0), utc(2016, 3, 18, 16, 0)),
            want
        );
        // The whole year, both changes inside it.
        assert_eq!(
            text(berlin, utc(2016, 1, 1, 0, 0), utc(2016, 12, 31, 0, 0)),
            want
        );
        assert_exact(berlin, utc(2016, 1, 1, 0, 0), utc(2016, 12, 31, 23, 0));
    }

    #[test]
    fn toronto_is_the_2007_north_american_rule() {
        let toronto = chrono_tz::America::Toronto;
        assert_eq!(
            text(toronto, utc(2016, 3, 14, 13, 0), utc(2016, 3, 18, 22, 0)),
            "BEGIN:VTIMEZONE\nTZID:America/Toronto\n\
             BEGIN:DAYLIGHT\nDTSTART:20150308T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\n\
             TZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nTZNAME:EDT\nEND:DAYLIGHT\n\
             BEGIN:STANDARD\nDTSTART:20151101T020000\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\n\
             TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nTZNAME:EST\nEND:STANDARD\n\
             END:VTIMEZONE\n"
        );
        assert_exact(toronto, utc(2016, 1, 1, 0, 0), utc(2016, 12, 31, 23, 0));
    }

    #[test]
    fn sydney_changes_in_april_and_october() {
        let want = "BEGIN:VTIMEZONE\nTZID:Australia/Sydney\n\
            BEGIN:STANDARD\nDTSTART:20150405T030000\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\n\
            TZOFFSETFROM:+1100\nTZOFFSETTO:+1000\nTZNAME:AEST\nEND:STANDARD\n\
            BEGIN:DAYLIGHT\nDTSTART:20151004T020000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\n\
            TZOFFSETFROM:+1000\nTZOFFSETTO:+1100\nTZNAME:AEDT\nEND:DAYLIGHT\n\
            END:VTIMEZONE\n";
        let sydney = chrono_tz::Australia::Sydney;
        assert_eq!(
            text(sydney, utc(2016, 3, 31, 22, 0), utc(2016, 4, 3, 6, 0)),
            want
        );
        assert_exact(sydney, utc(2016, 1, 1, 0, 0), utc(2016, 12, 31, 23, 0));
    }

    #[test]
    fn a_southern_summer_across_new_year_starts_the_rules_the_year_before() {
        let sydney = chrono_tz::Australia::Sydney;
        let (lo, hi) = (utc(2016, 12, 27, 22, 0), utc(2017, 1, 5, 6, 0));
        let t = text(sydney, lo, hi);
        assert!(t.contains("DTSTART:20150405T030000\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\n"));
        assert!(t.contains("DTSTART:20151004T020000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\n"));
        assert_eq!(t.matches("BEGIN:STANDARD").count(), 1);
        assert_eq!(t.matches("BEGIN:DAYLIGHT").count(), 1);
        assert_exact(sydney, lo, hi);
        // São Paulo's last summers: the rule is the year before's, DST ends in February.
        let sao_paulo = chrono_tz::America::Sao_Paulo;
        let (lo, hi) = (utc(2017, 12, 20, 12, 0), utc(2018, 1, 10, 12, 0));
        let t = text(sao_paulo, lo, hi);
        assert!(
            t.contains("DTSTART:20160221T000000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=3SU\n"),
            "{t}"
        );
        assert!(
            t.contains("DTSTART:20161016T000000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=3SU\n"),
            "{t}"
        );
        assert!(
            t.contains("TZNAME:-0200\n") && t.contains("TZNAME:-0300\n"),
            "{t}"
        );
        assert_exact(sao_paulo, lo, hi);
    }

    #[test]
    fn kolkata_is_one_standard_time_since_1970() {
        let kolkata = chrono_tz::Asia::Kolkata;
        assert_eq!(
            text(kolkata, utc(2016, 12, 31, 22, 30), utc(2017, 1, 2, 0, 30)),
            "BEGIN:VTIMEZONE\nTZID:Asia/Kolkata\n\
             BEGIN:STANDARD\nDTSTART:19700101T000000\n\
             TZOFFSETFROM:+0530\nTZOFFSETTO:+0530\nTZNAME:IST\nEND:STANDARD\n\
             END:VTIMEZONE\n"
        );
        assert_exact(kolkata, utc(2016, 1, 1, 0, 0), utc(2017, 12, 31, 23, 0));
        // A calendar before 1970 gets a DTSTART before it.
        assert!(
            text(kolkata, utc(1960, 5, 1, 0, 0), utc(1960, 5, 8, 0, 0))
                .contains("DTSTART:19590101T000000\n")
        );
    }

    #[test]
    fn mexico_city_abolished_dst_in_october_2022() {
        let mexico = chrono_tz::America::Mexico_City;
        // The last transition of the database: CDT to CST on 30 October 2022, none after.
        assert_eq!(
            database(mexico, utc(2022, 10, 30, 6, 59)),
            -5 * 3600,
            "CDT until 02:00 local"
        );
        assert_eq!(database(mexico, utc(2022, 10, 30, 7, 0)), -6 * 3600);
        assert_eq!(database(mexico, utc(2023, 6, 1, 0, 0)), -6 * 3600);
        // A calendar across the change: the April rule stops at its 2022 onset
        // (it would strike again in April 2023); the October one has no
        // onset after 2022 within the calendar, so it needs no UNTIL.
        let (lo, hi) = (utc(2022, 6, 1, 0, 0), utc(2023, 6, 1, 0, 0));
        assert_eq!(
            text(mexico, lo, hi),
            "BEGIN:VTIMEZONE\nTZID:America/Mexico_City\n\
             BEGIN:DAYLIGHT\nDTSTART:20210404T020000\n\
             RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20220403T080000Z\n\
             TZOFFSETFROM:-0600\nTZOFFSETTO:-0500\nTZNAME:CDT\nEND:DAYLIGHT\n\
             BEGIN:STANDARD\nDTSTART:20211031T020000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
             TZOFFSETFROM:-0500\nTZOFFSETTO:-0600\nTZNAME:CST\nEND:STANDARD\n\
             END:VTIMEZONE\n"
        );
        assert_exact(mexico, lo, hi);
        // A summer calendar before the change: the plain rules, no UNTIL.
        let (lo, hi) = (utc(2022, 6, 1, 0, 0), utc(2022, 8, 1, 0, 0));
        let t = text(mexico, lo, hi);
        assert!(
            !t.contains("UNTIL") && t.matches("RRULE").count() == 2,
            "{t}"
        );
        assert_exact(mexico, lo, hi);
        // After it: one standard time, as for Kolkata.
        let (lo, hi) = (utc(2023, 6, 1, 0, 0), utc(2023, 6, 8, 0, 0));
        assert_eq!(
            text(mexico, lo, hi),
            "BEGIN:VTIMEZONE\nTZID:America/Mexico_City\n\
             BEGIN:STANDARD\nDTSTART:19700101T000000\n\
             TZOFFSETFROM:-0600\nTZOFFSETTO:-0600\nTZNAME:CST\nEND:STANDARD\n\
             END:VTIMEZONE\n"
        );
    }

    #[test]
    fn toronto_across_the_2007_change_of_dates() {
        // 2006: first Sunday of April to last Sunday of October; from 2007:
        // second Sunday of March to first Sunday of November.
        let toronto = chrono_tz::America::Toronto;
        let (lo, hi) = (utc(2006, 12, 1, 0, 0), utc(2007, 12, 1, 0, 0));
        assert_eq!(
            text(toronto, lo, hi),
            "BEGIN:VTIMEZONE\nTZID:America/Toronto\n\
             BEGIN:STANDARD\nDTSTART:20051030T020000\n\
             RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z\n\
             TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nTZNAME:EST\nEND:STANDARD\n\
             BEGIN:DAYLIGHT\nDTSTART:20070311T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\n\
             TZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nTZNAME:EDT\nEND:DAYLIGHT\n\
             BEGIN:STANDARD\nDTSTART:20071104T020000\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\n\
             TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nTZNAME:EST\nEND:STANDARD\n\
             END:VTIMEZONE\n"
        );
        assert_exact(toronto, lo, hi);
    }

    #[test]
    fn transitions_without_a_weekday_rule_are_written_one_by_one() {
        // Morocco's clocks follow Ramadan: no yearly weekday rule.
        let casablanca = chrono_tz::Africa::Casablanca;
        let (lo, hi) = (utc(2019, 1, 1, 0, 0), utc(2020, 12, 31, 0, 0));
        let t = text(casablanca, lo, hi);
        assert!(!t.contains("RRULE"), "{t}");
        // The observance in force on 1 January, then two per Ramadan.
        assert_eq!(t.matches("DTSTART").count(), 5, "{t}");
        assert!(t.contains("TZNAME:+0100\n") && t.contains("TZNAME:+0000\n"));
        assert_exact(casablanca, lo, hi);
        // The fallback used when the rules disagree with the database is exact too.
        let span = Span::probe(casablanca, lo, hi);
        assert!(agrees(&span, &explicit(&span)));
        let span = Span::probe(chrono_tz::Europe::Berlin, lo, hi);
        assert!(agrees(&span, &explicit(&span)));
    }

    #[test]
    fn every_hour_of_these_zones_agrees_with_the_database() {
        for (tz, lo, hi) in [
            (
                chrono_tz::Europe::Berlin,
                utc(2013, 12, 30, 0, 0),
                utc(2015, 1, 2, 0, 0),
            ),
            (
                chrono_tz::America::Toronto,
                utc(2004, 6, 1, 0, 0),
                utc(2009, 6, 1, 0, 0),
            ),
            (
                chrono_tz::Australia::Sydney,
                utc(2006, 1, 1, 0, 0),
                utc(2009, 1, 1, 0, 0),
            ),
            (
                chrono_tz::Asia::Kolkata,
                utc(2016, 1, 1, 0, 0),
                utc(2017, 1, 1, 0, 0),
            ),
            (
                chrono_tz::America::Sao_Paulo,
                utc(2017, 6, 1, 0, 0),
                utc(2019, 6, 1, 0, 0),
            ),
            (
                chrono_tz::America::Mexico_City,
                utc(2020, 6, 1, 0, 0),
                utc(2023, 6, 1, 0, 0),
            ),
            (
                chrono_tz::Pacific::Chatham,
                utc(2016, 1, 1, 0, 0),
                utc(2017, 1, 1, 0, 0),
            ),
            (
                chrono_tz::America::St_Johns,
                utc(2011, 1, 1, 0, 0),
                utc(2012, 1, 1, 0, 0),
            ),
            (
                chrono_tz::Europe::Dublin,
                utc(2016, 1, 1, 0, 0),
                utc(2017, 1, 1, 0, 0),
            ),
            (
                chrono_tz::Europe::Moscow,
                utc(2010, 6, 1, 0, 0),
                utc(2015, 6, 1, 0, 0),
            ),
            (
                chrono_tz::Europe::Istanbul,
                utc(2015, 6, 1, 0, 0),
                utc(2017, 6, 1, 0, 0),
            ),
        ] {
            assert_exact(tz, lo, hi);
        }
    }

    #[test]
    fn every_zone_gets_rules_that_agree_and_lines_that_fit() {
        let spans = [
            (utc(2016, 3, 14, 0, 0), utc(2016, 3, 21, 0, 0)),
            (utc(2016, 12, 27, 0, 0), utc(2017, 1, 4, 0, 0)),
            (utc(2006, 12, 1, 0, 0), utc(2007, 12, 1, 0, 0)),
            (utc(2022, 6, 1, 0, 0), utc(2023, 6, 1, 0, 0)),
            (utc(1995, 10, 20, 0, 0), utc(1995, 10, 30, 0, 0)),
        ];
        for tz in chrono_tz::TZ_VARIANTS {
            for (lo, hi) in spans {
                // The rules, not the fallback, are what every zone gets here.
                let span = Span::probe(tz, lo, hi);
                assert!(agrees(&span, &rules(&span)), "{tz} {lo}..{hi}");
                let s = component(tz, lo, hi);
                let obs = read(&s.replace("\r\n", "\n"));
                assert!(
                    obs.iter()
                        .any(|o| o.start <= lo.naive_utc() + Duration::days(1))
                );
                for line in s.split("\r\n") {
                    assert!(line.len() < 75, "{tz}: {line}");
                    if let Some(name) = line.strip_prefix("TZNAME:") {
                        assert!(
                            !name.is_empty()
                                && name
                                    .chars()
                                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-'),
                            "{tz}: {line}"
                        );
                    }
                }
                // The written text, read back, agrees at every change of the database.
                let mut points = vec![lo, hi];
                points.extend(
                    span.within()
                        .flat_map(|t| [t.at, t.at - Duration::seconds(1)]),
                );
                for p in points.into_iter().filter(|p| *p >= lo) {
                    assert_eq!(evaluate(&obs, p), Some(database(tz, p)), "{tz} at {p}");
                }
            }
        }
    }

    #[test]
    fn offsets_with_seconds_keep_them() {
        assert_eq!(offset_text(-(3 * 3600 + 30 * 60)), "-0330");
        assert_eq!(offset_text(5 * 3600 + 17 * 60 + 36), "+051736");
    }

    #[test]
    fn byday_weeks() {
        let d = |y, m, w, wd| nth_weekday(y, m, w, wd).unwrap().to_string();
        assert_eq!(d(2016, 3, -1, Weekday::Sun), "2016-03-27");
        assert_eq!(d(2016, 10, -1, Weekday::Sun), "2016-10-30");
        assert_eq!(d(2016, 3, 2, Weekday::Sun), "2016-03-13");
        assert_eq!(d(2016, 11, 1, Weekday::Sun), "2016-11-06");
        assert_eq!(d(2016, 2, -1, Weekday::Mon), "2016-02-29");
    }
}
