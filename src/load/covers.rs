//! The body's cover files that meetings name with `meeting.notices`: read
//! once per week however many meetings name one, parsed with the same TOML
//! reader and the same diagnostics as meeting files.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::source::Sources;
use crate::load::{TextKind, beside, read_text_as, toml_error};
use crate::model::Meeting;
use crate::model::cover::Covers;

/// Reads the cover file each meeting names, adding its text to `sources`
/// (so its diagnostics show its lines), and hands each meeting its covers.
/// Returns what is wrong: a file that cannot be read is reported at the
/// `notices` field that names it.
pub(crate) fn resolve(sources: &mut Sources, meetings: &mut [Meeting]) -> Vec<Diagnostic> {
    let mut read: HashMap<PathBuf, Option<Arc<Covers>>> = HashMap::new();
    let mut out = Vec::new();
    for meeting in meetings.iter_mut() {
        let Some(named) = meeting.header.notices.clone() else {
            continue;
        };
        let path = beside(sources.get(meeting.file).path(), &named);
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some(known) = read.get(&key) {
            meeting.covers.clone_from(known);
            continue;
        }
        let covers = match read_text_as(&path, TextKind::Notices) {
            Err(e) => {
                out.push(
                    Diagnostic::error(
                        "notices-file",
                        format!("the notices file {} cannot be read: {}", e.path, e.message),
                    )
                    .at(meeting.file, named.span.clone(), "named here")
                    .field("meeting.notices")
                    .help("give the body's notices file, relative to this meeting file (notices/onem2m.toml); docs/format.md shows one"),
                );
                None
            }
            Ok((source, problem)) => {
                let id = sources.add(source);
                if let Some(d) = problem {
                    out.push(d.with_file(id));
                    None
                } else {
                    match toml::from_str::<Covers>(&sources.get(id).text) {
                        Ok(mut c) => {
                            c.file = id;
                            Some(Arc::new(c))
                        }
                        Err(e) => {
                            out.push(toml_error(sources.get(id), id, &e));
                            None
                        }
                    }
                }
            }
        };
        meeting.covers.clone_from(&covers);
        read.insert(key, covers);
    }
    out
}
