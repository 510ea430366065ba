//! The everyday round: init → forms → fill two forms → check → build.

use std::fs;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_countyboard"))
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

/// Fills an xlsx form as a person would in Excel: same sheet and columns, a date, numbers, 是/否.
fn fill_xlsx(form: &Path, filled: &Path) {
    let mut book = open_workbook_auto(form).unwrap();
    let names = book.sheet_names();
    let range = book.worksheet_range(&names[0]).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(&names[0]).unwrap();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let headers: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c16) = (r as u32, c as u16);
            match (r, c, cell) {
                (0, _, Data::String(s)) => ws.write_string(r, c16, s).map(|_| ()).unwrap(),
                (_, 3, _) => ws
                    .write_datetime_with_format(
                        r,
                        c16,
                        ExcelDateTime::from_ymd(2023, 3, 5).unwrap(),
                        &day,
                    )
                    .map(|_| ())
                    .unwrap(),
                (_, c, _) if c >= 4 && headers[c].contains("是/否") => {
                    ws.write_string(r, c16, "是").map(|_| ()).unwrap()
                }
                (_, c, _) if c >= 4 => ws.write_number(r, c16, 2.0).map(|_| ()).unwrap(),
                (_, _, Data::String(s)) => ws.write_string(r, c16, s).map(|_| ()).unwrap(),
                _ => {}
            }
        }
    }
    wb.save(filled).unwrap();
}

#[test]
fn init_forms_fill_check_build() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out) = run(
        tmp.path(),
        &["init", "proj", "--province", "64", "--province", "13"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("countyboard forms"),
        "init says what to do next: {out}"
    );
    let proj = tmp.path().join("proj");
    let (code, out) = run(&proj, &["build"]);
    assert_eq!(code, 0, "a new project builds at once: {out}");

    let (code, out) = run(&proj, &["forms", "--period", "2023-B1"]);
    assert_eq!(code, 0, "{out}");
    let forms = proj.join("forms/2023-B1");
    let xlsx: Vec<_> = fs::read_dir(&forms)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(xlsx.len(), 2, "one form per province");
    let ningxia = xlsx
        .iter()
        .find(|p| p.to_string_lossy().contains("64-"))
        .unwrap();
    fill_xlsx(ningxia, &proj.join("data/reports/64-2023-B1.xlsx"));

    let (code, out) = run(
        &proj,
        &[
            "forms",
            "--period",
            "2023-B1",
            "--province",
            "13",
            "--format",
            "csv",
            "--out",
            "csvforms",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let csv_form = fs::read_dir(proj.join("csvforms"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = fs::read_to_string(&csv_form).unwrap();
    let filled: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                let mut cells: Vec<String> = l.split(',').map(String::from).collect();
                cells[3] = "2023/3/20".into();
                for c in cells.iter_mut().skip(4) {
                    *c = "1".into();
                }
                cells.join(",")
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    fs::write(proj.join("data/reports/13-2023-B1.csv"), filled).unwrap();

    let (code, out) = run(&proj, &["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 errors, 0 warnings"),
        "filled forms are read with no editing: {out}"
    );
    let (code, out) = run(&proj, &["build"]);
    assert_eq!(code, 0, "{out}");
    let figures = fs::read_to_string(proj.join("output/data/indicators.csv")).unwrap();
    // 宁夏's 22 counties reported 2 lectures each, on time (2023-03-05 ≤ 2023-03-10).
    assert!(
        figures.contains("2023-B1,64,lectures,44,22,22"),
        "{}",
        figures
            .lines()
            .find(|l| l.starts_with("2023-B1,64,lectures"))
            .unwrap_or("")
    );
    assert!(figures.contains("2023-B1,64,timeliness,1,22,22"));
    // 河北 filed on 2023-03-20: received, late.
    let hebei = figures
        .lines()
        .find(|l| l.starts_with("2023-B1,13,timeliness,"))
        .unwrap();
    assert!(hebei.starts_with("2023-B1,13,timeliness,0,0,"), "{hebei}");
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
    assert!(
        last.starts_with("built 493 pages, 256864 figures")
            && last.contains("0 errors, 0 warnings"),
        "{last}"
    );
}
