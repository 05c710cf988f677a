//! The Word agenda read back by python-docx, a real consumer: the header
//! paragraphs, the heading styles and every contribution row must be there.
//! (`LibreOffice`'s conversion to PDF is a documented manual check, see
//! docs/render.md: CI does not install `LibreOffice`.)

use crate::support::{agendum, consumers};

const BERLIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schedules/sec-10-berlin.toml");

#[test]
#[allow(clippy::too_many_lines)] // one walk through the document read back
fn python_docx_reads_the_header_and_every_contribution_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.docx");
    agendum()
        .args(["render", BERLIN, "--format", "docx", "-o"])
        .arg(&path)
        .success()
        .run();
    let doc = consumers::read_docx(&path);

    let paragraphs: Vec<(String, String)> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["style"].as_str().unwrap().to_string(),
                p["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |style: &str, text: &str| paragraphs.iter().any(|(s, t)| s == style && t == text);
    assert!(has("Title", "Agenda"));
    assert!(has(
        "Header Field",
        "Meeting title: SEC # 10.0 (TP10 ordinary WG4 F2F)"
    ));
    assert!(has(
        "Header Field",
        "Chair: Francois Ennesser, Gemalto, francois.ennesser@gemalto.com"
    ));
    assert!(has(
        "Header Field",
        "Secretary: Karen Hughes, ETSI, karen.hughes@etsi.org"
    ));
    assert!(has(
        "Header Field",
        "Meeting dates: 2014-04-07 to 2014-04-11"
    ));
    assert!(has(
        "Header Field",
        "Status: Tentative, subject to alignment of TP Agenda"
    ));
    assert!(has(
        "List Bullet",
        "\u{2022} Super Session S2: Tuesday 08:00 - 12:00, Break-out"
    ));
    assert!(has("Heading 1", "7 Contributions affecting TS-0003"));
    assert!(has(
        "Heading 2",
        "7.1 Identification, Authentication and Access Control basic concepts"
    ));
    assert!(has("Heading 3", "Monday 7 April 2014"));

    // Every contribution row, as the Markdown shows it, is a row of a Word table.
    let md = agendum()
        .args(["render", BERLIN, "--format", "markdown"])
        .run()
        .stdout;
    let tables = doc["tables"].as_array().unwrap();
    let rows: Vec<Vec<String>> = tables
        .iter()
        .flat_map(|t| t.as_array().unwrap().iter())
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    let mut contributions = 0;
    for line in md
        .lines()
        .filter(|l| l.starts_with("| SEC-20") || l.starts_with("| PRO-20"))
    {
        let cells: Vec<String> = line
            .trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().replace('\\', "").replace("<br>", "\n"))
            .collect();
        assert!(rows.contains(&cells), "no Word row {cells:?}");
        contributions += 1;
    }
    assert_eq!(contributions, 29);
    assert!(
        rows.contains(
            &["Number", "Title", "Source", "Status", "Remarks"]
                .map(String::from)
                .to_vec()
        )
    );
    // Every table's first row is a header row Word repeats on each page.
    for h in doc["header_rows"].as_array().unwrap() {
        assert_eq!(h, &serde_json::json!([true]));
    }
}

/// The minutes (`--report`) read back by python-docx: the title, the entry
/// paragraphs in their styles, every decision line of the text report, and
/// both action item tables.
#[test]
fn python_docx_reads_the_minutes() {
    const MONTREAL: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schedules/sec-24-montreal.toml"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.docx");
    agendum()
        .args(["render", MONTREAL, "--report", "-o"])
        .arg(&path)
        .success()
        .run();
    let doc = consumers::read_docx(&path);
    let paragraphs: Vec<(String, String)> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["style"].as_str().unwrap().to_string(),
                p["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |style: &str, text: &str| paragraphs.iter().any(|(s, t)| s == style && t == text);
    assert!(has("Title", "Minutes"));
    assert!(has("Heading 2", "5.2 Enhancements to TS-0003 (Rel-2)"));
    assert!(has(
        "Entry Heading",
        "SEC-2016-0136 CR TS-0003 R2 MAF Cleanup (Qualcomm)"
    ));
    assert!(has("Presented", "Presented by Wolfgang on Monday SEC-4"));
    assert!(has("Entry Text", "Minor typo on figure."));
    assert!(has("Heading 1", "New action items"));

    // Every decision of the text report is a Decision paragraph of the Word file.
    let text = agendum()
        .args(["render", MONTREAL, "--report"])
        .run()
        .stdout;
    let decisions: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            let mut w = l.split_whitespace();
            w.next()
                .is_some_and(|n| agendum::model::number::ContributionNumber::parse(n).is_ok())
                && w.next() == Some("was")
        })
        .collect();
    assert!(decisions.len() >= 63, "{}", decisions.len());
    for d in decisions {
        assert!(has("Decision", d), "no Decision paragraph {d:?}");
    }
    // Both action tables: the items carried in with their references, the
    // twelve raised during the week without one (the minutes give none).
    let tables = doc["tables"].as_array().unwrap();
    let rows: Vec<&serde_json::Value> = tables
        .iter()
        .flat_map(|t| t.as_array().unwrap().iter())
        .collect();
    let references: Vec<&str> = rows
        .iter()
        .filter_map(|r| r[0].as_str())
        .filter(|c| c.starts_with("A-WG4-SEC"))
        .collect();
    assert_eq!(references, ["A-WG4-SEC231", "A-WG4-SEC232", "A-WG4-SEC233"]);
    let raised = rows
        .iter()
        .filter(|r| r[0] == "" && r[1].as_str().is_some_and(|w| w.contains("(raised on ")))
        .count();
    assert_eq!(raised, 12);
}
