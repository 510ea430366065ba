//! Compute: the model to every figure of SPEC §5, for every territorial unit and period.
//! Pure: no files, no clock; tested with plain values.

mod accumulate;
pub mod figures;

use std::collections::HashMap;

use rayon::prelude::*;
use rust_decimal::Decimal;

use accumulate::{Tally, roll_up};
pub use figures::{Cell, Figures, Metric, MetricKind, Value};

use crate::model::{Date, Level, Model, Period, Report, Status, Strength, TimeAgg, UnitAgg};

/// The metric list: reported indicators first, then the derived figures.
pub fn metrics(model: &Model) -> Vec<Metric> {
    let mut list: Vec<Metric> = model
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| Metric {
            code: ind.code.clone(),
            kind: MetricKind::Reported(i),
        })
        .collect();
    let mut add = |code: &str, kind| {
        list.push(Metric {
            code: code.to_string(),
            kind,
        })
    };
    add("reporting_rate", MetricKind::Rate);
    add("timeliness", MetricKind::Rate);
    add("pairing_coverage", MetricKind::Rate);
    add("onsite_visits", MetricKind::Count);
    add("visit_coverage", MetricKind::Rate);
    for suffix in ["", "_coordinate", "_union", "_self"] {
        add(&format!("problems_found{suffix}"), MetricKind::Count);
        add(&format!("problems_resolved{suffix}"), MetricKind::Count);
        add(&format!("resolution_rate{suffix}"), MetricKind::Rate);
    }
    add("practices", MetricKind::Count);
    add("practices_promoted", MetricKind::Count);
    let targeted = targeted_strengths(model);
    for s in &targeted {
        add(s.metric(), MetricKind::Rate);
    }
    if !targeted.is_empty() {
        add("five_strong", MetricKind::Rate);
    }
    list
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
    let metrics = metrics(model);
    let periods = model.calendar.periods.len();
    let mut figures = Figures::new(metrics, territorial.clone(), units.len(), periods);
    let context = Context::new(model);
    // Periods are independent: tallied in parallel, then filled in order.
    let tallies: Vec<Vec<Tally>> = (0..periods)
        .into_par_iter()
        .map(|p| context.tally_period(p))
        .collect();
    for (p, tally) in tallies.iter().enumerate() {
        for (slot, u) in territorial.iter().enumerate() {
            let counties = units.counties_under(*u) as u32;
            let row = figures.row_mut(p, slot);
            context.fill_row(row, &tally[*u], counties);
        }
    }

    figures
}

/// Lookups built once for all periods.
struct Context<'a> {
    model: &'a Model,
    parents: Vec<Option<usize>>,
    /// Each county's winning reports, by the last month of their period.
    reports_by_county: Vec<Vec<&'a Report>>,
    /// Earliest on-site visit of each pairing's upper to its county, from the campaign start.
    first_visit: Vec<Option<Date>>,
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
        let mut earliest: HashMap<(usize, usize), Date> = HashMap::new();
        for v in &model.visits {
            if v.onsite && v.date >= cal.first_day() && v.date <= cal.last_day() {
                let e = earliest.entry((v.upper, v.county)).or_insert(v.date);
                *e = (*e).min(v.date);
            }
        }
        let first_visit = model
            .pairings
            .iter()
            .map(|p| earliest.get(&(p.upper, p.county)).copied())
            .collect();
        Context {
            model,
            parents: units.units.iter().map(|u| u.parent).collect(),
            reports_by_county,
            first_visit,
            strengths: targeted_strengths(model),
        }
    }

    fn tally_period(&self, p: usize) -> Vec<Tally> {
        let model = self.model;
        let cal = &model.calendar;
        let period = &cal.periods[p];
        let n_ind = model.indicators.len();
        let mut tallies = vec![Tally::new(n_ind); model.units.len()];
        let owed = cal.reporting_periods_in(p);
        for (c, unit) in model.units.units.iter().enumerate() {
            if unit.level == Level::County {
                self.tally_county(&mut tallies[c], c, period, &owed);
            }
        }
        for (i, pairing) in model.pairings.iter().enumerate() {
            if pairing.since <= period.last_day {
                let t = &mut tallies[pairing.county];
                t.pairings += 1;
                t.counties_paired = 1;
                if self.first_visit[i].is_some_and(|d| d <= period.last_day) {
                    t.pairings_visited += 1;
                }
            }
        }
        for v in &model.visits {
            if v.onsite && period.contains_day(v.date) {
                tallies[v.county].onsite_visits += 1;
            }
        }
        for pr in &model.problems {
            let t = &mut tallies[pr.county].problems;
            let resolved_on = pr.resolved_on.filter(|_| pr.status == Status::Resolved);
            let cat = 1 + pr.category as usize;
            for k in [0, cat] {
                if period.contains_day(pr.found_on) {
                    t.found[k] += 1;
                }
                if resolved_on.is_some_and(|d| period.contains_day(d)) {
                    t.resolved[k] += 1;
                }
                if pr.found_on <= period.last_day {
                    t.found_by_end[k] += 1;
                    if resolved_on.is_some_and(|d| d <= period.last_day) {
                        t.resolved_by_end[k] += 1;
                    }
                }
            }
        }
        for pr in &model.practices {
            if period.contains_day(pr.date) {
                let t = &mut tallies[pr.unit];
                t.practices += 1;
                if pr.promotion.is_some_and(|x| x.is_wide()) {
                    t.practices_promoted += 1;
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
            .filter(|r| r.submitted_on <= cal.due_date(r.period))
            .count() as u32;
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

    fn fill_row(&self, row: &mut [Cell], t: &Tally, counties: u32) {
        let p = &t.problems;
        let mut out: Vec<Cell> = Vec::with_capacity(row.len());
        for (i, ind) in self.model.indicators.iter().enumerate() {
            let tally = &t.indicators[i];
            let n = tally.counties;
            let value = match ind.unit_agg {
                UnitAgg::Sum => Value::Exact(tally.sum),
                UnitAgg::Mean => Value::Mean(tally.sum, n),
                UnitAgg::Share => Value::Ratio(tally.positive, n),
            };
            let value = (n > 0).then_some(value);
            out.push(Cell {
                value,
                reported: Some(n),
                expected: Some(counties),
            });
        }
        out.push(rate(t.reports_received, t.reports_expected));
        out.push(rate(t.reports_on_time, t.reports_expected));
        out.push(rate(t.counties_paired, counties));
        out.push(count(t.onsite_visits));
        out.push(rate(t.pairings_visited, t.pairings));
        for k in 0..4 {
            out.push(count(p.found[k]));
            out.push(count(p.resolved[k]));
            out.push(rate(p.resolved_by_end[k], p.found_by_end[k]));
        }
        out.push(count(t.practices));
        out.push(count(t.practices_promoted));
        for s in &self.strengths {
            out.push(rate(t.strengths_met[*s as usize], counties));
        }
        if !self.strengths.is_empty() {
            out.push(rate(t.five_met, counties));
        }
        row.copy_from_slice(&out);
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

fn rate(numerator: u32, denominator: u32) -> Cell {
    Cell {
        value: (denominator > 0).then_some(Value::Ratio(numerator, denominator)),
        reported: Some(numerator),
        expected: Some(denominator),
    }
}

fn count(n: u32) -> Cell {
    Cell {
        value: Some(Value::Count(n)),
        reported: None,
        expected: None,
    }
}
