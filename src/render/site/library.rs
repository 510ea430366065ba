//! The good-practice library (好经验好做法库): a page per write-up with related practices,
//! listing pages for every filter value (so filters work without JavaScript), and the search
//! index that search.js loads.

use std::collections::BTreeMap;

use serde::Serialize;

use super::lists::{PracticeItem, practice_item, practice_path};
use super::{Common, Link, Site, safe_segment};
use crate::engine::Library;
use crate::engine::library::GROUPS;
use crate::render::search::{self, Doc, json_string};
use crate::render::{Sink, markdown};
use rayon::prelude::*;

pub const PAGE_SIZE: usize = 50;

pub fn facet_path(group: usize, value: &str, page: usize) -> String {
    let base = format!("practices/{}/{}/", GROUPS[group].0, safe_segment(value));
    if page <= 1 {
        format!("{base}index.html")
    } else {
        format!("{base}page/{page}/index.html")
    }
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
    groups: Vec<FacetGroup>,
    pages: Vec<Link>,
    page: usize,
    /// The current filter, if any (for the “clear” link).
    filter: String,
    search_href: String,
    is_index: bool,
}

#[derive(Serialize)]
struct FacetGroup {
    name: &'static str,
    key: &'static str,
    values: Vec<FacetValue>,
}

#[derive(Serialize)]
struct FacetValue {
    name: String,
    href: String,
    count: usize,
    current: bool,
}

#[derive(Serialize)]
pub struct PracticeView {
    #[serde(flatten)]
    common: Common,
    practice: PracticeItem,
    tags: Vec<Link>,
    topics: Vec<Link>,
    region: Option<Link>,
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
/// The library's pages; returns the filters and the plain texts the search index needs.
pub fn pages(site: &Site, sink: &dyn Sink, laps: &mut super::Laps) -> Result<Vec<String>, String> {
    let m = site.model;
    let facets = &site.figures.library;
    let all: Vec<usize> = (0..m.practices.len()).collect();
    listing(site, sink, facets, None, &all)?;
    facets
        .values
        .par_iter()
        .try_for_each(|(group, value, docs)| {
            listing(site, sink, facets, Some((*group, value.as_str())), docs)
        })?;
    laps.lap("library filter pages");
    // Each practice's page; its plain text is kept for the search index.
    let texts: Vec<String> = (0..m.practices.len())
        .into_par_iter()
        .map(|i| {
            let html = markdown::to_html(&m.practices[i].body);
            let text = search::html_to_text(&html);
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
    facets: &Library,
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
            Some((g, v)) => format!("{}：{}", GROUPS[g].1, v),
            None => "好经验好做法库".to_string(),
        };
        let crumbs = if filter.is_some() || page > 1 {
            library_crumb(&path)
        } else {
            Vec::new()
        };
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
            groups: GROUPS
                .iter()
                .enumerate()
                .map(|(g, (key, name))| FacetGroup {
                    name,
                    key,
                    values: facets
                        .values
                        .iter()
                        .filter(|(vg, _, _)| *vg == g)
                        .map(|(_, v, d)| FacetValue {
                            name: v.clone(),
                            href: format!("{root}{}", facet_path(g, v, 1)),
                            count: d.len(),
                            current: filter == Some((g, v.as_str())),
                        })
                        .collect(),
                })
                .filter(|g| !g.values.is_empty())
                .collect(),
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
            filter: filter.map_or(String::new(), |(_, v)| v.to_string()),
            search_href: format!("{root}practices/search/index.html"),
            is_index: filter.is_none() && page == 1,
            common,
        };
        site.emit(sink, &path, "practices.html", &view)?;
    }
    Ok(())
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

/// `search/meta.js` (titles, summaries, filters: what results and filters show) plus the
/// key and text shards of the index.
pub fn search_files(site: &Site, sink: &dyn Sink, texts: Vec<String>) -> Result<(), String> {
    let m = site.model;
    let facets = &site.figures.library;
    let docs: Vec<Doc> = m
        .practices
        .iter()
        .zip(texts)
        .map(|(p, body)| Doc {
            title: p.title.clone(),
            text: format!("{} {body}", p.summary),
        })
        .collect();
    let built = search::build(&docs);
    let mut meta = format!(
        "CB_SEARCH.meta({{\"keyShards\":{},\"textShard\":{},\"groups\":[{}],\"values\":[{}],\"docs\":[",
        built.key_shards,
        built.docs_per_text_shard,
        GROUPS
            .iter()
            .map(|(k, n)| format!("[{},{}]", json_string(k), json_string(n)))
            .collect::<Vec<_>>()
            .join(","),
        facets
            .values
            .iter()
            .map(|(g, v, _)| format!("[{g},{}]", json_string(v)))
            .collect::<Vec<_>>()
            .join(",")
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
    sink.put("practices/search/meta.js", meta.as_bytes())?;
    for (name, text) in built.files {
        sink.put(&format!("practices/search/{name}"), text.as_bytes())?;
    }
    Ok(())
}
