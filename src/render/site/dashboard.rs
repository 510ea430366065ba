//! The national dashboard: campaign progress, the units to push, a card per pillar, the
//! province ranking and trends; and the ranking tables and trend charts unit pages and
//! bulletins share.

use serde::Serialize;

use super::chart::{ChartCell, ChartRow, ChartView};
use super::followup::FollowupSection;
use super::format::{Fig, cell_text, fig, figs};
use super::{Common, Link, Site};
use crate::engine::{Derived, Metric};
use crate::model::{Level, PeriodKind, Pillar, Strength};
use crate::render::charts::{Axis, Scale, Series, bar_chart, line_chart};

#[derive(Serialize)]
pub struct DashboardView {
    #[serde(flatten)]
    common: Common,
    /// The period and unit of the figures shown (`data-p`, `data-u`).
    period: String,
    unit: String,
    progress: Progress,
    pillars: Vec<PillarCard>,
    charts: Vec<ChartView>,
    ranking: RankTable,
    followup: Option<FollowupSection>,
    practices: Vec<super::lists::PracticeItem>,
    promoted: Vec<super::lists::PracticeItem>,
}

/// Time elapsed (of the latest reporting period with reports, from `periods.csv`) beside the
/// campaign's reporting and strength figures.
#[derive(Serialize)]
struct Progress {
    period: String,
    time_pct: f64,
    time_text: String,
    months_elapsed: u32,
    months: u32,
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
    /// The period of every figure in the table.
    pub period: String,
    pub headers: Vec<String>,
    pub rows: Vec<RankRow>,
    /// The unit itself, the yardstick of the rows: 全国, or the province or prefecture.
    pub parent: Option<RankRow>,
    pub parent_label: String,
    /// How to read the table: its order, the parent row, the rule of the low marks.
    pub legend: String,
}

#[derive(Serialize)]
pub struct RankRow {
    pub link: Link,
    /// The row's unit code (`data-u`).
    pub unit: String,
    pub cells: Vec<Fig>,
    /// For each cell: a rate `LOW_POINTS` or more below the parent's.
    pub low: Vec<bool>,
}

/// A rate this many percentage points or more below the parent's is marked low.
pub const LOW_POINTS: i64 = 10;

pub fn view(site: &Site) -> DashboardView {
    let common = site.common("index.html", "全国工作进展", "home", Vec::new());
    let root = &common.root;
    let campaign = site.campaign;
    let u = site.model.units.root();
    let f = site.figures;
    let timeline = &f.timeline;
    let at = |p: Option<usize>| p.map_or(0, |p| timeline.periods[p].months_elapsed);
    let elapsed = timeline.latest.and_then(|p| timeline.time_elapsed(p));
    let progress = Progress {
        time_text: super::format::percent(elapsed.map_or(0.0, |v| v.to_f64())),
        period: timeline
            .latest
            .map_or(String::new(), |p| site.model.calendar.periods[p].id.clone()),
        time_pct: elapsed.map_or(0.0, |v| v.to_f64() * 100.0),
        months_elapsed: at(timeline.latest),
        months: timeline.months,
        reporting: figs(
            f,
            campaign,
            u,
            &[Derived::ReportingRate.into(), Derived::Timeliness.into()],
        ),
        strengths: figs(f, campaign, u, &strength_metrics()),
    };
    DashboardView {
        period: site.model.calendar.periods[campaign].id.clone(),
        unit: site.model.units.units[u].code.clone(),
        pillars: pillar_cards(site, campaign, u),
        charts: trend_charts(site, u, campaign),
        ranking: ranking(site, campaign, u, root),
        followup: super::followup::section(site, u, root),
        practices: super::lists::newest_practices(site, u, root, 8),
        promoted: super::lists::promoted_practices(site, u, root, 8),
        progress,
        common,
    }
}

/// The five strengths the project has targets for, then “all five”.
fn strength_metrics() -> Vec<Metric> {
    Strength::ALL
        .iter()
        .map(|s| Derived::Strong(*s).into())
        .chain([Derived::FiveStrong.into()])
        .collect()
}

/// A card for each pillar of 一二三四五 with its headline figures.
pub fn pillar_cards(site: &Site, period: usize, unit: usize) -> Vec<PillarCard> {
    let m = site.model;
    let f = site.figures;
    let with_reported = |pillar: Pillar, derived: &[Derived]| -> Vec<Fig> {
        let mut list: Vec<Metric> = derived.iter().map(|d| (*d).into()).collect();
        list.extend(
            (0..m.indicators.len())
                .filter(|i| m.indicators[*i].pillar == pillar)
                .map(Metric::Reported),
        );
        figs(f, period, unit, &list)
    };
    let card = |pillar: Pillar, meaning: &'static str, figs: Vec<Fig>| PillarCard {
        name: Pillar::ALL
            .iter()
            .find(|(p, _)| *p == pillar)
            .map_or("", |(_, n)| n),
        meaning,
        figs,
    };
    use Derived::*;
    vec![
        card(
            Pillar::MainLine,
            "学习宣传贯彻党的二十大精神，面对面开展宣传宣讲",
            with_reported(Pillar::MainLine, &[]),
        ),
        card(
            Pillar::TwoCombinations,
            "上级工会对口联系指导与县级工会主体作用相结合，顶层设计与基层创新相结合",
            with_reported(
                Pillar::TwoCombinations,
                &[PairingCoverage, CountyPracticeShare],
            ),
        ),
        card(
            Pillar::ThreeSinkings,
            "推动人力、财力、物力向县级和基层下沉",
            with_reported(Pillar::ThreeSinkings, &[]),
        ),
        card(
            Pillar::FourTasks,
            "对口联系、调查研究、解决问题、巩固深化",
            with_reported(
                Pillar::FourTasks,
                &[
                    PairingsInForce,
                    OnsiteVisits,
                    VisitCoverage,
                    ProblemsFound(None),
                    ResolutionRate(None),
                    Practices,
                    PracticesPromoted,
                ],
            ),
        ),
        card(
            Pillar::FiveStrengths,
            "政治引领强、组织功能强、服务阵地强、制度机制强、作用发挥强（按各县累计数对照目标）",
            figs(f, period, unit, &strength_metrics()),
        ),
    ]
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

/// True when a period covers fewer months than others of its kind: the campaign's window
/// clips it (the “bimonth” of September 2023 is one month).
pub fn is_short(site: &Site, period: usize) -> bool {
    let p = &site.model.calendar.periods[period];
    let months = p.last_month - p.first_month + 1;
    let full = match p.kind {
        PeriodKind::Month | PeriodKind::Campaign => return false,
        PeriodKind::Bimonth => 2,
        PeriodKind::Quarter => 3,
        PeriodKind::Half => 6,
    };
    months < full
}

/// `9—10月`, or `9月（单月）` for a one-month bimonth: a chart's or a table's column label.
pub fn axis_label(site: &Site, period: usize) -> String {
    let short = short_label(site, period);
    let p = &site.model.calendar.periods[period];
    if is_short(site, period) && p.first_month == p.last_month {
        format!("{short}（单月）")
    } else {
        short
    }
}

/// The year under each label of a row of periods (`2022年`): under the first, and wherever
/// the year changes.
pub fn axis_years(site: &Site, periods: &[usize]) -> Vec<Option<String>> {
    let year = |p: usize| {
        let label = &site.model.calendar.periods[p].label;
        label.split_once('年').map(|(y, _)| format!("{y}年"))
    };
    let mut last = None;
    periods
        .iter()
        .map(|p| {
            let y = year(*p);
            let shown = (y != last).then(|| y.clone()).flatten();
            last = y;
            shown
        })
        .collect()
}

/// Trend charts over the bimonths for one unit, up to the end of period `until`.
pub fn trend_charts(site: &Site, unit: usize, until: usize) -> Vec<ChartView> {
    let m = site.model;
    let f = site.figures;
    let end = m.calendar.periods[until].last_month;
    let periods: Vec<usize> = site
        .bimonths
        .iter()
        .copied()
        .filter(|p| m.calendar.periods[*p].last_month <= end)
        .collect();
    let periods = &periods;
    let axis = Axis {
        labels: periods.iter().map(|p| axis_label(site, *p)).collect(),
        years: axis_years(site, periods),
        short: periods.iter().map(|p| is_short(site, *p)).collect(),
    };
    let short_note = periods
        .iter()
        .find(|p| is_short(site, **p))
        .map(|p| {
            format!(
                "{}只有一个月（专项工作到此结束），这一期的次数、个数只计一个月，用空心点和虚线画出，不宜与前面的双月直接比较。",
                m.calendar.periods[*p].label
            )
        });
    let full: Vec<String> = periods
        .iter()
        .map(|p| m.calendar.periods[*p].label.clone())
        .collect();
    let span = format!(
        "{}至{}",
        full.first().cloned().unwrap_or_default(),
        full.last().cloned().unwrap_or_default()
    );
    let mut charts = Vec::new();
    let mut make = |id: &str, title: String, metrics: &[Metric], scale: Scale| {
        let columns: Vec<usize> = metrics.iter().filter_map(|x| f.column(*x)).collect();
        if columns.is_empty() {
            return;
        }
        let list: Vec<Series> = columns
            .iter()
            .map(|k| Series {
                name: f.metrics[*k].label.clone(),
                points: periods
                    .iter()
                    .map(|p| {
                        f.get(*p, unit, *k)
                            .and_then(|c| c.value)
                            .map(|v| v.to_f64())
                    })
                    .collect(),
            })
            .collect();
        let svg = line_chart(&title, &axis, &list, scale);
        let headers = std::iter::once("期间".to_string())
            .chain(list.iter().map(|s| s.name.clone()))
            .collect();
        let rows = periods
            .iter()
            .zip(&full)
            .map(|(p, label)| ChartRow {
                period: m.calendar.periods[*p].id.clone(),
                unit: String::new(),
                label: label.clone(),
                cells: columns
                    .iter()
                    .map(|k| ChartCell {
                        text: cell_text(f, *p, unit, *k).0,
                        metric: f.metrics[*k].code.clone(),
                    })
                    .collect(),
            })
            .collect();
        let names: Vec<String> = list.iter().map(|s| s.name.clone()).collect();
        let mut chart = ChartView::new(id, &title, svg, headers, rows).with_legend(&names);
        if scale == Scale::PerPeriod {
            chart.note = short_note.clone().unwrap_or_default();
        }
        charts.push(chart);
    };
    make(
        "trend-reporting",
        format!("双月报送率与及时率（{span}）"),
        &[Derived::ReportingRate.into(), Derived::Timeliness.into()],
        Scale::Percent,
    );
    make(
        "trend-strengths",
        format!("“五强”累计达标率（{span}）"),
        &strength_metrics(),
        Scale::Percent,
    );
    // A single county's visits and problems per bimonth are a few each: its figures table
    // shows them better than a chart.
    if m.units.units[unit].level != Level::County {
        make(
            "trend-ledgers",
            format!("实地调研与问题清单（{span}，每两月）"),
            &[
                Derived::OnsiteVisits.into(),
                Derived::ProblemsFound(None).into(),
                Derived::ProblemsResolved(None).into(),
            ],
            Scale::PerPeriod,
        );
    }
    charts
}

/// Children of a unit ranked by reporting rate (then timeliness, then code), with their key
/// figures, the unit's own figures as the yardstick, and low rates marked.
pub fn ranking(site: &Site, period: usize, unit: usize, root: &str) -> RankTable {
    let m = site.model;
    let f = site.figures;
    let present: Vec<usize> = super::KEY_FIGURES
        .iter()
        .filter_map(|x| f.column(*x))
        .collect();
    let headers = present
        .iter()
        .map(|k| f.metrics[*k].label.clone())
        .collect();
    let parent_cells: Vec<Fig> = present.iter().map(|k| fig(f, period, unit, *k)).collect();
    let mut rows: Vec<RankRow> = m.units.units[unit]
        .children
        .iter()
        .filter(|c| m.units.is_territorial(**c))
        .map(|c| {
            let cells: Vec<Fig> = present.iter().map(|k| fig(f, period, *c, *k)).collect();
            RankRow {
                link: site.unit_link(*c, root),
                unit: m.units.units[*c].code.clone(),
                low: cells
                    .iter()
                    .zip(&parent_cells)
                    .map(|(x, p)| is_low(x, p))
                    .collect(),
                cells,
            }
        })
        .collect();
    let key = |r: &RankRow, i: usize| {
        r.cells
            .get(i)
            .and_then(|f| f.sort.parse::<f64>().ok())
            .unwrap_or(-1.0)
    };
    rows.sort_by(|a, b| {
        key(b, 0)
            .total_cmp(&key(a, 0))
            .then_with(|| key(b, 1).total_cmp(&key(a, 1)))
            .then_with(|| a.unit.cmp(&b.unit))
    });
    let parent_label = if unit == m.units.root() {
        "全国".to_string()
    } else {
        m.units.units[unit].name.clone()
    };
    let legend = rank_legend(&parent_label, true);
    RankTable {
        period: m.calendar.periods[period].id.clone(),
        headers,
        parent: (!rows.is_empty()).then(|| RankRow {
            link: site.unit_link(unit, root),
            unit: m.units.units[unit].code.clone(),
            low: vec![false; parent_cells.len()],
            cells: parent_cells,
        }),
        parent_label,
        legend,
        rows,
    }
}

/// How a ranking is ordered and what its first row and its marks mean; `on_screen` adds how
/// to re-sort it (not for paper).
pub fn rank_legend(parent_label: &str, on_screen: bool) -> String {
    let click = if on_screen {
        "，点击表头可按其他指标排列，序号随之变化"
    } else {
        ""
    };
    format!(
        "按报送率由高到低排列（相同时按及时率）{click}；“{parent_label}”一行是{parent_label}整体的数字（比率按合计计算，篇数为合计），不是各地数字的平均；▼表示比{parent_label}低十个百分点及以上。"
    )
}

/// A rate `LOW_POINTS` or more percentage points below the parent's, as both are shown (to
/// one decimal).
pub fn is_low(x: &Fig, parent: &Fig) -> bool {
    match (x.pct, parent.pct) {
        (Some(v), Some(p)) => {
            let tenths = |v: f64| (v * 10.0).round() as i64;
            tenths(p) - tenths(v) >= LOW_POINTS * 10
        }
        _ => false,
    }
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
    let reference = table
        .parent
        .as_ref()
        .and_then(|p| p.cells.first())
        .and_then(|f| f.pct)
        .map(|p| (table.parent_label.as_str(), p / 100.0));
    let svg = bar_chart(title, &labels, &values, reference);
    let header = table.headers.first().cloned().unwrap_or_default();
    let rows = table
        .parent
        .iter()
        .chain(&table.rows)
        .map(|r| ChartRow {
            period: table.period.clone(),
            unit: r.unit.clone(),
            label: if Some(r.unit.as_str()) == table.parent.as_ref().map(|p| p.unit.as_str()) {
                table.parent_label.clone()
            } else {
                r.link.name.clone()
            },
            cells: r
                .cells
                .first()
                .map(|f| ChartCell {
                    text: f.text.clone(),
                    metric: f.code.clone(),
                })
                .into_iter()
                .collect(),
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
