//! A Word document (OOXML `.docx`), as standards bodies exchange agendas.
//!
//! The parts are written by hand and zipped with the `zip` crate rather than
//! built with a docx library: the document needs only paragraphs, heading
//! styles and tables, and writing the XML directly keeps the bytes
//! deterministic (fixed zip timestamps, no generated ids or dates) and the
//! rendering fast. The structure is the other formats': real Word tables
//! whose header row is marked `w:tblHeader` (repeated on each page) and whose
//! rows may not split (`w:cantSplit`), Heading 1-6 styles for the numbered
//! agenda, and a page break before each day of the schedule.

use std::fmt::Write as _;
use std::io::{self, Cursor, Write};

use zip::write::SimpleFileOptions;

use super::walk::{self, Heading, Layout, Prose, Table};
use super::week_grid::Grid;
use super::{Day, Document, Entry, Line, bullet};

/// Text width of an A4 page with 1.8 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1021;

/// Writes `doc` as a `.docx` file.
pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let body = document_xml(doc);
    let title = doc.meetings.first().map_or_else(
        || doc.kind.label().to_string(),
        |m| format!("{} {}", doc.kind.label(), m.title),
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(body.len() / 4)));
    // Fixed timestamp and mode: the same document gives the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let parts: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("docProps/core.xml", &core_xml(&title)),
        ("word/document.xml", &body),
    ];
    for (name, content) in parts {
        zip.start_file(name, options).map_err(io::Error::other)?;
        zip.write_all(content.as_bytes())?;
    }
    let bytes = zip.finish().map_err(io::Error::other)?.into_inner();
    out.write_all(&bytes)
}

/// Escapes text for XML, dropping the characters XML 1.0 cannot hold.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' | '\r' => out.push(' '),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn core_xml(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>agendum</dc:creator></cp:coreProperties>",
        escape(title)
    )
}

/// Paragraph with a style and plain text.
fn para(s: &mut String, style: &str, text: &str) {
    let _ = write!(
        s,
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        escape(text)
    );
}

fn heading(s: &mut String, level: usize, text: &str, page_break: bool) {
    let brk = if page_break {
        "<w:pageBreakBefore/>"
    } else {
        ""
    };
    let _ = write!(
        s,
        "<w:p><w:pPr><w:pStyle w:val=\"Heading{}\"/>{brk}</w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        level.clamp(1, 6),
        escape(text)
    );
}

fn document_xml(doc: &Document) -> String {
    let mut s = String::with_capacity(256 * 1024);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>");
    let mut docx = Docx(s);
    walk::document(doc, &mut docx);
    let mut s = docx.0;
    let _ = write!(
        s,
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1021\" w:right=\"1021\" w:bottom=\"1021\" w:left=\"1021\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    s
}

/// The body being written.
struct Docx(String);

impl Layout for Docx {
    fn grid(&mut self, grid: &Grid) {
        heading(&mut self.0, 1, "Sessions of the week", false);
        table(&mut self.0, &grid.headings(), &grid.rows());
    }

    fn title(&mut self, kind: &str, _: &str, fields: &[(String, String)], new_page: bool) {
        let s = &mut self.0;
        // Word's Title names the kind alone: the meeting's title is
        // already the first header field.
        let brk = if new_page { "<w:pageBreakBefore/>" } else { "" };
        let _ = write!(
            s,
            "<w:p><w:pPr><w:pStyle w:val=\"Title\"/>{brk}</w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(kind)
        );
        for (label, value) in fields {
            let _ = write!(
                s,
                "<w:p><w:pPr><w:pStyle w:val=\"HeaderField\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}: </w:t></w:r><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(label),
                escape(value)
            );
        }
    }

    fn glance(&mut self, heading: &str, lines: &[String], notes: &[String]) {
        let s = &mut self.0;
        if !heading.is_empty() {
            let _ = write!(
                s,
                "<w:p><w:pPr><w:pStyle w:val=\"GlanceHeading\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(heading)
            );
        }
        for line in lines {
            para(s, "ListBullet", &format!("\u{2022} {line}"));
        }
        for n in notes {
            para(s, "Note", n);
        }
    }

    fn heading(&mut self, h: Heading<'_>) {
        heading(&mut self.0, h.depth, &h.text(), false);
    }

    /// Paragraphs, with "- " lines as bullets.
    fn prose(&mut self, _: Prose, text: &[String]) {
        for line in text {
            let (depth, words) = bullet(line);
            if depth == 0 {
                para(&mut self.0, "Normal", words);
            } else {
                let style = if depth == 1 {
                    "ListBullet"
                } else {
                    "ListBullet2"
                };
                para(&mut self.0, style, &format!("\u{2022} {words}"));
            }
        }
    }

    fn treated(&mut self, text: &str) {
        para(&mut self.0, "Note", text);
    }

    fn day(&mut self, depth: usize, headings: &[String], day: &Day) {
        heading(&mut self.0, depth, &day.label, true);
        let rows: Vec<Vec<Vec<String>>> = day.rows.iter().map(super::DayRow::cells).collect();
        table(&mut self.0, headings, &rows);
    }

    fn table(&mut self, t: Table<'_>) {
        table(&mut self.0, &t.headings(), &t.rows());
    }

    /// A contribution's record: its heading line (number in bold), then one
    /// paragraph per presentation, note and decision.
    fn entry(&mut self, e: &Entry) {
        let s = &mut self.0;
        let rest = if e.source.is_empty() {
            format!(" {}", e.title)
        } else {
            format!(" {} ({})", e.title, e.source)
        };
        let _ = write!(
            s,
            "<w:p><w:pPr><w:pStyle w:val=\"EntryHeading\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(&e.number),
            escape(&rest)
        );
        for line in &e.lines {
            match line {
                Line::Presented(t) => para(s, "Presented", t),
                Line::Note(t) => {
                    let (depth, words) = bullet(t);
                    if depth == 0 {
                        para(s, "EntryText", words);
                    } else {
                        para(s, "ListBullet2", &format!("\u{2022} {words}"));
                    }
                }
                Line::Decision { text, .. } => para(s, "Decision", text),
            }
        }
    }

    fn remark(&mut self, text: &str) {
        para(&mut self.0, "Note", text);
    }

    fn end(&mut self) {}
}

/// Column widths in twips: each column first gets room for its longest
/// word (so no word is broken), then the rest of the line is shared by how
/// much more each column holds (up to 40 characters' worth).
fn widths(headings: &[String], rows: &[Vec<Vec<String>>]) -> Vec<usize> {
    // About one character of 9-point text, and a cell's side margins.
    const CHAR: usize = 120;
    const MARGIN: usize = 200;
    let longest_word = |t: &str| {
        t.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let mut least: Vec<usize> = headings.iter().map(|h| longest_word(h)).collect();
    let mut want: Vec<usize> = headings.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (c, cell) in r.iter().enumerate() {
            for line in cell {
                if let Some(l) = least.get_mut(c) {
                    *l = (*l).max(longest_word(line).min(24));
                }
                if let Some(w) = want.get_mut(c) {
                    *w = (*w).max(line.chars().count().min(40));
                }
            }
        }
    }
    let least: Vec<usize> = least.iter().map(|l| l * CHAR + MARGIN).collect();
    let want: Vec<usize> = want
        .iter()
        .zip(&least)
        .map(|(w, l)| (w * CHAR + MARGIN).max(*l))
        .collect();
    let floor: usize = least.iter().sum();
    if floor >= TEXT_WIDTH {
        return least
            .iter()
            .map(|l| TEXT_WIDTH * l / floor.max(1))
            .collect();
    }
    let extra = TEXT_WIDTH - floor;
    let more: usize = want.iter().zip(&least).map(|(w, l)| w - l).sum();
    if more == 0 {
        return least
            .iter()
            .map(|l| l + extra / least.len().max(1))
            .collect();
    }
    want.iter()
        .zip(&least)
        .map(|(w, l)| l + extra * (w - l) / more)
        .collect()
}

/// A Word table: header row repeated on each page, rows that do not split.
fn table(s: &mut String, headings: &[String], rows: &[Vec<Vec<String>>]) {
    let widths = widths(headings, rows);
    s.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"AgendaTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for w in &widths {
        let _ = write!(s, "<w:gridCol w:w=\"{w}\"/>");
    }
    s.push_str("</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (h, w) in headings.iter().zip(&widths) {
        let _ = write!(
            s,
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"1F4E79\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableHeading\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
            escape(h)
        );
    }
    s.push_str("</w:tr>");
    for (i, r) in rows.iter().enumerate() {
        s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        let band = if i % 2 == 1 {
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F6F9\"/>"
        } else {
            ""
        };
        for (c, w) in widths.iter().enumerate() {
            let _ = write!(
                s,
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{band}</w:tcPr>"
            );
            let lines = r.get(c).map_or(&[][..], Vec::as_slice);
            if lines.is_empty() {
                s.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
            }
            for line in lines {
                para(s, "TableText", line);
            }
            s.push_str("</w:tc>");
        }
        s.push_str("</w:tr>");
    }
    // Word needs a paragraph between two tables, or it merges them.
    s.push_str("</w:tbl><w:p><w:pPr><w:pStyle w:val=\"Spacer\"/></w:pPr></w:p>");
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";

/// The styles: Word's built-in names (Title, heading 1-6, List Bullet) so
/// that Word, `LibreOffice` and `python-docx` recognise them, plus a few of ours
/// for tables and the header block.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"80\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"4\" w:color=\"1F4E79\"/></w:pBdr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"2\" w:color=\"CFD6DF\"/></w:pBdr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"100\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"160\" w:after=\"80\"/><w:outlineLvl w:val=\"3\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading5\"><w:name w:val=\"heading 5\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"4\"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading6\"><w:name w:val=\"heading 6\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"5\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"360\" w:hanging=\"220\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet2\"><w:name w:val=\"List Bullet 2\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"720\" w:hanging=\"220\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"HeaderField\"><w:name w:val=\"Header Field\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"1700\" w:hanging=\"1700\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"GlanceHeading\"><w:name w:val=\"Glance Heading\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Note\"><w:name w:val=\"Note\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:i/><w:color w:val=\"5B6675\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"EntryHeading\"><w:name w:val=\"Entry Heading\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"EntryText\"/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"60\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"EntryText\"><w:name w:val=\"Entry Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"284\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Presented\"><w:name w:val=\"Presented\"/><w:basedOn w:val=\"EntryText\"/><w:rPr><w:i/><w:color w:val=\"5B6675\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Decision\"><w:name w:val=\"Decision\"/><w:basedOn w:val=\"EntryText\"/><w:rPr><w:b/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableHeading\"><w:name w:val=\"Table Heading\"/><w:basedOn w:val=\"TableText\"/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:color w:val=\"FFFFFF\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Spacer\"><w:name w:val=\"Spacer\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/></w:pPr><w:rPr><w:sz w:val=\"8\"/></w:rPr></w:style>",
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"AgendaTable\"><w:name w:val=\"Agenda Table\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"CFD6DF\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"CFD6DF\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"CFD6DF\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"CFD6DF\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"CFD6DF\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"CFD6DF\"/></w:tblBorders><w:tblCellMar><w:top w:w=\"30\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/><w:bottom w:w=\"30\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    "</w:styles>"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_drops_what_xml_cannot_hold() {
        assert_eq!(escape("<a> & \u{1b}b\u{0}"), "&lt;a&gt; &amp; b");
    }
}
