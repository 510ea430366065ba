use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use anyhow::Result;
use countyboard::findings::Severity;
use countyboard::lang::Lang;
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::{render, write};

use super::{error_prefix, print_findings};

/// How to build: publish despite errors, print timings, list errors only.
#[derive(Clone, Copy)]
pub struct Options {
    pub keep_going: bool,
    pub timings: bool,
    /// No progress bar, and only errors listed (the last line counts every finding).
    pub quiet: bool,
    pub lang: Lang,
}

/// Validates, computes and publishes; refuses to publish on errors unless `keep_going`.
pub fn run(paths: &Paths, today: Date, options: Options) -> Result<i32> {
    let Options {
        keep_going,
        timings,
        quiet,
        lang,
    } = options;
    let mut clock = Stopwatch::new(timings);
    let target =
        match write::Target::resolve(&paths.root, &paths.output, &paths.display(&paths.output)) {
            Ok(t) => t,
            Err(message) => {
                eprintln!("{}{}", error_prefix(lang), super::shown(message.get(lang)));
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
        // Quiet: the count alone, in the last line (the findings are on the quality page).
    } else {
        // Quiet: the errors alone; otherwise warnings too. Notices are on the quality page.
        let least = if quiet {
            Severity::Error
        } else {
            Severity::Warning
        };
        print_findings(&findings, least, lang);
    }
    let usable = keep_going || !findings.has_errors();
    // --keep-going helps only when the rows at fault can be left out, not when the unit list
    // or a template is unusable.
    let hint = if keep_going || model.is_none() || templates.is_none() {
        ""
    } else {
        lang.pick(
            " (or build with --keep-going to publish without the rejected rows)",
            "（或用 --keep-going 发布，有误的数据行不计入）",
        )
    };
    let (Some(model), Some(figures), Some(templates), true) = (model, figures, templates, usable)
    else {
        let previous = previous_site(paths, lang);
        match lang {
            Lang::En => eprintln!("nothing published: fix the errors above{hint}; {previous}"),
            Lang::Zh => eprintln!("未发布：请先改正上面的错误{hint}；{previous}"),
        }
        return Ok(1);
    };
    let staging = write::Staging::begin(&target)?;
    let progress = Progress::new(&staging, quiet, lang);
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
            eprintln!("{}{message}", error_prefix(lang));
            eprintln!(
                "{}{}",
                lang.pick("nothing published; ", "未发布；"),
                previous_site(paths, lang)
            );
            return Ok(1);
        }
    }
    clock.lap("render and write");
    if let Some(warning) = staging.finish()? {
        eprintln!(
            "{}{}",
            lang.pick("warning: ", "警告："),
            super::shown(&warning)
        );
    }
    clock.lap("swap in");
    let n_figures = figures.periods * figures.units.len() * figures.metrics.len();
    let (pages, units, periods) = (
        count_pages(&target.real),
        figures.units.len(),
        figures.periods,
    );
    let (out, tally) = (paths.display(&paths.output), findings.tally(false, lang));
    println!(
        "{}",
        match lang {
            Lang::En => format!(
                "built {pages} pages, {n_figures} figures for {units} units and {periods} periods into {out}; {tally} (listed on quality/index.html)"
            ),
            Lang::Zh => format!(
                "已生成 {pages} 个页面，{units} 个单位、{periods} 个期间的 {n_figures} 个数字，写入 {out}；{tally}（详见 quality/index.html）"
            ),
        }
    );
    Ok(0)
}

/// A progress bar over the files written, on a terminal only and not with `--quiet`.
struct Progress<'a> {
    inner: &'a write::Staging,
    bar: ProgressBar,
}

impl<'a> Progress<'a> {
    fn new(inner: &'a write::Staging, quiet: bool, lang: Lang) -> Progress<'a> {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::new_spinner();
            let template = lang.pick(
                "{spinner} {pos} files written",
                "{spinner} 已写入 {pos} 个文件",
            );
            bar.set_style(
                ProgressStyle::with_template(template)
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
fn previous_site(paths: &Paths, lang: Lang) -> String {
    let out = paths.display(&paths.output);
    match (paths.output.exists(), lang) {
        (true, Lang::En) => format!("{out} is unchanged"),
        (true, Lang::Zh) => format!("{out} 保持原样"),
        (false, Lang::En) => format!("there is no site in {out} yet"),
        (false, Lang::Zh) => format!("{out} 中还没有网站"),
    }
}

fn count_pages(dir: &std::path::Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}
