//! What to do next: the messages that point a user on when a command cannot go ahead (no
//! project here, a period or a province that does not exist), kept together.

use std::path::Path;

use countyboard::findings::Findings;
use countyboard::model::Calendar;
use countyboard::model::calendar::PeriodKind;
use countyboard::model::holidays::Holidays;
use countyboard::project::{CAMPAIGN_FILE, parse_campaign};

/// `Some(message)` when `dir` holds no project (no `data/` folder).
pub fn not_a_project(dir: &Path) -> Option<String> {
    if dir.join("data").is_dir() {
        return None;
    }
    let shown = if dir == Path::new(".") {
        "this folder".to_string()
    } else {
        dir.display().to_string()
    };
    Some(format!(
        "{shown} holds no countyboard project (no data/ folder). Start one with `countyboard init DIR --province 13` (a province's code or name), or name an existing project with `-C DIR`"
    ))
}

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
pub fn periods(calendar: &Calendar, only: Option<PeriodKind>) -> String {
    let kinds = [
        (PeriodKind::Month, "months"),
        (PeriodKind::Bimonth, "bimonths"),
        (PeriodKind::Quarter, "quarters"),
        (PeriodKind::Half, "halves"),
        (PeriodKind::Campaign, "the whole"),
    ];
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
            [a, b, .., z] if ids.len() > 8 => format!("{a}, {b} … {z}"),
            _ => ids.join(", "),
        };
        parts.push(format!("{name} {list}"));
    }
    parts.join("; ")
}

/// `Some(message)` when `period` is not a period of the project's campaign.
pub fn unknown_period(project: &Path, period: &str) -> Option<String> {
    let calendar = calendar(project);
    calendar.get(period).is_none().then(|| {
        format!(
            "`{period}` is not a period of this campaign; expected one of: {}",
            periods(&calendar, None)
        )
    })
}

/// Provinces given by code or by name (`13`, `河北省`, `河北`, `宁夏`) to their codes, from
/// `(code, name)` pairs; an unknown one lists them all.
pub fn provinces(given: &[String], known: &[(String, String)]) -> Result<Vec<String>, String> {
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
                return Err(format!(
                    "no province has the code or name `{text}`; expected a code or a name: {}",
                    all.join(", ")
                ));
            }
        }
    }
    Ok(codes)
}

/// `1 form`, `2 forms`: English counts (the noun given in both numbers).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
        let all = periods(&c, None);
        assert!(
            all.starts_with(
                "bimonths 2022-B5, 2022-B6, 2023-B1, 2023-B2, 2023-B3, 2023-B4, 2023-B5; quarters"
            ),
            "{all}"
        );
        assert!(all.ends_with("the whole campaign"), "{all}");
        assert_eq!(count(1, "form", "forms"), "1 form");
        assert_eq!(count(2, "form", "forms"), "2 forms");
    }
}
