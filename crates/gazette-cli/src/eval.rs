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
    let data =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let cases: Vec<Case> = serde_json::from_str(&data)
        .with_context(|| format!("{} is not a list of cases", path.display()))?;
    let tokenizer = Tokenizer::new();
    let mut right = 0usize;
    for (i, c) in cases.iter().enumerate() {
        let got: Vec<&str> = tokenizer
            .analyze(&c.text)
            .sentences
            .iter()
            .map(|s| s.span.text(&c.text))
            .collect();
        let gold: Vec<&str> = c
            .sentences
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if got == gold {
            right += 1;
        } else if show_failures {
            println!(
                "case {i}:\n  text: {:?}\n  gold: {gold:?}\n  got:  {got:?}",
                c.text
            );
        }
    }
    let score = if cases.is_empty() {
        0.0
    } else {
        100.0 * right as f64 / cases.len() as f64
    };
    println!(
        "sentences: {right}/{} cases exact ({score:.2}%) in {}",
        cases.len(),
        path.display()
    );
    match min {
        Some(m) if score < m => {
            eprintln!("gazette: sentence score {score:.2}% is below the floor of {m:.2}%");
            Ok(1)
        }
        _ => Ok(0),
    }
}
