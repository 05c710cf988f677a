//! `week.json`: the week for other tools, with its JSON Schema
//! (`week.schema.json`) derived from the same types, so the two cannot
//! drift apart.

use schemars::JsonSchema;
use serde::Serialize;

use super::Entry;
use crate::export::render;
use crate::load::week::Week;

/// The week: its meetings, their sessions and contributions.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(title = "agendum week")]
pub struct WeekJson {
    /// The format's version; a change that drops or renames a field raises it.
    pub version: u32,
    /// The meetings, in the order their files were given.
    pub meetings: Vec<MeetingJson>,
}

/// One meeting.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MeetingJson {
    /// `SEC#24`.
    pub id: String,
    /// The full title.
    pub title: String,
    /// The hosting group.
    pub group: String,
    /// The venue's IANA zone.
    pub timezone: String,
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day.
    pub end: String,
    /// Where.
    pub venue: Option<String>,
    /// The meeting's page in the site.
    pub page: String,
    /// Its sessions, in time order.
    pub sessions: Vec<SessionJson>,
    /// Its contributions, in file order.
    pub contributions: Vec<ContributionJson>,
}

/// One session.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SessionJson {
    /// The id in its file, `S1`.
    pub id: String,
    /// The calendar UID the feeds give it.
    pub uid: String,
    /// Title.
    pub title: String,
    /// Kind: `break-out`, `joint`, `plenary` ...
    pub kind: String,
    /// The groups taking part (empty for a session every group attends).
    pub groups: Vec<String>,
    /// Every group of the week attends.
    pub all_groups: bool,
    /// Day in the venue's zone, `YYYY-MM-DD`: the day the session starts
    /// on there (a call the file gives at 02:00 UTC on a Wednesday is on
    /// the Tuesday in Montreal).
    pub day: String,
    /// The zone the file gives the session's times in, when it is not the
    /// venue's (`UTC`); `null` otherwise.
    pub timezone: Option<String>,
    /// The session's day in that zone, as the file gives it; `null` when
    /// `timezone` is.
    pub timezone_day: Option<String>,
    /// Start, RFC 3339 in UTC; `null` when the file gives no time.
    pub start: Option<String>,
    /// End, RFC 3339 in UTC.
    pub end: Option<String>,
    /// The time as the site's pages print it: the venue's clock, then the
    /// session's own zone's when the file gives another.
    pub time: String,
    /// Room, or `null`.
    pub room: Option<String>,
    /// What the file assumes of it ("time and room assumed").
    pub assumed: Option<String>,
}

/// One contribution.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContributionJson {
    /// The number as first listed.
    pub number: String,
    /// Its revisions, in order.
    pub revisions: Vec<String>,
    /// Title.
    pub title: String,
    /// Source companies.
    pub source: Vec<String>,
    /// The agenda item.
    pub item: String,
    /// The sessions that treat it (ids in its file): the one it is pinned
    /// to, else those that list its item.
    pub sessions: Vec<String>,
    /// The canonical status, or `null`.
    pub status: Option<String>,
    /// The document's URL, when the meeting gives a template.
    pub url: Option<String>,
}

/// The week as `week.json` says it.
pub(crate) fn week(week: &Week, entries: &[Entry], pages: &[String]) -> WeekJson {
    let meetings = week
        .meetings
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let h = &m.header;
            let sessions = entries
                .iter()
                .filter(|e| e.meeting == i)
                .map(|e| SessionJson {
                    id: e.id.clone(),
                    uid: e.uid.clone(),
                    title: e.title.clone(),
                    kind: e.kind.as_str().to_string(),
                    groups: if e.all_groups {
                        Vec::new()
                    } else {
                        e.groups.clone()
                    },
                    all_groups: e.all_groups,
                    day: e.day.to_string(),
                    timezone: e.own.as_ref().map(|(z, _)| z.clone()),
                    timezone_day: e.own.as_ref().map(|(_, d)| d.to_string()),
                    start: e
                        .interval
                        .map(|iv| iv.start.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
                    end: e
                        .interval
                        .map(|iv| iv.end.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
                    time: e.time.clone(),
                    room: (!e.room.is_empty()).then(|| e.room.clone()),
                    assumed: e.assumed.clone(),
                })
                .collect();
            let contributions = m
                .contributions
                .iter()
                .map(|c| ContributionJson {
                    number: c.number.as_str().to_string(),
                    revisions: c.revisions.iter().map(|r| r.value.clone()).collect(),
                    title: c.title.clone(),
                    source: c.source.clone(),
                    item: c.item.as_str().to_string(),
                    sessions: match &c.session {
                        Some(pin) => vec![pin.value.clone()],
                        None => m
                            .sessions
                            .iter()
                            .filter(|s| s.items.iter().any(|i| i.value == c.item.value))
                            .map(|s| s.id.value.clone())
                            .collect(),
                    },
                    status: c.status.as_ref().map(|s| s.value.as_str().to_string()),
                    url: render::contribution_row(m, c).url,
                })
                .collect();
            MeetingJson {
                id: h.id.value.clone(),
                title: h.title.clone(),
                group: h.group.value.clone(),
                timezone: h.timezone.name().to_string(),
                start: h.dates.start.value.to_string(),
                end: h.dates.end.value.to_string(),
                venue: h.venue.clone(),
                page: format!("{}.html", pages[i]),
                sessions,
                contributions,
            }
        })
        .collect();
    WeekJson {
        version: 1,
        meetings,
    }
}

/// Pretty JSON with a final newline.
pub(crate) fn to_bytes(week: &WeekJson) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(week).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The JSON Schema of `week.json`.
pub(crate) fn schema_bytes() -> Vec<u8> {
    let schema = schemars::schema_for!(WeekJson);
    let mut out = serde_json::to_vec_pretty(&schema).unwrap_or_default();
    out.push(b'\n');
    out
}
