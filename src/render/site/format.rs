//! Figures as people read them. Cards, sentences and headings read as Chinese documents write
//! them: 万 and 亿 with one decimal from 10,000 up (`121.8万人`, `15.6亿元`), dates as
//! `2023年1月1日`; tables and exports keep the exact figure (`1,218,270 人`). Every figure on a
//! page is made here from a cell of the engine's table, and carries its metric code (`data-m`);
//! the period and unit come from an enclosing `data-p` / `data-u`, so a page can be checked
//! against `indicators.csv` figure by figure.

use serde::Serialize;

use crate::engine::{Cell, Figures, Kind, Metric, Value};
use crate::model::Date;
use crate::render::html::escape;

/// One figure ready for a template.
#[derive(Serialize, Clone, Debug)]
pub struct Fig {
    /// The metric's code in `indicators.csv`.
    pub code: String,
    pub label: String,
    /// What a card shows: `85.3%`, `1,234次`, `121.8万人`, `15.6亿元`, or `—` when blank.
    pub text: String,
    /// What a table cell shows: the exact figure, `1,218,270 人`.
    pub exact: String,
    /// `292/316` where coverage matters.
    pub coverage: String,
    /// 0–100 for rates (for bars), else none.
    pub pct: Option<f64>,
    /// For sorting tables: the plain value, or empty.
    pub sort: String,
}

/// The figure of a column for a unit and period (blank when the unit has none).
pub fn fig(figures: &Figures, period: usize, unit: usize, column: usize) -> Fig {
    let cell = figures
        .get(period, unit, column)
        .copied()
        .unwrap_or_default();
    let def = &figures.metrics[column];
    let mut f = from_cell(&cell, &def.measure, def.kind);
    f.code = def.code.clone();
    f.label = def.label.clone();
    f
}

/// The figure of a metric; `None` when the project has no such figure.
pub fn fig_of(
    figures: &Figures,
    period: usize,
    unit: usize,
    metric: impl Into<Metric>,
) -> Option<Fig> {
    figures
        .column(metric)
        .map(|k| fig(figures, period, unit, k))
}

/// Figures of several metrics, leaving out those the project does not have.
pub fn figs(figures: &Figures, period: usize, unit: usize, metrics: &[Metric]) -> Vec<Fig> {
    metrics
        .iter()
        .filter_map(|m| fig_of(figures, period, unit, *m))
        .collect()
}

/// A figure as a table cell whose row gives the unit: the number and its coverage only.
pub fn cell_text(figures: &Figures, period: usize, unit: usize, column: usize) -> (String, String) {
    let cell = figures
        .get(period, unit, column)
        .copied()
        .unwrap_or_default();
    (
        value_text(cell.value),
        coverage(&cell, figures.metrics[column].kind),
    )
}

/// A figure as a cell of a unit's figure table, written straight into the page:
/// `<td class="n" title="292/316">92.4%</td>`. The table has a row per metric and a column per
/// period on every unit page, so it is written without building intermediate strings.
pub fn write_table_cell(
    out: &mut String,
    figures: &Figures,
    period: usize,
    unit: usize,
    column: usize,
) {
    use std::fmt::Write;
    let cell = figures
        .get(period, unit, column)
        .copied()
        .unwrap_or_default();
    out.push_str("<td class=\"n\"");
    if let (Some(r), Some(e)) = (cell.reported(), cell.expected()) {
        let _ = write!(out, " title=\"{r}/{e}");
        if figures.metrics[column].kind == Kind::Reported {
            out.push_str(" 县已报");
        }
        out.push('"');
    }
    out.push('>');
    match cell.value {
        None => out.push('—'),
        Some(v @ Value::Ratio(..)) => {
            let _ = write!(out, "{:.1}%", v.to_f64() * 100.0);
        }
        Some(Value::Count(n)) => push_grouped(out, &n.to_string()),
        Some(v) => out.push_str(&value_text(Some(v))),
    }
    out.push_str("</td>");
}

/// `push_grouped(out, "1218270")` appends `1,218,270`.
fn push_grouped(out: &mut String, number: &str) {
    let (int, frac) = number
        .split_once('.')
        .map_or((number, None), |(i, f)| (i, Some(f)));
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
}

/// Which number of a cell a sentence quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Value,
    Reported,
    Expected,
}

impl Part {
    /// The attribute that marks a numerator or denominator in HTML.
    pub fn attr(self) -> &'static str {
        match self {
            Part::Value => "",
            Part::Reported => " data-part=\"reported\"",
            Part::Expected => " data-part=\"expected\"",
        }
    }
}

/// One number of a figure inside a sentence, as HTML that names it:
/// `<span data-m="reporting_rate" data-part="expected">1,264</span>`. Period and unit come
/// from the enclosing element.
pub fn quote(
    figures: &Figures,
    period: usize,
    unit: usize,
    metric: impl Into<Metric>,
    part: Part,
) -> String {
    let Some((code, text)) = spoken(figures, period, unit, metric, part) else {
        return "—".to_string();
    };
    format!(
        "<span data-m=\"{}\"{}>{text}</span>",
        escape(&code),
        part.attr()
    )
}

/// One number of a figure as a sentence reads it, with its metric code: (`reporting_rate`,
/// `95.6%`), (`reporting_rate`, `2.1万`) for a denominator of 20,846; `None` when the project
/// has no such figure.
pub fn spoken(
    figures: &Figures,
    period: usize,
    unit: usize,
    metric: impl Into<Metric>,
    part: Part,
) -> Option<(String, String)> {
    let k = figures.column(metric)?;
    let cell = figures.get(period, unit, k).copied().unwrap_or_default();
    let text = match part {
        Part::Value => reading(cell.value),
        Part::Reported => cell.reported().map_or("—".into(), |n| amount(n as f64)),
        Part::Expected => cell.expected().map_or("—".into(), |n| amount(n as f64)),
    };
    Some((figures.metrics[k].code.clone(), text))
}

/// The number of a count figure, plain (for headings such as “未报送（12个）”).
pub fn count_of(figures: &Figures, period: usize, unit: usize, metric: impl Into<Metric>) -> u32 {
    match figures.cell(period, unit, metric).and_then(|c| c.value) {
        Some(Value::Count(n)) => n,
        _ => 0,
    }
}

fn value_text(value: Option<Value>) -> String {
    match value {
        None => "—".to_string(),
        Some(v @ Value::Ratio(..)) => percent(v.to_f64()),
        Some(v @ Value::Mean(..)) => decimal(v.to_f64()),
        Some(Value::Exact(d)) => grouped(&d.normalize().to_string()),
        Some(Value::Count(n)) => grouped(&n.to_string()),
    }
}

fn coverage(cell: &Cell, kind: Kind) -> String {
    match (cell.reported(), cell.expected()) {
        (Some(r), Some(e)) if kind == Kind::Reported => format!("{r}/{e} 县已报"),
        (Some(r), Some(e)) => format!("{r}/{e}"),
        _ => String::new(),
    }
}

fn from_cell(cell: &Cell, measure: &str, kind: Kind) -> Fig {
    let (text, exact, pct, sort) = match cell.value {
        None => ("—".to_string(), "—".to_string(), None, String::new()),
        Some(v @ Value::Ratio(..)) => {
            let text = value_text(Some(v));
            (text.clone(), text, Some(v.to_f64() * 100.0), v.export())
        }
        Some(v) => (
            measured(v, measure),
            format!("{}{}", value_text(Some(v)), unit_suffix(measure)),
            None,
            v.export(),
        ),
    };
    Fig {
        code: String::new(),
        label: String::new(),
        text,
        exact,
        coverage: coverage(cell, kind),
        pct,
        sort,
    }
}

/// A value as a sentence reads it: rates as percentages, amounts of 10,000 and more in 万/亿.
fn reading(value: Option<Value>) -> String {
    match value {
        None => "—".to_string(),
        Some(v @ Value::Ratio(..)) => percent(v.to_f64()),
        Some(v) if v.to_f64() < 10_000.0 => value_text(Some(v)),
        Some(v) => amount(v.to_f64()),
    }
}

/// A value with its measure as a card reads it: `1,234次`, `121.8万人`; a measure in 万
/// (万元) turns into 亿 from 10,000 万 up: `15.6亿元`.
fn measured(value: Value, measure: &str) -> String {
    let x = value.to_f64();
    if let Some(rest) = measure.strip_prefix('万') {
        if x >= 10_000.0 {
            return format!("{:.1}亿{rest}", x / 10_000.0);
        }
        return format!("{}{measure}", value_text(Some(value)));
    }
    let measure = if measure == "%" { "" } else { measure };
    format!("{}{measure}", reading(Some(value)))
}

/// `1218270.0` → `121.8万`, `156460900.0` → `1.6亿`; below 10,000 the number grouped as it
/// is (`1,264`, `12.5`): the Chinese reading of an amount.
pub fn amount(x: f64) -> String {
    if x.abs() < 10_000.0 {
        return grouped(&decimal(x));
    }
    // 99,999,999 rounds to 10000.0万: that is 1.0亿.
    let wan = format!("{:.1}", x / 10_000.0);
    if wan.parse::<f64>().is_ok_and(|w| w.abs() < 10_000.0) {
        format!("{wan}万")
    } else {
        format!("{:.1}亿", x / 100_000_000.0)
    }
}

/// `2023年1月1日`: a date as Chinese documents write it, wherever readers read one.
pub fn date(d: Date) -> String {
    crate::model::date::chinese(d)
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
    let mut out = String::with_capacity(number.len() + number.len() / 3);
    push_grouped(&mut out, number);
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
        let f = from_cell(&Cell::counted(None, 0, 4), "次", Kind::Reported);
        assert_eq!((f.text.as_str(), f.coverage.as_str()), ("—", "0/4 县已报"));
        let f = from_cell(&Cell::plain(Some(Value::Count(1234))), "篇", Kind::Count);
        assert_eq!((f.text.as_str(), f.sort.as_str()), ("1,234篇", "1234"));
        assert_eq!(f.exact, "1,234 篇");
    }

    #[test]
    fn big_numbers_read_in_wan_and_yi() {
        let card = |v: Value, measure: &str| {
            let cell = Cell::plain(Some(v));
            let f = from_cell(&cell, measure, Kind::Count);
            (f.text, f.exact)
        };
        assert_eq!(
            card(Value::Count(1_218_270), "人"),
            ("121.8万人".to_string(), "1,218,270 人".to_string())
        );
        let money = Value::Exact(rust_decimal::Decimal::new(1_564_609, 1));
        assert_eq!(
            card(money, "万元"),
            ("15.6亿元".to_string(), "156,460.9 万元".to_string())
        );
        let small_money = Value::Exact(rust_decimal::Decimal::new(85_203, 1));
        assert_eq!(card(small_money, "万元").0, "8,520.3万元");
        assert_eq!(card(Value::Count(9_999), "次").0, "9,999次");
        assert_eq!(card(Value::Count(10_000), "次").0, "1.0万次");
        assert_eq!(amount(99_999_999.0), "1.0亿");
        assert_eq!(amount(20_846.0), "2.1万");
        assert_eq!(amount(1_264.0), "1,264");
        assert_eq!(amount(300_000_000.0), "3.0亿");
        let d = Date::new(2023, 1, 1).unwrap();
        assert_eq!(date(d), "2023年1月1日");
    }
}
