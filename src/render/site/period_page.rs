//! A period's bulletin in the order of a Chinese 通报: 一、基本情况, 二、存在问题,
//! 三、下一步要求. Quarterly and half-year summaries add every pillar, charts and exemplary
//! practices, and print on A4.

use serde::Serialize;

use super::chart::ChartView;
use super::dashboard::{PillarCard, RankTable, pillar_cards, ranking, ranking_chart, trend_charts};
use super::format::{Fig, Part, count_of, figs, quote};
use super::lists::{PracticeItem, practices_in_period};
use super::{Common, Link, Site};
use crate::engine::{Derived, FollowKind, Metric};
use crate::model::date::chinese;
use crate::model::{Level, PeriodKind};
use crate::render::html::escape;
use crate::render::markdown;

pub fn document_name(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Month => "月度情况",
        PeriodKind::Bimonth => "双月调度通报",
        PeriodKind::Quarter => "季度小结",
        PeriodKind::Half => "半年总结",
        PeriodKind::Campaign => "专项工作总结",
    }
}

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
    date_line: String,
    intro: String,
    headline: Vec<Fig>,
    pillars: Vec<PillarCard>,
    charts: Vec<ChartView>,
    ranking: RankTable,
    good: String,
    weak: String,
    missing: Vec<NameGroup>,
    /// The counties named, quoting their figure (HTML).
    missing_total: String,
    late: Vec<NameGroup>,
    late_total: String,
    commentary: String,
    /// Each step as HTML (figures quoted).
    next_steps: Vec<String>,
    practices: Vec<PracticeItem>,
    practice_total: String,
    previous: Option<Link>,
    next: Option<Link>,
}

/// County names grouped by province, as a bulletin names them.
#[derive(Serialize)]
struct NameGroup {
    province: String,
    names: Vec<Link>,
}

pub fn view(site: &Site, p: usize) -> PeriodView {
    let m = site.model;
    let cal = &m.calendar;
    let period = &cal.periods[p];
    let path = super::period_path(&period.id);
    let root = "../".repeat(path.matches('/').count());
    let doc_name = document_name(period.kind);
    let title = format!("{}（{}）", doc_name, period.label);
    let crumbs = vec![Link {
        name: "通报与小结".into(),
        href: format!("{root}periods/index.html"),
    }];
    let common = site.common(&path, &title, "periods", crumbs);
    let u = m.units.root();
    let is_summary = period.kind >= PeriodKind::Quarter;
    let f = site.figures;
    let owed = &f.timeline.periods[p].owes;
    let headline: Vec<Fig> = {
        use Derived::*;
        let list: Vec<Metric> = [
            ReportingRate,
            Timeliness,
            PairingCoverage,
            OnsiteVisits,
            VisitCoverage,
            ProblemsFound(None),
            ProblemsResolved(None),
            ResolutionRate(None),
            Practices,
            PracticesPromoted,
        ]
        .into_iter()
        .map(Metric::from)
        .collect();
        figs(f, p, u, &list)
    };
    let q = |d: Derived, part: Part| quote(f, p, u, d, part);
    let intro = if owed.is_empty() {
        format!(
            "{}无报表到期，本期情况以对口联系、调研、问题清单和好经验好做法为主。",
            escape(&period.label)
        )
    } else {
        use Derived::{ReportingRate, Timeliness};
        format!(
            "{}，全国{}个县级工会应报送报表{}份，实际报送{}份，报送率{}；按时报送{}份，及时率{}。",
            escape(&period.label),
            q(Derived::PairingCoverage, Part::Expected),
            q(ReportingRate, Part::Expected),
            q(ReportingRate, Part::Reported),
            q(ReportingRate, Part::Value),
            q(Timeliness, Part::Reported),
            q(Timeliness, Part::Value),
        )
    };
    let ranking = ranking(site, p, u, &root);
    let (good, weak) = name_ends(&ranking);
    let mut charts = Vec::new();
    if let Some(c) = ranking_chart(
        &ranking,
        "ranking-reporting",
        &format!("{}各地报送率", period.label),
    ) {
        charts.push(c);
    }
    if is_summary {
        charts.extend(trend_charts(site, u, p));
    }
    let missing = named_counties(site, owed, FollowKind::NotReported, &root);
    let late = named_counties(site, owed, FollowKind::Late, &root);
    let missing_count = count_of(f, p, u, Derived::CountiesMissing);
    let late_count = count_of(f, p, u, Derived::CountiesLate);
    let commentary = m
        .bulletins
        .iter()
        .filter(|b| b.period == p)
        .map(|b| markdown::to_html(&b.body))
        .collect::<Vec<_>>()
        .join("\n");
    let practices = practices_in_period(site, u, p, &root, if is_summary { 12 } else { 6 });
    let next_due = f.timeline.periods[p].next_due.map(|r| {
        (
            cal.periods[r].label.clone(),
            f.timeline.periods[r]
                .deadline
                .map_or(String::new(), chinese),
        )
    });
    let mut next_steps = Vec::new();
    if missing_count > 0 {
        next_steps.push(format!(
            "请未报送的{}个县级工会抓紧补报，所在省级工会专班督促落实，并说明未按时报送原因。",
            q(Derived::CountiesMissing, Part::Value)
        ));
    }
    if late_count > 0 {
        next_steps.push(format!(
            "{}个县级工会迟报，请严格执行报送时限（{}）。",
            q(Derived::CountiesLate, Part::Value),
            cal.grace.chinese()
        ));
    }
    if let Some((label, due)) = next_due {
        next_steps.push(format!("{}报表请于{due}前报送。", escape(&label)));
    }
    next_steps.push(
        "各级工会要对照“五强”目标和问题清单，持续推动问题销号，及时总结推广可复制的好经验好做法。"
            .to_string(),
    );
    let neighbour = |q: Option<usize>| {
        q.map(|q| {
            let x = &cal.periods[q];
            Link {
                name: format!("{}{}", x.label, document_name(x.kind)),
                href: format!("{root}{}", super::period_path(&x.id)),
            }
        })
    };
    let same_kind: Vec<usize> = (0..cal.periods.len())
        .filter(|q| cal.periods[*q].kind == period.kind)
        .collect();
    let at = same_kind.iter().position(|q| *q == p).unwrap_or(0);
    PeriodView {
        period: period.id.clone(),
        unit: m.units.units[u].code.clone(),
        doc_name,
        label: period.label.clone(),
        id: period.id.clone(),
        is_summary,
        date_line: format!(
            "统计范围：{}至{}；{}",
            period.first_day,
            period.last_day,
            deadlines_line(site, owed)
        ),
        intro,
        headline,
        pillars: if is_summary {
            pillar_cards(site, p, u)
        } else {
            Vec::new()
        },
        charts,
        ranking,
        good,
        weak,
        missing,
        missing_total: q(Derived::CountiesMissing, Part::Value),
        late,
        late_total: q(Derived::CountiesLate, Part::Value),
        commentary,
        next_steps,
        practices,
        practice_total: q(Derived::Practices, Part::Value),
        previous: neighbour(at.checked_sub(1).map(|i| same_kind[i])),
        next: neighbour(same_kind.get(at + 1).copied()),
        common,
    }
}

/// The deadlines of the reports owed in a period, each as a date, in the order of the periods.
fn deadlines_line(site: &Site, owed: &[usize]) -> String {
    let t = &site.figures.timeline;
    let dates: Vec<String> = owed
        .iter()
        .filter_map(|r| t.periods[*r].deadline)
        .map(chinese)
        .collect();
    match dates.as_slice() {
        [] => "本期无报表到期".to_string(),
        [one] => format!("报表截止：{one}"),
        _ => format!(
            "报表截止：{}，各期依次为{}",
            site.model.calendar.grace.chinese(),
            dates.join("、")
        ),
    }
}

/// The three best and three weakest by reporting rate, as a bulletin names them (HTML).
fn name_ends(table: &RankTable) -> (String, String) {
    let with_value: Vec<&super::dashboard::RankRow> = table
        .rows
        .iter()
        .filter(|r| r.cells.first().is_some_and(|f| f.pct.is_some()))
        .collect();
    if with_value.len() < 2 {
        return (String::new(), String::new());
    }
    let n = (with_value.len() / 2).min(3);
    let show = |rows: &[&super::dashboard::RankRow]| {
        rows.iter()
            .map(|r| {
                format!(
                    "<span data-u=\"{}\">{}（<span data-m=\"{}\">{}</span>）</span>",
                    escape(&r.unit),
                    escape(&r.link.name),
                    escape(&r.cells[0].code),
                    r.cells[0].text
                )
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let good = show(&with_value[..n]);
    let mut tail: Vec<&super::dashboard::RankRow> = with_value[with_value.len() - n..].to_vec();
    tail.reverse();
    (good, show(&tail))
}

/// Counties under the root listed for `kind` (not reported, or late) for any report owed in
/// the period, once each, grouped by province in tree order.
fn named_counties(site: &Site, owed: &[usize], kind: FollowKind, root: &str) -> Vec<NameGroup> {
    let m = site.model;
    let mut counties: Vec<usize> = owed
        .iter()
        .flat_map(|r| site.figures.followup.list(*r, kind))
        .map(|x| x.county)
        .collect();
    counties.sort_unstable();
    counties.dedup();
    let mut groups: Vec<NameGroup> = Vec::new();
    for c in counties {
        let province = m
            .units
            .path(c)
            .into_iter()
            .find(|x| m.units.units[*x].level == Level::Province)
            .map_or(String::new(), |x| m.units.units[x].name.clone());
        let link = site.unit_link(c, root);
        match groups.last_mut() {
            Some(g) if g.province == province => g.names.push(link),
            _ => groups.push(NameGroup {
                province,
                names: vec![link],
            }),
        }
    }
    groups
}
