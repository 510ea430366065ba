mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use countyboard::lang::Lang;
use countyboard::model::date::parse_date;
use countyboard::project::Paths;

// Rendering makes and drops millions of small strings from two threads; glibc's malloc spent
// about a sixth of a national build's time in allocation and freeing, mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its `mimalloc.h`, version 3): how many milliseconds
/// freed memory is kept before it is given back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back within a millisecond rather than mimalloc's default second: the
/// build frees large working sets stage by stage, and peak memory counts as much as time.
fn return_freed_memory_promptly() {
    // SAFETY: sets one of mimalloc's documented options to a documented value; the call only
    // stores the number, and is made before any other thread starts.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1) };
}

#[derive(Parser)]
#[command(
    name = "countyboard",
    version,
    about = "Figures, bulletins and a static site for the County-Level Trade Union Strengthening Year (县级工会加强年)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Treat this date (YYYY-MM-DD) as today when checking for dates in the future.
    #[arg(long, global = true, hide = true)]
    today: Option<String>,
    /// The language of messages: zh (Chinese) or en (English); default: Chinese when the
    /// locale is Chinese (LC_ALL, LC_MESSAGES or LANG is zh_*), English otherwise.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

/// The project a command works on.
#[derive(Args)]
struct Project {
    /// The project folder, holding data/ and content/.
    #[arg(short = 'C', long = "project", value_name = "DIR", default_value = ".")]
    dir: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Start a new project in DIR and build it at once: settings, the default indicators, the
    /// real units of the chosen provinces (all of China by default), empty ledgers, templates.
    Init {
        /// The new project's folder (created; it must not hold a data/ folder yet).
        dir: PathBuf,
        /// The provinces to include, by code or name: --province 13 64, --province 河北 宁夏.
        #[arg(long = "province", value_name = "PROVINCE", num_args = 1.., value_delimiter = ',')]
        provinces: Vec<String>,
    },
    /// Write the report forms for a period, one per province, pre-filled with its counties.
    Forms {
        #[command(flatten)]
        project: Project,
        /// The reporting period, e.g. 2023-B1 (a bimonth; a month such as 2023-01 when reports are monthly).
        #[arg(long)]
        period: String,
        /// Only these provinces, by code or name (e.g. --province 13 宁夏); default: all.
        #[arg(long = "province", value_name = "PROVINCE", num_args = 1.., value_delimiter = ',')]
        provinces: Vec<String>,
        /// xlsx: a workbook with cell checks and an instructions sheet; csv: plain UTF-8 CSV.
        #[arg(long, value_enum, default_value = "xlsx")]
        format: FormFormat,
        /// Where to write them; default: forms/<period>/ in the project.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace forms already there (a form filled in there would be lost).
        #[arg(long)]
        force: bool,
    },
    /// Check every input and list all findings; exit 1 on any error.
    Check {
        #[command(flatten)]
        project: Project,
        /// text: like a compiler, on stderr; json: a JSON array on stdout, for other programs.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Check, compute every figure and write the site into output/.
    Build {
        #[command(flatten)]
        project: Project,
        /// Publish even with errors, leaving the rejected rows out (listed on the quality page).
        #[arg(long)]
        keep_going: bool,
        /// Where to write the site; default: output/ in the project.
        #[arg(long, short = 'o', value_name = "DIR")]
        output_dir: Option<PathBuf>,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// No progress bar and no warnings listed (errors still are; the last line counts all).
        #[arg(long, short = 'q')]
        quiet: bool,
    },
    /// Build, serve output/ on 127.0.0.1, rebuild on every change and reload the open pages;
    /// when the data has errors, the pages show them over the previous site.
    Serve {
        #[command(flatten)]
        project: Project,
        /// The port on 127.0.0.1 to serve on.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Stop after the first rebuild (for tests and scripts).
        #[arg(long, hide = true)]
        once: bool,
    },
    /// Print a built bulletin or summary to an A4 PDF with headless Chromium.
    Pdf {
        #[command(flatten)]
        project: Project,
        /// The period, e.g. 2023-Q1, 2023-H1, 2022-B5 or campaign.
        period: String,
        /// The PDF to write; default: <period>.pdf in the current folder.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
        /// Where the built site is; default: output/ in the project.
        #[arg(long, value_name = "DIR")]
        output_dir: Option<PathBuf>,
        /// Replace the PDF when the file exists already.
        #[arg(long)]
        force: bool,
    },
    /// Write a period's bulletin as an editable Word document (.docx), laid out as a 通报.
    Docx {
        #[command(flatten)]
        project: Project,
        /// The period, e.g. 2023-Q1, 2023-H1, 2022-B5 or campaign.
        period: String,
        /// The document to write; default: <period>.docx in the current folder.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the document when the file exists already.
        #[arg(long)]
        force: bool,
    },
    /// Write a generated demonstration project (the same seed gives the same bytes).
    Demo {
        /// sample: 河北, 江苏 and 宁夏 (as in this repository); half: 16 of the 31 provinces;
        /// national: all 31 provinces and 2,978 counties.
        #[arg(long, value_enum, default_value = "sample")]
        scale: Scale,
        /// The folder to write the project into: a new or empty one.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The random seed.
        #[arg(long, default_value_t = 2022)]
        seed: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormFormat {
    Xlsx,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum Scale {
    Sample,
    Half,
    National,
}

fn main() -> ExitCode {
    return_freed_memory_promptly();
    cmd::quiet_on_closed_pipe();
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let today = match cli.today.as_deref().map(parse_date) {
        None => countyboard::today(),
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            let colon = lang.pick(": ", "：");
            eprintln!("{}--today{colon}{}", cmd::error_prefix(lang), e.get(lang));
            return ExitCode::from(2);
        }
    };
    let project = match &cli.command {
        Command::Check { project, .. }
        | Command::Build { project, .. }
        | Command::Serve { project, .. }
        | Command::Forms { project, .. }
        | Command::Docx { project, .. }
        | Command::Pdf {
            project,
            output_dir: None,
            ..
        } => Some(project.dir.as_path()),
        _ => None,
    };
    if let Some(message) = project.and_then(|dir| cmd::hints::not_a_project(dir, lang)) {
        eprintln!("{}{message}", cmd::error_prefix(lang));
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Check { project, format } => Ok(cmd::check::run(
            &Paths::new(&project.dir, None),
            today,
            matches!(format, OutputFormat::Json),
            lang,
        )),
        Command::Build {
            project,
            keep_going,
            output_dir,
            timings,
            quiet,
        } => cmd::build::run(
            &Paths::new(&project.dir, output_dir.as_deref()),
            today,
            cmd::build::Options {
                keep_going,
                timings,
                quiet,
                lang,
            },
        ),
        Command::Serve {
            project,
            port,
            once,
        } => cmd::serve::run(&Paths::new(&project.dir, None), today, port, once, lang),
        Command::Init { dir, provinces } => cmd::init::run(&dir, &provinces, today, lang),
        Command::Forms {
            project,
            period,
            provinces,
            format,
            out,
            force,
        } => cmd::forms::run(
            &Paths::new(&project.dir, None),
            today,
            cmd::forms::Request {
                period: &period,
                provinces: &provinces,
                xlsx: matches!(format, FormFormat::Xlsx),
                out: out.as_deref(),
                force,
            },
            lang,
        ),
        Command::Pdf {
            project,
            period,
            out,
            output_dir,
            force,
        } => cmd::pdf::run(
            &Paths::new(&project.dir, output_dir.as_deref()),
            &period,
            out.as_deref(),
            force,
            lang,
        ),
        Command::Docx {
            project,
            period,
            out,
            force,
        } => cmd::docx::run(
            &Paths::new(&project.dir, None),
            today,
            cmd::docx::Request {
                period: &period,
                out: out.as_deref(),
                force,
            },
            lang,
        ),
        Command::Demo { scale, out, seed } => {
            let scale = match scale {
                Scale::Sample => countyboard::demo::Scale::Sample,
                Scale::Half => countyboard::demo::Scale::Half,
                Scale::National => countyboard::demo::Scale::National,
            };
            cmd::demo::run(scale, &out, seed, lang)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("{}{e:#}", cmd::error_prefix(lang));
            ExitCode::from(2)
        }
    }
}
