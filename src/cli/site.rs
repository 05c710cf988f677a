//! `agendum site`: write the week as a static site (pages, feeds, JSON).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::prelude::{Refusal, load_week};
use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::diagnostic;
use crate::export::site::{self, Site};

/// Arguments of `agendum site`.
#[derive(Debug, Clone, clap::Args)]
pub struct SiteArgs {
    /// Meeting files (TOML); several files form one week.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The folder to write the site into (made when missing). Files that
    /// have not changed are left as they are.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Where the site will be served (`https://wg.example.org/sec24/`), so
    /// that its subscribe links are absolute `https://` and `webcal://` URLs.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

/// Runs `agendum site`.
pub fn run(args: &SiteArgs, out: &mut dyn Write) -> io::Result<u8> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let refusal = Refusal {
        command: "site",
        unreadable: None,
        invalid: &|_| "no site written: the files have errors (see above)".to_string(),
        errors_only: false,
    };
    // A released site's feeds carry SEQUENCEs and cancellations that a
    // plain build would reset, and subscribed clients would ignore.
    if args.output.join("releases.json").is_file() {
        writeln!(
            err,
            "agendum site: {} holds releases (releases.json): a plain build would reset its feeds' SEQUENCE; update it with `agendum release FILES --previous {}`, or write the site elsewhere",
            args.output.display(),
            args.output.display()
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    let stamp = match start("site", args.url.as_deref(), &mut err)? {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let week = match load_week(&args.files, &refusal, &mut err)? {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };
    let options = site::Options {
        stamp,
        base_url: args.url.clone(),
        banner: None,
        previous: None,
        history: None,
    };
    let built = match build(&week, &options, &mut err)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    match write_site(&built, &args.output, &args.files) {
        Ok(written) => {
            writeln!(
                out,
                "agendum site: {} files ({} bytes) in {}, {written} written",
                built.files.len(),
                built.size(),
                args.output.display()
            )?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "agendum site: {e}")?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

/// Builds the site, printing why it cannot be built.
pub(crate) fn build(
    week: &crate::load::week::Week,
    options: &site::Options,
    err: &mut dyn Write,
) -> io::Result<Result<Site, u8>> {
    match site::build(week, options) {
        Ok(s) => Ok(Ok(s)),
        Err(site::Error::Empty) => {
            writeln!(err, "agendum site: the week has no session to publish")?;
            Ok(Err(EXIT_PROBLEMS))
        }
        Err(site::Error::Calendar(d)) => {
            diagnostic::render_human(err, &week.sources, &d)?;
            writeln!(
                err,
                "agendum site: no site written: the feeds cannot be made (see above)"
            )?;
            Ok(Err(EXIT_PROBLEMS))
        }
        Err(site::Error::Internal(e)) => {
            writeln!(err, "agendum site: {e}")?;
            Ok(Err(EXIT_UNREADABLE))
        }
    }
}

/// An `http` or `https` URL with a host and no query or fragment: what a
/// subscribe link can be made of, by adding a feed's path at its end.
/// `agendum serve` and `release` check their `--url` here too.
/// What `site`, `serve` and `release` check first: `--url`, then the time
/// the build is stamped with (`SOURCE_DATE_EPOCH`, else the clock). Says
/// what is wrong on `err` and gives the exit code when either is.
pub(super) fn start(
    command: &str,
    url: Option<&str>,
    err: &mut dyn Write,
) -> io::Result<Result<chrono::DateTime<chrono::Utc>, u8>> {
    if let Some(url) = url {
        if let Err(e) = check_url(url) {
            writeln!(err, "agendum {command}: --url {url}: {e}")?;
            return Ok(Err(EXIT_UNREADABLE));
        }
    }
    match super::now() {
        Ok(t) => Ok(Ok(t)),
        Err(e) => {
            writeln!(err, "agendum {command}: {e}")?;
            Ok(Err(EXIT_UNREADABLE))
        }
    }
}

pub(crate) fn check_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("give an http:// or https:// URL")?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c))
    {
        return Err("give a URL with a host and no spaces or quotes".into());
    }
    if url.contains(['?', '#']) {
        return Err(
            "give the site's folder URL with no query (?) or fragment (#): the feeds' paths are added at its end"
                .into(),
        );
    }
    Ok(())
}

/// Writes the files of `site` below `dir` that differ from what is there,
/// atomically, and never over one of the meeting files. Returns how many
/// were written.
pub(crate) fn write_site(site: &Site, dir: &Path, inputs: &[PathBuf]) -> Result<usize, String> {
    let mut changed: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (path, file) in &site.files {
        let target = dir.join(path);
        crate::output::refuse_inputs(&target, inputs).map_err(|e| e.to_string())?;
        if std::fs::read(&target).is_ok_and(|old| old == file.bytes) {
            continue;
        }
        changed.push((target, file.bytes.clone()));
    }
    for (target, _) in &changed {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create the folder {}: {e}", parent.display()))?;
        }
    }
    crate::output::write_atomic_all(&changed).map_err(|e| e.to_string())?;
    Ok(changed.len())
}
