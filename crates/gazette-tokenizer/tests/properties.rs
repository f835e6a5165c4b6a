//! Property tests with shrinking: random and adversarial text (see
//! `support/text.rs`) keeps every span promise of the tokenizer, and the
//! same text gives the same analysis twice. A failure prints the smallest
//! text proptest could find that still fails.
//!
//! Cases per property: 512, or `PROPTEST_CASES` from the environment for a
//! longer run. A failure is saved in `proptest-regressions/properties.txt`
//! and replayed first on every later run: commit that file with the fix.

mod support;

use gazette_tokenizer::{Tokenizer, tokenize};
use proptest::prelude::*;
use support::check_spans;
use support::text::dirty_text;

fn config() -> ProptestConfig {
    support::proptest_config(512)
}

proptest! {
    #![proptest_config(config())]

    /// Tokens, sentences and paragraphs are spans of the text, in order, and
    /// sentences are made of whole tokens inside their paragraph.
    #[test]
    fn every_span_keeps_its_promises(text in dirty_text(80)) {
        let a = Tokenizer::new().analyze(&text);
        check_spans(&text, &a);
    }

    /// Analysis is a function of the text: twice the same, and its tokens
    /// are those of `tokenize`.
    #[test]
    fn the_same_text_gives_the_same_analysis(text in dirty_text(80)) {
        let tokenizer = Tokenizer::new();
        let a = tokenizer.analyze(&text);
        prop_assert_eq!(&a, &tokenizer.analyze(&text));
        prop_assert_eq!(&a.tokens, &tokenize(&text));
    }

    /// Any string at all, not only pieces of news: no panic, spans kept.
    #[test]
    fn any_string_keeps_every_span_promise(text in any::<String>()) {
        let a = Tokenizer::new().analyze(&text);
        check_spans(&text, &a);
    }
}
