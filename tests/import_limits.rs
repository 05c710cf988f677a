//! Lists that would run `agendum import` out of memory or time, and lists
//! whose errors pointed at the wrong thing (issue 16, items 8, 17, 18, 19).
//! Every hostile file is built here, small, so each case runs in a few
//! seconds and a little memory; each must fail with exit 2, a message about
//! the list, and the meeting file unchanged.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use zip::write::SimpleFileOptions;

use crate::support::{Output, agendum};

/// The meeting file the lists are imported into.
const MEETING: &str = "tests/import/sa3-114.toml";

/// Writes a minimal .xlsx whose first worksheet is `sheet_data` (the
/// content of `<sheetData>`, cells as inline strings), compressed or not.
fn xlsx(path: &Path, sheet_data: &str, deflate: bool) {
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = SimpleFileOptions::default().compression_method(method);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="TDoc_List" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#)
        .unwrap();
    zip.write_all(sheet_data.as_bytes()).unwrap();
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap();
}

/// One inline-string cell.
fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The header row of a Tdoc list and one good row.
fn header_and_one_row() -> String {
    format!(
        r#"<row r="1">{}{}{}</row><row r="2">{}{}{}</row>"#,
        cell("A1", "TDoc"),
        cell("B1", "Title"),
        cell("C1", "Agenda item"),
        cell("A2", "S3-240001"),
        cell("B2", "A title"),
        cell("C2", "5.1"),
    )
}

/// Imports the list `name` (written by `write` in the scratch directory)
/// into a copy of the meeting file; checks exit 2 and the meeting file
/// unchanged, and returns the output.
fn refused(name: &str, write: impl FnOnce(&Path)) -> Output {
    let test = agendum().copy("m.toml", crate::support::root(MEETING));
    write(&test.path(name));
    let before = std::fs::read(test.path("m.toml")).unwrap();
    let out = test
        .args(["import", name, "--into", "m.toml"])
        .timeout(Duration::from_secs(60))
        .status(2)
        .run();
    assert_eq!(
        std::fs::read(out.path("m.toml")).unwrap(),
        before,
        "the meeting file changed"
    );
    out
}

#[test]
fn one_cell_in_the_last_row_and_column_of_a_worksheet() {
    // Was: "memory allocation of 549755813888 bytes failed", SIGABRT.
    let out = refused("l.xlsx", |p| {
        let data = format!(
            r#"{}<row r="1048576">{}</row>"#,
            header_and_one_row(),
            cell("XFD1048576", "x")
        );
        xlsx(p, &data, true);
    });
    assert!(out.stderr.contains("l.xlsx: row 1048576: the list is too large: worksheet `TDoc_List` has a cell in row 1048576; a list fills at most its first 100010 rows"), "{}", out.stderr);
    assert!(std::fs::metadata(out.path("l.xlsx")).unwrap().len() < 4096);
}

#[test]
fn one_cell_far_right_and_down() {
    // Was: 49 s, then all the memory there was.
    let out = refused("l.xlsx", |p| {
        let data = format!(
            r#"{}<row r="200000">{}</row>"#,
            header_and_one_row(),
            cell("AAA200000", "x")
        );
        xlsx(p, &data, true);
    });
    assert!(
        out.stderr.contains("l.xlsx: row 200000: the list is too large: worksheet `TDoc_List` has a cell in row 200000; a list fills at most its first 100010 rows"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_worksheet_that_inflates_past_64_mib() {
    // Was: 1 MB inflating to 1 GiB of white space, 21 s and 2.6 GB. Here
    // 65 MiB of spaces, about 65 KB on disk.
    let out = refused("l.xlsx", |p| {
        let data = format!("{}{}", header_and_one_row(), " ".repeat(65 << 20));
        xlsx(p, &data, true);
    });
    assert!(
        out.stderr.contains(
            "l.xlsx: the list is too large: its part `xl/worksheets/sheet1.xml` inflates to"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("64 MiB"), "{}", out.stderr);
}

#[test]
fn a_csv_header_of_400000_columns() {
    // Was: 23 s of scoring header cells.
    let out = refused("l.csv", |p| {
        let mut text = String::from("TDoc,Title,Agenda item");
        for i in 0..400_000 {
            let _ = write!(text, ",h{i}");
        }
        text.push_str("\nS3-240001,A title,5.1\n");
        std::fs::write(p, text).unwrap();
    });
    assert!(
        out.stderr.contains("l.csv: row 1: the list is too large: row 1 has 400003 columns; a list may have at most 16384"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_list_of_more_rows_than_a_meeting_file_holds_is_refused_while_reading() {
    // Was: 24 s and 1.27 GB for 300,000 rows, then `too-many-contributions`
    // at a line of a meeting file that was never written.
    let out = refused("l.xlsx", |p| {
        let mut data = header_and_one_row();
        for r in 3..=100_020 {
            let _ = write!(
                data,
                r#"<row r="{r}">{}</row>"#,
                cell(&format!("A{r}"), "S3")
            );
        }
        xlsx(p, &data, false);
    });
    assert!(
        out.stderr.contains("l.xlsx: the list is too large: worksheet `TDoc_List` has more than 100010 rows with data; a list may have at most 100000 contributions"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("too-many-contributions"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_title_column_is_not_taken_for_the_number_column() {
    let out = refused("l.csv", |p| {
        std::fs::write(p, "TDoc,Agenda item,Source\nS3-240001,5.1,Acme\n").unwrap();
    });
    assert!(
        out.stderr.contains(r#"l.csv: row 1: no column "Title" in the header row; headers found: "TDoc", "Agenda item", "Source""#),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("did you mean"), "{}", out.stderr);
    assert!(
        out.stderr.contains(r#"add a column "Title""#),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unclosed_quote_is_a_csv_syntax_error_at_its_row() {
    let out = refused("l.csv", |p| {
        std::fs::write(
            p,
            "TDoc,Title,Agenda item\nS3-240001,Fine,5.1\nS3-240002,\"Never closed,5.1\nS3-240003,Lost,5.1\n",
        )
        .unwrap();
    });
    assert!(
        out.stderr.contains(
            "l.csv: row 3: is not valid CSV: a quoted cell that starts in this row is never closed"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("agenda item"), "{}", out.stderr);
}

#[test]
fn a_nul_byte_in_a_csv_is_reported_at_its_row_and_column() {
    let out = refused("l.csv", |p| {
        std::fs::write(p, b"TDoc,Title,Agenda item\nS3-240001,Fi\0ne,5.1\n").unwrap();
    });
    assert!(
        out.stderr
            .contains("l.csv: row 2: column 2 (B) holds a NUL byte at character 3 of the cell"),
        "{}",
        out.stderr
    );
}
