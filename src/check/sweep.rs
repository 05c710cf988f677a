//! Finding overlapping intervals without comparing every pair.
//!
//! Intervals are tagged with a key (a group, a room, a person) and sorted by
//! key and start; one pass per key keeps the intervals still running and
//! pairs each new interval with them. Each interval is inserted once and
//! dropped once, and each survivor it meets is an overlap, so the cost is
//! O(n log n + overlaps) instead of O(n²). The brute-force twins below are
//! what the property tests compare against.

/// An interval of one key: `[start, end)` in seconds, and who it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The group, room or person.
    pub key: u32,
    /// Start (inclusive).
    pub start: i64,
    /// End (exclusive): touching intervals do not overlap.
    pub end: i64,
    /// The session.
    pub id: u32,
}

/// A pair of sessions of one key that overlap; `a < b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pair {
    /// The key they share.
    pub key: u32,
    /// The lower session id.
    pub a: u32,
    /// The higher session id.
    pub b: u32,
}

fn pair(key: u32, x: u32, y: u32) -> Pair {
    Pair {
        key,
        a: x.min(y),
        b: x.max(y),
    }
}

/// Every pair of spans with the same key whose intervals overlap, once, in no
/// particular order. The same (key, session) given twice counts once.
pub fn overlaps(spans: &mut Vec<Span>) -> Vec<Pair> {
    spans.sort_unstable();
    spans.dedup_by(|x, y| x.key == y.key && x.id == y.id && x.start == y.start && x.end == y.end);
    let mut out = Vec::new();
    let mut active: Vec<(i64, u32)> = Vec::new();
    let mut current = None;
    for s in spans.iter() {
        if current != Some(s.key) {
            active.clear();
            current = Some(s.key);
        }
        active.retain(|&(end, _)| end > s.start);
        for &(_, other) in &active {
            if other != s.id {
                out.push(pair(s.key, other, s.id));
            }
        }
        active.push((s.end, s.id));
    }
    out
}

/// Every pair (x from `left`, y from `right`) whose intervals overlap, for
/// two lists of one key each, both sorted by start. `key` is put in the pairs.
pub fn cross(key: u32, left: &[Span], right: &[Span]) -> Vec<Pair> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut active_left: Vec<(i64, u32)> = Vec::new();
    let mut active_right: Vec<(i64, u32)> = Vec::new();
    while i < left.len() || j < right.len() {
        let take_left = j >= right.len() || (i < left.len() && left[i].start <= right[j].start);
        if take_left {
            let s = left[i];
            i += 1;
            active_right.retain(|&(end, _)| end > s.start);
            out.extend(
                active_right
                    .iter()
                    .filter(|x| x.1 != s.id)
                    .map(|&(_, y)| pair(key, s.id, y)),
            );
            active_left.push((s.end, s.id));
        } else {
            let s = right[j];
            j += 1;
            active_left.retain(|&(end, _)| end > s.start);
            out.extend(
                active_left
                    .iter()
                    .filter(|x| x.1 != s.id)
                    .map(|&(_, y)| pair(key, s.id, y)),
            );
            active_right.push((s.end, s.id));
        }
    }
    out
}

#[cfg(test)]
/// The brute-force twin of [`overlaps`]: every pair compared.
pub fn overlaps_brute(spans: &[Span]) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, x) in spans.iter().enumerate() {
        for y in &spans[i + 1..] {
            if x.key == y.key && x.id != y.id && x.start < y.end && y.start < x.end {
                out.push(pair(x.key, x.id, y.id));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
/// The brute-force twin of [`cross`].
pub fn cross_brute(key: u32, left: &[Span], right: &[Span]) -> Vec<Pair> {
    let mut out = Vec::new();
    for x in left {
        for y in right {
            if x.id != y.id && x.start < y.end && y.start < x.end {
                out.push(pair(key, x.id, y.id));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span(key: u32, start: i64, end: i64, id: u32) -> Span {
        Span {
            key,
            start,
            end,
            id,
        }
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        let mut v = vec![span(0, 0, 10, 1), span(0, 10, 20, 2)];
        assert!(overlaps(&mut v).is_empty());
        let mut v = vec![span(0, 0, 10, 1), span(0, 9, 20, 2), span(1, 0, 30, 3)];
        assert_eq!(overlaps(&mut v), vec![pair(0, 1, 2)]);
    }

    fn spans(keys: u32, ids: u32) -> impl Strategy<Value = Vec<Span>> {
        prop::collection::vec((0..keys, 0i64..50, 1i64..12, 0..ids), 0..40).prop_map(|v| {
            v.into_iter()
                .map(|(k, s, len, id)| span(k, s, s + len, id))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn sweep_finds_what_all_pairs_finds(input in spans(3, 30)) {
            let mut fast_input = input.clone();
            let mut fast = overlaps(&mut fast_input);
            fast.sort_unstable();
            fast.dedup();
            prop_assert_eq!(fast, overlaps_brute(&input));
        }

        #[test]
        fn cross_sweep_finds_what_all_pairs_finds(a in spans(1, 30), b in spans(1, 30)) {
            let (mut a, mut b) = (a, b);
            a.sort_unstable_by_key(|s| s.start);
            b.sort_unstable_by_key(|s| s.start);
            let mut fast = cross(0, &a, &b);
            fast.sort_unstable();
            fast.dedup();
            prop_assert_eq!(fast, cross_brute(0, &a, &b));
        }
    }
}
