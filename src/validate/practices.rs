//! `content/practices/*.md`: front matter read and checked; the body kept for rendering.

use std::collections::HashMap;

use serde_norway::Value;

use super::cells::{check_date, resolve_unit, split_list};
use crate::findings::{Code, Findings, Msg, Pos};
use crate::load::TextFile;
use crate::load::front_matter::{parse, split, verbatim};
use crate::model::{Date, LIBRARY_FOLDERS, Practice, Promotion, UnitTree};

pub fn validate(
    files: &[TextFile],
    units: &UnitTree,
    today: Date,
    findings: &mut Findings,
) -> Vec<Practice> {
    use rayon::prelude::*;
    // Front matter is parsed in parallel; names are checked for clashes in file order after.
    let parsed: Vec<(String, Option<Practice>, Findings)> = files
        .par_iter()
        .map(|file| {
            let slug = slug_of(&file.file);
            let mut own = Findings::default();
            own.count_row(&file.file);
            let practice = read(file, &slug, units, today, &mut own);
            (slug, practice, own)
        })
        .collect();
    let mut out: Vec<Practice> = Vec::new();
    let mut slugs: HashMap<String, String> = HashMap::new();
    for (file, (slug, practice, own)) in files.iter().zip(parsed) {
        let pos = Pos {
            file: file.file.clone(),
            line: 1,
        };
        if LIBRARY_FOLDERS.contains(&slug.as_str()) {
            let message = msg!(
                "the page name `{slug}` is taken by the library's own pages (practices/{slug}/), so this write-up would replace them; expected another file name, e.g. `{slug}-1.md`",
                "文件名“{slug}”与经验做法库自身的页面（practices/{slug}/）重名，会覆盖这些页面；请给这篇做法换一个文件名，如“{slug}-1.md”"
            );
            findings.count_row(&file.file);
            findings.error(&pos, 0, Code::ReservedSlug, message.clone());
            findings.reject(&pos, verbatim(&file.text), Code::ReservedSlug, message);
            continue;
        }
        if let Some(other) = slugs.get(&slug) {
            findings.count_row(&file.file);
            findings.error(
                &pos,
                0,
                Code::DuplicateSlug,
                msg!(
                    "{other} already has the page name `{slug}`; expected unique file names",
                    "{other} 已使用页面名称“{slug}”；每篇做法的文件名应各不相同"
                ),
            );
            findings.reject(
                &pos,
                verbatim(&file.text),
                Code::DuplicateSlug,
                msg!("duplicate page name", "页面名称重复"),
            );
            continue;
        }
        findings.merge(own);
        if let Some(p) = practice {
            slugs.insert(slug, file.file.clone());
            out.push(p);
        }
    }
    out.sort_by(|a, b| (b.date, &a.slug).cmp(&(a.date, &b.slug)));
    out
}

/// The file name without `.md`, lower-cased: stable and unique page names.
fn slug_of(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    stem.to_lowercase()
}

fn read(
    file: &TextFile,
    slug: &str,
    units: &UnitTree,
    today: Date,
    findings: &mut Findings,
) -> Option<Practice> {
    let at = |line: usize| Pos {
        file: file.file.clone(),
        line,
    };
    let row = verbatim(&file.text);
    let fail = |findings: &mut Findings, line: usize, code: Code, msg: Msg| {
        findings.error(&at(line), 0, code, msg.clone());
        findings.reject(&at(line), row, code, msg);
    };
    let parts = match split(&file.text) {
        Ok(p) => p,
        Err(msg) => {
            fail(findings, 1, Code::FrontMatter, msg);
            return None;
        }
    };
    let value: Value = match parse(&parts) {
        Ok(v) => v,
        Err((line, message)) => {
            fail(findings, line, Code::FrontMatter, message);
            return None;
        }
    };
    let Value::Mapping(map) = value else {
        fail(
            findings,
            parts.yaml_line,
            Code::FrontMatter,
            msg!(
                "front matter is not a list of `key: value` lines",
                "开头说明不是“键: 值”形式的若干行"
            ),
        );
        return None;
    };
    let line_of = |key: &str| {
        parts
            .yaml
            .lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
            .map_or(parts.yaml_line, |i| parts.yaml_line + i)
    };
    let get = |key: &str| map.get(Value::String(key.to_string()));
    let mut issues: Vec<(usize, Code, Msg)> = Vec::new();

    let title = scalar(get("title")).filter(|t| !t.is_empty());
    if title.is_none() {
        issues.push((
            line_of("title"),
            Code::MissingTitle,
            msg!(
                "`title` is missing; expected the practice's title",
                "缺少标题（title）；应写明这篇做法的标题"
            ),
        ));
    }
    let unit = match scalar(get("unit")) {
        None => {
            issues.push((
                line_of("unit"),
                Code::MissingUnit,
                msg!(
                    "`unit` is missing; expected the code of the unit it comes from",
                    "缺少所属单位（unit）；应填写做法来源单位的代码"
                ),
            ));
            None
        }
        Some(code) => match resolve_unit(units, &code) {
            Ok(u) => Some(u),
            Err((c, m)) => {
                issues.push((line_of("unit"), c, m.after("unit: ", "所属单位（unit）：")));
                None
            }
        },
    };
    let date = match scalar(get("date")) {
        None => {
            issues.push((
                line_of("date"),
                Code::BadDate,
                msg!(
                    "`date` is missing; expected a date such as 2023-03-05",
                    "缺少日期（date）；应填写日期，如 2023-03-05"
                ),
            ));
            None
        }
        Some(text) => match check_date(&text, today) {
            Ok(d) => Some(d),
            Err((c, m)) => {
                issues.push((line_of("date"), c, m.after("date: ", "日期（date）：")));
                None
            }
        },
    };
    let promotion = match scalar(get("promotion")) {
        None => None,
        Some(text) => {
            let p = parse_promotion(&text);
            if p.is_none() {
                issues.push((
                    line_of("promotion"),
                    Code::UnknownPromotion,
                    msg!(
                        "unknown promotion `{text}`; expected county, prefecture, province or national",
                        "推广范围“{text}”无法识别；应为县域、市域、全省或全国"
                    ),
                ));
            }
            p
        }
    };
    let tags = list(get("tags"));
    let topics = list(get("topics"));
    let summary = scalar(get("summary")).unwrap_or_default();
    if !issues.is_empty() {
        let reason = Msg::join(issues.iter().map(|i| &i.2));
        let (first_line, first_code) = (issues[0].0, issues[0].1);
        let about = unit.map(|u| units.units[u].code.as_str());
        for (line, code, msg) in issues {
            let added = findings.error(&at(line), 0, code, msg);
            if let Some(about) = about {
                added.about(about);
            }
        }
        findings.reject(&at(first_line), row, first_code, reason);
        return None;
    }
    Some(Practice {
        slug: slug.to_string(),
        title: title?,
        unit: unit?,
        date: date?,
        tags,
        topics,
        promotion,
        summary,
        body: parts.body.to_string(),
        pos: at(1),
    })
}

/// A YAML scalar as text: `unit: 460105` (a number) is the code "460105".
fn scalar(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|i| scalar(Some(i)))
            .filter(|s| !s.is_empty())
            .collect(),
        Some(other) => scalar(Some(other))
            .map(|s| split_list(&s))
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

fn parse_promotion(t: &str) -> Option<Promotion> {
    Some(match t.to_ascii_lowercase().as_str() {
        "county" | "县级" | "县域" | "县" => Promotion::County,
        "prefecture" | "地市级" | "市级" | "市域" | "市" => Promotion::Prefecture,
        "province" | "省级" | "全省" | "省" => Promotion::Province,
        "national" | "全国" | "国家级" => Promotion::National,
        _ => return None,
    })
}
