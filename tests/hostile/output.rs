//! The output folder: only a folder countyboard made is ever replaced; the swap leaves no
//! moment without one; a link is followed; `init` never overwrites.

use std::fs;
use std::time::{Duration, Instant};

use super::support::*;

#[test]
fn build_never_replaces_the_project_its_inputs_or_a_folder_of_other_files() {
    let p = Project::from_fixture("basic");
    let unrelated = tempfile::tempdir().unwrap();
    fs::write(unrelated.path().join("thesis.docx"), "four years of work").unwrap();
    let root = p.dir.path().to_str().unwrap().to_string();
    let outside = unrelated.path().to_str().unwrap().to_string();
    let before = fingerprint(p.dir.path(), &[]);
    let others = fingerprint(unrelated.path(), &[]);
    for (target, says) in [
        ("data", "data/ folder"),
        ("content", "content/ folder"),
        ("templates", "templates/ folder"),
        ("data/reports", "data/ folder"),
        ("data/site", "inside the project's data/"),
        (".", "the project folder"),
        ("..", "the project folder"),
        (root.as_str(), "the project folder"),
        ("/", "root of the file system"),
        (outside.as_str(), "`thesis.docx`"),
        ("data/units.csv", "is a file"),
    ] {
        cb(p.dir.path(), &["build", "-o", target])
            .exited(2)
            .says(says);
        assert_eq!(
            before,
            fingerprint(p.dir.path(), &[]),
            "-o {target} changed the project"
        );
        assert_eq!(others, fingerprint(unrelated.path(), &[]), "-o {target}");
    }
    let left: Vec<String> = fs::read_dir(p.path("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_output_folder_of_other_files_is_refused_by_check_too() {
    let p = Project::from_fixture("basic");
    p.write("output/notes.txt", "mine");
    let before = fingerprint(p.dir.path(), &[]);
    cb(p.dir.path(), &["check"])
        .exited(1)
        .says("error[output-folder]: output: `output` holds files countyboard did not write (`notes.txt`)");
    cb(p.dir.path(), &["build"])
        .exited(2)
        .says("nothing was done");
    assert_eq!(before, fingerprint(p.dir.path(), &[]));
}

#[test]
fn a_site_of_an_earlier_version_keeps_being_rebuilt() {
    let p = Project::from_fixture("basic");
    cb(p.dir.path(), &["build"]).exited(0);
    // Earlier versions wrote no marker.
    fs::remove_file(p.path("output/.countyboard-output")).unwrap();
    let users = users_files(&p);
    cb(p.dir.path(), &["check"]).exited(0);
    cb(p.dir.path(), &["build"]).exited(0);
    assert!(p.path("output/.countyboard-output").is_file());
    assert_eq!(users, users_files(&p));
    // With a file of the user's in it, it is no longer taken for a site.
    fs::remove_file(p.path("output/.countyboard-output")).unwrap();
    p.write("output/说明.docx", "mine");
    cb(p.dir.path(), &["build"]).exited(2).says("`说明.docx`");
    assert_eq!(p.read("output/说明.docx"), "mine");
}

#[test]
fn a_linked_output_stays_a_link_and_its_folder_stays() {
    let p = Project::from_fixture("basic");
    let web = tempfile::tempdir().unwrap();
    let root = web.path().join("html");
    fs::create_dir(&root).unwrap();
    symlink(&root, &p.path("output"));
    for _ in 0..2 {
        cb(p.dir.path(), &["build"]).exited(0);
        let meta = fs::symlink_metadata(p.path("output")).unwrap();
        assert!(meta.file_type().is_symlink(), "the link was replaced");
        assert!(root.join("index.html").is_file() && root.join(".countyboard-output").is_file());
    }
    let names: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".countyboard-staging"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    // A web root holding other files is not the site's.
    let other = web.path().join("shared");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("index.php"), "<?php").unwrap();
    fs::remove_file(p.path("output")).unwrap();
    symlink(&other, &p.path("output"));
    cb(p.dir.path(), &["build"]).exited(2).says("`index.php`");
    assert_eq!(
        fs::read_to_string(other.join("index.php")).unwrap(),
        "<?php"
    );
}

#[test]
fn a_swap_cut_short_leaves_the_old_site_found_by_the_next_build() {
    // Where the system has no atomic exchange, a build killed between its two renames
    // leaves the old site beside the output under the id of a process that is gone.
    let p = Project::from_fixture("basic");
    cb(p.dir.path(), &["build"]).exited(0);
    let site = fingerprint(&p.path("output"), &[]);
    fs::rename(p.path("output"), p.path(".output.old-999999999")).unwrap();
    p.append("data/reports/a.csv", "2023-B2,999999,2023-05-01,1,1,是,1");
    cb(p.dir.path(), &["build"])
        .exited(1)
        .says("output is unchanged");
    assert_eq!(site, fingerprint(&p.path("output"), &[]));
    assert!(!p.path(".output.old-999999999").exists());
}

#[test]
fn there_is_always_an_output_folder_while_builds_swap() {
    let p = Project::from_fixture("basic");
    cb(p.dir.path(), &["build"]).exited(0);
    let out = p.path("output");
    let watcher = {
        let out = out.clone();
        std::thread::spawn(move || {
            let (mut looks, start) = (0, Instant::now());
            while start.elapsed() < Duration::from_secs(4) {
                assert!(out.join("index.html").is_file(), "no site at one moment");
                looks += 1;
            }
            looks
        })
    };
    let start = Instant::now();
    let mut builds = 0;
    while start.elapsed() < Duration::from_secs(4) {
        cb(p.dir.path(), &["build", "-q"]).exited(0);
        builds += 1;
    }
    assert!(watcher.join().unwrap() > 1000);
    assert!(builds >= 2);
}

#[test]
fn a_read_only_old_site_is_replaced_and_nothing_is_left_behind() {
    let p = Project::from_fixture("basic");
    cb(p.dir.path(), &["build"]).exited(0);
    let as_root = unsafe { libc::geteuid() } == 0;
    // Root may write anywhere: the build runs as `nobody` then, on files it owns.
    if as_root {
        let status = std::process::Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(p.dir.path())
            .status()
            .unwrap();
        assert!(status.success());
        let mut parent = p.dir.path().to_path_buf();
        while parent.pop() {
            let mode = fs::metadata(&parent).unwrap().permissions();
            use std::os::unix::fs::PermissionsExt;
            assert!(
                mode.mode() & 0o001 != 0,
                "{} is not open to others",
                parent.display()
            );
        }
    }
    let status = std::process::Command::new("chmod")
        .args(["-R", "a-w"])
        .arg(p.path("output"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut command = if as_root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_countyboard"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_countyboard"))
    };
    let out = command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["build", "--today", "2026-11-25"])
        .current_dir(p.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("previous one is left"), "{stderr}");
    let left: Vec<String> = fs::read_dir(p.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn init_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("content")).unwrap();
    fs::create_dir_all(d.join("templates")).unwrap();
    fs::write(d.join("content/guide.md"), "# 我们自己的说明\n").unwrap();
    fs::write(
        d.join("templates/base.html"),
        "{% block main %}{% endblock %}",
    )
    .unwrap();
    let before = fingerprint(d, &[]);
    let ran = run(d, &["init", ".", "--province", "64"], 60, 2 << 30);
    ran.exited(0)
        .says("kept ./content/guide.md")
        .says("kept ./templates/base.html");
    let after = fingerprint(d, &[]);
    for (path, print) in &before {
        assert_eq!(after.get(path), Some(print), "{path} changed");
    }
    assert!(d.join("data/units.csv").is_file());
    // A second init is refused as before: the project exists.
    run(d, &["init", "."], 60, 2 << 30).says("already has a data/ folder");
    assert_eq!(after, fingerprint(d, &[]));
}
