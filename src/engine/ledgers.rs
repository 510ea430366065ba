//! The state of each pairing and problem that pages list: a pairing's first on-site visit, and
//! a problem's status on a given day (the problem list shows it on the campaign's last day).

use std::collections::HashMap;

use crate::model::{Date, Model, Problem, Status};

#[derive(Clone, Debug, Default)]
pub struct Ledgers {
    /// For each pairing (model order): the first on-site visit of its upper to its county
    /// within the campaign, whenever the pairing began (SPEC §5.1.8).
    pub first_visit: Vec<Option<Date>>,
    /// For each problem (model order): its state on the campaign's last day.
    pub at_campaign_end: Vec<StateOn>,
}

/// A problem's status on a day, by the recorded status and `resolved_on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateOn {
    /// Found after the day: not yet on the list.
    NotYetFound,
    Open,
    InProgress,
    /// Resolved after the day: still in progress on it (推进中), resolved on the date given.
    ResolvedLater(Date),
    Resolved(Date),
}

impl StateOn {
    /// The status a reader sees on the day.
    pub fn status(self) -> Option<Status> {
        match self {
            StateOn::NotYetFound => None,
            StateOn::Open => Some(Status::Open),
            StateOn::InProgress | StateOn::ResolvedLater(_) => Some(Status::InProgress),
            StateOn::Resolved(_) => Some(Status::Resolved),
        }
    }

    /// Found by the day and not resolved by then.
    pub fn unresolved(self) -> bool {
        matches!(
            self,
            StateOn::Open | StateOn::InProgress | StateOn::ResolvedLater(_)
        )
    }
}

/// The problem's state at the end of `day`: found by then, resolved by then (SPEC §5.1.9).
pub fn state_on(problem: &Problem, day: Date) -> StateOn {
    if problem.found_on > day {
        return StateOn::NotYetFound;
    }
    let resolved_on = problem
        .resolved_on
        .filter(|_| problem.status == Status::Resolved);
    match (problem.status, resolved_on) {
        (_, Some(d)) if d <= day => StateOn::Resolved(d),
        (_, Some(d)) => StateOn::ResolvedLater(d),
        (Status::Open, None) => StateOn::Open,
        _ => StateOn::InProgress,
    }
}

impl Ledgers {
    pub fn new(model: &Model) -> Ledgers {
        let cal = &model.calendar;
        let mut earliest: HashMap<(usize, usize), Date> = HashMap::new();
        for v in &model.visits {
            if v.onsite && cal.contains_day(v.date) {
                let e = earliest.entry((v.upper, v.county)).or_insert(v.date);
                *e = (*e).min(v.date);
            }
        }
        let end = cal.last_day();
        Ledgers {
            first_visit: model
                .pairings
                .iter()
                .map(|p| earliest.get(&(p.upper, p.county)).copied())
                .collect(),
            at_campaign_end: model.problems.iter().map(|p| state_on(p, end)).collect(),
        }
    }

    /// The pairing had no on-site visit from the campaign start to `day`.
    pub fn unvisited_on(&self, pairing: usize, day: Date) -> bool {
        self.first_visit[pairing].is_none_or(|d| d > day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn problem(found: &str, status: Status, resolved: Option<&str>) -> Problem {
        Problem {
            id: "P".into(),
            county: 0,
            found_by: None,
            found_on: found.parse().unwrap(),
            category: Category::Union,
            title: String::new(),
            measures: String::new(),
            status,
            resolved_on: resolved.map(|d| d.parse().unwrap()),
            pos: crate::findings::Pos {
                file: String::new(),
                line: 0,
            },
        }
    }

    #[test]
    fn a_problem_resolved_after_the_day_is_in_progress_on_it() {
        let day: Date = "2023-09-30".parse().unwrap();
        let later = problem("2023-03-01", Status::Resolved, Some("2024-01-25"));
        assert_eq!(
            state_on(&later, day),
            StateOn::ResolvedLater("2024-01-25".parse().unwrap())
        );
        assert_eq!(state_on(&later, day).status(), Some(Status::InProgress));
        assert!(state_on(&later, day).unresolved());
        let done = problem("2023-03-01", Status::Resolved, Some("2023-09-30"));
        assert_eq!(state_on(&done, day).status(), Some(Status::Resolved));
        let open = problem("2023-03-01", Status::Open, None);
        assert_eq!(state_on(&open, day), StateOn::Open);
        let going = problem("2023-03-01", Status::InProgress, None);
        assert_eq!(state_on(&going, day), StateOn::InProgress);
        let future = problem("2023-10-01", Status::Open, None);
        assert_eq!(state_on(&future, day), StateOn::NotYetFound);
        assert!(!state_on(&future, day).unresolved());
    }
}
