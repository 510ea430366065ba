//! `countyboard serve`: builds, serves output/ on 127.0.0.1, rebuilds when anything under
//! data/, content/ or templates/ changes, and reloads the open pages. While the data has
//! errors, every page shows them in a panel over the previous site.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Result, anyhow};
use countyboard::findings::{Finding, Findings, Severity};
use countyboard::lang::Lang;
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::render::findings_zh::explain;
use countyboard::render::html::escape;
use tiny_http::{Header, Response, Server};

/// Added to every HTML page served (not to the files): asks for the build number each second
/// and reloads when it changes.
const RELOAD: &str = "<script>(function(){var v=null;setInterval(function(){var x=new XMLHttpRequest();x.open('GET','/__countyboard/version');x.onload=function(){if(v!==null&&x.responseText!==v)location.reload();v=x.responseText;};x.send();},1000);})();</script>";

/// The page under the findings when there is no site yet.
const NO_SITE: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>数据有误</title>";

/// What the server shows: the build number the pages poll, and while the data has errors, the
/// findings laid over every page (the previous site stays readable behind them).
#[derive(Default)]
struct State {
    version: AtomicU64,
    findings: Mutex<Option<String>>,
}

pub fn run(paths: &Paths, today: Date, port: u16, once: bool, lang: Lang) -> Result<i32> {
    let state = Arc::new(State::default());
    build(paths, today, &state, lang);
    let server = Server::http(("127.0.0.1", port)).map_err(|e| match lang {
        Lang::En => anyhow!("cannot listen on 127.0.0.1:{port}: {e}"),
        Lang::Zh => anyhow!("无法在 127.0.0.1:{port} 上提供服务：{e}"),
    })?;
    let out = paths.display(&paths.output);
    match lang {
        Lang::En => println!(
            "serving {out} at http://127.0.0.1:{port}/ — edit anything under data/, content/ or templates/ and the page reloads; Ctrl-C stops"
        ),
        Lang::Zh => println!(
            "正在 http://127.0.0.1:{port}/ 提供 {out} —— 修改 data/、content/ 或 templates/ 下的任何文件，页面会自动刷新；按 Ctrl-C 停止"
        ),
    }
    let output = paths.output.clone();
    let shared = Arc::clone(&state);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let response = respond(&output, request.url(), &shared);
            let _ = request.respond(response);
        }
    });
    let watched = [paths.data(), paths.content(), paths.root.join("templates")];
    let mut seen = signature(&watched);
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = signature(&watched);
        if seen != now {
            seen = now;
            build(paths, today, &state, lang);
            if once {
                return Ok(0);
            }
        }
    }
}

/// Builds; on errors keeps the previous site and lays the findings over its pages. Either way
/// the build number moves on, so open pages reload and show what is current.
fn build(paths: &Paths, today: Date, state: &State, lang: Lang) {
    let start = Instant::now();
    let options = super::build::Options {
        keep_going: false,
        timings: false,
        quiet: true,
        lang,
    };
    let overlay = match super::build::run(paths, today, options) {
        Ok(0) => {
            let (ms, n) = (
                start.elapsed().as_millis(),
                state.version.load(Ordering::SeqCst) + 1,
            );
            match lang {
                Lang::En => println!("rebuilt in {ms} ms (build {n}); open pages reload"),
                Lang::Zh => {
                    println!("已重新生成，用时 {ms} 毫秒（第 {n} 次）；打开的页面会自动刷新")
                }
            }
            None
        }
        Ok(_) => {
            println!(
                "{}",
                lang.pick(
                    "the previous site is still served, with the errors shown over its pages: fix them and save again",
                    "仍提供上一次生成的网站，错误显示在各页上方：改正后再保存即可"
                )
            );
            let checked = countyboard::check(paths, today);
            Some(overlay(&checked.findings, None, has_site(paths)))
        }
        Err(e) => {
            println!("{}{e:#}", lang.pick("build failed: ", "生成失败："));
            let failure = format!("{e:#}");
            Some(overlay(
                &Findings::default(),
                Some(&failure),
                has_site(paths),
            ))
        }
    };
    if let Ok(mut shown) = state.findings.lock() {
        *shown = overlay;
    }
    state.version.fetch_add(1, Ordering::SeqCst);
}

/// The findings as a panel over the page: errors first, each with its place, what it means in
/// Chinese and the detail; a button hides it to read the previous site.
fn overlay(findings: &Findings, failure: Option<&str>, has_site: bool) -> String {
    const SHOWN: usize = 100;
    let mut list: Vec<&Finding> = findings
        .list
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    list.sort_by_key(|f| f.severity);
    let errors = findings.count(Severity::Error);
    let mut items = String::new();
    for f in list.iter().take(SHOWN) {
        let row = f
            .source
            .as_deref()
            .map_or(String::new(), |r| format!("<pre>{}</pre>", escape(r)));
        items.push_str(&format!(
            "<li class=\"{}\"><b>{}</b> {}：{}<br><small>{} [{}]</small>{row}</li>",
            f.severity.as_str(),
            if f.severity == Severity::Error {
                "错误"
            } else {
                "警告"
            },
            escape(&f.location()),
            escape(&f.message.zh),
            explain(f.code),
            f.code,
        ));
    }
    if list.len() > SHOWN {
        items.push_str(&format!(
            "<li>另有 {} 条，countyboard check 会全部列出</li>",
            list.len() - SHOWN
        ));
    }
    let title = match failure {
        Some(failure) => {
            items.push_str(&format!(
                "<li class=\"error\"><pre>{}</pre></li>",
                escape(failure)
            ));
            "网站生成失败".to_string()
        }
        None => format!("数据有误，网站未更新（{errors} 个错误）"),
    };
    let behind = if has_site {
        "点“暂时隐藏”可查看上一次生成的网站。"
    } else {
        "还没有生成过网站。"
    };
    format!(
        "<div id=\"countyboard-findings\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:70vh;overflow:auto;box-sizing:border-box;padding:12px 16px;background:#fff8f6;color:#222;border-bottom:3px solid #b71c1c;box-shadow:0 2px 12px rgba(0,0,0,.3);font:14px/1.6 sans-serif;overflow-wrap:anywhere\"><button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit\">暂时隐藏</button><h2 style=\"margin:0 0 4px;font-size:17px;color:#b71c1c\">{title}</h2><p style=\"margin:0 0 8px\">改正后保存，页面会自动刷新。{behind}</p><ol style=\"margin:0;padding-left:1.5em\">{items}</ol><style>#countyboard-findings pre{{margin:2px 0;white-space:pre-wrap}}#countyboard-findings li{{margin-bottom:6px}}</style></div>"
    )
}

fn has_site(paths: &Paths) -> bool {
    paths.output.join("index.html").is_file()
}

/// Paths, sizes and modification times of every file under the folders.
fn signature(dirs: &[PathBuf]) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    for dir in dirs {
        for e in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(meta) = e.metadata()
                && meta.is_file()
            {
                out.push((e.path().to_path_buf(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

fn respond(output: &Path, url: &str, state: &State) -> Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == "/__countyboard/version" {
        return Response::from_string(state.version.load(Ordering::SeqCst).to_string());
    }
    let overlay = state.findings.lock().ok().and_then(|o| o.clone());
    let decoded = percent_decode(path.trim_start_matches('/'));
    let rel = Path::new(&decoded);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) && !decoded.is_empty() {
        return Response::from_string("not found").with_status_code(404);
    }
    let mut file = output.join(rel);
    if file.is_dir() || decoded.is_empty() {
        file = file.join("index.html");
    }
    let is_html = file.extension().is_some_and(|e| e == "html");
    let mut bytes = match fs::read(&file) {
        Ok(bytes) => bytes,
        // No site yet (the first build failed): the findings alone, on a page of their own.
        Err(_) if is_html && overlay.is_some() => NO_SITE.as_bytes().to_vec(),
        Err(_) => return Response::from_string("not found").with_status_code(404),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => {
            if let Some(overlay) = &overlay {
                bytes.extend_from_slice(overlay.as_bytes());
            }
            bytes.extend_from_slice(RELOAD.as_bytes());
            "text/html; charset=utf-8"
        }
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    };
    let mut response = Response::from_data(bytes);
    if let Ok(h) = Header::from_bytes("Content-Type", kind) {
        response = response.with_header(h);
    }
    response
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
