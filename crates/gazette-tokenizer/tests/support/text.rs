//! Random and adversarial news text for the property tests of the tokenizer
//! and of the pipeline (`crates/gazette-extract/tests/support/mod.rs`
//! includes this directory by path, so both crates draw from the same
//! pieces).
//!
//! A text is a list of pieces, each followed by nothing, a space or a line
//! end. Pieces are words (ASCII, capitalised, multi-byte), names the default
//! gazetteer knows, speech verbs and event triggers, quote marks of every
//! family, sentence punctuation and abbreviations, numbers and amounts, line
//! ends (LF, CRLF, a lone CR), odd characters (NUL, zero-width and bidi
//! controls, BOM, soft hyphen), any single character, and long runs of words
//! without punctuation. On a failure proptest shrinks the list (fewer pieces,
//! earlier alternatives, shorter words), so the reported text is small.

use proptest::prelude::*;
use proptest::sample::select;

/// Fixed pieces: news copy and its dirt.
const PIECES: &[&str] = &[
    // Names in the default gazetteer, and their surnames and metonyms.
    "Vladimir Putin",
    "Putin",
    "Russia",
    "Russian",
    "Ukraine",
    "NATO",
    "Donald Trump",
    "Trump",
    "Dmitry Peskov",
    "Peskov",
    "Volodymyr Zelenskyy",
    "the Kremlin",
    "the White House",
    "European Union",
    "EU",
    "U.S.",
    "Kyiv",
    "Moscow",
    "President",
    "spokesman",
    // Speech verbs and attribution phrases.
    "said",
    "says",
    "told reporters",
    "according to",
    "added",
    "warned",
    "quoted him as saying",
    // Whole quotations, so that direct, split and signed quotes are common.
    "“We are ready,” Peskov said.",
    "“A,” he said. “B.”",
    "“Talks,” Putin said, “will go on.”",
    "\"We will not retreat,\" Zelenskyy told reporters.",
    "« Nous sommes prêts », a dit Macron.",
    "PENCE: Well,",
    "― Jane Doe",
    "Ushakov said a summit could take place",
    // Event triggers and the words that frame them.
    "attacked",
    "held talks with",
    "imposed sanctions on",
    "rejected",
    "calls for",
    "met",
    "signed",
    "agreed to",
    "threatened to",
    "urged",
    "will",
    "not",
    "must",
    "refused to",
    // Dates and amounts.
    "on Wednesday",
    "last week",
    "August 6",
    "2025-08-07",
    "$200 million",
    "25 percent",
    "25%",
    "12 people",
    "1,400",
    "5.65",
    "1",
    // Small words.
    "a",
    "and",
    "that",
    "he",
    "it",
    "the",
    "'s",
    "’s",
    // Abbreviations and things that look like sentence ends.
    "Mr.",
    "Mr",
    "Dr.",
    "a.m.",
    "Jan.",
    "e.g.",
    "..",
    "...",
    "…",
    // Sentence and clause punctuation.
    ".",
    ",",
    ":",
    ";",
    "?",
    "!",
    "—",
    "–",
    "-",
    "(",
    ")",
    "[",
    "]",
    "$",
    "%",
    "@",
    "#",
    // Quote marks: straight, curly, low, guillemets.
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "„",
    "«",
    "»",
    "‹",
    "›",
    "``",
    "''",
    // URLs, addresses, handles.
    "http://x.y",
    "https://example.org/a.b.c.",
    "user+tag@host.org",
    "@handle",
    "#tag",
    // Line ends and spaces.
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    "\r\r",
    // Odd characters: NUL, zero-width space, left-to-right mark, right-to-left
    // override, zero-width joiner, BOM, soft hyphen, no-break space.
    "\0",
    "\u{200B}",
    "\u{200E}",
    "\u{202E}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{A0}",
    // Multi-byte letters and scripts.
    "é",
    "e\u{301}",
    "Zelenskyy’s",
    "Зеленський",
    "сказав",
    "北京",
    "东京！",
    "مرحبا",
    "🙂",
    "\u{1F1FA}\u{1F1E6}",
];

/// Words for long runs without punctuation: reported speech, triggers and
/// names that never reach a sentence end.
const RUN_WORDS: &[&str] = &[
    "the",
    "talks",
    "went",
    "on",
    "and",
    "said",
    "that",
    "he",
    "Putin",
    "Russia",
    "NATO",
    "attacked",
    "met",
    "according",
    "to",
    "officials",
    "Zelenskyy",
    "will",
    "not",
    "Monday",
    "“",
    "«",
    "é",
    "北京",
];

/// A long run without sentence punctuation: a few words cycled over 20 to
/// 600 words (cheap to draw, and it shrinks to one short word list).
fn long_run() -> impl Strategy<Value = String> {
    (prop::collection::vec(select(RUN_WORDS), 1..6), 20..600usize)
        .prop_map(|(words, n)| words.iter().cycle().take(n).copied().collect::<Vec<_>>().join(" "))
}

/// What follows a piece.
const SEPARATORS: &[&str] = &["", "", " ", " ", " ", "\n", "\r\n"];

/// One piece of text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        24 => select(PIECES).prop_map(str::to_string),
        6 => "[a-z]{1,10}",
        4 => "[A-Z][a-z]{1,9}",
        2 => "[A-Z]{2,5}",
        2 => "[à-ÿа-я一-龥]{1,6}",
        2 => any::<char>().prop_map(String::from),
        1 => long_run(),
    ]
}

/// A text of up to `max_pieces` pieces.
pub fn dirty_text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), select(SEPARATORS)), 0..max_pieces).prop_map(|parts| {
        let mut text = String::new();
        for (piece, sep) in parts {
            text.push_str(&piece);
            text.push_str(sep);
        }
        text
    })
}
