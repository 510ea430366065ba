use countyboard::model::Date;
use countyboard::project::Paths;

use super::print_findings;

/// Lists every finding; exit code 1 when any is an error.
pub fn run(paths: &Paths, today: Date) -> i32 {
    let (_, findings) = countyboard::check(paths, today);
    print_findings(&findings, false);
    i32::from(findings.has_errors())
}
