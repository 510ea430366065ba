//! A period's bulletin page: the document of `render::bulletin` in the form of a 通报 (red
//! head with 第N期 and the issue date, title, 一、基本情况 with its table and charts,
//! 二、存在问题, 三、专班点评 when there is commentary, then 下一步要求 and the 落款), and the
//! index of all bulletins by series.

use serde::Serialize;

use super::chart::ChartView;
use super::dashboard::{ranking, ranking_chart, trend_charts};
use super::lists::{PracticeItem, practice_item};
use super::{Common, Link, Site, period_path};
use crate::model::PeriodKind;
use crate::render::bulletin::{self, Document, html, series};

#[derive(Serialize)]
pub struct PeriodView {
    #[serde(flatten)]
    common: Common,
    /// The period and unit of the figures shown (`data-p`, `data-u`).
    period: String,
    unit: String,
    doc_name: &'static str,
    label: String,
    id: String,
    is_summary: bool,
    masthead: String,
    issue: u32,
    issuer: String,
    date: String,
    title: String,
    scope: String,
    sections: Vec<SectionView>,
    practices: Vec<PracticeItem>,
    /// How many practices the period has in all (HTML, the figure marked).
    practice_total: String,
    previous: Option<Link>,
    next: Option<Link>,
}

#[derive(Serialize)]
struct SectionView {
    heading: String,
    role: &'static str,
    html: String,
    charts: Vec<ChartView>,
}

pub fn view(site: &Site, p: usize) -> PeriodView {
    let m = site.model;
    let cal = &m.calendar;
    let period = &cal.periods[p];
    let path = period_path(&period.id);
    let root = "../".repeat(path.matches('/').count());
    let doc: Document = bulletin::document(m, site.figures, p);
    let title = period_name(site, p);
    let crumbs = vec![Link {
        name: "通报与小结".into(),
        href: format!("{root}periods/index.html"),
    }];
    let common = site.common(&path, &title, "periods", crumbs);
    let is_summary = period.kind >= PeriodKind::Quarter;
    let sections = doc
        .sections
        .iter()
        .map(|s| SectionView {
            heading: s.heading.clone(),
            role: s.role,
            html: html::blocks(&s.blocks, &root),
            charts: if s.role == "basics" {
                charts(site, p, &root, is_summary)
            } else {
                Vec::new()
            },
        })
        .collect();
    let neighbour = |q: Option<usize>| {
        q.map(|q| {
            let x = &cal.periods[q];
            Link {
                name: period_name(site, q),
                href: format!("{root}{}", period_path(&x.id)),
            }
        })
    };
    let same_kind: Vec<usize> = (0..cal.periods.len())
        .filter(|q| cal.periods[*q].kind == period.kind)
        .collect();
    let at = same_kind.iter().position(|q| *q == p).unwrap_or(0);
    PeriodView {
        period: doc.period_id.clone(),
        unit: doc.unit.clone(),
        doc_name: doc.series,
        label: period.label.clone(),
        id: period.id.clone(),
        is_summary,
        masthead: doc.masthead.clone(),
        issue: doc.issue,
        issuer: doc.issuer.clone(),
        date: doc.date.clone(),
        title: doc.title.clone(),
        scope: doc.scope.clone(),
        sections,
        practices: doc
            .practices
            .iter()
            .map(|i| practice_item(site, *i, &root))
            .collect(),
        practice_total: html::spans_html(std::slice::from_ref(&doc.practice_total), &root),
        previous: neighbour(at.checked_sub(1).map(|i| same_kind[i])),
        next: neighbour(same_kind.get(at + 1).copied()),
        common,
    }
}

/// The provinces' reporting rates as bars; for summaries, the trends over the bimonths.
fn charts(site: &Site, p: usize, root: &str, is_summary: bool) -> Vec<ChartView> {
    let u = site.model.units.root();
    let label = &site.model.calendar.periods[p].label;
    let mut charts: Vec<ChartView> = ranking_chart(
        &ranking(site, p, u, root),
        "ranking-reporting",
        &format!("{label}各地报送率"),
    )
    .into_iter()
    .collect();
    if is_summary {
        charts.extend(trend_charts(site, u, p));
    }
    charts
}

#[derive(Serialize)]
pub struct PeriodsView {
    #[serde(flatten)]
    common: Common,
    groups: Vec<PeriodGroup>,
}

#[derive(Serialize)]
struct PeriodGroup {
    title: &'static str,
    items: Vec<PeriodItem>,
}

#[derive(Serialize)]
struct PeriodItem {
    link: Link,
    issue: u32,
    date: String,
}

/// Every bulletin by series, newest series first: its issue number and date.
pub fn periods_view(site: &Site) -> PeriodsView {
    let common = site.common("periods/index.html", "通报与小结", "periods", Vec::new());
    let cal = &site.model.calendar;
    let t = &site.figures.timeline;
    let group = |kind: PeriodKind| PeriodGroup {
        title: series(kind),
        items: (0..cal.periods.len())
            .filter(|p| cal.periods[*p].kind == kind)
            .map(|p| PeriodItem {
                link: Link {
                    name: period_name(site, p),
                    href: format!("{}{}", common.root, period_path(&cal.periods[p].id)),
                },
                issue: t.periods[p].issue,
                date: super::format::date(t.periods[p].issued_on),
            })
            .collect(),
    };
    let mut groups = vec![
        group(PeriodKind::Campaign),
        group(PeriodKind::Half),
        group(PeriodKind::Quarter),
        group(PeriodKind::Bimonth),
        group(PeriodKind::Month),
    ];
    groups.retain(|g| !g.items.is_empty());
    PeriodsView { common, groups }
}

/// `2023年3—4月双月调度通报`; a period the campaign's window clips says what it covers:
/// `2023年9月调度通报（单月）`, `2022年第三季度季度小结（只含9月）`.
pub fn period_name(site: &Site, period: usize) -> String {
    use crate::model::date::month_number;
    let p = &site.model.calendar.periods[period];
    let doc = series(p.kind);
    if !super::dashboard::is_short(site, period) {
        return format!("{}{doc}", p.label);
    }
    let (first, last) = (month_number(p.first_month), month_number(p.last_month));
    match p.kind {
        PeriodKind::Bimonth if first == last => format!("{}调度通报（单月）", p.label),
        _ if first == last => format!("{}{doc}（只含{first}月）", p.label),
        _ => format!("{}{doc}（只含{first}—{last}月）", p.label),
    }
}
