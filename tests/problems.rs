//! The problem lists and the workbook of every figure, read back as a user gets them.
//!
//! Problem lists: every province and prefecture lists each of its problems exactly once, in
//! the order the page states (open longest first, then in progress, then resolved latest
//! first) with its status on the campaign's last day, worked out here from problems.csv; long
//! lists are paged at 100 with a page per status and category; each list's count is its
//! figure; breadcrumbs, dates and the data for filtering in place agree with the pages.
//! Workbook: `data/indicators.xlsx` has Chinese headers and unit names, and every figure equals
//! `indicators.csv`. A browser check (ignored without Chromium) reads the lists on a phone.

use crate::common;
use common::chromium;
use common::read_csv;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use scraper::{ElementRef, Html, Selector};

fn build(project: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .args(["build", "--quiet", "--today", "2026-11-25", "-C"])
        .arg(project)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The sample's site, built once for every test that reads it.
fn sample_site() -> &'static Path {
    common::sample_site()
}

fn select(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(el: ElementRef) -> String {
    el.text().collect::<String>().trim().to_string()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Open,
    InProgress,
    Resolved,
}

/// A problem as the lists must show it, worked out from problems.csv and the cut-off.
struct Problem {
    id: String,
    county: String,
    category: String,
    state: State,
    /// The order key: open and in progress by date found, resolved latest first.
    key: (u8, i64, usize),
}

fn day(date: &str) -> i64 {
    let d: jiff::civil::Date = date.parse().unwrap();
    i64::from(d.year()) * 400 + i64::from(d.day_of_year())
}

fn problems(project: &Path, cut_off: &str) -> Vec<Problem> {
    let end = day(cut_off);
    read_csv(&project.join("data/problems.csv"))
        .into_iter()
        .enumerate()
        .filter(|(_, r)| day(&r["found_on"]) <= end)
        .map(|(i, r)| {
            let found = day(&r["found_on"]);
            let resolved = (r["status"] == "resolved")
                .then(|| day(&r["resolved_on"]))
                .filter(|d| *d <= end);
            let (state, key) = match (resolved, r["status"].as_str()) {
                (Some(d), _) => (State::Resolved, (2, -d, i)),
                (None, "open") => (State::Open, (0, found, i)),
                _ => (State::InProgress, (1, found, i)),
            };
            Problem {
                id: r["id"].clone(),
                county: r["county"].clone(),
                category: r["category"].clone(),
                state,
                key,
            }
        })
        .collect()
}

/// Each unit's ancestors (itself included), from units.csv.
fn ancestors(project: &Path) -> HashMap<String, Vec<String>> {
    let parent: HashMap<String, String> = read_csv(&project.join("data/units.csv"))
        .into_iter()
        .map(|r| (r["code"].clone(), r["parent"].clone()))
        .collect();
    parent
        .keys()
        .map(|code| {
            let mut chain = vec![code.clone()];
            while let Some(p) = parent.get(chain.last().unwrap()).filter(|p| !p.is_empty()) {
                chain.push(p.clone());
            }
            (code.clone(), chain)
        })
        .collect()
}

/// The ids listed on a page (its main list, not the problems found after the cut-off), and the
/// number its heading quotes.
fn listed(page: &Path) -> (Vec<String>, Vec<String>, String) {
    let html = fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let doc = Html::parse_document(&html);
    let rows: Vec<ElementRef> = doc
        .select(&select("#static-list table.plist tbody tr"))
        .collect();
    let ids = rows
        .iter()
        .map(|tr| text(tr.select(&select("td.pid")).next().unwrap()))
        .collect();
    let classes = rows
        .iter()
        .map(|tr| tr.value().attr("class").unwrap_or("").to_string())
        .collect();
    let count = doc
        .select(&select("h2#list [data-m]"))
        .next()
        .map(text)
        .unwrap_or_default();
    (ids, classes, count.replace(',', ""))
}

/// Every page of a list, following the pager from its first page.
fn list_pages(first: &Path) -> Vec<(Vec<String>, Vec<String>, String)> {
    let mut pages = vec![listed(first)];
    let dir = first.parent().unwrap();
    let mut n = 2;
    while dir.join(format!("page/{n}/index.html")).exists() {
        pages.push(listed(&dir.join(format!("page/{n}/index.html"))));
        n += 1;
    }
    pages
}

const FILTERS: [&str; 6] = [
    "open",
    "in_progress",
    "resolved",
    "coordinate",
    "union",
    "self",
];

fn holds(p: &Problem, filter: &str) -> bool {
    match filter {
        "open" => p.state == State::Open,
        "in_progress" => p.state == State::InProgress,
        "resolved" => p.state == State::Resolved,
        category => p.category == category,
    }
}

#[test]
fn each_list_holds_its_problems_once_in_the_stated_order_paged_and_filtered() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = sample_site();
    let periods = read_csv(&site.join("data/periods.csv"));
    let cut_off = &periods.iter().find(|r| r["period"] == "campaign").unwrap()["last_day"];
    let mut all = problems(project, cut_off);
    all.sort_by_key(|p| p.key);
    let up = ancestors(project);
    let mut lists = 0;
    let mut paged = 0;
    for entry in fs::read_dir(site.join("problems")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let unit = dir.file_name().unwrap().to_string_lossy().to_string();
        let mine: Vec<&Problem> = all
            .iter()
            .filter(|p| up[&p.county].contains(&unit))
            .collect();
        let pages = list_pages(&dir.join("index.html"));
        let ids: Vec<String> = pages.iter().flat_map(|p| p.0.clone()).collect();
        let expected: Vec<String> = mine.iter().map(|p| p.id.clone()).collect();
        assert_eq!(
            ids, expected,
            "problems/{unit}/: every problem once, in order"
        );
        assert_eq!(
            pages[0].2,
            expected.len().to_string(),
            "problems/{unit}/ count"
        );
        assert!(
            pages.iter().all(|p| p.0.len() <= 100),
            "problems/{unit}/: 100 a page"
        );
        assert!(pages.iter().rev().skip(1).all(|p| p.0.len() == 100));
        lists += 1;
        if mine.len() <= 100 {
            // One page: the rows carry their status and category, which the anchors filter.
            assert_eq!(pages.len(), 1);
            assert!(!dir.join("open").exists());
            for (p, class) in mine.iter().zip(&pages[0].1) {
                for filter in FILTERS {
                    assert_eq!(
                        class.split(' ').any(|c| c == format!("r-{filter}")),
                        holds(p, filter),
                        "problems/{unit}/ {}: {class}",
                        p.id
                    );
                }
            }
            continue;
        }
        paged += 1;
        for filter in FILTERS {
            let pages = list_pages(&dir.join(filter).join("index.html"));
            let ids: Vec<String> = pages.iter().flat_map(|p| p.0.clone()).collect();
            let expected: Vec<String> = mine
                .iter()
                .filter(|p| holds(p, filter))
                .map(|p| p.id.clone())
                .collect();
            assert_eq!(ids, expected, "problems/{unit}/{filter}/");
            assert_eq!(pages[0].2, expected.len().to_string(), "{unit}/{filter}");
        }
    }
    // Three provinces and their prefectures; 河北 (958) and four prefectures are paged.
    assert_eq!(lists, 32);
    assert_eq!(paged, 6);
}

#[test]
fn breadcrumbs_name_each_step_once_and_dates_are_chinese() {
    let site = sample_site();
    let crumbs = |page: &str| {
        let html = fs::read_to_string(site.join(page)).unwrap();
        let doc = Html::parse_document(&html);
        let nav = doc.select(&select("nav.crumbs")).next().unwrap();
        text(nav).split_whitespace().collect::<String>()
    };
    assert_eq!(crumbs("problems/13/index.html"), "问题清单›河北省");
    assert_eq!(
        crumbs("problems/1301/index.html"),
        "问题清单›河北省›石家庄市"
    );
    assert_eq!(
        crumbs("problems/13/open/page/2/index.html"),
        "问题清单›河北省›待解决›第2页"
    );
    assert_eq!(
        crumbs("problems/1301/union/index.html"),
        "问题清单›河北省›石家庄市›工会系统资源解决"
    );
    let html = fs::read_to_string(site.join("problems/13/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    assert_eq!(
        doc.select(&select("title")).next().map(text).as_deref(),
        Some("河北省问题清单 · 县级工会加强年专项工作")
    );
    let mut dates = 0;
    for t in doc.select(&select("table.plist time")) {
        let iso = t.value().attr("datetime").unwrap();
        let d: jiff::civil::Date = iso.parse().unwrap();
        assert_eq!(
            text(t),
            format!("{}年{}月{}日", d.year(), d.month(), d.day())
        );
        dates += 1;
    }
    assert!(dates >= 100, "{dates} dates");
    let css = fs::read_to_string(site.join("assets/style.css")).unwrap();
    assert!(css.contains(".plist time, .plist .pid, .plist .pc { white-space: nowrap; }"));
}

/// `data.js`: `CB_PROBLEMS({...});` as JSON.
#[test]
fn the_problem_list_export_holds_every_problem_with_its_status_and_tallies_to_the_figures() {
    let site = sample_site();
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exported = read_csv(&site.join("data/problem_list.csv"));
    // Every problem of the input once, in its order, with the status worked out here.
    let worked: HashMap<String, &'static str> = problems(project, "2023-09-30")
        .into_iter()
        .map(|p| {
            let s = match p.state {
                State::Open => "open",
                State::InProgress => "in_progress",
                State::Resolved => "resolved",
            };
            (p.id, s)
        })
        .collect();
    let input: Vec<String> = read_csv(&project.join("data/problems.csv"))
        .into_iter()
        .map(|r| r["id"].clone())
        .collect();
    let ids: Vec<String> = exported.iter().map(|r| r["problem"].clone()).collect();
    assert_eq!(ids, input);
    for r in &exported {
        let expected = worked
            .get(&r["problem"])
            .copied()
            .unwrap_or("not_yet_found");
        assert_eq!(r["status"], expected, "{}", r["problem"]);
        assert_eq!(r["status"] == "resolved", !r["resolved_on"].is_empty());
    }
    // Tallied by unit, the export gives each unit's campaign figures.
    let up = ancestors(project);
    let mut tally: HashMap<(String, &str), u64> = HashMap::new();
    for r in &exported {
        for unit in &up[&r["unit"]] {
            *tally
                .entry((unit.clone(), r["status"].as_str()))
                .or_default() += 1;
        }
    }
    let mut compared = 0;
    for row in read_csv(&site.join("data/indicators.csv")) {
        if row["period"] != "campaign" {
            continue;
        }
        let count = |s: &str| tally.get(&(row["unit"].clone(), s)).copied().unwrap_or(0);
        let (open, going, done) = (count("open"), count("in_progress"), count("resolved"));
        match row["indicator"].as_str() {
            "problems_open" => assert_eq!(row["value"], open.to_string(), "{row:?}"),
            "problems_in_progress" => assert_eq!(row["value"], going.to_string(), "{row:?}"),
            "resolution_rate" => {
                assert_eq!(row["reported"], done.to_string(), "{row:?}");
                assert_eq!(
                    row["expected"],
                    (open + going + done).to_string(),
                    "{row:?}"
                );
            }
            _ => continue,
        }
        compared += 1;
    }
    assert!(compared > 3 * 300, "compared {compared} figures");
}

fn data_js(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    let json = text
        .trim()
        .strip_prefix("CB_PROBLEMS(")
        .and_then(|t| t.strip_suffix(");"))
        .unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_data_for_filtering_in_place_holds_every_row_and_the_figures() {
    let site = sample_site();
    let export: HashMap<(String, String), (String, String, String)> =
        read_csv(&site.join("data/indicators.csv"))
            .into_iter()
            .filter(|r| r["period"] == "campaign")
            .map(|r| {
                (
                    (r["unit"].clone(), r["indicator"].clone()),
                    (
                        r["value"].clone(),
                        r["reported"].clone(),
                        r["expected"].clone(),
                    ),
                )
            })
            .collect();
    let html = fs::read_to_string(site.join("problems/13/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let filter = doc.select(&select("#pfilter")).next().unwrap();
    let chunks: Vec<String> =
        serde_json::from_str(filter.value().attr("data-chunks").unwrap()).unwrap();
    assert_eq!(chunks.len(), 12, "河北 and its 11 prefectures");
    let mut rows: Vec<(u64, String)> = Vec::new();
    let mut checked = 0;
    for chunk in &chunks {
        let data = data_js(&site.join(chunk));
        for row in data["rows"].as_array().unwrap() {
            let html = format!("{}{}", row[4].as_str().unwrap(), row[5].as_str().unwrap());
            let id = Html::parse_fragment(&format!("<table>{html}</table>"))
                .select(&select("td.pid"))
                .next()
                .map(text)
                .unwrap();
            rows.push((row[0].as_u64().unwrap(), id));
        }
        // Found, open, in progress, resolved by all, 协调, 工会, 自身.
        let metric = |s: usize, c: usize| {
            let suffix = ["", "_coordinate", "_union", "_self"][c];
            match s {
                0 => (format!("resolution_rate{suffix}"), 2),
                1 => (format!("problems_open{suffix}"), 0),
                2 => (format!("problems_in_progress{suffix}"), 0),
                _ => (format!("resolution_rate{suffix}"), 1),
            }
        };
        for (unit, figures) in data["figures"].as_object().unwrap() {
            for (k, n) in figures.as_array().unwrap().iter().enumerate() {
                let (code, part) = metric(k / 4, k % 4);
                let (v, r, e) = &export[&(unit.clone(), code.clone())];
                let exported = [v, r, e][part];
                assert_eq!(n.to_string(), *exported, "{chunk} {unit} {code}");
                checked += 1;
            }
        }
    }
    rows.sort();
    let ids: Vec<String> = rows.into_iter().map(|(_, id)| id).collect();
    let listed: Vec<String> = list_pages(&site.join("problems/13/index.html"))
        .into_iter()
        .flat_map(|p| p.0)
        .collect();
    assert_eq!(ids, listed, "the data holds the list, in its order");
    assert!(checked >= 12 * 16, "{checked} figures");
}

/// The workbook's sheets as (sheet, header, rows).
fn workbook(path: &Path) -> Vec<(String, Vec<String>, Vec<Vec<Data>>)> {
    let mut book = open_workbook_auto(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let mut rows = range.rows().map(<[Data]>::to_vec);
            let header = rows
                .next()
                .unwrap_or_default()
                .iter()
                .map(|c| c.to_string())
                .collect();
            (name, header, rows.collect())
        })
        .collect()
}

/// Every figure of `indicators.csv` is in its sheet, under its Chinese heading, on the row of
/// its unit (named) and period; nothing else is.
fn check_workbook(site: &Path) -> usize {
    let csv = read_csv(&site.join("data/indicators.csv"));
    let mut export: BTreeMap<(String, String, String), String> = BTreeMap::new();
    for r in &csv {
        if !r["value"].is_empty() {
            export.insert(
                (
                    r["period"].clone(),
                    r["unit"].clone(),
                    r["indicator"].clone(),
                ),
                r["value"].clone(),
            );
        }
    }
    let sheets = workbook(&site.join("data/indicators.xlsx"));
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["专项工作全程", "半年", "季度", "双月", "指标说明"]);
    let notes = &sheets[4].2;
    // The explanation: column heading, code, measure, group, item, how, for every metric.
    let explained: Vec<&Vec<Data>> = notes
        .iter()
        .skip_while(|r| r[0] != "列标题")
        .skip(1)
        .collect();
    let codes: std::collections::BTreeSet<&String> = csv.iter().map(|r| &r["indicator"]).collect();
    assert_eq!(explained.len(), codes.len(), "every metric explained");
    for r in &explained {
        assert!(
            r[5].to_string().chars().count() > 8,
            "how is it computed? {r:?}"
        );
    }
    let metrics: Vec<(String, String)> = explained
        .iter()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    let mut found = 0;
    for (_, header, rows) in &sheets[..4] {
        assert_eq!(
            header[..7],
            [
                "单位代码",
                "单位名称",
                "级别",
                "所属省份",
                "所属地市",
                "期间",
                "期间代码"
            ]
        );
        let headings: Vec<&String> = metrics.iter().map(|m| &m.0).collect();
        assert_eq!(header[7..].iter().collect::<Vec<_>>(), headings);
        for row in rows {
            let unit = row[0].to_string();
            let period = row[6].to_string();
            assert!(!row[1].to_string().is_empty(), "{unit}: a name");
            for (k, (_, code)) in metrics.iter().enumerate() {
                let key = (period.clone(), unit.clone(), code.clone());
                match (row.get(7 + k).unwrap_or(&Data::Empty), export.get(&key)) {
                    (Data::Empty, None) => {}
                    (Data::Float(x), Some(v)) => {
                        assert_eq!(*x, v.parse::<f64>().unwrap(), "{key:?}");
                        found += 1;
                    }
                    (cell, v) => panic!("{key:?}: workbook {cell:?}, csv {v:?}"),
                }
            }
        }
    }
    assert_eq!(found, export.len(), "every figure of the CSV");
    found
}

#[test]
fn the_workbook_holds_every_figure_with_chinese_headings_and_unit_names() {
    let site = sample_site();
    assert!(check_workbook(site) > 250_000);
    let sheets = workbook(&site.join("data/indicators.xlsx"));
    let (_, header, rows) = &sheets[3];
    assert_eq!(header[7], "宣传宣讲场次（次）");
    assert!(header.contains(&"报送率（%）".to_string()), "{header:?}");
    let hebei = rows
        .iter()
        .find(|r| r[0] == "13" && r[6] == "2023-B1")
        .unwrap();
    assert_eq!(
        hebei[1..6]
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>(),
        ["河北省", "省", "河北省", "", "2023年1—2月"]
    );
    let county = rows.iter().find(|r| r[0] == "130102").unwrap();
    assert_eq!(
        county[1..5]
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>(),
        ["长安区", "县", "河北省", "石家庄市"]
    );
    let footer = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(footer.contains("<a href=\"data/indicators.xlsx\">全部指标（Excel）</a>"));
}

#[test]
fn the_fixture_workbook_holds_every_figure() {
    let out = tempfile::tempdir().unwrap();
    build(&common::fixture("basic"), out.path());
    assert!(check_workbook(out.path()) > 500);
}

/// Runs `script` against a page in a frame of `width` px and returns what it logs.
fn probe(page: &Path, width: u32, script: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe.html");
    fs::write(
        &probe,
        format!(
            "<iframe id=f src=\"file://{}\" style=\"width:{width}px;height:800px;border:0\"></iframe><script>f.onload=()=>{{const d=f.contentDocument,w=f.contentWindow;{script}}}</script>",
            page.display()
        ),
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", probe.display()))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter_map(|l| l.split("CONSOLE").nth(1))
        .filter_map(|l| l.split('"').nth(1))
        .map(String::from)
        .collect()
}

#[test]
#[ignore = "needs chromium: run with --include-ignored"]
fn problem_lists_read_on_a_phone_and_filter_in_place() {
    let site = sample_site();
    for (page, width) in [
        ("problems/13/index.html", 390),
        ("problems/1303/index.html", 390),
        ("problems/13/open/page/2/index.html", 390),
        ("problems/13/index.html", 1366),
    ] {
        // No sideways scroll; a page of 100 cards stays a page, not a scroll of 300,000 px.
        let log = probe(
            &site.join(page),
            width,
            "console.log('size '+d.documentElement.scrollWidth+' '+d.documentElement.scrollHeight+' '+d.documentElement.clientWidth)",
        );
        let size: Vec<u32> = log
            .iter()
            .find_map(|l| l.strip_prefix("size "))
            .unwrap_or_else(|| panic!("{page}: {log:?}"))
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        assert!(
            size[0] <= size[2],
            "{page} at {width}px scrolls sideways: {size:?}"
        );
        assert!(
            size[1] < 40_000,
            "{page} at {width}px is {} px tall",
            size[1]
        );
    }
    // Without a script the anchors filter a one-page list; with it, status, category and area
    // combine over every page, and the count shown is the figure.
    let log = probe(
        &site.join("problems/1303/index.html"),
        390,
        "w.location.hash='f-open';setTimeout(()=>{const v=[...d.querySelectorAll('#static-list tbody tr')].filter(t=>w.getComputedStyle(t).display!='none').length;console.log('anchor '+v)},300)",
    );
    let open_1303 = read_csv(&site.join("data/indicators.csv"))
        .into_iter()
        .find(|r| {
            r["period"] == "campaign" && r["unit"] == "1303" && r["indicator"] == "problems_open"
        })
        .unwrap()["value"]
        .clone();
    assert!(log.contains(&format!("anchor {open_1303}")), "{log:?}");
    let log = probe(
        &site.join("problems/13/index.html"),
        390,
        "const e=d.querySelector('#pfilter form').elements;e.status.value='1';e.category.value='2';e.area.value='1301';e.area.dispatchEvent(new Event('change'));setTimeout(()=>{const r=d.getElementById('filtered-list');console.log('inplace '+r.querySelectorAll('tbody tr').length+' '+r.querySelector('.pcount').textContent)},1500)",
    );
    let figure = read_csv(&site.join("data/indicators.csv"))
        .into_iter()
        .find(|r| {
            r["period"] == "campaign"
                && r["unit"] == "1301"
                && r["indicator"] == "problems_open_union"
        })
        .unwrap()["value"]
        .clone();
    let line = log
        .iter()
        .find(|l| l.starts_with("inplace "))
        .unwrap_or_else(|| panic!("{log:?}"));
    assert!(
        line.starts_with(&format!("inplace {figure} "))
            && line.ends_with(&format!("共 {figure} 个")),
        "{line}"
    );
}
