//! Reviews that need the figures: the special team's commentary (`content/bulletins/*.md`)
//! read against the period's figures. A sentence that calls a strength, a pillar, an
//! indicator or a figure rising, leading or good while its figure is the lowest of the five
//! strengths, or lower than in the period before, is a warning on its line. Pure: the model
//! and the figures in, findings out; `check` and `build` run it after computing.

mod claims;

use crate::engine::{Derived, Figures, Metric, Value};
use crate::findings::{Code, Findings, Msg, Pos};
use crate::model::{Model, Pillar, Strength};

/// Adds a warning for every claim of a commentary that its period's figures contradict.
pub fn commentary(model: &Model, figures: &Figures, findings: &mut Findings) {
    let subjects = subjects(model, figures);
    let names: Vec<&str> = subjects.iter().map(|s| s.0.as_str()).collect();
    let root = model.units.root();
    for b in &model.bulletins {
        for claim in claims::claims(&b.body, &names) {
            let Some((_, metric)) = subjects.iter().find(|s| s.0 == claim.subject) else {
                continue;
            };
            if let Some(why) = contradiction(model, figures, b.period, root, *metric) {
                let pos = Pos {
                    file: b.file.clone(),
                    line: b.body_line + claim.line - 1,
                };
                let (subject, word) = (&claim.subject, &claim.word);
                let (why_en, why_zh) = (&why.en, &why.zh);
                findings.warning(
                    &pos,
                    0,
                    Code::CommentaryContradictsFigures,
                    msg!(
                        "the commentary calls `{subject}` `{word}`, but {why_en}; expected the commentary to agree with the bulletin's figures",
                        "点评说“{subject}”“{word}”，但{why_zh}；点评应与通报的数据一致"
                    ),
                );
            }
        }
    }
}

/// Names a commentary may praise, each with the figure that judges it: the five strengths and
/// 五强, the pillars (by their lead figure), every indicator and figure by its label, and the
/// words commentaries use for visits and 销号.
fn subjects(model: &Model, figures: &Figures) -> Vec<(String, Metric)> {
    let mut out: Vec<(String, Metric)> = Vec::new();
    let mut add = |name: &str, metric: Metric| {
        if figures.column(metric).is_some() && !out.iter().any(|(n, _)| n == name) {
            out.push((name.to_string(), metric));
        }
    };
    for s in Strength::ALL {
        add(s.chinese(), Derived::Strong(s).into());
    }
    add("五强", Derived::FiveStrong.into());
    let first = |pillar: Pillar| {
        (0..model.indicators.len())
            .find(|i| model.indicators[*i].pillar == pillar)
            .map(Metric::Reported)
    };
    for (pillar, name) in Pillar::ALL {
        let lead = match pillar {
            Pillar::TwoCombinations => Some(Derived::PairingCoverage.into()),
            Pillar::FourTasks => Some(Derived::VisitCoverage.into()),
            Pillar::FiveStrengths => None,
            _ => first(pillar),
        };
        if let Some(m) = lead {
            add(name, m);
        }
    }
    for d in &figures.metrics {
        add(&d.label, d.metric);
    }
    for i in &model.indicators {
        let k = model.indicators.iter().position(|x| x.code == i.code);
        if let Some(k) = k {
            add(&i.name, Metric::Reported(k));
        }
    }
    add("实地调研", Derived::OnsiteVisits.into());
    add("销号", Derived::ResolutionRate(None).into());
    add("好经验好做法", Derived::Practices.into());
    out
}

/// Why the figures contradict praise of `metric` in period `p`: the lowest of the strengths,
/// or lower than in the period of the same kind before.
fn contradiction(
    model: &Model,
    figures: &Figures,
    p: usize,
    root: usize,
    metric: Metric,
) -> Option<Msg> {
    let value = |period: usize, m: Metric| -> Option<f64> {
        figures.cell(period, root, m)?.value.map(Value::to_f64)
    };
    let now = value(p, metric)?;
    let shown = |v: f64| match figures.cell(p, root, metric).and_then(|c| c.value) {
        Some(Value::Ratio(..)) => format!("{:.1}%", v * 100.0),
        _ => trim(v),
    };
    let period = &model.calendar.periods[p];
    if let Metric::Derived(Derived::Strong(_)) = metric {
        let others: Vec<f64> = Strength::ALL
            .iter()
            .filter_map(|s| value(p, Derived::Strong(*s).into()))
            .collect();
        let lowest = others.iter().all(|o| now <= *o);
        if lowest && others.iter().any(|o| *o > now) {
            let (id, label, now) = (&period.id, &period.label, shown(now));
            return Some(msg!(
                "its figure for {id} is the lowest of the five strengths (`{now}`)",
                "{label}它的数值是五强中最低的（{now}）"
            ));
        }
    }
    let before = (0..p)
        .rev()
        .find(|q| model.calendar.periods[*q].kind == period.kind)?;
    let then = value(before, metric)?;
    (now < then).then(|| {
        let (then, now) = (shown(then), shown(now));
        let (was, was_label) = (
            &model.calendar.periods[before].id,
            &model.calendar.periods[before].label,
        );
        let (id, label) = (&period.id, &period.label);
        msg!(
            "its figure fell from `{then}` in {was} to `{now}` in {id}",
            "它的数值从{was_label}的 {then} 降到{label}的 {now}"
        )
    })
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
