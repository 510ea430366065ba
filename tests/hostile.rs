//! Hostile and broken input: markup planted in every text field never reaches the site live,
//! builds are byte-for-byte reproducible, a killed build leaves the previous output, and
//! every case of a careless or hostile user (in the modules below: the output folder, the
//! inputs, the limits, the messages) ends in a clear finding with nothing of the user's
//! changed.

use crate::common;
#[path = "hostile/inputs.rs"]
mod inputs;
#[path = "hostile/limits.rs"]
mod limits;
#[path = "hostile/messages.rs"]
mod messages;
#[path = "hostile/output.rs"]
mod output;
#[path = "hostile/support.rs"]
mod support;
#[path = "hostile/workbooks.rs"]
mod workbooks;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::Project;

const SCRIPT: &str = "<script>alert(1)</script>";
const ATTR: &str = "\" onerror=\"alert(2)\" x=\"";
const TITLE: &str = "</title><script>alert(3)</script>";
const LINK: &str = "javascript:alert(4)";

fn every_file(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir(dir) {
        let rel = e.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        out.insert(rel, fs::read(&e).unwrap());
    }
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p))
        } else {
            out.push(p)
        }
    }
    out
}

/// Every tag of a page: `<name …>` up to its `>`.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push(&rest[..end]);
        }
        rest = &rest[end.min(rest.len())..];
        if end == 0 {
            break;
        }
    }
    out
}

#[test]
fn markup_in_every_text_field_stays_text() {
    let p = Project::from_fixture("basic");
    let evil = format!("{SCRIPT}{ATTR}{TITLE}{LINK}");
    let cell = format!("\"{}\"", evil.replace('"', "\"\""));
    p.write(
        "data/campaign.toml",
        format!("title = {}\n", toml_string(&evil)),
    );
    p.replace("data/units.csv", "110101,东区,", &format!("110101,{cell},"));
    p.replace("data/units.csv", "N1,全总组织部,", &format!("N1,{cell},"));
    p.replace(
        "data/indicators.csv",
        "lectures,宣讲场次,一条主线,宣传宣讲,sum,sum,次,,",
        &format!("lectures,{cell},一条主线,{cell},sum,sum,{cell},,{cell}"),
    );
    p.replace("data/visits.csv", "在联系建立之前先行调研", &cell);
    p.replace(
        "data/problems.csv",
        "编制不足,提请研究",
        &format!("{cell},{cell}"),
    );
    p.write(
        "content/practices/a.md",
        format!(
            "---\ntitle: {y}\nunit: \"110101\"\ndate: 2022-10-01\ntags: [{y}]\ntopics: [{y}]\npromotion: province\nsummary: {y}\n---\n\n{evil}\n\n[点我]({LINK}) <img src=x onerror=alert(5)> <a href=\"{LINK}\">链接</a>\n",
            y = yaml_string(&evil)
        ),
    );
    p.write(
        "content/bulletins/2022-Q4.md",
        format!("{evil}\n\n<iframe src=\"{LINK}\"></iframe>\n"),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = p.path("output");
    let mut pages = 0;
    for (rel, bytes) in every_file(&site) {
        let text = String::from_utf8_lossy(&bytes);
        if rel.ends_with(".html") {
            pages += 1;
            // Every <title> (the page's, and each chart's) closes where it should.
            assert_eq!(
                text.matches("<title>").count(),
                text.matches("</title>").count(),
                "{rel}: a title was broken out of"
            );
            let head = &text[text.find("<title>").unwrap() + 7..text.find("</title>").unwrap()];
            assert!(!head.contains('<'), "{rel}: markup in the page title");
            for tag in tags(&text) {
                let lower = tag.to_ascii_lowercase();
                for (name, value) in attributes(tag) {
                    let name = name.to_ascii_lowercase();
                    assert!(!name.starts_with("on"), "{rel}: event handler in {tag}");
                    assert!(
                        !value.trim().to_ascii_lowercase().starts_with("javascript:"),
                        "{rel}: live link in {tag}"
                    );
                }
                assert!(!lower.starts_with("<iframe"), "{rel}: {tag}");
                if lower.starts_with("<script") {
                    assert!(
                        lower.contains("src=\"") && lower.contains("assets/"),
                        "{rel}: inline script {tag}"
                    );
                }
            }
            assert!(
                !text.contains("alert(1)</script>") || text.contains("&lt;script&gt;alert(1)"),
                "{rel}"
            );
        }
        if rel.ends_with(".js") && rel.starts_with("practices/search") {
            assert!(
                !text.contains("</script"),
                "{rel}: a string could close a script"
            );
        }
        if rel.ends_with(".csv") {
            for line in text.lines() {
                for cell in line.split(',') {
                    let c = cell.trim_start_matches('"');
                    assert!(
                        !c.starts_with(['=', '+', '@']) && !c.starts_with("-")
                            || c.parse::<f64>().is_ok(),
                        "{rel}: formula-like cell {cell}"
                    );
                }
            }
        }
    }
    assert!(pages > 20);
}

/// The attributes of a tag as (name, value), quotes respected.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut out = Vec::new();
    let mut chars = inner.chars().peekable();
    // Skip the tag name.
    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
        chars.next();
    }
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut name = String::new();
        while let Some(c) = chars
            .peek()
            .copied()
            .filter(|c| !c.is_whitespace() && *c != '=')
        {
            name.push(c);
            chars.next();
        }
        if name.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for c in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some(c) = chars.peek().copied().filter(|c| !c.is_whitespace()) {
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        out.push((name, value));
    }
    out
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn codes_and_file_names_cannot_write_outside_the_output() {
    let p = Project::from_fixture("basic");
    p.append("data/units.csv", "../../evil,坏县,county,1101,,");
    p.append("data/units.csv", "/etc/x,坏县二,county,1101,,");
    p.write(
        "content/practices/..%2f..%2fevil.md",
        "---\ntitle: 坏\nunit: \"110101\"\ndate: 2023-01-01\n---\n",
    );
    assert_eq!(p.run(&["build"]).code, 0);
    assert!(!p.path("evil").exists() && !p.path("output/../evil").exists());
    let units = fs::read_dir(p.path("output/units")).unwrap().count();
    assert_eq!(units, 12, "one folder per unit, none elsewhere");
    assert!(
        p.path("output/units/~2e~2e~2f~2e~2e~2fevil/index.html")
            .exists()
    );
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        let run = Command::new(env!("CARGO_BIN_EXE_countyboard"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .args(["build", "-C"])
            .arg(root)
            .arg("-o")
            .arg(out.path().join(name))
            .output()
            .unwrap();
        assert!(run.status.success());
    }
    let a = every_file(&out.path().join("a"));
    let b = every_file(&out.path().join("b"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between two builds");
    }
    assert!(a.len() > 400);
}

#[test]
fn a_killed_build_leaves_the_previous_output_untouched() {
    let p = Project::from_fixture("basic");
    assert_eq!(p.run(&["build"]).code, 0);
    let before = every_file(&p.path("output"));
    // A bigger project, so the build is still running when it is killed.
    let big = tempfile::tempdir().unwrap();
    let made = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["demo", "--scale", "half", "--out"])
        .arg(big.path())
        .output()
        .unwrap();
    assert!(made.status.success());
    for (i, wait) in [30u64, 150, 400].into_iter().enumerate() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_countyboard"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .args(["build", "-C"])
            .arg(big.path())
            .arg("-o")
            .arg(p.path("output"))
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        assert!(
            !finished,
            "run {i}: the build finished before it was killed; the test needs a bigger project"
        );
        assert_eq!(
            before,
            every_file(&p.path("output")),
            "run {i}: output changed by a killed build"
        );
    }
    // The next build clears what the killed ones left beside output/.
    assert_eq!(p.run(&["build"]).code, 0);
    let leftovers: Vec<String> = fs::read_dir(p.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Every data row of every input file is either counted or listed in rejected.csv:
/// `inputs.csv` adds up, and its row counts match the files counted independently.
fn assert_nothing_lost(project: &Path, site: &Path) {
    let inputs = fs::read(site.join("data/inputs.csv")).unwrap();
    let rejected = fs::read(site.join("data/rejected.csv")).unwrap();
    let rejected: Vec<csv::StringRecord> = csv::Reader::from_reader(rejected.as_slice())
        .records()
        .map(Result::unwrap)
        .collect();
    let mut files = 0;
    for record in csv::Reader::from_reader(inputs.as_slice()).records() {
        let record = record.unwrap();
        let file = &record[0];
        if !record[4].is_empty() {
            assert!(
                record[1].is_empty(),
                "{file}: rows given for an unread file"
            );
            assert!(
                record[4].starts_with("not read: "),
                "{file}: {}",
                &record[4]
            );
            files += 1;
            continue;
        }
        let number = |i: usize| record[i].parse::<usize>().unwrap();
        let (rows, counted, rejected_n) = (number(1), number(2), number(3));
        assert_eq!(
            rows,
            counted + rejected_n,
            "{file}: {rows} rows, {counted} counted, {rejected_n} set aside"
        );
        let listed = rejected.iter().filter(|r| &r[0] == file).count();
        assert_eq!(listed, rejected_n, "{file}: rejected.csv lists {listed}");
        if file.ends_with(".csv") && !file.contains("(default)") {
            let bytes = fs::read(project.join(file)).unwrap();
            let text = countyboard::load::decode::decode(&bytes).unwrap();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let records = reader
                .records()
                .filter_map(Result::ok)
                .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
                .count();
            assert_eq!(rows, records.saturating_sub(1), "{file}: rows read");
        }
        files += 1;
    }
    assert!(files > 5);
}

#[test]
fn no_row_is_lost_in_any_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["build", "-C"])
        .arg(root)
        .arg("-o")
        .arg(out.path().join("s"))
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_nothing_lost(root, &out.path().join("s"));

    let p = Project::from_fixture("basic");
    assert_eq!(p.run(&["build"]).code, 0);
    assert_nothing_lost(p.dir.path(), &p.path("output"));

    // With bad rows of every kind, published with --keep-going.
    p.append("data/reports/a.csv", "2023-B2,999999,2023-05-01,1,1,是,1");
    p.append("data/reports/a.csv", "2023-B2,110101,2023-05-01,x,1,是,1");
    p.append("data/reports/a.csv", "2023-B2,110101,2023-05-01,1");
    p.append("data/reports/a.csv", "2022-B5,110101,2022-11-05,3,4,否,2");
    p.append("data/units.csv", "130101,孤县,county,1301,,");
    p.append("data/units.csv", "110101,东区,county,1101,,");
    p.append(
        "data/problems.csv",
        "P9,110101,N1,2023-01-01,misc,标题,措施,open,",
    );
    p.append("data/visits.csv", "N1,110101,2022-09-20,onsite,产改,");
    p.append("data/pairings.csv", "N1,110101,2022-09-01");
    p.write("content/practices/z.md", "---\ntitle: [坏\n---\n");
    assert_eq!(p.run(&["build", "--keep-going"]).code, 0);
    assert_nothing_lost(p.dir.path(), &p.path("output"));
}
