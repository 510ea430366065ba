//! The tree of unions: one national root, provinces, prefectures, counties, and the national
//! bodies that pair with counties.

use std::collections::HashMap;

use crate::findings::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    National,
    Province,
    Prefecture,
    County,
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "national" | "全国" | "全总" | "全国级" => Level::National,
            "province" | "省" | "省级" => Level::Province,
            "prefecture" | "地市" | "地市级" | "市级" | "市" => Level::Prefecture,
            "county" | "县" | "县级" => Level::County,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Level::National => "全国",
            Level::Province => "省级",
            Level::Prefecture => "地市级",
            Level::County => "县级",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Region {
    East,
    Central,
    West,
}

impl Region {
    pub fn parse(text: &str) -> Option<Region> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "east" | "东部" | "东" => Region::East,
            "central" | "中部" | "中" => Region::Central,
            "west" | "西部" | "西" => Region::West,
            _ => return None,
        })
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Region::East => "东部",
            Region::Central => "中部",
            Region::West => "西部",
        }
    }
}

/// 县 / 县级市 / 市辖区, or 其他 for names such as 南沙群岛.
pub fn county_kind_from_name(name: &str) -> &'static str {
    if name.ends_with('县') || name.ends_with('旗') {
        "县"
    } else if name.ends_with('市') {
        "县级市"
    } else if name.ends_with('区') {
        "市辖区"
    } else {
        "其他"
    }
}

pub const COUNTY_KINDS: [&str; 4] = ["县", "县级市", "市辖区", "其他"];

#[derive(Clone, Debug)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
    pub region: Option<Region>,
    /// County kind (县/县级市/市辖区/其他); empty for other levels.
    pub kind: String,
    pub children: Vec<usize>,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub struct UnitTree {
    /// In pre-order (parents before children, siblings by code), root first.
    pub units: Vec<Unit>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Counties in each unit's subtree.
    county_counts: Vec<usize>,
    /// End (exclusive) of each unit's subtree in pre-order.
    subtree_end: Vec<usize>,
}

/// How a code or name written in a file resolves.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(usize),
    Unknown,
    Ambiguous(Vec<usize>),
}

impl UnitTree {
    /// Builds the tree from units already checked to form one tree under `root`.
    /// `parents[i]` is the index in `units` of unit i's parent.
    pub fn build(mut units: Vec<Unit>, parents: Vec<Option<usize>>, root: usize) -> UnitTree {
        let n = units.len();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, p) in parents.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(i);
            }
        }
        for list in &mut children {
            list.sort_by(|a, b| units[*a].code.cmp(&units[*b].code));
        }
        // Pre-order walk gives the new index of every unit.
        let mut order = Vec::with_capacity(n);
        let mut stack = vec![root];
        while let Some(u) = stack.pop() {
            order.push(u);
            stack.extend(children[u].iter().rev());
        }
        let mut new_index = vec![usize::MAX; n];
        for (new, old) in order.iter().enumerate() {
            new_index[*old] = new;
        }
        let mut slots: Vec<Option<Unit>> = units.drain(..).map(Some).collect();
        let mut sorted = Vec::with_capacity(order.len());
        for old in &order {
            if let Some(mut unit) = slots[*old].take() {
                unit.parent = parents[*old].map(|p| new_index[p]);
                unit.children = children[*old].iter().map(|c| new_index[*c]).collect();
                sorted.push(unit);
            }
        }
        let m = sorted.len();
        let mut county_counts = vec![0; m];
        let mut subtree_end: Vec<usize> = (1..=m).collect();
        for i in (0..m).rev() {
            if sorted[i].level == Level::County {
                county_counts[i] += 1;
            }
            if let Some(p) = sorted[i].parent {
                county_counts[p] += county_counts[i];
                subtree_end[p] = subtree_end[p].max(subtree_end[i]);
            }
        }
        let mut by_code = HashMap::with_capacity(m);
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::with_capacity(m);
        for (i, u) in sorted.iter().enumerate() {
            by_code.insert(u.code.clone(), i);
            by_name.entry(u.name.clone()).or_default().push(i);
        }
        UnitTree {
            units: sorted,
            by_code,
            by_name,
            county_counts,
            subtree_end,
        }
    }

    pub fn root(&self) -> usize {
        0
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// A code, or a name that exactly one unit of any level bears.
    pub fn lookup(&self, text: &str) -> Lookup {
        if let Some(i) = self.by_code(text) {
            return Lookup::Found(i);
        }
        match self.by_name.get(text).map(Vec::as_slice) {
            Some([one]) => Lookup::Found(*one),
            Some(many) if many.len() > 1 => Lookup::Ambiguous(many.to_vec()),
            _ => Lookup::Unknown,
        }
    }

    /// Counties in the unit's subtree (1 for a county).
    pub fn counties_under(&self, unit: usize) -> usize {
        self.county_counts[unit]
    }

    /// True when `unit` is `ancestor` or lies below it.
    pub fn is_under(&self, unit: usize, ancestor: usize) -> bool {
        ancestor <= unit && unit < self.subtree_end[ancestor]
    }

    /// Root, provinces, prefectures and counties: the units that get figures.
    pub fn is_territorial(&self, unit: usize) -> bool {
        unit == self.root() || self.units[unit].level != Level::National
    }

    /// Ancestors from the root down to the unit itself.
    pub fn path(&self, unit: usize) -> Vec<usize> {
        let mut path = vec![unit];
        let mut at = unit;
        while let Some(p) = self.units[at].parent {
            path.push(p);
            at = p;
        }
        path.reverse();
        path
    }
}
