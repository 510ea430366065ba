//! The problems as the lists show them: each one's row of HTML, its status on the cut-off and
//! its place in the lists' order; and the units that have lists.

use rayon::prelude::*;
use serde::Serialize;

use super::super::format::date as date_text;
use super::super::{Link, Site, unit_path};
use super::Filter;
use crate::engine::StateOn;
use crate::model::date::Date;
use crate::model::{Category, Level, Status};
use crate::render::html::escape;

pub const TABLE_HEAD: &str = "<div class=\"table-wrap plist-wrap\"><table class=\"plist problems\"><thead><tr><th>编号</th><th>状态</th><th>问题</th><th>县级工会</th><th>类别</th><th>发现</th><th>销号</th></tr></thead><tbody>";
pub const TABLE_FOOT: &str = "</tbody></table></div>";

/// A problem's row, written once and copied into every list that shows it: only the link to
/// its county depends on the page's depth, so the row is kept in two parts around it.
pub struct Row {
    pub head: String,
    pub tail: String,
}

impl Row {
    pub fn write(&self, out: &mut String, root: &str) {
        out.push_str(&self.head);
        out.push_str(root);
        out.push_str(&self.tail);
    }
}

/// `2023年9月1日`, kept on one line by the stylesheet.
fn push_date(out: &mut String, date: Date) {
    out.push_str("<time datetime=\"");
    out.push_str(&date.to_string());
    out.push_str("\">");
    out.push_str(&date_text(date));
    out.push_str("</time>");
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Open => "open",
        Status::InProgress => "progress",
        Status::Resolved => "resolved",
    }
}

/// The row's classes say its status and category, for filtering in place.
fn row(site: &Site, i: usize) -> Row {
    let m = site.model;
    let p = &m.problems[i];
    let state = site.figures.ledgers.at_campaign_end[i];
    let status = state.status().unwrap_or(p.status);
    let class = status_class(status);
    let mut head = String::with_capacity(320);
    head.push_str("<tr class=\"r-");
    head.push_str(Filter::Status(status).slug());
    head.push_str(" r-");
    head.push_str(Filter::Category(p.category).slug());
    head.push_str("\"><td class=\"pid\">");
    head.push_str(&escape(&p.id));
    head.push_str("</td><td class=\"pst\"><span class=\"status ");
    head.push_str(class);
    head.push_str("\">");
    head.push_str(status.chinese());
    head.push_str("</span>");
    match state {
        StateOn::ResolvedLater(d) => {
            // Kept on one line as a whole, date and all.
            head.push_str("<small class=\"note\">");
            head.push_str(&date_text(d));
            head.push_str("销号（截止日后）</small>");
        }
        StateOn::NotYetFound => head.push_str("<small class=\"note\">截止日后发现</small>"),
        _ => {}
    }
    head.push_str("</td><td class=\"pt\">");
    head.push_str(&escape(&p.title));
    if !p.measures.is_empty() {
        head.push_str("<small>措施：");
        head.push_str(&escape(&p.measures));
        head.push_str("</small>");
    }
    head.push_str("</td><td class=\"pu\"><a href=\"");
    let county = &m.units.units[p.county];
    let mut tail = String::with_capacity(320);
    tail.push_str(&escape(&unit_path(&county.code)));
    tail.push_str("\">");
    tail.push_str(&escape(&county.name));
    tail.push_str("</a>");
    if let Some(parent) = county.parent.filter(|u| *u != m.units.root()) {
        tail.push_str("<small>");
        tail.push_str(&escape(&site.place(parent)));
        tail.push_str("</small>");
    }
    tail.push_str("</td><td class=\"pc\">");
    tail.push_str(p.category.chinese());
    tail.push_str("</td><td class=\"pd\">");
    push_date(&mut tail, p.found_on);
    if let Some(u) = p.found_by {
        tail.push_str("<small>发现单位：");
        tail.push_str(&escape(&m.units.units[u].name));
        tail.push_str("</small>");
    }
    tail.push_str("</td><td class=\"pr\">");
    let resolved = match state {
        StateOn::Resolved(d) => Some(d),
        StateOn::NotYetFound => p.resolved_on.filter(|_| p.status == Status::Resolved),
        _ => None,
    };
    if let Some(d) = resolved {
        push_date(&mut tail, d);
    }
    tail.push_str("</td></tr>");
    Row { head, tail }
}

/// Everything the list pages share: each problem's row, status on the cut-off and place in
/// the order lists follow, and which units have lists.
pub struct Lists {
    pub rows: Vec<Row>,
    /// `None` for a problem found after the cut-off.
    pub status: Vec<Option<Status>>,
    pub category: Vec<Category>,
    pub rank: Vec<usize>,
    /// Provinces and prefectures, and the nation when it has no provinces, in tree order.
    pub scopes: Vec<usize>,
    pub is_scope: Vec<bool>,
}

impl Lists {
    pub fn new(site: &Site) -> Lists {
        let m = site.model;
        let states = &site.figures.ledgers.at_campaign_end;
        let n = m.problems.len();
        // Open longest first, then in progress longest first, then resolved latest first.
        let key = |i: usize| {
            let found = day_number(m.problems[i].found_on);
            match states[i] {
                StateOn::Open => (0, found, i),
                StateOn::InProgress | StateOn::ResolvedLater(_) => (1, found, i),
                StateOn::Resolved(d) => (2, -day_number(d), i),
                StateOn::NotYetFound => (3, found, i),
            }
        };
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_unstable_by_key(|i| key(*i));
        let mut rank = vec![0; n];
        for (r, i) in order.into_iter().enumerate() {
            rank[i] = r;
        }
        let root = m.units.root();
        let has_provinces = m.units.units[root]
            .children
            .iter()
            .any(|c| m.units.units[*c].level == Level::Province);
        let is_scope: Vec<bool> = (0..m.units.len())
            .map(|u| {
                if u == root {
                    !has_provinces
                } else {
                    matches!(m.units.units[u].level, Level::Province | Level::Prefecture)
                }
            })
            .collect();
        Lists {
            rows: (0..n).into_par_iter().map(|i| row(site, i)).collect(),
            status: states.iter().map(|s| s.status()).collect(),
            category: m.problems.iter().map(|p| p.category).collect(),
            rank,
            scopes: (0..m.units.len()).filter(|u| is_scope[*u]).collect(),
            is_scope,
        }
    }
}

/// A number that orders dates (negated, the latest first).
fn day_number(d: Date) -> i32 {
    i32::from(d.year()) * 400 + i32::from(d.day_of_year())
}

/// A problem as unit pages list it.
#[derive(Serialize)]
pub struct ProblemRow {
    pub id: String,
    pub county: Link,
    pub place: String,
    pub found_by: String,
    pub found_on: String,
    pub category: &'static str,
    pub title: String,
    pub measures: String,
    /// The status on the campaign's last day (a problem resolved later reads 推进中).
    pub status: &'static str,
    pub status_class: &'static str,
    pub resolved_on: String,
    /// “2024年1月25日销号（截止日后）” for a problem resolved after the cut-off.
    pub note: String,
}

pub fn problem_row(site: &Site, i: usize, root: &str) -> ProblemRow {
    let p = &site.model.problems[i];
    let state = site.figures.ledgers.at_campaign_end[i];
    let status = state.status().unwrap_or(p.status);
    let (resolved_on, note) = match state {
        StateOn::Resolved(d) => (date_text(d), String::new()),
        StateOn::ResolvedLater(d) => (String::new(), format!("{}销号（截止日后）", date_text(d))),
        StateOn::NotYetFound => (
            p.resolved_on.map_or(String::new(), date_text),
            "截止日后发现".to_string(),
        ),
        _ => (String::new(), String::new()),
    };
    ProblemRow {
        id: p.id.clone(),
        county: site.unit_link(p.county, root),
        place: site.place(p.county),
        found_by: p
            .found_by
            .map_or(String::new(), |u| site.model.units.units[u].name.clone()),
        found_on: date_text(p.found_on),
        category: p.category.chinese(),
        title: p.title.clone(),
        measures: p.measures.clone(),
        status: status.chinese(),
        status_class: status_class(status),
        resolved_on,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_keep_the_order_of_dates() {
        let n = |y, m, d| day_number(Date::constant(y, m, d));
        assert!(n(2022, 12, 31) < n(2023, 1, 1));
        assert!(n(2023, 1, 1) < n(2023, 9, 30));
    }
}
