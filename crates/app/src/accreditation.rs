//! Accreditation: exports of the competency records and pushes of their
//! xAPI statements to a learning record store, as both front ends do them.
//!
//! The rules live here once: which formats there are and the file each is
//! offered as, that an xAPI export or push names the organisation's home
//! page, that every export written to a file is signed with the
//! installation's issuer key (and that credentials always need it), and
//! what a push reports when it stops early. The CLI and the desktop shell
//! only choose where the bytes go and how progress is shown.

use crate::error::{Error, Result};
use crate::filter::FilterInput;
use rehearse_core::credential::{keys::KEY_FILE, IssuerKey};
use rehearse_core::export::{self, Format, Summary};
use rehearse_core::records::Store;
use rehearse_core::xapi::outbox::FailedStatement;
use rehearse_core::xapi::{self, LrsConfig, Outbox, OutboxCounts};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The issuer name written into credentials unless another is given.
pub const DEFAULT_ISSUER: &str = "Rehearse";

/// The export formats, by the names both front ends use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ExportFormat {
    /// One row per trainee and competency.
    Csv,
    /// One row per attempt.
    CsvAttempts,
    /// The documented JSON (docs/export.schema.json).
    Json,
    /// xAPI 1.0.3 statements (a JSON array).
    Xapi,
    /// Signed Open Badges 3.0 credentials, one per standing certification (a JSON array).
    Ob3,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::CsvAttempts => Format::CsvAttempts,
            ExportFormat::Json => Format::Json,
            ExportFormat::Xapi => Format::Xapi,
            ExportFormat::Ob3 => Format::Ob3,
        }
    }
}

/// Progress of long work (an export, a push), as the desktop's progress
/// events carry it: `done` of about `total` records.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// Records so far.
    pub done: u64,
    /// The estimated total.
    pub total: u64,
}

/// The file a save dialog offers for a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferedFile {
    /// The file name proposed.
    pub name: &'static str,
    /// The dialog's name for the file type.
    pub kind: &'static str,
    /// The extension, without its dot.
    pub extension: &'static str,
}

impl ExportFormat {
    /// The file a save dialog proposes for this format.
    pub fn offered_file(self) -> OfferedFile {
        let (name, kind, extension) = match self {
            ExportFormat::Csv => ("rehearse-competencies.csv", "CSV", "csv"),
            ExportFormat::CsvAttempts => ("rehearse-attempts.csv", "CSV", "csv"),
            ExportFormat::Json => ("rehearse-records.json", "JSON", "json"),
            ExportFormat::Xapi => ("rehearse-xapi-statements.json", "JSON", "json"),
            ExportFormat::Ob3 => ("rehearse-credentials.json", "JSON", "json"),
        };
        OfferedFile {
            name,
            kind,
            extension,
        }
    }
}

fn default_issuer() -> String {
    DEFAULT_ISSUER.to_string()
}

/// What to export, as a front end receives it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportRequest {
    /// The format.
    pub format: ExportFormat,
    /// Which records.
    #[serde(default)]
    pub filters: FilterInput,
    /// Add trainees' names and emails (off unless asked for; csv,
    /// csv-attempts and json only).
    #[serde(default)]
    pub include_identity: bool,
    /// The organisation's home page, naming xAPI actors (needed for xAPI).
    #[serde(default)]
    pub home_page: String,
    /// The issuer name in credentials.
    #[serde(default = "default_issuer")]
    pub issuer_name: String,
}

/// The home page xAPI actors are named under, trimmed; refused when blank
/// and `needed`.
fn home_page(given: &str, needed: bool) -> Result<String> {
    let home = given.trim();
    if needed && home.is_empty() {
        return Err(Error::Invalid(
            "xAPI statements name the organisation's home page: give its address (https://…)"
                .into(),
        ));
    }
    Ok(home.to_string())
}

impl ExportRequest {
    /// The core's export options: the filter read by the core's rule and
    /// the home page checked (an error names what is wrong, before any
    /// file is chosen or record read).
    pub fn options(&self) -> Result<export::Options> {
        let format = Format::from(self.format);
        Ok(export::Options {
            format,
            filter: self.filters.filter()?,
            include_identity: self.include_identity,
            home_page: home_page(&self.home_page, format == Format::Xapi)?,
            issuer_name: self.issuer_name.trim().to_string(),
        })
    }

    /// Whether names and emails were asked for in a format that never
    /// carries them (xAPI statements and credentials are always
    /// pseudonymous); a front end says so.
    pub fn identity_ignored(&self) -> bool {
        self.include_identity && matches!(self.format, ExportFormat::Xapi | ExportFormat::Ob3)
    }

    /// Whether the export needs the installation's issuer key: every
    /// export written to a file is signed (`FILE.sig`), and credentials
    /// are signed wherever they go.
    pub fn needs_key(&self, to_file: bool) -> bool {
        to_file || self.format == ExportFormat::Ob3
    }
}

/// The installation's issuer key, kept beside the records database.
pub struct Issuer {
    /// The key.
    pub key: IssuerKey,
    /// Its file.
    pub path: PathBuf,
    /// Whether it was created just now (a front end says so once, and
    /// that it must be kept private and backed up).
    pub created: bool,
}

/// Loads the issuer key beside the records file `db`, creating it
/// (owner-only) on first use.
pub fn issuer(db: &Path) -> Result<Issuer> {
    let path = db.with_file_name(KEY_FILE);
    let existed = path.exists();
    let key = IssuerKey::load_or_create(&path)?;
    Ok(Issuer {
        key,
        path,
        created: !existed,
    })
}

/// What an export wrote to a file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportDone {
    /// The file written.
    pub path: PathBuf,
    /// Its detached signature beside it.
    pub signature: Option<PathBuf>,
    /// Records written (rows, attempts, statements or credentials).
    pub records: u64,
    /// Bytes written.
    pub bytes: u64,
    /// SHA-256 of the file (hex).
    pub sha256: String,
    /// The records' hash-chain head at export time.
    pub chain_head: String,
}

/// Writes the export `request` asks for to `path` (atomically, owner-only)
/// and signs it with `key`, reporting `progress(done, total)`.
pub fn write_file(
    store: &Store,
    request: &ExportRequest,
    key: &IssuerKey,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ExportDone> {
    let written = export::write_file(store, &request.options()?, Some(key), path, progress)?;
    Ok(ExportDone {
        path: path.to_path_buf(),
        signature: written.signature,
        records: written.summary.records,
        bytes: written.summary.bytes,
        sha256: written.summary.sha256,
        chain_head: written.summary.chain_head,
    })
}

/// Writes the export to `out` (standard output, say), unsigned; `key` is
/// needed for credentials ([`ExportRequest::needs_key`]).
pub fn write_to(
    store: &Store,
    request: &ExportRequest,
    key: Option<&IssuerKey>,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary> {
    Ok(export::export(
        store,
        &request.options()?,
        key,
        out,
        progress,
    )?)
}

/// The outbox of statements waiting for a learning record store, beside
/// the records file `db`.
pub fn outbox(db: &Path) -> Result<Outbox> {
    Ok(Outbox::open(&Outbox::beside(db))?)
}

/// The outbox: statements by state, and the ones the store rejected.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxView {
    /// Pending, delivered and failed counts.
    pub counts: OutboxCounts,
    /// Rejected statements with the store's message.
    pub failed: Vec<FailedStatement>,
}

impl OutboxView {
    /// The outbox's state now.
    pub fn of(outbox: &Outbox) -> Result<OutboxView> {
        Ok(OutboxView {
            counts: outbox.counts()?,
            failed: outbox.failed()?,
        })
    }
}

/// Puts the statements a store rejected back in the queue.
pub fn retry_failed(outbox: &Outbox) -> Result<OutboxView> {
    outbox.retry_failed()?;
    OutboxView::of(outbox)
}

/// Queues the xAPI statements of the records `filters` select, named under
/// `home_page`, in the outbox; statements already queued are not queued
/// twice. Returns how many were new.
pub fn queue(
    store: &Store,
    outbox: &mut Outbox,
    filters: &FilterInput,
    home_page_given: &str,
) -> Result<usize> {
    let opts = export::Options {
        format: Format::Xapi,
        filter: filters.filter()?,
        include_identity: false,
        home_page: home_page(home_page_given, true)?,
        issuer_name: String::new(),
    };
    Ok(export::sync_outbox(store, outbox, &opts)?)
}

/// The store's address and credentials as typed; refused when the address
/// is blank. The password is used for the push and never stored.
pub fn lrs_config(address: &str, user: &str, password: &str) -> Result<LrsConfig> {
    if address.trim().is_empty() {
        return Err(Error::Invalid(
            "give the learning record store's xAPI address".into(),
        ));
    }
    Ok(LrsConfig::new(address.trim(), user, password))
}

/// What a push did, with the outbox after it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PushOutcome {
    /// Statements newly queued from the records before sending.
    pub queued: usize,
    /// Statements the store acknowledged in this push.
    pub delivered: u64,
    /// Statements the store rejected in this push, with its messages.
    pub rejected: Vec<FailedStatement>,
    /// Why the push stopped early, in words (the rest stay pending).
    pub stopped: Option<String>,
    /// The outbox after the push.
    pub outbox: OutboxView,
}

impl PushOutcome {
    /// Whether anything is left undone: the push stopped, or some
    /// statement stands rejected in the outbox.
    pub fn incomplete(&self) -> bool {
        self.stopped.is_some() || self.outbox.counts.failed > 0
    }
}

/// Sends everything pending in the outbox to the store `cfg` names,
/// reporting `progress(done, total)`. A push that stops (the store
/// unreachable, credentials refused) is not an error: the outcome says why,
/// and what is not delivered stays pending for the next push.
pub fn send(
    outbox: &mut Outbox,
    cfg: &LrsConfig,
    queued: usize,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<PushOutcome> {
    let (delivered, rejected, stopped) = match xapi::push(outbox, cfg, progress) {
        Ok(r) => (
            r.delivered,
            r.failed
                .into_iter()
                .map(|(id, message)| FailedStatement { id, message })
                .collect(),
            None,
        ),
        Err(e) => (
            0,
            Vec::new(),
            Some(format!(
                "{e}; nothing was lost: the statements not delivered stay in the outbox, push again to resume"
            )),
        ),
    };
    Ok(PushOutcome {
        queued,
        delivered,
        rejected,
        stopped,
        outbox: OutboxView::of(outbox)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{play_test, records_on};

    fn request(format: ExportFormat) -> ExportRequest {
        serde_json::from_value(serde_json::json!({ "format": format })).unwrap()
    }

    #[test]
    fn formats_read_as_the_page_and_the_cli_name_them() {
        let r: ExportRequest =
            serde_json::from_str(r#"{"format": "csv-attempts", "filters": {}}"#).unwrap();
        assert_eq!(r.format, ExportFormat::CsvAttempts);
        assert_eq!(r.issuer_name, DEFAULT_ISSUER);
        assert_eq!(ExportFormat::Ob3.offered_file().extension, "json");
        assert!(serde_json::from_str::<ExportRequest>(r#"{"format": "pdf"}"#).is_err());
    }

    #[test]
    fn xapi_needs_a_home_page_and_never_carries_identity() {
        let mut r = request(ExportFormat::Xapi);
        r.home_page = "   ".into();
        let err = r.options().expect_err("refused");
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().contains("home page"), "{err}");
        r.home_page = " https://trust.example ".into();
        assert_eq!(r.options().unwrap().home_page, "https://trust.example");
        r.include_identity = true;
        assert!(r.identity_ignored());
        let mut csv = request(ExportFormat::Csv);
        csv.include_identity = true;
        assert!(!csv.identity_ignored());
        assert!(csv.options().is_ok(), "csv names no actors");
    }

    #[test]
    fn every_file_is_signed_and_credentials_always_need_the_key() {
        for f in [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Xapi] {
            assert!(request(f).needs_key(true), "{f:?}");
            assert!(!request(f).needs_key(false), "{f:?}");
        }
        assert!(request(ExportFormat::Ob3).needs_key(false));
    }

    #[test]
    fn a_csv_export_to_a_file_is_signed_beside_it() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let ana = opened.store.add_trainee("Ana", None, None).unwrap();
        play_test(&opened.store, ana.id, "near-miss", "strong path");
        let issuer = issuer(opened.store.path()).unwrap();
        assert!(issuer.path.is_file());
        assert!(!self::issuer(opened.store.path()).unwrap().created, "kept");
        let path = tmp.path().join("out.csv");
        let mut calls = 0;
        let done = write_file(
            &opened.store,
            &request(ExportFormat::CsvAttempts),
            &issuer.key,
            &path,
            &mut |_, _| calls += 1,
        )
        .unwrap();
        assert_eq!(done.records, 1);
        assert_eq!(done.bytes, std::fs::metadata(&path).unwrap().len());
        assert!(done.signature.as_deref().is_some_and(Path::is_file));
        assert!(calls > 0);
        let verdict =
            export::verify_file(&path, None, opened.store.clock().now()).expect("verifies");
        assert!(verdict.valid, "{verdict:?}");
    }

    #[test]
    fn a_push_to_a_store_that_is_not_there_stops_and_keeps_everything() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let ana = opened.store.add_trainee("Ana", None, None).unwrap();
        play_test(&opened.store, ana.id, "near-miss", "strong path");
        let mut outbox = outbox(opened.store.path()).unwrap();
        let filters = FilterInput::default();
        assert!(queue(&opened.store, &mut outbox, &filters, "").is_err());
        let queued = queue(
            &opened.store,
            &mut outbox,
            &filters,
            "https://trust.example",
        )
        .unwrap();
        assert!(queued > 0);
        assert_eq!(
            queue(
                &opened.store,
                &mut outbox,
                &filters,
                "https://trust.example"
            )
            .unwrap(),
            0,
            "queued once"
        );
        assert!(lrs_config("  ", "u", "p").is_err());
        // Port 9 on loopback: nothing listens, the connection is refused.
        let mut cfg = lrs_config("http://127.0.0.1:9/xapi/", "u", "p").unwrap();
        cfg.tries = 1;
        cfg.backoff = std::time::Duration::from_millis(1);
        let outcome = send(&mut outbox, &cfg, queued, &mut |_, _| {}).unwrap();
        assert!(outcome.incomplete());
        assert_eq!(outcome.delivered, 0);
        assert!(outcome
            .stopped
            .as_deref()
            .unwrap()
            .contains("nothing was lost"));
        assert_eq!(outcome.outbox.counts.pending, queued as u64);
    }
}
