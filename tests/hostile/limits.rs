//! Crashes, hangs and blow-ups: every limit is a finding naming the file and line, within a
//! memory limit and a time limit, and `check` passes exactly when `build` can publish.

use std::fs;
use std::io::Write;

use super::support::*;
use super::workbooks::{label, number, ods, ods_row, xls};

const MIB: u64 = 1 << 20;

#[test]
fn a_workbook_with_a_cell_at_xfd1048576_is_refused_without_a_grid() {
    let p = Project::from_fixture("basic");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "period").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 8 << 10, "{} bytes", bytes.len());
    p.write("data/reports/far.xlsx", bytes);
    let users = users_files(&p);
    for command in ["check", "build"] {
        let ran = run(p.dir.path(), &[command], 20, 768 * MIB);
        ran.exited(1).says(
            "error[over-limit]: data/reports/far.xlsx[Sheet1]!XFD1048576: the sheet's cells reach as far as XFD1048576",
        );
    }
    assert_eq!(users, users_files(&p));
}

#[test]
fn a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused() {
    let p = Project::from_fixture("basic");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "period").unwrap();
    let small = book.save_to_buffer().unwrap();
    // The same workbook with 36 entries of 4 MB of zeros packed in: 144 MB unpacked, a few
    // hundred KB on disk (one entry is compressed, then copied as it is).
    let mut pad = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    pad.start_file("pad", options).unwrap();
    pad.write_all(&vec![0u8; 4 << 20]).unwrap();
    let mut pad = zip::ZipArchive::new(pad.finish().unwrap()).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(small)).unwrap();
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        bomb.raw_copy_file(archive.by_index_raw(i).unwrap())
            .unwrap();
    }
    for i in 0..36 {
        bomb.raw_copy_file_rename(pad.by_index_raw(0).unwrap(), format!("xl/media/pad{i}.bin"))
            .unwrap();
    }
    let bytes = bomb.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    p.write("data/reports/bomb.xlsx", bytes);
    run(p.dir.path(), &["check"], 30, 768 * MIB).exited(1).says(
        "error[over-limit]: data/reports/bomb.xlsx: the workbook unpacks to more than 128 MB",
    );
}

#[test]
fn a_campaign_of_centuries_is_refused_in_check_and_build() {
    for end in ["9999-12", "3023-09"] {
        let p = Project::from_fixture("basic");
        p.write(
            "data/campaign.toml",
            format!("start = \"2022-09\"\nend = \"{end}\"\n"),
        );
        run(p.dir.path(), &["check"], 20, 1 << 30)
            .exited(1)
            .says("error[bad-window]: data/campaign.toml:2: the campaign runs")
            .says("expected at most 10 years");
        run(p.dir.path(), &["build"], 20, 1 << 30).exited(1);
        // Published anyway, the window is cut to ten years.
        run(p.dir.path(), &["build", "--keep-going"], 60, 2 << 30).exited(0);
        assert!(p.path("output/periods/2032-B4/index.html").is_file());
        assert!(!p.path("output/periods/2032-B5").exists());
    }
}

#[test]
fn long_names_pass_check_and_build() {
    let p = Project::from_fixture("basic");
    let code = "9".repeat(300);
    p.append("data/units.csv", &format!("{code},长代码县,county,1101,,"));
    p.append(
        "data/reports/a.csv",
        &format!("2023-B1,{code},2023-03-02,1,1,是,1"),
    );
    let name = "县级工会加强年关于建立健全基层工会组织体系的好经验";
    assert_eq!(name.chars().count(), 25);
    let name = format!("{name}做法总结");
    let tag = "县级工会加强年关于建立健全基层工会组织体系的好经验做法总结和推广意见";
    assert!(tag.chars().count() >= 34);
    p.write(
        &format!("content/practices/{name}.md"),
        format!(
            "---\ntitle: 长名字\nunit: \"110101\"\ndate: 2023-01-05\ntags: [{tag}]\n---\n正文\n"
        ),
    );
    run(p.dir.path(), &["check"], 20, 1 << 30).exited(0);
    run(p.dir.path(), &["build"], 60, 2 << 30).exited(0);
    let longest = fingerprint(&p.path("output"), &[])
        .keys()
        .flat_map(|rel| rel.split('/').map(str::len).collect::<Vec<_>>())
        .max()
        .unwrap();
    assert!(longest <= 140, "a name of {longest} bytes");
    let practice = fs::read_dir(p.path("output/practices"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("~~"))
        .count();
    assert_eq!(practice, 1, "the long practice page, shortened");
}

#[test]
fn deep_nesting_and_recursion_end_quickly_in_findings() {
    let p = Project::from_fixture("basic");
    p.write(
        "content/practices/divs.md",
        format!(
            "---\ntitle: 深\nunit: \"110101\"\ndate: 2023-01-05\n---\n\n{}\n",
            "<div>"
                .repeat(200_000)
                .chars()
                .take(250_000)
                .collect::<String>()
        ),
    );
    p.write(
        "content/practices/brackets.md",
        format!(
            "---\ntitle: 深\nunit: \"110101\"\ntags: {}\n---\n",
            "[".repeat(60_000)
        ),
    );
    p.write(
        "templates/macros.html",
        "{% macro fig(f) %}{{ self::fig(f=f) }}{% endmacro fig %}",
    );
    let users = users_files(&p);
    let ran = run(p.dir.path(), &["check"], 20, 1 << 30);
    ran.exited(1)
        .says("error[too-deep]: content/practices/divs.md:7: HTML elements are nested 50000 deep")
        .says("error[front-matter]: content/practices/brackets.md:4: brackets nested 17 deep")
        .says("error[template]: templates/macros.html: line 1: macro `fig` of macros.html leads back to itself");
    run(p.dir.path(), &["build"], 20, 1 << 30).exited(1);
    assert_eq!(users, users_files(&p));
}

#[test]
fn files_past_the_size_limit_are_refused_before_they_are_read() {
    let p = Project::from_fixture("basic");
    let big = fs::File::create(p.path("data/reports/huge.csv")).unwrap();
    big.set_len(200 * MIB).unwrap();
    let ran = run(p.dir.path(), &["check"], 20, 512 * MIB);
    ran.exited(1)
        .says("error[over-limit]: data/reports/huge.csv: the file has 200 MB; files over 16 MB are not read");
    assert!(ran.seconds < 10.0);
}

#[test]
fn a_large_report_of_unknown_units_stays_within_memory() {
    let p = Project::from_fixture("basic");
    let row = "2023-B1,999999,2023-03-01,1,1,是,1\n";
    let rows = (15 * MIB as usize) / row.len();
    let mut text = String::with_capacity(rows * row.len() + 100);
    text.push_str(REPORT_HEADER);
    text.push('\n');
    for _ in 0..rows {
        text.push_str(row);
    }
    p.write("data/reports/unknown.csv", text);
    let ran = run(p.dir.path(), &["build", "--keep-going", "-q"], 120, 2 << 30);
    ran.exited(0).says(&format!("{rows} errors"));
    let quality = p.read("output/data/quality.csv");
    assert!(quality.lines().count() < 200, "the findings are summed up");
    assert!(quality.contains(&format!("and {} more `unknown-unit` findings", rows - 100)));
    let (read, counted, rejected, _) = &inputs(&p.path("output"))["data/reports/unknown.csv"];
    assert_eq!(
        (read, counted, rejected),
        (&rows.to_string(), &"0".to_string(), &rows.to_string())
    );
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_check_quietly() {
    let p = Project::from_fixture("basic");
    // Enough findings for more output than a pipe holds.
    for f in 0..8 {
        let mut text = format!("{REPORT_HEADER}\n");
        for i in 0..100 {
            text.push_str(&format!("2023-B1,9{f}{i:04},2023-03-01,1,1,是,1\n"));
        }
        p.write(&format!("data/reports/u{f}.csv"), text);
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["check", "--format", "json", "--today", "2026-11-25"])
        .current_dir(p.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    use std::io::Read;
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone, as `| head -c1` leaves.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(first[0], b'[');
    assert!(!stderr.contains("panicked"), "{stderr}");
    use std::os::unix::process::ExitStatusExt;
    assert!(
        out.status.signal() == Some(libc::SIGPIPE) || matches!(out.status.code(), Some(0 | 1)),
        "{:?}",
        out.status
    );
}

#[test]
fn an_xls_workbook_is_read_and_its_declared_or_real_extent_checked_first() {
    let p = Project::from_fixture("basic");
    let report = [
        label(0, 0, "period"),
        label(0, 1, "unit"),
        label(0, 2, "submitted_on"),
        label(0, 3, "lectures"),
        label(1, 0, "2023-B2"),
        label(1, 1, "110101"),
        label(1, 2, "2023-05-04"),
        number(1, 3, 5.0),
    ];
    p.write("data/reports/old.xls", xls((0, 2, 0, 4), &report));
    run(p.dir.path(), &["build"], 20, 768 * MIB).exited(0);
    assert_eq!(p.figures().value("2023-B2", "110101", "lectures"), "5");
    for (name, dimensions, cells) in [
        ("wrapped", (10, 5, 0, 4), &report[..]),
        ("declared", (0, 65_536, 0, 256), &report[..]),
        (
            "far",
            (0, 2, 0, 4),
            &[number(0, 0, 1.0), number(65_535, 255, 1.0)][..],
        ),
    ] {
        let p = Project::from_fixture("basic");
        p.write(&format!("data/reports/{name}.xls"), xls(dimensions, cells));
        run(p.dir.path(), &["check"], 20, 768 * MIB)
            .exited(1)
            .says(&format!(
                "error[over-limit]: data/reports/{name}.xls[报表]!"
            ));
    }
}

#[test]
fn an_ods_workbook_is_read_and_its_repeated_cells_measured_first() {
    let p = Project::from_fixture("basic");
    let rows = ods_row(&["period", "unit", "submitted_on", "lectures"])
        + &ods_row(&["2023-B2", "110101", "2023-05-04", "4"]);
    p.write("data/reports/calc.ods", ods(&rows));
    run(p.dir.path(), &["build"], 20, 768 * MIB).exited(0);
    assert_eq!(p.figures().value("2023-B2", "110101", "lectures"), "4");
    // 6,000 rows of 16,384 cells: 98 million cells, from a file of a few hundred bytes.
    let p = Project::from_fixture("basic");
    let bomb = r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
    p.write("data/reports/bomb.ods", ods(bomb));
    run(p.dir.path(), &["check"], 20, 768 * MIB)
        .exited(1)
        .says("error[over-limit]: data/reports/bomb.ods[报表]!XFD6000: the sheet's cells reach as far as XFD6000");
}
