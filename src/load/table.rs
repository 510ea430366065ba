//! CSV text to a table of trimmed cells, each row keeping its line and its verbatim text.

use crate::findings::{Findings, Pos};

#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line where the record starts (quoted fields may span lines).
    pub line: usize,
    pub cells: Vec<String>,
    /// The row exactly as written, for `rejected.csv`.
    pub raw: String,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub header_line: usize,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    pub fn pos(&self, line: usize) -> Pos {
        Pos {
            file: self.file.clone(),
            line,
        }
    }
}

/// Parses CSV text. Rows with no content are skipped; rows with the wrong number of
/// fields are findings (ragged rows) and set aside.
pub fn parse_csv(file: &str, text: &str, findings: &mut Findings) -> Table {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut table = Table {
        file: file.to_string(),
        header_line: 0,
        headers: Vec::new(),
        rows: Vec::new(),
    };
    let mut record = csv::StringRecord::new();
    let mut line_cursor = LineCursor { byte: 0, line: 1 };
    loop {
        let start = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let byte = e.position().map_or(start.byte(), |p| p.byte()) as usize;
                line_cursor.advance_to(text, byte.min(text.len()));
                let line = line_cursor.line;
                findings.error(
                    &table.pos(line),
                    0,
                    "bad-csv",
                    format!("unreadable CSV: {e}"),
                );
                break;
            }
        }
        // The reader's positions may point at the previous line's terminator: step past it
        // and count lines ourselves.
        let mut begin =
            (record.position().map_or(start.byte(), |p| p.byte()) as usize).min(text.len());
        while matches!(text.as_bytes().get(begin), Some(b'\r' | b'\n')) {
            begin += 1;
        }
        line_cursor.advance_to(text, begin);
        let line = line_cursor.line;
        let end = (reader.position().byte() as usize).clamp(begin, text.len());
        let raw = text
            .get(begin..end)
            .unwrap_or("")
            .trim_end_matches(['\r', '\n'])
            .to_string();
        if record.iter().all(str::is_empty) {
            continue;
        }
        if table.headers.is_empty() {
            table.header_line = line;
            table.headers = record.iter().map(clean_header).collect();
            continue;
        }
        let width = table.headers.len();
        findings.count_row(file);
        let extra_is_blank = record.iter().skip(width).all(str::is_empty);
        if record.len() < width || !extra_is_blank {
            let pos = table.pos(line);
            let column = width.min(record.len()) + 1;
            let message = format!(
                "ragged row: {} fields where the header has {width}; expected one field per column (quote cells that hold commas)",
                record.len()
            );
            findings.error(&pos, column, "ragged-row", message.clone());
            findings.reject(&pos, &raw, "ragged-row", message);
            continue;
        }
        table.rows.push(Row {
            line,
            cells: record.iter().take(width).map(str::to_string).collect(),
            raw,
        });
    }
    table
}

/// Counts lines up to a byte offset, moving forward only.
struct LineCursor {
    byte: usize,
    line: usize,
}

impl LineCursor {
    fn advance_to(&mut self, text: &str, byte: usize) {
        if byte > self.byte {
            self.line += text.as_bytes()[self.byte..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.byte = byte;
        }
    }
}

fn clean_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}').trim().to_string()
}

/// A column a file may hold: its code and the Chinese headers accepted for it.
pub struct ColumnSpec {
    pub key: &'static str,
    pub names: &'static [&'static str],
}

/// Where each known column sits in a table, and which headers matched nothing.
#[derive(Debug, Default)]
pub struct Columns {
    found: Vec<(&'static str, usize)>,
    pub unknown: Vec<usize>,
    /// Why every row is set aside when the file lacks a required column (reported once for
    /// the file; the rows are still read for their other findings).
    pub lacking: Option<String>,
}

impl Columns {
    pub fn index(&self, key: &str) -> Option<usize> {
        self.found.iter().find(|(k, _)| *k == key).map(|(_, i)| *i)
    }
}

/// A header with its unit in brackets is the same column: `宣讲场次（次）` is `宣讲场次`.
pub fn header_base(h: &str) -> &str {
    let h = h.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if h.ends_with(close)
            && let Some(at) = h.rfind(open)
            && at > 0
        {
            return h[..at].trim();
        }
    }
    h
}

pub fn header_matches(header: &str, name: &str) -> bool {
    header.eq_ignore_ascii_case(name) || header_base(header).eq_ignore_ascii_case(name)
}

/// A header as it is compared for a near miss: lower case, without anything in brackets, the
/// brackets themselves, spaces and separators (`宣传宣讲场次【次】` → `宣传宣讲场次次`).
fn header_core(h: &str) -> Vec<char> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for c in h.chars().flat_map(char::to_lowercase) {
        match c {
            '(' | '（' | '[' | '【' | '〔' | '［' | '<' | '《' | '〈' | '{' | '｛' => {
                depth += 1
            }
            ')' | '）' | ']' | '】' | '〕' | '］' | '>' | '》' | '〉' | '}' | '｝' => {
                depth = depth.saturating_sub(1)
            }
            _ if depth > 0 => {}
            c if c.is_whitespace() || "_-/／:：·、,，.。".contains(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Levenshtein distance over characters (a Chinese character is one slip, as a letter is).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// A name a header may have been meant to be: `(name, measure)`, the measure being the unit a
/// header may carry after the name (`次`, `万元`, or empty).
pub struct Candidate<'a> {
    pub name: &'a str,
    pub measure: &'a str,
}

/// The candidate an unknown header was most likely meant to be: equal once brackets, units,
/// spaces and separators are set aside (`宣传宣讲场次 次`), or a slip or two away
/// (`宣传宣讲厂次（次）`: one character). Short names must match exactly: `名字` is not `名称`.
pub fn near_miss<'a>(header: &str, candidates: &[Candidate<'a>]) -> Option<&'a str> {
    let h = header_core(header);
    if h.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let name = header_core(c.name);
        let measure = header_core(c.measure);
        let without_measure = h
            .strip_suffix(measure.as_slice())
            .filter(|_| !measure.is_empty());
        let distance = [Some(h.as_slice()), without_measure]
            .into_iter()
            .flatten()
            .map(|form| edit_distance(form, &name))
            .min()
            .unwrap_or(usize::MAX);
        let shorter = h.len().min(name.len());
        let allowed = match shorter {
            0..=2 => 0,
            3..=7 => 1,
            _ => 2,
        };
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, c.name));
        }
    }
    best.map(|(_, name)| name)
}

/// Maps headers to known columns; a column given twice is a finding.
pub fn map_columns(table: &Table, specs: &[ColumnSpec], findings: &mut Findings) -> Columns {
    let mut columns = Columns::default();
    let pos = table.pos(table.header_line);
    for (i, header) in table.headers.iter().enumerate() {
        let spec = specs.iter().find(|s| {
            header_matches(header, s.key) || s.names.iter().any(|n| header_matches(header, n))
        });
        match spec {
            Some(spec) => {
                if let Some(first) = columns.index(spec.key) {
                    findings.error(
                        &pos,
                        i + 1,
                        "duplicate-column",
                        format!(
                            "column `{header}` repeats column {} (`{}`); expected each column once",
                            first + 1,
                            table.headers[first]
                        ),
                    );
                } else {
                    columns.found.push((spec.key, i));
                }
            }
            None => columns.unknown.push(i),
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_lines_and_raw_text_and_skips_empty_rows() {
        let mut f = Findings::default();
        let text = "a,b\r\n1,2\r\n\r\n,\r\n\"x\ny\",3\r\n4,5\r\n";
        let t = parse_csv("t.csv", text, &mut f);
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[1].cells, ["x\ny", "3"]);
        assert_eq!(t.rows[1].line, 5);
        assert_eq!(t.rows[2].line, 7);
        assert_eq!(t.rows[2].raw, "4,5");
        assert!(f.list.is_empty());
    }

    #[test]
    fn ragged_rows_are_findings() {
        let mut f = Findings::default();
        let t = parse_csv("t.csv", "a,b\n1\n1,2,3\n1,2,\n", &mut f);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(f.list.len(), 2);
        assert_eq!(f.rejected.len(), 2);
        assert_eq!((f.list[0].line, f.list[1].line), (2, 3));
    }

    #[test]
    fn headers_match_codes_names_and_bracketed_units() {
        assert!(header_matches("宣讲场次（次）", "宣讲场次"));
        assert!(header_matches("Period", "period"));
        assert!(!header_matches("宣讲", "宣讲场次"));
    }

    #[test]
    fn near_misses_are_suggested_and_strangers_are_not() {
        let candidates = [
            Candidate {
                name: "宣传宣讲场次",
                measure: "次",
            },
            Candidate {
                name: "lectures",
                measure: "次",
            },
            Candidate {
                name: "新发展会员",
                measure: "人",
            },
            Candidate {
                name: "名称",
                measure: "",
            },
            Candidate {
                name: "submitted_on",
                measure: "",
            },
        ];
        let near = |h: &str| near_miss(h, &candidates);
        assert_eq!(near("宣传宣讲厂次（次）"), Some("宣传宣讲场次"));
        assert_eq!(near("宣传宣讲场次【次】"), Some("宣传宣讲场次"));
        assert_eq!(near("宣传宣讲场次 次"), Some("宣传宣讲场次"));
        assert_eq!(near("宣传 宣讲场次"), Some("宣传宣讲场次"));
        assert_eq!(near("Lecture"), Some("lectures"));
        assert_eq!(near("submited on"), Some("submitted_on"));
        assert_eq!(near("新发展会员数（人）"), Some("新发展会员"));
        assert_eq!(near("名字"), None);
        assert_eq!(near("备注"), None);
        assert_eq!(near("联系人电话"), None);
        assert_eq!(near(""), None);
    }
}
