//! Rows and fields of the TSV files under `corpora/`: the small reading
//! helpers shared by the lexicons and the gazetteer.

/// Data rows of a TSV file with their 1-based line numbers: skips comments,
/// blank lines and the header.
pub(crate) fn rows<'a>(text: &'a str, header: &'static str) -> impl Iterator<Item = (usize, &'a str)> {
    let mut seen_header = false;
    text.lines().enumerate().filter_map(move |(n, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
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
        (*part, rest) = match r.bytes().position(|b| b == sep) {
            Some(i) => (&r[..i], Some(&r[i + 1..])),
            None => (r, None),
        };
    }
    rest.is_none().then_some(out)
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
    fn trim_is_str_trim() {
        for s in ["", " ", "a", " a", "a ", "\ta b\r", "\u{a0}x\u{2003}", "\u{b}x", "x\u{b}", "é", "#", "a\n"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
