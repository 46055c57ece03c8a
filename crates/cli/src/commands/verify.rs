//! `rehearse verify FILE`: offline checks of a credential or a signed export.

use crate::error::{CliError, CmdResult};
use clap::Args;
use rehearse_core::export::{check, FileKind};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `rehearse verify` arguments.
#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    /// An OB3 credential (or a JSON array of them), or an export of any
    /// format with its FILE.sig beside it.
    pub file: PathBuf,
    /// Pin the issuer: the profile from `rehearse keys export`.
    #[arg(long, value_name = "PROFILE")]
    pub issuer: Option<PathBuf>,
    /// Check validity dates as of this instant (default: now).
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    /// The code of a printed certificate (its QR code's text,
    /// `rehearse-cert:1:…`): FILE, a credential or an `ob3` export, must
    /// hold the very credential printed, and it must verify.
    #[arg(long, value_name = "CODE")]
    pub printed: Option<String>,
    /// With --printed, on the issuing installation: also check in the
    /// records (--db) that the certification still stands (not withdrawn
    /// or moderated since it was printed).
    #[arg(long, requires = "printed")]
    pub records: bool,
}

fn read_json(path: &Path) -> Result<Value, CliError> {
    Ok(check::read_json(path)?)
}

/// Runs `verify`.
pub fn run(records: &super::Records, a: VerifyArgs) -> CmdResult {
    let profile = a.issuer.as_deref().map(read_json).transpose()?;
    let now = match &a.at {
        Some(t) => rehearse_core::clock::parse_instant(t)?,
        None => chrono::Utc::now(),
    };
    if let Some(code) = &a.printed {
        let standing = a.records.then_some(records);
        return printed(code, &a.file, profile.as_ref(), now, standing);
    }
    let verdict = check::verify_file(&a.file, profile.as_ref(), now)?;
    // A signed export's last item is the file itself; an ob3 file's
    // credentials come before it.
    let bundle = verdict.kind == FileKind::SignedExport;
    let creds = verdict.items.len() - usize::from(bundle);
    for (i, item) in verdict.items.iter().enumerate() {
        let is_file = bundle && i == creds;
        let label = if !is_file && creds > 1 {
            format!("{} [{i}]", a.file.display())
        } else {
            a.file.display().to_string()
        };
        match (is_file, item.valid) {
            (true, true) => println!("{label}: signed export VALID"),
            (true, false) => {
                return Err(rehearse_core::Error::Credential(
                    item.problem.clone().unwrap_or_default(),
                )
                .into())
            }
            (false, true) => {
                println!(
                    "{label}: credential {} VALID",
                    item.credential.as_deref().unwrap_or_default()
                );
                println!(
                    "  subject {}, issuer {}",
                    item.subject.as_deref().unwrap_or_default(),
                    item.issuer.as_deref().unwrap_or_default()
                );
            }
            (false, false) => println!(
                "{label}: INVALID: {}",
                item.problem.as_deref().unwrap_or_default()
            ),
        }
        for c in &item.checks {
            println!("  ok  {c}");
        }
    }
    let bad = verdict.items.iter().filter(|i| !i.valid).count();
    if bad > 0 {
        return Err(rehearse_core::Error::Credential(format!(
            "{bad} of {creds} credential(s) failed verification"
        ))
        .into());
    }
    Ok(ExitCode::SUCCESS)
}

/// `verify --printed CODE FILE`: the printed certificate against the credential.
fn printed(
    code: &str,
    file: &Path,
    profile: Option<&Value>,
    now: chrono::DateTime<chrono::Utc>,
    standing: Option<&super::Records>,
) -> CmdResult {
    let mut printed = rehearse_core::certificate::verify_printed(code, file, profile, now)?;
    if let Some(records) = standing {
        let store = records.open(None)?;
        printed.check_standing(&store, &super::keys::issuer_key(records)?)?;
    }
    let report = printed.report;
    println!(
        "{}: printed certificate VALID: credential {} matches the code",
        file.display(),
        report.id
    );
    println!("  subject {}, issuer {}", report.subject, report.issuer);
    for c in &report.checks {
        println!("  ok  {c}");
    }
    Ok(ExitCode::SUCCESS)
}
