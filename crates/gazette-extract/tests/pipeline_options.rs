//! The builder's switches leave out what they say and nothing else.

use gazette_extract::{Article, Pipeline, Record};

const TEXT: &str = "MOSCOW, Aug 6 (Wire) - Russian President Vladimir Putin and U.S. \
President Donald Trump agreed to meet in the coming days, a Kremlin aide said on Wednesday.\n\n\
\"We have agreed on a venue,\" Yuri Ushakov told reporters. Ukraine accused Russia of \
shelling Kharkiv overnight.";

fn article() -> Article {
    Article { id: "options-1".into(), text: TEXT.into(), published: Some("2025-08-06".into()), ..Article::default() }
}

#[test]
fn without_entity_records_only_the_entity_records_go() {
    let full = Pipeline::builder().build().unwrap().process(&article()).unwrap();
    let lean = Pipeline::builder().entity_records(false).build().unwrap().process(&article()).unwrap();
    assert!(!full.entities.is_empty());
    assert!(lean.entities.is_empty());
    assert_eq!(lean.mentions, full.mentions);
    assert_eq!(lean.new_entities, full.new_entities);
    assert!(!full.quotes.is_empty() && !full.events.is_empty(), "the text must exercise quotes and events");
    assert_eq!(lean.quotes, full.quotes);
    assert_eq!(lean.events, full.events);
    assert_eq!(lean.article, full.article);
}

#[test]
fn without_quote_records_only_the_quote_records_go() {
    let full = Pipeline::builder().build().unwrap().process(&article()).unwrap();
    let lean = Pipeline::builder().quote_records(false).build().unwrap().process(&article()).unwrap();
    assert!(!full.quotes.is_empty());
    assert!(lean.quotes.is_empty());
    // An event told in a quote still names the quote and its speaker.
    assert!(full.events.iter().any(|e| e.attribution.is_some()), "the text must have an event inside a quote");
    assert_eq!(lean.events, full.events);
    assert_eq!(lean.entities, full.entities);
    assert_eq!(lean.mentions, full.mentions);
    assert_eq!(lean.article, full.article);
}

#[test]
fn without_article_details_only_the_title_sentences_and_paragraphs_go() {
    let a = Article {
        title: Some("Putin and Trump to meet".into()),
        url: Some("https://example.com/options-1".into()),
        source: Some("Wire".into()),
        ..article()
    };
    let full = Pipeline::builder().build().unwrap().process(&a).unwrap();
    let lean = Pipeline::builder().article_details(false).build().unwrap().process(&a).unwrap();
    assert!(full.article.title.is_some() && full.article.sentences.len() > 1 && full.article.paragraphs.len() > 1);
    let mut bare = full.article.clone();
    (bare.title, bare.sentences, bare.paragraphs) = (None, Vec::new(), Vec::new());
    assert_eq!(lean.article, bare);
    assert!(!full.events.is_empty() && full.events.iter().all(|e| e.url.is_some() && e.outlet.is_some()));
    assert_eq!(lean.events, full.events);
    assert_eq!(lean.quotes, full.quotes);
    assert_eq!(lean.entities, full.entities);
    assert_eq!(lean.mentions, full.mentions);
    assert_eq!(lean.analysis, full.analysis);
}

#[test]
fn into_records_gives_the_records_in_the_same_order() {
    let x = Pipeline::builder().build().unwrap().process(&article()).unwrap();
    let copied = x.records();
    let kinds: Vec<_> = copied.iter().map(Record::kind).collect();
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "article, entities, quotes, events, errors: {kinds:?}");
    assert_eq!(x.into_records(), copied);
}

#[test]
fn for_each_record_hands_on_the_records_in_the_same_order() {
    let pipeline = Pipeline::builder().build().unwrap();
    let x = pipeline.process(&article()).unwrap();
    let mut handed = Vec::new();
    x.clone().for_each_record(|r| handed.push(r));
    assert!(handed.len() > 2, "{handed:?}");
    assert_eq!(handed, x.into_records());
    // Through the pipeline, for an article that is processed and for one that fails.
    let empty = Article { text: "  ".into(), ..article() };
    for a in [article(), empty] {
        let mut handed = Vec::new();
        pipeline.for_each_record(&a, |r| handed.push(r));
        assert_eq!(handed, pipeline.records(&a));
    }
}

/// The room kept on a thread between articles (the word hashes, the quote
/// stage's buffers) carries nothing over: an article comes out alike
/// before and after a longer one.
#[test]
fn an_article_comes_out_alike_after_a_longer_one_on_the_same_thread() {
    let pipeline = Pipeline::builder().build().unwrap();
    let first = pipeline.records(&article());
    let long = Article { id: "long".into(), text: TEXT.repeat(12), ..article() };
    assert!(pipeline.records(&long).len() > first.len());
    assert_eq!(pipeline.records(&article()), first);
}

/// The quote stage's map of a sentence's quotes by their cue's offset, kept
/// on the thread (and dropped when it grew large), carries nothing over
/// either: a cue at the offset of one in the article before (where it was
/// the second quote's) hands its own speaker on to `adding that`, on a fresh
/// thread and after other articles, one with forty quotes in a sentence.
#[test]
fn a_cue_hands_on_its_speaker_alike_after_other_articles() {
    let pipeline = Pipeline::builder().build().unwrap();
    let rest = "“We will not give up,” Brown said, adding that the talks would go on.";
    // The same number of bytes before `rest`, with a quote and without.
    let before = Article { id: "before".into(), text: format!("“Go,” Jones said. {rest}"), ..article() };
    let after = Article { id: "after".into(), text: format!("The sky is very blue. {rest}"), ..article() };
    assert_eq!(before.text.len(), after.text.len());
    let many: String =
        (0..40).map(|i| format!("“Part {i},” Jones said, adding that it went on, ")).collect::<String>() + "he said.";
    let many = Article { id: "many".into(), text: many, ..article() };
    let fresh = std::thread::scope(|s| s.spawn(|| pipeline.records(&after)).join().unwrap());
    let speakers: Vec<Option<String>> = fresh
        .iter()
        .filter_map(|r| match r {
            Record::Quote(q) => Some(q.speaker.as_ref().map(|s| s.text.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(speakers, [Some("Brown".into()), Some("Brown".into())]);
    std::thread::scope(|s| {
        s.spawn(|| {
            pipeline.records(&before);
            assert_eq!(pipeline.records(&after), fresh);
            assert!(pipeline.records(&many).len() > 40);
            pipeline.records(&before);
            assert_eq!(pipeline.records(&after), fresh);
        })
        .join()
        .unwrap()
    });
}
