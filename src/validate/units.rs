//! `data/units.csv` to the unit tree: codes unique, one national root, every parent present
//! and of a fitting level.

use std::collections::{HashMap, VecDeque};

use super::cells::{RowReader, known_columns};
use crate::findings::{Findings, Pos};
use crate::load::Table;
use crate::load::table::ColumnSpec;
use crate::model::units::{COUNTY_KINDS, Level, Region, Unit, UnitTree, county_kind_from_name};

pub const FILE: &str = "data/units.csv";

const SPECS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "code",
        names: &["代码"],
    },
    ColumnSpec {
        key: "name",
        names: &["名称"],
    },
    ColumnSpec {
        key: "level",
        names: &["级别"],
    },
    ColumnSpec {
        key: "parent",
        names: &["上级"],
    },
    ColumnSpec {
        key: "region",
        names: &["地区"],
    },
    ColumnSpec {
        key: "kind",
        names: &["类型"],
    },
];

struct Candidate {
    unit: Unit,
    parent_code: String,
    raw: String,
    parent_col: usize,
    name_col: usize,
}

pub fn validate(table: Option<&Table>, findings: &mut Findings) -> Option<UnitTree> {
    let Some(table) = table else {
        findings.error(
            &Pos { file: FILE.to_string(), line: 0 },
            0,
            "missing-file",
            "data/units.csv is missing; expected the list of unions (code,name,level,parent,region,kind), as `countyboard init DIR --province 13` writes it with a province's real units",
        );
        return None;
    };
    let columns = known_columns(table, SPECS, &["code", "name", "level", "parent"], findings)?;

    let mut candidates: Vec<Candidate> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let mut r = RowReader::new(table, &columns, row);
        let code = r.required("code", "the unit's code");
        let name = r.required("name", "the unit's name");
        let level = r.required("level", "national, province, prefecture or county").and_then(|t| {
            let level = Level::parse(t);
            if level.is_none() {
                r.fail("level", "unknown-level", format!("unknown level `{t}`; expected national, province, prefecture or county (全国/省级/地市级/县级)"));
            }
            level
        });
        let region_text = r.get("region");
        let region = Region::parse(region_text);
        if !region_text.is_empty() && region.is_none() {
            r.fail("region", "unknown-region", format!("unknown region `{region_text}`; expected east, central or west (东部/中部/西部)"));
        }
        let kind_text = r.get("kind");
        if !kind_text.is_empty() && !COUNTY_KINDS.contains(&kind_text) {
            r.fail(
                "kind",
                "unknown-kind",
                format!("unknown county kind `{kind_text}`; expected 县, 县级市, 市辖区 or 其他"),
            );
        }
        if let Some(code) = code
            && let Some(first) = by_code.get(code)
        {
            let first = &candidates[*first];
            if first.raw == row.raw {
                findings.warning(
                    &r.pos(),
                    r.col("code"),
                    "repeated-row",
                    format!(
                        "this row repeats line {} exactly; counted once",
                        first.unit.pos.line
                    ),
                );
                continue;
            }
            r.fail(
                "code",
                "duplicate-code",
                format!(
                    "code `{code}` is already used on line {}; expected unique codes",
                    first.unit.pos.line
                ),
            );
        }
        let pos = r.pos();
        let parent_col = r.col("parent");
        let name_col = r.col("name");
        let parent_code = r.get("parent").to_string();
        if !r.settle(findings) {
            continue;
        }
        let (Some(code), Some(name), Some(level)) = (code, name, level) else {
            continue;
        };
        let kind = match level {
            Level::County if kind_text.is_empty() => county_kind_from_name(name).to_string(),
            Level::County => kind_text.to_string(),
            _ => String::new(),
        };
        by_code.insert(code.to_string(), candidates.len());
        candidates.push(Candidate {
            unit: Unit {
                code: code.to_string(),
                name: name.to_string(),
                level,
                parent: None,
                region,
                kind,
                children: Vec::new(),
                pos,
            },
            parent_code,
            raw: row.raw.clone(),
            parent_col,
            name_col,
        });
    }
    if columns.lacking.is_some() {
        // Every row is set aside already: no tree to link, and no second finding about it.
        return None;
    }
    warn_repeated_counties(&candidates, findings);
    link(candidates, &by_code, findings)
}

/// A county listed again under another code (same name, same parent) is a phantom that
/// lowers every rate: a warning on the later line, naming both.
fn warn_repeated_counties(candidates: &[Candidate], findings: &mut Findings) {
    let mut first: HashMap<(&str, &str), &Candidate> = HashMap::new();
    for c in candidates.iter().filter(|c| c.unit.level == Level::County) {
        let key = (c.parent_code.as_str(), c.unit.name.as_str());
        match first.get(&key) {
            Some(earlier) => findings.warning(
                &c.unit.pos,
                c.name_col,
                "repeated-county",
                format!(
                    "county `{}` ({}) under `{}` is already listed on line {} as `{}`; expected each county once (a county listed twice is owed reports twice and lowers every rate): delete one of lines {} and {}, or give it its own name",
                    c.unit.name, c.unit.code, c.parent_code, earlier.unit.pos.line, earlier.unit.code, earlier.unit.pos.line, c.unit.pos.line
                ),
            ),
            None => {
                first.insert(key, c);
            }
        }
    }
}

/// Checks roots and parents, then keeps the units reachable from the one root.
fn link(
    candidates: Vec<Candidate>,
    by_code: &HashMap<String, usize>,
    findings: &mut Findings,
) -> Option<UnitTree> {
    let mut root = None;
    let mut parents: Vec<Option<usize>> = vec![None; candidates.len()];
    let mut ok = vec![true; candidates.len()];
    for (i, c) in candidates.iter().enumerate() {
        let u = &c.unit;
        if c.parent_code.is_empty() {
            if u.level == Level::National && root.is_none() {
                root = Some(i);
                continue;
            }
            let why = if u.level == Level::National {
                format!(
                    "a second national root; the root is `{}`; expected its code as `parent`",
                    candidates[root.unwrap_or(0)].unit.code
                )
            } else {
                format!(
                    "{} `{}` has no parent; expected the code of its {}",
                    u.level.code(),
                    u.code,
                    parent_levels(u.level)
                )
            };
            reject_unit(c, "missing-parent", why, findings);
            ok[i] = false;
            continue;
        }
        let Some(&p) = by_code.get(&c.parent_code) else {
            let why = format!(
                "parent `{}` is not in data/units.csv; expected the code of its {}",
                c.parent_code,
                parent_levels(u.level)
            );
            reject_unit(c, "missing-parent", why, findings);
            ok[i] = false;
            continue;
        };
        let parent_level = candidates[p].unit.level;
        let fits = match u.level {
            Level::National | Level::Province => {
                parent_level == Level::National && candidates[p].parent_code.is_empty()
            }
            Level::Prefecture => parent_level == Level::Province,
            Level::County => matches!(parent_level, Level::Province | Level::Prefecture),
        };
        if !fits {
            let why = format!(
                "parent `{}` is a {} unit; a {} unit hangs under its {}",
                c.parent_code,
                parent_level.code(),
                u.level.code(),
                parent_levels(u.level)
            );
            reject_unit(c, "bad-parent", why, findings);
            ok[i] = false;
            continue;
        }
        parents[i] = Some(p);
    }
    let Some(root) = root else {
        findings.error(
            &Pos {
                file: FILE.to_string(),
                line: 0,
            },
            0,
            "no-root",
            "no national root; expected one unit of level national with an empty parent",
        );
        return None;
    };
    // Walk down from the root; a unit not reached hangs under a rejected unit.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); candidates.len()];
    for (i, p) in parents.iter().enumerate() {
        if let (Some(p), true) = (p, ok[i]) {
            children[*p].push(i);
        }
    }
    let mut reached = vec![false; candidates.len()];
    let mut queue = VecDeque::from([root]);
    while let Some(u) = queue.pop_front() {
        reached[u] = true;
        queue.extend(children[u].iter().copied());
    }
    for (i, c) in candidates.iter().enumerate() {
        if ok[i] && !reached[i] {
            let why = format!(
                "parent `{}` was rejected, so this unit cannot be placed; fix its parent first",
                c.parent_code
            );
            reject_unit(c, "missing-parent", why, findings);
        }
    }
    let keep: Vec<usize> = (0..candidates.len()).filter(|i| reached[*i]).collect();
    let mut new_index = vec![usize::MAX; candidates.len()];
    for (n, old) in keep.iter().enumerate() {
        new_index[*old] = n;
    }
    let kept_parents: Vec<Option<usize>> = keep
        .iter()
        .map(|i| parents[*i].map(|p| new_index[p]))
        .collect();
    let mut units: Vec<Unit> = Vec::with_capacity(keep.len());
    let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    for old in &keep {
        if let Some(c) = slots[*old].take() {
            units.push(c.unit);
        }
    }
    inherit_regions(&mut units, &kept_parents);
    Some(UnitTree::build(units, kept_parents, new_index[root]))
}

/// Prefectures and counties with a blank region take their province's.
fn inherit_regions(units: &mut [Unit], parents: &[Option<usize>]) {
    for i in 0..units.len() {
        let mut at = i;
        while units[i].region.is_none() {
            match parents[at] {
                Some(p) if units[p].level != Level::National => {
                    units[i].region = units[p].region;
                    at = p;
                }
                _ => break,
            }
        }
    }
}

fn parent_levels(level: Level) -> &'static str {
    match level {
        Level::National | Level::Province => "national root",
        Level::Prefecture => "province",
        Level::County => "prefecture or province",
    }
}

fn reject_unit(c: &Candidate, code: &'static str, why: String, findings: &mut Findings) {
    findings.settle_row(&c.unit.pos, &c.raw, vec![(c.parent_col, code, why)]);
}
