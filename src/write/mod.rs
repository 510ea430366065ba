//! Write: the site goes into a fresh folder beside `output/` as it is rendered, and is swapped
//! in only when complete, so a failed or interrupted build leaves the previous output as it was.
//! Only a folder countyboard made is ever replaced (see `target`).

pub mod swap;
pub mod target;

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::render::Sink;
pub use target::{MARKER, Target};

/// The staging folder inside a linked output folder (the link's folder itself is kept).
use target::STAGING_INSIDE as INSIDE;

/// A staging folder that becomes the output on `finish`, and disappears if dropped before.
pub struct Staging {
    dir: PathBuf,
    target: Target,
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Staging {
    pub fn begin(target: &Target) -> Result<Staging> {
        let pid = std::process::id();
        let dir = if target.through_link {
            target.real.join(format!("{INSIDE}{pid}"))
        } else {
            let parent = parent_of(&target.real);
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
            parent.join(format!(".{}.tmp-{pid}", name_of(&target.real)))
        };
        remove_abandoned(target);
        if fs::symlink_metadata(&dir).is_ok() {
            swap::remove_tree(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let staging = Staging {
            dir,
            target: target.clone(),
            made: Mutex::new(HashSet::new()),
            finished: false,
        };
        fs::write(staging.dir.join(MARKER), target::MARKER_TEXT)
            .with_context(|| format!("cannot write into {}", staging.dir.display()))?;
        Ok(staging)
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

    /// Puts the finished site in place of the old one. The site is published when this
    /// returns `Ok`; `Some` then names what could not be tidied up (for a warning).
    pub fn finish(mut self) -> Result<Option<String>> {
        let real = self.target.real.clone();
        // Someone may have put files into the output folder while the site was rendered.
        let others = fs::read_dir(&real).is_ok_and(|d| {
            d.filter_map(Result::ok)
                .any(|e| !e.file_name().to_string_lossy().starts_with(INSIDE))
        });
        if others && !target::is_ours(&real) {
            bail!(
                "{} received files countyboard did not write while the site was built; nothing was replaced",
                real.display()
            );
        }
        let old = if self.target.through_link {
            self.swap_inside(&real)?
        } else {
            self.swap_beside(&real)?
        };
        self.finished = true;
        Ok(old.and_then(|old| {
            swap::remove_tree(&old).err().map(|e| {
                format!(
                    "the site is published, but the previous one is left at {}: cannot remove it ({e}); remove it by hand",
                    old.display()
                )
            })
        }))
    }

    /// Exchanges the staging folder with the output; returns where the old site now is.
    fn swap_beside(&self, real: &Path) -> Result<Option<PathBuf>> {
        let moving_in = || format!("cannot move the new site into {}", real.display());
        if fs::symlink_metadata(real).is_err() {
            fs::rename(&self.dir, real).with_context(moving_in)?;
            return Ok(None);
        }
        match swap::exchange(&self.dir, real) {
            Ok(()) => return Ok(Some(self.dir.clone())),
            Err(e) if e.kind() != std::io::ErrorKind::Unsupported => {
                return Err(e).with_context(moving_in);
            }
            Err(_) => {}
        }
        // Two renames: a build killed between them leaves the old site at `old`, which the
        // next build puts back (`recover`).
        let old = parent_of(real).join(format!(".{}.old-{}", name_of(real), std::process::id()));
        fs::rename(real, &old)
            .with_context(|| format!("cannot move the old {} aside", real.display()))?;
        if let Err(e) = fs::rename(&self.dir, real) {
            let _ = fs::rename(&old, real);
            return Err(e).with_context(moving_in);
        }
        Ok(Some(old))
    }

    /// Through a link: the linked folder stays (its owner, its permissions); each entry of the
    /// new site is exchanged with the old one, and the old site's other entries moved out.
    fn swap_inside(&self, real: &Path) -> Result<Option<PathBuf>> {
        let names: Vec<OsString> = fs::read_dir(&self.dir)
            .with_context(|| format!("cannot read {}", self.dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        for name in &names {
            let (new, current) = (self.dir.join(name), real.join(name));
            let moving = || format!("cannot move {} into place", current.display());
            if fs::symlink_metadata(&current).is_err() {
                fs::rename(&new, &current).with_context(moving)?;
                continue;
            }
            match swap::exchange(&new, &current) {
                Ok(()) => {}
                Err(e) if e.kind() != std::io::ErrorKind::Unsupported => {
                    return Err(e).with_context(moving);
                }
                Err(_) => {
                    let mut aside = OsString::from(".old-");
                    aside.push(name);
                    let aside = self.dir.join(aside);
                    fs::rename(&current, &aside).with_context(moving)?;
                    fs::rename(&new, &current).with_context(moving)?;
                }
            }
        }
        for entry in fs::read_dir(real)
            .with_context(|| format!("cannot read {}", real.display()))?
            .filter_map(Result::ok)
        {
            let name = entry.file_name();
            if !names.contains(&name) && !name.to_string_lossy().starts_with(INSIDE) {
                fs::rename(entry.path(), self.dir.join(&name))
                    .with_context(|| format!("cannot move {} out", entry.path().display()))?;
            }
        }
        Ok(Some(self.dir.clone()))
    }
}

/// A build killed between the two renames of a swap (where there is no atomic exchange) left
/// no output folder: the previous site is put back.
pub fn recover(target: &Target) {
    let real = &target.real;
    if target.through_link || fs::symlink_metadata(real).is_ok() {
        return;
    }
    let prefix = format!(".{}.old-", name_of(real));
    let Ok(entries) = fs::read_dir(parent_of(real)) else {
        return;
    };
    let mut abandoned: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_prefix(&prefix)
                .is_some_and(process_is_gone)
        })
        .map(|e| e.path())
        .filter(|p| target::is_ours(p))
        .collect();
    abandoned.sort();
    if let Some(old) = abandoned.pop() {
        let _ = fs::rename(old, real);
    }
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned())
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

/// Staging folders left by builds that were killed (their process is gone) are removed,
/// when they are ours (they carry the marker, or are still empty).
fn remove_abandoned(target: &Target) {
    let (folder, prefixes) = if target.through_link {
        (target.real.as_path(), vec![INSIDE.to_string()])
    } else {
        let name = name_of(&target.real);
        (
            parent_of(&target.real),
            vec![format!(".{name}.tmp-"), format!(".{name}.old-")],
        )
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let gone = prefixes
            .iter()
            .find_map(|p| file.strip_prefix(p.as_str()))
            .is_some_and(process_is_gone);
        let path = e.path();
        let empty = fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
        if gone && (empty || target::is_ours(&path)) {
            let _ = swap::remove_tree(&path);
        }
    }
}

/// Whether the build of that process id has ended. Only where the process table can be read
/// (Linux); elsewhere a folder is never taken for abandoned.
fn process_is_gone(pid: &str) -> bool {
    !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && Path::new("/proc/self").exists()
        && !Path::new("/proc").join(pid).exists()
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

    fn target(out: &Path) -> Target {
        Target::resolve(
            out.parent().unwrap().join("project").as_path(),
            out,
            "output",
        )
        .unwrap()
    }

    #[test]
    fn an_unfinished_build_leaves_the_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(MARKER), "").unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::begin(&target(&out)).unwrap();
            s.put("index.html", b"new").unwrap();
            // Dropped without finish: as when rendering fails half-way.
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging folder left behind"
        );
        let s = Staging::begin(&target(&out)).unwrap();
        s.put("index.html", b"new").unwrap();
        assert_eq!(s.finish().unwrap(), None);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(out.join(MARKER).is_file());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_output_keeps_its_folder_and_the_link() {
        let tmp = tempfile::tempdir().unwrap();
        let web = tmp.path().join("web");
        fs::create_dir(&web).unwrap();
        fs::write(web.join(MARKER), "").unwrap();
        fs::write(web.join("stale.html"), "old").unwrap();
        fs::write(web.join("index.html"), "old").unwrap();
        let link = tmp.path().join("output");
        std::os::unix::fs::symlink(&web, &link).unwrap();
        let t = target(&link);
        assert!(t.through_link);
        let s = Staging::begin(&t).unwrap();
        s.put("index.html", b"new").unwrap();
        s.put("units/1/index.html", b"unit").unwrap();
        assert_eq!(s.finish().unwrap(), None);
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let mut names: Vec<String> = fs::read_dir(&web)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [MARKER, "index.html", "units"]);
        assert_eq!(fs::read_to_string(web.join("index.html")).unwrap(), "new");
    }

    #[test]
    fn a_swap_cut_short_is_repaired() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        // As a build killed between the two renames leaves it: no output, the old site aside
        // under the id of a process that is gone.
        let old = tmp.path().join(".output.old-999999999");
        fs::create_dir(&old).unwrap();
        fs::write(old.join(MARKER), "").unwrap();
        recover(&target(&out));
        assert!(out.join(MARKER).is_file());
        assert!(!old.exists());
    }
}
