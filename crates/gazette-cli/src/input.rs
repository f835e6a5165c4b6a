//! Finding input files and reading articles from them, incrementally.
//!
//! The reader only splits inputs into items (a JSONL line, a text file, an
//! element of a JSON array); parsing and processing happen on the worker
//! threads.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use gazette_extract::{Article, ErrorKind, ErrorRecord, Severity};

/// Where an item came from, for ids and diagnostics.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The input file as the user can find it; `-` for stdin. Shared by
    /// the items of a file.
    pub input: Arc<str>,
    /// 1-based line for JSONL, 1-based element for JSON arrays.
    pub line: Option<u64>,
}

/// `FILE:LINE`, or `FILE` for a whole file.
impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}", self.input),
            None => f.write_str(&self.input),
        }
    }
}

/// One unit of work.
#[derive(Debug)]
pub enum Payload {
    /// A JSONL line, not yet parsed (may be invalid UTF-8).
    JsonLine(Line),
    /// An element of a JSON array (or a whole `.json` file), not yet
    /// parsed, and the article id to use when it has none.
    JsonValue { json: Vec<u8>, default_id: String },
    /// A ready article (text files, JSON files).
    Article(Article),
    /// The input could not be read.
    Error(ErrorRecord),
}

/// The bytes of a JSONL line (without its newline): a range of a chunk of
/// the input that the reader shares among the lines it cut from it, so that
/// a line costs no allocation or copy of its own.
#[derive(Debug, Clone)]
pub struct Line {
    chunk: Arc<Vec<u8>>,
    range: std::ops::Range<usize>,
}

impl std::ops::Deref for Line {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.chunk[self.range.clone()]
    }
}

/// An item with its origin.
#[derive(Debug)]
pub struct Item {
    /// Where it came from.
    pub origin: Origin,
    /// What it is.
    pub payload: Payload,
    /// Bytes it stands for in the input, for throughput.
    pub bytes: usize,
}

impl Item {
    fn error(origin: Origin, article_id: String, kind: ErrorKind, message: String) -> Item {
        let record = ErrorRecord {
            article_id,
            severity: Severity::Error,
            kind,
            message,
            input: Some(origin.input.to_string()),
            line: origin.line,
        };
        Item { origin, payload: Payload::Error(record), bytes: 0 }
    }
}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Lines and files longer than this are refused without being held in memory.
    pub max_item_bytes: usize,
    /// Publication date for articles that have none.
    pub default_published: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Jsonl,
}

fn format_of(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(n) => (n.to_string(), true),
        None => (name, false),
    };
    let fmt = if name.ends_with(".txt") {
        Format::Text
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Format::Jsonl
    } else if name.ends_with(".json") {
        Format::Json
    } else {
        return None;
    };
    Some((fmt, gz))
}

/// Expands inputs into files, in a deterministic order: each argument in
/// turn, directories walked recursively with entries sorted by name. Files of
/// unknown types inside directories are skipped (counted); named explicitly,
/// they are an error. Returns (file, root it is relative to) pairs.
pub fn expand(inputs: &[PathBuf], mut on_item: impl FnMut(Item), skipped: &mut u64) -> Vec<(PathBuf, PathBuf)> {
    let mut files = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            files.push((input.clone(), PathBuf::new()));
            continue;
        }
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, input, &mut files, &mut on_item, skipped),
            Ok(_) => {
                if format_of(input).is_some() {
                    let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
                    files.push((input.clone(), root));
                } else {
                    let o = Origin { input: input.display().to_string().into(), line: None };
                    on_item(Item::error(
                        o.clone(),
                        o.input.to_string(),
                        ErrorKind::Unsupported,
                        "unsupported file type (expected .txt, .json, .jsonl, optionally .gz)".into(),
                    ));
                }
            }
            Err(e) => {
                let o = Origin { input: input.display().to_string().into(), line: None };
                on_item(Item::error(o.clone(), o.input.to_string(), ErrorKind::Io, format!("cannot read: {e}")));
            }
        }
    }
    files
}

fn walk(
    dir: &Path,
    root: &Path,
    files: &mut Vec<(PathBuf, PathBuf)>,
    on_item: &mut impl FnMut(Item),
    skipped: &mut u64,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(v) => v,
        Err(e) => {
            let o = Origin { input: dir.display().to_string().into(), line: None };
            on_item(Item::error(o.clone(), o.input.to_string(), ErrorKind::Io, format!("cannot read directory: {e}")));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if is_dir {
            walk(&path, root, files, on_item, skipped);
        } else if format_of(&path).is_some() {
            files.push((path, root.to_path_buf()));
        } else {
            *skipped += 1;
        }
    }
}

/// The id of a text file: its path relative to the root, without extensions.
fn text_id(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut s = rel.to_string_lossy().replace('\\', "/");
    for ext in [".gz", ".txt", ".TXT"] {
        if let Some(t) = s.strip_suffix(ext) {
            s = t.to_string();
        }
    }
    s
}

/// Reads one input, calling `emit` for each item in order.
pub fn read_file(path: &Path, root: &Path, opts: &ReadOptions, emit: &mut impl FnMut(Item)) {
    let display = path.display().to_string();
    let input: Arc<str> = display.as_str().into();
    let origin = |line| Origin { input: Arc::clone(&input), line };
    if path.as_os_str() == "-" {
        let stdin = io::stdin();
        read_jsonl(BufReader::with_capacity(1 << 16, stdin.lock()), "-", false, opts, emit);
        return;
    }
    let Some((fmt, gz)) = format_of(path) else {
        return;
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            emit(Item::error(origin(None), display.clone(), ErrorKind::Io, format!("cannot open: {e}")));
            return;
        }
    };
    let reader: Box<dyn Read> = if gz { Box::new(MultiGzDecoder::new(file)) } else { Box::new(file) };
    let reader = BufReader::with_capacity(1 << 16, reader);
    match fmt {
        Format::Jsonl => read_jsonl(reader, &display, gz, opts, emit),
        Format::Text => {
            let id = text_id(path, root);
            match read_limited(reader, opts.max_item_bytes) {
                Ok(Some(bytes)) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        let bytes = text.len();
                        let article =
                            Article { id, text, published: opts.default_published.clone(), ..Article::default() };
                        emit(Item { origin: origin(None), payload: Payload::Article(article), bytes });
                    }
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        emit(Item::error(
                            origin(None),
                            id,
                            ErrorKind::InvalidUtf8,
                            format!("invalid UTF-8 at byte {at}"),
                        ));
                    }
                },
                Ok(None) => emit(Item::error(origin(None), id, ErrorKind::TooLarge, too_large(opts))),
                Err(e) => emit(Item::error(origin(None), id, read_error_kind(gz), format!("read failed: {e}"))),
            }
        }
        Format::Json => read_json(reader, &display, path, root, gz, opts, emit),
    }
}

/// A `.json` file: an array of articles, streamed element by element (each
/// held to `--max-article-bytes`, whatever the size of the file), or one
/// article, read whole up to the limit. Elements are parsed on the workers.
fn read_json(
    mut r: impl BufRead,
    display: &str,
    path: &Path,
    root: &Path,
    gz: bool,
    opts: &ReadOptions,
    emit: &mut impl FnMut(Item),
) {
    let input: Arc<str> = display.into();
    let origin = |line| Origin { input: Arc::clone(&input), line };
    let stem = text_id(path, root);
    let stem = stem.strip_suffix(".json").unwrap_or(&stem).to_string();
    let fail =
        |e: io::Error| format!("{}: {e}", if gz { "compressed input is truncated or corrupt" } else { "read failed" });
    match first_byte(&mut r) {
        Ok(Some(b'[')) => {
            r.consume(1);
            let mut index = 0u64;
            let mut element = |scan: Element| {
                index += 1;
                let o = origin(Some(index));
                let default_id = format!("{stem}#{index}");
                emit(match scan {
                    Element::Json(json) => {
                        let bytes = json.len();
                        Item { origin: o, payload: Payload::JsonValue { json, default_id }, bytes }
                    }
                    Element::TooLarge(bytes) => {
                        Item { bytes, ..Item::error(o, default_id, ErrorKind::TooLarge, too_large(opts)) }
                    }
                });
            };
            match scan_array(&mut r, opts.max_item_bytes, &mut element) {
                Ok(Ok(())) => {}
                Ok(Err(message)) => {
                    let at = index + 1;
                    emit(Item::error(origin(Some(at)), format!("{stem}#{at}"), ErrorKind::MalformedJson, message));
                }
                Err(e) => {
                    let at = index + 1;
                    emit(Item::error(origin(Some(at)), format!("{stem}#{at}"), read_error_kind(gz), fail(e)));
                }
            }
        }
        Ok(_) => match read_limited(r, opts.max_item_bytes) {
            Ok(Some(json)) => {
                let bytes = json.len();
                emit(Item { origin: origin(None), payload: Payload::JsonValue { json, default_id: stem }, bytes });
            }
            Ok(None) => emit(Item::error(origin(None), stem, ErrorKind::TooLarge, too_large(opts))),
            Err(e) => emit(Item::error(origin(None), stem, read_error_kind(gz), fail(e))),
        },
        Err(e) => emit(Item::error(origin(None), stem, read_error_kind(gz), fail(e))),
    }
}

/// The reader's buffered bytes, read again when a read is interrupted by a
/// signal; empty at the end.
fn fill(r: &mut impl BufRead) -> io::Result<&[u8]> {
    loop {
        match r.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
            // Borrowed again below: the bytes are buffered, no read is made.
            Ok(_) => break,
        }
    }
    r.fill_buf()
}

/// Skips whitespace and a byte order mark; the next byte, not consumed.
fn first_byte(r: &mut impl BufRead) -> io::Result<Option<u8>> {
    let mut start = true;
    loop {
        let chunk = fill(r)?;
        if start && chunk.starts_with(b"\xEF\xBB\xBF") {
            r.consume(3);
            start = false;
            continue;
        }
        start = false;
        let Some(&b) = chunk.first() else { return Ok(None) };
        if b.is_ascii_whitespace() {
            r.consume(1);
        } else {
            return Ok(Some(b));
        }
    }
}

/// One element of a JSON array, as [`scan_array`] found it.
enum Element {
    /// Its bytes, as written.
    Json(Vec<u8>),
    /// Over the limit: skipped without being held; its length in bytes.
    TooLarge(usize),
}

/// Reads the elements of a JSON array whose `[` is consumed, calling
/// `element` for each in order, up to the closing `]` (after which only
/// whitespace may follow). Holds at most `limit` bytes of an element: a
/// longer one is skipped and reported as [`Element::TooLarge`]. Elements are
/// delimited, not parsed: strings and nesting are followed, so that commas
/// and brackets inside them do not count, and the workers parse each one.
/// The inner `Err` is a syntax error that ends the array (its message); the
/// outer one a read error.
fn scan_array(r: &mut impl BufRead, limit: usize, element: &mut impl FnMut(Element)) -> io::Result<Result<(), String>> {
    #[derive(PartialEq)]
    enum Expect {
        /// An element or `]` (right after `[`).
        First,
        /// An element (after a comma).
        Value,
        /// A comma or `]`.
        Delimiter,
        /// Nothing but whitespace (after `]`).
        End,
    }
    let mut expect = Expect::First;
    let mut buf: Vec<u8> = Vec::new();
    // Inside an element: its size so far, its nesting depth, and whether in
    // a string (and just after a backslash there).
    let mut inside = false;
    let (mut size, mut depth, mut string, mut escaped) = (0usize, 0usize, false, false);
    loop {
        let chunk = fill(r)?;
        if chunk.is_empty() {
            return Ok(match expect {
                Expect::End => Ok(()),
                _ => Err("the JSON array ends before its closing `]`".into()),
            });
        }
        let mut i = 0;
        while i < chunk.len() {
            if inside {
                // Runs of string content are copied whole.
                let from = i;
                let mut end_here = false;
                while i < chunk.len() {
                    let b = chunk[i];
                    if string {
                        if escaped {
                            escaped = false;
                        } else if b == b'\\' {
                            escaped = true;
                        } else if b == b'"' {
                            string = false;
                            if depth == 0 {
                                i += 1;
                                end_here = true;
                                break;
                            }
                        } else if let Some(k) = memchr::memchr2(b'"', b'\\', &chunk[i..]) {
                            i += k;
                            continue;
                        } else {
                            i = chunk.len();
                            continue;
                        }
                    } else {
                        match b {
                            b'"' => string = true,
                            b'{' | b'[' => depth += 1,
                            b'}' | b']' if depth > 0 => {
                                depth -= 1;
                                if depth == 0 {
                                    i += 1;
                                    end_here = true;
                                    break;
                                }
                            }
                            // A scalar ends at what follows it.
                            b',' | b']' | b'}' if depth == 0 => {
                                end_here = true;
                                break;
                            }
                            b if depth == 0 && b.is_ascii_whitespace() => {
                                end_here = true;
                                break;
                            }
                            _ => {}
                        }
                    }
                    i += 1;
                }
                let part = &chunk[from..i];
                if size + part.len() <= limit {
                    buf.extend_from_slice(part);
                }
                size += part.len();
                if end_here {
                    inside = false;
                    element(if size <= limit {
                        Element::Json(std::mem::take(&mut buf))
                    } else {
                        Element::TooLarge(size)
                    });
                    buf.clear();
                    expect = Expect::Delimiter;
                }
                continue;
            }
            let b = chunk[i];
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            match (&expect, b) {
                (Expect::First | Expect::Delimiter, b']') => expect = Expect::End,
                (Expect::Delimiter, b',') => expect = Expect::Value,
                (Expect::First | Expect::Value, _) if b != b']' && b != b',' => {
                    inside = true;
                    (size, depth, string, escaped) = (0, 0, false, false);
                    // The first byte is read again by the element loop.
                    continue;
                }
                (Expect::End, _) => return Ok(Err("characters after the closing `]` of the JSON array".into())),
                _ => {
                    let what = if b.is_ascii_graphic() { format!("`{}`", b as char) } else { format!("byte {b:#04x}") };
                    return Ok(Err(format!("malformed JSON array: unexpected {what} between elements")));
                }
            }
            i += 1;
        }
        let n = chunk.len();
        r.consume(n);
    }
}

fn too_large(opts: &ReadOptions) -> String {
    format!("input is over the limit of {} bytes; it was not processed", opts.max_item_bytes)
}

fn read_error_kind(gz: bool) -> ErrorKind {
    if gz { ErrorKind::Compression } else { ErrorKind::Io }
}

/// Reads everything, or `None` if it is over `limit` bytes.
fn read_limited(mut r: impl Read, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    let n = r.by_ref().take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok((n <= limit).then_some(buf))
}

/// One line appended to `buf` (without the newline), reading at most
/// `limit` bytes of it into memory. Returns `Ok(None)` at the end, else the
/// line's length in bytes: over `limit`, at most its first `limit` bytes
/// were appended (the rest is skipped).
fn read_line_limited(r: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Option<usize>> {
    let mut seen = 0usize;
    let mut any = false;
    loop {
        let chunk = fill(r)?;
        if chunk.is_empty() {
            return Ok(any.then_some(seen));
        }
        any = true;
        let (part, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if seen + part.len() <= limit {
            buf.extend_from_slice(part);
        }
        seen += part.len();
        let used = done.unwrap_or(chunk.len());
        r.consume(used);
        if done.is_some() {
            return Ok(Some(seen));
        }
    }
}

/// Bytes of lines gathered in a chunk before its lines are sent (they are
/// sent sooner when the reader's buffer runs out); with its
/// room for the line that crosses it, a chunk stays below glibc's threshold
/// for mapping memory of its own (128 KiB), so it comes from the heap.
const CHUNK: usize = 64 << 10;

/// The chunks JSONL lines are read into: the one being filled, the lines
/// in it not yet sent, and the chunks sent before, each taken again for
/// filling once no line holds it (so that the reader neither allocates nor
/// first touches memory for each line). There are never more chunks than
/// the batches in flight hold at most (a few batches' bytes).
#[derive(Default)]
struct Chunks {
    filling: Vec<u8>,
    /// Line numbers and ranges in `filling`.
    lines: Vec<(u64, std::ops::Range<usize>)>,
    sent: std::collections::VecDeque<Arc<Vec<u8>>>,
}

impl Chunks {
    /// Makes room to fill, when there is none: the first sent chunk that no
    /// line holds any longer, or a new one.
    fn room(&mut self) {
        if self.filling.capacity() > 0 {
            return;
        }
        let free = self.sent.iter().position(|c| Arc::strong_count(c) == 1);
        self.filling = match free.and_then(|i| self.sent.remove(i)).and_then(|c| Arc::try_unwrap(c).ok()) {
            Some(mut c) => {
                c.clear();
                c
            }
            None => Vec::with_capacity(CHUNK + (CHUNK >> 2)),
        };
    }

    /// Sends the lines gathered so far, sharing their chunk.
    fn send(&mut self, input: &Arc<str>, emit: &mut impl FnMut(Item)) {
        if self.lines.is_empty() {
            return;
        }
        let chunk = Arc::new(std::mem::take(&mut self.filling));
        for (line, range) in self.lines.drain(..) {
            let origin = Origin { input: Arc::clone(input), line: Some(line) };
            let bytes = range.len();
            emit(Item { origin, payload: Payload::JsonLine(Line { chunk: Arc::clone(&chunk), range }), bytes });
        }
        self.sent.push_back(chunk);
    }
}

fn read_jsonl(mut r: BufReader<impl Read>, display: &str, gz: bool, opts: &ReadOptions, emit: &mut impl FnMut(Item)) {
    let input: Arc<str> = display.into();
    let mut line_no = 0u64;
    let mut chunks = Chunks::default();
    loop {
        line_no += 1;
        // The article id of an error record: a line read well gets its id
        // on the worker, from its JSON or else from its origin.
        let id = || format!("{display}:{line_no}");
        chunks.room();
        let start = chunks.filling.len();
        let read = read_line_limited(&mut r, &mut chunks.filling, opts.max_item_bytes);
        if !matches!(read, Ok(Some(seen)) if seen <= opts.max_item_bytes) {
            // Not a line to keep: the lines before it go first.
            chunks.filling.truncate(start);
            chunks.send(&input, emit);
        }
        let origin = || Origin { input: Arc::clone(&input), line: Some(line_no) };
        match read {
            Ok(None) => return,
            Ok(Some(seen)) if seen > opts.max_item_bytes => {
                // Refused, but read: the summary's bytes count it.
                emit(Item { bytes: seen, ..Item::error(origin(), id(), ErrorKind::TooLarge, too_large(opts)) });
            }
            Ok(Some(_)) => {
                let buf = &mut chunks.filling;
                if buf.last() == Some(&b'\r') && buf.len() > start {
                    buf.pop();
                }
                if buf[start..].iter().all(u8::is_ascii_whitespace) {
                    buf.truncate(start);
                    continue;
                }
                chunks.lines.push((line_no, start..buf.len()));
                // The lines go before any read that may wait (a pipe, a
                // terminal): a streaming consumer gets each one's records
                // without waiting for more input.
                if buf.len() >= CHUNK || r.buffer().is_empty() {
                    chunks.send(&input, emit);
                }
            }
            Err(e) => {
                let msg = if gz {
                    format!("compressed input is truncated or corrupt: {e}")
                } else {
                    format!("read failed: {e}")
                };
                emit(Item::error(origin(), id(), read_error_kind(gz), msg));
                return;
            }
        }
    }
}

/// Parses a JSONL line into an article, on a worker thread.
pub fn parse_line(line: &[u8], origin: &Origin, default_published: Option<&str>) -> Result<Article, ErrorRecord> {
    let id = || format!("{}:{}", origin.input, origin.line.unwrap_or(0));
    parse_json(line, "line", id, origin, default_published)
}

/// Parses an element of a JSON array, or a whole `.json` file, into an
/// article, on a worker thread.
pub fn parse_value(
    json: &[u8],
    default_id: &str,
    origin: &Origin,
    default_published: Option<&str>,
) -> Result<Article, ErrorRecord> {
    let what = if origin.line.is_some() { "element" } else { "file" };
    parse_json(json, what, || default_id.to_string(), origin, default_published)
}

/// One JSON object into an article; `what` it is (`line`, `element`,
/// `file`) for the message on invalid UTF-8.
fn parse_json(
    json: &[u8],
    what: &str,
    id: impl Fn() -> String,
    origin: &Origin,
    default_published: Option<&str>,
) -> Result<Article, ErrorRecord> {
    let fail = |kind, message| ErrorRecord {
        article_id: id(),
        severity: Severity::Error,
        kind,
        message,
        input: Some(origin.input.to_string()),
        line: origin.line,
    };
    let s = std::str::from_utf8(json).map_err(|e| {
        fail(ErrorKind::InvalidUtf8, format!("invalid UTF-8 at byte {} of the {what}", e.valid_up_to()))
    })?;
    match Article::from_json(s, &id) {
        Ok(mut a) => {
            if a.published.is_none() {
                a.published = default_published.map(str::to_string);
            }
            Ok(a)
        }
        Err(e) => {
            let mut rec = fail(e.kind(), e.to_string());
            if let gazette_extract::Error::MissingText { id } = &e {
                rec.article_id.clone_from(id);
            }
            Err(rec)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_refused_without_losing_the_next() {
        let data = b"short\nthis line is far too long\nok\n";
        let mut r = BufReader::with_capacity(4, &data[..]);
        let mut buf = b"kept".to_vec();
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), Some(5));
        assert_eq!(buf, b"keptshort", "appended");
        buf.clear();
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), Some(25));
        assert!(buf.len() <= 10 && data[6..].starts_with(&buf), "at most the first `limit` bytes");
        buf.clear();
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), Some(2));
        assert_eq!(buf, b"ok");
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), None);
    }

    #[test]
    fn text_ids_are_relative_paths_without_extension() {
        assert_eq!(text_id(Path::new("in/a/b.txt"), Path::new("in")), "a/b");
        assert_eq!(text_id(Path::new("in/a/b.txt.gz"), Path::new("in")), "a/b");
    }
}
