//! `rehearse attempts TRAINEE`.

use super::Records;
use crate::error::CmdResult;
use rehearse_core::attempt::Mode;
use rehearse_core::certification::Approval;
use std::process::ExitCode;

/// Lists a trainee's attempts, newest first.
pub fn run(records: &Records, who: &str, json: bool) -> CmdResult {
    let store = records.open(None)?;
    let t = store.find_trainee(who)?;
    let all = store.attempts(t.id)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&all).map_err(std::io::Error::other)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    if all.is_empty() {
        println!("{} has no attempts yet", t.display_name);
    }
    for a in all {
        let result = match a.passed {
            Some(true) => "passed",
            Some(false) => "not passed",
            None => a.status.label(),
        };
        let version = match &a.approval {
            Approval::Approved => String::new(),
            Approval::Unapproved => " (scenario version not approved: does not count)".into(),
            Approval::Withdrawn { on, .. } => {
                format!(" (scenario version withdrawn on {on}: no longer counts)")
            }
        };
        println!(
            "{}  {}  {:<24} {:<10} {:>2} turn(s)  {}{}{}",
            a.attempt,
            a.started_at.format("%Y-%m-%d %H:%M"),
            a.scenario_id,
            match a.mode {
                Mode::Practice => "practice",
                Mode::Assessment => "assessment",
            },
            a.turns,
            result,
            if a.moderated { " (moderated)" } else { "" },
            version
        );
    }
    Ok(ExitCode::SUCCESS)
}
