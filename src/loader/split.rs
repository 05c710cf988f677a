//! Parsing one large meeting file on several threads.
//!
//! A week of thousands of sessions or contributions is mostly a long run of
//! `[[sessions]]` or `[[contributions]]` tables. The file is cut at some of
//! those header lines; the first part is parsed as a meeting file and every
//! other part as a list of such tables, each on its own thread, and the
//! lists are appended in file order. Spans are shifted by each part's offset
//! (see [`crate::loc::with_span_base`]), so the result is the meeting the
//! whole file gives, value for value and span for span.
//!
//! The cut is only a shortcut for files the single parse accepts: whenever a
//! part fails, or a part holds anything the rules below do not allow, the
//! caller parses the whole file in one piece, so errors are always reported
//! as the single parse reports them. Why a successful cut parse equals the
//! single parse:
//!
//! - Cuts are at column 0 of a line that is exactly `[[KEY]]`. Such a line
//!   is a header, or a line of a multi-line string (a comment or a one-line
//!   string cannot hold a line start, an array or inline table cannot hold
//!   the bare word); a cut inside a string leaves the part before it ending
//!   inside that string, which fails to parse. So the lines are first found
//!   by a fast search that does not know strings, and only when a part
//!   fails, again by a scanner that skips comments and all four kinds of
//!   strings.
//! - A part after a cut starts with a table header, so it holds no keys of
//!   the root table; it is read as [`Tail`], which has nothing but the
//!   arrays of tables and refuses any other field.
//! - The root table must be empty (nothing but comments before the first
//!   table header), so no KEY can be a plain array (`KEY = [...]`), which a
//!   `[[KEY]]` header could not extend; a KEY made a table by a header fails
//!   to parse as the list it must be, in whichever part holds that header.

use std::ops::Range;

use serde::Deserialize;

use crate::bytescan;
use crate::loc::with_span_base;
use crate::model::{
    ActionItem, AgendaItem, Contribution, Group, Meeting, NextMeeting, Person, Room, Session,
};

/// Files smaller than this are parsed in one piece (threads cost more than they save).
pub const MIN_BYTES: usize = 256 * 1024;

/// The root arrays of tables a file can be cut at.
const KEYS: [&str; 8] = [
    "sessions",
    "contributions",
    "agenda",
    "people",
    "groups",
    "rooms",
    "actions",
    "next_meetings",
];

/// Everything a part after a cut may hold.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Tail {
    #[serde(default, deserialize_with = "crate::model::sized_vec")]
    sessions: Vec<Session>,
    #[serde(default, deserialize_with = "crate::model::sized_vec")]
    contributions: Vec<Contribution>,
    #[serde(default, deserialize_with = "crate::model::sized_vec")]
    agenda: Vec<AgendaItem>,
    #[serde(default)]
    people: Vec<Person>,
    #[serde(default)]
    groups: Vec<Group>,
    #[serde(default)]
    rooms: Vec<Room>,
    #[serde(default)]
    actions: Vec<ActionItem>,
    #[serde(default)]
    next_meetings: Vec<NextMeeting>,
}

impl Tail {
    fn append_to(self, m: &mut Meeting) {
        // `reserve_exact`: a vector grown by doubling would reserve up to
        // twice the room, and sessions are large.
        fn append<T>(to: &mut Vec<T>, from: Vec<T>) {
            to.reserve_exact(from.len());
            to.extend(from);
        }
        append(&mut m.sessions, self.sessions);
        append(&mut m.contributions, self.contributions);
        append(&mut m.agenda, self.agenda);
        append(&mut m.people, self.people);
        append(&mut m.groups, self.groups);
        append(&mut m.rooms, self.rooms);
        append(&mut m.actions, self.actions);
        append(&mut m.next_meetings, self.next_meetings);
    }
}

/// A `[[KEY]]` header line: its offset and which of [`KEYS`] it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    /// Byte offset of the line.
    at: usize,
    /// Index into [`KEYS`].
    key: usize,
}

/// Which TOML reader parses the pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// [`super::direct`]: one pass, straight into the model; gives up on doubt.
    Direct,
    /// The `toml` crate.
    Toml,
}

impl Reader {
    /// Reads `text` as a `T`; `None` on any error. `counts`: how many
    /// elements each root array of tables has (see [`super::direct::from_str_counted`]).
    pub fn read<T: serde::de::DeserializeOwned>(
        self,
        text: &str,
        counts: &[(&'static str, usize)],
    ) -> Option<T> {
        match self {
            Reader::Direct => super::direct::from_str_counted(text, counts),
            Reader::Toml => toml::from_str(text).ok(),
        }
    }
}

/// Parses `text` in up to `parts` pieces on as many threads, each with
/// `reader`. `None` when the file is not worth cutting or a piece does not
/// parse as the rules allow; the caller then parses it whole.
pub fn parse(text: &str, parts: usize, reader: Reader) -> Option<Meeting> {
    parse_from(text, parts, MIN_BYTES, reader)
}

/// [`parse`], cutting texts of at least `min_bytes`.
fn parse_from(text: &str, parts: usize, min_bytes: usize, reader: Reader) -> Option<Meeting> {
    if parts < 2 || text.len() < min_bytes || !root_is_empty(text) {
        return None;
    }
    // First at `[[KEY]]` lines found by a fast search that does not know
    // strings: a line of a multi-line string that looks like a header makes
    // the part before it fail, and then the cuts are looked for again by
    // the scanner that skips strings and comments.
    let quick = header_lines(text);
    let cuts = choose(text.len(), parts, &quick);
    if cuts.is_empty() {
        return None;
    }
    if let Some(m) = parse_at(text, &cuts, &quick, reader) {
        return Some(m);
    }
    let (exact, _) = cut_points(text, parts, min_bytes);
    if exact.is_empty() || exact == cuts {
        return None;
    }
    parse_at(text, &exact, &quick, reader)
}

/// Parses `text` cut at `cuts`, each part on its own thread; `headers`
/// (counted per part) tell the reader how long its lists will be.
fn parse_at(text: &str, cuts: &[usize], headers: &[Header], reader: Reader) -> Option<Meeting> {
    let ranges: Vec<Range<usize>> = cuts
        .iter()
        .zip(cuts.iter().skip(1).chain(std::iter::once(&text.len())))
        .map(|(&a, &b)| a..b)
        .collect();
    std::thread::scope(|scope| {
        let tails: Vec<_> = ranges
            .into_iter()
            .map(|r| {
                let part = &text[r.clone()];
                let counts = counts(headers, r.clone());
                scope.spawn(move || with_span_base(r.start, || reader.read::<Tail>(part, &counts)))
            })
            .collect();
        // The first part's lists get room for the whole file's elements, so
        // the other parts' are appended without moving them again.
        let head = reader.read::<Meeting>(&text[..cuts[0]], &counts(headers, 0..text.len()));
        let mut meeting = head?;
        for t in tails {
            t.join().ok()??.append_to(&mut meeting);
        }
        Some(meeting)
    })
}

/// Whether the root table is empty: nothing but blank lines and comments
/// before the first line that starts with `[`.
fn root_is_empty(text: &str) -> bool {
    for line in text.split('\n') {
        if line.starts_with('[') {
            return true;
        }
        let rest = line.trim_start_matches([' ', '\t', '\r']);
        if !rest.is_empty() && !rest.starts_with('#') {
            return false;
        }
    }
    true
}

/// Every line that is exactly `[[KEY]]` (trailing blanks and a comment
/// allowed) for a KEY of [`KEYS`], found by searching for `\n[[`: also
/// those inside multi-line strings (see [`parse_from`]).
fn header_lines(text: &str) -> Vec<Header> {
    let b = text.as_bytes();
    let first = b.starts_with(b"[[").then_some(0);
    first
        .into_iter()
        .chain(memchr::memmem::find_iter(b, b"\n[[").map(|i| i + 1))
        .filter_map(|i| header_at(b, i))
        .collect()
}

/// The header lines of `headers` closest after the points that cut a text
/// of `len` bytes into `parts` equal pieces.
fn choose(len: usize, parts: usize, headers: &[Header]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for h in headers {
        let target = len / parts * (out.len() + 1);
        if h.at >= target && h.at > 0 {
            out.push(h.at);
            if out.len() + 1 == parts {
                break;
            }
        }
    }
    out
}

/// Where to cut `text` (if it has `min_bytes`) into about `parts` pieces
/// of equal size: at `[[KEY]]` lines. Empty when the text is too small, has
/// no such lines, or has anything but comments before its first table header.
#[cfg(test)]
fn cuts(text: &str, parts: usize, min_bytes: usize) -> Vec<usize> {
    cut_points(text, parts, min_bytes).0
}

/// [`cuts`], and every `[[KEY]]` header line of the text, found by the
/// scanner that skips strings and comments.
fn cut_points(text: &str, parts: usize, min_bytes: usize) -> (Vec<usize>, Vec<Header>) {
    if parts < 2 || text.len() < min_bytes {
        return (Vec::new(), Vec::new());
    }
    let (all, root_is_empty) = headers(text);
    if !root_is_empty {
        return (Vec::new(), Vec::new());
    }
    (choose(text.len(), parts, &all), all)
}

/// How many `[[KEY]]` header lines of each key lie in `range`.
fn counts(headers: &[Header], range: Range<usize>) -> Vec<(&'static str, usize)> {
    let mut n = [0; KEYS.len()];
    for h in headers.iter().filter(|h| range.contains(&h.at)) {
        n[h.key] += 1;
    }
    KEYS.iter()
        .zip(n)
        .filter(|&(_, n)| n > 0)
        .map(|(&k, n)| (k, n))
        .collect()
}

/// Every line that is exactly `[[KEY]]` (trailing blanks and a comment
/// allowed) for a KEY of [`KEYS`], outside strings and comments; and whether
/// the root table is empty (only blank lines and comments before the first
/// line that starts with `[`).
fn headers(text: &str) -> (Vec<Header>, bool) {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    let mut in_root = true;
    let mut root_is_empty = true;
    while let Some(&c) = b.get(i) {
        if line_start && c == b'[' {
            in_root = false;
            if let Some(h) = header_at(b, i) {
                out.push(h);
            }
        }
        if in_root && !matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'#') {
            root_is_empty = false;
        }
        line_start = false;
        i = match c {
            b'\n' => {
                line_start = true;
                i + 1
            }
            b'#' => find(b, i, b'\n'),
            b'"' if b[i..].starts_with(b"\"\"\"") => multi_line_end(b, i + 3, b'"'),
            b'\'' if b[i..].starts_with(b"\'\'\'") => multi_line_end(b, i + 3, b'\''),
            b'"' | b'\'' => string_end(b, i + 1, c),
            // Outside the root table, only line ends, comments and strings matter.
            _ if !in_root => bytescan::skip_plain(b, i + 1, b"#\"'"),
            _ => i + 1,
        };
    }
    (out, root_is_empty)
}

/// The header starting at `i`, if the line is `[[KEY]]` and nothing else.
fn header_at(b: &[u8], i: usize) -> Option<Header> {
    let rest = &b[i..];
    let inner = rest.strip_prefix(b"[[")?;
    let close = inner.iter().position(|&c| c == b']')?;
    let name = &inner[..close];
    let after = inner[close..].strip_prefix(b"]]")?;
    let line_end = after
        .iter()
        .position(|&c| c == b'\n')
        .unwrap_or(after.len());
    let tail = &after[..line_end];
    let tail = tail
        .iter()
        .position(|&c| c == b'#')
        .map_or(tail, |p| &tail[..p]);
    if !tail.iter().all(|c| matches!(c, b' ' | b'\t' | b'\r')) {
        return None;
    }
    let key = KEYS.iter().position(|k| k.as_bytes() == name)?;
    Some(Header { at: i, key })
}

/// The offset of the next `byte` at or after `i`, or the end.
fn find(b: &[u8], i: usize, byte: u8) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == byte)
        .map_or(b.len(), |p| i + p)
}

/// Just past a one-line string opened before `i` with `quote`. A basic
/// string (`"`) has backslash escapes; a literal one (`'`) has none. An
/// unclosed string ends at the line end (the parser will say what is wrong).
fn string_end(b: &[u8], mut i: usize, quote: u8) -> usize {
    loop {
        i = bytescan::skip_plain(b, i, &[b'\\', quote]);
        let Some(&c) = b.get(i) else { break };
        match c {
            b'\\' if quote == b'"' => i += 2,
            b'\n' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Just past a multi-line string opened before `i` with three `quote`s; up
/// to two more quotes right before the closing three belong to the string.
fn multi_line_end(b: &[u8], mut i: usize, quote: u8) -> usize {
    loop {
        i = bytescan::skip_plain(b, i, &[b'\\', quote]);
        let Some(&c) = b.get(i) else { break };
        if c == b'\\' && quote == b'"' {
            i += 2;
        } else if c == quote && b[i..].starts_with(&[quote; 3]) {
            let run = b[i..].iter().take_while(|&&x| x == quote).count();
            return i + run.min(5);
        } else {
            i += 1;
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn offsets(text: &str) -> Vec<usize> {
        headers(text).0.iter().map(|h| h.at).collect()
    }

    #[test]
    fn headers_are_found_only_outside_strings_and_comments() {
        let text = "[[sessions]]\nid = \"a\"\n# [[sessions]]\nt = \"\"\"\n[[sessions]]\n\"\"\"\n[[sessions]] # c\r\nu = '''\n[[sessions]]'''\n[[rooms]]\n [[sessions]]\n[[sessions.x]]\n[[ sessions ]]\n";
        let found = offsets(text);
        let expected: Vec<usize> = vec![
            0,
            text.find("[[sessions]] # c").unwrap(),
            text.find("[[rooms]]").unwrap(),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn escaped_quotes_and_extra_closing_quotes_do_not_confuse_the_scanner() {
        let text =
            "a = \"x\\\"\n[[sessions]]\"\nb = \"\"\"q\"\"\"\"\"\n[[people]]\nc = '\\'\n[[rooms]]\n";
        // `a` ends in an escaped quote (so it runs to the line end); the line
        // `[[sessions]]"` has more than the header; `b` closes with five
        // quotes; a literal string has no escapes, so `'\'` is closed.
        let found: Vec<&str> = headers(text).0.iter().map(|h| KEYS[h.key]).collect();
        assert_eq!(found, ["people", "rooms"]);
    }

    const HEAD: &str = "[meeting]\nid = \"M\"\ntitle = \"T\"\ngroup = \"SEC\"\nchair = \"C\"\ndates = { start = 2014-04-07, end = 2014-04-11 }\ntimezone = \"Europe/Berlin\"\n";

    fn session(i: usize) -> String {
        format!(
            "[[sessions]]\nid = \"S{i}\"\nkind = \"break-out\"\nday = 2014-04-{:02}\ntime = \"09:00-10:00\"\n",
            7 + i % 5
        )
    }

    fn contribution(i: usize) -> String {
        format!(
            "[[contributions]]\nnumber = \"SEC-2014-{i:04}\"\ntitle = \"C {i}\"\nitem = \"{}\"\n",
            1 + i % 3
        )
    }

    /// Every span of the meeting's located values that the tests compare.
    fn spans(m: &Meeting) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for s in &m.sessions {
            out.push(s.id.span.clone());
            out.push(s.day.span.clone());
            out.extend(s.time.as_ref().map(|t| t.span.clone()));
        }
        for c in &m.contributions {
            out.push(c.number.span.clone());
            out.push(c.item.span.clone());
        }
        for a in &m.agenda {
            out.push(a.number.span.clone());
        }
        for p in &m.people {
            out.push(p.name.span.clone());
        }
        out
    }

    /// Whether the cut parse accepted `text`; when it did, it gave exactly
    /// what the whole parse gives, value for value and span for span.
    fn agrees(text: &str, parts: usize) -> bool {
        READERS.iter().all(|&reader| {
            let Some(cut) = parse_from(text, parts, 0, reader) else {
                return false;
            };
            let whole = toml::from_str::<Meeting>(text).expect("the cut parse accepted a bad file");
            assert_eq!(format!("{cut:?}"), format!("{whole:?}"), "{reader:?}");
            assert_eq!(spans(&cut), spans(&whole), "{reader:?}");
            true
        })
    }

    const READERS: [Reader; 2] = [Reader::Direct, Reader::Toml];

    #[test]
    fn a_cut_parse_equals_the_whole_parse_span_for_span() {
        let mut text = String::from(HEAD);
        for i in 0..40 {
            text.push_str(&session(i));
            text.push_str("notes = [\"\"\"\n[[sessions]]\nid = \"X\"\n\"\"\"]  # [[sessions]]\n");
        }
        text.push_str("[[agenda]]\nnumber = \"1\"\ntitle = \"Opening\"\n");
        for i in 0..30 {
            text.push_str(&contribution(i));
        }
        for parts in 2..=5 {
            assert!(agrees(&text, parts), "{parts} parts");
        }
    }

    #[test]
    fn files_the_whole_parse_refuses_are_never_accepted_in_parts() {
        let sessions: String = (0..20).map(session).collect();
        let contributions: String = (0..20).map(contribution).collect();
        let cases = [
            // `sessions` is a plain array, which `[[sessions]]` cannot extend;
            // the only `[[sessions]]` line before the cut is inside a string.
            format!("sessions = []\n{HEAD}notes = [\"\"\"\n[[sessions]]\n\"\"\"]\n{sessions}"),
            // The meeting table again after the cut.
            format!("{HEAD}{sessions}{HEAD}{sessions}"),
            // Contributions first opened after the cut, a plain array before it.
            format!("contributions = []\n{HEAD}{sessions}{contributions}"),
            // A table that is not an array of tables.
            format!("{HEAD}{sessions}[sessions]\nid = \"Z\"\n{sessions}"),
            // A syntax error in the second half.
            format!(
                "{HEAD}{sessions}{}",
                sessions.replacen("[[sessions]]\nid = \"S15\"", "[[sessions]\nid = \"S15\"", 1)
            ),
            // An unknown field in the second half.
            format!("{HEAD}{sessions}{}", sessions.replace("kind =", "kinds =")),
        ];
        for (i, text) in cases.iter().enumerate() {
            assert!(
                toml::from_str::<Meeting>(text).is_err(),
                "case {i} is a bad file"
            );
            for parts in 2..=4 {
                for reader in READERS {
                    assert!(
                        parse_from(text, parts, 0, reader).is_none(),
                        "case {i}, {parts} parts, {reader:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Random files of sessions, contributions, agenda items, people,
        /// rooms and comments, with strings and comments that hold header
        /// lines, cut in 2 to 6 parts: the cut parse gives exactly the whole
        /// parse, or gives up.
        #[test]
        fn random_files_parse_alike_cut_or_whole(
            blocks in proptest::collection::vec(0u8..9, 1..60),
            parts in 2usize..7,
        ) {
            let mut text = String::from(HEAD);
            for (i, b) in blocks.iter().enumerate() {
                let _: std::fmt::Result = match b {
                    0 | 1 => write!(text, "{}", session(i)),
                    2 => write!(text, "{}", contribution(i)),
                    3 => write!(text, "[[agenda]]\nnumber = \"{}\"\ntitle = '[[agenda]]'\n", i + 1),
                    4 => write!(text, "[[people]]\nname = \"P{i}\"\n# [[people]]\n"),
                    5 => write!(text,
                        "[[sessions]]\nid = \"N{i}\"\nkind = \"call\"\nday = 2014-04-08\nnotes = ['''\n[[contributions]]\n''', \"\"\"\n[[sessions]]\"\"\"\"\"]\n"
                    ),
                    6 => write!(text, "\n# a comment with \"quotes\" and '''\n\n"),
                    7 => writeln!(text, "[meeting.settings]"),
                    _ => write!(text, "[[rooms]]\nname = \"R{i}\"\n"),
                };
            }
            let whole = toml::from_str::<Meeting>(&text);
            for reader in READERS {
            if let Some(cut) = parse_from(&text, parts, 0, reader) {
                proptest::prop_assert!(whole.is_ok(), "the cut parse accepted a bad file");
                let Ok(whole) = &whole else { unreachable!() };
                proptest::prop_assert_eq!(format!("{cut:?}"), format!("{whole:?}"));
                proptest::prop_assert_eq!(spans(&cut), spans(whole));
            } else {
                // Giving up is right only for a bad file, a file with no
                // place to cut, a part holding more than arrays of tables,
                // or (direct reader) a file that reader does not read whole
                // either (an array of tables in several runs, say).
                let cuttable = !cuts(&text, parts, 0).is_empty();
                let read_whole = match reader {
                    Reader::Direct => super::super::direct::from_str::<Meeting>(&text).is_some(),
                    Reader::Toml => whole.is_ok(),
                };
                proptest::prop_assert!(
                    !read_whole || !cuttable || blocks.contains(&7),
                    "a good file was not cut"
                );
            }
            }
        }
    }

    proptest::proptest! {
        /// The quick test of an empty root table agrees with the scanner's.
        #[test]
        fn the_root_table_is_empty_alike(
            lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "", "  ", "\t# c", "# [x] \"", "\r", "[meeting]", " [meeting]",
                    "a = 1", "[[sessions]]", "x = \"\"\"", "#", "\"\"\"",
                ]),
                0..8,
            ),
        ) {
            let text = lines.join("\n");
            proptest::prop_assert_eq!(root_is_empty(&text), headers(&text).1, "{:?}", text);
        }
    }

    #[test]
    fn header_lines_are_found_fast_strings_or_not() {
        let text = "[[sessions]]\nt = \"\"\"\n[[sessions]]\n\"\"\"\n# [[rooms]]\n[[rooms]] # c\n [[people]]\n";
        let quick: Vec<usize> = header_lines(text).iter().map(|h| h.at).collect();
        let in_string = text.find("\n[[sessions]]\n\"").unwrap() + 1;
        assert_eq!(quick, [0, in_string, text.find("[[rooms]] #").unwrap()]);
        // The scanner that knows strings skips the one in the string.
        assert_eq!(offsets(text), [0, text.find("[[rooms]] #").unwrap()]);
    }

    #[test]
    fn cuts_need_a_large_text_with_an_empty_root_table() {
        let mut text = String::from("[meeting]\nid = \"X\"\n");
        while text.len() < MIN_BYTES * 2 {
            text.push_str("[[sessions]]\nid = \"S\"\n");
        }
        text.push_str("[[contributions]]\nnumber = \"C\"\n");
        let cuts = cuts(&text, 4, MIN_BYTES);
        assert_eq!(cuts.len(), 3);
        assert!(cuts.iter().all(|&c| text[c..].starts_with("[[sessions]]")));
        assert!(cuts.windows(2).all(|w| w[0] < w[1]));
        assert!(
            super::cuts(&text[..1000], 4, MIN_BYTES).is_empty(),
            "small texts stay whole"
        );
        assert!(super::cuts(&text, 1, MIN_BYTES).is_empty());
        let with_root = format!("# comment\n\ntitle = 1\n{text}");
        assert!(
            super::cuts(&with_root, 4, MIN_BYTES).is_empty(),
            "a key in the root table"
        );
        let indented = format!("  [meeting]\n{text}");
        assert!(
            super::cuts(&indented, 4, MIN_BYTES).is_empty(),
            "an indented first header"
        );
        let commented = format!("# [[sessions]] comment\n\n{text}");
        assert_eq!(super::cuts(&commented, 4, MIN_BYTES).len(), 3);
    }
}
