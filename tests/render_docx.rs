//! The Word agenda read back by python-docx, a real consumer: the cover
//! table, the heading styles, the Word lists, the running header and footer
//! and every contribution row must be there. How the pages print
//! (`LibreOffice`'s conversion to PDF) is tests/pages.rs.

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
    // The cover is the template's two-column table: label, value.
    let cover = &doc["tables"][0];
    let row = |label: &str, value: &str| serde_json::json!([label, value]);
    for (label, value) in [
        ("Meeting title", "SEC # 10.0 (TP10 ordinary WG4 F2F)"),
        (
            "Chair",
            "Francois Ennesser, Gemalto, francois.ennesser@gemalto.com",
        ),
        ("Secretary", "Karen Hughes, ETSI, karen.hughes@etsi.org"),
        ("Meeting dates", "2014-04-07 to 2014-04-11"),
        ("Status", "Tentative, subject to alignment of TP Agenda"),
    ] {
        assert!(
            cover.as_array().unwrap().contains(&row(label, value)),
            "no cover row {label}: {value} in {cover}"
        );
    }
    // Lists are Word lists, not typed bullets.
    let item = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"] == "Super Session S2: Tuesday 08:00 - 12:00, Break-out")
        .expect("the session list");
    assert_eq!(item["style"], "List Bullet");
    assert_eq!(item["list_level"], 0);
    assert!(
        !paragraphs.iter().any(|(_, t)| t.starts_with('\u{2022}')),
        "a typed bullet"
    );
    let nested = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"] == "Clarify assumptions")
        .expect("the nested objectives");
    assert_eq!(nested["list_level"], 1);
    // No empty paragraph makes space; one that ends a section may be empty.
    for p in doc["paragraphs"].as_array().unwrap() {
        assert!(
            !p["text"].as_str().unwrap().trim().is_empty() || p["ends_section"] == true,
            "an empty paragraph: {p}"
        );
    }
    // Every heading keeps with what follows it.
    for p in doc["paragraphs"].as_array().unwrap() {
        if p["style"].as_str().unwrap().starts_with("Heading") {
            assert_eq!(p["keep_with_next"], true, "{p}");
        }
    }
    // The running header and footer, with Word's page fields.
    assert_eq!(
        doc["sections"],
        serde_json::json!([{
            "header": "SEC#10.0\tSEC-2014-0007R01",
            "footer": "Agenda: SEC # 10.0 (TP10 ordinary WG4 F2F)\tPage {PAGE} of {NUMPAGES}",
            "header_linked": false,
        }])
    );
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
    // Every table's first row but the cover's and the purpose box's is a
    // header row Word repeats on each page, and no row splits across pages.
    let header_rows = doc["header_rows"].as_array().unwrap();
    assert_eq!(header_rows[0], serde_json::json!([false]), "the cover");
    assert_eq!(
        header_rows[1],
        serde_json::json!([false]),
        "the purpose box"
    );
    for h in &header_rows[2..] {
        assert_eq!(h, &serde_json::json!([true]));
    }
    for t in doc["rows_split"].as_array().unwrap() {
        assert!(t.as_array().unwrap().iter().all(|r| r == false), "{t}");
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
