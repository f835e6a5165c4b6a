//! Case-folded word hashes: one cheap hash per token for the word tables of
//! the entity and quote stages, compared with the table's word afterwards.

/// Hash of a word with ASCII letters folded to lowercase (`| 0x20` on
/// each byte: exact for letters, and digits, `'` and `-` are unchanged;
/// other bytes may collide, which the comparison after the lookup catches).
pub(crate) fn word_hash(w: &[u8]) -> u64 {
    word_hash_in(w, 0, w.len())
}

/// [`word_hash`] of `buf[start..end]`, reading eight bytes at a time where
/// the buffer allows (the bytes past the word are masked off).
pub(crate) fn word_hash_in(buf: &[u8], start: usize, end: usize) -> u64 {
    let mut h = (end - start) as u64;
    let mut at = start;
    while at < end {
        let n = (end - at).min(8);
        let x = match buf.get(at..at + 8) {
            Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            None => {
                let mut v = [0u8; 8];
                v[..n].copy_from_slice(&buf[at..at + n]);
                u64::from_le_bytes(v)
            }
        };
        let keep = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
        h = (h.rotate_left(23) ^ ((x | 0x2020_2020_2020_2020) & keep)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        at += n;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_folded_and_the_window_does_not_matter() {
        assert_eq!(word_hash(b"Said"), word_hash(b"said"));
        assert_eq!(word_hash(b"ACCORDING"), word_hash(b"according"));
        assert_ne!(word_hash(b"said"), word_hash(b"sad"));
        let text = b"He SAID so";
        assert_eq!(word_hash_in(text, 3, 7), word_hash(b"said"));
        // At the end of the buffer the last bytes are read one by one.
        assert_eq!(word_hash_in(b"so", 0, 2), word_hash(b"SO"));
        assert_eq!(word_hash_in(b"international", 0, 13), word_hash(b"INTERNATIONAL"));
    }
}
