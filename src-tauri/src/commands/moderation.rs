//! Trainer sign-in and moderation. The shell keeps no trainer session:
//! every trainer command carries the trainer's name and passphrase and the
//! core checks them (`Store::authenticate_trainer`, `Store::moderate`), so a
//! trainee profile is refused with `unauthorised` and nothing a trainer did
//! earlier in the window can be reused from a trainee's screen.

use crate::commands::{off_main, parse_id};
use crate::error::Result;
use crate::state::{lock, Library, Records};
use rehearse_app::moderation;
use rehearse_core::records::OverrideTarget;
use tauri::{AppHandle, Manager, Runtime, State};

/// The moderation views: the application layer's.
pub use rehearse_app::moderation::{ModerationView, QueueRow, TrainerView};

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
    Ok(TrainerView::from(t))
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
    Ok(moderation::queue(&store, &titles)?)
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
    Ok(moderation::view(&store, attempt)?)
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
    Ok(moderation::view(&store, attempt)?)
}
