//! The static site: a page per unit and per period, the dashboard, the problem list and the
//! quality report, rendered with Tera from plain view structs.

mod chart;
mod county;
mod dashboard;
mod followup;
pub mod format;
mod library;
mod lists;
mod period_page;
mod problems;
mod quality;
pub mod templates;
mod unit_page;

use serde::Serialize;
use tera::Tera;

use crate::engine::{Derived, Figures, Metric};
use crate::findings::Findings;
use crate::model::{Model, PeriodKind};
use crate::render::Sink;
use rayon::prelude::*;

pub use dashboard::{is_low, rank_legend};
pub use lists::practice_path;
pub use templates::TemplateError;

/// Lookups every page needs, built once.
pub struct Site<'a> {
    pub model: &'a Model,
    pub figures: &'a Figures,
    pub findings: &'a Findings,
    tera: Tera,
    /// Bimonth periods, in order: the x axis of trend charts.
    pub bimonths: Vec<usize>,
    pub campaign: usize,
    pub visits_by_county: Vec<Vec<usize>>,
    pub visits_by_upper: Vec<Vec<usize>>,
    pub pairings_by_county: Vec<Vec<usize>>,
    pub pairings_by_upper: Vec<Vec<usize>>,
    pub problems_by_county: Vec<Vec<usize>>,
    pub reports_by_county: Vec<Vec<usize>>,
    /// Problems ordered by their county's place in the tree (input order within a county),
    /// so the problems under any unit are one slice.
    problems_in_tree_order: Vec<usize>,
    /// Each unit's newest practices from its subtree (at most `NEWEST`), newest first.
    pub newest: Vec<Vec<usize>>,
}

pub const NEWEST: usize = 30;

/// The figures that sum a unit up: on its page, and for each child in ranking tables.
pub const KEY_FIGURES: [Metric; 7] = [
    Metric::Derived(Derived::ReportingRate),
    Metric::Derived(Derived::Timeliness),
    Metric::Derived(Derived::PairingCoverage),
    Metric::Derived(Derived::VisitCoverage),
    Metric::Derived(Derived::ResolutionRate(None)),
    Metric::Derived(Derived::FiveStrong),
    Metric::Derived(Derived::Practices),
];

/// What every page template gets.
#[derive(Serialize)]
pub struct Common {
    pub root: String,
    pub site_title: String,
    pub page_title: String,
    pub nav: &'static str,
    pub crumbs: Vec<Link>,
    pub as_of: String,
    /// The national unit's page, the top of the drill-down.
    pub units_href: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct Link {
    pub name: String,
    pub href: String,
}

/// Renders every page into `sink`, the unit and practice pages in parallel.
pub fn render(
    model: &Model,
    figures: &Figures,
    findings: &Findings,
    tera: Tera,
    sink: &dyn Sink,
    alongside: &(dyn Fn() -> Result<(), String> + Sync),
) -> Result<Laps, String> {
    let mut laps = Laps::start();
    let site = Site::new(model, figures, findings, tera);
    site.emit(
        sink,
        "index.html",
        "dashboard.html",
        &dashboard::view(&site),
    )?;
    site.emit(
        sink,
        "guide/index.html",
        "guide.html",
        &lists::guide_view(&site),
    )?;
    laps.lap("dashboard");
    // The library first, on its own (its pages are what the benchmark compares with Hugo);
    // then the unit pages, with the search index and `alongside` work filling idle cores.
    let texts = library::pages(&site, sink, &mut laps)?;
    let (pages, (index, other)) = rayon::join(
        || rest(&site, sink),
        || rayon::join(|| library::search_files(&site, sink, texts), alongside),
    );
    pages?;
    index?;
    other?;
    laps.lap("unit pages, bulletins, search index and export");
    sink.put(
        "assets/style.css",
        include_bytes!("../../../assets/site/style.css"),
    )?;
    sink.put(
        "assets/app.js",
        include_bytes!("../../../assets/site/app.js"),
    )?;
    sink.put(
        "assets/bulletin.css",
        include_bytes!("../../../assets/site/bulletin.css"),
    )?;
    sink.put(
        "assets/search.js",
        include_bytes!("../../../assets/site/search.js"),
    )?;
    Ok(laps)
}

/// Unit pages, bulletins, the problem list and the quality page.
fn rest(site: &Site, sink: &dyn Sink) -> Result<(), String> {
    let model = site.model;
    (0..model.units.len()).into_par_iter().try_for_each(|u| {
        site.emit(
            sink,
            &unit_path(&model.units.units[u].code),
            "unit.html",
            &unit_page::view(site, u),
        )
    })?;
    followup::write_pages(site, sink)?;
    site.emit(
        sink,
        "periods/index.html",
        "periods.html",
        &period_page::periods_view(site),
    )?;
    (0..model.calendar.periods.len())
        .into_par_iter()
        .try_for_each(|p| {
            site.emit(
                sink,
                &period_path(&model.calendar.periods[p].id),
                "period.html",
                &period_page::view(site, p),
            )
        })?;
    problems::pages(site, sink)?;
    site.emit(
        sink,
        "quality/index.html",
        "quality.html",
        &quality::quality_view(site),
    )?;
    Ok(())
}

/// How long each part of the rendering took, for `build --timings` and the benchmark.
pub struct Laps {
    pub list: Vec<(&'static str, f64)>,
    last: std::time::Instant,
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            list: Vec::new(),
            last: std::time::Instant::now(),
        }
    }

    pub fn lap(&mut self, stage: &'static str) {
        self.list.push((stage, self.last.elapsed().as_secs_f64()));
        self.last = std::time::Instant::now();
    }
}

impl<'a> Site<'a> {
    fn new(model: &'a Model, figures: &'a Figures, findings: &'a Findings, tera: Tera) -> Site<'a> {
        let n = model.units.len();
        let cal = &model.calendar;
        let bimonths = (0..cal.periods.len())
            .filter(|p| cal.periods[*p].kind == PeriodKind::Bimonth)
            .collect();
        let mut s = Site {
            model,
            figures,
            findings,
            tera,
            bimonths,
            campaign: figures.timeline.campaign,
            visits_by_county: vec![Vec::new(); n],
            visits_by_upper: vec![Vec::new(); n],
            pairings_by_county: vec![Vec::new(); n],
            pairings_by_upper: vec![Vec::new(); n],
            problems_by_county: vec![Vec::new(); n],
            reports_by_county: vec![Vec::new(); n],
            problems_in_tree_order: (0..model.problems.len()).collect(),
            newest: vec![Vec::new(); n],
        };
        for (i, v) in model.visits.iter().enumerate() {
            s.visits_by_county[v.county].push(i);
            s.visits_by_upper[v.upper].push(i);
        }
        for (i, p) in model.pairings.iter().enumerate() {
            s.pairings_by_county[p.county].push(i);
            s.pairings_by_upper[p.upper].push(i);
        }
        for (i, p) in model.problems.iter().enumerate() {
            s.problems_by_county[p.county].push(i);
        }
        for (i, r) in model.reports.iter().enumerate() {
            s.reports_by_county[r.county].push(i);
        }
        s.problems_in_tree_order
            .sort_by_key(|i| (model.problems[*i].county, *i));
        for (i, p) in model.practices.iter().enumerate() {
            let mut at = Some(p.unit);
            while let Some(u) = at {
                if s.newest[u].len() < NEWEST {
                    s.newest[u].push(i);
                }
                at = model.units.units[u].parent;
            }
        }
        s
    }

    /// The problems of counties under `unit`, in input order.
    pub fn problems_under(&self, unit: usize) -> Vec<usize> {
        let units = &self.model.units;
        let county = |i: &usize| self.model.problems[*i].county;
        let list = &self.problems_in_tree_order;
        let start = list.partition_point(|i| county(i) < unit);
        let end = list.partition_point(|i| county(i) < unit || units.is_under(county(i), unit));
        let mut out = list[start..end].to_vec();
        out.sort_unstable();
        out
    }

    pub fn common(
        &self,
        path: &str,
        page_title: &str,
        nav: &'static str,
        crumbs: Vec<Link>,
    ) -> Common {
        let depth = path.matches('/').count();
        let cal = &self.model.calendar;
        let as_of = match self.figures.timeline.latest {
            Some(p) => format!(
                "数据截至{}（{}报告期）",
                format::date(self.figures.timeline.data_as_of(cal)),
                cal.periods[p].label
            ),
            None => "尚无报送数据".to_string(),
        };
        Common {
            root: "../".repeat(depth),
            site_title: self.model.title.clone(),
            page_title: page_title.to_string(),
            nav,
            crumbs,
            as_of,
            units_href: unit_path(&self.model.units.units[self.model.units.root()].code),
        }
    }

    /// Renders one page with its template and hands it to the sink.
    fn emit<T: Serialize>(
        &self,
        sink: &dyn Sink,
        path: &str,
        template: &str,
        view: &T,
    ) -> Result<(), String> {
        let context =
            tera::Context::from_serialize(view).map_err(|e| format!("{template}: {e}"))?;
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| templates::describe(template, &e))?;
        sink.put(path, html.as_bytes())
    }

    /// Breadcrumbs from the root to the unit (all linked), relative to `root`.
    pub fn unit_crumbs(&self, unit: usize, root: &str) -> Vec<Link> {
        self.model
            .units
            .path(unit)
            .into_iter()
            .map(|u| self.unit_link(u, root))
            .collect()
    }

    pub fn unit_link(&self, unit: usize, root: &str) -> Link {
        let u = &self.model.units.units[unit];
        Link {
            name: u.name.clone(),
            href: format!("{root}{}", unit_path(&u.code)),
        }
    }

    /// `甲省 · 甲一市 · 东区`: where a unit sits, for lists that mix provinces.
    pub fn place(&self, unit: usize) -> String {
        let path = self.model.units.path(unit);
        path.iter()
            .skip(1)
            .map(|u| self.model.units.units[*u].name.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

pub fn unit_path(code: &str) -> String {
    format!("units/{}/index.html", safe_segment(code))
}

pub fn period_path(id: &str) -> String {
    format!("periods/{}/index.html", safe_segment(id))
}

/// A code as one safe path segment: letters, digits, `-` and `_` stay; anything else (`.`,
/// `/`, Chinese) is written as `~` and its hex bytes, so no code can leave its folder. A
/// segment longer than file systems allow in a name (a long Chinese file name or tag, a
/// 300-character code) keeps its start and ends in `~~` and a hash of the whole: still one
/// name per code, and the same on every build.
pub fn safe_segment(code: &str) -> String {
    use std::fmt::Write;
    const MAX: usize = 120;
    let mut out = String::with_capacity(code.len() * 3);
    for b in code.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            let _ = write!(out, "~{b:02x}");
        }
    }
    if out.len() > MAX {
        let mut cut = MAX - 18;
        // Not inside an escape `~xx`.
        while out[..cut].ends_with('~') || out[..cut.saturating_sub(1)].ends_with('~') {
            cut -= 1;
        }
        let hash = code.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        out.truncate(cut);
        out.push_str(&format!("~~{hash:016x}"));
    }
    if out.is_empty() { "~".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_safe_path_segments() {
        assert_eq!(safe_segment("130102"), "130102");
        assert_eq!(safe_segment("N-01_a"), "N-01_a");
        assert_eq!(safe_segment("../x"), "~2e~2e~2fx");
        assert_eq!(safe_segment("/etc"), "~2fetc");
        assert_eq!(safe_segment(""), "~");
        let long_name = safe_segment(&"县级工会加强年好经验".repeat(3));
        assert!(long_name.len() <= 120, "{long_name}");
        assert!(long_name.starts_with("~e5~8e~bf"), "{long_name}");
        let long_code = "1".repeat(300);
        assert_eq!(safe_segment(&long_code), safe_segment(&long_code));
        assert_ne!(safe_segment(&long_code), safe_segment(&"1".repeat(301)));
    }
}
