//! CSV text to a table of trimmed cells, each row keeping its line and its verbatim text.

use super::limits;
use crate::findings::{Code, Findings, Msg, Pos};

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

/// Parses CSV text: comma-separated, or tab-separated as Excel's “Unicode text” and
/// “Text (tab delimited)” are (told by the header line). Rows with no content are skipped;
/// rows with the wrong number of fields are findings (ragged rows) and set aside; a quote that
/// is never closed sets aside its line only, and reading goes on at the next.
pub fn parse_csv(file: &str, text: &str, findings: &mut Findings) -> Table {
    let separator = separator_of(text);
    let mut table = Table {
        file: file.to_string(),
        header_line: 0,
        headers: Vec::new(),
        rows: Vec::new(),
    };
    let mut lines = LineCursor { byte: 0, line: 1 };
    let mut from = 0;
    while from < text.len() {
        from = match read_from(&mut table, text, from, separator, &mut lines, findings) {
            Some(next) => next,
            None => break,
        };
    }
    table
}

/// Reads records from byte `from` to the end; returns where to go on after an unclosed
/// quote, or `None` when the text is read.
fn read_from(
    table: &mut Table,
    text: &str,
    from: usize,
    separator: u8,
    lines: &mut LineCursor,
    findings: &mut Findings,
) -> Option<usize> {
    let file = table.file.clone();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .trim(csv::Trim::All)
        .from_reader(&text.as_bytes()[from..]);
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let byte = from + e.position().map_or(start.byte(), |p| p.byte()) as usize;
                lines.advance_to(text, byte.min(text.len()));
                let pos = table.pos(lines.line);
                findings.error(
                    &pos,
                    0,
                    Code::BadCsv,
                    msg!("unreadable CSV: {e}", "CSV 文件无法读取：{e}"),
                );
                return None;
            }
        }
        // The reader's positions may point at the previous line's terminator: step past it
        // and count lines ourselves.
        let mut begin =
            (from + record.position().map_or(start.byte(), |p| p.byte()) as usize).min(text.len());
        while matches!(text.as_bytes().get(begin), Some(b'\r' | b'\n')) {
            begin += 1;
        }
        lines.advance_to(text, begin);
        let line = lines.line;
        let end = (from + reader.position().byte() as usize).clamp(begin, text.len());
        if end == text.len()
            && let Some((quote, column)) = open_quote(&text[begin..end], separator)
        {
            return unclosed_quote(table, text, begin, begin + quote, column, lines, findings);
        }
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
            if record.len() > limits::COLUMNS {
                let (n, most) = (record.len(), limits::COLUMNS);
                let message = msg!(
                    "the header has {n} columns; tables of more than {most} columns are not read; expected one column per field of the file",
                    "表头有 {n} 列，超过 {most} 列的表格不读取；应每项内容一列"
                );
                findings.error(
                    &table.pos(line),
                    limits::COLUMNS + 1,
                    Code::OverLimit,
                    message.clone(),
                );
                findings.not_read(&file, message);
                return None;
            }
            table.headers = record.iter().map(clean_header).collect();
            continue;
        }
        let width = table.headers.len();
        findings.count_row(&file);
        let pos = table.pos(line);
        let extra_is_blank = record.iter().skip(width).all(str::is_empty);
        if record.len() < width || !extra_is_blank {
            let column = width.min(record.len()) + 1;
            let (sep, sep_zh) = if separator == b'\t' {
                ("tab", "制表符")
            } else {
                ("comma", "逗号")
            };
            let n = record.len();
            let message = msg!(
                "ragged row: {n} fields where the header has {width}; expected one field per column (quote cells that hold a {sep})",
                "这一行有 {n} 栏，表头有 {width} 栏；应每列一栏（单元格中有{sep_zh}时要用引号括起来）"
            );
            findings
                .error(&pos, column, Code::RaggedRow, message.clone())
                .row(&raw);
            findings.reject(&pos, &raw, Code::RaggedRow, message);
            continue;
        }
        if let Some(long) = record.iter().position(|c| c.len() > limits::CELL_CHARS)
            && let Some(cell) = record.get(long)
            && cell.chars().count() > limits::CELL_CHARS
        {
            let (n, most) = (cell.chars().count(), limits::CELL_CHARS);
            let message = msg!(
                "the cell has {n} characters; cells of more than {most} characters are not read; expected a shorter text",
                "单元格有 {n} 个字符，超过 {most} 个字符的单元格不读取；应写得短一些"
            );
            findings.error(&pos, long + 1, Code::OverLimit, message.clone());
            findings.reject(&pos, &raw, Code::OverLimit, message);
            continue;
        }
        table.rows.push(Row {
            line,
            cells: record.iter().take(width).map(cell_text).collect(),
            raw,
        });
    }
}

/// A quote opened at byte `quote` and never closed: the lines from the record's start to
/// the quote's line are set aside, and reading goes on after them.
fn unclosed_quote(
    table: &mut Table,
    text: &str,
    begin: usize,
    quote: usize,
    column: usize,
    lines: &mut LineCursor,
    findings: &mut Findings,
) -> Option<usize> {
    let record_line = lines.line;
    let mut quote_lines = LineCursor {
        byte: lines.byte,
        line: lines.line,
    };
    quote_lines.advance_to(text, quote);
    let line_end = text[quote..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| quote + i);
    let resume = if text[line_end..].starts_with("\r\n") {
        line_end + 2
    } else {
        (line_end + 1).min(text.len())
    };
    let last_line = record_line
        + text[begin..]
            .trim_end_matches(['\r', '\n'])
            .matches('\n')
            .count();
    let pos = table.pos(quote_lines.line);
    let first_line = quote_lines.line;
    let message = msg!(
        "a quote opens in this cell and is never closed, so lines {first_line}–{last_line} would read as one cell; expected a closing `\"` (or no quote); this line is set aside and the lines after it are read",
        "这个单元格的引号没有闭合，第 {first_line}—{last_line} 行会被读成一个单元格；应补上右引号（或去掉引号）。这一行未计入，其后的行照常读取"
    );
    let line_text = &text[text[..quote].rfind(['\n', '\r']).map_or(0, |i| i + 1)..line_end];
    findings
        .error(&pos, column, Code::UnclosedQuote, message.clone())
        .row(line_text);
    if table.headers.is_empty() {
        findings.not_read(&table.file, message);
        return None;
    }
    findings.count_row(&table.file);
    let raw = text[begin..line_end].to_string();
    findings.reject(&table.pos(record_line), &raw, Code::UnclosedQuote, message);
    Some(resume)
}

/// Where a quote opens that is never closed in one record's text: its byte and the 1-based
/// field it opens.
fn open_quote(record: &str, separator: u8) -> Option<(usize, usize)> {
    let bytes = record.as_bytes();
    let (mut field, mut field_start, mut quoted, mut opened) = (1, true, false, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                quoted = false;
            }
        } else if b == b'"' && field_start {
            quoted = true;
            opened = i;
        } else if b == separator {
            field += 1;
            field_start = true;
            i += 1;
            continue;
        } else if b == b' ' && field_start {
            i += 1;
            continue;
        }
        field_start = false;
        i += 1;
    }
    quoted.then_some((opened, field))
}

/// Tab-separated when the first line with content has tabs and no more commas than tabs.
fn separator_of(text: &str) -> u8 {
    let first = text
        .split(['\n', '\r'])
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let tabs = first.matches('\t').count();
    if tabs > 0 && first.matches(',').count() <= tabs {
        b'\t'
    } else {
        b','
    }
}

/// Counts lines up to a byte offset, moving forward only. A line ends at LF, CRLF or a lone
/// CR (old Mac files), as the CSV reader ends records.
struct LineCursor {
    byte: usize,
    line: usize,
}

impl LineCursor {
    fn advance_to(&mut self, text: &str, byte: usize) {
        if byte > self.byte {
            let bytes = text.as_bytes();
            self.line += bytes[self.byte..byte]
                .iter()
                .enumerate()
                .filter(|(i, b)| {
                    **b == b'\n' || (**b == b'\r' && bytes.get(self.byte + i + 1) != Some(&b'\n'))
                })
                .count();
            self.byte = byte;
        }
    }
}

/// How a cell that a spreadsheet runs as a formula starts: the ASCII signs, and their
/// full-width forms, which spreadsheets and input methods may turn into the ASCII ones.
pub const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

fn clean_header(h: &str) -> String {
    cell_text(h.trim_start_matches('\u{feff}').trim())
}

/// A cell as written; the apostrophe that countyboard's exports and forms put before a
/// formula-like cell (`'=…`, so no spreadsheet runs it) is not part of it.
fn cell_text(c: &str) -> String {
    c.strip_prefix('\'')
        .filter(|rest| rest.starts_with(FORMULA_STARTS))
        .unwrap_or(c)
        .to_string()
}

/// A column a file may hold: its code and the Chinese headers accepted for it.
pub struct ColumnSpec {
    pub key: &'static str,
    pub names: &'static [&'static str],
}

/// Where each known column sits in a table, and which headers matched nothing.
#[derive(Debug, Default)]
pub struct Columns {
    /// Each known column: its key, where it sits, and its Chinese names.
    found: Vec<(&'static str, usize, &'static [&'static str])>,
    pub unknown: Vec<usize>,
    /// Why every row is set aside when the file lacks a required column (reported once for
    /// the file; the rows are still read for their other findings).
    pub lacking: Option<Msg>,
}

impl Columns {
    pub fn index(&self, key: &str) -> Option<usize> {
        self.found
            .iter()
            .find(|(k, ..)| *k == key)
            .map(|(_, i, _)| *i)
    }

    /// The Chinese names accepted for a column the file has.
    pub fn names(&self, key: &str) -> &'static [&'static str] {
        self.found
            .iter()
            .find(|(k, ..)| *k == key)
            .map_or(&[], |(.., names)| names)
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
                    let (n, earlier) = (first + 1, &table.headers[first]);
                    findings.error(
                        &pos,
                        i + 1,
                        Code::DuplicateColumn,
                        msg!(
                            "column `{header}` repeats column {n} (`{earlier}`); expected each column once",
                            "“{header}”列与第 {n} 列（“{earlier}”）重复；每列只应出现一次"
                        ),
                    );
                } else {
                    columns.found.push((spec.key, i, spec.names));
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
    fn tabs_lone_carriage_returns_and_unclosed_quotes() {
        let mut f = Findings::default();
        let t = parse_csv("t.csv", "a\tb\r1\t2\r3\t\r", &mut f);
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!((t.rows[0].line, t.rows[1].line), (2, 3));
        let mut f = Findings::default();
        let t = parse_csv("t.csv", "a,b\n1,2\n3,\"x\n4,5\n6,7\n", &mut f);
        assert_eq!(f.list.len(), 1, "{:?}", f.list);
        assert_eq!(
            (f.list[0].code, f.list[0].line, f.list[0].column),
            (Code::UnclosedQuote, 3, 2)
        );
        assert_eq!(f.rejected[0].row, "3,\"x");
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert_eq!(f.read["t.csv"], 4);
    }

    #[test]
    fn long_cells_and_wide_headers_are_refused() {
        let mut f = Findings::default();
        let long = "x".repeat(limits::CELL_CHARS + 1);
        let t = parse_csv("t.csv", &format!("a,b\n1,{long}\n2,3\n"), &mut f);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(
            (f.list[0].code, f.list[0].line, f.list[0].column),
            (Code::OverLimit, 2, 2)
        );
        let mut f = Findings::default();
        let wide = ",x".repeat(limits::COLUMNS + 1);
        parse_csv("w.csv", &format!("a{wide}\n1\n"), &mut f);
        assert!(f.unread.contains_key("w.csv"));
    }

    #[test]
    fn a_header_neutralised_by_the_forms_reads_back() {
        let mut f = Findings::default();
        let t = parse_csv("t.csv", "'=x,'-y,'z\n1,2,3\n", &mut f);
        assert_eq!(t.headers, ["=x", "-y", "'z"]);
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
