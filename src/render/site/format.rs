//! Figures as people read them: percentages, grouped thousands, coverage “292/316”.

use serde::Serialize;

use crate::engine::{Cell, Figures, MetricKind, Value};
use crate::model::Model;
use crate::render::labels::metric_label;

/// One figure ready for a template.
#[derive(Serialize, Clone, Debug)]
pub struct Fig {
    pub code: String,
    pub label: String,
    /// What is shown: `85.3%`, `1,234`, `12.5 万元`, or `—` when blank.
    pub text: String,
    /// `292/316` where coverage matters.
    pub coverage: String,
    /// 0–100 for rates (for bars), else none.
    pub pct: Option<f64>,
    /// For sorting tables: the plain value, or empty.
    pub sort: String,
}

pub fn label(model: &Model, figures: &Figures, metric: usize) -> String {
    let m = &figures.metrics[metric];
    match m.kind {
        MetricKind::Reported(i) => model.indicators[i].name.clone(),
        _ => metric_label(&m.code).unwrap_or(&m.code).to_string(),
    }
}

/// The unit a figure is counted in, for column headers: `次`, `万元`, `%`.
pub fn measure(model: &Model, figures: &Figures, metric: usize) -> String {
    let m = &figures.metrics[metric];
    match m.kind {
        MetricKind::Reported(i) => {
            let ind = &model.indicators[i];
            if ind.unit_agg == crate::model::UnitAgg::Share || ind.yes_no {
                "%".to_string()
            } else {
                ind.measure.clone()
            }
        }
        MetricKind::Rate => "%".to_string(),
        MetricKind::Count => match m.code.as_str() {
            "onsite_visits" => "次".to_string(),
            c if c.starts_with("practices") => "篇".to_string(),
            _ => "个".to_string(),
        },
    }
}

pub fn fig(model: &Model, figures: &Figures, period: usize, unit: usize, metric: usize) -> Fig {
    let cell = figures
        .get(period, unit, metric)
        .copied()
        .unwrap_or_default();
    let code = figures.metrics[metric].code.clone();
    let reported = matches!(figures.metrics[metric].kind, MetricKind::Reported(_));
    let mut f = from_cell(&cell, measure(model, figures, metric), reported);
    f.code = code;
    f.label = label(model, figures, metric);
    f
}

pub fn by_code(
    model: &Model,
    figures: &Figures,
    period: usize,
    unit: usize,
    code: &str,
) -> Option<Fig> {
    figures
        .metric(code)
        .map(|m| fig(model, figures, period, unit, m))
}

/// A figure as a table cell whose row gives the unit: the number and its coverage only.
pub fn cell_text(
    figures: &Figures,
    period: usize,
    unit: usize,
    metric: usize,
    reported: bool,
) -> (String, String) {
    let cell = figures
        .get(period, unit, metric)
        .copied()
        .unwrap_or_default();
    let text = match cell.value {
        None => "—".to_string(),
        Some(v @ Value::Ratio(..)) => percent(v.to_f64()),
        Some(v @ Value::Mean(..)) => decimal(v.to_f64()),
        Some(Value::Exact(d)) => grouped(&d.normalize().to_string()),
        Some(Value::Count(n)) => grouped(&n.to_string()),
    };
    let coverage = match (cell.reported, cell.expected) {
        (Some(r), Some(e)) if reported => format!("{r}/{e} 县已报"),
        (Some(r), Some(e)) => format!("{r}/{e}"),
        _ => String::new(),
    };
    (text, coverage)
}

/// `reported`: a reported indicator, whose coverage counts counties with a value.
fn from_cell(cell: &Cell, unit: String, reported: bool) -> Fig {
    let (text, pct, sort) = match cell.value {
        None => ("—".to_string(), None, String::new()),
        Some(v) => {
            let x = v.to_f64();
            match v {
                Value::Ratio(..) => (percent(x), Some(x * 100.0), v.export()),
                Value::Mean(..) => (
                    format!("{}{}", decimal(x), unit_suffix(&unit)),
                    None,
                    v.export(),
                ),
                Value::Exact(d) => (
                    format!(
                        "{}{}",
                        grouped(&d.normalize().to_string()),
                        unit_suffix(&unit)
                    ),
                    None,
                    v.export(),
                ),
                Value::Count(n) => (
                    format!("{}{}", grouped(&n.to_string()), unit_suffix(&unit)),
                    None,
                    v.export(),
                ),
            }
        }
    };
    let coverage = match (cell.reported, cell.expected) {
        (Some(r), Some(e)) if reported => format!("{r}/{e} 县已报"),
        (Some(r), Some(e)) => format!("{r}/{e}"),
        _ => String::new(),
    };
    Fig {
        code: String::new(),
        label: String::new(),
        text,
        coverage,
        pct,
        sort,
    }
}

fn unit_suffix(unit: &str) -> String {
    if unit.is_empty() || unit == "%" {
        String::new()
    } else {
        format!(" {unit}")
    }
}

pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

pub fn decimal(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `1218270` → `1,218,270`; decimals keep their fraction.
pub fn grouped(number: &str) -> String {
    let (int, frac) = number
        .split_once('.')
        .map_or((number, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(grouped("1218270"), "1,218,270");
        assert_eq!(grouped("16215.9"), "16,215.9");
        assert_eq!(grouped("12"), "12");
        assert_eq!(percent(0.84086), "84.1%");
        assert_eq!(decimal(5.943), "5.94");
        let f = from_cell(
            &Cell {
                value: None,
                reported: Some(0),
                expected: Some(4),
            },
            "次".into(),
            true,
        );
        assert_eq!((f.text.as_str(), f.coverage.as_str()), ("—", "0/4 县已报"));
    }
}
