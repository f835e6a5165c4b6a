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
/// fewer (count them with `row.split('\t').count()` for a message). Unlike
/// collecting `split('\t')`, allocates nothing.
pub(crate) fn fields<const N: usize>(row: &str) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut rest = Some(row);
    for field in &mut out {
        let r = rest?;
        (*field, rest) = match r.bytes().position(|b| b == b'\t') {
            Some(i) => (&r[..i], Some(&r[i + 1..])),
            None => (r, None),
        };
    }
    rest.is_none().then_some(out)
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
        }
    }
}
