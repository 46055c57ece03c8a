//! `rehearse status TRAINEE [--at DATE]`.

use super::Records;
use crate::error::CmdResult;
use std::process::ExitCode;

/// Prints the certification status on a date (default: today by the clock).
pub fn run(records: &Records, who: &str, at: Option<&str>, json: bool) -> CmdResult {
    let store = records.open(None)?;
    let t = store.find_trainee(who)?;
    let day = match at {
        Some(a) => rehearse_core::clock::parse_date(a)?,
        None => store.clock().today(),
    };
    let status = store.status(t.id, day)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&status).map_err(std::io::Error::other)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}: {}", t.display_name, status.headline());
    println!("on:     {day} (policy {})", status.policy_version);
    if let Some(e) = status.expires_on {
        println!(
            "expiry: {e}; refresher window from {}; grace to {}",
            status
                .window_opens
                .map(|d| d.to_string())
                .unwrap_or_default(),
            status.grace_ends.map(|d| d.to_string()).unwrap_or_default()
        );
    }
    if !status.missing.is_empty() {
        println!("still missing:");
        for m in &status.missing {
            println!("  - {m}");
        }
    }
    if !status.reassessment.is_empty() {
        println!("re-assessment needed:");
        for r in &status.reassessment {
            println!("  - {r}");
        }
    }
    if !status.awaiting_approval.is_empty() {
        println!("not counted (scenario version not approved):");
        for r in &status.awaiting_approval {
            println!("  - {r}");
        }
    }
    println!("next:   {}", status.next_action);
    Ok(ExitCode::SUCCESS)
}
