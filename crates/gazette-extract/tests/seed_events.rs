//! The seed article (`../shared/seed/`) against its events worked out by
//! hand in `tests/data/seed_events.json`: every `required` event must come
//! out with its type, actors, date and amounts; optional events are not
//! checked one by one, and the words the file lists as `not_events` must not
//! become events. The article is not part of the repository; the test is
//! skipped, with a note, where the shared directory is absent.
//!
//! Actors are compared by country code exactly, and by sector where both
//! the expectation and gazette give one: a country named as the actor
//! (`the US approved ...`) comes out as the country without a sector, which
//! is how PLOVER gold codes a state.
#![allow(clippy::print_stderr)]

use gazette_extract::{ActorRecord, Article, EventRecord, Pipeline};
use serde_json::Value;

const SEED: &str = "../../../shared/seed/000_606e9a5feb67c202.txt";
const EXPECTED: &str = include_str!("data/seed_events.json");

/// Splits `USAGOV` into (`USA`, Some(`GOV`)); `IGO...` codes stay whole.
fn split(code: &str) -> (&str, Option<&str>) {
    if code.len() > 3 && !code.starts_with("IGO") { (&code[..3], Some(&code[3..])) } else { (code, None) }
}

fn actors_match(got: &[ActorRecord], want: &[Value]) -> bool {
    let want: Vec<(&str, Option<&str>)> = want.iter().filter_map(Value::as_str).map(split).collect();
    if got.len() != want.len() {
        return false;
    }
    let mut got: Vec<(String, Option<String>)> = got
        .iter()
        .map(|a| {
            let code = a.code.clone().unwrap_or_default();
            let (c, s) = split(&code);
            (c.to_string(), s.map(str::to_string))
        })
        .collect();
    // Each expected actor pairs with one actor of the same country whose
    // sector does not contradict it.
    want.iter().all(|(c, s)| {
        let found = got.iter().position(|(gc, gs)| gc == c && (s.is_none() || gs.is_none() || gs.as_deref() == *s));
        found.map(|i| got.remove(i)).is_some()
    })
}

fn describe(e: &EventRecord) -> String {
    let codes =
        |l: &[ActorRecord]| l.iter().map(|a| a.code.clone().unwrap_or("?".into())).collect::<Vec<_>>().join("+");
    format!(
        "{} {:?}@{} {} -> {} date {:?} modality {:?}",
        e.event_type.name(),
        e.trigger.text,
        e.trigger.start,
        codes(&e.source),
        codes(&e.target),
        e.time.as_ref().and_then(|t| t.date).map(|d| d.to_string()),
        e.modality
    )
}

#[test]
fn seed_article_events() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} is absent; the seed events test is skipped", path.display());
        return;
    };
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let p = Pipeline::builder().build().unwrap();
    let published = expected["published"].as_str().unwrap().to_string();
    let article = Article { id: "seed".into(), text: text.clone(), published: Some(published), ..Default::default() };
    let x = p.process(&article).unwrap();
    let listing = x.events.iter().map(describe).collect::<Vec<_>>().join("\n  ");
    // An event is found at its trigger or any alternative anchor, in any of
    // its tellings.
    let at = |start: usize| x.events.iter().find(|e| e.mentions.iter().any(|m| m.start == start));
    let mut failures = Vec::new();
    let events = expected["events"].as_array().unwrap();
    let mut required = 0;
    for want in events.iter().filter(|e| e["required"].as_bool() == Some(true)) {
        required += 1;
        let trigger = want["trigger"].as_str().unwrap();
        let start = want["trigger_start"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..start + trigger.len()], trigger, "the expectation's offset is wrong");
        let mut anchors = vec![start];
        for also in want["also"].as_array().into_iter().flatten() {
            anchors.push(also["trigger_start"].as_u64().unwrap() as usize);
        }
        let Some(got) = anchors.iter().find_map(|&s| at(s)) else {
            failures.push(format!("{trigger}@{start}: no event"));
            continue;
        };
        let ty = want["type"].as_str().unwrap();
        if got.event_type.name() != ty {
            failures.push(format!("{trigger}@{start}: type {} != {ty}", got.event_type.name()));
        }
        if !actors_match(&got.source, want["source"].as_array().unwrap()) {
            failures.push(format!("{trigger}@{start}: source {} != {}", describe(got), want["source"]));
        }
        if !actors_match(&got.target, want["target"].as_array().unwrap()) {
            failures.push(format!("{trigger}@{start}: target {} != {}", describe(got), want["target"]));
        }
        let date = got.time.as_ref().and_then(|t| t.date).map(|d| d.to_string());
        if date.as_deref() != want["date"].as_str() {
            failures.push(format!("{trigger}@{start}: date {date:?} != {}", want["date"]));
        }
        for q in want["quantities"].as_array().unwrap() {
            let kind = q["kind"].as_str().unwrap();
            let value = q["value"].as_f64().unwrap();
            let ok = got.quantities.iter().any(|g| {
                serde_json::to_value(g.kind).unwrap() == kind
                    && (g.value - value).abs() < 1e-6
                    // A percentage's unit is its kind; the schema gives none.
                    && (kind == "percent" || g.unit.map(str::to_string) == q["unit"].as_str().map(str::to_string))
            });
            if !ok {
                failures.push(format!("{trigger}@{start}: quantity {q} missing from {:?}", got.quantities));
            }
        }
        let modality = serde_json::to_value(got.modality).unwrap();
        if modality != want["modality"] {
            failures.push(format!("{trigger}@{start}: modality {modality} != {}", want["modality"]));
        }
    }
    assert!(required >= 10, "the hand-worked list has {required} required events");
    for not in expected["not_events"].as_array().into_iter().flatten() {
        let start = not["trigger_start"].as_u64().unwrap() as usize;
        if let Some(e) = x.events.iter().find(|e| e.trigger.start == start) {
            failures.push(format!("not an event: {}", describe(e)));
        }
    }
    assert!(failures.is_empty(), "{}\n\ngazette's events:\n  {listing}", failures.join("\n"));
}
