//! The scenario library: cards for the bundled, user and added folders.

use crate::commands::{off_main, parse_id};
use crate::error::Result;
use crate::state::{lock, Library, Records};
use rehearse_app::library;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// The library's cards, as the application layer builds them.
pub use rehearse_app::library::ScenarioCard;

/// The library's cards, with each scenario's status for `trainee` (a
/// trainee id; without one every status is "not tried").
#[tauri::command]
pub async fn list_scenarios<R: Runtime>(
    app: AppHandle<R>,
    trainee: Option<String>,
) -> Result<Vec<ScenarioCard>> {
    off_main(app, move |app| {
        list_scenarios_blocking(app.state(), app.state(), trainee)
    })
    .await
}

/// The work of [`list_scenarios`], on the calling thread (the command tests call it).
pub fn list_scenarios_blocking(
    library: State<'_, Library>,
    records: State<'_, Records>,
    trainee: Option<String>,
) -> Result<Vec<ScenarioCard>> {
    let trainee = trainee
        .as_deref()
        .map(|t| parse_id(t, "trainee"))
        .transpose()?;
    let folders = lock(&library.0).scenario_dirs();
    // Cards in the language set in the app; a scenario that does not carry
    // it shows its script's own text.
    let lang = crate::commands::locale::language_beside(&lock(&records.0));
    // The records are not held while a folder new to the index compiles.
    let mut cards = {
        let mut index = lock(&library.1);
        let cards = library::cards(&mut index, folders, Some(lang));
        if let Err(e) = index.save_if_changed() {
            eprintln!("rehearse: the library index was not saved: {e}");
        }
        cards
    };
    library::show_progress(&mut cards, &lock(&records.0), trainee)?;
    Ok(cards)
}

/// Asks for a folder with the system's folder dialog and adds it to the
/// library; returns the folder, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn add_library_folder<R: Runtime>(
    app: AppHandle<R>,
    library: State<'_, Library>,
) -> Result<Option<PathBuf>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Add a scenario folder")
        .blocking_pick_folder();
    let Some(dir) = crate::commands::picked_path(picked)? else {
        return Ok(None);
    };
    rehearse_core::library::expand(std::slice::from_ref(&dir))?;
    lock(&library.0).add(dir.clone())?;
    Ok(Some(dir))
}

/// Removes an added folder from the library (its files are not touched).
#[tauri::command]
pub fn remove_library_folder(library: State<'_, Library>, path: PathBuf) -> Result<()> {
    Ok(lock(&library.0).remove(&path)?)
}

/// Scenario titles by scenario id, for every scenario in the library that
/// loads, from the library index: a folder whose files are unchanged is
/// neither read nor compiled again on each dashboard or moderation call.
pub(crate) fn titles(library: &Library) -> std::collections::HashMap<String, String> {
    let dirs = lock(&library.0).paths();
    lock(&library.1).titles(&dirs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::tests::app;
    use rehearse_core::library::index::LibraryIndex;

    fn bundled_count() -> usize {
        rehearse_core::library::expand(&[rehearse_core::library::bundled_dir().unwrap()])
            .unwrap()
            .len()
    }

    #[test]
    fn start_up_and_the_listing_share_one_compile_of_each_bundled_scenario() {
        let data = tempfile::tempdir().unwrap();
        let n = bundled_count();
        let first = app(data.path());
        let compiled = || lock(&first.state::<Library>().1).compiled();
        // Approving the bundled library at start-up compiled each folder once...
        assert_eq!(compiled(), n as u64);
        let listed = lock(&first.state::<Records>().0).catalogue().unwrap();
        assert_eq!(listed.len(), n, "{listed:?}");
        // ...and the listing and the title look-ups use those cards.
        let cards = list_scenarios_blocking(first.state(), first.state(), None).unwrap();
        let bundled: Vec<_> = cards.iter().filter(|c| c.origin == "bundled").collect();
        assert_eq!(bundled.len(), n);
        assert!(bundled.iter().all(|c| c.problem.is_none()), "{bundled:?}");
        assert_eq!(titles(&first.state::<Library>()).len(), cards.len());
        assert_eq!(compiled(), n as u64);
        assert!(LibraryIndex::file_in(data.path()).is_file());

        // The next start reads the index file: nothing is compiled, and the
        // catalogue, which lists every version, is not written again.
        drop(first);
        let again = app(data.path());
        assert_eq!(lock(&again.state::<Library>().1).compiled(), 0);
        assert_eq!(
            lock(&again.state::<Records>().0).catalogue().unwrap(),
            listed
        );
        let cards_again = list_scenarios_blocking(again.state(), again.state(), None).unwrap();
        assert_eq!(
            serde_json::to_string(&cards_again).unwrap(),
            serde_json::to_string(&cards).unwrap()
        );
    }
}
