//! Names no gazetteer knows: capitalised token runs with cues (titles and
//! roles before them, a known given name first, an organisation word last),
//! and later mentions of a person by surname.

use gazette_tokenizer::{Analysis, Case, Span, Token, TokenKind};
use rustc_hash::FxHashMap;

use crate::Error;
use crate::gazetteer::EntityKind;

/// The embedded given-name list, `corpora/names/given-names.txt`.
pub const DEFAULT_GIVEN_NAMES: &str = include_str!("../../../corpora/names/given-names.txt");
/// The embedded surname list, `corpora/names/surnames.txt`.
pub const DEFAULT_SURNAMES: &str = include_str!("../../../corpora/names/surnames.txt");
/// The embedded cue list, `corpora/names/cues.tsv`.
pub const DEFAULT_NAME_CUES: &str = include_str!("../../../corpora/names/cues.tsv");

/// Verbs right after a name that make it a person: `Jane Doe said`.
const AFTER_CUES: [&str; 12] = [
    "said",
    "says",
    "told",
    "added",
    "stated",
    "warned",
    "insisted",
    "explained",
    "wrote",
    "tweeted",
    "recalled",
    "admitted",
];

/// Lowercase prepositions before a capitalised word that make it a place.
const PLACE_PREPOSITIONS: [&str; 6] = ["in", "near", "outside", "across", "around", "towards"];

/// Longest name a pattern makes, in tokens.
const MAX_NAME_TOKENS: usize = 5;

const GIVEN: u16 = 1;
const SURNAME: u16 = 2;
const TITLE: u16 = 4;
const ROLE: u16 = 8;
const ORG_SUFFIX: u16 = 16;
const PLACE_SUFFIX: u16 = 32;
const SKIP: u16 = 64;
const PARTICLE: u16 = 128;
/// Not a word class: marks the first token of a sentence.
const SENTENCE_START: u16 = 1 << 14;

/// The cases of tokens that open no name (`Case::None` and `Case::Lower`)
/// are the numbers 0 and 1, the others more: cases or-ed are at most 1 when
/// none of them opens a name.
const NO_NAME_CASES: u8 = 1;
const _: () = assert!(
    Case::None as u8 <= NO_NAME_CASES
        && Case::Lower as u8 <= NO_NAME_CASES
        && Case::Title as u8 > NO_NAME_CASES
        && Case::Upper as u8 > NO_NAME_CASES
        && Case::Mixed as u8 > NO_NAME_CASES
);

/// Word classes by a hash of the word as written, in one flat table of
/// `u64` slots: the hash's top 48 bits (the lowest of them always set, so no
/// slot is zero) above 16 bits of classes, with linear probing from the slot
/// the top bits pick. A lookup reads one slot where a map of strings reads a
/// bucket and then the key's bytes elsewhere, and the table (512 KiB for the
/// 35,000 given names and surnames, at most three quarters full) misses the
/// cache less. Words are told apart by 47 bits of hash: an unlisted word
/// takes a listed word's classes with a chance of about 2^-47 per slot read.
#[derive(Debug, Clone)]
struct WordClasses {
    slots: Vec<u64>,
    len: usize,
    /// log2 of `slots.len()`.
    bits: u32,
}

impl WordClasses {
    const FLAGS: u64 = 0xffff;

    fn new() -> Self {
        Self::with_capacity(0)
    }

    /// A table that holds `words` words without growing (at most three
    /// quarters full): the name lists are sized before they are read, so
    /// that start-up neither rehashes nor touches the pages of smaller tables.
    fn with_capacity(words: usize) -> Self {
        let mut bits = 10;
        while 4 * words > 3 << bits {
            bits += 1;
        }
        WordClasses { slots: crate::fold::written_zeros(1 << bits), len: 0, bits }
    }

    /// The slot's tag: the top 48 bits, never zero (zero marks an empty slot).
    fn tag(h: u64) -> u64 {
        (h | 1 << 16) & !Self::FLAGS
    }

    fn home(&self, tag: u64) -> usize {
        (tag >> (64 - self.bits)) as usize
    }

    /// The slot holding `tag`, or the empty slot where it would go.
    fn slot(&self, tag: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(tag);
        while self.slots[i] != 0 && self.slots[i] & !Self::FLAGS != tag {
            i = (i + 1) & mask;
        }
        i
    }

    fn add(&mut self, word: &str, flags: u16) {
        self.add_hashed(crate::fold::exact_hash(word.as_bytes()), flags);
    }

    /// [`WordClasses::add`] by the word's [`crate::fold::exact_hash`].
    /// (In line: the name lists call it 35,000 times.)
    #[inline(always)]
    fn add_hashed(&mut self, h: u64, flags: u16) {
        if 4 * (self.len + 1) > 3 * self.slots.len() {
            let old = std::mem::replace(&mut self.slots, crate::fold::written_zeros(2 << self.bits));
            self.bits += 1;
            for s in old.into_iter().filter(|&s| s != 0) {
                let i = self.slot(s & !Self::FLAGS);
                self.slots[i] = s;
            }
        }
        let tag = Self::tag(h);
        let i = self.slot(tag);
        if self.slots[i] == 0 {
            self.len += 1;
        }
        self.slots[i] |= tag | u64::from(flags);
    }

    fn get(&self, word: &str) -> u16 {
        self.get_hashed(crate::fold::exact_hash(word.as_bytes()))
    }

    /// [`WordClasses::get`] by the word's [`crate::fold::exact_hash`].
    #[inline]
    fn get_hashed(&self, h: u64) -> u16 {
        (self.slots[self.slot(Self::tag(h))] & Self::FLAGS) as u16
    }
}

/// Word lists for names no gazetteer knows.
#[derive(Debug, Clone)]
pub(crate) struct NameRules {
    /// Given names and surnames (35,000 words), and the cue words with
    /// their classes too, so that [`NameRules::classes`] reads one table.
    names: WordClasses,
    /// Cue words alone: titles, roles, suffixes, particles, words to skip (a
    /// few hundred, a table that stays in the first-level cache), so that
    /// the look-ups that need only cues do not touch the large table.
    cues: WordClasses,
    /// The lengths of the cue words by their first byte, as bits (bit
    /// `min(length, 31)`): a word whose first byte and length no cue word
    /// has (punctuation and most short words) is no cue, without a hash or
    /// a probe.
    cue_lengths: [u32; 256],
}

impl NameRules {
    pub(crate) fn parse(given: &str, surnames: &str, cues: &str) -> Result<Self, Error> {
        // Lines bound the words: given names, surnames and cues share one table.
        let lines = |t: &str| crate::tsv::count_byte(t.as_bytes(), b'\n') + 1;
        let names = WordClasses::with_capacity(lines(given) + lines(surnames) + lines(cues));
        let mut r = NameRules { names, cues: WordClasses::new(), cue_lengths: [0; 256] };
        // Each word hashed where it lies in its list.
        for (list, flag) in [(given, GIVEN), (surnames, SURNAME)] {
            for word in list_words(list) {
                r.names.add_hashed(crate::fold::exact_hash_in(list.as_bytes(), word.start, word.end), flag);
            }
        }
        for (n, line) in crate::tsv::lines(cues) {
            let bad = || Error::Gazetteer(format!("cues.tsv:{n}: expected WORD<TAB>CLASS"));
            let (word, class) = line.split_once('\t').ok_or_else(bad)?;
            let flag = match class.trim() {
                "title" => TITLE,
                "role" => ROLE,
                "orgsuffix" => ORG_SUFFIX,
                "placesuffix" => PLACE_SUFFIX,
                "skip" => SKIP,
                "particle" => PARTICLE,
                _ => return Err(bad()),
            };
            let word = word.trim();
            r.cues.add(word, flag);
            r.names.add(word, flag);
            if let Some(&b) = word.as_bytes().first() {
                r.cue_lengths[usize::from(b)] |= length_bit(word.len());
            }
        }
        Ok(r)
    }

    /// Adds a given name or surname.
    fn add(&mut self, word: &str, flag: u16) {
        self.names.add(word, flag);
    }

    /// The classes of the word at `span` of `text`, as written.
    fn classes(&self, text: &str, span: Span) -> u16 {
        let h = crate::fold::exact_hash_in(text.as_bytes(), span.start, span.end);
        self.names.get_hashed(h)
    }

    /// The cue classes of `word` (title, role, suffixes, particle, skip).
    fn cue_classes(&self, word: &str) -> u16 {
        self.cues.get(word)
    }

    /// [`NameRules::cue_classes`] of the word at `span` of `text`, hashed
    /// where it lies.
    fn cue_classes_at(&self, text: &str, span: Span) -> u16 {
        if span.is_empty() || self.cue_lengths[usize::from(text.as_bytes()[span.start])] & length_bit(span.len()) == 0 {
            return 0;
        }
        self.cues.get_hashed(crate::fold::exact_hash_in(text.as_bytes(), span.start, span.end))
    }

    /// The per-token pass of [`find`] at token `i`: a capitalised free word
    /// gets its classes and is listed as a start, as is a one-letter
    /// initial. (Told by the case first: most tokens are lowercase words,
    /// numbers or punctuation, which open no name, and only the others read
    /// `taken`.)
    #[inline(always)]
    fn visit(&self, text: &str, i: usize, t: &Token, taken: &[bool], classes: &mut [u16], starts: &mut Vec<usize>) {
        match t.case {
            Case::Lower | Case::None => {}
            _ if taken[i] || t.kind != TokenKind::Word => {}
            Case::Title => {
                classes[i] = self.classes(text, t.span);
                starts.push(i);
            }
            _ if t.span.len() == 1 && text.as_bytes()[t.span.start].is_ascii_uppercase() => starts.push(i),
            _ => {}
        }
    }

    /// Adds the first word of a known person's name as a given name
    /// (`Volodymyr` from the gazetteer's Volodymyr Zelenskyy).
    pub(crate) fn add_given_from(&mut self, full_name: &str) {
        if let Some(first) = full_name.split_whitespace().next().filter(|w| w.chars().count() >= 2 && !w.ends_with('.'))
        {
            self.add(first, GIVEN);
        }
    }

    /// Is `word` a lowercase role noun (`aide`, `spokesman`, `envoy`)?
    pub(crate) fn is_role(&self, word: &str) -> bool {
        self.cue_classes(word) & ROLE != 0
    }

    pub(crate) fn embedded() -> Result<Self, Error> {
        Self::parse(DEFAULT_GIVEN_NAMES, DEFAULT_SURNAMES, DEFAULT_NAME_CUES)
    }
}

/// The bit of a word's length in [`NameRules::cue_lengths`].
fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

/// The words of a word list, one a line, trimmed, without blank lines and
/// `#` comments: each as its byte range in `list`. (`str::lines` then
/// `str::trim` give the same words at several times the cost: the lines are
/// short.)
fn list_words(list: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = list.as_bytes();
    crate::tsv::pieces(b, b'\n').filter_map(move |line| {
        // Most lines start and end with a visible ASCII character: nothing
        // to trim, and the line not sliced as a `str`.
        let word = if !line.is_empty() && b[line.start].is_ascii_graphic() && b[line.end - 1].is_ascii_graphic() {
            line
        } else {
            let trimmed = crate::tsv::trim_range(&list[line.clone()]);
            line.start + trimmed.start..line.start + trimmed.end
        };
        (!word.is_empty() && b[word.start] != b'#').then_some(word)
    })
}

/// A name found by a pattern or by coreference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundName {
    pub(crate) span: Span,
    pub(crate) token: usize,
    pub(crate) kind: EntityKind,
    /// Where the full name this mention refers to is written (for a surname,
    /// the full name introduced before).
    pub(crate) name: Span,
    pub(crate) coref: bool,
}

/// Room for the names found in an article of `tokens` tokens: one in 24
/// (the BBC corpus has one in 42), so that most articles' lists never grow
/// (a capacity only).
pub(crate) fn room_for_names(tokens: usize) -> usize {
    tokens / 24 + 8
}

/// Finds person and organisation names in capitalised runs that no earlier
/// mention covers (`taken[i]` is true for tokens inside gazetteer mentions),
/// then later mentions of those persons by surname. `known_surnames` maps
/// surnames of gazetteer persons already mentioned, which are left to the
/// gazetteer. Linear in the number of tokens.
pub(crate) fn find(rules: &NameRules, text: &str, analysis: &Analysis, taken: &[bool]) -> Vec<FoundName> {
    let toks = &analysis.tokens;
    let word = |i: usize| toks[i].text(text);
    // Is token `i` the word `w`? Compared as bytes, without the character
    // boundary tests of slicing the text.
    let word_is = |i: usize, w: &str| {
        let span = toks[i].span;
        // The lengths first: most words are not `w`.
        span.len() == w.len() && text.as_bytes().get(span.start..span.end) == Some(w.as_bytes())
    };
    // The classes of each capitalised word, looked up once, and the list of
    // the free words that can open a name (a capitalised word or a
    // one-letter initial): the loop below goes from one to the next and
    // never looks at the others. `SENTENCE_START` on each sentence's first
    // token, in the same array.
    // (Both in the thread's buffers, cleared.)
    let Scratch { mut classes, mut starts } = SCRATCH.take();
    classes.clear();
    classes.resize(toks.len(), 0);
    starts.clear();
    // Room for one start in four tokens, so that the list seldom grows (a
    // capacity only).
    starts.reserve(toks.len() / 4 + 4);
    // Four tokens at a time: four that open no name (as most do) are passed
    // over on one test of their cases or-ed (see `NO_NAME_CASES`).
    let mut fours = toks.chunks_exact(4);
    let mut at = 0;
    for four in fours.by_ref() {
        if let [a, b, c, d] = four
            && (a.case as u8 | b.case as u8 | c.case as u8 | d.case as u8) > NO_NAME_CASES
        {
            for (i, t) in (at..).zip(four) {
                rules.visit(text, i, t, taken, &mut classes, &mut starts);
            }
        }
        at += 4;
    }
    for (i, t) in (at..).zip(fours.remainder()) {
        rules.visit(text, i, t, taken, &mut classes, &mut starts);
    }
    for s in &analysis.sentences {
        if s.tokens.start < toks.len() {
            classes[s.tokens.start] |= SENTENCE_START;
        }
    }
    let sentence_start = |i: usize| classes[i] & SENTENCE_START != 0;
    let is_name_word =
        |i: usize| toks[i].kind == TokenKind::Word && toks[i].case == Case::Title && classes[i] & SKIP == 0;
    let has = |i: usize, flag: u16| classes[i] & flag != 0;
    let mut out: Vec<FoundName> = Vec::with_capacity(room_for_names(toks.len()));
    let mut surnames: FxHashMap<&str, Span> =
        FxHashMap::with_capacity_and_hasher(toks.len() / 128 + 4, Default::default());
    // `i` is the first token not yet read, `next` the first start not
    // passed over (starts are in token order).
    let mut i = 0;
    let mut next = 0;
    loop {
        while next < starts.len() && starts[next] < i {
            next += 1;
        }
        let Some(&at) = starts.get(next) else { break };
        i = at;
        // `M. Butcher`, `J. Smith`: an initial, its period, a name word.
        if toks[i].span.len() == 1
            && !taken[i]
            && toks[i].kind == TokenKind::Word
            && text.as_bytes()[toks[i].span.start].is_ascii_uppercase()
            && toks.get(i + 1).is_some_and(|t| t.text(text) == "." && !t.space_before)
            && toks.get(i + 2).is_some_and(|t| t.space_before)
            && i + 2 < toks.len()
            && is_name_word(i + 2)
            && !taken[i + 2]
            && !(i + 3 < toks.len() && is_name_word(i + 3) && toks[i + 3].space_before && !taken[i + 3])
        {
            let span = Span::new(toks[i].span.start, toks[i + 2].span.end);
            let name = span;
            surnames.entry(word(i + 2)).or_insert(name);
            out.push(FoundName { span, token: i, kind: EntityKind::Person, name, coref: false });
            i += 3;
            continue;
        }
        if taken[i] || !is_name_word(i) {
            // A surname introduced earlier: `Ushakov` after `Yuri Ushakov`.
            i += 1;
            continue;
        }
        // The run: name words joined by spaces, hyphens or particles.
        let start = i;
        let mut end = i + 1;
        while end < toks.len() && end - start < MAX_NAME_TOKENS * 2 {
            let t = &toks[end];
            if taken[end] || sentence_start(end) {
                break;
            }
            if is_name_word(end) && t.space_before {
                end += 1;
            } else {
                // A hyphen (`Jean-Pierre`) or a particle (`von der Leyen`)
                // joins when a name word follows (asked first: most runs end
                // before a lowercase word, and then the particle is not
                // looked up).
                let hyphen = || word(end) == "-" && !t.space_before;
                let particle = || rules.cue_classes_at(text, t.span) & PARTICLE != 0;
                let joins = end + 1 < toks.len()
                    && is_name_word(end + 1)
                    && !taken[end + 1]
                    && if toks[end + 1].space_before { particle() } else { hyphen() };
                if !joins {
                    break;
                }
                end += 2;
            }
        }
        i = end;
        // Strip leading titles: `President Ilham Aliyev`, `Prime Minister X`.
        // A hyphenated title goes too: `Secretary-General Kofi Annan`.
        let mut s = start;
        while s < end && (has(s, TITLE) || (s > start && word(s) == "-" && has(s - 1, TITLE))) {
            s += 1;
        }
        let titled = s > start;
        if s == end {
            continue;
        }
        let ntok = end - s;
        if has(end - 1, ORG_SUFFIX) && end - start >= 2 {
            // `National Security Council`: the whole run, titles included.
            let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
            let name = span;
            out.push(FoundName { span, token: start, kind: EntityKind::Org, name, coref: false });
            continue;
        }
        if has(end - 1, PLACE_SUFFIX) && end - start >= 2 {
            // `Wall Street`, `Heathrow Airport`: a place.
            let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
            let name = span;
            out.push(FoundName { span, token: start, kind: EntityKind::Loc, name, coref: false });
            continue;
        }
        // The cue before the run: a role noun or a title, perhaps with its
        // period (`adviser Yuri Ushakov`, `Sen. Bernie Sanders`).
        // (Asked last, only where the answer can change the outcome.)
        let cue_before = || {
            let p = if start > 0 && word_is(start - 1, ".") { start - 1 } else { start };
            p > 0 && rules.cue_classes_at(text, toks[p - 1].span) & (ROLE | TITLE) != 0
        };
        let given_first = ntok >= 2 && has(s, GIVEN);
        // A lone given name inside a sentence: `said Frankie`.
        let given_alone = ntok == 1 && !sentence_start(s) && has(s, GIVEN);
        // `Wasim Akram`: two name words, the second a known surname, the run
        // not opening the sentence and not led by a cue word of another kind.
        let surname_last = ntok == 2 && !sentence_start(s) && has(end - 1, SURNAME) && !has(s, ROLE | PARTICLE);
        // (Looked up once, and not at all before a surname is known.)
        let by_surname = if ntok == 1 && !surnames.is_empty() { surnames.get(word(s)).copied() } else { None };
        if let Some(name) = by_surname {
            let t = &toks[s];
            out.push(FoundName { span: t.span, token: s, kind: EntityKind::Person, name, coref: true });
            continue;
        }
        // A speech verb or a parenthesis right after two or three name words:
        // `Jane Doe said`, `Sandrine Testud (France) beat ...`.
        let cue_after = (2..=3).contains(&ntok)
            && !sentence_start(s)
            && toks.get(end).is_some_and(|t| {
                let w = t.text(text);
                w == "(" || AFTER_CUES.contains(&w)
            })
            // `Hélène Marchetti, who spent ...`: a relative `who` marks a
            // person, at the start of a sentence too.
            || (2..=3).contains(&ntok)
                && end + 1 < toks.len()
                && word_is(end, ",")
                && word_is(end + 1, "who");
        // Place cues: `in Kupiansk`, `near Velmar`, `Kupiansk-based`.
        // Not when a capitalised word the run stopped at follows (`in Port
        // Sudan`, where Sudan alone is known): the name is longer than the run.
        let cut_short = toks.get(end).is_some_and(|t| t.case.is_capitalised() && t.space_before);
        let place_before = !titled
            && ntok <= 3
            && s > 0
            && !given_first
            && !cut_short
            && PLACE_PREPOSITIONS.iter().any(|w| word_is(s - 1, w));
        let based_after = ntok <= 3
            && end < toks.len()
            && word_is(end, "-")
            && !toks[end].space_before
            && toks.get(end + 1).is_some_and(|t| t.text(text) == "based" && !t.space_before);
        if (place_before || based_after) && !cue_after && !cue_before() {
            let span = Span::new(toks[s].span.start, toks[end - 1].span.end);
            out.push(FoundName { span, token: s, kind: EntityKind::Loc, name: span, coref: false });
            continue;
        }
        if ntok > MAX_NAME_TOKENS
            || !(titled || given_first || given_alone || surname_last || cue_after || cue_before())
        {
            continue;
        }
        // A single word after a title is a surname (`Mr Smith`); a single
        // sentence-initial word with no cue is not a name.
        let span = Span::new(toks[s].span.start, toks[end - 1].span.end);
        let name = span;
        if ntok >= 2 {
            surnames.entry(word(end - 1)).or_insert(name);
        }
        out.push(FoundName { span, token: s, kind: EntityKind::Person, name, coref: false });
    }
    SCRATCH.set(Scratch { classes, starts });
    out
}

/// The per-token buffers of [`find`], kept from one article to the next on a
/// thread (see [`SCRATCH`]), so that their room is allocated once, not for
/// each article. Each is cleared before use: nothing in them carries over.
#[derive(Debug, Default)]
struct Scratch {
    classes: Vec<u16>,
    starts: Vec<usize>,
}

thread_local! {
    /// The buffers of the last article [`find`] read on this thread (they
    /// hold as much room as the largest article's: four bytes a token).
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes_keep_every_word_through_growth_and_match_as_written() {
        let mut t = WordClasses::new();
        let words: Vec<String> = (0..5000).map(|i| format!("Name{i}")).collect();
        for w in &words {
            t.add(w, GIVEN);
        }
        t.add("Name7", SURNAME);
        assert_eq!(t.len, 5000);
        assert!(4 * t.len <= 3 * t.slots.len());
        for w in &words {
            assert_ne!(t.get(w) & GIVEN, 0, "{w}");
        }
        assert_eq!(t.get("Name7"), GIVEN | SURNAME);
        // As written: another case or an unlisted word has no classes.
        assert_eq!(t.get("NAME7"), 0);
        assert_eq!(t.get("name7"), 0);
        assert_eq!(t.get("Name5000"), 0);
        assert_eq!(t.get(""), 0);
    }

    #[test]
    fn the_cue_filter_passes_every_cue_word() {
        let r = NameRules::embedded().unwrap();
        for (_, line) in crate::tsv::lines(DEFAULT_NAME_CUES) {
            let word = line.split_once('\t').unwrap().0.trim();
            let text = format!(", {word} .");
            let span = Span::new(2, 2 + word.len());
            assert_ne!(r.cue_classes_at(&text, span), 0, "{word}");
            assert_eq!(r.cue_classes_at(&text, span), r.cues.get(word), "{word}");
            // Words near the cue words, and a long one: the filter says
            // what the table says.
            let long = format!("{word}{}", "x".repeat(40));
            for other in [format!("{word}s"), word[..word.len() - 1].to_string(), word.to_uppercase(), long] {
                let text = format!("({other})");
                let span = Span::new(1, 1 + other.len());
                assert_eq!(r.cue_classes_at(&text, span), r.cues.get(&other), "{other}");
            }
        }
        // Punctuation starts no cue word.
        assert_eq!(r.cue_classes_at(", x", Span::new(0, 1)), 0);
    }

    /// The thread's buffers, reused, give what fresh ones give: each text
    /// alone on a new thread, then all of them in turn on one thread, a long
    /// one first so that the buffers hold another article's classes.
    #[test]
    fn reused_buffers_find_what_fresh_ones_find() {
        let rules = NameRules::embedded().unwrap();
        let tokenizer = gazette_tokenizer::Tokenizer::new();
        let long = "President Ilham Aliyev met Jane Doe and Mr Smith in Kupiansk. ".repeat(40);
        let texts = [
            long.as_str(),
            "Aliyev said so. Then Doe left, and Smith met J. Smith.",
            "",
            "Wasim Akram (Pakistan) beat Hélène Marchetti, who spent a week near Velmar.",
        ];
        let run = |text: &str| {
            let analysis = tokenizer.analyze(text);
            let taken = vec![false; analysis.tokens.len()];
            find(&rules, text, &analysis, &taken)
        };
        let fresh: Vec<Vec<FoundName>> =
            std::thread::scope(|s| texts.iter().map(|t| s.spawn(|| run(t)).join().unwrap()).collect());
        assert!(fresh.iter().any(|f| !f.is_empty()));
        for (text, fresh) in texts.iter().zip(&fresh) {
            assert_eq!(&run(text), fresh, "{text:?}");
        }
    }

    #[test]
    fn list_words_are_the_trimmed_lines_without_blanks_and_comments() {
        for list in [
            "# header\nAnna\nBob \r\n\n  Carl\t\nDe la Cruz\n#x\n \u{a0}Émile\u{2003}\n\u{b}Zoe\nlast",
            "",
            "\n\n",
            "one",
            "one\n",
            "  # indented comment\r\nx\r",
        ] {
            let slow: Vec<&str> =
                list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
            let fast: Vec<&str> = list_words(list).map(|r| &list[r]).collect();
            assert_eq!(fast, slow, "{list:?}");
        }
    }
}
