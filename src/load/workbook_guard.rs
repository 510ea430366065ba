//! Checks made before a workbook is handed to the reader (calamine), so that a small hostile
//! file cannot make it allocate without bound: the true unpacked size of a zip-based
//! workbook (read, not taken from its directory), and the extent of the cells of `.ods` and
//! `.xls` workbooks, whose reader builds every sheet as a dense grid.

use std::io::{self, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::limits::{CELLS, SHEET_AREA, UNPACKED_BYTES, megabytes};
use crate::lang::Msg;
use crate::text::cell_ref;

/// What the workbook is, by its first bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Container {
    Zip,
    Cfb,
    Unknown,
}

pub fn container(bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Container::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Cfb
    } else {
        Container::Unknown
    }
}

/// A zip-based workbook's entry names, once its entries are known to unpack to at most
/// `UNPACKED_BYTES` together.
pub fn zip_entries(bytes: &[u8]) -> Result<Vec<String>, Msg> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_readable)?;
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(not_readable)?;
        names.push(entry.name().map(|n| n.into_owned()).unwrap_or_default());
        let left = UNPACKED_BYTES - total;
        // Counted as it unpacks: the sizes a zip declares may lie.
        let n = io::copy(&mut (&mut entry).take(left + 1), &mut io::sink()).unwrap_or(0);
        total += n;
        if total > UNPACKED_BYTES {
            let most = megabytes(UNPACKED_BYTES);
            return Err(msg!(
                "the workbook unpacks to more than {most}; workbooks that unpack to more are not read; expected a workbook of the report's size (delete unused sheets, pictures or far-away cells)",
                "工作簿解压后超过 {most}，不读取；应为报表大小的工作簿（请删去不用的工作表、图片或远处的单元格）"
            ));
        }
    }
    Ok(names)
}

/// “Not a readable workbook”, with the reader's reason.
pub fn not_readable(e: impl std::fmt::Display) -> Msg {
    msg!("not a readable workbook: {e}", "工作簿无法读取：{e}")
}

/// A refusal: the message, and the sheet and cell it is about, when known.
#[derive(Debug)]
pub struct TooLarge {
    pub sheet: Option<String>,
    pub row: usize,
    pub column: usize,
    pub message: Msg,
}

fn area_refusal(sheet: &str, rows: u64, columns: u64) -> TooLarge {
    TooLarge {
        sheet: Some(sheet.to_string()),
        row: rows as usize,
        column: columns as usize,
        message: area_message(rows, columns),
    }
}

/// The message for a sheet whose cells reach row `rows` and column `columns` (1-based).
pub fn area_message(rows: u64, columns: u64) -> Msg {
    let far = cell_ref(rows as usize, columns.saturating_sub(1) as usize);
    msg!(
        "the sheet's cells reach as far as {far} ({rows} rows × {columns} columns, counted from A1); sheets larger than {SHEET_AREA} cells are not read; expected the data near A1 (delete stray cells far away)",
        "工作表的单元格一直延伸到 {far}（从 A1 算起 {rows} 行 × {columns} 列），超过 {SHEET_AREA} 个单元格的工作表不读取；数据应在 A1 附近（请删去远处多余的单元格）"
    )
}

fn cells_refusal(cells: u64) -> TooLarge {
    TooLarge {
        sheet: None,
        row: 0,
        column: 0,
        message: msg!(
            "the workbook holds more than {cells} cells; workbooks of more than {CELLS} cells are not read; expected a workbook of the report's size",
            "工作簿有超过 {cells} 个单元格，超过 {CELLS} 个单元格的工作簿不读取；应为报表大小的工作簿"
        ),
    }
}

/// `.ods`: the extent of each sheet with its repeated rows and columns expanded, as the
/// reader will expand them.
pub fn ods(bytes: &[u8]) -> Result<(), TooLarge> {
    let unreadable = |e: String| TooLarge {
        sheet: None,
        row: 0,
        column: 0,
        message: not_readable(e),
    };
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let content = zip
        .by_name("content.xml")
        .map_err(|e| unreadable(e.to_string()))?;
    let mut xml = quick_xml::Reader::from_reader(io::BufReader::new(content));
    let mut buf = Vec::new();
    let (mut sheet, mut row, mut column) = (String::new(), 0u64, 0u64);
    let (mut row_repeats, mut row_end_column) = (1u64, 0u64);
    let (mut last_row, mut last_column, mut cells) = (0u64, 0u64, 0u64);
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(e.to_string()))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().into_inner() {
                "table:table" => {
                    sheet = attribute(e, "table:name").unwrap_or_default();
                    (row, last_row, last_column) = (0, 0, 0);
                }
                "table:table-row" => {
                    row_repeats = number(e, "table:number-rows-repeated").clamp(1, 1 << 20);
                    (column, row_end_column) = (0, 0);
                    if empty {
                        row += row_repeats;
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let repeats = number(e, "table:number-columns-repeated").clamp(1, 1 << 14);
                    column = (column + repeats).min(1 << 14);
                    let has_value = !empty || attribute(e, "office:value-type").is_some();
                    if has_value {
                        row_end_column = column;
                    }
                }
                _ => {}
            }
        }
        match &event {
            Event::End(e) if e.name().into_inner() == "table:table-row" => {
                if row_end_column > 0 {
                    last_row = row + row_repeats;
                    last_column = last_column.max(row_end_column);
                    cells += row_end_column;
                }
                row += row_repeats;
                if last_row.saturating_mul(last_column) > SHEET_AREA as u64 {
                    return Err(area_refusal(&sheet, last_row, last_column));
                }
                if cells > CELLS as u64 {
                    return Err(cells_refusal(cells));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

fn number(e: &BytesStart, name: &str) -> u64 {
    attribute(e, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

/// `.xls`: the extent of the cells of each sheet, and the extent each sheet declares (the
/// reader reserves room for it), from the records of the workbook stream.
pub fn xls(bytes: &[u8]) -> Result<(), TooLarge> {
    let unreadable = |e: io::Error| TooLarge {
        sheet: None,
        row: 0,
        column: 0,
        message: not_readable(e),
    };
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(unreadable)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| unreadable(io::Error::other("it has no workbook stream")))?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .and_then(|s| s.take(bytes.len() as u64 * 2).read_to_end(&mut stream))
        .map_err(unreadable)?;
    let (mut at, mut cells) = (0usize, 0u64);
    // Sheet names from BOUNDSHEET records; each top-level substream after the first (the
    // workbook's globals) is the next sheet.
    let (mut names, mut substreams, mut depth) = (Vec::new(), 0usize, 0usize);
    let (mut last_row, mut last_column) = (0u64, 0u64);
    let u16_at = |d: &[u8], i: usize| {
        d.get(i..i + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as u64)
    };
    let u32_at = |d: &[u8], i: usize| {
        d.get(i..i + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64)
    };
    while at + 4 <= stream.len() {
        let kind = u16_at(&stream, at);
        let len = u16_at(&stream, at + 2) as usize;
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        let sheet_name = || {
            let n = substreams.saturating_sub(2);
            names
                .get(n)
                .cloned()
                .unwrap_or_else(|| format!("sheet {}", n + 1))
        };
        match kind {
            // BOF: a substream (the globals, a sheet, or a chart inside a sheet).
            0x0809 => {
                if depth == 0 {
                    substreams += 1;
                    (last_row, last_column) = (0, 0);
                }
                depth += 1;
            }
            0x000A => depth = depth.saturating_sub(1),
            // BOUNDSHEET: a sheet's name.
            0x0085 if data.len() >= 8 => {
                let (count, wide) = (data[6] as usize, data[7] & 1 == 1);
                let text = &data[8..];
                let name = if wide {
                    let units: Vec<u16> = text
                        .chunks_exact(2)
                        .take(count)
                        .map(|b| u16::from_le_bytes([b[0], b[1]]))
                        .collect();
                    String::from_utf16_lossy(&units)
                } else {
                    text.iter().take(count).map(|b| *b as char).collect()
                };
                names.push(name);
            }
            // DIMENSIONS: the reader reserves rows × columns, read as it reads them (an
            // end before the start would wrap around to billions).
            0x0200 => {
                let (first_row, end_row, mut first_col, end_col) = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => continue,
                };
                if first_col > 0xFF || end_col < first_col {
                    first_col = 0;
                }
                let (last_row, last_col) = if end_row >= 1 && end_col >= 1 {
                    (end_row - 1, end_col - 1)
                } else {
                    (first_row, first_col)
                };
                let rows = (last_row + 1).checked_sub(first_row).unwrap_or(u64::MAX);
                let columns = (last_col + 1).checked_sub(first_col).unwrap_or(u64::MAX);
                if rows.saturating_mul(columns) > SHEET_AREA as u64 {
                    return Err(area_refusal(
                        &sheet_name(),
                        end_row.max(first_row),
                        end_col.max(1),
                    ));
                }
            }
            // Cells: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA, MULRK.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x00BD => {
                let row = u16_at(data, 0) + 1;
                let mut column = u16_at(data, 2) + 1;
                if kind == 0x00BD && data.len() >= 2 {
                    column = u16_at(data, data.len() - 2) + 1;
                }
                cells += 1;
                last_row = last_row.max(row);
                last_column = last_column.max(column);
                if last_row * last_column > SHEET_AREA as u64 {
                    return Err(area_refusal(&sheet_name(), last_row, last_column));
                }
                if cells > CELLS as u64 {
                    return Err(cells_refusal(cells));
                }
            }
            _ => {}
        }
    }
    Ok(())
}
