//! Reading one row of a table: named cells, dates, units and numbers, each problem kept as
//! an issue of its cell so the whole row is reported at once.

use rust_decimal::Decimal;

use crate::findings::{CellIssue, Code, Findings, Msg, Pos};
use crate::load::table::{
    Candidate, ColumnSpec, Columns, Row, Table, header_matches, map_columns, near_miss,
};
use crate::model::date::{Date, chinese, parse_date};
use crate::model::units::{Lookup, UnitTree};
use crate::text::half_width;

/// Largest value a cell may hold; larger is surely a typing slip, and it keeps sums exact.
const MAX_VALUE: i64 = 1_000_000_000_000;
const MAX_DECIMALS: u32 = 8;

/// What a cell should hold, in English and in Chinese: `("a date such as 2023-03-05",
/// "日期，如 2023-03-05")`.
pub type Expected<'a> = (&'a str, &'a str);

pub struct RowReader<'a> {
    table: &'a Table,
    columns: &'a Columns,
    pub row: &'a Row,
    /// Settled by `settle`, which also sets the row aside when the file lacks a column.
    issues: Vec<CellIssue>,
    /// The code of the unit the row is about, once its cell names a known one.
    about: Option<String>,
}

impl<'a> RowReader<'a> {
    pub fn new(table: &'a Table, columns: &'a Columns, row: &'a Row) -> Self {
        RowReader {
            table,
            columns,
            row,
            issues: Vec::new(),
            about: None,
        }
    }

    pub fn pos(&self) -> Pos {
        self.table.pos(self.row.line)
    }

    /// 1-based column of a key, 0 when the file lacks it.
    pub fn col(&self, key: &str) -> usize {
        self.columns.index(key).map_or(0, |i| i + 1)
    }

    pub fn get(&self, key: &str) -> &'a str {
        let row: &'a Row = self.row;
        self.columns
            .index(key)
            .and_then(|i| row.cells.get(i))
            .map_or("", String::as_str)
    }

    pub fn cell(&self, index: usize) -> &'a str {
        let row: &'a Row = self.row;
        row.cells.get(index).map_or("", String::as_str)
    }

    /// The column as the file heads it (`报送日期`), for messages; the key when it is absent.
    pub fn header(&self, key: &str) -> String {
        self.columns
            .index(key)
            .and_then(|i| self.table.headers.get(i))
            .map_or_else(|| key.to_string(), String::clone)
    }

    /// The column in a Chinese message: as the file heads it, with its Chinese name when the
    /// file heads it otherwise (`“报送日期”`, `“submitted_on”（报送日期）`).
    pub fn header_zh(&self, key: &str) -> String {
        let header = self.header(key);
        match self.columns.names(key).first() {
            Some(name)
                if !self
                    .columns
                    .names(key)
                    .iter()
                    .any(|n| header_matches(&header, n)) =>
            {
                format!("“{header}”（{name}）")
            }
            _ => format!("“{header}”"),
        }
    }

    pub fn fail(&mut self, key: &str, code: Code, message: Msg) {
        let col = self.col(key);
        self.fail_at(col, code, message);
    }

    /// An issue of the cell in the 1-based column `col`.
    pub fn fail_at(&mut self, col: usize, code: Code, message: Msg) {
        self.issues.push((col, code, message));
    }

    /// The row is about this unit (a report's county, a visit's county): its findings name it.
    pub fn about(&mut self, unit: usize, units: &UnitTree) {
        self.about = Some(units.units[unit].code.clone());
    }

    /// The cell's text, or an issue when it is empty. A column the file lacks gives `None`
    /// without an issue: that is one finding for the whole file (`columns_or_reject`).
    pub fn required(&mut self, key: &str, (en, zh): Expected) -> Option<&'a str> {
        let value = self.get(key);
        if value.is_empty() {
            if self.columns.index(key).is_some() {
                let (header, header_zh) = (self.header(key), self.header_zh(key));
                self.fail(
                    key,
                    Code::MissingValue,
                    msg!(
                        "`{header}` is empty; expected {en}",
                        "{header_zh}为空；应填写{zh}"
                    ),
                );
            }
            None
        } else {
            Some(value)
        }
    }

    /// Reports the row's issues and sets it aside when it has any, or when the file lacks a
    /// required column. Returns true when the row may be used.
    pub fn settle(&mut self, findings: &mut Findings) -> bool {
        let issues = std::mem::take(&mut self.issues);
        let pos = self.pos();
        if !findings.settle_row(&pos, &self.row.raw, issues, self.about.as_deref()) {
            return false;
        }
        match &self.columns.lacking {
            Some(why) => {
                findings.reject(&pos, &self.row.raw, Code::MissingColumn, why.clone());
                false
            }
            None => true,
        }
    }

    /// A date no later than today.
    pub fn date(&mut self, key: &str, today: Date) -> Option<Date> {
        let text = self.required(key, ("a date such as 2023-03-05", "日期，如 2023-03-05"))?;
        self.date_text(key, text, today)
    }

    pub fn date_text(&mut self, key: &str, text: &str, today: Date) -> Option<Date> {
        match check_date(text, today) {
            Ok(d) => Some(d),
            Err((code, msg)) => {
                self.fail(key, code, self.in_column(key, msg));
                None
            }
        }
    }

    /// A message about a cell, after its column's header: `` `报送日期`: … ``, `“报送日期”：…`.
    pub fn in_column(&self, key: &str, message: Msg) -> Msg {
        let (header, header_zh) = (self.header(key), self.header_zh(key));
        message.after(&format!("`{header}`: "), &format!("{header_zh}："))
    }

    /// A unit by code, or by a name only one unit bears.
    pub fn unit(&mut self, key: &str, units: &UnitTree) -> Option<usize> {
        let text = self.required(key, ("a unit code", "单位代码"))?;
        match resolve_unit(units, text) {
            Ok(u) => Some(u),
            Err((code, msg)) => {
                self.fail(key, code, self.in_column(key, msg));
                None
            }
        }
    }
}

pub fn check_date(text: &str, today: Date) -> Result<Date, (Code, Msg)> {
    let date = parse_date(&half_width(text)).map_err(|m| (Code::BadDate, m))?;
    if date > today {
        let today_zh = chinese(today);
        return Err((
            Code::FutureDate,
            msg!(
                "`{text}` is after today ({today}); expected a date that has passed",
                "“{text}”晚于今天（{today_zh}）；应为已经过去的日期"
            ),
        ));
    }
    Ok(date)
}

pub fn resolve_unit(units: &UnitTree, text: &str) -> Result<usize, (Code, Msg)> {
    let lookup = match units.lookup(text) {
        Lookup::Unknown => units.lookup(&half_width(text)),
        found => found,
    };
    match lookup {
        Lookup::Found(u) => Ok(u),
        Lookup::Unknown => Err((
            Code::UnknownUnit,
            msg!(
                "no unit has the code or name `{text}`; expected a code from data/units.csv",
                "没有代码或名称为“{text}”的单位；应填写 data/units.csv 中的单位代码"
            ),
        )),
        Lookup::Ambiguous(list) => {
            let n = list.len();
            let of = |u: &usize, level: &dyn Fn(usize) -> &'static str, open, close| {
                format!("{}{open}{}{close}", units.units[*u].code, level(*u))
            };
            let en: Vec<String> = list
                .iter()
                .map(|u| of(u, &|u| units.units[u].level.code(), " (", ")"))
                .collect();
            let zh: Vec<String> = list
                .iter()
                .map(|u| of(u, &|u| units.units[u].level.chinese(), "（", "）"))
                .collect();
            let (en, zh) = (en.join(", "), zh.join("、"));
            Err((
                Code::AmbiguousUnit,
                msg!(
                    "the name `{text}` is borne by {n} units: {en}; expected the unit's code",
                    "名称“{text}”有 {n} 个单位同名：{zh}；应改填单位代码"
                ),
            ))
        }
    }
}

/// `1,234,567` (groups of three) as `1234567`; anything else is left for the number check.
fn without_thousands(t: &str) -> std::borrow::Cow<'_, str> {
    let int = t.split('.').next().unwrap_or(t);
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if grouped {
        t.replace(',', "").into()
    } else {
        t.into()
    }
}

/// A reported value: blank is "not reported"; a 是/否 cell holds 是/否/1/0 (also √ and ×).
/// Full-width digits and thousands separators are read; a dash for “none” is refused, since
/// it could mean zero or not reported.
pub fn parse_value(text: &str, yes_no: bool) -> Result<Option<Decimal>, (Code, Msg)> {
    let wide = half_width(text.trim());
    let t = wide.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if yes_no {
        return match t {
            "是" | "1" | "√" | "✓" | "✔" => Ok(Some(Decimal::ONE)),
            "否" | "0" | "×" | "✗" | "✘" => Ok(Some(Decimal::ZERO)),
            _ => Err((
                Code::BadYesNo,
                msg!(
                    "`{t}` is not a yes/no answer; expected 是, 否, 1 or 0",
                    "“{t}”不是“是”或“否”；应填写是、否、1 或 0"
                ),
            )),
        };
    }
    if matches!(t, "-" | "—" | "——" | "–" | "无" | "/" | "\\") {
        return Err((
            Code::NotANumber,
            msg!(
                "`{t}` is not a number; write 0 when there was none, or leave the cell blank when it is not reported",
                "“{t}”不是数字；没有发生的填 0，未统计的留空"
            ),
        ));
    }
    let plain = without_thousands(t);
    let t = plain.as_ref();
    let body = t.strip_prefix('+').unwrap_or(t);
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits_ok = !int.is_empty() || !frac.is_empty();
    if !digits_ok
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err((
            Code::NotANumber,
            msg!(
                "`{t}` is not a number; expected a plain number such as 12 or 3.5",
                "“{t}”不是数字；应填写数字，如 12 或 3.5"
            ),
        ));
    }
    if negative {
        return Err((
            Code::Negative,
            msg!(
                "`{t}` is negative; expected a value of 0 or more",
                "“{t}”是负数；应填写 0 或正数"
            ),
        ));
    }
    if frac.len() > MAX_DECIMALS as usize {
        return Err((
            Code::NotANumber,
            msg!(
                "`{t}` has more than {MAX_DECIMALS} decimal places",
                "“{t}”的小数超过 {MAX_DECIMALS} 位；应最多保留 {MAX_DECIMALS} 位小数"
            ),
        ));
    }
    let value: Decimal = body.parse().map_err(|_| {
        (
            Code::NotANumber,
            msg!("`{t}` is not a number", "“{t}”不是数字"),
        )
    })?;
    if value >= Decimal::from(MAX_VALUE) {
        return Err((
            Code::TooLarge,
            msg!(
                "`{t}` is implausibly large; expected less than {MAX_VALUE}",
                "“{t}”大得不合常理；应小于 1 万亿（{MAX_VALUE}）"
            ),
        ));
    }
    Ok(Some(value))
}

/// A column's name in Chinese as forms head it (the first Chinese name), or its key.
fn chinese_name(spec: &ColumnSpec) -> &'static str {
    spec.names.first().copied().unwrap_or(spec.key)
}

/// `columns_or_reject`, and for every header that is none of `specs` (the ledgers; report
/// files match their other headers to indicators themselves): an error when it is a near miss
/// of a column the file lacks (its values would be lost), a warning otherwise.
pub fn known_columns(
    table: &Table,
    specs: &[ColumnSpec],
    required: &[&str],
    findings: &mut Findings,
) -> Option<Columns> {
    let columns = columns_or_reject(table, specs, required, findings)?;
    let known = specs.iter().map(|s| s.key).collect::<Vec<_>>().join(", ");
    let known_zh = specs
        .iter()
        .map(|s| format!("“{}”", chinese_name(s)))
        .collect::<Vec<_>>()
        .join("、");
    let absent: Vec<Candidate> = specs
        .iter()
        .filter(|s| columns.index(s.key).is_none() && !required.contains(&s.key))
        .flat_map(|s| std::iter::once(s.key).chain(s.names.iter().copied()))
        .map(|name| Candidate { name, measure: "" })
        .collect();
    for &i in &columns.unknown {
        let header = &table.headers[i];
        match near_miss(header, &absent) {
            Some(meant) => misspelled_column(findings, table, i, meant),
            None => {
                findings.warning(
                    &table.pos(table.header_line),
                    i + 1,
                    Code::UnknownColumn,
                    msg!(
                        "column `{header}` is not known and is ignored; expected {known}",
                        "“{header}”列无法识别，未读取；可用的列为{known_zh}"
                    ),
                );
            }
        }
    }
    Some(columns)
}

/// An unknown header that is a near miss of a known one: an error, since the column's values
/// would otherwise be lost without a word.
pub fn misspelled_column(findings: &mut Findings, table: &Table, column: usize, meant: &str) {
    let header = &table.headers[column];
    findings.error(
        &table.pos(table.header_line),
        column + 1,
        Code::MisspelledColumn,
        msg!(
            "column `{header}` is not known; did you mean `{meant}`? Its values are not read until the header is corrected",
            "“{header}”列无法识别，是否应为“{meant}”？改正列名之前，这一列的数值不会读取"
        ),
    );
}

/// Maps a table's headers. A missing required column is one error for the file, and every
/// row is set aside (`Columns::lacking`, applied by `RowReader::settle`) after its other cells
/// are checked, so the file's other findings still show. Returns `None` for a workbook sheet
/// that holds none of the columns (instructions, a chart): it is not data.
pub fn columns_or_reject(
    table: &Table,
    specs: &[ColumnSpec],
    required: &[&str],
    findings: &mut Findings,
) -> Option<Columns> {
    let mut columns = map_columns(table, specs, findings);
    let missing: Vec<&str> = required
        .iter()
        .filter(|k| columns.index(k).is_none())
        .copied()
        .collect();
    if missing.is_empty() {
        return Some(columns);
    }
    let spec_of = |key: &str| specs.iter().find(|s| s.key == key);
    if let Some(sheet) = sheet_name(&table.file)
        && missing.len() == required.len()
    {
        findings.read.remove(&table.file);
        // The instructions sheet of our own forms is expected: no need to say so every time.
        let ours = sheet == crate::forms::NOTES_SHEET
            && table.headers.first().map(String::as_str) == Some(crate::forms::NOTES_HEAD);
        if !ours {
            let en = required.join(", ");
            let zh = required
                .iter()
                .map(|k| format!("“{}”", spec_of(k).map_or(*k, |s| chinese_name(s))))
                .collect::<Vec<_>>()
                .join("、");
            findings.info(
                &table.pos(0),
                0,
                Code::SheetSkipped,
                msg!(
                    "this sheet has none of the columns {en}, so it is not read as data",
                    "这个工作表没有{zh}等列，不作为数据读取"
                ),
            );
        }
        return None;
    }
    let mut names_en = Vec::new();
    let mut names_zh = Vec::new();
    for k in &missing {
        let spec = spec_of(k);
        let zh = spec.map_or(String::new(), |s| s.names.join(" or "));
        let candidates: Vec<Candidate> = spec
            .into_iter()
            .flat_map(|s| std::iter::once(s.key).chain(s.names.iter().copied()))
            .map(|name| Candidate { name, measure: "" })
            .collect();
        let near = columns
            .unknown
            .iter()
            .find(|i| near_miss(&table.headers[**i], &candidates).is_some());
        let (hint_en, hint_zh) = near.map_or((String::new(), String::new()), |i| {
            let (n, h) = (i + 1, &table.headers[*i]);
            (
                format!("; is column {n} `{h}` meant to be it?"),
                format!("；第 {n} 列“{h}”是否就是这一列？"),
            )
        });
        names_en.push(format!("`{k}` ({zh}){hint_en}"));
        let first: &str = spec.map_or(*k, |s| chinese_name(s));
        let others: Vec<String> = spec
            .into_iter()
            .flat_map(|s| s.names.iter().skip(1).copied().chain([s.key]))
            .map(|n| format!("“{n}”"))
            .collect();
        names_zh.push(format!(
            "“{first}”列（也可写作{}{hint_zh}）",
            others.join("或")
        ));
    }
    let (n, names_en, names_zh) = (missing.len(), names_en.join(", "), names_zh.join("、"));
    let (column, it) = if n == 1 {
        ("column", "it")
    } else {
        ("columns", "them")
    };
    let message = msg!(
        "the file lacks the {column} {names_en}; expected a header row naming {it}, so no row of this file is counted",
        "文件缺少{names_zh}；表头中应有这些列，因此本文件的数据行都未计入"
    );
    findings.error(
        &table.pos(table.header_line.max(1)),
        0,
        Code::MissingColumn,
        message.clone(),
    );
    columns.lacking = Some(message);
    Some(columns)
}

/// `sheet` of `file.xlsx[sheet]`, for a workbook sheet.
fn sheet_name(file: &str) -> Option<&str> {
    file.strip_suffix(']')
        .and_then(|f| f.rsplit_once('['))
        .map(|(_, sheet)| sheet)
}

/// `a;b；c、d` into trimmed non-empty items.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([';', '；', '、', ',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(t: &str) -> Option<Decimal> {
        parse_value(t, false).unwrap()
    }

    #[test]
    fn values_are_plain_non_negative_numbers() {
        assert_eq!(v(""), None);
        assert_eq!(v("12"), Some(Decimal::from(12)));
        assert_eq!(v("3.50"), Some(Decimal::new(35, 1)));
        assert_eq!(v(".5"), Some(Decimal::new(5, 1)));
        assert_eq!(parse_value("-1", false).unwrap_err().0, Code::Negative);
        assert_eq!(parse_value("-0.5", false).unwrap_err().0, Code::Negative);
        for bad in [
            "abc",
            "1,00",
            "1e3",
            "12个",
            ".",
            "1.2.3",
            "—",
            "无",
            "12,34,567",
        ] {
            assert_eq!(
                parse_value(bad, false).unwrap_err().0,
                Code::NotANumber,
                "{bad}"
            );
        }
    }

    #[test]
    fn full_width_digits_and_thousands_separators_are_read() {
        assert_eq!(v("１２"), Some(Decimal::from(12)));
        assert_eq!(v("３．５"), Some(Decimal::new(35, 1)));
        assert_eq!(v("1,234"), Some(Decimal::from(1234)));
        assert_eq!(v("1,234,567.5"), Some(Decimal::new(12345675, 1)));
        assert_eq!(v("１，２３４"), Some(Decimal::from(1234)));
        assert_eq!(parse_value("－３", false).unwrap_err().0, Code::Negative);
        assert!(
            parse_value("—", false)
                .unwrap_err()
                .1
                .en
                .contains("write 0")
        );
    }

    #[test]
    fn yes_no_cells() {
        assert_eq!(parse_value("是", true).unwrap(), Some(Decimal::ONE));
        assert_eq!(parse_value("0", true).unwrap(), Some(Decimal::ZERO));
        assert_eq!(parse_value("√", true).unwrap(), Some(Decimal::ONE));
        assert_eq!(parse_value("×", true).unwrap(), Some(Decimal::ZERO));
        assert_eq!(parse_value("有", true).unwrap_err().0, Code::BadYesNo);
        assert_eq!(parse_value("2", true).unwrap_err().0, Code::BadYesNo);
    }
}
