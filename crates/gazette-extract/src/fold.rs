//! Case-folded word hashes: one cheap hash per token for the word tables of
//! the entity, quote and event stages, compared with the table's word
//! afterwards (the entity, quote and event stages share one per word and
//! article, [`word_hashes_into`]).

/// Hash of a word with ASCII letters folded to lowercase (`| 0x20` on
/// each byte: exact for letters, and digits, `'` and `-` are unchanged;
/// other bytes may collide, which the comparison after the lookup catches).
pub(crate) fn word_hash(w: &[u8]) -> u64 {
    word_hash_in(w, 0, w.len())
}

/// [`word_hash`] of `buf[start..end]`, reading eight bytes at a time where
/// the buffer allows (the bytes past the word are masked off).
#[inline]
pub(crate) fn word_hash_in(buf: &[u8], start: usize, end: usize) -> u64 {
    hash_in(buf, start, end, 0x2020_2020_2020_2020)
}

/// [`word_hashes_into`] of a new list, for the stages' tests.
#[cfg(test)]
pub(crate) fn word_hashes(text: &str, toks: &[gazette_tokenizer::Token]) -> Vec<u64> {
    let mut hashes = Vec::with_capacity(toks.len());
    word_hashes_into(&mut hashes, text, toks);
    hashes
}

/// A random text of `words` words of `vocab`, for the stages' tests: each
/// followed by a space, or by a hyphen when the draw's bits above 40 under
/// `hyphen_mask` are all zero; `seed` is a xorshift state, advanced.
#[cfg(test)]
pub(crate) fn random_text(vocab: &[String], words: usize, hyphen_mask: u64, seed: &mut u64) -> String {
    let mut text = String::new();
    for _ in 0..words {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        text.push_str(&vocab[*seed as usize % vocab.len()]);
        text.push(if *seed >> 40 & hyphen_mask == 0 { '-' } else { ' ' });
    }
    text
}

/// [`word_hash_in`] of each word token of `text` (0 for the other tokens),
/// appended to `out`: computed once per article, into room kept from an
/// earlier one, for the entity, quote and event stages, which look words
/// up in their tables.
pub(crate) fn word_hashes_into(out: &mut Vec<u64>, text: &str, toks: &[gazette_tokenizer::Token]) {
    let bytes = text.as_bytes();
    out.extend(toks.iter().map(|t| match t.kind {
        gazette_tokenizer::TokenKind::Word => word_hash_in(bytes, t.span.start, t.span.end),
        _ => 0,
    }));
}

/// Hash of a word as written (case kept).
pub(crate) fn exact_hash(w: &[u8]) -> u64 {
    exact_hash_in(w, 0, w.len())
}

/// [`exact_hash`] of `buf[start..end]`: a word hashed where it lies in its
/// text reads eight bytes at a time, where a short word on its own is copied
/// out byte by byte.
#[inline]
pub(crate) fn exact_hash_in(buf: &[u8], start: usize, end: usize) -> u64 {
    hash_in(buf, start, end, 0)
}

/// The eight bytes of `buf` from `at`, as a little-endian word.
#[inline(always)]
fn word_at(buf: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = buf.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// The hash behind [`word_hash_in`] and [`exact_hash`]: `fold` is or-ed into
/// every eight bytes read. The word is hashed eight bytes at a time, the
/// last `n` bytes (fewer than eight) as the word of those bytes alone
/// (little-endian, the rest zero).
#[inline]
fn hash_in(buf: &[u8], start: usize, end: usize, fold: u64) -> u64 {
    // Most words: one read of eight bytes and no loop (the same value as
    // one round of the loop in `hash_long`).
    let len = end - start;
    if (1..=8).contains(&len)
        && let Some(x) = word_at(buf, start)
    {
        return mix(len as u64, (x | fold) & (u64::MAX >> (64 - 8 * len)));
    }
    // Words of nine to sixteen bytes: two reads (two rounds of the loop).
    if (9..=16).contains(&len)
        && let Some(x) = word_at(buf, start)
        && let Some(y) = word_at(buf, start + 8)
    {
        return mix(mix(len as u64, x | fold), (y | fold) & (u64::MAX >> (128 - 8 * len)));
    }
    hash_long(buf, start, end, fold)
}

/// [`hash_in`] of a word longer than eight bytes or near the buffer's end:
/// out of line, so that the common case above keeps its registers.
#[cold]
#[inline(never)]
fn hash_long(buf: &[u8], start: usize, end: usize, fold: u64) -> u64 {
    let mut h = (end - start) as u64;
    let mut at = start;
    while at + 8 <= end {
        let Some(x) = word_at(buf, at) else { break };
        h = mix(h, x | fold);
        at += 8;
    }
    let n = end.saturating_sub(at);
    if n == 0 {
        return h;
    }
    // The last bytes: the eight bytes that end with them, shifted down
    // (the word's own bytes before them fall off), or, in a buffer of
    // fewer than eight bytes, by `read_short`.
    let x = match end.checked_sub(8).and_then(|e| word_at(buf, e)) {
        Some(x) => (x | fold) >> (64 - 8 * n),
        None => read_short(&buf[at..end]) | (fold >> (64 - 8 * n)),
    };
    mix(h, x)
}

/// The bytes of `b` (at most eight) as a little-endian number, read as two
/// overlapping halves (a copy into an eight-byte array costs a call to
/// memcpy, a loop a few instructions a byte).
#[inline]
fn read_short(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!(n <= 8);
    if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
        u64::from(lo) | u64::from(hi) << (8 * (n - 4))
    } else if n >= 2 {
        let lo = u16::from_le_bytes([b[0], b[1]]);
        let hi = u16::from_le_bytes([b[n - 2], b[n - 1]]);
        u64::from(lo) | u64::from(hi) << (8 * (n - 2))
    } else {
        b.first().map_or(0, |&x| u64::from(x))
    }
}

/// One round of the hash: the state so far and the next eight bytes.
#[inline(always)]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(23) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The high bit of each byte of `x` that is ASCII and in `lo..=hi` set, the
/// other bits clear: eight bytes tested at once. The sums are taken without
/// the bytes' high bits, so none carries into the next byte.
#[inline]
pub(crate) fn ascii_bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = ONES * 0x80;
    debug_assert!(lo <= hi && hi < 0x80);
    let low = x & !HIGHS;
    let from_lo = low.wrapping_add(ONES * u64::from(0x80 - lo));
    let past_hi = low.wrapping_add(ONES * u64::from(0x7f - hi));
    from_lo & !past_hi & !x & HIGHS
}

/// The longest word of a list [`sorted_has`] searches (the lists' tests check).
pub(crate) const SORTED_LIST_WORD: usize = 32;

/// Whether `w`, ASCII case ignored, is in `list`: lowercase words of at
/// most [`SORTED_LIST_WORD`] bytes, in byte order. `w` is lowercased once,
/// then `list` searched by halves, its words compared in line (most words
/// differ in their first byte; a call to `memcmp` would cost more).
#[inline]
pub(crate) fn sorted_has(list: &[&str], w: &[u8]) -> bool {
    let mut buf = [0u8; SORTED_LIST_WORD];
    let Some(lower) = buf.get_mut(..w.len()) else { return false };
    for (d, b) in lower.iter_mut().zip(w) {
        *d = b.to_ascii_lowercase();
    }
    let lower = &*lower;
    list.binary_search_by(|x| {
        let x = x.as_bytes();
        match x.iter().zip(lower).find(|(a, b)| a != b) {
            Some((a, b)) => a.cmp(b),
            None => x.len().cmp(&lower.len()),
        }
    })
    .is_ok()
}

/// `n` zeros, written to memory one by one. A table whose empty slots are
/// zeros and that is read before it is written (a hash table's probes)
/// should start so: memory the allocator takes fresh from the system is
/// zero already, and `vec![0; n]` leaves it untouched, so that each page's
/// first read maps the kernel's shared zero page and its first write must
/// then replace it, which interrupts every other core running one of the
/// process's threads to flush its address cache (the lexicons, built
/// beside the gazetteer on two threads, took two thirds more CPU time so).
/// Written at once, each page is mapped once, by a write.
pub(crate) fn written_zeros<T: Copy + Default>(n: usize) -> Vec<T> {
    let mut v = vec![T::default(); n];
    // Hidden from the optimiser, which would otherwise know the memory is
    // zero and drop the writes.
    std::hint::black_box(&mut v[..]).fill(T::default());
    v
}

/// A set of 2^16 bits (8 KiB, small enough to stay in the first-level
/// cache) indexed by the top 16 bits of a [`word_hash`]: a filter in front of
/// a word table, so that most words, which are in no table, cost one read.
#[derive(Debug, Clone)]
pub(crate) struct Bloom(Box<[u64; 1024]>);

impl Default for Bloom {
    fn default() -> Self {
        Bloom(written_zeros(1024).into_boxed_slice().try_into().expect("1024 words"))
    }
}

impl Bloom {
    /// Adds a word hash.
    pub(crate) fn insert(&mut self, h: u64) {
        self.set((h >> 48) as usize);
    }

    /// False when no word with this hash was added; true when one may have
    /// been.
    pub(crate) fn may_contain(&self, h: u64) -> bool {
        self.get((h >> 48) as usize)
    }

    /// Sets bit `bit` (below 2^16) directly, for filters keyed otherwise.
    pub(crate) fn set(&mut self, bit: usize) {
        self.0[bit / 64 % 1024] |= 1 << (bit % 64);
    }

    /// Whether bit `bit` is set.
    pub(crate) fn get(&self, bit: usize) -> bool {
        self.0[bit / 64 % 1024] & (1 << (bit % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_zeros_are_zeros() {
        for n in [0, 1, 1000, 1 << 18] {
            let v: Vec<u64> = written_zeros(n);
            assert_eq!(v.len(), n);
            assert!(v.iter().all(|&x| x == 0));
        }
        let b = Bloom::default();
        assert!((0..1 << 16).all(|bit| !b.get(bit)), "an empty filter holds nothing");
    }

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
        assert_eq!(exact_hash_in(b"Mr Smith said", 3, 8), exact_hash(b"Smith"));
        assert_ne!(exact_hash(b"Smith"), exact_hash(b"SMITH"));
    }

    #[test]
    fn a_word_read_eight_bytes_at_once_hashes_as_one_read_byte_by_byte() {
        let text = b"A Quick-brown fox's INTERNATIONALISATION, said he, ends here........";
        for start in 0..text.len() - 1 {
            for end in start + 1..(start + 21).min(text.len()) {
                let alone = &text[start..end];
                assert_eq!(word_hash_in(text, start, end), word_hash(alone), "{start}..{end}");
                assert_eq!(exact_hash_in(text, start, end), exact_hash(alone), "{start}..{end}");
            }
        }
    }

    /// The hash as specified: eight bytes at a time, little-endian, the
    /// last ones alone.
    fn reference(w: &[u8], fold: u64) -> u64 {
        w.chunks(8).fold(w.len() as u64, |h, c| {
            let x = c.iter().rev().fold(0u64, |v, &b| v << 8 | u64::from(b));
            let keep = if c.len() == 8 { u64::MAX } else { (1u64 << (8 * c.len())) - 1 };
            mix(h, (x | fold) & keep)
        })
    }

    #[test]
    fn words_hash_as_specified_wherever_they_lie() {
        let text: Vec<u8> = (0..64u32).map(|i| (i * 37 % 251) as u8).collect();
        for start in 0..text.len() {
            for end in start + 1..=text.len() {
                for buf in [&text[..], &text[..end], &text[start..end]] {
                    let (s, e) = if buf.len() == end - start { (0, buf.len()) } else { (start, end) };
                    assert_eq!(word_hash_in(buf, s, e), reference(&text[start..end], 0x2020_2020_2020_2020));
                    assert_eq!(exact_hash_in(buf, s, e), reference(&text[start..end], 0), "{start}..{end}");
                }
            }
        }
    }

    #[test]
    fn short_reads_are_the_bytes_little_endian() {
        let bytes = [0x81, 2, 0xff, 4, 5, 0x80, 7, 8];
        for n in 0..=8 {
            let slow = bytes[..n].iter().rev().fold(0, |v, &b| v << 8 | u64::from(b));
            assert_eq!(read_short(&bytes[..n]), slow, "{n}");
        }
    }

    #[test]
    fn a_bloom_filter_keeps_what_was_added_and_rejects_most_of_the_rest() {
        let mut b = Bloom::default();
        let words = ["said", "told", "Russia", "kremlin"];
        for w in words {
            b.insert(word_hash(w.as_bytes()));
        }
        for w in words {
            assert!(b.may_contain(word_hash(w.to_uppercase().as_bytes())), "{w}");
        }
        let others = ["the", "of", "and", "a", "to", "in", "is", "was", "for", "on", "with", "by"];
        let false_hits = others.iter().filter(|w| b.may_contain(word_hash(w.as_bytes()))).count();
        assert!(false_hits <= 1, "{false_hits} false hits");
    }
}
