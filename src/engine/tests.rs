//! The engine on a small model built from plain values: one province with one prefecture and
//! two counties, a national body, bimonthly reports, pairings, visits, problems, practices.

use rust_decimal::Decimal;

use super::*;
use crate::findings::Pos;
use crate::model::holidays::Holidays;
use crate::model::{
    Calendar, Campaign, Category, Indicator, Pairing, Pillar, Practice, Problem, Promotion, Status,
    Unit, UnitTree, Visit,
};

fn pos() -> Pos {
    Pos {
        file: String::new(),
        line: 0,
    }
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn unit(code: &str, level: Level) -> Unit {
    Unit {
        code: code.into(),
        name: format!("单位{code}"),
        level,
        parent: None,
        region: None,
        kind: String::new(),
        children: Vec::new(),
        pos: pos(),
    }
}

fn indicator(
    code: &str,
    pillar: Pillar,
    strength: Option<Strength>,
    target: Option<i64>,
) -> Indicator {
    Indicator {
        code: code.into(),
        name: code.into(),
        pillar,
        item: String::new(),
        strength,
        time_agg: TimeAgg::Sum,
        unit_agg: UnitAgg::Sum,
        measure: "次".into(),
        yes_no: false,
        target: target.map(Decimal::from),
        description: String::new(),
        pos: pos(),
    }
}

/// Units (pre-order): 0 root, 1 province 11, 2 prefecture 1101, 3 county 110101 (A),
/// 4 county 110102 (B), 5 national body N1.
pub(crate) fn model() -> Model {
    let units = vec![
        unit("0", Level::National),
        unit("11", Level::Province),
        unit("1101", Level::Prefecture),
        unit("110101", Level::County),
        unit("110102", Level::County),
        unit("N1", Level::National),
    ];
    let parents = vec![None, Some(0), Some(1), Some(2), Some(2), Some(0)];
    let units = UnitTree::build(units, parents, 0);
    let holidays = Holidays::built_in();
    let calendar = Calendar::new(&Campaign::default(), &holidays);
    let p = |id: &str| calendar.get(id).unwrap();
    let (a, b, n1, province) = (3, 4, 5, 1);
    let report =
        |county, period: &str, submitted: &str, lectures: i64, service: Option<i64>| Report {
            county,
            period: p(period),
            submitted_on: date(submitted),
            values: vec![Some(Decimal::from(lectures)), service.map(Decimal::from)],
            pos: pos(),
        };
    let reports = vec![
        report(a, "2022-B5", "2022-11-05", 3, Some(1)),
        report(a, "2022-B6", "2023-01-15", 2, None),
        report(b, "2022-B5", "2022-11-20", 7, Some(0)),
        report(a, "2023-B1", "2023-03-01", 1, None),
    ];
    let pairing = |upper, county, since: &str| Pairing {
        upper,
        county,
        since: date(since),
        pos: pos(),
    };
    let visit = |upper, county, day: &str, onsite| Visit {
        upper,
        county,
        date: date(day),
        onsite,
        topics: Vec::new(),
        note: String::new(),
        pos: pos(),
    };
    let problem =
        |id: &str, county, found: &str, category, status, resolved: Option<&str>| Problem {
            id: id.into(),
            county,
            found_by: None,
            found_on: date(found),
            category,
            title: String::new(),
            measures: String::new(),
            status,
            resolved_on: resolved.map(date),
            pos: pos(),
        };
    let practice = |slug: &str, unit, day: &str, promotion| Practice {
        slug: slug.into(),
        title: slug.into(),
        unit,
        date: date(day),
        tags: vec!["五强/服务阵地强".into()],
        topics: Vec::new(),
        promotion,
        summary: String::new(),
        body: String::new(),
        pos: pos(),
    };
    Model {
        issuer: crate::model::campaign::DEFAULT_ISSUER.to_string(),
        base_url: "/".to_string(),
        title: String::new(),
        calendar,
        units,
        indicators: vec![
            indicator("lectures", Pillar::MainLine, None, None),
            indicator(
                "centre",
                Pillar::FiveStrengths,
                Some(Strength::Service),
                Some(1),
            ),
        ],
        reports,
        pairings: vec![
            pairing(n1, a, "2022-09-10"),
            pairing(province, b, "2022-10-15"),
            pairing(n1, b, "2023-02-01"),
        ],
        visits: vec![
            visit(n1, a, "2022-10-01", true),
            visit(province, b, "2022-11-01", false),
            visit(n1, b, "2023-03-05", true),
        ],
        problems: vec![
            problem(
                "P1",
                a,
                "2022-09-25",
                Category::Coordinate,
                Status::Resolved,
                Some("2022-12-20"),
            ),
            problem(
                "P2",
                a,
                "2022-10-10",
                Category::Union,
                Status::Resolved,
                Some("2023-01-05"),
            ),
            problem(
                "P3",
                b,
                "2022-10-01",
                Category::OwnEffort,
                Status::InProgress,
                None,
            ),
            problem(
                "P4",
                b,
                "2022-12-01",
                Category::OwnEffort,
                Status::Open,
                None,
            ),
            problem(
                "P5",
                a,
                "2023-01-10",
                Category::Coordinate,
                Status::Resolved,
                Some("2023-11-01"),
            ),
        ],
        practices: vec![
            practice("x", 2, "2023-01-03", None),
            practice("y", n1, "2022-12-01", Some(Promotion::National)),
            practice("z", a, "2022-10-05", Some(Promotion::Province)),
        ],
        bulletins: Vec::new(),
        guide: String::new(),
        holidays,
    }
}

fn cell(f: &Figures, m: &Model, period: &str, unit: usize, metric: Derived) -> Cell {
    *f.cell(m.calendar.get(period).unwrap(), unit, metric)
        .unwrap_or_else(|| panic!("no {metric:?}"))
}

fn count(n: u32) -> Cell {
    metrics::count(n)
}

fn rate(a: u32, b: u32) -> Cell {
    metrics::rate(a, b)
}

#[test]
fn reports_missing_and_late_in_a_quarter() {
    let m = model();
    let f = compute(&m);
    // 2022-Q4 owes B5 and B6 from each county: A filed both (B6 late), B filed B5 late.
    assert_eq!(
        cell(&f, &m, "2022-Q4", 0, Derived::ReportingRate),
        rate(3, 4)
    );
    assert_eq!(cell(&f, &m, "2022-Q4", 0, Derived::Timeliness), rate(1, 4));
    assert_eq!(
        cell(&f, &m, "2022-Q4", 0, Derived::ReportsMissing),
        count(1)
    );
    assert_eq!(cell(&f, &m, "2022-Q4", 0, Derived::ReportsLate), count(2));
    assert_eq!(
        cell(&f, &m, "2022-Q4", 0, Derived::CountiesMissing),
        count(1)
    );
    assert_eq!(cell(&f, &m, "2022-Q4", 0, Derived::CountiesLate), count(2));
    assert_eq!(
        cell(&f, &m, "2022-Q4", 3, Derived::CountiesMissing),
        count(0)
    );
    // Q3 owes nothing.
    assert_eq!(
        cell(&f, &m, "2022-Q3", 0, Derived::ReportsMissing),
        count(0)
    );
}

#[test]
fn problems_by_state_at_the_period_end_add_up() {
    let m = model();
    let f = compute(&m);
    // On 2022-12-31: P1 resolved; P2 resolved later (in progress); P3 in progress; P4 open.
    let q4 = |d| cell(&f, &m, "2022-Q4", 0, d);
    assert_eq!(q4(Derived::ResolutionRate(None)), rate(1, 4));
    assert_eq!(q4(Derived::ProblemsInProgress(None)), count(2));
    assert_eq!(q4(Derived::ProblemsOpen(None)), count(1));
    assert_eq!(
        q4(Derived::ProblemsInProgress(Some(Category::Union))),
        count(1)
    );
    assert_eq!(
        q4(Derived::ProblemsOpen(Some(Category::OwnEffort))),
        count(1)
    );
    // P3, found 2022-10-01, is 91 days old on 2022-12-31.
    assert_eq!(q4(Derived::ProblemsOpenOver90Days), count(1));
    // Over the campaign P5, resolved 2023-11-01, is still in progress.
    let all = |d| cell(&f, &m, "campaign", 0, d);
    assert_eq!(all(Derived::ResolutionRate(None)), rate(2, 5));
    assert_eq!(all(Derived::ProblemsInProgress(None)), count(2));
    assert_eq!(all(Derived::ProblemsOpen(None)), count(1));
    assert_eq!(
        f.ledgers.at_campaign_end[4],
        StateOn::ResolvedLater(date("2023-11-01"))
    );
}

#[test]
fn pairings_in_force_and_unvisited() {
    let m = model();
    let f = compute(&m);
    let q4 = |d| cell(&f, &m, "2022-Q4", 0, d);
    assert_eq!(q4(Derived::PairingsInForce), count(2));
    assert_eq!(q4(Derived::PairingsUnvisited), count(1));
    assert_eq!(q4(Derived::VisitCoverage), rate(1, 2));
    let all = |d| cell(&f, &m, "campaign", 0, d);
    assert_eq!(all(Derived::PairingsInForce), count(3));
    assert_eq!(all(Derived::PairingsUnvisited), count(1));
    assert_eq!(
        f.ledgers.first_visit,
        vec![Some(date("2022-10-01")), None, Some(date("2023-03-05"))]
    );
}

#[test]
fn county_practice_share_counts_write_ups_of_counties() {
    let m = model();
    let f = compute(&m);
    // 2022-Q4: the county's (Oct) and the national body's (Dec), which counts at the root only.
    assert_eq!(
        cell(&f, &m, "2022-Q4", 0, Derived::CountyPracticeShare),
        rate(1, 2)
    );
    assert_eq!(
        cell(&f, &m, "2022-Q4", 1, Derived::CountyPracticeShare),
        rate(1, 1)
    );
    assert_eq!(
        cell(&f, &m, "campaign", 2, Derived::CountyPracticeShare),
        rate(1, 2)
    );
    assert_eq!(f.library.total, 3);
}

#[test]
fn the_follow_up_list_matches_the_figures_of_its_period() {
    let m = model();
    let f = compute(&m);
    let b6 = m.calendar.get("2022-B6").unwrap();
    let kinds = |k| f.followup.list(b6, k).to_vec();
    let missing = kinds(FollowKind::NotReported);
    assert_eq!(missing.iter().map(|x| x.county).collect::<Vec<_>>(), [4]);
    let late = kinds(FollowKind::Late);
    assert_eq!(
        (late[0].county, late[0].subject, late[0].days),
        (3, Some(1), 5)
    );
    let never = kinds(FollowKind::NeverVisited);
    assert_eq!((never.len(), never[0].subject), (1, Some(1)));
    let stale = kinds(FollowKind::OpenOver90Days);
    assert_eq!(
        (stale.len(), stale[0].subject, stale[0].days),
        (1, Some(2), 91)
    );
    for (kind, metric) in [
        (FollowKind::NotReported, Derived::CountiesMissing),
        (FollowKind::Late, Derived::CountiesLate),
        (FollowKind::NeverVisited, Derived::PairingsUnvisited),
        (FollowKind::OpenOver90Days, Derived::ProblemsOpenOver90Days),
    ] {
        for period in m.calendar.get("2022-B5").into_iter().chain([b6]) {
            for u in [0, 1, 3, 4] {
                let listed = f.followup.under(period, kind, u, &m.units).count() as u32;
                assert_eq!(
                    f.cell(period, u, metric).unwrap(),
                    &count(listed),
                    "{kind:?} {u}"
                );
            }
        }
    }
    // Quarters and the campaign owe no report of their own: no report list; their lists of
    // pairings and problems are what their figures count.
    let q4 = m.calendar.get("2022-Q4").unwrap();
    assert!(f.followup.list(q4, FollowKind::NotReported).is_empty());
    for period in [q4, m.calendar.get("campaign").unwrap()] {
        for (kind, metric) in [
            (FollowKind::NeverVisited, Derived::PairingsUnvisited),
            (FollowKind::OpenOver90Days, Derived::ProblemsOpenOver90Days),
        ] {
            let listed = f.followup.under(period, kind, 0, &m.units).count() as u32;
            assert_eq!(
                f.cell(period, 0, metric).unwrap(),
                &count(listed),
                "{kind:?}"
            );
        }
    }
}

#[test]
fn every_column_is_filled_by_its_own_handle() {
    let m = model();
    let f = compute(&m);
    // Reordering the columns would not move a value: each column names its metric.
    for (k, d) in f.metrics.iter().enumerate() {
        assert_eq!(f.column(d.metric), Some(k));
        assert_eq!(f.column_of_code(&d.code), Some(k));
    }
    assert_eq!(f.column(Derived::Strong(Strength::Role)), None);
    assert!(f.column(Derived::Strong(Strength::Service)).is_some());
    let lectures = f.cell(m.calendar.get("2022-Q4").unwrap(), 0, Metric::Reported(0));
    assert_eq!(
        lectures.and_then(|c| c.value),
        Some(Value::Exact(Decimal::from(12)))
    );
}

#[test]
fn a_figure_takes_32_bytes() {
    // A national build holds over three million cells: 40 bytes each cost 27 MB more.
    assert_eq!(std::mem::size_of::<Cell>(), 32);
    assert_eq!(Cell::default().reported(), None);
    assert_eq!(Cell::counted(None, 0, 4).expected(), Some(4));
}
