//! Rows and fields of the TSV files under `corpora/`: the small reading
//! helpers shared by the lexicons and the gazetteer.

/// Data rows of a TSV file with their 1-based line numbers: skips comments,
/// blank lines and the header.
pub(crate) fn rows<'a>(text: &'a str, header: &'static str) -> impl Iterator<Item = (usize, &'a str)> {
    let mut seen_header = false;
    text.lines().enumerate().filter_map(move |(n, line)| {
        let line = line.trim_end_matches('\r');
        if trim(line).is_empty() || line.starts_with('#') {
            return None;
        }
        if !seen_header && line == header {
            seen_header = true;
            return None;
        }
        Some((n + 1, line))
    })
}

/// The `N` tab-separated fields of `row`, or `None` when it has more or
/// fewer (count them with `row.split('\t').count()` for a message).
pub(crate) fn fields<const N: usize>(row: &str) -> Option<[&str; N]> {
    split_n(row, b'\t')
}

/// The `N` parts of `s` between the ASCII separator `sep`, or `None` when it
/// has more or fewer. Unlike collecting `split`, allocates nothing.
pub(crate) fn split_n<const N: usize>(s: &str, sep: u8) -> Option<[&str; N]> {
    debug_assert!(sep.is_ascii());
    let mut out = [""; N];
    let mut rest = Some(s);
    for part in &mut out {
        let r = rest?;
        (*part, rest) = match find_byte(r.as_bytes(), sep) {
            Some(i) => (&r[..i], Some(&r[i + 1..])),
            None => (r, None),
        };
    }
    rest.is_none().then_some(out)
}

/// The index of the first `byte` in `hay`, read eight bytes at a time: the
/// fields and lines of the lexicons are short, so that a call to `memchr`
/// costs more than it saves, where a byte at a time is several times slower.
pub(crate) fn find_byte(hay: &[u8], byte: u8) -> Option<usize> {
    let mut chunks = hay.chunks_exact(8);
    for (i, chunk) in (&mut chunks).enumerate() {
        let found = zero_bytes(u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ (ONES * u64::from(byte)));
        if found != 0 {
            return Some(8 * i + found.trailing_zeros() as usize / 8);
        }
    }
    let rest = chunks.remainder();
    rest.iter().position(|&b| b == byte).map(|p| hay.len() - rest.len() + p)
}

/// How many times `byte` occurs in `hay`, read eight bytes at a time.
pub(crate) fn count_byte(hay: &[u8], byte: u8) -> usize {
    let mut chunks = hay.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ (ONES * u64::from(byte));
        // Exact per byte (unlike `zero_bytes`, whose borrows may mark a
        // byte above a zero byte): the high bit of a byte is set when its
        // low seven bits and its high bit are all zero.
        let low = (x & !HIGHS).wrapping_add(!HIGHS) | x;
        n += (!low & HIGHS).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| b == byte).count()
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each zero byte of `x` set (and maybe of bytes above the
/// first zero byte, through borrows; never below it), the other bits clear.
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// [`str::trim`], without looking up any character when `s` starts and ends
/// with a visible ASCII character (most fields).
pub(crate) fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) { s } else { s.trim() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_the_split_of_exactly_n_columns() {
        for row in ["a\tb\tc", "a\t\tc", "\t\t", "a\tb", "a\tb\tc\td", "", "a", "é\t\u{2003}\tx\r"] {
            let split: Vec<&str> = row.split('\t').collect();
            let expect: Option<[&str; 3]> = split.clone().try_into().ok();
            assert_eq!(fields::<3>(row), expect, "{row:?}");
            assert_eq!(fields::<1>(row), (split.len() == 1).then_some([row]), "{row:?}");
            assert_eq!(split_n::<2>(row, b'b'), row.split('b').collect::<Vec<_>>().try_into().ok(), "{row:?}");
        }
    }

    #[test]
    fn find_byte_and_count_byte_read_every_position() {
        // Every length up to three chunks, the byte at every place, and
        // bytes that differ from it by one bit or by the high bit.
        for len in 0..24 {
            for at in 0..=len {
                for fill in [b'a', b'\t' ^ 0x80, b'\t' ^ 1, 0, 0xff] {
                    let mut hay = vec![fill; len];
                    if at < len {
                        hay[at] = b'\t';
                        hay[len - 1] = b'\t';
                    }
                    let expect = hay.iter().position(|&b| b == b'\t');
                    assert_eq!(find_byte(&hay, b'\t'), expect, "{hay:?}");
                    let count = hay.iter().filter(|&&b| b == b'\t').count();
                    assert_eq!(count_byte(&hay, b'\t'), count, "{hay:?}");
                    assert_eq!(count_byte(&hay, fill), hay.iter().filter(|&&b| b == fill).count(), "{hay:?}");
                }
            }
        }
        let text = "one\ttwo\u{e9}\tthree\u{2003}four five six seven\n";
        assert_eq!(find_byte(text.as_bytes(), b'\n'), text.find('\n'));
        assert_eq!(find_byte(text.as_bytes(), b'z'), None);
    }

    #[test]
    fn trim_is_str_trim() {
        for s in ["", " ", "a", " a", "a ", "\ta b\r", "\u{a0}x\u{2003}", "\u{b}x", "x\u{b}", "é", "#", "a\n"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
