//! `rehearse export`: records for accreditation bodies.

use super::keys::issuer_key;
use super::progress::Progress;
use crate::commands::Records;
use crate::error::{CliError, CmdResult};
use clap::{Args, ValueEnum};
use rehearse_app::filter::FilterInput;
use rehearse_core::export::{self, Format};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Environment variable with the organisation's home page (xAPI actors).
pub const HOME_PAGE_ENV: &str = "REHEARSE_HOME_PAGE";

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One row per trainee and competency.
    Csv,
    /// One row per attempt.
    CsvAttempts,
    /// The documented JSON (docs/export.schema.json).
    Json,
    /// xAPI 1.0.3 statements (a JSON array).
    Xapi,
    /// Signed Open Badges 3.0 credentials, one per standing certification (a JSON array).
    Ob3,
}

/// Filters shared by `export` and `push`: the application layer's records
/// filter, plus the home page xAPI actors are named under.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Which records.
    #[command(flatten)]
    pub records: FilterInput,
    /// The organisation's home page, for xAPI actor accounts (default: $REHEARSE_HOME_PAGE).
    #[arg(long, value_name = "URL")]
    pub home_page: Option<String>,
}

impl FilterArgs {
    /// The home page, from the option or the environment.
    pub fn home_page(&self, needed: bool) -> Result<String, CliError> {
        match self
            .home_page
            .clone()
            .or_else(|| std::env::var(HOME_PAGE_ENV).ok().filter(|v| !v.is_empty()))
        {
            Some(h) => Ok(h),
            None if needed => Err(CliError::Usage(format!(
                "xAPI statements name the organisation's home page: give --home-page https://… or set {HOME_PAGE_ENV}"
            ))),
            None => Ok(String::new()),
        }
    }
}

/// `rehearse export` arguments.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The format.
    #[arg(long, value_enum)]
    pub format: FormatArg,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Add trainees' names and emails (pseudonymous UUIDs only by default).
    #[arg(long)]
    pub include_identity: bool,
    /// The issuer name in credentials.
    #[arg(long, default_value = "Rehearse")]
    pub issuer_name: String,
    /// Write to FILE; FILE.sig beside it is a detached signature carrying
    /// the signed checkpoint of the records (check it with `rehearse verify`).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No progress bar (it is drawn only on a terminal anyway).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `export`.
pub fn run(records: &Records, a: ExportArgs) -> CmdResult {
    let format = match a.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::CsvAttempts => Format::CsvAttempts,
        FormatArg::Json => Format::Json,
        FormatArg::Xapi => Format::Xapi,
        FormatArg::Ob3 => Format::Ob3,
    };
    let opts = export::Options {
        format,
        filter: a.filters.records.filter()?,
        include_identity: a.include_identity,
        home_page: a.filters.home_page(format == Format::Xapi)?,
        issuer_name: a.issuer_name.clone(),
    };
    if a.include_identity && matches!(format, Format::Xapi | Format::Ob3) {
        eprintln!(
            "rehearse: xAPI statements and credentials are always pseudonymous; --include-identity applies to csv, csv-attempts and json"
        );
    }
    let store = records.open(None)?;
    // Credentials are issued, and files signed, with the installation's key.
    let key = match (format, &a.output) {
        (Format::Ob3, _) | (_, Some(_)) => Some(issuer_key(records)?),
        _ => None,
    };
    let mut bar = Progress::with_quiet("exporting", a.quiet);
    let summary = match &a.output {
        Some(path) => {
            export::write_file(&store, &opts, key.as_ref(), path, &mut |d, t| {
                bar.update(d, t)
            })?
            .summary
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let s = export::export(&store, &opts, key.as_ref(), &mut w, &mut |d, t| {
                bar.update(d, t)
            })?;
            w.flush()?;
            s
        }
    };
    bar.finish();
    eprintln!(
        "rehearse: exported {} record(s){} (SHA-256 {}, records chain head {})",
        summary.records,
        a.output
            .as_ref()
            .map(|p| format!(" to {}", p.display()))
            .unwrap_or_default(),
        summary.sha256,
        summary.chain_head
    );
    Ok(ExitCode::SUCCESS)
}
