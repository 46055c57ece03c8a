//! Trainer sign-in and moderation. The shell keeps no trainer session:
//! every trainer command carries the trainer's name and passphrase and the
//! core checks them (`Store::authenticate_trainer`, `Store::moderate`), so a
//! trainee profile is refused with `unauthorised` and nothing a trainer did
//! earlier in the window can be reused from a trainee's screen.

use crate::commands::{off_main, parse_id};
use crate::error::Result;
use crate::state::{lock, Library, Records};
use crate::views::{DebriefView, StatusView};
use rehearse_core::attempt::Mode;
use rehearse_core::records::{AuditEntry, OverrideTarget, Store};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use uuid::Uuid;

/// A signed-in trainer.
#[derive(Debug, Clone, Serialize)]
pub struct TrainerView {
    /// Trainer id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// One attempt in the moderation queue.
#[derive(Debug, Clone, Serialize)]
pub struct QueueRow {
    /// Attempt id.
    pub attempt: String,
    /// Trainee display name.
    pub trainee: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Scenario title, when the scenario is in the library.
    pub title: Option<String>,
    /// Always assessment (the queue holds assessments only).
    pub mode: Mode,
    /// Ended (RFC 3339).
    pub ended_at: Option<String>,
    /// Passed, moderation applied.
    pub passed: Option<bool>,
    /// Whether a trainer already overrode a grade.
    pub moderated: bool,
    /// Turns played.
    pub turns: u32,
}

/// An attempt opened for moderation: its grades and transcript, the
/// trainee's status, and its audit trail.
#[derive(Debug, Clone, Serialize)]
pub struct ModerationView {
    /// Attempt id.
    pub attempt: String,
    /// Trainee display name.
    pub trainee: String,
    /// The graded report, moderation applied (original grades in `moderation`).
    pub report: DebriefView,
    /// The trainee's certification status today.
    pub status: StatusView,
    /// Audit entries about this attempt's overrides, oldest first.
    pub audit: Vec<AuditEntry>,
}

/// Whether any trainer exists (the start screen offers to create the first).
#[tauri::command]
pub fn trainer_exists(records: State<'_, Records>) -> Result<bool> {
    Ok(!lock(&records.0).trainers()?.is_empty())
}

/// Creates the first trainer, which the core allows only while there is no
/// staff at all (`Store::add_first_trainer`; the trainers' sign-in screens
/// offer it while no trainer exists, and later staff are added with
/// `rehearse trainer add`).
#[tauri::command]
pub async fn create_trainer<R: Runtime>(
    app: AppHandle<R>,
    name: String,
    passphrase: String,
) -> Result<TrainerView> {
    off_main(app, move |app| {
        create_trainer_blocking(app.state(), name, passphrase)
    })
    .await
}

/// The work of [`create_trainer`], on the calling thread (the command tests call it).
pub fn create_trainer_blocking(
    records: State<'_, Records>,
    name: String,
    passphrase: String,
) -> Result<TrainerView> {
    let t = lock(&records.0).add_first_trainer(&name, &passphrase)?;
    Ok(TrainerView {
        id: t.id.to_string(),
        name: t.display_name,
    })
}

fn trainee_name(store: &Store, attempt: Uuid) -> Result<(Uuid, String)> {
    let id = store.attempt_trainee(attempt)?;
    let name = store.find_trainee(&id.to_string())?.display_name;
    Ok((id, name))
}

/// The moderation queue: completed assessments with free-text turns,
/// newest first (trainer name and passphrase required).
#[tauri::command]
pub async fn moderation_queue<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
) -> Result<Vec<QueueRow>> {
    off_main(app, move |app| {
        moderation_queue_blocking(app.state(), app.state(), trainer, passphrase)
    })
    .await
}

/// The work of [`moderation_queue`], on the calling thread (the command tests call it).
pub fn moderation_queue_blocking(
    records: State<'_, Records>,
    library: State<'_, Library>,
    trainer: String,
    passphrase: String,
) -> Result<Vec<QueueRow>> {
    let store = lock(&records.0);
    store.authenticate_trainer(&trainer, &passphrase)?;
    let titles = crate::commands::library::titles(&library);
    store
        .moderation_queue()?
        .into_iter()
        .map(|a| {
            Ok(QueueRow {
                attempt: a.attempt.to_string(),
                trainee: trainee_name(&store, a.attempt)?.1,
                title: titles.get(&a.scenario_id).cloned(),
                scenario_id: a.scenario_id,
                mode: a.mode,
                ended_at: a.ended_at.map(rehearse_core::clock::format_instant),
                passed: a.passed,
                moderated: a.moderated,
                turns: a.turns,
            })
        })
        .collect()
}

/// The moderation view of an attempt (for the commands and tests).
pub fn moderation_view(store: &Store, attempt: Uuid) -> Result<ModerationView> {
    let (trainee, name) = trainee_name(store, attempt)?;
    let report = store.report(attempt)?;
    let status = store.status(trainee, store.clock().today())?;
    let audit = store.override_audit(attempt)?;
    Ok(ModerationView {
        attempt: attempt.to_string(),
        trainee: name,
        report: DebriefView::from(&report),
        status: StatusView::from(&status),
        audit,
    })
}

/// Opens an attempt for moderation (trainer name and passphrase required).
#[tauri::command]
pub async fn moderation_attempt<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
    attempt: String,
) -> Result<ModerationView> {
    off_main(app, move |app| {
        moderation_attempt_blocking(app.state(), trainer, passphrase, attempt)
    })
    .await
}

/// The work of [`moderation_attempt`], on the calling thread (the command tests call it).
pub fn moderation_attempt_blocking(
    records: State<'_, Records>,
    trainer: String,
    passphrase: String,
    attempt: String,
) -> Result<ModerationView> {
    let attempt = parse_id(&attempt, "attempt")?;
    let store = lock(&records.0);
    store.authenticate_trainer(&trainer, &passphrase)?;
    moderation_view(&store, attempt)
}

/// Overrides a competency level (`{kind: "competency", id}` with a level id)
/// or a red-flag outcome (`{kind: "red_flag", id}` with `recognised` or
/// `missed`) with a written reason; the core checks the passphrase, refuses
/// a trainee, requires the reason and audits the change. Returns the
/// attempt as it now stands, with the new audit entry.
#[tauri::command]
pub async fn moderate<R: Runtime>(
    app: AppHandle<R>,
    trainer: String,
    passphrase: String,
    attempt: String,
    target: OverrideTarget,
    value: String,
    reason: String,
) -> Result<ModerationView> {
    off_main(app, move |app| {
        moderate_blocking(
            app.state(),
            trainer,
            passphrase,
            attempt,
            target,
            value,
            reason,
        )
    })
    .await
}

/// The work of [`moderate`], on the calling thread (the command tests call it).
pub fn moderate_blocking(
    records: State<'_, Records>,
    trainer: String,
    passphrase: String,
    attempt: String,
    target: OverrideTarget,
    value: String,
    reason: String,
) -> Result<ModerationView> {
    let attempt = parse_id(&attempt, "attempt")?;
    let store = lock(&records.0);
    store.moderate(&trainer, &passphrase, attempt, target, &value, &reason)?;
    moderation_view(&store, attempt)
}
