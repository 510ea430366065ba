//! Templates: the defaults are compiled into the binary; a file of the same name in the
//! project's `templates/` replaces one default.

use tera::Tera;

use crate::load::TextFile;

pub const DEFAULTS: [(&str, &str); 13] = [
    ("base.html", include_str!("../../../templates/base.html")),
    (
        "macros.html",
        include_str!("../../../templates/macros.html"),
    ),
    (
        "dashboard.html",
        include_str!("../../../templates/dashboard.html"),
    ),
    ("unit.html", include_str!("../../../templates/unit.html")),
    (
        "period.html",
        include_str!("../../../templates/period.html"),
    ),
    (
        "periods.html",
        include_str!("../../../templates/periods.html"),
    ),
    (
        "problems.html",
        include_str!("../../../templates/problems.html"),
    ),
    (
        "quality.html",
        include_str!("../../../templates/quality.html"),
    ),
    (
        "practice.html",
        include_str!("../../../templates/practice.html"),
    ),
    (
        "practices.html",
        include_str!("../../../templates/practices.html"),
    ),
    (
        "search.html",
        include_str!("../../../templates/search.html"),
    ),
    ("guide.html", include_str!("../../../templates/guide.html")),
    (
        "followup.html",
        include_str!("../../../templates/followup.html"),
    ),
];

#[derive(Debug)]
pub struct TemplateError {
    pub file: String,
    pub message: String,
}

/// The defaults with the project's own files laid over them.
pub fn load(project: &[TextFile]) -> Result<Tera, TemplateError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Escapes & < > " ' (enough inside text and quoted attributes); leaves `/` readable in links.
    tera.set_escape_fn(escape_html);
    let mut all: Vec<(String, String)> = DEFAULTS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for file in project {
        let name = file.file.trim_start_matches("templates/").to_string();
        match all.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = file.text.clone(),
            None => all.push((name, file.text.clone())),
        }
    }
    if let Some(error) = endless_recursion(&all) {
        return Err(error);
    }
    tera.add_raw_templates(all).map_err(|e| TemplateError {
        file: "templates/".to_string(),
        message: describe("templates", &e),
    })?;
    Ok(tera)
}

/// Where a template refers to: macros it calls, and templates it includes or extends.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
enum Node {
    Template(String),
    Macro(String, String),
}

/// A macro that calls itself, or templates that include each other, render without end and
/// overflow the stack, which ends the program: such a cycle is refused before rendering.
/// (The templates are read as text: tags are `{{ … }}` and `{% … %}`.)
fn endless_recursion(templates: &[(String, String)]) -> Option<TemplateError> {
    use std::collections::HashMap;
    let mut edges: HashMap<Node, Vec<(Node, usize)>> = HashMap::new();
    for (name, text) in templates {
        let mut aliases: HashMap<String, String> = HashMap::new();
        let mut current = Node::Template(name.clone());
        for (line, tag) in tags(text) {
            let words: Vec<&str> = tag.split_whitespace().collect();
            let quoted = |w: &str| {
                w.trim_matches(|c| c == '"' || c == '\'' || c == '[' || c == ']' || c == ',')
                    .to_string()
            };
            match words.as_slice() {
                ["macro", rest @ ..] => {
                    let joined = rest.join(" ");
                    let macro_name = joined.split('(').next().unwrap_or("").trim().to_string();
                    current = Node::Macro(name.clone(), macro_name);
                }
                ["endmacro", ..] => current = Node::Template(name.clone()),
                ["import", file, "as", alias, ..] => {
                    aliases.insert(alias.to_string(), quoted(file));
                }
                ["include", files @ ..] | ["extends", files @ ..] => {
                    for file in files
                        .iter()
                        .map(|f| quoted(f))
                        .filter(|f| !f.is_empty() && f != "ignore" && f != "missing")
                    {
                        edges
                            .entry(current.clone())
                            .or_default()
                            .push((Node::Template(file), line));
                    }
                }
                _ => {}
            }
            for (space, called) in macro_calls(tag) {
                let file = if space == "self" {
                    Some(name.clone())
                } else {
                    aliases.get(&space).cloned()
                };
                if let Some(file) = file {
                    edges
                        .entry(current.clone())
                        .or_default()
                        .push((Node::Macro(file, called), line));
                }
            }
        }
    }
    let mut state: HashMap<Node, bool> = HashMap::new();
    let mut starts: Vec<&Node> = edges.keys().collect();
    starts.sort_by_key(|n| format!("{n:?}"));
    for start in starts {
        let mut path = Vec::new();
        if let Some(cycle) = find_cycle(start, &edges, &mut state, &mut path) {
            let (first, line) = &cycle[0];
            let file = match first {
                Node::Template(t) | Node::Macro(t, _) => format!("templates/{t}"),
            };
            let names: Vec<String> = cycle.iter().map(|(n, _)| describe_node(n)).collect();
            return Some(TemplateError {
                file,
                message: format!(
                    "line {line}: {} leads back to itself ({} → {}); expected no macro or include that calls itself, as it would never end",
                    names[0],
                    names.join(" → "),
                    names[0]
                ),
            });
        }
    }
    None
}

fn describe_node(node: &Node) -> String {
    match node {
        Node::Template(t) => format!("template `{t}`"),
        Node::Macro(t, m) => format!("macro `{m}` of {t}"),
    }
}

/// Depth-first search; `state` holds `true` for nodes on the path, `false` for nodes done.
fn find_cycle(
    node: &Node,
    edges: &std::collections::HashMap<Node, Vec<(Node, usize)>>,
    state: &mut std::collections::HashMap<Node, bool>,
    path: &mut Vec<(Node, usize)>,
) -> Option<Vec<(Node, usize)>> {
    match state.get(node) {
        Some(false) => return None,
        Some(true) => {
            let at = path.iter().position(|(n, _)| n == node).unwrap_or(0);
            return Some(path[at..].to_vec());
        }
        None => {}
    }
    state.insert(node.clone(), true);
    for (next, line) in edges.get(node).map(Vec::as_slice).unwrap_or(&[]) {
        path.push((node.clone(), *line));
        if let Some(cycle) = find_cycle(next, edges, state, path) {
            return Some(cycle);
        }
        path.pop();
    }
    state.insert(node.clone(), false);
    None
}

/// The inside of every `{{ … }}` and `{% … %}` tag with its 1-based line; comments and raw
/// blocks are left out.
fn tags(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut raw = false;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let close = match text.get(open..open + 2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let Some(end) = text[open + 2..].find(close).map(|i| open + 2 + i) else {
            break;
        };
        let inside = text[open + 2..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        at = end + 2;
        if close == "#}" {
            continue;
        }
        let first = inside.split_whitespace().next().unwrap_or("");
        if close == "%}" && (first == "raw" || first == "endraw") {
            raw = first == "raw";
            continue;
        }
        if !raw {
            out.push((text[..open].matches('\n').count() + 1, inside));
        }
    }
    out
}

/// Calls `space::name(` inside a tag.
fn macro_calls(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(at) = rest.find("::") {
        let before: String = rest[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = rest[at + 2..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !before.is_empty() && !after.is_empty() {
            out.push((before, after));
        }
        rest = &rest[at + 2..];
    }
    out
}

fn escape_html(text: &str) -> String {
    crate::render::html::escape(text)
}

/// A Tera error with its causes, which hold the useful part (line and column).
pub fn describe(name: &str, e: &tera::Error) -> String {
    let mut text = format!("{name}: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(name: &str, text: &str) -> Vec<TextFile> {
        vec![TextFile {
            file: format!("templates/{name}"),
            text: text.to_string(),
        }]
    }

    #[test]
    fn the_defaults_load() {
        assert!(load(&[]).is_ok());
    }

    #[test]
    fn recursive_macros_and_includes_are_refused() {
        let e = load(&project(
            "macros.html",
            "{% macro f(x) %}{{ self::f(x=x) }}{% endmacro f %}",
        ))
        .unwrap_err();
        assert!(e.message.contains("macro `f`"), "{}", e.message);
        let two = "{% import \"macros.html\" as m %}\n{% macro a() %}{{ m::b() }}{% endmacro %}{% macro b() %}\n{{ self::a() }}{% endmacro %}";
        assert!(load(&project("macros.html", two)).is_err());
        let e = load(&project("guide.html", "{% include \"guide.html\" %}")).unwrap_err();
        assert!(e.message.contains("template `guide.html`"), "{}", e.message);
        let fine = "{# {{ self::f() }} #}{% macro f() %}{% raw %}{{ self::f() }}{% endraw %}{% endmacro %}";
        assert!(endless_recursion(&[("x.html".into(), fine.into())]).is_none());
    }
}
