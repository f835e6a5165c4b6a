//! The pipeline: builder, configuration and per-article processing.

use gazette_tokenizer::{Analysis, Rules, Span, Tokenizer};

use crate::entities::{self, EntityRef, MatchHow, Mention, NewEntity};
use crate::gazetteer::{Actor, Gazetteer, GazetteerBuilder};
use crate::names::{self, NameRules};
use crate::quotes::Quote;
use crate::record::{
    ActorRecord, ArticleRecord, AttributionRecord, CueRecord, EntityRecord, ErrorKind, ErrorRecord, EventMention,
    EventRecord, MentionRecord, PlaceRecord, QuantityRecord, QuoteRecord, Record, SentenceRef, Severity, SpeakerRecord,
    TextSpan, TimeRecord, TriggerRecord,
};
use crate::{Article, Date, Error};
use smol_str::SmolStr;

/// Articles with more text than this are refused by default (16 MiB).
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 << 20;

/// Builds a [`Pipeline`].
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    max_article_bytes: usize,
    sentence_rules: Option<Rules>,
    default_gazetteer: bool,
    gazetteer_sources: Vec<(String, String)>,
    quotes: bool,
    events: bool,
    entity_records: bool,
    quote_records: bool,
    article_details: bool,
}

impl PipelineBuilder {
    /// Fill the article record's title, sentences and paragraphs (the
    /// default) or not: [`Extraction::article`] then has no title and empty
    /// sentence and paragraph lists, while its id, date, url, source and
    /// counts, which the other records read, and every other record are
    /// unchanged. For callers that write no article record (the CLI's
    /// default output).
    pub fn article_details(mut self, on: bool) -> Self {
        self.article_details = on;
        self
    }

    /// Build entity records (the default) or not: [`Extraction::entities`] is
    /// then empty, while [`Extraction::mentions`] and every later stage are
    /// unchanged. For callers that write no entity record (the CLI's default
    /// output), this saves about a tenth of the pipeline's time.
    pub fn entity_records(mut self, on: bool) -> Self {
        self.entity_records = on;
        self
    }

    /// Build quote records (the default) or not: [`Extraction::quotes`] is
    /// then empty, while the quote stage still runs for the events (an
    /// event's `attribution` is unchanged). For callers that write events
    /// but no quotes (the CLI's default output), where the quotes' records
    /// outnumber the events' eight to one.
    pub fn quote_records(mut self, on: bool) -> Self {
        self.quote_records = on;
        self
    }

    /// Run the event stage (the default) or leave it out: [`Extraction::events`]
    /// is then empty.
    pub fn events(mut self, on: bool) -> Self {
        self.events = on;
        self
    }

    /// Run the quote stage (the default) or leave it out, for callers that
    /// want entities only: [`Extraction::quotes`] is then empty.
    pub fn quotes(mut self, on: bool) -> Self {
        self.quotes = on;
        self
    }

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
        self.build_with(|a, b| {
            a();
            b();
        })
    }

    /// [`PipelineBuilder::build`], with the two independent halves of the
    /// work (the gazetteer; the name tables and the stages' lexicons) handed
    /// to `join`, which must run both before it returns, side by side on
    /// threads of its own if it likes. The library starts no thread itself:
    /// a caller with a pool passes its join (`rayon::join`, `std::thread::scope`).
    ///
    /// ```
    /// let pipeline = gazette_extract::Pipeline::builder()
    ///     .build_with(|a, b| {
    ///         std::thread::scope(|s| {
    ///             s.spawn(a);
    ///             b();
    ///         })
    ///     })
    ///     .unwrap();
    /// assert!(!pipeline.gazetteer().entities().is_empty());
    /// ```
    ///
    /// # Panics
    ///
    /// When `join` returns without having run both halves: a bug of the
    /// caller's, not a property of the input.
    pub fn build_with<J>(self, join: J) -> Result<Pipeline, Error>
    where
        J: FnOnce(&mut (dyn FnMut() + Send), &mut (dyn FnMut() + Send)),
    {
        let mut gazetteer = None;
        let mut lexicons = None;
        let (default_gazetteer, sources) = (self.default_gazetteer, &self.gazetteer_sources);
        let (quotes, events) = (self.quotes, self.events);
        join(
            &mut || {
                let mut g = GazetteerBuilder::new();
                if default_gazetteer {
                    g = g.add_default();
                }
                for (name, text) in sources {
                    g.add_source(name, text);
                }
                gazetteer = Some(g.build());
            },
            &mut || lexicons = Some(Lexicons::embedded(quotes, events)),
        );
        const UNRUN: &str = "the join given to PipelineBuilder::build_with must run both halves";
        let gazetteer = gazetteer.expect(UNRUN)?;
        let Lexicons { mut names, cues, triggers, capitals: capital_ids } = lexicons.expect(UNRUN)?;
        let tokenizer = match self.sentence_rules {
            Some(rules) => Tokenizer::with_rules(rules),
            None => Tokenizer::new(),
        };
        let mut holders: Holders = Default::default();
        for (i, e) in gazetteer.entities().iter().enumerate().filter(|(_, e)| e.kind == crate::EntityKind::Person) {
            names.add_given_from(&e.name);
            for r in &e.roles {
                let list = holders.entry(r.title.to_lowercase()).or_default().entry(r.country.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        // The case-folded hashes of the ASCII prefixes of the role titles
        // that a word can be: a role nominal's first word, in lowercase,
        // starts a title, and holds no space or control character (the
        // tokenizer splits words there).
        let mut title_starts = crate::fold::Bloom::default();
        for title in holders.keys() {
            let word = title.bytes().take_while(|&b| b.is_ascii() && b != b' ' && !b.is_ascii_control()).count();
            for end in 1..=word {
                title_starts.insert(crate::fold::word_hash(&title.as_bytes()[..end]));
            }
        }
        // One pass over the entities, not a search per capital.
        let capital_ids: rustc_hash::FxHashSet<&str> = capital_ids.into_iter().collect();
        let capitals = gazetteer
            .entities()
            .iter()
            .enumerate()
            .filter(|(_, e)| capital_ids.contains(e.id.as_str()))
            .map(|(i, _)| i)
            .collect();
        Ok(Pipeline {
            capitals,
            triggers,
            tokenizer,
            gazetteer,
            names,
            holders,
            title_starts,
            cues,
            entity_records: self.entity_records,
            quote_records: self.quote_records,
            article_details: self.article_details,
            max_article_bytes: self.max_article_bytes,
        })
    }
}

/// The tables built beside the gazetteer: the name lists, and the lexicons
/// of the stages that run (and only those).
struct Lexicons {
    names: NameRules,
    cues: Option<crate::quotes::CueLexicon>,
    triggers: Option<crate::events::TriggerLexicon>,
    /// Ids of the gazetteer's capital cities.
    capitals: Vec<&'static str>,
}

impl Lexicons {
    fn embedded(quotes: bool, events: bool) -> Result<Lexicons, Error> {
        Ok(Lexicons {
            names: NameRules::embedded()?,
            cues: if quotes { Some(crate::quotes::CueLexicon::embedded()?) } else { None },
            triggers: if events { Some(crate::events::TriggerLexicon::embedded()?) } else { None },
            capitals: crate::events::capitals(crate::events::DEFAULT_CAPITALS)?,
        })
    }
}

/// What makes two tellings one event: type, source and target entity ids,
/// date, negation. Borrowed from the telling's parts, or from the record
/// of its first telling ([`EventKey::of`]), which keeps them unchanged.
struct EventKey<'a> {
    ty: crate::events::EventType,
    source: &'a [ActorRecord],
    target: &'a [ActorRecord],
    date: Option<Date>,
    negated: bool,
}

impl<'a> EventKey<'a> {
    fn of(r: &'a EventRecord) -> Self {
        let date = r.time.as_ref().and_then(|t| t.date);
        EventKey { ty: r.event_type, source: &r.source, target: &r.target, date, negated: r.negated }
    }

    /// The key's hash: equal keys hash alike.
    fn hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        self.ty.hash(&mut h);
        for actors in [self.source, self.target] {
            actors.len().hash(&mut h);
            for a in actors {
                a.entity_id.hash(&mut h);
            }
        }
        self.date.hash(&mut h);
        self.negated.hash(&mut h);
        h.finish()
    }

    /// Whether two keys are equal: the actors compared by their ids alone.
    fn same(&self, other: &EventKey<'_>) -> bool {
        let ids = |a: &[ActorRecord], b: &[ActorRecord]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.entity_id == y.entity_id)
        };
        self.ty == other.ty
            && ids(self.source, other.source)
            && ids(self.target, other.target)
            && self.date == other.date
            && self.negated == other.negated
    }
}

thread_local! {
    /// The word hashes of the last article [`Pipeline::process`] read on
    /// this thread: room for the next one's (as much as the largest
    /// article's, eight bytes a token).
    static HASHES: std::cell::Cell<Vec<u64>> = const { std::cell::Cell::new(Vec::new()) };
}

/// People by lowercase role title, then by country, for role nominals.
type Holders = rustc_hash::FxHashMap<String, rustc_hash::FxHashMap<String, Vec<usize>>>;

/// Runs the stages over articles. Holds no per-article state: `process` takes
/// `&self` and may be called from many threads at once.
#[derive(Debug, Clone)]
pub struct Pipeline {
    tokenizer: Tokenizer,
    gazetteer: Gazetteer,
    names: NameRules,
    /// People by (country, lowercase role title), for role nominals.
    holders: Holders,
    /// The case-folded hashes ([`crate::fold::word_hash`]) of the ASCII
    /// prefixes of those titles, up to a space: an ASCII word whose hash is
    /// not here starts no title, and is not looked up.
    title_starts: crate::fold::Bloom,
    /// Cue lexicon and speaker nouns of the quote stage, when it runs.
    cues: Option<crate::quotes::CueLexicon>,
    /// Trigger lexicon, PLOVER table and sector nouns of the event stage,
    /// when it runs.
    triggers: Option<crate::events::TriggerLexicon>,
    /// Whether entity records are built.
    entity_records: bool,
    /// Whether quote records are built.
    quote_records: bool,
    /// Whether the article record has its title, sentences and paragraphs.
    article_details: bool,
    /// Gazetteer entities that are capital cities: as actors, their
    /// country's government.
    capitals: rustc_hash::FxHashSet<usize>,
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
    /// Entities of this article that no gazetteer knows, found by name
    /// patterns; [`EntityRef::New`] indexes this list.
    pub new_entities: Vec<NewEntity>,
    /// Quotations, in text order of their first content span.
    pub quotes: Vec<QuoteRecord>,
    /// Events, in text order of their first telling.
    pub events: Vec<EventRecord>,
    /// Problems that did not stop processing (an unreadable date, say).
    pub warnings: Vec<Error>,
}

impl Extraction {
    /// The records of this article in output order: the article record, the
    /// entity records, the quote records, the event records, then one warning
    /// record per warning.
    pub fn records(&self) -> Vec<Record> {
        let mut out = Vec::with_capacity(self.record_count());
        Self::assemble(
            self.article.clone(),
            self.entities.clone(),
            self.quotes.clone(),
            self.events.clone(),
            &self.warnings,
            |r| out.push(r),
        );
        out
    }

    /// [`Extraction::records`], taking the extraction apart instead of
    /// copying its records.
    pub fn into_records(self) -> Vec<Record> {
        let mut out = Vec::with_capacity(self.record_count());
        self.for_each_record(|r| out.push(r));
        out
    }

    /// [`Extraction::into_records`], handing each record to `f` in turn
    /// instead of collecting them (a caller that writes them one by one
    /// needs no list).
    pub fn for_each_record(self, f: impl FnMut(Record)) {
        Self::assemble(self.article, self.entities, self.quotes, self.events, &self.warnings, f);
    }

    fn record_count(&self) -> usize {
        1 + self.entities.len() + self.quotes.len() + self.events.len() + self.warnings.len()
    }

    fn assemble(
        article: ArticleRecord,
        entities: Vec<EntityRecord>,
        quotes: Vec<QuoteRecord>,
        events: Vec<EventRecord>,
        warnings: &[Error],
        mut f: impl FnMut(Record),
    ) {
        // Made before the article record is handed on: they read its id.
        let warnings: Vec<ErrorRecord> = warnings.iter().map(|w| w.to_record(&article.article_id)).collect();
        f(Record::Article(article));
        entities.into_iter().map(Record::Entity).for_each(&mut f);
        quotes.into_iter().map(Record::Quote).for_each(&mut f);
        events.into_iter().map(Record::Event).for_each(&mut f);
        warnings.into_iter().map(Record::Error).for_each(f);
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
            quotes: true,
            events: true,
            entity_records: true,
            quote_records: true,
            article_details: true,
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
        let details = self.article_details;
        let article = ArticleRecord {
            article_id: article.id.clone(),
            title: article.title.as_ref().filter(|_| details).cloned(),
            published,
            url: article.url.clone(),
            source: article.source.clone(),
            bytes: text.len(),
            tokens: analysis.tokens.len(),
            sentences: if details { analysis.sentences.iter().map(|s| s.span).collect() } else { Vec::new() },
            paragraphs: if details { analysis.paragraphs.clone() } else { Vec::new() },
        };
        // Each word's case-folded hash, shared by the entity, quote and
        // event stages (without the last two, the entity stage hashes the
        // few words it looks up itself).
        // Their room is the thread's, kept for its next article.
        let mut hashes = HASHES.take();
        hashes.clear();
        if self.cues.is_some() || self.triggers.is_some() {
            crate::fold::word_hashes_into(&mut hashes, text, &analysis.tokens);
        }
        let mut mentions = entities::find(&self.gazetteer, text, &analysis, &hashes);
        // The tokens the gazetteer's mentions cover, for both add_names and
        // define_acronyms.
        let taken = covered_tokens(&analysis.tokens, &mentions);
        let mut new_entities = self.add_names(text, &analysis, &taken, &mut mentions);
        mark_teams(text, &analysis, &mut mentions, &mut new_entities);
        define_acronyms(text, &analysis, taken, &mut mentions, &mut new_entities);
        self.resolve_role_nominals(text, &analysis, &hashes, &mut mentions, published);
        self.resolve_introduced_roles(text, &analysis, &mut mentions);
        let entities = if self.entity_records {
            self.entity_records(&article, text, &mentions, &new_entities)
        } else {
            Vec::new()
        };
        let name_of = |e: EntityRef| self.entity_id_name(&new_entities, e).1;
        let found = match &self.cues {
            Some(cues) => crate::quotes::find(cues, text, &analysis, &hashes, &mentions, &name_of),
            None => Vec::new(),
        };
        let quotes = if self.quote_records {
            self.quote_records(&article.article_id, text, &found, &new_entities)
        } else {
            Vec::new()
        };
        let events = if let Some(lex) = &self.triggers {
            // Content spans by start, with the speaker's mention: the one at
            // the speaker's words, or the entity's first mention (by a map
            // built when first asked: most speakers are at a mention).
            let first_mention = std::cell::OnceCell::new();
            let first_mention = |e: EntityRef| {
                let map = first_mention.get_or_init(|| {
                    // Sized once: no more entities than mentions.
                    let mut map: rustc_hash::FxHashMap<EntityRef, usize> =
                        rustc_hash::FxHashMap::with_capacity_and_hasher(mentions.len(), Default::default());
                    for (i, m) in mentions.iter().enumerate() {
                        map.entry(m.entity).or_insert(i);
                    }
                    map
                });
                map.get(&e).copied()
            };
            let speaker_mention = |x: &Quote| {
                let sp = x.speaker.as_ref()?;
                let at = mentions.partition_point(|m| m.span.start < sp.span.start);
                match mentions.get(at).filter(|m| m.span == sp.span) {
                    Some(_) => Some(at),
                    None => sp.entity.and_then(first_mention),
                }
            };
            let mut content: Vec<crate::events::QuoteSpan> =
                Vec::with_capacity(found.iter().map(|x| x.content.len()).sum());
            for (q, x) in found.iter().enumerate() {
                let speaker = speaker_mention(x);
                for &span in &x.content {
                    content.push(crate::events::QuoteSpan { span, quote: q, speaker });
                }
            }
            content.sort_by_key(|c| (c.span.start, c.quote));
            let events = crate::events::find(lex, text, &analysis, &hashes, &mentions, &content);
            self.event_records(lex, &article, text, &analysis, &hashes, &events, &mentions, &new_entities, &found)
        } else {
            Vec::new()
        };
        HASHES.set(hashes);
        Ok(Extraction { article, analysis, entities, mentions, new_entities, quotes, events, warnings })
    }

    /// Adds names found by patterns and coreference to `mentions` (kept in
    /// text order) and returns the new entities they refer to. `taken`
    /// holds [`covered_tokens`] of `mentions`.
    fn add_names(
        &self,
        text: &str,
        analysis: &Analysis,
        taken: &[bool],
        mentions: &mut Vec<Mention>,
    ) -> Vec<NewEntity> {
        let found = names::find(&self.names, text, analysis, taken);
        if found.is_empty() {
            return Vec::new();
        }
        // The list and both maps are sized for one entry a name found, so
        // they never grow.
        let mut new_entities: Vec<NewEntity> = Vec::with_capacity(found.len());
        let mut by_name: rustc_hash::FxHashMap<&str, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
        // New entities by a hash of their id, checked against the id.
        let mut by_id: rustc_hash::FxHashMap<u64, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
        let hash = |id: &str| {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            id.hash(&mut h);
            h.finish()
        };
        mentions.reserve(found.len());
        for f in found {
            let name = f.name.text(text);
            let index = *by_name.entry(name).or_insert_with(|| {
                // Two spellings with one slug (`Declan O'Rourke`, `Declan O’Rourke`) are one entity.
                let id = new_id(name);
                let h = hash(&id);
                // A collision of two ids' hashes (never seen) falls back to a scan.
                let known = match by_id.get(&h) {
                    Some(&i) if new_entities[i].id == id => Some(i),
                    Some(_) => new_entities.iter().position(|e| e.id == id),
                    None => None,
                };
                match known {
                    Some(i) => i,
                    None => {
                        by_id.insert(h, new_entities.len());
                        new_entities.push(NewEntity { id, name: name.to_string(), kind: f.kind });
                        new_entities.len() - 1
                    }
                }
            });
            let how = if f.coref { MatchHow::Coref } else { MatchHow::Pattern };
            mentions.push(Mention { span: f.span, entity: EntityRef::New(index), kind: f.kind, how, token: f.token });
        }
        mentions.sort_by_key(|m| m.span.start);
        new_entities
    }

    /// Role nominals: a demonym or country followed by a role title (`the
    /// Russian president`, `Ukraine's foreign minister`) names the person who
    /// held that role on the article's date (without a date, the one who holds
    /// it now). The demonym's mention becomes a coreference mention of that
    /// person covering the whole phrase. Nothing happens when no one, or more
    /// than one person, held the role.
    /// `hashes` holds each token's [`crate::fold::word_hashes_into`], or is empty.
    fn resolve_role_nominals(
        &self,
        text: &str,
        analysis: &Analysis,
        hashes: &[u64],
        mentions: &mut [Mention],
        date: Option<Date>,
    ) {
        let toks = &analysis.tokens;
        let mut buf = [0u8; 64];
        for m in mentions.iter_mut() {
            let EntityRef::Gazetteer(e) = m.entity else { continue };
            let place = &self.gazetteer.entities()[e];
            if !matches!(place.kind, crate::EntityKind::Gpe) {
                continue;
            }
            let Some(country) = place.country.as_deref() else { continue };
            // `a former Russian president` is not the one in office.
            let before = m.token.checked_sub(1).map(|b| toks[b].text(text));
            if before.is_some_and(|w| NOT_CURRENT.iter().any(|n| n.eq_ignore_ascii_case(w))) {
                continue;
            }
            // First token after the mention, skipping a possessive clitic.
            let mut k = end_token(toks, m);
            if toks.get(k).is_some_and(|t| matches!(t.text(text), "'s" | "’s")) {
                k += 1;
            }
            // The longest title of up to three words, as written in the text
            // (`president`, `foreign minister`), compared in lowercase.
            let mut best = None;
            let Some(first) = toks.get(k).filter(|t| t.kind == gazette_tokenizer::TokenKind::Word && t.space_before)
            else {
                continue;
            };
            // An ASCII word that starts no title (most words): no phrase to
            // look up.
            let word = &text.as_bytes()[first.span.start..first.span.end];
            let h = hashes.get(k).copied().unwrap_or_else(|| crate::fold::word_hash(word));
            if !self.title_starts.may_contain(h) && word.is_ascii() {
                continue;
            }
            for n in 0..3 {
                let Some(t) = toks.get(k + n) else { break };
                if t.kind != gazette_tokenizer::TokenKind::Word || (n > 0 && !t.space_before) {
                    break;
                }
                let phrase = &text[first.span.start..t.span.end];
                let title = lowercase(phrase, &mut buf);
                let title = title.as_ref();
                if let Some(list) = self.holders.get(title).and_then(|by_country| by_country.get(country)) {
                    let mut held = list.iter().copied().filter(|&p| {
                        let roles = &self.gazetteer.entities()[p].roles;
                        roles.iter().any(|r| {
                            r.country == country
                                && r.title.eq_ignore_ascii_case(title)
                                && date.map_or(r.is_current(), |d| r.held_on(d))
                        })
                    });
                    // The one person who held it, if only one did.
                    best = match (held.next(), held.next()) {
                        (Some(p), None) => Some((p, k + n)),
                        _ => None,
                    };
                }
            }
            // Not when the person's name follows (`Russian President Vladimir Putin`).
            let Some((person, last)) = best else { continue };
            if toks.get(last + 1).is_some_and(|t| t.case.is_capitalised() && t.space_before) {
                continue;
            }
            m.span = Span::new(m.span.start, toks[last].span.end);
            m.entity = EntityRef::Gazetteer(person);
            m.kind = crate::EntityKind::Person;
            m.how = MatchHow::Coref;
        }
    }

    /// Roles a person was introduced with: `Kremlin aide Yuri Ushakov` makes
    /// a later `the Kremlin aide` (not followed by a name) a coreference
    /// mention of Yuri Ushakov. The introduction is an organisation or place
    /// mention, a lowercase role noun, then the person's mention.
    fn resolve_introduced_roles(&self, text: &str, analysis: &Analysis, mentions: &mut [Mention]) {
        let toks = &analysis.tokens;
        let end_token = |m: &Mention| end_token(toks, m);
        // The person first introduced with each entity and role: a map, so
        // that each mention costs a lookup, not a scan of the introductions.
        let mut introduced: rustc_hash::FxHashMap<(EntityRef, &str), EntityRef> = Default::default();
        for k in 1..mentions.len() {
            let (q, p) = (&mentions[k - 1], &mentions[k]);
            if p.kind != crate::EntityKind::Person || matches!(q.kind, crate::EntityKind::Person) {
                continue;
            }
            let qe = end_token(q);
            if qe + 1 == p.token && self.names.is_role(toks[qe].text(text)) {
                introduced.entry((q.entity, toks[qe].text(text))).or_insert(p.entity);
            }
        }
        if introduced.is_empty() {
            return;
        }
        // A later `the Kremlin aide`: the same entity and role, no name after.
        for m in mentions.iter_mut() {
            if matches!(m.kind, crate::EntityKind::Person) {
                continue;
            }
            let me = end_token(m);
            let Some(role_tok) = toks.get(me) else { continue };
            let role = role_tok.text(text);
            let Some(&person) = introduced.get(&(m.entity, role)) else {
                continue;
            };
            let definite = m.token > 0 && toks[m.token - 1].text(text).eq_ignore_ascii_case("the");
            let name_follows = toks.get(me + 1).is_some_and(|t| t.case.is_capitalised() && t.space_before);
            if definite && !name_follows {
                m.span = Span::new(m.span.start, role_tok.span.end);
                m.entity = person;
                m.kind = crate::EntityKind::Person;
                m.how = MatchHow::Coref;
            }
        }
    }

    /// The canonical id and name of an entity of an article.
    fn entity_id_name<'a>(&'a self, new_entities: &'a [NewEntity], e: EntityRef) -> (&'a str, &'a str) {
        match e {
            EntityRef::Gazetteer(i) => {
                let x = &self.gazetteer.entities()[i];
                (&x.id, &x.name)
            }
            EntityRef::New(i) => (&new_entities[i].id, &new_entities[i].name),
        }
    }

    fn quote_records(
        &self,
        article_id: &str,
        text: &str,
        quotes: &[Quote],
        new_entities: &[NewEntity],
    ) -> Vec<QuoteRecord> {
        let piece = |s: Span| s.text(text).to_string();
        quotes
            .iter()
            .enumerate()
            .map(|(n, q)| QuoteRecord {
                article_id: article_id.to_string(),
                quote_id: quote_id(article_id, n),
                kind: q.kind,
                content: q.content.iter().map(|&s| TextSpan { start: s.start, end: s.end, text: piece(s) }).collect(),
                cue: q.cue.as_ref().map(|c| CueRecord {
                    start: c.span.start,
                    end: c.span.end,
                    text: piece(c.span),
                    // A cue exists only where the quote stage ran, with its lexicon.
                    lemma: std::borrow::Cow::Borrowed(self.cues.as_ref().map_or("", |l| l.lemma(c.entry))),
                }),
                speaker: q.speaker.as_ref().map(|sp| {
                    let idn = sp.entity.map(|e| self.entity_id_name(new_entities, e));
                    SpeakerRecord {
                        start: sp.span.start,
                        end: sp.span.end,
                        text: piece(sp.span),
                        entity_id: idn.map(|x| x.0.to_string()),
                        name: idn.map(|x| x.1.to_string()),
                        resolution: sp.resolution,
                    }
                }),
            })
            .collect()
    }

    /// Event records: actors as entities on the article's date, time and
    /// quantities from the clause, and one record for an event told twice
    /// (same type, actors, date and negation), listing every telling.
    #[allow(clippy::too_many_arguments)]
    fn event_records(
        &self,
        lex: &crate::events::TriggerLexicon,
        article: &ArticleRecord,
        text: &str,
        analysis: &Analysis,
        hashes: &[u64],
        events: &[crate::events::Event],
        mentions: &[Mention],
        new_entities: &[NewEntity],
        quotes: &[Quote],
    ) -> Vec<EventRecord> {
        let toks = &analysis.tokens;
        let piece = |s: Span| s.text(text).to_string();
        let actor = |a: &crate::events::ActorRef| {
            let m = &mentions[a.mention];
            let (id, name) = self.entity_id_name(new_entities, m.entity);
            let Actor { mut country, mut sector, .. } = match m.entity {
                EntityRef::Gazetteer(e) => {
                    let mut x = self.gazetteer.entities()[e].actor(article.published);
                    if x.sector.is_none() && !a.place && self.capitals.contains(&e) {
                        x.sector = Some("GOV".into());
                    }
                    x
                }
                EntityRef::New(_) => Actor { country: None, sector: None, code: None },
            };
            if sector.is_none() {
                sector = a.sector.as_deref().map(SmolStr::new);
            }
            // A person's introduction fills a missing country; a group's
            // country of residence (`Bosnian Serbs`) replaces its own.
            let from_mention = m.kind != crate::EntityKind::Person || country.is_none();
            if from_mention && let Some(EntityRef::Gazetteer(e)) = a.country_from.map(|c| mentions[c].entity) {
                let intro = self.gazetteer.entities()[e].actor(article.published);
                // `U.N. Secretary-General Kofi Annan` acts for the U.N.
                if intro.sector.as_deref() == Some("IGO") {
                    sector = intro.sector;
                }
                country = intro.country;
            }
            let code = Actor::code_of(country.as_deref(), sector.as_deref());
            ActorRecord {
                entity_id: id.into(),
                name: name.into(),
                text: a.span.text(text).into(),
                start: a.span.start,
                end: a.span.end,
                country,
                sector,
                code,
                inferred: a.inferred,
            }
        };
        // Time expressions of the sentence last looked at.
        let mut times: (usize, Vec<crate::timex::TimeExpr>) = (usize::MAX, Vec::new());
        // Sized once: no more records or keys than events.
        let mut out: Vec<EventRecord> = Vec::with_capacity(events.len());
        // The first telling of each key by the key's hash; a hash shared
        // by two keys (never seen) falls back to a scan of the records.
        let mut seen: rustc_hash::FxHashMap<u64, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(events.len(), Default::default());
        for ev in events {
            let sent = &analysis.sentences[ev.sentence];
            if times.0 != ev.sentence {
                times = (ev.sentence, crate::timex::find(text, toks, hashes, sent.tokens.clone()));
            }
            let future = ev.future;
            let (ta, tb) = ev.tokens;
            // Only times near the trigger: a window, whatever the sentence's length.
            let near = times.1.partition_point(|t| t.end + 40 < ta);
            let time = times.1[near..]
                .iter()
                .take_while(|t| t.first <= tb + 40)
                .filter(|t| {
                    crate::events::same_clause(text, toks, t.first, ta)
                        && crate::events::same_clause(text, toks, t.end.saturating_sub(1), ta)
                })
                // `agreed to meet in the coming days`: a span of days ahead
                // dates the promised or demanded action, not the promise.
                .filter(|t| {
                    !(matches!(t.value, crate::timex::TimeValue::Coming(_))
                        && matches!(
                            lex.ty(ev.entry),
                            crate::events::EventType::Agree
                                | crate::events::EventType::Request
                                | crate::events::EventType::Threaten
                        ))
                })
                .min_by_key(|t| if t.first >= tb { t.first - tb } else { ta.saturating_sub(t.end) })
                .map(|t| {
                    let r = crate::timex::resolve(t.value, article.published, future);
                    TimeRecord {
                        text: piece(t.span),
                        start: t.span.start,
                        end: t.span.end,
                        date: r.map(|r| r.date),
                        end_date: r.and_then(|r| r.end),
                        precision: r.map(|r| r.precision),
                    }
                });
            let quantities: Vec<QuantityRecord> = crate::quantity::find(text, toks, hashes, ev.clause.0..ev.clause.1)
                .into_iter()
                .map(|q| QuantityRecord {
                    kind: q.kind,
                    value: q.value,
                    unit: q.unit,
                    text: piece(q.span),
                    start: q.span.start,
                    end: q.span.end,
                })
                .collect();
            let source: Vec<ActorRecord> = ev.source.iter().map(actor).collect();
            let mut target: Vec<ActorRecord> = ev.target.iter().map(actor).collect();
            // A protest with no named target is held against the government
            // of the country it happens in (`demonstrated in Kirkuk`), or else
            // of its protesters' country (`Algerian landowners began a hunger
            // strike`): PLOVER's convention, marked as inferred.
            if ev.ty == crate::events::EventType::Protest && ev.action.is_none() && target.is_empty() {
                let at = ev.location.map(|m| crate::events::ActorRef {
                    mention: m,
                    span: mentions[m].span,
                    sector: None,
                    place: true,
                    country_from: None,
                    inferred: true,
                });
                let inferred = at
                    .map(|a| actor(&a))
                    .filter(|a| a.country.is_some())
                    .or_else(|| source.iter().find(|a| a.country.is_some()).cloned())
                    .map(|mut a| {
                        a.sector = Some("GOV".into());
                        a.code = Actor::code_of(a.country.as_deref(), Some("GOV"));
                        a.inferred = true;
                        a
                    });
                target.extend(inferred);
            }
            let ty = ev.ty;
            let key = EventKey {
                ty,
                source: &source,
                target: &target,
                date: time.as_ref().and_then(|t| t.date),
                negated: ev.negated,
            };
            let hash = key.hash();
            let known = match seen.get(&hash) {
                Some(&i) if key.same(&EventKey::of(&out[i])) => Some(i),
                Some(_) => out.iter().position(|r| key.same(&EventKey::of(r))),
                None => None,
            };
            let telling = EventMention { start: ev.trigger.start, end: ev.trigger.end, sentence: ev.sentence };
            if let Some(i) = known {
                let first: &mut EventRecord = &mut out[i];
                first.mentions.push(telling);
                first.mention_count = first.mentions.len();
                if first.location.is_none() && ev.location.is_some() {
                    first.location = ev.location.map(|m| self.place(article, text, &mentions[m], new_entities));
                }
                if first.quantities.is_empty() {
                    first.quantities = quantities;
                }
                continue;
            }
            seen.entry(hash).or_insert(out.len());
            // A promised, threatened, demanded or joint action takes its
            // type's CAMEO root and no mode.
            let retyped = ev.action.is_some() || ty != lex.ty(ev.entry);
            let (quad_class, intensity) = if retyped { lex.type_score(ty) } else { lex.quad_score(ev.entry) };
            let (mode, cameo) = if retyped {
                (None, SmolStr::new_static(crate::events::cameo_root(ty)))
            } else {
                (lex.mode(ev.entry).map(SmolStr::new), SmolStr::new(lex.cameo(ev.entry)))
            };
            out.push(EventRecord {
                article_id: SmolStr::new(&article.article_id),
                url: article.url.clone(),
                published: article.published,
                outlet: article.source.clone(),
                event_id: SmolStr::default(),
                event_type: ty,
                action_type: ev.action,
                mode,
                cameo,
                quad_class,
                intensity,
                trigger: TriggerRecord {
                    start: ev.trigger.start,
                    end: ev.trigger.end,
                    text: SmolStr::new(ev.trigger.text(text)),
                    lemma: SmolStr::new(lex.lemma(ev.entry)),
                },
                sentence: SentenceRef { index: ev.sentence, start: sent.span.start, end: sent.span.end },
                source,
                target,
                time,
                location: ev.location.map(|m| self.place(article, text, &mentions[m], new_entities)),
                quantities,
                modality: ev.modality,
                negated: ev.negated,
                // The quote's id and speaker as its record gives them.
                attribution: ev.quote.and_then(|n| quotes.get(n).map(|q| (n, q))).map(|(n, q)| AttributionRecord {
                    quote_id: quote_id(&article.article_id, n),
                    speaker: q.speaker.as_ref().map(|sp| piece(sp.span)),
                    entity_id: q
                        .speaker
                        .as_ref()
                        .and_then(|sp| sp.entity)
                        .map(|e| self.entity_id_name(new_entities, e).0.to_string()),
                }),
                evidence: piece(evidence_span(toks, sent.span, ev.trigger)),
                mentions: vec![telling],
                mention_count: 1,
            });
        }
        for (n, e) in out.iter_mut().enumerate() {
            e.event_id = numbered_id(&article.article_id, "#e", n);
        }
        out
    }

    fn place(&self, article: &ArticleRecord, text: &str, m: &Mention, new_entities: &[NewEntity]) -> PlaceRecord {
        let (id, name) = self.entity_id_name(new_entities, m.entity);
        let country = match m.entity {
            EntityRef::Gazetteer(e) => self.gazetteer.entities()[e].actor(article.published).country,
            EntityRef::New(_) => None,
        };
        PlaceRecord {
            entity_id: id.into(),
            name: name.into(),
            text: m.span.text(text).into(),
            start: m.span.start,
            end: m.span.end,
            country,
        }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    fn entity_records(
        &self,
        article: &ArticleRecord,
        text: &str,
        mentions: &[Mention],
        new_entities: &[NewEntity],
    ) -> Vec<EntityRecord> {
        // Entities in order of first mention, with their mention counts, so
        // that each list is allocated once at its size.
        let mut order: Vec<(EntityRef, usize)> = Vec::new();
        // Sized for one entity a mention, so that it never grows.
        let mut slot: rustc_hash::FxHashMap<EntityRef, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(mentions.len(), Default::default());
        let slots: Vec<usize> = mentions
            .iter()
            .map(|m| {
                let k = *slot.entry(m.entity).or_insert_with(|| {
                    order.push((m.entity, 0));
                    order.len() - 1
                });
                order[k].1 += 1;
                k
            })
            .collect();
        let mut lists: Vec<Vec<MentionRecord>> = order.iter().map(|&(_, n)| Vec::with_capacity(n)).collect();
        let article_id = SmolStr::new(&article.article_id);
        for (m, &k) in mentions.iter().zip(&slots) {
            lists[k].push(MentionRecord {
                start: m.span.start,
                end: m.span.end,
                text: m.span.text(text).into(),
                kind: m.kind,
                how: m.how,
            });
        }
        order
            .into_iter()
            .zip(lists)
            .map(|((r, _), mentions)| {
                let (id, name, kind, actor) = match r {
                    EntityRef::Gazetteer(e) => {
                        let entity = &self.gazetteer.entities()[e];
                        (&entity.id, &entity.name, entity.kind, entity.actor(article.published))
                    }
                    EntityRef::New(n) => {
                        let entity = &new_entities[n];
                        // Names no gazetteer knows have no country or sector yet.
                        (&entity.id, &entity.name, entity.kind, Actor { country: None, sector: None, code: None })
                    }
                };
                EntityRecord {
                    article_id: article_id.clone(),
                    entity_id: id.into(),
                    name: name.into(),
                    kind,
                    country: actor.country,
                    sector: actor.sector,
                    code: actor.code,
                    mentions,
                }
            })
            .collect()
    }

    /// Like [`Pipeline::process`], with failures turned into an `error`
    /// record: the records of one article, whatever happens.
    pub fn records(&self, article: &Article) -> Vec<Record> {
        match self.process(article) {
            Ok(x) => x.into_records(),
            Err(e) => vec![Record::Error(e.to_record(&article.id))],
        }
    }

    /// [`Pipeline::records`], handing each record to `f` in turn instead of
    /// collecting them ([`Extraction::for_each_record`]).
    pub fn for_each_record(&self, article: &Article, mut f: impl FnMut(Record)) {
        match self.process(article) {
            Ok(x) => x.for_each_record(f),
            Err(e) => f(Record::Error(e.to_record(&article.id))),
        }
    }
}

/// The id of an article's quote `n` (from 0): `ARTICLE#qN+1`.
fn quote_id(article_id: &str, n: usize) -> SmolStr {
    numbered_id(article_id, "#q", n)
}

/// `article_id`, `tag` and `n + 1`, with no allocation when it is short.
fn numbered_id(article_id: &str, tag: &str, n: usize) -> SmolStr {
    let mut id = smol_str::SmolStrBuilder::new();
    id.push_str(article_id);
    id.push_str(tag);
    // (itoa, not the formatting machinery.)
    id.push_str(itoa::Buffer::new().format(n + 1));
    id.finish()
}

/// Longest sentence an event's `evidence` quotes whole, in bytes.
pub const MAX_EVIDENCE_BYTES: usize = 1000;

/// Bytes of context each side of the trigger in the evidence of a longer
/// sentence.
const EVIDENCE_CONTEXT_BYTES: usize = 400;

/// The span an event's `evidence` quotes: its sentence, or for a sentence of
/// more than [`MAX_EVIDENCE_BYTES`] the whole tokens of it that lie within
/// [`EVIDENCE_CONTEXT_BYTES`] of the trigger, and the trigger. Keeps the
/// output linear in the input: without it, a sentence that never ends and is
/// full of triggers would be written out once per event.
fn evidence_span(toks: &[gazette_tokenizer::Token], sentence: Span, trigger: Span) -> Span {
    if sentence.len() <= MAX_EVIDENCE_BYTES {
        return sentence;
    }
    let from = trigger.start.saturating_sub(EVIDENCE_CONTEXT_BYTES).max(sentence.start);
    let to = (trigger.end + EVIDENCE_CONTEXT_BYTES).min(sentence.end);
    // Tokens are in text order: the first starting at or after `from`, the
    // last ending at or before `to`; the trigger's own tokens qualify.
    let first = toks.partition_point(|t| t.span.start < from);
    let last = toks.partition_point(|t| t.span.end <= to);
    let start = toks.get(first).map_or(trigger.start, |t| t.span.start.min(trigger.start));
    let end = last.checked_sub(1).and_then(|l| toks.get(l)).map_or(trigger.end, |t| t.span.end.max(trigger.end));
    Span::new(start, end)
}

/// Index one past the last token of a mention.
pub(crate) fn end_token(toks: &[gazette_tokenizer::Token], m: &Mention) -> usize {
    let mut k = m.token;
    while k < toks.len() && toks[k].span.start < m.span.end {
        k += 1;
    }
    k
}

/// For each token, whether a mention covers it.
fn covered_tokens(toks: &[gazette_tokenizer::Token], mentions: &[Mention]) -> Vec<bool> {
    let mut covered = vec![false; toks.len()];
    for m in mentions {
        covered[m.token..end_token(toks, m)].fill(true);
    }
    covered
}

/// Small words that acronyms skip (`Organization of the Petroleum Exporting
/// Countries` is OPEC).
const ACRONYM_SKIPS: [&str; 8] = ["of", "the", "and", "for", "on", "in", "de", "&"];

fn is_acronym_skip(w: &str) -> bool {
    ACRONYM_SKIPS.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// The initials of a name's words, skipping small words: `IAEA` for
/// International Atomic Energy Agency.
fn initials(name: &[&str]) -> String {
    name.iter()
        .filter(|w| !is_acronym_skip(w) && w.chars().next().is_some_and(char::is_alphabetic))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Acronyms defined in the text: `Long Name (LN)`, where the letters are the
/// initials of the name's words. The name is the mention right before the
/// parenthesis, or, when nothing was found there, the capitalised words before
/// it, which become a new organisation. The acronym in parentheses and its
/// later uses are coreference mentions of that entity. `taken` holds
/// [`covered_tokens`] of the gazetteer's mentions, before [`Pipeline::add_names`]
/// (whose mentions, like those [`mark_teams`] changed, are of new entities).
fn define_acronyms(
    text: &str,
    analysis: &Analysis,
    taken: Vec<bool>,
    mentions: &mut Vec<Mention>,
    new_entities: &mut Vec<NewEntity>,
) {
    use gazette_tokenizer::{Case, TokenKind};
    let toks = &analysis.tokens;
    // `(` and `)` around one token, compared as bytes: the tokens `(` are
    // found from the text's `(` bytes (few, and none in many articles), not
    // by a pass over the tokens.
    let punct = |t: &gazette_tokenizer::Token, b: u8| t.span.len() == 1 && text.as_bytes()[t.span.start] == b;
    let opening: Vec<usize> = memchr::memchr_iter(b'(', text.as_bytes())
        .filter_map(|p| {
            let i = toks.partition_point(|t| t.span.start < p);
            (i >= 1
                && i + 2 < toks.len()
                && toks[i].span.start == p
                && punct(&toks[i], b'(')
                && punct(&toks[i + 2], b')'))
            .then_some(i)
        })
        .collect();
    if opening.is_empty() {
        return;
    }
    // The tokens of all mentions: `taken`, and those of the new entities'.
    let mut covered = taken;
    for m in mentions.iter().filter(|m| matches!(m.entity, EntityRef::New(_))) {
        covered[m.token..end_token(toks, m)].fill(true);
    }
    debug_assert!(covered == covered_tokens(toks, mentions));
    let is_acronym = |t: &gazette_tokenizer::Token| {
        t.kind == TokenKind::Word
            && t.case == Case::Upper
            && (2..=8).contains(&t.span.len())
            && t.text(text).bytes().all(|c| c.is_ascii_uppercase())
    };
    let mut defined: rustc_hash::FxHashMap<&str, (EntityRef, crate::EntityKind)> = Default::default();
    let mut added = Vec::new();
    // The first mention ending at each byte, and the new entities by id:
    // built once, so that each definition costs a lookup, not a scan.
    let mut ending_at: rustc_hash::FxHashMap<usize, usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(mentions.len(), Default::default());
    for (k, m) in mentions.iter().enumerate().rev() {
        ending_at.insert(m.span.end, k);
    }
    let mut by_id = new_entity_ids(new_entities);
    for i in opening {
        if !is_acronym(&toks[i + 1]) || covered[i + 1] {
            continue;
        }
        let acro = toks[i + 1].text(text);
        // The mention that ends right before the parenthesis.
        let before = ending_at.get(&toks[i - 1].span.end).map(|&k| &mentions[k]);
        let target = match before {
            Some(m) => {
                let words: Vec<&str> = m.span.text(text).split_whitespace().collect();
                (initials(&words) == acro).then_some((m.entity, m.kind))
            }
            None => {
                // Capitalised words and small words back from the parenthesis.
                let mut s = i;
                while s > 0 && i - s < 10 && !covered[s - 1] {
                    let t = &toks[s - 1];
                    let w = t.text(text);
                    if t.kind == TokenKind::Word && (t.case == Case::Title || is_acronym_skip(w)) {
                        s -= 1;
                    } else {
                        break;
                    }
                }
                while s < i && is_acronym_skip(toks[s].text(text)) {
                    s += 1;
                }
                let words: Vec<&str> = (s..i).map(|k| toks[k].text(text)).collect();
                (words.len() >= 2 && initials(&words) == acro).then(|| {
                    let span = Span::new(toks[s].span.start, toks[i - 1].span.end);
                    let index = add_new_entity(&mut by_id, new_entities, span.text(text), crate::EntityKind::Org);
                    let entity = EntityRef::New(index);
                    added.push(Mention {
                        span,
                        entity,
                        kind: crate::EntityKind::Org,
                        how: MatchHow::Pattern,
                        token: s,
                    });
                    (entity, crate::EntityKind::Org)
                })
            }
        };
        if let Some(t) = target {
            defined.entry(acro).or_insert(t);
        }
    }
    if defined.is_empty() {
        return;
    }
    for (k, t) in toks.iter().enumerate() {
        if covered[k] || !is_acronym(t) {
            continue;
        }
        if let Some(&(entity, kind)) = defined.get(t.text(text)) {
            added.push(Mention { span: t.span, entity, kind, how: MatchHow::Coref, token: k });
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| m.span.start);
}

/// Words before a role nominal that say it is not the holder on the date.
const NOT_CURRENT: [&str; 11] =
    ["a", "an", "former", "ex", "late", "previous", "next", "future", "then", "another", "incoming"];

/// Places that name sports teams in results and tables: in one paragraph,
/// two or more places each followed by a score (`Chicago 4 HOUSTON 3`,
/// `Warwickshire 195 , Surrey 429-7`), a paragraph that opens with a place and
/// two numbers (a standings row: `NEW YORK 74 59 .556`), or two places joined
/// by `v`/`vs` (`Surrey v Kent`). Their mentions become organisations of their
/// own (`new:chicago`), not the places.
fn mark_teams(text: &str, analysis: &Analysis, mentions: &mut [Mention], new_entities: &mut Vec<NewEntity>) {
    use crate::EntityKind;
    use gazette_tokenizer::TokenKind;
    let toks = &analysis.tokens;
    let is_place = |m: &Mention| matches!(m.kind, EntityKind::Gpe | EntityKind::Loc);
    let end_token = |m: &Mention| end_token(toks, m);
    let is_number = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokenKind::Number);
    // The paragraph of token `k`, for tokens in text order (the mentions
    // are): a cursor that only moves forward, not a search per mention.
    debug_assert!(mentions.windows(2).all(|w| w[0].token <= w[1].token));
    let mut cursor = 0;
    let mut paragraph_of = |k: usize| {
        let paragraphs = &analysis.paragraphs;
        while cursor < paragraphs.len() && paragraphs[cursor].end <= toks[k].span.start {
            cursor += 1;
        }
        cursor
    };
    let mut teams = Vec::new();
    let mut k = 0;
    while k < mentions.len() {
        // The mentions of one paragraph: [k, e).
        let para = paragraph_of(mentions[k].token);
        let mut e = k + 1;
        while e < mentions.len() && paragraph_of(mentions[e].token) == para {
            e += 1;
        }
        // Counted first: most paragraphs have fewer than two, and need no list.
        let scored = || (k..e).filter(|&m| is_place(&mentions[m]) && is_number(end_token(&mentions[m])));
        let first = &mentions[k];
        let opens = analysis.paragraphs.get(para).is_some_and(|p| p.start == first.span.start);
        let standings = opens && is_place(first) && is_number(end_token(first)) && is_number(end_token(first) + 1);
        if scored().nth(1).is_some() {
            teams.extend(scored());
        } else if standings {
            teams.push(k);
        }
        for m in k..e.saturating_sub(1) {
            let (a, b) = (&mentions[m], &mentions[m + 1]);
            let versus = is_place(a) && is_place(b) && {
                let ae = end_token(a);
                let dot = usize::from(toks.get(ae + 1).is_some_and(|t| t.text(text) == "."));
                b.token == ae + 1 + dot && toks.get(ae).is_some_and(|t| matches!(t.text(text), "v" | "vs"))
            };
            if versus {
                teams.extend([m, m + 1]);
            }
        }
        k = e;
    }
    if teams.is_empty() {
        return;
    }
    let mut by_id = new_entity_ids(new_entities);
    for k in teams {
        let m = &mut mentions[k];
        if m.kind == EntityKind::Org {
            continue;
        }
        let index = add_new_entity(&mut by_id, new_entities, m.span.text(text), EntityKind::Org);
        m.entity = EntityRef::New(index);
        m.kind = EntityKind::Org;
        m.how = MatchHow::Pattern;
    }
}

/// The new entities' indices by id, built once so that each addition with
/// [`add_new_entity`] is a lookup, not a scan of the list.
fn new_entity_ids(new_entities: &[NewEntity]) -> rustc_hash::FxHashMap<String, usize> {
    new_entities.iter().enumerate().map(|(k, e)| (e.id.clone(), k)).collect()
}

/// The index of the new entity named `name`: the one with its id when there
/// is one, else a new one of `kind`.
fn add_new_entity(
    by_id: &mut rustc_hash::FxHashMap<String, usize>,
    new_entities: &mut Vec<NewEntity>,
    name: &str,
    kind: crate::EntityKind,
) -> usize {
    *by_id.entry(new_id(name)).or_insert_with_key(|id| {
        new_entities.push(NewEntity { id: id.clone(), name: name.to_string(), kind });
        new_entities.len() - 1
    })
}

/// `s` in lowercase: `s` itself when it has no ASCII capital, in `buf` when
/// it is ASCII and fits, else a new string.
fn lowercase<'a>(s: &'a str, buf: &'a mut [u8; 64]) -> std::borrow::Cow<'a, str> {
    if s.bytes().all(|b| !b.is_ascii_uppercase()) {
        return std::borrow::Cow::Borrowed(s);
    }
    if s.is_ascii() && s.len() <= buf.len() {
        let lower = &mut buf[..s.len()];
        lower.copy_from_slice(s.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII bytes are UTF-8.
        if let Ok(lower) = std::str::from_utf8(lower) {
            return std::borrow::Cow::Borrowed(lower);
        }
    }
    std::borrow::Cow::Owned(s.to_lowercase())
}

/// The id of a name no gazetteer knows: `new:` and the name in lowercase,
/// other runs of characters as `-`.
fn new_id(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    out.push_str("new:");
    slug_into(&mut out, name);
    out
}

/// Each ASCII byte in a slug: its lowercase for a letter or a digit, 0 for
/// the others (one table read where two tests and a fold were).
const SLUG_BYTES: [u8; 128] = {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Appends the slug of `name` to `out`, which ends with `:`.
fn slug_into(out: &mut String, name: &str) {
    // Nothing of the name written yet while `out` still ends with `:`.
    if name.is_ascii() {
        for b in name.bytes() {
            let c = SLUG_BYTES[usize::from(b & 0x7f)];
            if c != 0 {
                out.push(char::from(c));
            } else if !out.ends_with('-') && !out.ends_with(':') {
                out.push('-');
            }
        }
    } else {
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.ends_with(':') {
                out.push('-');
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
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
            Error::Gazetteer(_) | Error::Lexicon(_) => ErrorKind::Gazetteer,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_bytes_are_the_lowercase_letters_and_digits() {
        for b in 0..128u8 {
            let expect = if b.is_ascii_alphanumeric() { b.to_ascii_lowercase() } else { 0 };
            assert_eq!(SLUG_BYTES[usize::from(b)], expect, "{b}");
        }
    }

    #[test]
    fn numbered_ids_end_with_the_number_after_n() {
        for n in [0, 1, 8, 9, 10, 99, 100, 12_345, usize::MAX - 1] {
            assert_eq!(numbered_id("bbc-1", "#e", n), format!("bbc-1#e{}", n + 1));
        }
        let long = "a".repeat(40);
        assert_eq!(numbered_id(&long, "#q", 41), format!("{long}#q42"));
    }

    #[test]
    fn new_ids_are_lowercase_words_joined_by_single_dashes() {
        for (name, id) in [
            ("Declan O'Rourke", "new:declan-o-rourke"),
            ("Declan O’Rourke", "new:declan-o-rourke"),
            (" --Velmar  Port-- Board ", "new:velmar-port-board"),
            ("São Tomé", "new:são-tomé"),
            ("ÀB 12", "new:àb-12"),
            ("G7", "new:g7"),
            ("", "new:"),
            ("--", "new:"),
            ("’", "new:"),
            ("a", "new:a"),
        ] {
            assert_eq!(new_id(name), id, "{name:?}");
        }
    }
}
