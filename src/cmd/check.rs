use std::io::Write;

use countyboard::findings::{Code, Finding, Pos, Severity};
use countyboard::lang::Lang;
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::write::Target;

use super::print_findings;

/// Lists every finding; exit code 1 when any is an error. `json`: the findings as a JSON
/// array on stdout, for other programs.
pub fn run(paths: &Paths, today: Date, json: bool, lang: Lang) -> i32 {
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
        checked.findings.error(&pos, 0, Code::OutputFolder, message);
        checked.findings.sort();
    }
    if json {
        let list: Vec<serde_json::Value> = checked
            .findings
            .list
            .iter()
            .map(|f| as_json(f, lang))
            .collect();
        let text = serde_json::to_string_pretty(&list).unwrap_or_default();
        // A reader that stops early (`| head`) is not an error.
        let _ = writeln!(std::io::stdout().lock(), "{text}");
    } else {
        print_findings(&checked.findings, Severity::Info, lang);
        if !checked.findings.has_errors() {
            eprintln!(
                "{}",
                lang.pick(
                    "next: countyboard build (or countyboard serve to see the site while you edit)",
                    "下一步：countyboard build（或 countyboard serve，边改边在浏览器中查看网站）"
                )
            );
        }
    }
    i32::from(checked.findings.has_errors())
}

/// A finding for other programs: its place, its code, the message in the language chosen
/// (`message`) and in both (`message_en`, `message_zh`), and the unit it concerns (a code, or
/// null).
fn as_json(f: &Finding, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "severity": f.severity,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "location": f.location(),
        "code": f.code,
        "message": f.message.get(lang),
        "message_en": f.message.en,
        "message_zh": f.message.zh,
        "unit": f.unit,
    })
}
