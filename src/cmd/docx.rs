//! `countyboard docx <period>`: the period's bulletin as an editable Word document, from the
//! project's data (no built site needed).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use countyboard::findings::Severity;
use countyboard::lang::Lang;
use countyboard::model::Date;
use countyboard::project::Paths;
use countyboard::render::bulletin;

use super::{error_prefix, print_findings};

/// Which document to write, and where.
pub struct Request<'a> {
    pub period: &'a str,
    pub out: Option<&'a Path>,
    /// Replace the file when it exists already.
    pub force: bool,
}

pub fn run(paths: &Paths, today: Date, request: Request, lang: Lang) -> Result<i32> {
    let Request { period, out, force } = request;
    if let Some(message) = super::hints::unknown_period(&paths.root, period, lang) {
        eprintln!("{}{message}", error_prefix(lang));
        return Ok(1);
    }
    let out = out.map_or_else(
        || PathBuf::from(format!("{period}.docx")),
        Path::to_path_buf,
    );
    // A document of that name may be one edited since (its 文号 added): never written over
    // unless asked to.
    if super::refuse_existing_file(&out, force, lang) {
        return Ok(1);
    }
    let mut checked = countyboard::check(paths, today);
    let Some(model) = checked.model.take() else {
        print_findings(&checked.findings, Severity::Warning, lang);
        eprintln!(
            "{}",
            lang.pick(
                "nothing written: the unit list is unusable; fix the errors above",
                "未写入：单位表无法使用，请先改正上面的错误"
            )
        );
        return Ok(1);
    };
    let figures = countyboard::compute(&model, &mut checked.findings);
    if checked.findings.has_errors() {
        print_findings(&checked.findings, Severity::Warning, lang);
        eprintln!(
            "{}",
            lang.pick(
                "nothing written: fix the errors above, as for `countyboard build`",
                "未写入：请先改正上面的错误（与 countyboard build 相同）"
            )
        );
        return Ok(1);
    }
    let Some(p) = model.calendar.get(period) else {
        match lang {
            Lang::En => eprintln!("error: `{period}` is not a period of this campaign"),
            Lang::Zh => eprintln!("错误：“{period}”不是本次专项工作的期间"),
        }
        return Ok(1);
    };
    let doc = bulletin::document(&model, &figures, p);
    let bytes = bulletin::docx::write(&model, &doc).map_err(anyhow::Error::msg)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    options
        .open(&out)
        .and_then(|mut file| file.write_all(&bytes))
        .with_context(|| format!("cannot write {}", out.display()))?;
    let (shown, series, issue, date) = (out.display(), &doc.series, doc.issue, &doc.date);
    match lang {
        Lang::En => println!(
            "wrote {shown} ({series}第{issue}期, {date}); add the 文号 in Word or WPS and send it"
        ),
        Lang::Zh => println!(
            "已写入 {shown}（{series}第{issue}期，{date}）；在 Word 或 WPS 中加上文号即可印发"
        ),
    }
    Ok(0)
}
