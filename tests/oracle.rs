//! Differential test: every figure of `indicators.csv` against an independent calculation of
//! SPEC §4–§5 in Python (`tests/oracle/spec_figures.py`), on the hand-made fixtures, on random
//! valid projects (with deadlines in calendar days, and in working days with or without a
//! holiday file of their own), and on the shipped sample.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{Project, fixture};

fn python(args: &[&str]) -> std::process::Output {
    Command::new("python3")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs the independent calculation")
}

/// Builds `project` into a fresh folder and compares every figure with the oracle's.
fn agree(project: &Path) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["build", "-C"])
        .arg(project)
        .arg("-o")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let oracle = python(&["tests/oracle/spec_figures.py", project.to_str().unwrap()]);
    assert!(
        oracle.status.success(),
        "{}",
        String::from_utf8_lossy(&oracle.stderr)
    );
    let expected = out.path().join("expected.csv");
    std::fs::write(&expected, &oracle.stdout).unwrap();
    let compare = python(&[
        "tests/oracle/compare.py",
        expected.to_str().unwrap(),
        site.join("data/indicators.csv").to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&compare.stdout);
    assert!(compare.status.success(), "{}: {report}", project.display());
    assert!(report.contains(" 0 differ"), "{report}");
}

#[test]
fn the_fixture_agrees_with_the_independent_calculation() {
    agree(&fixture("basic"));
}

#[test]
fn the_working_days_fixture_agrees_with_the_independent_calculation() {
    agree(&fixture("workdays"));
}

/// A random project of `random_project.py`; `extra` asks for deadlines in working days.
fn random_project(seed: u32, extra: &[&str]) -> Project {
    let p = Project {
        dir: tempfile::tempdir().unwrap(),
    };
    let dir = p.dir.path().to_str().unwrap().to_string();
    let seed = seed.to_string();
    let args: Vec<&str> = ["tests/oracle/random_project.py", &seed, &dir]
        .into_iter()
        .chain(extra.iter().copied())
        .collect();
    let made = python(&args);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    p
}

#[test]
fn random_projects_agree_with_the_independent_calculation() {
    for seed in 1..=25 {
        agree(random_project(seed, &[]).dir.path());
    }
}

#[test]
fn random_working_day_projects_agree_with_the_independent_calculation() {
    let (mut built_in, mut gb18030) = (0, 0);
    for seed in 1..=18 {
        let p = random_project(seed, &["workdays"]);
        let toml = std::fs::read_to_string(p.path("data/campaign.toml")).unwrap();
        assert!(toml.contains("grace_working_days") && !toml.contains("grace_days"));
        match std::fs::read(p.path("data/holidays.csv")) {
            Err(_) => built_in += 1,
            Ok(bytes) if std::str::from_utf8(&bytes).is_err() => {
                let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
                assert!(!bad && text.contains("日期") && text.contains("\r\n"));
                gb18030 += 1;
            }
            Ok(_) => {}
        }
        agree(p.dir.path());
    }
    assert!(built_in >= 5 && gb18030 >= 5, "{built_in} {gb18030}");
}

#[test]
fn the_sample_agrees_with_the_independent_calculation() {
    agree(Path::new(env!("CARGO_MANIFEST_DIR")));
}
