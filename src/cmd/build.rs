use anyhow::Result;
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::{engine, render, write};

use super::print_findings;

/// Validates, computes and publishes; refuses to publish on errors unless `keep_going`.
pub fn run(paths: &Paths, today: Date, keep_going: bool) -> Result<i32> {
    let countyboard::Checked {
        model,
        templates,
        findings,
    } = countyboard::check(paths, today);
    print_findings(&findings, true);
    let usable = keep_going || !findings.has_errors();
    let (Some(model), Some(templates), true) = (model, templates, usable) else {
        eprintln!(
            "nothing published: fix the errors above (or build with --keep-going to publish without the rejected rows); {} is unchanged",
            paths.display(&paths.output)
        );
        return Ok(1);
    };
    let figures = engine::compute(&model);
    let files = match render::render(&model, &figures, &findings, templates) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error[template]: {message}");
            eprintln!(
                "nothing published; {} is unchanged",
                paths.display(&paths.output)
            );
            return Ok(1);
        }
    };
    write::publish(&paths.output, &files)?;
    let n_figures = figures.periods * figures.units.len() * figures.metrics.len();
    println!(
        "built {} files, {n_figures} figures for {} units and {} periods into {}",
        files.len(),
        figures.units.len(),
        figures.periods,
        paths.output.display()
    );
    Ok(0)
}
