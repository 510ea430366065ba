//! The good-practice library (好经验好做法库): a page per write-up with related practices,
//! listing pages for every filter value (so filters work without JavaScript), and the search
//! index that search.js loads.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::lists::{PracticeItem, practice_item, practice_path};
use super::{Common, Link, Site, safe_segment};
use crate::engine::Library;
use crate::engine::library::{GROUPS, places};
use crate::render::html::escape;
use crate::render::search::{self, Doc, json_string};
use crate::render::{Sink, markdown};
use rayon::prelude::*;

pub const PAGE_SIZE: usize = 50;

/// The order filters are offered in: places after regions.
const SHOWN_IN_ORDER: [usize; 9] = [0, 1, 2, 6, 7, 8, 3, 4, 5];

pub fn facet_path(group: usize, value: &str, page: usize) -> String {
    let base = format!("practices/{}/{}/", GROUPS[group].0, safe_segment(value));
    if page <= 1 {
        format!("{base}index.html")
    } else {
        format!("{base}page/{page}/index.html")
    }
}

/// The library listing the write-ups of a unit and the units below it, for the unit's page:
/// its province's or prefecture's page, the whole library for the nation, or the library
/// filtered in place to a county or national body (`?unit=`, read by search.js).
pub fn practices_href(site: &Site, unit: usize) -> String {
    match places::filter_of(site.model, unit) {
        None => list_path(1),
        Some((places::UNIT, code)) => format!("{}?unit={}", list_path(1), query_value(&code)),
        Some((g, code)) => facet_path(g, &code, 1),
    }
}

/// A value percent-encoded for a query string.
fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn list_path(page: usize) -> String {
    if page <= 1 {
        "practices/index.html".to_string()
    } else {
        format!("practices/page/{page}/index.html")
    }
}

#[derive(Serialize)]
pub struct ListingView {
    #[serde(flatten)]
    common: Common,
    heading: String,
    total: usize,
    practices: Vec<PracticeItem>,
    /// Every filter value with its count, already HTML (see `sidebar`).
    facets_html: String,
    pages: Vec<Link>,
    page: usize,
    /// The current filter, if any (for the “clear” link).
    filter: String,
    search_href: String,
    is_index: bool,
}

#[derive(Serialize)]
pub struct PracticeView {
    #[serde(flatten)]
    common: Common,
    practice: PracticeItem,
    tags: Vec<Link>,
    topics: Vec<Link>,
    region: Option<Link>,
    /// The library's pages of the province and prefecture the write-up comes from.
    places: Vec<Link>,
    promotion: Option<Link>,
    body: String,
    related: Vec<PracticeItem>,
}

#[derive(Serialize)]
pub struct SearchView {
    #[serde(flatten)]
    common: Common,
    total: usize,
}

/// Every library file: listings, filter pages, practice pages, the search page and index.
/// The library's pages; returns the bodies' text the search index needs.
pub fn pages(
    site: &Site,
    sink: &dyn Sink,
    laps: &mut super::Laps,
) -> Result<Vec<Vec<search::Block>>, String> {
    let m = site.model;
    let facets = &site.figures.library;
    let all: Vec<usize> = (0..m.practices.len()).collect();
    let entries = FacetEntries::new(site, facets);
    listing(site, sink, &entries, None, &all)?;
    facets
        .values
        .par_iter()
        .filter(|(group, _, _)| *group != places::UNIT)
        .try_for_each(|(group, value, docs)| {
            listing(site, sink, &entries, Some((*group, value.as_str())), docs)
        })?;
    laps.lap("library filter pages");
    // Each practice's page; its plain text is kept for the search index.
    let texts: Vec<Vec<search::Block>> = (0..m.practices.len())
        .into_par_iter()
        .map(|i| {
            let html = markdown::to_html(&m.practices[i].body);
            let text = search::text::blocks(&html);
            let view = practice_view(site, facets, i, html);
            site.emit(
                sink,
                &practice_path(&m.practices[i].slug),
                "practice.html",
                &view,
            )
            .map(|_| text)
        })
        .collect::<Result<_, String>>()?;
    let common = site.common(
        "practices/search/index.html",
        "搜索好经验好做法",
        "practices",
        library_crumb("practices/search/index.html"),
    );
    site.emit(
        sink,
        "practices/search/index.html",
        "search.html",
        &SearchView {
            common,
            total: facets.total,
        },
    )?;
    laps.lap("practice pages");
    Ok(texts)
}

fn library_crumb(path: &str) -> Vec<Link> {
    let root = "../".repeat(path.matches('/').count());
    vec![Link {
        name: "好经验好做法库".into(),
        href: format!("{root}practices/index.html"),
    }]
}

fn listing(
    site: &Site,
    sink: &dyn Sink,
    entries: &FacetEntries,
    filter: Option<(usize, &str)>,
    docs: &[usize],
) -> Result<(), String> {
    let pages = docs.len().div_ceil(PAGE_SIZE).max(1);
    for page in 1..=pages {
        let path = match filter {
            Some((g, v)) => facet_path(g, v, page),
            None => list_path(page),
        };
        let heading = match filter {
            Some((g, v)) => format!("{}：{}", GROUPS[g].1, places::label(site.model, g, v)),
            None => "好经验好做法库".to_string(),
        };
        let mut crumbs = if filter.is_some() || page > 1 {
            library_crumb(&path)
        } else {
            Vec::new()
        };
        // A prefecture's page sits under its province's.
        let province = filter.and_then(|(g, v)| {
            matches!(g, places::PROVINCE | places::PREFECTURE)
                .then(|| places::province_of(site.model, v))
                .flatten()
        });
        if let (Some((places::PREFECTURE, _)), Some(p)) = (filter, province) {
            let unit = &site.model.units.units[p];
            crumbs.push(Link {
                name: unit.name.clone(),
                href: format!(
                    "{}{}",
                    "../".repeat(path.matches('/').count()),
                    facet_path(places::PROVINCE, &unit.code, 1)
                ),
            });
        }
        let common = site.common(&path, &heading, "practices", crumbs);
        let root = common.root.clone();
        let slice = &docs[(page - 1) * PAGE_SIZE..(page * PAGE_SIZE).min(docs.len())];
        let view = ListingView {
            heading,
            total: docs.len(),
            practices: slice
                .iter()
                .map(|i| practice_item(site, *i, &root))
                .collect(),
            facets_html: sidebar(site, entries, &root, filter, province),
            pages: (1..=pages)
                .map(|n| Link {
                    name: n.to_string(),
                    href: format!(
                        "{root}{}",
                        match filter {
                            Some((g, v)) => facet_path(g, v, n),
                            None => list_path(n),
                        }
                    ),
                })
                .collect(),
            page,
            filter: filter.map_or(String::new(), |(g, v)| places::label(site.model, g, v)),
            search_href: format!("{root}practices/search/index.html"),
            is_index: filter.is_none() && page == 1,
            common,
        };
        site.emit(sink, &path, "practices.html", &view)?;
    }
    Ok(())
}

/// Each filter value as the sidebar shows it (its page, escaped; its label, escaped; its
/// count), worked out once for all the listing pages that show it.
struct FacetEntries<'a> {
    /// Per group, in the order of `facets.in_group`.
    by_group: Vec<Vec<FacetEntry<'a>>>,
}

struct FacetEntry<'a> {
    value: &'a str,
    path: String,
    label: String,
    count: usize,
}

impl<'a> FacetEntries<'a> {
    fn new(site: &Site, facets: &'a Library) -> FacetEntries<'a> {
        let by_group = (0..GROUPS.len())
            .map(|g| {
                if g == places::UNIT {
                    return Vec::new(); // never in the sidebar
                }
                facets
                    .in_group(g)
                    .iter()
                    .map(|(_, v, docs)| FacetEntry {
                        value: v,
                        path: escape(&facet_path(g, v, 1)),
                        label: escape(&places::label(site.model, g, v)),
                        count: docs.len(),
                    })
                    .collect()
            })
            .collect();
        FacetEntries { by_group }
    }
}

/// The filters beside a listing: each group's values with their counts, the current one marked;
/// prefectures on the pages of their province only. Written here rather than in the template:
/// it is most of every listing page, and a template loop over it doubled their cost.
fn sidebar(
    site: &Site,
    entries: &FacetEntries,
    root: &str,
    filter: Option<(usize, &str)>,
    province: Option<usize>,
) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(16 * 1024);
    for g in SHOWN_IN_ORDER {
        let shown = entries.by_group[g].iter().filter(|e| match g {
            places::PREFECTURE => province.is_some_and(|p| places::lies_in(site.model, e.value, p)),
            _ => true,
        });
        let mut items = String::new();
        for e in shown {
            let current = if filter == Some((g, e.value)) {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = write!(
                items,
                "<li><a href=\"{root}{}\"{current}>{}</a> <span class=\"count\">{}</span></li>",
                e.path, e.label, e.count
            );
        }
        if !items.is_empty() {
            let _ = write!(
                out,
                "<section class=\"facet\"><h3>{}</h3><ul>{items}</ul></section>",
                GROUPS[g].1
            );
        }
    }
    out
}

fn practice_view(site: &Site, facets: &Library, i: usize, body: String) -> PracticeView {
    let m = site.model;
    let p = &m.practices[i];
    let path = practice_path(&p.slug);
    let common = site.common(&path, &p.title, "practices", library_crumb(&path));
    let root = common.root.clone();
    let link = |g: usize, v: &str| Link {
        name: v.to_string(),
        href: format!("{root}{}", facet_path(g, v, 1)),
    };
    let find = |g: usize| {
        facets.per_doc[i]
            .iter()
            .find(|(vg, _)| *vg == g)
            .map(|(_, v)| link(g, v))
    };
    PracticeView {
        practice: practice_item(site, i, &root),
        tags: p.tags.iter().map(|t| link(0, t)).collect(),
        topics: p.topics.iter().map(|t| link(1, t)).collect(),
        region: find(2),
        places: facets.per_doc[i]
            .iter()
            .filter(|(g, _)| matches!(*g, places::PROVINCE | places::PREFECTURE))
            .map(|(g, v)| Link {
                name: places::label(m, *g, v),
                href: format!("{root}{}", facet_path(*g, v, 1)),
            })
            .collect(),
        promotion: p.promotion.map(|x| link(4, x.chinese())),
        body,
        related: related(facets, i)
            .into_iter()
            .map(|j| practice_item(site, j, &root))
            .collect(),
        common,
    }
}

/// Up to five practices sharing the most tags and topics, then the region; newest first on ties.
fn related(facets: &Library, i: usize) -> Vec<usize> {
    let weight = |group: usize| match group {
        0 => 3,
        1 => 2,
        2 => 1,
        _ => 0,
    };
    let mut scores = vec![0u32; facets.per_doc.len()];
    for value in &facets.per_doc[i] {
        let w = weight(value.0);
        if w == 0 {
            continue;
        }
        for j in facets.docs_of.get(value).map_or(&[][..], Vec::as_slice) {
            scores[*j] += w;
        }
    }
    scores[i] = 0;
    // The best five by score; practices are listed newest first, so the lower index wins ties.
    let mut best: Vec<(u32, usize)> = Vec::with_capacity(6);
    for (j, s) in scores.into_iter().enumerate().filter(|(_, s)| *s >= 3) {
        let at = best
            .iter()
            .position(|(bs, _)| s > *bs)
            .unwrap_or(best.len());
        if at < 5 {
            best.insert(at, (s, j));
            best.truncate(5);
        }
    }
    best.into_iter().map(|(_, j)| j).collect()
}

/// Every filter value for search.js: `[group, name]`, and for a place `[group, name, code,
/// the value of the place it lies in or -1]` (the filter offers a place's values under it).
fn meta_values(site: &Site, facets: &Library) -> String {
    let m = site.model;
    let index: HashMap<(usize, &str), usize> = facets
        .values
        .iter()
        .enumerate()
        .map(|(k, (g, v, _))| ((*g, v.as_str()), k))
        .collect();
    facets
        .values
        .iter()
        .map(|(g, v, _)| {
            let name = json_string(&places::label(m, *g, v));
            if !places::is_place(*g) {
                return format!("[{g},{name}]");
            }
            let parent = places::parent(m, *g, v)
                .and_then(|(pg, pv)| index.get(&(pg, pv.as_str())).copied())
                .map_or(-1, |k| k as i64);
            format!("[{g},{name},{},{parent}]", json_string(v))
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `search/meta.js` (titles, summaries, filters: what results and filters show) plus the
/// key and text shards of the index.
pub fn search_files(
    site: &Site,
    sink: &dyn Sink,
    texts: Vec<Vec<search::Block>>,
) -> Result<(), String> {
    let m = site.model;
    let facets = &site.figures.library;
    let docs: Vec<Doc> = m
        .practices
        .iter()
        .zip(texts)
        .map(|(p, body)| Doc {
            title: p.title.clone(),
            summary: p.summary.clone(),
            body,
        })
        .collect();
    let built = search::write(&docs, &|name, text| {
        sink.put(&format!("practices/search/{name}"), text.as_bytes())
    })?;
    let mut meta = format!(
        "CB_SEARCH.meta({{\"keyShards\":{},\"textShard\":{},\"order\":{:?},\"places\":[{},{},{}],\"groups\":[{}],\"values\":[{}],\"docs\":[",
        built.key_shards,
        built.docs_per_text_shard,
        SHOWN_IN_ORDER,
        places::PROVINCE,
        places::PREFECTURE,
        places::UNIT,
        GROUPS
            .iter()
            .map(|(k, n)| format!("[{},{}]", json_string(k), json_string(n)))
            .collect::<Vec<_>>()
            .join(","),
        meta_values(site, facets)
    );
    let value_id: BTreeMap<(usize, &str), usize> = facets
        .values
        .iter()
        .enumerate()
        .map(|(k, (g, v, _))| ((*g, v.as_str()), k))
        .collect();
    for (i, p) in m.practices.iter().enumerate() {
        if i > 0 {
            meta.push(',');
        }
        let f: Vec<String> = facets.per_doc[i]
            .iter()
            .filter_map(|(g, v)| value_id.get(&(*g, v.as_str())))
            .map(|k| k.to_string())
            .collect();
        meta.push_str(&format!(
            "[{},{},{},{},{},[{}]]",
            json_string(&p.title),
            json_string(&p.summary),
            json_string(&p.date.to_string()),
            json_string(&m.units.units[p.unit].name),
            json_string(&practice_path(&p.slug)),
            f.join(",")
        ));
    }
    meta.push_str("]});\n");
    sink.put("practices/search/meta.js", meta.as_bytes())
}
