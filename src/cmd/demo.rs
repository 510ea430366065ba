use std::path::Path;

use anyhow::Result;
use countyboard::demo::{Scale, generate};

pub fn run(scale: Scale, out: &Path, seed: u64) -> Result<i32> {
    let summary = generate(scale, out, seed)?;
    println!("{summary}");
    Ok(0)
}
