//! Every figure a reader sees equals the export. Builds the sample and the fixture, then reads
//! the dashboard, the problem pages and every bulletin as HTML: each number marked `data-m`
//! (period and unit from the nearest `data-p` / `data-u`) must be the value, numerator or
//! denominator of that row of `indicators.csv`, as the site formats it; no other number may
//! stand in their text but dates and deadlines; the dashboard's lists of units to push must be
//! the rows of `followup.csv`, and its time elapsed the row of `periods.csv`.

use crate::common;
use common::read_csv;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Node, Selector};

/// `indicators.csv`: (period, unit, code) → (value, reported, expected).
type Export = HashMap<(String, String, String), (String, String, String)>;

struct Site {
    dir: PathBuf,
    export: Export,
    followup: Vec<HashMap<String, String>>,
    periods: Vec<HashMap<String, String>>,
}

fn build(project: &Path, out: &Path) -> Site {
    build_with(project, out, &[])
}

/// `build`, with more arguments (`--keep-going`).
fn build_with(project: &Path, out: &Path, more: &[&str]) -> Site {
    let run = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["build", "--quiet", "--today", "2026-11-25", "-C"])
        .arg(project)
        .args(more)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut export = HashMap::new();
    for row in read_csv(&out.join("data/indicators.csv")) {
        let key = (
            row["period"].clone(),
            row["unit"].clone(),
            row["indicator"].clone(),
        );
        export.insert(
            key,
            (
                row["value"].clone(),
                row["reported"].clone(),
                row["expected"].clone(),
            ),
        );
    }
    Site {
        dir: out.to_path_buf(),
        export,
        followup: read_csv(&out.join("data/followup.csv")),
        periods: read_csv(&out.join("data/periods.csv")),
    }
}

fn select(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The nearest value of an attribute on the element or its ancestors.
fn nearest(el: ElementRef, attr: &str) -> Option<String> {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .find_map(|e| e.value().attr(attr).map(str::to_string))
}

fn text(el: ElementRef) -> String {
    el.text().collect::<String>().trim().to_string()
}

/// The text of an element without the subtrees `skip` says to leave out.
fn text_without(el: ElementRef, skip: &dyn Fn(ElementRef) -> bool) -> String {
    let mut out = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => {
                let e = ElementRef::wrap(child).unwrap();
                if !skip(e) {
                    out.push_str(&text_without(e, skip));
                }
            }
            _ => {}
        }
    }
    out
}

fn is_class(e: ElementRef, class: &str) -> bool {
    e.value().classes().any(|c| c == class)
}

/// The figure's shown value: its `.fig-value`, or its own text less any coverage and label.
fn shown_value(el: ElementRef) -> String {
    if let Some(v) = el.select(&select(".fig-value")).next() {
        return text(v);
    }
    text_without(el, &|e| {
        e.value().name() == "small" || is_class(e, "fig-cov") || is_class(e, "fig-label")
    })
    .trim()
    .to_string()
}

/// The coverage a figure shows (`174/327`, `3/4 县已报`), if any.
fn shown_coverage(el: ElementRef) -> Option<String> {
    el.select(&select(".fig-cov, small"))
        .next()
        .map(text)
        .or_else(|| el.value().attr("title").map(str::to_string))
}

/// The site's way of writing an exported value: percentages to one decimal, grouped
/// thousands, means to two decimals; in cards and sentences amounts from 10,000 up in 万 or
/// 亿 with one decimal (`121.8万人`; a measure in 万元 from 10,000 万元 up as `15.6亿元`).
fn agrees(shown: &str, exported: &str, rate: bool) -> bool {
    if exported.is_empty() {
        return shown == "—";
    }
    let x: f64 = exported.parse().unwrap();
    if rate {
        return shown == format!("{:.1}%", x * 100.0);
    }
    let (number, rest) = split_number(shown);
    let two = format!("{x:.2}");
    number == exported
        || number == two.trim_end_matches('0').trim_end_matches('.')
        || in_wan_or_yi(&number, rest, x)
}

/// `121.8万人` → (`121.8`, `万人`); `1,264 份` → (`1264`, ` 份`).
fn split_number(shown: &str) -> (String, &str) {
    let end = shown
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(shown.len());
    (shown[..end].replace(',', ""), &shown[end..])
}

/// Whether `number` followed by 万 or 亿 reads the exported `x` to one decimal.
fn in_wan_or_yi(number: &str, rest: &str, x: f64) -> bool {
    let scale = match rest.chars().next() {
        Some('万') => 1e4,
        Some('亿') => 1e8,
        _ => return false,
    };
    if x < 10_000.0 && !(scale == 1e8 && rest.ends_with('元')) {
        return false;
    }
    // 亿元 is 10,000 万元 too.
    let bases: &[f64] = if scale == 1e8 && rest.ends_with('元') {
        &[1.0, 1e4]
    } else {
        &[1.0]
    };
    bases
        .iter()
        .any(|b| format!("{:.1}", x * b / scale) == number && number.contains('.'))
}

/// A numerator or denominator as shown: exact (`1,264`) or in 万 (`2.1万`).
fn same_count(shown: &str, exported: &str) -> bool {
    let (number, rest) = split_number(shown);
    number == exported
        || exported
            .parse::<f64>()
            .is_ok_and(|x| in_wan_or_yi(&number, rest, x))
}

/// Checks every `data-m` figure of a page; returns how many were checked.
fn check_figures(site: &Site, page: &str) -> usize {
    let html = fs::read_to_string(site.dir.join(page)).unwrap();
    let doc = Html::parse_document(&html);
    let mut checked = 0;
    for el in doc.select(&select("[data-m]")) {
        let code = el.value().attr("data-m").unwrap();
        let (Some(period), Some(unit)) = (nearest(el, "data-p"), nearest(el, "data-u")) else {
            panic!(
                "{page}: figure {code} without its period or unit: {}",
                el.html()
            );
        };
        let key = (period.clone(), unit.clone(), code.to_string());
        let Some((value, reported, expected)) = site.export.get(&key) else {
            panic!("{page}: no exported figure {key:?}");
        };
        let at = format!("{page}: {period} {unit} {code}");
        match el.value().attr("data-part") {
            Some("reported") => assert!(same_count(&text(el), reported), "{at}: {el:?}"),
            Some("expected") => assert!(same_count(&text(el), expected), "{at}: {el:?}"),
            Some(other) => panic!("{at}: unknown part {other}"),
            None => {
                let shown = shown_value(el);
                let rate = !reported.is_empty() && shown.ends_with('%')
                    || shown == "—" && !reported.is_empty();
                assert!(
                    agrees(&shown, value, rate),
                    "{at}: shows {shown:?}, exported {value:?}"
                );
                if let Some(cov) = shown_coverage(el) {
                    assert!(
                        cov.starts_with(&format!("{reported}/{expected}")),
                        "{at}: shows {cov:?}, exported {reported}/{expected}"
                    );
                }
            }
        }
        checked += 1;
    }
    checked
}

/// Numbers in the page's main text that are not figures: every digit must belong to a date,
/// a period's name or a stated time limit (`10天`, `90天`, `5个工作日`).
fn stray_numbers(site: &Site, page: &str) -> Vec<String> {
    let html = fs::read_to_string(site.dir.join(page)).unwrap();
    let doc = Html::parse_document(&html);
    let main = doc.select(&select("main")).next().unwrap();
    let skip = |e: ElementRef| {
        let v = e.value();
        v.attr("data-m").is_some()
            || v.attr("data-timeline").is_some()
            || v.attr("data-shown").is_some()
            || v.attr("data-q").is_some()
            || v.attr("data-as-written").is_some()
            || v.attr("data-issue").is_some()
            || ["svg", "script", "nav", "ul", "ol"].contains(&v.name()) && !is_class(e, "plain")
            || ["practice-list", "commentary", "problems", "crumbs"]
                .iter()
                .any(|c| is_class(e, c))
    };
    // Lists hold practices, follow-up items and pager links; the next steps of a bulletin are
    // its one numbered list with figures, so it is read too.
    let mut texts = vec![text_without(main, &skip)];
    for ol in main.select(&select("section.doc-section ol")) {
        texts.push(text_without(ol, &skip));
    }
    let mut stray = Vec::new();
    for t in texts {
        let chars: Vec<char> = t.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let before = start.checked_sub(1).map(|k| chars[k]);
            let after = chars.get(i).copied();
            let date_like = |c: Option<char>| c.is_some_and(|c| "年月日-—/".contains(c));
            let limit =
                after == Some('天') || chars[i..].iter().take(4).collect::<String>() == "个工作日";
            if date_like(before) || date_like(after) || limit {
                continue;
            }
            let context: String = chars[start.saturating_sub(12)..(i + 12).min(chars.len())]
                .iter()
                .collect();
            stray.push(context);
        }
    }
    stray
}

/// The dashboard's time elapsed is the latest reporting period's row of `periods.csv`, and each
/// list of units to push is that period's rows of `followup.csv`, in order: its first rows on
/// the dashboard, and all of them on the pages its “查看全部名单” link opens.
fn check_dashboard_lists(site: &Site) -> usize {
    let html = fs::read_to_string(site.dir.join("index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let latest = site
        .periods
        .iter()
        .find(|r| r["latest"] == "yes")
        .expect("a latest period");
    let t = doc.select(&select("[data-timeline]")).next().unwrap();
    assert_eq!(
        t.value().attr("data-timeline"),
        Some(latest["period"].as_str())
    );
    let fact = |name: &str| {
        text(
            t.select(&select(&format!("[data-fact={name}]")))
                .next()
                .unwrap(),
        )
    };
    let share: f64 = latest["time_elapsed"].parse().unwrap();
    assert_eq!(fact("time_elapsed"), format!("{:.1}%", share * 100.0));
    assert_eq!(fact("months_elapsed"), latest["months_elapsed"]);
    let campaign = site
        .periods
        .iter()
        .find(|r| r["period"] == "campaign")
        .unwrap();
    assert_eq!(fact("months"), campaign["months_elapsed"]);
    let mut items = 0;
    let lists: Vec<ElementRef> = doc.select(&select("section.lag")).collect();
    assert_eq!(lists.len(), 4, "four lists of units to push");
    for lag in lists {
        let period = lag.value().attr("data-p").unwrap();
        let kind = lag.value().attr("data-kind").unwrap();
        let rows: Vec<(String, String)> = site
            .followup
            .iter()
            .filter(|r| r["period"] == period && r["kind"] == kind)
            .map(|r| {
                let subject = match kind {
                    "never_visited" => r["upper"].clone(),
                    "open_over_90_days" => r["problem"].clone(),
                    _ => String::new(),
                };
                (r["unit"].clone(), subject)
            })
            .collect();
        let total = text(lag.select(&select(".count")).next().unwrap());
        assert_eq!(total, rows.len().to_string(), "{period} {kind}");
        let shown = listed(lag);
        assert_eq!(shown.len(), rows.len().min(10), "{period} {kind}");
        assert_eq!(shown[..], rows[..shown.len()], "{period} {kind}");
        // The complete list, page after page.
        if let Some(all) = lag.select(&select("a[data-all]")).next() {
            let mut page = all.value().attr("href").unwrap().to_string();
            let mut everything = Vec::new();
            loop {
                let html = fs::read_to_string(site.dir.join(&page)).unwrap();
                let doc = Html::parse_document(&html);
                everything.extend(listed(doc.root_element()));
                check_figures(site, &page);
                let stray = stray_numbers(site, &page);
                assert!(stray.is_empty(), "{page}: {stray:?}");
                let next = doc
                    .select(&select("nav.pages a[aria-current=page] + a"))
                    .next()
                    .map(|a| a.value().attr("href").unwrap().to_string());
                match next {
                    // Page links are relative to the page's folder.
                    Some(href) => {
                        let dir = Path::new(&page).parent().unwrap();
                        page = normalise(&dir.join(href));
                    }
                    None => break,
                }
            }
            assert_eq!(everything, rows, "{period} {kind}: every item, in order");
        } else {
            assert_eq!(shown.len(), rows.len(), "{period} {kind}: all shown");
        }
        items += rows.len();
    }
    items
}

/// The (unit, subject) of every item listed under an element.
fn listed(el: ElementRef) -> Vec<(String, String)> {
    el.select(&select("li[data-u]"))
        .map(|li| {
            let v = li.value();
            (
                v.attr("data-u").unwrap().to_string(),
                v.attr("data-subject").unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// `followup/13/../13/late-2.html` → `followup/13/late-2.html`.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.to_str().unwrap().split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A bulletin names every county that missed (or was late with) a report owed in its period,
/// once each: the rows of `followup.csv` for those reporting periods.
fn check_bulletin_names(site: &Site, period: &str) -> usize {
    let page = format!("periods/{period}/index.html");
    let html = fs::read_to_string(site.dir.join(&page)).unwrap();
    let doc = Html::parse_document(&html);
    let due: Vec<String> =
        site.periods.iter().find(|r| r["period"] == period).unwrap()["reports_due"]
            .split(';')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
    let mut named = 0;
    for kind in ["not_reported", "late"] {
        let expected: BTreeSet<String> = site
            .followup
            .iter()
            .filter(|r| r["kind"] == kind && due.contains(&r["period"]))
            .map(|r| r["unit"].clone())
            .collect();
        let shown: Vec<String> = doc
            .select(&select(&format!("[data-kind={kind}] a")))
            .map(|a| {
                let href = a.value().attr("href").unwrap();
                href.trim_end_matches("/index.html")
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            shown.len(),
            expected.len(),
            "{page} {kind}: each county once"
        );
        assert_eq!(
            shown.into_iter().collect::<BTreeSet<_>>(),
            expected,
            "{page} {kind}"
        );
        named += expected.len();
    }
    named
}

/// A bulletin's head states its issue number and date as `periods.csv` has them, and the
/// pairings and problems it names are that period's rows of `followup.csv`, with their days.
fn check_bulletin_head_and_lists(site: &Site, period: &str) -> usize {
    let page = format!("periods/{period}/index.html");
    let html = fs::read_to_string(site.dir.join(&page)).unwrap();
    let doc = Html::parse_document(&html);
    let row = site.periods.iter().find(|r| r["period"] == period).unwrap();
    let issue = doc.select(&select("[data-issue]")).next().unwrap();
    assert_eq!(
        issue.value().attr("data-issue"),
        Some(row["issue"].as_str())
    );
    assert_eq!(text(issue), row["issue"], "{page}");
    let (y, m, d) = {
        let p: Vec<u32> = row["issued_on"]
            .split('-')
            .map(|x| x.parse().unwrap())
            .collect();
        (p[0], p[1], p[2])
    };
    let date = text(doc.select(&select(".doc-date")).next().unwrap());
    assert_eq!(date, format!("{y}年{m}月{d}日"), "{page}");
    let mut named = 0;
    for kind in ["never_visited", "open_over_90_days"] {
        let rows: Vec<&HashMap<String, String>> = site
            .followup
            .iter()
            .filter(|r| r["period"] == period && r["kind"] == kind)
            .collect();
        for a in doc.select(&select(&format!("[data-kind={kind}] a"))) {
            let unit = a.value().attr("data-u").unwrap();
            let subject = a.value().attr("data-subject").unwrap();
            let row = rows
                .iter()
                .find(|r| r["unit"] == unit && (r["upper"] == subject || r["problem"] == subject))
                .unwrap_or_else(|| {
                    panic!("{page}: {kind} {unit} {subject} is no row of followup.csv")
                });
            if kind == "open_over_90_days" {
                let after = a
                    .next_sibling()
                    .and_then(|n| n.value().as_text().map(|t| t.to_string()));
                let days = format!("已{}天", row["days_open"]);
                assert!(
                    after.is_some_and(|t| t.contains(&days)),
                    "{page}: {subject} {days}"
                );
            }
            named += 1;
        }
    }
    named
}

fn pages_of(site: &Site) -> Vec<String> {
    let mut pages = vec!["index.html".to_string(), "problems/index.html".to_string()];
    for dir in ["problems", "periods"] {
        for e in fs::read_dir(site.dir.join(dir)).unwrap() {
            let e = e.unwrap();
            if e.path().is_dir() {
                pages.push(format!(
                    "{dir}/{}/index.html",
                    e.file_name().to_string_lossy()
                ));
            }
        }
    }
    pages.sort();
    pages
}

/// The quality page's counts, each marked `data-q` (with `data-file` for one file's): the
/// findings of that severity in `quality.csv` (a row that sums up findings not listed counts
/// as many as it says), and the rows of `rejected.csv`. Returns how many were checked.
fn check_quality(site: &Site) -> usize {
    let page = "quality/index.html";
    let html = fs::read_to_string(site.dir.join(page)).unwrap();
    let doc = Html::parse_document(&html);
    let quality = read_csv(&site.dir.join("data/quality.csv"));
    let rejected = read_csv(&site.dir.join("data/rejected.csv"));
    let book = |file: &str| match file.strip_suffix(']').and_then(|f| f.rsplit_once('[')) {
        Some((book, _)) => book.to_string(),
        None => file.to_string(),
    };
    let mut checked = 0;
    for el in doc.select(&select("[data-q]")) {
        let kind = el.value().attr("data-q").unwrap();
        let file = el.value().attr("data-file");
        let exported: usize = if kind == "rejected" {
            rejected.len()
        } else {
            quality
                .iter()
                .filter(|r| r["severity"] == kind && file.is_none_or(|f| book(&r["file"]) == f))
                .map(|r| r["count"].parse::<usize>().unwrap())
                .sum()
        };
        assert_eq!(text(el), exported.to_string(), "{page}: {kind} {file:?}");
        checked += 1;
    }
    let stray = stray_numbers(site, page);
    assert!(
        stray.is_empty(),
        "{page}: numbers that are no count: {stray:#?}"
    );
    checked
}

fn check_site(project: &Path) -> (usize, usize) {
    let out = tempfile::tempdir().unwrap();
    let site = build(project, &out.path().join("site"));
    assert!(check_quality(&site) >= 4, "the quality page's counts");
    let mut figures = 0;
    let mut stray = Vec::new();
    for page in pages_of(&site) {
        let n = check_figures(&site, &page);
        assert!(n >= 10, "{page}: only {n} figures marked");
        figures += n;
        stray.extend(
            stray_numbers(&site, &page)
                .into_iter()
                .map(|s| format!("{page}: {s}")),
        );
    }
    assert!(stray.is_empty(), "numbers that are no figure: {stray:#?}");
    let mut items = check_dashboard_lists(&site);
    for p in &site.periods {
        items += check_bulletin_names(&site, &p["period"]);
        items += check_bulletin_head_and_lists(&site, &p["period"]);
    }
    (figures, items)
}

#[test]
fn the_sample_pages_show_the_exported_figures() {
    let (figures, items) = check_site(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(figures > 1_000, "{figures} figures checked");
    assert!(items > 100, "{items} listed units checked");
}

#[test]
fn the_fixture_pages_show_the_exported_figures() {
    let (figures, items) = check_site(&common::fixture("basic"));
    assert!(figures > 300, "{figures} figures checked");
    assert!(items > 5, "{items} listed units checked");
}

#[test]
fn the_problem_list_tallies_at_the_campaign_end() {
    let project = common::Project::from_fixture("basic");
    // Found after the campaign: listed apart, counted in no figure.
    project.append(
        "data/problems.csv",
        "P6,110101,N1,2023-10-05,union,会员数据不全,核实,open,",
    );
    let out = tempfile::tempdir().unwrap();
    let site = build(project.dir.path(), &out.path().join("site"));
    let html = fs::read_to_string(site.dir.join("problems/11/index.html")).unwrap();
    // P5 was resolved on 2023-11-01, after the campaign: in progress on its last day.
    assert!(html.contains("2023年11月1日销号（截止日后）"), "{html}");
    let doc = Html::parse_document(&html);
    let coordinate = doc
        .select(&select("tr"))
        .find(|tr| text(*tr).starts_with("需党委政府协调"))
        .unwrap();
    let cells: Vec<String> = coordinate.select(&select("td.n")).map(text).collect();
    // P1 resolved, P5 in progress: the export's 0.5 (1 of 2), not the recorded statuses' 100%.
    assert_eq!(cells, ["2", "1", "1", "0", "50.0%"]);
    assert_eq!(
        site.export[&(
            "campaign".into(),
            "11".into(),
            "resolution_rate_coordinate".into()
        )],
        ("0.5".into(), "1".into(), "2".into())
    );
    assert!(html.contains("截至2023年9月30日（专项工作结束日）"));
    let later = html
        .split("截止日后发现的问题")
        .nth(1)
        .expect("listed apart");
    assert!(
        later.contains("P6")
            && !html
                .split("截止日后发现的问题")
                .next()
                .unwrap()
                .contains("P6")
    );
    let listed = doc.select(&select("h2 [data-m]")).next().map(text);
    assert_eq!(listed.as_deref(), Some("4"), "P1, P2, P3 and P5");
    check_figures(&site, "problems/11/index.html");
}

#[test]
fn the_working_days_fixture_pages_show_the_exported_figures() {
    let (figures, _) = check_site(&common::fixture("workdays"));
    assert!(figures > 100, "{figures} figures checked");
}

/// A project with findings of many kinds, built with `--keep-going`: the quality page counts
/// what the exports list, names the unit, the file, the place and the row of each finding, in
/// Chinese.
#[test]
fn the_quality_page_counts_and_names_what_the_exports_list() {
    let project = common::Project::from_fixture("basic");
    project.append(
        "data/reports/a.csv",
        "2023-B2,110101,2023-05-01,十二,1,是,1",
    );
    project.append("data/reports/a.csv", "2023-B2,999999,2023-05-01,1,1,是,1");
    project.append("data/reports/a.csv", "2023-B3,110102,2023-07-01,1,-2,有,1");
    project.append("data/visits.csv", "N1,120101,2023-01-01,phone,产改,");
    project.append(
        "data/problems.csv",
        "P9,110190,N1,2023-01-01,misc,标题,措施,open,",
    );
    project.write(
        "data/reports/c.csv",
        "period,unit,lectures\n2023-B2,110101,3\n",
    );
    let out = tempfile::tempdir().unwrap();
    let site = build_with(
        project.dir.path(),
        &out.path().join("site"),
        &["--keep-going"],
    );
    assert!(check_quality(&site) >= 10);
    let html = fs::read_to_string(site.dir.join("quality/index.html")).unwrap();
    for wanted in [
        // The unit, the place, the message and the row as written.
        "甲省 · 甲一市 · <a href=\"../units/110101/index.html\">东区</a>",
        "第 8 行第 4 列",
        "“lectures”（宣讲场次）：“十二”不是数字；应填写数字，如 12 或 3.5",
        "2023-B2,110101,2023-05-01,十二,1,是,1",
        "没有代码或名称为“999999”的单位",
        "“-2”是负数",
        "乙省 · 乙一市 · <a href=\"../units/120101/index.html\">乙区</a>",
        "调研方式“phone”无法识别",
        "甲省 · <a href=\"../units/110190/index.html\">直辖市县</a>",
        "文件缺少“报送日期”列",
        "整个文件",
        // Chinese links to the exports.
        "未计入数据（CSV，含原文）",
        "全部问题清单（CSV）",
    ] {
        assert!(html.contains(wanted), "{wanted} not on the quality page");
    }
    assert!(!html.contains(">rejected.csv<"), "an English link text");
}
