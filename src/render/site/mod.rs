//! The static site: a page per unit and per period, the dashboard, the problem list and the
//! quality report, rendered with Tera from plain view structs.

mod chart;
mod dashboard;
mod format;
mod library;
mod lists;
mod period_page;
pub mod templates;
mod unit_page;

use std::collections::HashMap;

use serde::Serialize;
use tera::Tera;

use crate::engine::Figures;
use crate::findings::Findings;
use crate::model::{Date, Level, Model, PeriodKind};
use crate::render::Sink;
use rayon::prelude::*;

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
    /// The latest reporting period for which any report arrived.
    pub as_of: Option<usize>,
    pub visits_by_county: Vec<Vec<usize>>,
    pub visits_by_upper: Vec<Vec<usize>>,
    pub pairings_by_county: Vec<Vec<usize>>,
    pub pairings_by_upper: Vec<Vec<usize>>,
    pub problems_by_county: Vec<Vec<usize>>,
    /// Earliest on-site visit of each pairing's upper to its county within the campaign.
    pub first_visit: Vec<Option<Date>>,
    /// The winning report of each (county, reporting period).
    reports: HashMap<(usize, usize), usize>,
    /// Counts over each unit's subtree, for the unit pages.
    pub under: Vec<Subtree>,
    /// Each unit's newest practices from its subtree (at most `NEWEST`), newest first.
    pub newest: Vec<Vec<usize>>,
}

/// What lies under a unit (itself included), counted once for all pages.
#[derive(Clone, Copy, Default)]
pub struct Subtree {
    pub practices: usize,
    /// Practices dated in the campaign, and those of them written by counties.
    pub practices_in_campaign: usize,
    pub county_practices_in_campaign: usize,
    /// Pairings in force at the campaign's end.
    pub pairings: usize,
    pub problems: usize,
}

pub const NEWEST: usize = 30;

/// The figures that sum a unit up: on its page, and for each child in ranking tables.
pub const KEY_FIGURES: [&str; 7] = [
    "reporting_rate",
    "timeliness",
    "pairing_coverage",
    "visit_coverage",
    "resolution_rate",
    "five_strong",
    "practices",
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
    let (facets, texts) = library::pages(&site, sink, &mut laps)?;
    let (pages, (index, other)) = rayon::join(
        || rest(&site, sink),
        || {
            rayon::join(
                || library::search_files(&site, sink, &facets, texts),
                alongside,
            )
        },
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
    site.emit(
        sink,
        "periods/index.html",
        "periods.html",
        &lists::periods_view(site),
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
    site.emit(
        sink,
        "problems/index.html",
        "problems.html",
        &lists::problems_view(site, None),
    )?;
    let provinces: Vec<usize> = model.units.units[model.units.root()]
        .children
        .iter()
        .copied()
        .filter(|u| model.units.units[*u].level == Level::Province)
        .collect();
    provinces.into_par_iter().try_for_each(|u| {
        let path = format!(
            "problems/{}/index.html",
            safe_segment(&model.units.units[u].code)
        );
        site.emit(
            sink,
            &path,
            "problems.html",
            &lists::problems_view(site, Some(u)),
        )
    })?;
    site.emit(
        sink,
        "quality/index.html",
        "quality.html",
        &lists::quality_view(site),
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
        let as_of = model
            .reports
            .iter()
            .map(|r| r.period)
            .max_by_key(|p| cal.periods[*p].last_month);
        let mut s = Site {
            model,
            figures,
            findings,
            tera,
            bimonths,
            campaign: cal.periods.len() - 1,
            as_of,
            visits_by_county: vec![Vec::new(); n],
            visits_by_upper: vec![Vec::new(); n],
            pairings_by_county: vec![Vec::new(); n],
            pairings_by_upper: vec![Vec::new(); n],
            problems_by_county: vec![Vec::new(); n],
            first_visit: Vec::new(),
            under: Vec::new(),
            newest: vec![Vec::new(); n],
            reports: model
                .reports
                .iter()
                .enumerate()
                .map(|(i, r)| ((r.county, r.period), i))
                .collect(),
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
        s.under = subtree_counts(model);
        for (i, p) in model.practices.iter().enumerate() {
            let mut at = Some(p.unit);
            while let Some(u) = at {
                if s.newest[u].len() < NEWEST {
                    s.newest[u].push(i);
                }
                at = model.units.units[u].parent;
            }
        }
        s.first_visit = model
            .pairings
            .iter()
            .map(|p| {
                s.visits_by_county[p.county]
                    .iter()
                    .map(|v| &model.visits[*v])
                    .filter(|v| v.onsite && v.upper == p.upper && cal.contains_day(v.date))
                    .map(|v| v.date)
                    .min()
            })
            .collect();
        s
    }

    pub fn report_of(&self, county: usize, period: usize) -> Option<&'a crate::model::Report> {
        let model: &'a Model = self.model;
        self.reports
            .get(&(county, period))
            .map(|i| &model.reports[*i])
    }

    /// The last day figures speak for: the end of the latest reporting period with reports.
    pub fn as_of_day(&self) -> Date {
        let cal = &self.model.calendar;
        self.as_of
            .map_or(cal.last_day(), |p| cal.periods[p].last_day)
    }

    pub fn common(
        &self,
        path: &str,
        page_title: &str,
        nav: &'static str,
        crumbs: Vec<Link>,
    ) -> Common {
        let depth = path.matches('/').count();
        let as_of = match self.as_of {
            Some(p) => format!(
                "数据截至{}（{}报告期）",
                self.as_of_day(),
                self.model.calendar.periods[p].label
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

/// Counts at each unit, then added up the tree (units are in pre-order: parents first).
fn subtree_counts(model: &Model) -> Vec<Subtree> {
    let cal = &model.calendar;
    let mut under = vec![Subtree::default(); model.units.len()];
    for p in &model.practices {
        let t = &mut under[p.unit];
        t.practices += 1;
        if cal.contains_day(p.date) {
            t.practices_in_campaign += 1;
            if model.units.units[p.unit].level == Level::County {
                t.county_practices_in_campaign += 1;
            }
        }
    }
    for p in &model.pairings {
        if p.since <= cal.last_day() {
            under[p.county].pairings += 1;
        }
    }
    for p in &model.problems {
        under[p.county].problems += 1;
    }
    for u in (1..under.len()).rev() {
        if let Some(parent) = model.units.units[u].parent {
            let c = under[u];
            let t = &mut under[parent];
            t.practices += c.practices;
            t.practices_in_campaign += c.practices_in_campaign;
            t.county_practices_in_campaign += c.county_practices_in_campaign;
            t.pairings += c.pairings;
            t.problems += c.problems;
        }
    }
    under
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
    const MAX: usize = 120;
    let mut out = String::with_capacity(code.len());
    for b in code.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("~{b:02x}"));
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
