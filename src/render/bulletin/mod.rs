//! A period's bulletin (通报) as a document: the head (issuing body, series, 第N期, date), the
//! title, numbered sections of paragraphs, tables and lists of names, the special team's
//! commentary, the next steps and the 落款. It is made once from the model and the figures
//! and written three ways: the site's page (`html`), a Word document (`docx`) and an entry of
//! the Atom feed (`atom`). Every number in it is a figure of the engine and keeps its metric
//! code, so each writer can mark it and the pages can be checked against the export.

pub mod atom;
mod basics;
mod compare;
pub mod docx;
pub mod html;
mod markdown;
mod shortfalls;
mod steps;

use crate::engine::{Figures, Metric};
use crate::model::{Level, Model, PeriodKind};
use crate::render::site::format::{self, Part};

/// The series a period's bulletin belongs to; its issues are numbered within it.
pub fn series(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Month => "月度情况",
        PeriodKind::Bimonth => "双月调度通报",
        PeriodKind::Quarter => "季度小结",
        PeriodKind::Half => "半年总结",
        PeriodKind::Campaign => "专项工作总结",
    }
}

#[derive(Clone, Debug)]
pub struct Document {
    pub period: usize,
    /// The period's id and the root unit's code: every figure's `data-p` and `data-u`.
    pub period_id: String,
    pub unit: String,
    pub series: &'static str,
    /// The red masthead: the campaign's title and the series, `县级工会加强年专项工作季度小结`.
    pub masthead: String,
    pub issue: u32,
    pub issuer: String,
    /// The issue date as the document writes it, `2023年4月11日`.
    pub date: String,
    pub issued_on: crate::model::Date,
    pub title: String,
    /// The period's days and the deadlines of the reports it owes.
    pub scope: String,
    pub sections: Vec<Section>,
    /// The practices of the period shown as an attachment (model indices), widest promotion
    /// first, and how many there are in all.
    pub practices: Vec<usize>,
    pub practice_total: Span,
}

/// A first-level section: `一、基本情况`.
#[derive(Clone, Debug)]
pub struct Section {
    pub heading: String,
    /// What the section is, for the site to place its charts: `basics`, `shortfalls`,
    /// `commentary` or `steps`.
    pub role: &'static str,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug)]
pub enum Block {
    Para(Vec<Span>),
    /// A second-level heading: `（一）报表报送`.
    Heading(String),
    Table(Table),
    /// Units named by group (counties by province, counties by the upper unit that has not
    /// visited them, problems): `kind` is the follow-up list they come from (`followup.csv`).
    Names {
        kind: &'static str,
        groups: Vec<NameGroup>,
    },
    /// The numbered next steps.
    Steps(Vec<Vec<Span>>),
    /// The special team's commentary, Markdown.
    Commentary(String),
}

#[derive(Clone, Debug)]
pub struct NameGroup {
    pub head: String,
    pub names: Vec<Named>,
}

/// A unit named in a list, with what is said of it (`“会员实名制”推进慢（P12，已120天）`) and
/// the item's subject as `followup.csv` has it (a pairing's upper unit, a problem's id).
#[derive(Clone, Debug)]
pub struct Named {
    pub name: String,
    pub code: String,
    pub detail: String,
    pub subject: String,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// For a ranking of units: the parent's own row, shown first, and the legend of the order
    /// and the low marks. Its rows are numbered.
    pub ranking: Option<Ranking>,
}

#[derive(Clone, Debug)]
pub struct Ranking {
    pub parent: Row,
    pub legend: String,
}

#[derive(Clone, Debug)]
pub enum Row {
    /// A heading row across the table (a pillar of 一二三四五).
    Group(String),
    Line {
        name: String,
        /// The row's unit code when the row is a unit (its figures are that unit's).
        unit: Option<String>,
        cells: Vec<TableCell>,
    },
}

/// An exact figure as a table shows it, with its metric code and coverage.
#[derive(Clone, Debug, Default)]
pub struct TableCell {
    pub text: String,
    pub code: String,
    pub coverage: String,
    /// A rate marked low against the parent's (▼), in a ranking.
    pub low: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    Text(String),
    Strong(String),
    /// A number of a figure of the bulletin's period, for the root or the unit given.
    Figure {
        code: String,
        part: Part,
        text: String,
        unit: Option<String>,
    },
    /// A unit named in a sentence (a link on the site).
    Unit {
        name: String,
        code: String,
    },
}

impl Span {
    pub fn text(s: impl Into<String>) -> Span {
        Span::Text(s.into())
    }

    /// The span as plain text.
    pub fn plain(&self) -> &str {
        match self {
            Span::Text(t) | Span::Strong(t) => t,
            Span::Figure { text, .. } => text,
            Span::Unit { name, .. } => name,
        }
    }
}

/// Spans as plain text (for the feed and for tests).
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(Span::plain).collect()
}

/// What the builders of the sections share: the period, the root and its territorial
/// children, and the figures.
pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    pub figures: &'a Figures,
    pub p: usize,
    pub root: usize,
    pub children: Vec<usize>,
}

impl Ctx<'_> {
    /// A number of the root's figure in a sentence (`—` when the project has no such figure).
    pub fn fig(&self, metric: impl Into<Metric>, part: Part) -> Span {
        self.fig_of(self.root, metric, part)
    }

    pub fn fig_of(&self, unit: usize, metric: impl Into<Metric>, part: Part) -> Span {
        match format::spoken(self.figures, self.p, unit, metric, part) {
            Some((code, text)) => Span::Figure {
                code,
                part,
                text,
                unit: (unit != self.root).then(|| self.model.units.units[unit].code.clone()),
            },
            None => Span::text("—"),
        }
    }

    pub fn has(&self, metric: impl Into<Metric>) -> bool {
        self.figures.column(metric).is_some()
    }

    /// The value of a unit's figure, when it has one.
    pub fn value(&self, unit: usize, metric: impl Into<Metric>) -> Option<f64> {
        self.figures
            .cell(self.p, unit, metric)
            .and_then(|c| c.value)
            .map(|v| v.to_f64())
    }

    pub fn count(&self, metric: impl Into<Metric>) -> u32 {
        format::count_of(self.figures, self.p, self.root, metric)
    }

    pub fn unit(&self, unit: usize) -> Span {
        let u = &self.model.units.units[unit];
        Span::Unit {
            name: u.name.clone(),
            code: u.code.clone(),
        }
    }

    pub fn label(&self) -> &str {
        &self.model.calendar.periods[self.p].label
    }

    /// The period's last day, `2023年3月31日`.
    pub fn end(&self) -> String {
        format::date(self.model.calendar.periods[self.p].last_day)
    }
}

/// The bulletin of period `p` for the whole campaign (the root unit).
pub fn document(model: &Model, figures: &Figures, p: usize) -> Document {
    let root = model.units.root();
    let children = model.units.units[root]
        .children
        .iter()
        .copied()
        .filter(|c| model.units.is_territorial(*c))
        .collect();
    let ctx = Ctx {
        model,
        figures,
        p,
        root,
        children,
    };
    let period = &model.calendar.periods[p];
    let facts = &figures.timeline.periods[p];
    let series = series(period.kind);
    let commentary: Vec<&str> = model
        .bulletins
        .iter()
        .filter(|b| b.period == p)
        .map(|b| b.body.as_str())
        .collect();
    let mut sections = vec![
        Section {
            heading: String::new(),
            role: "basics",
            blocks: basics::blocks(&ctx),
        },
        Section {
            heading: String::new(),
            role: "shortfalls",
            blocks: shortfalls::blocks(&ctx),
        },
    ];
    let body = markdown::without_own_heading(&commentary.join("\n\n"));
    if !body.trim().is_empty() {
        sections.push(Section {
            heading: String::new(),
            role: "commentary",
            blocks: vec![Block::Commentary(body)],
        });
    }
    sections.push(Section {
        heading: String::new(),
        role: "steps",
        blocks: steps::blocks(&ctx),
    });
    for (i, s) in sections.iter_mut().enumerate() {
        let name = match s.role {
            "basics" => "基本情况",
            "shortfalls" => "存在问题",
            "commentary" => "专班点评",
            _ => "下一步要求",
        };
        s.heading = format!("{}、{name}", NUMERALS[i]);
    }
    let practices = ctx.practices(if period.kind >= PeriodKind::Quarter {
        12
    } else {
        6
    });
    Document {
        period: p,
        period_id: period.id.clone(),
        unit: model.units.units[root].code.clone(),
        series,
        masthead: format!("{}{series}", model.title),
        issue: facts.issue,
        issuer: model.issuer.clone(),
        date: format::date(facts.issued_on),
        issued_on: facts.issued_on,
        title: title(model, p),
        scope: scope(&ctx),
        sections,
        practices,
        practice_total: ctx.fig(crate::engine::Derived::Practices, Part::Value),
    }
}

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// `关于2023年第一季度县级工会加强年专项工作情况的通报`.
fn title(model: &Model, p: usize) -> String {
    let period = &model.calendar.periods[p];
    if period.kind == PeriodKind::Campaign {
        return format!("关于{}开展情况的通报", model.title);
    }
    format!("关于{}{}情况的通报", period.label, model.title)
}

/// `统计范围：2023年1月1日至2023年3月31日；报表截止：2023年3月10日`.
fn scope(ctx: &Ctx) -> String {
    let period = &ctx.model.calendar.periods[ctx.p];
    let t = &ctx.figures.timeline;
    let dates: Vec<String> = t.periods[ctx.p]
        .owes
        .iter()
        .filter_map(|r| t.periods[*r].deadline)
        .map(format::date)
        .collect();
    let deadlines = match dates.as_slice() {
        [] => "本期无报表到期".to_string(),
        [one] => format!("报表截止：{one}"),
        _ => format!(
            "报表截止：{}，各期依次为{}",
            ctx.model.calendar.grace.chinese(),
            dates.join("、")
        ),
    };
    format!(
        "统计范围：{}至{}；{deadlines}",
        format::date(period.first_day),
        format::date(period.last_day)
    )
}

impl Ctx<'_> {
    /// Up to `n` practices dated in the period, widest promotion first, then newest.
    fn practices(&self, n: usize) -> Vec<usize> {
        let period = &self.model.calendar.periods[self.p];
        let mut list: Vec<usize> = (0..self.model.practices.len())
            .filter(|i| period.contains_day(self.model.practices[*i].date))
            .collect();
        list.sort_by_key(|i| std::cmp::Reverse(self.model.practices[*i].promotion));
        list.truncate(n);
        list
    }

    /// The province a county belongs to, by name.
    pub fn province_of(&self, unit: usize) -> String {
        let units = &self.model.units;
        units
            .path(unit)
            .into_iter()
            .find(|x| units.units[*x].level == Level::Province)
            .map_or(String::new(), |x| units.units[x].name.clone())
    }
}
