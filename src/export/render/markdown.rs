//! GitHub-flavoured Markdown, for a forge wiki.
//!
//! Every text from the files is escaped (a backslash before each character
//! Markdown could read as syntax, `<` and `&` included), so a title holding
//! `<script>` or `|` shows as written and cannot break a table. Lines within
//! a table cell are joined with `<br>`, which GFM tables allow.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::walk::{self, Heading, Layout, Prose, Start, Table};
use super::week_grid::Grid;
use super::{Day, Document, Entry, Line, Running, bullet};

/// Writes `doc` as Markdown.
pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let mut md = Markdown(String::new());
    walk::document(doc, &mut md);
    // One newline at the end, none doubled.
    let trimmed = md.0.trim_end();
    out.write_all(trimmed.as_bytes())?;
    out.write_all(b"\n")
}

/// Escapes text so Markdown shows it as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            // Controls and bidirectional overrides would drive the terminal
            // the Markdown is printed to, or show text reordered.
            c if crate::load::fields::is_hostile(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The page being written.
struct Markdown(String);

impl Layout for Markdown {
    fn grid(&mut self, grid: &Grid, _: &Running) {
        self.0.push_str("# The week\n\n");
        table(&mut self.0, &grid.headings(), &grid.rows());
    }

    fn title(&mut self, start: Start<'_>) {
        let s = &mut self.0;
        let _ = writeln!(s, "# {}: {}\n", start.kind, escape(start.title));
        for (label, value) in start.fields {
            let _ = writeln!(s, "- **{}:** {}", escape(label), escape(value));
        }
        s.push('\n');
    }

    fn glance(&mut self, heading: &str, lines: &[String], notes: &[String]) {
        let s = &mut self.0;
        if !heading.is_empty() {
            let _ = writeln!(s, "**{}**\n", escape(heading));
        }
        for line in lines {
            let _ = writeln!(s, "- {}", escape(line));
        }
        if !lines.is_empty() {
            s.push('\n');
        }
        for n in notes {
            let _ = writeln!(s, "{}\n", escape(n));
        }
    }

    fn heading(&mut self, h: Heading<'_>) {
        heading(&mut self.0, h.depth + 1, &h.text());
    }

    fn prose(&mut self, _: Prose, text: &[String]) {
        lines(&mut self.0, text);
    }

    fn treated(&mut self, text: &str) {
        let _ = writeln!(self.0, "*{}*\n", escape(text));
    }

    fn schedule(&mut self, depth: usize, headings: &[String], days: &[Day]) {
        for day in days {
            heading(&mut self.0, depth + 1, &day.label);
            let rows: Vec<Vec<Vec<String>>> = day.rows.iter().map(super::DayRow::cells).collect();
            table(&mut self.0, headings, &rows);
        }
    }

    fn table(&mut self, t: Table<'_>) {
        let Table::Contributions(list) = t else {
            table(&mut self.0, &t.headings(), &t.rows());
            return;
        };
        // Escaped here, not by `table`: the number's link is markup.
        let rows: Vec<Vec<Vec<String>>> = list
            .iter()
            .map(|c| {
                let rest = [&c.title, &c.source, &c.status, &c.remarks].map(|x| escape(x));
                std::iter::once(number(&c.number, c.url.as_deref()))
                    .chain(rest)
                    .map(|x| vec![x])
                    .collect()
            })
            .collect();
        raw_table(&mut self.0, &t.headings(), &rows);
    }

    /// A contribution's record: the number in bold (linked when the file
    /// gives a URL), then a paragraph per presentation (in italics), note
    /// and decision (in bold).
    fn entry(&mut self, e: &Entry) {
        let s = &mut self.0;
        let mut head = format!(
            "**{}** {}",
            number(&e.number, e.url.as_deref()),
            escape(&e.title)
        );
        if !e.source.is_empty() {
            let _ = write!(head, " ({})", escape(&e.source));
        }
        let _ = writeln!(s, "{head}\n");
        let mut in_list = false;
        for line in &e.lines {
            let text = match line {
                Line::Presented(t) => format!("*{}*", escape(t)),
                Line::Note(t) => {
                    let (depth, words) = bullet(t);
                    if depth > 0 {
                        in_list = true;
                        let _ = writeln!(s, "{}- {}", "  ".repeat(depth - 1), escape(words));
                        continue;
                    }
                    escape(words)
                }
                Line::Decision { text, .. } => format!("**{}**", escape(text)),
            };
            if in_list {
                s.push('\n');
                in_list = false;
            }
            let _ = writeln!(s, "{text}\n");
        }
        if in_list {
            s.push('\n');
        }
    }

    fn remark(&mut self, text: &str) {
        let _ = writeln!(self.0, "{}\n", escape(text));
    }

    fn end(&mut self) {}
}

/// A heading of `level` (at most 6) from unescaped text.
fn heading(s: &mut String, level: usize, text: &str) {
    let _ = writeln!(s, "{} {}\n", "#".repeat(level.min(6)), escape(text));
}

/// A contribution's number, linked to its document when there is a URL.
fn number(number: &str, url: Option<&str>) -> String {
    match url {
        Some(u) => format!("[{}](<{}>)", escape(number), u.replace(['<', '>', ' '], "")),
        None => escape(number),
    }
}

/// Paragraphs, with "- " lines as (nested) list items.
fn lines(s: &mut String, text: &[String]) {
    let mut in_list = false;
    for line in text {
        let (depth, words) = bullet(line);
        if depth == 0 {
            if in_list {
                s.push('\n');
                in_list = false;
            }
            let _ = writeln!(s, "{}\n", escape(words));
        } else {
            in_list = true;
            let _ = writeln!(s, "{}- {}", "  ".repeat(depth - 1), escape(words));
        }
    }
    if in_list {
        s.push('\n');
    }
}

/// A table of unescaped text.
fn table(s: &mut String, headings: &[String], rows: &[Vec<Vec<String>>]) {
    let esc = |r: &Vec<Vec<String>>| -> Vec<Vec<String>> {
        r.iter()
            .map(|c| c.iter().map(|l| escape(l)).collect())
            .collect()
    };
    let rows: Vec<Vec<Vec<String>>> = rows.iter().map(esc).collect();
    let headings: Vec<String> = headings.iter().map(|h| escape(h)).collect();
    raw_table(s, &headings, &rows);
}

/// A table of cells already escaped.
fn raw_table(s: &mut String, headings: &[String], rows: &[Vec<Vec<String>>]) {
    let _ = writeln!(s, "| {} |", headings.join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(headings.len()));
    for r in rows {
        let cells: Vec<String> = (0..headings.len())
            .map(|c| r.get(c).map(|cell| cell.join("<br>")).unwrap_or_default())
            .collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    s.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_titles_shows_as_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("G&D"), "G\\&D");
    }
}
