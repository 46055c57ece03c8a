//! The printable certificate of a standing certification, saved as PDF or
//! print-ready HTML through the system's save dialog, with the signed
//! credential it was built from beside it (`FILE.credential.json`). The
//! certificate, its QR code and the refusal when there is no standing
//! certification all come from `rehearse_core::certificate`; this module
//! only adapts arguments and opens the dialog.
//!
//! The trainee dashboard asks for the profile's own certificate (the same
//! trust as the dashboard itself); the training records screen sends the
//! staff name and passphrase, which the core checks for the `accredit`
//! capability before anything is read.

use crate::commands::{ask_save_path, off_main};
use crate::error::Result;
use crate::state::{lock, Records};
use rehearse_app::certificate;
use rehearse_core::certificate::Issued;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};

/// The certificate's formats, request and what saving wrote: the
/// application layer's.
pub use rehearse_app::certificate::{CertificateFormat, CertificateRequest, CertificateSaved};

/// Checks the staff (when given), then issues the certificate: refused
/// before any dialog when the trainee has no standing certification.
pub fn issue_blocking(records: State<'_, Records>, request: &CertificateRequest) -> Result<Issued> {
    Ok(certificate::issue_requested(&lock(&records.0), request)?)
}

/// Issues and writes the certificate to `path` off the main thread (what
/// [`save_certificate`] does once the user chose the file).
pub async fn write_certificate<R: Runtime>(
    app: AppHandle<R>,
    request: CertificateRequest,
    path: PathBuf,
) -> Result<CertificateSaved> {
    let format = request.format;
    let issued = off_main(app.clone(), move |app| {
        issue_blocking(app.state(), &request)
    })
    .await?;
    write(app, issued, format, path).await
}

async fn write<R: Runtime>(
    app: AppHandle<R>,
    issued: Issued,
    format: CertificateFormat,
    path: PathBuf,
) -> Result<CertificateSaved> {
    off_main(app, move |_| {
        Ok(certificate::write(&issued, format, &path)?)
    })
    .await
}

/// Issues the certificate, asks where to save it with the system's save
/// dialog, then writes it and its credential there; nothing when the
/// dialog was cancelled. A trainee without a standing certification (or
/// staff refused) gets the error before any dialog opens.
#[tauri::command]
pub async fn save_certificate<R: Runtime>(
    app: AppHandle<R>,
    request: CertificateRequest,
) -> Result<Option<CertificateSaved>> {
    let format = request.format;
    let issued = off_main(app.clone(), move |app| {
        issue_blocking(app.state(), &request)
    })
    .await?;
    let offered = format.offered_file();
    let Some(path) = ask_save_path(
        &app,
        "Save the certificate",
        offered.name,
        offered.kind,
        offered.extension,
    )?
    else {
        return Ok(None);
    };
    write(app, issued, format, path).await.map(Some)
}
