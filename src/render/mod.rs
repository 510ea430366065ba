//! Render: figures and findings to the files of the site, as bytes in memory.

pub mod exports;
mod html;
pub mod labels;

use crate::engine::Figures;
use crate::findings::Findings;
use crate::model::Model;

/// One file of the output, by its path relative to `output/`.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub fn render(model: &Model, figures: &Figures, findings: &Findings) -> Vec<OutputFile> {
    let file = |path: &str, bytes: Vec<u8>| OutputFile {
        path: path.to_string(),
        bytes,
    };
    vec![
        file(
            "index.html",
            html::index(model, figures, findings).into_bytes(),
        ),
        file(
            "data/indicators.csv",
            exports::indicators_csv(model, figures),
        ),
        file("data/quality.csv", exports::quality_csv(findings)),
        file("data/rejected.csv", exports::rejected_csv(findings)),
    ]
}
