//! The gazetteer: entities with aliases, country, sector and dated roles,
//! read from TSV (format: `corpora/gazetteer/README.md`), and the trie that
//! finds their aliases in text.

use std::collections::hash_map::Entry;
use std::fmt;

use rustc_hash::FxHashMap;
use smol_str::SmolStr;

use crate::trie::{Trie, Walk};
use crate::{Date, Error, tsv};

/// The default gazetteer files, embedded at build time, in priority order:
/// when two entities share an alias and nothing in the article decides,
/// the earlier file wins.
pub const DEFAULT_GAZETTEER: [(&str, &str); 7] = [
    ("people.tsv", include_str!("../../../corpora/gazetteer/people.tsv")),
    ("organizations.tsv", include_str!("../../../corpora/gazetteer/organizations.tsv")),
    ("countries.tsv", include_str!("../../../corpora/gazetteer/countries.tsv")),
    ("regions.tsv", include_str!("../../../corpora/gazetteer/regions.tsv")),
    ("cities.tsv", include_str!("../../../corpora/gazetteer/cities.tsv")),
    ("cities-news.tsv", include_str!("../../../corpora/gazetteer/cities-news.tsv")),
    ("groups.tsv", include_str!("../../../corpora/gazetteer/groups.tsv")),
];

const HEADER: &str = "id\tkind\tname\taliases\tcountry\tsector\troles";

/// PLOVER actor sectors accepted in the `sector` column.
const SECTORS: [&str; 22] = [
    "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "BUS", "MED", "CVL", "IGO", "NGO", "REL", "EDU", "LAB",
    "HLH", "CRM", "SPY", "ELI", "AGR", "REF",
];

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PERSON")]
    Person,
    /// An organisation, including government bodies and metonyms (Kremlin).
    #[serde(rename = "ORG")]
    Org,
    /// A country, city or state: a place with a government.
    #[serde(rename = "GPE")]
    Gpe,
    /// Another place: region, sea, mountain range.
    #[serde(rename = "LOC")]
    Loc,
    /// A nationality or group; also the kind of a demonym mention (Russian).
    #[serde(rename = "NORP")]
    Norp,
}

impl EntityKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PERSON" => EntityKind::Person,
            "ORG" => EntityKind::Org,
            "GPE" => EntityKind::Gpe,
            "LOC" => EntityKind::Loc,
            "NORP" => EntityKind::Norp,
            _ => return None,
        })
    }
}

/// How an alias's case must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// As written, or all in capitals (headlines).
    Title,
    /// Exactly as written.
    Exact,
    /// Any case.
    Any,
    /// As written, and only with context that supports it.
    Context,
}

/// A date that may be known only to the month or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    fn parse(s: &str) -> Option<Self> {
        let num = |p: &str| p.bytes().all(|c| c.is_ascii_digit()).then(|| p.parse::<u16>().ok()).flatten();
        // The parts between `-`s, without collecting them: at most two, or
        // `None` for more.
        let mut parts = tsv::split(s, b'-');
        let parts = match (parts.next(), parts.next(), parts.next()) {
            (Some(y), None, _) => Some((y, None)),
            (Some(y), Some(m), None) => Some((y, Some(m))),
            _ => None,
        };
        match parts {
            Some((y, None)) if y.len() == 4 => Some(PartialDate { year: num(y)?, month: None, day: None }),
            Some((y, Some(m))) if y.len() == 4 && m.len() == 2 => {
                let month = num(m)? as u8;
                (1..=12).contains(&month).then_some(PartialDate { year: num(y)?, month: Some(month), day: None })
            }
            _ => {
                let d = Date::parse(s)?;
                Some(PartialDate { year: d.year, month: Some(d.month), day: Some(d.day) })
            }
        }
    }

    /// Is `d` on or after the start of this (partial) date?
    fn starts_by(&self, d: Date) -> bool {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)) <= (d.year, d.month, d.day)
    }

    /// Is `d` before the end of this (partial) date? An office held "to
    /// 2021-01-20" is no longer held on that day.
    fn ends_after(&self, d: Date) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(day)) => (d.year, d.month, d.day) < (self.year, m, day),
            (Some(m), None) => (d.year, d.month) <= (self.year, m),
            _ => d.year <= self.year,
        }
    }
}

/// An office held over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// ISO alpha-3 country, or an organisation's acronym for IGO roles.
    pub country: String,
    /// PLOVER sector.
    pub sector: String,
    /// `president`, `foreign minister`, ...
    pub title: String,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
}

impl Role {
    /// Whether the role was held on `d`.
    pub fn held_on(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f.starts_by(d)) && self.to.is_none_or(|t| t.ends_after(d))
    }

    /// Whether the role is still held (no end date).
    pub fn is_current(&self) -> bool {
        self.to.is_none()
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id: `gpe:RUS`, `person:vladimir-putin`.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// ISO alpha-3 country, if any.
    pub country: Option<String>,
    /// PLOVER sector, if any.
    pub sector: Option<String>,
    /// Dated roles (people).
    pub roles: Vec<Role>,
}

/// Country and sector of an actor on a date, and the CAMEO-style code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// ISO alpha-3 country (or an IGO acronym), if any.
    pub country: Option<SmolStr>,
    /// PLOVER sector, if any.
    pub sector: Option<SmolStr>,
    /// Country and sector run together: `USAGOV`, `RUS`, `IGO`.
    pub code: Option<SmolStr>,
}

impl Actor {
    /// The CAMEO-style code of a country and sector: `USAGOV`, `RUS`,
    /// `IGONATO` for an IGO role, the sector alone without a country.
    pub fn code_of(country: Option<&str>, sector: Option<&str>) -> Option<SmolStr> {
        match (country, sector) {
            (Some(c), Some("IGO")) => Some(smol_str::format_smolstr!("IGO{c}")),
            (Some(c), Some(s)) => Some(smol_str::format_smolstr!("{c}{s}")),
            (Some(c), None) => Some(c.into()),
            (None, Some(s)) => Some(s.into()),
            (None, None) => None,
        }
    }
}

impl Entity {
    /// The entity as an actor on `date`: the first listed role held on that
    /// date (without a date, the first still held), otherwise the entity's own
    /// country and sector. List a person's main office first.
    pub fn actor(&self, date: Option<Date>) -> Actor {
        let role = match date {
            Some(d) => self.roles.iter().find(|r| r.held_on(d)),
            None => self.roles.iter().find(|r| r.is_current()),
        };
        let (country, sector) = match role {
            Some(r) => (Some(SmolStr::new(&r.country)), Some(SmolStr::new(&r.sector))),
            // A person whose roles are all outside the date is a civilian then.
            None if !self.roles.is_empty() => (self.country.as_deref().map(SmolStr::new), None),
            None => (self.country.as_deref().map(SmolStr::new), self.sector.as_deref().map(SmolStr::new)),
        };
        let code = Actor::code_of(country.as_deref(), sector.as_deref());
        Actor { country, sector, code }
    }
}

/// One alias of one entity.
#[derive(Debug, Clone)]
pub(crate) struct Alias {
    /// Where its text lies in the text of all aliases, end to end (see
    /// [`Gazetteer::alias_text`]): aliases are thousands of short strings.
    start: u32,
    end: u32,
    pub(crate) rule: CaseRule,
    /// A demonym: its mentions are of kind NORP.
    pub(crate) norp: bool,
    pub(crate) entity: u32,
}

impl Alias {
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A problem found in a gazetteer file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's name as given.
    pub source: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// Whether the file cannot be used (`false`: a warning, such as an alias
    /// shared by two entities).
    pub fatal: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = if self.fatal { "error" } else { "warning" };
        write!(f, "{}:{}: {sev}: {}", self.source, self.line, self.message)
    }
}

/// Builds a [`Gazetteer`] from TSV sources.
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    /// The text of the aliases, end to end, in order.
    alias_text: String,
    problems: Vec<Problem>,
    /// The names of the sources added, for the places in problems.
    sources: Vec<String>,
    /// Where each id was first given: source (index into `sources`) and line.
    /// (The keys are `SmolStr`s: most are short enough to need no
    /// allocation.)
    ids: FxHashMap<SmolStr, (u32, usize)>,
    /// The aliases' texts in lowercase: their keys, and the entity each
    /// names first.
    lower: LowerTexts,
    /// The key of each alias of `aliases` (a number of `lower`).
    alias_keys: Vec<u32>,
}

/// The texts of the aliases in lowercase, each once, found by their hash:
/// an alias's key (its text in ASCII lowercase, which the trie and the table
/// of first words are built from), numbered in the order first met, and the
/// entity that first gave a text as its alias in lowercase (Unicode: the
/// same text for an ASCII alias), for the warning on a shared alias. No
/// stored text has an ASCII capital, so that a text compared with them
/// ignoring ASCII case is compared in ASCII lowercase.
#[derive(Debug, Default)]
struct LowerTexts {
    /// The texts, end to end.
    text: String,
    entries: Vec<LowerText>,
    /// The index + 1 in `entries` of the text whose hash's top bits pick
    /// the slot (or the next free one); 0 for a free slot. A power of two
    /// long, at most three quarters full (or empty).
    slots: Vec<u32>,
    /// The entry of each key, by its number.
    keys: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct LowerText {
    /// Its [`crate::fold::word_hash`] (which ignores ASCII case).
    hash: u64,
    start: u32,
    end: u32,
    /// Its number as a key, or [`LowerText::NONE`] when no alias has it in
    /// ASCII lowercase.
    key: u32,
    /// The entity that first gave it (or [`LowerText::NONE`]), the source
    /// (index into `sources`) and the line.
    owner: (u32, u32, usize),
}

impl LowerText {
    const NONE: u32 = u32::MAX;

    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl LowerTexts {
    /// Room for `n` more texts.
    fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
        self.keys.reserve(n);
        self.grow_to(self.entries.len() + n);
    }

    /// Slots for `n` texts (at most three quarters full).
    fn grow_to(&mut self, n: usize) {
        let mut len = self.slots.len().max(16);
        while 4 * n > 3 * len {
            len *= 2;
        }
        if len == self.slots.len() {
            return;
        }
        self.slots = crate::fold::written_zeros(len);
        for (i, e) in self.entries.iter().enumerate() {
            let mut at = slot_of(e.hash, len);
            while self.slots[at] != 0 {
                at = (at + 1) & (len - 1);
            }
            self.slots[at] = i as u32 + 1;
        }
    }

    /// The index in `entries` of `s` in ASCII lowercase, added when new.
    fn entry(&mut self, s: &str) -> usize {
        if 4 * (self.entries.len() + 1) > 3 * self.slots.len() {
            self.grow_to(self.entries.len() + 1);
        }
        // (`word_hash` ignores ASCII case: `s` is hashed as it is.)
        let hash = crate::fold::word_hash(s.as_bytes());
        let mask = self.slots.len() - 1;
        let mut at = slot_of(hash, self.slots.len());
        while let Some(i) = self.slots[at].checked_sub(1) {
            let e = &self.entries[i as usize];
            if e.hash == hash && self.text[e.range()].eq_ignore_ascii_case(s) {
                return i as usize;
            }
            at = (at + 1) & mask;
        }
        let start = self.text.len();
        self.text.push_str(s);
        self.text[start..].make_ascii_lowercase();
        let none = LowerText::NONE;
        let (start, end) = (start as u32, self.text.len() as u32);
        self.entries.push(LowerText { hash, start, end, key: none, owner: (none, 0, 0) });
        self.slots[at] = self.entries.len() as u32;
        self.entries.len() - 1
    }

    /// The number of the key of the entry `i`, given one when it has none.
    fn key(&mut self, i: usize) -> u32 {
        if self.entries[i].key == LowerText::NONE {
            self.entries[i].key = self.keys.len() as u32;
            self.keys.push(i as u32);
        }
        self.entries[i].key
    }

    /// The entity that first gave `text` in lowercase (Unicode), with its
    /// source and line: `owner` when none has; `key` is the entry of the
    /// text's key.
    fn owner(&mut self, text: &str, key: usize, owner: (u32, u32, usize)) -> (u32, u32, usize) {
        // (The same entry for ASCII text, without the Unicode tables.)
        let i = if text.is_ascii() { key } else { self.entry(&text.to_lowercase()) };
        let first = &mut self.entries[i].owner;
        if first.0 == LowerText::NONE {
            *first = owner;
        }
        *first
    }

    /// The text of key `k`.
    fn key_text(&self, k: usize) -> &str {
        &self.text[self.entries[self.keys[k] as usize].range()]
    }
}

/// The slot of a hash among `len` (a power of two): its top bits.
fn slot_of(hash: u64, len: usize) -> usize {
    (hash >> (64 - len.trailing_zeros())) as usize
}

impl GazetteerBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the embedded default gazetteer.
    pub fn add_default(mut self) -> Self {
        // (Room for all the files at once: the tables grow neither row by
        // row nor file by file.)
        self.reserve_for(DEFAULT_GAZETTEER.map(|(_, text)| text));
        for (name, text) in DEFAULT_GAZETTEER {
            self.add_rows(name, text);
        }
        self
    }

    /// Adds one TSV source, named `name` in problems. Bad rows are skipped
    /// and reported; see [`GazetteerBuilder::problems`].
    pub fn add_source(&mut self, name: &str, text: &str) -> &mut Self {
        self.reserve_for([text]);
        self.add_rows(name, text)
    }

    /// Room for the rows and aliases of the sources `texts`: every line a
    /// row and every `|` one more alias (bounds, so that the tables do not
    /// grow row by row).
    fn reserve_for<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) {
        let (mut rows, mut aliases) = (0, 0);
        for text in texts {
            let lines = tsv::count_byte(text.as_bytes(), b'\n') + 1;
            rows += lines;
            aliases += lines + tsv::count_byte(text.as_bytes(), b'|');
        }
        self.entities.reserve(rows);
        self.ids.reserve(rows);
        self.aliases.reserve(aliases);
        self.alias_keys.reserve(aliases);
        self.lower.reserve(aliases);
    }

    /// [`GazetteerBuilder::add_source`] once its room is reserved.
    fn add_rows(&mut self, name: &str, text: &str) -> &mut Self {
        let mut header_seen = false;
        self.sources.push(name.to_string());
        for (line_no, line) in crate::tsv::lines(text) {
            if !header_seen {
                header_seen = true;
                if line != HEADER {
                    self.problem(name, line_no, format!("the header must be {HEADER:?}"), true);
                    return self;
                }
                continue;
            }
            if let Err(message) = self.add_row(name, line_no, line) {
                self.problem(name, line_no, message, true);
            }
        }
        self
    }

    fn problem(&mut self, source: &str, line: usize, message: String, fatal: bool) {
        self.problems.push(Problem { source: source.to_string(), line, message, fatal });
    }

    fn add_row(&mut self, source: &str, line: usize, row: &str) -> Result<(), String> {
        let Some([id, kind, name, aliases, country, sector, roles]) = tsv::fields(row) else {
            return Err(format!("expected 7 tab-separated columns, found {}", row.split('\t').count()));
        };
        let (id, name) = (tsv::trim(id), tsv::trim(name));
        check_id(id)?;
        let kind = EntityKind::parse(tsv::trim(kind)).ok_or_else(|| format!("unknown kind {kind:?}"))?;
        if name.is_empty() {
            return Err("empty name".into());
        }
        let country = match tsv::trim(country) {
            "" => None,
            c if is_alpha3(c) => Some(c.to_string()),
            c => return Err(format!("country {c:?} is not an ISO 3166-1 alpha-3 code")),
        };
        let sector = match tsv::trim(sector) {
            "" => None,
            s if SECTORS.contains(&s) => Some(s.to_string()),
            s => return Err(format!("unknown sector {s:?}")),
        };
        // (Most rows have none.)
        let roles = match tsv::trim(roles) {
            "" => Vec::new(),
            roles => tsv::split(roles, b';')
                .map(tsv::trim)
                .filter(|r| !r.is_empty())
                .map(parse_role)
                .collect::<Result<Vec<_>, _>>()?,
        };
        let here = self.sources.len() as u32 - 1;
        match self.ids.entry(SmolStr::new(id)) {
            Entry::Occupied(o) => {
                let (src, l) = *o.get();
                return Err(format!("duplicate id {id:?} (first at {}:{l})", self.sources[src as usize]));
            }
            Entry::Vacant(v) => {
                v.insert((here, line));
            }
        }
        let index = self.entities.len() as u32;
        // The aliases of this row, pushed so far.
        let first_alias = self.aliases.len();
        // The aliases first: an alias that repeats the name with a case rule
        // (`Jordan{ctx}`) sets the rule for the name too.
        for raw in tsv::split(aliases, b'|').chain(std::iter::once(name)) {
            let (text, rule, norp) = parse_alias(raw)?;
            if text.is_empty() || self.aliases[first_alias..].iter().any(|a| &self.alias_text[a.range()] == text) {
                continue;
            }
            // The key, and the text in lowercase that names the owner: the
            // same for ASCII text (looked up once, without the Unicode tables).
            let key = self.lower.entry(text);
            let key_number = self.lower.key(key);
            self.alias_keys.push(key_number);
            match self.lower.owner(text, key, (index, here, line)) {
                (other, src, l) if other != index => {
                    let other_id = &self.entities[other as usize].id;
                    let src = &self.sources[src as usize];
                    let message =
                        format!("alias {text:?} also names {other_id} ({src}:{l}); context or file order decides");
                    self.problem(source, line, message, false);
                }
                _ => {}
            }
            let start = self.alias_text.len() as u32;
            self.alias_text.push_str(text);
            self.aliases.push(Alias { start, end: self.alias_text.len() as u32, rule, norp, entity: index });
        }
        self.entities.push(Entity { id: id.to_string(), kind, name: name.to_string(), country, sector, roles });
        Ok(())
    }

    /// Problems found so far, in the order met.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The gazetteer. Fails if any source had a fatal problem.
    pub fn build(self) -> Result<Gazetteer, Error> {
        if let Some(p) = self.problems.iter().find(|p| p.fatal) {
            return Err(Error::Gazetteer(p.to_string()));
        }
        Ok(Gazetteer::new(self.entities, self.aliases, self.alias_text, &self.lower, &self.alias_keys))
    }
}

fn check_id(id: &str) -> Result<(), String> {
    // (The first `:` found as a byte: `split_once` runs a character search.)
    let Some(colon) = id.bytes().position(|b| b == b':') else {
        return Err(format!("id {id:?} must look like prefix:slug"));
    };
    let (prefix, slug) = (&id.as_bytes()[..colon], &id.as_bytes()[colon + 1..]);
    let prefix_ok = !prefix.is_empty() && prefix.iter().all(|c| c.is_ascii_lowercase());
    let slug_ok = !slug.is_empty() && slug.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.');
    if prefix_ok && slug_ok { Ok(()) } else { Err(format!("bad id {id:?}")) }
}

fn is_alpha3(c: &str) -> bool {
    c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())
}

fn parse_alias(raw: &str) -> Result<(&str, CaseRule, bool), String> {
    let mut text = tsv::trim(raw);
    let mut rule = None;
    let mut norp = false;
    while let Some(open) = text.ends_with('}').then(|| text.rfind('{')).flatten() {
        match &text[open + 1..text.len() - 1] {
            "exact" => rule = Some(CaseRule::Exact),
            "any" => rule = Some(CaseRule::Any),
            "ctx" => rule = Some(CaseRule::Context),
            "norp" => norp = true,
            other => return Err(format!("unknown alias rule {{{other}}} in {raw:?}")),
        }
        text = text[..open].trim_end();
    }
    let rule = rule.unwrap_or_else(|| {
        // (The ASCII tests are the `char` ones on ASCII text, without the
        // Unicode tables.)
        // Letters of each case counted in one pass, and the bytes or-ed
        // together: ASCII when the high bit stays clear.
        let (mut upper, mut lower, mut bits) = (0, 0, 0);
        for &c in text.as_bytes() {
            upper += usize::from(c.is_ascii_uppercase());
            lower += usize::from(c.is_ascii_lowercase());
            bits |= c;
        }
        let (letters, caps) = if bits.is_ascii() {
            (upper + lower, upper > 0 && lower == 0)
        } else {
            let caps = text.chars().any(char::is_uppercase) && !text.chars().any(char::is_lowercase);
            (text.chars().filter(|c| c.is_alphabetic()).count(), caps)
        };
        if letters <= 3 || caps { CaseRule::Exact } else { CaseRule::Title }
    });
    Ok((text, rule, norp))
}

fn parse_role(r: &str) -> Result<Role, String> {
    let Some(parts) = tsv::split_n::<5>(r, b'/') else {
        return Err(format!("role {r:?} must be COUNTRY/SECTOR/title/FROM/TO"));
    };
    let [country, sector, title, from, to] = parts.map(tsv::trim);
    if country.is_empty() || !country.bytes().all(|c| c.is_ascii_uppercase()) {
        return Err(format!("role {r:?}: bad country or organisation {country:?}"));
    }
    if !SECTORS.contains(&sector) {
        return Err(format!("role {r:?}: unknown sector {sector:?}"));
    }
    let date = |s: &str| -> Result<Option<PartialDate>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        PartialDate::parse(s).map(Some).ok_or_else(|| format!("role {r:?}: bad date {s:?}"))
    };
    let (from, to) = (date(from)?, date(to)?);
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(format!("role {r:?} ends before it starts"));
    }
    Ok(Role { country: country.to_string(), sector: sector.to_string(), title: title.to_string(), from, to })
}

/// What the gazetteer knows of a word that starts aliases.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FirstWord {
    pub(crate) flags: u8,
    /// The key of the one-token alias that is this word (`u32::MAX` when
    /// there is none): the match when no longer alias starts with it (no
    /// trie search), or when the search finds none here (the trie holds no
    /// one-token key).
    pub(crate) single: u32,
    /// The trie's search read through this word, where the search for the
    /// longest alias at a token that is this word takes up (for an ASCII
    /// word that starts a longer alias; a search from the start for the
    /// others).
    pub(crate) walk: Walk,
}

impl FirstWord {
    const NONE: FirstWord = FirstWord { flags: 0, single: u32::MAX, walk: Walk::START };
    /// Some alias starts with this word.
    pub(crate) const STARTS: u8 = 1;
    /// Such an alias can match in lowercase.
    pub(crate) const LOWER: u8 = 2;
    /// Some alias starting with it is longer than this one token.
    pub(crate) const LONGER: u8 = 4;
}

/// Entities and a trie over their aliases. Built once, shared by all
/// threads.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub(crate) entities: Vec<Entity>,
    pub(crate) aliases: Vec<Alias>,
    /// The text of the aliases, end to end.
    alias_text: String,
    /// Key k is the ASCII-lowercase text shared by the aliases
    /// [`Gazetteer::pattern`]`(k)`: `pattern_aliases[pattern_starts[k] ..
    /// pattern_starts[k + 1]]`.
    pub(crate) pattern_starts: Vec<u32>,
    pub(crate) pattern_aliases: Vec<u32>,
    /// The keys a search can find (those of more than one token, or not
    /// ASCII), each with its number: searched anchored at a token start for
    /// the longest key there.
    pub(crate) trie: Trie,
    /// The first token of every alias, lowercased, that is not ASCII: bit 0
    /// set when some alias starts with it, bit 1 when such an alias can match
    /// in lowercase (written so, or matching in any case). Tokens that start
    /// no alias are never searched.
    pub(crate) first_words: FxHashMap<Box<[u8]>, FirstWord>,
    /// The ASCII first words (lowercased), by [`crate::fold::word_hash`],
    /// with where the word to compare lies in `first_text`: the fast path
    /// for most tokens (see [`Gazetteer::first_word_ascii`]).
    first_words_ascii: FxHashMap<u64, (FirstWord, u32, u32)>,
    /// The ASCII first words, end to end.
    first_text: Vec<u8>,
    /// The hashes of the ASCII first words, in front of the table, and 0
    /// (the hash of every token that is not a word, see
    /// [`crate::fold::word_hashes`]).
    pub(crate) first_bloom: crate::fold::Bloom,
    /// Bytes a token may start with and still start an alias: a lowercase
    /// ASCII letter that starts a first word matching in lowercase, any
    /// other byte that starts a first word (ASCII case ignored). One read
    /// passes over most tokens.
    pub(crate) start_bytes: [bool; 256],
    /// The first two bytes of a token that may start an alias, by
    /// [`start_pair`]: the first byte must start a first word (ASCII case
    /// ignored; a lowercase ASCII letter only for a first word matching in
    /// lowercase), and the second (ASCII case ignored) must follow it in
    /// such a word. A second byte that is not ASCII always may; after a first
    /// byte that is a one-byte first word, any byte may (the byte after a
    /// one-byte token is not its own). Asked of the tokens that pass the
    /// first scan of `entities::find` (on `start_bytes`, or on the shared
    /// word hashes and `first_bloom`): many fail here, before the table of
    /// first words is read.
    pub(crate) start_pairs: crate::fold::Bloom,
}

/// The bit of [`Gazetteer::start_pairs`] for a token starting at byte
/// `start` of `text` (the byte after it 0 at the end of the text).
#[inline]
pub(crate) fn start_pair(text: &[u8], start: usize) -> usize {
    usize::from(text[start]) << 8 | usize::from(text.get(start + 1).copied().unwrap_or(0))
}

impl Gazetteer {
    /// The embedded default gazetteer.
    pub fn default_gazetteer() -> Result<Gazetteer, Error> {
        GazetteerBuilder::new().add_default().build()
    }

    /// The gazetteer of `aliases`, whose keys (their texts in ASCII
    /// lowercase, numbered in the order first met) are `key_of` in `lower`.
    fn new(
        entities: Vec<Entity>,
        aliases: Vec<Alias>,
        alias_text: String,
        lower: &LowerTexts,
        key_of: &[u32],
    ) -> Gazetteer {
        let keys: Vec<&str> = (0..lower.keys.len()).map(|k| lower.key_text(k)).collect();
        // The aliases of each key, in alias order, one run a key.
        let mut pattern_starts = vec![0u32; keys.len() + 1];
        for &k in key_of {
            pattern_starts[k as usize + 1] += 1;
        }
        for k in 0..keys.len() {
            pattern_starts[k + 1] += pattern_starts[k];
        }
        let mut pattern_aliases = vec![0u32; aliases.len()];
        let mut next = pattern_starts.clone();
        for (i, &k) in key_of.iter().enumerate() {
            pattern_aliases[next[k as usize] as usize] = i as u32;
            next[k as usize] += 1;
        }
        let mut first_words: FxHashMap<Box<[u8]>, FirstWord> = FxHashMap::default();
        let mut first_words_ascii: FxHashMap<u64, (FirstWord, u32, u32)> =
            FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
        let mut first_text = Vec::new();
        // Whether each key is its first word alone (a single-token ASCII
        // alias), as its first alias says; `None` for a key without a word.
        let mut key_single: Vec<Option<bool>> = vec![None; keys.len()];
        for (a, &key) in aliases.iter().zip(key_of) {
            let (at, text) = (a.start as usize, &alias_text[a.range()]);
            // The alias in ASCII lowercase: its key.
            let lower_text = keys[key as usize].as_bytes();
            let (mut word, mut count) = (None, 0);
            tsv::for_each_token(text, |r| {
                word.get_or_insert(r);
                count += 1;
            });
            let Some(word) = word else { continue };
            // An ASCII first word is lowercased in the key already; another
            // is looked up in `first_words`, unless its lowercase is ASCII.
            let unicode = (!text[word.clone()].is_ascii()).then(|| text[word.clone()].to_lowercase());
            let fw = match unicode {
                Some(u) if !u.is_ascii() => first_words.entry(u.into_bytes().into()).or_insert(FirstWord::NONE),
                u => {
                    // (Hashed where it lies in the text of the aliases, eight
                    // bytes at a time: `word_hash` ignores ASCII case.)
                    let (from, to) = (at + word.start, at + word.end);
                    let (w, h) = match &u {
                        Some(u) => (u.as_bytes(), crate::fold::word_hash(u.as_bytes())),
                        None => (&lower_text[word], crate::fold::word_hash_in(alias_text.as_bytes(), from, to)),
                    };
                    &mut first_words_ascii
                        .entry(h)
                        .or_insert_with(|| {
                            first_text.extend_from_slice(w);
                            (FirstWord::NONE, (first_text.len() - w.len()) as u32, first_text.len() as u32)
                        })
                        .0
                }
            };
            let lowercase = a.rule == CaseRule::Any || text.starts_with(|c: char| c.is_lowercase());
            let single = count == 1 && text.is_ascii();
            fw.flags |= FirstWord::STARTS | (u8::from(lowercase) * FirstWord::LOWER);
            if single {
                fw.single = key;
            } else {
                fw.flags |= FirstWord::LONGER;
            }
            key_single[key as usize].get_or_insert(single);
        }
        // The trie holds only the keys a search can find: those of more than
        // one token (or not ASCII). A word that starts no longer alias is
        // settled by `single` without a search, and when a search finds
        // nothing, by `single` again, so single-token keys stay out. The keys
        // are in ASCII lowercase; the trie folds the text's ASCII capitals
        // as it reads them (see `Trie::longest_prefix_from`).
        let trie =
            Trie::new((0..keys.len()).filter(|&k| key_single[k] != Some(true)).map(|k| (keys[k].as_bytes(), k as u32)));
        // Where the search for a longer alias takes up after an ASCII first
        // word: the token is that word, ASCII case aside.
        for (fw, s, e) in first_words_ascii.values_mut() {
            if fw.flags & FirstWord::LONGER != 0 {
                fw.walk = trie.walk(&first_text[*s as usize..*e as usize]);
            }
        }
        let mut first_bloom = crate::fold::Bloom::default();
        for &h in first_words_ascii.keys() {
            first_bloom.insert(h);
        }
        // And 0, the hash `word_hashes` gives the tokens that are not words,
        // so that the entity stage's scan passes them on to their first byte.
        first_bloom.insert(0);
        let mut lower_first_bytes = [false; 256];
        let mut first_bytes = [false; 256];
        // Every first word: the ASCII ones (kept in `first_text`) and the others.
        let all_first_words = || {
            let ascii = first_words_ascii.values().map(|&(fw, s, e)| (&first_text[s as usize..e as usize], fw));
            ascii.chain(first_words.iter().map(|(w, &fw)| (&**w, fw)))
        };
        for (w, FirstWord { flags, .. }) in all_first_words() {
            let Some(&b) = w.first() else { continue };
            first_bytes[b.to_ascii_lowercase() as usize] = true;
            if flags & FirstWord::LOWER != 0 {
                lower_first_bytes[b as usize] = true;
            }
        }
        let start_bytes: [bool; 256] = std::array::from_fn(|b| match b as u8 {
            c if c.is_ascii_lowercase() => lower_first_bytes[b],
            c => first_bytes[c.to_ascii_lowercase() as usize],
        });
        let mut start_pairs = crate::fold::Bloom::default();
        let set_all = |pairs: &mut crate::fold::Bloom, b0: u8, from: u8| {
            for b1 in from..=u8::MAX {
                pairs.set(usize::from(b0) << 8 | usize::from(b1));
            }
        };
        for b0 in (0..=u8::MAX).filter(|&b| start_bytes[usize::from(b)]) {
            // Not ASCII, at either byte: not filtered further.
            set_all(&mut start_pairs, b0, if b0.is_ascii() { 0x80 } else { 0 });
        }
        for (w, FirstWord { flags, .. }) in all_first_words() {
            let Some(&b) = w.first().filter(|b| b.is_ascii()) else { continue };
            // The token's first byte: the key's (a lowercase letter only for a
            // word matching in lowercase), or its capital.
            let as_key = (!b.is_ascii_lowercase() || flags & FirstWord::LOWER != 0) && start_bytes[usize::from(b)];
            let capital = b.is_ascii_lowercase() && start_bytes[usize::from(b.to_ascii_uppercase())];
            let firsts = [as_key.then_some(b), capital.then(|| b.to_ascii_uppercase())];
            for b0 in firsts.into_iter().flatten() {
                match w.get(1) {
                    None => set_all(&mut start_pairs, b0, 0),
                    Some(&c) => {
                        for b1 in [c, c.to_ascii_uppercase()] {
                            start_pairs.set(usize::from(b0) << 8 | usize::from(b1));
                        }
                    }
                }
            }
        }
        Gazetteer {
            entities,
            aliases,
            alias_text,
            pattern_starts,
            pattern_aliases,
            trie,
            first_words,
            first_words_ascii,
            first_text,
            first_bloom,
            start_bytes,
            start_pairs,
        }
    }

    /// The text of an alias, as written.
    pub(crate) fn alias_text(&self, a: &Alias) -> &str {
        &self.alias_text[a.range()]
    }

    /// What the gazetteer knows of the ASCII first word of [`word_hash`]
    /// `h`, and the word (lowercase) to compare, if any has that hash: the
    /// first words' text from that word on, and the word's length. (The
    /// text runs on past the word, so that a short word can be read eight
    /// bytes at once.)
    ///
    /// [`word_hash`]: crate::fold::word_hash
    pub(crate) fn first_word_ascii(&self, h: u64) -> Option<(FirstWord, &[u8], usize)> {
        let &(fw, s, e) = self.first_words_ascii.get(&h)?;
        Some((fw, &self.first_text[s as usize..], (e - s) as usize))
    }

    /// Every first word (lowercase), ASCII or not, for tests that must try
    /// them all.
    #[cfg(test)]
    pub(crate) fn all_first_words(&self) -> Vec<&[u8]> {
        let ascii = self.first_words_ascii.values().map(|&(_, s, e)| &self.first_text[s as usize..e as usize]);
        ascii.chain(self.first_words.keys().map(|w| &**w)).collect()
    }

    /// The aliases (indices into `aliases`) whose key is key `k`.
    pub(crate) fn pattern(&self, k: usize) -> &[u32] {
        &self.pattern_aliases[self.pattern_starts[k] as usize..self.pattern_starts[k + 1] as usize]
    }

    /// All entities, in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with id `id`.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Number of aliases.
    pub fn alias_count(&self) -> usize {
        self.aliases.len()
    }

    /// Heap bytes used by the structure that finds aliases of more than one
    /// token: a byte trie.
    pub fn trie_bytes(&self) -> usize {
        self.trie.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "id\tkind\tname\taliases\tcountry\tsector\troles\n";

    #[test]
    fn rows_and_roles_parse() {
        let src = format!(
            "{H}person:a-b\tPERSON\tAnna Bell\tBell|A. Bell{{exact}}\tGBR\tGOV\tGBR/GOV/prime minister/2020-01-05/2024-07;GBR/LEG/member/2010/\n"
        );
        let mut b = GazetteerBuilder::new();
        b.add_source("t.tsv", &src);
        assert!(b.problems().is_empty(), "{:?}", b.problems());
        let g = b.build().unwrap();
        let e = &g.entities()[0];
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(e.actor(Some(d("2023-05-01"))).code.as_deref(), Some("GBRGOV"));
        assert_eq!(e.actor(Some(d("2024-07-31"))).code.as_deref(), Some("GBRGOV"));
        assert_eq!(e.actor(Some(d("2024-08-01"))).code.as_deref(), Some("GBRLEG"));
        assert_eq!(e.actor(Some(d("2009-01-01"))).code.as_deref(), Some("GBR"));
        assert_eq!(g.alias_count(), 3);
    }

    #[test]
    fn problems_carry_line_numbers() {
        let src = format!(
            "# comment\n{H}gpe:XXX\tGPE\tX\t\tXX\t\t\nbad id\tGPE\tY\t\t\t\t\ngpe:YYY\tGPE\tY\tYland\tYYY\tGOV\tYYY/GOV/king/2020-13/\ngpe:ZZZ\tGPE\tZ\tYland\tZZZ\t\t\ngpe:ZZZ\tGPE\tZ2\t\t\t\t\n"
        );
        let mut b = GazetteerBuilder::new();
        b.add_source("t.tsv", &src);
        let got: Vec<String> = b.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            got,
            [
                "t.tsv:3: error: country \"XX\" is not an ISO 3166-1 alpha-3 code",
                "t.tsv:4: error: id \"bad id\" must look like prefix:slug",
                "t.tsv:5: error: role \"YYY/GOV/king/2020-13/\": bad date \"2020-13\"",
                "t.tsv:7: error: duplicate id \"gpe:ZZZ\" (first at t.tsv:6)",
            ]
        );
        assert!(b.build().is_err());
    }

    #[test]
    fn shared_aliases_are_warnings() {
        let src = format!("{H}gpe:GEO\tGPE\tGeorgia\t\tGEO\t\t\ngpe:US-GA\tGPE\tGeorgia{{ctx}}\t\tUSA\t\t\n");
        let mut b = GazetteerBuilder::new();
        b.add_source("t.tsv", &src);
        assert_eq!(b.problems().len(), 1);
        assert!(!b.problems()[0].fatal);
        assert!(b.build().is_ok());
    }

    /// Keys and owners as maps of strings give them, on every text of up
    /// to three pieces over letters in both cases whose lowercase is ASCII
    /// or not (the Kelvin sign's is `k`), through the table's growth.
    #[test]
    fn lower_texts_are_maps_of_the_lowercase_texts() {
        let texts = tsv::texts_over(&["a", "A", "\u{ce}", "\u{ee}", "\u{212a}", "k", " "], 3);
        let mut lower = LowerTexts::default();
        let (mut keys, mut owners) = (FxHashMap::default(), FxHashMap::default());
        for (i, text) in texts.iter().enumerate() {
            let entry = lower.entry(text);
            let key = lower.key(entry);
            let next = keys.len() as u32;
            assert_eq!(key, *keys.entry(text.to_ascii_lowercase()).or_insert(next), "{text:?}");
            assert_eq!(lower.key_text(key as usize), text.to_ascii_lowercase());
            let owner = lower.owner(text, entry, (i as u32, 0, 0)).0 as usize;
            assert_eq!(owner, *owners.entry(text.to_lowercase()).or_insert(i), "{text:?}");
        }
    }

    #[test]
    fn default_case_rules() {
        assert_eq!(parse_alias("US").unwrap().1, CaseRule::Exact);
        assert_eq!(parse_alias("NATO").unwrap().1, CaseRule::Exact);
        assert_eq!(parse_alias("Russia").unwrap().1, CaseRule::Title);
        assert_eq!(parse_alias("Russian{norp}").unwrap(), ("Russian", CaseRule::Title, true));
        assert_eq!(parse_alias("Jordan{ctx}").unwrap().1, CaseRule::Context);
    }
}
