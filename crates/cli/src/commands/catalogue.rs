//! `rehearse catalogue list|approve|withdraw|affected`: which scenario
//! versions count towards certification.

use super::{passphrase, trainer_name, Records};
use crate::error::{CliError, CmdResult};
use clap::Subcommand;
use rehearse_core::records::{ScenarioVersion, VersionStatus};
use rehearse_core::{library, scenario};
use std::path::Path;
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

/// A content hash as given on the command line: 64 hex digits.
fn check_hash(hash: &str) -> Result<String, CliError> {
    let h = hash.trim().to_ascii_lowercase();
    if h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(h)
    } else {
        Err(CliError::Usage(format!(
            "--hash: \"{hash}\" is not a content hash (64 hexadecimal digits, as `rehearse catalogue list --json` shows)"
        )))
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// The version of a scenario folder on disk, when `name` is a folder or the
/// id of a bundled or user scenario.
fn on_disk(name: &str) -> Result<Option<ScenarioVersion>, CliError> {
    match library::find(name) {
        Ok(dir) => Ok(Some(ScenarioVersion::of(&scenario::load_playable(&dir)?))),
        Err(rehearse_core::Error::ScenarioNotFound(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Picks the one version among `candidates`, or explains why not.
fn one_of(
    name: &str,
    what: &str,
    candidates: Vec<ScenarioVersion>,
) -> Result<ScenarioVersion, CliError> {
    let mut candidates = candidates;
    match candidates.len() {
        0 => Err(CliError::Usage(format!(
            "\"{name}\" is neither a scenario folder nor the id of a scenario with {what}; `rehearse catalogue list` shows the versions"
        ))),
        1 => Ok(candidates.remove(0)),
        _ => Err(CliError::Usage(format!(
            "scenario \"{name}\" has {} {what}; say which with --hash: {}",
            candidates.len(),
            candidates
                .iter()
                .map(|v| format!("{} (version {})", v.content_hash, v.version))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
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
    let hash = hash.map(check_hash).transpose()?;
    let store = records.open(None)?;
    let version = match hash {
        Some(h) => store.recorded_version(name.trim(), &h)?,
        None => match on_disk(name)? {
            Some(v) => v,
            None => one_of(
                name,
                "versions awaiting approval",
                store
                    .unlisted_versions()?
                    .into_iter()
                    .map(|u| u.version)
                    .filter(|v| v.id == name.trim())
                    .collect(),
            )?,
        },
    };
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
    if reason.trim().is_empty() {
        return Err(CliError::Usage(
            "a withdrawal needs a written reason: --reason \"…\"".into(),
        ));
    }
    let hash = hash.map(check_hash).transpose()?;
    let store = records.open(None)?;
    let approved = |id: &str| -> Result<Vec<ScenarioVersion>, CliError> {
        Ok(store
            .catalogue()?
            .into_iter()
            .filter(|e| e.scenario_id == id && e.status == VersionStatus::Approved)
            .map(|e| ScenarioVersion {
                id: e.scenario_id,
                content_hash: e.content_hash,
                version: e.version,
                title: e.title,
            })
            .collect())
    };
    let (id, content_hash) = match hash {
        Some(h) => (name.trim().to_string(), h),
        None => match on_disk(name) {
            Ok(Some(v)) => (v.id, v.content_hash),
            // Not on disk, or its folder no longer loads: the catalogue's
            // approved versions of that id.
            other => {
                let candidates = approved(name.trim())?;
                if candidates.is_empty() {
                    other?;
                }
                let v = one_of(name, "approved versions", candidates)?;
                (v.id, v.content_hash)
            }
        },
    };
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
    let hash = hash.map(check_hash).transpose()?;
    if hash.is_some() && name.is_none() {
        return Err(CliError::Usage(
            "--hash needs the scenario id too: rehearse catalogue affected SCENARIO --hash HASH"
                .into(),
        ));
    }
    let store = records.open(None)?;
    let id = match name {
        None => None,
        Some(n) if Path::new(n).is_dir() => match on_disk(n)? {
            Some(v) => Some(v.id),
            None => None,
        },
        Some(n) => Some(n.trim().to_string()),
    };
    let all: Vec<_> = store
        .affected_trainees(None)?
        .into_iter()
        .filter(|a| id.as_deref().is_none_or(|i| a.scenario_id == i))
        .filter(|a| hash.as_deref().is_none_or(|h| a.content_hash == h))
        .collect();
    if let Some(i) = &id {
        let known = store.catalogue()?.iter().any(|e| &e.scenario_id == i);
        if !known {
            return Err(CliError::Usage(format!(
                "\"{i}\" is not a scenario in the catalogue; `rehearse catalogue list` shows them"
            )));
        }
    }
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
