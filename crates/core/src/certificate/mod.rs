//! Printable certificates for a standing certification, as PDF or
//! print-ready HTML, built from the signed Open Badges credential so the
//! paper cannot disagree with it.
//!
//! - [`layout`]: what a certificate says, read off the signed credential;
//! - [`qr`]: the versioned verification code (`rehearse-cert:1:…`) the QR
//!   carries, and the check of a printed code against a credential;
//! - [`pdf`]: one A4 page with the PDF standard fonts;
//! - [`html`]: a self-contained page with `@media print` and an inline SVG QR.
//!
//! [`issue`] signs the trainee's standing certification as the `ob3`
//! export does and lays the certificate out from that credential;
//! [`write_files`] writes the certificate and, beside it, the credential
//! it was printed from (`FILE.credential.json`), the file a verifier
//! checks the paper against with `rehearse verify --printed`.

pub mod html;
pub mod layout;
mod metrics;
pub mod pdf;
pub mod qr;

pub use layout::Certificate;
pub use qr::{check_printed, Payload};

use crate::certification::Standing;
use crate::credential::IssuerKey;
use crate::error::{Error, Result};
use crate::records::Store;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// A certificate's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One A4 page of PDF.
    Pdf,
    /// A self-contained, print-ready HTML page.
    Html,
}

impl Format {
    /// The file extension (and the name `--format` takes).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        match s.trim() {
            "pdf" => Ok(Format::Pdf),
            "html" => Ok(Format::Html),
            other => Err(Error::Input(format!(
                "unknown certificate format \"{other}\"; use pdf or html"
            ))),
        }
    }
}

/// A certificate and the signed credential it was built from.
#[derive(Debug, Clone)]
pub struct Issued {
    /// What the certificate says.
    pub certificate: Certificate,
    /// The signed `OpenBadgeCredential`.
    pub credential: Value,
}

impl Issued {
    /// The certificate in `format`.
    pub fn render(&self, format: Format) -> Result<Vec<u8>> {
        match format {
            Format::Pdf => pdf::render(&self.certificate),
            Format::Html => html::render(&self.certificate).map(String::into_bytes),
        }
    }
}

fn instant(v: &Value) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(v.as_str()?)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// The certificate of `trainee`'s standing certification today (the
/// records clock): refused unless the trainee is certified (a refresher may
/// be due), since an expired, lapsed or withdrawn certification has no
/// certificate. The credential is issued with `key` under `issuer_name`, as
/// `rehearse export --format ob3` issues it.
pub fn issue(store: &Store, trainee: Uuid, key: &IssuerKey, issuer_name: &str) -> Result<Issued> {
    let who = store.find_trainee(&trainee.to_string())?;
    if who.erased_at.is_some() {
        return Err(Error::NotAllowed(format!(
            "trainee {trainee} was erased at their request; a certificate names a person, so none is printed"
        )));
    }
    let now = store.clock().now();
    let status = store.status(trainee, now.date_naive())?;
    if !matches!(
        status.standing,
        Standing::Certified | Standing::RefresherDue
    ) {
        return Err(Error::NotAllowed(format!(
            "{} has no standing certification ({}), so there is no certificate to print",
            who.display_name,
            status.headline()
        )));
    }
    let credential = crate::export::trainee_credentials(store, trainee, key, issuer_name)?
        .into_iter()
        .rfind(|c| {
            instant(&c["validFrom"]).is_some_and(|f| f <= now)
                && instant(&c["validUntil"]).is_some_and(|u| now < u)
        })
        .ok_or_else(|| {
            Error::NotAllowed(format!(
                "{} has no credential valid today, so there is no certificate to print",
                who.display_name
            ))
        })?;
    let certificate = Certificate::from_credential(&credential, &who.display_name, &status)?;
    Ok(Issued {
        certificate,
        credential,
    })
}

/// Where [`write_files`] puts the credential beside `path`.
pub fn credential_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".credential.json");
    PathBuf::from(name)
}

/// Writes the certificate to `path` and the signed credential it was
/// built from to [`credential_path`]; returns the latter. The certificate
/// is rendered first, so a refusal (a name the PDF font cannot show)
/// writes nothing.
pub fn write_files(issued: &Issued, format: Format, path: &Path) -> Result<PathBuf> {
    let bytes = issued.render(format)?;
    let cred_path = credential_path(path);
    let cred = serde_json::to_string_pretty(&issued.credential)
        .map_err(|e| Error::Credential(format!("cannot write the credential: {e}")))?;
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))?;
    std::fs::write(&cred_path, cred + "\n").map_err(|e| Error::io(&cred_path, e))?;
    Ok(cred_path)
}

/// A printed certificate checked offline by [`verify_printed`]: the code
/// read, the credential it names, and the checks passed so far.
#[derive(Debug, Clone)]
pub struct Printed {
    /// The code on the certificate.
    pub payload: Payload,
    /// The credential the code names, as the file holds it.
    pub credential: Value,
    /// The checks made, in words, in order.
    pub report: crate::credential::CredentialReport,
}

impl Printed {
    /// The issuing installation's own check, after the offline ones: the
    /// certification must still stand in `store` ([`check_standing`]).
    /// Its finding is added to the report's checks.
    pub fn check_standing(&mut self, store: &Store, key: &IssuerKey) -> Result<()> {
        let check = check_standing(store, &self.payload, &self.credential, key)?;
        self.report.checks.push(check);
        Ok(())
    }
}

/// The offline check of a printed certificate: its code (`rehearse-cert:1:…`)
/// against the JSON file `file` (a credential, or an array of them as an
/// `ob3` export holds), which must hold the very credential printed, and
/// that credential must verify as of `now` (pinned to `issuer_profile`
/// when given).
pub fn verify_printed(
    code: &str,
    file: &Path,
    issuer_profile: Option<&Value>,
    now: DateTime<Utc>,
) -> Result<Printed> {
    let payload = Payload::parse(code)?;
    let json = crate::export::check::read_json(file)?;
    let credential = qr::select(&payload, &json)?.clone();
    let report = check_printed(&payload, &credential, issuer_profile, now)?;
    Ok(Printed {
        payload,
        credential,
        report,
    })
}

/// The issuer's own check of a printed certificate against its records,
/// after the offline checks ([`check_printed`]) passed: a credential
/// carries no revocation list, so only the records can say that the
/// certification it states was withdrawn after printing (a scenario version
/// withdrawn, a grade moderated) or no longer stands. Refused when the code
/// names another installation's key; otherwise the certification must still
/// stand today and the records must still issue the same credential (same
/// id, same document hash). Returns the check in words.
pub fn check_standing(
    store: &Store,
    printed: &Payload,
    credential: &Value,
    key: &IssuerKey,
) -> Result<String> {
    if printed.issuer_key != key.multikey() {
        return Err(Error::Credential(format!(
            "the certificate was issued with key {}, not this installation's ({}); only its own issuer's records can say whether it still stands",
            printed.issuer_key,
            key.multikey()
        )));
    }
    let subject = credential["credentialSubject"]["id"]
        .as_str()
        .and_then(|s| s.strip_prefix("urn:uuid:"))
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| Error::Credential("the credential's subject is not a urn:uuid".into()))?;
    let status = store.status(subject, store.clock().today())?;
    if !matches!(
        status.standing,
        Standing::Certified | Standing::RefresherDue
    ) {
        return Err(Error::Credential(format!(
            "no longer standing: the records show {} for this trainee today",
            status.headline()
        )));
    }
    let issuer_name = credential["issuer"]["name"].as_str().unwrap_or_default();
    let current = crate::export::trainee_credentials(store, subject, key, issuer_name)?;
    let Some(now) = current
        .iter()
        .find(|c| c["id"].as_str() == Some(printed.credential_id().as_str()))
    else {
        return Err(Error::Credential(format!(
            "withdrawn: the records hold no standing certification with credential id {} (withdrawn after the certificate was printed)",
            printed.credential_id()
        )));
    };
    if qr::document_sha256(now)? != printed.document_sha256 {
        return Err(Error::Credential(
            "the records now state something else for this certification (moderated or re-graded after the certificate was printed)".into(),
        ));
    }
    Ok(format!(
        "records: the certification still stands ({}) and the records issue the same credential",
        status.headline()
    ))
}
