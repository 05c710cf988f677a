//! `agendum import`: portal exports merged into meeting files, run through
//! the real binary on real files (xlsx lists are written by tests/support).

use std::path::{Path, PathBuf};

use crate::support::{ROOT, Test, agendum, tdoc_xlsx};

/// `agendum ARGS` in `dir`.
fn in_dir(dir: &Path, args: &[&str]) -> Test {
    agendum().current_dir(dir).args(args)
}

/// A scratch directory with a copy of a meeting file as `m.toml`.
fn scratch(meeting: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    crate::support::copy_meeting(meeting, &path);
    (dir, path)
}

fn fixture(name: &str) -> String {
    Path::new(ROOT)
        .join("tests/import")
        .join(name)
        .display()
        .to_string()
}

/// The text of the `[[contributions]]` table of `number`.
fn table_of<'a>(text: &'a str, number: &str) -> &'a str {
    let at = text
        .find(&format!("number = \"{number}\""))
        .unwrap_or_else(|| panic!("{number} not in\n{text}"));
    let rest = &text[at..];
    &rest[..rest.find("\n[[").unwrap_or(rest.len())]
}

// One transcript of the whole path: dry run, import, check, re-import.
#[allow(clippy::too_many_lines)]
#[test]
fn a_tdoc_list_merges_into_a_meeting_file_and_reimporting_changes_nothing() {
    let first = agendum().copy("m.toml", "tests/import/sa3-114.toml");
    tdoc_xlsx::realistic(&first.path("TDoc_List_Meeting_SA3#114.xlsx"), false).unwrap();
    let before = std::fs::read_to_string(first.path("m.toml")).unwrap();

    // --dry-run prints what would change and writes nothing.
    let run = first
        .args([
            "import",
            "TDoc_List_Meeting_SA3#114.xlsx",
            "--into",
            "m.toml",
            "--dry-run",
        ])
        .success()
        .stdout_contains("dry run: nothing written")
        .run();
    assert_eq!(run.read("m.toml"), before);

    let run = run
        .then()
        .args([
            "import",
            "TDoc_List_Meeting_SA3#114.xlsx",
            "--into",
            "m.toml",
        ])
        .success()
        .run();
    let out = &run.stdout;
    insta::assert_snapshot!("tdoc_first_import", out);
    let text = run.read("m.toml");

    // The result is a valid meeting file.
    let run = run.then().args(["check", "m.toml"]).success().run();

    // Comments and hand-written values survive.
    assert!(
        text.starts_with("# SA3#114: a small meeting file"),
        "{text}"
    );
    assert!(text.contains("title = \"3GPP TSG SA WG3 #114\"   # as on the invitation"));
    assert!(text.contains("title = \"Approval of the agenda\"   # the chair's wording"));
    let hand = table_of(&text, "S3-240102");
    assert!(
        hand.contains("item = \"5\"   # allocated by hand"),
        "{hand}"
    );
    assert!(hand.contains("presenter = \"Björn Svensson\""), "{hand}");
    assert!(hand.contains("minutes = 15"), "{hand}");
    assert!(hand.contains("session = \"S2\""), "{hand}");
    assert!(
        hand.contains("notes = [\"Needs the companion CR for Rel-17.\"]"),
        "{hand}"
    );
    // ... while the list's title and status replace the old ones.
    assert!(
        hand.contains("title = \"Clarify KAUSF handling\""),
        "{hand}"
    );
    assert!(hand.contains("status = \"revised\""), "{hand}");
    assert!(hand.contains("remarks = \"Revised\""), "{hand}");

    // Agenda items stored as numbers are text; 5.10 stays 5.10.
    assert!(
        text.contains("[[agenda]]\nnumber = \"5.3\"\ntitle = \"Key hierarchy\""),
        "{text}"
    );
    assert!(text.contains("number = \"5.10\"\ntitle = \"Ranging and sidelink positioning\""));
    assert!(!text.contains("number = \"5.1\"\n"));
    assert!(text.contains("number = \"9.3.10\""));
    // Items come in agenda order: 5.3 after 5, 5.10 after 5.3, 9.3.10 after 7.
    let pos = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(pos("number = \"5\"\n") < pos("number = \"5.3\"\n"));
    assert!(pos("number = \"5.3\"\n") < pos("number = \"5.10\"\n"));
    assert!(pos("number = \"7\"\n") < pos("number = \"9.3.10\"\n"));

    // Revision links from either column.
    assert!(table_of(&text, "S3-240250").contains("revision_of = \"S3-240102\""));
    assert!(table_of(&text, "S3-240251").contains("revision_of = \"S3-240103\""));
    // Statuses are canonical, the list's words kept as remarks.
    let merged = table_of(&text, "S3-240104");
    assert!(merged.contains("status = \"merged\""), "{merged}");
    assert!(
        merged.contains("remarks = \"Merged; Merged into S3-240250\""),
        "{merged}"
    );
    assert!(
        merged.contains("title = \"=Alternative to KAUSF handling\""),
        "formulas are text: {merged}"
    );
    assert!(
        merged.contains("source = [\"Telefónica\", \"Deutsche Telekom AG\"]"),
        "{merged}"
    );
    assert!(table_of(&text, "S3-240106").contains("status = \"not treated\""));
    assert!(table_of(&text, "S3-240107").contains("status = \"endorsed\""));
    // The merged "Agenda item" cell counts for both rows.
    assert!(table_of(&text, "S3-240107").contains("item = \"7\""));
    assert!(
        table_of(&text, "S3-240101")
            .contains("source = [\"Huawei Technologies Co., Ltd\", \"HiSilicon\"]")
    );
    assert!(table_of(&text, "S3-240105").contains("source = [\"中国移动 (China Mobile)\"]"));

    // Importing the same list again changes nothing, byte for byte.
    let run = run
        .then()
        .args([
            "import",
            "TDoc_List_Meeting_SA3#114.xlsx",
            "--into",
            "m.toml",
        ])
        .success()
        .stdout_contains("no changes")
        .run();
    assert_eq!(run.read("m.toml"), text);
}

#[test]
fn rows_that_cannot_be_mapped_are_reported_and_strict_writes_nothing() {
    let (dir, meeting) = scratch("tests/import/sa3-114.toml");
    tdoc_xlsx::realistic(&dir.path().join("list.xlsx"), true).unwrap();
    let before = std::fs::read_to_string(&meeting).unwrap();

    let out = in_dir(
        dir.path(),
        &["import", "list.xlsx", "--into", "m.toml", "--strict"],
    )
    .status(1)
    .run()
    .stdout;
    assert!(out.contains("nothing written (--strict)"), "{out}");
    assert_eq!(std::fs::read_to_string(&meeting).unwrap(), before);

    let out = in_dir(dir.path(), &["import", "list.xlsx", "--into", "m.toml"])
        .status(1)
        .run()
        .stdout;
    insta::assert_snapshot!("tdoc_bad_rows", out);
    let text = std::fs::read_to_string(&meeting).unwrap();
    assert!(text.contains("S3-240252"), "good rows are imported");
    assert!(!text.contains("S3-240301") && !text.contains("S3-240302"));
    in_dir(dir.path(), &["check", "m.toml"]).success().run();
}

#[test]
fn a_portal_export_joins_revision_chains() {
    let (dir, meeting) = scratch("schedules/sec-10-berlin.toml");
    let list = fixture("sec-portal.csv");
    in_dir(dir.path(), &["import", &list, "--into", "m.toml"])
        .success()
        .run();
    let text = std::fs::read_to_string(&meeting).unwrap();
    // The file's chain SEC-2014-0243R01 > R02 gains R03 and the latest status.
    let chain = table_of(&text, "SEC-2014-0243R01");
    assert!(chain.contains("revisions = [\"R02\", \"R03\"]"), "{chain}");
    assert!(chain.contains("status = \"agreed\""), "{chain}");
    assert!(
        chain.contains("title = \"Overview of Security Frameworks (final)\""),
        "{chain}"
    );
    assert!(
        chain.contains("revision_expected = true"),
        "hand-written: {chain}"
    );
    assert!(
        table_of(&text, "SEC-2014-0271")
            .contains(r#"title = 'Security of the "remote" provisioning'"#)
    );
    assert!(
        text.contains("number = \"13\"\ntitle = \"Agenda item 13\""),
        "{text}"
    );
    // The file's comments are still there.
    assert!(
        text.contains(
            "# ----------------------------------------------------------- contributions"
        )
    );
    in_dir(dir.path(), &["check", "m.toml"]).success().run();
    let out = in_dir(dir.path(), &["import", &list, "--into", "m.toml"])
        .success()
        .run()
        .stdout;
    assert!(out.contains("no changes"), "{out}");
    assert_eq!(std::fs::read_to_string(&meeting).unwrap(), text);
}

#[test]
fn the_csv_template_imports_with_links_and_new_items() {
    let (dir, meeting) = scratch("schedules/sec-10-berlin.toml");
    let list = fixture("template.csv");
    let out = in_dir(dir.path(), &["import", &list, "--into", "m.toml"])
        .success()
        .run()
        .stdout;
    assert!(out.contains("agendum CSV template"), "{out}");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let rev = table_of(&text, "SEC-2024-0102");
    assert!(rev.contains("revision_of = \"SEC-2024-0101\""), "{rev}");
    assert!(
        rev.contains("remarks = \"agreed; Agreed with changes\""),
        "{rev}"
    );
    assert!(table_of(&text, "SEC-2024-0101").contains("source = [\"Acme Corp.\", \"Globex\"]"));
    assert!(
        text.contains("number = \"14\"\ntitle = \"Agenda item 14\""),
        "{text}"
    );
    in_dir(dir.path(), &["check", "m.toml"]).success().run();
}

#[test]
fn bad_lists_are_refused_with_the_file_row_and_column() {
    let (dir, meeting) = scratch("tests/import/sa3-114.toml");
    let before = std::fs::read_to_string(&meeting).unwrap();
    let p = dir.path();

    // A required column is missing: say which, list the headers, guess.
    std::fs::write(p.join("l.csv"), "TDoc,Title,Agenda itme\nS3-240001,x,5\n").unwrap();
    let err = in_dir(p, &["import", "l.csv", "--into", "m.toml"])
        .status(2)
        .run()
        .stderr;
    insta::assert_snapshot!("missing_column", err);

    // Not a spreadsheet, not text.
    std::fs::write(p.join("l.pdf"), b"%PDF-1.4\n\x00\x01\x02").unwrap();
    let err = in_dir(p, &["import", "l.pdf", "--into", "m.toml"])
        .status(2)
        .run()
        .stderr;
    assert!(err.contains("l.pdf: is neither a spreadsheet"), "{err}");

    // A zip that is no workbook.
    std::fs::write(p.join("l.xlsx"), b"PK\x03\x04garbage").unwrap();
    let err = in_dir(p, &["import", "l.xlsx", "--into", "m.toml"])
        .status(2)
        .run()
        .stderr;
    assert!(
        err.contains("l.xlsx: is not a readable spreadsheet"),
        "{err}"
    );

    // A workbook with nothing in it.
    tdoc_xlsx::write(&p.join("empty.xlsx"), &[], &[], &[]).unwrap();
    let err = in_dir(p, &["import", "empty.xlsx", "--into", "m.toml"])
        .status(2)
        .run()
        .stderr;
    assert!(
        err.contains("empty.xlsx: the workbook has no rows"),
        "{err}"
    );

    // Headers of no known kind.
    std::fs::write(p.join("k.csv"), "a,b\n1,2\n").unwrap();
    let err = in_dir(p, &["import", "k.csv", "--into", "m.toml"])
        .status(2)
        .run()
        .stderr;
    assert!(
        err.contains("k.csv: row 1: cannot tell which kind of list"),
        "{err}"
    );
    assert!(err.contains("--format"), "{err}");

    // Not UTF-8.
    std::fs::write(
        p.join("latin1.csv"),
        b"TDoc,Title,Agenda item\nS3-240001,Telef\xf3nica,5\n",
    )
    .unwrap();
    let err = in_dir(p, &["import", "latin1.csv", "--into", "m.toml"])
        .status(2)
        .run()
        .stderr;
    assert!(
        err.contains("latin1.csv: row 2: the text is not UTF-8"),
        "{err}"
    );

    // Missing list, missing meeting file.
    let err = in_dir(p, &["import", "nope.csv", "--into", "m.toml"])
        .status(2)
        .run()
        .stderr;
    assert!(
        err.contains("nope.csv: cannot open the list: no such file"),
        "{err}"
    );
    std::fs::write(p.join("ok.csv"), "TDoc,Title,Agenda item\nS3-240001,x,5\n").unwrap();
    let err = in_dir(p, &["import", "ok.csv", "--into", "nope.toml"])
        .status(2)
        .run()
        .stderr;
    assert!(err.contains("nope.toml"), "{err}");

    assert_eq!(
        std::fs::read_to_string(&meeting).unwrap(),
        before,
        "never written"
    );
}

#[test]
fn a_cell_that_is_not_a_valid_number_names_row_and_column() {
    let (dir, _) = scratch("tests/import/sa3-114.toml");
    std::fs::write(
        dir.path().join("l.csv"),
        "Tdoc;Title;Agenda item\nS3-240001;ok;5\nS3-240002;bad;5..1\n12345;bare;5\n",
    )
    .unwrap();
    let out = in_dir(dir.path(), &["import", "l.csv", "--into", "m.toml"])
        .status(1)
        .run()
        .stdout;
    assert!(
        out.contains("l.csv: row 3, column \"Agenda item\": `5..1` is not an agenda number"),
        "{out}"
    );
    assert!(
        out.contains("l.csv: row 4, column \"Tdoc\": `12345` is not a contribution number"),
        "{out}"
    );
    assert!(out.contains("1 contribution added"), "{out}");
}
