use countyboard::model::Date;
use countyboard::project::Paths;

use super::print_findings;

/// Lists every finding; exit code 1 when any is an error. `json`: the findings as a JSON
/// array on stdout, for other programs.
pub fn run(paths: &Paths, today: Date, json: bool) -> i32 {
    let mut checked = countyboard::check(paths, today);
    // Commentary is read against the figures, so they are computed too.
    if let Some(model) = &checked.model {
        countyboard::compute(model, &mut checked.findings);
    }
    if json {
        let list: Vec<serde_json::Value> = checked
            .findings
            .list
            .iter()
            .map(|f| {
                let mut v = serde_json::to_value(f).unwrap_or_default();
                v["location"] = serde_json::Value::String(f.location());
                v
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
    } else {
        print_findings(&checked.findings, false);
        if !checked.findings.has_errors() {
            eprintln!(
                "next: countyboard build (or countyboard serve to see the site while you edit)"
            );
        }
    }
    i32::from(checked.findings.has_errors())
}
