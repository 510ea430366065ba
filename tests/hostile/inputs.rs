//! Inputs: only regular files inside the project are read; every file under data/reports/
//! is read or named in a finding; every row read is accounted for in inputs.csv.

use std::fs;
use std::path::Path;

use super::support::*;

fn grep_site(site: &Path, text: &str) -> Vec<String> {
    fingerprint(site, &[])
        .keys()
        .filter(|rel| {
            fs::read(site.join(rel.as_str()))
                .is_ok_and(|b| String::from_utf8_lossy(&b).contains(text))
        })
        .cloned()
        .collect()
}

#[test]
fn a_nul_byte_in_a_cell_leaves_the_file_utf8_and_every_row_counted() {
    let p = Project::from_fixture("basic");
    let mut text = format!("{REPORT_HEADER}\n");
    for i in 0..183 {
        let day = jiff::civil::date(2023, 3, 1) + jiff::Span::new().days(i);
        let lectures = if i == 90 {
            "1\u{0}2".to_string()
        } else {
            i.to_string()
        };
        text.push_str(&format!("2023-B1,110101,{day},{lectures},1,是,1\n"));
    }
    p.write("data/reports/r.csv", &text);
    let users = users_files(&p);
    cb(p.dir.path(), &["check"]).exited(1).says(
        "error[not-a-number]: data/reports/r.csv:92:4: `lectures`: `1\\u{0}2` is not a number",
    );
    let ran = cb(p.dir.path(), &["check"]);
    assert!(!ran.stderr.contains("missing-column"), "{}", ran.stderr);
    cb(p.dir.path(), &["build", "--keep-going"]).exited(0);
    let (rows, counted, rejected, _) = &inputs(&p.path("output"))["data/reports/r.csv"];
    assert_eq!(rows, "183");
    let sum: usize = counted.parse::<usize>().unwrap() + rejected.parse::<usize>().unwrap();
    assert_eq!(sum, 183);
    assert_eq!(users, users_files(&p));
}

#[test]
fn a_file_that_cannot_be_decoded_is_listed_with_its_rows_unknown() {
    let p = Project::from_fixture("basic");
    let mut bytes = format!("{REPORT_HEADER}\n2023-B2,东区,2023-05-01,").into_bytes();
    bytes.extend_from_slice(&[0xE4, 0xB8, 0xFF, 0xFF, b'\n']);
    bytes.extend_from_slice("2023-B2,110102,2023-05-01,东区,1,是,1\n".as_bytes());
    p.write("data/reports/broken.csv", &bytes);
    cb(p.dir.path(), &["check"])
        .exited(1)
        .says("error[encoding]: data/reports/broken.csv:2: broken UTF-8 at byte");
    cb(p.dir.path(), &["build", "--keep-going"]).exited(0);
    let (rows, _, _, note) = &inputs(&p.path("output"))["data/reports/broken.csv"];
    assert_eq!(rows, "");
    assert!(note.starts_with("not read: broken UTF-8"), "{note}");
}

#[test]
fn a_workbook_whose_headers_are_not_a_report_is_an_error() {
    let p = Project::from_fixture("basic");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("报表").unwrap();
    for (c, h) in ["时期", "县代码", "日期", "宣讲场次"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=3u32 {
        sheet.write_string(r, 0, "2023-B2").unwrap();
        sheet.write_string(r, 1, "110101").unwrap();
        sheet.write_string(r, 2, "2023-05-01").unwrap();
        sheet.write_number(r, 3, 1.0).unwrap();
    }
    p.write("data/reports/13.xlsx", book.save_to_buffer().unwrap());
    let users = users_files(&p);
    cb(p.dir.path(), &["check"])
        .exited(1)
        .says("error[no-report-sheet]: data/reports/13.xlsx: none of the sheets (报表) has the report columns");
    cb(p.dir.path(), &["build", "--keep-going"]).exited(0);
    assert_eq!(
        inputs(&p.path("output"))["data/reports/13.xlsx[报表]"],
        ("3".into(), "0".into(), "3".into(), "".into())
    );
    assert_eq!(users, users_files(&p));
}

#[test]
fn every_file_under_reports_is_read_or_named() {
    let p = Project::from_fixture("basic");
    // Excel's “Unicode text”: UTF-16 with tabs, saved as .txt.
    p.write(
        "data/reports/13-unicode.txt",
        utf16le("period\tunit\tsubmitted_on\tlectures\r\n2023-B2\t110101\t2023-05-03\t7\r\n"),
    );
    p.write("data/reports/README.txt", "把各县报表放在这里。\n");
    p.write("data/reports/wps.et", b"\xD0\xCF\x11\xE0 not really");
    p.write("data/reports/binary.xlsb", b"PK\x03\x04 not really");
    p.write("data/reports/scan.pdf", b"%PDF-1.4");
    p.write("data/reports/~$13.xlsx", b"owner");
    p.write("data/reports/.DS_Store", b"\0\0");
    let ran = cb(p.dir.path(), &["check"]);
    ran.exited(1)
        .says("error[save-as-xlsx]: data/reports/wps.et: `.et` workbooks are not read")
        .says("error[save-as-xlsx]: data/reports/binary.xlsb: `.xlsb` workbooks are not read")
        .says("warning[not-a-report]: data/reports/scan.pdf")
        .says("info[lock-file]: data/reports/~$13.xlsx")
        .says("info[hidden-file]: data/reports/.DS_Store")
        .says("info[not-a-table]: data/reports/README.txt");
    assert!(!ran.stderr.contains("13-unicode.txt"), "{}", ran.stderr);
    for name in ["wps.et", "binary.xlsb"] {
        fs::remove_file(p.path(&format!("data/reports/{name}"))).unwrap();
    }
    cb(p.dir.path(), &["build"]).exited(0);
    assert_eq!(
        inputs(&p.path("output"))["data/reports/13-unicode.txt"],
        ("1".into(), "1".into(), "0".into(), "".into())
    );
    let figures = p.figures();
    assert_eq!(figures.value("2023-B2", "110101", "lectures"), "7");
}

#[test]
fn links_inside_the_project_are_read() {
    let p = Project::from_fixture("basic");
    p.write(
        "store/r.csv",
        format!("{REPORT_HEADER}\n2023-B2,110102,2023-05-02,9,1,是,1\n"),
    );
    p.write(
        "store/e.md",
        "---\ntitle: 链接来的做法\nunit: \"110102\"\ndate: 2023-02-01\n---\n正文\n",
    );
    symlink(
        Path::new("../../store/r.csv"),
        &p.path("data/reports/linked.csv"),
    );
    symlink(
        Path::new("../../store/e.md"),
        &p.path("content/practices/e.md"),
    );
    cb(p.dir.path(), &["check"]).exited(0);
    cb(p.dir.path(), &["build"]).exited(0);
    assert_eq!(inputs(&p.path("output"))["data/reports/linked.csv"].0, "1");
    assert!(
        p.read("output/practices/e/index.html")
            .contains("链接来的做法")
    );
}

#[test]
fn links_that_leave_the_project_fifos_and_devices_are_refused() {
    let p = Project::from_fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "TOP-SECRET-42,TOP-SECRET-42\nTOP-SECRET-42,x\n").unwrap();
    fs::remove_file(p.path("data/visits.csv")).unwrap();
    symlink(&secret, &p.path("content/guide.md"));
    symlink(&secret, &p.path("data/visits.csv"));
    symlink(Path::new("/dev/zero"), &p.path("data/reports/zero.csv"));
    mkfifo(&p.path("data/campaign.toml"));
    mkfifo(&p.path("data/reports/pipe.csv"));
    let users = users_files(&p);
    let ran = run(p.dir.path(), &["check"], 20, 1 << 30);
    ran.exited(1)
        .says("error[outside-project]: content/guide.md: a link to `")
        .says("error[outside-project]: data/visits.csv")
        .says("error[outside-project]: data/reports/zero.csv: a link to `/dev/zero`")
        .says("error[not-a-file]: data/campaign.toml: this is a FIFO (named pipe)")
        .says("error[not-a-file]: data/reports/pipe.csv");
    run(p.dir.path(), &["build", "--keep-going"], 20, 1 << 30).exited(0);
    assert_eq!(
        grep_site(&p.path("output"), "TOP-SECRET-42"),
        Vec::<String>::new()
    );
    assert_eq!(users, users_files(&p));
}
