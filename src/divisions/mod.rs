//! China's real provinces, prefectures and counties, shipped inside the binary, and the unit
//! list a project is started from (`init`) or generated on (`demo`).

mod units;

pub use units::{NATIONAL_BODIES, UnitRow, World};

pub struct Province {
    pub code: &'static str,
    pub name: &'static str,
}

pub struct Prefecture {
    pub code: &'static str,
    pub name: &'static str,
    pub province: &'static str,
}

pub struct County {
    pub code: &'static str,
    pub name: &'static str,
    pub prefecture: &'static str,
    pub province: &'static str,
}

const PROVINCES: &str = include_str!("../../assets/divisions/provinces.csv");
const CITIES: &str = include_str!("../../assets/divisions/cities.csv");
const AREAS: &str = include_str!("../../assets/divisions/areas.csv");

/// The rows of one of the shipped files (simple CSV: no commas inside fields).
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(|f| f.trim_matches('"')).collect())
}

pub fn provinces() -> Vec<Province> {
    rows(PROVINCES)
        .map(|r| Province {
            code: r[0],
            name: r[1],
        })
        .collect()
}

pub fn prefectures() -> Vec<Prefecture> {
    rows(CITIES)
        .map(|r| Prefecture {
            code: r[0],
            name: r[1],
            province: r[2],
        })
        .collect()
}

pub fn counties() -> Vec<County> {
    rows(AREAS)
        .map(|r| County {
            code: r[0],
            name: r[1],
            prefecture: r[2],
            province: r[3],
        })
        .collect()
}

/// Municipalities' 市辖区/县 and 省直辖县级行政区划 are not prefectures: their counties hang
/// straight under the province.
pub fn is_pseudo_prefecture(p: &Prefecture) -> bool {
    p.name == "市辖区" || p.name == "县" || p.name.contains("直辖")
}

/// East / central / west as the national statistics use them.
pub fn region_of(province: &str) -> &'static str {
    match province {
        "11" | "12" | "13" | "21" | "31" | "32" | "33" | "35" | "37" | "44" | "46" => "east",
        "14" | "22" | "23" | "34" | "36" | "41" | "42" | "43" => "central",
        _ => "west",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_lists_are_complete() {
        assert_eq!(provinces().len(), 31);
        assert_eq!(prefectures().len(), 342);
        assert_eq!(counties().len(), 2978);
    }
}
