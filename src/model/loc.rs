//! [`Loc<T>`]: a value from a meeting file together with where it was written.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, Range};

use serde::Deserialize;
use serde_spanned::Spanned;

/// A value with the byte span of its text in the file it was read from.
///
/// It dereferences to the value, so model code reads `session.room.as_str()`
/// while diagnostics can still point at `session.room.span`. Values built by
/// code rather than read from a file have an empty span at 0.
#[derive(Clone, Default, Deserialize)]
#[serde(from = "Spanned<T>")]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Loc<T> {
    /// Byte range of the value in its file.
    pub span: Range<usize>,
    /// The value.
    pub value: T,
}

impl<T> Loc<T> {
    /// A value with a span.
    pub fn new(span: Range<usize>, value: T) -> Self {
        Self { span, value }
    }

    /// A value that was not read from a file.
    pub fn synthetic(value: T) -> Self {
        Self { span: 0..0, value }
    }
}

impl<T> From<Spanned<T>> for Loc<T> {
    fn from(s: Spanned<T>) -> Self {
        Self {
            span: s.span(),
            value: s.into_inner(),
        }
    }
}

impl<T> Deref for Loc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Loc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for Loc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Equality ignores the span: two files that say the same thing are equal.
impl<T: PartialEq> PartialEq for Loc<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Loc<T> {}

impl<T: serde::Serialize> serde::Serialize for Loc<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Loc<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}
