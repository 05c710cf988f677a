//! `agendum release`: publish a new version of a site made by `agendum
//! site` or an earlier release, with the feeds updated the way `agendum ics
//! --previous` updates a calendar and a changelog of what changed.
//!
//! The history lives in the site (`releases.json`), so the folder a web
//! server serves is all a release needs. A release with nothing changed
//! is built with the last release's time, so it gives the same bytes and
//! writes nothing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::prelude::{self, Refusal, judge};
use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, plural};
use crate::check;
use crate::diagnostic::{self, Diagnostic};
use crate::export::site::release::{self, History, Published};
use crate::export::site::{self, Site};
use crate::load::{revision, week};

/// Arguments of `agendum release`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReleaseArgs {
    /// Meeting files (TOML); several files form one week.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The published site to compare with and update: the folder `agendum
    /// site` or `agendum release` wrote (its week.json, feeds and
    /// releases.json).
    #[arg(
        long,
        value_name = "DIR",
        required_unless_present = "previous_rev",
        conflicts_with = "previous_rev"
    )]
    pub previous: Option<PathBuf>,
    /// Compare with the meeting files as they were at git revision REV
    /// (HEAD~1, a tag) of the repository that holds them, instead of a
    /// published folder: the site of that version is built as `agendum
    /// site` would build it at the commit's time, and the feeds count
    /// SEQUENCE from it. A FILE the commit lacks is a meeting added since
    /// (its sessions are new). Needs -o (there is no folder to update in
    /// place), and OUT must not hold releases yet: update those with
    /// --previous OUT.
    #[arg(long, value_name = "REV", requires = "output")]
    pub previous_rev: Option<String>,
    /// Where to write the released site (default: the --previous folder,
    /// updated in place; needed with --previous-rev). Files that have not
    /// changed are left as they are.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Release even when `agendum check` finds conflicts (they are listed).
    #[arg(long)]
    pub force: bool,
    /// Where the site is served (`https://wg.example.org/sec24/`): absolute
    /// subscribe links and Atom links.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

/// Runs `agendum release`.
pub fn run(args: &ReleaseArgs, out: &mut dyn Write) -> io::Result<u8> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let now = match super::site::start("release", args.url.as_deref(), &mut err)? {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    // The snapshot holds the previous site's temporary folder until the
    // release is written.
    let (published, history, previous, snapshot) = match previous_site(args, &mut err)? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let week = match gate(args, &mut err)? {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };
    let output = args.output.clone().unwrap_or_else(|| previous.clone());
    let options = |stamp, history: Option<History>| site::Options {
        stamp,
        base_url: args.url.clone(),
        banner: None,
        previous: Some(previous.clone()),
        history,
    };

    // The site as the last release would give it for this week: when it
    // is the published one, there is nothing to release.
    let last = history.as_ref().and_then(History::last_time);
    let mut same = match super::site::build(
        &week,
        &options(last.unwrap_or(now), history.clone()),
        &mut err,
    )? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let current = match same
        .files
        .get("week.json")
        .map(|f| Published::parse(&f.bytes))
    {
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            writeln!(err, "agendum release: the new week.json: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
        None => {
            writeln!(err, "agendum release: the site has no week.json")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let changes = release::compare(&published, &current);
    let updated = differing(&same, &previous);
    if let (Some(h), true, true) = (&history, changes.is_empty(), updated.is_empty()) {
        let n = h.releases.len();
        let written = write(&mut same, &previous, &output, &args.files, &mut err)?;
        let Ok(written) = written else {
            return Ok(EXIT_UNREADABLE);
        };
        writeln!(
            out,
            "agendum release: no change since release {n}; {} files in {}, {written} written",
            same.files.len(),
            output.display()
        )?;
        return Ok(EXIT_OK);
    }

    let mut history = history.unwrap_or_else(|| History::first(&week));
    let summary = release::summary(&changes).unwrap_or_else(|| {
        if history.releases.is_empty() {
            let before = match &args.previous_rev {
                Some(rev) => format!("as at {}", diagnostic::sanitize_for_terminal(rev)),
                None => "as published before".to_string(),
            };
            format!(
                "First release: {} session{}, {before}",
                current.sessions(),
                plural(current.sessions())
            )
        } else {
            format!("No session changed; updated: {}", list(&updated))
        }
    });
    let made = history.push(now, summary, changes).clone();
    let mut built = match super::site::build(&week, &options(now, Some(history)), &mut err)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let Ok(written) = write(&mut built, &previous, &output, &args.files, &mut err)? else {
        return Ok(EXIT_UNREADABLE);
    };
    report(out, &made, &built, &output, written)?;
    drop(snapshot);
    Ok(EXIT_OK)
}

/// What the release compares with: the published week, the history
/// (none before the first release), the folder of the previous feeds, and
/// with `--previous-rev` the snapshot that holds that folder.
type Previous = (
    Published,
    Option<History>,
    PathBuf,
    Option<revision::Snapshot>,
);

/// The published site of `--previous DIR` or `--previous-rev REV`.
fn previous_site(args: &ReleaseArgs, err: &mut dyn Write) -> io::Result<Result<Previous, u8>> {
    match (&args.previous, &args.previous_rev) {
        (Some(dir), _) => match read_previous(dir) {
            Ok((p, h)) => Ok(Ok((p, h, dir.clone(), None))),
            Err(e) => {
                writeln!(err, "agendum release: {e}")?;
                Ok(Err(EXIT_UNREADABLE))
            }
        },
        (None, Some(rev)) => {
            Ok(at_revision(args, rev, err)?
                .map(|(p, dir, snapshot)| (p, None, dir, Some(snapshot))))
        }
        (None, None) => {
            writeln!(
                err,
                "agendum release: give --previous DIR (the published folder) or --previous-rev REV"
            )?;
            Ok(Err(EXIT_UNREADABLE))
        }
    }
}

/// The week as it was at git revision `rev` (`--previous-rev`): its site,
/// built as `agendum site` would have built it at the commit's time and
/// written to a temporary folder (the previous feeds are read from
/// there), and its week.json. Files the commit lacks are meetings added
/// since; none at all gives an empty published week.
fn at_revision(
    args: &ReleaseArgs,
    rev: &str,
    err: &mut dyn Write,
) -> io::Result<Result<(Published, PathBuf, revision::Snapshot), u8>> {
    let shown = diagnostic::sanitize_for_terminal(rev);
    let fail = |err: &mut dyn Write, e: &str| -> io::Result<Result<_, u8>> {
        writeln!(err, "agendum release: --previous-rev {shown}: {e}")?;
        Ok(Err(EXIT_UNREADABLE))
    };
    if let Some(out) = &args.output {
        if out.join("releases.json").is_file() {
            return fail(
                err,
                &format!(
                    "{} holds releases (releases.json): update it with `agendum release FILES --previous {}`, or write the release elsewhere",
                    out.display(),
                    out.display()
                ),
            );
        }
    }
    let snapshot = match revision::at(rev, &args.files) {
        Ok(s) => s,
        Err(e) => return fail(err, &e),
    };
    let dir = match snapshot.scratch("site") {
        Ok(d) => d,
        Err(e) => return fail(err, &e),
    };
    let files: Vec<PathBuf> = snapshot.files.iter().flatten().cloned().collect();
    if files.is_empty() {
        return Ok(Ok((Published::default(), dir, snapshot)));
    }
    // What the commit lacks is often what the others need (the file that
    // declares the rooms): say so.
    let missing: Vec<String> = args
        .files
        .iter()
        .zip(&snapshot.files)
        .filter(|(_, at)| at.is_none())
        .map(|(f, _)| f.display().to_string())
        .collect();
    let cannot = |what: &str| {
        let lacks = if missing.is_empty() {
            String::new()
        } else {
            format!("; that commit has no {}", missing.join(", "))
        };
        format!(
            "the meeting files as they were at {} {what} (see above; the paths are of a temporary copy of that commit){lacks}",
            &snapshot.commit[..snapshot.commit.len().min(12)]
        )
    };
    let loaded = match week::load(&files) {
        Ok(l) => l,
        Err(failure) => {
            prelude::print_failure(err, &failure)?;
            return fail(err, &cannot("cannot be read"));
        }
    };
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for d in &errors {
            err.write_all(diagnostic::format_human(&loaded.week.sources, d).as_bytes())?;
        }
        let n = errors.len();
        return fail(err, &cannot(&format!("have {n} error{}", plural(n))));
    }
    let options = site::Options {
        stamp: snapshot.time,
        base_url: args.url.clone(),
        banner: None,
        previous: None,
        history: None,
    };
    let built = match site::build(&loaded.week, &options) {
        Ok(s) => s,
        Err(site::Error::Empty) => return Ok(Ok((Published::default(), dir, snapshot))),
        Err(site::Error::Calendar(d)) => {
            diagnostic::render_human(err, &loaded.week.sources, &d)?;
            return fail(
                err,
                "the feeds of the week as it was then cannot be made (see above)",
            );
        }
        Err(site::Error::Internal(e)) => return fail(err, &e),
    };
    if let Err(e) = super::site::write_site(&built, &dir, &args.files) {
        return fail(err, &e);
    }
    let published = match built
        .files
        .get("week.json")
        .map(|f| Published::parse(&f.bytes))
    {
        Some(Ok(p)) => p,
        Some(Err(e)) => return fail(err, &format!("its week.json: {e}")),
        None => Published::default(),
    };
    Ok(Ok((published, dir, snapshot)))
}

/// Prints the release made and what was written.
fn report(
    out: &mut dyn Write,
    made: &release::Release,
    built: &Site,
    output: &Path,
    written: usize,
) -> io::Result<()> {
    writeln!(
        out,
        "agendum release: release {}: {}",
        made.number, made.summary
    )?;
    for c in &made.changes {
        writeln!(
            out,
            "  {}: {}",
            c.kind.label(),
            diagnostic::sanitize_for_terminal(&c.text)
        )?;
    }
    writeln!(
        out,
        "agendum release: {} files ({} bytes) in {}, {written} written",
        built.files.len(),
        built.size(),
        output.display()
    )?;
    Ok(())
}

/// The published week (`week.json`) and release history (`releases.json`,
/// absent before the first release) of the folder `dir`.
fn read_previous(dir: &Path) -> Result<(Published, Option<History>), String> {
    if !dir.is_dir() {
        return Err(format!(
            "--previous {}: no such folder; give the folder `agendum site FILES -o DIR` wrote (make it first)",
            dir.display()
        ));
    }
    let json = dir.join("week.json");
    let bytes = std::fs::read(&json).map_err(|e| {
        format!(
            "{}: cannot read it ({e}); --previous names a folder `agendum site` or `agendum release` wrote",
            json.display()
        )
    })?;
    let published = Published::parse(&bytes).map_err(|e| format!("{}: {e}", json.display()))?;
    let path = dir.join("releases.json");
    let history = match std::fs::read(&path) {
        Ok(bytes) => Some(History::parse(&bytes).map_err(|e| {
            format!(
                "{}: {e}; it is the release history `agendum release` keeps: restore it from the published copy",
                path.display()
            )
        })?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: cannot read it: {e}", path.display())),
    };
    Ok((published, history))
}

/// Loads the week and runs the checks of `agendum check`. Errors in the
/// files always stop the release; conflicts stop it unless `--force`.
/// Either way every error is listed.
fn gate(args: &ReleaseArgs, err: &mut dyn Write) -> io::Result<Result<week::Week, u8>> {
    let refusal = Refusal {
        command: "release",
        unreadable: Some("no release made: a file cannot be read (see above)"),
        invalid: &|n| {
            format!(
                "no release made: the files have {n} error{} (see above); --force passes only the conflicts `agendum check` finds, never errors in the files",
                plural(n)
            )
        },
        errors_only: true,
    };
    let loaded = match week::load(&args.files) {
        Ok(l) => l,
        Err(failure) => {
            prelude::print_failure(err, &failure)?;
            writeln!(
                err,
                "agendum release: no release made: a file cannot be read (see above)"
            )?;
            return Ok(Err(EXIT_UNREADABLE));
        }
    };
    let week = match judge(loaded, &refusal, err)? {
        Ok(w) => w,
        Err(code) => return Ok(Err(code)),
    };
    let settings = check::Settings::default();
    let found = check::silence(&week, &settings, check::check(&week, &settings));
    let errors: Vec<&Diagnostic> = found.iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        return Ok(Ok(week));
    }
    for d in &errors {
        err.write_all(diagnostic::format_human(&week.sources, d).as_bytes())?;
    }
    let n = errors.len();
    if args.force {
        writeln!(
            err,
            "agendum release: releasing with {n} error{} that `agendum check` finds (--force)",
            plural(n)
        )?;
        Ok(Ok(week))
    } else {
        writeln!(
            err,
            "agendum release: no release made: `agendum check` finds {n} error{} (see above); fix them, or pass --force to release anyway",
            plural(n)
        )?;
        Ok(Err(EXIT_PROBLEMS))
    }
}

/// The release files: they change with every release.
fn is_release_file(path: &str) -> bool {
    matches!(path, "changelog.html" | "atom.xml" | "releases.json")
}

/// The files of `site` that differ from their copy in `dir` by more than
/// the build's time (see [`same_but_time`]), the release files left out.
fn differing(site: &Site, dir: &Path) -> Vec<String> {
    site.files
        .iter()
        .filter(|(path, _)| !is_release_file(path))
        .filter(|(path, file)| {
            std::fs::read(dir.join(path)).map_or(true, |b| !same_but_time(path, &b, &file.bytes))
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// Gives each file of `site` that is the same as its copy in `dir` but for
/// the build's time the bytes of that copy, so it is not written again:
/// a feed whose events did not change keeps its bytes (and a web server's
/// `ETag` and Last-Modified for it), and so does a page.
fn keep_unchanged(site: &mut Site, dir: &Path) {
    for (path, file) in &mut site.files {
        if is_release_file(path) {
            continue;
        }
        if let Ok(old) = std::fs::read(dir.join(path)) {
            if old != file.bytes && same_but_time(path, &old, &file.bytes) {
                file.bytes = old;
            }
        }
    }
}

/// Whether `old` and `new` differ at most in the time the site was built:
/// the `DTSTAMP` lines of a feed, the "Built by agendum on" date of a
/// page.
fn same_but_time(path: &str, old: &[u8], new: &[u8]) -> bool {
    if old == new {
        return true;
    }
    let ext = |e: &str| {
        Path::new(path)
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case(e))
    };
    let strip: fn(&str) -> String = if ext("ics") {
        |text| {
            text.split_inclusive('\n')
                .filter(|l| !l.starts_with("DTSTAMP:"))
                .collect()
        }
    } else if ext("html") {
        |text| {
            const BUILT: &str = "Built by agendum on ";
            match text.find(BUILT) {
                // "2016-07-22 09:06 UTC": 20 characters.
                Some(i) => {
                    let date = i + BUILT.len();
                    let end = (date + 20).min(text.len());
                    match text.get(end..) {
                        Some(rest) => format!("{}{rest}", &text[..date]),
                        None => text.to_string(),
                    }
                }
                None => text.to_string(),
            }
        }
    } else {
        return false;
    };
    match (std::str::from_utf8(old), std::str::from_utf8(new)) {
        (Ok(o), Ok(n)) => strip(o) == strip(n),
        _ => false,
    }
}

/// "documents.html, meeting/sec-24.html and 3 more".
fn list(paths: &[String]) -> String {
    const SHOWN: usize = 6;
    let mut s = paths
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOWN {
        s = format!("{s} and {} more", paths.len() - SHOWN);
    }
    s
}

/// Writes the site to `dir`, the files unchanged since `previous` but for
/// the build's time as they are there ([`keep_unchanged`]); says why it
/// could not be written.
fn write(
    site: &mut Site,
    previous: &Path,
    dir: &Path,
    inputs: &[PathBuf],
    err: &mut dyn Write,
) -> io::Result<Result<usize, ()>> {
    keep_unchanged(site, previous);
    match super::site::write_site(site, dir, inputs) {
        Ok(n) => Ok(Ok(n)),
        Err(e) => {
            writeln!(err, "agendum release: {e}")?;
            Ok(Err(()))
        }
    }
}
