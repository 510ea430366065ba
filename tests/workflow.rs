//! The round of work as union staff live it — init → forms → fill in → check → build → serve →
//! pdf, exactly as README's “A round of work” — and what each command says when it cannot go
//! ahead.

use std::fs;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// Runs countyboard in `dir` under the locale `C.UTF-8`: messages in English.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    run_in(dir, "C.UTF-8", args)
}

/// Runs countyboard in `dir` with `LANG` set to `locale` (and no `LC_ALL` or `LC_MESSAGES`),
/// returning the exit code and what it printed.
fn run_in(dir: &Path, locale: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .args(args)
        .args(["--today", "2026-11-25"])
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// What a county writes into its row (0-based) of a form: the day it filed and a value for
/// every indicator (是 for a 是/否 one); `None` leaves the row as it came.
type Filling<'a> = &'a dyn Fn(usize) -> Option<(&'static str, u32)>;

/// Fills an xlsx form as a person would in Excel: the same sheets (the instructions too), a date
/// cell and numbers in the rows of the counties that reported, the other rows as they came.
fn fill_xlsx(form: &Path, filled: &Path, fill: Filling) {
    let mut book = open_workbook_auto(form).unwrap();
    let mut wb = Workbook::new();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(&name).unwrap();
        let headers: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        for (r, row) in range.rows().enumerate() {
            let filling = if name == "报表" && r > 0 {
                fill(r - 1)
            } else {
                None
            };
            for (c, cell) in row.iter().enumerate() {
                let (r32, c16) = (r as u32, c as u16);
                let written = match (filling, c, cell) {
                    (Some((date, _)), 3, _) => {
                        let (y, m, d) = ymd(date);
                        let date = ExcelDateTime::from_ymd(y, m, d).unwrap();
                        ws.write_datetime_with_format(r32, c16, date, &day)
                    }
                    (Some(_), c, _) if c >= 4 && headers[c].contains("是/否") => {
                        ws.write_string(r32, c16, "是")
                    }
                    (Some((_, value)), c, _) if c >= 4 => {
                        ws.write_number(r32, c16, f64::from(value))
                    }
                    (_, _, Data::String(s)) => ws.write_string(r32, c16, s),
                    _ => continue,
                };
                written.unwrap();
            }
        }
    }
    wb.save(filled).unwrap();
}

fn ymd(date: &str) -> (u16, u8, u8) {
    let p: Vec<&str> = date.split(['-', '/']).collect();
    (
        p[0].parse().unwrap(),
        p[1].parse().unwrap(),
        p[2].parse().unwrap(),
    )
}

/// Fills a CSV form as a person would in a spreadsheet that saves CSV.
fn fill_csv(form: &Path, filled: &Path, fill: Filling) {
    let text = fs::read_to_string(form).unwrap();
    let headers: Vec<String> = text
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(String::from)
        .collect();
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| match (i, fill(i.wrapping_sub(1))) {
            (0, _) | (_, None) => line.to_string(),
            (_, Some((date, value))) => {
                let mut cells: Vec<String> = line.split(',').map(String::from).collect();
                cells[3] = date.to_string();
                for (c, cell) in cells.iter_mut().enumerate().skip(4) {
                    *cell = if headers[c].contains("是/否") {
                        "是".into()
                    } else {
                        value.to_string()
                    };
                }
                cells.join(",")
            }
        })
        .collect();
    fs::write(filled, lines.join("\r\n")).unwrap();
}

/// A figure of `output/data/indicators.csv`: (value, reported, expected).
fn figure(proj: &Path, period: &str, unit: &str, indicator: &str) -> (String, String, String) {
    let text = fs::read_to_string(proj.join("output/data/indicators.csv")).unwrap();
    let prefix = format!("{period},{unit},{indicator},");
    let line = text
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no figure {prefix}"));
    let f: Vec<&str> = line.split(',').collect();
    (f[3].to_string(), f[4].to_string(), f[5].to_string())
}

/// The codes of a province's counties, in the order of `data/units.csv`.
fn counties_of(proj: &Path, province: &str) -> Vec<String> {
    fs::read_to_string(proj.join("data/units.csv"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(province) && l.contains(",county,"))
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

fn s(text: &str) -> String {
    text.to_string()
}

/// README's “A round of work”, step by step.
#[test]
fn a_round_of_work() {
    let tmp = tempfile::tempdir().unwrap();
    // countyboard init union2023 --province 13 64: the new project is built at once.
    let (code, out) = run(tmp.path(), &["init", "union2023", "--province", "13", "64"]);
    assert_eq!(code, 0, "{out}");
    let proj = tmp.path().join("union2023");
    assert!(
        proj.join("output/index.html").is_file(),
        "init builds: {out}"
    );
    assert!(
        out.contains("\n  cd union2023\n  countyboard forms --period 2023-B1 "),
        "init's next steps are README's: {out}"
    );
    let (hebei, ningxia) = (counties_of(&proj, "13"), counties_of(&proj, "64"));
    let (h, n) = (hebei.len().to_string(), ningxia.len().to_string());
    assert_eq!((h.as_str(), n.as_str()), ("190", "22"));

    // countyboard forms --period 2023-B1: an xlsx form per province.
    let (code, out) = run(&proj, &["forms", "--period", "2023-B1"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("wrote 2 forms for 2023年1—2月 into forms/2023-B1"),
        "{out}"
    );
    let forms = proj.join("forms/2023-B1");
    let hebei_form = forms.join("13-2023-B1-河北省.xlsx");
    assert!(hebei_form.is_file() && forms.join("64-2023-B1-宁夏回族自治区.xlsx").is_file());
    // Its instructions state the deadline as a date: 2023-B1 ends on 28 February, plus 10 days.
    let mut book = open_workbook_auto(&hebei_form).unwrap();
    let notes = book.worksheet_range("填表说明").unwrap();
    let deadline = notes
        .rows()
        .find(|r| r[0] == "报送时限")
        .map(|r| r[1].to_string());
    assert_eq!(
        deadline.as_deref(),
        Some("请于2023年3月10日前报送（含当日）；此后报送的计为迟报。")
    );
    // countyboard forms --period 2023-B1 --province 宁夏 --format csv: a province by its name.
    let (code, out) = run(
        &proj,
        &[
            "forms",
            "--period",
            "2023-B1",
            "--province",
            "宁夏",
            "--format",
            "csv",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("wrote 1 form for"), "{out}");
    let ningxia_form = forms.join("64-2023-B1-宁夏回族自治区.csv");

    // The counties fill them in: three of 河北's on time with 5, 7 and 9 lectures, the other
    // rows of 河北's form left as they came; all of 宁夏's, late (2023-03-20 > 03-10), 2 each.
    // The filled files go into data/reports/ as they are.
    let reports = proj.join("data/reports");
    let hebei_fill = |i: usize| (i < 3).then_some(("2023-03-05", 5 + 2 * i as u32));
    fill_xlsx(
        &hebei_form,
        &reports.join("13-2023-B1-河北省.xlsx"),
        &hebei_fill,
    );
    let ningxia_csv = reports.join("64-2023-B1-宁夏回族自治区.csv");
    fill_csv(&ningxia_form, &ningxia_csv, &|_| Some(("2023/3/20", 2)));

    // countyboard check: the forms read as they came back, blank rows and instructions too.
    let (code, out) = run(&proj, &["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings, 0 notices"), "{out}");
    assert!(out.contains("next: countyboard build"), "{out}");

    // countyboard build: the figures of exactly the counties that filled in their rows.
    let (code, out) = run(&proj, &["build"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        figure(&proj, "2023-B1", "13", "lectures"),
        (s("21"), s("3"), h.clone())
    );
    assert_eq!(
        figure(&proj, "2023-B1", "64", "lectures"),
        (s("44"), n.clone(), n.clone())
    );
    assert_eq!(figure(&proj, "2023-B1", "100000", "lectures").0, "65");
    for (i, county) in hebei.iter().enumerate().take(5) {
        let wanted = match i {
            0..3 => (format!("{}", 5 + 2 * i), s("1"), s("1")),
            _ => (s(""), s("0"), s("1")),
        };
        assert_eq!(figure(&proj, "2023-B1", county, "lectures"), wanted);
    }
    let (rate, received, owed) = figure(&proj, "2023-B1", "13", "reporting_rate");
    assert_eq!((received.as_str(), owed.as_str()), ("3", h.as_str()));
    assert!((rate.parse::<f64>().unwrap() - 3.0 / 190.0).abs() < 1e-9);
    assert_eq!(figure(&proj, "2023-B1", "13", "timeliness").1, "3");
    assert_eq!(figure(&proj, "2023-B1", "64", "timeliness").1, "0");
    // Every row is accounted for: the rows left blank are read and counted as not reported.
    let inputs = fs::read_to_string(proj.join("output/data/inputs.csv")).unwrap();
    for line in [
        format!("data/reports/13-2023-B1-河北省.xlsx[报表],{h},{h},0"),
        format!("data/reports/64-2023-B1-宁夏回族自治区.csv,{n},{n},0"),
    ] {
        assert!(inputs.contains(&line), "{line} not in {inputs}");
    }
    assert!(!inputs.contains("填表说明"), "{inputs}");
    let site = fs::read_to_string(proj.join("output/index.html")).unwrap();

    // A header typed wrong is refused with the right suggestion, by check and by build.
    let good = fs::read_to_string(&ningxia_csv).unwrap();
    let typo = good.replacen("宣传宣讲场次（次）", "宣传宣讲厂次（次）", 1);
    fs::write(&ningxia_csv, typo).unwrap();
    let (code, out) = run(&proj, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[misspelled-column]: data/reports/64-2023-B1-宁夏回族自治区.csv:1:5: column `宣传宣讲厂次（次）` is not known; did you mean `宣传宣讲场次`?"),
        "{out}"
    );
    assert!(out.contains("1 error, 0 warnings, 0 notices"), "{out}");
    // Under a Chinese locale the same finding, with the same code, in Chinese; `--lang`
    // chooses either way.
    let (code, zh) = run_in(&proj, "zh_CN.UTF-8", &["check"]);
    assert_eq!(code, 1, "{zh}");
    assert!(
        zh.contains("错误[misspelled-column]：data/reports/64-2023-B1-宁夏回族自治区.csv:1:5：“宣传宣讲厂次（次）”列无法识别，是否应为“宣传宣讲场次”？"),
        "{zh}"
    );
    assert!(zh.contains("1 个错误，0 个警告，0 条提示"), "{zh}");
    assert!(!zh.contains("did you mean"), "{zh}");
    let (_, en) = run_in(&proj, "zh_CN.UTF-8", &["check", "--lang", "en"]);
    assert!(en.contains("did you mean `宣传宣讲场次`?"), "{en}");
    let (_, chosen) = run(&proj, &["--lang", "zh", "check"]);
    assert!(chosen.contains("是否应为“宣传宣讲场次”"), "{chosen}");
    let (code, out) = run(&proj, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("nothing published") && out.contains("output is unchanged"),
        "{out}"
    );
    let (code, zh) = run_in(&proj, "zh_CN.UTF-8", &["build"]);
    assert_eq!(code, 1, "{zh}");
    assert!(
        zh.contains("未发布：请先改正上面的错误") && zh.contains("output 保持原样"),
        "{zh}"
    );
    assert_eq!(
        site,
        fs::read_to_string(proj.join("output/index.html")).unwrap()
    );

    // countyboard serve: while the data has errors every page shows them over the previous
    // site; once the header is corrected, the reload shows the site alone.
    let port = 40000 + (std::process::id() % 20000) as u16;
    let mut serve = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args([
            "serve",
            "--today",
            "2026-11-25",
            "--port",
            &port.to_string(),
        ])
        .current_dir(&proj)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let shown = wait_for(|| get(port, "/").filter(|p| p.contains("countyboard-findings")));
    let fixed = shown.as_ref().and_then(|_| {
        fs::write(&ningxia_csv, &good).unwrap();
        wait_for(|| get(port, "/").filter(|p| !p.contains("countyboard-findings")))
    });
    let _ = serve.kill();
    let _ = serve.wait();
    let shown = shown.expect("serve shows the findings");
    assert!(
        shown.contains("数据有误，网站未更新（1 个错误）"),
        "{shown}"
    );
    assert!(
        shown.contains("是否应为“宣传宣讲场次”") && shown.contains("一条主线"),
        "the findings over the previous site: {shown}"
    );
    let fixed = fixed.expect("the corrected site replaces the findings");
    assert!(fixed.contains("一条主线") && fixed.contains("__countyboard/version"));

    // countyboard pdf 2023-Q1: printed with Chromium, or told how to get it.
    let (code, out) = run(&proj, &["pdf", "2023-Q1"]);
    if has_chromium() {
        assert_eq!(code, 0, "{out}");
        assert!(
            fs::read(proj.join("2023-Q1.pdf"))
                .unwrap()
                .starts_with(b"%PDF")
        );
    } else {
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("apt-get install chromium"), "{out}");
    }
}

fn has_chromium() -> bool {
    let browsers = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|d| browsers.iter().any(|b| d.join(b).is_file()))
    })
}

/// Polls for up to 30 s.
fn wait_for(mut probe: impl FnMut() -> Option<String>) -> Option<String> {
    for _ in 0..300 {
        if let Some(found) = probe() {
            return Some(found);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    None
}

/// A copy of the `basic` fixture project.
fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common_copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic"),
        tmp.path(),
    );
    tmp
}

#[test]
fn a_folder_without_a_project_an_unknown_period_or_province_say_what_to_do() {
    let empty = tempfile::tempdir().unwrap();
    for args in [
        &["build"][..],
        &["build", "--keep-going"],
        &["check"],
        &["serve", "--once"],
        &["forms", "--period", "2023-B1"],
        &["pdf", "2023-Q1"],
    ] {
        let (code, out) = run(empty.path(), args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(
            out.contains("this folder holds no countyboard project")
                && out.contains("`countyboard init DIR")
                && out.contains("`-C DIR`"),
            "{args:?}: {out}"
        );
        assert!(
            !out.contains("--keep-going") && !out.contains("unchanged"),
            "{out}"
        );
    }
    assert_eq!(fs::read_dir(empty.path()).unwrap().count(), 0);
    let (code, out) = run(empty.path(), &["init", "p", "--province", "13", "火星"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("`火星`") && out.contains("13 河北省") && out.contains("64 宁夏回族自治区"),
        "{out}"
    );
    assert!(!empty.path().join("p").exists());

    let proj = fixture();
    let (code, out) = run(proj.path(), &["pdf", "2023-B9"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("`2023-B9` is not a period of this campaign; expected one of: bimonths 2022-B5, 2022-B6, 2023-B1, 2023-B2, 2023-B3, 2023-B4, 2023-B5; quarters 2022-Q3, "),
        "{out}"
    );
    assert!(
        out.contains("the whole campaign") && !out.contains("build"),
        "{out}"
    );
    let (code, out) = run(proj.path(), &["forms", "--period", "2023-Q1"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("expected one of the bimonths 2022-B5, 2022-B6, 2023-B1"),
        "{out}"
    );
    let (code, out) = run(
        proj.path(),
        &["forms", "--period", "2023-B1", "--province", "丙省"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("`丙省`") && out.contains("11 甲省, 12 乙省"),
        "{out}"
    );
    let (code, out) = run(
        proj.path(),
        &[
            "forms",
            "--period",
            "2023-B1",
            "--province",
            "乙省",
            "--format",
            "csv",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        proj.path()
            .join("forms/2023-B1/12-2023-B1-乙省.csv")
            .is_file()
    );
    // An output folder outside the project is shown as it is.
    let site = tempfile::tempdir().unwrap();
    let site = site.path().join("site");
    let (code, out) = run(proj.path(), &["build", "-o", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("into {}; 0 errors, 2 warnings", site.display()))
            && !out.contains("//"),
        "{out}"
    );
}

#[test]
fn a_form_row_left_blank_is_not_reported_and_one_with_values_needs_its_date() {
    let proj = fixture();
    let p = proj.path();
    fs::write(
        p.join("data/reports/form.csv"),
        "报告期,单位代码,单位名称,报送日期,宣讲场次（次）,新发展会员（人）,服务中心（是/否）,服务站点（个）\n\
         2023-B3,110101,东区,,,,,\n\
         2023-B3,110102,西县,,4,,,\n\
         2023-B3,120101,乙区,2023-07-01,1,1,是,1\n\
         ,,,,,,,\n",
    )
    .unwrap();
    let (code, out) = run(p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[undated-filing]: data/reports/form.csv:3:4: `报送日期` is empty, but the row has values; expected the day the county filed"),
        "{out}"
    );
    assert!(out.contains("1 error, 2 warnings, 1 notice"), "{out}");
    let (code, out) = run(p, &["build", "--keep-going"]);
    assert_eq!(code, 0, "{out}");
    let inputs = fs::read_to_string(p.join("output/data/inputs.csv")).unwrap();
    assert!(inputs.contains("data/reports/form.csv,3,2,1"), "{inputs}");
    let (value, reported, expected) = figure(p, "2023-B3", "0", "lectures");
    assert_eq!(
        (value.as_str(), reported.as_str(), expected.as_str()),
        ("1", "1", "4")
    );
}

#[test]
fn a_missing_column_hides_no_other_finding_and_headers_get_suggestions() {
    let proj = fixture();
    let p = proj.path();
    fs::write(
        p.join("data/reports/c.csv"),
        "period,unit,lectures,memebers\n2023-B2,110101,x,1\n2023-B2,999,3,1\n",
    )
    .unwrap();
    fs::write(
        p.join("data/reports/d.csv"),
        "报告期,单位代码,报送日其,宣讲场次,备注\n2023-B2,110101,2023-05-01,3,电话报送\n",
    )
    .unwrap();
    let (code, out) = run(p, &["check"]);
    assert_eq!(code, 1, "{out}");
    for wanted in [
        "error[missing-column]: data/reports/c.csv:1: the file lacks the column `submitted_on` (报送日期 or 填报日期); expected a header row naming it, so no row of this file is counted",
        "error[misspelled-column]: data/reports/c.csv:1:4: column `memebers` is not known; did you mean `members`?",
        "error[not-a-number]: data/reports/c.csv:2:3: `lectures`: `x` is not a number",
        "error[unknown-unit]: data/reports/c.csv:3:2: `unit`: no unit has the code or name `999`",
        "error[missing-column]: data/reports/d.csv:1: the file lacks the column `submitted_on` (报送日期 or 填报日期); is column 3 `报送日其` meant to be it?",
        "warning[unknown-column]: data/reports/d.csv:1:5: column `备注` is not an indicator",
    ] {
        assert!(out.contains(wanted), "{wanted}\nnot in:\n{out}");
    }
    assert!(!out.contains("column `报送日其` is not"), "{out}");
    let (code, _) = run(p, &["build", "--keep-going"]);
    assert_eq!(code, 0);
    let inputs = fs::read_to_string(p.join("output/data/inputs.csv")).unwrap();
    assert!(
        inputs.contains("data/reports/c.csv,2,0,2") && inputs.contains("data/reports/d.csv,1,0,1"),
        "{inputs}"
    );
    // Without the errors, the unknown column is a warning, counted in the last line of a
    // quiet build.
    fs::remove_file(p.join("data/reports/c.csv")).unwrap();
    let d = fs::read_to_string(p.join("data/reports/d.csv")).unwrap();
    fs::write(
        p.join("data/reports/d.csv"),
        d.replace("报送日其", "报送日期"),
    )
    .unwrap();
    let (code, out) = run(p, &["build", "--quiet"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("warning["), "{out}");
    assert!(
        out.trim_end()
            .ends_with("0 errors, 3 warnings (listed on quality/index.html)"),
        "{out}"
    );
}

#[test]
fn nothing_already_there_is_overwritten() {
    let proj = fixture();
    let p = proj.path();
    // A form filled in where it was written is not written over.
    let args = ["forms", "--period", "2023-B1", "--format", "csv"];
    assert_eq!(run(p, &args).0, 0);
    let form = p.join("forms/2023-B1/11-2023-B1-甲省.csv");
    fs::write(&form, "filled in\n").unwrap();
    let (code, out) = run(p, &args);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "forms/2023-B1/11-2023-B1-甲省.csv, forms/2023-B1/12-2023-B1-乙省.csv already exist;"
        ) && out.contains("--out DIR")
            && out.contains("--force"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(&form).unwrap(), "filled in\n");
    let (code, zh) = run_in(p, "zh_CN.UTF-8", &args);
    assert_eq!(code, 1, "{zh}");
    assert!(
        zh.contains("已经存在") && zh.contains("--force 覆盖"),
        "{zh}"
    );
    let (code, out) = run(p, &[&args[..], &["--force"]].concat());
    assert_eq!(code, 0, "{out}");
    assert!(fs::read_to_string(&form).unwrap().contains("报告期"));

    // The PDF of a period is not printed over a file of its name.
    assert_eq!(run(p, &["build"]).0, 0);
    fs::write(p.join("2023-Q1.pdf"), "mine").unwrap();
    let (code, out) = run(p, &["pdf", "2023-Q1"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("2023-Q1.pdf already exists, so nothing was written")
            && out.contains("-o FILE")
            && out.contains("--force"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(p.join("2023-Q1.pdf")).unwrap(), "mine");

    // The demo is written into a new or empty folder only.
    let (code, out) = run(p, &["demo", "--out", "forms"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("forms is not empty"), "{out}");
    assert!(fs::read_to_string(&form).unwrap().contains("报告期"));
    assert!(!p.join("forms/data").exists());
}

#[test]
fn a_quiet_build_with_errors_lists_the_errors_alone() {
    let proj = fixture();
    let p = proj.path();
    let report = fs::read_to_string(p.join("data/reports/a.csv")).unwrap();
    fs::write(
        p.join("data/reports/a.csv"),
        format!("{report}2023-B2,110101,2023-05-01,十二,1,是,1\n"),
    )
    .unwrap();
    let (code, out) = run(p, &["build", "--quiet"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[not-a-number]"), "{out}");
    assert!(!out.contains("warning["), "{out}");
    assert!(out.contains("1 error, 2 warnings"), "{out}");
    let (_, loud) = run(p, &["build"]);
    assert!(loud.contains("warning[repeated-row]"), "{loud}");
}

#[test]
fn a_county_listed_again_under_another_code_is_a_warning_naming_both_lines() {
    let proj = fixture();
    let p = proj.path();
    let units = fs::read_to_string(p.join("data/units.csv")).unwrap();
    fs::write(
        p.join("data/units.csv"),
        format!("{units}110199,东区,county,1101,,\n"),
    )
    .unwrap();
    let (code, out) = run(p, &["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning[repeated-county]: data/units.csv:12:2: county `东区` (110199) under `1101` is already listed on line 6 as `110101`"),
        "{out}"
    );
}

fn get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

#[test]
fn serve_rebuilds_on_change_and_reloads_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = tmp.path().join("p");
    common_copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic"),
        &proj,
    );
    let port = 20000 + (std::process::id() % 20000) as u16;
    let mut child = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args([
            "serve",
            "--once",
            "--today",
            "2026-11-25",
            "--port",
            &port.to_string(),
        ])
        .current_dir(&proj)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut page = None;
    for _ in 0..100 {
        page = get(port, "/");
        if page.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let page = page.expect("the server answers on 127.0.0.1");
    assert!(
        page.starts_with("HTTP/1.") && page.contains(" 200 "),
        "{}",
        &page[..page.len().min(200)]
    );
    assert!(page.contains("__countyboard/version") && page.contains("一条主线"));
    assert!(get(port, "/units/110101/").unwrap().contains("东区"));
    assert!(get(port, "/../../etc/passwd").unwrap().contains(" 404 "));
    let before = get(port, "/__countyboard/version").unwrap();
    assert!(before.ends_with("\r\n\r\n1"), "{before}");
    // One edited report: rebuilt, and the version the page polls moves on.
    let csv = proj.join("data/reports/a.csv");
    let text = fs::read_to_string(&csv).unwrap().replace(
        "2022-B5,110101,2022-11-05,3,",
        "2022-B5,110101,2022-11-05,30,",
    );
    fs::write(&csv, text).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    let figures = fs::read_to_string(proj.join("output/data/indicators.csv")).unwrap();
    assert!(figures.contains("2022-B5,110101,lectures,30,1,1"));
}

fn common_copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            common_copy(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn piped_builds_show_no_progress_and_end_with_what_was_built() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let out = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["build", "-o", site.to_str().unwrap()])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(out.status.success());
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        !stderr.contains("files written"),
        "no progress bar when piped"
    );
    let last = stdout.lines().last().unwrap();
    // The one warning: the sample's 2023-Q1 commentary, which its figures contradict.
    assert!(
        last.starts_with("built 635 pages, 346208 figures")
            && last.contains("0 errors, 1 warning "),
        "{last}"
    );
}
