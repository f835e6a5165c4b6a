//! Paragraphs and sentences over the token stream.
//!
//! Paragraphs come from line breaks. If the text holds at least one blank line,
//! paragraphs are separated by blank lines and a single newline is a soft wrap
//! (it still ends a sentence after an all-caps heading line or before a list
//! item). If the text holds no blank line, every line is a paragraph, as in
//! dumps that put one paragraph a line. A paragraph break always ends a
//! sentence.
//!
//! Inside a paragraph, a sentence may end after terminal punctuation (`.`,
//! `!`, `?`, `…`, runs of them, and dotted abbreviations such as `U.S.`). The
//! closing quotes and brackets right after it belong to the sentence that
//! ends. Whether it does end is decided by the next token and the word before
//! the period (see `corpora/tokenizer/sentence-words.tsv`). No sentence ends
//! strictly inside a matched pair of quotes or brackets shorter than
//! [`MAX_PAIR_BYTES`].
//!
//! The splitter does not walk every token: the tokenizer notes the tokens
//! that can end a sentence or a clause or pair with another, and the
//! splitter visits those (its marks) and the tokens after line breaks. Of
//! the plain tokens between marks it looks only for the first word of a
//! clause, each at most once. Every token is visited a bounded number of
//! times.

use std::ops::Range;

use crate::rules::{Abbrev, Rules};
use crate::token::{QuoteDir, QuoteStyle, Token, TokenKind};
use crate::{Sentence, Span};

/// Quotations and brackets up to this many bytes long keep their sentences
/// together (`"How many? I don't know," she said.` is one sentence); longer
/// ones, which are more likely mismatched marks, do not.
pub const MAX_PAIR_BYTES: usize = 500;

/// How many entries down the stack a closing mark looks for its opener.
const PAIR_SEARCH_DEPTH: usize = 4;

/// Paragraph spans and the offsets where a new line forces a new sentence
/// (the start of the line after the break).
pub(crate) fn layout(text: &str) -> (Vec<Span>, Vec<usize>) {
    struct Line {
        span: Span,
        blank_before: bool,
    }
    // A guess of one line per 128 bytes, so that most articles' lines
    // never grow.
    let mut lines = Vec::with_capacity(text.len() / 128 + 8);
    let mut saw_blank = false;
    let mut has_blank_between = false;
    let mut pos = 0;
    let mut newlines = memchr::memchr_iter(b'\n', text.as_bytes());
    while pos <= text.len() {
        let start = pos;
        let end = newlines.next().unwrap_or(text.len());
        let raw = &text[start..end];
        pos = end + 1;
        // Most lines start and end with ASCII that is no whitespace, and
        // need no trimming.
        let bare = |c: Option<&u8>| c.is_some_and(|&c| c < 128 && !matches!(c, b'\t'..=b'\r' | b' '));
        let span = if bare(raw.as_bytes().first()) && bare(raw.as_bytes().last()) {
            Span::new(start, end)
        } else {
            let trimmed_start = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                saw_blank = true;
                continue;
            }
            let s = start + trimmed_start;
            Span::new(s, s + trimmed.len())
        };
        if saw_blank && !lines.is_empty() {
            has_blank_between = true;
        }
        lines.push(Line { span, blank_before: saw_blank });
        saw_blank = false;
    }
    // Sized once: no more paragraphs or breaks than lines.
    let mut paragraphs: Vec<Span> = Vec::with_capacity(lines.len());
    let mut breaks = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let new_paragraph = i == 0 || !has_blank_between || line.blank_before;
        if new_paragraph {
            paragraphs.push(line.span);
        } else if let Some(p) = paragraphs.last_mut() {
            p.end = line.span.end;
        }
        if i > 0 {
            let prev = lines[i - 1].span.text(text);
            if new_paragraph || is_heading(prev) || is_list_item(line.span.text(text)) {
                breaks.push(line.span.start);
            }
        }
    }
    (paragraphs, breaks)
}

/// A line with letters but no lowercase letter: a headline or heading.
fn is_heading(line: &str) -> bool {
    let mut letters = 0;
    for c in line.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += c.is_alphabetic() as usize;
    }
    letters >= 2
}

/// A line that starts with a list marker: `- `, `* `, `• `, `1. `, `2) `.
fn is_list_item(line: &str) -> bool {
    let b = line.as_bytes();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("• ") {
        return true;
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) && b.get(digits + 1) == Some(&b' ')
}

/// Pairing role of a token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Opener,
    Closer,
    Either,
}

fn pair_class(text: &str, t: &Token) -> Option<(u8, Role)> {
    match t.kind {
        TokenKind::Quote(q) => {
            let fam = match q.style {
                QuoteStyle::Double => 1,
                QuoteStyle::Single => 2,
                QuoteStyle::Angle => 3,
                QuoteStyle::SingleAngle => 4,
                QuoteStyle::Corner => 5,
            };
            let role = match q.dir {
                QuoteDir::Open => Role::Opener,
                QuoteDir::Close => Role::Closer,
                QuoteDir::Ambiguous => Role::Either,
            };
            Some((fam, role))
        }
        TokenKind::Punct
            if !matches!(text.as_bytes()[t.span.start], b'(' | b')' | b'[' | b']' | b'{' | b'}' | 0x80..) =>
        {
            None
        }
        TokenKind::Punct => match t.text(text) {
            "(" | "（" => Some((10, Role::Opener)),
            ")" | "）" => Some((10, Role::Closer)),
            "[" | "【" => Some((11, Role::Opener)),
            "]" | "】" => Some((11, Role::Closer)),
            "{" => Some((12, Role::Opener)),
            "}" => Some((12, Role::Closer)),
            "《" => Some((13, Role::Opener)),
            "》" => Some((13, Role::Closer)),
            _ => None,
        },
        _ => None,
    }
}

// What a mark says of its token. `mark_of` sets the first six and the
// last; the pairing sets the three before it.
/// Terminal punctuation: `.`, `!`, `?`, `…`, runs of them.
const TERM_PUNCT: u16 = 1;
/// A word ending in a period: `U.S.`, `a.m.`.
const TERM_WORD: u16 = 1 << 1;
/// `:` or `;`, which end a clause.
const CLAUSE: u16 = 1 << 2;
/// A quote mark or bracket; its family and role are in the mark.
const PAIR: u16 = 1 << 3;
/// A forced line break comes right before the token (never on the
/// paragraph's first token, where a break changes nothing).
const BREAK: u16 = 1 << 4;
/// A word without a final period (noted only on a mark made for a break).
const WORD: u16 = 1 << 5;
/// Closes a pair, or could close one.
const CLOSER: u16 = 1 << 6;
/// Opens a short trusted pair: the tokens after it are inside.
const OPENS: u16 = 1 << 7;
/// Closes a short trusted pair: it and the tokens after it are outside.
const CLOSES: u16 = 1 << 8;
/// A lone period (with [`TERM_PUNCT`]).
const PERIOD: u16 = 1 << 9;

/// A token of a paragraph that the splitter has to look at: one that may end
/// a sentence or a clause, pair with another, or follow a line break. The
/// tokens between two marks are plain: words, numbers, commas and the like,
/// of which only the first word of a clause matters.
#[derive(Clone, Copy)]
struct Mark {
    /// Index of the token in the paragraph.
    idx: usize,
    flags: u16,
    /// Pair family and role, for a [`PAIR`] mark.
    fam: u8,
    role: Role,
}

/// The mark of token `idx` of a paragraph, `t`, if the splitter has to look
/// at it; `flags` holds [`BREAK`] when a break comes before it.
#[inline(always)]
fn mark_of(text: &str, t: &Token, idx: usize, mut flags: u16) -> Option<Mark> {
    let b = text.as_bytes();
    let mut pair = None;
    match t.kind {
        TokenKind::Word => {
            if b[t.span.end - 1] == b'.' {
                flags |= TERM_WORD;
            } else if flags != 0 {
                flags |= WORD;
            }
        }
        TokenKind::Punct => match b[t.span.start] {
            b'.' if t.span.len() == 1 => flags |= TERM_PUNCT | PERIOD,
            b'.' | b'!' | b'?' => flags |= TERM_PUNCT,
            b':' | b';' => flags |= CLAUSE,
            b'(' | b')' | b'[' | b']' | b'{' | b'}' => pair = pair_class(text, t),
            0x80.. => {
                if t.text(text).starts_with(['…', '。', '！', '？', '‼', '⁇', '⁈', '⁉']) {
                    flags |= TERM_PUNCT;
                } else {
                    pair = pair_class(text, t);
                }
            }
            _ => {}
        },
        TokenKind::Quote(_) => pair = pair_class(text, t),
        _ => {}
    }
    match pair {
        Some((fam, role)) => Some(Mark { idx, flags: flags | PAIR, fam, role }),
        None => (flags != 0).then_some(Mark { idx, flags, fam: 0, role: Role::Either }),
    }
}

/// The marks of a paragraph's tokens `toks`, in order, into `marks`
/// (cleared first). `noted` are the indices in the paragraph of the tokens
/// the tokenizer noted, a superset of those with a mark other than a break;
/// a break marks the first token at or after it (none on the first token,
/// where a break changes nothing). Consumes the breaks up to the last
/// token's start; `brk` is scratch space.
fn paragraph_marks(
    text: &str,
    toks: &[Token],
    noted: impl Iterator<Item = usize>,
    breaks: &[usize],
    bp: &mut usize,
    brk: &mut Vec<usize>,
    marks: &mut Vec<Mark>,
) {
    marks.clear();
    // The tokens that breaks come before, by binary search: breaks are few.
    brk.clear();
    while let Some(&at) = breaks.get(*bp) {
        let k = toks.partition_point(|t| t.span.start < at);
        if k == toks.len() {
            break;
        }
        if k > 0 && brk.last() != Some(&k) {
            brk.push(k);
        }
        *bp += 1;
    }
    // Most paragraphs have no break inside.
    if brk.is_empty() {
        for k in noted {
            if let Some(m) = mark_of(text, &toks[k], k, 0) {
                marks.push(m);
            }
        }
        return;
    }
    // Both lists are in order: merged, a token in both once.
    let mut noted = noted.peekable();
    let mut brk = brk.iter().copied().peekable();
    loop {
        let (k, flags) = match (noted.peek().copied(), brk.peek().copied()) {
            (None, None) => break,
            (Some(n), Some(b)) if b < n => {
                brk.next();
                (b, BREAK)
            }
            (Some(n), Some(b)) if b == n => {
                noted.next();
                brk.next();
                (n, BREAK)
            }
            (Some(n), _) => {
                noted.next();
                (n, 0)
            }
            (None, Some(b)) => {
                brk.next();
                (b, BREAK)
            }
        };
        if let Some(m) = mark_of(text, &toks[k], k, flags) {
            marks.push(m);
        }
    }
}

#[derive(Clone, Copy)]
struct Open {
    fam: u8,
    /// A straight mark whose direction was guessed from the stack.
    either: bool,
    /// Its direction is known from the mark or its neighbours.
    known: bool,
    /// No pair of its family was complete when it was seen.
    fresh: bool,
    /// Index of its mark.
    at: usize,
}

/// Pairs the quote marks and brackets among `marks`, setting [`CLOSER`],
/// [`OPENS`] and [`CLOSES`]. Returns whether any short trusted pair was
/// found. `stack` is scratch space.
fn pair_marks(text: &str, rules: &Rules, toks: &[Token], marks: &mut [Mark], stack: &mut Vec<Open>) -> bool {
    stack.clear();
    let mut any_inside = false;
    let mut pairs_done = [0u32; 16];
    for at in 0..marks.len() {
        let Mark { idx: i, flags, fam, role } = marks[at];
        if flags & PAIR == 0 {
            continue;
        }
        let mut role = role;
        let mut known = role != Role::Either;
        if role == Role::Either {
            // A straight mark: its neighbours may tell its direction.
            if let Some(r) = context_role(text, rules, toks, i) {
                role = r;
                known = true;
            } else {
                known = !spaced(toks, i);
            }
        }
        if role == Role::Opener {
            stack.push(Open { fam, either: false, known, fresh: false, at });
            continue;
        }
        let depth = stack.len();
        let found = (depth.saturating_sub(PAIR_SEARCH_DEPTH)..depth).rev().find(|&p| stack[p].fam == fam);
        match found {
            Some(p) => {
                let open = stack[p];
                stack.truncate(p);
                marks[at].flags |= CLOSER;
                pairs_done[fam as usize] += 1;
                // A pair resting on two marks whose direction nothing
                // told is not trusted to hold sentences together.
                let trusted = open.known || known;
                if trusted && toks[i].span.end - toks[marks[open.at].idx].span.start <= MAX_PAIR_BYTES {
                    marks[open.at].flags |= OPENS;
                    marks[at].flags |= CLOSES;
                    any_inside = true;
                }
            }
            None if role == Role::Either => {
                let fresh = pairs_done[fam as usize] == 0;
                stack.push(Open { fam, either: true, known, fresh, at });
            }
            // A closing mark or bracket with no opener in sight.
            None => marks[at].flags |= CLOSER,
        }
    }
    // A straight mark that opened nothing, with no quotation of its kind
    // before it in the paragraph, closes one that began before the text.
    for o in stack.iter() {
        if o.either && o.fresh {
            marks[o.at].flags |= CLOSER;
        }
    }
    any_inside
}

/// Counts the short trusted pairs around a token, walking the marks once for
/// tokens in increasing order.
struct Depth {
    /// The first mark not counted yet.
    next: usize,
    opened: usize,
    closed: usize,
}

impl Depth {
    /// How many short trusted pairs strictly enclose token `j`; `j` never
    /// decreases from one call to the next.
    fn at(&mut self, marks: &[Mark], j: usize) -> usize {
        while let Some(m) = marks.get(self.next).filter(|m| m.idx < j) {
            self.opened += usize::from(m.flags & OPENS != 0);
            self.closed += usize::from(m.flags & CLOSES != 0);
            self.next += 1;
        }
        // A pair closing at `j` no longer encloses it.
        let closes_here = marks.get(self.next).is_some_and(|m| m.idx == j && m.flags & CLOSES != 0);
        self.opened - self.closed - usize::from(closes_here)
    }
}

/// Whether token `i` has whitespace on both sides, inside the paragraph.
fn spaced(toks: &[Token], i: usize) -> bool {
    toks[i].space_before && toks.get(i + 1).is_some_and(|t| t.space_before)
}

/// The direction of a straight mark from the tokens around it: before `,`,
/// `.`, `)` or at the end it closes; at the start, after `(` or `:`, or after
/// a speech verb (`saying ''`), it opens.
fn context_role(text: &str, rules: &Rules, toks: &[Token], i: usize) -> Option<Role> {
    match toks.get(i + 1) {
        None => return Some(Role::Closer),
        Some(t) if t.kind == TokenKind::Punct => {
            if matches!(t.text(text), "," | "." | ";" | ":" | ")" | "]" | "!" | "?") {
                return Some(Role::Closer);
            }
        }
        _ => {}
    }
    if i == 0 {
        return Some(Role::Opener);
    }
    let p = &toks[i - 1];
    let opens = match p.kind {
        TokenKind::Punct => matches!(p.text(text), "(" | "[" | ":"),
        TokenKind::Word => rules.is_speech(p.text(text)),
        _ => false,
    };
    opens.then_some(Role::Opener)
}

/// An uppercase Roman numeral of two or more letters: `II`, `XIV`.
fn is_roman(w: &str) -> bool {
    w.len() >= 2 && w.bytes().all(|c| matches!(c, b'I' | b'V' | b'X' | b'L' | b'C'))
}

/// What the word before a sentence-final period is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    Abbrev(Abbrev),
    Initial,
    /// An ordinary all-lowercase word of two or more letters.
    LowerWord,
    Other,
}

/// Splits `text`, already tokenized into `tokens`, into paragraphs and
/// sentences.
pub(crate) fn split(text: &str, tokens: &[Token], noted: &[usize], rules: &Rules) -> (Vec<Span>, Vec<Sentence>) {
    let (paragraphs, breaks) = layout(text);
    let mut sentences = Vec::with_capacity(text.len() / 100 + 1);
    let mut marks = Vec::with_capacity(noted.len() + 16);
    let mut stack = Vec::new();
    let mut brk = Vec::new();
    let mut first = 0;
    let mut bp = 0;
    let mut next_noted = 0;
    for (pi, para) in paragraphs.iter().enumerate() {
        while first < tokens.len() && tokens[first].span.end <= para.start {
            first += 1;
        }
        // The paragraph's tokens end at the first that starts after it.
        // Tokens are in text order: steps of 1, 2, 4, ... from `first` to
        // get past it, then a binary search inside the last step, so a
        // paragraph of k tokens costs O(log k) (not a walk over all k, and
        // not a search of all the text's tokens for each paragraph).
        let rest = &tokens[first..];
        let inside = |t: &Token| t.span.start < para.end;
        let mut step = 1;
        while step < rest.len() && inside(&rest[step - 1]) {
            step *= 2;
        }
        let (lo, hi) = (step / 2, step.min(rest.len()));
        let last = first + lo + rest[lo..hi].partition_point(inside);
        // Skip the break at the paragraph's own start.
        while bp < breaks.len() && breaks[bp] <= para.start {
            bp += 1;
        }
        let toks = &tokens[first..last];
        while noted.get(next_noted).is_some_and(|&k| k < first) {
            next_noted += 1;
        }
        let from = next_noted;
        while noted.get(next_noted).is_some_and(|&k| k < last) {
            next_noted += 1;
        }
        let here = noted[from..next_noted].iter().map(|&k| k - first);
        paragraph_marks(text, toks, here, &breaks, &mut bp, &mut brk, &mut marks);
        let any_inside = pair_marks(text, rules, toks, &mut marks, &mut stack);
        let ctx = Paragraph { text, toks, rules };
        ctx.sentences(&marks, any_inside, &mut |r: Range<usize>| {
            let has_content = toks[r.clone()]
                .iter()
                .any(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Quote(_) | TokenKind::Symbol));
            if !has_content {
                // `---`, `* * *`: part of the previous sentence, or of none.
                if let Some(prev) = sentences.last_mut().filter(|p: &&mut Sentence| p.paragraph == pi) {
                    prev.span.end = toks[r.end - 1].span.end;
                    prev.tokens.end = first + r.end;
                }
                return;
            }
            let span = Span::new(toks[r.start].span.start, toks[r.end - 1].span.end);
            sentences.push(Sentence { span, tokens: first + r.start..first + r.end, paragraph: pi });
        });
        first = last;
    }
    (paragraphs, sentences)
}

struct Paragraph<'a> {
    text: &'a str,
    toks: &'a [Token],
    rules: &'a Rules,
}

impl Paragraph<'_> {
    fn word(&self, i: usize) -> &str {
        self.toks[i].text(self.text)
    }

    /// Whether token `i` is a lone period.
    fn is_period(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.span.len() == 1 && self.text.as_bytes()[t.span.start] == b'.'
    }

    /// The first word among tokens `from..to`, all plain (no marks).
    fn first_word(&self, from: usize, to: usize) -> Option<usize> {
        (from..to).find(|&i| self.toks[i].kind == TokenKind::Word)
    }

    /// Passes the paragraph's sentences, as token ranges in order, to `out`.
    /// `marks` are the paragraph's marks, paired; `any_inside` whether a
    /// short trusted pair is among them.
    ///
    /// Only the marks are visited: a sentence ends at a terminal mark (with
    /// the marks right after it that it absorbs) or at a break, and a clause
    /// at a clause mark; of the plain tokens between marks, only the first
    /// word after a clause begins is looked for.
    fn sentences(&self, marks: &[Mark], any_inside: bool, out: &mut impl FnMut(Range<usize>)) {
        let n = self.toks.len();
        let mut depth = Depth { next: 0, opened: 0, closed: 0 };
        let mut start = 0;
        let mut clause_head: Option<usize> = None;
        // Tokens before `pos` have been visited.
        let mut pos = 0;
        let mut m = 0;
        while m < marks.len() {
            let mark = marks[m];
            let k = mark.idx;
            if clause_head.is_none() {
                clause_head = self.first_word(pos, k);
            }
            if mark.flags & BREAK != 0 && k > start {
                out(start..k);
                start = k;
                clause_head = None;
            }
            if mark.flags & (TERM_PUNCT | TERM_WORD) == 0 {
                if mark.flags & CLAUSE != 0 {
                    clause_head = None;
                } else if mark.flags & WORD != 0 && clause_head.is_none() {
                    clause_head = Some(k);
                }
                pos = k + 1;
                m += 1;
                continue;
            }
            // Absorb further terminal marks and closing quotes and brackets:
            // marks right after `j`, the last absorbed token (whose mark is
            // `mj`), with no break before them.
            let mut j = k;
            let mut mj = m;
            let mut closer = false;
            let mut periods = usize::from(mark.flags & PERIOD != 0);
            // A break inside an absorbed citation ends the sentence after it.
            let mut broken = false;
            while j + 1 < n {
                let Some(u) = marks.get(mj + 1).filter(|u| u.idx == j + 1 && u.flags & BREAK == 0) else {
                    break;
                };
                if u.flags & TERM_PUNCT != 0 {
                    periods += usize::from(u.flags & PERIOD != 0);
                } else if u.flags & CLOSER != 0 {
                    closer = true;
                } else if let Some(end) = self.citation(j + 1) {
                    // The citation's tokens are absorbed whatever their marks.
                    j = end - 1;
                    mj += 1;
                    while let Some(c) = marks.get(mj + 1).filter(|c| c.idx <= j) {
                        broken |= c.flags & BREAK != 0;
                        mj += 1;
                    }
                    if broken {
                        break;
                    }
                    continue;
                } else {
                    break;
                }
                j += 1;
                mj += 1;
            }
            let next = j + 1;
            if next < n
                && (!any_inside || depth.at(marks, j) == 0)
                && self.ends(start, k, j, closer, periods, clause_head)
            {
                out(start..next);
                start = next;
                clause_head = None;
            }
            if broken && next < n && next > start {
                out(start..next);
                start = next;
                clause_head = None;
            }
            pos = next;
            m = mj + 1;
        }
        if start < n {
            out(start..n);
        }
    }

    /// A citation mark such as `[1]` or `[2–11]` right after a sentence end:
    /// returns the index after its closing bracket.
    fn citation(&self, i: usize) -> Option<usize> {
        if self.word(i) != "[" {
            return None;
        }
        let mut j = i + 1;
        while j < self.toks.len() && j < i + 6 {
            match self.toks[j].kind {
                TokenKind::Number => {}
                TokenKind::Punct if matches!(self.word(j), "," | "-" | "–") => {}
                TokenKind::Punct if self.word(j) == "]" => return (j > i + 1).then_some(j + 1),
                _ => return None,
            }
            j += 1;
        }
        None
    }

    /// What the word before the terminal mark at `k` is; `plain` says
    /// whether that mark is a lone period.
    fn classify_before(&self, k: usize, plain: bool) -> Before {
        let t = &self.toks[k];
        let s = t.text(self.text);
        let (word, wi) = if t.kind == TokenKind::Word {
            // A dotted abbreviation: `U.S.`
            (&s[..s.len() - 1], k)
        } else if plain && k > 0 && self.toks[k - 1].kind == TokenKind::Word {
            (self.word(k - 1), k - 1)
        } else {
            return Before::Other;
        };
        if let Some(a) = self.rules.abbrev(word) {
            if a != Abbrev::Unit {
                return Before::Abbrev(a);
            }
            // Units only after a number or another unit: `5 ft. 6 in.`, `12 sq. ft.`
            let mut p = wi;
            if p > 1 && self.is_period(p - 1) {
                p -= 1;
            }
            let after_number = p > 0
                && (self.toks[p - 1].kind == TokenKind::Number
                    || self.rules.is_number_word(self.word(p - 1))
                    || self.rules.abbrev(self.word(p - 1)) == Some(Abbrev::Unit));
            if after_number {
                return Before::Abbrev(Abbrev::Unit);
            }
        }
        let b = word.as_bytes();
        if b.len() == 1 && b[0].is_ascii_uppercase() {
            return Before::Initial;
        }
        // An ordinary lowercase word holds no period.
        let lower = b.len() >= 2 && b.iter().all(u8::is_ascii_lowercase);
        if !lower && b.contains(&b'.') {
            // Unknown dotted initialisms of capitals (`P.D.T.`, `N.Y.`) read as
            // names; other dotted forms as ordinary abbreviations.
            let caps = word.split('.').all(|seg| seg.len() == 1 && seg.as_bytes()[0].is_ascii_uppercase());
            return Before::Abbrev(if caps { Abbrev::Continuing } else { Abbrev::General });
        }
        if lower && t.kind == TokenKind::Punct {
            return Before::LowerWord;
        }
        Before::Other
    }

    /// Does the sentence end after tokens `k..=j` (terminal mark at `k`, then
    /// absorbed marks)?
    fn ends(&self, start: usize, k: usize, j: usize, closer: bool, periods: usize, clause_head: Option<usize>) -> bool {
        let n = self.toks.len();
        let next = &self.toks[j + 1];
        let is_word = self.toks[k].kind == TokenKind::Word;
        // A lone period, the commonest mark, holds neither an ellipsis nor a
        // question mark.
        let plain = self.is_period(k);
        let term = || self.word(k);
        let ellipsis = (!is_word && periods >= 2) || (!plain && (term().contains("..") || term().contains('…')));
        let question = !plain && term().contains(['?', '!']);
        // A list marker: `1.` opening its line.
        if plain && k == start + 1 && self.toks[start].kind == TokenKind::Number && self.toks[start].span.len() <= 3 {
            return false;
        }
        // `(the E.U.).`: the sentence's own period follows the abbreviation's.
        let own_period = is_word && periods >= 1;
        let before = if ellipsis || question || own_period { Before::Other } else { self.classify_before(k, plain) };

        if !next.space_before {
            // `world.Today`: a missing space after a full stop.
            let prev_ok = closer
                || (k > 0
                    && !self.toks[k].space_before
                    && match self.toks[k - 1].kind {
                        TokenKind::Number => true,
                        TokenKind::Word => self.word(k - 1).chars().count() >= 2,
                        _ => false,
                    });
            return prev_ok
                && matches!(before, Before::Other | Before::LowerWord)
                && next.kind == TokenKind::Word
                && next.case == crate::Case::Title
                && self.word(j + 1).chars().count() >= 2
                // `7.Bg5` is a code, not a new sentence.
                && self.word(j + 1).chars().all(char::is_alphabetic);
        }

        // Look through an opening quote or bracket to the word it opens.
        let mut f = j + 1;
        if matches!(next.kind, TokenKind::Quote(_))
            || next.span.len() == 1 && matches!(self.text.as_bytes()[next.span.start], b'(' | b'[' | b'{')
        {
            f += 1;
            if f >= n {
                return true;
            }
        }
        let first = &self.toks[f];
        match first.kind {
            TokenKind::Number | TokenKind::Currency => match before {
                Before::Abbrev(Abbrev::Title | Abbrev::PreNumber | Abbrev::Unit | Abbrev::Continuing)
                | Before::Initial => false,
                // `7 p.m. 7 a.m. is ...` ends; `A.D. 79` does not.
                Before::Abbrev(Abbrev::Time) => k > 0 && self.toks[k - 1].kind == TokenKind::Number,
                _ => true,
            },
            TokenKind::Word if before == Before::Abbrev(Abbrev::PreNumber) && is_roman(self.word(f)) => {
                // `Vol. II`
                false
            }
            TokenKind::Word | TokenKind::Hashtag | TokenKind::Mention | TokenKind::Url | TokenKind::Email => {
                if first.case == crate::Case::Lower {
                    // Only an ordinary lowercase word's period ends a
                    // sentence before a lowercase word (`Come in. then`).
                    return before == Before::LowerWord && !closer;
                }
                let w = self.word(f);
                // Looked up only where the word before the period needs it.
                let starter = || self.rules.is_starter(w);
                if ellipsis {
                    return w != "I";
                }
                if question && closer && f + 1 < n && self.rules.is_speech(self.word(f + 1)) {
                    return false;
                }
                match before {
                    Before::Abbrev(Abbrev::Title) => false,
                    Before::Initial | Before::Abbrev(Abbrev::Continuing) => starter(),
                    // `6 p.m. Pacific time`, `9 a.m. GMT`
                    Before::Abbrev(Abbrev::Time)
                        if self.rules.is_timezone(w) || (f + 1 < n && self.word(f + 1) == "time") =>
                    {
                        false
                    }
                    Before::Abbrev(Abbrev::Time) => {
                        starter() || !clause_head.is_some_and(|h| self.rules.is_adverbial(self.word(h)))
                    }
                    _ => true,
                }
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines are trimmed as `str::trim` trims them, whether or not they take
    /// the shortcut for lines that start and end with ASCII other than
    /// whitespace: with no blank line, each line is a paragraph.
    #[test]
    fn lines_are_trimmed_as_str_trim_trims_them() {
        const PIECES: [&str; 14] =
            ["word", "W.", " ", "  ", "\t", "\r", "\x0b", "\x0c", "\x1c", "\u{a0}", "\u{3000}", "\u{85}", "é", "”"];
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..5_000 {
            let mut text = String::new();
            for line in 0..next() % 5 + 1 {
                if line > 0 {
                    text.push('\n');
                }
                let word = next() % 4;
                for p in 0..next() % 4 + 1 {
                    text.push_str(if p == word { "word" } else { PIECES[(next() % 14) as usize] });
                }
                text.push_str("word");
                for _ in 0..next() % 3 {
                    text.push_str(PIECES[(next() % 14) as usize]);
                }
            }
            let expected: Vec<&str> = text.split('\n').map(str::trim).collect();
            let (paragraphs, _) = layout(&text);
            let found: Vec<&str> = paragraphs.iter().map(|p| p.text(&text)).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    /// The splitter sees only the tokens the tokenizer notes (and those after
    /// a break): every token that has a mark of its own must be noted.
    #[test]
    fn the_tokenizer_notes_every_token_with_a_mark() {
        // Pieces of text, `|` between them.
        const PIECES: &str = concat!(
            "word|Word|U.S.|a.m|e.g.|Ph.D.|3.5|1,000|.|...|?!|!|…|。|！|？|‼|:|;|,|-|—|(|)|[|]|{|}|（|）|【|】|《|》|",
            "\"|'|''|``|`|“|”|‘|’|’s|'s|«|»|‹|›|„|「|」|『|』|#tag|@user|x@y.com|https://a.b/c.|www.x.org.|",
            "$|%|&|é|ß.|日本|\u{AD}|\n",
        );
        let pieces: Vec<&str> = PIECES.split('|').collect();
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(x % 24) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push_str(pieces[(x % pieces.len() as u64) as usize]);
                if x >> 40 & 1 == 0 {
                    text.push(' ');
                }
            }
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut noted = Vec::new();
            let toks = crate::token::tokenize_marked(&text, &mut noted);
            for (i, t) in toks.iter().enumerate() {
                if mark_of(&text, t, i, 0).is_some() {
                    assert!(noted.binary_search(&i).is_ok(), "token {i} {:?} of {text:?}", t.text(&text));
                }
            }
        }
    }
}
