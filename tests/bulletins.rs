//! Bulletins an office can send as they are: the 通报 form of the page (head, 第N期, Chinese
//! date, sections in order, the commentary's heading once, the 落款), issue numbers and dates
//! from the commentary's front matter and `issuer`, commentary read against the figures, the
//! Word document read back, the Atom feed, and the printed PDFs (ignored without Chromium;
//! `cargo test -- --include-ignored` runs them).

use crate::common;
use common::chromium;

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

const ISSUER: &str = "全国总工会县级工会加强年专项工作专班";

fn countyboard(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_countyboard"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args)
        .args(["--today", "2026-11-25"])
        .output()
        .unwrap()
}

/// The sample's site, built once for every test that reads it.
fn sample_site() -> &'static Path {
    common::sample_site()
}

fn page(site: &Path, period: &str) -> Html {
    Html::parse_document(
        &fs::read_to_string(site.join(format!("periods/{period}/index.html"))).unwrap(),
    )
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// `periods.csv` by period: (issue, issued_on).
fn issues(site: &Path) -> HashMap<String, (String, String)> {
    let mut r = csv::Reader::from_path(site.join("data/periods.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let at = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (p, i, d) = (at("period"), at("issue"), at("issued_on"));
    r.records()
        .map(|x| {
            let x = x.unwrap();
            (x[p].to_string(), (x[i].to_string(), x[d].to_string()))
        })
        .collect()
}

/// `2023-04-11` → `2023年4月11日`.
fn chinese(iso: &str) -> String {
    let p: Vec<u32> = iso.split('-').map(|x| x.parse().unwrap()).collect();
    format!("{}年{}月{}日", p[0], p[1], p[2])
}

#[test]
fn a_quarterly_summary_reads_as_a_tongbao() {
    let site = sample_site();
    let doc = page(site, "2023-Q1");
    assert_eq!(
        texts(&doc, ".doc-masthead"),
        ["县级工会加强年专项工作季度小结"]
    );
    // 2022-Q3 (September alone), 2022-Q4, 2023-Q1: the third of its series; due 2023-04-10
    // (a Monday), issued on the next working day.
    assert_eq!(texts(&doc, ".doc-issue"), ["第3期"]);
    assert_eq!(texts(&doc, ".doc-issuer"), [ISSUER]);
    assert_eq!(texts(&doc, ".doc-date"), ["2023年4月11日"]);
    assert_eq!(issues(site)["2023-Q1"], ("3".into(), "2023-04-11".into()));
    assert_eq!(
        texts(&doc, "h1.doc-title"),
        ["关于2023年第一季度县级工会加强年专项工作情况的通报"]
    );
    assert_eq!(
        texts(&doc, ".doc-scope"),
        ["统计范围：2023年1月1日至2023年3月31日；报表截止：2023年3月10日"]
    );
    // The commentary's own “## 专班点评” is dropped: the heading stands once, numbered.
    assert_eq!(
        texts(&doc, "article h2"),
        [
            "一、基本情况",
            "二、存在问题",
            "三、专班点评",
            "四、下一步要求",
            "附件：本期好经验好做法（共9篇）"
        ]
    );
    let all = texts(&doc, "article").join("");
    assert_eq!(all.matches("专班点评").count(), 1, "{all}");
    assert_eq!(
        texts(&doc, "section.shortfalls h3"),
        [
            "（一）报表报送",
            "（二）“五强”达标",
            "（三）对口联系实地调研",
            "（四）问题清单销号"
        ]
    );
    // The 0.6-point spread between provinces is not a gap worth naming.
    let shortfalls = texts(&doc, "section.shortfalls").join("");
    assert!(
        shortfalls.contains("各地报送率基本持平（最高的河北省95.8%，最低的江苏省95.2%）"),
        "{shortfalls}"
    );
    // 组织功能强 at 0.0% is named as the weakest strength, 32 points under 服务阵地强.
    assert!(
        shortfalls.contains("达标率较低的是组织功能强（0.0%）"),
        "{shortfalls}"
    );
    assert!(
        shortfalls.contains("明显低于服务阵地强（32.0%）"),
        "{shortfalls}"
    );
    // Pairings never visited by the upper unit that owes the visit; the longest-open problems.
    assert!(
        doc.select(&Selector::parse("[data-kind=never_visited] a").unwrap())
            .count()
            >= 10
    );
    assert_eq!(
        doc.select(&Selector::parse("[data-kind=open_over_90_days] a").unwrap())
            .count(),
        5
    );
    // Next steps end with the next deadline as a date; the 落款 closes the document.
    let steps = texts(&doc, "ol.steps li");
    assert!(
        steps
            .iter()
            .any(|s| s == "2023年3—4月报表请于2023年5月10日前报送。"),
        "{steps:?}"
    );
    assert_eq!(texts(&doc, ".doc-sign p"), [ISSUER, "2023年4月11日"]);
    // Tables, not cards: 一、基本情况 is prose, then a table.
    assert_eq!(
        doc.select(&Selector::parse("article .fig").unwrap())
            .count(),
        0
    );
    let basics = doc
        .select(&Selector::parse("section.basics").unwrap())
        .next()
        .unwrap();
    let first: Vec<&str> = basics
        .children()
        .filter_map(|n| n.value().as_element().map(|e| e.name()))
        .collect();
    assert_eq!(&first[..4], ["h2", "p", "p", "p"], "prose first");
    assert!(
        basics
            .select(&Selector::parse("table").unwrap())
            .next()
            .is_some()
    );
}

#[test]
fn a_bimonth_without_commentary_has_three_sections() {
    let site = sample_site();
    let doc = page(site, "2023-B1");
    assert_eq!(
        texts(&doc, ".doc-masthead"),
        ["县级工会加强年专项工作双月调度通报"]
    );
    let (issue, on) = issues(site)["2023-B1"].clone();
    assert_eq!(issue, "3", "2022-B5, 2022-B6, 2023-B1");
    assert_eq!(texts(&doc, ".doc-issue"), [format!("第{issue}期")]);
    assert_eq!(texts(&doc, ".doc-date"), [chinese(&on)]);
    assert_eq!(
        texts(&doc, "article > section > h2")[..3],
        ["一、基本情况", "二、存在问题", "三、下一步要求"]
    );
    assert!(!texts(&doc, "article").join("").contains("专班点评"));
}

#[test]
fn cards_read_big_numbers_in_wan_and_tables_keep_them_exact() {
    let site = sample_site();
    let dashboard = Html::parse_document(&fs::read_to_string(site.join("index.html")).unwrap());
    let cards = texts(&dashboard, ".fig-value");
    assert!(cards.iter().any(|c| c.ends_with("万人")), "{cards:?}");
    assert!(
        !cards.iter().any(|c| c.contains(',') && c.len() > 9),
        "{cards:?}"
    );
    let doc = page(site, "2023-Q1");
    let cells = texts(&doc, "section.basics td.n");
    // 宣讲覆盖职工 in the quarter: exact in the table.
    assert!(
        cells.iter().any(|c| c.starts_with("172,842 人")),
        "{cells:?}"
    );
    // Practices' dates read as a 通报 writes them.
    let meta = texts(&doc, ".practice-list .meta");
    assert!(meta.iter().all(|m| m.starts_with("2023年")), "{meta:?}");
}

#[test]
fn front_matter_and_issuer_set_the_head() {
    let project = common::Project::from_fixture("basic");
    project.write(
        "data/campaign.toml",
        "issuer = \"甲省总工会县级工会加强年工作专班\"\n",
    );
    project.write(
        "content/bulletins/2022-B6.md",
        "---\nissue: 5\ndate: 2023年1月20日\n---\n## 专班点评\n\n本期点评。\n",
    );
    let run = project.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = project.path("output");
    let issues = issues(&site);
    assert_eq!(issues["2022-B6"], ("5".into(), "2023-01-20".into()));
    assert_eq!(issues["2023-B1"].0, "6", "later issues follow on");
    assert_eq!(issues["2022-B5"].0, "1");
    let doc = page(&site, "2022-B6");
    assert_eq!(texts(&doc, ".doc-issue"), ["第5期"]);
    assert_eq!(texts(&doc, ".doc-date"), ["2023年1月20日"]);
    assert_eq!(
        texts(&doc, ".doc-issuer"),
        ["甲省总工会县级工会加强年工作专班"]
    );
    assert_eq!(
        texts(&doc, ".doc-sign p"),
        ["甲省总工会县级工会加强年工作专班", "2023年1月20日"]
    );
    assert_eq!(
        texts(&doc, "article").join("").matches("专班点评").count(),
        1
    );
    // A bad issue number is an error on its line.
    project.write(
        "content/bulletins/2022-B6.md",
        "---\nissue: 第五期\n---\n正文\n",
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[bad-issue]: content/bulletins/2022-B6.md:2"),
        "{}",
        run.stderr
    );
}

#[test]
fn commentary_that_the_figures_contradict_is_a_warning() {
    // The sample's 2023-Q1 commentary says 组织功能强 “提升较快”; it is 0.0%, the lowest.
    let run = countyboard(&["check", "-C", env!("CARGO_MANIFEST_DIR")]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(0),
        "a warning, not an error: {stderr}"
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("[commentary-contradicts-figures]"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].contains("content/bulletins/2023-Q1.md:5"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("`组织功能强`") && warnings[0].contains("lowest"));
    let quality = fs::read_to_string(sample_site().join("quality/index.html")).unwrap();
    assert!(
        quality.contains("专班点评说某项工作提升、领先或较好"),
        "explained in Chinese"
    );

    // On the fixture: praise of a figure that fell from the bimonth before is a warning,
    // praise of one that rose is not.
    let project = common::Project::from_fixture("basic");
    assert_eq!(project.run(&["build", "--quiet"]).code, 0);
    let figures = project.figures();
    // The reporting rate fell from 75% in 2022-B5 to 50% in 2022-B6; on-site visits rose from
    // 0 in 2022-B6 to 1 in 2023-B1.
    assert_eq!(figures.value("2022-B5", "0", "reporting_rate"), "0.75");
    assert_eq!(figures.value("2022-B6", "0", "reporting_rate"), "0.5");
    assert_eq!(figures.value("2022-B6", "0", "onsite_visits"), "0");
    assert_eq!(figures.value("2023-B1", "0", "onsite_visits"), "1");
    project.write(
        "content/bulletins/2022-B6.md",
        "## 专班点评\n\n本期报送率明显提升。\n",
    );
    project.write(
        "content/bulletins/2023-B1.md",
        "对口联系单位实地调研，明显增多。\n",
    );
    let run = project.run(&["check"]);
    let found: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("[commentary-contradicts-figures]"))
        .collect();
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert!(
        found[0].contains("content/bulletins/2022-B6.md:3"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("fell from `75.0%` in 2022-B5 to `50.0%`"),
        "{}",
        found[0]
    );
}

/// `word/document.xml` of a .docx.
fn document_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn paragraph_text(p: roxmltree::Node) -> String {
    // A line break inside a paragraph reads as a newline.
    p.descendants()
        .filter_map(|n| {
            if n.has_tag_name((W, "t")) {
                n.text()
            } else if n.has_tag_name((W, "br")) {
                Some("\n")
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn the_word_document_has_the_headings_tables_and_figures_of_the_page() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("q1.docx");
    let run = countyboard(&[
        "docx",
        "2023-Q1",
        "-C",
        env!("CARGO_MANIFEST_DIR"),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("季度小结第3期"));
    let xml = document_xml(&file);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let styled = |style: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .filter(|p| {
                p.descendants().any(|s| {
                    s.has_tag_name((W, "pStyle")) && s.attribute((W, "val")) == Some(style)
                })
            })
            .map(paragraph_text)
            .collect()
    };
    assert_eq!(
        styled("Heading1"),
        [
            "一、基本情况",
            "二、存在问题",
            "三、专班点评",
            "四、下一步要求"
        ]
    );
    assert!(styled("Heading2").contains(&"（二）“五强”达标".to_string()));
    assert_eq!(
        styled("Title")[0],
        "关于2023年第一季度县级工会加强年专项工作情况的通报"
    );
    let paragraphs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(paragraph_text)
        .collect();
    assert!(paragraphs.contains(&"第3期".to_string()));
    assert!(
        paragraphs
            .iter()
            .any(|p| p == &format!("{ISSUER}2023年4月11日")),
        "head"
    );
    // The 落款 is right-aligned after the next steps.
    let sign = paragraphs.iter().rposition(|p| p == ISSUER).unwrap();
    assert_eq!(paragraphs[sign + 1], "2023年4月11日");
    // Tables: the figures, the provinces, the commentary's own.
    let tables: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    assert_eq!(tables.len(), 3);
    let cells: Vec<String> = tables[0]
        .descendants()
        .filter(|n| n.has_tag_name((W, "tc")))
        .map(paragraph_text)
        .collect();
    // The figures are the export's: 2023-Q1, national, reporting rate 302/316.
    let site = sample_site();
    let mut export = HashMap::new();
    let mut r = csv::Reader::from_path(site.join("data/indicators.csv")).unwrap();
    for row in r.records() {
        let row = row.unwrap();
        if &row[0] == "2023-Q1" && &row[1] == "100000" {
            export.insert(
                row[2].to_string(),
                (row[3].to_string(), row[4].to_string(), row[5].to_string()),
            );
        }
    }
    let (v, n, d) = &export["reporting_rate"];
    // The coverage stands on a line of its own under the rate.
    let shown = format!("{:.1}%\n{n}/{d}", v.parse::<f64>().unwrap() * 100.0);
    let at = cells.iter().position(|c| c == "报送率").unwrap();
    assert_eq!(cells[at + 1], shown);
    let (visits, ..) = &export["onsite_visits"];
    let at = cells.iter().position(|c| c == "实地调研次数").unwrap();
    assert_eq!(cells[at + 1], format!("{visits} 次"));
    let (v, ..) = &export["timeliness"];
    let prose = paragraphs
        .iter()
        .find(|p| p.starts_with("2023年第一季度，全国"))
        .unwrap();
    assert!(
        prose.contains(&format!("及时率{:.1}%", v.parse::<f64>().unwrap() * 100.0)),
        "{prose}"
    );
    // Page numbers “— 1 —” in the footer, as a field.
    let mut zip = zip::ZipArchive::new(fs::File::open(&file).unwrap()).unwrap();
    let footer = (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).ok()?;
            if !f.name().ok()?.starts_with("word/footer") {
                return None;
            }
            let mut s = String::new();
            f.read_to_string(&mut s).ok()?;
            Some(s)
        })
        .collect::<String>();
    assert!(footer.contains("PAGE") && footer.contains("— "), "{footer}");
}

#[test]
#[ignore = "needs LibreOffice (apt-get install libreoffice-writer-nogui) and poppler-utils: run with --include-ignored"]
fn the_word_document_converts_in_libreoffice() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("2023-H1.docx");
    let run = countyboard(&[
        "docx",
        "2023-H1",
        "-C",
        env!("CARGO_MANIFEST_DIR"),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(run.status.success());
    let profile = tempfile::tempdir().unwrap();
    let convert = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out.path())
        .arg(&file)
        .output()
        .expect("soffice (LibreOffice) on PATH");
    let pdf = out.path().join("2023-H1.pdf");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&convert.stderr));
    let text = pdftotext(&pdf, false).replace([' ', '\n'], "");
    for wanted in [
        "半年总结",
        "一、基本情况",
        "二、存在问题",
        "三、专班点评",
        "四、下一步要求",
        ISSUER,
    ] {
        assert!(text.contains(wanted), "LibreOffice's PDF lacks {wanted}");
    }
    assert!(text.contains("—1—"), "page numbers");
}

#[test]
fn the_atom_feed_has_one_entry_per_bulletin_with_links_on_the_base_url() {
    let project = common::Project::from_fixture("basic");
    project.write(
        "data/campaign.toml",
        "base_url = \"https://gh.example.org/jqn\"\n",
    );
    assert_eq!(project.run(&["build", "--quiet"]).code, 0);
    let xml = project.read("output/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    let child = |n: roxmltree::Node<'_, '_>, name: &str| -> Option<String> {
        n.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .map(|c| c.text().unwrap_or("").to_string())
    };
    // RFC 4287: a feed has id, title, updated and an author (or every entry has one).
    for name in ["id", "title", "updated"] {
        assert!(
            child(feed, name).is_some_and(|t| !t.is_empty()),
            "feed {name}"
        );
    }
    let links: Vec<(String, String)> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")))
        .map(|l| {
            (
                l.attribute("rel").unwrap().to_string(),
                l.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    assert!(links.contains(&("self".into(), "https://gh.example.org/jqn/atom.xml".into())));
    let entries: Vec<roxmltree::Node> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    let periods = project.read("output/data/periods.csv").lines().count() - 1;
    let bulletins: Vec<&roxmltree::Node> = entries
        .iter()
        .filter(|e| {
            e.children().any(|c| {
                c.has_tag_name((ATOM, "link"))
                    && c.attribute("href").is_some_and(|h| h.contains("/periods/"))
            })
        })
        .collect();
    assert_eq!(bulletins.len(), periods, "one entry per bulletin");
    assert_eq!(entries.len(), periods + 4, "and the fixture's 4 write-ups");
    let mut ids = std::collections::BTreeSet::new();
    for e in &entries {
        for name in ["id", "title", "updated"] {
            assert!(
                child(*e, name).is_some_and(|t| !t.is_empty()),
                "entry {name}"
            );
        }
        assert!(ids.insert(child(*e, "id").unwrap()), "ids are unique");
        let updated = child(*e, "updated").unwrap();
        assert!(
            updated.len() == 25 && updated.ends_with("T00:00:00+08:00"),
            "{updated}"
        );
        let href = e
            .children()
            .find(|c| c.has_tag_name((ATOM, "link")))
            .and_then(|l| l.attribute("href"))
            .unwrap();
        assert!(href.starts_with("https://gh.example.org/jqn/"), "{href}");
        assert!(
            e.children().any(|c| c.has_tag_name((ATOM, "author")))
                || feed.children().any(|c| c.has_tag_name((ATOM, "author")))
        );
    }
    // A bulletin's summary is the first paragraph of 一、基本情况.
    let b6 = bulletins
        .iter()
        .find(|e| child(***e, "title").unwrap().contains("2022年11—12月"))
        .unwrap();
    let summary = child(**b6, "summary").unwrap();
    assert!(summary.starts_with("2022年11—12月，全国"), "{summary}");
    assert!(atom_syndication::Feed::read_from(xml.as_bytes()).is_ok());
    // The sample's feed: every bulletin and the 40 write-ups (fewer than 50).
    let sample = fs::read_to_string(sample_site().join("atom.xml")).unwrap();
    let feed = atom_syndication::Feed::read_from(sample.as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 16 + 40);
}

// ---- Printed (Chromium) ----------------------------------------------------------------

fn print(page: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn pdftotext(pdf: &Path, bbox: bool) -> String {
    let mut c = Command::new("pdftotext");
    if bbox {
        c.arg("-bbox");
    }
    let out = c
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// How far down its type area (37 mm to 262 mm from the top of A4) each page is printed, from
/// 0 (empty) to 1 (full), read from the page as a grey image.
fn page_fill(pdf: &Path) -> Vec<f64> {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", "30", "-gray"])
        .arg(pdf)
        .arg(dir.path().join("p"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut files: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let bytes = fs::read(f).unwrap();
            // P5 <width> <height> <max>\n<pixels>
            let mut fields = Vec::new();
            let mut at = 0;
            while fields.len() < 4 {
                let start = at;
                while !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
                at += 1;
            }
            let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
            let pixels = &bytes[at..];
            let top = h * 37 / 297;
            let bottom = h * 262 / 297;
            let last = (top..bottom)
                .rev()
                .find(|y| pixels[y * w..(y + 1) * w].iter().any(|p| *p < 200))
                .unwrap_or(top);
            (last - top) as f64 / (bottom - top) as f64
        })
        .collect()
}

/// (text, x centre, width) of every word in a `pdftotext -bbox` page listing.
fn words(bbox: &str) -> Vec<(String, f64, f64, f64)> {
    bbox.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let num = |name: &str| -> f64 {
                l.split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .and_then(|s| s.parse().ok())
                    .unwrap()
            };
            let text = l
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            let (x0, x1) = (num("xMin"), num("xMax"));
            (text, (x0 + x1) / 2.0, x1 - x0, num("yMin"))
        })
        .collect()
}

/// The size the bar chart's unit names print at, in points: each is Chinese characters only,
/// and a Chinese character is one em wide. They are the words left of the chart's 0% tick,
/// above the row of its ticks (0% … 100%).
fn chart_label_size(bbox: &str) -> f64 {
    let printed = words(bbox);
    let (zero_x, tick_y) = printed
        .iter()
        .filter(|w| w.0 == "0%")
        .find(|z| {
            printed
                .iter()
                .any(|h| h.0 == "100%" && (h.3 - z.3).abs() < 0.5)
        })
        .map(|z| (z.1, z.3))
        .expect("the bar chart's 0% and 100% ticks in the PDF");
    let sizes: Vec<f64> = printed
        .iter()
        .filter(|w| w.1 < zero_x && w.3 < tick_y && tick_y - w.3 < 120.0)
        .filter(|w| w.0.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .map(|w| w.2 / w.0.chars().count() as f64)
        .collect();
    assert!(!sizes.is_empty(), "no unit names left of the bar chart");
    sizes.into_iter().fold(f64::MAX, f64::min)
}

#[test]
#[ignore = "needs chromium, fonts-noto-cjk and poppler-utils: run with --include-ignored"]
fn bulletins_print_as_tongbao_on_a4() {
    let site = sample_site();
    let out = tempfile::tempdir().unwrap();
    let issues = issues(site);
    for (period, masthead, has_charts) in [
        ("2023-Q1", "季度小结", true),
        ("2023-H1", "半年总结", true),
        ("2022-B6", "双月调度通报", true),
    ] {
        let pdf = out.path().join(format!("{period}.pdf"));
        let page = site.join(format!("periods/{period}/index.html"));
        print(&page, &pdf);
        let text = pdftotext(&pdf, false);
        let compact = text.replace([' ', '\u{a0}'], "");
        let (issue, on) = &issues[period];
        let date = chinese(on);
        for wanted in [
            format!("县级工会加强年专项工作{masthead}"),
            format!("第{issue}期"),
            format!("{ISSUER}\n{date}"),
            "一、基本情况".to_string(),
            "二、存在问题".to_string(),
            "三、专班点评".to_string(),
            "四、下一步要求".to_string(),
            "—1—".to_string(),
        ] {
            assert!(
                compact.contains(&wanted),
                "{period}: the PDF lacks {wanted:?}"
            );
        }
        // The head's line: the issuing body and the date; and the 落款 at the end.
        let head = compact.lines().take(6).collect::<String>();
        assert!(
            head.contains(ISSUER) && head.contains(&date),
            "{period}: head {head}"
        );
        let body = compact.split("附件：").next().unwrap();
        assert!(
            body.trim_end().ends_with(&format!("{ISSUER}\n{date}")) || {
                let tail: Vec<&str> = body
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('—'))
                    .collect();
                tail.ends_with(&[ISSUER, date.as_str()])
            },
            "{period}: the 落款 does not close the document"
        );
        assert_eq!(
            compact.matches("专班点评").count(),
            1,
            "{period}: heading once"
        );
        // Nothing printed but the bulletin.
        assert!(
            !compact.contains("跳到正文") && !compact.contains("数据下载"),
            "{period}: navigation printed"
        );
        // No page but the last is left more than half empty.
        let fill = page_fill(&pdf);
        for (i, f) in fill.iter().enumerate().take(fill.len() - 1) {
            assert!(
                *f >= 0.5,
                "{period}: page {} is {:.0}% full ({fill:?})",
                i + 1,
                f * 100.0
            );
        }
        // Body text at 3号 (16 pt): the page is not shrunk to fit. A CJK character is one em wide.
        let bbox = pdftotext(&pdf, true);
        let issuer = words(&bbox).into_iter().find(|w| w.0 == ISSUER).unwrap();
        let em = issuer.2 / ISSUER.chars().count() as f64;
        assert!(
            (15.5..16.5).contains(&em),
            "{period}: body text at {em:.1} pt"
        );
        if has_charts {
            let pt = chart_label_size(&bbox);
            assert!(pt >= 9.0, "{period}: chart text prints at {pt:.1} pt");
        }
    }
}
