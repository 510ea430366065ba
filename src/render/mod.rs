//! Render: figures and findings to the files of the site, as bytes in memory.

pub mod bulletin;
pub mod charts;
pub mod exports;
pub mod facts;
pub mod findings_zh;
pub mod html;
pub mod markdown;
pub mod search;
pub mod site;
pub mod xlsx;

use crate::engine::Figures;
use crate::findings::Findings;
use crate::model::Model;

/// Where rendered files go: the staging folder of a build, or memory in tests. Shared by
/// the threads that render pages.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), String>;
    /// Writes a large file piece by piece instead of holding it whole.
    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), String>;
}

/// Every file of the site. Fails only when a (project-edited) template cannot render or a
/// file cannot be written.
pub fn render(
    model: &Model,
    figures: &Figures,
    findings: &Findings,
    templates: tera::Tera,
    sink: &dyn Sink,
) -> Result<Vec<(&'static str, f64)>, String> {
    // The big exports are written while the pages render; the workbook's time is reported.
    let workbook_time = std::sync::Mutex::new(0.0);
    let export = || {
        let (csv, workbook) = rayon::join(
            || {
                sink.stream("data/indicators.csv", &mut |w| {
                    exports::write_indicators_csv(model, figures, w)
                })
            },
            || {
                let start = std::time::Instant::now();
                let bytes = xlsx::indicators_xlsx(model, figures)?;
                sink.put("data/indicators.xlsx", &bytes)?;
                if let Ok(mut t) = workbook_time.lock() {
                    *t = start.elapsed().as_secs_f64();
                }
                Ok(())
            },
        );
        csv.and(workbook)
    };
    let mut laps = site::render(model, figures, findings, templates, sink, &export)?;
    if let Ok(t) = workbook_time.lock() {
        laps.list.push(("of which indicators.xlsx, alongside", *t));
    }
    sink.put("data/quality.csv", &exports::quality_csv(findings))?;
    sink.put("data/rejected.csv", &exports::rejected_csv(findings))?;
    sink.put("data/inputs.csv", &exports::inputs_csv(model, findings))?;
    sink.put("data/periods.csv", &facts::periods_csv(model, figures))?;
    sink.put("data/followup.csv", &facts::followup_csv(model, figures))?;
    sink.put(
        "data/problem_list.csv",
        &facts::problem_list_csv(model, figures),
    )?;
    sink.put("data/library.csv", &facts::library_csv(figures))?;
    sink.put("atom.xml", &bulletin::atom::feed(model, figures)?)?;
    Ok(laps.list)
}
