//! Write: the site goes into a fresh folder beside `output/` as it is rendered, and is swapped
//! in only when complete, so a failed or interrupted build leaves the previous output as it was.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::render::Sink;

/// A staging folder that becomes `output/` on `finish`, and disappears if dropped before.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Staging {
    pub fn begin(output: &Path) -> Result<Staging> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = output
            .file_name()
            .map_or("output".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        remove_abandoned(parent, &name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            dir,
            target: output.to_path_buf(),
            made: Mutex::new(HashSet::new()),
            finished: false,
        })
    }

    /// The file's path inside the staging folder, its parent folder created.
    fn prepare(&self, rel: &str) -> Result<PathBuf> {
        let path = safe_join(&self.dir, rel)?;
        if let Some(parent) = path.parent() {
            let mut made = self
                .made
                .lock()
                .map_err(|_| anyhow::anyhow!("writer poisoned"))?;
            if !made.contains(parent) {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
                made.insert(parent.to_path_buf());
            }
        }
        Ok(path)
    }

    /// Swaps the finished site in for the old one.
    pub fn finish(mut self) -> Result<()> {
        let output = &self.target;
        let previous = self.dir.with_file_name(format!(
            ".{}.old-{}",
            output
                .file_name()
                .map_or("output".into(), |n| n.to_string_lossy().into_owned()),
            std::process::id()
        ));
        let had_output = output.exists();
        if had_output {
            fs::rename(output, &previous)
                .with_context(|| format!("cannot move the old {} aside", output.display()))?;
        }
        if let Err(e) = fs::rename(&self.dir, output) {
            if had_output {
                let _ = fs::rename(&previous, output);
            }
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", output.display()));
        }
        self.finished = true;
        if had_output {
            fs::remove_dir_all(&previous)
                .with_context(|| format!("cannot remove {}", previous.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.prepare(rel).map_err(|e| format!("{e:#}"))?;
        fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    fn stream(
        &self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        let path = self.prepare(rel).map_err(|e| format!("{e:#}"))?;
        let file =
            File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        fill(&mut w)
            .and_then(|_| w.flush())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

/// Staging folders left by builds that were killed (their process is gone) are removed.
fn remove_abandoned(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let pid = [".tmp-", ".old-"]
            .iter()
            .find_map(|k| file.strip_prefix(&format!(".{name}{k}")));
        // Only where the process table can be read (Linux); elsewhere they are left alone.
        if let Some(pid) = pid
            && Path::new("/proc/self").exists()
            && !Path::new("/proc").join(pid).exists()
        {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Joins a relative output path, refusing anything that would leave the output folder.
fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf> {
    let rel_path = Path::new(rel);
    if rel.is_empty()
        || !rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        bail!("refusing to write `{rel}` outside the output folder");
    }
    Ok(dir.join(rel_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_output() {
        let d = Path::new("/tmp/out");
        assert!(safe_join(d, "units/13/index.html").is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "./a"] {
            assert!(safe_join(d, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_unfinished_build_leaves_the_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::begin(&out).unwrap();
            s.put("index.html", b"new").unwrap();
            // Dropped without finish: as when rendering fails half-way.
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging folder left behind"
        );
        let s = Staging::begin(&out).unwrap();
        s.put("index.html", b"new").unwrap();
        s.finish().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    }
}
