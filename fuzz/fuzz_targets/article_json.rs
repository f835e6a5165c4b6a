//! The article reader (one JSON object per JSONL line): arbitrary bytes give
//! an article or an error, never a panic.
#![no_main]

use gazette_extract::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else { return };
    if let Ok(a) = Article::from_json(line, || "f".to_string()) {
        assert!(!a.id.is_empty());
    }
});
