//! `countyboard forms`: the report forms a province sends down for a period, pre-filled with
//! its counties, the indicator columns headed in Chinese with their units. A filled form put in
//! `data/reports/` is read back as it is.

use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Workbook};

use crate::model::{Level, Model};
use crate::render::exports::neutralise;

/// The instructions sheet of an xlsx form and the first word of it (A1): read back, such a
/// sheet is known to be ours and not data.
pub const NOTES_SHEET: &str = "填表说明";
pub const NOTES_HEAD: &str = "报表";

/// The columns of a form, in order: fixed ones, then one per indicator.
fn headers(model: &Model) -> Vec<String> {
    let mut h: Vec<String> = ["报告期", "单位代码", "单位名称", "报送日期"]
        .map(String::from)
        .to_vec();
    h.extend(model.indicators.iter().map(|i| {
        if i.measure.is_empty() {
            i.name.clone()
        } else {
            format!("{}（{}）", i.name, i.measure)
        }
    }));
    h
}

/// Counties of each province (or of the root when counties hang there), in code order.
pub fn groups(model: &Model, provinces: &[String]) -> Vec<(usize, Vec<usize>)> {
    let units = &model.units;
    let mut out = Vec::new();
    for &p in &units.units[units.root()].children {
        if units.units[p].level != Level::Province
            || (!provinces.is_empty() && !provinces.contains(&units.units[p].code))
        {
            continue;
        }
        let counties: Vec<usize> = (0..units.len())
            .filter(|c| units.units[*c].level == Level::County && units.is_under(*c, p))
            .collect();
        if !counties.is_empty() {
            out.push((p, counties));
        }
    }
    out
}

pub fn csv(model: &Model, period: &str, counties: &[usize]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    // Names and headers come from the project's files: a formula-like one is neutralised
    // (and read back as it was, see `load::table`).
    let headers = headers(model);
    let _ = w.write_record(headers.iter().map(|h| neutralise(h).into_owned()));
    for c in counties {
        let u = &model.units.units[*c];
        let mut row = vec![
            period.to_string(),
            neutralise(&u.code).into_owned(),
            neutralise(&u.name).into_owned(),
            String::new(),
        ];
        row.resize(headers.len(), String::new());
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

pub fn xlsx(
    model: &Model,
    period: &str,
    label: &str,
    province: &str,
    counties: &[usize],
) -> Result<Vec<u8>, String> {
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = Workbook::new();
    let headers = headers(model);
    let last = counties.len() as u32;
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#FBEAEA");
    let text = Format::new().set_num_format("@");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    ws.set_name("报表").map_err(e)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)
            .map_err(e)?;
        ws.set_column_width(c as u16, if c < 4 { 14 } else { 12 })
            .map_err(e)?;
    }
    ws.set_row_height(0, 36).map_err(e)?;
    ws.set_freeze_panes(1, 3).map_err(e)?;
    for (r, c) in counties.iter().enumerate() {
        let u = &model.units.units[*c];
        let row = r as u32 + 1;
        ws.write_string_with_format(row, 0, period, &text)
            .map_err(e)?;
        ws.write_string_with_format(row, 1, &u.code, &text)
            .map_err(e)?;
        ws.write_string(row, 2, &u.name).map_err(e)?;
        ws.write_blank(row, 3, &day).map_err(e)?;
    }
    if last > 0 {
        let date = DataValidation::new()
            .allow_date(DataValidationRule::GreaterThan(
                rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1).map_err(e)?,
            ))
            .set_error_title("报送日期")
            .map_err(e)?
            .set_error_message("请填写日期，例如 2023-03-05")
            .map_err(e)?;
        ws.add_data_validation(1, 3, last, 3, &date).map_err(e)?;
        for (k, ind) in model.indicators.iter().enumerate() {
            let col = 4 + k as u16;
            let rule = if ind.yes_no {
                DataValidation::new()
                    .allow_list_strings(&["是", "否"])
                    .map_err(e)?
            } else {
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                    .set_error_message("请填写不小于0的数字；未发生填0，未统计留空")
                    .map_err(e)?
            };
            ws.add_data_validation(1, col, last, col, &rule)
                .map_err(e)?;
        }
    }
    let cal = &model.calendar;
    let deadline = match cal.periods.iter().position(|p| p.id == period) {
        Some(r) => format!(
            "请于{}前报送（含当日）；此后报送的计为迟报。",
            crate::model::date::chinese(cal.due_date(r))
        ),
        None => String::new(),
    };
    let notes = wb.add_worksheet();
    notes.set_name(NOTES_SHEET).map_err(e)?;
    notes.set_column_width(0, 24).map_err(e)?;
    notes.set_column_width(1, 80).map_err(e)?;
    let lines: Vec<(String, String)> = [
        (NOTES_HEAD.to_string(), format!("{province}县级工会{label}报表（报告期 {period}）")),
        ("怎样填写".to_string(), "每个县级工会一行。报告期、单位代码、单位名称已填好，请勿改动。".to_string()),
        ("报送日期".to_string(), "填写实际报送的日期，例如 2023-03-05。填了数字的行必须填写报送日期。".to_string()),
        ("报送时限".to_string(), deadline),
        ("未报送".to_string(), "本期未报送的县，这一行保持原样（只有报告期、单位代码、单位名称），不必删除，计为“未报送”。".to_string()),
        ("数字".to_string(), "填写不小于0的数字。本期没有发生的填 0；没有统计、无法报送的留空（留空表示“未报送”，不等于0）。不要填写“—”“无”。".to_string()),
        ("是否类".to_string(), "填写“是”或“否”。".to_string()),
        ("交回".to_string(), "填好后原样交回，由专班放入 data/reports/ 文件夹，无需改动格式。".to_string()),
    ]
    .into_iter()
    .chain(model.indicators.iter().map(|i| (format!("{}（{}）", i.name, i.measure), format!("{}{}", i.description, i.target.map_or(String::new(), |t| format!("；专项工作目标：{t}"))))))
    .collect();
    for (r, (k, v)) in lines.iter().enumerate() {
        notes
            .write_string_with_format(r as u32, 0, k, &bold)
            .map_err(e)?;
        notes.write_string(r as u32, 1, v).map_err(e)?;
    }
    wb.save_to_buffer().map_err(e)
}
