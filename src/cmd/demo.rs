use std::path::Path;

use anyhow::{Result, anyhow};
use countyboard::demo::{Scale, generate};
use countyboard::lang::Lang;

pub fn run(scale: Scale, out: &Path, seed: u64, lang: Lang) -> Result<i32> {
    // The demo is written only into a new or empty folder: never over anything else.
    let held = std::fs::read_dir(out).map_or(0, |entries| entries.count());
    if held > 0 || out.is_file() {
        let d = out.display();
        return Err(anyhow!(match lang {
            Lang::En => format!(
                "{d} is not empty; the demo project is written only into a new or empty folder (choose another with --out DIR)"
            ),
            Lang::Zh => format!(
                "{d} 不是空文件夹；演示项目只写入新的或空的文件夹（请用 --out DIR 另选一个）"
            ),
        }));
    }
    let files = generate(scale, out, seed)?;
    let d = out.display();
    match lang {
        Lang::En => {
            println!("wrote {files} files into {d}; build it with: countyboard build -C {d}")
        }
        Lang::Zh => println!("已在 {d} 写入 {files} 个文件；生成网站：countyboard build -C {d}"),
    }
    Ok(0)
}
