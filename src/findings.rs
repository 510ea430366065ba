//! Findings about the input: one type for errors, warnings and notices, collected together
//! so that every problem is reported at once, plus the rows that were set aside.

mod code;

use std::fmt;

pub use crate::lang::{Lang, Msg};
pub use code::Code;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Not a fault, but listed: e.g. a filing superseded by a later one.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where in the input something stands. `line` and `column` are 1-based; 0 means "the whole".
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub file: String,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: Code,
    pub message: Msg,
    /// The row as written, when the finding is about one row (shown under the message).
    pub source: Option<String>,
    /// The code of the unit the row is about, when it names a known one.
    pub unit: Option<String>,
    /// Stands for the findings of its kind in its file beyond those listed.
    pub summary: bool,
    /// How many findings this one stands for: 1, or for a summary the number not listed.
    pub count: usize,
}

impl Finding {
    /// The file as the user names it: a workbook without its sheet.
    pub fn book(&self) -> &str {
        book_and_sheet(&self.file).0
    }

    /// The sheet of a workbook the finding is in.
    pub fn sheet(&self) -> Option<&str> {
        book_and_sheet(&self.file).1
    }

    /// Where it is: `file:line:column`, or for a workbook sheet the cell as Excel names it
    /// (`data/reports/13.xlsx[报表]!B7`).
    pub fn location(&self) -> String {
        let in_sheet = self.file.ends_with(']') && self.file.contains('[');
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (l, c) if in_sheet && c > 0 => {
                format!("{}!{}", self.file, crate::text::cell_ref(l, c - 1))
            }
            (l, _) if in_sheet => format!("{}!{l}:{l}", self.file),
            (l, 0) => format!("{}:{l}", self.file),
            (l, c) => format!("{}:{l}:{c}", self.file),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}: {}",
            self.severity.as_str(),
            self.code,
            self.location(),
            self.message.en
        )
    }
}

/// `data/reports/13.xlsx[报表]` as the workbook and its sheet; any other file as itself.
pub fn book_and_sheet(file: &str) -> (&str, Option<&str>) {
    match file.strip_suffix(']').and_then(|f| f.rsplit_once('[')) {
        Some((book, sheet)) if !book.is_empty() => (book, Some(sheet)),
        _ => (file, None),
    }
}

/// The findings about one input file (a workbook's sheets together), by severity: the counts
/// its rows of `quality.csv` add up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileTally {
    pub file: String,
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
}

/// An input row that is not counted, kept verbatim with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedRow {
    pub file: String,
    pub line: usize,
    pub code: Code,
    pub reason: Msg,
    pub row: String,
}

/// One problem with one cell of a row: (1-based column or 0, code, message).
pub type CellIssue = (usize, Code, Msg);

/// A finding just added, to say more about it: the unit it concerns, the row as written.
/// Nothing is kept when the finding was only counted (see `LISTED_PER_KIND`).
pub struct Added<'a>(Option<&'a mut Finding>);

impl Added<'_> {
    /// The unit (by code) the finding is about.
    pub fn about(mut self, unit: &str) -> Self {
        if let Some(f) = self.0.as_deref_mut() {
            f.unit = Some(unit.to_string());
        }
        self
    }

    /// The row as written, shown under the message.
    pub fn row(mut self, raw: &str) -> Self {
        if let Some(f) = self.0.as_deref_mut() {
            f.source = Some(raw.to_string());
        }
        self
    }
}

/// At most this many findings of one kind are listed for one file; the others are counted
/// and summed up in one finding. A file of 900,000 rows naming an unknown unit gives 100
/// messages and a count, not 900,000 messages (every row is still in `rejected.csv`).
pub const LISTED_PER_KIND: usize = 100;

#[derive(Default, Debug)]
pub struct Findings {
    pub list: Vec<Finding>,
    pub rejected: Vec<RejectedRow>,
    /// Data rows read from each file (or sheet), for the account of `data/inputs.csv`.
    pub read: std::collections::BTreeMap<String, usize>,
    /// Input files that could not be read at all (their rows are unknown), with the reason.
    pub unread: std::collections::BTreeMap<String, Msg>,
    /// Findings listed so far, by file and code.
    listed: std::collections::HashMap<String, std::collections::HashMap<Code, usize>>,
    /// Findings beyond `LISTED_PER_KIND`, by file and code: counted, not listed.
    pub unlisted: std::collections::BTreeMap<(String, Code), (Severity, usize)>,
    /// Rows of a returned form left blank (a county that did not report): read, and counted
    /// as not reported.
    pub unfiled: std::collections::BTreeMap<String, usize>,
}

impl Findings {
    /// Adds a finding; `false` when it is only counted (see `LISTED_PER_KIND`).
    pub fn push(
        &mut self,
        severity: Severity,
        pos: &Pos,
        column: usize,
        code: Code,
        message: Msg,
    ) -> bool {
        self.add(severity, pos, column, code, message).0.is_some()
    }

    /// Adds a finding, or only counts it beyond `LISTED_PER_KIND` of its kind in its file.
    fn add(
        &mut self,
        severity: Severity,
        pos: &Pos,
        column: usize,
        code: Code,
        message: Msg,
    ) -> Added<'_> {
        let listed = match self.listed.get_mut(pos.file.as_str()) {
            Some(codes) => codes.entry(code).or_default(),
            None => self
                .listed
                .entry(pos.file.clone())
                .or_default()
                .entry(code)
                .or_default(),
        };
        if *listed >= LISTED_PER_KIND {
            let n = self
                .unlisted
                .entry((pos.file.clone(), code))
                .or_insert((severity, 0));
            n.0 = n.0.min(severity);
            n.1 += 1;
            return Added(None);
        }
        *listed += 1;
        self.list.push(Finding {
            severity,
            file: pos.file.clone(),
            line: pos.line,
            column,
            code,
            message,
            source: None,
            unit: None,
            summary: false,
            count: 1,
        });
        Added(self.list.last_mut())
    }

    /// Findings of this code about this file, listed or not.
    pub fn count_of(&self, file: &str, code: Code) -> usize {
        let listed = self
            .listed
            .get(file)
            .and_then(|c| c.get(&code))
            .copied()
            .unwrap_or(0);
        listed
            + self
                .unlisted
                .get(&(file.to_string(), code))
                .map_or(0, |n| n.1)
    }

    pub fn error(&mut self, pos: &Pos, column: usize, code: Code, msg: Msg) -> Added<'_> {
        self.add(Severity::Error, pos, column, code, msg)
    }

    pub fn warning(&mut self, pos: &Pos, column: usize, code: Code, msg: Msg) -> Added<'_> {
        self.add(Severity::Warning, pos, column, code, msg)
    }

    /// A notice: not a fault, but listed.
    pub fn info(&mut self, pos: &Pos, column: usize, code: Code, msg: Msg) -> Added<'_> {
        self.add(Severity::Info, pos, column, code, msg)
    }

    /// Reports every issue of a row as an error and sets the row aside; `unit` is the code of
    /// the unit the row is about, when it names a known one. Returns true when the row is
    /// clean and may be used.
    pub fn settle_row(
        &mut self,
        pos: &Pos,
        raw: &str,
        issues: Vec<CellIssue>,
        unit: Option<&str>,
    ) -> bool {
        if issues.is_empty() {
            return true;
        }
        let reason = Msg::join(issues.iter().map(|(_, _, m)| m));
        let code = issues[0].1;
        for (column, code, message) in issues {
            let added = self.error(pos, column, code, message).row(raw);
            if let Some(unit) = unit {
                added.about(unit);
            }
        }
        self.reject(pos, raw, code, reason);
        false
    }

    /// Lists a row in `rejected.csv` without adding a finding (the caller adds it).
    pub fn reject(&mut self, pos: &Pos, raw: &str, code: Code, reason: Msg) {
        self.rejected.push(RejectedRow {
            file: pos.file.clone(),
            line: pos.line,
            code,
            reason,
            row: raw.to_string(),
        });
    }

    /// Adds another collection's findings and rejected rows after this one's.
    pub fn merge(&mut self, other: Findings) {
        for f in other.list.into_iter().filter(|f| !f.summary) {
            let pos = Pos {
                file: f.file,
                line: f.line,
            };
            if let Added(Some(last)) = self.add(f.severity, &pos, f.column, f.code, f.message) {
                last.source = f.source;
                last.unit = f.unit;
            }
        }
        for (key, (severity, n)) in other.unlisted {
            let mine = self.unlisted.entry(key).or_insert((severity, 0));
            mine.0 = mine.0.min(severity);
            mine.1 += n;
        }
        self.rejected.extend(other.rejected);
        for (file, n) in other.read {
            *self.read.entry(file).or_default() += n;
        }
        self.unread.extend(other.unread);
        for (file, n) in other.unfiled {
            *self.unfiled.entry(file).or_default() += n;
        }
    }

    /// Notes a file whose rows are unknown because it could not be read (a finding says why).
    pub fn not_read(&mut self, file: &str, reason: Msg) {
        self.unread.insert(file.to_string(), reason);
    }

    /// Counts a row of `file` left blank on a returned form: not reported.
    pub fn count_unfiled(&mut self, file: &str) {
        *self.unfiled.entry(file.to_string()).or_default() += 1;
    }

    /// Counts one data row read from `file`.
    pub fn count_row(&mut self, file: &str) {
        *self.read.entry(file.to_string()).or_default() += 1;
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.list
            .iter()
            .filter(|f| f.severity == severity && !f.summary)
            .count()
            + self
                .unlisted
                .values()
                .filter(|(s, _)| *s == severity)
                .map(|(_, n)| n)
                .sum::<usize>()
    }

    /// `1 error, 2 warnings` (and the notices when asked): the counts as a compiler gives
    /// them; in Chinese `1 个错误，2 个警告`.
    pub fn tally(&self, notices: bool, lang: Lang) -> String {
        let kinds: &[(Severity, &str, &str, &str)] = &[
            (Severity::Error, "error", "errors", "个错误"),
            (Severity::Warning, "warning", "warnings", "个警告"),
            (Severity::Info, "notice", "notices", "条提示"),
        ];
        kinds
            .iter()
            .filter(|(s, ..)| notices || *s != Severity::Info)
            .map(|(s, one, many, zh)| lang.count(self.count(*s), one, many, zh))
            .collect::<Vec<_>>()
            .join(lang.pick(", ", "，"))
    }

    /// The findings of each input file, in the order of the list (after `sort`, by file),
    /// counting what a summary row stands for.
    pub fn by_file(&self) -> Vec<FileTally> {
        let mut out: Vec<FileTally> = Vec::new();
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for f in &self.list {
            let i = *at.entry(f.book()).or_insert_with(|| {
                out.push(FileTally {
                    file: f.book().to_string(),
                    ..FileTally::default()
                });
                out.len() - 1
            });
            let t = &mut out[i];
            match f.severity {
                Severity::Error => t.errors += f.count,
                Severity::Warning => t.warnings += f.count,
                Severity::Info => t.notices += f.count,
            }
        }
        out
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|f| f.severity == Severity::Error)
    }

    /// Stable order for reports: by file, line, column, then severity. Each kind of finding
    /// not listed in full gets one finding saying how many more there are.
    pub fn sort(&mut self) {
        self.list.retain(|f| !f.summary);
        for ((file, code), (severity, n)) in &self.unlisted {
            self.list.push(Finding {
                severity: *severity,
                file: file.clone(),
                line: 0,
                column: 0,
                code: *code,
                message: msg!(
                    "and {n} more `{code}` findings in this file beyond the {LISTED_PER_KIND} listed (every row set aside is in data/rejected.csv)",
                    "本文件另有 {n} 条同类问题（{code}）未逐条列出（每类只列出前 {LISTED_PER_KIND} 条）；未计入的数据行都在 data/rejected.csv 中"
                ),
                source: None,
                unit: None,
                summary: true,
                count: *n,
            });
        }
        self.list.sort_by(|a, b| {
            (
                &a.file,
                a.line,
                a.column,
                a.severity,
                a.code.as_str(),
                &a.message,
            )
                .cmp(&(
                    &b.file,
                    b.line,
                    b.column,
                    b.severity,
                    b.code.as_str(),
                    &b.message,
                ))
        });
        self.rejected
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    }
}
