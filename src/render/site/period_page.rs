//! A period's bulletin in the order of a Chinese 通报: 一、基本情况, 二、存在问题,
//! 三、下一步要求. Quarterly and half-year summaries add every pillar, charts and exemplary
//! practices, and print on A4.

use serde::Serialize;

use super::chart::ChartView;
use super::dashboard::{PillarCard, RankTable, pillar_cards, ranking, ranking_chart, trend_charts};
use super::format::{Fig, by_code, percent};
use super::lists::{PracticeItem, practices_in_period};
use super::{Common, Link, Site};
use crate::model::date::chinese;
use crate::model::{Calendar, Level, PeriodKind};
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
    missing_total: usize,
    late: Vec<NameGroup>,
    late_total: usize,
    commentary: String,
    next_steps: Vec<String>,
    practices: Vec<PracticeItem>,
    practice_total: usize,
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
    let owed = cal.reporting_periods_in(p);
    let headline_codes = [
        "reporting_rate",
        "timeliness",
        "pairing_coverage",
        "onsite_visits",
        "visit_coverage",
        "problems_found",
        "problems_resolved",
        "resolution_rate",
        "practices",
        "practices_promoted",
    ];
    let headline: Vec<Fig> = headline_codes
        .iter()
        .filter_map(|c| by_code(m, site.figures, p, u, c))
        .collect();
    let cell = |code: &str| {
        site.figures
            .by_code(p, u, code)
            .copied()
            .unwrap_or_default()
    };
    let rate = cell("reporting_rate");
    let timely = cell("timeliness");
    let intro = if owed.is_empty() {
        format!(
            "{}无报表到期，本期情况以对口联系、调研、问题清单和好经验好做法为主。",
            period.label
        )
    } else {
        format!(
            "{}，全国{}个县级工会应报送报表{}份，实际报送{}份，报送率{}；按时报送{}份，及时率{}。",
            period.label,
            m.units.counties_under(u),
            rate.expected.unwrap_or(0),
            rate.reported.unwrap_or(0),
            rate.value.map_or("—".into(), |v| percent(v.to_f64())),
            timely.reported.unwrap_or(0),
            timely.value.map_or("—".into(), |v| percent(v.to_f64())),
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
    let (missing, missing_total, late, late_total) = lagging_counties(site, &owed, &root);
    let commentary = m
        .bulletins
        .iter()
        .filter(|b| b.period == p)
        .map(|b| markdown::to_html(&b.body))
        .collect::<Vec<_>>()
        .join("\n");
    let (practice_total, practices) =
        practices_in_period(site, u, p, &root, if is_summary { 12 } else { 6 });
    let next_due = cal
        .periods
        .iter()
        .enumerate()
        .find(|(_, r)| r.kind == cal.reporting && r.last_month > period.last_month)
        .map(|(i, r)| (r.label.clone(), cal.due_date(i)));
    let mut next_steps = Vec::new();
    if missing_total > 0 {
        next_steps.push(format!("请未报送的{missing_total}个县级工会抓紧补报，所在省级工会专班督促落实，并说明未按时报送原因。"));
    }
    if late_total > 0 {
        next_steps.push(format!(
            "{late_total}个县级工会迟报，请严格执行报送时限（{}）。",
            cal.grace.chinese()
        ));
    }
    if let Some((label, due)) = next_due {
        next_steps.push(format!("{label}报表请于{}前报送。", chinese(due)));
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
        doc_name,
        label: period.label.clone(),
        id: period.id.clone(),
        is_summary,
        date_line: format!(
            "统计范围：{}至{}；{}",
            period.first_day,
            period.last_day,
            deadlines_line(cal, &owed)
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
        missing_total,
        late,
        late_total,
        commentary,
        next_steps,
        practices,
        practice_total,
        previous: neighbour(at.checked_sub(1).map(|i| same_kind[i])),
        next: neighbour(same_kind.get(at + 1).copied()),
        common,
    }
}

/// The deadlines of the reports owed in a period, each as a date, in the order of the periods.
fn deadlines_line(cal: &Calendar, owed: &[usize]) -> String {
    let dates: Vec<String> = owed.iter().map(|r| chinese(cal.due_date(*r))).collect();
    match dates.as_slice() {
        [] => "本期无报表到期".to_string(),
        [one] => format!("报表截止：{one}"),
        _ => format!(
            "报表截止：{}，各期依次为{}",
            cal.grace.chinese(),
            dates.join("、")
        ),
    }
}

/// The three best and three weakest by reporting rate, as a bulletin names them.
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
            .map(|r| format!("{}（{}）", r.link.name, r.cells[0].text))
            .collect::<Vec<_>>()
            .join("、")
    };
    let good = show(&with_value[..n]);
    let mut tail: Vec<&super::dashboard::RankRow> = with_value[with_value.len() - n..].to_vec();
    tail.reverse();
    (good, show(&tail))
}

/// Counties that missed or were late with any report owed in the period, by province.
fn lagging_counties(
    site: &Site,
    owed: &[usize],
    root: &str,
) -> (Vec<NameGroup>, usize, Vec<NameGroup>, usize) {
    let m = site.model;
    let cal = &m.calendar;
    let mut missing: Vec<NameGroup> = Vec::new();
    let mut late: Vec<NameGroup> = Vec::new();
    let (mut n_missing, mut n_late) = (0, 0);
    for (c, unit) in m.units.units.iter().enumerate() {
        if unit.level != Level::County {
            continue;
        }
        let province = m
            .units
            .path(c)
            .into_iter()
            .find(|x| m.units.units[*x].level == Level::Province)
            .map_or(String::new(), |x| m.units.units[x].name.clone());
        let mut is_missing = false;
        let mut is_late = false;
        for r in owed {
            match site.report_of(c, *r) {
                None => is_missing = true,
                Some(rep) if rep.submitted_on > cal.due_date(*r) => is_late = true,
                _ => {}
            }
        }
        let add = |groups: &mut Vec<NameGroup>| {
            let link = site.unit_link(c, root);
            match groups.last_mut() {
                Some(g) if g.province == province => g.names.push(link),
                _ => groups.push(NameGroup {
                    province: province.clone(),
                    names: vec![link],
                }),
            }
        };
        if is_missing {
            n_missing += 1;
            add(&mut missing);
        }
        if is_late {
            n_late += 1;
            add(&mut late);
        }
    }
    (missing, n_missing, late, n_late)
}
