//! Shared files of groups and people that meeting files include:
//! `include = ["../groups.toml"]`.
//!
//! A group's conflict profile (its three priorities of conflicts, its key
//! people, the half-days it cannot meet) outlives one meeting; chairs who
//! copy last meeting's list into this meeting's file miss the groups that
//! are new. A shared file keeps the profile in one place, and every meeting
//! file of the week (or of every week) includes it.
//!
//! An included file holds `[[groups]]` and `[[people]]` tables, as a meeting
//! file writes them, and may include other shared files. Each file is read
//! once per run however many files include it, becomes its own [`Source`]
//! (so its errors show its path, line and caret), and its groups and people
//! keep its [`FileId`] in their `file`. A file that cannot be read, does not
//! parse, or closes a cycle is an error at the `include` entry that names
//! it, like the notices file of `meeting.notices`.
//!
//! [`Source`]: crate::load::source::Source

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::load::source::{FileId, Sources};
use crate::load::{TextKind, beside, read_text_as, toml_error};
use crate::model::loc::Loc;
use crate::model::{Group, Meeting, Person};

/// Most files one run may include, through every level: a body's groups,
/// its areas, its people. The bound keeps a runaway generator from opening
/// thousands of files.
pub const MAX_INCLUDED_FILES: usize = 256;

/// What an included file may hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shared {
    /// Further shared files, relative to this one.
    #[serde(default)]
    pub include: Vec<Loc<String>>,
    /// Groups with their conflict profiles.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// People: names, aliases, e-mail addresses, home zones.
    #[serde(default)]
    pub people: Vec<Person>,
}

/// One included file as read: the files it brings in, itself first, each
/// once (none when it could not be used).
struct Read {
    closure: Vec<FileId>,
}

/// The shared files of one run, read once each.
#[derive(Default)]
pub(crate) struct Includes {
    by_path: HashMap<PathBuf, Read>,
    shared: HashMap<FileId, Shared>,
}

impl Includes {
    /// The files the `include` entries of the file `from` bring in, in the
    /// order first named, each once, reading the ones not yet read.
    /// Problems go to `out`, each reported once per run.
    pub(crate) fn closure(
        &mut self,
        sources: &mut Sources,
        from: FileId,
        entries: &[Loc<String>],
        out: &mut Vec<Diagnostic>,
    ) -> Vec<FileId> {
        let start = canonical(sources.get(from).path());
        let mut stack = vec![start];
        let mut found = Vec::new();
        self.visit(sources, from, entries, &mut stack, &mut found, out);
        found
    }

    fn visit(
        &mut self,
        sources: &mut Sources,
        from: FileId,
        entries: &[Loc<String>],
        stack: &mut Vec<PathBuf>,
        found: &mut Vec<FileId>,
        out: &mut Vec<Diagnostic>,
    ) {
        for (i, entry) in entries.iter().enumerate() {
            let path = beside(sources.get(from).path(), entry);
            let key = canonical(&path);
            if let Some(at) = stack.iter().position(|p| *p == key) {
                let chain: Vec<String> = stack[at..]
                    .iter()
                    .chain(std::iter::once(&key))
                    .map(|p| shown(p))
                    .collect();
                out.push(
                    Diagnostic::error(
                        "include-file",
                        format!("include cycle: {}", chain.join(" includes ")),
                    )
                    .at(from, entry.span.clone(), "includes a file that includes this one")
                    .field(format!("include[{i}]"))
                    .help("a shared file cannot include, directly or not, a file that includes it; remove this entry"),
                );
                continue;
            }
            if let Some(read) = self.by_path.get(&key) {
                push_new(found, &read.closure);
                continue;
            }
            if self.by_path.len() >= MAX_INCLUDED_FILES {
                out.push(
                    Diagnostic::error(
                        "include-file",
                        format!("more than {MAX_INCLUDED_FILES} included files"),
                    )
                    .at(from, entry.span.clone(), "one too many")
                    .field(format!("include[{i}]"))
                    .help("a week's groups and people fit in a few shared files; merge them"),
                );
                continue;
            }
            let read = self.read(sources, from, i, entry, &path, out);
            let Some(file) = read else {
                self.by_path.insert(
                    key,
                    Read {
                        closure: Vec::new(),
                    },
                );
                continue;
            };
            // Its own includes, with this file on the stack.
            let nested = self
                .shared
                .get(&file)
                .map(|s| s.include.clone())
                .unwrap_or_default();
            stack.push(key.clone());
            let mut closure = vec![file];
            self.visit(sources, file, &nested, stack, &mut closure, out);
            stack.pop();
            push_new(found, &closure);
            self.by_path.insert(key, Read { closure });
        }
    }

    /// Reads and parses one shared file; `None` when it cannot be used
    /// (the reason is in `out`).
    fn read(
        &mut self,
        sources: &mut Sources,
        from: FileId,
        index: usize,
        entry: &Loc<String>,
        path: &std::path::Path,
        out: &mut Vec<Diagnostic>,
    ) -> Option<FileId> {
        let (source, problem) = match read_text_as(path, TextKind::Shared) {
            Ok(read) => read,
            Err(e) => {
                out.push(
                    Diagnostic::error(
                        "include-file",
                        format!("the included file {} cannot be read: {}", e.path, e.message),
                    )
                    .at(from, entry.span.clone(), "included here")
                    .field(format!("include[{index}]"))
                    .help("give the shared file's path relative to this file, e.g. include = [\"../groups.toml\"]; docs/format.md shows one"),
                );
                return None;
            }
        };
        let id = sources.add(source);
        if let Some(d) = problem {
            out.push(d.with_file(id));
            return None;
        }
        let text = &sources.get(id).text;
        if text.trim().is_empty() {
            out.push(
                Diagnostic::error("empty-file", "the included file is empty")
                    .at(id, 0..0, "nothing here")
                    .help("a shared file holds [[groups]] and [[people]] tables; remove the include or fill the file"),
            );
            return None;
        }
        match toml::from_str::<Shared>(text) {
            Ok(mut shared) => {
                for g in &mut shared.groups {
                    g.file = id;
                }
                for p in &mut shared.people {
                    p.file = id;
                }
                let problems = crate::load::groups_and_people(&shared.groups, &shared.people, id);
                if !problems.is_empty() {
                    out.extend(problems);
                    return None;
                }
                self.shared.insert(id, shared);
                Some(id)
            }
            Err(e) => {
                let d = toml_error(sources.get(id), id, &e);
                out.push(d.help_if_table(
                    "an included file holds only `include`, [[groups]] and [[people]]; sessions, rooms and the [meeting] table stay in the meeting file",
                ));
                None
            }
        }
    }

    /// What the shared file `file` declares.
    pub(crate) fn get(&self, file: FileId) -> Option<&Shared> {
        self.shared.get(&file)
    }
}

impl Diagnostic {
    /// Replaces the help of an unknown-table error (what an included file
    /// may hold is narrower than what the reader lists).
    fn help_if_table(mut self, help: &str) -> Self {
        if self.rule == "unknown-table"
            && self
                .help
                .as_deref()
                .is_none_or(|h| !h.starts_with("did you mean"))
        {
            self.help = Some(help.to_string());
        }
        self
    }
}

fn push_new(found: &mut Vec<FileId>, more: &[FileId]) {
    for f in more {
        if !found.contains(f) {
            found.push(*f);
        }
    }
}

fn canonical(path: &std::path::Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A path for a message: its file name, or the whole path when it has none.
fn shown(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads the files each meeting includes, adding their texts to `sources`,
/// and gives each meeting the groups and people of every file it includes,
/// directly or not. Returns what is wrong.
pub(crate) fn resolve(sources: &mut Sources, meetings: &mut [Meeting]) -> Vec<Diagnostic> {
    let mut includes = Includes::default();
    let mut out = Vec::new();
    for meeting in meetings.iter_mut() {
        if meeting.include.is_empty() {
            continue;
        }
        let files = includes.closure(sources, meeting.file, &meeting.include, &mut out);
        for f in &files {
            if let Some(shared) = includes.get(*f) {
                meeting.groups.extend(shared.groups.iter().cloned());
                meeting.people.extend(shared.people.iter().cloned());
            }
        }
        meeting.included = files;
    }
    out
}
