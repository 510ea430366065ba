//! Workbooks written byte by byte for the tests: `.xls` (BIFF8 records in a compound file)
//! and `.ods` (XML in a zip), with any declared extent and any cells, as a hostile file has.
#![allow(dead_code)]

use std::io::Write;

/// A BIFF8 record.
pub fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

pub fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let mut d = [row.to_le_bytes(), col.to_le_bytes(), [0, 0]].concat();
    d.extend((text.len() as u16).to_le_bytes());
    d.push(0);
    d.extend(text.as_bytes());
    record(0x0204, &d)
}

pub fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut d = [row.to_le_bytes(), col.to_le_bytes(), [0, 0]].concat();
    d.extend(value.to_le_bytes());
    record(0x0203, &d)
}

/// An `.xls` workbook (BIFF8 in a compound file) of one sheet: its declared extent
/// (first row, row after the last, first column, column after the last) and its cells.
pub fn xls(dimensions: (u32, u32, u16, u16), cells: &[Vec<u8>]) -> Vec<u8> {
    let bof = |kind: u16| {
        let mut d = [0x0600u16.to_le_bytes(), kind.to_le_bytes()].concat();
        d.extend([0u8; 12]);
        record(0x0809, &d)
    };
    let eof = record(0x000A, &[]);
    let sheet_name = "报表"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect::<Vec<_>>();
    let boundsheet_len = 4 + 4 + 2 + 2 + sheet_name.len();
    let globals_len = bof(5).len() + boundsheet_len + eof.len();
    let mut boundsheet = (globals_len as u32).to_le_bytes().to_vec();
    boundsheet.extend([0, 0, 2, 1]);
    boundsheet.extend(sheet_name);
    let mut stream = [bof(5), record(0x0085, &boundsheet), eof.clone()].concat();
    assert_eq!(stream.len(), globals_len);
    stream.extend(bof(0x10));
    let (r0, r1, c0, c1) = dimensions;
    let mut dims = [r0.to_le_bytes(), r1.to_le_bytes()].concat();
    dims.extend([c0.to_le_bytes(), c1.to_le_bytes(), [0, 0]].concat());
    stream.extend(record(0x0200, &dims));
    for c in cells {
        stream.extend(c);
    }
    stream.extend(eof);
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// An `.ods` workbook of one sheet with the given rows (`<table:table-row>` elements).
pub fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="报表">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

pub fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}
