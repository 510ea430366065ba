//! The quality page (数据质量): every finding about the input, in Chinese, grouped by file —
//! the unit it concerns, where it is (line and column, or sheet and cell), what is wrong and
//! what to do, and the row as written. Its counts are the rows of `quality.csv` and
//! `rejected.csv`.

use serde::Serialize;

use super::{Common, Link, Site};
use crate::findings::{Finding, Severity};
use crate::render::findings_zh::explain;
use crate::text::cell_ref;

#[derive(Serialize)]
pub struct QualityView {
    #[serde(flatten)]
    common: Common,
    errors: usize,
    warnings: usize,
    notices: usize,
    rejected: usize,
    files: Vec<FileGroup>,
}

#[derive(Serialize)]
struct FileGroup {
    /// The anchor of its section.
    id: String,
    /// The file as the user names it (a workbook without its sheet).
    file: String,
    /// What the file is, in Chinese: 报表, 单位表, 好经验好做法 …
    kind: &'static str,
    errors: usize,
    warnings: usize,
    notices: usize,
    findings: Vec<FindingRow>,
}

#[derive(Serialize)]
struct FindingRow {
    severity: &'static str,
    severity_text: &'static str,
    /// 第 8 行第 4 列, 工作表“报表” · 单元格 D8, 整个文件.
    place: String,
    /// The unit the row concerns: the places above it (`河北省 · 石家庄市`) and itself.
    unit_above: String,
    unit: Option<Link>,
    message: String,
    explanation: &'static str,
    row: Option<String>,
    code: &'static str,
}

pub fn quality_view(site: &Site) -> QualityView {
    let root = "../";
    let common = site.common("quality/index.html", "数据质量", "quality", Vec::new());
    let f = site.findings;
    let mut files: Vec<FileGroup> = f
        .by_file()
        .into_iter()
        .enumerate()
        .map(|(i, t)| FileGroup {
            id: format!("f{}", i + 1),
            kind: file_kind(&t.file),
            file: t.file,
            errors: t.errors,
            warnings: t.warnings,
            notices: t.notices,
            findings: Vec::new(),
        })
        .collect();
    let at: std::collections::HashMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(i, g)| (g.file.clone(), i))
        .collect();
    for x in &f.list {
        if let Some(&i) = at.get(x.book()) {
            files[i].findings.push(row(site, x, root));
        }
    }
    // Errors first within a file, then warnings, then notices; in file order within each.
    for g in &mut files {
        g.findings.sort_by_key(|r| severity_rank(r.severity));
    }
    // Files with errors first (what stops the build), then those with warnings, by name.
    files.sort_by_key(|g| (g.errors == 0, g.warnings == 0));
    QualityView {
        common,
        errors: f.count(Severity::Error),
        warnings: f.count(Severity::Warning),
        notices: f.count(Severity::Info),
        rejected: f.rejected.len(),
        files,
    }
}

fn severity_rank(class: &str) -> u8 {
    match class {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

fn row(site: &Site, x: &Finding, root: &str) -> FindingRow {
    let units = &site.model.units;
    let unit = x.unit.as_deref().and_then(|code| units.by_code(code));
    let unit_above = unit.map_or(String::new(), |u| {
        let path = units.path(u);
        path.iter()
            .skip(1)
            .take(path.len().saturating_sub(2))
            .map(|p| units.units[*p].name.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    });
    FindingRow {
        severity: x.severity.as_str(),
        severity_text: match x.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        },
        place: place(x),
        unit_above,
        unit: unit.map(|u| site.unit_link(u, root)),
        message: x.message.zh.clone(),
        explanation: explain(x.code),
        row: x.source.clone().filter(|r| !r.is_empty()),
        code: x.code.as_str(),
    }
}

/// Where in its file a finding is, as a reader says it.
fn place(x: &Finding) -> String {
    let sheet = x.sheet().map(|s| format!("工作表“{s}”"));
    let at = match (x.line, x.column, &sheet) {
        (0, _, _) => None,
        (l, c, Some(_)) if c > 0 => Some(format!("单元格 {}", cell_ref(l, c - 1))),
        (l, 0, _) => Some(format!("第 {l} 行")),
        (l, c, _) => Some(format!("第 {l} 行第 {c} 列")),
    };
    match (sheet, at) {
        (Some(s), Some(a)) => format!("{s} · {a}"),
        (Some(s), None) => s,
        (None, Some(a)) => a,
        (None, None) => "整个文件".to_string(),
    }
}

/// What an input file is, by where it lies: the names the guide and the forms use.
fn file_kind(file: &str) -> &'static str {
    let stem = |name: &str| {
        file.strip_prefix("data/")
            .is_some_and(|f| f.starts_with(name))
    };
    if file.starts_with("data/reports/") {
        "报表"
    } else if stem("units.") {
        "单位表"
    } else if stem("indicators.") {
        "指标表"
    } else if stem("pairings.") {
        "对口联系表"
    } else if stem("visits.") {
        "调研走访记录"
    } else if stem("problems.") {
        "问题清单"
    } else if stem("holidays.") {
        "节假日表"
    } else if stem("campaign.toml") {
        "专项工作设置"
    } else if file.starts_with("content/practices/") {
        "好经验好做法"
    } else if file.starts_with("content/bulletins/") {
        "专班点评"
    } else if file.starts_with("content/") {
        "使用说明"
    } else if file.starts_with("templates/") {
        "页面模板"
    } else {
        "文件"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Code, Msg};

    fn finding(file: &str, line: usize, column: usize) -> Finding {
        Finding {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            column,
            code: Code::NotANumber,
            message: Msg::default(),
            source: None,
            unit: None,
            summary: false,
            count: 1,
        }
    }

    #[test]
    fn places_read_as_a_person_says_them() {
        assert_eq!(
            place(&finding("data/reports/a.csv", 8, 4)),
            "第 8 行第 4 列"
        );
        assert_eq!(place(&finding("data/reports/a.csv", 8, 0)), "第 8 行");
        assert_eq!(place(&finding("data/units.csv", 0, 0)), "整个文件");
        assert_eq!(
            place(&finding("data/reports/13.xlsx[报表]", 7, 2)),
            "工作表“报表” · 单元格 B7"
        );
        assert_eq!(
            place(&finding("data/reports/13.xlsx[报表]", 7, 0)),
            "工作表“报表” · 第 7 行"
        );
        assert_eq!(
            place(&finding("data/reports/13.xlsx[填表说明]", 0, 0)),
            "工作表“填表说明”"
        );
        assert_eq!(file_kind("data/reports/x/13.xlsx"), "报表");
        assert_eq!(file_kind("data/units.xlsx"), "单位表");
        assert_eq!(file_kind("data/indicators.csv (default)"), "指标表");
        assert_eq!(file_kind("content/practices/a.md"), "好经验好做法");
    }
}
