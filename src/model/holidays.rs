//! The holiday schedule that moves deadlines counted in working days (SPEC §4.1): days off
//! (休) and the weekend days worked in exchange (班). It is plain data handed to the calendar.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use jiff::civil::{Weekday, date};

use super::date::{Date, iso};
use crate::findings::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    /// 休: a holiday, no office is open.
    Off,
    /// 班: a weekend day worked in exchange for a holiday (调休上班).
    Work,
}

impl DayKind {
    /// `休`/`off` or `班`/`work`, as a holiday file may write them.
    pub fn parse(text: &str) -> Option<DayKind> {
        let t = text.trim();
        if t == "休" || t.eq_ignore_ascii_case("off") {
            Some(DayKind::Off)
        } else if t == "班" || t.eq_ignore_ascii_case("work") {
            Some(DayKind::Work)
        } else {
            None
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            DayKind::Off => "休",
            DayKind::Work => "班",
        }
    }
}

/// The listed days and the years the list speaks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holidays {
    days: BTreeMap<Date, DayKind>,
    years: BTreeSet<i16>,
    /// The rows of the project's holiday file that are used (none for the built-in list).
    pub rows: Vec<Pos>,
}

impl Holidays {
    /// A schedule from listed days; a later listing of the same day replaces an earlier one
    /// (validation refuses conflicting listings before they get here).
    pub fn new(days: impl IntoIterator<Item = (Date, DayKind)>) -> Holidays {
        let days: BTreeMap<Date, DayKind> = days.into_iter().collect();
        let years = days.keys().map(|d| d.year()).collect();
        Holidays {
            days,
            years,
            rows: Vec::new(),
        }
    }

    /// The official schedule of 2022 and 2023, built in for projects without a holiday file.
    pub fn built_in() -> Holidays {
        Holidays::new(
            BUILT_IN
                .iter()
                .flat_map(|(from, to, kind, _)| days_from_to(*from, *to).map(move |d| (d, *kind))),
        )
    }

    /// A listed 班 day, or a Monday to Friday not listed as 休.
    pub fn is_working_day(&self, day: Date) -> bool {
        match self.days.get(&day) {
            Some(DayKind::Work) => true,
            Some(DayKind::Off) => false,
            None => !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday),
        }
    }

    /// Whether the list speaks for the day's year (has any day of that year).
    pub fn covers(&self, day: Date) -> bool {
        self.years.contains(&day.year())
    }

    /// The years the list speaks for, as a message names them: `2022—2023`, `2022、2024`.
    pub fn years_text(&self) -> String {
        let years: Vec<i16> = self.years.iter().copied().collect();
        match years.as_slice() {
            [] => "none".to_string(),
            [first, .., last] if (*last - *first) as usize == years.len() - 1 => {
                format!("{first}—{last}")
            }
            _ => years
                .iter()
                .map(i16::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        }
    }

    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }
}

/// The built-in schedule as `data/holidays.csv`, one row per day, as `init` writes it.
pub fn built_in_csv() -> String {
    let mut out = String::from("date,kind,name\n");
    let mut rows: Vec<(Date, DayKind, &str)> = BUILT_IN
        .iter()
        .flat_map(|(from, to, kind, name)| days_from_to(*from, *to).map(move |d| (d, *kind, *name)))
        .collect();
    rows.sort_by_key(|r| r.0);
    for (day, kind, name) in rows {
        let _ = writeln!(out, "{},{},{name}", iso(day), kind.chinese());
    }
    out
}

fn days_from_to(from: Date, to: Date) -> impl Iterator<Item = Date> {
    from.series(jiff::Span::new().days(1))
        .take_while(move |d| *d <= to)
}

/// 国办发明电〔2021〕11号 (2022) and the State Council notice of 2022-12-08 (2023):
/// (first day, last day, kind, holiday).
const BUILT_IN: &[(Date, Date, DayKind, &str)] = &[
    (date(2022, 1, 1), date(2022, 1, 3), DayKind::Off, "元旦"),
    (date(2022, 1, 29), date(2022, 1, 30), DayKind::Work, "春节"),
    (date(2022, 1, 31), date(2022, 2, 6), DayKind::Off, "春节"),
    (date(2022, 4, 2), date(2022, 4, 2), DayKind::Work, "清明节"),
    (date(2022, 4, 3), date(2022, 4, 5), DayKind::Off, "清明节"),
    (
        date(2022, 4, 24),
        date(2022, 4, 24),
        DayKind::Work,
        "劳动节",
    ),
    (date(2022, 4, 30), date(2022, 5, 4), DayKind::Off, "劳动节"),
    (date(2022, 5, 7), date(2022, 5, 7), DayKind::Work, "劳动节"),
    (date(2022, 6, 3), date(2022, 6, 5), DayKind::Off, "端午节"),
    (date(2022, 9, 10), date(2022, 9, 12), DayKind::Off, "中秋节"),
    (date(2022, 10, 1), date(2022, 10, 7), DayKind::Off, "国庆节"),
    (
        date(2022, 10, 8),
        date(2022, 10, 9),
        DayKind::Work,
        "国庆节",
    ),
    (date(2022, 12, 31), date(2023, 1, 2), DayKind::Off, "元旦"),
    (date(2023, 1, 21), date(2023, 1, 27), DayKind::Off, "春节"),
    (date(2023, 1, 28), date(2023, 1, 29), DayKind::Work, "春节"),
    (date(2023, 4, 5), date(2023, 4, 5), DayKind::Off, "清明节"),
    (
        date(2023, 4, 23),
        date(2023, 4, 23),
        DayKind::Work,
        "劳动节",
    ),
    (date(2023, 4, 29), date(2023, 5, 3), DayKind::Off, "劳动节"),
    (date(2023, 5, 6), date(2023, 5, 6), DayKind::Work, "劳动节"),
    (date(2023, 6, 22), date(2023, 6, 24), DayKind::Off, "端午节"),
    (
        date(2023, 6, 25),
        date(2023, 6, 25),
        DayKind::Work,
        "端午节",
    ),
    (
        date(2023, 9, 29),
        date(2023, 10, 6),
        DayKind::Off,
        "中秋节、国庆节",
    ),
    (
        date(2023, 10, 7),
        date(2023, 10, 8),
        DayKind::Work,
        "中秋节、国庆节",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_schedule_has_the_official_days() {
        let h = Holidays::built_in();
        // SPEC §4.1: 58 days off and 14 working weekend days.
        let csv = built_in_csv();
        assert_eq!(csv.matches(",休,").count(), 58);
        assert_eq!(csv.matches(",班,").count(), 14);
        assert_eq!(h.len(), 72);
        assert!(csv.starts_with("date,kind,name\n2022-01-01,休,元旦\n"));
        assert!(csv.ends_with("2023-10-08,班,中秋节、国庆节\n"));
        // 中秋·国庆 2023: Friday 9-29 off, Saturday 10-07 worked.
        assert!(!h.is_working_day(date(2023, 9, 29)));
        assert!(h.is_working_day(date(2023, 10, 7)));
        assert!(!h.is_working_day(date(2023, 10, 14)));
        assert!(h.is_working_day(date(2023, 10, 9)));
        assert_eq!(h.years_text(), "2022—2023");
        assert!(h.covers(date(2022, 3, 1)) && !h.covers(date(2024, 1, 2)));
    }

    #[test]
    fn kinds_are_read_in_chinese_and_english() {
        assert_eq!(DayKind::parse(" 休 "), Some(DayKind::Off));
        assert_eq!(DayKind::parse("OFF"), Some(DayKind::Off));
        assert_eq!(DayKind::parse("班"), Some(DayKind::Work));
        assert_eq!(DayKind::parse("Work"), Some(DayKind::Work));
        assert_eq!(DayKind::parse("假"), None);
        assert_eq!(DayKind::parse(""), None);
    }

    #[test]
    fn an_empty_list_is_monday_to_friday_and_covers_nothing() {
        let h = Holidays::default();
        assert!(h.is_working_day(date(2024, 2, 9)));
        assert!(!h.is_working_day(date(2024, 2, 10)));
        assert!(!h.covers(date(2024, 2, 9)));
        assert_eq!(h.years_text(), "none");
        let gap = Holidays::new([
            (date(2022, 1, 1), DayKind::Off),
            (date(2024, 1, 1), DayKind::Off),
        ]);
        assert_eq!(gap.years_text(), "2022、2024");
    }
}
