//! A unit's page: its figures over time, its children, pairings, visits, problems, practices.

use serde::Serialize;

use super::chart::ChartView;
use super::dashboard::{PillarCard, RankTable, pillar_cards, ranking, ranking_chart, trend_charts};
use super::format::{Fig, fig, label, measure};
use super::lists::{PracticeItem, ProblemRow, newest_practices, problem_row};
use super::{Common, Link, Site};
use crate::engine::MetricKind;
use crate::model::{Level, Pillar};

#[derive(Serialize)]
pub struct UnitView {
    #[serde(flatten)]
    common: Common,
    unit: UnitInfo,
    has_figures: bool,
    key: Vec<Fig>,
    pillars: Vec<PillarCard>,
    table: FigureTable,
    charts: Vec<ChartView>,
    children: RankTable,
    children_chart: Option<ChartView>,
    pairings_title: &'static str,
    pairings: Vec<PairingRow>,
    visits_title: &'static str,
    visits: Vec<VisitRow>,
    problems: Vec<ProblemRow>,
    problem_count: usize,
    problems_href: String,
    practices: Vec<PracticeItem>,
    practice_count: usize,
}

#[derive(Serialize)]
struct UnitInfo {
    name: String,
    code: String,
    level: &'static str,
    region: &'static str,
    kind: String,
    counties: usize,
}

#[derive(Serialize)]
struct FigureTable {
    periods: Vec<Link>,
    groups: Vec<FigureGroup>,
}

#[derive(Serialize)]
struct FigureGroup {
    name: &'static str,
    rows: Vec<FigureRow>,
}

#[derive(Serialize)]
struct FigureRow {
    label: String,
    measure: String,
    cells: Vec<Fig>,
}

#[derive(Serialize)]
struct PairingRow {
    other: Link,
    since: String,
    visited: bool,
    first_visit: String,
}

#[derive(Serialize)]
struct VisitRow {
    date: String,
    other: Link,
    onsite: bool,
    topics: String,
    note: String,
}

const LIST_LIMIT: usize = 30;

pub fn view(site: &Site, u: usize) -> UnitView {
    let m = site.model;
    let unit = &m.units.units[u];
    let path = super::unit_path(&unit.code);
    let root = "../".repeat(path.matches('/').count());
    let mut crumbs = site.unit_crumbs(u, &root);
    crumbs.pop();
    let common = site.common(&path, &unit.name, "units", crumbs);
    let has_figures = m.units.is_territorial(u);
    let campaign = site.campaign;
    let key_codes = [
        "reporting_rate",
        "timeliness",
        "pairing_coverage",
        "visit_coverage",
        "resolution_rate",
        "five_strong",
        "practices",
    ];
    let key = if has_figures {
        key_codes
            .iter()
            .filter_map(|c| super::format::by_code(m, site.figures, campaign, u, c))
            .collect()
    } else {
        Vec::new()
    };
    let children = ranking(site, campaign, u, &root);
    let children_chart = if unit.level == Level::County {
        None
    } else {
        ranking_chart(
            &children,
            "children-reporting",
            "下级单位报送率（专项工作全程）",
        )
    };
    let is_county = unit.level == Level::County;
    let pairing_list = if is_county {
        &site.pairings_by_county[u]
    } else {
        &site.pairings_by_upper[u]
    };
    let pairings = pairing_list
        .iter()
        .map(|i| {
            let p = &m.pairings[*i];
            let other = if is_county { p.upper } else { p.county };
            PairingRow {
                other: site.unit_link(other, &root),
                since: p.since.to_string(),
                visited: site.first_visit[*i].is_some(),
                first_visit: site.first_visit[*i].map_or(String::new(), |d| d.to_string()),
            }
        })
        .collect();
    let visit_list = if is_county {
        &site.visits_by_county[u]
    } else {
        &site.visits_by_upper[u]
    };
    let mut visits: Vec<VisitRow> = visit_list
        .iter()
        .map(|i| {
            let v = &m.visits[*i];
            VisitRow {
                date: v.date.to_string(),
                other: site.unit_link(if is_county { v.upper } else { v.county }, &root),
                onsite: v.onsite,
                topics: v.topics.join("、"),
                note: v.note.clone(),
            }
        })
        .collect();
    visits.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.other.href.cmp(&b.other.href))
    });
    let problem_count = m
        .problems
        .iter()
        .filter(|p| m.units.is_under(p.county, u))
        .count();
    let problems = if is_county {
        site.problems_by_county[u]
            .iter()
            .map(|i| problem_row(site, *i, &root))
            .collect()
    } else {
        Vec::new()
    };
    let province = m
        .units
        .path(u)
        .into_iter()
        .find(|x| m.units.units[*x].level == Level::Province);
    let problems_href = match province {
        Some(p) => format!(
            "{root}problems/{}/index.html",
            super::safe_segment(&m.units.units[p].code)
        ),
        None => format!("{root}problems/index.html"),
    };
    let practice_count = (0..m.practices.len())
        .filter(|i| m.units.is_under(m.practices[*i].unit, u))
        .count();
    UnitView {
        unit: UnitInfo {
            name: unit.name.clone(),
            code: unit.code.clone(),
            level: if u == m.units.root() {
                "全国"
            } else if unit.level == Level::National {
                "全国性对口联系单位"
            } else {
                unit.level.chinese()
            },
            region: unit.region.map_or("", |r| r.chinese()),
            kind: unit.kind.clone(),
            counties: m.units.counties_under(u),
        },
        has_figures,
        key,
        pillars: if has_figures {
            pillar_cards(site, campaign, u)
        } else {
            Vec::new()
        },
        table: if has_figures {
            figure_table(site, u, &root)
        } else {
            FigureTable {
                periods: Vec::new(),
                groups: Vec::new(),
            }
        },
        charts: if has_figures {
            trend_charts(site, u, campaign)
        } else {
            Vec::new()
        },
        children,
        children_chart,
        pairings_title: if is_county {
            "对口联系本县的上级工会"
        } else {
            "本单位对口联系的县级工会"
        },
        pairings,
        visits_title: if is_county {
            "上级工会到本县调研"
        } else {
            "本单位开展的调研"
        },
        visits,
        problems,
        problem_count,
        problems_href,
        practices: newest_practices(site, u, &root, LIST_LIMIT),
        practice_count,
        common,
    }
}

/// Every metric, grouped by pillar, over the bimonths and the whole campaign.
fn figure_table(site: &Site, u: usize, root: &str) -> FigureTable {
    let m = site.model;
    let f = site.figures;
    let columns: Vec<usize> = site
        .bimonths
        .iter()
        .copied()
        .chain([site.campaign])
        .collect();
    let periods = columns
        .iter()
        .map(|p| {
            let period = &m.calendar.periods[*p];
            Link {
                name: super::dashboard::short_label(site, *p),
                href: format!("{root}{}", super::period_path(&period.id)),
            }
        })
        .collect();
    let groups = metric_groups(site)
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(name, list)| FigureGroup {
            name,
            rows: list
                .into_iter()
                .map(|k| FigureRow {
                    label: label(m, f, k),
                    measure: measure(m, f, k),
                    cells: columns.iter().map(|p| fig(m, f, *p, u, k)).collect(),
                })
                .collect(),
        })
        .collect();
    FigureTable { periods, groups }
}

/// Each metric in exactly one group, in the order of the framework.
fn metric_groups(site: &Site) -> Vec<(&'static str, Vec<usize>)> {
    let m = site.model;
    let metrics = &site.figures.metrics;
    let reported = |pillar: Pillar| -> Vec<usize> {
        (0..metrics.len()).filter(|k| matches!(metrics[*k].kind, MetricKind::Reported(i) if m.indicators[i].pillar == pillar)).collect()
    };
    let codes = |prefixes: &[&str]| -> Vec<usize> {
        (0..metrics.len())
            .filter(|k| {
                !matches!(metrics[*k].kind, MetricKind::Reported(_))
                    && prefixes.iter().any(|p| metrics[*k].code.starts_with(p))
            })
            .collect()
    };
    let mut two = codes(&["pairing_coverage"]);
    two.extend(reported(Pillar::TwoCombinations));
    let mut four = codes(&[
        "onsite_visits",
        "visit_coverage",
        "problems_",
        "resolution_rate",
        "practices",
    ]);
    four.extend(reported(Pillar::FourTasks));
    let mut five = reported(Pillar::FiveStrengths);
    five.extend(codes(&["strong_", "five_strong"]));
    vec![
        ("报送情况", codes(&["reporting_rate", "timeliness"])),
        ("一条主线", reported(Pillar::MainLine)),
        ("两个结合", two),
        ("三个下沉", reported(Pillar::ThreeSinkings)),
        ("四项任务", four),
        ("五强", five),
    ]
}
