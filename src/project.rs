//! A project on disk: where its inputs live, and its `data/campaign.toml`.

use std::path::{Path, PathBuf};

use crate::findings::{Findings, Pos};
use crate::model::date::{Month, parse_month};

pub const CAMPAIGN_FILE: &str = "data/campaign.toml";

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    Month,
    Bimonth,
}

#[derive(Clone, Debug)]
pub struct Campaign {
    pub title: String,
    pub start: Month,
    pub end: Month,
    pub frequency: Frequency,
    pub grace_days: u32,
    pub base_url: String,
}

impl Default for Campaign {
    fn default() -> Self {
        Campaign {
            title: "县级工会加强年专项工作".to_string(),
            start: 2022 * 12 + 8,
            end: 2023 * 12 + 8,
            frequency: Frequency::Bimonth,
            grace_days: 10,
            base_url: "/".to_string(),
        }
    }
}

/// Reads `campaign.toml` text; every key has a default, and every bad key is a finding.
pub fn parse_campaign(text: Option<&str>, findings: &mut Findings) -> Campaign {
    let mut campaign = Campaign::default();
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
                "bad-toml",
                format!("not valid TOML: {msg}"),
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
                None => expected(findings, &pos, key, "a string"),
            },
            "start" | "end" => match as_str.map(parse_month) {
                Some(Ok(m)) if key == "start" => campaign.start = m,
                Some(Ok(m)) => campaign.end = m,
                Some(Err(msg)) => findings.error(&pos, 0, "bad-month", format!("{key}: {msg}")),
                None => expected(findings, &pos, key, "a month string such as \"2022-09\""),
            },
            "frequency" => match as_str {
                Some("bimonth") | Some("双月") => campaign.frequency = Frequency::Bimonth,
                Some("month") | Some("月") => campaign.frequency = Frequency::Month,
                _ => expected(findings, &pos, key, "\"bimonth\" or \"month\""),
            },
            "grace_days" => match value.as_integer() {
                Some(n) if (0..=366).contains(&n) => campaign.grace_days = n as u32,
                _ => expected(findings, &pos, key, "a whole number of days from 0 to 366"),
            },
            "base_url" => match as_str {
                Some(s) => campaign.base_url = s.to_string(),
                None => expected(findings, &pos, key, "a string such as \"/\""),
            },
            _ => findings.warning(
                &pos,
                0,
                "unknown-key",
                format!("unknown key `{key}` is ignored; known keys: title, start, end, frequency, grace_days, base_url"),
            ),
        }
    }
    if campaign.end < campaign.start {
        findings.error(
            &pos_at(line_of("end")),
            0,
            "bad-window",
            "the campaign ends before it starts; expected end ≥ start",
        );
        campaign.end = campaign.start;
    }
    campaign
}

fn pos_at(line: usize) -> Pos {
    Pos {
        file: CAMPAIGN_FILE.to_string(),
        line,
    }
}

fn expected(findings: &mut Findings, pos: &Pos, key: &str, what: &str) {
    findings.error(
        pos,
        0,
        "bad-value",
        format!("`{key}` has the wrong value; expected {what}"),
    );
}
