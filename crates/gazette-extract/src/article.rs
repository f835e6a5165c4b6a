//! Articles as they come in.

use std::borrow::Cow;

use serde::Deserialize;

use crate::Error;

/// One news article, the pipeline's input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable id; every record of the article carries it.
    pub id: String,
    /// Headline, if known. Not analysed, only passed on.
    pub title: Option<String>,
    /// The body text. All spans in the output are byte offsets into it.
    pub text: String,
    /// Publication date or timestamp as given (`YYYY-MM-DD` or RFC 3339).
    pub published: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Outlet or agency.
    pub source: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Str(String),
    Int(i64),
    Float(f64),
}

/// An article object as read.
#[derive(Deserialize, Default)]
struct Raw {
    id: Option<Id>,
    title: Option<String>,
    #[serde(alias = "body", alias = "content")]
    text: Option<String>,
    #[serde(alias = "date")]
    published: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

impl Article {
    /// Reads one article from a JSON object with the fields `id`, `title`,
    /// `text` (or `body`, or `content`), `published` (or `date`), `url` and
    /// `source`; other fields are ignored. `default_id` is used when the
    /// object has no `id`.
    ///
    /// Fails with [`Error::MalformedJson`] when the input is not such an
    /// object and with [`Error::MissingText`] when it has no text field.
    pub fn from_json(json: &str, default_id: impl FnOnce() -> String) -> Result<Article, Error> {
        // Most articles are flat objects of strings, read here in one pass
        // with no copy but the strings' own. Anything else (a number, an
        // array, an escape in a key, a field given twice, any error) is
        // read again by serde_json, so that results and error messages are
        // its own.
        if let Some(raw) = read_flat(json) {
            return Self::from_raw(raw, default_id);
        }
        let raw: Raw = serde_json::from_str(json).map_err(|e| Error::MalformedJson(e.to_string()))?;
        Self::from_raw(raw, default_id)
    }

    /// Like [`Article::from_json`], from an already parsed JSON value.
    pub fn from_value(value: serde_json::Value, default_id: impl FnOnce() -> String) -> Result<Article, Error> {
        let raw: Raw = serde_json::from_value(value).map_err(|e| Error::MalformedJson(e.to_string()))?;
        Self::from_raw(raw, default_id)
    }

    fn from_raw(raw: Raw, default_id: impl FnOnce() -> String) -> Result<Article, Error> {
        let id = match raw.id {
            Some(Id::Str(s)) if !s.trim().is_empty() => s,
            Some(Id::Int(n)) => n.to_string(),
            Some(Id::Float(f)) => f.to_string(),
            _ => default_id(),
        };
        let text = raw.text.ok_or_else(|| Error::MissingText { id: id.clone() })?;
        Ok(Article { id, title: raw.title, text, published: raw.published, url: raw.url, source: raw.source })
    }
}

/// A JSON object whose keys have no escapes and whose values are strings or
/// null (or, for fields not read, `true` or `false`), read as serde_json
/// reads it into [`Raw`]; `None` for anything else, and for any input that
/// serde_json refuses.
fn read_flat(json: &str) -> Option<Raw> {
    let b = json.as_bytes();
    let mut at = skip_ws(b, 0);
    if b.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_ws(b, at + 1);
    // No byte below 0x20 anywhere (JSON whitespace outside strings is rare
    // in a line): then no string needs its runs checked for one. One pass
    // over the whole input, many bytes at a time, in place of a pass per run.
    let clean = b.iter().fold(u8::MAX, |least, &c| least.min(c)) >= 0x20;
    let mut raw = Raw::default();
    // The fields read so far, one bit each (aliases share theirs).
    let mut seen = 0u8;
    let mut open = b.get(at) != Some(&b'}');
    if !open {
        at += 1;
    }
    while open {
        let (Cow::Borrowed(key), next) = string_at(json, at, clean)? else {
            return None;
        };
        at = skip_ws(b, next);
        if b.get(at) != Some(&b':') {
            return None;
        }
        at = skip_ws(b, at + 1);
        let field = match key {
            "id" => Some(0),
            "title" => Some(1),
            "text" | "body" | "content" => Some(2),
            "published" | "date" => Some(3),
            "url" => Some(4),
            "source" => Some(5),
            _ => None,
        };
        let rest = &b[at..];
        let value = if rest.starts_with(b"null") {
            at += 4;
            None
        } else if rest.first() == Some(&b'"') {
            let (text, next) = string_at(json, at, clean)?;
            at = next;
            Some(text)
        } else if field.is_none() && rest.starts_with(b"true") {
            at += 4;
            None
        } else if field.is_none() && rest.starts_with(b"false") {
            at += 5;
            None
        } else {
            return None;
        };
        if let Some(f) = field {
            if seen & (1 << f) != 0 {
                return None;
            }
            seen |= 1 << f;
            // Only the fields read own their text.
            let value = value.map(Cow::into_owned);
            match f {
                0 => raw.id = value.map(Id::Str),
                1 => raw.title = value,
                2 => raw.text = value,
                3 => raw.published = value,
                4 => raw.url = value,
                _ => raw.source = value,
            }
        }
        // A `,` and the next key, or the closing `}`.
        at = skip_ws(b, at);
        match b.get(at)? {
            b',' => at = skip_ws(b, at + 1),
            b'}' => {
                at += 1;
                open = false;
            }
            _ => return None,
        }
    }
    (skip_ws(b, at) == b.len()).then_some(raw)
}

/// The first byte from `at` that is not JSON whitespace.
fn skip_ws(b: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(at) {
        at += 1;
    }
    at
}

/// The JSON string literal that starts at `at`: what it stands for
/// (borrowed when it has no escape) and the index past it; `None` when there
/// is none, or for anything serde_json refuses in a string (a raw control
/// character, an unknown escape, a lone surrogate, no closing quote). One
/// pass: runs between escapes are found many bytes at a time and copied
/// whole. A string with escapes gets room for the rest of the input, which
/// it cannot outgrow (every escape is at least as long as what it stands
/// for). `clean` says that `json` holds no control character, so that the
/// runs need no check for one.
fn string_at(json: &str, at: usize, clean: bool) -> Option<(Cow<'_, str>, usize)> {
    let b = json.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let mut decoded: Option<String> = None;
    let mut run = at + 1;
    loop {
        let k = run + memchr::memchr2(b'"', b'\\', b.get(run..)?)?;
        // The smallest byte, without an early exit, so that many bytes are
        // compared at a time.
        if !clean && b[run..k].iter().fold(u8::MAX, |least, &c| least.min(c)) < 0x20 {
            return None;
        }
        let part = &json[run..k];
        if b[k] == b'"' {
            let text = match decoded {
                Some(mut s) => {
                    s.push_str(part);
                    // A short string (a title before the text) gives back
                    // the room it was given.
                    if s.capacity() > 2 * s.len() + 64 {
                        s.shrink_to_fit();
                    }
                    Cow::Owned(s)
                }
                None => Cow::Borrowed(part),
            };
            return Some((text, k + 1));
        }
        let s = decoded.get_or_insert_with(|| String::with_capacity(json.len() - at));
        s.push_str(part);
        let c = match b.get(k + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let (c, after) = unicode_escape(&json[k + 2..])?;
                s.push(c);
                run = json.len() - after.len();
                continue;
            }
            _ => return None,
        };
        s.push(c);
        run = k + 2;
    }
}

/// The character of a `\u` escape whose `\u` is consumed (two escapes for
/// a surrogate pair), and what follows it; `None` unless well formed.
fn unicode_escape(s: &str) -> Option<(char, &str)> {
    let hex = |s: &str| -> Option<u32> {
        let digits = s.get(..4)?;
        digits.bytes().all(|b| b.is_ascii_hexdigit()).then(|| u32::from_str_radix(digits, 16).ok())?
    };
    let n = hex(s)?;
    match n {
        0xD800..=0xDBFF => {
            let low = hex(s.get(4..)?.strip_prefix("\\u")?)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return None;
            }
            let c = char::from_u32(0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00))?;
            Some((c, &s[10..]))
        }
        _ => Some((char::from_u32(n)?, &s[4..])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The usual way: serde_json reads the text.
    fn slow(json: &str) -> Result<Article, Error> {
        let raw: Raw = serde_json::from_str(json).map_err(|e| Error::MalformedJson(e.to_string()))?;
        Article::from_raw(raw, || "default".into())
    }

    fn check(json: &str) {
        let fast = Article::from_json(json, || "default".into());
        assert_eq!(format!("{fast:?}"), format!("{:?}", slow(json)), "{json}");
    }

    #[test]
    fn texts_read_the_fast_way_are_read_as_serde_json_reads_them() {
        let texts = [
            r#""""#,
            r#""plain""#,
            r#""a\"b\\c\/d\be\ff\ng\rh\ti""#,
            r#""\u0000\u001f\u00e9\u00E9\u20AC\uffff""#,
            r#""\uD83D\uDE00 and \ud83d\ude00""#,
            r#""\\u0041\\""#,
            // Lone surrogates, bad escapes and other errors: serde_json's own.
            r#""\uD83D""#,
            r#""\uDE00""#,
            r#""\uD83Dx""#,
            r#""\uD83D\u0041""#,
            r#""\uD83D\n""#,
            r#""\u+12a""#,
            r#""\u12""#,
            r#""\x""#,
            "\"raw\ncontrol\"",
            r#""unterminated"#,
            "5",
            "null",
            "[\"a\"]",
            r#"{"a": "b"}"#,
        ];
        for text in texts {
            check(&format!(r#"{{"id": "x", "text": {text}}}"#));
            check(&format!(r#"{{"body": {text}, "title": "t", "date": "2025-01-02"}}"#));
            check(&format!(r#"{{"text": {text}, "content": "again"}}"#));
        }
        for json in [
            r#"{"id": 7}"#,
            r#"{"text": "a"} x"#,
            r#"{"text": "a", "other": {"deep": [1, "\x"]}}"#,
            "[]",
            "",
            "{}",
            " \t\r\n{ \n\"text\" \t:\r\"a\" ,\"id\":\"\"} \n",
            r#"{"text": "a",}"#,
            r#"{,"text": "a"}"#,
            r#"{"text": "a" "id": "b"}"#,
            r#"{"text" "a"}"#,
            r#"{"text": "a", "id": null, "title": null, "x": true, "y": false, "z": null, "": "e"}"#,
            r#"{"text": "a", "title": true}"#,
            r#"{"text": "a", "x": nul}"#,
            r#"{"text": "a", "x": truex}"#,
            r#"{"text": "a", "x": 1.5e3, "y": -0}"#,
            r#"{"te\u0078t": "a"}"#,
            r#"{"text": "a", "x": "1", "x": "2"}"#,
            r#"{"text": "a", "id": "b", "id": "c"}"#,
            r#"{"text": "a", "body": "b"}"#,
            r#"{"date": "2025-01-02", "published": "2025-01-03", "text": "a"}"#,
            r#"{"url": "http://x/y?a=1", "source": "BBC", "text": "\u00e9\n"}"#,
            "{\"text\": \"a\"}\u{feff}",
            "\u{feff}{\"text\": \"a\"}",
            "{\"text\": \"tab\there\"}",
            r#"{"text": "a\"#,
            r#"{"text": "a"#,
            r#"{"text""#,
            "{",
        ] {
            check(json);
        }
        // Every cut of a well-formed object, and every byte of it replaced.
        let whole = r#"{"id": "x\"1", "title": null, "text": "a\nb\u00e9\uD83D\uDE00", "n": true}"#;
        for end in 0..=whole.len() {
            check(&whole[..end]);
        }
        for at in 0..whole.len() {
            for with in [" ", "\"", "\\", "{", "}", ",", ":", "n", "1", "\u{1}", "é"] {
                check(&format!("{}{with}{}", &whole[..at], &whole[at + 1..]));
            }
        }
    }

    #[test]
    fn any_string_written_by_serde_json_is_read_back() {
        let pieces = ["a", "é", "€", "😀", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1f}", "\u{7f}", " ", "\u{2028}"];
        let mut seed = 1u64;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..(seed % 24) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let literal = serde_json::to_string(&s).unwrap();
            let unescape = |l: &str| {
                let fast =
                    string_at(l, 0, !l.bytes().any(|c| c < 0x20)).map(|(s, end)| (s.into_owned(), end == l.len()));
                assert_eq!(fast, string_at(l, 0, false).map(|(s, end)| (s.into_owned(), end == l.len())));
                fast
            };
            assert_eq!(unescape(&literal), Some((s.clone(), true)), "{literal}");
            // Every character as a \u escape (pairs beyond the BMP).
            let escaped: String = s.encode_utf16().map(|u| format!("\\u{u:04X}")).collect();
            assert_eq!(unescape(&format!("\"{escaped}\"")), Some((s.clone(), true)), "{escaped}");
        }
    }
}
