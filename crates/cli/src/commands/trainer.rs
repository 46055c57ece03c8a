//! `rehearse trainer add`.

use super::{passphrase, Records};
use crate::error::CmdResult;
use std::process::ExitCode;

/// `trainer add NAME`: the passphrase comes from REHEARSE_TRAINER_PASSPHRASE
/// or is asked for.
pub fn add(records: &Records, name: &str) -> CmdResult {
    let store = records.open(None)?;
    let pass = passphrase(&format!("passphrase for trainer {name}"))?;
    let t = store.add_trainer(name, &pass)?;
    println!("{}", t.id);
    eprintln!("added trainer \"{}\" with id {}", t.display_name, t.id);
    Ok(ExitCode::SUCCESS)
}
