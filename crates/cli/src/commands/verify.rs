//! `rehearse verify FILE`: offline checks of a credential or a signed export.

use crate::error::{CliError, CmdResult};
use clap::Args;
use rehearse_core::credential::verify_credential;
use rehearse_core::export::bundle;
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

/// `rehearse verify` arguments.
#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    /// An OB3 credential (or a JSON array of them from `export --format ob3`),
    /// or a JSON export with its FILE.sig beside it.
    pub file: PathBuf,
    /// Pin the issuer: the profile from `rehearse keys export`.
    #[arg(long, value_name = "PROFILE")]
    pub issuer: Option<PathBuf>,
    /// Check validity dates as of this instant (default: now).
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
}

fn read_json(path: &PathBuf) -> Result<Value, CliError> {
    let bytes = std::fs::read(path).map_err(|e| rehearse_core::Error::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        CliError::Core(rehearse_core::Error::Credential(format!(
            "{} is not JSON: {e}",
            path.display()
        )))
    })
}

/// Runs `verify`.
pub fn run(a: VerifyArgs) -> CmdResult {
    let profile = a.issuer.as_ref().map(read_json).transpose()?;
    let now = match &a.at {
        Some(t) => rehearse_core::clock::parse_instant(t)?,
        None => chrono::Utc::now(),
    };
    let sig_path = bundle::signature_path(&a.file);
    if sig_path.exists() {
        let sig = read_json(&sig_path)?;
        let r = bundle::verify(&a.file, &sig, profile.as_ref())?;
        println!("{}: signed export VALID", a.file.display());
        for c in &r.checks {
            println!("  ok  {c}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let doc = read_json(&a.file)?;
    if doc.get("provenance").is_some() && doc.get("schema").is_some() {
        return Err(rehearse_core::Error::Credential(format!(
            "{} is a JSON export but {} is missing: it cannot be verified",
            a.file.display(),
            sig_path.display()
        ))
        .into());
    }
    let creds: Vec<&Value> = match &doc {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    if creds.is_empty() {
        return Err(rehearse_core::Error::Credential(format!(
            "{} holds no credential",
            a.file.display()
        ))
        .into());
    }
    let mut bad = 0;
    for (i, c) in creds.iter().enumerate() {
        let label = if creds.len() > 1 {
            format!("{} [{i}]", a.file.display())
        } else {
            a.file.display().to_string()
        };
        match verify_credential(c, profile.as_ref(), now) {
            Ok(r) => {
                println!("{label}: credential {} VALID", r.id);
                println!("  subject {}, issuer {}", r.subject, r.issuer);
                for c in &r.checks {
                    println!("  ok  {c}");
                }
            }
            Err(e) => {
                bad += 1;
                println!("{label}: INVALID: {e}");
            }
        }
    }
    if bad > 0 {
        return Err(rehearse_core::Error::Credential(format!(
            "{bad} of {} credential(s) failed verification",
            creds.len()
        ))
        .into());
    }
    Ok(ExitCode::SUCCESS)
}
