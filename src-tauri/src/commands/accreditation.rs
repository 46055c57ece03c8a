//! The accreditation role: the records table with its filters, exports
//! through the system's save dialog, pushing statements to a learning
//! record store through the outbox, and verifying a credential or signed
//! export. Every query, format, signature and check comes from
//! `rehearse-core` (`export`, `xapi`, `credential`); these commands only
//! adapt arguments, run long work off the main thread and report its
//! progress as events ([`EXPORT_PROGRESS`], [`PUSH_PROGRESS`]).
//!
//! Every command carries the name and passphrase of a trainer or an
//! accreditation officer (`staff`, `passphrase`) and asks the core first
//! (`Store::authorise` with `Capability::Accredit`), so a trainee profile
//! is refused with `unauthorised` before any record is read and before any
//! dialog opens. The shell keeps no session.

use crate::commands::{ask_save_path, off_main};
use crate::error::{Error, Result};
use crate::state::{lock, Records};
use rehearse_core::credential::{keys::KEY_FILE, IssuerKey};
use rehearse_core::export::{self, FileVerdict, Format, PageRequest, RosterPage};
use rehearse_core::records::Capability;
use rehearse_core::xapi::outbox::FailedStatement;
use rehearse_core::xapi::{self, LrsConfig, Outbox, OutboxCounts};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// The event carrying an export's progress ([`Progress`]).
pub const EXPORT_PROGRESS: &str = "export-progress";
/// The event carrying a push's progress ([`Progress`]).
pub const PUSH_PROGRESS: &str = "push-progress";

/// The issuer name written into credentials made by the desktop app.
pub(crate) const ISSUER_NAME: &str = "Rehearse";

/// The filters as the page sends them (blank fields mean "any"): the
/// application layer's one records filter, shared with the CLI's flags.
pub use rehearse_app::filter::FilterInput;

/// Progress of long work: `done` of about `total` records.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Progress {
    /// Records so far.
    pub done: u64,
    /// Estimated total.
    pub total: u64,
}

/// Emits progress events, at most about a hundred per run.
fn reporter<R: Runtime>(app: &AppHandle<R>, event: &'static str) -> impl FnMut(u64, u64) {
    let app = app.clone();
    let mut last = None;
    move |done, total| {
        let step = (total / 100).max(1);
        let percent = done / step;
        if done == 0 || done >= total || last != Some(percent) {
            last = Some(percent);
            let _ = app.emit(event, Progress { done, total });
        }
    }
}

/// Asks the core whether `staff` may use the training records.
fn authorise(records: &Records, staff: &str, passphrase: &str) -> Result<()> {
    lock(&records.0).authorise(staff, passphrase, Capability::Accredit)?;
    Ok(())
}

/// One page of the records table for the filters (one row per trainee,
/// pseudonymous; staff name and passphrase required). `page` counts from
/// 0 (the first page when absent); pages hold the core's default size.
#[tauri::command]
pub async fn records_table<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
    filters: FilterInput,
    page: Option<u64>,
) -> Result<RosterPage> {
    off_main(app, move |app| {
        records_table_blocking(app.state(), staff, passphrase, filters, page)
    })
    .await
}

/// The work of [`records_table`], on the calling thread (the command tests call it).
pub fn records_table_blocking(
    records: State<'_, Records>,
    staff: String,
    passphrase: String,
    filters: FilterInput,
    page: Option<u64>,
) -> Result<RosterPage> {
    let store = lock(&records.0);
    store.authorise(&staff, &passphrase, Capability::Accredit)?;
    let filter = filters.filter()?;
    let request = PageRequest {
        page: page.unwrap_or(0),
        ..PageRequest::default()
    };
    Ok(export::roster::page(&store, &filter, request)?)
}

/// The export formats, as the page names them (the core's names).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    /// One row per trainee and competency.
    Csv,
    /// One row per attempt.
    CsvAttempts,
    /// The documented JSON, signed as a bundle.
    Json,
    /// xAPI 1.0.3 statements.
    Xapi,
    /// Open Badges 3.0 credentials.
    Ob3,
}

impl ExportFormat {
    fn core(self) -> Format {
        match self {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::CsvAttempts => Format::CsvAttempts,
            ExportFormat::Json => Format::Json,
            ExportFormat::Xapi => Format::Xapi,
            ExportFormat::Ob3 => Format::Ob3,
        }
    }

    /// The file name offered, its dialog filter name and extension.
    fn file(self) -> (&'static str, &'static str, &'static str) {
        match self {
            ExportFormat::Csv => ("rehearse-competencies.csv", "CSV", "csv"),
            ExportFormat::CsvAttempts => ("rehearse-attempts.csv", "CSV", "csv"),
            ExportFormat::Json => ("rehearse-records.json", "JSON", "json"),
            ExportFormat::Xapi => ("rehearse-xapi-statements.json", "JSON", "json"),
            ExportFormat::Ob3 => ("rehearse-credentials.json", "JSON", "json"),
        }
    }
}

/// What to export.
#[derive(Debug, Clone, Deserialize)]
pub struct ExportRequest {
    /// The format.
    pub format: ExportFormat,
    /// Which records.
    #[serde(default)]
    pub filters: FilterInput,
    /// Add names and emails (off unless the user ticks it).
    #[serde(default)]
    pub include_identity: bool,
    /// The organisation's home page (xAPI actors).
    #[serde(default)]
    pub home_page: String,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDone {
    /// The file written.
    pub path: PathBuf,
    /// Its signature file (JSON exports).
    pub signature: Option<PathBuf>,
    /// Records written.
    pub records: u64,
    /// Bytes written.
    pub bytes: u64,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Records chain head at export time.
    pub chain_head: String,
}

/// The installation's issuer key, beside the records database (created on
/// first use, owner-only, by the core).
fn issuer_key(db: &Path) -> Result<IssuerKey> {
    Ok(IssuerKey::load_or_create(&db.with_file_name(KEY_FILE))?)
}

/// Writes an export to `path` off the main thread, emitting
/// [`EXPORT_PROGRESS`], once the core has authorised `staff` (what
/// [`export_records`] does after the user chose the file).
pub async fn write_export<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
    request: ExportRequest,
    path: PathBuf,
) -> Result<ExportDone> {
    off_main(app.clone(), move |app| {
        authorise(&app.state::<Records>(), &staff, &passphrase)
    })
    .await?;
    write_authorised(app, request, path).await
}

/// [`write_export`] after the authorisation.
async fn write_authorised<R: Runtime>(
    app: AppHandle<R>,
    request: ExportRequest,
    path: PathBuf,
) -> Result<ExportDone> {
    let opts = export::Options {
        format: request.format.core(),
        filter: request.filters.filter()?,
        include_identity: request.include_identity,
        home_page: request.home_page.trim().to_string(),
        issuer_name: ISSUER_NAME.to_string(),
    };
    let mut progress = reporter(&app, EXPORT_PROGRESS);
    off_main(app, move |app| {
        // Its own connection: the export reads while the shared one stays
        // free for the rest of the window (WAL), however long it runs.
        let store = app.state::<Records>().open_another()?;
        let key = match opts.format {
            Format::Json | Format::Ob3 => Some(issuer_key(store.path())?),
            _ => None,
        };
        let written = export::write_file(&store, &opts, key.as_ref(), &path, &mut progress)?;
        Ok(ExportDone {
            path,
            signature: written.signature,
            records: written.summary.records,
            bytes: written.summary.bytes,
            sha256: written.summary.sha256,
            chain_head: written.summary.chain_head,
        })
    })
    .await
}

/// Asks where to save with the system's save dialog, then exports there;
/// nothing when the dialog was cancelled (staff name and passphrase
/// required before the dialog opens).
#[tauri::command]
pub async fn export_records<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
    request: ExportRequest,
) -> Result<Option<ExportDone>> {
    off_main(app.clone(), move |app| {
        authorise(&app.state::<Records>(), &staff, &passphrase)
    })
    .await?;
    // Check the filters before asking for a file.
    request.filters.filter()?;
    let (name, filter_name, ext) = request.format.file();
    let Some(path) = ask_save_path(&app, "Export records", name, filter_name, ext)? else {
        return Ok(None);
    };
    write_authorised(app, request, path).await.map(Some)
}

/// The outbox: statements by state, and the ones the store rejected.
#[derive(Debug, Clone, Serialize)]
pub struct OutboxView {
    /// Pending, delivered and failed counts.
    pub counts: OutboxCounts,
    /// Rejected statements with the store's message.
    pub failed: Vec<FailedStatement>,
}

fn outbox_path(records: &Records) -> PathBuf {
    Outbox::beside(lock(&records.0).path())
}

fn outbox_view(outbox: &Outbox) -> Result<OutboxView> {
    Ok(OutboxView {
        counts: outbox.counts()?,
        failed: outbox.failed()?,
    })
}

/// The outbox's state (staff name and passphrase required).
#[tauri::command]
pub async fn outbox_state<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
) -> Result<OutboxView> {
    off_main(app, move |app| {
        outbox_state_blocking(app.state(), staff, passphrase)
    })
    .await
}

/// The work of [`outbox_state`], on the calling thread (the command tests call it).
pub fn outbox_state_blocking(
    records: State<'_, Records>,
    staff: String,
    passphrase: String,
) -> Result<OutboxView> {
    authorise(&records, &staff, &passphrase)?;
    outbox_view(&Outbox::open(&outbox_path(&records))?)
}

/// Puts the statements the store rejected back in the queue (staff name
/// and passphrase required).
#[tauri::command]
pub async fn retry_failed_statements<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
) -> Result<OutboxView> {
    off_main(app, move |app| {
        retry_failed_statements_blocking(app.state(), staff, passphrase)
    })
    .await
}

/// The work of [`retry_failed_statements`], on the calling thread (the command tests call it).
pub fn retry_failed_statements_blocking(
    records: State<'_, Records>,
    staff: String,
    passphrase: String,
) -> Result<OutboxView> {
    authorise(&records, &staff, &passphrase)?;
    let outbox = Outbox::open(&outbox_path(&records))?;
    outbox.retry_failed()?;
    outbox_view(&outbox)
}

/// What a push did, with the outbox after it.
#[derive(Debug, Clone, Serialize)]
pub struct PushOutcome {
    /// Statements newly queued from the records before sending.
    pub queued: usize,
    /// Statements the store acknowledged in this push.
    pub delivered: u64,
    /// Why the push stopped early, in words (the rest stay pending).
    pub stopped: Option<String>,
    /// The outbox after the push.
    pub outbox: OutboxView,
}

/// Queues the filtered records' statements and sends everything pending
/// with `cfg`, off the main thread, emitting [`PUSH_PROGRESS`], once the
/// core has authorised `staff`. A push that stops (store unreachable,
/// refused credentials) is not an error: the outcome says why and what is
/// still pending.
pub async fn push_with<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
    cfg: LrsConfig,
    filters: FilterInput,
    home_page: String,
) -> Result<PushOutcome> {
    off_main(app.clone(), move |app| {
        authorise(&app.state::<Records>(), &staff, &passphrase)
    })
    .await?;
    push_authorised(app, cfg, filters, home_page).await
}

/// [`push_with`] after the authorisation.
async fn push_authorised<R: Runtime>(
    app: AppHandle<R>,
    cfg: LrsConfig,
    filters: FilterInput,
    home_page: String,
) -> Result<PushOutcome> {
    let opts = export::Options {
        format: Format::Xapi,
        filter: filters.filter()?,
        include_identity: false,
        home_page: home_page.trim().to_string(),
        issuer_name: String::new(),
    };
    let mut progress = reporter(&app, PUSH_PROGRESS);
    off_main(app, move |app| {
        let records = app.state::<Records>();
        let mut outbox = Outbox::open(&outbox_path(&records))?;
        // Queuing reads every matching record: on its own connection, so
        // the shared one stays free for the rest of the window (WAL).
        let queued = export::sync_outbox(&records.open_another()?, &mut outbox, &opts)?;
        let (delivered, stopped) = match xapi::push(&mut outbox, &cfg, &mut progress) {
            Ok(r) => (r.delivered, None),
            Err(e) => (
                0,
                Some(format!(
                    "{e}. Nothing was lost: the statements not delivered stay in the outbox; push again to resume."
                )),
            ),
        };
        Ok(PushOutcome {
            queued,
            delivered,
            stopped,
            outbox: outbox_view(&outbox)?,
        })
    })
    .await
}

/// Pushes to the learning record store at `lrs` (staff name and
/// passphrase required). The store's password is used for this push only
/// and never stored.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn push_statements<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
    lrs: String,
    user: String,
    password: String,
    filters: FilterInput,
    home_page: String,
) -> Result<PushOutcome> {
    off_main(app.clone(), move |app| {
        authorise(&app.state::<Records>(), &staff, &passphrase)
    })
    .await?;
    if lrs.trim().is_empty() {
        return Err(Error::invalid(
            "give the learning record store's xAPI address",
        ));
    }
    let cfg = LrsConfig::new(lrs.trim(), &user, &password);
    drop(password);
    push_authorised(app, cfg, filters, home_page).await
}

/// Asks for a file to verify with the system's open dialog (staff name
/// and passphrase required before the dialog opens).
#[tauri::command]
pub async fn choose_file_to_verify<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
) -> Result<Option<PathBuf>> {
    authorise(&app.state::<Records>(), &staff, &passphrase)?;
    match app
        .dialog()
        .file()
        .set_title("Choose a credential or signed export to verify")
        .add_filter("JSON", &["json"])
        .blocking_pick_file()
    {
        Some(p) => p
            .into_path()
            .map(Some)
            .map_err(|e| Error::Dialog(e.to_string())),
        None => Ok(None),
    }
}

/// Verifies a credential file or signed export offline, as of the records
/// clock's now; every check made is in the verdict (staff name and
/// passphrase required).
#[tauri::command]
pub async fn verify_file<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
    path: PathBuf,
) -> Result<FileVerdict> {
    off_main(app, move |app| {
        let records = app.state::<Records>();
        let store = lock(&records.0);
        store.authorise(&staff, &passphrase, Capability::Accredit)?;
        let now = store.clock().now();
        // Pinned to this installation's own issuer: a file signed by any
        // other key reads "signed by an issuer you have not pinned", never
        // "genuine".
        let own = issuer_key(store.path())?.controller_document(ISSUER_NAME);
        drop(store);
        Ok(export::verify_file(&path, Some(&own), now)?)
    })
    .await
}
