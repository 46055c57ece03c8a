//! Staff sign-in for the workbench (trainers) and the training records
//! (trainers and accreditation officers). Signing in only checks the name
//! and passphrase with the core (`Store::authorise`); the shell keeps no
//! session, so every workbench and records command carries them again and
//! the core checks them again.

use crate::commands::off_main;
use crate::error::Result;
use crate::state::{lock, Records};
use rehearse_core::records::Capability;
use tauri::{AppHandle, Manager, Runtime, State};

/// A member of staff who signed in: the application layer's view.
pub use rehearse_app::people::StaffView;

/// Checks a name and passphrase for `capability` (`author` for the
/// workbench, `accredit` for the training records, `moderate` for
/// moderation); a trainee profile, a wrong passphrase or a role without
/// the capability is refused with `unauthorised`.
#[tauri::command]
pub async fn staff_sign_in<R: Runtime>(
    app: AppHandle<R>,
    name: String,
    passphrase: String,
    capability: Capability,
) -> Result<StaffView> {
    off_main(app, move |app| {
        staff_sign_in_blocking(app.state(), name, passphrase, capability)
    })
    .await
}

/// The work of [`staff_sign_in`], on the calling thread (the command tests call it).
pub fn staff_sign_in_blocking(
    records: State<'_, Records>,
    name: String,
    passphrase: String,
    capability: Capability,
) -> Result<StaffView> {
    Ok(rehearse_app::people::sign_in(
        &lock(&records.0),
        &name,
        &passphrase,
        capability,
    )?)
}
