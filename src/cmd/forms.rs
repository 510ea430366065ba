use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use countyboard::findings::Severity;
use countyboard::lang::Lang;
use countyboard::model::{Date, Level};
use countyboard::project::Paths;
use countyboard::render::site::safe_segment;

use super::{error_prefix, hints, print_findings};

/// What forms to write, and where.
pub struct Request<'a> {
    pub period: &'a str,
    pub provinces: &'a [String],
    pub xlsx: bool,
    pub out: Option<&'a Path>,
    /// Replace forms already there.
    pub force: bool,
}

pub fn run(paths: &Paths, today: Date, request: Request, lang: Lang) -> Result<i32> {
    let Request {
        period,
        provinces,
        xlsx,
        out,
        force,
    } = request;
    let checked = countyboard::check(paths, today);
    let Some(model) = checked.model.filter(|_| !checked.findings.has_errors()) else {
        print_findings(&checked.findings, Severity::Warning, lang);
        eprintln!(
            "{}",
            lang.pick(
                "no forms written: fix the errors above first (the forms are made from data/units.csv and data/indicators.csv)",
                "未生成报表：请先改正上面的错误（报表依据 data/units.csv 和 data/indicators.csv 生成）"
            )
        );
        return Ok(1);
    };
    let Ok(p) = model.calendar.reporting_period(period) else {
        let all = hints::periods(&model.calendar, Some(model.calendar.reporting), lang);
        match lang {
            Lang::En => eprintln!(
                "error: `{period}` is not a reporting period of this campaign; expected one of the {all}"
            ),
            Lang::Zh => eprintln!("错误：“{period}”不是本次专项工作的报告期；应为以下之一：{all}"),
        }
        return Ok(1);
    };
    let units = &model.units;
    let known: Vec<(String, String)> = units.units[units.root()]
        .children
        .iter()
        .map(|p| &units.units[*p])
        .filter(|u| u.level == Level::Province)
        .map(|u| (u.code.clone(), u.name.clone()))
        .collect();
    let provinces = match hints::provinces(provinces, &known, lang) {
        Ok(codes) => codes,
        Err(message) => {
            eprintln!("{}{message}", error_prefix(lang));
            return Ok(1);
        }
    };
    let period_id = model.calendar.periods[p].id.clone();
    let label = model.calendar.periods[p].label.clone();
    let dir = out.map_or_else(
        || paths.root.join("forms").join(&period_id),
        Path::to_path_buf,
    );
    let groups = countyboard::forms::groups(&model, &provinces);
    let names: Vec<String> = groups
        .iter()
        .map(|(province, _)| {
            let unit = &model.units.units[*province];
            let stem = format!("{}-{}-{}", safe_segment(&unit.code), period_id, unit.name);
            format!("{stem}.{}", if xlsx { "xlsx" } else { "csv" })
        })
        .collect();
    // A form filled in where it was written would be lost if it were written again.
    let existing: Vec<String> = names
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| fs::symlink_metadata(p).is_ok())
        .map(|p| paths.display(&p))
        .collect();
    if !existing.is_empty() && !force {
        refuse_existing(&existing, lang);
        return Ok(1);
    }
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for ((province, counties), name) in groups.iter().zip(&names) {
        let bytes = if xlsx {
            let unit = &model.units.units[*province];
            countyboard::forms::xlsx(&model, &period_id, &label, &unit.name, counties)
                .map_err(anyhow::Error::msg)?
        } else {
            countyboard::forms::csv(&model, &period_id, counties)
        };
        write_form(&dir.join(name), &bytes, force)?;
    }
    let (n, into) = (groups.len(), paths.display(&dir));
    let reports = paths.display(&paths.data().join("reports"));
    match lang {
        Lang::En => {
            println!(
                "wrote {} for {label} into {into}",
                lang.count(n, "form", "forms", "")
            );
            println!(
                "next: send each province its form; put the filled forms in {reports}/ as they are (a county that did not report leaves its row blank), then run countyboard check"
            );
        }
        Lang::Zh => {
            println!("已生成{label}报表 {n} 份，写入 {into}");
            println!(
                "下一步：把报表发给各省；收回的报表原样放入 {reports}/（本期未报送的县，那一行保持原样即可），然后运行 countyboard check"
            );
        }
    }
    Ok(0)
}

/// Says which forms are there already and how to go on.
fn refuse_existing(existing: &[String], lang: Lang) {
    let list = existing.join(lang.pick(", ", "、"));
    match lang {
        Lang::En => {
            let (exist, them) = if existing.len() == 1 {
                ("exists", "it")
            } else {
                ("exist", "them")
            };
            eprintln!(
                "error: {list} already {exist}; a form filled in there would be lost, so nothing was written. Move {them} away, write the forms elsewhere with --out DIR, or replace {them} with --force"
            )
        }
        Lang::Zh => eprintln!(
            "错误：{list} 已经存在；如果其中已填了数据，重新生成会把它覆盖，所以什么也没有写。请先把它移走，或用 --out DIR 写到别处，或加 --force 覆盖"
        ),
    }
}

/// Writes a form: a new file, or with `force` over one already there.
fn write_form(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        // Fails on anything there, a link included, rather than writing through it.
        options.create_new(true);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}
