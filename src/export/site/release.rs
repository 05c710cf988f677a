//! `agendum release`: what changed since the site was last published, as a
//! history of releases kept in the site itself (`releases.json`), shown as
//! `changelog.html` and an Atom feed (`atom.xml`, RFC 4287).
//!
//! pretalx's model without a server: a release compares the week with the
//! one the published site shows (its `week.json`), so the comparison needs
//! nothing but the folder a web server serves. Sessions are compared by
//! their calendar UID, the one the feeds carry, so the changelog and the
//! feeds' SEQUENCE rules (`ics --previous`) speak of the same events.
//! Contributions are compared by meeting and number.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::export::render::html::escape;
use crate::load::week::Week;

/// The version of `releases.json`; a change that drops or renames a field raises it.
pub const VERSION: u32 = 1;

/// The version of `week.json` that `agendum site` writes and a release
/// reads (`WeekJson::version`).
pub const WEEK_VERSION: u32 = 1;

/// Every release of the site, oldest first: `releases.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// The format's version ([`VERSION`]).
    pub version: u32,
    /// The Atom feed's id, fixed by the first release.
    pub feed: String,
    /// The releases, oldest first.
    pub releases: Vec<Release>,
}

/// One release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    /// 1, 2, 3 ...
    pub number: u32,
    /// Its Atom entry id, never changed once written.
    pub id: String,
    /// When it was made, RFC 3339 in UTC (from `SOURCE_DATE_EPOCH` or the clock).
    pub time: String,
    /// One line: "1 moved, 1 cancelled".
    pub summary: String,
    /// What changed, in the order the changelog shows it.
    pub changes: Vec<Change>,
}

/// One line of the changelog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The meeting (`SEC#24`).
    pub meeting: String,
    /// The session's UID or the contribution's number.
    pub what: String,
    /// The line a person reads: "Moved: Session S3 (SEC#24): Tue 19 Jul ... -> ...".
    pub text: String,
}

/// What happened to a session or a contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// A session the published site did not have.
    New,
    /// A session at another time or in another room.
    Moved,
    /// A session with another title only.
    Renamed,
    /// A session gone from the week: its feeds cancel it.
    Cancelled,
    /// A contribution on another agenda item or in other sessions.
    ContributionMoved,
    /// A contribution the published site did not list.
    ContributionNew,
    /// A contribution gone from the week.
    ContributionRemoved,
}

impl ChangeKind {
    /// The word the changelog starts the line with.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::New => "New",
            ChangeKind::Moved => "Moved",
            ChangeKind::Renamed => "Renamed",
            ChangeKind::Cancelled => "Cancelled",
            ChangeKind::ContributionMoved => "Contribution moved",
            ChangeKind::ContributionNew => "New contribution",
            ChangeKind::ContributionRemoved => "Contribution removed",
        }
    }

    /// The class of its line in changelog.html.
    fn class(self) -> &'static str {
        match self {
            ChangeKind::New => "new",
            ChangeKind::Moved => "moved",
            ChangeKind::Renamed => "renamed",
            ChangeKind::Cancelled => "cancelled",
            ChangeKind::ContributionMoved => "contribution-moved",
            ChangeKind::ContributionNew => "contribution-new",
            ChangeKind::ContributionRemoved => "contribution-removed",
        }
    }

    /// How the summary counts it: "moved", "contributions moved".
    fn counted(self, n: usize) -> String {
        let s = if n == 1 { "" } else { "s" };
        match self {
            ChangeKind::New => format!("{n} new"),
            ChangeKind::Moved => format!("{n} moved"),
            ChangeKind::Renamed => format!("{n} renamed"),
            ChangeKind::Cancelled => format!("{n} cancelled"),
            ChangeKind::ContributionMoved => format!("{n} contribution{s} moved"),
            ChangeKind::ContributionNew => format!("{n} new contribution{s}"),
            ChangeKind::ContributionRemoved => format!("{n} contribution{s} removed"),
        }
    }
}

/// The week as a published `week.json` says it, as far as the changelog
/// needs it (fields it does not know are ignored, so older and newer sites
/// can be compared).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Published {
    /// The format's version; `None` when the file gives none.
    #[serde(default)]
    version: Option<u32>,
    meetings: Vec<PublishedMeeting>,
}

#[derive(Debug, Clone, Deserialize)]
struct PublishedMeeting {
    id: String,
    #[serde(default)]
    sessions: Vec<PublishedSession>,
    #[serde(default)]
    contributions: Vec<PublishedContribution>,
}

#[derive(Debug, Clone, Deserialize)]
struct PublishedSession {
    /// The id in its file (`S1`), which contributions' `sessions` name.
    #[serde(default)]
    id: String,
    uid: String,
    title: String,
    day: String,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    time: String,
    #[serde(default)]
    room: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct PublishedContribution {
    number: String,
    #[serde(default)]
    title: String,
    item: String,
    #[serde(default)]
    sessions: Vec<String>,
}

impl Published {
    /// Reads a `week.json`.
    ///
    /// # Errors
    /// The line, column and what is wrong, when it is not the JSON
    /// `agendum site` writes.
    pub fn parse(bytes: &[u8]) -> Result<Published, String> {
        let p: Published = serde_json::from_slice(bytes).map_err(|e| {
            format!(
                "line {} column {}: {e}; a site's week.json is the one `agendum site` or `agendum release` wrote",
                e.line(),
                e.column()
            )
        })?;
        match p.version {
            Some(WEEK_VERSION) => p.unique().map(|()| p),
            Some(v) => Err(format!(
                "version {v} is not one this agendum reads (it writes version {WEEK_VERSION}); make the site again with this agendum's `agendum site`, or release with the agendum that wrote it"
            )),
            None => Err(format!(
                "no \"version\": a site's week.json is the one `agendum site` or `agendum release` wrote (version {WEEK_VERSION})"
            )),
        }
    }

    /// Refuses what `agendum site` never writes and the comparison could
    /// not tell apart: a meeting, a session's UID, or a meeting's
    /// contribution given twice (a week.json edited by hand).
    fn unique(&self) -> Result<(), String> {
        let mut meetings = std::collections::BTreeSet::new();
        let mut uids = std::collections::BTreeSet::new();
        let mut numbers = std::collections::BTreeSet::new();
        for m in &self.meetings {
            if !meetings.insert(m.id.as_str()) {
                return Err(format!(
                    "meeting {} is given twice; a site's week.json lists each meeting once",
                    m.id
                ));
            }
            for s in &m.sessions {
                if !uids.insert(s.uid.as_str()) {
                    return Err(format!(
                        "session UID {} is given twice; a site's week.json lists each session once",
                        s.uid
                    ));
                }
            }
            for c in &m.contributions {
                if !numbers.insert((m.id.as_str(), c.number.as_str())) {
                    return Err(format!(
                        "contribution {} of {} is given twice; a site's week.json lists each contribution of a meeting once",
                        c.number, m.id
                    ));
                }
            }
        }
        Ok(())
    }

    /// The number of sessions.
    pub fn sessions(&self) -> usize {
        self.meetings.iter().map(|m| m.sessions.len()).sum()
    }
}

impl PublishedSession {
    /// "Tue 19 Jul 10:30-12:00, Main room".
    fn when(&self) -> String {
        let day = chrono::NaiveDate::parse_from_str(&self.day, "%Y-%m-%d")
            .map_or_else(|_| self.day.clone(), |d| d.format("%a %-d %b").to_string());
        let mut s = day;
        if !self.time.is_empty() {
            s.push(' ');
            s.push_str(&self.time);
        }
        if let Some(r) = &self.room {
            s.push_str(", ");
            s.push_str(r);
        }
        s
    }
}

impl PublishedContribution {
    /// "item 5, session S1".
    fn place(&self) -> String {
        match self.sessions.as_slice() {
            [] => format!("item {}, no session", self.item),
            [one] => format!("item {}, session {one}", self.item),
            many => format!("item {}, sessions {}", self.item, many.join(", ")),
        }
    }
}

/// What changed from `old` to `new`: sessions by UID (new, moved, renamed,
/// cancelled), then contributions by meeting and number (moved to another
/// item or session, new, removed), each in the order the weeks list them.
pub fn compare(old: &Published, new: &Published) -> Vec<Change> {
    let mut out = Vec::new();
    let old_sessions: BTreeMap<&str, (&str, &PublishedSession)> = old
        .meetings
        .iter()
        .flat_map(|m| {
            m.sessions
                .iter()
                .map(move |s| (s.uid.as_str(), (m.id.as_str(), s)))
        })
        .collect();
    let new_sessions: BTreeMap<&str, &PublishedSession> = new
        .meetings
        .iter()
        .flat_map(|m| m.sessions.iter().map(|s| (s.uid.as_str(), s)))
        .collect();
    for m in &new.meetings {
        for s in &m.sessions {
            let change = |kind, text: String| Change {
                kind,
                meeting: m.id.clone(),
                what: s.uid.clone(),
                text,
            };
            match old_sessions.get(s.uid.as_str()) {
                None => out.push(change(
                    ChangeKind::New,
                    format!("{} ({}), {}", s.title, m.id, s.when()),
                )),
                Some((_, o))
                    if o.start != s.start
                        || o.end != s.end
                        || o.room != s.room
                        || o.day != s.day =>
                {
                    let renamed = if o.title == s.title {
                        String::new()
                    } else {
                        format!(", now titled {}", s.title)
                    };
                    out.push(change(
                        ChangeKind::Moved,
                        format!(
                            "{} ({}): {} -> {}{renamed}",
                            o.title,
                            m.id,
                            o.when(),
                            s.when()
                        ),
                    ));
                }
                Some((_, o)) if o.title != s.title => out.push(change(
                    ChangeKind::Renamed,
                    format!("{} -> {} ({}, {})", o.title, s.title, m.id, s.when()),
                )),
                Some(_) => {}
            }
        }
    }
    for m in &old.meetings {
        for s in m
            .sessions
            .iter()
            .filter(|s| !new_sessions.contains_key(s.uid.as_str()))
        {
            out.push(Change {
                kind: ChangeKind::Cancelled,
                meeting: m.id.clone(),
                what: s.uid.clone(),
                text: format!("{} ({}), was {}", s.title, m.id, s.when()),
            });
        }
    }
    compare_contributions(old, new, &mut out);
    out
}

/// The contributions' lines of [`compare`].
fn compare_contributions(old: &Published, new: &Published, out: &mut Vec<Change>) {
    let contributions = |w: &Published| -> Vec<(String, PublishedContribution)> {
        w.meetings
            .iter()
            .flat_map(|m| m.contributions.iter().map(|c| (m.id.clone(), c.clone())))
            .collect()
    };
    let (old_c, new_c) = (contributions(old), contributions(new));
    let find = |list: &[(String, PublishedContribution)], m: &str, n: &str| {
        list.iter()
            .find(|(mm, c)| mm == m && c.number == n)
            .map(|(_, c)| c.clone())
    };
    for (m, c) in &new_c {
        let change = |kind, text: String| Change {
            kind,
            meeting: m.clone(),
            what: c.number.clone(),
            text,
        };
        match find(&old_c, m, &c.number) {
            None => out.push(change(
                ChangeKind::ContributionNew,
                format!("{} {} ({m}), {}", c.number, c.title, c.place()),
            )),
            Some(o) if o.item != c.item || moved_between_sessions(old, new, m, &o, c) => {
                out.push(change(
                    ChangeKind::ContributionMoved,
                    format!(
                        "{} {} ({m}): {} -> {}",
                        c.number,
                        c.title,
                        o.place(),
                        c.place()
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    for (m, c) in &old_c {
        if find(&new_c, m, &c.number).is_none() {
            out.push(Change {
                kind: ChangeKind::ContributionRemoved,
                meeting: m.clone(),
                what: c.number.clone(),
                text: format!("{} {} ({m}), was on {}", c.number, c.title, c.place()),
            });
        }
    }
}

/// Whether a contribution on the same item treats other sessions in `new`
/// than in `old`, leaving out the sessions of meeting `m` that only one of
/// the weeks has: a session cancelled or added is reported as such, and the
/// contribution did not move for it.
fn moved_between_sessions(
    old: &Published,
    new: &Published,
    m: &str,
    was: &PublishedContribution,
    is: &PublishedContribution,
) -> bool {
    let ids = |w: &Published| -> Vec<String> {
        w.meetings
            .iter()
            .filter(|mm| mm.id == m)
            .flat_map(|mm| mm.sessions.iter().map(|s| s.id.clone()))
            .collect()
    };
    let (old_ids, new_ids) = (ids(old), ids(new));
    let both = |s: &&String| old_ids.contains(s) && new_ids.contains(s);
    let kept = |c: &PublishedContribution| -> Vec<String> {
        c.sessions.iter().filter(both).cloned().collect()
    };
    was.sessions != is.sessions && kept(was) != kept(is)
}

/// The summary of a release's changes: "1 moved, 1 cancelled"; `None` when
/// nothing changed.
pub fn summary(changes: &[Change]) -> Option<String> {
    let mut counts: BTreeMap<ChangeKind, usize> = BTreeMap::new();
    for c in changes {
        *counts.entry(c.kind).or_default() += 1;
    }
    let parts: Vec<String> = counts.iter().map(|(k, n)| k.counted(*n)).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The instant as `releases.json` and Atom write it.
pub fn format_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl History {
    /// Reads a `releases.json`.
    ///
    /// # Errors
    /// The line, column and what is wrong, or the release whose time or
    /// number is not what agendum writes.
    pub fn parse(bytes: &[u8]) -> Result<History, String> {
        let h: History = serde_json::from_slice(bytes)
            .map_err(|e| format!("line {} column {}: {e}", e.line(), e.column()))?;
        if h.version != VERSION {
            return Err(format!(
                "version {} is not one this agendum reads (it writes version {VERSION})",
                h.version
            ));
        }
        for (i, r) in h.releases.iter().enumerate() {
            if usize::try_from(r.number).ok() != Some(i + 1) {
                return Err(format!(
                    "release {} is listed as number {}: releases are numbered 1, 2, 3 ... oldest first",
                    i + 1,
                    r.number
                ));
            }
            if DateTime::parse_from_rfc3339(&r.time).is_err() {
                return Err(format!(
                    "release {}: time `{}` is not an RFC 3339 instant such as 2016-07-18T09:00:00Z",
                    r.number,
                    crate::diagnostic::sanitize_for_terminal(&r.time)
                ));
            }
        }
        Ok(h)
    }

    /// The history before the first release: its Atom feed's id made from
    /// the week (the calendar domain of its first session and its first
    /// day), so it stays the same wherever the site is served.
    pub fn first(week: &Week) -> History {
        let domain = week
            .meetings
            .iter()
            .find_map(|m| m.sessions.first().map(|s| crate::export::ics::uid(m, s)))
            .and_then(|uid| uid.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()))
            .map(|d| {
                d.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
                    .collect::<String>()
            })
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "agendum.invalid".into());
        let day = week
            .meetings
            .iter()
            .map(|m| m.header.dates.start.value)
            .min()
            .map_or_else(
                || "2000-01-01".to_string(),
                |d| d.0.format("%Y-%m-%d").to_string(),
            );
        History {
            version: VERSION,
            feed: format!("tag:{domain},{day}:agendum/releases"),
            releases: Vec::new(),
        }
    }

    /// The last release.
    pub fn last(&self) -> Option<&Release> {
        self.releases.last()
    }

    /// The time of the last release.
    pub fn last_time(&self) -> Option<DateTime<Utc>> {
        self.last()
            .and_then(|r| DateTime::parse_from_rfc3339(&r.time).ok())
            .map(|t| t.with_timezone(&Utc))
    }

    /// Adds a release made at `time` with `changes`, summed up as `summary`.
    pub fn push(&mut self, time: DateTime<Utc>, summary: String, changes: Vec<Change>) -> &Release {
        let number = u32::try_from(self.releases.len() + 1).unwrap_or(u32::MAX);
        self.releases.push(Release {
            number,
            id: format!("{}:{number}", self.feed),
            time: format_time(time),
            summary,
            changes,
        });
        &self.releases[self.releases.len() - 1]
    }

    /// `releases.json`: pretty JSON with a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// The body of changelog.html: every release, newest first, with its
    /// time, summary and lines.
    pub fn changelog(&self, base_url: Option<&str>) -> String {
        let mut s = String::from("<h1>Changes</h1>\n");
        let _ = writeln!(
            s,
            "<p class=\"subscribe\">Follow the changes: <a class=\"feed\" href=\"{}\">atom.xml</a> (an Atom feed for any feed reader)</p>",
            escape(&link(base_url, "atom.xml"))
        );
        if self.releases.is_empty() {
            s.push_str("<p>No release yet.</p>\n");
        }
        for r in self.releases.iter().rev() {
            let _ = writeln!(
                s,
                "<section class=\"release\" id=\"release-{}\">\n<h2>Release {} <span class=\"muted\"><time datetime=\"{}\">{}</time></span></h2>\n<p>{}</p>",
                r.number,
                r.number,
                escape(&r.time),
                escape(&display_time(&r.time)),
                escape(&r.summary)
            );
            if !r.changes.is_empty() {
                s.push_str("<ul class=\"changes\">\n");
                for c in &r.changes {
                    let _ = writeln!(
                        s,
                        "<li class=\"{}\"><strong>{}:</strong> {}</li>",
                        c.kind.class(),
                        c.kind.label(),
                        escape(&c.text)
                    );
                }
                s.push_str("</ul>\n");
            }
            s.push_str("</section>\n");
        }
        s
    }

    /// `atom.xml`: one entry per release, newest first (RFC 4287).
    pub fn atom(&self, week: &Week, base_url: Option<&str>) -> String {
        let ids: Vec<&str> = week.meetings.iter().map(|m| m.header.id.as_str()).collect();
        let ids = ids.join(", ");
        let updated = self
            .last()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |r| r.time.clone());
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
        );
        let _ = writeln!(s, "<id>{}</id>", xml(&self.feed));
        let _ = writeln!(s, "<title>{}: changes</title>", xml(&ids));
        let _ = writeln!(s, "<updated>{}</updated>", xml(&updated));
        let _ = writeln!(s, "<author><name>{}</name></author>", xml(&ids));
        s.push_str("<generator>agendum</generator>\n");
        let _ = writeln!(
            s,
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            xml(&link(base_url, "atom.xml"))
        );
        let _ = writeln!(
            s,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml(&link(base_url, "changelog.html"))
        );
        for r in self.releases.iter().rev() {
            let mut html = format!("<p>{}</p>", escape(&r.summary));
            if !r.changes.is_empty() {
                html.push_str("<ul>");
                for c in &r.changes {
                    let _ = write!(
                        html,
                        "<li><strong>{}:</strong> {}</li>",
                        c.kind.label(),
                        escape(&c.text)
                    );
                }
                html.push_str("</ul>");
            }
            let _ = write!(
                s,
                "<entry>\n<id>{}</id>\n<title>Release {}: {}</title>\n<updated>{}</updated>\n<published>{}</published>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<summary type=\"text\">{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
                xml(&r.id),
                r.number,
                xml(&r.summary),
                xml(&r.time),
                xml(&r.time),
                xml(&link(
                    base_url,
                    &format!("changelog.html#release-{}", r.number)
                )),
                xml(&r.summary),
                xml(&html)
            );
        }
        s.push_str("</feed>\n");
        s
    }
}

/// A link to `path` of the site: absolute below the site's URL when it is
/// known, else relative to the site's root.
fn link(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) => format!("{}/{path}", base.trim_end_matches('/')),
        None => path.to_string(),
    }
}

/// "2016-07-18 09:00 UTC".
fn display_time(time: &str) -> String {
    DateTime::parse_from_rfc3339(time).map_or_else(
        |_| time.to_string(),
        |t| {
            t.with_timezone(&Utc)
                .format("%Y-%m-%d %H:%M UTC")
                .to_string()
        },
    )
}

/// Text for XML: the five marks escaped, and the characters XML 1.0 does
/// not allow (controls but tab and line ends) left out.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(sessions: &str, contributions: &str) -> Published {
        Published::parse(
            format!(
                r#"{{"version":1,"meetings":[{{"id":"SEC#24","sessions":[{sessions}],"contributions":[{contributions}]}}]}}"#
            )
            .as_bytes(),
        )
        .unwrap()
    }

    fn session(uid: &str, title: &str, start: &str, room: &str) -> String {
        format!(
            r#"{{"uid":"{uid}","title":"{title}","day":"2016-07-19","start":"{start}","end":"2016-07-19T12:00:00Z","time":"x","room":"{room}"}}"#
        )
    }

    #[test]
    fn sessions_are_new_moved_renamed_or_cancelled() {
        let old = week(
            &[
                session("a", "A", "2016-07-19T08:00:00Z", "R1"),
                session("b", "B", "2016-07-19T08:00:00Z", "R1"),
                session("c", "C", "2016-07-19T08:00:00Z", "R1"),
            ]
            .join(","),
            "",
        );
        let new = week(
            &[
                session("a", "A", "2016-07-19T09:00:00Z", "R1"),
                session("b", "B2", "2016-07-19T08:00:00Z", "R1"),
                session("d", "D", "2016-07-19T08:00:00Z", "R2"),
            ]
            .join(","),
            "",
        );
        let c = compare(&old, &new);
        let kinds: Vec<(ChangeKind, &str)> = c.iter().map(|c| (c.kind, c.what.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (ChangeKind::Moved, "a"),
                (ChangeKind::Renamed, "b"),
                (ChangeKind::New, "d"),
                (ChangeKind::Cancelled, "c")
            ]
        );
        assert_eq!(
            summary(&c).unwrap(),
            "1 new, 1 moved, 1 renamed, 1 cancelled"
        );
        assert!(compare(&new, &new).is_empty());
        assert_eq!(summary(&[]), None);
    }

    #[test]
    fn contributions_moved_between_items_and_sessions() {
        let c = |item: &str, sessions: &str| {
            format!(r#"{{"number":"SEC-1","title":"T","item":"{item}","sessions":[{sessions}]}}"#)
        };
        let old = week("", &c("5", "\"S1\""));
        let new = week("", &c("6", "\"S3\",\"S4\""));
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].kind, ChangeKind::ContributionMoved);
        assert_eq!(
            changes[0].text,
            "SEC-1 T (SEC#24): item 5, session S1 -> item 6, sessions S3, S4"
        );
        assert_eq!(
            compare(&old, &week("", ""))[0].kind,
            ChangeKind::ContributionRemoved
        );
    }

    #[test]
    fn a_contribution_is_not_moved_by_a_session_cancelled_or_added() {
        let s = |id: &str| {
            format!(
                r#"{{"id":"{id}","uid":"{id}@x","title":"{id}","day":"2016-07-19","start":null,"end":null}}"#
            )
        };
        let c = |item: &str, sessions: &str| {
            format!(r#"{{"number":"SEC-1","title":"T","item":"{item}","sessions":[{sessions}]}}"#)
        };
        let old = week(&[s("S1"), s("S5")].join(","), &c("5", r#""S1","S5""#));
        let cancelled = week(&s("S1"), &c("5", r#""S1""#));
        let kinds: Vec<ChangeKind> = compare(&old, &cancelled).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ChangeKind::Cancelled]);
        let added = week(
            &[s("S1"), s("S5"), s("S8")].join(","),
            &c("5", r#""S1","S5","S8""#),
        );
        let kinds: Vec<ChangeKind> = compare(&old, &added).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ChangeKind::New]);
        // Moved off a session that stays: moved.
        let moved = week(&[s("S1"), s("S5")].join(","), &c("5", r#""S5""#));
        let kinds: Vec<ChangeKind> = compare(&old, &moved).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ChangeKind::ContributionMoved]);
    }

    #[test]
    fn a_week_json_of_another_version_is_refused() {
        let e = Published::parse(br#"{"version":99,"meetings":[]}"#).unwrap_err();
        assert!(
            e.contains("version 99") && e.contains("writes version 1"),
            "{e}"
        );
        let e = Published::parse(br#"{"meetings":[]}"#).unwrap_err();
        assert!(e.contains("no \"version\""), "{e}");
    }

    #[test]
    fn a_week_json_giving_a_session_meeting_or_contribution_twice_is_refused() {
        // Found by the `published` fuzz target: with a UID twice, the week
        // compared with itself showed a move.
        let s = r#"{"uid":"SEC-24-S1@x","title":"S1","day":"2016-07-18"}"#;
        let c = r#"{"number":"SEC-2016-0001","item":"5"}"#;
        let week = |meetings: &str| format!(r#"{{"version":1,"meetings":[{meetings}]}}"#);
        let one = week(&format!(
            r#"{{"id":"SEC#24","sessions":[{s}],"contributions":[{c}]}}"#
        ));
        assert!(Published::parse(one.as_bytes()).is_ok());
        let e = Published::parse(
            week(&format!(r#"{{"id":"SEC#24","sessions":[{s},{s}]}}"#)).as_bytes(),
        )
        .unwrap_err();
        assert!(e.contains("session UID SEC-24-S1@x is given twice"), "{e}");
        let e = Published::parse(
            week(&format!(r#"{{"id":"SEC#24","contributions":[{c},{c}]}}"#)).as_bytes(),
        )
        .unwrap_err();
        assert!(
            e.contains("contribution SEC-2016-0001 of SEC#24 is given twice"),
            "{e}"
        );
        let e =
            Published::parse(week(r#"{"id":"SEC#24"},{"id":"SEC#24"}"#).as_bytes()).unwrap_err();
        assert!(e.contains("meeting SEC#24 is given twice"), "{e}");
    }

    #[test]
    fn histories_are_checked_when_read() {
        let ok = r#"{"version":1,"feed":"tag:x,2016-07-18:agendum/releases","releases":[{"number":1,"id":"i","time":"2016-07-18T09:00:00Z","summary":"s","changes":[]}]}"#;
        assert_eq!(History::parse(ok.as_bytes()).unwrap().releases.len(), 1);
        let e = History::parse(ok.replace("\"number\":1", "\"number\":2").as_bytes()).unwrap_err();
        assert!(e.contains("numbered 1, 2, 3"), "{e}");
        let e = History::parse(ok.replace("2016-07-18T09", "yesterday").as_bytes()).unwrap_err();
        assert!(e.contains("not an RFC 3339 instant"), "{e}");
        let e = History::parse(b"{").unwrap_err();
        assert!(e.starts_with("line 1 column 1"), "{e}");
        let e =
            History::parse(ok.replace("\"version\":1", "\"version\":9").as_bytes()).unwrap_err();
        assert!(e.contains("version 9"), "{e}");
    }

    #[test]
    fn xml_text_is_escaped_and_controls_dropped() {
        assert_eq!(xml("a<b>&\"'\u{1}\u{7f}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
