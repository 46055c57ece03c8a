//! Cohort and item analytics for trainers: a thin adapter over
//! `rehearse_core::analytics`. Every call carries the trainer's name and
//! passphrase and asks the core first (`Store::authorise` with
//! `Capability::Moderate`, which only trainers hold: the item analysis
//! shows which options pass, so it is part of the answer key); the
//! figures, the small-group rule and the chart come from the core, and
//! the report reads through its own connection so the window's stays free.

use crate::commands::off_main;
use crate::error::Result;
use crate::state::{lock, Library, Records};
use rehearse_core::records::Capability;
use tauri::{AppHandle, Manager, Runtime, State};

/// The query and report views: the application layer's.
pub use rehearse_app::analytics::{CohortQuery, CohortView, KindView};

/// A cohort report (trainer name and passphrase required).
#[tauri::command]
pub async fn cohort_report<R: Runtime>(
    app: AppHandle<R>,
    staff: String,
    passphrase: String,
    query: CohortQuery,
) -> Result<CohortView> {
    off_main(app, move |app| {
        cohort_report_blocking(app.state(), app.state(), staff, passphrase, query)
    })
    .await
}

/// The work of [`cohort_report`], on the calling thread (the command tests call it).
pub fn cohort_report_blocking(
    records: State<'_, Records>,
    library: State<'_, Library>,
    staff: String,
    passphrase: String,
    query: CohortQuery,
) -> Result<CohortView> {
    lock(&records.0).authorise(&staff, &passphrase, Capability::Moderate)?;
    let (kind, filter) = query.parse()?;
    let folders = lock(&library.0).paths();
    let store = records.open_another()?;
    Ok(rehearse_app::analytics::report(
        &store,
        kind,
        &filter,
        &mut lock(&library.1),
        &folders,
    )?)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppState;
    use rehearse_app::filter::FilterInput;
    use rehearse_core::records::Role;
    use tauri::test::{mock_builder, mock_context, noop_assets};

    #[test]
    fn only_trainers_get_reports_and_bad_queries_are_refused() {
        let data = tempfile::tempdir().unwrap();
        let app = crate::setup(mock_builder(), AppState::open(data.path()).unwrap())
            .build(mock_context(noop_assets()))
            .unwrap();
        {
            let records = app.state::<Records>();
            let store = lock(&records.0);
            store
                .add_trainer("Dr Okafor", "correct horse battery")
                .unwrap();
            store
                .add_staff(
                    "Olu Officer",
                    "audit the audit trail",
                    Role::AccreditationOfficer,
                )
                .unwrap();
            store.add_trainee("Sam", None, Some("North")).unwrap();
        }
        let ask = |who: &str, pass: &str, kind: &str, to: &str| {
            cohort_report_blocking(
                app.state(),
                app.state(),
                who.into(),
                pass.into(),
                CohortQuery {
                    kind: kind.into(),
                    filters: FilterInput {
                        organisation: Some(" ".into()),
                        from: Some("2026-02-01".into()),
                        to: Some(to.into()),
                        status: Vec::new(),
                    },
                    scenario: None,
                },
            )
        };
        for (who, pass) in [
            ("Olu Officer", "audit the audit trail"),
            ("Sam", "correct horse battery"),
            ("Dr Okafor", "wrong"),
        ] {
            let e = ask(who, pass, "pass-rate", "2026-03-01").unwrap_err();
            assert_eq!(e.code(), "unauthorised", "{who}");
        }
        let v = ask(
            "Dr Okafor",
            "correct horse battery",
            "pass-rate",
            "2026-03-01",
        )
        .unwrap();
        assert!(v.report.table.rows.is_empty());
        assert_eq!(v.kinds.len(), 6);
        assert!(
            v.report.scope.contains("all organisations"),
            "{}",
            v.report.scope
        );
        let e = ask(
            "Dr Okafor",
            "correct horse battery",
            "pass_rate",
            "2026-03-01",
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown report"), "{e}");
        let e = ask("Dr Okafor", "correct horse battery", "items", "2026-01-01").unwrap_err();
        assert!(e.to_string().contains("backwards"), "{e}");
    }
}
