//! The word lists the sentence splitter consults, parsed from a TSV file.

use rustc_hash::FxHashMap as HashMap;

use crate::Error;

/// The default word list, `corpora/tokenizer/sentence-words.tsv`, embedded at
/// build time.
pub const DEFAULT_SENTENCE_WORDS: &str = include_str!("../../../corpora/tokenizer/sentence-words.tsv");

/// What a period after an abbreviation does; see the header of
/// `corpora/tokenizer/sentence-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    Title,
    PreNumber,
    Continuing,
    Time,
    Unit,
    General,
}

const STARTER: u8 = 1;
const SPEECH: u8 = 2;
const ADVERBIAL: u8 = 4;
const NUMBER_WORD: u8 = 8;
const TIMEZONE: u8 = 16;

/// Adverbial openers that make a sentence's first words a fronted time phrase
/// (`At 6 a.m. Mr. Smith arrived`). Fixed by the grammar, not data.
const ADVERBIAL_WORDS: [&str; 24] = [
    "In", "On", "At", "By", "Around", "Before", "After", "Since", "Until", "From", "During", "About", "in", "on", "at",
    "by", "around", "before", "after", "since", "until", "from", "during", "about",
];

/// Parsed sentence-splitting word lists.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Lowercase abbreviations without their final period, as bytes so that
    /// a word lowercased into a buffer is looked up as it is.
    abbrevs: HashMap<Box<[u8]>, Abbrev>,
    /// For each length up to 15 bytes, bit `c & 31` set when an ASCII
    /// abbreviation of that length starts with `c`, and when one ends with
    /// `c`: most words are looked up no further.
    abbrev_starts: [u32; 16],
    abbrev_ends: [u32; 16],
    words: HashMap<Box<str>, u8>,
    /// For each length up to 31 bytes, bit `c & 31` set when a word of the
    /// other lists has that length and starts with the byte `c`.
    word_starts: [u32; 32],
}

impl Rules {
    /// Parses a word list in the format of
    /// `corpora/tokenizer/sentence-words.tsv`: `WORD<TAB>CLASS` a line, `#`
    /// comments and blank lines ignored.
    pub fn parse(source: &str) -> Result<Self, Error> {
        let mut abbrevs = HashMap::default();
        let mut words: HashMap<Box<str>, u8> = HashMap::default();
        for w in ADVERBIAL_WORDS {
            *words.entry(w.into()).or_default() |= ADVERBIAL;
        }
        for (n, line) in source.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| Error::Rules { line: n + 1, message };
            let (word, class) =
                line.split_once('\t').ok_or_else(|| err(format!("expected WORD<TAB>CLASS, found {line:?}")))?;
            let word = word.trim();
            if word.is_empty() || word.contains(char::is_whitespace) {
                return Err(err(format!("bad word {word:?}")));
            }
            let abbrev = match class.trim() {
                "title" => Abbrev::Title,
                "prenumber" => Abbrev::PreNumber,
                "continuing" => Abbrev::Continuing,
                "time" => Abbrev::Time,
                "unit" => Abbrev::Unit,
                "general" => Abbrev::General,
                "starter" | "speech" | "numberword" | "timezone" => {
                    let flag = match class.trim() {
                        "starter" => STARTER,
                        "speech" => SPEECH,
                        "timezone" => TIMEZONE,
                        _ => NUMBER_WORD,
                    };
                    *words.entry(word.into()).or_default() |= flag;
                    continue;
                }
                other => return Err(err(format!("unknown class {other:?}"))),
            };
            let key = word.trim_end_matches('.').to_lowercase();
            if let Some(old) = abbrevs.insert(key.into_bytes().into_boxed_slice(), abbrev)
                && old != abbrev
            {
                return Err(err(format!("{word:?} already has class {old:?}")));
            }
        }
        let (mut abbrev_starts, mut abbrev_ends) = ([0u32; 16], [0u32; 16]);
        for key in abbrevs.keys() {
            if let (Some(&first), Some(&last)) = (key.first(), key.last())
                && key.is_ascii()
                && key.len() < 16
            {
                abbrev_starts[key.len()] |= 1 << (first & 31);
                abbrev_ends[key.len()] |= 1 << (last & 31);
            }
        }
        let mut word_starts = [0u32; 32];
        for key in words.keys() {
            if let Some(&c) = key.as_bytes().first()
                && key.len() < 32
            {
                word_starts[key.len()] |= 1 << (c & 31);
            }
        }
        Ok(Rules { abbrevs, abbrev_starts, abbrev_ends, words, word_starts })
    }

    pub(crate) fn abbrev(&self, word: &str) -> Option<Abbrev> {
        if word.len() > 15 {
            return None;
        }
        let bytes = word.as_bytes();
        if bytes.is_ascii() {
            // Letters of either case agree in their low five bits.
            let seen = |set: &[u32; 16], c: u8| set[bytes.len()] >> (c & 31) & 1 != 0;
            if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last())
                && !(seen(&self.abbrev_starts, first) && seen(&self.abbrev_ends, last))
            {
                return None;
            }
            let mut buf = [0u8; 15];
            let lower = &mut buf[..bytes.len()];
            lower.copy_from_slice(bytes);
            lower.make_ascii_lowercase();
            self.abbrevs.get(&*lower).copied()
        } else {
            self.abbrevs.get(word.to_lowercase().as_bytes()).copied()
        }
    }

    fn flags(&self, word: &str) -> u8 {
        let b = word.as_bytes();
        if let Some(&c) = b.first()
            && b.len() < 32
            && self.word_starts[b.len()] >> (c & 31) & 1 == 0
        {
            return 0;
        }
        self.words.get(word).copied().unwrap_or(0)
    }

    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.flags(word) & STARTER != 0
    }

    pub(crate) fn is_speech(&self, word: &str) -> bool {
        self.flags(word) & SPEECH != 0
    }

    pub(crate) fn is_number_word(&self, word: &str) -> bool {
        self.flags(word) & NUMBER_WORD != 0
    }

    pub(crate) fn is_timezone(&self, word: &str) -> bool {
        self.flags(word) & TIMEZONE != 0
    }

    pub(crate) fn is_adverbial(&self, word: &str) -> bool {
        self.flags(word) & ADVERBIAL != 0
    }
}

impl Default for Rules {
    /// The embedded default list.
    fn default() -> Self {
        // The embedded file is checked by a unit test; a parse failure here is
        // a build defect, not bad input.
        Rules::parse(DEFAULT_SENTENCE_WORDS).expect("embedded sentence-words.tsv parses")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_parses() {
        let r = Rules::parse(DEFAULT_SENTENCE_WORDS).unwrap();
        assert_eq!(r.abbrev("Mr"), Some(Abbrev::Title));
        assert_eq!(r.abbrev("U.S"), Some(Abbrev::Continuing));
        assert_eq!(r.abbrev("a.m"), Some(Abbrev::Time));
        assert!(r.is_starter("The") && !r.is_starter("the"));
        assert!(r.is_speech("asked"));
    }

    /// The filters in front of the tables let every listed abbreviation
    /// through, in any case, and every listed word, and turn others away.
    #[test]
    fn every_abbreviation_is_found_in_any_case() {
        let r = Rules::parse(DEFAULT_SENTENCE_WORDS).unwrap();
        let mut listed = 0;
        for line in DEFAULT_SENTENCE_WORDS.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, class)) = line.split_once('\t') else { continue };
            if matches!(class.trim(), "starter" | "speech" | "numberword" | "timezone") {
                continue;
            }
            let key = word.trim().trim_end_matches('.');
            for form in [key.to_string(), key.to_lowercase(), key.to_uppercase()] {
                assert!(r.abbrev(&form).is_some(), "{form:?}");
            }
            listed += 1;
        }
        assert!(listed > 100);
        for word in ["said", "year", "Minister", "xyz", "Z", "", "été"] {
            assert_eq!(r.abbrev(word), None, "{word:?}");
        }
        for line in DEFAULT_SENTENCE_WORDS.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, class)) = line.split_once('\t') else { continue };
            let found = match class.trim() {
                "starter" => r.is_starter(word.trim()),
                "speech" => r.is_speech(word.trim()),
                "numberword" => r.is_number_word(word.trim()),
                "timezone" => r.is_timezone(word.trim()),
                _ => true,
            };
            assert!(found, "{line:?}");
        }
        assert!(ADVERBIAL_WORDS.iter().all(|w| r.is_adverbial(w)));
        assert!(!r.is_starter("the") && !r.is_speech("Asked") && !r.is_speech(""));
        let custom = Rules::parse("Éd\tgeneral\nq\tunit\n").unwrap();
        assert_eq!(custom.abbrev("éD"), Some(Abbrev::General));
        assert_eq!(custom.abbrev("Q"), Some(Abbrev::Unit));
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let err = Rules::parse("# c\nMr\ttitle\nFoo\tweird\n").unwrap_err();
        assert_eq!(err.to_string(), "sentence word list, line 3: unknown class \"weird\"");
    }
}
