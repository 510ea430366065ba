//! A bulletin's blocks as HTML for the site: every number marked with its metric code
//! (`data-m`, `data-part`) and, when it is a province's, its unit (`data-u`); names of units
//! link to their pages; lists of names carry the follow-up kind they come from (`data-kind`).

use std::fmt::Write;

use super::{Block, Row, Span, Table};
use crate::render::html::escape;
use crate::render::markdown;
use crate::render::site::unit_path;

/// The blocks of a section; `root` leads from the page to the site's top.
pub fn blocks(blocks: &[Block], root: &str) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Para(spans) => {
                out.push_str("<p>");
                out.push_str(&spans_html(spans, root));
                out.push_str("</p>\n");
            }
            Block::Heading(h) => {
                let _ = writeln!(out, "<h3>{}</h3>", escape(h));
            }
            Block::Table(t) => table(&mut out, t, root),
            Block::Names { kind, groups } => {
                let _ = write!(out, "<ul class=\"names\" data-kind=\"{kind}\">");
                for g in groups {
                    out.push_str("<li>");
                    if !g.head.is_empty() {
                        let _ = write!(out, "<strong>{}：</strong>", escape(&g.head));
                    }
                    for (i, n) in g.names.iter().enumerate() {
                        if i > 0 {
                            out.push('、');
                        }
                        let _ = write!(
                            out,
                            "<a href=\"{root}{}\" data-u=\"{}\"{}>{}</a>{}",
                            escape(&unit_path(&n.code)),
                            escape(&n.code),
                            if n.subject.is_empty() {
                                String::new()
                            } else {
                                format!(" data-subject=\"{}\"", escape(&n.subject))
                            },
                            escape(&n.name),
                            escape(&n.detail)
                        );
                    }
                    out.push_str("</li>");
                }
                out.push_str("</ul>\n");
            }
            Block::Steps(steps) => {
                out.push_str("<ol class=\"steps\">");
                for s in steps {
                    let _ = write!(out, "<li>{}</li>", spans_html(s, root));
                }
                out.push_str("</ol>\n");
            }
            Block::Commentary(md) => {
                out.push_str("<div class=\"commentary\">");
                out.push_str(&markdown::to_html(md));
                out.push_str("</div>\n");
            }
        }
    }
    out
}

pub fn spans_html(spans: &[Span], root: &str) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Text(t) => out.push_str(&escape(t)),
            Span::Strong(t) => {
                let _ = write!(out, "<strong>{}</strong>", escape(t));
            }
            Span::Figure {
                code,
                part,
                text,
                unit,
            } => {
                let _ = write!(out, "<span data-m=\"{}\"{}", escape(code), part.attr());
                if let Some(u) = unit {
                    let _ = write!(out, " data-u=\"{}\"", escape(u));
                }
                let _ = write!(out, ">{}</span>", escape(text));
            }
            Span::Unit { name, code } => {
                let _ = write!(
                    out,
                    "<a href=\"{root}{}\">{}</a>",
                    escape(&unit_path(code)),
                    escape(name)
                );
            }
        }
    }
    out
}

fn table(out: &mut String, t: &Table, root: &str) {
    // Figures by pillar stand narrow; units' rows sort on screen; a ranking is numbered (by
    // the stylesheet's counter) after its parent's row, as the site's rankings are.
    let by_unit = t
        .rows
        .iter()
        .any(|r| matches!(r, Row::Line { unit: Some(_), .. }));
    let class = if t.ranking.is_some() {
        "doc-table sortable ranking"
    } else if by_unit {
        "doc-table sortable"
    } else if t.headers.len() <= 2 {
        "doc-table figures"
    } else {
        "doc-table"
    };
    if let Some(r) = &t.ranking {
        let _ = write!(
            out,
            "<p class=\"hint rank-legend\">{}</p>",
            escape(&r.legend)
        );
    }
    let _ = write!(out, "<div class=\"table-wrap\"><table class=\"{class}\">");
    if !t.caption.is_empty() {
        let _ = write!(out, "<caption>{}</caption>", escape(&t.caption));
    }
    out.push_str("<thead><tr>");
    for (i, h) in t.headers.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"n\"" };
        let _ = write!(out, "<th{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>");
    let span = t.headers.len().max(1);
    match &t.ranking {
        Some(r) => {
            out.push_str("<tbody class=\"parent\">");
            row(out, &r.parent, span, root, "th");
            out.push_str("</tbody><tbody class=\"ranked\">");
        }
        None => out.push_str("<tbody>"),
    }
    let first = if t.ranking.is_some() { "name" } else { "" };
    for r in &t.rows {
        row(out, r, span, root, first);
    }
    out.push_str("</tbody></table></div>\n");
}

/// One row; `first` is how the name cell is written: `th` (a parent's row), `name` (a
/// numbered row of a ranking) or plain.
fn row(out: &mut String, r: &Row, span: usize, root: &str, first: &str) {
    match r {
        Row::Group(name) => {
            let _ = write!(
                out,
                "<tr class=\"group\"><th colspan=\"{span}\">{}</th></tr>",
                escape(name)
            );
        }
        Row::Line { name, unit, cells } => {
            let (open, close) = match first {
                "th" => ("<th scope=\"row\">", "</th>"),
                "name" => ("<td class=\"name\">", "</td>"),
                _ => ("<td>", "</td>"),
            };
            match unit {
                Some(code) => {
                    let _ = write!(
                        out,
                        "<tr data-u=\"{c}\">{open}<a href=\"{root}{}\">{}</a>{close}",
                        escape(&unit_path(code)),
                        escape(name),
                        c = escape(code)
                    );
                }
                None => {
                    let _ = write!(out, "<tr>{open}{}{close}", escape(name));
                }
            }
            for c in cells {
                if c.code.is_empty() {
                    let _ = write!(out, "<td>{}</td>", escape(&c.text));
                    continue;
                }
                let low = if c.low { " low" } else { "" };
                let _ = write!(out, "<td class=\"n{low}\" data-m=\"{}\"", escape(&c.code));
                if !c.coverage.is_empty() {
                    let _ = write!(out, " title=\"{}\"", escape(&c.coverage));
                }
                let _ = write!(out, ">{}", escape(&c.text));
                if !c.coverage.is_empty() {
                    let _ = write!(out, "<small>{}</small>", escape(&c.coverage));
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
    }
}
