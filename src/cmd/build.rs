use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use anyhow::Result;
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::{render, write};

use super::print_findings;

/// Validates, computes and publishes; refuses to publish on errors unless `keep_going`.
pub fn run(
    paths: &Paths,
    today: Date,
    keep_going: bool,
    timings: bool,
    quiet: bool,
) -> Result<i32> {
    let mut clock = Stopwatch::new(timings);
    let target =
        match write::Target::resolve(&paths.root, &paths.output, &paths.display(&paths.output)) {
            Ok(t) => t,
            Err(message) => {
                eprintln!("error: {}", super::shown(&message));
                return Ok(2);
            }
        };
    write::recover(&target);
    let countyboard::Checked {
        model,
        templates,
        mut findings,
    } = countyboard::check(paths, today);
    clock.lap("load and validate");
    // The figures, and the findings that need them (commentary read against the figures).
    let figures = model
        .as_ref()
        .map(|m| countyboard::compute(m, &mut findings));
    clock.lap("compute");
    if quiet && !findings.has_errors() {
        // Quiet: the count alone (the findings are on the quality page).
    } else {
        print_findings(&findings, true);
    }
    let usable = keep_going || !findings.has_errors();
    // --keep-going helps only when the rows at fault can be left out, not when the unit list
    // or a template is unusable.
    let hint = if keep_going || model.is_none() || templates.is_none() {
        ""
    } else {
        " (or build with --keep-going to publish without the rejected rows)"
    };
    let (Some(model), Some(figures), Some(templates), true) = (model, figures, templates, usable)
    else {
        eprintln!(
            "nothing published: fix the errors above{hint}; {}",
            previous_site(paths)
        );
        return Ok(1);
    };
    let staging = write::Staging::begin(&target)?;
    let progress = Progress::new(&staging, quiet);
    let rendered = render::render(&model, &figures, &findings, templates, &progress);
    progress.bar.finish_and_clear();
    match rendered {
        Ok(laps) if timings => {
            for (stage, seconds) in laps {
                eprintln!("timing:   {stage}: {seconds:.3} s");
            }
        }
        Ok(_) => {}
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("nothing published; {}", previous_site(paths));
            return Ok(1);
        }
    }
    clock.lap("render and write");
    if let Some(warning) = staging.finish()? {
        eprintln!("warning: {}", super::shown(&warning));
    }
    clock.lap("swap in");
    let n_figures = figures.periods * figures.units.len() * figures.metrics.len();
    println!(
        "built {} pages, {n_figures} figures for {} units and {} periods into {}; {} (listed on quality/index.html)",
        count_pages(&target.real),
        figures.units.len(),
        figures.periods,
        paths.display(&paths.output),
        findings.tally(false),
    );
    Ok(0)
}

/// A progress bar over the files written, on a terminal only and not with `--quiet`.
struct Progress<'a> {
    inner: &'a write::Staging,
    bar: ProgressBar,
}

impl<'a> Progress<'a> {
    fn new(inner: &'a write::Staging, quiet: bool) -> Progress<'a> {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} files written")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        };
        Progress { inner, bar }
    }
}

impl render::Sink for Progress<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.bar.inc(1);
        self.inner.put(path, bytes)
    }

    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        self.bar.inc(1);
        self.inner.stream(path, fill)
    }
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

/// What became of the previous site when nothing is published.
fn previous_site(paths: &Paths) -> String {
    if paths.output.exists() {
        format!("{} is unchanged", paths.display(&paths.output))
    } else {
        format!("there is no site in {} yet", paths.display(&paths.output))
    }
}

fn count_pages(dir: &std::path::Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}
