//! Differential test: every figure of `indicators.csv` against an independent calculation of
//! SPEC §4–§5 in Python (`tests/oracle/spec_figures.py`), on the hand-made fixture, on random
//! valid projects, and on the shipped sample.

mod common;

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
fn random_projects_agree_with_the_independent_calculation() {
    for seed in 1..=25 {
        let p = Project {
            dir: tempfile::tempdir().unwrap(),
        };
        let dir = p.dir.path().to_str().unwrap().to_string();
        let made = python(&["tests/oracle/random_project.py", &seed.to_string(), &dir]);
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        agree(p.dir.path());
    }
}

#[test]
fn the_sample_agrees_with_the_independent_calculation() {
    agree(Path::new(env!("CARGO_MANIFEST_DIR")));
}
