//! The ledgers: `pairings.csv`, `visits.csv`, `problems.csv`.

use std::collections::HashMap;

use super::cells::{RowReader, known_columns, split_list};
use crate::findings::{Code, Findings};
use crate::load::Table;
use crate::load::table::ColumnSpec;
use crate::model::date::chinese;
use crate::model::{Calendar, Category, Date, Level, Pairing, Problem, Status, UnitTree, Visit};

/// The speech's five research themes.
pub const TOPICS: [&str; 5] = ["产改", "新就业形态", "组织体系", "生活品质", "政治安全"];

/// A unit that pairs with or visits counties: the root, a national body, a province or a prefecture.
fn check_upper(r: &mut RowReader, key: &str, units: &UnitTree) -> Option<usize> {
    let u = r.unit(key, units)?;
    if units.units[u].level == Level::County {
        let (code, name) = (&units.units[u].code, &units.units[u].name);
        r.fail(
            key,
            Code::NotAnUpperUnit,
            msg!(
                "`{code}` ({name}) is a county; expected an upper-level union (national, province or prefecture)",
                "“{code}”（{name}）是县级工会；应为上级工会（全国、省级或地市级）"
            ),
        );
        return None;
    }
    Some(u)
}

fn check_county(r: &mut RowReader, key: &str, units: &UnitTree) -> Option<usize> {
    let u = r.unit(key, units)?;
    r.about(u, units);
    if units.units[u].level != Level::County {
        let unit = &units.units[u];
        let (code, name) = (&unit.code, &unit.name);
        let (level, level_zh) = (unit.level.code(), unit.level.chinese());
        r.fail(
            key,
            Code::NotACounty,
            msg!(
                "`{code}` ({name}) is a {level} unit; expected a county",
                "“{code}”（{name}）是{level_zh}单位；应为县级工会"
            ),
        );
        return None;
    }
    Some(u)
}

const PAIRING_SPECS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "upper",
        names: &["联系单位"],
    },
    ColumnSpec {
        key: "county",
        names: &["县", "县级工会"],
    },
    ColumnSpec {
        key: "since",
        names: &["起始日期"],
    },
];

/// Pairings; a pair listed twice counts once, from its earliest `since`.
/// A blank `since` means the pairing holds from the campaign start.
pub fn pairings(
    table: Option<&Table>,
    calendar: &Calendar,
    units: &UnitTree,
    today: Date,
    findings: &mut Findings,
) -> Vec<Pairing> {
    let Some(table) = table else {
        return Vec::new();
    };
    let Some(columns) = known_columns(table, PAIRING_SPECS, &["upper", "county"], findings) else {
        return Vec::new();
    };
    let mut out: Vec<Pairing> = Vec::new();
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    for row in &table.rows {
        let mut r = RowReader::new(table, &columns, row);
        let upper = check_upper(&mut r, "upper", units);
        let county = check_county(&mut r, "county", units);
        let since_text = r.get("since");
        let since = if since_text.is_empty() {
            Some(calendar.first_day())
        } else {
            r.date_text("since", since_text, today)
        };
        let pos = r.pos();
        if !r.settle(findings) {
            continue;
        }
        let (Some(upper), Some(county), Some(since)) = (upper, county, since) else {
            continue;
        };
        if let Some(&first) = seen.get(&(upper, county)) {
            let (u, c, line) = (
                &units.units[upper].code,
                &units.units[county].code,
                out[first].pos.line,
            );
            let (u_name, c_name) = (&units.units[upper].name, &units.units[county].name);
            findings
                .warning(
                    &pos,
                    0,
                    Code::RepeatedPairing,
                    msg!(
                        "{u} is already paired with {c} on line {line}; counted once, from the earlier date",
                        "{u_name}（{u}）与{c_name}（{c}）的对口联系已在第 {line} 行登记；只计一次，从较早的日期算起"
                    ),
                )
                .row(&row.raw)
                .about(c);
            out[first].since = out[first].since.min(since);
            continue;
        }
        seen.insert((upper, county), out.len());
        out.push(Pairing {
            upper,
            county,
            since,
            pos,
        });
    }
    warn_pairing_counts(&out, units, findings);
    out
}

/// The speech: each national body pairs with exactly 2 counties.
fn warn_pairing_counts(pairings: &[Pairing], units: &UnitTree, findings: &mut Findings) {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for p in pairings {
        *counts.entry(p.upper).or_default() += 1;
    }
    for (i, unit) in units.units.iter().enumerate() {
        let is_body = unit.level == Level::National && i != units.root();
        let n = counts.get(&i).copied().unwrap_or(0);
        if is_body && n != 2 {
            let (code, name) = (&unit.code, &unit.name);
            findings
                .warning(
                    &unit.pos,
                    0,
                    Code::PairingCount,
                    msg!(
                        "national body {code} ({name}) pairs with {n} counties; the campaign asks for exactly 2",
                        "全国性单位{name}（{code}）联系了 {n} 个县；专项工作要求每个单位联系 2 个县"
                    ),
                )
                .about(code);
        }
    }
}

const VISIT_SPECS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "upper",
        names: &["联系单位"],
    },
    ColumnSpec {
        key: "county",
        names: &["县", "县级工会"],
    },
    ColumnSpec {
        key: "date",
        names: &["日期"],
    },
    ColumnSpec {
        key: "mode",
        names: &["方式"],
    },
    ColumnSpec {
        key: "topics",
        names: &["主题"],
    },
    ColumnSpec {
        key: "note",
        names: &["备注"],
    },
];

pub fn visits(
    table: Option<&Table>,
    calendar: &Calendar,
    units: &UnitTree,
    today: Date,
    findings: &mut Findings,
) -> Vec<Visit> {
    let Some(table) = table else {
        return Vec::new();
    };
    let Some(columns) = known_columns(
        table,
        VISIT_SPECS,
        &["upper", "county", "date", "mode"],
        findings,
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for row in &table.rows {
        let mut r = RowReader::new(table, &columns, row);
        let upper = check_upper(&mut r, "upper", units);
        let county = check_county(&mut r, "county", units);
        let date = r.date("date", today);
        let onsite = r
            .required("mode", ("onsite or online (实地/线上)", "实地或线上"))
            .and_then(|t| match t.to_ascii_lowercase().as_str() {
                "onsite" | "实地" | "实地调研" => Some(true),
                "online" | "线上" | "线上调研" => Some(false),
                _ => {
                    r.fail(
                        "mode",
                        Code::UnknownMode,
                        msg!(
                            "unknown mode `{t}`; expected onsite or online (实地/线上)",
                            "调研方式“{t}”无法识别；应为实地或线上"
                        ),
                    );
                    None
                }
            });
        let topics = split_list(r.get("topics"));
        let pos = r.pos();
        if !r.settle(findings) {
            continue;
        }
        let (Some(upper), Some(county), Some(date), Some(onsite)) = (upper, county, date, onsite)
        else {
            continue;
        };
        let county_code = &units.units[county].code;
        if let Some(first) = seen.get(row.raw.as_str()) {
            findings
                .warning(
                    &pos,
                    0,
                    Code::RepeatedRow,
                    msg!(
                        "this visit repeats line {first} exactly; counted once",
                        "这条调研记录与第 {first} 行完全相同，只计一次"
                    ),
                )
                .row(&row.raw)
                .about(county_code);
            continue;
        }
        seen.insert(&row.raw, row.line);
        for t in &topics {
            if !TOPICS.contains(&t.as_str()) {
                let (en, zh) = (TOPICS.join(", "), TOPICS.join("、"));
                findings
                    .warning(
                        &pos,
                        r.col("topics"),
                        Code::UnknownTopic,
                        msg!(
                            "topic `{t}` is not one of the five research themes; expected {en}",
                            "主题“{t}”不在五个调研重点之列；应为{zh}"
                        ),
                    )
                    .row(&row.raw)
                    .about(county_code);
            }
        }
        if !calendar.contains_day(date) {
            let (first, last) = (calendar.first_day(), calendar.last_day());
            let (date_zh, first_zh, last_zh) = (chinese(date), chinese(first), chinese(last));
            findings
                .warning(
                    &pos,
                    r.col("date"),
                    Code::VisitOutsideCampaign,
                    msg!(
                        "the visit on {date} lies outside the campaign ({first} to {last}); it counts in no period",
                        "{date_zh}的调研不在专项工作期间（{first_zh}至{last_zh}）内，不计入任何期间"
                    ),
                )
                .row(&row.raw)
                .about(county_code);
        }
        let note = r.get("note").to_string();
        out.push(Visit {
            upper,
            county,
            date,
            onsite,
            topics,
            note,
            pos,
        });
    }
    out
}

const PROBLEM_SPECS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "id",
        names: &["编号"],
    },
    ColumnSpec {
        key: "county",
        names: &["县", "县级工会"],
    },
    ColumnSpec {
        key: "found_by",
        names: &["发现单位"],
    },
    ColumnSpec {
        key: "found_on",
        names: &["发现日期"],
    },
    ColumnSpec {
        key: "category",
        names: &["类别"],
    },
    ColumnSpec {
        key: "title",
        names: &["问题"],
    },
    ColumnSpec {
        key: "measures",
        names: &["措施"],
    },
    ColumnSpec {
        key: "status",
        names: &["状态"],
    },
    ColumnSpec {
        key: "resolved_on",
        names: &["销号日期"],
    },
];

pub fn problems(
    table: Option<&Table>,
    units: &UnitTree,
    today: Date,
    findings: &mut Findings,
) -> Vec<Problem> {
    let Some(table) = table else {
        return Vec::new();
    };
    let Some(columns) = known_columns(
        table,
        PROBLEM_SPECS,
        &["id", "county", "found_on", "category", "status"],
        findings,
    ) else {
        return Vec::new();
    };
    let mut out: Vec<Problem> = Vec::new();
    let mut ids: HashMap<String, (usize, String)> = HashMap::new();
    for row in &table.rows {
        let mut r = RowReader::new(table, &columns, row);
        let id = r.required("id", ("the problem's number", "问题编号"));
        let county = check_county(&mut r, "county", units);
        let found_by = match r.get("found_by") {
            "" => None,
            _ => r.unit("found_by", units),
        };
        let found_on = r.date("found_on", today);
        let categories = (
            "coordinate, union or self",
            "需党委政府协调、工会系统资源解决或县级工会自身努力",
        );
        let category = r.required("category", categories).and_then(|t| {
            let c = parse_category(t);
            if c.is_none() {
                r.fail(
                    "category",
                    Code::UnknownCategory,
                    msg!(
                        "unknown category `{t}`; expected coordinate, union or self (需党委政府协调/工会系统资源解决/县级工会自身努力)",
                        "问题类别“{t}”无法识别；应为需党委政府协调、工会系统资源解决或县级工会自身努力"
                    ),
                );
            }
            c
        });
        let statuses = ("open, in_progress or resolved", "待解决、推进中或已销号");
        let status = r.required("status", statuses).and_then(|t| {
            let s = parse_status(t);
            if s.is_none() {
                r.fail(
                    "status",
                    Code::UnknownStatus,
                    msg!(
                        "unknown status `{t}`; expected open, in_progress or resolved (待解决/推进中/已销号)",
                        "问题状态“{t}”无法识别；应为待解决、推进中或已销号"
                    ),
                );
            }
            s
        });
        let resolved_text = r.get("resolved_on");
        let resolved_header = r.header_zh("resolved_on");
        let resolved_on = match (status, resolved_text.is_empty()) {
            (Some(Status::Resolved), true) => {
                r.fail(
                    "resolved_on",
                    Code::MissingResolvedOn,
                    msg!(
                        "the problem is resolved but `resolved_on` is empty; expected the date it was resolved",
                        "问题已销号，但{resolved_header}为空；应填写销号日期"
                    ),
                );
                None
            }
            (Some(Status::Resolved), false) => r.date_text("resolved_on", resolved_text, today),
            (Some(_), false) => {
                r.fail(
                    "resolved_on",
                    Code::ResolvedOnUnresolved,
                    msg!(
                        "`resolved_on` is {resolved_text} but the status is not resolved; expected an empty cell, or status resolved",
                        "{resolved_header}填了“{resolved_text}”，但问题状态不是已销号；应留空，或把状态改为已销号"
                    ),
                );
                None
            }
            _ => None,
        };
        if let (Some(found), Some(resolved)) = (found_on, resolved_on)
            && resolved < found
        {
            let (resolved_zh, found_zh) = (chinese(resolved), chinese(found));
            r.fail(
                "resolved_on",
                Code::ResolvedBeforeFound,
                msg!(
                    "resolved on {resolved}, before it was found on {found}; expected a date on or after found_on",
                    "销号日期{resolved_zh}早于发现日期{found_zh}；销号日期应不早于发现日期"
                ),
            );
        }
        if let Some(id) = id
            && let Some((line, raw)) = ids.get(id)
        {
            if *raw == row.raw {
                let added = findings
                    .warning(
                        &r.pos(),
                        r.col("id"),
                        Code::RepeatedRow,
                        msg!(
                            "this row repeats line {line} exactly; counted once",
                            "这一行与第 {line} 行完全相同，只计一次"
                        ),
                    )
                    .row(&row.raw);
                if let Some(county) = county {
                    added.about(&units.units[county].code);
                }
                continue;
            }
            r.fail(
                "id",
                Code::DuplicateId,
                msg!(
                    "problem `{id}` is already listed on line {line}; expected unique ids",
                    "问题编号“{id}”已在第 {line} 行使用；每个问题的编号应各不相同"
                ),
            );
        }
        let pos = r.pos();
        let title = r.get("title").to_string();
        let measures = r.get("measures").to_string();
        if !r.settle(findings) {
            continue;
        }
        let (Some(id), Some(county), Some(found_on), Some(category), Some(status)) =
            (id, county, found_on, category, status)
        else {
            continue;
        };
        ids.insert(id.to_string(), (row.line, row.raw.clone()));
        out.push(Problem {
            id: id.to_string(),
            county,
            found_by,
            found_on,
            category,
            title,
            measures,
            status,
            resolved_on,
            pos,
        });
    }
    out
}

fn parse_category(t: &str) -> Option<Category> {
    Some(match t.to_ascii_lowercase().as_str() {
        "coordinate" | "需党委政府协调" | "党委政府协调" => Category::Coordinate,
        "union" | "工会系统资源解决" | "工会系统" => Category::Union,
        "self" | "县级工会自身努力" | "自身努力" => Category::OwnEffort,
        _ => return None,
    })
}

fn parse_status(t: &str) -> Option<Status> {
    Some(match t.to_ascii_lowercase().as_str() {
        "open" | "待解决" => Status::Open,
        "in_progress" | "in progress" | "推进中" => Status::InProgress,
        "resolved" | "已销号" | "已解决" => Status::Resolved,
        _ => return None,
    })
}
