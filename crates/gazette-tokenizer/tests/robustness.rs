//! Pathological inputs: no panic, spans on char boundaries, and work that
//! grows linearly (checked by running them at all in a debug build; the
//! criterion benches measure speed).

mod support;

use gazette_tokenizer::{Analysis, Tokenizer};
use support::check_spans;

fn run(text: &str) -> Analysis {
    let a = Tokenizer::new().analyze(text);
    check_spans(text, &a);
    a
}

#[test]
fn repeated_abbreviation_like_periods() {
    let text = "a. ".repeat(300_000);
    let a = run(&text);
    assert_eq!(a.tokens.len(), 600_000);
}

#[test]
fn megabytes_without_punctuation() {
    let text = "the talks went on and on without a stop ".repeat(50_000);
    let a = run(&text);
    assert_eq!(a.sentences.len(), 1);
}

#[test]
fn a_hundred_thousand_quote_marks() {
    for mark in ["\" ", "“", "' ", "«", "‘’"] {
        let text = format!("He said {} it.", mark.repeat(100_000));
        run(&text);
    }
}

#[test]
fn odd_bytes_and_scripts() {
    for text in [
        "",
        "   \n\n\t ",
        "\u{FEFF}BOM then text.",
        "Ber\u{AD}lin and Zelenskyy’s \u{A0}50\u{A0}km — 北京。东京！ Зеленський сказав.",
        "a.b.c.d.e.f.g.h",
        "https://example.org/a.b.c. Next",
        "@@@@ #### $$$$ '''' ```` ---- ....",
        "\u{200D}\u{200D}x\u{1F600}\u{1F600}",
        "((((((((((]]]]]]]]]]",
    ] {
        run(text);
    }
}

#[test]
fn paragraph_breaks_end_sentences_without_punctuation() {
    let text = "First line without a stop\n\nSecond paragraph also without";
    let a = run(text);
    let got: Vec<&str> = a.sentences.iter().map(|s| s.span.text(text)).collect();
    assert_eq!(got, ["First line without a stop", "Second paragraph also without"]);
    assert_eq!(a.paragraphs.len(), 2);
}
