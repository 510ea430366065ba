//! Pages that are mostly lists: the bulletins index, the problem list, the guide,
//! and the practice items other pages show.

use serde::Serialize;

use super::format::{Part, grouped, percent, quote};
use super::{Common, Link, Site, safe_segment};
use crate::engine::{Derived, StateOn};
use crate::model::{Category, Level, Status};

#[derive(Serialize, Clone)]
pub struct PracticeItem {
    pub title: String,
    pub href: String,
    pub date: String,
    pub unit: Link,
    pub promotion: String,
    pub summary: String,
}

pub fn practice_path(slug: &str) -> String {
    format!("practices/{}/index.html", safe_segment(slug))
}

pub fn practice_item(site: &Site, i: usize, root: &str) -> PracticeItem {
    let p = &site.model.practices[i];
    PracticeItem {
        title: p.title.clone(),
        href: format!("{root}{}", practice_path(&p.slug)),
        date: super::format::date(p.date),
        unit: site.unit_link(p.unit, root),
        promotion: p
            .promotion
            .map_or(String::new(), |x| x.chinese().to_string()),
        summary: p.summary.clone(),
    }
}

/// Practices from units under `unit` (the model keeps them newest first).
fn under<'s>(site: &'s Site, unit: usize) -> impl Iterator<Item = usize> + 's {
    (0..site.model.practices.len()).filter(move |i| {
        site.model
            .units
            .is_under(site.model.practices[*i].unit, unit)
    })
}

pub fn newest_practices(site: &Site, unit: usize, root: &str, n: usize) -> Vec<PracticeItem> {
    under(site, unit)
        .take(n)
        .map(|i| practice_item(site, i, root))
        .collect()
}

/// Up to `n` promoted practices, widest promotion first, leaving out the `n` newest (which
/// `newest_practices` lists beside them).
pub fn promoted_practices(site: &Site, unit: usize, root: &str, n: usize) -> Vec<PracticeItem> {
    let mut list: Vec<usize> = under(site, unit)
        .skip(n)
        .filter(|i| site.model.practices[*i].promotion.is_some())
        .collect();
    // Widest promotion first, then newest (the list is already newest first; sort is stable).
    list.sort_by_key(|i| std::cmp::Reverse(site.model.practices[*i].promotion));
    list.into_iter()
        .take(n)
        .map(|i| practice_item(site, i, root))
        .collect()
}

#[derive(Serialize)]
pub struct ProblemsView {
    #[serde(flatten)]
    common: Common,
    /// The period and unit of the figures shown (`data-p`, `data-u`).
    period: String,
    unit: String,
    scope: String,
    cut_off: String,
    summary: Vec<ProblemSummaryRow>,
    categories: Vec<ProblemSummaryRow>,
    problems: Vec<ProblemRow>,
    /// The problems found after the cut-off, listed apart: they count in no figure yet.
    later: Vec<ProblemRow>,
    /// The number of problems listed, quoting its figure (HTML).
    listed_count: String,
    listed: bool,
}

/// A province or a category of the problem list, with its problems by status at the cut-off:
/// each number a campaign figure.
#[derive(Serialize)]
struct ProblemSummaryRow {
    /// The province's problem page; empty for a category.
    link: Link,
    /// The province's code (`data-u`), or empty.
    unit: String,
    /// Found, resolved, in progress, open, rate.
    cells: Vec<SummaryCell>,
}

/// A number of a tally and the figure it is (`data-m`, `data-part`).
#[derive(Serialize)]
struct SummaryCell {
    text: String,
    metric: String,
    part: &'static str,
}

#[derive(Serialize)]
pub struct ProblemRow {
    pub id: String,
    pub county: Link,
    pub place: String,
    pub found_by: String,
    pub found_on: String,
    pub category: &'static str,
    pub title: String,
    pub measures: String,
    /// The status on the campaign's last day (a problem resolved later reads 推进中).
    pub status: &'static str,
    pub status_class: &'static str,
    pub resolved_on: String,
    /// “2024年1月25日销号（截止日后）” for a problem resolved after the cut-off.
    pub note: String,
}

pub fn problem_row(site: &Site, i: usize, root: &str) -> ProblemRow {
    let p = &site.model.problems[i];
    let state = site.figures.ledgers.at_campaign_end[i];
    let status = state.status().unwrap_or(p.status);
    let (resolved_on, note) = match state {
        StateOn::Resolved(d) => (d.to_string(), String::new()),
        StateOn::ResolvedLater(d) => (
            String::new(),
            format!("{}销号（截止日后）", crate::model::date::chinese(d)),
        ),
        StateOn::NotYetFound => (
            p.resolved_on.map_or(String::new(), |d| d.to_string()),
            "截止日后发现".to_string(),
        ),
        _ => (String::new(), String::new()),
    };
    ProblemRow {
        id: p.id.clone(),
        county: site.unit_link(p.county, root),
        place: site.place(p.county),
        found_by: p
            .found_by
            .map_or(String::new(), |u| site.model.units.units[u].name.clone()),
        found_on: p.found_on.to_string(),
        category: p.category.chinese(),
        title: p.title.clone(),
        measures: p.measures.clone(),
        status: status.chinese(),
        status_class: match status {
            Status::Open => "open",
            Status::InProgress => "progress",
            Status::Resolved => "resolved",
        },
        resolved_on,
        note,
    }
}

/// A row of the tallies: problems found by the campaign's end (the denominator of the
/// resolution rate), resolved by then (its numerator), in progress, open, and the rate.
fn summary_row(
    site: &Site,
    unit: usize,
    category: Option<Category>,
    link: Link,
    code: String,
) -> ProblemSummaryRow {
    let f = site.figures;
    let p = site.campaign;
    let rate = Derived::ResolutionRate(category);
    let cell = |d: Derived| f.cell(p, unit, d).copied().unwrap_or_default();
    let number = |n: Option<u32>| n.map_or("—".to_string(), |n| grouped(&n.to_string()));
    let count = |d: Derived| match cell(d).value {
        Some(crate::engine::Value::Count(n)) => number(Some(n)),
        _ => "—".to_string(),
    };
    let of = |text: String, d: Derived, part: &'static str| SummaryCell {
        text,
        metric: d.definition().code,
        part,
    };
    let in_progress = Derived::ProblemsInProgress(category);
    let open = Derived::ProblemsOpen(category);
    ProblemSummaryRow {
        link,
        unit: code,
        cells: vec![
            of(number(cell(rate).expected), rate, "expected"),
            of(number(cell(rate).reported), rate, "reported"),
            of(count(in_progress), in_progress, ""),
            of(count(open), open, ""),
            of(
                cell(rate)
                    .value
                    .map_or("—".to_string(), |v| percent(v.to_f64())),
                rate,
                "",
            ),
        ],
    }
}

/// The whole list (`scope` None: a summary by province) or one province's full list, each
/// problem with its status on the campaign's last day; every tally is a campaign figure.
pub fn problems_view(site: &Site, scope: Option<usize>) -> ProblemsView {
    let m = site.model;
    let f = site.figures;
    let (path, title) = match scope {
        None => ("problems/index.html".to_string(), "问题清单".to_string()),
        Some(u) => (
            format!(
                "problems/{}/index.html",
                safe_segment(&m.units.units[u].code)
            ),
            format!("问题清单 · {}", m.units.units[u].name),
        ),
    };
    let mut crumbs = Vec::new();
    let common_root = "../".repeat(path.matches('/').count());
    if scope.is_some() {
        crumbs.push(Link {
            name: "问题清单".into(),
            href: format!("{common_root}problems/index.html"),
        });
    }
    let common = site.common(&path, &title, "problems", crumbs);
    let area = scope.unwrap_or(m.units.root());
    let mut summary = Vec::new();
    if scope.is_none() {
        for &c in &m.units.units[m.units.root()].children {
            if m.units.units[c].level != Level::Province {
                continue;
            }
            let href = format!(
                "{}problems/{}/index.html",
                common.root,
                safe_segment(&m.units.units[c].code)
            );
            let link = Link {
                name: m.units.units[c].name.clone(),
                href,
            };
            summary.push(summary_row(
                site,
                c,
                None,
                link,
                m.units.units[c].code.clone(),
            ));
        }
    }
    let categories = Category::ALL
        .iter()
        .map(|cat| {
            let link = Link {
                name: cat.chinese().to_string(),
                href: String::new(),
            };
            summary_row(site, area, Some(*cat), link, String::new())
        })
        .collect();
    // The national page lists every problem only when there are no province pages to hold them.
    let listed = scope.is_some() || summary.is_empty();
    let (mut problems, mut later) = (Vec::new(), Vec::new());
    if listed {
        for i in site.problems_under(area) {
            let row = problem_row(site, i, &common.root);
            if f.ledgers.at_campaign_end[i] == StateOn::NotYetFound {
                later.push(row);
            } else {
                problems.push(row);
            }
        }
    }
    ProblemsView {
        period: m.calendar.periods[site.campaign].id.clone(),
        unit: m.units.units[area].code.clone(),
        scope: title,
        cut_off: crate::model::date::chinese(m.calendar.periods[site.campaign].last_day),
        listed_count: quote(
            f,
            site.campaign,
            area,
            Derived::ResolutionRate(None),
            Part::Expected,
        ),
        common,
        summary,
        categories,
        problems,
        later,
        listed,
    }
}

#[derive(Serialize)]
pub struct GuideView {
    #[serde(flatten)]
    common: Common,
    body: String,
    indicators: Vec<IndicatorRow>,
    /// The derived figures of the metric table: how each is computed.
    figures: Vec<FigureRow>,
    deadlines: Vec<Link>,
    /// The rule, e.g. 报告期结束后10天内 or 报告期结束后5个工作日内.
    grace_rule: String,
    working_days: bool,
    /// Calendar days, or working days when `working_days`.
    grace_days: u32,
}

#[derive(Serialize)]
struct FigureRow {
    label: String,
    code: String,
    measure: String,
    group: &'static str,
    how: String,
}

#[derive(Serialize)]
struct IndicatorRow {
    name: String,
    code: String,
    pillar: &'static str,
    item: String,
    measure: String,
    time_agg: &'static str,
    unit_agg: &'static str,
    target: String,
    description: String,
}

/// 使用说明: the guide's Markdown, with the indicators and deadlines of this project.
pub fn guide_view(site: &Site) -> GuideView {
    use crate::model::{Pillar, TimeAgg, UnitAgg};
    let m = site.model;
    let common = site.common("guide/index.html", "使用说明", "guide", Vec::new());
    let indicators = m
        .indicators
        .iter()
        .map(|i| IndicatorRow {
            name: i.name.clone(),
            code: i.code.clone(),
            pillar: Pillar::ALL
                .iter()
                .find(|(p, _)| *p == i.pillar)
                .map_or("", |(_, n)| n),
            item: i.item.clone(),
            measure: i.measure.clone(),
            time_agg: match i.time_agg {
                TimeAgg::Sum => "各期累计",
                TimeAgg::Last => "取最近一期",
            },
            unit_agg: match i.unit_agg {
                UnitAgg::Sum => "相加",
                UnitAgg::Mean => "平均",
                UnitAgg::Share => "占比",
            },
            target: i.target.map_or(String::new(), |t| {
                if i.yes_no {
                    "是".to_string()
                } else {
                    t.normalize().to_string()
                }
            }),
            description: i.description.clone(),
        })
        .collect();
    let cal = &m.calendar;
    let timeline = &site.figures.timeline;
    let deadlines = (0..cal.periods.len())
        .filter_map(|p| {
            timeline.periods[p].deadline.map(|d| Link {
                name: cal.periods[p].label.clone(),
                href: crate::model::date::chinese(d),
            })
        })
        .collect();
    let figures = site
        .figures
        .metrics
        .iter()
        .filter(|d| match d.metric {
            crate::engine::Metric::Derived(x) => x.category().is_none(),
            crate::engine::Metric::Reported(_) => false,
        })
        .map(|d| FigureRow {
            label: d.label.clone(),
            code: d.code.clone(),
            measure: d.measure.clone(),
            group: match d.group {
                crate::engine::Group::Reporting => "报送情况",
                crate::engine::Group::Pillar(p) => Pillar::ALL
                    .iter()
                    .find(|(x, _)| *x == p)
                    .map_or("", |(_, n)| n),
            },
            how: d.how.clone(),
        })
        .collect();
    let (working_days, grace_days) = match cal.grace {
        crate::model::Grace::Days(n) => (false, n),
        crate::model::Grace::WorkingDays(n) => (true, n),
    };
    GuideView {
        body: crate::render::markdown::to_html(&m.guide),
        indicators,
        figures,
        deadlines,
        grace_rule: cal.grace.chinese(),
        working_days,
        grace_days,
        common,
    }
}
