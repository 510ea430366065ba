//! Where a write-up comes from, as library filters: the province and the prefecture its unit
//! lies in (a plain page each), and the county or national body that wrote it (filtered in place
//! by search.js, from a unit page's “查看全部”). Values are unit codes, shown by unit name.
//! Counted with the other filters in `super::Library`.

use crate::model::{Level, Model};

/// Filter groups of `super::GROUPS` that are places.
pub const PROVINCE: usize = 6;
pub const PREFECTURE: usize = 7;
/// The county or national body itself: no plain pages (a county's own page lists its few
/// write-ups), only the in-place filter.
pub const UNIT: usize = 8;

/// The place values of a write-up from `unit`: its province, its prefecture, and itself when it
/// is a county or a national body (units without a page of their own in the library).
pub fn values(m: &Model, unit: usize) -> Vec<(usize, String)> {
    let units = &m.units;
    let mut out = Vec::new();
    for u in units.path(unit) {
        let group = match units.units[u].level {
            Level::Province => PROVINCE,
            Level::Prefecture => PREFECTURE,
            _ => continue,
        };
        out.push((group, units.units[u].code.clone()));
    }
    let own = &units.units[unit];
    if unit != units.root() && matches!(own.level, Level::County | Level::National) {
        out.push((UNIT, own.code.clone()));
    }
    out
}

pub fn is_place(group: usize) -> bool {
    matches!(group, PROVINCE | PREFECTURE | UNIT)
}

/// What a value reads as: the unit's name for a place, else the value itself.
pub fn label(m: &Model, group: usize, value: &str) -> String {
    match m.units.by_code(value) {
        Some(u) if is_place(group) => m.units.units[u].name.clone(),
        _ => value.to_string(),
    }
}

/// The place value one level up: a prefecture's province, a county's prefecture (or province,
/// for a county directly under it). The in-place filter offers a unit's values under it.
pub fn parent(m: &Model, group: usize, value: &str) -> Option<(usize, String)> {
    let u = m.units.by_code(value).filter(|_| is_place(group))?;
    let up = m.units.units[u].parent?;
    let above = &m.units.units[up];
    match above.level {
        Level::Province => Some((PROVINCE, above.code.clone())),
        Level::Prefecture => Some((PREFECTURE, above.code.clone())),
        _ => None,
    }
}

/// The province a place lies in (itself for a province).
pub fn province_of(m: &Model, value: &str) -> Option<usize> {
    let u = m.units.by_code(value)?;
    m.units
        .path(u)
        .into_iter()
        .find(|x| m.units.units[*x].level == Level::Province)
}

/// The filter that lists the write-ups of a unit and the units below it: none for the
/// national root (the whole library), its province or prefecture, or the unit itself.
pub fn filter_of(m: &Model, unit: usize) -> Option<(usize, String)> {
    let u = &m.units.units[unit];
    match u.level {
        _ if unit == m.units.root() => None,
        Level::Province => Some((PROVINCE, u.code.clone())),
        Level::Prefecture => Some((PREFECTURE, u.code.clone())),
        Level::County | Level::National => Some((UNIT, u.code.clone())),
    }
}

/// Whether the place `value` lies in the province `province` (a unit index).
pub fn lies_in(m: &Model, value: &str, province: usize) -> bool {
    m.units
        .by_code(value)
        .is_some_and(|u| m.units.is_under(u, province))
}
