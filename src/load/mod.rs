//! Load: files on disk to decoded tables and texts, each keeping its path for findings.

pub mod decode;
pub mod excel;
pub mod front_matter;
pub mod limits;
pub mod nesting;
pub mod open;
mod reports;
pub mod table;
mod workbook_guard;

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::findings::{Code, Findings, Pos};
use crate::project::{CAMPAIGN_FILE, Paths};
use open::{Opener, Refused};
pub use reports::require_report_sheets;
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
    let loader = Loader {
        paths,
        opener: Opener::new(&paths.root),
    };
    let data = paths.data();
    let campaign = loader.read_text(
        &paths.root.join(CAMPAIGN_FILE),
        limits::SETTINGS_BYTES,
        findings,
    );
    let single = |stem: &str, findings: &mut Findings| loader.read_single(&data, stem, findings);
    Inputs {
        campaign: campaign.map(|f| f.text),
        units: single("units", findings),
        indicators: single("indicators", findings),
        pairings: single("pairings", findings),
        visits: single("visits", findings),
        problems: single("problems", findings),
        holidays: single("holidays", findings),
        reports: loader.report_tables(&data.join("reports"), findings),
        practices: loader.markdown_files("practices", findings),
        bulletins: loader.markdown_files("bulletins", findings),
        guide: loader.read_markdown(&paths.content().join("guide.md"), findings),
        templates: files_with_extension(&paths.root.join("templates"), "html")
            .iter()
            .filter_map(|p| loader.read_text(p, limits::SETTINGS_BYTES, findings))
            .collect(),
    }
}

/// Reads the files of one project.
pub struct Loader<'a> {
    paths: &'a Paths,
    opener: Opener,
}

impl Loader<'_> {
    /// Reads many files at once (thousands of write-ups), keeping their order and findings.
    fn markdown_files(&self, folder: &str, findings: &mut Findings) -> Vec<TextFile> {
        use rayon::prelude::*;
        let paths: Vec<PathBuf> = files_with_extension(&self.paths.content().join(folder), "md")
            .into_iter()
            .filter(|p| match self.opener.count(p) {
                Ok(()) => true,
                Err(refused) => {
                    self.refuse(p, refused, findings);
                    false
                }
            })
            .collect();
        let read: Vec<(Option<TextFile>, Findings)> = paths
            .par_iter()
            .map(|p| {
                let mut own = Findings::default();
                (self.read_markdown_counted(p, &mut own), own)
            })
            .collect();
        let mut files = Vec::with_capacity(read.len());
        for (file, own) in read {
            findings.merge(own);
            files.extend(file);
        }
        files
    }

    /// A Markdown file within the limits of size and nesting.
    fn read_markdown(&self, path: &Path, findings: &mut Findings) -> Option<TextFile> {
        self.opener
            .count(path)
            .map_err(|r| self.refuse(path, r, findings))
            .ok()?;
        self.read_markdown_counted(path, findings)
    }

    /// `read_markdown` of a file already counted against the total.
    fn read_markdown_counted(&self, path: &Path, findings: &mut Findings) -> Option<TextFile> {
        let bytes = match self
            .opener
            .read_counted(path, limits::MARKDOWN_BYTES, false)
        {
            Ok(bytes) => bytes,
            Err(refused) => {
                self.refuse(path, refused, findings);
                return None;
            }
        };
        let file = self.decode(path, &bytes, findings)?;
        match nesting::check_markdown(&file.text) {
            Ok(()) => Some(file),
            Err((line, message)) => {
                let pos = Pos {
                    file: file.file.clone(),
                    line,
                };
                findings.error(&pos, 0, Code::TooDeep, message.clone());
                findings.not_read(&file.file, message);
                None
            }
        }
    }

    /// `data/<stem>.csv`, or the same as a workbook (its first sheet); two of them is a finding.
    fn read_single(&self, data: &Path, stem: &str, findings: &mut Findings) -> Option<Table> {
        let candidates: Vec<PathBuf> = std::iter::once("csv")
            .chain(excel::EXTENSIONS)
            .map(|e| data.join(format!("{stem}.{e}")))
            .filter(|p| fs::symlink_metadata(p).is_ok())
            .collect();
        if candidates.len() > 1 {
            let names: Vec<String> = candidates.iter().map(|p| self.paths.display(p)).collect();
            let (en, zh, first) = (names.join(" and "), names.join("、"), &names[0]);
            findings.error(
                &Pos {
                    file: names[1].clone(),
                    line: 0,
                },
                0,
                Code::DuplicateFile,
                msg!(
                    "{en} all hold {stem}; expected one file (the first is used)",
                    "{zh} 是同一份数据；应只保留一个文件（现只读取了 {first}）"
                ),
            );
        }
        let mut tables = self.read_tables(candidates.first()?, findings).into_iter();
        let first = tables.next();
        for other in tables.filter(|t| !t.rows.is_empty()) {
            let n = other.rows.len();
            findings.warning(
                &other.pos(0),
                0,
                Code::SheetIgnored,
                msg!(
                    "only the first sheet of a {stem} workbook is read; this sheet's {n} rows are not",
                    "{stem} 工作簿只读取第一个工作表；这个工作表的 {n} 行未读取"
                ),
            );
        }
        first
    }

    /// A CSV or tab-separated file's table, or a workbook's tables (one per sheet).
    fn read_tables(&self, path: &Path, findings: &mut Findings) -> Vec<Table> {
        let file = self.paths.display(path);
        if excel::is_workbook(&file) {
            return match self.read_bytes(path, limits::FILE_BYTES, findings) {
                Some(bytes) => excel::read(&file, &bytes, findings),
                None => Vec::new(),
            };
        }
        self.read_text(path, limits::FILE_BYTES, findings)
            .map(|f| table::parse_csv(&f.file, &f.text, findings))
            .filter(|t| !findings.unread.contains_key(&t.file))
            .into_iter()
            .collect()
    }

    /// The bytes of a file; `None` with a finding when it is refused (`None` alone when it is
    /// absent: callers decide).
    fn read_bytes(&self, path: &Path, limit: u64, findings: &mut Findings) -> Option<Vec<u8>> {
        match self.opener.read(path, limit) {
            Ok(bytes) => Some(bytes),
            Err(refused) => {
                self.refuse(path, refused, findings);
                None
            }
        }
    }

    /// A finding for a file that is not read (none when it is simply absent).
    fn refuse(&self, path: &Path, refused: Refused, findings: &mut Findings) {
        if let Refused::Problem { code, message } = refused {
            let file = self.paths.display(path);
            let pos = Pos {
                file: file.clone(),
                line: 0,
            };
            findings.error(&pos, 0, code, message.clone());
            findings.not_read(&file, message);
        }
    }

    /// Reads and decodes a file; a missing file is `None` without a finding (callers decide).
    /// Line ends are LF, CRLF, or a lone CR (old Mac files), which is read as LF.
    fn read_text(&self, path: &Path, limit: u64, findings: &mut Findings) -> Option<TextFile> {
        let bytes = self.read_bytes(path, limit, findings)?;
        self.decode(path, &bytes, findings)
    }

    fn decode(&self, path: &Path, bytes: &[u8], findings: &mut Findings) -> Option<TextFile> {
        let file = self.paths.display(path);
        match decode::decode(bytes) {
            Ok(text) => Some(TextFile {
                file,
                text: lone_carriage_returns_as_newlines(text),
            }),
            Err(e) => {
                let line = bytes[..e.offset.min(bytes.len())]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count()
                    + 1;
                findings.error(
                    &Pos {
                        file: file.clone(),
                        line,
                    },
                    0,
                    Code::Encoding,
                    e.message.clone(),
                );
                findings.not_read(&file, e.message);
                None
            }
        }
    }
}

fn lone_carriage_returns_as_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Files under `dir` with the extension, in a stable order; a missing folder has none.
/// Links are listed too (reading them checks where they lead); hidden files are not.
fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
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
