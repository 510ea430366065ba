//! Excel workbooks (.xlsx, .xlsm, .xls, .ods, read with calamine) to the same tables as CSV.
//! Each sheet is a table named `file[sheet]`; rows keep their Excel row numbers, so findings
//! point at cells as Excel shows them (`B7`).
//!
//! Cells, decided one by one:
//! - numbers are written plainly (`3`, not `3.0`); numbers stored as text are read as text;
//! - date-formatted cells become `YYYY-MM-DD` (the time of day is dropped); a bare serial
//!   number in a date column is not guessed at: it fails as “not a date”;
//! - TRUE/FALSE become 是/否; an Excel error (`#N/A`, `#DIV/0!` …) refuses the row;
//! - rows with nothing in them (trailing blank rows) are skipped;
//! - merged cells hold their value in the first cell only, so a title row merged across the
//!   top (one filled cell above the header) is taken as a title and skipped.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::table::{Row, Table};
use crate::findings::{Findings, Pos};
use crate::text::cell_ref;

pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

pub fn is_workbook(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    EXTENSIONS.iter().any(|e| lower.ends_with(&format!(".{e}")))
}

pub fn read(file: &str, bytes: &[u8], findings: &mut Findings) -> Vec<Table> {
    let mut book = match open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())) {
        Ok(b) => b,
        Err(e) => {
            findings.error(&Pos { file: file.to_string(), line: 0 }, 0, "unreadable", format!("not a readable workbook: {e}; expected .xlsx, .xls or .ods saved by Excel or WPS"));
            return Vec::new();
        }
    };
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                findings.error(
                    &Pos {
                        file: format!("{file}[{name}]"),
                        line: 0,
                    },
                    0,
                    "unreadable",
                    format!("sheet cannot be read: {e}"),
                );
                continue;
            }
        };
        let (top, left) = range
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let sheet = format!("{file}[{name}]");
        let mut rows: Vec<(usize, Vec<String>, bool)> = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            let excel_row = top + i + 1;
            let mut broken = false;
            let mut texts: Vec<String> = vec![String::new(); left];
            for (j, cell) in cells.iter().enumerate() {
                match text_of(cell) {
                    Ok(t) => texts.push(t),
                    Err(msg) => {
                        broken = true;
                        findings.error(
                            &Pos {
                                file: sheet.clone(),
                                line: excel_row,
                            },
                            left + j + 1,
                            "excel-error",
                            format!(
                                "cell {} holds {msg}; expected a value",
                                cell_ref(excel_row, left + j)
                            ),
                        );
                        texts.push(String::new());
                    }
                }
            }
            if texts.iter().all(|t| t.is_empty()) {
                continue;
            }
            rows.push((excel_row, texts, broken));
        }
        if let Some(table) = to_table(&sheet, rows, findings) {
            tables.push(table);
        }
    }
    tables
}

fn to_table(
    sheet: &str,
    mut rows: Vec<(usize, Vec<String>, bool)>,
    findings: &mut Findings,
) -> Option<Table> {
    // A title above the header: a row with one filled cell, followed by a fuller row.
    while rows.len() > 1 && filled(&rows[0].1) == 1 && filled(&rows[1].1) > 1 {
        rows.remove(0);
    }
    let mut iter = rows.into_iter();
    let (header_line, headers, _) = iter.next()?;
    let headers: Vec<String> = headers.into_iter().map(|h| h.trim().to_string()).collect();
    let width = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    let mut table = Table {
        file: sheet.to_string(),
        header_line,
        headers: headers[..width].to_vec(),
        rows: Vec::new(),
    };
    for (line, cells, broken) in iter {
        let raw = cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
        let pos = table.pos(line);
        findings.count_row(sheet);
        if broken {
            findings.reject(&pos, &raw, "excel-error", "a cell holds an Excel error");
            continue;
        }
        if cells.iter().skip(width).any(|c| !c.is_empty()) {
            let column = width
                + cells
                    .iter()
                    .skip(width)
                    .position(|c| !c.is_empty())
                    .unwrap_or(0);
            let msg = format!(
                "cell {} lies outside the header's columns; expected data only under a header",
                cell_ref(line, column)
            );
            findings.error(&pos, column + 1, "ragged-row", msg.clone());
            findings.reject(&pos, &raw, "ragged-row", msg);
            continue;
        }
        let mut cells = cells;
        cells.resize(width, String::new());
        table.rows.push(Row { line, cells, raw });
    }
    Some(table)
}

fn filled(cells: &[String]) -> usize {
    cells.iter().filter(|c| !c.is_empty()).count()
}

fn quote(c: &str) -> String {
    if c.contains([',', '"', '\n']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c.to_string()
    }
}

fn text_of(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => format!("{}", d.as_f64()),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("the Excel error {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::cell_ref;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_ref(7, 1), "B7");
        assert_eq!(cell_ref(1, 0), "A1");
        assert_eq!(cell_ref(3, 26), "AA3");
    }
}
