//! Tokens and sentences of arbitrary text: no panic, and every span in
//! bounds, on char boundaries, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let analysis = gazette_tokenizer::Tokenizer::new().analyze(text);
    let mut last = 0;
    for t in &analysis.tokens {
        let (s, e) = (t.span.start, t.span.end);
        assert!(last <= s && s < e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }
    for s in &analysis.sentences {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(s.tokens.end <= analysis.tokens.len());
    }
});
