//! `countyboard init DIR`: a new project, built at once, and what to do next.

use std::path::Path;

use anyhow::{Result, anyhow};
use countyboard::divisions;
use countyboard::lang::Lang;
use countyboard::model::Date;
use countyboard::project::Paths;

use super::hints;

pub fn run(dir: &Path, provinces: &[String], today: Date, lang: Lang) -> Result<i32> {
    let known: Vec<(String, String)> = divisions::provinces()
        .iter()
        .map(|p| (p.code.to_string(), p.name.to_string()))
        .collect();
    let codes = hints::provinces(provinces, &known, lang).map_err(|e| anyhow!(e))?;
    if dir.join("data").exists() {
        let d = dir.display();
        return Err(anyhow!(match lang {
            Lang::En => format!("{d} already has a data/ folder; choose a new folder"),
            Lang::Zh => format!("{d} 中已有 data/ 文件夹；请另选一个新文件夹"),
        }));
    }
    let done = countyboard::init::write(dir, &codes)?;
    let (n, d) = (done.written, dir.display());
    match lang {
        Lang::En => println!("wrote a new project ({n} files) into {d}"),
        Lang::Zh => println!("已在 {d} 新建项目（{n} 个文件）"),
    }
    for kept in &done.kept {
        match lang {
            Lang::En => {
                println!("kept {d}/{kept}: it was there already and is not overwritten")
            }
            Lang::Zh => println!("保留了 {d}/{kept}：它原来就在，没有覆盖"),
        }
    }
    let options = super::build::Options {
        keep_going: false,
        timings: false,
        quiet: true,
        lang,
    };
    let built = super::build::run(&Paths::new(dir, None), today, options)?;
    if built != 0 {
        return Ok(built);
    }
    let calendar = hints::calendar(dir);
    let periods = hints::periods(&calendar, Some(calendar.reporting), lang);
    match lang {
        Lang::En => {
            println!("next:");
            println!("  cd {d}");
            println!(
                "  countyboard forms --period 2023-B1   # the report forms of a period, one per province ({periods})"
            );
            println!(
                "  (the counties fill them in; put the filled files in data/reports/ as they are)"
            );
            println!("  countyboard check                    # every problem in the data, at once");
            println!(
                "  countyboard serve                    # the site at http://127.0.0.1:8000/, rebuilt as you edit"
            );
        }
        Lang::Zh => {
            println!("下一步：");
            println!("  cd {d}");
            println!(
                "  countyboard forms --period 2023-B1   # 生成一个报告期的报表，每省一份（{periods}）"
            );
            println!("  （各县填好后，把报表原样放入 data/reports/）");
            println!("  countyboard check                    # 一次列出数据中的全部问题");
            println!(
                "  countyboard serve                    # 在 http://127.0.0.1:8000/ 查看网站，修改后自动更新"
            );
        }
    }
    Ok(0)
}
