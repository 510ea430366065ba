//! The data exports: `indicators.csv`, `quality.csv`, `rejected.csv`.

use crate::engine::Figures;
use crate::findings::Findings;
use crate::model::Model;

/// A cell that a spreadsheet would run as a formula is written with a leading apostrophe.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
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

pub fn indicators_csv(model: &Model, figures: &Figures) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(figures.periods * figures.units.len() * figures.metrics.len() * 40);
    out.extend_from_slice(b"period,unit,indicator,value,reported,expected\n");
    let codes: Vec<String> = figures.metrics.iter().map(|m| csv_text(&m.code)).collect();
    for (p, period) in model.calendar.periods.iter().enumerate() {
        for (slot, u) in figures.units.iter().enumerate() {
            let unit = csv_text(&model.units.units[*u].code);
            for (m, cell) in figures.row(p, slot).iter().enumerate() {
                let value = cell.value.map(|v| v.export()).unwrap_or_default();
                let reported = cell.reported.map(|n| n.to_string()).unwrap_or_default();
                let expected = cell.expected.map(|n| n.to_string()).unwrap_or_default();
                let line = format!(
                    "{},{unit},{},{value},{reported},{expected}\n",
                    period.id, codes[m]
                );
                out.extend_from_slice(line.as_bytes());
            }
        }
    }
    out
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

pub fn quality_csv(findings: &Findings) -> Vec<u8> {
    write_rows(
        &["severity", "file", "line", "column", "code", "message"],
        findings.list.iter().map(|f| {
            vec![
                f.severity.as_str().into(),
                neutralise(&f.file),
                f.line.to_string().into(),
                f.column.to_string().into(),
                f.code.into(),
                neutralise(&f.message),
            ]
        }),
    )
}

pub fn rejected_csv(findings: &Findings) -> Vec<u8> {
    write_rows(
        &["file", "line", "code", "reason", "row"],
        findings.rejected.iter().map(|r| {
            vec![
                neutralise(&r.file),
                r.line.to_string().into(),
                r.code.into(),
                neutralise(&r.reason),
                neutralise(&r.row),
            ]
        }),
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
        assert_eq!(neutralise("130102"), "130102");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
    }
}
