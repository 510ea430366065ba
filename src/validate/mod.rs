//! Validate: decoded inputs to the typed model, with every finding collected.

mod bulletins;
mod cells;
mod holidays;
mod indicators;
mod ledgers;
mod practices;
mod reports;
mod units;

pub use indicators::DEFAULT_INDICATORS;

pub const DEFAULT_GUIDE: &str = include_str!("../../assets/guide.md");
pub use ledgers::TOPICS;

use crate::findings::Findings;
use crate::load::Inputs;
use crate::model::{Calendar, Date, Model};
use crate::project::parse_campaign;

/// Builds the model. `None` when the unit list itself is unusable: nothing can be placed then.
pub fn validate(inputs: &Inputs, today: Date, findings: &mut Findings) -> Option<Model> {
    let campaign = parse_campaign(inputs.campaign.as_deref(), findings);
    let holidays = holidays::validate(inputs.holidays.as_ref(), findings);
    let calendar = Calendar::new(&campaign, &holidays);
    let list_file = inputs.holidays.as_ref().map(|t| t.file.as_str());
    holidays::warn_uncovered(&calendar, &holidays, list_file, findings);
    let indicators = indicators::validate(inputs.indicators.as_ref(), findings);
    let units = units::validate(inputs.units.as_ref(), findings)?;
    let reports = reports::validate(
        &inputs.reports,
        &calendar,
        &units,
        &indicators,
        today,
        findings,
    );
    let pairings = ledgers::pairings(inputs.pairings.as_ref(), &calendar, &units, today, findings);
    let visits = ledgers::visits(inputs.visits.as_ref(), &calendar, &units, today, findings);
    let problems = ledgers::problems(inputs.problems.as_ref(), &units, today, findings);
    let practices = practices::validate(&inputs.practices, &units, today, findings);
    let bulletins = bulletins::validate(&inputs.bulletins, &calendar, findings);
    Some(Model {
        title: campaign.title,
        issuer: campaign.issuer,
        base_url: campaign.base_url,
        calendar,
        holidays,
        units,
        indicators,
        reports,
        pairings,
        visits,
        problems,
        practices,
        bulletins,
        guide: inputs
            .guide
            .as_ref()
            .map_or_else(|| DEFAULT_GUIDE.to_string(), |g| g.text.clone()),
    })
}
