//! Tokens: a single left-to-right scan over the bytes of the text.
//!
//! The scanner looks at each byte a bounded number of times (a word is tried
//! as a URL or a dotted abbreviation only where it stops at a `:` or `.`
//! within five bytes of its start, and then scanned on plainly; a word the
//! fast loop turns down is scanned once more by the general scan), so it
//! runs in linear time on any input. Plain tokens (ASCII words and numbers
//! that end where nothing can join them, lone periods, whitespace, and ASCII
//! punctuation other than `!`, `?` and symbols: commas, straight quote marks,
//! hyphens, brackets) take a loop of their own that reads words eight bytes
//! at a time; the rest take the general scan, which decodes non-ASCII
//! characters one at a time.

use crate::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word, including dotted abbreviations (`U.S.`, `a.m.`), contractions
    /// (`don't`), names with apostrophes (`O'Brien`) and the clitic `’s` that
    /// is split off a possessive (`Trump’s` is `Trump` + `’s`).
    Word,
    /// A number with its attached unit or suffix: `1,400`, `5.65bn`, `57.85`,
    /// `25%`, `3:00`, `1990s`, `2nd`.
    Number,
    /// Punctuation: `.`, `,`, `;`, `:`, `!`, `?`, runs such as `...` or `?!`,
    /// `…`, brackets, hyphens and dashes.
    Punct,
    /// A quotation mark, straight or typographic, with a guess of its direction.
    Quote(Quote),
    /// A currency sign: `$`, `£`, `€`, `¥`, `₹`, `₽`, `₴`, ...
    Currency,
    /// Any other symbol: `%` on its own, `&`, `+`, `=`, `°`, `©`, emoji, ...
    Symbol,
    /// A URL (`https://...`, `www....`), kept whole.
    Url,
    /// An email address, kept whole.
    Email,
    /// A hashtag such as `#AIAct`, kept whole.
    Hashtag,
    /// A handle such as `@ExampleCorp`, kept whole.
    Mention,
}

/// A quotation mark's family and its likely direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quote {
    /// Which family of marks it belongs to; marks pair within a family.
    pub style: QuoteStyle,
    /// Whether it opens or closes a quotation, as far as the mark and its
    /// surroundings tell.
    pub dir: QuoteDir,
}

/// Families of quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteStyle {
    /// `"`, `“`, `”`, `„`, and the ASCII pairs ``` `` ``` and `''`.
    Double,
    /// `'`, `‘`, `’`, `‚`, and a lone backtick.
    Single,
    /// Guillemets `«` and `»`.
    Angle,
    /// Single guillemets `‹` and `›`.
    SingleAngle,
    /// CJK corner brackets `「」` and `『』`.
    Corner,
}

/// Direction of a quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteDir {
    /// Opens a quotation.
    Open,
    /// Closes a quotation.
    Close,
    /// Could be either (a straight mark with the same kind of character on
    /// both sides).
    Ambiguous,
}

/// Capitalisation of a token's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    /// No cased letters (numbers, punctuation, CJK, ...).
    None,
    /// All cased letters are lowercase: `said`.
    Lower,
    /// Starts with an uppercase letter and is not all caps: `Putin`, `McDonald`, `I`.
    Title,
    /// Two or more cased letters, all uppercase: `NATO`, `U.S.`.
    Upper,
    /// Starts lowercase with uppercase later: `iPhone`, `eBay`.
    Mixed,
}

impl Case {
    /// Whether the token starts with an uppercase letter (`Title` or `Upper`).
    pub fn is_capitalised(self) -> bool {
        matches!(self, Case::Title | Case::Upper)
    }
}

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token lies in the original text.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
    /// Capitalisation of its letters.
    pub case: Case,
    /// Whether whitespace (or the start of the text) comes right before it.
    /// `Trump-Putin` gives `Trump`, `-`, `Putin` with `space_before` false on
    /// the last two, so later stages can rebuild compounds.
    pub space_before: bool,
}

impl Token {
    /// The token's text. `text` must be the text the token was made from.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.text(text)
    }
}

// ---------------------------------------------------------------------------
// Character classes

const WS: u8 = 1; // whitespace
const AL: u8 = 2; // ASCII letter
const DG: u8 = 3; // ASCII digit
const QT: u8 = 4; // " ' `
const TP: u8 = 5; // . ! ?
const PU: u8 = 6; // other punctuation
const SY: u8 = 7; // symbol
const CU: u8 = 8; // $
const HS: u8 = 9; // #
const AT: u8 = 10; // @
const HY: u8 = 11; // -
const CT: u8 = 12; // control characters

static ASCII: [u8; 128] = {
    let mut t = [CT; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => WS,
            b'a'..=b'z' | b'A'..=b'Z' => AL,
            b'0'..=b'9' => DG,
            b'"' | b'\'' | b'`' => QT,
            b'.' | b'!' | b'?' => TP,
            b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'/' | b'\\' => PU,
            b'$' => CU,
            b'#' => HS,
            b'@' => AT,
            b'-' => HY,
            b'%' | b'&' | b'+' | b'=' | b'<' | b'>' | b'*' | b'^' | b'~' | b'|' | b'_' => SY,
            _ => CT,
        };
        i += 1;
    }
    t
};

/// Non-zero for ASCII letters and digits: bit 0 for an uppercase letter,
/// bit 1 for a lowercase one, bit 2 for any of them. Zero for everything else,
/// including every byte of a non-ASCII char.
static WORD_BITS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_uppercase() {
            5
        } else if c.is_ascii_lowercase() {
            6
        } else if c.is_ascii_digit() {
            4
        } else {
            0
        };
        i += 1;
    }
    t
};

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// For each of the eight bytes of `x` (first byte lowest) up to the first
/// that is not ASCII, the high bit set when the byte is `k` or more (`k`
/// ASCII, at least 1). Adding `0x80 - k` to an ASCII byte sets its high bit
/// exactly then and never carries; only a non-ASCII byte carries, into the
/// bytes after it, which the callers do not read.
#[inline(always)]
fn at_least(x: u64, k: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - k))
}

/// How many of the eight bytes of `x` (first byte lowest) are ASCII letters
/// or digits before the first that is not, and which of those are letters of
/// each case: the high bit of an uppercase letter's byte and bit 6 of a
/// lowercase letter's byte set in the second value (see [`case_bits`]).
#[inline(always)]
fn ascii_word_run(x: u64) -> (usize, u64) {
    // Setting bit 5 maps `A..=Z` onto `a..=z` and no other byte there: one
    // range test finds the letters of both cases.
    let folded = x | 0x2020_2020_2020_2020;
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let stop = !((letter | digit) & !x) & HIGH_BITS;
    let n = stop.trailing_zeros() as usize / 8;
    // Every bit of the bytes before the first that is no word byte (all
    // when none is).
    let first_stop = stop >> 7;
    let keep = first_stop.wrapping_sub(1) & !first_stop;
    // Among letters and digits, bit 5 is clear only in uppercase letters,
    // and bits 5 and 6 are both set only in lowercase ones.
    let upper = (!x << 2) & HIGH_BITS;
    let lower = x & (x << 1) & (HIGH_BITS >> 1);
    (n, (upper | lower) & keep)
}

/// The [`WORD_BITS`] case bits (1 for uppercase, 2 for lowercase) of the
/// letters in a mask from [`ascii_word_run`].
#[inline(always)]
fn case_bits(mask: u64) -> u8 {
    u8::from(mask & HIGH_BITS != 0) | u8::from(mask & (HIGH_BITS >> 1) != 0) << 1
}

/// How a non-ASCII char behaves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wide {
    Space,
    Word,
    Quote(QuoteStyle, QuoteDir),
    Terminal,
    Punct,
    Dash,
    Currency,
    Symbol,
}

fn wide_class(c: char) -> Wide {
    use QuoteDir::*;
    use QuoteStyle::*;
    match c {
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' => Wide::Word,
        '\u{FEFF}' => Wide::Space,
        c if c.is_whitespace() => Wide::Space,
        '“' => Wide::Quote(Double, Open),
        '”' => Wide::Quote(Double, Close),
        '„' | '‟' => Wide::Quote(Double, Open),
        '‘' | '‚' | '‛' => Wide::Quote(Single, Open),
        '’' => Wide::Quote(Single, Close),
        '«' => Wide::Quote(Angle, Open),
        '»' => Wide::Quote(Angle, Close),
        '‹' => Wide::Quote(SingleAngle, Open),
        '›' => Wide::Quote(SingleAngle, Close),
        '「' | '『' => Wide::Quote(Corner, Open),
        '」' | '』' => Wide::Quote(Corner, Close),
        '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉' => Wide::Terminal,
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => Wide::Dash,
        '£' | '¥' | '¢' | '¤' | '₠'..='₿' => Wide::Currency,
        '\u{2000}'..='\u{206F}'
        | '\u{2E00}'..='\u{2E7F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '¡'
        | '¿'
        | '§'
        | '¶'
        | '·' => Wide::Punct,
        '\u{80}'..='\u{9F}' => Wide::Space,
        '©' | '®' | '°' | '±' | '×' | '÷' | '¬' | '¦' | '¨' | '¯' | '´' | '¸' | 'µ' => Wide::Symbol,
        '\u{2100}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}' | '\u{FE00}'..='\u{FE0F}' => Wide::Symbol,
        _ => Wide::Word,
    }
}

#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    // `i` is always a char boundary here.
    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}

/// Is the char starting at byte `i` a word character (letter, digit, mark)?
#[inline]
fn is_word_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let c = *b.get(i)?;
    if c < 128 {
        let k = ASCII[c as usize];
        if k == AL || k == DG { Some(1) } else { None }
    } else {
        let (ch, len) = char_at(text, i);
        (wide_class(ch) == Wide::Word).then_some(len)
    }
}

#[inline]
fn is_alpha_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c.is_ascii_alphabetic())
}

#[inline]
fn is_digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c.is_ascii_digit())
}

/// Is there whitespace (or the end of the text) at byte `i`?
fn is_space_or_end(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => true,
        Some(&c) if c < 128 => ASCII[c as usize] == WS,
        Some(_) => wide_class(char_at(text, i).0) == Wide::Space,
    }
}

/// The apostrophe at `i` (`'` or `’`): its byte length, if it is one.
#[inline]
fn apostrophe_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i) {
        Some(b'\'') => Some(1),
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99) => Some(3),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// The scanner

/// Splits `text` into tokens. Never panics; every span lies on char
/// boundaries; linear in the length of the text.
pub fn tokenize(text: &str) -> Vec<Token> {
    scan::<true>(text, &mut ())
}

/// [`tokenize`], noting in `marks` (in order) the index of every token that
/// may matter to the sentence splitter beyond being a word: terminal
/// punctuation, words ending in a period, `:` and `;`, quote marks and
/// brackets. It may note others too; the splitter looks at each again.
pub(crate) fn tokenize_marked(text: &str, marks: &mut Vec<usize>) -> Vec<Token> {
    scan::<true>(text, marks)
}

/// Where the scanner notes the tokens the sentence splitter must look at.
trait Marks {
    fn mark(&mut self, token: usize);
}

/// Noting nothing: plain [`tokenize`].
impl Marks for () {
    #[inline(always)]
    fn mark(&mut self, _: usize) {}
}

impl Marks for Vec<usize> {
    #[inline(always)]
    fn mark(&mut self, token: usize) {
        self.push(token);
    }
}

/// The scanner. With `FAST`, runs of plain tokens take [`plain_words`] and
/// the rest the general scan below; without, every token takes the general
/// scan (for tests that the two agree).
fn scan<const FAST: bool>(text: &str, marks: &mut impl Marks) -> Vec<Token> {
    // News copy runs about one token to five bytes (the BBC corpus: 0.196
    // at the median, 0.228 at the 99th percentile, 0.25 at most): a quarter
    // of the length holds nearly every article without growing the vector,
    // whose copy on growth costs more than the unused room.
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut space = true;
    while i < n {
        let c = b[i];
        // A plain space, the commonest byte, settled by a branch that
        // predicts well instead of the table's jump.
        if c == b' ' {
            i += 1;
            space = true;
            continue;
        }
        let start = i;
        // The plain tokens start with a letter, a digit, a period, ASCII
        // whitespace or punctuation other than `!` and `?`.
        if FAST
            && (WORD_BITS[c as usize] != 0
                || c == b'.'
                || c < 128 && matches!(ASCII[c as usize], WS | CT | QT | HY | PU))
        {
            let (end, space_after) = plain_words(text, i, space, &mut out, marks);
            if end > i {
                (i, space) = (end, space_after);
                continue;
            }
        }
        let kind;
        let mut known_case = None;
        if c < 128 {
            match ASCII[c as usize] {
                WS | CT => {
                    i += 1;
                    space = true;
                    continue;
                }
                AL | DG => {
                    let (end, k, case) = scan_word(text, i);
                    i = end;
                    kind = k;
                    known_case = case;
                    // A dotted abbreviation, `U.S.` (its case is not known
                    // from the scan).
                    if case.is_none() && b[i - 1] == b'.' {
                        marks.mark(out.len());
                    }
                }
                QT | HY | PU => {
                    let (end, k, case, noted) = ascii_punct(text, i, space, &out);
                    if noted {
                        marks.mark(out.len());
                    }
                    i = end;
                    kind = k;
                    known_case = Some(case);
                }
                TP => {
                    i = scan_terminal(text, i);
                    kind = TokenKind::Punct;
                    marks.mark(out.len());
                }
                CU => {
                    i += 1;
                    kind = TokenKind::Currency;
                }
                HS | AT => {
                    let end = scan_while_word_or(text, i + 1, b"_");
                    if end > i + 1 {
                        i = end;
                        kind = if c == b'#' { TokenKind::Hashtag } else { TokenKind::Mention };
                    } else {
                        i += 1;
                        kind = TokenKind::Symbol;
                    }
                }
                _ => {
                    // SY, the one class left.
                    i += 1;
                    kind = TokenKind::Symbol;
                }
            }
        } else {
            let (ch, len) = char_at(text, i);
            match wide_class(ch) {
                Wide::Space => {
                    i += len;
                    space = true;
                    continue;
                }
                Wide::Word => {
                    let (end, k, case) = scan_word(text, i);
                    i = end;
                    kind = k;
                    known_case = case;
                    if b[i - 1] == b'.' {
                        marks.mark(out.len());
                    }
                }
                Wide::Quote(style, dir) => {
                    if ch == '’' {
                        if let Some(end) = clitic_or_elision(text, i, space, &out) {
                            i = end;
                            kind = TokenKind::Word;
                            push(&mut out, text, start, i, kind, None, space);
                            space = false;
                            continue;
                        }
                    }
                    i += len;
                    let dir = typographic_dir(text, start, i, space, dir);
                    kind = TokenKind::Quote(Quote { style, dir });
                    marks.mark(out.len());
                }
                Wide::Terminal => {
                    i = scan_terminal(text, i);
                    kind = TokenKind::Punct;
                    marks.mark(out.len());
                }
                Wide::Punct | Wide::Dash => {
                    // Wide brackets.
                    if matches!(ch, '（' | '）' | '【' | '】' | '《' | '》') {
                        marks.mark(out.len());
                    }
                    i += len;
                    kind = TokenKind::Punct;
                }
                Wide::Currency => {
                    i += len;
                    kind = TokenKind::Currency;
                }
                Wide::Symbol => {
                    i += len;
                    kind = TokenKind::Symbol;
                }
            }
        }
        push(&mut out, text, start, i, kind, known_case, space);
        // Most tokens are followed by one plain space.
        space = b.get(i) == Some(&b' ');
        i += usize::from(space);
    }
    out
}

#[inline(always)]
fn push(out: &mut Vec<Token>, text: &str, start: usize, end: usize, kind: TokenKind, known: Option<Case>, space: bool) {
    let case = match (known, kind) {
        (Some(c), _) => c,
        (None, TokenKind::Word | TokenKind::Number | TokenKind::Hashtag | TokenKind::Mention) => {
            case_of(&text[start..end])
        }
        _ => Case::None,
    };
    push_token(out, start, end, kind, case, space);
}

#[inline(always)]
fn push_token(out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind, case: Case, space: bool) {
    out.push(Token { span: Span::new(start, end), kind, case, space_before: space });
}

fn case_of(s: &str) -> Case {
    let b = s.as_bytes();
    if !b.is_ascii() {
        return case_of_chars(s);
    }
    // The first letter, then the letters after it, as for a word.
    let Some(p) = b.iter().position(u8::is_ascii_alphabetic) else { return Case::None };
    let rest = b[p + 1..].iter().fold(0, |bits, &c| bits | WORD_BITS[c as usize]);
    ascii_case(b[p], rest)
}

/// [`case_of`] for any text, char by char.
fn case_of_chars(s: &str) -> Case {
    let (mut upper, mut lower) = (0usize, 0usize);
    let mut first: Option<bool> = None;
    for ch in s.chars() {
        let (u, l) = (ch.is_uppercase(), ch.is_lowercase());
        if first.is_none() && (u || l) {
            first = Some(u);
        }
        upper += u as usize;
        lower += l as usize;
    }
    match first {
        None => Case::None,
        Some(true) if lower == 0 && upper >= 2 => Case::Upper,
        Some(true) => Case::Title,
        Some(false) if upper == 0 => Case::Lower,
        Some(false) => Case::Mixed,
    }
}

/// A run of terminal punctuation (`.`, `!`, `?`, `…`, ...) with no spaces.
#[inline]
fn scan_terminal(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        let c = b[i];
        if c < 128 {
            if ASCII[c as usize] == TP {
                i += 1;
                continue;
            }
            break;
        }
        let (ch, len) = char_at(text, i);
        if wide_class(ch) == Wide::Terminal {
            i += len;
        } else {
            break;
        }
    }
    i
}

fn scan_while_word_or(text: &str, mut i: usize, extra: &[u8]) -> usize {
    let b = text.as_bytes();
    loop {
        if let Some(len) = is_word_at(text, i) {
            i += len;
        } else if b.get(i).is_some_and(|c| extra.contains(c)) {
            i += 1;
        } else {
            return i;
        }
    }
}

fn starts_with_ci(b: &[u8], i: usize, pat: &[u8]) -> bool {
    b.len() >= i + pat.len() && b[i..i + pat.len()].eq_ignore_ascii_case(pat)
}

/// A URL runs to the next whitespace, less trailing punctuation and an
/// unbalanced closing bracket.
fn scan_url(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    let mut depth = 0i32;
    let mut end = start;
    while i < b.len() {
        let c = b[i];
        if c >= 128 {
            let (ch, len) = char_at(text, i);
            if wide_class(ch) != Wide::Word {
                break;
            }
            i += len;
            end = i;
            continue;
        }
        match c {
            b'(' => depth += 1,
            b')' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            b'"' | b'\'' | b'<' | b'>' | b'`' | b'[' | b']' | b'{' | b'}' => break,
            _ if ASCII[c as usize] == WS || ASCII[c as usize] == CT => break,
            _ => {}
        }
        i += 1;
        if !matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?') {
            end = i;
        }
    }
    end
}

/// Dotted abbreviations: two or more segments of one or two ASCII letters,
/// each followed by a period (the last period may be missing): `U.S.`,
/// `a.m.`, `J.R.R.`, `Ph.D.`, `LL.M.`, `e.g.`, `a.m`.
fn scan_dotted(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = start;
    let mut segs = 0;
    loop {
        let mut m = 0;
        while m < 3 && is_alpha_at(b, i + m) {
            m += 1;
        }
        if m == 0 || m == 3 {
            break;
        }
        if b.get(i + m) == Some(&b'.') {
            i += m + 1;
            segs += 1;
            continue;
        }
        // A last segment without its period: `a.m` followed by a non-word char.
        if segs >= 1 && is_word_at(text, i + m).is_none() {
            i += m;
            segs += 1;
        }
        break;
    }
    // `b.c` inside `a.b.com` is a domain, not an abbreviation.
    (segs >= 2 && is_word_at(text, i).is_none()).then_some(i)
}

/// A URL or a dotted abbreviation starting at `start`, whose first word
/// stops at byte `stop`: its end, kind and (unknown) case.
fn url_or_dotted(text: &str, start: usize, stop: usize) -> Option<(usize, TokenKind, Option<Case>)> {
    let b = text.as_bytes();
    if matches!(b[start], b'h' | b'H' | b'w' | b'W')
        && (starts_with_ci(b, start, b"http://")
            || starts_with_ci(b, start, b"https://")
            || starts_with_ci(b, start, b"www."))
    {
        let end = scan_url(text, start);
        if end > start + 4 {
            return Some((end, TokenKind::Url, None));
        }
    }
    // `U.S.`, `Ph.D.`: a first segment of one or two letters and its period.
    if b[stop] == b'.' && stop - start <= 2 && b[start..stop].iter().all(u8::is_ascii_alphabetic) {
        return scan_dotted(text, start).map(|end| (end, TokenKind::Word, None));
    }
    None
}

/// The end of the run of ASCII letters and digits from byte `i`, or-ing the
/// [`WORD_BITS`] of its bytes into `bits`, and the byte there (`None` at
/// the end of the text): eight bytes at a time, then through the table
/// where fewer than eight are left.
#[inline(always)]
fn ascii_run(b: &[u8], mut i: usize, bits: &mut u8) -> (usize, Option<u8>) {
    let mut case = 0;
    while let Some(chunk) = b[i..].first_chunk::<8>() {
        let x = u64::from_le_bytes(*chunk);
        let (n, run) = ascii_word_run(x);
        case |= run;
        i += n;
        if n < 8 {
            *bits |= case_bits(case);
            return (i, Some((x >> (8 * n)) as u8));
        }
    }
    *bits |= case_bits(case);
    while let Some(&c) = b.get(i) {
        let f = WORD_BITS[c as usize];
        if f == 0 {
            return (i, Some(c));
        }
        *bits |= f;
        i += 1;
    }
    (i, None)
}

/// The case of an ASCII word of letters and digits that starts with the
/// letter `first`, from the [`WORD_BITS`] of its other bytes or-ed together.
#[inline(always)]
fn ascii_case(first: u8, rest: u8) -> Case {
    use Case::*;
    // By whether `first` is lowercase (bit 5 of a letter, moved to bit 2 of
    // the index), then by the letters of the rest: none, uppercase only,
    // lowercase only, both.
    const CASES: [Case; 8] = [Title, Upper, Title, Title, Lower, Mixed, Lower, Mixed];
    CASES[usize::from(first >> 3 & 4 | rest & 3)]
}

/// Bytes at which [`scan_word`] may go on past a run of ASCII letters and
/// digits, or end the token otherwise than there: [`JOINS_WORD`] after a
/// word that starts with a letter, [`JOINS_NUMBER`] after a number.
static JOINS: [u8; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        // `.` (decimals, `a.m.`, domains), `:` (URLs, `3:00`), apostrophes
        // (`don't`, `’s`), `&` (`AT&T`), `@`, `_` and `+` (emails), and
        // every non-ASCII byte.
        if i >= 128 || matches!(i as u8, b'.' | b':' | b'\'' | b'&' | b'@' | b'_' | b'+') {
            t[i] = JOINS_WORD | JOINS_NUMBER;
        }
        // `1,400`, `24/7`, `25%`.
        if matches!(i as u8, b',' | b'/' | b'%') {
            t[i] = JOINS_NUMBER;
        }
        i += 1;
    }
    t
};
const JOINS_WORD: u8 = 1;
const JOINS_NUMBER: u8 = 2;

/// The common word or number, scanned without most of [`scan_word`]'s
/// cases: ASCII letters and digits from `start` up to a byte that joins
/// nothing to them (see [`JOINS`]; or the end of the text), a sentence's
/// period or a possessive `'s`. Its end, kind, case and whether a plain
/// space follows it, or `None` when `scan_word` must decide; for every
/// token this accepts, `scan_word` gives the same.
#[inline(always)]
fn plain_word(text: &str, start: usize) -> Option<(usize, TokenKind, Case, bool)> {
    let b = text.as_bytes();
    let mut rest = 0;
    let (end, next) = ascii_run(b, start + 1, &mut rest);
    // A letter or a digit.
    let first = b[start];
    let number = first <= b'9';
    // Most words end at a space.
    if let Some(c) = next
        && c != b' '
        && JOINS[c as usize] & if number { JOINS_NUMBER } else { JOINS_WORD } != 0
        && !ends_before(b, start, end)
    {
        return None;
    }
    if !number {
        return Some((end, TokenKind::Word, ascii_case(first, rest), next == Some(b' ')));
    }
    // A number's case comes from its first cased letter; without any, or
    // with lowercase letters only, the letters seen tell it.
    let case = match rest & 3 {
        0 => Case::None,
        2 => Case::Lower,
        _ => case_at(text, start, end),
    };
    Some((end, TokenKind::Number, case, next == Some(b' ')))
}

/// [`case_of`] the token from `start` to `end`, out of line: for the rare
/// tokens of the fast loop whose case the scan does not tell, so that the
/// loop keeps no slice of the text for them.
#[inline(never)]
fn case_at(text: &str, start: usize, end: usize) -> Case {
    case_of(&text[start..end])
}

/// Pushes the tokens from byte `i` on while they are plain: words and
/// numbers (see [`plain_word`]), periods that no other terminal punctuation
/// follows and the punctuation of [`ascii_punct`], with ASCII whitespace
/// between them; `space` says whether whitespace comes before `i`. Returns
/// where it stopped, at a token the general scan must take or at the end of
/// the text, and whether whitespace comes before that. A loop of its own,
/// out of line: the general scanner's registers are spent elsewhere.
#[inline(never)]
fn plain_words(
    text: &str,
    mut i: usize,
    mut space: bool,
    out: &mut Vec<Token>,
    marks: &mut impl Marks,
) -> (usize, bool) {
    let b = text.as_bytes();
    while let Some(&c) = b.get(i) {
        // Spaces after tokens are passed over below: a word is likelier here.
        if WORD_BITS[c as usize] != 0 {
            let Some((end, kind, case, spaced)) = plain_word(text, i) else { break };
            push_token(out, i, end, kind, case, space);
            space = spaced;
            i = end + usize::from(space);
            continue;
        } else if c == b'.' && b.get(i + 1).is_none_or(|&d| d < 128 && ASCII[d as usize] != TP) {
            marks.mark(out.len());
            push_token(out, i, i + 1, TokenKind::Punct, Case::None, space);
            i += 1;
        } else if c >= 128 {
            break;
        } else {
            match ASCII[c as usize] {
                WS | CT => {
                    i += 1;
                    space = true;
                    continue;
                }
                QT | HY | PU => {
                    let (end, kind, case, noted) = ascii_punct(text, i, space, out);
                    if noted {
                        marks.mark(out.len());
                    }
                    push_token(out, i, end, kind, case, space);
                    i = end;
                }
                _ => break,
            }
        }
        // Most tokens are followed by one plain space.
        space = b.get(i) == Some(&b' ');
        i += usize::from(space);
    }
    (i, space)
}

/// Whether [`scan_word`] ends the word or number at `start` at the byte at
/// `end`, where its run of ASCII letters and digits stops (a byte in
/// [`JOINS`]; `false` says only that this does not tell): a period that no
/// lowercase letter or digit follows, after a word other than `www` (which
/// may start a URL) of three or more bytes, or of fewer when no uppercase
/// letter or non-ASCII byte follows either (which may go on a dotted
/// abbreviation); an apostrophe that no letter follows or only an `s`; a
/// `:` after a word that cannot be a URL's scheme (longer than five bytes
/// or not starting with `h` or `w`); and after a number, a `:` or `/` that
/// no digit is on both sides of, and a `,` that three digits and no fourth
/// do not follow after a digit.
#[inline]
fn ends_before(b: &[u8], start: usize, end: usize) -> bool {
    let next = b.get(end + 1).copied().unwrap_or(b' ');
    let len = end - start;
    match b[end] {
        b'.' => {
            !next.is_ascii_lowercase()
                && !next.is_ascii_digit()
                && (len >= 3 || next < 128 && !next.is_ascii_uppercase())
                && !(len == 3 && b[start..end].eq_ignore_ascii_case(b"www"))
        }
        b'\'' => !next.is_ascii_alphabetic() || (next | 0x20 == b's' && !is_alpha_at(b, end + 2)),
        b':' | b'/' if b[start].is_ascii_digit() => !(b[end - 1].is_ascii_digit() && next.is_ascii_digit()),
        b':' => len > 5 || !matches!(b[start] | 0x20, b'h' | b'w'),
        b',' => {
            !(b[end - 1].is_ascii_digit()
                && next.is_ascii_digit()
                && is_digit_at(b, end + 2)
                && is_digit_at(b, end + 3)
                && !is_digit_at(b, end + 4))
        }
        _ => false,
    }
}

/// Words and numbers. Returns the end and the kind.
#[inline(always)]
fn scan_word(text: &str, start: usize) -> (usize, TokenKind, Option<Case>) {
    let b = text.as_bytes();
    let number = is_digit_at(b, start);
    // Letters seen: bit 0 uppercase, bit 1 lowercase; `rest` skips the first byte.
    let mut rest = 0u8;
    let mut ascii = true;
    let mut i = start;
    if b[start] < 128 {
        i += 1;
    }
    loop {
        // The run of ASCII word characters, then any other word character.
        let next;
        (i, next) = ascii_run(b, i, &mut rest);
        let Some(c) = next else { break };
        // Most words end at a space, which none of the cases below joins.
        if c == b' ' {
            break;
        }
        if c >= 128
            && let Some(len) = is_word_at(text, i)
        {
            ascii = false;
            i += len;
            continue;
        }
        // A URL's scheme or `www` and the first segment of a dotted
        // abbreviation end at a `:` or a `.` a few bytes in: they are looked
        // for where a word stops there, not at the start of every word.
        if matches!(c, b'.' | b':')
            && i - start <= 5
            && let Some(found) = url_or_dotted(text, start, i)
        {
            return found;
        }
        let prev_digit = i > start && b[i - 1].is_ascii_digit();
        match c {
            b'.' => {
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                if (next.is_ascii_digit() && prev_digit) || next.is_ascii_lowercase() {
                    i += 1;
                    continue;
                }
            }
            b',' if number && prev_digit => {
                // Thousands: exactly three digits follow.
                if is_digit_at(b, i + 1) && is_digit_at(b, i + 2) && is_digit_at(b, i + 3) && !is_digit_at(b, i + 4) {
                    i += 1;
                    continue;
                }
            }
            b':' | b'/' if number && prev_digit && is_digit_at(b, i + 1) => {
                i += 1;
                continue;
            }
            b'%' if number => {
                i += 1;
            }
            b'&' if b[i - 1].is_ascii_uppercase() && b.get(i + 1).is_some_and(|c| c.is_ascii_uppercase()) => {
                // AT&T, S&P
                i += 1;
                continue;
            }
            b'@' if !number => {
                if let Some(end) = scan_email_domain(text, i + 1) {
                    return (end, TokenKind::Email, None);
                }
            }
            b'_' | b'+' if !number => {
                // user_name@host, user+tag@host
                let mut j = i;
                loop {
                    if b.get(j).is_some_and(|&c| c == b'_' || c == b'+' || c == b'.') {
                        j += 1;
                    } else if let Some(len) = is_word_at(text, j) {
                        // A whole character: `j` stays on a char boundary.
                        j += len;
                    } else {
                        break;
                    }
                }
                if b.get(j) == Some(&b'@')
                    && let Some(end) = scan_email_domain(text, j + 1)
                {
                    return (end, TokenKind::Email, None);
                }
            }
            _ => {
                if let Some(alen) = apostrophe_len(b, i) {
                    // Letters after the apostrophe.
                    let mut j = i + alen;
                    while is_alpha_at(b, j) {
                        j += 1;
                    }
                    let after = &b[i + alen..j];
                    if after.is_empty() || is_word_at(text, j).is_some() {
                        break;
                    }
                    // Possessive / "is" clitic: split it off.
                    if after.eq_ignore_ascii_case(b"s") {
                        break;
                    }
                    // don't, they're, O'Brien, rock'n: keep whole.
                    i = j;
                    continue;
                }
            }
        }
        break;
    }
    // The case from the letters seen, when the word is plain ASCII and starts
    // with a letter; otherwise the caller works it out.
    let first = b[start];
    let case = (ascii && first.is_ascii_alphabetic()).then(|| ascii_case(first, rest));
    (i, if number { TokenKind::Number } else { TokenKind::Word }, case)
}

/// After `@`: `host(.host)+` with a final label of at least two letters.
fn scan_email_domain(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = start;
    let mut labels = 0;
    let mut last_alpha;
    loop {
        let s = i;
        while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-') {
            i += 1;
        }
        if i == s {
            return None;
        }
        labels += 1;
        last_alpha = i - s >= 2 && b[s..i].iter().all(|c| c.is_ascii_alphabetic());
        if b.get(i) == Some(&b'.') && (is_alpha_at(b, i + 1) || is_digit_at(b, i + 1)) {
            i += 1;
            continue;
        }
        break;
    }
    (labels >= 2 && last_alpha).then_some(i)
}

const ELISIONS: [&[u8]; 7] = [b"tis", b"twas", b"em", b"til", b"cause", b"n", b"bout"];

/// An apostrophe that starts a word rather than a quotation: the clitic `’s`
/// split off a possessive (`Trump’s`, also `Walter 's` in pre-tokenized
/// text), and elisions such as `'80s`, `'Tis`, `'em`.
fn clitic_or_elision(text: &str, i: usize, space: bool, out: &[Token]) -> Option<usize> {
    let b = text.as_bytes();
    let alen = apostrophe_len(b, i)?;
    let j = i + alen;
    let mut k = j;
    while is_alpha_at(b, k) {
        k += 1;
    }
    if k > j {
        if is_word_at(text, k).is_some() {
            return None;
        }
        let word = &b[j..k];
        let after_word = out
            .last()
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number) && (!space || t.span.end + 1 == i));
        if word.eq_ignore_ascii_case(b"s") {
            // `’s` after a word: possessive or "is". A spaced `'s` after a word
            // is pre-tokenized text (`Walter 's`).
            return after_word.then_some(k);
        }
        if space && ELISIONS.iter().any(|e| word.eq_ignore_ascii_case(e)) {
            return Some(k);
        }
        return None;
    }
    // '80s, '90s
    if space && is_digit_at(b, j) && is_digit_at(b, j + 1) && b.get(j + 2) == Some(&b's') {
        let k = j + 3;
        if is_word_at(text, k).is_none() {
            return Some(k);
        }
    }
    None
}

/// A straight quote (`"`, `'`, `` ` ``, ``` `` ```, `''`) and its direction
/// from the characters around it.
#[inline]
fn straight_quote(text: &str, i: usize, space: bool) -> (usize, Quote) {
    let b = text.as_bytes();
    let c = b[i];
    let (end, style) = match c {
        b'`' if b.get(i + 1) == Some(&b'`') => (i + 2, QuoteStyle::Double),
        b'\'' if b.get(i + 1) == Some(&b'\'') => (i + 2, QuoteStyle::Double),
        b'"' => (i + 1, QuoteStyle::Double),
        _ => (i + 1, QuoteStyle::Single),
    };
    let dir = if c == b'`' {
        QuoteDir::Open
    } else {
        let before_open = space || i == 0 || matches!(b[i - 1], b'(' | b'[' | b'{' | b'-');
        let after_close = is_space_or_end(text, end)
            || matches!(b.get(end), Some(b',' | b'.' | b';' | b':' | b'!' | b'?' | b')' | b']'));
        match (before_open, after_close) {
            (true, false) => QuoteDir::Open,
            (false, true) => QuoteDir::Close,
            _ => QuoteDir::Ambiguous,
        }
    };
    (end, Quote { style, dir })
}

/// ASCII punctuation that nothing joins to a word: a straight quote mark
/// (or the clitic or elision an apostrophe starts, a word), a run of
/// hyphens, or one of `,;:()[]{}/\` (classes [`QT`], [`HY`] and [`PU`]).
/// Its end, kind and case, and whether the sentence splitter must note it;
/// `out` holds the tokens before it. Shared by the fast loop and the
/// general scan.
#[inline(always)]
fn ascii_punct(text: &str, i: usize, space: bool, out: &[Token]) -> (usize, TokenKind, Case, bool) {
    let b = text.as_bytes();
    let c = b[i];
    match c {
        b'"' | b'\'' | b'`' => {
            // Of the straight marks, only `'` can start a word.
            if c == b'\''
                && let Some(end) = clitic_or_elision(text, i, space, out)
            {
                // Mostly `'s`: an apostrophe and one letter.
                let case = if end == i + 2 { ascii_case(b[i + 1], 0) } else { case_at(text, i, end) };
                return (end, TokenKind::Word, case, false);
            }
            let (end, q) = straight_quote(text, i, space);
            (end, TokenKind::Quote(q), Case::None, true)
        }
        b'-' => {
            let run = b[i..].iter().take_while(|&&c| c == b'-').count();
            (i + run, TokenKind::Punct, Case::None, false)
        }
        _ => {
            let noted = matches!(c, b':' | b';' | b'(' | b')' | b'[' | b']' | b'{' | b'}');
            (i + 1, TokenKind::Punct, Case::None, noted)
        }
    }
}

/// Typographic marks have a conventional direction; spacing overrides it when
/// it clearly says otherwise (German `„...“` closes with `“`).
fn typographic_dir(text: &str, start: usize, end: usize, space: bool, dir: QuoteDir) -> QuoteDir {
    let after_space = is_space_or_end(text, end);
    match dir {
        QuoteDir::Open if !space && after_space => QuoteDir::Close,
        QuoteDir::Close if space && !after_space && start > 0 => QuoteDir::Open,
        d => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_byte_word_scan_agrees_with_the_table_on_every_byte() {
        let by_table = |bytes: [u8; 8]| {
            let mut n = 0;
            let mut bits = 0;
            while n < 8 && WORD_BITS[bytes[n] as usize] != 0 {
                bits |= WORD_BITS[bytes[n] as usize] & 3;
                n += 1;
            }
            (n, bits)
        };
        let by_words = |bytes: [u8; 8]| {
            let (n, mask) = ascii_word_run(u64::from_le_bytes(bytes));
            (n, case_bits(mask))
        };
        // Each byte value at each of the eight places, among letters.
        for c in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"aBcDe9fG";
                bytes[at] = c;
                assert_eq!(by_words(bytes), by_table(bytes), "byte {c} at {at}");
            }
        }
        // A fixed pseudo-random sequence of any eight bytes, and of eight
        // bytes that are mostly letters and digits (long runs).
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let any = x.to_le_bytes();
            let wordy = any.map(|b| if b >= 0xC0 { b } else { b"aZ5 q.Mx"[usize::from(b % 8)] });
            for bytes in [any, wordy] {
                assert_eq!(by_words(bytes), by_table(bytes), "{bytes:?}");
            }
        }
        assert_eq!(by_words(*b"abc def "), (3, 2));
        assert_eq!(by_words(*b"NATO2025"), (8, 1));
        assert_eq!(by_words(*b"iPhone\xff\xff"), (6, 3));
        assert_eq!(by_words(*b" leading"), (0, 0));
    }

    /// The scanner with its fast paths gives the tokens and marks of the
    /// general path on pieces of news text glued in random order, with and
    /// without spaces (words across the eight-byte chunks and the end of the
    /// text, every byte that can join a word, non-ASCII letters, URLs,
    /// emails, abbreviations, numbers, quote marks), and on random bytes.
    #[test]
    fn the_fast_paths_agree_with_the_general_scan() {
        const PIECES: &str = concat!(
            "a|I|the|The|THE|said|Said|SAID|McDonald|iPhone|eBay|NATO|Internationalisation|",
            "abcdefgh|ABCDEFGH|abcdefghi|Abcdefghijklmnop|x1|A4|B52s|covid19|",
            "0|7|42|1,400|1,4000|5.65bn|57.85|25%|3:00|24/7|1990s|2nd|1.13bn|",
            ".|,|;|:|!|?|...|?!|-|--|(|)|[|]|{|}|/|%|&|+|=|_|@|#|$|*|\\|<|>|~|^|`|",
            "'|''|\"|``|’|‘|“|”|«|»|„|'s|’s|'t|n't|'80s|'em|",
            "é|É|ß|日本|Zelenskyy’s|café|naïve|\u{AD}|\u{200B}|\u{A0}|…|—|–|£|€|°|😀|",
            "U.S.|a.m.|a.m|e.g.|Ph.D.|J.R.R.|p.m|No.|Mr.|St.|x.y|a.b.com|",
            "it.|US.|I.|ab.|www|WWW.|said:|he:|http|https:|w:|12:|7/|2004,|1,00|1,000,|5bn,|2.|",
            "https://example.org/a?b=1|http://x.co|www.bbc.co.uk|HTTP://A.B|www.|http:|",
            "press@example.com|user_name@host.org|a+b@c.de|AT&T|S&P|R&D|@user|#tag|",
            "\n|\n\n|\t|\r\n| |  ",
        );
        let pieces: Vec<&str> = PIECES.split('|').collect();
        let agree = |text: &str| {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            assert_eq!(scan::<true>(text, &mut fast), scan::<false>(text, &mut general), "{text:?}");
            assert_eq!(fast, general, "marks of {text:?}");
        };
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..50_000 {
            let mut text = String::new();
            for _ in 0..next() % 16 {
                let r = next();
                text.push_str(pieces[(r % pieces.len() as u64) as usize]);
                if r >> 40 & 3 != 0 {
                    text.push(' ');
                }
            }
            agree(&text);
        }
        for _ in 0..20_000 {
            // Bytes that join words or stop them, and the bytes of `’` and `é`.
            const BYTES: &[u8] = b"aZ5 .,'@&_+:-/\"hW\xe2\x80\x99\xc3\xa9";
            let bytes: Vec<u8> = (0..next() % 24).map(|_| BYTES[next() as usize % BYTES.len()]).collect();
            agree(&String::from_utf8_lossy(&bytes));
            let bytes: Vec<u8> = (0..next() % 24).map(|_| next() as u8).collect();
            agree(&String::from_utf8_lossy(&bytes));
        }
    }

    /// The case of ASCII text from its first letter and the letters after
    /// it is the case counted char by char.
    #[test]
    fn the_ascii_case_agrees_with_the_case_by_chars() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 7) as usize;
            let text: String = (0..len).map(|k| char::from(b"aZ5 q.Mx-B"[(x >> (8 * k)) as usize % 10])).collect();
            assert_eq!(case_of(&text), case_of_chars(&text), "{text:?}");
        }
    }

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text).iter().map(|t| (t.text(text), t.kind)).collect()
    }

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn possessive_clitic_is_split() {
        assert_eq!(texts("Trump’s remark"), ["Trump", "’s", "remark"]);
        assert_eq!(texts("Russia's oil"), ["Russia", "'s", "oil"]);
    }

    #[test]
    fn contractions_and_names_stay_whole() {
        assert_eq!(texts("don't O'Brien they’re"), ["don't", "O'Brien", "they’re"]);
    }

    #[test]
    fn hyphenated_compound_is_three_tokens() {
        let t = tokenize("a Trump-Putin summit");
        assert_eq!(t.len(), 5);
        assert!(!t[2].space_before && !t[3].space_before);
    }

    #[test]
    fn numbers() {
        for n in ["1,400", "5.65bn", "57.85", "25%", "3:00", "1990s"] {
            assert_eq!(toks(n), [(n, TokenKind::Number)], "{n}");
        }
        assert_eq!(texts("$200"), ["$", "200"]);
    }

    #[test]
    fn dotted_abbreviations() {
        assert_eq!(
            texts("the U.S. Senate at 6 a.m. and J.R.R. Tolkien"),
            ["the", "U.S.", "Senate", "at", "6", "a.m.", "and", "J.R.R.", "Tolkien"]
        );
    }

    #[test]
    fn urls_emails_tags() {
        let text = "see https://example.org/report?id=1, mail press@example.com #AIAct @ExampleCorp.";
        let t = toks(text);
        assert!(t.contains(&("https://example.org/report?id=1", TokenKind::Url)));
        assert!(t.contains(&("press@example.com", TokenKind::Email)));
        assert!(t.contains(&("#AIAct", TokenKind::Hashtag)));
        assert!(t.contains(&("@ExampleCorp", TokenKind::Mention)));
    }
}
