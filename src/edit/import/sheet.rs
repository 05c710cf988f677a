//! Reading a contribution list into a plain grid of cells: one header row and
//! the rows under it, each with the row number a spreadsheet shows.
//!
//! Spreadsheets (.xlsx, .xlsm, .xls, .ods) are read with calamine, CSV with
//! the csv crate. Nothing here knows what the columns mean; the list readers
//! (`tdoc`, `onem2m`, `template`) find their columns by header name.
//!
//! Cells are data, never formulas: calamine returns the cached value of a
//! formula cell, and a CSV cell starting with `=`, `+`, `-` or `@` is kept as
//! the text it is.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::ListError;

/// Largest list read, in bytes (64 MiB): a 3GPP Tdoc list of a busy meeting
/// is about 2 MiB as .xlsx, 5 MiB as CSV.
pub const MAX_LIST_BYTES: u64 = 64 * 1024 * 1024;

/// How many rows from the top may hold the header row (some exports put a
/// title line or two above it).
const HEADER_SEARCH_ROWS: usize = 10;

/// One cell, as the spreadsheet stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing, or only white space.
    Empty,
    /// Text (all CSV cells are text).
    Text(String),
    /// A number (spreadsheets store `9.3` or `123` as numbers).
    Number(f64),
    /// Anything else (a boolean, a date, an error value), as displayed.
    Other(String),
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as text: numbers in their shortest form (`9.3`, `7`), never
    /// with a trailing `.0`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) | Cell::Other(t) => t.clone(),
            Cell::Number(n) => number_text(*n),
        }
    }
}

/// A number as a spreadsheet displays it by default: `9.3`, `7` (not `7.0`).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // Exact: the value is an integer well inside i64.
        #[allow(clippy::cast_possible_truncation)]
        let i = n as i64;
        i.to_string()
    } else {
        // Rust prints the shortest text that reads back as the same float.
        n.to_string()
    }
}

/// One row under the header.
#[derive(Debug, Clone)]
pub struct Row {
    /// The row number the spreadsheet shows (1-based, the header row counted).
    pub number: usize,
    /// The cells, in the header's column order.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `index`, or an empty cell.
    pub fn get(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }

    /// Whether every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// A header row and the rows under it.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The header cells as written.
    pub headers: Vec<String>,
    /// The row number of the header row (1-based).
    pub header_row: usize,
    /// The rows under the header, blank rows left out.
    pub rows: Vec<Row>,
}

/// The kind of file a list is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A spreadsheet calamine reads.
    Spreadsheet,
    /// Text, read as CSV.
    Csv,
}

/// Most columns a worksheet may span (Excel's limit, column `XFD`).
pub const MAX_COLUMNS: usize = 16_384;

/// Most rows a worksheet may span (Excel's limit).
pub const MAX_ROWS: usize = 1_048_576;

/// Reads a list file whole, with the size limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ListError> {
    let file = std::fs::File::open(path).map_err(|e| {
        ListError::new(
            path,
            match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "cannot open the list: no such file; check the path".to_string()
                }
                _ => format!("cannot open the list: {e}"),
            },
        )
    })?;
    let meta = file
        .metadata()
        .map_err(|e| ListError::new(path, format!("cannot read the list: {e}")))?;
    if meta.is_dir() {
        return Err(ListError::new(
            path,
            "is a directory; give a contribution list (.xlsx or .csv)",
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_LIST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ListError::new(path, format!("cannot read the list: {e}")))?;
    if bytes.len() as u64 > MAX_LIST_BYTES {
        return Err(ListError::new(
            path,
            format!(
                "the list is over {MAX_LIST_BYTES} bytes (64 MiB); that is not a contribution list"
            ),
        ));
    }
    Ok(bytes)
}

/// Tells a spreadsheet from CSV by the content (the extension can lie):
/// .xlsx/.ods are zip files, .xls is an OLE compound file.
pub fn sniff(path: &Path, bytes: &[u8]) -> Result<FileKind, ListError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(FileKind::Spreadsheet);
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(ListError::new(
            path,
            "is neither a spreadsheet (.xlsx, .xls, .ods) nor CSV text",
        )
        .help("export the contribution list from the portal as .xlsx or as CSV"));
    }
    Ok(FileKind::Csv)
}

/// Reads the first worksheet that has a header row. `score` counts how many
/// cells of a candidate row are known header names; the best row among the
/// first few non-blank rows is the header.
///
/// The spreadsheet reader is a third-party parser fed files from portals: a
/// panic inside it (calamine 0.35 subtracts a worksheet's `<dimension>`
/// corners unchecked, which overflows in builds with overflow checks) is
/// caught here and reported as an unreadable file, never a crash.
pub fn read_spreadsheet(
    path: &Path,
    bytes: Vec<u8>,
    score: &dyn Fn(&[String]) -> usize,
) -> Result<Grid, ListError> {
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(path, bytes, score)
    }));
    guarded.unwrap_or_else(|_| {
        Err(ListError::new(
            path,
            "is not a readable spreadsheet (the spreadsheet reader failed on its contents)",
        )
        .help("open it in a spreadsheet program and save it again as .xlsx, or export the list as CSV"))
    })
}

fn read_workbook(
    path: &Path,
    bytes: Vec<u8>,
    score: &dyn Fn(&[String]) -> usize,
) -> Result<Grid, ListError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        ListError::new(path, format!("is not a readable spreadsheet ({e})"))
            .help("export the contribution list from the portal again as .xlsx, or as CSV")
    })?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(ListError::new(path, "the workbook has no worksheets"));
    }
    let mut merged: Vec<(String, calamine::Dimensions)> = Vec::new();
    if let Sheets::Xlsx(x) = &mut book {
        // Merged cells hold their value in the top-left cell only; a list
        // with a merged "Agenda item" cell over several rows means every row.
        if x.load_merged_regions().is_ok() {
            merged = x
                .merged_regions()
                .iter()
                .map(|(sheet, _, d)| (sheet.clone(), *d))
                .collect();
        }
    }
    let mut fallback: Option<Grid> = None;
    for name in &names {
        let range = match book.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                return Err(ListError::new(
                    path,
                    format!("cannot read worksheet `{name}` ({e})"),
                ));
            }
        };
        // A cell reference such as `ourcD2` is read as column 8,000,000:
        // refuse a sheet wider or longer than a spreadsheet program allows
        // rather than score millions of empty header cells.
        if range.width() > MAX_COLUMNS || range.height() > MAX_ROWS {
            return Err(ListError::new(
                path,
                format!(
                    "worksheet `{name}` spans {} rows and {} columns; a spreadsheet has at most {MAX_ROWS} rows and {MAX_COLUMNS} columns",
                    range.height(),
                    range.width()
                ),
            )
            .help("a cell reference in the file is damaged; open it in a spreadsheet program and save it again, or export the list as CSV"));
        }
        let Some((top, left)) = range.start() else {
            continue;
        };
        let mut rows: Vec<Row> = range
            .rows()
            .enumerate()
            .map(|(i, cells)| Row {
                number: top as usize + i + 1,
                cells: cells.iter().map(cell_of).collect(),
            })
            .collect();
        for (_, d) in merged.iter().filter(|(s, _)| s == name) {
            fill_merged(&mut rows, top, left, d);
        }
        let grid = split_header(rows, score);
        if grid.headers.is_empty() {
            continue;
        }
        if score(&grid.headers) > 0 {
            return Ok(grid);
        }
        fallback.get_or_insert(grid);
    }
    fallback.ok_or_else(|| {
        ListError::new(
            path,
            format!(
                "the workbook has no rows (worksheets: {})",
                names.join(", ")
            ),
        )
    })
}

/// Copies the value of a merged region's top-left cell into its other cells.
fn fill_merged(rows: &mut [Row], top: u32, left: u32, d: &calamine::Dimensions) {
    let (Some(r0), Some(c0)) = (d.start.0.checked_sub(top), d.start.1.checked_sub(left)) else {
        return;
    };
    let (r0, c0) = (r0 as usize, c0 as usize);
    let height = (d.end.0.saturating_sub(d.start.0)) as usize;
    let width = (d.end.1.saturating_sub(d.start.1)) as usize;
    let Some(value) = rows.get(r0).map(|r| r.get(c0).clone()) else {
        return;
    };
    for row in rows.iter_mut().skip(r0).take(height + 1) {
        for c in c0..=c0 + width {
            if let Some(cell) = row.cells.get_mut(c) {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => {
            let t = s.trim();
            if t.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(t.to_string())
            }
        }
        #[allow(clippy::cast_precision_loss)]
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Other(b.to_string()),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) | Data::Error(_) => {
            Cell::Other(d.to_string())
        }
    }
}

/// Picks the header row among the first non-blank rows and returns the grid
/// under it, blank rows left out.
fn split_header(rows: Vec<Row>, score: &dyn Fn(&[String]) -> usize) -> Grid {
    let candidates: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .map(|(i, _)| i)
        .take(HEADER_SEARCH_ROWS)
        .collect();
    let texts = |r: &Row| r.cells.iter().map(Cell::text).collect::<Vec<_>>();
    let Some(&first) = candidates.first() else {
        return Grid::default();
    };
    let mut best = (0, first);
    for &i in &candidates {
        let s = rows.get(i).map_or(0, |r| score(&texts(r)));
        if s > best.0 {
            best = (s, i);
        }
    }
    let header_index = best.1;
    let mut iter = rows.into_iter().skip(header_index);
    let Some(header) = iter.next() else {
        return Grid::default();
    };
    Grid {
        headers: texts(&header),
        header_row: header.number,
        rows: iter.filter(|r| !r.is_blank()).collect(),
    }
}

/// Reads CSV text: UTF-8 (a byte-order mark is skipped), separated by
/// commas, semicolons (European spreadsheet exports) or tabs.
pub fn read_csv(
    path: &Path,
    bytes: &[u8],
    score: &dyn Fn(&[String]) -> usize,
) -> Result<Grid, ListError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delimiter = guess_delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut rows = Vec::new();
    // A spreadsheet shows one row per line, blank lines included, and one row
    // for a record whose quoted cells span several lines.
    let mut newlines_in_cells = 0usize;
    let (mut scanned, mut line) = (0usize, 1usize);
    for (i, record) in reader.byte_records().enumerate() {
        let record = record.map_err(|e| {
            let err = ListError::new(path, format!("is not valid CSV: {e}"));
            match e.position() {
                Some(p) => err.row(usize::try_from(p.line()).unwrap_or(usize::MAX)),
                None => err,
            }
        })?;
        // The reader's own line count skips blank lines: count them here.
        let mut start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(scanned)
            .min(bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > scanned {
            line += newlines(&bytes[scanned..start]);
            scanned = start;
        }
        let number = line.saturating_sub(newlines_in_cells).max(i + 1);
        newlines_in_cells += record.iter().map(newlines).sum::<usize>();
        let mut cells = Vec::with_capacity(record.len());
        for field in &record {
            let text = std::str::from_utf8(field).map_err(|_| {
                ListError::new(path, "the text is not UTF-8")
                    .row(number)
                    .help("export the list as \"CSV UTF-8\" (in spreadsheet programs: Save As > CSV UTF-8)")
            })?;
            let t = text.trim();
            cells.push(if t.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(t.to_string())
            });
        }
        rows.push(Row { number, cells });
    }
    let grid = split_header(rows, score);
    if grid.headers.is_empty() {
        return Err(ListError::new(path, "the list is empty: no header row"));
    }
    Ok(grid)
}

/// Number of line feeds in `bytes`.
// A list is a few MiB at most, read once: a plain count is fast enough and
// spares a dependency.
#[allow(clippy::naive_bytecount)]
fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// The separator of the first lines (outside quotes): the most frequent of
/// comma, semicolon and tab (a title line above the header may have none).
fn guess_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for &b in bytes.iter().take(64 * 1024) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                lines += 1;
                if lines == HEADER_SEARCH_ROWS + 2 {
                    break;
                }
            }
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if tab > comma && tab > semicolon {
        b'\t'
    } else if semicolon > comma {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_spreadsheet_shows_them() {
        assert_eq!(number_text(9.3), "9.3");
        assert_eq!(number_text(7.0), "7");
        assert_eq!(number_text(9.12), "9.12");
        assert_eq!(number_text(2_301_234.0), "2301234");
    }

    #[test]
    fn csv_separators_and_header_rows_are_found() {
        let score = |h: &[String]| h.iter().filter(|x| x.as_str() == "TDoc").count();
        let text =
            "Meeting list\n\nTDoc;Title\nR1-2300001;\"=cmd|' /C calc'!A0\"\n;\nR1-2300002;x\n";
        let g = read_csv(Path::new("l.csv"), text.as_bytes(), &score).unwrap();
        assert_eq!(g.headers, ["TDoc", "Title"]);
        assert_eq!(g.header_row, 3);
        assert_eq!(g.rows.len(), 2, "the blank row is left out");
        assert_eq!(g.rows[0].number, 4);
        assert_eq!(g.rows[0].get(1).text(), "=cmd|' /C calc'!A0");
        assert_eq!(g.rows[1].number, 6);
    }
}
