//! When a gap is worth naming. A bulletin names the lagging provinces (or items) on a rate
//! only when they trail the best by at least five percentage points; a smaller spread reads
//! “基本持平”, since a gap of a point or two between provinces is within what late filings and
//! corrections move from one period to the next.

use super::Span;

/// The smallest gap to the best, as a fraction, that makes a unit worth naming.
pub const NOTABLE_GAP: f64 = 0.05;

/// At most this many are named as lagging.
const NAMED: usize = 3;

/// One compared thing: a province or an item, its figure in a sentence, and its value.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: Span,
    pub figure: Span,
    pub value: f64,
}

/// What the comparison found.
#[derive(Debug)]
pub enum Spread {
    /// Fewer than two have a value: nothing to compare.
    None,
    /// Best and worst within the notable gap.
    Level { best: Entry, worst: Entry },
    /// The best, and those at least the notable gap below it, lowest first.
    Wide { best: Entry, lagging: Vec<Entry> },
}

pub fn spread(mut entries: Vec<Entry>) -> Spread {
    if entries.len() < 2 {
        return Spread::None;
    }
    // Highest first; ties keep their given order.
    entries.sort_by(|a, b| b.value.total_cmp(&a.value));
    let best = entries[0].clone();
    let mut lagging: Vec<Entry> = entries
        .iter()
        .filter(|e| best.value - e.value >= NOTABLE_GAP - 1e-12)
        .cloned()
        .collect();
    if lagging.is_empty() {
        let worst = entries[entries.len() - 1].clone();
        return Spread::Level { best, worst };
    }
    lagging.reverse();
    lagging.truncate(NAMED);
    Spread::Wide { best, lagging }
}

/// `甲省（95.8%）、乙省（90.1%）`.
pub fn named(entries: &[Entry]) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push(Span::text("、"));
        }
        out.push(e.name.clone());
        out.push(Span::text("（"));
        out.push(e.figure.clone());
        out.push(Span::text("）"));
    }
    out
}

/// The sentence a bulletin writes about a rate across provinces (or items):
/// `各地报送率基本持平（最高的甲省95.8%，最低的乙省95.2%）。` or
/// `报送率较低的是乙省（88.0%）、丙省（90.1%），明显低于甲省（95.8%）。`
pub fn sentence(what: &str, among: &str, entries: Vec<Entry>) -> Vec<Span> {
    match spread(entries) {
        Spread::None => Vec::new(),
        Spread::Level { best, worst } if best.value == worst.value => {
            vec![
                Span::text(format!("{among}{what}均为")),
                best.figure,
                Span::text("。"),
            ]
        }
        Spread::Level { best, worst } => {
            let mut s = vec![
                Span::text(format!("{among}{what}基本持平（最高的")),
                best.name,
            ];
            s.push(best.figure);
            s.push(Span::text("，最低的"));
            s.push(worst.name);
            s.push(worst.figure);
            s.push(Span::text("）。"));
            s
        }
        Spread::Wide { best, lagging } => {
            let mut s = vec![Span::text(format!("{what}较低的是"))];
            s.extend(named(&lagging));
            s.push(Span::text("，明显低于"));
            s.extend(named(&[best]));
            s.push(Span::text("。"));
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, value: f64) -> Entry {
        Entry {
            name: Span::text(name),
            figure: Span::text(format!("{:.1}%", value * 100.0)),
            value,
        }
    }

    #[test]
    fn a_small_spread_reads_level() {
        let s = sentence(
            "报送率",
            "各地",
            vec![
                entry("河北省", 0.958),
                entry("江苏省", 0.952),
                entry("宁夏", 0.955),
            ],
        );
        assert_eq!(
            super::super::plain(&s),
            "各地报送率基本持平（最高的河北省95.8%，最低的江苏省95.2%）。"
        );
    }

    #[test]
    fn a_gap_of_five_points_names_the_lagging_lowest_first() {
        let s = sentence(
            "报送率",
            "各地",
            vec![
                entry("甲", 0.95),
                entry("乙", 0.90),
                entry("丙", 0.80),
                entry("丁", 0.93),
            ],
        );
        assert_eq!(
            super::super::plain(&s),
            "报送率较低的是丙（80.0%）、乙（90.0%），明显低于甲（95.0%）。"
        );
        assert!(matches!(spread(vec![entry("甲", 0.5)]), Spread::None));
        let same = sentence("达标率", "各地", vec![entry("甲", 0.0), entry("乙", 0.0)]);
        assert_eq!(super::super::plain(&same), "各地达标率均为0.0%。");
        // Four lagging: the three lowest are named.
        let wide = spread(vec![
            entry("甲", 1.0),
            entry("乙", 0.1),
            entry("丙", 0.2),
            entry("丁", 0.3),
            entry("戊", 0.4),
        ]);
        let Spread::Wide { lagging, .. } = wide else {
            panic!("not wide")
        };
        let names: Vec<&str> = lagging.iter().map(|e| e.name.plain()).collect();
        assert_eq!(names, ["乙", "丙", "丁"]);
    }
}
