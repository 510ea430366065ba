use countyboard::model::Date;
use countyboard::project::Paths;

use super::print_findings;

/// Lists every finding; exit code 1 when any is an error.
pub fn run(paths: &Paths, today: Date) -> i32 {
    let checked = countyboard::check(paths, today);
    print_findings(&checked.findings, false);
    i32::from(checked.findings.has_errors())
}
