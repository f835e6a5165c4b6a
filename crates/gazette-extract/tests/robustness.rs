//! Pathological articles through the whole pipeline: every span is valid,
//! nothing panics, and the work grows linearly: each input is run at sizes
//! n and 4n in the same test, and the larger may take at most ten times as
//! long (four times is linear; a quadratic stage would take sixteen). Time is
//! the thread's CPU time, so that other processes on a busy machine, which
//! delay the test but do not make it work more, do not count.

use std::time::Duration;

mod support;

use gazette_extract::{Article, Pipeline};
use support::check;

/// The least CPU time of three runs.
fn time(p: &Pipeline, text: &str) -> Duration {
    let article = Article { id: "t".into(), text: text.into(), ..Default::default() };
    (0..3)
        .map(|_| {
            let t = cpu_time::ThreadTime::now();
            let x = p.process(&article).expect("processed");
            let d = t.elapsed();
            check(&article, &x);
            d
        })
        .min()
        .unwrap_or_default()
}

fn linear(unit: &str, n: usize) {
    let p = Pipeline::builder().build().unwrap();
    let small = time(&p, &unit.repeat(n));
    let large = time(&p, &unit.repeat(4 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(ratio < 10.0, "{unit:?}: {n} -> {} repeats took {small:?} -> {large:?} ({ratio:.1}x)", 4 * n);
}

#[test]
fn reported_speech_without_punctuation() {
    linear("he said ", 5_000);
    linear("Peskov said the talks said that ", 2_000);
}

#[test]
fn many_direct_quotes_and_pronouns() {
    linear("“We are ready,” he said. ", 2_000);
    linear("“A,” Peskov said, “B.” ", 2_000);
}

#[test]
fn colons_and_trailing_frames_in_one_paragraph() {
    linear("The spokesman added: it was over. ", 2_000);
    linear("Talks went on, officials said, ", 2_000);
    linear("according to ", 5_000);
}

#[test]
fn quote_marks_and_capitals() {
    linear("“", 40_000);
    linear("\" ", 40_000);
    linear("Alpha ", 10_000);
    linear("« Tak » ", 5_000);
}

#[test]
fn events_in_sentences_without_end() {
    // Many triggers and actors in one endless sentence: every look-back is a window.
    linear("Russia attacked Ukraine and ", 2_000);
    linear("Russia and Ukraine and France and ", 2_000);
    linear("Russian President Vladimir Putin met ", 1_000);
    linear("on Monday Russia attacked Kyiv on Tuesday ", 1_000);
    linear("sanctions on Iran called for talks with $5 million in aid to ", 1_000);
}
