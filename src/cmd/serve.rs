//! `countyboard serve`: builds, serves output/ on 127.0.0.1, rebuilds when anything under
//! data/, content/ or templates/ changes, and reloads the open pages.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Result, anyhow};
use countyboard::model::Date;
use countyboard::project::Paths;
use tiny_http::{Header, Response, Server};

/// Added to every HTML page served (not to the files): asks for the build number each second
/// and reloads when it changes.
const RELOAD: &str = "<script>(function(){var v=null;setInterval(function(){var x=new XMLHttpRequest();x.open('GET','/__countyboard/version');x.onload=function(){if(v!==null&&x.responseText!==v)location.reload();v=x.responseText;};x.send();},1000);})();</script>";

pub fn run(paths: &Paths, today: Date, port: u16, once: bool) -> Result<i32> {
    let version = Arc::new(AtomicU64::new(0));
    build(paths, today, &version);
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!(
        "serving {} at http://127.0.0.1:{port}/ — edit anything under data/, content/ or templates/ and the page reloads; Ctrl-C stops",
        paths.display(&paths.output)
    );
    let output = paths.output.clone();
    let v = Arc::clone(&version);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let response = respond(&output, request.url(), v.load(Ordering::SeqCst));
            let _ = request.respond(response);
        }
    });
    let watched = [paths.data(), paths.content(), paths.root.join("templates")];
    let last = Mutex::new(signature(&watched));
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = signature(&watched);
        let mut seen = last.lock().map_err(|_| anyhow!("watcher poisoned"))?;
        if *seen != now {
            *seen = now;
            build(paths, today, &version);
            if once {
                return Ok(0);
            }
        }
    }
}

fn build(paths: &Paths, today: Date, version: &AtomicU64) {
    let start = Instant::now();
    match super::build::run(paths, today, false, false, true) {
        Ok(0) => {
            let n = version.fetch_add(1, Ordering::SeqCst) + 1;
            println!(
                "rebuilt in {} ms (build {n}); open pages reload",
                start.elapsed().as_millis()
            );
        }
        Ok(_) => println!("the previous site is still served: fix the errors above and save again"),
        Err(e) => println!("build failed: {e:#}"),
    }
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

fn respond(output: &Path, url: &str, version: u64) -> Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == "/__countyboard/version" {
        return Response::from_string(version.to_string());
    }
    let decoded = percent_decode(path.trim_start_matches('/'));
    let rel = Path::new(&decoded);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) && !decoded.is_empty() {
        return Response::from_string("not found").with_status_code(404);
    }
    let mut file = output.join(rel);
    if file.is_dir() || decoded.is_empty() {
        file = file.join("index.html");
    }
    let Ok(mut bytes) = fs::read(&file) else {
        return Response::from_string("not found").with_status_code(404);
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => {
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
