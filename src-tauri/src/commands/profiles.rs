//! Trainee profiles, kept in the records database.

use crate::error::Result;
use crate::state::{lock, Records};
use serde::Serialize;
use tauri::State;

/// A trainee profile as the start screen lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// Trainee id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// Every trainee profile, in the order the records keep them.
#[tauri::command]
pub fn list_profiles(records: State<'_, Records>) -> Result<Vec<Profile>> {
    let store = lock(&records.0);
    Ok(store
        .trainees()?
        .into_iter()
        .map(|t| Profile {
            id: t.id.to_string(),
            name: t.display_name,
        })
        .collect())
}

/// Creates a trainee profile with a display name (the core's rules for a
/// name, the same as `rehearse trainee add`: not blank, not reserved, not a
/// UUID; a refusal has the code `input`).
#[tauri::command]
pub fn create_profile(records: State<'_, Records>, name: String) -> Result<Profile> {
    let store = lock(&records.0);
    let t = store.add_trainee(&name, None, None)?;
    Ok(Profile {
        id: t.id.to_string(),
        name: t.display_name,
    })
}
