use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use super::*;

/// Every file the index writes, by name.
fn files(docs: &[Doc]) -> (Index, BTreeMap<String, String>) {
    let out = Mutex::new(BTreeMap::new());
    let index = write(docs, &|name, text| {
        out.lock()
            .unwrap()
            .insert(name.to_string(), text.to_string());
        Ok(())
    })
    .unwrap();
    (index, out.into_inner().unwrap())
}

fn doc(title: &str, summary: &str, body: &[&str]) -> Doc {
    Doc {
        title: title.into(),
        summary: summary.into(),
        body: body
            .iter()
            .map(|t| Block {
                heading: t.starts_with('#'),
                text: t.trim_start_matches('#').into(),
            })
            .collect(),
    }
}

fn numbers(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut v = 0;
    for c in s.bytes() {
        if c >= 93 {
            v = v * 32 + (c - 93) as u32;
        } else {
            out.push(v * 32 + (c - 35) as u32);
            v = 0;
        }
    }
    out
}

/// key → (document → positions; empty for a character alone), read back from the shards.
type Postings = BTreeMap<String, BTreeMap<u32, Vec<u32>>>;

fn postings(files: &BTreeMap<String, String>) -> Postings {
    let object = |name: &str, call: &str| -> BTreeMap<String, String> {
        let i: usize = name[1..name.len() - 3].parse().unwrap();
        let json = files[name]
            .strip_prefix(&format!("CB_SEARCH.{call}({i},"))
            .and_then(|t| t.strip_suffix(");\n"))
            .unwrap();
        serde_json::from_str(json).unwrap()
    };
    let mut out = Postings::new();
    for name in files.keys().filter(|n| n.starts_with('k')) {
        let all_positions = object(&format!("p{}", &name[1..]), "positions");
        for (key, list) in object(name, "keys") {
            let n = numbers(&list);
            let pair = key.chars().count() == 2;
            let gaps = pair.then(|| numbers(&all_positions[&key]));
            assert_eq!(pair, all_positions.contains_key(&key), "{key}");
            let mut docs = BTreeMap::new();
            let (mut at, mut doc, mut taken) = (0, 0, 0);
            while at < n.len() {
                doc += n[at];
                let mut positions = Vec::new();
                if let Some(gaps) = &gaps {
                    let count = n[at + 1] as usize;
                    let mut pos = 0;
                    for g in &gaps[taken..taken + count] {
                        pos += g;
                        positions.push(pos);
                    }
                    taken += count;
                    at += 1;
                }
                at += 1;
                docs.insert(doc, positions);
            }
            if let Some(gaps) = gaps {
                assert_eq!(taken, gaps.len(), "{key}: positions left over");
            }
            out.insert(key, docs);
        }
    }
    out
}

/// What search.js does for a phrase of letters and digits: the documents where its pairs
/// stand one after another (a character alone: the documents holding it).
fn find(index: &Postings, phrase: &str) -> BTreeSet<u32> {
    let chars: Vec<char> = phrase.chars().map(fold).collect();
    if chars.len() == 1 {
        return index
            .get(&chars[0].to_string())
            .map_or(BTreeSet::new(), |d| d.keys().copied().collect());
    }
    let pairs: Vec<&BTreeMap<u32, Vec<u32>>> = match chars
        .windows(2)
        .map(|w| index.get(&format!("{}{}", w[0], w[1])))
        .collect::<Option<Vec<_>>>()
    {
        Some(p) => p,
        None => return BTreeSet::new(),
    };
    pairs[0]
        .iter()
        .filter(|(doc, starts)| {
            starts.iter().any(|p| {
                pairs.iter().enumerate().all(|(i, pair)| {
                    pair.get(doc)
                        .is_some_and(|at| at.binary_search(&(p + i as u32)).is_ok())
                })
            })
        })
        .map(|(doc, _)| *doc)
        .collect()
}

/// The definition: documents whose title, summary or a block contains the phrase, folded.
fn containing(docs: &[Doc], phrase: &str) -> BTreeSet<u32> {
    let folded = |s: &str| s.chars().map(fold).collect::<String>();
    let phrase = folded(phrase);
    (0..docs.len() as u32)
        .filter(|i| {
            let d = &docs[*i as usize];
            std::iter::once(&d.title)
                .chain(std::iter::once(&d.summary))
                .chain(d.body.iter().map(|b| &b.text))
                .any(|f| folded(f).contains(&phrase))
        })
        .collect()
}

#[test]
fn numbers_take_one_character_below_32_and_need_no_separator() {
    let mut s = String::new();
    for n in [0, 31, 32, 1023, 1024, u32::MAX] {
        push_number(&mut s, n);
    }
    assert_eq!(&s[..2], "#B", "0 and 31 take one character each");
    assert_eq!(numbers(&s), [0, 31, 32, 1023, 1024, u32::MAX]);
    assert!(!s.contains('"') && !s.contains('\\'));
}

#[test]
fn characters_list_documents_and_pairs_list_positions() {
    let docs = [
        doc("服务站", "", &["甲，A1"]),
        doc("", "服务", &["#背景", "服务站点服务"]),
    ];
    let (index, files) = files(&docs);
    assert_eq!(index.docs_per_text_shard, DOCS_PER_TEXT_SHARD);
    let p = postings(&files);
    // Title 服务站 (0–2), a field boundary (3), summary empty (4), body 甲，A1 (5–8); in the
    // second, summary 服务 (1–2), heading 背景 (4–5), 服务站点服务 (7–12). Pairs never cross a
    // comma or a boundary; letters are folded.
    assert_eq!(
        p["服务"],
        BTreeMap::from([(0, vec![0]), (1, vec![1, 7, 11])])
    );
    assert_eq!(p["a1"], BTreeMap::from([(0, vec![7])]));
    assert_eq!(p["服"], BTreeMap::from([(0, vec![]), (1, vec![])]));
    assert!(!p.contains_key("站甲") && !p.contains_key("务背") && !p.contains_key("A"));
    assert_eq!(find(&p, "服务站点"), BTreeSet::from([1]));
    assert_eq!(find(&p, "服务站"), BTreeSet::from([0, 1]));
    assert_eq!(find(&p, "景服"), BTreeSet::new(), "a heading stays apart");
}

#[test]
fn a_phrase_is_found_in_exactly_the_documents_that_contain_it() {
    // Few characters, so that pairs recur across and within documents; Latin letters in both
    // cases, digits, punctuation and headings.
    let alphabet: Vec<char> = "工会服务站点职工AaBb12，。".chars().collect();
    let mut seed: u64 = 7;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut text =
        |len: usize| -> String { (0..len).map(|_| alphabet[next(alphabet.len())]).collect() };
    let docs: Vec<Doc> = (0..60)
        .map(|_| {
            let title = text(6);
            let summary = text(10);
            let body: Vec<String> = (0..4)
                .map(|i| format!("{}{}", if i == 0 { "#" } else { "" }, text(30)))
                .collect();
            doc(
                &title,
                &summary,
                &body.iter().map(String::as_str).collect::<Vec<_>>(),
            )
        })
        .collect();
    let p = postings(&files(&docs).1);
    let mut checked = 0;
    for d in &docs {
        let words: Vec<char> = d.body[1].text.chars().collect();
        for len in 1..=6 {
            for start in 0..words.len().saturating_sub(len) {
                let phrase: String = words[start..start + len].iter().collect();
                if !phrase.chars().all(is_word) {
                    continue;
                }
                assert_eq!(find(&p, &phrase), containing(&docs, &phrase), "{phrase}");
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked} phrases");
    assert_eq!(containing(&docs, "工会服务站点职工Ab"), BTreeSet::new());
    assert_eq!(find(&p, "工会服务站点职工Ab"), BTreeSet::new());
}

#[test]
fn texts_keep_headings_apart() {
    let docs = [doc("t", "s", &["#背景", "共1811人。", "\"引号\"</script>"])];
    let (_, files) = files(&docs);
    assert_eq!(
        files["t0.js"],
        "CB_SEARCH.texts(0,[[[\"背景\"],\"共1811人。\",\"\\\"引号\\\"<\\/script>\"]]);\n"
    );
}

#[test]
fn the_shard_hash_is_fnv1a_over_utf16() {
    // 179121275 is FNV-1a of 服务's UTF-16 units (computed independently); the browser test
    // checks search.js gives the same shard.
    assert_eq!(shard_of("服务", 1 << 31), 179121275);
    assert_eq!(shard_of("服务", 7), 179121275 % 7);
}

#[test]
fn words_and_folding_agree_with_the_browser() {
    assert!(is_word('工') && is_word('Ａ') && is_word('〇') && is_word('é') && is_word('5'));
    assert!(!is_word('，') && !is_word(' ') && !is_word('“') && !is_word('-'));
    assert_eq!(fold('Ａ'), 'ａ');
    assert_eq!(fold('É'), 'é');
    // İ lower-cases to two characters: kept as it is, so texts keep their length.
    assert_eq!(fold('İ'), 'İ');
}

#[test]
fn json_strings_read_back_and_cannot_end_a_script() {
    for s in ["</script>", "a\"b\\c\n\t\u{1}\u{1f}", "\u{2028}工会</", ""] {
        let j = json_string(s);
        assert_eq!(serde_json::from_str::<String>(&j).unwrap(), s, "{j}");
        assert!(!j.contains("</"), "{j}");
    }
    assert_eq!(json_string("</script>"), "\"<\\/script>\"");
}

#[test]
fn wide_postings_give_the_same_files() {
    // 128-bit postings are used when a corpus outgrows 64 bits: the files must not change.
    let docs = [
        doc("服务站", "Ab12", &["#背景", "服务站点服务，ab"]),
        doc("", "工会", &["工会工会"]),
    ];
    let alphabet = Alphabet::of(&docs);
    let layout = Layout {
        base: alphabet.chars.len() as u128,
        doc_bits: bits_for(docs.len() as u128),
        pos_bits: bits_for(alphabet.longest as u128),
    };
    let run = |wide: bool| {
        let out = Mutex::new(BTreeMap::new());
        let put = |name: &str, text: &str| {
            out.lock()
                .unwrap()
                .insert(name.to_string(), text.to_string());
            Ok(())
        };
        let shards = if wide {
            keys_packed_as::<u128>(&docs, &alphabet, layout, &put)
        } else {
            keys_packed_as::<u64>(&docs, &alphabet, layout, &put)
        };
        (shards.unwrap(), out.into_inner().unwrap())
    };
    assert_eq!(run(true), run(false));
    assert!(run(false).1["k0.js"].contains("\"工会\":"));
}
