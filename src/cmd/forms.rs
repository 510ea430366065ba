use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::render::site::safe_segment;

use countyboard::model::Level;

use super::{hints, print_findings};

pub fn run(
    paths: &Paths,
    today: Date,
    period: &str,
    provinces: &[String],
    xlsx: bool,
    out: Option<&Path>,
) -> Result<i32> {
    let checked = countyboard::check(paths, today);
    let Some(model) = checked.model.filter(|_| !checked.findings.has_errors()) else {
        print_findings(&checked.findings, true);
        eprintln!(
            "no forms written: fix the errors above first (the forms are made from data/units.csv and data/indicators.csv)"
        );
        return Ok(1);
    };
    let Ok(p) = model.calendar.reporting_period(period) else {
        eprintln!(
            "error: `{period}` is not a reporting period of this campaign; expected one of the {}",
            hints::periods(&model.calendar, Some(model.calendar.reporting))
        );
        return Ok(1);
    };
    let units = &model.units;
    let known: Vec<(String, String)> = units.units[units.root()]
        .children
        .iter()
        .map(|p| &units.units[*p])
        .filter(|u| u.level == Level::Province)
        .map(|u| (u.code.clone(), u.name.clone()))
        .collect();
    let provinces = match hints::provinces(provinces, &known) {
        Ok(codes) => codes,
        Err(message) => {
            eprintln!("error: {message}");
            return Ok(1);
        }
    };
    let period_id = model.calendar.periods[p].id.clone();
    let label = model.calendar.periods[p].label.clone();
    let dir = out.map_or_else(
        || paths.root.join("forms").join(&period_id),
        Path::to_path_buf,
    );
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let groups = countyboard::forms::groups(&model, &provinces);
    for (province, counties) in &groups {
        let unit = &model.units.units[*province];
        let stem = format!("{}-{}-{}", safe_segment(&unit.code), period_id, unit.name);
        let (name, bytes) = if xlsx {
            let bytes = countyboard::forms::xlsx(&model, &period_id, &label, &unit.name, counties)
                .map_err(anyhow::Error::msg)?;
            (format!("{stem}.xlsx"), bytes)
        } else {
            (
                format!("{stem}.csv"),
                countyboard::forms::csv(&model, &period_id, counties),
            )
        };
        fs::write(dir.join(&name), bytes).with_context(|| format!("cannot write {name}"))?;
    }
    println!(
        "wrote {} for {label} into {}",
        hints::count(groups.len(), "form", "forms"),
        paths.display(&dir)
    );
    println!(
        "next: send each province its form; put the filled forms in {}/ as they are (a county that did not report leaves its row blank), then run countyboard check",
        paths.display(&paths.data().join("reports"))
    );
    Ok(0)
}
