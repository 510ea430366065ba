//! The period calendar: calendar-aligned months, bimonths, quarters and halves, clipped to the
//! campaign window, plus the whole campaign.

use std::collections::HashMap;

use super::campaign::{Campaign, Frequency, Grace};
use super::date::{Date, Month, first_day, last_day, month_number, month_year};
use super::holidays::Holidays;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKind {
    Month,
    Bimonth,
    Quarter,
    Half,
    Campaign,
}

impl PeriodKind {
    /// Months in one block of this kind (the campaign has none of its own).
    fn span(self) -> i32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Bimonth => 2,
            PeriodKind::Quarter => 3,
            PeriodKind::Half => 6,
            PeriodKind::Campaign => 0,
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            PeriodKind::Month => "月度",
            PeriodKind::Bimonth => "双月",
            PeriodKind::Quarter => "季度",
            PeriodKind::Half => "半年",
            PeriodKind::Campaign => "全程",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            PeriodKind::Month => "a month like 2022-10",
            PeriodKind::Bimonth => "a bimonth like 2022-B5",
            PeriodKind::Quarter => "a quarter like 2022-Q4",
            PeriodKind::Half => "a half like 2023-H1",
            PeriodKind::Campaign => "campaign",
        }
    }

    /// `example` in Chinese: `双月，如 2022-B5`.
    pub fn example_zh(self) -> &'static str {
        match self {
            PeriodKind::Month => "月份，如 2022-10",
            PeriodKind::Bimonth => "双月，如 2022-B5",
            PeriodKind::Quarter => "季度，如 2022-Q4",
            PeriodKind::Half => "半年，如 2023-H1",
            PeriodKind::Campaign => "全程（campaign）",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Period {
    pub id: String,
    pub kind: PeriodKind,
    /// Clipped to the campaign window.
    pub first_month: Month,
    pub last_month: Month,
    pub first_day: Date,
    pub last_day: Date,
    pub label: String,
}

impl Period {
    pub fn contains_month(&self, m: Month) -> bool {
        (self.first_month..=self.last_month).contains(&m)
    }

    pub fn contains_day(&self, d: Date) -> bool {
        self.first_day <= d && d <= self.last_day
    }
}

#[derive(Clone, Debug)]
pub struct Calendar {
    pub periods: Vec<Period>,
    pub reporting: PeriodKind,
    pub start: Month,
    pub end: Month,
    pub grace: Grace,
    /// Each period's deadline: its last day plus the grace (SPEC §4.1).
    due: Vec<Date>,
    /// Reporting periods whose deadline was counted over days of a year the holiday list does
    /// not cover, so on Monday–Friday alone.
    pub uncovered: Vec<usize>,
    by_id: HashMap<String, usize>,
}

/// Why a period identifier cannot be used for a report.
#[derive(Debug, PartialEq, Eq)]
pub enum PeriodError {
    NotAPeriod,
    WrongKind(PeriodKind),
    OutsideCampaign,
}

impl Calendar {
    /// The periods of the campaign and their deadlines; `holidays` moves deadlines counted in
    /// working days.
    pub fn new(campaign: &Campaign, holidays: &Holidays) -> Calendar {
        let reporting = match campaign.frequency {
            Frequency::Month => PeriodKind::Month,
            Frequency::Bimonth => PeriodKind::Bimonth,
        };
        let (start, end) = (campaign.start, campaign.end);
        let mut periods = Vec::new();
        for kind in [
            PeriodKind::Month,
            PeriodKind::Bimonth,
            PeriodKind::Quarter,
            PeriodKind::Half,
        ] {
            if kind < reporting {
                continue;
            }
            let span = kind.span();
            let mut block_start = month_year(start) * 12 + (month_number(start) - 1) / span * span;
            while block_start <= end {
                let first = block_start.max(start);
                let last = (block_start + span - 1).min(end);
                let index = (month_number(block_start) - 1) / span + 1;
                periods.push(make_period(kind, block_start, index, first, last));
                block_start += span;
            }
        }
        periods.push(Period {
            id: "campaign".to_string(),
            kind: PeriodKind::Campaign,
            first_month: start,
            last_month: end,
            first_day: first_day(start),
            last_day: last_day(end),
            label: format!("专项工作全程（{}）", month_range_label(start, end)),
        });
        let by_id = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let deadlines: Vec<(Date, bool)> = periods
            .iter()
            .map(|p| deadline(p.last_day, campaign.grace, holidays))
            .collect();
        let uncovered = (0..periods.len())
            .filter(|p| periods[*p].kind == reporting && !deadlines[*p].1)
            .collect();
        Calendar {
            periods,
            reporting,
            start,
            end,
            grace: campaign.grace,
            due: deadlines.into_iter().map(|(d, _)| d).collect(),
            uncovered,
            by_id,
        }
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Resolves a report's period: it must exist and be of the reporting kind.
    pub fn reporting_period(&self, text: &str) -> Result<usize, PeriodError> {
        let id = normalise_id(text);
        let Some(kind) = parse_kind(&id) else {
            return Err(PeriodError::NotAPeriod);
        };
        if kind != self.reporting {
            return Err(PeriodError::WrongKind(kind));
        }
        self.get(&id).ok_or(PeriodError::OutsideCampaign)
    }

    /// The reporting periods whose last (clipped) month lies inside period `p`.
    pub fn reporting_periods_in(&self, p: usize) -> Vec<usize> {
        let period = &self.periods[p];
        self.periods
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == self.reporting && period.contains_month(r.last_month))
            .map(|(i, _)| i)
            .collect()
    }

    /// The last day a report for reporting period `r` is on time: the one source of every
    /// deadline the site states and counts by.
    pub fn due_date(&self, r: usize) -> Date {
        self.due[r]
    }

    pub fn first_day(&self) -> Date {
        first_day(self.start)
    }

    pub fn last_day(&self) -> Date {
        last_day(self.end)
    }

    pub fn contains_day(&self, d: Date) -> bool {
        self.first_day() <= d && d <= self.last_day()
    }
}

/// The deadline after a period's last day, and whether every day counted for it lies in a year
/// the holiday list covers (always, for calendar days).
fn deadline(last: Date, grace: Grace, holidays: &Holidays) -> (Date, bool) {
    match grace {
        Grace::Days(n) => (
            last.checked_add(jiff::Span::new().days(i64::from(n)))
                .unwrap_or(last),
            true,
        ),
        Grace::WorkingDays(n) => {
            let (mut day, mut left, mut covered) = (last, n, true);
            while left > 0 {
                let Ok(next) = day.tomorrow() else { break };
                day = next;
                covered &= holidays.covers(day);
                if holidays.is_working_day(day) {
                    left -= 1;
                }
            }
            (day, covered)
        }
    }
}

fn make_period(
    kind: PeriodKind,
    block_start: Month,
    index: i32,
    first: Month,
    last: Month,
) -> Period {
    let year = month_year(block_start);
    let id = match kind {
        PeriodKind::Month => format!("{year}-{:02}", month_number(block_start)),
        PeriodKind::Bimonth => format!("{year}-B{index}"),
        PeriodKind::Quarter => format!("{year}-Q{index}"),
        PeriodKind::Half => format!("{year}-H{index}"),
        PeriodKind::Campaign => "campaign".to_string(),
    };
    let label = match kind {
        PeriodKind::Quarter => {
            let n = ["一", "二", "三", "四"][(index - 1) as usize];
            format!("{year}年第{n}季度")
        }
        PeriodKind::Half => format!("{year}年{}", if index == 1 { "上半年" } else { "下半年" }),
        _ => month_range_label(first, last),
    };
    Period {
        id,
        kind,
        first_month: first,
        last_month: last,
        first_day: first_day(first),
        last_day: last_day(last),
        label,
    }
}

/// `2022年9—10月`, `2023年9月`, `2022年9月—2023年9月`.
fn month_range_label(first: Month, last: Month) -> String {
    let (y1, m1, y2, m2) = (
        month_year(first),
        month_number(first),
        month_year(last),
        month_number(last),
    );
    if first == last {
        format!("{y1}年{m1}月")
    } else if y1 == y2 {
        format!("{y1}年{m1}—{m2}月")
    } else {
        format!("{y1}年{m1}月—{y2}年{m2}月")
    }
}

/// Accepts small variations users type: `2022-b5`, ` 2022-B5 `, `2022-9` for a month.
fn normalise_id(text: &str) -> String {
    let wide = crate::text::half_width(text);
    let t = wide.trim();
    if t.eq_ignore_ascii_case("campaign") {
        return "campaign".to_string();
    }
    let upper = t.to_ascii_uppercase();
    if let Some((y, m)) = upper.split_once('-')
        && !m.is_empty()
        && m.len() <= 2
        && m.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = m.parse::<u32>()
    {
        return format!("{y}-{n:02}");
    }
    upper
}

fn parse_kind(id: &str) -> Option<PeriodKind> {
    if id == "campaign" {
        return Some(PeriodKind::Campaign);
    }
    let (year, rest) = id.split_once('-')?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (kind, max) = match rest.as_bytes().first()? {
        b'B' => (PeriodKind::Bimonth, 6),
        b'Q' => (PeriodKind::Quarter, 4),
        b'H' => (PeriodKind::Half, 2),
        b'0'..=b'9' => (PeriodKind::Month, 12),
        _ => return None,
    };
    let digits = if kind == PeriodKind::Month {
        rest
    } else {
        &rest[1..]
    };
    let n: u32 = digits
        .parse()
        .ok()
        .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))?;
    (1..=max).contains(&n).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::parse_month;

    fn calendar(freq: Frequency) -> Calendar {
        Calendar::new(
            &Campaign {
                frequency: freq,
                ..Campaign::default()
            },
            &Holidays::built_in(),
        )
    }

    fn ids(c: &Calendar, kind: PeriodKind) -> Vec<&str> {
        c.periods
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.id.as_str())
            .collect()
    }

    #[test]
    fn bimonthly_campaign_has_the_expected_periods() {
        let c = calendar(Frequency::Bimonth);
        assert_eq!(
            ids(&c, PeriodKind::Bimonth),
            [
                "2022-B5", "2022-B6", "2023-B1", "2023-B2", "2023-B3", "2023-B4", "2023-B5"
            ]
        );
        assert_eq!(
            ids(&c, PeriodKind::Quarter),
            ["2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2", "2023-Q3"]
        );
        assert_eq!(ids(&c, PeriodKind::Half), ["2022-H2", "2023-H1", "2023-H2"]);
        assert_eq!(ids(&c, PeriodKind::Month), Vec::<&str>::new());
        assert_eq!(c.periods.last().unwrap().id, "campaign");
    }

    #[test]
    fn periods_are_clipped_and_labelled() {
        let c = calendar(Frequency::Bimonth);
        let p = |id: &str| &c.periods[c.get(id).unwrap()];
        assert_eq!(p("2022-B5").label, "2022年9—10月");
        assert_eq!(p("2023-B5").label, "2023年9月");
        assert_eq!(p("2023-B5").last_day.to_string(), "2023-09-30");
        assert_eq!(p("2022-Q3").first_day.to_string(), "2022-09-01");
        assert_eq!(p("2022-Q4").label, "2022年第四季度");
        assert_eq!(p("2023-H1").label, "2023年上半年");
        assert_eq!(p("2023-H2").first_day.to_string(), "2023-07-01");
    }

    #[test]
    fn reports_count_in_the_period_holding_their_last_month() {
        let c = calendar(Frequency::Bimonth);
        let names = |p: &str| -> Vec<String> {
            c.reporting_periods_in(c.get(p).unwrap())
                .into_iter()
                .map(|i| c.periods[i].id.clone())
                .collect()
        };
        assert!(names("2022-Q3").is_empty());
        assert_eq!(names("2022-Q4"), ["2022-B5", "2022-B6"]);
        assert_eq!(names("2023-Q1"), ["2023-B1"]);
        assert_eq!(names("2023-Q2"), ["2023-B2", "2023-B3"]);
        assert_eq!(names("2023-Q3"), ["2023-B4", "2023-B5"]);
        assert_eq!(names("2023-H2"), ["2023-B4", "2023-B5"]);
        assert_eq!(names("campaign").len(), 7);
    }

    #[test]
    fn monthly_frequency_adds_months_and_due_dates_use_grace() {
        let c = calendar(Frequency::Month);
        assert_eq!(ids(&c, PeriodKind::Month).len(), 13);
        let b5 = c.get("2022-B5").unwrap();
        assert_eq!(c.reporting_periods_in(b5).len(), 2);
        let m = c.reporting_period("2022-9").unwrap();
        assert_eq!(c.due_date(m).to_string(), "2022-10-10");
    }

    fn working_days(n: u32, start: &str, end: &str, holidays: &Holidays) -> Calendar {
        Calendar::new(
            &Campaign {
                start: parse_month(start).unwrap(),
                end: parse_month(end).unwrap(),
                grace: Grace::WorkingDays(n),
                ..Campaign::default()
            },
            holidays,
        )
    }

    fn deadlines(c: &Calendar) -> Vec<String> {
        (0..c.periods.len())
            .filter(|p| c.periods[*p].kind == c.reporting)
            .map(|p| format!("{} {}", c.periods[p].id, c.due_date(p)))
            .collect()
    }

    #[test]
    fn the_worked_example_of_working_days() {
        // SPEC §4.1: grace_working_days = 5, bimonthly, 2022-09..2023-09, the built-in list.
        let c = working_days(5, "2022-09", "2023-09", &Holidays::built_in());
        assert_eq!(
            deadlines(&c),
            [
                "2022-B5 2022-11-07",
                "2022-B6 2023-01-09",
                "2023-B1 2023-03-07",
                "2023-B2 2023-05-09",
                "2023-B3 2023-07-07",
                "2023-B4 2023-09-07",
                "2023-B5 2023-10-11",
            ]
        );
        assert!(c.uncovered.is_empty());
    }

    #[test]
    fn calendar_days_ignore_the_holiday_list() {
        let c = calendar(Frequency::Bimonth);
        assert_eq!(c.grace, Grace::Days(10));
        let b5 = c.get("2023-B5").unwrap();
        assert_eq!(c.due_date(b5).to_string(), "2023-10-10");
        assert!(c.uncovered.is_empty());
        let none = Calendar::new(&Campaign::default(), &Holidays::default());
        assert_eq!(deadlines(&none), deadlines(&c));
    }

    #[test]
    fn the_holiday_list_is_data_handed_in() {
        // No list: Monday to Friday alone, and no year is covered.
        let c = working_days(5, "2023-09", "2023-09", &Holidays::default());
        assert_eq!(deadlines(&c), ["2023-B5 2023-10-06"]);
        assert_eq!(c.uncovered.len(), 1);
        // A project's own list: Monday 2023-10-02 off, Saturday 2023-10-07 worked.
        use super::super::holidays::DayKind;
        let own = Holidays::new([
            (jiff::civil::date(2023, 10, 2), DayKind::Off),
            (jiff::civil::date(2023, 10, 7), DayKind::Work),
        ]);
        let c = working_days(5, "2023-09", "2023-09", &own);
        assert_eq!(deadlines(&c), ["2023-B5 2023-10-07"]);
        assert!(c.uncovered.is_empty());
    }

    #[test]
    fn deadlines_past_the_list_are_counted_monday_to_friday() {
        let c = working_days(5, "2023-09", "2024-03", &Holidays::built_in());
        assert_eq!(
            deadlines(&c),
            [
                "2023-B5 2023-11-07",
                "2023-B6 2024-01-05",
                "2024-B1 2024-03-07",
                "2024-B2 2024-04-05",
            ]
        );
        let names: Vec<&str> = c
            .uncovered
            .iter()
            .map(|p| c.periods[*p].id.as_str())
            .collect();
        assert_eq!(names, ["2023-B6", "2024-B1", "2024-B2"]);
    }

    #[test]
    fn report_periods_are_checked() {
        let c = calendar(Frequency::Bimonth);
        assert!(c.reporting_period(" 2022-b5 ").is_ok());
        assert_eq!(
            c.reporting_period("2022-Q4"),
            Err(PeriodError::WrongKind(PeriodKind::Quarter))
        );
        assert_eq!(
            c.reporting_period("2022-B4"),
            Err(PeriodError::OutsideCampaign)
        );
        assert_eq!(c.reporting_period("2023-B7"), Err(PeriodError::NotAPeriod));
        assert_eq!(c.reporting_period("soon"), Err(PeriodError::NotAPeriod));
        let _ = parse_month("2022-09");
    }
}
