//! Time expressions in a sentence's tokens, and their resolution against the
//! article's publication date.
//!
//! [`find`] scans tokens once, left to right; at each token it tries one
//! expression with a bounded look-ahead (a few tokens), keeps the longest and
//! jumps past it. Words match ASCII-case-insensitively; month names must be
//! capitalised (`may`, `march`, `august` are not months), and `May` or an
//! abbreviated month needs a day or year beside it or a preposition before it.
//! [`resolve`] does its own proleptic Gregorian arithmetic on day numbers.

use gazette_tokenizer::{Span, Token, TokenKind};

use crate::Date;

/// A time expression found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeExpr {
    /// Bytes of the expression, including a leading preposition that belongs
    /// to it (`on Wednesday`, `last week`, `in the coming days`, `by Friday`).
    pub span: Span,
    /// Token range `[first, end)` of the expression.
    pub first: usize,
    pub end: usize,
    pub value: TimeValue,
}

/// What a time expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeValue {
    /// Monday = 0 .. Sunday = 6 (`on Wednesday`, `Wednesday night`).
    Weekday(u8),
    /// Days from publication: yesterday -1, today 0, tomorrow +1, `two days ago` -2.
    Day(i32),
    /// Last (-1), this (0), next (+1) week, month or year.
    Week(i32),
    Month(i32),
    Year(i32),
    /// `August 6`, `6 Aug 2025`, `Aug. 6, 2025`, `in August`, `August 2025`.
    Calendar {
        year: Option<u16>,
        month: u8,
        day: Option<u8>,
    },
    /// `2025-08-06`.
    Iso(Date),
    /// `in 2024`: only after in/since/by/until/till or early/late/mid.
    YearNumber(u16),
    /// `in the coming days`, `over the next few weeks`, `within months`.
    Coming(Unit),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
}

/// How precise a resolved time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// One day.
    Day,
    /// A week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// A span of days ahead (`in the coming days`).
    Range,
}

/// A resolved time: a date, and for ranges, weeks, months and years the last day too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub date: Date,
    pub end: Option<Date>,
    pub precision: Precision,
}

/// Words that name a day: the weekdays, Monday first, then `today`,
/// `yesterday`, `tonight` (also the word classes of the quote and event stages).
pub(crate) const DAY_WORDS: [&str; 10] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight"];
/// The weekdays, Monday first.
const WEEKDAYS: &[&str] = DAY_WORDS.split_at(7).0;
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Prepositions that belong to the expression after them.
const PREPOSITIONS: [&str; 10] = ["on", "in", "by", "since", "until", "till", "from", "over", "within", "during"];
/// Prepositions after which `May` or a bare year is a time.
const ANCHORING: [&str; 5] = ["in", "since", "by", "until", "till"];
const PARTS_OF_DAY: [&str; 4] = ["morning", "afternoon", "evening", "night"];
const COUNTS: [&str; 11] = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// The shapes of the words of some lists of lowercase ASCII words: the
/// lengths (up to 31) of the words by their first and last letters. Most
/// words of a text have a shape none of a short list's words has, and are
/// passed over without a search of the list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shapes([u32; 26 * 26]);

impl Shapes {
    /// The shapes of the words of `lists` (each lowercase, starting and
    /// ending with a letter, and shorter than 32 bytes: checked when the
    /// constant is made).
    pub(crate) const fn of(lists: &[&[&str]]) -> Shapes {
        let mut lengths = [0u32; 26 * 26];
        let mut l = 0;
        while l < lists.len() {
            let mut i = 0;
            while i < lists[l].len() {
                let w = lists[l][i].as_bytes();
                assert!(
                    !w.is_empty() && w.len() < 32 && w[0].is_ascii_lowercase() && w[w.len() - 1].is_ascii_lowercase(),
                    "a word of a shaped list"
                );
                lengths[Shapes::index(w[0], w[w.len() - 1])] |= 1 << w.len();
                i += 1;
            }
            l += 1;
        }
        Shapes(lengths)
    }

    /// The entry of two lowercase letters.
    const fn index(first: u8, last: u8) -> usize {
        (first - b'a') as usize * 26 + (last - b'a') as usize
    }

    /// False when no word of the lists has the shape of `w` (ASCII case
    /// ignored), so that `w` is none of them; true when one may be `w`.
    #[inline]
    pub(crate) fn may_hold(&self, w: &str) -> bool {
        self.may_hold_bytes(w.as_bytes())
    }

    /// [`Shapes::may_hold`] of a word's bytes.
    #[inline]
    pub(crate) fn may_hold_bytes(&self, w: &[u8]) -> bool {
        let (Some(&a), Some(&z)) = (w.first(), w.last()) else { return false };
        // A byte or-ed with 0x20 is a lowercase letter only for an ASCII
        // letter, and then that letter's lowercase: the offsets from `a`
        // of the first and last letters, 26 or more for other bytes.
        let (a, z) = ((a | 0x20).wrapping_sub(b'a'), (z | 0x20).wrapping_sub(b'a'));
        a < 26 && z < 26 && w.len() < 32 && self.0[a as usize * 26 + z as usize] >> w.len() & 1 != 0
    }
}

/// Position of `w` in `list` (lowercase words), ASCII case ignored.
fn position(list: &[&str], w: &str) -> Option<usize> {
    list.iter().position(|x| w.eq_ignore_ascii_case(x))
}

/// Token reader over `toks[..end]`; every lookup out of range is `None`.
struct Cursor<'a> {
    text: &'a str,
    toks: &'a [Token],
}

impl<'a> Cursor<'a> {
    /// The token's text; `None` past the end (or off the text).
    fn of_kind(&self, kind: TokenKind, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i).filter(|t| t.kind == kind)?;
        self.text.get(t.span.start..t.span.end)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.of_kind(TokenKind::Word, i)
    }

    fn num(&self, i: usize) -> Option<&'a str> {
        self.of_kind(TokenKind::Number, i)
    }

    /// Whether the word at `i` is one of `list`.
    fn is(&self, i: usize, list: &[&str]) -> bool {
        self.word(i).is_some_and(|w| position(list, w).is_some())
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.of_kind(TokenKind::Punct, i) == Some(p)
    }

    /// `6`, `06`, `6th`: a day of the month.
    fn day(&self, i: usize) -> Option<u8> {
        let s = self.num(i)?;
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = &s[digits..];
        let ok = suffix.is_empty() || position(&["st", "nd", "rd", "th"], suffix).is_some();
        let d: u8 = s[..digits].parse().ok().filter(|d| (1..=31).contains(d))?;
        (ok && digits <= 2).then_some(d)
    }

    /// Four digits, 1000..=2999.
    fn year(&self, i: usize) -> Option<u16> {
        let s = self.num(i)?;
        let y: u16 = s.parse().ok().filter(|_| s.len() == 4)?;
        (1000..=2999).contains(&y).then_some(y)
    }

    fn weekday(&self, i: usize) -> Option<u8> {
        position(WEEKDAYS, self.word(i)?).map(|p| p as u8)
    }

    /// A capitalised month name, full or abbreviated (`Aug`, `Sept`), and
    /// whether it needs support (`May` and abbreviations do).
    fn month(&self, i: usize) -> Option<(u8, bool)> {
        let w = self.word(i).filter(|_| self.toks[i].case.is_capitalised())?;
        if let Some(p) = position(&MONTHS, w) {
            return Some((p as u8 + 1, p == 4));
        }
        let abbrev = |m: &str| w.len() == 3 && m.get(..3).is_some_and(|a| a.eq_ignore_ascii_case(w));
        let p = MONTHS.iter().position(|m| abbrev(m)).or_else(|| w.eq_ignore_ascii_case("sept").then_some(8))?;
        Some((p as u8 + 1, true))
    }

    /// A month name at `i`, with the period of an abbreviation when a number
    /// follows it (`Aug. 6`): the month and the index after it.
    fn month_at(&self, i: usize) -> Option<(u8, bool, usize)> {
        let (m, weak) = self.month(i)?;
        let dotted = weak && self.punct(i + 1, ".") && !self.toks[i + 1].space_before && self.num(i + 2).is_some();
        Some((m, weak, i + 1 + usize::from(dotted)))
    }

    /// `August 6`, `Aug. 6, 2025`, `August 2025`, `6 Aug 2025`, `August`.
    fn calendar(&self, i: usize, anchored: bool) -> Option<(usize, TimeValue)> {
        let (day, month, weak, mut j) = if let Some(d) = self.day(i)
            && let Some((m, weak, j)) = self.month_at(i + 1)
        {
            (Some(d), m, weak, j)
        } else {
            let (m, weak, j) = self.month_at(i)?;
            match self.day(j) {
                Some(d) => (Some(d), m, weak, j + 1),
                None => (None, m, weak, j),
            }
        };
        let comma = usize::from(day.is_some() && self.punct(j, ","));
        let year = self.year(j + comma);
        if year.is_some() {
            j += comma + 1;
        }
        if weak && !anchored && day.is_none() && year.is_none() {
            return None;
        }
        Some((j, TimeValue::Calendar { year, month, day }))
    }

    /// `2025-08-06`, written without spaces, perhaps with a time (`2025-08-06T14:05Z`).
    fn iso(&self, i: usize) -> Option<(usize, TimeValue)> {
        self.year(i)?;
        let parts = self.toks.get(i..i + 5)?;
        if parts[1..].iter().any(|t| t.space_before) || !self.punct(i + 1, "-") || !self.punct(i + 3, "-") {
            return None;
        }
        let s = self.text.get(parts[0].span.start..parts[4].span.end)?;
        Date::parse(s).map(|d| (i + 5, TimeValue::Iso(d)))
    }

    /// `[the] coming|next [few|several] days|weeks|months`, `the days ahead`,
    /// and after `within`, bare `days|weeks|months`.
    fn coming(&self, i: usize, within: bool) -> Option<(usize, TimeValue)> {
        let unit = |j: usize| {
            Some([Unit::Day, Unit::Week, Unit::Month][position(&["days", "weeks", "months"], self.word(j)?)?])
        };
        if within && let Some(u) = unit(i) {
            return Some((i + 1, TimeValue::Coming(u)));
        }
        let mut j = i + usize::from(self.is(i, &["the"]));
        if let Some(u) = unit(j).filter(|_| j > i && self.is(j + 1, &["ahead"])) {
            return Some((j + 2, TimeValue::Coming(u)));
        }
        if self.is(j, &["coming"]) {
            j += 1;
        } else if self.is(j, &["next"]) {
            j += 1 + usize::from(self.is(j + 1, &["few", "several"]));
        } else {
            return None;
        }
        unit(j).map(|u| (j + 1, TimeValue::Coming(u)))
    }

    /// One expression starting at `i`, with its optional prefix words.
    fn expr_at(&self, i: usize) -> Option<(usize, TimeValue)> {
        let early = self.is(i, &["early", "late"]);
        let mut j = i + usize::from(early || self.is(i, &["earlier", "later"]));
        let prep = self.word(j).filter(|w| position(&PREPOSITIONS, w).is_some());
        j += usize::from(prep.is_some());
        let mut anchored = (early && prep.is_none()) || prep.is_some_and(|w| position(&ANCHORING, w).is_some());
        if self.is(j, &["early", "late", "mid"]) {
            anchored = true;
            j += 1;
            j += usize::from(self.punct(j, "-") && !self.toks[j].space_before);
        }
        // (`core` finds nothing at a token that is none of these: a test
        // checks.)
        if !self.toks.get(j).is_some_and(|t| number_or_listed(self.text, t, &CORE_SHAPES, &CORE_STARTS)) {
            return None;
        }
        let core = self.core(j, anchored, prep.is_some_and(|w| w.eq_ignore_ascii_case("within")))?;
        (core.0 > i).then_some(core)
    }

    fn core(&self, i: usize, anchored: bool, within: bool) -> Option<(usize, TimeValue)> {
        let part_of_day = |j: usize| j + usize::from(self.is(j, &PARTS_OF_DAY));
        // What is not a word (a number) starts only a date, a year or `2
        // days ago`; a word, only the other expressions, `a day ago` or a
        // month's date. (Each kind is tried in the order of both together.)
        let Some(w) = self.word(i) else {
            if let Some(found) = self.iso(i) {
                return Some(found);
            }
            if let Some(y) = self.year(i).filter(|_| anchored) {
                return Some((i + 1, TimeValue::YearNumber(y)));
            }
            if let Some(found) = self.num(i).and_then(|s| s.parse::<i32>().ok()).and_then(|n| self.days_ago(i, n)) {
                return Some(found);
            }
            return self.calendar(i, anchored);
        };
        if let Some(found) = self.coming(i, within) {
            return Some(found);
        }
        if let Some(p) = position(&["yesterday", "today", "tomorrow", "tonight"], w) {
            return Some((part_of_day(i + 1), TimeValue::Day([-1, 0, 1, 0][p])));
        }
        if let Some(n) = position(&["last", "this", "next"], w).map(|p| p as i32 - 1) {
            let next = self.word(i + 1).map(str::to_ascii_lowercase);
            let value = match next.as_deref() {
                Some("week") => TimeValue::Week(n),
                Some("month") => TimeValue::Month(n),
                Some("year") => TimeValue::Year(n),
                Some("night") if n == -1 => TimeValue::Day(-1),
                Some("morning" | "afternoon" | "evening") if n == 0 => TimeValue::Day(0),
                _ => return self.weekday(i + 1).map(|d| (part_of_day(i + 2), TimeValue::Weekday(d))),
            };
            return Some((i + 2, value));
        }
        if let Some(d) = self.weekday(i) {
            // `Wednesday, August 6` is the date; otherwise the weekday.
            let after = i + 1 + usize::from(self.punct(i + 1, ","));
            if let Some(date @ (_, TimeValue::Calendar { day: Some(_), .. })) = self.calendar(after, true) {
                return Some(date);
            }
            return Some((part_of_day(i + 1), TimeValue::Weekday(d)));
        }
        if let Some(found) = position(&COUNTS, w).and_then(|p| self.days_ago(i, p.max(1) as i32)) {
            return Some(found);
        }
        self.calendar(i, anchored)
    }

    /// `N days ago` for the count `n` at `i`.
    fn days_ago(&self, i: usize, n: i32) -> Option<(usize, TimeValue)> {
        (self.is(i + 1, &["day", "days"]) && self.is(i + 2, &["ago"])).then(|| (i + 3, TimeValue::Day(-n.min(366))))
    }
}

/// First words of every time expression (and numbers), sorted: most tokens
/// start none, and are passed over after a look at their shape
/// ([`START_SHAPES`]) or one binary search.
const STARTS: [&str; 64] = [
    "a",
    "apr",
    "april",
    "aug",
    "august",
    "by",
    "dec",
    "december",
    "during",
    "earlier",
    "early",
    "eight",
    "feb",
    "february",
    "five",
    "four",
    "friday",
    "from",
    "in",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "last",
    "late",
    "later",
    "mar",
    "march",
    "may",
    "mid",
    "monday",
    "next",
    "nine",
    "nov",
    "november",
    "oct",
    "october",
    "on",
    "one",
    "over",
    "saturday",
    "sep",
    "sept",
    "september",
    "seven",
    "since",
    "six",
    "sunday",
    "ten",
    "this",
    "three",
    "thursday",
    "till",
    "today",
    "tomorrow",
    "tonight",
    "tuesday",
    "two",
    "until",
    "wednesday",
    "within",
    "yesterday",
];

/// The shapes of [`STARTS`].
const START_SHAPES: Shapes = Shapes::of(&[&STARTS]);

/// First words of [`Cursor::core`]'s expressions (and numbers), sorted:
/// after a preposition or a prefix word, most words start none (`in Iraq`,
/// `by Russia`, `on behalf`), and [`Cursor::expr_at`] gives up there
/// without trying each kind of expression.
const CORE_STARTS: [&str; 54] = [
    "a",
    "apr",
    "april",
    "aug",
    "august",
    "coming",
    "days",
    "dec",
    "december",
    "eight",
    "feb",
    "february",
    "five",
    "four",
    "friday",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "last",
    "mar",
    "march",
    "may",
    "monday",
    "months",
    "next",
    "nine",
    "nov",
    "november",
    "oct",
    "october",
    "one",
    "saturday",
    "sep",
    "sept",
    "september",
    "seven",
    "six",
    "sunday",
    "ten",
    "the",
    "this",
    "three",
    "thursday",
    "today",
    "tomorrow",
    "tonight",
    "tuesday",
    "two",
    "wednesday",
    "weeks",
    "yesterday",
];

/// The shapes of [`CORE_STARTS`].
const CORE_SHAPES: Shapes = Shapes::of(&[&CORE_STARTS]);

/// Whether this token is a number or a word of `list` (sorted, lowercase,
/// with the shapes `shapes`), ASCII case ignored. (In line: the scan of
/// [`find`] calls it for every token; the search, for few.)
#[inline(always)]
fn number_or_listed(text: &str, t: &Token, shapes: &Shapes, list: &[&str]) -> bool {
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word => {
            let w = &text.as_bytes()[t.span.start..t.span.end];
            shapes.may_hold_bytes(w) && listed(list, w)
        }
        _ => false,
    }
}

/// Whether `w` is in `list` (sorted, lowercase, of words of at most
/// [`SORTED_LIST_WORD`](crate::fold::SORTED_LIST_WORD) bytes), ASCII case
/// ignored; out of line.
#[inline(never)]
fn listed(list: &[&str], w: &[u8]) -> bool {
    crate::fold::sorted_has(list, w)
}

/// Whether a time expression may start at this token.
fn may_start(text: &str, t: &Token) -> bool {
    number_or_listed(text, t, &START_SHAPES, &STARTS)
}

/// The [`crate::fold::word_hash`]es of [`STARTS`]: a word whose hash is
/// none of them is none of them, told without a look at its letters.
static START_HASHES: std::sync::LazyLock<crate::fold::Bloom> = std::sync::LazyLock::new(|| {
    let mut bloom = crate::fold::Bloom::default();
    for w in STARTS {
        bloom.insert(crate::fold::word_hash(w.as_bytes()));
    }
    bloom
});

/// Whether the token with [`crate::fold::word_hash`] `h` (0 for a token
/// that is not a word) may start a time expression: a word whose hash is
/// not that of a word of [`STARTS`] may not; the others are told by
/// [`may_start`].
#[inline]
fn may_start_hashed(text: &str, t: &Token, h: u64, starts: &crate::fold::Bloom) -> bool {
    (h == 0 || starts.may_contain(h)) && may_start(text, t)
}

/// All time expressions among `toks[range]`, in text order, non-overlapping
/// (the one starting first wins, and it is as long as it can be). `text` is
/// the article text the tokens index into; `hashes` holds the
/// [`crate::fold::word_hash`] of each word token (0 for other tokens; a
/// token past its end is looked at as one with hash 0).
pub(crate) fn find(text: &str, toks: &[Token], hashes: &[u64], range: std::ops::Range<usize>) -> Vec<TimeExpr> {
    let end = range.end.min(toks.len());
    let cur = Cursor { text, toks: &toks[..end] };
    let starts = &*START_HASHES;
    let mut out = Vec::new();
    let mut i = range.start.min(end);
    while i < end {
        if !may_start_hashed(text, &toks[i], hashes.get(i).copied().unwrap_or(0), starts) {
            i += 1;
            continue;
        }
        match cur.expr_at(i) {
            Some((e, value)) => {
                let span = Span::new(toks[i].span.start, toks[e - 1].span.end);
                out.push(TimeExpr { span, first: i, end: e, value });
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Calendar arithmetic on day numbers: day 0 is 0001-01-01, a Monday.

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn month_len(y: i64, m: u8) -> u8 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 31,
    }
}

fn days_before_year(y: i64) -> i64 {
    let p = y - 1;
    365 * p + p / 4 - p / 100 + p / 400
}

/// A valid date in the years `Date` holds (1000..=9999), as a day number.
fn day_number(y: i64, m: u8, d: u8) -> Option<i64> {
    if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > month_len(y, m) {
        return None;
    }
    let before_month: i64 = (1..m).map(|k| i64::from(month_len(y, k))).sum();
    Some(days_before_year(y) + before_month + i64::from(d) - 1)
}

fn date_of(n: i64) -> Option<Date> {
    if !(days_before_year(1000)..days_before_year(10_000)).contains(&n) {
        return None;
    }
    // A year has at most 366 days, so this starts at or below the right year.
    let mut y = n / 366 + 1;
    while days_before_year(y + 1) <= n {
        y += 1;
    }
    let mut rest = n - days_before_year(y);
    let mut month = 1;
    while rest >= i64::from(month_len(y, month)) {
        rest -= i64::from(month_len(y, month));
        month += 1;
    }
    Some(Date { year: y as u16, month, day: rest as u8 + 1 })
}

fn span_of(first: i64, last: i64, precision: Precision) -> Option<Resolved> {
    Some(Resolved { date: date_of(first)?, end: Some(date_of(last)?), precision })
}

fn month_span(y: i64, m: u8) -> Option<Resolved> {
    span_of(day_number(y, m, 1)?, day_number(y, m, month_len(y, m))?, Precision::Month)
}

fn year_span(y: i64) -> Option<Resolved> {
    span_of(day_number(y, 1, 1)?, day_number(y, 12, 31)?, Precision::Year)
}

fn one_day(n: i64) -> Option<Resolved> {
    Some(Resolved { date: date_of(n)?, end: None, precision: Precision::Day })
}

/// Resolves a value against the publication date. `future` says the clause
/// is in the future tense: a bare weekday is then the nearest one after
/// publication, else the nearest one before it (in both, the publication day
/// itself when it falls on that weekday). A calendar date without a year
/// takes the publication year, or the one before (past) or after (future)
/// when it would lie over about two months the wrong side of publication.
/// Without a publication date only ISO dates, calendar dates with a year and
/// bare years resolve. Impossible dates (Feb 30) give `None`.
pub(crate) fn resolve(value: TimeValue, published: Option<Date>, future: bool) -> Option<Resolved> {
    let p = published.and_then(|p| Some((p, day_number(p.year.into(), p.month, p.day)?)));
    match value {
        TimeValue::Iso(d) => one_day(day_number(d.year.into(), d.month, d.day)?),
        TimeValue::YearNumber(y) => year_span(y.into()),
        TimeValue::Calendar { year, month, day } => {
            let y = match (year, p) {
                (Some(y), _) => i64::from(y),
                (None, None) => return None,
                (None, Some((p, pn))) => {
                    let y = i64::from(p.year);
                    // How far after publication it would fall in the publication
                    // year, in days (limit ~2 months) or in months (limit 2).
                    let (ahead, limit) = match day {
                        Some(d) => (day_number(y, month, d.min(28))? - pn, 61),
                        None => (i64::from(month) - i64::from(p.month), 2),
                    };
                    y - i64::from(!future && ahead > limit) + i64::from(future && ahead < -limit)
                }
            };
            match day {
                Some(d) => one_day(day_number(y, month, d)?),
                None => month_span(y, month),
            }
        }
        TimeValue::Day(n) => one_day(p?.1 + i64::from(n)),
        TimeValue::Weekday(w) if w < 7 => {
            let pn = p?.1;
            let (w, today) = (i64::from(w), pn % 7);
            one_day(if future { pn + (w - today).rem_euclid(7) } else { pn - (today - w).rem_euclid(7) })
        }
        TimeValue::Weekday(_) => None,
        TimeValue::Week(n) => {
            let monday = p?.1 - p?.1 % 7 + 7 * i64::from(n);
            span_of(monday, monday + 6, Precision::Week)
        }
        TimeValue::Month(n) => {
            let p = p?.0;
            let k = i64::from(p.year) * 12 + i64::from(p.month) - 1 + i64::from(n);
            month_span(k.div_euclid(12), k.rem_euclid(12) as u8 + 1)
        }
        TimeValue::Year(n) => year_span(i64::from(p?.0.year) + i64::from(n)),
        // Unit::Day, Week, Month: a week, four weeks, three months ahead.
        TimeValue::Coming(unit) => span_of(p?.1 + 1, p?.1 + [7, 28, 90][unit as usize], Precision::Range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_words_are_sorted_for_binary_search() {
        for list in [&STARTS[..], &CORE_STARTS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
            assert!(list.iter().all(|w| w.len() <= crate::fold::SORTED_LIST_WORD && *w == w.to_lowercase()));
        }
    }

    #[test]
    fn every_core_expression_starts_at_a_core_start() {
        // `core` at every token of texts over its words, numbers, other
        // words and punctuation, anchored or not, after `within` or not:
        // it finds nothing where the filter of `expr_at` says so.
        let mut vocab: Vec<String> = [&STARTS[..], &CORE_STARTS, &COUNTS, &MONTHS, &PARTS_OF_DAY, &DAY_WORDS]
            .iter()
            .flat_map(|l| l.iter().map(|w| w.to_string()))
            .collect();
        vocab.extend(vocab.clone().iter().map(|w| w.to_uppercase()));
        vocab.extend(vocab.clone().iter().map(|w| format!("{}{}", w[..1].to_uppercase(), &w[1..])));
        vocab.extend(
            ["ago", "ahead", "few", "several", "day", "week", "month", "year", "night", "week's", "Aug.", "mid-"]
                .map(String::from),
        );
        vocab.extend(
            ["6", "06", "6th", "31", "2025", "1999", "2025-08-06", "12", "-", ",", ".", "the capital"]
                .map(String::from),
        );
        vocab.extend(["capital", "Moscow", "talks", "é", "’s", "x"].map(String::from));
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let (mut found, mut gated) = (0, 0);
        for _ in 0..3000 {
            let text = crate::fold::random_text(&vocab, 8, 3, &mut seed);
            let toks = gazette_tokenizer::tokenize(&text);
            let cur = Cursor { text: &text, toks: &toks };
            let hashes = crate::fold::word_hashes(&text, &toks);
            for (i, t) in toks.iter().enumerate() {
                // The hash filter of `find` turns no start away.
                assert_eq!(
                    may_start_hashed(&text, t, hashes[i], &START_HASHES),
                    may_start(&text, t),
                    "{text:?} at {i}"
                );
                let open = number_or_listed(&text, t, &CORE_SHAPES, &CORE_STARTS);
                for (anchored, within) in [(false, false), (true, false), (false, true), (true, true)] {
                    let core = cur.core(i, anchored, within);
                    assert!(open || core.is_none(), "{text:?} at {i}: {core:?}");
                    found += usize::from(core.is_some());
                }
                gated += usize::from(!open);
            }
        }
        assert!(found > 1000 && gated > 1000, "{found} {gated}");
    }

    #[test]
    fn shapes_never_turn_away_a_word_of_their_lists() {
        let lists: [&[&str]; 3] = [&STARTS, &COUNTS, &MONTHS];
        let shapes = Shapes::of(&lists);
        let mut words: Vec<String> = lists.iter().flat_map(|l| l.iter()).map(|w| w.to_string()).collect();
        words.extend(words.clone().iter().map(|w| w.to_uppercase()));
        words.extend(words.clone().iter().map(|w| format!("{w}s")));
        words.extend(["", "x", "the", "Said", "é", "1990", "’s", "-", &"a".repeat(40)].map(String::from));
        let mut turned_away = 0;
        for w in &words {
            let listed = lists.iter().any(|l| position(l, w).is_some());
            if !shapes.may_hold(w) {
                assert!(!listed, "{w:?} turned away");
                turned_away += 1;
            }
        }
        assert!(shapes.may_hold("MONDAY") && !shapes.may_hold("mondays") && !shapes.may_hold("é"));
        assert!(turned_away > words.len() / 4, "{turned_away} of {}", words.len());
        // The letters are told as by `to_ascii_lowercase`, for every first
        // and last byte.
        let plain = |w: &[u8]| match (w[0].to_ascii_lowercase(), w[w.len() - 1].to_ascii_lowercase()) {
            (a @ b'a'..=b'z', z @ b'a'..=b'z') => shapes.0[Shapes::index(a, z)] & 1 << w.len() != 0,
            _ => false,
        };
        for a in 0..=255u8 {
            for z in 0..=255u8 {
                for w in [vec![a, z], vec![a, b'x', b'y', b'x', z], vec![a, b'u', z]] {
                    assert_eq!(shapes.may_hold_bytes(&w), plain(&w), "{w:?}");
                }
            }
        }
    }
    use TimeValue::*;
    use gazette_tokenizer::tokenize;

    /// Finds the expressions of `text` and compares their text and value.
    fn check(text: &str, expect: &[(&str, TimeValue)]) {
        let toks = tokenize(text);
        let hashes = crate::fold::word_hashes(text, &toks);
        let found: Vec<_> =
            find(text, &toks, &hashes, 0..toks.len()).iter().map(|x| (x.span.text(text), x.value)).collect();
        // Without the hashes (every token looked at by its letters): the same.
        let plain: Vec<_> =
            find(text, &toks, &[], 0..toks.len()).iter().map(|x| (x.span.text(text), x.value)).collect();
        assert_eq!(found, plain, "{text}");
        assert_eq!(found, expect, "{text}");
    }

    fn cal(year: Option<u16>, month: u8, day: Option<u8>) -> TimeValue {
        Calendar { year, month, day }
    }

    /// Resolves against `published` (`""` for none) as `first[..last] Precision`, or `None`.
    fn res(value: TimeValue, published: &str, future: bool) -> String {
        let Some(r) = resolve(value, Date::parse(published), future) else { return "None".into() };
        let end = r.end.map(|e| format!("..{e}")).unwrap_or_default();
        format!("{}{end} {:?}", r.date, r.precision)
    }

    #[test]
    fn weekdays_and_days() {
        check("Talks resumed on Wednesday.", &[("on Wednesday", Weekday(2))]);
        check("After Wednesday night's attack", &[("Wednesday night", Weekday(2))]);
        check("Wednesday’s talks ended late Sunday.", &[("Wednesday", Weekday(2)), ("late Sunday", Weekday(6))]);
        check("a deal by FRIDAY, since last Monday", &[("by FRIDAY", Weekday(4)), ("since last Monday", Weekday(0))]);
        check(
            "yesterday, tonight, tomorrow morning, this morning, last night, two days ago",
            &[
                ("yesterday", Day(-1)),
                ("tonight", Day(0)),
                ("tomorrow morning", Day(1)),
                ("this morning", Day(0)),
                ("last night", Day(-1)),
                ("two days ago", Day(-2)),
            ],
        );
    }

    #[test]
    fn periods_and_years() {
        check(
            "last week, earlier this month, next year and late last year",
            &[
                ("last week", Week(-1)),
                ("earlier this month", Month(0)),
                ("next year", Year(1)),
                ("late last year", Year(-1)),
            ],
        );
        check(
            "in 2024, not 2023 votes; by early 2030",
            &[("in 2024", YearNumber(2024)), ("by early 2030", YearNumber(2030))],
        );
        check(
            "in the coming days, over the next few weeks, within months and in the weeks ahead",
            &[
                ("in the coming days", Coming(Unit::Day)),
                ("over the next few weeks", Coming(Unit::Week)),
                ("within months", Coming(Unit::Month)),
                ("in the weeks ahead", Coming(Unit::Week)),
            ],
        );
    }

    #[test]
    fn calendar_dates() {
        check("It began on August 6.", &[("on August 6", cal(None, 8, Some(6)))]);
        check("signed 6 Aug 2025 in", &[("6 Aug 2025", cal(Some(2025), 8, Some(6)))]);
        check("Aug. 6, 2025, was hot", &[("Aug. 6, 2025", cal(Some(2025), 8, Some(6)))]);
        check("on Sept. 11th", &[("on Sept. 11th", cal(None, 9, Some(11)))]);
        check(
            "in August and since mid-May",
            &[("in August", cal(None, 8, None)), ("since mid-May", cal(None, 5, None))],
        );
        check("In August 2025", &[("In August 2025", cal(Some(2025), 8, None))]);
        check("on Wednesday, August 6", &[("on Wednesday, August 6", cal(None, 8, Some(6)))]);
        let iso = Iso(Date { year: 2025, month: 8, day: 6 });
        check("Published 2025-08-06.", &[("2025-08-06", iso)]);
        check("at 2025-08-06T14:05:00Z,", &[("2025-08-06T14:05:00Z", iso)]);
    }

    #[test]
    fn not_times() {
        check("Russia may respond, Theresa May said; a march in 2,024 homes", &[]);
        check("the next day, Jan Kowalski, an august body, in the morning, 2025-8-6", &[]);
    }

    #[test]
    fn range_bounds_the_search() {
        let text = "on Wednesday";
        let toks = tokenize(text);
        let hashes = crate::fold::word_hashes(text, &toks);
        assert_eq!(find(text, &toks, &hashes, 0..1), []);
        let x = find(text, &toks, &hashes, 1..2);
        assert_eq!((x[0].span.text(text), x[0].first, x[0].end), ("Wednesday", 1, 2));
        assert_eq!(find(text, &toks, &hashes, 5..9), []);
    }

    #[test]
    fn never_panics() {
        for text in
            ["Aug.", "2025-", "2025-08-", "on", "May", "mid-", "’s", "in the", "next few", "😀 on 31 Feb", "9 days"]
        {
            let toks = tokenize(text);
            let hashes = crate::fold::word_hashes(text, &toks);
            for a in 0..=toks.len() {
                for b in a..=toks.len() + 1 {
                    find(text, &toks, &hashes, a..b);
                }
            }
        }
        for n in [i32::MIN, -4_000_000, 4_000_000, i32::MAX] {
            for v in [Day(n), Week(n), Month(n), Year(n)] {
                assert_eq!(res(v, "2025-08-07", false), "None", "{v:?}");
            }
        }
    }

    #[test]
    fn resolution() {
        // 2025-08-07 is a Thursday.
        let p = "2025-08-07";
        for (value, published, future, want) in [
            (Weekday(2), p, false, "2025-08-06 Day"),
            (Weekday(4), p, true, "2025-08-08 Day"),
            (Weekday(4), p, false, "2025-08-01 Day"),
            (Weekday(3), p, false, "2025-08-07 Day"),
            (Weekday(3), p, true, "2025-08-07 Day"),
            (Weekday(2), p, true, "2025-08-13 Day"),
            (Weekday(2), "", false, "None"),
            (Day(-1), p, false, "2025-08-06 Day"),
            (Day(-7), "2024-03-01", false, "2024-02-23 Day"),
            (Month(-1), p, false, "2025-07-01..2025-07-31 Month"),
            (Month(-8), p, false, "2024-12-01..2024-12-31 Month"),
            (Month(-6), "2024-08-31", false, "2024-02-01..2024-02-29 Month"),
            (Week(1), p, true, "2025-08-11..2025-08-17 Week"),
            (Week(0), "2025-08-10", false, "2025-08-04..2025-08-10 Week"),
            (Year(-1), p, false, "2024-01-01..2024-12-31 Year"),
            (YearNumber(2024), "", false, "2024-01-01..2024-12-31 Year"),
            (Coming(Unit::Day), p, true, "2025-08-08..2025-08-14 Range"),
            (Coming(Unit::Week), "2025-12-20", true, "2025-12-21..2026-01-17 Range"),
            (Coming(Unit::Month), p, true, "2025-08-08..2025-11-05 Range"),
            (cal(None, 8, Some(6)), p, false, "2025-08-06 Day"),
            (cal(None, 8, Some(6)), "", false, "None"),
            (cal(Some(2025), 8, Some(6)), "", false, "2025-08-06 Day"),
            (Iso(Date { year: 2025, month: 8, day: 6 }), "", false, "2025-08-06 Day"),
            (cal(None, 12, Some(30)), "2026-01-03", false, "2025-12-30 Day"),
            (cal(None, 1, Some(5)), "2025-12-20", true, "2026-01-05 Day"),
            (cal(None, 10, Some(1)), p, false, "2025-10-01 Day"),
            (cal(None, 11, None), p, false, "2024-11-01..2024-11-30 Month"),
            (cal(Some(2024), 2, Some(29)), "", false, "2024-02-29 Day"),
            (cal(Some(2025), 2, Some(29)), "", false, "None"),
            (cal(None, 2, Some(30)), p, false, "None"),
            (cal(Some(2000), 2, None), "", false, "2000-02-01..2000-02-29 Month"),
            (cal(Some(1900), 2, Some(29)), "", false, "None"),
        ] {
            assert_eq!(res(value, published, future), want, "{value:?} {published} future={future}");
        }
    }

    #[test]
    fn found_expressions_resolve() {
        let text = "Talks on Wednesday follow last month's vote; more are due in the coming days.";
        let toks = tokenize(text);
        let hashes = crate::fold::word_hashes(text, &toks);
        let got: Vec<_> =
            find(text, &toks, &hashes, 0..toks.len()).iter().map(|x| res(x.value, "2025-08-07", false)).collect();
        assert_eq!(got, ["2025-08-06 Day", "2025-07-01..2025-07-31 Month", "2025-08-08..2025-08-14 Range"]);
    }
}
