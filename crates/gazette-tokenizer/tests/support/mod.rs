//! Helpers shared by the tokenizer's test files: the span promises of an
//! [`Analysis`], and random dirty text for the property tests.

// Each test file uses part of this module.
#![allow(dead_code)]

pub mod text;

/// The property tests' settings: `cases` a property unless `PROPTEST_CASES`
/// says otherwise, and failing inputs kept in the crate's
/// `proptest-regressions/properties.txt` (a crate's tests compile this module
/// with their own manifest directory).
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    let mut config = proptest::test_runner::Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config.failure_persistence = Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/proptest-regressions/properties.txt"
    ))));
    config
}

use gazette_tokenizer::{Analysis, Span, TokenKind};

/// In bounds and on char boundaries, `start <= end`.
pub fn valid(text: &str, s: Span) -> bool {
    s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
}

/// Every promise of `lib.rs` and `docs/schema.md` about an analysis, with a
/// message naming the broken one.
pub fn check_spans(text: &str, a: &Analysis) {
    // Tokens: in bounds, not empty, in text order, not overlapping.
    let mut last = 0;
    for (i, t) in a.tokens.iter().enumerate() {
        assert!(valid(text, t.span), "token {i} at {:?} is not a span of the text", t.span);
        assert!(t.span.start < t.span.end, "token {i} at {:?} is empty", t.span);
        assert!(
            t.span.start >= last,
            "token {i} at {:?} starts before the end of token {} ({last})",
            t.span,
            i.max(1) - 1
        );
        last = t.span.end;
    }
    // Paragraphs: in bounds, in text order, not overlapping, trimmed, and
    // every token lies in one.
    let mut last = 0;
    let mut token = 0;
    for (i, p) in a.paragraphs.iter().enumerate() {
        assert!(valid(text, *p), "paragraph {i} at {p:?} is not a span of the text");
        assert!(p.start >= last, "paragraph {i} at {p:?} overlaps the one before (ends at {last})");
        let body = p.text(text);
        assert!(!body.is_empty() && body.trim() == body, "paragraph {i} at {p:?} is not trimmed: {body:?}");
        while a.tokens.get(token).is_some_and(|t| t.span.end <= p.end) {
            let t = a.tokens[token].span;
            assert!(t.start >= p.start, "token {token} at {t:?} is outside every paragraph");
            token += 1;
        }
        last = p.end;
    }
    if let Some(t) = a.tokens.get(token) {
        panic!("token {token} at {:?} is after the last paragraph", t.span);
    }
    // Sentences: from the start of their first token to the end of their
    // last, in text order, each token in at most one, inside their paragraph.
    let mut last_token = 0;
    let mut last_end = 0;
    let mut last_paragraph = 0;
    for (i, s) in a.sentences.iter().enumerate() {
        assert!(valid(text, s.span), "sentence {i} at {:?} is not a span of the text", s.span);
        assert!(s.tokens.start < s.tokens.end && s.tokens.end <= a.tokens.len(), "sentence {i} tokens {:?}", s.tokens);
        assert!(s.tokens.start >= last_token, "sentence {i} shares tokens with the one before");
        assert!(s.span.start >= last_end, "sentence {i} at {:?} overlaps the one before (ends at {last_end})", s.span);
        assert_eq!(s.span.start, a.tokens[s.tokens.start].span.start, "sentence {i} starts at its first token");
        assert_eq!(s.span.end, a.tokens[s.tokens.end - 1].span.end, "sentence {i} ends at its last token");
        let p = a.paragraphs.get(s.paragraph).unwrap_or_else(|| panic!("sentence {i} has no paragraph"));
        assert!(s.paragraph >= last_paragraph, "sentence {i} goes back to paragraph {}", s.paragraph);
        assert!(
            p.start <= s.span.start && s.span.end <= p.end,
            "sentence {i} at {:?} is outside its paragraph {p:?}",
            s.span
        );
        last_token = s.tokens.end;
        last_end = s.span.end;
        last_paragraph = s.paragraph;
    }
    // The tokens no sentence holds are punctuation, quote marks or symbols
    // before the first sentence of their paragraph (`---`, `* * *`, `? `).
    let mut held = vec![false; a.tokens.len()];
    for s in &a.sentences {
        held[s.tokens.clone()].fill(true);
    }
    for (i, t) in a.tokens.iter().enumerate() {
        if !held[i] {
            assert!(
                matches!(t.kind, TokenKind::Punct | TokenKind::Quote(_) | TokenKind::Symbol),
                "token {i} {:?} ({:?}) is in no sentence",
                t.text(text),
                t.kind
            );
        }
    }
}
