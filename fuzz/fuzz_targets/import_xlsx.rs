//! The contribution-list importer on spreadsheets. Raw bytes rarely get past
//! the zip checksums, so the first byte chooses: the bytes as a whole file,
//! or the bytes as the worksheet XML (or the shared strings) of an otherwise
//! well-formed .xlsx built here.
#![no_main]

use std::io::{Cursor, Write};
use std::path::Path;

use agendum::edit::import::{self, Format};
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="TDoc_List" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
/// A 3GPP-like header row and one row, referring to shared strings 0..=4.
const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E2"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>S3-240001</t></is></c><c r="B2" t="inlineStr"><is><t>A title</t></is></c><c r="C2" t="inlineStr"><is><t>Nokia</t></is></c><c r="D2"><v>5.1</v></c><c r="E2" t="inlineStr"><is><t>available</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="D2:D3"/></mergeCells></worksheet>"#;
const STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>TDoc</t></si><si><t>Title</t></si><si><t>Source</t></si><si><t>Agenda item</t></si><si><t>TDoc Status</t></si></sst>"#;

fn xlsx(sheet: &[u8], strings: &[u8]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
    ];
    for (name, bytes) in parts {
        if z.start_file(name, o).is_err() || z.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    if z.finish().is_err() {
        return Vec::new();
    }
    out.into_inner()
}

/// agendum catches a panic inside the third-party spreadsheet reader and
/// reports the file as unreadable (src/import/sheet.rs). libFuzzer's panic
/// hook would abort first, so panics located in calamine are passed over
/// here; every other panic still aborts and is a finding.
fn pass_over_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_reader = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if !in_reader {
                abort(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    pass_over_reader_panics();
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let bytes = match pick % 3 {
        0 => rest.to_vec(),
        1 => xlsx(rest, STRINGS.as_bytes()),
        _ => xlsx(SHEET.as_bytes(), rest),
    };
    let _ = import::read_list_bytes(Path::new("fuzz.xlsx"), bytes, Format::Auto);
});
