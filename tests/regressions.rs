//! Inputs the fuzzers (fuzz/, see fuzz/README.md) found crashing agendum,
//! each run through the real binary: it must fail with a clear message and
//! exit code 2, never panic, and leave the meeting file as it was.

use std::path::Path;

use assert_cmd::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `agendum import` of `tests/regressions/NAME` into a copy of a real
/// meeting file; returns the exit code, the standard error, and whether the
/// meeting file is unchanged.
fn import_into_copy(name: &str) -> (Option<i32>, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("m.toml");
    std::fs::copy(Path::new(ROOT).join("tests/import/sa3-114.toml"), &meeting).unwrap();
    let before = std::fs::read(&meeting).unwrap();
    let out = Command::cargo_bin("agendum")
        .unwrap()
        .arg("import")
        .arg(Path::new(ROOT).join("tests/regressions").join(name))
        .arg("--into")
        .arg(&meeting)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let unchanged = std::fs::read(&meeting).unwrap() == before;
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        unchanged,
    )
}

/// Found by `import_xlsx` (crash-74560690): a worksheet whose `<dimension ref="A6:E2">`
/// ends above where it starts made calamine 0.35 subtract with overflow
/// (a panic in builds with overflow checks, such as `cargo test`'s).
#[test]
fn a_worksheet_dimension_that_ends_before_it_starts() {
    let (code, err, unchanged) = import_into_copy("xlsx-dimension-backwards.xlsx");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("xlsx-dimension-backwards.xlsx: is not a readable spreadsheet"),
        "{err}"
    );
    assert!(unchanged);
}

/// Found by `import_xlsx` (timeout-a0aa34a4): a cell reference `ourcD2`
/// reads as column 7,235,986; scoring millions of empty header cells took
/// minutes. A sheet wider or longer than a spreadsheet program allows is now
/// refused at once.
#[test]
fn a_cell_reference_far_beyond_the_last_column() {
    let (code, err, unchanged) = import_into_copy("xlsx-column-ourcD2.xlsx");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("spans 2 rows and 7235986 columns; a spreadsheet has at most 1048576 rows and 16384 columns"),
        "{err}"
    );
    assert!(unchanged);
}
