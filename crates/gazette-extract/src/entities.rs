//! The entity stage: gazetteer aliases found on token boundaries, with case
//! rules and context for ambiguous aliases.

use gazette_tokenizer::{Analysis, Span, Token, TokenKind};
use serde::Serialize;

use crate::gazetteer::{CaseRule, EntityKind, FirstWord, Gazetteer};

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchHow {
    /// An alias in the gazetteer.
    Gazetteer,
    /// A name pattern: a capitalised run with a cue (title, role, given
    /// name, organisation word).
    Pattern,
    /// A later, shorter mention of a name found before (a surname).
    Coref,
}

/// Which entity a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityRef {
    /// Index into [`Gazetteer::entities`].
    Gazetteer(usize),
    /// Index into [`crate::Extraction::new_entities`]: a name no gazetteer
    /// knows.
    New(usize),
}

/// An entity found in one article that no gazetteer knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntity {
    /// `new:<normalised name>`.
    pub id: String,
    /// The full name as first written.
    pub name: String,
    /// The guessed kind.
    pub kind: EntityKind,
}

/// One mention of a gazetteer entity in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Where it is, in bytes of the article text.
    pub span: Span,
    /// The entity.
    pub entity: EntityRef,
    /// The entity's kind, or NORP for a demonym (`Russian`).
    pub kind: EntityKind,
    /// How it was found.
    pub how: MatchHow,
    /// Index of the first token of the mention.
    pub token: usize,
}

/// Words before an ambiguous place name that make it a place (`in Georgia`).
const PLACE_CUES: [&str; 22] = [
    "in",
    "to",
    "from",
    "into",
    "across",
    "near",
    "at",
    "via",
    "toward",
    "towards",
    "through",
    "of",
    "visit",
    "visited",
    "visiting",
    "visits",
    "against",
    "with",
    "between",
    "and",
    "neighbouring",
    "neighboring",
];

/// Titles before a capitalised word that make it a person's name (`Mr Jordan`).
const PERSON_CUES: [&str; 8] = ["Mr", "Mrs", "Ms", "Dr", "Miss", "Sir", "Dame", "Lady"];

struct Candidate {
    span: Span,
    token: usize,
    last_token: usize,
    /// Alias indices whose case rule the text satisfies: a range of the
    /// shared pool (no allocation per candidate).
    aliases: std::ops::Range<u32>,
}

fn case_ok(rule: CaseRule, alias: &str, found: &str) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Exact => alias == found,
        // As written, or in capitals (compared without allocating).
        CaseRule::Title | CaseRule::Context => {
            alias == found || alias.chars().flat_map(char::to_uppercase).eq(found.chars())
        }
    }
}

/// Finds the gazetteer's entities in one analysed article. Linear in the
/// number of tokens: each token start is tried once, and an accepted match
/// skips the tokens it covers.
pub(crate) fn find(gaz: &Gazetteer, text: &str, analysis: &Analysis) -> Vec<Mention> {
    let toks = &analysis.tokens;
    // A guess of one candidate a 32 tokens, so that most articles' lists
    // never grow.
    let mut found: Vec<Candidate> = Vec::with_capacity(toks.len() / 32 + 8);
    let mut pool: Vec<u32> = Vec::with_capacity(toks.len() / 32 + 8);
    // The text in ASCII lowercase, made once at the first search: the trie
    // knows lowercase keys. (Lowercasing a window of the longest key's length
    // at each search cost more than the whole text does.)
    let mut lower: Option<Vec<u8>> = None;
    // The trie is searched at each token that can start an alias; an
    // accepted match skips the tokens it covers.
    let mut next_free = 0usize;
    let bytes = text.as_bytes();
    let mut next = 0;
    loop {
        // The cheapest test first, in a loop of its own: the first byte of
        // most tokens starts no alias (`starts_alias` asks again).
        let mut i = next;
        while i < toks.len() && !gaz.start_bytes[bytes[toks[i].span.start] as usize] {
            i += 1;
        }
        if i == toks.len() {
            break;
        }
        next = i + 1;
        let t = &toks[i];
        if t.span.start < next_free {
            continue;
        }
        let Some(fw) = starts_alias(gaz, text, t) else { continue };
        // (start, end, pattern) of the longest alias starting here.
        let (start, end, pattern) = if fw.flags & FirstWord::LONGER == 0 && fw.single != u32::MAX {
            // Only a one-token alias starts with this word: no search needed.
            (t.span.start, t.span.end, fw.single as usize)
        } else {
            // The longest key that the lowercase text from here starts with
            // (the trie reads no further than its longest key). A shorter
            // key is not tried when it does not end on a token end.
            let lower = lower.get_or_insert_with(|| text.as_bytes().to_ascii_lowercase());
            match gaz.trie.longest_prefix(&lower[t.span.start..]) {
                Some((len, key)) => (t.span.start, t.span.start + len, key as usize),
                // No longer alias here: the word alone, when it is one (the
                // trie holds no single-token key).
                None if fw.single != u32::MAX => (t.span.start, t.span.end, fw.single as usize),
                None => continue,
            }
        };
        // The match must end where a token ends.
        let mut j = i;
        while j + 1 < toks.len() && toks[j].span.end < end {
            j += 1;
        }
        if toks[j].span.end != end {
            continue;
        }
        let surface = &text[start..end];
        let from = pool.len();
        pool.extend(gaz.pattern(pattern).iter().copied().filter(|&a| {
            let a = &gaz.aliases[a as usize];
            case_ok(a.rule, gaz.alias_text(a), surface)
        }));
        if pool.len() == from {
            continue;
        }
        let aliases = from as u32..pool.len() as u32;
        next_free = end;
        found.push(Candidate { span: Span::new(start, end), token: i, last_token: j, aliases });
    }

    // Support: unambiguous mentions of each entity in the article. (The
    // maps are sized for their most entries, so they never grow.)
    let mut support: rustc_hash::FxHashMap<usize, u32> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
    for c in &found {
        let aliases = &pool[c.aliases.start as usize..c.aliases.end as usize];
        let first = gaz.aliases[aliases[0] as usize].entity;
        let single = aliases.iter().all(|&a| gaz.aliases[a as usize].entity == first);
        if single && aliases.iter().all(|&a| gaz.aliases[a as usize].rule != CaseRule::Context) {
            *support.entry(first as usize).or_default() += 1;
        }
    }
    // A place supports the other entities of its country: `Atlanta, Georgia`.
    let mut by_country: rustc_hash::FxHashMap<&str, u32> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(support.len(), Default::default());
    for (&e, &n) in &support {
        if let Some(c) = gaz.entities[e].country.as_deref() {
            *by_country.entry(c).or_default() += n;
        }
    }
    let score = |e: usize| -> u32 {
        support.get(&e).copied().unwrap_or(0)
            + gaz.entities[e].country.as_deref().and_then(|c| by_country.get(c)).copied().unwrap_or(0)
    };

    let mut out = Vec::with_capacity(found.len());
    for (k, c) in found.iter().enumerate() {
        let next_is_mention = found.get(k + 1).is_some_and(|n| n.token == c.last_token + 1);
        // `Atlanta, Georgia`: a place right before, after a comma.
        let place_before = k
            .checked_sub(1)
            .map(|p| &found[p])
            .filter(|p| p.last_token + 2 == c.token && toks[p.last_token + 1].text(text) == ",");
        let best = pool[c.aliases.start as usize..c.aliases.end as usize]
            .iter()
            .filter(|&&a| {
                let alias = &gaz.aliases[a as usize];
                if alias.rule != CaseRule::Context {
                    return true;
                }
                let e = alias.entity as usize;
                let country = gaz.entities[e].country.as_deref();
                let same_country_place = place_before.is_some_and(|p| {
                    let pe = gaz.aliases[pool[p.aliases.start as usize] as usize].entity as usize;
                    country.is_some() && gaz.entities[pe].country.as_deref() == country
                });
                // A place whose country the article names at least twice
                // (`whether Washington endorsed` in a story on Trump).
                let place = matches!(gaz.entities[e].kind, EntityKind::Gpe | EntityKind::Loc) && !alias.norp;
                let country_named = place && country.and_then(|c| by_country.get(c)).is_some_and(|&n| n >= 2);
                let supported = support.get(&e).is_some_and(|&n| n > 0) || same_country_place || country_named;
                context_supports(text, toks, c, next_is_mention, supported)
            })
            .max_by_key(|&&a| {
                let e = gaz.aliases[a as usize].entity;
                // Most support first (the entity's own, then its country's),
                // then the earlier entity.
                (score(e as usize), std::cmp::Reverse(e))
            });
        if let Some(&a) = best {
            let alias = &gaz.aliases[a as usize];
            let entity = alias.entity as usize;
            let kind = if alias.norp { EntityKind::Norp } else { gaz.entities[entity].kind };
            out.push(Mention {
                span: c.span,
                entity: EntityRef::Gazetteer(entity),
                kind,
                how: MatchHow::Gazetteer,
                token: c.token,
            });
        }
    }
    out
}

/// Can an alias start at this token? Only if its text, lowercased, is the
/// first token of some alias; a lowercase word only if such an alias can
/// match in lowercase (`al-Qaeda`, `{any}` aliases).
fn starts_alias(gaz: &Gazetteer, text: &str, t: &Token) -> Option<FirstWord> {
    if !matches!(t.kind, TokenKind::Word | TokenKind::Number | TokenKind::Hashtag) {
        return None;
    }
    // Numbers and other tokens whose first byte starts no alias, and
    // lowercase words that start none matching in lowercase.
    let bytes = text.as_bytes();
    let first = bytes[t.span.start];
    if !gaz.start_bytes[first as usize] {
        return None;
    }
    // A lowercase word: its first two bytes must start a first word that
    // matches in lowercase.
    if first.is_ascii_lowercase() {
        let second = if t.span.len() > 1 { bytes[t.span.start + 1] } else { 0 };
        if second.is_ascii() && !gaz.lower_pairs.get(crate::gazetteer::lower_pair(first, second)) {
            return None;
        }
    }
    // The word as bytes: the text as a `str` is needed (and its char
    // boundaries checked) only for the rare word with non-ASCII letters.
    let w = &bytes[t.span.start..t.span.end];
    let h = crate::fold::word_hash_in(bytes, t.span.start, t.span.end);
    let ascii = gaz.first_bloom.may_contain(h).then(|| gaz.first_word_ascii(h)).flatten();
    let fw = match ascii {
        Some((fw, word)) if word.eq_ignore_ascii_case(w) => fw,
        // Only a word with non-ASCII letters can still start an alias.
        _ if w.is_ascii() => return None,
        _ => gaz.first_words.get(t.text(text).to_lowercase().as_bytes()).copied()?,
    };
    (!first.is_ascii_lowercase() || fw.flags & FirstWord::LOWER != 0).then_some(fw)
}

/// Is token `i` the first of its sentence, as far as the tokens tell (the
/// previous token ends a sentence or there is none)?
fn sentence_initial(toks: &[Token], text: &str, i: usize) -> bool {
    i == 0 || matches!(toks[i - 1].text(text), "." | "!" | "?" | ":" | "\"" | "“" | "(" | "-" | "—")
}

/// Evidence that an ambiguous alias (`Jordan`, `Georgia`) names the place or
/// entity here, not a person or a common word.
fn context_supports(text: &str, toks: &[Token], c: &Candidate, next_is_mention: bool, supported: bool) -> bool {
    let word = |i: usize| toks[i].text(text);
    let prev = (c.token > 0).then(|| word(c.token - 1));
    let next = toks.get(c.last_token + 1);
    // `Jordan Henderson`, `Mr Jordan`: a person.
    let followed_by_name = next
        .is_some_and(|n| n.kind == TokenKind::Word && n.case.is_capitalised() && n.space_before && !next_is_mention);
    // `Anthony Washington`, `Eddie Jordan`: a name word right before, inside
    // the sentence, makes it a surname.
    let after_name = c.token > 0 && {
        let p = &toks[c.token - 1];
        p.kind == TokenKind::Word
            && p.case == gazette_tokenizer::Case::Title
            && toks[c.token].space_before
            && !PLACE_CUES.iter().any(|cue| p.text(text).eq_ignore_ascii_case(cue))
            && !sentence_initial(toks, text, c.token - 1)
    };
    if followed_by_name || after_name || prev.is_some_and(|p| PERSON_CUES.contains(&p.trim_end_matches('.'))) {
        return false;
    }
    // A dateline: `WASHINGTON (Reuters) -`, `GENEVA, March 3 -` at the start
    // of a paragraph.
    let line_start = c.token == 0 || text[toks[c.token - 1].span.end..toks[c.token].span.start].contains('\n');
    let dateline = line_start
        && next.is_some_and(|n| matches!(n.text(text), "(" | "," | "-" | "—" | "–"))
        && text[c.span.start..c.span.end].bytes().all(|b| !b.is_ascii_lowercase());
    if dateline {
        return true;
    }
    let possessive = next.is_some_and(|n| matches!(n.text(text), "'s" | "’s"));
    let place_cue = prev.is_some_and(|p| PLACE_CUES.iter().any(|cue| p.eq_ignore_ascii_case(cue)));
    supported || possessive || place_cue
}
