//! Every kind of bad input in SPEC §7, one at a time, on the `basic` fixture: `check` exits 1
//! and names the file and line; `build` refuses and leaves `output/` as it was.

use crate::common;

use common::Project;

/// Runs `check` and asserts an error naming `file:line` with the given code; and that every
/// finding comes with its message in both languages.
fn assert_error(p: &Project, location: &str, code: &str) -> String {
    let run = p.run(&["check"]);
    assert_eq!(
        run.code, 1,
        "expected exit 1 for {code}; stderr:\n{}",
        run.stderr
    );
    let wanted = format!("error[{code}]: {location}");
    assert!(
        run.stderr.contains(&wanted),
        "expected `{wanted}` in:\n{}",
        run.stderr
    );
    assert_messages_in_both_languages(p);
    run.stderr
}

/// Every finding of `check --format json` has an English message and a Chinese one, which
/// holds Chinese characters, and the same code under either language.
fn assert_messages_in_both_languages(p: &Project) {
    let findings = |lang: &str| -> Vec<serde_json::Value> {
        let json = p.run(&["check", "--format", "json", "--lang", lang]);
        serde_json::from_str(&json.stdout).unwrap()
    };
    let (en, zh) = (findings("en"), findings("zh"));
    assert_eq!(en.len(), zh.len());
    for (e, z) in en.iter().zip(&zh) {
        let (message_en, message_zh) = (
            e["message_en"].as_str().unwrap(),
            e["message_zh"].as_str().unwrap(),
        );
        assert!(!message_en.trim().is_empty(), "{e}");
        assert!(
            message_zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "no Chinese in {e}"
        );
        assert_eq!(e["code"], z["code"]);
        assert_eq!(e["message"], message_en);
        assert_eq!(z["message"], message_zh);
    }
}

fn report(row: &str) -> Project {
    let p = Project::from_fixture("basic");
    p.append("data/reports/a.csv", row);
    p
}

#[test]
fn the_fixture_itself_is_clean() {
    let run = Project::from_fixture("basic").run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors, 2 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_unit_code() {
    let e = assert_error(
        &report("2023-B2,999999,2023-05-01,1,1,是,1"),
        "data/reports/a.csv:8:2",
        "unknown-unit",
    );
    assert!(e.contains("999999"));
}

#[test]
fn ambiguous_unit_name() {
    let p = report("2023-B2,重名,2023-05-01,1,1,是,1");
    p.append("data/units.csv", "1102,重名,prefecture,11,,");
    p.append("data/units.csv", "110201,重名,county,1102,,");
    let e = assert_error(&p, "data/reports/a.csv:8:2", "ambiguous-unit");
    assert!(
        e.contains("1102 (prefecture)") && e.contains("110201 (county)"),
        "{e}"
    );
}

#[test]
fn report_for_a_unit_that_is_not_a_county() {
    assert_error(
        &report("2023-B2,1101,2023-05-01,1,1,是,1"),
        "data/reports/a.csv:8:2",
        "not-a-county",
    );
}

#[test]
fn period_outside_the_campaign() {
    assert_error(
        &report("2023-B6,110101,2023-12-20,1,1,是,1"),
        "data/reports/a.csv:8:1",
        "period-outside-campaign",
    );
}

#[test]
fn period_of_the_wrong_kind() {
    assert_error(
        &report("2023-Q2,110101,2023-07-01,1,1,是,1"),
        "data/reports/a.csv:8:1",
        "wrong-period-kind",
    );
    assert_error(
        &report("2023年春,110101,2023-07-01,1,1,是,1"),
        "data/reports/a.csv:8:1",
        "bad-period",
    );
}

#[test]
fn not_a_number() {
    let e = assert_error(
        &report("2023-B2,110101,2023-05-01,十二,1,是,1"),
        "data/reports/a.csv:8:4",
        "not-a-number",
    );
    assert!(e.contains("十二"));
}

#[test]
fn a_yes_no_cell_with_something_else() {
    assert_error(
        &report("2023-B2,110101,2023-05-01,1,1,有,1"),
        "data/reports/a.csv:8:6",
        "bad-yes-no",
    );
}

#[test]
fn negative_value() {
    assert_error(
        &report("2023-B2,110101,2023-05-01,1,-3,是,1"),
        "data/reports/a.csv:8:5",
        "negative",
    );
}

#[test]
fn impossible_date() {
    assert_error(
        &report("2023-B2,110101,2023-02-30,1,1,是,1"),
        "data/reports/a.csv:8:3",
        "bad-date",
    );
}

#[test]
fn date_after_today() {
    assert_error(
        &report("2023-B2,110101,2027-01-01,1,1,是,1"),
        "data/reports/a.csv:8:3",
        "future-date",
    );
}

#[test]
fn two_filings_same_day_different_values() {
    let p = report("2023-B1,110101,2023-03-01,9,,是,4");
    let e = assert_error(&p, "data/reports/a.csv:4: ", "conflicting-filings");
    assert!(
        e.contains("error[conflicting-filings]: data/reports/a.csv:8: "),
        "{e}"
    );
}

#[test]
fn unit_whose_parent_is_missing() {
    let p = Project::from_fixture("basic");
    p.append("data/units.csv", "130101,孤县,county,1301,,");
    assert_error(&p, "data/units.csv:12:4", "missing-parent");
}

#[test]
fn duplicate_unit_code() {
    let p = Project::from_fixture("basic");
    p.append("data/units.csv", "110101,另一个东区,county,1101,,");
    assert_error(&p, "data/units.csv:12:1", "duplicate-code");
}

#[test]
fn unknown_category_status_and_mode() {
    let p = Project::from_fixture("basic");
    p.append(
        "data/problems.csv",
        "P9,110101,N1,2023-01-01,misc,标题,措施,open,",
    );
    assert_error(&p, "data/problems.csv:7:5", "unknown-category");
    let p = Project::from_fixture("basic");
    p.append(
        "data/problems.csv",
        "P9,110101,N1,2023-01-01,self,标题,措施,done,",
    );
    assert_error(&p, "data/problems.csv:7:8", "unknown-status");
    let p = Project::from_fixture("basic");
    p.append("data/visits.csv", "N1,110101,2023-01-01,phone,产改,");
    assert_error(&p, "data/visits.csv:7:4", "unknown-mode");
}

#[test]
fn resolved_on_rules() {
    let p = Project::from_fixture("basic");
    p.append(
        "data/problems.csv",
        "P9,110101,N1,2023-01-01,self,标题,措施,resolved,",
    );
    assert_error(&p, "data/problems.csv:7:9", "missing-resolved-on");
    let p = Project::from_fixture("basic");
    p.append(
        "data/problems.csv",
        "P9,110101,N1,2023-01-01,self,标题,措施,resolved,2022-12-31",
    );
    assert_error(&p, "data/problems.csv:7:9", "resolved-before-found");
    let p = Project::from_fixture("basic");
    p.append(
        "data/problems.csv",
        "P9,110101,N1,2023-01-01,self,标题,措施,open,2023-02-01",
    );
    assert_error(&p, "data/problems.csv:7:9", "resolved-on-unresolved");
}

#[test]
fn broken_encoding() {
    let p = Project::from_fixture("basic");
    let mut bytes = "period,unit,submitted_on,lectures\n2023-B2,东区,2023-05-01,1\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(&[0xE4, 0x41, b'\n']);
    p.write("data/reports/broken.csv", bytes);
    let e = assert_error(&p, "data/reports/broken.csv:3", "encoding");
    assert!(e.contains("byte 62"), "{e}");
}

#[test]
fn ragged_row() {
    assert_error(
        &report("2023-B2,110101,2023-05-01,1,1"),
        "data/reports/a.csv:8:6",
        "ragged-row",
    );
    assert_error(
        &report("2023-B2,110101,2023-05-01,1,1,是,1,9"),
        "data/reports/a.csv:8:8",
        "ragged-row",
    );
}

#[test]
fn unreadable_front_matter() {
    let p = Project::from_fixture("basic");
    p.write(
        "content/practices/e.md",
        "---\ntitle: [未闭合\nunit: 110101\n---\n正文\n",
    );
    assert_error(&p, "content/practices/e.md:", "front-matter");
    let p = Project::from_fixture("basic");
    p.write(
        "content/practices/e.md",
        "---\ntitle: 标题\nunit: 110101\ndate: 2023-02-30\npromotion: everywhere\n---\n",
    );
    assert_error(&p, "content/practices/e.md:4", "bad-date");
    assert_error(&p, "content/practices/e.md:5", "unknown-promotion");
    let p = Project::from_fixture("basic");
    p.write(
        "content/practices/e.md",
        "---\nunit: 999\ndate: 2023-02-01\n---\n",
    );
    assert_error(&p, "content/practices/e.md:2", "unknown-unit");
    assert_error(&p, "content/practices/e.md:", "missing-title");
}

#[test]
fn a_write_up_named_after_a_library_folder() {
    for name in ["search", "province", "tag", "page"] {
        let p = Project::from_fixture("basic");
        p.write(
            &format!("content/practices/{name}.md"),
            "---\ntitle: 标题\nunit: 110101\ndate: 2023-02-01\n---\n正文\n",
        );
        let e = assert_error(
            &p,
            &format!("content/practices/{name}.md:1"),
            "reserved-slug",
        );
        assert!(e.contains(&format!("practices/{name}/")), "{e}");
    }
}

#[test]
fn missing_required_column() {
    let p = Project::from_fixture("basic");
    p.write(
        "data/reports/c.csv",
        "period,unit,lectures\n2023-B2,110101,3\n",
    );
    let e = assert_error(&p, "data/reports/c.csv:1", "missing-column");
    assert!(e.contains("submitted_on") && e.contains("报送日期"), "{e}");
}

#[test]
fn all_findings_are_reported_at_once() {
    let p = report("2023-B2,999999,2027-01-01,x,-1,有,1");
    p.append(
        "data/problems.csv",
        "P9,110101,N1,2023-01-01,misc,标题,措施,done,",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    for code in [
        "unknown-unit",
        "future-date",
        "not-a-number",
        "negative",
        "bad-yes-no",
        "unknown-category",
        "unknown-status",
    ] {
        assert!(
            run.stderr.contains(&format!("error[{code}]")),
            "{code} missing:\n{}",
            run.stderr
        );
    }
}

#[test]
fn warnings_do_not_fail_the_check() {
    let p = Project::from_fixture("basic");
    p.append("data/pairings.csv", "N1,110102,2022-09-10");
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[pairing-count]: data/units.csv:3"),
        "{}",
        run.stderr
    );
}

#[test]
fn build_refuses_on_errors_and_leaves_output_untouched() {
    let p = Project::from_fixture("basic");
    assert_eq!(p.run(&["build"]).code, 0);
    let before = p.read("output/data/indicators.csv");
    p.append("data/reports/a.csv", "2023-B2,110101,2023-05-01,abc,1,是,1");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing published"), "{}", run.stderr);
    assert_eq!(before, p.read("output/data/indicators.csv"));
}

#[test]
fn keep_going_publishes_without_the_rejected_rows() {
    let p = Project::from_fixture("basic");
    p.append("data/reports/a.csv", "2023-B2,110101,2023-05-01,abc,1,是,1");
    p.append("data/reports/a.csv", "2023-B2,110102,2023-05-01,5,1,是,1");
    let run = p.run(&["build", "--keep-going"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = p.figures();
    // Only 西县's 2023-B2 row counts.
    assert_eq!(f.get("2023-B2", "0", "lectures"), ("5", "1", "4"));
    let rejected = p.read("output/data/rejected.csv");
    assert!(
        rejected.contains("data/reports/a.csv,8,not-a-number"),
        "{rejected}"
    );
    assert!(
        rejected.contains("2023-B2,110101,2023-05-01,abc,1,是,1"),
        "{rejected}"
    );
    let quality = p.read("output/data/quality.csv");
    assert!(
        quality.contains("error,data/reports/a.csv,8,4,not-a-number"),
        "{quality}"
    );
}

#[test]
fn messages_show_the_row_with_the_cell_underlined_and_json_for_machines() {
    let p = report("2023-B2,110101,2023-05-01,十二,1,是,1");
    let run = p.run(&["check"]);
    assert!(
        run.stderr.contains(
            "8 | 2023-B2,110101,2023-05-01,十二,1,是,1\n  |                           ^^^^"
        ),
        "{}",
        run.stderr
    );
    let json = p.run(&["check", "--format", "json"]);
    assert_eq!(json.code, 1);
    let list: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let hit = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "not-a-number")
        .unwrap();
    assert_eq!(hit["location"], "data/reports/a.csv:8:4");
    assert_eq!(hit["severity"], "error");
}

/// Every message written in the source has its Chinese: the second text of each `msg!` holds
/// Chinese characters (the first, the English, is checked by reading it).
#[test]
fn every_message_in_the_source_has_its_chinese() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (at, _) in text.match_indices("msg!(") {
            let rest = &text[at + 5..];
            let Some((en, rest)) = literal(rest) else {
                continue;
            };
            let (zh, _) = literal(rest.trim_start().trim_start_matches(',')).unwrap_or_else(|| {
                panic!(
                    "{}: a msg! without its Chinese text",
                    entry.path().display()
                )
            });
            assert!(
                !en.trim().is_empty(),
                "{}: empty English",
                entry.path().display()
            );
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}: no Chinese in {zh:?} (for {en:?})",
                entry.path().display()
            );
            seen += 1;
        }
    }
    assert!(seen > 100, "only {seen} messages found");
}

/// The string literal at the start of `text` (after spaces) and what follows it.
fn literal(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return Some((out, &body[i + 1..])),
            c => out.push(c),
        }
    }
    None
}
