//! Reading meeting files: the one place that reads the user's files.
//!
//! Reading is careful before it is clever: the size is checked before the
//! bytes are read (a 100 MB file is refused, not slurped), the bytes must be
//! UTF-8 (the error says where they are not), an empty file is named as such,
//! and TOML and field errors are turned into [`Diagnostic`]s that point at
//! the line, the column and the field, with what would be right.

pub(crate) mod covers;
mod cycles;
pub(crate) mod fields;
pub mod includes;
pub mod revision;
pub mod source;
pub mod week;

use std::fs::File;
use std::io::Read;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::load::source::{FileId, Source};
use crate::model::Meeting;

/// Largest meeting file read, in bytes (16 MiB). A 3GPP meeting with 2,500
/// contributions is about 1 MiB of TOML; anything far beyond is a mistake.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Most sessions one meeting file may declare. An IETF week has about 150
/// sessions and a 3GPP plenary week a few hundred; the conflict checker
/// compares sessions pairwise per day and room, so the limit bounds its work.
pub const MAX_SESSIONS: usize = 10_000;

/// Most contributions one meeting file may hold (a 3GPP meeting has about
/// 2,500; the planner and the renderers are linear or n log n in them).
pub const MAX_CONTRIBUTIONS: usize = 100_000;

/// Most agenda items one meeting file may hold.
pub const MAX_AGENDA_ITEMS: usize = 10_000;

/// Why a file could not be read at all (before any line of it could be shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The path as given.
    pub path: String,
    /// What went wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ReadError {}

/// What kind of file [`read_text_as`] reads, for its messages: the too-large
/// error must say how to make *that* file smaller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A meeting file (also what an editing command opens).
    Meeting,
    /// A timetable requests file.
    Requests,
    /// An old calendar given to `ics --previous`.
    Calendar,
    /// A body's notices file, named by `meeting.notices`.
    Notices,
    /// A shared file of groups and people, named by `include`.
    Shared,
}

impl TextKind {
    /// The file as the messages name it.
    fn name(self) -> &'static str {
        match self {
            TextKind::Meeting => "meeting files",
            TextKind::Requests => "requests files",
            TextKind::Calendar => "old calendars (--previous)",
            TextKind::Notices => "notices files",
            TextKind::Shared => "included files",
        }
    }

    /// One such file, for "give ...".
    fn one(self) -> &'static str {
        match self {
            TextKind::Meeting => "a meeting file (.toml)",
            TextKind::Requests => "a requests file (.toml)",
            TextKind::Calendar => "the calendar (.ics) agendum wrote last time",
            TextKind::Notices => "the body's notices file (.toml)",
            TextKind::Shared => "a shared file of groups and people (.toml)",
        }
    }

    /// How to get under the limit.
    fn advice(self) -> &'static str {
        match self {
            TextKind::Meeting => "Split the week into one file per group",
            TextKind::Requests => "Split the requests into one file per part of the week",
            TextKind::Notices => "Keep only the body's cover texts in the notices file",
            TextKind::Shared => "Split the shared groups and people into several included files",
            TextKind::Calendar => {
                "Give the calendar agendum wrote last time for these sessions (one group's or one week's), not an archive of many"
            }
        }
    }
}

/// Reads a meeting file's text: [`read_text_as`] with [`TextKind::Meeting`].
pub fn read_text(path: &Path) -> Result<(Source, Option<Diagnostic>), ReadError> {
    read_text_as(path, TextKind::Meeting)
}

/// Reads a text file with the size limit and the UTF-8 check.
///
/// Only a regular file (or a symlink to one) is opened: a FIFO would block
/// the open or the read forever, a device could stream without end, and a
/// directory has no text.
///
/// A file that is not UTF-8 is still returned as a [`Source`] (with the bad
/// bytes replaced) together with a diagnostic pointing at the first bad byte,
/// so the message can show the line.
pub fn read_text_as(
    path: &Path,
    kind: TextKind,
) -> Result<(Source, Option<Diagnostic>), ReadError> {
    let shown = path.display().to_string();
    let fail = |message: String| ReadError {
        path: shown.clone(),
        message,
    };
    // Follows symlinks, and never opens the file: opening a FIFO for reading
    // blocks until a writer comes.
    let meta = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot open the file: {}", io_reason(&e))))?;
    if let Some(what) = not_a_regular_file(&meta, path, kind) {
        return Err(fail(what));
    }
    let file =
        File::open(path).map_err(|e| fail(format!("cannot open the file: {}", io_reason(&e))))?;
    let meta = file
        .metadata()
        .map_err(|e| fail(format!("cannot read the file: {}", io_reason(&e))))?;
    // The path may have been swapped between the check and the open.
    if let Some(what) = not_a_regular_file(&meta, path, kind) {
        return Err(fail(what));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(too_big(meta.len(), kind)));
    }
    // The metadata can lie (/proc, a file growing while read): read at most
    // one byte past the limit so memory stays bounded whatever happens.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read the file: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(too_big(bytes.len() as u64, kind)));
    }
    Ok(decode(path, bytes))
}

/// Why `meta` is not something agendum reads, or `None` for a regular file.
/// A descriptor the caller opened (`/dev/stdin`, `/dev/fd/N`) is read even
/// when it is a pipe: the shell set up its writer (`... | agendum check
/// /dev/stdin`, `agendum check <(...)`), so reading it ends.
fn not_a_regular_file(meta: &std::fs::Metadata, path: &Path, kind: TextKind) -> Option<String> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some(format!("is a directory; give {}", kind.one()));
    }
    if is_stdin(path) {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("is a named pipe (FIFO), not a regular file; agendum reads only regular files (reading a pipe could wait forever). Give the file itself".into());
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("is a device, not a regular file; give a file".into());
        }
        if t.is_socket() {
            return Some("is a socket, not a regular file; give a file".into());
        }
    }
    Some("is not a regular file; give a file".into())
}

/// Whether `path` names a descriptor this process inherited: standard
/// input or `/dev/fd/N` (process substitution).
pub(crate) fn is_stdin(path: &Path) -> bool {
    path == Path::new("/dev/stdin")
        || path.starts_with("/dev/fd")
        || path.starts_with("/proc/self/fd")
}

fn too_big(len: u64, kind: TextKind) -> String {
    format!(
        "the file is {len} bytes; agendum reads {} of at most {MAX_FILE_BYTES} bytes (16 MiB). {}",
        kind.name(),
        kind.advice()
    )
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Turns bytes into a [`Source`], with a diagnostic if they are not UTF-8.
fn decode(path: &Path, bytes: Vec<u8>) -> (Source, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (Source::new(path, text), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // Lossy decoding keeps everything before the first bad byte as is.
            let diag = Diagnostic::error(
                "not-utf8",
                format!(
                    "the file is not UTF-8: byte 0x{:02X} at offset {at} is not valid UTF-8",
                    bytes[at]
                ),
            )
            .help("save the file as UTF-8 (most editors: \"Save with encoding\" > UTF-8)");
            (Source::new(path, text), Some(diag.at_start(at)))
        }
    }
}

impl Diagnostic {
    /// Points the diagnostic at a one-byte span at `offset` in a file whose
    /// id is not yet known; the loader fills the id in.
    fn at_start(self, offset: usize) -> Self {
        self.at(FileId(usize::MAX), offset..offset + 1, "")
    }

    pub(crate) fn with_file(mut self, file: FileId) -> Self {
        for label in &mut self.labels {
            if label.file == FileId(usize::MAX) {
                label.file = file;
            }
        }
        self
    }
}

/// The result of loading one meeting file: the meeting, or what is wrong.
pub type Parsed = Result<Meeting, Vec<Diagnostic>>;

/// Parses the text of a meeting file already in `sources`.
pub fn parse_meeting(source: &Source, id: FileId) -> Parsed {
    if source.text.trim().is_empty() {
        return Err(vec![Diagnostic::error("empty-file", "the file is empty")
            .at(id, 0..0, "nothing here")
            .help("a meeting file needs at least a [meeting] table with id, title, group, chair, dates and timezone; see docs/format.md or schedules/sec-10-berlin.toml")]);
    }
    match read(&source.text) {
        Ok(mut meeting) => {
            meeting.file = id;
            for g in &mut meeting.groups {
                g.file = id;
            }
            for p in &mut meeting.people {
                p.file = id;
            }
            let mut over = limits(&meeting, id);
            over.extend(ids_and_addresses(&meeting, id));
            if over.is_empty() {
                Ok(meeting)
            } else {
                Err(over)
            }
        }
        Err(e) => Err(vec![
            other_kind(source, id, TextKind::Meeting).unwrap_or_else(|| toml_error(source, id, &e)),
        ]),
    }
}

/// When a file that does not parse as `expected` is the other kind of file
/// agendum reads (a timetable requests file given to `check`, a meeting
/// file given to `timetable`), the error that says so and names the
/// command, instead of the first field the reader did not expect.
pub(crate) fn other_kind(source: &Source, id: FileId, expected: TextKind) -> Option<Diagnostic> {
    let header = |name: &str| {
        (0..source.line_count()).find_map(|i| {
            let line = source.line_text(i);
            let bare = line.split('#').next().unwrap_or("").trim();
            (bare == name).then(|| {
                let span = source.line_span(i);
                let start = span.start + (line.len() - line.trim_start().len());
                start..start + name.len()
            })
        })
    };
    let (week, meeting) = (header("[week]"), header("[meeting]"));
    match (expected, week, meeting) {
        (TextKind::Meeting, Some(at), None) => Some(
            Diagnostic::error(
                "wrong-file-kind",
                "this is a timetable requests file, not a meeting file; use agendum timetable",
            )
            .at(id, at, "a requests file's [week] table")
            .help(format!(
                "`agendum timetable {}` builds the week's meeting files from it (docs/timetable.md); the other commands read meeting files, which start with [meeting]",
                source.path().display()
            )),
        ),
        (TextKind::Requests, None, Some(at)) => Some(
            Diagnostic::error(
                "wrong-file-kind",
                "this is a meeting file, not a timetable requests file",
            )
            .at(id, at, "a meeting file's [meeting] table")
            .help(format!(
                "`agendum check {}` checks it; agendum timetable reads a requests file, which starts with [week] (docs/timetable.md)",
                source.path().display()
            )),
        ),
        _ => None,
    }
}

/// Reads a meeting file's text with the `toml` crate, the one TOML reader
/// (DESIGN.md says why there is no faster second one).
fn read(text: &str) -> Result<Meeting, toml::de::Error> {
    toml::from_str(text)
}

/// The size limits of a meeting file: one error per limit exceeded, at the
/// first element over it.
fn limits(meeting: &Meeting, id: FileId) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut check = |rule: &'static str,
                     what: &str,
                     count: usize,
                     limit: usize,
                     span: Option<Range<usize>>| {
        if count > limit {
            out.push(
                Diagnostic::error(
                    rule,
                    format!("the file has {count} {what}; agendum reads at most {limit} {what} per meeting file"),
                )
                .at(id, span.unwrap_or(0..0), format!("{what} beyond the limit start here"))
                .help("split the week into one file per group (several files load as one week); docs/format.md lists the limits"),
            );
        }
    };
    check(
        "too-many-sessions",
        "sessions",
        meeting.sessions.len(),
        MAX_SESSIONS,
        meeting
            .sessions
            .get(MAX_SESSIONS)
            .map(|s| s.id.span.clone()),
    );
    check(
        "too-many-contributions",
        "contributions",
        meeting.contributions.len(),
        MAX_CONTRIBUTIONS,
        meeting
            .contributions
            .get(MAX_CONTRIBUTIONS)
            .map(|c| c.number.span.clone()),
    );
    check(
        "too-many-agenda-items",
        "agenda items",
        meeting.agenda.len(),
        MAX_AGENDA_ITEMS,
        meeting
            .agenda
            .get(MAX_AGENDA_ITEMS)
            .map(|a| a.number.span.clone()),
    );
    out
}

/// The ids, names and e-mail addresses that cannot be used as written
/// (`load::fields` has the rules): one error each.
fn ids_and_addresses(meeting: &Meeting, id: FileId) -> Vec<Diagnostic> {
    use crate::load::fields::check_id;
    let h = &meeting.header;
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut id_of = |l: &crate::model::loc::Loc<String>, field: String, what: &str| {
        out.extend(check_id(id, l.span.clone(), field, what, l.as_str()));
    };
    id_of(&h.id, "meeting.id".into(), "meeting id");
    id_of(&h.group, "meeting.group".into(), "group id");
    id_of(&h.chair, "meeting.chair".into(), "chair's name");
    if let Some(s) = &h.secretary {
        id_of(s, "meeting.secretary".into(), "secretary's name");
    }
    for (i, r) in meeting.rooms.iter().enumerate() {
        id_of(&r.name, format!("rooms[{i}].name"), "room name");
    }
    for (i, s) in meeting.sessions.iter().enumerate() {
        id_of(&s.id, format!("sessions[{i}].id"), "session id");
    }
    out.extend(groups_and_people(&meeting.groups, &meeting.people, id));
    out
}

/// The group ids, names and e-mail addresses of `[[groups]]` and
/// `[[people]]` (of a meeting file or of a file it includes) that cannot be
/// used as written.
pub(crate) fn groups_and_people(
    groups: &[crate::model::Group],
    people: &[crate::model::Person],
    id: FileId,
) -> Vec<Diagnostic> {
    use crate::load::fields::{check_email, check_id};
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut id_of = |l: &crate::model::loc::Loc<String>, field: String, what: &str| {
        out.extend(check_id(id, l.span.clone(), field, what, l.as_str()));
    };
    for (i, g) in groups.iter().enumerate() {
        id_of(&g.id, format!("groups[{i}].id"), "group id");
    }
    for (i, p) in people.iter().enumerate() {
        id_of(&p.name, format!("people[{i}].name"), "person's name");
        for (j, a) in p.aliases.iter().enumerate() {
            id_of(a, format!("people[{i}].aliases[{j}]"), "alias");
        }
    }
    for (i, g) in groups.iter().enumerate() {
        if let Some(e) = &g.email {
            out.extend(check_email(
                id,
                e.span.clone(),
                format!("groups[{i}].email"),
                e,
            ));
        }
    }
    for (i, p) in people.iter().enumerate() {
        if let Some(e) = &p.email {
            out.extend(check_email(
                id,
                e.span.clone(),
                format!("people[{i}].email"),
                e,
            ));
        }
    }
    out
}

/// `named` read relative to the folder of the file at `from` (the working
/// folder for a file read from standard input): how `meeting.notices` and
/// `include` name other files.
pub(crate) fn beside(from: &Path, named: &str) -> std::path::PathBuf {
    let named = Path::new(named);
    if named.is_absolute() || from.as_os_str() == "-" || is_stdin(from) {
        return named.to_path_buf();
    }
    match from.parent() {
        Some(dir) => dir.join(named),
        None => named.to_path_buf(),
    }
}

/// `target` relative to the folder `base` (both absolute), with `/`: how
/// a written file names a file another one named (the inverse of [`beside`]).
pub(crate) fn relative(target: &Path, base: &Path) -> String {
    let target = normalise(target);
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), b.len() - common).collect();
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// A path with `.` and `..` resolved lexically (the file may not exist).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Turns a TOML or field error into a diagnostic naming the field and what would be right.
pub(crate) fn toml_error(source: &Source, id: FileId, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let span = e.span().unwrap_or(0..0);
    let table = table_at(source, span.start);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = split_expected(rest);
        if let Some(d) = unknown_table(source, id, &span, &name, &expected) {
            return d;
        }
        let suggestion = did_you_mean(&name, expected.iter().map(String::as_str));
        let help = match suggestion {
            // TOML puts a key written under a table header into that table.
            None if name == "include" => {
                "`include` is a top-level key: write include = [...] at the top of the file, before the first table".to_string()
            }
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "the fields of {} are: {}",
                table.header,
                expected.join(", ")
            ),
        };
        return Diagnostic::error(
            "unknown-field",
            format!("unknown field `{name}` in {}", table.header),
        )
        .at(id, span, "not a field here")
        .field(table.path(&name))
        .help(help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("").to_string();
        return Diagnostic::error(
            "missing-field",
            format!("missing field `{name}` in {}", table.header),
        )
        .at(id, span, format!("this table needs `{name}`"))
        .field(table.path(&name))
        .help(format!(
            "add `{name} = ...` to this table; docs/format.md describes every field"
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (word, expected) = split_expected(rest);
        let key = key_before(source, span.start).unwrap_or_default();
        let help = match did_you_mean(&word, expected.iter().map(String::as_str)) {
            Some(s) => format!("did you mean \"{s}\"?"),
            None => format!(
                "write one of: {}",
                expected
                    .iter()
                    .map(|x| format!("\"{x}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Diagnostic::error("invalid-value", format!("`{word}` is not a valid {key}"))
            .at(id, span, "not one of the accepted words")
            .field(table.path(&key))
            .help(help);
    }
    let key = key_before(source, span.start);
    let is_syntax =
        key.is_none() && !message.starts_with("invalid type") || looks_like_syntax(&message);
    if is_syntax {
        let (first, rest) = message.split_once('\n').unwrap_or((&message, ""));
        let d =
            Diagnostic::error("toml-syntax", format!("TOML syntax: {first}")).at(id, span, "here");
        let hint = rest.trim();
        return if hint.is_empty() {
            d.help("see the TOML syntax at toml.io and the examples in schedules/")
        } else {
            d.help(hint.replace('\n', "; "))
        };
    }
    let key = key.unwrap_or_default();
    let field = table.path(&key);
    let mut summary = first_line(&message).to_string();
    // "did you mean `X`? and why": the why goes to the help.
    let mut why = None;
    if let Some(at) = summary.find("did you mean") {
        if let Some(q) = summary[at..].find("? ") {
            let cut = at + q + 1;
            why = Some(summary[cut..].trim().to_string());
            summary.truncate(cut);
        }
    }
    let help = help_for_key(&key, &summary).or_else(|| {
        summary
            .split_once("expected ")
            .map(|(_, expected)| format!("write {expected} here"))
    });
    let mut d = Diagnostic::error("invalid-value", format!("invalid {field}: {summary}"))
        .at(id, span, "")
        .field(field);
    if let Some(help) = why.or(help) {
        d = d.help(help);
    }
    d
}

/// What a valid value of a field looks like, by the field's key.
fn help_for_key(key: &str, message: &str) -> Option<String> {
    if message.contains("did you mean") {
        return None;
    }
    let help = match key {
        "time" => "write start and end in 24-hour time as \"HH:MM-HH:MM\", e.g. \"15:45-17:00\"",
        "day" | "start" | "end" => "write a real calendar date as YYYY-MM-DD, e.g. 2014-04-07",
        "timezone" => {
            "write an IANA zone name such as \"Europe/Berlin\", \"America/Toronto\" or \"UTC\""
        }
        "number" if message.contains("contribution") => {
            crate::model::number::CONTRIBUTION_NUMBER_FORMS
        }
        "number" | "item" | "items" => "write agenda numbers as text, e.g. \"7.1\" or \"9.10\"",
        "revision_of" | "companion_of" | "depends_on" | "contributions" => {
            crate::model::number::CONTRIBUTION_NUMBER_FORMS
        }
        _ => return None,
    };
    Some(help.to_string())
}

/// An unknown field that is the name of a table header (`[[session]]`,
/// `[meeting.datse]`): an unknown table, with the tables that would be
/// right, written as the header was.
fn unknown_table(
    source: &Source,
    id: FileId,
    span: &Range<usize>,
    name: &str,
    expected: &[String],
) -> Option<Diagnostic> {
    let line = source.line_text(source.line_index(span.start)).trim();
    let array = line.starts_with("[[");
    let inner = line
        .trim_start_matches('[')
        .split(']')
        .next()
        .unwrap_or("")
        .trim();
    if !line.starts_with('[') || inner.rsplit('.').next().map(str::trim) != Some(name) {
        return None;
    }
    let parent = inner
        .rsplit_once('.')
        .map(|(p, _)| format!("{}.", p.trim()));
    let parent = parent.as_deref().unwrap_or("");
    let write = |n: &str| {
        if array {
            format!("[[{parent}{n}]]")
        } else {
            format!("[{parent}{n}]")
        }
    };
    let help = match did_you_mean(name, expected.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `{}`?", write(s)),
        None => format!(
            "the tables here are: {}",
            expected
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let field = if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}{name}")
    };
    Some(
        Diagnostic::error("unknown-table", format!("unknown table `{}`", write(name)))
            .at(id, span.clone(), "no table of this name")
            .field(field)
            .help(help),
    )
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn looks_like_syntax(message: &str) -> bool {
    [
        "invalid table header",
        "duplicate key",
        "expected",
        "invalid basic string",
        "unclosed",
        "invalid inline table",
        "invalid key",
        "key with no value",
        "invalid string",
        "invalid escape",
        "invalid unquoted",
        "extra assignment",
        "invalid array",
    ]
    .iter()
    .any(|p| message.starts_with(p))
        && !message.starts_with("expected a")
        && !message.contains("invalid type")
}

/// Splits ``name`, expected one of `a`, `b` `` (what follows the first backtick of a serde message) into the name and the list.
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let mut pieces = rest.split('`');
    let name = pieces.next().unwrap_or("").to_string();
    let expected = pieces
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect::<Vec<_>>();
    (name, expected)
}

/// Where in the file an offset is: the table header above it.
struct TableAt {
    /// As written: `[meeting]`, `[[sessions]]`, or "the top level".
    header: String,
    /// Dotted name of the table, e.g. `sessions[2]` (0-based, as JSON paths count).
    path: String,
}

impl TableAt {
    fn path(&self, key: &str) -> String {
        match (self.path.is_empty(), key.is_empty()) {
            (true, _) => key.to_string(),
            (false, true) => self.path.clone(),
            (false, false) => format!("{}.{key}", self.path),
        }
    }
}

/// Finds the table header in force at `offset`, and for arrays of tables the index.
fn table_at(source: &Source, offset: usize) -> TableAt {
    let upto = source.line_index(offset);
    let mut header = String::from("the top level");
    let mut path = String::new();
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for i in 0..=upto.min(source.line_count().saturating_sub(1)) {
        let line = source.line_text(i).trim();
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
            let name = name.trim().to_string();
            let n = counts.get(&name).copied().unwrap_or(0);
            // A nested array (`[[contributions.history]]`) is counted within its parent.
            if let Some((parent, child)) = name.rsplit_once('.') {
                let parent_index = counts.get(parent).copied().unwrap_or(1).saturating_sub(1);
                path = format!("{parent}[{parent_index}].{child}[{n}]");
            } else {
                path = format!("{name}[{n}]");
                counts.retain(|k, _| !k.starts_with(&format!("{name}.")));
            }
            counts.insert(name.clone(), n + 1);
            header = format!("[[{name}]]");
        } else if let Some(name) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            header = format!("[{}]", name.trim());
            path = name.trim().to_string();
        }
    }
    TableAt { header, path }
}

/// The key whose value contains `offset`, read back from the line
/// (`time = "25:00-26:00"` gives `time`; inline tables give the inner key).
fn key_before(source: &Source, offset: usize) -> Option<String> {
    let line_index = source.line_index(offset);
    let span: Range<usize> = source.line_span(line_index);
    let upto =
        crate::load::source::floor_char_boundary(&source.text, offset.clamp(span.start, span.end));
    let before = &source.text[span.start..upto];
    let eq = before.rfind('=')?;
    let head = before[..eq].trim_end();
    let key: String = head
        .chars()
        .rev()
        .take_while(|c| {
            c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.' || *c == '"'
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let key = key.trim_matches('"').to_string();
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_and_descend() {
        assert_eq!(
            relative(Path::new("/a/b/notices/x.toml"), Path::new("/a/c")),
            "../b/notices/x.toml"
        );
        assert_eq!(
            relative(Path::new("/a/b/./x.toml"), Path::new("/a/b")),
            "x.toml"
        );
        assert_eq!(
            relative(Path::new("/a/b/../x.toml"), Path::new("/a/b")),
            "../x.toml"
        );
    }

    #[test]
    fn table_paths_count_arrays_of_tables() {
        let s = Source::new(
            "m.toml",
            "[meeting]\nid = 1\n[[sessions]]\nid='a'\n[[sessions]]\nid='b'\n[[contributions]]\n[[contributions.history]]\n[[contributions.history]]\nx=1\n".into(),
        );
        assert_eq!(table_at(&s, 12).path, "meeting");
        let at = s.text.find("id='b'").unwrap();
        assert_eq!(table_at(&s, at).path, "sessions[1]");
        assert_eq!(
            table_at(&s, s.text.find("x=1").unwrap()).path,
            "contributions[0].history[1]"
        );
    }

    #[test]
    fn keys_are_read_back_from_the_line() {
        let s = Source::new(
            "m.toml",
            "dates = { start = 2014-04-07, end = 2014-02-30 }\n".into(),
        );
        assert_eq!(
            key_before(&s, s.text.find("2014-02").unwrap()).as_deref(),
            Some("end")
        );
    }
}
