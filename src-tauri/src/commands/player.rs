//! The player: starting, playing, undoing and resuming conversations.
//! Trainee attempts are `rehearse_core::records::Session`s, so every turn
//! is committed as it is played and an attempt survives closing the window.

use crate::commands::{fresh_seed, off_main, parse_id};
use crate::error::{Error, Result};
use crate::state::{lock, Library, Player, Records};
use crate::views::PlayerView;
use rehearse_app::conversation::Conversation;
use rehearse_core::attempt::{Input, Mode};
use rehearse_core::scenario;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};

/// The current view of a play.
pub(crate) fn view_of(play: &Conversation) -> PlayerView {
    PlayerView::of(play)
}

/// Starts a recorded attempt for a trainee at a scenario folder.
#[tauri::command]
pub async fn start_attempt<R: Runtime>(
    app: AppHandle<R>,
    trainee: String,
    path: PathBuf,
    mode: Mode,
) -> Result<PlayerView> {
    off_main(app, move |app| {
        start_attempt_blocking(app.state(), app.state(), trainee, path, mode)
    })
    .await
}

/// The work of [`start_attempt`], on the calling thread (the command tests call it).
pub fn start_attempt_blocking(
    records: State<'_, Records>,
    player: State<'_, Player>,
    trainee: String,
    path: PathBuf,
    mode: Mode,
) -> Result<PlayerView> {
    let trainee = parse_id(&trainee, "trainee")?;
    let scenario = scenario::load_playable(&path)?;
    let store = lock(&records.0);
    // Shown in the language set in the app (a language the scenario does
    // not carry falls back to the script's own), analysed in the language shown.
    let lang = crate::commands::locale::language_beside(&store);
    let play = Conversation::start_recorded(
        &store,
        trainee,
        path,
        &scenario,
        lang.tag(),
        mode,
        fresh_seed(),
    )?;
    let view = view_of(&play);
    *lock(&player.0) = Some(play);
    Ok(view)
}

/// The conversation in progress in this window, if any.
#[tauri::command]
pub fn current_attempt(player: State<'_, Player>) -> Option<PlayerView> {
    lock(&player.0).as_ref().map(view_of)
}

/// Plays one response: `{kind: "choice", index}`, `{kind: "free_text",
/// text}` or `{kind: "silence"}`.
#[tauri::command]
pub async fn respond<R: Runtime>(app: AppHandle<R>, input: Input) -> Result<PlayerView> {
    off_main(app, move |app| {
        respond_blocking(app.state(), app.state(), input)
    })
    .await
}

/// The work of [`respond`], on the calling thread (the command tests call it).
pub fn respond_blocking(
    records: State<'_, Records>,
    player: State<'_, Player>,
    input: Input,
) -> Result<PlayerView> {
    let mut guard = lock(&player.0);
    let play = guard.as_mut().ok_or_else(Error::no_conversation)?;
    let store = lock(&records.0);
    play.respond(Some(&store), input)?;
    Ok(view_of(play))
}

/// Takes back the last turn (practice mode only).
#[tauri::command]
pub async fn undo_turn<R: Runtime>(app: AppHandle<R>) -> Result<PlayerView> {
    off_main(app, move |app| undo_turn_blocking(app.state(), app.state())).await
}

/// The work of [`undo_turn`], on the calling thread (the command tests call it).
pub fn undo_turn_blocking(
    records: State<'_, Records>,
    player: State<'_, Player>,
) -> Result<PlayerView> {
    let mut guard = lock(&player.0);
    let play = guard.as_mut().ok_or_else(Error::no_conversation)?;
    let store = lock(&records.0);
    play.undo(Some(&store))?;
    Ok(view_of(play))
}

/// An attempt left in progress: the application layer's view.
pub use rehearse_app::attempt::InProgressView;

/// The trainee's attempts that were left in progress.
#[tauri::command]
pub async fn list_in_progress<R: Runtime>(
    app: AppHandle<R>,
    trainee: String,
) -> Result<Vec<InProgressView>> {
    off_main(app, move |app| {
        list_in_progress_blocking(app.state(), app.state(), trainee)
    })
    .await
}

/// The work of [`list_in_progress`], on the calling thread (the command tests call it).
pub fn list_in_progress_blocking(
    records: State<'_, Records>,
    library: State<'_, Library>,
    trainee: String,
) -> Result<Vec<InProgressView>> {
    let trainee = parse_id(&trainee, "trainee")?;
    let store = lock(&records.0);
    let titles = crate::commands::library::titles(&library);
    Ok(rehearse_app::attempt::in_progress(
        &store, trainee, &titles,
    )?)
}

/// Resumes an attempt left in progress, replaying its stored turns.
#[tauri::command]
pub async fn resume_attempt<R: Runtime>(
    app: AppHandle<R>,
    trainee: String,
    attempt: String,
) -> Result<PlayerView> {
    off_main(app, move |app| {
        resume_attempt_blocking(app.state(), app.state(), app.state(), trainee, attempt)
    })
    .await
}

/// The work of [`resume_attempt`], on the calling thread (the command tests call it).
pub fn resume_attempt_blocking(
    records: State<'_, Records>,
    library: State<'_, Library>,
    player: State<'_, Player>,
    trainee: String,
    attempt: String,
) -> Result<PlayerView> {
    let trainee = parse_id(&trainee, "trainee")?;
    let attempt = parse_id(&attempt, "attempt")?;
    let store = lock(&records.0);
    let folders = lock(&library.0).paths();
    let play =
        rehearse_app::attempt::resume(&store, trainee, attempt, &mut lock(&library.1), &folders)?;
    let view = view_of(&play);
    *lock(&player.0) = Some(play);
    Ok(view)
}

/// Abandons the current conversation (a recorded attempt is marked
/// abandoned; a workbench trial is simply dropped).
#[tauri::command]
pub fn abandon_attempt(records: State<'_, Records>, player: State<'_, Player>) -> Result<()> {
    let Some(play) = lock(&player.0).take() else {
        return Ok(());
    };
    Ok(play.abandon(Some(&lock(&records.0)))?)
}
