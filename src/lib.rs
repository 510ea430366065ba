//! countyboard: CSV submissions and Markdown write-ups of the County-Level Trade Union
//! Strengthening Year to figures and a static site.
//!
//! The pipeline is the module list: load → validate → engine (compute) → render → write.

pub mod demo;
pub mod engine;
pub mod findings;
pub mod load;
pub mod model;
pub mod project;
pub mod render;
pub mod validate;
pub mod write;

use findings::Findings;
use model::{Date, Model};
use project::Paths;

/// Loads and validates a project: the model (unless the unit list is unusable) and every finding.
pub fn check(paths: &Paths, today: Date) -> (Option<Model>, Findings) {
    let mut findings = Findings::default();
    let inputs = load::load(paths, &mut findings);
    let model = validate::validate(&inputs, today, &mut findings);
    findings.sort();
    (model, findings)
}

/// Today in China (UTC+8), for "dates after today".
pub fn today() -> Date {
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
    tz.to_datetime(jiff::Timestamp::now()).date()
}
