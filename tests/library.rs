//! The good-practice library: pages, sanitising, filters as plain pages, slugs, search files.

use crate::common;

use common::Project;

fn library() -> Project {
    let p = Project::from_fixture("basic");
    p.write(
        "content/practices/e.md",
        "---\ntitle: 东区职工服务站点建设\nunit: \"110101\"\ndate: 2023-03-15\ntags: [五强/服务阵地强, 三个下沉/物力下沉]\ntopics: [生活品质]\npromotion: province\nsummary: 建成服务站点12个。\n---\n\n## 主要做法\n\n<script>alert('x')</script>\n\n| 项目 | 数量 |\n|---|---|\n| 服务站点 | 12 |\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n正文[^1]。\n\n[^1]: 县总工会统计。\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p
}

#[test]
fn a_practice_page_renders_markdown_and_removes_scripts() {
    let p = library();
    let html = p.read("output/practices/e/index.html");
    assert!(html.contains("<h2 id=\"主要做法\">"), "heading anchor");
    assert!(
        html.contains("<table>") && html.contains("<td>12</td>"),
        "table"
    );
    assert!(html.contains("footnote"), "footnote");
    assert!(
        !html.contains("alert("),
        "script, javascript: link or onerror survived"
    );
    // Header: unit link, date, framework tags and topics linked to their filter pages.
    assert!(html.contains("href=\"../../units/110101/index.html\">东区</a>"));
    assert!(
        html.contains("2023年3月15日"),
        "the date as a Chinese document writes it"
    );
    assert!(
        html.contains("class=\"tag framework\" href=\"../../practices/tag/"),
        "tags link to filter pages"
    );
    assert!(html.contains(">生活品质</a>") && html.contains(">全省推广</a>"));
    // Related: a shares 五强 with e.
    assert!(html.contains("相关做法") && html.contains("东区建立小三级工会"));
}

#[test]
fn every_filter_value_has_its_own_page() {
    let p = library();
    let pillar = p.read("output/practices/tag/~e4~ba~94~e5~bc~ba/index.html");
    assert!(
        pillar.contains("框架：五强") && pillar.contains("共 2 篇"),
        "五强 holds a and e"
    );
    let strength = p.read("output/practices/tag/~e4~ba~94~e5~bc~ba~2f~e6~9c~8d~e5~8a~a1~e9~98~b5~e5~9c~b0~e5~bc~ba/index.html");
    assert!(strength.contains("东区职工服务站点建设") && strength.contains("共 1 篇"));
    let national =
        p.read("output/practices/promotion/~e5~85~a8~e5~9b~bd~e6~8e~a8~e5~b9~bf/index.html");
    assert!(
        national.contains("共 2 篇")
            && national.contains("全总组织部蹲点调研")
            && national.contains("乙区服务站点")
    );
    let region = p.read("output/practices/region/~e8~a5~bf~e9~83~a8/index.html");
    assert!(
        region.contains("共 1 篇") && region.contains("乙区服务站点"),
        "西部: only 乙区"
    );
    let year = p.read("output/practices/year/2022~e5~b9~b4/index.html");
    assert!(year.contains("共 1 篇"));
    let index = p.read("output/practices/index.html");
    assert!(index.contains("共 5 篇"));
    // The index lists the newest first.
    let newest = index.find("乙区服务站点").unwrap();
    let oldest = index.find("东区建立小三级工会").unwrap();
    assert!(newest < oldest);
}

#[test]
fn slugs_come_from_file_names_and_must_be_unique() {
    let p = library();
    for slug in ["a", "b", "c", "d", "e"] {
        assert!(
            p.path(&format!("output/practices/{slug}/index.html"))
                .exists(),
            "{slug}"
        );
    }
    p.write(
        "content/practices/E.md",
        "---\ntitle: 重名\nunit: \"110101\"\ndate: 2023-03-15\n---\n",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("duplicate-slug"), "{}", run.stderr);
}

#[test]
fn the_search_index_covers_every_practice() {
    let p = library();
    let meta = p.read("output/practices/search/meta.js");
    assert!(meta.starts_with("CB_SEARCH.meta("));
    for title in ["东区职工服务站点建设", "东区建立小三级工会", "乙区服务站点"]
    {
        assert!(meta.contains(title), "{title}");
    }
    let keys = p.read("output/practices/search/k0.js");
    assert!(keys.contains("\"站点\":"), "bigram key");
    let texts = p.read("output/practices/search/t0.js");
    assert!(
        texts.contains("县总工会统计") && !texts.contains("<script"),
        "plain text of bodies"
    );
    // Headings are blocks of their own (arrays), apart from the paragraphs; bold joins its text.
    assert!(texts.contains("[\"主要做法\"]"), "{texts}");
    assert!(texts.contains("\"注意：正文。\""), "{texts}");
}

#[test]
fn the_library_filters_by_province_and_prefecture() {
    let p = library();
    // 甲省 holds a (东区), b (甲一市 itself) and e (东区); 乙省 holds d.
    let province = p.read("output/practices/province/11/index.html");
    assert!(province.contains("省份：甲省") && province.contains("共 3 篇"));
    for title in [
        "东区建立小三级工会",
        "甲一市对口联系问题清单",
        "东区职工服务站点建设",
    ] {
        assert!(province.contains(title), "{title}");
    }
    assert!(!province.contains("乙区服务站点") && !province.contains("全总组织部蹲点调研"));
    // The province's page offers its prefectures; the index offers provinces only.
    assert!(province.contains("href=\"../../../practices/prefecture/1101/index.html\">甲一市</a> <span class=\"count\">3</span>"));
    assert!(!province.contains("prefecture/1201/"));
    let index = p.read("output/practices/index.html");
    assert!(index.contains("<h3>省份</h3>") && !index.contains("<h3>地市</h3>"));
    assert!(
        index.contains(">甲省</a> <span class=\"count\">3</span>")
            && index.contains(">乙省</a> <span class=\"count\">1</span>")
    );
    let prefecture = p.read("output/practices/prefecture/1101/index.html");
    assert!(prefecture.contains("地市：甲一市") && prefecture.contains("共 3 篇"));
    assert!(
        prefecture.contains("<a href=\"../../../practices/province/11/index.html\">甲省</a>"),
        "the crumbs lead to the province"
    );
    assert_eq!(
        p.read("output/practices/prefecture/1201/index.html")
            .matches("乙区服务站点")
            .count(),
        1
    );
    // A write-up names the province and prefecture it comes from, linked to their pages.
    let practice = p.read("output/practices/e/index.html");
    assert!(practice.contains("href=\"../../practices/province/11/index.html\">甲省</a>"));
    assert!(practice.contains("href=\"../../practices/prefecture/1101/index.html\">甲一市</a>"));
    // The in-place filter: places by code, each under the place it lies in (by its index);
    // a county or national body as the unit itself, which has no page of its own.
    let meta = p.read("output/practices/search/meta.js");
    let values: Vec<serde_json::Value> = {
        let start = meta.find("\"values\":").unwrap() + 9;
        let end = meta.find(",\"docs\":").unwrap();
        serde_json::from_str(&meta[start..end]).unwrap()
    };
    let at = |v: serde_json::Value| values.iter().position(|x| *x == v);
    let jia = at(serde_json::json!([6, "甲省", "11", -1])).expect("甲省");
    let jia1 = at(serde_json::json!([7, "甲一市", "1101", jia])).expect("甲一市 under 甲省");
    assert!(
        at(serde_json::json!([8, "东区", "110101", jia1])).is_some(),
        "{values:?}"
    );
    assert!(at(serde_json::json!([8, "全总组织部", "N1", -1])).is_some());
    assert!(
        !p.path("output/practices/unit").exists(),
        "no pages per county"
    );
}

#[test]
fn a_units_full_list_of_practices_is_the_library_filtered_to_it() {
    let p = library();
    // 31 more from 西县: more than a unit page lists, for 西县, 甲一市, 甲省 and the nation.
    for i in 0..31 {
        p.write(
            &format!("content/practices/x{i:02}.md"),
            format!(
                "---\ntitle: 西县做法{i}\nunit: \"110102\"\ndate: 2023-04-{:02}\n---\n\n正文。\n",
                i % 28 + 1
            ),
        );
    }
    assert_eq!(p.run(&["build"]).code, 0);
    for (unit, href) in [
        ("110102", "../../practices/index.html?unit=110102"),
        ("1101", "../../practices/prefecture/1101/index.html"),
        ("11", "../../practices/province/11/index.html"),
        ("0", "../../practices/index.html"),
    ] {
        let page = p.read(&format!("output/units/{unit}/index.html"));
        assert!(
            page.contains(&format!("<a href=\"{href}\">查看全部好经验好做法</a>")),
            "{unit}"
        );
    }
    assert!(
        p.read("output/practices/province/11/index.html")
            .contains("共 34 篇")
    );
}

#[test]
fn the_dashboard_lists_promoted_practices_apart_from_the_newest() {
    let p = library();
    for i in 0..12 {
        p.write(
            &format!("content/practices/n{i:02}.md"),
            format!("---\ntitle: 推广做法{i}\nunit: \"110101\"\ndate: 2023-05-{:02}\npromotion: national\n---\n\n正文。\n", i + 1),
        );
    }
    assert_eq!(p.run(&["build"]).code, 0);
    let dashboard = p.read("output/index.html");
    let section = |heading: &str| -> Vec<String> {
        let from = dashboard
            .find(heading)
            .unwrap_or_else(|| panic!("{heading}"));
        let list = &dashboard[from..];
        let list = &list[..list.find("</ul>").unwrap()];
        list.split("<li><a href=\"")
            .skip(1)
            .map(|item| item[..item.find('"').unwrap()].to_string())
            .collect()
    };
    let newest = section("最新好经验好做法");
    let promoted = section("推广范围最广的做法");
    assert_eq!(newest.len(), 8);
    assert!(!promoted.is_empty());
    assert!(
        promoted.iter().all(|p| !newest.contains(p)),
        "{promoted:?} repeats {newest:?}"
    );
}
