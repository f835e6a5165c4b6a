//! Inputs for gazette's benchmarks.
//!
//! The benches run over the BBC news corpus (`../shared/corpora`, 2,225
//! articles, about 5 MB) when it is present, and over the project's own
//! fixtures otherwise, so they run on a fresh clone too.

use std::path::{Path, PathBuf};

/// Texts to benchmark on, and a label saying where they came from.
#[derive(Debug)]
pub struct Corpus {
    /// `bbc` or `fixtures`.
    pub label: &'static str,
    /// Article texts.
    pub texts: Vec<String>,
}

impl Corpus {
    /// Total bytes of text.
    pub fn bytes(&self) -> u64 {
        self.texts.iter().map(|t| t.len() as u64).sum()
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The BBC corpus if present, else the fixture articles.
pub fn load() -> Corpus {
    let bbc = std::env::var_os("GAZETTE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpora/bbc-news-2004-2005.jsonl"));
    if let Ok(data) = std::fs::read_to_string(&bbc) {
        let texts = data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect();
        return Corpus { label: "bbc", texts };
    }
    let mut texts = Vec::new();
    let dir = root().join("fixtures/articles");
    let mut files: Vec<_> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        let Ok(data) = std::fs::read_to_string(&f) else {
            continue;
        };
        if f.extension().is_some_and(|e| e == "json")
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(&data)
        {
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                texts.push(t.to_string());
            }
        } else if f.extension().is_some_and(|e| e == "txt") {
            texts.push(data);
        }
    }
    Corpus { label: "fixtures", texts }
}
