//! `rehearse verify-db`: walk the hash chains, check the live rows of
//! trainers, trainees, settings and turns against their histories, check
//! every chain against the newest signed checkpoint and run SQLite's
//! integrity check. Every finding names its table, the kind of change
//! (edited, deleted, inserted, truncated tail, rolled back to an older copy,
//! re-chained rewrite) and the row.

use super::Records;
use crate::error::CmdResult;
use std::process::ExitCode;

/// Exit 0 when everything matches, 1 naming each finding.
pub fn run(records: &Records) -> CmdResult {
    // Opened as it is: not through `Records::open`, which applies the
    // retention setting and approves the bundled library, writing to the
    // very records under check (a deleted approval would be put back, an
    // edited setting acted on).
    let store = rehearse_core::records::Store::open(&records.path()?)?;
    store.integrity_check()?;
    let v = store.verify()?;
    for c in &v.chains {
        match &c.tamper {
            None => println!("ok        {:<17} {} row(s)", c.table, c.rows),
            Some(t) => println!("MISMATCH  {t}"),
        }
    }
    for c in &v.live {
        match &c.tamper {
            None => println!(
                "ok        {:<17} {} live row(s) match their history",
                c.table, c.rows
            ),
            Some(t) => println!("MISMATCH  {t}"),
        }
    }
    if let Some(c) = &v.checkpoint {
        for line in &c.bad_lines {
            println!("MISMATCH  {line}");
        }
        for t in &c.problems {
            println!("MISMATCH  {t}");
        }
        let walked = v.chains.iter().all(|ch| ch.tamper.is_none());
        match &c.checkpoint {
            Some(cp) if c.is_ok() && walked => println!(
                "ok        every chain still reaches the checkpoint signed at {} ({})",
                cp.at, cp.reason
            ),
            Some(cp) if c.is_ok() => println!(
                "ok        every chain without a mismatch above still reaches the checkpoint signed at {} ({})",
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
            "rehearse: the records do not verify: {} finding(s), {} bad checkpoint line(s); each is named above",
            v.tampered().len(),
            v.checkpoint.as_ref().map_or(0, |c| c.bad_lines.len())
        );
        Ok(ExitCode::from(1))
    }
}
