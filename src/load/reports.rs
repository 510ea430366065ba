//! `data/reports/`: every file there is read, or named in a finding. CSV, tab-separated text
//! (Excel's “Unicode text” is UTF-16 with tabs, saved as `.txt`) and workbooks are read;
//! workbooks in formats that cannot be read get “save as .xlsx”; anything else is named.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Loader, Table, excel, table};
use crate::findings::{Code, Findings, Pos};

/// What a file under `data/reports/` is taken for, by its name.
enum Kind {
    Table,
    Text,
    Workbook,
}

impl Loader<'_> {
    /// Every report table under `dir`, in a stable order, with a finding for each file that
    /// is not read.
    pub(super) fn report_tables(&self, dir: &Path, findings: &mut Findings) -> Vec<Table> {
        let mut tables = Vec::new();
        for path in entries(dir) {
            let file = self.paths.display(&path);
            match self.kind(&path, &file, findings) {
                Some(Kind::Workbook | Kind::Table) => {
                    tables.extend(self.read_tables(&path, findings))
                }
                Some(Kind::Text) => tables.extend(self.text_table(&path, findings)),
                None => {}
            }
        }
        tables
    }

    /// A `.txt` file is a table when its first line has tabs or commas; otherwise a note.
    fn text_table(&self, path: &Path, findings: &mut Findings) -> Option<Table> {
        let text = self.read_text(path, super::limits::FILE_BYTES, findings)?;
        let first = text
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        if !first.contains(['\t', ',']) {
            findings.info(
                &Pos { file: text.file, line: 0 },
                0,
                Code::NotATable,
                msg!(
                    "a text file without columns (separated by tabs or commas) is taken for a note and not read; a report saved as text (Excel's “Unicode text”) has its columns on the first line",
                    "没有分列（以制表符或逗号分隔）的文本文件视为说明文字，未读取；另存为文本（Excel 的“Unicode 文本”）的报表，第一行就是各列的表头"
                ),
            );
            return None;
        }
        Some(table::parse_csv(&text.file, &text.text, findings))
            .filter(|t| !findings.unread.contains_key(&t.file))
    }

    fn kind(&self, path: &Path, file: &str, findings: &mut Findings) -> Option<Kind> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let pos = Pos {
            file: file.to_string(),
            line: 0,
        };
        if name.starts_with("~$") {
            findings.info(
                &pos,
                0,
                Code::LockFile,
                msg!(
                    "the lock file Excel or WPS keeps while a workbook is open is not read; the workbook itself is",
                    "这是 Excel 或 WPS 打开工作簿时生成的临时文件，未读取；工作簿本身照常读取"
                ),
            );
            return None;
        }
        if name.starts_with('.') {
            findings.info(
                &pos,
                0,
                Code::HiddenFile,
                msg!(
                    "hidden files and folders are not read",
                    "隐藏的文件和文件夹不读取"
                ),
            );
            return None;
        }
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            if is_link && !self.opener.inside(path) {
                findings.error(
                    &pos,
                    0,
                    Code::OutsideProject,
                    msg!(
                        "a link to a folder outside the project is not read; expected the report files themselves inside data/reports/",
                        "这是指向项目以外文件夹的链接，未读取；应把报表文件本身放进 data/reports/"
                    ),
                );
            } else {
                findings.warning(
                    &pos,
                    0,
                    Code::LinkedFolder,
                    msg!(
                        "a link to a folder is not followed, so its files are not read; expected the folder itself (or its files) inside data/reports/",
                        "这是指向文件夹的链接，其中的文件未读取；应把文件夹本身（或其中的文件）放进 data/reports/"
                    ),
                );
            }
            return None;
        }
        match ext.as_str() {
            "csv" | "tsv" => Some(Kind::Table),
            "txt" => Some(Kind::Text),
            e if excel::EXTENSIONS.contains(&e) => Some(Kind::Workbook),
            "et" | "ett" | "xlsb" | "numbers" => {
                findings.error(
                    &pos,
                    0,
                    Code::SaveAsXlsx,
                    msg!(
                        "`.{ext}` workbooks are not read; expected the workbook saved as .xlsx (in WPS or Excel: 另存为 → Excel 工作簿 *.xlsx)",
                        "“.{ext}”格式的工作簿无法读取；请在 WPS 或 Excel 中另存为 .xlsx（另存为 → Excel 工作簿 *.xlsx）"
                    ),
                );
                None
            }
            _ => {
                findings.warning(
                    &pos,
                    0,
                    Code::NotAReport,
                    msg!(
                        "not read: reports are .csv, .txt (tab-separated) or Excel workbooks (.xlsx, .xls, .ods); expected report files only in data/reports/",
                        "未读取：报表应为 .csv、.txt（制表符分隔）或 Excel 工作簿（.xlsx、.xls、.ods）；data/reports/ 中只应放报表文件"
                    ),
                );
                None
            }
        }
    }
}

/// Everything under `dir` but folders, in a stable order; hidden folders are listed, not
/// entered. A missing folder has nothing.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut walk = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(Ok(e)) = walk.next() {
        let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
        if e.file_type().is_dir() {
            if hidden {
                walk.skip_current_dir();
                out.push(e.into_path());
            }
            continue;
        }
        out.push(e.into_path());
    }
    out
}

/// A report workbook none of whose sheets has the report columns is an error, not a notice:
/// its first sheet with rows is taken for the report, and its rows are set aside.
pub fn require_report_sheets(reports: &[Table], findings: &mut Findings) {
    let skipped = |t: &Table, f: &Findings| {
        f.list
            .iter()
            .any(|x| x.code == Code::SheetSkipped && x.file == t.file)
    };
    let mut books: Vec<&str> = reports
        .iter()
        .filter_map(|t| t.file.split_once('[').map(|(book, _)| book))
        .collect();
    books.dedup();
    for book in books {
        let sheets: Vec<&Table> = reports
            .iter()
            .filter(|t| t.file.split_once('[').is_some_and(|(b, _)| b == book))
            .collect();
        if !sheets.iter().all(|t| skipped(t, findings)) {
            continue;
        }
        let names: Vec<&str> = sheets
            .iter()
            .filter_map(|t| t.file.split_once('[').map(|(_, s)| s.trim_end_matches(']')))
            .collect();
        let (en, zh) = (names.join(", "), names.join("、"));
        let message = msg!(
            "none of the sheets ({en}) has the report columns period, unit and submitted_on (报告期, 单位代码, 报送日期), so nothing of this workbook is counted; expected a header row naming them, as in the forms of countyboard forms",
            "工作表（{zh}）都没有报表的“报告期”“单位代码”“报送日期”列，整个工作簿未计入；表头应写明这些列，与 countyboard forms 生成的报表一致"
        );
        findings.error(
            &Pos {
                file: book.to_string(),
                line: 0,
            },
            0,
            Code::NoReportSheet,
            message.clone(),
        );
        if let Some(sheet) = sheets.iter().find(|t| !t.rows.is_empty()) {
            for row in &sheet.rows {
                findings.count_row(&sheet.file);
                findings.reject(
                    &sheet.pos(row.line),
                    &row.raw,
                    Code::NoReportSheet,
                    message.clone(),
                );
            }
        }
    }
}
