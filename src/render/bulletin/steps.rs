//! 下一步要求: what the named shortfalls call for, and the next report's deadline as a date.

use super::{Block, Ctx, Span};
use crate::engine::Derived;
use crate::render::site::format::{self, Part};

pub fn blocks(ctx: &Ctx) -> Vec<Block> {
    let f = ctx.figures;
    let cal = &ctx.model.calendar;
    let mut steps: Vec<Vec<Span>> = Vec::new();
    if ctx.count(Derived::CountiesMissing) > 0 {
        steps.push(vec![
            Span::text("请未报送的"),
            ctx.fig(Derived::CountiesMissing, Part::Value),
            Span::text("个县级工会抓紧补报，所在省级工会专班督促落实，并说明未按时报送原因。"),
        ]);
    }
    if ctx.count(Derived::CountiesLate) > 0 {
        steps.push(vec![
            ctx.fig(Derived::CountiesLate, Part::Value),
            Span::text(format!(
                "个县级工会迟报，请严格执行报送时限（{}）。",
                cal.grace.chinese()
            )),
        ]);
    }
    if ctx.count(Derived::PairingsUnvisited) > 0 {
        steps.push(vec![
            Span::text("尚未实地调研的"),
            ctx.fig(Derived::PairingsUnvisited, Part::Value),
            Span::text("对对口联系，联系单位要尽快安排到县实地调研，确保每个对口联系县一年内至少实地调研一次。"),
        ]);
    }
    if ctx.count(Derived::ProblemsOpenOver90Days) > 0 {
        steps.push(vec![
            Span::text("超过90天未销号的"),
            ctx.fig(Derived::ProblemsOpenOver90Days, Part::Value),
            Span::text("个问题，所在省级工会要逐项督办，明确责任和销号时限；需党委政府协调的，及时提请地方党委政府研究解决。"),
        ]);
    }
    if let Some(r) = f.timeline.periods[ctx.p].next_due
        && let Some(due) = f.timeline.periods[r].deadline
    {
        steps.push(vec![Span::text(format!(
            "{}报表请于{}前报送。",
            cal.periods[r].label,
            format::date(due)
        ))]);
    }
    steps.push(vec![Span::text(
        "各级工会要对照“五强”目标和问题清单，持续推动问题销号，及时总结推广可复制的好经验好做法。",
    )]);
    vec![Block::Steps(steps)]
}
