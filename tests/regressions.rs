//! Inputs the fuzzers (fuzz/, see fuzz/README.md) found crashing agendum,
//! each run through the real binary: it must fail with a clear message and
//! exit code 2, never panic, and leave the meeting file as it was.

use std::time::Duration;

use crate::support::{agendum, root};

/// Runs `agendum import` of `tests/regressions/NAME` into a copy of a real
/// meeting file; returns the exit code, the standard error, and whether the
/// meeting file is unchanged.
fn import_into_copy(name: &str) -> (i32, String, bool) {
    let test = agendum().copy("m.toml", "tests/import/sa3-114.toml");
    let before = std::fs::read(test.path("m.toml")).unwrap();
    let out = test
        .arg("import")
        .arg(root("tests/regressions").join(name))
        .args(["--into", "m.toml"])
        .timeout(Duration::from_secs(60))
        .run();
    let unchanged = std::fs::read(out.path("m.toml")).unwrap() == before;
    (out.status, out.stderr, unchanged)
}

/// Found by `import_xlsx` (crash-74560690): a worksheet whose `<dimension ref="A6:E2">`
/// ends above where it starts made calamine 0.35 subtract with overflow
/// (a panic in builds with overflow checks, such as `cargo test`'s).
#[test]
fn a_worksheet_dimension_that_ends_before_it_starts() {
    let (code, err, unchanged) = import_into_copy("xlsx-dimension-backwards.xlsx");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("xlsx-dimension-backwards.xlsx: is not a readable spreadsheet"),
        "{err}"
    );
    assert!(unchanged);
}

/// Found by `import_xlsx` (timeout-a0aa34a4): a cell reference `ourcD2`
/// reads as column 7,235,986; scoring millions of empty header cells took
/// minutes. A filled cell past the last column a spreadsheet program allows
/// is now refused as soon as the cell reader reaches it.
#[test]
fn a_cell_reference_far_beyond_the_last_column() {
    let (code, err, unchanged) = import_into_copy("xlsx-column-ourcD2.xlsx");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("row 2: the list is too large: worksheet `TDoc_List` has a cell in column 7235986; a list may have at most 16384 columns"),
        "{err}"
    );
    assert!(unchanged);
}
