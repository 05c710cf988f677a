//! The site's HTML pages: the week's grid, the documents index, one page per
//! meeting, group and person. Every text from the files is escaped
//! ([`escape`]); every link is to a file of the bundle or to a document URL
//! the file gives (checked to be http or https when loaded).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Entry, Options, Owner};
use crate::export::render::html::{escape, escape_pre};
use crate::export::render::{self, Document};
use crate::load::week::Week;

/// What every page is built from.
pub(crate) struct Context<'a> {
    pub week: &'a Week,
    pub options: &'a Options,
    pub entries: &'a [Entry],
    pub groups: &'a [Owner],
    pub people: &'a [Owner],
    /// Each meeting's page path (`meeting/sec-24`), by meeting index.
    pub meetings: &'a [String],
}

/// One session of the grid: the entries several files give for one joint
/// session (same day, start, end and room) are one.
struct Cell<'a> {
    first: &'a Entry,
    groups: Vec<String>,
    titles: Vec<String>,
    meetings: Vec<usize>,
    uids: Vec<String>,
    all_groups: bool,
}

impl Context<'_> {
    /// The zones the week's files list for their delegates, once each.
    fn delegate_zones(&self) -> Vec<crate::model::clock::Zone> {
        let mut out: Vec<crate::model::clock::Zone> = Vec::new();
        for z in self
            .week
            .meetings
            .iter()
            .flat_map(|m| &m.header.delegate_zones)
        {
            if !out.iter().any(|o| o.name() == z.name()) {
                out.push(z.value);
            }
        }
        out
    }

    /// The week at a glance: one table per day, the day's times down and
    /// the rooms across, each session linking to its meeting's agenda.
    pub fn index(&self) -> String {
        let mut main = String::new();
        let ids: Vec<&str> = self
            .week
            .meetings
            .iter()
            .map(|m| m.header.id.as_str())
            .collect();
        let _ = writeln!(main, "<h1>{}</h1>", escape(&ids.join(", ")));
        main.push_str(&self.dates_line());
        main.push_str(&self.subscribe("", "all.ics", "the whole week"));
        main.push_str(&self.filters());
        let mut rooms: Vec<String> = Vec::new();
        for e in self.entries {
            let room = room_label(e);
            if !rooms.contains(&room) {
                rooms.push(room);
            }
        }
        let mut days: BTreeMap<chrono::NaiveDate, Vec<&Entry>> = BTreeMap::new();
        for e in self.entries {
            days.entry(e.day).or_default().push(e);
        }
        for (day, entries) in days {
            let cells = merge(&entries);
            let mut times: Vec<(Option<i64>, String)> = cells
                .iter()
                .map(|c| (start_of(c.first), c.first.time.clone()))
                .collect();
            times.sort();
            times.dedup();
            let used: Vec<&String> = rooms
                .iter()
                .filter(|r| cells.iter().any(|c| room_label(c.first) == **r))
                .collect();
            let _ = write!(
                main,
                "<section class=\"day\" data-day=\"{day}\">\n<h2>{}</h2>\n<div class=\"scroll\"><table class=\"grid\">\n<thead><tr><th scope=\"col\">Time</th>",
                escape(&render::day_label(day))
            );
            for r in &used {
                let _ = write!(main, "<th scope=\"col\">{}</th>", escape(r));
            }
            main.push_str("</tr></thead>\n<tbody>\n");
            for (start, time) in &times {
                let _ = write!(main, "<tr><th scope=\"row\">{}</th>", escape(time));
                for r in &used {
                    main.push_str("<td>");
                    for c in cells.iter().filter(|c| {
                        room_label(c.first) == **r
                            && start_of(c.first) == *start
                            && c.first.time == *time
                    }) {
                        main.push_str(&self.cell(c));
                    }
                    main.push_str("</td>");
                }
                main.push_str("</tr>\n");
            }
            main.push_str("</tbody>\n</table></div>\n</section>\n");
        }
        if !self.people.is_empty() {
            main.push_str("<section class=\"people\">\n<h2>People</h2>\n<p>Each person's sessions and feed:</p>\n<ul class=\"people\">\n");
            for p in self.people {
                let _ = writeln!(
                    main,
                    "<li><a href=\"{}.html\">{}</a></li>",
                    p.path,
                    escape(&p.name)
                );
            }
            main.push_str("</ul>\n</section>\n");
        }
        self.page("", "The week", &main, "")
    }

    /// One session of the grid.
    fn cell(&self, c: &Cell<'_>) -> String {
        let e = c.first;
        let mut s = format!(
            "<div class=\"session{}\" data-groups=\"{}\" data-kind=\"{}\" data-day=\"{}\" data-uid=\"{}\">",
            if c.groups.len() > 1 { " joint" } else { "" },
            escape(&group_attr(c.all_groups, &c.groups)),
            e.kind.as_str(),
            e.day,
            escape(&c.uids.join(" "))
        );
        let _ = write!(s, "{} ", self.time(e));
        let _ = write!(
            s,
            "<span class=\"groups\">{}</span> ",
            escape(&c.groups.join("/"))
        );
        let title = c.titles.join(" / ");
        match c.meetings.as_slice() {
            [one] => {
                let _ = write!(
                    s,
                    "<a href=\"{}.html\">{}</a>",
                    self.meetings[*one],
                    escape(&title)
                );
            }
            many => {
                let _ = write!(s, "{}", escape(&title));
                for m in many {
                    let _ = write!(
                        s,
                        " <a class=\"agenda\" href=\"{}.html\">{} agenda</a>",
                        self.meetings[*m],
                        escape(self.week.meetings[*m].header.group.as_str())
                    );
                }
            }
        }
        if let Some(a) = &e.assumed {
            let _ = write!(s, " <span class=\"assumed\">({})</span>", escape(a));
        }
        s.push_str("</div>");
        s
    }

    /// Every contribution of the week: number (linked where the file gives
    /// a document URL), title, source, status, item and meeting.
    pub fn documents(&self) -> String {
        let mut main = String::from("<h1>Documents</h1>\n");
        main.push_str(&self.subscribe("", "all.ics", "the whole week"));
        main.push_str(&self.filter_form(false));
        let mut count = 0usize;
        let mut rows = String::new();
        for (i, m) in self.week.meetings.iter().enumerate() {
            for c in &m.contributions {
                count += 1;
                let row = render::contribution_row(m, c);
                let number = match &row.url {
                    Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(&row.number)),
                    None => escape(&row.number),
                };
                let item = m
                    .agenda
                    .iter()
                    .find(|a| a.number.value == c.item.value)
                    .map_or_else(
                        || c.item.as_str().to_string(),
                        |a| format!("{} {}", a.number.as_str(), a.title.trim()),
                    );
                let groups: Vec<String> = if c.groups.is_empty() {
                    vec![m.header.group.value.clone()]
                } else {
                    c.groups.iter().map(|g| g.value.clone()).collect()
                };
                let _ = writeln!(
                    rows,
                    "<tr class=\"session\" data-groups=\"{}\"><td class=\"nowrap\">{number}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{}.html\">{}</a></td></tr>",
                    escape(&groups.join(" ")),
                    escape(&row.title),
                    escape(&row.source),
                    escape(&row.status_and_remarks()),
                    escape(&item),
                    self.meetings[i],
                    escape(m.header.id.as_str())
                );
            }
        }
        let _ = writeln!(
            main,
            "<p>{count} contribution{}.</p>",
            render::plural(count)
        );
        if count > 0 {
            main.push_str("<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Number</th><th scope=\"col\">Title</th><th scope=\"col\">Source</th><th scope=\"col\">Status</th><th scope=\"col\">Item</th><th scope=\"col\">Meeting</th></tr></thead>\n<tbody>\n");
            main.push_str(&rows);
            main.push_str("</tbody>\n</table></div>\n");
        }
        self.page("", "Documents", &main, "")
    }

    /// A meeting's page: its agenda, then its minutes once something is
    /// recorded, as `agendum render` lays them out.
    pub fn meeting(
        &self,
        i: usize,
        agenda: Option<&Document>,
        minutes: Option<&Document>,
    ) -> String {
        let m = &self.week.meetings[i];
        let mut main = String::new();
        let group = self
            .groups
            .iter()
            .find(|g| g.name == m.header.group.as_str());
        if let Some(g) = group {
            main.push_str(&self.subscribe(
                "../",
                &format!("{}.ics", g.path),
                &format!("{}'s sessions", g.name),
            ));
        }
        let mut style = String::new();
        for doc in [agenda, minutes].into_iter().flatten() {
            let _ = writeln!(
                main,
                "<div class=\"document {}\">",
                doc.kind.label().to_lowercase()
            );
            main.push_str(&render::html::body(doc));
            main.push_str("</div>\n");
            style.push_str(&render::html::page_rules(doc));
        }
        self.page("../", m.header.id.as_str(), &main, &style)
    }

    /// A group's or a person's page: the sessions of its feed.
    pub fn owner(&self, owner: &Owner) -> String {
        let mut main = String::new();
        if owner.label == owner.name {
            let _ = writeln!(main, "<h1>{}</h1>", escape(&owner.name));
        } else {
            let _ = writeln!(
                main,
                "<h1>{} <span class=\"muted\">{}</span></h1>",
                escape(&owner.name),
                escape(&owner.label)
            );
        }
        main.push_str(&self.subscribe(
            "../",
            &format!("{}.ics", owner.path),
            &format!("{}'s sessions", owner.name),
        ));
        main.push_str(&self.filters());
        let mine: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| owner.uids.contains(&e.uid))
            .collect();
        let _ = writeln!(
            main,
            "<p>{} session{}.</p>",
            mine.len(),
            render::plural(mine.len())
        );
        // The delegates' zones the files list, as columns beside the venue's.
        let zones = self.delegate_zones();
        main.push_str("<div class=\"scroll\"><table class=\"sessions\">\n<thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Time</th>");
        for z in &zones {
            let _ = write!(
                main,
                "<th scope=\"col\">{}</th>",
                escape(&render::zone_heading(z))
            );
        }
        main.push_str("<th scope=\"col\">Room</th><th scope=\"col\">Session</th><th scope=\"col\">Groups</th></tr></thead>\n<tbody>\n");
        for e in mine {
            let mut abroad = String::new();
            for z in &zones {
                let t = e
                    .interval
                    .map(|iv| render::zone_time(iv, *z, e.day))
                    .unwrap_or_default();
                let _ = write!(abroad, "<td class=\"nowrap\">{}</td>", escape(&t));
            }
            let _ = writeln!(
                main,
                "<tr class=\"session\" data-groups=\"{}\" data-kind=\"{}\" data-day=\"{}\" data-uid=\"{}\"><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td>{abroad}<td>{}</td><td><a href=\"../{}.html\">{}</a>{}</td><td>{}</td></tr>",
                escape(&group_attr(e.all_groups, &e.groups)),
                e.kind.as_str(),
                e.day,
                escape(&e.uid),
                escape(&e.day.format("%a %-d %b").to_string()),
                self.time(e),
                escape(&room_label(e)),
                self.meetings[e.meeting],
                escape(&e.title),
                e.assumed
                    .as_ref()
                    .map(|a| format!(" <span class=\"assumed\">({})</span>", escape(a)))
                    .unwrap_or_default(),
                escape(&e.groups.join("/"))
            );
        }
        main.push_str("</tbody>\n</table></div>\n");
        self.page("../", &owner.name, &main, "")
    }

    /// A session's time: the venue's clock, with the instants for the
    /// page's script (which may show them in another zone).
    fn time(&self, e: &Entry) -> String {
        let zone = self.week.meetings[e.meeting].header.timezone.name();
        match e.interval {
            Some(iv) => format!(
                "<time datetime=\"{}\" data-end=\"{}\" data-zone=\"{}\">{}</time>",
                iv.start.format("%Y-%m-%dT%H:%M:%SZ"),
                iv.end.format("%Y-%m-%dT%H:%M:%SZ"),
                escape(zone),
                escape(&e.time)
            ),
            None => escape(&e.time),
        }
    }

    /// The first and last day of the week and its venues.
    fn dates_line(&self) -> String {
        let first = self
            .week
            .meetings
            .iter()
            .map(|m| m.header.dates.start.value)
            .min();
        let last = self
            .week
            .meetings
            .iter()
            .map(|m| m.header.dates.end.value)
            .max();
        let mut venues: Vec<&str> = self
            .week
            .meetings
            .iter()
            .filter_map(|m| m.header.venue.as_deref())
            .collect();
        venues.dedup();
        match (first, last) {
            (Some(a), Some(b)) => format!(
                "<p class=\"muted\">{a} to {b}{}</p>\n",
                if venues.is_empty() {
                    String::new()
                } else {
                    format!(", {}", escape(&venues.join("; ")))
                }
            ),
            _ => String::new(),
        }
    }

    /// The subscribe links of a feed: `https` (or the page's own scheme)
    /// and `webcal`, absolute when the site's URL is known.
    fn subscribe(&self, root: &str, feed: &str, what: &str) -> String {
        let (direct, webcal) = match &self.options.base_url {
            Some(base) => {
                let url = format!("{}/{feed}", base.trim_end_matches('/'));
                let webcal = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"))
                    .map_or_else(|| url.clone(), |rest| format!("webcal://{rest}"));
                (url, webcal)
            }
            None => (format!("{root}{feed}"), format!("{root}{feed}")),
        };
        format!(
            "<p class=\"subscribe\">Subscribe to {}: <a class=\"webcal\" href=\"{}\">{}</a> · <a class=\"feed\" href=\"{}\">{}</a></p>\n",
            escape(what),
            escape(&webcal),
            if self.options.base_url.is_some() {
                escape(&webcal)
            } else {
                "webcal://".to_string()
            },
            escape(&direct),
            escape(&direct)
        )
    }

    /// The filters the script shows (hidden without it): by group, day and
    /// kind, "my agenda", and the zone of the times.
    fn filters(&self) -> String {
        self.filter_form(true)
    }

    /// The filters; with `all` false, only the group's (the documents
    /// index, whose rows are contributions, not sessions).
    fn filter_form(&self, all: bool) -> String {
        let mut s = String::from(
            "<form class=\"filters\" hidden>\n<label>Group <select name=\"group\"><option value=\"\">All</option>",
        );
        for g in self.groups {
            let _ = write!(
                s,
                "<option value=\"{}\">{}</option>",
                escape(&g.name),
                escape(&g.name)
            );
        }
        if !all {
            s.push_str("</select></label>\n</form>\n");
            return s;
        }
        s.push_str(
            "</select></label>\n<label>Day <select name=\"day\"><option value=\"\">All</option>",
        );
        let mut days: Vec<chrono::NaiveDate> = self.entries.iter().map(|e| e.day).collect();
        days.dedup();
        for d in days {
            let _ = write!(
                s,
                "<option value=\"{d}\">{}</option>",
                escape(&d.format("%a %-d %b").to_string())
            );
        }
        s.push_str(
            "</select></label>\n<label>Kind <select name=\"kind\"><option value=\"\">All</option>",
        );
        let mut kinds: Vec<_> = self.entries.iter().map(|e| e.kind).collect();
        kinds.sort_by_key(|k| k.as_str());
        kinds.dedup();
        for k in kinds {
            let _ = write!(s, "<option value=\"{}\">{}</option>", k.as_str(), k.label());
        }
        s.push_str("</select></label>\n<label><input type=\"checkbox\" name=\"mine\" value=\"1\"> Only my agenda</label>\n<label>Times <select name=\"tz\"><option value=\"\">Venue</option><option value=\"local\">My zone</option>");
        let mut zones: Vec<&str> = self
            .week
            .meetings
            .iter()
            .map(|m| m.header.timezone.name())
            .collect();
        let delegates = self.delegate_zones();
        zones.extend(delegates.iter().map(crate::model::clock::Zone::name));
        zones.sort_unstable();
        zones.dedup();
        for z in zones {
            let _ = write!(s, "<option value=\"{}\">{}</option>", escape(z), escape(z));
        }
        s.push_str("</select></label>\n</form>\n");
        s
    }

    /// A whole page: the navigation, the banner when the site is stale,
    /// `main`, and what built it.
    pub(super) fn page(&self, root: &str, title: &str, main: &str, style: &str) -> String {
        let mut s = String::with_capacity(main.len() + 4096);
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"{root}site.css\">\n",
            escape(title)
        );
        if self.options.history.is_some() {
            let _ = writeln!(
                s,
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Changes\" href=\"{root}atom.xml\">"
            );
        }
        if !style.is_empty() {
            let _ = writeln!(s, "<style>{style}</style>");
        }
        let _ = write!(
            s,
            "<script src=\"{root}site.js\" defer></script>\n</head>\n<body>\n<nav class=\"site\"><a href=\"{root}index.html\">Week</a> <a href=\"{root}documents.html\">Documents</a>"
        );
        for g in self.groups {
            let _ = write!(
                s,
                " <a href=\"{root}{}.html\">{}</a>",
                g.path,
                escape(&g.name)
            );
        }
        if self.options.history.is_some() {
            let _ = write!(s, " <a href=\"{root}changelog.html\">Changes</a>");
        }
        s.push_str("</nav>\n");
        if let Some(b) = &self.options.banner {
            let _ = writeln!(
                s,
                "<pre class=\"banner\" role=\"alert\">{}</pre>",
                escape_pre(b)
            );
        }
        s.push_str("<main>\n");
        s.push_str(main);
        let _ = write!(
            s,
            "</main>\n<footer><p>Built by agendum on {} from {} meeting file{}. Times are the venue's unless a page says otherwise.</p></footer>\n</body>\n</html>\n",
            self.options.stamp.format("%Y-%m-%d %H:%M UTC"),
            self.week.meetings.len(),
            render::plural(self.week.meetings.len())
        );
        s
    }
}

/// The room column a session goes in.
fn room_label(e: &Entry) -> String {
    if e.room.is_empty() {
        "No room (call)".to_string()
    } else {
        e.room.clone()
    }
}

/// When a session starts, for sorting.
fn start_of(e: &Entry) -> Option<i64> {
    e.interval.map(|i| i.start.timestamp())
}

/// The groups a filter matches: `*` for a session every group attends.
fn group_attr(all: bool, groups: &[String]) -> String {
    if all {
        "*".to_string()
    } else {
        groups.join(" ")
    }
}

/// The day's sessions with one joint session declared by several files
/// (same start, end and room) made one.
fn merge<'a>(entries: &[&'a Entry]) -> Vec<Cell<'a>> {
    let mut out: Vec<Cell<'a>> = Vec::new();
    for e in entries {
        let same = out.iter_mut().find(|c| {
            !e.room.is_empty()
                && c.first.room == e.room
                && c.first.interval == e.interval
                && c.first.time == e.time
        });
        match same {
            Some(c) => {
                for g in &e.groups {
                    if !c.groups.contains(g) {
                        c.groups.push(g.clone());
                    }
                }
                if !c.titles.contains(&e.title) {
                    c.titles.push(e.title.clone());
                }
                if !c.meetings.contains(&e.meeting) {
                    c.meetings.push(e.meeting);
                }
                c.uids.push(e.uid.clone());
                c.all_groups |= e.all_groups;
            }
            None => out.push(Cell {
                first: e,
                groups: e.groups.clone(),
                titles: vec![e.title.clone()],
                meetings: vec![e.meeting],
                uids: vec![e.uid.clone()],
                all_groups: e.all_groups,
            }),
        }
    }
    out
}

/// The site's style sheet: the agenda's (so a meeting's page reads as
/// `agendum render` prints it), then the site's own.
pub const CSS: &str = concat!(
    include_str!("../render/html.css"),
    r#"
nav.site { background: var(--accent); padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
nav.site a { color: #fff; text-decoration: none; font-weight: bold; }
nav.site a:hover, nav.site a:focus { text-decoration: underline; }
.banner { background: #fde2e1; color: #8a1c14; border: 1px solid #e9a39d; padding: .6rem 1rem; margin: 0; white-space: pre-wrap; font-family: "DejaVu Sans Mono", monospace; font-size: .85rem; }
.muted { color: var(--muted); font-weight: normal; }
.subscribe { background: var(--band); padding: .4rem .8rem; border-radius: .3rem; overflow-wrap: anywhere; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; margin: .6rem 0 1rem; }
.filters label { white-space: nowrap; }
.grid .session { margin: 0 0 .4rem; }
.grid .session a { font-weight: bold; }
.session .groups { color: var(--accent); font-weight: bold; }
.assumed { color: #8a5a00; font-size: .9em; }
.star { border: 1px solid var(--line); background: #fff; border-radius: .3rem; cursor: pointer; padding: 0 .3rem; margin-right: .3rem; }
.star[aria-pressed="true"] { background: #fff1d6; }
footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem 2rem; color: var(--muted); font-size: .85rem; }
ul.people { columns: 14rem; }
@media (max-width: 40rem) {
  table.sessions thead { display: none; }
  table.sessions, table.sessions tbody, table.sessions tr, table.sessions td { display: block; width: 100%; }
  table.sessions tr { border: 1px solid var(--line); margin: 0 0 .5rem; }
  table.sessions td { border: 0; padding: .15rem .5rem; }
  table.sessions td:first-child { font-weight: bold; padding-top: .4rem; }
}
.document + .document { border-top: 3px solid var(--accent); margin-top: 2rem; }
"#
);

/// The site's script: filters by group, day and kind, "my agenda" and the
/// zone of the times, all kept in the page's URL. The pages work without it.
pub const SCRIPT: &str = include_str!("site.js");
