//! The gazette pipeline: articles in, typed records out.
//!
//! [`Pipeline`] runs the stages over one [`Article`] at a time and returns an
//! [`Extraction`] of typed records: tokens, sentences and paragraphs
//! ([`gazette_tokenizer`]), entities linked to the gazetteer or found by name
//! patterns, quotations with their cue and speaker, and PLOVER-typed events
//! with actors, time, place, amounts, modality and attribution.
//! The crate does no I/O, prints nothing and keeps no global state: the
//! caller (the `gazette` CLI, or your code) owns files, threads and output.
//!
//! All spans are byte offsets into [`Article::text`], on char boundaries.
//! The wire format of the records, `gazette/4`, is documented in the
//! project's `docs/schema.md`.
//!
//! # Example
//!
//! ```
//! use gazette_extract::{Article, Pipeline, QuoteKind, Record};
//!
//! let pipeline = Pipeline::builder().build()?;
//! let article = Article {
//!     id: "a1".into(),
//!     text: "KYIV (Example Wire) - Talks resumed on Monday. “We are ready,” Dmitry Peskov said.".into(),
//!     published: Some("2025-08-06".into()),
//!     ..Article::default()
//! };
//! let x = pipeline.process(&article)?;
//! assert_eq!(x.article.sentences.len(), 2);
//! let first = x.article.sentences[0];
//! assert_eq!(&article.text[first.start..first.end], "KYIV (Example Wire) - Talks resumed on Monday.");
//!
//! let quote = &x.quotes[0];
//! assert_eq!(quote.kind, QuoteKind::Direct);
//! assert_eq!(quote.content[0].text, "We are ready");
//! let speaker = quote.speaker.as_ref().unwrap();
//! assert_eq!(speaker.entity_id.as_deref(), Some("person:dmitry-peskov"));
//!
//! let line = serde_json::to_string(&Record::Quote(quote.clone()))?;
//! assert!(line.starts_with(r#"{"type":"quote","article_id":"a1","quote_id":"a1#q1""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Events: who did what to whom, when, and how much.
//!
//! ```
//! use gazette_extract::{Article, EventType, Pipeline};
//!
//! let pipeline = Pipeline::builder().build()?;
//! let article = Article {
//!     id: "a2".into(),
//!     text: "The United States on Tuesday approved $200 million in military aid to Ukraine.".into(),
//!     published: Some("2025-08-07".into()),
//!     ..Article::default()
//! };
//! let x = pipeline.process(&article)?;
//! let e = &x.events[0];
//! assert_eq!(e.event_type, EventType::Aid);
//! assert_eq!(e.source[0].country.as_deref(), Some("USA"));
//! assert_eq!(e.target[0].country.as_deref(), Some("UKR"));
//! assert_eq!(e.time.as_ref().and_then(|t| t.date).map(|d| d.to_string()).as_deref(), Some("2025-08-05"));
//! assert_eq!(e.quantities[0].value, 200_000_000.0);
//! assert_eq!(e.quantities[0].unit, Some("USD"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod article;
mod date;
mod entities;
mod events;
mod fold;
mod gazetteer;
mod names;
mod pipeline;
mod quantity;
mod quotes;
mod record;
mod timex;
mod trie;
mod tsv;

pub use article::Article;
pub use date::Date;
pub use entities::{EntityRef, MatchHow, Mention, NewEntity};
pub use events::{DEFAULT_PLOVER_TABLE, DEFAULT_SECTOR_NOUNS, DEFAULT_TRIGGERS, EventType, Modality, QuadClass};
pub use gazette_tokenizer as tokenizer;
pub use gazetteer::{
    Actor, CaseRule, DEFAULT_GAZETTEER, Entity, EntityKind, Gazetteer, GazetteerBuilder, PartialDate, Problem, Role,
};
pub use pipeline::{DEFAULT_MAX_ARTICLE_BYTES, Extraction, MAX_EVIDENCE_BYTES, Pipeline, PipelineBuilder};
pub use quantity::QuantityKind;
pub use quotes::{DEFAULT_CUES, DEFAULT_SPEAKER_NOUNS, QuoteKind, Resolution};
pub use record::{
    ActorRecord, ArticleRecord, AttributionRecord, CueRecord, EntityRecord, ErrorKind, ErrorRecord, EventMention,
    EventRecord, MentionRecord, PlaceRecord, QuantityRecord, QuoteRecord, Record, RecordKind, SCHEMA_VERSION,
    SentenceRef, Severity, SpeakerRecord, TextSpan, TimeRecord, TriggerRecord,
};
pub use smol_str::SmolStr;
pub use timex::Precision;

/// The one error type of this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The article's text is empty or only whitespace.
    #[error("the article's text is empty")]
    EmptyText,
    /// The article's text is over the configured limit.
    #[error("the article's text is {bytes} bytes, over the limit of {limit} bytes; it was not processed")]
    TooLarge {
        /// Size of the text.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The publication date is neither `YYYY-MM-DD` nor RFC 3339.
    #[error("unreadable publication date {value:?} (expected YYYY-MM-DD or RFC 3339); processed without a date")]
    InvalidDate {
        /// The value as given.
        value: String,
    },
    /// The input is not a JSON object of the expected shape.
    #[error("malformed JSON article: {0}")]
    MalformedJson(String),
    /// The article object has no text field.
    #[error("article {id:?} has no `text`, `body` or `content` field")]
    MissingText {
        /// The article's id.
        id: String,
    },
    /// A sentence word list could not be read.
    #[error(transparent)]
    Tokenizer(#[from] gazette_tokenizer::Error),
    /// A gazetteer source could not be read: `FILE:LINE: message`.
    #[error("gazetteer: {0}")]
    Gazetteer(String),
    /// The quote cue lexicon or the event trigger lexicon could not be
    /// read: `FILE:LINE: message`.
    #[error("lexicon: {0}")]
    Lexicon(String),
}
