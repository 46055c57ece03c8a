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
use crate::error::Result;
use crate::state::{lock, Records};
use rehearse_app::accreditation::{self as accreditation, issuer, OutboxView, PushOutcome};
use rehearse_core::export::{self, FileVerdict, PageRequest, RosterPage};
use rehearse_core::records::Capability;
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// The event carrying an export's progress ([`Progress`]).
pub const EXPORT_PROGRESS: &str = "export-progress";
/// The event carrying a push's progress ([`Progress`]).
pub const PUSH_PROGRESS: &str = "push-progress";

/// The issuer name written into credentials made by the desktop app.
pub(crate) const ISSUER_NAME: &str = accreditation::DEFAULT_ISSUER;

/// What to export and what an export wrote: the application layer's views.
pub use rehearse_app::accreditation::{ExportDone, ExportFormat, ExportRequest};
/// The filters as the page sends them (blank fields mean "any"): the
/// application layer's one records filter, shared with the CLI's flags.
pub use rehearse_app::filter::FilterInput;

/// Progress of long work: the application layer's event payload.
pub use rehearse_app::accreditation::Progress;

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
    let mut progress = reporter(&app, EXPORT_PROGRESS);
    off_main(app, move |app| {
        // Its own connection: the export reads while the shared one stays
        // free for the rest of the window (WAL), however long it runs.
        let store = app.state::<Records>().open_another()?;
        let key = issuer(store.path())?.key;
        Ok(accreditation::write_file(
            &store,
            &request,
            &key,
            &path,
            &mut progress,
        )?)
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
    // Check the filters and the home page before asking for a file.
    request.options()?;
    let offered = request.format.offered_file();
    let Some(path) = ask_save_path(
        &app,
        "Export records",
        offered.name,
        offered.kind,
        offered.extension,
    )?
    else {
        return Ok(None);
    };
    write_authorised(app, request, path).await.map(Some)
}

fn outbox(records: &Records) -> Result<rehearse_core::xapi::Outbox> {
    Ok(accreditation::outbox(lock(&records.0).path())?)
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
    Ok(OutboxView::of(&outbox(&records)?)?)
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
    Ok(accreditation::retry_failed(&outbox(&records)?)?)
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
    cfg: rehearse_core::xapi::LrsConfig,
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
    cfg: rehearse_core::xapi::LrsConfig,
    filters: FilterInput,
    home_page: String,
) -> Result<PushOutcome> {
    let mut progress = reporter(&app, PUSH_PROGRESS);
    off_main(app, move |app| {
        let records = app.state::<Records>();
        let mut outbox = outbox(&records)?;
        // Queuing reads every matching record: on its own connection, so
        // the shared one stays free for the rest of the window (WAL).
        let queued =
            accreditation::queue(&records.open_another()?, &mut outbox, &filters, &home_page)?;
        Ok(accreditation::send(
            &mut outbox,
            &cfg,
            queued,
            &mut progress,
        )?)
    })
    .await
}

/// Pushes to the learning record store at `lrs` (staff name and
/// passphrase required). The store's password is used for this push only
/// and never stored. Its arguments are snake_case, as every other
/// command's and every view model's fields are (`home_page`).
#[tauri::command(rename_all = "snake_case")]
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
    let cfg = accreditation::lrs_config(&lrs, &user, &password)?;
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
    crate::commands::picked_path(
        app.dialog()
            .file()
            .set_title("Choose a credential or signed export to verify")
            .add_filter("JSON", &["json"])
            .blocking_pick_file(),
    )
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
        let own = issuer(store.path())?.key.controller_document(ISSUER_NAME);
        drop(store);
        Ok(export::verify_file(&path, Some(&own), now)?)
    })
    .await
}
