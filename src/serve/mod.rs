//! `agendum serve`: the site of [`crate::export::site`] served from memory,
//! rebuilt when a meeting file changes.
//!
//! The pieces, each testable alone:
//! - [`Published`] is what is served: the site's files with their strong
//!   `ETag` (a SHA-256 of the bytes) and Last-Modified (when these bytes
//!   were first served in this server's life, kept across rebuilds that do
//!   not change them, so calendar clients get 304s), and the build id an
//!   open page polls to know it must reload;
//! - [`answer`] turns a request's method, path and headers into the
//!   response (routing, conditional GETs, 404, 405): a pure function;
//! - [`http`] runs the HTTP/1.1 server (hyper) on a small fixed runtime,
//!   with bounded connections, header size and read time;
//! - [`watch`] follows the meeting files and the notices files they name.
//!
//! The clock is the caller's: [`Published::new`] takes "now", so that
//! only the command line reads it.

pub mod http;
pub mod watch;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hyper::body::Bytes;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Method, Response, StatusCode};

use crate::export::render::html::escape_pre;
use crate::export::site::{self, Site};

/// The path an open page polls for the current build id.
pub const BUILD_PATH: &str = "/.agendum/build";

/// One file as it is served.
#[derive(Debug, Clone)]
pub struct Served {
    /// The bytes (shared by every response that sends them).
    pub bytes: Bytes,
    /// Its media type.
    pub content_type: &'static str,
    /// The strong `ETag`, quotes included: `"3f2a..."`.
    pub etag: String,
    /// When these bytes were first served, to the second.
    pub last_modified: SystemTime,
}

/// What the server answers with: one build of the site, or the page that
/// says why there is none yet.
#[derive(Debug, Clone)]
pub struct Published {
    /// Every file by its path below the root (`index.html`, `group/sec.ics`).
    files: BTreeMap<String, Served>,
    /// The build id: changes exactly when some file's bytes change.
    build: String,
    /// When no site could be built yet (the files were broken from the
    /// start): the page every path answers, with 503.
    unavailable: Option<Served>,
}

impl Published {
    /// The files of `site`, with the build id in every HTML page (a
    /// `<meta name="agendum-build">` after `<head>`, which the page's script
    /// polls) and each file's validators. A file whose bytes are those of
    /// `previous` keeps its Last-Modified; a changed one gets `now`, and
    /// always a later second than it had, so that a client that only sends
    /// If-Modified-Since never misses a change made within one second.
    pub fn new(site: &Site, previous: Option<&Published>, now: SystemTime) -> Self {
        let build = build_id(site);
        let meta = format!("<head>\n<meta name=\"agendum-build\" content=\"{build}\">");
        let now = to_second(now);
        let files = site
            .files
            .iter()
            .map(|(path, file)| {
                let bytes = if file.content_type == site::HTML {
                    inject(&file.bytes, &meta)
                } else {
                    file.bytes.clone()
                };
                let old = previous.and_then(|p| p.files.get(path));
                (path.clone(), served(bytes, file.content_type, old, now))
            })
            .collect();
        Self {
            files,
            build,
            unavailable: None,
        }
    }

    /// The page served for every path while no site could be built:
    /// `diagnostic` (what `agendum check` prints), reloading by itself once
    /// the files are fixed.
    pub fn unavailable(diagnostic: &str, previous: Option<&Published>, now: SystemTime) -> Self {
        let build =
            hex(&ring::digest::digest(&ring::digest::SHA256, diagnostic.as_bytes()).as_ref()[..8]);
        let page = unavailable_page(diagnostic, &build);
        let old = previous.and_then(|p| p.unavailable.as_ref());
        Self {
            files: BTreeMap::new(),
            build,
            unavailable: Some(served(page.into_bytes(), site::HTML, old, to_second(now))),
        }
    }

    /// The build id the pages carry.
    pub fn build(&self) -> &str {
        &self.build
    }

    /// A served file by its path below the root.
    pub fn get(&self, path: &str) -> Option<&Served> {
        self.files.get(path)
    }

    /// How many files differ from `previous` (new, changed or gone).
    pub fn changed_since(&self, previous: &Published) -> usize {
        let changed = self
            .files
            .iter()
            .filter(|(p, f)| previous.files.get(*p).is_none_or(|o| o.etag != f.etag))
            .count();
        let gone = previous
            .files
            .keys()
            .filter(|p| !self.files.contains_key(*p))
            .count();
        changed + gone
    }
}

/// A file's validators: the `ETag` of `bytes`, and the Last-Modified of `old`
/// when the bytes are the same.
fn served(
    bytes: Vec<u8>,
    content_type: &'static str,
    old: Option<&Served>,
    now: SystemTime,
) -> Served {
    let etag = format!(
        "\"{}\"",
        hex(&ring::digest::digest(&ring::digest::SHA256, &bytes).as_ref()[..16])
    );
    let last_modified = match old {
        Some(o) if o.etag == etag => o.last_modified,
        Some(o) => now.max(o.last_modified + Duration::from_secs(1)),
        None => now,
    };
    Served {
        bytes: Bytes::from(bytes),
        content_type,
        etag,
        last_modified,
    }
}

/// The build id of a site: a hash of every path and its bytes.
fn build_id(site: &Site) -> String {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    for (path, file) in &site.files {
        ctx.update(path.as_bytes());
        ctx.update(&[0]);
        ctx.update(&(file.bytes.len() as u64).to_le_bytes());
        ctx.update(&file.bytes);
    }
    hex(&ctx.finish().as_ref()[..8])
}

/// `html` with `meta` in place of its first `<head>`.
fn inject(html: &[u8], meta: &str) -> Vec<u8> {
    let needle = b"<head>";
    match html.windows(needle.len()).position(|w| w == needle) {
        Some(at) => {
            let mut out = Vec::with_capacity(html.len() + meta.len());
            out.extend_from_slice(&html[..at]);
            out.extend_from_slice(meta.as_bytes());
            out.extend_from_slice(&html[at + needle.len()..]);
            out
        }
        None => html.to_vec(),
    }
}

/// Lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// `t` without its fraction of a second (HTTP dates have none).
fn to_second(t: SystemTime) -> SystemTime {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// The page that says why there is no site, and reloads when the build id
/// changes (the same poll as the site's script, inline: there is no site
/// to take the script from).
fn unavailable_page(diagnostic: &str, build: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"agendum-build\" content=\"{build}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>The site cannot be built</title>\n<style>body {{ font-family: sans-serif; margin: 1rem; }} pre {{ background: #fde2e1; color: #8a1c14; border: 1px solid #e9a39d; padding: .6rem 1rem; white-space: pre-wrap; }}</style>\n</head>\n<body>\n<h1>The site cannot be built</h1>\n<p>The meeting files have errors. This page reloads once they are fixed.</p>\n<pre role=\"alert\">{}</pre>\n<script>\nsetInterval(function () {{ fetch(\"{BUILD_PATH}\", {{ cache: \"no-store\" }}).then(function (r) {{ return r.ok ? r.text() : \"{build}\"; }}).then(function (b) {{ if (b.trim() !== \"{build}\") {{ location.reload(); }} }}).catch(function () {{}}); }}, 2000);\n</script>\n</body>\n</html>\n",
        escape_pre(diagnostic)
    )
}

/// The page for a path the site does not have.
const NOT_FOUND: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n</head>\n<body>\n<h1>Not found</h1>\n<p>The site has no such page. <a href=\"/index.html\">The week</a> lists every meeting, group and person.</p>\n</body>\n</html>\n";

/// The methods a resource allows.
const ALLOW: &str = "GET, HEAD";

/// The response to a request: `method`, the request target's path (the
/// query is ignored: the pages keep their filters there) and its headers.
///
/// GET and HEAD only (405 otherwise); `/` is `index.html`; a path with a
/// `..` or `.` segment, a percent sign, a backslash or a control character
/// is refused (400): the site's file names never have one. A conditional
/// GET gets 304 when `If-None-Match` names the file's `ETag`, or, without
/// `If-None-Match`, when `If-Modified-Since` is not before its
/// Last-Modified (RFC 9110, 13.2.2).
pub fn answer(
    published: &Published,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Response<Bytes> {
    let head = method == Method::HEAD;
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    if method != Method::GET && !head {
        let mut r = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are answered here.\n",
            head,
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(ALLOW));
        return r;
    }
    let Some(key) = file_key(path) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "This path is refused: the site's paths have no `..`, `%` or `\\`.\n",
            head,
        );
    };
    if path == BUILD_PATH {
        let mut r = plain(StatusCode::OK, &published.build, head);
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return r;
    }
    if let Some(page) = &published.unavailable {
        let mut r = file_response(page, StatusCode::SERVICE_UNAVAILABLE, head);
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return r;
    }
    let Some(file) = published.files.get(&key) else {
        return body(
            StatusCode::NOT_FOUND,
            site::HTML,
            Bytes::from_static(NOT_FOUND.as_bytes()),
            head,
        );
    };
    if not_modified(file, headers) {
        let mut r = Response::new(Bytes::new());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        validators(file, r.headers_mut());
        return r;
    }
    file_response(file, StatusCode::OK, head)
}

/// The key of `path` in the site (`/` and `/x/` are their `index.html`),
/// or `None` when the path is refused.
fn file_key(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let segments: Vec<&str> = rest.split('/').collect();
    let inner = &segments[..segments.len() - 1];
    if rest
        .chars()
        .any(|c| c == '%' || c == '\\' || c.is_control())
        || segments.iter().any(|seg| *seg == ".." || *seg == ".")
        || (!rest.is_empty() && inner.iter().any(|seg| seg.is_empty()))
    {
        return None;
    }
    if rest.is_empty() || rest.ends_with('/') {
        Some(format!("{rest}index.html"))
    } else {
        Some(rest.to_string())
    }
}

/// Whether the client's copy is current (If-None-Match first; then
/// If-Modified-Since).
fn not_modified(file: &Served, headers: &HeaderMap) -> bool {
    let inm: Vec<&HeaderValue> = headers.get_all(header::IF_NONE_MATCH).iter().collect();
    if !inm.is_empty() {
        // Weak comparison, as If-None-Match asks: `W/"x"` matches `"x"`.
        return inm.iter().filter_map(|v| v.to_str().ok()).any(|v| {
            v.split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == file.etag)
        });
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
        .is_some_and(|since| file.last_modified <= since)
}

/// `ETag`, Last-Modified and Cache-Control of `file` (clients revalidate
/// every time: the site changes while it is served).
fn validators(file: &Served, headers: &mut HeaderMap) {
    if let Ok(v) = HeaderValue::from_str(&file.etag) {
        headers.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(&httpdate::fmt_http_date(file.last_modified)) {
        headers.insert(header::LAST_MODIFIED, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
}

/// `file` with its type and validators.
fn file_response(file: &Served, status: StatusCode, head: bool) -> Response<Bytes> {
    let mut r = body(status, file.content_type, file.bytes.clone(), head);
    validators(file, r.headers_mut());
    r
}

/// A short plain-text response.
fn plain(status: StatusCode, text: &str, head: bool) -> Response<Bytes> {
    body(
        status,
        "text/plain; charset=utf-8",
        Bytes::copy_from_slice(text.as_bytes()),
        head,
    )
}

/// A response with `bytes` as its body, or, for HEAD, no body and the
/// length GET would have.
fn body(
    status: StatusCode,
    content_type: &'static str,
    bytes: Bytes,
    head: bool,
) -> Response<Bytes> {
    let len = bytes.len();
    let mut r = Response::new(if head { Bytes::new() } else { bytes });
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::site::File;

    fn site(pairs: &[(&str, &str, &'static str)]) -> Site {
        let mut s = Site::default();
        for (p, b, t) in pairs {
            s.files.insert(
                (*p).to_string(),
                File {
                    bytes: b.as_bytes().to_vec(),
                    content_type: t,
                },
            );
        }
        s
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn get(p: &Published, path: &str, headers: &[(header::HeaderName, &str)]) -> Response<Bytes> {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.append(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        answer(p, &Method::GET, path, &h)
    }

    const PAGE: &str =
        "<!DOCTYPE html>\n<html>\n<head>\n<title>x</title>\n</head><body></body></html>";

    #[test]
    fn pages_carry_the_build_and_feeds_stay_as_built() {
        let s = site(&[
            ("index.html", PAGE, site::HTML),
            ("all.ics", "BEGIN:VCALENDAR", site::CALENDAR),
        ]);
        let p = Published::new(&s, None, at(1000));
        let page = String::from_utf8(p.get("index.html").unwrap().bytes.to_vec()).unwrap();
        assert!(page.contains(&format!(
            "<head>\n<meta name=\"agendum-build\" content=\"{}\">\n<title>",
            p.build()
        )));
        assert_eq!(&p.get("all.ics").unwrap().bytes[..], b"BEGIN:VCALENDAR");
        let r = get(&p, BUILD_PATH, &[]);
        assert_eq!(r.body(), p.build().as_bytes());
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
    }

    #[test]
    fn unchanged_files_keep_their_date_and_changed_ones_move_on() {
        let one = site(&[
            ("index.html", PAGE, site::HTML),
            ("all.ics", "A", site::CALENDAR),
            ("g.ics", "G", site::CALENDAR),
        ]);
        let first = Published::new(&one, None, at(1000));
        let two = site(&[
            ("index.html", PAGE, site::HTML),
            ("all.ics", "B", site::CALENDAR),
            ("g.ics", "G", site::CALENDAR),
        ]);
        // Rebuilt within the same second: the changed feed still gets a later date.
        let second = Published::new(&two, Some(&first), at(1000));
        assert_eq!(second.get("g.ics").unwrap().last_modified, at(1000));
        assert_eq!(
            second.get("g.ics").unwrap().etag,
            first.get("g.ics").unwrap().etag
        );
        assert_eq!(second.get("all.ics").unwrap().last_modified, at(1001));
        assert_ne!(second.build(), first.build());
        // The page carries the new build id, so it changed too.
        assert_eq!(second.changed_since(&first), 2);
        let third = Published::new(&two, Some(&second), at(5000));
        assert_eq!(third.changed_since(&second), 0);
        assert_eq!(third.get("index.html").unwrap().last_modified, at(1001));
    }

    #[test]
    fn conditional_gets() {
        let p = Published::new(&site(&[("all.ics", "A", site::CALENDAR)]), None, at(1000));
        let etag = p.get("all.ics").unwrap().etag.clone();
        let r = get(&p, "/all.ics", &[]);
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()[header::CONTENT_TYPE], site::CALENDAR);
        assert_eq!(r.headers()[header::ETAG], etag.as_str());
        assert_eq!(
            r.headers()[header::LAST_MODIFIED],
            "Thu, 01 Jan 1970 00:16:40 GMT"
        );
        let inm = |v: &str| get(&p, "/all.ics", &[(header::IF_NONE_MATCH, v)]).status();
        assert_eq!(inm(&etag), StatusCode::NOT_MODIFIED);
        assert_eq!(inm(&format!("W/{etag}")), StatusCode::NOT_MODIFIED);
        assert_eq!(inm(&format!("\"other\", {etag}")), StatusCode::NOT_MODIFIED);
        assert_eq!(inm("*"), StatusCode::NOT_MODIFIED);
        assert_eq!(inm("\"other\""), StatusCode::OK);
        let ims = |v: &str| get(&p, "/all.ics", &[(header::IF_MODIFIED_SINCE, v)]).status();
        assert_eq!(
            ims("Thu, 01 Jan 1970 00:16:40 GMT"),
            StatusCode::NOT_MODIFIED
        );
        assert_eq!(ims("Thu, 01 Jan 1970 00:16:39 GMT"), StatusCode::OK);
        assert_eq!(ims("yesterday"), StatusCode::OK);
        // If-None-Match wins over If-Modified-Since.
        let both = get(
            &p,
            "/all.ics",
            &[
                (header::IF_NONE_MATCH, "\"other\""),
                (header::IF_MODIFIED_SINCE, "Thu, 01 Jan 1970 00:16:40 GMT"),
            ],
        );
        assert_eq!(both.status(), StatusCode::OK);
        let not = get(&p, "/all.ics", &[(header::IF_NONE_MATCH, &etag)]);
        assert!(not.body().is_empty());
        assert_eq!(not.headers()[header::ETAG], etag.as_str());
    }

    #[test]
    fn paths_methods_and_unknowns() {
        let p = Published::new(
            &site(&[
                ("index.html", PAGE, site::HTML),
                ("group/sec.ics", "S", site::CALENDAR),
            ]),
            None,
            at(1),
        );
        assert_eq!(get(&p, "/", &[]).status(), StatusCode::OK);
        assert_eq!(
            get(&p, "/index.html?group=SEC&day=2016-07-19", &[]).status(),
            StatusCode::OK
        );
        assert_eq!(get(&p, "/group/sec.ics", &[]).status(), StatusCode::OK);
        assert_eq!(
            get(&p, "/group/nope.ics", &[]).status(),
            StatusCode::NOT_FOUND
        );
        for bad in [
            "/../etc/passwd",
            "/group/../index.html",
            "/group/%2e%2e/x",
            "/%2fetc",
            "/a\\b",
            "/./index.html",
            "//index.html",
            "index.html",
        ] {
            assert_eq!(get(&p, bad, &[]).status(), StatusCode::BAD_REQUEST, "{bad}");
        }
        let post = answer(&p, &Method::POST, "/index.html", &HeaderMap::new());
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(post.headers()[header::ALLOW], ALLOW);
        let head = answer(&p, &Method::HEAD, "/group/sec.ics", &HeaderMap::new());
        assert_eq!(head.status(), StatusCode::OK);
        assert!(head.body().is_empty());
        assert_eq!(head.headers()[header::CONTENT_LENGTH], "1");
    }

    #[test]
    fn a_week_that_never_built_answers_503_with_the_diagnostic() {
        let p = Published::unavailable("error[toml]: <bad> value\n --> sec.toml:3:7", None, at(1));
        let r = get(&p, "/all.ics", &[]);
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        let text = String::from_utf8(r.body().to_vec()).unwrap();
        assert!(text.contains("error[toml]: &lt;bad&gt; value"));
        assert!(text.contains(&format!("content=\"{}\"", p.build())));
        assert_eq!(get(&p, BUILD_PATH, &[]).body(), p.build().as_bytes());
    }
}
