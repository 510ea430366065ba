//! Charts as inline SVG with plotters: vector, crisp in print, with Chinese labels.
//! plotters is built without a font backend, so it needs no system fonts; the browser places
//! the text (the SVG anchors labels by their middle or end), so CJK widths never overflow.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::html::escape;

pub struct Series {
    pub name: String,
    pub points: Vec<Option<f64>>,
}

const COLOURS: [RGBColor; 6] = [
    RGBColor(192, 0, 0),
    RGBColor(31, 94, 170),
    RGBColor(230, 140, 20),
    RGBColor(60, 140, 60),
    RGBColor(120, 70, 160),
    RGBColor(90, 90, 90),
];

const FONT: &str = "sans-serif";

/// The colour of series `k`, for a legend drawn beside the chart in HTML (where it never
/// covers the lines and reads well on a phone).
pub fn series_colour(k: usize) -> String {
    let RGBColor(r, g, b) = COLOURS[k % COLOURS.len()];
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A line chart of series over the labelled points on the x axis.
/// `percent`: values are fractions shown as percentages on a 0–100% axis.
pub fn line_chart(title: &str, x_labels: &[String], series: &[Series], percent: bool) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().flatten())
        .fold(0f64, |a, b| a.max(*b));
    let y_max = if percent { 1.0 } else { nice_ceiling(max) };
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error>> {
        let root = SVGBackend::with_string(&mut svg, (640, 300)).into_drawing_area();
        root.fill(&WHITE)?;
        let n = x_labels.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .margin_top(16)
            .margin_right(20)
            .margin_left(8)
            .x_label_area_size(30)
            .y_label_area_size(56)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..y_max)?;
        let label_of = |x: &f64| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 {
                x_labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let y_format = |y: &f64| {
            if percent {
                format!("{:.0}%", y * 100.0)
            } else {
                compact(*y)
            }
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&label_of)
            .y_labels(6)
            .y_label_formatter(&y_format)
            .label_style((FONT, 16))
            .max_light_lines(0)
            .bold_line_style(RGBColor(225, 225, 225))
            .draw()?;
        for (k, s) in series.iter().enumerate() {
            let colour = COLOURS[k % COLOURS.len()];
            let points: Vec<(f64, f64)> = s
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
                .collect();
            chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?;
            chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, colour.filled())))?;
        }
        root.present()?;
        Ok(())
    })();
    finish(svg, title, drawn.is_ok())
}

/// Horizontal bars, one per label, for rankings; values are fractions shown as percentages.
pub fn bar_chart(title: &str, labels: &[String], values: &[Option<f64>]) -> String {
    let n = labels.len().max(1);
    let height = (40 + 22 * n) as u32;
    let mut svg = String::new();
    let drawn = (|| -> Result<(), Box<dyn std::error::Error>> {
        let root = SVGBackend::with_string(&mut svg, (640, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(48)
            .x_label_area_size(24)
            .y_label_area_size(120)
            .build_cartesian_2d(0f64..1f64, 0f64..n as f64)?;
        let label_of = |y: &f64| {
            let i = (n as f64 - y - 0.5).round();
            if ((n as f64 - y - 0.5) - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let centres: Vec<f64> = (0..n).map(|i| n as f64 - i as f64 - 0.5).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n * 2 + 1)
            .y_label_formatter(&label_of)
            .x_labels(6)
            .x_label_formatter(&|x| format!("{:.0}%", x * 100.0))
            .label_style((FONT, 16))
            .max_light_lines(0)
            .bold_line_style(RGBColor(225, 225, 225))
            .draw()?;
        let _ = centres;
        let colour = COLOURS[0];
        chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
            let y = n as f64 - i as f64;
            v.map(|v| Rectangle::new([(0.0, y - 0.8), (v, y - 0.2)], colour.filled()))
        }))?;
        chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
            let y = n as f64 - i as f64 - 0.5;
            v.map(|v| {
                Text::new(
                    format!("{:.1}%", v * 100.0),
                    (v, y),
                    (FONT, 15)
                        .into_font()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )
            })
        }))?;
        root.present()?;
        Ok(())
    })();
    finish(svg, title, drawn.is_ok())
}

/// Makes the SVG scale with its container and gives it a title for screen readers.
fn finish(svg: String, title: &str, ok: bool) -> String {
    if !ok {
        return format!(
            "<p class=\"chart-missing\">（图表“{}”无法绘制，数据见下表）</p>",
            escape(title)
        );
    }
    let body = match svg.find('>') {
        Some(end) if svg.starts_with("<svg") => &svg[end + 1..],
        _ => return svg,
    };
    let viewbox = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("0 0 640 300");
    let body = drop_defaults(body);
    format!(
        "<svg class=\"chart\" viewBox=\"{viewbox}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\"><title>{}</title>{body}",
        escape(title)
    )
}

/// plotters spells out defaults on every element; dropping them (in one pass) halves the markup.
fn drop_defaults(svg: &str) -> String {
    const DROP: [(&str, &str); 3] = [
        (" opacity=\"1\"", ""),
        (" stroke=\"none\" stroke-width=\"1\"", " stroke=\"none\""),
        (" font-family=\"sans-serif\"", ""),
    ];
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(' ') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match DROP.iter().find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                out.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                out.push(' ');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
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

    #[test]
    fn line_chart_is_svg_with_a_title_and_chinese_labels() {
        let svg = line_chart(
            "报送率<趋势>",
            &["2022年9—10月".to_string(), "2022年11—12月".to_string()],
            &[Series {
                name: "报送率".into(),
                points: vec![Some(0.5), Some(0.75)],
            }],
            true,
        );
        assert!(svg.starts_with("<svg class=\"chart\""), "{svg}");
        assert!(svg.contains("<title>报送率&lt;趋势&gt;</title>"));
        assert!(svg.contains("2022年9—10月"));
        assert!(svg.contains("100%"));
        assert!(!svg.contains("\"2022"), "category labels are not quoted");
    }

    #[test]
    fn bar_chart_labels_every_bar() {
        let labels: Vec<String> = ["河北省", "江苏省", "宁夏回族自治区"]
            .map(String::from)
            .to_vec();
        let svg = bar_chart("各省报送率", &labels, &[Some(0.9), None, Some(0.5)]);
        for l in &labels {
            assert!(svg.contains(l.as_str()), "{l} missing");
        }
        assert!(svg.contains("90.0%"));
    }

    #[test]
    fn defaults_are_dropped_in_one_pass() {
        assert_eq!(
            drop_defaults(
                "<circle cx=\"1\" opacity=\"1\" fill=\"#C00000\" stroke=\"none\" stroke-width=\"1\"/> <text font-family=\"sans-serif\">甲 乙</text>"
            ),
            "<circle cx=\"1\" fill=\"#C00000\" stroke=\"none\"/> <text>甲 乙</text>"
        );
    }

    #[test]
    fn nice_axis_tops() {
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(120.0), 200.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(compact(15000.0), "1.5万");
    }
}
