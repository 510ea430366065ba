//! `atom.xml`: an Atom feed (RFC 4287) of every bulletin (its title, issue date and the first
//! paragraph of 一、基本情况) and the newest write-ups, for the union's website and its
//! “三微一端” channels. Links are resolved against `base_url`; ids are tag URIs that stay the
//! same when the site moves.

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};

use super::{Block, document, plain};
use crate::engine::Figures;
use crate::model::{Date, Model};
use crate::render::site::{period_path, practice_path};

/// Write-ups in the feed, newest first.
pub const NEWEST_PRACTICES: usize = 50;

pub fn feed(model: &Model, figures: &Figures) -> Result<Vec<u8>, String> {
    let base = Base::new(&model.base_url);
    let tag = format!("tag:countyboard,{}:", model.calendar.first_day());
    let mut entries: Vec<Entry> = Vec::new();
    for p in 0..model.calendar.periods.len() {
        let doc = document(model, figures, p);
        let summary = doc
            .sections
            .first()
            .and_then(|s| {
                s.blocks.iter().find_map(|b| match b {
                    Block::Para(spans) => Some(plain(spans)),
                    _ => None,
                })
            })
            .unwrap_or_default();
        let path = period_path(&doc.period_id);
        entries.push(Entry {
            title: Text::plain(format!("{}第{}期：{}", doc.series, doc.issue, doc.title)),
            id: format!("{tag}{}", path.trim_end_matches("index.html")),
            updated: at(doc.issued_on)?,
            authors: vec![person(&doc.issuer)],
            categories: vec![Category {
                term: doc.series.to_string(),
                ..Default::default()
            }],
            links: vec![link(&base.join(&path), "alternate")],
            summary: Some(Text::plain(summary)),
            ..Default::default()
        });
    }
    for p in model.practices.iter().take(NEWEST_PRACTICES) {
        let path = practice_path(&p.slug);
        entries.push(Entry {
            title: Text::plain(p.title.clone()),
            id: format!("{tag}{}", path.trim_end_matches("index.html")),
            updated: at(p.date)?,
            authors: vec![person(&model.units.units[p.unit].name)],
            categories: vec![Category {
                term: "好经验好做法".to_string(),
                ..Default::default()
            }],
            links: vec![link(&base.join(&path), "alternate")],
            summary: (!p.summary.is_empty()).then(|| Text::plain(p.summary.clone())),
            ..Default::default()
        });
    }
    // Newest first; the same day in a fixed order.
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    let updated = match entries.first() {
        Some(e) => e.updated,
        None => at(model.calendar.last_day())?,
    };
    let feed = Feed {
        title: Text::plain(format!("{} · 通报与好经验好做法", model.title)),
        id: format!("{tag}atom.xml"),
        updated,
        authors: vec![person(&model.issuer)],
        links: vec![
            link(&base.join("atom.xml"), "self"),
            link(&base.join("periods/index.html"), "alternate"),
        ],
        lang: Some("zh-CN".to_string()),
        entries,
        ..Default::default()
    };
    let mut out = feed
        .write_to(Vec::new())
        .map_err(|e| format!("atom.xml: {e}"))?;
    out.push(b'\n');
    Ok(out)
}

/// The start of a day in China (UTC+8).
fn at(day: Date) -> Result<FixedDateTime, String> {
    format!("{day}T00:00:00+08:00")
        .parse()
        .map_err(|e| format!("atom.xml: date {day}: {e}"))
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Default::default()
    }
}

fn link(href: &str, rel: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: Some(
            if rel == "self" {
                "application/atom+xml"
            } else {
                "text/html"
            }
            .to_string(),
        ),
        ..Default::default()
    }
}

/// `base_url` with one trailing slash: `https://example.org/jqn/` + `periods/…`.
struct Base(String);

impl Base {
    fn new(base: &str) -> Base {
        let base = base.trim();
        Base(format!("{}/", base.trim_end_matches('/')))
    }

    fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_base() {
        assert_eq!(Base::new("/").join("atom.xml"), "/atom.xml");
        assert_eq!(
            Base::new("https://gh.example.org/jqn").join("periods/2023-Q1/index.html"),
            "https://gh.example.org/jqn/periods/2023-Q1/index.html"
        );
        assert_eq!(
            at(Date::new(2023, 4, 11).unwrap()).unwrap().to_rfc3339(),
            "2023-04-11T00:00:00+08:00"
        );
    }
}
