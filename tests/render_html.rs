//! The HTML agenda in headless Chromium, a real consumer: it prints to an A4
//! PDF of fewer pages than with a page per day (read back with poppler's
//! `pdfinfo`) and a screenshot of the page is not blank. Both tools are installed by the
//! first test that needs them (tests/support/consumers.rs); the test fails,
//! not skips, when they are missing.

use std::path::Path;
use std::process::Command;

use crate::support::{agendum, consumers};

const BERLIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schedules/sec-10-berlin.toml");

fn chromium(dir: &Path, args: &[String], html: &Path) {
    let out = Command::new(consumers::chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn render_html(dir: &Path) -> std::path::PathBuf {
    let html = dir.join("agenda.html");
    agendum()
        .args(["render", BERLIN, "--format", "html", "-o"])
        .arg(&html)
        .success()
        .run();
    html
}

#[test]
fn the_seed_agenda_prints_to_the_expected_pages() {
    let dir = tempfile::tempdir().unwrap();
    let html = render_html(dir.path());
    let pdf = dir.path().join("agenda.pdf");
    chromium(
        dir.path(),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
        &html,
    );
    let info = Command::new(consumers::pdfinfo())
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    // It printed on 10 pages with a page break before each day; how full
    // the pages are is tests/pages.rs.
    assert!((5..10).contains(&pages), "{pages} pages: {info}");
    assert!(info.contains("(A4)"), "not A4: {info}");
}

#[test]
fn the_page_is_not_blank() {
    let dir = tempfile::tempdir().unwrap();
    let html = render_html(dir.path());
    let (bytes, channels) = screenshot(dir.path(), &html);
    let pixels = bytes.len() / channels;
    let inked = bytes
        .chunks(channels)
        .filter(|p| p.iter().take(3).any(|&v| v < 200))
        .count();
    // Text, rules and table headers: a few percent of the page at least.
    assert!(
        inked * 100 / pixels >= 3,
        "only {inked} of {pixels} pixels are not white"
    );
    // And the accent colour of the table headers is there.
    let accent = bytes
        .chunks(channels)
        .filter(|p| p.len() >= 3 && p[0] == 0x1f && p[1] == 0x4e && p[2] == 0x79)
        .count();
    assert!(accent > 1000, "no table header colour: {accent}");
}

/// The minutes (`--report`) in Chromium: they print to A4 pages and the
/// screenshot is not blank.
#[test]
fn the_minutes_print_and_are_not_blank() {
    const MONTREAL: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schedules/sec-24-montreal.toml"
    );
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("minutes.html");
    agendum()
        .args(["render", MONTREAL, "--report", "-o"])
        .arg(&html)
        .success()
        .run();
    let pdf = dir.path().join("minutes.pdf");
    chromium(
        dir.path(),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
        &html,
    );
    let info = Command::new(consumers::pdfinfo())
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    // Some 60 contributions with their notes: several pages, not dozens.
    assert!((5..=40).contains(&pages), "{pages} pages: {info}");
    assert!(info.contains("(A4)"), "not A4: {info}");

    let (bytes, channels) = screenshot(dir.path(), &html);
    let pixels = bytes.len() / channels;
    let inked = bytes
        .chunks(channels)
        .filter(|p| p.iter().take(3).any(|&v| v < 200))
        .count();
    assert!(
        inked * 100 / pixels >= 3,
        "only {inked} of {pixels} pixels are not white"
    );
}

/// A 1000x1400 screenshot of `html` by headless Chromium: its decoded
/// bytes and the number of samples per pixel.
fn screenshot(dir: &Path, html: &Path) -> (Vec<u8>, usize) {
    let png = dir.join("shot.png");
    chromium(
        dir,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1000,1400".into(),
        ],
        html,
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    buf.truncate(frame.buffer_size());
    (buf, frame.color_type.samples())
}
