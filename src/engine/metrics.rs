//! The metric table: every figure's code, Chinese label, unit of measure, how it is computed
//! (one Chinese sentence, for the guide) and where it sits in the framework, with a typed
//! handle for each. The engine fills every figure by its handle; labels, formats, pages and
//! exports read the definitions from here.
//!
//! To add a derived figure: add a variant to `Derived`, place it in `Derived::list` (the order
//! of `indicators.csv`), and give its definition and its value in the two matches below; the
//! compiler asks for both. A new tally, if it needs one, goes into `accumulate.rs`.

use super::accumulate::Tally;
use super::figures::{Cell, Value};
use crate::model::{Category, Indicator, Pillar, Strength, UnitAgg};

/// A figure countyboard derives from the ledgers and reports (SPEC §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derived {
    ReportingRate,
    Timeliness,
    ReportsMissing,
    ReportsLate,
    CountiesMissing,
    CountiesLate,
    PairingCoverage,
    PairingsInForce,
    OnsiteVisits,
    VisitCoverage,
    PairingsUnvisited,
    /// `None`: problems of every category.
    ProblemsFound(Option<Category>),
    ProblemsResolved(Option<Category>),
    ResolutionRate(Option<Category>),
    ProblemsInProgress(Option<Category>),
    ProblemsOpen(Option<Category>),
    ProblemsOpenOver90Days,
    Practices,
    PracticesPromoted,
    CountyPracticeShare,
    Strong(Strength),
    FiveStrong,
}

/// Any figure: a reported indicator (its index in the model's indicators) or a derived one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Reported(usize),
    Derived(Derived),
}

impl From<Derived> for Metric {
    fn from(d: Derived) -> Metric {
        Metric::Derived(d)
    }
}

/// What a figure's cell holds, which decides how it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A reported indicator: `reported`/`expected` are counties with a value / counties under.
    Reported,
    /// A ratio: `reported` / `expected`.
    Rate,
    /// A count of things: `reported` and `expected` blank.
    Count,
}

/// Where a figure belongs on the pages: the reporting record, or a pillar of 一二三四五.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Reporting,
    Pillar(Pillar),
}

/// One row of the metric table.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    pub metric: Metric,
    /// The `indicator` column of `indicators.csv`.
    pub code: String,
    /// The Chinese name pages show.
    pub label: String,
    /// What the figure counts in: 次, 个, 篇, 对, 份, 万元 … or `%` for rates and shares.
    pub measure: String,
    pub kind: Kind,
    /// How it is computed, in one Chinese sentence (the guide's table).
    pub how: String,
    pub group: Group,
    /// The item of the framework (调查研究, 服务阵地强 …); may be empty.
    pub item: String,
}

const CATEGORIES: [Option<Category>; 4] = [
    None,
    Some(Category::Coordinate),
    Some(Category::Union),
    Some(Category::OwnEffort),
];

impl Derived {
    /// Every derived figure in the order of `indicators.csv` and of the pages: the reporting
    /// record, then the framework's pillars. The five strengths appear only when `strengths`
    /// (those with a targeted indicator) holds them, `five_strong` only when any does.
    pub fn list(strengths: &[Strength]) -> Vec<Derived> {
        use Derived::*;
        let mut list = vec![
            ReportingRate,
            Timeliness,
            ReportsMissing,
            ReportsLate,
            CountiesMissing,
            CountiesLate,
            PairingCoverage,
            CountyPracticeShare,
            PairingsInForce,
            OnsiteVisits,
            VisitCoverage,
            PairingsUnvisited,
        ];
        for c in CATEGORIES {
            list.extend([
                ProblemsFound(c),
                ProblemsResolved(c),
                ResolutionRate(c),
                ProblemsInProgress(c),
                ProblemsOpen(c),
            ]);
        }
        list.extend([ProblemsOpenOver90Days, Practices, PracticesPromoted]);
        list.extend(strengths.iter().map(|s| Strong(*s)));
        if !strengths.is_empty() {
            list.push(FiveStrong);
        }
        list
    }

    /// The problem category a per-category figure is about.
    pub fn category(self) -> Option<Category> {
        use Derived::*;
        match self {
            ProblemsFound(c)
            | ProblemsResolved(c)
            | ResolutionRate(c)
            | ProblemsInProgress(c)
            | ProblemsOpen(c) => c,
            _ => None,
        }
    }

    pub fn definition(self) -> Definition {
        use Derived::*;
        use Kind::{Count, Rate};
        let reporting = Group::Reporting;
        let two = Group::Pillar(Pillar::TwoCombinations);
        let four = Group::Pillar(Pillar::FourTasks);
        let five = Group::Pillar(Pillar::FiveStrengths);
        let (code, label, measure, kind, group, item, how): (
            &str,
            String,
            &str,
            Kind,
            Group,
            &str,
            String,
        ) = match self {
            ReportingRate => (
                "reporting_rate",
                "报送率".into(),
                "%",
                Rate,
                reporting,
                "",
                "统计期内结束的每个报告期，每个县级工会应报送报表1份；实际收到的报表数÷应报送的报表数（同一期重复报送只算1份）。".into(),
            ),
            Timeliness => (
                "timeliness",
                "及时率".into(),
                "%",
                Rate,
                reporting,
                "",
                "在报送时限内收到的报表数÷应报送的报表数（以最后一次报送为准）。".into(),
            ),
            ReportsMissing => (
                "reports_missing",
                "未报送报表".into(),
                "份",
                Count,
                reporting,
                "",
                "应报送而没有收到的报表数，即应报送的报表数减实际收到的报表数。".into(),
            ),
            ReportsLate => (
                "reports_late",
                "迟报报表".into(),
                "份",
                Count,
                reporting,
                "",
                "已收到但晚于报送时限的报表数（以最后一次报送为准）。".into(),
            ),
            CountiesMissing => (
                "counties_missing",
                "未报送的县级工会".into(),
                "个",
                Count,
                reporting,
                "",
                "统计期内至少有1期报表没有报送的县级工会个数。".into(),
            ),
            CountiesLate => (
                "counties_late",
                "迟报的县级工会".into(),
                "个",
                Count,
                reporting,
                "",
                "统计期内至少有1期报表晚于报送时限的县级工会个数。".into(),
            ),
            PairingCoverage => (
                "pairing_coverage",
                "对口联系覆盖率".into(),
                "%",
                Rate,
                two,
                "上级指导与县级主体作用相结合",
                "截至期末有上级工会对口联系（起始日期不晚于期末）的县级工会数÷县级工会数。".into(),
            ),
            PairingsInForce => (
                "pairings_in_force",
                "对口联系".into(),
                "对",
                Count,
                four,
                "对口联系",
                "截至期末已经开始（起始日期不晚于期末）的对口联系对数。".into(),
            ),
            OnsiteVisits => (
                "onsite_visits",
                "实地调研次数".into(),
                "次",
                Count,
                four,
                "调查研究",
                "统计期内上级工会到县级工会实地调研的次数（线上调研不计）。".into(),
            ),
            VisitCoverage => (
                "visit_coverage",
                "对口联系实地调研覆盖率".into(),
                "%",
                Rate,
                four,
                "调查研究",
                "截至期末的对口联系中，联系单位自专项工作开始至期末到该县实地调研过的对数÷对口联系对数。".into(),
            ),
            PairingsUnvisited => (
                "pairings_unvisited",
                "尚未实地调研的对口联系".into(),
                "对",
                Count,
                four,
                "调查研究",
                "截至期末的对口联系中，联系单位自专项工作开始至期末还没有到该县实地调研的对数。".into(),
            ),
            ProblemsFound(_) => (
                "problems_found",
                "发现问题数".into(),
                "个",
                Count,
                four,
                "解决问题",
                "统计期内发现（发现日期在期内）的问题个数。".into(),
            ),
            ProblemsResolved(_) => (
                "problems_resolved",
                "销号问题数".into(),
                "个",
                Count,
                four,
                "解决问题",
                "统计期内销号（销号日期在期内）的问题个数。".into(),
            ),
            ResolutionRate(_) => (
                "resolution_rate",
                "问题销号率".into(),
                "%",
                Rate,
                four,
                "解决问题",
                "截至期末发现的问题中截至期末已销号的个数÷截至期末发现的问题个数。".into(),
            ),
            ProblemsInProgress(_) => (
                "problems_in_progress",
                "推进中问题数".into(),
                "个",
                Count,
                four,
                "解决问题",
                "截至期末发现、期末尚未销号且状态为推进中的问题个数；期末以后才销号的问题按推进中计。".into(),
            ),
            ProblemsOpen(_) => (
                "problems_open",
                "待解决问题数".into(),
                "个",
                Count,
                four,
                "解决问题",
                "截至期末发现、期末尚未销号且状态为待解决的问题个数。".into(),
            ),
            ProblemsOpenOver90Days => (
                "problems_open_over_90_days",
                "超过90天未销号的问题".into(),
                "个",
                Count,
                four,
                "解决问题",
                "截至期末尚未销号、且发现日期距期末已超过90天的问题个数（含推进中和待解决）。".into(),
            ),
            Practices => (
                "practices",
                "好经验好做法".into(),
                "篇",
                Count,
                four,
                "巩固深化",
                "统计期内（按做法日期）本单位及下级单位的好经验好做法篇数。".into(),
            ),
            PracticesPromoted => (
                "practices_promoted",
                "省级以上推广的做法".into(),
                "篇",
                Count,
                four,
                "巩固深化",
                "统计期内的好经验好做法中，推广范围为全省或全国的篇数。".into(),
            ),
            CountyPracticeShare => (
                "county_practice_share",
                "县级工会原创做法占比".into(),
                "%",
                Rate,
                two,
                "顶层设计与基层创新相结合",
                "统计期内县级工会自己的好经验好做法篇数÷本单位及下级单位的好经验好做法篇数。".into(),
            ),
            Strong(s) => (
                s.metric(),
                format!("{}达标率", s.chinese()),
                "%",
                Rate,
                five,
                s.chinese(),
                format!(
                    "自专项工作开始至期末的累计数达到“{}”全部目标的县级工会数÷县级工会数（没有报送的视为未达标）。",
                    s.chinese()
                ),
            ),
            FiveStrong => (
                "five_strong",
                "五强全面达标率".into(),
                "%",
                Rate,
                five,
                "",
                "设有目标的各项“五强”全部达标的县级工会数÷县级工会数。".into(),
            ),
        };
        let (code, label, how) = match self.category() {
            Some(c) => (
                format!("{code}_{}", c.suffix()),
                format!("{label}（{}）", c.chinese()),
                format!("{how}仅计“{}”类问题。", c.chinese()),
            ),
            None => (code.to_string(), label, how),
        };
        Definition {
            metric: Metric::Derived(self),
            code,
            label,
            measure: measure.to_string(),
            kind,
            how,
            group,
            item: item.to_string(),
        }
    }

    /// The figure for a unit whose tally is `t`, with `counties` counties under it.
    pub(super) fn value(self, t: &Tally, counties: u32) -> Cell {
        use Derived::*;
        let p = &t.problems;
        let k = |c: Option<Category>| c.map_or(0, |c| 1 + c as usize);
        match self {
            ReportingRate => rate(t.reports_received, t.reports_expected),
            Timeliness => rate(t.reports_on_time, t.reports_expected),
            ReportsMissing => count(t.reports_expected - t.reports_received),
            ReportsLate => count(t.reports_received - t.reports_on_time),
            CountiesMissing => count(t.counties_missing),
            CountiesLate => count(t.counties_late),
            PairingCoverage => rate(t.counties_paired, counties),
            PairingsInForce => count(t.pairings),
            OnsiteVisits => count(t.onsite_visits),
            VisitCoverage => rate(t.pairings_visited, t.pairings),
            PairingsUnvisited => count(t.pairings - t.pairings_visited),
            ProblemsFound(c) => count(p.found[k(c)]),
            ProblemsResolved(c) => count(p.resolved[k(c)]),
            ResolutionRate(c) => rate(p.resolved_by_end[k(c)], p.found_by_end[k(c)]),
            ProblemsInProgress(c) => count(p.in_progress[k(c)]),
            ProblemsOpen(c) => count(p.open[k(c)]),
            ProblemsOpenOver90Days => count(p.open_over_90_days),
            Practices => count(t.practices),
            PracticesPromoted => count(t.practices_promoted),
            CountyPracticeShare => rate(t.county_practices, t.practices),
            Strong(s) => rate(t.strengths_met[s as usize], counties),
            FiveStrong => rate(t.five_met, counties),
        }
    }
}

/// The definition of a reported indicator, from `indicators.csv`.
pub fn reported_definition(index: usize, ind: &Indicator) -> Definition {
    let percent = ind.unit_agg == UnitAgg::Share || ind.yes_no;
    Definition {
        metric: Metric::Reported(index),
        code: ind.code.clone(),
        label: ind.name.clone(),
        measure: if percent {
            "%".to_string()
        } else {
            ind.measure.clone()
        },
        kind: Kind::Reported,
        how: ind.description.clone(),
        group: Group::Pillar(ind.pillar),
        item: ind.item.clone(),
    }
}

pub(super) fn rate(numerator: u32, denominator: u32) -> Cell {
    Cell::counted(
        (denominator > 0).then_some(Value::Ratio(numerator, denominator)),
        numerator,
        denominator,
    )
}

pub(super) fn count(n: u32) -> Cell {
    Cell::plain(Some(Value::Count(n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_keep_the_published_names() {
        let list = Derived::list(&Strength::ALL);
        let codes: Vec<String> = list.iter().map(|d| d.definition().code).collect();
        let unique: HashSet<&String> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len());
        for code in [
            "reporting_rate",
            "timeliness",
            "pairing_coverage",
            "onsite_visits",
            "visit_coverage",
            "problems_found",
            "problems_resolved_union",
            "resolution_rate_self",
            "practices",
            "practices_promoted",
            "strong_political",
            "strong_role",
            "five_strong",
            "problems_in_progress_coordinate",
            "problems_open",
        ] {
            assert!(codes.iter().any(|c| c == code), "{code}");
        }
        let d = Derived::ResolutionRate(Some(Category::Coordinate)).definition();
        assert_eq!(d.label, "问题销号率（需党委政府协调）");
        assert_eq!((d.measure.as_str(), d.kind), ("%", Kind::Rate));
        assert_eq!(Derived::OnsiteVisits.definition().measure, "次");
        assert_eq!(Derived::Practices.definition().measure, "篇");
    }

    #[test]
    fn strengths_are_listed_only_when_targeted() {
        let none = Derived::list(&[]);
        assert!(!none.contains(&Derived::FiveStrong));
        let one = Derived::list(&[Strength::Service]);
        assert!(one.contains(&Derived::Strong(Strength::Service)));
        assert!(!one.contains(&Derived::Strong(Strength::Role)));
        assert!(one.contains(&Derived::FiveStrong));
    }

    #[test]
    fn every_definition_explains_itself_in_chinese() {
        for d in Derived::list(&Strength::ALL) {
            let def = d.definition();
            assert!(!def.label.is_empty() && !def.measure.is_empty(), "{d:?}");
            assert!(def.how.ends_with('。'), "{d:?}: {}", def.how);
        }
    }

    #[test]
    fn values_come_from_the_tally_by_handle() {
        let mut t = Tally::new(0);
        t.reports_expected = 8;
        t.reports_received = 5;
        t.reports_on_time = 3;
        t.pairings = 4;
        t.pairings_visited = 1;
        t.problems.found_by_end = [6, 2, 2, 2];
        t.problems.resolved_by_end = [3, 1, 1, 1];
        t.problems.in_progress = [2, 1, 0, 1];
        t.problems.open = [1, 0, 1, 0];
        let v = |d: Derived| d.value(&t, 4);
        assert_eq!(v(Derived::ReportingRate), rate(5, 8));
        assert_eq!(v(Derived::ReportsMissing), count(3));
        assert_eq!(v(Derived::ReportsLate), count(2));
        assert_eq!(v(Derived::PairingsUnvisited), count(3));
        assert_eq!(
            v(Derived::ResolutionRate(Some(Category::Union))),
            rate(1, 2)
        );
        assert_eq!(v(Derived::ProblemsOpen(Some(Category::Union))), count(1));
        assert_eq!(v(Derived::ProblemsInProgress(None)), count(2));
        // No practice in the period: the share is blank, 0 of 0.
        assert_eq!(v(Derived::CountyPracticeShare).value, None);
    }
}
