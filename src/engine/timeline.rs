//! The calendar as pages state it: each period's deadline, the reports it owes and the time
//! elapsed at its end; the latest reporting period with reports, which the site names as its
//! data cut-off (数据截至).

use super::figures::Value;
use crate::model::{Calendar, Date, Model};

#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// One entry per calendar period, in calendar order.
    pub periods: Vec<PeriodFacts>,
    /// The latest reporting period for which any report arrived.
    pub latest: Option<usize>,
    /// The whole campaign (the last period).
    pub campaign: usize,
    /// Months in the campaign.
    pub months: u32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeriodFacts {
    /// The reporting periods whose last month lies in this period: every county owes a report
    /// for each.
    pub owes: Vec<usize>,
    /// For a reporting period: the last day a report for it is on time.
    pub deadline: Option<Date>,
    /// Months from the campaign's start to the end of this period.
    pub months_elapsed: u32,
    /// The first reporting period ending after this period: the next report due.
    pub next_due: Option<usize>,
}

impl Timeline {
    pub fn new(model: &Model) -> Timeline {
        let cal = &model.calendar;
        let months = (cal.end - cal.start + 1).max(0) as u32;
        let periods = (0..cal.periods.len())
            .map(|p| {
                let period = &cal.periods[p];
                PeriodFacts {
                    owes: cal.reporting_periods_in(p),
                    deadline: (period.kind == cal.reporting).then(|| cal.due_date(p)),
                    months_elapsed: (period.last_month - cal.start + 1).max(0) as u32,
                    next_due: cal
                        .periods
                        .iter()
                        .position(|r| r.kind == cal.reporting && r.last_month > period.last_month),
                }
            })
            .collect();
        let latest = model
            .reports
            .iter()
            .map(|r| r.period)
            .max_by_key(|p| cal.periods[*p].last_month);
        Timeline {
            periods,
            latest,
            campaign: cal.periods.len().saturating_sub(1),
            months,
        }
    }

    /// The day the site's figures speak for: the end of the latest reporting period with
    /// reports, or the campaign's last day when none arrived.
    pub fn data_as_of(&self, cal: &Calendar) -> Date {
        self.latest
            .map_or(cal.last_day(), |p| cal.periods[p].last_day)
    }

    /// The reporting period the follow-up list speaks for on the dashboard: the latest with
    /// reports, else the last one (whose end is the campaign's last day).
    pub fn current(&self, cal: &Calendar) -> Option<usize> {
        self.latest.or_else(|| {
            (0..cal.periods.len())
                .rev()
                .find(|p| cal.periods[*p].kind == cal.reporting)
        })
    }

    /// Share of the campaign's months elapsed at the end of period `p`.
    pub fn time_elapsed(&self, p: usize) -> Option<Value> {
        (self.months > 0).then(|| Value::Ratio(self.periods[p].months_elapsed, self.months))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::model;

    #[test]
    fn periods_know_their_deadlines_reports_owed_and_time_elapsed() {
        let m = model();
        let t = Timeline::new(&m);
        let cal = &m.calendar;
        let p = |id: &str| cal.get(id).unwrap();
        let b5 = &t.periods[p("2022-B5")];
        assert_eq!(b5.deadline.unwrap().to_string(), "2022-11-10");
        assert_eq!(b5.owes, vec![p("2022-B5")]);
        assert_eq!(b5.months_elapsed, 2);
        assert_eq!(b5.next_due, Some(p("2022-B6")));
        let q4 = &t.periods[p("2022-Q4")];
        assert_eq!(q4.deadline, None);
        assert_eq!(q4.owes, vec![p("2022-B5"), p("2022-B6")]);
        assert!(t.periods[p("2022-Q3")].owes.is_empty());
        assert_eq!(t.periods[p("campaign")].next_due, None);
        assert_eq!(t.months, 13);
        assert_eq!(t.time_elapsed(p("2023-Q1")), Some(Value::Ratio(7, 13)));
        // The model's reports run to 2023-B1.
        assert_eq!(t.latest, Some(p("2023-B1")));
        assert_eq!(t.data_as_of(cal).to_string(), "2023-02-28");
        assert_eq!(t.current(cal), Some(p("2023-B1")));
    }
}
