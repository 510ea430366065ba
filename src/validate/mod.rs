//! Validate: decoded inputs to the typed model, with every finding collected.

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

use crate::findings::{Code, Findings, Pos};
use crate::load::Inputs;
use crate::model::{Bulletin, Calendar, Date, Model};
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
    let mut bulletins = Vec::new();
    for file in &inputs.bulletins {
        let stem = file
            .file
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        match calendar.get(stem) {
            Some(period) => bulletins.push(Bulletin {
                period,
                body: file.text.clone(),
            }),
            None => {
                findings.warning(
                    &Pos { file: file.file.clone(), line: 0 },
                    0,
                    Code::UnknownPeriod,
                    msg!(
                        "`{stem}` is not a period of this campaign, so this commentary is not shown; expected a name such as 2022-B5.md or 2023-Q1.md",
                        "“{stem}”不是专项工作的期间，这篇点评不会显示；文件名应为期间，如 2022-B5.md 或 2023-Q1.md"
                    ),
                );
            }
        }
    }
    Some(Model {
        title: campaign.title,
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
