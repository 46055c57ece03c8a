//! Build script: generates the Tauri context and declares the app's own
//! commands, so each one gets its own `allow-…` permission that the
//! capability file grants explicitly.

/// Every `#[tauri::command]` the app exposes (keep in step with
/// `src/lib.rs`'s `generate_handler!`).
const COMMANDS: &[&str] = &[
    // profiles
    "list_profiles",
    "create_profile",
    // library
    "list_scenarios",
    "add_library_folder",
    "remove_library_folder",
    // player
    "start_attempt",
    "current_attempt",
    "respond",
    "undo_turn",
    "list_in_progress",
    "resume_attempt",
    "abandon_attempt",
    // debrief
    "attempt_report",
    "save_report",
    // dashboard
    "trainee_dashboard",
    "stored_report",
    // moderation
    "trainer_exists",
    "create_trainer",
    "trainer_login",
    "moderation_queue",
    "moderation_attempt",
    "moderate",
    // observed role-play (trainers)
    "observation_overview",
    "record_observation",
    // staff sign-in (workbench and training records)
    "staff_sign_in",
    // workbench
    "choose_workbench_folder",
    "open_workbench",
    "close_workbench",
    "workbench_graph",
    "play_from",
    "run_scenario_tests",
    "run_explorer",
    // accreditation
    "records_table",
    "export_records",
    "outbox_state",
    "retry_failed_statements",
    "push_statements",
    "choose_file_to_verify",
    "verify_file",
    // analytics (trainers)
    "cohort_report",
    // certificate (dashboard and training records)
    "save_certificate",
    // language (issue #14)
    "locale_messages",
    "set_language",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
