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

use std::fmt;
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

/// Most columns a worksheet may span (Excel's limit, column `XFD`). A CSV
/// list is held to the same: no spreadsheet program shows more.
pub const MAX_COLUMNS: usize = 16_384;

/// Most rows a worksheet may span (Excel's limit).
pub const MAX_ROWS: usize = 1_048_576;

/// Most rows with data a list may have under its header: a meeting file
/// holds at most this many contributions
/// ([`crate::load::MAX_CONTRIBUTIONS`]), so a longer list could never be
/// imported. Counted while reading, so a list that is too long is refused
/// before it is held in memory.
pub const MAX_LIST_ROWS: usize = crate::load::MAX_CONTRIBUTIONS;

/// Most cells a list may hold, counting each row up to its last filled cell
/// (a row is kept as one cell per column): 100,000 rows of 50 columns, about
/// 160 MB. A 3GPP Tdoc list has about 25 columns.
pub const MAX_CELLS: usize = 5_000_000;

/// Largest inflated size of one part of a spreadsheet (a zip entry such as
/// `xl/worksheets/sheet1.xml`): 64 MiB, the size of the largest list read.
/// The worksheet of a busy meeting's Tdoc list is about 20 MiB.
pub const MAX_PART_BYTES: u64 = MAX_LIST_BYTES;

/// Largest inflated size of all parts of a spreadsheet together.
pub const MAX_INFLATED_BYTES: u64 = 4 * MAX_LIST_BYTES;

/// The error for a list over one of the limits above.
fn too_large(path: &Path, what: impl fmt::Display) -> ListError {
    ListError::new(path, format!("the list is too large: {what}")).help(
        "a contribution list has at most 100,000 rows and 16,384 columns; split the list, or export only this meeting's contributions",
    )
}

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
    // A NUL or two in text is a damaged cell, reported with its row and
    // column by the CSV reader; many of them are a binary file, or UTF-16
    // text (every other byte a NUL).
    let head = &bytes[..bytes.len().min(8192)];
    // 8 KiB at most, once: a plain count is enough (see `newlines`).
    #[allow(clippy::naive_bytecount)]
    let nuls = head.iter().filter(|&&b| b == 0).count();
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        .count();
    if nuls > 0 && (controls > nuls || nuls * 8 > head.len()) {
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
    // The spreadsheet reader has panicked on damaged files (see
    // tests/regressions.rs). The panic is caught and reported as an
    // unreadable list; the default hook would first print its message and a
    // backtrace to the user's terminal, so it is silenced for the call.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(path, bytes, score)
    }));
    std::panic::set_hook(hook);
    guarded.unwrap_or_else(|_| {
        Err(ListError::new(
            path,
            "is not a readable spreadsheet (the spreadsheet reader failed on its contents)",
        )
        .help("open it in a spreadsheet program and save it again as .xlsx, or export the list as CSV"))
    })
}

/// Refuses a zip-based spreadsheet (.xlsx, .ods) whose parts inflate past
/// [`MAX_PART_BYTES`] each or [`MAX_INFLATED_BYTES`] together, before
/// calamine inflates them into memory: a 1 MB file can hold a worksheet of
/// 1 GiB of white space. The sizes the zip directory declares are checked
/// first, then each part is inflated into nothing with the read bounded, as
/// a damaged or hostile directory can understate them. A file the zip crate
/// cannot open is left for calamine to report.
fn check_parts(path: &Path, bytes: &[u8]) -> Result<(), ListError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        if part.size() > MAX_PART_BYTES {
            return Err(too_large(
                path,
                format!(
                    "its part `{}` inflates to {} bytes; a part may have at most {MAX_PART_BYTES} (64 MiB)",
                    part.name(),
                    part.size()
                ),
            ));
        }
        declared = declared.saturating_add(part.size());
    }
    if declared > MAX_INFLATED_BYTES {
        return Err(too_large(
            path,
            format!(
                "its parts inflate to {declared} bytes; a spreadsheet may have at most {MAX_INFLATED_BYTES} (256 MiB)"
            ),
        ));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        // An unreadable part (bad CRC, unknown method) is calamine's to report.
        let inflated =
            std::io::copy(&mut part.take(MAX_PART_BYTES + 1), &mut std::io::sink()).unwrap_or(0);
        if inflated > MAX_PART_BYTES {
            return Err(too_large(
                path,
                format!("its part `{name}` inflates to more than {MAX_PART_BYTES} bytes (64 MiB)"),
            ));
        }
        total += inflated;
        if total > MAX_INFLATED_BYTES {
            return Err(too_large(
                path,
                format!("its parts inflate to more than {MAX_INFLATED_BYTES} bytes (256 MiB)"),
            ));
        }
    }
    Ok(())
}

fn read_workbook(
    path: &Path,
    bytes: Vec<u8>,
    score: &dyn Fn(&[String]) -> usize,
) -> Result<Grid, ListError> {
    check_parts(path, &bytes)?;
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
        let streamed = match &mut book {
            Sheets::Xlsx(x) => Some(read_xlsx_rows(path, x, name)?),
            _ => None,
        };
        let (rows, _top, left) = match streamed {
            Some(Some(found)) => found,
            Some(None) => continue,
            None => match range_rows(path, &mut book, name)? {
                Some(found) => found,
                None => continue,
            },
        };
        let mut rows = rows;
        let mut cells = rows.iter().map(|r| r.cells.len()).sum();
        for (_, d) in merged.iter().filter(|(s, _)| s == name) {
            fill_merged(path, &mut rows, left, d, &mut cells)?;
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

/// Counts rows and cells as a list is read, and refuses it as soon as it
/// passes a limit: the work and memory stay bounded whatever the file says.
struct Budget<'p> {
    path: &'p Path,
    /// Where the rows are (a worksheet's name, or nothing for CSV).
    sheet: Option<&'p str>,
    rows: usize,
    cells: usize,
}

impl Budget<'_> {
    /// The rows a list may have: [`MAX_LIST_ROWS`] under the header, and the
    /// header and the title lines above it.
    const ROWS: usize = MAX_LIST_ROWS + HEADER_SEARCH_ROWS;

    fn place(&self) -> String {
        self.sheet
            .map_or_else(String::new, |s| format!("worksheet `{s}` "))
    }

    /// Admits one more row of `width` cells, or refuses the list.
    fn row(&mut self, number: usize, width: usize) -> Result<(), ListError> {
        if width > MAX_COLUMNS {
            return Err(too_large(
                self.path,
                format!(
                    "{}row {number} has {width} columns; a list may have at most {MAX_COLUMNS}",
                    self.place()
                ),
            )
            .row(number));
        }
        self.rows += 1;
        self.cells += width;
        if self.rows > Self::ROWS {
            return Err(too_large(
                self.path,
                format!(
                    "{}has more than {} rows with data; a list may have at most {MAX_LIST_ROWS} contributions (the most a meeting file holds) under its header",
                    self.place(),
                    Self::ROWS
                ),
            ));
        }
        if self.cells > MAX_CELLS {
            return Err(too_large(
                self.path,
                format!(
                    "{}has more than {MAX_CELLS} cells by row {number}; a list may have at most {MAX_CELLS} (for example 100,000 rows of 50 columns)",
                    self.place()
                ),
            ));
        }
        Ok(())
    }
}

/// Reads an .xlsx worksheet cell by cell (calamine's cell reader), keeping
/// only the rows that hold something: a grid is never built from the extent
/// the sheet declares or from its farthest cell, so one cell at
/// `XFD1048576` costs one row, not 17 billion cells. `None` when the sheet
/// is empty; else the rows and the sheet's top-left corner.
fn read_xlsx_rows(
    path: &Path,
    book: &mut calamine::Xlsx<Cursor<Vec<u8>>>,
    name: &str,
) -> Result<Option<(Vec<Row>, u32, u32)>, ListError> {
    let unreadable = |e: calamine::XlsxError| {
        ListError::new(path, format!("cannot read worksheet `{name}` ({e})"))
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut budget = Budget {
        path,
        sheet: Some(name),
        rows: 0,
        cells: 0,
    };
    // Cells come row by row; a row is closed (and counted) when the next starts.
    let mut by_row: std::collections::BTreeMap<u32, Vec<(u32, Cell)>> =
        std::collections::BTreeMap::new();
    let mut left = u32::MAX;
    while let Some(c) = reader.next_cell().map_err(unreadable)? {
        let cell = cell_of(&Data::from(c.get_value().clone()));
        if cell.is_empty() {
            continue;
        }
        let (r, col) = c.get_position();
        if col as usize >= MAX_COLUMNS {
            return Err(too_large(
                path,
                format!(
                    "worksheet `{name}` has a cell in column {}; a list may have at most {MAX_COLUMNS} columns",
                    u64::from(col) + 1
                ),
            )
            .row(r as usize + 1)
            .help("a cell reference in the file is damaged; open it in a spreadsheet program and save it again, or export the list as CSV"));
        }
        let row = by_row.entry(r).or_default();
        if row.is_empty() {
            budget.row(r as usize + 1, 1)?;
        }
        // A list fills its first rows: a cell past row 100,010 (a header, a
        // few title lines and 100,000 contributions) is not part of one.
        if r as usize >= Budget::ROWS {
            return Err(too_large(
                path,
                format!(
                    "worksheet `{name}` has a cell in row {}; a list fills at most its first {} rows",
                    u64::from(r) + 1,
                    Budget::ROWS
                ),
            )
            .row(r as usize + 1));
        }
        left = left.min(col);
        row.push((col, cell));
    }
    let Some(&top) = by_row.keys().next() else {
        return Ok(None);
    };
    // Each row becomes one cell per column from the sheet's left edge to its
    // own last filled cell; the budget counts those cells as they are made.
    budget.cells = 0;
    budget.rows = 0;
    let mut rows = Vec::with_capacity(by_row.len());
    for (r, cells) in by_row {
        let width = cells
            .iter()
            .map(|(c, _)| (c - left) as usize + 1)
            .max()
            .unwrap_or(0);
        budget.row(r as usize + 1, width)?;
        let mut dense = vec![Cell::Empty; width];
        for (c, cell) in cells {
            dense[(c - left) as usize] = cell;
        }
        rows.push(Row {
            number: r as usize + 1,
            cells: dense,
        });
    }
    Ok(Some((rows, top, left)))
}

/// Reads a worksheet of another kind (.xls, .xlsb, .ods) through calamine's
/// whole-range reader, with the extent checked before the rows are copied.
fn range_rows<RS: std::io::Read + std::io::Seek>(
    path: &Path,
    book: &mut Sheets<RS>,
    name: &str,
) -> Result<Option<(Vec<Row>, u32, u32)>, ListError> {
    {
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
            return Ok(None);
        };
        let mut budget = Budget {
            path,
            sheet: Some(name),
            rows: 0,
            cells: 0,
        };
        let mut rows = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            let row = Row {
                number: top as usize + i + 1,
                cells: cells.iter().map(cell_of).collect(),
            };
            if !row.is_blank() {
                budget.row(row.number, row.cells.len())?;
            }
            rows.push(row);
        }
        Ok(Some((rows, top, left)))
    }
}

/// Copies the value of a merged region's top-left cell into its other cells.
/// Rows are found by their number (blank rows are not kept), and a row
/// shorter than the region is widened, to the widest row of the sheet at
/// most; `cells` counts the cells added against [`MAX_CELLS`].
fn fill_merged(
    path: &Path,
    rows: &mut [Row],
    left: u32,
    d: &calamine::Dimensions,
    cells: &mut usize,
) -> Result<(), ListError> {
    let Some(c0) = d.start.1.checked_sub(left) else {
        return Ok(());
    };
    let c0 = c0 as usize;
    let c1 = (d.end.1.saturating_sub(left) as usize).max(c0);
    let (r0, r1) = (d.start.0 as usize + 1, d.end.0 as usize + 1);
    let widest = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let first = rows.partition_point(|r| r.number < r0);
    let Some(value) = rows
        .get(first)
        .filter(|r| r.number == r0)
        .map(|r| r.get(c0).clone())
    else {
        return Ok(());
    };
    if value.is_empty() {
        return Ok(());
    }
    let end = c1.min(widest.saturating_sub(1));
    for row in rows[first..].iter_mut().take_while(|r| r.number <= r1) {
        if c0 > end {
            break;
        }
        if row.cells.len() <= end {
            *cells += end + 1 - row.cells.len();
            if *cells > MAX_CELLS {
                return Err(too_large(
                    path,
                    format!("its merged cells make more than {MAX_CELLS} cells"),
                ));
            }
            row.cells.resize(end + 1, Cell::Empty);
        }
        for cell in &mut row.cells[c0..=end] {
            if cell.is_empty() {
                *cell = value.clone();
            }
        }
    }
    Ok(())
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
    let mut budget = Budget {
        path,
        sheet: None,
        rows: 0,
        cells: 0,
    };
    let mut last_start = 0usize;
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
        last_start = start;
        // Counted before the cells are copied: 400,000 header columns are
        // refused at once, not scored.
        let filled = record.iter().rposition(|f| !f.trim_ascii().is_empty());
        if let Some(last) = filled {
            budget.row(number, last + 1)?;
        }
        let mut cells = Vec::with_capacity(filled.map_or(0, |l| l + 1));
        for (c, field) in record.iter().enumerate().take(filled.map_or(0, |l| l + 1)) {
            if let Some(at) = field.iter().position(|&b| b == 0) {
                return Err(ListError::new(
                    path,
                    format!(
                        "column {} ({}) holds a NUL byte at character {} of the cell; a list is text",
                        c + 1,
                        column_letters(c),
                        String::from_utf8_lossy(&field[..at]).chars().count() + 1
                    ),
                )
                .row(number)
                .help("the file is damaged or not a CSV export: remove the NUL byte, or export the list again as CSV UTF-8"));
            }
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
    if let Some(last) = rows.last() {
        if unterminated_quote(&bytes[last_start.min(bytes.len())..], delimiter) {
            return Err(ListError::new(
                path,
                "is not valid CSV: a quoted cell that starts in this row is never closed (a `\"` is missing), so the rest of the file was read as one cell",
            )
            .row(last.number)
            .help("close the quote, or write a quote inside a quoted cell as two quotes (`\"\"`)"));
        }
    }
    let grid = split_header(rows, score);
    if grid.headers.is_empty() {
        return Err(ListError::new(path, "the list is empty: no header row"));
    }
    Ok(grid)
}

/// Whether the last record of a CSV file (`record`: its bytes to the end of
/// the file) ends inside a quoted cell. The csv crate reads an unclosed
/// quote to the end of the file without an error, as RFC 4180 readers do;
/// a list cut short or with a stray quote would then be one huge cell.
/// The rules are the csv crate's: a quote opens a cell only at its start,
/// and `""` inside quotes is a quote.
fn unterminated_quote(record: &[u8], delimiter: u8) -> bool {
    let (mut quoted, mut at_start) = (false, true);
    let mut bytes = record.iter().peekable();
    while let Some(&b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_start {
            quoted = true;
        }
        at_start = !quoted && (b == delimiter || b == b'\n' || b == b'\r');
    }
    quoted
}

/// The letters a spreadsheet shows for the 0-based column `index`: `A`,
/// `Z`, `AA`.
fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
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
