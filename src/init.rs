//! `countyboard init`: a new, empty project that builds at once — the campaign settings, the
//! default indicators, the real units of the chosen provinces, empty ledgers and the templates.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::divisions::World;
use crate::model::holidays::built_in_csv;
use crate::project::DEFAULT_CAMPAIGN_TOML;
use crate::render::site::templates::DEFAULTS;
use crate::validate::DEFAULT_INDICATORS;

/// Deadlines in working days, shown where users will look for them.
const WORKING_DAYS_HINT: &str = "# grace_working_days = 5  # 按工作日计算时限：替换 grace_days（二者只设一个），休/班见 data/holidays.csv\n";

pub fn files(provinces: &[String]) -> Result<Vec<(String, String)>> {
    let known: Vec<&str> = crate::divisions::provinces()
        .iter()
        .map(|p| p.code)
        .collect();
    for p in provinces {
        if !known.contains(&p.as_str()) {
            bail!(
                "no province has the code {p}; expected one of {}",
                known.join(" ")
            );
        }
    }
    let world = World::of(
        if provinces.is_empty() {
            None
        } else {
            Some(provinces)
        },
        0,
    );
    let mut files = vec![
        ("data/campaign.toml".to_string(), format!("{DEFAULT_CAMPAIGN_TOML}{WORKING_DAYS_HINT}")),
        ("data/holidays.csv".to_string(), built_in_csv()),
        ("data/indicators.csv".to_string(), DEFAULT_INDICATORS.to_string()),
        ("data/units.csv".to_string(), world.units_csv()),
        ("data/pairings.csv".to_string(), "upper,county,since\n".to_string()),
        ("data/visits.csv".to_string(), "upper,county,date,mode,topics,note\n".to_string()),
        ("data/problems.csv".to_string(), "id,county,found_by,found_on,category,title,measures,status,resolved_on\n".to_string()),
        // Beside data/reports/, not in it: every file there is taken for a report or named.
        ("data/README.txt".to_string(), "把各县报表（CSV 或 Excel）放在 data/reports/ 文件夹里，可按省分子文件夹。\nPut the counties' report files (CSV or Excel) in data/reports/, in sub-folders by province if you like.\n".to_string()),
        ("content/practices/README.txt".to_string(), "好经验好做法：每篇一个 .md 文件，开头写 title、unit、date、tags、topics、promotion、summary。\n".to_string()),
        ("content/guide.md".to_string(), crate::validate::DEFAULT_GUIDE.to_string()),
        ("content/bulletins/README.txt".to_string(), "专班点评：按期间命名，例如 2022-B5.md、2023-Q1.md。\n".to_string()),
    ];
    files.extend(
        DEFAULTS
            .iter()
            .map(|(name, text)| (format!("templates/{name}"), text.to_string())),
    );
    Ok(files)
}

/// What `write` did: the files written, and those that were there already and were kept.
pub struct Written {
    pub written: usize,
    pub kept: Vec<String>,
}

/// Writes the new project. A file that exists already is never overwritten: it is kept and
/// listed (a guide or templates made before stay as they are).
pub fn write(dir: &Path, provinces: &[String]) -> Result<Written> {
    if dir.join("data").exists() {
        bail!(
            "{} already has a data/ folder; choose a new folder",
            dir.display()
        );
    }
    let files = files(provinces)?;
    let mut done = Written {
        written: 0,
        kept: Vec::new(),
    };
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        // `create_new` fails on anything already there, a link included, and never follows it.
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                done.written += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => done.kept.push(rel.clone()),
            Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
        }
    }
    let reports = dir.join("data/reports");
    fs::create_dir_all(&reports).with_context(|| format!("cannot create {}", reports.display()))?;
    Ok(done)
}
