//! `rehearse catalogue list|approve|withdraw|affected`: which scenario
//! versions count towards certification.

use super::{passphrase, trainer_name, Records};
use crate::error::{CliError, CmdResult};
use clap::Subcommand;
use rehearse_app::catalogue;
use rehearse_core::records::VersionStatus;
use std::process::ExitCode;

/// The catalogue's subcommands.
#[derive(Debug, Subcommand)]
pub enum CatalogueAction {
    /// List every approved and withdrawn scenario version, and the versions
    /// attempts were recorded at that no trainer has approved.
    List {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Approve a scenario version (trainers only): passes at it count
    /// towards certification, including those recorded before.
    Approve {
        /// A scenario folder, or a scenario id (bundled, user, or recorded).
        scenario: String,
        /// The version's content hash, for a version no longer on disk
        /// (`rehearse catalogue list` shows them).
        #[arg(long, value_name = "HASH")]
        hash: Option<String>,
        /// A note kept in the audit log.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The trainer (name or id); may be left out when there is only one.
        #[arg(long, value_name = "NAME")]
        trainer: Option<String>,
    },
    /// Withdraw an approved scenario version (trainers only): passes earned
    /// under it no longer count, and the trainees affected are listed.
    Withdraw {
        /// A scenario folder, or the id of a scenario in the catalogue.
        scenario: String,
        /// The version's content hash, when the id has several approved versions.
        #[arg(long, value_name = "HASH")]
        hash: Option<String>,
        /// Why (required; kept in the catalogue and the audit log, and shown
        /// to the trainees affected).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// The trainer (name or id); may be left out when there is only one.
        #[arg(long, value_name = "NAME")]
        trainer: Option<String>,
    },
    /// Trainees whose passes at withdrawn versions no longer count.
    Affected {
        /// Only this scenario (folder or id); every withdrawn version when left out.
        scenario: Option<String>,
        /// Only this version's content hash.
        #[arg(long, value_name = "HASH")]
        hash: Option<String>,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a catalogue subcommand.
pub fn run(records: &Records, action: CatalogueAction) -> CmdResult {
    match action {
        CatalogueAction::List { json } => list(records, json),
        CatalogueAction::Approve {
            scenario,
            hash,
            note,
            trainer,
        } => approve(
            records,
            &scenario,
            hash.as_deref(),
            note.as_deref(),
            trainer.as_deref(),
        ),
        CatalogueAction::Withdraw {
            scenario,
            hash,
            reason,
            trainer,
        } => withdraw(
            records,
            &scenario,
            hash.as_deref(),
            &reason,
            trainer.as_deref(),
        ),
        CatalogueAction::Affected {
            scenario,
            hash,
            json,
        } => affected(records, scenario.as_deref(), hash.as_deref(), json),
    }
}

fn json_out<T: serde::Serialize>(v: &T) -> CmdResult {
    println!(
        "{}",
        serde_json::to_string_pretty(v).map_err(std::io::Error::other)?
    );
    Ok(ExitCode::SUCCESS)
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// A catalogue error as a usage error: the name or hash given does not
/// pick one version (exit code 2, as every other bad argument).
fn usage(e: rehearse_app::Error) -> CliError {
    match e {
        rehearse_app::Error::Invalid(why) => CliError::Usage(why),
        other => other.into(),
    }
}

fn list(records: &Records, json: bool) -> CmdResult {
    let store = records.open(None)?;
    let listed = store.catalogue()?;
    let unlisted = store.unlisted_versions()?;
    if json {
        return json_out(&serde_json::json!({
            "catalogue": listed,
            "unapproved": unlisted,
        }));
    }
    if listed.is_empty() {
        println!("the catalogue is empty");
    }
    for e in &listed {
        println!(
            "{:<9}  {:<26} {:<8} {}  approved {} by {}",
            e.status.id(),
            e.scenario_id,
            e.version,
            short(&e.content_hash),
            e.approved_at.format("%Y-%m-%d"),
            e.approved_by
        );
        if e.status == VersionStatus::Withdrawn {
            println!(
                "           withdrawn {} by {}: {}",
                e.withdrawn_at
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                e.withdrawn_by.as_deref().unwrap_or("?"),
                e.withdrawal_reason.as_deref().unwrap_or("")
            );
        }
    }
    if !unlisted.is_empty() {
        println!("recorded but not approved (passes at these do not count):");
        for u in &unlisted {
            println!(
                "unapproved {:<26} {:<8} {}  {} pass(es) recorded",
                u.version.id,
                u.version.version,
                short(&u.version.content_hash),
                u.passes
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn approve(
    records: &Records,
    name: &str,
    hash: Option<&str>,
    note: Option<&str>,
    trainer: Option<&str>,
) -> CmdResult {
    let store = records.open(None)?;
    let version = catalogue::to_approve(&store, name, hash).map_err(usage)?;
    let trainer = trainer_name(&store, trainer)?;
    let pass = passphrase(&format!("passphrase for trainer {trainer}"))?;
    let e = store.approve_version(&trainer, &pass, &version, note)?;
    println!(
        "approved scenario {} version {} ({}) by {}, {}; passes at it now count towards certification",
        e.scenario_id,
        e.version,
        e.content_hash,
        e.approved_by,
        rehearse_core::clock::format_instant(e.approved_at)
    );
    Ok(ExitCode::SUCCESS)
}

fn withdraw(
    records: &Records,
    name: &str,
    hash: Option<&str>,
    reason: &str,
    trainer: Option<&str>,
) -> CmdResult {
    // Checked before the passphrase is asked for; the store checks it again.
    rehearse_core::records::written_reason(reason, "a withdrawal")
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let store = records.open(None)?;
    let (id, content_hash) = catalogue::to_withdraw(&store, name, hash).map_err(usage)?;
    let trainer = trainer_name(&store, trainer)?;
    let pass = passphrase(&format!("passphrase for trainer {trainer}"))?;
    let w = store.withdraw_version(&trainer, &pass, &id, &content_hash, reason)?;
    println!(
        "withdrew scenario {} version {} ({}) by {}, {}: {}",
        w.entry.scenario_id,
        w.entry.version,
        w.entry.content_hash,
        w.entry.withdrawn_by.as_deref().unwrap_or(""),
        w.entry
            .withdrawn_at
            .map(rehearse_core::clock::format_instant)
            .unwrap_or_default(),
        w.entry.withdrawal_reason.as_deref().unwrap_or("")
    );
    if w.affected.is_empty() {
        println!("no trainee has a pass at this version");
    } else {
        println!(
            "{} trainee(s) have passes at it that no longer count (re-assessment needed):",
            w.affected.len()
        );
        for a in &w.affected {
            println!(
                "  {}  {}  {} pass(es)",
                a.trainee,
                a.display_name,
                a.attempts.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn affected(records: &Records, name: Option<&str>, hash: Option<&str>, json: bool) -> CmdResult {
    let store = records.open(None)?;
    let all = catalogue::affected(&store, name, hash).map_err(usage)?;
    if json {
        return json_out(&all);
    }
    if all.is_empty() {
        println!("no trainee has passes at a withdrawn version");
    }
    for a in &all {
        println!(
            "{}  {:<24} {} version {} ({}): {} pass(es) no longer count{}",
            a.trainee,
            if a.display_name.is_empty() {
                "(erased)"
            } else {
                &a.display_name
            },
            a.scenario_id,
            a.scenario_version,
            short(&a.content_hash),
            a.attempts.len(),
            if a.reassessed {
                "; re-assessed since"
            } else {
                "; re-assessment needed"
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
