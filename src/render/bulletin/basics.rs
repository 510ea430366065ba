//! 一、基本情况: the headline figures in prose, then a table of every figure by pillar of
//! 一二三四五 (a table rather than cards: it reads the same on a phone, on paper and in Word).

use super::{Block, Ctx, Row, Span, Table, TableCell};
use crate::engine::{Derived, Metric};
use crate::model::{Pillar, Strength};
use crate::render::site::format::{Part, fig_of};

pub fn blocks(ctx: &Ctx) -> Vec<Block> {
    let mut out = vec![Block::Para(reporting(ctx)), Block::Para(work(ctx))];
    if ctx.has(Derived::FiveStrong) {
        out.push(Block::Para(vec![
            Span::text("“五强”全面达标的县级工会"),
            ctx.fig(Derived::FiveStrong, Part::Reported),
            Span::text("个，全面达标率"),
            ctx.fig(Derived::FiveStrong, Part::Value),
            Span::text("（按各县专项工作开展以来的累计数对照目标）。"),
        ]));
    }
    out.push(Block::Table(figure_table(ctx)));
    out
}

/// The opening sentence: reports owed, received and on time.
fn reporting(ctx: &Ctx) -> Vec<Span> {
    use Derived::{PairingCoverage, ReportingRate, Timeliness};
    let owed = &ctx.figures.timeline.periods[ctx.p].owes;
    if owed.is_empty() {
        return vec![Span::text(format!(
            "{}无报表到期，本期情况以对口联系、调研、问题清单和好经验好做法为主。",
            ctx.label()
        ))];
    }
    vec![
        Span::text(format!("{}，全国", ctx.label())),
        ctx.fig(PairingCoverage, Part::Expected),
        Span::text("个县级工会应报送报表"),
        ctx.fig(ReportingRate, Part::Expected),
        Span::text("份，实际报送"),
        ctx.fig(ReportingRate, Part::Reported),
        Span::text("份，报送率"),
        ctx.fig(ReportingRate, Part::Value),
        Span::text("；按时报送"),
        ctx.fig(Timeliness, Part::Reported),
        Span::text("份，及时率"),
        ctx.fig(Timeliness, Part::Value),
        Span::text("。"),
    ]
}

/// Pairings and visits, problems and practices.
fn work(ctx: &Ctx) -> Vec<Span> {
    use Derived::*;
    vec![
        Span::text(format!("截至{}，", ctx.end())),
        ctx.fig(VisitCoverage, Part::Expected),
        Span::text("对对口联系中已有"),
        ctx.fig(VisitCoverage, Part::Reported),
        Span::text("对开展实地调研，覆盖率"),
        ctx.fig(VisitCoverage, Part::Value),
        Span::text("，本期实地调研"),
        ctx.fig(OnsiteVisits, Part::Value),
        Span::text("次；累计发现问题"),
        ctx.fig(ResolutionRate(None), Part::Expected),
        Span::text("个，已销号"),
        ctx.fig(ResolutionRate(None), Part::Reported),
        Span::text("个，销号率"),
        ctx.fig(ResolutionRate(None), Part::Value),
        Span::text("，其中本期新发现"),
        ctx.fig(ProblemsFound(None), Part::Value),
        Span::text("个、销号"),
        ctx.fig(ProblemsResolved(None), Part::Value),
        Span::text("个；本期报送好经验好做法"),
        ctx.fig(Practices, Part::Value),
        Span::text("篇，其中全省、全国推广"),
        ctx.fig(PracticesPromoted, Part::Value),
        Span::text("篇。"),
    ]
}

/// Every figure of the period for the whole campaign, grouped: reporting, then each pillar.
fn figure_table(ctx: &Ctx) -> Table {
    use Derived::*;
    let m = ctx.model;
    let reported = |pillar: Pillar| -> Vec<Metric> {
        (0..m.indicators.len())
            .filter(|i| m.indicators[*i].pillar == pillar)
            .map(Metric::Reported)
            .collect()
    };
    let with = |derived: &[Derived], pillar: Pillar| -> Vec<Metric> {
        derived
            .iter()
            .map(|d| Metric::from(*d))
            .chain(reported(pillar))
            .collect()
    };
    let groups: Vec<(&str, Vec<Metric>)> = vec![
        (
            "报表报送",
            [ReportingRate, Timeliness, CountiesMissing, CountiesLate]
                .map(Metric::from)
                .to_vec(),
        ),
        ("一条主线", reported(Pillar::MainLine)),
        (
            "两个结合",
            with(
                &[PairingCoverage, CountyPracticeShare],
                Pillar::TwoCombinations,
            ),
        ),
        ("三个下沉", reported(Pillar::ThreeSinkings)),
        (
            "四项任务",
            with(
                &[
                    PairingsInForce,
                    OnsiteVisits,
                    VisitCoverage,
                    PairingsUnvisited,
                    ProblemsFound(None),
                    ProblemsResolved(None),
                    ResolutionRate(None),
                    ProblemsOpenOver90Days,
                    Practices,
                    PracticesPromoted,
                ],
                Pillar::FourTasks,
            ),
        ),
        (
            "五强",
            Strength::ALL
                .iter()
                .map(|s| Metric::from(Strong(*s)))
                .chain([Metric::from(FiveStrong)])
                .chain(reported(Pillar::FiveStrengths))
                .collect(),
        ),
    ];
    let mut rows = Vec::new();
    for (name, metrics) in groups {
        let lines: Vec<Row> = metrics
            .into_iter()
            .filter_map(|x| fig_of(ctx.figures, ctx.p, ctx.root, x))
            .map(|f| Row::Line {
                name: f.label,
                unit: None,
                cells: vec![TableCell {
                    text: f.exact,
                    code: f.code,
                    coverage: f.coverage,
                    low: false,
                }],
            })
            .collect();
        if !lines.is_empty() {
            rows.push(Row::Group(name.to_string()));
            rows.extend(lines);
        }
    }
    Table {
        caption: format!("{}主要指标", ctx.label()),
        headers: vec!["指标".into(), "本期".into()],
        rows,
        ranking: None,
    }
}
