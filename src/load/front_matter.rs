//! Splits a Markdown write-up into its YAML front matter and its body, and reads the YAML
//! within limits of size and depth, with errors on the file's own line numbers.

use serde_norway::Value;

use super::limits::FRONT_MATTER_BYTES;
use super::nesting::check_yaml;
use crate::lang::Msg;

#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    pub body: &'a str,
}

/// The front matter sits between a first line `---` and the next line `---` (or `...`).
pub fn split(text: &str) -> Result<Split<'_>, Msg> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(msg!(
            "no front matter; expected the file to start with a line `---`",
            "没有开头说明；文件应以一行“---”开始"
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
        if offset - yaml_start > FRONT_MATTER_BYTES {
            break;
        }
    }
    if offset - yaml_start > FRONT_MATTER_BYTES {
        let kb = FRONT_MATTER_BYTES >> 10;
        return Err(msg!(
            "the front matter runs past {kb} KB without its closing line `---`; expected a few `key: value` lines, closed by `---`",
            "开头说明超过 {kb} KB 仍没有结束行“---”；应为几行“键: 值”，以“---”结束"
        ));
    }
    Err(msg!(
        "front matter is not closed; expected a line `---` after it",
        "开头说明没有结束；其后应有一行“---”"
    ))
}

/// The front matter's YAML. An error gives the 1-based line in the file and a message whose
/// position, if any, is the file's too (the YAML parser counts from the front matter).
pub fn parse(split: &Split) -> Result<Value, (usize, Msg)> {
    check_yaml(split.yaml).map_err(|(line, msg)| (split.yaml_line + line, msg))?;
    serde_norway::from_str(split.yaml).map_err(|e| {
        let Some(at) = e.location() else {
            return (
                split.yaml_line,
                msg!(
                    "unreadable front matter: {e}",
                    "开头说明无法读取：{e}"
                ),
            );
        };
        let line = split.yaml_line + at.line().saturating_sub(1);
        let text = e.to_string();
        let what = match text.rfind(" at line ") {
            Some(i) => &text[..i],
            None => text.as_str(),
        };
        let column = at.column();
        (
            line,
            msg!(
                "unreadable front matter: {what} (line {line}, column {column}); expected `key: value` lines",
                "开头说明无法读取：{what}（第 {line} 行第 {column} 列）；应为“键: 值”的形式"
            ),
        )
    })
}

/// The write-up as a row of `rejected.csv`: its front matter verbatim with the lines that
/// enclose it, or, when there is none, its first line.
pub fn verbatim(text: &str) -> &str {
    let text = text.trim_start_matches('\u{feff}');
    if let Ok(s) = split(text) {
        let end = text.len() - s.body.len();
        return text[..end].trim_end_matches(['\r', '\n']);
    }
    text.lines().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\ntitle: 甲\r\n---\n正文\n").unwrap();
        assert_eq!(s.yaml, "title: 甲\r\n");
        assert_eq!(s.body, "正文\n");
        assert_eq!(s.yaml_line, 2);
    }

    #[test]
    fn refuses_missing_or_unclosed_front_matter() {
        assert!(split("title: 甲\n").is_err());
        assert!(split("---\ntitle: 甲\n").is_err());
        assert!(split("").is_err());
        let endless = format!("---\n{}", "a: b\n".repeat(20_000));
        assert!(split(&endless).unwrap_err().en.contains("64 KB"));
    }

    #[test]
    fn yaml_errors_name_the_files_line() {
        let text = "---\ntitle: 甲\nunit: \"1\ndate: 2023-01-01\n---\n正文\n";
        let (line, message) = parse(&split(text).unwrap()).unwrap_err();
        assert!(line >= 3, "{line}: {message}");
        assert!(message.en.contains(&format!("line {line},")), "{message}");
        let deep = format!("---\ntitle: 甲\ntags: {}\n---\n", "[".repeat(100));
        assert_eq!(parse(&split(&deep).unwrap()).unwrap_err().0, 3);
    }

    #[test]
    fn the_verbatim_row_is_the_front_matter() {
        assert_eq!(
            verbatim("---\ntitle: 甲\n---\n正文\n"),
            "---\ntitle: 甲\n---"
        );
        assert_eq!(verbatim("标题\n正文\n"), "标题");
    }
}
