//! Pages that are mostly lists: the bulletins index, the guide, and the practice items other
//! pages show.

use serde::Serialize;

pub use super::problems::{ProblemRow, problem_row};
use super::{Common, Link, Site, safe_segment};

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
