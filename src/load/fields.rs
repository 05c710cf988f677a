//! The rules for the values other things are built from: ids and names
//! (which become file names, calendar UIDs, comments in written files and
//! references) and e-mail addresses (which become calendar attendees).
//!
//! Meeting files and timetable requests files apply the same rules at load
//! time, so a value that would break a written file, a calendar or a
//! terminal never gets past the reader.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::load::source::FileId;

/// What is wrong with an id or a name, or `None` when it is fine.
///
/// An id may hold any printable text, spaces inside included ("Main room"),
/// but not: nothing at all, space at either end (two ids that look the same
/// would differ), or a control, line-separator or bidirectional formatting
/// character (it would end a comment in a written file, or reorder or hide
/// text on a terminal and in a calendar).
pub fn id_problem(value: &str) -> Option<&'static str> {
    if value.is_empty() {
        return Some("is empty");
    }
    if value.trim() != value {
        return Some("starts or ends with a space");
    }
    if value.chars().any(is_hostile) {
        return Some(
            "holds a control character (such as a line break or a tab) or a bidirectional formatting character",
        );
    }
    None
}

/// Control characters (C0, DEL, C1), line and paragraph separators, and
/// the bidirectional marks, embeddings, overrides and isolates.
pub fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// The error for an id of kind `what` (`session id`) at `span` in `file`,
/// or `None` when the id is fine.
pub fn check_id(
    file: FileId,
    span: Range<usize>,
    field: String,
    what: &str,
    value: &str,
) -> Option<Diagnostic> {
    let problem = id_problem(value)?;
    Some(
        Diagnostic::error("invalid-id", format!("the {what} {problem}"))
            .at(file, span, "not a usable id")
            .field(field)
            .help(format!(
                "write the {what} as printable text on one line with no space at either end, e.g. \"S1\" or \"Main room\""
            )),
    )
}

/// Whether `e` is a plain address, `local@domain.tld`, that can go into a
/// calendar's `mailto:` as it is: one `@`, printable ASCII only, none of
/// the characters that end or split a property (`"<>()[]\,;:`).
pub fn plain_email(e: &str) -> bool {
    let mut parts = e.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && e.bytes().all(|b| {
            b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'"' | b'<' | b'>' | b'(' | b')' | b'[' | b']' | b'\\' | b',' | b';' | b':'
                )
        })
}

/// The error for an e-mail address at `span` in `file` that is not plain
/// (spaces around it are allowed and ignored), or `None` when it is fine.
pub fn check_email(
    file: FileId,
    span: Range<usize>,
    field: String,
    value: &str,
) -> Option<Diagnostic> {
    if plain_email(value.trim()) {
        return None;
    }
    Some(
        Diagnostic::error("invalid-email", "not a plain e-mail address")
            .at(file, span, "not name@domain")
            .field(field)
            .help("write one address as name@example.org: no display name, angle brackets, spaces, line breaks, `;`, `,` or `:` (a calendar could not invite it)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_printable_one_line_and_trimmed() {
        for good in ["S1", "Main room", "SEC#10.0", "François", "会议"] {
            assert_eq!(id_problem(good), None, "{good}");
        }
        for bad in [
            "",
            " S1",
            "S1 ",
            "a\nb",
            "a\tb",
            "a\u{9b}b",
            "a\u{202e}b",
            "a\u{2028}b",
        ] {
            assert!(id_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn plain_emails_only() {
        assert!(plain_email("bob@ex.org"));
        for bad in [
            "bob@ex.org>;RSVP=TRUE",
            "list@ex.org\r\nATTENDEE:x@y.z",
            "Bob <bob@ex.org>",
            "bob",
            "bob@localhost",
            "a@b@c.d",
            "@ex.org",
            "bob@.org",
        ] {
            assert!(!plain_email(bad), "{bad:?}");
        }
    }
}
