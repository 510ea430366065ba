//! `countyboard pdf <period>`: prints a built bulletin to an A4 PDF with headless Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use countyboard::project::Paths;
use countyboard::render::site::period_path;

const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

pub fn run(paths: &Paths, period: &str, out: Option<&Path>) -> Result<i32> {
    if let Some(message) = super::hints::unknown_period(&paths.root, period) {
        eprintln!("error: {message}");
        return Ok(1);
    }
    let page = paths.output.join(period_path(period));
    if !page.exists() {
        eprintln!(
            "error: {} does not exist; run `countyboard build` first",
            paths.display(&page)
        );
        return Ok(1);
    }
    let Some(browser) = find_browser() else {
        eprintln!(
            "error: no Chromium found to print with. Install it, with Chinese fonts, e.g. on Debian or Ubuntu:"
        );
        eprintln!("    sudo apt-get install chromium fonts-noto-cjk");
        eprintln!(
            "or open {} in a browser and print it to PDF (A4).",
            page.display()
        );
        return Ok(2);
    };
    let out = out.map_or_else(|| PathBuf::from(format!("{period}.pdf")), Path::to_path_buf);
    let page = page
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", page.display()))?;
    let profile = tempfile::tempdir().context("cannot create a temporary browser profile")?;
    let status = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(file_url(&page))
        .output()
        .with_context(|| format!("cannot run {browser}"))?;
    if !status.status.success() || !out.exists() {
        // Chromium's complaints about the desktop bus (absent on servers) are noise.
        let stderr = String::from_utf8_lossy(&status.stderr);
        let useful: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.contains("dbus") && !l.contains("bus.cc"))
            .collect();
        eprintln!(
            "error: {browser} could not print {} to {}:\n{}",
            page.display(),
            out.display(),
            super::shown(&useful.join("\n"))
        );
        return Ok(1);
    }
    println!("wrote {}", out.display());
    Ok(0)
}

/// A `file://` address for a path: every byte but letters, digits and `/-._~` percent-encoded,
/// so a folder named `a#b` or `报表 2023` is not cut at the `#` or the space.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

fn find_browser() -> Option<String> {
    let path = std::env::var_os("PATH")?;
    BROWSERS.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
            .map(|p| p.display().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::file_url;
    use std::path::Path;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/srv/a#b/报表 1/x.html")),
            "file:///srv/a%23b/%E6%8A%A5%E8%A1%A8%201/x.html"
        );
    }
}
