//! The quote stage against hand-written cases in `tests/data/quotes.json`:
//! every quote of each text, with kind, content, cue, lemma and speaker
//! (and, where the case gives them, the speaker's entity and resolution).
//! All failures are reported together.

use gazette_extract::{Article, Pipeline, QuoteRecord};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    quotes: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
struct Expected {
    kind: String,
    content: Vec<String>,
    cue: Option<String>,
    lemma: Option<String>,
    speaker: Option<String>,
    entity: Option<String>,
    resolution: Option<String>,
}

/// One quote as a line to compare; entity and resolution only when the
/// expectation gives them.
fn show(q: &QuoteRecord, with_entity: bool, with_resolution: bool) -> String {
    let kind = serde_json::to_value(q.kind).unwrap();
    let content: Vec<&str> = q.content.iter().map(|c| c.text.as_str()).collect();
    let mut s = format!(
        "{} {:?} cue={:?}/{:?} speaker={:?}",
        kind.as_str().unwrap(),
        content,
        q.cue.as_ref().map(|c| c.text.as_str()),
        q.cue.as_ref().map(|c| &*c.lemma),
        q.speaker.as_ref().map(|s| s.text.as_str())
    );
    if with_entity {
        s += &format!(" entity={:?}", q.speaker.as_ref().and_then(|s| s.entity_id.as_deref()));
    }
    if with_resolution {
        let r = q.speaker.as_ref().map(|s| serde_json::to_value(s.resolution).unwrap());
        s += &format!(" resolution={:?}", r.as_ref().and_then(|r| r.as_str()));
    }
    s
}

fn expected_line(e: &Expected) -> String {
    let mut s = format!(
        "{} {:?} cue={:?}/{:?} speaker={:?}",
        e.kind,
        e.content,
        e.cue.as_deref(),
        e.lemma.as_deref(),
        e.speaker.as_deref()
    );
    if e.entity.is_some() {
        s += &format!(" entity={:?}", e.entity.as_deref());
    }
    if e.resolution.is_some() {
        s += &format!(" resolution={:?}", e.resolution.as_deref());
    }
    s
}

#[test]
fn quote_cases() {
    let cases: Vec<Case> = serde_json::from_str(include_str!("data/quotes.json")).unwrap();
    let p = Pipeline::builder().build().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let article = Article {
            id: case.name.clone(),
            text: case.text.clone(),
            published: case.published.clone(),
            ..Default::default()
        };
        let x = p.process(&article).unwrap();
        for q in &x.quotes {
            for c in &q.content {
                assert!(case.text.is_char_boundary(c.start) && case.text.is_char_boundary(c.end));
                assert_eq!(&case.text[c.start..c.end], c.text, "{}: content span and text differ", case.name);
            }
        }
        let n = x.quotes.len().max(case.quotes.len());
        let mut got = Vec::new();
        let mut want = Vec::new();
        for i in 0..n {
            let e = case.quotes.get(i);
            want.push(e.map(expected_line).unwrap_or_default());
            got.push(
                x.quotes
                    .get(i)
                    .map(|q| show(q, e.is_some_and(|e| e.entity.is_some()), e.is_some_and(|e| e.resolution.is_some())))
                    .unwrap_or_default(),
            );
        }
        if got != want {
            failures.push(format!(
                "{}\n  text: {}\n  want: {}\n  got:  {}",
                case.name,
                case.text,
                want.join("\n        "),
                got.join("\n        ")
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
