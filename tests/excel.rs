//! Excel workbooks under data/ are read like CSV: a title row, an instructions sheet, date
//! cells, numbers stored as numbers or as text, full-width digits, thousands separators, √/×,
//! and findings that name the cell as Excel shows it.

use crate::common;

use common::Project;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn workbook(path: &std::path::Path) {
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes
        .write_string(0, 0, "请按县级工会逐行填写，空白表示未报送。")
        .unwrap();
    notes
        .write_string(1, 0, "是否类指标填写 是 或 否。")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("报表").unwrap();
    ws.merge_range(0, 0, 0, 6, "2023年3—4月县级工会报表", &Format::new())
        .unwrap();
    for (c, h) in [
        "报告期",
        "单位代码",
        "报送日期",
        "宣讲场次（次）",
        "新发展会员",
        "服务中心",
        "服务站点",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let date = ExcelDateTime::from_ymd(2023, 5, 5).unwrap();
    // Row 3: a code as text, a date cell, a number, full-width digits as text, √.
    ws.write_string(2, 0, "2023-B2").unwrap();
    ws.write_string(2, 1, "110101").unwrap();
    ws.write_datetime_with_format(2, 2, &date, &day).unwrap();
    ws.write_number(2, 3, 4.0).unwrap();
    ws.write_string(2, 4, "１２").unwrap();
    ws.write_string(2, 5, "√").unwrap();
    ws.write_number(2, 6, 5.0).unwrap();
    // Row 4: a code stored as a number, thousands separators in text, ×.
    ws.write_string(3, 0, "2023-B2").unwrap();
    ws.write_number(3, 1, 110102.0).unwrap();
    ws.write_datetime_with_format(3, 2, &date, &day).unwrap();
    ws.write_string(3, 3, "1,234").unwrap();
    ws.write_number(3, 4, 3.0).unwrap();
    ws.write_string(3, 5, "×").unwrap();
    ws.write_number(3, 6, 4.0).unwrap();
    // Row 5: a dash for “none” cannot be read with certainty.
    ws.write_string(4, 0, "2023-B2").unwrap();
    ws.write_string(4, 1, "110190").unwrap();
    ws.write_datetime_with_format(4, 2, &date, &day).unwrap();
    ws.write_string(4, 3, "—").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_workbook_reads_like_csv_and_points_at_cells() {
    let p = Project::from_fixture("basic");
    workbook(&p.path("data/reports/b-excel.xlsx"));
    let check = p.run(&["check"]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stderr
            .contains("error[not-a-number]: data/reports/b-excel.xlsx[报表]!D5:"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("write 0 when there was none"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("info[sheet-skipped]: data/reports/b-excel.xlsx[填表说明]"),
        "{}",
        check.stderr
    );
    let run = p.run(&["build", "--keep-going"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = p.figures();
    // 东区 4 and 西县 1,234 lectures; 直辖市县's row is set aside.
    assert_eq!(f.get("2023-B2", "0", "lectures"), ("1238", "2", "4"));
    assert_eq!(f.get("2023-B2", "0", "members"), ("7.5", "2", "4"));
    assert_eq!(f.get("2023-B2", "0", "centre"), ("0.5", "2", "4"));
    assert_eq!(f.get("2023-B2", "0", "stations"), ("9", "2", "4"));
    // Timeliness from the date cells: due 2023-05-10.
    assert_eq!(f.get("2023-B2", "0", "timeliness"), ("0.5", "2", "4"));
    let rejected = p.read("output/data/rejected.csv");
    assert!(
        rejected.contains("data/reports/b-excel.xlsx[报表],5,not-a-number"),
        "{rejected}"
    );
}

#[test]
fn a_units_workbook_replaces_the_csv_and_two_of_them_are_a_finding() {
    let p = Project::from_fixture("basic");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let csv = p.read("data/units.csv");
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    wb.save(p.path("data/units.xlsx")).unwrap();
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("duplicate-file")
            && run.stderr.contains("data/units.csv and data/units.xlsx"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(p.path("data/units.csv")).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        p.figures().get("2022-Q4", "0", "reporting_rate"),
        ("0.625", "5", "8")
    );
}
