//! Plain text for e-mail: fits 80 columns, tables aligned.
//!
//! Tables are laid out by shrinking the widest columns until the row fits,
//! then wrapping each cell by words. Rows of a table whose cells wrap are
//! separated by a blank line, so a reader can tell rows apart without rules.
//! Control characters from the files are dropped: the text may be shown on a
//! terminal, and an escape sequence in a title must not reach it.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::walk::{self, Heading, Layout, Prose, Start, Table};
use super::week_grid::Grid;
use super::{Cover, Day, Document, Entry, Line, Running, TEMPLATE_VERSION, bullet};
use crate::diagnostic::sanitize_for_terminal;

/// The page width.
pub const WIDTH: usize = 80;
/// Space between table columns.
const GAP: &str = "  ";

/// Writes `doc` as plain text.
pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let mut text = Text(String::new());
    walk::document(doc, &mut text);
    out.write_all(text.0.trim_end().as_bytes())?;
    out.write_all(b"\n")
}

/// The page being written.
struct Text(String);

impl Layout for Text {
    fn grid(&mut self, grid: &Grid, _: &Running) {
        heading(&mut self.0, "The week", '=');
        table(&mut self.0, &grid.headings(), &grid.rows());
    }

    fn title(&mut self, start: Start<'_>) {
        let s = &mut self.0;
        let fields = start.fields;
        if start.new_page {
            s.push_str("\n\n");
        }
        heading(s, &format!("{}: {}", start.kind, start.title), '=');
        let number = (!start.running.number.is_empty())
            .then(|| ("Document".to_string(), start.running.number.clone()));
        let fields: Vec<&(String, String)> = number.iter().chain(fields).collect();
        let label_width = fields.iter().map(|(l, _)| l.width() + 1).max().unwrap_or(0) + 2;
        for (label, value) in fields {
            let first = format!("{label}:");
            let lines = wrap(&clean(value), WIDTH.saturating_sub(label_width).max(20));
            for (j, line) in lines.iter().enumerate() {
                let l = if j == 0 { first.as_str() } else { "" };
                push_line(s, &format!("{l:<label_width$}{line}"));
            }
        }
    }

    fn glance(&mut self, heading: &str, lines: &[String], notes: &[String]) {
        let s = &mut self.0;
        if !heading.is_empty() {
            blank(s);
            paragraph(s, heading, "");
        }
        if !lines.is_empty() {
            blank(s);
            for line in lines {
                paragraph(s, line, "  ");
            }
        }
        if !notes.is_empty() {
            blank(s);
            for n in notes {
                paragraph(s, n, "");
            }
        }
    }

    /// The purpose box, one choice a line ("[x] Information"), the template's
    /// version, then each notice: its title on a line of its own, then its
    /// paragraphs.
    fn cover(&mut self, cover: &Cover) {
        let s = &mut self.0;
        if !cover.purpose.is_empty() {
            blank(s);
            paragraph(s, &format!("{}:", cover.purpose_heading), "");
            for (label, ticked) in &cover.purpose {
                let mark = if *ticked { 'x' } else { ' ' };
                hanging(s, label, &format!("  [{mark}] "), "      ");
            }
        }
        if let Some(v) = &cover.version {
            blank(s);
            paragraph(s, &format!("{TEMPLATE_VERSION}: {v}"), "");
        }
        for (title, paragraphs) in &cover.notices {
            blank(s);
            if let Some(t) = title {
                paragraph(s, t, "");
            }
            for (i, p) in paragraphs.iter().enumerate() {
                if i > 0 {
                    blank(s);
                }
                paragraph(s, p, "");
            }
        }
    }

    fn section(&mut self, title: &str) {
        blank(&mut self.0);
        heading(&mut self.0, title, '-');
    }

    fn heading(&mut self, h: Heading<'_>) {
        let s = &mut self.0;
        blank(s);
        match h.depth {
            1 => heading(s, &h.text(), '='),
            2 => heading(s, &h.text(), '-'),
            _ => {
                paragraph(s, &h.text(), "");
                blank(s);
            }
        }
    }

    fn prose(&mut self, _: Prose, text: &[String]) {
        let s = &mut self.0;
        for line in text {
            let (depth, words) = bullet(line);
            if depth == 0 {
                paragraph(s, words, "");
            } else {
                let indent = "  ".repeat(depth - 1);
                hanging(s, words, &format!("{indent}- "), &format!("{indent}  "));
            }
        }
        blank(s);
    }

    fn treated(&mut self, text: &str) {
        self.remark(text);
    }

    fn schedule(&mut self, _: usize, headings: &[String], days: &[Day]) {
        let s = &mut self.0;
        // What a session treats is too long for a column in 80: it goes
        // under its row, indented, across the page.
        let rows = |day: &Day| -> Vec<Vec<Vec<String>>> {
            day.rows
                .iter()
                .map(|r| {
                    let mut c = r.cells();
                    c.pop();
                    c
                })
                .collect()
        };
        let headings = headings
            .get(..headings.len().saturating_sub(1))
            .unwrap_or(&[]);
        // Every day's table has the same columns, as wide as all days need.
        let all: Vec<Vec<Vec<String>>> = days.iter().flat_map(rows).collect();
        let widths = column_widths(headings, &all);
        for day in days {
            paragraph(s, &day.label, "");
            blank(s);
            let under: Vec<Vec<String>> = day.rows.iter().map(|r| r.treats.clone()).collect();
            table_laid(s, headings, &rows(day), &under, &widths);
        }
    }

    fn table(&mut self, t: Table<'_>) {
        let mut headings = t.headings();
        let mut rows = t.rows();
        if let Table::Contributions(list) = t {
            // No room in 80 columns for both: status and remarks share the
            // Status column.
            headings.pop();
            for (row, c) in rows.iter_mut().zip(list) {
                row.truncate(3);
                row.push(vec![c.status_and_remarks()]);
            }
        }
        table(&mut self.0, &headings, &rows);
    }

    /// A contribution's record: its heading, then its lines indented.
    fn entry(&mut self, e: &Entry) {
        let s = &mut self.0;
        hanging(s, &e.heading(), "", "  ");
        blank(s);
        for line in &e.lines {
            match line {
                Line::Presented(t) => paragraph(s, t, "  "),
                Line::Note(t) => {
                    let (depth, words) = bullet(t);
                    if depth == 0 {
                        paragraph(s, words, "  ");
                    } else {
                        let indent = "  ".repeat(depth);
                        hanging(s, words, &format!("{indent}- "), &format!("{indent}  "));
                    }
                }
                Line::Decision { text, .. } => paragraph(s, text, "  "),
            }
        }
        blank(s);
    }

    fn remark(&mut self, text: &str) {
        paragraph(&mut self.0, text, "");
        blank(&mut self.0);
    }

    fn end(&mut self) {}
}

/// Drops control characters (tabs become spaces).
fn clean(text: &str) -> String {
    sanitize_for_terminal(&text.replace('\t', " "))
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// Ends `s` with exactly one blank line (never two in a row).
fn blank(s: &mut String) {
    if !s.is_empty() && !s.ends_with("\n\n") {
        s.push('\n');
    }
}

fn push_line(s: &mut String, line: &str) {
    s.push_str(line.trim_end());
    blank(s);
}

/// A heading underlined with `rule` (wrapped if long; the rule is as wide as its longest line).
fn heading(s: &mut String, text: &str, rule: char) {
    let lines = wrap(&clean(text), WIDTH);
    let w = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    for l in &lines {
        push_line(s, l);
    }
    push_line(s, &rule.to_string().repeat(w));
    blank(s);
}

fn paragraph(s: &mut String, text: &str, indent: &str) {
    hanging(s, text, indent, indent);
}

/// Wraps `text` with `first` before its first line and `rest` before the others.
fn hanging(s: &mut String, text: &str, first: &str, rest: &str) {
    let width = WIDTH
        .saturating_sub(first.width().max(rest.width()))
        .max(20);
    for (j, line) in wrap(&clean(text), width).iter().enumerate() {
        let p = if j == 0 { first } else { rest };
        push_line(s, &format!("{p}{line}"));
    }
}

/// Wraps `text` to `width` columns by words; a word longer than the width is
/// cut after its last `/` that fits (a list of groups, "TP/REQ/ARC/PRO/"
/// then "SEC/MAS/TST"), or at the column when it has none. Every character
/// is looked at once, so a title of one megabyte with no space in it costs
/// what its length costs.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for word in text.split_whitespace() {
        let w = word.width();
        if w <= width {
            if !line.is_empty() && line_w + 1 + w > width {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if !line.is_empty() {
                line.push(' ');
                line_w += 1;
            }
            line.push_str(word);
            line_w += w;
            continue;
        }
        // A word wider than the column starts a line of its own and is cut
        // into pieces of at most the column's width; the last piece stays
        // open for the words after it.
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let (mut start, mut piece_w) = (0, 0);
        // Where the piece's last '/' ends, and the piece's width up to there.
        let mut slash: Option<(usize, usize)> = None;
        for (i, c) in word.char_indices() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if piece_w + cw > width && i > start {
                if let Some((cut, cut_w)) = slash.take() {
                    lines.push(word[start..cut].to_string());
                    start = cut;
                    piece_w -= cut_w;
                }
                if piece_w + cw > width && i > start {
                    lines.push(word[start..i].to_string());
                    start = i;
                    piece_w = 0;
                }
            }
            piece_w += cw;
            if c == '/' {
                slash = Some((i + c.len_utf8(), piece_w));
            }
        }
        line = word[start..].to_string();
        line_w = piece_w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps a cell line; a "- " bullet keeps its continuation lines indented.
fn wrap_item(line: &str, width: usize) -> Vec<String> {
    match line.strip_prefix("- ") {
        Some(rest) if width > 4 => wrap(rest, width - 2)
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    format!("- {l}")
                } else {
                    format!("  {l}")
                }
            })
            .collect(),
        _ => wrap(line, width),
    }
}

/// Lays out a table of multi-line cells in [`WIDTH`] columns.
pub fn table(s: &mut String, headings: &[String], rows: &[Vec<Vec<String>>]) {
    table_with_notes(s, headings, rows, &[]);
}

/// Lays out a table; `under[i]` are lines printed below row `i`, indented.
fn table_with_notes(
    s: &mut String,
    headings: &[String],
    rows: &[Vec<Vec<String>>],
    under: &[Vec<String>],
) {
    let widths = column_widths(headings, rows);
    table_laid(s, headings, rows, under, &widths);
}

/// The cells of `rows` without control characters, one per heading.
fn clean_cells(cols: usize, rows: &[Vec<Vec<String>>]) -> Vec<Vec<Vec<String>>> {
    rows.iter()
        .map(|r| {
            (0..cols)
                .map(|c| {
                    r.get(c)
                        .map(|cell| cell.iter().map(|l| clean(l)).collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

/// The widths of a table's columns in [`WIDTH`].
fn column_widths(headings: &[String], rows: &[Vec<Vec<String>>]) -> Vec<usize> {
    let cols = headings.len();
    let clean_rows = clean_cells(cols, rows);
    // Natural width: the longest line; least width: the longest word (at most 16).
    let mut natural: Vec<usize> = headings.iter().map(|h| h.width()).collect();
    let mut least: Vec<usize> = headings
        .iter()
        .map(|h| {
            h.split_whitespace()
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(1)
        })
        .collect();
    for r in &clean_rows {
        for (c, cell) in r.iter().enumerate() {
            for line in cell {
                if let Some(n) = natural.get_mut(c) {
                    *n = (*n).max(line.width());
                }
                let longest_word = line
                    .split_whitespace()
                    .map(UnicodeWidthStr::width)
                    .max()
                    .unwrap_or(0);
                if let Some(l) = least.get_mut(c) {
                    *l = (*l).max(longest_word.min(16));
                }
            }
        }
    }
    // Columns of short values (numbers, times, rooms) are not wrapped at
    // all, unless the table cannot fit otherwise.
    let budget = WIDTH.saturating_sub(GAP.len() * cols.saturating_sub(1));
    let unwrapped: Vec<usize> = least
        .iter()
        .zip(&natural)
        .map(|(l, n)| if *n <= 24 { *n } else { *l })
        .collect();
    if unwrapped.iter().sum::<usize>() <= budget {
        least = unwrapped;
    }
    let mut widths = natural.clone();
    while widths.iter().sum::<usize>() > budget {
        // Shrink the column with the most room above its least width.
        let pick = widths
            .iter()
            .enumerate()
            .filter(|(c, w)| **w > least.get(*c).copied().unwrap_or(1).max(4))
            .max_by_key(|(c, w)| (**w, std::cmp::Reverse(*c)))
            .map(|(c, _)| c);
        match pick {
            Some(c) => {
                if let Some(w) = widths.get_mut(c) {
                    *w -= 1;
                }
            }
            None => break,
        }
    }
    widths
}

/// Lays out a table with the given column widths.
fn table_laid(
    s: &mut String,
    headings: &[String],
    rows: &[Vec<Vec<String>>],
    under: &[Vec<String>],
    widths: &[usize],
) {
    let clean_rows = clean_cells(headings.len(), rows);
    let layout = |cells: &[Vec<String>]| -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| cell.iter().flat_map(|l| wrap_item(l, *w)).collect())
            .collect()
    };
    let heading_cells: Vec<Vec<String>> = headings.iter().map(|h| vec![h.clone()]).collect();
    let laid: Vec<Vec<Vec<String>>> = clean_rows.iter().map(|r| layout(r)).collect();
    let spaced =
        laid.iter().any(|r| r.iter().any(|c| c.len() > 1)) || under.iter().any(|u| !u.is_empty());
    emit_row(s, &layout(&heading_cells), widths);
    push_line(
        s,
        &widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join(GAP),
    );
    for (i, r) in laid.iter().enumerate() {
        if spaced && i > 0 {
            blank(s);
        }
        emit_row(s, r, widths);
        for line in under.get(i).map_or(&[][..], Vec::as_slice) {
            for l in wrap_item(&clean(line), WIDTH - 4) {
                push_line(s, &format!("    {l}"));
            }
        }
    }
    blank(s);
}

fn emit_row(s: &mut String, cells: &[Vec<String>], widths: &[usize]) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for k in 0..height {
        let mut line = String::new();
        for (c, w) in widths.iter().enumerate() {
            if c > 0 {
                line.push_str(GAP);
            }
            let text = cells
                .get(c)
                .and_then(|cell| cell.get(k))
                .map_or("", String::as_str);
            line.push_str(text);
            line.push_str(&" ".repeat(w.saturating_sub(text.width())));
        }
        push_line(s, &line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The word-by-word wrapping as it was before it was made linear: the
    // new one must cut every text the same way.
    /// Wraps `text` to `width` columns by words; a word longer than the width is cut.
    fn wrap_twin(text: &str, width: usize) -> Vec<String> {
        let width = width.max(1);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_w = 0;
        for word in text.split_whitespace() {
            let mut word = word.to_string();
            loop {
                let w = word.width();
                let needed = if line.is_empty() { w } else { line_w + 1 + w };
                if needed <= width {
                    if !line.is_empty() {
                        line.push(' ');
                        line_w += 1;
                    }
                    line.push_str(&word);
                    line_w += w;
                    break;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                    continue;
                }
                // A word wider than the column: cut it.
                let (head, tail) = split_at_width_twin(&word, width);
                lines.push(head);
                word = tail;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn split_at_width_twin(word: &str, width: usize) -> (String, String) {
        let mut w = 0;
        for (i, c) in word.char_indices() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w + cw > width && i > 0 {
                return (word[..i].to_string(), word[i..].to_string());
            }
            w += cw;
        }
        (word.to_string(), String::new())
    }

    proptest::proptest! {
        #[test]
        fn wrapping_is_the_old_wrapping(text in "[a-z \u{4e00}\u{1f600}]{0,200}", width in 1usize..40) {
            proptest::prop_assert_eq!(wrap(&text, width), wrap_twin(&text, width));
        }
    }

    #[test]
    fn wrapping_keeps_words_and_cuts_only_giants() {
        assert_eq!(
            wrap("Certificate Based Authentication description", 20),
            vec!["Certificate Based", "Authentication", "description"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), vec![""]);
    }

    #[test]
    fn group_lists_break_only_at_slashes() {
        assert_eq!(
            wrap("TP/REQ/ARC/PRO/SEC/MAS/TST: Opening plenary", 16),
            vec!["TP/REQ/ARC/PRO/", "SEC/MAS/TST:", "Opening plenary"]
        );
        assert_eq!(wrap("SEC/ARC/PRO:", 8), vec!["SEC/ARC/", "PRO:"]);
        // A piece with no slash that fits is still cut at the column.
        assert_eq!(wrap("ab/cdefghij", 4), vec!["ab/", "cdef", "ghij"]);
    }

    #[test]
    fn tables_fit_the_page() {
        let mut s = String::new();
        let long = "word ".repeat(40);
        table(
            &mut s,
            &["A".into(), "B".into(), "C".into()],
            &[vec![
                vec![long.clone()],
                vec![long.clone()],
                vec!["x".into()],
            ]],
        );
        assert!(s.lines().all(|l| l.width() <= WIDTH), "{s}");
    }

    #[test]
    fn control_characters_do_not_reach_the_terminal() {
        let mut s = String::new();
        paragraph(&mut s, "bad \u{1b}[31mred\u{7}", "");
        assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'));
    }
}
