//! Findings about the input: one type for errors, warnings and notices, collected together
//! so that every problem is reported at once, plus the rows that were set aside.

use std::fmt;

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

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: &'static str,
    pub message: String,
    /// The row as written, when the finding is about one row (shown under the message).
    #[serde(skip)]
    pub source: Option<String>,
}

impl Finding {
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
            self.message
        )
    }
}

/// An input row that is not counted, kept verbatim with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedRow {
    pub file: String,
    pub line: usize,
    pub code: &'static str,
    pub reason: String,
    pub row: String,
}

/// One problem with one cell of a row: (1-based column or 0, code, message).
pub type CellIssue = (usize, &'static str, String);

#[derive(Default, Debug)]
pub struct Findings {
    pub list: Vec<Finding>,
    pub rejected: Vec<RejectedRow>,
    /// Data rows read from each file (or sheet), for the account of `data/inputs.csv`.
    pub read: std::collections::BTreeMap<String, usize>,
    /// Rows of a returned form left blank (a county that did not report): read, and counted
    /// as not reported.
    pub unfiled: std::collections::BTreeMap<String, usize>,
}

impl Findings {
    pub fn push(
        &mut self,
        severity: Severity,
        pos: &Pos,
        column: usize,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.list.push(Finding {
            severity,
            file: pos.file.clone(),
            line: pos.line,
            column,
            code,
            message: message.into(),
            source: None,
        });
    }

    pub fn error(&mut self, pos: &Pos, column: usize, code: &'static str, msg: impl Into<String>) {
        self.push(Severity::Error, pos, column, code, msg);
    }

    pub fn warning(
        &mut self,
        pos: &Pos,
        column: usize,
        code: &'static str,
        msg: impl Into<String>,
    ) {
        self.push(Severity::Warning, pos, column, code, msg);
    }

    /// Reports every issue of a row as an error and sets the row aside.
    /// Returns true when the row is clean and may be used.
    pub fn settle_row(&mut self, pos: &Pos, raw: &str, issues: Vec<CellIssue>) -> bool {
        if issues.is_empty() {
            return true;
        }
        let reason = issues
            .iter()
            .map(|(_, _, m)| m.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let code = issues[0].1;
        for (column, code, message) in issues {
            self.error(pos, column, code, message);
            if let Some(last) = self.list.last_mut() {
                last.source = Some(raw.to_string());
            }
        }
        self.reject(pos, raw, code, reason);
        false
    }

    /// Lists a row in `rejected.csv` without adding a finding (the caller adds it).
    pub fn reject(&mut self, pos: &Pos, raw: &str, code: &'static str, reason: impl Into<String>) {
        self.rejected.push(RejectedRow {
            file: pos.file.clone(),
            line: pos.line,
            code,
            reason: reason.into(),
            row: raw.to_string(),
        });
    }

    /// Adds another collection's findings and rejected rows after this one's.
    pub fn merge(&mut self, other: Findings) {
        self.list.extend(other.list);
        self.rejected.extend(other.rejected);
        for (file, n) in other.read {
            *self.read.entry(file).or_default() += n;
        }
        for (file, n) in other.unfiled {
            *self.unfiled.entry(file).or_default() += n;
        }
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
        self.list.iter().filter(|f| f.severity == severity).count()
    }

    /// `1 error, 2 warnings` (and the notices when asked): the counts as a compiler gives them.
    pub fn tally(&self, notices: bool) -> String {
        let kinds: &[(Severity, &str, &str)] = &[
            (Severity::Error, "error", "errors"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Info, "notice", "notices"),
        ];
        kinds
            .iter()
            .filter(|(s, ..)| notices || *s != Severity::Info)
            .map(|(s, one, many)| {
                let n = self.count(*s);
                format!("{n} {}", if n == 1 { one } else { many })
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|f| f.severity == Severity::Error)
    }

    /// Stable order for reports: by file, line, column, then severity.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
        });
        self.rejected
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    }
}
