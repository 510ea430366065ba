pub mod build;
pub mod check;
pub mod demo;
pub mod forms;
pub mod init;
pub mod pdf;
pub mod serve;

use countyboard::findings::{Findings, Severity};

/// Prints every finding like a compiler, then a one-line count.
pub fn print_findings(findings: &Findings, quiet_info: bool) {
    for f in &findings.list {
        if quiet_info && f.severity == Severity::Info {
            continue;
        }
        eprintln!("{f}");
    }
    eprintln!(
        "{} errors, {} warnings, {} notices",
        findings.count(Severity::Error),
        findings.count(Severity::Warning),
        findings.count(Severity::Info)
    );
}
