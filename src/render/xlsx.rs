//! `data/indicators.xlsx`: every figure of `indicators.csv` in a workbook people open in Excel.
//! A sheet per kind of period, a row per territorial unit and period (code, name, level,
//! province, prefecture, period), a column per metric headed by its Chinese label and measure,
//! rates as percentages; and a sheet explaining each metric from the metric table.
//!
//! The national workbook holds over three million figures, so its sheets are written in
//! rust_xlsxwriter's constant-memory mode (each row goes to a temporary file as it is made)
//! with the fastest compression, and cells take their number format from their column.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::engine::{Figures, Group, Metric};
use crate::model::{Level, Model, PeriodKind, Pillar, TimeAgg, UnitAgg};

/// The columns before the figures.
const UNIT_COLUMNS: [(&str, f64); 7] = [
    ("单位代码", 10.0),
    ("单位名称", 18.0),
    ("级别", 6.0),
    ("所属省份", 12.0),
    ("所属地市", 12.0),
    ("期间", 16.0),
    ("期间代码", 10.0),
];

const SHEETS: [(PeriodKind, &str); 5] = [
    (PeriodKind::Campaign, "专项工作全程"),
    (PeriodKind::Half, "半年"),
    (PeriodKind::Quarter, "季度"),
    (PeriodKind::Bimonth, "双月"),
    (PeriodKind::Month, "月度"),
];

pub const NOTES_SHEET: &str = "指标说明";

/// The workbook's bytes. Fails only if rust_xlsxwriter does (its temporary files).
pub fn indicators_xlsx(model: &Model, figures: &Figures) -> Result<Vec<u8>, String> {
    write(model, figures).map_err(|e| format!("data/indicators.xlsx: {e}"))
}

fn write(model: &Model, figures: &Figures) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // Speed over size: level 1 deflates the sheets several times faster than the default 6.
    wb.set_zip_compression_level(1);
    // The same input gives the same bytes: the creation date is the campaign's last day.
    let end = model.calendar.last_day();
    let created = ExcelDateTime::from_ymd(
        end.year().try_into().unwrap_or(2023),
        end.month().try_into().unwrap_or(9),
        end.day().try_into().unwrap_or(30),
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{}：全部指标", model.title))
            .set_creation_datetime(&created),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
        .set_background_color("#FBEAEA");
    let units = Units::new(model, figures);
    for (kind, name) in SHEETS {
        let periods: Vec<usize> = (0..model.calendar.periods.len())
            .filter(|p| model.calendar.periods[*p].kind == kind)
            .collect();
        if periods.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(name)?;
        figure_sheet(ws, model, figures, &units, &periods, &header)?;
    }
    let notes = wb.add_worksheet();
    notes.set_name(NOTES_SHEET)?;
    notes_sheet(notes, model, figures, &header)?;
    wb.save_to_buffer()
}

/// What the unit columns say of each territorial unit, worked out once.
struct Units {
    code: Vec<String>,
    name: Vec<String>,
    level: Vec<&'static str>,
    province: Vec<String>,
    prefecture: Vec<String>,
}

impl Units {
    fn new(model: &Model, figures: &Figures) -> Units {
        let tree = &model.units;
        let mut u = Units {
            code: Vec::new(),
            name: Vec::new(),
            level: Vec::new(),
            province: Vec::new(),
            prefecture: Vec::new(),
        };
        for &unit in &figures.units {
            let path = tree.path(unit);
            let at = |level: Level| {
                path.iter()
                    .find(|x| tree.units[**x].level == level)
                    .map_or(String::new(), |x| tree.units[*x].name.clone())
            };
            u.code.push(tree.units[unit].code.clone());
            u.name.push(tree.units[unit].name.clone());
            u.level.push(if unit == tree.root() {
                "全国"
            } else {
                match tree.units[unit].level {
                    Level::National => "全国",
                    Level::Province => "省",
                    Level::Prefecture => "地市",
                    Level::County => "县",
                }
            });
            u.province.push(at(Level::Province));
            u.prefecture.push(at(Level::Prefecture));
        }
        u
    }
}

/// `报送率（%）`: the label and, where it has one, the measure.
fn heading(label: &str, measure: &str) -> String {
    if measure.is_empty() {
        label.to_string()
    } else {
        format!("{label}（{measure}）")
    }
}

/// How a column's numbers read: percentages for rates and shares, two decimals for means,
/// grouped thousands for counts and for sums of whole numbers, up to three decimals otherwise.
fn column_format(model: &Model, figures: &Figures, column: usize) -> Format {
    let def = &figures.metrics[column];
    let pattern = match def.metric {
        _ if def.measure == "%" => "0.0%",
        Metric::Reported(i) => match model.indicators.get(i) {
            Some(ind) if ind.unit_agg == UnitAgg::Mean => "#,##0.00",
            _ if whole_numbers(model, i) => "#,##0",
            _ => "#,##0.0##",
        },
        Metric::Derived(_) => "#,##0",
    };
    Format::new().set_num_format(pattern)
}

/// Every value reported for the indicator is a whole number, so their sums are too.
fn whole_numbers(model: &Model, indicator: usize) -> bool {
    model.reports.iter().all(|r| match r.values.get(indicator) {
        Some(Some(d)) => d.scale() == 0 || d.fract().is_zero(),
        _ => true,
    })
}

fn figure_sheet(
    ws: &mut Worksheet,
    model: &Model,
    figures: &Figures,
    units: &Units,
    periods: &[usize],
    header: &Format,
) -> Result<(), XlsxError> {
    let first = UNIT_COLUMNS.len() as u16;
    for (c, (name, width)) in UNIT_COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
        ws.write_string_with_format(0, c as u16, *name, header)?;
    }
    for (k, def) in figures.metrics.iter().enumerate() {
        let col = first + k as u16;
        ws.set_column_width(col, 11.0)?;
        ws.set_column_format(col, &column_format(model, figures, k))?;
        ws.write_string_with_format(0, col, heading(&def.label, &def.measure), header)?;
    }
    ws.set_row_height(0, 60)?;
    ws.set_freeze_panes(1, 2)?;
    let mut row: u32 = 1;
    for &p in periods {
        let period = &model.calendar.periods[p];
        for slot in 0..figures.units.len() {
            ws.write_string(row, 0, &units.code[slot])?;
            ws.write_string(row, 1, &units.name[slot])?;
            ws.write_string(row, 2, units.level[slot])?;
            ws.write_string(row, 3, &units.province[slot])?;
            ws.write_string(row, 4, &units.prefecture[slot])?;
            ws.write_string(row, 5, &period.label)?;
            ws.write_string(row, 6, &period.id)?;
            for (k, cell) in figures.row(p, slot).iter().enumerate() {
                if let Some(v) = cell.value {
                    ws.write_number(row, first + k as u16, v.to_f64())?;
                }
            }
            row += 1;
        }
    }
    let last_col = first + figures.metrics.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, row - 1, last_col)?;
    Ok(())
}

fn notes_sheet(
    ws: &mut Worksheet,
    model: &Model,
    figures: &Figures,
    header: &Format,
) -> Result<(), XlsxError> {
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let lines = [
        format!(
            "本工作簿是{}全部指标的数字，与 data/indicators.csv 相同：每类期间一张表，每行一个单位的一个期间，每列一项指标。",
            model.title
        ),
        "比率和占比以百分数显示，单元格里是0到1之间的小数；空白表示没有可计算的数（如无人报送、分母为0）。".to_string(),
        "数字由专项工作的统计程序从报表、对口联系、调研、问题和经验材料中算出，请勿在此修改；需要更正时请修改报送的数据后重新生成。".to_string(),
    ];
    for (r, line) in lines.iter().enumerate() {
        ws.write_string(r as u32, 0, line)?;
    }
    let top = lines.len() as u32 + 1;
    let columns = [
        ("列标题", 26.0),
        ("指标代码", 28.0),
        ("计量单位", 9.0),
        ("所属板块", 12.0),
        ("项目", 14.0),
        ("怎样计算", 90.0),
    ];
    for (c, (name, width)) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
        ws.write_string_with_format(top, c as u16, *name, header)?;
    }
    for (k, def) in figures.metrics.iter().enumerate() {
        let r = top + 1 + k as u32;
        let group = match def.group {
            Group::Reporting => "报送情况",
            Group::Pillar(p) => Pillar::ALL
                .iter()
                .find(|(x, _)| *x == p)
                .map_or("", |(_, n)| n),
        };
        let how = match def.metric {
            Metric::Reported(i) => model.indicators.get(i).map_or(def.how.clone(), |ind| {
                let time = match ind.time_agg {
                    TimeAgg::Sum => "各县各期报送数相加",
                    TimeAgg::Last => "各县取期内最近一期的报送数",
                };
                let unit = match ind.unit_agg {
                    UnitAgg::Sum => "再将所辖各县相加",
                    UnitAgg::Mean => "再求所辖各县的平均数",
                    UnitAgg::Share => "再算所辖报送的县中数值大于0的县所占比例",
                };
                let what = def.how.trim_end_matches('。');
                if what.is_empty() {
                    format!("{time}，{unit}；未报送的县不计入。")
                } else {
                    format!("{what}。{time}，{unit}；未报送的县不计入。")
                }
            }),
            Metric::Derived(_) => def.how.clone(),
        };
        ws.write_string(r, 0, heading(&def.label, &def.measure))?;
        ws.write_string(r, 1, &def.code)?;
        ws.write_string(r, 2, &def.measure)?;
        ws.write_string(r, 3, group)?;
        ws.write_string(r, 4, &def.item)?;
        ws.write_string_with_format(r, 5, &how, &wrap)?;
    }
    ws.set_freeze_panes(top + 1, 1)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_the_measure() {
        assert_eq!(heading("报送率", "%"), "报送率（%）");
        assert_eq!(heading("宣传宣讲场次", "次"), "宣传宣讲场次（次）");
        assert_eq!(heading("五强全面达标率", ""), "五强全面达标率");
    }
}
