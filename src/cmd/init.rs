use std::path::Path;

use anyhow::Result;

pub fn run(dir: &Path, provinces: &[String]) -> Result<i32> {
    let done = countyboard::init::write(dir, provinces)?;
    let (n, d) = (done.written, dir.display());
    println!("wrote a new project ({n} files) into {d}");
    for kept in &done.kept {
        println!("kept {d}/{kept}: it was there already and is not overwritten");
    }
    println!("next:");
    println!(
        "  countyboard forms -C {d} --period 2022-B5     # report forms for the counties, one per province"
    );
    println!("  (counties fill them in; put the filled files in {d}/data/reports/)");
    println!(
        "  countyboard check -C {d}                       # every problem in the data, at once"
    );
    println!("  countyboard build -C {d}                       # the site, in {d}/output/");
    Ok(0)
}
