//! A compact character n-gram index for Chinese full-text search, built here and queried by
//! `assets/site/search.js` in the browser, offline and from `file://`.
//!
//! Why this design: Chinese has no spaces, and users expect `text.includes(query)`: 服务站点
//! must find “…职工服务站点…”. Word segmenters (Pagefind's included) miss substrings users
//! type, so every character and every pair of adjacent characters is a key. A query's keys
//! narrow the candidates; the texts of the few shown are then checked for the exact substring
//! and give the highlighted snippet. The postings are split into shards by key hash, and the
//! texts into shards of documents, all as small `.js` files (scripts load from `file://`,
//! where `fetch` is refused), so a query loads a few shards, not the whole corpus.

use std::fmt::Write;

/// One searchable document: its title (kept with the results list) and the rest of its text
/// (summary and body, kept in the text shards for checking and snippets).
pub struct Doc {
    pub title: String,
    pub text: String,
}

pub struct SearchFiles {
    /// (file name under the search folder, contents).
    pub files: Vec<(String, String)>,
    pub key_shards: usize,
    pub docs_per_text_shard: usize,
}

/// Postings per shard aimed at: a query loads a handful of shards of about this size.
const POSTINGS_PER_SHARD: usize = 40_000;
pub const DOCS_PER_TEXT_SHARD: usize = 40;

/// Every character and every adjacent pair of a text, once each, as packed numbers:
/// the first character in the high 21 bits, the second (plus one; zero for none) in the low.
/// Letters and digits only, lower-cased; anything else breaks a run.
fn packed_keys(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push((c as u64) << 21);
            if let Some(p) = previous {
                out.push(((p as u64) << 21) | (c as u64 + 1));
            }
            previous = Some(c);
        } else {
            previous = None;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn unpack(key: u64) -> String {
    let first = char::from_u32((key >> 21) as u32).unwrap_or(' ');
    match (key & 0x1f_ffff) as u32 {
        0 => first.to_string(),
        n => format!("{first}{}", char::from_u32(n - 1).unwrap_or(' ')),
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

pub fn build(docs: &[Doc]) -> SearchFiles {
    use rayon::prelude::*;
    // One sorted list of (key, document) pairs packed in a u64 (42 bits of key, 22 of id):
    // a parallel sort groups each key's documents in order, with no map of vectors.
    const ID_BITS: u32 = 22;
    let mut pairs: Vec<u64> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(id, d)| {
            let mut keys = packed_keys(&d.title);
            keys.extend(packed_keys(&d.text));
            keys.sort_unstable();
            keys.dedup();
            keys.into_iter().map(move |k| (k << ID_BITS) | id as u64)
        })
        .collect();
    pairs.par_sort_unstable();
    let total = pairs.len();
    let key_shards = total.div_ceil(POSTINGS_PER_SHARD).clamp(1, 512);
    let mut shards: Vec<Vec<(String, Vec<u32>)>> = vec![Vec::new(); key_shards];
    for group in pairs.chunk_by(|a, b| a >> ID_BITS == b >> ID_BITS) {
        let key = unpack(group[0] >> ID_BITS);
        let ids = group
            .iter()
            .map(|p| (p & ((1 << ID_BITS) - 1)) as u32)
            .collect();
        shards[shard_of(&key, key_shards)].push((key, ids));
    }
    drop(pairs);
    let key_files: Vec<(String, String)> = shards
        .into_par_iter()
        .enumerate()
        .map(|(i, mut shard)| {
            // Sorted so the files are the same bytes on every build.
            shard.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut js = format!("CB_SEARCH.keys({i},{{");
            for (n, (k, ids)) in shard.iter().enumerate() {
                if n > 0 {
                    js.push(',');
                }
                let _ = write!(js, "{}:\"{}\"", json_string(k), delta_base36(ids));
            }
            js.push_str("});\n");
            (format!("k{i}.js"), js)
        })
        .collect();
    let text_files: Vec<(String, String)> = docs
        .par_chunks(DOCS_PER_TEXT_SHARD)
        .enumerate()
        .map(|(i, chunk)| {
            let texts: Vec<String> = chunk.iter().map(|d| json_string(&d.text)).collect();
            (
                format!("t{i}.js"),
                format!("CB_SEARCH.texts({i},[{}]);\n", texts.join(",")),
            )
        })
        .collect();
    let mut files = key_files;
    files.extend(text_files);
    SearchFiles {
        files,
        key_shards,
        docs_per_text_shard: DOCS_PER_TEXT_SHARD,
    }
}

/// Sorted ids as gaps in base 36, comma-separated: `3,1,a` for 3, 4, 14.
fn delta_base36(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 3);
    let mut last = 0;
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_base36(&mut out, if i == 0 { *id } else { id - last });
        last = *id;
    }
    out
}

fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 8];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    for b in &buf[at..] {
        out.push(*b as char);
    }
}

/// A JSON string literal that is also safe inside a `<script>` (no `</`).
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".to_string())
        .replace("</", "<\\/")
}

/// Plain text of rendered HTML: tags dropped, entities decoded, block ends as spaces.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character and every adjacent pair of a text, once each.
    fn keys(text: &str) -> Vec<String> {
        let mut keys: Vec<String> = packed_keys(text).into_iter().map(unpack).collect();
        keys.sort();
        keys
    }

    #[test]
    fn keys_are_characters_and_adjacent_pairs_within_runs() {
        assert_eq!(
            keys("服务站，A1"),
            ["1", "a", "a1", "务", "务站", "服", "服务", "站"]
        );
    }

    #[test]
    fn postings_are_gaps_in_base_36() {
        assert_eq!(delta_base36(&[3, 4, 14, 50]), "3,1,a,10");
    }

    #[test]
    fn the_shard_hash_is_fnv1a_over_utf16() {
        // 179121275 is FNV-1a of 服务's UTF-16 units (computed independently); the browser test
        // checks search.js gives the same shard.
        assert_eq!(shard_of("服务", 1 << 31), 179121275);
        assert_eq!(shard_of("服务", 7), 179121275 % 7);
    }

    #[test]
    fn every_substring_is_findable_through_its_keys() {
        let docs = vec![
            Doc {
                title: "标题".into(),
                text: "县总工会建成职工服务站点12个".into(),
            },
            Doc {
                title: "新就业形态".into(),
                text: "劳动者入会".into(),
            },
        ];
        let built = build(&docs);
        let index: String = built
            .files
            .iter()
            .filter(|(n, _)| n.starts_with('k'))
            .map(|(_, t)| t.clone())
            .collect();
        for k in keys("服务站点") {
            assert!(
                index.contains(&format!("\"{k}\":\"0\"")),
                "{k} → doc 0 missing in {index}"
            );
        }
        assert!(index.contains("\"形态\":\"1\""));
        assert!(
            built
                .files
                .iter()
                .any(|(n, t)| n == "t0.js" && t.contains("劳动者入会"))
        );
    }

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text("<h2 id=\"a\">背景</h2>\n<p>甲 &amp; 乙 &lt;丙&gt;</p>"),
            "背景 甲 & 乙 <丙>"
        );
    }

    #[test]
    fn script_endings_cannot_escape_a_string() {
        assert_eq!(json_string("</script>"), "\"<\\/script>\"");
    }
}
