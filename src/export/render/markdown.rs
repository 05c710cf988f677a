//! GitHub-flavoured Markdown, for a forge wiki.
//!
//! Every text from the files is escaped (a backslash before each character
//! Markdown could read as syntax, `<` and `&` included), so a title holding
//! `<script>` or `|` shows as written and cannot break a table. Lines within
//! a table cell are joined with `<br>`, which GFM tables allow.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{
    ACTION_HEADINGS, ActionRow, CONTRIBUTION_HEADINGS, Document, Entry, Line, MeetingDoc,
    NEXT_HEADINGS, bullet, day_headings, item_heading,
};

/// Writes `doc` as Markdown.
pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let mut s = String::new();
    if let Some(grid) = &doc.grid {
        s.push_str("# The week\n\n");
        table(&mut s, &grid.headings(), &grid.rows());
    }
    for m in &doc.meetings {
        meeting(&mut s, doc, m);
    }
    // One newline at the end, none doubled.
    let trimmed = s.trim_end();
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

fn meeting(s: &mut String, doc: &Document, m: &MeetingDoc) {
    let _ = writeln!(s, "# {}: {}\n", doc.kind.label(), escape(&m.title));
    for (label, value) in &m.header {
        let _ = writeln!(s, "- **{}:** {}", escape(label), escape(value));
    }
    s.push('\n');
    if !m.glance_heading.is_empty() {
        let _ = writeln!(s, "**{}**\n", escape(&m.glance_heading));
    }
    for line in &m.glance {
        let _ = writeln!(s, "- {}", escape(line));
    }
    if !m.glance.is_empty() {
        s.push('\n');
    }
    for n in &m.notes {
        let _ = writeln!(s, "{}\n", escape(n));
    }
    if m.schedule_under.is_none() && !m.days.is_empty() {
        s.push_str("## Schedule\n\n");
        schedule(s, doc, m, 3);
    }
    for (i, item) in m.items.iter().enumerate() {
        if m.new_actions_before == Some(i) {
            new_actions(s, m);
        }
        let level = (item.depth + 1).min(6);
        let _ = writeln!(s, "{} {}\n", "#".repeat(level), escape(&item_heading(item)));
        lines(s, &item.text);
        if !item.treated_in.is_empty() {
            let _ = writeln!(s, "*Treated in: {}*\n", escape(&item.treated_in));
        }
        if m.schedule_under == Some(i) {
            schedule(s, doc, m, (level + 1).min(6));
        }
        if !item.contributions.is_empty() {
            let rows: Vec<Vec<Vec<String>>> = item
                .contributions
                .iter()
                .map(|c| {
                    let number = match &c.url {
                        Some(u) => format!(
                            "[{}](<{}>)",
                            escape(&c.number),
                            u.replace(['<', '>', ' '], "")
                        ),
                        None => escape(&c.number),
                    };
                    vec![
                        vec![number],
                        vec![escape(&c.title)],
                        vec![escape(&c.source)],
                        vec![escape(&c.status)],
                        vec![escape(&c.remarks)],
                    ]
                })
                .collect();
            raw_table(s, &CONTRIBUTION_HEADINGS.map(String::from), &rows);
        }
        for e in &item.entries {
            entry(s, e);
        }
        lines(s, &item.report);
        if m.actions_under == Some(i) {
            actions(s, &m.actions);
        }
        if m.next_under == Some(i) {
            next(s, m);
        }
    }
    if m.new_actions_before.is_none() {
        new_actions(s, m);
    }
    if m.actions_under.is_none() && !m.actions.is_empty() {
        s.push_str("## Action items\n\n");
        actions(s, &m.actions);
    }
    if m.next_under.is_none() && !m.next_meetings.is_empty() {
        s.push_str("## Next meetings\n\n");
        next(s, m);
    }
}

fn schedule(s: &mut String, doc: &Document, m: &MeetingDoc, level: usize) {
    let headings = day_headings(doc);
    for day in &m.days {
        let _ = writeln!(s, "{} {}\n", "#".repeat(level), escape(&day.label));
        let rows: Vec<Vec<Vec<String>>> = day.rows.iter().map(super::DayRow::cells).collect();
        table(s, &headings, &rows);
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

/// A contribution's record: the number in bold (linked when the file gives
/// a URL), then a paragraph per presentation (in italics), note and
/// decision (in bold).
fn entry(s: &mut String, e: &Entry) {
    let number = match &e.url {
        Some(u) => format!(
            "[{}](<{}>)",
            escape(&e.number),
            u.replace(['<', '>', ' '], "")
        ),
        None => escape(&e.number),
    };
    let mut head = format!("**{number}** {}", escape(&e.title));
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

fn new_actions(s: &mut String, m: &MeetingDoc) {
    if !m.new_actions.is_empty() {
        s.push_str("## New action items\n\n");
        actions(s, &m.new_actions);
    }
}

fn actions(s: &mut String, list: &[ActionRow]) {
    let rows: Vec<Vec<Vec<String>>> = list
        .iter()
        .map(|a| {
            vec![
                vec![a.reference.clone()],
                a.what.clone(),
                vec![a.who.clone()],
                vec![a.status.clone()],
            ]
        })
        .collect();
    if rows.is_empty() {
        s.push_str("No action items.\n\n");
    } else {
        table(s, &ACTION_HEADINGS.map(String::from), &rows);
    }
}

fn next(s: &mut String, m: &MeetingDoc) {
    let rows: Vec<Vec<Vec<String>>> = m
        .next_meetings
        .iter()
        .map(|n| {
            [&n.meeting, &n.kind, &n.dates, &n.time, &n.venue]
                .iter()
                .map(|x| vec![(*x).clone()])
                .collect()
        })
        .collect();
    if !rows.is_empty() {
        table(s, &NEXT_HEADINGS.map(String::from), &rows);
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
