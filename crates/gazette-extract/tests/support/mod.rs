//! Helpers shared by the pipeline's test files: every span promise of an
//! [`Extraction`] (`check`), checked on the typed records and again on their
//! JSON, and the tokenizer's helpers (its span checks and the random dirty
//! text of the property tests), included from that crate's tests.

// Each test file uses part of this module.
#![allow(dead_code)]

#[path = "../../../gazette-tokenizer/tests/support/mod.rs"]
pub mod tokenizer;

use gazette_extract::{Article, Extraction, QuoteKind};
use serde_json::Value;

/// In bounds, on char boundaries, `start <= end`.
pub fn valid(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Asserts that `start..end` is a span of `text` whose text is `expected`.
#[track_caller]
fn span_text(text: &str, what: &str, start: usize, end: usize, expected: &str) {
    assert!(valid(text, start, end), "{what} {start}..{end} is not a span of the text");
    assert_eq!(&text[start..end], expected, "{what} {start}..{end}: its `text` is not the text there");
}

/// Every promise of `docs/schema.md` about the records of `article`: spans
/// in bounds and on char boundaries, each `text` (and `evidence`) the text
/// at its span, lists in the order the schema gives, ids numbered from 1,
/// triggers inside their sentence. A list of spans "in text order"
/// (mentions, the parts of a quote, the tellings of an event) is read as
/// each span starting at or after the end of the one before; a list of
/// records in text order (entities, quotes, events) may share a start.
pub fn check(article: &Article, x: &Extraction) {
    let text = article.text.as_str();
    let id = &article.id;
    tokenizer::check_spans(text, &x.analysis);
    let a = &x.article;
    assert_eq!(a.bytes, text.len());
    assert_eq!(a.tokens, x.analysis.tokens.len());
    assert!(a.sentences.iter().eq(x.analysis.sentences.iter().map(|s| &s.span)), "article sentences");
    assert_eq!(a.paragraphs, x.analysis.paragraphs, "article paragraphs");

    // Entities: mentions in text order, entities in order of first mention.
    let mut first_mention = 0;
    for e in &x.entities {
        assert_eq!(&e.article_id, id);
        let first = e.mentions.first().unwrap_or_else(|| panic!("entity {} has no mention", e.entity_id));
        assert!(first.start >= first_mention, "entity {} is out of order of first mention", e.entity_id);
        first_mention = first.start;
        let mut last = 0;
        for m in &e.mentions {
            span_text(text, "mention", m.start, m.end, &m.text);
            assert!(m.start >= last, "mentions of {} overlap or are out of text order at {}", e.entity_id, m.start);
            last = m.end;
        }
    }
    let mut last = 0;
    for m in &x.mentions {
        assert!(valid(text, m.span.start, m.span.end), "mention span {:?}", m.span);
        assert!(m.span.start >= last, "Extraction::mentions overlap or are out of text order at {:?}", m.span);
        last = m.span.end;
    }

    // Quotes: in text order of their first content span, numbered from 1.
    let mut last = 0;
    for (n, q) in x.quotes.iter().enumerate() {
        assert_eq!(q.quote_id, format!("{id}#q{}", n + 1));
        let first = q.content.first().unwrap_or_else(|| panic!("quote {} has no content", q.quote_id));
        assert!(first.start >= last, "quote {} is out of text order", q.quote_id);
        last = first.start;
        let mut part_end = 0;
        for c in &q.content {
            span_text(text, "content", c.start, c.end, &c.text);
            assert!(c.start >= part_end, "parts of quote {} overlap or are out of text order", q.quote_id);
            part_end = c.end;
        }
        if let Some(c) = &q.cue {
            span_text(text, "cue", c.start, c.end, &c.text);
        }
        if let Some(s) = &q.speaker {
            span_text(text, "speaker", s.start, s.end, &s.text);
        }
        if q.kind == QuoteKind::Partial {
            assert!(q.cue.is_none() && q.speaker.is_none(), "partial quote {} has a cue or a speaker", q.quote_id);
        }
    }

    // Events: in text order of their first telling, numbered from 1, each
    // telling's trigger inside its sentence.
    let mut last = 0;
    for (n, e) in x.events.iter().enumerate() {
        assert_eq!(e.event_id, format!("{id}#e{}", n + 1));
        assert_eq!((e.article_id.as_str(), &e.url, &e.outlet), (id.as_str(), &article.url, &article.source));
        assert_eq!(e.published, a.published);
        span_text(text, "trigger", e.trigger.start, e.trigger.end, &e.trigger.text);
        assert!(e.trigger.start >= last, "event {} is out of text order", e.event_id);
        last = e.trigger.start;
        let s = a.sentences.get(e.sentence.index).expect("the event's sentence is one of the article's");
        assert_eq!((s.start, s.end), (e.sentence.start, e.sentence.end), "event {} sentence", e.event_id);
        if s.end - s.start <= gazette_extract::MAX_EVIDENCE_BYTES {
            span_text(text, "evidence", s.start, s.end, &e.evidence);
        } else {
            // A long sentence: the trigger and up to 400 bytes of it either
            // side, starting where a token starts.
            let (trigger, evidence) = ((e.trigger.start, e.trigger.end), e.evidence.as_str());
            let fits = x.analysis.tokens.iter().map(|t| t.span.start).any(|from| {
                let to = from + evidence.len();
                from <= trigger.0
                    && trigger.0 - from <= 400
                    && trigger.1 <= to
                    && to - trigger.1 <= 400
                    && to <= s.end
                    && text.get(from..to) == Some(evidence)
            });
            assert!(fits, "event {}: the evidence of a long sentence is not the part around its trigger", e.event_id);
        }
        assert!(
            s.start <= e.trigger.start && e.trigger.end <= s.end,
            "event {}: trigger outside its sentence",
            e.event_id
        );
        assert_eq!(e.mention_count, e.mentions.len());
        let first = e.mentions.first().unwrap_or_else(|| panic!("event {} has no telling", e.event_id));
        assert_eq!((first.start, first.end), (e.trigger.start, e.trigger.end), "the trigger is the first telling");
        let mut previous = 0;
        for m in &e.mentions {
            assert!(m.start >= previous, "tellings of {} overlap or are out of text order", e.event_id);
            previous = m.end;
            let s = a.sentences.get(m.sentence).expect("a telling's sentence is one of the article's");
            assert!(s.start <= m.start && m.start <= m.end && m.end <= s.end, "telling {m:?} outside its sentence");
        }
        assert!(!(e.source.is_empty() && e.target.is_empty()), "event {} has no actor", e.event_id);
        assert!(e.source.len() <= 8 && e.target.len() <= 8, "event {}: more than eight actors a side", e.event_id);
        for actor in e.source.iter().chain(&e.target) {
            span_text(text, "actor", actor.start, actor.end, &actor.text);
        }
        if let Some(t) = &e.time {
            span_text(text, "time", t.start, t.end, &t.text);
        }
        if let Some(l) = &e.location {
            span_text(text, "location", l.start, l.end, &l.text);
        }
        for q in &e.quantities {
            span_text(text, "quantity", q.start, q.end, &q.text);
        }
        if let Some(at) = &e.attribution {
            assert!(
                x.quotes.iter().any(|q| q.quote_id == at.quote_id),
                "event {}: no quote {}",
                e.event_id,
                at.quote_id
            );
        }
    }
}

/// [`check`], then the same span checks on the JSON of every record,
/// whatever field the span sits in. (Kept apart from `check` because an
/// event record repeats its sentence: on an endless sentence full of
/// triggers the JSON is far larger than the text.)
pub fn check_with_json(article: &Article, x: &Extraction) {
    check(article, x);
    for record in x.records() {
        let json = serde_json::to_value(&record).expect("a record serialises");
        check_json_spans(&article.text, &json);
    }
}

/// Every object with integer `start` and `end` anywhere in `v` is a span of
/// the text, and its `text`, when it has one, is the text there: a model of
/// the wire format that knows nothing of the field names.
pub fn check_json_spans(text: &str, v: &Value) {
    match v {
        Value::Object(o) => {
            if let (Some(s), Some(e)) = (o.get("start").and_then(Value::as_u64), o.get("end").and_then(Value::as_u64)) {
                let (s, e) = (s as usize, e as usize);
                assert!(valid(text, s, e), "span {s}..{e} in {v} is not a span of the text");
                if let Some(t) = o.get("text") {
                    assert_eq!(t.as_str(), Some(&text[s..e]), "span {s}..{e} in {v}: `text` is not the text there");
                }
            }
            o.values().for_each(|v| check_json_spans(text, v));
        }
        Value::Array(items) => items.iter().for_each(|v| check_json_spans(text, v)),
        _ => {}
    }
}
