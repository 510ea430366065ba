//! Opening inputs: only regular files inside the project are read. A link that leaves the
//! project (to a password file, `/dev/zero`), a FIFO or a device is refused with a finding
//! rather than followed: it would publish another file, or never end.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use super::limits::{TOTAL_BYTES, megabytes};
use crate::findings::{Code, Msg};

/// Why a file was not read, as a finding: its code and message.
#[derive(Debug)]
pub enum Refused {
    /// Absent: not a finding by itself (callers decide).
    Missing,
    Problem {
        code: Code,
        message: Msg,
    },
}

/// Reads inputs of one project, remembering which of its folders lie inside it.
pub struct Opener {
    real_root: PathBuf,
    folders: Mutex<HashMap<PathBuf, bool>>,
    /// Bytes read so far, against `TOTAL_BYTES`.
    total: AtomicU64,
}

impl Opener {
    pub fn new(root: &Path) -> Opener {
        Opener {
            real_root: fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            folders: Mutex::new(HashMap::new()),
            total: AtomicU64::new(0),
        }
    }

    /// Whether a path, links resolved, lies inside the project.
    pub fn inside(&self, path: &Path) -> bool {
        fs::canonicalize(path).is_ok_and(|p| p.starts_with(&self.real_root))
    }

    fn folder_inside(&self, folder: &Path) -> bool {
        if let Ok(known) = self.folders.lock()
            && let Some(inside) = known.get(folder)
        {
            return *inside;
        }
        let inside = self.inside(folder);
        if let Ok(mut known) = self.folders.lock() {
            known.insert(folder.to_path_buf(), inside);
        }
        inside
    }

    /// The bytes of an input file of at most `limit` bytes, counted against `TOTAL_BYTES`.
    pub fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
        self.read_counted(path, limit, true)
    }

    /// Counts a file against `TOTAL_BYTES` before it is read with `read_counted(…, false)`:
    /// files read in parallel are counted in their order first, so which one passes the
    /// total is the same on every run.
    pub fn count(&self, path: &Path) -> Result<(), Refused> {
        let size = fs::metadata(path).map_or(0, |m| if m.is_file() { m.len() } else { 0 });
        self.charge(size)
    }

    fn charge(&self, size: u64) -> Result<(), Refused> {
        let before = self.total.fetch_add(size, Ordering::Relaxed);
        if before + size > TOTAL_BYTES {
            let most = megabytes(TOTAL_BYTES);
            return Err(Refused::Problem {
                code: Code::OverLimit,
                message: msg!(
                    "the project's files pass {most} together, so this one is not read; expected the files of one campaign (move old or unrelated files out of data/ and content/)",
                    "项目的文件合计超过 {most}，这个文件未读取；应只放本次专项工作的文件（请把旧的或无关的文件移出 data/ 和 content/）"
                ),
            });
        }
        Ok(())
    }

    pub fn read_counted(&self, path: &Path, limit: u64, count: bool) -> Result<Vec<u8>, Refused> {
        let meta = match fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
            Err(e) => return Err(unreadable(e)),
        };
        let folder = path.parent().unwrap_or(Path::new("."));
        if meta.file_type().is_symlink() || !self.folder_inside(folder) {
            match fs::canonicalize(path) {
                Ok(real) if real.starts_with(&self.real_root) => {}
                Ok(real) => return Err(outside(&real)),
                Err(_) => {
                    let to = fs::read_link(path).unwrap_or_default();
                    let to = to.display();
                    return Err(Refused::Problem {
                        code: Code::BrokenLink,
                        message: msg!(
                            "a link to `{to}`, which does not exist; expected the file itself",
                            "这是指向“{to}”的链接，而那里没有文件；应放入文件本身"
                        ),
                    });
                }
            }
        }
        let file = open_without_waiting(path).map_err(unreadable)?;
        let meta = file.metadata().map_err(unreadable)?;
        if !meta.is_file() {
            return Err(not_a_file(&meta));
        }
        if meta.len() > limit {
            return Err(too_large(meta.len(), limit));
        }
        if count {
            self.charge(meta.len())?;
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64, limit));
        }
        Ok(bytes)
    }
}

/// Opens for reading without blocking: a FIFO opened normally waits for a writer forever.
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

fn unreadable(e: std::io::Error) -> Refused {
    Refused::Problem {
        code: Code::Unreadable,
        message: msg!("cannot read the file: {e}", "文件无法读取：{e}"),
    }
}

pub fn outside(real: &Path) -> Refused {
    let real = real.display();
    Refused::Problem {
        code: Code::OutsideProject,
        message: msg!(
            "a link to `{real}`, outside the project, is not read; expected the file itself inside the project (copy it in)",
            "这是指向项目以外“{real}”的链接，为安全起见未读取；应把文件本身复制到项目中"
        ),
    }
}

pub fn not_a_file(meta: &fs::Metadata) -> Refused {
    let (kind, kind_zh) = special_kind(meta);
    Refused::Problem {
        code: Code::NotAFile,
        message: msg!(
            "this is {kind}, not a regular file, and is not read; expected a file",
            "这是{kind_zh}，不是普通文件，未读取；应为文件"
        ),
    }
}

/// `a FIFO`, `a device`: what a path that is not a regular file is, in English and Chinese.
pub fn special_kind(meta: &fs::Metadata) -> (&'static str, &'static str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return ("a FIFO (named pipe)", "管道文件");
        }
        if t.is_char_device() || t.is_block_device() {
            return ("a device", "设备文件");
        }
        if t.is_socket() {
            return ("a socket", "套接字");
        }
    }
    if meta.is_dir() {
        ("a folder", "文件夹")
    } else {
        ("not a file", "非文件")
    }
}

fn too_large(bytes: u64, limit: u64) -> Refused {
    let (size, most) = (megabytes(bytes), megabytes(limit));
    Refused::Problem {
        code: Code::OverLimit,
        message: msg!(
            "the file has {size}; files over {most} are not read; expected a smaller file (split it, e.g. one per province)",
            "文件有 {size}，超过 {most} 的文件不读取；请拆分成较小的文件（如每省一个）"
        ),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_out_fifos_and_large_files_are_refused() {
        let project = tempfile::tempdir().unwrap();
        let outside_dir = tempfile::tempdir().unwrap();
        let root = project.path();
        fs::write(outside_dir.path().join("secret"), "x").unwrap();
        fs::write(root.join("a.csv"), "a\n1\n").unwrap();
        std::os::unix::fs::symlink(root.join("a.csv"), root.join("b.csv")).unwrap();
        std::os::unix::fs::symlink(outside_dir.path().join("secret"), root.join("c.csv")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("d.csv")).unwrap();
        std::os::unix::fs::symlink(root.join("nothing"), root.join("e.csv")).unwrap();
        let fifo = std::ffi::CString::new(root.join("f.csv").to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let o = Opener::new(root);
        assert_eq!(o.read(&root.join("a.csv"), 100).unwrap(), b"a\n1\n");
        assert_eq!(o.read(&root.join("b.csv"), 100).unwrap(), b"a\n1\n");
        let code = |name: &str, limit: u64| match o.read(&root.join(name), limit) {
            Err(Refused::Problem { code, .. }) => code,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(code("c.csv", 100), Code::OutsideProject);
        assert_eq!(code("d.csv", 100), Code::OutsideProject);
        assert_eq!(code("e.csv", 100), Code::BrokenLink);
        assert_eq!(code("f.csv", 100), Code::NotAFile);
        assert_eq!(code("a.csv", 2), Code::OverLimit);
        assert!(matches!(
            o.read(&root.join("g.csv"), 9),
            Err(Refused::Missing)
        ));
    }
}
