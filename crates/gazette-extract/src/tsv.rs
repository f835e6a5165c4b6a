//! Rows and fields of the TSV files under `corpora/`: the small reading
//! helpers shared by the lexicons and the gazetteer.
//!
//! Separators and line ends are found eight bytes at a time (a `u64` and a
//! few bit operations): the fields and lines of the lexicons are a few bytes
//! long, so that a call to `memchr` per field costs more than it saves, and
//! a byte at a time costs five instructions a byte. Start-up reads some
//! 800 KB of them. A byte counted over a whole file (to reserve tables) is
//! left to `memchr`, which counts faster still.

/// The lines of a data file with their 1-based line numbers, a trailing
/// `\r` cut off: skips blank lines and `#` comments.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // (Cut at each `\n` by [`split`]: `str::lines` looks for the character
    // at a cost of a few hundred instructions a line. Its one difference,
    // an empty piece after a final `\n`, is a blank line.)
    split(text, b'\n').enumerate().filter_map(|(n, line)| {
        let line = line.trim_end_matches('\r');
        (!trim(line).is_empty() && !line.starts_with('#')).then_some((n + 1, line))
    })
}

/// Data rows of a TSV file with their 1-based line numbers: [`lines`]
/// without the header.
pub(crate) fn rows<'a>(text: &'a str, header: &'static str) -> impl Iterator<Item = (usize, &'a str)> {
    let mut seen_header = false;
    lines(text).filter(move |&(_, line)| {
        let is_header = !seen_header && line == header;
        seen_header |= is_header;
        !is_header
    })
}

/// The `N` tab-separated fields of `row`, or `None` when it has more or
/// fewer (count them with `row.split('\t').count()` for a message).
pub(crate) fn fields<const N: usize>(row: &str) -> Option<[&str; N]> {
    split_n(row, b'\t')
}

/// The `N` parts of `s` between the ASCII separator `sep`, or `None` when it
/// has more or fewer. Unlike collecting `split`, allocates nothing; it reads
/// `s` once. (In line: the array it returns is then filled in place, not
/// copied out.)
#[inline]
pub(crate) fn split_n<const N: usize>(s: &str, sep: u8) -> Option<[&str; N]> {
    debug_assert!(sep.is_ascii());
    let mut out = [""; N];
    let (mut n, mut start) = (0, 0);
    // The part that ends at `at`, a separator or the end.
    let mut cut = |at: usize| {
        *out.get_mut(n)? = &s[start..at];
        (n, start) = (n + 1, at + 1);
        Some(())
    };
    let mut chunks = s.as_bytes().chunks_exact(8);
    for (i, chunk) in (&mut chunks).enumerate() {
        let mut found = equal_bytes(u64::from_le_bytes(chunk.try_into().expect("eight bytes")), sep);
        while found != 0 {
            cut(8 * i + found.trailing_zeros() as usize / 8)?;
            found &= found - 1;
        }
    }
    let tail = chunks.remainder();
    match last_word(s.as_bytes()) {
        // The last bytes as the eight that end `s`, those read already
        // masked off.
        Some(x) if !tail.is_empty() => {
            let mut found = equal_bytes(x, sep) & (u64::MAX << (8 * (8 - tail.len())));
            while found != 0 {
                cut(s.len() - 8 + found.trailing_zeros() as usize / 8)?;
                found &= found - 1;
            }
        }
        _ => {
            for (i, &b) in tail.iter().enumerate() {
                if b == sep {
                    cut(s.len() - tail.len() + i)?;
                }
            }
        }
    }
    cut(s.len())?;
    (n == N).then_some(out)
}

/// The eight bytes that end `s` as a little-endian word, when it has eight:
/// how the last bytes of a text read eight at a time are read.
#[inline]
fn last_word(s: &[u8]) -> Option<u64> {
    let at = s.len().checked_sub(8)?;
    Some(u64::from_le_bytes(s[at..].try_into().expect("eight bytes")))
}

/// `s.split(sep)` for an ASCII separator, cut by [`pieces`].
pub(crate) fn split(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    pieces(s.as_bytes(), sep).map(move |r| &s[r])
}

/// Where the pieces of `s` between the ASCII separator `sep` lie, those of
/// [`split`]. The separators are found eight bytes at a time in one pass
/// over `s`, as the pieces are taken (a search a piece would start its loop
/// again for each of thousands of short lines and fields).
pub(crate) fn pieces(s: &[u8], sep: u8) -> Pieces<'_> {
    debug_assert!(sep.is_ascii());
    Pieces { s, sep, start: 0, at: 0, found: 0, done: false }
}

/// The iterator of [`pieces`].
#[derive(Debug, Clone)]
pub(crate) struct Pieces<'a> {
    s: &'a [u8],
    sep: u8,
    /// Where the next piece starts.
    start: usize,
    /// The bytes before `at` have been read.
    at: usize,
    /// The separators among the eight bytes before `at` not yet cut at, as
    /// the high bits of their bytes ([`equal_bytes`]).
    found: u64,
    /// The last piece has been taken.
    done: bool,
}

impl Pieces<'_> {
    /// The piece that ends at the separator at `i`.
    #[inline(always)]
    fn cut(&mut self, i: usize) -> std::ops::Range<usize> {
        let piece = self.start..i;
        self.start = i + 1;
        piece
    }
}

impl Iterator for Pieces<'_> {
    type Item = std::ops::Range<usize>;

    // (In line, so that the state stays in registers in the callers'
    // loops: the name lists have 35,000 lines.)
    #[inline(always)]
    fn next(&mut self) -> Option<std::ops::Range<usize>> {
        if self.done {
            return None;
        }
        loop {
            if self.found != 0 {
                let i = self.at - 8 + self.found.trailing_zeros() as usize / 8;
                self.found &= self.found - 1;
                return Some(self.cut(i));
            }
            let Some(chunk) = self.s.get(self.at..self.at + 8) else {
                // Fewer than eight bytes left: the eight that end `s`, those
                // read already masked off.
                if self.at < self.s.len()
                    && let Some(x) = last_word(self.s)
                {
                    let read = self.at + 8 - self.s.len();
                    self.found = equal_bytes(x, self.sep) & (u64::MAX << (8 * read));
                    self.at = self.s.len();
                    continue;
                }
                break;
            };
            self.found = equal_bytes(u64::from_le_bytes(chunk.try_into().expect("eight bytes")), self.sep);
            self.at += 8;
        }
        // A text of fewer than eight bytes, one by one.
        while let Some(&c) = self.s.get(self.at) {
            self.at += 1;
            if c == self.sep {
                return Some(self.cut(self.at - 1));
            }
        }
        self.done = true;
        Some(self.start..self.s.len())
    }
}

/// Where the tokens of `text` lie, in order, as
/// [`gazette_tokenizer::tokenize`] cuts it, each passed to `f`. Text of
/// ASCII letters and spaces only (most lexicon phrases and aliases) is cut
/// at its spaces without running the tokenizer, and without allocating:
/// the tokenizer makes one word of each run of ASCII letters (a test checks).
pub(crate) fn for_each_token(text: &str, mut f: impl FnMut(std::ops::Range<usize>)) {
    if letters_and_spaces(text.as_bytes()) {
        for r in pieces(text.as_bytes(), b' ') {
            if !r.is_empty() {
                f(r);
            }
        }
    } else {
        for t in gazette_tokenizer::tokenize(text) {
            f(t.span.start..t.span.end);
        }
    }
}

/// Whether `s` has only ASCII letters and spaces, read eight bytes at a
/// time.
fn letters_and_spaces(s: &[u8]) -> bool {
    let mut chunks = s.chunks_exact(8);
    // The high bits of the bytes that are neither.
    let mut other = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        other |= !(ascii_letters(x) | equal_bytes(x, b' ')) & HIGHS;
    }
    let tail = chunks.remainder();
    other == 0
        && match last_word(s) {
            // (The eight bytes that end `s`: some read again.)
            Some(x) if !tail.is_empty() => !(ascii_letters(x) | equal_bytes(x, b' ')) & HIGHS == 0,
            _ => tail.iter().all(|&b| b.is_ascii_alphabetic() || b == b' '),
        }
}

/// The high bit of each byte of `x` that is an ASCII letter set, the other
/// bits clear (each byte taken in lowercase: a letter's case is bit 5).
fn ascii_letters(x: u64) -> u64 {
    crate::fold::ascii_bytes_in(x | (ONES * 0x20), b'a', b'z')
}

/// The high bit of each byte of `x` equal to `byte` set, the other bits
/// clear.
fn equal_bytes(x: u64, byte: u8) -> u64 {
    let x = x ^ (ONES * u64::from(byte));
    // The high bit of a byte is set when its low seven bits or its high bit
    // are not all zero.
    let nonzero = (x & !HIGHS).wrapping_add(!HIGHS) | x;
    !nonzero & HIGHS
}

/// How many times `byte` occurs in `hay` (line and alias counts, to reserve
/// tables before reading a file).
pub(crate) fn count_byte(hay: &[u8], byte: u8) -> usize {
    memchr::memchr_iter(byte, hay).count()
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// [`str::trim`], without looking up any character when `s` starts and ends
/// with a visible ASCII character (most fields).
pub(crate) fn trim(s: &str) -> &str {
    if plain(s) { s } else { s.trim() }
}

/// Where [`trim`] of `s` lies in `s`.
pub(crate) fn trim_range(s: &str) -> std::ops::Range<usize> {
    if plain(s) {
        0..s.len()
    } else {
        let from = s.len() - s.trim_start().len();
        from..from + s.trim().len()
    }
}

/// Whether `s` starts and ends with a visible ASCII character: nothing to trim.
fn plain(s: &str) -> bool {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    visible(s.as_bytes().first()) && visible(s.as_bytes().last())
}

/// Every text of up to `n` pieces of `pieces` (the empty text first), for
/// tests that try every short input over a small alphabet.
#[cfg(test)]
pub(crate) fn texts_over(pieces: &[&str], n: usize) -> Vec<String> {
    let mut texts = vec![String::new()];
    let mut from = 0;
    for _ in 0..n {
        let to = texts.len();
        for i in from..to {
            for piece in pieces {
                texts.push(format!("{}{piece}", texts[i]));
            }
        }
        from = to;
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_the_split_of_exactly_n_columns() {
        let long = "a long first field\tand a second\t\u{e9}t\u{e9}\t\t\t0123456789abcdef\t";
        for row in ["a\tb\tc", "a\t\tc", "\t\t", "a\tb", "a\tb\tc\td", "", "a", "\u{e9}\t\u{2003}\tx\r", long] {
            let parts: Vec<&str> = row.split('\t').collect();
            let expect: Option<[&str; 3]> = parts.clone().try_into().ok();
            assert_eq!(fields::<3>(row), expect, "{row:?}");
            assert_eq!(fields::<1>(row), (parts.len() == 1).then_some([row]), "{row:?}");
            assert_eq!(fields::<8>(row), parts.clone().try_into().ok(), "{row:?}");
            assert_eq!(split_n::<2>(row, b'b'), row.split('b').collect::<Vec<_>>().try_into().ok(), "{row:?}");
            assert!(split(row, b'\t').eq(row.split('\t')), "{row:?}");
            assert!(split(row, b'e').eq(row.split('e')), "{row:?}");
        }
    }

    #[test]
    fn for_each_token_cuts_as_the_tokenizer_does() {
        // Every string of up to six bytes over letters, spaces and bytes
        // that take the tokenizer's slow path.
        let alphabet = ["a", "B", " ", "-", ".", "'", "\u{e9}", "s", "1"];
        let mut texts = texts_over(&alphabet, 5);
        texts.extend(
            ["held talks with", "  New  York ", "cease-fire deal", "U.S. envoy", "don't", "AT&T"].map(String::from),
        );
        // Longer texts: the bytes read eight at a time.
        for n in 1..12 {
            for gap in [" ", "  "] {
                let words = vec!["ab"; n].join(gap);
                texts.extend([words.clone(), format!("{words} "), format!(" {words}-x"), format!("{words}\u{e9}")]);
            }
        }
        for text in &texts {
            let mut got = Vec::new();
            for_each_token(text, |r| got.push(r));
            let expect: Vec<_> = gazette_tokenizer::tokenize(text).iter().map(|t| t.span.start..t.span.end).collect();
            assert_eq!(got, expect, "{text:?}");
        }
    }

    #[test]
    fn ascii_letters_are_those_of_each_byte() {
        // Every byte at every place, beside letters, spaces and others.
        for b in 0..=u8::MAX {
            for at in 0..8 {
                for fill in [b'a', b'Z', b' ', b'@', 0x80, 0xff] {
                    let mut bytes = [fill; 8];
                    bytes[at] = b;
                    let x = u64::from_le_bytes(bytes);
                    let expect = bytes.iter().rev().fold(0, |m, b| m << 8 | u64::from(b.is_ascii_alphabetic()) << 7);
                    assert_eq!(ascii_letters(x), expect, "{bytes:?}");
                    let plain = bytes.iter().all(|&b| b.is_ascii_alphabetic() || b == b' ');
                    assert_eq!(letters_and_spaces(&bytes), plain, "{bytes:?}");
                    assert_eq!(
                        letters_and_spaces(&bytes[..at]),
                        bytes[..at].iter().all(|&b| b.is_ascii_alphabetic() || b == b' ')
                    );
                }
            }
        }
    }

    #[test]
    fn split_and_split_n_are_str_split() {
        // Separators at every place of a chunk of eight bytes and across
        // chunks, beside characters of several bytes.
        // (U+0089 is two bytes, the second `\t` with its high bit set.)
        for text in &texts_over(&["ab", "\t", "\u{e9}", "abcdefg", "\t\t", "\u{89}"], 5) {
            assert!(split(text, b'\t').eq(text.split('\t')), "{text:?}");
            assert!(split(text, b'b').eq(text.split('b')), "{text:?}");
            let parts: Vec<&str> = text.split('\t').collect();
            assert_eq!(split_n::<3>(text, b'\t'), parts.clone().try_into().ok(), "{text:?}");
            assert_eq!(split_n::<5>(text, b'\t'), parts.try_into().ok(), "{text:?}");
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in ["", " ", "a", " a", "a ", "\ta b\r", "\u{a0}x\u{2003}", "\u{b}x", "x\u{b}", "é", "#", "a\n"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(&s[trim_range(s)], s.trim(), "{s:?}");
        }
    }

    #[test]
    fn lines_skip_blanks_and_comments_and_keep_their_numbers() {
        let text = "# a comment\n\nid\tname\r\n  \t\nx\ty\n#\ty\nlast";
        let got: Vec<(usize, &str)> = lines(text).collect();
        assert_eq!(got, [(3, "id\tname"), (5, "x\ty"), (7, "last")]);
        let data: Vec<(usize, &str)> = rows(text, "id\tname").collect();
        assert_eq!(data, [(5, "x\ty"), (7, "last")]);
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        // Every text of up to six pieces over line ends, blanks, comments
        // and a field.
        let pieces = ["\n", "\r", "\r\n", " ", "#", "a\tb", "\u{a0}"];
        let texts = texts_over(&pieces, 6);
        for text in &texts {
            let slow: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .map(|(n, l)| (n + 1, l.trim_end_matches('\r')))
                .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
                .collect();
            assert_eq!(lines(text).collect::<Vec<_>>(), slow, "{text:?}");
        }
    }
}
