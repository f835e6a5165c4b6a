//! Byte spans into the original text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the original text of an article.
///
/// Invariant: `start <= end`, and both offsets lie on UTF-8 char boundaries of
/// the text the span was produced from, so `&text[span.start..span.end]` never
/// panics. Offsets are bytes, not chars: `"Zelenskyy’s"` has `’` at bytes
/// 9..12. Spans never change after tokenization; every later stage refers to
/// the original text through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text the span covers. `text` must be the text the span was made from.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}
