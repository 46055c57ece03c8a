//! `rehearse trainer add NAME [--role trainer|accreditation-officer]`.

use super::{passphrase, Records};
use crate::error::{CliError, CmdResult};
use rehearse_core::records::Role;
use std::process::ExitCode;

/// `trainer add NAME --role ROLE`: adds a trainer (the default) or an
/// accreditation officer. The passphrase comes from
/// REHEARSE_TRAINER_PASSPHRASE or is asked for; the new id is printed.
pub fn add(records: &Records, name: &str, role: &str) -> CmdResult {
    let role: Role = role
        .parse()
        .map_err(|e: rehearse_core::Error| CliError::Usage(format!("--role: {e}")))?;
    let store = records.open(None)?;
    let pass = passphrase(&format!("passphrase for {} {name}", role.label()))?;
    let s = store.add_staff(name, &pass, role)?;
    println!("{}", s.id);
    eprintln!(
        "added {} \"{}\" with id {}",
        role.label(),
        s.display_name,
        s.id
    );
    Ok(ExitCode::SUCCESS)
}
