//! Records as JSON: the bytes `serde_json::to_writer` writes, with less work.
//!
//! serde_json runs every string, keys included, through a byte-by-byte
//! escape loop; most of the strings in gazette's records (all of its keys,
//! most names and sentences) hold no byte that needs escaping. This writer,
//! a `serde::Serializer` driven by the records' own `Serialize`, checks a
//! string eight bytes at a time and copies it whole when it needs no escape,
//! writes integers with `itoa` as serde_json does, and leaves everything
//! else to serde_json: a string with an escape, a float, and any value of a
//! shape the records do not have (a map, a tuple, an enum variant with
//! data), for which the whole value is written again by serde_json. So the
//! output is serde_json's, byte for byte (tests compare the two).

use serde::Serialize;
use serde::ser::{self, Impossible};

/// Appends `value` to `out` as compact JSON, as `serde_json::to_writer`
/// does, with the same bytes.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> serde_json::Result<()> {
    let start = out.len();
    if value.serialize(Writer { out }).is_ok() {
        return Ok(());
    }
    out.truncate(start);
    serde_json::to_writer(out, value)
}

/// Something this writer leaves to serde_json.
#[derive(Debug)]
struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value left to serde_json")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// Whether a JSON string of these bytes needs an escape: a control byte
/// (below 0x20), `"` or `\`, as serde_json escapes them (it leaves 0x7f
/// and everything beyond ASCII as is). In line: for a key, a constant
/// where it is written, the compiler may settle it.
#[inline(always)]
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // Whether some byte of `x` is below `n` (n <= 0x80), or is zero: exact
    // as a whole (a borrow can only mark a byte above a true one).
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let zero = |x: u64| below(x, 1);
    let word = |w: &[u8]| {
        let mut word = [b' '; 8];
        word[..w.len()].copy_from_slice(w);
        let x = u64::from_le_bytes(word);
        below(x, 0x20) | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))) != 0
    };
    // Eight bytes at a time; the last few padded with spaces, or, in a
    // string of eight bytes or more, read as the eight that end it.
    if bytes.len() < 8 {
        return word(bytes);
    }
    let mut chunks = bytes.chunks_exact(8);
    chunks.by_ref().any(word) || (!chunks.remainder().is_empty() && word(&bytes[bytes.len() - 8..]))
}

/// A JSON string: copied whole between its quotes when it needs no
/// escape, else written by serde_json. In line, as [`needs_escape`].
#[inline(always)]
fn write_str(out: &mut Vec<u8>, s: &str) -> Result<(), Unsupported> {
    write_str_then(out, s, b"\"")
}

/// [`write_str`], then `after` (the closing quote and what follows it: a
/// key's `":`), in one copy.
#[inline(always)]
fn write_str_then(out: &mut Vec<u8>, s: &str, after: &[u8]) -> Result<(), Unsupported> {
    if needs_escape(s.as_bytes()) {
        write_escaped(out, s)?;
        out.extend_from_slice(&after[1..]);
        return Ok(());
    }
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.extend_from_slice(after);
    Ok(())
}

#[cold]
fn write_escaped(out: &mut Vec<u8>, s: &str) -> Result<(), Unsupported> {
    serde_json::to_writer(out, s).map_err(|_| Unsupported)
}

fn write_int(out: &mut Vec<u8>, n: impl itoa::Integer) -> Result<(), Unsupported> {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    Ok(())
}

/// The serializer: writes one value to the end of `out`.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// A list or an object under way. Each item is written with a `,` after
/// it; the closing bracket takes the place of the last one.
struct Compound<'a> {
    out: &'a mut Vec<u8>,
}

impl Compound<'_> {
    /// Closes the list or object with `close`: over the `,` after its last
    /// item, if it has one (no value ends with a `,`).
    fn close(self, close: u8) -> Result<(), Unsupported> {
        match self.out.last_mut() {
            Some(last) if *last == b',' => *last = close,
            _ => self.out.push(close),
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        write_int(self.out, v)
    }

    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        write_int(self.out, v)
    }

    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        write_int(self.out, v)
    }

    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        write_int(self.out, v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        write_int(self.out, v)
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        write_int(self.out, v)
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        write_int(self.out, v)
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        write_int(self.out, v)
    }

    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        serde_json::to_writer(self.out, &v).map_err(|_| Unsupported)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        serde_json::to_writer(self.out, &v).map_err(|_| Unsupported)
    }

    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write_str(self.out, v)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_none()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        write_str(self.out, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        self.out.push(b'[');
        Ok(Compound { out: self.out })
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        self.out.push(b'{');
        Ok(Compound { out: self.out })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(Writer { out: self.out })?;
        self.out.push(b',');
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(b']')
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    #[inline(always)]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        write_str_then(self.out, key, b"\":")?;
        value.serialize(Writer { out: self.out })?;
        self.out.push(b',');
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(b'}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_extract::{Article, Pipeline, Record};

    /// Strings of pieces that need escaping or not, at every offset of an
    /// eight-byte word.
    fn strings() -> Vec<String> {
        let pieces = [
            "a", "Z", " ", "é", "€", "😀", "\"", "\\", "/", "\n", "\t", "\r", "\u{0}", "\u{1f}", "\u{7f}", "\u{2028}",
            "~", "!", "#", "]", "[", "\u{8}", "\u{c}",
        ];
        let mut out: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        let mut seed = 7u64;
        for n in 0..3000u64 {
            let mut s = "x".repeat((n % 19) as usize);
            for _ in 0..(n % 13) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let p = (seed >> 33) as usize % pieces.len();
                // Mostly letters, so that many strings need no escape.
                s.push_str(if seed >> 62 == 0 { pieces[p] } else { "q" });
            }
            out.push(s);
        }
        out
    }

    #[test]
    fn needs_escape_says_what_serde_json_escapes() {
        for s in strings() {
            let escaped = serde_json::to_string(&s).unwrap() != format!("\"{s}\"");
            assert_eq!(needs_escape(s.as_bytes()), escaped, "{s:?}");
        }
        // Every byte at every place of strings up to three words long.
        for len in 1..=24 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let expect = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(needs_escape(&bytes), expect, "{len} {at} {b}");
                }
            }
        }
    }

    fn same<T: Serialize>(value: &T) {
        let mut fast = b"before ".to_vec();
        write(&mut fast, value).unwrap();
        let mut slow = b"before ".to_vec();
        serde_json::to_writer(&mut slow, value).unwrap();
        assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        for s in strings() {
            same(&s);
            same(&Some(s.as_str()));
            same(&vec![s.clone(), s.clone()]);
        }
        same(&vec![0u64, 5, 10, 99, 100, u64::MAX]);
        same(&vec![i64::MIN, -3, 0, i64::MAX]);
        same(&vec!['é', '"', 'a']);
        same(&vec![Vec::<u64>::new(), vec![1], vec![], vec![2, 3]]);
        same(&Vec::<Option<u8>>::new());
        same(&(Vec::<u32>::new(), 5u8, ()));
        for f in [0.0f64, -0.0, 1.5, 1e300, 2.5e-8, f64::NAN, f64::INFINITY, 200_000_000.0] {
            same(&f);
            same(&(f as f32));
        }
        // Shapes left to serde_json: a map, a variant with data, bytes.
        let map: std::collections::BTreeMap<&str, Vec<u8>> = [("k\"", vec![1, 2]), ("b", vec![])].into();
        same(&map);
        same(&serde_json::json!({"a": [1, {"b": null}], "c": "d\n"}));
        same(&Some(Ok::<u8, String>(1)));
    }

    #[test]
    fn records_are_written_as_serde_json_writes_them() {
        let pipeline = Pipeline::builder().build().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/articles");
        let mut records = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            // Some fixtures are not JSON objects of an article, or not UTF-8.
            let Ok(json) = std::fs::read_to_string(e.unwrap().path()) else { continue };
            let Ok(mut article) = Article::from_json(&json, || "fixture".into()) else { continue };
            for rec in pipeline.records(&article) {
                same(&rec);
                // Written by this writer alone, with no value left to serde_json.
                assert!(rec.serialize(Writer { out: &mut Vec::new() }).is_ok());
                records += 1;
            }
            // Odd strings in every field the article gives, and a bad date.
            article.id = "id \"1\"\\\u{1}é".into();
            article.url = Some("http://x/\"y\"\n".into());
            article.source = Some("Wire\t".into());
            article.title = Some("\u{7f}\u{2028}".into());
            article.published = Some("not a date".into());
            for mut rec in pipeline.records(&article) {
                same(&rec);
                if let Record::Event(e) = &mut rec {
                    e.intensity = f32::NAN;
                    e.evidence.push_str("\u{0}\"");
                    if let Some(a) = e.source.first_mut() {
                        a.inferred = !a.inferred;
                    }
                    same(&rec);
                }
            }
        }
        assert!(records > 100, "{records}");
    }
}
