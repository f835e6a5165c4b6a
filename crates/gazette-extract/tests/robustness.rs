//! Pathological articles through the whole pipeline: every span is valid,
//! nothing panics, and the work grows linearly: each input is run at sizes
//! n and 4n in the same test, and the larger may take at most ten times as
//! long (four times is linear; a quadratic stage would take sixteen). Time is
//! the thread's CPU time, so that other processes on a busy machine, which
//! delay the test but do not make it work more, do not count.

use std::time::Duration;

use gazette_extract::{Article, Extraction, Pipeline};

fn check(text: &str, x: &Extraction) {
    let ok = |s: usize, e: usize| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    for e in &x.entities {
        for m in &e.mentions {
            assert!(ok(m.start, m.end), "mention span {}..{}", m.start, m.end);
        }
    }
    let mut last = 0;
    for q in &x.quotes {
        let first = q.content.first().expect("a quote has content");
        assert!(first.start >= last, "quotes are in text order");
        last = first.start;
        for c in &q.content {
            assert!(ok(c.start, c.end) && text[c.start..c.end] == c.text, "content span {}..{}", c.start, c.end);
        }
        if let Some(c) = &q.cue {
            assert!(ok(c.start, c.end));
        }
        if let Some(s) = &q.speaker {
            assert!(ok(s.start, s.end));
        }
    }
    for e in &x.events {
        assert!(ok(e.trigger.start, e.trigger.end) && text[e.trigger.start..e.trigger.end] == e.trigger.text);
        assert!(ok(e.sentence.start, e.sentence.end));
        assert!(e.sentence.start <= e.trigger.start && e.trigger.end <= e.sentence.end, "trigger in its sentence");
        for a in e.source.iter().chain(&e.target) {
            assert!(ok(a.start, a.end) && text[a.start..a.end] == a.text, "actor span {}..{}", a.start, a.end);
        }
        if let Some(t) = &e.time {
            assert!(ok(t.start, t.end) && text[t.start..t.end] == t.text);
        }
        for q in &e.quantities {
            assert!(ok(q.start, q.end) && text[q.start..q.end] == q.text);
        }
        assert!(!e.mentions.is_empty());
    }
}

/// The least CPU time of three runs.
fn time(p: &Pipeline, text: &str) -> Duration {
    let article = Article { id: "t".into(), text: text.into(), ..Default::default() };
    (0..3)
        .map(|_| {
            let t = cpu_time::ThreadTime::now();
            let x = p.process(&article).expect("processed");
            let d = t.elapsed();
            check(text, &x);
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

/// A small deterministic generator (xorshift), so that the random articles
/// below are the same on every run and a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn random_articles_keep_every_promise() {
    // Pieces of news copy and of its dirt: names, titles, triggers, cues,
    // dates, amounts, quote marks, odd characters and line ends.
    const PIECES: [&str; 48] = [
        "Russia",
        "Ukraine",
        "the Kremlin",
        "Vladimir Putin",
        "Donald Trump",
        "President",
        "Russian",
        "U.S.",
        "Kyiv",
        "NATO",
        "said",
        "told reporters",
        "according to",
        "attacked",
        "held talks with",
        "imposed sanctions on",
        "rejected",
        "calls for",
        "will",
        "not",
        "must",
        "refused to",
        "on Wednesday",
        "last week",
        "August 6",
        "$200 million",
        "25 percent",
        "12 people",
        "and",
        "that",
        "he",
        "it",
        "'s",
        "’s",
        ",",
        ".",
        ":",
        ";",
        "“",
        "”",
        "\"",
        "'",
        "—",
        "-",
        "\n",
        "\n\n",
        "\r\n",
        "\u{200b}\u{202e}\0é",
    ];
    let p = Pipeline::builder().build().unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in 0..300 {
        let len = 1 + rng.next() % 120;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(rng.pick(&PIECES));
            if rng.next() % 3 != 0 {
                text.push(' ');
            }
        }
        let article = Article {
            id: format!("r{n}"),
            text: text.clone(),
            published: Some("2025-08-07".into()),
            ..Default::default()
        };
        let Ok(x) = p.process(&article) else { continue };
        check(&text, &x);
        // The same article again gives the same records.
        let again = p.process(&article).unwrap();
        assert_eq!(x.records(), again.records(), "records differ on a second run of article {n}: {text:?}");
    }
}
