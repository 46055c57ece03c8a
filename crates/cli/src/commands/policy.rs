//! `rehearse policy show|set FILE`.

use super::Records;
use crate::error::CmdResult;
use rehearse_core::certification::Policy;
use std::path::Path;
use std::process::ExitCode;

/// Prints the policy in force as TOML.
pub fn show(records: &Records) -> CmdResult {
    let store = records.open(None)?;
    print!("{}", store.policy()?.to_toml()?);
    Ok(ExitCode::SUCCESS)
}

/// Installs a policy file.
pub fn set(records: &Records, file: &Path) -> CmdResult {
    let policy = Policy::load(file)?;
    let store = records.open(None)?;
    store.set_policy(&policy, "cli")?;
    println!(
        "certification policy \"{}\" is now in force; certifications already granted keep the version they were granted under",
        policy.version
    );
    Ok(ExitCode::SUCCESS)
}
