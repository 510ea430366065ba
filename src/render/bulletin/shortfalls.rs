//! 二、存在问题, pillar by pillar, naming the units concerned: reports missing and late (with a
//! table of every province's key figures), 五强 attainment (the weakest strength, the lowest
//! provinces), pairings never visited on site (by the upper unit that owes the visit), and
//! problems: the longest open and the slowest 销号 by category and province. Gaps between
//! provinces are named by the rule of `compare`.

use super::compare::{Entry, sentence};
use super::{Block, Ctx, NameGroup, Named, Ranking, Row, Span, Table, TableCell};
use crate::engine::{Derived, FollowKind, Metric, state_on};
use crate::model::{Category, Strength};
use crate::render::site::KEY_FIGURES;
use crate::render::site::format::{Fig, Part, fig};
use crate::render::site::{is_low, rank_legend};

/// Never-visited pairings and long-open problems named in a bulletin; the rest are counted.
const LISTED: usize = 20;
const LONGEST_OPEN: usize = 5;

pub fn blocks(ctx: &Ctx) -> Vec<Block> {
    let mut out = Vec::new();
    reports(ctx, &mut out);
    strengths(ctx, &mut out);
    visits(ctx, &mut out);
    problems(ctx, &mut out);
    out
}

/// The provinces' values of a rate, as entries to compare.
fn provinces(ctx: &Ctx, metric: impl Into<Metric> + Copy) -> Vec<Entry> {
    ctx.children
        .iter()
        .filter_map(|u| {
            Some(Entry {
                value: ctx.value(*u, metric)?,
                name: ctx.unit(*u),
                figure: ctx.fig_of(*u, metric, Part::Value),
            })
        })
        .collect()
}

fn reports(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Heading("（一）报表报送".into()));
    let owed = &ctx.figures.timeline.periods[ctx.p].owes;
    if owed.is_empty() {
        out.push(Block::Para(vec![Span::text("本期无报表到期。")]));
    } else {
        let mut s = vec![
            Span::text("本期有"),
            ctx.fig(Derived::CountiesMissing, Part::Value),
            Span::text("个县级工会未报送、"),
            ctx.fig(Derived::CountiesLate, Part::Value),
            Span::text("个迟报（名单见后）。"),
        ];
        s.extend(sentence(
            "报送率",
            "各地",
            provinces(ctx, Derived::ReportingRate),
        ));
        s.extend(sentence(
            "及时率",
            "各地",
            provinces(ctx, Derived::Timeliness),
        ));
        out.push(Block::Para(s));
    }
    if !ctx.children.is_empty() {
        out.push(Block::Table(ranking(ctx)));
    }
    for (kind, title) in [
        (FollowKind::NotReported, "未报送的县级工会"),
        (FollowKind::Late, "迟报的县级工会"),
    ] {
        let groups = counties_by_province(ctx, owed, kind);
        if !groups.is_empty() {
            out.push(Block::Para(vec![Span::text(format!("{title}："))]));
            out.push(Block::Names {
                kind: kind.code(),
                groups,
            });
        }
    }
}

/// The provinces' key figures, ranked by reporting rate, after the nation's own row; rates
/// far below the nation's are marked, as on the site's rankings.
fn ranking(ctx: &Ctx) -> Table {
    let f = ctx.figures;
    let columns: Vec<usize> = KEY_FIGURES.iter().filter_map(|x| f.column(*x)).collect();
    let root = ctx.model.units.root();
    let national: Vec<Fig> = columns.iter().map(|k| fig(f, ctx.p, root, *k)).collect();
    let cell = |x: Fig, low: bool| TableCell {
        text: x.exact,
        code: x.code,
        coverage: x.coverage,
        low,
    };
    let mut rows: Vec<((f64, f64), Row)> = ctx
        .children
        .iter()
        .map(|u| {
            let cells: Vec<TableCell> = columns
                .iter()
                .zip(&national)
                .map(|(k, n)| {
                    let x = fig(f, ctx.p, *u, *k);
                    let low = is_low(&x, n);
                    cell(x, low)
                })
                .collect();
            let key = (
                ctx.value(*u, Derived::ReportingRate).unwrap_or(-1.0),
                ctx.value(*u, Derived::Timeliness).unwrap_or(-1.0),
            );
            let unit = &ctx.model.units.units[*u];
            (
                key,
                Row::Line {
                    name: unit.name.clone(),
                    unit: Some(unit.code.clone()),
                    cells,
                },
            )
        })
        .collect();
    // Highest reporting rate first, then timeliness, then the code: the site's ranking order.
    let code = |r: &Row| match r {
        Row::Line { unit, .. } => unit.clone(),
        Row::Group(_) => None,
    };
    rows.sort_by(|a, b| {
        (b.0.0.total_cmp(&a.0.0))
            .then_with(|| b.0.1.total_cmp(&a.0.1))
            .then_with(|| code(&a.1).cmp(&code(&b.1)))
    });
    Table {
        caption: format!("{}各地主要指标", ctx.label()),
        headers: std::iter::once("地区".to_string())
            .chain(columns.iter().map(|k| f.metrics[*k].label.clone()))
            .collect(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        ranking: Some(Ranking {
            parent: Row::Line {
                name: "全国".to_string(),
                unit: Some(ctx.model.units.units[root].code.clone()),
                cells: national.into_iter().map(|x| cell(x, false)).collect(),
            },
            legend: rank_legend("全国", true),
        }),
    }
}

/// Counties listed for `kind` for any report owed in the period, once each, by province.
fn counties_by_province(ctx: &Ctx, owed: &[usize], kind: FollowKind) -> Vec<NameGroup> {
    let mut counties: Vec<usize> = owed
        .iter()
        .flat_map(|r| ctx.figures.followup.list(*r, kind))
        .map(|x| x.county)
        .collect();
    counties.sort_unstable();
    counties.dedup();
    let mut groups: Vec<NameGroup> = Vec::new();
    for c in counties {
        let province = ctx.province_of(c);
        let unit = &ctx.model.units.units[c];
        let named = Named {
            name: unit.name.clone(),
            code: unit.code.clone(),
            detail: String::new(),
            subject: String::new(),
        };
        match groups.last_mut() {
            Some(g) if g.head == province => g.names.push(named),
            _ => groups.push(NameGroup {
                head: province,
                names: vec![named],
            }),
        }
    }
    groups
}

fn strengths(ctx: &Ctx, out: &mut Vec<Block>) {
    if !ctx.has(Derived::FiveStrong) {
        return;
    }
    out.push(Block::Heading("（二）“五强”达标".into()));
    let items: Vec<Entry> = Strength::ALL
        .iter()
        .filter_map(|s| {
            let metric = Derived::Strong(*s);
            Some(Entry {
                value: ctx.value(ctx.root, metric)?,
                name: Span::text(s.chinese()),
                figure: ctx.fig(metric, Part::Value),
            })
        })
        .collect();
    let mut s = vec![
        Span::text(format!("截至{}，“五强”全面达标率为", ctx.end())),
        ctx.fig(Derived::FiveStrong, Part::Value),
        Span::text("。"),
    ];
    s.extend(sentence("达标率", "五项", items));
    s.extend(sentence(
        "“五强”全面达标率",
        "各地",
        provinces(ctx, Derived::FiveStrong),
    ));
    out.push(Block::Para(s));
}

fn visits(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Heading("（三）对口联系实地调研".into()));
    let unvisited = ctx.count(Derived::PairingsUnvisited);
    if unvisited == 0 {
        out.push(Block::Para(vec![Span::text(format!(
            "截至{}，在联的对口联系均已开展实地调研。",
            ctx.end()
        ))]));
        return;
    }
    let mut s = vec![
        Span::text(format!("截至{}，", ctx.end())),
        ctx.fig(Derived::VisitCoverage, Part::Expected),
        Span::text("对对口联系中仍有"),
        ctx.fig(Derived::PairingsUnvisited, Part::Value),
        Span::text("对尚未实地调研，实地调研覆盖率"),
        ctx.fig(Derived::VisitCoverage, Part::Value),
        Span::text("，离“每个对口联系县一年内至少实地调研一次”的要求还有差距。"),
    ];
    s.extend(sentence(
        "实地调研覆盖率",
        "各地",
        provinces(ctx, Derived::VisitCoverage),
    ));
    out.push(Block::Para(s));
    // By the upper unit that owes the visit, in the order of the pairings.
    let m = ctx.model;
    let mut groups: Vec<NameGroup> = Vec::new();
    let items = ctx.figures.followup.list(ctx.p, FollowKind::NeverVisited);
    for x in items.iter().take(LISTED) {
        let Some(i) = x.subject else { continue };
        let upper = &m.units.units[m.pairings[i].upper];
        let county = &m.units.units[x.county];
        let named = Named {
            name: county.name.clone(),
            code: county.code.clone(),
            detail: String::new(),
            subject: upper.code.clone(),
        };
        match groups.iter_mut().find(|g| g.head == upper.name) {
            Some(g) => g.names.push(named),
            None => groups.push(NameGroup {
                head: upper.name.clone(),
                names: vec![named],
            }),
        }
    }
    let mut lead = vec![Span::text("尚未实地调研的对口联系（联系单位：联系县）")];
    if items.len() > LISTED {
        lead.push(Span::text("，列出前若干对，全部"));
        lead.push(ctx.fig(Derived::PairingsUnvisited, Part::Value));
        lead.push(Span::text("对见督促清单"));
    }
    lead.push(Span::text("："));
    out.push(Block::Para(lead));
    out.push(Block::Names {
        kind: FollowKind::NeverVisited.code(),
        groups,
    });
}

fn problems(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Heading("（四）问题清单销号".into()));
    let mut s = vec![
        Span::text(format!("截至{}，累计发现的", ctx.end())),
        ctx.fig(Derived::ResolutionRate(None), Part::Expected),
        Span::text("个问题中仍有"),
        ctx.fig(Derived::ProblemsOpen(None), Part::Value),
        Span::text("个待解决、"),
        ctx.fig(Derived::ProblemsInProgress(None), Part::Value),
        Span::text("个推进中，超过90天未销号的"),
        ctx.fig(Derived::ProblemsOpenOver90Days, Part::Value),
        Span::text("个。"),
    ];
    let categories: Vec<Entry> = Category::ALL
        .iter()
        .filter_map(|c| {
            let metric = Derived::ResolutionRate(Some(*c));
            Some(Entry {
                value: ctx.value(ctx.root, metric)?,
                name: Span::text(format!("{}的问题", c.chinese())),
                figure: ctx.fig(metric, Part::Value),
            })
        })
        .collect();
    s.extend(sentence("销号率", "各类问题", categories));
    s.extend(sentence(
        "问题销号率",
        "各地",
        provinces(ctx, Derived::ResolutionRate(None)),
    ));
    out.push(Block::Para(s));
    let m = ctx.model;
    let day = m.calendar.periods[ctx.p].last_day;
    let longest: Vec<Named> = ctx
        .figures
        .followup
        .list(ctx.p, FollowKind::OpenOver90Days)
        .iter()
        .take(LONGEST_OPEN)
        .filter_map(|x| {
            let problem = &m.problems[x.subject?];
            let status = state_on(problem, day).status().map_or("", |s| s.chinese());
            let county = &m.units.units[x.county];
            Some(Named {
                name: county.name.clone(),
                code: county.code.clone(),
                detail: format!(
                    "“{}”（{}，已{}天，{status}）",
                    problem.title, problem.id, x.days
                ),
                subject: problem.id.clone(),
            })
        })
        .collect();
    if !longest.is_empty() {
        out.push(Block::Para(vec![Span::text("未销号时间最长的问题：")]));
        out.push(Block::Names {
            kind: FollowKind::OpenOver90Days.code(),
            groups: vec![NameGroup {
                head: String::new(),
                names: longest,
            }],
        });
    }
}
