//! The quote stage: direct, mixed, partial and reported quotations, each with
//! its cue and its speaker resolved to an entity where possible.
//!
//! The stage works on tokens, sentences and entity mentions; it never looks
//! at a token more than a bounded number of times, so it runs in linear time:
//! quote marks are paired in one pass per paragraph, cues are looked up once
//! per word, and every search for a speaker or a clause boundary is bounded
//! by a small window or by the sentence.

use gazette_tokenizer::{Analysis, QuoteDir, QuoteStyle, Sentence, Span, Token, TokenKind};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::entities::{EntityRef, MatchHow, Mention};
use crate::fold::{Bloom, word_hash};
use crate::gazetteer::EntityKind;
use crate::{Error, pipeline::end_token};

/// The embedded cue lexicon (`corpora/quotes/cues.tsv`).
pub const DEFAULT_CUES: &str = include_str!("../../../corpora/quotes/cues.tsv");
/// The embedded speaker nouns (`corpora/quotes/speakers.txt`).
pub const DEFAULT_SPEAKER_NOUNS: &str = include_str!("../../../corpora/quotes/speakers.txt");

/// What kind of quotation a [`QuoteRecord`](crate::QuoteRecord) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Words in quote marks attributed by a cue: `“We are ready,” Peskov said.`
    Direct,
    /// Reported speech that quotes some words: `Trump said there was a “very good prospect”.`
    Mixed,
    /// A quoted phrase with no attribution in its sentence (a scare quote).
    Partial,
    /// Reported speech without quote marks: `Ushakov said a summit could take place.`
    Indirect,
}

/// How a quote's speaker was tied to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The speaker is written with the entity's canonical name.
    Name,
    /// Another name of the entity: a surname, an alias, an acronym.
    Alias,
    /// A pronoun (`he`, `she`, `they`, `it`), resolved to an earlier entity.
    Pronoun,
    /// A descriptive phrase (`the Kremlin aide`, `a White House spokesman`)
    /// tied to the entity it names or was introduced as.
    Nominal,
    /// The speaker phrase was found but is tied to no entity (`analysts`).
    None,
}

/// The cue of a quote: the reporting verb, phrase or noun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cue {
    /// Where it is.
    pub span: Span,
    /// Its entry in the cue lexicon, for the base form (`said` -> `say`).
    pub entry: u32,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Speaker {
    /// The speaker's words in the text: a name, a pronoun or a phrase.
    pub span: Span,
    /// The entity, when resolved.
    pub entity: Option<EntityRef>,
    /// How the entity was found.
    pub resolution: Resolution,
}

/// One quotation, before it becomes a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quote {
    /// Direct, mixed, partial or indirect.
    pub kind: QuoteKind,
    /// The quoted or reported words: one span, or several for a split quote
    /// (`“A,” he said. “B.”`) or a quote over several paragraphs. Quote marks
    /// around direct content are not part of it.
    pub content: Vec<Span>,
    /// The cue, if any (partial quotes have none).
    pub cue: Option<Cue>,
    /// The speaker, if found.
    pub speaker: Option<Speaker>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueClass {
    /// Speaker is the subject, content follows: `said`, `warned`.
    Verb,
    /// Like `Verb`, with an object before the content: `told reporters`.
    VerbObj,
    /// A position, wish or plan: `called for`, `urged`; the content is the
    /// rest of the clause, with or without `that`.
    Stance,
    /// `according to X`: the speaker follows.
    SpeakerAfter,
    /// `quoted him as saying`: the speaker is the object before it.
    AsSaying,
    /// Frames such as `in a statement`: part of an attribution, never one alone.
    Frame,
    /// `X's remark that ...`.
    Noun,
}

#[derive(Debug, Clone)]
struct CueEntry {
    /// The first word.
    first: &'static str,
    /// Words after the first.
    rest: Vec<&'static str>,
    /// Where the [`word_hash`] of `first` and of each word of `rest` start in
    /// [`CueLexicon::hashes`]: equal for a word that is the same but for
    /// ASCII case, so they are compared before the words.
    at: u32,
    lemma: &'static str,
    class: CueClass,
    /// An `-ing` form (`adding`), whose subject comes from an earlier clause.
    participle: bool,
}

/// The cue lexicon and speaker nouns, built once and shared.
#[derive(Debug, Clone)]
pub(crate) struct CueLexicon {
    /// Entries by [`key`] of their first word, or first two words, or first
    /// three words (for entries of three words or more).
    first: FxHashMap<u64, Vec<u32>>,
    /// A filter before the table: the hash of each cue's first word, and 0
    /// (the hash [`find`] is given for tokens that are not words).
    bloom: Bloom,
    /// The same as `bloom` for the first words of multiword cues.
    multi_bloom: Bloom,
    /// The [`key`] of the first two words of each cue of three words or more.
    long_bloom: Bloom,
    /// Every key of `first`: most keys looked up (`in the`, `in`) are
    /// none, and this settles them without a lookup.
    keys: Bloom,
    entries: Vec<CueEntry>,
    /// The entries' word hashes, one run per entry (see [`CueEntry::at`]).
    hashes: Vec<u64>,
    /// [`class`] bits by [`word_hash`] of the lowercase word.
    classes: FxHashMap<u64, u16>,
    /// The [`word_hash`] of `that`, which a word must have to be `that`.
    that: u64,
}

impl CueLexicon {
    /// The base form of entry `e`.
    pub(crate) fn lemma(&self, e: u32) -> &'static str {
        self.entries[e as usize].lemma
    }

    pub(crate) fn embedded() -> Result<Self, Error> {
        Self::parse(DEFAULT_CUES, DEFAULT_SPEAKER_NOUNS)
    }

    pub(crate) fn parse(cues: &'static str, speakers: &str) -> Result<Self, Error> {
        let mut lex = CueLexicon {
            first: Default::default(),
            bloom: Bloom::default(),
            multi_bloom: Bloom::default(),
            long_bloom: Bloom::default(),
            keys: Bloom::default(),
            entries: Vec::new(),
            hashes: Vec::new(),
            classes: Default::default(),
            that: word_hash(b"that"),
        };
        for (n, line) in crate::tsv::lines(cues) {
            let bad = |what: &str| Error::Lexicon(format!("cues.tsv:{n}: {what}"));
            let Some([surface, lemma, class]) = crate::tsv::fields(line) else {
                return Err(bad("expected SURFACE<TAB>LEMMA<TAB>CLASS"));
            };
            let mut words = crate::tsv::split(surface, b' ');
            let first = words.next().filter(|w| !w.is_empty()).ok_or_else(|| bad("empty surface"))?;
            let rest: Vec<&'static str> = words.collect();
            let class = match class {
                "verb" => CueClass::Verb,
                "verbobj" => CueClass::VerbObj,
                "noun" => CueClass::Noun,
                "stance" => CueClass::Stance,
                "phrase" => phrase_class(surface, lemma),
                _ => return Err(bad("class must be verb, verbobj, stance, phrase or noun")),
            };
            let participle = rest.is_empty() && first.ends_with("ing") && class != CueClass::Noun;
            let h = word_hash(first.as_bytes());
            let at = lex.hashes.len() as u32;
            lex.hashes.push(h);
            lex.hashes.extend(rest.iter().map(|r| word_hash(r.as_bytes())));
            lex.bloom.insert(h);
            if !rest.is_empty() {
                lex.multi_bloom.insert(h);
            }
            // Multiword entries are keyed by their first two words, longer
            // ones by their first three (`in a statement`, `in a phone
            // interview`: `in a` alone would lead to a long list).
            let key = lex.hashes[at as usize + 1..][..rest.len().min(2)].iter().fold(h, |k, &w| key(k, Some(w)));
            if rest.len() >= 2 {
                lex.long_bloom.insert(self::key(h, Some(lex.hashes[at as usize + 1])));
            }
            lex.keys.insert(key);
            lex.first.entry(key).or_default().push(lex.entries.len() as u32);
            lex.entries.push(CueEntry { first, rest, at, lemma, class, participle });
        }
        if lex.entries.len() >= usize::from(NO_CUE) {
            return Err(Error::Lexicon(format!("cues.tsv: more than {} cues", NO_CUE - 1)));
        }
        lex.bloom.insert(0);
        // Longest entries first, so `according to` wins over a shorter one.
        for list in lex.first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(lex.entries[i as usize].rest.len()));
        }
        for line in speakers.lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                *lex.classes.entry(word_hash(w.as_bytes())).or_default() |= class::SPEAKER;
            }
        }
        let lists: [(&[&str], u16); 10] = [
            (&SKIP_BEFORE_CUE, class::SKIP),
            (&FUNCTION_WORDS, class::FUNCTION),
            (&DETERMINERS, class::DET),
            (&SUBJECT_PRONOUNS, class::SUBJ),
            (&OBJECT_PRONOUNS, class::OBJ),
            (&crate::timex::DAY_WORDS, class::TIME),
            (&PERIOD_WORDS, class::TIME),
            (&NOT_CONTENT_START, class::NOT_START),
            (&AUDIENCE, class::AUDIENCE),
            (&MODALS, class::MODAL),
        ];
        for (list, bit) in lists {
            for w in list {
                *lex.classes.entry(word_hash(w.as_bytes())).or_default() |= bit;
            }
        }
        Ok(lex)
    }
}

/// Key of one or two words in the cue table.
fn key(first: u64, second: Option<u64>) -> u64 {
    match second {
        Some(s) => (first.rotate_left(17) ^ s ^ 0x5555).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        None => first,
    }
}

/// How a multiword phrase behaves.
fn phrase_class(surface: &str, lemma: &str) -> CueClass {
    if matches!(lemma, "according to" | "as reported by" | "in the words of") {
        CueClass::SpeakerAfter
    } else if surface.starts_with("as ") || surface.ends_with(" as saying") || surface.starts_with("heard ") {
        CueClass::AsSaying
    } else if surface.starts_with("in ")
        || surface.starts_with("at ")
        || ["anonym", "identified", "named", "concern"].iter().any(|s| surface.contains(s))
    {
        CueClass::Frame
    } else {
        CueClass::Verb
    }
}

/// Whether token `t` of `text` is `w` but for ASCII case (most words are
/// written as the lexicon writes them: that is tried first).
fn same_word(text: &str, t: &Token, w: &str) -> bool {
    let b = &text.as_bytes()[t.span.start..t.span.end];
    b == w.as_bytes() || b.eq_ignore_ascii_case(w.as_bytes())
}

/// `'s` or `’s`, as written.
fn possessive_s(word: &[u8]) -> bool {
    word == b"'s" || word == "’s".as_bytes()
}

fn is_any(word: &[u8], list: &[&str]) -> bool {
    list.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

const SUBJECT_PRONOUNS: [&str; 5] = ["he", "she", "they", "it", "we"];
const OBJECT_PRONOUNS: [&str; 6] = ["him", "her", "them", "it", "us", "me"];
const DETERMINERS: [&str; 18] = [
    "a", "an", "the", "two", "three", "four", "several", "some", "many", "other", "one", "his", "her", "their", "its",
    "another", "both", "most",
];
/// Words that may sit between a speaker and the cue: `Trump has also said`
/// (with time words, [`crate::timex::DAY_WORDS`] and [`PERIOD_WORDS`]:
/// `Peskov on Wednesday told`).
const SKIP_BEFORE_CUE: [&str; 26] = [
    "has",
    "have",
    "had",
    "also",
    "repeatedly",
    "previously",
    "again",
    "already",
    "later",
    "earlier",
    "recently",
    "once",
    "then",
    "now",
    "often",
    "publicly",
    "privately",
    "separately",
    "reportedly",
    "allegedly",
    "further",
    "first",
    "last",
    "was",
    "is",
    "flatly",
];
/// Classes of the closed word lists, as bits, looked up once per token.
mod class {
    pub const SKIP: u16 = 1;
    pub const FUNCTION: u16 = 2;
    pub const DET: u16 = 4;
    pub const SUBJ: u16 = 8;
    pub const OBJ: u16 = 16;
    pub const TIME: u16 = 32;
    pub const NOT_START: u16 = 64;
    pub const AUDIENCE: u16 = 128;
    pub const SPEAKER: u16 = 256;
    pub const MODAL: u16 = 512;
    /// Not a word class: a mention covers the token (`States` in `United
    /// States` is no cue). Kept with the classes, so that [`super::Tok`] stays
    /// small; no lookup asks for it.
    pub const IN_MENTION: u16 = 0x4000;
    /// Not a word class either: a cue that a quote has taken (see
    /// [`super::Ctx::take_cue`]).
    pub const USED_CUE: u16 = 0x2000;
    /// The bits that are not word classes.
    pub const FLAGS: u16 = IN_MENTION | USED_CUE;
    /// Not looked up yet.
    pub const UNKNOWN: u16 = 0x8000;
}

/// [`Tok::cue`] of a token where no cue starts.
const NO_CUE: u16 = u16::MAX;

/// Modal verbs and `to` before a verb: `would announce`, `to say`.
const MODALS: [&str; 10] = ["would", "will", "could", "should", "may", "might", "must", "can", "to", "cannot"];

/// Words that never end a speaker phrase.
const FUNCTION_WORDS: [&str; 45] = [
    "that", "which", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "as", "it", "this", "is",
    "was", "be", "been", "are", "were", "not", "if", "when", "while", "so", "than", "then", "what", "how", "why",
    "where", "there", "here", "i", "you", "me", "us", "him", "them", "also", "just", "only", "even",
];
/// Reporting verbs that plainly report speech without `that`: `Peskov said
/// talks went well`. Inside another report's clause, other verbs with an
/// object are part of that clause.
const BARE_CLAUSE: [&str; 16] = [
    "say", "tell", "add", "write", "claim", "warn", "insist", "argue", "believe", "think", "predict", "suggest",
    "report", "estimate", "tweet", "post",
];
/// How many recent speakers pronoun resolution looks at (a bound that keeps
/// it linear; three sentences rarely hold more).
const HISTORY: usize = 32;
/// With [`crate::timex::DAY_WORDS`], the time words an adverbial after a cue
/// is made of.
const PERIOD_WORDS: [&str; 7] = ["week", "month", "year", "morning", "afternoon", "evening", "night"];
/// Words that cannot start the content after a cue.
const NOT_CONTENT_START: [&str; 20] = [
    "in",
    "on",
    "at",
    "during",
    "last",
    "before",
    "after",
    "when",
    "while",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "by",
    "since",
    "until",
    "once",
    "because",
    "although",
];
/// Labels before a colon that are not speakers.
const LABEL_NOT_SPEAKER: [&str; 24] = [
    "update",
    "updated",
    "note",
    "editor",
    "watch",
    "read",
    "breaking",
    "exclusive",
    "correction",
    "q",
    "a",
    "photos",
    "photo",
    "video",
    "related",
    "source",
    "sources",
    "warning",
    "more",
    "see",
    "also",
    "live",
    "analysis",
    "opinion",
];
/// Speaker nouns that name documents, whose findings are content.
const DOCUMENTS: [&str; 16] = [
    "study",
    "studies",
    "report",
    "reports",
    "survey",
    "surveys",
    "poll",
    "polls",
    "analysis",
    "review",
    "investigation",
    "audit",
    "research",
    "data",
    "figures",
    "records",
];
/// Reporting verbs whose direct object is seldom words (`added 20,000
/// troops`, `found the bodies`): they need `that`, a colon or a quote.
const OBJECT_NOT_SPEECH: [&str; 8] = ["add", "find", "post", "continue", "repeat", "answer", "follow", "agree"];
/// Objects of a `verbobj` cue that are not names: `told reporters`.
const AUDIENCE: [&str; 12] = [
    "reporters",
    "journalists",
    "lawmakers",
    "parliament",
    "supporters",
    "investors",
    "media",
    "press",
    "viewers",
    "listeners",
    "delegates",
    "students",
];

/// The quotations in marks (groups), each with one part per paragraph, all
/// parts in one vector.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Groups {
    /// (opening mark, closing mark or one past the paragraph's last token),
    /// group by group.
    parts: Vec<(usize, usize)>,
    /// One past each group's last part in `parts`.
    ends: Vec<usize>,
}

impl Groups {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The parts of group `g` (never none).
    fn parts(&self, g: usize) -> &[(usize, usize)] {
        let start = g.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.parts[start..self.ends[g]]
    }

    /// The opening mark of group `g`.
    fn open(&self, g: usize) -> usize {
        self.parts(g)[0].0
    }
}

/// A speaker before resolution.
#[derive(Debug, Clone, Copy)]
enum Found {
    Mention(usize),
    Pronoun(usize),
    Nominal(usize, usize),
    /// A capitalised run or phrase no stage linked: `Mr. Burman`, `the S.E.C.`.
    Name(usize, usize),
    /// The words before a cue from the clause start: `Experts on North Korea`.
    Phrase(usize, usize),
}

impl Found {
    /// First and last token.
    fn tokens(self, mentions: &[Mention], toks: &[Token]) -> (usize, usize) {
        match self {
            Found::Mention(m) => (mentions[m].token, end_token(toks, &mentions[m]) - 1),
            Found::Pronoun(i) => (i, i),
            Found::Nominal(a, b) | Found::Name(a, b) | Found::Phrase(a, b) => (a, b),
        }
    }
}

/// What the quote stage knows of one token, in one array (one allocation
/// per article).
#[derive(Debug, Clone)]
struct Tok {
    /// Sentence (`u32::MAX` for none).
    sent: u32,
    /// Quote group + 1 when inside quote marks (marks included), else 0.
    qid: u32,
    /// Mention + 1 ending (last token) / starting here, else 0.
    m_end: u32,
    m_start: u32,
    /// Cue entry starting here ([`NO_CUE`] for none).
    cue: u16,
    /// [`class`] bits, filled on first use, and [`class::FLAGS`].
    cls: std::cell::Cell<u16>,
}

impl Tok {
    /// A token of sentence `sent` in no quote, mention or cue.
    fn new(sent: u32) -> Tok {
        Tok { sent, qid: 0, m_end: 0, m_start: 0, cue: NO_CUE, cls: std::cell::Cell::new(class::UNKNOWN) }
    }
}

/// An attribution found in a sentence: cue, speaker, where the content
/// starts (or ends, for a trailing one).
#[derive(Debug, Clone)]
struct Anchor {
    cue: usize,
    cue_end: usize,
    entry: u32,
    speaker: Option<Speaker>,
    content: std::ops::Range<usize>,
    /// First token of the attribution frame (subject or cue), where an
    /// earlier forward content must stop.
    frame_start: usize,
    /// Inside the reported clause of an earlier anchor.
    nested: bool,
    /// Frame start of the next anchor whose clause this one's ends at.
    next_frame: Option<usize>,
}

impl Anchor {
    fn new(
        cue: usize,
        cue_end: usize,
        entry: u32,
        speaker: Option<Speaker>,
        content: std::ops::Range<usize>,
        frame_start: usize,
    ) -> Self {
        Anchor { cue, cue_end, entry, speaker, content, frame_start, nested: false, next_frame: None }
    }
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    sents: &'a [Sentence],
    mentions: &'a [Mention],
    lex: &'a CueLexicon,
    /// [`word_hash`] of each word token (0 for other tokens).
    hashes: &'a [u64],
    /// Canonical name of an entity, for telling names from aliases.
    name_of: &'a dyn Fn(EntityRef) -> &'a str,
    /// What the stage knows of each token.
    t: Vec<Tok>,
    /// Number of cues in each sentence.
    cues_in: Vec<u32>,
    /// The tokens where cues start, in order.
    cue_at: Vec<usize>,
    /// The first of `cue_at` in the sentence [`Ctx::reported`] reads next
    /// (or a later sentence).
    next_cue: usize,
    /// Reused for each sentence's anchors.
    anchor_buf: Vec<Anchor>,
    /// Quote group + 1 whose paragraphs are labelled turns (see
    /// [`Ctx::speaker_label`]), or 0.
    labelled: u32,
    /// Speakers resolved so far: (token, entity, kind).
    /// An unresolved name (`Marchetti` when no stage knew her) is kept with
    /// no entity, so a later `she` is not given to someone else.
    history: Vec<(usize, Option<EntityRef>, EntityKind)>,
    /// The tokens at which the first `starts_seen` quotes found so far are
    /// placed (see [`Ctx::quote_placed_at`]).
    starts: FxHashSet<usize>,
    starts_seen: usize,
    /// The quote marks: every token that is one, in order (see
    /// [`Ctx::new`]).
    marks: Vec<usize>,
    /// Kept for [`Ctx::into_scratch`]: [`Ctx::run`]'s buffers.
    consumed: Vec<bool>,
    embedded: Vec<bool>,
    out: Vec<(usize, Quote)>,
    /// [`Ctx::reported`]'s quotes of a sentence by their cue's start.
    by_cue: FxHashMap<usize, usize>,
    /// For each mention, the latest organisation and the latest
    /// organisation, group or place at or before it, and the first person
    /// at or after it (index + 1, 0 for none): built at the first pronoun.
    links: std::cell::OnceCell<Vec<[u32; 3]>>,
}

/// Finds the quotations of an article. `mentions` are in text order.
/// `hashes` are the [`word_hash`] of each word token (0 for the others).
pub(crate) fn find<'a>(
    lex: &'a CueLexicon,
    text: &'a str,
    analysis: &'a Analysis,
    hashes: &'a [u64],
    mentions: &'a [Mention],
    name_of: &'a dyn Fn(EntityRef) -> &'a str,
) -> Vec<Quote> {
    let scratch = SCRATCH.take();
    let (mut ctx, groups) = Ctx::new(lex, text, analysis, hashes, mentions, name_of, scratch);
    let quotes = ctx.run(&groups);
    SCRATCH.set(ctx.into_scratch(groups));
    quotes
}

/// The stage's per-article buffers, kept from one article to the next on a
/// thread (see [`SCRATCH`]), so that their room is allocated once, not for
/// each article. Each is cleared before use: nothing in them carries over.
#[derive(Debug, Default)]
struct Scratch {
    t: Vec<Tok>,
    marks: Vec<usize>,
    cue_at: Vec<usize>,
    cues_in: Vec<u32>,
    anchors: Vec<Anchor>,
    history: Vec<(usize, Option<EntityRef>, EntityKind)>,
    /// [`Ctx::run`]'s `consumed` and `embedded`.
    consumed: Vec<bool>,
    embedded: Vec<bool>,
    groups: Groups,
    /// [`Ctx::run`]'s quotes with their tokens (emptied before it returns).
    out: Vec<(usize, Quote)>,
    /// [`Ctx::reported`]'s map of a sentence's quotes (kept only while small).
    by_cue: FxHashMap<usize, usize>,
}

/// The most entries [`Scratch::by_cue`] keeps room for (a map is cleared in
/// a time of its room, not of its entries).
const SMALL_MAP: usize = 32;

thread_local! {
    /// The buffers of the last article [`find`] read on this thread (they
    /// hold as much room as the largest article's).
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

impl<'a> Ctx<'a> {
    /// What [`find`] knows before it reads the sentences: the tokens'
    /// sentences, quote groups, mentions and cues.
    fn new(
        lex: &'a CueLexicon,
        text: &'a str,
        analysis: &'a Analysis,
        hashes: &'a [u64],
        mentions: &'a [Mention],
        name_of: &'a dyn Fn(EntityRef) -> &'a str,
        scratch: Scratch,
    ) -> (Self, Groups) {
        let toks = &analysis.tokens;
        let n = toks.len();
        let Scratch {
            mut t,
            mut marks,
            cue_at: mut maybe_cues,
            mut cues_in,
            mut anchors,
            mut history,
            consumed,
            embedded,
            groups,
            out,
            by_cue,
        } = scratch;
        // Each token's sentence, filled sentence by sentence (they are in text
        // order and share no token).
        t.clear();
        t.reserve(n);
        for (i, s) in analysis.sentences.iter().enumerate() {
            if t.len() < s.tokens.start {
                // Marks and symbols before a paragraph's first sentence.
                t.resize(s.tokens.start, Tok::new(u32::MAX));
            }
            t.resize(s.tokens.end.max(t.len()), Tok::new(i as u32));
        }
        t.resize(n, Tok::new(u32::MAX));
        // The two kinds of token the stage starts from: quote marks, and words
        // that may start a cue (not all capitals, their hash in the first
        // words' filter). The other tokens hash to 0, which the filter lets
        // through: one test for each token, which most words fail.
        // Room for most articles' (one token in 40 is a mark, one in 13 may
        // start a cue).
        marks.clear();
        marks.reserve(n / 32);
        maybe_cues.clear();
        maybe_cues.reserve(n / 8);
        starts(&hashes[..n], toks, &lex.bloom, &mut maybe_cues, &mut marks);
        for (k, m) in mentions.iter().enumerate() {
            let e = end_token(toks, m);
            if e > m.token && e <= n {
                t[e - 1].m_end = k as u32 + 1;
                t[m.token].m_start = k as u32 + 1;
                for x in &mut t[m.token..e] {
                    *x.cls.get_mut() |= class::IN_MENTION;
                }
            }
        }
        let groups = pair_marks(text, analysis, &marks, groups);
        for g in 0..groups.len() {
            for &(o, c) in groups.parts(g) {
                for x in &mut t[o..(c + 1).min(n)] {
                    x.qid = g as u32 + 1;
                }
            }
        }
        let mut ctx = Ctx {
            text,
            toks,
            sents: &analysis.sentences,
            mentions,
            lex,
            hashes,
            name_of,
            t,
            cues_in: {
                cues_in.clear();
                cues_in.resize(analysis.sentences.len(), 0);
                cues_in
            },
            cue_at: Vec::new(),
            next_cue: 0,
            anchor_buf: {
                anchors.clear();
                anchors
            },
            labelled: 0,
            history: {
                history.clear();
                // Room for the speakers of most articles, so that it seldom grows.
                history.reserve(16);
                history
            },
            marks,
            consumed,
            embedded,
            out,
            by_cue,
            starts: FxHashSet::default(),
            starts_seen: 0,
            links: std::cell::OnceCell::new(),
        };
        ctx.find_cues(maybe_cues);
        (ctx, groups)
    }
}

/// Pushes onto `cues` the words that may start a cue (not all capitals,
/// their hash in `bloom`) and onto `marks` the quote marks, in order. The
/// walk over every token's hash, in a function of its own, so that it keeps
/// its few values in registers.
#[inline(never)]
fn starts(hashes: &[u64], toks: &[Token], bloom: &Bloom, cues: &mut Vec<usize>, marks: &mut Vec<usize>) {
    let toks = &toks[..hashes.len()];
    let mut at = |i: usize| {
        let tok = &toks[i];
        match tok.kind {
            TokenKind::Word if tok.case != gazette_tokenizer::Case::Upper => cues.push(i),
            TokenKind::Quote(_) => marks.push(i),
            _ => {}
        }
    };
    // Four hashes a round: most fail the filter, and the loop's own
    // instructions are then a good part of the cost.
    let quads = hashes.chunks_exact(4);
    let tail = hashes.len() - quads.remainder().len();
    for (q, four) in quads.enumerate() {
        for (j, &h) in four.iter().enumerate() {
            if bloom.may_contain(h) {
                at(4 * q + j);
            }
        }
    }
    for (i, &h) in hashes.iter().enumerate().skip(tail) {
        if bloom.may_contain(h) {
            at(i);
        }
    }
}

/// Pairs quote marks, paragraph by paragraph, in one pass. A mark opens when
/// no quote is open; a mark of the same family closes it; an explicit opening
/// mark while one is open makes the first a stray. A quote still open at the
/// end of a paragraph continues if the next paragraph starts with an opening
/// mark of its family; otherwise it was a stray and is dropped. `marks`
/// are the quote marks' tokens, in order.
///
/// The groups come in the order of their opening marks: a group is pushed
/// when it closes, and no mark opens another while one is pending (an
/// opening mark in its place drops the pending one as a stray), so each
/// group opens after the one before it closed.
/// `groups` is cleared first (its room is reused).
fn pair_marks(text: &str, analysis: &Analysis, marks: &[usize], mut groups: Groups) -> Groups {
    let toks = &analysis.tokens;
    groups.parts.clear();
    groups.ends.clear();
    // The parts of the group open (pending or carried into the next
    // paragraph) are `groups.parts[done..]`: those after the last group's.
    let mut done = 0;
    // The next of `marks` to look at: paragraphs come in text order.
    let mut next_mark = 0;
    let mut carry: Option<u8> = None;
    let sents = &analysis.sentences;
    let mut s = 0;
    while s < sents.len() {
        let para = sents[s].paragraph;
        let lo = sents[s].tokens.start;
        let mut e = s;
        while e + 1 < sents.len() && sents[e + 1].paragraph == para {
            e += 1;
        }
        let hi = sents[e].tokens.end;
        s = e + 1;
        let mut pend: Option<(u8, usize)> = None;
        if let Some(fam) = carry.take()
            && let Some(TokenKind::Quote(q)) = toks.get(lo).map(|t| t.kind)
            && family(q.style) == fam
            && q.dir != QuoteDir::Close
        {
            pend = Some((fam, lo));
        } else {
            // No quote goes on into this paragraph.
            groups.parts.truncate(done);
        }
        let start = if pend.is_some() { lo + 1 } else { lo };
        // Only quote marks matter.
        while marks.get(next_mark).is_some_and(|&i| i < start) {
            next_mark += 1;
        }
        while let Some(&i) = marks.get(next_mark).filter(|&&i| i < hi) {
            next_mark += 1;
            let TokenKind::Quote(q) = toks[i].kind else { continue };
            let fam = family(q.style);
            match pend {
                None => {
                    if q.dir != QuoteDir::Close {
                        pend = Some((fam, i));
                        groups.parts.truncate(done);
                    }
                }
                Some((f, o)) if f == fam => {
                    // `„...“` and `»...«`: the opener's partner looks like an opener.
                    let low_open = matches!(toks[o].text(text), "„" | "‚" | "»" | "›");
                    let closes = q.dir != QuoteDir::Open || low_open;
                    if closes && !(fam == FAM_SINGLE && is_apostrophe(text, analysis, i)) {
                        groups.parts.push((o, i));
                        done = groups.parts.len();
                        groups.ends.push(done);
                        pend = None;
                    } else if q.dir == QuoteDir::Open {
                        pend = Some((fam, i));
                        groups.parts.truncate(done);
                    }
                }
                Some(_) => {}
            }
        }
        if let Some((fam, o)) = pend {
            // Open at the paragraph's end: continues only into a paragraph
            // that starts with an opening mark of the same family.
            let next_starts = sents.get(s).and_then(|n| toks.get(n.tokens.start)).is_some_and(
                |t| matches!(t.kind, TokenKind::Quote(q) if family(q.style) == fam && q.dir != QuoteDir::Close),
            );
            if next_starts && fam != FAM_SINGLE {
                groups.parts.push((o, hi));
                carry = Some(fam);
            }
        }
    }
    // A quote carried past the last paragraph never closed.
    groups.parts.truncate(done);
    groups
}

const FAM_SINGLE: u8 = 1;

/// A sentence short enough to be an attribution frame.
fn n_short(s: &Sentence) -> bool {
    s.tokens.len() <= 10
}

fn family(style: QuoteStyle) -> u8 {
    match style {
        QuoteStyle::Double => 0,
        QuoteStyle::Single => FAM_SINGLE,
        QuoteStyle::Angle => 2,
        QuoteStyle::SingleAngle => 3,
        QuoteStyle::Corner => 4,
    }
}

/// A closing single mark that is a plural possessive (`the allies’ support`).
fn is_apostrophe(text: &str, analysis: &Analysis, i: usize) -> bool {
    let toks = &analysis.tokens;
    let t = &toks[i];
    if t.space_before || i == 0 {
        return false;
    }
    let next_word = toks.get(i + 1).is_some_and(|n| n.space_before && n.kind == TokenKind::Word);
    next_word && toks[i - 1].kind == TokenKind::Word && toks[i - 1].text(text).ends_with(['s', 'S'])
}

impl<'a> Ctx<'a> {
    /// Whether token `i` is in one of the word lists of `bits`.
    #[inline]
    fn is(&self, i: usize, bits: u16) -> bool {
        let Some(cell) = self.t.get(i).map(|x| &x.cls) else { return false };
        let mut c = cell.get();
        if c & class::UNKNOWN != 0 {
            c = self.look_up_class(i);
        }
        c & bits != 0
    }

    /// [`Ctx::is`] the first time for token `i`: the lookup, kept out of
    /// line so that the later calls cost a read.
    #[inline(never)]
    fn look_up_class(&self, i: usize) -> u16 {
        let t = &self.toks[i];
        let c = if t.kind == TokenKind::Word { self.lex.classes.get(&self.hashes[i]).copied().unwrap_or(0) } else { 0 };
        let cell = &self.t[i].cls;
        let c = c | cell.get() & class::FLAGS;
        cell.set(c);
        c
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    /// The bytes of token `i`: cheaper than [`Ctx::word`] to compare, as
    /// they need no check for char boundaries.
    fn bytes(&self, i: usize) -> &'a [u8] {
        let s = self.toks[i].span;
        &self.text.as_bytes()[s.start..s.end]
    }

    /// Whether token `i` is `w`, ignoring ASCII case.
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.bytes(i).eq_ignore_ascii_case(w.as_bytes())
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Punct && self.text.as_bytes().get(t.span.start..t.span.end) == Some(p.as_bytes())
        })
    }

    fn sentence_range(&self, i: usize) -> std::ops::Range<usize> {
        match self.t.get(i).map(|x| x.sent) {
            Some(s) if s != u32::MAX => self.sents[s as usize].tokens.clone(),
            _ => i..i + 1,
        }
    }

    /// Looks up the words outside quote marks that may start a cue
    /// (`maybe`, in order: see [`find`]) in the cue lexicon, and keeps those
    /// that do as [`Ctx::cue_at`].
    fn find_cues(&mut self, mut maybe: Vec<usize>) {
        let toks = self.toks;
        let text = self.text;
        let lex = self.lex;
        // Tokens before it are inside a cue found.
        let mut free = 0;
        // The cues found so far are `maybe[..kept]`.
        let mut kept = 0;
        for next in 0..maybe.len() {
            let i = maybe[next];
            if i < free {
                continue;
            }
            let t = &toks[i];
            let h = self.hashes[i];
            // A capitalised cue only opens a sentence (`Post` is a paper).
            let title = t.case == gazette_tokenizer::Case::Title;
            if self.t[i].qid != 0
                || title && !self.opens_sentence(i) && !self.headline_word(i)
                || self.t[i].cls.get() & class::IN_MENTION != 0
            {
                continue;
            }
            // The word and the next two, the next one, then the word alone
            // (longest first, as the entries of one key).
            let free_word = |j: usize| toks.get(j).is_some_and(|u| u.kind == TokenKind::Word && self.t[j].qid == 0);
            let two = (lex.multi_bloom.may_contain(h) && free_word(i + 1)).then(|| key(h, Some(self.hashes[i + 1])));
            let three = two
                .filter(|&k| lex.long_bloom.may_contain(k) && free_word(i + 2))
                .map(|k| key(k, Some(self.hashes[i + 2])));
            let mut hit = None;
            for key in [three, two, Some(h)].into_iter().flatten() {
                if lex.keys.may_contain(key) {
                    hit = self.cue_with_key(i, key);
                    if hit.is_some() {
                        break;
                    }
                }
            }
            // `think tank` is a noun.
            let hit = hit.filter(|&(e, end)| {
                !(&*lex.entries[e as usize].lemma == "think"
                    && toks.get(end).is_some_and(|u| matches!(u.text(text), "tank" | "tanks")))
            });
            if let Some((e, end)) = hit {
                self.t[i].cue = e as u16;
                maybe[kept] = i;
                kept += 1;
                if let Some(c) = self.cues_in.get_mut(self.t[i].sent as usize) {
                    *c += 1;
                }
                free = end;
            }
        }
        maybe.truncate(kept);
        self.cue_at = maybe;
    }

    /// The entry of key `key` (see [`key`]) whose words start at token `i`
    /// (outside quote marks), with one past its last token.
    #[inline(never)]
    fn cue_with_key(&self, i: usize, key: u64) -> Option<(u32, usize)> {
        let (lex, toks, text) = (self.lex, self.toks, self.text);
        lex.first.get(&key)?.iter().find_map(|&e| {
            let entry = &lex.entries[e as usize];
            let end = i + 1 + entry.rest.len();
            let hashes = &lex.hashes[entry.at as usize..][..end - i];
            // The entry's hashes, words outside quote marks, then the words
            // themselves.
            let ok = end <= toks.len()
                && self.hashes[i..end] == *hashes
                && (i + 1..end).all(|j| self.t[j].qid == 0 && toks[j].kind == TokenKind::Word)
                && same_word(text, &toks[i], entry.first)
                && entry.rest.iter().zip(&toks[i + 1..end]).all(|(w, u)| same_word(text, u, w));
            ok.then_some((e, end))
        })
    }

    /// The first word of its sentence (after quote marks or brackets).
    fn opens_sentence(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && self.t[k - 1].sent == self.t[i].sent {
            k -= 1;
            if self.toks[k].kind == TokenKind::Word || i - k > 3 {
                return false;
            }
        }
        true
    }

    /// A word in a run of capitalised words (`Lindsey Graham Says Trump ...`).
    fn headline_word(&self, i: usize) -> bool {
        let cap = |k: usize| self.toks.get(k).is_some_and(|t| t.kind == TokenKind::Word && t.case.is_capitalised());
        i > 0 && cap(i - 1) && cap(i + 1)
    }

    /// A cue that is not a noun or a frame starts at `k`.
    fn is_verb_cue(&self, k: usize) -> bool {
        self.t.get(k).is_some_and(|x| {
            x.cue != NO_CUE && !matches!(self.entry(u32::from(x.cue)).class, CueClass::Noun | CueClass::Frame)
        })
    }

    fn entry(&self, e: u32) -> &'a CueEntry {
        &self.lex.entries[e as usize]
    }

    /// The speaker that is the subject of a cue at `cue`, looking left no
    /// further than `lo`.
    fn subject_before(&self, cue: usize, lo: usize) -> Option<Found> {
        self.subject_before_at(cue, lo, 0).or_else(|| self.clause_subject(cue, lo))
    }

    /// Appositions between commas before a cue, the comma at `i`: `Peskov,
    /// the Kremlin spokesman, said`; `The chairman, Phil Lovas, said`;
    /// `Donna Rawlings, 59, of Ashton, Md., said` (ages and places are
    /// skipped).
    fn subject_before_apposition(&self, i: usize, lo: usize) -> Option<Found> {
        let mut j = i;
        for _ in 0..5 {
            let mut c = j;
            let mut found_comma = false;
            while c > lo && j - c < 25 {
                c -= 1;
                if self.t[c].qid != 0 {
                    return None;
                }
                if self.is_punct(c, ",") {
                    found_comma = true;
                    break;
                }
            }
            if !found_comma {
                // No earlier comma: the subject ends at `j`.
                return if j == i { None } else { self.subject_before_at(j, lo, 1) };
            }
            let seg = c + 1..j;
            let first = self.bytes(seg.start);
            let skip = seg.is_empty()
                || self.toks[seg.start].kind == TokenKind::Number
                || is_any(first, &["of", "from", "in", "at", "near"])
                || seg.len() <= 2 && self.toks[seg.start].case.is_capitalised() && self.t[seg.start].m_start == 0;
            if !skip {
                // `The chairman, Phil Lovas, said`: the name inside.
                if self.t[seg.start].m_start != 0 {
                    let m = self.t[seg.start].m_start as usize - 1;
                    if matches!(self.mentions[m].kind, EntityKind::Person)
                        && end_token(self.toks, &self.mentions[m]) == seg.end
                    {
                        return Some(Found::Mention(m));
                    }
                }
                return self.subject_before_at(c, lo, 1);
            }
            j = c;
        }
        None
    }

    /// The words from the start of the clause to the cue as the speaker,
    /// when nothing shorter was found: `Experts on North Korea said`,
    /// `South Korean President Park Geun-hye said`. At most twelve tokens,
    /// starting with a determiner, a capital or a number, holding a speaker
    /// noun or a name, and no quote mark or cue.
    fn clause_subject(&self, cue: usize, lo: usize) -> Option<Found> {
        let mut st = cue;
        while st > lo {
            let k = st - 1;
            if self.t[k].qid != 0 || self.is_verb_cue(k) {
                return None;
            }
            if self.toks[k].kind == TokenKind::Punct
                // `,` `;` `:` `--` `—` `–`
                && matches!(self.bytes(k), b"," | b";" | b":" | b"--" | b"\xe2\x80\x94" | b"\xe2\x80\x93")
                || is_any(self.bytes(k), &["that", "which", "who", "because", "but", "if", "when", "while", "as"])
            {
                break;
            }
            st -= 1;
            if cue - st > 12 {
                return None;
            }
        }
        let mut end = cue;
        while end > st
            && (self.is(end - 1, class::SKIP | class::TIME)
                || self.word_is(end - 1, "not")
                || self.toks[end - 1].case == gazette_tokenizer::Case::Lower && self.bytes(end - 1).ends_with(b"ly"))
        {
            end -= 1;
        }
        if end <= st {
            return None;
        }
        let t = &self.toks[st];
        let opens = t.kind == TokenKind::Number
            || t.kind == TokenKind::Word && (t.case.is_capitalised() || self.is(st, class::DET));
        let named = (st..end).any(|k| {
            self.t[k].m_start != 0
                || self.toks[k].kind == TokenKind::Word
                    && (self.is(k, class::SPEAKER) || k > st && self.toks[k].case.is_capitalised())
        });
        // It ends with a noun or a name, not `appeared on` or `a list of`.
        let last = &self.toks[end - 1];
        let ends_well = last.kind == TokenKind::Word && !self.is(end - 1, class::FUNCTION)
            || self.t[end - 1].m_end != 0
            || self.is_punct(end - 1, ".");
        // No quote mark, and no auxiliary: `The loan has divided member`
        // holds a verb, so it is no subject.
        let clean = (st..end).all(|k| {
            !matches!(self.toks[k].kind, TokenKind::Quote(_))
                && !is_any(self.bytes(k), &["has", "have", "had", "is", "was", "were", "are", "did", "does", "do"])
        });
        (opens && named && ends_well && clean).then_some(Found::Phrase(st, end - 1))
    }

    fn subject_before_at(&self, cue: usize, lo: usize, depth: u8) -> Option<Found> {
        let mut i = cue;
        let mut steps = 0;
        while i > lo && steps < 10 {
            i -= 1;
            steps += 1;
            if self.t[i].qid != 0 {
                return None;
            }
            if self.t[i].m_end != 0 {
                return Some(Found::Mention(self.t[i].m_end as usize - 1));
            }
            let t = &self.toks[i];
            let w = self.bytes(i);
            // `who in 2010 said`: a year between subject and verb.
            if t.kind == TokenKind::Number && i > lo && self.word_is(i - 1, "in") {
                i -= 1;
                continue;
            }
            match t.kind {
                TokenKind::Word => {
                    if self.is(i, class::SKIP | class::TIME) || w.eq_ignore_ascii_case(b"not") {
                        // `on Wednesday`: the preposition goes too.
                        if i > lo && self.word_is(i - 1, "on") {
                            i -= 1;
                        }
                        continue;
                    }
                    // `would announce`, `to say`: not a report of speech.
                    if self.is(i, class::MODAL) {
                        return None;
                    }
                    if is_any(w, &["and", "but"]) && i > lo {
                        // `Mr. Schultz supported Democrats ... and said`: the
                        // sentence's subject.
                        return self.sentence_subject(lo, i);
                    }
                    if self.is(i, class::SUBJ) || w.eq_ignore_ascii_case(b"who") {
                        return Some(Found::Pronoun(i));
                    }
                    if self.is(i, class::SPEAKER) {
                        return Some(Found::Nominal(self.np_start(i, lo), i));
                    }
                    return self.generic_subject(i, lo);
                }
                // `Gov. Mike Pence (R-Ind.) said`: over the brackets.
                TokenKind::Punct if w == b")" => {
                    let mut j = i;
                    while j > lo && i - j < 10 && !self.is_punct(j, "(") {
                        j -= 1;
                    }
                    if !self.is_punct(j, "(") {
                        return None;
                    }
                    i = j;
                }
                TokenKind::Punct if w == b"," => {
                    return if depth == 0 { self.subject_before_apposition(i, lo) } else { None };
                }
                _ => return None,
            }
        }
        None
    }

    /// Whether a form of `be` comes right before the cue at `k` (adverbs
    /// and `not` between are allowed).
    fn passive(&self, k: usize, lo: usize) -> bool {
        // `is telling`, `was saying`: progressive, not passive.
        if self.bytes(k).ends_with(b"ing") {
            return false;
        }
        let mut i = k;
        while i > lo && k - i < 4 {
            i -= 1;
            let w = self.bytes(i);
            if is_any(w, &["was", "were", "is", "are", "be", "been", "being", "'s", "’s"]) {
                // `’s` is `is` only after a pronoun (`he’s expected`).
                return !possessive_s(w) || i > lo && is_any(self.bytes(i - 1), &["he", "she", "it", "that", "there"]);
            }
            if !(is_any(w, &["not", "also", "widely", "reportedly", "still", "already", "never"]) || w.ends_with(b"ly"))
            {
                return false;
            }
        }
        false
    }

    /// The subject at the start of a sentence: a mention, name or pronoun in
    /// its first three tokens (after a title such as `Mr.`).
    fn sentence_subject(&self, lo: usize, before: usize) -> Option<Found> {
        for k in lo..(lo + 3).min(before) {
            if self.t[k].qid != 0 {
                return None;
            }
            if self.t[k].m_start != 0 {
                return Some(Found::Mention(self.t[k].m_start as usize - 1));
            }
            if is_any(self.bytes(k), &["he", "she", "they"]) {
                return Some(Found::Pronoun(k));
            }
        }
        None
    }

    /// A subject no list knows, ending at word `i`: a capitalised run (`Mr.
    /// Burman`, `The S.E.C.`), or a phrase from a determiner or the sentence
    /// start to a noun (`the bank`, `Video`).
    fn generic_subject(&self, i: usize, lo: usize) -> Option<Found> {
        let t = &self.toks[i];
        let w = self.word(i);
        if self.is(i, class::FUNCTION) || self.cue_hit(i).is_some() {
            return None;
        }
        if t.case.is_capitalised() {
            let mut s = i;
            while s > lo
                && i - s < 5
                && self.t[s - 1].qid == 0
                && self.toks[s - 1].kind == TokenKind::Word
                && self.toks[s - 1].case.is_capitalised()
                && !self.is(s - 1, class::FUNCTION)
            {
                s -= 1;
            }
            // `The S.E.C.`: take the article along.
            if s > lo && is_any(self.bytes(s - 1), &["the"]) {
                s -= 1;
            }
            if s == i && s == lo && is_any(w.as_bytes(), &["The", "A", "An", "This", "That", "But", "And"]) {
                return None;
            }
            return Some(Found::Name(s, i));
        }
        if t.case != gazette_tokenizer::Case::Lower || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        // Back to a determiner over modifiers.
        let mut k = i;
        while k > lo && i - k < 5 {
            k -= 1;
            let u = &self.toks[k];
            let x = self.bytes(k);
            if self.t[k].qid != 0 {
                return None;
            }
            if self.is(k, class::DET) || is_any(x, &["this", "each", "every", "no"]) {
                return Some(Found::Nominal(k, i));
            }
            if self.t[k].m_end != 0 && matches!(self.mentions[self.t[k].m_end as usize - 1].kind, EntityKind::Person) {
                return None;
            }
            let modifier = match u.kind {
                TokenKind::Word if u.case.is_capitalised() && self.t[k].m_end == 0 && self.t[k].m_start == 0 => false,
                TokenKind::Word => {
                    let possessed = k + 1 < self.toks.len() && possessive_s(self.bytes(k + 1));
                    !self.is(k, class::FUNCTION) && (possessed || !self.is_verb_cue(k))
                }
                TokenKind::Number => true,
                TokenKind::Punct => x == b"-",
                _ => false,
            };
            if !modifier {
                return None;
            }
        }
        None
    }

    /// Start of a noun phrase whose head noun is at `head`: back over
    /// modifiers and names to a determiner, at most six tokens.
    fn np_start(&self, head: usize, lo: usize) -> usize {
        let mut start = head;
        let mut k = head;
        while k > lo && head - k < 6 {
            k -= 1;
            let t = &self.toks[k];
            let w = self.bytes(k);
            if self.t[k].qid != 0 {
                break;
            }
            if self.t[k].m_end != 0 {
                let m = &self.mentions[self.t[k].m_end as usize - 1];
                start = m.token;
                k = m.token;
                continue;
            }
            match t.kind {
                TokenKind::Word if self.is(k, class::DET) => return k,
                TokenKind::Word if possessive_s(w) => start = k,
                TokenKind::Word
                    if t.case == gazette_tokenizer::Case::Lower
                        && !self.is(k, class::SKIP | class::TIME)
                        && !is_any(
                            w,
                            &[
                                "and", "or", "but", "that", "which", "who", "as", "of", "to", "with", "for", "by",
                                "while", "after", "before", "when", "if",
                            ],
                        )
                        && self.cue_hit(k).is_none() =>
                {
                    start = k
                }
                TokenKind::Punct if w == b"-" => start = k,
                TokenKind::Number => start = k,
                _ => break,
            }
        }
        start
    }

    /// The speaker right after a cue (`said Dmitry Peskov`, `according to a
    /// senior official`), no further than `hi`.
    fn subject_after(&self, at: usize, hi: usize) -> Option<Found> {
        if at >= hi || self.t[at].qid != 0 {
            return None;
        }
        // `said the Kremlin`: the article before a name.
        if self.word_is(at, "the") && at + 1 < hi && self.t[at + 1].m_start != 0 {
            let m = self.t[at + 1].m_start as usize - 1;
            let e = end_token(self.toks, &self.mentions[m]);
            if self.nominal_head_from(e, hi, 3).is_none() {
                return Some(Found::Mention(m));
            }
        }
        if self.t[at].m_start != 0 {
            let m = self.t[at].m_start as usize - 1;
            // `said NATO Secretary General Mark Rutte`: a person named after
            // capitalised titles wins over the organisation before them.
            let mut k = end_token(self.toks, &self.mentions[m]);
            while k < hi && k < at + 6 && self.t[k].m_start == 0 && self.toks[k].case.is_capitalised() {
                k += 1;
            }
            if k < hi && self.t[k].m_start != 0 {
                let p = self.t[k].m_start as usize - 1;
                if matches!(self.mentions[p].kind, EntityKind::Person) {
                    return Some(Found::Mention(p));
                }
            }
            // `according to Russian officials`: a demonym heading a nominal.
            let e = end_token(self.toks, &self.mentions[m]);
            if let Some(head) = self.nominal_head_from(e, hi, 3) {
                return Some(Found::Nominal(at, head));
            }
            return Some(Found::Mention(m));
        }
        if is_any(self.bytes(at), &["he", "she", "they"]) {
            return Some(Found::Pronoun(at));
        }
        self.nominal_head_from(at, hi, 6).map(|head| Found::Nominal(at, head))
    }

    /// The last speaker noun of a run starting at `from`: `a senior Kremlin
    /// official`, up to `max` tokens.
    fn nominal_head_from(&self, from: usize, hi: usize, max: usize) -> Option<usize> {
        let mut head = None;
        let mut k = from;
        while k < hi && k - from < max {
            if self.t[k].qid != 0 {
                break;
            }
            let t = &self.toks[k];
            let w = self.bytes(k);
            if self.t[k].m_start != 0 {
                k = end_token(self.toks, &self.mentions[self.t[k].m_start as usize - 1]);
                continue;
            }
            match t.kind {
                TokenKind::Word if self.is(k, class::SPEAKER) => {
                    head = Some(k);
                    // Keep going only through compounds: `campaign spokesman`.
                    if !self
                        .toks
                        .get(k + 1)
                        .is_some_and(|n| n.kind == TokenKind::Word && self.is(k + 1, class::SPEAKER))
                    {
                        break;
                    }
                }
                TokenKind::Word
                    if head.is_none() && (t.case == gazette_tokenizer::Case::Lower || self.is(k, class::DET)) =>
                {
                    if self.cue_hit(k).is_some() || is_any(w, &["that", "and", "but", "of", "to", "in", "on"]) {
                        break;
                    }
                }
                TokenKind::Number | TokenKind::Punct
                    if head.is_none() && (w == b"-" || t.kind == TokenKind::Number) => {}
                TokenKind::Word | TokenKind::Punct if possessive_s(w) => {}
                _ => break,
            }
            k += 1;
        }
        head
    }

    /// A resolved speaker.
    fn resolve(&mut self, found: Found) -> Speaker {
        let sp = match found {
            Found::Mention(k) => {
                let m = &self.mentions[k];
                let written = m.span.text(self.text);
                let nominal = m.how == MatchHow::Coref && written.chars().next().is_some_and(|c| c.is_lowercase())
                    || (m.how == MatchHow::Coref
                        && written.contains(' ')
                        && !(self.name_of)(m.entity).contains(written));
                let resolution = if nominal {
                    Resolution::Nominal
                } else if written.eq_ignore_ascii_case((self.name_of)(m.entity)) {
                    Resolution::Name
                } else {
                    Resolution::Alias
                };
                Speaker { span: m.span, entity: Some(m.entity), resolution }
            }
            Found::Pronoun(i) => {
                let entity = self.resolve_pronoun(i);
                Speaker {
                    span: self.toks[i].span,
                    entity,
                    resolution: if entity.is_some() { Resolution::Pronoun } else { Resolution::None },
                }
            }
            Found::Phrase(s, e) => {
                // A person named in it, else a name at its start (after a determiner).
                let ms: Vec<usize> =
                    (s..=e).filter(|&k| self.t[k].m_start != 0).map(|k| self.t[k].m_start as usize - 1).collect();
                let entity = ms
                    .iter()
                    .find(|&&m| matches!(self.mentions[m].kind, EntityKind::Person))
                    .or_else(|| ms.iter().find(|&&m| self.mentions[m].token <= s + 1))
                    .map(|&m| self.mentions[m].entity);
                Speaker {
                    span: Span::new(self.toks[s].span.start, self.toks[e].span.end),
                    entity,
                    resolution: if entity.is_some() { Resolution::Nominal } else { Resolution::None },
                }
            }
            Found::Name(s, e) => {
                // A mention that is the whole run, after an article or title.
                let m = (s..=(s + 2).min(e))
                    .find_map(|k| (self.t[k].m_start != 0).then(|| self.t[k].m_start as usize - 1))
                    .filter(|&m| end_token(self.toks, &self.mentions[m]) == e + 1);
                match m {
                    Some(m) => return self.resolve(Found::Mention(m)),
                    None => Speaker {
                        span: Span::new(self.toks[s].span.start, self.toks[e].span.end),
                        entity: None,
                        resolution: Resolution::None,
                    },
                }
            }
            Found::Nominal(s, e) => {
                // Tied to an organisation or place named inside it; a person
                // named inside (`Putin's spokesman`) is someone else.
                let entity = (s..=e)
                    .filter(|&k| self.t[k].m_start != 0)
                    .map(|k| &self.mentions[self.t[k].m_start as usize - 1])
                    .find(|m| !matches!(m.kind, EntityKind::Person))
                    .map(|m| m.entity);
                Speaker {
                    span: Span::new(self.toks[s].span.start, self.toks[e].span.end),
                    entity,
                    resolution: if entity.is_some() { Resolution::Nominal } else { Resolution::None },
                }
            }
        };
        let tok = found.tokens(self.mentions, self.toks).0;
        if let Some(e) = sp.entity {
            let kind = match found {
                Found::Mention(k) => self.mentions[k].kind,
                Found::Pronoun(_) => {
                    self.history.iter().rev().take(HISTORY).find(|h| h.1 == Some(e)).map_or(EntityKind::Person, |h| h.2)
                }
                Found::Nominal(..) | Found::Name(..) | Found::Phrase(..) => EntityKind::Org,
            };
            self.history.push((tok, Some(e), kind));
        } else if matches!(found, Found::Name(..)) {
            // Most unlinked capitalised speakers are people.
            self.history.push((tok, None, EntityKind::Person));
        }
        sp
    }

    /// `he`/`she`: the latest person speaker within three sentences, else the
    /// first person named in the nearest earlier sentence (within three).
    /// `they`/`it`: the latest organisation, place or group named in this or
    /// the two sentences before.
    fn resolve_pronoun(&self, i: usize) -> Option<EntityRef> {
        let w = self.bytes(i);
        let s = self.t[i].sent as usize;
        if w.eq_ignore_ascii_case(b"who") {
            // `..., Jane Doe, who said`: the name right before.
            let mut b = i.checked_sub(1)?;
            if self.is_punct(b, ",") {
                b = b.checked_sub(1)?;
            }
            return (self.t[b].m_end != 0).then(|| self.mentions[self.t[b].m_end as usize - 1].entity);
        }
        let personal = is_any(w, &["he", "she", "him", "her"]);
        if personal {
            if let Some(h) = self
                .history
                .iter()
                .rev()
                .take(HISTORY)
                .find(|h| h.0 < i && matches!(h.2, EntityKind::Person) && self.t[h.0].sent as usize + 3 >= s)
            {
                return h.1;
            }
            for back in 1..=3 {
                let Some(ps) = s.checked_sub(back) else { break };
                // The first person in the sentence: a lookup, not a walk over the rest.
                let within = self.mention_range(self.sents[ps].tokens.clone());
                let first = self.links().get(within.start).map_or(0, |l| l[2] as usize);
                if first != 0 && first - 1 < within.end {
                    return Some(self.mentions[first - 1].entity);
                }
            }
            return None;
        }
        // The latest mention in range that is an organisation (or, but for
        // `it`, a group or place): a lookup, not a walk back over the others.
        let from = self.sents[s.saturating_sub(2)].tokens.start;
        let within = self.mention_range(from..i);
        let kind = usize::from(!w.eq_ignore_ascii_case(b"it"));
        let latest = within.end.checked_sub(1).map_or(0, |l| self.links()[l][kind] as usize);
        (latest > within.start).then(|| self.mentions[latest - 1].entity)
    }

    /// See [`Ctx::links`].
    fn links(&self) -> &[[u32; 3]] {
        self.links.get_or_init(|| {
            let mut last = [0u32; 2];
            let mut links: Vec<[u32; 3]> = self
                .mentions
                .iter()
                .enumerate()
                .map(|(k, m)| {
                    let k = k as u32 + 1;
                    match m.kind {
                        EntityKind::Org => last = [k, k],
                        EntityKind::Norp | EntityKind::Gpe => last[1] = k,
                        _ => {}
                    }
                    [last[0], last[1], 0]
                })
                .collect();
            let mut next = 0u32;
            for (k, m) in self.mentions.iter().enumerate().rev() {
                if matches!(m.kind, EntityKind::Person) {
                    next = k as u32 + 1;
                }
                links[k][2] = next;
            }
            links
        })
    }

    /// The indices of the mentions that start in a range of tokens.
    fn mention_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let ms = self.mentions;
        ms.partition_point(|m| m.token < range.start)..ms.partition_point(|m| m.token < range.end)
    }

    fn span_of(&self, from: usize, to: usize) -> Span {
        Span::new(self.toks[from].span.start, self.toks[to - 1].span.end)
    }

    fn cue(&self, at: usize, end: usize, e: u32) -> Cue {
        // `quoted him as saying`: the cue is `as saying`, already one entry.
        Cue { span: self.span_of(at, end), entry: e }
    }

    /// Content span of a quote part: between the marks, trimmed, without a
    /// trailing comma.
    fn part_span(&self, (o, c): (usize, usize)) -> Option<Span> {
        let start = self.toks[o].span.end;
        let end = if c < self.toks.len() && matches!(self.toks[c].kind, TokenKind::Quote(_)) && c != o {
            self.toks[c].span.start
        } else {
            self.toks[c.min(self.toks.len()) - 1].span.end
        };
        let raw = self.text.get(start..end)?;
        let lead = raw.len() - raw.trim_start().len();
        let mut body = raw.trim();
        body = body.strip_suffix(',').unwrap_or(body).trim_end();
        (!body.is_empty()).then(|| Span::new(start + lead, start + lead + body.len()))
    }

    fn run(&mut self, groups: &Groups) -> Vec<Quote> {
        // Room for a quote a group and a few reported ones, so that most
        // articles' lists never grow.
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        out.reserve(groups.len() + 8);
        let mut consumed = std::mem::take(&mut self.consumed);
        consumed.clear();
        consumed.resize(groups.len(), false);
        let mut embedded = std::mem::take(&mut self.embedded);
        embedded.clear();
        embedded.resize(groups.len(), false);
        // Groups (in the order of their opening marks: see [`pair_marks`]),
        // walked sentence by sentence (tokens outside any sentence have
        // sentence u32::MAX and their groups are never direct quotes).
        debug_assert!((1..groups.len()).all(|g| groups.open(g - 1) < groups.open(g)), "groups in order");
        let mut next_group = 0;
        let mut last_direct: Option<(usize, u32)> = None; // (index in out, sentence of its end)
        for s in 0..self.sents.len() {
            let range = self.sents[s].tokens.clone();
            if let Some(q) = self.speaker_label(s) {
                let at = q.1;
                out.push((at, q.0));
                if self.labelled != 0 {
                    consumed[self.labelled as usize - 1] = true;
                }
            }
            // 1. Direct quotes opening in this sentence.
            let first_group = next_group;
            while next_group < groups.len() && {
                let gs = self.t[groups.open(next_group)].sent;
                gs <= s as u32 || gs == u32::MAX
            } {
                next_group += 1;
            }
            for g in first_group..next_group {
                if consumed[g] || self.t[groups.open(g)].sent != s as u32 {
                    continue;
                }
                let parts = groups.parts(g);
                let open = parts[0].0;
                let &(_, close) = parts.last().unwrap_or(&(open, open));
                let closed = close < self.toks.len() && matches!(self.toks[close].kind, TokenKind::Quote(_));
                let before = open.checked_sub(1).filter(|&b| b >= range.start);
                let is_embedded = before.is_some_and(|b| {
                    let t = &self.toks[b];
                    // A mark at the start of a line opens a new quote.
                    if self.text[t.span.end..self.toks[open].span.start].contains('\n') {
                        return false;
                    }
                    matches!(t.kind, TokenKind::Word | TokenKind::Number) && !self.cue_ends_at(b)
                        || (t.kind == TokenKind::Punct && matches!(self.word(b), "(" | "-" | "–"))
                });
                // An embedded quote is left for step 3, its content not
                // collected here; one with no content is consumed.
                if is_embedded {
                    if parts.iter().any(|&p| self.part_span(p).is_some()) {
                        embedded[g] = true;
                    } else {
                        consumed[g] = true;
                    }
                    continue;
                }
                let content: Vec<Span> = parts.iter().filter_map(|&p| self.part_span(p)).collect();
                if content.is_empty() {
                    consumed[g] = true;
                    continue;
                }
                // `Peskov said “constructive” talks took place`: the sentence
                // goes on after the quote, which is part of a clause.
                let continues = closed
                    && self.toks.get(close + 1).is_some_and(|t| {
                        t.kind == TokenKind::Word
                            && t.case == gazette_tokenizer::Case::Lower
                            && self.t[close + 1].sent as usize == s
                    })
                    && self.cue_hit(close + 1).is_none();
                let after = closed.then(|| self.frame_after(close)).flatten();
                if after.is_none() && continues {
                    embedded[g] = true;
                    continue;
                }
                let attribution = after.or_else(|| self.frame_before(open)).or_else(|| self.frame_colon(open));
                if let Some((cue_at, cue_end, e, found)) = attribution {
                    // No cue (usize::MAX) for a dash and a name.
                    self.take_cue(cue_at);
                    let speaker = found.map(|f| self.resolve(f));
                    let quote = Quote {
                        kind: QuoteKind::Direct,
                        content,
                        cue: (e != u32::MAX).then(|| self.cue(cue_at, cue_end, e)),
                        speaker,
                    };
                    consumed[g] = true;
                    // `“A,” he said, “B.”`: a second quote right after the frame.
                    out.push((open, quote));
                    last_direct = Some((out.len() - 1, self.t[close.min(self.toks.len() - 1)].sent));
                    continue;
                }
                // A sentence that is only a quote, right after an attributed
                // one: the same speaker goes on.
                let whole = open == range.start && close + 2 >= range.end;
                // `“A,” he said, “B.”`: the second part right after the frame.
                let after_frame = open > range.start
                    && (self.is_punct(open - 1, ",") || self.is_punct(open - 1, ":"))
                    && last_direct.is_some_and(|(_, ls)| ls as usize == s);
                let whole = whole || after_frame;
                if let Some((k, ls)) = last_direct
                    && whole
                    && (ls as usize + 1 == s || ls as usize == s)
                    && out[k].1.speaker.is_some()
                {
                    out[k].1.content.extend(content);
                    consumed[g] = true;
                    last_direct = Some((k, self.t[close.min(self.toks.len() - 1)].sent));
                    continue;
                }
                // A quote standing alone at the start of a paragraph right
                // after an attributed quote goes on with its speaker (`“A,”
                // Peskov said.` / `“B.”`); otherwise it has no speaker.
                consumed[g] = true;
                let speaker = (open == range.start)
                    .then(|| out.last())
                    .flatten()
                    .filter(|(t, q)| {
                        let ts = self.t[*t].sent as usize;
                        ts + 1 == s && q.cue.is_some() && matches!(q.kind, QuoteKind::Direct | QuoteKind::Mixed)
                    })
                    .and_then(|(_, q)| q.speaker.clone());
                out.push((open, Quote { kind: QuoteKind::Direct, content, cue: None, speaker }));
                last_direct = None;
            }
            // 2. Reported speech.
            if self.cues_in[s] > 0 {
                self.reported(s, &mut consumed, &mut out, groups);
            }
        }
        // 3. Quoted phrases no attribution took: partial.
        for g in 0..groups.len() {
            if embedded[g] && !consumed[g] {
                let parts = groups.parts(g);
                let content: Vec<Span> = parts.iter().filter_map(|&p| self.part_span(p)).collect();
                if !content.is_empty() {
                    out.push((parts[0].0, Quote { kind: QuoteKind::Partial, content, cue: None, speaker: None }));
                }
            }
        }
        out.sort_by_key(|(t, q)| (q.content.first().map_or(self.toks[*t].span.start, |c| c.start), *t));
        (self.consumed, self.embedded) = (consumed, embedded);
        // Allocated at its size, and `out` kept.
        let quotes = out.drain(..).map(|(_, q)| q).collect();
        self.out = out;
        quotes
    }

    /// The buffers, for the next article (see [`Scratch`]).
    fn into_scratch(self, groups: Groups) -> Scratch {
        Scratch {
            t: self.t,
            marks: self.marks,
            cue_at: self.cue_at,
            cues_in: self.cues_in,
            anchors: self.anchor_buf,
            history: self.history,
            consumed: self.consumed,
            embedded: self.embedded,
            groups,
            out: self.out,
            by_cue: self.by_cue,
        }
    }

    /// A paragraph that starts with a speaker's label: `PENCE: Well, ...`
    /// (a transcript: direct) or `Pence: Flowers won't be at debate` (a
    /// headline: indirect). The content runs to the paragraph's end.
    fn speaker_label(&mut self, s: usize) -> Option<(Quote, usize)> {
        let sent = &self.sents[s];
        if s > 0 && self.sents[s - 1].paragraph == sent.paragraph {
            return None;
        }
        let mut lo = sent.tokens.start;
        // `"PENCE: Well, ...` in a transcript quoted paragraph by paragraph.
        let mark = matches!(self.toks.get(lo).map(|t| t.kind), Some(TokenKind::Quote(_))).then_some(lo);
        if mark.is_some() {
            lo += 1;
        }
        let outer = mark.map_or(0, |m| self.t[m].qid);
        let colon = (lo + 1..(lo + 5).min(sent.tokens.end)).find(|&k| self.is_punct(k, ":"))?;
        let label = lo..colon;
        let all_words = label.clone().all(|k| {
            let t = &self.toks[k];
            t.kind == TokenKind::Word && t.case.is_capitalised() && self.t[k].qid == outer
                || t.kind == TokenKind::Punct && self.word(k) == "."
        });
        if !all_words || label.clone().any(|k| is_any(self.bytes(k), &LABEL_NOT_SPEAKER)) {
            return None;
        }
        let transcript = label.clone().all(|k| !matches!(self.toks[k].case, gazette_tokenizer::Case::Title));
        // The paragraph's last token.
        let mut e = s;
        while e + 1 < self.sents.len() && self.sents[e + 1].paragraph == sent.paragraph {
            e += 1;
        }
        let content = self.trim_content(colon + 1..self.sents[e].tokens.end)?;
        if content.clone().filter(|&k| self.toks[k].kind == TokenKind::Word).count() < 3 {
            return None;
        }
        let found = (lo..colon)
            .find_map(|k| (self.t[k].m_start != 0).then(|| Found::Mention(self.t[k].m_start as usize - 1)))
            .unwrap_or(Found::Name(lo, colon - 1));
        let speaker = Some(self.resolve(found));
        let kind = if transcript { QuoteKind::Direct } else { QuoteKind::Indirect };
        let span = self.span_of(content.start, content.end);
        // The marks around the turn are the transcript's, not a quote of their own.
        self.labelled = outer;
        Some((Quote { kind, content: vec![span], cue: None, speaker }, content.start))
    }

    /// A speech verb (`said`, `told`) ends at token `b`: a quote right after
    /// it is its direct content, not a phrase inside a clause.
    fn cue_ends_at(&self, b: usize) -> bool {
        (b.saturating_sub(3)..=b).any(|k| {
            self.cue_hit(k).is_some_and(|(e, end)| {
                end == b + 1 && matches!(self.entry(e).class, CueClass::Verb | CueClass::VerbObj)
            })
        })
    }

    /// Marks the cue at token `k` taken by a quote (`usize::MAX`, the cue of
    /// a dash and a name, is none).
    fn take_cue(&self, k: usize) {
        if let Some(x) = self.t.get(k) {
            x.cls.set(x.cls.get() | class::USED_CUE);
        }
    }

    /// Whether a quote has taken the cue at token `k`.
    fn cue_taken(&self, k: usize) -> bool {
        self.t.get(k).is_some_and(|x| x.cls.get() & class::USED_CUE != 0)
    }

    fn cue_hit(&self, k: usize) -> Option<(u32, usize)> {
        let e = u32::from(self.t.get(k).map_or(NO_CUE, |x| x.cue));
        (e != u32::from(NO_CUE)).then(|| (e, k + 1 + self.entry(e).rest.len()))
    }

    /// `“...,” Peskov said` / `“...,” said Peskov` / `“...,” the spokesman told reporters`.
    fn frame_after(&self, close: usize) -> Option<(usize, usize, u32, Option<Found>)> {
        let mut range = self.sentence_range(close);
        // `“...!” Trump wrote.`: a quote ending in `!` or `?` may end its
        // sentence; the frame is then the next, short sentence.
        if range.end == close + 1 {
            let s = self.t[close].sent as usize;
            match self.sents.get(s + 1) {
                Some(n)
                    if n.paragraph == self.sents[s].paragraph
                        && (self.trailing_rest(n.tokens.start, n.tokens.end.min(n.tokens.start + 12))
                            || n_short(n)) =>
                {
                    range = n.tokens.clone()
                }
                _ => return None,
            }
        }
        let mut j = close + 1;
        if self.is_punct(j, ",") {
            j += 1;
        }
        let hi = range.end;
        // `“...” ― Sonya Herridge`: a dash and a name, no cue.
        if j + 1 < hi && matches!(self.word(j), "―" | "—" | "–") {
            let at = j + 1;
            if self.t[at].m_start != 0 {
                return Some((usize::MAX, usize::MAX, u32::MAX, Some(Found::Mention(self.t[at].m_start as usize - 1))));
            }
            let mut e = at;
            while e < hi && e < at + 5 && self.toks[e].case.is_capitalised() && self.toks[e].kind == TokenKind::Word {
                e += 1;
            }
            if e > at {
                return Some((usize::MAX, usize::MAX, u32::MAX, Some(Found::Name(at, e - 1))));
            }
        }
        let mut k = j;
        while k < hi && k < j + 8 {
            if self.t[k].qid != 0 || self.is_punct(k, ";") {
                break;
            }
            if let Some((e, end)) = self.cue_hit(k)
                && !self.cue_taken(k)
                && matches!(self.entry(e).class, CueClass::Verb | CueClass::VerbObj)
            {
                let found = if k == j {
                    self.subject_after(end, hi).or_else(|| self.subject_after_aux(end, hi))
                } else {
                    self.subject_before(k, j.saturating_sub(1))
                };
                found?;
                return Some((k, end, e, found));
            }
            k += 1;
        }
        None
    }

    /// `said on Wednesday Peskov` is rare; `said Peskov` is handled by
    /// `subject_after`; this allows one time word: `said Monday the spokesman`.
    fn subject_after_aux(&self, at: usize, hi: usize) -> Option<Found> {
        if at < hi && self.is(at, class::SKIP | class::TIME) {
            return self.subject_after(at + 1, hi);
        }
        None
    }

    /// `Peskov said: “...”` / `Peskov told reporters on Monday, “...”`.
    fn frame_before(&self, open: usize) -> Option<(usize, usize, u32, Option<Found>)> {
        let range = self.sentence_range(open);
        let lo = range.start;
        let mut k = open;
        while k > lo && open - k < 8 {
            k -= 1;
            if self.t[k].qid != 0 {
                return None;
            }
            if let Some((e, end)) = self.cue_hit(k)
                && !self.cue_taken(k)
                && matches!(self.entry(e).class, CueClass::Verb | CueClass::VerbObj)
            {
                let found = self.subject_before(k, lo).or_else(|| self.subject_after(end, open));
                return Some((k, end, e, found));
            }
        }
        None
    }

    /// A quote opening a paragraph or sentence after one that ends with a
    /// colon and has a cue: `Peskov told reporters:` / `“...”`.
    fn frame_colon(&self, open: usize) -> Option<(usize, usize, u32, Option<Found>)> {
        let s = self.t[open].sent as usize;
        if s == 0 || self.sents[s].tokens.start != open {
            return None;
        }
        let prev = self.sents[s - 1].tokens.clone();
        if prev.is_empty() || !self.is_punct(prev.end - 1, ":") {
            return None;
        }
        // `It read in part:` has no cue: no attribution.
        self.frame_before(prev.end - 1)
    }

    /// Reported speech in sentence `s`.
    fn reported(&mut self, s: usize, consumed: &mut [bool], out: &mut Vec<(usize, Quote)>, groups: &Groups) {
        let range = self.sents[s].tokens.clone();
        // One buffer for every sentence's anchors.
        let mut anchors = std::mem::take(&mut self.anchor_buf);
        anchors.clear();
        let mut last_speaker: Option<Speaker> =
            out.last().filter(|(t, _)| self.t[*t].sent as usize == s).and_then(|(_, q)| q.speaker.clone());
        // Where the content of a trailing frame (`..., X said`) may start:
        // the sentence start, or past the previous attribution.
        let mut floor = range.start;
        // The quotes of this sentence by their cue's start, the latest for
        // each: built at the first direct quote's cue, once per sentence, in
        // the map of the sentence before (cleared; a small one only, so that
        // clearing it takes a bounded time).
        let mut by_cue: Option<FxHashMap<usize, usize>> = None;
        // The sentence's cues, in order (no two overlap).
        while self.cue_at.get(self.next_cue).is_some_and(|&k| k < range.start) {
            self.next_cue += 1;
        }
        while let Some(&k) = self.cue_at.get(self.next_cue).filter(|&&k| k < range.end) {
            self.next_cue += 1;
            let e = u32::from(self.t[k].cue);
            let end = k + 1 + self.entry(e).rest.len();
            if self.cue_taken(k) {
                // A direct quote's cue; its speaker carries to `adding that`.
                // Only quotes of this sentence can have it (the walk stops at
                // the first quote before the sentence: linear overall).
                let by_cue = by_cue.get_or_insert_with(|| {
                    let mut map = std::mem::take(&mut self.by_cue);
                    map.clear();
                    let from = self.toks[range.start].span.start;
                    for (i, (_, q)) in out
                        .iter()
                        .enumerate()
                        .rev()
                        .take_while(|(_, (_, q))| q.content.first().is_some_and(|c| c.end >= from))
                    {
                        if let Some(c) = &q.cue {
                            map.entry(c.span.start).or_insert(i);
                        }
                    }
                    map
                });
                if let Some(&i) = by_cue.get(&self.toks[k].span.start) {
                    last_speaker = out[i].1.speaker.clone();
                }
                continue;
            }
            let entry = self.entry(e);
            let hi = range.end;
            let anchor = match entry.class {
                // (The sentence's next cues are the next of `cue_at`.)
                CueClass::Verb | CueClass::VerbObj
                    if self.cue_at[self.next_cue..]
                        .iter()
                        .take_while(|&&j| j < (end + 6).min(hi))
                        .any(|&j| self.entry(u32::from(self.t[j].cue)).class == CueClass::AsSaying) =>
                {
                    // `TASS quoted Ushakov as saying`: the `as saying` cue speaks.
                    None
                }
                // `was told`, `is expected`, `were rejected`: passive, the
                // subject is no speaker.
                CueClass::Verb | CueClass::VerbObj | CueClass::Stance if self.passive(k, range.start) => None,
                // `His views were`, `the plans`: a noun after a determiner.
                CueClass::Verb | CueClass::VerbObj | CueClass::Stance
                    if k > range.start
                        && is_any(
                            self.bytes(k - 1),
                            &["his", "her", "its", "their", "the", "a", "an", "our", "my", "your"],
                        ) =>
                {
                    None
                }
                CueClass::Verb | CueClass::VerbObj | CueClass::Stance => {
                    let after_comma = k > range.start && self.is_punct(k - 1, ",");
                    if entry.participle && after_comma {
                        // `..., adding that ...`: the subject of the clause
                        // before, or of the sentence.
                        let sp = match last_speaker.clone() {
                            Some(sp) => sp,
                            None => match self.sentence_subject(range.start, k) {
                                Some(found) => self.resolve(found),
                                None => continue,
                            },
                        };
                        let start = self.content_start(end, hi, entry.class == CueClass::VerbObj);
                        Some(Anchor::new(k, end, e, Some(sp), start..hi, k - 1))
                    } else if let Some(found) = self.subject_before(k, range.start).filter(|f| {
                        // `the diplomatic note`: a base form that is also a noun
                        // needs a subject that is surely one.
                        let weak = matches!(*f, Found::Nominal(_, h) if !self.is(h, class::SPEAKER))
                            || matches!(*f, Found::Phrase(..) | Found::Name(..));
                        let noun_like = entry.rest.is_empty()
                            && self.word_is(k, entry.lemma)
                            && !matches!(
                                &*entry.lemma,
                                "say" | "tell" | "think" | "believe" | "argue" | "insist" | "warn"
                            );
                        !(weak && noun_like)
                    }) {
                        let subj_start = found.tokens(self.mentions, self.toks).0;
                        // `..., Mr. Obama said, ...`: the comma may come before a title.
                        let mut before = subj_start;
                        while before > range.start + 1
                            && (self.is_punct(before - 1, ".")
                                || is_any(
                                    self.bytes(before - 1),
                                    &["Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr."],
                                ))
                        {
                            before -= 1;
                        }
                        let subj_start = before;
                        let trailing = subj_start > range.start
                            && entry.class != CueClass::Stance
                            && self.is_punct(subj_start - 1, ",")
                            && self.trailing_rest(end, hi);
                        if trailing {
                            let speaker = Some(self.resolve(found));
                            Some(Anchor::new(k, end, e, speaker, floor..subj_start - 1, subj_start - 1))
                        } else {
                            let start = self.content_start(end, hi, entry.class == CueClass::VerbObj);
                            // Only the plain reporting verbs take a clause
                            // without `that` (`agreed to stay` is no speech).
                            let that = start > end && self.word_is(start - 1, "that");
                            let colon = start > end && self.is_punct(start - 1, ":");
                            let stance = entry.class == CueClass::Stance;
                            // `a study found ...`: what a document finds is
                            // its content.
                            let (_, subj_end) = found.tokens(self.mentions, self.toks);
                            let document =
                                self.is(subj_end, class::SPEAKER) && is_any(self.bytes(subj_end), &DOCUMENTS);
                            if that || colon || stance || document || !OBJECT_NOT_SPEECH.contains(&entry.lemma) {
                                let speaker = Some(self.resolve(found));
                                Some(Anchor::new(k, end, e, speaker, start..hi, subj_start))
                            } else {
                                None
                            }
                        }
                    } else if after_comma && entry.class != CueClass::Stance && self.trailing_rest(end, hi) {
                        // `..., said Peskov.`
                        match self.subject_after(end, hi).or_else(|| self.subject_after_aux(end, hi)) {
                            Some(found) => {
                                let speaker = Some(self.resolve(found));
                                Some(Anchor::new(k, end, e, speaker, floor..k - 1, k - 1))
                            }
                            None => None,
                        }
                    } else {
                        None
                    }
                }
                CueClass::SpeakerAfter => {
                    match self.subject_after(end, hi).or_else(|| self.phrase_until_comma(end, hi)) {
                        Some(found) => {
                            let np_end = found.tokens(self.mentions, self.toks).1 + 1;
                            let speaker = Some(self.resolve(found));
                            let at_start = k == range.start
                                || (k == range.start + 1 && self.toks[range.start].kind != TokenKind::Word);
                            if at_start {
                                // `According to X, CONTENT.`
                                let mut c = np_end;
                                while c < hi && c < np_end + 8 && !self.is_punct(c, ",") {
                                    c += 1;
                                }
                                let start = if self.is_punct(c, ",") { c + 1 } else { np_end };
                                Some(Anchor::new(k, end, e, speaker, start..hi, k))
                            } else {
                                let stop = if self.is_punct(k - 1, ",") { k - 1 } else { k };
                                Some(Anchor::new(k, end, e, speaker, floor..stop, stop))
                            }
                        }
                        None => None,
                    }
                }
                CueClass::AsSaying => {
                    // `quoted him as saying`, `X was quoted as saying`.
                    let before = k.checked_sub(1).filter(|&b| b >= range.start);
                    let found = before.and_then(|b| {
                        if self.t[b].m_end != 0 {
                            Some(Found::Mention(self.t[b].m_end as usize - 1))
                        } else if self.is(b, class::OBJ) {
                            Some(Found::Pronoun(b))
                        } else if self.word_is(b, "quoted") {
                            self.subject_before(b, range.start)
                        } else {
                            None
                        }
                    });
                    match found {
                        Some(found) => {
                            let start = found.tokens(self.mentions, self.toks).0;
                            let speaker = Some(self.resolve(found));
                            let frame = self.clause_begin_of_frame(start, range.start);
                            Some(Anchor::new(k, end, e, speaker, self.content_start(end, hi, false)..hi, frame))
                        }
                        None => None,
                    }
                }
                CueClass::Noun => {
                    // `Trump’s remark that ...`
                    let poss =
                        k >= range.start + 2 && matches!(self.word(k - 1), "'s" | "’s") && self.t[k - 2].m_end != 0;
                    let that =
                        self.toks.get(end).is_some_and(|t| self.word_is(end, "that") && t.kind == TokenKind::Word);
                    if poss && that {
                        let m = self.t[k - 2].m_end as usize - 1;
                        let speaker = Some(self.resolve(Found::Mention(m)));
                        Some(Anchor::new(k, end, e, speaker, end + 1..hi, self.mentions[m].token))
                    } else {
                        None
                    }
                }
                CueClass::Frame => None,
            };
            if let Some(a) = anchor {
                last_speaker = a.speaker.clone();
                // A later trailing frame's content starts after this frame
                // (`A, officials said, B, a diplomat said`); a forward
                // report's clause may be what a later frame reports.
                if a.content.end <= a.cue {
                    let speaker_end =
                        a.speaker.as_ref().map_or(0, |sp| self.toks.partition_point(|t| t.span.start < sp.span.end));
                    floor = floor.max(a.cue_end).max(speaker_end.min(range.end));
                }
                anchors.push(a);
            }
        }
        // An attribution inside the clause of an earlier one, with no comma
        // or conjunction before it, is reported inside that clause (`Merrill
        // says Machado promised ...`): it is a quote of its own, and the
        // outer content goes on over it.
        let mut outer: Option<usize> = None;
        for idx in 0..anchors.len() {
            let a = &anchors[idx];
            let mut nested = false;
            if let Some(o) = outer {
                let p = &anchors[o];
                let separated = a.content.end <= a.cue
                    || self.is_punct(a.frame_start, ",")
                    || a.frame_start > 0
                        && (self.is_punct(a.frame_start - 1, ",")
                            || self.is_punct(a.frame_start - 1, ";")
                            || is_any(
                                self.bytes(a.frame_start - 1),
                                &["but", "while", "whereas", "although", "though"],
                            ));
                nested = p.content.start > p.cue
                    && a.frame_start >= p.content.start
                    && a.frame_start < p.content.end
                    && !separated;
            }
            anchors[idx].nested = nested;
            if !nested {
                outer = Some(idx);
            }
        }
        // A position inside someone else's report is theirs to report, not
        // a quote of its own (`Peskov denied that Moscow had rejected ...`).
        // The same for a verb with an object rather than a reported clause
        // (`adding that the leaders agreed to stay`).
        let reports_speech = |a: &Anchor| {
            let entry = self.entry(a.entry);
            let c = a.content.start;
            // A speaker that can speak: an entity, a name or pronoun, or a
            // speaker noun (not `the attack showed that`).
            let speaks = a.speaker.as_ref().is_some_and(|sp| {
                let head = self.toks.partition_point(|t| t.span.end <= sp.span.end.saturating_sub(1));
                sp.entity.is_some()
                    || sp.span.text(self.text).starts_with(|ch: char| ch.is_uppercase())
                    || self.is(head, class::SPEAKER | class::SUBJ)
            });
            speaks
                && matches!(
                    entry.class,
                    CueClass::Verb | CueClass::VerbObj | CueClass::AsSaying | CueClass::SpeakerAfter
                )
                && (c < a.cue
                    || c > 0 && (self.word_is(c - 1, "that") || self.is_punct(c - 1, ":"))
                    || BARE_CLAUSE.contains(&entry.lemma)
                    || entry.class != CueClass::Verb && entry.class != CueClass::VerbObj)
        };
        anchors.retain(|a| !a.nested || reports_speech(a));
        // The next frame after each anchor: the next outer one for an outer
        // anchor (its clause goes over nested ones), the very next one for a
        // nested anchor. One backward pass keeps this linear.
        let mut seen = None;
        for idx in (0..anchors.len()).rev() {
            anchors[idx].next_frame =
                if anchors[idx].nested { anchors.get(idx + 1).map(|n| n.frame_start) } else { seen };
            if !anchors[idx].nested {
                seen = Some(anchors[idx].frame_start);
            }
        }
        for a in &anchors {
            let next_frame = a.next_frame;
            let mut content = a.content.clone();
            if content.start > a.cue
                && let Some(nf) = next_frame
                && (nf > content.start || a.nested)
            {
                // Back over `, but` / `, and` / `;` before the next clause; for
                // a nested report, a frame right where its content would start
                // leaves none (`he said he said ...` stays linear).
                let mut stop = nf.max(content.start);
                while stop > content.start
                    && (self.is_punct(stop - 1, ",")
                        || self.is_punct(stop - 1, ";")
                        || is_any(
                            self.bytes(stop - 1),
                            &["but", "and", "while", "although", "though", "as", "whereas"],
                        ))
                {
                    stop -= 1;
                }
                content.end = content.end.min(stop);
            }
            // `The governor added: It's typical. She knows nothing.`: words
            // after a colon run on over the paragraph's next sentences, up to
            // one that has a cue of its own.
            if content.start > a.cue && self.is_punct(content.start - 1, ":") && content.end == range.end {
                content.end = self.colon_content_end(s);
            }
            let Some(content) = self.trim_content(content) else { continue };
            // `said last week`, `said in a phone interview`, `reported by the
            // Post`: an adverbial or a passive agent, no content.
            let after_that = content.start > 0 && self.word_is(content.start - 1, "that");
            if content.start > a.cue && !after_that && self.is(content.start, class::NOT_START) {
                continue;
            }
            if !self.two_words(content.clone()) {
                continue;
            }
            let mut kind =
                if self.take_quotes(content.clone(), consumed) { QuoteKind::Mixed } else { QuoteKind::Indirect };
            // Content that is exactly one direct quote already taken: skip.
            if kind == QuoteKind::Mixed {
                let g = self.t[content.start].qid;
                if g != 0
                    && self.t[content.end - 1].qid == g
                    && groups.parts(g as usize - 1).len() == 1
                    && self.quote_placed_at(out, groups.open(g as usize - 1))
                {
                    continue;
                }
            }
            self.take_cue(a.cue);
            let mut spans = vec![self.span_of(content.start, content.end)];
            // `African-Americans, he said, can rock`: the clause goes on
            // after a parenthetical frame.
            if content.end <= a.cue && self.is_punct(a.cue_end, ",") {
                // A trailing frame is never nested: its next frame is the next outer one.
                let next = a.next_frame.unwrap_or(range.end);
                if let Some(rest) = self.trim_content(a.cue_end + 1..next.max(a.cue_end + 1))
                    && self.two_words(rest.clone())
                {
                    if self.take_quotes(rest.clone(), consumed) {
                        kind = QuoteKind::Mixed;
                    }
                    spans.push(self.span_of(rest.start, rest.end));
                }
            }
            out.push((
                content.start,
                Quote {
                    kind,
                    content: spans,
                    cue: Some(self.cue(a.cue, a.cue_end, a.entry)),
                    speaker: a.speaker.clone(),
                },
            ));
        }
        self.anchor_buf = anchors;
        if let Some(map) = by_cue
            && map.capacity() <= SMALL_MAP
        {
            self.by_cue = map;
        }
    }

    /// Whether tokens `r` hold at least two words.
    fn two_words(&self, r: std::ops::Range<usize>) -> bool {
        self.toks[r].iter().filter(|t| t.kind == TokenKind::Word).nth(1).is_some()
    }

    /// Marks the quote groups with tokens in `r` consumed, and says whether
    /// there were any.
    fn take_quotes(&self, r: std::ops::Range<usize>, consumed: &mut [bool]) -> bool {
        // A group's tokens run from a mark (every quote mark is one of
        // `marks`) to its closing mark: a range holds some only if it starts
        // inside a group or holds a mark. Most hold neither.
        let mark = self.marks.partition_point(|&i| i < r.start);
        if self.t.get(r.start).is_none_or(|x| x.qid == 0) && self.marks.get(mark).is_none_or(|&i| i >= r.end) {
            return false;
        }
        let mut any = false;
        for x in &self.t[r] {
            if x.qid != 0 {
                any = true;
                consumed[x.qid as usize - 1] = true;
            }
        }
        any
    }

    /// Whether a quote of `out` (the quotes found so far, each with its
    /// token) is placed at token `t`. `out` only grows while the article is
    /// read, so the set takes in the quotes added since the last call: each
    /// quote is looked at once, not once per question.
    fn quote_placed_at(&mut self, out: &[(usize, Quote)], t: usize) -> bool {
        for &(at, _) in &out[self.starts_seen.min(out.len())..] {
            self.starts.insert(at);
        }
        self.starts_seen = out.len();
        self.starts.contains(&t)
    }

    /// `according to a poll released last week, ...`: the words up to the
    /// next comma or the sentence end, at most fifteen tokens.
    fn phrase_until_comma(&self, from: usize, hi: usize) -> Option<Found> {
        let mut k = from;
        while k < hi && k < from + 15 && self.t[k].qid == 0 && !self.is_punct(k, ",") {
            k += 1;
        }
        let r = self.trim_content(from..k)?;
        (k == hi || self.is_punct(k, ",") || k == from + 15).then(|| Found::Name(r.start, r.end - 1))
    }

    fn clause_begin_of_frame(&self, start: usize, lo: usize) -> usize {
        let mut k = start;
        while k > lo
            && (self.toks[k - 1].kind == TokenKind::Word && !is_any(self.bytes(k - 1), &["but", "and"]))
            && start - k < 6
        {
            k -= 1;
        }
        k
    }

    /// One past the last token of the sentences that follow sentence `s` in
    /// its paragraph and have no cue (each is walked for one colon at most,
    /// as the walk stops at the next sentence with a cue).
    fn colon_content_end(&self, s: usize) -> usize {
        let para = self.sents[s].paragraph;
        let mut e = s;
        while e + 1 < self.sents.len() && self.sents[e + 1].paragraph == para && self.cues_in[e + 1] == 0 {
            e += 1;
        }
        self.sents[e].tokens.end
    }

    /// After a `CONTENT, X said` frame only trailing words remain: at most
    /// six tokens, no `that`, no quote.
    fn trailing_rest(&self, from: usize, hi: usize) -> bool {
        // Up to the first comma (`said Friday afternoon, as they ...`),
        // looking at no more than a dozen tokens.
        let mut words = 0;
        for i in from..hi {
            if self.is_punct(i, ",") {
                break;
            }
            if i >= from + 12 || self.t[i].qid != 0 {
                return false;
            }
            if self.toks[i].kind == TokenKind::Word {
                words += 1;
                if words > 5 || self.word_is(i, "that") {
                    return false;
                }
            }
        }
        true
    }

    /// Where forward content starts after a cue ending at `end`: after an
    /// object for `told`-like cues, after `that` when it comes within six
    /// tokens.
    fn content_start(&self, end: usize, hi: usize, object: bool) -> usize {
        let mut start = end;
        for k in end..(end + 7).min(hi) {
            // Not past another cue: in `said the attack showed that`, the
            // `that` belongs to `showed`.
            if self.t[k].qid != 0 || k > end + 3 && self.is_punct(k, ",") || k > end && self.is_verb_cue(k) {
                break;
            }
            // `that` opening a clause, not ending one (`could change that`):
            // the words after it are counted only after a `that`.
            let clause_follows = || {
                (k + 1..(k + 4).min(hi))
                    .filter(|&j| matches!(self.toks[j].kind, TokenKind::Word | TokenKind::Number))
                    .count()
                    >= 2
            };
            if self.hashes[k] == self.lex.that && self.word_is(k, "that") && clause_follows() {
                return k + 1;
            }
        }
        if object && start < hi {
            if self.t[start].m_start != 0 {
                start = end_token(self.toks, &self.mentions[self.t[start].m_start as usize - 1]);
            } else if self.is(start, class::OBJ | class::AUDIENCE) {
                start += 1;
            } else if is_any(self.bytes(start), &["the", "a", "an"]) && start + 1 < hi {
                start += 2;
            }
        }
        // Adverbials right after the cue: `said on Wednesday`, `said last
        // week`, `said in a statement`, `told reporters Monday`.
        loop {
            while start < hi && (self.is_punct(start, ":") || self.is_punct(start, ",")) {
                start += 1;
            }
            if start >= hi {
                break;
            }
            if let Some((e, end)) = self.cue_hit(start)
                && self.entry(e).class == CueClass::Frame
            {
                start = end;
                continue;
            }
            let w = self.bytes(start);
            if self.is(start, class::TIME) {
                start += 1;
                continue;
            }
            if is_any(w, &["on", "last", "this", "next", "early", "late"]) && self.is(start + 1, class::TIME) {
                start += 2;
                continue;
            }
            break;
        }
        start
    }

    /// Drops final sentence punctuation and separators at both ends.
    fn trim_content(&self, mut r: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        while r.start < r.end
            && self.toks[r.start].kind == TokenKind::Punct
            && !matches!(self.bytes(r.start), b"(" | b"[")
        {
            r.start += 1;
        }
        while r.end > r.start
            && self.toks[r.end - 1].kind == TokenKind::Punct
            && !matches!(self.bytes(r.end - 1), b")" | b"]")
        {
            r.end -= 1;
        }
        (r.start < r.end).then_some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cues of [`Ctx::find_cues`] (filters, hashes, a list of candidate
    /// words) against a plain scan of every token with the rules written
    /// out: at each word outside quotes and mentions, not all capitals and,
    /// if capitalised, opening its sentence or inside a capitalised run, the
    /// longest entry whose words all follow (the earlier entry of two as
    /// long), but `think` before `tank`.
    fn plain_cues(ctx: &Ctx) -> Vec<(usize, u32)> {
        let (toks, text) = (ctx.toks, ctx.text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let eligible = t.kind == TokenKind::Word
                && t.case != gazette_tokenizer::Case::Upper
                && ctx.t[i].qid == 0
                && !(t.case == gazette_tokenizer::Case::Title && !ctx.opens_sentence(i) && !ctx.headline_word(i))
                && ctx.t[i].cls.get() & class::IN_MENTION == 0;
            let words_at = |e: &CueEntry| {
                std::iter::once(e.first).chain(e.rest.iter().copied()).enumerate().all(|(k, w)| {
                    toks.get(i + k).is_some_and(|u| {
                        (k == 0 || u.kind == TokenKind::Word && ctx.t[i + k].qid == 0)
                            && u.text(text).eq_ignore_ascii_case(w)
                    })
                })
            };
            let mut best: Option<(usize, u32)> = None;
            for (e, entry) in ctx.lex.entries.iter().enumerate() {
                let len = 1 + entry.rest.len();
                if eligible && words_at(entry) && best.is_none_or(|(l, _)| len > l) {
                    best = Some((len, e as u32));
                }
            }
            let best = best.filter(|&(len, e)| {
                !(ctx.lex.entries[e as usize].lemma == "think"
                    && toks.get(i + len).is_some_and(|u| matches!(u.text(text), "tank" | "tanks")))
            });
            match best {
                Some((len, e)) => {
                    out.push((i, e));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn cues_found_through_the_filters_are_those_of_a_plain_scan_and_buffers_carry_nothing_over() {
        let lex = CueLexicon::embedded().unwrap();
        // The lexicon's own cues and words (so that multiword cues are made,
        // and broken), a few others, marks and punctuation, in any case.
        let mut vocab: Vec<String> = lex
            .entries
            .iter()
            .flat_map(|e| std::iter::once(e.first).chain(e.rest.iter().copied()))
            .map(str::to_string)
            .collect();
        vocab.sort();
        vocab.dedup();
        let others = ["the", "minister", "tank", "tanks", "Peskov", "“", "”", "\"", "'", ",", ".", ":", "\n\n"];
        let tokenizer = gazette_tokenizer::Tokenizer::new();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut multiword = 0;
        let mut quotes = 0;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..80 {
                let r = next();
                let w = match r % 4 {
                    0 => others[(r >> 8) as usize % others.len()].to_string(),
                    // A whole cue, maybe cut short by the next word.
                    1 => {
                        let e = &lex.entries[(r >> 8) as usize % lex.entries.len()];
                        std::iter::once(e.first).chain(e.rest.iter().copied()).collect::<Vec<_>>().join(" ")
                    }
                    _ => vocab[(r >> 8) as usize % vocab.len()].clone(),
                };
                let w = match (r >> 40) % 8 {
                    0 => w.to_uppercase(),
                    1 => {
                        let mut c = w.chars();
                        c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
                    }
                    _ => w,
                };
                text.push_str(&w);
                text.push(' ');
            }
            let analysis = tokenizer.analyze(&text);
            let hashes = crate::fold::word_hashes(&text, &analysis.tokens);
            let no_name = |_: EntityRef| "";
            let (ctx, groups) = Ctx::new(&lex, &text, &analysis, &hashes, &[], &no_name, Scratch::default());
            let fast: Vec<(usize, u32)> = ctx.cue_at.iter().map(|&i| (i, u32::from(ctx.t[i].cue))).collect();
            assert_eq!(fast, plain_cues(&ctx), "{text}");
            multiword += fast.iter().filter(|&&(_, e)| !lex.entries[e as usize].rest.is_empty()).count();
            // The walk that finds the candidates finds every quote mark.
            let marks: Vec<usize> = (0..analysis.tokens.len())
                .filter(|&i| matches!(analysis.tokens[i].kind, TokenKind::Quote(_)))
                .collect();
            assert_eq!(groups, pair_marks(&text, &analysis, &marks, Groups::default()), "{text}");
            // Whether a range holds tokens of a group: looked up, and walked.
            let mut consumed = vec![false; groups.len()];
            for _ in 0..20 {
                let r = next() as usize % analysis.tokens.len();
                let r = r..(r + 1 + next() as usize % 30).min(analysis.tokens.len());
                let walked = ctx.t[r.clone()].iter().any(|x| x.qid != 0);
                assert_eq!(ctx.take_quotes(r.clone(), &mut consumed), walked, "{r:?} {text}");
            }
            // `Ctx::run` walks the groups in their order: that of their opening marks.
            assert!((1..groups.len()).all(|g| groups.open(g - 1) < groups.open(g)), "{text}");
            // The quotes found with the buffers of the texts before are those
            // found with new ones.
            let reused = find(&lex, &text, &analysis, &hashes, &[], &no_name);
            let (mut ctx, groups) = Ctx::new(&lex, &text, &analysis, &hashes, &[], &no_name, Scratch::default());
            assert_eq!(reused, ctx.run(&groups), "{text}");
            quotes += reused.len();
        }
        assert!(quotes > 100, "{quotes}");
        // The texts make multiword cues, not only single words.
        assert!(multiword > 100, "{multiword}");
    }
}
