//! For the hostile cases: the binary run with a time and memory limit, and a fingerprint of
//! every file, link and folder of a tree, to show nothing of the user's changed.

use std::collections::BTreeMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub use crate::common::Project;

/// What a limited run did.
#[derive(Debug)]
pub struct Ran {
    /// The exit code; `None` when a signal ended it.
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub seconds: f64,
}

impl Ran {
    /// Ended by itself with this code, no panic, no abort.
    pub fn exited(&self, code: i32) -> &Ran {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}; signal {:?}\nstderr:\n{}",
            self.signal,
            tail(&self.stderr)
        );
        assert!(!self.stderr.contains("panicked"), "{}", tail(&self.stderr));
        self
    }

    pub fn says(&self, text: &str) -> &Ran {
        let all = format!("{}{}", self.stdout, self.stderr);
        assert!(all.contains(text), "expected `{text}` in:\n{}", tail(&all));
        self
    }
}

fn tail(text: &str) -> &str {
    let start = text.len().saturating_sub(4000);
    let start = (start..text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    &text[start..]
}

/// Runs countyboard in `dir` (with the tests' fixed today) within `seconds` and `memory`
/// bytes of address space; a run that takes longer is killed and the test fails.
pub fn run(dir: &Path, args: &[&str], seconds: u64, memory: u64) -> Ran {
    let mut command = Command::new(env!("CARGO_BIN_EXE_countyboard"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args)
        .args(["--today", "2026-11-25"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_memory(&mut command, memory);
    let start = Instant::now();
    let mut child = command.spawn().expect("countyboard runs");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(seconds) {
            child.kill().ok();
            child.wait().ok();
            panic!("countyboard {args:?} did not finish within {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    use std::os::unix::process::ExitStatusExt;
    Ran {
        code: status.code(),
        signal: status.signal(),
        stdout: String::from_utf8_lossy(&reader.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned(),
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// The usual run: 60 s, 2 GiB.
pub fn cb(dir: &Path, args: &[&str]) -> Ran {
    run(dir, args, 60, 2 << 30)
}

pub fn limit_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only setrlimit, which is async-signal-safe, runs between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Every entry under `dir`: a file's content hash, a link's target, a folder, or what else
/// it is. Entries whose top-level name is in `skip` are left out.
pub fn fingerprint(dir: &Path, skip: &[&str]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    walk(dir, dir, skip, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, skip: &[&str], out: &mut BTreeMap<String, String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let top = rel.split('/').next().unwrap_or("");
        if skip.contains(&top) {
            continue;
        }
        let meta = fs::symlink_metadata(&path).unwrap();
        let what = if meta.file_type().is_symlink() {
            format!("link:{}", fs::read_link(&path).unwrap().display())
        } else if meta.is_dir() {
            walk(root, &path, skip, out);
            format!(
                "dir:{:o}",
                std::os::unix::fs::PermissionsExt::mode(&meta.permissions())
            )
        } else if meta.is_file() {
            let mut h = std::hash::DefaultHasher::new();
            fs::read(&path).unwrap().hash(&mut h);
            format!("file:{:x}:{}", h.finish(), meta.len())
        } else {
            "special".to_string()
        };
        out.insert(rel, what);
    }
}

/// The project's own files: everything but the site countyboard writes.
pub fn users_files(p: &Project) -> BTreeMap<String, String> {
    fingerprint(p.dir.path(), &["output"])
}

/// A named pipe at `path`.
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

pub fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// A report row of the `basic` fixture's columns.
pub const REPORT_HEADER: &str = "period,unit,submitted_on,lectures,members,centre,stations";

/// `data/inputs.csv` as file → (rows, counted, rejected, note).
pub fn inputs(site: &Path) -> BTreeMap<String, (String, String, String, String)> {
    let bytes = fs::read(site.join("data/inputs.csv")).unwrap();
    csv::Reader::from_reader(bytes.as_slice())
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_string(),
                (
                    r[1].to_string(),
                    r[2].to_string(),
                    r[3].to_string(),
                    r[4].to_string(),
                ),
            )
        })
        .collect()
}

/// UTF-16LE with a BOM, as Excel's “Unicode text”.
pub fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}
