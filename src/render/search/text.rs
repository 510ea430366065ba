//! The text a reader sees on a write-up's page, as the search matches it: one block per
//! heading, paragraph, list item or table row, the words of a block as they read.
//!
//! Inline markup joins what it wraps (`<strong>服务</strong>站点` reads 服务站点), block ends
//! separate: a heading never runs into the paragraph after it, in a match or in a snippet.

/// A heading, paragraph, list item or table row, its whitespace collapsed to single spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub heading: bool,
    pub text: String,
}

/// Tags whose start or end ends a block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Tags that stand between words without ending the block: table cells, footnote marks.
const SPACE_TAGS: &[&str] = &["td", "th", "sup", "sub", "img"];

/// Blocks of sanitised HTML (what the Markdown renderer gives).
pub fn blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut heading = false;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        push_text(&mut current, &rest[..at]);
        let Some(end) = rest[at..].find('>') else {
            // A lone `<` (sanitised HTML escapes them, so this is not expected): text.
            push_text(&mut current, &rest[at..]);
            rest = "";
            break;
        };
        let tag = &rest[at + 1..at + end];
        rest = &rest[at + end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if BLOCK_TAGS.contains(&name.as_str()) {
            flush(&mut out, &mut current, heading);
            heading = !closing && matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        } else if SPACE_TAGS.contains(&name.as_str()) {
            current.push(' ');
        }
    }
    push_text(&mut current, rest);
    flush(&mut out, &mut current, heading);
    out
}

fn flush(out: &mut Vec<Block>, current: &mut String, heading: bool) {
    let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        out.push(Block { heading, text });
    }
    current.clear();
}

/// Appends text with its character references decoded.
fn push_text(out: &mut String, mut text: &str) {
    while let Some(at) = text.find('&') {
        out.push_str(&text[..at]);
        text = &text[at..];
        let decoded = text
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| entity(&text[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                text = &text[end + 1..];
            }
            None => {
                out.push('&');
                text = &text[1..];
            }
        }
    }
    out.push_str(text);
}

fn entity(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                number(hex, 16)
            } else {
                number(name.strip_prefix('#')?, 10)
            };
            code.and_then(char::from_u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(bool, String)> {
        blocks(html)
            .into_iter()
            .map(|b| (b.heading, b.text))
            .collect()
    }

    #[test]
    fn headings_and_paragraphs_are_blocks_of_their_own() {
        assert_eq!(
            texts("<p>共1811人。</p>\n<h2 id=\"背景\">背景</h2>\n<p>随着</p>"),
            [
                (false, "共1811人。".to_string()),
                (true, "背景".to_string()),
                (false, "随着".to_string())
            ]
        );
    }

    #[test]
    fn inline_markup_joins_what_it_wraps() {
        assert_eq!(
            texts(
                "<p>协商。<strong>注意：</strong>所有<a href=\"#x\">服务</a>站点<em>公示</em></p>"
            ),
            [(false, "协商。注意：所有服务站点公示".to_string())]
        );
    }

    #[test]
    fn cells_footnote_marks_and_line_breaks_separate_words() {
        assert_eq!(
            texts(
                "<table><tr><th>项目</th><th>数量</th></tr><tr><td>站点</td><td>12</td></tr></table><p>正文<sup><a href=\"#fn-1\">1</a></sup>。<br>次行</p>"
            ),
            [
                (false, "项目 数量".to_string()),
                (false, "站点 12".to_string()),
                (false, "正文 1 。".to_string()),
                (false, "次行".to_string())
            ]
        );
    }

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            texts("<p>甲 &amp; 乙 &lt;丙&gt; &quot;丁&#39; &#x4e01;&#20013; &bogus; a&b</p>"),
            [(false, "甲 & 乙 <丙> \"丁' 丁中 &bogus; a&b".to_string())]
        );
    }
}
