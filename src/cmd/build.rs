use std::time::Instant;

use anyhow::Result;
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::{engine, render, write};

use super::print_findings;

/// Validates, computes and publishes; refuses to publish on errors unless `keep_going`.
pub fn run(paths: &Paths, today: Date, keep_going: bool, timings: bool) -> Result<i32> {
    let mut clock = Stopwatch::new(timings);
    let countyboard::Checked {
        model,
        templates,
        findings,
    } = countyboard::check(paths, today);
    clock.lap("load and validate");
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
    clock.lap("compute");
    let staging = write::Staging::begin(&paths.output)?;
    match render::render(&model, &figures, &findings, templates, &staging) {
        Ok(laps) if timings => {
            for (stage, seconds) in laps {
                eprintln!("timing:   {stage}: {seconds:.3} s");
            }
        }
        Ok(_) => {}
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!(
                "nothing published; {} is unchanged",
                paths.display(&paths.output)
            );
            return Ok(1);
        }
    }
    clock.lap("render and write");
    staging.finish()?;
    clock.lap("swap in");
    let n_figures = figures.periods * figures.units.len() * figures.metrics.len();
    println!(
        "built {} pages, {n_figures} figures for {} units and {} periods into {}",
        count_pages(&paths.output),
        figures.units.len(),
        figures.periods,
        paths.output.display()
    );
    Ok(0)
}

/// Stage timings on stderr with `--timings`: where a build spends its time.
struct Stopwatch {
    on: bool,
    last: Instant,
}

impl Stopwatch {
    fn new(on: bool) -> Stopwatch {
        Stopwatch {
            on,
            last: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!(
                "timing: {stage}: {:.3} s",
                self.last.elapsed().as_secs_f64()
            );
        }
        self.last = Instant::now();
    }
}

fn count_pages(dir: &std::path::Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}
