//! The ledgers: `pairings.csv`, `visits.csv`, `problems.csv`.

use std::collections::HashMap;

use super::cells::{RowReader, known_columns, split_list};
use crate::findings::Findings;
use crate::load::Table;
use crate::load::table::ColumnSpec;
use crate::model::{Calendar, Category, Date, Level, Pairing, Problem, Status, UnitTree, Visit};

/// The speech's five research themes.
pub const TOPICS: [&str; 5] = ["产改", "新就业形态", "组织体系", "生活品质", "政治安全"];

/// A unit that pairs with or visits counties: the root, a national body, a province or a prefecture.
fn check_upper(r: &mut RowReader, key: &str, units: &UnitTree) -> Option<usize> {
    let u = r.unit(key, units)?;
    if units.units[u].level == Level::County {
        let unit = &units.units[u];
        r.fail(key, "not-an-upper-unit", format!("`{}` ({}) is a county; expected an upper-level union (national, province or prefecture)", unit.code, unit.name));
        return None;
    }
    Some(u)
}

fn check_county(r: &mut RowReader, key: &str, units: &UnitTree) -> Option<usize> {
    let u = r.unit(key, units)?;
    if units.units[u].level != Level::County {
        let unit = &units.units[u];
        r.fail(
            key,
            "not-a-county",
            format!(
                "`{}` ({}) is a {} unit; expected a county",
                unit.code,
                unit.name,
                unit.level.code()
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
            findings.warning(
                &pos,
                0,
                "repeated-pairing",
                format!(
                    "{} is already paired with {} on line {}; counted once, from the earlier date",
                    units.units[upper].code, units.units[county].code, out[first].pos.line
                ),
            );
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
            findings.warning(
                &unit.pos,
                0,
                "pairing-count",
                format!("national body {} ({}) pairs with {n} counties; the campaign asks for exactly 2", unit.code, unit.name),
            );
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
            .required("mode", "onsite or online (实地/线上)")
            .and_then(|t| match t.to_ascii_lowercase().as_str() {
                "onsite" | "实地" | "实地调研" => Some(true),
                "online" | "线上" | "线上调研" => Some(false),
                _ => {
                    r.fail(
                        "mode",
                        "unknown-mode",
                        format!("unknown mode `{t}`; expected onsite or online (实地/线上)"),
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
        if let Some(first) = seen.get(row.raw.as_str()) {
            findings.warning(
                &pos,
                0,
                "repeated-row",
                format!("this visit repeats line {first} exactly; counted once"),
            );
            continue;
        }
        seen.insert(&row.raw, row.line);
        for t in &topics {
            if !TOPICS.contains(&t.as_str()) {
                findings.warning(
                    &pos,
                    r.col("topics"),
                    "unknown-topic",
                    format!(
                        "topic `{t}` is not one of the five research themes; expected {}",
                        TOPICS.join(", ")
                    ),
                );
            }
        }
        if !calendar.contains_day(date) {
            findings.warning(&pos, r.col("date"), "visit-outside-campaign", format!("the visit on {date} lies outside the campaign ({} to {}); it counts in no period", calendar.first_day(), calendar.last_day()));
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
        let id = r.required("id", "the problem's number");
        let county = check_county(&mut r, "county", units);
        let found_by = match r.get("found_by") {
            "" => None,
            _ => r.unit("found_by", units),
        };
        let found_on = r.date("found_on", today);
        let category = r.required("category", "coordinate, union or self").and_then(|t| {
            let c = parse_category(t);
            if c.is_none() {
                r.fail("category", "unknown-category", format!("unknown category `{t}`; expected coordinate, union or self (需党委政府协调/工会系统资源解决/县级工会自身努力)"));
            }
            c
        });
        let status = r.required("status", "open, in_progress or resolved").and_then(|t| {
            let s = parse_status(t);
            if s.is_none() {
                r.fail("status", "unknown-status", format!("unknown status `{t}`; expected open, in_progress or resolved (待解决/推进中/已销号)"));
            }
            s
        });
        let resolved_text = r.get("resolved_on");
        let resolved_on = match (status, resolved_text.is_empty()) {
            (Some(Status::Resolved), true) => {
                r.fail("resolved_on", "missing-resolved-on", "the problem is resolved but `resolved_on` is empty; expected the date it was resolved");
                None
            }
            (Some(Status::Resolved), false) => r.date_text("resolved_on", resolved_text, today),
            (Some(_), false) => {
                r.fail("resolved_on", "resolved-on-unresolved", format!("`resolved_on` is {resolved_text} but the status is not resolved; expected an empty cell, or status resolved"));
                None
            }
            _ => None,
        };
        if let (Some(found), Some(resolved)) = (found_on, resolved_on)
            && resolved < found
        {
            r.fail("resolved_on", "resolved-before-found", format!("resolved on {resolved}, before it was found on {found}; expected a date on or after found_on"));
        }
        if let Some(id) = id
            && let Some((line, raw)) = ids.get(id)
        {
            if *raw == row.raw {
                findings.warning(
                    &r.pos(),
                    r.col("id"),
                    "repeated-row",
                    format!("this row repeats line {line} exactly; counted once"),
                );
                continue;
            }
            r.fail(
                "id",
                "duplicate-id",
                format!("problem `{id}` is already listed on line {line}; expected unique ids"),
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
