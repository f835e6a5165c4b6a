//! The entity stage: gazetteer aliases found on token boundaries, with case
//! rules and context for ambiguous aliases.

use gazette_tokenizer::{Analysis, Span, Token, TokenKind};
use serde::Serialize;

use crate::gazetteer::{CaseRule, EntityKind, FirstWord, Gazetteer, start_pair};

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
/// skips the tokens it covers. `hashes` holds each token's
/// [`crate::fold::word_hashes`], or is empty (then the words looked up are
/// hashed here).
pub(crate) fn find(gaz: &Gazetteer, text: &str, analysis: &Analysis, hashes: &[u64]) -> Vec<Mention> {
    let toks = &analysis.tokens;
    // A guess of one candidate a 32 tokens, so that most articles' lists
    // never grow.
    let mut found: Vec<Candidate> = Vec::with_capacity(toks.len() / 32 + 8);
    let mut pool: Vec<u32> = Vec::with_capacity(toks.len() / 32 + 8);
    // The trie is searched at each token that can start an alias; an
    // accepted match skips the tokens it covers.
    let mut next_free = 0usize;
    let bytes = text.as_bytes();
    // In an ASCII text with the word hashes at hand (most articles), a word
    // whose hash the first words' bloom filter rejects starts no alias (only
    // a word with non-ASCII letters could, through `starts_alias`'s Unicode
    // path).
    let by_hash = hashes.len() == toks.len() && text.is_ascii();
    let mut next = 0;
    loop {
        // The cheapest test first, in a loop of its own: the hash of most
        // words, or the first byte of most tokens, starts no alias (and the
        // first two bytes of half the rest start none either).
        let mut i = next;
        if by_hash {
            // (The filter lets every token that is not a word through, on
            // its hash 0, and a token it lets through is tested on its first
            // byte too, here: most words let through are lowercase words
            // that no alias matching in lowercase starts with, and the loop
            // is cheaper to stay in than to leave.)
            let may_start = |(t, &h): (&Token, &u64)| {
                gaz.first_bloom.may_contain(h) && gaz.start_bytes[bytes[t.span.start] as usize]
            };
            i += toks[i..].iter().zip(&hashes[i..]).position(may_start).unwrap_or(toks.len() - i);
        } else {
            while i < toks.len() && !gaz.start_bytes[bytes[toks[i].span.start] as usize] {
                i += 1;
            }
        }
        if i == toks.len() {
            break;
        }
        next = i + 1;
        let t = &toks[i];
        if t.span.start < next_free
            || !gaz.start_bytes[bytes[t.span.start] as usize]
            || !gaz.start_pairs.get(start_pair(bytes, t.span.start))
        {
            continue;
        }
        let Some(fw) = starts_alias(gaz, text, t, hashes.get(i).copied()) else { continue };
        // (start, end, pattern) of the longest alias starting here.
        let (start, end, pattern) = if fw.flags & FirstWord::LONGER == 0 && fw.single != u32::MAX {
            // Only a one-token alias starts with this word: no search needed.
            (t.span.start, t.span.end, fw.single as usize)
        } else {
            // The longest key that the text from here, in lowercase, starts
            // with (the trie reads no further than its longest key, and
            // takes up its search after this first word). A shorter key is
            // not tried when it does not end on a token end.
            match gaz.trie.longest_prefix_from(&bytes[t.span.start..], fw.walk) {
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
        // (A loop, not `extend` over a filter, which is a call a candidate.)
        for &a in gaz.pattern(pattern) {
            let alias = &gaz.aliases[a as usize];
            if case_ok(alias.rule, gaz.alias_text(alias), surface) {
                pool.push(a);
            }
        }
        if pool.len() == from {
            continue;
        }
        let aliases = from as u32..pool.len() as u32;
        next_free = end;
        found.push(Candidate { span: Span::new(start, end), token: i, last_token: j, aliases });
    }

    // The article's support for its entities, worked out when first asked:
    // by an alias with a context rule, or by a candidate with several
    // aliases kept (most articles have neither).
    let support_once = std::cell::OnceCell::new();
    let support = || support_once.get_or_init(|| Support::new(gaz, &found, &pool));

    // With room for the names the pipeline adds to the list (see
    // [`crate::names::room_for_names`]), so that it seldom grows.
    let mut out = Vec::with_capacity(found.len() + crate::names::room_for_names(toks.len()));
    for (k, c) in found.iter().enumerate() {
        let next_is_mention = found.get(k + 1).is_some_and(|n| n.token == c.last_token + 1);
        // `Atlanta, Georgia`: a place right before, after a comma.
        let place_before = k
            .checked_sub(1)
            .map(|p| &found[p])
            .filter(|p| p.last_token + 2 == c.token && toks[p.last_token + 1].text(text) == ",");
        let keep = |a: u32| {
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
            let country_named = place && country.and_then(|c| support().by_country.get(c)).is_some_and(|&n| n >= 2);
            let supported = support().by_entity.get(&e).is_some_and(|&n| n > 0) || same_country_place || country_named;
            context_supports(text, toks, c, next_is_mention, supported)
        };
        // The one alias kept (most candidates), or the best of several: most
        // support first (the entity's own, then its country's), then the
        // earlier entity (its number reversed in the key's low half).
        let best = best_kept(&pool[c.aliases.start as usize..c.aliases.end as usize], keep, |a| {
            let e = gaz.aliases[a as usize].entity;
            u64::from(support().score(gaz, e as usize)) << 32 | u64::from(!e)
        });
        if let Some(a) = best {
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

/// The support an article gives its entities: the unambiguous mentions of
/// each, and of each country's entities (a place supports the other
/// entities of its country: `Atlanta, Georgia`). (The maps are sized for
/// their most entries, so they never grow.)
struct Support<'g> {
    by_entity: rustc_hash::FxHashMap<usize, u32>,
    by_country: rustc_hash::FxHashMap<&'g str, u32>,
}

impl<'g> Support<'g> {
    fn new(gaz: &'g Gazetteer, found: &[Candidate], pool: &[u32]) -> Self {
        let mut by_entity: rustc_hash::FxHashMap<usize, u32> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
        for c in found {
            let aliases = &pool[c.aliases.start as usize..c.aliases.end as usize];
            let first = gaz.aliases[aliases[0] as usize].entity;
            let single = aliases.iter().all(|&a| gaz.aliases[a as usize].entity == first);
            if single && aliases.iter().all(|&a| gaz.aliases[a as usize].rule != CaseRule::Context) {
                *by_entity.entry(first as usize).or_default() += 1;
            }
        }
        let mut by_country: rustc_hash::FxHashMap<&str, u32> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(by_entity.len(), Default::default());
        for (&e, &n) in &by_entity {
            if let Some(c) = gaz.entities[e].country.as_deref() {
                *by_country.entry(c).or_default() += n;
            }
        }
        Support { by_entity, by_country }
    }

    /// Entity `e`'s own support, then its country's.
    fn score(&self, gaz: &Gazetteer, e: usize) -> u32 {
        self.by_entity.get(&e).copied().unwrap_or(0)
            + gaz.entities[e].country.as_deref().and_then(|c| self.by_country.get(c)).copied().unwrap_or(0)
    }
}

/// The last of `aliases` that `keep` keeps with the greatest `key`: what
/// `filter(keep).max_by_key(key)` gives, in a loop (no call through the
/// filter's `next`), and with no `key` asked when one alias or none is kept.
#[inline(always)]
fn best_kept(aliases: &[u32], mut keep: impl FnMut(u32) -> bool, mut key: impl FnMut(u32) -> u64) -> Option<u32> {
    // The best alias so far, and its key once worked out.
    let mut best: Option<(u32, Option<u64>)> = None;
    for &a in aliases {
        if !keep(a) {
            continue;
        }
        best = Some(match best {
            None => (a, None),
            Some((b, kb)) => {
                let (kb, ka) = (kb.unwrap_or_else(|| key(b)), key(a));
                if ka >= kb { (a, Some(ka)) } else { (b, Some(kb)) }
            }
        });
    }
    best.map(|(a, _)| a)
}

/// Can an alias start at this token (one whose first two bytes passed
/// [`Gazetteer::start_bytes`] and [`Gazetteer::start_pairs`])? Only if its
/// text, lowercased, is the first token of some alias; a lowercase word only
/// if such an alias can match in lowercase (`al-Qaeda`, `{any}` aliases).
/// `hash` is the token's [`crate::fold::word_hashes`] entry, if at hand.
fn starts_alias(gaz: &Gazetteer, text: &str, t: &Token, hash: Option<u64>) -> Option<FirstWord> {
    if !matches!(t.kind, TokenKind::Word | TokenKind::Number | TokenKind::Hashtag) {
        return None;
    }
    // The word as bytes: the text as a `str` is needed (and its char
    // boundaries checked) only for the rare word with non-ASCII letters.
    let bytes = text.as_bytes();
    let (start, end) = (t.span.start, t.span.end);
    let first = bytes[start];
    // (`word_hashes` has 0 for the tokens that are not words.)
    let h = match hash {
        Some(h) if t.kind == TokenKind::Word => h,
        _ => crate::fold::word_hash_in(bytes, start, end),
    };
    let ascii = gaz.first_bloom.may_contain(h).then(|| gaz.first_word_ascii(h)).flatten();
    let fw = match ascii {
        // The table's word is in lowercase.
        Some((fw, word, len)) if lowercase_is(&bytes[start..], end - start, word, len) => fw,
        // Only a word with non-ASCII letters can still start an alias.
        _ if is_ascii_at(bytes, start, end) => return None,
        _ => gaz.first_words.get(t.text(text).to_lowercase().as_bytes()).copied()?,
    };
    (!first.is_ascii_lowercase() || fw.flags & FirstWord::LOWER != 0).then_some(fw)
}

/// Whether the first `w_len` bytes of `w`, with their ASCII capitals in
/// lowercase, are the first `key_len` bytes of `key`. `w` and `key` run on
/// past the words (to the ends of their buffers), so that a word of up to
/// eight bytes is compared on one read of eight bytes of each where the
/// buffers allow.
fn lowercase_is(w: &[u8], w_len: usize, key: &[u8], key_len: usize) -> bool {
    if w_len != key_len {
        return false;
    }
    let eight = |b: &[u8]| -> Option<u64> { Some(u64::from_le_bytes(b.get(..8)?.try_into().ok()?)) };
    if (1..=8).contains(&w_len)
        && let (Some(a), Some(b)) = (eight(w), eight(key))
    {
        return (ascii_lowercase8(a) ^ b) & (u64::MAX >> (64 - 8 * w_len)) == 0;
    }
    w[..w_len].iter().zip(&key[..key_len]).all(|(&b, &k)| b.to_ascii_lowercase() == k)
}

/// The eight bytes of `x` with their ASCII capitals in lowercase (each byte
/// as `u8::to_ascii_lowercase`, all at once): a capital's bit 7 mark moves
/// to bit 5.
fn ascii_lowercase8(x: u64) -> u64 {
    x | crate::fold::ascii_bytes_in(x, b'A', b'Z') >> 2
}

/// Whether `bytes[start..end]` is ASCII: for a word of up to eight bytes,
/// tested on one read of eight bytes where the text allows.
fn is_ascii_at(bytes: &[u8], start: usize, end: usize) -> bool {
    let len = end - start;
    match bytes.get(start..start + 8) {
        Some(b) if (1..=8).contains(&len) => {
            let x = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
            x & (u64::MAX >> (64 - 8 * len)) & 0x8080_8080_8080_8080 == 0
        }
        _ => bytes[start..end].is_ascii(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-byte filter in front of [`starts_alias`] never drops a token
    /// that starts an alias: every first word of the default gazetteer (and
    /// of a small one with one-byte, lowercase and non-ASCII first words), as
    /// written, in capitals and with a capital first letter, alone or before
    /// other text.
    #[test]
    fn the_start_filter_keeps_every_token_that_starts_an_alias() {
        let tsv = "id\tkind\tname\taliases\tcountry\tsector\troles\n\
                   org:x\tORG\tX Corp\tX|al-Qaeda{any}|Ωmega Group|São Tomé|e tu|#tag\t\t\t\n";
        let mut small = crate::gazetteer::GazetteerBuilder::new();
        small.add_source("t.tsv", tsv);
        let gazetteers = [Gazetteer::default_gazetteer().expect("default"), small.build().expect("small")];
        for gaz in &gazetteers {
            let mut kept = 0;
            for w in gaz.all_first_words() {
                let w = String::from_utf8(w.to_vec()).expect("UTF-8");
                let mut title = w.clone();
                if let Some(c) = w.chars().next() {
                    title = c.to_uppercase().chain(w.chars().skip(1)).collect();
                }
                for form in [w.clone(), w.to_uppercase(), title] {
                    for text in [form.clone(), format!("{form} x"), format!("{form}. Y")] {
                        let toks = gazette_tokenizer::tokenize(&text);
                        let Some(t) = toks.first() else { continue };
                        let bytes = text.as_bytes();
                        if gaz.start_bytes[bytes[t.span.start] as usize] && starts_alias(gaz, &text, t, None).is_some()
                        {
                            kept += 1;
                            assert!(gaz.start_pairs.get(start_pair(bytes, t.span.start)), "{text:?}");
                        }
                    }
                }
            }
            assert!(kept > 0);
        }
    }

    /// With the word hashes (the bloom filter over them in an ASCII text)
    /// and without (the first-byte test), the same mentions.
    #[test]
    fn the_hashed_scan_finds_what_the_byte_scan_finds() {
        let tsv = "id\tkind\tname\taliases\tcountry\tsector\troles\n\
                   org:x\tORG\tX Corp\t#tag|1 Main Street|2020 Games|Zürich Re\t\t\t\n";
        let mut small = crate::gazetteer::GazetteerBuilder::new();
        small.add_source("t.tsv", tsv);
        let gaz = Gazetteer::default_gazetteer().expect("default");
        let tokenizer = gazette_tokenizer::Tokenizer::new();
        let mut texts: Vec<String> = vec![
            "In Georgia, Washington and NEW YORK: the United Nations (UN) met al-Qaeda's envoys #Ukraine 9/11.".into(),
            "São Paulo and Zürich, then Moscow; the Kremlin said.".into(),
            "".into(),
        ];
        let small = small.build().expect("small");
        let text = "At 1 Main Street, #tag: the 2020 Games.";
        let analysis = tokenizer.analyze(text);
        let hashes = crate::fold::word_hashes(text, &analysis.tokens);
        let found = find(&small, text, &analysis, &hashes);
        assert_eq!(found.len(), 3);
        assert_eq!(found, find(&small, text, &analysis, &[]));
        // Every first word of the gazetteer, in sentences of mixed case.
        let words: Vec<String> =
            gaz.all_first_words().iter().map(|w| String::from_utf8_lossy(w).into_owned()).collect();
        for chunk in words.chunks(50) {
            let mut text = String::new();
            for (k, w) in chunk.iter().enumerate() {
                let w = if k % 3 == 0 { w.to_uppercase() } else { w.clone() };
                text.push_str(&format!("{w} said, in {w} ({}) ", k % 7));
            }
            texts.push(text);
        }
        for text in &texts {
            let analysis = tokenizer.analyze(text);
            let hashes = crate::fold::word_hashes(text, &analysis.tokens);
            assert_eq!(find(&gaz, text, &analysis, &hashes), find(&gaz, text, &analysis, &[]), "{text:?}");
        }
    }

    /// The trie search taken up after a first word (where the gazetteer's
    /// walk for that word left it) finds what a search from the start finds:
    /// every alias of the default gazetteer as written, in capitals, cut
    /// short and run on.
    #[test]
    fn the_search_after_a_first_word_finds_what_a_full_search_finds() {
        let gaz = Gazetteer::default_gazetteer().expect("default");
        let mut walked = 0;
        for a in &gaz.aliases {
            let alias = gaz.alias_text(a);
            for form in [alias.to_string(), alias.to_uppercase()] {
                let cut = &form[..form.floor_char_boundary(form.len() - 1)];
                for text in [form.clone(), format!("{form} x"), format!("{form}s of"), cut.to_string()] {
                    let toks = gazette_tokenizer::tokenize(&text);
                    let Some(t) = toks.first() else { continue };
                    let Some(fw) = starts_alias(&gaz, &text, t, None) else { continue };
                    let bytes = &text.as_bytes()[t.span.start..];
                    walked += usize::from(fw.walk != crate::trie::Walk::START);
                    assert_eq!(
                        gaz.trie.longest_prefix_from(bytes, fw.walk),
                        gaz.trie.longest_prefix(bytes),
                        "{text:?}"
                    );
                }
            }
        }
        assert!(walked > 1000, "{walked}");
    }

    /// `best_kept` is `filter(keep).max_by_key(key)` (the last of equal
    /// keys), on every list of up to five aliases of four values, with keys
    /// that tie, and asks no key when at most one alias is kept.
    #[test]
    fn best_kept_is_the_filtered_max_by_key() {
        let mut lists: Vec<Vec<u32>> = vec![vec![]];
        let mut from = 0;
        for _ in 0..5 {
            let to = lists.len();
            for i in from..to {
                for a in 0..4 {
                    let mut l = lists[i].clone();
                    l.push(a);
                    lists.push(l);
                }
            }
            from = to;
        }
        let keep = |a: u32| a != 2;
        let key = |a: u32| u64::from(a / 2);
        for l in &lists {
            let asked = std::cell::Cell::new(0);
            let got = best_kept(l, keep, |a| {
                asked.set(asked.get() + 1);
                key(a)
            });
            assert_eq!(got, l.iter().copied().filter(|&a| keep(a)).max_by_key(|&a| key(a)), "{l:?}");
            if l.iter().filter(|&&a| keep(a)).count() <= 1 {
                assert_eq!(asked.get(), 0, "{l:?}");
            }
        }
    }

    /// The eight-byte lowercase is `to_ascii_lowercase` on every byte, at
    /// every place; `lowercase_is` is the byte-by-byte comparison on words of
    /// every length, whether or not eight bytes can be read.
    #[test]
    fn lowercase_is_the_bytewise_comparison() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let x = 0x4161_7a5a_405b_6080u64 & !(0xff << (8 * at)) | u64::from(b) << (8 * at);
                let slow = u64::from_le_bytes(x.to_le_bytes().map(|c| c.to_ascii_lowercase()));
                assert_eq!(ascii_lowercase8(x), slow, "{b:#x} at {at}");
            }
        }
        let text = b"Gaza GAZA gaza gAzA Gazb @aza Zurich ZURICH-x New York NEW-YORK-CITY \xc3\x89 #TAG 9/11 [a]";
        let keys: &[&[u8]] =
            &[b"gaza", b"zurich", b"new", b"new-york-city", b"#tag", b"9/11", b"`aza", b"{a}", b"\xc3\xa9", b""];
        for start in 0..text.len() {
            for end in start..=text.len().min(start + 14) {
                let w = &text[start..end];
                for key in keys {
                    // The key alone in its buffer, and with more after it.
                    let run = [*key, b" and more"].concat();
                    for (k, len) in [(*key, key.len()), (&run[..], key.len())] {
                        let slow = w.len() == len && w.iter().zip(*key).all(|(&b, &c)| b.to_ascii_lowercase() == c);
                        assert_eq!(lowercase_is(&text[start..], w.len(), k, len), slow, "{w:?} {key:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn is_ascii_at_is_is_ascii_of_the_range() {
        let text = "Zürich, São Tomé and a longer word: Ωmega-ASCII-only-words é";
        let b = text.as_bytes();
        for start in 0..b.len() {
            for end in start..=b.len() {
                assert_eq!(is_ascii_at(b, start, end), b[start..end].is_ascii(), "{start}..{end}");
            }
        }
    }
}
