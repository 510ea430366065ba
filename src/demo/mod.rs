//! `countyboard demo`: a deterministic, seeded demonstration project built on China's real
//! divisions, at sample scale (河北, 江苏, 宁夏) or national scale (all 2,978 counties).

mod activity;
mod practices;
pub mod prose;
mod reports;

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use crate::divisions::World;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Sample,
    /// Every other province (16 of 31) and half the write-ups: the benchmark's check that cost
    /// grows linearly.
    Half,
    National,
}

impl Scale {
    /// Province codes included: the three that spoke at the launch, or all.
    fn provinces(self) -> Option<&'static [&'static str]> {
        match self {
            Scale::Sample => Some(&["13", "32", "64"]),
            Scale::Half => Some(&[
                "11", "13", "15", "22", "31", "33", "35", "37", "42", "44", "46", "51", "53", "61",
                "63", "65",
            ]),
            Scale::National => None,
        }
    }
}

pub type Rng = ChaCha8Rng;

/// One file to write, relative to the project folder.
pub struct DemoFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Writes the project into `out`; refuses a folder that already holds `data/`.
/// Writes the project into `out`, a new or empty folder; returns how many files it wrote.
/// Nothing already there is overwritten: a file in the way stops it.
pub fn generate(scale: Scale, out: &Path, seed: u64) -> Result<usize> {
    if fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some()) {
        bail!(
            "{} is not empty; expected a new or empty folder",
            out.display()
        );
    }
    let files = build(scale, seed);
    for f in &files {
        let path = out.join(&f.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        std::io::Write::write_all(&mut file, &f.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(files.len())
}

/// The whole project in memory, the same bytes for the same scale and seed.
pub fn build(scale: Scale, seed: u64) -> Vec<DemoFile> {
    let mut rng = Rng::seed_from_u64(seed);
    let world = world(scale);
    let mut files = vec![
        DemoFile {
            path: "data/campaign.toml".into(),
            bytes: crate::project::DEFAULT_CAMPAIGN_TOML.as_bytes().to_vec(),
        },
        DemoFile {
            path: "data/indicators.csv".into(),
            bytes: crate::validate::DEFAULT_INDICATORS.as_bytes().to_vec(),
        },
        DemoFile {
            path: "data/units.csv".into(),
            bytes: world.units_csv().into_bytes(),
        },
    ];
    let pairings = activity::pairings(&world, &mut rng);
    files.push(DemoFile {
        path: "data/pairings.csv".into(),
        bytes: activity::pairings_csv(&world, &pairings).into_bytes(),
    });
    files.push(DemoFile {
        path: "data/visits.csv".into(),
        bytes: activity::visits_csv(&world, &pairings, &mut rng).into_bytes(),
    });
    files.push(DemoFile {
        path: "data/problems.csv".into(),
        bytes: activity::problems_csv(&world, &pairings, &mut rng).into_bytes(),
    });
    files.extend(reports::files(&world, &mut rng));
    let count = match scale {
        Scale::Sample => 40,
        Scale::Half => 2500,
        Scale::National => 5000,
    };
    files.extend(practices::files(
        &world,
        count,
        scale != Scale::Sample,
        &mut rng,
    ));
    files.push(DemoFile {
        path: "content/guide.md".into(),
        bytes: crate::validate::DEFAULT_GUIDE.as_bytes().to_vec(),
    });
    for (period, text) in prose::BULLETINS {
        files.push(DemoFile {
            path: format!("content/bulletins/{period}.md"),
            bytes: text.as_bytes().to_vec(),
        });
    }
    files
}

/// The real units of the scale's provinces, with 20 national bodies in the sample and all of
/// them otherwise.
fn world(scale: Scale) -> World {
    let wanted = scale
        .provinces()
        .map(|list| list.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    let bodies = if scale == Scale::Sample {
        20
    } else {
        crate::divisions::NATIONAL_BODIES.len()
    };
    World::of(wanted.as_deref(), bodies)
}

pub(crate) fn date(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap_or(Date::MIN)
}

pub(crate) fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

/// A random day from `from` to `to`, both included.
pub(crate) fn day_between(rng: &mut Rng, from: Date, to: Date) -> Date {
    let span = (to - from).get_days().max(0) as i64;
    add_days(from, rng.random_range(0..=span))
}

/// A whole number with mean about `mean`, spread ±70%.
pub(crate) fn around(rng: &mut Rng, mean: f64) -> u64 {
    let x = mean * rng.random_range(0.3..1.7) + rng.random::<f64>();
    x.floor().max(0.0) as u64
}

pub(crate) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A CSV cell, quoted when needed.
pub(crate) fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
