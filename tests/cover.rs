//! The cover a body's template puts before the agenda: the purpose box,
//! the template's version and the notices, read from the shared notices
//! file the meeting names, in every format and in the seeds' order.

use crate::support::{agendum, consumers};

const BERLIN: &str = "schedules/sec-10-berlin.toml";
const MONTREAL: &str = "schedules/sec-24-montreal.toml";

/// What the agenda's cover says, in the order seed 001 says it.
const AGENDA_ORDER: [&str; 7] = [
    "Joint sessions with other WGs may be set up as needed",
    "Intended purpose of document",
    "Participation in, or attendance at, any activity of oneM2M",
    "oneM2M Procedure Notice:",
    "IPR Notices:",
    "Antitrust Risk Notice:",
    "Opening of meeting",
];

/// Where each of `needles` is in `text`, which must hold them in order.
fn in_order(text: &str, needles: &[&str], what: &str) {
    let mut from = 0;
    for n in needles {
        let at = text[from..]
            .find(n)
            .unwrap_or_else(|| panic!("{what}: no {n:?} after byte {from}:\n{text}"));
        from += at + n.len();
    }
}

#[test]
fn the_agenda_cover_prints_in_every_format_in_the_seeds_order() {
    for format in ["text", "markdown", "html"] {
        let out = agendum()
            .copy("m.toml", BERLIN)
            .args(["render", "m.toml", "--format", format])
            .success()
            .run()
            .stdout;
        in_order(&out, &AGENDA_ORDER, format);
        // The agenda's own number, from `documents.agenda`.
        assert!(out.contains("SEC-2014-0007R01"), "{format}");
        // The agenda template prints no version line.
        assert!(!out.contains("Template Version"), "{format}");
    }
    let out = agendum()
        .copy("m.toml", BERLIN)
        .args(["render", "m.toml", "--format", "docx", "-o", "a.docx"])
        .success()
        .run();
    let doc = consumers::read_docx(&out.path("a.docx"));
    let mut text = String::new();
    for p in doc["paragraphs"].as_array().unwrap() {
        text.push_str(p["text"].as_str().unwrap());
        text.push('\n');
        // The purpose box is the second table: read it where it stands.
        if p["text"]
            .as_str()
            .unwrap()
            .starts_with("Joint sessions with other WGs")
        {
            text.push_str(&doc["tables"][1].to_string());
        }
    }
    in_order(&text, &AGENDA_ORDER, "docx");
    assert_eq!(
        doc["tables"][1],
        serde_json::json!([[
            "Intended purpose of document",
            "☐ Decision    ☐ Discussion    ☐ Information    ☐ Other"
        ]])
    );
}

#[test]
fn the_minutes_carry_their_template_version_and_notice() {
    let out = agendum()
        .copy("m.toml", MONTREAL)
        .args(["render", "m.toml", "--report"])
        .success()
        .run()
        .stdout;
    in_order(
        &out,
        &[
            "Meeting details:  Face-to-face meeting SEC 24, Montreal, CA",
            "Intended purpose of document:",
            "  [ ] Decision",
            "  [ ] Other",
            "Template Version: 23 February 2015",
            "oneM2M Notice\nThe document to which this cover statement is attached",
            "1 Opening of the meeting",
        ],
        "minutes",
    );
    // The seed's title, not one made up for it.
    assert!(out.starts_with("Minutes: SEC 24 F2F meeting\n"), "{out}");
    // The other formats say the same, in the same order.
    let order = [
        "Intended purpose of document",
        "Template Version",
        "23 February 2015",
        "oneM2M Notice",
        "The document to which this cover statement is attached",
        "Opening of the meeting",
    ];
    for format in ["markdown", "html"] {
        let out = agendum()
            .copy("m.toml", MONTREAL)
            .args(["render", "m.toml", "--report", "--format", format])
            .success()
            .run()
            .stdout;
        in_order(&out, &order, format);
    }
    let out = agendum()
        .copy("m.toml", MONTREAL)
        .args(["render", "m.toml", "--report", "-o", "m.docx"])
        .success()
        .run();
    let doc = consumers::read_docx(&out.path("m.docx"));
    assert_eq!(
        doc["tables"][1],
        serde_json::json!([
            [
                "Intended purpose of document",
                "☐ Decision    ☐ Discussion    ☐ Information    ☐ Other"
            ],
            ["Template Version", "23 February 2015"]
        ])
    );
    let text: Vec<&str> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    in_order(&text.join("\n"), &order[3..], "docx");
    // The open list is a working list: no cover.
    let open = agendum()
        .copy("m.toml", MONTREAL)
        .args(["render", "m.toml", "--open"])
        .success()
        .run()
        .stdout;
    assert!(!open.contains("Intended purpose"), "{open}");
    assert!(!open.contains("oneM2M Notice"), "{open}");
}

/// Berlin with `meeting.purpose` and `documents.minutes` given.
fn berlin_with(purpose: &str) -> String {
    std::fs::read_to_string(crate::support::root(BERLIN))
        .unwrap()
        .replacen(
            "documents = { agenda = \"SEC-2014-0007R01\" }",
            &format!(
                "documents = {{ agenda = \"SEC-2014-0007R01\", minutes = \"SEC-2014-0090\" }}\npurpose = \"{purpose}\""
            ),
            1,
        )
}

#[test]
fn the_purpose_ticks_its_choice_or_other_with_its_word() {
    let out = agendum()
        .file("m.toml", berlin_with("information"))
        .args(["render", "m.toml"])
        .success()
        .run()
        .stdout;
    assert!(
        out.contains("  [ ] Decision\n  [ ] Discussion\n  [x] Information\n  [ ] Other\n"),
        "{out}"
    );
    let md = agendum()
        .file("m.toml", berlin_with("approval"))
        .args(["render", "m.toml", "--format", "markdown"])
        .success()
        .run()
        .stdout;
    assert!(
        md.contains("- [ ] Information\n- [x] Other: approval\n"),
        "{md}"
    );
    let html = agendum()
        .file("m.toml", berlin_with("decision"))
        .args(["render", "m.toml", "--format", "html"])
        .success()
        .run()
        .stdout;
    assert!(
        html.contains("<label><input type=\"checkbox\" disabled checked> Decision</label> <label><input type=\"checkbox\" disabled> Discussion</label>"),
        "{html}"
    );
    // The minutes' number heads the minutes' pages, not the agenda's.
    let out = agendum()
        .file("m.toml", berlin_with("decision"))
        .args(["render", "m.toml", "--report", "--format", "markdown"])
        .success()
        .run()
        .stdout;
    assert!(out.contains("- **Document:** SEC-2014-0090\n"), "{out}");
    assert!(!out.contains("SEC-2014-0007R01\n"), "{out}");
}

#[test]
fn a_missing_notices_file_is_named_at_the_field_that_names_it() {
    let text = std::fs::read_to_string(crate::support::root(BERLIN))
        .unwrap()
        .replacen("notices/onem2m.toml", "notices/etsi.toml", 1);
    agendum()
        .file("m.toml", text)
        .args(["render", "m.toml"])
        .status(2)
        .stderr_contains("error[notices-file]: the notices file notices/etsi.toml cannot be read: cannot open the file: no such file")
        .stderr_contains("--> m.toml:24:11")
        .stderr_contains("= field: meeting.notices")
        .stderr_contains("relative to this meeting file")
        .run();
}

#[test]
fn a_bad_notices_file_is_named_with_its_line_and_field() {
    let meeting = std::fs::read_to_string(crate::support::root(BERLIN)).unwrap();
    agendum()
        .file("m.toml", meeting)
        .file(
            "notices/onem2m.toml",
            "[agenda]\npurpose_box = [\"decision\", \"maybe\"]\n",
        )
        .args(["render", "m.toml"])
        .status(2)
        .stderr_contains("error[invalid-value]: `maybe` is not a valid purpose_box")
        .stderr_contains("--> notices/onem2m.toml:2:")
        .run();
    agendum()
        .copy("m.toml", BERLIN)
        .file("notices/onem2m.toml", "[minutes]\nversoin = \"1\"\n")
        .args(["render", "m.toml", "--report"])
        .status(2)
        .stderr_contains("error[unknown-field]: unknown field `versoin` in [minutes]")
        .stderr_contains("did you mean `version`?")
        .run();
}

#[test]
fn notice_text_cannot_inject_markup() {
    let notices = "[agenda]\n[[agenda.notices]]\ntitle = \"<b>x</b>\"\ntext = \"</p><script>alert(1)</script> *a* | b\"\n";
    let meeting = std::fs::read_to_string(crate::support::root(BERLIN)).unwrap();
    let run = |format: &str| {
        agendum()
            .file("m.toml", &meeting)
            .file("notices/onem2m.toml", notices)
            .args(["render", "m.toml", "--format", format])
            .success()
            .run()
            .stdout
    };
    let html = run("html");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("<p>&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt; *a* | b</p>"),
        "{html}"
    );
    let md = run("markdown");
    assert!(md.contains("**\\<b>x\\</b>**"), "{md}");
    assert!(
        md.contains("\\</p>\\<script>alert(1)\\</script> \\*a\\* \\| b"),
        "{md}"
    );
}
