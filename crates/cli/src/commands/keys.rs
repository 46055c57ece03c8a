//! `rehearse keys export`: the issuer profile verifiers need.

use crate::commands::Records;
use crate::error::{CliError, CmdResult};
use clap::Subcommand;
use rehearse_core::credential::{keys::KEY_FILE, IssuerKey};
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
        #[arg(long, default_value = "Rehearse")]
        issuer_name: String,
    },
}

/// The issuer key file: beside the records database (the data directory
/// unless `--db` says otherwise).
pub fn key_path(records: &Records) -> Result<PathBuf, CliError> {
    Ok(records.path()?.with_file_name(KEY_FILE))
}

/// Loads the issuer key, creating it on first use.
pub fn issuer_key(records: &Records) -> Result<IssuerKey, CliError> {
    let path = key_path(records)?;
    let existed = path.exists();
    let key = IssuerKey::load_or_create(&path)?;
    if !existed {
        eprintln!(
            "rehearse: created the installation's issuer key {} ({}); keep it private and back it up",
            path.display(),
            key.did()
        );
    }
    Ok(key)
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
