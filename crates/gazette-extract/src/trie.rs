//! A byte trie over a fixed set of keys, for one query: the longest key that
//! is a prefix of a byte string with its ASCII letters in lowercase (an
//! anchored, leftmost-longest search; the text is folded as it is read, so
//! that no lowercase copy of it is made).
//!
//! It has no failure links: a search starts at the front of its input and
//! stops at the first byte no key continues with, so it is built in one pass
//! over the sorted keys, a small fraction of what an Aho-Corasick automaton
//! over the same keys costs to build. A run of bytes with no branch and no
//! key ending inside it is one edge (a radix tree), compared at once. A
//! search can start after a word read beforehand ([`Trie::walk`]), so that
//! the entity stage does not read again the first word it has looked up.

/// The keys as a tree of nodes, stored breadth-first so that the children of
/// each node are contiguous and in byte order.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Node 0 is the root (the empty prefix).
    nodes: Vec<Node>,
    /// The root's child by the first byte of its edge (`NONE`: none): the
    /// root has a child for most bytes that start a key; the children of the
    /// other nodes are few enough to scan.
    root: Box<[u32; 256]>,
    /// The first byte of the edge to each node, by node: the bytes scanned
    /// to pick a child.
    heads: Vec<u8>,
    /// The rest of the edges' bytes (their tails), end to end.
    tails: Vec<u8>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The edge from the parent is `heads[i]` then `tails[tail..tail +
    /// tail_len]`.
    tail: u32,
    tail_len: u32,
    /// The children are `nodes[first..first + len]`.
    first: u32,
    len: u32,
    /// The value of the key that ends here, `NONE` if no key does.
    value: u32,
}

const NONE: u32 = u32::MAX;

/// Where a search stands after reading the first bytes of its text: the
/// node whose edge it is on and how much of the edge's tail it has read (or
/// that it has stopped), and the longest key found so far. [`Trie::walk`]
/// gives it for a word, so that the search of a text that starts with that
/// word need not read the word again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Walk {
    /// The node whose edge the search is on (`NONE`: it has stopped; 0: it
    /// has read nothing).
    node: u32,
    /// The bytes of that edge's tail read (its head is read).
    read: u32,
    /// The bytes of the text read.
    at: u32,
    /// The longest key found so far: its length and value (`NONE`: none).
    len: u32,
    value: u32,
}

impl Walk {
    /// Nothing read yet: a search from the root.
    pub(crate) const START: Walk = Walk { node: 0, read: 0, at: 0, len: 0, value: NONE };
}

/// The first eight bytes of `key` (zeros past its end) as a big-endian
/// number: keys in this order are in byte order, but for keys equal in
/// their first eight bytes (or that differ only by zeros past an end).
fn prefix(key: &[u8]) -> u64 {
    let mut b = [0; 8];
    let n = key.len().min(8);
    b[..n].copy_from_slice(&key[..n]);
    u64::from_be_bytes(b)
}

impl Trie {
    /// A trie of `keys`, each with a value (not `u32::MAX`). The keys must be
    /// distinct.
    pub(crate) fn new<'k>(keys: impl IntoIterator<Item = (&'k [u8], u32)>) -> Trie {
        // Sorted by their first eight bytes as a number, then by the rest:
        // the byte order, with most comparisons settled without a call to
        // `memcmp`.
        let mut keys: Vec<(u64, &[u8], u32)> = keys.into_iter().map(|(k, v)| (prefix(k), k, v)).collect();
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        let keys: Vec<(&[u8], u32)> = keys.into_iter().map(|(_, k, v)| (k, v)).collect();
        debug_assert!(keys.windows(2).all(|w| w[0].0 != w[1].0), "duplicate keys");
        debug_assert!(keys.iter().all(|&(_, v)| v != NONE));
        // A radix tree has fewer than two nodes a key.
        let cap = 2 * keys.len() + 1;
        let mut nodes = Vec::with_capacity(cap);
        let mut heads = Vec::with_capacity(cap);
        let mut tails = Vec::new();
        nodes.push(Node { tail: 0, tail_len: 0, first: 0, len: 0, value: NONE });
        heads.push(0);
        // The keys under node i are `keys[lo..hi]` of `under[i] = (lo, hi,
        // depth)`: they share the node's prefix, of `depth` bytes, and with
        // the keys sorted, one that ends at the node comes first.
        let mut under = Vec::with_capacity(cap);
        under.push((0, keys.len(), 0));
        let mut i = 0;
        while i < nodes.len() {
            let (mut lo, hi, d) = under[i];
            if lo < hi && keys[lo].0.len() == d {
                nodes[i].value = keys[lo].1;
                lo += 1;
            }
            nodes[i].first = nodes.len() as u32;
            // The rest are grouped by their byte at `d`: one child a group,
            // whose edge runs to the end of the group's common prefix (that
            // of its first and last keys, as they are sorted).
            while lo < hi {
                let (key, b) = (keys[lo].0, keys[lo].0[d]);
                let end = lo + keys[lo..hi].partition_point(|&(k, _)| k[d] == b);
                let last = keys[end - 1].0;
                let common = d + 1 + key[d + 1..].iter().zip(&last[d + 1..]).take_while(|(x, y)| x == y).count();
                let tail = &key[d + 1..common];
                nodes.push(Node {
                    tail: tails.len() as u32,
                    tail_len: tail.len() as u32,
                    first: 0,
                    len: 0,
                    value: NONE,
                });
                heads.push(b);
                tails.extend_from_slice(tail);
                under.push((lo, end, common));
                lo = end;
            }
            nodes[i].len = nodes.len() as u32 - nodes[i].first;
            i += 1;
        }
        let mut root = Box::new([NONE; 256]);
        for c in nodes[0].first..nodes[0].first + nodes[0].len {
            root[usize::from(heads[c as usize])] = c;
        }
        Trie { nodes, root, heads, tails }
    }

    /// The longest key that is a prefix of `text` with its ASCII letters in
    /// lowercase: its length and value. (A key with an ASCII capital is never
    /// found.) The stages take up a search after a first word
    /// ([`Trie::longest_prefix_from`]); the tests search from the start.
    #[cfg(test)]
    pub(crate) fn longest_prefix(&self, text: &[u8]) -> Option<(usize, u32)> {
        self.longest_prefix_from(text, Walk::START)
    }

    /// The longest key that is a prefix of `text` with its ASCII letters in
    /// lowercase, its length and value, where `text` starts with the bytes
    /// that `walk` read ([`Trie::walk`]; ASCII case aside): the search takes
    /// up where the walk stopped instead of reading those bytes again. (In
    /// line: the entity stage calls it from one place.)
    #[inline]
    pub(crate) fn longest_prefix_from(&self, text: &[u8], walk: Walk) -> Option<(usize, u32)> {
        let mut found = (walk.value != NONE).then_some((walk.len as usize, walk.value));
        // The bytes of `text` matched so far, and of the edge to node `c`.
        let mut at = walk.at as usize;
        let mut c = walk.node;
        let mut read = walk.read as usize;
        if c == 0 {
            // At the root: its key (the empty one, if any), then its child
            // by the text's first byte.
            let root = &self.nodes[0];
            if root.value != NONE {
                found = Some((at, root.value));
            }
            let Some(&b) = text.get(at) else { return found };
            c = self.root[usize::from(b.to_ascii_lowercase())];
            at += 1;
            read = 0;
        }
        while c != NONE {
            // The edge's head and `read` bytes of its tail matched; now the
            // rest of its tail, against the text in lowercase.
            let node = &self.nodes[c as usize];
            let len = node.tail_len as usize;
            if read < len {
                let tail = &self.tails[node.tail as usize + read..node.tail as usize + len];
                let matched = text
                    .get(at..at + tail.len())
                    .is_some_and(|t| t.iter().zip(tail).all(|(&b, &k)| b.to_ascii_lowercase() == k));
                if !matched {
                    break;
                }
                at += tail.len();
            }
            if node.value != NONE {
                found = Some((at, node.value));
            }
            let Some(&b) = text.get(at) else { break };
            c = self.child(c, b.to_ascii_lowercase());
            at += 1;
            read = 0;
        }
        found
    }

    /// The child of node `c` (not the root) whose edge starts with `b`, or
    /// `NONE`.
    #[inline]
    fn child(&self, c: u32, b: u8) -> u32 {
        let node = &self.nodes[c as usize];
        let first = node.first as usize;
        let heads = &self.heads[first..first + node.len as usize];
        heads.iter().position(|&h| h == b).map_or(NONE, |k| (first + k) as u32)
    }

    /// The search of a text that starts with `word` (ASCII case aside),
    /// read to the end of the word: where [`Trie::longest_prefix_from`]
    /// takes up the search of such a text. It may stop inside an edge, and
    /// keeps the longest key found so far (one may end inside the word).
    pub(crate) fn walk(&self, word: &[u8]) -> Walk {
        let mut s = Walk::START;
        let root = &self.nodes[0];
        if root.value != NONE {
            s.value = root.value;
        }
        let Some(&b) = word.first() else { return s };
        let mut c = self.root[usize::from(b.to_ascii_lowercase())];
        s.at = 1;
        while c != NONE {
            let node = &self.nodes[c as usize];
            let tail = &self.tails[node.tail as usize..][..node.tail_len as usize];
            let rest = &word[s.at as usize..];
            let n = tail.iter().zip(rest).take_while(|&(&k, &b)| b.to_ascii_lowercase() == k).count();
            if n < tail.len() {
                // The word ends inside the edge, or leaves it.
                let node = if n == rest.len() { c } else { NONE };
                return Walk { node, read: n as u32, at: s.at + n as u32, ..s };
            }
            s.at += n as u32;
            if node.value != NONE {
                (s.len, s.value) = (s.at, node.value);
            }
            if s.at as usize == word.len() {
                return Walk { node: c, read: node.tail_len, ..s };
            }
            c = self.child(c, word[s.at as usize].to_ascii_lowercase());
            s.at += 1;
        }
        Walk { node: NONE, ..s }
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + std::mem::size_of_val(&*self.root)
            + self.heads.capacity()
            + self.tails.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(keys: &[&str]) -> Trie {
        Trie::new(keys.iter().enumerate().map(|(i, k)| (k.as_bytes(), i as u32)))
    }

    /// The longest key of `keys` that is a prefix of `text`, as a string.
    fn check(keys: &[&str], text: &str, expect: Option<&str>) {
        let got = trie(keys).longest_prefix(text.as_bytes()).map(|(len, v)| {
            assert_eq!(keys[v as usize].len(), len, "the length is the key's");
            keys[v as usize]
        });
        assert_eq!(got, expect, "longest key starting {text:?}");
    }

    #[test]
    fn the_longest_key_that_is_a_prefix() {
        let keys = ["new york", "new york city", "new"];
        check(&keys, "new york city hall", Some("new york city"));
        check(&keys, "new york cit", Some("new york"));
        check(&keys, "new yorker", Some("new york"));
        check(&keys, "new york", Some("new york"));
        check(&keys, "newark", Some("new"));
        check(&keys, "ne", None);
        check(&keys, "york", None);
        check(&keys, "", None);
        check(&["new york city"], "new york", None);
    }

    #[test]
    fn non_ascii_keys() {
        let keys = ["são paulo", "são tomé", "sa", "zürich", "日本"];
        check(&keys, "são tomé and príncipe", Some("são tomé"));
        check(&keys, "são paulo", Some("são paulo"));
        check(&keys, "são", None);
        check(&keys, "sa paulo", Some("sa"));
        check(&keys, "zürich's", Some("zürich"));
        check(&keys, "zurich", None);
        check(&keys, "日本語", Some("日本"));
        // A prefix that ends inside a character is still a byte prefix.
        check(&["é"], "\u{e9}", Some("é"));
        assert_eq!(trie(&["é"]).longest_prefix(&"é".as_bytes()[..1]), None);
    }

    /// Every text of up to five bytes over a small alphabet, against keys
    /// that share prefixes, end inside one another and branch at every depth.
    #[test]
    fn the_same_as_trying_every_key() {
        let keys = ["a", "ab", "abc", "abd", "b", "ba", "bab", "babba", "c a", "c", "aaaa", "\u{ff}", "\u{ff}a"];
        let t = trie(&keys);
        for text in &crate::tsv::texts_over(&["a", "b", "c", " ", "\u{ff}"], 5) {
            let text = text.as_bytes();
            let naive =
                keys.iter().enumerate().filter(|(_, k)| text.starts_with(k.as_bytes())).max_by_key(|(_, k)| k.len());
            let naive = naive.map(|(i, k)| (k.len(), i as u32));
            assert_eq!(t.longest_prefix(text), naive, "{:?}", String::from_utf8_lossy(text));
        }
    }

    /// Capitals in the text match as lowercase, ASCII only: the same as
    /// searching the text lowercased, on every text of up to four bytes over
    /// letters in both cases, a space and a two-byte character.
    #[test]
    fn ascii_capitals_match_as_lowercase() {
        let keys = ["a", "ab", "abc", "b a", "ba", "é", "éa", "aé", "aa b"];
        let t = trie(&keys);
        for text in &crate::tsv::texts_over(&["a", "A", "b", "B", "c", " ", "é", "É"], 4) {
            let text = text.as_bytes();
            let lower = text.to_ascii_lowercase();
            let naive =
                keys.iter().enumerate().filter(|(_, k)| lower.starts_with(k.as_bytes())).max_by_key(|(_, k)| k.len());
            let naive = naive.map(|(i, k)| (k.len(), i as u32));
            assert_eq!(t.longest_prefix(text), naive, "{:?}", String::from_utf8_lossy(text));
        }
        check(&keys, "AB", Some("ab"));
        check(&keys, "Éa", None);
    }

    /// A search taken up after a walk over the text's first bytes (in
    /// lowercase or as written) finds what a search from the start finds:
    /// every text of up to five bytes over letters in both cases, a space and
    /// a two-byte character, cut at every byte, against keys that end inside
    /// one another and inside edges, with and without the empty key.
    #[test]
    fn a_search_taken_up_after_a_walk_finds_the_same() {
        let keys =
            ["a", "ab", "abc", "abd", "b a", "ba", "bab", "babba", "c a", "aaaa", "é", "éa", "aé", "aa b", "cab c"];
        for empty in [false, true] {
            let keys: Vec<&str> = keys.iter().copied().chain(empty.then_some("")).collect();
            let t = trie(&keys);
            for text in &crate::tsv::texts_over(&["a", "A", "b", "B", "c", " ", "é"], 5) {
                let text = text.as_bytes();
                let lower = text.to_ascii_lowercase();
                let expect = t.longest_prefix(text);
                for k in 0..=text.len() {
                    let what = String::from_utf8_lossy(text);
                    assert_eq!(t.longest_prefix_from(text, t.walk(&lower[..k])), expect, "{what:?} after {k}");
                    assert_eq!(t.longest_prefix_from(text, t.walk(&text[..k])), expect, "{what:?} after {k}");
                }
            }
        }
    }

    #[test]
    fn an_empty_key_matches_everywhere() {
        check(&["", "a"], "b", Some(""));
        check(&["", "a"], "ab", Some("a"));
    }
}
