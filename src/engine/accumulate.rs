//! Per-unit tallies for one period: filled at the county (or originating unit), then added
//! up the tree, so every unit's tally covers everything under it.

use rust_decimal::Decimal;

/// Sum, count and positive count of the county values of one reported indicator.
#[derive(Clone, Copy, Debug, Default)]
pub struct IndicatorTally {
    pub sum: Decimal,
    pub counties: u32,
    pub positive: u32,
}

impl IndicatorTally {
    pub fn add_value(&mut self, v: Decimal) {
        self.sum += v;
        self.counties += 1;
        if v > Decimal::ZERO {
            self.positive += 1;
        }
    }

    fn merge(&mut self, o: &IndicatorTally) {
        self.sum += o.sum;
        self.counties += o.counties;
        self.positive += o.positive;
    }
}

/// Problem tallies: index 0 is all categories, then coordinate, union, self.
#[derive(Clone, Copy, Debug, Default)]
pub struct ProblemTally {
    pub found: [u32; 4],
    pub resolved: [u32; 4],
    pub resolved_by_end: [u32; 4],
    pub found_by_end: [u32; 4],
    /// Found by the period's end and not resolved by then, by recorded status (a problem
    /// resolved after the end counts as in progress).
    pub in_progress: [u32; 4],
    pub open: [u32; 4],
    /// Not resolved by the period's end and found more than 90 days before it.
    pub open_over_90_days: u32,
}

impl ProblemTally {
    fn merge(&mut self, o: &ProblemTally) {
        for k in 0..4 {
            self.found[k] += o.found[k];
            self.resolved[k] += o.resolved[k];
            self.resolved_by_end[k] += o.resolved_by_end[k];
            self.found_by_end[k] += o.found_by_end[k];
            self.in_progress[k] += o.in_progress[k];
            self.open[k] += o.open[k];
        }
        self.open_over_90_days += o.open_over_90_days;
    }
}

#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub indicators: Vec<IndicatorTally>,
    pub reports_expected: u32,
    pub reports_received: u32,
    pub reports_on_time: u32,
    /// Counties missing at least one report owed in the period / late with at least one.
    pub counties_missing: u32,
    pub counties_late: u32,
    pub counties_paired: u32,
    pub onsite_visits: u32,
    pub pairings: u32,
    pub pairings_visited: u32,
    pub problems: ProblemTally,
    pub practices: u32,
    pub practices_promoted: u32,
    /// Practices dated in the period written by counties.
    pub county_practices: u32,
    pub strengths_met: [u32; 5],
    pub five_met: u32,
}

impl Tally {
    pub fn new(indicators: usize) -> Tally {
        Tally {
            indicators: vec![IndicatorTally::default(); indicators],
            ..Tally::default()
        }
    }

    pub fn merge(&mut self, o: &Tally) {
        for (a, b) in self.indicators.iter_mut().zip(&o.indicators) {
            a.merge(b);
        }
        self.reports_expected += o.reports_expected;
        self.reports_received += o.reports_received;
        self.reports_on_time += o.reports_on_time;
        self.counties_missing += o.counties_missing;
        self.counties_late += o.counties_late;
        self.counties_paired += o.counties_paired;
        self.onsite_visits += o.onsite_visits;
        self.pairings += o.pairings;
        self.pairings_visited += o.pairings_visited;
        self.problems.merge(&o.problems);
        self.practices += o.practices;
        self.practices_promoted += o.practices_promoted;
        self.county_practices += o.county_practices;
        for k in 0..5 {
            self.strengths_met[k] += o.strengths_met[k];
        }
        self.five_met += o.five_met;
    }
}

/// Adds every unit's tally into its parent's. `parents` are in pre-order (parent < child).
pub fn roll_up(tallies: &mut [Tally], parents: &[Option<usize>]) {
    for u in (1..tallies.len()).rev() {
        if let Some(p) = parents[u] {
            let (left, right) = tallies.split_at_mut(u);
            left[p].merge(&right[0]);
        }
    }
}
