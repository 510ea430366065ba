//! The follow-up list (督促清单): for each period, as of its end, the counties to push: for a
//! reporting period its report not received or received late; for every period pairings in
//! force never visited on site and problems open for more than 90 days (the items its
//! `pairings_unvisited` and `problems_open_over_90_days` count). Pages read it filtered by
//! period, kind and unit.

use std::collections::HashMap;
use std::ops::Range;

use super::ledgers::{Ledgers, state_on};
use super::timeline::Timeline;
use crate::model::{Date, Level, Model, UnitTree};

/// Days a problem may stay unresolved before it is listed (open over 90 days).
pub const STALE_DAYS: i64 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FollowKind {
    NotReported,
    Late,
    NeverVisited,
    OpenOver90Days,
}

impl FollowKind {
    pub const ALL: [FollowKind; 4] = [
        FollowKind::NotReported,
        FollowKind::Late,
        FollowKind::NeverVisited,
        FollowKind::OpenOver90Days,
    ];

    /// The `kind` column of `followup.csv`.
    pub fn code(self) -> &'static str {
        match self {
            FollowKind::NotReported => "not_reported",
            FollowKind::Late => "late",
            FollowKind::NeverVisited => "never_visited",
            FollowKind::OpenOver90Days => "open_over_90_days",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            FollowKind::NotReported => "未报送",
            FollowKind::Late => "迟报",
            FollowKind::NeverVisited => "对口联系尚未实地调研",
            FollowKind::OpenOver90Days => "问题超过90天未销号",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FollowItem {
    /// The period as of whose end the item stands (a reporting period for reports).
    pub period: usize,
    pub kind: FollowKind,
    pub county: usize,
    /// The report (late), pairing (never visited) or problem (open over 90 days), in model
    /// order; `None` for a report not received.
    pub subject: Option<usize>,
    /// Days after the deadline (late) or since the problem was found (open over 90 days).
    pub days: i64,
}

#[derive(Clone, Debug, Default)]
pub struct FollowUp {
    /// By period, then kind; within a kind by province (tree order), then the most
    /// serious first: reports latest by most days, pairings waiting longest (earliest since),
    /// problems open longest; then counties in tree order. So the items under a province are
    /// one run, and any unit's items read in the order a bulletin would name them.
    pub items: Vec<FollowItem>,
    groups: HashMap<(usize, FollowKind), Range<usize>>,
}

impl FollowUp {
    pub fn new(model: &Model, timeline: &Timeline, ledgers: &Ledgers) -> FollowUp {
        let cal = &model.calendar;
        let reports: HashMap<(usize, usize), usize> = model
            .reports
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.county, r.period), i))
            .collect();
        let counties: Vec<usize> = (0..model.units.len())
            .filter(|u| model.units.units[*u].level == Level::County)
            .collect();
        // The unit just under the root (a province) that holds each county: the first key of
        // the order.
        let top = |county: usize| {
            let mut at = county;
            while let Some(p) = model.units.units[at].parent {
                if p == model.units.root() {
                    break;
                }
                at = p;
            }
            at
        };
        let mut list = FollowUp::default();
        for (r, facts) in timeline.periods.iter().enumerate() {
            let end = cal.periods[r].last_day;
            let mut group = |kind: FollowKind, mut items: Vec<FollowItem>| {
                // Earliest start first for pairings, most days first for the rest.
                let since = |x: &FollowItem| match (kind, x.subject) {
                    (FollowKind::NeverVisited, Some(i)) => model.pairings[i].since,
                    _ => Date::MIN,
                };
                items.sort_by_key(|x| (top(x.county), since(x), -x.days, x.county, x.subject));
                let start = list.items.len();
                list.items.extend(items);
                list.groups.insert((r, kind), start..list.items.len());
            };
            let item = |kind, county, subject, days| FollowItem {
                period: r,
                kind,
                county,
                subject,
                days,
            };
            if let Some(due) = facts.deadline {
                group(
                    FollowKind::NotReported,
                    counties
                        .iter()
                        .filter(|c| !reports.contains_key(&(**c, r)))
                        .map(|c| item(FollowKind::NotReported, *c, None, 0))
                        .collect(),
                );
                group(
                    FollowKind::Late,
                    counties
                        .iter()
                        .filter_map(|c| {
                            let i = *reports.get(&(*c, r))?;
                            let submitted = model.reports[i].submitted_on;
                            (submitted > due)
                                .then(|| item(FollowKind::Late, *c, Some(i), days(due, submitted)))
                        })
                        .collect(),
                );
            }
            group(
                FollowKind::NeverVisited,
                model
                    .pairings
                    .iter()
                    .enumerate()
                    .filter(|(i, p)| p.since <= end && ledgers.unvisited_on(*i, end))
                    .map(|(i, p)| item(FollowKind::NeverVisited, p.county, Some(i), 0))
                    .collect(),
            );
            let stale: Vec<FollowItem> = model
                .problems
                .iter()
                .enumerate()
                .filter(|(_, p)| state_on(p, end).unresolved())
                .map(|(i, p)| {
                    let d = days(p.found_on, end);
                    item(FollowKind::OpenOver90Days, p.county, Some(i), d)
                })
                .filter(|x| x.days > STALE_DAYS)
                .collect();
            group(FollowKind::OpenOver90Days, stale);
        }
        list
    }

    /// The items of one kind as of period `period` (reports: empty but for reporting periods).
    pub fn list(&self, period: usize, kind: FollowKind) -> &[FollowItem] {
        self.groups
            .get(&(period, kind))
            .map_or(&[][..], |r| &self.items[r.clone()])
    }

    /// The items of one kind as of `period` for counties under `unit`.
    pub fn under<'a>(
        &'a self,
        period: usize,
        kind: FollowKind,
        unit: usize,
        units: &'a UnitTree,
    ) -> impl Iterator<Item = &'a FollowItem> + 'a {
        self.list(period, kind)
            .iter()
            .filter(move |x| units.is_under(x.county, unit))
    }
}

fn days(from: Date, to: Date) -> i64 {
    (to - from).get_days() as i64
}
