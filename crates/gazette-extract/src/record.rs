//! Output records: the `gazette/4` wire format, documented in `docs/schema.md`.

use gazette_tokenizer::Span;
use serde::Serialize;
use smol_str::SmolStr;

use crate::Date;
use crate::entities::MatchHow;
use crate::events::{EventType, Modality, QuadClass};
use crate::gazetteer::EntityKind;
use crate::quotes::{QuoteKind, Resolution};

/// The version string of the record schema.
pub const SCHEMA_VERSION: &str = "gazette/4";

/// One output record; serialises as one JSON object with `"type"` first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
// Event records are the largest; boxing them would add an allocation to each
// record for no gain, as records are built once and written.
#[allow(clippy::large_enum_variant)]
pub enum Record {
    /// One per successfully processed article.
    Article(ArticleRecord),
    /// One per entity mentioned in an article.
    Entity(EntityRecord),
    /// One per quotation.
    Quote(QuoteRecord),
    /// One per event (an event told twice in an article is one record).
    Event(EventRecord),
    /// Something went wrong with an input or an article.
    Error(ErrorRecord),
}

impl Record {
    /// The record's kind, as in `"type"`.
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Article(_) => RecordKind::Article,
            Record::Entity(_) => RecordKind::Entity,
            Record::Quote(_) => RecordKind::Quote,
            Record::Event(_) => RecordKind::Event,
            Record::Error(_) => RecordKind::Error,
        }
    }
}

/// The kinds of record, for choosing what to emit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// `article` records.
    Article,
    /// `entity` records.
    Entity,
    /// `quote` records.
    Quote,
    /// `event` records.
    Event,
    /// `error` records.
    Error,
}

/// Structure of one article: its metadata, sentences and paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRecord {
    /// The article's id.
    pub article_id: String,
    /// Headline, if given.
    pub title: Option<String>,
    /// Publication date, if given and valid.
    pub published: Option<Date>,
    /// URL, if given.
    pub url: Option<String>,
    /// Outlet, if given.
    pub source: Option<String>,
    /// Length of the text in bytes.
    pub bytes: usize,
    /// Number of tokens.
    pub tokens: usize,
    /// Sentence spans, in text order.
    pub sentences: Vec<Span>,
    /// Paragraph spans, in text order.
    pub paragraphs: Vec<Span>,
}

/// An entity mentioned in an article, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRecord {
    /// The article's id.
    pub article_id: SmolStr,
    /// The gazetteer id: `gpe:RUS`, `person:vladimir-putin`.
    pub entity_id: SmolStr,
    /// Canonical name.
    pub name: SmolStr,
    /// PERSON, ORG, GPE, LOC or NORP.
    pub kind: EntityKind,
    /// ISO alpha-3 country (or an organisation's acronym for an IGO role) on
    /// the article's date.
    pub country: Option<SmolStr>,
    /// PLOVER sector on the article's date.
    pub sector: Option<SmolStr>,
    /// CAMEO-style actor code: country and sector run together (`USAGOV`).
    pub code: Option<SmolStr>,
    /// Every mention, in text order.
    pub mentions: Vec<MentionRecord>,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text of the mention.
    pub text: SmolStr,
    /// The mention's kind: the entity's, or NORP for a demonym.
    pub kind: EntityKind,
    /// How it was found.
    #[serde(rename = "match")]
    pub how: MatchHow,
}

/// A quotation: who said what, with the cue that says so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRecord {
    /// The article's id.
    pub article_id: String,
    /// `ARTICLE_ID#qN`, numbered from 1 in text order.
    pub quote_id: SmolStr,
    /// `direct`, `mixed`, `partial` or `indirect`.
    pub kind: QuoteKind,
    /// The quoted or reported words; a split quote has several spans.
    pub content: Vec<TextSpan>,
    /// The reporting verb, phrase or noun, if any.
    pub cue: Option<CueRecord>,
    /// Who said it, if found.
    pub speaker: Option<SpeakerRecord>,
}

/// A span of the article text with its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// The cue of a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CueRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The cue as written.
    pub text: String,
    /// Its base form (`said` -> `say`), from the cue lexicon.
    pub lemma: std::borrow::Cow<'static, str>,
}

/// The speaker of a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerRecord {
    /// First byte of the speaker's words.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The speaker's words: a name, a pronoun or a phrase.
    pub text: String,
    /// The entity's id, when resolved.
    pub entity_id: Option<String>,
    /// The entity's canonical name, when resolved.
    pub name: Option<String>,
    /// How the entity was found: `name`, `alias`, `pronoun`, `nominal` or `none`.
    pub resolution: Resolution,
}

/// An event: who did what to whom, when, where, how much, and who said so.
/// Self-contained: it repeats the article's id, URL, date and outlet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// The article's id.
    pub article_id: SmolStr,
    /// The article's URL, if given.
    pub url: Option<String>,
    /// The article's publication date, if given and valid.
    pub published: Option<Date>,
    /// The article's outlet (its `source` field), if given.
    pub outlet: Option<String>,
    /// `ARTICLE_ID#eN`, numbered from 1 in text order.
    pub event_id: SmolStr,
    /// The PLOVER event type.
    pub event_type: EventType,
    /// For an action promised (AGREE), threatened (THREATEN) or demanded
    /// (REQUEST): the action's own type (`X will withdraw` -> AGREE with
    /// action RETREAT). Null otherwise.
    pub action_type: Option<EventType>,
    /// The PLOVER mode, if the trigger gives one.
    pub mode: Option<SmolStr>,
    /// The closest CAMEO code.
    pub cameo: SmolStr,
    /// PLOVER quad class.
    pub quad_class: QuadClass,
    /// PLOVER conflict-cooperation score of the type and mode, -10 to +10.
    pub intensity: f32,
    /// The trigger words (first telling).
    pub trigger: TriggerRecord,
    /// The sentence of the first telling.
    pub sentence: SentenceRef,
    /// Who did it: one or more actors (`Trump and Putin agreed`).
    pub source: Vec<ActorRecord>,
    /// To whom.
    pub target: Vec<ActorRecord>,
    /// When, if the clause says.
    pub time: Option<TimeRecord>,
    /// Where, if the clause says.
    pub location: Option<PlaceRecord>,
    /// Amounts in the clause: money, percentages, counts.
    pub quantities: Vec<QuantityRecord>,
    /// `asserted`, `future`, `possible`, `negated`, `conditional` or `requested`.
    pub modality: Modality,
    /// Whether the text denies the event (`did not sign`, `refused to meet`).
    pub negated: bool,
    /// The quote the event is told in, if any.
    pub attribution: Option<AttributionRecord>,
    /// The text of the sentence of the first telling.
    pub evidence: String,
    /// Every telling of the event in the article, in text order.
    pub mentions: Vec<EventMention>,
    /// How many times the article tells the event (the length of `mentions`).
    pub mention_count: usize,
}

/// A trigger: its words and the lexicon's base form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriggerRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The trigger as written.
    pub text: SmolStr,
    /// Its base form in the trigger lexicon (`held talks with` -> `hold talks with`).
    pub lemma: SmolStr,
}

/// A sentence of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SentenceRef {
    /// Index in the article record's `sentences`.
    pub index: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One telling of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EventMention {
    /// Trigger's first byte.
    pub start: usize,
    /// One past the trigger's last byte.
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
}

/// An actor of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRecord {
    /// The entity's id.
    pub entity_id: SmolStr,
    /// Its canonical name.
    pub name: SmolStr,
    /// The actor's words: the mention, and a sector noun after it
    /// (`Russian troops`).
    pub text: SmolStr,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// ISO alpha-3 country (or IGO acronym) on the article's date.
    pub country: Option<SmolStr>,
    /// PLOVER sector: the entity's on the article's date, or the sector noun's.
    pub sector: Option<SmolStr>,
    /// CAMEO-style actor code: country and sector run together (`USAGOV`).
    pub code: Option<SmolStr>,
    /// Present and true when the actor is inferred, not named as this
    /// event's actor (the government a protest is held against).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

/// A time expression, resolved against the publication date when there is one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeRecord {
    /// The words (`on Wednesday`, `in the coming days`).
    pub text: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The date, or the first day of a week, month, year or range.
    pub date: Option<Date>,
    /// The last day of a week, month, year or range.
    pub end_date: Option<Date>,
    /// `day`, `week`, `month`, `year` or `range`; null when unresolved.
    pub precision: Option<crate::timex::Precision>,
}

/// A place mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRecord {
    /// The entity's id.
    pub entity_id: SmolStr,
    /// Its canonical name.
    pub name: SmolStr,
    /// The mention.
    pub text: SmolStr,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Its country.
    pub country: Option<SmolStr>,
}

/// An amount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityRecord {
    /// `money`, `percent` or `count`.
    pub kind: crate::quantity::QuantityKind,
    /// The number, multipliers applied (`$200 million` -> 200000000).
    pub value: f64,
    /// ISO 4217 currency for money; the counted noun for counts.
    pub unit: Option<&'static str>,
    /// The words.
    pub text: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The quote an event is told in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributionRecord {
    /// The quote's id.
    pub quote_id: SmolStr,
    /// The speaker's words, if found.
    pub speaker: Option<String>,
    /// The speaker's entity, when resolved.
    pub entity_id: Option<String>,
}

/// How bad an error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The article, or a whole input, produced no other records.
    Error,
    /// The article was processed, but something in it was ignored (an
    /// invalid date, say).
    Warning,
}

/// What kind of problem an error record reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input is not valid UTF-8.
    InvalidUtf8,
    /// A JSON line or file could not be parsed as an article.
    MalformedJson,
    /// The article has no `text`, `body` or `content` field.
    MissingText,
    /// The article's text is empty or only whitespace.
    EmptyText,
    /// The article or line is over the size limit; nothing of it was processed.
    TooLarge,
    /// A compressed input ended early or is corrupt.
    Compression,
    /// A file or directory could not be read.
    Io,
    /// A file type gazette does not read.
    Unsupported,
    /// The publication date could not be read; the article was processed
    /// without it.
    InvalidDate,
    /// A gazetteer file could not be used.
    Gazetteer,
}

/// An error record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorRecord {
    /// The article's id when known, otherwise `FILE:LINE` or the file's path.
    pub article_id: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// What went wrong, as a stable code.
    pub kind: ErrorKind,
    /// What went wrong, for people.
    pub message: String,
    /// The input file (`-` for standard input), when the error came from one.
    pub input: Option<String>,
    /// 1-based line in the input, for line-oriented inputs.
    pub line: Option<u64>,
}
