//! Data-driven sentence cases from `tests/data/sentences.json`, written by the
//! gazette team: one case per phenomenon the splitter handles.

use gazette_tokenizer::Tokenizer;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    sentences: Vec<String>,
}

/// Splits `text` and compares the sentences with `expect`; returns a
/// description of the difference, if any.
fn check(tokenizer: &Tokenizer, text: &str, expect: &[String]) -> Option<String> {
    let got: Vec<&str> = tokenizer.analyze(text).sentences.iter().map(|s| s.span.text(text)).collect();
    (got != expect).then(|| format!("  text:   {text:?}\n  expect: {expect:?}\n  got:    {got:?}"))
}

#[test]
fn sentence_cases() {
    let cases: Vec<Case> = serde_json::from_str(include_str!("data/sentences.json")).unwrap();
    assert!(cases.len() >= 100, "the case file lost cases");
    let tokenizer = Tokenizer::new();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(&tokenizer, &c.text, &c.sentences).map(|d| format!("{}\n{d}", c.name)))
        .collect();
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
