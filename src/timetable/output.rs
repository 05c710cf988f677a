//! The timetable as meeting files: new files, one per group (`-o DIR`), or
//! edits of existing ones (`--write`, through [`MeetingDoc`], which keeps
//! comments and layout and writes atomically); and the reverse, a starting
//! timetable read back from meeting files.

#![allow(clippy::many_single_char_names)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use toml_edit::{Array, Item, Table, value};

use crate::edit::{MeetingDoc, WriteOptions};
use crate::error::Error;
use crate::model::Meeting;
use crate::model::status::SessionKind;
use crate::output::WriteBackError;

use super::instance::Instance;
use super::solver::Pos;

/// A TOML basic string.
fn q(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

/// `text` made safe for a TOML comment: one line, nothing that drives a
/// terminal. A line break would end the comment and let the rest be read as
/// TOML (a `[[sessions]]` table smuggled in through a name).
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if crate::load::fields::is_hostile(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// The file name of a group's meeting file: `sec.toml`.
pub fn file_name(group_id: &str) -> String {
    let stem: String = group_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{stem}.toml")
}

/// The sessions a group's file holds, in time order.
fn hosted(inst: &Instance, g: usize, pos: &[Option<Pos>]) -> Vec<(usize, Pos)> {
    let mut v: Vec<(usize, Pos)> = inst
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.host == g)
        .filter_map(|(s, _)| pos.get(s).copied().flatten().map(|p| (s, p)))
        .collect();
    v.sort_by_key(|&(s, p)| (p.start, p.room, s));
    v
}

fn title(inst: &Instance, s: usize) -> String {
    let sess = &inst.sessions[s];
    if let Some(t) = &sess.title {
        return t.clone();
    }
    let groups: Vec<&str> = sess
        .groups
        .iter()
        .map(|&g| inst.groups[g].id.as_str())
        .collect();
    match sess.kind {
        SessionKind::BreakOut => format!("{} {}", groups.join("/"), sess.id),
        kind => format!("{} {} {}", kind.label(), groups.join("/"), sess.id),
    }
}

/// People a session needs besides its host's chair.
fn required(inst: &Instance, s: usize) -> Vec<&str> {
    let sess = &inst.sessions[s];
    let chair = inst.groups[sess.host].chair.as_str();
    sess.people
        .iter()
        .map(|&p| inst.people[p].name.as_str())
        .filter(|&n| n != chair)
        .collect()
}

/// The meeting's title: its id, with the week's id after it unless the
/// meeting id already holds it (`RAN1#117`, not `RAN1#117 (117)`).
fn meeting_title(meeting: &str, week: &str) -> String {
    let holds_week = meeting
        .split(|c: char| !c.is_alphanumeric())
        .any(|part| part == week)
        || meeting.ends_with(week);
    if week.is_empty() || holds_week {
        meeting.to_string()
    } else {
        format!("{meeting} ({week})")
    }
}

/// The `include` entries of a meeting file written into the folder `dir`:
/// the shared files the requests file includes, each relative to `dir`.
/// Empty when the requests file includes none.
pub fn include_paths(inst: &Instance, dir: &Path) -> Vec<String> {
    if inst.include.is_empty() {
        return Vec::new();
    }
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    inst.include
        .iter()
        .map(|p| crate::load::relative(p, &dir))
        .collect()
}

/// The head of a group's meeting file: the comment, `include`, `[meeting]`.
fn head(inst: &Instance, g: usize, origin: &str, include: &[String]) -> String {
    let group = &inst.groups[g];
    let mut t = String::new();
    let first = inst
        .days
        .first()
        .map(|d| d.date.to_string())
        .unwrap_or_default();
    let last = inst
        .days
        .last()
        .map(|d| d.date.to_string())
        .unwrap_or_default();
    let _ = writeln!(
        t,
        "# {}: sessions placed by `agendum timetable` from {}.",
        comment(&group.meeting),
        comment(origin)
    );
    if !include.is_empty() {
        let paths: Vec<String> = include.iter().map(|p| q(p)).collect();
        let _ = writeln!(t, "\ninclude = [{}]", paths.join(", "));
    }
    let _ = writeln!(t, "\n[meeting]\nid = {}", q(&group.meeting));
    let _ = writeln!(
        t,
        "title = {}",
        q(&meeting_title(&group.meeting, &inst.week))
    );
    let _ = writeln!(t, "group = {}\nchair = {}", q(&group.id), q(&group.chair));
    if let Some(s) = &group.secretary {
        let _ = writeln!(t, "secretary = {}", q(s));
    }
    let _ = writeln!(
        t,
        "dates = {{ start = {first}, end = {last} }}\ntimezone = {}",
        q(inst.timezone.name())
    );
    if let Some(v) = &inst.venue {
        let _ = writeln!(t, "venue = {}", q(v));
    }
    let _ = writeln!(t, "status = \"tentative\"");

    t
}

/// The text of one group's meeting file. With `include` (the paths
/// [`include_paths`] gives), the file includes the requests file's shared
/// files and declares none of the groups and people they declare.
pub fn meeting_file(
    inst: &Instance,
    g: usize,
    pos: &[Option<Pos>],
    origin: &str,
    include: &[String],
) -> String {
    let group = &inst.groups[g];
    let sessions = hosted(inst, g, pos);
    let mut t = head(inst, g, origin, include);
    let mut groups: BTreeSet<usize> = BTreeSet::from([g]);
    let mut rooms: BTreeSet<usize> = BTreeSet::new();
    let mut people: BTreeSet<&str> = BTreeSet::from([group.chair.as_str()]);
    if let Some(s) = &group.secretary {
        people.insert(s.as_str());
    }
    for &(s, p) in &sessions {
        groups.extend(inst.sessions[s].groups.iter().copied());
        rooms.insert(p.room);
        people.extend(required(inst, s));
    }
    // What the included files declare is theirs (declared here too, it
    // would be declared twice).
    let shared = !include.is_empty();
    groups.retain(|&h| !(shared && inst.shared_groups.contains(&inst.groups[h].id)));
    people.retain(|p| !(shared && inst.shared_people.contains(*p)));
    for &h in &groups {
        let _ = writeln!(t, "\n[[groups]]\nid = {}", q(&inst.groups[h].id));
        if let Some(n) = &inst.groups[h].name {
            let _ = writeln!(t, "name = {}", q(n));
        }
    }
    for &r in &rooms {
        let room = &inst.rooms[r];
        let _ = writeln!(
            t,
            "\n[[rooms]]\nname = {}\ncapacity = {}",
            q(&room.name),
            room.capacity
        );
    }
    for p in &people {
        let _ = writeln!(t, "\n[[people]]\nname = {}", q(p));
    }
    for &(s, p) in &sessions {
        let sess = &inst.sessions[s];
        let Some((day, time)) = inst.time_range(p.start, sess.length) else {
            continue;
        };
        let _ = writeln!(
            t,
            "\n[[sessions]]\nid = {}\ntitle = {}\nkind = {}",
            q(&sess.id),
            q(&title(inst, s)),
            q(sess.kind.as_str())
        );
        let _ = writeln!(
            t,
            "day = {day}\ntime = {}\nroom = {}",
            q(&time.to_string()),
            q(&inst.rooms[p.room].name)
        );
        if sess.groups != [g] {
            let ids: Vec<String> = sess.groups.iter().map(|&h| q(&inst.groups[h].id)).collect();
            let _ = writeln!(t, "groups = [{}]", ids.join(", "));
        }
        let req = required(inst, s);
        if !req.is_empty() {
            let names: Vec<String> = req.iter().map(|n| q(n)).collect();
            let _ = writeln!(t, "required = [{}]", names.join(", "));
        }
        if sess.attendance > 0 {
            let _ = writeln!(t, "attendance = {}", sess.attendance);
        }
    }
    t
}

/// Writes one file per group into `dir` (created if missing), atomically;
/// returns the paths written. No file is written if one of them would
/// replace one of `inputs` (the requests file, the `--from` files).
pub fn write_dir(
    inst: &Instance,
    pos: &[Option<Pos>],
    dir: &Path,
    origin: &str,
    inputs: &[PathBuf],
) -> Result<Vec<PathBuf>, Error> {
    let paths: Vec<PathBuf> = inst
        .groups
        .iter()
        .map(|group| dir.join(file_name(&group.id)))
        .collect();
    for path in &paths {
        crate::output::refuse_inputs(path, inputs)?;
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Write(WriteBackError::Io(dir.to_path_buf(), e)))?;
    let include = include_paths(inst, dir);
    for (g, path) in paths.iter().enumerate() {
        let text = meeting_file(inst, g, pos, origin, &include);
        crate::output::write_atomic(path, text.as_bytes())
            .map_err(|e| Error::Write(WriteBackError::Io(path.clone(), e)))?;
    }
    Ok(paths)
}

/// The group a meeting file belongs to, by its `meeting.group`.
fn group_of(inst: &Instance, meeting: &Meeting) -> Option<usize> {
    inst.groups
        .iter()
        .position(|g| g.id == meeting.header.group.as_str())
}

/// Reads a starting timetable from meeting files: each session whose id
/// and group match a request and whose day, time and room fit the grid.
pub fn read_start(inst: &Instance, meetings: &[Meeting]) -> Vec<Option<Pos>> {
    let mut start = vec![None; inst.sessions.len()];
    for m in meetings {
        let Some(g) = group_of(inst, m) else { continue };
        for session in &m.sessions {
            let Some(s) = inst
                .sessions
                .iter()
                .position(|x| x.host == g && x.id == session.id.as_str())
            else {
                continue;
            };
            let Some(time) = m.session_time(session) else {
                continue;
            };
            let Some(room) = session
                .room
                .as_ref()
                .and_then(|r| inst.rooms.iter().position(|x| x.name == r.as_str()))
            else {
                continue;
            };
            let Some(d) = inst.days.iter().position(|x| x.date == session.day.value) else {
                continue;
            };
            let Some(k) = inst.days[d]
                .slots
                .iter()
                .position(|x| x.start == time.start)
            else {
                continue;
            };
            let t = inst.day_start[d] + k;
            let len = inst.sessions[s].length;
            if inst.time_range(t, len).is_some_and(|(_, r)| r == time) {
                start[s] = Some(Pos { start: t, room });
            }
        }
    }
    start
}

/// Writes the timetable into existing meeting files, keeping their layout:
/// each file receives the sessions of its group (`meeting.group`); sessions
/// are matched by id and updated, or appended. Every file is edited and
/// checked before any is written. Returns the files that changed.
pub fn write_files(
    inst: &Instance,
    pos: &[Option<Pos>],
    files: &[PathBuf],
    options: &WriteOptions,
) -> Result<Vec<PathBuf>, Error> {
    let mut docs = Vec::new();
    for path in files {
        // Each file stays locked from this read until every file is written.
        let mut doc = MeetingDoc::open_to_write(path, options)?;
        let mut sources = crate::load::source::Sources::new();
        let id = sources.add(crate::load::source::Source::new(
            path,
            doc.original().to_string(),
        ));
        let Ok(meeting) = crate::load::parse_meeting(sources.get(id), id) else {
            continue;
        };
        // The groups and people of the files it includes are declared
        // there; added to this file too, they would be declared twice. (A
        // problem in those files is reported by the check after writing.)
        let mut meetings = vec![meeting];
        let _ = crate::load::week::read_named_files(&mut sources, &mut meetings);
        let meeting = &meetings[0];
        if let Some(g) = group_of(inst, meeting) {
            edit(inst, g, pos, meeting, &mut doc);
        }
        docs.push(doc);
    }
    // Check every edit first (save re-parses), then write.
    let mut changed = Vec::new();
    for doc in &docs {
        let source = crate::load::source::Source::new(doc.path(), doc.text());
        if let Err(diags) = crate::load::parse_meeting(&source, crate::load::source::FileId(0)) {
            return Err(Error::Invalid(source, diags));
        }
    }
    for doc in &docs {
        if doc.save()? {
            changed.push(doc.path().to_path_buf());
        }
    }
    Ok(changed)
}

fn edit(inst: &Instance, g: usize, pos: &[Option<Pos>], meeting: &Meeting, doc: &mut MeetingDoc) {
    let declared_rooms: BTreeSet<&str> = meeting.rooms.iter().map(|r| r.name.as_str()).collect();
    let declared_groups: BTreeSet<&str> = meeting.groups.iter().map(|x| x.id.as_str()).collect();
    let declared_people: BTreeSet<&str> = meeting
        .people
        .iter()
        .flat_map(|p| std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(|a| a.as_str())))
        .collect();
    let sessions = hosted(inst, g, pos);
    let mut new_rooms = BTreeSet::new();
    let mut new_groups = BTreeSet::new();
    let mut new_people = BTreeSet::new();
    for &(s, p) in &sessions {
        let sess = &inst.sessions[s];
        let Some((day, time)) = inst.time_range(p.start, sess.length) else {
            continue;
        };
        let room = inst.rooms[p.room].name.as_str();
        if !declared_rooms.contains(room) {
            new_rooms.insert(p.room);
        }
        for &h in &sess.groups {
            if !declared_groups.contains(inst.groups[h].id.as_str()) {
                new_groups.insert(h);
            }
        }
        for n in required(inst, s) {
            if !declared_people.contains(n) {
                new_people.insert(n.to_string());
            }
        }
        let Ok(date) = day.to_string().parse::<toml_edit::Datetime>() else {
            continue;
        };
        if let Some(table) = doc.find_mut("sessions", "id", &sess.id) {
            table["day"] = value(date);
            table["time"] = value(time.to_string());
            table.remove("slot");
            table["room"] = value(room);
        } else if let Some(array) = doc.array("sessions") {
            let mut t = Table::new();
            t["id"] = value(sess.id.as_str());
            t["title"] = value(title(inst, s));
            t["kind"] = value(sess.kind.as_str());
            t["day"] = value(date);
            t["time"] = value(time.to_string());
            t["room"] = value(room);
            if sess.groups != [g] {
                let list: Array = sess
                    .groups
                    .iter()
                    .map(|&h| inst.groups[h].id.as_str())
                    .collect();
                t["groups"] = Item::Value(list.into());
            }
            let req = required(inst, s);
            if !req.is_empty() {
                let list: Array = req.into_iter().collect();
                t["required"] = Item::Value(list.into());
            }
            if sess.attendance > 0 {
                t["attendance"] = value(i64::from(sess.attendance));
            }
            array.push(t);
        }
    }
    for r in new_rooms {
        if let Some(array) = doc.array("rooms") {
            let mut t = Table::new();
            t["name"] = value(inst.rooms[r].name.as_str());
            t["capacity"] = value(i64::from(inst.rooms[r].capacity));
            array.push(t);
        }
    }
    for h in new_groups {
        if let Some(array) = doc.array("groups") {
            let mut t = Table::new();
            t["id"] = value(inst.groups[h].id.as_str());
            array.push(t);
        }
    }
    for n in new_people {
        if let Some(array) = doc.array("people") {
            let mut t = Table::new();
            t["name"] = value(n);
            array.push(t);
        }
    }
}
