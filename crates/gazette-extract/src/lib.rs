//! The gazette pipeline: articles in, typed records out.
//!
//! [`Pipeline`] runs the stages over one [`Article`] at a time and returns
//! typed [`Record`]s. For now the stages are tokenization and sentence
//! splitting ([`gazette_tokenizer`]), and the records are `article` and
//! `error`; entities, quotes and events plug in here next. The crate does no
//! I/O, prints nothing and keeps no global state: the caller (the `gazette`
//! CLI, or your code) owns files, threads and output.
//!
//! All spans are byte offsets into [`Article::text`], on char boundaries.
//! The wire format of the records, `gazette/1`, is documented in the
//! project's `docs/schema.md`.
//!
//! # Example
//!
//! ```
//! use gazette_extract::{Article, Pipeline, Record};
//!
//! let pipeline = Pipeline::builder().build()?;
//! let article = Article {
//!     id: "a1".into(),
//!     text: "KYIV (Example Wire) - Talks resumed on Monday. Both sides said progress was made.".into(),
//!     published: Some("2025-08-06".into()),
//!     ..Article::default()
//! };
//! let x = pipeline.process(&article)?;
//! assert_eq!(x.article.sentences.len(), 2);
//! assert_eq!(x.article.published.unwrap().to_string(), "2025-08-06");
//! let first = x.article.sentences[0];
//! assert_eq!(&article.text[first.start..first.end], "KYIV (Example Wire) - Talks resumed on Monday.");
//!
//! let line = serde_json::to_string(&Record::Article(x.article))?;
//! assert!(line.starts_with(r#"{"type":"article","article_id":"a1""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod article;
mod date;
mod entities;
mod fold;
mod gazetteer;
mod names;
mod pipeline;
mod quotes;
mod record;

pub use article::Article;
pub use date::Date;
pub use entities::{EntityRef, MatchHow, Mention, NewEntity};
pub use gazette_tokenizer as tokenizer;
pub use gazetteer::{
    Actor, CaseRule, DEFAULT_GAZETTEER, Entity, EntityKind, Gazetteer, GazetteerBuilder, PartialDate, Problem, Role,
};
pub use pipeline::{DEFAULT_MAX_ARTICLE_BYTES, Extraction, Pipeline, PipelineBuilder};
pub use quotes::{Cue, DEFAULT_CUES, DEFAULT_SPEAKER_NOUNS, Quote, QuoteKind, Resolution, Speaker};
pub use record::{
    ArticleRecord, CueRecord, EntityRecord, ErrorKind, ErrorRecord, MentionRecord, QuoteRecord, Record, RecordKind,
    SCHEMA_VERSION, Severity, SpeakerRecord, TextSpan,
};

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
    /// The quote cue lexicon could not be read: `FILE:LINE: message`.
    #[error("cue lexicon: {0}")]
    Lexicon(String),
}
