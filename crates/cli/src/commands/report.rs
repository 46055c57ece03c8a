//! `rehearse report`: cohort and item analytics for trainers and programme
//! leads, as a table or CSV. The figures, the small-group rule and the CSV
//! writer all come from `rehearse_core::analytics`; this only parses and
//! prints.

use crate::commands::Records;
use crate::error::{CliError, CmdResult};
use clap::{Args, ValueEnum};
use rehearse_core::analytics::{self, Kind};
use rehearse_core::library::index::LibraryIndex;
use rehearse_core::records::analytics::CohortFilter;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Pass rate per scenario version.
    PassRate,
    /// The cohort's competency profile against the grading levels.
    Competency,
    /// Item analysis per beat: reach, choices, where walks go wrong, discrimination.
    Items,
    /// Red-flag recognition rate and time to recognition per scenario.
    RedFlags,
    /// Who falls due for a refresher in the next 30, 60 or 90 days.
    Forecast,
    /// The change in the cohort's results across scenario versions.
    Versions,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// An aligned table.
    Table,
    /// RFC 4180 CSV with a header of column ids.
    Csv,
}

/// `rehearse report` arguments.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    pub kind: KindArg,
    /// Only trainees of this organisation.
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
    /// Only assessments completed on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only assessments completed on or before this day (YYYY-MM-DD); the forecast is taken on it.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only attempts at this scenario id.
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// table or csv.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
}

fn kind(k: KindArg) -> Kind {
    match k {
        KindArg::PassRate => Kind::PassRate,
        KindArg::Competency => Kind::Competency,
        KindArg::Items => Kind::Items,
        KindArg::RedFlags => Kind::RedFlags,
        KindArg::Forecast => Kind::Forecast,
        KindArg::Versions => Kind::Versions,
    }
}

/// Runs `report`.
pub fn run(records: &Records, a: ReportArgs) -> CmdResult {
    let day = |s: &Option<String>| {
        s.as_deref()
            .map(rehearse_core::clock::parse_date)
            .transpose()
    };
    let filter = CohortFilter {
        organisation: a.organisation.clone(),
        from: day(&a.from)?,
        to: day(&a.to)?,
        scenario: a.scenario.clone(),
    };
    filter.validate()?;
    let kind = kind(a.kind);
    let store = records.open(None)?;
    let folders: Vec<PathBuf> = rehearse_core::library::all()
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    let mut index = LibraryIndex::open_default();
    let report =
        rehearse_app::analytics::report(&store, kind, &filter, &mut index, &folders)?.report;
    let _ = index.save_if_changed();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        ReportFormat::Csv => {
            report.table.write_csv(&mut out)?;
            for n in &report.notes {
                eprintln!("rehearse: {n}");
            }
        }
        ReportFormat::Table => {
            writeln!(out, "{}\n{}\n", report.title, report.scope)?;
            if report.table.rows.is_empty() {
                writeln!(out, "(no completed assessments match)")?;
            } else {
                write!(out, "{}", report.table.to_text())?;
            }
            if report.suppressed > 0 {
                writeln!(
                    out,
                    "\n{} row(s) suppressed: fewer than {} trainees.",
                    report.suppressed,
                    analytics::suppression::MIN_GROUP
                )?;
            }
            for n in &report.notes {
                writeln!(out, "Note: {n}")?;
            }
        }
    }
    out.flush().map_err(CliError::from)?;
    Ok(ExitCode::SUCCESS)
}
