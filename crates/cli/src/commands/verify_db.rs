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
    if let Some(c) = &v.checkpoint {
        for line in c.bad_lines.iter().chain(&c.problems) {
            println!("MISMATCH  {line}");
        }
        match &c.checkpoint {
            Some(cp) if c.is_ok() => println!(
                "ok        every chain still reaches the checkpoint signed at {} ({})",
                cp.at, cp.reason
            ),
            Some(_) => {}
            None => println!(
                "note      no signed checkpoint yet: deleted newest rows could not be told apart"
            ),
        }
    }
    if v.is_ok() {
        println!("{}: every chain verifies", store.path().display());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "rehearse: the records do not verify: {} chain(s) with a mismatching row, {} checkpoint problem(s); each is named above",
            v.tampered().len(),
            v.checkpoint
                .as_ref()
                .map_or(0, |c| c.problems.len() + c.bad_lines.len())
        );
        Ok(ExitCode::from(1))
    }
}
