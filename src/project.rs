//! A project on disk: where its inputs live, and its `data/campaign.toml`.

use std::path::{Path, PathBuf};

use crate::findings::{Code, Findings, Pos};
use crate::model::campaign::{Campaign, Frequency, Grace};
use crate::model::date::parse_month;

pub const CAMPAIGN_FILE: &str = "data/campaign.toml";

/// The longest campaign: 10 years.
const MAX_MONTHS: i32 = 120;

/// `data/campaign.toml` as a new project gets it: every key at its default.
pub const DEFAULT_CAMPAIGN_TOML: &str = r#"# 县级工会加强年专项工作 — campaign settings (every key has this default)
title = "县级工会加强年专项工作"
start = "2022-09"
end = "2023-09"
frequency = "bimonth"
grace_days = 10
base_url = "/"
issuer = "全国总工会县级工会加强年专项工作专班"
"#;

#[derive(Clone, Debug)]
pub struct Paths {
    pub root: PathBuf,
    pub output: PathBuf,
}

impl Paths {
    pub fn new(root: &Path, output: Option<&Path>) -> Paths {
        Paths {
            root: root.to_path_buf(),
            output: output.map_or_else(|| root.join("output"), Path::to_path_buf),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    /// A path as shown to users: relative to the project, with `/` separators.
    pub fn display(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let joined = rel
            .components()
            .filter(|c| !matches!(c, std::path::Component::RootDir))
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        // An absolute path outside the project keeps its one leading slash.
        if rel.has_root() {
            format!("/{joined}")
        } else {
            joined
        }
    }
}

/// Reads `campaign.toml` text; every key has a default, and every bad key is a finding.
pub fn parse_campaign(text: Option<&str>, findings: &mut Findings) -> Campaign {
    let mut campaign = Campaign::default();
    let (mut grace_days, mut working_days) = (None, None);
    let Some(text) = text else {
        return campaign;
    };
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map_or(0, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            let msg = e.message().to_string();
            findings.error(
                &pos_at(line),
                0,
                Code::BadToml,
                msg!(
                    "not valid TOML: {msg}",
                    "campaign.toml 格式有误（不是有效的 TOML）：{msg}"
                ),
            );
            return campaign;
        }
    };
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(0, |i| i + 1)
    };
    for (key, value) in &table {
        let pos = pos_at(line_of(key));
        let as_str = value.as_str();
        match key.as_str() {
            "title" => match as_str {
                Some(s) => campaign.title = s.to_string(),
                None => expected(findings, &pos, key, ("a string", "文字（加引号）")),
            },
            "start" | "end" => match as_str.map(parse_month) {
                Some(Ok(m)) if key == "start" => campaign.start = m,
                Some(Ok(m)) => campaign.end = m,
                Some(Err(msg)) => {
                    let (en, zh) = (format!("{key}: "), format!("{key}："));
                    findings.error(&pos, 0, Code::BadMonth, msg.after(&en, &zh));
                }
                None => expected(
                    findings,
                    &pos,
                    key,
                    (
                        "a month string such as \"2022-09\"",
                        "加引号的月份，如 \"2022-09\"",
                    ),
                ),
            },
            "frequency" => match as_str {
                Some("bimonth") | Some("双月") => campaign.frequency = Frequency::Bimonth,
                Some("month") | Some("月") => campaign.frequency = Frequency::Month,
                _ => expected(
                    findings,
                    &pos,
                    key,
                    (
                        "\"bimonth\" or \"month\"",
                        "\"bimonth\"（双月）或 \"month\"（月）",
                    ),
                ),
            },
            "grace_days" => match value.as_integer() {
                Some(n) if (0..=366).contains(&n) => grace_days = Some(n as u32),
                _ => expected(
                    findings,
                    &pos,
                    key,
                    (
                        "a whole number of days from 0 to 366",
                        "0 到 366 之间的整数（天数）",
                    ),
                ),
            },
            "grace_working_days" => match value.as_integer() {
                Some(n) if (1..=250).contains(&n) => working_days = Some(n as u32),
                _ => expected(
                    findings,
                    &pos,
                    key,
                    (
                        "a whole number of working days from 1 to 250",
                        "1 到 250 之间的整数（工作日数）",
                    ),
                ),
            },
            "base_url" => match as_str {
                Some(s) => campaign.base_url = s.to_string(),
                None => expected(
                    findings,
                    &pos,
                    key,
                    ("a string such as \"/\"", "加引号的文字，如 \"/\""),
                ),
            },
            "issuer" => match as_str.map(str::trim) {
                Some(s) if !s.is_empty() => campaign.issuer = s.to_string(),
                _ => expected(
                    findings,
                    &pos,
                    key,
                    (
                        "the issuing body's name, such as \"全国总工会县级工会加强年专项工作专班\"",
                        "印发单位的名称，如 \"全国总工会县级工会加强年专项工作专班\"",
                    ),
                ),
            },
            _ => {
                findings.warning(
                    &pos,
                    0,
                    Code::UnknownKey,
                    msg!(
                        "unknown key `{key}` is ignored; known keys: title, start, end, frequency, grace_days or grace_working_days, base_url, issuer",
                        "设置项“{key}”无法识别，未使用；可用的设置项为 title、start、end、frequency、grace_days 或 grace_working_days、base_url、issuer"
                    ),
                );
            }
        }
    }
    campaign.grace = match (grace_days, working_days) {
        (Some(days), Some(_)) => {
            findings.error(
                &pos_at(line_of("grace_working_days")),
                0,
                Code::GraceTwice,
                msg!(
                    "`grace_days` and `grace_working_days` are both set; expected one of them: calendar days or working days",
                    "grace_days 与 grace_working_days 都设置了；只应设置其中一个：按自然日或按工作日计算"
                ),
            );
            Grace::Days(days)
        }
        (Some(days), None) => Grace::Days(days),
        (None, Some(days)) => Grace::WorkingDays(days),
        (None, None) => campaign.grace,
    };
    if campaign.end < campaign.start {
        findings.error(
            &pos_at(line_of("end")),
            0,
            Code::BadWindow,
            msg!(
                "the campaign ends before it starts; expected end ≥ start",
                "专项工作的结束月份（end）早于开始月份（start）；结束应不早于开始"
            ),
        );
        campaign.end = campaign.start;
    }
    // Every figure is computed for every period: a mistyped year (`3023-09`) would make
    // thousands of periods. No campaign runs longer than a few years.
    let months = campaign.end - campaign.start + 1;
    if months > MAX_MONTHS {
        let years = MAX_MONTHS / 12;
        findings.error(
            &pos_at(line_of("end")),
            0,
            Code::BadWindow,
            msg!(
                "the campaign runs {months} months; expected at most {years} years (is the year of `start` or `end` mistyped?)",
                "专项工作长达 {months} 个月；应不超过 {years} 年（start 或 end 的年份是否写错了？）"
            ),
        );
        campaign.end = campaign.start + MAX_MONTHS - 1;
    }
    campaign
}

fn pos_at(line: usize) -> Pos {
    Pos {
        file: CAMPAIGN_FILE.to_string(),
        line,
    }
}

fn expected(findings: &mut Findings, pos: &Pos, key: &str, (what, what_zh): (&str, &str)) {
    findings.error(
        pos,
        0,
        Code::BadValue,
        msg!(
            "`{key}` has the wrong value; expected {what}",
            "设置项“{key}”的值有误；应为{what_zh}"
        ),
    );
}
