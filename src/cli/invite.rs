//! `agendum invite`: one e-mail per session, with the session's agenda and
//! its invitation (iMIP), written as .eml files and, with `--smtp`, sent.
//!
//! The folder `-o` names keeps, for every session, the invitation last
//! sent (`NAME.ics`) beside its message (`NAME.eml`). A message's files are
//! written only once it has gone out, so after a failure a rerun with
//! `--previous` on the same folder sends exactly what did not go out, and
//! after a change it sends only the sessions that changed.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::{SmtpTransport, Transport};

use super::prelude::{Refusal, load_week};
use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::diagnostic;
use crate::export::ics::{self, Change, MakeError, Options, write::Method};
use crate::export::mail::{self, Mail, MailOptions};

/// Environment variable holding the SMTP user name (when the URL gives none).
pub const SMTP_USER: &str = "AGENDUM_SMTP_USER";
/// Environment variable holding the SMTP password.
pub const SMTP_PASSWORD: &str = "AGENDUM_SMTP_PASSWORD";

/// Arguments of `agendum invite`.
#[derive(Debug, Clone, clap::Args)]
pub struct InviteArgs {
    /// Meeting files (TOML); several files form one week.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The folder of the messages: NAME.eml and the invitation sent, NAME.ics, per session.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// The folder of the invitations sent last time (usually the same as -o): only the
    /// sessions that changed get a message (an update with a higher SEQUENCE), and
    /// sessions that are gone get a cancellation.
    #[arg(long, value_name = "DIR")]
    pub previous: Option<PathBuf>,
    /// Send the messages through this SMTP server: `smtps://HOST[:PORT]` (TLS) or
    /// `smtp://HOST[:PORT]?tls=required` (STARTTLS); plain `smtp://HOST:PORT` only on a
    /// loopback address. The user name and password come from `AGENDUM_SMTP_USER` and
    /// `AGENDUM_SMTP_PASSWORD`, never from the URL or a meeting file.
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,
    /// Print what would be sent (or written) and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The mailbox that sends on the chair's behalf (Sender header and envelope), e.g.
    /// "Secretary <secretary@example.org>"; From stays the chair.
    #[arg(long, value_name = "MAILBOX")]
    pub from: Option<String>,
    /// Leave out people who must be there but have no e-mail address, instead of refusing.
    #[arg(long)]
    pub skip_missing: bool,
    /// Write every time in UTC instead of the meeting's zone.
    #[arg(long)]
    pub utc: bool,
    /// Which sessions.
    #[command(flatten)]
    pub filter: super::ics::FilterArgs,
}

/// Runs `agendum invite`.
pub fn run(args: &InviteArgs, out: &mut dyn Write) -> io::Result<u8> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let dir = &args.output;
    if dir.exists() && !dir.is_dir() {
        return fail(
            &mut err,
            &format!(
                "-o {} is a file; it must name a folder (one message per session)",
                dir.display()
            ),
            EXIT_UNREADABLE,
        );
    }
    if args.previous.is_none() && holds_invitations(dir) {
        return fail(
            &mut err,
            &format!(
                "{} holds invitations sent before; pass --previous {} to send only what changed, or choose another folder",
                dir.display(),
                dir.display()
            ),
            EXIT_UNREADABLE,
        );
    }
    // Check the server's URL before anything else, so a typo costs nothing.
    let transport = match args.smtp.as_deref().map(transport).transpose() {
        Ok(t) => t,
        Err(e) => return fail(&mut err, &e, EXIT_UNREADABLE),
    };
    let refusal = Refusal {
        command: "invite",
        unreadable: None,
        invalid: &|_| "nothing written or sent: the files have errors (see above)".to_string(),
        errors_only: false,
    };
    let week = match load_week(&args.files, &refusal, &mut err)? {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };
    let stamp = match super::now() {
        Ok(s) => s,
        Err(e) => return fail(&mut err, &e, EXIT_UNREADABLE),
    };
    let spec = args.filter.spec();
    let options = Options {
        method: Some(Method::Request),
        utc: args.utc,
        stamp,
    };
    let made = match ics::make(&week, &spec, options, args.previous.as_deref()) {
        Ok(m) => m,
        Err(MakeError::Request(e)) => return fail(&mut err, &e.to_string(), super::exit_code(&e)),
        Err(MakeError::Previous(e @ crate::error::Error::Refused(_))) => {
            return fail(&mut err, &e.to_string(), super::exit_code(&e));
        }
        Err(MakeError::Previous(e)) => {
            return fail(&mut err, &format!("--previous {e}"), super::exit_code(&e));
        }
        Err(MakeError::Problems(problems)) => {
            diagnostic::render_human(&mut err, &week.sources, &problems)?;
            return fail(&mut err, "nothing written or sent", EXIT_PROBLEMS);
        }
        Err(MakeError::Empty) => {
            return fail(
                &mut err,
                "no session matches the filters; nothing to send",
                EXIT_PROBLEMS,
            );
        }
    };
    diagnostic::render_human(&mut err, &week.sources, &made.warnings)?;
    deliver(args, &made, &week.sources, transport, out, &mut err)
}

/// Builds the messages, then prints, writes or sends those that are due.
fn deliver(
    args: &InviteArgs,
    made: &ics::Made,
    sources: &crate::load::source::Sources,
    transport: Option<SmtpTransport>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let dir = &args.output;
    let mail_options = MailOptions {
        sender: args.from.clone(),
        skip_missing: args.skip_missing,
    };
    let mails = match mail::messages(made, &mail_options) {
        Ok(m) => m,
        Err(problems) => {
            diagnostic::render_human(err, sources, &problems)?;
            return fail(err, "nothing written or sent", EXIT_PROBLEMS);
        }
    };
    // Only what changed goes out again.
    let due: Vec<&Mail> = mails
        .iter()
        .filter(|m| args.previous.is_none() || m.change != Change::Unchanged)
        .collect();
    if due.is_empty() {
        writeln!(
            out,
            "nothing changed since {}: no message",
            previous_name(args)
        )?;
        return Ok(EXIT_OK);
    }
    if args.dry_run {
        let verb = if transport.is_some() {
            "would send"
        } else {
            "would write"
        };
        for m in &due {
            writeln!(out, "{verb} {}", line(dir, m))?;
        }
        return Ok(EXIT_OK);
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(
            err,
            &format!("cannot create the folder {}: {e}", dir.display()),
            EXIT_UNREADABLE,
        );
    }
    let files: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    for m in &due {
        for ext in ["eml", "ics"] {
            if let Err(e) =
                crate::output::refuse_inputs(&dir.join(format!("{}.{ext}", m.name)), &files)
            {
                return fail(err, &e.to_string(), EXIT_UNREADABLE);
            }
        }
    }
    let Some(transport) = transport else {
        for m in &due {
            if let Err(e) = keep(dir, m) {
                return fail(err, &e, EXIT_UNREADABLE);
            }
            writeln!(out, "wrote {}", line(dir, m))?;
        }
        return Ok(EXIT_OK);
    };
    send_all(&transport, dir, &due, args, out, err)
}

/// Says why nothing (more) is done, and returns the exit code.
fn fail(err: &mut dyn Write, message: &str, code: u8) -> io::Result<u8> {
    writeln!(
        err,
        "agendum invite: {}",
        diagnostic::sanitize_for_terminal(message)
    )?;
    Ok(code)
}

/// Sends the messages one by one; each that goes out is kept in the folder
/// at once. A refused message does not stop the others; a lost connection does.
fn send_all(
    transport: &SmtpTransport,
    dir: &Path,
    due: &[&Mail],
    args: &InviteArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let server = args.smtp.as_deref().map(redacted).unwrap_or_default();
    if let Err(e) = transport.test_connection() {
        writeln!(
            err,
            "agendum invite: cannot reach the SMTP server {server}: {}; nothing sent",
            diagnostic::sanitize_for_terminal(&e.to_string())
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    let mut sent = 0usize;
    let mut not_sent: Vec<(&str, String)> = Vec::new();
    let mut stopped = false;
    for m in due {
        if stopped {
            not_sent.push((&m.name, "not tried after the connection was lost".into()));
            continue;
        }
        match transport.send(&m.message) {
            Ok(_) => {
                sent += 1;
                if let Err(e) = keep(dir, m) {
                    writeln!(
                        err,
                        "agendum invite: {} was sent but could not be kept: {e}; a rerun would send it again",
                        m.name
                    )?;
                }
                writeln!(out, "sent {}", line(dir, m))?;
            }
            Err(e) => {
                // A reply from the server (a refused recipient, a full
                // mailbox) concerns this message; anything else is the connection.
                if !(e.is_permanent() || e.is_transient()) {
                    stopped = true;
                }
                let why = diagnostic::sanitize_for_terminal(&e.to_string());
                writeln!(err, "agendum invite: not sent {}: {why}", line(dir, m))?;
                not_sent.push((&m.name, why));
            }
        }
    }
    if not_sent.is_empty() {
        writeln!(
            err,
            "agendum invite: sent {sent} message{} through {server}",
            super::plural(sent)
        )?;
        return Ok(EXIT_OK);
    }
    let names: Vec<&str> = not_sent.iter().map(|(n, _)| *n).collect();
    writeln!(
        err,
        "agendum invite: sent {sent} of {}; not sent: {}. Fix the cause and run the same command with --previous {} to send only those",
        super::count(due.len(), "message"),
        names.join(", "),
        dir.display()
    )?;
    Ok(EXIT_UNREADABLE)
}

/// One line per message: where it is kept, what it is, to whom.
fn line(dir: &Path, m: &Mail) -> String {
    format!(
        "{}: {} ({}) to {}: {}",
        dir.join(format!("{}.eml", m.name)).display(),
        m.kind(),
        m.change.as_str(),
        m.recipients.join(", "),
        diagnostic::sanitize_for_terminal(&m.subject)
    )
}

/// Keeps a message and the invitation it carried, each written atomically.
fn keep(dir: &Path, m: &Mail) -> Result<(), String> {
    for (ext, bytes) in [("eml", m.bytes()), ("ics", m.calendar.clone())] {
        let path = dir.join(format!("{}.{ext}", m.name));
        crate::output::write_atomic(&path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn holds_invitations(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("ics"))
        })
    })
}

fn previous_name(args: &InviteArgs) -> String {
    args.previous
        .as_deref()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

/// The URL without anything after the host and port, for messages.
fn redacted(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = host.split(['/', '?']).next().unwrap_or(host);
    let scheme = url.split_once("://").map_or("smtp", |(s, _)| s);
    format!("{scheme}://{host}")
}

/// The SMTP transport for `url`, with credentials from the environment.
/// Refuses a password in the URL (it would be in the shell history and the
/// process list) and an unencrypted connection to anything but loopback.
fn transport(url: &str) -> Result<SmtpTransport, String> {
    let parsed = url
        .split_once("://")
        .map(|(s, r)| (s.to_ascii_lowercase(), r));
    let Some((scheme, rest)) = parsed else {
        return Err(format!(
            "--smtp `{url}` is not an SMTP URL; give smtps://host (TLS), smtp://host?tls=required (STARTTLS) or smtp://127.0.0.1:PORT"
        ));
    };
    let authority = rest.split(['/', '?']).next().unwrap_or(rest);
    if let Some((userinfo, _)) = authority.rsplit_once('@') {
        if userinfo.contains(':') {
            return Err(format!(
                "--smtp must not hold the password (it would be in the shell history and the process list); put it in {SMTP_PASSWORD}"
            ));
        }
    }
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.rsplit_once(':').map_or(host, |(h, p)| {
        if p.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let tls = rest
        .split_once('?')
        .map_or("", |(_, q)| q)
        .split('&')
        .find_map(|kv| kv.strip_prefix("tls="));
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match (scheme.as_str(), tls) {
        ("smtps", _) | ("smtp", Some("required")) => {}
        ("smtp", None) if loopback => {}
        ("smtp", _) => {
            return Err(format!(
                "--smtp {}: an SMTP connection to another machine must be encrypted; use smtps://{host} (TLS) or add ?tls=required (STARTTLS)",
                redacted(url)
            ));
        }
        (other, _) => {
            return Err(format!(
                "--smtp: unknown scheme `{other}`; use smtps:// (TLS) or smtp:// with ?tls=required (STARTTLS)"
            ));
        }
    }
    let mut builder = SmtpTransport::from_url(url)
        .map_err(|e| format!("--smtp {}: {e}", redacted(url)))?
        .timeout(Some(Duration::from_secs(30)));
    let user = std::env::var(SMTP_USER).ok().filter(|u| !u.is_empty());
    let user = user.or_else(|| {
        authority
            .rsplit_once('@')
            .map(|(u, _)| u.to_string())
            .filter(|u| !u.is_empty())
    });
    match (
        user,
        std::env::var(SMTP_PASSWORD).ok().filter(|p| !p.is_empty()),
    ) {
        (Some(u), Some(p)) => builder = builder.credentials(Credentials::new(u, p)),
        (None, None) => {}
        (Some(_), None) => {
            return Err(format!(
                "--smtp names a user but {SMTP_PASSWORD} is not set; set it, or drop the user to send without logging in"
            ));
        }
        (None, Some(_)) => {
            return Err(format!(
                "{SMTP_PASSWORD} is set but no user is: set {SMTP_USER} (or give user@ in the URL)"
            ));
        }
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unencrypted_smtp_is_for_loopback_only() {
        assert!(transport("smtp://127.0.0.1:2525").is_ok());
        assert!(transport("smtp://localhost:2525").is_ok());
        assert!(transport("smtp://[::1]:2525").is_ok());
        let e = transport("smtp://mail.example.org").unwrap_err();
        assert!(e.contains("must be encrypted"), "{e}");
        assert!(transport("smtp://mail.example.org?tls=required").is_ok());
        assert!(transport("smtps://mail.example.org").is_ok());
        assert!(
            transport("http://x")
                .unwrap_err()
                .contains("unknown scheme")
        );
        assert!(
            transport("mail.example.org")
                .unwrap_err()
                .contains("not an SMTP URL")
        );
    }

    #[test]
    fn a_password_in_the_url_is_refused_and_never_printed() {
        let e = transport("smtps://ann:s3cret@mail.example.org").unwrap_err();
        assert!(e.contains(SMTP_PASSWORD), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
        assert_eq!(
            redacted("smtps://ann@mail.example.org:465/x?tls=required"),
            "smtps://mail.example.org:465"
        );
    }
}
