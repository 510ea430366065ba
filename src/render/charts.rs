//! Charts as inline SVG, written by hand: lines, bars, circles and text at fixed pixel sizes.
//! A chart has its own width and height (`width`/`height` in pixels), so its text is 13 px on
//! every screen: a page lets a chart scroll sideways inside its box on a phone rather than
//! shrink it, and print scales it to the column. The browser places the text (anchored by its
//! start, middle or end), so Chinese labels need no font measurement.

use std::fmt::Write;

use super::html::escape;

/// Text size of every label, in pixels.
pub const TEXT_PX: u32 = 13;
/// Width of every chart, in pixels: two fit side by side in the page's 72rem column.
pub const WIDTH: u32 = 540;

const COLOURS: [&str; 6] = [
    "#c00000", "#1f5eaa", "#e68c14", "#3c8c3c", "#7846a0", "#5a5a5a",
];
const INK: &str = "#333";
const GRID: &str = "#e1e1e1";

pub struct Series {
    pub name: String,
    pub points: Vec<Option<f64>>,
}

/// The x axis of a trend chart: one label per point (`9—10月`), the year to show under a
/// point (under the first and wherever the year changes), and which points cover a shorter
/// span than the others (a one-month last “bimonth”).
pub struct Axis {
    pub labels: Vec<String>,
    pub years: Vec<Option<String>>,
    pub short: Vec<bool>,
}

/// How values read on the y axis.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Fractions shown as percentages on a 0–100% axis.
    Percent,
    /// Amounts per period (visits, problems): a point of a shorter period holds less time, so
    /// it is drawn hollow and reached by a dashed line.
    PerPeriod,
}

/// The colour of series `k`, for a legend drawn beside the chart in HTML (where it never
/// covers the lines and reads well on a phone).
pub fn series_colour(k: usize) -> String {
    COLOURS[k % COLOURS.len()].to_string()
}

/// A line chart of series over the points of `axis`.
pub fn line_chart(title: &str, axis: &Axis, series: &[Series], scale: Scale) -> String {
    const HEIGHT: u32 = 290;
    let (left, right, top, bottom) = (56.0, 24.0, 14.0, HEIGHT as f64 - 46.0);
    let n = axis.labels.len().max(1);
    let step = (WIDTH as f64 - left - right) / n as f64;
    let x_of = |i: usize| left + step * (i as f64 + 0.5);
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().flatten())
        .fold(0f64, |a, b| a.max(*b));
    let ticks = match scale {
        Scale::Percent => (0..=5).map(|k| k as f64 / 5.0).collect(),
        Scale::PerPeriod => amount_ticks(max),
    };
    let y_max = ticks.last().copied().unwrap_or(1.0);
    let y_of = |v: f64| bottom - (bottom - top) * (v / y_max).clamp(0.0, 1.0);
    let mut svg = open(title, WIDTH, HEIGHT);
    for (k, v) in ticks.iter().copied().enumerate() {
        let y = y_of(v);
        let _ = write!(
            svg,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{}\"/>",
            WIDTH as f64 - right,
            if k == 0 { INK } else { GRID }
        );
        let label = match scale {
            Scale::Percent => format!("{:.0}%", v * 100.0),
            Scale::PerPeriod => compact(v),
        };
        text(&mut svg, left - 6.0, y + 4.5, "end", &label);
    }
    for (i, label) in axis.labels.iter().enumerate() {
        text(&mut svg, x_of(i), bottom + 18.0, "middle", label);
        if let Some(Some(year)) = axis.years.get(i) {
            text(&mut svg, x_of(i), bottom + 36.0, "middle", year);
        }
    }
    let short = |i: usize| scale == Scale::PerPeriod && axis.short.get(i).copied() == Some(true);
    for (k, s) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let at = |i: usize| {
            s.points
                .get(i)
                .copied()
                .flatten()
                .map(|v| (x_of(i), y_of(v)))
        };
        // Solid between two full periods, dashed where either end is a short one; a blank
        // value breaks the line.
        let mut solid = String::new();
        let mut dashed = String::new();
        for i in 1..n {
            let (Some((x0, y0)), Some((x1, y1))) = (at(i - 1), at(i)) else {
                continue;
            };
            let path = if short(i - 1) || short(i) {
                &mut dashed
            } else {
                &mut solid
            };
            let _ = write!(path, "M{x0:.1} {y0:.1}L{x1:.1} {y1:.1}");
        }
        if !solid.is_empty() {
            let _ = write!(
                svg,
                "<path d=\"{solid}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>"
            );
        }
        if !dashed.is_empty() {
            let _ = write!(
                svg,
                "<path class=\"short\" d=\"{dashed}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/>"
            );
        }
        for i in 0..n {
            let Some((x, y)) = at(i) else { continue };
            if short(i) {
                let _ = write!(
                    svg,
                    "<circle class=\"short\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2\"/>"
                );
            } else {
                let _ = write!(
                    svg,
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{colour}\"/>"
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars, one per label, for rankings; values are fractions shown as percentages.
/// `reference` draws the parent's figure as a dashed line, named (`全国 94.9%`).
pub fn bar_chart(
    title: &str,
    labels: &[String],
    values: &[Option<f64>],
    reference: Option<(&str, f64)>,
) -> String {
    const ROW: f64 = 24.0;
    // Chinese characters are about 1 em wide: the label column fits the longest name.
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(2);
    let left = (longest as f64 * TEXT_PX as f64 + 12.0).clamp(60.0, 220.0);
    let right = 64.0;
    let top = if reference.is_some() { 24.0 } else { 8.0 };
    let n = labels.len().max(1);
    let bottom = top + ROW * n as f64;
    let height = (bottom + 26.0).ceil() as u32;
    let x_of = |v: f64| left + (WIDTH as f64 - left - right) * v.clamp(0.0, 1.0);
    let mut svg = open(title, WIDTH, height);
    for k in 0..=5 {
        let v = k as f64 / 5.0;
        let x = x_of(v);
        let _ = write!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{bottom}\" stroke=\"{}\"/>",
            if k == 0 { INK } else { GRID }
        );
        text(
            &mut svg,
            x,
            bottom + 18.0,
            "middle",
            &format!("{:.0}%", v * 100.0),
        );
    }
    // Under the bars and their labels, which a white halo keeps readable across it.
    if let Some((name, v)) = reference {
        let x = x_of(v);
        let _ = write!(
            svg,
            "<line class=\"reference\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{bottom}\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
            top - 4.0
        );
        let anchor = if v > 0.8 { "end" } else { "middle" };
        text(
            &mut svg,
            x,
            top - 8.0,
            anchor,
            &format!("{name} {:.1}%", v * 100.0),
        );
    }
    for (i, label) in labels.iter().enumerate() {
        let y = top + ROW * i as f64;
        text(&mut svg, left - 6.0, y + ROW / 2.0 + 4.5, "end", label);
        if let Some(v) = values.get(i).copied().flatten() {
            let _ = write!(
                svg,
                "<rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" fill=\"{}\"/>",
                y + 5.0,
                x_of(v) - left,
                COLOURS[0]
            );
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{:.1}%</text>",
                x_of(v) + 4.0,
                y + ROW / 2.0 + 4.5,
                v * 100.0
            );
        } else {
            text(&mut svg, left + 4.0, y + ROW / 2.0 + 4.5, "start", "—");
        }
    }
    svg.push_str("</svg>");
    svg
}

fn open(title: &str, width: u32, height: u32) -> String {
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg class=\"chart\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"{TEXT_PX}\"><title>{}</title><rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>",
        escape(title)
    );
    svg
}

fn text(svg: &mut String, x: f64, y: f64, anchor: &str, content: &str) {
    let _ = write!(
        svg,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"{INK}\">{}</text>",
        escape(content)
    );
}

/// Grid lines for amounts: from 0 to a round top above `max`, in whole steps.
fn amount_ticks(max: f64) -> Vec<f64> {
    let top = nice_ceiling(max);
    if top <= 5.0 {
        let top = top.ceil().max(1.0) as u32;
        return (0..=top).map(f64::from).collect();
    }
    // 2, 20, 200 … in four steps of a half; 1, 2.5, 5 (and tens) in five.
    let lead = top / 10f64.powf(top.log10().floor());
    let steps = if (lead - 2.0).abs() < 1e-9 { 4 } else { 5 };
    (0..=steps).map(|k| top * k as f64 / steps as f64).collect()
}

fn nice_ceiling(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if max <= step * magnitude {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

/// `12000` → `1.2万`: axis labels stay short.
fn compact(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{}万", trim(v / 10_000.0))
    } else {
        trim(v)
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.1}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis() -> Axis {
        Axis {
            labels: vec!["11—12月".into(), "1—2月".into(), "9月（单月）".into()],
            years: vec![Some("2022年".into()), Some("2023年".into()), None],
            short: vec![false, false, true],
        }
    }

    #[test]
    fn line_chart_has_its_own_size_a_title_and_fixed_text() {
        let svg = line_chart(
            "报送率<趋势>",
            &axis(),
            &[Series {
                name: "报送率".into(),
                points: vec![Some(0.5), Some(0.75), Some(0.8)],
            }],
            Scale::Percent,
        );
        assert!(
            svg.starts_with("<svg class=\"chart\" width=\"540\" height=\"290\""),
            "{svg}"
        );
        assert!(svg.contains("font-size=\"13\""));
        assert!(svg.contains("<title>报送率&lt;趋势&gt;</title>"));
        for label in ["11—12月", "2022年", "2023年", "9月（单月）", "100%"] {
            assert!(svg.contains(&format!(">{label}</text>")), "{label}");
        }
        // A rate is whole for a short period too: no dashes.
        assert!(!svg.contains("stroke-dasharray"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn a_short_last_period_is_hollow_and_dashed_for_amounts() {
        let svg = line_chart(
            "调研",
            &axis(),
            &[Series {
                name: "实地调研次数".into(),
                points: vec![Some(300.0), Some(280.0), Some(120.0)],
            }],
            Scale::PerPeriod,
        );
        assert_eq!(svg.matches("<circle class=\"short\"").count(), 1);
        assert_eq!(svg.matches("<path class=\"short\"").count(), 1);
        assert_eq!(svg.matches("<circle ").count(), 3);
        assert!(svg.contains(">500</text>"), "axis top 500: {svg}");
    }

    #[test]
    fn bar_chart_labels_every_bar_and_the_reference() {
        let labels: Vec<String> = ["河北省", "江苏省", "宁夏回族自治区"]
            .map(String::from)
            .to_vec();
        let svg = bar_chart(
            "各省报送率",
            &labels,
            &[Some(0.9), None, Some(0.5)],
            Some(("全国", 0.7)),
        );
        for l in &labels {
            assert!(svg.contains(&format!(">{l}</text>")), "{l} missing");
        }
        assert!(svg.contains(">90.0%</text>"));
        assert!(svg.contains(">全国 70.0%</text>"));
        assert_eq!(svg.matches("<rect ").count(), 3, "background and two bars");
    }

    #[test]
    fn nice_axis_tops() {
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(120.0), 200.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(compact(15000.0), "1.5万");
        assert_eq!(amount_ticks(2.0), [0.0, 1.0, 2.0]);
        assert_eq!(amount_ticks(0.0), [0.0, 1.0]);
        assert_eq!(amount_ticks(20.0), [0.0, 5.0, 10.0, 15.0, 20.0]);
        assert_eq!(amount_ticks(300.0).last(), Some(&500.0));
    }
}
