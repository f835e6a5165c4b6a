//! Articles as they come in.

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

#[derive(Deserialize)]
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
        let text = raw.text.ok_or(Error::MissingText { id: id.clone() })?;
        Ok(Article { id, title: raw.title, text, published: raw.published, url: raw.url, source: raw.source })
    }
}
