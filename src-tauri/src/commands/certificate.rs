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

use crate::commands::accreditation::ISSUER_NAME;
use crate::commands::{ask_save_path, off_main, parse_id};
use crate::error::Result;
use crate::state::{lock, Records};
use rehearse_core::certificate::{self, Format, Issued};
use rehearse_core::credential::{keys::KEY_FILE, IssuerKey};
use rehearse_core::records::Capability;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};

/// The certificate's format, as the page names it.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CertificateFormat {
    /// One A4 page of PDF.
    Pdf,
    /// A self-contained, print-ready HTML page.
    Html,
}

impl CertificateFormat {
    fn core(self) -> Format {
        match self {
            CertificateFormat::Pdf => Format::Pdf,
            CertificateFormat::Html => Format::Html,
        }
    }
}

/// Whose certificate, in which format, and (from the records screen) who asks.
#[derive(Debug, Clone, Deserialize)]
pub struct CertificateRequest {
    /// The trainee id.
    pub trainee: String,
    /// PDF or HTML.
    pub format: CertificateFormat,
    /// A trainer or accreditation officer (the records screen).
    #[serde(default)]
    pub staff: Option<String>,
    /// Their passphrase.
    #[serde(default)]
    pub passphrase: Option<String>,
}

/// What was saved.
#[derive(Debug, Clone, Serialize)]
pub struct CertificateSaved {
    /// The certificate.
    pub path: PathBuf,
    /// The signed credential beside it.
    pub credential: PathBuf,
    /// The verification code its QR carries.
    pub code: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub expires_on: String,
}

/// Checks the staff (when given), then issues the certificate: refused
/// before any dialog when the trainee has no standing certification.
pub fn issue_blocking(records: State<'_, Records>, request: &CertificateRequest) -> Result<Issued> {
    let store = lock(&records.0);
    if let Some(staff) = request.staff.as_deref().filter(|s| !s.trim().is_empty()) {
        store.authorise(
            staff,
            request.passphrase.as_deref().unwrap_or_default(),
            Capability::Accredit,
        )?;
    }
    let trainee = parse_id(&request.trainee, "trainee")?;
    let key = IssuerKey::load_or_create(&store.path().with_file_name(KEY_FILE))?;
    Ok(certificate::issue(&store, trainee, &key, ISSUER_NAME)?)
}

/// Issues and writes the certificate to `path` off the main thread (what
/// [`save_certificate`] does once the user chose the file).
pub async fn write_certificate<R: Runtime>(
    app: AppHandle<R>,
    request: CertificateRequest,
    path: PathBuf,
) -> Result<CertificateSaved> {
    let format = request.format.core();
    let issued = off_main(app.clone(), move |app| {
        issue_blocking(app.state(), &request)
    })
    .await?;
    write(app, issued, format, path).await
}

async fn write<R: Runtime>(
    app: AppHandle<R>,
    issued: Issued,
    format: Format,
    path: PathBuf,
) -> Result<CertificateSaved> {
    off_main(app, move |_| {
        let credential = certificate::write_files(&issued, format, &path)?;
        let c = &issued.certificate;
        Ok(CertificateSaved {
            path,
            credential,
            code: c.payload.to_string(),
            valid_from: c.valid_from.to_string(),
            expires_on: c.expires_on.to_string(),
        })
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
    let format = request.format.core();
    let issued = off_main(app.clone(), move |app| {
        issue_blocking(app.state(), &request)
    })
    .await?;
    let ext = format.extension();
    let (filter, name) = match format {
        Format::Pdf => ("PDF", "rehearse-certificate.pdf"),
        Format::Html => ("HTML", "rehearse-certificate.html"),
    };
    let Some(path) = ask_save_path(&app, "Save the certificate", name, filter, ext)? else {
        return Ok(None);
    };
    write(app, issued, format, path).await.map(Some)
}
