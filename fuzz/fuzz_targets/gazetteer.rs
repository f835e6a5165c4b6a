//! The gazetteer loader on arbitrary TSV: problems with line numbers or a
//! gazetteer, never a panic; a gazetteer that builds can match text.
#![no_main]

use gazette_extract::{GazetteerBuilder, Pipeline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(tsv) = std::str::from_utf8(data) else { return };
    let mut b = GazetteerBuilder::new();
    b.add_source("fuzz.tsv", tsv);
    let _ = b.problems();
    let _ = b.build();
    if let Ok(p) = Pipeline::builder().no_default_gazetteer().add_gazetteer("fuzz.tsv", tsv).build() {
        let article = gazette_extract::Article { id: "f".into(), text: tsv.into(), ..Default::default() };
        let _ = p.process(&article);
    }
});
