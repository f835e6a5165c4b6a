//! Inputs found by the fuzzers (`fuzz/`), kept as regression tests: each
//! once made a check of the `tokenizer` target fail.

fn check(text: &str) {
    let analysis = gazette_tokenizer::Tokenizer::new().analyze(text);
    let mut last = 0;
    for t in &analysis.tokens {
        let (s, e) = (t.span.start, t.span.end);
        assert!(last <= s && s < e && e <= text.len(), "token {s}..{e} after {last}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }
    for s in &analysis.sentences {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(s.tokens.end <= analysis.tokens.len());
    }
}

#[test]
fn control_bytes_and_backticks_after_a_dateline() {
    check(&String::from_utf8_lossy(include_bytes!("data/fuzz/tokenizer-1.bin")));
}

#[test]
fn a_plus_sign_before_a_non_ascii_letter() {
    // `U+.ң`: the look-ahead for `user+tag@host` stepped into the middle of `ң`.
    check("U+.ң. Army");
    check("a_ң@x");
    check("x+ыы+ω_é");
}
