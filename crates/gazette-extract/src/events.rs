//! The event stage: PLOVER-typed events from a trigger lexicon and a shallow,
//! clause-level reading of each sentence, in the spirit of TABARI.
//!
//! A trigger (`held talks with`, `imposed sanctions on`, `air attacks`) is
//! found by its words; its source is the actor in subject position before it
//! (or, for a nominal trigger, a possessive, a modifier or a `by` phrase),
//! and its target is found in the slots its lexicon row names (the object, or
//! the object of a preposition). Passives swap the two. No trigger, no event;
//! no actor, no event. Every look-back and look-ahead is a bounded window of
//! tokens inside the sentence, so the stage is linear in the text.

use std::borrow::Cow;

use gazette_tokenizer::{Analysis, Span, Token, TokenKind};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::Error;
use crate::entities::Mention;
use crate::fold::{word_hash, word_hash_in};
use crate::gazetteer::EntityKind;
use crate::tsv::{self, fields, rows};

/// The embedded trigger lexicon (`corpora/events/triggers.tsv`).
pub const DEFAULT_TRIGGERS: &str = include_str!("../../../corpora/events/triggers.tsv");
/// The embedded PLOVER type table (`corpora/events/plover.tsv`).
pub const DEFAULT_PLOVER_TABLE: &str = include_str!("../../../corpora/events/plover.tsv");
/// The embedded sector nouns (`corpora/events/sector-nouns.tsv`).
pub const DEFAULT_SECTOR_NOUNS: &str = include_str!("../../../corpora/events/sector-nouns.tsv");

/// The embedded capital cities (`corpora/events/capitals.tsv`).
pub const DEFAULT_CAPITALS: &str = include_str!("../../../corpora/events/capitals.tsv");

/// Gazetteer ids of capital cities, from a `city<TAB>country` table.
pub(crate) fn capitals(tsv: &str) -> Result<Vec<&str>, Error> {
    rows(tsv, "city\tcountry")
        .map(|(n, line)| {
            line.split_once('\t')
                .map(|(id, _)| id)
                .ok_or_else(|| Error::Lexicon(format!("capitals.tsv:{n}: expected CITY<TAB>COUNTRY")))
        })
        .collect()
}

/// The 16 PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    /// All types, in the manual's order.
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    /// The type's name in uppercase: `AGREE`.
    pub fn name(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// Reads an uppercase type name: the inverse of [`EventType::name`] (a
    /// test checks).
    pub fn parse(s: &str) -> Option<EventType> {
        Some(match s {
            "AGREE" => EventType::Agree,
            "CONSULT" => EventType::Consult,
            "SUPPORT" => EventType::Support,
            "CONCEDE" => EventType::Concede,
            "COOPERATE" => EventType::Cooperate,
            "AID" => EventType::Aid,
            "RETREAT" => EventType::Retreat,
            "REQUEST" => EventType::Request,
            "ACCUSE" => EventType::Accuse,
            "REJECT" => EventType::Reject,
            "THREATEN" => EventType::Threaten,
            "PROTEST" => EventType::Protest,
            "SANCTION" => EventType::Sanction,
            "MOBILIZE" => EventType::Mobilize,
            "COERCE" => EventType::Coerce,
            "ASSAULT" => EventType::Assault,
            _ => return None,
        })
    }
}

/// PLOVER's quad classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum QuadClass {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

/// How sure the text is that the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Reported as having happened or happening.
    Asserted,
    /// Planned or future: `will`, `plans to`, `is set to`.
    Future,
    /// Possible: `could`, `may`, `might`.
    Possible,
    /// Denied: `did not`, `refused to`, `never`.
    Negated,
    /// Conditional: `if`, `unless`, `or face`, `would` in a clause with `if`.
    Conditional,
    /// Asked for or demanded: `called for`, `urged ... to`, `demanded`.
    Requested,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pos {
    Verb,
    Noun,
    Phrase,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// The object right after the trigger.
    Obj,
    /// The object of this preposition, after the trigger.
    Prep(&'static str),
    /// What follows the surface (which ends with its preposition).
    After,
}

#[derive(Debug, Clone)]
struct Trigger {
    /// The surface's tokens (lowercase, as the lexicon's format requires).
    /// (Borrowed from the embedded lexicon, as are the other strings:
    /// reading the lexicon's thousands of rows allocates one slice a row.)
    words: Box<[&'static str]>,
    lemma: &'static str,
    pos: Pos,
    ty: EventType,
    /// Index into [`TriggerLexicon::modes`].
    mode: u16,
    cameo: &'static str,
    /// In [`TriggerLexicon::slots`] (read once an event is found; kept end
    /// to end with those of the other rows, so that reading the rows
    /// allocates less).
    slots: Run,
    /// A past participle (`attacked`, `held talks with`), so `was X by` is passive.
    participle: bool,
    /// A determiner after the first word, which the text may leave out.
    has_article: bool,
}

/// Where a row's slots lie in the lexicon's array of them.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u32,
    len: u32,
}

impl Run {
    /// The run of the items pushed onto `all` since it had `start` of them.
    fn since<T>(start: usize, all: &[T]) -> Run {
        Run { start: start as u32, len: (all.len() - start) as u32 }
    }

    fn of<T>(self, all: &[T]) -> &[T] {
        &all[self.start as usize..(self.start + self.len) as usize]
    }
}

/// A sector noun's words and its sector.
type SectorNoun = (Box<[&'static str]>, &'static str);

/// The trigger lexicon, the PLOVER type table and the sector nouns, parsed
/// once and shared by every article.
#[derive(Debug, Clone)]
pub(crate) struct TriggerLexicon {
    entries: Vec<Trigger>,
    /// The slots of the entries, end to end.
    slots: Vec<Slot>,
    /// The first words, by the top [`FIRST_BITS`] bits of their hash: 0
    /// for none, else the index + 1 in `firsts` of the first of those words
    /// (the others follow through [`FirstWord::next`]). Most words find 0
    /// there, at the cost of one read; the others find their entries with
    /// no hash map probed. (An array of its size, so that the scan of every
    /// token reads it without a bounds check.)
    first_slots: Box<[u16; 1 << FIRST_BITS]>,
    /// What the scan of every token reads first, by the same slots: 0 for
    /// none, else the [`first_key`] of the slot's one first word, or
    /// [`SHARED_SLOT`] when several have the slot. A word whose slot some
    /// first word has but whose key differs (`the`, whose slot is that of
    /// `rules`) is passed over there, not looked up.
    first_keys: Box<[u16; 1 << FIRST_BITS]>,
    /// The trigger rows' first words ([`TriggerLexicon::first_slots`]).
    firsts: Vec<FirstWord>,
    /// The entries of each first word, longest first, end to end.
    by_first: Vec<u32>,
    /// [`second_key`] of each entry of `entries`, so that the phrases of one
    /// first word are passed over without comparing their words when the
    /// text's next word is none of theirs.
    seconds: Vec<u64>,
    /// The first two words of each phrase ([`pair_key`]; the first and third
    /// too when the second is a determiner the text may leave out), so that
    /// a first word followed by a word no phrase has next is settled without
    /// trying the phrases one by one.
    pairs: crate::fold::Bloom,
    /// Whether some line of the trigger lexicon that is not a comment has
    /// `'` (a row's surface may then have one): only then may a text word
    /// with `’` after a first word match where its hash does not
    /// ([`NextWord::Any`]).
    apostrophes: bool,
    /// Mode names; 0 is `-` (none).
    modes: Vec<Box<str>>,
    /// (type, mode index) -> quad class and score.
    scores: FxHashMap<(EventType, u16), (QuadClass, f32)>,
    /// Sector nouns by the hash of their first word: (words, sector).
    sectors: FxHashMap<u64, Vec<SectorNoun>>,
    /// The words with modality flags, each word once. Word `i` has
    /// [`FlagCode`] `i + 2`.
    flags: Vec<FlagWord>,
    /// The flags of each [`FlagCode`]: none for codes 0 and 1, then those
    /// of each word of `flags`.
    flag_sets: Vec<u64>,
    /// The [`FlagCode`] of a word of `flags` (0 for an empty slot) by the
    /// top bits of its hash, the next slot taken on a collision: a table of
    /// its own, so that a lookup is a read or two and no probe of a general
    /// map.
    flag_slots: Box<[FlagCode]>,
    /// The hashes of the words of `flags`: most words have no flags, and
    /// are settled without a look at the table.
    flags_bloom: crate::fold::Bloom,
    /// The hashes of the flag words that may stand inside a trigger phrase
    /// ([`SKIP_FLAGS`]): most words are none of them, and what a phrase may
    /// skip there is settled without looking up their flags.
    skip_bloom: crate::fold::Bloom,
}

/// The flags of words a trigger phrase may hold without changing it (see
/// the `skip_at` of [`find`]).
const SKIP_FLAGS: u64 = flag::MODIF | flag::DAY | flag::ON | flag::COUNT;

/// Bits of a word hash that index [`TriggerLexicon::first_slots`].
const FIRST_BITS: u32 = 16;

/// The slot of a word hash in [`TriggerLexicon::first_slots`].
#[inline]
fn first_slot(h: u64) -> usize {
    (h >> (64 - FIRST_BITS)) as usize
}

/// Sixteen bits of a word hash that [`first_slot`] does not read, odd (so
/// never 0, nor [`SHARED_SLOT`]).
#[inline]
fn first_key(h: u64) -> u16 {
    (h >> 32) as u16 | 1
}

/// In [`TriggerLexicon::first_keys`]: a slot of several first words.
const SHARED_SLOT: u16 = 2;

/// A first word of trigger rows, and its entries.
#[derive(Debug, Clone)]
struct FirstWord {
    /// Its [`word_hash`].
    hash: u64,
    /// Its entries in [`TriggerLexicon::by_first`].
    entries: Run,
    /// The index + 1 in [`TriggerLexicon::firsts`] of the next first word
    /// of the same slot, or 0.
    next: u16,
}

/// A word of [`TriggerLexicon::flags`].
#[derive(Debug, Clone)]
struct FlagWord {
    /// Its [`word_hash`].
    hash: u64,
    /// [`told_by_hash`]: a text word of its length and hash is this word.
    by_hash: bool,
    word: Cow<'static, str>,
}

/// Whether a lowercase word's length and [`word_hash`] tell it from every
/// other text word in any ASCII case: a word of one to eight ASCII letters.
/// The hash of a word of one to eight bytes is a one-to-one function of
/// its length and of its bytes or-ed with `0x20` (an odd multiple of their
/// value xor the rotated length, see `fold::hash_in`), and a byte or-ed
/// with `0x20` is a lowercase letter only for that letter in either case.
/// (Other bytes are not told: `-` or-ed with `0x20` is also a carriage
/// return's.) A test checks that a change of any byte to one that is not
/// the same letter changes the hash.
fn told_by_hash(w: &str) -> bool {
    (1..=8).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase())
}

/// Slots of [`TriggerLexicon::flag_slots`]: a power of two, several times
/// the number of flag words (checked at parse).
const FLAG_SLOTS: usize = 4096;

/// A word's flags as a small number, so that an article's tokens keep
/// theirs in two bytes each (beside a stamp, see [`Scratch`]): 1 for none,
/// `i + 2` for the `i`th flag word (see [`TriggerLexicon::flag_sets`]); 0,
/// which no word has, marks an empty slot of
/// [`TriggerLexicon::flag_slots`].
type FlagCode = u16;

/// The first slot of a word hash in [`TriggerLexicon::flag_slots`].
fn flag_slot(h: u64) -> usize {
    (h >> 52) as usize & (FLAG_SLOTS - 1)
}

/// The tokens of `surface`, or `None` when it is not lowercase; `buf` is
/// scratch room.
fn words_of(surface: &'static str, buf: &mut Vec<&'static str>) -> Option<Box<[&'static str]>> {
    if surface.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    buf.clear();
    tsv::for_each_token(surface, |r| buf.push(&surface[r]));
    Some(Box::from(buf.as_slice()))
}

/// Whether some line of `tsv` that is not a comment has `'` (one search of
/// the text, not one a row).
fn has_apostrophe_line(tsv: &str) -> bool {
    let b = tsv.as_bytes();
    memchr::memchr_iter(b'\'', b).any(|i| {
        let start = memchr::memrchr(b'\n', &b[..i]).map_or(0, |n| n + 1);
        !b[start..].starts_with(b"#")
    })
}

fn quad_of(s: &str) -> Option<QuadClass> {
    Some(match s {
        "verbal_cooperation" => QuadClass::VerbalCooperation,
        "material_cooperation" => QuadClass::MaterialCooperation,
        "verbal_conflict" => QuadClass::VerbalConflict,
        "material_conflict" => QuadClass::MaterialConflict,
        _ => return None,
    })
}

impl TriggerLexicon {
    pub(crate) fn embedded() -> Result<Self, Error> {
        Self::parse(DEFAULT_TRIGGERS, DEFAULT_PLOVER_TABLE, DEFAULT_SECTOR_NOUNS)
    }

    pub(crate) fn parse(triggers: &'static str, plover: &str, sectors: &'static str) -> Result<Self, Error> {
        // Room for a row a line.
        let lines = tsv::count_byte(triggers.as_bytes(), b'\n') + 1;
        let mut lex = TriggerLexicon {
            entries: Vec::with_capacity(lines),
            slots: Vec::with_capacity(lines),
            first_slots: crate::fold::written_zeros(1 << FIRST_BITS)
                .into_boxed_slice()
                .try_into()
                .expect("2^FIRST_BITS slots"),
            first_keys: crate::fold::written_zeros(1 << FIRST_BITS)
                .into_boxed_slice()
                .try_into()
                .expect("2^FIRST_BITS slots"),
            firsts: Vec::new(),
            by_first: Vec::with_capacity(lines),
            seconds: Vec::with_capacity(lines),
            pairs: crate::fold::Bloom::default(),
            apostrophes: has_apostrophe_line(triggers),
            modes: vec!["-".into()],
            scores: Default::default(),
            sectors: Default::default(),
            flags: Vec::new(),
            flag_sets: vec![0, 0],
            flag_slots: crate::fold::written_zeros(FLAG_SLOTS).into_boxed_slice(),
            flags_bloom: crate::fold::Bloom::default(),
            skip_bloom: crate::fold::Bloom::default(),
        };
        let mut modes: FxHashMap<&str, u16> = FxHashMap::from_iter([("-", 0)]);
        for (words, f) in FLAG_WORDS {
            for w in words {
                // The word, and again with `’` for `'` when it has one.
                let curly = w.contains('\'').then(|| Cow::Owned(w.replace('\'', "’")));
                for w in std::iter::once(Cow::Borrowed(*w)).chain(curly) {
                    let h = word_hash(w.as_bytes());
                    lex.flags_bloom.insert(h);
                    if f & SKIP_FLAGS != 0 {
                        lex.skip_bloom.insert(h);
                    }
                    let mut i = flag_slot(h);
                    loop {
                        match lex.flag_slots[i] {
                            0 => {
                                lex.flags.push(FlagWord { hash: h, by_hash: told_by_hash(&w), word: w });
                                lex.flag_sets.push(f);
                                lex.flag_slots[i] = lex.flags.len() as FlagCode + 1;
                                break;
                            }
                            c if *lex.flags[c as usize - 2].word == *w => {
                                lex.flag_sets[c as usize] |= f;
                                break;
                            }
                            _ => i = (i + 1) % FLAG_SLOTS,
                        }
                    }
                    assert!(lex.flags.len() * 4 <= FLAG_SLOTS, "FLAG_SLOTS too small for the flag words");
                }
            }
        }
        for (n, line) in rows(plover, "type\tmode\tquad\tscore") {
            let bad = |what: &str| Error::Lexicon(format!("plover.tsv:{n}: {what}"));
            let Some([ty, mode, quad, score]) = fields(line) else {
                return Err(bad("expected TYPE<TAB>MODE<TAB>QUAD<TAB>SCORE"));
            };
            let ty = EventType::parse(ty).ok_or_else(|| bad("unknown event type"))?;
            let quad = quad_of(quad).ok_or_else(|| bad("unknown quad class"))?;
            let score: f32 = score.parse().map_err(|_| bad("score is not a number"))?;
            let mode = lex.mode_index(&mut modes, mode);
            lex.scores.insert((ty, mode), (quad, score));
        }
        if let Some(t) = EventType::ALL.into_iter().find(|t| !lex.scores.contains_key(&(*t, 0))) {
            return Err(Error::Lexicon(format!("plover.tsv: no row for {} with mode -", t.name())));
        }
        let mut buf = Vec::new();
        let participles = PARTICIPLES.map(|w| word_hash(w.as_bytes()));
        // The first word of each entry, as its index in `lex.firsts`.
        let mut first_of: Vec<u16> = Vec::with_capacity(lines);
        let mut last_mode = ("-", 0);
        for (n, line) in rows(triggers, "surface\tlemma\tpos\ttype\tmode\tcameo\ttarget") {
            let bad = |what: &str| Error::Lexicon(format!("triggers.tsv:{n}: {what}"));
            let Some([surface, lemma, pos, ty, mode, cameo, target]) = fields(line) else {
                return Err(bad("expected seven tab-separated columns"));
            };
            let words = words_of(surface, &mut buf).ok_or_else(|| bad("the surface must be lowercase"))?;
            if words.is_empty() {
                return Err(bad("empty surface"));
            }
            let pos = match pos {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                "phrase" => Pos::Phrase,
                _ => return Err(bad("pos must be verb, noun or phrase")),
            };
            let ty = EventType::parse(ty).ok_or_else(|| bad("unknown event type"))?;
            // (Rows of one mode come together: the last one is asked first.)
            let name = mode;
            let mode = match last_mode {
                (m, i) if m == name => i,
                _ => lex.mode_index(&mut modes, name),
            };
            last_mode = (name, mode);
            // (Every type has its row of the type table: checked above.)
            let slots_from = lex.slots.len();
            for s in tsv::split(target, b';') {
                lex.slots.push(match s {
                    "-" => continue,
                    "obj" => Slot::Obj,
                    "after" => Slot::After,
                    p if p.starts_with("P:") && p.len() > 2 => Slot::Prep(&p[2..]),
                    _ => return Err(bad("target must be obj, after, P:prep or -")),
                });
            }
            let slots = Run::since(slots_from, &lex.slots);
            let head = &words[0];
            let first = word_hash(head.as_bytes());
            // (Compared only with the hash of a listed word.)
            let listed = || participles.contains(&first) && PARTICIPLES.contains(head);
            let participle = pos != Pos::Noun && (head.ends_with("ed") || listed());
            let group = lex.first_word(first)?;
            lex.firsts[group].entries.len += 1;
            first_of.push(group as u16);
            // (The second word hashed once, for both keys, and asked once
            // whether it is a determiner.)
            let second = words.get(1).map(|&w| (w, word_hash(w.as_bytes())));
            let second_article = second.is_some_and(|(w, _)| in_list(&ARTICLES, w));
            let has_article = second_article || words.iter().skip(2).any(|w| in_list(&ARTICLES, w));
            lex.seconds.push(second_key(second));
            if let Some((_, h2)) = second {
                lex.pairs.insert(pair_key(first, h2));
                if second_article && let Some(third) = words.get(2) {
                    lex.pairs.insert(pair_key(first, word_hash(third.as_bytes())));
                }
            }
            lex.entries.push(Trigger { words, lemma, pos, ty, mode, cameo, slots, participle, has_article });
        }
        // The entries of each first word end to end, in the order of the
        // first words (each run's start set to its end, then moved down as
        // its entries are put in, the last first), then longest first.
        let mut end = 0;
        for w in &mut lex.firsts {
            end += w.entries.len;
            w.entries.start = end;
        }
        lex.by_first.resize(lex.entries.len(), 0);
        for (e, &g) in first_of.iter().enumerate().rev() {
            let run = &mut lex.firsts[usize::from(g)].entries;
            run.start -= 1;
            lex.by_first[run.start as usize] = e as u32;
        }
        for w in &lex.firsts {
            let list = &mut lex.by_first[w.entries.start as usize..][..w.entries.len as usize];
            if list.len() > 1 {
                list.sort_by_key(|&e| std::cmp::Reverse(lex.entries[e as usize].words.len()));
            }
        }
        for (n, line) in rows(sectors, "noun\tsector") {
            let Some((noun, sector)) = line.split_once('\t') else {
                return Err(Error::Lexicon(format!("sector-nouns.tsv:{n}: expected NOUN<TAB>SECTOR")));
            };
            let words = words_of(noun, &mut buf)
                .ok_or_else(|| Error::Lexicon(format!("sector-nouns.tsv:{n}: the noun must be lowercase")))?;
            let Some(first) = words.first() else { continue };
            lex.sectors.entry(word_hash(first.as_bytes())).or_default().push((words, sector));
        }
        Ok(lex)
    }

    /// The index in [`TriggerLexicon::firsts`] of the first word of hash
    /// `h`, added (without entries) when new.
    fn first_word(&mut self, h: u64) -> Result<usize, Error> {
        let slot = &mut self.first_slots[first_slot(h)];
        let mut g = *slot;
        while g != 0 {
            let w = &self.firsts[usize::from(g) - 1];
            if w.hash == h {
                return Ok(usize::from(g) - 1);
            }
            g = w.next;
        }
        self.firsts.push(FirstWord { hash: h, entries: Run { start: 0, len: 0 }, next: *slot });
        *slot = u16::try_from(self.firsts.len())
            .map_err(|_| Error::Lexicon("triggers.tsv: too many first words".into()))?;
        let key = &mut self.first_keys[first_slot(h)];
        *key = if *key == 0 { first_key(h) } else { SHARED_SLOT };
        Ok(self.firsts.len() - 1)
    }

    /// The index of `mode` in [`TriggerLexicon::modes`], added when new;
    /// `seen` holds the modes met so far, by name.
    fn mode_index<'a>(&mut self, seen: &mut FxHashMap<&'a str, u16>, mode: &'a str) -> u16 {
        *seen.entry(mode).or_insert_with(|| {
            self.modes.push(mode.into());
            (self.modes.len() - 1) as u16
        })
    }

    pub(crate) fn ty(&self, e: u32) -> EventType {
        self.entries[e as usize].ty
    }

    pub(crate) fn lemma(&self, e: u32) -> &str {
        self.entries[e as usize].lemma
    }

    pub(crate) fn cameo(&self, e: u32) -> &str {
        self.entries[e as usize].cameo
    }

    /// The mode's name, or `None` for `-`.
    pub(crate) fn mode(&self, e: u32) -> Option<&str> {
        let m = self.entries[e as usize].mode;
        (m != 0).then(|| &*self.modes[m as usize])
    }

    /// Quad class and score of the entry's type and mode (the type's score
    /// when the mode has none).
    pub(crate) fn quad_score(&self, e: u32) -> (QuadClass, f32) {
        let t = &self.entries[e as usize];
        self.scores.get(&(t.ty, t.mode)).or_else(|| self.scores.get(&(t.ty, 0))).copied().expect("checked at parse")
    }

    /// Quad class and score of a type itself.
    pub(crate) fn type_score(&self, ty: EventType) -> (QuadClass, f32) {
        self.scores.get(&(ty, 0)).copied().expect("every type has a row, checked at parse")
    }

    /// The longest entry whose words start at token `k`, with what
    /// `skip_at` allows inside a phrase ([`words_match_modified`]: `held
    /// direct talks with`, `imposed fresh sanctions on`): the entry and one
    /// past its last token. `hashes` holds each word's [`word_hash`];
    /// `is_count` tells a count (a number or a number word).
    #[allow(clippy::too_many_arguments)]
    fn match_at(
        &self,
        text: &str,
        toks: &[Token],
        hashes: &[u64],
        k: usize,
        end: usize,
        skip_at: &dyn Fn(usize) -> usize,
        is_count: &dyn Fn(usize) -> bool,
    ) -> Option<(u32, usize)> {
        let t = &toks[k];
        if t.kind != TokenKind::Word {
            return None;
        }
        let h = hashes[k];
        let list = self.entries_of(h)?;
        // The rest per entry, then the first word once (the hash may
        // collide): most candidates match no entry, and are settled without
        // a comparison of their first word.
        let first = &self.entries[*list.first()? as usize].words[0];
        self.match_rest(text, toks, hashes, k, end, list, skip_at, is_count).filter(|_| same_word(t.text(text), first))
    }

    /// The entries whose first word has [`word_hash`] `h`, longest first.
    #[inline]
    fn entries_of(&self, h: u64) -> Option<&[u32]> {
        let mut g = self.first_slots[first_slot(h)];
        while g != 0 {
            let w = &self.firsts[g as usize - 1];
            if w.hash == h {
                return Some(w.entries.of(&self.by_first));
            }
            g = w.next;
        }
        None
    }

    /// Whether some first word's hash may be `h`: its slot has a first
    /// word with the key of `h`, or several. (Most words find 0 there; the
    /// key is read only for the others.)
    #[inline]
    fn may_start(&self, h: u64) -> bool {
        let key = self.first_keys[first_slot(h)];
        key != 0 && (key == first_key(h) || key == SHARED_SLOT)
    }

    /// [`TriggerLexicon::match_at`] once the word at `k` has the hash of the
    /// first word of the entries of `list`, that word not yet compared.
    #[allow(clippy::too_many_arguments)]
    fn match_rest(
        &self,
        text: &str,
        toks: &[Token],
        hashes: &[u64],
        k: usize,
        end: usize,
        list: &[u32],
        skip_at: &dyn Fn(usize) -> usize,
        is_count: &dyn Fn(usize) -> bool,
    ) -> Option<(u32, usize)> {
        let h = hashes[k];
        // No phrase can match when the next word is none a phrase has next
        // (nor a determiner left out), and no word stands inserted there:
        // only a one-word entry then.
        let longest = self.entries[list[0] as usize].words.len();
        let next = if longest >= 2 { self.next_word(text, toks, hashes, k, end) } else { NextWord::None };
        if longest >= 2 && !self.phrase_may_follow(k, h, next, skip_at) {
            // (The list is sorted longest first: its one-word entries end it.)
            let one_word = |&e: &u32| self.entries[e as usize].words.len() == 1;
            return list.iter().copied().rev().take_while(one_word).last().map(|e| (e, k + 1));
        }
        // A modifier inside a phrase is tried only when one stands in reach
        // (looked for once, and only when an entry does not match as is).
        let mut modified: Option<bool> = None;
        list.iter().copied().find_map(|e| {
            let words = &self.entries[e as usize].words;
            let second_may_match = words.len() == 1 || next.may_be(self.seconds[e as usize]);
            if second_may_match && words_match(text, toks, k + 1, end, &words[1..]) {
                return Some((e, k + words.len()));
            }
            if words.len() < 2 {
                return None;
            }
            let in_reach = || (k + 1..(k + longest).min(end)).any(|p| skip_at(p) > 0);
            (self.entries[e as usize].has_article || *modified.get_or_insert_with(in_reach))
                .then(|| words_match_modified(text, toks, k, end, words, second_may_match, skip_at, is_count))
                .flatten()
                .map(|x| (e, x))
        })
    }

    /// The token after `k`, before `end`, as [`NextWord`].
    fn next_word(&self, text: &str, toks: &[Token], hashes: &[u64], k: usize, end: usize) -> NextWord {
        match toks.get(k + 1).filter(|_| k + 1 < end) {
            None => NextWord::None,
            Some(t) if self.apostrophes && !text.as_bytes()[t.span.start..t.span.end].is_ascii() => NextWord::Any,
            Some(t) if t.kind == TokenKind::Word => NextWord::Hash(hashes[k + 1]),
            Some(t) => NextWord::Hash(word_hash_in(text.as_bytes(), t.span.start, t.span.end)),
        }
    }

    /// Whether some phrase starting with the word at `k` (of hash `h`) may
    /// go on at `k + 1` (the word there is `next`): the pair is in
    /// [`TriggerLexicon::pairs`], or the next word is [`NextWord::Any`], or
    /// words may stand inserted there.
    fn phrase_may_follow(&self, k: usize, h: u64, next: NextWord, skip_at: &dyn Fn(usize) -> usize) -> bool {
        match next {
            NextWord::None => false,
            NextWord::Any => true,
            NextWord::Hash(h2) => self.pairs.may_contain(pair_key(h, h2)) || skip_at(k + 1) > 0,
        }
    }

    /// The [`FlagCode`] of a token (1, none, for most words), a word's
    /// [`word_hash`] `h`.
    fn flag_code(&self, text: &str, t: &Token, h: u64) -> FlagCode {
        if t.kind != TokenKind::Word {
            return 1;
        }
        if !self.flags_bloom.may_contain(h) {
            return 1;
        }
        // The flag words are lowercase (a test checks): only the text's
        // bytes are folded, and only for a word its hash does not tell.
        let len = t.span.end - t.span.start;
        let mut i = flag_slot(h);
        loop {
            let c = self.flag_slots[i];
            let x = match c {
                0 => return 1,
                c => &self.flags[c as usize - 2],
            };
            if x.hash == h
                && x.word.len() == len
                && (x.by_hash
                    || t.span.text(text).bytes().zip(x.word.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b))
            {
                return c;
            }
            i = (i + 1) % FLAG_SLOTS;
        }
    }

    /// The sector of the noun starting at token `k`, and its last token
    /// (`hashes` as in [`TriggerLexicon::match_at`]).
    fn sector_at(&self, text: &str, toks: &[Token], hashes: &[u64], k: usize, end: usize) -> Option<(&str, usize)> {
        toks.get(k).filter(|t| t.kind == TokenKind::Word)?;
        let list = self.sectors.get(&hashes[k])?;
        list.iter()
            .filter(|(w, _)| words_match(text, toks, k, end, w))
            .max_by_key(|(w, _)| w.len())
            .map(|(w, s)| (*s, k + w.len() - 1))
    }
}

/// The key of two consecutive words by their [`word_hash`]es, with every
/// determiner the same word (any determiner stands for any other).
#[inline]
fn pair_key(first: u64, second: u64) -> u64 {
    let second = if ARTICLE_HASHES.contains(&second) { ARTICLE_HASHES[0] } else { second };
    first.rotate_left(29) ^ second.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The word after a trigger's first word in the text, as far as
/// [`TriggerLexicon::match_at`] needs it.
#[derive(Debug, Clone, Copy)]
enum NextWord {
    /// The sentence ends there.
    None,
    /// A word that is not plain ASCII (`’` reads as `'`), when a row may
    /// have `'` ([`TriggerLexicon::apostrophes`]): any
    /// second word may match.
    Any,
    /// The word's [`word_hash`] (a word that is not plain ASCII too, when
    /// no row has `'`: the word then matches only a
    /// word with its hash, as a plain ASCII one does).
    Hash(u64),
}

impl NextWord {
    /// Whether an entry with [`second_key`] `second` may match this next
    /// word: [`same_word`] holds only for the same word in any case (the
    /// same hash), a word with `’`, or two determiners.
    fn may_be(self, second: u64) -> bool {
        match self {
            NextWord::None => false,
            NextWord::Any => true,
            NextWord::Hash(h) => second == ANY_SECOND || h == second,
        }
    }
}

/// [`second_key`] of an entry whose second word any word may match (a
/// determiner) or that has none (the key is not looked at then).
const ANY_SECOND: u64 = 0;

/// What [`NextWord::may_be`] compares: the [`word_hash`] of an entry's second
/// word, or [`ANY_SECOND`] when it has none or it is a determiner. (The
/// word comes with its hash.)
fn second_key(second: Option<(&str, u64)>) -> u64 {
    match second {
        Some((w, h)) if !in_list(&ARTICLES, w) => h,
        _ => ANY_SECOND,
    }
}

/// [`word_hash`] of each of [`ARTICLES`], in order.
static ARTICLE_HASHES: std::sync::LazyLock<[u64; ARTICLES.len()]> =
    std::sync::LazyLock::new(|| ARTICLES.map(|a| word_hash(a.as_bytes())));

/// Whether `words` match the tokens from `k` on (before `end`), ignoring
/// ASCII case, with `’` read as `'`.
fn words_match(text: &str, toks: &[Token], k: usize, end: usize, words: &[&str]) -> bool {
    if k + words.len() > end {
        return false;
    }
    words.iter().enumerate().all(|(i, w)| same_word(toks[k + i].text(text), w))
}

/// Determiners one phrase may use for another (`lifted a state of emergency`
/// for `lift the state of emergency`).
const ARTICLES: [&str; 7] = ["a", "an", "the", "its", "their", "his", "her"];

/// A text word against a lexicon word (lowercase, as the lexicon's format
/// requires): ASCII case ignored, `’` read as `'`, and any determiner for any
/// other.
fn same_word(t: &str, w: &str) -> bool {
    // Most pairs differ in length and are not determiners: settle those first.
    // (`w` has no capitals, so only `t`'s bytes need folding.)
    if t.len() == w.len() && t.bytes().zip(w.bytes()).all(|(x, y)| x.to_ascii_lowercase() == y) {
        return true;
    }
    (t.len() > w.len() && !t.is_ascii() && same_curly(t, w)) || (is_article(w.as_bytes()) && is_article(t.as_bytes()))
}

/// [`same_word`] for a text word with `’`, read as `'`: rare, and kept out
/// of line so that `same_word`'s common path does not pay for its string.
#[cold]
#[inline(never)]
fn same_curly(t: &str, w: &str) -> bool {
    t.contains('’') && t.replace('’', "'").eq_ignore_ascii_case(w)
}

/// Whether `x` is one of [`ARTICLES`], ignoring ASCII case: its length and
/// lowercase bytes packed into one integer and compared with theirs.
fn is_article(x: &[u8]) -> bool {
    const fn pack(x: &[u8]) -> u64 {
        let mut v = x.len() as u64;
        let mut i = 0;
        while i < x.len() {
            v = v << 8 | x[i].to_ascii_lowercase() as u64;
            i += 1;
        }
        v
    }
    const PACKED: [u64; ARTICLES.len()] = {
        let mut out = [0; ARTICLES.len()];
        let mut i = 0;
        while i < ARTICLES.len() {
            out[i] = pack(ARTICLES[i].as_bytes());
            i += 1;
        }
        out
    };
    // Most words are settled by their length and first letter, which no
    // determiner has, without packing them.
    const LENGTHS: u32 = {
        let mut m = 0;
        let mut i = 0;
        while i < ARTICLES.len() {
            m |= 1 << ARTICLES[i].len();
            i += 1;
        }
        m
    };
    const FIRSTS: u32 = {
        let mut m = 0;
        let mut i = 0;
        while i < ARTICLES.len() {
            m |= 1 << (ARTICLES[i].as_bytes()[0] - b'a');
            i += 1;
        }
        m
    };
    let Some(&first) = x.first() else { return false };
    let letter = first.to_ascii_lowercase().wrapping_sub(b'a');
    x.len() <= 5 && LENGTHS >> x.len() & 1 != 0 && letter < 26 && FIRSTS >> letter & 1 != 0 && PACKED.contains(&pack(x))
}

/// Words that may stand inside a trigger phrase without changing it.
const MODIFIERS: [&str; 37] = [
    "additional",
    "bilateral",
    "coordinated",
    "deadly",
    "diplomatic",
    "direct",
    "economic",
    "emergency",
    "first",
    "formal",
    "fresh",
    "further",
    "harsh",
    "heavy",
    "high-level",
    "informal",
    "landmark",
    "large",
    "latest",
    "major",
    "mass",
    "massive",
    "more",
    "new",
    "official",
    "punitive",
    "rare",
    "renewed",
    "retaliatory",
    "second",
    "secret",
    "surprise",
    "sweeping",
    "tough",
    "trilateral",
    "urgent",
    "wide",
];

/// Number words that may stand inside a phrase as a count (`fired two
/// rockets at`), like a number (`sent 3,000 troops to`).
const COUNT_WORDS: [&str; 21] = [
    "dozens",
    "eight",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "hundreds",
    "nine",
    "scores",
    "seven",
    "several",
    "six",
    "ten",
    "thirty",
    "thousands",
    "three",
    "twelve",
    "twenty",
    "two",
];

/// At most this many changes inside one trigger phrase: words the text
/// inserts ([`MODIFIERS`], a day, a hyphenated modifier) or a determiner it
/// leaves out (`lifted Friday a day-old blockade on`).
const MAX_PHRASE_CHANGES: usize = 2;

/// [`words_match`] with up to [`MAX_PHRASE_CHANGES`] words inserted after
/// the first word (what `skip_at` says may stand there) or determiners left
/// out; one past the last token, or `None` when nothing changed. The first
/// word is not compared (the caller compares it with token `k`).
/// `is_count` tells a count: a number or one of [`COUNT_WORDS`].
/// `second_may_match` is false when token `k + 1` is known not to be the
/// second word ([`NextWord::may_be`]), which is then not compared.
#[allow(clippy::too_many_arguments)]
fn words_match_modified(
    text: &str,
    toks: &[Token],
    k: usize,
    end: usize,
    words: &[&str],
    second_may_match: bool,
    skip_at: &dyn Fn(usize) -> usize,
    is_count: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let same = |p: usize, w: &str| same_word(toks[p].text(text), w);
    let mut p = k + 1;
    let mut changes = 0;
    for (i, w) in words.iter().enumerate().skip(1) {
        if p >= end {
            return None;
        }
        if !((i > 1 || second_may_match) && same(p, w)) {
            // A determiner the text leaves out (`lift ban on` for `lift the
            // ban on`).
            if changes < MAX_PHRASE_CHANGES && in_list(&ARTICLES, w) && same(p, words.get(i + 1).copied().unwrap_or(""))
            {
                changes += 1;
                continue;
            }
            // Inserted words, one group after another while the budget lasts.
            // A count stands before a noun, not a preposition (`fired 300
            // at the plant` is no `fired at`).
            loop {
                let n = if changes < MAX_PHRASE_CHANGES { skip_at(p) } else { 0 };
                if n == 0 || p + n >= end || (is_count(p) && in_list(&PREPOSITIONS, w)) {
                    return None;
                }
                changes += 1;
                p += n;
                if same(p, w) {
                    break;
                }
            }
        }
        p += 1;
    }
    (changes > 0).then_some(p)
}

/// The tokens of a hyphenated modifier of lowercase words and numbers
/// starting at `p` (`day-old`, `40-year-old`, `long-running`): at most
/// three parts; 0 when there is none. (Out of line: `skip_at` of [`find`]
/// calls it for the few words glued to the next token.)
#[inline(never)]
fn hyphenated_modifier(text: &str, toks: &[Token], p: usize, end: usize) -> usize {
    let part = |q: usize| {
        toks.get(q).is_some_and(|t| {
            q < end
                && (t.kind == TokenKind::Number
                    || (t.kind == TokenKind::Word && t.case == gazette_tokenizer::Case::Lower))
        })
    };
    let joined = |q: usize| q < end && !toks[q].space_before && is_punct(text, &toks[q], &["-"]);
    if !part(p) {
        return 0;
    }
    let mut q = p + 1;
    let mut parts = 1;
    while parts < 3 && joined(q) && part(q + 1) && !toks[q + 1].space_before {
        q += 2;
        parts += 1;
    }
    if parts == 1 { 0 } else { q - p }
}

/// Irregular past participles that head trigger rows.
const PARTICIPLES: [&str; 25] = [
    "beaten",
    "broken",
    "brought",
    "cut",
    "drawn",
    "fought",
    "given",
    "held",
    "hit",
    "led",
    "met",
    "overrun",
    "put",
    "seized",
    "sent",
    "set",
    "shot",
    "shut",
    "sought",
    "stolen",
    "struck",
    "taken",
    "thrown",
    "withdrawn",
    "won",
];

/// An event found in an article, before it becomes a record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Event {
    /// Trigger entry in the lexicon.
    pub entry: u32,
    /// The trigger's words.
    pub trigger: Span,
    /// Index of the sentence.
    pub sentence: usize,
    /// The trigger's tokens, `[first, end)`.
    pub tokens: (usize, usize),
    /// Whether the event lies ahead, for resolving bare weekdays.
    pub future: bool,
    /// The event's type: the trigger's, or AGREE, THREATEN or REQUEST for
    /// an action promised, threatened or demanded.
    pub ty: EventType,
    /// The trigger's own type when `ty` differs from it.
    pub action: Option<EventType>,
    /// The clause's tokens around the trigger, `[first, end)`, where its
    /// amounts are looked for.
    pub clause: (usize, usize),
    /// Source actors: indices into the mentions, with the span of the
    /// actor's words (a mention and its sector noun: `Russian troops`) and
    /// the sector that noun gives.
    pub source: Vec<ActorRef>,
    /// Target actors.
    pub target: Vec<ActorRef>,
    /// Modality.
    pub modality: Modality,
    /// Whether the event is denied.
    pub negated: bool,
    /// Index of the quote whose content holds the trigger.
    pub quote: Option<usize>,
    /// A place mention where the clause puts the event.
    pub location: Option<usize>,
}

/// An actor of an event: a mention, the words that name the actor, and a
/// sector from a head noun (`Russian officials` -> GOV), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ActorRef {
    pub mention: usize,
    pub span: Span,
    pub sector: Option<Box<str>>,
    /// Named as a place (the host of a visit): a capital stays a place,
    /// not its government.
    pub place: bool,
    /// For a person no gazetteer knows: the country mention of their
    /// introduction (`Serbian President Vojislav Kostunica`), whose country
    /// they act for.
    pub country_from: Option<usize>,
    /// Not named as this event's actor but inferred (the government a
    /// protest is held against).
    pub inferred: bool,
}

/// Words that end a clause when looking back for a subject.
const CLAUSE_WORDS: [&str; 17] = [
    "after", "although", "as", "because", "before", "but", "if", "since", "that", "though", "unless", "when", "where",
    "whereas", "whether", "which", "while",
];
/// Prepositions: a mention right after one is not a subject.
const PREPOSITIONS: [&str; 22] = [
    "about", "across", "against", "among", "at", "between", "by", "despite", "for", "from", "in", "into", "near", "of",
    "on", "over", "through", "to", "toward", "towards", "under", "with",
];
const BE: [&str; 9] = ["'s", "am", "are", "be", "been", "being", "is", "was", "were"];
const NEGATIONS: [&str; 4] = ["not", "n't", "never", "no"];
const NEGATING_VERBS: [&str; 12] = [
    "decline", "declined", "declines", "denied", "denies", "deny", "fail", "failed", "fails", "refuse", "refused",
    "refuses",
];
const FUTURE: [&str; 12] =
    ["'ll", "expected", "going", "intend", "intends", "plan", "planned", "plans", "scheduled", "set", "shall", "will"];
const POSSIBLE: [&str; 6] = ["could", "may", "might", "can", "possibly", "likely"];
const REQUESTING: [&str; 14] = [
    "ask", "asked", "asks", "call", "called", "calls", "demand", "demanded", "demands", "pressed", "pressing", "urge",
    "urged", "urges",
];
const PRONOUNS: [&str; 2] = ["he", "she"];

/// Verbs whose object is a nominal trigger and whose subject is its source:
/// `imposed a tariff`, `launched air strikes`, `approved $200 million in aid`.
const SUPPORT_VERBS: [&str; 86] = [
    "announce",
    "announced",
    "announces",
    "approve",
    "approved",
    "approves",
    "approving",
    "began",
    "begins",
    "carried",
    "conduct",
    "conducted",
    "conducting",
    "conducts",
    "continue",
    "continued",
    "continues",
    "continuing",
    "deliver",
    "delivered",
    "delivers",
    "extend",
    "extended",
    "extending",
    "extends",
    "gave",
    "give",
    "given",
    "gives",
    "giving",
    "held",
    "hold",
    "holding",
    "holds",
    "impose",
    "imposed",
    "imposes",
    "imposing",
    "intensified",
    "intensifies",
    "issue",
    "issued",
    "issues",
    "launch",
    "launched",
    "launches",
    "launching",
    "levied",
    "levies",
    "levy",
    "lodge",
    "lodged",
    "lodges",
    "lodging",
    "mount",
    "mounted",
    "offer",
    "offered",
    "offers",
    "open",
    "opened",
    "opening",
    "opens",
    "pledge",
    "pledged",
    "pledges",
    "provide",
    "provided",
    "provides",
    "providing",
    "reiterated",
    "renewed",
    "resumed",
    "resumes",
    "send",
    "sending",
    "sends",
    "sent",
    "slapped",
    "slaps",
    "stage",
    "staged",
    "staging",
    "started",
    "stepped",
    "unleashed",
];
const DETERMINERS: [&str; 12] =
    ["a", "an", "another", "fresh", "further", "more", "new", "that", "the", "these", "this", "those"];

/// Words of a title between a place and a person (`US special envoy`,
/// `Russian President`, `Putin's foreign affairs adviser`).
const TITLE_WORDS: [&str; 49] = [
    "admiral",
    "adviser",
    "advisor",
    "affairs",
    "aide",
    "ambassador",
    "chancellor",
    "chief",
    "colonel",
    "commander",
    "crown",
    "defence",
    "defense",
    "deputy",
    "emir",
    "envoy",
    "finance",
    "foreign",
    "general",
    "governor",
    "head",
    "interior",
    "junior",
    "king",
    "leader",
    "mayor",
    "minister",
    "national",
    "negotiator",
    "premier",
    "president",
    "presidential",
    "prime",
    "prince",
    "queen",
    "representative",
    "secretary",
    "security",
    "senator",
    "senior",
    "sheikh",
    "special",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
    "top",
    "trade",
    "vice",
];

/// Speech verbs after which `it` / `they` stand for the speaker.
const SPEECH: [&str; 16] = [
    "added",
    "adds",
    "announced",
    "announces",
    "claimed",
    "claims",
    "confirmed",
    "declared",
    "insisted",
    "insists",
    "said",
    "say",
    "says",
    "stated",
    "warned",
    "warns",
];

/// Verbs of sending and going, after which an infinitive says what for and
/// has their subject (`sent a team to Libya to investigate`, `flew to
/// Cairo to meet`); after other verbs it may be the object's (`ordered the
/// army to withdraw`) or no one's (`his attempts to meet`).
const PURPOSE_VERBS: [&str; 36] = [
    "arrive",
    "arrived",
    "arrives",
    "came",
    "convened",
    "deploy",
    "deployed",
    "deploying",
    "deploys",
    "dispatch",
    "dispatched",
    "dispatches",
    "dispatching",
    "flew",
    "fly",
    "flying",
    "go",
    "going",
    "gone",
    "launched",
    "returned",
    "send",
    "sending",
    "sends",
    "sent",
    "travel",
    "traveled",
    "traveling",
    "travelled",
    "travelling",
    "travels",
    "visit",
    "visited",
    "visiting",
    "visits",
    "went",
];

/// At most this many actors on one side of an event.
const MAX_ACTORS: usize = 8;

/// Adverbs that may stand among auxiliaries.
const ADVERB_WORDS: [&str; 12] =
    ["again", "already", "also", "earlier", "further", "just", "later", "now", "soon", "still", "then", "yet"];

/// Other words of a verb group before a trigger (`has`, `ready`, `agreed`).
const AUX_WORDS: [&str; 34] = [
    "able",
    "about",
    "agreed",
    "did",
    "do",
    "does",
    "due",
    "expected",
    "going",
    "had",
    "has",
    "have",
    "must",
    "pledged",
    "prepared",
    "promised",
    "ready",
    "seeks",
    "should",
    "sought",
    "swore",
    "sworn",
    "threatened",
    "threatening",
    "to",
    "tried",
    "trying",
    "vow",
    "vowed",
    "vows",
    "wanted",
    "wants",
    "willing",
    "would",
];

/// Words after which a noun row is used as a verb (`will visit`).
const VERBAL_BEFORE: [&str; 16] = [
    "can", "could", "did", "do", "does", "may", "might", "must", "n't", "never", "not", "shall", "should", "to",
    "will", "would",
];

/// Words where the look-back of a nominal trigger stops.
const NOT_WALKABLE: [&str; 9] = ["against", "and", "by", "from", "on", "or", "the", "to", "with"];

/// Words that put the action ahead (`vowed to`, `is ready to`).
const FUTURE_FRAMES: [&str; 14] = [
    "due",
    "pledged",
    "prepared",
    "promised",
    "ready",
    "swear",
    "swore",
    "sworn",
    "threatened",
    "threatening",
    "vow",
    "vowed",
    "vows",
    "willing",
];

/// Word flags for modality, looked up once per token of the windows around
/// a trigger (see [`TriggerLexicon::flag_code`]).
mod flag {
    pub const NEG: u64 = 1;
    pub const NEGV: u64 = 1 << 1;
    pub const FUT: u64 = 1 << 2;
    pub const POSS: u64 = 1 << 3;
    pub const REQ: u64 = 1 << 4;
    pub const SPEECH: u64 = 1 << 5;
    pub const FRAMES: u64 = 1 << 6;
    pub const IF: u64 = 1 << 7;
    pub const UNLESS: u64 = 1 << 8;
    pub const WHETHER: u64 = 1 << 9;
    pub const MUST: u64 = 1 << 10;
    pub const TO: u64 = 1 << 11;
    pub const WOULD: u64 = 1 << 12;
    pub const PAST: u64 = 1 << 13;
    pub const REFUSE: u64 = 1 << 14;
    pub const BE: u64 = 1 << 15;
    pub const ADVW: u64 = 1 << 16;
    pub const AUXW: u64 = 1 << 17;
    pub const PREP: u64 = 1 << 18;
    pub const CLAUSE: u64 = 1 << 19;
    pub const SUPPORT: u64 = 1 << 20;
    pub const TITLE: u64 = 1 << 21;
    pub const DET: u64 = 1 << 22;
    pub const PRON: u64 = 1 << 23;
    pub const MODIF: u64 = 1 << 24;
    pub const DAY: u64 = 1 << 25;
    pub const COUNT: u64 = 1 << 26;
    pub const ON: u64 = 1 << 27;
    /// Prepositions after a head noun in a subject (`rebels in`, `a group of`).
    pub const OF_IN: u64 = 1 << 28;
    /// Pronouns not resolved, except after a speech verb (`it`, `they`).
    pub const OTHER_PRON: u64 = 1 << 29;
    /// [`super::NOUN_MARKERS`].
    pub const NOUN_MARK: u64 = 1 << 30;
    /// [`super::VERBAL_BEFORE`].
    pub const VERBAL: u64 = 1 << 32;
    /// [`super::NOT_WALKABLE`].
    pub const WALK_STOP: u64 = 1 << 33;
    /// [`super::PLACE_MODIFIERS`].
    pub const PLACE_MOD: u64 = 1 << 34;
    /// [`super::PURPOSE_VERBS`].
    pub const PURPOSE: u64 = 1 << 35;
    /// `face`, `faces`, `facing` (`... or face sanctions`).
    pub const FACE: u64 = 1 << 36;
    pub const OR: u64 = 1 << 37;
    pub const AND: u64 = 1 << 38;
    pub const THE: u64 = 1 << 39;
    pub const OF: u64 = 1 << 40;
    /// Prepositions after a noun before an object (`calls by Belarus`).
    pub const OBJ_PREP: u64 = 1 << 41;
    /// Possessive determiners (`its`, `their`, `his`, `her`).
    pub const POSS_DET: u64 = 1 << 42;
    /// Prepositions before a place (`in`, `at`, `near`, `outside`, `inside`).
    pub const PLACE_PREP: u64 = 1 << 43;
    /// Words of a verb group before a trigger.
    pub const AUX: u64 = BE | NEG | ADVW | FUT | POSS | NEGV | AUXW;
}

/// The word lists behind each flag.
const FLAG_WORDS: [(&[&str], u64); 43] = [
    (&crate::timex::DAY_WORDS, flag::DAY),
    (&MODIFIERS, flag::MODIF),
    (&COUNT_WORDS, flag::COUNT),
    (&["on"], flag::ON),
    (&["of", "in", "from", "at"], flag::OF_IN),
    (&["it", "they", "we", "i", "you", "its", "their", "our"], flag::OTHER_PRON),
    (&BE, flag::BE),
    (&ADVERB_WORDS, flag::ADVW),
    (&AUX_WORDS, flag::AUXW),
    (&PREPOSITIONS, flag::PREP),
    (&CLAUSE_WORDS, flag::CLAUSE),
    (&SUPPORT_VERBS, flag::SUPPORT),
    (&TITLE_WORDS, flag::TITLE),
    (&DETERMINERS, flag::DET),
    (&PRONOUNS, flag::PRON),
    (&NEGATIONS, flag::NEG),
    (&NEGATING_VERBS, flag::NEGV),
    (&FUTURE, flag::FUT),
    (&POSSIBLE, flag::POSS),
    (&REQUESTING, flag::REQ),
    (&SPEECH, flag::SPEECH),
    (&FUTURE_FRAMES, flag::FRAMES),
    (&["if"], flag::IF),
    (&["unless"], flag::UNLESS),
    (&["whether"], flag::WHETHER),
    (&["must"], flag::MUST),
    (&["to"], flag::TO),
    (&["would"], flag::WOULD),
    (&["had", "has", "have", "did", "was", "were"], flag::PAST),
    (&["refused", "refuses", "refuse", "refusing", "declined", "declines", "decline", "declining"], flag::REFUSE),
    (&NOUN_MARKERS, flag::NOUN_MARK),
    (&VERBAL_BEFORE, flag::VERBAL),
    (&NOT_WALKABLE, flag::WALK_STOP),
    (&PLACE_MODIFIERS, flag::PLACE_MOD),
    (&PURPOSE_VERBS, flag::PURPOSE),
    (&["face", "faces", "facing"], flag::FACE),
    (&["or"], flag::OR),
    (&["and"], flag::AND),
    (&["the"], flag::THE),
    (&["of"], flag::OF),
    (&["of", "by", "from", "with"], flag::OBJ_PREP),
    (&["its", "their", "his", "her"], flag::POSS_DET),
    (&["in", "at", "near", "outside", "inside"], flag::PLACE_PREP),
];

/// Words before a one-word verb row that make it a noun (`the support of`,
/// `their withdrawal`).
const NOUN_MARKERS: [&str; 10] = ["a", "an", "her", "his", "its", "our", "that", "the", "their", "this"];

/// Words between a place preposition and the place (`in northern Israel`,
/// `in the south of`).
const PLACE_MODIFIERS: [&str; 10] =
    ["central", "east", "eastern", "north", "northern", "south", "southern", "the", "west", "western"];

/// Window sizes, in tokens.
const BACK: usize = 24;
const AHEAD: usize = 14;

/// Byte order of two words with ASCII letters folded to lowercase (the
/// order the long lists are checked to be in).
#[cfg(any(test, debug_assertions))]
fn cmp_folded(x: &str, w: &str) -> std::cmp::Ordering {
    x.bytes().map(|b| b.to_ascii_lowercase()).cmp(w.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Whether `w` is in `list`, ignoring ASCII case. Lists of more than eight
/// words are lowercase and sorted (a test checks), and searched by halves
/// for `w` lowercased once.
fn in_list(list: &[&str], w: &str) -> bool {
    if list.len() > 8 {
        #[cfg(debug_assertions)]
        assert_sorted_once(list);
        crate::fold::sorted_has(list, w.as_bytes())
    } else {
        list.iter().any(|x| w.eq_ignore_ascii_case(x))
    }
}

/// Debug builds: panics on the first search of a list that is not sorted
/// (each list, a constant, is checked once).
#[cfg(debug_assertions)]
fn assert_sorted_once(list: &[&str]) {
    use crate::fold::SORTED_LIST_WORD;
    static CHECKED: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());
    let mut checked = CHECKED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let key = list.as_ptr() as usize;
    if !checked.contains(&key) {
        assert!(
            list.windows(2).all(|p| cmp_folded(p[0], p[1]) == std::cmp::Ordering::Less),
            "a list of more than eight words searched by halves must be sorted: {list:?}"
        );
        assert!(
            list.iter().all(|x| x.len() <= SORTED_LIST_WORD && !x.bytes().any(|b| b.is_ascii_uppercase())),
            "a list of more than eight words searched by halves must be lowercase, of words of at most {SORTED_LIST_WORD} bytes: {list:?}"
        );
        checked.push(key);
    }
}

fn is(text: &str, t: &Token, list: &[&str]) -> bool {
    t.kind == TokenKind::Word && {
        let w = t.text(text);
        in_list(list, w) || (!w.is_ascii() && w.contains('’') && in_list(list, &w.replace('’', "'")))
    }
}

/// Whether `t` is punctuation written as one of `p`. (Its bytes compared:
/// a span lies on char boundaries, so that they are its text's.)
fn is_punct(text: &str, t: &Token, p: &[&str]) -> bool {
    matches!(t.kind, TokenKind::Punct) && {
        let w = &text.as_bytes()[t.span.start..t.span.end];
        p.iter().any(|x| x.as_bytes() == w)
    }
}

/// Whether `t` is a possessive ending glued to the word before: `'s`,
/// `’s`, `'`, `’` (compared as bytes, `’` being E2 80 99).
fn is_possessive(text: &str, t: &Token) -> bool {
    !t.space_before
        && matches!(&text.as_bytes()[t.span.start..t.span.end], b"'s" | b"'" | b"\xE2\x80\x99s" | b"\xE2\x80\x99")
}

/// The CAMEO root of an intent, threat or demand frame.
pub(crate) fn cameo_root(ty: EventType) -> &'static str {
    match ty {
        EventType::Agree => "03",
        EventType::Threaten => "13",
        EventType::Request => "10",
        EventType::Reject => "12",
        EventType::Cooperate => "06",
        _ => "",
    }
}

/// Whether tokens `a` and `b` (either order) lie in one clause: no clause
/// boundary (`;`, `:`, a dash, `that`, `as`, `after`, ...) between them.
pub(crate) fn same_clause(text: &str, toks: &[Token], a: usize, b: usize) -> bool {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    !toks[x..y].iter().any(|t| is_boundary_token(text, t))
}

/// Punctuation that ends a clause: `;`, `:`, a dash, a parenthesis. (A
/// match on the text, which compiles to a switch on its length and bytes,
/// not a search of a list.)
#[inline]
fn is_boundary_punct(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text(text), ";" | ":" | "—" | "–" | "(" | ")")
}

fn is_boundary_token(text: &str, t: &Token) -> bool {
    // (No clause word has an apostrophe: a word of another shape is none,
    // whatever its marks.)
    const CLAUSE_SHAPES: crate::timex::Shapes = crate::timex::Shapes::of(&[&CLAUSE_WORDS]);
    is_boundary_punct(text, t) || (CLAUSE_SHAPES.may_hold(t.text(text)) && is(text, t, &CLAUSE_WORDS))
}

/// A span of quoted or reported content: its quote and the speaker's mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuoteSpan {
    pub span: Span,
    pub quote: usize,
    pub speaker: Option<usize>,
}

/// The content span holding `s`; `spans` sorted by start. A binary search,
/// then a few spans back (content spans rarely nest).
fn quote_at(spans: &[QuoteSpan], s: Span) -> Option<&QuoteSpan> {
    let after = spans.partition_point(|q| q.span.start <= s.start);
    spans[..after].iter().rev().take(4).find(|q| q.span.start <= s.start && s.end <= q.span.end)
}

/// The first of `hashes` whose slot some first word has (its key not yet
/// read, see [`TriggerLexicon::may_start`]): the scan every token of an
/// article goes through, out of line so that it keeps its few registers.
/// (Reading the key here too would cost the scan of every word more than
/// it saves on the few whose slot is taken.)
#[inline(never)]
fn first_slot_taken(lex: &TriggerLexicon, hashes: &[u64]) -> Option<usize> {
    hashes.iter().position(|&h| lex.first_keys[first_slot(h)] != 0)
}

/// Finds the events of one article. `hashes` holds the [`word_hash`] of
/// each word token (0 for other tokens); `mentions` are in text order;
/// `quote_content` is sorted by start.
pub(crate) fn find(
    lex: &TriggerLexicon,
    text: &str,
    analysis: &Analysis,
    hashes: &[u64],
    mentions: &[Mention],
    quote_content: &[QuoteSpan],
) -> Vec<Event> {
    let toks = &analysis.tokens;
    let n = toks.len();
    debug_assert!(mentions.windows(2).all(|w| w[0].token <= w[1].token), "mentions in text order");
    let mut scratch = SCRATCH.take();
    let stamp = scratch.next_stamp(n);
    let Scratch { flag_codes, starts, ends, .. } = &mut scratch;
    mark_mentions(starts, ends, toks, mentions, true);
    let flag_codes = std::cell::Cell::from_mut(&mut flag_codes[..n]).as_slice_of_cells();
    let mut cx = Cx {
        flag_codes,
        stamp,
        starts: &starts[..n],
        ends: &ends[..n],
        intro: Default::default(),
        lex,
        text,
        toks,
        hashes,
        mentions,
    };
    for i in 1..mentions.len() {
        let (p, m) = (&mentions[i - 1], &mentions[i]);
        if m.kind == EntityKind::Person
            && matches!(m.entity, crate::entities::EntityRef::New(_))
            && matches!(p.kind, EntityKind::Gpe | EntityKind::Norp | EntityKind::Org)
            && cx.modifies_next(i - 1, i)
        {
            let between = cx.end_token(i - 1)..m.token;
            let military = between.clone().any(|k| is(text, &toks[k], &["general", "commander", "colonel", "admiral"]));
            let sector = if military {
                Some("MIL")
            } else if between.clone().any(|k| cx.has_flag(k, flag::TITLE)) {
                Some("GOV")
            } else {
                None
            };
            cx.intro.entry(m.entity).or_insert((i - 1, sector));
        }
    }
    let cx = cx;
    // A count: a number or a number word (`fired two rockets at`).
    let is_count = |p: usize| toks[p].kind == TokenKind::Number || cx.has_flag(p, flag::COUNT);
    let mut out: Vec<Event> = Vec::new();
    // The person last in subject position, for `he` / `she`.
    let mut last_person: Option<(usize, usize)> = None;
    // The first mention not before the sentence.
    let mut next_mention = 0;
    // The triggers of a sentence: (first token, token after, entry).
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    for (si, s) in analysis.sentences.iter().enumerate() {
        let (lo, hi) = (s.tokens.start, s.tokens.end);
        // What a phrase may hold without changing it: a modifier
        // (`imposed fresh sanctions on`), a day (`demonstrated on
        // Tuesday in`, `lifted Friday the blockade`), a count (`fired
        // two rockets at`) or a hyphenated modifier (`lifted a
        // decades-old embargo on`, `imposed a 25-percent tariff on`). One
        // closure a sentence, not one a token; the rare cases out of line, so
        // that the common ones keep few registers.
        let skip_at = |p: usize| match toks[p].kind {
            // Most words have none of the flags looked at here (the filter
            // says so without a lookup): only a hyphenated modifier then,
            // which needs a token glued to the word.
            TokenKind::Word if !lex.skip_bloom.may_contain(hashes[p]) => {
                let glued = toks.get(p + 1).is_some_and(|t| p + 1 < hi && !t.space_before);
                if glued { hyphenated_modifier(text, toks, p, hi) } else { 0 }
            }
            TokenKind::Word => cx.skip_flagged(p, hi),
            // A number is a count; other tokens have no flags and start no
            // hyphenated modifier.
            TokenKind::Number => 1,
            _ => 0,
        };
        found.clear();
        let mut k = lo;
        while k < hi {
            // Only a word starts a trigger, and most words start none: the
            // next token whose hash may be some first word's (a tight scan
            // of the slots, then the key; other tokens have hash 0, which
            // may pass too, so the kind is checked after).
            match first_slot_taken(lex, &hashes[k..hi]) {
                Some(skip) => k += skip,
                None => break,
            }
            if !lex.may_start(hashes[k]) || toks[k].kind != TokenKind::Word {
                k += 1;
                continue;
            }
            // Not inside a compound: `long-threatened`, `Iran-backed`.
            if k > lo && !toks[k].space_before && is_punct(text, &toks[k - 1], &["-"]) {
                k += 1;
                continue;
            }
            // A capitalised word inside a sentence is a name (`Grand Slams`,
            // `Midsomer Murders`), not a trigger; a sentence's first word, or
            // one after a quote mark or colon, may be either.
            if k > lo
                && toks[k].case == gazette_tokenizer::Case::Title
                && !matches!(toks[k - 1].kind, TokenKind::Quote(_))
                && !is_punct(text, &toks[k - 1], &[":", "-", "—", "–"])
            {
                k += 1;
                continue;
            }
            match lex.match_at(text, toks, hashes, k, hi, &skip_at, &is_count) {
                Some((e, after)) => {
                    found.push((k, after, e));
                    k = after;
                }
                None => k += 1,
            }
        }
        // Events inside the complement of another (`set a deadline for
        // Russia to agree to a ceasefire`, `rejected calls for talks`) are
        // what that event is about, not events of their own.
        let mut governed_until = 0usize;
        // The end of the governing trigger (or of the last one it governs).
        let mut gov_end = 0usize;
        let first_event = out.len();
        // The event that governs the triggers after it, if it was kept.
        let mut governor: Option<usize> = None;
        for (fi, &(a, b, e)) in found.iter().enumerate() {
            let t = &lex.entries[e as usize];
            let infinitive = a > lo
                && cx.has_flag(a - 1, flag::TO)
                && fi > 0
                && found[fi - 1].1 <= a
                && a - found[fi - 1].1 <= 10
                && !cx.boundary_between(found[fi - 1].1, a);
            let own_source = a >= lo + 2 && is_possessive(text, &toks[a - 1]) && cx.mention_ending(a - 2).is_some();
            // Not across a clause boundary or a comma (`rejected the plan,
            // accusing Ukraine`: a clause of its own).
            let open_to =
                |from: usize| !cx.boundary_between(from, a) && !(from..a).any(|q| is_punct(text, &toks[q], &[","]));
            let governed = !own_source && (infinitive || (a < governed_until && open_to(gov_end.min(a))));
            if governed {
                governed_until = governed_until.max(b + 6).min(hi);
                gov_end = b;
                // `Libya offered to hand over to Great Britain ...`: the
                // governed action names the governing event's target.
                if let Some(g) = governor.filter(|&g| out[g].target.is_empty())
                    && let Some(inner) = cx.event(si, lo, hi, a, b, e, last_person, quote_content)
                {
                    let sources: Vec<_> = out[g].source.iter().map(|x| mentions[x.mention].entity).collect();
                    out[g].target =
                        inner.target.into_iter().filter(|x| !sources.contains(&mentions[x.mention].entity)).collect();
                }
                // `urged Russia to release the prisoners`, `threatened to
                // impose`, `offered to hand over`: the first governed trigger
                // is the action the frame is about. Not for `set a deadline
                // for` or `rejected calls for`, whose object is something else.
                if let Some(g) = governor {
                    let frame = &mut out[g];
                    let entry = &lex.entries[frame.entry as usize];
                    let to_frame = entry.words.last() == Some(&"to") || frame.ty == EventType::Request;
                    if to_frame && frame.action.is_none() && frame.ty != t.ty {
                        frame.action = Some(t.ty);
                    }
                }
                continue;
            }
            let governs =
                matches!(t.ty, EventType::Request | EventType::Reject | EventType::Threaten | EventType::Agree)
                    || cx.has_flag(b.min(hi - 1), flag::TO);
            if governs {
                governed_until = (b + 8).min(hi);
                gov_end = b;
            }
            governor = None;
            if let Some(ev) = cx.event(si, lo, hi, a, b, e, last_person, quote_content) {
                out.push(ev);
                if governs {
                    governor = Some(out.len() - 1);
                }
            }
        }
        // `The Kremlin rejected Kyiv's calls for talks`: the calls were made
        // to the one who rejects them.
        for i in first_event..out.len() {
            if i + 1 < out.len()
                && lex.ty(out[i].entry) == EventType::Reject
                && lex.ty(out[i + 1].entry) == EventType::Request
            {
                let (a, b) = out.split_at_mut(i + 1);
                let (rej, req) = (&a[i], &mut b[0]);
                let requester_rejected = req.source.iter().any(|s| rej.target.iter().any(|t| t.mention == s.mention));
                if requester_rejected {
                    req.target = rej.source.clone();
                }
            }
        }
        // The sentence's first person mention, if it opens the sentence's
        // subject, is the antecedent of the next `he` / `she`.
        // (The mentions are in text order: those starting in the sentence's
        // first twelve tokens are visited, not the tokens; at a token where
        // several start, the one [`Cx::mention_starting`] gives.)
        while next_mention < mentions.len() && mentions[next_mention].token < lo {
            next_mention += 1;
        }
        if let Some(m) = mentions[next_mention..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.token < hi.min(lo + 12))
            .map(|(i, m)| (next_mention + i, m))
            .find_map(|(i, m)| {
                let person = cx.mention_starting(m.token) == Some(i) && m.kind == EntityKind::Person;
                let possessor = person && {
                    let e = cx.end_token(i);
                    e < hi && is_possessive(text, &toks[e])
                };
                (person && !possessor).then_some(i)
            })
        {
            last_person = Some((m, si));
        }
    }
    let Scratch { starts, ends, .. } = &mut scratch;
    mark_mentions(starts, ends, toks, mentions, false);
    SCRATCH.set(scratch);
    out
}

/// Sets (`on`) or clears [`Cx::starts`] and [`Cx::ends`] for `mentions`.
fn mark_mentions(starts: &mut [u32], ends: &mut [u32], toks: &[Token], mentions: &[Mention], on: bool) {
    let n = toks.len();
    for (i, m) in mentions.iter().enumerate() {
        if m.token < n {
            let v = if on { i as u32 + 1 } else { 0 };
            starts[m.token] = v;
            let e = crate::pipeline::end_token(toks, m).saturating_sub(1).max(m.token);
            ends[e] = v;
        }
    }
}

/// The stage's per-token buffers, kept from one article to the next on a
/// thread (see [`SCRATCH`]), so that their room is allocated and zeroed
/// once, not for each article (zeroing them for each would cost more than
/// the few entries an article uses). Nothing in them carries over: `starts`
/// and `ends` are all zero between articles ([`find`] clears the entries it
/// set), and a flag code counts only with the stamp of the article it was
/// looked up for.
#[derive(Debug, Default)]
struct Scratch {
    /// [`Cx::flag_codes`].
    flag_codes: Vec<u32>,
    /// [`Cx::starts`].
    starts: Vec<u32>,
    /// [`Cx::ends`].
    ends: Vec<u32>,
    /// The last article's stamp: 1 to 65535, and 0 before the first (the
    /// stamp of the zeros of new room).
    stamp: u16,
}

impl Scratch {
    /// Room for `n` tokens and the next article's stamp. When the stamps
    /// run out, the flag codes are zeroed and the stamps start again at 1,
    /// so that no code is ever read with another article's stamp.
    fn next_stamp(&mut self, n: usize) -> u32 {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.flag_codes.fill(0);
            self.stamp = 1;
        }
        if self.starts.len() < n {
            self.flag_codes.resize(n, 0);
            self.starts.resize(n, 0);
            self.ends.resize(n, 0);
        }
        u32::from(self.stamp)
    }
}

thread_local! {
    /// The buffers of the last article [`find`] read on this thread (they
    /// hold twelve bytes a token of the largest article's).
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

struct Cx<'a> {
    /// Each token's [`FlagCode`] in the low 16 bits once looked up, with
    /// `stamp` in the high 16 bits (another stamp: not looked up yet).
    flag_codes: &'a [std::cell::Cell<u32>],
    /// The article's stamp ([`Scratch::next_stamp`]).
    stamp: u32,
    /// Index + 1 of the mention starting at each token (0 if none).
    starts: &'a [u32],
    /// Index + 1 of the mention ending (last token) at each token (0 if none).
    ends: &'a [u32],
    /// Persons no gazetteer knows, by the country mention and title sector
    /// of their introduction.
    intro: FxHashMap<crate::entities::EntityRef, (usize, Option<&'static str>)>,
    lex: &'a TriggerLexicon,
    text: &'a str,
    toks: &'a [Token],
    /// [`word_hash`] of each word token (0 for other tokens).
    hashes: &'a [u64],
    mentions: &'a [Mention],
}

impl Cx<'_> {
    fn word(&self, k: usize) -> &str {
        self.toks[k].text(self.text)
    }

    /// A clause boundary among tokens `[a, b)`.
    fn boundary_between(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.is_boundary(k))
    }

    fn is_boundary(&self, k: usize) -> bool {
        match self.toks[k].kind {
            TokenKind::Word => self.f(k) & flag::CLAUSE != 0,
            _ => is_boundary_punct(self.text, &self.toks[k]),
        }
    }

    /// The [`flag`]s of token `k`, looked up once per article.
    #[inline]
    fn f(&self, k: usize) -> u64 {
        let e = self.flag_codes[k].get();
        let c = if e >> 16 == self.stamp { e as FlagCode } else { self.look_up_flags(k) };
        self.lex.flag_sets[c as usize]
    }

    /// [`Cx::f`] the first time: the lookup, kept out of line so that the
    /// many later calls cost a read or two.
    #[inline(never)]
    fn look_up_flags(&self, k: usize) -> FlagCode {
        let c = self.lex.flag_code(self.text, &self.toks[k], self.hashes[k]);
        self.flag_codes[k].set(self.stamp << 16 | u32::from(c));
        c
    }

    fn has_flag(&self, k: usize, f: u64) -> bool {
        self.f(k) & f != 0
    }

    /// What a phrase may skip at word `p` (before `hi`) that may have one
    /// of [`SKIP_FLAGS`]: the `skip_at` of [`find`] past its filter.
    #[inline(never)]
    fn skip_flagged(&self, p: usize, hi: usize) -> usize {
        let f = self.f(p);
        if (f & flag::MODIF != 0 && self.toks[p].case == gazette_tokenizer::Case::Lower) || f & flag::DAY != 0 {
            1
        } else if f & flag::ON != 0 && p + 1 < hi && self.has_flag(p + 1, flag::DAY) {
            2
        } else if f & flag::COUNT != 0 {
            1
        } else {
            hyphenated_modifier(self.text, self.toks, p, hi)
        }
    }

    /// An adverb that may stand in a verb group (`also`, `not`, `reportedly`).
    fn adverb(&self, k: usize) -> bool {
        let t = &self.toks[k];
        t.kind == TokenKind::Word
            && (self.has_flag(k, flag::NEG | flag::ADVW)
                || (t.case == gazette_tokenizer::Case::Lower && t.text(self.text).ends_with("ly")))
    }

    /// A word of a verb group before a trigger (`has`, `will`, `refused to`).
    fn aux(&self, k: usize) -> bool {
        self.toks[k].kind == TokenKind::Word && (self.has_flag(k, flag::AUX) || self.adverb(k))
    }

    fn mention_ending(&self, k: usize) -> Option<usize> {
        let m = self.ends[k];
        (m != 0).then(|| m as usize - 1)
    }

    fn mention_starting(&self, k: usize) -> Option<usize> {
        let m = self.starts[k];
        (m != 0).then(|| m as usize - 1)
    }

    fn end_token(&self, m: usize) -> usize {
        crate::pipeline::end_token(self.toks, &self.mentions[m])
    }

    /// An actor from mention `m`: with a sector noun right after it
    /// (possessive or one word allowed between), the span grows to cover it.
    fn actor(&self, m: usize, hi: usize, source: bool) -> ActorRef {
        let mention = &self.mentions[m];
        let mut span = mention.span;
        // `Bosnian Serbs`, `Iraqi Kurds`: a group named with the country it
        // lives in acts for that country.
        let lived_in = (mention.token > 0 && mention.kind == EntityKind::Norp)
            .then(|| self.mention_ending(mention.token - 1))
            .flatten()
            .filter(|&p| {
                matches!(self.mentions[p].kind, EntityKind::Gpe | EntityKind::Norp)
                    && self.toks[mention.token].space_before
            });
        if let Some(p) = lived_in {
            span = Span::new(self.mentions[p].span.start, span.end);
        }
        if matches!(mention.kind, EntityKind::Gpe | EntityKind::Norp | EntityKind::Org) {
            let mut k = self.end_token(m);
            if k < hi && is_possessive(self.text, &self.toks[k]) {
                k += 1;
            }
            for k in k..(k + 2).min(hi) {
                // A noun (`Russian officials`, `the Chinese President`), not
                // the title of a name (`Russian President Vladimir Putin`).
                if let Some((sector, last)) = self.lex.sector_at(self.text, self.toks, self.hashes, k, hi)
                    && (self.toks[k].case == gazette_tokenizer::Case::Lower
                        || !self.toks.get(last + 1).is_some_and(|t| t.case.is_capitalised()))
                {
                    return ActorRef {
                        mention: m,
                        span: Span::new(span.start, self.toks[last].span.end),
                        sector: Some(sector.into()),
                        place: false,
                        country_from: lived_in,
                        inferred: false,
                    };
                }
                let t = &self.toks[k];
                if t.kind != TokenKind::Word
                    || self.mention_starting(k).is_some()
                    || self.has_flag(k, flag::PREP)
                    || self.aux(k)
                    || self.is_boundary(k)
                {
                    break;
                }
            }
        }
        if lived_in.is_some() {
            return ActorRef { mention: m, span, sector: None, place: false, country_from: lived_in, inferred: false };
        }
        let (country_from, sector) = match self.intro.get(&mention.entity) {
            Some(&(c, sector)) if mention.kind == EntityKind::Person => (Some(c), sector.map(Box::from)),
            // `rebels in the Ivory Coast attacked`: the head noun of a subject.
            _ if source && mention.kind != EntityKind::Person => (None, self.head_sector(m).map(Box::from)),
            _ => (None, None),
        };
        ActorRef { mention: m, span, sector, place: false, country_from, inferred: false }
    }

    /// The sector noun heading a phrase that ends in mention `m`: `rebels in
    /// the Ivory Coast`, `troops of Russia`.
    fn head_sector(&self, m: usize) -> Option<&str> {
        let mut k = self.mentions[m].token;
        if k > 0 && is(self.text, &self.toks[k - 1], &["the"]) {
            k -= 1;
        }
        if k < 2 || !is(self.text, &self.toks[k - 1], &["in", "of", "from"]) {
            return None;
        }
        let noun = k - 2;
        // The noun's first word: one- or two-word sector nouns.
        (noun.saturating_sub(1)..=noun).find_map(|s| {
            self.lex
                .sector_at(self.text, self.toks, self.hashes, s, noun + 1)
                .filter(|&(_, last)| last == noun)
                .map(|(x, _)| x)
        })
    }

    /// Whether mention `m` modifies the mention after it (`Russian` in
    /// `Russian President Vladimir Putin`, `US` in `US special envoy Steve
    /// Witkoff`): only title words lie between them.
    fn modifies_next(&self, m: usize, next: usize) -> bool {
        let a = self.end_token(m);
        let b = self.mentions[next].token;
        // Right next to each other only before a person whose mention holds
        // the title (`Chinese` + `President Xi`).
        let adjacent_person = b == a && self.mentions[next].kind == EntityKind::Person;
        (b > a || adjacent_person)
            && b >= a
            && b - a <= 4
            && (a..b).all(|k| {
                let t = &self.toks[k];
                self.has_flag(k, flag::TITLE)
                    || is_possessive(self.text, t)
                    || (is_punct(self.text, t, &["-"]) && !t.space_before)
            })
    }

    /// The first token of the auxiliaries and adverbs before token `k`
    /// (`has repeatedly` in `has repeatedly rejected`).
    fn aux_start(&self, lo: usize, k: usize) -> usize {
        let mut from = k;
        while from > lo && k - from < 6 && self.aux(from - 1) {
            from -= 1;
        }
        from
    }

    /// The mention `m` and the mentions coordinated before it (`A and B`,
    /// `A, B and C`, `A-B`), skipping modifiers, in text order.
    fn coordinated_before(&self, m: usize, lo: usize) -> Vec<usize> {
        let mut group = vec![m];
        let mut head = m;
        // A bounded list: the look-back stays a window, whatever the text.
        while group.len() < MAX_ACTORS {
            // Skip modifiers of the current head (`Russian President`).
            let mut start = self.mentions[head].token;
            let mut hops = 0;
            while hops < 4
                && let Some(p) =
                    start.checked_sub(1).filter(|&p| p >= lo).and_then(|p| self.find_mention_before(p, 4, lo))
            {
                if self.modifies_next(p, head) {
                    start = self.mentions[p].token;
                    head = p;
                    hops += 1;
                } else {
                    break;
                }
            }
            // `and` / `,` / `-` right before (`Russia and the United
            // States`), then another mention.
            let mut j = start;
            if j > lo && self.has_flag(j - 1, flag::THE) {
                j -= 1;
            }
            let Some(j) = j.checked_sub(1).filter(|&j| j >= lo) else { break };
            let t = &self.toks[j];
            let joiner = self.has_flag(j, flag::AND | flag::OR) || is_punct(self.text, t, &[",", "-", "–", "/"]);
            if !joiner {
                break;
            }
            let k = j;
            let Some(p) = k.checked_sub(1).filter(|&p| p >= lo).and_then(|p| self.mention_ending(p)) else { break };
            // `A, B and C`: commas only inside a list that ends with `and`.
            if is_punct(self.text, t, &[","]) && group.len() < 2 {
                break;
            }
            group.push(p);
            head = p;
        }
        group.reverse();
        group
    }

    /// A mention whose last token is within `within` tokens before `k` (inclusive).
    fn find_mention_before(&self, k: usize, within: usize, lo: usize) -> Option<usize> {
        (k.saturating_sub(within).max(lo)..=k).rev().find_map(|j| self.mention_ending(j))
    }

    /// The mentions coordinated after mention `m` (`between A and B`).
    fn coordinated_after(&self, m: usize, hi: usize) -> Vec<usize> {
        let mut group = vec![m];
        let mut cur = m;
        for _ in 0..4 {
            let j = self.end_token(cur);
            if j >= hi || !(self.has_flag(j, flag::AND | flag::OR) || is_punct(self.text, &self.toks[j], &[",", "-"])) {
                break;
            }
            let mut k = j + 1;
            if k < hi && self.has_flag(k, flag::THE) {
                k += 1;
            }
            match (k < hi).then(|| self.mention_starting(k)).flatten() {
                Some(mut p) => {
                    // `and German Chancellor Friedrich Merz`: the person.
                    for _ in 0..4 {
                        if p + 1 < self.mentions.len()
                            && self.mentions[p + 1].token < hi
                            && self.modifies_next(p, p + 1)
                        {
                            p += 1;
                        }
                    }
                    group.push(p);
                    cur = p;
                }
                None => break,
            }
        }
        group
    }

    /// The subject before token `k`: the nearest mention in the clause that
    /// is not the object of a preposition, with its coordinated mentions; or
    /// `he` / `she` resolved to the last person in subject position.
    fn subject(&self, lo: usize, k: usize, last_person: Option<(usize, usize)>, si: usize) -> (Vec<usize>, usize) {
        self.subject_gap(lo, k, last_person, si, 3)
    }

    /// [`Cx::subject`] allowing `max_gap` lowercase words between subject and verb.
    fn subject_gap(
        &self,
        lo: usize,
        k: usize,
        last_person: Option<(usize, usize)>,
        si: usize,
        max_gap: usize,
    ) -> (Vec<usize>, usize) {
        let floor = k.saturating_sub(BACK).max(lo);
        // `..., and withdrawing troops`: a verb coordinated with an earlier
        // one has that one's subject, which a shallow reading cannot find
        // unless a mention stands right before the `and`.
        if k > lo && self.has_flag(k - 1, flag::AND | flag::OR) && k - 1 > lo && self.mention_ending(k - 2).is_none() {
            return (Vec::new(), k);
        }
        let mut j = k;
        // A mention inside `of` / `in` after the head noun (`a group of
        // Moroccan diplomats`, `rebels in the Ivory Coast`): the subject when
        // nothing better is found.
        let mut fallback: Option<usize> = None;
        // Past `said ... they`, the gap is measured to the speech verb.
        let mut gap_end = k;
        // Running counts over the tokens scanned, from `gap_end` back: commas
        // (all, and those from `gap_end`), and the gap's words.
        let (mut commas_to_k, mut commas, mut gap) = (0usize, 0usize, 0usize);
        while j > floor {
            j -= 1;
            let t = &self.toks[j];
            // The token's flags, read once for the tests below (none for a
            // token that is not a word).
            let f = if t.kind == TokenKind::Word { self.f(j) } else { 0 };
            if f & flag::CLAUSE != 0 || is_boundary_punct(self.text, t) {
                break;
            }
            if self.mention_ending(j).is_none() {
                let comma = is_punct(self.text, t, &[","]);
                if comma {
                    commas_to_k += 1;
                }
                if j < gap_end {
                    if comma {
                        commas += 1;
                    } else if commas % 2 == 0 && f & flag::OF_IN != 0 {
                        gap = 0;
                    } else if commas % 2 == 0
                        && t.kind == TokenKind::Word
                        && t.case == gazette_tokenizer::Case::Lower
                        && !self.aux(j)
                    {
                        gap += 1;
                    }
                }
            }
            if let Some(m) = self.mention_ending(j) {
                let first = self.mentions[m].token;
                // Seas and regions do not act.
                if self.mentions[m].kind == EntityKind::Loc {
                    j = first;
                    continue;
                }
                // Inside an apposition (`Pakistan, a key U.S. ally in the
                // war, has refused`): an odd number of commas lies between.
                if commas_to_k % 2 == 1
                    && (first.saturating_sub(BACK).max(lo)..first).any(|q| is_punct(self.text, &self.toks[q], &[","]))
                {
                    j = first;
                    continue;
                }
                let prep = (first > lo && self.has_flag(first - 1, flag::PREP)).then(|| &self.toks[first - 1]);
                // Between subject and verb: at most `max_gap` lowercase words
                // (not counting auxiliaries, words between commas, or a
                // prepositional phrase after the head noun): `Russia on
                // Wednesday attacked`, `The Turkish and Greek sides of the
                // island have agreed`. More, and the mention belongs to another
                // clause.
                // (Counted as the scan goes: `gap` holds the words between
                // this mention and the first preposition after it.)
                let sector_noun = self.lex.sector_at(self.text, self.toks, self.hashes, j + 1, k).is_some();
                if gap > max_gap + usize::from(sector_noun) {
                    return (Vec::new(), k);
                }
                match prep {
                    None => {
                        let group = self.coordinated_before(m, lo);
                        let start = self.mentions[group[0]].token;
                        return (group, start);
                    }
                    // `in` only after an actor noun (`rebels in the Ivory
                    // Coast`, not `analysts in Moscow`).
                    Some(p) if fallback.is_none() && (is(self.text, p, &["of"]) || self.head_sector(m).is_some()) => {
                        fallback = Some(m)
                    }
                    Some(_) => {}
                }
                j = first;
                continue;
            }
            if f & flag::PRON != 0 {
                // `Kennedy ... as he visits`: a person earlier in the
                // sentence; otherwise the last person in subject position.
                let here = (lo.max(j.saturating_sub(BACK))..j)
                    .find_map(|q| self.mention_starting(q).filter(|&m| self.mentions[m].kind == EntityKind::Person));
                if let Some(m) = here {
                    return (vec![m], j);
                }
                if let Some((m, _)) = last_person.filter(|&(_, s)| si - s <= 3) {
                    return (vec![m], j);
                }
                return (Vec::new(), j);
            }
            // `it`, `they`, `we` are not resolved, except after a speech
            // verb, where they stand for its subject (`Hungary has said it
            // will support`).
            if f & flag::OTHER_PRON != 0 {
                // `said it`, `said that it`, `said today it`, `said on Monday it`.
                match (j.saturating_sub(3).max(lo)..j).rev().find(|&q| self.has_flag(q, flag::SPEECH)) {
                    Some(q) => {
                        gap_end = q;
                        (commas, gap) = (0, 0);
                    }
                    None => return (Vec::new(), j),
                }
            }
        }
        match fallback {
            Some(m) => (vec![m], self.mentions[m].token),
            None => (Vec::new(), k),
        }
    }

    /// The first mention starting within `within` tokens from `k`, with only
    /// words (no preposition, no punctuation but hyphens) before it.
    fn object_at(&self, k: usize, hi: usize, within: usize) -> Option<usize> {
        for j in k..(k + within).min(hi) {
            if let Some(mut m) = self.mention_starting(j) {
                // `Ukraine President Volodymyr Zelenskyy`: the person.
                for next in (m + 1..self.mentions.len()).take(4) {
                    if self.mentions[next].token < hi && self.modifies_next(m, next) {
                        m = next;
                    } else {
                        break;
                    }
                }
                return Some(m);
            }
            let t = &self.toks[j];
            // `the possibility of Ukraine's president joining`, `calls by
            // Belarus`, `an appeal from the president`: after a noun.
            let of = j > k && self.has_flag(j, flag::OBJ_PREP);
            let ok = (t.kind == TokenKind::Word && (of || !self.has_flag(j, flag::PREP)) && !self.is_boundary(j))
                || t.kind == TokenKind::Number
                || is_punct(self.text, t, &["-"]);
            if !ok {
                return None;
            }
        }
        None
    }

    /// The object of preposition `prep` after token `k`, in the same clause.
    fn prep_object(&self, k: usize, hi: usize, prep: &str) -> Option<usize> {
        for j in k..(k + AHEAD).min(hi) {
            let t = &self.toks[j];
            if self.is_boundary(j) || is_punct(self.text, t, &[",", ".", "!", "?"]) {
                return None;
            }
            if t.kind == TokenKind::Word && self.word(j).eq_ignore_ascii_case(prep) {
                return self.object_at(j + 1, hi, 5);
            }
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        si: usize,
        lo: usize,
        hi: usize,
        a: usize,
        b: usize,
        e: u32,
        last_person: Option<(usize, usize)>,
        quote_content: &[QuoteSpan],
    ) -> Option<Event> {
        let t = &self.lex.entries[e as usize];
        let text = self.text;
        let toks = self.toks;
        // A one-word verb row after a determiner or a possessive is a noun
        // here (`the support of`, `their withdrawal`): no event of its own.
        // (Nothing below bears on it, so it is settled before the search
        // for actors.)
        if t.pos == Pos::Verb && a > lo && (self.has_flag(a - 1, flag::NOUN_MARK) || is_possessive(text, &toks[a - 1]))
        {
            return None;
        }
        // Words just before the trigger: auxiliaries, negation, modals.
        let aux_from = self.aux_start(lo, a);
        let aux = aux_from..a;
        // `was attacked`, `was not specifically discussed`, `has been agreed`;
        // phrases too (`was put under house arrest by`, `were taken hostage`,
        // `was refused entry to`), but not a participle and `to` (`is
        // committed to`, `was agreed to`: adjectives, frames) and not
        // mobilisations (`troops were put on alert`: the side's own forces,
        // which act for it).
        let passive = t.participle
            && (t.pos == Pos::Verb
                || (t.pos == Pos::Phrase
                    && !(t.words.len() == 2 && t.words[1] == "to")
                    && t.ty != EventType::Mobilize))
            && aux.clone().rev().find(|&k| !self.adverb(k)).is_some_and(|k| self.has_flag(k, flag::BE));

        let (mut source, mut target): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        let subject_start;
        // A noun row after a modal or `to` is the verb (`will visit
        // Mauritania`, `threatened to attack`): its object is a target too.
        let verbal = t.pos == Pos::Noun && a > lo && self.has_flag(a - 1, flag::VERBAL);
        let pos = if verbal { Pos::Verb } else { t.pos };
        // A nominal trigger's modals are its support verb's (`will impose a
        // tariff`), not the words before the noun (`its long-threatened invasion`).
        let mut noun_aux: Option<std::ops::Range<usize>> = None;
        match pos {
            Pos::Verb | Pos::Phrase
                if a >= lo + 2 && is_possessive(text, &toks[a - 1]) && self.mention_ending(a - 2).is_some() =>
            {
                // `Kyiv's calls for talks`: the form is a noun here.
                let m = self.mention_ending(a - 2).expect("checked");
                source = vec![m];
                subject_start = self.mentions[m].token;
            }
            Pos::Verb | Pos::Phrase => {
                let (mut subj, mut start) = self.subject(lo, aux_from, last_person, si);
                // A purpose infinitive (`sent a team to Libya to
                // investigate`) or a participle after a comma (`, accusing
                // Ukraine`) has the clause's subject, further back.
                // (The `to` is the last word of the verb group before the
                // trigger, and the trigger is a base form: `a halt to strikes`
                // is a noun after a preposition.)
                let base_form = t.lemma.split(' ').next() == t.words.first().copied();
                let to_inf = a > aux_from && self.has_flag(a - 1, flag::TO) && base_form;
                let comma_ing =
                    aux_from > lo && is_punct(text, &toks[aux_from - 1], &[","]) && self.word(a).ends_with("ing");
                if subj.is_empty() && (to_inf || comma_ing) {
                    let (far, far_start) = self.subject_gap(lo, aux_from, last_person, si, 12);
                    // A purpose infinitive only after a verb of sending or
                    // going (`ordered the newspaper to suspend publication`:
                    // the newspaper's).
                    let purpose = !to_inf || (far_start..aux_from).any(|q| self.has_flag(q, flag::PURPOSE));
                    if purpose {
                        (subj, start) = (far, far_start);
                    }
                }
                subject_start = start;
                if passive {
                    target = subj;
                    if let Some(m) = self.prep_object(b, hi, "by") {
                        source = self.coordinated_after(m, hi);
                    }
                } else {
                    source = subj;
                }
            }
            Pos::Noun => {
                // `Russia's air attacks`, `Russian air strikes`, `a
                // Trump-Putin summit`; or the subject of a support verb:
                // `Russia continues its air attacks`, `the US approved a
                // further $200 million in military aid`.
                let mut j = a;
                let mut start = a;
                // Numbers, `of` or a determiner crossed: a mention before them
                // is no modifier of the noun.
                let mut crossed = false;
                while j > lo && a - j < 8 {
                    let p = &toks[j - 1];
                    if let Some(m) = self.mention_ending(j - 1) {
                        let first = self.mentions[m].token;
                        // `gave the Ivory Coast 5.1 million dollars of aid`,
                        // `will give Tanzania a grant`: the recipient, after
                        // a support verb whose subject is the source.
                        let mut v = first;
                        if v > lo && self.has_flag(v - 1, flag::THE) {
                            v -= 1;
                        }
                        if crossed && v > lo && self.has_flag(v - 1, flag::SUPPORT) {
                            let from = self.aux_start(lo, v - 1);
                            noun_aux = Some(from..v - 1);
                            let (subj, s) = self.subject(lo, from, last_person, si);
                            source = subj;
                            start = s;
                            target = vec![m];
                            break;
                        }
                        if !crossed {
                            source = self.coordinated_before(m, lo);
                            start = self.mentions[source[0]].token;
                        }
                        break;
                    }
                    if matches!(p.kind, TokenKind::Number | TokenKind::Currency) || self.has_flag(j - 1, flag::OF) {
                        crossed = true;
                    }
                    if is_possessive(text, p) {
                        if let Some(m) = (j >= 2 && j - 2 >= lo).then(|| self.mention_ending(j - 2)).flatten() {
                            source = vec![m];
                            start = self.mentions[m].token;
                        }
                        break;
                    }
                    if self.has_flag(j - 1, flag::SUPPORT | flag::POSS_DET) {
                        // `an executive order imposing a tariff`: a participle
                        // after a noun; its subject is the clause's, further back.
                        let gap = if self.word(j - 1).ends_with("ing") { 8 } else { 3 };
                        let from = self.aux_start(lo, j - 1);
                        noun_aux = Some(from..j - 1);
                        let (subj, s) = self.subject_gap(lo, from, last_person, si, gap);
                        source = subj;
                        start = s;
                        break;
                    }
                    if self.has_flag(j - 1, flag::DET) {
                        // Only a support verb may come before the determiners,
                        // or a recipient (`give Tanzania a grant`).
                        while j > lo && self.has_flag(j - 1, flag::DET) {
                            j -= 1;
                        }
                        if j > lo && self.mention_ending(j - 1).is_some() {
                            crossed = true;
                            continue;
                        }
                        if j > lo && self.has_flag(j - 1, flag::SUPPORT) {
                            let gap = if self.word(j - 1).ends_with("ing") { 8 } else { 3 };
                            let from = self.aux_start(lo, j - 1);
                            noun_aux = Some(from..j - 1);
                            let (subj, s) = self.subject_gap(lo, from, last_person, si, gap);
                            source = subj;
                            start = s;
                        }
                        break;
                    }
                    let walkable = (p.kind == TokenKind::Word
                        && p.case == gazette_tokenizer::Case::Lower
                        && !self.has_flag(j - 1, flag::WALK_STOP)
                        && (!self.has_flag(j - 1, flag::PREP) || is(text, p, &["in", "of"])))
                        || matches!(p.kind, TokenKind::Number | TokenKind::Currency)
                        || is_punct(text, p, &["-"]);
                    if !walkable {
                        break;
                    }
                    j -= 1;
                }
                subject_start = start.min(j);
                if source.is_empty() {
                    if let Some(m) = self.prep_object(b, hi, "by") {
                        source = self.coordinated_after(m, hi);
                    }
                }
                // A hyphenated pair before a meeting noun: `Trump-Putin summit`.
                if source.len() == 2 && t.ty == EventType::Consult && target.is_empty() {
                    target.push(source.pop().expect("two"));
                }
            }
        }
        // A nominal trigger with no actor of its own (`the sanctions on
        // Burma`, `a ceasefire between A and B`) names an event told
        // elsewhere, or none: no record. (Only `must` below gives a source,
        // so this is settled before the search for targets.)
        let must = t.lemma == "must";
        if pos == Pos::Noun && source.is_empty() && !must {
            return None;
        }
        // `demanded that Hamas renounce ...`: the that-clause's subject.
        if t.ty == EventType::Request && !passive && b < hi && is(text, &toks[b], &["that"]) {
            if let Some(m) = self.object_at(b + 1, hi, 4) {
                target = self.coordinated_after(m, hi);
            }
        }
        if !passive {
            for slot in t.slots.of(&self.lex.slots).iter().chain(verbal.then_some(&Slot::Obj)) {
                if !target.is_empty() {
                    break;
                }
                let m = match slot {
                    Slot::Obj => self.object_at(b, hi, 4),
                    Slot::After => self.object_at(b, hi, 4),
                    Slot::Prep(p) => self.prep_object(b, hi, p),
                };
                if let Some(m) = m {
                    target = self.coordinated_after(m, hi);
                }
            }
        }
        // `threatened to break relations with Russia`, `demanded the removal
        // of President X`: a framing verb with no target slot takes the first
        // actor of its complement, in the clause.
        if target.is_empty()
            && !passive
            && (t.slots.len == 0
                || (b < hi && self.has_flag(b, flag::TO))
                || (b + 2 < hi && self.has_flag(b + 2, flag::TO)))
            && matches!(t.ty, EventType::Request | EventType::Threaten | EventType::Agree | EventType::Reject)
        {
            let end = self.clause_end(b, hi);
            let end = (b..end).find(|&k| is_punct(text, &toks[k], &[","])).unwrap_or(end);
            if let Some(m) = (b..end).find_map(|k| self.mention_starting(k)).filter(|m| !source.contains(m)) {
                target = self.coordinated_after(m, hi);
            }
        }
        // `Russia said Sudan must return the helicopter`: inside reported or
        // quoted speech, `must` is the speaker's demand on its subject.
        if must {
            let speaker = quote_at(quote_content, toks[a].span).and_then(|q| q.speaker)?;
            target = std::mem::take(&mut source);
            // A demand needs someone it is made of (`we must` is no event).
            if target.is_empty() {
                return None;
            }
            source = vec![speaker];
        }
        // Nothing joins an actor to itself; a source repeated as target goes.
        target.retain(|m| !source.iter().any(|s| self.mentions[*s].entity == self.mentions[*m].entity));
        if source.is_empty() && target.is_empty() {
            return None;
        }
        // A meeting, a signing or a joint action needs two parties: a target,
        // or two sources (`Trump and Putin met`). `Trump signed an executive
        // order` is no event.
        let prep_only =
            !verbal && t.slots.len > 0 && t.slots.of(&self.lex.slots).iter().all(|s| matches!(s, Slot::Prep(_)));
        if prep_only
            && matches!(t.ty, EventType::Consult | EventType::Support | EventType::Cooperate)
            && target.is_empty()
            && source.len() < 2
        {
            return None;
        }
        // Troops arriving somewhere are not a visit.
        if self.lex.modes[t.mode as usize].as_ref() == "visit"
            && source.iter().any(|&m| {
                let e = self.end_token(m);
                e < hi && is(text, &toks[e], &["troops", "forces", "soldiers", "peacekeepers", "peacekeeping"])
            })
        {
            return None;
        }
        // PLOVER codes the visitor as the actor of a hosted visit.
        if t.cameo == "043" && !target.is_empty() {
            std::mem::swap(&mut source, &mut target);
        }

        let aux = if pos == Pos::Noun { noun_aux.unwrap_or(a..a) } else { aux };
        // Modality, from the words before the trigger (`xf`: its verb group;
        // `bf`: the clause before it) and after it (`af`: `... if he gave them
        // a veto`, `... unless Chad arranged a ceasefire`).
        let clause_from = subject_start.min(a).max(lo);
        let or_flags = |r: std::ops::Range<usize>| r.fold(0, |f, k| f | self.f(k));
        let xf = or_flags(aux.clone());
        let bf = or_flags(clause_from.saturating_sub(6).max(lo)..a);
        let af = or_flags(b..(b + AHEAD).min(hi));
        let has = |f: u64| xf & f != 0;
        let before = |f: u64| bf & f != 0;
        let negated = has(flag::NEG | flag::NEGV);
        let unless = before(flag::UNLESS) || af & flag::UNLESS != 0;
        let conditional = before(flag::IF | flag::UNLESS)
            || af & (flag::IF | flag::UNLESS) != 0
            || (a >= 2 && self.has_flag(a - 1, flag::FACE) && self.has_flag(a - 2, flag::OR))
            || (a >= 3
                && (a - 3..a).any(|k| self.has_flag(k, flag::FACE))
                && (a.saturating_sub(4).max(lo)..a).any(|k| self.has_flag(k, flag::OR)));
        let modality = if must {
            Modality::Requested
        } else if negated {
            Modality::Negated
        } else if conditional {
            Modality::Conditional
        } else if has(flag::REQ | flag::MUST) || before(flag::REQ) && has(flag::TO) {
            Modality::Requested
        } else if has(flag::WOULD) && before(flag::SPEECH) {
            // `said they would boycott`: the future of reported speech.
            Modality::Future
        } else if has(flag::POSS | flag::WOULD)
            || before(flag::WHETHER)
            || (pos == Pos::Noun
                && (clause_from.saturating_sub(2).max(lo)..a)
                    .any(|k| is(text, &toks[k], &["potential", "possible", "proposed", "planned"])))
        {
            Modality::Possible
        } else if has(flag::FUT | flag::FRAMES) {
            Modality::Future
        } else {
            Modality::Asserted
        };
        // Whether a bare weekday or date means the next one: future and
        // requested events, and possible or conditional ones not put in the
        // past (`could have met`, `had agreed`).
        let past = has(flag::PAST);
        let future = matches!(modality, Modality::Future | Modality::Requested)
            || (matches!(modality, Modality::Possible | Modality::Conditional) && !past);
        // What is promised is AGREE, what is threatened THREATEN, what is
        // demanded REQUEST (CAMEO 03, 13, 10): `X will withdraw its troops`,
        // `X would boycott the talks`, `X must release the prisoners`. The
        // action's own type stays in `action`.
        let cooperative = matches!(
            t.ty,
            EventType::Consult
                | EventType::Support
                | EventType::Concede
                | EventType::Cooperate
                | EventType::Aid
                | EventType::Retreat
        );
        let hostile = matches!(
            t.ty,
            EventType::Protest | EventType::Sanction | EventType::Mobilize | EventType::Coerce | EventType::Assault
        );
        let refused = has(flag::REFUSE);
        let recoded = match modality {
            // `has refused to deploy peacekeepers`, `declined to resign`: a rejection (CAMEO 12).
            Modality::Negated if refused && t.ty != EventType::Reject => Some(EventType::Reject),
            Modality::Future | Modality::Conditional if unless && (cooperative || hostile) => Some(EventType::Threaten),
            Modality::Future | Modality::Conditional if cooperative => Some(EventType::Agree),
            Modality::Future | Modality::Conditional if hostile => Some(EventType::Threaten),
            Modality::Requested if t.ty != EventType::Request && (cooperative || hostile) => Some(EventType::Request),
            _ => None,
        };
        // Exercises held by two countries' forces together are COOPERATE, a
        // single country's MOBILIZE (`French and Egyptian warships launched
        // war games`).
        let joint = t.ty == EventType::Mobilize
            && recoded.is_none()
            && ["drill", "exercise", "war game"].iter().any(|x| t.lemma.contains(x))
            && source.iter().any(|&m| self.mentions[m].entity != self.mentions[source[0]].entity);
        let ty = if joint { EventType::Cooperate } else { recoded.unwrap_or(t.ty) };
        let quote = quote_at(quote_content, toks[a].span).map(|q| q.quote);

        let location = self.location(lo, hi, a, b, &source, &target);
        // A source's sector noun lies before the trigger (`Russian troops
        // shelled`), never in it (`Belarus withdrew troops`).
        let mut src: Vec<ActorRef> =
            source.iter().map(|&m| self.actor(m, if self.mentions[m].token < a { a } else { hi }, true)).collect();
        let mut tgt: Vec<ActorRef> = target.iter().map(|&m| self.actor(m, hi, false)).collect();
        // `Russian and Ukrainian counterparts`: the last demonym's noun
        // serves the whole list.
        for list in [&mut src, &mut tgt] {
            if let Some(sector) = list.last().and_then(|x| x.sector.clone()) {
                for x in list.iter_mut() {
                    if x.sector.is_none() && self.mentions[x.mention].kind == EntityKind::Norp {
                        x.sector = Some(sector.clone());
                    }
                }
            }
        }
        if self.lex.modes[t.mode as usize].as_ref() == "visit" {
            for x in &mut tgt {
                x.place = true;
            }
        }
        Some(Event {
            entry: e,
            trigger: Span::new(toks[a].span.start, toks[b - 1].span.end),
            sentence: si,
            tokens: (a, b),
            future,
            ty,
            action: recoded.map(|_| t.ty),
            clause: (clause_from, self.clause_end(b, hi)),
            source: src,
            target: tgt,
            modality,
            negated,
            quote,
            location,
        })
    }

    /// Where the clause after token `b` ends: a clause boundary, or the
    /// window's end.
    fn clause_end(&self, b: usize, hi: usize) -> usize {
        (b..(b + AHEAD).min(hi)).find(|&k| self.is_boundary(k)).unwrap_or((b + AHEAD).min(hi))
    }

    /// A place the clause puts the event in: `in Moscow`, `at a venue in
    /// Alaska`, nearest the trigger within the sentence, not an actor.
    fn location(&self, lo: usize, hi: usize, a: usize, b: usize, source: &[usize], target: &[usize]) -> Option<usize> {
        let window = a.saturating_sub(10).max(lo)..(b + AHEAD).min(hi);
        let mut best: Option<(usize, usize)> = None;
        for k in window {
            let Some(m) = self.mention_starting(k) else { continue };
            let mention = &self.mentions[m];
            if !matches!(mention.kind, EntityKind::Gpe | EntityKind::Loc) || source.contains(&m) || target.contains(&m)
            {
                continue;
            }
            // `in Moscow`, `in northern Israel`, `in the southern city of`.
            let place_prep = |q: usize| self.has_flag(q, flag::PLACE_PREP);
            let mut q = k;
            while q > lo && k - q < 3 && self.has_flag(q - 1, flag::PLACE_MOD) {
                q -= 1;
            }
            if q == lo || !place_prep(q - 1) {
                continue;
            }
            let end = self.end_token(m);
            if end < hi && is_possessive(self.text, &self.toks[end]) {
                continue;
            }
            let dist = if k >= b { k - b } else { a - k };
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, m));
            }
        }
        best.map(|(_, m)| m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::SORTED_LIST_WORD;

    #[test]
    fn a_curly_apostrophe_after_a_first_word_matches_only_a_phrase_with_one() {
        // The first word of each text, its match, with `’` in the next word.
        let matched = |lex: &TriggerLexicon, text: &str| {
            let toks = gazette_tokenizer::Tokenizer::new().analyze(text).tokens;
            let hashes = crate::fold::word_hashes(text, &toks);
            lex.match_at(text, &toks, &hashes, 0, toks.len(), &|_| 0, &|_| false)
                .map(|(e, end)| (lex.lemma(e).to_string(), end))
        };
        let rows =
            "held\thold\tverb\tCONSULT\t-\t040\tobj\nheld don't talks\thold talks\tphrase\tCONSULT\t-\t040\tobj\n";
        let with = TriggerLexicon::parse(rows, DEFAULT_PLOVER_TABLE, "").expect("lexicon");
        assert!(with.apostrophes);
        assert_eq!(matched(&with, "held don’t talks"), Some(("hold talks".to_string(), 3)));
        assert_eq!(matched(&with, "held don't talks"), Some(("hold talks".to_string(), 3)));
        assert_eq!(matched(&with, "held dön talks"), Some(("hold".to_string(), 1)));
        let without = TriggerLexicon::parse(
            "# a comment's apostrophe\nheld\thold\tverb\tCONSULT\t-\t040\tobj\nheld dön\thold dön\tphrase\tCONSULT\t-\t040\tobj\n",
            DEFAULT_PLOVER_TABLE,
            "",
        )
        .expect("lexicon");
        assert!(!without.apostrophes && !TriggerLexicon::embedded().expect("embedded").apostrophes);
        assert_eq!(matched(&without, "held dön talks"), Some(("hold dön".to_string(), 2)));
        assert_eq!(matched(&without, "Held DöN talks"), Some(("hold dön".to_string(), 2)));
        assert_eq!(matched(&without, "held don’t talks"), Some(("hold".to_string(), 1)));
    }

    #[test]
    fn same_word_is_the_plain_comparison() {
        // The comparison as one expression, the `’` case inline.
        let reference = |t: &str, w: &str| {
            t.eq_ignore_ascii_case(w)
                || (t.contains('’') && t.replace('’', "'").eq_ignore_ascii_case(w))
                || (in_list(&ARTICLES, &t.to_ascii_lowercase()) && in_list(&ARTICLES, w))
        };
        // Every word of the embedded lexicon and some with `'`, in several
        // cases, with `’` for `'`, against each other word of a sample.
        let lex = TriggerLexicon::embedded().expect("embedded lexicon");
        let mut words: Vec<&str> = lex.entries.iter().flat_map(|e| e.words.iter().copied()).collect();
        words.extend(["don't", "o'brien", "'s", "rock'n'roll", "dön", "the", "its"]);
        words.sort_unstable();
        words.dedup();
        let upper_first = |w: &str| w.get(..1).map_or(String::new(), |f| f.to_ascii_uppercase() + &w[1..]);
        let sample: Vec<&str> = words.iter().step_by(7).copied().chain(ARTICLES).chain(["don't", "o'brien"]).collect();
        for w in &words {
            let forms = [
                w.to_string(),
                w.to_ascii_uppercase(),
                upper_first(w),
                w.replace('\'', "’"),
                w.to_ascii_uppercase().replace('\'', "’"),
            ];
            for t in &forms {
                assert!(same_word(t, w), "{t} {w}");
                for x in &sample {
                    assert_eq!(same_word(t, x), reference(t, x), "{t} {x}");
                }
            }
        }
    }

    #[test]
    fn a_second_word_may_be_refused_only_where_same_word_refuses_it() {
        // What lets words_match_modified pass over the second word: an entry
        // whose second word NextWord::may_be refuses is one same_word refuses.
        let lex = TriggerLexicon::embedded().expect("embedded lexicon");
        let mut texts: Vec<String> = lex.entries.iter().flat_map(|e| e.words.iter().map(|w| w.to_string())).collect();
        texts.sort_unstable();
        texts.dedup();
        let texts: Vec<String> = texts
            .iter()
            .step_by(5)
            .chain(&ARTICLES.map(String::from))
            .flat_map(|w| [w.clone(), w.to_ascii_uppercase(), w.replace('\'', "’")])
            .collect();
        let mut refused = 0;
        for (e, entry) in lex.entries.iter().enumerate().filter(|(_, t)| t.words.len() > 1).step_by(3) {
            for t in &texts {
                let next = if lex.apostrophes && !t.is_ascii() {
                    NextWord::Any
                } else {
                    NextWord::Hash(word_hash(t.as_bytes()))
                };
                if !next.may_be(lex.seconds[e]) {
                    refused += 1;
                    assert!(!same_word(t, entry.words[1]), "{t} {:?}", entry.words);
                }
            }
        }
        assert!(refused > 1000);
    }

    #[test]
    fn is_article_is_the_list_search() {
        // Every word of the lists and lexicons, in three cases, and short
        // strings near the determiners.
        let mut words: Vec<String> = ARTICLES.iter().map(|w| w.to_string()).collect();
        for (list, _) in FLAG_WORDS {
            words.extend(list.iter().map(|w| w.to_string()));
        }
        for line in DEFAULT_TRIGGERS.lines() {
            words.extend(line.split(['\t', ' ']).map(str::to_string));
        }
        for a in ARTICLES {
            for i in 0..=a.len() {
                words.push(a[..i].to_string());
                words.push(format!("{}x{}", &a[..i], &a[i..]));
            }
            words.push(format!("{a}s"));
        }
        words.extend(["", "a1", "@n", "`he", "{he", "thE", "HIS", "Th", "ÿour"].map(String::from));
        for w in &words {
            for w in [w.clone(), w.to_uppercase(), w.to_ascii_uppercase()] {
                assert_eq!(is_article(w.as_bytes()), ARTICLES.iter().any(|a| a.eq_ignore_ascii_case(&w)), "{w:?}");
            }
        }
    }

    #[test]
    fn the_skip_filter_holds_every_word_a_phrase_may_skip() {
        // `skip_at` passes over a word the filter does not hold without
        // looking up its flags: no word with a skip flag may be missing.
        let lex = TriggerLexicon::embedded().expect("embedded lexicon");
        let mut held = 0;
        for (list, f) in FLAG_WORDS {
            for w in list.iter().filter(|_| f & SKIP_FLAGS != 0) {
                for w in [w.to_string(), w.to_uppercase(), w.replace('\'', "’")] {
                    assert!(lex.skip_bloom.may_contain(word_hash(w.as_bytes())), "{w}");
                    held += 1;
                }
            }
        }
        assert!(held > 100);
        let others = ["the", "talks", "with", "said", "Russia", "on-off"];
        assert!(others.iter().filter(|w| lex.skip_bloom.may_contain(word_hash(w.as_bytes()))).count() <= 1);
    }

    #[test]
    fn a_word_told_by_hash_is_found_as_by_its_bytes() {
        // The flag words that skip the comparison of bytes: any change of
        // one byte to one that is not the same letter in another case
        // changes the hash (and a word of another length is another word).
        let lex = TriggerLexicon::embedded().expect("embedded lexicon");
        let told: Vec<&FlagWord> = lex.flags.iter().filter(|x| x.by_hash).collect();
        assert!(told.len() > 100 && told.len() < lex.flags.len(), "{}", told.len());
        for x in told {
            let w = x.word.as_bytes();
            assert_eq!(x.hash, word_hash(&w.to_ascii_uppercase()), "{}", x.word);
            for i in 0..w.len() {
                for b in 0..=255u8 {
                    let mut v = w.to_vec();
                    v[i] = b;
                    let same = b.to_ascii_lowercase() == w[i];
                    assert_eq!(word_hash(&v) == x.hash, same, "{} {i} {b}", x.word);
                }
            }
        }
    }

    #[test]
    fn reused_buffers_find_what_new_ones_find() {
        // Each text's events on a new thread (new buffers), and on this one
        // after the texts before it, with the stamps running out midway and
        // stale codes under the stamps to come.
        let pipeline = crate::Pipeline::builder().build().expect("pipeline");
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/events.json")).expect("events.json");
        let texts: Vec<String> = cases
            .as_array()
            .expect("a list of cases")
            .iter()
            .map(|c| c["text"].as_str().expect("a text").to_string())
            .collect();
        let events = |i: usize, text: &str| {
            let article = crate::Article {
                id: format!("a{i}"),
                title: None,
                text: text.to_string(),
                published: Some("2025-08-07".into()),
                url: None,
                source: None,
            };
            let records = pipeline.records(&article);
            serde_json::to_string(&records).expect("records")
        };
        let fresh: Vec<String> = std::thread::scope(|s| {
            let threads: Vec<_> = texts.iter().enumerate().map(|(i, t)| s.spawn(move || events(i, t))).collect();
            threads.into_iter().map(|t| t.join().expect("a thread")).collect()
        });
        assert!(fresh.iter().filter(|r| r.contains("\"event\"")).count() > 50);
        let stale = (0..64).map(|i| (1 << 16) | (i % 7 + 1)).collect();
        let room = vec![0; 64];
        SCRATCH.set(Scratch { flag_codes: stale, starts: room.clone(), ends: room, stamp: u16::MAX - 3 });
        for round in 0..2 {
            for (i, t) in texts.iter().enumerate() {
                assert_eq!(events(i, t), fresh[i], "round {round}: {t}");
            }
        }
    }

    #[test]
    fn the_first_word_filter_passes_every_first_word() {
        let lex = TriggerLexicon::embedded().expect("embedded lexicon");
        for e in &lex.entries {
            let w = e.words[0];
            for w in [w.to_string(), w.to_uppercase()] {
                let h = word_hash(w.as_bytes());
                assert!(lex.may_start(h) && lex.entries_of(h).is_some(), "{w}");
            }
        }
        // Others seldom pass: `the` has the slot of `rules`, not its key.
        let others = ["the", "from", "best", "minister", "said", "of", "and", "to", "in", "a"];
        assert!(others.iter().all(|w| !lex.may_start(word_hash(w.as_bytes()))));
        assert_eq!(first_slot(word_hash(b"the")), first_slot(word_hash(b"rules")));
    }

    #[test]
    fn event_type_names_parse_back() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.name()), Some(t));
            assert_eq!(EventType::parse(&t.name().to_lowercase()), None);
        }
        assert_eq!(EventType::parse(""), None);
    }

    #[test]
    fn flag_words_are_lowercase() {
        for (list, _) in FLAG_WORDS {
            for w in list {
                assert!(!w.bytes().any(|b| b.is_ascii_uppercase()), "{w}");
            }
        }
    }

    #[test]
    fn long_word_lists_are_sorted_for_binary_search() {
        for (name, list) in [
            ("MODIFIERS", &MODIFIERS[..]),
            ("PARTICIPLES", &PARTICIPLES[..]),
            ("CLAUSE_WORDS", &CLAUSE_WORDS[..]),
            ("PREPOSITIONS", &PREPOSITIONS[..]),
            ("BE", &BE[..]),
            ("NEGATING_VERBS", &NEGATING_VERBS[..]),
            ("FUTURE", &FUTURE[..]),
            ("REQUESTING", &REQUESTING[..]),
            ("SUPPORT_VERBS", &SUPPORT_VERBS[..]),
            ("DETERMINERS", &DETERMINERS[..]),
            ("TITLE_WORDS", &TITLE_WORDS[..]),
            ("SPEECH", &SPEECH[..]),
            ("PURPOSE_VERBS", &PURPOSE_VERBS[..]),
            ("COUNT_WORDS", &COUNT_WORDS[..]),
            ("VERBAL_BEFORE", &VERBAL_BEFORE[..]),
            ("NOT_WALKABLE", &NOT_WALKABLE[..]),
            ("NOUN_MARKERS", &NOUN_MARKERS[..]),
            ("PLACE_MODIFIERS", &PLACE_MODIFIERS[..]),
        ] {
            assert!(
                list.windows(2).all(|w| cmp_folded(w[0], w[1]) == std::cmp::Ordering::Less),
                "{name} is not sorted (lowercase byte order) or has a duplicate"
            );
            assert!(
                list.iter().all(|x| x.len() <= SORTED_LIST_WORD && !x.bytes().any(|b| b.is_ascii_uppercase())),
                "{name} has a word with capitals or longer than {SORTED_LIST_WORD} bytes"
            );
        }
    }
}
