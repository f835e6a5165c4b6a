//! The whole default pipeline on arbitrary text: no panic, and every span
//! of every record in bounds and on char boundaries, with its text.
#![no_main]

use std::sync::OnceLock;

use gazette_extract::{Article, Pipeline};
use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builder().build().expect("default pipeline"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let article =
        Article { id: "f".into(), text: text.into(), published: Some("2025-08-07".into()), ..Default::default() };
    let Ok(x) = pipeline().process(&article) else { return };
    let ok = |s: usize, e: usize| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    for e in &x.entities {
        for m in &e.mentions {
            assert!(ok(m.start, m.end) && text[m.start..m.end] == m.text);
        }
    }
    for q in &x.quotes {
        for c in &q.content {
            assert!(ok(c.start, c.end) && text[c.start..c.end] == c.text);
        }
    }
    for e in &x.events {
        assert!(ok(e.trigger.start, e.trigger.end) && text[e.trigger.start..e.trigger.end] == e.trigger.text);
        for a in e.source.iter().chain(&e.target) {
            assert!(ok(a.start, a.end) && text[a.start..a.end] == a.text);
        }
        if let Some(t) = &e.time {
            assert!(ok(t.start, t.end));
        }
        for q in &e.quantities {
            assert!(ok(q.start, q.end));
        }
    }
    // Every record can be walked field by field.
    for r in x.records() {
        walk(&r);
    }
});

fn walk(r: &gazette_extract::Record) {
    // The records are plain data; `Debug` walks every field.
    let _ = format!("{r:?}");
}
