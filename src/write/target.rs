//! Which folder a build may replace. Only one that countyboard made (it carries the marker
//! file), an empty or absent one, or a site written by an earlier version (which had no
//! marker); never the project, its input folders or anything above them, and never a file.

use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::lang::Msg;

/// Written into every site countyboard makes; a folder holding it may be replaced whole.
pub const MARKER: &str = ".countyboard-output";

pub const MARKER_TEXT: &str = "This folder is written by `countyboard build` and is replaced whole by each build.\n\
Keep no other files here.\n\
此文件夹由 countyboard build 生成，每次生成时整体替换，请勿在此存放其他文件。\n";

/// The staging folder a build makes inside a linked output folder, followed by its process id.
pub const STAGING_INSIDE: &str = ".countyboard-staging-";

/// What a site of countyboard holds at its top, for sites written before the marker existed.
const SITE_ENTRIES: [&str; 11] = [
    MARKER,
    "index.html",
    "atom.xml",
    "assets",
    "data",
    "units",
    "periods",
    "practices",
    "problems",
    "quality",
    "guide",
];

const EXPORT_HEADER: &str = "period,unit,indicator,value,reported,expected";

/// The folder a build writes, checked.
#[derive(Clone, Debug)]
pub struct Target {
    /// The real folder, links resolved; it may not exist yet.
    pub real: PathBuf,
    /// The output path is a link (to a web root, say): the linked folder is kept and its
    /// contents replaced, so the link, the folder's owner and its permissions stay.
    pub through_link: bool,
}

impl Target {
    /// Checks the output folder `output` of the project at `root`. The error says, for a
    /// user, why the folder is refused (naming it as `shown`); nothing is changed either way.
    pub fn resolve(root: &Path, output: &Path, shown: &str) -> Result<Target, Msg> {
        let (parent, name) = parent_and_name(output).ok_or_else(|| {
            msg!(
                "`{shown}` is the root of the file system; expected a folder for the site",
                "“{shown}”是文件系统的根目录；应为存放网站的文件夹"
            )
        })?;
        let at = parent.join(&name);
        let (real, through_link) = match fs::symlink_metadata(&at) {
            Err(_) => (at, false),
            Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(&at) {
                Ok(real) if real.is_dir() => (real, true),
                Ok(real) => {
                    let real = real.display();
                    return Err(msg!(
                        "`{shown}` is a link to `{real}`, which is not a folder; expected a folder for the site",
                        "“{shown}”是指向“{real}”的链接，而那不是文件夹；应为存放网站的文件夹"
                    ));
                }
                Err(_) => {
                    return Err(msg!(
                        "`{shown}` is a link to a folder that does not exist; create that folder or remove the link",
                        "“{shown}”是指向不存在的文件夹的链接；请创建那个文件夹，或删除这个链接"
                    ));
                }
            },
            Ok(meta) if meta.is_dir() => (at, false),
            Ok(_) => {
                return Err(msg!(
                    "`{shown}` is a file, not a folder; countyboard writes the site into a folder of its own (choose another with -o)",
                    "“{shown}”是文件，不是文件夹；countyboard 把网站写入专用的文件夹（请用 -o 另选一个）"
                ));
            }
        };
        refuse_project_folders(root, &real, shown)?;
        if real.is_dir() {
            refuse_foreign_contents(&real, shown)?;
        }
        Ok(Target { real, through_link })
    }
}

/// The project, `data/`, `content/` and `templates/`: never replaced, never written into,
/// and no folder above them either.
fn refuse_project_folders(root: &Path, real: &Path, shown: &str) -> Result<(), Msg> {
    let root = real_path(root);
    for folder in ["", "data", "content", "templates"] {
        let lexical = if folder.is_empty() {
            root.clone()
        } else {
            root.join(folder)
        };
        for protected in [real_path(&lexical), lexical] {
            let (what, what_zh) = if folder.is_empty() {
                ("the project folder".to_string(), "项目文件夹".to_string())
            } else {
                (
                    format!("the project's {folder}/ folder"),
                    format!("项目的 {folder}/ 文件夹"),
                )
            };
            if protected.starts_with(real) {
                return Err(msg!(
                    "`{shown}` is or holds {what}; the site is never written there, as building replaces the whole output folder (choose another with -o, e.g. output)",
                    "“{shown}”就是或包含{what_zh}；生成网站会整个替换输出文件夹，所以网站绝不写在那里（请用 -o 另选一个，如 output）"
                ));
            }
            if !folder.is_empty() && real.starts_with(&protected) {
                return Err(msg!(
                    "`{shown}` lies inside {what}, which holds the input; expected an output folder outside data/, content/ and templates/ (e.g. output)",
                    "“{shown}”位于存放输入文件的{what_zh}之内；输出文件夹应在 data/、content/ 和 templates/ 之外（如 output）"
                ));
            }
        }
    }
    Ok(())
}

/// An existing folder may be replaced when it is empty, carries the marker, or is a site of
/// an earlier version with nothing else in it.
fn refuse_foreign_contents(dir: &Path, shown: &str) -> Result<(), Msg> {
    let entries: Vec<OsString> = match fs::read_dir(dir) {
        Ok(list) => list
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|n| !n.to_string_lossy().starts_with(STAGING_INSIDE))
            .collect(),
        Err(e) => {
            return Err(msg!("cannot read `{shown}`: {e}", "无法读取“{shown}”：{e}"));
        }
    };
    if entries.is_empty() || is_ours(dir) {
        return Ok(());
    }
    let mut names: Vec<String> = entries
        .iter()
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Name the files that are not a site's first: they are what the user should look at.
    let foreign: Vec<String> = names
        .iter()
        .filter(|n| !SITE_ENTRIES.contains(&n.as_str()))
        .cloned()
        .collect();
    if !foreign.is_empty() {
        names = foreign;
    }
    let more = if names.len() > 3 { ", …" } else { "" };
    let sample = names
        .iter()
        .take(3)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let sample_zh = names
        .iter()
        .take(3)
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join("、");
    let more_zh = if names.len() > 3 { "等" } else { "" };
    Err(msg!(
        "`{shown}` holds files countyboard did not write ({sample}{more}); building would replace them, so nothing was done. Expected an empty folder or one made by countyboard build (it holds a `{MARKER}` file): choose another folder with -o, or move those files away",
        "“{shown}”中有不是 countyboard 生成的文件（{sample_zh}{more_zh}）；生成网站会替换它们，所以什么也没有做。输出文件夹应为空文件夹，或 countyboard build 生成的文件夹（其中有 {MARKER} 文件）：请用 -o 另选一个文件夹，或把这些文件移走"
    ))
}

/// The folder was made by countyboard: it has the marker, or it is a site of an earlier
/// version (an `index.html`, `data/indicators.csv` with the export's header, and nothing at
/// its top that a build does not write).
pub fn is_ours(dir: &Path) -> bool {
    if fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return true;
    }
    let Ok(list) = fs::read_dir(dir) else {
        return false;
    };
    let only_site_entries = list.filter_map(Result::ok).all(|e| {
        let name = e.file_name();
        SITE_ENTRIES.iter().any(|s| name == *s)
            || name.to_string_lossy().starts_with(STAGING_INSIDE)
    });
    let export_header = fs::read(dir.join("data/indicators.csv")).is_ok_and(|bytes| {
        bytes.starts_with(EXPORT_HEADER.as_bytes())
            && matches!(bytes.get(EXPORT_HEADER.len()), Some(b'\n' | b'\r'))
    });
    only_site_entries
        && export_header
        && fs::symlink_metadata(dir.join("index.html")).is_ok_and(|m| m.is_file())
}

/// The real folder holding `path` (links and `..` resolved as the system would) and the
/// name in it; `None` for the root of the file system.
fn parent_and_name(path: &Path) -> Option<(PathBuf, OsString)> {
    let absolute = absolute(path);
    match absolute.components().next_back() {
        Some(Component::Normal(name)) => Some((real_path(absolute.parent()?), name.to_os_string())),
        _ => {
            let real = real_path(&absolute);
            Some((
                real.parent()?.to_path_buf(),
                real.file_name()?.to_os_string(),
            ))
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    }
}

/// `path` with every existing part resolved (links followed) and `..` applied after
/// resolving, as the system does; the parts that do not exist yet are appended as written.
pub fn real_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in absolute(path).components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in ["data/reports", "content", "templates"] {
            fs::create_dir_all(d.path().join(f)).unwrap();
        }
        fs::write(d.path().join("data/units.csv"), "code\n").unwrap();
        d
    }

    #[test]
    fn the_project_and_its_inputs_are_refused() {
        let p = project();
        let root = p.path();
        for bad in [
            ".",
            "data",
            "content",
            "templates",
            "data/reports",
            "data/new-site",
            "..",
            "/",
            "data/units.csv",
            "output/../data",
            "new/../../",
        ] {
            let out = root.join(bad);
            assert!(Target::resolve(root, &out, bad).is_err(), "{bad} accepted");
        }
        assert!(Target::resolve(root, &root.join("output"), "output").is_ok());
        assert!(Target::resolve(root, &root.join("site/deeper"), "site/deeper").is_ok());
    }

    #[test]
    fn only_folders_countyboard_made_are_replaced() {
        let p = project();
        let out = p.path().join("output");
        fs::create_dir(&out).unwrap();
        assert!(Target::resolve(p.path(), &out, "output").is_ok(), "empty");
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let e = Target::resolve(p.path(), &out, "output").unwrap_err();
        assert!(
            e.en.contains("`notes.txt`") && e.zh.contains("“notes.txt”"),
            "{e:?}"
        );
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert!(Target::resolve(p.path(), &out, "output").is_ok(), "marked");
    }

    #[test]
    fn a_site_of_an_earlier_version_is_recognised() {
        let p = project();
        let out = p.path().join("output");
        fs::create_dir_all(out.join("data")).unwrap();
        fs::write(out.join("index.html"), "<html>").unwrap();
        fs::write(
            out.join("data/indicators.csv"),
            format!("{EXPORT_HEADER}\n"),
        )
        .unwrap();
        assert!(is_ours(&out));
        fs::write(out.join("thesis.docx"), "mine").unwrap();
        assert!(!is_ours(&out));
        assert!(Target::resolve(p.path(), &out, "output").is_err());
    }

    #[test]
    fn a_link_is_followed() {
        let p = project();
        let web = tempfile::tempdir().unwrap();
        let link = p.path().join("output");
        std::os::unix::fs::symlink(web.path(), &link).unwrap();
        let t = Target::resolve(p.path(), &link, "output").unwrap();
        assert!(t.through_link);
        assert_eq!(t.real, web.path().canonicalize().unwrap());
        let to_data = p.path().join("site");
        std::os::unix::fs::symlink(p.path().join("data"), &to_data).unwrap();
        assert!(Target::resolve(p.path(), &to_data, "site").is_err());
    }
}
