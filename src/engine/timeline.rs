//! The calendar as pages state it: each period's deadline, the reports it owes and the time
//! elapsed at its end; the latest reporting period with reports, which the site names as its
//! data cut-off (数据截至); and each period's bulletin: its issue number within its series
//! and its issue date.

use super::figures::Value;
use crate::model::{Calendar, Date, Model, PeriodKind};

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
    /// The bulletin's issue number (第N期) in its series (the periods of one kind), in period
    /// order; a commentary's `issue` sets it, and the later ones of its series follow on.
    pub issue: u32,
    /// The bulletin's issue date: the commentary's `date`, else the first working day after the
    /// period's deadline (its last day plus the grace, as for a report).
    pub issued_on: Date,
}

impl Timeline {
    pub fn new(model: &Model) -> Timeline {
        let cal = &model.calendar;
        let months = (cal.end - cal.start + 1).max(0) as u32;
        let mut periods: Vec<PeriodFacts> = (0..cal.periods.len())
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
                    issue: 0,
                    issued_on: issue_date(model, p),
                }
            })
            .collect();
        number_issues(model, &mut periods);
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

/// The commentary's date, else the first working day after the period's deadline.
fn issue_date(model: &Model, p: usize) -> Date {
    if let Some(d) = model
        .bulletins
        .iter()
        .rev()
        .find_map(|b| (b.period == p).then_some(b.date)?)
    {
        return d;
    }
    let due = model.calendar.due_date(p);
    let mut day = due;
    // A year has no 30 days off in a row; the bound only keeps a strange list from looping.
    for _ in 0..30 {
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => return due,
        }
        if model.holidays.is_working_day(day) {
            return day;
        }
    }
    due
}

/// Issue numbers in period order within each series, from 1 or from a commentary's `issue`.
fn number_issues(model: &Model, periods: &mut [PeriodFacts]) {
    let cal = &model.calendar;
    for kind in [
        PeriodKind::Month,
        PeriodKind::Bimonth,
        PeriodKind::Quarter,
        PeriodKind::Half,
        PeriodKind::Campaign,
    ] {
        let mut next = 1;
        for p in (0..cal.periods.len()).filter(|p| cal.periods[*p].kind == kind) {
            let set = model
                .bulletins
                .iter()
                .rev()
                .find_map(|b| (b.period == p).then_some(b.issue)?);
            let number = set.unwrap_or(next);
            periods[p].issue = number;
            next = number.saturating_add(1);
        }
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

    #[test]
    fn bulletins_are_numbered_in_each_series_and_dated_after_the_deadline() {
        let mut m = model();
        let cal = &m.calendar;
        let p = |id: &str| cal.get(id).unwrap();
        let (b6, b2, q1) = (p("2022-B6"), p("2023-B2"), p("2023-Q1"));
        let t = Timeline::new(&m);
        let issues: Vec<u32> = [
            "2022-B5", "2022-B6", "2023-B1", "2022-Q3", "2023-Q1", "campaign",
        ]
        .iter()
        .map(|id| t.periods[p(id)].issue)
        .collect();
        assert_eq!(issues, [1, 2, 3, 1, 3, 1]);
        // 2022-B6 is due on 2023-01-10, a Tuesday: issued the next day. 2023-Q1 is due on
        // 2023-04-10, a Monday; 2022-B5 on 2022-11-10, a Thursday.
        let on = |x: usize| t.periods[x].issued_on.to_string();
        assert_eq!(on(b6), "2023-01-11");
        assert_eq!(on(q1), "2023-04-11");
        assert_eq!(on(p("2022-B5")), "2022-11-11");
        // A commentary sets 2022-B6 as 第5期 and its date: 2023-B1 follows as 第6期.
        m.bulletins.push(crate::model::Bulletin {
            period: b6,
            body: String::new(),
            body_line: 1,
            file: "content/bulletins/2022-B6.md".into(),
            issue: Some(5),
            date: Some(crate::model::Date::new(2023, 1, 20).unwrap()),
        });
        let t = Timeline::new(&m);
        assert_eq!(
            (t.periods[b6].issue, on_of(&t, b6)),
            (5, "2023-01-20".into())
        );
        assert_eq!(t.periods[p("2023-B1")].issue, 6);
        assert_eq!(t.periods[b2].issue, 7);
    }

    fn on_of(t: &Timeline, p: usize) -> String {
        t.periods[p].issued_on.to_string()
    }
}
