//! Deadlines in working days (SPEC §4.1) on the `workdays` fixture: its worked example figure
//! by figure, the pages that state deadlines, a project's own holiday file, and bad settings
//! and holiday files one by one.
//!
//! The fixture: campaign 2022-09..2023-09, bimonthly, `grace_working_days = 5`, the built-in
//! schedule. County 110101 (按期县) files every report on its deadline, 110102 (次日县) the day
//! after, 110103 (十天县) ten calendar days after the period's end (the old default deadline).

use crate::common;

use common::{Figures, Project};
use encoding_rs::GB18030;

/// The worked example of SPEC §4.1: each bimonth and its deadline.
const DEADLINES: [(&str, &str, &str); 7] = [
    ("2022-B5", "2022-11-07", "2022年11月7日"),
    ("2022-B6", "2023-01-09", "2023年1月9日"),
    ("2023-B1", "2023-03-07", "2023年3月7日"),
    ("2023-B2", "2023-05-09", "2023年5月9日"),
    ("2023-B3", "2023-07-07", "2023年7月7日"),
    ("2023-B4", "2023-09-07", "2023年9月7日"),
    ("2023-B5", "2023-10-11", "2023年10月11日"),
];

fn build(p: &Project) -> Figures {
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p.figures()
}

fn built() -> (Project, Figures) {
    let p = Project::from_fixture("workdays");
    let f = build(&p);
    (p, f)
}

#[test]
fn the_worked_example_figure_by_figure() {
    let (p, f) = built();
    let reports = p.read("data/reports/2022-2023.csv");
    for (period, due, _) in DEADLINES {
        // The fixture files on the deadline and on the day after it.
        assert!(
            reports.contains(&format!("{period},110101,{due},")),
            "{period}"
        );
        // On the deadline is on time; the day after is late.
        assert_eq!(f.get(period, "110101", "timeliness"), ("1", "1", "1"));
        assert_eq!(f.get(period, "110102", "timeliness"), ("0", "0", "1"));
        assert_eq!(f.get(period, "110102", "reporting_rate"), ("1", "1", "1"));
    }
    // Ten calendar days after the end is late, except for 2023-B5: 9月30日 + 10 = 10月10日,
    // inside the 5 working days that the 中秋·国庆 break pushes to 10月11日.
    for (period, _, _) in &DEADLINES[..6] {
        assert_eq!(f.get(period, "110103", "timeliness"), ("0", "0", "1"));
        assert_eq!(
            f.get(period, "0", "timeliness"),
            ("0.3333333333333333", "1", "3")
        );
    }
    assert_eq!(f.get("2023-B5", "110103", "timeliness"), ("1", "1", "1"));
    assert_eq!(
        f.get("2023-B5", "0", "timeliness"),
        ("0.6666666666666666", "2", "3")
    );
    // Longer periods add up their bimonths: 2022-Q4 holds B5 and B6, 2023-Q3 B4 and B5.
    assert_eq!(f.get("2022-Q3", "0", "timeliness"), ("", "0", "0"));
    assert_eq!(
        f.get("2022-Q4", "0", "timeliness"),
        ("0.3333333333333333", "2", "6")
    );
    assert_eq!(
        f.get("2023-Q2", "1101", "timeliness"),
        ("0.3333333333333333", "2", "6")
    );
    assert_eq!(f.get("2023-Q3", "11", "timeliness"), ("0.5", "3", "6"));
    assert_eq!(
        f.get("2023-H1", "0", "timeliness"),
        ("0.3333333333333333", "3", "9")
    );
    assert_eq!(f.get("2023-H2", "0", "timeliness"), ("0.5", "3", "6"));
    assert_eq!(f.get("2023-H2", "110103", "timeliness"), ("0.5", "1", "2"));
    assert_eq!(
        f.get("campaign", "0", "timeliness"),
        ("0.38095238095238093", "8", "21")
    );
    assert_eq!(f.get("campaign", "0", "reporting_rate"), ("1", "21", "21"));
}

#[test]
fn grace_days_count_calendar_days_as_before() {
    let p = Project::from_fixture("workdays");
    p.replace(
        "data/campaign.toml",
        "grace_working_days = 5",
        "grace_days = 10",
    );
    let f = build(&p);
    // Deadlines are the last day + 10: everyone is on time, but in 2023-B5, due 10月10日,
    // only 十天县 is (按期县 filed 10月11日, 次日县 10月12日).
    for (period, _, _) in &DEADLINES[..6] {
        assert_eq!(
            f.get(period, "0", "timeliness"),
            ("1", "3", "3"),
            "{period}"
        );
    }
    assert_eq!(
        f.get("2023-B5", "0", "timeliness"),
        ("0.3333333333333333", "1", "3")
    );
    assert_eq!(f.get("2023-B5", "110101", "timeliness"), ("0", "0", "1"));
    assert_eq!(f.get("2023-B5", "110103", "timeliness"), ("1", "1", "1"));
    assert_eq!(
        f.get("campaign", "0", "timeliness"),
        ("0.9047619047619048", "19", "21")
    );
    let guide = p.read("output/guide/index.html");
    assert!(guide.contains("报表在报告期结束后10天内报送"), "{guide}");
    assert!(guide.contains("2023年10月10日") && !guide.contains("个工作日"));
}

#[test]
fn pages_state_each_deadline_as_a_date() {
    let (p, _) = built();
    let guide = p.read("output/guide/index.html");
    assert!(
        guide.contains("报表在报告期结束后5个工作日内报送"),
        "{guide}"
    );
    for (period, _, chinese) in DEADLINES {
        assert!(
            guide.contains(&format!("<td>{chinese}</td>")),
            "the guide lists {period}'s deadline"
        );
    }
    // A bimonth's bulletin: its own deadline on the cover, the next one among the next steps.
    let b4 = p.read("output/periods/2023-B4/index.html");
    assert!(b4.contains("报表截止：2023年9月7日"), "{b4}");
    assert!(
        b4.contains("2023年9月报表请于2023年10月11日前报送。"),
        "{b4}"
    );
    assert!(b4.contains("报告期结束后5个工作日内"), "{b4}");
    // A quarter owes two reports, and names both deadlines.
    let q4 = p.read("output/periods/2022-Q4/index.html");
    assert!(
        q4.contains("报表截止：报告期结束后5个工作日内，各期依次为2022年11月7日、2023年1月9日"),
        "{q4}"
    );
    let q3 = p.read("output/periods/2022-Q3/index.html");
    assert!(q3.contains("本期无报表到期"), "{q3}");
    // The dashboard's list of late counties, as of 2023-B5.
    let index = p.read("output/index.html");
    assert!(index.contains("应于2023年10月11日前报送。"), "{index}");
    for page in [&guide, &b4, &q4, &index] {
        assert!(
            !page.contains("2023-10-11"),
            "deadlines are written in Chinese"
        );
    }
}

/// The schedule `init` writes, with Chinese headers, some dates written otherwise, and (with
/// `extra`) a day off on Monday 2023-10-09, in GB18030 with CRLF line ends as Excel on Chinese
/// Windows saves it.
fn own_holiday_file(p: &Project, extra: bool) {
    let init = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["init", "x", "--province", "64"])
        .current_dir(init.path())
        .output()
        .unwrap();
    assert!(run.status.success());
    let built_in = std::fs::read_to_string(init.path().join("x/data/holidays.csv")).unwrap();
    let mut text = built_in
        .replace("date,kind,name", "日期,类型,名称")
        .replace("2023-10-07,班", "2023年10月7日,班")
        .replace("2022-10-01,休", "2022/10/1,off");
    if extra {
        text.push_str("2023-10-09,休,假想的加休\n");
    }
    let crlf = text.replace('\n', "\r\n");
    p.write("data/holidays.csv", GB18030.encode(&crlf).0);
}

#[test]
fn a_project_holiday_file_replaces_the_built_in_one() {
    let p = Project::from_fixture("workdays");
    own_holiday_file(&p, true);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    let f = build(&p);
    // All 73 rows are used: 72 from `init` and the extra day off.
    let inputs = p.read("output/data/inputs.csv");
    assert!(inputs.contains("data/holidays.csv,73,73,0"), "{inputs}");
    // 2023-B5: 10月7日, 8日 worked, 9日 off: the 5th working day is now 10月12日, so 次日县
    // is on time too.
    assert_eq!(f.get("2023-B5", "0", "timeliness"), ("1", "3", "3"));
    // The other deadlines stand.
    assert_eq!(
        f.get("2023-B4", "0", "timeliness"),
        ("0.3333333333333333", "1", "3")
    );
    assert!(
        p.read("output/guide/index.html")
            .contains("<td>2023年10月12日</td>")
    );
}

#[test]
fn the_file_init_writes_is_the_built_in_schedule() {
    let (p, _) = built();
    let before = p.read("output/data/indicators.csv");
    own_holiday_file(&p, false);
    build(&p);
    assert_eq!(before, p.read("output/data/indicators.csv"));
}

#[test]
fn a_holiday_file_may_be_a_workbook() {
    let p = Project::from_fixture("workdays");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["日期", "类型", "名称"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (d, k)) in [("2023-10-11", "休"), ("2023-10-12", "休")]
        .iter()
        .enumerate()
    {
        ws.write_string(r as u32 + 1, 0, *d).unwrap();
        ws.write_string(r as u32 + 1, 1, *k).unwrap();
    }
    wb.save(p.path("data/holidays.xlsx")).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Only 2023 is listed, so 2022-B5's deadline stands on Monday–Friday, with a warning.
    assert!(run.stderr.contains("1 warning"), "{}", run.stderr);
    let f = p.figures();
    // No 中秋·国庆 break any more: 10月2日—6日 are working days, so 2023-B5 is due 10月6日.
    assert_eq!(f.get("2023-B5", "0", "timeliness"), ("0", "0", "3"));
}

fn check_fails(p: &Project, wanted: &[&str]) -> String {
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for w in wanted {
        assert!(run.stderr.contains(w), "expected `{w}` in:\n{}", run.stderr);
    }
    let build = p.run(&["build"]);
    assert_eq!(build.code, 1, "build refuses: {}", build.stderr);
    assert!(!p.path("output").exists());
    run.stderr
}

#[test]
fn both_grace_keys_are_an_error_naming_the_file() {
    let p = Project::from_fixture("workdays");
    p.append("data/campaign.toml", "grace_days = 10");
    check_fails(
        &p,
        &[
            "error[grace-twice]: data/campaign.toml:7: `grace_days` and `grace_working_days` are both set",
        ],
    );
}

#[test]
fn working_days_must_be_a_whole_number_from_1() {
    for bad in ["0", "\"5\"", "2.5", "300"] {
        let p = Project::from_fixture("workdays");
        p.replace(
            "data/campaign.toml",
            "grace_working_days = 5",
            &format!("grace_working_days = {bad}"),
        );
        check_fails(
            &p,
            &[
                "error[bad-value]: data/campaign.toml:7: `grace_working_days` has the wrong value; expected a whole number of working days from 1 to 250",
            ],
        );
    }
}

#[test]
fn a_bad_date_in_the_holiday_file() {
    let p = Project::from_fixture("workdays");
    p.write(
        "data/holidays.csv",
        "date,kind,name\n2023-10-01,休,国庆节\n2023-02-30,休,不存在\n",
    );
    check_fails(
        &p,
        &["error[bad-date]: data/holidays.csv:3:1: `date`: `2023-02-30` is not a real day"],
    );
}

#[test]
fn an_unknown_kind_in_the_holiday_file() {
    let p = Project::from_fixture("workdays");
    p.write(
        "data/holidays.csv",
        "名称,日期,类型\n国庆节,2023-10-01,休\n国庆节,2023-10-02,放假\n",
    );
    check_fails(
        &p,
        &[
            "error[unknown-day-kind]: data/holidays.csv:3:3: `放假` is not a kind of day; expected 休",
        ],
    );
}

#[test]
fn a_date_listed_with_both_kinds() {
    let p = Project::from_fixture("workdays");
    p.write(
        "data/holidays.csv",
        "date,kind,name\n2023-10-07,work,调休\n2023-10-01,off,国庆节\n2023年10月7日,休,国庆节\n",
    );
    let e = check_fails(
        &p,
        &[
            "error[conflicting-day]: data/holidays.csv:4:2: 2023-10-07 is listed as 休 here and as 班 on line 2",
        ],
    );
    // The row is set aside with the reason, and --keep-going publishes without it.
    assert!(e.contains("2023年10月7日,休,国庆节"), "{e}");
    let run = p.run(&["build", "--keep-going"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rejected = p.read("output/data/rejected.csv");
    assert!(
        rejected.contains("data/holidays.csv,4,conflicting-day"),
        "{rejected}"
    );
}

#[test]
fn a_holiday_file_without_its_columns() {
    let p = Project::from_fixture("workdays");
    p.write("data/holidays.csv", "day,type\n2023-10-01,休\n");
    check_fails(
        &p,
        &[
            "error[missing-column]: data/holidays.csv:1: the file lacks the columns `date` (日期), `kind` (类型)",
        ],
    );
}

#[test]
fn deadlines_past_the_list_are_counted_monday_to_friday_with_a_warning() {
    let p = Project::from_fixture("workdays");
    p.replace(
        "data/campaign.toml",
        "end = \"2023-09\"",
        "end = \"2024-03\"",
    );
    p.append("data/reports/2022-2023.csv", "2024-B1,110101,2024-03-07,1");
    p.append("data/reports/2022-2023.csv", "2024-B1,110102,2024-03-08,1");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning[holidays-not-covered]"))
        .collect();
    assert_eq!(warnings.len(), 3, "{}", run.stderr);
    assert!(
        warnings[0].contains("data/holidays.csv: 2023-B6 (2023年11—12月)"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("as 2024-01-05") && warnings[0].contains("no day of 2024"));
    assert!(warnings[1].contains("2024-B1") && warnings[1].contains("as 2024-03-07"));
    assert!(warnings[2].contains("2024-B2 (2024年3月)"));
    // 2023-B5 now spans September and October 2023 and is due 2023-11-07: inside the list.
    assert!(!run.stderr.contains("2023-B5 ("));
    let f = p.figures();
    // Thursday 2024-02-29 + 5 working days: Friday 3月1日 … Thursday 3月7日.
    assert_eq!(f.get("2024-B1", "110101", "timeliness"), ("1", "1", "1"));
    assert_eq!(f.get("2024-B1", "110102", "timeliness"), ("0", "0", "1"));
}
