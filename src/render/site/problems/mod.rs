//! The problem list (问题清单). `problems/index.html` sums it up by province and category; every
//! province and prefecture (the nation too when it has no provinces) has its own list under
//! `problems/<code>/`, each problem with its status on the campaign's last day: open longest
//! first, then in progress (longest first), then resolved (latest first).
//!
//! A list that fits on one page filters in place without JavaScript: its status and category
//! links are anchors the stylesheet reads (`:target`). A longer list is paged, 100 a page, with
//! a plain page (also paged) per status and per category. On every list, problems.js combines
//! status, category and area in place from the `data.js` files. Every count is a campaign figure.

mod data;
mod rows;

use rayon::prelude::*;
use serde::Serialize;

use super::format::{Part, grouped, percent, quote};
use super::{Common, Link, Site, safe_segment, templates};
use crate::engine::{Derived, Value};
use crate::model::{Category, Level, Status};
use crate::render::Sink;
use crate::render::search::json_string;
use rows::{Lists, TABLE_FOOT, TABLE_HEAD};

pub use rows::{ProblemRow, problem_row};

pub const PAGE_SIZE: usize = 100;

/// Where a page's rows go: they are copied in after the template has run, not through it.
const ROWS_HERE: &str = "<!--problem-rows-->";

/// What a list holds: every problem, those of one status on the cut-off, or of one category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Filter {
    All,
    Status(Status),
    Category(Category),
}

pub(crate) const STATUSES: [Status; 3] = [Status::Open, Status::InProgress, Status::Resolved];

impl Filter {
    fn every() -> impl Iterator<Item = Filter> {
        std::iter::once(Filter::All)
            .chain(STATUSES.map(Filter::Status))
            .chain(Category::ALL.map(Filter::Category))
    }

    /// The list's folder inside its unit's folder, its anchor and its rows' class.
    pub(crate) fn slug(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Status(Status::Open) => "open",
            Filter::Status(Status::InProgress) => "in_progress",
            Filter::Status(Status::Resolved) => "resolved",
            Filter::Category(c) => c.suffix(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Filter::All => "全部",
            Filter::Status(s) => s.chinese(),
            Filter::Category(c) => c.chinese(),
        }
    }

    /// The campaign figure that counts the list.
    fn figure(self) -> (Derived, Part) {
        match self {
            Filter::All => figure_of(None, None),
            Filter::Status(s) => figure_of(Some(s), None),
            Filter::Category(c) => figure_of(None, Some(c)),
        }
    }

    fn holds(self, status: Status, category: Category) -> bool {
        match self {
            Filter::All => true,
            Filter::Status(s) => s == status,
            Filter::Category(c) => c == category,
        }
    }
}

/// The figure counting the problems of a status (all when `None`) and category on the cut-off:
/// found by then is the resolution rate's denominator, resolved its numerator.
pub(crate) fn figure_of(status: Option<Status>, category: Option<Category>) -> (Derived, Part) {
    match status {
        None => (Derived::ResolutionRate(category), Part::Expected),
        Some(Status::Resolved) => (Derived::ResolutionRate(category), Part::Reported),
        Some(Status::InProgress) => (Derived::ProblemsInProgress(category), Part::Value),
        Some(Status::Open) => (Derived::ProblemsOpen(category), Part::Value),
    }
}

/// The folder of a unit's lists.
fn scope_dir(site: &Site, unit: usize) -> String {
    format!(
        "problems/{}/",
        safe_segment(&site.model.units.units[unit].code)
    )
}

fn list_path(dir: &str, filter: Filter, page: usize) -> String {
    let mut path = dir.to_string();
    if filter != Filter::All {
        path.push_str(filter.slug());
        path.push('/');
    }
    if page > 1 {
        path.push_str(&format!("page/{page}/"));
    }
    path.push_str("index.html");
    path
}

/// The list of a unit's problems: its own, or that of the nearest unit above it with one.
pub fn list_href(site: &Site, unit: usize, root: &str) -> String {
    let m = site.model;
    let listed = |u: &usize| matches!(m.units.units[*u].level, Level::Province | Level::Prefecture);
    match m.units.path(unit).iter().rev().find(|u| listed(u)) {
        Some(u) => format!("{root}{}", list_path(&scope_dir(site, *u), Filter::All, 1)),
        None => format!("{root}problems/index.html"),
    }
}

#[derive(Serialize)]
pub struct ProblemsView {
    #[serde(flatten)]
    common: Common,
    /// The breadcrumb's last step: the list alone, as the crumbs before it name the rest.
    crumb_title: String,
    /// The period and unit of the figures shown (`data-p`, `data-u`).
    period: String,
    unit: String,
    heading: String,
    cut_off: String,
    /// The tallies: by area and by category (the overview and a list's first page).
    areas_title: &'static str,
    areas: Vec<SummaryRow>,
    /// The whole's row under the areas (kept out of their sorting).
    total: Option<SummaryRow>,
    categories: Vec<SummaryRow>,
    /// The overview's link to the national list, when the nation has one.
    national: Option<Link>,
    listed: bool,
    /// The list fits on this page and filters in place (anchors), or has a page per filter.
    in_page: bool,
    list_title: String,
    /// The number of problems listed, quoting its figure (HTML).
    listed_count: String,
    /// Every filter with its figure: the anchors and counts of a list filtered in place.
    counts: Vec<FilterLink>,
    filters: Vec<FilterGroup>,
    /// The rows of this page (HTML), or the mark where they go.
    rows: &'static str,
    empty: bool,
    pages: Vec<PageLink>,
    page: usize,
    page_count: usize,
    /// The problems found after the cut-off, listed apart: they count in no figure (HTML).
    later: String,
    in_place: InPlace,
}

/// An area or a category with its problems by status at the cut-off: each a campaign figure.
#[derive(Serialize)]
struct SummaryRow {
    /// The area's list; no address for a category or the total.
    link: Link,
    /// The area's code (`data-u`), or empty.
    unit: String,
    /// Found, resolved, in progress, open, rate.
    cells: Vec<SummaryCell>,
}

/// A number of a tally and the figure it is (`data-m`, `data-part`).
#[derive(Serialize)]
struct SummaryCell {
    text: String,
    metric: String,
    part: &'static str,
}

#[derive(Serialize)]
struct FilterGroup {
    name: &'static str,
    links: Vec<FilterLink>,
}

#[derive(Serialize, Clone)]
struct FilterLink {
    slug: &'static str,
    name: &'static str,
    href: String,
    /// The list's figure (HTML).
    count: String,
    current: bool,
}

#[derive(Serialize)]
struct PageLink {
    name: String,
    href: String,
    current: bool,
}

/// What problems.js needs to filter in place.
#[derive(Serialize, Clone, Default)]
struct InPlace {
    /// The `data.js` of this list and of the lists below it, from the site's root (JSON).
    chunks: String,
    status: usize,
    category: usize,
    areas: Vec<Link>,
}

/// A row of the tallies: problems found by the campaign's end (the denominator of the
/// resolution rate), resolved by then (its numerator), in progress, open, and the rate.
fn summary_row(site: &Site, unit: usize, category: Option<Category>, link: Link) -> SummaryRow {
    let f = site.figures;
    let rate = Derived::ResolutionRate(category);
    let cell = |d: Derived| f.cell(site.campaign, unit, d).copied().unwrap_or_default();
    let number = |n: Option<u32>| n.map_or("—".to_string(), |n| grouped(&n.to_string()));
    let count = |d: Derived| match cell(d).value {
        Some(Value::Count(n)) => number(Some(n)),
        _ => "—".to_string(),
    };
    let of = |text: String, d: Derived, part: &'static str| SummaryCell {
        text,
        metric: d.definition().code,
        part,
    };
    let in_progress = Derived::ProblemsInProgress(category);
    let open = Derived::ProblemsOpen(category);
    let rate_text = cell(rate)
        .value
        .map_or("—".to_string(), |v| percent(v.to_f64()));
    SummaryRow {
        link,
        unit: if category.is_some() {
            String::new()
        } else {
            site.model.units.units[unit].code.clone()
        },
        cells: vec![
            of(number(cell(rate).expected()), rate, "expected"),
            of(number(cell(rate).reported()), rate, "reported"),
            of(count(in_progress), in_progress, ""),
            of(count(open), open, ""),
            of(rate_text, rate, ""),
        ],
    }
}

fn category_rows(site: &Site, unit: usize) -> Vec<SummaryRow> {
    Category::ALL
        .iter()
        .map(|cat| {
            let link = Link {
                name: cat.chinese().to_string(),
                href: String::new(),
            };
            summary_row(site, unit, Some(*cat), link)
        })
        .collect()
}

/// Every page of the problem list, the data for filtering in place, and the script.
pub fn pages(site: &Site, sink: &dyn Sink) -> Result<(), String> {
    let lists = Lists::new(site);
    site.emit(
        sink,
        "problems/index.html",
        "problems.html",
        &overview(site, &lists),
    )?;
    lists.scopes.par_iter().try_for_each(|&scope| {
        scope_pages(site, &lists, scope, sink)?;
        sink.put(
            &format!("{}data.js", scope_dir(site, scope)),
            data::data_js(site, &lists, scope).as_bytes(),
        )
    })?;
    sink.put(
        "assets/problems.js",
        include_bytes!("../../../../assets/site/problems.js"),
    )
}

fn overview(site: &Site, lists: &Lists) -> ProblemsView {
    let m = site.model;
    let root = m.units.root();
    let common = site.common("problems/index.html", "问题清单", "problems", Vec::new());
    let list_of = |u: usize| {
        format!(
            "{}{}",
            common.root,
            list_path(&scope_dir(site, u), Filter::All, 1)
        )
    };
    let areas: Vec<SummaryRow> = m.units.units[root]
        .children
        .iter()
        .filter(|c| lists.is_scope[**c])
        .map(|&c| {
            let link = Link {
                name: m.units.units[c].name.clone(),
                href: list_of(c),
            };
            summary_row(site, c, None, link)
        })
        .collect();
    let total = (!areas.is_empty()).then(|| {
        let name = Link {
            name: "合计".to_string(),
            href: String::new(),
        };
        summary_row(site, root, None, name)
    });
    let national = lists.is_scope[root].then(|| Link {
        name: format!("{}问题清单", m.units.units[root].name),
        href: list_of(root),
    });
    ProblemsView {
        crumb_title: String::new(),
        period: m.calendar.periods[site.campaign].id.clone(),
        unit: m.units.units[root].code.clone(),
        heading: "问题清单".to_string(),
        cut_off: super::format::date(m.calendar.periods[site.campaign].last_day),
        areas_title: "各省情况",
        areas,
        total,
        categories: category_rows(site, root),
        national,
        listed: false,
        in_page: false,
        list_title: String::new(),
        listed_count: String::new(),
        counts: Vec::new(),
        filters: Vec::new(),
        rows: "",
        empty: false,
        pages: Vec::new(),
        page: 1,
        page_count: 1,
        later: String::new(),
        in_place: InPlace::default(),
        common,
    }
}

/// One page of a list: which rows, and where they stand in the list.
struct Page<'a> {
    filter: Filter,
    number: usize,
    count: usize,
    shown: &'a [usize],
    later: &'a [usize],
}

/// Every page of one unit's lists.
fn scope_pages(site: &Site, lists: &Lists, scope: usize, sink: &dyn Sink) -> Result<(), String> {
    let m = site.model;
    let (mut found, mut later): (Vec<usize>, Vec<usize>) = site
        .problems_under(scope)
        .into_iter()
        .partition(|i| lists.status[*i].is_some());
    found.sort_unstable_by_key(|i| lists.rank[*i]);
    later.sort_unstable_by_key(|i| lists.rank[*i]);
    let chunks = lists
        .scopes
        .iter()
        .filter(|u| m.units.is_under(**u, scope))
        .map(|u| json_string(&format!("{}data.js", scope_dir(site, *u))))
        .collect::<Vec<_>>()
        .join(",");
    let in_place = InPlace {
        chunks: format!("[{chunks}]"),
        status: 0,
        category: 0,
        areas: m.units.units[scope]
            .children
            .iter()
            .filter(|c| m.units.is_territorial(**c))
            .map(|c| Link {
                name: m.units.units[*c].name.clone(),
                href: m.units.units[*c].code.clone(),
            })
            .collect(),
    };
    if found.len() <= PAGE_SIZE {
        let page = Page {
            filter: Filter::All,
            number: 1,
            count: 1,
            shown: &found,
            later: &later,
        };
        return list_page(site, lists, scope, &page, &in_place, sink);
    }
    for filter in Filter::every() {
        let held: Vec<usize> = found
            .iter()
            .copied()
            .filter(|i| lists.status[*i].is_some_and(|s| filter.holds(s, lists.category[*i])))
            .collect();
        let count = held.len().div_ceil(PAGE_SIZE).max(1);
        for number in 1..=count {
            let page = Page {
                filter,
                number,
                count,
                shown: &held[(number - 1) * PAGE_SIZE..(number * PAGE_SIZE).min(held.len())],
                later: if filter == Filter::All && number == 1 {
                    &later
                } else {
                    &[]
                },
            };
            list_page(site, lists, scope, &page, &in_place, sink)?;
        }
    }
    Ok(())
}

/// Renders a page of a list with its template, then copies its rows in where it shows them.
fn list_page(
    site: &Site,
    lists: &Lists,
    scope: usize,
    page: &Page,
    in_place: &InPlace,
    sink: &dyn Sink,
) -> Result<(), String> {
    let (path, view) = list_view(site, lists, scope, page, in_place);
    let context =
        tera::Context::from_serialize(&view).map_err(|e| format!("problems.html: {e}"))?;
    let html = site
        .tera
        .render("problems.html", &context)
        .map_err(|e| templates::describe("problems.html", &e))?;
    let root = &view.common.root;
    let mut out = String::with_capacity(html.len() + page.shown.len() * 450 + 200);
    match html.split_once(ROWS_HERE) {
        Some((before, after)) => {
            out.push_str(before);
            if !page.shown.is_empty() {
                out.push_str(TABLE_HEAD);
                for &i in page.shown {
                    lists.rows[i].write(&mut out, root);
                }
                out.push_str(TABLE_FOOT);
            }
            out.push_str(after);
        }
        None => out.push_str(&html),
    }
    sink.put(&path, out.as_bytes())
}

fn list_view(
    site: &Site,
    lists: &Lists,
    scope: usize,
    page: &Page,
    in_place: &InPlace,
) -> (String, ProblemsView) {
    let m = site.model;
    let unit = &m.units.units[scope];
    let filter = page.filter;
    let in_page = page.count == 1 && filter == Filter::All && page.shown.len() <= PAGE_SIZE;
    let dir = scope_dir(site, scope);
    let path = list_path(&dir, filter, page.number);
    let depth_root = "../".repeat(path.matches('/').count());
    let link_to = |u: usize| Link {
        name: m.units.units[u].name.clone(),
        href: format!(
            "{depth_root}{}",
            list_path(&scope_dir(site, u), Filter::All, 1)
        ),
    };
    // 问题清单 › 河北省 › 石家庄市 › 待解决 · 第2页
    let mut crumbs = vec![Link {
        name: "问题清单".into(),
        href: format!("{depth_root}problems/index.html"),
    }];
    crumbs.extend(
        m.units
            .path(scope)
            .into_iter()
            .filter(|u| *u != scope && lists.is_scope[*u])
            .map(link_to),
    );
    let list_name = format!("{}问题清单", unit.name);
    let mut title = list_name.clone();
    if filter != Filter::All {
        crumbs.push(link_to(scope));
        title = format!("{title} · {}", filter.name());
    }
    let crumb_title = if page.number > 1 {
        if filter == Filter::All {
            crumbs.push(link_to(scope));
        } else {
            crumbs.push(Link {
                name: filter.name().to_string(),
                href: format!("{depth_root}{}", list_path(&dir, filter, 1)),
            });
        }
        title = format!("{title} · 第{}页", page.number);
        format!("第{}页", page.number)
    } else if filter != Filter::All {
        filter.name().to_string()
    } else {
        unit.name.clone()
    };
    let heading = match filter {
        Filter::All => list_name,
        _ => format!("{list_name} · {}", filter.name()),
    };
    let common = site.common(&path, &title, "problems", crumbs);
    let root = common.root.clone();
    let first = filter == Filter::All && page.number == 1;
    let (areas, categories) = if first {
        let areas = unit
            .children
            .iter()
            .filter(|c| m.units.is_territorial(**c))
            .map(|&c| {
                let link = if lists.is_scope[c] {
                    link_to(c)
                } else {
                    site.unit_link(c, &root)
                };
                summary_row(site, c, None, link)
            })
            .collect();
        (areas, category_rows(site, scope))
    } else {
        (Vec::new(), Vec::new())
    };
    let link = |x: Filter| FilterLink {
        slug: x.slug(),
        name: x.name(),
        href: if in_page {
            format!("#f-{}", x.slug())
        } else {
            format!("{root}{}", list_path(&dir, x, 1))
        },
        count: {
            let (d, part) = x.figure();
            quote(site.figures, site.campaign, scope, d, part)
        },
        current: x == filter,
    };
    let counts: Vec<FilterLink> = Filter::every().map(link).collect();
    let filters = vec![
        FilterGroup {
            name: "状态",
            links: counts[..4].to_vec(),
        },
        FilterGroup {
            name: "类别",
            links: std::iter::once(counts[0].clone())
                .chain(counts[4..].iter().cloned())
                .collect(),
        },
    ];
    let pages = pager(page.number, page.count)
        .into_iter()
        .map(|n| match n {
            Some(n) => PageLink {
                name: n.to_string(),
                href: format!("{root}{}", list_path(&dir, filter, n)),
                current: n == page.number,
            },
            None => PageLink {
                name: "…".into(),
                href: String::new(),
                current: false,
            },
        })
        .collect();
    let mut later = String::new();
    if !page.later.is_empty() {
        later.push_str(TABLE_HEAD);
        for &i in page.later {
            lists.rows[i].write(&mut later, &root);
        }
        later.push_str(TABLE_FOOT);
    }
    let in_place = InPlace {
        status: match filter {
            Filter::Status(s) => 1 + STATUSES.iter().position(|x| *x == s).unwrap_or(0),
            _ => 0,
        },
        category: match filter {
            Filter::Category(c) => 1 + Category::ALL.iter().position(|x| *x == c).unwrap_or(0),
            _ => 0,
        },
        ..in_place.clone()
    };
    let view = ProblemsView {
        crumb_title,
        period: m.calendar.periods[site.campaign].id.clone(),
        unit: unit.code.clone(),
        heading,
        cut_off: super::format::date(m.calendar.periods[site.campaign].last_day),
        areas_title: "各地情况",
        areas,
        total: None,
        categories,
        national: None,
        listed: true,
        in_page,
        list_title: match filter {
            Filter::All => "问题明细".to_string(),
            _ => format!("{}的问题", filter.name()),
        },
        listed_count: counts
            .iter()
            .find(|c| c.current)
            .map_or(String::new(), |c| c.count.clone()),
        counts,
        filters,
        rows: ROWS_HERE,
        empty: page.shown.is_empty(),
        pages,
        page: page.number,
        page_count: page.count,
        later,
        in_place,
        common,
    };
    (path, view)
}

/// The page numbers to link: the first, the last, and two either side of the current one,
/// with a gap (`None`) where numbers are left out.
fn pager(page: usize, count: usize) -> Vec<Option<usize>> {
    if count <= 1 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for n in 1..=count {
        if n == 1 || n == count || n.abs_diff(page) <= 2 {
            out.push(Some(n));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_linked_around_the_current_one() {
        assert!(pager(1, 1).is_empty());
        assert_eq!(pager(1, 3), vec![Some(1), Some(2), Some(3)]);
        let gap = None;
        assert_eq!(
            pager(10, 148),
            vec![
                Some(1),
                gap,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                gap,
                Some(148)
            ]
        );
    }

    #[test]
    fn lists_live_in_their_folders() {
        let dir = "problems/13/";
        assert_eq!(list_path(dir, Filter::All, 1), "problems/13/index.html");
        assert_eq!(
            list_path(dir, Filter::Status(Status::Open), 2),
            "problems/13/open/page/2/index.html"
        );
        assert_eq!(
            list_path(dir, Filter::Category(Category::OwnEffort), 1),
            "problems/13/self/index.html"
        );
    }

    #[test]
    fn each_filter_is_counted_by_its_figure() {
        assert_eq!(
            Filter::All.figure(),
            (Derived::ResolutionRate(None), Part::Expected)
        );
        assert_eq!(
            Filter::Status(Status::Resolved).figure(),
            (Derived::ResolutionRate(None), Part::Reported)
        );
        assert_eq!(
            Filter::Category(Category::Union).figure(),
            (
                Derived::ResolutionRate(Some(Category::Union)),
                Part::Expected
            )
        );
        assert_eq!(
            figure_of(Some(Status::Open), Some(Category::Union)),
            (Derived::ProblemsOpen(Some(Category::Union)), Part::Value)
        );
    }
}
