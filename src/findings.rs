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
    /// Stands for the findings of its kind in its file beyond those listed.
    #[serde(skip)]
    pub summary: bool,
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
    pub unread: std::collections::BTreeMap<String, String>,
    /// Findings listed so far, by file and code.
    listed: std::collections::HashMap<String, std::collections::HashMap<&'static str, usize>>,
    /// Findings beyond `LISTED_PER_KIND`, by file and code: counted, not listed.
    pub unlisted: std::collections::BTreeMap<(String, &'static str), (Severity, usize)>,
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
        code: &'static str,
        message: impl Into<String>,
    ) -> bool {
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
            return false;
        }
        *listed += 1;
        self.list.push(Finding {
            severity,
            file: pos.file.clone(),
            line: pos.line,
            column,
            code,
            message: message.into(),
            source: None,
            summary: false,
        });
        true
    }

    /// Findings of this code about this file, listed or not.
    pub fn count_of(&self, file: &str, code: &'static str) -> usize {
        let listed = self
            .listed
            .get(file)
            .and_then(|c| c.get(code))
            .copied()
            .unwrap_or(0);
        listed
            + self
                .unlisted
                .get(&(file.to_string(), code))
                .map_or(0, |n| n.1)
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
            if self.push(Severity::Error, pos, column, code, message)
                && let Some(last) = self.list.last_mut()
            {
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
        for f in other.list.into_iter().filter(|f| !f.summary) {
            let pos = Pos {
                file: f.file,
                line: f.line,
            };
            if self.push(f.severity, &pos, f.column, f.code, f.message)
                && let Some(last) = self.list.last_mut()
            {
                last.source = f.source;
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
    pub fn not_read(&mut self, file: &str, reason: impl Into<String>) {
        self.unread.insert(file.to_string(), reason.into());
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
                code,
                message: format!(
                    "and {n} more `{code}` findings in this file beyond the {LISTED_PER_KIND} listed (every row set aside is in data/rejected.csv)"
                ),
                source: None,
                summary: true,
            });
        }
        self.list.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
        });
        self.rejected
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    }
}
