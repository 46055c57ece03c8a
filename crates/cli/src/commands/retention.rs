//! `rehearse retention [keep|graded|after:DAYS]`.

use super::Records;
use crate::error::CmdResult;
use rehearse_core::records::Retention;
use std::process::ExitCode;

/// Shows the setting, or changes it and applies it at once.
pub fn run(records: &Records, value: Option<&str>) -> CmdResult {
    let store = records.open(None)?;
    match value {
        None => println!("{}", store.retention()?),
        Some(v) => {
            let r: Retention = v.parse()?;
            let erased = store.set_retention(r, "cli")?;
            println!("transcript retention: {r} ({erased} transcript(s) erased now)");
        }
    }
    Ok(ExitCode::SUCCESS)
}
