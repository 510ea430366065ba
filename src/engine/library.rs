//! The good-practice library's catalogue: each write-up's filter values (framework item, topic,
//! region, level, promotion, year, and the places it comes from) and every value with the
//! write-ups that hold it, so each filter page and count reads one list.

pub mod places;

use std::collections::{BTreeMap, HashMap};

use crate::model::{Level, Model, Pillar, Strength};

/// Filter groups: (code, Chinese name); the last three are places (see `places`).
pub const GROUPS: [(&str, &str); 9] = [
    ("tag", "框架"),
    ("topic", "主题"),
    ("region", "地区"),
    ("level", "单位层级"),
    ("promotion", "推广范围"),
    ("year", "年份"),
    ("province", "省份"),
    ("prefecture", "地市"),
    ("unit", "县（市、区）"),
];

#[derive(Clone, Debug, Default)]
pub struct Library {
    /// Every write-up in the library (model order: newest first).
    pub total: usize,
    /// Each write-up's values, as (group, value).
    pub per_doc: Vec<Vec<(usize, String)>>,
    /// Every (group, value) in display order, with its write-ups.
    pub values: Vec<(usize, String, Vec<usize>)>,
    /// The write-ups holding each value.
    pub docs_of: HashMap<(usize, String), Vec<usize>>,
}

impl Library {
    /// The values of one group (`values` is sorted by group first).
    pub fn in_group(&self, group: usize) -> &[(usize, String, Vec<usize>)] {
        let from = self.values.partition_point(|(g, _, _)| *g < group);
        let to = self.values.partition_point(|(g, _, _)| *g <= group);
        &self.values[from..to]
    }

    pub fn new(m: &Model) -> Library {
        let mut per_doc = Vec::with_capacity(m.practices.len());
        let mut index: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
        for (i, p) in m.practices.iter().enumerate() {
            let unit = &m.units.units[p.unit];
            let mut vals: Vec<(usize, String)> = Vec::new();
            for tag in &p.tags {
                let pillar = tag.split('/').next().unwrap_or(tag).trim();
                if Pillar::parse(pillar).is_some() && pillar != tag {
                    vals.push((0, pillar.to_string()));
                }
                vals.push((0, tag.clone()));
            }
            vals.extend(p.topics.iter().map(|t| (1, t.clone())));
            let region = if unit.level == Level::National {
                "全国"
            } else {
                unit.region.map_or("未标注", |r| r.chinese())
            };
            vals.push((2, region.to_string()));
            let level = if unit.level == Level::National {
                "全国"
            } else {
                unit.level.chinese()
            };
            vals.push((3, level.to_string()));
            vals.push((4, p.promotion.map_or("未标注", |x| x.chinese()).to_string()));
            vals.push((5, format!("{}年", p.date.year())));
            vals.extend(places::values(m, p.unit));
            vals.sort();
            vals.dedup();
            for v in &vals {
                index.entry(v.clone()).or_default().push(i);
            }
            per_doc.push(vals);
        }
        let mut values: Vec<(usize, String, Vec<usize>)> = index
            .into_iter()
            .map(|((g, v), docs)| (g, v, docs))
            .collect();
        values.sort_by_cached_key(|(g, v, _)| (*g, order_of(*g, v), v.clone()));
        let docs_of = values
            .iter()
            .map(|(g, v, d)| ((*g, v.clone()), d.clone()))
            .collect();
        Library {
            total: m.practices.len(),
            per_doc,
            values,
            docs_of,
        }
    }
}

/// Values in the order people expect: 一二三四五 and the five strengths in the speech's
/// order, regions east to west, levels and promotion from the widest.
fn order_of(group: usize, value: &str) -> usize {
    let position = |list: &[&str]| list.iter().position(|x| *x == value).unwrap_or(list.len());
    match group {
        0 => {
            let (pillar, item) = value.split_once('/').unwrap_or((value, ""));
            let p = Pillar::ALL
                .iter()
                .position(|(_, n)| *n == pillar)
                .unwrap_or(5);
            let i = Strength::parse(item)
                .map_or(if item.is_empty() { 0 } else { 9 }, |s| s as usize + 1);
            p * 10 + i
        }
        2 => position(&["全国", "东部", "中部", "西部"]),
        3 => position(&["全国", "省级", "地市级", "县级"]),
        4 => position(&["全国推广", "全省推广", "市域推广", "县域推广"]),
        _ => 0,
    }
}
