//! Errors: an agenda item or contribution of one parallel track treated in
//! a session of another.
//!
//! A track's sessions treat the items the file gives that track (an item's
//! `track`, inherited by the items below it). A session of the whole group
//! (no `track`) may treat anything: the whole group is there.

use super::index::Index;
use crate::diagnostic::Diagnostic;
use crate::model::loc::Loc;
use crate::model::{Meeting, Session};

/// The ids of the sessions of track `track`, for a hint ("S3, S5").
fn sessions_of(m: &Meeting, track: &str) -> String {
    let ids: Vec<&str> = m
        .sessions
        .iter()
        .filter(|s| s.track.as_ref().is_some_and(|t| t.as_str() == track))
        .map(|s| s.id.as_str())
        .collect();
    if ids.is_empty() {
        format!("no session has track `{track}` yet: add one")
    } else {
        format!("a session of track `{track}` ({})", ids.join(", "))
    }
}

/// One error: `what` (an item or a contribution, written at `at`) belongs
/// to track `wanted` but is treated in session `s` of another track.
fn wrong(
    m: &Meeting,
    s: &Session,
    session_track: &Loc<String>,
    what: &str,
    at: &Loc<String>,
    wanted: &Loc<String>,
    fix: &str,
) -> Diagnostic {
    Diagnostic::error(
        "wrong-track",
        format!(
            "{what} belongs to track `{}` but is treated in {}/{}, a session of track `{}`",
            wanted.as_str(),
            m.header.id.as_str(),
            s.id.as_str(),
            session_track.as_str()
        ),
    )
    .at(
        m.file,
        at.span.clone(),
        format!("treated in {}", s.id.as_str()),
    )
    .at(
        m.file,
        wanted.span.clone(),
        format!("track `{}`", wanted.as_str()),
    )
    .at(
        m.file,
        session_track.span.clone(),
        format!("{} is of track `{}`", s.id.as_str(), session_track.as_str()),
    )
    .session(format!("{}/{}", m.header.id.as_str(), s.id.as_str()))
    .help(format!(
        "treat it in {}, {fix}",
        sessions_of(m, wanted.as_str())
    ))
}

/// The track rule.
pub fn check(index: &Index) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in &index.week.meetings {
        if m.tracks.is_empty() {
            continue;
        }
        for (si, s) in m.sessions.iter().enumerate() {
            let Some(own) = s.track.as_ref().filter(|_| m.track_of(s).is_some()) else {
                continue;
            };
            let other = |t: &&Loc<String>| t.as_str() != own.as_str();
            for n in &s.items {
                if let Some(t) = m.item_track(n.as_str()).filter(other) {
                    let text = Loc::new(n.span.clone(), n.as_str().to_string());
                    out.push(wrong(
                        m,
                        s,
                        own,
                        &format!("item {}", n.as_str()),
                        &text,
                        t,
                        "or change the item's `track`",
                    ));
                }
            }
            // Contributions the file puts here itself: listed or pinned.
            let listed = s.contributions.iter().filter_map(|n| {
                let c = index.by_number.get(n.as_str())?;
                Some((n, index.contributions[*c as usize].contribution))
            });
            let pinned = m.contributions.iter().filter_map(|c| {
                let pin = c.session.as_ref()?;
                (m.find_session(pin.as_str()) == Some(si)).then_some((pin, c))
            });
            for (at, c) in listed.chain(pinned) {
                if let Some(t) = m.item_track(c.item.as_str()).filter(other) {
                    out.push(wrong(
                        m,
                        s,
                        own,
                        &format!("{} (item {})", c.number.as_str(), c.item.as_str()),
                        at,
                        t,
                        "or allocate it to an item of this track",
                    ));
                }
            }
        }
    }
    out
}
