//! Bimonthly report files of the demonstration: one per province and period, with gaps, late
//! filings and corrections, in the encodings and headers counties really send.

use std::collections::BTreeMap;
use std::fmt::Write;

use encoding_rs::GB18030;
use rand::RngExt;

use super::{DemoFile, Rng, World, add_days, around, date};

/// Reporting periods and their last days.
const PERIODS: [(&str, (i16, i8, i8)); 7] = [
    ("2022-B5", (2022, 10, 31)),
    ("2022-B6", (2022, 12, 31)),
    ("2023-B1", (2023, 2, 28)),
    ("2023-B2", (2023, 4, 30)),
    ("2023-B3", (2023, 6, 30)),
    ("2023-B4", (2023, 8, 31)),
    ("2023-B5", (2023, 9, 30)),
];

/// (code, Chinese header, mean per bimonth for an average county; None for a stock).
const FLOWS: &[(&str, &str, f64)] = &[
    ("lectures", "宣传宣讲场次", 4.0),
    ("workers_reached", "宣讲覆盖职工", 600.0),
    ("cadres_added", "新增工会工作力量", 0.6),
    ("funds_received", "下沉经费", 8.0),
    ("sites_supported", "支持服务阵地", 0.4),
    ("ideology_activities", "思想政治引领活动", 1.1),
    ("party_building_reviews", "党建带工建专题研究", 0.3),
    ("new_unions", "新建基层工会", 1.4),
    ("new_members", "新发展会员", 52.0),
    ("new_form_members", "新就业形态劳动者入会", 10.0),
    ("joint_meetings", "政府工会联席会议", 0.3),
    ("party_reports", "向党委汇报工会工作", 0.45),
    ("disputes_handled", "参与处理劳动争议", 3.0),
    ("legal_aid", "工会法律援助", 2.0),
    ("competitions", "劳动和技能竞赛", 0.45),
    ("workers_helped", "帮扶困难职工", 8.0),
    ("employment_services", "就业创业服务", 40.0),
];

const STOCKS: &[(&str, &str)] = &[
    ("full_time_cadres", "县级工会专职干部"),
    ("service_centre", "建有职工服务中心"),
    ("online_platform", "建成网上工作平台"),
    ("service_stations", "服务职工站点"),
];

/// How a province's files are written: (Chinese headers, UTF-8 BOM, GB18030 + CRLF).
fn style(province_index: usize) -> (bool, bool, bool) {
    match province_index % 3 {
        0 => (false, false, false),
        1 => (true, true, false),
        _ => (true, false, true),
    }
}

struct Profile {
    factor: f64,
    laggard: bool,
    late_prone: bool,
    cadres: u64,
    centre: bool,
    platform: bool,
    stations: u64,
}

pub fn files(world: &World, rng: &mut Rng) -> Vec<DemoFile> {
    let mut rows: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for &c in &world.counties {
        let mut p = Profile {
            factor: rng.random_range(0.45..1.6),
            laggard: rng.random_bool(0.06),
            late_prone: rng.random_bool(0.12),
            cadres: rng.random_range(2..=9),
            centre: rng.random_bool(0.6),
            platform: rng.random_bool(0.4),
            stations: rng.random_range(3..=14),
        };
        let province = world.province_of[c].unwrap_or(0);
        for (k, (period, (y, m, d))) in PERIODS.iter().enumerate() {
            // Stocks move whether or not the county reports.
            p.centre |= rng.random_bool(0.12);
            p.platform |= rng.random_bool(0.14);
            p.stations += rng.random_range(0..=2);
            if rng.random_bool(0.08) {
                p.cadres += 1;
            }
            if rng.random_bool(if p.laggard { 0.35 } else { 0.03 }) {
                continue;
            }
            let late = rng.random_bool(if p.late_prone { 0.4 } else { 0.05 });
            let offset = if late {
                rng.random_range(11..=45)
            } else {
                rng.random_range(1..=10)
            };
            let submitted = add_days(date(*y, *m, *d), offset);
            let values = values(&p, rng);
            let key = (province, k);
            let code = &world.units[c].code;
            rows.entry(key)
                .or_default()
                .push(format!("{period},{code},{submitted},{}", values.join(",")));
            if rng.random_bool(0.02) {
                // A correction: the later filing replaces the whole row.
                let corrected = values_with_correction(&values, rng);
                let day = add_days(submitted, rng.random_range(2..=20));
                rows.entry(key)
                    .or_default()
                    .push(format!("{period},{code},{day},{}", corrected.join(",")));
            }
        }
    }
    let mut files = Vec::new();
    for ((province, k), lines) in rows {
        let position = world
            .provinces
            .iter()
            .position(|p| *p == province)
            .unwrap_or(0);
        let (chinese, bom, gbk) = style(position);
        let mut text = String::new();
        let header: Vec<&str> = if chinese {
            ["报告期", "单位代码", "填报日期"]
                .into_iter()
                .chain(FLOWS.iter().map(|f| f.1))
                .chain(STOCKS.iter().map(|s| s.1))
                .collect()
        } else {
            ["period", "unit", "submitted_on"]
                .into_iter()
                .chain(FLOWS.iter().map(|f| f.0))
                .chain(STOCKS.iter().map(|s| s.0))
                .collect()
        };
        let eol = if gbk { "\r\n" } else { "\n" };
        let _ = write!(text, "{}{eol}", header.join(","));
        for line in lines {
            let _ = write!(text, "{line}{eol}");
        }
        let bytes = if gbk {
            GB18030.encode(&text).0.into_owned()
        } else if bom {
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()
        } else {
            text.into_bytes()
        };
        let code = &world.units[province].code;
        files.push(DemoFile {
            path: format!("data/reports/{code}/{}.csv", PERIODS[k].0),
            bytes,
        });
    }
    files
}

fn values(p: &Profile, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::with_capacity(FLOWS.len() + STOCKS.len());
    for (code, _, mean) in FLOWS {
        if rng.random_bool(0.03) {
            out.push(String::new());
        } else if *code == "funds_received" {
            let tenths = around(rng, mean * p.factor * 10.0);
            out.push(format!("{}.{}", tenths / 10, tenths % 10));
        } else {
            out.push(around(rng, mean * p.factor).to_string());
        }
    }
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
    out.push(p.cadres.to_string());
    out.push(yes_no(p.centre));
    out.push(yes_no(p.platform));
    out.push(p.stations.to_string());
    for v in out.iter_mut().skip(FLOWS.len()) {
        if rng.random_bool(0.03) {
            v.clear();
        }
    }
    out
}

fn values_with_correction(values: &[String], rng: &mut Rng) -> Vec<String> {
    let mut out = values.to_vec();
    let i = rng.random_range(0..FLOWS.len());
    if let Ok(n) = out[i].parse::<u64>() {
        out[i] = (n + rng.random_range(1..=5)).to_string();
    }
    out
}
