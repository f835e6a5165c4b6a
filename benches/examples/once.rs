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
//!
//! A second argument repeats the pass and prints the fastest and the median
//! pass in MB/s (10^6 bytes of text a second). On a noisy machine the fastest
//! of many passes is the steadiest estimate of what the code costs:
//!
//! ```sh
//! target/release/examples/once noq 30
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
    let repeat: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    let articles: Vec<gazette_extract::Article> = corpus
        .texts
        .iter()
        .map(|t| gazette_extract::Article { id: String::new(), text: t.clone(), ..Default::default() })
        .collect();
    let pass = || -> usize {
        let mut count = 0usize;
        for a in &articles {
            let t = &a.text;
            count += match stage.as_str() {
                "none" => 0,
                "tok" => gazette_tokenizer::tokenize(t).len(),
                "ent" | "noe" | "noq" => pipeline.process(a).map_or(0, |x| x.mentions.len()),
                _ => tokenizer.analyze(t).sentences.len(),
            };
        }
        count
    };
    let count = pass();
    println!("{stage}: {count}");
    if repeat > 1 {
        let mut secs: Vec<f64> = (0..repeat)
            .map(|_| {
                let started = std::time::Instant::now();
                assert_eq!(pass(), count);
                started.elapsed().as_secs_f64()
            })
            .collect();
        secs.sort_by(f64::total_cmp);
        let mb = corpus.bytes() as f64 / 1e6;
        println!(
            "{stage}: {repeat} passes over {mb:.2} MB: fastest {:.1} MB/s, median {:.1} MB/s",
            mb / secs[0],
            mb / secs[repeat / 2]
        );
    }
}
