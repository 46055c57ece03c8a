//! `rehearse certificate TRAINEE [--format pdf|html] -o FILE`: the printable
//! certificate of a standing certification, with the signed credential it
//! was built from written beside it.

use super::Records;
use crate::error::CmdResult;
use clap::Args;
use rehearse_app::certificate::{self, CertificateFormat};
use std::path::PathBuf;
use std::process::ExitCode;

/// `rehearse certificate` arguments.
#[derive(Debug, Clone, Args)]
pub struct CertificateArgs {
    /// Trainee id or name.
    pub trainee: String,
    /// pdf or html.
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: CertificateFormat,
    /// The issuer name in the credential (as `rehearse export --issuer-name`).
    #[arg(long, default_value = rehearse_app::accreditation::DEFAULT_ISSUER)]
    pub issuer_name: String,
    /// Write the certificate to FILE; FILE.credential.json beside it is the
    /// signed credential a printed copy is checked against.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Runs `certificate`.
pub fn run(records: &Records, a: CertificateArgs) -> CmdResult {
    let store = records.open(None)?;
    let trainee = store.find_trainee(&a.trainee)?;
    // Created (and said so) on first use.
    let key = super::keys::issuer_key(records)?;
    let issued = certificate::issue(&store, trainee.id, &key, &a.issuer_name)?;
    let saved = certificate::write(&issued, a.format, &a.output)?;
    println!(
        "{}: certificate written to {} (valid {} to {})",
        saved.trainee_name,
        saved.path.display(),
        saved.valid_from,
        saved.expires_on
    );
    println!(
        "credential: {} ({})",
        saved.credential.display(),
        saved.credential_id
    );
    println!("code:       {}", saved.code);
    println!("check with: {}", saved.verify_command);
    Ok(ExitCode::SUCCESS)
}
