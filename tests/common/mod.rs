//! Test harness: copies a fixture project into a temporary folder, runs the real binary on
//! it, and reads back what a user would see.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Project {
    pub dir: tempfile::TempDir,
}

/// What one run printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The sample project's site, built once for every test that only reads it (a test that
/// changes the project or the site builds its own).
pub fn sample_site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sample-site");
        let _ = fs::remove_dir_all(&site);
        let run = Command::new(env!("CARGO_BIN_EXE_countyboard"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .args(["build", "--quiet", "--today", "2026-11-25", "-C"])
            .arg(env!("CARGO_MANIFEST_DIR"))
            .arg("-o")
            .arg(&site)
            .output()
            .expect("the countyboard binary runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        site
    })
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Project {
    pub fn from_fixture(name: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture(name), dir.path());
        Project { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }

    /// Appends a line to a text file (adding the newline).
    pub fn append(&self, rel: &str, line: &str) {
        let mut text = fs::read_to_string(self.path(rel)).unwrap_or_default();
        text.push_str(line);
        text.push('\n');
        self.write(rel, text);
    }

    /// Replaces text in a file; panics when the text is absent, so tests cannot silently miss.
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_countyboard"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .args(args)
            .args(["--today", "2026-11-25"])
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        Run::from(out)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `output/data/indicators.csv` as (period, unit, indicator) → (value, reported, expected).
    pub fn figures(&self) -> Figures {
        let text = self.read("output/data/indicators.csv");
        let mut map = HashMap::new();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(f.len(), 6, "{line}");
            map.insert(
                (f[0].to_string(), f[1].to_string(), f[2].to_string()),
                (f[3].to_string(), f[4].to_string(), f[5].to_string()),
            );
        }
        Figures(map)
    }
}

pub struct Figures(pub HashMap<(String, String, String), (String, String, String)>);

impl Figures {
    /// Value, reported and expected as written, e.g. `("0.625", "5", "8")`.
    pub fn get(&self, period: &str, unit: &str, indicator: &str) -> (&str, &str, &str) {
        let key = (period.to_string(), unit.to_string(), indicator.to_string());
        let (v, r, e) = self
            .0
            .get(&key)
            .unwrap_or_else(|| panic!("no figure for {period} {unit} {indicator}"));
        (v.as_str(), r.as_str(), e.as_str())
    }

    pub fn value(&self, period: &str, unit: &str, indicator: &str) -> &str {
        self.get(period, unit, indicator).0
    }

    pub fn has(&self, period: &str, unit: &str, indicator: &str) -> bool {
        self.0
            .contains_key(&(period.to_string(), unit.to_string(), indicator.to_string()))
    }
}

/// A CSV file as a list of rows, each a map from its column's header to the cell.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Chromium (or Chrome) on PATH, for the browser checks, which are ignored unless asked for.
pub fn chromium() -> PathBuf {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| {
            panic!("no chromium on PATH: apt-get install chromium fonts-noto-cjk poppler-utils")
        })
}
