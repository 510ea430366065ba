//! What a commentary claims, read from its text: sentences that call a subject (a strength, a
//! pillar, an indicator or a figure, by name) rising, leading or good. Plain text matching,
//! deliberately cautious: a clause that also speaks of a shortfall (偏低, 仍需, 有待 …) or
//! puts the good word in the future (要提高, 进一步提升) claims nothing.

/// A claim: the subject named, the word that praises it, and the line it stands on (1-based,
/// within the text given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub subject: String,
    pub word: &'static str,
    pub line: usize,
}

/// Words that call something rising, leading or good.
const PRAISE: &[&str] = &[
    "提升较快",
    "提升",
    "提高",
    "上升",
    "增长",
    "增加",
    "增多",
    "加快",
    "较快",
    "改善",
    "好转",
    "领先",
    "居前",
    "前列",
    "最高",
    "较高",
    "突出",
    "良好",
    "较好",
    "显著",
    "明显",
    "走在前",
    "成效",
    "向好",
];

/// Words that make a clause speak of a shortfall or of what is still to be done.
const RESERVE: &[&str] = &[
    "偏低",
    "偏少",
    "较少",
    "较低",
    "最低",
    "较慢",
    "缓慢",
    "滞后",
    "不足",
    "不够",
    "下降",
    "减少",
    "仍需",
    "有待",
    "加力",
    "差距",
    "薄弱",
    "落后",
    "短板",
    "需要",
    "需",
    "要",
    "应",
    "争取",
    "力争",
    "进一步",
];

/// Every claim about one of `subjects` in `text` (Markdown; table rows are left out).
pub fn claims(text: &str, subjects: &[&str]) -> Vec<Claim> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('|') {
            continue;
        }
        let plain: String = line
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '#' | '`'))
            .collect();
        for sentence in plain.split(['。', '！', '？', '；', '!', '?', ';']) {
            read_sentence(sentence, subjects, i + 1, &mut out);
        }
    }
    out
}

fn read_sentence(sentence: &str, subjects: &[&str], line: usize, out: &mut Vec<Claim>) {
    let clauses: Vec<&str> = sentence.split(['，', ',', '：', ':']).collect();
    for (k, clause) in clauses.iter().enumerate() {
        let named = subjects_in(clause, subjects);
        if named.is_empty() {
            continue;
        }
        // The praise of the clause itself, else of the clauses after it that name no subject.
        let mut word = praise_in(clause);
        if word.is_none() && !has_reserve(clause) {
            word = clauses[k + 1..]
                .iter()
                .take_while(|c| subjects_in(c, subjects).is_empty())
                .find_map(|c| praise_in(c));
        }
        if let Some(word) = word {
            out.extend(named.into_iter().map(|subject| Claim {
                subject,
                word,
                line,
            }));
        }
    }
}

/// The subjects named in a clause, longest names first and never inside another's match.
fn subjects_in(clause: &str, subjects: &[&str]) -> Vec<String> {
    let mut order: Vec<&str> = subjects.iter().copied().filter(|s| !s.is_empty()).collect();
    order.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let mut found = Vec::new();
    for s in order {
        for (at, _) in clause.match_indices(s) {
            let range = at..at + s.len();
            if taken
                .iter()
                .any(|t| t.start < range.end && range.start < t.end)
            {
                continue;
            }
            taken.push(range);
            if !found.iter().any(|f: &(usize, String)| f.1 == s) {
                found.push((at, s.to_string()));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, s)| s).collect()
}

/// The clause's word of praise, unless the clause also speaks of a shortfall.
fn praise_in(clause: &str) -> Option<&'static str> {
    if has_reserve(clause) {
        return None;
    }
    PRAISE.iter().copied().find(|w| clause.contains(w))
}

fn has_reserve(clause: &str) -> bool {
    RESERVE.iter().any(|w| clause.contains(w)) || clause.contains("未") || clause.contains("没有")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBJECTS: [&str; 6] = [
        "组织功能强",
        "服务阵地强",
        "政治引领强",
        "报送率",
        "实地调研",
        "五强",
    ];

    fn read(text: &str) -> Vec<(String, &'static str, usize)> {
        claims(text, &SUBJECTS)
            .into_iter()
            .map(|c| (c.subject, c.word, c.line))
            .collect()
    }

    #[test]
    fn praise_is_tied_to_the_subjects_of_its_clause() {
        let text = "## 专班点评\n\n一季度，报送率保持在较高水平。\n\n从“五强”目标看，**组织功能强**和**服务阵地强**的达标率提升较快，**政治引领强**仍需加力。\n";
        assert_eq!(
            read(text),
            [
                ("报送率".to_string(), "较高", 3),
                ("组织功能强".to_string(), "提升较快", 5),
                ("服务阵地强".to_string(), "提升较快", 5),
            ]
        );
    }

    #[test]
    fn shortfalls_and_tasks_are_no_claims() {
        for text in [
            "政治引领强仍需加力。",
            "要进一步提高报送率。",
            "报送率有待提高。",
            "部分对口联系单位尚未开展实地调研，离要求还有差距。",
            "实地调研明显偏少。",
            "报送率没有提高。",
            "| 五强 | 提升 |",
        ] {
            assert_eq!(read(text), [], "{text}");
        }
    }

    #[test]
    fn a_later_clause_can_praise_a_subject_named_before() {
        assert_eq!(
            read("对口联系单位实地调研，明显增多。"),
            [("实地调研".to_string(), "增多", 1)]
        );
        // The next subject's clause keeps its own word.
        assert_eq!(
            read("报送率，政治引领强提高"),
            [("政治引领强".to_string(), "提高", 1)]
        );
    }
}
