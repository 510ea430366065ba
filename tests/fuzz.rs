//! Property tests over the loaders and the whole check: any bytes, any text, any table, any
//! workbook, any write-up — findings, never a panic, an abort or a hang. The in-process tests
//! run under an address-space limit; `whole_projects_check_and_build_within_limits` runs the
//! binary on generated projects (a CSV report, a workbook, a write-up) with a memory and a
//! time limit. Bounded so `cargo test` stays quick; raise PROPTEST_CASES to search longer
//! (`PROPTEST_CASES=2000 cargo test --release --test fuzz`).

mod common;
#[path = "hostile/workbooks.rs"]
mod workbooks;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use countyboard::findings::Findings;
use countyboard::load::front_matter::{parse, split};
use countyboard::load::nesting::check_markdown;
use countyboard::load::{Inputs, TextFile, decode::decode, excel, table::parse_csv};
use countyboard::model::date::parse_date;
use countyboard::render::markdown::to_html;
use countyboard::validate::validate;
use proptest::prelude::*;

/// The in-process tests share this address-space limit: an allocation without bound fails
/// (and aborts the tests) instead of swapping the machine.
fn limit_memory() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let limit = libc::rlimit {
            rlim_cur: 6 << 30,
            rlim_max: 6 << 30,
        };
        // SAFETY: setrlimit with a valid struct.
        unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
    });
}

fn today() -> countyboard::model::Date {
    jiff::civil::Date::new(2026, 11, 25).unwrap()
}

/// CSV-ish text: commas, tabs, quotes, line ends of every kind, Chinese, digits, dates.
fn csv_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(",".to_string()),
            Just("\t".to_string()),
            Just("\r".to_string()),
            Just("\u{0}".to_string()),
            Just("'=1+1".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("2023-B1".to_string()),
            Just("2023-03-05".to_string()),
            Just("110101".to_string()),
            Just("县".to_string()),
            Just("是".to_string()),
            Just("-1".to_string()),
            "[0-9]{1,4}",
            "[a-z_]{1,8}",
            "\\PC{0,6}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Markdown built from the pieces that stress parsers: nesting, brackets, entities, tables.
fn markdown_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<div>"),
        Just("</div>"),
        Just("<p>"),
        Just("<b>"),
        Just("</b>"),
        Just("<a "),
        Just("<table><tr><td>"),
        Just(">"),
        Just("> "),
        Just("- "),
        Just("  "),
        Just("1. "),
        Just("["),
        Just("]"),
        Just("]("),
        Just(")"),
        Just("*"),
        Just("**"),
        Just("_"),
        Just("`"),
        Just("```"),
        Just("&#"),
        Just("&amp;"),
        Just("&"),
        Just("<"),
        Just("|"),
        Just("|-|"),
        Just("[^1]"),
        Just("[^1]: "),
        Just("~~"),
        Just("# "),
        Just("\n"),
        Just("\r\n"),
        Just("\r"),
        Just("<!--"),
        Just("-->"),
        Just("---\n"),
        Just("\u{0}"),
        Just("\u{1b}[31m"),
        Just("<script>"),
        Just("javascript:"),
        Just("工会"),
        Just("**注意：**"),
        Just("{{"),
        Just("{%"),
    ];
    proptest::collection::vec((piece, 1usize..400), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(p, n)| p.repeat(n))
            .collect::<String>()
    })
}

/// Front matter of write-ups: keys, lists, nesting, quotes, anchors.
fn yaml_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("title: "),
        Just("unit: "),
        Just("date: 2023-01-05"),
        Just("tags: "),
        Just("["),
        Just("]"),
        Just("{"),
        Just("}"),
        Just(", "),
        Just("\""),
        Just("'"),
        Just("\n"),
        Just("  "),
        Just("- "),
        Just("&a "),
        Just("*a"),
        Just("<<: "),
        Just("? "),
        Just(": "),
        Just("#"),
        Just("工会"),
        Just("\t"),
        Just("!!str "),
        Just("|\n"),
        Just(">\n"),
    ];
    proptest::collection::vec((piece, 1usize..50), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(p, n)| p.repeat(n))
            .collect::<String>()
    })
}

/// A cell value for a workbook: text (formula-like too), a number, a yes/no, a date.
#[derive(Clone, Debug)]
enum CellValue {
    Text(String),
    Number(f64),
    Flag(bool),
    Date(u16, u8, u8),
}

fn cell_value() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        "[=+@＝ -]?[a-z0-9工会是否年月日-]{0,12}".prop_map(CellValue::Text),
        Just(CellValue::Text("period".into())),
        Just(CellValue::Text("unit".into())),
        Just(CellValue::Text("submitted_on".into())),
        Just(CellValue::Text("lectures".into())),
        any::<f64>().prop_map(CellValue::Number),
        any::<bool>().prop_map(CellValue::Flag),
        (1900u16..2100, 1u8..13, 1u8..29).prop_map(|(y, m, d)| CellValue::Date(y, m, d)),
    ]
}

/// A workbook: cells near A1, and now and then one far away (as far as XFD1048576; writing
/// that one takes the writer a second in a debug build).
fn workbook() -> impl Strategy<Value = Vec<u8>> {
    let far = prop::option::weighted(0.2, (0u32..1_048_576, 0u16..16_384));
    let near = proptest::collection::vec(((0u32..30, 0u16..12), cell_value()), 0..60);
    let cells = (near, far).prop_map(|(mut cells, far)| {
        if let Some(at) = far {
            cells.push((at, CellValue::Text("x".into())));
        }
        cells
    });
    (
        cells,
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        any::<Option<prop::sample::Index>>(),
    )
        .prop_map(|(cells, flips, cut)| {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            for ((row, col), value) in cells {
                let _ = match value {
                    CellValue::Text(t) => sheet.write_string(row, col, t).map(|_| ()),
                    CellValue::Number(n) => sheet.write_number(row, col, n).map(|_| ()),
                    CellValue::Flag(b) => sheet.write_boolean(row, col, b).map(|_| ()),
                    CellValue::Date(y, m, d) => rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d)
                        .and_then(|date| {
                            let format =
                                rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
                            sheet
                                .write_datetime_with_format(row, col, &date, &format)
                                .map(|_| ())
                        }),
                };
            }
            let mut bytes = book.save_to_buffer().unwrap_or_default();
            // Damage: a few bytes changed, or the end cut off.
            for (at, b) in flips {
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = b;
                }
            }
            if let Some(cut) = cut
                && !bytes.is_empty()
            {
                bytes.truncate(cut.index(bytes.len()));
            }
            bytes
        })
}

/// Bytes that start like a workbook of each kind, then anything.
fn workbook_like_bytes() -> impl Strategy<Value = Vec<u8>> {
    let magic = prop_oneof![
        Just(b"PK\x03\x04".to_vec()),
        Just(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        Just(Vec::new()),
    ];
    (magic, proptest::collection::vec(any::<u8>(), 0..2000)).prop_map(|(mut m, rest)| {
        m.extend(rest);
        m
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_named_as_a_workbook_are_read_or_refused(bytes in workbook_like_bytes()) {
        limit_memory();
        let mut f = Findings::default();
        let tables = excel::read("r.xls", &bytes, &mut f);
        // Read, or refused with a finding.
        prop_assert!(!tables.is_empty() || !f.list.is_empty());
    }

    #[test]
    fn any_write_up_renders_or_is_refused(text in markdown_text()) {
        limit_memory();
        let start = Instant::now();
        if check_markdown(&text).is_ok() {
            let html = to_html(&text);
            prop_assert!(!html.contains("<script"));
        }
        prop_assert!(start.elapsed() < Duration::from_secs(10), "{} s", start.elapsed().as_secs_f64());
    }

    #[test]
    fn any_front_matter_is_read_or_refused(yaml in yaml_text()) {
        limit_memory();
        let start = Instant::now();
        let text = format!("---\n{yaml}\n---\n正文\n");
        if let Ok(parts) = split(&text)
            && let Err((line, _)) = parse(&parts)
        {
            prop_assert!(line >= 2 && line <= text.lines().count(), "line {line}");
        }
        prop_assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn any_bytes_decode_or_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Err(e) = decode(&bytes) {
            prop_assert!(e.offset <= bytes.len());
        }
    }

    #[test]
    fn any_text_parses_as_a_table(text in csv_text()) {
        let mut f = Findings::default();
        let t = parse_csv("t.csv", &text, &mut f);
        for row in &t.rows {
            prop_assert_eq!(row.cells.len(), t.headers.len());
        }
    }

    #[test]
    fn any_text_splits_or_is_refused(text in "(---\\n)?\\PC{0,80}(\\n---\\n)?\\PC{0,40}") {
        let _ = split(&text);
    }

    #[test]
    fn any_date_text_parses_or_is_refused(text in "\\PC{0,12}|[0-9]{1,5}[-/年][0-9]{1,3}[-/月][0-9]{1,3}日?") {
        let _ = parse_date(&text);
    }

    #[test]
    fn any_project_checks_without_panic(
        units in csv_text(), reports in csv_text(), pairings in csv_text(), visits in csv_text(),
        problems in csv_text(), indicators in csv_text(), practice in "\\PC{0,120}",
        holidays in csv_text(),
    ) {
        let mut findings = Findings::default();
        let header = |h: &str, body: &str| format!("{h}\n{body}");
        let inputs = Inputs {
            campaign: (holidays.len() % 2 == 1).then(|| "grace_working_days = 3".to_string()),
            holidays: Some(parse_csv("data/holidays.csv", &header("date,kind,name", &holidays), &mut findings)),
            units: Some(parse_csv("data/units.csv", &header("code,name,level,parent,region,kind\n0,全国,national,,,\n11,省,province,0,east,\n110101,县,county,11,,", &units), &mut findings)),
            indicators: if indicators.len() % 2 == 0 { None } else { Some(parse_csv("data/indicators.csv", &header("code,name,pillar,item,time_agg,unit_agg,measure,target", &indicators), &mut findings)) },
            pairings: Some(parse_csv("data/pairings.csv", &header("upper,county,since", &pairings), &mut findings)),
            visits: Some(parse_csv("data/visits.csv", &header("upper,county,date,mode,topics,note", &visits), &mut findings)),
            problems: Some(parse_csv("data/problems.csv", &header("id,county,found_by,found_on,category,title,measures,status,resolved_on", &problems), &mut findings)),
            reports: vec![parse_csv("data/reports/r.csv", &header("period,unit,submitted_on,lectures,service_centre", &reports), &mut findings)],
            practices: vec![TextFile { file: "content/practices/p.md".into(), text: format!("---\n{practice}\n---\n") }],
            bulletins: Vec::new(),
            templates: Vec::new(),
            guide: None,
        };
        if let Some(model) = validate(&inputs, today(), &mut findings) {
            let figures = countyboard::engine::compute(&model);
            prop_assert!(figures.periods > 0);
        }
    }
}

/// A project for the binary: the `basic` fixture with a generated CSV report (in one of the
/// encodings users save), a generated workbook and a generated write-up.
#[derive(Debug, Clone)]
struct Project {
    report: String,
    encoding: u8,
    workbook: Vec<u8>,
    front_matter: String,
    body: String,
}

fn project() -> impl Strategy<Value = Project> {
    (csv_text(), 0u8..5, workbook(), yaml_text(), markdown_text()).prop_map(
        |(report, encoding, workbook, front_matter, body)| Project {
            report,
            encoding,
            workbook,
            front_matter,
            body,
        },
    )
}

fn encoded(text: &str, encoding: u8) -> Vec<u8> {
    match encoding {
        0 => text.as_bytes().to_vec(),
        1 => {
            let mut out = vec![0xFF, 0xFE];
            text.encode_utf16()
                .for_each(|u| out.extend(u.to_le_bytes()));
            out
        }
        2 => text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
        3 => encoding_rs::GB18030.encode(text).0.into_owned(),
        _ => text.replace('\n', "\r").into_bytes(),
    }
}

/// Runs the binary with 1 GiB of address space and 60 s; `None` when it ran over time.
fn limited(dir: &Path, args: &[&str]) -> Option<(Option<i32>, String)> {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_countyboard"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args)
        .args(["--today", "2026-11-25"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: only setrlimit runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    let mut child = command.spawn().ok()?;
    let mut stderr = child.stderr.take()?;
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some((status.code(), reader.join().unwrap_or_default()));
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// An `.xls` sheet: a declared extent (any, as a hostile file may declare) and cells near A1
/// or anywhere in the 65,536 × 256 grid.
fn xls_workbook() -> impl Strategy<Value = Vec<u8>> {
    let position = prop_oneof![4 => (0u16..20, 0u16..8), 1 => (any::<u16>(), any::<u16>())];
    let cell = (position, any::<Option<f64>>(), "[a-z0-9工会-]{0,8}");
    (
        (any::<u32>(), any::<u32>(), any::<u16>(), any::<u16>()),
        proptest::collection::vec(cell, 0..40),
    )
        .prop_map(|(dimensions, cells)| {
            let cells: Vec<Vec<u8>> = cells
                .into_iter()
                .map(|((r, c), n, t)| match n {
                    Some(n) => workbooks::number(r, c, n),
                    None => workbooks::label(r, c, &t),
                })
                .collect();
            workbooks::xls(dimensions, &cells)
        })
}

/// An `.ods` sheet: rows and cells repeated any number of times.
fn ods_workbook() -> impl Strategy<Value = Vec<u8>> {
    let cell = (1u32..20_000, any::<bool>()).prop_map(|(n, value)| {
        if value {
            format!(r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="{n}"/>"#)
        } else {
            format!(r#"<table:table-cell table:number-columns-repeated="{n}"/>"#)
        }
    });
    let row = (1u32..2_000_000, proptest::collection::vec(cell, 0..4)).prop_map(|(n, cells)| {
        format!(
            r#"<table:table-row table:number-rows-repeated="{n}">{}</table:table-row>"#,
            cells.concat()
        )
    });
    proptest::collection::vec(row, 0..8).prop_map(|rows| workbooks::ods(&rows.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 30, .. ProptestConfig::default() })]

    #[test]
    fn any_xls_or_ods_sheet_is_read_or_refused_within_memory(xls in xls_workbook(), ods in ods_workbook()) {
        limit_memory();
        let start = Instant::now();
        for (name, bytes) in [("r.xls", &xls), ("r.ods", &ods)] {
            let mut f = Findings::default();
            let tables = excel::read(name, bytes, &mut f);
            prop_assert!(!tables.is_empty() || !f.list.is_empty(), "{name}: neither read nor refused");
        }
        prop_assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn any_workbook_is_read_or_refused(bytes in workbook()) {
        limit_memory();
        let start = Instant::now();
        let mut f = Findings::default();
        let tables = excel::read("r.xlsx", &bytes, &mut f);
        for t in &tables {
            for row in &t.rows {
                prop_assert_eq!(row.cells.len(), t.headers.len());
            }
        }
        prop_assert!(start.elapsed() < Duration::from_secs(10));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, .. ProptestConfig::default() })]

    #[test]
    fn whole_projects_check_and_build_within_limits(p in project()) {
        let dir = common::Project::from_fixture("basic");
        let header = "period,unit,submitted_on,lectures,members,centre,stations\n";
        dir.write("data/reports/fuzz.csv", encoded(&format!("{header}{}", p.report), p.encoding));
        dir.write("data/reports/fuzz.xlsx", &p.workbook);
        dir.write(
            "content/practices/fuzz.md",
            format!("---\ntitle: 测试\nunit: \"110101\"\ndate: 2023-01-05\n{}\n---\n{}", p.front_matter, p.body),
        );
        for args in [&["check"][..], &["build", "--keep-going", "-q"][..]] {
            let ran = limited(dir.dir.path(), args);
            prop_assert!(ran.is_some(), "{args:?} ran over 60 s");
            let (code, stderr) = ran.unwrap();
            prop_assert!(matches!(code, Some(0 | 1)), "{args:?}: exit {code:?}\n{stderr}");
            prop_assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
}
