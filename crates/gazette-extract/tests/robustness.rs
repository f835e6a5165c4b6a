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
/// than 24 times as long: see [`linear_text`].
fn linear(unit: &str, n: usize) {
    linear_text(unit, |n| unit.repeat(n), n);
}

/// Runs the texts `make(n)` and `make(8n)` and checks the larger run took
/// less than 24 times as long: linear work takes 8 times, quadratic work
/// 64. The margin is for the memory system: the larger run's per-token
/// tables are fresh pages from the kernel each time, while the smaller one
/// reuses the allocator's memory, and that alone has cost up to 2.6 times.
/// n starts at `n` and doubles until a run takes at least 5 ms.
fn linear_text(what: &str, make: impl Fn(usize) -> String, n: usize) {
    // One measurement at a time: tests of this file run on parallel threads,
    // and a neighbour's page faults and cache traffic slow the larger run.
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let p = Pipeline::builder().build().unwrap();
    let mut n = n;
    let mut small = time(&p, &make(n));
    while small < Duration::from_millis(5) && 16 * make(n).len() <= 12 << 20 {
        n *= 2;
        small = time(&p, &make(n));
    }
    let large = time(&p, &make(8 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(ratio < 24.0, "{what:?}: {n} -> {} repeats took {small:?} -> {large:?} ({ratio:.1}x)", 8 * n);
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
    // In a sentence without end: each direct quote's cue finds its quote's
    // speaker at once, not by a walk over the sentence's quotes.
    linear("“We are ready,” Peskov said, ", 1_000);
    // A report whose content is a direct quote already found: whether it
    // was is known at once, not by a scan of the article's quotes.
    linear("Peskov decided: “we see it.” ", 2_000);
}

#[test]
fn pronouns_after_many_mentions() {
    // `they` after people only, in a sentence without end: the latest
    // group named before it is found at once, not by a walk back over the
    // people.
    linear("Putin said they said ", 1_000);
    // `he` after a sentence of places: the first person named in it is
    // found at once, not by a walk over the places.
    linear_text(
        "places, then `he said`",
        |n| format!("{}Peru met. {}", "Chad and ".repeat(n), "he said ".repeat(n)),
        2_000,
    );
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

/// A made-up surname for each number (`Bakori`, `Tusami`, ...), so that
/// every clause below has actors of its own.
fn surname(mut i: usize) -> String {
    const SYLLABLES: [&str; 10] = ["ba", "ko", "ri", "tu", "me", "sa", "lo", "ne", "vi", "da"];
    let mut s = String::from("Z");
    loop {
        s.push_str(SYLLABLES[i % 10]);
        i /= 10;
        if i == 0 {
            break;
        }
    }
    s
}

/// The serialised records of a sentence without end made of `clause(i)`
/// for i below n, and below 8n: at most 12 times the bytes (8 is linear).
/// Each clause is an event between people of its own, so events do not
/// merge; were each to quote its whole sentence as evidence, the output
/// would grow 64 times.
fn output_linear(clause: impl Fn(usize) -> String, n: usize) {
    let p = Pipeline::builder().build().unwrap();
    let bytes = |n: usize| -> (usize, usize) {
        let article = Article { id: "t".into(), text: (0..n).map(&clause).collect(), ..Default::default() };
        let records = p.records(&article);
        let events = records.iter().filter(|r| r.kind() == gazette_extract::RecordKind::Event).count();
        (records.iter().map(|r| serde_json::to_vec(r).expect("serialises").len()).sum(), events)
    };
    let ((small, few), (large, many)) = (bytes(n), bytes(8 * n));
    assert!(many >= 4 * n, "the test needs an event per clause: {few} and {many} events");
    let ratio = large as f64 / small.max(1) as f64;
    assert!(ratio < 12.0, "{n} -> {} clauses wrote {small} -> {large} bytes ({ratio:.1}x)", 8 * n);
}

#[test]
fn output_of_sentences_without_end_grows_linearly() {
    output_linear(|i| format!("Senator Ana {} attacked Senator Ben {} and ", surname(2 * i), surname(2 * i + 1)), 100);
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

#[test]
fn acronym_definitions() {
    // One organisation defined again and again, and then a new one each time:
    // each definition finds the mention before it and its entity at once.
    linear("officials of the Alpha Beta Group (ABG) met ", 1_000);
    linear_text(
        "distinct acronym definitions",
        |n| (0..n).map(|i| format!("the {} Tusa Lomi (ZTL) and ", surname(i))).collect(),
        500,
    );
}

#[test]
fn sports_results_tables() {
    // Places read as teams, in one paragraph without end, and beside them
    // people of their own.
    linear("Chicago 4 Houston 3, ", 2_000);
    linear_text(
        "results and new names",
        |n| (0..n).map(|i| format!("Chicago 4 Houston 3, said Dr Ana {}, ", surname(i))).collect(),
        500,
    );
}

#[test]
fn introduced_roles() {
    // A role introduced again and again (`Kremlin aide Yuri Ushakov`), and
    // after each places followed by no role: each mention finds whether its
    // entity and role were introduced at once.
    linear("Kremlin aide Yuri Ushakov met Russia, Iran, Chad and Peru. ", 1_000);
}
