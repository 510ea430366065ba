use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::render::site::safe_segment;

use super::print_findings;

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
        let kind = model.calendar.reporting.example();
        eprintln!("error: `{period}` is not a reporting period of this campaign; expected {kind}");
        return Ok(1);
    };
    let period_id = model.calendar.periods[p].id.clone();
    let label = model.calendar.periods[p].label.clone();
    let dir = out.map_or_else(
        || paths.root.join("forms").join(&period_id),
        Path::to_path_buf,
    );
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let groups = countyboard::forms::groups(&model, provinces);
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
        "wrote {} forms for {label} into {}",
        groups.len(),
        dir.display()
    );
    println!(
        "next: send each province its form; put the filled forms in {}/data/reports/, then run countyboard check",
        paths.root.display()
    );
    Ok(0)
}
