//! The pipeline: builder, configuration and per-article processing.

use gazette_tokenizer::{Analysis, Rules, Tokenizer};

use crate::entities::{self, Mention};
use crate::gazetteer::{Gazetteer, GazetteerBuilder};
use crate::record::{ArticleRecord, EntityRecord, ErrorKind, ErrorRecord, MentionRecord, Record, Severity};
use crate::{Article, Date, Error};

/// Articles with more text than this are refused by default (16 MiB).
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 << 20;

/// Builds a [`Pipeline`].
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    max_article_bytes: usize,
    sentence_rules: Option<Rules>,
    default_gazetteer: bool,
    gazetteer_sources: Vec<(String, String)>,
}

impl PipelineBuilder {
    /// Refuse articles whose text is longer than `bytes`
    /// ([`DEFAULT_MAX_ARTICLE_BYTES`] by default). Such articles give
    /// [`Error::TooLarge`]; they are never silently truncated.
    pub fn max_article_bytes(mut self, bytes: usize) -> Self {
        self.max_article_bytes = bytes;
        self
    }

    /// Replace the sentence splitter's word lists (see
    /// `corpora/tokenizer/sentence-words.tsv`), parsed with
    /// [`Rules::parse`].
    pub fn sentence_rules(mut self, rules: Rules) -> Self {
        self.sentence_rules = Some(rules);
        self
    }

    /// Leave out the embedded default gazetteer (use only the sources added
    /// with [`PipelineBuilder::add_gazetteer`]).
    pub fn no_default_gazetteer(mut self) -> Self {
        self.default_gazetteer = false;
        self
    }

    /// Add a gazetteer source: the text of a TSV file in the format of
    /// `corpora/gazetteer/README.md`, named `name` in errors. Sources come
    /// after the default gazetteer in priority.
    pub fn add_gazetteer(mut self, name: impl Into<String>, tsv: impl Into<String>) -> Self {
        self.gazetteer_sources.push((name.into(), tsv.into()));
        self
    }

    /// The pipeline. Builds every table once; the result is `Send + Sync` and
    /// meant to be shared by all threads. Fails on a gazetteer row that
    /// cannot be read ([`Error::Gazetteer`], with file and line).
    pub fn build(self) -> Result<Pipeline, Error> {
        let tokenizer = match self.sentence_rules {
            Some(rules) => Tokenizer::with_rules(rules),
            None => Tokenizer::new(),
        };
        let mut g = GazetteerBuilder::new();
        if self.default_gazetteer {
            g = g.add_default();
        }
        for (name, text) in &self.gazetteer_sources {
            g.add_source(name, text);
        }
        let gazetteer = g.build()?;
        Ok(Pipeline { tokenizer, gazetteer, max_article_bytes: self.max_article_bytes })
    }
}

/// Runs the stages over articles. Holds no per-article state: `process` takes
/// `&self` and may be called from many threads at once.
#[derive(Debug, Clone)]
pub struct Pipeline {
    tokenizer: Tokenizer,
    gazetteer: Gazetteer,
    max_article_bytes: usize,
}

/// Everything the pipeline found in one article.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The article record.
    pub article: ArticleRecord,
    /// Tokens, sentences and paragraphs, with spans into the article text.
    pub analysis: Analysis,
    /// Entities mentioned, in order of first mention.
    pub entities: Vec<EntityRecord>,
    /// Every entity mention, in text order.
    pub mentions: Vec<Mention>,
    /// Problems that did not stop processing (an unreadable date, say).
    pub warnings: Vec<Error>,
}

impl Extraction {
    /// The records of this article in output order: the article record, the
    /// entity records, then one warning record per warning.
    pub fn records(&self) -> Vec<Record> {
        let mut out = vec![Record::Article(self.article.clone())];
        out.extend(self.entities.iter().cloned().map(Record::Entity));
        out.extend(self.warnings.iter().map(|w| Record::Error(w.to_record(&self.article.article_id))));
        out
    }
}

impl Pipeline {
    /// A builder with the defaults.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            sentence_rules: None,
            default_gazetteer: true,
            gazetteer_sources: Vec::new(),
        }
    }

    /// Processes one article. Fails only for articles that cannot be processed
    /// at all (empty text, over the size limit); never panics.
    pub fn process(&self, article: &Article) -> Result<Extraction, Error> {
        let text = article.text.as_str();
        if text.len() > self.max_article_bytes {
            return Err(Error::TooLarge { bytes: text.len(), limit: self.max_article_bytes });
        }
        if text.trim().is_empty() {
            return Err(Error::EmptyText);
        }
        let mut warnings = Vec::new();
        let published = article.published.as_deref().and_then(|p| {
            let d = Date::parse(p);
            if d.is_none() {
                warnings.push(Error::InvalidDate { value: p.to_string() });
            }
            d
        });
        let analysis = self.tokenizer.analyze(text);
        let article = ArticleRecord {
            article_id: article.id.clone(),
            title: article.title.clone(),
            published,
            url: article.url.clone(),
            source: article.source.clone(),
            bytes: text.len(),
            tokens: analysis.tokens.len(),
            sentences: analysis.sentences.iter().map(|s| s.span).collect(),
            paragraphs: analysis.paragraphs.clone(),
        };
        let mentions = entities::find(&self.gazetteer, text, &analysis);
        let entities = self.entity_records(&article, text, &mentions);
        Ok(Extraction { article, analysis, entities, mentions, warnings })
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    fn entity_records(&self, article: &ArticleRecord, text: &str, mentions: &[Mention]) -> Vec<EntityRecord> {
        let mut order: Vec<usize> = Vec::new();
        let mut by_entity: rustc_hash::FxHashMap<usize, Vec<MentionRecord>> = Default::default();
        for m in mentions {
            let list = by_entity.entry(m.entity).or_insert_with(|| {
                order.push(m.entity);
                Vec::new()
            });
            list.push(MentionRecord {
                start: m.span.start,
                end: m.span.end,
                text: m.span.text(text).to_string(),
                kind: m.kind,
                how: m.how,
            });
        }
        order
            .into_iter()
            .map(|e| {
                let entity = &self.gazetteer.entities()[e];
                let actor = entity.actor(article.published);
                EntityRecord {
                    article_id: article.article_id.clone(),
                    entity_id: entity.id.clone(),
                    name: entity.name.clone(),
                    kind: entity.kind,
                    country: actor.country,
                    sector: actor.sector,
                    code: actor.code,
                    mentions: by_entity.remove(&e).unwrap_or_default(),
                }
            })
            .collect()
    }

    /// Like [`Pipeline::process`], with failures turned into an `error`
    /// record: the records of one article, whatever happens.
    pub fn records(&self, article: &Article) -> Vec<Record> {
        match self.process(article) {
            Ok(x) => x.records(),
            Err(e) => vec![Record::Error(e.to_record(&article.id))],
        }
    }
}

impl Error {
    /// The error's stable code in `error` records.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::EmptyText => ErrorKind::EmptyText,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::InvalidDate { .. } => ErrorKind::InvalidDate,
            Error::MalformedJson(_) => ErrorKind::MalformedJson,
            Error::MissingText { .. } => ErrorKind::MissingText,
            Error::Tokenizer(_) => ErrorKind::Unsupported,
            Error::Gazetteer(_) => ErrorKind::Gazetteer,
        }
    }

    /// An `error` record for article `article_id`, with no input position.
    pub fn to_record(&self, article_id: &str) -> ErrorRecord {
        let severity = match self {
            Error::InvalidDate { .. } => Severity::Warning,
            _ => Severity::Error,
        };
        ErrorRecord {
            article_id: article_id.to_string(),
            severity,
            kind: self.kind(),
            message: self.to_string(),
            input: None,
            line: None,
        }
    }
}
