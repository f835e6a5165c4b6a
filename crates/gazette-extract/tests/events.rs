//! The event stage against hand-written cases, one or more per phenomenon
//! of `docs/schema.md` (section `event`):
//!
//! - `tests/data/events.json`: every event of each text, in output order,
//!   with type, action type, trigger words and the actors' codes, and, where
//!   the case gives them, date, modality, quantities and whether the event is
//!   attributed to a quote. An empty list says the text has no event. All
//!   failures are reported together.
//! - `tests/data/events-known-gaps.json`: cases in the same format that
//!   gazette gets wrong today, each with a `gap` saying what goes wrong. Each
//!   must still fail; when one passes, gazette has been fixed and the case
//!   belongs in `events.json`.

use gazette_extract::{ActorRecord, Article, EventRecord, Pipeline};
use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    events: Vec<Expected>,
    /// Known gaps only: what gazette gets wrong.
    gap: Option<String>,
}

#[derive(Deserialize, Debug)]
struct Expected {
    #[serde(rename = "type")]
    ty: String,
    action: Option<String>,
    trigger: String,
    source: Vec<String>,
    target: Vec<String>,
    /// Absent: not compared; `null`: no date; a string: that date.
    #[serde(default, deserialize_with = "present")]
    date: Option<Option<String>>,
    modality: Option<String>,
    quantities: Option<Vec<Quantity>>,
    attributed: Option<bool>,
}

#[derive(Deserialize, Debug)]
struct Quantity {
    kind: String,
    value: f64,
    unit: Option<String>,
}

/// Tells a field given as `null` from an absent one.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Which optional fields to show: those the expectation gives.
#[derive(Clone, Copy, Default)]
struct Shown {
    date: bool,
    modality: bool,
    quantities: bool,
    attributed: bool,
}

impl Shown {
    fn of(e: &Expected) -> Shown {
        Shown {
            date: e.date.is_some(),
            modality: e.modality.is_some(),
            quantities: e.quantities.is_some(),
            attributed: e.attributed.is_some(),
        }
    }
}

fn codes(actors: &[ActorRecord]) -> Vec<String> {
    actors.iter().map(|a| a.code.as_deref().unwrap_or("?").to_string()).collect()
}

fn quantity(kind: &str, value: f64, unit: Option<&str>) -> String {
    format!("{kind} {value} {}", unit.unwrap_or("-"))
}

/// The common part of a line and its optional fields, for either side.
#[allow(clippy::too_many_arguments)]
fn line(
    ty: &str,
    action: Option<&str>,
    trigger: &str,
    source: &[String],
    target: &[String],
    shown: Shown,
    date: Option<&str>,
    modality: &str,
    quantities: &[String],
    attributed: bool,
) -> String {
    let mut s =
        format!("{ty} action={} {trigger:?} [{}] -> [{}]", action.unwrap_or("-"), source.join("+"), target.join("+"));
    if shown.date {
        s += &format!(" date={}", date.unwrap_or("null"));
    }
    if shown.modality {
        s += &format!(" modality={modality}");
    }
    if shown.quantities {
        s += &format!(" quantities=[{}]", quantities.join(", "));
    }
    if shown.attributed {
        s += &format!(" attributed={attributed}");
    }
    s
}

fn got_line(e: &EventRecord, shown: Shown) -> String {
    let modality = serde_json::to_value(e.modality).unwrap();
    let date = e.time.as_ref().and_then(|t| t.date).map(|d| d.to_string());
    let quantities: Vec<String> = e
        .quantities
        .iter()
        .map(|q| quantity(serde_json::to_value(q.kind).unwrap().as_str().unwrap(), q.value, q.unit))
        .collect();
    line(
        e.event_type.name(),
        e.action_type.map(|a| a.name()),
        &e.trigger.text,
        &codes(&e.source),
        &codes(&e.target),
        shown,
        date.as_deref(),
        modality.as_str().unwrap(),
        &quantities,
        e.attribution.is_some(),
    )
}

fn expected_line(e: &Expected) -> String {
    let quantities: Vec<String> =
        e.quantities.iter().flatten().map(|q| quantity(&q.kind, q.value, q.unit.as_deref())).collect();
    line(
        &e.ty,
        e.action.as_deref(),
        &e.trigger,
        &e.source,
        &e.target,
        Shown::of(e),
        e.date.clone().flatten().as_deref(),
        e.modality.as_deref().unwrap_or(""),
        &quantities,
        e.attributed.unwrap_or(false),
    )
}

fn load(json: &str) -> Vec<Case> {
    let cases: Vec<Case> = serde_json::from_str(json).unwrap();
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "case names must be unique");
    cases
}

/// Runs one case: `None` when gazette's events are the expected ones,
/// otherwise the case with the expected and the produced lines.
fn check(p: &Pipeline, case: &Case) -> Option<String> {
    let article =
        Article { id: "t".into(), text: case.text.clone(), published: case.published.clone(), ..Default::default() };
    let x = p.process(&article).unwrap();
    for e in &x.events {
        let t = &e.trigger;
        assert!(case.text.is_char_boundary(t.start) && case.text.is_char_boundary(t.end));
        assert_eq!(&case.text[t.start..t.end], t.text, "{}: trigger span and text differ", case.name);
    }
    let want: Vec<String> = case.events.iter().map(expected_line).collect();
    let got: Vec<String> = x
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| got_line(e, case.events.get(i).map(Shown::of).unwrap_or_default()))
        .collect();
    if got == want {
        return None;
    }
    let show = |lines: &[String]| if lines.is_empty() { "(no event)".to_string() } else { lines.join("\n        ") };
    Some(format!("{}\n  text: {}\n  want: {}\n  got:  {}", case.name, case.text, show(&want), show(&got)))
}

#[test]
fn event_cases() {
    let cases = load(include_str!("data/events.json"));
    let p = Pipeline::builder().build().unwrap();
    let failures: Vec<String> = cases.iter().filter_map(|c| check(&p, c)).collect();
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn known_gaps_are_still_gaps() {
    let gaps = load(include_str!("data/events-known-gaps.json"));
    let cases = load(include_str!("data/events.json"));
    for g in &gaps {
        assert!(cases.iter().all(|c| c.name != g.name), "{} is in both files", g.name);
        assert!(g.gap.as_ref().is_some_and(|n| !n.is_empty()), "{}: a known gap needs a `gap` note", g.name);
    }
    for c in &cases {
        assert!(c.gap.is_none(), "{}: a `gap` note in events.json; known gaps belong in their own file", c.name);
    }
    let p = Pipeline::builder().build().unwrap();
    let fixed: Vec<&str> = gaps.iter().filter(|c| check(&p, c).is_none()).map(|c| c.name.as_str()).collect();
    assert!(
        fixed.is_empty(),
        "{} known-gap case(s) now pass; move them to tests/data/events.json: {}",
        fixed.len(),
        fixed.join(", ")
    );
}
