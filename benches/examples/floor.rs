//! The floor for the peer benchmark (`benches/peers/run.sh`): a bare
//! aho-corasick scan for every alias of the gazetteer over the benchmark
//! corpus, leftmost-longest and ASCII case-insensitive, counting matches. No
//! tokens, no word boundaries, no case rules: the least work any alias
//! matcher over the same aliases has to do.
//!
//! ```sh
//! cargo run --release -p gazette-benches --example floor -- [GAZETTEER_DIR] [PASSES] [dfa|nfa]
//! ```
//!
//! The aliases are read from the gazetteer files in `GAZETTEER_DIR` (default
//! `corpora/gazetteer`) by the rules of `benches/peers/flashtext_bench.py`:
//! the name and the `|`-separated `aliases` column of every file whose header
//! is the gazetteer header, each with its trailing `{rule}` suffixes stripped,
//! distinct. The corpus is the one `gazette_benches::load` finds. The scan
//! runs `PASSES` times (default 5) and the median pass is reported; corpus
//! loading and the automaton build are timed apart. The automaton is a DFA
//! (33 MB, the fastest scan) unless `nfa` asks for the contiguous NFA that
//! gazette's gazetteer uses (under 1 MB). Prints one JSON line.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

const HEADER: &str = "id\tkind\tname\taliases\tcountry\tsector\troles";

fn strip_rules(alias: &str) -> &str {
    let mut a = alias.trim();
    while a.ends_with('}')
        && let Some(open) = a.rfind('{')
        && a[open + 1..a.len() - 1].bytes().all(|b| b.is_ascii_lowercase())
        && open + 2 < a.len()
    {
        a = a[..open].trim_end();
    }
    a
}

/// Distinct aliases, in file order (files sorted by name).
fn read_aliases(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut seen = std::collections::HashSet::new();
    let mut aliases = Vec::new();
    for f in files {
        let data = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
        let mut rows = data.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        if rows.next() != Some(HEADER) {
            continue; // not a gazetteer file (country-extras.tsv)
        }
        for row in rows {
            let cols: Vec<&str> = row.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            for raw in cols[3].split('|').chain(std::iter::once(cols[2])) {
                let alias = strip_rules(raw);
                if !alias.is_empty() && seen.insert(alias.to_string()) {
                    aliases.push(alias.to_string());
                }
            }
        }
    }
    aliases
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpora/gazetteer"));
    let passes: usize = args.next().map_or(5, |p| p.parse().expect("PASSES must be a number"));
    let kind = match args.next().as_deref() {
        None | Some("dfa") => AhoCorasickKind::DFA,
        Some("nfa") => AhoCorasickKind::ContiguousNFA,
        Some(other) => panic!("automaton kind {other:?}: expected dfa or nfa"),
    };

    let t = Instant::now();
    let corpus = gazette_benches::load();
    let load_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let aliases = read_aliases(&dir);
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(&aliases)
        .expect("alias automaton");
    let build_s = t.elapsed().as_secs_f64();

    let mut times = Vec::with_capacity(passes);
    let mut count = None;
    for _ in 0..passes.max(1) {
        let t = Instant::now();
        let n: usize = corpus.texts.iter().map(|text| automaton.find_iter(text).count()).sum();
        times.push(t.elapsed().as_secs_f64());
        assert!(count.is_none_or(|c| c == n), "passes disagree: {count:?} and {n}");
        count = Some(n);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];

    println!(
        "{{\"tool\":\"aho-corasick\",\"corpus\":\"{}\",\"aliases\":{},\"kind\":\"{:?}\",\"automaton_bytes\":{},\
         \"articles\":{},\"bytes\":{},\"load_s\":{load_s:.4},\"build_s\":{build_s:.4},\"passes\":{},\
         \"seconds\":{median:.6},\"min_s\":{:.6},\"max_s\":{:.6},\"count\":{}}}",
        corpus.label,
        aliases.len(),
        automaton.kind(),
        automaton.memory_usage(),
        corpus.texts.len(),
        corpus.bytes(),
        times.len(),
        times[0],
        times[times.len() - 1],
        count.unwrap_or(0),
    );
}
