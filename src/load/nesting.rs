//! Depth limits for Markdown and front matter. Parsers of nested structures (the HTML tree
//! builder, a YAML parser) take time that grows with the square of the depth: 200,000 nested
//! `<div>` take minutes. No write-up nests more than a few levels.

use super::limits::{FRONT_MATTER_NESTING, NESTING};
use crate::lang::Msg;

/// HTML elements that close themselves or are closed by the next of their kind: they do
/// not nest however many are written.
const NOT_NESTING: [&str; 30] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "rt", "rp", "colgroup", "caption", "param",
];

/// Refuses Markdown nested deeper than `NESTING`: quotes (`>`), list items, HTML elements.
/// The error is the 1-based line where the limit is passed, and the message.
pub fn check_markdown(text: &str) -> Result<(), (usize, Msg)> {
    let mut html_depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let too_deep = |depth: usize, (what, what_zh): (&str, &str)| {
            Err((
                i + 1,
                msg!(
                    "{what} nested {depth} deep; write-ups nested more than {NESTING} levels are not read; expected at most a few levels",
                    "{what_zh}嵌套了 {depth} 层，嵌套超过 {NESTING} 层的做法文件不读取；应最多嵌套几层"
                ),
            ))
        };
        let quotes = line
            .chars()
            .take_while(|c| *c == '>' || c.is_whitespace())
            .filter(|c| *c == '>')
            .count();
        if quotes > NESTING {
            return too_deep(quotes, ("quotes (`>`) are", "引用（>）"));
        }
        let indent = line.chars().take_while(|c| *c == ' ' || *c == '\t').count();
        let rest = line.trim_start();
        let list_item =
            rest.starts_with(['-', '*', '+']) || rest.starts_with(|c: char| c.is_ascii_digit());
        if list_item && indent / 2 > NESTING {
            return too_deep(indent / 2, ("list items are", "列表"));
        }
        html_depth = html_depth_after(line, html_depth);
        if html_depth > NESTING {
            return too_deep(html_depth, ("HTML elements are", "HTML 标签"));
        }
    }
    Ok(())
}

/// The depth of open HTML elements after a line: `<x>` opens, `</x>` closes, `<x/>` and
/// elements that do not nest leave it.
fn html_depth_after(line: &str, mut depth: usize) -> usize {
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        // The tag ends at `>`; a `<` before it starts the next one (so each byte is looked
        // at once, however many tags are left open).
        let end = rest.find(['>', '<']).unwrap_or(rest.len());
        let self_closing = rest[..end].ends_with('/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
            depth += 1;
        }
    }
    depth
}

/// Refuses YAML whose flow collections (`[…]`, `{…}`) nest deeper than
/// `FRONT_MATTER_NESTING`, outside quoted strings. The error is the 0-based line in the YAML.
pub fn check_yaml(yaml: &str) -> Result<(), (usize, Msg)> {
    let (mut depth, mut quote) = (0usize, None::<char>);
    for (i, line) in yaml.lines().enumerate() {
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > FRONT_MATTER_NESTING {
                        return Err((
                            i,
                            msg!(
                                "brackets nested {depth} deep; front matter nested more than {FRONT_MATTER_NESTING} levels is not read; expected plain `key: value` lines",
                                "括号嵌套了 {depth} 层，嵌套超过 {FRONT_MATTER_NESTING} 层的开头说明不读取；应为简单的“键: 值”行"
                            ),
                        ));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_write_ups_pass() {
        let text = "## 做法\n\n> 引用\n>> 再引用\n\n- 一\n  - 二\n    - 三\n\n<div><p>段<p>段<br><img src=x></div>\n\n| a | b |\n|---|---|\n";
        assert_eq!(check_markdown(text), Ok(()));
        let many_paragraphs = "<p>段\n".repeat(500);
        assert_eq!(check_markdown(&many_paragraphs), Ok(()));
        let closed = "<div>x</div>\n".repeat(500);
        assert_eq!(check_markdown(&closed), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_at_its_line() {
        let divs = format!("title\n\n{}", "<div>".repeat(1000));
        assert_eq!(check_markdown(&divs).unwrap_err().0, 3);
        let quotes = format!("a\n{}x\n", ">".repeat(NESTING + 1));
        assert_eq!(check_markdown(&quotes).unwrap_err().0, 2);
        let list: String = (0..NESTING + 2)
            .map(|d| format!("{}- x\n", "  ".repeat(d)))
            .collect();
        assert!(check_markdown(&list).is_err());
    }

    #[test]
    fn deep_yaml_brackets_are_refused() {
        assert_eq!(
            check_yaml("tags: [a, [b], {c: d}]\ntitle: \"[[[[[[[[[[[[[[[[[[[[\"\n"),
            Ok(())
        );
        let deep = format!("title: x\ntags: {}\n", "[".repeat(200_000));
        assert_eq!(check_yaml(&deep).unwrap_err().0, 1);
    }
}
