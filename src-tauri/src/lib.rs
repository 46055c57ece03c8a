//! # rehearse-desktop
//!
//! The Rehearse desktop app: a thin Tauri 2 shell over `rehearse-core`.
//! Commands are grouped by capability in [`commands`]; state lives in the
//! newtypes of [`state`], given to `.manage()`; every error reaches the page
//! as `{code, message}` ([`error::Error`]). Grading, routing, linting,
//! Markdown rendering and records all come from the core; this crate only
//! adapts them into views for the page ([`views`]) and watches scenario
//! files for the workbench ([`watch`]).

pub mod commands;
pub mod error;
pub mod navigation;
pub mod state;
pub mod views;
pub mod watch;

pub use error::{Error, Result};

/// Adds the app's state and command handler to a builder, for any runtime
/// (the real window, or Tauri's mock runtime in tests).
pub fn setup<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    app: state::AppState,
) -> tauri::Builder<R> {
    let state::AppState {
        records,
        library,
        player,
        workbench,
    } = app;
    // The language setting lives beside the records database; an unreadable
    // settings file is reported and the system's language used instead.
    let locale = commands::locale::Locale::beside(&records).unwrap_or_else(|e| {
        eprintln!("rehearse: {e}; using the system's language");
        commands::locale::Locale::system_only(&records)
    });
    builder
        .manage(locale)
        .manage(records)
        .manage(library)
        .manage(player)
        .manage(workbench)
        .invoke_handler(tauri::generate_handler![
            commands::profiles::list_profiles,
            commands::profiles::create_profile,
            commands::library::list_scenarios,
            commands::library::add_library_folder,
            commands::library::remove_library_folder,
            commands::player::start_attempt,
            commands::player::current_attempt,
            commands::player::respond,
            commands::player::undo_turn,
            commands::player::list_in_progress,
            commands::player::resume_attempt,
            commands::player::abandon_attempt,
            commands::debrief::attempt_report,
            commands::debrief::save_report,
            commands::dashboard::trainee_dashboard,
            commands::dashboard::stored_report,
            commands::moderation::trainer_exists,
            commands::moderation::create_trainer,
            commands::moderation::trainer_login,
            commands::moderation::moderation_queue,
            commands::moderation::moderation_attempt,
            commands::moderation::moderate,
            commands::observation::observation_overview,
            commands::observation::record_observation,
            commands::staff::staff_sign_in,
            commands::workbench::choose_workbench_folder,
            commands::workbench::open_workbench,
            commands::workbench::close_workbench,
            commands::workbench::workbench_graph,
            commands::workbench::play_from,
            commands::workbench::run_scenario_tests,
            commands::workbench::run_explorer,
            commands::accreditation::records_table,
            commands::accreditation::export_records,
            commands::accreditation::outbox_state,
            commands::accreditation::retry_failed_statements,
            commands::accreditation::push_statements,
            commands::accreditation::choose_file_to_verify,
            commands::accreditation::verify_file,
            commands::analytics::cohort_report,
            commands::certificate::save_certificate,
            commands::locale::locale_messages,
            commands::locale::set_language,
        ])
}

/// Starts the app: opens the records database in the platform data
/// directory and shows the main window.
pub fn run() {
    let app = match state::AppState::open_default() {
        Ok(app) => app,
        Err(e) => {
            eprintln!("rehearse: {e}");
            std::process::exit(1);
        }
    };
    setup(
        tauri::Builder::default()
            .plugin(tauri_plugin_dialog::init())
            .plugin(navigation::guard()),
        app,
    )
    .run(tauri::generate_context!())
    .unwrap_or_else(|e| {
        eprintln!("rehearse: the window could not be started: {e}");
        std::process::exit(1);
    });
}
