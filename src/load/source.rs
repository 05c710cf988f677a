//! The text of the files agendum reads, and the mapping from byte offsets to
//! lines and columns that every diagnostic needs.
//!
//! Files are loaded once into a [`Sources`] table; everything else refers to
//! them by [`FileId`] and byte span, so a diagnostic can be printed long after
//! the file was parsed, and the same text is never read twice.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// Index of a file in a [`Sources`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub usize);

/// One loaded text file: its path as the user gave it and its contents.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given on the command line, used verbatim in messages.
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
    /// Byte offset of each line's start, computed the first time a
    /// diagnostic needs a line (most runs never do).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A position in a file, 1-based as editors count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Source {
    /// Wraps a text read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        Self {
            path: path.into(),
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The path as the user wrote it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 0-based index of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The line and column of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts()[line];
        Position {
            line: line + 1,
            column: self.text[start..offset].chars().count() + 1,
        }
    }

    /// The text of 0-based line `index`, without its line end.
    pub fn line_text(&self, index: usize) -> &str {
        let start = self
            .line_starts()
            .get(index)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts()
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte range of 0-based line `index`, without its line end.
    pub fn line_span(&self, index: usize) -> Range<usize> {
        let start = self
            .line_starts()
            .get(index)
            .copied()
            .unwrap_or(self.text.len());
        start..start + self.line_text(index).len()
    }

    /// Number of lines in the file.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// The largest char boundary at or below `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Every file loaded in one run.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<Source>,
}

impl Sources {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, source: Source) -> FileId {
        self.files.push(source);
        FileId(self.files.len() - 1)
    }

    /// The file with id `id`.
    ///
    /// # Panics
    /// Never for ids handed out by [`Sources::add`] on this table.
    pub fn get(&self, id: FileId) -> &Source {
        &self.files[id.0]
    }

    /// The file with id `id`, or `None` for an id this table did not hand out.
    pub fn try_get(&self, id: FileId) -> Option<&Source> {
        self.files.get(id.0)
    }

    /// All files in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &Source)> {
        self.files.iter().enumerate().map(|(i, s)| (FileId(i), s))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was added.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let s = Source::new("a.toml", "ab\nçd = 1\n".to_string());
        assert_eq!(s.position(0), Position { line: 1, column: 1 });
        assert_eq!(s.position(3), Position { line: 2, column: 1 });
        // 'ç' is two bytes: the 'd' after it is column 2.
        assert_eq!(s.position(5), Position { line: 2, column: 2 });
        assert_eq!(s.line_text(1), "çd = 1");
        // Inside a multi-byte character: clamp to its start.
        assert_eq!(s.position(4), Position { line: 2, column: 1 });
    }
}
