//! `countyboard init DIR`: a new project, built at once, and what to do next.

use std::path::Path;

use anyhow::{Result, anyhow};
use countyboard::divisions;
use countyboard::model::Date;
use countyboard::project::Paths;

use super::hints;

pub fn run(dir: &Path, provinces: &[String], today: Date) -> Result<i32> {
    let known: Vec<(String, String)> = divisions::provinces()
        .iter()
        .map(|p| (p.code.to_string(), p.name.to_string()))
        .collect();
    let codes = hints::provinces(provinces, &known).map_err(|e| anyhow!(e))?;
    let done = countyboard::init::write(dir, &codes)?;
    let (n, d) = (done.written, dir.display());
    println!("wrote a new project ({n} files) into {d}");
    for kept in &done.kept {
        println!("kept {d}/{kept}: it was there already and is not overwritten");
    }
    let built = super::build::run(&Paths::new(dir, None), today, false, false, true)?;
    if built != 0 {
        return Ok(built);
    }
    let calendar = hints::calendar(dir);
    println!("next:");
    println!("  cd {d}");
    println!(
        "  countyboard forms --period 2023-B1   # the report forms of a period, one per province ({})",
        hints::periods(&calendar, Some(calendar.reporting))
    );
    println!("  (the counties fill them in; put the filled files in data/reports/ as they are)");
    println!("  countyboard check                    # every problem in the data, at once");
    println!(
        "  countyboard serve                    # the site at http://127.0.0.1:8000/, rebuilt as you edit"
    );
    Ok(0)
}
