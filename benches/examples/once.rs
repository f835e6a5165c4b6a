//! One pass of a stage over the benchmark corpus, for instruction counts that
//! do not depend on machine noise:
//!
//! ```sh
//! cargo build --release -p gazette-benches --example once
//! valgrind --tool=callgrind target/release/examples/once none   # loading only
//! valgrind --tool=callgrind target/release/examples/once tok    # + tokenize
//! valgrind --tool=callgrind target/release/examples/once ana    # + sentences
//! valgrind --tool=callgrind target/release/examples/once ent    # the whole pipeline (entities, quotes, events)
//! valgrind --tool=callgrind target/release/examples/once noe    # the pipeline without the event stage
//! valgrind --tool=callgrind target/release/examples/once noq    # the pipeline without the quote and event stages
//! ```
#![allow(clippy::print_stdout)]

fn main() {
    let corpus = gazette_benches::load();
    let tokenizer = gazette_tokenizer::Tokenizer::new();
    let stage = std::env::args().nth(1).unwrap_or_default();
    let pipeline = gazette_extract::Pipeline::builder()
        .quotes(stage != "noq")
        .events(stage == "ent")
        .build()
        .expect("default pipeline");
    let mut count = 0usize;
    for t in &corpus.texts {
        count += match stage.as_str() {
            "none" => 0,
            "tok" => gazette_tokenizer::tokenize(t).len(),
            "ent" | "noe" | "noq" => {
                let a = gazette_extract::Article { id: String::new(), text: t.clone(), ..Default::default() };
                pipeline.process(&a).map_or(0, |x| x.mentions.len())
            }
            _ => tokenizer.analyze(t).sentences.len(),
        };
    }
    println!("{stage}: {count}");
}
