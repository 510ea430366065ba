mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use countyboard::model::date::parse_date;
use countyboard::project::Paths;

#[derive(Parser)]
#[command(
    name = "countyboard",
    version,
    about = "Figures, bulletins and a static site for the County-Level Trade Union Strengthening Year (县级工会加强年)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The project folder (holding data/ and content/); default: the current folder.
    #[arg(long, short = 'C', global = true, default_value = ".")]
    project: PathBuf,
    /// Treat this date (YYYY-MM-DD) as today when checking for dates in the future.
    #[arg(long, global = true, hide = true)]
    today: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Check every input and list all findings; exit 1 on any error.
    Check {
        /// `json` prints the findings as a JSON array, for other programs.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Check, compute every figure and write the site into output/.
    Build {
        /// Publish even with errors, leaving the rejected rows out (listed on the quality page).
        #[arg(long)]
        keep_going: bool,
        /// Where to write the site; default: output/ in the project.
        #[arg(long, short = 'o')]
        output_dir: Option<PathBuf>,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// No progress bar and no warnings listed (errors still are).
        #[arg(long, short = 'q')]
        quiet: bool,
    },
    /// Start a new project in DIR: settings, default indicators, the real units of the chosen
    /// provinces (all of China by default), empty ledgers and the templates.
    Init {
        dir: PathBuf,
        /// Province codes to include, e.g. --province 13 --province 32.
        #[arg(long = "province")]
        provinces: Vec<String>,
    },
    /// Write the report forms for a period, one per province, pre-filled with its counties.
    Forms {
        /// The reporting period, e.g. 2023-B1.
        #[arg(long)]
        period: String,
        /// Only these provinces (codes); default: all.
        #[arg(long = "province")]
        provinces: Vec<String>,
        #[arg(long, value_enum, default_value = "xlsx")]
        format: FormFormat,
        /// Where to write them; default: forms/<period>/ in the project.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build, serve output/ on 127.0.0.1, rebuild on every change and reload the open page.
    Serve {
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Stop after the first rebuild (for tests and scripts).
        #[arg(long, hide = true)]
        once: bool,
    },
    /// Print a built bulletin or summary to an A4 PDF with headless Chromium.
    Pdf {
        /// The period, e.g. 2022-Q4, 2023-H1, 2022-B5 or campaign.
        period: String,
        /// The PDF to write; default: <period>.pdf in the current folder.
        #[arg(long, short = 'o')]
        out: Option<PathBuf>,
        /// Where the built site is; default: output/ in the project.
        #[arg(long)]
        output_dir: Option<PathBuf>,
    },
    /// Write a generated demonstration project (deterministic for a given seed).
    Demo {
        #[arg(long, value_enum, default_value = "sample")]
        scale: Scale,
        #[arg(long)]
        out: PathBuf,
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
    cmd::quiet_on_closed_pipe();
    let cli = Cli::parse();
    let today = match cli.today.as_deref().map(parse_date) {
        None => countyboard::today(),
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            eprintln!("error: --today: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Check { format } => Ok(cmd::check::run(
            &Paths::new(&cli.project, None),
            today,
            matches!(format, OutputFormat::Json),
        )),
        Command::Build {
            keep_going,
            output_dir,
            timings,
            quiet,
        } => cmd::build::run(
            &Paths::new(&cli.project, output_dir.as_deref()),
            today,
            keep_going,
            timings,
            quiet,
        ),
        Command::Serve { port, once } => {
            cmd::serve::run(&Paths::new(&cli.project, None), today, port, once)
        }
        Command::Init { dir, provinces } => cmd::init::run(&dir, &provinces),
        Command::Forms {
            period,
            provinces,
            format,
            out,
        } => cmd::forms::run(
            &Paths::new(&cli.project, None),
            today,
            &period,
            &provinces,
            matches!(format, FormFormat::Xlsx),
            out.as_deref(),
        ),
        Command::Pdf {
            period,
            out,
            output_dir,
        } => cmd::pdf::run(
            &Paths::new(&cli.project, output_dir.as_deref()),
            &period,
            out.as_deref(),
        ),
        Command::Demo { scale, out, seed } => {
            let scale = match scale {
                Scale::Sample => countyboard::demo::Scale::Sample,
                Scale::Half => countyboard::demo::Scale::Half,
                Scale::National => countyboard::demo::Scale::National,
            };
            cmd::demo::run(scale, &out, seed)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
