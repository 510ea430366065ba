//! Whole-site builds: every page exists, every internal link resolves, odd units render,
//! user text is escaped, templates can be overridden.

use crate::common;
use common::read_csv;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::Project;

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out.sort();
    out
}

/// Every `href="…"` and `src="…"` of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for part in html.split(attr).skip(1) {
            if let Some(end) = part.find('"') {
                out.push(part[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

/// Internal links that point at no file; external schemes are refused outright.
fn broken_links(site: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for page in html_files(site) {
        let html = fs::read_to_string(&page).unwrap();
        for link in links(&html) {
            if link.starts_with("data:") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            if link.contains("://") || link.starts_with("javascript:") || link.starts_with('/') {
                broken.push(format!("{}: non-relative link {link}", page.display()));
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap_or("");
            let target = page.parent().unwrap().join(path);
            if !target.exists() {
                broken.push(format!("{}: {link}", page.display()));
            }
        }
    }
    broken
}

#[test]
fn the_sample_site_has_a_page_for_every_unit_and_period_and_no_broken_link() {
    let site = common::sample_site();
    let units =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/units.csv")).unwrap();
    let codes: BTreeSet<&str> = units
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert!(codes.len() > 300);
    for code in &codes {
        assert!(
            site.join(format!("units/{code}/index.html")).exists(),
            "no page for unit {code}"
        );
    }
    for period in [
        "2022-B5", "2022-B6", "2023-B1", "2023-B5", "2022-Q3", "2023-Q3", "2022-H2", "2023-H2",
        "campaign",
    ] {
        assert!(
            site.join(format!("periods/{period}/index.html")).exists(),
            "no page for {period}"
        );
    }
    for page in [
        "index.html",
        "periods/index.html",
        "problems/index.html",
        "problems/13/index.html",
        "quality/index.html",
        "practices/index.html",
        "guide/index.html",
        "assets/style.css",
        "assets/app.js",
    ] {
        assert!(site.join(page).exists(), "{page} missing");
    }
    let broken = broken_links(site);
    assert!(
        broken.is_empty(),
        "{} broken links, e.g. {:?}",
        broken.len(),
        &broken[..broken.len().min(5)]
    );
    // Nothing is fetched from outside: no CDN, no remote fonts.
    for page in html_files(site) {
        let html = fs::read_to_string(&page).unwrap();
        assert!(
            !html.contains("https://") && !html.contains("http://")
                || html.contains("http://www.w3.org/2000/svg"),
            "{}",
            page.display()
        );
        assert!(
            !html.contains("<link rel=\"stylesheet\" href=\"http"),
            "{}",
            page.display()
        );
    }
    let css = fs::read_to_string(site.join("assets/style.css")).unwrap();
    assert!(
        !css.contains("url(") && !css.contains("@import"),
        "the stylesheet loads nothing"
    );
}

#[test]
fn the_dashboard_shows_pillars_rankings_and_lagging_units() {
    let site = common::sample_site();
    let html = fs::read_to_string(site.join("index.html")).unwrap();
    for text in [
        "一条主线",
        "两个结合",
        "三个下沉",
        "四项任务",
        "五强",
        "时间进度",
        "河北省",
        "江苏省",
        "宁夏回族自治区",
        "未报送",
        "迟报",
        "尚未实地调研",
        "超过90天未销号",
        "<svg class=\"chart\"",
        "<title>双月报送率与及时率",
        "下载数据（CSV）",
    ] {
        assert!(html.contains(text), "dashboard lacks {text}");
    }
    // The guide explains how each figure is computed, from the metric table.
    let guide = fs::read_to_string(site.join("guide/index.html")).unwrap();
    for text in [
        "各项统计数字的计算方法",
        "<code>problems_in_progress</code>",
        "期末以后才销号的问题按推进中计",
        "<code>county_practice_share</code>",
    ] {
        assert!(guide.contains(text), "guide lacks {text}");
    }
    let q = fs::read_to_string(site.join("periods/2023-Q1/index.html")).unwrap();
    for text in [
        "季度小结",
        "一、基本情况",
        "二、存在问题",
        "三、专班点评",
        "四、下一步要求",
        "未报送的县级工会",
        "好经验好做法",
    ] {
        assert!(q.contains(text), "summary lacks {text}");
    }
}

#[test]
fn odd_units_render_blank_figures_long_names_and_escaped_text() {
    let p = Project::from_fixture("basic");
    let long = "这是一个名称特别特别长的县级工会联合会用于检验页面在长名称下的排版是否正常";
    p.append("data/units.csv", &format!("110103,{long},county,1101,,"));
    p.append(
        "data/units.csv",
        "110104,<script>alert(1)</script>县,county,1101,,",
    );
    p.write(
        "content/bulletins/2022-Q4.md",
        "**注意：**本期<script>alert(2)</script>报送情况良好。\n",
    );
    assert_eq!(p.run(&["build"]).code, 0);
    // A county that never reports: its figures read 未报 (not reported), not zero, and every
    // report it owed is noted.
    let never = p.read("output/units/120101/index.html");
    assert!(
        never.contains("<td class=\"n no\">未报</td>") && !never.contains("县已报"),
        "blank figure cell missing"
    );
    assert!(
        never.contains("报表未报送（报送时限"),
        "no note of the missed reports"
    );
    assert!(p.read("output/units/110103/index.html").contains(long));
    let bad = p.read("output/units/110104/index.html");
    assert!(!bad.contains("<script>alert(1)"), "unit name not escaped");
    assert!(bad.contains("&lt;script&gt;alert(1)&lt;/script&gt;县"));
    let q4 = p.read("output/periods/2022-Q4/index.html");
    assert!(
        q4.contains("<strong>注意：</strong>本期"),
        "commentary rendered with CJK emphasis"
    );
    assert!(!q4.contains("alert(2)"), "script in commentary removed");
    // A national body's page lists its pairings and whether each was visited.
    let body = p.read("output/units/N1/index.html");
    assert!(
        body.contains("本单位对口联系的县级工会")
            && body.contains("东区")
            && body.contains("已调研")
    );
}

#[test]
fn project_templates_override_the_defaults_file_by_file() {
    let p = Project::from_fixture("basic");
    p.write("templates/quality.html", "{% extends \"base.html\" %}{% block content %}<h1>本地质量页 {{ errors }}</h1>{% endblock content %}");
    assert_eq!(p.run(&["build"]).code, 0);
    assert!(
        p.read("output/quality/index.html")
            .contains("<h1>本地质量页 0</h1>")
    );
    assert!(
        p.read("output/index.html").contains("一条主线"),
        "other pages keep the defaults"
    );
    p.write(
        "templates/quality.html",
        "{% block content %}{% if %}{% endblock content %}",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[template]: templates/"),
        "{}",
        run.stderr
    );
    assert!(
        p.read("output/quality/index.html").contains("本地质量页"),
        "the previous output stays"
    );
}

fn select(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// The (county, subject) of each follow-up item listed under an element, in order.
fn listed(el: scraper::ElementRef) -> Vec<(String, String)> {
    el.select(&select("li[data-u]"))
        .map(|li| {
            let v = li.value();
            let subject = v.attr("data-subject").unwrap_or("");
            (v.attr("data-u").unwrap().to_string(), subject.to_string())
        })
        .collect()
}

#[test]
fn province_and_prefecture_pages_open_with_their_units_to_push_in_full() {
    let site = common::sample_site();
    let followup = read_csv(&site.join("data/followup.csv"));
    let periods = read_csv(&site.join("data/periods.csv"));
    let latest = &periods.iter().find(|r| r["latest"] == "yes").unwrap()["period"];
    // The list is ordered by province (in code order), then the most serious first.
    let provinces = ["北京市", "河北省", "江苏省", "宁夏回族自治区"];
    for kind in ["not_reported", "late", "never_visited", "open_over_90_days"] {
        let rows: Vec<_> = followup
            .iter()
            .filter(|r| &r["period"] == latest && r["kind"] == kind)
            .collect();
        assert!(!rows.is_empty(), "{kind}");
        let order: Vec<usize> = rows
            .iter()
            .map(|r| provinces.iter().position(|p| *p == r["province"]).unwrap())
            .collect();
        assert!(order.is_sorted(), "{kind}: provinces interleave");
        let days = |r: &std::collections::HashMap<String, String>| -> i64 {
            r.get(match kind {
                "late" => "days_late",
                _ => "days_open",
            })
            .and_then(|d| d.parse().ok())
            .unwrap_or(0)
        };
        for pair in rows.windows(2) {
            if pair[0]["province"] == pair[1]["province"] {
                assert!(days(pair[0]) >= days(pair[1]), "{kind}: most days first");
                if kind == "never_visited" {
                    assert!(
                        pair[0]["since"] <= pair[1]["since"],
                        "longest waiting first"
                    );
                }
            }
        }
    }
    // 河北 (a province) and 石家庄 (a prefecture): the section is on the page, each list is
    // the unit's rows of followup.csv in order, the first ten on the page and every one on
    // the pages behind “查看全部名单”.
    for (code, column, name) in [
        ("13", "province", "河北省"),
        ("1301", "prefecture", "石家庄市"),
    ] {
        let page = format!("units/{code}/index.html");
        let doc = scraper::Html::parse_document(&fs::read_to_string(site.join(&page)).unwrap());
        let section = doc.select(&select("section#followup")).next().expect(&page);
        let lists: Vec<_> = section.select(&select("section.lag")).collect();
        assert_eq!(lists.len(), 4, "{page}");
        for lag in lists {
            let kind = lag.value().attr("data-kind").unwrap();
            let rows: Vec<(String, String)> = followup
                .iter()
                .filter(|r| &r["period"] == latest && r["kind"] == kind && r[column] == name)
                .map(|r| {
                    let subject = match kind {
                        "never_visited" => r["upper"].clone(),
                        "open_over_90_days" => r["problem"].clone(),
                        _ => String::new(),
                    };
                    (r["unit"].clone(), subject)
                })
                .collect();
            let count = lag.select(&select(".count")).next().unwrap();
            assert_eq!(count.text().collect::<String>(), rows.len().to_string());
            let shown = listed(lag);
            assert_eq!(shown[..], rows[..rows.len().min(10)], "{page} {kind}");
            let all = lag.select(&select("a[data-all]")).next();
            assert_eq!(all.is_some(), rows.len() > 10, "{page} {kind}");
            if all.is_some() {
                let mut everything = Vec::new();
                for n in 1.. {
                    let path = site.join(format!("followup/{code}/{kind}-{n}.html"));
                    let Ok(html) = fs::read_to_string(&path) else {
                        break;
                    };
                    everything.extend(listed(scraper::Html::parse_document(&html).root_element()));
                }
                assert_eq!(everything, rows, "{page} {kind}: the complete list");
            }
        }
        // The counts of each child, as figures of the period.
        let children = section.select(&select("tbody tr[data-u]")).count();
        assert!(children > 0, "{page}: no counts per child");
    }
    // A county has no such section.
    assert!(
        !fs::read_to_string(site.join("units/130102/index.html"))
            .unwrap()
            .contains("id=\"followup\"")
    );
}

#[test]
fn rankings_are_numbered_with_the_parent_first_and_low_rates_marked() {
    let site = common::sample_site();
    let pct = |cell: scraper::ElementRef| -> Option<f64> {
        let text: String = cell.text().next().unwrap_or("").trim().to_string();
        text.strip_suffix('%').and_then(|v| v.parse().ok())
    };
    let mut marked = 0;
    let mut rates = 0;
    for page in [
        "index.html",
        "units/13/index.html",
        "units/1301/index.html",
        "periods/2023-Q1/index.html",
    ] {
        let doc = scraper::Html::parse_document(&fs::read_to_string(site.join(page)).unwrap());
        let table = doc.select(&select("table.ranking")).next().expect(page);
        let parent = table
            .select(&select("tbody.parent tr"))
            .next()
            .expect("the parent's row");
        let parent_cells: Vec<_> = parent.select(&select("td")).collect();
        let legend = doc
            .select(&select(".rank-legend"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert!(
            legend.contains("低十个百分点及以上"),
            "{page}: the rule of the marks"
        );
        let rows: Vec<_> = table.select(&select("tbody.ranked tr")).collect();
        assert!(rows.len() > 1, "{page}");
        let mut previous = f64::INFINITY;
        for row in rows {
            // The number comes from the stylesheet's counter on the name cell.
            assert!(row.select(&select("td.name")).next().is_some());
            let cells: Vec<_> = row.select(&select("td.n")).collect();
            let first = pct(cells[0]).unwrap_or(-1.0);
            assert!(first <= previous, "{page}: ranked by reporting rate");
            previous = first;
            for (cell, p) in cells.iter().zip(&parent_cells) {
                let (Some(v), Some(p)) = (pct(*cell), pct(*p)) else {
                    continue;
                };
                let low = cell.value().classes().any(|c| c == "low");
                assert_eq!(low, p - v >= 10.0 - 1e-9, "{page}: {v} against {p}");
                marked += usize::from(low);
                rates += 1;
            }
        }
    }
    assert!(
        marked > 0 && rates > marked * 3,
        "{marked} of {rates} rates marked low"
    );
    let css = fs::read_to_string(site.join("assets/style.css")).unwrap();
    assert!(css.contains("counter-increment: rank") && css.contains("td.low::before"));
}

#[test]
fn charts_keep_their_size_and_draw_a_short_last_period_as_such() {
    let site = common::sample_site();
    let html = fs::read_to_string(site.join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let svgs: Vec<_> = doc.select(&select("svg.chart")).collect();
    assert_eq!(svgs.len(), 3);
    for svg in &svgs {
        assert_eq!(svg.value().attr("width"), Some("540"));
        assert!(svg.value().attr("height").is_some());
        assert_eq!(svg.value().attr("font-size"), Some("13"));
    }
    let texts = |id: &str| -> Vec<String> {
        doc.select(&select(&format!("#{id} svg text")))
            .map(|t| t.text().collect())
            .collect()
    };
    for id in ["trend-reporting", "trend-ledgers"] {
        let t = texts(id);
        for label in ["9—10月", "2022年", "1—2月", "2023年", "9月（单月）"] {
            assert!(t.iter().any(|x| x == label), "{id} lacks {label}: {t:?}");
        }
    }
    // Amounts of the one-month period: hollow points reached by dashes, and a note; rates
    // are whole for any period.
    let ledgers = doc.select(&select("#trend-ledgers")).next().unwrap().html();
    assert_eq!(ledgers.matches("<circle class=\"short\"").count(), 3);
    assert_eq!(ledgers.matches("<path class=\"short\"").count(), 3);
    assert!(ledgers.contains("2023年9月只有一个月"));
    let reporting = doc
        .select(&select("#trend-reporting"))
        .next()
        .unwrap()
        .html();
    assert!(!reporting.contains("class=\"short\""));
    // The bulletin list names the one-month bulletin for what it is.
    let list = fs::read_to_string(site.join("periods/index.html")).unwrap();
    assert!(list.contains("2023年9月调度通报（单月）"));
    assert!(!list.contains("2023年9月双月调度通报"));
    assert!(list.contains("2022年第三季度季度小结（只含9月）"));
}

#[test]
fn a_county_page_speaks_of_one_county_and_notes_each_missed_or_late_report() {
    let site = common::sample_site();
    let followup = read_csv(&site.join("data/followup.csv"));
    let periods = read_csv(&site.join("data/periods.csv"));
    let label = |id: &str| periods.iter().find(|r| r["period"] == id).unwrap()["label"].clone();
    // Counties that missed a report and were late with another.
    let of = |kind: &str| -> BTreeSet<String> {
        followup
            .iter()
            .filter(|r| r["kind"] == kind)
            .map(|r| r["unit"].clone())
            .collect()
    };
    let (missing, late) = (of("not_reported"), of("late"));
    let county = missing
        .intersection(&late)
        .next()
        .expect("a county both missing and late");
    let html = fs::read_to_string(site.join(format!("units/{county}/index.html"))).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let notes: Vec<String> = doc
        .select(&select(".notice li"))
        .map(|li| li.text().collect())
        .collect();
    let expected: Vec<String> = followup
        .iter()
        .filter(|r| &r["unit"] == county && ["not_reported", "late"].contains(&r["kind"].as_str()))
        .map(|r| label(&r["period"]))
        .collect();
    assert_eq!(notes.len(), expected.len(), "{notes:?}");
    for (note, period) in notes.iter().zip(&expected) {
        assert!(
            notes.iter().any(|n| n.starts_with(period.as_str())),
            "no note for {period}: {note}"
        );
    }
    // Words, not “100.0% 1/1”.
    let key: Vec<String> = doc
        .select(&select(".key-figs .fig-value"))
        .map(|v| v.text().collect())
        .collect();
    assert!(
        key.iter().any(|v| v == "已联系" || v == "未联系"),
        "{key:?}"
    );
    assert!(key.iter().any(|v| v == "达标" || v == "未达标"), "{key:?}");
    assert!(
        !html.contains("1/1") && !html.contains("0/1"),
        "coverage of one county"
    );
    assert!(
        !html.contains("<svg class=\"chart\""),
        "no 0%/100% charts for one county"
    );
}
