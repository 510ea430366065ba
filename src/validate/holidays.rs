//! `data/holidays.csv` (SPEC §4.1): the days off (休) and worked weekend days (班) that move
//! deadlines counted in working days. Without the file the official schedule is built in.

use std::collections::HashMap;

use super::cells::{RowReader, known_columns};
use crate::findings::{Findings, Pos};
use crate::load::Table;
use crate::load::table::ColumnSpec;
use crate::model::date::{iso, parse_date};
use crate::model::holidays::{DayKind, Holidays};
use crate::model::{Calendar, Grace};
use crate::text::half_width;

const SPECS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "date",
        names: &["日期"],
    },
    ColumnSpec {
        key: "kind",
        names: &["类型"],
    },
    ColumnSpec {
        key: "name",
        names: &["名称"],
    },
];

/// The project's list, or the built-in one when the project has none. Rows with a bad date, an
/// unknown kind or a date already listed with the other kind are errors and are left out.
pub fn validate(table: Option<&Table>, findings: &mut Findings) -> Holidays {
    let Some(table) = table else {
        return Holidays::built_in();
    };
    let Some(columns) = known_columns(table, SPECS, &["date", "kind"], findings) else {
        return Holidays::default();
    };
    let mut days: Vec<(crate::model::Date, DayKind)> = Vec::new();
    let mut rows = Vec::new();
    // Each date's kind and the line that listed it first.
    let mut seen: HashMap<crate::model::Date, (DayKind, usize)> = HashMap::new();
    for row in &table.rows {
        let mut r = RowReader::new(table, &columns, row);
        let date =
            r.required("date", "a date such as 2023-10-07")
                .and_then(|text| match parse_date(&half_width(text)) {
                    Ok(d) => Some(d),
                    Err(msg) => {
                        let header = r.header("date");
                        r.fail("date", "bad-date", format!("`{header}`: {msg}"));
                        None
                    }
                });
        let kind = r
            .required("kind", "休 (a holiday) or 班 (a working day)")
            .and_then(|text| {
                let kind = DayKind::parse(text);
                if kind.is_none() {
                    r.fail(
                        "kind",
                        "unknown-day-kind",
                        format!("`{text}` is not a kind of day; expected 休 (a holiday, also `off`) or 班 (a working day, also `work`)"),
                    );
                }
                kind
            });
        if let (Some(d), Some(k)) = (date, kind)
            && let Some(&(first, line)) = seen.get(&d)
            && first != k
        {
            r.fail(
                "kind",
                "conflicting-day",
                format!(
                    "{} is listed as {} here and as {} on line {line}; expected each date with one kind",
                    iso(d),
                    k.chinese(),
                    first.chinese()
                ),
            );
        }
        let pos = r.pos();
        if !r.settle(findings) {
            continue;
        }
        if let (Some(d), Some(k)) = (date, kind) {
            seen.entry(d).or_insert((k, row.line));
            days.push((d, k));
            rows.push(pos);
        }
    }
    let mut holidays = Holidays::new(days);
    holidays.rows = rows;
    holidays
}

/// A warning for each reporting period whose working-day deadline was counted over a year the
/// holiday list does not cover: it stands on Monday–Friday alone and may be wrong.
pub fn warn_uncovered(
    calendar: &Calendar,
    holidays: &Holidays,
    list_file: Option<&str>,
    findings: &mut Findings,
) {
    let Grace::WorkingDays(n) = calendar.grace else {
        return;
    };
    let (file, list) = match list_file {
        Some(file) => (file, format!("{file}: {}", holidays.years_text())),
        None => (
            "data/holidays.csv",
            format!(
                "built in, as there is no data/holidays.csv: {}",
                holidays.years_text()
            ),
        ),
    };
    let pos = Pos {
        file: file.to_string(),
        line: 0,
    };
    for &p in &calendar.uncovered {
        let period = &calendar.periods[p];
        let due = calendar.due_date(p);
        let first_counted = period.last_day.tomorrow().unwrap_or(period.last_day);
        let missing: Vec<String> = (first_counted.year()..=due.year())
            .filter(|y| !holidays.covers(jiff::civil::date(*y, 12, 31)))
            .map(|y| y.to_string())
            .collect();
        findings.warning(
            &pos,
            0,
            "holidays-not-covered",
            format!(
                "{} ({}): the deadline {n} working days after {} is counted on Monday–Friday alone, as {due}, since the holiday list ({list}) has no day of {}; expected that year's 休/班 days in data/holidays.csv",
                period.id,
                period.label,
                period.last_day,
                missing.join(" or "),
            ),
        );
    }
}
