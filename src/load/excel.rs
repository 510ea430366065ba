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

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx};

use super::limits::{CELL_CHARS, CELLS, SHEET_AREA};
use super::table::{Row, Table};
use super::workbook_guard::{self, Container, TooLarge};
use crate::findings::{Code, Findings, Msg, Pos};
use crate::text::cell_ref;

pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

pub fn is_workbook(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    EXTENSIONS.iter().any(|e| lower.ends_with(&format!(".{e}")))
}

/// A cell's text, or the Excel error it holds.
type CellText = Result<String, String>;

/// A sheet's cells with content: 0-based (row, column) and the text.
struct Sheet {
    name: String,
    cells: Vec<(u32, u32, CellText)>,
}

/// A row of a sheet: its Excel row number, its cells from column A, and why it is refused.
type SheetRow = (usize, Vec<String>, Option<(Code, Msg)>);

pub fn read(file: &str, bytes: &[u8], findings: &mut Findings) -> Vec<Table> {
    let sheets = match sheets(bytes) {
        Ok(sheets) => sheets,
        Err(refusal) => {
            let (code, message, sheet) = match refusal {
                Refusal::Unreadable(m) => (Code::Unreadable, m, None),
                Refusal::SaveAsXlsx(m) => (Code::SaveAsXlsx, m, None),
                Refusal::TooLarge(t) => (
                    Code::OverLimit,
                    t.message,
                    t.sheet.map(|s| (s, t.row, t.column)),
                ),
            };
            let pos = match &sheet {
                Some((name, row, _)) => Pos {
                    file: format!("{file}[{name}]"),
                    line: *row,
                },
                None => Pos {
                    file: file.to_string(),
                    line: 0,
                },
            };
            findings.error(&pos, sheet.map_or(0, |s| s.2), code, message.clone());
            findings.not_read(file, message);
            return Vec::new();
        }
    };
    if sheets.iter().all(|s| s.cells.is_empty()) {
        findings.warning(
            &Pos {
                file: file.to_string(),
                line: 0,
            },
            0,
            Code::EmptyFile,
            msg!(
                "the workbook has no cells with content, so nothing of it is read",
                "工作簿中没有任何内容，未读取"
            ),
        );
    }
    let mut tables = Vec::new();
    for sheet in sheets {
        if let Some((name, rows)) = to_rows(file, sheet, findings) {
            tables.extend(to_table(&name, rows, findings));
        }
    }
    tables
}

enum Refusal {
    Unreadable(Msg),
    SaveAsXlsx(Msg),
    TooLarge(TooLarge),
}

/// Every sheet of a workbook, its cells read sparsely.
fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>, Refusal> {
    let unreadable = |e: &dyn std::fmt::Display| Refusal::Unreadable(unreadable_book(e));
    match workbook_guard::container(bytes) {
        Container::Zip => {
            let names = workbook_guard::zip_entries(bytes).map_err(|m| {
                if m.en.starts_with("not a readable") {
                    Refusal::Unreadable(m)
                } else {
                    Refusal::TooLarge(TooLarge {
                        sheet: None,
                        row: 0,
                        column: 0,
                        message: m,
                    })
                }
            })?;
            if names.iter().any(|n| n == "xl/workbook.bin") {
                return Err(Refusal::SaveAsXlsx(msg!(
                    "an Excel binary workbook (.xlsb) is not read; expected the workbook saved as .xlsx (另存为 → Excel 工作簿 *.xlsx)",
                    "Excel 二进制工作簿（.xlsb）无法读取；请另存为 .xlsx（另存为 → Excel 工作簿 *.xlsx）"
                )));
            }
            if names.iter().any(|n| n == "content.xml") {
                workbook_guard::ods(bytes).map_err(Refusal::TooLarge)?;
                let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
                return dense_sheets(&mut book);
            }
            xlsx_sheets(bytes)
        }
        Container::Cfb => {
            workbook_guard::xls(bytes).map_err(Refusal::TooLarge)?;
            let mut book = Xls::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
            dense_sheets(&mut book)
        }
        Container::Unknown => Err(Refusal::Unreadable(msg!(
            "not a readable workbook: it is neither an Excel nor an OpenDocument file (a CSV file saved under a workbook's name?); expected .xlsx, .xls or .ods saved by Excel or WPS",
            "工作簿无法读取：它既不是 Excel 也不是 OpenDocument 文件（是不是把 CSV 文件起了工作簿的名字？）；应为 Excel 或 WPS 保存的 .xlsx、.xls 或 .ods 文件"
        ))),
    }
}

/// `.xlsx`: cells are streamed one by one, so a workbook with a cell at A1 and one at
/// XFD1048576 costs two cells, not the grid between them.
fn xlsx_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, Refusal> {
    let unreadable = |e: calamine::XlsxError| Refusal::Unreadable(unreadable_book(&e));
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for name in book.sheet_names() {
        let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            if matches!(cell.get_value(), DataRef::Empty) {
                continue;
            }
            total += 1;
            if total > CELLS {
                return Err(Refusal::TooLarge(TooLarge {
                    sheet: None,
                    row: 0,
                    column: 0,
                    message: msg!(
                        "the workbook holds more than {CELLS} cells, which is more than is read; expected a workbook of the report's size",
                        "工作簿有超过 {CELLS} 个单元格，超出可读取的大小；应为报表大小的工作簿"
                    ),
                }));
            }
            let (row, column) = cell.get_position();
            cells.push((row, column, text_of(&Data::from(cell.get_value().clone()))));
        }
        sheets.push(Sheet { name, cells });
    }
    Ok(sheets)
}

/// `.xls` and `.ods`: the reader makes each sheet a grid (its extent was checked before).
fn dense_sheets<RS, R>(book: &mut R) -> Result<Vec<Sheet>, Refusal>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            Refusal::Unreadable(msg!(
                "sheet `{name}` cannot be read: {e}",
                "工作表“{name}”无法读取：{e}"
            ))
        })?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let cells = range
            .used_cells()
            .map(|(r, c, d)| (top + r as u32, left + c as u32, text_of(d)))
            .collect();
        sheets.push(Sheet { name, cells });
    }
    Ok(sheets)
}

/// A sheet's rows as (Excel row number, cells from column A, why the row is refused); `None`
/// when the sheet reaches too far to be read (a finding says so).
fn to_rows(file: &str, sheet: Sheet, findings: &mut Findings) -> Option<(String, Vec<SheetRow>)> {
    let name = format!("{file}[{}]", sheet.name);
    let last_row = sheet
        .cells
        .iter()
        .map(|c| c.0 as u64 + 1)
        .max()
        .unwrap_or(0);
    let last_column = sheet
        .cells
        .iter()
        .map(|c| c.1 as u64 + 1)
        .max()
        .unwrap_or(0);
    if last_row * last_column > SHEET_AREA as u64 {
        let far = sheet
            .cells
            .iter()
            .max_by_key(|c| (c.0 as u64 + 1) * (c.1 as u64 + 1))
            .map_or((0, 0), |c| (c.0 as usize + 1, c.1 as usize + 1));
        let message = workbook_guard::area_message(last_row, last_column);
        findings.error(
            &Pos {
                file: name.clone(),
                line: far.0,
            },
            far.1,
            Code::OverLimit,
            message.clone(),
        );
        findings.not_read(&name, message);
        return None;
    }
    let mut by_row: BTreeMap<u32, Vec<(u32, CellText)>> = BTreeMap::new();
    for (row, column, text) in sheet.cells {
        by_row.entry(row).or_default().push((column, text));
    }
    let mut rows = Vec::with_capacity(by_row.len());
    for (row, mut cells) in by_row {
        cells.sort_by_key(|c| c.0);
        let excel_row = row as usize + 1;
        let width = cells.last().map_or(0, |c| c.0 as usize + 1);
        let mut texts = vec![String::new(); width];
        let mut refused = None;
        for (column, text) in cells {
            let column = column as usize;
            let pos = Pos {
                file: name.clone(),
                line: excel_row,
            };
            match text {
                Ok(t) if t.chars().count() > CELL_CHARS => {
                    let (cell, n) = (cell_ref(excel_row, column), t.chars().count());
                    let message = msg!(
                        "cell {cell} has {n} characters; cells of more than {CELL_CHARS} characters are not read; expected a shorter text",
                        "单元格 {cell} 有 {n} 个字符，超过 {CELL_CHARS} 个字符的单元格不读取；应写得短一些"
                    );
                    findings.error(&pos, column + 1, Code::OverLimit, message.clone());
                    refused.get_or_insert((Code::OverLimit, message));
                }
                Ok(t) => texts[column] = t,
                Err(error) => {
                    let cell = cell_ref(excel_row, column);
                    findings.error(
                        &pos,
                        column + 1,
                        Code::ExcelError,
                        msg!(
                            "cell {cell} holds the Excel error {error}; expected a value",
                            "单元格 {cell} 是 Excel 错误值 {error}；应填写数值或文字"
                        ),
                    );
                    refused.get_or_insert((
                        Code::ExcelError,
                        msg!("a cell holds an Excel error", "有单元格是 Excel 错误值"),
                    ));
                }
            }
        }
        if texts.iter().all(|t| t.is_empty()) && refused.is_none() {
            continue;
        }
        rows.push((excel_row, texts, refused));
    }
    Some((name, rows))
}

fn to_table(sheet: &str, mut rows: Vec<SheetRow>, findings: &mut Findings) -> Option<Table> {
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
    for (line, cells, refused) in iter {
        let raw = cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
        let pos = table.pos(line);
        findings.count_row(sheet);
        if let Some((code, reason)) = refused {
            findings.reject(&pos, &raw, code, reason);
            continue;
        }
        if cells.iter().skip(width).any(|c| !c.is_empty()) {
            let column = width
                + cells
                    .iter()
                    .skip(width)
                    .position(|c| !c.is_empty())
                    .unwrap_or(0);
            let cell = cell_ref(line, column);
            let msg = msg!(
                "cell {cell} lies outside the header's columns; expected data only under a header",
                "单元格 {cell} 在表头的各列之外；数据应填在有表头的列下"
            );
            findings
                .error(&pos, column + 1, Code::RaggedRow, msg.clone())
                .row(&raw);
            findings.reject(&pos, &raw, Code::RaggedRow, msg);
            continue;
        }
        let mut cells = cells;
        cells.resize(width, String::new());
        table.rows.push(Row { line, cells, raw });
    }
    Some(table)
}

/// “Not a readable workbook”, with what was expected.
fn unreadable_book(e: &dyn std::fmt::Display) -> Msg {
    msg!(
        "not a readable workbook: {e}; expected .xlsx, .xls or .ods saved by Excel or WPS",
        "工作簿无法读取：{e}；应为 Excel 或 WPS 保存的 .xlsx、.xls 或 .ods 文件"
    )
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
        Data::Error(e) => return Err(e.to_string()),
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
