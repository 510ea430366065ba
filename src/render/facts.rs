//! The engine's lists beside the figures, as CSV: `periods.csv` (the calendar pages state),
//! `followup.csv` (督促清单), `problem_list.csv` (问题清单) and `library.csv` (the library's
//! counts).

use std::borrow::Cow;

use crate::engine::{Figures, FollowKind, library::GROUPS};
use crate::model::{Level, Model, UnitTree};
use crate::render::exports::neutralise;

fn write_rows<'a>(header: &[&str], rows: impl Iterator<Item = Vec<Cow<'a, str>>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failed row is skipped rather than crashing.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| c.as_bytes()));
    }
    w.into_inner().unwrap_or_default()
}

/// The name of the unit of `level` above (or at) `county`, as a cell; empty when there is none.
fn name_at(units: &UnitTree, county: usize, level: Level) -> Cow<'_, str> {
    units
        .path(county)
        .into_iter()
        .find(|u| units.units[*u].level == level)
        .map_or(Cow::Borrowed(""), |u| neutralise(&units.units[u].name))
}

fn opt<T: ToString>(x: Option<T>) -> Cow<'static, str> {
    x.map_or(Cow::Borrowed(""), |v| v.to_string().into())
}

/// `periods.csv`: every period with its days, the deadline of a reporting period, the
/// reporting periods it owes, the months elapsed at its end and their share of the campaign,
/// `latest` on the latest reporting period with reports (the site's data cut-off), and its
/// bulletin's issue number and issue date.
pub fn periods_csv(model: &Model, figures: &Figures) -> Vec<u8> {
    let cal = &model.calendar;
    let t = &figures.timeline;
    write_rows(
        &[
            "period",
            "kind",
            "label",
            "first_day",
            "last_day",
            "deadline",
            "reports_due",
            "months_elapsed",
            "time_elapsed",
            "latest",
            "issue",
            "issued_on",
        ],
        cal.periods.iter().enumerate().map(|(p, period)| {
            let facts = &t.periods[p];
            vec![
                period.id.as_str().into(),
                period_kind(period.kind).into(),
                period.label.as_str().into(),
                period.first_day.to_string().into(),
                period.last_day.to_string().into(),
                opt(facts.deadline),
                facts
                    .owes
                    .iter()
                    .map(|r| cal.periods[*r].id.as_str())
                    .collect::<Vec<_>>()
                    .join(";")
                    .into(),
                facts.months_elapsed.to_string().into(),
                opt(t.time_elapsed(p).map(|v| v.export())),
                if t.latest == Some(p) { "yes" } else { "" }.into(),
                facts.issue.to_string().into(),
                facts.issued_on.to_string().into(),
            ]
        }),
    )
}

fn period_kind(kind: crate::model::PeriodKind) -> &'static str {
    use crate::model::PeriodKind::*;
    match kind {
        Month => "month",
        Bimonth => "bimonth",
        Quarter => "quarter",
        Half => "half",
        Campaign => "campaign",
    }
}

/// `followup.csv`: the follow-up list of every period, as of its end (reports: of every
/// reporting period).
pub fn followup_csv(model: &Model, figures: &Figures) -> Vec<u8> {
    let cal = &model.calendar;
    let units = &model.units;
    write_rows(
        &[
            "period",
            "kind",
            "unit",
            "name",
            "province",
            "prefecture",
            "deadline",
            "submitted_on",
            "days_late",
            "upper",
            "upper_name",
            "since",
            "problem",
            "found_on",
            "status",
            "days_open",
        ],
        figures.followup.items.iter().map(|x| {
            let county = &units.units[x.county];
            let mut row: Vec<Cow<'_, str>> = vec![
                cal.periods[x.period].id.as_str().into(),
                x.kind.code().into(),
                neutralise(&county.code),
                neutralise(&county.name),
                name_at(units, x.county, Level::Province),
                name_at(units, x.county, Level::Prefecture),
            ];
            let mut rest: Vec<Cow<'_, str>> = vec![Cow::Borrowed(""); 10];
            match (x.kind, x.subject) {
                (FollowKind::NotReported, _) => {
                    rest[0] = opt(figures.timeline.periods[x.period].deadline);
                }
                (FollowKind::Late, Some(r)) => {
                    rest[0] = opt(figures.timeline.periods[x.period].deadline);
                    rest[1] = model.reports[r].submitted_on.to_string().into();
                    rest[2] = x.days.to_string().into();
                }
                (FollowKind::NeverVisited, Some(i)) => {
                    let p = &model.pairings[i];
                    rest[3] = neutralise(&units.units[p.upper].code);
                    rest[4] = neutralise(&units.units[p.upper].name);
                    rest[5] = p.since.to_string().into();
                }
                (FollowKind::OpenOver90Days, Some(i)) => {
                    let p = &model.problems[i];
                    let state = crate::engine::state_on(p, cal.periods[x.period].last_day);
                    rest[6] = neutralise(&p.id);
                    rest[7] = p.found_on.to_string().into();
                    rest[8] = state.status().map_or("", status_code).into();
                    rest[9] = x.days.to_string().into();
                }
                _ => {}
            }
            row.extend(rest);
            row
        }),
    )
}

/// `problem_list.csv`: the problem list (问题清单) as its pages show it, complete, in the order
/// of the input: every problem with its status on the campaign's last day (`not_yet_found` for
/// one found after it), its 销号 date by then, and a later one apart (`resolved_after`).
pub fn problem_list_csv(model: &Model, figures: &Figures) -> Vec<u8> {
    use crate::engine::StateOn;
    let units = &model.units;
    write_rows(
        &[
            "problem",
            "unit",
            "name",
            "province",
            "prefecture",
            "category",
            "found_by",
            "found_on",
            "status",
            "resolved_on",
            "resolved_after",
            "title",
            "measures",
        ],
        model.problems.iter().enumerate().map(|(i, p)| {
            let state = figures.ledgers.at_campaign_end[i];
            let county = &units.units[p.county];
            let (status, resolved_on, resolved_after) = match state {
                StateOn::NotYetFound => ("not_yet_found", None, None),
                StateOn::Open => ("open", None, None),
                StateOn::InProgress => ("in_progress", None, None),
                StateOn::ResolvedLater(d) => ("in_progress", None, Some(d)),
                StateOn::Resolved(d) => ("resolved", Some(d), None),
            };
            vec![
                neutralise(&p.id),
                neutralise(&county.code),
                neutralise(&county.name),
                name_at(units, p.county, Level::Province),
                name_at(units, p.county, Level::Prefecture),
                p.category.suffix().into(),
                p.found_by
                    .map_or(Cow::Borrowed(""), |u| neutralise(&units.units[u].name)),
                p.found_on.to_string().into(),
                status.into(),
                opt(resolved_on),
                opt(resolved_after),
                neutralise(&p.title),
                neutralise(&p.measures),
            ]
        }),
    )
}

fn status_code(s: crate::model::Status) -> &'static str {
    match s {
        crate::model::Status::Open => "open",
        crate::model::Status::InProgress => "in_progress",
        crate::model::Status::Resolved => "resolved",
    }
}

/// `library.csv`: how many write-ups the library holds, in all and for every filter value.
pub fn library_csv(figures: &Figures) -> Vec<u8> {
    let lib = &figures.library;
    let all = vec![
        Cow::Borrowed("all"),
        Cow::Borrowed(""),
        lib.total.to_string().into(),
    ];
    write_rows(
        &["group", "value", "practices"],
        std::iter::once(all).chain(lib.values.iter().map(|(g, v, docs)| {
            vec![
                GROUPS[*g].0.into(),
                neutralise(v),
                docs.len().to_string().into(),
            ]
        })),
    )
}
