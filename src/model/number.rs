//! Agenda item numbers and contribution (Tdoc) numbers.
//!
//! Both are kept as the text the user wrote, because that text is what
//! appears in agendas and minutes; both are parsed into parts so they sort
//! and compare the way a chair expects (`9.3 < 9.10`, `SEC-2014-0243R01` is a
//! revision of `SEC-2014-0243`).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// Deepest agenda numbering accepted (`1.2.3.4.5.6.7.8`); 3GPP goes to about 5.
pub const MAX_AGENDA_DEPTH: usize = 8;

/// An agenda item number such as `7` or `9.3.10`, kept as text and ordered
/// part by part numerically.
///
/// ```
/// use agendum::model::number::AgendaNumber;
/// let a = AgendaNumber::parse("9.3").unwrap();
/// let b = AgendaNumber::parse("9.10").unwrap();
/// assert!(a < b, "9.3 comes before 9.10");
/// assert_eq!(b.as_str(), "9.10");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AgendaNumber {
    text: String,
    parts: Vec<(u32, String)>,
}

impl AgendaNumber {
    /// Parses `7`, `7.1`, `9.3.10`; a part may carry a letter suffix (`5a`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("an agenda number cannot be empty: write e.g. \"7.1\"".into());
        }
        let mut parts = Vec::new();
        for part in t.split('.') {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            let suffix = &part[digits.len()..];
            let number = digits.parse::<u32>().ok().filter(|_| digits.len() <= 6);
            let suffix_ok = suffix.chars().all(|c| c.is_ascii_lowercase()) && suffix.len() <= 3;
            match number {
                Some(n) if suffix_ok => parts.push((n, suffix.to_string())),
                _ => {
                    return Err(format!(
                        "`{t}` is not an agenda number: write numbers separated by dots, e.g. \"7.1\" or \"9.3.10\""
                    ));
                }
            }
        }
        if parts.len() > MAX_AGENDA_DEPTH {
            return Err(format!(
                "`{t}` is nested {} levels deep; agendum accepts at most {MAX_AGENDA_DEPTH}",
                parts.len()
            ));
        }
        Ok(Self {
            text: t.to_string(),
            parts,
        })
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of levels (`7.1` has 2).
    pub fn depth(&self) -> usize {
        self.parts.len()
    }

    /// Whether `self` is `other` or an item under it (`7.1` is within `7`).
    pub fn is_within(&self, other: &AgendaNumber) -> bool {
        self.parts.len() >= other.parts.len() && self.parts[..other.parts.len()] == other.parts[..]
    }

    /// The parent number (`7` for `7.1`), if any.
    pub fn parent(&self) -> Option<AgendaNumber> {
        let n = self.parts.len();
        (n > 1).then(|| {
            let text = self
                .text
                .rsplit_once('.')
                .map_or("", |(a, _)| a)
                .to_string();
            AgendaNumber {
                text,
                parts: self.parts[..n - 1].to_vec(),
            }
        })
    }
}

impl Ord for AgendaNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts.cmp(&other.parts)
    }
}

impl PartialOrd for AgendaNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for AgendaNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for AgendaNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AgendaNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an agenda number as text, e.g. \"7.1\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<AgendaNumber, E> {
                AgendaNumber::parse(s).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<AgendaNumber, E> {
                AgendaNumber::parse(&n.to_string()).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<AgendaNumber, E> {
                AgendaNumber::parse(&n.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<AgendaNumber, E> {
                Err(E::custom(format!(
                    "agenda number {n} is written as a decimal number; write it as text, \"{n}\", because as a number 9.10 would read as 9.1"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for AgendaNumber {
    fn schema_name() -> Cow<'static, str> {
        "AgendaNumber".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "integer"],
            "pattern": "^[0-9]+[a-z]*(\\.[0-9]+[a-z]*)*$",
            "description": "An agenda item number as text, e.g. \"7.1\" or \"9.3.10\"."
        })
    }
}

/// What a valid contribution number looks like, for error messages.
pub const CONTRIBUTION_NUMBER_FORMS: &str = "write GROUP-YEAR-NUMBER with an optional revision (oneM2M/ETSI, e.g. \"SEC-2014-0243R01\"), a 3GPP Tdoc (\"R1-2301234\", \"S3-240123r01\"), or an IETF draft name (\"draft-ietf-calext-jscalendar-32\")";

/// The numbering scheme a contribution number follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// oneM2M and ETSI: `SEC-2014-0243`, revisions `R01`.
    OneM2m,
    /// 3GPP: `R1-2301234`, `S3-240123`; drafts `r01`.
    ThreeGpp,
    /// IETF drafts and RFCs: `draft-ietf-foo-bar-03`, `rfc5545`.
    Ietf,
}

/// A contribution number with its optional revision suffix, e.g.
/// `SEC-2014-0243R01` (base `SEC-2014-0243`, revision 1).
///
/// ```
/// use agendum::model::number::ContributionNumber;
/// let n = ContributionNumber::parse("SEC-2014-0243R01").unwrap();
/// assert_eq!((n.base(), n.revision()), ("SEC-2014-0243", Some(1)));
/// assert_eq!(n.resolve_revision("R02").unwrap().as_str(), "SEC-2014-0243R02");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ContributionNumber {
    text: String,
    base_len: usize,
    revision: Option<u16>,
}

impl ContributionNumber {
    /// Parses a contribution number in one of the supported schemes.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        Self::parse_onem2m(t)
            .or_else(|| Self::parse_3gpp(t))
            .or_else(|| Self::parse_ietf(t))
            .ok_or_else(|| format!("`{t}` is not a contribution number"))
    }

    fn with_revision(t: &str, marker: char) -> (&str, Option<u16>) {
        if let Some(pos) = t.rfind(marker) {
            let digits = &t[pos + 1..];
            if digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()) {
                return (&t[..pos], digits.parse().ok());
            }
        }
        (t, None)
    }

    fn parse_onem2m(t: &str) -> Option<Self> {
        let (base, revision) = Self::with_revision(t, 'R');
        let mut parts = base.split('-');
        let group = parts.next()?;
        let year = parts.next()?;
        let serial = parts.next()?;
        let ok = parts.next().is_none()
            && (2..=10).contains(&group.len())
            && group.starts_with(|c: char| c.is_ascii_uppercase())
            && group
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && (3..=5).contains(&serial.len())
            && serial.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| Self {
            text: t.to_string(),
            base_len: base.len(),
            revision,
        })
    }

    fn parse_3gpp(t: &str) -> Option<Self> {
        let (base, revision) = Self::with_revision(t, 'r');
        let (prefix, serial) = base.split_once('-')?;
        let ok = (1..=3).contains(&prefix.len())
            && prefix.starts_with(|c: char| c.is_ascii_uppercase())
            && prefix
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && (5..=8).contains(&serial.len())
            && serial.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| Self {
            text: t.to_string(),
            base_len: base.len(),
            revision,
        })
    }

    fn parse_ietf(t: &str) -> Option<Self> {
        let word_ok = |w: &str| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        };
        if let Some(rest) = t.strip_prefix("rfc") {
            return (!rest.is_empty()
                && rest.len() <= 5
                && rest.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Self {
                text: t.to_string(),
                base_len: t.len(),
                revision: None,
            });
        }
        let rest = t.strip_prefix("draft-")?;
        if t.len() > 120 || !rest.split('-').all(word_ok) {
            return None;
        }
        let (base, revision) = match t.rsplit_once('-') {
            Some((b, r)) if r.len() == 2 && r.bytes().all(|x| x.is_ascii_digit()) => {
                (b, r.parse().ok())
            }
            _ => (t, None),
        };
        Some(Self {
            text: t.to_string(),
            base_len: base.len(),
            revision,
        })
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The number without its revision suffix.
    pub fn base(&self) -> &str {
        &self.text[..self.base_len]
    }

    /// The revision (1 for `R01`), if the number has one.
    pub fn revision(&self) -> Option<u16> {
        self.revision
    }

    /// The revision suffix as written (`R01`, `r02`, `-03`), or "".
    pub fn revision_suffix(&self) -> &str {
        &self.text[self.base_len..]
    }

    /// The numbering scheme.
    pub fn scheme(&self) -> Scheme {
        if self.text.starts_with("draft-") || self.text.starts_with("rfc") {
            Scheme::Ietf
        } else if self.base().matches('-').count() == 2 {
            Scheme::OneM2m
        } else {
            Scheme::ThreeGpp
        }
    }

    /// The same base with revision `revision`, in this number's scheme.
    #[must_use]
    pub fn with_revision_number(&self, revision: u16) -> ContributionNumber {
        let text = match self.scheme() {
            Scheme::OneM2m => format!("{}R{revision:02}", self.base()),
            Scheme::ThreeGpp => format!("{}r{revision:02}", self.base()),
            Scheme::Ietf => format!("{}-{revision:02}", self.base()),
        };
        ContributionNumber {
            base_len: self.base_len,
            text,
            revision: Some(revision),
        }
    }

    /// Resolves a revision written in a chain: either a suffix (`R02`, `r02`)
    /// or a whole number with the same base.
    pub fn resolve_revision(&self, written: &str) -> Result<ContributionNumber, String> {
        let w = written.trim();
        let suffix_digits = w
            .strip_prefix(['R', 'r'])
            .filter(|d| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()));
        if let Some(d) = suffix_digits {
            return Ok(self.with_revision_number(d.parse().unwrap_or(0)));
        }
        let full = ContributionNumber::parse(w)?;
        if full.base() != self.base() {
            return Err(format!(
                "`{w}` is not a revision of {}: a revision keeps the base number {} and changes only the suffix (e.g. \"R02\")",
                self.text,
                self.base()
            ));
        }
        Ok(full)
    }
}

impl fmt::Display for ContributionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for ContributionNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ContributionNumber::parse(&s).map_err(de::Error::custom)
    }
}

impl schemars::JsonSchema for ContributionNumber {
    fn schema_name() -> Cow<'static, str> {
        "ContributionNumber".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A contribution number: oneM2M/ETSI \"SEC-2014-0243R01\", 3GPP \"R1-2301234\", or an IETF draft name."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agenda_numbers_sort_part_by_part() {
        let mut v: Vec<AgendaNumber> = ["9.10", "9.3", "10", "9", "9.3.2", "1"]
            .iter()
            .map(|s| AgendaNumber::parse(s).unwrap())
            .collect();
        v.sort();
        let texts: Vec<&str> = v.iter().map(AgendaNumber::as_str).collect();
        assert_eq!(texts, ["1", "9", "9.3", "9.3.2", "9.10", "10"]);
        assert!(
            AgendaNumber::parse("7.1")
                .unwrap()
                .is_within(&AgendaNumber::parse("7").unwrap())
        );
        assert!(
            !AgendaNumber::parse("17")
                .unwrap()
                .is_within(&AgendaNumber::parse("1").unwrap())
        );
        assert_eq!(
            AgendaNumber::parse("9.3.1")
                .unwrap()
                .parent()
                .unwrap()
                .as_str(),
            "9.3"
        );
    }

    #[test]
    fn agenda_numbers_refuse_garbage_and_depth() {
        assert!(AgendaNumber::parse("7..1").is_err());
        assert!(AgendaNumber::parse("seven").is_err());
        assert!(
            AgendaNumber::parse("1.2.3.4.5.6.7.8.9")
                .unwrap_err()
                .contains("at most 8")
        );
    }

    #[test]
    fn contribution_numbers_in_every_scheme() {
        let n = ContributionNumber::parse("SEC-2014-0243R01").unwrap();
        assert_eq!(
            (n.base(), n.revision(), n.scheme()),
            ("SEC-2014-0243", Some(1), Scheme::OneM2m)
        );
        assert_eq!(
            n.resolve_revision("R02").unwrap().as_str(),
            "SEC-2014-0243R02"
        );
        assert!(n.resolve_revision("SEC-2014-0244R02").is_err());
        let g = ContributionNumber::parse("R1-2301234").unwrap();
        assert_eq!(
            (g.base(), g.revision(), g.scheme()),
            ("R1-2301234", None, Scheme::ThreeGpp)
        );
        assert_eq!(
            ContributionNumber::parse("S3-240123r02")
                .unwrap()
                .revision(),
            Some(2)
        );
        let d = ContributionNumber::parse("draft-ietf-calext-jscalendar-32").unwrap();
        assert_eq!(
            (d.base(), d.revision()),
            ("draft-ietf-calext-jscalendar", Some(32))
        );
        for bad in [
            "SEC-14-0243",
            "sec-2014-0243",
            "SEC-2014-0243R1",
            "MAS-2016-0159R03,",
            "",
            "0243",
        ] {
            assert!(ContributionNumber::parse(bad).is_err(), "{bad}");
        }
    }
}
