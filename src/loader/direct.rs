//! Reading a meeting file straight into the model, in one pass over the text.
//!
//! The `toml` crate reads a file in three steps: a list of tokens, a list of
//! parser events, then a tree of tables with a span on every key and value;
//! only then does serde walk the tree into the model. For a week of 10,000
//! sessions those lists and that tree were most of the time and of the memory
//! of `agendum ics` (tens of megabytes for a 1.8 MB file, all of it fresh
//! pages the kernel must zero).
//!
//! This reader hands each value to serde as it meets it in the text. It reads
//! the TOML that meeting files are made of: key/value lines with bare or
//! quoted keys, `[table]` and `[[array of tables]]` headers, the four kinds of
//! strings, decimal integers, booleans, local dates and date-times, arrays and
//! one-line inline tables. On anything else, and on any error, it gives up
//! ([`from_str`] returns `None`) and the caller reads the file with the `toml`
//! crate, so every message about a bad file is the `toml` crate's message.
//!
//! Why a file it accepts gives exactly the model the `toml` crate gives:
//!
//! - Values, and the spans of values, are what the `toml` crate reports: the
//!   same string rules and escapes, `visit_i64` for integers, the datetime
//!   and span conventions of `toml_datetime` and `serde_spanned`. Tests
//!   compare the two readers on every schedule file and on random files.
//! - A TOML table may be written in pieces (`[a]`, `[b]`, then `[a.c]`); this
//!   reader would give the key `a` twice. Every table keeps the keys it has
//!   given and gives up on a repeat. The same rule refuses what TOML forbids:
//!   a key or table defined twice, a header extending an inline table or a
//!   plain array, `[a]` after `[[a]]`.
//! - It checks what TOML requires of what it reads (no control characters,
//!   valid escapes, digits without leading zeros, one key/value per line, a
//!   newline after each) and gives up on what it does not read: dotted keys,
//!   floats, integers in other bases, times of day, date-times with an offset
//!   or fractional seconds, inline tables over several lines, carriage
//!   returns inside multi-line strings, nesting deeper than [`MAX_DEPTH`].
//! - Once reading fails it stays failed, even when a visitor drops the
//!   error and reads on: the next value would start in the middle of a line.
//!
//! One difference is left: keys come in the order of the file, where the
//! `toml` crate gives them sorted. The model's structs and maps do not
//! depend on the order; a type that does must not be read here.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_spanned::de::SpannedDeserializer;

use crate::bytescan;

/// Deepest nesting of arrays and inline tables, and longest header path,
/// read here; deeper files go to the `toml` crate.
const MAX_DEPTH: usize = 32;

/// Reads `text` as a `T`, or `None` when this reader gives up (the file is
/// not valid TOML, not valid for `T`, or uses TOML this reader does not read).
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    from_str_counted(text, &[])
}

/// [`from_str`], knowing how many tables some arrays of tables of the root
/// have (`("sessions", 5000)`: the caller counted the `[[sessions]]` lines),
/// which the reader announces to serde so that a list of thousands is
/// allocated once instead of grown by copying (see `model::sized_vec`).
pub fn from_str_counted<'de, T: Deserialize<'de>>(
    text: &'de str,
    counts: &[(&'static str, usize)],
) -> Option<T> {
    let mut doc = Doc {
        text,
        b: text.as_bytes(),
        pos: 0,
        path: Vec::new(),
        header: None,
        failed: false,
        counts: counts.to_vec(),
    };
    let root = TableDe {
        doc: &mut doc,
        depth: 0,
        span: 0..0,
    };
    let value = T::deserialize(root).ok()?;
    doc.skip_blank_lines().ok()?;
    (doc.pos == doc.b.len() && !doc.failed).then_some(value)
}

/// Why this reader stopped; never shown (the `toml` crate then reads the file).
#[derive(Debug)]
pub struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not read directly")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

type Res<T> = Result<T, GiveUp>;

/// The text and the reading position.
struct Doc<'de> {
    text: &'de str,
    b: &'de [u8],
    pos: usize,
    /// The keys of the header tables open now: inside `[a.b]`, `["a", "b"]`.
    path: Vec<Cow<'de, str>>,
    /// The header line at `header.start`, parsed once although several
    /// tables look at it.
    header: Option<Header<'de>>,
    /// Reading has failed. A visitor may drop an error and read on (a field
    /// that defaults on error, say), which would resume in the middle of a
    /// value; from then on every key and element is "none more" and
    /// [`from_str`] gives up whatever the visitor returns.
    failed: bool,
    /// How many tables some arrays of tables of the root have.
    counts: Vec<(&'static str, usize)>,
}

/// A `[table]` or `[[array]]` header line.
struct Header<'de> {
    start: usize,
    path: Vec<Cow<'de, str>>,
    /// The span of each key of `path` (an implied table's span is its key's).
    key_spans: Vec<Range<usize>>,
    array: bool,
    /// The brackets and what is between them.
    span: Range<usize>,
    /// Where the next line starts.
    next: usize,
}

/// A string, integer, boolean or date read from the text.
enum Scalar<'de> {
    Str(Cow<'de, str>),
    Int(i64),
    Bool(bool),
    /// A local date or date-time, checked, as written: it is already the
    /// text `toml_datetime` would give for it.
    Datetime(&'de str),
}

/// The key under which `toml_datetime` passes a date's text to serde (see
/// `toml_datetime::de::DatetimeDeserializer`; a test checks they agree).
const DATETIME_FIELD: &str = "$__toml_private_datetime";

/// A date passed to serde as `toml_datetime` passes it: a map of one key.
struct DatetimeText<'de>(Option<&'de str>);

impl<'de> MapAccess<'de> for DatetimeText<'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(DATETIME_FIELD))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        let text = self.0.take().ok_or(GiveUp)?;
        seed.deserialize(BorrowedStrDeserializer::new(text))
    }
}

/// Whether `text` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`, digits already
/// checked) is a day of the Gregorian calendar and a time of day (no leap
/// second): a part of what `toml_datetime` accepts.
fn real_date_and_time(text: &[u8]) -> bool {
    let n = |range: Range<usize>| {
        text[range]
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = (n(0..4), n(5..7), n(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    let date_ok = (1..=days).contains(&day);
    date_ok && (text.len() == 10 || (n(11..13) <= 23 && n(14..16) <= 59 && n(17..19) <= 59))
}

fn is_control(c: u8) -> bool {
    (c < 0x20 && c != b'\t') || c == 0x7f
}

fn is_bare_key(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

impl<'de> Doc<'de> {
    /// `result`, remembering a failure.
    fn note<T>(&mut self, result: Res<T>) -> Res<T> {
        if result.is_err() {
            self.failed = true;
        }
        result
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn at(&self, s: &[u8]) -> bool {
        self.b[self.pos..].starts_with(s)
    }

    fn expect(&mut self, c: u8) -> Res<()> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// Spaces and tabs.
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// A comment from `#` up to (not including) the line end.
    fn comment(&mut self) -> Res<()> {
        self.pos += 1;
        loop {
            self.pos = bytescan::skip_plain(self.b, self.pos, b"");
            let Some(c) = self.peek() else { break };
            match c {
                b'\n' => return Ok(()),
                b'\r' if self.b.get(self.pos + 1) == Some(&b'\n') => return Ok(()),
                c if is_control(c) => return Err(GiveUp),
                _ => self.pos += 1,
            }
        }
        Ok(())
    }

    /// A line end (LF or CRLF), or the end of the text.
    fn newline(&mut self) -> Res<()> {
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'\r') if self.b.get(self.pos + 1) == Some(&b'\n') => {
                self.pos += 2;
                Ok(())
            }
            Some(_) => Err(GiveUp),
        }
    }

    /// The rest of a line after a value or header: blanks, a comment, the line end.
    fn end_of_line(&mut self) -> Res<()> {
        self.skip_ws();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        self.newline()
    }

    /// Blank and comment lines, stopping at the first other character of a line.
    fn skip_blank_lines(&mut self) -> Res<()> {
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'#') => {
                    self.comment()?;
                    self.newline()?;
                }
                Some(b'\n' | b'\r') => self.newline()?,
                _ => return Ok(()),
            }
        }
    }

    /// Blanks, line ends and comments between the elements of an array.
    fn skip_array_space(&mut self) -> Res<()> {
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n' | b'\r') => self.newline()?,
                _ => return Ok(()),
            }
        }
    }

    /// A bare or quoted key (not dotted).
    fn key(&mut self) -> Res<Cow<'de, str>> {
        match self.peek() {
            Some(b'"') => self.basic_string(),
            Some(b'\'') => self.literal_string(),
            Some(c) if is_bare_key(c) => {
                let start = self.pos;
                while self.peek().is_some_and(is_bare_key) {
                    self.pos += 1;
                }
                Ok(Cow::Borrowed(&self.text[start..self.pos]))
            }
            _ => Err(GiveUp),
        }
    }

    /// `key =` at the reading position, leaving it at the value.
    fn key_and_equals(&mut self) -> Res<Cow<'de, str>> {
        let key = self.key()?;
        self.skip_ws();
        self.expect(b'=')?;
        self.skip_ws();
        Ok(key)
    }

    /// The header at the reading position (which is at `[`), parsed once.
    fn peek_header(&mut self) -> Res<&Header<'de>> {
        if self.header.as_ref().is_none_or(|h| h.start != self.pos) {
            let header = self.parse_header()?;
            self.header = Some(header);
        }
        self.header.as_ref().ok_or(GiveUp)
    }

    /// Whether the header at the reading position is under the open header
    /// tables `path[..depth]` (a longer path that starts with them), and if so
    /// the key it gives the table at `depth` and what that key holds.
    fn header_under(&mut self, depth: usize) -> Res<Option<Next<'de>>> {
        self.peek_header()?;
        let header = self.header.as_ref().ok_or(GiveUp)?;
        if header.path.len() <= depth || header.path[..depth] != self.path[..depth] {
            return Ok(None);
        }
        let key = header.path[depth].clone();
        Ok(Some(match (header.path.len() == depth + 1, header.array) {
            (true, false) => Next::Table(key),
            (true, true) => Next::Array(key),
            (false, _) => Next::Implied(key, header.key_spans[depth].clone()),
        }))
    }

    /// Whether the header at the reading position opens one more table of
    /// the array of tables `path[..depth]`.
    fn header_continues(&mut self, depth: usize) -> Res<bool> {
        self.peek_header()?;
        let header = self.header.as_ref().ok_or(GiveUp)?;
        Ok(header.array && header.path[..] == self.path[..depth])
    }

    fn parse_header(&mut self) -> Res<Header<'de>> {
        let start = self.pos;
        self.expect(b'[')?;
        let array = self.peek() == Some(b'[');
        if array {
            self.pos += 1;
        }
        let mut path = Vec::new();
        let mut key_spans = Vec::new();
        loop {
            self.skip_ws();
            let key_start = self.pos;
            path.push(self.key()?);
            key_spans.push(key_start..self.pos);
            if path.len() > MAX_DEPTH {
                return Err(GiveUp);
            }
            self.skip_ws();
            if self.peek() == Some(b'.') {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.expect(b']')?;
        if array {
            self.expect(b']')?;
        }
        let span = start..self.pos;
        self.end_of_line()?;
        let next = self.pos;
        self.pos = start;
        Ok(Header {
            start,
            path,
            key_spans,
            array,
            span,
            next,
        })
    }

    /// Moves past the header at the reading position.
    fn take_header(&mut self) -> Res<Header<'de>> {
        self.peek_header()?;
        let header = self.header.take().ok_or(GiveUp)?;
        self.pos = header.next;
        Ok(header)
    }

    /// A string, integer, boolean or date, with its span.
    fn scalar(&mut self) -> Res<(Scalar<'de>, Range<usize>)> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'"') if self.at(b"\"\"\"") => Scalar::Str(self.multi_line_basic()?),
            Some(b'"') => Scalar::Str(self.basic_string()?),
            Some(b'\'') if self.at(b"'''") => Scalar::Str(self.multi_line_literal()?),
            Some(b'\'') => Scalar::Str(self.literal_string()?),
            Some(b't') if self.at(b"true") => {
                self.pos += 4;
                self.bare_end()?;
                Scalar::Bool(true)
            }
            Some(b'f') if self.at(b"false") => {
                self.pos += 5;
                self.bare_end()?;
                Scalar::Bool(false)
            }
            Some(b'0'..=b'9' | b'+' | b'-') => self.number_or_date()?,
            _ => return Err(GiveUp),
        };
        Ok((value, start..self.pos))
    }

    /// After a bare value: something that may follow a value.
    fn bare_end(&self) -> Res<()> {
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\r' | b'\n' | b',' | b']' | b'}' | b'#') => Ok(()),
            Some(_) => Err(GiveUp),
        }
    }

    fn digits(&self, from: usize, n: usize) -> bool {
        self.b
            .get(from..from + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    }

    /// A decimal integer, a local date (`2016-01-04`) or a local date-time
    /// (`2016-01-04T10:00:00`).
    fn number_or_date(&mut self) -> Res<Scalar<'de>> {
        let p = self.pos;
        if self.digits(p, 4)
            && self.b.get(p + 4) == Some(&b'-')
            && self.digits(p + 5, 2)
            && self.b.get(p + 7) == Some(&b'-')
            && self.digits(p + 8, 2)
        {
            let mut end = p + 10;
            if self.b.get(end) == Some(&b'T')
                && self.digits(end + 1, 2)
                && self.b.get(end + 3) == Some(&b':')
                && self.digits(end + 4, 2)
                && self.b.get(end + 6) == Some(&b':')
                && self.digits(end + 7, 2)
            {
                end += 9;
            }
            if !real_date_and_time(&self.b[p..end]) {
                return Err(GiveUp);
            }
            self.pos = end;
            self.bare_end()?;
            return Ok(Scalar::Datetime(&self.text[p..end]));
        }
        let negative = self.peek() == Some(b'-');
        if let Some(b'+' | b'-') = self.peek() {
            self.pos += 1;
        }
        let first = self.pos;
        let mut value: i64 = 0;
        loop {
            let Some(c @ b'0'..=b'9') = self.peek() else {
                return Err(GiveUp);
            };
            let d = i64::from(c - b'0');
            value = value.checked_mul(10).ok_or(GiveUp)?;
            value = if negative {
                value.checked_sub(d)
            } else {
                value.checked_add(d)
            }
            .ok_or(GiveUp)?;
            self.pos += 1;
            match self.peek() {
                Some(b'0'..=b'9') if self.b[first] == b'0' => return Err(GiveUp),
                Some(b'0'..=b'9') => {}
                Some(b'_') if self.b[first] != b'0' => self.pos += 1,
                _ => break,
            }
        }
        self.bare_end()?;
        Ok(Scalar::Int(value))
    }

    /// A `"basic string"` on one line; borrowed from the text when it has no escapes.
    fn basic_string(&mut self) -> Res<Cow<'de, str>> {
        self.pos += 1;
        let start = self.pos;
        loop {
            self.pos = bytescan::skip_plain(self.b, self.pos, b"\"\\");
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
                }
                Some(b'\\') => break,
                Some(c) if is_control(c) => return Err(GiveUp),
                Some(_) => self.pos += 1,
                None => return Err(GiveUp),
            }
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(c) if is_control(c) => return Err(GiveUp),
                Some(_) => self.run(&mut out, b"\"\\"),
                None => return Err(GiveUp),
            }
        }
    }

    /// Copies text up to the next control character or one of `stops`.
    fn run(&mut self, out: &mut String, stops: &[u8]) {
        let start = self.pos;
        self.pos = bytescan::skip_plain(self.b, self.pos, stops);
        while let Some(c) = self.peek() {
            if is_control(c) || stops.contains(&c) {
                break;
            }
            self.pos += 1;
        }
        out.push_str(&self.text[start..self.pos]);
    }

    /// An escape sequence at `\`.
    fn escape(&mut self, out: &mut String) -> Res<()> {
        let c = self.b.get(self.pos + 1).copied().ok_or(GiveUp)?;
        self.pos += 2;
        let ch = match c {
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'"' => '"',
            b'\\' => '\\',
            b'u' | b'U' => {
                let n = if c == b'u' { 4 } else { 8 };
                let hex = self.b.get(self.pos..self.pos + n).ok_or(GiveUp)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return Err(GiveUp);
                }
                let code = u32::from_str_radix(&self.text[self.pos..self.pos + n], 16)
                    .map_err(|_| GiveUp)?;
                self.pos += n;
                char::from_u32(code).ok_or(GiveUp)?
            }
            _ => return Err(GiveUp),
        };
        out.push(ch);
        Ok(())
    }

    /// A `'literal string'` on one line.
    fn literal_string(&mut self) -> Res<Cow<'de, str>> {
        self.pos += 1;
        let start = self.pos;
        loop {
            self.pos = bytescan::skip_plain(self.b, self.pos, b"'");
            match self.peek() {
                Some(b'\'') => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
                }
                Some(c) if is_control(c) => return Err(GiveUp),
                Some(_) => self.pos += 1,
                None => return Err(GiveUp),
            }
        }
    }

    /// Skips the line end right after an opening `"""` or `'''`.
    fn skip_first_newline(&mut self) -> Res<()> {
        match self.peek() {
            Some(b'\n') => self.pos += 1,
            Some(b'\r') => return Err(GiveUp),
            _ => {}
        }
        Ok(())
    }

    /// At a quote inside a multi-line string: how many quotes of the run
    /// belong to the text, and whether the run closes the string.
    fn quote_run(&self, quote: u8) -> Res<(usize, bool)> {
        let n = self.b[self.pos..]
            .iter()
            .take_while(|&&c| c == quote)
            .count();
        match n {
            0..=2 => Ok((n, false)),
            3..=5 => Ok((n - 3, true)),
            _ => Err(GiveUp),
        }
    }

    /// A `"""multi-line basic string"""`.
    fn multi_line_basic(&mut self) -> Res<Cow<'de, str>> {
        self.pos += 3;
        self.skip_first_newline()?;
        let mut out = String::new();
        loop {
            match self.peek() {
                Some(b'"') => {
                    let (n, closes) = self.quote_run(b'"')?;
                    out.extend(std::iter::repeat_n('"', n));
                    self.pos += n + if closes { 3 } else { 0 };
                    if closes {
                        return Ok(Cow::Owned(out));
                    }
                }
                Some(b'\\') => match self.b.get(self.pos + 1) {
                    Some(b' ' | b'\t' | b'\n' | b'\r') => self.line_ending_backslash()?,
                    _ => self.escape(&mut out)?,
                },
                Some(b'\n') => {
                    out.push('\n');
                    self.pos += 1;
                }
                Some(c) if is_control(c) => return Err(GiveUp),
                Some(_) => self.run(&mut out, b"\"\\\n"),
                None => return Err(GiveUp),
            }
        }
    }

    /// `\` at the end of a line in a multi-line basic string: it and all
    /// blanks and line ends after it are dropped.
    fn line_ending_backslash(&mut self) -> Res<()> {
        self.pos += 1;
        self.skip_ws();
        if self.peek() != Some(b'\n') {
            return Err(GiveUp);
        }
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\n' => self.pos += 1,
                b'\r' => return Err(GiveUp),
                _ => break,
            }
        }
        Ok(())
    }

    /// A `'''multi-line literal string'''`.
    fn multi_line_literal(&mut self) -> Res<Cow<'de, str>> {
        self.pos += 3;
        self.skip_first_newline()?;
        let start = self.pos;
        loop {
            match self.peek() {
                Some(b'\'') => {
                    let (n, closes) = self.quote_run(b'\'')?;
                    self.pos += n;
                    if closes {
                        let text = &self.text[start..self.pos];
                        self.pos += 3;
                        return Ok(Cow::Borrowed(text));
                    }
                }
                Some(b'\n') => self.pos += 1,
                Some(c) if is_control(c) => return Err(GiveUp),
                Some(_) => self.pos += 1,
                None => return Err(GiveUp),
            }
        }
    }
}

/// The keys a table has given so far: a repeat means the file is not one
/// this reader reads in one pass (or not valid TOML). The first few keys
/// that are slices of the text are compared one by one, without allocating;
/// the others go to a hash set, so a table of thousands of keys is not read
/// in quadratic time.
struct Keys<'de> {
    few: [&'de str; FEW_KEYS],
    n: usize,
    many: rustc_hash::FxHashSet<Cow<'de, str>>,
}

/// How many keys [`Keys`] compares one by one.
const FEW_KEYS: usize = 16;

impl Default for Keys<'_> {
    fn default() -> Self {
        Self {
            few: [""; FEW_KEYS],
            n: 0,
            many: rustc_hash::FxHashSet::default(),
        }
    }
}

impl<'de> Keys<'de> {
    /// `key`, given back unless it is a repeat.
    fn add(&mut self, key: Cow<'de, str>) -> Res<Cow<'de, str>> {
        if self.few[..self.n].contains(&&*key) || self.many.contains(&*key) {
            return Err(GiveUp);
        }
        match key {
            Cow::Borrowed(k) if self.n < FEW_KEYS => {
                self.few[self.n] = k;
                self.n += 1;
            }
            _ => {
                self.many.insert(key.clone());
            }
        }
        Ok(key)
    }
}

/// What every deserializer of this reader does alike: a value that is
/// there is `Some`, a newtype is its content, and what the deserializer
/// does not handle itself goes to `deserialize_any` (and `deserialize_enum`
/// too when listed).
macro_rules! shared_methods {
    ($($more:ident)*) => {
        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
            visitor.visit_some(self)
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Res<V::Value> {
            visitor.visit_newtype_struct(self)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
            ignored_any $($more)*
        }
    };
}

/// Deserializers that `serde_spanned`'s `SpannedDeserializer` can hand on.
macro_rules! into_self {
    ($($t:ty),*) => {
        $(
            impl<'de> IntoDeserializer<'de, GiveUp> for $t {
                type Deserializer = Self;
                fn into_deserializer(self) -> Self {
                    self
                }
            }
        )*
    };
}

into_self!(
    ScalarDe<'de>,
    ValueDe<'_, 'de>,
    TableDe<'_, 'de>,
    ArrayOfTablesDe<'_, 'de>
);

/// The `MapAccess` of a reader whose `key` and `value` do the work: once
/// reading has failed, no more keys (see `Doc::failed`).
macro_rules! guarded_map_access {
    ($($t:ident),*) => {
        $(
            impl<'de> MapAccess<'de> for $t<'_, 'de> {
                type Error = GiveUp;

                fn next_key_seed<K: DeserializeSeed<'de>>(
                    &mut self,
                    seed: K,
                ) -> Res<Option<K::Value>> {
                    if self.doc.failed {
                        return Ok(None);
                    }
                    let result = self.key(seed);
                    self.doc.note(result)
                }

                fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
                    if self.doc.failed {
                        return Err(GiveUp);
                    }
                    let result = self.value(seed);
                    self.doc.note(result)
                }
            }
        )*
    };
}

/// The `SeqAccess` of a reader whose `element` does the work: once reading
/// has failed, no more elements.
macro_rules! guarded_seq_access {
    ($($t:ident),*) => {
        $(
            impl<'de> SeqAccess<'de> for $t<'_, 'de> {
                type Error = GiveUp;

                fn next_element_seed<T: DeserializeSeed<'de>>(
                    &mut self,
                    seed: T,
                ) -> Res<Option<T::Value>> {
                    if self.doc.failed {
                        return Ok(None);
                    }
                    let result = self.element(seed);
                    self.doc.note(result)
                }

                fn size_hint(&self) -> Option<usize> {
                    self.hint()
                }
            }
        )*
    };
}

guarded_map_access!(InlineAccess, TableAccess);
guarded_seq_access!(ArrayAccess, ArrayOfTablesAccess);

/// A key handed to serde (a field name or a map key).
struct KeyDe<'de>(Cow<'de, str>);

impl<'de> Deserializer<'de> for KeyDe<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        match self.0 {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A scalar already read, handed to serde.
struct ScalarDe<'de>(Scalar<'de>);

impl<'de> Deserializer<'de> for ScalarDe<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        match self.0 {
            Scalar::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Scalar::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Scalar::Int(n) => visitor.visit_i64(n),
            Scalar::Bool(b) => visitor.visit_bool(b),
            Scalar::Datetime(d) => visitor.visit_map(DatetimeText(Some(d))),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        // A span is asked for before the value is read (see ValueDe).
        if serde_spanned::de::is_spanned(name) {
            return Err(GiveUp);
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        match self.0 {
            Scalar::Str(Cow::Borrowed(s)) => {
                visitor.visit_enum(BorrowedStrDeserializer::<GiveUp>::new(s))
            }
            Scalar::Str(Cow::Owned(s)) => visitor.visit_enum(StringDeserializer::<GiveUp>::new(s)),
            _ => Err(GiveUp),
        }
    }

    shared_methods!();
}

/// The value at the reading position: a scalar, an array or an inline table.
struct ValueDe<'r, 'de> {
    doc: &'r mut Doc<'de>,
    /// How deep in arrays and inline tables this value is.
    depth: usize,
}

impl<'de> Deserializer<'de> for ValueDe<'_, 'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let depth = self.depth + 1;
        match self.doc.peek() {
            Some(b'[') if depth <= MAX_DEPTH => {
                self.doc.pos += 1;
                let mut access = ArrayAccess {
                    doc: self.doc,
                    depth,
                    done: false,
                };
                let value = visitor.visit_seq(&mut access)?;
                if access.done { Ok(value) } else { Err(GiveUp) }
            }
            Some(b'{') if depth <= MAX_DEPTH => {
                self.doc.pos += 1;
                let mut access = InlineAccess {
                    doc: self.doc,
                    depth,
                    keys: Keys::default(),
                    first: true,
                    done: false,
                };
                let value = visitor.visit_map(&mut access)?;
                if access.done { Ok(value) } else { Err(GiveUp) }
            }
            Some(b'[' | b'{') => Err(GiveUp),
            _ => ScalarDe(self.doc.scalar()?.0).deserialize_any(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        if !serde_spanned::de::is_spanned(name) {
            return self.deserialize_any(visitor);
        }
        if let Some(b'[' | b'{') = self.doc.peek() {
            // The span of an array or inline table is known once it has been
            // read: read it once to find its end, then again for the value.
            let start = self.doc.pos;
            ValueDe {
                doc: self.doc,
                depth: self.depth,
            }
            .deserialize_ignored_any(de::IgnoredAny)?;
            let span = start..self.doc.pos;
            self.doc.pos = start;
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        let (scalar, span) = self.doc.scalar()?;
        visitor.visit_map(SpannedDeserializer::new(ScalarDe(scalar), span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        ScalarDe(self.doc.scalar()?.0).deserialize_enum(name, variants, visitor)
    }

    shared_methods!();
}

/// The elements of `[ ... ]`, after the `[`.
struct ArrayAccess<'r, 'de> {
    doc: &'r mut Doc<'de>,
    depth: usize,
    /// The closing `]` has been read.
    done: bool,
}

impl<'de> ArrayAccess<'_, 'de> {
    #[allow(clippy::unused_self)]
    fn hint(&self) -> Option<usize> {
        None
    }

    fn element<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Res<Option<T::Value>> {
        if self.done {
            return Ok(None);
        }
        self.doc.skip_array_space()?;
        if self.doc.peek() == Some(b']') {
            self.doc.pos += 1;
            self.done = true;
            return Ok(None);
        }
        let value = seed.deserialize(ValueDe {
            doc: self.doc,
            depth: self.depth,
        })?;
        self.doc.skip_array_space()?;
        match self.doc.peek() {
            Some(b',') => self.doc.pos += 1,
            Some(b']') => {}
            _ => return Err(GiveUp),
        }
        Ok(Some(value))
    }
}

/// The keys and values of `{ ... }` on one line, after the `{`.
struct InlineAccess<'r, 'de> {
    doc: &'r mut Doc<'de>,
    depth: usize,
    keys: Keys<'de>,
    first: bool,
    /// The closing `}` has been read.
    done: bool,
}

impl<'de> InlineAccess<'_, 'de> {
    fn key<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        if self.done {
            return Ok(None);
        }
        self.doc.skip_ws();
        if !self.first {
            match self.doc.peek() {
                Some(b',') => {
                    self.doc.pos += 1;
                    self.doc.skip_ws();
                }
                Some(b'}') => {
                    self.doc.pos += 1;
                    self.done = true;
                    return Ok(None);
                }
                _ => return Err(GiveUp),
            }
        } else if self.doc.peek() == Some(b'}') {
            self.doc.pos += 1;
            self.done = true;
            return Ok(None);
        }
        self.first = false;
        let key = self.keys.add(self.doc.key_and_equals()?)?;
        seed.deserialize(KeyDe(key)).map(Some)
    }

    fn value<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        seed.deserialize(ValueDe {
            doc: self.doc,
            depth: self.depth,
        })
    }
}

/// A table opened by a header (or the root table, or a table a longer
/// header implies: `[a.b]` with no `[a]` before it).
struct TableDe<'r, 'de> {
    doc: &'r mut Doc<'de>,
    /// The length of the table's header path (0 for the root table).
    depth: usize,
    /// The header (empty for the root and implied tables).
    span: Range<usize>,
}

impl<'de> Deserializer<'de> for TableDe<'_, 'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let mut access = TableAccess {
            doc: self.doc,
            depth: self.depth,
            keys: Keys::default(),
            in_headers: false,
            done: false,
            next: Next::Nothing,
        };
        let value = visitor.visit_map(&mut access)?;
        if access.done { Ok(value) } else { Err(GiveUp) }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Res<V::Value> {
        Err(GiveUp)
    }

    shared_methods!();
}

/// What the value of the key just given is.
enum Next<'de> {
    Nothing,
    /// A value on the key's line.
    Value,
    /// A table under the header at the reading position.
    Table(Cow<'de, str>),
    /// A table implied by a longer header at the reading position, and the
    /// span of its key there.
    Implied(Cow<'de, str>, Range<usize>),
    /// An array of tables starting with the header at the reading position.
    Array(Cow<'de, str>),
}

/// The keys of a table: first its key/value lines, then the headers under it.
struct TableAccess<'r, 'de> {
    doc: &'r mut Doc<'de>,
    depth: usize,
    keys: Keys<'de>,
    /// The key/value lines are read; headers follow.
    in_headers: bool,
    /// Everything of the table has been given.
    done: bool,
    next: Next<'de>,
}

impl<'de> TableAccess<'_, 'de> {
    fn key<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        if self.done {
            return Ok(None);
        }
        self.doc.skip_blank_lines()?;
        match self.doc.peek() {
            None => {
                self.done = true;
                return Ok(None);
            }
            Some(b'[') => self.in_headers = true,
            Some(_) if self.in_headers => return Err(GiveUp),
            Some(_) => {
                let key = self.keys.add(self.doc.key_and_equals()?)?;
                self.next = Next::Value;
                return seed.deserialize(KeyDe(key)).map(Some);
            }
        }
        let Some(next) = self.doc.header_under(self.depth)? else {
            self.done = true;
            return Ok(None);
        };
        let (Next::Table(key) | Next::Array(key) | Next::Implied(key, _)) = &next else {
            return Err(GiveUp);
        };
        let key = self.keys.add(key.clone())?;
        self.next = next;
        seed.deserialize(KeyDe(key)).map(Some)
    }

    fn value<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        let depth = self.depth;
        let (key, span) = match std::mem::replace(&mut self.next, Next::Nothing) {
            Next::Nothing => return Err(GiveUp),
            Next::Value => {
                let value = seed.deserialize(ValueDe {
                    doc: self.doc,
                    depth: 0,
                })?;
                self.doc.end_of_line()?;
                return Ok(value);
            }
            Next::Array(key) => {
                let span = self.doc.peek_header()?.span.clone();
                self.doc.path.truncate(depth);
                self.doc.path.push(key);
                let value = seed.deserialize(ArrayOfTablesDe {
                    doc: self.doc,
                    depth: depth + 1,
                    span,
                });
                self.doc.path.truncate(depth);
                return value;
            }
            Next::Table(key) => (key, self.doc.take_header()?.span),
            Next::Implied(key, span) => (key, span),
        };
        self.doc.path.truncate(depth);
        self.doc.path.push(key);
        let value = seed.deserialize(TableDe {
            doc: self.doc,
            depth: depth + 1,
            span,
        });
        self.doc.path.truncate(depth);
        value
    }
}

/// The tables of consecutive `[[key]]` headers.
struct ArrayOfTablesDe<'r, 'de> {
    doc: &'r mut Doc<'de>,
    /// The length of the headers' path.
    depth: usize,
    /// The first header.
    span: Range<usize>,
}

impl<'de> Deserializer<'de> for ArrayOfTablesDe<'_, 'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let mut access = ArrayOfTablesAccess {
            doc: self.doc,
            depth: self.depth,
            done: false,
        };
        let value = visitor.visit_seq(&mut access)?;
        if access.done { Ok(value) } else { Err(GiveUp) }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        self.deserialize_any(visitor)
    }

    shared_methods!(enum);
}

struct ArrayOfTablesAccess<'r, 'de> {
    doc: &'r mut Doc<'de>,
    depth: usize,
    done: bool,
}

impl<'de> ArrayOfTablesAccess<'_, 'de> {
    /// How many tables follow, when the caller counted them.
    fn hint(&self) -> Option<usize> {
        if self.depth != 1 {
            return None;
        }
        let key = self.doc.path.first()?;
        let &(_, n) = self.doc.counts.iter().find(|(k, _)| k == key)?;
        Some(n)
    }

    fn element<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Res<Option<T::Value>> {
        if self.done {
            return Ok(None);
        }
        self.doc.skip_blank_lines()?;
        let depth = self.depth;
        let next = self.doc.peek() == Some(b'[') && self.doc.header_continues(depth)?;
        if !next {
            self.done = true;
            return Ok(None);
        }
        let span = self.doc.take_header()?.span;
        seed.deserialize(TableDe {
            doc: self.doc,
            depth,
            span,
        })
        .map(Some)
    }
}

/// The check of this reader against the `toml` crate, value for value and
/// span for span, shared by the unit tests and the `toml_direct` fuzz target.
#[doc(hidden)]
pub mod check {
    use std::fmt;
    use std::ops::Range;

    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer};
    use serde_spanned::Spanned;

    use super::from_str;

    /// Any TOML value with the span of every value in it: what both readers
    /// give is compared through this.
    #[derive(Debug, PartialEq)]
    pub enum Any {
        Bool(bool),
        Int(i64),
        Float(String),
        Str(String),
        Datetime(String),
        Array(Vec<(Range<usize>, Any)>),
        /// Sorted by key: the `toml` crate gives keys in order, this reader
        /// as they come in the file.
        Table(Vec<(String, Range<usize>, Any)>),
    }

    impl<'de> Deserialize<'de> for Any {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Any;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("any TOML value")
                }
                fn visit_bool<E>(self, v: bool) -> Result<Any, E> {
                    Ok(Any::Bool(v))
                }
                fn visit_i64<E>(self, v: i64) -> Result<Any, E> {
                    Ok(Any::Int(v))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Any, E> {
                    i64::try_from(v).map(Any::Int).map_err(E::custom)
                }
                fn visit_f64<E>(self, v: f64) -> Result<Any, E> {
                    Ok(Any::Float(format!("{v:?}")))
                }
                fn visit_str<E>(self, v: &str) -> Result<Any, E> {
                    Ok(Any::Str(v.to_owned()))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Any, A::Error> {
                    let mut out = Vec::new();
                    while let Some(v) = a.next_element::<Spanned<Any>>()? {
                        out.push((v.span(), v.into_inner()));
                    }
                    Ok(Any::Array(out))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Any, A::Error> {
                    let mut out = Vec::new();
                    while let Some(k) = a.next_key::<String>()? {
                        if k == "$__toml_private_datetime" {
                            return Ok(Any::Datetime(a.next_value()?));
                        }
                        let v = a.next_value::<Spanned<Any>>()?;
                        out.push((k, v.span(), v.into_inner()));
                    }
                    out.sort_by(|a, b| a.0.cmp(&b.0));
                    Ok(Any::Table(out))
                }
            }
            d.deserialize_any(V)
        }
    }

    /// What the `toml` crate reads from `text`.
    pub fn by_toml(text: &str) -> Option<Any> {
        toml::from_str::<Any>(text).ok()
    }

    /// Whether this reader read `text` (`Ok(false)`: it gave up); an error
    /// when it read it otherwise than the `toml` crate, value or span.
    pub fn agrees(text: &str) -> Result<bool, String> {
        let Some(direct) = from_str::<Any>(text) else {
            return Ok(false);
        };
        match by_toml(text) {
            None => Err(format!("read a file the toml crate refuses:\n{text}")),
            Some(toml) if toml != direct => Err(format!(
                "read otherwise than the toml crate:\n{text}\ndirect: {direct:?}\ntoml:   {toml:?}"
            )),
            Some(_) => Ok(true),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};

    use proptest::prelude::*;
    use serde::de::MapAccess;

    use super::check::{Any, by_toml};
    use super::*;
    use crate::model::Meeting;

    /// [`check::agrees`], failing the test on a disagreement.
    fn agrees(text: &str) -> bool {
        check::agrees(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                toml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_meeting_file_of_the_project_is_read_directly_and_alike() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        toml_files(&root.join("schedules"), &mut files);
        toml_files(&root.join("tests"), &mut files);
        assert!(files.len() > 50, "{} files", files.len());
        let mut meetings = 0;
        for path in &files {
            let Ok(text) = String::from_utf8(std::fs::read(path).unwrap()) else {
                continue;
            };
            let toml = toml::from_str::<Meeting>(&text);
            let direct = from_str::<Meeting>(&text);
            match (&toml, &direct) {
                (Ok(t), Some(d)) => {
                    assert_eq!(format!("{d:?}"), format!("{t:?}"), "{}", path.display());
                    meetings += 1;
                }
                (Ok(_), None) => panic!("{}: not read directly", path.display()),
                (Err(_), Some(_)) => panic!("{}: read a bad file", path.display()),
                (Err(_), None) => {}
            }
            // As plain TOML (bad files included): read alike, or left to
            // the toml crate (a float, say).
            if from_str::<Any>(&text).is_some() {
                assert!(agrees(&text), "{}", path.display());
            }
        }
        assert!(meetings > 30, "{meetings} meeting files");
    }

    #[test]
    fn values_and_spans_are_the_toml_crates() {
        let text = concat!(
            "# a comment\r\n",
            "a = \"x\\t\\u00e9\\U0001F600\\\"\"   # c\n",
            "\"quoted key\" = 'lit \\ eral'\n",
            "'' = \"empty key\"\n",
            "ml = \"\"\"\nline one\n  \"two\" \"\"\\\n   \n  three\"\"\"\"\"\n",
            "lit = '''\n\\raw 'quoted' ''\n'''\n",
            "d = 2016-01-04\n",
            "dt = 2016-01-04T10:00:00\n",
            "n = [ -12, +3, 0, 1_000, 9223372036854775807, -9223372036854775808 ]\n",
            "nested = [[1, 2], [\"a\", [true]], [], { x = 1 }, {}]\n",
            "multi = [\n  1, # one\n\n  2,\n]\n",
            "inline = { x = 1, y = \"z\", sub = { w = [false] } }\n",
            "\n[t]\nk = true\n",
            "[t.sub]\nm = 2\n",
            "[ t . 'deep' . \"er\" ]\nq = 1\n",
            "[[arr]]\nn = 1\n",
            "[arr.sub]\nm = 2\n",
            "[[arr.list]]\nx = 1\n",
            "[[arr.list]]\nx = 2\n",
            "[[arr]]\nn = 3\n",
            "[implied.only.here]\nv = 'x'\n",
        );
        assert!(agrees(text));
    }

    #[test]
    fn what_toml_forbids_is_never_read() {
        let cases = [
            "a = 1\na = 2\n",
            "[t]\n[t]\n",
            "[[t]]\n[t]\n",
            "[t]\n[[t]]\n",
            "t = { x = 1 }\n[t.y]\n",
            "t = []\n[[t]]\n",
            "[t]\nx = 1\n[t.x]\n",
            "a = { x = 1, x = 2 }\n",
            "a = \"tab\tok but not nul\0\"\n",
            "a = 'del\u{7f}'\n",
            "a = \"\\q\"\n",
            "a = \"\\ud800\"\n",
            "a = \"unclosed\n",
            "a = \"\"\"never closed\n",
            "a = '''a''''''\n",
            "a = 01\n",
            "a = 1__2\n",
            "a = _1\n",
            "a = 1_\n",
            "a = 9223372036854775808\n",
            "a = 2016-02-30\n",
            "a = 2016-13-01\n",
            "a = 1 b = 2\n",
            "a = truex\n",
            "a = [1 2]\n",
            "a = [,]\n",
            "a =\n",
            "= 1\n",
            "[t\n",
            "[[t]\n",
            "[t]]\n",
            "[ [t] ]\n",
            "a = 1 # nul \0 in a comment\n",
            "a = 1\r",
            "a = 1\rb = 2\n",
        ];
        for text in cases {
            assert!(by_toml(text).is_none(), "the toml crate reads {text:?}");
            assert!(from_str::<Any>(text).is_none(), "read {text:?}");
        }
    }

    #[test]
    fn toml_this_reader_leaves_to_the_toml_crate() {
        // Valid TOML, read by the `toml` crate when the file has it.
        let cases = [
            "a.b = 1\n",
            "x = 1.5\n",
            "x = 0x1F\n",
            "x = inf\n",
            "x = 10:00:00\n",
            "x = 2016-01-04T10:00:00Z\n",
            "x = 2016-01-04T10:00:00.5\n",
            "x = 2016-01-04 10:00:00\n",
            "x = { a = 1,\n b = 2 }\n",
            "x = { a = 1, }\n",
            "[a]\nx = 1\n[b]\n[a.c]\n",
            "[a.c]\n[a]\nx = 1\n",
            "x = \"\"\"\r\nwindows\r\n\"\"\"\n",
        ];
        for text in cases {
            assert!(by_toml(text).is_some(), "the toml crate refuses {text:?}");
            assert!(from_str::<Any>(text).is_none(), "read {text:?}");
        }
    }

    /// Every value an integer, or `None` where it is not one: a visitor
    /// that drops errors and reads on.
    #[derive(Debug, PartialEq)]
    struct Lenient(Vec<(String, Option<i64>)>);

    impl<'de> Deserialize<'de> for Lenient {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> de::Visitor<'de> for V {
                type Value = Lenient;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a table")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Lenient, A::Error> {
                    let mut out = Vec::new();
                    while let Some(k) = a.next_key::<String>()? {
                        out.push((k, a.next_value::<i64>().ok()));
                    }
                    out.sort();
                    Ok(Lenient(out))
                }
            }
            d.deserialize_map(V)
        }
    }

    #[test]
    fn a_visitor_that_drops_errors_cannot_make_it_read_on() {
        // Each of these fails in the middle of a value; reading on from
        // there would find `x = 1` (or `b = 1`) as a new key.
        for text in [
            "a = 0x = 1\n",
            "a = 1e = 2\n",
            "a = \"\\e\" = 1\n",
            "a = 2016-01-04T10:00:00Zb = 1\n",
        ] {
            assert!(toml::from_str::<Lenient>(text).is_err(), "{text:?}");
            assert_eq!(from_str::<Lenient>(text), None, "{text:?}");
        }
        // An error of the visitor's own (a string is not an integer) is
        // treated alike: this reader gives up, the toml crate reads on.
        let text = "a = 'x'\nb = 2\n";
        assert!(toml::from_str::<Lenient>(text).is_ok());
        assert_eq!(from_str::<Lenient>(text), None);
    }

    #[test]
    fn tables_of_many_keys_are_read_and_repeats_found() {
        let mut text = String::from("[t]\n");
        for i in 0..500 {
            let _ = writeln!(text, "k{i} = {i}");
        }
        assert!(agrees(&text));
        for repeat in ["k3", "k17", "k499"] {
            let bad = format!("{text}{repeat} = 0\n");
            assert!(by_toml(&bad).is_none());
            assert!(from_str::<Any>(&bad).is_none(), "{repeat}");
        }
    }

    #[test]
    fn dates_are_passed_under_toml_datetimes_key() {
        struct FirstKey;
        impl<'de> de::Visitor<'de> for FirstKey {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<String, A::Error> {
                a.next_key::<String>().map(Option::unwrap_or_default)
            }
        }
        let date = "2016-01-04".parse::<toml_datetime::Datetime>().unwrap();
        let mut map = toml_datetime::de::DatetimeDeserializer::<GiveUp>::new(date);
        assert_eq!(
            de::Visitor::visit_map(FirstKey, &mut map).unwrap(),
            DATETIME_FIELD
        );
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        for (text, real) in [
            ("2016-02-29", true),
            ("2015-02-29", false),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2016-04-31", false),
            ("2016-12-31", true),
            ("2016-00-10", false),
            ("2016-13-10", false),
            ("2016-01-00", false),
            ("2016-01-04T23:59:59", true),
            ("2016-01-04T24:00:00", false),
            ("2016-01-04T10:60:00", false),
            ("2016-01-04T10:00:60", false),
        ] {
            assert_eq!(real_date_and_time(text.as_bytes()), real, "{text}");
            let file = format!("d = {text}\n");
            assert_eq!(from_str::<Any>(&file).is_some(), real, "{text}");
            if real {
                assert!(agrees(&file));
            }
        }
    }

    #[test]
    fn deep_nesting_is_left_to_the_toml_crate() {
        let deep = format!("a = {}1{}\n", "[".repeat(40), "]".repeat(40));
        assert!(from_str::<Any>(&deep).is_none());
        let ok = format!("a = {}1{}\n", "[".repeat(20), "]".repeat(20));
        assert!(agrees(&ok));
        let long = format!("[{}]\n", vec!["k"; 40].join("."));
        assert!(from_str::<Any>(&long).is_none());
    }

    /// Pieces random files are made of: every construct this reader reads,
    /// with keys from a small set so that repeats happen.
    fn piece(choice: u8, i: usize) -> String {
        // Mostly distinct keys, so that most files are valid; a few repeat.
        let distinct = format!("k{i}");
        let k = match i % 8 {
            0 => "a",
            3 => "\"q k\"",
            5 => "'lit'",
            _ => &distinct,
        };
        match choice {
            0 => format!("{k} = \"s{i} \\\" \\\\ \\u00e9 x\"\n"),
            1 => format!("{k} = 'l{i} \\ \"'  # comment\n"),
            2 => format!("{k} = \"\"\"\n m{i} \"\" \\\n   \n end\"\"\"\n"),
            3 => format!("{k} = '''\nraw {i} '' \n'''\n"),
            4 => format!("{k} = {}\n", i64::try_from(i).unwrap_or(0) * 1_001 - 500),
            5 => format!("{k} = 2016-01-{:02}\n", i % 28 + 1),
            6 => format!("{k} = 2016-01-04T{:02}:30:00\n", i % 24),
            7 => format!("{k} = [\n  {i}, # c\n  \"x\",\n  [true, false],\n]\n"),
            8 => format!("{k} = {{ x = {i}, y = 'y', z = {{}} }}\n"),
            9 => format!("\n[t{}]\n", i % 3),
            10 => format!("[[r{}]]\n", i % 2),
            11 => format!("[t{}.s{}]\n", i % 3, i % 2),
            12 => format!("[[t{}.l]]\n", i % 3),
            13 => "# only a comment\r\n\n".to_owned(),
            _ => format!("  {k}\t=\t{i}\t\r\n"),
        }
    }

    fn file(pieces: &[u8]) -> String {
        let mut text = String::new();
        for (i, &p) in pieces.iter().enumerate() {
            text.push_str(&piece(p, i));
        }
        text
    }

    proptest! {
        // PROPTEST_CASES=100000 for a longer hunt.
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512)
        ))]

        /// Random files: this reader gives exactly what the `toml` crate
        /// gives, or gives up.
        #[test]
        fn random_files_read_alike(pieces in prop::collection::vec(0u8..15, 0..40)) {
            let text = file(&pieces);
            if from_str::<Any>(&text).is_some() {
                prop_assert!(agrees(&text));
            }
        }

        /// Random files with random edits (quotes, brackets, escapes, control
        /// characters, line ends...): whatever this reader accepts, the
        /// `toml` crate accepts and reads alike.
        #[test]
        fn damaged_files_are_read_alike_or_not_at_all(
            pieces in prop::collection::vec(0u8..15, 1..20),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..24, 0u8..3), 1..4),
        ) {
            const ALPHABET: [char; 24] = [
                '"', '\'', '\\', '[', ']', '{', '}', '=', ',', '.', '#', '\n', '\r', ' ',
                '\t', '0', '_', '-', ':', 'T', 'a', '\0', '\u{7f}', 'é',
            ];
            let mut chars: Vec<char> = file(&pieces).chars().collect();
            for (at, c, kind) in edits {
                let i = at.index(chars.len() + 1);
                match kind {
                    0 => chars.insert(i, ALPHABET[c]),
                    1 if i < chars.len() => { chars.remove(i); }
                    _ if i < chars.len() => chars[i] = ALPHABET[c],
                    _ => chars.push(ALPHABET[c]),
                }
            }
            let text: String = chars.into_iter().collect();
            if from_str::<Any>(&text).is_some() {
                prop_assert!(agrees(&text));
            }
        }

        /// Files of unique keys and contiguous tables, as meeting files are:
        /// always read here, never left to the `toml` crate.
        #[test]
        fn plain_files_are_read_directly(n in 0usize..30, sessions in 0usize..30) {
            let mut text = String::from("[meeting]\n");
            for i in 0..n {
                let _ = writeln!(text, "k{i} = {}", piece(u8::try_from(i % 9).unwrap_or(0), i).split_once(" = ").map_or("1", |p| p.1).trim_end());
            }
            for s in 0..sessions {
                let _ = write!(text, "\n[[sessions]]\nid = \"S{s}\"\nitems = [\"1\", \"2\"]\n");
                if s % 3 == 0 {
                    let _ = write!(text, "[sessions.extra]\nnote = '''\nx\n'''\n");
                }
            }
            prop_assert!(agrees(&text), "{}", text);
        }
    }
}
