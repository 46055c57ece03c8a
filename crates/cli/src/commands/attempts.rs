//! `rehearse attempts TRAINEE`.

use super::Records;
use crate::error::CmdResult;
use crate::i18n::{language, tr, tr_args};
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
    let lang = language();
    if all.is_empty() {
        println!(
            "{}",
            tr_args(
                "cli-attempts-none",
                &[("trainee", (&t.display_name).into())]
            )
        );
    }
    for a in all {
        let result = match a.passed {
            Some(true) => tr("cli-attempts-passed"),
            Some(false) => tr("cli-attempts-not-passed"),
            None => a.status.label(),
        };
        let version = match &a.approval {
            Approval::Approved => String::new(),
            Approval::Unapproved => format!(" {}", tr("cli-attempts-unapproved")),
            Approval::Withdrawn { on, .. } => format!(
                " {}",
                tr_args("cli-attempts-withdrawn", &[("on", on.to_string().into())])
            ),
        };
        println!(
            "{}  {}  {:<24} {:<10} {:>2} {}  {}{}{}",
            a.attempt,
            a.started_at.format("%Y-%m-%d %H:%M"),
            a.scenario_id,
            a.mode.label_in(lang),
            a.turns,
            tr("cli-attempts-turns"),
            result,
            if a.moderated {
                format!(" {}", tr("cli-attempts-moderated"))
            } else {
                String::new()
            },
            version
        );
    }
    Ok(ExitCode::SUCCESS)
}
