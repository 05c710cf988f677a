//! One self-contained HTML file: inline CSS, no script, nothing fetched from
//! the network. It reads on a phone (tables scroll sideways inside their own
//! box) and prints on A4 as the template prints: the cover is a two-column
//! table, a heading stays with what follows it, no row is cut across pages
//! and a short table not at all, table headers repeat on every page, and
//! every page carries the meeting's id and document number at the top and
//! the document's footer and "Page N of M" at the bottom (CSS `@page`
//! margin boxes, which Chromium prints since version 131). Each part of the
//! document (the week's grid, each meeting) is a named page of its own, so
//! that its pages carry its own running lines.
//!
//! Every text from the files goes through [`escape`]: a title holding
//! `<script>` shows as text.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::walk::{self, Heading, Layout, Prose, Start, Table};
use super::week_grid::Grid;
use super::{
    Cover, Day, DayRow, Document, Entry, GRID_TITLE, Line, Running, TEMPLATE_VERSION, bullet,
    column_widths,
};

/// The style sheet, inline so the file stands alone (the site links the same
/// sheet, `site.css`).
const CSS: &str = include_str!("html.css");

/// Writes `doc` as one HTML file.
pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let label = doc.kind.label();
    let title = match doc.meetings.first() {
        Some(m) if doc.meetings.len() == 1 => format!("{label} {}", m.id),
        _ => label.to_string(),
    };
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
        escape(&title),
        style(doc)
    );
    s.push_str(&body(doc));
    s.push_str("</main>\n</body>\n</html>\n");
    out.write_all(s.as_bytes())
}

/// The style sheet of `doc`: the page's, then its printed pages' margin boxes.
pub(crate) fn style(doc: &Document) -> String {
    format!("{CSS}{}", page_rules(doc))
}

/// What goes inside `<main>`: the document laid out, every text escaped.
pub(crate) fn body(doc: &Document) -> String {
    let mut html = Html {
        s: String::with_capacity(64 * 1024),
        parts: usize::from(doc.grid.is_some()) + doc.meetings.len(),
        part: 0,
    };
    walk::document(doc, &mut html);
    html.s
}

/// The margin boxes of the printed pages: one `@page` for a document of
/// one part, one named page per part otherwise (the grid, each meeting),
/// in the order the walk starts them.
pub(crate) fn page_rules(doc: &Document) -> String {
    let mut parts: Vec<Running> = Vec::new();
    if doc.grid.is_some() {
        parts.push(doc.grid_running());
    }
    parts.extend(doc.meetings.iter().map(|m| doc.running(m)));
    let mut s = String::new();
    let single = parts.len() == 1;
    for (i, r) in parts.iter().enumerate() {
        if single {
            s.push_str("@page {");
        } else {
            let _ = write!(s, ".part-{i} {{ page: part-{i}; }}\n@page part-{i} {{");
        }
        let _ = write!(
            s,
            "\n  @top-left {{ content: {}; }}\n  @top-right {{ content: {}; }}\n  @bottom-left {{ content: {}; }}\n  @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); }}\n}}\n",
            css_string(&r.id),
            css_string(&r.number),
            css_string(&r.footer)
        );
    }
    if !s.is_empty() {
        s.insert_str(0, "@media print {\n");
        s.push_str("}\n");
        s.push_str(MARGIN_BOXES);
    }
    s
}

/// How the margin boxes look; `@page` margin boxes take no selectors, so
/// each box is named.
const MARGIN_BOXES: &str = "@page {\n  @top-left { font: 8pt/1.2 \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; color: #5b6675; vertical-align: bottom; padding-bottom: 3mm; }\n  @top-right { font: 8pt/1.2 \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; color: #5b6675; vertical-align: bottom; padding-bottom: 3mm; }\n  @bottom-left { font: 8pt/1.2 \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; color: #5b6675; vertical-align: top; padding-top: 3mm; }\n  @bottom-right { font: 8pt/1.2 \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; color: #5b6675; vertical-align: top; padding-top: 3mm; white-space: nowrap; }\n}\n";

/// `text` as a CSS string: quotes and backslashes escaped, and `<` and `>`
/// as escapes, so that no text from the files can close the `<style>`.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for HTML content and attribute values. Control characters
/// (HTML forbids them in text) are dropped, line breaks and tabs become
/// spaces, and a Unicode noncharacter (U+FDD0 to U+FDEF, and U+FFFE and
/// U+FFFF of every plane, which HTML forbids too) becomes U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c if is_noncharacter(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A Unicode noncharacter: U+FDD0 to U+FDEF, and the last two code points
/// of every plane (U+FFFE, U+FFFF, U+1FFFE ... U+10FFFF).
fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xfdd0..=0xfdef).contains(&n) || n & 0xfffe == 0xfffe
}

/// Text for a `<pre>`: as [`escape`], but its line breaks and tabs kept
/// (a carriage return before one is left out), so a diagnostic keeps its layout and
/// its caret stays under the column.
pub fn escape_pre(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.split('\t').map(escape).collect::<Vec<_>>().join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page being written.
struct Html {
    /// The HTML so far.
    s: String,
    /// How many parts (the grid, the meetings) the document has.
    parts: usize,
    /// The part the walk is in.
    part: usize,
}

impl Html {
    /// The class naming the next part's pages, when there are several parts.
    fn next_part(&mut self) -> String {
        let i = self.part;
        self.part += 1;
        if self.parts > 1 {
            format!(" part-{i}")
        } else {
            String::new()
        }
    }
}

impl Layout for Html {
    fn grid(&mut self, grid: &Grid, _: &Running) {
        let part = self.next_part();
        let s = &mut self.s;
        let _ = write!(
            s,
            "<section class=\"week{part}\">\n<p class=\"kicker\">The week</p>\n<h1>{GRID_TITLE}</h1>\n"
        );
        table_start(s, "grid", &grid.headings(), None);
        for d in &grid.days {
            let _ = write!(s, "<tr><th scope=\"row\">{}</th>", escape(&d.label));
            for cell in &d.cells {
                s.push_str("<td>");
                for e in cell {
                    let class = if e.joint { "entry joint" } else { "entry" };
                    let _ = write!(
                        s,
                        "<div class=\"{class}\">{}<br>{}: {}</div>",
                        escape(&e.time),
                        escape(&e.groups),
                        escape(&e.title)
                    );
                }
                s.push_str("</td>");
            }
            s.push_str("</tr>\n");
        }
        s.push_str(TABLE_END);
        s.push_str("</section>\n");
    }

    /// The meeting's title, then its cover as the template has it: a
    /// table of two columns, the label and the value.
    fn title(&mut self, start: Start<'_>) {
        let part = self.next_part();
        let s = &mut self.s;
        let _ = write!(
            s,
            "<article class=\"meeting{part}\">\n<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<table class=\"cover\">\n<tbody>\n",
            escape(start.kind),
            escape(start.title)
        );
        if !start.running.number.is_empty() {
            let _ = writeln!(
                s,
                "<tr><th scope=\"row\">Document</th><td>{}</td></tr>",
                escape(&start.running.number)
            );
        }
        for (label, value) in start.fields {
            let class = if label == "Status" {
                " class=\"tentative\""
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "<tr><th scope=\"row\">{}</th><td{class}>{}</td></tr>",
                escape(label),
                escape(value)
            );
        }
        s.push_str("</tbody>\n</table>\n</header>\n");
    }

    fn glance(&mut self, heading: &str, lines: &[String], notes: &[String]) {
        let s = &mut self.s;
        s.push_str("<section class=\"glance\">\n");
        if !heading.is_empty() {
            let _ = writeln!(s, "<p><strong>{}</strong></p>", escape(heading));
        }
        if !lines.is_empty() {
            s.push_str("<ul>\n");
            for line in lines {
                let _ = writeln!(s, "<li>{}</li>", escape(line));
            }
            s.push_str("</ul>\n");
        }
        for n in notes {
            let _ = writeln!(s, "<p class=\"note\">{}</p>", escape(n));
        }
        s.push_str("</section>\n");
    }

    /// The purpose box and the template's version as rows of a table like
    /// the cover's, the box's choices as check boxes that cannot be
    /// changed; then the notices, each title in bold.
    fn cover(&mut self, cover: &Cover) {
        let s = &mut self.s;
        s.push_str("<section class=\"template\">\n");
        if !cover.purpose.is_empty() || cover.version.is_some() {
            s.push_str("<table class=\"cover\">\n<tbody>\n");
            if !cover.purpose.is_empty() {
                let _ = write!(
                    s,
                    "<tr><th scope=\"row\">{}</th><td class=\"purpose\">",
                    escape(&cover.purpose_heading)
                );
                for (label, ticked) in &cover.purpose {
                    let checked = if *ticked { " checked" } else { "" };
                    let _ = write!(
                        s,
                        "<label><input type=\"checkbox\" disabled{checked}> {}</label> ",
                        escape(label)
                    );
                }
                s.push_str("</td></tr>\n");
            }
            if let Some(v) = &cover.version {
                let _ = writeln!(
                    s,
                    "<tr><th scope=\"row\">{TEMPLATE_VERSION}</th><td>{}</td></tr>",
                    escape(v)
                );
            }
            s.push_str("</tbody>\n</table>\n");
        }
        for (title, paragraphs) in &cover.notices {
            s.push_str("<div class=\"notice\">\n");
            if let Some(t) = title {
                let _ = writeln!(s, "<p><strong>{}</strong></p>", escape(t));
            }
            for p in paragraphs {
                let _ = writeln!(s, "<p>{}</p>", escape(p));
            }
            s.push_str("</div>\n");
        }
        s.push_str("</section>\n");
    }

    fn heading(&mut self, h: Heading<'_>) {
        let level = (h.depth + 1).min(6);
        let _ = match h.number {
            Some(n) => writeln!(
                self.s,
                "<h{level} id=\"item-{}\"><span class=\"num\">{}</span> {}</h{level}>",
                escape(n).replace(' ', "_"),
                escape(n),
                escape(h.title)
            ),
            None => writeln!(self.s, "<h{level}>{}</h{level}>", escape(h.title)),
        };
    }

    fn prose(&mut self, prose: Prose, lines: &[String]) {
        let class = match prose {
            Prose::Agenda => "agenda-text",
            Prose::Report => "report",
        };
        let _ = writeln!(self.s, "<div class=\"{class}\">");
        text_lines(&mut self.s, lines);
        self.s.push_str("</div>\n");
    }

    fn treated(&mut self, text: &str) {
        let _ = writeln!(self.s, "<p class=\"treated\">{}</p>", escape(text));
    }

    /// One table per day, every day's with the same column widths.
    fn schedule(&mut self, _: usize, headings: &[String], days: &[Day]) {
        let s = &mut self.s;
        let all: Vec<Vec<Vec<String>>> = days
            .iter()
            .flat_map(|d| d.rows.iter().map(DayRow::cells))
            .collect();
        // Thousandths of the table: a character of the table's text, and a
        // cell's padding.
        let widths = column_widths(headings, &all, 1000, 13, 24);
        for day in days {
            let _ = write!(
                s,
                "<section class=\"day\">\n<h4>{}</h4>\n",
                escape(&day.label)
            );
            let class = if day.rows.len() <= SHORT_TABLE {
                "schedule short"
            } else {
                "schedule"
            };
            table_start(s, class, headings, Some(&widths));
            for row in &day.rows {
                let _ = write!(
                    s,
                    "<tr><td>{}</td><td>{}</td>",
                    escape(&row.room),
                    escape(&row.time)
                );
                for z in &row.zones {
                    let _ = write!(s, "<td>{}</td>", escape(z));
                }
                let _ = write!(s, "<td><strong>{}</strong></td><td>", escape(&row.session));
                text_lines(s, &row.treats);
                s.push_str("</td></tr>\n");
            }
            s.push_str(TABLE_END);
            s.push_str("</section>\n");
        }
    }

    fn table(&mut self, t: Table<'_>) {
        let s = &mut self.s;
        let class = match t {
            Table::Contributions(_) => "contributions",
            Table::Actions(_) => "actions",
            Table::Next(_) => "next",
        };
        let rows = match t {
            Table::Contributions(l) => l.len(),
            Table::Actions(l) => l.len(),
            Table::Next(l) => l.len(),
        };
        let class = if rows <= SHORT_TABLE {
            format!("{class} short")
        } else {
            class.to_string()
        };
        table_start(s, &class, &t.headings(), None);
        match t {
            Table::Contributions(list) => {
                for c in list {
                    let status = if c.status.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "<span class=\"status s-{}\">{}</span>",
                            c.status.to_lowercase().replace(' ', "-"),
                            escape(&c.status)
                        )
                    };
                    let _ = writeln!(
                        s,
                        "<tr><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td>{status}</td><td>{}</td></tr>",
                        number(&c.number, c.url.as_deref()),
                        escape(&c.title),
                        escape(&c.source),
                        escape(&c.remarks)
                    );
                }
            }
            Table::Actions(list) => {
                for a in list {
                    let what: Vec<String> = a.what.iter().map(|w| escape(w)).collect();
                    let _ = writeln!(
                        s,
                        "<tr><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        escape(&a.reference),
                        what.join("<br>"),
                        escape(&a.who),
                        escape(&a.status)
                    );
                }
            }
            Table::Next(list) => {
                for n in list {
                    let _ = writeln!(
                        s,
                        "<tr><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td>{}</td></tr>",
                        escape(&n.meeting),
                        escape(&n.kind),
                        escape(&n.dates),
                        escape(&n.time),
                        escape(&n.venue)
                    );
                }
            }
        }
        s.push_str(TABLE_END);
    }

    /// A contribution's record: number, title and source, then its
    /// presentations, notes and decisions (with the status colour).
    fn entry(&mut self, e: &Entry) {
        let s = &mut self.s;
        let class = if e.lines.len() <= SHORT_ENTRY {
            "entry short"
        } else {
            "entry"
        };
        let _ = write!(
            s,
            "<div class=\"{class}\">\n<p class=\"entry-head\"><strong>{}</strong> {}",
            number(&e.number, e.url.as_deref()),
            escape(&e.title)
        );
        if !e.source.is_empty() {
            let _ = write!(s, " <span class=\"note\">({})</span>", escape(&e.source));
        }
        s.push_str("</p>\n");
        // Consecutive notes are one list, so their bullets nest.
        let mut notes: Vec<String> = Vec::new();
        for line in &e.lines {
            if let Line::Note(t) = line {
                notes.push(t.clone());
                continue;
            }
            text_lines(s, &std::mem::take(&mut notes));
            match line {
                Line::Presented(t) => {
                    let _ = writeln!(s, "<p class=\"presented\">{}</p>", escape(t));
                }
                Line::Decision { status, text } => {
                    let _ = writeln!(
                        s,
                        "<p class=\"decision\"><span class=\"status s-{}\">{}</span></p>",
                        escape(&status.replace(' ', "-")),
                        escape(text)
                    );
                }
                Line::Note(_) => {}
            }
        }
        text_lines(s, &notes);
        s.push_str("</div>\n");
    }

    fn remark(&mut self, text: &str) {
        let _ = writeln!(self.s, "<p class=\"note\">{}</p>", escape(text));
    }

    fn end(&mut self) {
        self.s.push_str("</article>\n");
    }
}

/// A table of at most this many rows is short: it is not split across
/// printed pages. Longer tables may break between rows, their header row
/// repeated, so that a page is not left a third empty before them.
const SHORT_TABLE: usize = 6;

/// A contribution's record of at most this many lines is kept on one page.
const SHORT_ENTRY: usize = 6;

/// Opens a table that scrolls sideways on a phone, with its header row and,
/// when given, its columns' widths in thousandths of the table's.
fn table_start(s: &mut String, class: &str, headings: &[String], widths: Option<&[usize]>) {
    // The short ones keep together in their box: Chromium keeps a block
    // from breaking, not a table.
    let scroll = if class.split(' ').any(|c| c == "short") {
        "scroll short"
    } else {
        "scroll"
    };
    let _ = writeln!(s, "<div class=\"{scroll}\"><table class=\"{class}\">");
    if let Some(widths) = widths {
        s.push_str("<colgroup>");
        for w in widths {
            let _ = write!(s, "<col style=\"width: {}.{}%\">", w / 10, w % 10);
        }
        s.push_str("</colgroup>\n");
    }
    s.push_str("<thead><tr>");
    for h in headings {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(h));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
}

/// Closes what [`table_start`] opened.
const TABLE_END: &str = "</tbody>\n</table></div>\n";

/// A contribution's number, linked to its document when there is a URL.
fn number(number: &str, url: Option<&str>) -> String {
    match url {
        Some(u) => format!("<a href=\"{}\">{}</a>", escape(u), escape(number)),
        None => escape(number),
    }
}

/// Item text: paragraphs, and nested lists for "- " lines.
fn text_lines(s: &mut String, lines: &[String]) {
    let mut open = 0usize;
    for line in lines {
        let (depth, words) = bullet(line);
        while open > depth {
            s.push_str("</li></ul>\n");
            open -= 1;
        }
        if depth == 0 {
            let _ = writeln!(s, "<p>{}</p>", escape(words));
            continue;
        }
        if open == depth {
            s.push_str("</li>\n");
        }
        while open < depth {
            s.push_str("<ul>\n");
            open += 1;
        }
        let _ = write!(s, "<li>{}", escape(words));
    }
    while open > 0 {
        s.push_str("</li></ul>\n");
        open -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pre_text_keeps_its_lines_and_tabs() {
        assert_eq!(
            escape_pre("a.toml:3:7: <x>\r\n  |\tslot\n  |   ^\u{1b}"),
            "a.toml:3:7: &lt;x&gt;\n  |\tslot\n  |   ^"
        );
    }

    #[test]
    fn markup_in_titles_is_text() {
        assert_eq!(
            escape("<script>x</script> & \"q\""),
            "&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn bullets_nest() {
        let mut s = String::new();
        text_lines(
            &mut s,
            &["- a".into(), "  - b".into(), "- c".into(), "plain".into()],
        );
        assert_eq!(
            s,
            "<ul>\n<li>a<ul>\n<li>b</li></ul>\n</li>\n<li>c</li></ul>\n<p>plain</p>\n"
        );
    }
}
