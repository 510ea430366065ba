//! The table of figures: one cell per period, territorial unit and metric.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::followup::FollowUp;
use super::ledgers::Ledgers;
use super::library::Library;
use super::metrics::{Definition, Metric};
use super::timeline::Timeline;

/// A computed value, kept exact until it is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A sum of reported values.
    Exact(Decimal),
    /// A count of things that happened.
    Count(u32),
    /// A fraction of whole numbers (rates, shares, coverage).
    Ratio(u32, u32),
    /// A mean of reported values: sum over n.
    Mean(Decimal, u32),
}

impl Value {
    pub fn to_f64(self) -> f64 {
        match self {
            Value::Exact(d) => d.to_f64().unwrap_or(f64::NAN),
            Value::Count(n) => n as f64,
            Value::Ratio(a, b) => a as f64 / b as f64,
            Value::Mean(sum, n) => divide(sum, n),
        }
    }

    /// A plain decimal: sums exact; fractions as the nearest double, shortest form
    /// (what `a / b` prints in most languages).
    pub fn export(self) -> String {
        let mut out = String::new();
        self.write_export(&mut out);
        out
    }

    /// `export`, appended to a buffer (the national export writes millions of them).
    pub fn write_export(self, out: &mut String) {
        use std::fmt::Write;
        let _ = match self {
            Value::Exact(d) => write!(out, "{}", d.normalize()),
            Value::Count(n) => write!(out, "{n}"),
            Value::Ratio(..) | Value::Mean(..) => write!(out, "{}", self.to_f64()),
        };
    }
}

/// `sum / n` correctly rounded to a double whenever both fit exactly in one.
fn divide(sum: Decimal, n: u32) -> f64 {
    const EXACT: i128 = 1 << 53;
    let mantissa = sum.mantissa();
    let denominator = 10i128
        .checked_pow(sum.scale())
        .and_then(|p| p.checked_mul(n as i128));
    match denominator {
        Some(den) if mantissa.abs() <= EXACT && den <= EXACT => mantissa as f64 / den as f64,
        _ => (sum / Decimal::from(n)).to_f64().unwrap_or(f64::NAN),
    }
}

/// One figure, with the counts behind it where it has them (the numerator and denominator of
/// a rate; for a reported indicator, the counties that reported and those that should have).
/// Kept to 32 bytes: a national build holds over three million of them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub value: Option<Value>,
    /// Reported and expected, or `NO_COUNT` for a figure without counts. No count comes near
    /// it: they are counts of rows and counties.
    counts: [u32; 2],
}

const NO_COUNT: u32 = u32::MAX;

impl Default for Cell {
    fn default() -> Cell {
        Cell::plain(None)
    }
}

impl Cell {
    /// A figure with no counts behind it.
    pub fn plain(value: Option<Value>) -> Cell {
        Cell {
            value,
            counts: [NO_COUNT; 2],
        }
    }

    /// A figure with the counts reported and expected behind it.
    pub fn counted(value: Option<Value>, reported: u32, expected: u32) -> Cell {
        Cell {
            value,
            counts: [reported, expected],
        }
    }

    pub fn reported(&self) -> Option<u32> {
        Some(self.counts[0]).filter(|n| *n != NO_COUNT)
    }

    pub fn expected(&self) -> Option<u32> {
        Some(self.counts[1]).filter(|n| *n != NO_COUNT)
    }
}

/// What the engine computes: every figure of SPEC §5 for every period and territorial unit (one
/// column per metric, with its definition), and the facts pages state beside them: the
/// calendar, the follow-up list, the state of each pairing and problem, the library's counts.
#[derive(Clone, Debug)]
pub struct Figures {
    /// The columns, in the order of `indicators.csv`.
    pub metrics: Vec<Definition>,
    /// Model indices of the territorial units, in tree order.
    pub units: Vec<usize>,
    pub periods: usize,
    slot: Vec<Option<usize>>,
    cells: Vec<Cell>,
    pub timeline: Timeline,
    pub followup: FollowUp,
    pub ledgers: Ledgers,
    pub library: Library,
}

impl Figures {
    pub fn new(
        metrics: Vec<Definition>,
        units: Vec<usize>,
        model_units: usize,
        periods: usize,
    ) -> Figures {
        let mut slot = vec![None; model_units];
        for (i, u) in units.iter().enumerate() {
            slot[*u] = Some(i);
        }
        let cells = vec![Cell::default(); periods * units.len() * metrics.len()];
        Figures {
            metrics,
            units,
            periods,
            slot,
            cells,
            timeline: Timeline::default(),
            followup: FollowUp::default(),
            ledgers: Ledgers::default(),
            library: Library::default(),
        }
    }

    fn index(&self, period: usize, slot: usize, metric: usize) -> usize {
        (period * self.units.len() + slot) * self.metrics.len() + metric
    }

    /// The column of a metric; `None` when the project has no such figure (a strength
    /// without targets).
    pub fn column(&self, metric: impl Into<Metric>) -> Option<usize> {
        let metric = metric.into();
        self.metrics.iter().position(|d| d.metric == metric)
    }

    /// The column of a code as written in `indicators.csv`.
    pub fn column_of_code(&self, code: &str) -> Option<usize> {
        self.metrics.iter().position(|d| d.code == code)
    }

    /// The cell of a column for a model unit; `None` for units without figures (national
    /// bodies).
    pub fn get(&self, period: usize, unit: usize, column: usize) -> Option<&Cell> {
        let slot = self.slot.get(unit).copied().flatten()?;
        self.cells.get(self.index(period, slot, column))
    }

    /// The cell of a metric for a model unit.
    pub fn cell(&self, period: usize, unit: usize, metric: impl Into<Metric>) -> Option<&Cell> {
        self.get(period, unit, self.column(metric)?)
    }

    /// Every cell of one period and unit slot, in column order (for filling in).
    pub fn row_mut(&mut self, period: usize, slot: usize) -> &mut [Cell] {
        let start = self.index(period, slot, 0);
        let n = self.metrics.len();
        &mut self.cells[start..start + n]
    }

    pub fn row(&self, period: usize, slot: usize) -> &[Cell] {
        let start = self.index(period, slot, 0);
        &self.cells[start..start + self.metrics.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_export_as_plain_decimals() {
        assert_eq!(Value::Exact(Decimal::new(1250, 2)).export(), "12.5");
        assert_eq!(Value::Exact(Decimal::new(30, 1)).export(), "3");
        assert_eq!(Value::Ratio(2, 3).export(), "0.6666666666666666");
        assert_eq!(Value::Ratio(1, 4).export(), "0.25");
        assert_eq!(Value::Ratio(0, 4).export(), "0");
        assert_eq!(Value::Ratio(1, 1).export(), "1");
        assert_eq!(
            Value::Mean(Decimal::new(10, 0), 3).export(),
            "3.3333333333333335"
        );
        assert_eq!(Value::Mean(Decimal::new(3, 1), 2).export(), "0.15");
        assert_eq!(Value::Ratio(1, 10_000_000).export(), "0.0000001");
        assert_eq!(Value::Count(0).export(), "0");
    }
}
