//! Pairings, visits and problems of the demonstration.

use std::fmt::Write;

use jiff::civil::Date;
use rand::RngExt;

use super::{Rng, World, add_days, cell, date, day_between, pick};

pub struct DemoPairing {
    pub upper: usize,
    pub county: usize,
    pub since: Date,
}

fn campaign_start() -> Date {
    date(2022, 9, 1)
}

fn campaign_end() -> Date {
    date(2023, 9, 30)
}

/// National bodies pair with 2 counties each; provinces with a few of theirs; prefectures
/// with most of theirs, some only later in the campaign.
pub fn pairings(world: &World, rng: &mut Rng) -> Vec<DemoPairing> {
    let mut out = Vec::new();
    let mut taken = vec![false; world.units.len()];
    for &body in &world.bodies {
        for _ in 0..2 {
            let mut county = *pick(rng, &world.counties);
            while taken[county] {
                county = *pick(rng, &world.counties);
            }
            taken[county] = true;
            out.push(DemoPairing {
                upper: body,
                county,
                since: day_between(rng, date(2022, 9, 1), date(2022, 9, 20)),
            });
        }
    }
    for &p in &world.provinces {
        for c in world.counties_of(p) {
            if rng.random_bool(0.08) {
                out.push(DemoPairing {
                    upper: p,
                    county: c,
                    since: day_between(rng, date(2022, 9, 1), date(2022, 10, 15)),
                });
            }
        }
    }
    for &p in &world.prefectures {
        for c in world.counties_of(p) {
            if rng.random_bool(0.6) {
                let since = if rng.random_bool(0.7) {
                    day_between(rng, date(2022, 9, 1), date(2022, 10, 31))
                } else {
                    day_between(rng, date(2022, 11, 1), date(2023, 4, 30))
                };
                out.push(DemoPairing {
                    upper: p,
                    county: c,
                    since,
                });
            }
        }
    }
    out
}

pub fn pairings_csv(world: &World, pairings: &[DemoPairing]) -> String {
    let mut out = String::from("upper,county,since\n");
    for p in pairings {
        let _ = writeln!(
            out,
            "{},{},{}",
            world.units[p.upper].code, world.units[p.county].code, p.since
        );
    }
    out
}

const TOPICS: [&str; 5] = ["产改", "新就业形态", "组织体系", "生活品质", "政治安全"];

const VISIT_NOTES: &[&str] = &[
    "召开基层工会干部和职工座谈会",
    "走访园区企业和职工服务站",
    "到新就业形态劳动者服务站点了解入会情况",
    "调研乡镇工会规范化建设",
    "听取县级工会专项工作汇报",
    "查看困难职工帮扶台账",
    "视频连线了解问题清单推进情况",
    "",
];

/// Most pairings get on-site visits (some never do); online contact is frequent.
pub fn visits_csv(world: &World, pairings: &[DemoPairing], rng: &mut Rng) -> String {
    let mut out = String::from("upper,county,date,mode,topics,note\n");
    for p in pairings {
        let onsite = if rng.random_bool(0.15) {
            0
        } else {
            rng.random_range(1..=4)
        };
        let online = rng.random_range(0..=5);
        for k in 0..onsite + online {
            let mode = if k < onsite { "onsite" } else { "online" };
            // Now and then a first visit comes shortly before the pairing is formalised.
            let from = add_days(p.since, if rng.random_bool(0.05) { -20 } else { 0 })
                .max(campaign_start());
            let day = day_between(rng, from, campaign_end());
            let mut topics: Vec<&str> = vec![*pick(rng, &TOPICS[..])];
            if rng.random_bool(0.4) {
                let t = *pick(rng, &TOPICS[..]);
                if !topics.contains(&t) {
                    topics.push(t);
                }
            }
            let note = *pick(rng, VISIT_NOTES);
            let _ = writeln!(
                out,
                "{},{},{day},{mode},{},{}",
                world.units[p.upper].code,
                world.units[p.county].code,
                topics.join(";"),
                cell(note)
            );
        }
    }
    out
}

/// (category, titles, measures) in the speech's three kinds of problem.
const PROBLEMS: &[(&str, &[&str], &[&str])] = &[
    (
        "coordinate",
        &[
            "县级工会机关编制不足，专职干部缺口较大",
            "职工服务中心用地未落实",
            "户外劳动者服务站点选址需住建部门协调",
            "部分企业拖欠农民工工资，需人社部门联合处置",
            "工会经费税务代收比例偏低",
            "新建园区未同步规划职工活动场所",
        ],
        &[
            "提请县委专题研究",
            "纳入政府与工会联席会议议题",
            "向县委、县政府专题报告",
            "协调住建、自然资源部门落实",
        ],
    ),
    (
        "union",
        &[
            "乡镇工会专项经费不足",
            "职工书屋图书陈旧，需上级工会补充",
            "县级工会缺少法律援助专业力量",
            "困难职工帮扶资金缺口",
            "智慧工会平台县级频道建设缺少技术支持",
            "工会干部培训机会少",
        ],
        &[
            "申请上级工会转移支付",
            "纳入项目化管理予以支持",
            "上级工会选派律师驻点",
            "列入年度培训计划",
        ],
    ),
    (
        "self",
        &[
            "部分基层工会未按期换届",
            "会员实名制数据更新不及时",
            "新就业形态劳动者入会宣传不够",
            "工会经审工作不规范",
            "职工之家建设标准不统一",
            "工会工作台账不完整",
        ],
        &[
            "制定整改计划，逐项落实",
            "开展专项督导",
            "建立月度通报制度",
            "组织业务培训",
        ],
    ),
];

pub fn problems_csv(world: &World, pairings: &[DemoPairing], rng: &mut Rng) -> String {
    let mut uppers: Vec<Vec<usize>> = vec![Vec::new(); world.units.len()];
    for p in pairings {
        uppers[p.county].push(p.upper);
    }
    let mut out =
        String::from("id,county,found_by,found_on,category,title,measures,status,resolved_on\n");
    let mut n = 0;
    for &c in &world.counties {
        for _ in 0..rng.random_range(3..=7) {
            n += 1;
            let (category, titles, measures) = pick(rng, PROBLEMS);
            let found_on = day_between(rng, date(2022, 9, 5), date(2023, 9, 20));
            let found_by = match uppers[c].as_slice() {
                [] => world.parent_of[c].unwrap_or(0),
                list => *pick(rng, list),
            };
            let elapsed = (campaign_end() - found_on).get_days() as f64 / 390.0;
            let (status, resolved_on) = if rng.random_bool((0.25 + 0.6 * elapsed).min(0.95)) {
                let resolved = add_days(found_on, rng.random_range(7..=150));
                ("resolved", resolved.to_string())
            } else if rng.random_bool(0.6) {
                ("in_progress", String::new())
            } else {
                ("open", String::new())
            };
            let _ = writeln!(
                out,
                "P{n:05},{},{},{found_on},{category},{},{},{status},{resolved_on}",
                world.units[c].code,
                world.units[found_by].code,
                cell(pick::<&str>(rng, titles)),
                cell(pick::<&str>(rng, measures)),
            );
        }
    }
    out
}
