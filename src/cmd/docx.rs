//! `countyboard docx <period>`: the period's bulletin as an editable Word document, from the
//! project's data (no built site needed).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::render::bulletin;

use super::print_findings;

pub fn run(paths: &Paths, today: Date, period: &str, out: Option<&Path>) -> Result<i32> {
    if let Some(message) = super::hints::unknown_period(&paths.root, period) {
        eprintln!("error: {message}");
        return Ok(1);
    }
    let mut checked = countyboard::check(paths, today);
    let Some(model) = checked.model.take() else {
        print_findings(&checked.findings, true);
        eprintln!("nothing written: the unit list is unusable; fix the errors above");
        return Ok(1);
    };
    let figures = countyboard::compute(&model, &mut checked.findings);
    if checked.findings.has_errors() {
        print_findings(&checked.findings, true);
        eprintln!("nothing written: fix the errors above, as for `countyboard build`");
        return Ok(1);
    }
    let Some(p) = model.calendar.get(period) else {
        eprintln!("error: `{period}` is not a period of this campaign");
        return Ok(1);
    };
    let doc = bulletin::document(&model, &figures, p);
    let bytes = bulletin::docx::write(&model, &doc).map_err(anyhow::Error::msg)?;
    let out = out.map_or_else(
        || PathBuf::from(format!("{period}.docx")),
        Path::to_path_buf,
    );
    std::fs::write(&out, bytes).with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "wrote {} ({}第{}期, {}); add the 文号 in Word or WPS and send it",
        out.display(),
        doc.series,
        doc.issue,
        doc.date
    );
    Ok(0)
}
