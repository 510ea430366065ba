//! `data/holidays.csv` (SPEC §4.1): the days off (休) and worked weekend days (班) that move
//! deadlines counted in working days. Without the file the official schedule is built in.

use std::collections::HashMap;

use super::cells::{RowReader, known_columns};
use crate::findings::{Code, Findings, Pos};
use crate::load::Table;
use crate::load::table::ColumnSpec;
use crate::model::date::{chinese, iso, parse_date};
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
        let date = r
            .required("date", ("a date such as 2023-10-07", "日期，如 2023-10-07"))
            .and_then(|text| match parse_date(&half_width(text)) {
                Ok(d) => Some(d),
                Err(msg) => {
                    r.fail("date", Code::BadDate, r.in_column("date", msg));
                    None
                }
            });
        let kind = r
            .required(
                "kind",
                (
                    "休 (a holiday) or 班 (a working day)",
                    "休（放假）或班（调休上班）",
                ),
            )
            .and_then(|text| {
                let kind = DayKind::parse(text);
                if kind.is_none() {
                    r.fail(
                        "kind",
                        Code::UnknownDayKind,
                        msg!(
                            "`{text}` is not a kind of day; expected 休 (a holiday, also `off`) or 班 (a working day, also `work`)",
                            "“{text}”不是日子的类型；应为休（放假，也可写 off）或班（调休上班，也可写 work）"
                        ),
                    );
                }
                kind
            });
        if let (Some(d), Some(k)) = (date, kind)
            && let Some(&(first, line)) = seen.get(&d)
            && first != k
        {
            let (day, day_zh, here, there) = (iso(d), chinese(d), k.chinese(), first.chinese());
            r.fail(
                "kind",
                Code::ConflictingDay,
                msg!(
                    "{day} is listed as {here} here and as {there} on line {line}; expected each date with one kind",
                    "{day_zh}在这里列为“{here}”，在第 {line} 行列为“{there}”；每个日期只应有一种类型"
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
    let years = holidays.years_text();
    let years_zh = if holidays.is_empty() {
        "没有任何一年".to_string()
    } else {
        format!("{years}年")
    };
    let (file, list, list_zh) = match list_file {
        Some(file) => (
            file,
            format!("{file}: {years}"),
            format!("{file}：{years_zh}"),
        ),
        None => (
            "data/holidays.csv",
            format!("built in, as there is no data/holidays.csv: {years}"),
            format!("没有 data/holidays.csv，用的是内置的安排：{years_zh}"),
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
        let (id, label, last) = (&period.id, &period.label, period.last_day);
        let (last_zh, due_zh) = (chinese(last), chinese(due));
        let (years_en, years_zh) = (missing.join(" or "), missing.join("、"));
        findings.warning(
            &pos,
            0,
            Code::HolidaysNotCovered,
            msg!(
                "{id} ({label}): the deadline {n} working days after {last} is counted on Monday–Friday alone, as {due}, since the holiday list ({list}) has no day of {years_en}; expected that year's 休/班 days in data/holidays.csv",
                "{id}（{label}）：截止日期为{last_zh}后第 {n} 个工作日，因节假日表（{list_zh}）没有{years_zh}年的安排，暂按周一至周五计算为{due_zh}；应在 data/holidays.csv 中补充该年的休/班日期"
            ),
        );
    }
}
