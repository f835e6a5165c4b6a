//! Per-stage throughput in bytes of article text per second, one thread.
//!
//! Each bench checks a count computed before timing inside the timed loop, so
//! the work cannot be optimised away.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette_extract::{Article, Pipeline};
use gazette_tokenizer::{Tokenizer, tokenize};

fn stages(c: &mut Criterion) {
    let corpus = gazette_benches::load();
    let mut g = c.benchmark_group(corpus.label);
    g.throughput(Throughput::Bytes(corpus.bytes()));
    g.sample_size(20);

    let tokens: usize = corpus.texts.iter().map(|t| tokenize(t).len()).sum();
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            let n: usize = corpus.texts.iter().map(|t| tokenize(t).len()).sum();
            assert_eq!(n, tokens);
        })
    });

    let tokenizer = Tokenizer::new();
    let sentences: usize = corpus.texts.iter().map(|t| tokenizer.analyze(t).sentences.len()).sum();
    g.bench_function("tokenize+sentences", |b| {
        b.iter(|| {
            let n: usize = corpus.texts.iter().map(|t| tokenizer.analyze(t).sentences.len()).sum();
            assert_eq!(n, sentences);
        })
    });

    let pipeline = Pipeline::builder().build().expect("default pipeline");
    let articles: Vec<Article> = corpus
        .texts
        .iter()
        .enumerate()
        .map(|(i, t)| Article { id: i.to_string(), text: t.clone(), ..Article::default() })
        .collect();
    // Every stage: tokens, sentences, entities, quotes, events and their records.
    let found = |p: &Pipeline| -> (usize, usize, usize) {
        articles
            .iter()
            .filter_map(|a| p.process(a).ok())
            .fold((0, 0, 0), |(m, q, e), x| (m + x.mentions.len(), q + x.quotes.len(), e + x.events.len()))
    };
    let expected = found(&pipeline);
    g.bench_function("pipeline", |b| b.iter(|| assert_eq!(found(&pipeline), expected)));
    // Without the event stage (`gazette extract --emit quote,entity`).
    let no_events = Pipeline::builder().events(false).build().expect("default pipeline");
    let expected_ne = found(&no_events);
    assert_eq!((expected_ne.0, expected_ne.1), (expected.0, expected.1));
    g.bench_function("pipeline-without-events", |b| b.iter(|| assert_eq!(found(&no_events), expected_ne)));
    // Without the quote and event stages (`gazette extract --emit entity`).
    let no_quotes = Pipeline::builder().quotes(false).events(false).build().expect("default pipeline");
    let expected_nq = found(&no_quotes);
    assert_eq!(expected_nq.0, expected.0);
    g.bench_function("pipeline-without-quotes", |b| b.iter(|| assert_eq!(found(&no_quotes), expected_nq)));
    let records = |p: &Pipeline| -> usize {
        articles
            .iter()
            .map(|a| p.records(a).iter().map(|r| serde_json::to_vec(r).map_or(0, |v| v.len())).sum::<usize>())
            .sum()
    };
    let bytes_out = records(&pipeline);
    g.bench_function("pipeline+json", |b| b.iter(|| assert_eq!(records(&pipeline), bytes_out)));
    g.finish();
}

/// Building the default gazetteer: parsing the embedded TSV and the alias trie.
fn gazetteer_build(c: &mut Criterion) {
    let entities = gazette_extract::Gazetteer::default_gazetteer().expect("default gazetteer").entities().len();
    c.bench_function("gazetteer/build-default", |b| {
        b.iter(|| {
            let g = gazette_extract::Gazetteer::default_gazetteer().expect("default gazetteer");
            assert_eq!(g.entities().len(), entities);
        })
    });
}

/// Building the whole default pipeline (gazetteer, name tables, quote and
/// event lexicons): the start-up of every run, on one thread and with the
/// two halves side by side on two (`build_with` and `std::thread::scope`).
fn pipeline_build(c: &mut Criterion) {
    let entities = Pipeline::builder().build().expect("default pipeline").gazetteer().entities().len();
    c.bench_function("pipeline/build-default", |b| {
        b.iter(|| assert_eq!(Pipeline::builder().build().expect("built").gazetteer().entities().len(), entities))
    });
    c.bench_function("pipeline/build-default-two-threads", |b| {
        b.iter(|| {
            let p = Pipeline::builder()
                .build_with(|a, b| {
                    std::thread::scope(|s| {
                        s.spawn(a);
                        b();
                    })
                })
                .expect("built");
            assert_eq!(p.gazetteer().entities().len(), entities)
        })
    });
}

criterion_group!(benches, stages, gazetteer_build, pipeline_build);
criterion_main!(benches);
