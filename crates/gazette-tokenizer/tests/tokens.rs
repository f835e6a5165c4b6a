//! Data-driven token cases: each line of `CASES` is an input and the tokens
//! expected, written `text/kind` with kinds `w` word, `n` number, `p`
//! punctuation, `q<` `q>` `q?` quotation marks by direction, `c` currency,
//! `s` symbol, `url`, `email`, `tag`, `at`.

use gazette_tokenizer::{Case, QuoteDir, TokenKind, tokenize};

fn tag(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Word => "w",
        TokenKind::Number => "n",
        TokenKind::Punct => "p",
        TokenKind::Quote(q) => match q.dir {
            QuoteDir::Open => "q<",
            QuoteDir::Close => "q>",
            QuoteDir::Ambiguous => "q?",
        },
        TokenKind::Currency => "c",
        TokenKind::Symbol => "s",
        TokenKind::Url => "url",
        TokenKind::Email => "email",
        TokenKind::Hashtag => "tag",
        TokenKind::Mention => "at",
    }
}

fn check(input: &str, expect: &[&str]) {
    let got: Vec<String> = tokenize(input).iter().map(|t| format!("{}/{}", t.text(input), tag(t.kind))).collect();
    assert_eq!(got, expect, "input: {input:?}");
}

#[test]
fn numbers_and_currency() {
    check("1,400 jobs", &["1,400/n", "jobs/w"]);
    check("$5.65bn", &["$/c", "5.65bn/n"]);
    check("€85m and £3", &["€/c", "85m/n", "and/w", "£/c", "3/n"]);
    check("up 25% to 57.85", &["up/w", "25%/n", "to/w", "57.85/n"]);
    check("at 3:00 on 2025-08-06", &["at/w", "3:00/n", "on/w", "2025/n", "-/p", "08/n", "-/p", "06/n"]);
    check("rose to 1,000.Then", &["rose/w", "to/w", "1,000/n", "./p", "Then/w"]);
    check("in the 1990s", &["in/w", "the/w", "1990s/n"]);
}

#[test]
fn apostrophes_and_hyphens() {
    check("Trump’s plan", &["Trump/w", "’s/w", "plan/w"]);
    check("Russia's oil", &["Russia/w", "'s/w", "oil/w"]);
    check("don't O'Brien", &["don't/w", "O'Brien/w"]);
    check("the '80s", &["the/w", "'80s/w"]);
    check("a Trump-Putin summit", &["a/w", "Trump/w", "-/p", "Putin/w", "summit/w"]);
    check("south-eastern — fast", &["south/w", "-/p", "eastern/w", "—/p", "fast/w"]);
}

#[test]
fn quotation_marks() {
    check("“Yes,” he said", &["“/q<", "Yes/w", ",/p", "”/q>", "he/w", "said/w"]);
    check("\"No.\" Then", &["\"/q<", "No/w", "./p", "\"/q>", "Then/w"]);
    check("‘a’ «b» „c“", &["‘/q<", "a/w", "’/q>", "«/q<", "b/w", "»/q>", "„/q<", "c/w", "“/q>"]);
    check("x \" y", &["x/w", "\"/q?", "y/w"]);
    check("``a'' b", &["``/q<", "a/w", "''/q>", "b/w"]);
}

#[test]
fn kept_whole() {
    check("see https://example.org/a?b=1.", &["see/w", "https://example.org/a?b=1/url", "./p"]);
    check("www.example.com/x)", &["www.example.com/x/url", ")/p"]);
    check("mail press@example.com now", &["mail/w", "press@example.com/email", "now/w"]);
    check("#AIAct @ExampleCorp", &["#AIAct/tag", "@ExampleCorp/at"]);
    check("the U.S. and a.m. and Ph.D.", &["the/w", "U.S./w", "and/w", "a.m./w", "and/w", "Ph.D./w"]);
    check("AT&T & co", &["AT&T/w", "&/s", "co/w"]);
}

#[test]
fn punctuation_runs() {
    check("What?! Wait... no…", &["What/w", "?!/p", "Wait/w", ".../p", "no/w", "…/p"]);
}

#[test]
fn non_ascii_text() {
    check("Erdoğan in Łódź", &["Erdoğan/w", "in/w", "Łódź/w"]);
    // A soft hyphen stays inside its word; a no-break space separates.
    check("Ber\u{AD}lin 50\u{A0}km", &["Ber\u{AD}lin/w", "50/n", "km/w"]);
    check("北京。Зеленський", &["北京/w", "。/p", "Зеленський/w"]);
    check("ok 👍", &["ok/w", "👍/s"]);
}

#[test]
fn capitalisation() {
    let text = "NATO Putin said iPhone I 5";
    let cases: Vec<Case> = tokenize(text).iter().map(|t| t.case).collect();
    assert_eq!(cases, [Case::Upper, Case::Title, Case::Lower, Case::Mixed, Case::Title, Case::None]);
}

#[test]
fn spans_are_bytes_into_the_original() {
    let text = "“Zelenskyy’s” envoy";
    let t = tokenize(text);
    assert_eq!((t[1].span.start, t[1].span.end), (3, 12));
    assert_eq!(t[2].text(text), "’s");
    assert_eq!(&text[t[2].span.start..t[2].span.end], "’s");
}
