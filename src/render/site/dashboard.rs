//! The national dashboard: campaign progress, a card per pillar, trends, the province
//! ranking and the lagging units.

use serde::Serialize;

use super::chart::ChartView;
use super::format::{Fig, by_code, grouped, percent};
use super::{Common, Link, Site};
use crate::engine::MetricKind;
use crate::model::{Level, Pillar, Strength};
use crate::render::charts::{Series, bar_chart, line_chart};

#[derive(Serialize)]
pub struct DashboardView {
    #[serde(flatten)]
    common: Common,
    progress: Progress,
    pillars: Vec<PillarCard>,
    charts: Vec<ChartView>,
    ranking: RankTable,
    lagging: Vec<LagList>,
    practices: Vec<super::lists::PracticeItem>,
    promoted: Vec<super::lists::PracticeItem>,
}

#[derive(Serialize)]
struct Progress {
    time_pct: f64,
    time_text: String,
    reporting: Vec<Fig>,
    strengths: Vec<Fig>,
}

#[derive(Serialize)]
pub struct PillarCard {
    pub name: &'static str,
    pub meaning: &'static str,
    pub figs: Vec<Fig>,
}

#[derive(Serialize)]
pub struct RankTable {
    pub headers: Vec<String>,
    pub rows: Vec<RankRow>,
}

#[derive(Serialize)]
pub struct RankRow {
    pub link: Link,
    pub cells: Vec<Fig>,
}

#[derive(Serialize)]
pub struct LagList {
    pub title: String,
    pub hint: String,
    pub total: usize,
    pub items: Vec<LagItem>,
}

#[derive(Serialize)]
pub struct LagItem {
    pub link: Link,
    pub place: String,
    pub detail: String,
}

const LAG_LIMIT: usize = 200;

pub fn view(site: &Site) -> DashboardView {
    let common = site.common("index.html", "全国工作进展", "home", Vec::new());
    let root = &common.root;
    let campaign = site.campaign;
    let u = site.model.units.root();
    let months = site.model.calendar.end - site.model.calendar.start + 1;
    let elapsed = site.as_of.map_or(0, |p| {
        site.model.calendar.periods[p].last_month - site.model.calendar.start + 1
    });
    let time_pct = elapsed as f64 / months as f64 * 100.0;
    let pick = |codes: &[&str]| -> Vec<Fig> {
        codes
            .iter()
            .filter_map(|c| by_code(site.model, site.figures, campaign, u, c))
            .collect()
    };
    let strength_codes: Vec<&str> = Strength::ALL
        .iter()
        .map(|s| s.metric())
        .chain(["five_strong"])
        .collect();
    let progress = Progress {
        time_pct,
        time_text: format!("已过{}个月，共{}个月", elapsed, months),
        reporting: pick(&["reporting_rate", "timeliness"]),
        strengths: pick(&strength_codes),
    };
    DashboardView {
        pillars: pillar_cards(site, campaign, u),
        charts: trend_charts(site, u, campaign),
        ranking: ranking(site, campaign, u, root),
        lagging: lagging(site, root),
        practices: super::lists::newest_practices(site, u, root, 8),
        promoted: super::lists::promoted_practices(site, u, root, 8),
        progress,
        common,
    }
}

/// A card for each pillar of 一二三四五 with its headline figures.
pub fn pillar_cards(site: &Site, period: usize, unit: usize) -> Vec<PillarCard> {
    let m = site.model;
    let f = site.figures;
    let reported = |pillar: Pillar| -> Vec<Fig> {
        f.metrics
            .iter()
            .enumerate()
            .filter(|(_, x)| matches!(x.kind, MetricKind::Reported(i) if m.indicators[i].pillar == pillar))
            .map(|(k, _)| super::format::fig(m, f, period, unit, k))
            .collect()
    };
    let codes = |list: &[&str]| -> Vec<Fig> {
        list.iter()
            .filter_map(|c| by_code(m, f, period, unit, c))
            .collect()
    };
    let period_last = m.calendar.periods[period].last_day;
    let period_first = m.calendar.periods[period].first_day;
    // Counted once per build for the whole campaign (every unit page); scanned for a period.
    let (county_practices, pairings_in_force) = if period == site.campaign {
        let t = &site.under[unit];
        (
            (t.practices_in_campaign, t.county_practices_in_campaign),
            t.pairings,
        )
    } else {
        let practices = m
            .practices
            .iter()
            .filter(|p| {
                m.units.is_under(p.unit, unit) && p.date >= period_first && p.date <= period_last
            })
            .fold((0usize, 0usize), |(all, county), p| {
                (
                    all + 1,
                    county + usize::from(m.units.units[p.unit].level == Level::County),
                )
            });
        let pairings = m
            .pairings
            .iter()
            .filter(|p| m.units.is_under(p.county, unit) && p.since <= period_last)
            .count();
        (practices, pairings)
    };
    let mut two = codes(&["pairing_coverage"]);
    two.push(custom(
        "county_practices",
        "县级工会原创做法",
        format!("{} 篇", grouped(&county_practices.1.to_string())),
        if county_practices.0 > 0 {
            format!(
                "占{}",
                percent(county_practices.1 as f64 / county_practices.0 as f64)
            )
        } else {
            String::new()
        },
    ));
    two.extend(reported(Pillar::TwoCombinations));
    let mut four = vec![custom(
        "pairings",
        "对口联系",
        format!("{} 对", grouped(&pairings_in_force.to_string())),
        String::new(),
    )];
    four.extend(codes(&[
        "onsite_visits",
        "visit_coverage",
        "problems_found",
        "resolution_rate",
        "practices",
        "practices_promoted",
    ]));
    four.extend(reported(Pillar::FourTasks));
    let mut five: Vec<Fig> = codes(&Strength::ALL.map(|s| s.metric()));
    five.extend(codes(&["five_strong"]));
    vec![
        PillarCard {
            name: "一条主线",
            meaning: "学习宣传贯彻党的二十大精神，面对面开展宣传宣讲",
            figs: reported(Pillar::MainLine),
        },
        PillarCard {
            name: "两个结合",
            meaning: "上级工会对口联系指导与县级工会主体作用相结合，顶层设计与基层创新相结合",
            figs: two,
        },
        PillarCard {
            name: "三个下沉",
            meaning: "推动人力、财力、物力向县级和基层下沉",
            figs: reported(Pillar::ThreeSinkings),
        },
        PillarCard {
            name: "四项任务",
            meaning: "对口联系、调查研究、解决问题、巩固深化",
            figs: four,
        },
        PillarCard {
            name: "五强",
            meaning: "政治引领强、组织功能强、服务阵地强、制度机制强、作用发挥强（按各县累计数对照目标）",
            figs: five,
        },
    ]
}

fn custom(code: &str, label: &str, text: String, coverage: String) -> Fig {
    Fig {
        code: code.to_string(),
        label: label.to_string(),
        text,
        coverage,
        pct: None,
        sort: String::new(),
    }
}

/// `9—10月`: short month ranges for chart axes (the table below gives full labels).
pub fn short_label(site: &Site, period: usize) -> String {
    let p = &site.model.calendar.periods[period];
    if p.kind == crate::model::PeriodKind::Campaign {
        return "全程".to_string();
    }
    let label = &p.label;
    label
        .split_once('年')
        .map_or(label.clone(), |(_, rest)| rest.to_string())
}

/// Trend charts over the bimonths for one unit, up to the end of period `until`.
pub fn trend_charts(site: &Site, unit: usize, until: usize) -> Vec<ChartView> {
    let m = site.model;
    let end = m.calendar.periods[until].last_month;
    let periods: Vec<usize> = site
        .bimonths
        .iter()
        .copied()
        .filter(|p| m.calendar.periods[*p].last_month <= end)
        .collect();
    let periods = &periods;
    let x: Vec<String> = periods.iter().map(|p| short_label(site, *p)).collect();
    let full: Vec<String> = periods
        .iter()
        .map(|p| m.calendar.periods[*p].label.clone())
        .collect();
    let series = |code: &str| -> Option<Series> {
        let metric = site.figures.metric(code)?;
        let name = super::format::label(m, site.figures, metric);
        let points = periods
            .iter()
            .map(|p| {
                site.figures
                    .get(*p, unit, metric)
                    .and_then(|c| c.value)
                    .map(|v| v.to_f64())
            })
            .collect();
        Some(Series { name, points })
    };
    let span = format!(
        "{}至{}",
        full.first().cloned().unwrap_or_default(),
        full.last().cloned().unwrap_or_default()
    );
    let mut charts = Vec::new();
    let mut make = |id: &str, title: String, codes: &[&str], percent_axis: bool| {
        let list: Vec<Series> = codes.iter().filter_map(|c| series(c)).collect();
        if list.is_empty() {
            return;
        }
        let svg = line_chart(&title, &x, &list, percent_axis);
        let headers = std::iter::once("期间".to_string())
            .chain(list.iter().map(|s| s.name.clone()))
            .collect();
        let rows = full
            .iter()
            .enumerate()
            .map(|(i, label)| {
                std::iter::once(label.clone())
                    .chain(list.iter().map(|s| match s.points[i] {
                        Some(v) if percent_axis => percent(v),
                        Some(v) => super::format::decimal(v),
                        None => "—".to_string(),
                    }))
                    .collect()
            })
            .collect();
        let names: Vec<String> = list.iter().map(|s| s.name.clone()).collect();
        charts.push(ChartView::new(id, &title, svg, headers, rows).with_legend(&names));
    };
    make(
        "trend-reporting",
        format!("双月报送率与及时率（{span}）"),
        &["reporting_rate", "timeliness"],
        true,
    );
    let strengths: Vec<&str> = Strength::ALL
        .iter()
        .map(|s| s.metric())
        .chain(["five_strong"])
        .collect();
    make(
        "trend-strengths",
        format!("“五强”累计达标率（{span}）"),
        &strengths,
        true,
    );
    // A single county's visits and problems per bimonth are a few each: its figures table
    // shows them better than a chart.
    if m.units.units[unit].level != crate::model::Level::County {
        make(
            "trend-ledgers",
            format!("实地调研与问题清单（{span}，每两月）"),
            &["onsite_visits", "problems_found", "problems_resolved"],
            false,
        );
    }
    charts
}

/// Children of a unit ranked by reporting rate, with their key figures.
pub fn ranking(site: &Site, period: usize, unit: usize, root: &str) -> RankTable {
    let m = site.model;
    let present: Vec<&str> = super::KEY_FIGURES
        .iter()
        .copied()
        .filter(|c| site.figures.metric(c).is_some())
        .collect();
    let headers = present
        .iter()
        .map(|c| {
            site.figures
                .metric(c)
                .map(|k| super::format::label(m, site.figures, k))
                .unwrap_or_default()
        })
        .collect();
    let mut rows: Vec<RankRow> = m.units.units[unit]
        .children
        .iter()
        .filter(|c| m.units.is_territorial(**c))
        .map(|c| RankRow {
            link: site.unit_link(*c, root),
            cells: present
                .iter()
                .filter_map(|code| by_code(m, site.figures, period, *c, code))
                .collect(),
        })
        .collect();
    let key = |r: &RankRow| {
        r.cells
            .first()
            .and_then(|f| f.sort.parse::<f64>().ok())
            .unwrap_or(-1.0)
    };
    rows.sort_by(|a, b| {
        key(b)
            .total_cmp(&key(a))
            .then_with(|| a.link.href.cmp(&b.link.href))
    });
    RankTable { headers, rows }
}

/// The ranking as a bar chart (reporting rate).
pub fn ranking_chart(table: &RankTable, id: &str, title: &str) -> Option<ChartView> {
    if table.rows.is_empty() {
        return None;
    }
    let labels: Vec<String> = table.rows.iter().map(|r| r.link.name.clone()).collect();
    let values: Vec<Option<f64>> = table
        .rows
        .iter()
        .map(|r| r.cells.first().and_then(|f| f.pct).map(|p| p / 100.0))
        .collect();
    let svg = bar_chart(title, &labels, &values);
    let header = table.headers.first().cloned().unwrap_or_default();
    let rows = table
        .rows
        .iter()
        .map(|r| {
            vec![
                r.link.name.clone(),
                r.cells.first().map_or("—".to_string(), |f| f.text.clone()),
            ]
        })
        .collect();
    Some(ChartView::new(
        id,
        title,
        svg,
        vec!["单位".to_string(), header],
        rows,
    ))
}

/// Units that need a push, as of the latest reporting period with data.
fn lagging(site: &Site, root: &str) -> Vec<LagList> {
    let m = site.model;
    let cal = &m.calendar;
    let mut lists = Vec::new();
    if let Some(rp) = site.as_of {
        let label = &cal.periods[rp].label;
        let due = cal.due_date(rp);
        let mut missing = Vec::new();
        let mut late = Vec::new();
        for (c, unit) in m.units.units.iter().enumerate() {
            if unit.level != Level::County {
                continue;
            }
            match site.report_of(c, rp) {
                None => missing.push(LagItem {
                    link: site.unit_link(c, root),
                    place: site.place(c),
                    detail: String::new(),
                }),
                Some(r) if r.submitted_on > due => late.push(LagItem {
                    link: site.unit_link(c, root),
                    place: site.place(c),
                    detail: format!(
                        "{}报送，晚{}天",
                        r.submitted_on,
                        (r.submitted_on - due).get_days()
                    ),
                }),
                _ => {}
            }
        }
        lists.push(lag(
            format!("{label}未报送"),
            format!("截至目前没有收到这些县级工会{label}的报表。"),
            missing,
        ));
        lists.push(lag(
            format!("{label}迟报"),
            format!("应于{}前报送。", crate::model::date::chinese(due)),
            late,
        ));
    }
    let as_of = site.as_of_day();
    let mut unvisited = Vec::new();
    for (i, p) in m.pairings.iter().enumerate() {
        if p.since <= as_of && site.first_visit[i].is_none_or(|d| d > as_of) {
            let upper = &m.units.units[p.upper];
            unvisited.push(LagItem {
                link: site.unit_link(p.county, root),
                place: site.place(p.county),
                detail: format!("{}（{}起联系）", upper.name, p.since),
            });
        }
    }
    lists.push(lag(
        "对口联系尚未实地调研".to_string(),
        format!("截至{as_of}，上级工会尚未到这些对口联系县实地调研（讲话要求一年内不少于1次）。"),
        unvisited,
    ));
    let mut stale = Vec::new();
    for p in &m.problems {
        let open_at_as_of = p.found_on <= as_of && p.resolved_on.is_none_or(|d| d > as_of);
        let days = (as_of - p.found_on).get_days();
        if open_at_as_of && days > 90 {
            stale.push((
                days,
                LagItem {
                    link: site.unit_link(p.county, root),
                    place: site.place(p.county),
                    detail: format!(
                        "{}（{}，已{}天，{}）",
                        p.title,
                        p.id,
                        days,
                        p.status.chinese()
                    ),
                },
            ));
        }
    }
    stale.sort_by_key(|s| std::cmp::Reverse(s.0));
    lists.push(lag(
        "问题超过90天未销号".to_string(),
        format!("截至{as_of}，发现已超过90天仍未销号的问题，按时间长短排列。"),
        stale.into_iter().map(|(_, i)| i).collect(),
    ));
    lists
}

fn lag(title: String, hint: String, mut items: Vec<LagItem>) -> LagList {
    let total = items.len();
    items.truncate(LAG_LIMIT);
    LagList {
        title,
        hint,
        total,
        items,
    }
}
