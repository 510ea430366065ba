//! `data.js` beside each list, read by problems.js to filter in place: the rows of the
//! problems under the unit that no list below it holds, and the figures that count every
//! combination of status and category.

use super::super::Site;
use super::super::format::Part;
use super::rows::Lists;
use super::{STATUSES, figure_of};
use crate::engine::Value;
use crate::model::Category;
use crate::render::search::json_string;

/// `CB_PROBLEMS({"figures": {code: [16 numbers]}, "rows": [[rank, status, category,
/// [area codes], row before the root, row after], …]})`. A unit's 16 figures are found, open,
/// in progress and resolved (rows) by all, 协调, 工会 and 自身 (columns), as `figure_of` names
/// them; they are given for the unit and its children that have no list of their own.
pub fn data_js(site: &Site, lists: &Lists, scope: usize) -> String {
    let m = site.model;
    let f = site.figures;
    let mut out = String::from("CB_PROBLEMS({\"figures\":{");
    let units = std::iter::once(scope).chain(
        m.units.units[scope]
            .children
            .iter()
            .copied()
            .filter(|c| !lists.is_scope[*c] && m.units.is_territorial(*c)),
    );
    for (k, u) in units.enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(&json_string(&m.units.units[u].code));
        out.push_str(":[");
        let combinations = std::iter::once(None)
            .chain(STATUSES.map(Some))
            .flat_map(|s| {
                std::iter::once(None)
                    .chain(Category::ALL.map(Some))
                    .map(move |c| (s, c))
            });
        for (j, (status, category)) in combinations.enumerate() {
            let (d, part) = figure_of(status, category);
            let cell = f.cell(site.campaign, u, d).copied().unwrap_or_default();
            let n = match part {
                Part::Expected => cell.expected(),
                Part::Reported => cell.reported(),
                Part::Value => match cell.value {
                    Some(Value::Count(n)) => Some(n),
                    _ => None,
                },
            };
            if j > 0 {
                out.push(',');
            }
            match n {
                Some(n) => out.push_str(&n.to_string()),
                None => out.push_str("null"),
            }
        }
        out.push(']');
    }
    out.push_str("},\"rows\":[");
    let mut first = true;
    for i in site.problems_under(scope) {
        let Some(status) = lists.status[i] else {
            continue;
        };
        let path = m.units.path(m.problems[i].county);
        // Held by a list below this one.
        if path
            .iter()
            .any(|u| *u != scope && lists.is_scope[*u] && m.units.is_under(*u, scope))
        {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        let areas: Vec<String> = path
            .iter()
            .skip(1)
            .map(|u| json_string(&m.units.units[*u].code))
            .collect();
        out.push_str(&format!(
            "[{},{},{},[{}],{},{}]",
            lists.rank[i],
            1 + STATUSES.iter().position(|s| *s == status).unwrap_or(0),
            1 + Category::ALL
                .iter()
                .position(|c| *c == lists.category[i])
                .unwrap_or(0),
            areas.join(","),
            json_string(&lists.rows[i].head),
            json_string(&lists.rows[i].tail),
        ));
    }
    out.push_str("]});\n");
    out
}
