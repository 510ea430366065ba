//! `content/bulletins/<period>.md`: the special team's commentary on a period. Optional front
//! matter sets the bulletin's issue number (`issue: 3`) and issue date (`date: 2023-04-11`).

use serde_norway::Value;

use crate::findings::{Code, Findings, Pos};
use crate::load::TextFile;
use crate::load::front_matter::split;
use crate::model::date::parse_date;
use crate::model::{Bulletin, Calendar};
use crate::text::half_width;

pub fn validate(files: &[TextFile], calendar: &Calendar, findings: &mut Findings) -> Vec<Bulletin> {
    let mut out = Vec::new();
    for file in files {
        let stem = file
            .file
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        let Some(period) = calendar.get(stem) else {
            findings.warning(
                &Pos { file: file.file.clone(), line: 0 },
                0,
                Code::UnknownPeriod,
                msg!(
                    "`{stem}` is not a period of this campaign, so this commentary is not shown; expected a name such as 2022-B5.md or 2023-Q1.md",
                    "“{stem}”不是专项工作的期间，这篇点评不会显示；文件名应为期间，如 2022-B5.md 或 2023-Q1.md"
                ),
            );
            continue;
        };
        out.push(read(file, period, findings));
    }
    out
}

/// A commentary file: its front matter when it starts with `---`, else all body.
fn read(file: &TextFile, period: usize, findings: &mut Findings) -> Bulletin {
    let mut bulletin = Bulletin {
        period,
        body: file.text.trim_start_matches('\u{feff}').to_string(),
        body_line: 1,
        file: file.file.clone(),
        issue: None,
        date: None,
    };
    if !bulletin.body.starts_with("---") {
        return bulletin;
    }
    let at = |line: usize| Pos {
        file: file.file.clone(),
        line,
    };
    let parts = match split(&file.text) {
        Ok(p) => p,
        Err(msg) => {
            findings.error(&at(1), 0, Code::FrontMatter, msg);
            return bulletin;
        }
    };
    bulletin.body = parts.body.to_string();
    bulletin.body_line = parts.yaml_line + parts.yaml.lines().count() + 1;
    let map = match serde_norway::from_str::<Value>(parts.yaml) {
        Ok(Value::Mapping(map)) => map,
        Ok(Value::Null) => return bulletin,
        Ok(_) => {
            findings.error(
                &at(parts.yaml_line),
                0,
                Code::FrontMatter,
                msg!(
                    "front matter is not a list of `key: value` lines; expected `issue: 3` or `date: 2023-04-11`",
                    "开头说明不是“键: 值”形式的若干行；应为 issue: 3 或 date: 2023-04-11 这样的行"
                ),
            );
            return bulletin;
        }
        Err(e) => {
            let line = e
                .location()
                .map_or(parts.yaml_line, |l| parts.yaml_line + l.line() - 1);
            findings.error(
                &at(line),
                0,
                Code::FrontMatter,
                msg!("unreadable front matter: {e}", "开头说明无法读取：{e}"),
            );
            return bulletin;
        }
    };
    let line_of = |key: &str| {
        parts
            .yaml
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(parts.yaml_line, |i| parts.yaml_line + i)
    };
    for (key, value) in &map {
        let key = match key {
            Value::String(k) => k.as_str(),
            _ => "",
        };
        let text = match value {
            Value::String(s) => half_width(s.trim()).into_owned(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        let pos = at(line_of(key));
        match key {
            "issue" => match text
                .trim_start_matches('第')
                .trim_end_matches('期')
                .parse::<u32>()
            {
                Ok(n) if n >= 1 => bulletin.issue = Some(n),
                _ => {
                    findings.error(
                        &pos,
                        0,
                        Code::BadIssue,
                        msg!(
                            "issue `{text}` is not an issue number; expected a whole number from 1, such as `issue: 3`",
                            "期号“{text}”不是期数；应为从 1 起的整数，如 issue: 3"
                        ),
                    );
                }
            },
            "date" => match parse_date(&text) {
                Ok(d) => bulletin.date = Some(d),
                Err(m) => {
                    findings.error(
                        &pos,
                        0,
                        Code::BadDate,
                        m.after("date: ", "印发日期（date）："),
                    );
                }
            },
            _ => {
                findings.warning(
                    &pos,
                    0,
                    Code::UnknownBulletinKey,
                    msg!(
                        "unknown key `{key}` is ignored; expected `issue` (the issue number) or `date` (the issue date)",
                        "设置项“{key}”无法识别，未使用；只能设置 issue（期号）或 date（印发日期）"
                    ),
                );
            }
        }
    }
    bulletin
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::campaign::Campaign;
    use crate::model::holidays::Holidays;

    fn run(text: &str) -> (Vec<Bulletin>, Findings) {
        let calendar = Calendar::new(&Campaign::default(), &Holidays::default());
        let file = TextFile {
            file: "content/bulletins/2023-Q1.md".to_string(),
            text: text.to_string(),
        };
        let mut findings = Findings::default();
        let list = validate(&[file], &calendar, &mut findings);
        (list, findings)
    }

    #[test]
    fn front_matter_sets_issue_and_date() {
        let (list, findings) =
            run("---\nissue: 第3期\ndate: 2023年4月15日\n---\n## 专班点评\n\n正文。\n");
        assert!(findings.list.is_empty(), "{:?}", findings.list);
        let b = &list[0];
        assert_eq!(b.issue, Some(3));
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2023-04-15"));
        assert_eq!(b.body, "## 专班点评\n\n正文。\n");
        assert_eq!(b.body_line, 5);
    }

    #[test]
    fn commentary_without_front_matter_is_all_body() {
        let (list, findings) = run("本期点评。\n");
        assert!(findings.list.is_empty());
        assert_eq!(
            (list[0].body.as_str(), list[0].body_line),
            ("本期点评。\n", 1)
        );
    }

    #[test]
    fn bad_settings_are_findings_on_their_lines() {
        let (list, findings) = run("---\nissue: 0\ndate: 2023-02-30\nsigned: 甲\n---\n正文\n");
        let codes: Vec<(&str, usize)> = findings
            .list
            .iter()
            .map(|f| (f.code.as_str(), f.line))
            .collect();
        assert_eq!(
            codes,
            [
                ("bad-issue", 2),
                ("bad-date", 3),
                ("unknown-bulletin-key", 4)
            ]
        );
        assert_eq!((list[0].issue, list[0].date), (None, None));
    }
}
