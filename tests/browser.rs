//! The pages people look at, in a real browser (Debian's `chromium`, headless): the dashboard
//! and a quarterly summary load with no console message, and the summary prints to A4 PDF with
//! its sections and page numbers; every kind of page reads on a phone and a desktop (no
//! sideways scroll, first columns of four characters, the units to push near the top, chart
//! text of a readable size); Playwright types Chinese queries into the search box.
//!
//! They need programs `cargo test` cannot assume, so they are marked ignored and `cargo test`
//! lists them as such; `cargo test -- --include-ignored` (as `.ci/run` does) runs them, and
//! then a missing program is a failure, not a skip.

use crate::common;
use common::chromium;

use std::path::{Path, PathBuf};
use std::process::Command;

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]);
    c.arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// The sample's site, built once for every test that reads it.
fn sample_site() -> &'static Path {
    common::sample_site()
}

/// Loads a page, runs its scripts and returns (console lines, DOM after scripts).
fn load(browser: &Path, page: &Path) -> (Vec<String>, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = headless(browser, profile.path())
        .args([
            "--enable-logging=stderr",
            "--v=0",
            "--allow-file-access-from-files",
            "--dump-dom",
        ])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE"))
        .map(str::to_string)
        .collect();
    (console, String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
#[ignore = "needs chromium, fonts-noto-cjk and poppler-utils: run with --include-ignored"]
fn dashboard_and_summary_load_without_console_errors_and_print_to_a4() {
    let browser = chromium();
    let out = tempfile::tempdir().unwrap();
    let site = sample_site();
    for page in [
        "index.html",
        "periods/2023-Q1/index.html",
        "units/13/index.html",
    ] {
        let (console, dom) = load(&browser, &site.join(page));
        assert!(console.is_empty(), "{page}: {console:?}");
        assert!(dom.contains("</main>"), "{page} did not render");
        // The sorting script ran: headers became buttons.
        assert!(
            dom.contains("role=\"button\""),
            "{page}: app.js did not run"
        );
    }
    let pdf = out.path().join("q1.pdf");
    let profile = tempfile::tempdir().unwrap();
    let status = headless(&browser, profile.path())
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!(
            "file://{}",
            site.join("periods/2023-Q1/index.html").display()
        ))
        .output()
        .unwrap();
    assert!(
        status.status.success() && pdf.exists(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let info = String::from_utf8_lossy(
        &Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .expect("pdfinfo (poppler-utils)")
            .stdout,
    )
    .into_owned();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!((3..=12).contains(&pages), "{pages} pages:\n{info}");
    assert!(info.contains("(A4)"), "not A4:\n{info}");
    let text = String::from_utf8_lossy(
        &Command::new("pdftotext")
            .args(["-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    // pdftotext drops the spaces between Chinese characters.
    let compact = text.replace(' ', "");
    for wanted in [
        "季度小结",
        "2023年第一季度",
        "一、基本情况",
        "二、存在问题",
        "四、下一步要求",
        "—1—",
    ] {
        assert!(compact.contains(wanted), "PDF lacks {wanted}");
    }
    // No navigation in print.
    assert!(
        !text.contains("数据质量\n") && !text.contains("跳到正文"),
        "navigation printed"
    );
    // The 通报 form, its page fill and chart text are checked in tests/bulletins.rs.
}

#[test]
#[ignore = "needs chromium: run with --include-ignored"]
fn the_dashboard_reads_on_a_phone() {
    let browser = chromium();
    let out = tempfile::tempdir().unwrap();
    let site = sample_site();
    let shot = out.path().join("phone.png");
    let profile = tempfile::tempdir().unwrap();
    let run = headless(&browser, profile.path())
        .args(["--window-size=390,844", "--hide-scrollbars"])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", site.join("index.html").display()))
        .output()
        .unwrap();
    assert!(run.status.success() && shot.exists());
    // A page wider than the phone would need a horizontal scrollbar: the layout script reports it.
    let probe = out.path().join("probe.html");
    std::fs::write(
        &probe,
        format!(
            "<iframe id=f src=\"{}\" style=\"width:390px;height:800px\"></iframe><script>f.onload=()=>{{const d=f.contentDocument.documentElement;document.title='W'+d.scrollWidth;console.log('width '+d.scrollWidth)}}</script>",
            site.join("index.html").display()
        ),
    )
    .unwrap();
    let (console, _) = load(&browser, &probe);
    let width: u32 = console
        .iter()
        .find_map(|l| {
            l.split("width ")
                .nth(1)
                .and_then(|w| w.split('"').next())
                .and_then(|w| w.trim().parse().ok())
        })
        .unwrap_or(0);
    assert!(
        width > 0 && width <= 390,
        "dashboard is {width}px wide on a 390px phone: {console:?}"
    );
}

/// The quality page of a project with findings of many kinds, at 390 px and 1366 px: no
/// sideways scroll, and “只看错误” leaves the errors alone on the page (CSS only, no script).
#[test]
#[ignore = "needs chromium: run with --include-ignored"]
fn the_quality_page_reads_on_a_phone_and_narrows_to_errors() {
    let browser = chromium();
    let p = common::Project::from_fixture("basic");
    p.append(
        "data/reports/a.csv",
        "2023-B2,110101,2023-05-01,十二,1,是,1",
    );
    p.append("data/reports/a.csv", "2023-B2,999999,2023-05-01,1,1,是,1");
    p.append("data/visits.csv", "N1,120101,2023-01-01,phone,产改,");
    p.write(
        "data/reports/c.csv",
        format!(
            "period,unit,lectures\n2023-B2,110101,{}\n",
            "长".repeat(300)
        ),
    );
    let run = p.run(&["build", "--keep-going"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = p.path("output/quality/index.html");
    for width in [390, 1366] {
        let probe = p.path(&format!("probe-{width}.html"));
        std::fs::write(
            &probe,
            format!(
                "<iframe id=f src=\"{}\" style=\"width:{width}px;height:800px\"></iframe><script>f.onload=()=>{{const d=f.contentDocument;const shown=s=>[...d.querySelectorAll(s)].filter(e=>e.offsetParent!==null).length;const all=shown('.q-item');d.getElementById('q-error').checked=true;console.log('probe width '+d.documentElement.scrollWidth+' all '+all+' after '+shown('.q-item')+' errors '+shown('.q-item.error'))}}</script>",
                page.display()
            ),
        )
        .unwrap();
        let (console, _) = load(&browser, &probe);
        let line = console
            .iter()
            .find_map(|l| l.split("probe ").nth(1))
            .unwrap_or_else(|| panic!("no probe line: {console:?}"));
        let n: Vec<usize> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|w| w.parse().ok())
            .collect();
        let (scroll, all, after, errors) = (n[0], n[1], n[2], n[3]);
        assert!(scroll <= width, "{width}px: the page is {scroll}px wide");
        assert!(
            errors >= 4 && after == errors && all > after,
            "{width}px: {line}"
        );
    }
}

/// Measures pages at a phone's and a desktop's width (Playwright driving the same Chromium):
/// one JSON object per page and width, as `tests/browser/layout.mjs` prints them.
fn measure_layout(site: &Path, pages: &[&str], widths: &[u32]) -> Vec<serde_json::Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "no playwright-core: run `npm ci --prefix tests/browser` first"
    );
    let out = Command::new("node")
        .arg(dir.join("layout.mjs"))
        .arg(site)
        .arg(serde_json::to_string(pages).unwrap())
        .arg(serde_json::to_string(widths).unwrap())
        .output()
        .expect("node runs the layout script");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array().unwrap().clone()
}

#[test]
#[ignore = "needs chromium and playwright-core (npm ci --prefix tests/browser): run with --include-ignored"]
fn every_kind_of_page_reads_on_a_phone_and_a_desktop() {
    chromium();
    let site = sample_site();
    // One page of each template, and the units to push on every level that has them.
    let practice = std::fs::read_dir(site.join("practices"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            site.join("practices")
                .join(name)
                .join("index.html")
                .exists()
        })
        .filter(|name| !["search", "page"].contains(&name.as_str()))
        .min()
        .expect("a practice page");
    let practice = format!("practices/{practice}/index.html");
    let pages = [
        "index.html",
        "units/100000/index.html",
        "units/13/index.html",
        "units/1301/index.html",
        "units/130102/index.html",
        "units/N01/index.html",
        "periods/index.html",
        "periods/2023-B5/index.html",
        "periods/2023-Q1/index.html",
        "periods/campaign/index.html",
        "followup/100000/open_over_90_days-1.html",
        "followup/13/late-1.html",
        "problems/index.html",
        "problems/13/index.html",
        "practices/index.html",
        practice.as_str(),
        "practices/search/index.html",
        "guide/index.html",
        "quality/index.html",
    ];
    for page in pages {
        assert!(site.join(page).exists(), "{page} was not built");
    }
    let facts = measure_layout(site, &pages, &[390, 1366]);
    assert_eq!(facts.len(), pages.len() * 2);
    let mut tables = 0;
    let mut charts = 0;
    for f in &facts {
        let at = format!("{} at {} px", f["page"].as_str().unwrap(), f["width"]);
        assert_eq!(f["problems"], serde_json::json!([]), "{at}: console");
        // No page scrolls sideways.
        assert!(
            f["scrollWidth"].as_f64() <= f["innerWidth"].as_f64(),
            "{at} is {} px wide: {}",
            f["scrollWidth"],
            f["wide"]
        );
        // Every table keeps at least four characters in its first column, and scrolls inside
        // its own box.
        for t in f["tables"].as_array().unwrap() {
            assert!(
                t["chars"].as_f64().unwrap() >= 4.0,
                "{at}: table “{}” has a first column of {} characters",
                t["head"],
                t["chars"]
            );
            assert_eq!(
                t["contained"], true,
                "{at}: table “{}” overflows",
                t["head"]
            );
            tables += 1;
        }
        // Chart text stays at its own size: no shrinking to fit a phone.
        if let Some(px) = f["chartPx"].as_f64() {
            assert!(px >= 12.0, "{at}: chart text {px} px");
            charts += f["charts"].as_u64().unwrap();
        }
    }
    assert!(
        tables > 40 && charts > 20,
        "{tables} tables, {charts} charts"
    );
    // The units to push: within the first two screens of the dashboard, on the national,
    // province and prefecture pages, and not on a county's.
    for f in &facts {
        let page = f["page"].as_str().unwrap();
        let at = format!("{page} at {} px", f["width"]);
        let top = f["followupTop"].as_f64();
        let items = f["followupItems"].as_u64().unwrap();
        match page {
            "index.html"
            | "units/100000/index.html"
            | "units/13/index.html"
            | "units/1301/index.html" => {
                let screens = 2.0 * f["innerHeight"].as_f64().unwrap();
                assert!(
                    top.is_some_and(|t| t < screens) && items > 0,
                    "{at}: 督促 starts at {top:?} px with {items} items (two screens: {screens} px)"
                );
            }
            "units/130102/index.html" => assert_eq!(top, None, "{at}: a county has no list"),
            _ => {}
        }
    }
}

/// Types queries into the search box (Playwright driving the same Chromium) and returns the
/// JSON the script prints.
fn type_queries(site: &Path, queries: &[&str]) -> serde_json::Value {
    search_page(site, queries, serde_json::json!({}))
}

/// Runs tests/browser/search.mjs with its options (see there).
fn search_page(site: &Path, queries: &[&str], options: serde_json::Value) -> serde_json::Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "no playwright-core: run `npm ci --prefix tests/browser` first"
    );
    let out = Command::new("node")
        .arg(dir.join("search.mjs"))
        .arg(site)
        .arg(serde_json::to_string(queries).unwrap())
        .arg(options.to_string())
        .output()
        .expect("node runs the search script");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
#[ignore = "needs chromium and playwright-core (npm ci --prefix tests/browser): run with --include-ignored"]
fn chinese_queries_typed_into_the_search_box_find_the_right_practices_first() {
    chromium();
    let site = sample_site();
    let queries = [
        "服务站点",
        "新就业形态",
        "联席会议",
        "宣讲 劳模",
        "火星基地",
    ];
    let report = type_queries(site, &queries);
    assert_eq!(
        report["problems"],
        serde_json::json!([]),
        "console errors while searching"
    );
    assert_eq!(
        report["shard"],
        serde_json::json!(179121275 % 1000003),
        "search.js and search.rs disagree on shards"
    );
    let results = report["results"].as_array().unwrap();
    let titles = |i: usize| -> Vec<String> {
        results[i]["titles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect()
    };
    let marks = |i: usize| -> Vec<String> {
        results[i]["marks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect()
    };
    // 服务站点 stands in no title but in the summaries of the 暖心驿站 practices: those come first.
    let first = titles(0);
    assert!(!first.is_empty(), "服务站点 found nothing");
    assert!(
        first[0].contains("快递员") || first[0].contains("暖心驿站"),
        "first hit for 服务站点: {}",
        first[0]
    );
    assert!(
        marks(0).iter().all(|m| m == "服务站点"),
        "highlights {:?}",
        marks(0)
    );
    // 新就业形态 is in no title of the sample; the practices whose summary holds it come first,
    // and many more mention it in their bodies.
    let second = titles(1);
    assert!(second.len() > 4, "新就业形态: {second:?}");
    assert!(
        second[..4]
            .iter()
            .all(|t| t.contains("快递员") || t.contains("暖心驿站")),
        "first hits for 新就业形态: {second:?}"
    );
    // A query that stands in titles ranks those titles first.
    let third = titles(2);
    assert!(
        third[0].contains("联席会议"),
        "first hit for 联席会议: {third:?}"
    );
    // Two words: every result holds both.
    assert!(!titles(3).is_empty());
    let m3 = marks(3);
    assert!(
        m3.iter().any(|m| m == "宣讲") && m3.iter().any(|m| m == "劳模"),
        "{m3:?}"
    );
    assert!(titles(4).is_empty() && results[4]["status"].as_str().unwrap().contains("没有找到"));
    for r in results.iter().take(4) {
        let ms = r["ms"].as_i64().unwrap();
        assert!((0..1000).contains(&ms), "{}: {ms} ms", r["query"]);
    }
}

/// The release binary (the national build takes seconds with it, a minute without): this one
/// when the tests run in release mode, else `cargo build --release` makes it (CI builds it next
/// anyway).
fn release_binary() -> PathBuf {
    let this = PathBuf::from(env!("CARGO_BIN_EXE_countyboard"));
    if this.components().any(|c| c.as_os_str() == "release") {
        return this;
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let run = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--bin", "countyboard"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo builds the release binary");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/countyboard")
}

/// Markdown lines as a reader sees them: emphasis markers dropped.
fn reading_lines(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .map(|l| {
            l.trim_start_matches('#')
                .replace("**", "")
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Write-ups per place, counted from the Markdown's `unit:` and data/units.csv: every unit
/// a write-up's unit lies in (itself included) → how many.
fn write_ups_per_place(project: &Path) -> std::collections::HashMap<String, usize> {
    let units = std::fs::read_to_string(project.join("data/units.csv")).unwrap();
    let parent: std::collections::HashMap<&str, &str> = units
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0], f[3])
        })
        .collect();
    let mut counts = std::collections::HashMap::new();
    for entry in std::fs::read_dir(project.join("content/practices")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let unit = text
            .lines()
            .find_map(|l| l.strip_prefix("unit:"))
            .unwrap()
            .trim()
            .trim_matches('"');
        let mut at = unit;
        while !at.is_empty() {
            *counts.entry(at.to_string()).or_insert(0) += 1;
            at = parent.get(at).copied().unwrap_or("");
        }
    }
    counts
}

/// The library filtered to a province, a prefecture and a county, as plain pages and in place
/// (the address a unit page links to): each lists every write-up from there, none cut.
fn check_place_filters(project: &Path, site: &Path) {
    let counts = write_ups_per_place(project);
    let county = counts
        .iter()
        .filter(|(code, _)| code.len() == 6 && code.as_str() != "100000")
        .max_by_key(|(code, n)| (**n, std::cmp::Reverse(code.to_string())))
        .map(|(code, _)| code.clone())
        .unwrap();
    for (page, code) in [("province/13", "13"), ("prefecture/1301", "1301")] {
        let html =
            std::fs::read_to_string(site.join(format!("practices/{page}/index.html"))).unwrap();
        assert!(
            html.contains(&format!("共 {} 篇", counts[code])),
            "{page}: {} write-ups",
            counts[code]
        );
    }
    let queries = [
        "?province=13".to_string(),
        "?province=13&prefecture=1301".to_string(),
        format!("?unit={county}"),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out = Command::new("node")
        .arg(dir.join("filters.mjs"))
        .arg(site)
        .arg(serde_json::to_string(&queries).unwrap())
        .output()
        .expect("node runs the filter script");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["problems"], serde_json::json!([]));
    let results = report["results"].as_array().unwrap();
    for (r, code) in results.iter().zip(["13", "1301", county.as_str()]) {
        let n = counts[code];
        assert_eq!(
            r["count"].as_str().unwrap(),
            format!("筛选出 {n} 篇，按时间由新到旧"),
            "{}",
            r["query"]
        );
        assert_eq!(r["listed"].as_u64(), Some(n as u64), "{}", r["query"]);
        assert!(r["width"].as_u64().unwrap() <= 390, "{}", r["query"]);
    }
    // A county's address brings its prefecture and province into the filters.
    let county_filter = &results[2];
    assert_eq!(
        county_filter["chosen"].as_array().unwrap().len(),
        3,
        "{county_filter}"
    );
    assert!(
        county_filter["address"]
            .as_str()
            .unwrap()
            .ends_with(&format!("&unit={county}"))
    );
}

#[test]
#[ignore = "needs chromium and playwright-core; builds the national demo with the release binary: run with --include-ignored"]
fn the_national_library_counts_exactly_in_search_and_filters() {
    chromium();
    let bin = release_binary();
    let out = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .unwrap();
    let (project, site) = (out.path().join("national"), out.path().join("site"));
    for args in [
        vec!["demo", "--scale", "national", "--out"],
        vec!["build", "--quiet", "-C"],
    ] {
        let mut c = Command::new(&bin);
        c.args(&args).arg(&project);
        if args[0] == "build" {
            c.arg("-o").arg(&site);
        }
        let run = c.output().unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    // Each query's write-ups, counted by another program over the Markdown.
    let content = project.join("content/practices");
    let counted = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/phrases.mjs"))
        .arg(&content)
        .output()
        .expect("node counts the phrases");
    assert!(
        counted.status.success(),
        "{}",
        String::from_utf8_lossy(&counted.stderr)
    );
    let counted: serde_json::Value = serde_json::from_slice(&counted.stdout).unwrap();
    let expected = counted["queries"].as_array().unwrap();
    let queries: Vec<&str> = expected
        .iter()
        .map(|q| q["query"].as_str().unwrap())
        .collect();
    // Every page of a few queries: those of two to eight pages, and one with punctuation.
    let paged: Vec<&str> = expected
        .iter()
        .filter(|q| (21..=160).contains(&q["count"].as_u64().unwrap()))
        .map(|q| q["query"].as_str().unwrap())
        .take(3)
        .chain(
            expected
                .iter()
                .map(|q| q["query"].as_str().unwrap())
                .filter(|q| q.chars().any(|c| !c.is_alphanumeric() && c != ' '))
                .take(1),
        )
        .collect();
    assert!(paged.len() >= 3, "{paged:?}");
    let report = search_page(
        &site,
        &queries,
        serde_json::json!({"fill": true, "all": paged}),
    );
    check_place_filters(&project, &site);
    assert_eq!(report["problems"], serde_json::json!([]));
    let lengths: std::collections::BTreeSet<usize> =
        queries.iter().map(|q| q.chars().count()).collect();
    assert!(
        (2..=6).all(|n| lengths.contains(&n)) && queries.iter().any(|q| q.contains(' ')),
        "phrases of two to six characters and several words: {queries:?}"
    );
    let shown = report["results"].as_array().unwrap();
    assert_eq!(shown.len(), expected.len());
    for (want, got) in expected.iter().zip(shown) {
        let q = want["query"].as_str().unwrap();
        let count = want["count"].as_u64().unwrap();
        assert_eq!(got["total"].as_u64(), Some(count), "{q}: {}", got["status"]);
        let status = got["status"].as_str().unwrap();
        assert!(
            if count == 0 {
                status.contains("没有找到")
            } else {
                status.starts_with(&format!("找到 {count} 篇"))
            },
            "{q}: {status}"
        );
        // Full pages: twenty results, or all there are.
        assert_eq!(got["firstPage"].as_u64(), Some(count.min(20)), "{q}");
        if paged.contains(&q) {
            let mut found: Vec<String> = got["hrefs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    let h = h.as_str().unwrap();
                    h.trim_end_matches("/index.html")
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect();
            found.sort();
            let mut wanted: Vec<String> = want["slugs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            wanted.sort();
            assert_eq!(found, wanted, "every page of {q}");
        }
        // Snippets come from one block each, after their heading: every passage between the
        // ellipses stands within one line of the write-up, the heading on a heading line.
        for (href, snippet) in got["hrefs"]
            .as_array()
            .unwrap()
            .iter()
            .zip(got["snippets"].as_array().unwrap())
            .take(5)
        {
            let slug = href
                .as_str()
                .unwrap()
                .trim_end_matches("/index.html")
                .rsplit('/')
                .next()
                .unwrap();
            let source = std::fs::read_dir(&content)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.file_stem().unwrap().to_string_lossy().to_lowercase() == slug)
                .unwrap();
            let markdown = std::fs::read_to_string(&source).unwrap();
            let lines = reading_lines(&markdown);
            let mut text = snippet["text"].as_str().unwrap().to_string();
            if let Some(heading) = snippet["heading"].as_str() {
                assert!(
                    markdown
                        .lines()
                        .any(|l| l.starts_with('#') && l.trim_start_matches('#').trim() == heading),
                    "{q}: {heading} is no heading of {slug}"
                );
                text = text[heading.len()..].to_string();
            }
            for piece in text.split('…').filter(|p| !p.is_empty()) {
                assert!(
                    lines.iter().any(|l| l.contains(piece)),
                    "{q}: snippet passage {piece:?} runs across lines of {slug}"
                );
            }
        }
    }
}
