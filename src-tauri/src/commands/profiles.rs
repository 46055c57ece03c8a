//! Trainee profiles, kept in the records database.

use crate::error::Result;
use crate::state::{lock, Records};
use rehearse_app::people;
use tauri::State;

/// A trainee profile: the application layer's view.
pub use rehearse_app::people::Profile;

/// Every trainee profile, in the order the records keep them.
#[tauri::command]
pub fn list_profiles(records: State<'_, Records>) -> Result<Vec<Profile>> {
    Ok(people::profiles(&lock(&records.0))?)
}

/// Creates a trainee profile with a display name (the core's rules for a
/// name, the same as `rehearse trainee add`: not blank, not reserved, not a
/// UUID; a refusal has the code `input`).
#[tauri::command]
pub fn create_profile(records: State<'_, Records>, name: String) -> Result<Profile> {
    Ok(people::create_profile(&lock(&records.0), &name)?)
}
