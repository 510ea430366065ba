//! A unit list of real divisions: the national root, bodies of the national federation, and the
//! provinces, prefectures and counties of the chosen provinces.

use std::fmt::Write;

use super::{counties, is_pseudo_prefecture, prefectures, provinces, region_of};

pub const ROOT: &str = "100000";

/// Bodies of the national federation that pair with counties (the speech: 2 counties each).
pub const NATIONAL_BODIES: &[&str] = &[
    "全总办公厅",
    "全总组织部",
    "全总宣传教育部",
    "全总基层工作部",
    "全总权益保障部",
    "全总经济工作部",
    "全总法律工作部",
    "全总财务部",
    "全总资产监督管理部",
    "全总女职工部",
    "全总研究室",
    "全总网络工作部",
    "中国教科文卫体工会",
    "中国能源化学地质工会",
    "中国机械冶金建材工会",
    "中国国防邮电工会",
    "中国财贸轻纺烟草工会",
    "中国农林水利气象工会",
    "中国海员建设工会",
    "中国金融工会",
    "全总干部学校",
    "中国工运研究所",
    "中国职工对外交流中心",
    "工人日报社",
    "中国工人出版社",
    "全总文工团",
    "中国职工保险互助会",
    "全国总工会职工服务中心",
    "全总机关服务中心",
    "中国劳动关系学院",
];

pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub level: &'static str,
    pub parent: String,
    pub region: &'static str,
}

pub struct World {
    pub units: Vec<UnitRow>,
    pub bodies: Vec<usize>,
    pub provinces: Vec<usize>,
    pub prefectures: Vec<usize>,
    pub counties: Vec<usize>,
    /// For each unit: index of its province (itself for a province); `None` for national units.
    pub province_of: Vec<Option<usize>>,
    /// For each unit: index of its parent.
    pub parent_of: Vec<Option<usize>>,
}

impl World {
    /// The real units of the given provinces (all when `None`), with `bodies` national bodies.
    pub fn of(wanted: Option<&[String]>, bodies: usize) -> World {
        let keep = |p: &str| wanted.is_none_or(|w| w.iter().any(|x| x == p));
        let mut w = World {
            units: Vec::new(),
            bodies: Vec::new(),
            provinces: Vec::new(),
            prefectures: Vec::new(),
            counties: Vec::new(),
            province_of: Vec::new(),
            parent_of: Vec::new(),
        };
        w.add(ROOT, "中华全国总工会", "national", None, "", None);
        for (i, name) in NATIONAL_BODIES.iter().take(bodies).enumerate() {
            let u = w.add(
                &format!("N{:02}", i + 1),
                name,
                "national",
                Some(0),
                "",
                None,
            );
            w.bodies.push(u);
        }
        let mut index_of = std::collections::HashMap::new();
        for p in provinces().iter().filter(|p| keep(p.code)) {
            let u = w.add(p.code, p.name, "province", Some(0), region_of(p.code), None);
            w.province_of[u] = Some(u);
            w.provinces.push(u);
            index_of.insert(p.code, u);
        }
        for p in prefectures()
            .iter()
            .filter(|p| keep(p.province) && !is_pseudo_prefecture(p))
        {
            let prov = index_of[p.province];
            let u = w.add(p.code, p.name, "prefecture", Some(prov), "", Some(prov));
            w.prefectures.push(u);
            index_of.insert(p.code, u);
        }
        for c in counties().iter().filter(|c| keep(c.province)) {
            let prov = index_of[c.province];
            let parent = index_of.get(c.prefecture).copied().unwrap_or(prov);
            let u = w.add(c.code, c.name, "county", Some(parent), "", Some(prov));
            w.counties.push(u);
        }
        w
    }

    fn add(
        &mut self,
        code: &str,
        name: &str,
        level: &'static str,
        parent: Option<usize>,
        region: &'static str,
        province: Option<usize>,
    ) -> usize {
        let parent_code = parent.map_or(String::new(), |p| self.units[p].code.clone());
        self.units.push(UnitRow {
            code: code.to_string(),
            name: name.to_string(),
            level,
            parent: parent_code,
            region,
        });
        self.province_of.push(province);
        self.parent_of.push(parent);
        self.units.len() - 1
    }

    pub fn units_csv(&self) -> String {
        let mut out = String::from("code,name,level,parent,region,kind\n");
        for u in &self.units {
            let _ = writeln!(
                out,
                "{},{},{},{},{},",
                u.code,
                quoted(&u.name),
                u.level,
                u.parent,
                u.region
            );
        }
        out
    }

    /// Counties whose parent is `unit`, or which lie in province `unit`.
    pub fn counties_of(&self, unit: usize) -> Vec<usize> {
        self.counties
            .iter()
            .copied()
            .filter(|c| {
                self.parent_of[*c] == Some(unit)
                    || (self.units[unit].level == "province" && self.province_of[*c] == Some(unit))
            })
            .collect()
    }
}

/// A CSV cell, quoted when needed.
fn quoted(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
