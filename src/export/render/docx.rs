//! A Word document (OOXML `.docx`), as standards bodies exchange agendas.
//!
//! The parts are written by hand and zipped with the `zip` crate rather than
//! built with a docx library: the document needs only paragraphs, heading
//! styles, lists, tables and a header and footer, and writing the XML
//! directly keeps the bytes deterministic (fixed zip timestamps, no
//! generated ids or dates) and the rendering fast.
//!
//! It prints as the template prints. The cover is a table of two columns,
//! label and value. Headings (and the lines that lead into a table) keep
//! with what follows them (`w:keepNext`); table rows do not split
//! (`w:cantSplit`) and a short table keeps together (every row but the last
//! keeps with the next); header rows repeat on each page (`w:tblHeader`);
//! lists are Word lists (`numbering.xml`); no empty paragraph makes space,
//! and nothing forces a page break but the start of another part. Each part
//! (the week's grid, each meeting) is a section of its own, whose header
//! gives the meeting's id and document number and whose footer gives the
//! document's footer and "Page N of M" (the `PAGE` and `NUMPAGES` fields).

use std::fmt::Write as _;
use std::io::{self, Cursor, Write};

use zip::write::SimpleFileOptions;

use super::walk::{self, Heading, Layout, Prose, Start, Table};
use super::week_grid::Grid;
use super::{
    Cover, Day, DayRow, Document, Entry, GRID_TITLE, Line, Running, TEMPLATE_VERSION, bullet,
    column_widths,
};

/// Text width of an A4 page with 1.8 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1021;

/// About one character of 9-point text, and a cell's side margins, in twips.
const CHAR: usize = 120;
const CELL_MARGIN: usize = 200;

/// A table of at most this many rows is short: it is kept on one page.
/// Longer tables may break between rows, their header row repeated, so
/// that a page is not left a third empty before them.
const SHORT_TABLE: usize = 6;

/// A contribution's record of at most this many lines is kept on one page;
/// a longer one keeps its heading with its first line.
const SHORT_ENTRY: usize = 6;

/// The width of the cover's label column, in twips.
const COVER_LABEL: usize = 2400;

/// Writes `doc` as a `.docx` file.
pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let (body, sections) = document_xml(doc);
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
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), content_types(sections.len())),
        ("_rels/.rels".into(), ROOT_RELS.into()),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels(sections.len()),
        ),
        ("word/styles.xml".into(), STYLES.into()),
        ("word/numbering.xml".into(), NUMBERING.into()),
        ("docProps/core.xml".into(), core_xml(&title)),
        ("word/document.xml".into(), body),
    ];
    for (i, r) in sections.iter().enumerate() {
        let n = i + 1;
        parts.push((format!("word/header{n}.xml"), header_xml(r)));
        parts.push((format!("word/footer{n}.xml"), footer_xml(r)));
    }
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

/// A run of plain text.
fn run(text: &str) -> String {
    format!(
        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

/// A run of bold text.
fn bold(text: &str) -> String {
    format!(
        "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

/// A paragraph's properties besides its style.
#[derive(Debug, Clone, Copy, Default)]
struct Props {
    /// Keep with the next paragraph (or the table that follows).
    keep_next: bool,
    /// A list item at this level (0 for the outer list).
    list_level: Option<usize>,
}

/// The body's section properties: A4, the margins, and this section's
/// header and footer (`n` from 1).
fn sect_pr(n: usize) -> String {
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader{n}\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter{n}\"/><w:type w:val=\"nextPage\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1021\" w:right=\"1021\" w:bottom=\"1021\" w:left=\"1021\" w:header=\"454\" w:footer=\"454\" w:gutter=\"0\"/></w:sectPr>"
    )
}

/// The body and what each section's pages carry, in order.
fn document_xml(doc: &Document) -> (String, Vec<Running>) {
    let mut docx = Docx {
        s: String::with_capacity(256 * 1024),
        sections: Vec::new(),
        last: Last::Nothing,
        after_table: false,
    };
    docx.s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>");
    walk::document(doc, &mut docx);
    if docx.sections.is_empty() {
        docx.sections.push(Running::default());
    }
    // Word ends a body with a paragraph; after a table the last one
    // holds nothing and takes no room.
    if docx.last == Last::Table {
        docx.s.push_str(END_MARK);
    }
    let n = docx.sections.len();
    docx.s.push_str(&sect_pr(n));
    docx.s.push_str("</w:body></w:document>");
    (docx.s, docx.sections)
}

/// A paragraph that takes no room, where Word needs one and there is
/// nothing to say: between two tables, and after a table that ends a
/// section or the body.
const END_MARK: &str = "<w:p><w:pPr><w:pStyle w:val=\"EndMark\"/></w:pPr></w:p>";

/// What the body's last block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Nothing yet.
    Nothing,
    /// A paragraph: where its style ends and where its properties end, as
    /// offsets of the body.
    Paragraph {
        /// Just after its `w:pStyle`, where `w:keepNext` goes.
        style_end: usize,
        /// Just before `</w:pPr>`, where a section's properties go.
        props_end: usize,
    },
    /// A table.
    Table,
}

/// The body being written.
struct Docx {
    /// The XML so far.
    s: String,
    /// What each part's pages carry, one section per part.
    sections: Vec<Running>,
    /// The last block written.
    last: Last,
    /// The next paragraph follows a table: it gets the space a table leaves.
    after_table: bool,
}

impl Docx {
    /// A paragraph of `style` with `runs` (already marked up).
    fn p(&mut self, style: &str, props: Props, runs: &str) {
        let s = &mut self.s;
        let _ = write!(s, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
        let style_end = s.len();
        if props.keep_next {
            s.push_str("<w:keepNext/>");
        }
        if let Some(level) = props.list_level {
            let _ = write!(
                s,
                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"1\"/></w:numPr>",
                level.min(8)
            );
        }
        // Space after a table, which has none of its own: the headings
        // bring theirs.
        if std::mem::take(&mut self.after_table) && !style.starts_with("Heading") {
            s.push_str("<w:spacing w:before=\"160\"/>");
        }
        self.last = Last::Paragraph {
            style_end,
            props_end: s.len(),
        };
        s.push_str("</w:pPr>");
        s.push_str(runs);
        s.push_str("</w:p>");
    }

    /// Keeps the last paragraph with the next, when it is one.
    fn keep_last(&mut self) {
        if let Last::Paragraph {
            style_end,
            props_end,
        } = self.last
        {
            let keep = "<w:keepNext/>";
            if !self.s[style_end..].starts_with(keep) {
                self.s.insert_str(style_end, keep);
                self.last = Last::Paragraph {
                    style_end,
                    props_end: props_end + keep.len(),
                };
            }
        }
    }

    /// A paragraph of `style` with plain text.
    fn para(&mut self, style: &str, text: &str) {
        self.p(style, Props::default(), &run(text));
    }

    /// A list item at `depth` (1 for the outer list).
    fn item(&mut self, depth: usize, text: &str) {
        let style = if depth <= 1 {
            "ListBullet"
        } else {
            "ListBullet2"
        };
        let props = Props {
            list_level: Some(depth.saturating_sub(1)),
            ..Props::default()
        };
        self.p(style, props, &run(text));
    }

    /// A table; Word needs a paragraph between two tables, or it joins them.
    fn table(&mut self, t: &str) {
        if self.last == Last::Table {
            self.s.push_str(END_MARK);
        }
        self.s.push_str(t);
        self.last = Last::Table;
        self.after_table = true;
    }

    /// Starts the section of another part: the one before ends here, its
    /// properties in its last paragraph.
    fn section(&mut self, running: &Running) {
        let n = self.sections.len();
        if n > 0 {
            match self.last {
                Last::Paragraph { props_end, .. } => self.s.insert_str(props_end, &sect_pr(n)),
                // After a table a paragraph that takes no room carries them.
                Last::Table | Last::Nothing => {
                    let _ = write!(
                        self.s,
                        "<w:p><w:pPr><w:pStyle w:val=\"EndMark\"/>{}</w:pPr></w:p>",
                        sect_pr(n)
                    );
                }
            }
            self.last = Last::Nothing;
            self.after_table = false;
        }
        self.sections.push(running.clone());
    }
}

impl Layout for Docx {
    fn grid(&mut self, grid: &Grid, running: &Running) {
        self.section(running);
        self.p("Heading1", Props::default(), &run(GRID_TITLE));
        let t = table(&grid.headings(), &grid.rows(), None, false);
        self.table(&t);
    }

    /// "Agenda", then the cover as the template has it: a table of two
    /// columns, the label and the value.
    fn title(&mut self, start: Start<'_>) {
        self.section(start.running);
        // Word's Title names the kind alone: the meeting's title is
        // already the cover's first row.
        self.p("Title", Props::default(), &run(start.kind));
        let t = cover_table(start.fields);
        self.table(&t);
    }

    fn glance(&mut self, heading: &str, lines: &[String], notes: &[String]) {
        if !heading.is_empty() {
            self.p("GlanceHeading", Props::default(), &bold(heading));
        }
        for line in lines {
            self.item(1, line);
        }
        for n in notes {
            self.para("Note", n);
        }
    }

    /// The purpose box and the template's version as rows like the
    /// cover's (a ticked choice is ☒, the others ☐), then the notices: each
    /// title in bold, kept with its text.
    fn cover(&mut self, cover: &Cover) {
        let mut rows = Vec::new();
        if !cover.purpose.is_empty() {
            let choices = cover
                .purpose
                .iter()
                .map(|(label, ticked)| format!("{} {label}", if *ticked { '☒' } else { '☐' }))
                .collect::<Vec<_>>()
                .join("    ");
            rows.push((cover.purpose_heading.clone(), choices));
        }
        if let Some(v) = &cover.version {
            rows.push((TEMPLATE_VERSION.to_string(), v.clone()));
        }
        if !rows.is_empty() {
            let t = cover_table(&rows);
            self.table(&t);
        }
        for (title, paragraphs) in &cover.notices {
            if let Some(t) = title {
                self.p("NoticeTitle", Props::default(), &bold(t));
            }
            for p in paragraphs {
                self.para("Notice", p);
            }
        }
    }

    fn heading(&mut self, h: Heading<'_>) {
        let style = format!("Heading{}", h.depth.clamp(1, 6));
        self.p(&style, Props::default(), &run(&h.text()));
    }

    /// Paragraphs, with "- " lines as list items.
    fn prose(&mut self, _: Prose, text: &[String]) {
        for line in text {
            let (depth, words) = bullet(line);
            if depth == 0 {
                self.para("Normal", words);
            } else {
                self.item(depth, words);
            }
        }
    }

    /// "Treated in: ...", kept with the item's text before it and with the
    /// item's table after it.
    fn treated(&mut self, text: &str) {
        self.keep_last();
        let props = Props {
            keep_next: true,
            ..Props::default()
        };
        self.p("Note", props, &run(text));
    }

    /// One table per day, every day's with the same column widths.
    fn schedule(&mut self, depth: usize, headings: &[String], days: &[Day]) {
        let all: Vec<Vec<Vec<String>>> = days
            .iter()
            .flat_map(|d| d.rows.iter().map(DayRow::cells))
            .collect();
        let widths = column_widths(headings, &all, TEXT_WIDTH, CHAR, CELL_MARGIN);
        for day in days {
            let style = format!("Heading{}", depth.clamp(1, 6));
            self.p(&style, Props::default(), &run(&day.label));
            let rows: Vec<Vec<Vec<String>>> = day.rows.iter().map(DayRow::cells).collect();
            let t = table(headings, &rows, Some(&widths), rows.len() <= SHORT_TABLE);
            self.table(&t);
        }
    }

    fn table(&mut self, t: Table<'_>) {
        let rows = t.rows();
        let short = rows.len() <= SHORT_TABLE;
        let t = table(&t.headings(), &rows, None, short);
        self.table(&t);
    }

    /// A contribution's record: its heading line (number in bold), then one
    /// paragraph per presentation, note and decision; a short record is
    /// kept on one page.
    fn entry(&mut self, e: &Entry) {
        let rest = if e.source.is_empty() {
            format!(" {}", e.title)
        } else {
            format!(" {} ({})", e.title, e.source)
        };
        let keep = Props {
            keep_next: true,
            ..Props::default()
        };
        self.p(
            "EntryHeading",
            keep,
            &format!("{}{}", bold(&e.number), run(&rest)),
        );
        let last = e.lines.len().saturating_sub(1);
        let short = e.lines.len() <= SHORT_ENTRY;
        for (i, line) in e.lines.iter().enumerate() {
            let props = Props {
                keep_next: short && i < last,
                ..Props::default()
            };
            match line {
                Line::Presented(t) => self.p("Presented", props, &run(t)),
                Line::Note(t) => {
                    let (depth, words) = bullet(t);
                    if depth == 0 {
                        self.p("EntryText", props, &run(words));
                    } else {
                        let props = Props {
                            list_level: Some(depth),
                            ..props
                        };
                        self.p("ListBullet2", props, &run(words));
                    }
                }
                Line::Decision { text, .. } => self.p("Decision", props, &run(text)),
            }
        }
    }

    fn remark(&mut self, text: &str) {
        self.para("Note", text);
    }

    fn end(&mut self) {}
}

/// The table properties every table shares.
fn table_start(s: &mut String, widths: &[usize]) {
    s.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"AgendaTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for w in widths {
        let _ = write!(s, "<w:gridCol w:w=\"{w}\"/>");
    }
    s.push_str("</w:tblGrid>");
}

/// A cell's paragraph of table text; `keep` keeps its row with the next.
fn cell_para(s: &mut String, style: &str, text: Option<&str>, keep: bool) {
    let _ = write!(s, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
    if keep {
        s.push_str("<w:keepNext/>");
    }
    s.push_str("</w:pPr>");
    if let Some(t) = text {
        s.push_str(&run(t));
    }
    s.push_str("</w:p>");
}

/// The cover: one row per field, the label in bold on the left.
fn cover_table(fields: &[(String, String)]) -> String {
    let widths = [COVER_LABEL, TEXT_WIDTH - COVER_LABEL];
    let mut s = String::new();
    table_start(&mut s, &widths);
    let last = fields.len().saturating_sub(1);
    for (i, (label, value)) in fields.iter().enumerate() {
        let keep = i < last;
        s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        let _ = write!(
            s,
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F6F9\"/></w:tcPr>",
            widths[0]
        );
        cell_para(&mut s, "CoverLabel", Some(label), keep);
        let _ = write!(
            s,
            "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr>",
            widths[1]
        );
        cell_para(&mut s, "CoverValue", Some(value), keep);
        s.push_str("</w:tc></w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// A Word table: the header row repeated on each page, rows that do not
/// split, and a short table kept on one page. `widths` are the columns'
/// when the caller shares them between tables.
fn table(
    headings: &[String],
    rows: &[Vec<Vec<String>>],
    widths: Option<&[usize]>,
    short: bool,
) -> String {
    let widths = widths.map_or_else(
        || column_widths(headings, rows, TEXT_WIDTH, CHAR, CELL_MARGIN),
        <[usize]>::to_vec,
    );
    let mut s = String::new();
    table_start(&mut s, &widths);
    s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (h, w) in headings.iter().zip(&widths) {
        let _ = write!(
            s,
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"1F4E79\"/></w:tcPr>"
        );
        // The header row keeps with the first row: TableHeading keeps with next.
        cell_para(&mut s, "TableHeading", Some(h), false);
        s.push_str("</w:tc>");
    }
    s.push_str("</w:tr>");
    let last = rows.len().saturating_sub(1);
    for (i, r) in rows.iter().enumerate() {
        let keep = short && i < last;
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
                // A cell holds at least one paragraph.
                cell_para(&mut s, "TableText", None, keep);
            }
            for line in lines {
                cell_para(&mut s, "TableText", Some(line), keep);
            }
            s.push_str("</w:tc>");
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// The running header: the meeting's id on the left, the document's
/// number on the right.
fn header_xml(r: &Running) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NS}><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>{}<w:r><w:tab/></w:r>{}</w:p></w:hdr>",
        run(&r.id),
        run(&r.number)
    )
}

/// The running footer: the document's footer on the left, "Page N of M"
/// on the right.
fn footer_xml(r: &Running) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>{}<w:r><w:tab/></w:r>{}<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>{}<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>",
        run(&r.footer),
        run("Page "),
        run(" of ")
    )
}

/// The namespaces of a header or footer part.
const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

fn content_types(sections: usize) -> String {
    let mut s = String::from(CONTENT_TYPES_START);
    for n in 1..=sections {
        let _ = write!(
            s,
            "<Override PartName=\"/word/header{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/><Override PartName=\"/word/footer{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
        );
    }
    s.push_str("</Types>");
    s
}

fn document_rels(sections: usize) -> String {
    let mut s = String::from(DOCUMENT_RELS_START);
    for n in 1..=sections {
        let _ = write!(
            s,
            "<Relationship Id=\"rIdHeader{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header{n}.xml\"/><Relationship Id=\"rIdFooter{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer{n}.xml\"/>"
        );
    }
    s.push_str("</Relationships>");
    s
}

const CONTENT_TYPES_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

const DOCUMENT_RELS_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>";

/// One bulleted list definition for every list, nine levels deep; the
/// List Bullet styles and the list items point at it.
const NUMBERING: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>",
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2013}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"1080\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2013}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"1440\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "<w:lvl w:ilvl=\"4\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"1800\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "<w:lvl w:ilvl=\"5\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2013}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"2160\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "<w:lvl w:ilvl=\"6\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"2520\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "<w:lvl w:ilvl=\"7\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2013}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"2880\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "<w:lvl w:ilvl=\"8\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"3240\" w:hanging=\"220\"/></w:pPr></w:lvl>",
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
);

/// The styles: Word's built-in names (Title, heading 1-6, List Bullet) so
/// that Word, `LibreOffice` and `python-docx` recognise them, plus a few of ours
/// for tables and the header block.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"80\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"4\" w:color=\"1F4E79\"/></w:pBdr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"2\" w:color=\"CFD6DF\"/></w:pBdr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"100\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F4E79\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"160\" w:after=\"80\"/><w:outlineLvl w:val=\"3\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading5\"><w:name w:val=\"heading 5\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"4\"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading6\"><w:name w:val=\"heading 6\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"5\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"40\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet2\"><w:name w:val=\"List Bullet 2\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"40\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"9864\"/></w:tabs><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:color w:val=\"5B6675\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Header\"/></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"CoverLabel\"><w:name w:val=\"Cover Label\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"40\" w:after=\"40\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"CoverValue\"><w:name w:val=\"Cover Value\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"40\" w:after=\"40\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"EndMark\"><w:name w:val=\"End Mark\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/></w:pPr><w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"HeaderField\"><w:name w:val=\"Header Field\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"1700\" w:hanging=\"1700\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"GlanceHeading\"><w:name w:val=\"Glance Heading\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"NoticeTitle\"><w:name w:val=\"Notice Title\"/><w:basedOn w:val=\"Notice\"/><w:next w:val=\"Notice\"/><w:pPr><w:keepNext/><w:spacing w:before=\"160\" w:after=\"40\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Notice\"><w:name w:val=\"Notice\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"80\"/><w:jc w:val=\"both\"/></w:pPr><w:rPr><w:color w:val=\"5B6675\"/><w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Note\"><w:name w:val=\"Note\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:i/><w:color w:val=\"5B6675\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"EntryHeading\"><w:name w:val=\"Entry Heading\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"EntryText\"/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"60\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"EntryText\"><w:name w:val=\"Entry Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"284\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Presented\"><w:name w:val=\"Presented\"/><w:basedOn w:val=\"EntryText\"/><w:rPr><w:i/><w:color w:val=\"5B6675\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Decision\"><w:name w:val=\"Decision\"/><w:basedOn w:val=\"EntryText\"/><w:rPr><w:b/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableHeading\"><w:name w:val=\"Table Heading\"/><w:basedOn w:val=\"TableText\"/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:color w:val=\"FFFFFF\"/></w:rPr></w:style>",
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
