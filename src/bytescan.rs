//! Scanning text eight bytes at a time for the few bytes that matter.
//!
//! Reading a meeting file and escaping calendar text both walk long runs of
//! ordinary bytes looking for a quote, a backslash, a line end or a control
//! character. Testing a whole 64-bit word at once (the "has zero byte" trick)
//! skips most of those runs eight bytes per step instead of one.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `i` as one word (any byte order will do: only whether
/// some byte matches is asked), or `None` near the end.
pub fn word(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Whether some byte of `x` is `byte`.
pub fn has_byte(x: u64, byte: u8) -> bool {
    let v = x ^ (ONES * u64::from(byte));
    v.wrapping_sub(ONES) & !v & HIGHS != 0
}

/// Whether some byte of `x` is below `n` (`n` at most 128).
pub fn has_below(x: u64, n: u8) -> bool {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS != 0
}

/// Whether some byte of `x` is an ASCII control character (below 0x20, or
/// DEL), or one of `bytes`.
pub fn has_control_or(x: u64, bytes: &[u8]) -> bool {
    has_below(x, 0x20) || has_byte(x, 0x7f) || bytes.iter().any(|&b| has_byte(x, b))
}

/// From `i`, the first offset whose eight-byte word may hold a control
/// character or one of `bytes` (or where fewer than eight bytes are left):
/// every byte skipped is neither.
pub fn skip_plain(b: &[u8], mut i: usize, bytes: &[u8]) -> usize {
    while let Some(x) = word(b, i) {
        if has_control_or(x, bytes) {
            break;
        }
        i += 8;
    }
    i
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Against the byte-by-byte test, on words made of the bytes that
        /// matter and their neighbours.
        #[test]
        fn words_match_byte_by_byte(
            bytes in prop::collection::vec(
                prop::sample::select(vec![0u8, 1, 9, 10, 13, 0x1f, 0x20, 0x21, b'"', b'\\', b';', b',', 0x7e, 0x7f, 0x80, 0xc3, 0xff, b'a']),
                8,
            ),
        ) {
            let x = word(&bytes, 0).unwrap_or_default();
            for probe in [b'"', b'\\', b';', 0x7f, 0, 0x80] {
                prop_assert_eq!(has_byte(x, probe), bytes.contains(&probe));
            }
            prop_assert_eq!(has_below(x, 0x20), bytes.iter().any(|&c| c < 0x20));
            prop_assert_eq!(
                has_control_or(x, b"\\;,"),
                bytes.iter().any(|&c| c < 0x20 || c == 0x7f || b"\\;,".contains(&c))
            );
        }

        #[test]
        fn skipping_passes_only_plain_bytes(
            bytes in prop::collection::vec(prop::sample::select(vec![b'a', b'"', b'\n', 0x7f, 0xc3]), 0..40),
            from in 0usize..8,
        ) {
            let from = from.min(bytes.len());
            let stop = skip_plain(&bytes, from, b"\"");
            prop_assert!(stop >= from && stop <= bytes.len());
            prop_assert!(bytes[from..stop].iter().all(|&c| c == b'a' || c == 0xc3));
            prop_assert!(stop + 8 > bytes.len() || bytes[stop..stop + 8].iter().any(|&c| c != b'a' && c != 0xc3));
        }
    }
}
