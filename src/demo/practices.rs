//! Good-practice write-ups of the demonstration, composed from hand-written prose.

use std::fmt::Write;

use rand::RngExt;

use super::prose::{CASE_NOTES, NEXT_STEPS, THEMES, Theme};
use super::{DemoFile, Rng, World, date, day_between, pick};

const ORDINALS: [&str; 3] = ["一", "二", "三"];

pub fn files(world: &World, count: usize, long: bool, rng: &mut Rng) -> Vec<DemoFile> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let unit = pick_unit(world, rng);
        let theme = &THEMES[i % THEMES.len()];
        let day = day_between(rng, date(2022, 9, 15), date(2023, 9, 28));
        let promotion = match rng.random_range(0..10) {
            0..=3 => "county",
            4..=6 => "prefecture",
            7..=8 => "province",
            _ => "national",
        };
        let name = &world.units[unit].name;
        let numbers = [
            rng.random_range(8..=60).to_string(),
            rng.random_range(300..=4000).to_string(),
            rng.random_range(5..=30).to_string(),
            rng.random_range(10..=120).to_string(),
        ];
        let fill = |t: &str| {
            let mut s = t.replace("{unit}", name);
            for (k, n) in numbers.iter().enumerate() {
                s = s.replace(&format!("{{n{}}}", k + 1), n);
            }
            s
        };
        let title = fill(theme.titles[rng.random_range(0..2)]);
        let body = body(theme, &fill, long, rng);
        let mut text = String::new();
        let _ = writeln!(text, "---");
        let _ = writeln!(text, "title: \"{}\"", title.replace('"', "\\\""));
        let _ = writeln!(text, "unit: \"{}\"", world.units[unit].code);
        let _ = writeln!(text, "date: {day}");
        let _ = writeln!(text, "tags: [{}]", theme.tags.join(", "));
        let _ = writeln!(text, "topics: [{}]", theme.topics.join(", "));
        let _ = writeln!(text, "promotion: {promotion}");
        let _ = writeln!(
            text,
            "summary: \"{}\"",
            fill(theme.summary).replace('"', "\\\"")
        );
        let _ = writeln!(text, "---\n");
        text.push_str(&body);
        let path = format!(
            "content/practices/{day}-{}-{:04}.md",
            world.units[unit].code,
            i + 1
        );
        out.push(DemoFile {
            path,
            bytes: text.into_bytes(),
        });
    }
    out
}

/// Mostly counties; then prefectures, provinces and national bodies.
fn pick_unit(world: &World, rng: &mut Rng) -> usize {
    match rng.random_range(0..100) {
        0..=69 => *pick(rng, &world.counties),
        70..=87 => *pick(rng, &world.prefectures),
        88..=95 => *pick(rng, &world.provinces),
        _ => *pick(rng, &world.bodies),
    }
}

fn body(theme: &Theme, fill: &dyn Fn(&str) -> String, long: bool, rng: &mut Rng) -> String {
    let mut b = String::new();
    let _ = write!(b, "## 背景\n\n{}\n\n", fill(theme.background));
    if long {
        let figures = [
            rng.random_range(80..600),
            rng.random_range(8000..90000),
            rng.random_range(300..6000),
            rng.random_range(4..16),
            rng.random_range(3..25),
        ];
        let _ = write!(
            b,
            "{}",
            fill(&format!(
                "截至专项工作启动时，{{unit}}共有基层工会{}个、工会会员{}人，其中新就业形态劳动者会员{}人；县级工会机关有专职干部{}名，建有职工服务站点{}个。与职工群众的期盼相比，工会组织覆盖面、服务能力和工作活力都还有不小差距。\n\n",
                figures[0], figures[1], figures[2], figures[3], figures[4]
            ))
        );
    }
    b.push_str("## 主要做法\n\n");
    for (k, (head, text)) in theme.measures.iter().enumerate() {
        let _ = write!(b, "### {}、{}\n\n{}\n\n", ORDINALS[k], head, fill(text));
    }
    let _ = write!(b, "## 工作成效\n\n{}\n\n", fill(theme.results));
    if long {
        // National-scale write-ups run to about 1,500 characters, as real ones do.
        let start = rng.random_range(0..CASE_NOTES.len());
        let _ = write!(b, "## 典型案例\n\n");
        for k in 0..5 {
            let _ = write!(b, "{}\n\n", CASE_NOTES[(start + k) % CASE_NOTES.len()]);
        }
    }
    let _ = write!(b, "## 经验启示\n\n{}\n\n", fill(theme.lessons));
    let next = rng.random_range(0..NEXT_STEPS.len());
    let _ = writeln!(b, "{}", fill(NEXT_STEPS[next]));
    if long {
        let _ = writeln!(b, "\n{}", fill(NEXT_STEPS[(next + 1) % NEXT_STEPS.len()]));
    }
    b
}
