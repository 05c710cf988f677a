//! `agendum serve`: the site served from memory, rebuilt when a file
//! changes, with the last good site kept (and the diagnostic on every
//! page) while a file is broken.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use super::{EXIT_OK, EXIT_UNREADABLE, plural};
use crate::check;
use crate::diagnostic::{self, Diagnostic};
use crate::export::site::{self, Site};
use crate::load::source::Sources;
use crate::load::week::{self, Week};
use crate::serve::Published;
use crate::serve::http::{self, Shared};
use crate::serve::watch::Watch;

/// Arguments of `agendum serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Meeting files (TOML); several files form one week.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The port to listen on; 0 takes a free one (the URL printed says which).
    #[arg(long, default_value_t = 8024)]
    pub port: u16,
    /// The address to listen on. Only this machine can connect to the
    /// default; give another (`0.0.0.0`) to serve the meeting's network.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// The URL the subscribe links give (`http://wg-laptop.local:8024/`),
    /// when clients reach the server by another name than the address it
    /// listens on.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

/// How long the files must be quiet after a change before the site is
/// rebuilt: an editor's save is several events (write, rename, chmod).
const QUIET: Duration = Duration::from_millis(150);

/// What the server's threads tell the main one.
enum Message {
    /// A watched folder changed: these paths.
    Changed(Vec<PathBuf>),
    /// The server stopped (Ctrl-C), or failed.
    Stopped(io::Result<()>),
}

/// Runs `agendum serve`.
pub fn run(args: &ServeArgs, out: &mut dyn Write) -> io::Result<u8> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let stamp = match super::site::start("serve", args.url.as_deref(), &mut err)? {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let listener = match TcpListener::bind(SocketAddr::new(args.bind, args.port)) {
        Ok(l) => l,
        Err(e) => {
            writeln!(
                err,
                "agendum serve: cannot listen on {}: {e} (give another --port, or 0 for a free one)",
                SocketAddr::new(args.bind, args.port)
            )?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let addr = listener.local_addr()?;
    let base = args
        .url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}/"));
    let mut builder = Builder {
        files: args.files.clone(),
        options: site::Options {
            stamp,
            base_url: Some(base.clone()),
            ..site::Options::default()
        },
        last_good: None,
        followed: Vec::new(),
    };
    let first = builder.attempt();
    if let Attempt::Broken {
        unreadable: true,
        text,
    } = &first
    {
        // A name mistyped on the command line is not an edit in progress.
        err.write_all(text.as_bytes())?;
        writeln!(err, "agendum serve: nothing served: a file cannot be read")?;
        return Ok(EXIT_UNREADABLE);
    }
    let published = builder.publish(first, None, &mut err)?;
    let shared: Shared = Arc::new(RwLock::new(Arc::new(published)));

    let (tx, rx) = mpsc::channel();
    let changed = tx.clone();
    let mut watch = match Watch::new(move |paths| {
        let _ = changed.send(Message::Changed(paths));
    }) {
        Ok(w) => w,
        Err(e) => {
            writeln!(err, "agendum serve: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    if let Err(e) = watch.follow(builder.followed.iter().map(PathBuf::as_path)) {
        writeln!(err, "agendum serve: {e}")?;
        return Ok(EXIT_UNREADABLE);
    }
    let serving = shared.clone();
    std::thread::Builder::new()
        .name("agendum-http".into())
        .spawn(move || {
            let stop = async {
                // Without a handler (no signals here), serve until killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            };
            let _ = tx.send(Message::Stopped(http::run(listener, serving, stop)));
        })?;
    // The URL first, alone on its line: scripts and tests read it.
    writeln!(out, "agendum serve: {base} (Ctrl-C stops)")?;
    out.flush()?;

    follow(&rx, &mut watch, &mut builder, &shared, &mut err)
}

/// Rebuilds the site whenever a followed file changes, until the server
/// stops; returns the exit code.
fn follow(
    rx: &mpsc::Receiver<Message>,
    watch: &mut Watch,
    builder: &mut Builder,
    shared: &Shared,
    err: &mut dyn Write,
) -> io::Result<u8> {
    loop {
        match rx.recv() {
            Ok(Message::Changed(paths)) if watch.concerns(&paths) => {
                if let Some(stopped) = settle(rx) {
                    return stopped_code(stopped, err);
                }
                let previous = http::current(shared);
                let attempt = builder.attempt();
                let published = builder.publish(attempt, Some(&previous), err)?;
                let changed = published.changed_since(&previous);
                http::publish(shared, published);
                if changed > 0 {
                    writeln!(
                        err,
                        "agendum serve: rebuilt: {changed} file{} changed",
                        plural(changed)
                    )?;
                }
                if let Err(e) = watch.follow(builder.followed.iter().map(PathBuf::as_path)) {
                    writeln!(err, "agendum serve: {e}")?;
                }
            }
            Ok(Message::Changed(_)) => {}
            Ok(Message::Stopped(r)) => return stopped_code(r, err),
            Err(_) => return Ok(EXIT_UNREADABLE),
        }
    }
}

/// Waits until the files have been quiet for [`QUIET`]; returns the
/// server's end if it stopped meanwhile.
fn settle(rx: &mpsc::Receiver<Message>) -> Option<io::Result<()>> {
    loop {
        match rx.recv_timeout(QUIET) {
            Ok(Message::Changed(_)) => {}
            Ok(Message::Stopped(r)) => return Some(r),
            Err(RecvTimeoutError::Timeout) => return None,
            Err(RecvTimeoutError::Disconnected) => return Some(Ok(())),
        }
    }
}

/// The exit code once the server stopped: 0 on Ctrl-C, 2 when it failed.
fn stopped_code(r: io::Result<()>, err: &mut dyn Write) -> io::Result<u8> {
    match r {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => {
            writeln!(err, "agendum serve: the server stopped: {e}")?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

/// What one load of the files gave.
enum Attempt {
    /// The site, the week it was built from, and the errors `agendum
    /// check` finds in it as it prints them ("" when none): the site is
    /// served with them in its banner.
    Built(Box<Week>, Site, String),
    /// Why there is no site: the diagnostics as `agendum check` prints
    /// them; `unreadable` when a file could not be read at all.
    Broken { text: String, unreadable: bool },
}

/// Builds the site from the files, again and again.
struct Builder {
    files: Vec<PathBuf>,
    options: site::Options,
    /// The week of the last site built, kept to serve while a file is broken.
    last_good: Option<Week>,
    /// The files to follow: the meeting files and the notices files read.
    followed: Vec<PathBuf>,
}

impl Builder {
    /// Loads the files and builds the site.
    fn attempt(&mut self) -> Attempt {
        let mut followed = self.files.clone();
        let attempt = match week::load(&self.files) {
            Err(failure) => {
                followed.extend(paths(&failure.sources));
                let read: Vec<Diagnostic> = failure
                    .unreadable
                    .iter()
                    .map(|e| Diagnostic::error("unreadable", e.to_string()))
                    .collect();
                let mut text = format(&failure.sources, &read);
                text.push_str(&format(&failure.sources, &failure.diagnostics));
                Attempt::Broken {
                    text,
                    unreadable: !failure.unreadable.is_empty(),
                }
            }
            Ok(loaded) => {
                followed.extend(paths(&loaded.week.sources));
                let errors: Vec<Diagnostic> = loaded
                    .diagnostics
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .collect();
                if errors.is_empty() {
                    let problems = check_errors(&loaded.week);
                    let options = site::Options {
                        banner: (!problems.is_empty()).then(|| {
                            format!("{problems}agendum serve: `agendum check` finds these errors; the site shows the files as they are.")
                        }),
                        ..self.options.clone()
                    };
                    match site::build(&loaded.week, &options) {
                        Ok(s) => Attempt::Built(Box::new(loaded.week), s, problems),
                        Err(e) => Attempt::Broken {
                            text: why_not(&loaded.week.sources, e),
                            unreadable: false,
                        },
                    }
                } else {
                    Attempt::Broken {
                        text: format(&loaded.week.sources, &errors),
                        unreadable: false,
                    }
                }
            }
        };
        if let Some(w) = &self.last_good {
            followed.extend(paths(&w.sources));
        }
        followed.sort();
        followed.dedup();
        self.followed = followed;
        attempt
    }

    /// What to serve after `attempt`: its site; or, when it is broken, the
    /// last good site with the diagnostic on every page (the page that
    /// says why there is no site when there never was one). Prints the
    /// diagnostic to `err`.
    fn publish(
        &mut self,
        attempt: Attempt,
        previous: Option<&Published>,
        err: &mut dyn Write,
    ) -> io::Result<Published> {
        let now = SystemTime::now();
        let text = match attempt {
            Attempt::Built(week, s, problems) => {
                if !problems.is_empty() {
                    err.write_all(problems.as_bytes())?;
                    writeln!(
                        err,
                        "agendum serve: `agendum check` finds errors (above): the site is served, with them on every page"
                    )?;
                }
                self.last_good = Some(*week);
                return Ok(Published::new(&s, previous, now));
            }
            Attempt::Broken { text, .. } => text,
        };
        err.write_all(text.as_bytes())?;
        if let Some(week) = &self.last_good {
            let options = site::Options {
                banner: Some(format!(
                    "{text}agendum serve: the files have errors (above): this is the last good site, rebuilt when they are fixed."
                )),
                ..self.options.clone()
            };
            if let Ok(s) = site::build(week, &options) {
                writeln!(
                    err,
                    "agendum serve: the files have errors: the last good site is served, with them on every page"
                )?;
                return Ok(Published::new(&s, previous, now));
            }
        }
        writeln!(
            err,
            "agendum serve: the files have errors: a page that shows them is served until they are fixed"
        )?;
        Ok(Published::unavailable(&text, previous, now))
    }
}

/// The paths of the files read.
fn paths(sources: &Sources) -> impl Iterator<Item = PathBuf> + '_ {
    sources
        .iter()
        .map(|(_, s)| s.path().to_path_buf())
        .filter(|p| p != Path::new("-"))
}

/// Diagnostics as `agendum check` prints them (no colours: the text goes
/// into pages too).
fn format(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| diagnostic::format_human(sources, d))
        .collect()
}

/// The errors `agendum check` finds in a week that loads, as it prints
/// them (no colours); "" when there are none.
fn check_errors(week: &Week) -> String {
    let settings = check::Settings::default();
    let found = check::silence(week, &settings, check::check(week, &settings));
    let errors: Vec<Diagnostic> = found.into_iter().filter(Diagnostic::is_error).collect();
    format(&week.sources, &errors)
}

/// Why `site::build` made no site, as `agendum site` says it.
fn why_not(sources: &Sources, e: site::Error) -> String {
    match e {
        site::Error::Empty => "agendum serve: the week has no session to publish\n".to_string(),
        site::Error::Calendar(d) => format!(
            "{}agendum serve: the feeds cannot be made (see above)\n",
            format(sources, &d)
        ),
        site::Error::Internal(e) => format!("agendum serve: {e}\n"),
    }
}
