//! Clear messages for unclear cases; formulas neutralised in every CSV written, forms too;
//! control characters escaped on the terminal.

use std::fs;

use super::support::*;

#[test]
fn lone_carriage_returns_end_lines() {
    let p = Project::from_fixture("basic");
    let text = format!(
        "{REPORT_HEADER}\r2023-B2,110101,2023-05-01,1,1,是,1\r2023-B2,110102,2023-05-01,十二,1,是,1\r"
    );
    p.write("data/reports/mac.csv", text);
    cb(p.dir.path(), &["check"])
        .exited(1)
        .says("error[not-a-number]: data/reports/mac.csv:3:4:");
}

#[test]
fn unicode_text_saved_as_csv_is_read() {
    let p = Project::from_fixture("basic");
    p.write(
        "data/reports/unicode.csv",
        utf16le("period\tunit\tsubmitted_on\tlectures\r\n2023-B2\t110102\t2023-05-03\t6\r\n"),
    );
    cb(p.dir.path(), &["check"]).exited(0);
    cb(p.dir.path(), &["build"]).exited(0);
    assert_eq!(p.figures().value("2023-B2", "110102", "lectures"), "6");
    // A mistake in it shows the row with its tabs, the cell underlined.
    p.write(
        "data/reports/unicode.csv",
        utf16le("period\tunit\tsubmitted_on\tlectures\r\n2023-B2\t110102\t2023-05-03\t六\r\n"),
    );
    cb(p.dir.path(), &["check"])
        .exited(1)
        .says("error[not-a-number]: data/reports/unicode.csv:2:4:")
        .says(&format!(
            "2 | 2023-B2\\t110102\\t2023-05-03\\t六\n  | {}^^",
            " ".repeat(29)
        ));
}

#[test]
fn an_unclosed_quote_names_its_line_and_the_rows_after_it_are_read() {
    let p = Project::from_fixture("basic");
    p.write(
        "data/reports/q.csv",
        format!("{REPORT_HEADER}\n2023-B2,110101,2023-05-01,\"1,1,是,1\n2023-B2,110102,2023-05-01,2,1,是,1\n"),
    );
    cb(p.dir.path(), &["check"])
        .exited(1)
        .says("error[unclosed-quote]: data/reports/q.csv:2:4: a quote opens in this cell and is never closed, so lines 2–3 would read as one cell");
    cb(p.dir.path(), &["build", "--keep-going"]).exited(0);
    assert_eq!(p.figures().value("2023-B2", "110102", "lectures"), "2");
    assert_eq!(
        inputs(&p.path("output"))["data/reports/q.csv"],
        ("2".into(), "1".into(), "1".into(), "".into())
    );
}

#[test]
fn utf16_cut_short_is_said_so() {
    let p = Project::from_fixture("basic");
    let mut bytes = utf16le(&format!(
        "{REPORT_HEADER}\r\n2023-B2,110101,2023-05-01,1,1,是,1\r\n"
    ));
    bytes.push(b'1');
    p.write("data/reports/cut.csv", bytes);
    cb(p.dir.path(), &["check"])
        .exited(1)
        .says("error[encoding]: data/reports/cut.csv")
        .says("UTF-16 text with an odd number of bytes");
}

#[test]
fn escape_sequences_in_a_cell_are_shown_not_run() {
    let p = Project::from_fixture("basic");
    p.append(
        "data/reports/a.csv",
        "2023-B2,110101,2023-05-01,\u{1b}[2J\u{1b}]0;owned\u{7}\u{1b}[31m红,1,是,1",
    );
    let ran = cb(p.dir.path(), &["check"]);
    ran.exited(1)
        .says("`\\u{1b}[2J\\u{1b}]0;owned\\u{7}\\u{1b}[31m红` is not a number");
    assert!(!ran.stderr.contains('\u{1b}') && !ran.stderr.contains('\u{7}'));
}

#[test]
fn formulas_are_neutralised_in_forms_and_exports_full_width_too() {
    let p = Project::from_fixture("basic");
    // Its headers name the indicators renamed below.
    fs::remove_file(p.path("data/reports/b-gbk.csv")).unwrap();
    p.replace(
        "data/units.csv",
        "110101,东区,",
        "110101,=HYPERLINK(\"http://x\"),",
    );
    p.replace("data/units.csv", "110102,西县,", "110102,＝1+1,");
    p.replace("data/units.csv", "120101,乙区,", "120101,@SUM(A1),");
    p.append("data/units.csv", "＝9,全角县,county,1201,,");
    p.replace(
        "data/indicators.csv",
        "lectures,宣讲场次,",
        "lectures,+宣讲场次,",
    );
    cb(
        p.dir.path(),
        &[
            "forms", "--period", "2023-B2", "--format", "csv", "--out", "f",
        ],
    )
    .exited(0);
    let form = fs::read_dir(p.path("f"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.to_string_lossy().contains("11-"))
        .unwrap();
    let text = fs::read_to_string(&form).unwrap();
    let formula = |cell: &str| {
        cell.trim_start_matches('\u{feff}')
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
    };
    for record in csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
    {
        for cell in record.unwrap().iter() {
            assert!(!formula(cell), "{cell} in the form");
        }
    }
    assert!(text.contains("'=HYPERLINK") && text.contains("'＝1+1") && text.contains("'+宣讲场次"));
    // Filled in and put back as it is, the form reads.
    let mut filled = csv::Writer::from_writer(Vec::new());
    for (i, record) in csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .enumerate()
    {
        let mut cells: Vec<String> = record.unwrap().iter().map(String::from).collect();
        if i > 0 {
            cells.truncate(3);
            cells.extend(["2023-05-02", "3", "1", "是", "1"].map(String::from));
        }
        filled.write_record(&cells).unwrap();
    }
    p.write("data/reports/filled.csv", filled.into_inner().unwrap());
    cb(p.dir.path(), &["check"]).exited(0);
    cb(p.dir.path(), &["build"]).exited(0);
    assert_eq!(p.figures().value("2023-B2", "110101", "lectures"), "3");
    for export in [
        "indicators",
        "quality",
        "rejected",
        "inputs",
        "periods",
        "followup",
        "library",
    ] {
        let text = p.read(&format!("output/data/{export}.csv"));
        for record in csv::Reader::from_reader(text.as_bytes()).records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !formula(cell) || cell.parse::<f64>().is_ok(),
                    "{cell} in {export}.csv"
                );
            }
        }
    }
    assert!(p.read("output/data/indicators.csv").contains(",'＝9,"));
}

#[test]
fn a_rejected_write_up_is_kept_verbatim_and_yaml_errors_name_the_files_line() {
    let p = Project::from_fixture("basic");
    let front = "---\ntitle: 坏的做法\nunit: \"110101\"\ndate: [2023-01-05\n---";
    p.write("content/practices/bad.md", format!("{front}\n正文\n"));
    let ran = cb(p.dir.path(), &["check"]);
    ran.exited(1)
        .says("error[front-matter]: content/practices/bad.md:");
    let line: usize = ran
        .stderr
        .split("content/practices/bad.md:")
        .nth(1)
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!((4..=5).contains(&line), "line {line}");
    ran.says(&format!("(line {line}, column"));
    cb(p.dir.path(), &["build", "--keep-going"]).exited(0);
    let rejected = fs::read(p.path("output/data/rejected.csv")).unwrap();
    let row = csv::Reader::from_reader(rejected.as_slice())
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "content/practices/bad.md")
        .unwrap();
    // Verbatim, with the apostrophe that keeps a spreadsheet from taking `---` for a formula.
    assert_eq!(row[4].to_string(), format!("'{front}"));
}

#[test]
#[ignore = "needs chromium: run with --include-ignored"]
fn pdf_prints_from_a_folder_whose_path_holds_a_hash() {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .any(|b| {
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                .any(|d| d.join(b).is_file())
        });
    assert!(
        found,
        "no chromium on PATH (apt-get install chromium fonts-noto-cjk)"
    );
    let p = Project::from_fixture("basic");
    let odd = p.path("报表 #1");
    fs::create_dir(&odd).unwrap();
    for entry in ["data", "content"] {
        fs::rename(p.path(entry), odd.join(entry)).unwrap();
    }
    cb(&odd, &["build", "-q"]).exited(0);
    // No memory limit: Chromium reserves more address space than any limit that fits here.
    run(&odd, &["pdf", "2023-Q1", "-o", "q.pdf"], 120, u64::MAX).exited(0);
    assert!(fs::read(odd.join("q.pdf")).unwrap().starts_with(b"%PDF"));
}
