//! `rehearse verify-db`: walk the hash chains and run SQLite's integrity check.

use super::Records;
use crate::error::CmdResult;
use std::process::ExitCode;

/// Exit 0 when every chain matches, 1 naming the first bad row of each chain.
pub fn run(records: &Records) -> CmdResult {
    let store = records.open(None)?;
    store.integrity_check()?;
    let v = store.verify()?;
    for c in &v.chains {
        match &c.tamper {
            None => println!("ok        {:<15} {} row(s)", c.table, c.rows),
            Some(t) => println!("MISMATCH  {t}"),
        }
    }
    if v.is_ok() {
        println!("{}: every chain verifies", store.path().display());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "rehearse: {} chain(s) do not verify; the first row that does not match is named above",
            v.tampered().len()
        );
        Ok(ExitCode::from(1))
    }
}
