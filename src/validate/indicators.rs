//! `data/indicators.csv` to indicator definitions; the project's defaults when the file is absent.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::cells::{RowReader, known_columns, parse_value};
use crate::findings::{Code, Findings};
use crate::load::Table;
use crate::load::table::{ColumnSpec, parse_csv};
use crate::model::{Indicator, Pillar, Strength, TimeAgg, UnitAgg};

pub const DEFAULT_INDICATORS: &str = include_str!("../../assets/indicators.csv");

/// Column codes of a report file: no indicator may take these.
pub const RESERVED: [&str; 3] = ["period", "unit", "submitted_on"];

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
        key: "pillar",
        names: &["框架", "支柱", "一二三四五"],
    },
    ColumnSpec {
        key: "item",
        names: &["事项", "项目"],
    },
    ColumnSpec {
        key: "time_agg",
        names: &["时间汇总", "期间汇总"],
    },
    ColumnSpec {
        key: "unit_agg",
        names: &["单位汇总", "汇总方式"],
    },
    ColumnSpec {
        key: "measure",
        names: &["计量单位", "单位"],
    },
    ColumnSpec {
        key: "target",
        names: &["目标", "目标值"],
    },
    ColumnSpec {
        key: "description",
        names: &["说明", "描述"],
    },
];

pub fn validate(table: Option<&Table>, findings: &mut Findings) -> Vec<Indicator> {
    match table {
        Some(t) => from_table(t, findings),
        None => {
            let table = parse_csv(
                "data/indicators.csv (default)",
                DEFAULT_INDICATORS,
                findings,
            );
            from_table(&table, findings)
        }
    }
}

fn from_table(table: &Table, findings: &mut Findings) -> Vec<Indicator> {
    let Some(columns) = known_columns(
        table,
        SPECS,
        &["code", "name", "pillar", "time_agg", "unit_agg"],
        findings,
    ) else {
        return Vec::new();
    };
    let mut out: Vec<Indicator> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let mut r = RowReader::new(table, &columns, row);
        let code = r.required(
            "code",
            ("a short code such as lectures", "简短的代码，如 lectures"),
        );
        let name = r.required(
            "name",
            (
                "the Chinese name used as a column header",
                "用作报表列名的中文名称",
            ),
        );
        for (key, text) in [("code", code), ("name", name)] {
            let Some(text) = text else { continue };
            let header = r.header_zh(key);
            if RESERVED.iter().any(|k| k.eq_ignore_ascii_case(text)) {
                r.fail(
                    key,
                    Code::ReservedCode,
                    msg!(
                        "`{text}` is a fixed report column; expected another {key}",
                        "“{text}”是报表的固定列；{header}应换一个"
                    ),
                );
            }
            if let Some(line) = seen.get(text) {
                r.fail(
                    key,
                    Code::DuplicateCode,
                    msg!(
                        "`{text}` is already used on line {line}; expected each code and name once",
                        "“{text}”已在第 {line} 行使用；每个代码和名称只应出现一次"
                    ),
                );
            }
        }
        let pillars = "一条主线, 两个结合, 三个下沉, 四项任务 or 五强";
        let pillars_zh = "一条主线、两个结合、三个下沉、四项任务或五强";
        let pillar = r.required("pillar", (pillars, pillars_zh)).and_then(|t| {
            let p = Pillar::parse(t);
            if p.is_none() {
                r.fail(
                    "pillar",
                    Code::UnknownPillar,
                    msg!(
                        "unknown pillar `{t}`; expected {pillars}",
                        "框架“{t}”无法识别；应为{pillars_zh}"
                    ),
                );
            }
            p
        });
        let item = r.get("item").to_string();
        let strength = Strength::parse(&item);
        if pillar == Some(Pillar::FiveStrengths) && strength.is_none() {
            r.fail(
                "item",
                Code::UnknownStrength,
                msg!(
                    "item `{item}` is not one of the 五强; expected 政治引领强, 组织功能强, 服务阵地强, 制度机制强 or 作用发挥强",
                    "事项“{item}”不是“五强”之一；应为政治引领强、组织功能强、服务阵地强、制度机制强或作用发挥强"
                ),
            );
        }
        let time_agg = r
            .required("time_agg", ("sum or last", "累计（sum）或期末（last）"))
            .and_then(|t| {
                let a = match t.to_ascii_lowercase().as_str() {
                    "sum" | "累计" | "求和" => Some(TimeAgg::Sum),
                    "last" | "期末" | "最新" => Some(TimeAgg::Last),
                    _ => None,
                };
                if a.is_none() {
                    r.fail(
                        "time_agg",
                        Code::UnknownAggregation,
                        msg!(
                            "unknown time_agg `{t}`; expected sum (a flow) or last (a stock)",
                            "时间汇总方式“{t}”无法识别；应为累计（sum，流量）或期末（last，存量）"
                        ),
                    );
                }
                a
            });
        let unit_agg = r
            .required(
                "unit_agg",
                (
                    "sum, mean or share",
                    "求和（sum）、平均（mean）或占比（share）",
                ),
            )
            .and_then(|t| {
                let a = match t.to_ascii_lowercase().as_str() {
                    "sum" | "求和" | "合计" => Some(UnitAgg::Sum),
                    "mean" | "平均" | "均值" => Some(UnitAgg::Mean),
                    "share" | "占比" | "比例" => Some(UnitAgg::Share),
                    _ => None,
                };
                if a.is_none() {
                    r.fail(
                    "unit_agg",
                    Code::UnknownAggregation,
                    msg!(
                        "unknown unit_agg `{t}`; expected sum, mean or share",
                        "单位汇总方式“{t}”无法识别；应为求和（sum）、平均（mean）或占比（share）"
                    ),
                );
                }
                a
            });
        let measure = r.get("measure").to_string();
        let yes_no = matches!(measure.as_str(), "是/否" | "是否" | "是／否");
        let target_text = r.get("target");
        let target: Option<Decimal> = match parse_value(target_text, yes_no) {
            Ok(t) => t,
            Err((code, msg)) => {
                let header = r.header_zh("target");
                r.fail(
                    "target",
                    code,
                    msg.after("target: ", &format!("{header}：")),
                );
                None
            }
        };
        let description = r.get("description").to_string();
        let pos = r.pos();
        if !r.settle(findings) {
            continue;
        }
        let (Some(code), Some(name), Some(pillar), Some(time_agg), Some(unit_agg)) =
            (code, name, pillar, time_agg, unit_agg)
        else {
            continue;
        };
        seen.insert(code.to_string(), row.line);
        seen.insert(name.to_string(), row.line);
        out.push(Indicator {
            code: code.to_string(),
            name: name.to_string(),
            pillar,
            item,
            strength: if pillar == Pillar::FiveStrengths {
                strength
            } else {
                None
            },
            time_agg,
            unit_agg,
            measure,
            yes_no,
            target,
            pos: pos.clone(),
            description,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_set_is_valid_and_covers_every_strength() {
        let mut f = Findings::default();
        let list = validate(None, &mut f);
        assert!(f.list.is_empty(), "{:?}", f.list);
        assert!(list.len() >= 20);
        for s in Strength::ALL {
            assert!(
                list.iter()
                    .any(|i| i.strength_target().is_some_and(|(t, _)| t == s)),
                "{s:?}"
            );
        }
    }
}
