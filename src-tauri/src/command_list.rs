// The one list of the app's IPC commands, as `module::command` under
// `src/commands/`. It is a macro so that the build script (which declares
// one `allow-…` permission per command) and `lib.rs` (which registers the
// handlers) expand the same list: `with_commands!(m)` calls `m!` with it.
// `commands::ipc_tests` checks that the capability file and `ui/js/api.js`
// name exactly these commands. Plain `//` comments only: `build.rs` reads
// this file with `include!`.
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            // profiles
            profiles::list_profiles,
            profiles::create_profile,
            // library
            library::list_scenarios,
            library::add_library_folder,
            library::remove_library_folder,
            // player
            player::start_attempt,
            player::current_attempt,
            player::respond,
            player::undo_turn,
            player::list_in_progress,
            player::resume_attempt,
            player::abandon_attempt,
            // debrief
            debrief::attempt_report,
            debrief::save_report,
            // dashboard
            dashboard::trainee_dashboard,
            dashboard::stored_report,
            // moderation
            moderation::trainer_exists,
            moderation::create_trainer,
            moderation::moderation_queue,
            moderation::moderation_attempt,
            moderation::moderate,
            // observation
            observation::observation_overview,
            observation::record_observation,
            // staff
            staff::staff_sign_in,
            // workbench
            workbench::choose_workbench_folder,
            workbench::open_workbench,
            workbench::close_workbench,
            workbench::workbench_graph,
            workbench::play_from,
            workbench::run_scenario_tests,
            workbench::run_explorer,
            // accreditation
            accreditation::records_table,
            accreditation::export_records,
            accreditation::outbox_state,
            accreditation::retry_failed_statements,
            accreditation::push_statements,
            accreditation::choose_file_to_verify,
            accreditation::verify_file,
            // analytics
            analytics::cohort_report,
            // certificate
            certificate::save_certificate,
            // locale
            locale::locale_messages,
            locale::set_language,
        }
    };
}

// The names of the list's commands, as the page invokes them:
// `with_commands!(command_names)` is a `&[&str]`.
macro_rules! command_names {
    ($($module:ident :: $command:ident,)*) => {
        &[$(stringify!($command)),*]
    };
}
