//! A unit's page: its figures over time, its children, pairings, visits, problems, practices.

use std::fmt::Write;

use serde::Serialize;

use super::chart::ChartView;
use super::county::{ReportLine, notes, record, speak};
use super::dashboard::{
    PillarCard, RankTable, axis_label, axis_years, pillar_cards, ranking, ranking_chart,
    trend_charts,
};
use super::followup::FollowupSection;
use super::format::{self, Fig, Part, figs, quote, write_table_cell};
use super::lists::{PracticeItem, ProblemRow, practice_item, problem_row};
use super::{Common, Link, Site};
use crate::engine::{Derived, Group};
use crate::model::{Level, Pillar};
use crate::render::html::escape;

#[derive(Serialize)]
pub struct UnitView {
    #[serde(flatten)]
    common: Common,
    /// The period and unit of the figures shown (`data-p`, `data-u`).
    period: String,
    unit_code: String,
    unit: UnitInfo,
    has_figures: bool,
    is_county: bool,
    key: Vec<Fig>,
    /// The units to push under a province or prefecture (and the root).
    followup: Option<FollowupSection>,
    /// A county's reports, and a note for each missed or late one (HTML).
    record: Vec<ReportLine>,
    notes: Vec<String>,
    pillars: Vec<PillarCard>,
    /// The figures table, already HTML (see `figure_table`).
    table: String,
    charts: Vec<ChartView>,
    children: RankTable,
    children_chart: Option<ChartView>,
    pairings_title: &'static str,
    pairings: Vec<PairingRow>,
    visits_title: &'static str,
    visits: Vec<VisitRow>,
    problems: Vec<ProblemRow>,
    /// Problems under the unit by the campaign's end, and those resolved by then, as HTML
    /// quoting the figures; empty for units without figures.
    problem_count: String,
    problems_href: String,
    cut_off: String,
    practices: Vec<PracticeItem>,
    /// The campaign's `practices` figure, as HTML; empty for units without figures.
    practice_count: String,
    /// More practices than listed.
    more_practices: bool,
    /// The library filtered to this unit's practices.
    practices_href: String,
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
    let f = site.figures;
    let is_county = unit.level == Level::County;
    let mut key = if has_figures {
        figs(f, campaign, u, &super::KEY_FIGURES)
    } else {
        Vec::new()
    };
    let mut pillars = if has_figures {
        pillar_cards(site, campaign, u)
    } else {
        Vec::new()
    };
    if is_county {
        for fig in &mut key {
            speak(f, campaign, u, fig);
        }
        for card in &mut pillars {
            card.figs.retain(|x| {
                f.column_of_code(&x.code)
                    .is_none_or(|k| super::county::shown(f.metrics[k].metric))
            });
            for fig in &mut card.figs {
                speak(f, campaign, u, fig);
            }
        }
    }
    let record = if is_county {
        record(site, u, &root)
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
                since: format::date(p.since),
                visited: f.ledgers.first_visit[*i].is_some(),
                first_visit: f.ledgers.first_visit[*i].map_or(String::new(), format::date),
            }
        })
        .collect();
    let visit_list = if is_county {
        &site.visits_by_county[u]
    } else {
        &site.visits_by_upper[u]
    };
    // Sorted on the day itself: the Chinese date shown does not sort as text.
    let mut visits: Vec<(crate::model::Date, VisitRow)> = visit_list
        .iter()
        .map(|i| {
            let v = &m.visits[*i];
            let row = VisitRow {
                date: format::date(v.date),
                other: site.unit_link(if is_county { v.upper } else { v.county }, &root),
                onsite: v.onsite,
                topics: v.topics.join("、"),
                note: v.note.clone(),
            };
            (v.date, row)
        })
        .collect();
    visits.sort_by(|(a_day, a), (b_day, b)| {
        a_day
            .cmp(b_day)
            .then_with(|| a.other.href.cmp(&b.other.href))
    });
    let visits: Vec<VisitRow> = visits.into_iter().map(|(_, row)| row).collect();
    let found = f
        .cell(campaign, u, Derived::ResolutionRate(None))
        .and_then(|c| c.expected())
        .unwrap_or(0);
    let problem_count = if has_figures && found > 0 {
        let resolved = Derived::ResolutionRate(None);
        format!(
            "共有问题 {} 个，已销号 {} 个",
            quote(f, campaign, u, resolved, Part::Expected),
            quote(f, campaign, u, resolved, Part::Reported)
        )
    } else {
        String::new()
    };
    let problems = if is_county {
        site.problems_by_county[u]
            .iter()
            .map(|i| problem_row(site, *i, &root))
            .collect()
    } else {
        Vec::new()
    };
    let problems_href = super::problems::list_href(site, u, &root);
    let practice_count = if has_figures {
        quote(f, campaign, u, Derived::Practices, Part::Value)
    } else {
        String::new()
    };
    UnitView {
        period: m.calendar.periods[campaign].id.clone(),
        unit_code: unit.code.clone(),
        cut_off: crate::model::date::chinese(m.calendar.periods[campaign].last_day),
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
        is_county,
        key,
        followup: if has_figures && !is_county {
            super::followup::section(site, u, &root)
        } else {
            None
        },
        notes: notes(&record),
        record,
        pillars,
        table: if has_figures {
            figure_table(site, u, &root)
        } else {
            String::new()
        },
        // One county's rates over time are 0% or 100%: its record and figure table say it
        // in words.
        charts: if has_figures && !is_county {
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
        practices: site.newest[u]
            .iter()
            .map(|i| practice_item(site, *i, &root))
            .collect(),
        practice_count,
        more_practices: site.newest[u].len() >= super::NEWEST,
        practices_href: format!("{root}{}", super::library::practices_href(site, u)),
        common,
    }
}

/// Every metric, grouped by pillar, over the bimonths and the whole campaign, as HTML.
/// Written here rather than in the template: it is most of every unit page (3,000 of them at
/// national scale) and a Tera loop over its cells costs more than the rest of the page. Its
/// look is the stylesheet's `.figure-table`.
fn figure_table(site: &Site, u: usize, root: &str) -> String {
    let m = site.model;
    let f = site.figures;
    let columns: Vec<usize> = site
        .bimonths
        .iter()
        .copied()
        .chain([site.campaign])
        .collect();
    let is_county = m.units.units[u].level == Level::County;
    let years = axis_years(site, &columns);
    let mut html = String::with_capacity(24_000);
    html.push_str("<div class=\"table-wrap\"><table class=\"figure-table\">\n<thead><tr><th>指标</th><th>单位</th>");
    for (p, year) in columns.iter().zip(&years) {
        let _ = write!(
            html,
            "<th class=\"n\"><a href=\"{root}{}\">",
            escape(&super::period_path(&m.calendar.periods[*p].id)),
        );
        // The year over the first column and wherever it changes.
        if let Some(year) = year.as_deref().filter(|_| *p != site.campaign) {
            let _ = write!(html, "<small>{}</small>", escape(year));
        }
        let _ = write!(html, "{}</a></th>", escape(&axis_label(site, *p)));
    }
    html.push_str("</tr></thead>\n");
    for (name, mut list) in metric_groups(site) {
        if is_county {
            list.retain(|k| super::county::shown(f.metrics[*k].metric));
        }
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            html,
            "<tbody><tr class=\"group\"><th colspan=\"{}\"><span>{name}</span></th></tr>",
            columns.len() + 2
        );
        for k in list {
            let def = &f.metrics[k];
            let (label, measure) = if is_county {
                super::county::row_heading(def.metric, &def.label, &def.measure)
            } else {
                (def.label.clone(), def.measure.clone())
            };
            let _ = write!(
                html,
                "<tr><td>{}</td><td class=\"measure\">{}</td>",
                escape(&label),
                escape(&measure)
            );
            for p in &columns {
                if is_county {
                    super::county::write_cell(&mut html, f, *p, u, k);
                } else {
                    write_table_cell(&mut html, f, *p, u, k);
                }
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n");
    }
    html.push_str("</table></div>\n");
    html
}

/// Each metric in exactly one group, in the order of the framework and of the metric table.
/// Per-category problem figures stay in `indicators.csv` and the problem list, and the counts
/// of reports and counties missing or late in the bulletins and follow-up lists (the reporting
/// rates show them as numerator and denominator); the table keeps the rest.
fn metric_groups(site: &Site) -> Vec<(&'static str, Vec<usize>)> {
    let defs = &site.figures.metrics;
    let shown = |d: Derived| {
        use Derived::*;
        d.category().is_none()
            && !matches!(
                d,
                ReportsMissing | ReportsLate | CountiesMissing | CountiesLate
            )
    };
    let in_group = |group: Group| -> Vec<usize> {
        (0..defs.len())
            .filter(|k| defs[*k].group == group)
            .filter(|k| match defs[*k].metric {
                crate::engine::Metric::Derived(d) => shown(d),
                crate::engine::Metric::Reported(_) => true,
            })
            .collect()
    };
    std::iter::once(("报送情况", in_group(Group::Reporting)))
        .chain(
            Pillar::ALL
                .iter()
                .map(|(p, name)| (*name, in_group(Group::Pillar(*p)))),
        )
        .collect()
}
