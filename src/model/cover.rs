//! The cover of a body's documents: what its templates print before the
//! agenda itself (the purpose box, the template's version, the notices).
//!
//! A body keeps these texts in one shared file (`notices/onem2m.toml`) that
//! its meetings name with `meeting.notices`; the loader reads it once per
//! week, however many meetings name it. The words are the file's: agendum
//! adds none.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::load::source::FileId;
use crate::model::status::Purpose;

/// A body's cover file: one template per kind of document.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "agendum notices file")]
pub struct Covers {
    /// The body whose templates these are ("oneM2M").
    #[serde(default)]
    pub body: Option<String>,
    /// What the body's agendas carry before the agenda.
    #[serde(default)]
    pub agenda: Option<Template>,
    /// What the body's minutes carry before the first item.
    #[serde(default)]
    pub minutes: Option<Template>,
    /// Which loaded file this came from.
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

/// One document template's cover.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The template's version line ("23 February 2015"), when it prints one.
    #[serde(default)]
    pub version: Option<String>,
    /// The choices of the "Intended purpose of document" box, in the
    /// template's order; `[]` when the template has no box. Default: the
    /// oneM2M box, decision, discussion, information and other.
    #[serde(default = "default_box")]
    pub purpose_box: Vec<Purpose>,
    /// The notice paragraphs, in order.
    #[serde(default)]
    pub notices: Vec<Notice>,
}

/// The oneM2M template's purpose box.
pub fn default_box() -> Vec<Purpose> {
    vec![
        Purpose::Decision,
        Purpose::Discussion,
        Purpose::Information,
        Purpose::Other,
    ]
}

/// One notice: a title ("oneM2M Procedure Notice") and its text, whose
/// paragraphs are separated by a blank line.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The notice's title, when it has one.
    #[serde(default)]
    pub title: Option<String>,
    /// The notice's words.
    pub text: String,
}

impl Notice {
    /// The paragraphs of the text: blank lines separate them, and the lines
    /// of one paragraph are joined by a space.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut open = false;
        for line in self.text.lines() {
            let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
            match (words.is_empty(), open) {
                (true, _) => open = false,
                (false, true) => {
                    if let Some(last) = out.last_mut() {
                        last.push(' ');
                        last.push_str(&words);
                    }
                }
                (false, false) => {
                    out.push(words);
                    open = true;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_at_blank_lines_whatever_the_line_ends() {
        let n = Notice {
            title: None,
            text: "One
line.

  
Two.

Three  words	here.
"
            .into(),
        };
        assert_eq!(n.paragraphs(), ["One line.", "Two.", "Three words here."]);
    }
}
