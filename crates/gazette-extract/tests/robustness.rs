//! Pathological articles through the whole pipeline: every span is valid,
//! nothing panics, and the work grows linearly: each input is run at sizes
//! n and 8n in the same test, and the larger may take at most 24 times as
//! long (eight times is linear; a quadratic stage would take 64). Time is
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

/// Runs `unit` repeated n and 8n times and checks the larger run took less
/// than 24 times as long: linear work takes 8 times, quadratic work 64. The
/// margin is for the memory system: the larger run's per-token tables are
/// fresh pages from the kernel each time, while the smaller one reuses the
/// allocator's memory, and that alone has cost up to 2.6 times. n starts at
/// `n` and doubles until a run takes at least 5 ms.
fn linear(unit: &str, n: usize) {
    // One measurement at a time: tests of this file run on parallel threads,
    // and a neighbour's page faults and cache traffic slow the larger run.
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let p = Pipeline::builder().build().unwrap();
    let mut n = n;
    let mut small = time(&p, &unit.repeat(n));
    while small < Duration::from_millis(5) && 16 * n * unit.len() <= 12 << 20 {
        n *= 2;
        small = time(&p, &unit.repeat(n));
    }
    let large = time(&p, &unit.repeat(8 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(ratio < 24.0, "{unit:?}: {n} -> {} repeats took {small:?} -> {large:?} ({ratio:.1}x)", 8 * n);
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
