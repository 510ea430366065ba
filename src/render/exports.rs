//! The data exports: `indicators.csv`, `quality.csv`, `rejected.csv`.

use crate::engine::Figures;
use crate::findings::{Code, Findings};
use crate::model::Model;

use crate::load::table::FORMULA_STARTS;

/// A cell that a spreadsheet would run as a formula is written with a leading apostrophe.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn write_rows<'a>(
    header: &[&str],
    rows: impl Iterator<Item = Vec<std::borrow::Cow<'a, str>>>,
) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failed row is skipped rather than crashing.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| c.as_bytes()));
    }
    w.into_inner().unwrap_or_default()
}

/// `indicators.csv`, written row by row: at national scale it is tens of megabytes.
pub fn write_indicators_csv(
    model: &Model,
    figures: &Figures,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    w.write_all(b"period,unit,indicator,value,reported,expected\n")?;
    let codes: Vec<String> = figures.metrics.iter().map(|m| csv_text(&m.code)).collect();
    let units: Vec<String> = figures
        .units
        .iter()
        .map(|u| csv_text(&model.units.units[*u].code))
        .collect();
    use std::fmt::Write as _;
    let mut line = String::with_capacity(96);
    for (p, period) in model.calendar.periods.iter().enumerate() {
        for (slot, unit) in units.iter().enumerate() {
            for (m, cell) in figures.row(p, slot).iter().enumerate() {
                line.clear();
                line.push_str(&period.id);
                line.push(',');
                line.push_str(unit);
                line.push(',');
                line.push_str(&codes[m]);
                line.push(',');
                if let Some(v) = cell.value {
                    v.write_export(&mut line);
                }
                line.push(',');
                if let Some(n) = cell.reported() {
                    let _ = write!(line, "{n}");
                }
                line.push(',');
                if let Some(n) = cell.expected() {
                    let _ = write!(line, "{n}");
                }
                line.push('\n');
                w.write_all(line.as_bytes())?;
            }
        }
    }
    Ok(())
}

/// A text cell, neutralised and quoted when it needs to be.
fn csv_text(text: &str) -> String {
    let t = neutralise(text);
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.into_owned()
    }
}

/// `quality.csv`: every finding, its message in Chinese (`message`, as the quality page shows
/// it) and in English (`message_en`), and `count`, the findings the row stands for: 1, or for
/// the one row that sums up a kind beyond those listed in a file, how many more there are.
pub fn quality_csv(findings: &Findings) -> Vec<u8> {
    write_rows(
        &[
            "severity",
            "file",
            "line",
            "column",
            "code",
            "message",
            "message_en",
            "count",
        ],
        findings.list.iter().map(|f| {
            vec![
                f.severity.as_str().into(),
                neutralise(&f.file),
                f.line.to_string().into(),
                f.column.to_string().into(),
                f.code.as_str().into(),
                neutralise(&f.message.zh),
                neutralise(&f.message.en),
                f.count.to_string().into(),
            ]
        }),
    )
}

/// `rejected.csv`: every row set aside, verbatim, with the reason in Chinese (`reason`) and
/// in English (`reason_en`, last so the columns before it stay where they were).
pub fn rejected_csv(findings: &Findings) -> Vec<u8> {
    write_rows(
        &["file", "line", "code", "reason", "row", "reason_en"],
        findings.rejected.iter().map(|r| {
            vec![
                neutralise(&r.file),
                r.line.to_string().into(),
                r.code.as_str().into(),
                neutralise(&r.reason.zh),
                neutralise(&r.row),
                neutralise(&r.reason.en),
            ]
        }),
    )
}

/// `inputs.csv`: for every input file, the data rows read, those counted (in the figures,
/// merged into an identical row, or a form row left blank: counted as not reported) and those
/// set aside (listed in `rejected.csv`). Counted and set aside add up to the rows read: no row
/// is lost. A file that could not be read at all is listed with its rows unknown (blank) and a
/// note saying why.
pub fn inputs_csv(model: &Model, findings: &Findings) -> Vec<u8> {
    use std::collections::BTreeMap;
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    let files = model
        .units
        .units
        .iter()
        .map(|u| &u.pos)
        .chain(model.indicators.iter().map(|i| &i.pos))
        .chain(model.reports.iter().map(|r| &r.pos))
        .chain(model.pairings.iter().map(|p| &p.pos))
        .chain(model.visits.iter().map(|v| &v.pos))
        .chain(model.problems.iter().map(|p| &p.pos))
        .chain(model.practices.iter().map(|p| &p.pos))
        .chain(model.holidays.rows.iter());
    for pos in files {
        *counted.entry(pos.file.as_str()).or_default() += 1;
    }
    for file in findings.read.keys() {
        let repeats = findings.count_of(file, Code::RepeatedRow)
            + findings.count_of(file, Code::RepeatedPairing);
        if repeats > 0 {
            *counted.entry(file.as_str()).or_default() += repeats;
        }
    }
    for (file, n) in &findings.unfiled {
        *counted.entry(file.as_str()).or_default() += n;
    }
    let mut rejected: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &findings.rejected {
        *rejected.entry(r.file.as_str()).or_default() += 1;
    }
    let mut files: BTreeMap<&str, Vec<std::borrow::Cow<str>>> = BTreeMap::new();
    for (file, rows) in &findings.read {
        let count = |m: &BTreeMap<&str, usize>| m.get(file.as_str()).copied().unwrap_or(0);
        files.insert(
            file,
            vec![
                neutralise(file),
                rows.to_string().into(),
                count(&counted).to_string().into(),
                count(&rejected).to_string().into(),
                "".into(),
            ],
        );
    }
    // A file that could not be read: how many rows it holds is unknown, and it says so.
    for (file, reason) in &findings.unread {
        files.entry(file).or_insert_with(|| {
            vec![
                neutralise(file),
                "".into(),
                "".into(),
                "".into(),
                format!("not read: {}", reason.en).into(),
            ]
        });
    }
    write_rows(
        &["file", "rows", "counted", "rejected", "note"],
        files.into_values(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM"), "'@SUM");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("＝1+1"), "'＝1+1");
        assert_eq!(neutralise("＠SUM"), "'＠SUM");
        assert_eq!(neutralise("130102"), "130102");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
    }
}
