//! Where an agenda item belongs, and which sessions open and close a meeting.
//!
//! The file says where an item belongs (`place = "first"` or `"last"` on an
//! `[[agenda]]` item, or on an item above it). Only when it says nothing do
//! the title's words decide: "opening", "agenda", "objectives" ... go first,
//! "any other business", "closure" ... last. Titles are a default, not
//! semantics: "Action Item Status" is an opening item in some agendas and a
//! closing one in others, and only the file can say which.
//!
//! A meeting opens in its first session and closes in its last, whatever
//! their kind: a break-out, a joint session or the meeting's own plenary (a
//! single-WG meeting's "opening plenary" is that WG's first session). Calls,
//! ad-hoc, coordination, social sessions and breaks neither open nor close
//! a meeting.

use std::collections::{BTreeMap, HashMap};

use crate::load::week::Interval;
use crate::model::number::AgendaNumber;
use crate::model::status::{ItemPlace, SessionKind};
use crate::model::{AgendaItem, Meeting};

/// The place a title suggests, when the file gives none.
pub fn title_place(title: &str) -> Option<ItemPlace> {
    let t = title.to_lowercase();
    let last = [
        "action item",
        "work plan",
        "next meeting",
        "future meeting",
        "any other business",
        "aob",
        "closure",
        "closing",
        "close of",
    ];
    let first = [
        "opening",
        "welcome",
        "agenda",
        "previous minutes",
        "minutes of",
        "approval of previous",
        "objectives",
        "schedule",
        "attendees",
        "attendance",
    ];
    if last.iter().any(|w| t.contains(w)) {
        Some(ItemPlace::Last)
    } else if first.iter().any(|w| t.contains(w)) {
        Some(ItemPlace::First)
    } else {
        None
    }
}

/// Where `item` belongs: its own `place`, else the nearest item above it
/// with a `place`, else its title's words, else those of the items above it.
pub fn item_place(
    items: &BTreeMap<&AgendaNumber, &AgendaItem>,
    item: &AgendaItem,
) -> Option<ItemPlace> {
    let ancestors = || {
        std::iter::successors(item.number.parent(), AgendaNumber::parent)
            .filter_map(|n| items.get(&n).copied())
    };
    item.place
        .as_ref()
        .map(|p| p.value)
        .or_else(|| ancestors().find_map(|a| a.place.as_ref().map(|p| p.value)))
        .or_else(|| title_place(&item.title))
        .or_else(|| ancestors().find_map(|a| title_place(&a.title)))
}

/// Whether a session of this kind can open or close a meeting.
pub fn can_open_or_close(kind: SessionKind) -> bool {
    matches!(
        kind,
        SessionKind::BreakOut | SessionKind::Joint | SessionKind::Plenary
    )
}

/// The meeting's first and last sessions (indices into `sessions`): the
/// earliest and latest break-out, joint or plenary session with a time.
pub fn first_and_last<S: std::hash::BuildHasher>(
    m: &Meeting,
    times: &HashMap<usize, Interval, S>,
) -> Option<(usize, usize)> {
    let mut ends: Vec<(chrono::DateTime<chrono::Utc>, usize)> = m
        .sessions
        .iter()
        .enumerate()
        .filter(|(i, s)| can_open_or_close(s.kind.value) && times.contains_key(i))
        .map(|(i, _)| (times[&i].start, i))
        .collect();
    ends.sort_unstable();
    Some((ends.first()?.1, ends.last()?.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_only_the_default() {
        assert_eq!(title_place("Action Item Status"), Some(ItemPlace::Last));
        assert_eq!(title_place("Review of Objectives"), Some(ItemPlace::First));
        assert_eq!(title_place("Contributions affecting TS-0003"), None);
        let mut item = AgendaItem {
            number: crate::model::loc::Loc::synthetic(AgendaNumber::parse("5").unwrap()),
            title: "Action Item Status".into(),
            ..AgendaItem::default()
        };
        let none = BTreeMap::new();
        assert_eq!(item_place(&none, &item), Some(ItemPlace::Last));
        item.place = Some(crate::model::loc::Loc::synthetic(ItemPlace::First));
        assert_eq!(item_place(&none, &item), Some(ItemPlace::First));
        // A sub-item follows the place its parent's file entry gives, before any title.
        let child = AgendaItem {
            number: crate::model::loc::Loc::synthetic(AgendaNumber::parse("5.1").unwrap()),
            title: "Closing of old actions".into(),
            ..AgendaItem::default()
        };
        let items: BTreeMap<&AgendaNumber, &AgendaItem> =
            std::iter::once((&item.number.value, &item)).collect();
        assert_eq!(item_place(&items, &child), Some(ItemPlace::First));
    }
}
