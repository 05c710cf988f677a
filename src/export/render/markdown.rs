//! GitHub-flavoured Markdown, for a forge wiki.
//!
//! Every text from the files is escaped (a backslash before each character
//! Markdown could read as syntax where it stands, `<` and `&` included), so
//! a title holding `<script>` or `|` shows as written and cannot break a
//! table, and nothing else is: "SEC # 10.0" stays "SEC # 10.0". Lines within
//! a table cell are joined with `<br>`, which GFM tables allow.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::walk::{self, Heading, Layout, Prose, Start, Table};
use super::week_grid::Grid;
use super::{Cover, Day, Document, Entry, Line, Running, TEMPLATE_VERSION, bullet};

/// Writes `doc` as Markdown.
pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let mut md = Markdown(String::new());
    walk::document(doc, &mut md);
    // One newline at the end, none doubled.
    let trimmed = md.0.trim_end();
    out.write_all(trimmed.as_bytes())?;
    out.write_all(b"\n")
}

/// Escapes text so Markdown shows it as written, and escapes nothing else:
/// a backslash goes only before a character that could start markup where
/// it stands ("SEC # 10.0", "TSS&TP" and "CR_TS-0001_correction" stay as
/// they are). The rules are GitHub's (Markdown with tables,
/// strikethrough, footnotes, task lists and math); a property test parses
/// the result back with pulldown-cmark.
///
/// - Anywhere: `` ` ``, `|` (tables) and `$` (math); `\` before ASCII
///   punctuation or at the end; `*` and `~` unless spaces stand on both
///   sides; `_` unless letters or digits do; `<` before a letter, `/`, `!`
///   or `?` (a tag, an autolink); `&` that starts an entity (`&amp;`); `]`
///   before `(`, `[` or `:` (a link), `[` before `^` (a footnote).
/// - First, where a line's syntax starts (a paragraph, a list item): `#`,
///   `>`, `[`, `=`, a list marker (`-`, `+`, `*`, or digits then `.` or `)`,
///   before a space or the end) and a rule (`---`, `***`, `___`). Text
///   inside a line (a table cell, a heading, after a label) is [`inline`].
/// - Last: a run of `#` after a space, which a heading would drop.
///
/// Line breaks and tabs become spaces, spaces at either end (which
/// Markdown does not show, or reads as an indented code block) are dropped,
/// and controls and bidirectional formatting characters are removed.
pub fn escape(text: &str) -> String {
    escape_text(text, true)
}

/// [`escape`] for text that does not start a block: a table cell, a
/// heading's words, what follows a label on its line.
pub fn inline(text: &str) -> String {
    escape_text(text, false)
}

fn escape_text(text: &str, starts_block: bool) -> String {
    let chars: Vec<char> = text
        .trim()
        .chars()
        .filter(|c| !crate::load::fields::is_hostile(*c) || matches!(c, '\n' | '\r' | '\t'))
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let at = |i: usize| chars.get(i).copied();
    let space_or_end = |c: Option<char>| c.is_none_or(char::is_whitespace);
    // A trailing run of `#` after a space: a heading's closing sequence.
    let closing = {
        let run = chars.iter().rev().take_while(|c| **c == '#').count();
        let start = chars.len() - run;
        (run > 0 && (start == 0 || chars[start - 1] == ' ')).then_some(start)
    };
    let starts_line = if starts_block {
        line_start_escape(&chars)
    } else {
        None
    };
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(at);
        let next = at(i + 1);
        let escaped = match c {
            '`' | '|' | '$' => true,
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '*' | '~' => !(prev.is_some_and(char::is_whitespace) && space_or_end(next)),
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // A tag or an HTML block's start, or a URL or e-mail autolink
            // (`<` then a non-space that a later `>` may close).
            '<' => next.is_some_and(|n| {
                n.is_ascii_alphabetic()
                    || matches!(n, '/' | '!' | '?')
                    || (!n.is_whitespace() && chars[i + 1..].contains(&'>'))
            }),
            '&' => starts_entity(&chars[i + 1..]),
            ']' => matches!(next, Some('(' | '[' | ':')),
            '[' => next == Some('^'),
            _ => false,
        } || starts_line == Some(i)
            || closing == Some(i);
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The index of the character that would start a line's syntax (a heading,
/// a quote, a list item, a rule, a link definition, a task box), if any.
fn line_start_escape(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    let after = |i: usize| chars.get(i).is_none_or(|c| c.is_whitespace());
    match first {
        '#' | '>' | '[' | '=' => return Some(0),
        '-' | '+' | '*' if after(1) => return Some(0),
        _ => {}
    }
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && matches!(chars.get(digits), Some('.' | ')'))
        && after(digits + 1)
    {
        return Some(digits);
    }
    let marks: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| !c.is_whitespace())
        .collect();
    // Two marks are enough: after a list item's `- ` they make three.
    let rule = marks.len() >= 2
        && matches!(marks[0], '-' | '*' | '_')
        && marks.iter().all(|c| *c == marks[0]);
    rule.then_some(0)
}

/// Whether `rest` (what follows an `&`) makes it an entity: `amp;`,
/// `#123;`, `#x1F;`.
fn starts_entity(rest: &[char]) -> bool {
    let Some(end) = rest.iter().take(33).position(|c| *c == ';') else {
        return false;
    };
    let body = &rest[..end];
    match body {
        ['#', 'x' | 'X', hex @ ..] => {
            (1..=6).contains(&hex.len()) && hex.iter().all(char::is_ascii_hexdigit)
        }
        ['#', dec @ ..] => (1..=7).contains(&dec.len()) && dec.iter().all(char::is_ascii_digit),
        [first, ..] => first.is_ascii_alphabetic() && body.iter().all(char::is_ascii_alphanumeric),
        [] => false,
    }
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
        let _ = writeln!(s, "# {}: {}\n", start.kind, inline(start.title));
        if !start.running.number.is_empty() {
            let _ = writeln!(s, "- **Document:** {}", inline(&start.running.number));
        }
        for (label, value) in start.fields {
            let _ = writeln!(s, "- **{}:** {}", inline(label), inline(value));
        }
        s.push('\n');
    }

    fn glance(&mut self, heading: &str, lines: &[String], notes: &[String]) {
        let s = &mut self.0;
        if !heading.is_empty() {
            let _ = writeln!(s, "**{}**\n", inline(heading));
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

    /// The purpose box as a task list, which forges show as check boxes;
    /// the template's version; each notice's title in bold, then its
    /// paragraphs.
    fn cover(&mut self, cover: &Cover) {
        let s = &mut self.0;
        if !cover.purpose.is_empty() {
            let _ = writeln!(s, "**{}:**\n", inline(&cover.purpose_heading));
            for (label, ticked) in &cover.purpose {
                let mark = if *ticked { 'x' } else { ' ' };
                let _ = writeln!(s, "- [{mark}] {}", inline(label));
            }
            s.push('\n');
        }
        if let Some(v) = &cover.version {
            let _ = writeln!(s, "{TEMPLATE_VERSION}: {}\n", inline(v));
        }
        for (title, paragraphs) in &cover.notices {
            if let Some(t) = title {
                let _ = writeln!(s, "**{}**\n", inline(t));
            }
            for p in paragraphs {
                let _ = writeln!(s, "{}\n", escape(p));
            }
        }
    }

    fn heading(&mut self, h: Heading<'_>) {
        heading(&mut self.0, h.depth + 1, &h.text());
    }

    fn prose(&mut self, _: Prose, text: &[String]) {
        lines(&mut self.0, text);
    }

    fn treated(&mut self, text: &str) {
        let _ = writeln!(self.0, "*{}*\n", inline(text));
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
                let rest = [&c.title, &c.source, &c.status, &c.remarks].map(|x| inline(x));
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
            inline(&e.title)
        );
        if !e.source.is_empty() {
            let _ = write!(head, " ({})", inline(&e.source));
        }
        let _ = writeln!(s, "{head}\n");
        let mut in_list = false;
        for line in &e.lines {
            let text = match line {
                Line::Presented(t) => format!("*{}*", inline(t)),
                Line::Note(t) => {
                    let (depth, words) = bullet(t);
                    if depth > 0 {
                        in_list = true;
                        let _ = writeln!(s, "{}- {}", "  ".repeat(depth - 1), escape(words));
                        continue;
                    }
                    escape(words)
                }
                Line::Decision { text, .. } => format!("**{}**", inline(text)),
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
    let _ = writeln!(s, "{} {}\n", "#".repeat(level.min(6)), inline(text));
}

/// A contribution's number, linked to its document when there is a URL.
fn number(number: &str, url: Option<&str>) -> String {
    match url {
        Some(u) => format!("[{}](<{}>)", inline(number), u.replace(['<', '>', ' '], "")),
        None => inline(number),
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
            .map(|c| c.iter().map(|l| inline(l)).collect())
            .collect()
    };
    let rows: Vec<Vec<Vec<String>>> = rows.iter().map(esc).collect();
    let headings: Vec<String> = headings.iter().map(|h| inline(h)).collect();
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
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    #[test]
    fn markup_in_titles_shows_as_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script>alert(1)\\</script>"
        );
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("G&D &amp; co"), "G&D \\&amp; co");
        assert_eq!(
            escape("[x](y) *a* a_b_ _c"),
            "\\[x\\](y) \\*a\\* a_b\\_ \\_c"
        );
        assert_eq!(escape("see [x](y)"), "see [x\\](y)");
        assert_eq!(escape("# 1. * - x #"), "\\# 1. * - x \\#");
        assert_eq!(escape("12) ---"), "12\\) ---");
    }

    #[test]
    fn inside_a_line_a_list_marker_is_text() {
        assert_eq!(escape("- x"), "\\- x");
        assert_eq!(inline("- x"), "- x");
        assert_eq!(inline("# 1. x #"), "# 1. x \\#");
    }

    #[test]
    fn what_needs_no_escaping_is_not_escaped() {
        for text in [
            "SEC # 10.0 (TP10 ordinary WG4 F2F)",
            "CR_TS-0001_correction_on_Traffic_Pattern",
            "ICS, TSS&TP and ATS&IXIT",
            "a < b > c, 3 * 4, x ~ y",
            "issue #17 in TP-2016-0118R01 [registration]",
            "Wow! Done.",
        ] {
            assert_eq!(escape(text), text);
        }
    }

    /// The text a Markdown document shows, or `Err` with the first markup
    /// event it holds besides `allowed` (the block `escape`'s output is put in).
    fn shown(markdown: &str, allowed: fn(&Event) -> bool) -> Result<String, TestCaseError> {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_MATH
            | Options::ENABLE_GFM;
        let mut text = String::new();
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(t) => text.push_str(&t),
                e if allowed(&e) => {}
                e => return Err(TestCaseError::fail(format!("{e:?} in {markdown:?}"))),
            }
        }
        Ok(text)
    }

    fn paragraph(e: &Event) -> bool {
        matches!(
            e,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    }

    fn heading(e: &Event) -> bool {
        matches!(
            e,
            Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_))
        )
    }

    fn item(e: &Event) -> bool {
        matches!(
            e,
            Event::Start(Tag::List(None) | Tag::Item)
                | Event::End(TagEnd::List(false) | TagEnd::Item)
        )
    }

    fn table(e: &Event) -> bool {
        matches!(
            e,
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
                | Event::End(
                    TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell
                )
        )
    }

    /// Text from characters Markdown gives a meaning, letters, digits,
    /// spaces, and pieces of markup that need more than one character.
    fn marked_up() -> impl Strategy<Value = String> {
        let one = |chars: &str| {
            proptest::sample::select(chars.chars().map(String::from).collect::<Vec<_>>())
        };
        let pieces = proptest::sample::select(
            [
                "&amp;",
                "&#35;",
                "&#x41;",
                "http://a.b",
                "[^1]",
                "<a>",
                "<http://a.b>",
                "1.",
                "***",
                "--",
                "[a](b)",
                "[a][b]",
                "![a](b)",
                "`a`",
                "*a*",
                "_a_",
                "~~a~~",
                "$a$",
            ]
            .map(String::from)
            .to_vec(),
        );
        proptest::collection::vec(
            prop_oneof![
                one("\\`*_{}[]()#+-.!|<>&;:$~^=\"'/?@%"),
                one("aZ09 xé"),
                pieces,
            ],
            0..20,
        )
        .prop_map(|c| c.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Whatever the text, its escape shows it as written in each block
        /// the Markdown writer puts text in, and makes no markup.
        #[test]
        fn an_escaped_text_reads_back_as_written(text in marked_up()) {
            let want = text.trim();
            // An empty cell or heading shows nothing: nothing to compare.
            if want.is_empty() {
                return Ok(());
            }
            let e = escape(&text);
            prop_assert_eq!(shown(&format!("{e}\n"), paragraph)?, want);
            prop_assert_eq!(shown(&format!("- {e}\n"), |e| item(e) || paragraph(e))?, want);
            let i = inline(&text);
            prop_assert_eq!(shown(&format!("## {i}\n"), heading)?, want);
            prop_assert_eq!(shown(&format!("x {i}\n"), paragraph)?, format!("x {want}"));
            let cell = format!("| h |\n|---|\n| {i} |\n");
            let shown_cell = shown(&cell, table)?;
            prop_assert_eq!(shown_cell.strip_prefix('h').unwrap_or(&shown_cell), want);
        }
    }
}
