//! Property tests with shrinking: random and adversarial articles (the
//! pieces of `gazette-tokenizer/tests/support/text.rs`: gazetteer names,
//! speech verbs, triggers, quote marks of every family, line ends, NUL,
//! zero-width and bidi characters, long runs without punctuation) go
//! through the whole pipeline without a panic, keep every span promise of
//! `docs/schema.md` (`support::check_with_json`), and give the same records, byte for
//! byte, on a second run. A failure prints the smallest article proptest
//! could find that still fails.
//!
//! Cases per property: 256, or `PROPTEST_CASES` from the environment for a
//! longer run. A failure is saved in `proptest-regressions/properties.txt`
//! and replayed first on every later run: commit that file with the fix.

mod support;

use std::sync::LazyLock;

use gazette_extract::{Article, Error, Pipeline};
use proptest::prelude::*;
use proptest::sample::select;
use support::check_with_json;
use support::tokenizer::text::dirty_text;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::builder().build().expect("the default pipeline"));

fn config() -> ProptestConfig {
    support::tokenizer::proptest_config(256)
}

/// An article with dirty text and a publication date that is missing,
/// plain, a timestamp or unreadable.
fn article() -> impl Strategy<Value = Article> {
    let published = select(&[None, Some("2025-08-07"), Some("2025-08-07T09:30:00Z"), Some("yesterday")][..]);
    (dirty_text(120), published).prop_map(|(text, published)| Article {
        id: "p1".into(),
        text,
        published: published.map(str::to_string),
        url: Some("https://example.com/p1".into()),
        source: Some("Example Wire".into()),
        ..Article::default()
    })
}

/// The records of an article as the CLI writes them: one JSON line each.
fn serialised(pipeline: &Pipeline, article: &Article) -> String {
    pipeline.records(article).iter().map(|r| serde_json::to_string(r).expect("a record serialises") + "\n").collect()
}

proptest! {
    #![proptest_config(config())]

    /// No panic; an article is refused only when its text is blank; every
    /// span of every record keeps its promises.
    #[test]
    fn every_record_keeps_every_span_promise(article in article()) {
        match PIPELINE.process(&article) {
            Ok(x) => check_with_json(&article, &x),
            Err(Error::EmptyText) => prop_assert!(article.text.trim().is_empty()),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    /// The same article twice gives the same bytes.
    #[test]
    fn the_same_article_gives_the_same_records(article in article()) {
        let first = serialised(&PIPELINE, &article);
        prop_assert_eq!(first, serialised(&PIPELINE, &article));
    }
}
