//! `rehearse certificate TRAINEE [--format pdf|html] -o FILE`: the printable
//! certificate of a standing certification, with the signed credential it
//! was built from written beside it.

use super::keys::issuer_key;
use super::Records;
use crate::error::CmdResult;
use clap::{Args, ValueEnum};
use rehearse_core::certificate::{self, Format};
use std::path::PathBuf;
use std::process::ExitCode;

/// Certificate formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One A4 page of PDF.
    Pdf,
    /// A self-contained, print-ready HTML page.
    Html,
}

/// `rehearse certificate` arguments.
#[derive(Debug, Clone, Args)]
pub struct CertificateArgs {
    /// Trainee id or name.
    pub trainee: String,
    /// pdf or html.
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: FormatArg,
    /// The issuer name in the credential (as `rehearse export --issuer-name`).
    #[arg(long, default_value = "Rehearse")]
    pub issuer_name: String,
    /// Write the certificate to FILE; FILE.credential.json beside it is the
    /// signed credential a printed copy is checked against.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Runs `certificate`.
pub fn run(records: &Records, a: CertificateArgs) -> CmdResult {
    let format = match a.format {
        FormatArg::Pdf => Format::Pdf,
        FormatArg::Html => Format::Html,
    };
    let store = records.open(None)?;
    let trainee = store.find_trainee(&a.trainee)?;
    let key = issuer_key(records)?;
    let issued = certificate::issue(&store, trainee.id, &key, &a.issuer_name)?;
    let credential = certificate::write_files(&issued, format, &a.output)?;
    let c = &issued.certificate;
    println!(
        "{}: certificate written to {} (valid {} to {})",
        c.trainee_name,
        a.output.display(),
        c.valid_from,
        c.expires_on
    );
    println!("credential: {} ({})", credential.display(), c.credential_id);
    println!("code:       {}", c.payload);
    println!("check with: {}", c.verify_command());
    Ok(ExitCode::SUCCESS)
}
