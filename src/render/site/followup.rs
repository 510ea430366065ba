//! The units to push (督促): on the dashboard and every province and prefecture page, the
//! engine's follow-up list for the current reporting period — not reported, late, pairings
//! never visited on site, problems open over 90 days — the first items of each kind, a table
//! of counts per child unit, and the complete lists on pages of `PER_PAGE` items.

use serde::Serialize;

use super::format::{Fig, count_of, fig_of};
use super::{Common, Link, Site, safe_segment};
use crate::engine::{Derived, FollowItem, FollowKind, state_on};
use crate::model::Level;
use crate::model::date::chinese;
use crate::render::Sink;

/// Items of each kind shown on a unit's page; the rest are on its follow-up pages.
pub const SHOWN: usize = 10;
/// Items on one follow-up page.
pub const PER_PAGE: usize = 100;

/// One kind of the follow-up list, as of one reporting period, for the units under a page's
/// unit: the figure that counts it and its first items.
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
    /// The first of the pages listing every item, when the page shows only the first ones.
    pub all_href: String,
}

#[derive(Serialize)]
pub struct LagItem {
    pub link: Link,
    /// Where the county lies below the page's unit (`石家庄市`), for lists that mix places.
    pub place: String,
    pub detail: String,
    /// The county's code, and the problem id or the pairing's upper (as in `followup.csv`).
    pub unit: String,
    pub subject: String,
}

/// The section of a page: the lists, and the counts of each child unit.
#[derive(Serialize)]
pub struct FollowupSection {
    /// The reporting period the lists speak for (`data-p`) and its label.
    pub period: String,
    pub label: String,
    pub lists: Vec<LagList>,
    /// The four counts for each child (a row per child, `data-u`), in tree order.
    pub children: Vec<ChildCounts>,
    pub headers: Vec<String>,
    pub first: &'static str,
    /// The lists mix provinces (the national page).
    pub by_province: bool,
}

#[derive(Serialize)]
pub struct ChildCounts {
    pub link: Link,
    pub unit: String,
    pub cells: Vec<Fig>,
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

/// Title and explanation of a kind as of reporting period `current`.
fn heading(site: &Site, kind: FollowKind, current: usize) -> (String, String) {
    let cal = &site.model.calendar;
    let as_of = chinese(cal.periods[current].last_day);
    let label = &cal.periods[current].label;
    let due = site.figures.timeline.periods[current]
        .deadline
        .map_or(String::new(), chinese);
    match kind {
        FollowKind::NotReported => (
            format!("{label}未报送"),
            format!("应于{due}前报送。截至目前没有收到这些县级工会的报表。"),
        ),
        FollowKind::Late => (
            format!("{label}迟报"),
            format!("应于{due}前报送。晚报天数多的在前。"),
        ),
        FollowKind::NeverVisited => (
            "对口联系尚未实地调研".to_string(),
            format!(
                "截至{as_of}，上级工会尚未到这些对口联系县实地调研（讲话要求每个对口联系县一年内至少实地调研一次）；联系时间长的在前。"
            ),
        ),
        FollowKind::OpenOver90Days => (
            "问题超过90天未销号".to_string(),
            format!("截至{as_of}，发现已超过90天仍未销号的问题；未销号时间长的在前。"),
        ),
    }
}

/// The kinds a page lists: reports only once any arrived.
fn kinds(site: &Site) -> Vec<FollowKind> {
    FollowKind::ALL
        .into_iter()
        .filter(|k| {
            site.figures.timeline.latest.is_some()
                || !matches!(k, FollowKind::NotReported | FollowKind::Late)
        })
        .collect()
}

/// The items of one kind under `unit`, in the engine's order (province, then the most serious
/// first). The list holds each province's items in one run, found by bisection, so a page
/// reads only its own province's items.
pub fn items_under<'a>(
    site: &'a Site,
    period: usize,
    kind: FollowKind,
    unit: usize,
) -> Vec<&'a FollowItem> {
    let units = &site.model.units;
    let list = site.figures.followup.list(period, kind);
    if unit == units.root() {
        return list.iter().collect();
    }
    let top = top_of(site, unit);
    let start = list.partition_point(|x| top_of(site, x.county) < top);
    let end = start + list[start..].partition_point(|x| top_of(site, x.county) == top);
    list[start..end]
        .iter()
        .filter(|x| units.is_under(x.county, unit))
        .collect()
}

/// The unit just under the root that holds `unit` (its province).
fn top_of(site: &Site, unit: usize) -> usize {
    let units = &site.model.units;
    let mut at = unit;
    while let Some(p) = units.units[at].parent {
        if p == units.root() {
            break;
        }
        at = p;
    }
    at
}

/// Units under `unit` that need a push, as of the latest reporting period with reports (for
/// reports) and its end (for pairings and problems): the first `SHOWN` of each kind.
pub fn lagging(site: &Site, unit: usize, root: &str) -> Vec<LagList> {
    let m = site.model;
    let cal = &m.calendar;
    let f = site.figures;
    let Some(current) = f.timeline.current(cal) else {
        return Vec::new();
    };
    kinds(site)
        .into_iter()
        .map(|kind| {
            let (title, hint) = heading(site, kind, current);
            let all = items_under(site, current, kind, unit);
            let total = count_of(f, current, unit, followup_metric(kind));
            LagList {
                title,
                hint,
                kind: kind.code(),
                period: cal.periods[current].id.clone(),
                metric: followup_metric(kind).definition().code,
                total,
                all_href: if all.len() > SHOWN {
                    format!("{root}{}", page_path(&m.units.units[unit].code, kind, 1))
                } else {
                    String::new()
                },
                items: all
                    .into_iter()
                    .take(SHOWN)
                    .map(|x| lag_item(site, x, unit, root))
                    .collect(),
            }
        })
        .collect()
}

/// The whole section of a unit's page.
pub fn section(site: &Site, unit: usize, root: &str) -> Option<FollowupSection> {
    let m = site.model;
    let cal = &m.calendar;
    let current = site.figures.timeline.current(cal)?;
    let kinds = kinds(site);
    let metrics: Vec<Derived> = kinds.iter().copied().map(followup_metric).collect();
    // Short headings, so a phone shows more than two columns; the cells carry the measure.
    let headers = kinds
        .iter()
        .map(|k| {
            match k {
                FollowKind::NotReported => "未报送",
                FollowKind::Late => "迟报",
                FollowKind::NeverVisited => "未实地调研",
                FollowKind::OpenOver90Days => "超90天未销号",
            }
            .to_string()
        })
        .collect();
    let children = m.units.units[unit]
        .children
        .iter()
        .filter(|c| m.units.is_territorial(**c))
        .map(|c| ChildCounts {
            link: site.unit_link(*c, root),
            unit: m.units.units[*c].code.clone(),
            cells: metrics
                .iter()
                .filter_map(|d| fig_of(site.figures, current, *c, *d))
                .collect(),
        })
        .collect();
    Some(FollowupSection {
        period: cal.periods[current].id.clone(),
        label: cal.periods[current].label.clone(),
        lists: lagging(site, unit, root),
        by_province: unit == m.units.root(),
        children,
        headers,
        first: match m.units.units[unit].level {
            Level::Province => "地市",
            Level::Prefecture => "县级工会",
            _ => "地区",
        },
    })
}

fn lag_item(site: &Site, x: &FollowItem, page_unit: usize, root: &str) -> LagItem {
    let m = site.model;
    let detail = match (x.kind, x.subject) {
        (FollowKind::Late, Some(r)) => {
            format!("{}报送，晚{}天", chinese(m.reports[r].submitted_on), x.days)
        }
        (FollowKind::NeverVisited, Some(i)) => {
            let p = &m.pairings[i];
            format!(
                "{}，{}起联系",
                m.units.units[p.upper].name,
                chinese(p.since)
            )
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
    let path = m.units.path(x.county);
    let place = path
        .iter()
        .skip_while(|u| **u != page_unit)
        .skip(1)
        .filter(|u| **u != x.county)
        .map(|u| m.units.units[*u].name.as_str())
        .collect::<Vec<_>>()
        .join(" · ");
    LagItem {
        link: site.unit_link(x.county, root),
        place,
        detail,
        subject: match (x.kind, x.subject) {
            (FollowKind::OpenOver90Days, Some(i)) => m.problems[i].id.clone(),
            (FollowKind::NeverVisited, Some(i)) => m.units.units[m.pairings[i].upper].code.clone(),
            _ => String::new(),
        },
        unit: m.units.units[x.county].code.clone(),
    }
}

/// `followup/13/late-2.html`: page `n` (from 1) of a unit's list of one kind.
pub fn page_path(code: &str, kind: FollowKind, n: usize) -> String {
    format!("followup/{}/{}-{n}.html", safe_segment(code), kind.code())
}

/// A page of a complete list: the items under a province grouped under its name and count.
#[derive(Serialize)]
pub struct FollowupPage {
    #[serde(flatten)]
    common: Common,
    period: String,
    unit: String,
    kind: &'static str,
    title: String,
    hint: String,
    metric: String,
    total: u32,
    groups: Vec<PageGroup>,
    /// The national list, grouped by province.
    by_province: bool,
    pages: Vec<PageLink>,
    back: Link,
}

#[derive(Serialize)]
struct PageGroup {
    /// The province (on the national list) and its count, or empty.
    name: String,
    unit: String,
    count: u32,
    items: Vec<LagItem>,
}

#[derive(Serialize)]
struct PageLink {
    href: String,
    name: String,
    current: bool,
}

/// Every follow-up page: for the root, each province and each prefecture, the kinds with more
/// items than its page shows, `PER_PAGE` a page.
pub fn write_pages(site: &Site, sink: &dyn Sink) -> Result<(), String> {
    use rayon::prelude::*;
    let m = site.model;
    let Some(current) = site.figures.timeline.current(&m.calendar) else {
        return Ok(());
    };
    let units: Vec<usize> = (0..m.units.len())
        .filter(|u| {
            *u == m.units.root()
                || matches!(m.units.units[*u].level, Level::Province | Level::Prefecture)
        })
        .collect();
    units.into_par_iter().try_for_each(|u| {
        for kind in kinds(site) {
            let items = items_under(site, current, kind, u);
            if items.len() <= SHOWN {
                continue;
            }
            let count = items.len().div_ceil(PER_PAGE);
            for (k, chunk) in items.chunks(PER_PAGE).enumerate() {
                let path = page_path(&m.units.units[u].code, kind, k + 1);
                let view = page_view(site, current, kind, u, chunk, k + 1, count, &path);
                site.emit(sink, &path, "followup.html", &view)?;
            }
        }
        Ok(())
    })
}

#[allow(clippy::too_many_arguments)]
fn page_view(
    site: &Site,
    current: usize,
    kind: FollowKind,
    unit: usize,
    chunk: &[&FollowItem],
    n: usize,
    count: usize,
    path: &str,
) -> FollowupPage {
    let m = site.model;
    let root = "../".repeat(path.matches('/').count());
    let (title, hint) = heading(site, kind, current);
    let name = if unit == m.units.root() {
        "全国"
    } else {
        m.units.units[unit].name.as_str()
    };
    let mut crumbs = site.unit_crumbs(unit, &root);
    if let Some(last) = crumbs.last_mut() {
        last.href.push_str("#followup");
    }
    let common = site.common(path, &format!("{title}（{name}）"), "units", crumbs);
    let mut groups: Vec<PageGroup> = Vec::new();
    for x in chunk {
        let top = top_of(site, x.county);
        // Under a province's heading, places start below the province.
        let base = if unit == m.units.root() { top } else { unit };
        let item = lag_item(site, x, base, &root);
        match groups.last_mut() {
            Some(g) if unit != m.units.root() || g.unit == m.units.units[top].code => {
                g.items.push(item)
            }
            _ => groups.push(PageGroup {
                name: if unit == m.units.root() {
                    m.units.units[top].name.clone()
                } else {
                    String::new()
                },
                unit: m.units.units[top].code.clone(),
                count: count_of(site.figures, current, top, followup_metric(kind)),
                items: vec![item],
            }),
        }
    }
    let code = &m.units.units[unit].code;
    FollowupPage {
        period: m.calendar.periods[current].id.clone(),
        unit: code.clone(),
        kind: kind.code(),
        hint,
        metric: followup_metric(kind).definition().code,
        total: count_of(site.figures, current, unit, followup_metric(kind)),
        groups,
        by_province: unit == m.units.root(),
        pages: (1..=count)
            .map(|k| PageLink {
                href: format!("{root}{}", page_path(code, kind, k)),
                name: k.to_string(),
                current: k == n,
            })
            .collect(),
        back: if unit == m.units.root() {
            Link {
                name: "全国工作进展".to_string(),
                href: format!("{root}index.html#followup"),
            }
        } else {
            let mut back = site.unit_link(unit, &root);
            back.href.push_str("#followup");
            back
        },
        title,
        common,
    }
}
