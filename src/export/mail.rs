//! `agendum invite`: each session's invitation as an e-mail (iMIP, RFC 6047).
//!
//! One RFC 5322 message per session, built with lettre's message builder
//! (headers, address and subject encoding, MIME, transfer encodings): a
//! `multipart/alternative` of the session's agenda as text/plain, the same
//! as text/html, and the invitation as `text/calendar; method=REQUEST` (or
//! CANCEL), which is the part Outlook, Gmail and Apple Mail act on.
//!
//! From is the chair (the ORGANIZER), To the people who must be there (the
//! ATTENDEEs who are persons), Cc the groups' mailing lists. Everything the
//! bytes depend on comes from the calendar: the Date is its DTSTAMP, the
//! Message-ID and the MIME boundary are derived from the content, so the
//! same week and `SOURCE_DATE_EPOCH` give the same message.

use std::hash::{Hash, Hasher};
use std::time::SystemTime;

use chrono::{Datelike, NaiveDateTime};
use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};

use crate::diagnostic::Diagnostic;
use crate::export::ics::write::{self, Address, Event, Method, When};
use crate::export::ics::{Change, Made, Object};
use crate::export::render::html::escape;
use crate::model::clock::weekday_name;

/// One message, ready to write or send.
#[derive(Debug, Clone)]
pub struct Mail {
    /// File stem: the session's invitation file name (`SEC-10.0-S1`).
    pub name: String,
    /// What happened to the session since the invitations sent last time.
    pub change: Change,
    /// REQUEST or CANCEL.
    pub method: Method,
    /// The Subject.
    pub subject: String,
    /// The To and Cc addresses, as the envelope will carry them.
    pub recipients: Vec<String>,
    /// The message.
    pub message: Message,
    /// The calendar part (what is kept as `NAME.ics`, to compare with next time).
    pub calendar: Vec<u8>,
}

impl Mail {
    /// The message as RFC 5322 bytes (CRLF line ends), for a `.eml` file.
    pub fn bytes(&self) -> Vec<u8> {
        self.message.formatted()
    }

    /// "invitation", "update" or "cancellation".
    pub fn kind(&self) -> &'static str {
        match (self.method, self.change) {
            (Method::Cancel, _) => "cancellation",
            (_, Change::New) => "invitation",
            _ => "update",
        }
    }
}

/// Options of the messages.
#[derive(Debug, Clone, Default)]
pub struct MailOptions {
    /// The mailbox that sends on the chair's behalf (the Sender header and
    /// the envelope's sender), when it is not the chair.
    pub sender: Option<String>,
    /// Leave out people who have no e-mail address instead of refusing.
    pub skip_missing: bool,
}

/// The messages of the invitations and cancellations `made` holds (made
/// with METHOD:REQUEST). Problems stop every message: a person who must be
/// there and has no address (unless `skip_missing`), an address lettre
/// cannot take. Nothing is half-made.
pub fn messages(made: &Made, options: &MailOptions) -> Result<Vec<Mail>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(made.objects.len());
    let sender = match options.sender.as_deref().map(str::parse::<Mailbox>) {
        None => None,
        Some(Ok(m)) => Some(m),
        Some(Err(e)) => {
            return Err(vec![
                Diagnostic::error(
                    "invalid-value",
                    format!(
                        "--from `{}` is not an e-mail address: {e}",
                        write::line(options.sender.as_deref().unwrap_or(""))
                    ),
                )
                .help(
                    "give the sending mailbox as name@example.org or \"Name <name@example.org>\"",
                ),
            ]);
        }
    };
    for object in &made.objects {
        match mail(object, sender.as_ref(), options.skip_missing) {
            Ok(m) => out.push(m),
            Err(d) => problems.push(*d),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn mailbox(a: &Address) -> Result<Mailbox, String> {
    let email = a.email.parse::<lettre::Address>().map_err(|e| {
        format!(
            "`{}` is not an address a mail server takes ({e})",
            write::line(&a.email)
        )
    })?;
    Ok(Mailbox::new(
        a.name.as_deref().map(|n| write::line(n).into_owned()),
        email,
    ))
}

fn mail(
    object: &Object,
    sender: Option<&Mailbox>,
    skip_missing: bool,
) -> Result<Mail, Box<Diagnostic>> {
    let calendar = &object.calendar;
    let at =
        |message: String| Diagnostic::error("missing-field", message).session(object.name.clone());
    let Some(event) = calendar.events.first() else {
        return Err(at(format!("{} holds no event", object.name)).into());
    };
    if !event.missing.is_empty() && !skip_missing {
        return Err(at(format!(
            "{}: {} must be there and {} no e-mail address, so the invitation cannot reach {}",
            event.summary,
            event.missing.join(", "),
            if event.missing.len() == 1 { "has" } else { "have" },
            if event.missing.len() == 1 { "them" } else { "all of them" },
        ))
        .field("people[].email")
        .help("add email = \"name@example.org\" to each in [[people]], or pass --skip-missing to leave them out")
        .into());
    }
    let Some(organizer) = &event.organizer else {
        return Err(at(format!(
            "{}: the invitation names no organizer with an e-mail address",
            event.summary
        ))
        .into());
    };
    let from = mailbox(organizer).map_err(|e| at(format!("the chair's address {e}")))?;
    let mut builder = Message::builder().from(from.clone());
    if let Some(s) = sender {
        builder = builder.sender(s.clone());
    }
    let mut recipients = Vec::new();
    let mut any = false;
    for a in &event.attendees {
        if a.email.eq_ignore_ascii_case(&organizer.email) {
            continue;
        }
        let m = mailbox(a).map_err(|e| {
            at(format!(
                "the address of {}: {e}",
                a.name.as_deref().unwrap_or("an attendee")
            ))
        })?;
        recipients.push(m.email.to_string());
        any = true;
        builder = if a.group {
            builder.cc(m)
        } else {
            builder.to(m)
        };
    }
    if !any {
        // Nobody else must be there: the chair gets the invitation, to put it in the calendar.
        recipients.push(from.email.to_string());
        builder = builder.to(from);
    }
    let when = when_text(event);
    // One line, whatever the title holds: a line break must not start a header.
    let summary = write::line(&event.summary);
    let subject = match (calendar.method, object.change) {
        (Method::Cancel, _) => format!("Cancelled: {summary} ({when})"),
        (_, Change::New) => format!("Invitation: {summary} ({when})"),
        _ => format!("Updated invitation: {summary} ({when})"),
    };
    let ics = write::to_bytes(calendar);
    let body = parts(calendar.method, event, &when, &subject, &ics)
        .map_err(|e| at(format!("text/calendar content type: {e}")))?;
    let domain = event.uid.rsplit('@').next().unwrap_or("agendum.invalid");
    let message = builder
        .subject(subject.clone())
        .date(SystemTime::from(calendar.stamp))
        .message_id(Some(format!(
            "<{}.{}.{}@{}>",
            object.name,
            event.sequence,
            calendar.method.as_str().to_ascii_lowercase(),
            domain
        )))
        .user_agent(concat!("agendum ", env!("CARGO_PKG_VERSION")).to_string())
        .multipart(body)
        .map_err(|e| at(format!("the message cannot be built: {e}")))?;
    Ok(Mail {
        name: object.name.clone(),
        change: object.change,
        method: calendar.method,
        subject,
        recipients,
        message,
        calendar: ics,
    })
}

/// The three alternatives: the agenda as text and as HTML, and the calendar.
fn parts(
    method: Method,
    event: &Event,
    when: &str,
    subject: &str,
    ics: &[u8],
) -> Result<MultiPart, lettre::message::header::ContentTypeErr> {
    let plain = plain_text(method, event, when);
    let html = html_text(method, event, when, subject);
    let boundary = boundary(&[plain.as_bytes(), html.as_bytes(), ics]);
    let calendar_type = ContentType::parse(&format!(
        "text/calendar; charset=utf-8; method={}",
        method.as_str()
    ))?;
    Ok(MultiPart::alternative()
        .boundary(boundary)
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(plain),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(html),
        )
        .singlepart(
            SinglePart::builder()
                .header(calendar_type)
                .body(String::from_utf8_lossy(ics).into_owned()),
        ))
}

/// A MIME boundary that none of the parts holds: derived from their bytes
/// (so the message is reproducible), with a counter in the rare case it
/// occurs in one of them.
fn boundary(parts: &[&[u8]]) -> String {
    let mut hasher = rustc_hash::FxHasher::default();
    for p in parts {
        p.hash(&mut hasher);
    }
    let h = hasher.finish();
    for n in 0u32.. {
        let b = format!("=_agendum_{h:016x}_{n}");
        if !parts
            .iter()
            .any(|p| p.windows(b.len()).any(|w| w == b.as_bytes()))
        {
            return b;
        }
    }
    String::new()
}

fn local(w: When) -> (NaiveDateTime, String) {
    match w {
        When::Utc(t) => (t.naive_utc(), "UTC".to_string()),
        When::Zoned(tz, t) => (t, tz.name().to_string()),
    }
}

/// "Monday 2014-04-07, 15:45-17:00 Europe/Berlin".
fn when_text(e: &Event) -> String {
    let (start, zone) = local(e.start);
    let (end, _) = local(e.end);
    let day = |t: NaiveDateTime| format!("{} {}", weekday_name(t.weekday()), t.format("%Y-%m-%d"));
    if start.date() == end.date() {
        format!(
            "{}, {}-{} {zone}",
            day(start),
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} {} to {} {} {zone}",
            day(start),
            start.format("%H:%M"),
            day(end),
            end.format("%H:%M")
        )
    }
}

/// The text/plain part: what, when, where, then the session's agenda.
fn plain_text(method: Method, e: &Event, when: &str) -> String {
    let mut t = String::with_capacity(512);
    if method == Method::Cancel {
        t.push_str("This session is cancelled.\n\n");
    }
    t.push_str(&write::line(&e.summary));
    t.push('\n');
    t.push_str(when);
    t.push('\n');
    if let Some(l) = &e.location {
        t.push_str(&write::line(l));
        t.push('\n');
    }
    if let Some(d) = &e.description {
        t.push('\n');
        t.push_str(&write::text(d));
        t.push('\n');
    }
    t
}

/// The text/html part: the same as the text, every value escaped. Lines of
/// the agenda that start with "- " (the contributions) become list items.
fn html_text(method: Method, e: &Event, when: &str, subject: &str) -> String {
    let mut h = String::with_capacity(1024);
    h.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
    h.push_str(&escape(subject));
    h.push_str("</title>\n</head>\n<body style=\"font-family: sans-serif\">\n");
    if method == Method::Cancel {
        h.push_str("<p><strong>This session is cancelled.</strong></p>\n");
    }
    h.push_str("<h1>");
    h.push_str(&escape(&e.summary));
    h.push_str("</h1>\n<p>");
    h.push_str(&escape(when));
    if let Some(l) = &e.location {
        h.push_str("<br>\n");
        h.push_str(&escape(l));
    }
    h.push_str("</p>\n");
    if let Some(d) = &e.description {
        let text = write::text(d);
        for block in text.split("\n\n") {
            match block.strip_prefix("Agenda items:\n") {
                Some(agenda) => {
                    h.push_str("<h2>Agenda</h2>\n");
                    html_agenda(&mut h, agenda);
                }
                None => html_paragraph(&mut h, block),
            }
        }
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// Lines of text as one paragraph.
fn html_paragraph(h: &mut String, block: &str) {
    h.push_str("<p>");
    for (i, line) in block.lines().enumerate() {
        if i > 0 {
            h.push_str("<br>\n");
        }
        h.push_str(&escape(line));
    }
    h.push_str("</p>\n");
}

/// The agenda: each item a heading, its contributions (lines starting with
/// "- ") a list under it.
fn html_agenda(h: &mut String, agenda: &str) {
    let mut in_list = false;
    for line in agenda.lines() {
        if let Some(item) = line.strip_prefix("- ") {
            if !in_list {
                h.push_str("<ul>\n");
                in_list = true;
            }
            h.push_str("<li>");
            h.push_str(&escape(item));
            h.push_str("</li>\n");
        } else {
            if in_list {
                h.push_str("</ul>\n");
                in_list = false;
            }
            h.push_str("<h3>");
            h.push_str(&escape(line));
            h.push_str("</h3>\n");
        }
    }
    if in_list {
        h.push_str("</ul>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boundary_is_in_no_part() {
        let b = boundary(&[b"abc", b"def"]);
        assert!(b.starts_with("=_agendum_"));
        assert_eq!(b, boundary(&[b"abc", b"def"]));
        let tricky = format!("x{b}y");
        let other = boundary(&[b"abc", tricky.as_bytes()]);
        assert!(!tricky.contains(&other));
    }

    #[test]
    fn html_escapes_and_lists_contributions() {
        let t = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2014, 4, 8, 6, 0, 0).unwrap();
        let e = Event {
            uid: "u@x".into(),
            sequence: 0,
            summary: "<b>S1</b>".into(),
            location: Some("Room & Co".into()),
            description: Some("Intro\n\nAgenda items:\n7.1 Item\n- SEC-1 <script>".into()),
            categories: vec![],
            status: write::Status::Confirmed,
            start: When::Utc(t),
            end: When::Utc(t),
            interval: (t, t),
            url: None,
            organizer: None,
            attendees: vec![],
            missing: vec![],
        };
        let h = html_text(Method::Request, &e, "Tuesday", "s");
        assert!(h.contains("<h1>&lt;b&gt;S1&lt;/b&gt;</h1>"), "{h}");
        assert!(h.contains("Room &amp; Co"));
        assert!(
            h.contains("<ul>\n<li>SEC-1 &lt;script&gt;</li>\n</ul>"),
            "{h}"
        );
        assert!(!h.contains("<script>"));
    }
}
