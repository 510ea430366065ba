//! A county's page speaks of one county: 达标 / 未达标 and 已联系 / 未联系 rather than
//! “100.0% 1/1”, reports counted in 期, and a note for every report it missed or sent late.

use serde::Serialize;

use super::format::{Fig, write_table_cell};
use super::{Site, period_path};
use crate::engine::{Cell, Derived, Figures, Kind, Metric};
use crate::model::date::chinese;
use crate::render::html::escape;

/// What a yes/no figure of one county reads as: the figures whose denominator is the county
/// itself (1) or its pairings.
fn words(metric: Metric) -> Option<(&'static str, &'static str)> {
    match metric {
        Metric::Derived(Derived::PairingCoverage) => Some(("已联系", "未联系")),
        Metric::Derived(Derived::VisitCoverage) => Some(("已实地调研", "未实地调研")),
        Metric::Derived(Derived::Strong(_) | Derived::FiveStrong) => Some(("达标", "未达标")),
        _ => None,
    }
}

/// The word a county's cell reads as, if the figure is a yes or a no for it: yes when every
/// one of its (one) county or pairings counts, no when none does; some of several pairings
/// visited reads 部分.
fn word(metric: Metric, cell: &Cell) -> Option<(&'static str, &'static str)> {
    // One report: sent or not, on time or not.
    let (yes, no) = match metric {
        Metric::Derived(Derived::ReportingRate) if cell.expected() == Some(1) => {
            ("已报送", "未报送")
        }
        Metric::Derived(Derived::Timeliness) if cell.expected() == Some(1) => ("按时", "未按时"),
        _ => words(metric)?,
    };
    match (cell.reported(), cell.expected()) {
        // A county no upper union is paired with has no visit to count.
        (Some(_), Some(0)) if metric == Metric::Derived(Derived::VisitCoverage) => {
            Some(("无对口联系", "none"))
        }
        (Some(_), Some(0)) | (None, _) | (_, None) => None,
        (Some(r), Some(e)) if r == e => Some((yes, "yes")),
        (Some(0), Some(_)) => Some((no, "no")),
        (Some(_), Some(_)) => Some(("部分实地调研", "part")),
    }
}

/// The label and measure of a row of a county's figure table: a yes/no figure is named as a
/// fact and has no measure.
pub fn row_heading(metric: Metric, label: &str, measure: &str) -> (String, String) {
    if words(metric).is_some() {
        (county_label(label), String::new())
    } else {
        (label.to_string(), measure.to_string())
    }
}

/// `对口联系覆盖率` → `对口联系`, `五强全面达标率` → `五强全面达标`: a county is not a share.
fn county_label(label: &str) -> String {
    label
        .strip_suffix("覆盖率")
        .or_else(|| label.strip_suffix('率'))
        .unwrap_or(label)
        .to_string()
}

/// A figure card as it reads for one county.
pub fn speak(figures: &Figures, period: usize, unit: usize, fig: &mut Fig) {
    let Some(k) = figures.column_of_code(&fig.code) else {
        return;
    };
    let def = &figures.metrics[k];
    let cell = figures.get(period, unit, k).copied().unwrap_or_default();
    if let Some((text, _)) = word(def.metric, &cell) {
        fig.label = county_label(&fig.label);
        if text == "部分实地调研" {
            fig.coverage = format!("{} 对", fig.coverage);
        } else {
            fig.coverage.clear();
        }
        fig.text = text.to_string();
        fig.pct = None;
        return;
    }
    match def.metric {
        Metric::Derived(Derived::ReportingRate | Derived::Timeliness)
            if !fig.coverage.is_empty() =>
        {
            fig.coverage.push_str(" 期");
        }
        _ if def.kind == Kind::Reported => {
            fig.coverage = match cell.reported() {
                Some(0) => "未报".to_string(),
                _ => String::new(),
            };
        }
        _ => {}
    }
}

/// A cell of a county's figure table: a word for a yes/no figure, `未报` for an indicator it
/// did not report, else the figure as for any unit.
pub fn write_cell(out: &mut String, figures: &Figures, period: usize, unit: usize, column: usize) {
    let def = &figures.metrics[column];
    let cell = figures
        .get(period, unit, column)
        .copied()
        .unwrap_or_default();
    if let Some((text, class)) = word(def.metric, &cell) {
        out.push_str("<td class=\"n ");
        out.push_str(class);
        out.push_str("\">");
        out.push_str(text);
        out.push_str("</td>");
    } else if def.kind == Kind::Reported && cell.reported() == Some(0) {
        out.push_str("<td class=\"n no\">未报</td>");
    } else if def.kind == Kind::Reported {
        // The county itself: no “1/1 县已报”.
        let mut html = String::new();
        write_table_cell(&mut html, figures, period, unit, column);
        if let (Some(start), Some(end)) = (html.find(" title=\""), html.find("\">")) {
            html.replace_range(start..end + 1, "");
        }
        out.push_str(&html);
    } else {
        write_table_cell(out, figures, period, unit, column);
    }
}

/// One report a county owed by the campaign's end, and what became of it.
#[derive(Serialize)]
pub struct ReportLine {
    pub label: String,
    pub href: String,
    pub deadline: String,
    /// 按时报送, 迟报 or 未报送, and a class for its colour.
    pub status: &'static str,
    pub class: &'static str,
    pub submitted: String,
}

/// The county's record of every report owed by the campaign's end, in period order.
pub fn record(site: &Site, unit: usize, root: &str) -> Vec<ReportLine> {
    let m = site.model;
    let f = site.figures;
    let t = &f.timeline;
    t.periods[site.campaign]
        .owes
        .iter()
        .map(|r| {
            let report = site.reports_by_county[unit]
                .iter()
                .rev()
                .map(|i| &m.reports[*i])
                .find(|x| x.period == *r);
            let deadline = t.periods[*r].deadline;
            let (status, class) = match (report, deadline) {
                (None, _) => ("未报送", "no"),
                (Some(x), Some(d)) if x.submitted_on > d => ("迟报", "late"),
                (Some(_), _) => ("按时报送", "yes"),
            };
            ReportLine {
                label: m.calendar.periods[*r].label.clone(),
                href: format!("{root}{}", period_path(&m.calendar.periods[*r].id)),
                deadline: deadline.map_or(String::new(), chinese),
                status,
                class,
                submitted: report.map_or(String::new(), |x| chinese(x.submitted_on)),
            }
        })
        .collect()
}

/// The notes over a county's page: one sentence for each report missed or sent late.
pub fn notes(record: &[ReportLine]) -> Vec<String> {
    record
        .iter()
        .filter(|l| l.class != "yes")
        .map(|l| match l.class {
            "no" => format!(
                "{}报表未报送（报送时限{}）。",
                escape(&l.label),
                escape(&l.deadline)
            ),
            _ => format!(
                "{}报表迟报：{}报送，报送时限{}。",
                escape(&l.label),
                escape(&l.submitted),
                escape(&l.deadline)
            ),
        })
        .collect()
}

/// Whether a county's page shows a figure: all but the share of write-ups by counties, which
/// for one county is 100% or blank.
pub fn shown(metric: Metric) -> bool {
    metric != Metric::Derived(Derived::CountyPracticeShare)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Value;

    fn cell(r: u32, e: u32) -> Cell {
        Cell::counted(Some(Value::Ratio(r, e)), r, e)
    }

    #[test]
    fn a_county_reads_as_met_or_not() {
        let five = Metric::Derived(Derived::FiveStrong);
        assert_eq!(word(five, &cell(1, 1)), Some(("达标", "yes")));
        assert_eq!(word(five, &cell(0, 1)), Some(("未达标", "no")));
        let visits = Metric::Derived(Derived::VisitCoverage);
        assert_eq!(word(visits, &cell(1, 2)), Some(("部分实地调研", "part")));
        assert_eq!(word(visits, &cell(0, 0)), Some(("无对口联系", "none")));
        let reports = Metric::Derived(Derived::ReportingRate);
        assert_eq!(word(reports, &cell(6, 7)), None, "a share of seven reports");
        assert_eq!(word(reports, &cell(0, 1)), Some(("未报送", "no")));
        assert_eq!(county_label("对口联系覆盖率"), "对口联系");
        assert_eq!(county_label("五强全面达标率"), "五强全面达标");
    }
}
