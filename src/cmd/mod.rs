pub mod build;
pub mod check;
pub mod demo;
pub mod docx;
pub mod forms;
pub mod hints;
pub mod init;
pub mod pdf;
pub mod serve;

use std::io::IsTerminal;

use countyboard::findings::{Finding, Findings, Severity};

/// Prints every finding like a compiler — the location, the message, and for a row the row
/// itself with the cell underlined — then a one-line count. Colour only on a terminal.
pub fn print_findings(findings: &Findings, quiet_info: bool) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for f in &findings.list {
        if quiet_info && f.severity == Severity::Info {
            continue;
        }
        eprintln!("{}", render(f, colour));
    }
    eprintln!("{}", findings.tally(true));
}

fn render(f: &Finding, colour: bool) -> String {
    let (on, off) = match (colour, f.severity) {
        (false, _) => ("", ""),
        (true, Severity::Error) => ("\x1b[1;31m", "\x1b[0m"),
        (true, Severity::Warning) => ("\x1b[1;33m", "\x1b[0m"),
        (true, Severity::Info) => ("\x1b[1;36m", "\x1b[0m"),
    };
    let mut out = format!(
        "{on}{}[{}]{off}: {}: {}",
        f.severity.as_str(),
        f.code,
        f.location(),
        f.message
    );
    if let Some(row) = f
        .source
        .as_deref()
        .filter(|r| !r.contains('\n') && f.line > 0)
    {
        let line = f.line.to_string();
        let pad = " ".repeat(line.len());
        out.push_str(&format!("\n{pad} |\n{line} | {row}"));
        if let Some((start, width)) = field_span(row, f.column) {
            out.push_str(&format!(
                "\n{pad} | {}{on}{}{off}",
                " ".repeat(start),
                "^".repeat(width.max(1))
            ));
        }
    }
    out
}

/// Display column and width of the 1-based field `column` of a CSV row (wide characters
/// count two), for the caret under it.
fn field_span(row: &str, column: usize) -> Option<(usize, usize)> {
    if column == 0 {
        return None;
    }
    let (mut field, mut quoted, mut at, mut start, mut width) = (1, false, 0, 0, 0);
    for c in row.chars() {
        let w = if (c as u32) >= 0x1100 { 2 } else { 1 };
        if c == '"' {
            quoted = !quoted;
        } else if c == ',' && !quoted {
            if field == column {
                return Some((start, width));
            }
            field += 1;
            at += 1;
            start = at;
            width = 0;
            continue;
        }
        at += w;
        if field == column {
            width += w;
        }
    }
    (field == column).then_some((start, width))
}

#[cfg(test)]
mod tests {
    use super::field_span;

    #[test]
    fn the_caret_sits_under_the_cell() {
        assert_eq!(
            field_span("2023-B2,110101,2023-05-01,十二,1", 4),
            Some((26, 4))
        );
        assert_eq!(field_span("a,\"b,c\",d", 3), Some((8, 1)));
        assert_eq!(field_span("a,b", 0), None);
    }
}
