//! `data/reports/**/*.csv` to one winning report per county and reporting period.
//! Duplicate filings: the later `submitted_on` wins as a whole row; identical repeats count
//! once (warning); the same `submitted_on` with different values is an error.

use std::collections::BTreeMap;

use super::cells::{RowReader, columns_or_reject, misspelled_column, parse_value};
use crate::findings::{Code, Findings, Msg};
use crate::load::Table;
use crate::load::table::{Candidate, ColumnSpec, Columns, Row, header_matches, near_miss};
use crate::model::calendar::PeriodError;
use crate::model::date::chinese;
use crate::model::{Calendar, Date, Indicator, Level, Report, UnitTree};

const SPECS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "period",
        names: &["报告期", "期间"],
    },
    ColumnSpec {
        key: "unit",
        names: &["单位代码", "单位"],
    },
    // The county's name, as forms carry it for the person filling them in; not read.
    ColumnSpec {
        key: "name",
        names: &["单位名称", "名称"],
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
    let (kind_en, kind_zh) = (
        calendar.reporting.example(),
        calendar.reporting.example_zh(),
    );
    for row in &table.rows {
        if !filled_in(row) {
            findings.count_unfiled(&table.file);
            continue;
        }
        let mut r = RowReader::new(table, &columns, row);
        let period = r.required("period", (kind_en, kind_zh)).and_then(|text| {
            match calendar.reporting_period(text) {
                Ok(p) => Some(p),
                Err(e) => {
                    let (code, why) = period_error(e, text, calendar);
                    r.fail("period", code, why);
                    None
                }
            }
        });
        let county = r.unit("unit", units).filter(|u| {
            r.about(*u, units);
            let unit = &units.units[*u];
            if unit.level != Level::County {
                let (code, name) = (&unit.code, &unit.name);
                let (level, level_zh) = (unit.level.code(), unit.level.chinese());
                r.fail(
                    "unit",
                    Code::NotACounty,
                    msg!(
                        "`{code}` ({name}) is a {level} unit; reports are filed by counties",
                        "“{code}”（{name}）是{level_zh}单位；报表应由县级工会报送"
                    ),
                );
                return false;
            }
            true
        });
        let submitted_on = if date_col.is_some() && r.get("submitted_on").is_empty() {
            let (header, header_zh) = (r.header("submitted_on"), r.header_zh("submitted_on"));
            r.fail(
                "submitted_on",
                Code::UndatedFiling,
                msg!(
                    "`{header}` is empty, but the row has values; expected the day the county filed, such as 2023-03-05 (a county that did not report leaves its row blank)",
                    "{header_zh}为空，但这一行填了数字；应填写报送日期，如 2023-03-05（本期未报送的县，这一行保持原样即可）"
                ),
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
                    // Headed by its code (`lectures`), the column is named in Chinese too.
                    let (header, name) = (&table.headers[*col], &indicators[*ind].name);
                    let zh = if header_matches(header, name) {
                        format!("“{header}”：")
                    } else {
                        format!("“{header}”（{name}）：")
                    };
                    r.fail_at(col + 1, code, msg.after(&format!("`{header}`: "), &zh))
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
            Some(ind) if found.iter().any(|(i, _)| *i == ind) => {
                let (code, name) = (&indicators[ind].code, &indicators[ind].name);
                findings.error(
                    &header_pos,
                    col + 1,
                    Code::DuplicateColumn,
                    msg!(
                        "column `{header}` repeats indicator `{code}`; expected each indicator once",
                        "“{header}”列与指标“{name}”重复；每个指标只应有一列"
                    ),
                );
            }
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
            None => {
                let header = &table.headers[col];
                findings.warning(
                    &header_pos,
                    col + 1,
                    Code::UnknownColumn,
                    msg!(
                        "column `{header}` is not an indicator of data/indicators.csv and is ignored; expected 报告期, 单位代码, 报送日期 or an indicator's name or code",
                        "“{header}”列不是 data/indicators.csv 中的指标，未读取；应为报告期、单位代码、报送日期或某个指标的名称、代码"
                    ),
                );
            }
        }
    }
    (found, misspelled)
}

/// Why a period cannot be reported for: its code and message.
fn period_error(e: PeriodError, text: &str, calendar: &Calendar) -> (Code, Msg) {
    let (kind_en, kind_zh) = (
        calendar.reporting.example(),
        calendar.reporting.example_zh(),
    );
    match e {
        PeriodError::NotAPeriod => (
            Code::BadPeriod,
            msg!(
                "`{text}` is not a period; expected {kind_en}",
                "“{text}”不是报告期；应为{kind_zh}"
            ),
        ),
        PeriodError::WrongKind(k) => {
            let kind = k.chinese();
            (
                Code::WrongPeriodKind,
                msg!(
                    "`{text}` is a {kind} period; reports are filed for {kind_en}",
                    "“{text}”是{kind}期间；报表应按{kind_zh}报送"
                ),
            )
        }
        PeriodError::OutsideCampaign => {
            let (first, last) = (first_id(calendar), last_id(calendar));
            (
                Code::PeriodOutsideCampaign,
                msg!(
                    "`{text}` lies outside the campaign; expected {kind_en} between {first} and {last}",
                    "“{text}”不在专项工作期间内；应为 {first} 至 {last} 之间的{kind_zh}"
                ),
            )
        }
    }
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
                    Some(d) => {
                        let (file, line) = (&group[*d].report.pos.file, group[*d].report.pos.line);
                        findings
                            .warning(
                                &group[j].report.pos,
                                0,
                                Code::RepeatedRow,
                                msg!(
                                    "this filing repeats {file}:{line} exactly; counted once",
                                    "这份报表与 {file} 第 {line} 行完全相同，只计一次"
                                ),
                            )
                            .row(&group[j].raw)
                            .about(&units.units[county].code);
                    }
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
                let (code, name) = (&units.units[county].code, &units.units[county].name);
                let (id, day_zh) = (&calendar.periods[period].id, chinese(day));
                let (en, zh) = (lines.join(", "), lines.join("、"));
                for d in &distinct {
                    let f = &group[*d];
                    let msg = msg!(
                        "{code} filed {id} twice on {day} with different values ({en}); expected one filing per day, or a later correction",
                        "{name}（{code}）{day_zh}报送了两份 {id} 的报表，数字不同（{zh}）；同一天只应报送一份，如需更正请另日重报"
                    );
                    findings.settle_row(
                        &f.report.pos,
                        &f.raw,
                        vec![(0, Code::ConflictingFilings, msg)],
                        Some(code),
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
            let (day, file, line) = (
                winner.report.submitted_on,
                &winner.report.pos.file,
                winner.report.pos.line,
            );
            let day_zh = chinese(day);
            let msg = msg!(
                "superseded by the filing of {day} at {file}:{line}",
                "已被{day_zh}报送的报表（{file} 第 {line} 行）取代"
            );
            findings
                .info(&old.report.pos, 0, Code::Superseded, msg.clone())
                .row(&old.raw)
                .about(&units.units[county].code);
            findings.reject(&old.report.pos, &old.raw, Code::Superseded, msg);
        }
        winners.push(winner.report);
    }
    winners
}
