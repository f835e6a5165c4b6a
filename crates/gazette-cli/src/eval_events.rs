//! `gazette eval events`: events scored against PLOVER gold records.
//!
//! Each gold record is one sentence with one event type (PLOVER 0.5 labels,
//! mapped to 2.0), its source and target actors (ISO alpha-3 codes or `IGO`)
//! and a date. gazette runs on the sentence as an article published on that
//! date. The scores:
//! - **type recall**: the share of records for which gazette produces an
//!   event of the gold type;
//! - **actor accuracy**: over those records, the share of gold actor slots
//!   (source, target: a slot counts when the gold lists an actor for it)
//!   that gazette fills with at least one actor of a gold country (`IGO`
//!   matches an IGO actor). Of the events of the gold type, the one that
//!   gets the most slots right is scored;
//! - **extra events per record**: every event gazette produces beyond the
//!   one matched to the gold event, divided by the number of records.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use gazette_extract::{ActorRecord, Article, EventRecord, EventType, Pipeline};
use serde_json::Value;

/// Floors for CI: the command fails when one is missed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Floors {
    pub min_recall: Option<f64>,
    pub min_actors: Option<f64>,
    pub max_extra: Option<f64>,
}

/// A PLOVER 0.5 label as a 2.0 type.
fn gold_type(label: &str) -> Option<EventType> {
    let mapped = match label {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    };
    EventType::parse(mapped)
}

/// The actor codes of a gold `source` or `target` (a list of objects; an
/// empty string or anything else means none).
fn gold_codes(v: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(list)) = v else { return Vec::new() };
    list.iter()
        .filter_map(|a| a.get("code").and_then(Value::as_str))
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn actor_matches(a: &ActorRecord, codes: &[String]) -> bool {
    codes.iter().any(|c| {
        if c == "IGO" {
            a.sector.as_deref() == Some("IGO") || a.code.as_deref().is_some_and(|x| x.starts_with("IGO"))
        } else {
            a.country.as_deref() == Some(c.as_str())
        }
    })
}

/// Right actor slots of `e` against the gold codes, and how many slots the gold has.
fn slots(e: &EventRecord, source: &[String], target: &[String]) -> (usize, usize) {
    let mut right = 0;
    let mut total = 0;
    for (pred, gold) in [(&e.source, source), (&e.target, target)] {
        if gold.is_empty() {
            continue;
        }
        total += 1;
        if pred.iter().any(|a| actor_matches(a, gold)) {
            right += 1;
        }
    }
    (right, total)
}

fn actors(list: &[ActorRecord]) -> String {
    if list.is_empty() {
        return "-".into();
    }
    list.iter().map(|a| format!("{}={}", a.text, a.code.as_deref().unwrap_or("?"))).collect::<Vec<_>>().join("+")
}

pub fn events(pipeline: &Pipeline, path: &Path, floors: Floors, show_errors: bool) -> Result<u8> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let gold: Vec<Value> =
        serde_json::from_str(&raw).with_context(|| format!("{} is not a JSON list", path.display()))?;
    let (mut records, mut found, mut extra) = (0usize, 0usize, 0usize);
    let (mut right_slots, mut gold_slots) = (0usize, 0usize);
    // type -> (records, found)
    let mut by_type: BTreeMap<EventType, (usize, usize)> = BTreeMap::new();
    let mut skipped = 0usize;
    for (i, g) in gold.iter().enumerate() {
        let text = g.get("text").and_then(Value::as_str).unwrap_or("");
        let Some(ty) = g.get("event").and_then(Value::as_str).and_then(gold_type) else {
            skipped += 1;
            continue;
        };
        if text.trim().is_empty() {
            skipped += 1;
            continue;
        }
        let id = g.get("id").and_then(Value::as_str).map_or_else(|| format!("record-{}", i + 1), str::to_string);
        let article = Article {
            id: id.clone(),
            text: text.to_string(),
            published: g.get("date").and_then(Value::as_str).map(str::to_string),
            ..Article::default()
        };
        let x = pipeline.process(&article).with_context(|| format!("{id}: cannot process"))?;
        let (source, target) = (gold_codes(g.get("source")), gold_codes(g.get("target")));
        records += 1;
        let entry = by_type.entry(ty).or_default();
        entry.0 += 1;
        let best = x.events.iter().filter(|e| e.event_type == ty).max_by_key(|e| slots(e, &source, &target).0);
        match best {
            Some(e) => {
                found += 1;
                entry.1 += 1;
                let (right, total) = slots(e, &source, &target);
                right_slots += right;
                gold_slots += total;
                extra += x.events.len() - 1;
                if show_errors && right < total {
                    println!(
                        "ACTORS  {id} {}: gold {:?} -> {:?}; got {} -> {}\n        {text}",
                        ty.name(),
                        source,
                        target,
                        actors(&e.source),
                        actors(&e.target)
                    );
                }
            }
            None => {
                extra += x.events.len();
                if show_errors {
                    println!("MISSED  {id} {}: {text}", ty.name());
                }
            }
        }
        if show_errors {
            for e in x.events.iter().filter(|e| best.is_none_or(|b| !std::ptr::eq(*e, b))) {
                println!(
                    "EXTRA   {id} {} {:?}: {} -> {} (gold {})",
                    e.event_type.name(),
                    e.trigger.text,
                    actors(&e.source),
                    actors(&e.target),
                    ty.name()
                );
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    let recall = pct(found, records);
    let actor_acc = pct(right_slots, gold_slots);
    let extra_rate = if records == 0 { 0.0 } else { extra as f64 / records as f64 };
    println!("{records} gold records ({skipped} skipped: no text or unknown type)");
    println!("type recall      {recall:6.2}%  ({found}/{records})");
    println!("actor accuracy   {actor_acc:6.2}%  ({right_slots}/{gold_slots} gold actor slots on found records)");
    println!("extra events     {extra_rate:6.3} per record  ({extra} events)");
    println!("by type:");
    for (ty, (n, f)) in &by_type {
        println!("  {:<10} {:>3}/{:<3} {:6.1}%", ty.name(), f, n, pct(*f, *n));
    }
    let mut failed = false;
    if let Some(m) = floors.min_recall
        && recall < m
    {
        eprintln!("gazette: type recall {recall:.2}% is below the floor {m}%");
        failed = true;
    }
    if let Some(m) = floors.min_actors
        && actor_acc < m
    {
        eprintln!("gazette: actor accuracy {actor_acc:.2}% is below the floor {m}%");
        failed = true;
    }
    if let Some(m) = floors.max_extra
        && extra_rate > m
    {
        eprintln!("gazette: {extra_rate:.3} extra events per record is above the ceiling {m}");
        failed = true;
    }
    Ok(u8::from(failed))
}
