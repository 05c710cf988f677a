//! `agendum site`: the week published as a static bundle of files that any
//! web server or a forge's pages can serve, and that works offline.
//!
//! The bundle is built in memory ([`Site`]: path to bytes), so `agendum
//! serve` answers from the same bytes `agendum site` writes. Everything it
//! says comes from the renderers and calendars the other commands use: a
//! meeting's page is its HTML agenda (then its minutes, once something is
//! recorded), and each group's and person's page lists exactly the events
//! of that group's or person's feed, made by the same filter as `agendum ics
//! --group` and `--person`. Pages need no script: a small local one adds
//! filters kept in the URL, "my agenda" and times in the reader's own zone.
//! Nothing is fetched from elsewhere: no CDN, no web font.

mod json;
mod pages;
pub mod release;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::diagnostic::Diagnostic;
use crate::export::ics::write::{self, Method};
use crate::export::ics::{self, FilterSpec, MakeError};
use crate::export::render::{self, Document, Kind};
use crate::load::week::{Interval, Week};
use crate::model::status::SessionKind;

pub use json::WeekJson;

/// What the site is built with besides the week.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// DTSTAMP of the feeds and the build's date (from `SOURCE_DATE_EPOCH`).
    pub stamp: DateTime<Utc>,
    /// Where the site will be served (`https://wg.example.org/sec24/`): the
    /// subscribe links become absolute (`webcal://` needs a host). `None`:
    /// relative links, and the page's script makes the `webcal://` ones.
    pub base_url: Option<String>,
    /// A line every page shows at its top: why the site is not up to date
    /// (`agendum serve` keeps the last good site while a file is broken).
    pub banner: Option<String>,
    /// The published site the feeds update (`agendum release --previous`):
    /// each feed is made with its file there as `ics --previous`, so an
    /// unchanged event keeps its SEQUENCE, a changed one gets a higher one
    /// and a session gone is cancelled.
    pub previous: Option<PathBuf>,
    /// The releases so far (`agendum release`): the site gets changelog.html,
    /// atom.xml and releases.json, and every page links them.
    pub history: Option<release::History>,
}

/// One file of the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Its media type, for a server.
    pub content_type: &'static str,
}

/// The bundle: every file by its path below the site's root (`index.html`,
/// `group/sec.ics`), in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    /// The files.
    pub files: BTreeMap<String, File>,
}

impl Site {
    /// Adds a file.
    fn put(&mut self, path: String, bytes: Vec<u8>, content_type: &'static str) {
        self.files.insert(
            path,
            File {
                bytes,
                content_type,
            },
        );
    }

    /// The size of the bundle in bytes.
    pub fn size(&self) -> usize {
        self.files.values().map(|f| f.bytes.len()).sum()
    }
}

/// Why no site could be built.
#[derive(Debug)]
pub enum Error {
    /// The week has no session.
    Empty,
    /// A feed could not be made (an event without the chair's address, two
    /// sessions with one UID): what `agendum ics` would say. Also when a
    /// feed of the published site (`previous`) cannot be read or updated.
    Calendar(Vec<Diagnostic>),
    /// A filter the site made names what the week lacks: a bug.
    Internal(String),
}

/// HTML pages.
pub const HTML: &str = "text/html; charset=utf-8";
/// Calendars.
pub const CALENDAR: &str = "text/calendar; charset=utf-8";

/// One session as the pages show it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Index of the meeting in the week.
    pub meeting: usize,
    /// The calendar UID, which the feeds carry too.
    pub uid: String,
    /// The session's id in its file (`S1`).
    pub id: String,
    /// "Super Session S2".
    pub title: String,
    /// The groups that take part; "All groups" for a plenary.
    pub groups: Vec<String>,
    /// Whether every group of the week attends.
    pub all_groups: bool,
    /// Its kind.
    pub kind: SessionKind,
    /// Its day in the venue's zone (`2014-04-08`): the day it starts on
    /// there, which for a session the file gives in another zone may not
    /// be the day the file gives.
    pub day: chrono::NaiveDate,
    /// The zone the file gives it in and its day there, when that zone is
    /// not the venue's (`UTC`, `2016-07-20`).
    pub own: Option<(String, chrono::NaiveDate)>,
    /// When, as an instant; `None` when the file gives no time.
    pub interval: Option<Interval>,
    /// "08:00-12:00", in the venue's zone, with its own zone beside when
    /// the file gives another.
    pub time: String,
    /// The room, or "" (a call has none).
    pub room: String,
    /// What the file assumes of it ("time and room assumed").
    pub assumed: Option<String>,
}

/// A page of a group or a person: whose it is, where it goes, its sessions.
#[derive(Debug, Clone)]
pub(crate) struct Owner {
    /// "SEC" or "Francois Ennesser".
    pub name: String,
    /// A longer name: "Security (WG4)".
    pub label: String,
    /// `group/sec` (the page is `.html`, the feed `.ics`).
    pub path: String,
    /// UIDs of its sessions, as its feed has them.
    pub uids: BTreeSet<String>,
}

/// Builds the site of a week.
///
/// # Errors
/// [`Error::Empty`] for a week without sessions, [`Error::Calendar`] when a
/// feed cannot be made.
pub fn build(week: &Week, options: &Options) -> Result<Site, Error> {
    let entries = entries(week);
    if entries.is_empty() {
        return Err(Error::Empty);
    }
    let mut site = Site::default();
    let feeds = Feeds {
        week,
        previous: options.previous.as_deref(),
        options: ics::Options {
            method: Some(Method::Publish),
            utc: false,
            stamp: options.stamp,
        },
    };
    let Some(all) = feeds.make(&FilterSpec::default(), "all.ics")? else {
        return Err(Error::Empty);
    };
    site.put("all.ics".into(), all.bytes, CALENDAR);
    let mut slugs = Slugs::default();
    let groups = group_names(week)
        .into_iter()
        .map(|(id, label)| {
            let spec = FilterSpec {
                groups: vec![id.clone()],
                ..FilterSpec::default()
            };
            (id, label, spec)
        })
        .collect();
    let groups = owners(&feeds, &mut site, &mut slugs, "group", groups)?;
    let people = person_names(week)
        .into_iter()
        .map(|name| {
            let spec = FilterSpec {
                person: Some(name.clone()),
                ..FilterSpec::default()
            };
            (name.clone(), name, spec)
        })
        .collect();
    let people = owners(&feeds, &mut site, &mut slugs, "person", people)?;
    let meetings: Vec<String> = week
        .meetings
        .iter()
        .map(|m| format!("meeting/{}", slugs.take("meeting", m.header.id.as_str())))
        .collect();
    let ctx = pages::Context {
        week,
        options,
        entries: &entries,
        groups: &groups,
        people: &people,
        meetings: &meetings,
    };
    site.put("index.html".into(), ctx.index().into_bytes(), HTML);
    site.put("documents.html".into(), ctx.documents().into_bytes(), HTML);
    meeting_pages(&ctx, &mut site);
    for owner in groups.iter().chain(&people) {
        site.put(
            format!("{}.html", owner.path),
            ctx.owner(owner).into_bytes(),
            HTML,
        );
    }
    site.put(
        "site.css".into(),
        pages::CSS.as_bytes().to_vec(),
        "text/css; charset=utf-8",
    );
    site.put(
        "site.js".into(),
        pages::SCRIPT.as_bytes().to_vec(),
        "text/javascript; charset=utf-8",
    );
    let json = json::week(week, &entries, &meetings);
    if let Some(history) = &options.history {
        put_release(&mut site, &ctx, history);
    }
    site.put(
        "week.json".into(),
        json::to_bytes(&json),
        "application/json",
    );
    site.put(
        "week.schema.json".into(),
        json::schema_bytes(),
        "application/schema+json",
    );
    Ok(site)
}

/// The release files: changelog.html, atom.xml and releases.json.
fn put_release(site: &mut Site, ctx: &pages::Context<'_>, history: &release::History) {
    let base = ctx.options.base_url.as_deref();
    let changelog = ctx.page("", "Changes", &history.changelog(base), "");
    site.put("changelog.html".into(), changelog.into_bytes(), HTML);
    let atom = history.atom(ctx.week, base);
    site.put("atom.xml".into(), atom.into_bytes(), "application/atom+xml");
    site.put(
        "releases.json".into(),
        history.to_bytes(),
        "application/json",
    );
}

/// A feed and the UIDs of its events.
struct Feed {
    bytes: Vec<u8>,
    uids: BTreeSet<String>,
}

/// Makes the site's feeds as `agendum ics` makes them.
struct Feeds<'a> {
    week: &'a Week,
    /// The published site whose feeds these update.
    previous: Option<&'a Path>,
    options: ics::Options,
}

impl Feeds<'_> {
    /// The feed of the sessions `spec` keeps, at `path` in the site;
    /// `None` when it keeps none.
    fn make(&self, spec: &FilterSpec, path: &str) -> Result<Option<Feed>, Error> {
        let previous = self
            .previous
            .map(|dir| dir.join(path))
            .filter(|p| p.is_file());
        match ics::make(self.week, spec, self.options, previous.as_deref()) {
            Ok(made) => {
                let mut bytes = Vec::new();
                let mut uids = BTreeSet::new();
                for o in &made.objects {
                    bytes.extend(write::to_bytes(&o.calendar));
                    uids.extend(o.calendar.events.iter().map(|e| e.uid.clone()));
                }
                Ok(Some(Feed { bytes, uids }))
            }
            Err(MakeError::Empty) => Ok(None),
            Err(MakeError::Problems(d)) => Err(Error::Calendar(d)),
            Err(MakeError::Previous(e)) => Err(Error::Calendar(vec![Diagnostic::error(
                "previous",
                format!("the published feed: {e}"),
            )])),
            Err(MakeError::Request(e)) => Err(Error::Internal(e.to_string())),
        }
    }
}

/// The groups' or people's feeds, put in `folder`; those with no session
/// get neither a feed nor a page.
fn owners(
    feeds: &Feeds<'_>,
    site: &mut Site,
    slugs: &mut Slugs,
    folder: &str,
    wanted: Vec<(String, String, FilterSpec)>,
) -> Result<Vec<Owner>, Error> {
    let mut out = Vec::new();
    for (name, label, spec) in wanted {
        // The slug is taken first, so that the previous feed is found; a
        // name with no session gives it back.
        let slug = slugs.take(folder, &name);
        let path = format!("{folder}/{slug}");
        let Some(feed) = feeds.make(&spec, &format!("{path}.ics"))? else {
            slugs.give_back(folder, &slug);
            continue;
        };
        site.put(format!("{path}.ics"), feed.bytes, CALENDAR);
        out.push(Owner {
            name,
            label,
            path,
            uids: feed.uids,
        });
    }
    Ok(out)
}

/// One page per meeting: its agenda, then its minutes once something is
/// recorded.
fn meeting_pages(ctx: &pages::Context<'_>, site: &mut Site) {
    let week = ctx.week;
    let agenda = render::build(week, &render::Options::default());
    let minutes = render::report::build(week);
    for (i, path) in ctx.meetings.iter().enumerate() {
        let part = |doc: &Document, kind: Kind| {
            doc.meetings.get(i).map(|m| Document {
                kind,
                zone_headings: Vec::new(),
                grid: None,
                meetings: vec![m.clone()],
            })
        };
        let recorded = week.meetings[i]
            .contributions
            .iter()
            .any(|c| !c.history.is_empty());
        let agenda = part(&agenda, Kind::Agenda);
        let minutes = if recorded {
            part(&minutes, Kind::Minutes)
        } else {
            None
        };
        let html = ctx.meeting(i, agenda.as_ref(), minutes.as_ref());
        site.put(format!("{path}.html"), html.into_bytes(), HTML);
    }
}

/// Every session of the week in time order (then meeting and file order).
fn entries(week: &Week) -> Vec<Entry> {
    let mut out: Vec<Entry> = week
        .sessions()
        .map(|(m, _, s, iv)| {
            let meeting = &week.meetings[m];
            let all_groups = s.kind.is_all_groups();
            let groups = if all_groups {
                vec!["All groups".to_string()]
            } else {
                meeting
                    .session_groups(s)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            };
            let day = render::venue_day(meeting, s, iv);
            let own = s
                .timezone
                .as_ref()
                .filter(|z| z.value != meeting.header.timezone.value)
                .map(|z| (z.name().to_string(), s.day.value.0));
            Entry {
                meeting: m,
                uid: ics::uid(meeting, s),
                id: s.id.value.clone(),
                title: render::session_title(meeting, s),
                groups,
                all_groups,
                kind: s.kind.value,
                day,
                own,
                interval: iv,
                time: time(meeting, s, iv, day),
                room: s.room.as_ref().map(|r| r.value.clone()).unwrap_or_default(),
                assumed: s.assumed_words(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.day, a.interval.map(|i| i.start), a.meeting).cmp(&(
            b.day,
            b.interval.map(|i| i.start),
            b.meeting,
        ))
    });
    out
}

/// The session's time as the site shows it, on its venue day: the venue's
/// clock, and when the file gives another zone its own times beside, with
/// their weekday when it is another day there: "22:00-23:00 (Wed
/// 02:00-03:00 UTC)".
fn time(
    meeting: &crate::model::Meeting,
    s: &crate::model::Session,
    iv: Option<Interval>,
    day: chrono::NaiveDate,
) -> String {
    let venue = meeting.header.timezone.value;
    match (&s.timezone, iv) {
        (Some(z), Some(iv)) if z.value != venue => format!(
            "{} ({} {})",
            render::zone_time(iv, venue, day),
            render::zone_time(iv, z.value, day),
            render::zone_heading(z)
        ),
        _ => render::session_time(meeting, s, iv).unwrap_or_default(),
    }
}

/// Every group declared in the week, once, with its long name.
fn group_names(week: &Week) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for g in week.meetings.iter().flat_map(|m| &m.groups) {
        if seen.insert(g.id.value.clone()) {
            let label = match (&g.name, &g.number) {
                (Some(n), Some(num)) => format!("{n} ({num})"),
                (Some(n), None) => n.clone(),
                (None, Some(num)) => num.clone(),
                (None, None) => g.id.value.clone(),
            };
            out.push((g.id.value.clone(), label));
        }
    }
    out
}

/// Every person declared in the week, once, by the name they are declared by.
fn person_names(week: &Week) -> Vec<String> {
    let mut seen = BTreeSet::new();
    week.meetings
        .iter()
        .flat_map(|m| &m.people)
        .filter(|p| seen.insert(p.name.value.clone()))
        .map(|p| p.name.value.clone())
        .collect()
}

/// File names made from names: lower case ASCII letters, digits and `-`,
/// unique within their folder, the same from one build to the next.
#[derive(Debug, Default)]
struct Slugs {
    taken: BTreeSet<String>,
}

impl Slugs {
    /// The slug of `name` in `folder` ("SEC#24" -> "sec-24"; "Younsun Kim"
    /// -> "younsun-kim"), with "-2", "-3" ... when another name has it.
    fn take(&mut self, folder: &str, name: &str) -> String {
        let mut slug = String::new();
        for c in deunicode::deunicode(name)
            .chars()
            .flat_map(char::to_lowercase)
        {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        if slug.is_empty() {
            slug.push('x');
        }
        let mut candidate = slug.clone();
        let mut n = 2;
        while !self.taken.insert(format!("{folder}/{candidate}")) {
            candidate = format!("{slug}-{n}");
            n += 1;
        }
        candidate
    }

    /// Frees a slug [`Slugs::take`] gave for a file that is not made.
    fn give_back(&mut self, folder: &str, slug: &str) {
        self.taken.remove(&format!("{folder}/{slug}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_and_unique() {
        let mut s = Slugs::default();
        assert_eq!(s.take("meeting", "SEC#24"), "sec-24");
        assert_eq!(s.take("meeting", "SEC 24"), "sec-24-2");
        assert_eq!(s.take("group", "SEC"), "sec");
        assert_eq!(s.take("person", "François Ennesser"), "francois-ennesser");
        assert_eq!(s.take("person", "<script>"), "script");
        assert_eq!(s.take("person", "井上"), "jing-shang");
        assert_eq!(s.take("person", "\u{200f}"), "x");
    }
}
