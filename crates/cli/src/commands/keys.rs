//! `rehearse keys export`: the issuer profile verifiers need.

use crate::commands::Records;
use crate::error::{CliError, CmdResult};
use clap::Subcommand;
use rehearse_core::credential::IssuerKey;
use std::path::PathBuf;
use std::process::ExitCode;

/// `rehearse keys …`
#[derive(Debug, Subcommand)]
pub enum KeysAction {
    /// Write the issuer profile: a controller document with the Multikey
    /// public key (the key is created on first use).
    Export {
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The issuer's name in the profile.
        #[arg(long, default_value = rehearse_app::accreditation::DEFAULT_ISSUER)]
        issuer_name: String,
    },
}

/// Loads the installation's issuer key beside the records database (the
/// data directory unless `--db` says otherwise), creating it on first use
/// and saying so.
pub fn issuer_key(records: &Records) -> Result<IssuerKey, CliError> {
    let issuer = rehearse_app::accreditation::issuer(&records.path()?)?;
    if issuer.created {
        eprintln!(
            "rehearse: created the installation's issuer key {} ({}); keep it private and back it up",
            issuer.path.display(),
            issuer.key.did()
        );
    }
    Ok(issuer.key)
}

/// Runs `keys`.
pub fn run(records: &Records, action: KeysAction) -> CmdResult {
    match action {
        KeysAction::Export {
            output,
            issuer_name,
        } => {
            let key = issuer_key(records)?;
            let doc = key.controller_document(&issuer_name);
            let text = format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
            match output {
                Some(p) => {
                    std::fs::write(&p, text).map_err(|e| rehearse_core::Error::io(&p, e))?;
                    eprintln!(
                        "rehearse: wrote the issuer profile for {} to {}",
                        key.did(),
                        p.display()
                    );
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
