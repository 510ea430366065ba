//! The validated model: the unit tree, the calendar, indicator definitions and the ledgers.
//! Every item keeps the position it was read from.

pub mod calendar;
pub mod campaign;
pub mod date;
pub mod holidays;
pub mod units;

use rust_decimal::Decimal;

use crate::findings::Pos;
pub use calendar::{Calendar, Period, PeriodKind};
pub use campaign::{Campaign, Frequency, Grace};
pub use date::Date;
pub use units::{Level, Region, Unit, UnitTree};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pillar {
    MainLine,
    TwoCombinations,
    ThreeSinkings,
    FourTasks,
    FiveStrengths,
}

impl Pillar {
    pub const ALL: [(Pillar, &'static str); 5] = [
        (Pillar::MainLine, "一条主线"),
        (Pillar::TwoCombinations, "两个结合"),
        (Pillar::ThreeSinkings, "三个下沉"),
        (Pillar::FourTasks, "四项任务"),
        (Pillar::FiveStrengths, "五强"),
    ];

    pub fn parse(text: &str) -> Option<Pillar> {
        Pillar::ALL
            .iter()
            .find(|(_, n)| *n == text)
            .map(|(p, _)| *p)
    }
}

/// The five strengths, in the speech's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Political,
    Organization,
    Service,
    Mechanism,
    Role,
}

impl Strength {
    pub const ALL: [Strength; 5] = [
        Strength::Political,
        Strength::Organization,
        Strength::Service,
        Strength::Mechanism,
        Strength::Role,
    ];

    pub fn chinese(self) -> &'static str {
        match self {
            Strength::Political => "政治引领强",
            Strength::Organization => "组织功能强",
            Strength::Service => "服务阵地强",
            Strength::Mechanism => "制度机制强",
            Strength::Role => "作用发挥强",
        }
    }

    pub fn metric(self) -> &'static str {
        match self {
            Strength::Political => "strong_political",
            Strength::Organization => "strong_organization",
            Strength::Service => "strong_service",
            Strength::Mechanism => "strong_mechanism",
            Strength::Role => "strong_role",
        }
    }

    /// Reads an `item`: `服务阵地强`, `五强/服务阵地强` or the metric name.
    pub fn parse(item: &str) -> Option<Strength> {
        let item = item.trim();
        let item = item.strip_prefix("五强/").unwrap_or(item);
        Strength::ALL
            .into_iter()
            .find(|s| s.chinese() == item || s.metric() == item || s.metric()[7..] == *item)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeAgg {
    /// A flow: the reports of a period add up.
    Sum,
    /// A stock: the latest report period that gives a value.
    Last,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitAgg {
    Sum,
    Mean,
    /// Fraction of counties with a value whose value is > 0.
    Share,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub code: String,
    pub name: String,
    pub pillar: Pillar,
    pub item: String,
    pub strength: Option<Strength>,
    pub time_agg: TimeAgg,
    pub unit_agg: UnitAgg,
    pub measure: String,
    pub yes_no: bool,
    pub target: Option<Decimal>,
    pub description: String,
    pub pos: Pos,
}

impl Indicator {
    /// Counts toward a strength: pillar 五强 with a target.
    pub fn strength_target(&self) -> Option<(Strength, Decimal)> {
        if self.pillar != Pillar::FiveStrengths {
            return None;
        }
        Some((self.strength?, self.target?))
    }
}

/// One accepted (winning) report of a county for a reporting period.
#[derive(Clone, Debug)]
pub struct Report {
    pub county: usize,
    pub period: usize,
    pub submitted_on: Date,
    /// One entry per indicator, in definition order; `None` is "not reported".
    pub values: Vec<Option<Decimal>>,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub struct Pairing {
    pub upper: usize,
    pub county: usize,
    pub since: Date,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub struct Visit {
    pub upper: usize,
    pub county: usize,
    pub date: Date,
    pub onsite: bool,
    pub topics: Vec<String>,
    pub note: String,
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Coordinate,
    Union,
    OwnEffort,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Coordinate, Category::Union, Category::OwnEffort];

    pub fn suffix(self) -> &'static str {
        match self {
            Category::Coordinate => "coordinate",
            Category::Union => "union",
            Category::OwnEffort => "self",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Category::Coordinate => "需党委政府协调",
            Category::Union => "工会系统资源解决",
            Category::OwnEffort => "县级工会自身努力",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Open,
    InProgress,
    Resolved,
}

impl Status {
    pub fn chinese(self) -> &'static str {
        match self {
            Status::Open => "待解决",
            Status::InProgress => "推进中",
            Status::Resolved => "已销号",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Problem {
    pub id: String,
    pub county: usize,
    pub found_by: Option<usize>,
    pub found_on: Date,
    pub category: Category,
    pub title: String,
    pub measures: String,
    pub status: Status,
    pub resolved_on: Option<Date>,
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Promotion {
    County,
    Prefecture,
    Province,
    National,
}

impl Promotion {
    pub fn chinese(self) -> &'static str {
        match self {
            Promotion::County => "县域推广",
            Promotion::Prefecture => "市域推广",
            Promotion::Province => "全省推广",
            Promotion::National => "全国推广",
        }
    }

    /// Promoted beyond the prefecture: counts in `practices_promoted`.
    pub fn is_wide(self) -> bool {
        self >= Promotion::Province
    }
}

/// The names the library's own pages take under `practices/`: its listing pages, its search
/// and a folder per filter group. A write-up's page is `practices/<its file name>/`, so no
/// write-up may be named after one of these (it would replace the library's pages).
pub const LIBRARY_FOLDERS: [&str; 11] = [
    "page",
    "search",
    "tag",
    "topic",
    "region",
    "level",
    "promotion",
    "year",
    "province",
    "prefecture",
    "unit",
];

#[derive(Clone, Debug)]
pub struct Practice {
    /// File stem, unique within `content/practices/`.
    pub slug: String,
    pub title: String,
    pub unit: usize,
    pub date: Date,
    pub tags: Vec<String>,
    pub topics: Vec<String>,
    pub promotion: Option<Promotion>,
    pub summary: String,
    pub body: String,
    pub pos: Pos,
}

/// The special team's commentary on a period (`content/bulletins/<period>.md`), with what its
/// front matter sets for the bulletin.
#[derive(Clone, Debug)]
pub struct Bulletin {
    pub period: usize,
    /// The Markdown after the front matter.
    pub body: String,
    /// The line of the file the body starts on (1-based), for findings about a sentence.
    pub body_line: usize,
    pub file: String,
    /// `issue`: the issue number (第N期) of this bulletin; later ones of its series follow on.
    pub issue: Option<u32>,
    /// `date`: the issue date, instead of the first working day after the deadline.
    pub date: Option<Date>,
}

/// Everything the engine and the renderers need, validated.
#[derive(Clone, Debug)]
pub struct Model {
    pub title: String,
    /// The issuing body of the bulletins (`issuer` in `campaign.toml`).
    pub issuer: String,
    /// Where the site is published (`base_url`), for the links of the Atom feed.
    pub base_url: String,
    pub calendar: Calendar,
    /// The 休/班 days the calendar's working-day deadlines were counted with.
    pub holidays: holidays::Holidays,
    pub units: UnitTree,
    pub indicators: Vec<Indicator>,
    pub reports: Vec<Report>,
    pub pairings: Vec<Pairing>,
    pub visits: Vec<Visit>,
    pub problems: Vec<Problem>,
    pub practices: Vec<Practice>,
    pub bulletins: Vec<Bulletin>,
    /// The user guide (Markdown).
    pub guide: String,
}
