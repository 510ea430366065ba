//! The commentary's Markdown as a bulletin uses it: without a heading of its own (the bulletin
//! numbers it, 三、专班点评), and as the document's blocks for writers that are not HTML.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

use super::{Block, Row, Span, Table, TableCell};

/// The body without a first heading that only names the section (`## 专班点评`,
/// `# 三、专班点评`): the bulletin gives that heading once, numbered.
pub fn without_own_heading(body: &str) -> String {
    let mut lines = body.lines();
    let mut skipped = 0;
    for line in lines.by_ref() {
        skipped += line.len() + 1;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let heading = t.trim_start_matches('#');
        let is_own = heading.len() < t.len()
            && heading
                .trim()
                .trim_start_matches(|c: char| "一二三四五六七八九十、.． 0123456789".contains(c))
                == "专班点评";
        if is_own {
            return body
                .get(skipped.min(body.len())..)
                .unwrap_or("")
                .to_string();
        }
        break;
    }
    body.to_string()
}

fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.cjk_friendly_emphasis = true;
    options.extension.table = true;
    options.extension.strikethrough = true;
    options
}

/// The commentary as blocks: headings, paragraphs (bold kept), list items, tables.
pub fn blocks(body: &str) -> Vec<Block> {
    let arena = Arena::new();
    let root = parse_document(&arena, body, &options());
    let mut out = Vec::new();
    for node in root.children() {
        block(node, &mut out, "");
    }
    out
}

fn block<'a>(node: &'a AstNode<'a>, out: &mut Vec<Block>, marker: &str) {
    let value = node.data().value.clone();
    match value {
        NodeValue::Heading(_) => out.push(Block::Heading(text_of(node))),
        NodeValue::Paragraph => {
            let mut spans = Vec::new();
            if !marker.is_empty() {
                spans.push(Span::text(marker));
            }
            inline(node, false, &mut spans);
            out.push(Block::Para(spans));
        }
        NodeValue::List(list) => {
            for (i, item) in node.children().enumerate() {
                let marker = match list.list_type {
                    comrak::nodes::ListType::Ordered => format!("{}. ", list.start + i),
                    comrak::nodes::ListType::Bullet => "· ".to_string(),
                };
                for (k, child) in item.children().enumerate() {
                    block(child, out, if k == 0 { &marker } else { "" });
                }
            }
        }
        NodeValue::Table(_) => {
            let mut rows = node.children().map(|row| {
                row.children()
                    .map(|cell| text_of(cell))
                    .collect::<Vec<String>>()
            });
            let headers = rows.next().unwrap_or_default();
            let rows = rows
                .map(|cells| {
                    let mut cells = cells.into_iter();
                    Row::Line {
                        name: cells.next().unwrap_or_default(),
                        unit: None,
                        cells: cells
                            .map(|text| TableCell {
                                text,
                                code: String::new(),
                                coverage: String::new(),
                                low: false,
                            })
                            .collect(),
                    }
                })
                .collect();
            out.push(Block::Table(Table {
                caption: String::new(),
                headers,
                rows,
                ranking: None,
            }));
        }
        NodeValue::BlockQuote => {
            for child in node.children() {
                block(child, out, marker);
            }
        }
        NodeValue::CodeBlock(code) => out.push(Block::Para(vec![Span::text(code.literal.clone())])),
        NodeValue::HtmlBlock(_) | NodeValue::ThematicBreak => {}
        _ => {
            let t = text_of(node);
            if !t.trim().is_empty() {
                out.push(Block::Para(vec![Span::text(t)]));
            }
        }
    }
}

fn inline<'a>(node: &'a AstNode<'a>, strong: bool, out: &mut Vec<Span>) {
    for child in node.children() {
        let value = child.data().value.clone();
        match value {
            NodeValue::Text(t) => push(out, &t, strong),
            NodeValue::Code(c) => push(out, &c.literal, strong),
            NodeValue::SoftBreak | NodeValue::LineBreak => push(out, "", strong),
            NodeValue::Strong => inline(child, true, out),
            NodeValue::HtmlInline(_) | NodeValue::Image(_) => {}
            _ => inline(child, strong, out),
        }
    }
}

/// Adds text, joining it to the previous span of the same weight.
fn push(out: &mut Vec<Span>, text: &str, strong: bool) {
    match (out.last_mut(), strong) {
        (Some(Span::Strong(t)), true) | (Some(Span::Text(t)), false) => t.push_str(text),
        _ if text.is_empty() => {}
        (_, true) => out.push(Span::Strong(text.to_string())),
        (_, false) => out.push(Span::Text(text.to_string())),
    }
}

/// The plain text under a node.
fn text_of<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commentary_loses_its_own_heading_only() {
        assert_eq!(without_own_heading("## 专班点评\n\n正文。\n"), "\n正文。\n");
        assert_eq!(without_own_heading("\n# 三、专班点评\n正文\n"), "正文\n");
        assert_eq!(
            without_own_heading("## 工作亮点\n正文\n"),
            "## 工作亮点\n正文\n"
        );
        assert_eq!(without_own_heading("专班点评：正文\n"), "专班点评：正文\n");
    }

    #[test]
    fn markdown_becomes_blocks_with_bold_and_tables() {
        let b = blocks(
            "**注意：**空缺不等于零。\n\n- 甲\n- 乙\n\n| 任务 | 安排 |\n|---|---|\n| 问题清单 | 二季度前报送 |\n",
        );
        let Block::Para(p) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(p[0], Span::Strong("注意：".into()));
        assert_eq!(p[1], Span::Text("空缺不等于零。".into()));
        assert!(matches!(&b[1], Block::Para(s) if super::super::plain(s) == "· 甲"));
        let Block::Table(t) = &b[3] else {
            panic!("{b:?}")
        };
        assert_eq!(t.headers, ["任务", "安排"]);
        assert!(
            matches!(&t.rows[0], Row::Line { name, cells, .. } if name == "问题清单" && cells[0].text == "二季度前报送")
        );
    }
}
