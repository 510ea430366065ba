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
use countyboard::lang::Lang;

/// `error: ` or `错误：`, before a message that stops a command.
pub fn error_prefix(lang: Lang) -> &'static str {
    lang.pick("error: ", "错误：")
}

/// Prints every finding as severe as `least` or more like a compiler — the location, the
/// message, and for a row the row itself with the cell underlined — then a one-line count of
/// all of them. Colour only on a terminal.
pub fn print_findings(findings: &Findings, least: Severity, lang: Lang) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for f in &findings.list {
        if f.severity > least {
            continue;
        }
        eprintln!("{}", render(f, colour, lang));
    }
    eprintln!("{}", findings.tally(true, lang));
}

fn render(f: &Finding, colour: bool, lang: Lang) -> String {
    let (on, off) = match (colour, f.severity) {
        (false, _) => ("", ""),
        (true, Severity::Error) => ("\x1b[1;31m", "\x1b[0m"),
        (true, Severity::Warning) => ("\x1b[1;33m", "\x1b[0m"),
        (true, Severity::Info) => ("\x1b[1;36m", "\x1b[0m"),
    };
    let severity = match (lang, f.severity) {
        (Lang::En, s) => s.as_str(),
        (Lang::Zh, Severity::Error) => "错误",
        (Lang::Zh, Severity::Warning) => "警告",
        (Lang::Zh, Severity::Info) => "提示",
    };
    let colon = lang.pick(": ", "：");
    let mut out = format!(
        "{on}{severity}[{}]{off}{colon}{}{colon}{}",
        f.code,
        shown(&f.location()),
        shown(f.message.get(lang))
    );
    // A notice's row adds nothing to read at a terminal (the quality page shows it).
    if let Some(row) = f
        .source
        .as_deref()
        .filter(|r| !r.contains('\n') && f.line > 0 && f.severity != Severity::Info)
    {
        let (row, span) = row_with_span(row, f.column);
        let line = f.line.to_string();
        let pad = " ".repeat(line.len());
        out.push_str(&format!("\n{pad} |\n{line} | {row}"));
        if let Some((start, width)) = span {
            out.push_str(&format!(
                "\n{pad} | {}{on}{}{off}",
                " ".repeat(start),
                "^".repeat(width.max(1))
            ));
        }
    }
    out
}

/// A file the command would write is already there and `--force` was not given: says so and
/// returns `true`, so that nothing is written over what may be someone's (an edited copy).
pub fn refuse_existing_file(out: &std::path::Path, force: bool, lang: Lang) -> bool {
    if force || std::fs::symlink_metadata(out).is_err() {
        return false;
    }
    let shown = out.display();
    match lang {
        Lang::En => eprintln!(
            "error: {shown} already exists, so nothing was written; choose another file with -o FILE, or replace it with --force"
        ),
        Lang::Zh => {
            eprintln!("错误：{shown} 已经存在，未写入；请用 -o FILE 另选文件名，或加 --force 覆盖")
        }
    }
    true
}

/// Text from the input as it may be printed on a terminal: control characters (escape
/// sequences, carriage returns) and the marks that reorder text are written as escapes, so
/// a cell cannot move the cursor, recolour the screen or hide part of a message.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_shown(&mut out, c);
    }
    out
}

fn push_shown(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if c.is_control() || is_reordering_mark(c) => {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
        c => out.push(c),
    }
}

fn is_reordering_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A row as printed (see `shown`) and the display column and width of its 1-based field
/// `column` (wide characters count two), for the caret under it. Fields are separated by
/// commas, or by tabs in a tab-separated row.
fn row_with_span(row: &str, column: usize) -> (String, Option<(usize, usize)>) {
    let separator = if row.contains('\t') && !row.contains(',') {
        '\t'
    } else {
        ','
    };
    let mut out = String::with_capacity(row.len());
    let (mut field, mut quoted, mut at) = (1, false, 0);
    let (mut start, mut width) = (0, 0);
    let mut span = None;
    for c in row.chars() {
        let before = out.len();
        push_shown(&mut out, c);
        let piece = &out[before..];
        let w = match piece.chars().count() {
            1 if (c as u32) >= 0x1100 => 2,
            n => n,
        };
        if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            if field == column {
                span = Some((start, width));
            }
            field += 1;
            at += w;
            start = at;
            width = 0;
            continue;
        }
        at += w;
        if field == column {
            width += w;
        }
    }
    if span.is_none() && column > 0 && field == column {
        span = Some((start, width));
    }
    (out, span)
}

/// A reader that closes the pipe (`countyboard check | head`) ends the program quietly, as
/// command-line tools do, instead of a panic on the next line printed.
pub fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal has no preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::{row_with_span, shown};

    fn field_span(row: &str, column: usize) -> Option<(usize, usize)> {
        row_with_span(row, column).1
    }

    #[test]
    fn the_caret_sits_under_the_cell() {
        assert_eq!(
            field_span("2023-B2,110101,2023-05-01,十二,1", 4),
            Some((26, 4))
        );
        assert_eq!(field_span("a,\"b,c\",d", 3), Some((8, 1)));
        assert_eq!(field_span("a,b", 0), None);
        assert_eq!(field_span("a\tbb\tc", 2), Some((3, 2)));
        assert_eq!(
            row_with_span("a,\u{1b}[2J,c", 3),
            ("a,\\u{1b}[2J,c".into(), Some((12, 1)))
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shown("a\u{1b}[31mb\r\u{7}"), "a\\u{1b}[31mb\\r\\u{7}");
        assert_eq!(shown("x\u{202e}y\u{9b}"), "x\\u{202e}y\\u{9b}");
        assert_eq!(shown("单位 ok"), "单位 ok");
    }
}
