//! Whole-site builds: every page exists, every internal link resolves, odd units render,
//! user text is escaped, templates can be overridden.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Project;

fn build(project: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["build", "--today", "2026-11-25", "-C"])
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
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &site);
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
    let broken = broken_links(&site);
    assert!(
        broken.is_empty(),
        "{} broken links, e.g. {:?}",
        broken.len(),
        &broken[..broken.len().min(5)]
    );
    // Nothing is fetched from outside: no CDN, no remote fonts.
    for page in html_files(&site) {
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
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(Path::new(env!("CARGO_MANIFEST_DIR")), &site);
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
    // A county that never reports: its figures are blank, not zero.
    let never = p.read("output/units/120101/index.html");
    assert!(
        never.contains("<td class=\"n\" title=\"0/1 县已报\">—</td>"),
        "blank figure cell missing"
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
