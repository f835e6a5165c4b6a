//! Quantities in a sentence for the event stage: sums of money
//! (`$200 million`, `5.65bn euros`), percentages (`25%`, `25 per cent`) and
//! counts of event-relevant things (`12 people`, `four times`).
//!
//! One pass over the tokens: at each token the scanner tries a quantity that
//! starts there, looking at most seven tokens ahead, and resumes after a match,
//! so it runs in linear time. Numbers are read from their token's text only;
//! an odd one (`3:00`, `1990s`, `2nd`, too many digits) is no quantity.

use std::ops::Range;

use gazette_tokenizer::{Span, Token, TokenKind};

/// What an amount in an event measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// An amount of money, with its ISO 4217 currency.
    Money,
    /// A percentage or percentage points.
    Percent,
    /// A number of people or things, with the counted noun.
    Count,
}

/// A number with what it measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Quantity {
    /// Bytes in the article text: "$200 million", "5.65bn euros", "25 percent", "25%", "four times", "12 people".
    pub span: Span,
    /// Token range [first, end).
    pub first: usize,
    pub end: usize,
    pub kind: QuantityKind,
    /// The number with its multiplier applied: "$200 million" -> 200_000_000.0, "25 percent" -> 25.0.
    pub value: f64,
    /// Money: the ISO 4217 code; Count: the counted noun, lowercase; Percent: None.
    pub unit: Option<&'static str>,
}

/// Currency signs before the number. `¥` is taken as yen.
const SIGNS: &[(&str, &str)] =
    &[("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("₽", "RUB"), ("₴", "UAH"), ("¥", "JPY"), ("₹", "INR")];

/// Currency words after the number, by code (`Swiss francs` is handled apart).
const CURRENCY_WORDS: &[(&str, &[&str])] = &[
    ("USD", &["dollars", "dollar"]),
    ("EUR", &["euros", "euro"]),
    ("GBP", &["pounds", "pound", "sterling"]),
    ("RUB", &["roubles", "rubles", "rouble", "ruble"]),
    ("UAH", &["hryvnias", "hryvnia"]),
    ("CNY", &["yuan"]),
    ("JPY", &["yen"]),
    ("INR", &["rupees", "rupee"]),
];

/// Nouns a count may count: people and the things of war news.
#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "people", "person", "persons", "civilians", "civilian", "soldiers", "soldier", "troops", "children", "child",
    "protesters", "protester", "prisoners", "prisoner", "hostages", "hostage", "migrants", "migrant", "refugees",
    "refugee", "workers", "worker", "drones", "drone", "missiles", "missile", "rockets", "rocket", "shells", "shell",
    "tanks", "tank", "aircraft", "jets", "jet", "ships", "ship", "times", "rounds", "round", "villages", "village",
    "buildings", "building", "homes", "home",
];

/// Words that never stand between a number and its noun.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "from", "by", "for", "with", "into", "over", "under", "after",
    "before", "as", "than", "per", "and", "or",
];

/// `one` to `nineteen`: the value is the position plus one.
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];

/// `twenty` to `ninety`: the value is ten times the position plus two.
const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// The shapes of [`UNITS`] and [`TENS`]: most words are passed over
/// without a search of the lists.
const NUMBER_WORD_SHAPES: crate::timex::Shapes = crate::timex::Shapes::of(&[UNITS, TENS]);

/// Multiplier words after a number (`200 million`, `1.2 bn`).
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mn", 1e6),
    ("bn", 1e9),
    ("tn", 1e12),
];

/// Multiplier suffixes on a number (`10k`, `5m`, `5.65bn`).
const SUFFIXES: &[(&str, f64)] = &[("k", 1e3), ("m", 1e6), ("mn", 1e6), ("bn", 1e9), ("tn", 1e12)];

/// `word`'s position in `list` and its entry there, ASCII-case-insensitively.
fn entry(list: &[&'static str], word: &str) -> Option<(usize, &'static str)> {
    list.iter().copied().enumerate().find(|(_, w)| w.eq_ignore_ascii_case(word))
}

fn lookup<T: Copy>(table: &[(&'static str, T)], word: &str) -> Option<(&'static str, T)> {
    table.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)).copied()
}

/// The [`crate::fold::word_hash`]es of the words that may start a quantity
/// ([`Scan::words`]): `a`, [`UNITS`] and [`TENS`].
static NUMBER_WORD_HASHES: std::sync::LazyLock<crate::fold::Bloom> = std::sync::LazyLock::new(|| {
    let mut bloom = crate::fold::Bloom::default();
    for w in std::iter::once(&"a").chain(UNITS).chain(TENS) {
        bloom.insert(crate::fold::word_hash(w.as_bytes()));
    }
    bloom
});

/// All quantities among `toks[range]`, in text order, non-overlapping.
/// `hashes` holds the [`crate::fold::word_hash`] of each word token (0 for
/// other tokens; a token past its end is looked at as one with hash 0).
pub(crate) fn find(text: &str, toks: &[Token], hashes: &[u64], range: Range<usize>) -> Vec<Quantity> {
    let scan = Scan { text, toks, start: range.start, end: range.end.min(toks.len()) };
    let number_words = &*NUMBER_WORD_HASHES;
    let mut out = Vec::new();
    let mut i = scan.start;
    while i < scan.end {
        // A word starts a quantity only as a number word (`a`, `two`,
        // `forty`) or before a currency sign (`US$`): most words are passed
        // over by their hash.
        let h = hashes.get(i).copied().unwrap_or(0);
        if h != 0 && !number_words.may_contain(h) && !scan.tok(i + 1).is_some_and(|t| t.kind == TokenKind::Currency) {
            i += 1;
            continue;
        }
        match scan.money_sign(i).or_else(|| scan.after_number(i)) {
            Some(q) => {
                i = q.end.max(i + 1);
                out.push(q);
            }
            None => i += 1,
        }
    }
    out
}

/// A number read from one or more tokens, ending before token `end`.
struct Num {
    /// The digits without the decimal point: `5.65` is 565 with 2 decimals.
    mantissa: u64,
    decimals: i32,
    mult: f64,
    /// Written with a `%` attached.
    percent: bool,
    /// Written in digits (not words) with no multiplier.
    bare_digits: bool,
    end: usize,
}

impl Num {
    fn value(&self) -> f64 {
        // Exact integers divided once, so `5.65bn` is exactly 5_650_000_000.
        self.mantissa as f64 * self.mult / 10f64.powi(self.decimals)
    }
}

struct Scan<'a> {
    text: &'a str,
    toks: &'a [Token],
    start: usize,
    end: usize,
}

impl<'a> Scan<'a> {
    fn tok(&self, i: usize) -> Option<&'a Token> {
        if i < self.end { self.toks.get(i) } else { None }
    }

    /// The text of token `i`, or "" past the range.
    fn raw(&self, i: usize) -> &'a str {
        self.tok(i).and_then(|t| self.text.get(t.span.start..t.span.end)).unwrap_or("")
    }

    /// The text of token `i` when it is a word, else "".
    fn word(&self, i: usize) -> &'a str {
        if self.tok(i).is_some_and(|t| t.kind == TokenKind::Word) { self.raw(i) } else { "" }
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    /// Token `i` follows token `i - 1` with no space.
    fn glued(&self, i: usize) -> bool {
        i > self.start && self.tok(i).is_some_and(|t| !t.space_before)
    }

    fn make(&self, first: usize, end: usize, kind: QuantityKind, n: &Num, unit: Option<&'static str>) -> Quantity {
        let span = Span::new(self.toks[first].span.start, self.toks[end - 1].span.end);
        Quantity { span, first, end, kind, value: n.value(), unit }
    }

    /// `$200 million`, `US$5m`, `€1.2 billion`.
    fn money_sign(&self, i: usize) -> Option<Quantity> {
        // (Most tokens have no currency sign after them: settled by its kind.)
        let dollar = self.tok(i + 1).is_some_and(|t| t.kind == TokenKind::Currency);
        let sign = if dollar && self.raw(i) == "US" && self.raw(i + 1) == "$" && self.glued(i + 1) { i + 1 } else { i };
        if self.tok(sign)?.kind != TokenKind::Currency {
            return None;
        }
        // `C$`, `A$`, `HK$` are other dollars.
        if sign == i && self.glued(i) && matches!(self.toks[i - 1].kind, TokenKind::Word | TokenKind::Number) {
            return None;
        }
        let (_, code) = lookup(SIGNS, self.raw(sign))?;
        let n = self.numeral(sign + 1)?;
        if n.percent {
            return None;
        }
        Some(self.make(i, n.end, QuantityKind::Money, &n, Some(code)))
    }

    /// A number followed by what it measures: a percent, a currency, a noun.
    fn after_number(&self, i: usize) -> Option<Quantity> {
        // (Most tokens are words: `numeral` is called only for a number.)
        let number = self.tok(i).is_some_and(|t| t.kind == TokenKind::Number);
        let n = if number { self.numeral(i) } else { None }.or_else(|| self.words(i))?;
        let j = n.end;
        let percent = |end| Some(self.make(i, end, QuantityKind::Percent, &n, None));
        if n.percent {
            return percent(j);
        }
        if self.raw(j) == "%" || self.is(j, "percent") {
            return percent(j + 1);
        }
        if (self.is(j, "per") && self.is(j + 1, "cent"))
            || (self.is(j, "percentage") && (self.is(j + 1, "points") || self.is(j + 1, "point")))
        {
            return percent(j + 2);
        }
        let money = |end, code| Some(self.make(i, end, QuantityKind::Money, &n, Some(code)));
        if self.is(j, "Swiss") && (self.is(j + 1, "francs") || self.is(j + 1, "franc")) {
            return money(j + 2, "CHF");
        }
        let us = usize::from(self.raw(j) == "US" || self.raw(j) == "U.S.");
        let k = j + us;
        if let Some((code, (_, w))) = CURRENCY_WORDS.iter().find_map(|&(c, ws)| Some((c, entry(ws, self.word(k))?))) {
            if us == 1 && code != "USD" {
                return None;
            }
            let sterling = w.starts_with("pound") && self.is(k + 1, "sterling");
            return money(k + 1 + usize::from(sterling), code);
        }
        if !self.countable(i, &n) {
            return None;
        }
        // The noun right after, or after one word that is no function word
        // (`12 Ukrainian soldiers`, not `12 at home`).
        let at = |k: usize| entry(NOUNS, self.word(k)).map(|(_, noun)| noun);
        let (end, noun) = match at(j) {
            Some(noun) => (j + 1, noun),
            None if !self.word(j).is_empty() && entry(FUNCTION_WORDS, self.word(j)).is_none() => (j + 2, at(j + 1)?),
            None => return None,
        };
        Some(self.make(i, end, QuantityKind::Count, &n, Some(noun)))
    }

    /// Whether the number at `i` may count things: not a year (`in 2025
    /// troops`), not part of a name (`F-16 jets`, `Boeing 737 jets`).
    fn countable(&self, i: usize, n: &Num) -> bool {
        if self.glued(i) && (self.raw(i - 1) == "-" || self.raw(i - 1) == "/" || !self.word(i - 1).is_empty()) {
            return false;
        }
        if !n.bare_digits {
            return true;
        }
        let year = n.decimals == 0 && self.raw(i).len() == 4 && (1800..=2100).contains(&n.mantissa);
        let designation = i > self.start + 1 && self.tok(i - 1).is_some_and(|t| t.case.is_capitalised());
        !year && !designation
    }

    /// A number token: `1,400`, `57.85`, `5.65bn`, `25%`, then an optional
    /// multiplier word (`200 million`).
    fn numeral(&self, i: usize) -> Option<Num> {
        if self.tok(i)?.kind != TokenKind::Number {
            return None;
        }
        let raw = self.raw(i);
        let (body, percent) = match raw.strip_suffix('%') {
            Some(body) => (body, true),
            None => (raw, false),
        };
        let cut = body.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(body.len());
        let (digits, suffix) = body.split_at(cut);
        let (mantissa, decimals) = parse_digits(digits)?;
        let mut n = Num { mantissa, decimals, mult: 1.0, percent, bare_digits: true, end: i + 1 };
        if !suffix.is_empty() {
            n.mult = lookup(SUFFIXES, suffix).filter(|_| !percent)?.1;
            n.bare_digits = false;
        } else if !percent && let Some((_, mult)) = lookup(SCALES, self.word(i + 1)) {
            n.mult = mult;
            n.bare_digits = false;
            n.end += 1;
        }
        Some(n)
    }

    /// Number words: `four`, `twenty-five`, `a dozen`, `two hundred`,
    /// `five million`, `a million`.
    fn words(&self, i: usize) -> Option<Num> {
        let w = self.word(i);
        let (mut value, mut j) = if w.eq_ignore_ascii_case("a") {
            if self.is(i + 1, "dozen") {
                (12, i + 2)
            } else if self.is(i + 1, "hundred") {
                (100, i + 2)
            } else if lookup(SCALES, self.word(i + 1)).is_some_and(|(s, _)| s.len() > 2) {
                (1, i + 1)
            } else {
                return None;
            }
        } else if !NUMBER_WORD_SHAPES.may_hold(w) {
            return None;
        } else if let Some((tens, _)) = entry(TENS, w) {
            let tens = 10 * (tens as u64 + 2);
            match entry(UNITS, self.word(i + 2)).filter(|(unit, _)| *unit < 9) {
                Some((unit, _)) if self.raw(i + 1) == "-" && self.glued(i + 1) && self.glued(i + 2) => {
                    (tens + unit as u64 + 1, i + 3)
                }
                _ => (tens, i + 1),
            }
        } else {
            (entry(UNITS, w)?.0 as u64 + 1, i + 1)
        };
        if value < 100 && self.is(j, "hundred") {
            value *= 100;
            j += 1;
        } else if value < 100 && self.is(j, "dozen") {
            value *= 12;
            j += 1;
        }
        let mut n = Num { mantissa: value, decimals: 0, mult: 1.0, percent: false, bare_digits: false, end: j };
        if let Some((_, mult)) = lookup(SCALES, self.word(j)) {
            n.mult = mult;
            n.end += 1;
        }
        Some(n)
    }
}

/// Digits with optional thousands commas and one decimal point: `1,400`,
/// `57.85`. Returns the digits as an integer and the number of decimals;
/// `None` for anything else, or more than 15 digits.
fn parse_digits(s: &str) -> Option<(u64, i32)> {
    let (mut mantissa, mut digits) = (0u64, 0);
    let mut decimals: Option<i32> = None;
    // Digits since the last thousands comma.
    let mut group: Option<u32> = None;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 15 {
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(b - b'0');
                match (&mut decimals, &mut group) {
                    (Some(d), _) => *d += 1,
                    (None, Some(g)) => *g += 1,
                    (None, None) => {}
                }
            }
            b',' | b'.' if decimals.is_none() && digits > 0 && group.is_none_or(|g| g == 3) => {
                if b == b',' {
                    group = Some(0);
                } else {
                    decimals = Some(0);
                }
            }
            _ => return None,
        }
    }
    let groups_ok = decimals.is_some() || group.is_none_or(|g| g == 3);
    (digits > 0 && decimals != Some(0) && groups_ok).then_some((mantissa, decimals.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::QuantityKind::{Count, Money, Percent};
    use super::*;

    /// The quantities of `text` as (span text, kind, value, unit).
    fn check(text: &str, expect: &[(&str, QuantityKind, f64, Option<&str>)]) {
        let toks = gazette_tokenizer::tokenize(text);
        let hashes = crate::fold::word_hashes(text, &toks);
        let found = |hashes: &[u64]| -> Vec<_> {
            find(text, &toks, hashes, 0..toks.len())
                .into_iter()
                .map(|q| (q.span.text(text), q.kind, q.value, q.unit))
                .collect()
        };
        let got = found(&hashes);
        // Without the hashes (every token looked at by its letters): the same.
        assert_eq!(got, found(&[]), "{text}");
        assert_eq!(got, expect, "{text}");
    }

    #[test]
    fn money() {
        check("$200 million in military aid", &[("$200 million", Money, 200e6, Some("USD"))]);
        check("a loan of 5.65bn euros", &[("5.65bn euros", Money, 5_650_000_000.0, Some("EUR"))]);
        check("US$5m", &[("US$5m", Money, 5e6, Some("USD"))]);
        check("€1.2 billion", &[("€1.2 billion", Money, 1.2e9, Some("EUR"))]);
        check("£3.5bn and $1.2tn", &[("£3.5bn", Money, 3.5e9, Some("GBP")), ("$1.2tn", Money, 1.2e12, Some("USD"))]);
        check("cost 57.85 dollars", &[("57.85 dollars", Money, 57.85, Some("USD"))]);
        check("10 million US dollars", &[("10 million US dollars", Money, 1e7, Some("USD"))]);
        check("2 million Swiss francs", &[("2 million Swiss francs", Money, 2e6, Some("CHF"))]);
        check("five million pounds sterling", &[("five million pounds sterling", Money, 5e6, Some("GBP"))]);
        check("₽500 or ₴1,000", &[("₽500", Money, 500.0, Some("RUB")), ("₴1,000", Money, 1000.0, Some("UAH"))]);
        check(
            "₹20, 4 yuan, ¥9",
            &[("₹20", Money, 20.0, Some("INR")), ("4 yuan", Money, 4.0, Some("CNY")), ("¥9", Money, 9.0, Some("JPY"))],
        );
        check("3bn roubles", &[("3bn roubles", Money, 3e9, Some("RUB"))]);
        check("$5,000,000", &[("$5,000,000", Money, 5e6, Some("USD"))]);
        // Other dollars are not US dollars.
        check("C$10 and A$5", &[]);
    }

    #[test]
    fn percent() {
        check("25%", &[("25%", Percent, 25.0, None)]);
        check("rose 25 percent", &[("25 percent", Percent, 25.0, None)]);
        check("rose 25 per cent.", &[("25 per cent", Percent, 25.0, None)]);
        check("25 percentage points", &[("25 percentage points", Percent, 25.0, None)]);
        check("5.3%. Then 7 %", &[("5.3%", Percent, 5.3, None), ("7 %", Percent, 7.0, None)]);
        check("five percent", &[("five percent", Percent, 5.0, None)]);
    }

    #[test]
    fn counts() {
        check("12 people were killed", &[("12 people", Count, 12.0, Some("people"))]);
        check("four times", &[("four times", Count, 4.0, Some("times"))]);
        check("1,400 troops", &[("1,400 troops", Count, 1400.0, Some("troops"))]);
        check("killed 12 Ukrainian soldiers", &[("12 Ukrainian soldiers", Count, 12.0, Some("soldiers"))]);
        check("four more Drones", &[("four more Drones", Count, 4.0, Some("drones"))]);
        check("a dozen children", &[("a dozen children", Count, 12.0, Some("children"))]);
        check("twenty-five hostages", &[("twenty-five hostages", Count, 25.0, Some("hostages"))]);
        check("two hundred migrants", &[("two hundred migrants", Count, 200.0, Some("migrants"))]);
        check("2.5 million people", &[("2.5 million people", Count, 2.5e6, Some("people"))]);
        check("About 40 civilians", &[("40 civilians", Count, 40.0, Some("civilians"))]);
        check("one soldier", &[("one soldier", Count, 1.0, Some("soldier"))]);
        for list in [NOUNS, UNITS, TENS, FUNCTION_WORDS] {
            assert!(list.iter().all(|w| !w.is_empty() && *w == w.to_ascii_lowercase()), "{list:?}");
        }
    }

    #[test]
    fn not_quantities() {
        check("in 2025", &[]);
        check("In 2022 troops crossed", &[]);
        check("the 2nd", &[]);
        check("the 1990s", &[]);
        check("at 3:00", &[]);
        check("dozens of people and hundreds of drones", &[]);
        check("Article 5", &[]);
        check("under Article 5 people", &[]);
        check("its F-16 jets", &[]);
        check("twenty-five", &[]);
        check("one of the soldiers", &[]);
        check("a soldier", &[]);
        check("killed 3 at home and 12 in villages", &[]);
        check("25.5percent 1.2.3 troops", &[]);
        check("$1234567890123456 99999999999999999 troops", &[]);
    }

    #[test]
    fn range_bounds_the_search() {
        let text = "Officials said 12 people died.";
        let toks = gazette_tokenizer::tokenize(text);
        let hashes = crate::fold::word_hashes(text, &toks);
        assert_eq!(find(text, &toks, &hashes, 0..3), []);
        assert_eq!(find(text, &toks, &hashes, 2..3), []);
        let q = find(text, &toks, &hashes, 2..4);
        assert_eq!((q.len(), q[0].first, q[0].end, q[0].span.text(text)), (1, 2, 4, "12 people"));
        assert_eq!(find(text, &toks, &hashes, 5..99), []);
    }

    #[test]
    fn the_hash_filter_turns_no_quantity_away() {
        // Random texts over the lists' words, numbers, signs and others:
        // the quantities found with the hashes are those found without.
        let mut vocab: Vec<String> = [UNITS, TENS, NOUNS, FUNCTION_WORDS]
            .iter()
            .flat_map(|l| l.iter().map(|w| w.to_string()))
            .chain(SCALES.iter().chain(SUFFIXES).map(|(w, _)| w.to_string()))
            .chain(CURRENCY_WORDS.iter().flat_map(|(_, ws)| ws.iter().map(|w| w.to_string())))
            .chain(SIGNS.iter().map(|(w, _)| w.to_string()))
            .collect();
        vocab.extend(vocab.clone().iter().map(|w| w.to_uppercase()));
        vocab.extend(
            ["a", "A", "US", "U.S.", "$", "-", "%", "per", "cent", "percent", "dozen", "hundred", "Swiss", "sterling"]
                .map(String::from),
        );
        vocab.extend(["12", "2,000", "5.65bn", "25%", "2025", "F-16", "said", "Russia", "é", "’s"].map(String::from));
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut found = 0;
        for _ in 0..3000 {
            let text = crate::fold::random_text(&vocab, 10, 7, &mut seed);
            let toks = gazette_tokenizer::tokenize(&text);
            let hashes = crate::fold::word_hashes(&text, &toks);
            let with = find(&text, &toks, &hashes, 0..toks.len());
            assert_eq!(with, find(&text, &toks, &[], 0..toks.len()), "{text:?}");
            found += with.len();
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn many_numbers_finish() {
        let text = "1 2,000 3.5 ".repeat(10_000) + &"12 people, 25% and $5m; ".repeat(10_000);
        let toks = gazette_tokenizer::tokenize(&text);
        let hashes = crate::fold::word_hashes(&text, &toks);
        assert_eq!(find(&text, &toks, &hashes, 0..toks.len()).len(), 30_000);
    }
}
