//! Markdown to safe HTML. comrak rather than pulldown-cmark: with its CJK option, emphasis
//! next to full-width punctuation (`**注意：**正文`) renders as Chinese is written, where
//! pulldown-cmark 0.13 leaves the asterisks. The HTML is then sanitised with ammonia, since
//! write-ups come from many hands.

use std::collections::HashSet;

use comrak::{Options, markdown_to_html};

pub fn to_html(markdown: &str) -> String {
    let mut options = Options::default();
    options.extension.cjk_friendly_emphasis = true;
    options.extension.table = true;
    options.extension.footnotes = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.header_id_prefix = Some(String::new());
    // Raw HTML is passed through here and cleaned by ammonia below.
    options.render.r#unsafe = true;
    let html = markdown_to_html(markdown, &options);
    sanitise(&html)
}

fn sanitise(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class"])
        .add_tags(["section"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"));
    builder.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_emphasis_next_to_full_width_punctuation_renders() {
        for (md, wanted) in [
            ("**注意：**正文", "<strong>注意：</strong>正文"),
            ("**集合（set）**是", "<strong>集合（set）</strong>是"),
            ("*斜体（括号）。*继续", "<em>斜体（括号）。</em>继续"),
            ("~~删除（括号）。~~继续", "<del>删除（括号）。</del>继续"),
        ] {
            let html = to_html(md);
            assert!(html.contains(wanted), "{md} → {html}");
        }
    }

    #[test]
    fn scripts_and_javascript_links_are_removed() {
        let html = to_html(
            "<script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn tables_footnotes_and_heading_anchors() {
        let html =
            to_html("## 主要做法\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n正文[^1]\n\n[^1]: 注释\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("id=\"主要做法\""), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }
}
