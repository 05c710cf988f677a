//! One self-contained HTML file: inline CSS, no script, nothing fetched from
//! the network. It reads on a phone (tables scroll sideways inside their own
//! box) and prints on A4: each day's detail starts a new page, table headers
//! repeat on every printed page, and no row is cut across pages.
//!
//! Every text from the files goes through [`escape`]: a title holding
//! `<script>` shows as text.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::walk::{self, Heading, Layout, Prose, Table};
use super::week_grid::Grid;
use super::{Day, Document, Entry, Line, bullet};

/// The style sheet, inline so the file stands alone.
const CSS: &str = r#"
@page { size: A4; margin: 16mm 15mm 18mm; }
:root { --ink: #1b2430; --muted: #5b6675; --line: #cfd6df; --band: #f3f6f9; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", "Segoe UI", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.kicker { margin: 0; font-size: .8rem; letter-spacing: .18em; text-transform: uppercase; color: var(--accent); font-weight: bold; }
h1 { margin: .2rem 0 1rem; font-size: 1.6rem; line-height: 1.25; border-bottom: 3px solid var(--accent); padding-bottom: .5rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 .4rem; }
h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
.num { display: inline-block; min-width: 2.6em; color: var(--accent); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dl.meta dt { font-weight: bold; color: var(--muted); }
dl.meta dd { margin: 0; }
.glance { background: var(--band); border-left: 4px solid var(--accent); padding: .6rem 1rem; margin: 1rem 0; break-inside: avoid; }
.glance p { margin: .2rem 0; }
.glance ul { margin: .3rem 0; padding-left: 1.2rem; }
.tentative { color: #8a5a00; font-weight: bold; }
.note { color: var(--muted); font-style: italic; }
.treated { color: var(--muted); font-size: .92em; margin: .2rem 0 .5rem; break-after: avoid; page-break-after: avoid; }
.day { break-before: page; page-break-before: always; }
.day h4 { font-size: 1.1rem; color: var(--accent); }
.scroll { overflow-x: auto; margin: .4rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { background: var(--accent); color: #fff; text-align: left; font-weight: bold; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; }
tbody tr:nth-child(even) td { background: var(--band); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.nowrap { white-space: nowrap; }
td ul { margin: 0; padding-left: 1.1rem; }
td p { margin: 0 0 .15rem; }
.status { display: inline-block; padding: 0 .4em; border-radius: .3em; font-weight: bold; font-size: .9em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.s-agreed, .s-approved, .s-endorsed { background: #dff3e4; color: #1d6b34; }
.s-noted, .s-treated { background: #e3ecf7; color: #1f4e79; }
.s-open, .s-available, .s-reserved, .s-postponed { background: #fff1d6; color: #8a5a00; }
.s-withdrawn, .s-rejected, .s-not-treated, .s-merged, .s-revised { background: #eee; color: #555; }
.joint { font-weight: bold; }
.grid td { min-width: 8rem; }
.grid .entry { margin-bottom: .3rem; }
.agenda-text ul { margin: .2rem 0 .6rem; }
.entry { margin: .6rem 0 1rem; padding-left: .8rem; border-left: 3px solid var(--line); break-inside: avoid-page; }
.entry-head { margin: 0 0 .3rem; }
.entry p { margin: .15rem 0; }
.entry ul { margin: .15rem 0; }
.entry .presented { color: var(--muted); font-style: italic; }
.entry .decision { font-weight: bold; }
.report p { margin: .3rem 0; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: .8rem .6rem 2rem; }
  dl.meta { grid-template-columns: 1fr; }
  dl.meta dd { margin-bottom: .4rem; }
  h1 { font-size: 1.3rem; }
}
@media print {
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Writes `doc` as one HTML file.
pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let mut s = String::with_capacity(64 * 1024);
    let label = doc.kind.label();
    let title = match doc.meetings.first() {
        Some(m) if doc.meetings.len() == 1 => format!("{label} {}", m.id),
        _ => label.to_string(),
    };
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape(&title)
    );
    let mut html = Html(s);
    walk::document(doc, &mut html);
    html.0.push_str("</main>\n</body>\n</html>\n");
    out.write_all(html.0.as_bytes())
}

/// Escapes text for HTML content and attribute values.
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
            c => out.push(c),
        }
    }
    out
}

/// The page being written.
struct Html(String);

impl Layout for Html {
    fn grid(&mut self, grid: &Grid) {
        let s = &mut self.0;
        s.push_str("<section class=\"week\">\n<p class=\"kicker\">The week</p>\n<h1>Sessions of the week</h1>\n");
        table_start(s, "grid", &grid.headings());
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

    fn title(&mut self, kind: &str, title: &str, fields: &[(String, String)], _: bool) {
        let s = &mut self.0;
        let _ = write!(
            s,
            "<article class=\"meeting\">\n<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<dl class=\"meta\">\n",
            escape(kind),
            escape(title)
        );
        for (label, value) in fields {
            let class = if label == "Status" {
                " class=\"tentative\""
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "<dt>{}</dt><dd{class}>{}</dd>",
                escape(label),
                escape(value)
            );
        }
        s.push_str("</dl>\n</header>\n");
    }

    fn glance(&mut self, heading: &str, lines: &[String], notes: &[String]) {
        let s = &mut self.0;
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

    fn heading(&mut self, h: Heading<'_>) {
        let level = (h.depth + 1).min(6);
        let _ = match h.number {
            Some(n) => writeln!(
                self.0,
                "<h{level} id=\"item-{}\"><span class=\"num\">{}</span> {}</h{level}>",
                escape(n).replace(' ', "_"),
                escape(n),
                escape(h.title)
            ),
            None => writeln!(self.0, "<h{level}>{}</h{level}>", escape(h.title)),
        };
    }

    fn prose(&mut self, prose: Prose, lines: &[String]) {
        let class = match prose {
            Prose::Agenda => "agenda-text",
            Prose::Report => "report",
        };
        let _ = writeln!(self.0, "<div class=\"{class}\">");
        text_lines(&mut self.0, lines);
        self.0.push_str("</div>\n");
    }

    fn treated(&mut self, text: &str) {
        let _ = writeln!(self.0, "<p class=\"treated\">{}</p>", escape(text));
    }

    fn day(&mut self, _: usize, headings: &[String], day: &Day) {
        let s = &mut self.0;
        let _ = write!(
            s,
            "<section class=\"day\">\n<h4>{}</h4>\n",
            escape(&day.label)
        );
        table_start(s, "schedule", headings);
        for row in &day.rows {
            let _ = write!(
                s,
                "<tr><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td>",
                escape(&row.room),
                escape(&row.time)
            );
            for z in &row.zones {
                let _ = write!(s, "<td class=\"nowrap\">{}</td>", escape(z));
            }
            let _ = write!(s, "<td><strong>{}</strong></td><td>", escape(&row.session));
            text_lines(s, &row.treats);
            s.push_str("</td></tr>\n");
        }
        s.push_str(TABLE_END);
        s.push_str("</section>\n");
    }

    fn table(&mut self, t: Table<'_>) {
        let s = &mut self.0;
        let class = match t {
            Table::Contributions(_) => "contributions",
            Table::Actions(_) => "actions",
            Table::Next(_) => "next",
        };
        table_start(s, class, &t.headings());
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
        let s = &mut self.0;
        let _ = write!(
            s,
            "<div class=\"entry\">\n<p class=\"entry-head\"><strong>{}</strong> {}",
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
        let _ = writeln!(self.0, "<p class=\"note\">{}</p>", escape(text));
    }

    fn end(&mut self) {
        self.0.push_str("</article>\n");
    }
}

/// Opens a table that scrolls sideways on a phone, with its header row.
fn table_start(s: &mut String, class: &str, headings: &[String]) {
    let _ = write!(
        s,
        "<div class=\"scroll\"><table class=\"{class}\">\n<thead><tr>"
    );
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
