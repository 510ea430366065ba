//! The campaign's settings (`data/campaign.toml`), as the rest of the model uses them.

use super::date::Month;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    Month,
    Bimonth,
}

/// How long after a reporting period's end a report is still on time (SPEC §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grace {
    /// `grace_days`: the period's last day plus this many calendar days.
    Days(u32),
    /// `grace_working_days`: the Nth working day after the period's last day.
    WorkingDays(u32),
}

impl Grace {
    /// The rule as a bulletin states it: `报告期结束后10天内`, `报告期结束后5个工作日内`.
    pub fn chinese(self) -> String {
        match self {
            Grace::Days(n) => format!("报告期结束后{n}天内"),
            Grace::WorkingDays(n) => format!("报告期结束后{n}个工作日内"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Campaign {
    pub title: String,
    pub start: Month,
    pub end: Month,
    pub frequency: Frequency,
    pub grace: Grace,
    pub base_url: String,
    /// The issuing body named at the head and foot of every bulletin (发文机关).
    pub issuer: String,
}

/// The issuing body when `campaign.toml` names none.
pub const DEFAULT_ISSUER: &str = "全国总工会县级工会加强年专项工作专班";

impl Default for Campaign {
    fn default() -> Self {
        Campaign {
            title: "县级工会加强年专项工作".to_string(),
            start: 2022 * 12 + 8,
            end: 2023 * 12 + 8,
            frequency: Frequency::Bimonth,
            grace: Grace::Days(10),
            base_url: "/".to_string(),
            issuer: DEFAULT_ISSUER.to_string(),
        }
    }
}
