//! countyboard: CSV submissions and Markdown write-ups of the County-Level Trade Union
//! Strengthening Year to figures and a static site.
//!
//! The pipeline is the module list: load → validate → engine (compute) → render → write.

#[macro_use]
pub mod lang;

pub mod demo;
pub mod divisions;
pub mod engine;
pub mod findings;
pub mod forms;
pub mod init;
pub mod load;
pub mod model;
pub mod project;
pub mod render;
pub mod review;
pub mod text;
pub mod validate;
pub mod write;

use findings::Findings;
use model::{Date, Model};
use project::Paths;

/// A project read and checked: what `check` reports and `build` publishes.
pub struct Checked {
    /// `None` when the unit list itself is unusable.
    pub model: Option<Model>,
    /// `None` when a project template does not parse (a finding says why).
    pub templates: Option<tera::Tera>,
    pub findings: Findings,
}

/// Loads and validates a project, collecting every finding.
pub fn check(paths: &Paths, today: Date) -> Checked {
    let mut findings = Findings::default();
    let inputs = load::load(paths, &mut findings);
    let model = validate::validate(&inputs, today, &mut findings);
    load::require_report_sheets(&inputs.reports, &mut findings);
    let templates = match render::site::templates::load(&inputs.templates) {
        Ok(t) => Some(t),
        Err(e) => {
            let pos = findings::Pos {
                file: e.file,
                line: 0,
            };
            let message = e.message;
            findings.error(
                &pos,
                0,
                findings::Code::Template,
                msg!(
                    "{message}; expected a valid Tera template",
                    "模板有误：{message}；应为有效的 Tera 模板"
                ),
            );
            None
        }
    };
    findings.sort();
    Checked {
        model,
        templates,
        findings,
    }
}

/// Computes every figure of a checked model and adds the findings that need them (the
/// commentary read against the figures), in the findings' order.
pub fn compute(model: &Model, findings: &mut Findings) -> engine::Figures {
    let figures = engine::compute(model);
    review::commentary(model, &figures, findings);
    findings.sort();
    figures
}

/// Today in China (UTC+8), for "dates after today".
pub fn today() -> Date {
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
    tz.to_datetime(jiff::Timestamp::now()).date()
}
