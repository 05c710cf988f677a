//! `agendum check` on a series: SEC#24 (the Montreal seed) and the SEC#25
//! that `agendum next` made from it, recorded with `agendum record`; and the
//! minutes of SEC#25 reviewing the action items it carried.

use crate::next::sec_25;
use crate::support::Output;

/// The 1-based line of the first line starting with `needle` after the
/// first line containing `anchor`.
fn line_after(text: &str, anchor: &str, needle: &str) -> usize {
    let start = text
        .lines()
        .position(|l| l.contains(anchor))
        .unwrap_or_else(|| panic!("no `{anchor}` in the file"));
    start
        + 1
        + text
            .lines()
            .skip(start)
            .position(|l| l.starts_with(needle))
            .unwrap_or_else(|| panic!("no `{needle}` after `{anchor}`"))
}

fn record(out: Output, args: &[&str]) -> Output {
    out.then().arg("record").args(args).success().run()
}

const CHECK: [&str; 5] = [
    "check",
    "sec-24.toml",
    "out/sec-25.toml",
    "--allow",
    "unscheduled",
];

#[test]
fn a_consistent_series_says_nothing() {
    // SEC#25 takes up what SEC#24 left: agrees the R01 that SEC#24 expected,
    // closes the action it carried, raises a new one.
    let out = record(sec_25(), &["out/sec-25.toml", "SEC-2016-0137R01", "agreed"]);
    let out = record(out, &["out/sec-25.toml", "--close", "A-WG4-SEC233"]);
    let out = record(
        out,
        &[
            "out/sec-25.toml",
            "--action",
            "To review the carried CRs",
            "--who",
            "Laurent",
        ],
    );
    out.then()
        .args(CHECK)
        .args(["--deny", "warnings"])
        .success()
        .stdout_contains("agendum check: 2 files, 0 errors, 0 warnings")
        .run();
}

#[test]
fn an_action_closed_earlier_but_open_in_the_later_carried_copy_is_named_in_both_files() {
    // SEC#25 was made while SEC#24's minutes still said A-WG4-SEC233 open;
    // then SEC#24's record closed it: SEC#25's carried copy is stale.
    let out = record(sec_25(), &["sec-24.toml", "--close", "A-WG4-SEC233"]);
    let earlier = line_after(
        &out.read("sec-24.toml"),
        "reference = \"A-WG4-SEC233\"",
        "status = ",
    );
    let later = line_after(
        &out.read("out/sec-25.toml"),
        "reference = \"A-WG4-SEC233\"",
        "status = ",
    );
    let out = out
        .then()
        .args(CHECK)
        .success()
        .stdout_contains("warning[series-stale-action]: action item A-WG4-SEC233 is completed in SEC#24 but SEC#25 still holds it open")
        .stdout_contains(format!("--> out/sec-25.toml:{later}:10"))
        .stdout_contains("still open here, carried over from SEC#24")
        .stdout_contains(format!("::: sec-24.toml:{earlier}:10"))
        .stdout_contains("completed in SEC#24")
        .stdout_contains("`agendum record out/sec-25.toml --close A-WG4-SEC233`")
        .stdout_contains("0 errors, 1 warning")
        .run();
    // A warning like the others: it fails with --deny warnings, --allow silences it.
    let out = out
        .then()
        .args(CHECK)
        .args(["--deny", "warnings"])
        .status(1)
        .run();
    let out = out
        .then()
        .args(CHECK)
        .args(["--allow", "series-stale-action", "--deny", "warnings"])
        .success()
        .run();
    // Closing the carried copy too, as the help says, makes the series consistent.
    let out = record(out, &["out/sec-25.toml", "--close", "A-WG4-SEC233"]);
    out.then()
        .args(CHECK)
        .args(["--deny", "warnings"])
        .success()
        .run();
}

#[test]
fn a_new_action_that_reuses_a_closed_reference_is_not_stale() {
    // A-WG4-SEC231 is completed in SEC#24 and not carried; SEC#25 raises a
    // new item under the same reference: not a carried copy.
    let out = sec_25();
    let path = out.path("out/sec-25.toml");
    let text = out.read("out/sec-25.toml");
    let action = |carried: &str| {
        format!(
            "{text}\n[[actions]]\nreference = \"A-WG4-SEC231\"\nwhat = [\"A new item\"]\nstatus = \"open\"\n{carried}"
        )
    };
    std::fs::write(&path, action("")).unwrap();
    let mut out = out
        .then()
        .args(CHECK)
        .args(["--deny", "warnings"])
        .success()
        .stdout_contains("agendum check: 2 files, 0 errors, 0 warnings")
        .run();
    // Carried from SEC#24 (or from a meeting before the files given), it is.
    for from in ["SEC#24", "SEC#23"] {
        std::fs::write(&path, action(&format!("carried_from = \"{from}\"\n"))).unwrap();
        out = out
            .then()
            .args(CHECK)
            .success()
            .stdout_contains("warning[series-stale-action]: action item A-WG4-SEC231 is completed in SEC#24 but SEC#25 still holds it open")
            .stdout_contains(format!("still open here, carried over from {from}"))
            .run();
    }
    drop(out);
}

#[test]
fn open_earlier_and_closed_later_is_how_an_action_goes() {
    // Open in SEC#24, completed in SEC#25: nothing to say, whatever the
    // order of the files on the command line (the dates order the series).
    let out = record(sec_25(), &["out/sec-25.toml", "--close", "A-WG4-SEC233"]);
    out.then()
        .args([
            "check",
            "out/sec-25.toml",
            "sec-24.toml",
            "--allow",
            "unscheduled",
            "--deny",
            "warnings",
        ])
        .success()
        .run();
}

#[test]
fn a_document_decided_twice_differently_is_named_in_both_files() {
    // SEC#24's record is corrected to say SEC-2016-0137 was agreed there;
    // SEC#25 records the same revision noted.
    let out = record(sec_25(), &["sec-24.toml", "SEC-2016-0137", "agreed"]);
    let out = record(out, &["out/sec-25.toml", "SEC-2016-0137", "noted"]);
    let earlier = line_after(
        &out.read("sec-24.toml"),
        "number = \"SEC-2016-0137\"",
        "decision = \"agreed\"",
    );
    let later = line_after(
        &out.read("out/sec-25.toml"),
        "number = \"SEC-2016-0137\"",
        "decision = \"noted\"",
    );
    out.then()
        .args(CHECK)
        .success()
        .stdout_contains(
            "warning[series-decided-twice]: SEC-2016-0137 is decided agreed in SEC#24 and noted in SEC#25",
        )
        .stdout_contains(format!("--> out/sec-25.toml:{later}:12"))
        .stdout_contains("noted in SEC#25")
        .stdout_contains(format!("::: sec-24.toml:{earlier}:12"))
        .stdout_contains("agreed in SEC#24")
        .stdout_contains("0 errors, 1 warning")
        .run();
}

#[test]
fn a_decision_that_left_it_open_or_the_same_decision_is_not_twice() {
    // SEC#24 noted SEC-2016-0137 with a revision expected: that left it open,
    // and SEC#25 may decide the same revision.
    let out = record(sec_25(), &["out/sec-25.toml", "SEC-2016-0137", "agreed"]);
    let out = out
        .then()
        .args(CHECK)
        .args(["--deny", "warnings"])
        .success()
        .run();
    // Agreed in both: the same decision twice is not two decisions.
    let out = record(out, &["sec-24.toml", "SEC-2016-0137", "agreed"]);
    let out = out
        .then()
        .args(CHECK)
        .args(["--deny", "warnings"])
        .success()
        .run();
    // Agreed in SEC#24, postponed in SEC#25: postponing settles nothing.
    let out = record(out, &["sec-24.toml", "TP-2016-0199", "agreed"]);
    let out = record(out, &["out/sec-25.toml", "TP-2016-0199", "postponed"]);
    out.then()
        .args(CHECK)
        .args(["--deny", "warnings"])
        .success()
        .run();
}

#[test]
fn meetings_of_another_group_are_not_a_series() {
    // The same stale record, but the later file is a meeting of ARC: not
    // SEC's series, nothing to compare.
    let out = record(sec_25(), &["sec-24.toml", "--close", "A-WG4-SEC233"]);
    let out = record(out, &["sec-24.toml", "SEC-2016-0137", "agreed"]);
    let out = record(out, &["out/sec-25.toml", "SEC-2016-0137", "noted"]);
    let text = out.read("out/sec-25.toml");
    assert!(text.contains("\ngroup = \"SEC\"\n"));
    let out = out
        .then()
        .file(
            "out/sec-25.toml",
            text.replacen("\ngroup = \"SEC\"\n", "\ngroup = \"ARC\"\n", 1),
        )
        .args(CHECK)
        .args(["--deny", "warnings"])
        .success()
        .run();
    assert!(!out.stdout.contains("series-"), "{}", out.stdout);
}

#[test]
fn the_minutes_of_sec_25_review_the_carried_action_items_by_reference() {
    let out = record(
        sec_25(),
        &[
            "out/sec-25.toml",
            "SEC-2016-0137R01",
            "agreed",
            "--by",
            "Wolfgang",
        ],
    );
    let out = record(out, &["out/sec-25.toml", "--close", "A-WG4-SEC233"]);
    let out = record(
        out,
        &[
            "out/sec-25.toml",
            "--action",
            "To review the carried CRs",
            "--who",
            "Laurent",
        ],
    );
    let out = out
        .then()
        .args(["render", "out/sec-25.toml", "--report"])
        .success()
        .stdout_contains("4.2 Review of Action Items")
        .stdout_contains("SEC-2016-0137R01 was AGREED")
        .run();
    let minutes = &out.stdout;
    // Item 4.2: the carried items, by reference, with the status SEC#25
    // records, and where they come from.
    let review = &minutes[minutes.find("4.2 Review of Action Items").unwrap()..];
    let review = &review[..review.find("\n5 ").unwrap()];
    let row = review
        .lines()
        .find(|l| l.starts_with("A-WG4-SEC233"))
        .unwrap_or_else(|| panic!("no row for A-WG4-SEC233 in\n{review}"));
    assert!(row.trim_end().ends_with("COMPLETED"), "{row}");
    assert!(row.contains("check the security aspect in"), "{row}");
    // The 12 others SEC#24 left open (the minutes gave them no reference).
    assert_eq!(review.matches(" OPEN").count(), 12, "{review}");
    assert_eq!(
        review.matches("(carried over from SEC#24)").count(),
        13,
        "{review}"
    );
    // The action raised at SEC#25 is not reviewed as carried: it gets its own table.
    assert!(!review.contains("A-WG4-SEC234"), "{review}");
    let raised = &minutes[minutes
        .find("A-WG4-SEC234")
        .expect("the new action is listed")..];
    assert!(
        raised
            .lines()
            .next()
            .unwrap()
            .contains("To review the carried CRs")
    );
    assert!(raised.lines().next().unwrap().trim_end().ends_with("OPEN"));
}
