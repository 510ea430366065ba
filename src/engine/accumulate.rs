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
}

#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub indicators: Vec<IndicatorTally>,
    pub reports_expected: u32,
    pub reports_received: u32,
    pub reports_on_time: u32,
    pub counties_paired: u32,
    pub onsite_visits: u32,
    pub pairings: u32,
    pub pairings_visited: u32,
    pub problems: ProblemTally,
    pub practices: u32,
    pub practices_promoted: u32,
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
        self.counties_paired += o.counties_paired;
        self.onsite_visits += o.onsite_visits;
        self.pairings += o.pairings;
        self.pairings_visited += o.pairings_visited;
        for k in 0..4 {
            self.problems.found[k] += o.problems.found[k];
            self.problems.resolved[k] += o.problems.resolved[k];
            self.problems.resolved_by_end[k] += o.problems.resolved_by_end[k];
            self.problems.found_by_end[k] += o.problems.found_by_end[k];
        }
        self.practices += o.practices;
        self.practices_promoted += o.practices_promoted;
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
