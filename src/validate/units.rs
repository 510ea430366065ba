//! `data/units.csv` to the unit tree: codes unique, one national root, every parent present
//! and of a fitting level.

use std::collections::{HashMap, VecDeque};

use super::cells::{RowReader, known_columns};
use crate::findings::{Code, Findings, Msg, Pos};
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
            Code::MissingFile,
            msg!(
                "data/units.csv is missing; expected the list of unions (code,name,level,parent,region,kind), as `countyboard init DIR --province 13` writes it with a province's real units",
                "缺少单位表 data/units.csv；应有各级工会的名单（代码、名称、级别、上级、地区、类型），可用 countyboard init DIR --province 13 生成某省的真实单位"
            ),
        );
        return None;
    };
    let columns = known_columns(table, SPECS, &["code", "name", "level", "parent"], findings)?;

    let mut candidates: Vec<Candidate> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let mut r = RowReader::new(table, &columns, row);
        let code = r.required("code", ("the unit's code", "单位代码"));
        let name = r.required("name", ("the unit's name", "单位名称"));
        let level = r
            .required(
                "level",
                (
                    "national, province, prefecture or county",
                    "全国、省级、地市级或县级",
                ),
            )
            .and_then(|t| {
                let level = Level::parse(t);
                if level.is_none() {
                    r.fail(
                        "level",
                        Code::UnknownLevel,
                        msg!(
                            "unknown level `{t}`; expected national, province, prefecture or county (全国/省级/地市级/县级)",
                            "级别“{t}”无法识别；应为全国、省级、地市级或县级"
                        ),
                    );
                }
                level
            });
        let region_text = r.get("region");
        let region = Region::parse(region_text);
        if !region_text.is_empty() && region.is_none() {
            r.fail(
                "region",
                Code::UnknownRegion,
                msg!(
                    "unknown region `{region_text}`; expected east, central or west (东部/中部/西部)",
                    "地区“{region_text}”无法识别；应为东部、中部或西部"
                ),
            );
        }
        let kind_text = r.get("kind");
        if !kind_text.is_empty() && !COUNTY_KINDS.contains(&kind_text) {
            r.fail(
                "kind",
                Code::UnknownKind,
                msg!(
                    "unknown county kind `{kind_text}`; expected 县, 县级市, 市辖区 or 其他",
                    "县的类型“{kind_text}”无法识别；应为县、县级市、市辖区或其他"
                ),
            );
        }
        if let Some(code) = code
            && let Some(first) = by_code.get(code)
        {
            let first = &candidates[*first];
            let line = first.unit.pos.line;
            if first.raw == row.raw {
                findings
                    .warning(
                        &r.pos(),
                        r.col("code"),
                        Code::RepeatedRow,
                        msg!(
                            "this row repeats line {line} exactly; counted once",
                            "这一行与第 {line} 行完全相同，只计一次"
                        ),
                    )
                    .row(&row.raw)
                    .about(code);
                continue;
            }
            r.fail(
                "code",
                Code::DuplicateCode,
                msg!(
                    "code `{code}` is already used on line {line}; expected unique codes",
                    "代码“{code}”已在第 {line} 行使用；每个单位的代码应各不相同"
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
            Some(earlier) => {
                let (name, code, parent) = (&c.unit.name, &c.unit.code, &c.parent_code);
                let (line, first_line, first_code) =
                    (c.unit.pos.line, earlier.unit.pos.line, &earlier.unit.code);
                findings
                    .warning(
                        &c.unit.pos,
                        c.name_col,
                        Code::RepeatedCounty,
                        msg!(
                            "county `{name}` ({code}) under `{parent}` is already listed on line {first_line} as `{first_code}`; expected each county once (a county listed twice is owed reports twice and lowers every rate): delete one of lines {first_line} and {line}, or give it its own name",
                            "上级“{parent}”下的县“{name}”（{code}）已在第 {first_line} 行以代码“{first_code}”列出；每个县只应列一次（重复的县要报送两次报表，会拉低各项比率）：请删去第 {first_line} 行或第 {line} 行，或改为它自己的名称"
                        ),
                    )
                    .row(&c.raw)
                    .about(code);
            }
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
                let root = &candidates[root.unwrap_or(0)].unit.code;
                msg!(
                    "a second national root; the root is `{root}`; expected its code as `parent`",
                    "全国级单位只能有一个，已有“{root}”；应在“上级”中填写它的代码"
                )
            } else {
                let (level, level_zh, code) = (u.level.code(), u.level.chinese(), &u.code);
                let (above, above_zh) = parent_levels(u.level);
                msg!(
                    "{level} `{code}` has no parent; expected the code of its {above}",
                    "{level_zh}单位“{code}”没有填写上级；应填写其{above_zh}的代码"
                )
            };
            reject_unit(c, Code::MissingParent, why, findings);
            ok[i] = false;
            continue;
        }
        let Some(&p) = by_code.get(&c.parent_code) else {
            let parent = &c.parent_code;
            let (above, above_zh) = parent_levels(u.level);
            let why = msg!(
                "parent `{parent}` is not in data/units.csv; expected the code of its {above}",
                "上级“{parent}”不在 data/units.csv 中；应填写其{above_zh}的代码"
            );
            reject_unit(c, Code::MissingParent, why, findings);
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
            let parent = &c.parent_code;
            let (p_level, p_level_zh) = (parent_level.code(), parent_level.chinese());
            let (level, level_zh) = (u.level.code(), u.level.chinese());
            let (above, above_zh) = parent_levels(u.level);
            let why = msg!(
                "parent `{parent}` is a {p_level} unit; a {level} unit hangs under its {above}",
                "上级“{parent}”是{p_level_zh}单位；{level_zh}单位的上级应为{above_zh}"
            );
            reject_unit(c, Code::BadParent, why, findings);
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
            Code::NoRoot,
            msg!(
                "no national root; expected one unit of level national with an empty parent",
                "单位表中没有全国总工会；应有一个级别为全国、上级为空的单位"
            ),
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
            let parent = &c.parent_code;
            let why = msg!(
                "parent `{parent}` was rejected, so this unit cannot be placed; fix its parent first",
                "上级“{parent}”有误未计入，这个单位无法归属；请先改正其上级"
            );
            reject_unit(c, Code::MissingParent, why, findings);
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

/// What a unit of this level hangs under, in English and in Chinese.
fn parent_levels(level: Level) -> (&'static str, &'static str) {
    match level {
        Level::National | Level::Province => ("national root", "全国总工会"),
        Level::Prefecture => ("province", "省级单位"),
        Level::County => ("prefecture or province", "地市级或省级单位"),
    }
}

fn reject_unit(c: &Candidate, code: Code, why: Msg, findings: &mut Findings) {
    findings.settle_row(&c.unit.pos, &c.raw, vec![(c.parent_col, code, why)], None);
}
