//! An exact full-text index for Chinese, built here and queried by `assets/site/search.js` in
//! the browser, offline and from `file://`.
//!
//! Why this design: Chinese has no spaces, and readers expect `text.includes(query)`: 服务站点
//! must find “…职工服务站点…”, and the count shown must be the number of write-ups that hold
//! it. Every character is a key with the documents holding it, and every pair of adjacent
//! letters or digits is a key with the documents and the positions where it stands. A phrase
//! of n letters and digits stands at p exactly when its pairs stand at p, p+1, …, p+n−2, so
//! the browser finds, counts and ranks every document holding a phrase from the postings of
//! its pairs alone; the texts are loaded only for the snippets of the page shown (and to check
//! a query with punctuation). Postings are sharded by key hash and texts by document into small
//! `.js` files (scripts load from `file://`, where `fetch` is refused), so a query loads a few
//! shards, not the corpus.

pub mod text;

use std::fmt::Write;

use rayon::prelude::*;
pub use text::Block;

/// One searchable write-up: the title and summary (kept with the results list) and the body.
pub struct Doc {
    pub title: String,
    pub summary: String,
    pub body: Vec<Block>,
}

/// What the browser needs to find the shards: their number and size.
pub struct Index {
    pub key_shards: usize,
    pub docs_per_text_shard: usize,
}

/// Postings (one per document of a character, one per position of a pair) per key shard.
const POSTINGS_PER_SHARD: usize = 60_000;
/// Documents per text shard: a page of 20 results loads at most 20 shards of this size.
pub const DOCS_PER_TEXT_SHARD: usize = 10;

/// Letters and digits make up words; anything else breaks a run. The same test as search.js's
/// `[\p{Alphabetic}\p{N}]`.
pub fn is_word(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{4e00}'..='\u{9fff}' => true,
        '\0'..='\u{7f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Case folded one character at a time, so a text keeps its length: lower case where that is
/// a single character (as search.js's `fold`).
pub fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\0'..='\u{7f}' | '\u{4e00}'..='\u{9fff}' => c,
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// A character as it is matched: folded when it is a letter or digit, `None` when it breaks a
/// run. Looked up in a table for the Basic Multilingual Plane (Chinese text is nearly all there,
/// and Unicode's letter tables are slow to search for every character).
fn word(c: char) -> Option<char> {
    static BMP: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    let table = BMP.get_or_init(|| {
        (0..=0xffffu32)
            .map(|code| {
                char::from_u32(code)
                    .filter(|c| is_word(*c))
                    .map_or(u32::MAX, |c| fold(c) as u32)
            })
            .collect()
    });
    match table.get(c as usize) {
        Some(&folded) => char::from_u32(folded),
        None => is_word(c).then(|| fold(c)),
    }
}

/// The matched characters of every field of a document in order, with `None` for each field
/// boundary; positions count these.
fn each_char(doc: &Doc, mut f: impl FnMut(Option<char>)) {
    let mut field = |s: &str| {
        for c in s.chars() {
            f(word(c));
        }
        f(None);
    };
    field(&doc.title);
    field(&doc.summary);
    for b in &doc.body {
        field(&b.text);
    }
}

/// FNV-1a over UTF-16 code units: the same number in Rust and in the browser.
pub fn shard_of(key: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c9dc5;
    for unit in key.encode_utf16() {
        h ^= unit as u32;
        h = h.wrapping_mul(0x01000193);
    }
    (h as usize) % shards.max(1)
}

/// Writes the key shards (`k<N>.js`) and text shards (`t<N>.js`) through `put(name, contents)`
/// as each is ready, and says how many there are.
pub fn write(
    docs: &[Doc],
    put: &(dyn Fn(&str, &str) -> Result<(), String> + Sync),
) -> Result<Index, String> {
    let (key_shards, texts) = rayon::join(|| write_keys(docs, put), || write_texts(docs, put));
    texts?;
    Ok(Index {
        key_shards: key_shards?,
        docs_per_text_shard: DOCS_PER_TEXT_SHARD,
    })
}

/// Characters numbered 1… in code point order, so that keys numbered from them sort as their
/// strings do, and packed postings fit in 64 bits for any corpus of this size.
struct Alphabet {
    id_of: Vec<u32>,
    chars: Vec<char>,
    /// The most characters in one document.
    longest: usize,
}

impl Alphabet {
    fn of(docs: &[Doc]) -> Alphabet {
        let (present, longest) = docs
            .par_iter()
            .fold(
                || (vec![false; 0x11_0000], 0),
                |(mut seen, longest), d| {
                    let mut n = 0;
                    each_char(d, |c| {
                        if let Some(c) = c {
                            seen[c as usize] = true;
                        }
                        n += 1;
                    });
                    (seen, longest.max(n))
                },
            )
            .reduce(
                || (vec![false; 0x11_0000], 0),
                |(mut a, la), (b, lb)| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x |= y);
                    (a, la.max(lb))
                },
            );
        let mut id_of = vec![0u32; present.len()];
        let mut chars = vec!['\0'];
        for (code, _) in present.iter().enumerate().filter(|(_, p)| **p) {
            id_of[code] = chars.len() as u32;
            chars.push(char::from_u32(code as u32).unwrap_or('\0'));
        }
        Alphabet {
            id_of,
            chars,
            longest,
        }
    }
}

/// How postings are packed into one sortable number: key, then document, then position.
#[derive(Clone, Copy)]
struct Layout {
    /// Characters plus one: a key is `first * base + second`, `second` 0 for a character alone.
    base: u128,
    doc_bits: u32,
    pos_bits: u32,
}

impl Layout {
    fn pack(&self, key: u128, doc: usize, pos: usize) -> u128 {
        (key << (self.doc_bits + self.pos_bits)) | ((doc as u128) << self.pos_bits) | pos as u128
    }
    fn key(&self, p: u128) -> u128 {
        p >> (self.doc_bits + self.pos_bits)
    }
    fn doc(&self, p: u128) -> u32 {
        ((p >> self.pos_bits) & ((1 << self.doc_bits) - 1)) as u32
    }
    fn pos(&self, p: u128) -> u32 {
        (p & ((1 << self.pos_bits) - 1)) as u32
    }
}

fn bits_for(max: u128) -> u32 {
    (128 - max.leading_zeros()).max(1)
}

/// A packed posting: 64 bits when the corpus allows (always, at the scale of a campaign), else
/// 128, so the sort stays fast and small without a limit on the input.
trait Packed: Copy + Ord + Send + Sync {
    fn from(v: u128) -> Self;
    fn get(self) -> u128;
}
impl Packed for u64 {
    fn from(v: u128) -> Self {
        v as u64
    }
    fn get(self) -> u128 {
        self as u128
    }
}
impl Packed for u128 {
    fn from(v: u128) -> Self {
        v
    }
    fn get(self) -> u128 {
        self
    }
}

fn write_keys(
    docs: &[Doc],
    put: &(dyn Fn(&str, &str) -> Result<(), String> + Sync),
) -> Result<usize, String> {
    let alphabet = Alphabet::of(docs);
    let base = alphabet.chars.len() as u128;
    let layout = Layout {
        base,
        doc_bits: bits_for(docs.len() as u128),
        pos_bits: bits_for(alphabet.longest as u128),
    };
    if bits_for(base * base) + layout.doc_bits + layout.pos_bits <= 64 {
        keys_packed_as::<u64>(docs, &alphabet, layout, put)
    } else {
        keys_packed_as::<u128>(docs, &alphabet, layout, put)
    }
}

fn keys_packed_as<P: Packed>(
    docs: &[Doc],
    alphabet: &Alphabet,
    layout: Layout,
    put: &(dyn Fn(&str, &str) -> Result<(), String> + Sync),
) -> Result<usize, String> {
    // Every posting in one list; one parallel sort groups them by key, then document, then
    // position, with no map of vectors.
    let mut postings: Vec<P> = docs
        .par_iter()
        .enumerate()
        .map_init(
            || vec![usize::MAX; alphabet.chars.len()],
            |last_doc, (d, doc)| {
                let mut out = Vec::new();
                let (mut pos, mut previous) = (0usize, 0u32);
                each_char(doc, |c| {
                    let id = c.map_or(0, |c| alphabet.id_of[c as usize]);
                    if id != 0 {
                        if last_doc[id as usize] != d {
                            last_doc[id as usize] = d;
                            out.push(P::from(layout.pack(id as u128 * layout.base, d, 0)));
                        }
                        if previous != 0 {
                            let key = previous as u128 * layout.base + id as u128;
                            out.push(P::from(layout.pack(key, d, pos - 1)));
                        }
                    }
                    previous = id;
                    pos += 1;
                });
                out
            },
        )
        .flatten_iter()
        .collect();
    postings.par_sort_unstable();
    let shards = postings.len().div_ceil(POSTINGS_PER_SHARD).clamp(1, 1024);
    // Each key's run of postings, in key order, dealt to its shard.
    let mut runs: Vec<Vec<(String, usize, usize)>> = vec![Vec::new(); shards];
    let mut start = 0;
    while start < postings.len() {
        let key = layout.key(postings[start].get());
        let mut end = start + 1;
        while end < postings.len() && layout.key(postings[end].get()) == key {
            end += 1;
        }
        let mut name = String::new();
        name.push(alphabet.chars[(key / layout.base) as usize]);
        if !key.is_multiple_of(layout.base) {
            name.push(alphabet.chars[(key % layout.base) as usize]);
        }
        runs[shard_of(&name, shards)].push((name, start, end));
        start = end;
    }
    runs.into_par_iter().enumerate().try_for_each(|(i, keys)| {
        // Documents in k<i>.js; the positions of pairs apart in p<i>.js, loaded only for a
        // phrase of three characters or more.
        let mut js = format!("CB_SEARCH.keys({i},{{");
        let mut pos = format!("CB_SEARCH.positions({i},{{");
        for (n, (name, start, end)) in keys.iter().enumerate() {
            if n > 0 {
                js.push(',');
            }
            // Keys are letters and digits: nothing in them needs escaping.
            let _ = write!(js, "\"{name}\":\"");
            let run = postings[*start..*end].iter().map(|p| p.get());
            if name.chars().nth(1).is_some() {
                if !pos.ends_with('{') {
                    pos.push(',');
                }
                let _ = write!(pos, "\"{name}\":\"");
                encode_pair(&mut js, &mut pos, layout, run);
                pos.push('"');
            } else {
                encode_docs(&mut js, layout, run);
            }
            js.push('"');
        }
        js.push_str("});\n");
        pos.push_str("});\n");
        put(&format!("k{i}.js"), &js)?;
        put(&format!("p{i}.js"), &pos)
    })?;
    Ok(shards)
}

/// A character's documents: each as the gap from the one before.
fn encode_docs(out: &mut String, layout: Layout, run: impl Iterator<Item = u128>) {
    let mut last = 0;
    for p in run {
        let doc = layout.doc(p);
        push_number(out, doc - last);
        last = doc;
    }
}

/// A pair's documents, each as the gap from the one before and how often it stands there; and
/// apart, its positions, document after document, each as the gap from the one before in the
/// same document (the first from 0).
fn encode_pair(
    docs: &mut String,
    positions: &mut String,
    layout: Layout,
    run: impl Iterator<Item = u128>,
) {
    let run: Vec<(u32, u32)> = run.map(|p| (layout.doc(p), layout.pos(p))).collect();
    let mut last_doc = 0;
    for group in run.chunk_by(|a, b| a.0 == b.0) {
        push_number(docs, group[0].0 - last_doc);
        last_doc = group[0].0;
        push_number(docs, group.len() as u32);
        let mut last = 0;
        for (_, pos) in group {
            push_number(positions, pos - last);
            last = *pos;
        }
    }
}

/// A number in base 32, most significant digit first: the last digit as a character from `#`
/// (35) on, the others from `]` (93) on, so numbers need no separator. Neither range holds `"`
/// or `\`. Numbers below 32 take one character, below 1,024 two.
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 7];
    let mut at = digits.len() - 1;
    digits[at] = 35 + (n % 32) as u8;
    let mut rest = n / 32;
    while rest > 0 {
        at -= 1;
        digits[at] = 93 + (rest % 32) as u8;
        rest /= 32;
    }
    for d in &digits[at..] {
        out.push(*d as char);
    }
}

/// The bodies, a shard of documents per file: each body an array of blocks, a paragraph as a
/// string and a heading as an array of one string (for snippets and punctuation checks).
fn write_texts(
    docs: &[Doc],
    put: &(dyn Fn(&str, &str) -> Result<(), String> + Sync),
) -> Result<(), String> {
    docs.par_chunks(DOCS_PER_TEXT_SHARD)
        .enumerate()
        .try_for_each(|(i, chunk)| {
            let mut js = format!("CB_SEARCH.texts({i},[");
            for (n, d) in chunk.iter().enumerate() {
                if n > 0 {
                    js.push(',');
                }
                js.push('[');
                for (m, b) in d.body.iter().enumerate() {
                    if m > 0 {
                        js.push(',');
                    }
                    if b.heading {
                        js.push('[');
                        push_json_string(&mut js, &b.text);
                        js.push(']');
                    } else {
                        push_json_string(&mut js, &b.text);
                    }
                }
                js.push(']');
            }
            js.push_str("]);\n");
            put(&format!("t{i}.js"), &js)
        })
}

/// A JSON string literal that is also safe inside a `<script>` (no `</`).
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_json_string(&mut out, s);
    out
}

fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut previous = '\0';
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if previous == '<' => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
        previous = c;
    }
    out.push('"');
}

#[cfg(test)]
mod tests;
