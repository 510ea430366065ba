//! `data/reports/**/*.csv` to one winning report per county and reporting period.
//! Duplicate filings: the later `submitted_on` wins as a whole row; identical repeats count
//! once (warning); the same `submitted_on` with different values is an error.

use std::collections::BTreeMap;

use super::cells::{RowReader, columns_or_reject, misspelled_column, parse_value};
use crate::findings::{Findings, Severity};
use crate::load::Table;
use crate::load::table::{Candidate, ColumnSpec, Columns, Row, header_matches, near_miss};
use crate::model::calendar::PeriodError;
use crate::model::{Calendar, Date, Indicator, Level, Report, UnitTree};

const SPECS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "period",
        names: &["期间", "报告期"],
    },
    ColumnSpec {
        key: "unit",
        names: &["单位", "单位代码"],
    },
    // The county's name, as forms carry it for the person filling them in; not read.
    ColumnSpec {
        key: "name",
        names: &["名称", "单位名称"],
    },
    ColumnSpec {
        key: "submitted_on",
        names: &["报送日期", "填报日期"],
    },
];

struct Filing {
    report: Report,
    raw: String,
}

pub fn validate(
    tables: &[Table],
    calendar: &Calendar,
    units: &UnitTree,
    indicators: &[Indicator],
    today: Date,
    findings: &mut Findings,
) -> Vec<Report> {
    let mut filings = Vec::new();
    for table in tables {
        read_table(
            table,
            calendar,
            units,
            indicators,
            today,
            findings,
            &mut filings,
        );
    }
    settle_duplicates(filings, calendar, units, findings)
}

fn read_table(
    table: &Table,
    calendar: &Calendar,
    units: &UnitTree,
    indicators: &[Indicator],
    today: Date,
    findings: &mut Findings,
    filings: &mut Vec<Filing>,
) {
    let Some(columns) =
        columns_or_reject(table, SPECS, &["period", "unit", "submitted_on"], findings)
    else {
        return;
    };
    let (indicator_columns, misspelled) = indicator_columns(table, &columns, indicators, findings);
    // A returned form: a row with nothing but what the form came pre-filled with (period, code,
    // name) is a county that did not report. It is read and counted as not reported, silently.
    let date_col = columns.index("submitted_on");
    let filled_in = |row: &Row| {
        date_col
            .into_iter()
            .chain(indicator_columns.iter().map(|(_, col)| *col))
            .chain(misspelled.iter().copied())
            .any(|col| row.cells.get(col).is_some_and(|c| !c.trim().is_empty()))
    };
    let expected_kind = calendar.reporting.example();
    for row in &table.rows {
        if !filled_in(row) {
            findings.count_unfiled(&table.file);
            continue;
        }
        let mut r = RowReader::new(table, &columns, row);
        let period = r.required("period", expected_kind).and_then(|text| {
            match calendar.reporting_period(text) {
                Ok(p) => Some(p),
                Err(e) => {
                    let (code, why) = match e {
                        PeriodError::NotAPeriod => ("bad-period", format!("`{text}` is not a period; expected {expected_kind}")),
                        PeriodError::WrongKind(k) => ("wrong-period-kind", format!("`{text}` is a {} period; reports are filed for {expected_kind}", k.chinese())),
                        PeriodError::OutsideCampaign => ("period-outside-campaign", format!("`{text}` lies outside the campaign; expected {expected_kind} between {} and {}", first_id(calendar), last_id(calendar))),
                    };
                    r.fail("period", code, why);
                    None
                }
            }
        });
        let county = r.unit("unit", units).filter(|u| {
            let unit = &units.units[*u];
            if unit.level != Level::County {
                r.fail(
                    "unit",
                    "not-a-county",
                    format!(
                        "`{}` ({}) is a {} unit; reports are filed by counties",
                        unit.code,
                        unit.name,
                        unit.level.code()
                    ),
                );
                return false;
            }
            true
        });
        let submitted_on = if date_col.is_some() && r.get("submitted_on").is_empty() {
            let header = r.header("submitted_on");
            r.fail(
                "submitted_on",
                "undated-filing",
                format!("`{header}` is empty, but the row has values; expected the day the county filed, such as 2023-03-05 (a county that did not report leaves its row blank)"),
            );
            None
        } else {
            r.date("submitted_on", today)
        };
        let mut values = vec![None; indicators.len()];
        for (ind, col) in &indicator_columns {
            let text = r.cell(*col);
            match parse_value(text, indicators[*ind].yes_no) {
                Ok(v) => values[*ind] = v,
                Err((code, msg)) => {
                    r.fail_at(col + 1, code, format!("`{}`: {msg}", table.headers[*col]))
                }
            }
        }
        let pos = r.pos();
        if !r.settle(findings) {
            continue;
        }
        if let (Some(period), Some(county), Some(submitted_on)) = (period, county, submitted_on) {
            filings.push(Filing {
                report: Report {
                    county,
                    period,
                    submitted_on,
                    values,
                    pos,
                },
                raw: row.raw.clone(),
            });
        }
    }
}

/// The indicator columns of a report file, by code or by Chinese name (with or without its
/// unit in brackets), as (indicator, column); and the columns that are near misses of an
/// indicator the file lacks (an error: their values would be lost).
fn indicator_columns(
    table: &Table,
    columns: &Columns,
    indicators: &[Indicator],
    findings: &mut Findings,
) -> (Vec<(usize, usize)>, Vec<usize>) {
    let header_pos = table.pos(table.header_line);
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut unmatched = Vec::new();
    for &col in &columns.unknown {
        let header = &table.headers[col];
        let ind = indicators
            .iter()
            .position(|i| header_matches(header, &i.code) || header_matches(header, &i.name));
        match ind {
            Some(ind) if found.iter().any(|(i, _)| *i == ind) => findings.error(
                &header_pos,
                col + 1,
                "duplicate-column",
                format!(
                    "column `{header}` repeats indicator `{}`; expected each indicator once",
                    indicators[ind].code
                ),
            ),
            Some(ind) => found.push((ind, col)),
            None => unmatched.push(col),
        }
    }
    let absent: Vec<Candidate> = indicators
        .iter()
        .enumerate()
        .filter(|(k, _)| !found.iter().any(|(i, _)| i == k))
        .flat_map(|(_, i)| {
            [&i.name, &i.code].map(|name| Candidate {
                name,
                measure: &i.measure,
            })
        })
        .collect();
    // A near miss of a fixed column the file lacks is named by the missing-column error.
    let absent_fixed: Vec<Candidate> = SPECS
        .iter()
        .filter(|s| columns.index(s.key).is_none())
        .flat_map(|s| std::iter::once(s.key).chain(s.names.iter().copied()))
        .map(|name| Candidate { name, measure: "" })
        .collect();
    let mut misspelled = Vec::new();
    for col in unmatched {
        if near_miss(&table.headers[col], &absent_fixed).is_some() {
            continue;
        }
        match near_miss(&table.headers[col], &absent) {
            Some(meant) => {
                misspelled_column(findings, table, col, meant);
                misspelled.push(col);
            }
            None => findings.warning(
                &header_pos,
                col + 1,
                "unknown-column",
                format!("column `{}` is not an indicator of data/indicators.csv and is ignored; expected 报告期, 单位代码, 报送日期 or an indicator's name or code", table.headers[col]),
            ),
        }
    }
    (found, misspelled)
}

fn first_id(c: &Calendar) -> &str {
    c.periods
        .iter()
        .find(|p| p.kind == c.reporting)
        .map_or("", |p| p.id.as_str())
}

fn last_id(c: &Calendar) -> &str {
    c.periods
        .iter()
        .rev()
        .find(|p| p.kind == c.reporting)
        .map_or("", |p| p.id.as_str())
}

fn settle_duplicates(
    filings: Vec<Filing>,
    calendar: &Calendar,
    units: &UnitTree,
    findings: &mut Findings,
) -> Vec<Report> {
    let mut groups: BTreeMap<(usize, usize), Vec<Filing>> = BTreeMap::new();
    for f in filings {
        groups
            .entry((f.report.county, f.report.period))
            .or_default()
            .push(f);
    }
    let mut winners = Vec::with_capacity(groups.len());
    for ((county, period), mut group) in groups {
        group.sort_by(|a, b| {
            (a.report.submitted_on, &a.report.pos).cmp(&(b.report.submitted_on, &b.report.pos))
        });
        let mut kept: Vec<Filing> = Vec::with_capacity(group.len());
        // Within one submitted_on: identical rows count once, differing rows are an error.
        let mut i = 0;
        while i < group.len() {
            let day = group[i].report.submitted_on;
            let end = group[i..]
                .iter()
                .position(|f| f.report.submitted_on != day)
                .map_or(group.len(), |n| i + n);
            let mut distinct: Vec<usize> = Vec::new();
            for j in i..end {
                match distinct
                    .iter()
                    .find(|d| group[**d].report.values == group[j].report.values)
                {
                    Some(d) => findings.warning(
                        &group[j].report.pos,
                        0,
                        "repeated-row",
                        format!(
                            "this filing repeats {}:{} exactly; counted once",
                            group[*d].report.pos.file, group[*d].report.pos.line
                        ),
                    ),
                    None => distinct.push(j),
                }
            }
            if distinct.len() > 1 {
                let lines: Vec<String> = distinct
                    .iter()
                    .map(|d| {
                        format!(
                            "{}:{}",
                            group[*d].report.pos.file, group[*d].report.pos.line
                        )
                    })
                    .collect();
                for d in &distinct {
                    let f = &group[*d];
                    let msg = format!(
                        "{} filed {} twice on {} with different values ({}); expected one filing per day, or a later correction",
                        units.units[county].code,
                        calendar.periods[period].id,
                        day,
                        lines.join(", ")
                    );
                    findings.settle_row(
                        &f.report.pos,
                        &f.raw,
                        vec![(0, "conflicting-filings", msg)],
                    );
                }
            } else if let Some(d) = distinct.first() {
                kept.push(Filing {
                    report: group[*d].report.clone(),
                    raw: group[*d].raw.clone(),
                });
            }
            i = end;
        }
        let Some(winner) = kept.pop() else { continue };
        for old in kept {
            let msg = format!(
                "superseded by the filing of {} at {}:{}",
                winner.report.submitted_on, winner.report.pos.file, winner.report.pos.line
            );
            findings.push(
                Severity::Info,
                &old.report.pos,
                0,
                "superseded",
                msg.clone(),
            );
            findings.reject(&old.report.pos, &old.raw, "superseded", msg);
        }
        winners.push(winner.report);
    }
    winners
}
