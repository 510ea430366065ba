//! Load: files on disk to decoded tables and texts, each keeping its path for findings.

pub mod decode;
pub mod excel;
pub mod front_matter;
pub mod table;

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::findings::{Findings, Pos};
use crate::project::{CAMPAIGN_FILE, Paths};
pub use table::Table;

/// A text file of the project, decoded.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub file: String,
    pub text: String,
}

/// Everything read from a project, before validation.
#[derive(Debug, Default)]
pub struct Inputs {
    pub campaign: Option<String>,
    pub units: Option<Table>,
    pub indicators: Option<Table>,
    pub pairings: Option<Table>,
    pub visits: Option<Table>,
    pub problems: Option<Table>,
    /// `data/holidays.csv`: the 休/班 days; the built-in schedule when absent.
    pub holidays: Option<Table>,
    pub reports: Vec<Table>,
    pub practices: Vec<TextFile>,
    pub bulletins: Vec<TextFile>,
    /// `templates/*.html` of the project, laid over the built-in defaults.
    pub templates: Vec<TextFile>,
    /// `content/guide.md`: the user guide (使用说明); the built-in one when absent.
    pub guide: Option<TextFile>,
}

pub fn load(paths: &Paths, findings: &mut Findings) -> Inputs {
    let data = paths.data();
    let csv = |name: &str, findings: &mut Findings| read_single(paths, &data, name, findings);
    let campaign = read_text(paths, &paths.root.join(CAMPAIGN_FILE), findings);
    Inputs {
        campaign: campaign.map(|f| f.text),
        units: csv("units", findings),
        indicators: csv("indicators", findings),
        pairings: csv("pairings", findings),
        visits: csv("visits", findings),
        problems: csv("problems", findings),
        holidays: csv("holidays", findings),
        reports: report_files(&data.join("reports"))
            .iter()
            .flat_map(|p| read_tables(paths, p, findings))
            .collect(),
        practices: markdown_files(paths, "practices", findings),
        bulletins: markdown_files(paths, "bulletins", findings),
        guide: read_text(paths, &paths.content().join("guide.md"), findings),
        templates: files_with_extension(&paths.root.join("templates"), "html")
            .iter()
            .filter_map(|p| read_text(paths, p, findings))
            .collect(),
    }
}

/// Reads many files at once (thousands of write-ups), keeping their order and findings.
fn markdown_files(paths: &Paths, folder: &str, findings: &mut Findings) -> Vec<TextFile> {
    use rayon::prelude::*;
    let read: Vec<(Option<TextFile>, Findings)> =
        files_with_extension(&paths.content().join(folder), "md")
            .par_iter()
            .map(|p| {
                let mut own = Findings::default();
                (read_text(paths, p, &mut own), own)
            })
            .collect();
    let mut files = Vec::with_capacity(read.len());
    for (file, own) in read {
        findings.merge(own);
        files.extend(file);
    }
    files
}

/// Files under `dir` with the extension, in a stable order; a missing folder has none.
fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
        })
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

/// `data/<stem>.csv`, or the same as a workbook (its first sheet); two of them is a finding.
fn read_single(paths: &Paths, data: &Path, stem: &str, findings: &mut Findings) -> Option<Table> {
    let candidates: Vec<PathBuf> = std::iter::once("csv")
        .chain(excel::EXTENSIONS)
        .map(|e| data.join(format!("{stem}.{e}")))
        .filter(|p| p.is_file())
        .collect();
    if candidates.len() > 1 {
        let names: Vec<String> = candidates.iter().map(|p| paths.display(p)).collect();
        findings.error(
            &Pos {
                file: names[1].clone(),
                line: 0,
            },
            0,
            "duplicate-file",
            format!(
                "{} all hold {stem}; expected one file (the first is used)",
                names.join(" and ")
            ),
        );
    }
    let mut tables = read_tables(paths, candidates.first()?, findings).into_iter();
    let first = tables.next();
    for other in tables.filter(|t| !t.rows.is_empty()) {
        findings.warning(
            &other.pos(0),
            0,
            "sheet-ignored",
            format!(
                "only the first sheet of a {stem} workbook is read; this sheet's {} rows are not",
                other.rows.len()
            ),
        );
    }
    first
}

/// Report files: CSV files and workbooks under `data/reports/`, in a stable order.
fn report_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::iter::once("csv")
        .chain(excel::EXTENSIONS)
        .flat_map(|e| files_with_extension(dir, e))
        .collect();
    files.sort();
    files
}

/// A CSV file's table, or a workbook's tables (one per sheet).
fn read_tables(paths: &Paths, path: &Path, findings: &mut Findings) -> Vec<Table> {
    let file = paths.display(path);
    if excel::is_workbook(&file) {
        return match fs::read(path) {
            Ok(bytes) => excel::read(&file, &bytes, findings),
            Err(e) => {
                findings.error(
                    &Pos { file, line: 0 },
                    0,
                    "unreadable",
                    format!("cannot read the file: {e}"),
                );
                Vec::new()
            }
        };
    }
    read_text(paths, path, findings)
        .map(|f| table::parse_csv(&f.file, &f.text, findings))
        .into_iter()
        .collect()
}

/// Reads and decodes a file; a missing file is `None` without a finding (callers decide).
fn read_text(paths: &Paths, path: &Path, findings: &mut Findings) -> Option<TextFile> {
    let file = paths.display(path);
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            findings.error(
                &Pos { file, line: 0 },
                0,
                "unreadable",
                format!("cannot read the file: {e}"),
            );
            return None;
        }
    };
    match decode::decode(&bytes) {
        Ok(text) => Some(TextFile { file, text }),
        Err(e) => {
            let line = bytes[..e.offset.min(bytes.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            findings.error(&Pos { file, line }, 0, "encoding", e.message);
            None
        }
    }
}
