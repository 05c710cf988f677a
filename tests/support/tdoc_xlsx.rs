//! Writes realistic 3GPP Tdoc lists as .xlsx for tests and benchmarks, the
//! way the portal exports them: header spelling and column order drift
//! between meetings, agenda items stored as numbers, revision chains given
//! from either side, empty rows, merged cells and non-ASCII sources.

#![allow(dead_code)]

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One cell to write.
#[derive(Debug, Clone)]
pub enum X {
    /// A text cell.
    T(&'static str),
    /// An owned text cell.
    S(String),
    /// A number cell (how spreadsheets store `9.3`).
    N(f64),
    /// Nothing.
    E,
}

/// Writes `rows` under `headers` in the first worksheet, merging each
/// `(first_row, col, last_row)` region (rows 0-based under the header).
pub fn write(
    path: &Path,
    headers: &[&str],
    rows: &[Vec<X>],
    merges: &[(u32, u16, u32)],
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("TDoc_List")?;
    for (c, h) in (0u16..).zip(headers) {
        sheet.write_string(0, c, *h)?;
    }
    for &(first, col, last) in merges {
        sheet.merge_range(first + 1, col, last + 1, col, "", &Format::new())?;
    }
    for (r, row) in (1u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(row) {
            match cell {
                X::T(t) => {
                    sheet.write_string(r, c, *t)?;
                }
                X::S(t) => {
                    sheet.write_string(r, c, t.as_str())?;
                }
                X::N(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                X::E => {}
            }
        }
    }
    book.save(path)
}

/// The headers of a list exported at one meeting (3GPP's own spelling).
pub const HEADERS_A: &[&str] = &[
    "TDoc",
    "Title",
    "Source",
    "Contact",
    "Contact ID",
    "Type",
    "For",
    "Abstract",
    "Secretary Remarks",
    "Agenda item sort order",
    "Agenda item",
    "Agenda item description",
    "TDoc Status",
    "Reservation date",
    "Is revision of",
    "Revised to",
    "Release",
    "Spec",
    "Version",
    "CR",
    "CR revision",
    "CR category",
    "Reply to",
    "To",
    "Cc",
];

/// The same list as exported at a later meeting: other order, other case
/// and spacing, one column renamed.
pub const HEADERS_B: &[&str] = &[
    "Tdoc",
    "AGENDA ITEM",
    "Agenda Item Description",
    "Title",
    "Source ",
    "Type",
    "Tdoc Status",
    "Secretary remarks",
    "Is Revision Of",
    "Revised To",
    "Contact",
    "For",
    "Abstract",
    "Rel",
    "Spec",
    "CR",
    "CR Category",
];

/// One Tdoc row in [`HEADERS_B`] order.
#[allow(clippy::too_many_arguments)]
fn row_b(
    tdoc: X,
    item: X,
    item_desc: &'static str,
    title: &'static str,
    source: &'static str,
    kind: &'static str,
    status: &'static str,
    remarks: &'static str,
    revision_of: &'static str,
    revised_to: &'static str,
) -> Vec<X> {
    let t = |s: &'static str| if s.is_empty() { X::E } else { X::T(s) };
    vec![
        tdoc,
        item,
        t(item_desc),
        t(title),
        t(source),
        t(kind),
        t(status),
        t(remarks),
        t(revision_of),
        t(revised_to),
        X::T("Ana Lima"),
        X::T("Approval"),
        X::T("Abstract of the document."),
        X::T("Rel-18"),
        X::T("33.501"),
        X::E,
        X::E,
    ]
}

/// A realistic SA3 Tdoc list ([`HEADERS_B`]): float agenda items (`5.3`,
/// `2`), a text `5.10`, a revision chain given by "Is revision of", one given
/// only by "Revised to", a merged contribution, an empty row, a merged
/// "Agenda item" cell over two rows, non-ASCII sources, text that looks like
/// a formula. With `bad_rows`, three rows that cannot be mapped are added.
// The list is data, one row per line of the table.
#[allow(clippy::too_many_lines)]
pub fn realistic(path: &Path, bad_rows: bool) -> Result<(), XlsxError> {
    use X::{E, N, T};
    let mut rows = vec![
        row_b(
            T("S3-240001"),
            N(2.0),
            "Approval of Agenda and Meeting Objectives",
            "Agenda and Meeting Objectives",
            "SA WG3 Chair",
            "agenda",
            "Approved",
            "",
            "",
            "",
        ),
        row_b(
            T("S3-240010"),
            N(4.1),
            "Liaison statements",
            "LS on security aspects of ranging",
            "CT WG1",
            "LS in",
            "Noted",
            "",
            "",
            "",
        ),
        row_b(
            T("S3-240101"),
            N(5.3),
            "Key hierarchy",
            "Key derivation update",
            "Huawei Technologies Co., Ltd, HiSilicon",
            "CR",
            "Agreed",
            "",
            "",
            "",
        ),
        row_b(
            T("S3-240102"),
            N(5.3),
            "Key hierarchy",
            "Clarify KAUSF handling",
            "Ericsson",
            "CR",
            "Revised",
            "",
            "",
            "S3-240250",
        ),
        row_b(
            T("S3-240103"),
            T("5.10"),
            "Ranging and sidelink positioning",
            "New solution for ranging privacy",
            "Nokia, Nokia Shanghai Bell",
            "pCR",
            "Revised",
            "",
            "",
            "S3-240251",
        ),
        vec![E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E],
        row_b(
            T("S3-240104"),
            N(5.3),
            "Key hierarchy",
            "=Alternative to KAUSF handling",
            "Telefónica, Deutsche Telekom AG",
            "CR",
            "Merged",
            "Merged into S3-240250",
            "",
            "",
        ),
        row_b(
            T("S3-240105"),
            T("9.3.10"),
            "Study on AKMA roaming",
            "-1 dB: AKMA roaming key anchor",
            "中国移动 (China Mobile)",
            "pCR",
            "Withdrawn",
            "",
            "",
            "",
        ),
        row_b(
            T("S3-240106"),
            N(7.0),
            "Any other business",
            "Discussion on work planning",
            "Qualcomm Incorporated",
            "discussion",
            "Not Handled",
            "",
            "",
            "",
        ),
        row_b(
            T("S3-240107"),
            E,
            "",
            "Proposal for editorial cleanup",
            "Orange",
            "discussion",
            "Technically endorsed",
            "",
            "",
            "",
        ),
        row_b(
            T("S3-240250"),
            N(5.3),
            "Key hierarchy",
            "Clarify KAUSF handling",
            "Ericsson, Telefónica",
            "CR",
            "Agreed",
            "",
            "S3-240102",
            "",
        ),
        row_b(
            T("S3-240251"),
            T("5.10"),
            "Ranging and sidelink positioning",
            "New solution for ranging privacy",
            "Nokia, Nokia Shanghai Bell",
            "pCR",
            "Approved",
            "",
            "",
            "",
        ),
        row_b(
            T("S3-240252"),
            N(5.3),
            "Key hierarchy",
            "Draft CR on SUCI",
            "Apple",
            "draftCR",
            "Available",
            "",
            "",
            "",
        ),
    ];
    if bad_rows {
        rows.push(row_b(
            T("S3 240300"),
            N(5.3),
            "Key hierarchy",
            "Bad number",
            "Apple",
            "CR",
            "Agreed",
            "",
            "",
            "",
        ));
        rows.push(row_b(
            T("S3-240301"),
            T("five"),
            "Key hierarchy",
            "Bad item",
            "Apple",
            "CR",
            "Agreed",
            "",
            "",
            "",
        ));
        rows.push(row_b(
            T("S3-240302"),
            N(5.3),
            "Key hierarchy",
            "Bad status",
            "Apple",
            "CR",
            "Pending approval",
            "",
            "",
            "",
        ));
    }
    // "Agenda item" (column 1) of S3-240106 and S3-240107 is one merged cell.
    write(path, HEADERS_B, &rows, &[(8, 1, 9)])
}

/// A generated list of `n` Tdocs over 60 agenda items, in [`HEADERS_A`]
/// order, every tenth a revision of the one before.
pub fn generated(path: &Path, n: u32) -> Result<(), XlsxError> {
    let statuses = [
        "Available",
        "Agreed",
        "Noted",
        "Revised",
        "Approved",
        "Merged",
        "Withdrawn",
        "Not Handled",
    ];
    let sources = [
        "Ericsson",
        "Nokia, Nokia Shanghai Bell",
        "Huawei, HiSilicon",
        "Qualcomm Incorporated",
        "Telefónica S.A.",
        "中国移动",
    ];
    let rows: Vec<Vec<X>> = (0..n)
        .map(|i| {
            let item = f64::from(4 + i % 6) + f64::from(1 + i % 10) / 10.0;
            let revision_of = if i % 10 == 9 {
                X::S(format!("S3-24{:04}", i - 1))
            } else {
                X::E
            };
            let mut row = vec![
                X::S(format!("S3-24{i:04}")),
                X::S(format!("Contribution {i} on topic {}", i % 37)),
                X::T(sources[(i % 6) as usize]),
                X::T("Ana Lima"),
                X::N(f64::from(10_000 + i)),
                X::T("CR"),
                X::T("Approval"),
                X::S(format!(
                    "Abstract of contribution {i}, which proposes a change."
                )),
                X::E,
                X::N(f64::from(i)),
                X::N(item),
                X::S(format!("Topic {item}")),
                X::T(statuses[(i % 8) as usize]),
                X::T("2024-02-01"),
                revision_of,
                X::E,
                X::T("Rel-18"),
                X::T("33.501"),
                X::T("18.4.0"),
                X::S(format!("{}", 1000 + i)),
                X::E,
                X::T("F"),
                X::E,
                X::E,
                X::E,
            ];
            row.truncate(HEADERS_A.len());
            row
        })
        .collect();
    write(path, HEADERS_A, &rows, &[])
}
