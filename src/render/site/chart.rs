//! A chart as the site shows it: the SVG, the table of its numbers, and a CSV download.

use std::fmt::Write;

use serde::Serialize;

use crate::render::html::escape;

#[derive(Serialize, Clone, Debug)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub svg: String,
    /// The table of the chart's numbers, as HTML: each row names its period or unit
    /// (`data-p` / `data-u`) and each number its metric (`data-m`). Written here rather than in
    /// the template: unit pages carry two or three of them each, and a Tera loop over their
    /// cells costs more than the rest of the chart.
    pub table: String,
    /// A `data:` URI: the download works offline and from `file://`, with no extra file.
    pub csv_href: String,
    pub csv_name: String,
    /// Series names and colours, shown under the chart.
    pub legend: Vec<LegendItem>,
    /// How to read what the chart draws apart (a short last period); may be empty.
    pub note: String,
}

/// A row of a chart's table: a label (a period or a unit), then one figure per series. The
/// row names its period or unit (`data-p` / `data-u`) and each cell its metric (`data-m`).
#[derive(Clone, Debug)]
pub struct ChartRow {
    pub period: String,
    pub unit: String,
    pub label: String,
    pub cells: Vec<ChartCell>,
}

#[derive(Clone, Debug)]
pub struct ChartCell {
    pub text: String,
    pub metric: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct LegendItem {
    pub name: String,
    pub colour: String,
}

impl ChartView {
    pub fn new(
        id: &str,
        title: &str,
        svg: String,
        headers: Vec<String>,
        rows: Vec<ChartRow>,
    ) -> ChartView {
        let csv_href = data_uri(&headers, &rows);
        ChartView {
            id: id.to_string(),
            title: title.to_string(),
            svg,
            table: table_html(&headers, &rows),
            csv_href,
            csv_name: format!("{id}.csv"),
            legend: Vec::new(),
            note: String::new(),
        }
    }
}

impl ChartView {
    pub fn with_legend(mut self, names: &[String]) -> ChartView {
        self.legend = names
            .iter()
            .enumerate()
            .map(|(k, n)| LegendItem {
                name: n.clone(),
                colour: crate::render::charts::series_colour(k),
            })
            .collect();
        self
    }
}

fn table_html(headers: &[String], rows: &[ChartRow]) -> String {
    let mut html = String::with_capacity(64 * (rows.len() + 1) * (headers.len() + 1));
    html.push_str("<table><thead><tr>");
    for h in headers {
        let _ = write!(html, "<th>{}</th>", escape(h));
    }
    html.push_str("</tr></thead>\n<tbody>");
    for r in rows {
        html.push_str("<tr");
        if !r.period.is_empty() {
            let _ = write!(html, " data-p=\"{}\"", escape(&r.period));
        }
        if !r.unit.is_empty() {
            let _ = write!(html, " data-u=\"{}\"", escape(&r.unit));
        }
        let _ = write!(html, "><td>{}</td>", escape(&r.label));
        for c in &r.cells {
            let _ = write!(
                html,
                "<td class=\"n\" data-m=\"{}\">{}</td>",
                escape(&c.metric),
                escape(&c.text)
            );
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// CSV with a BOM (so Excel reads the Chinese), percent-encoded into a `data:` URI.
fn data_uri(headers: &[String], rows: &[ChartRow]) -> String {
    let mut csv = String::from("\u{feff}");
    let texts = rows.iter().map(|r| {
        std::iter::once(r.label.clone())
            .chain(r.cells.iter().map(|c| c.text.clone()))
            .collect::<Vec<String>>()
    });
    for row in std::iter::once(headers.to_vec()).chain(texts) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let c = crate::render::exports::neutralise(c);
                if c.contains([',', '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.into_owned()
                }
            })
            .collect();
        csv.push_str(&cells.join(","));
        csv.push_str("\r\n");
    }
    let mut uri = String::from("data:text/csv;charset=utf-8,");
    for b in csv.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_download_is_a_data_uri_with_a_bom() {
        let c = ChartView::new(
            "x",
            "图",
            String::new(),
            vec!["期间".into(), "报送率".into()],
            vec![ChartRow {
                period: "2022-B5".into(),
                unit: String::new(),
                label: "2022-B5".into(),
                cells: vec![ChartCell {
                    text: "=1".into(),
                    metric: "reporting_rate".into(),
                }],
            }],
        );
        assert!(
            c.csv_href
                .starts_with("data:text/csv;charset=utf-8,%EF%BB%BF")
        );
        assert!(
            c.csv_href.contains("%27%3D1"),
            "formula neutralised: {}",
            c.csv_href
        );
    }
}
