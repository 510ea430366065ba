//! The national dashboard: campaign progress, a card per pillar, trends, the province
//! ranking and the lagging units.

use serde::Serialize;

use super::chart::{ChartCell, ChartRow, ChartView};
use super::format::{Fig, cell_text, count_of, fig, figs};
use super::{Common, Link, Site};
use crate::engine::{Derived, FollowItem, FollowKind, Metric, state_on};
use crate::model::{Level, Pillar, Strength};
use crate::render::charts::{Series, bar_chart, line_chart};

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
    lagging: Vec<LagList>,
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
}

#[derive(Serialize)]
pub struct RankRow {
    pub link: Link,
    /// The row's unit code (`data-u`).
    pub unit: String,
    pub cells: Vec<Fig>,
}

/// One kind of the follow-up list, as of one reporting period, for the units under a page's
/// unit: the figure that counts it and the first `LAG_LIMIT` items.
#[derive(Serialize)]
pub struct LagList {
    pub title: String,
    pub hint: String,
    /// The `kind` of `followup.csv`, the period and the counting metric, for `data-` attributes.
    pub kind: &'static str,
    pub period: String,
    pub metric: String,
    pub total: u32,
    pub items: Vec<LagItem>,
}

#[derive(Serialize)]
pub struct LagItem {
    pub link: Link,
    pub place: String,
    pub detail: String,
    /// The county's code, and the problem id or the pairing's upper (as in `followup.csv`).
    pub unit: String,
    pub subject: String,
}

const LAG_LIMIT: usize = 200;

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
        lagging: lagging(site, u, root),
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
    let x: Vec<String> = periods.iter().map(|p| short_label(site, *p)).collect();
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
    let mut make = |id: &str, title: String, metrics: &[Metric], percent_axis: bool| {
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
        let svg = line_chart(&title, &x, &list, percent_axis);
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
        charts.push(ChartView::new(id, &title, svg, headers, rows).with_legend(&names));
    };
    make(
        "trend-reporting",
        format!("双月报送率与及时率（{span}）"),
        &[Derived::ReportingRate.into(), Derived::Timeliness.into()],
        true,
    );
    make(
        "trend-strengths",
        format!("“五强”累计达标率（{span}）"),
        &strength_metrics(),
        true,
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
            false,
        );
    }
    charts
}

/// Children of a unit ranked by reporting rate, with their key figures.
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
    let mut rows: Vec<RankRow> = m.units.units[unit]
        .children
        .iter()
        .filter(|c| m.units.is_territorial(**c))
        .map(|c| RankRow {
            link: site.unit_link(*c, root),
            unit: m.units.units[*c].code.clone(),
            cells: present.iter().map(|k| fig(f, period, *c, *k)).collect(),
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
    RankTable {
        period: m.calendar.periods[period].id.clone(),
        headers,
        rows,
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
    let svg = bar_chart(title, &labels, &values);
    let header = table.headers.first().cloned().unwrap_or_default();
    let rows = table
        .rows
        .iter()
        .map(|r| ChartRow {
            period: table.period.clone(),
            unit: r.unit.clone(),
            label: r.link.name.clone(),
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

/// The figure that counts a kind of follow-up item.
pub fn followup_metric(kind: FollowKind) -> Derived {
    match kind {
        FollowKind::NotReported => Derived::CountiesMissing,
        FollowKind::Late => Derived::CountiesLate,
        FollowKind::NeverVisited => Derived::PairingsUnvisited,
        FollowKind::OpenOver90Days => Derived::ProblemsOpenOver90Days,
    }
}

/// Units under `unit` that need a push, from the follow-up list as of the latest reporting
/// period with reports (for reports) or the data cut-off (for pairings and problems).
pub fn lagging(site: &Site, unit: usize, root: &str) -> Vec<LagList> {
    let m = site.model;
    let cal = &m.calendar;
    let f = site.figures;
    let timeline = &f.timeline;
    let Some(current) = timeline.current(cal) else {
        return Vec::new();
    };
    let as_of = cal.periods[current].last_day;
    let label = &cal.periods[current].label;
    let due = timeline.periods[current]
        .deadline
        .map_or(String::new(), crate::model::date::chinese);
    let mut lists = Vec::new();
    for kind in FollowKind::ALL {
        let (title, hint) = match kind {
            FollowKind::NotReported | FollowKind::Late if timeline.latest.is_none() => continue,
            FollowKind::NotReported => (
                format!("{label}未报送"),
                format!("截至目前没有收到这些县级工会{label}的报表。"),
            ),
            FollowKind::Late => (format!("{label}迟报"), format!("应于{due}前报送。")),
            FollowKind::NeverVisited => (
                "对口联系尚未实地调研".to_string(),
                format!(
                    "截至{as_of}，上级工会尚未到这些对口联系县实地调研（讲话要求每个对口联系县一年内至少实地调研一次）。"
                ),
            ),
            FollowKind::OpenOver90Days => (
                "问题超过90天未销号".to_string(),
                format!("截至{as_of}，发现已超过90天仍未销号的问题，按时间长短排列。"),
            ),
        };
        let items = f
            .followup
            .under(current, kind, unit, &m.units)
            .take(LAG_LIMIT)
            .map(|x| lag_item(site, x, root))
            .collect();
        lists.push(LagList {
            title,
            hint,
            kind: kind.code(),
            period: cal.periods[current].id.clone(),
            metric: followup_metric(kind).definition().code,
            total: count_of(f, current, unit, followup_metric(kind)),
            items,
        });
    }
    lists
}

fn lag_item(site: &Site, x: &FollowItem, root: &str) -> LagItem {
    let m = site.model;
    let detail = match (x.kind, x.subject) {
        (FollowKind::Late, Some(r)) => {
            format!("{}报送，晚{}天", m.reports[r].submitted_on, x.days)
        }
        (FollowKind::NeverVisited, Some(i)) => {
            let p = &m.pairings[i];
            format!("{}（{}起联系）", m.units.units[p.upper].name, p.since)
        }
        (FollowKind::OpenOver90Days, Some(i)) => {
            let p = &m.problems[i];
            let status = state_on(p, m.calendar.periods[x.period].last_day)
                .status()
                .map_or("", |s| s.chinese());
            format!("{}（{}，已{}天，{status}）", p.title, p.id, x.days)
        }
        _ => String::new(),
    };
    LagItem {
        link: site.unit_link(x.county, root),
        place: site.place(x.county),
        detail,
        subject: match (x.kind, x.subject) {
            (FollowKind::OpenOver90Days, Some(i)) => m.problems[i].id.clone(),
            (FollowKind::NeverVisited, Some(i)) => m.units.units[m.pairings[i].upper].code.clone(),
            _ => String::new(),
        },
        unit: m.units.units[x.county].code.clone(),
    }
}
