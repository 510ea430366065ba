//! Write: the rendered files into a fresh folder beside `output/`, swapped in only when
//! complete, so a failed or interrupted build leaves the previous output as it was.

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::render::OutputFile;

pub fn publish(output: &Path, files: &[OutputFile]) -> Result<()> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = output
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let written = write_all(&staging, files);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_output = output.exists();
    if had_output {
        fs::rename(output, &previous)
            .with_context(|| format!("cannot move the old {} aside", output.display()))?;
    }
    if let Err(e) = fs::rename(&staging, output) {
        if had_output {
            let _ = fs::rename(&previous, output);
        }
        return Err(e)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    if had_output {
        fs::remove_dir_all(&previous)
            .with_context(|| format!("cannot remove {}", previous.display()))?;
    }
    Ok(())
}

fn write_all(dir: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for f in files {
        let path = safe_join(dir, &f.path)?;
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
        }
        fs::write(&path, &f.bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
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
}
