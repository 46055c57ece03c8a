//! `rehearse status TRAINEE [--at DATE]`.

use super::Records;
use crate::error::CmdResult;
use crate::i18n::{language, tr, tr_args};
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
    let lang = language();
    println!("{}: {}", t.display_name, status.headline_in(lang));
    println!(
        "{}",
        tr_args(
            "cli-status-on",
            &[
                ("date", day.to_string().into()),
                ("policy", (&status.policy_version).into()),
            ]
        )
    );
    if let Some(e) = status.expires_on {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        println!(
            "{}",
            tr_args(
                "cli-status-expiry",
                &[
                    ("expires", e.to_string().into()),
                    ("opens", date(status.window_opens).into()),
                    ("grace", date(status.grace_ends).into()),
                ]
            )
        );
    }
    if !status.missing.is_empty() {
        println!("{}", tr("cli-status-missing"));
        for m in &status.missing {
            println!("  - {}", m.describe(lang));
        }
    }
    if !status.reassessment.is_empty() {
        println!("{}", tr("cli-status-reassessment"));
        for r in &status.reassessment {
            println!("  - {}", r.describe(lang));
        }
    }
    if !status.awaiting_approval.is_empty() {
        println!("{}", tr("cli-status-awaiting"));
        for r in &status.awaiting_approval {
            println!("  - {}", r.describe(lang));
        }
    }
    println!(
        "{}",
        tr_args(
            "cli-status-next",
            &[("action", status.next_action_in(lang).into())]
        )
    );
    Ok(ExitCode::SUCCESS)
}
