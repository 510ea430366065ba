//! `countyboard pdf <period>`: prints a built bulletin to an A4 PDF with headless Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use countyboard::lang::Lang;
use countyboard::project::Paths;
use countyboard::render::site::period_path;

use super::error_prefix;

const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

pub fn run(
    paths: &Paths,
    period: &str,
    out: Option<&Path>,
    force: bool,
    lang: Lang,
) -> Result<i32> {
    let error = error_prefix(lang);
    if let Some(message) = super::hints::unknown_period(&paths.root, period, lang) {
        eprintln!("{error}{message}");
        return Ok(1);
    }
    let page = paths.output.join(period_path(period));
    if !page.exists() {
        let shown = paths.display(&page);
        match lang {
            Lang::En => eprintln!("error: {shown} does not exist; run `countyboard build` first"),
            Lang::Zh => eprintln!("错误：{shown} 不存在；请先运行 countyboard build"),
        }
        return Ok(1);
    }
    let out = out.map_or_else(|| PathBuf::from(format!("{period}.pdf")), Path::to_path_buf);
    // The PDF replaces nothing it did not make unless asked to: an earlier print, or a file of
    // the same name, may be someone's.
    if super::refuse_existing_file(&out, force, lang) {
        return Ok(1);
    }
    let Some(browser) = find_browser() else {
        let shown = page.display();
        match lang {
            Lang::En => {
                eprintln!(
                    "error: no Chromium found to print with. Install it, with Chinese fonts, e.g. on Debian or Ubuntu:"
                );
                eprintln!("    sudo apt-get install chromium fonts-noto-cjk");
                eprintln!("or open {shown} in a browser and print it to PDF (A4).");
            }
            Lang::Zh => {
                eprintln!(
                    "错误：没有找到用来打印的 Chromium 浏览器。请连同中文字体一起安装，如在 Debian 或 Ubuntu 上："
                );
                eprintln!("    sudo apt-get install chromium fonts-noto-cjk");
                eprintln!("或在浏览器中打开 {shown}，打印为 PDF（A4 纸）。");
            }
        }
        return Ok(2);
    };
    let page = page
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", page.display()))?;
    let profile = tempfile::tempdir().context("cannot create a temporary browser profile")?;
    let status = print_with(&browser, profile.path(), &out, &page)?;
    if !status.status.success() || !out.exists() {
        // Chromium's complaints about the desktop bus (absent on servers) are noise.
        let stderr = String::from_utf8_lossy(&status.stderr);
        let useful: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.contains("dbus") && !l.contains("bus.cc"))
            .collect();
        let (from, to, why) = (
            page.display(),
            out.display(),
            super::shown(&format!("{}\n({})", useful.join("\n"), status.status)),
        );
        match lang {
            Lang::En => eprintln!("{error}{browser} could not print {from} to {to}:\n{why}"),
            Lang::Zh => eprintln!("{error}{browser} 未能把 {from} 打印为 {to}：\n{why}"),
        }
        return Ok(1);
    }
    match lang {
        Lang::En => println!("wrote {}", out.display()),
        Lang::Zh => println!("已写入 {}", out.display()),
    }
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

/// One run of the browser printing `page` to `out`.
fn print_with(
    browser: &str,
    profile: &Path,
    out: &Path,
    page: &Path,
) -> Result<std::process::Output> {
    Command::new(browser)
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
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(file_url(page))
        .output()
        .with_context(|| format!("cannot run {browser}"))
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
