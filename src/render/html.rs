//! A plain `index.html` with the headline figures, until the full site is rendered.

use std::fmt::Write;

use super::labels::metric_label;
use crate::engine::{Cell, Figures, MetricKind, Value};
use crate::findings::{Findings, Severity};
use crate::model::{Level, Model};

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn show(cell: Option<&Cell>, kind: MetricKind) -> String {
    let Some(cell) = cell else {
        return "—".to_string();
    };
    let value = match (cell.value, kind) {
        (None, _) => "—".to_string(),
        (Some(v @ (Value::Ratio(..) | Value::Mean(..))), MetricKind::Rate) => {
            format!("{:.1}%", v.to_f64() * 100.0)
        }
        (Some(Value::Mean(..)), _) => format!("{:.2}", cell.value.map_or(0.0, |v| v.to_f64())),
        (Some(Value::Ratio(..)), _) => {
            format!("{:.1}%", cell.value.map_or(0.0, |v| v.to_f64()) * 100.0)
        }
        (Some(v), _) => v.export(),
    };
    match (cell.reported, cell.expected) {
        (Some(r), Some(e)) => format!("{value}（{r}/{e}）"),
        _ => value,
    }
}

pub fn index(model: &Model, figures: &Figures, findings: &Findings) -> String {
    let campaign = model.calendar.periods.len() - 1;
    let root = model.units.root();
    let mut h = String::new();
    let title = escape(&model.title);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
<style>body{{font-family:system-ui,\"Noto Sans CJK SC\",sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.6}}table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}}td.n{{text-align:right;font-variant-numeric:tabular-nums}}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}，全国主要指标（括号内为已报送数/应报送数）。</p>\n",
        escape(&model.calendar.periods[campaign].label)
    );
    h.push_str("<table>\n<thead><tr><th>指标</th><th>数值</th></tr></thead>\n<tbody>\n");
    for (m, metric) in figures.metrics.iter().enumerate() {
        let label = match metric.kind {
            MetricKind::Reported(i) => {
                let ind = &model.indicators[i];
                format!("{}（{}）", ind.name, ind.measure)
            }
            _ => metric_label(&metric.code)
                .unwrap_or(&metric.code)
                .to_string(),
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(&label),
            escape(&show(figures.get(campaign, root, m), metric.kind))
        );
    }
    h.push_str("</tbody>\n</table>\n<h2>各省报送情况</h2>\n<table>\n<thead><tr><th>单位</th><th>报送率</th><th>及时率</th><th>五强全面达标率</th></tr></thead>\n<tbody>\n");
    let cols = ["reporting_rate", "timeliness", "five_strong"];
    for &u in &model.units.units[root].children {
        let unit = &model.units.units[u];
        if unit.level != Level::Province {
            continue;
        }
        let _ = write!(h, "<tr><td>{}</td>", escape(&unit.name));
        for code in cols {
            let _ = write!(
                h,
                "<td class=\"n\">{}</td>",
                escape(&show(figures.by_code(campaign, u, code), MetricKind::Rate))
            );
        }
        h.push_str("</tr>\n");
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<h2>数据质量</h2>\n<p>错误 {} 条，警告 {} 条，提示 {} 条。详见 <a href=\"data/quality.csv\">data/quality.csv</a>；未计入的数据行见 <a href=\"data/rejected.csv\">data/rejected.csv</a>；全部指标见 <a href=\"data/indicators.csv\">data/indicators.csv</a>。</p>\n</body>\n</html>\n",
        findings.count(Severity::Error),
        findings.count(Severity::Warning),
        findings.count(Severity::Info)
    );
    h
}
