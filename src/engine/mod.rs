//! Compute: the model to every figure of SPEC §5, for every territorial unit and period.
//! Pure: no files, no clock; tested with plain values.

mod accumulate;
pub mod figures;
pub mod followup;
pub mod ledgers;
pub mod library;
pub mod metrics;
#[cfg(test)]
pub(crate) mod tests;
pub mod timeline;

use rayon::prelude::*;
use rust_decimal::Decimal;

use accumulate::{Tally, roll_up};
pub use figures::{Cell, Figures, Value};
pub use followup::{FollowItem, FollowKind, FollowUp};
pub use ledgers::{Ledgers, StateOn, state_on};
pub use library::Library;
pub use metrics::{Definition, Derived, Group, Kind, Metric};
pub use timeline::{PeriodFacts, Timeline};

use crate::model::{Date, Level, Model, Period, Report, Strength, TimeAgg, UnitAgg};

/// The metric table of a project: its reported indicators first, then the derived figures.
pub fn metrics(model: &Model) -> Vec<Definition> {
    model
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| metrics::reported_definition(i, ind))
        .chain(
            Derived::list(&targeted_strengths(model))
                .into_iter()
                .map(Derived::definition),
        )
        .collect()
}

/// Strengths that have at least one targeted 五强 indicator, in the speech's order.
fn targeted_strengths(model: &Model) -> Vec<Strength> {
    Strength::ALL
        .into_iter()
        .filter(|s| {
            model
                .indicators
                .iter()
                .any(|i| i.strength_target().is_some_and(|(t, _)| t == *s))
        })
        .collect()
}

pub fn compute(model: &Model) -> Figures {
    let units = &model.units;
    let territorial: Vec<usize> = (0..units.len())
        .filter(|u| units.is_territorial(*u))
        .collect();
    let periods = model.calendar.periods.len();
    let mut figures = Figures::new(metrics(model), territorial.clone(), units.len(), periods);
    let context = Context::new(model);
    // Periods are independent: tallied in parallel, then filled in order.
    let tallies: Vec<Vec<Tally>> = (0..periods)
        .into_par_iter()
        .map(|p| context.tally_period(p))
        .collect();
    let columns: Vec<Metric> = figures.metrics.iter().map(|d| d.metric).collect();
    for (p, tally) in tallies.iter().enumerate() {
        for (slot, u) in territorial.iter().enumerate() {
            let counties = units.counties_under(*u) as u32;
            let row = figures.row_mut(p, slot);
            context.fill_row(row, &columns, &tally[*u], counties);
        }
    }
    figures.followup = FollowUp::new(model, &context.timeline, &context.ledgers);
    figures.library = Library::new(model);
    figures.timeline = context.timeline;
    figures.ledgers = context.ledgers;
    figures
}

/// Lookups built once for all periods.
struct Context<'a> {
    model: &'a Model,
    parents: Vec<Option<usize>>,
    /// Each county's winning reports, by the last month of their period.
    reports_by_county: Vec<Vec<&'a Report>>,
    timeline: Timeline,
    ledgers: Ledgers,
    strengths: Vec<Strength>,
}

impl<'a> Context<'a> {
    fn new(model: &'a Model) -> Context<'a> {
        let units = &model.units;
        let cal = &model.calendar;
        let mut reports_by_county: Vec<Vec<&Report>> = vec![Vec::new(); units.len()];
        for r in &model.reports {
            reports_by_county[r.county].push(r);
        }
        for list in &mut reports_by_county {
            list.sort_by_key(|r| cal.periods[r.period].last_month);
        }
        Context {
            model,
            parents: units.units.iter().map(|u| u.parent).collect(),
            reports_by_county,
            timeline: Timeline::new(model),
            ledgers: Ledgers::new(model),
            strengths: targeted_strengths(model),
        }
    }

    fn tally_period(&self, p: usize) -> Vec<Tally> {
        let model = self.model;
        let cal = &model.calendar;
        let period = &cal.periods[p];
        let end = period.last_day;
        let n_ind = model.indicators.len();
        let mut tallies = vec![Tally::new(n_ind); model.units.len()];
        let owed = &self.timeline.periods[p].owes;
        for (c, unit) in model.units.units.iter().enumerate() {
            if unit.level == Level::County {
                self.tally_county(&mut tallies[c], c, period, owed);
            }
        }
        for (i, pairing) in model.pairings.iter().enumerate() {
            if pairing.since <= end {
                let t = &mut tallies[pairing.county];
                t.pairings += 1;
                t.counties_paired = 1;
                if !self.ledgers.unvisited_on(i, end) {
                    t.pairings_visited += 1;
                }
            }
        }
        for v in &model.visits {
            if v.onsite && period.contains_day(v.date) {
                tallies[v.county].onsite_visits += 1;
            }
        }
        // Found more than 90 days before the end: found before this day.
        let stale_before = end
            .checked_sub(jiff::Span::new().days(followup::STALE_DAYS))
            .unwrap_or(Date::MIN);
        for pr in &model.problems {
            let t = &mut tallies[pr.county].problems;
            let state = state_on(pr, end);
            let cat = 1 + pr.category as usize;
            for k in [0, cat] {
                if period.contains_day(pr.found_on) {
                    t.found[k] += 1;
                }
                if pr.resolved_on.is_some_and(|d| {
                    pr.status == crate::model::Status::Resolved && period.contains_day(d)
                }) {
                    t.resolved[k] += 1;
                }
                match state {
                    StateOn::NotYetFound => continue,
                    StateOn::Resolved(_) => t.resolved_by_end[k] += 1,
                    StateOn::Open => t.open[k] += 1,
                    StateOn::InProgress | StateOn::ResolvedLater(_) => t.in_progress[k] += 1,
                }
                t.found_by_end[k] += 1;
            }
            if state.unresolved() && pr.found_on < stale_before {
                t.open_over_90_days += 1;
            }
        }
        for pr in &model.practices {
            if period.contains_day(pr.date) {
                let t = &mut tallies[pr.unit];
                t.practices += 1;
                if pr.promotion.is_some_and(|x| x.is_wide()) {
                    t.practices_promoted += 1;
                }
                if model.units.units[pr.unit].level == Level::County {
                    t.county_practices += 1;
                }
            }
        }
        roll_up(&mut tallies, &self.parents);
        tallies
    }

    fn tally_county(&self, t: &mut Tally, c: usize, period: &Period, owed: &[usize]) {
        let cal = &self.model.calendar;
        let reports = &self.reports_by_county[c];
        let in_period: Vec<&Report> = reports
            .iter()
            .copied()
            .filter(|r| owed.contains(&r.period))
            .collect();
        t.reports_expected = owed.len() as u32;
        t.reports_received = in_period.len() as u32;
        t.reports_on_time = in_period
            .iter()
            .filter(|r| {
                self.timeline.periods[r.period]
                    .deadline
                    .is_some_and(|due| r.submitted_on <= due)
            })
            .count() as u32;
        t.counties_missing = u32::from(t.reports_received < t.reports_expected);
        t.counties_late = u32::from(t.reports_on_time < t.reports_received);
        for (i, ind) in self.model.indicators.iter().enumerate() {
            if let Some(v) = combine(&in_period, i, ind.time_agg) {
                t.indicators[i].add_value(v);
            }
        }
        // Strengths: judged on the value from the campaign start to the period's end.
        if self.strengths.is_empty() {
            return;
        }
        let to_date: Vec<&Report> = reports
            .iter()
            .copied()
            .filter(|r| cal.periods[r.period].last_month <= period.last_month)
            .collect();
        let mut all = true;
        for s in &self.strengths {
            let met = self.model.indicators.iter().enumerate().all(|(i, ind)| {
                match ind.strength_target() {
                    Some((strength, target)) if strength == *s => {
                        combine(&to_date, i, ind.time_agg).is_some_and(|v| v >= target)
                    }
                    _ => true,
                }
            });
            if met {
                t.strengths_met[*s as usize] += 1;
            } else {
                all = false;
            }
        }
        if all {
            t.five_met += 1;
        }
    }

    /// Fills one row, each column by its handle.
    fn fill_row(&self, row: &mut [Cell], columns: &[Metric], t: &Tally, counties: u32) {
        for (cell, metric) in row.iter_mut().zip(columns) {
            *cell = match *metric {
                Metric::Reported(i) => self.reported_cell(i, t, counties),
                Metric::Derived(d) => d.value(t, counties),
            };
        }
    }

    fn reported_cell(&self, i: usize, t: &Tally, counties: u32) -> Cell {
        let tally = &t.indicators[i];
        let n = tally.counties;
        let value = match self.model.indicators[i].unit_agg {
            UnitAgg::Sum => Value::Exact(tally.sum),
            UnitAgg::Mean => Value::Mean(tally.sum, n),
            UnitAgg::Share => Value::Ratio(tally.positive, n),
        };
        Cell::counted((n > 0).then_some(value), n, counties)
    }
}

/// One county's reports for one indicator combined by `time_agg`; `None` when none gives a value.
/// `reports` are ordered by the last month of their period.
fn combine(reports: &[&Report], indicator: usize, agg: TimeAgg) -> Option<Decimal> {
    let mut values = reports.iter().filter_map(|r| r.values[indicator]);
    match agg {
        TimeAgg::Sum => values.next().map(|first| values.fold(first, |a, v| a + v)),
        TimeAgg::Last => values.next_back(),
    }
}
