//! `gazette eval`: scores against gold data.

use std::path::Path;

use anyhow::{Context, Result};
use gazette_extract::tokenizer::Tokenizer;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    text: String,
    sentences: Vec<String>,
}

/// Share of cases whose sentences, each trimmed of surrounding whitespace,
/// equal the gold ones exactly.
pub fn sentences(path: &Path, min: Option<f64>, show_failures: bool) -> Result<u8> {
    let data = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let cases: Vec<Case> =
        serde_json::from_str(&data).with_context(|| format!("{} is not a list of cases", path.display()))?;
    let tokenizer = Tokenizer::new();
    let mut right = 0usize;
    for (i, c) in cases.iter().enumerate() {
        let got: Vec<&str> = tokenizer.analyze(&c.text).sentences.iter().map(|s| s.span.text(&c.text)).collect();
        let gold: Vec<&str> = c.sentences.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        if got == gold {
            right += 1;
        } else if show_failures {
            println!("case {i}:\n  text: {:?}\n  gold: {gold:?}\n  got:  {got:?}", c.text);
        }
    }
    let score = if cases.is_empty() { 0.0 } else { 100.0 * right as f64 / cases.len() as f64 };
    println!("sentences: {right}/{} cases exact ({score:.2}%) in {}", cases.len(), path.display());
    match min {
        Some(m) if score < m => {
            eprintln!("gazette: sentence score {score:.2}% is below the floor of {m:.2}%");
            Ok(1)
        }
        _ => Ok(0),
    }
}

/// A typed span of tokens `[start, end)` in one CoNLL document.
type Chunk = (usize, usize, &'static str);

struct Doc {
    text: String,
    /// Byte span of each token in `text`.
    spans: Vec<(usize, usize)>,
    gold: Vec<Chunk>,
}

fn conll_type(tag: &str) -> Option<&'static str> {
    match tag {
        "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        "MISC" => Some("MISC"),
        _ => None,
    }
}

/// Reads CoNLL-2003 (`token POS chunk NER`, IOB1 tags, blank lines between
/// sentences, `-DOCSTART-` between documents) into documents whose text is the
/// tokens joined by spaces, one sentence a line.
fn read_conll(data: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc { text: String::new(), spans: Vec::new(), gold: Vec::new() };
    let mut open: Option<(usize, &'static str)> = None;
    let mut line_start = true;
    let close = |doc: &mut Doc, open: &mut Option<(usize, &'static str)>| {
        if let Some((s, t)) = open.take() {
            doc.gold.push((s, doc.spans.len(), t));
        }
    };
    for line in data.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            close(&mut doc, &mut open);
            if !doc.spans.is_empty() {
                docs.push(std::mem::replace(
                    &mut doc,
                    Doc { text: String::new(), spans: Vec::new(), gold: Vec::new() },
                ));
            }
            line_start = true;
            continue;
        }
        if line.is_empty() {
            close(&mut doc, &mut open);
            if !line_start {
                doc.text.push('\n');
                line_start = true;
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let (Some(token), Some(tag)) = (cols.next(), cols.last()) else { continue };
        let (prefix, ty) = tag.split_once('-').map_or(("O", None), |(p, t)| (p, conll_type(t)));
        let i = doc.spans.len();
        match (prefix, ty) {
            ("I", Some(t)) if open.is_some_and(|(_, o)| o == t) => {}
            (_, Some(t)) => {
                close(&mut doc, &mut open);
                open = Some((i, t));
            }
            _ => close(&mut doc, &mut open),
        }
        if !line_start {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        doc.spans.push((start, doc.text.len()));
        line_start = false;
    }
    close(&mut doc, &mut open);
    if !doc.spans.is_empty() {
        docs.push(doc);
    }
    docs
}

fn ner_type(kind: gazette_extract::EntityKind) -> &'static str {
    use gazette_extract::EntityKind::*;
    match kind {
        Person => "PER",
        Org => "ORG",
        Gpe | Loc => "LOC",
        Norp => "MISC",
    }
}

/// Exact-span precision, recall and F1 per type on CoNLL-2003 data.
pub fn ner(pipeline: &gazette_extract::Pipeline, path: &Path, min: Option<f64>, show_errors: bool) -> Result<u8> {
    let data = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let docs = read_conll(&data);
    let types = ["PER", "ORG", "LOC", "MISC"];
    // (true positives, predicted, gold) per type
    let mut counts = [(0usize, 0usize, 0usize); 4];
    let idx = |t: &str| types.iter().position(|x| *x == t).unwrap_or(0);
    for (d, doc) in docs.iter().enumerate() {
        let article = gazette_extract::Article { id: format!("doc{d}"), text: doc.text.clone(), ..Default::default() };
        let Ok(x) = pipeline.process(&article) else { continue };
        // CoNLL tokens by the byte where they start and end, and the gold
        // chunks as a set: lookups, not scans, for documents of any length.
        let starts: std::collections::HashMap<usize, usize> =
            doc.spans.iter().enumerate().rev().map(|(i, s)| (s.0, i)).collect();
        let ends: std::collections::HashMap<usize, usize> =
            doc.spans.iter().enumerate().rev().map(|(i, s)| (s.1, i)).collect();
        let gold: std::collections::HashSet<&Chunk> = doc.gold.iter().collect();
        let mut predicted: Vec<Chunk> = Vec::new();
        for m in &x.mentions {
            let start = starts.get(&m.span.start).copied();
            let end = ends.get(&m.span.end).copied();
            match (start, end) {
                (Some(s), Some(e)) => predicted.push((s, e + 1, ner_type(m.kind))),
                // A mention that cuts a CoNLL token cannot match exactly.
                _ => predicted.push((usize::MAX, usize::MAX, ner_type(m.kind))),
            }
        }
        for g in &doc.gold {
            counts[idx(g.2)].2 += 1;
        }
        for p in &predicted {
            counts[idx(p.2)].1 += 1;
            if gold.contains(p) {
                counts[idx(p.2)].0 += 1;
            } else if show_errors && p.0 != usize::MAX {
                let (s, e) = (doc.spans[p.0].0, doc.spans[p.1 - 1].1);
                println!("false positive {} {:?}", p.2, &doc.text[s..e]);
            }
        }
        if show_errors {
            let found: std::collections::HashSet<&Chunk> = predicted.iter().collect();
            for g in doc.gold.iter().filter(|g| !found.contains(g)) {
                let (s, e) = (doc.spans[g.0].0, doc.spans[g.1 - 1].1);
                println!("missed {} {:?}", g.2, &doc.text[s..e]);
            }
        }
    }
    let prf = |(tp, p, g): (usize, usize, usize)| {
        let pr = if p > 0 { 100.0 * tp as f64 / p as f64 } else { 0.0 };
        let rc = if g > 0 { 100.0 * tp as f64 / g as f64 } else { 0.0 };
        let f = if pr + rc > 0.0 { 2.0 * pr * rc / (pr + rc) } else { 0.0 };
        (pr, rc, f)
    };
    println!("ner on {} ({} documents): exact-span match", path.display(), docs.len());
    println!("{:<8} {:>9} {:>9} {:>7} {:>7} {:>7}", "type", "predicted", "gold", "P", "R", "F1");
    let mut total = (0, 0, 0);
    for (t, c) in types.iter().zip(counts) {
        let (p, r, f) = prf(c);
        println!("{t:<8} {:>9} {:>9} {p:>7.2} {r:>7.2} {f:>7.2}", c.1, c.2);
        total = (total.0 + c.0, total.1 + c.1, total.2 + c.2);
    }
    let (p, r, f) = prf(total);
    println!("{:<8} {:>9} {:>9} {p:>7.2} {r:>7.2} {f:>7.2}", "overall", total.1, total.2);
    match min {
        Some(m) if f < m => {
            eprintln!("gazette: NER F1 {f:.2} is below the floor of {m:.2}");
            Ok(1)
        }
        _ => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_chunks_follow_iob1() {
        let data = "-DOCSTART- -X- O O\n\nEU NNP I-NXP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nB-x NNP I-NP B-PER\n";
        let docs = read_conll(data);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "EU rejects German call\nPeter Blackburn B-x");
        assert_eq!(docs[0].gold, [(0, 1, "ORG"), (2, 3, "MISC"), (4, 6, "PER"), (6, 7, "PER")]);
    }
}
