//! Editing a meeting file in place, keeping the user's comments, ordering and
//! formatting (`toml_edit`), for the commands that write back into the file
//! (`import`, `plan --write`, `record`, `timetable --write`).
//!
//! An edit is read, changed in memory, checked by loading the new text as a
//! meeting file (agendum never writes a file it could not read back), and
//! written atomically only if the file on disk is still what was read.
//! An edit that will be written holds the file's [`EditLock`] from before
//! the file is read until it is written, so two edits take turns. The file
//! keeps its layout: CRLF line endings and a UTF-8 byte order mark survive
//! (`toml_edit` writes LF and drops the mark).

pub mod import;
pub mod next;
pub mod record;

use std::path::{Path, PathBuf};
use std::time::Duration;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load;
use crate::load::source::{FileId, Source};
use crate::output::{self, EditLock};

/// How an edit that will be written is taken and written.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Replace a read-only or hard-linked file anyway (`--force`).
    pub force: bool,
    /// How long to wait for another process's edit of the same file.
    pub lock_wait: Duration,
}

impl Default for WriteOptions {
    fn default() -> Self {
        Self {
            force: false,
            lock_wait: Duration::from_secs(10),
        }
    }
}

/// A meeting file opened for editing.
#[derive(Debug)]
pub struct MeetingDoc {
    path: PathBuf,
    original: String,
    /// The original's line endings were CRLF.
    crlf: bool,
    /// The original began with a UTF-8 byte order mark.
    bom: bool,
    /// Held from before the read until the edit is written (or dropped).
    lock: Option<EditLock>,
    /// The document being edited.
    pub doc: DocumentMut,
}

impl MeetingDoc {
    /// Opens a meeting file for an edit that will be written: refuses a
    /// read-only or hard-linked file unless `--force`, takes the file's edit
    /// lock (waiting at most `options.lock_wait`), then reads it, so nothing
    /// another agendum process writes in between is lost.
    pub fn open_to_write(path: &Path, options: &WriteOptions) -> Result<Self, Error> {
        output::check_replaceable(path, options.force)?;
        let lock = EditLock::acquire(path, options.lock_wait)?;
        let mut doc = Self::open(path)?;
        doc.lock = Some(lock);
        Ok(doc)
    }

    /// Opens a meeting file for editing without the lock (a dry run, or a
    /// command that only reads); it must load as a meeting file.
    pub fn open(path: &Path) -> Result<Self, Error> {
        let (source, utf8) = load::read_text(path).map_err(Error::Read)?;
        if let Some(d) = utf8 {
            return Err(Error::Invalid(source, vec![d]));
        }
        if let Err(diags) = load::parse_meeting(&source, FileId(0)) {
            return Err(Error::Invalid(source, diags));
        }
        let doc = source.text.parse::<DocumentMut>().map_err(|e| {
            Error::Invalid(
                source.clone(),
                vec![Diagnostic::error("toml-syntax", e.to_string())],
            )
        })?;
        let text = &source.text;
        let crlf = text.find('\n').is_some_and(|i| text[..i].ends_with('\r'));
        let bom = text.starts_with('\u{feff}');
        Ok(Self {
            path: path.to_path_buf(),
            crlf,
            bom,
            lock: None,
            original: source.text,
            doc,
        })
    }

    /// The path being edited.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text as read.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The text as edited so far, in the original's layout (line endings,
    /// byte order mark).
    pub fn text(&self) -> String {
        let mut text = self.doc.to_string();
        if self.crlf {
            text = text.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        if self.bom && !text.starts_with('\u{feff}') {
            text.insert(0, '\u{feff}');
        }
        text
    }

    /// Whether the edits changed the text.
    pub fn is_changed(&self) -> bool {
        self.text() != self.original
    }

    /// The array of tables `[[name]]`, created at the end if absent. An
    /// inline array of tables (`agenda = [{...}]`) is turned into `[[name]]`
    /// tables. `None` if the key holds something else.
    pub fn array(&mut self, name: &str) -> Option<&mut ArrayOfTables> {
        if !self.doc.contains_key(name) {
            self.doc
                .insert(name, Item::ArrayOfTables(ArrayOfTables::new()));
        }
        if self.doc[name]
            .as_array()
            .is_some_and(toml_edit::Array::is_empty)
        {
            self.doc[name] = Item::ArrayOfTables(ArrayOfTables::new());
        } else if self.doc[name].is_array() {
            let item = std::mem::take(&mut self.doc[name]);
            self.doc[name] = match item.into_array_of_tables() {
                Ok(tables) => Item::ArrayOfTables(tables),
                Err(item) => item,
            };
        }
        self.doc[name].as_array_of_tables_mut()
    }

    /// The first table of `[[array]]` whose `key` is the string `value`.
    pub fn find_mut(&mut self, array: &str, key: &str, value: &str) -> Option<&mut Table> {
        self.doc
            .get_mut(array)?
            .as_array_of_tables_mut()?
            .iter_mut()
            .find(|t| t.get(key).and_then(Item::as_str) == Some(value))
    }

    /// Checks that the edited text still loads as a meeting file, without
    /// writing anything (for `--dry-run`).
    pub fn validate(&self) -> Result<(), Error> {
        let source = Source::new(&self.path, self.text());
        match load::parse_meeting(&source, FileId(0)) {
            Ok(_) => Ok(()),
            Err(diags) => Err(Error::Invalid(source, diags)),
        }
    }

    /// Checks that the edited text still loads as a meeting file, then writes
    /// it atomically if the file on disk is unchanged since it was read.
    /// Returns whether anything was written.
    pub fn save(&self) -> Result<bool, Error> {
        let text = self.text();
        if text == self.original {
            return Ok(false);
        }
        let source = Source::new(&self.path, text);
        if let Err(diags) = load::parse_meeting(&source, FileId(0)) {
            return Err(Error::Invalid(source, diags));
        }
        output::write_back(&self.path, self.original.as_bytes(), source.text.as_bytes())
            .map_err(Error::Write)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# top comment\n[meeting]\nid = \"SEC#1\" # the id\ntitle = \"t\"\ngroup = \"SEC\"\nchair = \"A\"\ndates = { start = 2014-04-07, end = 2014-04-11 }\ntimezone = \"UTC\"\n\n[[contributions]]\nnumber = \"SEC-2014-0001\"\ntitle = \"x\"\nitem = \"1\"\n";

    #[test]
    fn inline_arrays_become_arrays_of_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.toml");
        std::fs::write(&path, FILE.replace("[meeting]", "agenda = []\n[meeting]")).unwrap();
        let mut doc = MeetingDoc::open(&path).unwrap();
        let agenda = doc.array("agenda").unwrap();
        let mut t = Table::new();
        t["number"] = toml_edit::value("1");
        t["title"] = toml_edit::value("Opening");
        agenda.push(t);
        assert!(doc.save().unwrap());
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("[[agenda]]\nnumber = \"1\"")
        );
    }

    #[test]
    fn edits_keep_comments_and_refuse_invalid_results() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.toml");
        std::fs::write(&path, FILE).unwrap();
        let mut doc = MeetingDoc::open(&path).unwrap();
        doc.find_mut("contributions", "number", "SEC-2014-0001")
            .unwrap()["status"] = toml_edit::value("noted");
        assert!(doc.save().unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# top comment\n"));
        assert!(text.contains("id = \"SEC#1\" # the id"));
        assert!(text.contains("status = \"noted\""));

        let mut doc = MeetingDoc::open(&path).unwrap();
        doc.find_mut("contributions", "number", "SEC-2014-0001")
            .unwrap()["status"] = toml_edit::value("nope");
        assert!(matches!(doc.save(), Err(Error::Invalid(..))));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "nothing written"
        );
    }
}
