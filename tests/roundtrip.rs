//! Round trips on random meeting files (proptest), with any Unicode text in
//! the free-text fields (controls, quotes, backslashes, newlines included):
//! - loading the same text twice gives the same model;
//! - opening a file for editing and saving it with no change writes nothing
//!   and leaves the bytes as they were;
//! - writing any text into a field through the editor reads back as that
//!   text, and writing the old value back gives the original bytes.

use std::fmt::Write as _;

use agendum::edit::MeetingDoc;
use agendum::export::render;
use agendum::load;
use agendum::load::source::{FileId, Source, Sources};
use agendum::load::week;
use agendum::model::Meeting;
use proptest::prelude::*;

/// A TOML string literal for `s`, as the editor itself would write it.
fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,30}",
        proptest::collection::vec(any::<char>(), 0..30).prop_map(String::from_iter),
        Just("\r\nEND:VEVENT\r\n<script>\"'\\\u{1b}[31m\u{0}".to_string()),
    ]
}

/// A random meeting: its TOML text.
#[derive(Debug, Clone)]
struct Random {
    title: String,
    venue: Option<String>,
    notes: Vec<String>,
    sessions: Vec<(String, u32, u32)>,
    items: Vec<String>,
    contributions: Vec<(String, Vec<String>, Option<String>, usize)>,
}

fn meeting() -> impl Strategy<Value = Random> {
    (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec((text(), 0u32..5, 8u32..17), 0..5),
        proptest::collection::vec(text(), 1..5),
        proptest::collection::vec(
            (
                text(),
                proptest::collection::vec(text(), 0..3),
                proptest::option::of(text()),
                0usize..5,
            ),
            0..6,
        ),
    )
        .prop_map(
            |(title, venue, notes, sessions, items, contributions)| Random {
                title,
                venue,
                notes,
                sessions,
                items,
                contributions,
            },
        )
}

impl Random {
    fn toml(&self) -> String {
        let mut t = String::new();
        let _ = writeln!(
            t,
            "# a random meeting\n[meeting]\nid = \"SEC#1\"\ntitle = {}\ngroup = \"SEC\"\nchair = \"A B\"\ndates = {{ start = 2014-04-07, end = 2014-04-11 }}\ntimezone = \"Europe/Berlin\"",
            quoted(&self.title)
        );
        if let Some(v) = &self.venue {
            let _ = writeln!(t, "venue = {}", quoted(v));
        }
        let notes: Vec<String> = self.notes.iter().map(|n| quoted(n)).collect();
        let _ = writeln!(t, "notes = [{}]", notes.join(", "));
        t.push_str("\n[[people]]\nname = \"A B\"\n\n[[rooms]]\nname = \"Main\"\n");
        for (i, (title, day, hour)) in self.sessions.iter().enumerate() {
            let _ = writeln!(
                t,
                "\n[[sessions]]\nid = \"S{i}\"\ntitle = {}\nkind = \"break-out\"\nday = 2014-04-{:02}\ntime = \"{hour:02}:00-{hour:02}:45\"\nroom = \"Main\"",
                quoted(title),
                7 + day
            );
        }
        for (i, title) in self.items.iter().enumerate() {
            let _ = writeln!(
                t,
                "\n[[agenda]]\nnumber = \"{}\"\ntitle = {}",
                i + 1,
                quoted(title)
            );
        }
        for (i, (title, source, remarks, item)) in self.contributions.iter().enumerate() {
            let sources: Vec<String> = source.iter().map(|s| quoted(s)).collect();
            let _ = writeln!(
                t,
                "\n[[contributions]]\nnumber = \"SEC-2014-{:04}\"\ntitle = {}\nsource = [{}]\nitem = \"{}\"",
                i + 1,
                quoted(title),
                sources.join(", "),
                item % self.items.len() + 1
            );
            if let Some(r) = remarks {
                let _ = writeln!(t, "remarks = {}", quoted(r));
            }
        }
        t
    }
}

fn load(text: &str) -> Meeting {
    let source = Source::new("m.toml", text.to_string());
    match load::parse_meeting(&source, FileId(0)) {
        Ok(m) => m,
        Err(d) => panic!("does not load: {d:?}\n{text}"),
    }
}

fn rendered(text: &str) -> Vec<u8> {
    let mut sources = Sources::new();
    let id = sources.add(Source::new("m.toml", text.to_string()));
    let meeting = load::parse_meeting(sources.get(id), id).unwrap();
    let loaded = week::from_meetings(sources, vec![meeting]);
    let doc = render::build(&loaded.week, &render::Options::default());
    let mut out = Vec::new();
    render::write(render::Format::Text, &doc, &mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn load_save_load_keeps_model_and_bytes(m in meeting(), new_title in text(), new_remarks in text()) {
        let text = m.toml();
        // Same text, same model, same rendering.
        let first = load(&text);
        prop_assert_eq!(format!("{first:?}"), format!("{:?}", load(&text)));
        prop_assert_eq!(first.header.title.as_str(), m.title.as_str());
        prop_assert_eq!(rendered(&text), rendered(&text));

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.toml");
        std::fs::write(&path, &text).unwrap();

        // Saved with no change: nothing written, bytes as they were.
        let doc = MeetingDoc::open(&path).unwrap();
        prop_assert_eq!(doc.text(), text.as_str());
        prop_assert!(!doc.save().unwrap());
        prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), text.as_str());

        // Any text written through the editor reads back as itself, and the
        // rest of the model is unchanged.
        let mut doc = MeetingDoc::open(&path).unwrap();
        doc.doc["meeting"]["title"] = toml_edit::value(new_title.as_str());
        if !m.contributions.is_empty() {
            if let Some(c) = doc.find_mut("contributions", "number", "SEC-2014-0001") {
                c["remarks"] = toml_edit::value(new_remarks.as_str());
            }
        }
        doc.save().unwrap();
        let edited = std::fs::read_to_string(&path).unwrap();
        let after = load(&edited);
        prop_assert_eq!(after.header.title.as_str(), new_title.as_str());
        prop_assert_eq!(after.sessions.len(), first.sessions.len());
        prop_assert_eq!(after.agenda.len(), first.agenda.len());
        for (a, b) in after.contributions.iter().zip(&first.contributions) {
            prop_assert_eq!(&a.title, &b.title);
            prop_assert_eq!(&a.source, &b.source);
        }
        if let Some(c) = after.contributions.first() {
            prop_assert_eq!(c.remarks.as_deref(), Some(new_remarks.as_str()));
        }

        // Writing the old values back restores the very bytes.
        let mut doc = MeetingDoc::open(&path).unwrap();
        doc.doc["meeting"]["title"] = toml_edit::value(m.title.as_str());
        if let Some((_, _, remarks, _)) = m.contributions.first() {
            let c = doc.find_mut("contributions", "number", "SEC-2014-0001").unwrap();
            match remarks {
                Some(r) => c["remarks"] = toml_edit::value(r.as_str()),
                None => {
                    c.remove("remarks");
                }
            }
        }
        doc.save().unwrap();
        prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
}
