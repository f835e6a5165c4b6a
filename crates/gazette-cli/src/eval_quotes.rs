//! `gazette eval quotes`: quotations scored against BRAT standoff in the
//! PolNeAR layout (`text/STEM.txt`, `attributions/STEM_ANNOTATOR.ann`).
//!
//! BRAT offsets count Unicode code points; they are turned into byte offsets
//! before comparing with gazette's spans. A predicted quote matches a gold
//! attribution when its content covers at least the given share of the gold
//! content's bytes; each gold and each prediction match at most once, and
//! the matching is a maximum one (augmenting paths, best coverage first).
//! Partial quotes (scare quotes, which attribute nothing) are left out of
//! the predictions.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use gazette_extract::{Article, Pipeline, QuoteKind, QuoteRecord};

/// One gold attribution, in bytes.
#[derive(Debug, Clone, PartialEq)]
struct Gold {
    content: Vec<(usize, usize)>,
    source: Vec<(usize, usize)>,
    cue: Vec<(usize, usize)>,
}

/// Byte offset of each code point index (and one past the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Reads the attributions of one `.ann` file.
fn read_ann(ann: &str, text: &str) -> Result<Vec<Gold>> {
    let map = char_to_byte(text);
    let to_byte = |c: usize| map.get(c).copied();
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut events = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.first().and_then(|c| c.chars().next()) {
            Some('T') if cols.len() >= 2 => {
                let Some((_, ranges)) = cols[1].split_once(' ') else { bail!("line {}: no span", n + 1) };
                let mut v = Vec::new();
                for r in ranges.split(';') {
                    let (a, b) = r.trim().split_once(' ').with_context(|| format!("line {}: bad span {r:?}", n + 1))?;
                    let (a, b): (usize, usize) = (a.parse()?, b.parse()?);
                    match (to_byte(a), to_byte(b)) {
                        (Some(a), Some(b)) if a <= b => v.push((a, b)),
                        _ => bail!("line {}: span {a}..{b} is outside the text", n + 1),
                    }
                }
                spans.insert(cols[0], v);
            }
            Some('E') if cols.len() >= 2 => events.push(cols[1]),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for e in events {
        let mut g = Gold { content: Vec::new(), source: Vec::new(), cue: Vec::new() };
        for arg in e.split_whitespace().skip(1) {
            let Some((role, id)) = arg.split_once(':') else { continue };
            let Some(s) = spans.get(id) else { continue };
            if role.starts_with("Content") {
                g.content.extend(s);
            } else if role.starts_with("Source") {
                g.source.extend(s);
            } else if role.starts_with("Cue") {
                g.cue.extend(s);
            }
        }
        if !g.content.is_empty() {
            g.content.sort();
            out.push(g);
        }
    }
    Ok(out)
}

fn overlap(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let mut n = 0;
    for &(s, e) in a {
        for &(t, f) in b {
            n += e.min(f).saturating_sub(s.max(t));
        }
    }
    n
}

fn len(a: &[(usize, usize)]) -> usize {
    a.iter().map(|(s, e)| e - s).sum()
}

/// Spans with whitespace, quote marks and final punctuation trimmed, for
/// exact comparison.
fn trimmed(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let junk = |c: char| c.is_whitespace() || "\"'“”‘’«».,;:".contains(c);
    spans
        .iter()
        .filter_map(|&(s, e)| {
            let piece = text.get(s..e)?;
            let lead = piece.len() - piece.trim_start_matches(junk).len();
            let body = piece.trim_matches(junk);
            (!body.is_empty()).then_some((s + lead, s + lead + body.len()))
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    gold: usize,
    predicted: usize,
    matched: [usize; 2],
    exact: usize,
    speaker_gold: usize,
    speaker_right: usize,
}

const THRESHOLDS: [f64; 2] = [0.3, 0.8];

/// A maximum one-to-one matching of golds to predictions (Kuhn's augmenting
/// paths; each gold tries its candidates best first): the gold matched to
/// each prediction.
fn max_matching(cands: &[Vec<usize>], preds: usize) -> Vec<Option<usize>> {
    fn augment(g: usize, cands: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
        for &p in &cands[g] {
            if seen[p] {
                continue;
            }
            seen[p] = true;
            if owner[p].is_none_or(|o| augment(o, cands, seen, owner)) {
                owner[p] = Some(g);
                return true;
            }
        }
        false
    }
    let mut owner = vec![None; preds];
    for g in 0..cands.len() {
        let mut seen = vec![false; preds];
        augment(g, cands, &mut seen, &mut owner);
    }
    owner
}

/// Scores one article; returns lines describing errors when asked.
fn score(text: &str, gold: &[Gold], pred: &[QuoteRecord], t: &mut Tally, errors: Option<&mut Vec<String>>) {
    t.gold += gold.len();
    t.predicted += pred.len();
    let pspans: Vec<Vec<(usize, usize)>> =
        pred.iter().map(|q| q.content.iter().map(|c| (c.start, c.end)).collect()).collect();
    let mut matched_at_03 = vec![None; gold.len()];
    for (ti, &th) in THRESHOLDS.iter().enumerate() {
        // Candidates of each gold, best coverage first.
        let cands: Vec<Vec<usize>> = gold
            .iter()
            .map(|g| {
                let glen = len(&g.content).max(1) as f64;
                let mut c: Vec<(usize, f64)> = (0..pred.len())
                    .map(|p| (p, overlap(&pspans[p], &g.content) as f64 / glen))
                    .filter(|&(_, c)| c >= th)
                    .collect();
                c.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                c.into_iter().map(|(p, _)| p).collect()
            })
            .collect();
        let owner = max_matching(&cands, pred.len());
        for (p, o) in owner.iter().enumerate() {
            if let Some(gi) = *o {
                t.matched[ti] += 1;
                if ti == 0 {
                    matched_at_03[gi] = Some(p);
                }
            }
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        let Some(p) = matched_at_03[gi] else { continue };
        if trimmed(text, &pspans[p]) == trimmed(text, &g.content) {
            t.exact += 1;
        }
        if !g.source.is_empty() {
            t.speaker_gold += 1;
            let right = pred[p].speaker.as_ref().is_some_and(|s| overlap(&[(s.start, s.end)], &g.source) > 0);
            if right {
                t.speaker_right += 1;
            }
        }
    }
    if let Some(errors) = errors {
        let show = |spans: &[(usize, usize)]| -> String {
            spans.iter().map(|&(s, e)| text.get(s..e).unwrap_or("?")).collect::<Vec<_>>().join(" … ")
        };
        for (gi, g) in gold.iter().enumerate() {
            let src = show(&g.source);
            match matched_at_03[gi] {
                None => errors.push(format!("missed   [{src}] <{}> {}", show(&g.cue), show(&g.content))),
                Some(p) => {
                    let sp = pred[p].speaker.as_ref().map(|s| s.text.as_str()).unwrap_or("-");
                    let right = pred[p].speaker.as_ref().is_some_and(|s| overlap(&[(s.start, s.end)], &g.source) > 0);
                    if !g.source.is_empty() && !right {
                        errors.push(format!("speaker  gold [{src}] got [{sp}] {}", show(&g.content)));
                    }
                }
            }
        }
        for (p, q) in pred.iter().enumerate() {
            if !matched_at_03.contains(&Some(p)) {
                let sp = q.speaker.as_ref().map(|s| s.text.as_str()).unwrap_or("-");
                let cue = q.cue.as_ref().map(|c| c.text.as_str()).unwrap_or("-");
                errors.push(format!("spurious [{sp}] <{cue}> {}", show(&pspans[p])));
            }
        }
    }
}

/// Publication dates by file stem, from `metadata.tsv` beside the split
/// directory when there is one.
fn dates(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(meta) = dir.parent().map(|p| p.join("metadata.tsv")) else { return out };
    let Ok(data) = std::fs::read_to_string(meta) else { return out };
    let mut lines = data.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let (Some(f), Some(d)) =
        (header.iter().position(|h| *h == "filename"), header.iter().position(|h| *h == "publication_date"))
    else {
        return out;
    };
    for line in lines {
        let cols: Vec<&str> = line.split('\t').collect();
        if let (Some(name), Some(date)) = (cols.get(f), cols.get(d)) {
            out.insert(name.to_string(), date.to_string());
        }
    }
    out
}

/// Runs the evaluation over `dir` (with `text/` and `attributions/`).
pub fn quotes(
    pipeline: &Pipeline,
    dir: &Path,
    min: Option<f64>,
    min_speaker: Option<f64>,
    show_errors: bool,
) -> Result<u8> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut stems: Vec<String> = std::fs::read_dir(&text_dir)
        .with_context(|| format!("cannot read {}", text_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".txt").map(str::to_string))
        .collect();
    stems.sort();
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("cannot read {}", ann_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().to_str().filter(|n| n.ends_with(".ann")).map(str::to_string))
        .collect();
    anns.sort();
    let dates = dates(dir);
    let mut t = Tally::default();
    let mut articles = 0;
    for stem in &stems {
        // One annotator per article: the first file in name order.
        let Some(ann) = anns.iter().find(|a| a.strip_prefix(stem.as_str()).is_some_and(|r| r.starts_with('_'))) else {
            continue;
        };
        let text = std::fs::read_to_string(text_dir.join(format!("{stem}.txt")))?;
        let gold = read_ann(&std::fs::read_to_string(ann_dir.join(ann))?, &text)
            .with_context(|| format!("in {}", ann_dir.join(ann).display()))?;
        let article =
            Article { id: stem.clone(), text: text.clone(), published: dates.get(stem).cloned(), ..Article::default() };
        // Partial quotes are scare quotes with no attribution; PolNeAR
        // annotates attributions only.
        let pred: Vec<QuoteRecord> = match pipeline.process(&article) {
            Ok(x) => x.quotes.into_iter().filter(|q| q.kind != QuoteKind::Partial).collect(),
            Err(_) => Vec::new(),
        };
        articles += 1;
        let mut errors = Vec::new();
        score(&text, &gold, &pred, &mut t, show_errors.then_some(&mut errors));
        if !errors.is_empty() {
            println!("== {stem}");
            for e in errors {
                println!("  {}", e.replace('\n', " "));
            }
        }
    }
    let pct = |a: usize, b: usize| if b > 0 { 100.0 * a as f64 / b as f64 } else { 0.0 };
    println!(
        "quotes on {} ({articles} articles, {} gold attributions, {} predicted)",
        dir.display(),
        t.gold,
        t.predicted
    );
    println!("{:<14} {:>7} {:>7} {:>7}", "content", "P", "R", "F1");
    let mut f03 = 0.0;
    for (i, th) in THRESHOLDS.iter().enumerate() {
        let (p, r) = (pct(t.matched[i], t.predicted), pct(t.matched[i], t.gold));
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        if i == 0 {
            f03 = f;
        }
        println!("{:<14} {p:>7.2} {r:>7.2} {f:>7.2}", format!("overlap >= {th}"));
    }
    println!("exact content: {} of {} gold ({:.2}%)", t.exact, t.gold, pct(t.exact, t.gold));
    let sa = pct(t.speaker_right, t.speaker_gold);
    println!(
        "speaker accuracy: {} of {} matched quotes with a gold source ({sa:.2}%)",
        t.speaker_right, t.speaker_gold
    );
    let mut code = 0;
    if let Some(m) = min
        && f03 < m
    {
        eprintln!("gazette: quote F1 {f03:.2} at overlap 0.3 is below the floor of {m:.2}");
        code = 1;
    }
    if let Some(m) = min_speaker
        && sa < m
    {
        eprintln!("gazette: speaker accuracy {sa:.2}% is below the floor of {m:.2}%");
        code = 1;
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_offsets_in_code_points_become_bytes() {
        // `é` and `“` are 2 and 3 bytes: code point 8 is byte 9, 12 is 16.
        let text = "Café: “Yes,” Ana said.";
        let ann = "T1\tContent 7 10\tYes\nT2\tSource 13 16\tAna\nT3\tCue 17 21\tsaid\nE1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\n";
        let gold = read_ann(ann, text).unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(&text[gold[0].content[0].0..gold[0].content[0].1], "Yes");
        assert_eq!(&text[gold[0].source[0].0..gold[0].source[0].1], "Ana");
    }

    #[test]
    fn matching_is_maximum_not_greedy() {
        // Gold 0 could take prediction 0 or 1; gold 1 only prediction 0.
        let owner = max_matching(&[vec![0, 1], vec![0]], 2);
        assert_eq!(owner, [Some(1), Some(0)]);
    }

    #[test]
    fn discontinuous_content_and_coverage() {
        let text = "abcdefghijklmnopqrstuvwxyz";
        let ann = "T1\tContent 0 4;10 14\tabcd klmn\nE1\tAttribution:T1 Content:T1\n";
        let gold = read_ann(ann, text).unwrap();
        assert_eq!(gold[0].content, [(0, 4), (10, 14)]);
        assert_eq!(overlap(&[(2, 12)], &gold[0].content), 4);
        assert_eq!(len(&gold[0].content), 8);
    }
}
