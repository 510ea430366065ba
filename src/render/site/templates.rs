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
    tera.add_raw_templates(all).map_err(|e| TemplateError {
        file: "templates/".to_string(),
        message: describe("templates", &e),
    })?;
    Ok(tera)
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
