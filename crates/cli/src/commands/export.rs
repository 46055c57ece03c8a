//! `rehearse export`: records for accreditation bodies.

use super::keys::issuer_key;
use super::progress::Progress;
use crate::commands::Records;
use crate::error::{CliError, CmdResult};
use clap::Args;
use rehearse_app::accreditation::{self, ExportFormat, ExportRequest};
use rehearse_app::filter::FilterInput;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Environment variable with the organisation's home page (xAPI actors).
pub const HOME_PAGE_ENV: &str = "REHEARSE_HOME_PAGE";

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
    pub format: ExportFormat,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Add trainees' names and emails (pseudonymous UUIDs only by default).
    #[arg(long)]
    pub include_identity: bool,
    /// The issuer name in credentials.
    #[arg(long, default_value = accreditation::DEFAULT_ISSUER)]
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
    let request = ExportRequest {
        format: a.format,
        filters: a.filters.records.clone(),
        include_identity: a.include_identity,
        home_page: a.filters.home_page(a.format == ExportFormat::Xapi)?,
        issuer_name: a.issuer_name.clone(),
    };
    request.options()?;
    if request.identity_ignored() {
        eprintln!(
            "rehearse: xAPI statements and credentials are always pseudonymous; --include-identity applies to csv, csv-attempts and json"
        );
    }
    let store = records.open(None)?;
    // Credentials are issued, and files signed, with the installation's key.
    let key = if request.needs_key(a.output.is_some()) {
        Some(issuer_key(records)?)
    } else {
        None
    };
    let mut bar = Progress::with_quiet("exporting", a.quiet);
    let mut progress = |d, t| bar.update(d, t);
    let (records_written, sha256, chain_head) = match (&a.output, &key) {
        (Some(path), Some(key)) => {
            let done = accreditation::write_file(&store, &request, key, path, &mut progress)?;
            (done.records, done.sha256, done.chain_head)
        }
        _ => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let s = accreditation::write_to(&store, &request, key.as_ref(), &mut w, &mut progress)?;
            w.flush()?;
            (s.records, s.sha256, s.chain_head)
        }
    };
    bar.finish();
    eprintln!(
        "rehearse: exported {records_written} record(s){} (SHA-256 {sha256}, records chain head {chain_head})",
        a.output
            .as_ref()
            .map(|p| format!(" to {}", p.display()))
            .unwrap_or_default(),
    );
    Ok(ExitCode::SUCCESS)
}
