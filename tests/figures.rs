//! Figures of the `basic` fixture, each worked out by hand from SPEC §4–§5.
//!
//! The fixture: province 11 has prefecture 1101 (counties 110101 东区, 110102 西县) and county
//! 110190 straight under it; province 12 has county 120101, which never reports. Bimonthly
//! reports, grace 10 days (the defaults: the fixture has no campaign.toml).

use crate::common;

use common::{Figures, Project};

fn built() -> (Project, Figures) {
    let p = Project::from_fixture("basic");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = p.figures();
    (p, f)
}

#[test]
fn sums_means_and_shares_in_a_quarter() {
    let (_, f) = built();
    // 2022-Q4 holds B5 (ends Oct) and B6 (ends Dec).
    // lectures: 东区 3+2, 西县 7+0 (its later B5 filing wins), 直辖市县 1.
    assert_eq!(f.get("2022-Q4", "1101", "lectures"), ("12", "2", "2"));
    assert_eq!(f.get("2022-Q4", "11", "lectures"), ("13", "3", "3"));
    assert_eq!(f.get("2022-Q4", "0", "lectures"), ("13", "3", "4"));
    // members (mean): 东区 9, 西县 8 (its winning B5 row leaves members blank), 直辖市县 12.
    assert_eq!(f.get("2022-Q4", "1101", "members"), ("8.5", "2", "2"));
    assert_eq!(
        f.get("2022-Q4", "11", "members"),
        ("9.666666666666666", "3", "3")
    );
    // centre (last, share): 东区 是 (B6), 西县 是, 直辖市县 否.
    assert_eq!(
        f.get("2022-Q4", "11", "centre"),
        ("0.6666666666666666", "3", "3")
    );
    // stations (last, sum): 东区's B6 is blank, so its B5 value 2 stands; 西县 3; 直辖市县 1.
    assert_eq!(f.get("2022-Q4", "1101", "stations"), ("5", "2", "2"));
    assert_eq!(f.get("2022-Q4", "0", "stations"), ("6", "3", "4"));
    // A county that never reports: blank, 0 of 1.
    assert_eq!(f.get("2022-Q4", "12", "lectures"), ("", "0", "1"));
    assert_eq!(f.get("2022-Q4", "120101", "members"), ("", "0", "1"));
    // A county's own figures.
    assert_eq!(f.get("2022-Q4", "110102", "lectures"), ("7", "1", "1"));
    assert_eq!(f.get("2022-Q4", "110190", "centre"), ("0", "1", "1"));
}

#[test]
fn reporting_rate_and_timeliness() {
    let (_, f) = built();
    // 2022-Q4: 4 counties owe B5 and B6. Received 5 (东区 2, 西县 2, 直辖市县 1, its repeat
    // counted once). On time: 东区 B5, 西县 B6, 直辖市县 B5 (西县's winning B5 came 11-20,
    // after the 11-10 due date; 东区's B6 came 01-15, after 01-10).
    assert_eq!(f.get("2022-Q4", "0", "reporting_rate"), ("0.625", "5", "8"));
    assert_eq!(f.get("2022-Q4", "0", "timeliness"), ("0.375", "3", "8"));
    assert_eq!(
        f.get("2022-Q4", "11", "reporting_rate"),
        ("0.8333333333333334", "5", "6")
    );
    assert_eq!(f.get("2022-Q4", "11", "timeliness"), ("0.5", "3", "6"));
    assert_eq!(
        f.get("2022-Q4", "120101", "reporting_rate"),
        ("0", "0", "2")
    );
    // 2023-Q1 holds 2023-B1 only: 东区 on time, 直辖市县's all-blank row counts as received, late.
    assert_eq!(f.get("2023-Q1", "0", "reporting_rate"), ("0.5", "2", "4"));
    assert_eq!(f.get("2023-Q1", "0", "timeliness"), ("0.25", "1", "4"));
    assert_eq!(f.get("2023-Q1", "0", "members"), ("", "0", "4"));
    assert_eq!(f.get("2023-Q1", "0", "centre"), ("1", "1", "4"));
    // A bimonth owes just itself; the campaign owes all 7.
    assert_eq!(f.get("2022-B5", "1101", "reporting_rate"), ("1", "2", "2"));
    assert_eq!(
        f.get("campaign", "0", "reporting_rate"),
        ("0.25", "7", "28")
    );
}

#[test]
fn a_period_in_which_no_report_is_due() {
    let (_, f) = built();
    // 2022-Q3 is September only: no reporting period ends in it.
    assert_eq!(f.get("2022-Q3", "0", "reporting_rate"), ("", "0", "0"));
    assert_eq!(f.get("2022-Q3", "0", "timeliness"), ("", "0", "0"));
    assert_eq!(f.get("2022-Q3", "0", "lectures"), ("", "0", "4"));
    // Ledger figures still count.
    assert_eq!(f.get("2022-Q3", "0", "onsite_visits"), ("1", "", ""));
    assert_eq!(f.get("2022-Q3", "0", "problems_found"), ("1", "", ""));
}

#[test]
fn strengths_judged_on_values_since_the_campaign_start() {
    let (_, f) = built();
    // Targets: members ≥ 10 (组织功能强); centre = 是 and stations ≥ 3 (服务阵地强).
    // By Dec 2022: only 直辖市县 has members ≥ 10 (12); only 西县 meets both service targets.
    assert_eq!(
        f.get("2022-Q4", "0", "strong_organization"),
        ("0.25", "1", "4")
    );
    assert_eq!(f.get("2022-Q4", "0", "strong_service"), ("0.25", "1", "4"));
    assert_eq!(f.get("2022-Q4", "0", "five_strong"), ("0", "0", "4"));
    // By Mar 2023, 东区's 2023-B1 stations 4 makes it meet 服务阵地强 too.
    assert_eq!(f.get("2023-Q1", "0", "strong_service"), ("0.5", "2", "4"));
    assert_eq!(f.get("campaign", "1101", "strong_service"), ("1", "2", "2"));
    assert_eq!(
        f.get("campaign", "11", "strong_organization"),
        ("0.3333333333333333", "1", "3")
    );
    // Strengths without a target get no row.
    assert!(!f.has("campaign", "0", "strong_political"));
    assert!(!f.has("campaign", "0", "strong_role"));
    assert!(f.has("campaign", "0", "five_strong"));
}

#[test]
fn pairings_and_visits() {
    let (_, f) = built();
    // By 2022-09-30 only 东区 is paired (by N1 and by province 11).
    assert_eq!(
        f.get("2022-Q3", "0", "pairing_coverage"),
        ("0.25", "1", "4")
    );
    assert_eq!(
        f.get("2022-Q3", "11", "pairing_coverage"),
        ("0.3333333333333333", "1", "3")
    );
    assert_eq!(f.get("2022-Q4", "0", "pairing_coverage"), ("0.5", "2", "4"));
    assert_eq!(
        f.get("2023-Q1", "0", "pairing_coverage"),
        ("0.75", "3", "4")
    );
    // Visit coverage counts pairings: N1→东区 visited 09-20; province 11→东区 only in April 2023;
    // 1101→西县 only online; N1→乙区 visited 01-15, before the pairing began (still counts).
    assert_eq!(f.get("2022-Q3", "0", "visit_coverage"), ("0.5", "1", "2"));
    assert_eq!(
        f.get("2022-Q4", "0", "visit_coverage"),
        ("0.3333333333333333", "1", "3")
    );
    assert_eq!(f.get("2023-Q1", "0", "visit_coverage"), ("0.5", "2", "4"));
    assert_eq!(f.get("2023-Q1", "12", "visit_coverage"), ("1", "1", "1"));
    assert_eq!(f.get("campaign", "0", "visit_coverage"), ("0.75", "3", "4"));
    // On-site visits: online ones and the one in 2024 do not count.
    assert_eq!(f.get("2022-Q4", "0", "onsite_visits"), ("0", "", ""));
    assert_eq!(f.get("2023-Q1", "12", "onsite_visits"), ("1", "", ""));
    assert_eq!(f.get("campaign", "0", "onsite_visits"), ("3", "", ""));
}

#[test]
fn problems_by_date_and_category() {
    let (_, f) = built();
    // P4 was found before the campaign (counts in no period's problems_found) but resolved in
    // Sep 2022; P5 was resolved after the campaign (counts in no period's problems_resolved).
    assert_eq!(f.get("2022-Q3", "0", "problems_found"), ("1", "", ""));
    assert_eq!(f.get("2022-Q3", "0", "problems_resolved"), ("1", "", ""));
    assert_eq!(f.get("2022-Q3", "0", "resolution_rate"), ("0.5", "1", "2"));
    assert_eq!(f.get("2022-Q4", "0", "problems_found"), ("2", "", ""));
    assert_eq!(f.get("2022-Q4", "0", "resolution_rate"), ("0.5", "2", "4"));
    assert_eq!(f.get("2023-Q1", "0", "resolution_rate"), ("0.75", "3", "4"));
    assert_eq!(f.get("campaign", "0", "problems_found"), ("4", "", ""));
    assert_eq!(f.get("campaign", "0", "problems_resolved"), ("3", "", ""));
    assert_eq!(f.get("campaign", "0", "resolution_rate"), ("0.6", "3", "5"));
    assert_eq!(
        f.get("campaign", "0", "problems_found_coordinate"),
        ("2", "", "")
    );
    assert_eq!(
        f.get("campaign", "0", "resolution_rate_coordinate"),
        ("0.5", "1", "2")
    );
    assert_eq!(
        f.get("campaign", "0", "resolution_rate_union"),
        ("1", "1", "1")
    );
    assert_eq!(f.get("campaign", "0", "problems_found_self"), ("1", "", ""));
    assert_eq!(
        f.get("campaign", "0", "resolution_rate_self"),
        ("0.5", "1", "2")
    );
    assert_eq!(f.get("campaign", "12", "problems_resolved"), ("1", "", ""));
    assert_eq!(f.get("campaign", "12", "resolution_rate"), ("1", "1", "1"));
    assert_eq!(
        f.get("2023-Q2", "1101", "resolution_rate_coordinate"),
        ("1", "1", "1")
    );
    assert_eq!(
        f.get("2022-Q3", "12", "resolution_rate_union"),
        ("", "0", "0")
    );
}

#[test]
fn practices_count_where_they_come_from() {
    let (_, f) = built();
    // a: 东区, 2022-10-01, province-wide; b: prefecture 1101, 2023-02-10, county;
    // c: national body N1, 2023-05-01, national (counts for the root alone);
    // d: 乙区 given as a YAML number, 2023/6/1, 全国.
    assert_eq!(f.get("campaign", "0", "practices"), ("4", "", ""));
    assert_eq!(f.get("campaign", "0", "practices_promoted"), ("3", "", ""));
    assert_eq!(f.get("campaign", "11", "practices"), ("2", "", ""));
    assert_eq!(f.get("campaign", "11", "practices_promoted"), ("1", "", ""));
    assert_eq!(f.get("campaign", "12", "practices_promoted"), ("1", "", ""));
    assert_eq!(f.get("2022-Q4", "0", "practices"), ("1", "", ""));
    assert_eq!(f.get("2023-Q2", "0", "practices"), ("2", "", ""));
}

#[test]
fn every_territorial_unit_and_period_has_every_row_and_bodies_have_none() {
    let (_, f) = built();
    // 16 periods × 9 territorial units × (4 indicators + 35 derived + 2 strengths + five_strong).
    assert_eq!(f.0.len(), 16 * 9 * 42);
    assert!(f.0.keys().all(|(_, unit, _)| unit != "N1"));
}

#[test]
fn reports_missing_and_late_and_the_counties_behind_them() {
    let (_, f) = built();
    // 2022-Q4 owes B5 and B6 from 4 counties: 8 owed, 5 received, 3 on time.
    assert_eq!(f.get("2022-Q4", "0", "reports_missing"), ("3", "", ""));
    assert_eq!(f.get("2022-Q4", "0", "reports_late"), ("2", "", ""));
    // Missing: 直辖市县 (no B6) and 乙区; late: 东区 (B6) and 西县 (its winning B5).
    assert_eq!(f.get("2022-Q4", "0", "counties_missing"), ("2", "", ""));
    assert_eq!(f.get("2022-Q4", "0", "counties_late"), ("2", "", ""));
    assert_eq!(f.get("2022-Q4", "1101", "counties_missing"), ("0", "", ""));
    // 2023-Q1 owes B1: 西县 and 乙区 missing, 直辖市县 late (its all-blank row came 03-20).
    assert_eq!(f.get("2023-Q1", "0", "counties_missing"), ("2", "", ""));
    assert_eq!(f.get("2023-Q1", "0", "counties_late"), ("1", "", ""));
    // Over the campaign: 28 owed, 7 received, 4 on time; every county misses one.
    assert_eq!(f.get("campaign", "0", "reports_missing"), ("21", "", ""));
    assert_eq!(f.get("campaign", "0", "reports_late"), ("3", "", ""));
    assert_eq!(f.get("campaign", "0", "counties_missing"), ("4", "", ""));
    assert_eq!(f.get("campaign", "0", "counties_late"), ("3", "", ""));
    // Nothing owed in 2022-Q3: nothing missing.
    assert_eq!(f.get("2022-Q3", "0", "reports_missing"), ("0", "", ""));
}

#[test]
fn pairings_in_force_and_never_visited() {
    let (_, f) = built();
    // By 09-30: N1→东区 (visited 09-20) and 11→东区; by 12-31 also 1101→西县 (online only);
    // by 03-31 also N1→乙区 (visited 01-15, before it began); 11→东区 visited 04-02.
    assert_eq!(f.get("2022-Q3", "0", "pairings_in_force"), ("2", "", ""));
    assert_eq!(f.get("2022-Q3", "0", "pairings_unvisited"), ("1", "", ""));
    assert_eq!(f.get("2022-Q4", "0", "pairings_unvisited"), ("2", "", ""));
    assert_eq!(f.get("2023-Q1", "0", "pairings_in_force"), ("4", "", ""));
    assert_eq!(f.get("2023-Q1", "0", "pairings_unvisited"), ("2", "", ""));
    assert_eq!(f.get("campaign", "0", "pairings_in_force"), ("4", "", ""));
    assert_eq!(f.get("campaign", "0", "pairings_unvisited"), ("1", "", ""));
    assert_eq!(
        f.get("campaign", "1101", "pairings_unvisited"),
        ("1", "", "")
    );
}

#[test]
fn problems_in_progress_and_open_at_the_period_end() {
    let (_, f) = built();
    // On 09-30: P1 found, resolved only on 12-20, so in progress; P4 resolved.
    assert_eq!(f.get("2022-Q3", "0", "problems_in_progress"), ("1", "", ""));
    assert_eq!(f.get("2022-Q3", "0", "problems_open"), ("0", "", ""));
    // On 12-31: P2 (resolved 2023-01-05) and P3 in progress; 2 of 4 resolved.
    assert_eq!(f.get("2022-Q4", "0", "problems_in_progress"), ("2", "", ""));
    assert_eq!(
        f.get("2022-Q4", "0", "problems_in_progress_union"),
        ("1", "", "")
    );
    assert_eq!(
        f.get("2022-Q4", "0", "problems_open_over_90_days"),
        ("0", "", "")
    );
    // On 2023-03-31 P3, found 2022-12-01, has been open 120 days.
    assert_eq!(
        f.get("2023-Q1", "0", "problems_open_over_90_days"),
        ("1", "", "")
    );
    // Over the campaign P5, resolved 2023-11-01, is in progress: 5 = 3 resolved + 2 + 0.
    assert_eq!(f.get("campaign", "0", "resolution_rate"), ("0.6", "3", "5"));
    assert_eq!(
        f.get("campaign", "0", "problems_in_progress"),
        ("2", "", "")
    );
    assert_eq!(f.get("campaign", "0", "problems_open"), ("0", "", ""));
    assert_eq!(
        f.get("campaign", "0", "problems_in_progress_coordinate"),
        ("1", "", "")
    );
    assert_eq!(
        f.get("campaign", "0", "problems_in_progress_self"),
        ("1", "", "")
    );
    assert_eq!(
        f.get("campaign", "12", "problems_in_progress"),
        ("0", "", "")
    );
}

#[test]
fn county_practice_share() {
    let (_, f) = built();
    // Campaign: a (东区) and d (乙区) of 4 are counties' own; province 11: a of a and b.
    assert_eq!(
        f.get("campaign", "0", "county_practice_share"),
        ("0.5", "2", "4")
    );
    assert_eq!(
        f.get("campaign", "11", "county_practice_share"),
        ("0.5", "1", "2")
    );
    assert_eq!(
        f.get("2023-Q2", "0", "county_practice_share"),
        ("0.5", "1", "2")
    );
    assert_eq!(
        f.get("2022-Q3", "0", "county_practice_share"),
        ("", "0", "0")
    );
}

#[test]
fn the_follow_up_list_and_the_calendar_are_exported() {
    let (p, _) = built();
    let followup = p.read("output/data/followup.csv");
    // As of 2023-B1 (ends 02-28, due 03-10): 西县 and 乙区 missing, 直辖市县 10 days late,
    // 1101→西县 and 11→东区 never visited.
    for row in [
        "2023-B1,not_reported,110102,西县,甲省,甲一市,2023-03-10,,,,,,,,,",
        "2023-B1,not_reported,120101,乙区,乙省,乙一市,2023-03-10,,,,,,,,,",
        "2023-B1,late,110190,直辖市县,甲省,,2023-03-10,2023-03-20,10,,,,,,,",
        "2023-B1,never_visited,110102,西县,甲省,甲一市,,,,1101,甲一市,2022-10-15,,,,",
        "2023-B1,never_visited,110101,东区,甲省,甲一市,,,,11,甲省,2022-09-01,,,,",
        // On 2023-06-30 P3 has been open 211 days.
        "2023-B3,open_over_90_days,110102,西县,甲省,甲一市,,,,,,,P3,2022-12-01,in_progress,211",
    ] {
        assert!(followup.contains(&format!("{row}\n")), "{row}\n{followup}");
    }
    assert_eq!(followup.matches("2023-B1,").count(), 5, "{followup}");
    let periods = p.read("output/data/periods.csv");
    assert!(periods.contains(
        "2023-B1,bimonth,2023年1—2月,2023-01-01,2023-02-28,2023-03-10,2023-B1,6,0.46153846153846156,yes,3,2023-03-13\n"
    ), "{periods}");
    assert!(
        periods
            .contains("2022-Q4,quarter,2022年第四季度,2022-10-01,2022-12-31,,2022-B5;2022-B6,4,")
    );
    let library = p.read("output/data/library.csv");
    assert!(
        library.starts_with("group,value,practices\nall,,4\n"),
        "{library}"
    );
}

#[test]
fn warnings_and_superseded_filings_are_listed() {
    let (p, _) = built();
    let quality = p.read("output/data/quality.csv");
    assert!(
        quality.contains("warning,data/reports/b-gbk.csv,3,0,repeated-row"),
        "{quality}"
    );
    assert!(quality.contains("warning,data/visits.csv,6,"), "{quality}");
    assert!(quality.contains("visit-outside-campaign"));
    assert!(
        quality.contains("info,data/reports/a.csv,5,0,superseded"),
        "{quality}"
    );
    let rejected = p.read("output/data/rejected.csv");
    assert!(
        rejected.contains("data/reports/a.csv,5,superseded"),
        "{rejected}"
    );
    assert!(
        rejected.contains("\"2022-B5,110102,2022-11-08,5,6,是,3\""),
        "{rejected}"
    );
}

#[test]
fn the_same_input_builds_byte_identical_output() {
    let (p, _) = built();
    let first = p.read("output/data/indicators.csv");
    let first_quality = p.read("output/data/quality.csv");
    assert_eq!(p.run(&["build"]).code, 0);
    assert_eq!(first, p.read("output/data/indicators.csv"));
    assert_eq!(first_quality, p.read("output/data/quality.csv"));
}
