//! `rehearse trainee add|list|show|erase`.

use super::Records;
use crate::error::{CliError, CmdResult};
use std::process::ExitCode;

/// `trainee add`.
pub fn add(
    records: &Records,
    name: &str,
    email: Option<&str>,
    organisation: Option<&str>,
) -> CmdResult {
    let store = records.open(None)?;
    let t = store.add_trainee(name, email, organisation)?;
    println!("{}", t.id);
    eprintln!(
        "added trainee \"{}\" with id {} in {}",
        t.display_name,
        t.id,
        store.path().display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `trainee list`.
pub fn list(records: &Records, json: bool) -> CmdResult {
    let store = records.open(None)?;
    let all = store.trainees()?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&all).map_err(std::io::Error::other)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    if all.is_empty() {
        println!("no trainees yet; add one with `rehearse trainee add NAME`");
    }
    for t in all {
        let mut extra = Vec::new();
        if let Some(o) = &t.organisation {
            extra.push(o.clone());
        }
        if let Some(e) = &t.email {
            extra.push(e.clone());
        }
        if t.erased_at.is_some() {
            extra.push("personal data erased".into());
        }
        println!(
            "{}  {}{}",
            t.id,
            t.display_name,
            if extra.is_empty() {
                String::new()
            } else {
                format!("  ({})", extra.join(", "))
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `trainee show`.
pub fn show(records: &Records, who: &str) -> CmdResult {
    let store = records.open(None)?;
    let t = store.find_trainee(who)?;
    let today = store.clock().today();
    let status = store.status(t.id, today)?;
    let attempts = store.attempts(t.id)?;
    println!("id:            {}", t.id);
    println!("name:          {}", t.display_name);
    println!("email:         {}", t.email.as_deref().unwrap_or("—"));
    println!(
        "organisation:  {}",
        t.organisation.as_deref().unwrap_or("—")
    );
    println!("created:       {}", t.created_at.format("%Y-%m-%d"));
    if let Some(e) = t.erased_at {
        println!("erased:        {}", e.format("%Y-%m-%d"));
    }
    println!("attempts:      {}", attempts.len());
    println!("status ({today}): {}", status.headline());
    println!("next:          {}", status.next_action);
    Ok(ExitCode::SUCCESS)
}

/// `trainee erase`.
pub fn erase(records: &Records, who: &str, yes: bool) -> CmdResult {
    if !yes {
        return Err(CliError::Usage(
            "erasing removes the trainee's name, email, organisation and every transcript for good; add --yes to confirm".into(),
        ));
    }
    let store = records.open(None)?;
    let t = store.find_trainee(who)?;
    store.erase_trainee(t.id, "cli")?;
    println!(
        "erased the personal data and transcripts of trainee {}; grades and certifications are kept under the pseudonymous id",
        t.id
    );
    Ok(ExitCode::SUCCESS)
}
