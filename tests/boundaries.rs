//! The pipeline's layering, read from the source: no two top-level modules depend on each
//! other, even through others, and a new project (`init`) is made without the demo generator.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Top-level module → the top-level modules its code (tests left out) names as `crate::…`.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let module = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if module == "main" || module == "lib" {
            continue;
        }
        let text = fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let mut named = BTreeSet::new();
        for part in code.split("crate::").skip(1) {
            if let Some(group) = part.strip_prefix('{') {
                let group = group.split('}').next().unwrap();
                named.extend(group.split(',').map(|g| first_word(g.trim())));
            } else {
                named.insert(first_word(part));
            }
        }
        named.retain(|m| !m.is_empty() && *m != module);
        deps.entry(module).or_default().extend(named);
    }
    deps
}

fn first_word(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
        .collect()
}

/// Every module `from` reaches by following dependencies.
fn reach(deps: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = deps.get(from).into_iter().flatten().cloned().collect();
    while let Some(m) = stack.pop() {
        if seen.insert(m.clone()) {
            stack.extend(deps.get(&m).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn top_level_modules_form_no_cycle() {
    let deps = dependencies();
    assert!(deps.contains_key("model") && deps.contains_key("validate"));
    for module in deps.keys() {
        let back = reach(&deps, module);
        assert!(
            !back.contains(module),
            "{module} depends on itself through {:?}; dependencies: {deps:#?}",
            deps[module]
        );
    }
}

#[test]
fn the_lower_layers_stay_low() {
    let deps = dependencies();
    let of = |m: &str| reach(&deps, m);
    for low in ["text", "findings", "model", "divisions"] {
        for high in ["load", "validate", "engine", "render", "demo", "project"] {
            assert!(!of(low).contains(high), "{low} depends on {high}");
        }
    }
    assert!(!of("init").contains("demo"), "init depends on demo");
    assert!(
        of("validate").contains("model"),
        "the reader sees validate's uses"
    );
}
