//! The campaign's settings (`data/campaign.toml`), as the rest of the model uses them.

use super::date::Month;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    Month,
    Bimonth,
}

#[derive(Clone, Debug)]
pub struct Campaign {
    pub title: String,
    pub start: Month,
    pub end: Month,
    pub frequency: Frequency,
    pub grace_days: u32,
    pub base_url: String,
}

impl Default for Campaign {
    fn default() -> Self {
        Campaign {
            title: "县级工会加强年专项工作".to_string(),
            start: 2022 * 12 + 8,
            end: 2023 * 12 + 8,
            frequency: Frequency::Bimonth,
            grace_days: 10,
            base_url: "/".to_string(),
        }
    }
}
