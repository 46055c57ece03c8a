//! The printable certificate of a standing certification, as both front
//! ends issue it: PDF or print-ready HTML, with the signed credential it
//! was built from beside it (`FILE.credential.json`). The certificate, its
//! QR code and the refusal when there is no standing certification come
//! from `rehearse_core::certificate`; this module holds the format names,
//! who may ask for whose certificate, and what saving reports.

use crate::accreditation::{issuer, DEFAULT_ISSUER};
use crate::error::Result;
use rehearse_core::certificate::{self, Format, Issued};
use rehearse_core::credential::IssuerKey;
use rehearse_core::records::{Capability, Store};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The certificate's format, as both front ends name it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CertificateFormat {
    /// One A4 page of PDF.
    Pdf,
    /// A self-contained, print-ready HTML page.
    Html,
}

impl From<CertificateFormat> for Format {
    fn from(f: CertificateFormat) -> Format {
        match f {
            CertificateFormat::Pdf => Format::Pdf,
            CertificateFormat::Html => Format::Html,
        }
    }
}

impl CertificateFormat {
    /// The file a save dialog proposes: name, the dialog's name for the
    /// type, and extension.
    pub fn offered_file(self) -> crate::accreditation::OfferedFile {
        let format = Format::from(self);
        let (name, kind) = match self {
            CertificateFormat::Pdf => ("rehearse-certificate.pdf", "PDF"),
            CertificateFormat::Html => ("rehearse-certificate.html", "HTML"),
        };
        crate::accreditation::OfferedFile {
            name,
            kind,
            extension: format.extension(),
        }
    }
}

/// Whose certificate, in which format, and (from the training records)
/// which member of staff asks.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateRequest {
    /// The trainee id.
    pub trainee: String,
    /// PDF or HTML.
    pub format: CertificateFormat,
    /// A trainer or accreditation officer asking for a trainee's
    /// certificate; absent when a trainee asks for their own.
    #[serde(default)]
    pub staff: Option<String>,
    /// Their passphrase.
    #[serde(default)]
    pub passphrase: Option<String>,
}

/// Issues the certificate of `trainee`, signed with `key` (the
/// installation's, [`issuer`]) and named as issued by `issuer_name`. A
/// trainee without a standing certification is refused by the core, before
/// any file is chosen.
pub fn issue(store: &Store, trainee: Uuid, key: &IssuerKey, issuer_name: &str) -> Result<Issued> {
    Ok(certificate::issue(store, trainee, key, issuer_name)?)
}

/// [`issue`] for a request as the desktop page sends it: a trainee's own
/// certificate, or, when a member of staff asks (name and passphrase), one
/// the core first lets them see (`Capability::Accredit`).
pub fn issue_requested(store: &Store, request: &CertificateRequest) -> Result<Issued> {
    let staff = request
        .staff
        .as_deref()
        .map(|s| (s, request.passphrase.as_deref().unwrap_or_default()));
    // Staff are checked before the trainee id is read, so a refused
    // member of staff learns nothing about which ids exist.
    if let Some((name, passphrase)) = staff.filter(|(name, _)| !name.trim().is_empty()) {
        store.authorise(name, passphrase, Capability::Accredit)?;
    }
    let trainee = crate::error::parse_id(&request.trainee, "trainee")?;
    issue(store, trainee, &issuer(store.path())?.key, DEFAULT_ISSUER)
}

/// What saving a certificate wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateSaved {
    /// The certificate.
    pub path: PathBuf,
    /// The signed credential beside it.
    pub credential: PathBuf,
    /// The verification code its QR code carries.
    pub code: String,
    /// The trainee's display name.
    pub trainee_name: String,
    /// The credential's id.
    pub credential_id: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub expires_on: String,
    /// The command that checks a printed copy.
    pub verify_command: String,
}

/// Writes the issued certificate to `path` in `format`, and its credential
/// beside it.
pub fn write(issued: &Issued, format: CertificateFormat, path: &Path) -> Result<CertificateSaved> {
    let credential = certificate::write_files(issued, format.into(), path)?;
    let c = &issued.certificate;
    Ok(CertificateSaved {
        path: path.to_path_buf(),
        credential,
        code: c.payload.to_string(),
        trainee_name: c.trainee_name.clone(),
        credential_id: c.credential_id.to_string(),
        valid_from: c.valid_from.to_string(),
        expires_on: c.expires_on.to_string(),
        verify_command: c.verify_command(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{play_test, records_on};

    #[test]
    fn staff_are_checked_before_anything_and_no_certification_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let ana = opened.store.add_trainee("Ana", None, None).unwrap();
        play_test(&opened.store, ana.id, "near-miss", "strong path");
        let request = |staff: Option<&str>| CertificateRequest {
            trainee: "not an id".into(),
            format: CertificateFormat::Html,
            staff: staff.map(str::to_string),
            passphrase: Some("wrong".into()),
        };
        // An unknown member of staff is refused before the id is read.
        let refused = issue_requested(&opened.store, &request(Some("Nobody"))).unwrap_err();
        assert_ne!(refused.code(), "invalid", "{refused}");
        assert_eq!(
            issue_requested(&opened.store, &request(None))
                .unwrap_err()
                .code(),
            "invalid"
        );
        // One assessment is not a certification.
        let mut own = request(None);
        own.trainee = ana.id.to_string();
        let none = issue_requested(&opened.store, &own).unwrap_err();
        assert!(!none.to_string().is_empty());
        assert_eq!(CertificateFormat::Pdf.offered_file().extension, "pdf");
        let r: CertificateRequest =
            serde_json::from_str(r#"{"trainee": "x", "format": "pdf"}"#).unwrap();
        assert_eq!(r.format, CertificateFormat::Pdf);
    }
}
