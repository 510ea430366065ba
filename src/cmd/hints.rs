//! What to do next: the messages that point a user on when a command cannot go ahead (no
//! project here, a period or a province that does not exist), kept together.

use std::path::Path;

use countyboard::findings::Findings;
use countyboard::lang::Lang;
use countyboard::model::Calendar;
use countyboard::model::calendar::PeriodKind;
use countyboard::model::holidays::Holidays;
use countyboard::project::{CAMPAIGN_FILE, parse_campaign};

/// `Some(message)` when `dir` holds no project (no `data/` folder).
pub fn not_a_project(dir: &Path, lang: Lang) -> Option<String> {
    if dir.join("data").is_dir() {
        return None;
    }
    let here = dir == Path::new(".");
    let shown = dir.display();
    Some(match (lang, here) {
        (Lang::En, true) => format!("this folder{}", NOT_A_PROJECT_EN),
        (Lang::En, false) => format!("{shown}{}", NOT_A_PROJECT_EN),
        (Lang::Zh, true) => format!("当前文件夹{}", NOT_A_PROJECT_ZH),
        (Lang::Zh, false) => format!("{shown} {}", NOT_A_PROJECT_ZH),
    })
}

const NOT_A_PROJECT_EN: &str = " holds no countyboard project (no data/ folder). Start one with `countyboard init DIR --province 13` (a province's code or name), or name an existing project with `-C DIR`";
const NOT_A_PROJECT_ZH: &str = "中没有 countyboard 项目（没有 data/ 文件夹）。可用 `countyboard init DIR --province 13`（省份的代码或名称）新建一个项目，或用 `-C DIR` 指定已有的项目";

/// The project's calendar, from its `data/campaign.toml` (the defaults when it is absent or
/// unreadable: `check` reports the faults).
pub fn calendar(project: &Path) -> Calendar {
    let text = std::fs::read_to_string(project.join(CAMPAIGN_FILE)).ok();
    // Holidays move deadlines only; the periods are the same without them.
    let campaign = parse_campaign(text.as_deref(), &mut Findings::default());
    Calendar::new(&campaign, &Holidays::default())
}

/// The periods of a calendar by kind, e.g. `bimonths 2022-B5 … 2023-B5; quarters 2022-Q3 …
/// 2023-Q3; halves 2022-H2, 2023-H1, 2023-H2; campaign`.
pub fn periods(calendar: &Calendar, only: Option<PeriodKind>, lang: Lang) -> String {
    let kinds = [
        (PeriodKind::Month, lang.pick("months", "月份")),
        (PeriodKind::Bimonth, lang.pick("bimonths", "双月")),
        (PeriodKind::Quarter, lang.pick("quarters", "季度")),
        (PeriodKind::Half, lang.pick("halves", "半年")),
        (PeriodKind::Campaign, lang.pick("the whole", "全程")),
    ];
    let comma = lang.pick(", ", "、");
    let mut parts = Vec::new();
    for (kind, name) in kinds {
        if only.is_some_and(|k| k != kind) {
            continue;
        }
        let ids: Vec<&str> = calendar
            .periods
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.id.as_str())
            .collect();
        let list = match ids.as_slice() {
            [] => continue,
            [a, b, .., z] if ids.len() > 8 => format!("{a}{comma}{b} … {z}"),
            _ => ids.join(comma),
        };
        parts.push(format!("{name} {list}"));
    }
    parts.join(lang.pick("; ", "；"))
}

/// `Some(message)` when `period` is not a period of the project's campaign.
pub fn unknown_period(project: &Path, period: &str, lang: Lang) -> Option<String> {
    let calendar = calendar(project);
    calendar.get(period).is_none().then(|| {
        let all = periods(&calendar, None, lang);
        match lang {
            Lang::En => {
                format!("`{period}` is not a period of this campaign; expected one of: {all}")
            }
            Lang::Zh => format!("“{period}”不是本次专项工作的期间；应为以下之一：{all}"),
        }
    })
}

/// Provinces given by code or by name (`13`, `河北省`, `河北`, `宁夏`) to their codes, from
/// `(code, name)` pairs; an unknown one lists them all.
pub fn provinces(
    given: &[String],
    known: &[(String, String)],
    lang: Lang,
) -> Result<Vec<String>, String> {
    let mut codes: Vec<String> = Vec::new();
    for text in given.iter().map(|t| t.trim()) {
        let matches: Vec<&(String, String)> = known
            .iter()
            .filter(|(code, name)| {
                code == text
                    || name == text
                    || (text.chars().count() >= 2 && name.starts_with(text))
            })
            .collect();
        match matches.as_slice() {
            [(code, _)] => {
                if !codes.contains(code) {
                    codes.push(code.clone());
                }
            }
            _ => {
                let all: Vec<String> = known.iter().map(|(c, n)| format!("{c} {n}")).collect();
                return Err(match lang {
                    Lang::En => format!(
                        "no province has the code or name `{text}`; expected a code or a name: {}",
                        all.join(", ")
                    ),
                    Lang::Zh => format!(
                        "没有代码或名称为“{text}”的省份；应为以下代码或名称：{}",
                        all.join("、")
                    ),
                });
            }
        }
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_by_code_or_name() {
        let known = [
            ("13".to_string(), "河北省".to_string()),
            ("64".to_string(), "宁夏回族自治区".to_string()),
            ("11".to_string(), "北京市".to_string()),
        ];
        let given = |xs: &[&str]| {
            provinces(
                &xs.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                &known,
                Lang::En,
            )
        };
        assert_eq!(given(&["13", "宁夏"]).unwrap(), ["13", "64"]);
        assert_eq!(given(&["河北省", "河北", "北京"]).unwrap(), ["13", "11"]);
        let e = given(&["99"]).unwrap_err();
        assert!(
            e.contains("13 河北省") && e.contains("64 宁夏回族自治区"),
            "{e}"
        );
        assert!(given(&["河"]).is_err());
    }

    #[test]
    fn periods_are_listed_by_kind() {
        let c = Calendar::new(
            &countyboard::model::Campaign::default(),
            &Holidays::default(),
        );
        let all = periods(&c, None, Lang::En);
        assert!(
            all.starts_with(
                "bimonths 2022-B5, 2022-B6, 2023-B1, 2023-B2, 2023-B3, 2023-B4, 2023-B5; quarters"
            ),
            "{all}"
        );
        assert!(all.ends_with("the whole campaign"), "{all}");
        let zh = periods(&c, None, Lang::Zh);
        assert!(
            zh.starts_with("双月 2022-B5、2022-B6、2023-B1") && zh.ends_with("全程 campaign"),
            "{zh}"
        );
    }
}
