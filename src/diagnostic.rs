//! Diagnostics: what agendum says about a user's files, and how it is printed.
//!
//! A [`Diagnostic`] is data (severity, rule, message, the places in the files
//! it concerns, a hint). The library produces them; [`render_human`] prints
//! them like a compiler (`file:line:col`, the line, carets) and
//! [`render_json`] prints them for CI and editors. Neither touches a terminal
//! directly: both write to any `io::Write`.

use std::fmt::Write as _;
use std::io;
use std::ops::Range;

use serde::Serialize;

use crate::load::source::{FileId, Sources, floor_char_boundary};

/// The smallest char boundary at or above `offset`.
fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset.min(text.len())
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The week cannot work as written, or the file cannot be read.
    Error,
    /// The week works, but someone will be unhappy.
    Warning,
}

/// A place in a file that a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The file.
    pub file: FileId,
    /// Byte range in the file.
    pub span: Range<usize>,
    /// What this place is (may be empty).
    pub message: String,
}

/// One finding about the user's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable rule name, e.g. `unknown-field` or `room-overlap`.
    pub rule: &'static str,
    /// One-line summary.
    pub message: String,
    /// The field concerned, as a path (`sessions[2].time`), when there is one.
    pub field: Option<String>,
    /// The places concerned; the first is the primary one.
    pub labels: Vec<Label>,
    /// What would be right, or what to do.
    pub help: Option<String>,
    /// Sessions concerned (meeting and session ids), for tools.
    pub sessions: Vec<String>,
    /// People concerned, for tools.
    pub people: Vec<String>,
}

impl Diagnostic {
    /// A new error with rule name `rule`.
    pub fn error(rule: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, rule, message)
    }

    /// A new warning with rule name `rule`.
    pub fn warning(rule: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, rule, message)
    }

    fn new(severity: Severity, rule: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity,
            rule,
            message: message.into(),
            field: None,
            labels: Vec::new(),
            help: None,
            sessions: Vec::new(),
            people: Vec::new(),
        }
    }

    /// Adds a place in a file.
    #[must_use]
    pub fn at(mut self, file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    /// Names the field concerned.
    #[must_use]
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Says what would be right.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names a session concerned.
    #[must_use]
    pub fn session(mut self, id: impl Into<String>) -> Self {
        self.sessions.push(id.into());
        self
    }

    /// Names a person concerned.
    #[must_use]
    pub fn person(mut self, name: impl Into<String>) -> Self {
        self.people.push(name.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Replaces control characters so that text from a user's file cannot drive
/// the terminal (ANSI escapes, carriage returns, bells). Each becomes the
/// visible Unicode "control picture" of one column width.
pub fn sanitize_for_terminal(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\u{7f}' => '\u{2421}',
            '\u{80}'..='\u{9f}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Prints diagnostics like a compiler: header, `--> file:line:col`, the
/// source line with carets under the span, and the hint.
pub fn render_human(
    out: &mut dyn io::Write,
    sources: &Sources,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    for d in diagnostics {
        out.write_all(format_human(sources, d).as_bytes())?;
    }
    Ok(())
}

/// One diagnostic as text, ending with a blank line.
pub fn format_human(sources: &Sources, d: &Diagnostic) -> String {
    let mut s = String::new();
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(
        s,
        "{kind}[{}]: {}",
        d.rule,
        sanitize_for_terminal(&d.message)
    );
    // A label whose file is not in the table (a bug elsewhere) is left out
    // rather than taking the whole message down with a panic.
    let labels: Vec<(&Label, &crate::load::source::Source)> = d
        .labels
        .iter()
        .filter_map(|l| sources.try_get(l.file).map(|src| (l, src)))
        .collect();
    let gutter = labels
        .iter()
        .map(|(l, src)| src.position(l.span.start).line)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let pad = " ".repeat(gutter);
    for (i, &(label, src)) in labels.iter().enumerate() {
        let pos = src.position(label.span.start);
        let arrow = if i == 0 { "-->" } else { ":::" };
        let _ = writeln!(
            s,
            "{pad}{arrow} {}:{}:{}",
            sanitize_for_terminal(&src.path().display().to_string()),
            pos.line,
            pos.column
        );
        let line_index = pos.line - 1;
        let line = src.line_text(line_index);
        let line_span = src.line_span(line_index);
        let start = floor_char_boundary(
            &src.text,
            label.span.start.clamp(line_span.start, line_span.end),
        );
        let end = ceil_char_boundary(&src.text, label.span.end.clamp(start, line_span.end));
        let before = src.text[line_span.start..start].chars().count();
        let width = src.text[start..end].chars().count().max(1);
        let _ = writeln!(s, "{pad} |");
        let _ = writeln!(s, "{:>gutter$} | {}", pos.line, sanitize_for_terminal(line));
        let carets = if i == 0 { "^" } else { "-" }.repeat(width);
        let message = if label.message.is_empty() {
            String::new()
        } else {
            format!(" {}", sanitize_for_terminal(&label.message))
        };
        let _ = writeln!(s, "{pad} | {}{carets}{message}", " ".repeat(before));
    }
    if let Some(field) = &d.field {
        let _ = writeln!(s, "{pad} = field: {}", sanitize_for_terminal(field));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(s, "{pad} = help: {}", sanitize_for_terminal(help));
    }
    s.push('\n');
    s
}

/// One location in the JSON output.
#[derive(Debug, Serialize)]
struct JsonLocation<'a> {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    label: &'a str,
}

/// One diagnostic in the JSON output.
#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    field: Option<&'a str>,
    locations: Vec<JsonLocation<'a>>,
    help: Option<&'a str>,
    sessions: &'a [String],
    people: &'a [String],
}

/// The JSON document printed by `--format json`.
#[derive(Debug, Serialize)]
struct JsonReport<'a> {
    version: u32,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Prints diagnostics as one JSON document (schema in `docs/format.md`).
pub fn render_json(
    out: &mut dyn io::Write,
    sources: &Sources,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let report = JsonReport {
        version: 1,
        errors: diagnostics.iter().filter(|d| d.is_error()).count(),
        warnings: diagnostics.iter().filter(|d| !d.is_error()).count(),
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                rule: d.rule,
                severity: d.severity,
                message: &d.message,
                field: d.field.as_deref(),
                locations: d
                    .labels
                    .iter()
                    .filter_map(|l| {
                        let src = sources.try_get(l.file)?;
                        let start = src.position(l.span.start);
                        let end = src.position(l.span.end);
                        Some(JsonLocation {
                            file: src.path().display().to_string(),
                            line: start.line,
                            column: start.column,
                            end_line: end.line,
                            end_column: end.column,
                            label: &l.message,
                        })
                    })
                    .collect(),
                help: d.help.as_deref(),
                sessions: &d.sessions,
                people: &d.people,
            })
            .collect(),
    };
    out.write_all(json_for_terminal(&report)?.as_bytes())?;
    out.write_all(b"\n")
}

/// Pretty JSON in which no character can drive a terminal: serde escapes
/// C0 controls, and this also escapes C1 controls (U+0080 to U+009F, such as
/// the one-byte CSI U+009B) and bidirectional overrides as `\uXXXX`, which
/// JSON readers decode to the same strings. They can only occur inside
/// strings, where the escape is valid.
pub fn json_for_terminal<T: serde::Serialize>(value: &T) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{80}'..='\u{9f}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::source::Source;

    #[test]
    fn human_output_points_at_the_span() {
        let mut sources = Sources::new();
        let id = sources.add(Source::new("m.toml", "a = 1\ntiem = 2\n".into()));
        let d = Diagnostic::error("unknown-field", "unknown field `tiem`")
            .at(id, 6..10, "not a field")
            .help("did you mean `time`?");
        assert_eq!(
            format_human(&sources, &d),
            "error[unknown-field]: unknown field `tiem`\n --> m.toml:2:1\n  |\n2 | tiem = 2\n  | ^^^^ not a field\n  = help: did you mean `time`?\n\n"
        );
    }

    #[test]
    fn formatting_survives_unknown_files_and_spans_past_the_text() {
        let mut sources = Sources::new();
        let id = sources.add(Source::new("m.toml", "a = 1\né = 2".into()));
        // Backwards spans included: a label is data, nothing orders its ends.
        for (start, end) in [
            (0, 0),
            (99, 3),
            (7, 8),
            (8, 7),
            (usize::MAX - 1, usize::MAX),
            (5, usize::MAX),
        ] {
            let span = start..end;
            let d = Diagnostic::error("x", "m").at(id, span.clone(), "here").at(
                FileId(usize::MAX),
                span,
                "elsewhere",
            );
            let text = format_human(&sources, &d);
            assert!(text.contains("m.toml:"), "{text}");
            assert!(!text.contains("elsewhere"), "{text}");
            let mut json = Vec::new();
            render_json(&mut json, &sources, std::slice::from_ref(&d)).unwrap();
        }
    }

    #[test]
    fn terminal_escapes_are_made_visible() {
        assert_eq!(
            sanitize_for_terminal("a\u{1b}[31mb\r"),
            "a\u{241b}[31mb\u{240d}"
        );
    }

    #[test]
    fn did_you_mean_finds_near_misses_only() {
        assert_eq!(
            did_you_mean("tiem", ["time", "title", "room"]),
            Some("time")
        );
        assert_eq!(did_you_mean("zzz", ["time", "title"]), None);
    }

    #[test]
    fn json_for_terminal_escapes_c1_controls_and_bidi_overrides() {
        let text = json_for_terminal(&"a\u{9b}2J\u{202e}b\u{1b}").unwrap();
        assert_eq!(text, "\"a\\u009b2J\\u202eb\\u001b\"");
        let back: String = serde_json::from_str(&text).unwrap();
        assert_eq!(back, "a\u{9b}2J\u{202e}b\u{1b}");
    }
}
