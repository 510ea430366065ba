use std::io::Write;

use countyboard::findings::Pos;
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::write::Target;

use super::print_findings;

/// Lists every finding; exit code 1 when any is an error. `json`: the findings as a JSON
/// array on stdout, for other programs.
pub fn run(paths: &Paths, today: Date, json: bool) -> i32 {
    let mut checked = countyboard::check(paths, today);
    // Commentary is read against the figures, so they are computed too.
    if let Some(model) = &checked.model {
        countyboard::compute(model, &mut checked.findings);
    }
    // `build` refuses an output folder it did not make: `check` says so too, so that it
    // passes exactly when `build` can publish.
    if let Err(message) = Target::resolve(&paths.root, &paths.output, &paths.display(&paths.output))
    {
        let pos = Pos {
            file: paths.display(&paths.output),
            line: 0,
        };
        checked.findings.error(&pos, 0, "output-folder", message);
        checked.findings.sort();
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
        let text = serde_json::to_string_pretty(&list).unwrap_or_default();
        // A reader that stops early (`| head`) is not an error.
        let _ = writeln!(std::io::stdout().lock(), "{text}");
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
