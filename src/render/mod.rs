//! Render: figures and findings to the files of the site, as bytes in memory.

pub mod charts;
pub mod exports;
pub mod html;
pub mod labels;
pub mod markdown;
pub mod search;
pub mod site;

use crate::engine::Figures;
use crate::findings::Findings;
use crate::model::Model;

/// One file of the output, by its path relative to `output/`.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every file of the site. Fails only when a (project-edited) template cannot render.
pub fn render(
    model: &Model,
    figures: &Figures,
    findings: &Findings,
    templates: tera::Tera,
) -> Result<Vec<OutputFile>, String> {
    let file = |path: &str, bytes: Vec<u8>| OutputFile {
        path: path.to_string(),
        bytes,
    };
    let mut files = site::render(model, figures, findings, templates)?;
    files.push(file(
        "data/indicators.csv",
        exports::indicators_csv(model, figures),
    ));
    files.push(file("data/quality.csv", exports::quality_csv(findings)));
    files.push(file("data/rejected.csv", exports::rejected_csv(findings)));
    Ok(files)
}
