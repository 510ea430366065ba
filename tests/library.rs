//! The good-practice library: pages, sanitising, filters as plain pages, slugs, search files.

mod common;

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
}
