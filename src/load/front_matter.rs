//! Splits a Markdown write-up into its YAML front matter and its body.

#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    pub body: &'a str,
}

/// The front matter sits between a first line `---` and the next line `---` (or `...`).
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err("no front matter; expected the file to start with a line `---`".to_string());
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
    }
    Err("front matter is not closed; expected a line `---` after it".to_string())
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
    }
}
